//! API tokens and the security event log (ADMIN).

use actix_web::{HttpRequest, HttpResponse, delete, get, post, web};
use api_types::ErrorBody;
use api_types::auth::{
    ApiTokenDto, ApiTokenList, ApiTokenListResponse, CreateApiTokenRequest, CreateApiTokenResponse,
    CreatedApiToken, MessageResponse, Pagination, Risk, Role, SecurityEventDto, SecurityEventList,
    SecurityEventListResponse,
};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};
use serde::Deserialize;
use serde_json::json;

use crate::auth::events::{self, kind};
use crate::auth::{Principal, tokens};
use crate::entities::{api_token, security_event};
use crate::error::{ApiError, ApiResult};
use crate::services::users::rfc3339;
use crate::startup::AppState;
use crate::validation::Validator;

#[derive(utoipa::OpenApi)]
#[openapi(
    paths(list_tokens, create_token, revoke_token, list_events),
    components(schemas(
        ApiTokenDto,
        ApiTokenList,
        ApiTokenListResponse,
        CreateApiTokenRequest,
        CreateApiTokenResponse,
        CreatedApiToken,
        SecurityEventDto,
        SecurityEventList,
        SecurityEventListResponse,
        Risk
    ))
)]
pub struct Api;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list_tokens)
        .service(create_token)
        .service(revoke_token)
        .service(list_events);
}

fn token_dto(token: &api_token::Model) -> ApiTokenDto {
    ApiTokenDto {
        id: token.id,
        name: token.name.clone(),
        role: Role::parse(&token.role).unwrap_or(Role::Viewer),
        prefix: token.prefix.clone(),
        created_at: rfc3339(token.created_at),
        created_by: token.created_by.clone(),
        expires_at: token.expires_at.map(rfc3339),
        last_used_at: token.last_used_at.map(rfc3339),
        revoked_at: token.revoked_at.map(rfc3339),
    }
}

/// All API tokens, newest first (secrets are never shown again).
#[utoipa::path(tag = "admin", responses((status = 200, body = ApiTokenListResponse)))]
#[get("/api/admin/api-tokens")]
pub async fn list_tokens(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let tokens = api_token::Entity::find()
        .order_by_desc(api_token::Column::CreatedAt)
        .order_by_desc(api_token::Column::Id)
        .all(&state.db)
        .await?;
    Ok(HttpResponse::Ok().json(ApiTokenListResponse {
        success: true,
        data: ApiTokenList {
            tokens: tokens.iter().map(token_dto).collect(),
        },
    }))
}

/// Issue a token for another system. The response holds the secret; it is shown only this once.
/// Callers send it as `Authorization: Bearer <secret>` and need no CSRF token.
#[utoipa::path(
    tag = "admin",
    request_body = CreateApiTokenRequest,
    responses((status = 200, body = CreateApiTokenResponse), (status = 422, body = ErrorBody))
)]
#[post("/api/admin/api-tokens")]
pub async fn create_token(
    request: HttpRequest,
    state: web::Data<AppState>,
    principal: Principal,
    body: web::Json<CreateApiTokenRequest>,
) -> ApiResult<HttpResponse> {
    let name = body.name.trim();
    let mut v = Validator::new();
    if name.is_empty() || name.chars().count() > 100 {
        v.add("name", "Name ist erforderlich (höchstens 100 Zeichen)");
    }
    if body
        .expires_in_days
        .is_some_and(|d| !(1..=3650).contains(&d))
    {
        v.add(
            "expiresInDays",
            "Gültigkeit muss zwischen 1 und 3650 Tagen liegen",
        );
    }
    v.finish()?;
    let actor = principal.actor();
    let (token, secret) =
        tokens::create(&state.db, name, body.role, body.expires_in_days, &actor).await?;
    record(&request, &state, &principal, kind::TOKEN_CREATED, &token).await;
    Ok(HttpResponse::Ok().json(CreateApiTokenResponse {
        success: true,
        data: CreatedApiToken {
            token: token_dto(&token),
            secret,
        },
    }))
}

/// Revoke a token; it stops working at once. Revoking twice is harmless.
#[utoipa::path(
    tag = "admin",
    params(("id" = i64, Path, description = "Token id")),
    responses((status = 200, body = MessageResponse), (status = 404, body = ErrorBody))
)]
#[delete("/api/admin/api-tokens/{id}")]
pub async fn revoke_token(
    request: HttpRequest,
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let token = api_token::Entity::find_by_id(id.into_inner())
        .one(&state.db)
        .await?
        .ok_or_else(|| ApiError::NotFound("Token nicht gefunden".into()))?;
    if token.revoked_at.is_none() {
        let mut row = token.clone().into_active_model();
        row.revoked_at = Set(Some(Utc::now()));
        row.update(&state.db).await?;
        record(&request, &state, &principal, kind::TOKEN_REVOKED, &token).await;
    }
    Ok(super::message(format!(
        "Token {} wurde widerrufen",
        token.name
    )))
}

async fn record(
    request: &HttpRequest,
    state: &AppState,
    principal: &Principal,
    event: &'static str,
    token: &api_token::Model,
) {
    let details = json!({"tokenId": token.id, "name": token.name, "role": token.role});
    events::record_action(request, state, principal, event, details).await;
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase")]
pub struct EventQuery {
    /// Event type, e.g. `LOGIN_FAILURE`.
    #[serde(rename = "type")]
    event_type: Option<String>,
    risk: Option<Risk>,
    user_id: Option<i64>,
    /// RFC 3339 start (inclusive).
    from: Option<String>,
    /// RFC 3339 end (exclusive).
    to: Option<String>,
    page: Option<u64>,
    /// 1–200, default 50.
    limit: Option<u64>,
}

/// The security log, newest first, filtered and paginated.
#[utoipa::path(
    tag = "admin",
    params(EventQuery),
    responses((status = 200, body = SecurityEventListResponse), (status = 422, body = ErrorBody))
)]
#[get("/api/admin/security-events")]
pub async fn list_events(
    state: web::Data<AppState>,
    query: web::Query<EventQuery>,
) -> ApiResult<HttpResponse> {
    let mut v = Validator::new();
    let (page, limit) = v.paging(query.page, query.limit, 50, 200);
    let from = v.time("from", query.from.as_deref());
    let to = v.time("to", query.to.as_deref());
    v.finish()?;

    let mut select = security_event::Entity::find();
    if let Some(event_type) = query.event_type.as_deref().filter(|t| !t.is_empty()) {
        select = select.filter(security_event::Column::EventType.eq(event_type));
    }
    if let Some(risk) = query.risk {
        select = select.filter(security_event::Column::Risk.eq(risk.as_str()));
    }
    if let Some(user_id) = query.user_id {
        select = select.filter(security_event::Column::UserId.eq(user_id));
    }
    if let Some(from) = from {
        select = select.filter(security_event::Column::CreatedAt.gte(from));
    }
    if let Some(to) = to {
        select = select.filter(security_event::Column::CreatedAt.lt(to));
    }
    let paginator = select
        .order_by_desc(security_event::Column::CreatedAt)
        .order_by_desc(security_event::Column::Id)
        .paginate(&state.db, limit);
    let total = paginator.num_items().await?;
    let rows = paginator.fetch_page(page - 1).await?;
    let events = rows
        .into_iter()
        .map(|row| SecurityEventDto {
            id: row.id,
            event_type: row.event_type,
            risk: Risk::parse(&row.risk).unwrap_or(Risk::Medium),
            user_id: row.user_id,
            username: row.username,
            ip_address: row.ip_address,
            user_agent: row.user_agent,
            details: serde_json::from_str(&row.details).unwrap_or_default(),
            created_at: rfc3339(row.created_at),
        })
        .collect();
    Ok(HttpResponse::Ok().json(SecurityEventListResponse {
        success: true,
        data: SecurityEventList {
            events,
            pagination: Pagination::new(page, limit, total),
        },
    }))
}
