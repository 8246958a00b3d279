use serde::{Deserialize, Serialize};

/// Overall state reported by `GET /api/health`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum HealthStatus {
    Healthy,
    Unhealthy,
}

/// State of one check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum CheckStatus {
    Healthy,
    /// Working, but past a configured limit (memory, disk space).
    Warning,
    /// Not working.
    Error,
}

/// Response of `GET /api/health`: 200 when `status` is `healthy`, otherwise 503.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HealthResponse {
    pub status: HealthStatus,
    /// RFC 3339 time of the check (UTC).
    #[cfg_attr(feature = "openapi", schema(example = "2026-11-26T10:30:00.000Z"))]
    pub timestamp: String,
    /// Version of the running server.
    #[cfg_attr(feature = "openapi", schema(example = "0.1.0"))]
    pub version: String,
    pub checks: HealthChecks,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HealthChecks {
    pub database: DatabaseCheck,
    pub filesystem: FilesystemCheck,
    pub memory: MemoryCheck,
}

/// `SELECT 1` against the database.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DatabaseCheck {
    pub status: CheckStatus,
    /// Round trip of the probe in milliseconds (fractional).
    pub latency_ms: f64,
    /// `postgres` or `sqlite`.
    pub backend: String,
}

/// Free space on the volume of the data directory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FilesystemCheck {
    pub status: CheckStatus,
    pub free_bytes: u64,
}

/// Resident memory of the server process.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MemoryCheck {
    pub status: CheckStatus,
    pub rss_bytes: u64,
    /// The configured warning limit.
    pub limit_bytes: u64,
}
