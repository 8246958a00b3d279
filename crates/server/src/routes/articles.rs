//! The article catalogue: `GET /api/articles` for every form, changes by ADMIN.

use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use api_types::ErrorBody;
use api_types::packaging::{
    ArticleCategory, ArticleDto, ArticleListResponse, ArticleRequest, ArticleResponse,
};
use serde::Deserialize;
use serde_json::json;

use crate::auth::{Principal, events};
use crate::error::ApiResult;
use crate::packaging::catalogue;
use crate::startup::AppState;
use crate::validation::Validator;

#[derive(utoipa::OpenApi)]
#[openapi(
    paths(list, create, update),
    components(schemas(
        ArticleCategory,
        ArticleDto,
        ArticleRequest,
        ArticleListResponse,
        ArticleResponse
    ))
)]
pub struct Api;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list).service(create).service(update);
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ArticleQuery {
    /// `zubehoer` or `halterung`.
    category: Option<String>,
    /// `true`: only articles that can be chosen.
    active: Option<bool>,
}

/// The catalogue in form order (category, sort order, article number).
#[utoipa::path(
    tag = "packaging",
    params(ArticleQuery),
    responses(
        (status = 200, body = ArticleListResponse),
        (status = 422, body = ErrorBody),
    )
)]
#[get("/api/articles")]
pub async fn list(
    state: web::Data<AppState>,
    query: web::Query<ArticleQuery>,
) -> ApiResult<HttpResponse> {
    let mut v = Validator::new();
    let category = v.name(
        "category",
        query.category.as_deref(),
        ArticleCategory::parse,
        "Kategorie zubehoer oder halterung",
    );
    v.finish()?;
    let rows = catalogue::list(&state, category, query.active == Some(true)).await?;
    Ok(HttpResponse::Ok().json(ArticleListResponse {
        success: true,
        items: rows.iter().map(catalogue::to_dto).collect(),
    }))
}

/// Adds an article (ADMIN); it can be chosen at once, without a release.
#[utoipa::path(
    tag = "packaging",
    request_body(content = ArticleRequest, example = json!({
        "artikelnummer": "10500", "artikelbezeichnung": "Datenkabel (30m)", "category": "zubehoer",
        "gruppe": "Datenkabel", "hasSerial": false, "active": true, "sortOrder": 45})),
    responses(
        (status = 201, body = ArticleResponse),
        (status = 403, body = ErrorBody),
        (status = 409, description = "Article number exists", body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
#[post("/api/articles")]
pub async fn create(
    request: HttpRequest,
    state: web::Data<AppState>,
    principal: Principal,
    body: web::Json<ArticleRequest>,
) -> ApiResult<HttpResponse> {
    let row = catalogue::create(&state, &principal, &body).await?;
    events::record_action(
        &request,
        &state,
        &principal,
        "ARTICLE_CREATED",
        json!({"articleId": row.id, "artikelnummer": row.artikelnummer}),
    )
    .await;
    Ok(HttpResponse::Created().json(ArticleResponse {
        success: true,
        item: catalogue::to_dto(&row),
    }))
}

/// Changes an article (ADMIN); fields left out keep their value. Stored labels keep the text they
/// were printed with.
#[utoipa::path(
    tag = "packaging",
    params(("id" = i64, Path, description = "Article id")),
    request_body = ArticleRequest,
    responses(
        (status = 200, body = ArticleResponse),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "Article number exists", body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
#[put("/api/articles/{id}")]
pub async fn update(
    request: HttpRequest,
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<i64>,
    body: web::Json<ArticleRequest>,
) -> ApiResult<HttpResponse> {
    let row = catalogue::update(&state, &principal, id.into_inner(), &body).await?;
    events::record_action(
        &request,
        &state,
        &principal,
        "ARTICLE_UPDATED",
        json!({"articleId": row.id, "artikelnummer": row.artikelnummer, "active": row.active}),
    )
    .await;
    Ok(HttpResponse::Ok().json(ArticleResponse {
        success: true,
        item: catalogue::to_dto(&row),
    }))
}
