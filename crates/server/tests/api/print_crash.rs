//! Crash safety of the print queue: the real binary is killed (SIGKILL) while printing a backlog;
//! after a restart every job prints, at most one twice, in order.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use etikettdrucker::printing::{Emulator, EmulatorConfig};
use serde_json::{Value, json};

use crate::helpers::{ADMIN_PASSWORD, Session, TestResult, eventually, login_at};
use crate::print_jobs::job_number;

const BIN: &str = env!("CARGO_BIN_EXE_etikettdrucker");
const JOBS: usize = 200;

fn start_server(dir: &std::path::Path, port: u16) -> std::io::Result<Child> {
    let mut command = Command::new(BIN);
    command
        .current_dir(dir)
        .env_clear()
        .env("ETIKETT_DATA_DIR", dir.join("data"))
        .env("ETIKETT_STATIC_DIR", dir.join("static"))
        .env("HOST", "127.0.0.1")
        .env("PORT", port.to_string())
        .env("LOG_LEVEL", "warn")
        .env("ETIKETT_AUTH__BCRYPT_COST", "4")
        .env("ETIKETT_PRINTING__POLL_MS", "50")
        .env("ETIKETT_PRINTING__RETRY_BASE_MS", "20")
        .env("ETIKETT_PRINTING__RETRY_MAX_MS", "100")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    if let Ok(path) = std::env::var("PATH") {
        command.env("PATH", path);
    }
    command.spawn()
}

async fn healthy(address: &str) -> bool {
    eventually(Duration::from_secs(20), || async {
        reqwest::get(format!("{address}/api/health"))
            .await
            .is_ok_and(|r| r.status() == 200)
    })
    .await
}

async fn printed_total(session: &Session) -> u64 {
    let body: Value = match session
        .get("/api/print-jobs?state=printed&limit=1")
        .await
        .json()
        .await
    {
        Ok(body) => body,
        Err(_) => return 0,
    };
    body["data"]["pagination"]["total"]
        .as_u64()
        .unwrap_or_default()
}

#[tokio::test]
async fn a_killed_server_prints_the_whole_backlog_after_restart() -> TestResult {
    let dir = tempfile::tempdir()?;
    // A slow printer (about 2 ms per 512 bytes) keeps most of the backlog queued at the kill.
    let printer = Emulator::start(
        "127.0.0.1:0".parse()?,
        EmulatorConfig {
            read_delay: Some(Duration::from_millis(2)),
            chunk_size: 512,
            ..EmulatorConfig::default()
        },
    )
    .await?;
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let address = format!("http://127.0.0.1:{port}");
    let mut server = start_server(dir.path(), port)?;
    assert!(healthy(&address).await, "server did not start");

    let setup = reqwest::Client::new()
        .post(format!("{address}/api/setup/create-admin"))
        .json(&json!({"username": "admin", "email": "admin@rotoclear.test", "password": ADMIN_PASSWORD,
                      "firstName": "Ada", "lastName": "Admin"}))
        .send()
        .await?;
    assert_eq!(setup.status(), 200);
    let admin = login_at(&address, "admin", ADMIN_PASSWORD).await.session;
    let registered: Value = admin
        .post(
            "/api/printers",
            &json!({"name": "Crash", "host": "127.0.0.1", "port": printer.local_addr().port()}),
        )
        .await
        .json()
        .await?;
    let printer_id = registered["data"]["printer"]["id"]
        .as_i64()
        .ok_or("printer id")?;
    let mut ids = Vec::with_capacity(JOBS);
    for _ in 0..JOBS {
        let queued: Value = admin
            .post(
                "/api/print-jobs",
                &json!({"printerId": printer_id, "test": true}),
            )
            .await
            .json()
            .await?;
        ids.push(queued["data"]["job"]["id"].as_i64().ok_or("job id")?);
    }

    printer.wait_for_labels(10, Duration::from_secs(30)).await;
    server.kill()?;
    server.wait()?;
    let at_kill = printer.labels().len();
    assert!(
        at_kill < JOBS,
        "the kill came too late to test anything ({at_kill} printed)"
    );

    let mut server = start_server(dir.path(), port)?;
    assert!(healthy(&address).await, "server did not restart");
    let admin = login_at(&address, "admin", ADMIN_PASSWORD).await.session;
    let all_printed = eventually(Duration::from_secs(90), || async {
        printed_total(&admin).await == JOBS as u64
    })
    .await;
    server.kill()?;
    server.wait()?;
    assert!(all_printed, "not every job printed after the restart");

    let printed: Vec<i64> = printer
        .labels()
        .iter()
        .map(|l| job_number(&l.zpl))
        .collect();
    let mut unique = printed.clone();
    unique.dedup();
    assert_eq!(
        unique, ids,
        "every job, in order (a repeat only right after itself)"
    );
    assert!(
        printed.len() - JOBS <= 1,
        "at most the job being sent at the kill repeats: {} extra",
        printed.len() - JOBS
    );
    Ok(())
}
