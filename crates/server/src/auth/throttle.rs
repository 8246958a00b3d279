//! Per-address login throttle, checked before any password work so nobody can burn the CPU with
//! bcrypt. Keyed by client address only: it cannot be used to lock out anyone else.
//!
//! The count lives in the database (`login_throttle`: one row per address with the start of its
//! one-minute window and the attempts in it), so every instance behind a load balancer enforces the
//! same limit. One upsert per attempt counts and reads back atomically; rows of windows that ended
//! long ago are removed by `maintenance` ([`prune`]).

use std::net::IpAddr;

use chrono::Utc;
use sea_orm::{ConnectionTrait, DbErr, FromQueryResult};

use crate::db::statement;

const WINDOW_MS: i64 = 60_000;

#[derive(Debug, Clone, Copy)]
pub struct LoginThrottle {
    limit: u32,
}

#[derive(Debug, FromQueryResult)]
struct Window {
    window_start_ms: i64,
    attempts: i32,
}

impl LoginThrottle {
    pub fn new(per_minute: u32) -> Self {
        Self { limit: per_minute }
    }

    /// Counts an attempt. `Ok(Err(seconds))` when the address must wait that long.
    pub async fn attempt(
        &self,
        db: &impl ConnectionTrait,
        ip: IpAddr,
    ) -> Result<Result<(), u64>, DbErr> {
        self.attempt_at(db, ip, Utc::now().timestamp_millis()).await
    }

    async fn attempt_at(
        &self,
        db: &impl ConnectionTrait,
        ip: IpAddr,
        now_ms: i64,
    ) -> Result<Result<(), u64>, DbErr> {
        let expired = now_ms - WINDOW_MS;
        let backend = db.get_database_backend();
        // Both CASEs read the row as it was before this update (PostgreSQL and SQLite alike).
        let counted = Window::find_by_statement(statement(
            backend,
            "INSERT INTO login_throttle (address, window_start_ms, attempts) VALUES (?, ?, 1) \
             ON CONFLICT (address) DO UPDATE SET \
             attempts = CASE WHEN login_throttle.window_start_ms <= ? THEN 1 \
                        ELSE login_throttle.attempts + 1 END, \
             window_start_ms = CASE WHEN login_throttle.window_start_ms <= ? THEN ? \
                        ELSE login_throttle.window_start_ms END \
             RETURNING window_start_ms, attempts",
            vec![
                ip.to_string().into(),
                now_ms.into(),
                expired.into(),
                expired.into(),
                now_ms.into(),
            ],
        ))
        .one(db)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("login_throttle upsert returned no row".into()))?;
        Ok(verdict(self.limit, &counted, now_ms))
    }
}

fn verdict(limit: u32, window: &Window, now_ms: i64) -> Result<(), u64> {
    if u32::try_from(window.attempts).unwrap_or(u32::MAX) <= limit {
        return Ok(());
    }
    let left_ms = (window.window_start_ms + WINDOW_MS - now_ms).max(0);
    Err(u64::try_from((left_ms + 999) / 1000).unwrap_or(0).max(1))
}

/// Removes the rows of windows that ended more than an hour ago. Returns how many.
pub async fn prune(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    let before = Utc::now().timestamp_millis() - 60 * WINDOW_MS;
    let done = db
        .execute(statement(
            db.get_database_backend(),
            "DELETE FROM login_throttle WHERE window_start_ms < ?",
            vec![before.into()],
        ))
        .await?;
    Ok(done.rows_affected())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_holds_until_the_window_ends() {
        let window = |attempts| Window {
            window_start_ms: 1_000_000,
            attempts,
        };
        assert_eq!(verdict(3, &window(3), 1_000_000), Ok(()));
        assert_eq!(verdict(3, &window(4), 1_020_000), Err(40));
        assert_eq!(verdict(3, &window(9), 1_059_500), Err(1));
    }
}
