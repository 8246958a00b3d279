//! `etikettdrucker backup`: a consistent copy of the database under `<data>/backups`, verified by
//! reading it back, then old backups removed by age and count.
//!
//! - SQLite: `VACUUM INTO` (an online, consistent copy while the server writes), gzip-compressed to
//!   `etikettdrucker-<UTC time>.sqlite.gz`; verified by decompressing it and running
//!   `PRAGMA integrity_check` and reading the applied migrations.
//! - PostgreSQL: `pg_dump --format=custom` (compressed) to `etikettdrucker-<UTC time>.pgdump`;
//!   verified with `pg_restore --list`. The password goes to `pg_dump` through `PGPASSWORD`, never
//!   on its command line.
//!
//! A backup is written under a temporary name and renamed when verified, so a half-written file is
//! never taken for a backup.

use std::fs::File;
use std::io::{BufReader, BufWriter};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, bail};
use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use sea_orm::{ConnectionTrait, Database, DatabaseBackend, Statement};
use secrecy::ExposeSecret;

use crate::settings::Settings;

/// File names start with this; the UTC time follows as `20261126T164800Z`.
pub const PREFIX: &str = "etikettdrucker-";
const TIME_FORMAT: &str = "%Y%m%dT%H%M%SZ";
const SQLITE_SUFFIX: &str = ".sqlite.gz";
const POSTGRES_SUFFIX: &str = ".pgdump";

/// How long and how many backups are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retention {
    /// Backups older than this many days are removed.
    pub days: u32,
    /// At most this many backups are kept (the newest).
    pub count: usize,
}

impl Default for Retention {
    fn default() -> Self {
        Self {
            days: 30,
            count: 30,
        }
    }
}

/// A backup file and the time in its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupFile {
    pub path: PathBuf,
    pub taken_at: DateTime<Utc>,
}

/// What `run` did.
#[derive(Debug)]
pub struct Report {
    pub file: PathBuf,
    pub bytes: u64,
    pub seconds: f64,
    pub removed: Vec<PathBuf>,
}

/// The backup folder of `settings`.
pub fn folder(settings: &Settings) -> PathBuf {
    settings.data_dir.join(crate::services::system::BACKUP_DIR)
}

/// The time a backup file's name carries, if it is one of ours.
pub fn taken_at(name: &str) -> Option<DateTime<Utc>> {
    let rest = name.strip_prefix(PREFIX)?;
    let stamp = rest
        .strip_suffix(SQLITE_SUFFIX)
        .or_else(|| rest.strip_suffix(POSTGRES_SUFFIX))?;
    NaiveDateTime::parse_from_str(stamp, TIME_FORMAT)
        .ok()
        .map(|t| t.and_utc())
}

/// The backups in `dir`, newest first (other files are left alone).
pub fn list(dir: &Path) -> std::io::Result<Vec<BackupFile>> {
    let mut files: Vec<BackupFile> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            taken_at(&name).map(|taken_at| BackupFile {
                path: entry.path(),
                taken_at,
            })
        })
        .collect();
    files.sort_by_key(|f| std::cmp::Reverse(f.taken_at));
    Ok(files)
}

/// The backups to remove: older than `retention.days`, or beyond the newest `retention.count`.
/// The newest backup is always kept.
pub fn expired(files: &[BackupFile], now: DateTime<Utc>, retention: Retention) -> Vec<PathBuf> {
    let mut newest_first = files.to_vec();
    newest_first.sort_by_key(|f| std::cmp::Reverse(f.taken_at));
    let cutoff = now - Duration::days(i64::from(retention.days));
    newest_first
        .iter()
        .enumerate()
        .skip(1)
        .filter(|(i, file)| *i >= retention.count.max(1) || file.taken_at < cutoff)
        .map(|(_, file)| file.path.clone())
        .collect()
}

/// Takes a backup of the configured database, verifies it and applies `retention`.
pub async fn run(settings: &Settings, retention: Retention) -> anyhow::Result<Report> {
    let started = Instant::now();
    let dir = folder(settings);
    std::fs::create_dir_all(&dir)
        .with_context(|| format!("cannot create the backup folder {}", dir.display()))?;
    let now = Utc::now();
    let stamp = now.format(TIME_FORMAT).to_string();
    let url = settings.database_url();
    let url = url.expose_secret();
    ensure_schema(url).await?;
    let file = if url.starts_with("sqlite:") {
        let file = dir.join(format!("{PREFIX}{stamp}{SQLITE_SUFFIX}"));
        backup_sqlite(url, &file).await?;
        file
    } else {
        let file = dir.join(format!("{PREFIX}{stamp}{POSTGRES_SUFFIX}"));
        backup_postgres(url, &file)?;
        file
    };
    let bytes = std::fs::metadata(&file)?.len();
    let mut removed = Vec::new();
    for old in expired(&list(&dir)?, now, retention) {
        std::fs::remove_file(&old)
            .with_context(|| format!("cannot remove the old backup {}", old.display()))?;
        removed.push(old);
    }
    Ok(Report {
        file,
        bytes,
        seconds: started.elapsed().as_secs_f64(),
        removed,
    })
}

/// Refuses, with a clear message and without creating anything, a database that does not exist yet
/// or was never migrated (a first installation): there is nothing to back up.
async fn ensure_schema(url: &str) -> anyhow::Result<()> {
    if let Some(rest) = url.strip_prefix("sqlite:") {
        let path = rest.trim_start_matches("//");
        let path = Path::new(path.split('?').next().unwrap_or(path));
        if !path.exists() {
            bail!(
                "there is no database yet ({}): nothing to back up",
                path.display()
            );
        }
    }
    let db = Database::connect(url)
        .await
        .context("cannot open the database")?;
    let migrated = db
        .query_one(Statement::from_string(
            db.get_database_backend(),
            "SELECT COUNT(*) FROM seaql_migrations",
        ))
        .await
        .is_ok();
    db.close().await?;
    if !migrated {
        bail!("the database holds no schema yet (never migrated): nothing to back up");
    }
    Ok(())
}

fn partial(file: &Path) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".partial");
    PathBuf::from(name)
}

fn sqlite_url(path: &Path, mode: &str) -> String {
    format!(
        "sqlite://{}?mode={mode}",
        path.to_string_lossy().replace('\\', "/")
    )
}

async fn backup_sqlite(url: &str, file: &Path) -> anyhow::Result<()> {
    let copy = partial(&file.with_extension(""));
    let _ = std::fs::remove_file(&copy);
    let db = Database::connect(url)
        .await
        .context("cannot open the database")?;
    let target = copy.to_string_lossy().replace('\'', "''");
    db.execute_unprepared(&format!("VACUUM INTO '{target}'"))
        .await
        .context("VACUUM INTO failed")?;
    db.close().await?;
    let result = async {
        verify_sqlite(&copy).await?;
        let staged = partial(file);
        {
            let mut input = BufReader::new(File::open(&copy)?);
            let mut output = flate2::write::GzEncoder::new(
                BufWriter::new(File::create(&staged)?),
                flate2::Compression::default(),
            );
            std::io::copy(&mut input, &mut output)?;
            output
                .finish()?
                .into_inner()
                .map_err(|e| e.into_error())?
                .sync_all()?;
        }
        verify_sqlite_gz(&staged).await?;
        std::fs::rename(&staged, file)?;
        anyhow::Ok(())
    }
    .await;
    let _ = std::fs::remove_file(&copy);
    result
}

/// Decompresses `file` beside it and checks the copy.
async fn verify_sqlite_gz(file: &Path) -> anyhow::Result<()> {
    let copy = partial(&file.with_extension("check"));
    {
        let mut input = flate2::read::GzDecoder::new(BufReader::new(File::open(file)?));
        let mut output = BufWriter::new(File::create(&copy)?);
        std::io::copy(&mut input, &mut output).context("the compressed backup cannot be read")?;
    }
    let result = verify_sqlite(&copy).await;
    let _ = std::fs::remove_file(&copy);
    result
}

/// `PRAGMA integrity_check` is `ok` and the migrations table can be read.
async fn verify_sqlite(path: &Path) -> anyhow::Result<()> {
    let db = Database::connect(sqlite_url(path, "ro")).await?;
    let check = db
        .query_one(Statement::from_string(
            DatabaseBackend::Sqlite,
            "PRAGMA integrity_check",
        ))
        .await?
        .and_then(|row| row.try_get_by_index::<String>(0).ok());
    let migrations = db
        .query_one(Statement::from_string(
            DatabaseBackend::Sqlite,
            "SELECT COUNT(*) FROM seaql_migrations",
        ))
        .await?
        .and_then(|row| row.try_get_by_index::<i64>(0).ok());
    db.close().await?;
    if check.as_deref() != Some("ok") {
        bail!("the backup fails the integrity check: {check:?}");
    }
    if migrations.unwrap_or_default() < 1 {
        bail!("the backup holds no schema");
    }
    Ok(())
}

/// The URL without its password, and the password.
pub fn split_password(url: &str) -> (String, Option<String>) {
    let Some((scheme, rest)) = url.split_once("://") else {
        return (url.to_owned(), None);
    };
    let Some((credentials, host)) = rest.split_once('@') else {
        return (url.to_owned(), None);
    };
    match credentials.split_once(':') {
        Some((user, password)) => (
            format!("{scheme}://{user}@{host}"),
            Some(percent_decode(password)),
        ),
        None => (url.to_owned(), None),
    }
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = text.get(i + 1..i + 3)
            && let Ok(byte) = u8::from_str_radix(hex, 16)
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `pg_dump`, `pg_restore` from `ETIKETT_PG_BIN` when set, else from `PATH`.
pub fn pg_tool(name: &str) -> PathBuf {
    match std::env::var_os("ETIKETT_PG_BIN") {
        Some(dir) => PathBuf::from(dir).join(name),
        None => PathBuf::from(name),
    }
}

fn backup_postgres(url: &str, file: &Path) -> anyhow::Result<()> {
    let (url, password) = split_password(url);
    let staged = partial(file);
    let mut dump = Command::new(pg_tool("pg_dump"));
    dump.arg("--format=custom")
        .arg("--no-owner")
        .arg(format!("--file={}", staged.display()))
        .arg(format!("--dbname={url}"));
    if let Some(password) = &password {
        dump.env("PGPASSWORD", password);
    }
    let output = dump
        .output()
        .context("cannot run pg_dump (set ETIKETT_PG_BIN)")?;
    if !output.status.success() {
        let _ = std::fs::remove_file(&staged);
        bail!(
            "pg_dump failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    let list = Command::new(pg_tool("pg_restore"))
        .arg("--list")
        .arg(&staged)
        .output()
        .context("cannot run pg_restore")?;
    let contents = String::from_utf8_lossy(&list.stdout);
    if !list.status.success() || !contents.contains("TABLE DATA public seaql_migrations") {
        let _ = std::fs::remove_file(&staged);
        bail!(
            "the dump cannot be read back: {}",
            String::from_utf8_lossy(&list.stderr).trim()
        );
    }
    std::fs::rename(&staged, file)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str) -> BackupFile {
        BackupFile {
            path: PathBuf::from(name),
            taken_at: taken_at(name).expect("a backup name"),
        }
    }

    #[test]
    fn names_carry_the_time() {
        let at = taken_at("etikettdrucker-20261126T164800Z.sqlite.gz").expect("time");
        assert_eq!(at.to_rfc3339(), "2026-11-26T16:48:00+00:00");
        assert!(taken_at("etikettdrucker-20261126T164800Z.pgdump").is_some());
        assert_eq!(
            taken_at("etikettdrucker-20261126T164800Z.sqlite.gz.partial"),
            None
        );
        assert_eq!(taken_at("notes.txt"), None);
    }

    #[test]
    fn retention_removes_only_what_is_old_or_too_many() {
        let now = Utc::now()
            .with_timezone(&Utc)
            .date_naive()
            .and_hms_opt(12, 0, 0)
            .expect("time")
            .and_utc();
        let name = |days_ago: i64| {
            format!(
                "etikettdrucker-{}.pgdump",
                (now - Duration::days(days_ago)).format(TIME_FORMAT)
            )
        };
        let files: Vec<BackupFile> = [0, 1, 2, 29, 31, 40]
            .iter()
            .map(|d| file(&name(*d)))
            .collect();
        // By age: 31 and 40 days old go.
        let gone = expired(
            &files,
            now,
            Retention {
                days: 30,
                count: 100,
            },
        );
        assert_eq!(gone, [PathBuf::from(name(31)), PathBuf::from(name(40))]);
        // By count: only the newest 3 stay.
        let gone = expired(
            &files,
            now,
            Retention {
                days: 365,
                count: 3,
            },
        );
        assert_eq!(gone.len(), 3);
        assert!(!gone.contains(&PathBuf::from(name(0))));
        // The newest stays even when everything is old.
        let old: Vec<BackupFile> = [50, 60].iter().map(|d| file(&name(*d))).collect();
        assert_eq!(
            expired(&old, now, Retention { days: 30, count: 0 }),
            [PathBuf::from(name(60))]
        );
    }

    #[test]
    fn the_password_leaves_the_url() {
        assert_eq!(
            split_password("postgres://etikett:geh%40im@127.0.0.1:5432/werk"),
            (
                "postgres://etikett@127.0.0.1:5432/werk".to_owned(),
                Some("geh@im".to_owned())
            )
        );
        assert_eq!(
            split_password("postgres://127.0.0.1/werk"),
            ("postgres://127.0.0.1/werk".to_owned(), None)
        );
    }
}
