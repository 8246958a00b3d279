//! The DE/EN button in the header.

use leptos::prelude::*;

use crate::i18n::{Key, Lang, use_i18n};

/// Switches between German and English; the active language is highlighted.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let code = move |lang: Lang| {
        view! {
            <span
                class="lang-switch__code"
                class=("lang-switch__code--active", move || i18n.lang() == lang)
            >
                {lang.code().to_uppercase()}
            </span>
        }
    };
    view! {
        <button
            type="button"
            class="lang-switch"
            data-testid="lang-switch"
            aria-label=i18n.tr(Key::LangSwitchLabel)
            title=i18n.tr(Key::LangSwitchLabel)
            on:click=move |_| i18n.toggle()
        >
            {code(Lang::De)}
            <span class="lang-switch__separator" aria-hidden="true">
                "/"
            </span>
            {code(Lang::En)}
        </button>
    }
}
