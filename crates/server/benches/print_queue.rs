//! Print-queue benchmark: the whole path from `POST /api/print-jobs` over HTTP to the label arriving
//! at the TCP printer emulator on loopback, with the real server (SQLite in a temporary directory).
//!
//! * latency: jobs one at a time to an idle printer, enqueue → label received, p50/p99/max;
//! * throughput: a backlog queued by 8 concurrent clients, labels per second until the last arrives.
//!
//! `cargo bench -p server --bench print_queue` (JOBS=… LATENCY_JOBS=… to change the sizes).

use std::time::{Duration, Instant};

use etikettdrucker::printing::{Emulator, EmulatorConfig};
use etikettdrucker::settings::Settings;
use etikettdrucker::startup::Application;
use serde_json::{Value, json};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error + Send + Sync>>;

const PASSWORD: &str = "Bench-Zugang-Werk-2026";

struct Client {
    http: reqwest::Client,
    base: String,
    csrf: String,
}

impl Client {
    async fn post(&self, path: &str, body: &Value) -> Result<Value> {
        let response = self
            .http
            .post(format!("{}{path}", self.base))
            .header("x-csrf-token", &self.csrf)
            .json(body)
            .send()
            .await?;
        if !response.status().is_success() {
            return Err(format!("{path}: {}", response.status()).into());
        }
        Ok(response.json().await?)
    }
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

#[tokio::main]
async fn main() -> Result<()> {
    // `cargo bench` passes `--bench`; any other argument is a filter this benchmark ignores.
    let dir = tempfile::tempdir()?;
    let mut settings = Settings::load_from(None, Vec::new())?;
    settings.host = "127.0.0.1".parse()?;
    settings.port = 0;
    settings.data_dir = dir.path().join("data");
    settings.static_dir = dir.path().join("static");
    settings.log_level = "warn".into();
    settings.auth.bcrypt_cost = 4;
    let app = Application::build(settings).await?;
    let base = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());

    let http = reqwest::Client::builder().cookie_store(true).build()?;
    http.post(format!("{base}/api/setup/create-admin"))
        .json(
            &json!({"username": "admin", "email": "admin@rotoclear.test", "password": PASSWORD,
                      "firstName": "Bench", "lastName": "Admin"}),
        )
        .send()
        .await?
        .error_for_status()?;
    let login: Value = http
        .post(format!("{base}/api/auth/login"))
        .json(&json!({"identifier": "admin", "password": PASSWORD}))
        .send()
        .await?
        .json()
        .await?;
    let client = Client {
        http,
        base,
        csrf: login["csrfToken"].as_str().unwrap_or_default().to_string(),
    };

    let printer = Emulator::start("127.0.0.1:0".parse()?, EmulatorConfig::default()).await?;
    let registered = client
        .post(
            "/api/printers",
            &json!({"name": "Bench", "host": "127.0.0.1", "port": printer.local_addr().port()}),
        )
        .await?;
    let printer_id = registered["data"]["printer"]["id"].as_i64().ok_or("id")?;
    let job = json!({"printerId": printer_id, "test": true});
    let mut arrived = printer.subscribe();

    // Warm-up: connections, statement caches.
    for _ in 0..20 {
        client.post("/api/print-jobs", &job).await?;
    }
    arrived.wait_for(|&n| n >= 20).await?;

    let latency_jobs = env_usize("LATENCY_JOBS", 300);
    let mut latencies = Vec::with_capacity(latency_jobs);
    for i in 0..latency_jobs {
        let started = Instant::now();
        client.post("/api/print-jobs", &job).await?;
        arrived.wait_for(|&n| n > 20 + i).await?;
        latencies.push(started.elapsed());
    }
    latencies.sort();
    println!(
        "print_queue/enqueue_to_printed ({latency_jobs} jobs, idle printer): p50 {:.2} ms  p99 {:.2} ms  max {:.2} ms",
        percentile(&latencies, 0.50).as_secs_f64() * 1e3,
        percentile(&latencies, 0.99).as_secs_f64() * 1e3,
        latencies.last().copied().unwrap_or_default().as_secs_f64() * 1e3,
    );

    let jobs = env_usize("JOBS", 2000);
    let before = *arrived.borrow();
    let started = Instant::now();
    let client = std::sync::Arc::new(client);
    let mut senders = tokio::task::JoinSet::new();
    for worker in 0..8 {
        let client = std::sync::Arc::clone(&client);
        let job = job.clone();
        senders.spawn(async move {
            for _ in (worker..jobs).step_by(8) {
                client.post("/api/print-jobs", &job).await?;
            }
            Ok::<_, Box<dyn std::error::Error + Send + Sync>>(())
        });
    }
    while let Some(done) = senders.join_next().await {
        done??;
    }
    let queued_in = started.elapsed();
    arrived.wait_for(|&n| n >= before + jobs).await?;
    let elapsed = started.elapsed();
    println!(
        "print_queue/throughput ({jobs} jobs, one printer): {:.0} labels/s  (enqueued in {:.2} s at {:.0} jobs/s; last label after {:.2} s)",
        jobs as f64 / elapsed.as_secs_f64(),
        queued_in.as_secs_f64(),
        jobs as f64 / queued_in.as_secs_f64(),
        elapsed.as_secs_f64(),
    );
    Ok(())
}
