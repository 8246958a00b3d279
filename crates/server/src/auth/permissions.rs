//! The permission table: every route and what it requires, checked on the server for every request.
//!
//! A matched route without an entry is refused (fail closed) and logged; a test keeps the table and
//! the OpenAPI document in step.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::middleware::Next;
use actix_web::{Error, HttpMessage, ResponseError, web};
use api_types::auth::{Risk, Role};
use serde_json::json;

use super::events::{self, SecurityEvent, kind};
use super::principal::{Identity, Principal};
use super::sessions::{AUTH_COOKIE, CSRF_HEADER};
use super::{ClientInfo, secrets_match, sessions, tokens};
use crate::error::ApiError;
use crate::startup::AppState;

/// What a route requires.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, logged in or not.
    Public,
    /// Any logged-in user or API token.
    Authenticated,
    /// A logged-in person (not an API token): their own profile.
    User,
    /// Prüfer A work: PRUEFER_A, PRUEFER_AB, MANAGEMENT, ADMIN.
    PrueferA,
    /// Prüfer B work: PRUEFER_B, PRUEFER_AB, MANAGEMENT, ADMIN.
    PrueferB,
    /// Printing and handling print jobs: every role except VIEWER.
    Printing,
    /// Dashboards and their data: MANAGEMENT, ADMIN.
    Dashboards,
    /// Users, printers, database and system: ADMIN.
    Admin,
}

impl Access {
    /// Whether `role` satisfies this requirement (for authenticated callers).
    pub fn allows(self, role: Role) -> bool {
        match self {
            Access::Public | Access::Authenticated | Access::User => true,
            Access::PrueferA => role.can_act_as_pruefer_a(),
            Access::PrueferB => role.can_act_as_pruefer_b(),
            Access::Printing => role.can_print(),
            Access::Dashboards => role.can_view_dashboards(),
            Access::Admin => role.is_admin(),
        }
    }
}

/// One row of the table: method, route template (as registered), requirement.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub method: &'static str,
    pub path: &'static str,
    pub access: Access,
}

const fn rule(method: &'static str, path: &'static str, access: Access) -> Rule {
    Rule {
        method,
        path,
        access,
    }
}

/// Every route of the server. Later capabilities add their rows here.
/// The original per-product paths `/api/cpro`, `/api/c2`, `/api/cbasic`, `/api/kk`.
pub const PRODUCT_PATH: &str = "/api/{product:cpro|c2|cbasic|kk}";

pub const RULES: &[Rule] = &[
    rule("GET", "/api/health", Access::Public),
    rule("GET", "/api/openapi.json", Access::Public),
    rule("GET", "/api/docs", Access::Public),
    rule("GET", "/api/docs/init.js", Access::Public),
    rule("GET", "/api/docs/assets/{file}", Access::Public),
    rule("GET", "/metrics", Access::Dashboards),
    rule("GET", "/api/setup/check", Access::Public),
    rule("POST", "/api/setup/create-admin", Access::Public),
    rule("POST", "/api/auth/login", Access::Public),
    rule("POST", "/api/auth/logout", Access::Public),
    rule("GET", "/api/auth/me", Access::Authenticated),
    rule("POST", "/api/user/update-profile", Access::User),
    rule("POST", "/api/user/change-password", Access::User),
    rule("GET", "/api/users", Access::Admin),
    rule("POST", "/api/users", Access::Admin),
    rule("PUT", "/api/users/{id}", Access::Admin),
    rule("POST", "/api/admin/reset-password", Access::Admin),
    rule("POST", "/api/admin/unlock-user/{id}", Access::Admin),
    rule("DELETE", "/api/admin/delete-user/{id}", Access::Admin),
    rule("GET", "/api/admin/api-tokens", Access::Admin),
    rule("POST", "/api/admin/api-tokens", Access::Admin),
    rule("DELETE", "/api/admin/api-tokens/{id}", Access::Admin),
    rule("GET", "/api/admin/security-events", Access::Admin),
    rule("GET", "/api/printers", Access::Authenticated),
    rule("POST", "/api/printers", Access::Admin),
    rule("PUT", "/api/printers/{id}", Access::Admin),
    rule("DELETE", "/api/printers/{id}", Access::Admin),
    rule("GET", "/api/printers/{id}/status", Access::Authenticated),
    rule("POST", "/api/printer/test", Access::Printing),
    rule("POST", "/api/print-jobs", Access::Printing),
    rule("GET", "/api/print-jobs", Access::Authenticated),
    rule("GET", "/api/print-jobs/export", Access::Dashboards),
    rule("GET", "/api/print-jobs/events", Access::Authenticated),
    rule("GET", "/api/print-jobs/{id}", Access::Authenticated),
    rule("POST", "/api/print-jobs/{id}/retry", Access::Printing),
    rule("POST", "/api/print-jobs/{id}/cancel", Access::Printing),
    rule("GET", "/api/products", Access::Authenticated),
    rule(
        "GET",
        "/api/products/{product}/definition",
        Access::Authenticated,
    ),
    rule("GET", "/api/inspections", Access::Authenticated),
    rule("GET", "/api/inspections/export", Access::Dashboards),
    rule("GET", "/api/inspections/{id}", Access::Authenticated),
    rule("PUT", "/api/inspections/{id}/a", Access::PrueferA),
    rule(
        "POST",
        "/api/inspections/{id}/differences",
        Access::PrueferB,
    ),
    rule("POST", "/api/inspections/{id}/override", Access::Dashboards),
    rule("POST", "/api/inspections/{id}/print", Access::Printing),
    rule("GET", "/api/{product:cpro|c2|kk}/qr", Access::Authenticated),
    rule("GET", "/api/dashboard-stats", Access::Authenticated),
    rule("GET", "/api/analytics/throughput", Access::Dashboards),
    rule("GET", "/api/analytics/failures", Access::Dashboards),
    rule("GET", "/api/analytics/disagreement", Access::Dashboards),
    rule("GET", "/api/analytics/lead-time", Access::Dashboards),
    rule("GET", "/api/analytics/inspectors", Access::Dashboards),
    rule("GET", "/api/analytics/labels", Access::Dashboards),
    rule("GET", "/api/admin/system", Access::Admin),
    rule("GET", "/api/articles", Access::Authenticated),
    rule("POST", "/api/articles", Access::Admin),
    rule("PUT", "/api/articles/{id}", Access::Admin),
    rule("GET", "/api/zubehoer", Access::Authenticated),
    rule("GET", "/api/zubehoer/export", Access::Dashboards),
    rule("POST", "/api/zubehoer", Access::Printing),
    rule("PUT", "/api/zubehoer", Access::Printing),
    rule("GET", "/api/zubehoer/{id}", Access::Authenticated),
    rule("POST", "/api/zubehoer/{id}/print", Access::Printing),
    rule("POST", "/api/halterung", Access::Printing),
    rule("GET", "/api/halterung", Access::Authenticated),
    rule("GET", "/api/halterung/{id}", Access::Authenticated),
    rule("POST", "/api/halterung/{id}/print", Access::Printing),
    rule("GET", "/api/outerkarton", Access::Authenticated),
    rule("GET", "/api/outerkarton/export", Access::Dashboards),
    rule("POST", "/api/outerkarton", Access::Printing),
    rule("PUT", "/api/outerkarton", Access::Printing),
    rule("POST", "/api/outerkarton/scan", Access::Printing),
    rule("GET", "/api/outerkarton/unit", Access::Printing),
    rule("GET", "/api/outerkarton/search", Access::Authenticated),
    rule("GET", "/api/outerkarton/{id}", Access::Authenticated),
    rule("PUT", "/api/outerkarton/{id}", Access::Printing),
    rule("POST", "/api/outerkarton/{id}/print", Access::Printing),
    rule("POST", PRODUCT_PATH, Access::PrueferA),
    rule("GET", PRODUCT_PATH, Access::Authenticated),
    rule("PUT", PRODUCT_PATH, Access::PrueferB),
];

/// Routes a user whose password was reset may still use.
const ALLOWED_BEFORE_PASSWORD_CHANGE: &[&str] = &[
    "/api/auth/me",
    "/api/auth/logout",
    "/api/user/change-password",
];

pub fn rule_for(method: &Method, path: &str) -> Option<&'static Rule> {
    RULES
        .iter()
        .find(|r| r.path == path && r.method == method.as_str())
}

/// Authenticates the caller (API token or session cookie) and enforces the route's rule, including
/// CSRF for cookie sessions and the forced password change. Puts the [`Principal`] into the request.
pub async fn authorize(
    request: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let Some(path) = request.match_pattern() else {
        return next
            .call(request)
            .await
            .map(ServiceResponse::map_into_boxed_body);
    };
    let Some(rule) = rule_for(request.method(), &path) else {
        if RULES.iter().any(|r| r.path == path) {
            // Known path, other method: the router answers 405.
            return next
                .call(request)
                .await
                .map(ServiceResponse::map_into_boxed_body);
        }
        tracing::error!(method = %request.method(), route = %path, "route has no permission rule");
        let error = ApiError::Forbidden("Für diese Route ist keine Berechtigung festgelegt".into());
        return Ok(request.into_response(error.error_response()));
    };
    let Some(state) = request.app_data::<web::Data<AppState>>().cloned() else {
        let error = ApiError::Internal(anyhow::anyhow!("application state missing"));
        return Ok(request.into_response(error.error_response()));
    };
    let client =
        ClientInfo::from_service_request(&request, state.settings.auth.trust_forwarded_for);
    let principal = match authenticate(&request, &state, &client).await {
        Ok(principal) => principal,
        // A stale token does not stop anyone from reaching a public route.
        Err(_) if rule.access == Access::Public => None,
        Err(error) => return Ok(request.into_response(error.error_response())),
    };
    if let Some(principal) = &principal {
        request.extensions_mut().insert(principal.clone());
    }
    if let Err(error) = check(rule, principal.as_ref(), &request) {
        if let Some(principal) = &principal {
            record_refusal(&state, principal, &client, rule, &error).await;
        }
        return Ok(request.into_response(error.error_response()));
    }
    next.call(request)
        .await
        .map(ServiceResponse::map_into_boxed_body)
}

async fn authenticate(
    request: &ServiceRequest,
    state: &AppState,
    client: &ClientInfo,
) -> Result<Option<Principal>, ApiError> {
    let bearer = request
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    if let Some(secret) = bearer {
        // A bad bearer token is an error, never a silent fall-back to anonymous.
        let (token, role) = tokens::authenticate(&state.db, secret.trim(), client)
            .await?
            .ok_or(ApiError::AuthRequired)?;
        return Ok(Some(Principal {
            role,
            identity: Identity::Token {
                id: token.id,
                name: token.name,
            },
            must_change_password: false,
        }));
    }
    let Some(cookie) = request.cookie(AUTH_COOKIE) else {
        return Ok(None);
    };
    let Some((session, user)) =
        sessions::authenticate(&state.db, cookie.value(), &state.settings.auth).await?
    else {
        return Ok(None);
    };
    let Some(role) = Role::parse(&user.role) else {
        return Ok(None);
    };
    Ok(Some(Principal {
        role,
        identity: Identity::User {
            id: user.id,
            username: user.username,
            session_id: session.id,
            csrf_token: session.csrf_token,
        },
        must_change_password: user.must_change_password,
    }))
}

fn check(
    rule: &Rule,
    principal: Option<&Principal>,
    request: &ServiceRequest,
) -> Result<(), ApiError> {
    if rule.access == Access::Public {
        return Ok(());
    }
    let principal = principal.ok_or(ApiError::AuthRequired)?;
    if principal.must_change_password && !ALLOWED_BEFORE_PASSWORD_CHANGE.contains(&rule.path) {
        return Err(ApiError::PasswordChangeRequired);
    }
    if !rule.access.allows(principal.role) {
        return Err(ApiError::Forbidden(
            "Keine Berechtigung für diese Aktion".into(),
        ));
    }
    match &principal.identity {
        Identity::User { csrf_token, .. } => {
            let sent = request
                .headers()
                .get(CSRF_HEADER)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default();
            if !is_safe(request.method()) && !secrets_match(sent, csrf_token) {
                return Err(ApiError::CsrfFailed);
            }
        }
        Identity::Token { .. } if rule.access == Access::User => {
            return Err(ApiError::Forbidden(
                "Nur für angemeldete Benutzer, nicht für API-Tokens".into(),
            ));
        }
        Identity::Token { .. } => {}
    }
    Ok(())
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

async fn record_refusal(
    state: &AppState,
    principal: &Principal,
    client: &ClientInfo,
    rule: &Rule,
    error: &ApiError,
) {
    let (event, risk) = match error {
        ApiError::CsrfFailed => (kind::CSRF_FAILED, Risk::High),
        ApiError::Forbidden(_) => (kind::PERMISSION_DENIED, Risk::Medium),
        _ => return,
    };
    let actor = principal.actor();
    events::record(
        &state.db,
        SecurityEvent {
            kind: event,
            risk,
            user_id: principal.user_id(),
            username: Some(&actor),
            client,
            details: json!({
                "method": rule.method,
                "route": rule.path,
                "role": principal.role.as_str(),
            }),
        },
    )
    .await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_appears_once_per_method() {
        for (i, a) in RULES.iter().enumerate() {
            assert!(
                RULES[i + 1..]
                    .iter()
                    .all(|b| (a.method, a.path) != (b.method, b.path)),
                "{a:?} twice"
            );
        }
    }

    #[test]
    fn admin_routes_are_admin_only() {
        for rule in RULES.iter().filter(|r| r.path.starts_with("/api/admin/")) {
            assert_eq!(rule.access, Access::Admin, "{rule:?}");
        }
        assert!(Access::Admin.allows(Role::Admin));
        assert!(!Access::Admin.allows(Role::Management));
        assert!(Access::Dashboards.allows(Role::Management));
        assert!(!Access::Dashboards.allows(Role::PrueferAb));
    }
}
