//! Login, logout and the current user.

use actix_web::cookie::{Cookie, SameSite, time::Duration as CookieDuration};
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use api_types::auth::{
    LoginRequest, LoginResponse, MeResponse, MessageResponse, Risk, SessionInfo,
};
use api_types::{ErrorBody, FieldErrors};
use chrono::{Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

use crate::auth::events::{self, SecurityEvent, kind};
use crate::auth::principal::Identity;
use crate::auth::sessions::{self, AUTH_COOKIE, CSRF_COOKIE, NewSession};
use crate::auth::{ClientInfo, Principal, password};
use crate::entities::user;
use crate::error::{ApiError, ApiResult};
use crate::services::users;
use crate::startup::AppState;

#[derive(utoipa::OpenApi)]
#[openapi(
    paths(login, logout, me),
    components(schemas(LoginRequest, LoginResponse, MeResponse, MessageResponse, SessionInfo))
)]
pub struct Api;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(login).service(logout).service(me);
}

const INVALID_CREDENTIALS: &str = "Ungültige Anmeldedaten";

/// Log in with username or email and password.
///
/// Sets the HttpOnly session cookie `auth-token` and the cookie `csrf-token`; send the CSRF token as
/// header `X-CSRF-Token` on every state-changing request. Sessions last 8 hours, 30 days with
/// `stayLoggedIn`. Attempts per client address are throttled before any password check (429 with
/// `Retry-After`); 5 wrong passwords in a row lock the account for 30 minutes (423).
#[utoipa::path(
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Logged in", body = LoginResponse),
        (status = 401, description = "Unknown user or wrong password", body = ErrorBody),
        (status = 422, description = "Identifier or password missing", body = ErrorBody),
        (status = 423, description = "Account locked", body = ErrorBody),
        (status = 429, description = "Too many attempts from this address", body = ErrorBody),
    )
)]
#[post("/api/auth/login")]
pub async fn login(
    request: HttpRequest,
    state: web::Data<AppState>,
    body: web::Json<LoginRequest>,
) -> ApiResult<HttpResponse> {
    let settings = &state.settings.auth;
    let client = ClientInfo::from_request(&request, settings.trust_forwarded_for);
    if let Some(ip) = client.ip
        && let Err(retry_after_secs) = state.login_throttle.attempt(&state.db, ip).await?
    {
        events::record(
            &state.db,
            SecurityEvent {
                kind: kind::RATE_LIMIT_EXCEEDED,
                risk: Risk::High,
                user_id: None,
                username: None,
                client: &client,
                details: json!({"endpoint": "/api/auth/login", "retryAfter": retry_after_secs}),
            },
        )
        .await;
        return Err(ApiError::RateLimited { retry_after_secs });
    }

    let LoginRequest {
        identifier,
        password,
        stay_logged_in,
    } = body.into_inner();
    let identifier = identifier.trim().to_string();
    let mut missing = FieldErrors::new();
    if identifier.is_empty() {
        missing.insert(
            "identifier".into(),
            vec!["Benutzername oder E-Mail ist erforderlich".into()],
        );
    }
    if password.is_empty() {
        missing.insert("password".into(), vec!["Passwort ist erforderlich".into()]);
    }
    if !missing.is_empty() {
        return Err(ApiError::Validation(missing));
    }

    let found = users::find_by_identifier(&state.db, &identifier)
        .await?
        .filter(|u| u.status == api_types::auth::UserStatus::Active.as_str());
    let correct = password::verify(
        password,
        found.as_ref().map(|u| u.password_hash.clone()),
        settings.bcrypt_cost,
    )
    .await?;
    let Some(user) = found else {
        record_failure(
            &state,
            &client,
            None,
            &identifier,
            json!({"reason": "unknown or inactive user"}),
        )
        .await;
        return Err(ApiError::NotAuthenticated(INVALID_CREDENTIALS.into()));
    };
    let now = Utc::now();
    if let Some(until) = user.locked_until.filter(|until| *until > now) {
        record_failure(
            &state,
            &client,
            Some(user.id),
            &user.username,
            json!({"reason": "account locked"}),
        )
        .await;
        return Err(ApiError::AccountLocked {
            until: until.format("%H:%M").to_string(),
        });
    }
    if !correct {
        return Err(wrong_password(&state, &client, &user).await?);
    }

    user::Entity::update_many()
        .col_expr(user::Column::FailedLoginAttempts, Expr::value(0))
        .col_expr(
            user::Column::LockedUntil,
            Expr::value(Option::<chrono::DateTime<Utc>>::None),
        )
        .col_expr(user::Column::LastLoginAt, Expr::value(Some(now)))
        .filter(user::Column::Id.eq(user.id))
        .exec(&state.db)
        .await?;
    sessions::purge_expired(&state.db).await?;
    let session = sessions::create(&state.db, user.id, stay_logged_in, &client, settings).await?;
    events::record(
        &state.db,
        SecurityEvent {
            kind: kind::LOGIN_SUCCESS,
            risk: Risk::Low,
            user_id: Some(user.id),
            username: Some(&user.username),
            client: &client,
            details: json!({"stayLoggedIn": stay_logged_in}),
        },
    )
    .await;

    let secure = settings
        .cookie_secure
        .unwrap_or(request.connection_info().scheme() == "https");
    let (auth_cookie, csrf_cookie) = session_cookies(&session, secure);
    Ok(HttpResponse::Ok()
        .cookie(auth_cookie)
        .cookie(csrf_cookie)
        .insert_header(("Cache-Control", "no-store"))
        .json(LoginResponse {
            success: true,
            user: users::to_session_user(&user),
            csrf_token: session.csrf_token,
            session_info: SessionInfo {
                expires_in: session.lifetime_secs,
                stay_logged_in,
            },
        }))
}

/// Counts a wrong password; the threshold locks the account (and restarts the count, so after the
/// lock ends the user has the full number of attempts again).
async fn wrong_password(
    state: &AppState,
    client: &ClientInfo,
    user: &user::Model,
) -> Result<ApiError, ApiError> {
    let settings = &state.settings.auth;
    let attempts = user.failed_login_attempts + 1;
    let locks = attempts >= settings.lockout_threshold;
    let locked_until = locks.then(|| Utc::now() + Duration::minutes(settings.lockout_minutes));
    user::Entity::update_many()
        .col_expr(
            user::Column::FailedLoginAttempts,
            Expr::value(if locks { 0 } else { attempts }),
        )
        .col_expr(user::Column::LockedUntil, Expr::value(locked_until))
        .filter(user::Column::Id.eq(user.id))
        .exec(&state.db)
        .await?;
    record_failure(
        state,
        client,
        Some(user.id),
        &user.username,
        json!({"reason": "wrong password", "failedAttempts": attempts}),
    )
    .await;
    if let Some(until) = locked_until {
        events::record(
            &state.db,
            SecurityEvent {
                kind: kind::ACCOUNT_LOCKED,
                risk: Risk::High,
                user_id: Some(user.id),
                username: Some(&user.username),
                client,
                details: json!({"lockedUntil": users::rfc3339(until), "failedAttempts": attempts}),
            },
        )
        .await;
    }
    Ok(ApiError::NotAuthenticated(INVALID_CREDENTIALS.into()))
}

async fn record_failure(
    state: &AppState,
    client: &ClientInfo,
    user_id: Option<i64>,
    username: &str,
    details: serde_json::Value,
) {
    events::record(
        &state.db,
        SecurityEvent {
            kind: kind::LOGIN_FAILURE,
            risk: Risk::Medium,
            user_id,
            username: Some(username),
            client,
            details,
        },
    )
    .await;
}

fn session_cookies(session: &NewSession, secure: bool) -> (Cookie<'static>, Cookie<'static>) {
    let max_age = CookieDuration::seconds(session.lifetime_secs as i64);
    let auth = Cookie::build(AUTH_COOKIE, session.token.clone())
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .max_age(max_age)
        .finish();
    let csrf = Cookie::build(CSRF_COOKIE, session.csrf_token.clone())
        .path("/")
        .http_only(false)
        .same_site(SameSite::Lax)
        .secure(secure)
        .max_age(max_age)
        .finish();
    (auth, csrf)
}

/// Log out: ends the session on the server and clears the cookies. Always succeeds.
#[utoipa::path(
    tag = "auth",
    responses((status = 200, description = "Logged out", body = MessageResponse))
)]
#[post("/api/auth/logout")]
pub async fn logout(
    request: HttpRequest,
    state: web::Data<AppState>,
    principal: Option<Principal>,
) -> ApiResult<HttpResponse> {
    if let Some(principal) = principal
        && let Identity::User {
            session_id,
            id,
            username,
            ..
        } = &principal.identity
    {
        sessions::revoke(&state.db, session_id).await?;
        let client = ClientInfo::from_request(&request, state.settings.auth.trust_forwarded_for);
        events::record(
            &state.db,
            SecurityEvent {
                kind: kind::LOGOUT,
                risk: Risk::Low,
                user_id: Some(*id),
                username: Some(username),
                client: &client,
                details: json!({}),
            },
        )
        .await;
    }
    let mut response = HttpResponse::Ok();
    for name in [AUTH_COOKIE, CSRF_COOKIE] {
        let mut cookie = Cookie::build(name, "").path("/").finish();
        cookie.make_removal();
        response.cookie(cookie);
    }
    Ok(response.json(MessageResponse {
        success: true,
        message: "Abgemeldet".into(),
    }))
}

/// The logged-in user with current values from the database.
#[utoipa::path(
    tag = "auth",
    responses(
        (status = 200, description = "The current user", body = MeResponse),
        (status = 401, description = "Not logged in", body = ErrorBody),
    )
)]
#[get("/api/auth/me")]
pub async fn me(state: web::Data<AppState>, principal: Principal) -> ApiResult<HttpResponse> {
    let response = match &principal.identity {
        Identity::User { id, csrf_token, .. } => {
            let user = users::find(&state.db, *id)
                .await?
                .ok_or(ApiError::AuthRequired)?;
            MeResponse {
                success: true,
                user: users::to_session_user(&user),
                csrf_token: Some(csrf_token.clone()),
            }
        }
        Identity::Token { id, name } => MeResponse {
            success: true,
            user: api_types::auth::SessionUser {
                id: -*id,
                username: format!("token:{name}"),
                email: String::new(),
                first_name: name.clone(),
                last_name: String::new(),
                role: principal.role,
                must_change_password: false,
            },
            csrf_token: None,
        },
    };
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(response))
}
