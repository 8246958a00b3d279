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
            (details only in the server log), 503 database unavailable.\n\n\
            Authentication: a browser session (cookie `auth-token` from `POST /api/auth/login`; \
            state-changing requests must send the session's CSRF token as header `X-CSRF-Token`) \
            or an API token issued by an administrator (`Authorization: Bearer etk_…`, no CSRF \
            token needed). Every route checks the caller's role on the server."
    ),
    tags(
        (name = "system", description = "Health, metrics and API documentation"),
        (name = "auth", description = "First-run setup, login, logout, the current user"),
        (name = "profile", description = "The logged-in user's own profile and password"),
        (name = "users", description = "User administration (ADMIN)"),
        (name = "admin", description = "API tokens and the security log (ADMIN)"),
        (name = "printers", description = "The printer registry: read by everyone logged in, changed by ADMIN"),
        (name = "inspections", description = "The two-inspector workflow of every product line (C Pro, C2, C Basic, KK) on the original paths, product definitions, inspection search and detail, override and labels"),
        (name = "packaging", description = "The article catalogue, accessory labels (Zubehör), mount labels (Halterung) and outer cartons on the original paths: create, scan, trace by serial, reprint"),
        (name = "dashboards", description = "Production figures and analytics"),
        (name = "printing", description = "The print queue: jobs, their live events, printer status and test (creating and handling jobs: every role except VIEWER)"),
    ),
    components(schemas(ErrorBody, ErrorCode))
)]
struct ApiDoc;

/// The complete document.
pub fn document() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    doc.merge(routes::health::Api::openapi());
    doc.merge(routes::setup::Api::openapi());
    doc.merge(routes::auth::Api::openapi());
    doc.merge(routes::profile::Api::openapi());
    doc.merge(routes::users::Api::openapi());
    doc.merge(routes::admin::Api::openapi());
    doc.merge(routes::printers::Api::openapi());
    doc.merge(routes::print_jobs::Api::openapi());
    doc.merge(routes::inspections::Api::openapi());
    doc.merge(routes::articles::Api::openapi());
    doc.merge(routes::zubehoer::Api::openapi());
    doc.merge(routes::halterung::Api::openapi());
    doc.merge(routes::outerkarton::Api::openapi());
    doc.merge(routes::dashboard::Api::openapi());
    doc.merge(routes::analytics::Api::openapi());
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
