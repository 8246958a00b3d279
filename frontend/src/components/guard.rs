//! Pages behind an [`Access`] rule: shown to the roles the rule allows, a "no access" page for other
//! signed-in users, the login (or first-run setup) for visitors, the password change for users whose
//! password was reset.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;

use crate::auth::{Access, Detour, Gate, PASSWORD_PATH, SETUP_PATH, gate, login_path, use_auth};
use crate::components::error_panel::ErrorPanel;
use crate::components::loading::Loading;
use crate::i18n::Key;
use crate::pages::no_access::NoAccessPage;

/// Renders `children` only when the signed-in user may use the page.
#[component]
pub fn RequireAccess(
    access: Access,
    /// The page where the password is changed: open even while a password change is pending.
    #[prop(optional)]
    password_page: bool,
    children: ChildrenFn,
) -> impl IntoView {
    let auth = use_auth();
    let navigate = use_navigate();
    // A memo: the page is built again only when the decision changes, not on every change of the
    // session (a saved profile must not reset the forms on the page).
    let decision = Memo::new(move |_| {
        let needs_setup = auth.needs_setup();
        gate(access, &auth.session(), needs_setup, password_page)
    });
    Effect::new(move || {
        if let Gate::Detour(detour) = decision.get() {
            let target = match detour {
                Detour::Setup => SETUP_PATH.to_owned(),
                Detour::Login => login_path(&current_location()),
                Detour::PasswordChange => PASSWORD_PATH.to_owned(),
            };
            navigate(
                &target,
                NavigateOptions {
                    replace: true,
                    ..NavigateOptions::default()
                },
            );
        }
    });
    move || match decision.get() {
        Gate::Show => children().into_any(),
        Gate::NoAccess(role) => view! { <NoAccessPage role /> }.into_any(),
        Gate::Failed(error) => view! {
            <div class="page">
                <ErrorPanel error on_retry=move |()| leptos::task::spawn_local(auth.load()) />
            </div>
        }
        .into_any(),
        Gate::Wait | Gate::Detour(_) => view! { <Loading label=Key::CheckingAccess /> }.into_any(),
    }
}

/// Path and query of the page the browser shows.
fn current_location() -> String {
    web_sys::window()
        .map(|window| window.location())
        .and_then(|location| Some(location.pathname().ok()? + &location.search().ok()?))
        .unwrap_or_else(|| "/".to_owned())
}
