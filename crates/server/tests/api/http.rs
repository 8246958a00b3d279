use serde_json::Value;

use crate::helpers::{TestApp, TestResult};

fn header<'a>(response: &'a reqwest::Response, name: &str) -> Option<&'a str> {
    response.headers().get(name).and_then(|v| v.to_str().ok())
}

fn assert_security_headers(response: &reqwest::Response) {
    assert_eq!(header(response, "x-frame-options"), Some("DENY"));
    assert_eq!(header(response, "x-content-type-options"), Some("nosniff"));
    assert_eq!(
        header(response, "referrer-policy"),
        Some("strict-origin-when-cross-origin")
    );
    let csp = header(response, "content-security-policy").unwrap_or_default();
    assert!(csp.contains("default-src 'self'"), "{csp}");
    assert!(csp.contains("'wasm-unsafe-eval'"), "{csp}");
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert!(
        !csp.contains("http:") && !csp.contains("https:") && !csp.contains('*'),
        "{csp}"
    );
    assert!(response.headers().get("server").is_none());
    assert!(header(response, "x-request-id").is_some_and(|id| id.len() == 36));
}

#[tokio::test]
async fn every_response_carries_the_security_headers() -> TestResult {
    let app = TestApp::spawn().await;
    assert_security_headers(&app.get("/api/health").await);
    assert_security_headers(&app.get("/api/nope").await);
    assert_security_headers(&app.get("/some/page").await);
    assert_security_headers(&app.get("/api/auth/me").await);
    Ok(())
}

fn write_spa(app_static: &std::path::Path) -> std::io::Result<()> {
    std::fs::create_dir_all(app_static)?;
    std::fs::write(
        app_static.join("index.html"),
        "<!doctype html><title>SPA</title><script type=\"module\">start()</script>",
    )?;
    std::fs::write(app_static.join("app-0123456789abcdef.js"), "export {}")?;
    std::fs::write(app_static.join("logo.svg"), "<svg/>")
}

#[tokio::test]
async fn client_routes_fall_back_to_the_spa_and_assets_are_cached() -> TestResult {
    let dir = tempfile::tempdir()?;
    write_spa(dir.path())?;
    let static_dir = dir.path().to_path_buf();
    let app = TestApp::spawn_with(move |s| s.static_dir = static_dir).await;

    let page = app.get("/status").await;
    assert_eq!(page.status(), 200);
    assert_eq!(header(&page, "cache-control"), Some("no-cache"));
    // The inline start script is allowed by its hash, nothing else inline.
    let csp = header(&page, "content-security-policy")
        .unwrap_or_default()
        .to_string();
    assert!(csp.contains("'sha256-"), "{csp}");
    assert!(page.text().await?.contains("<title>SPA</title>"));

    let deep = app.get("/admin/users/42").await;
    assert_eq!(deep.status(), 200);
    assert!(deep.text().await?.contains("<title>SPA</title>"));

    let asset = app.get("/app-0123456789abcdef.js").await;
    assert_eq!(asset.status(), 200);
    assert_eq!(
        header(&asset, "cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    assert_eq!(asset.text().await?, "export {}");

    let logo = app.get("/logo.svg").await;
    assert_eq!(header(&logo, "cache-control"), Some("no-cache"));

    // /api never falls back to the SPA.
    let api = app.get("/api/unknown").await;
    assert_eq!(api.status(), 404);
    let body: Value = api.json().await?;
    assert_eq!(body["code"], "NOT_FOUND");

    // Paths that try to leave the directory get the SPA, not the file system.
    let escape = app.get("/..%2f..%2fetc/passwd").await;
    assert!(!escape.text().await?.contains("root:"));
    Ok(())
}

#[tokio::test]
async fn an_unbuilt_spa_is_explained() -> TestResult {
    let app = TestApp::spawn().await;

    let page = app.get("/").await;

    assert_eq!(page.status(), 200);
    assert!(header(&page, "content-type").is_some_and(|v| v.starts_with("text/html")));
    let text = page.text().await?;
    assert!(text.contains("nicht gebaut"));
    assert!(text.contains("scripts/run.sh"));
    Ok(())
}

#[tokio::test]
async fn metrics_expose_latency_per_route_template() -> TestResult {
    let app = TestApp::spawn().await;
    app.get("/api/health?token=do-not-record").await;
    app.get("/api/nothing-here").await;

    assert_eq!(app.get("/metrics").await.status(), 401);
    let response = app.admin().await.get("/metrics").await;

    assert_eq!(response.status(), 200);
    assert!(header(&response, "content-type").is_some_and(|v| v.starts_with("text/plain")));
    let text = response.text().await?;
    assert!(text.contains(
        r#"app_http_request_duration_seconds_bucket{method="GET",route="/api/health",status="200",le="0.005"}"#
    ), "{text}");
    assert!(
        text.contains(r#"app_http_requests_total{method="GET",route="unmatched",status="404"} 1"#)
    );
    assert!(text.contains("process_resident_memory_bytes "));
    assert!(text.contains(r#"app_db_pool_connections{state="max"} 20"#));
    assert!(text.contains("app_http_connections_open "));
    assert!(text.contains("app_http_requests_in_flight 1"));
    assert!(!text.contains("do-not-record"));
    Ok(())
}
