//! First-run setup: create the first administrator, open only while no user exists.

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use api_types::ErrorBody;
use api_types::auth::{CreateAdminRequest, CreateAdminResponse, Risk, Role, SetupCheckResponse};
use chrono::Utc;
use sea_orm::{ActiveModelTrait, DbErr, Set, TransactionTrait};
use serde_json::json;

use crate::auth::events::{self, SecurityEvent, kind};
use crate::auth::{ClientInfo, password};
use crate::entities::app_setting;
use crate::error::{ApiError, ApiResult};
use crate::services::users::{self, NewUser, ValidNewUser};
use crate::startup::AppState;

/// Written in the same transaction as the first admin; its primary key lets only one setup win.
const SETUP_KEY: &str = "setup.completed_at";

#[derive(utoipa::OpenApi)]
#[openapi(
    paths(check, create_admin),
    components(schemas(SetupCheckResponse, CreateAdminRequest, CreateAdminResponse))
)]
pub struct Api;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(check).service(create_admin);
}

/// Whether the first administrator still has to be created.
#[utoipa::path(
    tag = "auth",
    responses((status = 200, description = "Setup state", body = SetupCheckResponse))
)]
#[get("/api/setup/check")]
pub async fn check(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let needs_setup = users::count(&state.db).await? == 0;
    Ok(HttpResponse::Ok().json(SetupCheckResponse {
        success: true,
        needs_setup,
    }))
}

/// Create the first administrator. Public, but only while no user exists; afterwards 409. Two
/// concurrent calls create exactly one administrator. Does not log in.
#[utoipa::path(
    tag = "auth",
    request_body = CreateAdminRequest,
    responses(
        (status = 200, description = "Administrator created", body = CreateAdminResponse),
        (status = 409, description = "Setup already completed", body = ErrorBody),
        (status = 422, description = "Invalid input", body = ErrorBody),
    )
)]
#[post("/api/setup/create-admin")]
pub async fn create_admin(
    request: HttpRequest,
    state: web::Data<AppState>,
    body: web::Json<CreateAdminRequest>,
) -> ApiResult<HttpResponse> {
    if users::count(&state.db).await? > 0 {
        return Err(setup_done());
    }
    let body = body.into_inner();
    let ValidNewUser {
        username,
        email,
        first_name,
        last_name,
    } = users::validate_new_user(
        &body.username,
        &body.email,
        &body.password,
        &body.first_name,
        &body.last_name,
    )?;
    let password_hash = password::hash(body.password, state.settings.auth.bcrypt_cost).await?;

    let created = state
        .db
        .transaction::<_, _, DbErr>(|tx| {
            Box::pin(async move {
                app_setting::ActiveModel {
                    key: Set(SETUP_KEY.to_string()),
                    value: Set(users::rfc3339(Utc::now())),
                    updated_at: Set(Utc::now()),
                }
                .insert(tx)
                .await?;
                if users::count(tx).await? > 0 {
                    return Ok(None);
                }
                let user = users::insert(
                    tx,
                    NewUser {
                        username: &username,
                        email: &email,
                        password_hash,
                        first_name: &first_name,
                        last_name: &last_name,
                        role: Role::Admin,
                        created_by: None,
                    },
                )
                .await?;
                Ok(Some(user))
            })
        })
        .await;
    let user = match created {
        Ok(Some(user)) => user,
        Ok(None) => return Err(setup_done()),
        Err(sea_orm::TransactionError::Transaction(e)) => match ApiError::from(e) {
            ApiError::Conflict(_) => return Err(setup_done()),
            other => return Err(other),
        },
        Err(sea_orm::TransactionError::Connection(e)) => return Err(e.into()),
    };

    let client = ClientInfo::from_request(&request, state.settings.auth.trust_forwarded_for);
    events::record(
        &state.db,
        SecurityEvent {
            kind: kind::SETUP_COMPLETED,
            risk: Risk::Medium,
            user_id: Some(user.id),
            username: Some(&user.username),
            client: &client,
            details: json!({}),
        },
    )
    .await;
    Ok(HttpResponse::Ok().json(CreateAdminResponse {
        success: true,
        message: "Administrator erfolgreich erstellt".into(),
        user: users::to_session_user(&user),
    }))
}

fn setup_done() -> ApiError {
    ApiError::Conflict("Setup bereits abgeschlossen".into())
}
