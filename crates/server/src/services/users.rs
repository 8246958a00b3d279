//! Users: lookups, creation, conversion to wire types, and the last-admin rule.

use api_types::auth::{Role, SessionUser, UserDto, UserStatus};
use chrono::{DateTime, SecondsFormat, Utc};
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, Set,
};

use crate::entities::user;

pub fn rfc3339(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

pub fn role_of(user: &user::Model) -> Role {
    Role::parse(&user.role).unwrap_or(Role::Viewer)
}

pub fn status_of(user: &user::Model) -> UserStatus {
    UserStatus::parse(&user.status).unwrap_or(UserStatus::Inactive)
}

pub fn to_dto(user: &user::Model) -> UserDto {
    UserDto {
        id: user.id,
        username: user.username.clone(),
        email: user.email.clone(),
        first_name: user.first_name.clone(),
        last_name: user.last_name.clone(),
        role: role_of(user),
        status: status_of(user),
        last_login_at: user.last_login_at.map(rfc3339),
        created_at: rfc3339(user.created_at),
        created_by: user.created_by.clone(),
        updated_at: rfc3339(user.updated_at),
        updated_by: user.updated_by.clone(),
        failed_login_attempts: user.failed_login_attempts,
        locked_until: user.locked_until.filter(|at| *at > Utc::now()).map(rfc3339),
        must_change_password: user.must_change_password,
    }
}

pub fn to_session_user(user: &user::Model) -> SessionUser {
    SessionUser {
        id: user.id,
        username: user.username.clone(),
        email: user.email.clone(),
        first_name: user.first_name.clone(),
        last_name: user.last_name.clone(),
        role: role_of(user),
        must_change_password: user.must_change_password,
    }
}

fn lower_eq(column: user::Column, value: &str) -> sea_orm::sea_query::SimpleExpr {
    Expr::expr(Func::lower(Expr::col(column))).eq(value.to_lowercase())
}

/// By username or email, compared without case.
pub async fn find_by_identifier(
    db: &impl ConnectionTrait,
    identifier: &str,
) -> Result<Option<user::Model>, DbErr> {
    user::Entity::find()
        .filter(
            sea_orm::Condition::any()
                .add(lower_eq(user::Column::Username, identifier))
                .add(lower_eq(user::Column::Email, identifier)),
        )
        .one(db)
        .await
}

pub async fn find(db: &impl ConnectionTrait, id: i64) -> Result<Option<user::Model>, DbErr> {
    user::Entity::find_by_id(id).one(db).await
}

/// Which of `username` / `email` another user (not `except`) already has, compared without case.
pub async fn taken(
    db: &impl ConnectionTrait,
    username: Option<&str>,
    email: Option<&str>,
    except: Option<i64>,
) -> Result<(bool, bool), DbErr> {
    let mut username_taken = false;
    let mut email_taken = false;
    if let Some(username) = username {
        let mut query = user::Entity::find().filter(lower_eq(user::Column::Username, username));
        if let Some(id) = except {
            query = query.filter(user::Column::Id.ne(id));
        }
        username_taken = query.count(db).await? > 0;
    }
    if let Some(email) = email {
        let mut query = user::Entity::find().filter(lower_eq(user::Column::Email, email));
        if let Some(id) = except {
            query = query.filter(user::Column::Id.ne(id));
        }
        email_taken = query.count(db).await? > 0;
    }
    Ok((username_taken, email_taken))
}

pub async fn count(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    user::Entity::find().count(db).await
}

pub async fn count_active_admins(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    user::Entity::find()
        .filter(user::Column::Role.eq(Role::Admin.as_str()))
        .filter(user::Column::Status.eq(UserStatus::Active.as_str()))
        .count(db)
        .await
}

/// Whether `user` is the only active administrator.
pub async fn is_last_active_admin(
    db: &impl ConnectionTrait,
    user: &user::Model,
) -> Result<bool, DbErr> {
    Ok(role_of(user) == Role::Admin
        && status_of(user) == UserStatus::Active
        && count_active_admins(db).await? <= 1)
}

/// A new, active user. Input must already be validated and the password hashed.
pub struct NewUser<'a> {
    pub username: &'a str,
    pub email: &'a str,
    pub password_hash: String,
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub role: Role,
    pub created_by: Option<&'a str>,
}

pub async fn insert(db: &impl ConnectionTrait, new: NewUser<'_>) -> Result<user::Model, DbErr> {
    let now = Utc::now();
    user::ActiveModel {
        username: Set(new.username.to_string()),
        email: Set(new.email.to_string()),
        password_hash: Set(new.password_hash),
        first_name: Set(new.first_name.to_string()),
        last_name: Set(new.last_name.to_string()),
        role: Set(new.role.as_str().to_string()),
        status: Set(UserStatus::Active.as_str().to_string()),
        last_login_at: Set(None),
        failed_login_attempts: Set(0),
        locked_until: Set(None),
        password_changed_at: Set(Some(now)),
        must_change_password: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
        created_by: Set(new.created_by.map(str::to_string)),
        updated_by: Set(new.created_by.map(str::to_string)),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// The checked fields of a new user (first-run setup, user administration, console).
#[derive(Debug)]
pub struct ValidNewUser {
    pub username: String,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
}

/// Checks a new user's fields and password; a 422 names every failing field.
pub fn validate_new_user(
    username: &str,
    email: &str,
    password: &str,
    first_name: &str,
    last_name: &str,
) -> Result<ValidNewUser, crate::error::ApiError> {
    use api_types::validation::{validate_email, validate_name, validate_username};

    let mut v = crate::validation::Validator::new();
    let username = v.check("username", validate_username(username));
    let email = v.check("email", validate_email(email));
    let first_name = v.check("firstName", validate_name(first_name));
    let last_name = v.check("lastName", validate_name(last_name));
    v.password("password", password, username.as_deref());
    v.finish()?;
    match (username, email, first_name, last_name) {
        (Some(username), Some(email), Some(first_name), Some(last_name)) => Ok(ValidNewUser {
            username,
            email,
            first_name,
            last_name,
        }),
        _ => Err(crate::error::ApiError::Internal(anyhow::anyhow!(
            "validated fields missing"
        ))),
    }
}
