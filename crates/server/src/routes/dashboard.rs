//! The home page's production figures.

use actix_web::{HttpResponse, get, web};
use api_types::ErrorBody;
use api_types::dashboard::{
    DashboardStats, DashboardStatsResponse, Distributions, MonthStat, NameValue, Performer,
    ProductCounts, TopPerformers, WorkItem,
};

use crate::auth::Principal;
use crate::dashboard::stats;
use crate::error::ApiResult;
use crate::startup::AppState;

#[derive(utoipa::OpenApi)]
#[openapi(
    paths(dashboard_stats),
    components(schemas(
        DashboardStatsResponse,
        DashboardStats,
        ProductCounts,
        Distributions,
        NameValue,
        MonthStat,
        Performer,
        TopPerformers,
        WorkItem
    ))
)]
pub struct Api;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(dashboard_stats);
}

/// Production figures for the home page, in the original's shape: totals (every recorded unit),
/// passed units, the last 30 days, variant distributions, the current and 11 previous months in the
/// plant's time zone, top Prüfer A (MANAGEMENT/ADMIN, when per-person figures are on), the caller's
/// work queue and recent print failures.
#[utoipa::path(
    tag = "dashboards",
    responses(
        (status = 200, body = DashboardStatsResponse),
        (status = 401, body = ErrorBody),
    )
)]
#[get("/api/dashboard-stats")]
pub async fn dashboard_stats(
    state: web::Data<AppState>,
    principal: Principal,
) -> ApiResult<HttpResponse> {
    let data = stats::compute(&state, &principal, chrono::Utc::now()).await?;
    Ok(HttpResponse::Ok().json(DashboardStatsResponse {
        success: true,
        data,
    }))
}
