//! HTTP routes. Each resource module owns its handlers, its `configure` and its OpenAPI paths.

pub mod admin;
pub mod articles;
pub mod auth;
pub mod docs;
pub mod halterung;
pub mod health;
pub mod inspections;
pub mod metrics;
pub mod outerkarton;
pub mod print_jobs;
pub mod printers;
pub mod profile;
pub mod setup;
pub mod spa;
pub mod users;
pub mod zubehoer;

use actix_web::{HttpResponse, web};
use api_types::auth::MessageResponse;

/// Registers every `/api` resource.
pub fn configure_api(cfg: &mut web::ServiceConfig) {
    cfg.configure(health::configure)
        .configure(docs::configure)
        .configure(setup::configure)
        .configure(auth::configure)
        .configure(profile::configure)
        .configure(users::configure)
        .configure(admin::configure)
        .configure(print_jobs::configure)
        .configure(printers::configure)
        .configure(articles::configure)
        .configure(zubehoer::configure)
        .configure(halterung::configure)
        .configure(outerkarton::configure)
        // Last: `/api/{product}` must not catch the fixed paths above.
        .configure(inspections::configure);
}

/// `200 {"success": true, "message": …}`, the original's answer to a completed action.
pub fn message(text: impl Into<String>) -> HttpResponse {
    HttpResponse::Ok().json(MessageResponse {
        success: true,
        message: text.into(),
    })
}
