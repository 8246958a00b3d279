//! Outer-carton benchmark: `POST /api/outerkarton` with 50 lines over HTTP against the real server,
//! each carton holding 25 inspected C2 units (every serial checked against its inspection and
//! against the other cartons) and 25 C-Extender lines, stored and its label (two labels: 28 + 22
//! lines) queued to a printer emulator on loopback.
//!
//! `cargo bench -p server --bench carton` (CARTONS=… to change the size; BENCH_DATABASE_URL=… for
//! PostgreSQL instead of a temporary SQLite file).

mod common;

use std::sync::Arc;
use std::time::Instant;

use common::{Result, env_usize, summary};
use etikettdrucker::inspection::examples::{example_a, example_b};
use labels::product::Product;
use serde_json::{Value, json};

const UNITS_PER_CARTON: usize = 25;

#[tokio::main]
async fn main() -> Result<()> {
    let bench = common::start(|settings| settings.inspection.allow_same_inspector = true).await?;
    let (_printer, printer_id) = bench.printer().await?;
    let cartons = env_usize("CARTONS", 200);
    let units = (cartons + 5) * UNITS_PER_CARTON;

    // Passed units, recorded by 8 concurrent clients (A, then B).
    let started = Instant::now();
    let bench = Arc::new(bench);
    let mut seeders = tokio::task::JoinSet::new();
    for worker in 0..8 {
        let bench = Arc::clone(&bench);
        seeders.spawn(async move {
            for n in (worker..units).step_by(8) {
                let serial = format!("C2-B{n:06}");
                bench
                    .client
                    .post("/api/c2", &example_a(Product::C2, &serial))
                    .await?;
                let mut b = example_b(Product::C2);
                b["serialnummer"] = json!(serial);
                b["skipPrint"] = json!(true);
                bench.client.put("/api/c2", &b).await?;
            }
            Ok::<_, Box<dyn std::error::Error + Send + Sync>>(())
        });
    }
    while let Some(done) = seeders.join_next().await {
        done??;
    }
    println!(
        "carton/seed: {units} passed units in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let carton = |n: usize| -> Value {
        let mut entries = Vec::with_capacity(2 * UNITS_PER_CARTON);
        for u in 0..UNITS_PER_CARTON {
            let unit = n * UNITS_PER_CARTON + u;
            entries.push(json!({"artikelnummer": "10300",
                "artikelbezeichnung": "Rotoclear C2 Steuerrechner", "menge": 1,
                "serialnummer": format!("C2-B{unit:06}")}));
            entries.push(json!({"artikelnummer": "10370", "menge": 1,
                "serialnummer": format!("CX-{n:04}-{u:02}")}));
        }
        json!({"entries": entries, "lieferscheinNumber": format!("A-{n:05}"), "printerId": printer_id})
    };
    // Warm-up: connections, statement caches.
    for n in 0..5 {
        bench.client.post("/api/outerkarton", &carton(n)).await?;
    }
    let mut latencies = Vec::with_capacity(cartons);
    for n in 5..cartons + 5 {
        let body = carton(n);
        let started = Instant::now();
        let created = bench.client.post("/api/outerkarton", &body).await?;
        latencies.push(started.elapsed());
        if created["item"]["entries"].as_array().map(Vec::len) != Some(2 * UNITS_PER_CARTON) {
            return Err(format!("carton {n} not stored with 50 lines").into());
        }
    }
    println!(
        "carton/create_50_lines ({cartons} cartons, stored + label queued): {}",
        summary(&mut latencies)
    );
    Ok(())
}
