//! Users, roles, sessions, API tokens and security events on the wire.
//!
//! Field names follow the original system (camelCase JSON) so existing clients keep working.

use serde::{Deserialize, Serialize};

/// Roles, lowest to highest. The JSON values are the original enum names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Role {
    Viewer,
    PrueferB,
    PrueferA,
    PrueferAb,
    Management,
    Admin,
}

impl Role {
    /// Every role, in the order of selection lists.
    pub const ALL: [Role; 6] = [
        Role::Viewer,
        Role::PrueferB,
        Role::PrueferA,
        Role::PrueferAb,
        Role::Management,
        Role::Admin,
    ];

    /// The enum name as stored and sent (`PRUEFER_AB`).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Viewer => "VIEWER",
            Role::PrueferB => "PRUEFER_B",
            Role::PrueferA => "PRUEFER_A",
            Role::PrueferAb => "PRUEFER_AB",
            Role::Management => "MANAGEMENT",
            Role::Admin => "ADMIN",
        }
    }

    pub fn parse(value: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == value)
    }

    /// Prüfer A work: PRUEFER_A, PRUEFER_AB, MANAGEMENT, ADMIN.
    pub fn can_act_as_pruefer_a(self) -> bool {
        matches!(
            self,
            Role::PrueferA | Role::PrueferAb | Role::Management | Role::Admin
        )
    }

    /// Prüfer B work: PRUEFER_B, PRUEFER_AB, MANAGEMENT, ADMIN.
    pub fn can_act_as_pruefer_b(self) -> bool {
        matches!(
            self,
            Role::PrueferB | Role::PrueferAb | Role::Management | Role::Admin
        )
    }

    /// Printing labels and handling print jobs: every role except VIEWER.
    pub fn can_print(self) -> bool {
        self != Role::Viewer
    }

    /// Dashboards and their data: MANAGEMENT, ADMIN.
    pub fn can_view_dashboards(self) -> bool {
        matches!(self, Role::Management | Role::Admin)
    }

    /// Users, printers, database and system: ADMIN.
    pub fn is_admin(self) -> bool {
        self == Role::Admin
    }

    /// German label (user administration).
    pub fn label_de(self) -> &'static str {
        match self {
            Role::Viewer => "Betrachter",
            Role::PrueferB => "Prüfer B",
            Role::PrueferA => "Prüfer A",
            Role::PrueferAb => "Prüfer A & B",
            Role::Management => "Management",
            Role::Admin => "Administrator",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Role::Viewer => "Viewer",
            Role::PrueferB => "Inspector B",
            Role::PrueferA => "Inspector A",
            Role::PrueferAb => "Inspector A & B",
            Role::Management => "Management",
            Role::Admin => "Administrator",
        }
    }
}

/// Account status; only ACTIVE accounts can log in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum UserStatus {
    Active,
    Inactive,
    Suspended,
}

impl UserStatus {
    pub const ALL: [UserStatus; 3] = [
        UserStatus::Active,
        UserStatus::Inactive,
        UserStatus::Suspended,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            UserStatus::Active => "ACTIVE",
            UserStatus::Inactive => "INACTIVE",
            UserStatus::Suspended => "SUSPENDED",
        }
    }

    pub fn parse(value: &str) -> Option<UserStatus> {
        UserStatus::ALL.into_iter().find(|s| s.as_str() == value)
    }

    pub fn label_de(self) -> &'static str {
        match self {
            UserStatus::Active => "Aktiv",
            UserStatus::Inactive => "Inaktiv",
            UserStatus::Suspended => "Gesperrt",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            UserStatus::Active => "Active",
            UserStatus::Inactive => "Inactive",
            UserStatus::Suspended => "Suspended",
        }
    }
}

/// The logged-in user as `login` and `me` return it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct SessionUser {
    pub id: i64,
    pub username: String,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub role: Role,
    /// Set after an admin reset the password: every request but `me`, `logout` and
    /// `change-password` is refused until the user chose a new one.
    pub must_change_password: bool,
}

/// `POST /api/auth/login`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct LoginRequest {
    /// Username or email address.
    pub identifier: String,
    pub password: String,
    /// 30-day session instead of 8 hours.
    #[serde(default)]
    pub stay_logged_in: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct SessionInfo {
    /// Session lifetime in seconds (28800 or 2592000).
    pub expires_in: u64,
    pub stay_logged_in: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct LoginResponse {
    pub success: bool,
    pub user: SessionUser,
    /// Send it back as `X-CSRF-Token` on every state-changing request (also in cookie `csrf-token`).
    pub csrf_token: String,
    pub session_info: SessionInfo,
}

/// `GET /api/auth/me`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct MeResponse {
    pub success: bool,
    pub user: SessionUser,
    /// The session's CSRF token (absent for bearer-token callers, which need none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub csrf_token: Option<String>,
}

/// Plain success with a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MessageResponse {
    pub success: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub message: String,
}

/// `GET /api/setup/check`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct SetupCheckResponse {
    pub success: bool,
    /// True while no user exists: the setup page may create the first administrator.
    pub needs_setup: bool,
}

/// `POST /api/setup/create-admin`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CreateAdminRequest {
    pub username: String,
    pub email: String,
    pub password: String,
    pub first_name: String,
    pub last_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateAdminResponse {
    pub success: bool,
    pub message: String,
    pub user: SessionUser,
}

/// A user as the administration sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct UserDto {
    pub id: i64,
    pub username: String,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub role: Role,
    pub status: UserStatus,
    /// RFC 3339, absent when the user never logged in.
    pub last_login_at: Option<String>,
    pub created_at: String,
    pub created_by: Option<String>,
    pub updated_at: String,
    pub updated_by: Option<String>,
    pub failed_login_attempts: i32,
    /// RFC 3339 end of a lockout; absent when not locked.
    pub locked_until: Option<String>,
    pub must_change_password: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Pagination {
    pub page: u64,
    pub limit: u64,
    pub total: u64,
    pub total_pages: u64,
}

impl Pagination {
    /// Page `page` of `limit` items out of `total`.
    pub fn new(page: u64, limit: u64, total: u64) -> Self {
        Self {
            page,
            limit,
            total,
            total_pages: total.div_ceil(limit.max(1)),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserList {
    pub users: Vec<UserDto>,
    pub pagination: Pagination,
}

/// `GET /api/users`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserListResponse {
    pub success: bool,
    pub data: UserList,
}

/// `POST /api/users`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CreateUserRequest {
    pub username: String,
    pub email: String,
    pub password: String,
    pub first_name: String,
    pub last_name: String,
    pub role: Role,
}

/// `PUT /api/users/{id}`: every field optional; absent fields stay as they are.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct UpdateUserRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<UserStatus>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserData {
    pub user: UserDto,
}

/// A single user with a message (`POST /api/users`, `PUT /api/users/{id}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserResponse {
    pub success: bool,
    pub data: UserData,
    pub message: String,
}

/// `POST /api/admin/reset-password`: the user must choose a new password at the next login.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ResetPasswordRequest {
    pub user_id: i64,
    pub new_password: String,
}

/// `POST /api/user/update-profile`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct UpdateProfileRequest {
    pub email: String,
    pub first_name: String,
    pub last_name: String,
}

/// `POST /api/user/change-password`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ChangePasswordRequest {
    pub current_password: String,
    pub new_password: String,
}

/// An API token for another Rotoclear system (the secret is shown only once, at creation).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ApiTokenDto {
    pub id: i64,
    pub name: String,
    pub role: Role,
    /// The first characters of the secret, to recognise it.
    pub prefix: String,
    pub created_at: String,
    pub created_by: String,
    pub expires_at: Option<String>,
    pub last_used_at: Option<String>,
    pub revoked_at: Option<String>,
}

/// `POST /api/admin/api-tokens`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CreateApiTokenRequest {
    pub name: String,
    pub role: Role,
    /// Days until the token expires; absent: no expiry.
    #[serde(default)]
    pub expires_in_days: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatedApiToken {
    pub token: ApiTokenDto,
    /// The bearer secret. Shown once; only its hash is stored.
    pub secret: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateApiTokenResponse {
    pub success: bool,
    pub data: CreatedApiToken,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiTokenList {
    pub tokens: Vec<ApiTokenDto>,
}

/// `GET /api/admin/api-tokens`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiTokenListResponse {
    pub success: bool,
    pub data: ApiTokenList,
}

/// Risk of a security event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Risk {
    Low,
    Medium,
    High,
    Critical,
}

impl Risk {
    pub const ALL: [Risk; 4] = [Risk::Low, Risk::Medium, Risk::High, Risk::Critical];

    pub fn as_str(self) -> &'static str {
        match self {
            Risk::Low => "LOW",
            Risk::Medium => "MEDIUM",
            Risk::High => "HIGH",
            Risk::Critical => "CRITICAL",
        }
    }

    pub fn parse(value: &str) -> Option<Risk> {
        Risk::ALL.into_iter().find(|r| r.as_str() == value)
    }
}

/// One entry of the security log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct SecurityEventDto {
    pub id: i64,
    /// Event type, e.g. `LOGIN_SUCCESS`, `LOGIN_FAILURE`, `ACCOUNT_LOCKED`, `PERMISSION_DENIED`.
    #[serde(rename = "type")]
    pub event_type: String,
    pub risk: Risk,
    pub user_id: Option<i64>,
    pub username: Option<String>,
    pub ip_address: Option<String>,
    pub user_agent: Option<String>,
    /// Event-specific facts (never passwords or tokens).
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub details: serde_json::Value,
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SecurityEventList {
    pub events: Vec<SecurityEventDto>,
    pub pagination: Pagination,
}

/// `GET /api/admin/security-events`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SecurityEventListResponse {
    pub success: bool,
    pub data: SecurityEventList,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_use_the_original_enum_names_and_order() {
        let names: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
        assert_eq!(
            names,
            [
                "VIEWER",
                "PRUEFER_B",
                "PRUEFER_A",
                "PRUEFER_AB",
                "MANAGEMENT",
                "ADMIN"
            ]
        );
        assert!(Role::Viewer < Role::PrueferB && Role::Management < Role::Admin);
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
            assert_eq!(
                serde_json::to_string(&role).unwrap_or_default(),
                format!("\"{}\"", role.as_str())
            );
        }
    }

    #[test]
    fn predicates_match_the_specification() {
        let a: Vec<Role> = Role::ALL
            .into_iter()
            .filter(|r| r.can_act_as_pruefer_a())
            .collect();
        assert_eq!(
            a,
            [
                Role::PrueferA,
                Role::PrueferAb,
                Role::Management,
                Role::Admin
            ]
        );
        let b: Vec<Role> = Role::ALL
            .into_iter()
            .filter(|r| r.can_act_as_pruefer_b())
            .collect();
        assert_eq!(
            b,
            [
                Role::PrueferB,
                Role::PrueferAb,
                Role::Management,
                Role::Admin
            ]
        );
        let dashboards: Vec<Role> = Role::ALL
            .into_iter()
            .filter(|r| r.can_view_dashboards())
            .collect();
        assert_eq!(dashboards, [Role::Management, Role::Admin]);
    }

    #[test]
    fn login_request_uses_camel_case_and_defaults_stay_logged_in() {
        let req: Result<LoginRequest, _> =
            serde_json::from_str(r#"{"identifier":"anna","password":"x"}"#);
        assert!(req.is_ok_and(|r| !r.stay_logged_in));
        let me = MeResponse {
            success: true,
            user: SessionUser {
                id: 1,
                username: "anna".into(),
                email: "a@example.com".into(),
                first_name: "Anna".into(),
                last_name: "Berg".into(),
                role: Role::PrueferAb,
                must_change_password: false,
            },
            csrf_token: None,
        };
        let json = serde_json::to_value(&me).unwrap_or_default();
        assert_eq!(json["user"]["firstName"], "Anna");
        assert_eq!(json["user"]["role"], "PRUEFER_AB");
        assert!(json.get("csrfToken").is_none());
    }
}
