//! Pages of one product line that look a unit up by its serial number (reprint, Automatiktest): the
//! product line named by the route's `:key`, and the focused serial input (typed or scanned; Enter
//! searches) with its search button.

use api_types::inspection::ProductDefinition;
use api_types::{ErrorBody, ErrorCode, FieldErrors};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api;
use crate::components::form::{Field, Form, SubmitButton};
use crate::components::loading::Loaded;
use crate::i18n::{Key, as_message, use_i18n};

/// The field's key in the server's `errors` (the original's column name).
pub const SERIAL_FIELD: &str = "serialnummer";

/// The serial number as searched for: without the spaces a scanner or a copy adds; `None` when
/// nothing is left.
pub fn searched_serial(input: &str) -> Option<String> {
    let serial = input.trim();
    (!serial.is_empty()).then(|| serial.to_owned())
}

/// A 404 of a lookup as the serial field's message (`message`, in the UI language); every other
/// error stays as it is.
pub fn not_found_at_serial(error: ErrorBody, message: &str) -> ErrorBody {
    if error.code != ErrorCode::NotFound {
        return error;
    }
    let mut fields = FieldErrors::new();
    fields.insert(SERIAL_FIELD.to_owned(), vec![message.to_owned()]);
    error.with_fields(fields)
}

/// The definition of the product line the route's `:key` names, drawn by `render` (an unknown key
/// shows the server's "not found").
#[component]
pub fn RouteProduct<F, V>(render: F) -> impl IntoView
where
    F: Fn(ProductDefinition) -> V + Copy + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let params = use_params_map();
    let key = Memo::new(move |_| params.with(|params| params.get("key").unwrap_or_default()));
    let definition = LocalResource::new(move || {
        let key = key.get();
        async move { api::product_definition(&key).await }
    });
    view! {
        <Loaded
            resource=definition
            label=Key::ProductLoading
            render=move |answer| render(answer.data)
        />
    }
}

/// The serial input (focused on load) and the search button, in `form`; `on_search` gets the
/// trimmed serial number. An empty input is refused next to the field.
#[component]
pub fn SerialSearch(
    form: Form,
    serial: RwSignal<String>,
    input_testid: &'static str,
    button_testid: &'static str,
    /// The button's text.
    button: Key,
    #[prop(into)] on_search: Callback<String>,
    /// Offers "Zurücksetzen", which empties the input and calls this.
    #[prop(optional, into)]
    on_reset: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let issue = Signal::derive(move || {
        serial.with(|serial| {
            searched_serial(serial)
                .is_none()
                .then(|| as_message(Key::SerialMissing))
        })
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if form.busy() {
            return;
        }
        match serial.with_untracked(|serial| searched_serial(serial)) {
            Some(trimmed) => on_search.run(trimmed),
            None => {
                form.check(false);
            }
        }
    };
    let reset = on_reset.map(|on_reset| {
        view! {
            <button
                type="button"
                class="btn btn--secondary"
                data-testid=format!("{input_testid}-reset")
                on:click=move |_| {
                    serial.set(String::new());
                    form.reset();
                    on_reset.run(());
                }
            >
                {i18n.tr(Key::ResetSearch)}
            </button>
        }
    });
    view! {
        <form class="card serial-search" novalidate node_ref=form.node() on:submit=submit>
            <div class="serial-search__row">
                <Field
                    form
                    name=SERIAL_FIELD
                    label=Key::SerialNumber
                    value=serial
                    issue
                    autocomplete="off"
                    testid=input_testid
                    required=true
                    autofocus=true
                    maxlength=200
                />
                <div class="serial-search__actions">
                    <SubmitButton form label=button busy_label=Key::Searching testid=button_testid />
                    {reset}
                </div>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serials_are_trimmed() {
        assert_eq!(searched_serial("  C2-0001 \n"), Some("C2-0001".to_owned()));
        assert_eq!(searched_serial("   "), None);
        assert_eq!(searched_serial(""), None);
    }

    #[test]
    fn only_not_found_becomes_the_fields_message() {
        let missing = ErrorBody::new(ErrorCode::NotFound, "Keine Einheit");
        let shown = not_found_at_serial(missing, "Kein Produkt mit dieser Seriennummer gefunden.");
        assert_eq!(
            shown.errors.unwrap_or_default()[SERIAL_FIELD],
            ["Kein Produkt mit dieser Seriennummer gefunden."]
        );
        let down = ErrorBody::new(ErrorCode::ServiceUnavailable, "Server nicht erreichbar");
        assert_eq!(not_found_at_serial(down.clone(), "x"), down);
    }
}
