//! Analytics reports (MANAGEMENT, ADMIN) and the system overview (ADMIN).

use actix_web::web::Bytes;
use actix_web::{HttpResponse, get, web};
use api_types::ErrorBody;
use api_types::analytics::{
    AnalyticsScope, AreaCount, BackupInfo, DisagreementReport, DisagreementResponse, FailureCheck,
    FailureReport, FailureResponse, FieldDisagreement, InspectorReport, InspectorResponse,
    InspectorWork, LabelReport, LabelResponse, LeadTimeBucket, LeadTimeFigures, LeadTimePeriod,
    LeadTimeReport, LeadTimeResponse, Period, PrinterFigures, QueueState, SystemOverview,
    SystemOverviewResponse, ThroughputFigures, ThroughputPeriod, ThroughputReport,
    ThroughputResponse,
};
use chrono::Utc;

use crate::analytics::{AnalyticsParams, Scope, reports};
use crate::error::{ApiError, ApiResult};
use crate::services::system;
use crate::startup::AppState;

#[derive(utoipa::OpenApi)]
#[openapi(
    paths(
        throughput,
        failures,
        disagreement,
        lead_time,
        inspectors,
        labels,
        system_overview
    ),
    components(schemas(
        AnalyticsScope,
        Period,
        ThroughputFigures,
        ThroughputPeriod,
        ThroughputReport,
        ThroughputResponse,
        FailureCheck,
        FailureReport,
        FailureResponse,
        FieldDisagreement,
        DisagreementReport,
        DisagreementResponse,
        LeadTimeFigures,
        LeadTimePeriod,
        LeadTimeBucket,
        LeadTimeReport,
        LeadTimeResponse,
        InspectorWork,
        InspectorReport,
        InspectorResponse,
        PrinterFigures,
        LabelReport,
        LabelResponse,
        SystemOverview,
        SystemOverviewResponse,
        BackupInfo,
        AreaCount,
        QueueState
    ))
)]
pub struct Api;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(throughput)
        .service(failures)
        .service(disagreement)
        .service(lead_time)
        .service(inspectors)
        .service(labels)
        .service(system_overview);
}

fn scope(state: &AppState, params: &AnalyticsParams) -> ApiResult<Scope> {
    Scope::parse(state, params, Utc::now())
}

#[derive(serde::Serialize)]
struct Envelope<T> {
    success: bool,
    data: T,
}

/// The report `name` for the request's filters: shared between requests through the analytics
/// cache (30 s, invalidated by writes), answered as stored JSON.
async fn report<T, F, Fut>(
    state: &AppState,
    params: &AnalyticsParams,
    name: &str,
    compute: F,
) -> ApiResult<HttpResponse>
where
    T: serde::Serialize,
    F: FnOnce(Scope) -> Fut,
    Fut: std::future::Future<Output = ApiResult<T>>,
{
    let scope = scope(state, params)?;
    let key = format!("{name}|{}", scope.key());
    let body = state
        .analytics
        .get(key, || async move {
            let data = compute(scope).await?;
            serde_json::to_vec(&Envelope {
                success: true,
                data,
            })
            .map(Bytes::from)
            .map_err(|e| ApiError::Internal(e.into()))
        })
        .await?;
    Ok(HttpResponse::Ok()
        .content_type("application/json")
        .body(Bytes::clone(&body)))
}

/// Inspected, passed (first pass), failed and released units per period, with the first-pass
/// yield, counted by the plant day Prüfer B completed them; plus the units waiting for B now.
#[utoipa::path(
    tag = "dashboards",
    params(AnalyticsParams),
    responses((status = 200, body = ThroughputResponse), (status = 422, body = ErrorBody))
)]
#[get("/api/analytics/throughput")]
pub async fn throughput(
    state: web::Data<AppState>,
    params: web::Query<AnalyticsParams>,
) -> ApiResult<HttpResponse> {
    let state = &state;
    report(state, &params, "throughput", |scope| async move {
        reports::throughput(state, &scope).await
    })
    .await
}

/// The failure Pareto: failed checks, most frequent first, with rate, cumulative share and trend.
#[utoipa::path(
    tag = "dashboards",
    params(AnalyticsParams),
    responses((status = 200, body = FailureResponse), (status = 422, body = ErrorBody))
)]
#[get("/api/analytics/failures")]
pub async fn failures(
    state: web::Data<AppState>,
    params: web::Query<AnalyticsParams>,
) -> ApiResult<HttpResponse> {
    let state = &state;
    report(state, &params, "failures", |scope| async move {
        reports::failures(state, &scope).await
    })
    .await
}

/// Data quality: how often Prüfer A and B entered different values, per field both enter.
#[utoipa::path(
    tag = "dashboards",
    params(AnalyticsParams),
    responses((status = 200, body = DisagreementResponse), (status = 422, body = ErrorBody))
)]
#[get("/api/analytics/disagreement")]
pub async fn disagreement(
    state: web::Data<AppState>,
    params: web::Query<AnalyticsParams>,
) -> ApiResult<HttpResponse> {
    let state = &state;
    report(state, &params, "disagreement", |scope| async move {
        reports::disagreement(state, &scope).await
    })
    .await
}

/// Lead time from A's record to B's completion: median and p90 (nearest rank over minute steps) per
/// period and overall, and a histogram.
#[utoipa::path(
    tag = "dashboards",
    params(AnalyticsParams),
    responses((status = 200, body = LeadTimeResponse), (status = 422, body = ErrorBody))
)]
#[get("/api/analytics/lead-time")]
pub async fn lead_time(
    state: web::Data<AppState>,
    params: web::Query<AnalyticsParams>,
) -> ApiResult<HttpResponse> {
    let state = &state;
    report(state, &params, "lead-time", |scope| async move {
        reports::lead_time(state, &scope).await
    })
    .await
}

/// Work per inspector by packaging day: units recorded as Prüfer A, units completed as B. Empty, with
/// `perPersonFigures: false`, while an admin has switched per-person figures off.
#[utoipa::path(
    tag = "dashboards",
    params(AnalyticsParams),
    responses((status = 200, body = InspectorResponse), (status = 422, body = ErrorBody))
)]
#[get("/api/analytics/inspectors")]
pub async fn inspectors(
    state: web::Data<AppState>,
    params: web::Query<AnalyticsParams>,
) -> ApiResult<HttpResponse> {
    let state = &state;
    report(state, &params, "inspectors", |scope| async move {
        reports::inspectors(state, &scope).await
    })
    .await
}

/// Print jobs created in the range: labels printed per kind, reprints by reason, jobs and failures
/// per printer (only the time range applies).
#[utoipa::path(
    tag = "dashboards",
    params(AnalyticsParams),
    responses((status = 200, body = LabelResponse), (status = 422, body = ErrorBody))
)]
#[get("/api/analytics/labels")]
pub async fn labels(
    state: web::Data<AppState>,
    params: web::Query<AnalyticsParams>,
) -> ApiResult<HttpResponse> {
    let state = &state;
    report(state, &params, "labels", |scope| async move {
        reports::labels(state, &scope).await
    })
    .await
}

/// Record counts per area, database size and schema version, the last backup and the print queue
/// (ADMIN). No table contents: the original's table browser showed password hashes.
#[utoipa::path(
    tag = "system",
    responses((status = 200, body = SystemOverviewResponse), (status = 403, body = ErrorBody))
)]
#[get("/api/admin/system")]
pub async fn system_overview(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let data = system::overview(&state).await?;
    Ok(HttpResponse::Ok().json(SystemOverviewResponse {
        success: true,
        data,
    }))
}
