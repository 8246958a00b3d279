//! The OpenAPI document, assembled from the route modules' own documentation.

use std::sync::OnceLock;

use api_types::{ErrorBody, ErrorCode};
use utoipa::OpenApi;

use crate::routes;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Etikettdrucker API",
        description = "Quality control and label printing for Rotoclear camera systems.\n\n\
            Every error has the same JSON body (`ErrorBody`): `success` is `false`, `error` a readable \
            message, `code` the error class and, for validation errors (422), `errors` maps each \
            field to its messages. Status codes: 400 unreadable request, 401 not logged in, \
            403 role not allowed, 404 unknown, 405 method not allowed, 409 duplicate or state \
            conflict, 413 body over 10 MB, 422 invalid input, 429 rate limited, 500 unexpected \
            (details only in the server log), 503 database unavailable."
    ),
    tags(
        (name = "system", description = "Health, metrics and API documentation"),
    ),
    components(schemas(ErrorBody, ErrorCode))
)]
struct ApiDoc;

/// The complete document.
pub fn document() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    doc.merge(routes::health::Api::openapi());
    doc
}

/// The document as pretty JSON, built once.
pub fn json() -> &'static str {
    static JSON: OnceLock<String> = OnceLock::new();
    JSON.get_or_init(|| {
        document()
            .to_pretty_json()
            .unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
    })
}
