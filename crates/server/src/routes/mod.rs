//! HTTP routes. Each resource module owns its handlers, its `configure` and its OpenAPI paths.

pub mod admin;
pub mod analytics;
pub mod articles;
pub mod auth;
pub mod dashboard;
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

use actix_web::{HttpRequest, HttpResponse, web};
use api_types::auth::MessageResponse;
use api_types::packaging::LabelPrinted;
use api_types::printing::JobKind;
use serde_json::json;

use crate::auth::{Principal, events};
use crate::error::ApiResult;
use crate::printing::jobs;
use crate::startup::AppState;
use crate::validation::Validator;

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
        .configure(dashboard::configure)
        .configure(analytics::configure)
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

/// Queues the label of stored record `id` of `kind` and answers 202 with the job and its ZPL; the
/// print is recorded in the audit log.
pub async fn print_label(
    request: &HttpRequest,
    state: &AppState,
    principal: &Principal,
    kind: JobKind,
    id: i64,
    printer_id: i64,
    reason: Option<&str>,
) -> ApiResult<HttpResponse> {
    let job =
        crate::packaging::print_stored(state, principal, kind, id, printer_id, reason).await?;
    events::record_action(
        request,
        state,
        principal,
        "PACKAGING_LABEL_PRINTED",
        json!({"jobId": job.id, "reference": job.reference, "printerId": job.printer_id,
               "reason": job.reason}),
    )
    .await;
    Ok(HttpResponse::Accepted().json(LabelPrinted {
        success: true,
        print_job: jobs::to_dto(&job),
        zpl: job.zpl,
    }))
}

/// `order=asc|desc` of a history list: `Some(true)` for newest first, `None` when absent.
pub fn order_desc(v: &mut Validator, order: Option<&str>) -> Option<bool> {
    v.name(
        "order",
        order,
        |o| match o {
            "asc" => Some(false),
            "desc" => Some(true),
            _ => None,
        },
        "Reihenfolge asc oder desc",
    )
}
