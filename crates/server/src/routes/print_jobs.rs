//! Print jobs: create (test label, stored label, reprint), list, inspect with a preview, retry,
//! cancel, live events; the printer status and the printer test.

use std::time::Duration;

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use api_types::ErrorBody;
use api_types::auth::Pagination;
use api_types::printing::{
    CreatePrintJobRequest, JobActionRequest, JobKind, JobState, PrintEvent, PrintJobData,
    PrintJobDetail, PrintJobDetailData, PrintJobDetailResponse, PrintJobDto, PrintJobList,
    PrintJobListResponse, PrintJobResponse, PrinterFaultDto, PrinterStatusDto,
    PrinterStatusResponse, PrinterTestRequest, PrinterTestResponse, QueueCounts,
};
use futures_util::{StreamExt, stream};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Select,
    Set, TransactionTrait,
};
use serde::Deserialize;
use serde_json::json;
use tokio::sync::broadcast::error::RecvError;

use crate::auth::Principal;
use crate::auth::events;
use crate::entities::{print_job, printer};
use crate::error::{ApiError, ApiResult};
use crate::export::{self as download, Cell, ExportParams};
use crate::packaging;
use crate::printing::jobs::{self, NewJob};
use crate::startup::AppState;
use crate::validation::Validator;

#[derive(utoipa::OpenApi)]
#[openapi(
    paths(
        create,
        list,
        export,
        detail,
        retry,
        cancel,
        events_stream,
        status,
        test
    ),
    components(schemas(
        JobState,
        JobKind,
        PrintJobDto,
        PrintJobDetail,
        CreatePrintJobRequest,
        PrintJobData,
        PrintJobResponse,
        PrintJobDetailData,
        PrintJobDetailResponse,
        PrintJobList,
        PrintJobListResponse,
        JobActionRequest,
        PrinterFaultDto,
        QueueCounts,
        PrinterStatusDto,
        PrinterStatusResponse,
        PrinterTestRequest,
        PrinterTestResponse,
        PrintEvent
    ))
)]
pub struct Api;

pub fn configure(cfg: &mut web::ServiceConfig) {
    // `events` and `export` before `{id}`, which would otherwise try to read them as an id.
    cfg.service(events_stream)
        .service(create)
        .service(list)
        .service(export)
        .service(detail)
        .service(retry)
        .service(cancel)
        .service(status)
        .service(test);
}

const COPIES_MAX: u16 = 99;

/// Queue a label: `test: true` for the test label, `reprintOf` to send an earlier job's label
/// again (with a `reason`), or `kind` + `reference` for a stored label. Answers 202 at once; the
/// job's progress arrives through `GET /api/print-jobs/events` or `GET /api/print-jobs/{id}`.
#[utoipa::path(
    tag = "printing",
    request_body(content = CreatePrintJobRequest, example = json!({"printerId": 1, "test": true})),
    responses(
        (status = 202, description = "Queued", body = PrintJobResponse),
        (status = 403, description = "VIEWER", body = ErrorBody),
        (status = 422, description = "Unknown or disabled printer, missing reason, unknown reference", body = ErrorBody),
    )
)]
#[post("/api/print-jobs")]
pub async fn create(
    request: HttpRequest,
    state: web::Data<AppState>,
    principal: Principal,
    body: web::Json<CreatePrintJobRequest>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    if body.kind.is_some_and(|kind| kind != JobKind::Test)
        && !body.test
        && body.reprint_of.is_none()
    {
        return stored_label(&state, &principal, &body).await;
    }
    let mut v = Validator::new();
    let printer = printer::Entity::find_by_id(body.printer_id)
        .one(&state.db)
        .await?;
    match &printer {
        None => v.add("printerId", "Drucker nicht gefunden"),
        Some(p) if !p.enabled => v.add("printerId", "Drucker ist deaktiviert"),
        Some(_) => {}
    }
    let copies = body.copies.unwrap_or(1);
    if !(1..=COPIES_MAX).contains(&copies) {
        v.add(
            "copies",
            format!("Anzahl muss zwischen 1 und {COPIES_MAX} liegen"),
        );
    }
    let reason = v.reason(
        "reason",
        body.reason.as_deref(),
        body.reprint_of.is_some(),
        "Für einen Nachdruck ist ein Grund erforderlich",
    );
    let original = match body.reprint_of {
        Some(id) => {
            let original = print_job::Entity::find_by_id(id).one(&state.db).await?;
            if original.is_none() {
                v.add("reprintOf", "Druckauftrag nicht gefunden");
            }
            original
        }
        None => None,
    };
    let kind = match (&original, body.test, body.kind) {
        (Some(original), _, _) => jobs::to_dto(original).kind,
        (None, true, _) | (None, false, Some(_)) => JobKind::Test,
        (None, false, None) => {
            v.add(
                "kind",
                "Art des Etiketts fehlt (oder test: true / reprintOf)",
            );
            JobKind::Test
        }
    };
    v.finish()?;
    let Some(printer) = printer else {
        return Err(ApiError::field("printerId", "Drucker nicht gefunden"));
    };

    let new = |title: String, zpl: String| NewJob {
        printer: &printer,
        kind,
        reference: original.as_ref().and_then(|o| o.reference.clone()),
        title,
        zpl,
        copies,
        created_by: principal.actor(),
        created_by_id: principal.user_id(),
        reason: reason.clone(),
        reprint_of: original.as_ref().map(|o| o.id),
    };
    let job = match &original {
        Some(original) => {
            let new = new(original.title.clone(), original.zpl.clone());
            jobs::insert(&state.db, new).await?
        }
        None => {
            let new = new(format!("Testetikett {}", printer.name), String::new());
            let label = labels::test_label::TestLabelInput {
                job_id: 0,
                printer_name: printer.name.clone(),
                printer_address: format!("{}:{}", printer.host, printer.port),
                created_at: String::new(),
                created_by: principal.actor(),
            };
            insert_test_job(&state, new, label).await?
        }
    };
    state.print_queue.publish_job(&job);
    state.print_queue.wake(printer.id);
    let kind_name = if original.is_some() {
        "PRINT_JOB_REPRINT"
    } else {
        "PRINT_JOB_CREATED"
    };
    events::record_action(
        &request,
        &state,
        &principal,
        kind_name,
        json!({"jobId": job.id, "printerId": printer.id, "kind": job.kind,
               "reference": job.reference, "reprintOf": job.reprint_of, "reason": job.reason}),
    )
    .await;
    Ok(HttpResponse::Accepted().json(PrintJobResponse {
        success: true,
        data: PrintJobData {
            job: jobs::to_dto(&job),
        },
    }))
}

/// `kind` + `reference` of a stored label (`product` + `inspection:<id>`, `zubehoer` +
/// `zubehoer:<id>`, `halterung` + `halterung:<id>`, `outerkarton` + `outerkarton:<id>`): the same
/// rules as the label's own print route.
async fn stored_label(
    state: &AppState,
    principal: &Principal,
    body: &CreatePrintJobRequest,
) -> ApiResult<HttpResponse> {
    let kind = body.kind.unwrap_or(JobKind::Test);
    let prefix = match kind {
        JobKind::Product => "inspection",
        other => other.as_str(),
    };
    let id = body
        .reference
        .as_deref()
        .and_then(|r| r.strip_prefix(prefix))
        .and_then(|r| r.strip_prefix(':'))
        .and_then(|id| id.parse::<i64>().ok())
        .ok_or_else(|| {
            ApiError::field(
                "reference",
                format!("Referenz im Format {prefix}:<id> erwartet"),
            )
        })?;
    let job = packaging::print_stored(
        state,
        principal,
        kind,
        id,
        body.printer_id,
        body.reason.as_deref(),
    )
    .await
    .map_err(|e| match e {
        ApiError::NotFound(message) => ApiError::field("reference", message),
        other => other,
    })?;
    Ok(HttpResponse::Accepted().json(PrintJobResponse {
        success: true,
        data: PrintJobData {
            job: jobs::to_dto(&job),
        },
    }))
}

/// Stores a test job and its label, which shows the job's own number and time.
async fn insert_test_job(
    state: &AppState,
    new: NewJob<'_>,
    label: labels::test_label::TestLabelInput,
) -> ApiResult<print_job::Model> {
    let tx = state.db.begin().await?;
    let job = jobs::insert(&tx, new).await?;
    let zpl = labels::test_label::write_test_label(&labels::test_label::TestLabelInput {
        job_id: job.id,
        created_at: job.created_at.format("%d.%m.%Y %H:%M:%S UTC").to_string(),
        ..label
    })
    .map_err(|e| ApiError::Internal(e.into()))?;
    let mut active: print_job::ActiveModel = job.into();
    active.zpl = Set(zpl);
    let job = active.update(&tx).await?;
    tx.commit().await?;
    Ok(job)
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct JobQuery {
    /// queued, sending, printed, failed, cancelled
    state: Option<String>,
    printer_id: Option<i64>,
    /// product, zubehoer, halterung, outerkarton, test
    kind: Option<String>,
    /// Exact reference, e.g. `inspection:42`.
    reference: Option<String>,
    /// Created at or after (RFC 3339).
    from: Option<String>,
    /// Created before (RFC 3339).
    to: Option<String>,
    page: Option<u64>,
    /// 1–200, default 50.
    limit: Option<u64>,
}

/// The jobs a list or export filter selects (422 via `v`).
fn job_select(query: &JobQuery, v: &mut Validator) -> Select<print_job::Entity> {
    let job_state = v.name(
        "state",
        query.state.as_deref(),
        JobState::parse,
        "Unbekannter Status (queued, sending, printed, failed, cancelled)",
    );
    let kind = v.name(
        "kind",
        query.kind.as_deref(),
        JobKind::parse,
        "Unbekannte Art (product, zubehoer, halterung, outerkarton, test)",
    );
    let from = v.time("from", query.from.as_deref());
    let to = v.time("to", query.to.as_deref());
    let mut select = print_job::Entity::find();
    if let Some(s) = job_state {
        select = select.filter(print_job::Column::State.eq(s.as_str()));
    }
    if let Some(k) = kind {
        select = select.filter(print_job::Column::Kind.eq(k.as_str()));
    }
    if let Some(printer_id) = query.printer_id {
        select = select.filter(print_job::Column::PrinterId.eq(printer_id));
    }
    if let Some(reference) = query.reference.as_deref().filter(|r| !r.is_empty()) {
        select = select.filter(print_job::Column::Reference.eq(reference));
    }
    if let Some(from) = from {
        select = select.filter(print_job::Column::CreatedAt.gte(from));
    }
    if let Some(to) = to {
        select = select.filter(print_job::Column::CreatedAt.lt(to));
    }
    select.order_by_desc(print_job::Column::Id)
}

/// The filtered jobs as CSV or XLSX, newest first, every match (MANAGEMENT, ADMIN).
#[utoipa::path(
    tag = "printing",
    params(JobQuery, ExportParams),
    responses(
        (status = 200, description = "CSV (UTF-8 with BOM, `;`) or XLSX file", content_type = "text/csv"),
        (status = 422, body = ErrorBody)
    )
)]
#[get("/api/print-jobs/export")]
pub async fn export(
    state: web::Data<AppState>,
    query: web::Query<JobQuery>,
    params: web::Query<ExportParams>,
) -> ApiResult<HttpResponse> {
    let mut v = Validator::new();
    let (format, numbers) = params.parse(&mut v);
    let select = job_select(&query, &mut v);
    v.finish()?;
    let tz = state.settings.plant_tz();
    let columns: Vec<String> = [
        "ID",
        "Erstellt",
        "Art",
        "Referenz",
        "Titel",
        "Drucker",
        "Status",
        "Kopien",
        "Versuche",
        "Letzter Fehler",
        "Grund (Nachdruck)",
        "Nachdruck von",
        "Erstellt von",
        "Gedruckt",
    ]
    .map(str::to_owned)
    .to_vec();
    let stem = format!("druckauftraege-{}", chrono::Utc::now().format("%Y-%m-%d"));
    let db = state.db.clone();
    download::respond(format, numbers, &stem, &columns, move |sink| {
        download::feed_stream(db, select, sink, move |job: &print_job::Model| {
            vec![vec![
                Cell::Int(job.id),
                Cell::text(download::plant_time(tz, job.created_at)),
                Cell::text(&job.kind),
                Cell::opt(job.reference.clone()),
                Cell::text(&job.title),
                Cell::text(&job.printer_name),
                Cell::text(&job.state),
                Cell::Int(i64::from(job.copies)),
                Cell::Int(i64::from(job.attempts)),
                Cell::opt(job.last_error.clone()),
                Cell::opt(job.reason.clone()),
                job.reprint_of.map_or(Cell::Empty, Cell::Int),
                Cell::text(&job.created_by),
                Cell::opt(job.printed_at.map(|at| download::plant_time(tz, at))),
            ]]
        })
    })
}

/// Print jobs, newest first, filtered and paginated.
#[utoipa::path(
    tag = "printing",
    params(JobQuery),
    responses((status = 200, body = PrintJobListResponse), (status = 422, body = ErrorBody))
)]
#[get("/api/print-jobs")]
pub async fn list(
    state: web::Data<AppState>,
    query: web::Query<JobQuery>,
) -> ApiResult<HttpResponse> {
    let mut v = Validator::new();
    let (page, limit) = v.paging(query.page, query.limit, 50, 200);
    let select = job_select(&query, &mut v);
    v.finish()?;
    let paginator = select.paginate(&state.db, limit);
    let total = paginator.num_items().await?;
    let rows = paginator.fetch_page(page - 1).await?;
    Ok(HttpResponse::Ok().json(PrintJobListResponse {
        success: true,
        data: PrintJobList {
            jobs: rows.iter().map(jobs::to_dto).collect(),
            pagination: Pagination::new(page, limit, total),
        },
    }))
}

/// One job with the exact ZPL it sends and an SVG preview of the label.
#[utoipa::path(
    tag = "printing",
    params(("id" = i64, Path, description = "Job id")),
    responses((status = 200, body = PrintJobDetailResponse), (status = 404, body = ErrorBody))
)]
#[get("/api/print-jobs/{id}")]
pub async fn detail(state: web::Data<AppState>, id: web::Path<i64>) -> ApiResult<HttpResponse> {
    let job = load(&state, id.into_inner()).await?;
    let zpl = job.zpl.clone();
    // Rendering a large label takes a few hundred microseconds; keep it off the reactor anyway.
    let preview = web::block(move || labels::preview::zpl_to_svg(&zpl).svg)
        .await
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("preview task failed: {e}")))?;
    Ok(HttpResponse::Ok().json(PrintJobDetailResponse {
        success: true,
        data: PrintJobDetailData {
            job: PrintJobDetail {
                job: jobs::to_dto(&job),
                zpl: job.zpl,
                preview_svg: preview,
            },
        },
    }))
}

/// Queue a failed or cancelled job again, with its attempts reset.
#[utoipa::path(
    tag = "printing",
    params(("id" = i64, Path, description = "Job id")),
    responses(
        (status = 200, body = PrintJobResponse),
        (status = 404, body = ErrorBody),
        (status = 409, description = "Not failed or cancelled, or the printer was removed", body = ErrorBody),
    )
)]
#[post("/api/print-jobs/{id}/retry")]
pub async fn retry(
    request: HttpRequest,
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let job = load(&state, id.into_inner()).await?;
    let Some(printer_id) = job.printer_id else {
        return Err(ApiError::Conflict(
            "Der Drucker dieses Auftrags wurde entfernt; bitte als Nachdruck auf einem anderen \
             Drucker ausgeben"
                .into(),
        ));
    };
    let from = [JobState::Failed, JobState::Cancelled];
    let job = change(&request, &state, &principal, job, &from, JobState::Queued).await?;
    state.print_queue.wake(printer_id);
    Ok(one(&job))
}

/// Cancel a job that is waiting (or failed). A job being sent cannot be cancelled.
#[utoipa::path(
    tag = "printing",
    params(("id" = i64, Path, description = "Job id")),
    responses(
        (status = 200, body = PrintJobResponse),
        (status = 404, body = ErrorBody),
        (status = 409, description = "Being sent, printed or already cancelled", body = ErrorBody),
    )
)]
#[post("/api/print-jobs/{id}/cancel")]
pub async fn cancel(
    request: HttpRequest,
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let job = load(&state, id.into_inner()).await?;
    let printer_id = job.printer_id;
    let from = [JobState::Queued, JobState::Failed];
    let job = change(
        &request,
        &state,
        &principal,
        job,
        &from,
        JobState::Cancelled,
    )
    .await?;
    if let Some(printer_id) = printer_id {
        state.print_queue.wake(printer_id);
    }
    Ok(one(&job))
}

async fn change(
    request: &HttpRequest,
    state: &AppState,
    principal: &Principal,
    job: print_job::Model,
    from: &[JobState],
    to: JobState,
) -> ApiResult<print_job::Model> {
    let current = jobs::state_of(&job);
    match jobs::transition(&state.db, &job, from, to).await? {
        Some(changed) => {
            state.print_queue.publish_job(&changed);
            let kind = if to == JobState::Queued {
                "PRINT_JOB_RETRIED"
            } else {
                "PRINT_JOB_CANCELLED"
            };
            events::record_action(
                request,
                state,
                principal,
                kind,
                json!({"jobId": job.id, "from": current.as_str()}),
            )
            .await;
            Ok(changed)
        }
        None => {
            // Re-read: the state may have moved on between loading and updating.
            let now = load(state, job.id).await?;
            let now = jobs::state_of(&now);
            Err(ApiError::Conflict(match (to, now) {
                (JobState::Cancelled, JobState::Sending) => {
                    "Der Auftrag wird gerade gesendet und kann nicht mehr abgebrochen werden".into()
                }
                (JobState::Queued, JobState::Printed) => {
                    "Der Auftrag wurde gedruckt; für ein weiteres Etikett bitte nachdrucken (mit Grund)"
                        .into()
                }
                _ => format!(
                    "Nicht möglich im Status „{}“",
                    now.label_de()
                ),
            }))
        }
    }
}

fn one(job: &print_job::Model) -> HttpResponse {
    HttpResponse::Ok().json(PrintJobResponse {
        success: true,
        data: PrintJobData {
            job: jobs::to_dto(job),
        },
    })
}

async fn load(state: &AppState, id: i64) -> ApiResult<print_job::Model> {
    print_job::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or_else(|| ApiError::NotFound("Druckauftrag nicht gefunden".into()))
}

/// Live job and printer changes as Server-Sent Events: event `job` or `printer`, data a JSON
/// `PrintEvent`. A comment line every 15 s keeps proxies from closing the stream; after a gap
/// (a slow client missed events) an event `resync` asks the client to reload its lists.
#[utoipa::path(
    tag = "printing",
    responses((status = 200, description = "text/event-stream of PrintEvent", content_type = "text/event-stream", body = PrintEvent))
)]
#[get("/api/print-jobs/events")]
pub async fn events_stream(state: web::Data<AppState>) -> HttpResponse {
    let receiver = state.print_queue.subscribe();
    let stopping = state.print_queue.stopping();
    let hello = web::Bytes::from_static(b"retry: 3000\n: verbunden\n\n");
    // The stream ends when the server begins to stop, so a graceful shutdown need not wait for it.
    let events = stream::unfold(
        (receiver, stopping),
        |(mut receiver, mut stopping)| async move {
            if *stopping.borrow_and_update() {
                return None;
            }
            let next = tokio::select! {
                next = tokio::time::timeout(Duration::from_secs(15), receiver.recv()) => next,
                _ = stopping.changed() => return None,
            };
            let chunk = match next {
                Err(_) => web::Bytes::from_static(b": ping\n\n"),
                Ok(Ok(event)) => {
                    let data = serde_json::to_string(&event).unwrap_or_default();
                    web::Bytes::from(format!("event: {}\ndata: {data}\n\n", event.name()))
                }
                Ok(Err(RecvError::Lagged(_))) => {
                    web::Bytes::from_static(b"event: resync\ndata: {}\n\n")
                }
                Ok(Err(RecvError::Closed)) => return None,
            };
            Some((Ok::<_, actix_web::Error>(chunk), (receiver, stopping)))
        },
    );
    let body = stream::iter([Ok::<_, actix_web::Error>(hello)]).chain(events);
    HttpResponse::Ok()
        .content_type("text/event-stream")
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        // Compression would buffer the stream; an explicit identity encoding turns it off.
        .insert_header((header::CONTENT_ENCODING, "identity"))
        .insert_header(("X-Accel-Buffering", "no"))
        .streaming(body)
}

/// Ask the printer for its status now (`~HS`): reachable, ready, faults, and its queue.
#[utoipa::path(
    tag = "printing",
    params(("id" = i64, Path, description = "Printer id")),
    responses((status = 200, body = PrinterStatusResponse), (status = 404, body = ErrorBody))
)]
#[get("/api/printers/{id}/status")]
pub async fn status(state: web::Data<AppState>, id: web::Path<i64>) -> ApiResult<HttpResponse> {
    let printer = printer::Entity::find_by_id(id.into_inner())
        .one(&state.db)
        .await?
        .ok_or_else(|| ApiError::NotFound("Drucker nicht gefunden".into()))?;
    let current = state.print_queue.check(&printer).await?;
    Ok(HttpResponse::Ok().json(PrinterStatusResponse {
        success: true,
        data: current,
    }))
}

/// Test a registered printer: 200 when it answers and is ready, 503 when it reports a fault (the
/// message names it), 502 when it cannot be reached (the message says why). Prints nothing.
#[utoipa::path(
    tag = "printing",
    request_body(content = PrinterTestRequest, example = json!({"printerId": 1})),
    responses(
        (status = 200, body = PrinterTestResponse),
        (status = 422, description = "Unknown printer", body = ErrorBody),
        (status = 502, description = "Unreachable", body = ErrorBody),
        (status = 503, description = "Reachable but not ready", body = ErrorBody),
    )
)]
#[post("/api/printer/test")]
pub async fn test(
    state: web::Data<AppState>,
    body: web::Json<PrinterTestRequest>,
) -> ApiResult<HttpResponse> {
    let printer = printer::Entity::find_by_id(body.printer_id)
        .one(&state.db)
        .await?
        .ok_or_else(|| ApiError::field("printerId", "Drucker nicht gefunden"))?;
    let current = state.print_queue.check(&printer).await?;
    if let Some(error) = &current.error {
        return Err(ApiError::PrinterUnreachable(format!(
            "{}: {error}",
            printer.name
        )));
    }
    if !current.ready {
        let faults: Vec<&str> = current
            .faults
            .iter()
            .map(|f| f.message_de.as_str())
            .collect();
        return Err(ApiError::PrinterNotReady(format!(
            "{} ist erreichbar, aber nicht bereit: {}",
            printer.name,
            faults.join("; ")
        )));
    }
    Ok(HttpResponse::Ok().json(PrinterTestResponse {
        success: true,
        message: format!("{} ist erreichbar und bereit", printer.name),
        data: current,
    }))
}
