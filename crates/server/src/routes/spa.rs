//! The browser SPA: static files from the static directory, `index.html` for every other non-`/api`
//! path (client-side routing), and a plain explanation when the SPA has not been built.

use std::path::{Path, PathBuf};

use actix_files::NamedFile;
use actix_web::http::Method;
use actix_web::http::header::{CACHE_CONTROL, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, ResponseError, web};

use crate::error::ApiError;

use crate::middleware::{api_not_found, is_api_path};
use crate::startup::AppState;

/// Default service of the app: everything no other route matched.
pub async fn fallback(request: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    if is_api_path(request.path()) {
        // The resource map knows the path even when the method guard turned the request away.
        return match request.match_pattern() {
            Some(_) => ApiError::MethodNotAllowed.error_response(),
            None => api_not_found(),
        };
    }
    if request.method() != Method::GET && request.method() != Method::HEAD {
        return HttpResponse::MethodNotAllowed().finish();
    }
    let dir = &state.settings.static_dir;
    let index = dir.join("index.html");
    if !index.is_file() {
        return HttpResponse::Ok()
            .content_type("text/html; charset=utf-8")
            .insert_header((CACHE_CONTROL, "no-store"))
            .body(not_built_page(dir));
    }
    if let Some(file) = static_file(dir, request.path())
        && let Ok(named) = NamedFile::open_async(&file).await
    {
        let mut response = named.into_response(&request);
        let policy = if is_fingerprinted(&file) {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        };
        response
            .headers_mut()
            .insert(CACHE_CONTROL, HeaderValue::from_static(policy));
        return response;
    }
    match NamedFile::open_async(&index).await {
        Ok(named) => {
            let mut response = named.into_response(&request);
            response
                .headers_mut()
                .insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
            response
        }
        Err(_) => HttpResponse::NotFound().finish(),
    }
}

/// The file a URL path names inside `dir`, if it is a plain relative path to an existing file.
fn static_file(dir: &Path, url_path: &str) -> Option<PathBuf> {
    let relative = url_path.trim_start_matches('/');
    if relative.is_empty() {
        return None;
    }
    let safe = relative.split('/').all(|segment| {
        !segment.is_empty()
            && !segment.starts_with('.')
            && !segment.contains(['\\', ':', '%', '\0'])
    });
    if !safe {
        return None;
    }
    let file = dir.join(relative);
    file.is_file().then_some(file)
}

/// Trunk names build outputs `name-<16 hex digits>.ext`; those never change and may be cached forever.
fn is_fingerprinted(file: &Path) -> bool {
    let Some(stem) = file.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let stem = stem.split('.').next().unwrap_or(stem);
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-')
        .is_some_and(|(_, hash)| hash.len() == 16 && hash.chars().all(|c| c.is_ascii_hexdigit()))
}

fn not_built_page(dir: &Path) -> String {
    format!(
        r#"<!doctype html>
<html lang="de">
<head><meta charset="utf-8"><title>Etikettdrucker</title></head>
<body style="font-family: Arial, sans-serif; margin: 2rem; max-width: 48rem">
<h1>Etikettdrucker</h1>
<p>Der Server läuft, aber die Web-Oberfläche wurde noch nicht gebaut: im Verzeichnis
<code>{dir}</code> fehlt <code>index.html</code>. <code>scripts/run.sh</code> baut sie, oder
<code>ETIKETT_STATIC_DIR</code> zeigt auf ein gebautes Verzeichnis.</p>
<p lang="en">The server is running, but the web UI has not been built: <code>index.html</code> is missing
in <code>{dir}</code>. <code>scripts/run.sh</code> builds it, or point <code>ETIKETT_STATIC_DIR</code> at a
built directory.</p>
<p>API: <a href="/api/health">/api/health</a> · <a href="/api/docs">/api/docs</a></p>
</body>
</html>
"#,
        dir = html_escape(&dir.display().to_string())
    )
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_trunk_fingerprints() {
        assert!(is_fingerprinted(Path::new("frontend-3f2a9c0d11e4b7a8.js")));
        assert!(is_fingerprinted(Path::new(
            "frontend-3f2a9c0d11e4b7a8_bg.wasm"
        )));
        assert!(is_fingerprinted(Path::new("styles-00112233aabbccdd.css")));
        assert!(!is_fingerprinted(Path::new("index.html")));
        assert!(!is_fingerprinted(Path::new("logo.svg")));
        assert!(!is_fingerprinted(Path::new("swagger-ui-bundle.js")));
    }

    #[test]
    fn refuses_paths_that_leave_the_directory() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        std::fs::write(dir.path().join("app.js"), "x")?;
        assert!(static_file(dir.path(), "/app.js").is_some());
        assert!(static_file(dir.path(), "/../etc/passwd").is_none());
        assert!(static_file(dir.path(), "/.hidden").is_none());
        assert!(static_file(dir.path(), "/a/%2e%2e/b").is_none());
        assert!(static_file(dir.path(), "/").is_none());
        assert!(static_file(dir.path(), "/missing.js").is_none());
        Ok(())
    }
}
