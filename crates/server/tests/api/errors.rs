use actix_web::middleware::from_fn;
use actix_web::{App, HttpResponse, test, web};
use etikettdrucker::error::ApiError;
use etikettdrucker::middleware::api_errors;
use etikettdrucker::startup::json_config;
use serde_json::{Value, json};

use crate::helpers::{TestApp, TestResult};

async fn assert_error_shape(response: reqwest::Response, status: u16, code: &str) -> TestResult {
    assert_eq!(response.status(), status);
    assert!(
        response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/json"))
    );
    let body: Value = response.json().await?;
    assert_eq!(body["success"], false);
    assert_eq!(body["code"], code);
    assert!(body["error"].as_str().is_some_and(|m| !m.is_empty()));
    Ok(())
}

#[tokio::test]
async fn unknown_api_routes_are_json_404() -> TestResult {
    let app = TestApp::spawn().await;
    assert_error_shape(app.get("/api/does-not-exist").await, 404, "NOT_FOUND").await?;
    assert_error_shape(app.get("/api").await, 404, "NOT_FOUND").await
}

#[tokio::test]
async fn a_wrong_method_is_json_405() -> TestResult {
    let app = TestApp::spawn().await;
    let response = app.post_json("/api/health", &json!({})).await;
    assert_error_shape(response, 405, "METHOD_NOT_ALLOWED").await
}

#[tokio::test]
async fn bodies_over_10_mb_are_refused_with_413() -> TestResult {
    let app = TestApp::spawn().await;
    let body = vec![b'x'; 10 * 1024 * 1024 + 1];
    let response = app
        .client
        .post(app.url("/api/health"))
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await?;
    assert_error_shape(response, 413, "PAYLOAD_TOO_LARGE").await
}

#[derive(serde::Deserialize)]
struct Probe {
    name: String,
}

/// Calls a probe app built from the JSON extractor configuration and the error middleware the server
/// uses (no endpoint of this issue accepts a body yet).
async fn call(request: test::TestRequest) -> (u16, Value) {
    let app = test::init_service(
        App::new()
            .app_data(json_config())
            .wrap(from_fn(api_errors))
            .route(
                "/api/probe",
                web::post().to(|body: web::Json<Probe>| async move {
                    HttpResponse::Ok().json(json!({"name": body.name}))
                }),
            )
            .route(
                "/api/fail",
                web::get().to(|| async {
                    Err::<HttpResponse, _>(ApiError::Internal(anyhow::anyhow!(
                        "connection string postgres://secret@db"
                    )))
                }),
            ),
    )
    .await;
    let response = test::call_service(&app, request.to_request()).await;
    let status = response.status().as_u16();
    let body: Value = serde_json::from_slice(&test::read_body(response).await).unwrap_or_default();
    (status, body)
}

#[actix_web::test]
async fn malformed_json_is_400_in_the_error_shape() {
    let (status, body) = call(
        test::TestRequest::post()
            .uri("/api/probe")
            .insert_header(("content-type", "application/json"))
            .set_payload("{\"name\": "),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(body["code"], "BAD_REQUEST");
    assert_eq!(body["success"], false);
}

#[actix_web::test]
async fn json_of_the_wrong_shape_is_422_with_a_message() {
    let (status, body) = call(
        test::TestRequest::post()
            .uri("/api/probe")
            .insert_header(("content-type", "application/json"))
            .set_payload("{\"name\": 5}"),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(body["code"], "VALIDATION_ERROR");
    assert!(
        body["errors"]["body"][0]
            .as_str()
            .is_some_and(|m| m.contains("invalid type"))
    );
}

#[actix_web::test]
async fn a_wrong_content_type_is_400() {
    let (status, body) = call(
        test::TestRequest::post()
            .uri("/api/probe")
            .insert_header(("content-type", "text/plain"))
            .set_payload("name"),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(body["code"], "BAD_REQUEST");
}

#[actix_web::test]
async fn internal_errors_leak_nothing() {
    let (status, body) = call(test::TestRequest::get().uri("/api/fail")).await;
    assert_eq!(status, 500);
    assert_eq!(body["code"], "INTERNAL_ERROR");
    assert!(!body.to_string().contains("secret"));
}
