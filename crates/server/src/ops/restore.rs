//! `etikettdrucker restore <file>`: a backup of `backup` back into the configured database.
//!
//! Refuses (exit code 3) while a server uses the database — SQLite: a server holds the data
//! folder's instance lock; PostgreSQL: sessions of a server (`application_name` etikettdrucker) are
//! connected — unless `--while-running`.
//! Refuses (exit code 4) a database that already holds tables unless `--force`; with `--force` a
//! SQLite file is kept beside as `…before-restore-<time>`, PostgreSQL objects are dropped and
//! recreated in one transaction. The restored database is read back before success is reported.

use std::fs::File;
use std::io::{BufReader, BufWriter};
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};
use chrono::Utc;
use sea_orm::{ConnectionTrait, Database, Statement};
use secrecy::ExposeSecret;

use super::backup::{pg_tool, split_password};
use crate::settings::Settings;

/// The file servers hold a shared lock on while they use the data folder's SQLite database.
pub const INSTANCE_LOCK: &str = "etikettdrucker.lock";

/// Why a restore was refused; the exit code tells scripts which.
#[derive(Debug, thiserror::Error)]
pub enum Refused {
    #[error("{0}")]
    InUse(String),
    #[error("{0}")]
    NotEmpty(String),
}

impl Refused {
    pub fn exit_code(&self) -> u8 {
        match self {
            Refused::InUse(_) => 3,
            Refused::NotEmpty(_) => 4,
        }
    }
}

/// Options of a restore.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    pub force: bool,
    pub while_running: bool,
}

/// Opens the data folder's instance lock file.
pub fn lock_file(data_dir: &Path) -> std::io::Result<File> {
    std::fs::create_dir_all(data_dir)?;
    std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(data_dir.join(INSTANCE_LOCK))
}

async fn count(url: &str, sql: &str) -> anyhow::Result<i64> {
    let db = Database::connect(url).await?;
    let backend = db.get_database_backend();
    let n = db
        .query_one(Statement::from_string(backend, sql))
        .await?
        .and_then(|row| row.try_get_by_index::<i64>(0).ok())
        .unwrap_or_default();
    db.close().await?;
    Ok(n)
}

/// The SQLite file of a `sqlite://` URL.
fn sqlite_path(url: &str) -> PathBuf {
    let rest = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:");
    PathBuf::from(rest.split('?').next().unwrap_or(rest))
}

/// Restores `file` into the configured database; returns what was restored into.
pub async fn run(settings: &Settings, file: &Path, options: Options) -> anyhow::Result<String> {
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if super::backup::taken_at(&name).is_none() {
        bail!(
            "{} is not a backup of etikettdrucker backup",
            file.display()
        );
    }
    let url = settings.database_url();
    let url = url.expose_secret().to_owned();
    let sqlite_target = url.starts_with("sqlite:");
    match (sqlite_target, name.ends_with(".sqlite.gz")) {
        (true, true) => restore_sqlite(settings, &url, file, options).await,
        (false, false) => restore_postgres(&url, file, options).await,
        (true, false) => bail!("a PostgreSQL backup cannot go into the configured SQLite database"),
        (false, true) => bail!("a SQLite backup cannot go into the configured PostgreSQL database"),
    }
}

async fn restore_sqlite(
    settings: &Settings,
    url: &str,
    file: &Path,
    options: Options,
) -> anyhow::Result<String> {
    let target = sqlite_path(url);
    let lock = lock_file(&settings.data_dir)?;
    let locked = lock.try_lock().is_ok();
    if !locked && !options.while_running {
        return Err(Refused::InUse(format!(
            "a server is using {} (stop it first, or --while-running)",
            target.display()
        ))
        .into());
    }
    let holds_tables = target.exists()
        && count(
            &format!("sqlite://{}?mode=ro", target.display()),
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'",
        )
        .await?
            > 0;
    if holds_tables && !options.force {
        return Err(Refused::NotEmpty(format!(
            "{} already holds data (replace it with --force)",
            target.display()
        ))
        .into());
    }
    let mut staged = target.clone().into_os_string();
    staged.push(".restore.partial");
    let staged = PathBuf::from(staged);
    {
        let mut input = flate2::read::GzDecoder::new(BufReader::new(File::open(file)?));
        let mut output = BufWriter::new(File::create(&staged)?);
        std::io::copy(&mut input, &mut output).context("the backup cannot be decompressed")?;
    }
    if let Err(error) = count(
        &format!("sqlite://{}?mode=ro", staged.display()),
        "SELECT COUNT(*) FROM seaql_migrations",
    )
    .await
    {
        let _ = std::fs::remove_file(&staged);
        return Err(error.context("the backup holds no readable database"));
    }
    if target.exists() {
        let mut kept = target.clone().into_os_string();
        kept.push(format!(
            ".before-restore-{}",
            Utc::now().format("%Y%m%dT%H%M%SZ")
        ));
        std::fs::rename(&target, PathBuf::from(kept))?;
    }
    for suffix in ["-wal", "-shm"] {
        let mut side = target.clone().into_os_string();
        side.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(side));
    }
    std::fs::rename(&staged, &target)?;
    drop(lock);
    Ok(target.display().to_string())
}

async fn restore_postgres(url: &str, file: &Path, options: Options) -> anyhow::Result<String> {
    let others = count(
        url,
        &format!(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM pg_stat_activity \
             WHERE datname = current_database() AND pid <> pg_backend_pid() \
             AND application_name = '{}'",
            crate::db::APPLICATION_NAME
        ),
    )
    .await?;
    if others > 0 && !options.while_running {
        return Err(Refused::InUse(format!(
            "{others} server session(s) use the database (stop the servers first, or --while-running)"
        ))
        .into());
    }
    let tables = count(
        url,
        "SELECT CAST(COUNT(*) AS BIGINT) FROM information_schema.tables WHERE table_schema = 'public'",
    )
    .await?;
    if tables > 0 && !options.force {
        return Err(Refused::NotEmpty(
            "the database already holds tables (replace them with --force)".into(),
        )
        .into());
    }
    let (bare, password) = split_password(url);
    let mut restore = Command::new(pg_tool("pg_restore"));
    restore
        .arg("--no-owner")
        .arg("--single-transaction")
        .arg("--exit-on-error")
        .arg(format!("--dbname={bare}"));
    if tables > 0 {
        restore.arg("--clean").arg("--if-exists");
    }
    restore.arg(file);
    if let Some(password) = &password {
        restore.env("PGPASSWORD", password);
    }
    let output = restore
        .output()
        .context("cannot run pg_restore (set ETIKETT_PG_BIN)")?;
    if !output.status.success() {
        bail!(
            "pg_restore failed (nothing changed: one transaction): {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    let migrations = count(url, "SELECT CAST(COUNT(*) AS BIGINT) FROM seaql_migrations").await?;
    if migrations < 1 {
        bail!("the restored database holds no schema");
    }
    Ok(bare)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sqlite_file_of_a_url() {
        assert_eq!(
            sqlite_path("sqlite:///srv/etikett/data/etikettdrucker.db?mode=rwc"),
            PathBuf::from("/srv/etikett/data/etikettdrucker.db")
        );
        assert_eq!(
            sqlite_path("sqlite://C:/Etikett/data/etikettdrucker.db?mode=rwc"),
            PathBuf::from("C:/Etikett/data/etikettdrucker.db")
        );
    }
}
