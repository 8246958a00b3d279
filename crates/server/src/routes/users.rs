//! User administration (ADMIN): list, create, edit, reset password, unlock, delete.

use actix_web::{HttpRequest, HttpResponse, delete, get, post, put, web};
use api_types::ErrorBody;
use api_types::auth::{
    CreateUserRequest, MessageResponse, Pagination, ResetPasswordRequest, Role, UpdateUserRequest,
    UserData, UserDto, UserList, UserListResponse, UserResponse, UserStatus,
};
use api_types::validation::{validate_email, validate_name};
use chrono::Utc;
use sea_orm::sea_query::{Expr, Func, LikeExpr};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QueryOrder, Set,
};
use serde::Deserialize;
use serde_json::json;

use crate::auth::events::{self, kind};
use crate::auth::{Principal, password, sessions};
use crate::entities::user;
use crate::error::{ApiError, ApiResult};
use crate::services::users::{self, NewUser, ValidNewUser};
use crate::startup::AppState;
use crate::validation::Validator;

#[derive(utoipa::OpenApi)]
#[openapi(
    paths(list, create, update, reset_password, unlock, remove),
    components(schemas(
        UserDto,
        UserList,
        UserListResponse,
        CreateUserRequest,
        UpdateUserRequest,
        UserResponse,
        UserData,
        ResetPasswordRequest,
        Pagination,
        Role,
        UserStatus
    ))
)]
pub struct Api;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list)
        .service(create)
        .service(update)
        .service(reset_password)
        .service(unlock)
        .service(remove);
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct ListQuery {
    /// Page, from 1.
    page: Option<u64>,
    /// Users per page, 1–100 (default 20).
    limit: Option<u64>,
    /// Part of username, email or name (case-insensitive).
    search: Option<String>,
}

/// Users, newest first, with search and pages.
#[utoipa::path(
    tag = "users",
    params(ListQuery),
    responses(
        (status = 200, body = UserListResponse),
        (status = 422, description = "Invalid page, limit or search", body = ErrorBody),
    )
)]
#[get("/api/users")]
pub async fn list(
    state: web::Data<AppState>,
    query: web::Query<ListQuery>,
) -> ApiResult<HttpResponse> {
    let mut v = Validator::new();
    let page = query.page.unwrap_or(1);
    let limit = query.limit.unwrap_or(20);
    if !(1..=100_000).contains(&page) {
        v.add("page", "Seite muss mindestens 1 sein");
    }
    if !(1..=100).contains(&limit) {
        v.add("limit", "Limit muss zwischen 1 und 100 liegen");
    }
    let search = query.search.as_deref().map(str::trim).unwrap_or_default();
    if search.chars().count() > 100 {
        v.add("search", "Suchbegriff darf höchstens 100 Zeichen lang sein");
    }
    v.finish()?;

    let mut select = user::Entity::find();
    if !search.is_empty() {
        let pattern = format!("%{}%", escape_like(&search.to_lowercase()));
        let like = |column: user::Column| {
            Expr::expr(Func::lower(Expr::col(column)))
                .like(LikeExpr::new(pattern.clone()).escape('\\'))
        };
        select = select.filter(
            Condition::any()
                .add(like(user::Column::Username))
                .add(like(user::Column::Email))
                .add(like(user::Column::FirstName))
                .add(like(user::Column::LastName)),
        );
    }
    let paginator = select
        .order_by_desc(user::Column::CreatedAt)
        .order_by_desc(user::Column::Id)
        .paginate(&state.db, limit);
    let total = paginator.num_items().await?;
    let rows = paginator.fetch_page(page - 1).await?;
    Ok(HttpResponse::Ok().json(UserListResponse {
        success: true,
        data: UserList {
            users: rows.iter().map(users::to_dto).collect(),
            pagination: Pagination::new(page, limit, total),
        },
    }))
}

fn escape_like(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// Create a user (any role). Username and email must be unique, compared without case.
#[utoipa::path(
    tag = "users",
    request_body = CreateUserRequest,
    responses(
        (status = 200, body = UserResponse),
        (status = 409, description = "Username or email taken", body = ErrorBody),
        (status = 422, description = "Invalid input", body = ErrorBody),
    )
)]
#[post("/api/users")]
pub async fn create(
    request: HttpRequest,
    state: web::Data<AppState>,
    principal: Principal,
    body: web::Json<CreateUserRequest>,
) -> ApiResult<HttpResponse> {
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
    let (username_taken, email_taken) =
        users::taken(&state.db, Some(&username), Some(&email), None).await?;
    if username_taken || email_taken {
        let mut fields = api_types::FieldErrors::new();
        if username_taken {
            fields.insert(
                "username".into(),
                vec!["Benutzername bereits vergeben".into()],
            );
        }
        if email_taken {
            fields.insert(
                "email".into(),
                vec!["E-Mail-Adresse bereits vergeben".into()],
            );
        }
        return Err(ApiError::ConflictFields(fields));
    }
    let password_hash = password::hash(body.password, state.settings.auth.bcrypt_cost).await?;
    let actor = principal.actor();
    let created = users::insert(
        &state.db,
        NewUser {
            username: &username,
            email: &email,
            password_hash,
            first_name: &first_name,
            last_name: &last_name,
            role: body.role,
            created_by: Some(&actor),
        },
    )
    .await?;
    audit(
        &request,
        &state,
        &principal,
        kind::USER_CREATED,
        &created,
        json!({"role": body.role.as_str()}),
    )
    .await;
    Ok(user_response(
        &created,
        format!("Benutzer {} wurde erfolgreich erstellt", created.username),
    ))
}

/// Edit names, email, role and status. Role changes and deactivation end the user's sessions at once.
/// Nobody can demote or deactivate themselves or the last active administrator (409).
#[utoipa::path(
    tag = "users",
    params(("id" = i64, Path, description = "User id")),
    request_body = UpdateUserRequest,
    responses(
        (status = 200, body = UserResponse),
        (status = 404, body = ErrorBody),
        (status = 409, description = "Email taken, or self/last-admin protection", body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
#[put("/api/users/{id}")]
pub async fn update(
    request: HttpRequest,
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<i64>,
    body: web::Json<UpdateUserRequest>,
) -> ApiResult<HttpResponse> {
    let target = load(&state, id.into_inner()).await?;
    let body = body.into_inner();
    let mut v = Validator::new();
    let email = body
        .email
        .as_deref()
        .and_then(|e| v.check("email", validate_email(e)));
    let first_name = body
        .first_name
        .as_deref()
        .and_then(|n| v.check("firstName", validate_name(n)));
    let last_name = body
        .last_name
        .as_deref()
        .and_then(|n| v.check("lastName", validate_name(n)));
    v.finish()?;

    let old_role = users::role_of(&target);
    let old_status = users::status_of(&target);
    let demotes = body.role.is_some_and(|r| r != Role::Admin) && old_role == Role::Admin;
    let deactivates = body.status.is_some_and(|s| s != UserStatus::Active);
    if (demotes || deactivates) && principal.user_id() == Some(target.id) {
        return Err(ApiError::Conflict(
            "Sie können sich nicht selbst herabstufen oder deaktivieren".into(),
        ));
    }
    if (demotes || deactivates) && users::is_last_active_admin(&state.db, &target).await? {
        return Err(ApiError::Conflict(
            "Der letzte aktive Administrator kann nicht herabgestuft oder deaktiviert werden"
                .into(),
        ));
    }
    if let Some(email) = &email
        && users::taken(&state.db, None, Some(email), Some(target.id))
            .await?
            .1
    {
        let mut fields = api_types::FieldErrors::new();
        fields.insert(
            "email".into(),
            vec!["E-Mail-Adresse bereits vergeben".into()],
        );
        return Err(ApiError::ConflictFields(fields));
    }

    let mut row = target.clone().into_active_model();
    if let Some(email) = email {
        row.email = Set(email);
    }
    if let Some(first_name) = first_name {
        row.first_name = Set(first_name);
    }
    if let Some(last_name) = last_name {
        row.last_name = Set(last_name);
    }
    if let Some(role) = body.role {
        row.role = Set(role.as_str().to_string());
    }
    if let Some(status) = body.status {
        row.status = Set(status.as_str().to_string());
    }
    row.updated_at = Set(Utc::now());
    row.updated_by = Set(Some(principal.actor()));
    let updated = row.update(&state.db).await?;

    let role_changed = body.role.is_some_and(|r| r != old_role);
    let status_changed = body.status.is_some_and(|s| s != old_status);
    if role_changed || status_changed {
        sessions::revoke_all_for_user(&state.db, updated.id, None).await?;
    }
    audit(
        &request,
        &state,
        &principal,
        kind::USER_UPDATED,
        &updated,
        json!({
            "role": updated.role,
            "status": updated.status,
            "sessionsEnded": role_changed || status_changed,
        }),
    )
    .await;
    Ok(user_response(
        &updated,
        format!("Benutzer {} wurde aktualisiert", updated.username),
    ))
}

/// Set a new password for a user. The user must change it at the next login; their sessions end and
/// a lockout is lifted.
#[utoipa::path(
    tag = "users",
    request_body = ResetPasswordRequest,
    responses(
        (status = 200, body = MessageResponse),
        (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
#[post("/api/admin/reset-password")]
pub async fn reset_password(
    request: HttpRequest,
    state: web::Data<AppState>,
    principal: Principal,
    body: web::Json<ResetPasswordRequest>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    let target = load(&state, body.user_id).await?;
    let mut v = Validator::new();
    v.password("newPassword", &body.new_password, Some(&target.username));
    v.finish()?;
    let hash = password::hash(body.new_password, state.settings.auth.bcrypt_cost).await?;
    let mut row = target.clone().into_active_model();
    row.password_hash = Set(hash);
    row.must_change_password = Set(true);
    row.password_changed_at = Set(Some(Utc::now()));
    row.failed_login_attempts = Set(0);
    row.locked_until = Set(None);
    row.updated_at = Set(Utc::now());
    row.updated_by = Set(Some(principal.actor()));
    let updated = row.update(&state.db).await?;
    sessions::revoke_all_for_user(&state.db, updated.id, None).await?;
    audit(
        &request,
        &state,
        &principal,
        kind::PASSWORD_RESET,
        &updated,
        json!({}),
    )
    .await;
    Ok(super::message(format!(
        "Passwort für Benutzer {} wurde erfolgreich zurückgesetzt",
        updated.username
    )))
}

/// Lift a lockout after too many wrong passwords.
#[utoipa::path(
    tag = "users",
    params(("id" = i64, Path, description = "User id")),
    responses((status = 200, body = MessageResponse), (status = 404, body = ErrorBody))
)]
#[post("/api/admin/unlock-user/{id}")]
pub async fn unlock(
    request: HttpRequest,
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let target = load(&state, id.into_inner()).await?;
    user::Entity::update_many()
        .col_expr(user::Column::FailedLoginAttempts, Expr::value(0))
        .col_expr(
            user::Column::LockedUntil,
            Expr::value(Option::<chrono::DateTime<Utc>>::None),
        )
        .filter(user::Column::Id.eq(target.id))
        .exec(&state.db)
        .await?;
    audit(
        &request,
        &state,
        &principal,
        kind::ACCOUNT_UNLOCKED,
        &target,
        json!({}),
    )
    .await;
    Ok(super::message(format!(
        "Benutzer {} wurde entsperrt",
        target.username
    )))
}

/// Delete a user and end their sessions. Not yourself, not the last active administrator (409).
#[utoipa::path(
    tag = "users",
    params(("id" = i64, Path, description = "User id")),
    responses(
        (status = 200, body = MessageResponse),
        (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody),
    )
)]
#[delete("/api/admin/delete-user/{id}")]
pub async fn remove(
    request: HttpRequest,
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let target = load(&state, id.into_inner()).await?;
    if principal.user_id() == Some(target.id) {
        return Err(ApiError::Conflict(
            "Sie können sich nicht selbst löschen".into(),
        ));
    }
    if users::is_last_active_admin(&state.db, &target).await? {
        return Err(ApiError::Conflict(
            "Der letzte aktive Administrator kann nicht gelöscht werden".into(),
        ));
    }
    user::Entity::delete_by_id(target.id)
        .exec(&state.db)
        .await?;
    audit(
        &request,
        &state,
        &principal,
        kind::USER_DELETED,
        &target,
        json!({}),
    )
    .await;
    Ok(super::message(format!(
        "Benutzer {} wurde erfolgreich gelöscht",
        target.username
    )))
}

async fn load(state: &AppState, id: i64) -> ApiResult<user::Model> {
    users::find(&state.db, id)
        .await?
        .ok_or_else(|| ApiError::NotFound("Benutzer nicht gefunden".into()))
}

/// Records an admin action on `target` with the admin as actor.
async fn audit(
    request: &HttpRequest,
    state: &AppState,
    principal: &Principal,
    event: &'static str,
    target: &user::Model,
    mut details: serde_json::Value,
) {
    details["targetUserId"] = json!(target.id);
    details["targetUsername"] = json!(target.username);
    events::record_action(request, state, principal, event, details).await;
}

fn user_response(user: &user::Model, message: String) -> HttpResponse {
    HttpResponse::Ok().json(UserResponse {
        success: true,
        message,
        data: UserData {
            user: users::to_dto(user),
        },
    })
}
