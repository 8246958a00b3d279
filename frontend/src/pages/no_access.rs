//! Shown instead of a page the signed-in user's role may not use.

use api_types::auth::Role;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{Key, fill, role_label, use_i18n};
use crate::pages::use_page_title;

#[component]
pub fn NoAccessPage(role: Role) -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Key::NoAccessTitle);
    view! {
        <div class="page page--narrow">
            <div class="card" data-testid="no-access">
                <h1 class="page-title" data-testid="page-title">
                    {i18n.tr(Key::NoAccessTitle)}
                </h1>
                <p>
                    {move || {
                        fill(i18n.t(Key::NoAccessText), &[("role", role_label(role, i18n.lang()))])
                    }}
                </p>
                <A href="/" attr:class="btn btn--primary">
                    {i18n.tr(Key::BackHome)}
                </A>
            </div>
        </div>
    }
}
