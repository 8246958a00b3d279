//! `etikettdrucker maintenance`: routine care for a scheduler (Task Scheduler, a systemd timer).
//!
//! Each step runs even when an earlier one failed, prints one line, and counts toward the exit
//! code: 0 all well, 2 done with warnings (low disk), 1 a step failed. Steps: old log files, old
//! backups, ended sessions and login-throttle windows, `VACUUM ANALYZE` (PostgreSQL) or
//! `PRAGMA optimize` (SQLite), free disk space, and a probe of the running server's health.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use chrono::Utc;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, QueryFilter};

use crate::entities::session;
use crate::ops::backup::{self, Retention};
use crate::settings::Settings;

/// Options of `maintenance`.
#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// Remove rotated log files older than this many days.
    #[arg(long, default_value_t = 30)]
    pub log_days: u32,
    /// Remove backups older than this many days (the newest backup always stays).
    #[arg(long, default_value_t = 90)]
    pub backup_days: u32,
    /// Warn when less than this share of the data directory's disk is free.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u8).range(0..=100))]
    pub min_free_percent: u8,
    /// Health endpoint to probe; default http://127.0.0.1:<port>/api/health of the configuration.
    #[arg(long, value_name = "URL")]
    pub health_url: Option<String>,
    /// Do not probe the server (it is not meant to run, e.g. on a standby machine).
    #[arg(long)]
    pub skip_health: bool,
}

/// How a step ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    Ok,
    Warning,
    Failed,
}

/// One step's outcome, printed as one line.
#[derive(Debug)]
pub struct Step {
    pub name: &'static str,
    pub status: Status,
    pub message: String,
}

/// The run ended with warnings or failures: the error that carries the exit code.
#[derive(Debug, thiserror::Error)]
#[error("maintenance finished with {warnings} warning(s) and {failures} failure(s)")]
pub struct Unwell {
    pub warnings: usize,
    pub failures: usize,
}

impl Unwell {
    /// 1 when a step failed, 2 when there were only warnings.
    pub fn exit_code(&self) -> u8 {
        if self.failures > 0 { 1 } else { 2 }
    }
}

pub async fn run(settings: &Settings, args: Args) -> anyhow::Result<()> {
    let steps = steps(settings, &args).await;
    for step in &steps {
        let tag = match step.status {
            Status::Ok => "ok",
            Status::Warning => "WARNING",
            Status::Failed => "FAILED",
        };
        println!("[{tag}] {}: {}", step.name, step.message);
        match step.status {
            Status::Ok => tracing::info!(step = step.name, message = %step.message, "maintenance"),
            Status::Warning => {
                tracing::warn!(step = step.name, message = %step.message, "maintenance")
            }
            Status::Failed => {
                tracing::error!(step = step.name, message = %step.message, "maintenance")
            }
        }
    }
    let count = |status| steps.iter().filter(|s| s.status == status).count();
    let (warnings, failures) = (count(Status::Warning), count(Status::Failed));
    if warnings + failures == 0 {
        println!("maintenance finished: all well");
        Ok(())
    } else {
        Err(Unwell { warnings, failures }.into())
    }
}

/// Runs every step and returns their outcomes in order.
pub async fn steps(settings: &Settings, args: &Args) -> Vec<Step> {
    let mut steps = vec![
        remove_old_logs(&settings.logs_dir(), args.log_days),
        remove_old_backups(&backup::folder(settings), args.backup_days),
    ];
    match crate::db::connect(settings).await {
        Ok(db) => {
            steps.push(tidy_tables(&db).await);
            steps.push(optimize(&db).await);
            db.close().await.ok();
        }
        Err(error) => steps.push(Step {
            name: "database",
            status: Status::Failed,
            message: format!("cannot connect: {error:#}"),
        }),
    }
    steps.push(disk_space(&settings.data_dir, args.min_free_percent));
    if !args.skip_health {
        steps.push(health(settings, args.health_url.as_deref()).await);
    }
    steps
}

fn older_than(days: u32) -> SystemTime {
    SystemTime::now() - Duration::from_secs(u64::from(days) * 86_400)
}

/// Rotated log files (`combined.log.3`, `error.log.1`, …) last written before the cut-off. The
/// files the server writes to now stay whatever their age.
fn remove_old_logs(dir: &Path, days: u32) -> Step {
    let name = "logs";
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Step {
                name,
                status: Status::Ok,
                message: format!("no log directory {}", dir.display()),
            };
        }
        Err(error) => {
            return Step {
                name,
                status: Status::Failed,
                message: format!("cannot read {}: {error}", dir.display()),
            };
        }
    };
    let cutoff = older_than(days);
    let mut old: Vec<PathBuf> = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let active = matches!(file_name.as_str(), "combined.log" | "error.log");
        let stale = entry
            .metadata()
            .ok()
            .filter(|meta| meta.is_file())
            .and_then(|meta| meta.modified().ok())
            .is_some_and(|modified| modified < cutoff);
        if stale && !active {
            old.push(path);
        }
    }
    remove_files(name, &old, &format!("older than {days} days"))
}

fn remove_old_backups(dir: &Path, days: u32) -> Step {
    let name = "backups";
    let files = match backup::list(dir) {
        Ok(files) => files,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Step {
                name,
                status: Status::Ok,
                message: format!("no backup directory {}", dir.display()),
            };
        }
        Err(error) => {
            return Step {
                name,
                status: Status::Failed,
                message: format!("cannot read {}: {error}", dir.display()),
            };
        }
    };
    let retention = Retention {
        days,
        count: usize::MAX,
    };
    let old = backup::expired(&files, Utc::now(), retention);
    remove_files(name, &old, &format!("older than {days} days"))
}

fn remove_files(name: &'static str, files: &[PathBuf], why: &str) -> Step {
    let mut removed = 0;
    let mut bytes = 0;
    let mut errors = Vec::new();
    for file in files {
        let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
        match std::fs::remove_file(file) {
            Ok(()) => {
                removed += 1;
                bytes += size;
            }
            Err(error) => errors.push(format!("{}: {error}", file.display())),
        }
    }
    let message = format!("removed {removed} file(s) {why} ({})", human_bytes(bytes));
    if errors.is_empty() {
        Step {
            name,
            status: Status::Ok,
            message,
        }
    } else {
        Step {
            name,
            status: Status::Failed,
            message: format!("{message}; could not remove {}", errors.join(", ")),
        }
    }
}

/// Sessions that ended and login-throttle windows that closed long ago.
async fn tidy_tables(db: &sea_orm::DatabaseConnection) -> Step {
    let name = "sessions";
    let sessions = session::Entity::delete_many()
        .filter(session::Column::ExpiresAt.lt(Utc::now()))
        .exec(db)
        .await;
    let windows = crate::auth::throttle::prune(db).await;
    match (sessions, windows) {
        (Ok(sessions), Ok(windows)) => Step {
            name,
            status: Status::Ok,
            message: format!(
                "removed {} ended session(s) and {windows} old login-throttle window(s)",
                sessions.rows_affected
            ),
        },
        (Err(error), _) | (_, Err(error)) => Step {
            name,
            status: Status::Failed,
            message: error.to_string(),
        },
    }
}

async fn optimize(db: &sea_orm::DatabaseConnection) -> Step {
    let (name, sql) = match db.get_database_backend() {
        DatabaseBackend::Postgres => ("vacuum", "VACUUM ANALYZE"),
        _ => ("optimize", "PRAGMA optimize"),
    };
    let started = std::time::Instant::now();
    match db.execute_unprepared(sql).await {
        Ok(_) => Step {
            name,
            status: Status::Ok,
            message: format!("{sql} in {:.1} s", started.elapsed().as_secs_f64()),
        },
        Err(error) => Step {
            name,
            status: Status::Failed,
            message: format!("{sql}: {error}"),
        },
    }
}

fn disk_space(dir: &Path, min_free_percent: u8) -> Step {
    let name = "disk";
    match fs4::statvfs(dir) {
        Ok(stats) => {
            let (free, total) = (stats.available_space(), stats.total_space());
            let percent = if total == 0 {
                100.0
            } else {
                free as f64 * 100.0 / total as f64
            };
            let message = format!(
                "{} free of {} ({percent:.1} %) on the disk of {}",
                human_bytes(free),
                human_bytes(total),
                dir.display()
            );
            if percent < f64::from(min_free_percent) {
                Step {
                    name,
                    status: Status::Warning,
                    message: format!("{message}: below {min_free_percent} %"),
                }
            } else {
                Step {
                    name,
                    status: Status::Ok,
                    message,
                }
            }
        }
        Err(error) => Step {
            name,
            status: Status::Failed,
            message: format!("cannot read the free space of {}: {error}", dir.display()),
        },
    }
}

async fn health(settings: &Settings, url: Option<&str>) -> Step {
    let name = "health";
    let url = match url {
        Some(url) => url.to_owned(),
        None if settings.tls.enabled() => {
            return Step {
                name,
                status: Status::Ok,
                message: "not probed: the server speaks HTTPS; give --health-url with a \
                          plain-HTTP address (e.g. a loopback proxy) to probe it"
                    .into(),
            };
        }
        None => format!("http://127.0.0.1:{}/api/health", settings.port),
    };
    match crate::ops::probe::wait_healthy(&url, 3, Duration::from_secs(2)).await {
        Ok(_) => Step {
            name,
            status: Status::Ok,
            message: format!("{url} is healthy"),
        },
        Err(reason) => Step {
            name,
            status: Status::Failed,
            message: format!("{url}: {reason}"),
        },
    }
}

fn human_bytes(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KB", "MB", "GB", "TB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} B")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_well() {
        assert_eq!(human_bytes(512), "512 B");
        assert_eq!(human_bytes(1536), "1.5 KB");
        assert_eq!(human_bytes(3 * 1024 * 1024 * 1024), "3.0 GB");
    }

    #[test]
    fn failures_outrank_warnings() {
        let unwell = |warnings, failures| Unwell { warnings, failures }.exit_code();
        assert_eq!(unwell(1, 0), 2);
        assert_eq!(unwell(1, 1), 1);
        assert_eq!(unwell(0, 2), 1);
    }
}
