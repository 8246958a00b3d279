//! `GET /api/health`: database, disk and memory, for load balancers and monitoring.

use std::time::{Duration, Instant};

use actix_web::{HttpResponse, get, web};
use api_types::{
    CheckStatus, DatabaseCheck, FilesystemCheck, HealthChecks, HealthResponse, HealthStatus,
    MemoryCheck,
};
use chrono::{SecondsFormat, Utc};

use crate::startup::AppState;

/// The database probe gives up after this long and reports an error.
const DB_PROBE_TIMEOUT: Duration = Duration::from_secs(2);

/// Free space below this share of the volume reports a filesystem warning.
const DISK_WARNING_FRACTION: f64 = 0.10;

#[derive(utoipa::OpenApi)]
#[openapi(paths(health), components(schemas(HealthResponse)))]
pub struct Api;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(health);
}

/// Health of the server and its database.
///
/// Public. 200 when the database answers and the data directory is readable, otherwise 503 with the
/// failing check marked `error`. Memory above the configured limit and little free disk space are
/// reported as `warning` without failing the check.
#[utoipa::path(
    tag = "system",
    responses(
        (status = 200, description = "Healthy", body = HealthResponse),
        (status = 503, description = "Unhealthy (database unreachable)", body = HealthResponse),
    )
)]
#[get("/api/health")]
pub async fn health(state: web::Data<AppState>) -> HttpResponse {
    let database = check_database(&state).await;
    let filesystem = check_filesystem(&state);
    let memory = check_memory(&state);
    let healthy = database.status != CheckStatus::Error && filesystem.status != CheckStatus::Error;
    let body = HealthResponse {
        status: if healthy {
            HealthStatus::Healthy
        } else {
            HealthStatus::Unhealthy
        },
        timestamp: Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true),
        version: crate::VERSION.to_string(),
        checks: HealthChecks {
            database,
            filesystem,
            memory,
        },
    };
    let mut response = if healthy {
        HttpResponse::Ok()
    } else {
        HttpResponse::ServiceUnavailable()
    };
    response
        .insert_header(("Cache-Control", "no-store"))
        .json(body)
}

async fn check_database(state: &AppState) -> DatabaseCheck {
    let started = Instant::now();
    let ok = matches!(
        tokio::time::timeout(DB_PROBE_TIMEOUT, state.db.ping()).await,
        Ok(Ok(()))
    );
    DatabaseCheck {
        status: if ok {
            CheckStatus::Healthy
        } else {
            CheckStatus::Error
        },
        latency_ms: (started.elapsed().as_secs_f64() * 1000.0 * 1000.0).round() / 1000.0,
        backend: crate::db::backend_name(&state.db).to_string(),
    }
}

fn check_filesystem(state: &AppState) -> FilesystemCheck {
    let dir = &state.settings.data_dir;
    match fs4::statvfs(dir) {
        Ok(stats) => {
            let (free, total) = (stats.available_space(), stats.total_space());
            FilesystemCheck {
                status: if total > 0 && (free as f64) < (total as f64) * DISK_WARNING_FRACTION {
                    CheckStatus::Warning
                } else {
                    CheckStatus::Healthy
                },
                free_bytes: free,
            }
        }
        Err(_) => FilesystemCheck {
            status: CheckStatus::Error,
            free_bytes: 0,
        },
    }
}

fn check_memory(state: &AppState) -> MemoryCheck {
    let limit_bytes = state.settings.memory_warning_mb * 1024 * 1024;
    let rss_bytes = memory_stats::memory_stats()
        .map(|usage| usage.physical_mem as u64)
        .unwrap_or(0);
    MemoryCheck {
        status: if rss_bytes > limit_bytes {
            CheckStatus::Warning
        } else {
            CheckStatus::Healthy
        },
        rss_bytes,
        limit_bytes,
    }
}
