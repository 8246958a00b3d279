//! The app: contexts, page frame (header, navigation, footer) and the client routes.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{A, Route, Router, Routes};
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::path;

use crate::api::{self, SessionProblem};
use crate::auth::{Access, LOGIN_PATH, PASSWORD_PATH, provide_auth, use_auth};
use crate::components::lang_switch::LangSwitch;
use crate::components::toast::{ToastRegion, provide_toasts, use_toasts};
use crate::i18n::{Key, provide_i18n, role_label, use_i18n};
use crate::pages::admin_api_tokens::{self, ApiTokensPage};
use crate::pages::admin_articles::{self, ArticlesPage};
use crate::pages::admin_printers::{self, PrintersPage};
use crate::pages::admin_security_events::{self, SecurityEventsPage};
use crate::pages::admin_users::{self, UsersPage};
use crate::pages::analytics::{self, AnalyticsPage};
use crate::pages::automatiktest::AutomatiktestPage;
use crate::pages::carton::CartonPage;
use crate::pages::carton_detail::CartonDetailPage;
use crate::pages::cartons::CartonsPage;
use crate::pages::halterung::HalterungPage;
use crate::pages::halterung_history::HalterungHistoryPage;
use crate::pages::home::{self, HomePage};
use crate::pages::inspect_a::InspectAPage;
use crate::pages::inspect_b::InspectBPage;
use crate::pages::inspection_detail::InspectionDetailPage;
use crate::pages::inspections::{self, InspectionsPage};
use crate::pages::login::LoginPage;
use crate::pages::not_found::NotFoundPage;
use crate::pages::packaging::{self, PackagingPage};
use crate::pages::print_jobs::{self, PrintJobsPage};
use crate::pages::product_dashboard::ProductDashboardPage;
use crate::pages::products::{self, ProductsPage};
use crate::pages::profile::ProfilePage;
use crate::pages::reprint::ReprintPage;
use crate::pages::setup::SetupPage;
use crate::pages::status::{self, StatusPage};
use crate::pages::system::{self, SystemPage};
use crate::pages::zubehoer::ZubehoerPage;
use crate::pages::zubehoer_history::ZubehoerHistoryPage;
use crate::print_events::provide_print_events;

/// Version shown in the footer.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// An entry of the main navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NavItem {
    /// Client route the entry links to.
    pub path: &'static str,
    pub label: Key,
    /// Active only on exactly this path (the start page), not on paths below it.
    pub exact: bool,
    /// Who sees the entry: the rule of the page it leads to.
    pub access: Access,
}

/// The main navigation, in display order.
pub const NAV_ITEMS: &[NavItem] = &[
    NavItem {
        path: "/",
        label: Key::NavHome,
        exact: true,
        access: home::ACCESS,
    },
    NavItem {
        path: products::PATH,
        label: Key::NavInspect,
        exact: false,
        access: products::ACCESS,
    },
    NavItem {
        path: inspections::PATH,
        label: Key::NavInspections,
        exact: false,
        access: inspections::ACCESS,
    },
    NavItem {
        path: packaging::PATH,
        label: Key::NavPackaging,
        exact: false,
        access: packaging::ACCESS,
    },
    NavItem {
        path: print_jobs::PATH,
        label: Key::NavPrintJobs,
        exact: false,
        access: print_jobs::ACCESS,
    },
    NavItem {
        path: analytics::PATH,
        label: Key::NavDashboards,
        exact: false,
        access: analytics::ACCESS,
    },
    NavItem {
        path: status::PATH,
        label: Key::NavStatus,
        exact: false,
        access: status::ACCESS,
    },
    NavItem {
        path: admin_users::PATH,
        label: Key::NavAdminUsers,
        exact: false,
        access: admin_users::ACCESS,
    },
    NavItem {
        path: admin_printers::PATH,
        label: Key::NavPrinters,
        exact: false,
        access: admin_printers::ACCESS,
    },
    NavItem {
        path: admin_articles::PATH,
        label: Key::NavArticles,
        exact: false,
        access: admin_articles::ACCESS,
    },
    NavItem {
        path: "/admin/api-tokens",
        label: Key::NavApiTokens,
        exact: false,
        access: admin_api_tokens::ACCESS,
    },
    NavItem {
        path: "/admin/security-events",
        label: Key::NavSecurityEvents,
        exact: false,
        access: admin_security_events::ACCESS,
    },
    NavItem {
        path: system::PATH,
        label: Key::NavSystem,
        exact: false,
        access: system::ACCESS,
    },
];

/// `data-testid` of the navigation link to `path`: `/admin/users` → `nav--admin-users`.
pub fn nav_testid(path: &str) -> String {
    format!("nav-{}", path.replace('/', "-"))
}

#[component]
pub fn App() -> impl IntoView {
    let i18n = provide_i18n();
    let toasts = provide_toasts();
    let auth = provide_auth();
    // Any request can find the session gone or a password reset; the guarded pages then send the
    // user to the login or the password change.
    api::set_session_listener(move |problem| match problem {
        SessionProblem::SignedOut => {
            if auth.signed_out() {
                toasts.warning(
                    i18n.t(Key::SessionEndedTitle),
                    i18n.t(Key::SessionEndedText),
                );
            }
        }
        SessionProblem::PasswordChangeRequired => {
            auth.update_user(|user| user.must_change_password = true);
        }
    });
    // The live print queue follows the session: one stream while somebody is signed in (and may
    // use the app: a pending password change refuses everything else).
    let events = provide_print_events(i18n, toasts);
    Effect::new(move || match auth.user() {
        Some(user) if !user.must_change_password => events.start(user.username),
        _ => events.stop(),
    });
    spawn_local(auth.load());
    view! {
        <Router>
            <Shell>
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/status") view=StatusPage />
                    <Route path=path!("/login") view=LoginPage />
                    <Route path=path!("/setup") view=SetupPage />
                    <Route path=path!("/profile") view=ProfilePage />
                    <Route path=path!("/admin/users") view=UsersPage />
                    <Route path=path!("/print-jobs") view=PrintJobsPage />
                    <Route path=path!("/products") view=ProductsPage />
                    <Route path=path!("/products/:key/a") view=InspectAPage />
                    <Route path=path!("/products/:key/b") view=InspectBPage />
                    <Route path=path!("/inspections") view=InspectionsPage />
                    <Route path=path!("/inspections/:id") view=InspectionDetailPage />
                    <Route path=path!("/products/:key/reprint") view=ReprintPage />
                    <Route path=path!("/products/:key/automatiktest") view=AutomatiktestPage />
                    <Route path=path!("/admin/printers") view=PrintersPage />
                    <Route path=path!("/admin/articles") view=ArticlesPage />
                    <Route path=path!("/packaging") view=PackagingPage />
                    <Route path=path!("/zubehoer") view=ZubehoerPage />
                    <Route path=path!("/zubehoer/history") view=ZubehoerHistoryPage />
                    <Route path=path!("/halterung") view=HalterungPage />
                    <Route path=path!("/halterung/history") view=HalterungHistoryPage />
                    <Route path=path!("/outerkarton") view=CartonPage />
                    <Route path=path!("/outerkarton/history") view=CartonsPage />
                    <Route path=path!("/outerkarton/:id") view=CartonDetailPage />
                    <Route path=path!("/admin/api-tokens") view=ApiTokensPage />
                    <Route path=path!("/admin/security-events") view=SecurityEventsPage />
                    <Route path=path!("/dashboard") view=AnalyticsPage />
                    <Route path=path!("/dashboard/:product") view=ProductDashboardPage />
                    <Route path=path!("/admin/system") view=SystemPage />
                </Routes>
            </Shell>
        </Router>
    }
}

/// The frame around every page.
#[component]
fn Shell(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <a class="skip-link" href="#main">
            {i18n.tr(Key::SkipToContent)}
        </a>
        <Header />
        <main id="main" class="app-main" tabindex="-1">
            {children()}
        </main>
        <Footer />
        <ToastRegion />
    }
}

#[component]
fn Header() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <header class="app-header">
            <div class="app-header__bar">
                <A href="/" exact=true attr:class="app-header__brand" attr:aria-label=i18n.tr(Key::LogoHomeLabel)>
                    <img
                        class="app-header__logo"
                        src="/assets/logo.svg"
                        alt="Rotoclear"
                        width="213"
                        height="24"
                    />
                </A>
                <span class="app-header__product">{i18n.tr(Key::AppName)}</span>
                <div class="app-header__actions">
                    <UserMenu />
                    <LangSwitch />
                </div>
            </div>
            <Nav />
        </header>
    }
}

/// Who is signed in, with the links to the profile and to sign out; a sign-in link otherwise.
#[component]
fn UserMenu() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let toasts = use_toasts();
    let navigate = use_navigate();
    let location = use_location();
    let busy = RwSignal::new(false);
    let logout = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            // The session ends on this device whatever the server answers: a failed request must not
            // leave a shared workstation signed in.
            let _ = api::logout().await;
            auth.signed_out();
            busy.set(false);
            toasts.info(i18n.t(Key::LoggedOutTitle), i18n.t(Key::LoggedOutText));
            navigate(LOGIN_PATH, Default::default());
        });
    };
    move || match auth.user() {
        Some(user) => {
            let role = user.role;
            let name = format!("{} {}", user.first_name, user.last_name);
            view! {
                <div class="user-menu" role="group" aria-label=i18n.tr(Key::UserMenuLabel)>
                    <A href=PASSWORD_PATH attr:class="user-menu__who" attr:data-testid="user-menu-profile" attr:title=i18n.tr(Key::NavProfile)>
                        <span class="user-menu__name" data-testid="user-menu-name">
                            {name}
                        </span>
                        <span class="user-menu__role" data-testid="user-menu-role">
                            {move || role_label(role, i18n.lang())}
                        </span>
                    </A>
                    <A href=PASSWORD_PATH attr:class="user-menu__link">
                        {i18n.tr(Key::NavProfile)}
                    </A>
                    <button
                        type="button"
                        class="user-menu__logout"
                        data-testid="logout"
                        disabled=move || busy.get()
                        on:click=logout.clone()
                    >
                        {i18n.tr(Key::Logout)}
                    </button>
                </div>
            }
            .into_any()
        }
        // No link to the page the visitor is on.
        None if location.pathname.get() == LOGIN_PATH => ().into_any(),
        None => view! {
            <A href=LOGIN_PATH attr:class="user-menu__link" attr:data-testid="login-link">
                {i18n.tr(Key::LoginLink)}
            </A>
        }
        .into_any(),
    }
}

/// The entries the signed-in user's role may use.
#[component]
fn Nav() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let links = move || {
        let role = auth.role();
        NAV_ITEMS
            .iter()
            .filter(|item| item.access.allows(role))
            .map(|item| {
                view! {
                    <li>
                        <A
                            href=item.path
                            exact=item.exact
                            attr:class="app-nav__link"
                            attr:data-testid=nav_testid(item.path)
                        >
                            {i18n.tr(item.label)}
                        </A>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <nav class="app-nav" data-testid="nav" aria-label=i18n.tr(Key::NavLabel)>
            <ul class="app-nav__list">{links}</ul>
        </nav>
    }
}

#[component]
fn Footer() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <footer class="app-footer" data-testid="footer">
            {move || format!("© 2026 Rotoclear GmbH – {} V{VERSION}", i18n.t(Key::FooterRights))}
        </footer>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn navigation_entries_are_distinct_client_routes() {
        for (index, item) in NAV_ITEMS.iter().enumerate() {
            assert!(item.path.starts_with('/'), "{item:?}");
            assert!(
                NAV_ITEMS[..index]
                    .iter()
                    .all(|other| other.path != item.path),
                "duplicate {item:?}"
            );
        }
    }

    #[test]
    fn navigation_follows_the_role() {
        use api_types::auth::Role;

        let visible = |role: Option<Role>| -> Vec<&str> {
            NAV_ITEMS
                .iter()
                .filter(|item| item.access.allows(role))
                .map(|item| item.path)
                .collect()
        };
        assert_eq!(visible(None), ["/status"]);
        assert_eq!(
            visible(Some(Role::PrueferB)),
            [
                "/",
                "/products",
                "/inspections",
                "/packaging",
                "/print-jobs",
                "/status"
            ]
        );
        assert_eq!(
            visible(Some(Role::Viewer)),
            ["/", "/inspections", "/packaging", "/print-jobs", "/status"]
        );
        assert_eq!(
            visible(Some(Role::Admin)),
            [
                "/",
                "/products",
                "/inspections",
                "/packaging",
                "/print-jobs",
                "/dashboard",
                "/status",
                "/admin/users",
                "/admin/printers",
                "/admin/articles",
                "/admin/api-tokens",
                "/admin/security-events",
                "/admin/system"
            ]
        );
    }

    #[test]
    fn navigation_test_ids_follow_the_path() {
        assert_eq!(nav_testid("/admin/users"), "nav--admin-users");
        assert_eq!(nav_testid("/status"), "nav--status");
    }
}
