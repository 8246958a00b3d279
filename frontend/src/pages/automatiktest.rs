//! The Automatiktest link of a unit (`/products/:key/automatiktest`, every signed-in user): the link
//! to the device's self-test result that Prüfer B recorded, to copy or open. Only product lines with
//! an Automatiktest (C Pro, C2, KK) have one.

use std::time::Duration;

use api_types::inspection::ProductDefinition;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::api;
use crate::auth::Access;
use crate::components::form::Form;
use crate::components::guard::RequireAccess;
use crate::components::toast::use_toasts;
use crate::components::unit_lookup::{
    RouteProduct, SERIAL_FIELD, SerialSearch, not_found_at_serial,
};
use crate::i18n::{Key, fill, use_i18n};
use crate::pages::inspection_detail::safe_link;
use crate::pages::use_page_title;

/// Every signed-in user.
pub const ACCESS: Access = Access::Authenticated;

/// How long "Kopiert!" stays on the button.
const COPIED_FOR: Duration = Duration::from_millis(1500);

#[component]
pub fn AutomatiktestPage() -> impl IntoView {
    use_page_title(Key::AutomatiktestTab);
    view! {
        <RequireAccess access=ACCESS>
            <div class="page">
                <RouteProduct render=|definition| view! { <Automatiktest definition /> } />
            </div>
        </RequireAccess>
    }
}

#[component]
fn Automatiktest(definition: ProductDefinition) -> impl IntoView {
    let i18n = use_i18n();
    let name = definition.name.clone();
    let heading = {
        let name = name.clone();
        view! {
            <h1 class="page-title" data-testid="page-title">
                {move || fill(i18n.t(Key::AutomatiktestTitle), &[("name", &name)])}
            </h1>
        }
    };
    if !definition.automatiktest {
        return view! {
            {heading}
            <div class="alert alert--warning" role="status" data-testid="qr-unsupported">
                <p class="alert__title">
                    {move || fill(i18n.t(Key::AutomatiktestUnsupported), &[("name", &name)])}
                </p>
            </div>
        }
        .into_any();
    }
    view! {
        {heading}
        <p class="page-intro">{i18n.tr(Key::AutomatiktestIntro)}</p>
        <Lookup key=definition.key />
    }
    .into_any()
}

/// What the last search found.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Found {
    Link(String),
    /// The unit exists but has no link (not completed by B yet, or none recorded).
    Nothing,
}

#[component]
fn Lookup(key: String) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let form = Form::new();
    let serial = RwSignal::new(String::new());
    let found = RwSignal::new(None::<Found>);
    let search = Callback::new(move |wanted: String| {
        let key = key.clone();
        form.submit(true, &[SERIAL_FIELD], move || async move {
            found.set(None);
            let answer = api::automatiktest_link(&key, &wanted)
                .await
                .map_err(|error| not_found_at_serial(error, i18n.t(Key::UnitNotFoundText)))?;
            let link = answer
                .qr_code
                .map(|link| link.trim().to_owned())
                .filter(|link| !link.is_empty());
            if link.is_some() {
                toasts.success(i18n.t(Key::AutomatiktestLoaded), "");
            }
            found.try_set(Some(link.map_or(Found::Nothing, Found::Link)));
            Ok(())
        });
    });
    let result = move || {
        found.get().map(|found| match found {
            Found::Link(link) => view! { <LinkPanel link /> }.into_any(),
            Found::Nothing => view! {
                <div class="alert alert--warning" role="status" data-testid="qr-none">
                    <p class="alert__title">{i18n.tr(Key::NoAutomatiktestLink)}</p>
                </div>
            }
            .into_any(),
        })
    };
    view! {
        <SerialSearch
            form
            serial
            input_testid="qr-serial"
            button_testid="qr-load"
            button=Key::ShowLink
            on_search=search
            on_reset=move |()| found.set(None)
        />
        {result}
    }
}

/// "Automatiktest Referenz": the link read-only, "Kopieren" and "Öffnen" (a new tab that cannot
/// reach back into this one).
#[component]
fn LinkPanel(link: String) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let input = NodeRef::<html::Input>::new();
    let copied = RwSignal::new(false);
    let copy = move |_| {
        let Some(input) = input.get_untracked() else {
            return;
        };
        // Select-and-copy works on plain HTTP too, where the asynchronous clipboard API is missing.
        input.select();
        let done = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.dyn_into::<web_sys::HtmlDocument>().ok())
            .and_then(|document| document.exec_command("copy").ok())
            .unwrap_or(false);
        if done {
            copied.set(true);
            toasts.success(i18n.t(Key::LinkCopied), i18n.t(Key::LinkCopiedText));
            set_timeout(
                move || {
                    copied.try_set(false);
                },
                COPIED_FOR,
            );
        } else {
            toasts.warning(i18n.t(Key::CopyFailed), "");
        }
    };
    let href = safe_link(&link).map(str::to_owned);
    let not_a_link = href.is_none().then(|| {
        // Older records hold other text (the SVG of a QR code): nothing to open.
        view! {
            <p class="field__hint" data-testid="qr-not-a-link">
                {i18n.tr(Key::NotAWebLink)}
            </p>
        }
    });
    let open = href.map(|href| {
        view! {
            <a
                class="btn btn--primary"
                href=href
                target="_blank"
                rel="noopener noreferrer"
                title=i18n.tr(Key::OpenLinkTitle)
                data-testid="qr-open"
            >
                {i18n.tr(Key::OpenLink)}
            </a>
        }
    });
    view! {
        <section class="card form" data-testid="qr-panel" aria-labelledby="qr-panel-title">
            <h2 class="section__title" id="qr-panel-title">
                {i18n.tr(Key::AutomatiktestReference)}
            </h2>
            <label class="field__label" for="qr-link">
                {i18n.tr(Key::AutomatiktestLink)}
            </label>
            <div class="copy-field">
                <input
                    id="qr-link"
                    class="input input--mono"
                    readonly
                    node_ref=input
                    data-testid="qr-link"
                    prop:value=link.clone()
                    on:focus=move |_| {
                        if let Some(input) = input.get_untracked() {
                            input.select();
                        }
                    }
                />
                <button
                    type="button"
                    class="btn btn--secondary"
                    data-testid="qr-copy"
                    data-copied=move || copied.get().to_string()
                    on:click=copy
                >
                    {move || i18n.t(if copied.get() { Key::CopiedShort } else { Key::Copy })}
                </button>
                {open}
            </div>
            {not_a_link}
        </section>
    }
}
