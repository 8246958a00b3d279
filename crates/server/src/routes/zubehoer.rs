//! Accessory labels on the original paths `/api/zubehoer` (create, look up, history, reprint), plus
//! `GET /api/zubehoer/{id}` and `POST /api/zubehoer/{id}/print`.

use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use api_types::ErrorBody;
use api_types::auth::Pagination;
use api_types::packaging::{
    LabelPrinted, PackItem, PackItemInput, PrintLabelRequest, ZubehoerCreated, ZubehoerDto,
    ZubehoerFound, ZubehoerList, ZubehoerReprintRequest, ZubehoerRequest,
};
use api_types::printing::JobKind;
use serde::Deserialize;
use serde_json::json;

use super::{order_desc, print_label};
use crate::auth::{Principal, events};
use crate::entities::zubehoer_label;
use crate::error::{ApiError, ApiResult};
use crate::export::{self as download, Cell, ExportParams};
use crate::packaging::{HistoryFilter, decode_items, zubehoer};
use crate::printing::jobs;
use crate::startup::AppState;
use crate::validation::Validator;

#[derive(utoipa::OpenApi)]
#[openapi(
    paths(list, export, create, reprint, detail, print),
    components(schemas(
        PackItem,
        PackItemInput,
        ZubehoerRequest,
        ZubehoerDto,
        ZubehoerCreated,
        ZubehoerFound,
        ZubehoerList,
        ZubehoerReprintRequest,
        PrintLabelRequest,
        LabelPrinted
    ))
)]
pub struct Api;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list)
        .service(export)
        .service(create)
        .service(reprint)
        .service(detail)
        .service(print);
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ZubehoerQuery {
    /// The label of this delivery note (`found`/`item`; case and surrounding spaces ignored).
    lieferscheinnummer: Option<String>,
    /// Free text: delivery note, serial, article number or description.
    q: Option<String>,
    /// RFC 3339: created at or after.
    from: Option<String>,
    /// RFC 3339: created before.
    to: Option<String>,
    /// `asc` (default, by id as the original) or `desc` (newest first).
    order: Option<String>,
    page: Option<u64>,
    /// 1–1000, default 500.
    limit: Option<u64>,
}

/// By delivery note (`{"found": …, "item": …}`), or the history (`{"items": […], "pagination"}`).
#[utoipa::path(
    tag = "packaging",
    params(ZubehoerQuery),
    responses(
        (status = 200, description = "ZubehoerFound with lieferscheinnummer, else ZubehoerList", body = ZubehoerList),
        (status = 422, body = ErrorBody),
    )
)]
#[get("/api/zubehoer")]
pub async fn list(
    state: web::Data<AppState>,
    query: web::Query<ZubehoerQuery>,
) -> ApiResult<HttpResponse> {
    if let Some(number) = query
        .lieferscheinnummer
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        let item = match zubehoer::find_by_lieferschein(&state, number).await? {
            Some(row) => Some(zubehoer::dto(&state, &row).await?),
            None => None,
        };
        return Ok(HttpResponse::Ok().json(ZubehoerFound {
            success: true,
            found: item.is_some(),
            item,
        }));
    }
    let mut v = Validator::new();
    let (page, limit) = v.paging(query.page, query.limit, 500, 1000);
    let filter = HistoryFilter {
        q: query.q.clone(),
        from: v.time("from", query.from.as_deref()),
        to: v.time("to", query.to.as_deref()),
        newest_first: order_desc(&mut v, query.order.as_deref()).unwrap_or(false),
    };
    v.finish()?;
    let (items, total) = zubehoer::list(&state, &filter, page, limit).await?;
    Ok(HttpResponse::Ok().json(ZubehoerList {
        success: true,
        items,
        pagination: Pagination::new(page, limit, total),
    }))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ZubehoerExportQuery {
    /// Free text: delivery note, serial, article number or description.
    q: Option<String>,
    /// RFC 3339: created at or after.
    from: Option<String>,
    /// RFC 3339: created before.
    to: Option<String>,
    /// `asc` (default) or `desc` (newest first).
    order: Option<String>,
}

/// The filtered accessory labels as CSV or XLSX, one row per line (MANAGEMENT, ADMIN).
#[utoipa::path(
    tag = "packaging",
    params(ZubehoerExportQuery, ExportParams),
    responses(
        (status = 200, description = "CSV (UTF-8 with BOM, `;`) or XLSX file", content_type = "text/csv"),
        (status = 422, body = ErrorBody),
    )
)]
#[get("/api/zubehoer/export")]
pub async fn export(
    state: web::Data<AppState>,
    query: web::Query<ZubehoerExportQuery>,
    params: web::Query<ExportParams>,
) -> ApiResult<HttpResponse> {
    let mut v = Validator::new();
    let (format, numbers) = params.parse(&mut v);
    let filter = HistoryFilter {
        q: query.q.clone(),
        from: v.time("from", query.from.as_deref()),
        to: v.time("to", query.to.as_deref()),
        newest_first: order_desc(&mut v, query.order.as_deref()).unwrap_or(false),
    };
    v.finish()?;
    let tz = state.settings.plant_tz();
    let columns: Vec<String> = [
        "Etikett-ID",
        "Erstellt",
        "Lieferschein-Nr.",
        "Artikelnummer",
        "Artikelbezeichnung",
        "Menge",
        "Seriennummer Elektronik (C-Extender)",
        "Erstellt von",
    ]
    .map(str::to_owned)
    .to_vec();
    let stem = format!(
        "zubehoer-etiketten-{}",
        chrono::Utc::now().format("%Y-%m-%d")
    );
    let db = state.db.clone();
    let select = zubehoer::filtered(&filter);
    download::respond(format, numbers, &stem, &columns, move |sink| {
        download::feed_stream(db, select, sink, move |label: &zubehoer_label::Model| {
            let created = download::plant_time(tz, label.created_at);
            decode_items(&label.entries)
                .into_iter()
                .map(|item| {
                    vec![
                        Cell::Int(label.id),
                        Cell::text(&created),
                        Cell::text(&label.lieferscheinnummer),
                        Cell::text(item.artikelnummer),
                        Cell::text(item.artikelbezeichnung),
                        Cell::Int(i64::from(item.menge)),
                        Cell::opt(item.serialnummer),
                        Cell::text(&label.created_by),
                    ]
                })
                .collect()
        })
    })
}

/// Stores the accessory label of a delivery note and queues it (`printerId`), or only stores it
/// (`skipPrint: true`). Lines are catalogue articles, ordered by article number on the label.
#[utoipa::path(
    tag = "packaging",
    request_body(content = ZubehoerRequest, example = json!({
        "lieferscheinnummer": "LS-4711", "printerId": 1,
        "items": [{"artikelnummer": "10370", "menge": 1, "serialnummer": "CX-0042"},
                  {"artikelnummer": "10035", "menge": 2}]})),
    responses(
        (status = 201, body = ZubehoerCreated),
        (status = 403, description = "VIEWER", body = ErrorBody),
        (status = 409, description = "Delivery note exists", body = ErrorBody),
        (status = 422, description = "Per-field errors (items[i].menge …, printerId)", body = ErrorBody),
    )
)]
#[post("/api/zubehoer")]
pub async fn create(
    request: HttpRequest,
    state: web::Data<AppState>,
    principal: Principal,
    body: web::Json<ZubehoerRequest>,
) -> ApiResult<HttpResponse> {
    let (row, job) = zubehoer::create(&state, &principal, &body).await?;
    events::record_action(
        &request,
        &state,
        &principal,
        "ZUBEHOER_CREATED",
        json!({"id": row.id, "lieferscheinnummer": row.lieferscheinnummer,
               "jobId": job.as_ref().map(|j| j.id)}),
    )
    .await;
    Ok(HttpResponse::Created().json(ZubehoerCreated {
        success: true,
        item: zubehoer::to_dto(&row, job.as_ref()),
        zpl: job.as_ref().map(|j| j.zpl.clone()),
        print_job: job.as_ref().map(jobs::to_dto),
    }))
}

/// Prints the label of a delivery note again (the original's reprint); needs a `reason` once the
/// label was printed.
#[utoipa::path(
    tag = "packaging",
    request_body(content = ZubehoerReprintRequest, example = json!({
        "lieferscheinnummer": "LS-4711", "printerId": 1, "reason": "Etikett beschädigt"})),
    responses(
        (status = 202, body = LabelPrinted),
        (status = 404, description = "No label for this delivery note", body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
#[put("/api/zubehoer")]
pub async fn reprint(
    request: HttpRequest,
    state: web::Data<AppState>,
    principal: Principal,
    body: web::Json<ZubehoerReprintRequest>,
) -> ApiResult<HttpResponse> {
    let number = body
        .lieferscheinnummer
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .ok_or_else(|| {
            ApiError::field("lieferscheinnummer", "Lieferschein-Nummer ist erforderlich")
        })?;
    let row = zubehoer::find_by_lieferschein(&state, number)
        .await?
        .ok_or_else(|| {
            ApiError::NotFound("Keine Einträge mit dieser Lieferschein-Nummer gefunden".into())
        })?;
    print_label(
        &request,
        &state,
        &principal,
        JobKind::Zubehoer,
        row.id,
        body.printer_id,
        body.reason.as_deref(),
    )
    .await
}

/// One accessory label.
#[utoipa::path(
    tag = "packaging",
    params(("id" = i64, Path, description = "Label id")),
    responses(
        (status = 200, body = ZubehoerFound),
        (status = 404, body = ErrorBody),
    )
)]
#[get("/api/zubehoer/{id}")]
pub async fn detail(state: web::Data<AppState>, id: web::Path<i64>) -> ApiResult<HttpResponse> {
    let row = zubehoer::load(&state, id.into_inner()).await?;
    Ok(HttpResponse::Ok().json(ZubehoerFound {
        success: true,
        found: true,
        item: Some(zubehoer::dto(&state, &row).await?),
    }))
}

/// Queues the label; a label printed before needs a `reason`.
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
#[post("/api/zubehoer/{id}/print")]
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
        JobKind::Zubehoer,
        id.into_inner(),
        body.printer_id,
        body.reason.as_deref(),
    )
    .await
}
