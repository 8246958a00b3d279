//! API tokens for other Rotoclear systems: named, role-scoped, optionally expiring, shown once, stored
//! hashed, revocable.

use api_types::auth::{Risk, Role};
use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, Set,
};
use serde_json::json;

use super::events::{self, SecurityEvent, kind};
use super::{ClientInfo, hash_secret, random_secret};
use crate::entities::api_token;

/// Every token starts with this, so leaked tokens are recognisable (secret scanners, logs).
pub const TOKEN_PREFIX: &str = "etk_";

const TOUCH_INTERVAL_SECS: i64 = 60;

/// The token for a bearer secret, if it is valid now. Use after revocation is recorded.
pub async fn authenticate(
    db: &DatabaseConnection,
    secret: &str,
    client: &ClientInfo,
) -> Result<Option<(api_token::Model, Role)>, DbErr> {
    let Some(token) = api_token::Entity::find()
        .filter(api_token::Column::TokenHash.eq(hash_secret(secret)))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let now = Utc::now();
    if token.revoked_at.is_some() {
        events::record(
            db,
            SecurityEvent {
                kind: kind::TOKEN_USED_AFTER_REVOKE,
                risk: Risk::High,
                user_id: None,
                username: None,
                client,
                details: json!({"tokenId": token.id, "name": token.name}),
            },
        )
        .await;
        return Ok(None);
    }
    if token.expires_at.is_some_and(|at| at <= now) {
        return Ok(None);
    }
    let Some(role) = Role::parse(&token.role) else {
        return Ok(None);
    };
    if token
        .last_used_at
        .is_none_or(|at| (now - at).num_seconds() >= TOUCH_INTERVAL_SECS)
    {
        api_token::Entity::update_many()
            .col_expr(
                api_token::Column::LastUsedAt,
                sea_orm::sea_query::Expr::value(Some(now)),
            )
            .filter(api_token::Column::Id.eq(token.id))
            .exec(db)
            .await?;
    }
    Ok(Some((token, role)))
}

/// Creates a token; returns the row and the secret (shown once).
pub async fn create(
    db: &DatabaseConnection,
    name: &str,
    role: Role,
    expires_in_days: Option<u32>,
    created_by: &str,
) -> Result<(api_token::Model, String), DbErr> {
    let secret = format!("{TOKEN_PREFIX}{}", random_secret());
    let now = Utc::now();
    let token = api_token::ActiveModel {
        name: Set(name.to_string()),
        token_hash: Set(hash_secret(&secret)),
        prefix: Set(secret.chars().take(TOKEN_PREFIX.len() + 6).collect()),
        role: Set(role.as_str().to_string()),
        created_by: Set(created_by.to_string()),
        created_at: Set(now),
        expires_at: Set(expires_in_days.map(|d| now + Duration::days(i64::from(d)))),
        last_used_at: Set(None),
        revoked_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok((token, secret))
}
