//! The security event log: persisted, queryable by admins, and mirrored to the application log.

use api_types::auth::Risk;
use chrono::Utc;
use sea_orm::{ActiveModelTrait, DatabaseConnection, Set};
use serde_json::Value;

use super::{ClientInfo, Principal};
use crate::entities::security_event;
use crate::startup::AppState;

/// Event types. The names are the values stored and shown.
pub mod kind {
    pub const LOGIN_SUCCESS: &str = "LOGIN_SUCCESS";
    pub const LOGIN_FAILURE: &str = "LOGIN_FAILURE";
    pub const ACCOUNT_LOCKED: &str = "ACCOUNT_LOCKED";
    pub const ACCOUNT_UNLOCKED: &str = "ACCOUNT_UNLOCKED";
    pub const LOGOUT: &str = "LOGOUT";
    pub const RATE_LIMIT_EXCEEDED: &str = "RATE_LIMIT_EXCEEDED";
    pub const PERMISSION_DENIED: &str = "PERMISSION_DENIED";
    pub const CSRF_FAILED: &str = "CSRF_FAILED";
    pub const USER_CREATED: &str = "USER_CREATED";
    pub const USER_UPDATED: &str = "USER_UPDATED";
    pub const USER_DELETED: &str = "USER_DELETED";
    pub const PASSWORD_CHANGED: &str = "PASSWORD_CHANGED";
    pub const PASSWORD_RESET: &str = "PASSWORD_RESET";
    pub const SETUP_COMPLETED: &str = "SETUP_COMPLETED";
    pub const TOKEN_CREATED: &str = "TOKEN_CREATED";
    pub const TOKEN_REVOKED: &str = "TOKEN_REVOKED";
    pub const TOKEN_USED_AFTER_REVOKE: &str = "TOKEN_USED_AFTER_REVOKE";
}

/// One event to record.
#[derive(Debug, Clone)]
pub struct SecurityEvent<'a> {
    pub kind: &'static str,
    pub risk: Risk,
    pub user_id: Option<i64>,
    pub username: Option<&'a str>,
    pub client: &'a ClientInfo,
    pub details: Value,
}

/// Stores the event. A failure to store is logged, never turned into a failed request: the action
/// it describes has already happened.
pub async fn record(db: &DatabaseConnection, event: SecurityEvent<'_>) {
    let details = event.details.to_string();
    match event.risk {
        Risk::High | Risk::Critical => tracing::warn!(
            target: "security",
            event = event.kind,
            risk = event.risk.as_str(),
            user = event.username,
            ip = event.client.ip_string(),
            %details,
            "security event"
        ),
        Risk::Low | Risk::Medium => tracing::info!(
            target: "security",
            event = event.kind,
            risk = event.risk.as_str(),
            user = event.username,
            ip = event.client.ip_string(),
            %details,
            "security event"
        ),
    }
    let row = security_event::ActiveModel {
        event_type: Set(event.kind.to_string()),
        risk: Set(event.risk.as_str().to_string()),
        user_id: Set(event.user_id),
        username: Set(event.username.map(str::to_string)),
        ip_address: Set(event.client.ip_string()),
        user_agent: Set(event.client.user_agent.clone()),
        details: Set(details),
        created_at: Set(Utc::now()),
        ..Default::default()
    };
    if let Err(error) = row.insert(db).await {
        tracing::error!(%error, event = event.kind, "could not store security event");
    }
}

/// Records something `principal` did in `request` (an admin action, a token change).
pub async fn record_action(
    request: &actix_web::HttpRequest,
    state: &AppState,
    principal: &Principal,
    kind: &'static str,
    details: Value,
) {
    let client = ClientInfo::from_request(request, state.settings.auth.trust_forwarded_for);
    let actor = principal.actor();
    record(
        &state.db,
        SecurityEvent {
            kind,
            risk: Risk::Medium,
            user_id: principal.user_id(),
            username: Some(&actor),
            client: &client,
            details,
        },
    )
    .await;
}
