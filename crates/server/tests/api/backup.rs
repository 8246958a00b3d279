//! `etikettdrucker backup` on the running app's database (SQLite and PostgreSQL): a verified,
//! compressed copy under `<data>/backups` with every unit in it, old backups removed by age and count.

use std::io::Read;
use std::process::Command;

use etikettdrucker::inspection::examples::example_a;
use labels::product::Product;
use sea_orm::{ConnectionTrait, Database, Statement};

use crate::helpers::{BIN, TestApp, TestResult, command_for};

fn backup(app: &TestApp, args: &[&str]) -> std::io::Result<std::process::Output> {
    app.command("backup").args(args).output()
}

#[tokio::test]
async fn a_backup_of_the_running_app_holds_every_unit_and_old_ones_go() -> TestResult {
    let app = TestApp::spawn().await;
    let a = app.login_as("PRUEFER_A").await;
    for serial in ["C2-BAK-1", "C2-BAK-2", "C2-BAK-3"] {
        assert_eq!(
            a.post("/api/c2", &example_a(Product::C2, serial))
                .await
                .status(),
            201
        );
    }
    let folder = app.data_dir.join("backups");
    std::fs::create_dir_all(&folder)?;
    // Two old backups (40 and 5 days) and a file that is not a backup.
    let stamp = |days: i64| {
        (chrono::Utc::now() - chrono::Duration::days(days))
            .format("%Y%m%dT%H%M%SZ")
            .to_string()
    };
    let suffix = if app.postgres_url().is_some() {
        "pgdump"
    } else {
        "sqlite.gz"
    };
    let old = folder.join(format!("etikettdrucker-{}.{suffix}", stamp(40)));
    let recent = folder.join(format!("etikettdrucker-{}.{suffix}", stamp(5)));
    std::fs::write(&old, b"old")?;
    std::fs::write(&recent, b"recent")?;
    std::fs::write(folder.join("notizen.txt"), b"keep me")?;

    let output = backup(&app, &["--keep-days", "30"])?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains("verified"), "{stdout}");
    assert!(!old.exists(), "older than 30 days: removed");
    assert!(recent.exists(), "5 days old: kept");
    assert!(
        folder.join("notizen.txt").exists(),
        "not a backup: left alone"
    );
    let made: Vec<_> = std::fs::read_dir(&folder)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p != &recent && p.extension().is_some_and(|e| e != "txt"))
        .collect();
    assert_eq!(made.len(), 1, "{made:?}");
    let made = &made[0];
    assert!(
        !made.to_string_lossy().contains("partial"),
        "no temporary file left: {made:?}"
    );

    // The backup holds the three units.
    if app.postgres_url().is_some() {
        let list = Command::new("pg_restore")
            .arg("--list")
            .arg(made)
            .output()?;
        assert!(list.status.success());
        assert!(String::from_utf8_lossy(&list.stdout).contains("TABLE DATA public inspections"));
    } else {
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(std::fs::File::open(made)?).read_to_end(&mut bytes)?;
        let copy = app.data_dir.join("copy.db");
        std::fs::write(&copy, bytes)?;
        let db = Database::connect(format!("sqlite://{}?mode=ro", copy.display())).await?;
        let row = db
            .query_one(Statement::from_string(
                db.get_database_backend(),
                "SELECT COUNT(*) AS n FROM inspections WHERE serialnummer LIKE 'C2-BAK-%'",
            ))
            .await?
            .ok_or("no row")?;
        assert_eq!(row.try_get::<i64>("", "n")?, 3);
        db.close().await?;
    }

    // By count: with --keep-count 1 only the newest stays.
    let output = backup(&app, &["--keep-count", "1"])?;
    assert!(output.status.success());
    let left = std::fs::read_dir(&folder)?
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("etikettdrucker-")
        })
        .count();
    assert_eq!(left, 1);
    Ok(())
}

#[tokio::test]
async fn a_failing_backup_exits_with_1_and_leaves_nothing_behind() -> TestResult {
    let app = TestApp::spawn().await;
    let output = app
        .command("backup")
        .env("DATABASE_URL", "postgres://nobody@127.0.0.1:1/none")
        .output()?;
    assert_eq!(output.status.code(), Some(1));
    let left = std::fs::read_dir(app.data_dir.join("backups"))
        .map(|dir| dir.count())
        .unwrap_or_default();
    assert_eq!(left, 0, "no half-written backup");
    Ok(())
}

#[tokio::test]
async fn a_database_that_was_never_migrated_is_refused_clearly() -> TestResult {
    // A first installation: no database file yet. The backup says so and creates nothing.
    let data = tempfile::tempdir()?;
    let output = command_for(data.path(), None, "backup").output()?;
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("there is no database yet"), "{stderr}");
    assert!(!data.path().join("etikettdrucker.db").exists());

    // A database without the schema (created, never migrated), on either backend.
    let empty = match std::env::var("TEST_DATABASE_URL") {
        Ok(url) if !url.is_empty() => Some(crate::helpers::TestDatabase::create(&url).await),
        _ => None,
    };
    let url = match &empty {
        Some(db) => db.url.clone(),
        None => {
            std::fs::File::create(data.path().join("leer.db"))?;
            format!("sqlite://{}/leer.db?mode=rwc", data.path().display())
        }
    };
    let output = command_for(data.path(), Some(&url), "backup").output()?;
    if let Some(db) = empty {
        db.drop_database().await;
    }
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("holds no schema yet"), "{stderr}");
    let left = std::fs::read_dir(data.path().join("backups"))
        .map(|dir| dir.count())
        .unwrap_or_default();
    assert_eq!(left, 0, "no backup file");
    Ok(())
}

fn run(args: &[&str], env: &[(&str, &str)]) -> std::io::Result<std::process::Output> {
    let dir = std::env::temp_dir();
    let mut command = Command::new(BIN);
    command
        .args(args)
        .current_dir(&dir)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default());
    for (key, value) in env {
        command.env(key, value);
    }
    command.output()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn healthcheck_answers_for_deploy_scripts() -> TestResult {
    let app = TestApp::spawn().await;
    let url = format!("{}/api/health", app.address);
    let healthy = run(
        &[
            "healthcheck",
            "--url",
            &url,
            "--retries",
            "2",
            "--interval",
            "100ms",
        ],
        &[],
    )?;
    assert!(healthy.status.success(), "{healthy:?}");
    assert!(String::from_utf8_lossy(&healthy.stdout).contains("healthy (attempt 1)"));

    let closed = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?;
    let url = format!("http://{closed}/api/health");
    let down = run(
        &[
            "healthcheck",
            "--url",
            &url,
            "--retries",
            "2",
            "--interval",
            "50ms",
        ],
        &[],
    )?;
    assert_eq!(down.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&down.stderr);
    assert!(stderr.contains("attempt 2/2"), "{stderr}");
    assert!(stderr.contains("not healthy after 2 attempts"), "{stderr}");
    Ok(())
}

#[test]
fn config_check_shows_the_effective_settings_without_secrets() -> TestResult {
    let data = tempfile::tempdir()?;
    let data_dir = data.path().to_string_lossy().into_owned();
    let valid = run(
        &["config", "check"],
        &[
            ("ETIKETT_DATA_DIR", &data_dir),
            (
                "DATABASE_URL",
                "postgres://werk:Geheim-Passwort-42@127.0.0.1:5432/etikett",
            ),
            ("PORT", "3100"),
        ],
    )?;
    assert!(valid.status.success(), "{valid:?}");
    let out = String::from_utf8_lossy(&valid.stdout);
    assert!(out.contains("configuration is valid"), "{out}");
    assert!(
        out.contains("database: postgres://werk@127.0.0.1:5432/etikett (password set, not shown)"),
        "{out}"
    );
    assert!(out.contains("port: 3100"), "{out}");
    assert!(!out.contains("Geheim-Passwort-42"), "{out}");

    let invalid = run(
        &["config", "check"],
        &[("ETIKETT_DATA_DIR", &data_dir), ("PORT", "dreitausend")],
    )?;
    assert_eq!(invalid.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&invalid.stderr).contains("port"));
    Ok(())
}

/// Serials, user names and daily counts of a database, for comparing a restore with its source.
async fn contents(url: &str) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let db = Database::connect(url).await?;
    let backend = db.get_database_backend();
    let mut lines = Vec::new();
    for sql in [
        "SELECT serialnummer AS v FROM inspections ORDER BY id",
        "SELECT username AS v FROM users ORDER BY id",
        "SELECT CAST(datum AS TEXT) || ' ' || product || ' ' || status || ' ' || CAST(n AS TEXT) AS v \
         FROM inspection_daily ORDER BY 1",
    ] {
        for row in db.query_all(Statement::from_string(backend, sql)).await? {
            lines.push(row.try_get::<String>("", "v")?);
        }
    }
    db.close().await?;
    Ok(lines)
}

fn restore(
    data_dir: &std::path::Path,
    database_url: Option<&str>,
    args: &[&str],
) -> std::io::Result<std::process::Output> {
    command_for(data_dir, database_url, "restore")
        .args(args)
        .output()
}

#[tokio::test]
async fn backup_then_restore_into_an_empty_database_gives_the_same_data() -> TestResult {
    let app = TestApp::spawn().await;
    let a = app.login_as("PRUEFER_A").await;
    for serial in ["C2-RES-1", "C2-RES-2"] {
        assert_eq!(
            a.post("/api/c2", &example_a(Product::C2, serial))
                .await
                .status(),
            201
        );
    }
    assert!(backup(&app, &[])?.status.success());
    let file = std::fs::read_dir(app.data_dir.join("backups"))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .next()
        .ok_or("no backup")?;
    let file_arg = file.to_string_lossy().into_owned();
    let source = contents(&app.database_url).await?;
    assert!(source.iter().any(|line| line == "C2-RES-2"), "{source:?}");

    // Not into the database the running app uses.
    let refused = restore(
        &app.data_dir,
        Some(&app.database_url),
        &[&file_arg, "--force"],
    )?;
    assert_eq!(refused.status.code(), Some(3), "{refused:?}");
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--while-running"));

    // Into an empty database (a new data folder, or a new PostgreSQL database).
    let empty_dir = tempfile::tempdir()?;
    let postgres = match app.postgres_url() {
        Some(_) => {
            Some(crate::helpers::TestDatabase::create(&std::env::var("TEST_DATABASE_URL")?).await)
        }
        None => None,
    };
    let target_url = match &postgres {
        Some(db) => db.url.clone(),
        None => format!(
            "sqlite://{}?mode=rwc",
            empty_dir.path().join("etikettdrucker.db").display()
        ),
    };
    let target = postgres.as_ref().map(|db| db.url.as_str());
    let restored = restore(empty_dir.path(), target, &[&file_arg])?;
    assert!(restored.status.success(), "{restored:?}");
    assert_eq!(contents(&target_url).await?, source, "identical data");

    // A database with data is replaced only with --force (SQLite keeps the old file beside).
    let again = restore(empty_dir.path(), target, &[&file_arg])?;
    assert_eq!(again.status.code(), Some(4), "{again:?}");
    let forced = restore(empty_dir.path(), target, &[&file_arg, "--force"])?;
    assert!(forced.status.success(), "{forced:?}");
    assert_eq!(contents(&target_url).await?, source);
    if postgres.is_none() {
        let kept = std::fs::read_dir(empty_dir.path())?
            .filter_map(Result::ok)
            .any(|e| e.file_name().to_string_lossy().contains("before-restore"));
        assert!(kept, "the replaced file is kept beside");
    }
    if let Some(db) = postgres {
        db.drop_database().await;
    }
    Ok(())
}
