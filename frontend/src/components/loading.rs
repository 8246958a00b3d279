//! Placeholder while data loads for the first time.

use leptos::prelude::*;

use crate::i18n::{Key, use_i18n};

/// A spinner and what is being loaded.
#[component]
pub fn Loading(label: Key) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="loading" role="status" data-testid="loading">
            <span class="spinner" aria-hidden="true"></span>
            {i18n.tr(label)}
        </p>
    }
}
