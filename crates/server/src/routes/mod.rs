//! HTTP routes. Each resource module owns its handlers, its `configure` and its OpenAPI paths.

pub mod admin;
pub mod auth;
pub mod docs;
pub mod health;
pub mod metrics;
pub mod profile;
pub mod setup;
pub mod spa;
pub mod users;

use actix_web::web;

/// Registers every `/api` resource.
pub fn configure_api(cfg: &mut web::ServiceConfig) {
    cfg.configure(health::configure)
        .configure(docs::configure)
        .configure(setup::configure)
        .configure(auth::configure)
        .configure(profile::configure)
        .configure(users::configure)
        .configure(admin::configure);
}
