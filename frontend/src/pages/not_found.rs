//! Shown for client routes that do not exist.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use crate::i18n::{Key, use_i18n};
use crate::pages::use_page_title;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    use_page_title(Key::NotFoundTitle);
    view! {
        <div class="page page--narrow">
            <div class="card">
                <h1 class="page-title" data-testid="page-title">
                    {i18n.tr(Key::NotFoundTitle)}
                </h1>
                <p>
                    {i18n.tr(Key::NotFoundText)} " "
                    <code class="path">{move || location.pathname.get()}</code>
                </p>
                <A href="/" attr:class="btn btn--primary">
                    {i18n.tr(Key::BackHome)}
                </A>
            </div>
        </div>
    }
}
