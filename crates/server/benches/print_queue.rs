//! Print-queue benchmark: the whole path from `POST /api/print-jobs` over HTTP to the label arriving
//! at the TCP printer emulator on loopback, with the real server (SQLite in a temporary directory).
//!
//! * latency: jobs one at a time to an idle printer, enqueue → label received, p50/p99/max;
//! * throughput: a backlog queued by 8 concurrent clients, labels per second until the last arrives.
//!
//! `cargo bench -p server --bench print_queue` (JOBS=… LATENCY_JOBS=… to change the sizes).

mod common;

use std::time::Instant;

use common::{Result, env_usize, summary};
use serde_json::json;

#[tokio::main]
async fn main() -> Result<()> {
    // `cargo bench` passes `--bench`; any other argument is a filter this benchmark ignores.
    let bench = common::start(|_| {}).await?;
    let (printer, printer_id) = bench.printer().await?;
    let client = &bench.client;
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
    println!(
        "print_queue/enqueue_to_printed ({latency_jobs} jobs, idle printer): {}",
        summary(&mut latencies)
    );

    let jobs = env_usize("JOBS", 2000);
    let before = *arrived.borrow();
    let started = Instant::now();
    let client = std::sync::Arc::new(bench);
    let mut senders = tokio::task::JoinSet::new();
    for worker in 0..8 {
        let client = std::sync::Arc::clone(&client);
        let job = job.clone();
        senders.spawn(async move {
            for _ in (worker..jobs).step_by(8) {
                client.client.post("/api/print-jobs", &job).await?;
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
