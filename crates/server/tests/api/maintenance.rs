//! `etikettdrucker maintenance` against the running app's database (SQLite and PostgreSQL): old logs
//! and backups go and recent ones stay, ended sessions are removed, the database is optimised, and
//! the exit code tells a scheduler whether all is well (0), something needs a look (2) or a step
//! failed (1).

use std::path::Path;
use std::time::{Duration, SystemTime};

use chrono::Utc;
use etikettdrucker::entities::session;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Statement};

use crate::helpers::{TestApp, TestResult};

fn maintenance(app: &TestApp, args: &[&str]) -> std::io::Result<std::process::Output> {
    app.command("maintenance").args(args).output()
}

fn file_aged(path: &Path, days: u64) -> std::io::Result<()> {
    let file = std::fs::File::create(path)?;
    std::io::Write::write_all(&mut &file, b"Inhalt")?;
    file.set_modified(SystemTime::now() - Duration::from_secs(days * 86_400))
}

fn backup_name(days_ago: i64) -> String {
    let at = Utc::now() - chrono::Duration::days(days_ago);
    format!("etikettdrucker-{}.sqlite.gz", at.format("%Y%m%dT%H%M%SZ"))
}

async fn count(app: &TestApp, sql: &str) -> Result<i64, Box<dyn std::error::Error>> {
    let db = app.db().await;
    let row = db
        .query_one(Statement::from_string(db.get_database_backend(), sql))
        .await?
        .ok_or("no row")?;
    Ok(row.try_get_by_index::<i64>(0)?)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn maintenance_removes_only_what_is_old_and_reports_all_well() -> TestResult {
    let app = TestApp::spawn().await;
    let logs = app.data_dir.join("logs");
    std::fs::create_dir_all(&logs)?;
    // The active files stay whatever their age; rotated ones go after 30 days.
    for (name, days) in [
        ("combined.log", 45),
        ("error.log", 45),
        ("combined.log.1", 5),
        ("combined.log.2", 31),
        ("error.log.1", 40),
    ] {
        file_aged(&logs.join(name), days)?;
    }
    let backups = app.data_dir.join("backups");
    std::fs::create_dir_all(&backups)?;
    let names: Vec<(i64, String)> = [0, 30, 89, 91, 200]
        .into_iter()
        .map(|days| (days, backup_name(days)))
        .collect();
    for (_, name) in &names {
        file_aged(&backups.join(name), 0)?;
    }
    std::fs::write(backups.join("notiz.txt"), "bleibt")?;

    // One ended session and one live one.
    app.login_as("VIEWER").await;
    app.login_as("PRUEFER_A").await;
    let db = app.db().await;
    let oldest = session::Entity::find()
        .order_by_asc(session::Column::CreatedAt)
        .one(&db)
        .await?
        .ok_or("no session")?;
    session::Entity::update_many()
        .col_expr(
            session::Column::ExpiresAt,
            Expr::value(Utc::now() - chrono::Duration::hours(1)),
        )
        .filter(session::Column::Id.eq(oldest.id))
        .exec(&db)
        .await?;
    let sessions_before = count(&app, "SELECT COUNT(*) FROM sessions").await?;

    let url = format!("{}/api/health", app.address);
    let out = maintenance(&app, &["--health-url", &url, "--min-free-percent", "0"])?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}\n{:?}", out.stderr);

    let mut left: Vec<String> = std::fs::read_dir(&logs)?
        .map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect::<Result<_, _>>()?;
    left.sort();
    assert_eq!(left, ["combined.log", "combined.log.1", "error.log"]);
    for (days, name) in &names {
        let kept = *days < 90;
        assert_eq!(backups.join(name).exists(), kept, "{days} days");
    }
    assert!(backups.join("notiz.txt").exists());
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM sessions").await?,
        sessions_before - 1
    );

    assert!(stdout.contains("[ok] logs: removed 2 file(s)"), "{stdout}");
    assert!(
        stdout.contains("[ok] backups: removed 2 file(s)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("[ok] sessions: removed 1 ended session(s)"),
        "{stdout}"
    );
    let optimised = if app.postgres_url().is_some() {
        "[ok] vacuum: VACUUM ANALYZE"
    } else {
        "[ok] optimize: PRAGMA optimize"
    };
    assert!(stdout.contains(optimised), "{stdout}");
    assert!(stdout.contains("[ok] health:"), "{stdout}");
    assert!(stdout.contains("all well"), "{stdout}");
    // The app still answers after the database was optimised underneath it.
    assert_eq!(app.get("/api/health").await.status(), 200);
    Ok(())
}

#[tokio::test]
async fn low_disk_is_a_warning_with_exit_code_2() -> TestResult {
    let app = TestApp::spawn().await;
    // Less than 100 % is always free: the threshold is crossed on any disk.
    let out = maintenance(&app, &["--skip-health", "--min-free-percent", "100"])?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{stdout}");
    assert!(stdout.contains("[WARNING] disk:"), "{stdout}");
    assert!(stdout.contains("below 100 %"), "{stdout}");
    assert!(!stdout.contains("[FAILED]"), "{stdout}");
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_step_gives_exit_code_1_and_the_other_steps_still_run() -> TestResult {
    let app = TestApp::spawn().await;
    let closed = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?;
    let url = format!("http://{closed}/api/health");
    let out = maintenance(&app, &["--health-url", &url, "--min-free-percent", "100"])?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("[FAILED] health:"), "{stdout}");
    assert!(stdout.contains("[WARNING] disk:"), "{stdout}");
    assert!(stdout.contains("[ok] logs:"), "{stdout}");
    Ok(())
}
