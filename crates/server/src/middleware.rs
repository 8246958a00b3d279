//! Request pipeline pieces: tracing span, metrics and access log, the JSON error shape for `/api`,
//! and the early body-size check.

use std::time::Instant;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{CONTENT_LENGTH, CONTENT_TYPE, HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{Error, HttpMessage, HttpResponse, ResponseError, web};
use api_types::{ErrorBody, ErrorCode};
use tracing::Span;
use tracing_actix_web::{RequestId, RootSpanBuilder};

use crate::error::{ApiError, cause_chain};
use crate::metrics::Metrics;

/// Largest accepted request body.
pub const BODY_LIMIT_BYTES: usize = 10 * 1024 * 1024;

const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Requests slower than this are logged as warnings.
const SLOW_REQUEST_MS: f64 = 1000.0;

/// The root span of each request carries the route template, never the raw URL (which may hold
/// serial numbers or tokens in its query).
pub struct RouteSpan;

impl RootSpanBuilder for RouteSpan {
    fn on_request_start(request: &ServiceRequest) -> Span {
        let request_id = request
            .extensions()
            .get::<RequestId>()
            .map(ToString::to_string)
            .unwrap_or_default();
        tracing::info_span!(
            "request",
            method = %request.method(),
            route = %route_label(request),
            request_id = %request_id,
            status = tracing::field::Empty,
        )
    }

    fn on_request_end<B: MessageBody>(span: Span, outcome: &Result<ServiceResponse<B>, Error>) {
        let status = match outcome {
            Ok(response) => response.status(),
            Err(error) => error.as_response_error().status_code(),
        };
        span.record("status", status.as_u16());
    }
}

/// The matched route template, or a fixed label for unmatched paths (bounded metric cardinality).
pub fn route_label(request: &ServiceRequest) -> String {
    request.match_pattern().unwrap_or_else(|| {
        if is_api_path(request.path()) {
            "unmatched".into()
        } else {
            "static".into()
        }
    })
}

pub fn is_api_path(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/")
}

/// Records latency and status in the metrics and writes one access-log line per request.
pub async fn observe(
    request: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let started = Instant::now();
    let method = request.method().to_string();
    let route = route_label(&request);
    let metrics = request.app_data::<web::Data<Metrics>>().cloned();
    let request_id = request.extensions().get::<RequestId>().copied();
    if let Some(m) = &metrics {
        m.in_flight.inc();
    }
    let outcome = next.call(request).await;
    let elapsed = started.elapsed().as_secs_f64();
    if let Some(m) = &metrics {
        m.in_flight.dec();
    }
    let mut response = match outcome {
        Ok(response) => response.map_into_boxed_body(),
        Err(error) => return Err(error),
    };
    // Lets a user or an integration quote the id that the log lines of this request carry.
    if let Some(id) = request_id
        && let Ok(value) = HeaderValue::from_str(&id.to_string())
    {
        response.headers_mut().insert(X_REQUEST_ID, value);
    }
    let status = response.status().as_u16();
    if let Some(m) = &metrics {
        m.observe_request(&method, &route, status, elapsed);
    }

    let latency_ms = elapsed * 1000.0;
    if let Some(error) = response.response().error().filter(|_| status >= 500) {
        let detail = match error.as_error::<ApiError>() {
            Some(api) => cause_chain(api),
            None => error.to_string(),
        };
        tracing::error!(%method, %route, status, latency_ms, error = %detail, "request failed");
    } else if latency_ms > SLOW_REQUEST_MS {
        tracing::warn!(%method, %route, status, latency_ms, "slow request");
    } else if is_probe(&route) && status < 400 {
        tracing::debug!(%method, %route, status, latency_ms, "request");
    } else {
        tracing::info!(%method, %route, status, latency_ms, "request");
    }
    Ok(response)
}

/// Monitoring probes run every few seconds; their successes stay out of the info log.
fn is_probe(route: &str) -> bool {
    matches!(route, "/api/health" | "/metrics")
}

/// Refuses bodies announced larger than the limit before anything reads them, and gives every error
/// response under `/api` the JSON error shape (actix answers some errors, such as 405, with an empty
/// body).
pub async fn api_errors(
    request: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let too_large = request
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok())
        .is_some_and(|len| len > BODY_LIMIT_BYTES);
    if too_large {
        let error = ApiError::PayloadTooLarge {
            limit_mb: BODY_LIMIT_BYTES / (1024 * 1024),
        };
        return Ok(request.into_response(error.error_response()));
    }
    if !is_api_path(request.path()) {
        return next
            .call(request)
            .await
            .map(ServiceResponse::map_into_boxed_body);
    }

    let response = next.call(request).await?;
    let status = response.status();
    let is_json = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if status.as_u16() < 400 || is_json {
        return Ok(response.map_into_boxed_body());
    }
    let body = error_body_for_status(status.as_u16());
    Ok(response.map_body(|head, _| {
        head.headers_mut().remove(CONTENT_LENGTH);
        head.headers_mut()
            .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        BoxBody::new(serde_json::to_vec(&body).unwrap_or_default())
    }))
}

fn error_body_for_status(status: u16) -> ErrorBody {
    let (code, message) = match status {
        400 => (ErrorCode::BadRequest, "Ungültige Anfrage"),
        401 => (ErrorCode::AuthRequired, "Anmeldung erforderlich"),
        403 => (ErrorCode::Forbidden, "Keine Berechtigung"),
        404 => (ErrorCode::NotFound, "Nicht gefunden"),
        405 => (ErrorCode::MethodNotAllowed, "Methode nicht erlaubt"),
        409 => (ErrorCode::Conflict, "Konflikt"),
        413 => (ErrorCode::PayloadTooLarge, "Anfrage zu groß"),
        422 => (ErrorCode::ValidationError, "Validierung fehlgeschlagen"),
        429 => (ErrorCode::RateLimited, "Zu viele Anfragen"),
        503 => (ErrorCode::ServiceUnavailable, "Dienst nicht verfügbar"),
        s if s < 500 => (ErrorCode::BadRequest, "Ungültige Anfrage"),
        _ => (ErrorCode::InternalError, "Interner Serverfehler"),
    };
    ErrorBody::new(code, message)
}

/// JSON 404 for `/api` paths no route matches.
pub fn api_not_found() -> HttpResponse {
    ApiError::NotFound("Unbekannter API-Pfad".into()).error_response()
}

/// With HTTPS configured, a request that arrived over plain HTTP (the redirect port) is sent to the
/// same path on the HTTPS port with 308, which keeps the method and body.
pub async fn redirect_to_https(
    request: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
    tls_enabled: bool,
    https_port: u16,
) -> Result<ServiceResponse<BoxBody>, Error> {
    if !tls_enabled || request.connection_info().scheme() == "https" {
        return next
            .call(request)
            .await
            .map(ServiceResponse::map_into_boxed_body);
    }
    let host = request.connection_info().host().to_string();
    let host = match host.rsplit_once(':') {
        Some((name, port)) if port.chars().all(|c| c.is_ascii_digit()) => name.to_string(),
        _ => host,
    };
    let path = request
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "/".into());
    let location = if https_port == 443 {
        format!("https://{host}{path}")
    } else {
        format!("https://{host}:{https_port}{path}")
    };
    let response = HttpResponse::PermanentRedirect()
        .insert_header(("Location", location))
        .finish();
    Ok(request.into_response(response))
}
