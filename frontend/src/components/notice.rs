//! A page that only tells something, with one way on (no access, not found, setup already done).

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{Key, use_i18n};

/// `title`, the text (`children`) and a button to `href` labelled `link`.
#[component]
pub fn NoticePage(
    title: Key,
    #[prop(optional)] testid: Option<&'static str>,
    href: &'static str,
    link: Key,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="page page--narrow">
            <div class="card" data-testid=testid>
                <h1 class="page-title" data-testid="page-title">
                    {i18n.tr(title)}
                </h1>
                <p>{children()}</p>
                <A href=href attr:class="btn btn--primary">
                    {i18n.tr(link)}
                </A>
            </div>
        </div>
    }
}
