//! The top of a page: its title, the page's main action beside it, an introduction below.

use leptos::prelude::*;

use crate::i18n::{Key, use_i18n};

/// The `<h1>` with `title`; with `children` (the page's buttons) both share one row.
#[component]
pub fn PageHeader(
    title: Key,
    #[prop(optional)] intro: Option<Key>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let i18n = use_i18n();
    let heading = view! {
        <h1 class="page-title" data-testid="page-title">
            {i18n.tr(title)}
        </h1>
    };
    let heading = match children {
        Some(children) => view! {
            <div class="page-header">
                {heading}
                {children()}
            </div>
        }
        .into_any(),
        None => heading.into_any(),
    };
    view! {
        {heading}
        {intro.map(|intro| view! { <p class="page-intro">{i18n.tr(intro)}</p> })}
    }
}

/// "+ `label`": the button that opens a page's create dialog.
#[component]
pub fn CreateButton(
    label: Key,
    testid: &'static str,
    #[prop(into)] on_click: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <button
            type="button"
            class="btn btn--primary"
            data-testid=testid
            on:click=move |_| on_click.run(())
        >
            "+ "
            {i18n.tr(label)}
        </button>
    }
}
