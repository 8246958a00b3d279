//! The printer a workstation prints on: a labelled selection of the enabled printers with the chosen
//! printer's live status. Every page that prints uses it.
//!
//! The choice is remembered per browser (a workstation keeps its printer); a new browser starts with
//! the default printer.

use api_types::printers::PrinterDto;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use crate::api;
use crate::auth::use_auth;
use crate::components::form::next_id;
use crate::components::loading::Loaded;
use crate::components::printer_status::PrinterStatusBadge;
use crate::i18n::{Key, use_i18n};
use crate::print_events::use_print_events;

/// Where the browser remembers the chosen printer.
pub const STORAGE_KEY: &str = "etikettdrucker.printerId";

/// The client route of the printer administration.
pub const PRINTERS_PATH: &str = "/admin/printers";

/// The printer to start with: `current` or the remembered one while enabled, else the default
/// printer, else the first enabled one; `None` when no printer is enabled.
pub fn initial_choice(
    printers: &[PrinterDto],
    current: Option<i64>,
    stored: Option<i64>,
) -> Option<i64> {
    let usable = |id: &i64| {
        printers
            .iter()
            .any(|printer| printer.id == *id && printer.enabled)
    };
    current
        .filter(usable)
        .or(stored.filter(usable))
        .or_else(|| {
            printers
                .iter()
                .find(|printer| printer.enabled && printer.is_default)
                .map(|printer| printer.id)
        })
        .or_else(|| {
            printers
                .iter()
                .find(|printer| printer.enabled)
                .map(|printer| printer.id)
        })
}

/// How a printer is named in the selection: its name and, when set, where it stands.
pub fn option_label(printer: &PrinterDto) -> String {
    match printer.location.trim() {
        "" => printer.name.clone(),
        location => format!("{} – {location}", printer.name),
    }
}

/// A `<select>` of the enabled printers bound to `selected`, with the chosen printer's status.
/// Without an enabled printer it says so, with a link to the printer administration for
/// administrators, and leaves `selected` empty.
#[component]
pub fn PrinterPicker(
    selected: RwSignal<Option<i64>>,
    /// `data-testid` of the `<select>` (default `printer-picker`); the status is `{testid}-status`,
    /// the hint without printers `{testid}-empty`.
    #[prop(optional)]
    testid: Option<&'static str>,
    /// A message about the choice, such as the server's `printerId` error.
    #[prop(optional, into)]
    error: Option<Signal<Option<String>>>,
) -> impl IntoView {
    let testid = testid.unwrap_or("printer-picker");
    let events = use_print_events();
    let printers = LocalResource::new(api::printers);

    // The status of the chosen printer, asked for whenever the choice changes; live events keep it
    // current afterwards.
    Effect::new(move || {
        if let Some(id) = selected.get() {
            spawn_local(async move {
                if let Ok(status) = api::printer_status(id).await {
                    events.record_status(status.data);
                }
            });
        }
    });

    view! {
        <div class="printer-picker">
            <Loaded
                resource=printers
                label=Key::PrintersLoading
                render=move |list| {
                    view! { <Choice printers=list.data.printers selected testid error /> }
                }
            />
        </div>
    }
}

#[component]
fn Choice(
    printers: Vec<PrinterDto>,
    selected: RwSignal<Option<i64>>,
    testid: &'static str,
    error: Option<Signal<Option<String>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let events = use_print_events();

    let choice = initial_choice(&printers, selected.get_untracked(), storage::stored());
    if choice != selected.get_untracked() {
        selected.set(choice);
    }

    let enabled: Vec<PrinterDto> = printers
        .iter()
        .filter(|printer| printer.enabled)
        .cloned()
        .collect();
    if enabled.is_empty() {
        let text = if printers.is_empty() {
            Key::NoPrinters
        } else {
            Key::NoEnabledPrinters
        };
        let way_on = move || {
            if auth.role().is_some_and(|role| role.is_admin()) {
                view! {
                    <A
                        href=PRINTERS_PATH
                        attr:class="btn btn--secondary"
                        attr:data-testid=format!("{testid}-setup")
                    >
                        {i18n.tr(Key::SetUpPrinters)}
                    </A>
                }
                .into_any()
            } else {
                view! { <p>{i18n.tr(Key::AskAdminForPrinter)}</p> }.into_any()
            }
        };
        let error = move || error.and_then(|error| error.get());
        return view! {
            <div class="alert alert--warning" role="status" data-testid=format!("{testid}-empty")>
                <div class="alert__text">
                    <p class="alert__title">{i18n.tr(text)}</p>
                    <p class="field__error">{error}</p>
                </div>
                {way_on}
            </div>
        }
        .into_any();
    }

    let id = next_id("printer");
    let error_id = format!("{id}-error");
    let error = Signal::derive(move || error.and_then(|error| error.get()));
    let options = enabled
        .iter()
        .map(|printer| {
            let printer_id = printer.id;
            view! {
                <option
                    value=printer_id.to_string()
                    selected=move || selected.get() == Some(printer_id)
                >
                    {option_label(printer)}
                </option>
            }
        })
        .collect_view();
    let change = move |ev: leptos::ev::Event| {
        if let Ok(id) = event_target_value(&ev).parse::<i64>() {
            selected.set(Some(id));
            storage::store(id);
        }
    };
    let status = Signal::derive(move || selected.get().and_then(|id| events.printer_status(id)));
    view! {
        <div class="field" class=("field--invalid", move || error.get().is_some())>
            <label class="field__label" for=id.clone()>
                {i18n.tr(Key::PrinterLabel)}
            </label>
            <div class="printer-picker__row">
                <select
                    id=id
                    class="input printer-picker__select"
                    name="printerId"
                    data-testid=testid
                    aria-invalid=move || error.get().is_some().to_string()
                    aria-describedby=error_id.clone()
                    prop:value=move || selected.get().map(|id| id.to_string()).unwrap_or_default()
                    on:change=change
                >
                    {options}
                </select>
                <PrinterStatusBadge status testid=format!("{testid}-status") />
            </div>
            <p class="field__error" id=error_id>
                {move || error.get()}
            </p>
        </div>
    }
    .into_any()
}

mod storage {
    use super::STORAGE_KEY;

    fn storage() -> Option<web_sys::Storage> {
        // Missing or blocked storage (privacy settings): the choice lasts one visit.
        web_sys::window()?.local_storage().ok().flatten()
    }

    pub fn stored() -> Option<i64> {
        storage()?.get_item(STORAGE_KEY).ok()??.trim().parse().ok()
    }

    pub fn store(id: i64) {
        if let Some(storage) = storage() {
            let _ = storage.set_item(STORAGE_KEY, &id.to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn printer(id: i64, enabled: bool, is_default: bool) -> PrinterDto {
        PrinterDto {
            id,
            name: format!("Drucker {id}"),
            host: "127.0.0.1".into(),
            port: 9100,
            dpi: 300,
            label_width_mm: 100,
            label_height_mm: 150,
            location: String::new(),
            enabled,
            is_default,
            updated_at: "2026-11-26T10:30:00Z".into(),
            updated_by: None,
        }
    }

    #[test]
    fn remembered_printer_wins_while_enabled() {
        let printers = [
            printer(1, true, false),
            printer(2, true, true),
            printer(3, false, false),
        ];
        assert_eq!(initial_choice(&printers, None, Some(1)), Some(1));
        // Disabled or gone: the default printer.
        assert_eq!(initial_choice(&printers, None, Some(3)), Some(2));
        assert_eq!(initial_choice(&printers, None, Some(99)), Some(2));
        assert_eq!(initial_choice(&printers, None, None), Some(2));
        // A choice already made on the page stays.
        assert_eq!(initial_choice(&printers, Some(1), Some(2)), Some(1));
        assert_eq!(initial_choice(&printers, Some(3), Some(1)), Some(1));
    }

    #[test]
    fn without_default_the_first_enabled_printer() {
        let printers = [
            printer(1, false, true),
            printer(2, true, false),
            printer(3, true, false),
        ];
        assert_eq!(initial_choice(&printers, None, None), Some(2));
        assert_eq!(
            initial_choice(&[printer(1, false, false)], None, Some(1)),
            None
        );
        assert_eq!(initial_choice(&[], None, Some(1)), None);
    }

    #[test]
    fn options_name_the_location() {
        let mut packing = printer(1, true, false);
        assert_eq!(option_label(&packing), "Drucker 1");
        packing.location = "Halle 2".into();
        assert_eq!(option_label(&packing), "Drucker 1 – Halle 2");
    }
}
