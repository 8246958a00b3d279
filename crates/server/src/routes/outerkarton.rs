//! Outer cartons on the original paths `/api/outerkarton` (create, look up, history, reprint) and
//! `/api/outerkarton/search`, plus scanning, unit lookup, one carton, changing its contents and
//! printing its label.

use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use api_types::ErrorBody;
use api_types::auth::Pagination;
use api_types::packaging::{
    CartonCreated, CartonDto, CartonEntryDto, CartonList, CartonRef, CartonReprintRequest,
    CartonRequest, CartonResponse, CartonUpdateRequest, CheckedEntry, EntryProblem, LabelPrinted,
    PrintLabelRequest, ScanRequest, ScanResponse, UnitEntryResponse, UnitRef,
};
use api_types::printing::JobKind;
use serde::Deserialize;
use serde_json::json;

use super::{order_desc, print_label};
use crate::auth::{Principal, events};
use crate::error::{ApiError, ApiResult};
use crate::export::{self as download, Cell, ExportParams};
use crate::packaging::carton::{self, Filter};
use crate::printing::jobs;
use crate::startup::AppState;
use crate::validation::Validator;

#[derive(utoipa::OpenApi)]
#[openapi(
    paths(
        list, export, create, reprint, scan, unit, search, detail, update, print
    ),
    components(schemas(
        CartonRequest,
        CartonUpdateRequest,
        CartonReprintRequest,
        CartonDto,
        CartonEntryDto,
        CartonCreated,
        CartonResponse,
        CartonList,
        CartonRef,
        CheckedEntry,
        EntryProblem,
        UnitRef,
        ScanRequest,
        ScanResponse,
        UnitEntryResponse
    ))
)]
pub struct Api;

pub fn configure(cfg: &mut web::ServiceConfig) {
    // Fixed paths before `{id}`.
    cfg.service(export)
        .service(scan)
        .service(unit)
        .service(search)
        .service(list)
        .service(create)
        .service(reprint)
        .service(detail)
        .service(update)
        .service(print);
}

fn trimmed(value: Option<&str>) -> Option<String> {
    value
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(rename_all = "camelCase")]
pub struct CartonQuery {
    /// The newest carton of this delivery note (`found`/`item`).
    lieferschein_number: Option<String>,
    /// Same as `lieferscheinNumber` (the original read both).
    lieferschein: Option<String>,
    /// Free text: delivery note, or a line's article number, description or serial.
    q: Option<String>,
    /// Cartons holding this serial.
    serialnummer: Option<String>,
    /// RFC 3339: created at or after.
    from: Option<String>,
    /// RFC 3339: created before.
    to: Option<String>,
    /// `desc` (default, newest first as the original) or `asc`.
    order: Option<String>,
    page: Option<u64>,
    /// 1–1000, default 500.
    limit: Option<u64>,
}

/// By delivery note (`{"found": …, "item": …}`, the newest carton of that number), or the history
/// with filters (`{"items": […], "pagination"}`).
#[utoipa::path(
    tag = "packaging",
    params(CartonQuery),
    responses(
        (status = 200, description = "CartonResponse with a delivery note, else CartonList", body = CartonList),
        (status = 422, body = ErrorBody),
    )
)]
#[get("/api/outerkarton")]
pub async fn list(
    state: web::Data<AppState>,
    query: web::Query<CartonQuery>,
) -> ApiResult<HttpResponse> {
    let number = trimmed(query.lieferschein_number.as_deref())
        .or_else(|| trimmed(query.lieferschein.as_deref()));
    if let Some(number) = number {
        let filter = Filter {
            lieferschein: Some(number),
            newest_first: true,
            ..Filter::default()
        };
        let (mut items, _) = carton::list(&state, &filter, 1, 1).await?;
        let item = items.pop();
        return Ok(HttpResponse::Ok().json(CartonResponse {
            success: true,
            found: item.is_some(),
            item,
            print_job: None,
        }));
    }
    let mut v = Validator::new();
    let (page, limit) = v.paging(query.page, query.limit, 500, 1000);
    let filter = Filter {
        q: query.q.clone(),
        serialnummer: trimmed(query.serialnummer.as_deref()),
        from: v.time("from", query.from.as_deref()),
        to: v.time("to", query.to.as_deref()),
        newest_first: order_desc(&mut v, query.order.as_deref()).unwrap_or(true),
        ..Filter::default()
    };
    v.finish()?;
    let (items, total) = carton::list(&state, &filter, page, limit).await?;
    Ok(HttpResponse::Ok().json(CartonList {
        success: true,
        item: None,
        items,
        pagination: Pagination::new(page, limit, total),
    }))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CartonExportQuery {
    /// Free text: delivery note, or a line's article number, description or serial.
    q: Option<String>,
    /// Cartons holding this serial.
    serialnummer: Option<String>,
    /// RFC 3339: created at or after.
    from: Option<String>,
    /// RFC 3339: created before.
    to: Option<String>,
    /// `desc` (default, newest first) or `asc`.
    order: Option<String>,
}

/// Cartons read per page of the export.
const EXPORT_PAGE: u64 = 200;

/// The filtered cartons as CSV or XLSX, one row per line (MANAGEMENT, ADMIN).
#[utoipa::path(
    tag = "packaging",
    params(CartonExportQuery, ExportParams),
    responses(
        (status = 200, description = "CSV (UTF-8 with BOM, `;`) or XLSX file", content_type = "text/csv"),
        (status = 422, body = ErrorBody),
    )
)]
#[get("/api/outerkarton/export")]
pub async fn export(
    state: web::Data<AppState>,
    query: web::Query<CartonExportQuery>,
    params: web::Query<ExportParams>,
) -> ApiResult<HttpResponse> {
    let mut v = Validator::new();
    let (format, numbers) = params.parse(&mut v);
    let filter = Filter {
        q: query.q.clone(),
        serialnummer: trimmed(query.serialnummer.as_deref()),
        from: v.time("from", query.from.as_deref()),
        to: v.time("to", query.to.as_deref()),
        newest_first: order_desc(&mut v, query.order.as_deref()).unwrap_or(true),
        ..Filter::default()
    };
    v.finish()?;
    let tz = state.settings.plant_tz();
    let columns: Vec<String> = [
        "Karton-ID",
        "Erstellt",
        "Lieferschein-Nr.",
        "Position",
        "Artikelnummer",
        "Artikelbezeichnung",
        "Menge",
        "Seriennummer",
        "Prüfung-ID",
        "Freigabe (Begründung)",
        "Freigegeben von",
        "Erstellt von",
    ]
    .map(str::to_owned)
    .to_vec();
    let stem = format!("aussenkartons-{}", chrono::Utc::now().format("%Y-%m-%d"));
    let state = state.into_inner();
    download::respond(
        format,
        numbers,
        &stem,
        &columns,
        move |mut sink| async move {
            for page in 0.. {
                let cartons =
                    match carton::page_with_lines(&state, &filter, page, EXPORT_PAGE).await {
                        Ok(cartons) => cartons,
                        Err(error) => {
                            tracing::error!(%error, "carton export stopped");
                            return Err((sink, download::Stopped));
                        }
                    };
                if cartons.is_empty() {
                    break;
                }
                for carton in &cartons {
                    let created = download::plant_time(tz, carton.row.created_at);
                    for line in &carton.entries {
                        let row = [
                            Cell::Int(carton.row.id),
                            Cell::text(&created),
                            Cell::opt(carton.row.lieferschein_number.clone()),
                            Cell::Int(i64::from(line.position) + 1),
                            Cell::text(&line.artikelnummer),
                            Cell::text(&line.artikelbezeichnung),
                            Cell::Int(i64::from(line.menge)),
                            Cell::opt(line.serialnummer.clone()),
                            line.inspection_id.map_or(Cell::Empty, Cell::Int),
                            Cell::opt(line.override_reason.clone()),
                            Cell::opt(line.override_by.clone()),
                            Cell::text(&carton.row.created_by),
                        ];
                        if let Err(stopped) = sink.row(&row).await {
                            return Err((sink, stopped));
                        }
                    }
                }
            }
            Ok(sink)
        },
    )
}

/// Stores a carton and queues its label (`printerId`), or only stores it (`skipPrint: true`).
/// Lines keep their order. A product serial must belong to a unit that passed inspection and is in
/// no other carton; MANAGEMENT/ADMIN may pack a unit that has not passed with `overrideReason`.
#[utoipa::path(
    tag = "packaging",
    request_body(content = CartonRequest, example = json!({
        "lieferscheinNumber": "A-2026-118", "printerId": 1,
        "entries": [
            {"artikelnummer": "10300", "artikelbezeichnung": "Rotoclear C2 Steuerrechner", "menge": 1, "serialnummer": "C2-0001"},
            {"artikelnummer": "10035", "artikelbezeichnung": "Datenkabel mit 2x M12-Stecker (10m)", "menge": 2}]})),
    responses(
        (status = 201, body = CartonCreated),
        (status = 403, description = "VIEWER, or an override by a role other than MANAGEMENT/ADMIN", body = ErrorBody),
        (status = 409, description = "entries[i].serialnummer: unit not passed (no override) or already packed", body = ErrorBody),
        (status = 422, description = "Per-field errors (entries[i].menge …, printerId, overrideReason)", body = ErrorBody),
    )
)]
#[post("/api/outerkarton")]
pub async fn create(
    request: HttpRequest,
    state: web::Data<AppState>,
    principal: Principal,
    body: web::Json<CartonRequest>,
) -> ApiResult<HttpResponse> {
    let (carton, job) = carton::create(&state, &principal, &body).await?;
    let overridden: Vec<&str> = carton
        .entries
        .iter()
        .filter(|e| e.override_reason.is_some())
        .filter_map(|e| e.serialnummer.as_deref())
        .collect();
    events::record_action(
        &request,
        &state,
        &principal,
        "OUTERKARTON_CREATED",
        json!({"id": carton.row.id, "entries": carton.entries.len(),
               "overridden": overridden, "overrideReason": body.override_reason,
               "jobId": job.as_ref().map(|j| j.id)}),
    )
    .await;
    Ok(HttpResponse::Created().json(CartonCreated {
        success: true,
        outer_karton_id: carton.row.id,
        item: carton::to_dto(&carton, job.as_ref()),
        zpl: job.as_ref().map(|j| j.zpl.clone()),
        print_job: job.as_ref().map(jobs::to_dto),
    }))
}

/// Prints a carton's label again (the original's reprint); needs a `reason` once printed.
#[utoipa::path(
    tag = "packaging",
    request_body(content = CartonReprintRequest, example = json!({
        "outerKartonId": 5, "printerId": 1, "reason": "Etikett beim Transport abgerissen"})),
    responses(
        (status = 202, body = LabelPrinted),
        (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
#[put("/api/outerkarton")]
pub async fn reprint(
    request: HttpRequest,
    state: web::Data<AppState>,
    principal: Principal,
    body: web::Json<CartonReprintRequest>,
) -> ApiResult<HttpResponse> {
    let id = body
        .outer_karton_id
        .ok_or_else(|| ApiError::field("outerKartonId", "outerKartonId ist erforderlich"))?;
    print_label(
        &request,
        &state,
        &principal,
        JobKind::Outerkarton,
        id,
        body.printer_id,
        body.reason.as_deref(),
    )
    .await
}

/// One scanned QR text (any label of the system, line breaks stripped or not) as carton lines,
/// each with its unit's state. Unreadable texts answer 422 on `text` with the reason.
#[utoipa::path(
    tag = "packaging",
    request_body(content = ScanRequest, example = json!({
        "text": "SN: C2-0001 ART: Rotoclear C2 Steuerrechner ARTN: 10300 ELE: E1 MAC: 00:11 SW: 1.0 DAT: 05-09-2025"})),
    responses(
        (status = 200, body = ScanResponse),
        (status = 422, description = "Unreadable text, unknown delivery note or serial", body = ErrorBody),
    )
)]
#[post("/api/outerkarton/scan")]
pub async fn scan(
    state: web::Data<AppState>,
    body: web::Json<ScanRequest>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(carton::scan(&state, &body.text).await?))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SerialQuery {
    serialnummer: Option<String>,
}

/// A unit as a carton line, looked up across the product lines (404 when unknown).
#[utoipa::path(
    tag = "packaging",
    params(SerialQuery),
    responses(
        (status = 200, body = UnitEntryResponse),
        (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
#[get("/api/outerkarton/unit")]
pub async fn unit(
    state: web::Data<AppState>,
    query: web::Query<SerialQuery>,
) -> ApiResult<HttpResponse> {
    let serial = trimmed(query.serialnummer.as_deref())
        .ok_or_else(|| ApiError::field("serialnummer", "Seriennummer ist erforderlich"))?;
    let entry = carton::unit_entry(&state, &serial).await?.ok_or_else(|| {
        ApiError::NotFound(format!("Zur Seriennummer {serial} gibt es keine Prüfung"))
    })?;
    Ok(HttpResponse::Ok().json(UnitEntryResponse {
        success: true,
        entry,
    }))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// Exact delivery note.
    lieferschein: Option<String>,
    /// Exact serial of a contained unit or accessory: "which carton holds unit X?".
    serialnummer: Option<String>,
}

/// Cartons by delivery note or by a contained serial, newest first; `item` is the newest match
/// (`null` when none).
#[utoipa::path(
    tag = "packaging",
    params(SearchQuery),
    responses(
        (status = 200, body = CartonList),
        (status = 422, description = "Neither lieferschein nor serialnummer", body = ErrorBody),
    )
)]
#[get("/api/outerkarton/search")]
pub async fn search(
    state: web::Data<AppState>,
    query: web::Query<SearchQuery>,
) -> ApiResult<HttpResponse> {
    let filter = Filter {
        lieferschein: trimmed(query.lieferschein.as_deref()),
        serialnummer: trimmed(query.serialnummer.as_deref()),
        newest_first: true,
        ..Filter::default()
    };
    if filter.lieferschein.is_none() && filter.serialnummer.is_none() {
        let mut v = Validator::new();
        v.add(
            "lieferschein",
            "Lieferschein-Nummer oder Seriennummer angeben",
        );
        v.add(
            "serialnummer",
            "Lieferschein-Nummer oder Seriennummer angeben",
        );
        v.finish()?;
    }
    let (items, total) = carton::list(&state, &filter, 1, 100).await?;
    Ok(HttpResponse::Ok().json(CartonList {
        success: true,
        item: items.first().cloned(),
        pagination: Pagination::new(1, 100, total),
        items,
    }))
}

/// One carton with its lines in packing order and its newest label job.
#[utoipa::path(
    tag = "packaging",
    params(("id" = i64, Path, description = "Carton id")),
    responses((status = 200, body = CartonResponse), (status = 404, body = ErrorBody))
)]
#[get("/api/outerkarton/{id}")]
pub async fn detail(state: web::Data<AppState>, id: web::Path<i64>) -> ApiResult<HttpResponse> {
    let carton = carton::load(&state, id.into_inner()).await?;
    Ok(HttpResponse::Ok().json(CartonResponse {
        success: true,
        found: true,
        item: Some(carton::dto(&state, &carton).await?),
        print_job: None,
    }))
}

/// Changes a carton's contents with a `reason` (recorded), checked like a new carton; `version`
/// must be the one read (409 otherwise). With `printerId` the changed label is printed.
#[utoipa::path(
    tag = "packaging",
    params(("id" = i64, Path, description = "Carton id")),
    request_body = CartonUpdateRequest,
    responses(
        (status = 200, body = CartonResponse),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "Stale version, unit not passed or packed elsewhere", body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
#[put("/api/outerkarton/{id}")]
pub async fn update(
    request: HttpRequest,
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<i64>,
    body: web::Json<CartonUpdateRequest>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let before = carton::load(&state, id).await?;
    let (carton, job) = carton::update(&state, &principal, id, &body).await?;
    let serials = |c: &carton::Carton| -> Vec<String> {
        c.entries
            .iter()
            .filter_map(|e| e.serialnummer.clone())
            .collect()
    };
    events::record_action(
        &request,
        &state,
        &principal,
        "OUTERKARTON_CHANGED",
        json!({"id": id, "reason": body.reason.as_deref().map(str::trim),
               "entriesBefore": before.entries.len(), "entriesAfter": carton.entries.len(),
               "serialsBefore": serials(&before), "serialsAfter": serials(&carton),
               "jobId": job.as_ref().map(|j| j.id)}),
    )
    .await;
    Ok(HttpResponse::Ok().json(CartonResponse {
        success: true,
        found: true,
        item: Some(carton::to_dto(&carton, job.as_ref())),
        print_job: job.as_ref().map(jobs::to_dto),
    }))
}

/// Queues the carton's label; a label printed before needs a `reason`.
#[utoipa::path(
    tag = "packaging",
    params(("id" = i64, Path, description = "Carton id")),
    request_body = PrintLabelRequest,
    responses(
        (status = 202, body = LabelPrinted),
        (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
#[post("/api/outerkarton/{id}/print")]
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
        JobKind::Outerkarton,
        id.into_inner(),
        body.printer_id,
        body.reason.as_deref(),
    )
    .await
}
