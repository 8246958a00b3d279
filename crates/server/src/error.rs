//! The API error type and its one mapping to HTTP.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use api_types::{ErrorBody, ErrorCode, FieldErrors};
use sea_orm::{DbErr, RuntimeErr, SqlErr};

/// Every way a request can fail. Each variant's doc names its HTTP status.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 400: the request body or query could not be read.
    #[error("{0}")]
    BadRequest(String),
    /// 401: not authenticated.
    #[error("Anmeldung erforderlich")]
    AuthRequired,
    /// 401: the credentials were wrong (the message says so without revealing which part).
    #[error("{0}")]
    NotAuthenticated(String),
    /// 403: authenticated, but not allowed.
    #[error("{0}")]
    Forbidden(String),
    /// 403: the session's CSRF token was missing or wrong on a state-changing request.
    #[error("CSRF-Prüfung fehlgeschlagen")]
    CsrfFailed,
    /// 403: the password was reset by an admin and must be changed first.
    #[error("Bitte ändern Sie zuerst Ihr Passwort")]
    PasswordChangeRequired,
    /// 404: no such thing.
    #[error("{0}")]
    NotFound(String),
    /// 405: the path exists, but not with this method.
    #[error("Methode nicht erlaubt")]
    MethodNotAllowed,
    /// 409: duplicate or state conflict.
    #[error("{0}")]
    Conflict(String),
    /// 409: duplicates, named per field.
    #[error("Bereits vergeben")]
    ConflictFields(FieldErrors),
    /// 413: the body is larger than allowed.
    #[error("Anfrage zu groß (höchstens {limit_mb} MB)")]
    PayloadTooLarge { limit_mb: usize },
    /// 423: too many wrong passwords; locked until the given time (or an admin unlocks it).
    #[error("Konto nach zu vielen Fehlversuchen bis {until} Uhr (UTC) gesperrt")]
    AccountLocked { until: String },
    /// 429: too many attempts from this address; retry after the given seconds.
    #[error("Zu viele Anmeldeversuche. Bitte in {retry_after_secs} Sekunden erneut versuchen.")]
    RateLimited { retry_after_secs: u64 },
    /// 422: invalid input; the map names each field.
    #[error("Validierung fehlgeschlagen")]
    Validation(FieldErrors),
    /// 503: the database cannot be reached.
    #[error("Datenbank nicht erreichbar")]
    DatabaseUnavailable(#[source] DbErr),
    /// 502: the printer cannot be reached; the message says why.
    #[error("{0}")]
    PrinterUnreachable(String),
    /// 503: the printer reports a fault; the message names it.
    #[error("{0}")]
    PrinterNotReady(String),
    /// 500: anything unexpected. Logged with its cause chain; the client sees a generic message.
    #[error("Interner Serverfehler")]
    Internal(#[source] anyhow::Error),
}

impl ApiError {
    /// A 422 for one field.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        let mut fields = FieldErrors::new();
        fields.insert(field.to_string(), vec![message.into()]);
        Self::Validation(fields)
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            Self::BadRequest(_) => ErrorCode::BadRequest,
            Self::AuthRequired | Self::NotAuthenticated(_) => ErrorCode::AuthRequired,
            Self::Forbidden(_) | Self::CsrfFailed => ErrorCode::Forbidden,
            Self::PasswordChangeRequired => ErrorCode::PasswordChangeRequired,
            Self::AccountLocked { .. } => ErrorCode::AccountLocked,
            Self::RateLimited { .. } => ErrorCode::RateLimited,
            Self::NotFound(_) => ErrorCode::NotFound,
            Self::MethodNotAllowed => ErrorCode::MethodNotAllowed,
            Self::Conflict(_) | Self::ConflictFields(_) => ErrorCode::Conflict,
            Self::PayloadTooLarge { .. } => ErrorCode::PayloadTooLarge,
            Self::Validation(_) => ErrorCode::ValidationError,
            Self::DatabaseUnavailable(_) => ErrorCode::ServiceUnavailable,
            Self::PrinterUnreachable(_) => ErrorCode::PrinterUnreachable,
            Self::PrinterNotReady(_) => ErrorCode::PrinterNotReady,
            Self::Internal(_) => ErrorCode::InternalError,
        }
    }

    pub fn body(&self) -> ErrorBody {
        let body = ErrorBody::new(self.code(), self.to_string());
        match self {
            Self::Validation(fields) | Self::ConflictFields(fields) => {
                body.with_fields(fields.clone())
            }
            _ => body,
        }
    }
}

impl From<DbErr> for ApiError {
    fn from(err: DbErr) -> Self {
        if let Some(SqlErr::UniqueConstraintViolation(_)) = err.sql_err() {
            return Self::Conflict("Eintrag existiert bereits".into());
        }
        if is_unavailable(&err) {
            return Self::DatabaseUnavailable(err);
        }
        Self::Internal(err.into())
    }
}

impl From<anyhow::Error> for ApiError {
    fn from(err: anyhow::Error) -> Self {
        Self::Internal(err)
    }
}

/// Whether the error means "the database is not reachable" rather than "this query is wrong".
pub fn is_unavailable(err: &DbErr) -> bool {
    use sea_orm::sqlx::Error as Sqlx;
    match err {
        DbErr::ConnectionAcquire(_) => true,
        DbErr::Conn(RuntimeErr::SqlxError(e))
        | DbErr::Exec(RuntimeErr::SqlxError(e))
        | DbErr::Query(RuntimeErr::SqlxError(e)) => matches!(
            e,
            Sqlx::Io(_) | Sqlx::PoolTimedOut | Sqlx::PoolClosed | Sqlx::Tls(_) | Sqlx::Protocol(_)
        ),
        DbErr::Conn(_) => true,
        _ => false,
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.code().status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    fn error_response(&self) -> HttpResponse {
        let mut response = HttpResponse::build(self.status_code());
        if let Self::RateLimited { retry_after_secs } = self {
            response.insert_header(("Retry-After", retry_after_secs.to_string()));
        }
        response.json(self.body())
    }
}

/// Shorthand for handler results.
pub type ApiResult<T> = Result<T, ApiError>;

/// Writes the cause chain of an error on one line: `outer: inner: root`.
pub fn cause_chain(err: &(dyn std::error::Error + 'static)) -> String {
    let mut out = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        out.push_str(": ");
        out.push_str(&cause.to_string());
        source = cause.source();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_errors_do_not_leak_their_cause() {
        let err = ApiError::Internal(anyhow::anyhow!("password authentication failed for user x"));
        let body = err.body();
        assert_eq!(body.code, ErrorCode::InternalError);
        assert!(!body.error.contains("password"));
        assert_eq!(err.status_code(), StatusCode::INTERNAL_SERVER_ERROR);
    }

    #[test]
    fn validation_errors_list_fields() {
        let mut fields = FieldErrors::new();
        fields.insert("seriennummer".into(), vec!["Pflichtfeld".into()]);
        let err = ApiError::Validation(fields);
        assert_eq!(err.status_code(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            err.body()
                .errors
                .is_some_and(|f| f.contains_key("seriennummer"))
        );
    }

    #[test]
    fn lost_connections_are_unavailable_not_internal() {
        let err = ApiError::from(DbErr::ConnectionAcquire(sea_orm::ConnAcquireErr::Timeout));
        assert_eq!(err.status_code(), StatusCode::SERVICE_UNAVAILABLE);
    }

    #[test]
    fn cause_chain_joins_sources() {
        let err = anyhow::anyhow!("root").context("outer");
        let chain = cause_chain(err.as_ref());
        assert_eq!(chain, "outer: root");
    }
}
