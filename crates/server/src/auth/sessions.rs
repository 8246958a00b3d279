//! Server-side sessions: an opaque random cookie token, stored only as its SHA-256 hash, revocable at
//! any time (logout, deactivation, deletion, role or password change end them at once).

use api_types::auth::UserStatus;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, Set,
};

use super::{ClientInfo, hash_secret, random_secret};
use crate::entities::{session, user};
use crate::settings::AuthSettings;

pub const AUTH_COOKIE: &str = "auth-token";
pub const CSRF_COOKIE: &str = "csrf-token";
pub const CSRF_HEADER: &str = "x-csrf-token";

/// Sessions are touched at most this often, so a burst of requests costs one write.
const TOUCH_INTERVAL_SECS: i64 = 60;

/// A new session: the secrets go to the client once.
#[derive(Debug)]
pub struct NewSession {
    pub token: String,
    pub csrf_token: String,
    pub lifetime_secs: u64,
}

pub fn lifetime_secs(settings: &AuthSettings, stay_logged_in: bool) -> u64 {
    if stay_logged_in {
        settings.stay_logged_in_days * 24 * 3600
    } else {
        settings.session_hours * 3600
    }
}

pub async fn create(
    db: &DatabaseConnection,
    user_id: i64,
    stay_logged_in: bool,
    client: &ClientInfo,
    settings: &AuthSettings,
) -> Result<NewSession, DbErr> {
    let now = Utc::now();
    let token = random_secret();
    let csrf_token = random_secret();
    let lifetime = lifetime_secs(settings, stay_logged_in);
    session::ActiveModel {
        id: Set(uuid::Uuid::new_v4().to_string()),
        token_hash: Set(hash_secret(&token)),
        user_id: Set(user_id),
        csrf_token: Set(csrf_token.clone()),
        stay_logged_in: Set(stay_logged_in),
        created_at: Set(now),
        expires_at: Set(now + Duration::seconds(lifetime as i64)),
        last_seen_at: Set(now),
        ip_address: Set(client.ip_string()),
        user_agent: Set(client.user_agent.clone()),
    }
    .insert(db)
    .await?;
    Ok(NewSession {
        token,
        csrf_token,
        lifetime_secs: lifetime,
    })
}

/// The live session and its active user for a cookie token, or `None` when the token is unknown,
/// expired, idle too long, or the user is no longer active.
pub async fn authenticate(
    db: &DatabaseConnection,
    token: &str,
    settings: &AuthSettings,
) -> Result<Option<(session::Model, user::Model)>, DbErr> {
    let found = session::Entity::find()
        .filter(session::Column::TokenHash.eq(hash_secret(token)))
        .find_also_related(user::Entity)
        .one(db)
        .await?;
    let Some((session, Some(user))) = found else {
        return Ok(None);
    };
    let now = Utc::now();
    if !is_live(&session, now, settings) {
        session::Entity::delete_by_id(session.id.clone())
            .exec(db)
            .await?;
        return Ok(None);
    }
    if user.status != UserStatus::Active.as_str() {
        return Ok(None);
    }
    if (now - session.last_seen_at).num_seconds() >= TOUCH_INTERVAL_SECS {
        session::Entity::update_many()
            .col_expr(
                session::Column::LastSeenAt,
                sea_orm::sea_query::Expr::value(now),
            )
            .filter(session::Column::Id.eq(session.id.clone()))
            .exec(db)
            .await?;
    }
    Ok(Some((session, user)))
}

fn is_live(session: &session::Model, now: DateTime<Utc>, settings: &AuthSettings) -> bool {
    let idle_limit = Duration::minutes(settings.idle_timeout_minutes as i64);
    session.expires_at > now && (session.stay_logged_in || now - session.last_seen_at < idle_limit)
}

pub async fn revoke(db: &DatabaseConnection, session_id: &str) -> Result<(), DbErr> {
    session::Entity::delete_by_id(session_id.to_string())
        .exec(db)
        .await?;
    Ok(())
}

/// Ends every session of a user, except `keep` (the caller's own, after changing their password).
pub async fn revoke_all_for_user(
    db: &DatabaseConnection,
    user_id: i64,
    keep: Option<&str>,
) -> Result<u64, DbErr> {
    let mut delete = session::Entity::delete_many().filter(session::Column::UserId.eq(user_id));
    if let Some(keep) = keep {
        delete = delete.filter(session::Column::Id.ne(keep));
    }
    Ok(delete.exec(db).await?.rows_affected)
}

/// Removes sessions that ended; cheap, run at each login.
pub async fn purge_expired(db: &DatabaseConnection) -> Result<(), DbErr> {
    session::Entity::delete_many()
        .filter(session::Column::ExpiresAt.lte(Utc::now()))
        .exec(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> AuthSettings {
        AuthSettings {
            bcrypt_cost: 4,
            session_hours: 8,
            stay_logged_in_days: 30,
            idle_timeout_minutes: 120,
            lockout_threshold: 5,
            lockout_minutes: 30,
            login_attempts_per_minute: 10,
            cookie_secure: None,
            trust_forwarded_for: false,
        }
    }

    fn session(stay: bool, expires_in: i64, idle_for: i64) -> session::Model {
        let now = Utc::now();
        session::Model {
            id: "s".into(),
            token_hash: "h".into(),
            user_id: 1,
            csrf_token: "c".into(),
            stay_logged_in: stay,
            created_at: now,
            expires_at: now + Duration::minutes(expires_in),
            last_seen_at: now - Duration::minutes(idle_for),
            ip_address: None,
            user_agent: None,
        }
    }

    #[test]
    fn sessions_end_when_expired_or_idle() {
        let now = Utc::now();
        let s = settings();
        assert!(is_live(&session(false, 60, 10), now, &s));
        assert!(!is_live(&session(false, -1, 0), now, &s));
        assert!(!is_live(&session(false, 600, 121), now, &s));
        // "Stay logged in" is not ended by idleness, only by its expiry.
        assert!(is_live(&session(true, 600, 121), now, &s));
        assert!(!is_live(&session(true, -1, 0), now, &s));
    }

    #[test]
    fn lifetimes_follow_the_settings() {
        assert_eq!(lifetime_secs(&settings(), false), 28_800);
        assert_eq!(lifetime_secs(&settings(), true), 2_592_000);
    }
}
