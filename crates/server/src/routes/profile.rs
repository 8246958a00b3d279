//! The logged-in user's own profile and password.

use actix_web::{HttpRequest, HttpResponse, post, web};
use api_types::ErrorBody;
use api_types::auth::{
    ChangePasswordRequest, MessageResponse, Risk, UpdateProfileRequest, UserData, UserResponse,
};
use api_types::validation::{validate_email, validate_name};
use chrono::Utc;
use sea_orm::{ActiveModelTrait, IntoActiveModel, Set};
use serde_json::json;

use crate::auth::events::{self, SecurityEvent, kind};
use crate::auth::{ClientInfo, Principal, password, sessions};
use crate::error::{ApiError, ApiResult};
use crate::services::users;
use crate::startup::AppState;
use crate::validation::Validator;

#[derive(utoipa::OpenApi)]
#[openapi(
    paths(update_profile, change_password),
    components(schemas(UpdateProfileRequest, ChangePasswordRequest))
)]
pub struct Api;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(update_profile).service(change_password);
}

async fn current_user(
    state: &AppState,
    principal: &Principal,
) -> ApiResult<crate::entities::user::Model> {
    let id = principal.user_id().ok_or(ApiError::AuthRequired)?;
    users::find(&state.db, id)
        .await?
        .ok_or(ApiError::AuthRequired)
}

/// Change your own names and email address.
#[utoipa::path(
    tag = "profile",
    request_body = UpdateProfileRequest,
    responses(
        (status = 200, body = UserResponse),
        (status = 409, description = "Email used by another user", body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
#[post("/api/user/update-profile")]
pub async fn update_profile(
    state: web::Data<AppState>,
    principal: Principal,
    body: web::Json<UpdateProfileRequest>,
) -> ApiResult<HttpResponse> {
    let user = current_user(&state, &principal).await?;
    let mut v = Validator::new();
    let email = v.check("email", validate_email(&body.email));
    let first_name = v.check("firstName", validate_name(&body.first_name));
    let last_name = v.check("lastName", validate_name(&body.last_name));
    v.finish()?;
    let (Some(email), Some(first_name), Some(last_name)) = (email, first_name, last_name) else {
        return Err(ApiError::Internal(anyhow::anyhow!(
            "validated fields missing"
        )));
    };
    if users::taken(&state.db, None, Some(&email), Some(user.id))
        .await?
        .1
    {
        let mut fields = api_types::FieldErrors::new();
        fields.insert(
            "email".into(),
            vec!["E-Mail-Adresse wird bereits von einem anderen Benutzer verwendet".into()],
        );
        return Err(ApiError::ConflictFields(fields));
    }
    let mut row = user.into_active_model();
    row.email = Set(email);
    row.first_name = Set(first_name);
    row.last_name = Set(last_name);
    row.updated_at = Set(Utc::now());
    row.updated_by = Set(Some(principal.actor()));
    let updated = row.update(&state.db).await?;
    Ok(HttpResponse::Ok().json(UserResponse {
        success: true,
        message: "Profil erfolgreich aktualisiert".into(),
        data: UserData {
            user: users::to_dto(&updated),
        },
    }))
}

/// Change your own password. Your other sessions end; this one stays.
#[utoipa::path(
    tag = "profile",
    request_body = ChangePasswordRequest,
    responses(
        (status = 200, body = MessageResponse),
        (status = 422, description = "Current password wrong or new one rejected", body = ErrorBody),
    )
)]
#[post("/api/user/change-password")]
pub async fn change_password(
    request: HttpRequest,
    state: web::Data<AppState>,
    principal: Principal,
    body: web::Json<ChangePasswordRequest>,
) -> ApiResult<HttpResponse> {
    let user = current_user(&state, &principal).await?;
    let body = body.into_inner();
    let mut v = Validator::new();
    v.password("newPassword", &body.new_password, Some(&user.username));
    if body.new_password == body.current_password {
        v.add(
            "newPassword",
            "Das neue Passwort muss sich vom aktuellen unterscheiden",
        );
    }
    let cost = state.settings.auth.bcrypt_cost;
    let correct = password::verify(
        body.current_password,
        Some(user.password_hash.clone()),
        cost,
    )
    .await?;
    if !correct {
        v.add("currentPassword", "Aktuelles Passwort ist falsch");
    }
    v.finish()?;
    let hash = password::hash(body.new_password, cost).await?;
    let mut row = user.clone().into_active_model();
    row.password_hash = Set(hash);
    row.must_change_password = Set(false);
    row.password_changed_at = Set(Some(Utc::now()));
    row.updated_at = Set(Utc::now());
    row.updated_by = Set(Some(user.username.clone()));
    row.update(&state.db).await?;
    let ended = sessions::revoke_all_for_user(&state.db, user.id, principal.session_id()).await?;
    let client = ClientInfo::from_request(&request, state.settings.auth.trust_forwarded_for);
    events::record(
        &state.db,
        SecurityEvent {
            kind: kind::PASSWORD_CHANGED,
            risk: Risk::Low,
            user_id: Some(user.id),
            username: Some(&user.username),
            client: &client,
            details: json!({"otherSessionsEnded": ended}),
        },
    )
    .await;
    Ok(HttpResponse::Ok().json(MessageResponse {
        success: true,
        message: "Passwort erfolgreich geändert".into(),
    }))
}
