//! The app: contexts, page frame (header, navigation, footer) and the client routes.

use leptos::prelude::*;
use leptos_router::components::{A, Route, Router, Routes};
use leptos_router::path;

use crate::components::lang_switch::LangSwitch;
use crate::components::toast::{ToastRegion, provide_toasts};
use crate::i18n::{Key, provide_i18n, use_i18n};
use crate::pages::home::HomePage;
use crate::pages::not_found::NotFoundPage;
use crate::pages::status::StatusPage;

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
}

/// The main navigation, in display order.
pub const NAV_ITEMS: &[NavItem] = &[
    NavItem {
        path: "/",
        label: Key::NavHome,
        exact: true,
    },
    NavItem {
        path: "/status",
        label: Key::NavStatus,
        exact: false,
    },
];

#[component]
pub fn App() -> impl IntoView {
    provide_i18n();
    provide_toasts();
    view! {
        <Router>
            <Shell>
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/status") view=StatusPage />
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
                    <LangSwitch />
                </div>
            </div>
            <Nav />
        </header>
    }
}

#[component]
fn Nav() -> impl IntoView {
    let i18n = use_i18n();
    let links = NAV_ITEMS
        .iter()
        .map(|item| {
            view! {
                <li>
                    <A href=item.path exact=item.exact attr:class="app-nav__link">
                        {i18n.tr(item.label)}
                    </A>
                </li>
            }
        })
        .collect_view();
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
}
