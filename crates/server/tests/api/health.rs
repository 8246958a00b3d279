use std::time::Duration;

use serde_json::Value;

use crate::helpers::{TcpProxy, TestApp, TestResult, eventually};

#[tokio::test]
async fn health_reports_every_check_when_healthy() -> TestResult {
    let app = TestApp::spawn().await;

    let response = app.get("/api/health").await;

    assert_eq!(response.status(), 200);
    assert_eq!(
        response
            .headers()
            .get("cache-control")
            .and_then(|v| v.to_str().ok()),
        Some("no-store")
    );
    let body: Value = response.json().await?;
    assert_eq!(body["status"], "healthy");
    assert_eq!(body["version"], env!("CARGO_PKG_VERSION"));
    assert!(body["timestamp"].as_str().is_some_and(|t| t.ends_with('Z')));
    let expected_backend = if app.postgres_url().is_some() {
        "postgres"
    } else {
        "sqlite"
    };
    assert_eq!(body["checks"]["database"]["status"], "healthy");
    assert_eq!(body["checks"]["database"]["backend"], expected_backend);
    assert!(
        body["checks"]["database"]["latency_ms"]
            .as_f64()
            .is_some_and(|ms| ms >= 0.0)
    );
    // A volume with less than 10 % free reports a warning (still 200); which one applies depends
    // on the machine running the test.
    let disk = fs4::statvfs(std::env::temp_dir())?;
    let low = (disk.available_space() as f64) < disk.total_space() as f64 * 0.10;
    assert_eq!(
        body["checks"]["filesystem"]["status"],
        if low { "warning" } else { "healthy" }
    );
    assert!(
        body["checks"]["filesystem"]["free_bytes"]
            .as_u64()
            .is_some_and(|b| b > 0)
    );
    assert_eq!(body["checks"]["memory"]["status"], "healthy");
    assert!(
        body["checks"]["memory"]["rss_bytes"]
            .as_u64()
            .is_some_and(|b| b > 1024 * 1024)
    );
    assert_eq!(body["checks"]["memory"]["limit_bytes"], 500 * 1024 * 1024);
    Ok(())
}

#[tokio::test]
async fn memory_above_the_limit_is_a_warning_not_an_outage() -> TestResult {
    let app = TestApp::spawn_with(|s| s.memory_warning_mb = 1).await;

    let response = app.get("/api/health").await;

    assert_eq!(response.status(), 200);
    let body: Value = response.json().await?;
    assert_eq!(body["status"], "healthy");
    assert_eq!(body["checks"]["memory"]["status"], "warning");
    Ok(())
}

#[tokio::test]
async fn the_default_sqlite_database_is_created_in_the_data_directory() -> TestResult {
    if std::env::var("TEST_DATABASE_URL").is_ok_and(|v| !v.is_empty()) {
        return Ok(()); // This test is about the embedded default; the PostgreSQL run covers the rest.
    }
    let app = TestApp::spawn().await;

    assert_eq!(app.get("/api/health").await.status(), 200);
    assert!(app.data_dir.join("etikettdrucker.db").is_file());
    Ok(())
}

/// PostgreSQL goes away behind a proxy: health turns 503 with the database marked `error`, and back to
/// 200 by itself when the database returns. Runs when `TEST_DATABASE_URL` is set (scripts/test.sh
/// always sets it for its PostgreSQL pass).
#[tokio::test]
async fn health_reports_a_database_outage_and_recovers() -> TestResult {
    let Some(admin_url) = std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty())
    else {
        eprintln!("skipped: needs TEST_DATABASE_URL (PostgreSQL)");
        return Ok(());
    };
    let (_, after_at) = admin_url
        .rsplit_once('@')
        .ok_or("TEST_DATABASE_URL has no host")?;
    let server = after_at.split('/').next().unwrap_or(after_at).to_string();
    let proxy = TcpProxy::start(server.clone()).await;
    let proxy_port = proxy.port;
    let app = TestApp::spawn_with(move |s| {
        let url = secrecy::ExposeSecret::expose_secret(s.database.url.as_ref().expect("pg url"))
            .replace(&server, &format!("127.0.0.1:{proxy_port}"));
        s.database.url = Some(url.into());
    })
    .await;
    assert_eq!(app.get("/api/health").await.status(), 200);

    proxy.cut();
    let went_down = eventually(Duration::from_secs(15), || async {
        let response = app.get("/api/health").await;
        if response.status() != 503 {
            return false;
        }
        let body: Value = response.json().await.unwrap_or_default();
        body["status"] == "unhealthy" && body["checks"]["database"]["status"] == "error"
    })
    .await;
    assert!(went_down, "health did not report the outage");

    proxy.restore();
    let recovered = eventually(Duration::from_secs(15), || async {
        app.get("/api/health").await.status() == 200
    })
    .await;
    assert!(
        recovered,
        "health did not recover after the database returned"
    );
    Ok(())
}
