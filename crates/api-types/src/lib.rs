//! Wire types of the Etikettdrucker REST API.
//!
//! Shared by the server (which derives OpenAPI schemas from them with the `openapi` feature) and by the
//! browser SPA (compiled to wasm32). Serde only: no runtime, no database types.
#![forbid(unsafe_code)]

pub mod analytics;
pub mod auth;
pub mod dashboard;
mod error;
mod health;
pub mod inspection;
pub mod packaging;
pub mod printers;
pub mod printing;
pub mod validation;

pub use error::{ErrorBody, ErrorCode, FieldErrors};
pub use health::{
    CheckStatus, DatabaseCheck, FilesystemCheck, HealthChecks, HealthResponse, HealthStatus,
    MemoryCheck,
};
