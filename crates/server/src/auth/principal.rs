//! The authenticated caller of a request.

use std::future::{Ready, ready};

use actix_web::{FromRequest, HttpMessage, HttpRequest, dev::Payload};
use api_types::auth::Role;

use crate::error::ApiError;

/// Who is calling: a logged-in user (cookie session) or another system (API token).
#[derive(Debug, Clone)]
pub struct Principal {
    pub role: Role,
    pub identity: Identity,
    /// An admin reset the password; only `me`, `logout` and `change-password` are allowed.
    pub must_change_password: bool,
}

#[derive(Debug, Clone)]
pub enum Identity {
    User {
        id: i64,
        username: String,
        session_id: String,
        csrf_token: String,
    },
    Token {
        id: i64,
        name: String,
    },
}

impl Principal {
    pub fn user_id(&self) -> Option<i64> {
        match &self.identity {
            Identity::User { id, .. } => Some(*id),
            Identity::Token { .. } => None,
        }
    }

    /// Username, or `token:<name>` for API tokens: what audit columns record.
    pub fn actor(&self) -> String {
        match &self.identity {
            Identity::User { username, .. } => username.clone(),
            Identity::Token { name, .. } => format!("token:{name}"),
        }
    }

    pub fn session_id(&self) -> Option<&str> {
        match &self.identity {
            Identity::User { session_id, .. } => Some(session_id),
            Identity::Token { .. } => None,
        }
    }
}

/// Handlers take `Principal` to require a caller; the permission middleware has put it there.
impl FromRequest for Principal {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(request: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(
            request
                .extensions()
                .get::<Principal>()
                .cloned()
                .ok_or(ApiError::AuthRequired),
        )
    }
}
