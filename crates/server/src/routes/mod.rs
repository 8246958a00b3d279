//! HTTP routes. Each resource module owns its handlers, its `configure` and its OpenAPI paths.

pub mod docs;
pub mod health;
pub mod metrics;
pub mod spa;

use actix_web::web;

/// Registers every `/api` resource.
pub fn configure_api(cfg: &mut web::ServiceConfig) {
    cfg.configure(health::configure).configure(docs::configure);
}
