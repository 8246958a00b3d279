//! `GET /api/openapi.json` and the Swagger UI at `/api/docs`, served without any CDN.
//!
//! The Swagger UI files come from the `swagger-ui-dist` npm package, which the SPA build copies to
//! `<static dir>/swagger-ui/`; this module only adds the page and its start script.

use actix_files::NamedFile;
use actix_web::{HttpRequest, HttpResponse, get, web};

use crate::error::ApiError;
use crate::startup::AppState;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(openapi_json)
        .service(docs_page)
        .service(docs_init)
        .service(docs_asset);
}

#[get("/api/openapi.json")]
async fn openapi_json() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/json")
        .body(crate::openapi::json())
}

#[get("/api/docs")]
async fn docs_page(state: web::Data<AppState>) -> HttpResponse {
    let installed = state
        .settings
        .static_dir
        .join("swagger-ui/swagger-ui-bundle.js")
        .is_file();
    let body = if installed {
        SWAGGER_PAGE
    } else {
        SWAGGER_MISSING_PAGE
    };
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(body)
}

#[get("/api/docs/init.js")]
async fn docs_init() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/javascript; charset=utf-8")
        .body(SWAGGER_INIT)
}

#[get("/api/docs/assets/{file}")]
async fn docs_asset(
    request: HttpRequest,
    state: web::Data<AppState>,
    file: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let name = file.into_inner();
    let allowed = [
        "swagger-ui-bundle.js",
        "swagger-ui.css",
        "favicon-32x32.png",
    ];
    if !allowed.contains(&name.as_str()) {
        return Err(ApiError::NotFound("Unbekannte Datei".into()));
    }
    let path = state.settings.static_dir.join("swagger-ui").join(&name);
    let file = NamedFile::open_async(path)
        .await
        .map_err(|_| ApiError::NotFound("Swagger UI ist nicht installiert".into()))?;
    Ok(file.into_response(&request))
}

const SWAGGER_PAGE: &str = r#"<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<title>Etikettdrucker API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
<link rel="icon" href="/api/docs/assets/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>
"#;

const SWAGGER_INIT: &str = r##"window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({ url: "/api/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
});
"##;

const SWAGGER_MISSING_PAGE: &str = r#"<!doctype html>
<html lang="de">
<head><meta charset="utf-8"><title>Etikettdrucker API</title></head>
<body style="font-family: Arial, sans-serif; margin: 2rem">
<h1>Etikettdrucker API</h1>
<p>Die Swagger-Oberfläche ist nicht installiert (sie wird mit der Web-Oberfläche gebaut:
<code>scripts/run.sh</code>). Das OpenAPI-Dokument steht unter
<a href="/api/openapi.json">/api/openapi.json</a>.</p>
<p lang="en">Swagger UI is not installed (it is built with the web UI). The OpenAPI document is at
<a href="/api/openapi.json">/api/openapi.json</a>.</p>
</body>
</html>
"#;
