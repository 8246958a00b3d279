//! Inspections of every product line through one engine: the original paths `/api/cpro`, `/api/c2`,
//! `/api/cbasic`, `/api/kk` (create, look up, complete, Automatiktest link) with their field names,
//! plus the product definitions and the inspection search, detail, A correction, B comparison,
//! override and label printing.

use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use api_types::ErrorBody;
use api_types::auth::Pagination;
use api_types::inspection::{
    ArticleRule, ChoiceOption, CompletedResponse, Condition, CreatedResponse, DefinitionResponse,
    Difference, DifferencesResponse, FieldDef, FieldKind, FilledBy, InspectionDetail,
    InspectionDetailResponse, InspectionEventDto, InspectionList, InspectionListResponse,
    InspectionStatus, InspectionSummary, OverrideRequest, PrintInspectionRequest,
    ProductDefinition, ProductList, ProductListResponse, ProductSummary, SectionDef, Step,
    TextFormat,
};
use api_types::printing::{PrintJobData, PrintJobResponse};
use labels::product::Product;
use sea_orm::sea_query::Condition as Where;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Select};
use serde::Deserialize;
use serde_json::{Map, Value, json};

use crate::analytics::periods;
use crate::auth::Principal;
use crate::entities::{inspection, inspection_event, print_job};
use crate::error::{ApiError, ApiResult};
use crate::export::{self as download, ExportParams};
use crate::inspection::{label, products, table, workflow};
use crate::printing::jobs;
use crate::services::users::rfc3339;
use crate::startup::AppState;
use crate::validation::Validator;

#[derive(utoipa::OpenApi)]
#[openapi(
    paths(
        create,
        lookup,
        complete,
        automatiktest,
        product_list,
        product_definition,
        search,
        export,
        detail,
        update_a,
        compare_b,
        override_failed,
        print
    ),
    components(schemas(
        ProductDefinition,
        FieldDef,
        FieldKind,
        FilledBy,
        TextFormat,
        Condition,
        ChoiceOption,
        SectionDef,
        ArticleRule,
        Step,
        InspectionStatus,
        InspectionSummary,
        InspectionDetail,
        InspectionDetailResponse,
        InspectionEventDto,
        InspectionList,
        InspectionListResponse,
        CreatedResponse,
        CompletedResponse,
        Difference,
        DifferencesResponse,
        OverrideRequest,
        PrintInspectionRequest,
        ProductSummary,
        ProductList,
        ProductListResponse,
        DefinitionResponse
    ))
)]
pub struct Api;

/// Registered last: `/api/{product}` would otherwise shadow nothing, but reads best at the end.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(product_list)
        .service(product_definition)
        .service(search)
        .service(export)
        .service(detail)
        .service(update_a)
        .service(compare_b)
        .service(override_failed)
        .service(print)
        .service(automatiktest)
        .service(create)
        .service(lookup)
        .service(complete);
}

fn product(key: &str) -> ApiResult<(Product, &'static ProductDefinition)> {
    products::by_key(key).ok_or_else(|| {
        ApiError::NotFound(format!(
            "Unbekannte Produktlinie {key:?} (cpro, c2, cbasic, kk)"
        ))
    })
}

fn product_of(row: &inspection::Model) -> ApiResult<(Product, &'static ProductDefinition)> {
    product(&row.product)
}

/// The unit with `serial` of this product line (404 when unknown).
async fn unit(
    state: &AppState,
    definition: &ProductDefinition,
    serial: &str,
) -> ApiResult<inspection::Model> {
    workflow::find_by_serial(state, &definition.key, serial)
        .await?
        .ok_or_else(|| {
            ApiError::NotFound(format!(
                "Keine {}-Einheit mit der Seriennummer {serial} gefunden",
                definition.name
            ))
        })
}

async fn load(state: &AppState, id: i64) -> ApiResult<inspection::Model> {
    workflow::reload(state, id).await
}

const PRODUCT_PARAM: &str = "cpro, c2, cbasic or kk";

/// Prüfer A records a unit. The inspector is the logged-in user; the packaging date and production
/// year come from the server in the plant's time zone; the article follows from the values.
#[utoipa::path(
    tag = "inspections",
    params(("product" = String, Path, description = PRODUCT_PARAM)),
    request_body(content = Object, description = "A's values by the original field names", example = json!({
        "serialnummer": "C2-0001", "ba_nummer": "BA-4711", "software_version": "1.2.3",
        "konfiguration": "RC", "seriennummer_elektronik": "EL-2", "mac_adresse": "00:1A:2B:3C:4D:5E",
        "hardware_ok": true, "hutschienenclip_montiert": true, "hdmi_ok": true, "web_ok": true,
        "zoom_ok": true, "menue_bedienbar": true, "ip_adresse": true, "kameraeingang_ok": true,
        "zustandsdaten_ok": true})),
    responses(
        (status = 201, body = CreatedResponse),
        (status = 403, description = "Not a Prüfer A role", body = ErrorBody),
        (status = 404, description = "Unknown product", body = ErrorBody),
        (status = 409, description = "Serial already recorded for this product", body = ErrorBody),
        (status = 422, description = "Per-field errors", body = ErrorBody),
    )
)]
#[post("/api/{product:cpro|c2|cbasic|kk}")]
pub async fn create(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<String>,
    body: web::Json<Map<String, Value>>,
) -> ApiResult<HttpResponse> {
    let (_, definition) = product(&path)?;
    let row = workflow::create(&state, &principal, definition, &body).await?;
    Ok(HttpResponse::Created().json(CreatedResponse {
        success: true,
        item_id: row.id,
        inspection: workflow::summary(&row),
    }))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LookupQuery {
    /// Exact serial number (surrounding spaces are ignored).
    serialnummer: Option<String>,
    page: Option<u64>,
    /// 1–1000, default 500.
    limit: Option<u64>,
}

/// Look a unit up by serial (`{"found": true, "item": {…}}` with the original column names; 404
/// when unknown), or list the product's units by id (`{"success": true, "items": […]}`, paginated).
/// Until B completes, field values are shown only to Prüfer A of the unit, MANAGEMENT and ADMIN.
#[utoipa::path(
    tag = "inspections",
    params(("product" = String, Path, description = PRODUCT_PARAM), LookupQuery),
    responses(
        (status = 200, description = "found / items", body = Object),
        (status = 404, description = "Unknown serial or product", body = ErrorBody),
    )
)]
#[get("/api/{product:cpro|c2|cbasic|kk}")]
pub async fn lookup(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<String>,
    query: web::Query<LookupQuery>,
) -> ApiResult<HttpResponse> {
    let (_, definition) = product(&path)?;
    if let Some(serial) = query
        .serialnummer
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        let row = unit(&state, definition, serial).await?;
        let item =
            workflow::item_json(definition, &row, workflow::may_see_values(&principal, &row));
        return Ok(HttpResponse::Ok().json(json!({"found": true, "item": item})));
    }
    let page = query.page.unwrap_or(1).max(1);
    let limit = query.limit.unwrap_or(500).clamp(1, 1000);
    let paginator = inspection::Entity::find()
        .filter(inspection::Column::Product.eq(definition.key.as_str()))
        .order_by_asc(inspection::Column::Id)
        .paginate(&state.db, limit);
    let total = paginator.num_items().await?;
    let rows = paginator.fetch_page(page - 1).await?;
    let items: Vec<Map<String, Value>> = rows
        .iter()
        .map(|row| workflow::item_json(definition, row, workflow::may_see_values(&principal, row)))
        .collect();
    Ok(HttpResponse::Ok().json(json!({
        "success": true,
        "items": items,
        "pagination": Pagination::new(page, limit, total),
    })))
}

/// Prüfer B completes a unit: B's blind values (by the original field names) with `serialnummer`,
/// and `printerId` unless `skipPrint` is true. All checks "Ja" → `passed` and the label is queued;
/// a check "Nein" → `failed` and no label (MANAGEMENT may override). Prüfer B must be another
/// person than Prüfer A.
#[utoipa::path(
    tag = "inspections",
    params(("product" = String, Path, description = PRODUCT_PARAM)),
    request_body(content = Object, description = "serialnummer, B's values, printerId, skipPrint"),
    responses(
        (status = 200, body = CompletedResponse),
        (status = 403, description = "Not a Prüfer B role, or the same person as Prüfer A", body = ErrorBody),
        (status = 404, description = "Unknown serial", body = ErrorBody),
        (status = 409, description = "Already completed (also by a concurrent request)", body = ErrorBody),
        (status = 422, description = "Per-field errors (also printerId)", body = ErrorBody),
    )
)]
#[put("/api/{product:cpro|c2|cbasic|kk}")]
pub async fn complete(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<String>,
    body: web::Json<Map<String, Value>>,
) -> ApiResult<HttpResponse> {
    let (product, definition) = product(&path)?;
    let serial = body
        .get("serialnummer")
        .and_then(Value::as_str)
        .map(str::trim)
        .unwrap_or_default();
    if serial.is_empty() {
        return Err(ApiError::field(
            "serialnummer",
            "Seriennummer ist erforderlich",
        ));
    }
    let row = unit(&state, definition, serial).await?;
    let skip_print = body.get("skipPrint").is_some_and(truthy);
    let printer = crate::printing::labels::printer_unless_skipped(
        &state,
        skip_print,
        body.get("printerId").and_then(Value::as_i64),
    )
    .await?;
    let row = workflow::complete(&state, &principal, definition, &row, &body).await?;
    let (print_job, print_refused) = match printer {
        Some(printer) if workflow::printable(&row) => {
            let job = label::enqueue(
                &state, &principal, definition, product, &row, &printer, None,
            )
            .await?;
            (Some(jobs::to_dto(&job)), None)
        }
        Some(_) => (
            None,
            Some(
                "Prüfung nicht bestanden: kein Etikett ohne Freigabe durch MANAGEMENT".to_string(),
            ),
        ),
        None => (None, None),
    };
    Ok(HttpResponse::Ok().json(CompletedResponse {
        success: true,
        status: workflow::status_of(&row),
        differences: workflow::differences(&row),
        failed_checks: workflow::failed_checks(&row),
        inspection: workflow::summary(&row),
        print_job,
        print_refused,
    }))
}

fn truthy(value: &Value) -> bool {
    match value {
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|n| n != 0.0),
        Value::String(s) => !s.is_empty() && s != "false" && s != "0",
        _ => false,
    }
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct QrQuery {
    serialnummer: Option<String>,
}

/// The Automatiktest link Prüfer B recorded (`{"qr_code": "https://…"}` or `{"qr_code": null}`).
/// C Basic has no Automatiktest (404).
#[utoipa::path(
    tag = "inspections",
    params(("product" = String, Path, description = "cpro, c2 or kk"), QrQuery),
    responses(
        (status = 200, body = Object, example = json!({"qr_code": "https://automatiktest.rotoclear.test/C2-0001"})),
        (status = 404, description = "Unknown product or serial, or a product without Automatiktest", body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
#[get("/api/{product:cpro|c2|kk}/qr")]
pub async fn automatiktest(
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: web::Query<QrQuery>,
) -> ApiResult<HttpResponse> {
    let (_, definition) = product(&path)?;
    if !definition.automatiktest {
        return Err(ApiError::NotFound(format!(
            "{} hat keinen Automatiktest",
            definition.name
        )));
    }
    let serial = query
        .serialnummer
        .as_deref()
        .map(str::trim)
        .unwrap_or_default();
    if serial.is_empty() {
        return Err(ApiError::field("serialnummer", "Seriennummer fehlt"));
    }
    let row = workflow::find_by_serial(&state, &definition.key, serial)
        .await?
        .ok_or_else(|| ApiError::NotFound("Keine Einheit mit dieser Seriennummer".into()))?;
    let link = workflow::values_b(&row)
        .and_then(|v| v.get("qr_code_automatiktest").cloned())
        .unwrap_or(Value::Null);
    Ok(HttpResponse::Ok().json(json!({"qr_code": link})))
}

/// The product lines.
#[utoipa::path(tag = "inspections", responses((status = 200, body = ProductListResponse)))]
#[get("/api/products")]
pub async fn product_list() -> HttpResponse {
    let products = products::all()
        .into_iter()
        .map(|d| ProductSummary {
            key: d.key.clone(),
            name: d.name.clone(),
            kind_de: d.kind_de.clone(),
            kind_en: d.kind_en.clone(),
            label_title: d.label_title.clone(),
            automatiktest: d.automatiktest,
        })
        .collect();
    HttpResponse::Ok().json(ProductListResponse {
        success: true,
        data: ProductList { products },
    })
}

/// A product line's definition: fields, who fills them, rules, captions, options, articles. The
/// forms are rendered from it.
#[utoipa::path(
    tag = "inspections",
    params(("product" = String, Path, description = PRODUCT_PARAM)),
    responses((status = 200, body = DefinitionResponse), (status = 404, body = ErrorBody))
)]
#[get("/api/products/{product}/definition")]
pub async fn product_definition(path: web::Path<String>) -> ApiResult<HttpResponse> {
    let (_, definition) = product(&path)?;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-cache"))
        .json(DefinitionResponse {
            success: true,
            data: definition.clone(),
        }))
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(rename_all = "camelCase")]
pub struct SearchQuery {
    /// cpro, c2, cbasic, kk
    product: Option<String>,
    /// Serial number or its beginning.
    serial: Option<String>,
    /// awaiting_b, in_b, passed, failed
    status: Option<String>,
    /// Username of Prüfer A or Prüfer B.
    inspector: Option<String>,
    /// Created at or after (RFC 3339).
    from: Option<String>,
    /// Created before (RFC 3339).
    to: Option<String>,
    /// Variant, exact: C Pro disk size, C2 configuration, KK optics.
    variant: Option<String>,
    /// Article number, exact.
    article: Option<String>,
    /// Completed by Prüfer B on or after this plant day (`YYYY-MM-DD`).
    completed_from: Option<String>,
    /// Completed by Prüfer B on or before this plant day (`YYYY-MM-DD`, inclusive).
    completed_to: Option<String>,
    /// Key of a check that failed, e.g. `hdmi_ok`.
    failed_check: Option<String>,
    /// Key of a field in which A and B entered different values.
    differs: Option<String>,
    page: Option<u64>,
    /// 1–200, default 50.
    limit: Option<u64>,
    /// created (default: newest first), serial, status, completed; `-` prefix for descending.
    sort: Option<String>,
}

fn filled(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|s| !s.is_empty())
}

/// A field key as a filter: letters, digits and `_` only (it goes into a LIKE pattern).
fn field_key<'a>(v: &mut Validator, field: &str, value: Option<&'a str>) -> Option<&'a str> {
    let key = filled(value)?;
    if key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        Some(key)
    } else {
        v.add(
            field,
            "Feldschlüssel aus Buchstaben, Ziffern und _ erwartet",
        );
        None
    }
}

/// The filtered and sorted inspections of a search (list and export), or 422.
fn search_select(
    state: &AppState,
    query: &SearchQuery,
    v: &mut Validator,
) -> Select<inspection::Entity> {
    let product_key = filled(query.product.as_deref());
    if let Some(key) = product_key
        && products::by_key(key).is_none()
    {
        v.add("product", "Unbekannte Produktlinie (cpro, c2, cbasic, kk)");
    }
    let status = v.name(
        "status",
        query.status.as_deref(),
        InspectionStatus::parse,
        "Unbekannter Status (awaiting_b, in_b, passed, failed)",
    );
    let from = v.time("from", query.from.as_deref());
    let to = v.time("to", query.to.as_deref());
    let completed_from = v.day("completedFrom", query.completed_from.as_deref());
    let completed_to = v.day("completedTo", query.completed_to.as_deref());
    if let (Some(a), Some(b)) = (completed_from, completed_to)
        && a > b
    {
        v.add("completedTo", "Das Ende liegt vor dem Anfang");
    }
    let failed_check = field_key(v, "failedCheck", query.failed_check.as_deref());
    let differs = field_key(v, "differs", query.differs.as_deref());
    let sort = query.sort.as_deref().unwrap_or("-created");
    let (descending, sort_key) = match sort.strip_prefix('-') {
        Some(key) => (true, key),
        None => (false, sort),
    };
    let column = match sort_key {
        "created" => Some(inspection::Column::Id),
        "serial" => Some(inspection::Column::Serialnummer),
        "status" => Some(inspection::Column::Status),
        "completed" => Some(inspection::Column::BAt),
        _ => None,
    };
    if column.is_none() {
        v.add(
            "sort",
            "Sortierung: created, serial, status oder completed (mit - absteigend)",
        );
    }

    let mut select = inspection::Entity::find();
    if let Some(key) = product_key {
        select = select.filter(inspection::Column::Product.eq(key));
    }
    if let Some(serial) = filled(query.serial.as_deref()) {
        select = select.filter(inspection::Column::Serialnummer.starts_with(serial));
    }
    if let Some(status) = status {
        select = select.filter(inspection::Column::Status.eq(status.as_str()));
    }
    if let Some(inspector) = filled(query.inspector.as_deref()) {
        select = select.filter(
            Where::any()
                .add(inspection::Column::PrueferA.eq(inspector))
                .add(inspection::Column::PrueferB.eq(inspector)),
        );
    }
    if let Some(variant) = filled(query.variant.as_deref()) {
        select = select.filter(inspection::Column::Variant.eq(variant));
    }
    if let Some(article) = filled(query.article.as_deref()) {
        select = select.filter(inspection::Column::ArtikelNummer.eq(article));
    }
    if let Some(from) = from {
        select = select.filter(inspection::Column::CreatedAt.gte(from));
    }
    if let Some(to) = to {
        select = select.filter(inspection::Column::CreatedAt.lt(to));
    }
    let tz = state.settings.plant_tz();
    if let Some(day) = completed_from {
        select = select.filter(inspection::Column::BAt.gte(periods::day_start(tz, day)));
    }
    if let Some(day) = completed_to {
        let next = day + chrono::Duration::days(1);
        select = select.filter(inspection::Column::BAt.lt(periods::day_start(tz, next)));
    }
    if completed_from.is_some() || completed_to.is_some() {
        select = select.filter(inspection::Column::Status.is_in([
            InspectionStatus::Passed.as_str(),
            InspectionStatus::Failed.as_str(),
        ]));
    }
    if let Some(check) = failed_check {
        select = select.filter(inspection::Column::FailedChecks.contains(format!("\"{check}\"")));
    }
    if let Some(field) = differs {
        select = select
            .filter(inspection::Column::Differences.contains(format!("\"field\":\"{field}\"")));
    }
    let column = column.unwrap_or(inspection::Column::Id);
    select = if descending {
        select.order_by_desc(column)
    } else {
        select.order_by_asc(column)
    };
    select.order_by_desc(inspection::Column::Id)
}

/// Inspections of all product lines, filtered, sorted and paginated.
#[utoipa::path(
    tag = "inspections",
    params(SearchQuery),
    responses((status = 200, body = InspectionListResponse), (status = 422, body = ErrorBody))
)]
#[get("/api/inspections")]
pub async fn search(
    state: web::Data<AppState>,
    query: web::Query<SearchQuery>,
) -> ApiResult<HttpResponse> {
    let mut v = Validator::new();
    let (page, limit) = v.paging(query.page, query.limit, 50, 200);
    let select = search_select(&state, &query, &mut v);
    v.finish()?;
    let paginator = select.paginate(&state.db, limit);
    let total = paginator.num_items().await?;
    let rows = paginator.fetch_page(page - 1).await?;
    Ok(HttpResponse::Ok().json(InspectionListResponse {
        success: true,
        data: InspectionList {
            inspections: rows.iter().map(workflow::summary).collect(),
            pagination: Pagination::new(page, limit, total),
        },
    }))
}

/// The search's inspections as CSV or XLSX: every match (not one page), in the list's order. With a
/// product filter the product's fields follow as columns (values only of completed inspections:
/// B enters blind). MANAGEMENT and ADMIN.
#[utoipa::path(
    tag = "inspections",
    params(SearchQuery, ExportParams),
    responses(
        (status = 200, description = "CSV (UTF-8 with BOM, `;`) or XLSX file", content_type = "text/csv"),
        (status = 422, body = ErrorBody)
    )
)]
#[get("/api/inspections/export")]
pub async fn export(
    state: web::Data<AppState>,
    query: web::Query<SearchQuery>,
    params: web::Query<ExportParams>,
) -> ApiResult<HttpResponse> {
    let mut v = Validator::new();
    let (format, numbers) = params.parse(&mut v);
    let select = search_select(&state, &query, &mut v);
    v.finish()?;
    let definition = filled(query.product.as_deref())
        .and_then(products::by_key)
        .map(|(_, definition)| definition);
    let table = table::ExportTable::new(definition, state.settings.plant_tz());
    let stem = format!(
        "pruefungen-{}-{}",
        definition.map_or("alle", |d| d.key.as_str()),
        workflow::plant_today(&state, chrono::Utc::now()).0
    );
    let db = state.db.clone();
    download::respond(format, numbers, &stem, &table.columns(), move |sink| {
        download::feed_stream(db, select, sink, move |row| vec![table.row(row)])
    })
}

/// One inspection: A's and B's values, the differences, the audit trail and the label's print
/// jobs. A's values stay hidden from others until B completes (B enters blind).
#[utoipa::path(
    tag = "inspections",
    params(("id" = i64, Path, description = "Inspection id")),
    responses((status = 200, body = InspectionDetailResponse), (status = 404, body = ErrorBody))
)]
#[get("/api/inspections/{id}")]
pub async fn detail(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let row = load(&state, id.into_inner()).await?;
    let show = workflow::may_see_values(&principal, &row);
    let events = inspection_event::Entity::find()
        .filter(inspection_event::Column::InspectionId.eq(row.id))
        .order_by_asc(inspection_event::Column::Id)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|e| InspectionEventDto {
            // The trail records A's values; like `valuesA` they stay hidden until B completes.
            details: if show || e.action != "created" {
                serde_json::from_str(&e.details).unwrap_or_default()
            } else {
                json!({})
            },
            action: e.action,
            username: e.username,
            at: rfc3339(e.created_at),
        })
        .collect();
    let print_jobs = print_job::Entity::find()
        .filter(print_job::Column::Reference.eq(label::reference(&row)))
        .order_by_asc(print_job::Column::Id)
        .all(&state.db)
        .await?
        .iter()
        .map(jobs::to_dto)
        .collect();
    Ok(HttpResponse::Ok().json(InspectionDetailResponse {
        success: true,
        data: InspectionDetail {
            summary: workflow::summary(&row),
            values_a: show.then(|| workflow::values_a(&row)),
            values_b: workflow::values_b(&row),
            differences: workflow::differences(&row),
            override_by: row.override_by.clone(),
            override_reason: row.override_reason.clone(),
            events,
            print_jobs,
        },
    }))
}

/// Prüfer A corrects their values while B has not started (409 afterwards). Only Prüfer A of the
/// unit, MANAGEMENT or ADMIN.
#[utoipa::path(
    tag = "inspections",
    params(("id" = i64, Path, description = "Inspection id")),
    request_body(content = Object, description = "A's values by the original field names"),
    responses(
        (status = 200, body = InspectionSummary),
        (status = 403, body = ErrorBody),
        (status = 409, description = "B has started, or a concurrent change", body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
#[put("/api/inspections/{id}/a")]
pub async fn update_a(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<i64>,
    body: web::Json<Map<String, Value>>,
) -> ApiResult<HttpResponse> {
    let row = load(&state, id.into_inner()).await?;
    let (_, definition) = product_of(&row)?;
    let row = workflow::update_a(&state, &principal, definition, row, &body).await?;
    Ok(HttpResponse::Ok().json(workflow::summary(&row)))
}

/// Prüfer B's blind entry compared with A's: the fields that differ and the checks that would
/// fail. From now on A can no longer change the record. Nothing of B's is stored yet.
#[utoipa::path(
    tag = "inspections",
    params(("id" = i64, Path, description = "Inspection id")),
    request_body(content = Object, description = "B's values by the original field names"),
    responses(
        (status = 200, body = DifferencesResponse),
        (status = 403, description = "Not Prüfer B, or the same person as Prüfer A", body = ErrorBody),
        (status = 409, description = "Already completed", body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
#[post("/api/inspections/{id}/differences")]
pub async fn compare_b(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<i64>,
    body: web::Json<Map<String, Value>>,
) -> ApiResult<HttpResponse> {
    let row = load(&state, id.into_inner()).await?;
    let (_, definition) = product_of(&row)?;
    let (differences, failed_checks) =
        workflow::compare(&state, &principal, definition, &row, &body).await?;
    Ok(HttpResponse::Ok().json(DifferencesResponse {
        success: true,
        differences,
        failed_checks,
    }))
}

/// MANAGEMENT releases the label of a failed unit, with a reason (recorded in the audit trail).
#[utoipa::path(
    tag = "inspections",
    params(("id" = i64, Path, description = "Inspection id")),
    request_body = OverrideRequest,
    responses(
        (status = 200, body = InspectionSummary),
        (status = 403, body = ErrorBody),
        (status = 409, description = "Not failed, or already released", body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
#[post("/api/inspections/{id}/override")]
pub async fn override_failed(
    request: HttpRequest,
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<i64>,
    body: web::Json<OverrideRequest>,
) -> ApiResult<HttpResponse> {
    let row = load(&state, id.into_inner()).await?;
    let row = workflow::override_failed(&state, &principal, &row, &body.reason).await?;
    crate::auth::events::record_action(
        &request,
        &state,
        &principal,
        "INSPECTION_OVERRIDDEN",
        json!({"inspectionId": row.id, "serialnummer": row.serialnummer, "reason": body.reason.trim()}),
    )
    .await;
    Ok(HttpResponse::Ok().json(workflow::summary(&row)))
}

/// Queue the unit's label (passed, or failed with an override). A second label needs a `reason`.
#[utoipa::path(
    tag = "inspections",
    params(("id" = i64, Path, description = "Inspection id")),
    request_body = PrintInspectionRequest,
    responses(
        (status = 202, body = PrintJobResponse),
        (status = 409, description = "Not completed, or failed without override", body = ErrorBody),
        (status = 422, description = "printerId, or the reason of a reprint", body = ErrorBody),
    )
)]
#[post("/api/inspections/{id}/print")]
pub async fn print(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<i64>,
    body: web::Json<PrintInspectionRequest>,
) -> ApiResult<HttpResponse> {
    let job = label::print_unit(
        &state,
        &principal,
        id.into_inner(),
        body.printer_id,
        body.reason.clone(),
    )
    .await?;
    Ok(HttpResponse::Accepted().json(PrintJobResponse {
        success: true,
        data: PrintJobData {
            job: jobs::to_dto(&job),
        },
    }))
}

#[cfg(test)]
mod tests {
    use super::truthy;
    use serde_json::json;

    #[test]
    fn skip_print_reads_like_the_original() {
        for yes in [json!(true), json!(1), json!("true"), json!("yes")] {
            assert!(truthy(&yes), "{yes}");
        }
        for no in [
            json!(false),
            json!(0),
            json!(""),
            json!("false"),
            json!(null),
        ] {
            assert!(!truthy(&no), "{no}");
        }
    }
}
