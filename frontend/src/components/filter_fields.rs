//! The fields of a filter bar (inspections, analytics, product dashboards): a `<select>` and a
//! plant-day input, each with the server's message about it (from the URL's filters) or what the
//! client-side rules say once the user tried to apply.

use api_types::validation::Message;
use leptos::prelude::*;

use crate::components::form::{Form, next_id};
use crate::i18n::{Key, message, use_i18n};

/// The message of a filter: the server's, otherwise the rules' (`issue`) once the user tried to
/// apply.
pub fn filter_error(
    form: Form,
    name: &'static str,
    issue: Option<Signal<Option<Message>>>,
) -> Signal<Option<String>> {
    let i18n = use_i18n();
    Signal::derive(move || {
        form.server_error(name).or_else(|| {
            issue
                .and_then(|issue| issue.get())
                .filter(|_| form.attempted())
                .map(|issue| message(issue, i18n.lang()).to_owned())
        })
    })
}

/// A filter `<select>` bound to `value` over `options` (value, text); with `all`, an "Alle" entry
/// (value `""`) first. `on_change` runs after each pick (to apply it at once).
#[component]
pub fn FilterSelect(
    form: Form,
    /// The filter's key in the server's `errors`.
    name: &'static str,
    label: Key,
    testid: &'static str,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    value: RwSignal<String>,
    #[prop(optional)] all: bool,
    #[prop(optional, into)] on_change: Option<Callback<()>>,
    /// What the client-side rules say about the current value.
    #[prop(optional, into)]
    issue: Option<Signal<Option<Message>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = next_id(testid);
    let error_id = format!("{id}-error");
    let error = filter_error(form, name, issue);
    let all_option = all.then(|| {
        view! {
            <option value="" selected=move || value.with(String::is_empty)>
                {i18n.tr(Key::FilterAll)}
            </option>
        }
    });
    let options = move || {
        options
            .get()
            .into_iter()
            .map(|(option, text)| {
                let chosen = option.clone();
                view! {
                    <option value=option selected=move || value.with(|value| *value == chosen)>
                        {text}
                    </option>
                }
            })
            .collect_view()
    };
    view! {
        <div class="field" class=("field--invalid", move || error.get().is_some())>
            <label class="field__label" for=id.clone()>
                {i18n.tr(label)}
            </label>
            <select
                id=id
                class="input"
                name=name
                data-testid=testid
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=error_id.clone()
                prop:value=move || value.get()
                on:change=move |ev| {
                    value.set(event_target_value(&ev));
                    form.edited(name);
                    if let Some(on_change) = on_change {
                        on_change.run(());
                    }
                }
            >
                {all_option}
                {options}
            </select>
            <p class="field__error" id=error_id>
                {move || error.get()}
            </p>
        </div>
    }
}

/// A labelled `<input type="date">` (a plant day, `YYYY-MM-DD`).
#[component]
pub fn DateField(
    form: Form,
    /// The filter's key in the server's `errors`.
    name: &'static str,
    label: Key,
    value: RwSignal<String>,
    testid: &'static str,
    /// What the client-side rules say about the current value (an end before the start).
    #[prop(optional, into)]
    issue: Option<Signal<Option<Message>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = next_id(testid);
    let error_id = format!("{id}-error");
    let error = filter_error(form, name, issue);
    view! {
        <div class="field" class=("field--invalid", move || error.get().is_some())>
            <label class="field__label" for=id.clone()>
                {i18n.tr(label)}
            </label>
            <input
                id=id
                class="input"
                type="date"
                name=name
                data-testid=testid
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=error_id.clone()
                bind:value=value
                on:input=move |_| form.edited(name)
            />
            <p class="field__error" id=error_id>
                {move || error.get()}
            </p>
        </div>
    }
}
