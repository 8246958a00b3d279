//! Mount labels: `POST /api/halterung` (the original path; now stored), the history, one label and
//! its reprint.

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use api_types::ErrorBody;
use api_types::auth::Pagination;
use api_types::packaging::{
    HalterungCreated, HalterungDto, HalterungList, HalterungRequest, HalterungResponse,
    LabelPrinted, PrintLabelRequest,
};
use api_types::printing::JobKind;
use serde::Deserialize;
use serde_json::json;

use super::{order_desc, print_label};
use crate::auth::{Principal, events};
use crate::error::ApiResult;
use crate::packaging::{HistoryFilter, halterung};
use crate::printing::jobs;
use crate::startup::AppState;
use crate::validation::Validator;

#[derive(utoipa::OpenApi)]
#[openapi(
    paths(create, list, detail, print),
    components(schemas(
        HalterungRequest,
        HalterungDto,
        HalterungCreated,
        HalterungResponse,
        HalterungList
    ))
)]
pub struct Api;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(create)
        .service(list)
        .service(detail)
        .service(print);
}

/// Stores a mount label dated today (plant time zone) and queues it (`printerId`), or only stores
/// it (`skipPrint: true`). One line prints the single-item layout, more the table.
#[utoipa::path(
    tag = "packaging",
    request_body(content = HalterungRequest, example = json!({
        "printerId": 1, "items": [{"artikelnummer": "10229", "menge": 2}]})),
    responses(
        (status = 201, body = HalterungCreated),
        (status = 403, description = "VIEWER", body = ErrorBody),
        (status = 422, description = "Per-field errors (items[i].menge …, printerId)", body = ErrorBody),
    )
)]
#[post("/api/halterung")]
pub async fn create(
    request: HttpRequest,
    state: web::Data<AppState>,
    principal: Principal,
    body: web::Json<HalterungRequest>,
) -> ApiResult<HttpResponse> {
    let (row, job) = halterung::create(&state, &principal, &body).await?;
    events::record_action(
        &request,
        &state,
        &principal,
        "HALTERUNG_CREATED",
        json!({"id": row.id, "jobId": job.as_ref().map(|j| j.id)}),
    )
    .await;
    Ok(HttpResponse::Created().json(HalterungCreated {
        success: true,
        item: halterung::to_dto(&row, job.as_ref()),
        zpl: job.as_ref().map(|j| j.zpl.clone()),
        print_job: job.as_ref().map(jobs::to_dto),
    }))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HalterungQuery {
    /// Free text: article number or description.
    q: Option<String>,
    /// RFC 3339: created at or after.
    from: Option<String>,
    /// RFC 3339: created before.
    to: Option<String>,
    /// `desc` (default, newest first) or `asc`.
    order: Option<String>,
    page: Option<u64>,
    /// 1–1000, default 50.
    limit: Option<u64>,
}

/// The stored mount labels, newest first, filtered by free text and creation time.
#[utoipa::path(
    tag = "packaging",
    params(HalterungQuery),
    responses((status = 200, body = HalterungList), (status = 422, body = ErrorBody))
)]
#[get("/api/halterung")]
pub async fn list(
    state: web::Data<AppState>,
    query: web::Query<HalterungQuery>,
) -> ApiResult<HttpResponse> {
    let mut v = Validator::new();
    let (page, limit) = v.paging(query.page, query.limit, 50, 1000);
    let filter = HistoryFilter {
        q: query.q.clone(),
        from: v.time("from", query.from.as_deref()),
        to: v.time("to", query.to.as_deref()),
        newest_first: order_desc(&mut v, query.order.as_deref()).unwrap_or(true),
    };
    v.finish()?;
    let (items, total) = halterung::list(&state, &filter, page, limit).await?;
    Ok(HttpResponse::Ok().json(HalterungList {
        success: true,
        items,
        pagination: Pagination::new(page, limit, total),
    }))
}

/// One mount label.
#[utoipa::path(
    tag = "packaging",
    params(("id" = i64, Path, description = "Label id")),
    responses((status = 200, body = HalterungResponse), (status = 404, body = ErrorBody))
)]
#[get("/api/halterung/{id}")]
pub async fn detail(state: web::Data<AppState>, id: web::Path<i64>) -> ApiResult<HttpResponse> {
    let row = halterung::load(&state, id.into_inner()).await?;
    Ok(HttpResponse::Ok().json(HalterungResponse {
        success: true,
        item: halterung::dto(&state, &row).await?,
    }))
}

/// Queues the label again with its original date; a label printed before needs a `reason`.
#[utoipa::path(
    tag = "packaging",
    params(("id" = i64, Path, description = "Label id")),
    request_body = PrintLabelRequest,
    responses(
        (status = 202, body = LabelPrinted),
        (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
#[post("/api/halterung/{id}/print")]
pub async fn print(
    request: HttpRequest,
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<i64>,
    body: web::Json<PrintLabelRequest>,
) -> ApiResult<HttpResponse> {
    print_label(
        &request,
        &state,
        &principal,
        JobKind::Halterung,
        id.into_inner(),
        body.printer_id,
        body.reason.as_deref(),
    )
    .await
}
