//! Typed client for the server's REST API.
//!
//! Every call returns the server's one error type, [`ErrorBody`]: the JSON body of a failed request
//! when the server sent one, otherwise an equivalent body built here (network failure, a proxy's HTML
//! error page, a malformed answer), so pages handle exactly one error shape.

use api_types::{ErrorBody, ErrorCode, HealthResponse};
use gloo_net::http::{Request, RequestBuilder};
use serde::Serialize;
use serde::de::DeserializeOwned;
use web_sys::RequestCredentials;

pub use gloo_net::http::Method;

/// Result of an API call.
pub type ApiResult<T> = Result<T, ErrorBody>;

/// Message of the error that stands for "no answer from the server".
pub const UNREACHABLE: &str = "Server nicht erreichbar";

/// `GET path`, decoding the JSON answer as `T`.
pub async fn get_json<T: DeserializeOwned>(path: &str) -> ApiResult<T> {
    send(build(request(Method::GET, path).build())?)
        .await?
        .into_result()
}

/// `method path` with `body` as JSON, decoding the JSON answer as `T` (use `()` for empty answers).
pub async fn send_json<B, T>(method: Method, path: &str, body: &B) -> ApiResult<T>
where
    B: Serialize + ?Sized,
    T: DeserializeOwned,
{
    send(build(request(method, path).json(body))?)
        .await?
        .into_result()
}

/// `GET /api/health`.
pub async fn health() -> ApiResult<HealthResponse> {
    health_from_reply(send(build(request(Method::GET, "/api/health").build())?).await?)
}

/// Status and body of an HTTP answer, before decoding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub status: u16,
    pub body: String,
}

impl Reply {
    /// A 2xx answer decoded as `T` (an empty body reads as JSON `null`), anything else as an error.
    pub fn into_result<T: DeserializeOwned>(self) -> ApiResult<T> {
        if !(200..300).contains(&self.status) {
            return Err(self.into_error());
        }
        let text = if self.body.trim().is_empty() {
            "null"
        } else {
            &self.body
        };
        serde_json::from_str(text)
            .map_err(|_| ErrorBody::new(ErrorCode::InternalError, "Ungültige Antwort des Servers"))
    }

    /// The error a failed answer stands for: the server's body when it is one, else one built from
    /// the status, keeping an `error` message of older or foreign JSON shapes.
    pub fn into_error(self) -> ErrorBody {
        if let Ok(body) = serde_json::from_str::<ErrorBody>(&self.body) {
            return body;
        }
        let code = code_for_status(self.status);
        let message = serde_json::from_str::<serde_json::Value>(&self.body)
            .ok()
            .and_then(|value| value.get("error")?.as_str().map(str::to_owned))
            .unwrap_or_else(|| format!("Unerwartete Antwort des Servers (HTTP {})", self.status));
        ErrorBody::new(code, message)
    }
}

/// `/api/health` answers 503 with a full [`HealthResponse`] when a check fails; the status page shows
/// those details instead of a bare error.
pub fn health_from_reply(reply: Reply) -> ApiResult<HealthResponse> {
    if reply.status == 503
        && let Ok(health) = serde_json::from_str(&reply.body)
    {
        return Ok(health);
    }
    reply.into_result()
}

/// The error class that goes with an HTTP status, for answers without our JSON body.
pub fn code_for_status(status: u16) -> ErrorCode {
    match status {
        400 => ErrorCode::BadRequest,
        401 => ErrorCode::AuthRequired,
        403 => ErrorCode::Forbidden,
        404 => ErrorCode::NotFound,
        405 => ErrorCode::MethodNotAllowed,
        409 => ErrorCode::Conflict,
        413 => ErrorCode::PayloadTooLarge,
        422 => ErrorCode::ValidationError,
        429 => ErrorCode::RateLimited,
        // A reverse proxy's "bad gateway" or "gateway timeout" means our server did not answer.
        502..=504 => ErrorCode::ServiceUnavailable,
        _ => ErrorCode::InternalError,
    }
}

fn unreachable() -> ErrorBody {
    ErrorBody::new(ErrorCode::ServiceUnavailable, UNREACHABLE)
}

fn request(method: Method, path: &str) -> RequestBuilder {
    RequestBuilder::new(path)
        .method(method)
        // The session cookie goes to our own origin only.
        .credentials(RequestCredentials::SameOrigin)
        .header("Accept", "application/json")
}

fn build(request: Result<Request, gloo_net::Error>) -> ApiResult<Request> {
    request.map_err(|_| {
        ErrorBody::new(
            ErrorCode::BadRequest,
            "Anfrage konnte nicht erstellt werden",
        )
    })
}

async fn send(request: Request) -> ApiResult<Reply> {
    let response = request.send().await.map_err(|_| unreachable())?;
    let status = response.status();
    // A body cut off mid-transfer is as much a network failure as no answer at all.
    let body = response.text().await.map_err(|_| unreachable())?;
    Ok(Reply { status, body })
}

#[cfg(test)]
mod tests {
    use api_types::HealthStatus;
    use serde::Deserialize;

    use super::*;

    fn reply(status: u16, body: &str) -> Reply {
        Reply {
            status,
            body: body.to_owned(),
        }
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Item {
        id: u32,
    }

    const HEALTH: &str = r#"{"status":"unhealthy","timestamp":"2026-11-26T10:30:00Z","version":"0.1.0",
        "checks":{"database":{"status":"error","latency_ms":2000.0,"backend":"sqlite"},
        "filesystem":{"status":"healthy","free_bytes":1073741824},
        "memory":{"status":"healthy","rss_bytes":1048576,"limit_bytes":524288000}}}"#;

    #[test]
    fn decodes_success_bodies() {
        assert_eq!(reply(200, r#"{"id":7}"#).into_result(), Ok(Item { id: 7 }));
        assert_eq!(reply(204, "").into_result::<()>(), Ok(()));
    }

    #[test]
    fn malformed_success_body_is_an_internal_error() {
        let error = reply(200, "<html>").into_result::<Item>().err();
        assert_eq!(error.map(|e| e.code), Some(ErrorCode::InternalError));
    }

    #[test]
    fn keeps_the_servers_error_body() {
        let body = r#"{"success":false,"error":"Pflichtfeld fehlt","code":"VALIDATION_ERROR",
            "errors":{"seriennummer":["Pflichtfeld"]}}"#;
        let error = reply(422, body).into_error();
        assert_eq!(error.code, ErrorCode::ValidationError);
        assert_eq!(error.error, "Pflichtfeld fehlt");
        let fields = error.errors.unwrap_or_default();
        assert_eq!(fields["seriennummer"], vec!["Pflichtfeld".to_owned()]);
    }

    #[test]
    fn synthesizes_an_error_for_foreign_bodies() {
        let proxy = reply(502, "<html><body>Bad Gateway</body></html>").into_error();
        assert_eq!(proxy.code, ErrorCode::ServiceUnavailable);
        assert!(!proxy.success);
        assert_eq!(proxy.error, "Unerwartete Antwort des Servers (HTTP 502)");

        let legacy = reply(429, r#"{"success":false,"error":"Too many requests"}"#).into_error();
        assert_eq!(legacy.code, ErrorCode::RateLimited);
        assert_eq!(legacy.error, "Too many requests");
    }

    #[test]
    fn unhealthy_answer_still_carries_the_details() {
        let health = health_from_reply(reply(503, HEALTH));
        assert_eq!(health.map(|h| h.status), Ok(HealthStatus::Unhealthy));
    }

    #[test]
    fn a_503_without_health_body_is_an_error() {
        let body =
            r#"{"success":false,"error":"Datenbank nicht verfügbar","code":"SERVICE_UNAVAILABLE"}"#;
        let error = health_from_reply(reply(503, body)).err();
        assert_eq!(
            error.map(|e| e.error),
            Some("Datenbank nicht verfügbar".to_owned())
        );
    }

    #[test]
    fn network_failures_read_as_unavailable() {
        let error = unreachable();
        assert_eq!(error.code, ErrorCode::ServiceUnavailable);
        assert_eq!(error.error, "Server nicht erreichbar");
    }
}
