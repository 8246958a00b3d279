//! `GET /metrics`: Prometheus text exposition.

use actix_web::{HttpResponse, get, web};

use crate::metrics::Metrics;
use crate::startup::AppState;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(metrics);
}

#[get("/metrics")]
async fn metrics(state: web::Data<AppState>, metrics: web::Data<Metrics>) -> HttpResponse {
    match crate::printing::jobs::depth_by_printer(&state.db).await {
        Ok(rows) => metrics.set_queue_depth(&rows),
        Err(error) => tracing::warn!(%error, "metrics: cannot count print jobs"),
    }
    let text = metrics.render(&state.db, state.settings.database.pool_size);
    HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(text)
}
