//! bcrypt on the blocking pool: a hash takes a quarter of a second by design.

use std::sync::OnceLock;

use crate::error::ApiError;

/// Hashes a new password with `cost`.
pub async fn hash(password: String, cost: u32) -> Result<String, ApiError> {
    actix_web::web::block(move || bcrypt::hash(password, cost))
        .await
        .map_err(|e| ApiError::Internal(e.into()))?
        .map_err(|e| ApiError::Internal(e.into()))
}

/// Checks `password` against `stored` (any bcrypt cost, `$2a$`/`$2b$`/`$2y$`). Without a stored hash
/// (unknown user) it checks against a dummy hash of the same cost, so the answer takes as long either
/// way and timing reveals nothing.
pub async fn verify(password: String, stored: Option<String>, cost: u32) -> Result<bool, ApiError> {
    let known = stored.is_some();
    let hash = match stored {
        Some(hash) => hash,
        None => dummy_hash(cost).await?,
    };
    let matches = actix_web::web::block(move || bcrypt::verify(password, &hash).unwrap_or(false))
        .await
        .map_err(|e| ApiError::Internal(e.into()))?;
    Ok(known && matches)
}

async fn dummy_hash(cost: u32) -> Result<String, ApiError> {
    static DUMMY: OnceLock<(u32, String)> = OnceLock::new();
    if let Some((c, hash)) = DUMMY.get()
        && *c == cost
    {
        return Ok(hash.clone());
    }
    let hash = hash(super::random_secret(), cost).await?;
    let _ = DUMMY.set((cost, hash.clone()));
    Ok(hash)
}
