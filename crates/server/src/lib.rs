//! Etikettdrucker server: quality-control records, label printing and the host of the browser SPA.
#![forbid(unsafe_code)]

pub mod analytics;
pub mod auth;
pub mod cli;
pub mod dashboard;
pub mod db;
pub mod entities;
pub mod error;
pub mod export;
pub mod headers;
pub mod inspection;
pub mod label_input;
pub mod metrics;
pub mod middleware;
pub mod openapi;
pub mod ops;
pub mod packaging;
pub mod printing;
pub mod routes;
pub mod services;
pub mod settings;
pub mod startup;
pub mod telemetry;
pub mod tls;
pub mod validation;

/// Version of this build, shown in health, the footer and `--version`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
