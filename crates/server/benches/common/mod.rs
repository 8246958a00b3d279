//! What the HTTP benchmarks share: the real server on loopback (SQLite in a temporary directory, or
//! `BENCH_DATABASE_URL`), an admin session, a registered printer emulator, and percentiles.

// Each benchmark uses a part of this module.
#![allow(dead_code)]

use std::time::Duration;

use etikettdrucker::printing::{Emulator, EmulatorConfig};
use etikettdrucker::settings::Settings;
use etikettdrucker::startup::Application;
use serde_json::{Value, json};

pub type Result<T> = std::result::Result<T, Box<dyn std::error::Error + Send + Sync>>;

const PASSWORD: &str = "Bench-Zugang-Werk-2026";

/// An admin session on the running server.
pub struct Client {
    pub http: reqwest::Client,
    pub base: String,
    pub csrf: String,
}

impl Client {
    pub async fn send(&self, method: reqwest::Method, path: &str, body: &Value) -> Result<Value> {
        let response = self
            .http
            .request(method, format!("{}{path}", self.base))
            .header("x-csrf-token", &self.csrf)
            .json(body)
            .send()
            .await?;
        let status = response.status();
        if !status.is_success() {
            let text = response.text().await.unwrap_or_default();
            return Err(format!("{path}: {status} {text}").into());
        }
        Ok(response.json().await?)
    }

    pub async fn post(&self, path: &str, body: &Value) -> Result<Value> {
        self.send(reqwest::Method::POST, path, body).await
    }

    pub async fn put(&self, path: &str, body: &Value) -> Result<Value> {
        self.send(reqwest::Method::PUT, path, body).await
    }
}

/// The server, its temporary data directory and the admin's session.
pub struct Bench {
    pub client: Client,
    _dir: tempfile::TempDir,
}

/// Starts the server (`configure` adjusts the settings) and signs the first admin in.
pub async fn start(configure: impl FnOnce(&mut Settings)) -> Result<Bench> {
    let dir = tempfile::tempdir()?;
    let mut settings = Settings::load_from(None, Vec::new())?;
    settings.host = "127.0.0.1".parse()?;
    settings.port = 0;
    settings.data_dir = dir.path().join("data");
    settings.static_dir = dir.path().join("static");
    settings.log_level = "warn".into();
    settings.auth.bcrypt_cost = 4;
    if let Ok(url) = std::env::var("BENCH_DATABASE_URL") {
        settings.database.url = Some(url.into());
    }
    configure(&mut settings);
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
    Ok(Bench {
        client: Client {
            http,
            base,
            csrf: login["csrfToken"].as_str().unwrap_or_default().to_string(),
        },
        _dir: dir,
    })
}

impl Bench {
    /// Starts a printer emulator on loopback and registers it; returns it with its id.
    pub async fn printer(&self) -> Result<(Emulator, i64)> {
        let printer = Emulator::start("127.0.0.1:0".parse()?, EmulatorConfig::default()).await?;
        let registered = self
            .client
            .post(
                "/api/printers",
                &json!({"name": "Bench", "host": "127.0.0.1", "port": printer.local_addr().port()}),
            )
            .await?;
        let id = registered["data"]["printer"]["id"].as_i64().ok_or("id")?;
        Ok((printer, id))
    }
}

pub fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

/// `p50 … ms  p99 … ms  max … ms` of `latencies` (sorted here).
pub fn summary(latencies: &mut [Duration]) -> String {
    latencies.sort();
    format!(
        "p50 {:.2} ms  p99 {:.2} ms  max {:.2} ms",
        percentile(latencies, 0.50).as_secs_f64() * 1e3,
        percentile(latencies, 0.99).as_secs_f64() * 1e3,
        latencies.last().copied().unwrap_or_default().as_secs_f64() * 1e3,
    )
}
