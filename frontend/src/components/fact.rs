//! A label/value pair inside a `<dl class="facts">`.

use leptos::prelude::*;

use crate::i18n::{Key, use_i18n};

/// `<dt>label</dt><dd>value</dd>`; `testid` marks the value.
#[component]
pub fn Fact(
    label: Key,
    #[prop(into)] value: TextProp,
    #[prop(optional)] testid: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="fact">
            <dt>{i18n.tr(label)}</dt>
            <dd data-testid=testid>{move || value.get()}</dd>
        </div>
    }
}
