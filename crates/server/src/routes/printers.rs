//! The printer registry. Printers are registered by an admin; every other part of the system refers
//! to a printer by id, so no client ever supplies an address.

use actix_web::{HttpRequest, HttpResponse, delete, get, post, put, web};
use api_types::ErrorBody;
use api_types::printers::{
    PrinterData, PrinterDto, PrinterList, PrinterListResponse, PrinterRequest, PrinterResponse,
};
use api_types::validation::validate_host;
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, Set,
    TransactionTrait, TryIntoModel,
};
use serde_json::json;

use crate::auth::Principal;
use crate::auth::events;
use crate::entities::printer;
use crate::error::{ApiError, ApiResult};
use crate::printing::Network;
use crate::printing::jobs;
use crate::services::users::rfc3339;
use crate::startup::AppState;
use crate::validation::Validator;

#[derive(utoipa::OpenApi)]
#[openapi(
    paths(list, create, update, remove),
    components(schemas(
        PrinterDto,
        PrinterRequest,
        PrinterList,
        PrinterListResponse,
        PrinterData,
        PrinterResponse
    ))
)]
pub struct Api;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list)
        .service(create)
        .service(update)
        .service(remove);
}

fn dto(row: &printer::Model) -> PrinterDto {
    let small = |v: i32| u16::try_from(v).unwrap_or_default();
    PrinterDto {
        id: row.id,
        name: row.name.clone(),
        host: row.host.clone(),
        port: small(row.port),
        dpi: small(row.dpi),
        label_width_mm: small(row.label_width_mm),
        label_height_mm: small(row.label_height_mm),
        location: row.location.clone(),
        enabled: row.enabled,
        is_default: row.is_default,
        updated_at: rfc3339(row.updated_at),
        updated_by: row.updated_by.clone(),
    }
}

fn one(row: &printer::Model) -> HttpResponse {
    HttpResponse::Ok().json(PrinterResponse {
        success: true,
        data: PrinterData { printer: dto(row) },
    })
}

/// Checks a printer; returns the trimmed name, host and location.
fn validate(state: &AppState, body: &PrinterRequest) -> ApiResult<(String, String, String)> {
    let mut v = Validator::new();
    let name = body.name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        v.add("name", "Name ist erforderlich (höchstens 100 Zeichen)");
    }
    let host = v.check("host", validate_host(&body.host));
    // Host names are checked when the printer is contacted, after name resolution.
    let networks = state.settings.printing.networks().unwrap_or_default();
    if let Some(ip) = host
        .as_deref()
        .and_then(|h| h.parse::<std::net::IpAddr>().ok())
        && !Network::allows(&networks, ip)
    {
        v.add(
            "host",
            format!(
                "Adresse liegt außerhalb der erlaubten Druckernetze ({})",
                state.settings.printing.allowed_networks
            ),
        );
    }
    if body.port == 0 {
        v.add("port", "Port muss zwischen 1 und 65535 liegen");
    }
    if ![203, 300, 600].contains(&body.dpi) {
        v.add("dpi", "Auflösung muss 203, 300 oder 600 dpi sein");
    }
    for (field, mm) in [
        ("labelWidthMm", body.label_width_mm),
        ("labelHeightMm", body.label_height_mm),
    ] {
        if !(10..=300).contains(&mm) {
            v.add(field, "Etikettengröße muss zwischen 10 und 300 mm liegen");
        }
    }
    let location = body.location.trim();
    if location.chars().count() > 100 {
        v.add("location", "Standort darf höchstens 100 Zeichen lang sein");
    }
    v.finish()?;
    Ok((
        name.to_string(),
        host.unwrap_or_default(),
        location.to_string(),
    ))
}

/// Registered printers, by name. Every logged-in user may read them to choose a printer.
#[utoipa::path(tag = "printers", responses((status = 200, body = PrinterListResponse)))]
#[get("/api/printers")]
pub async fn list(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let rows = printer::Entity::find()
        .order_by_asc(printer::Column::Name)
        .all(&state.db)
        .await?;
    Ok(HttpResponse::Ok().json(PrinterListResponse {
        success: true,
        data: PrinterList {
            printers: rows.iter().map(dto).collect(),
        },
    }))
}

/// Register a printer. Making it the default clears the previous default.
#[utoipa::path(
    tag = "printers",
    request_body = PrinterRequest,
    responses(
        (status = 200, body = PrinterResponse),
        (status = 409, description = "Name taken", body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
#[post("/api/printers")]
pub async fn create(
    request: HttpRequest,
    state: web::Data<AppState>,
    principal: Principal,
    body: web::Json<PrinterRequest>,
) -> ApiResult<HttpResponse> {
    let (name, host, location) = validate(&state, &body)?;
    let now = Utc::now();
    let row = printer::ActiveModel {
        name: Set(name),
        host: Set(host),
        port: Set(i32::from(body.port)),
        dpi: Set(i32::from(body.dpi)),
        label_width_mm: Set(i32::from(body.label_width_mm)),
        label_height_mm: Set(i32::from(body.label_height_mm)),
        location: Set(location),
        enabled: Set(body.enabled),
        is_default: Set(body.is_default),
        created_at: Set(now),
        updated_at: Set(now),
        updated_by: Set(Some(principal.actor())),
        ..Default::default()
    };
    let saved = save(&state, row, body.is_default).await?;
    audit(&request, &state, &principal, "PRINTER_CREATED", &saved).await;
    state.print_queue.printers_changed();
    Ok(one(&saved))
}

/// Change a printer (all fields).
#[utoipa::path(
    tag = "printers",
    params(("id" = i64, Path, description = "Printer id")),
    request_body = PrinterRequest,
    responses(
        (status = 200, body = PrinterResponse),
        (status = 404, body = ErrorBody),
        (status = 409, description = "Name taken", body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
#[put("/api/printers/{id}")]
pub async fn update(
    request: HttpRequest,
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<i64>,
    body: web::Json<PrinterRequest>,
) -> ApiResult<HttpResponse> {
    let existing = load(&state, id.into_inner()).await?;
    let (name, host, location) = validate(&state, &body)?;
    let mut row = existing.into_active_model();
    row.name = Set(name);
    row.host = Set(host);
    row.port = Set(i32::from(body.port));
    row.dpi = Set(i32::from(body.dpi));
    row.label_width_mm = Set(i32::from(body.label_width_mm));
    row.label_height_mm = Set(i32::from(body.label_height_mm));
    row.location = Set(location);
    row.enabled = Set(body.enabled);
    row.is_default = Set(body.is_default);
    row.updated_at = Set(Utc::now());
    row.updated_by = Set(Some(principal.actor()));
    let saved = save(&state, row, body.is_default).await?;
    audit(&request, &state, &principal, "PRINTER_UPDATED", &saved).await;
    state.print_queue.printers_changed();
    state.print_queue.wake(saved.id);
    Ok(one(&saved))
}

/// Remove a printer from the registry.
#[utoipa::path(
    tag = "printers",
    params(("id" = i64, Path, description = "Printer id")),
    responses(
        (status = 200, body = api_types::auth::MessageResponse),
        (status = 404, body = ErrorBody),
        (status = 409, description = "Jobs still queued or being sent", body = ErrorBody),
    )
)]
#[delete("/api/printers/{id}")]
pub async fn remove(
    request: HttpRequest,
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let existing = load(&state, id.into_inner()).await?;
    let active = jobs::active_count(&state.db, existing.id).await?;
    if active > 0 {
        return Err(ApiError::Conflict(format!(
            "Drucker {} hat noch {active} offene Druckaufträge; bitte erst abbrechen oder \
             drucken lassen (oder den Drucker deaktivieren)",
            existing.name
        )));
    }
    printer::Entity::delete_by_id(existing.id)
        .exec(&state.db)
        .await?;
    audit(&request, &state, &principal, "PRINTER_DELETED", &existing).await;
    state.print_queue.printers_changed();
    state.print_queue.wake(existing.id);
    Ok(super::message(format!(
        "Drucker {} wurde entfernt",
        existing.name
    )))
}

async fn load(state: &AppState, id: i64) -> ApiResult<printer::Model> {
    printer::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or_else(|| ApiError::NotFound("Drucker nicht gefunden".into()))
}

/// Saves a printer; with `make_default`, in the same transaction every other printer stops being
/// the default. A taken name is a 409 on `name`.
async fn save(
    state: &AppState,
    row: printer::ActiveModel,
    make_default: bool,
) -> ApiResult<printer::Model> {
    let result = state
        .db
        .transaction::<_, _, sea_orm::DbErr>(|tx| {
            Box::pin(async move {
                let saved = row.save(tx).await?;
                let saved = saved.try_into_model()?;
                if make_default {
                    printer::Entity::update_many()
                        .col_expr(printer::Column::IsDefault, Expr::value(false))
                        .filter(printer::Column::Id.ne(saved.id))
                        .exec(tx)
                        .await?;
                }
                Ok(saved)
            })
        })
        .await;
    match result {
        Ok(saved) => Ok(saved),
        Err(sea_orm::TransactionError::Transaction(e))
        | Err(sea_orm::TransactionError::Connection(e)) => match ApiError::from(e) {
            ApiError::Conflict(_) => {
                let mut fields = api_types::FieldErrors::new();
                fields.insert("name".into(), vec!["Name bereits vergeben".into()]);
                Err(ApiError::ConflictFields(fields))
            }
            other => Err(other),
        },
    }
}

async fn audit(
    request: &HttpRequest,
    state: &AppState,
    principal: &Principal,
    kind: &'static str,
    row: &printer::Model,
) {
    let details =
        json!({"printerId": row.id, "name": row.name, "host": row.host, "port": row.port});
    events::record_action(request, state, principal, kind, details).await;
}
