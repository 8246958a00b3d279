use std::path::PathBuf;

use serde_json::Value;

use crate::helpers::{TestApp, TestResult};

fn committed_document() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../openapi/openapi.json")
}

/// `openapi/openapi.json` is the published contract. Regenerate it with
/// `UPDATE_OPENAPI=1 cargo test -p server --test api openapi` after an intended API change.
#[test]
fn committed_openapi_document_matches_the_code() -> TestResult {
    let generated = format!("{}\n", etikettdrucker::openapi::json());
    let path = committed_document();
    if std::env::var("UPDATE_OPENAPI").is_ok_and(|v| v == "1") {
        std::fs::write(&path, &generated)?;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "openapi/openapi.json differs from the code; regenerate it with \
         UPDATE_OPENAPI=1 cargo test -p server --test api openapi"
    );
    Ok(())
}

#[tokio::test]
async fn the_served_document_is_the_generated_one() -> TestResult {
    let app = TestApp::spawn().await;

    let response = app.get("/api/openapi.json").await;

    assert_eq!(response.status(), 200);
    let served: Value = response.json().await?;
    let generated: Value = serde_json::from_str(etikettdrucker::openapi::json())?;
    assert_eq!(served, generated);
    assert!(served["paths"]["/api/health"]["get"]["responses"]["503"].is_object());
    assert!(served["components"]["schemas"]["ErrorBody"].is_object());
    Ok(())
}

#[tokio::test]
async fn swagger_ui_is_served_from_this_server_only() -> TestResult {
    let dir = tempfile::tempdir()?;
    std::fs::create_dir_all(dir.path().join("swagger-ui"))?;
    std::fs::write(
        dir.path().join("swagger-ui/swagger-ui-bundle.js"),
        "var SwaggerUIBundle;",
    )?;
    std::fs::write(dir.path().join("swagger-ui/swagger-ui.css"), "body{}")?;
    let static_dir = dir.path().to_path_buf();
    let app = TestApp::spawn_with(move |s| s.static_dir = static_dir).await;

    let page = app.get("/api/docs").await.text().await?;
    assert!(page.contains("/api/docs/assets/swagger-ui-bundle.js"));
    assert!(!page.contains("http://") && !page.contains("https://"));
    let bundle = app.get("/api/docs/assets/swagger-ui-bundle.js").await;
    assert_eq!(bundle.status(), 200);
    assert_eq!(bundle.text().await?, "var SwaggerUIBundle;");
    let init = app.get("/api/docs/init.js").await.text().await?;
    assert!(init.contains("/api/openapi.json"));
    assert_eq!(
        app.get("/api/docs/assets/../../index.html").await.status(),
        404
    );
    Ok(())
}

#[tokio::test]
async fn without_swagger_assets_the_docs_page_points_to_the_json() -> TestResult {
    let app = TestApp::spawn().await;
    let page = app.get("/api/docs").await.text().await?;
    assert!(page.contains("/api/openapi.json"));
    assert!(page.contains("nicht installiert"));
    Ok(())
}
