//! Who is signed in: the session context, the role rules of pages, and where a visitor who may not
//! see a page is sent instead.
//!
//! The server enforces every rule again; these only decide what the SPA shows.

use api_types::auth::{Role, SessionUser};
use api_types::{ErrorBody, ErrorCode};
use leptos::prelude::*;

use crate::api::{self, ApiResult};

/// The client route of the login page.
pub const LOGIN_PATH: &str = "/login";
/// The client route of the first-run page.
pub const SETUP_PATH: &str = "/setup";
/// The client route where a user changes the password (the profile page).
pub const PASSWORD_PATH: &str = "/profile";
/// Query parameter of the login page that names the page to return to.
pub const RETURN_PARAM: &str = "redirect";

/// What the SPA knows about the session.
#[derive(Debug, Clone, PartialEq)]
pub enum Session {
    /// Not known yet: the server is being asked.
    Checking,
    Anonymous,
    SignedIn(SessionUser),
    /// The server could not tell (unreachable, failing).
    Failed(ErrorBody),
}

/// Who may use a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Everyone, signed in or not.
    Public,
    /// Any signed-in user.
    Authenticated,
    /// Roles that do Prüfer A work.
    PrueferA,
    /// Roles that do Prüfer B work.
    PrueferB,
    /// Roles that inspect units, as A or B: every role but VIEWER.
    Inspector,
    /// Management dashboards.
    Dashboards,
    /// Administration.
    Admin,
}

impl Access {
    /// Whether a visitor with `role` (`None`: not signed in) may use the page.
    pub fn allows(self, role: Option<Role>) -> bool {
        match (self, role) {
            (Access::Public, _) => true,
            (_, None) => false,
            (Access::Authenticated, Some(_)) => true,
            (Access::PrueferA, Some(role)) => role.can_act_as_pruefer_a(),
            (Access::PrueferB, Some(role)) => role.can_act_as_pruefer_b(),
            (Access::Inspector, Some(role)) => {
                role.can_act_as_pruefer_a() || role.can_act_as_pruefer_b()
            }
            (Access::Dashboards, Some(role)) => role.can_view_dashboards(),
            (Access::Admin, Some(role)) => role.is_admin(),
        }
    }
}

/// Where a visitor is sent instead of the page they asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detour {
    /// Nobody exists yet: create the first administrator.
    Setup,
    /// Sign in, then come back.
    Login,
    /// Choose a new password first.
    PasswordChange,
}

/// What a page guarded by an [`Access`] rule shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Gate {
    /// The session is not known yet.
    Wait,
    Show,
    /// Signed in, but the role does not allow the page.
    NoAccess(Role),
    Detour(Detour),
    Failed(ErrorBody),
}

/// The decision for a page with rule `access`; `password_page` is true for the page where the
/// password is changed, the only one a user with a reset password may use.
pub fn gate(
    access: Access,
    session: &Session,
    needs_setup: Option<bool>,
    password_page: bool,
) -> Gate {
    if access == Access::Public {
        return Gate::Show;
    }
    match session {
        Session::Checking => Gate::Wait,
        Session::Failed(error) => Gate::Failed(error.clone()),
        Session::Anonymous if needs_setup == Some(true) => Gate::Detour(Detour::Setup),
        Session::Anonymous => Gate::Detour(Detour::Login),
        Session::SignedIn(user) if user.must_change_password && !password_page => {
            Gate::Detour(Detour::PasswordChange)
        }
        Session::SignedIn(user) if access.allows(Some(user.role)) => Gate::Show,
        Session::SignedIn(user) => Gate::NoAccess(user.role),
    }
}

/// The login page, remembering `return_to` (path and query of the page asked for).
pub fn login_path(return_to: &str) -> String {
    if return_target(Some(return_to)) == "/" {
        LOGIN_PATH.to_owned()
    } else {
        api::with_query(LOGIN_PATH, &[(RETURN_PARAM, return_to.to_owned())])
    }
}

/// The page to go to after signing in: `raw` when it is a path of this app, else the start page.
/// Anything that could leave the origin (`//host`, `/\host`, `https://…`) is refused.
pub fn return_target(raw: Option<&str>) -> String {
    match raw {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.contains('\\')
                && !path.chars().any(char::is_control)
                && ![LOGIN_PATH, SETUP_PATH].contains(&path_only(path)) =>
        {
            path.to_owned()
        }
        _ => "/".to_owned(),
    }
}

fn path_only(path: &str) -> &str {
    path.split(['?', '#']).next().unwrap_or(path)
}

/// The session context, provided by [`provide_auth`].
#[derive(Debug, Clone, Copy)]
pub struct Auth {
    session: RwSignal<Session>,
    needs_setup: RwSignal<Option<bool>>,
}

impl Auth {
    /// The session (tracked).
    pub fn session(self) -> Session {
        self.session.get()
    }

    /// The signed-in user (tracked).
    pub fn user(self) -> Option<SessionUser> {
        self.session.with(|session| match session {
            Session::SignedIn(user) => Some(user.clone()),
            _ => None,
        })
    }

    /// The role of the signed-in user (tracked).
    pub fn role(self) -> Option<Role> {
        self.session.with(|session| match session {
            Session::SignedIn(user) => Some(user.role),
            _ => None,
        })
    }

    /// Whether the first administrator still has to be created; `None` until the server said.
    pub fn needs_setup(self) -> Option<bool> {
        self.needs_setup.get()
    }

    /// The first administrator exists now.
    pub fn setup_done(self) {
        self.needs_setup.set(Some(false));
    }

    /// A login (or `me`) succeeded.
    pub fn signed_in(self, user: SessionUser, csrf_token: Option<String>) {
        if csrf_token.is_some() {
            api::set_csrf_token(csrf_token);
        }
        self.session.set(Session::SignedIn(user));
    }

    /// The session ended. Returns whether somebody was signed in.
    pub fn signed_out(self) -> bool {
        api::set_csrf_token(None);
        let was_signed_in = self
            .session
            .with_untracked(|session| matches!(session, Session::SignedIn(_)));
        self.session.set(Session::Anonymous);
        was_signed_in
    }

    /// Changes the signed-in user in place (profile edits, a reset password).
    pub fn update_user(self, change: impl FnOnce(&mut SessionUser)) {
        self.session.update(|session| {
            if let Session::SignedIn(user) = session {
                change(user);
            }
        });
    }

    /// Asks the server whether setup is needed and who is signed in.
    pub async fn load(self) {
        self.session.set(Session::Checking);
        if let Ok(check) = api::setup_check().await {
            self.needs_setup.set(Some(check.needs_setup));
            if check.needs_setup {
                self.session.set(Session::Anonymous);
                return;
            }
        }
        if let Err(error) = self.reload_user().await {
            self.session.set(if error.code == ErrorCode::AuthRequired {
                Session::Anonymous
            } else {
                Session::Failed(error)
            });
        }
    }

    /// Fetches the signed-in user again (after a password change, to pick up the cleared flag and
    /// a renewed CSRF token).
    pub async fn reload_user(self) -> ApiResult<()> {
        let me = api::me().await?;
        self.signed_in(me.user, me.csrf_token);
        Ok(())
    }
}

/// Creates the session context; [`Auth::load`] fills it.
pub fn provide_auth() -> Auth {
    let auth = Auth {
        session: RwSignal::new(Session::Checking),
        needs_setup: RwSignal::new(None),
    };
    provide_context(auth);
    auth
}

/// The session context of the app.
pub fn use_auth() -> Auth {
    expect_context::<Auth>()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(role: Role, must_change_password: bool) -> Session {
        Session::SignedIn(SessionUser {
            id: 1,
            username: "anna".into(),
            email: "anna@rotoclear.de".into(),
            first_name: "Anna".into(),
            last_name: "Berg".into(),
            role,
            must_change_password,
        })
    }

    #[test]
    fn access_rules_use_the_role_predicates() {
        for role in Role::ALL {
            assert!(Access::Public.allows(Some(role)));
            assert!(Access::Authenticated.allows(Some(role)));
            assert_eq!(Access::Admin.allows(Some(role)), role == Role::Admin);
            assert_eq!(
                Access::PrueferA.allows(Some(role)),
                role.can_act_as_pruefer_a()
            );
            assert_eq!(
                Access::PrueferB.allows(Some(role)),
                role.can_act_as_pruefer_b()
            );
            assert_eq!(
                Access::Dashboards.allows(Some(role)),
                role.can_view_dashboards()
            );
        }
        assert!(Access::Public.allows(None));
        for access in [
            Access::Authenticated,
            Access::PrueferA,
            Access::PrueferB,
            Access::Dashboards,
            Access::Admin,
        ] {
            assert!(!access.allows(None), "{access:?}");
        }
    }

    #[test]
    fn guarded_pages_wait_redirect_or_refuse() {
        let admin = Access::Admin;
        assert_eq!(gate(admin, &Session::Checking, None, false), Gate::Wait);
        assert_eq!(
            gate(admin, &Session::Anonymous, Some(false), false),
            Gate::Detour(Detour::Login)
        );
        assert_eq!(
            gate(admin, &Session::Anonymous, Some(true), false),
            Gate::Detour(Detour::Setup)
        );
        assert_eq!(
            gate(admin, &user(Role::PrueferB, false), Some(false), false),
            Gate::NoAccess(Role::PrueferB)
        );
        assert_eq!(
            gate(admin, &user(Role::Admin, false), Some(false), false),
            Gate::Show
        );
        let down = ErrorBody::new(ErrorCode::ServiceUnavailable, api::UNREACHABLE);
        assert_eq!(
            gate(admin, &Session::Failed(down.clone()), None, false),
            Gate::Failed(down)
        );
        assert_eq!(
            gate(Access::Public, &Session::Checking, None, false),
            Gate::Show
        );
    }

    #[test]
    fn a_reset_password_leads_to_the_password_page_only() {
        let reset = user(Role::Admin, true);
        assert_eq!(
            gate(Access::Admin, &reset, Some(false), false),
            Gate::Detour(Detour::PasswordChange)
        );
        assert_eq!(
            gate(Access::Authenticated, &reset, Some(false), true),
            Gate::Show
        );
        assert_eq!(gate(Access::Public, &reset, Some(false), false), Gate::Show);
    }

    #[test]
    fn return_targets_stay_on_this_origin() {
        assert_eq!(
            return_target(Some("/admin/users?page=2")),
            "/admin/users?page=2"
        );
        for hostile in [
            "//evil.example",
            "/\\evil.example",
            "https://evil.example",
            "javascript:alert(1)",
            "",
            "/login",
            "/login?redirect=/x",
            "/setup",
        ] {
            assert_eq!(return_target(Some(hostile)), "/", "{hostile}");
        }
        assert_eq!(return_target(None), "/");
    }

    #[test]
    fn the_login_link_remembers_the_page() {
        assert_eq!(login_path("/"), "/login");
        assert_eq!(
            login_path("/admin/users"),
            "/login?redirect=%2Fadmin%2Fusers"
        );
    }
}
