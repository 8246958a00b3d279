//! Start page (`/`). Later issues add the product navigation and the production statistics.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::auth::{Access, use_auth};
use crate::components::guard::RequireAccess;
use crate::i18n::{Key, use_i18n};
use crate::pages::{products, use_page_title};

/// Every signed-in user.
pub const ACCESS: Access = Access::Authenticated;

#[component]
pub fn HomePage() -> impl IntoView {
    use_page_title(Key::HomeTitle);
    view! {
        <RequireAccess access=ACCESS>
            <Home />
        </RequireAccess>
    }
}

#[component]
fn Home() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let inspect = move || {
        products::ACCESS.allows(auth.role()).then(|| {
            view! {
                <A href=products::PATH attr:class="card card--link" attr:data-testid="home-inspect">
                    <span class="card__title">{i18n.tr(Key::NavInspect)}</span>
                    <span class="card__text">{i18n.tr(Key::HomeInspectText)}</span>
                </A>
            }
        })
    };
    view! {
        <div class="page">
            <section class="hero">
                <h1 class="hero__title" data-testid="page-title">
                    {i18n.tr(Key::HomeTitle)}
                </h1>
                <p class="hero__subtitle">{i18n.tr(Key::HomeSubtitle)}</p>
            </section>
            <section class="section" aria-labelledby="home-quick-access">
                <h2 id="home-quick-access" class="section__title">
                    {i18n.tr(Key::HomeQuickAccess)}
                </h2>
                <div class="card-grid">
                    {inspect}
                    <A href="/print-jobs" attr:class="card card--link">
                        <span class="card__title">{i18n.tr(Key::NavPrintJobs)}</span>
                        <span class="card__text">{i18n.tr(Key::HomePrintJobsText)}</span>
                    </A>
                    <A href="/status" attr:class="card card--link">
                        <span class="card__title">{i18n.tr(Key::NavStatus)}</span>
                        <span class="card__text">{i18n.tr(Key::HomeStatusText)}</span>
                    </A>
                    // Served by the server, not a client route: `rel="external"` makes the router let go.
                    <a href="/api/docs" rel="external" class="card card--link">
                        <span class="card__title">{i18n.tr(Key::HomeApiDocs)}</span>
                        <span class="card__text">{i18n.tr(Key::HomeApiDocsText)}</span>
                    </a>
                </div>
            </section>
        </div>
    }
}
