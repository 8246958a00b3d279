use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// Per-field validation messages: field name (as in the request body) → messages.
pub type FieldErrors = BTreeMap<String, Vec<String>>;

/// Machine-readable error class. The HTTP status follows from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ErrorCode {
    /// 400: the request could not be read (malformed JSON, wrong content type).
    BadRequest,
    /// 401: no valid session or token.
    AuthRequired,
    /// 403: authenticated, but the role does not allow this.
    Forbidden,
    /// 403: an administrator reset the password; the user must choose a new one first.
    PasswordChangeRequired,
    /// 404: no such resource or route.
    NotFound,
    /// 405: the route exists, the method does not.
    MethodNotAllowed,
    /// 409: duplicate or state conflict.
    Conflict,
    /// 413: request body too large.
    PayloadTooLarge,
    /// 423: the account is locked after repeated failed logins; an admin can unlock it.
    AccountLocked,
    /// 422: well-formed but invalid; see `errors` for the fields.
    ValidationError,
    /// 429: too many requests; retry later.
    RateLimited,
    /// 500: unexpected; details are in the server log, never in the response.
    InternalError,
    /// 503: a dependency (the database) is unavailable.
    ServiceUnavailable,
    /// 502: the printer could not be reached or gave no usable answer.
    PrinterUnreachable,
    /// 503: the printer answered but cannot print now (paper out, paused, head open …).
    PrinterNotReady,
}

impl ErrorCode {
    /// The HTTP status code that goes with this error class.
    pub fn status(self) -> u16 {
        match self {
            Self::BadRequest => 400,
            Self::AuthRequired => 401,
            Self::Forbidden | Self::PasswordChangeRequired => 403,
            Self::NotFound => 404,
            Self::MethodNotAllowed => 405,
            Self::Conflict => 409,
            Self::PayloadTooLarge => 413,
            Self::ValidationError => 422,
            Self::AccountLocked => 423,
            Self::RateLimited => 429,
            Self::InternalError => 500,
            Self::ServiceUnavailable | Self::PrinterNotReady => 503,
            Self::PrinterUnreachable => 502,
        }
    }
}

/// The one JSON error body of every failed request.
///
/// Compatible with the original system, whose clients read `success` and a plain-string `error`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "success": false,
    "error": "Validierung fehlgeschlagen",
    "code": "VALIDATION_ERROR",
    "errors": {"seriennummer": ["Pflichtfeld"]}
})))]
pub struct ErrorBody {
    /// Always `false`.
    pub success: bool,
    /// Human-readable message.
    pub error: String,
    /// Machine-readable error class.
    pub code: ErrorCode,
    /// Per-field messages, present for validation errors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub errors: Option<FieldErrors>,
}

impl ErrorBody {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            success: false,
            error: message.into(),
            code,
            errors: None,
        }
    }

    pub fn with_fields(mut self, errors: FieldErrors) -> Self {
        self.errors = Some(errors);
        self
    }
}

impl fmt::Display for ErrorBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.error)
    }
}

impl std::error::Error for ErrorBody {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_body_serializes_in_the_original_shape() {
        let body = ErrorBody::new(ErrorCode::NotFound, "Nicht gefunden");
        assert_eq!(
            serde_json::to_string(&body).unwrap_or_default(),
            r#"{"success":false,"error":"Nicht gefunden","code":"NOT_FOUND"}"#
        );
    }

    #[test]
    fn validation_errors_carry_their_fields() {
        let mut fields = FieldErrors::new();
        fields.insert("port".into(), vec!["zu groß".into()]);
        let body = ErrorBody::new(ErrorCode::ValidationError, "Validierung fehlgeschlagen")
            .with_fields(fields);
        let json = serde_json::to_value(&body).unwrap_or_default();
        assert_eq!(json["code"], "VALIDATION_ERROR");
        assert_eq!(json["errors"]["port"][0], "zu groß");
    }

    #[test]
    fn every_code_maps_to_its_status() {
        assert_eq!(ErrorCode::BadRequest.status(), 400);
        assert_eq!(ErrorCode::ValidationError.status(), 422);
        assert_eq!(ErrorCode::Conflict.status(), 409);
        assert_eq!(ErrorCode::ServiceUnavailable.status(), 503);
    }
}
