//! Printer administration (`/admin/printers`, administrators): register, change, enable or
//! disable, test and delete label printers, with each printer's live status.
//!
//! Workstations pick printers from this list only; nobody types an address when printing.

use std::collections::{HashMap, HashSet};
use std::ops::RangeInclusive;

use api_types::printers::{PrinterDto, PrinterRequest};
use api_types::validation::Message;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self, PrinterTest};
use crate::auth::Access;
use crate::components::badge::{Badge, Tone};
use crate::components::confirm::ConfirmDialog;
use crate::components::dialog::Dialog;
use crate::components::form::{
    CheckboxField, Choice, Field, Form, FormActions, FormError, InputKind, SelectField,
    SubmitButton, no_issues, optional_number, required, split_errors,
};
use crate::components::guard::RequireAccess;
use crate::components::loading::Loaded;
use crate::components::page_header::{CreateButton, PageHeader};
use crate::components::printer_status::PrinterStatusBadge;
use crate::components::table::DataTable;
use crate::components::toast::use_toasts;
use crate::i18n::{Key, Lang, as_message, use_i18n};
use crate::pages::use_page_title;
use crate::print_events::{LiveHint, use_print_events};

/// Administrators only.
pub const ACCESS: Access = Access::Admin;

/// The client route of the page.
pub const PATH: &str = "/admin/printers";

/// The raw TCP port of label printers.
const DEFAULT_PORT: u16 = 9100;
/// Label sizes the server accepts, in millimetres.
const LABEL_MM: RangeInclusive<u16> = 10..=300;
const DEFAULT_WIDTH_MM: u16 = 100;
const DEFAULT_HEIGHT_MM: u16 = 150;

#[component]
pub fn PrintersPage() -> impl IntoView {
    use_page_title(Key::PrintersTitle);
    view! {
        <RequireAccess access=ACCESS>
            <Printers />
        </RequireAccess>
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Open {
    Create,
    Edit(PrinterDto),
    Delete(PrinterDto),
}

/// What the last connection test of a printer found.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Tested {
    Ready(String),
    Fault(String),
    Unreachable(String),
}

impl Tested {
    fn name(&self) -> &'static str {
        match self {
            Tested::Ready(_) => "ready",
            Tested::Fault(_) => "fault",
            Tested::Unreachable(_) => "unreachable",
        }
    }

    fn message(&self) -> &str {
        match self {
            Tested::Ready(message) | Tested::Fault(message) | Tested::Unreachable(message) => {
                message
            }
        }
    }
}

/// The printer as `PUT /api/printers/{id}` takes it.
fn request_of(printer: &PrinterDto) -> PrinterRequest {
    PrinterRequest {
        name: printer.name.clone(),
        host: printer.host.clone(),
        port: printer.port,
        dpi: printer.dpi,
        label_width_mm: printer.label_width_mm,
        label_height_mm: printer.label_height_mm,
        location: printer.location.clone(),
        enabled: printer.enabled,
        is_default: printer.is_default,
    }
}

#[component]
fn Printers() -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let events = use_print_events();
    let printers = LocalResource::new(api::printers);
    let open = RwSignal::new(None::<Open>);
    let tests = RwSignal::new(HashMap::<i64, Tested>::new());
    let testing = RwSignal::new(HashSet::<i64>::new());

    let ask_status = move |id: i64| {
        spawn_local(async move {
            if let Ok(status) = api::printer_status(id).await {
                events.record_status(status.data);
            }
        });
    };
    // Every enabled printer is asked once the list is there; `printer` events keep it current.
    Effect::new(move || {
        let ids: Vec<i64> = printers.with(|list| match list {
            Some(Ok(list)) => list
                .data
                .printers
                .iter()
                .filter(|printer| printer.enabled)
                .map(|printer| printer.id)
                .collect(),
            _ => Vec::new(),
        });
        ids.into_iter().for_each(ask_status);
    });
    // Back after an interruption: changes may have been missed.
    Effect::new(move |before: Option<u64>| {
        let now = events.resyncs();
        if before.is_some_and(|before| before != now) {
            printers.refetch();
        }
        now
    });

    let finished = Callback::new(move |()| {
        open.set(None);
        printers.refetch();
    });
    let close = Callback::new(move |()| open.set(None));
    let toggle = Callback::new(move |printer: PrinterDto| {
        let request = PrinterRequest {
            enabled: !printer.enabled,
            ..request_of(&printer)
        };
        spawn_local(async move {
            match api::update_printer(printer.id, &request).await {
                Ok(saved) => {
                    let saved = saved.data.printer;
                    let done = if saved.enabled {
                        Key::PrinterEnabledToast
                    } else {
                        Key::PrinterDisabledToast
                    };
                    toasts.success(i18n.named(done, &saved.name), "");
                    printers.refetch();
                }
                Err(error) => toasts.error(i18n.t(Key::ActionFailed), error.error),
            }
        });
    });
    let test = Callback::new(move |printer: PrinterDto| {
        let id = printer.id;
        if testing.with_untracked(|busy| busy.contains(&id)) {
            return;
        }
        testing.update(|busy| {
            busy.insert(id);
        });
        spawn_local(async move {
            let result = api::test_printer(id).await;
            testing.try_update(|busy| busy.remove(&id));
            let tested = match result {
                Ok(PrinterTest::Ready(answer)) => {
                    events.record_status(answer.data);
                    toasts.success(
                        i18n.named(Key::TestReady, &printer.name),
                        answer.message.clone(),
                    );
                    Tested::Ready(answer.message)
                }
                Ok(PrinterTest::Fault(error)) => {
                    toasts.warning(
                        i18n.named(Key::TestFault, &printer.name),
                        error.error.clone(),
                    );
                    ask_status(id);
                    Tested::Fault(error.error)
                }
                Ok(PrinterTest::Unreachable(error)) => {
                    toasts.error(
                        i18n.named(Key::TestUnreachable, &printer.name),
                        error.error.clone(),
                    );
                    ask_status(id);
                    Tested::Unreachable(error.error)
                }
                Err(error) => {
                    // An unknown printer comes as a field message; it belongs in the toast.
                    let (_, error) = split_errors(error, &[]);
                    let message = error.map(|error| error.error).unwrap_or_default();
                    toasts.error(i18n.t(Key::ActionFailed), message);
                    tests.try_update(|tests| tests.remove(&id));
                    return;
                }
            };
            tests.try_update(|tests| tests.insert(id, tested));
        });
    });

    let dialog = move || {
        open.get().map(|dialog| match dialog {
            Open::Create => {
                view! { <PrinterDialog printer=None on_close=close on_done=finished /> }.into_any()
            }
            Open::Edit(printer) => {
                view! { <PrinterDialog printer=Some(printer) on_close=close on_done=finished /> }
                    .into_any()
            }
            Open::Delete(printer) => {
                view! { <DeletePrinter printer on_close=close on_done=finished /> }.into_any()
            }
        })
    };
    let actions = RowActions {
        open,
        tests,
        testing,
        toggle,
        test,
    };

    view! {
        <div class="page">
            <PageHeader title=Key::PrintersTitle intro=Key::PrintersIntro>
                <CreateButton
                    label=Key::PrinterCreate
                    testid="printer-create"
                    on_click=move |()| open.set(Some(Open::Create))
                />
            </PageHeader>
            <LiveHint />
            <Loaded
                resource=printers
                label=Key::PrintersLoading
                render=move |list| view! { <PrinterTable printers=list.data.printers actions /> }
            />
            {dialog}
        </div>
    }
}

/// What a row's buttons act on.
#[derive(Clone, Copy)]
struct RowActions {
    open: RwSignal<Option<Open>>,
    tests: RwSignal<HashMap<i64, Tested>>,
    testing: RwSignal<HashSet<i64>>,
    toggle: Callback<PrinterDto>,
    test: Callback<PrinterDto>,
}

#[component]
fn PrinterTable(printers: Vec<PrinterDto>, actions: RowActions) -> impl IntoView {
    const COLUMNS: &[Key] = &[
        Key::PrinterName,
        Key::ColAddress,
        Key::PrinterLocation,
        Key::PrinterDpi,
        Key::ColLabelSize,
        Key::Status,
        Key::ColPrinterStatus,
        Key::ColActions,
    ];
    view! {
        <DataTable
            testid="printer-table"
            columns=COLUMNS
            empty=Key::PrintersEmpty
            items=printers
            row=move |printer| view! { <PrinterRow printer actions /> }
        />
    }
}

#[component]
fn PrinterRow(printer: PrinterDto, actions: RowActions) -> impl IntoView {
    let i18n = use_i18n();
    let events = use_print_events();
    let RowActions {
        open,
        tests,
        testing,
        toggle,
        test,
    } = actions;
    let id = printer.id;
    let enabled = printer.enabled;
    let status = Signal::derive(move || events.printer_status(id));
    let busy = move || testing.with(|busy| busy.contains(&id));
    let tested = move || tests.with(|tests| tests.get(&id).cloned());
    let on = |make: fn(PrinterDto) -> Open| {
        let printer = printer.clone();
        move |_| open.set(Some(make(printer.clone())))
    };
    let run = |callback: Callback<PrinterDto>| {
        let printer = printer.clone();
        move |_| callback.run(printer.clone())
    };
    let result = move || {
        tested().map(|tested| {
            let class = format!("test-result test-result--{}", tested.name());
            view! {
                <p class=class role="status" data-testid="printer-test-result" data-outcome=tested.name()>
                    {tested.message().to_owned()}
                </p>
            }
        })
    };
    view! {
        <tr data-testid=format!("printer-row-{id}") data-printer-id=id data-enabled=enabled.to_string()>
            <td class="table__strong">{printer.name.clone()}</td>
            <td>
                <code>{format!("{}:{}", printer.host, printer.port)}</code>
            </td>
            <td>
                {if printer.location.trim().is_empty() {
                    "–".to_owned()
                } else {
                    printer.location.clone()
                }}
            </td>
            <td class="table__nowrap">{format!("{} dpi", printer.dpi)}</td>
            <td class="table__nowrap">
                {format!("{} × {} mm", printer.label_width_mm, printer.label_height_mm)}
            </td>
            <td>
                <div class="badges">
                    {if enabled {
                        view! { <Badge tone=Tone::Success label=i18n.tr(Key::PrinterOn) /> }
                    } else {
                        view! { <Badge tone=Tone::Neutral label=i18n.tr(Key::PrinterOff) /> }
                    }}
                    {printer
                        .is_default
                        .then(|| {
                            view! {
                                <Badge
                                    tone=Tone::Neutral
                                    label=i18n.tr(Key::PrinterDefaultBadge)
                                    testid="printer-default"
                                />
                            }
                        })}
                </div>
            </td>
            <td>
                <PrinterStatusBadge status queue=true testid="printer-status" />
            </td>
            <td>
                <div class="table__actions">
                    <button
                        type="button"
                        class="btn btn--small btn--secondary"
                        data-testid="printer-edit"
                        on:click=on(Open::Edit)
                    >
                        {i18n.tr(Key::ActionEdit)}
                    </button>
                    <button
                        type="button"
                        class="btn btn--small btn--secondary"
                        data-testid="printer-toggle"
                        on:click=run(toggle)
                    >
                        {i18n.tr(if enabled { Key::ActionDisable } else { Key::ActionEnable })}
                    </button>
                    <button
                        type="button"
                        class="btn btn--small btn--secondary"
                        data-testid="printer-test"
                        disabled=busy
                        aria-busy=move || busy().to_string()
                        on:click=run(test)
                    >
                        {move || busy().then(|| view! { <span class="spinner spinner--small spinner--dark" aria-hidden="true"></span> })}
                        {move || i18n.t(if busy() { Key::TestingConnection } else { Key::ActionTestConnection })}
                    </button>
                    <button
                        type="button"
                        class="btn btn--small btn--danger-outline"
                        data-testid="printer-delete"
                        on:click=on(Open::Delete)
                    >
                        {i18n.tr(Key::ActionDeleteShort)}
                    </button>
                </div>
                {result}
            </td>
        </tr>
    }
}

/// The resolutions Zebra printers come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dpi {
    D203,
    D300,
    D600,
}

impl Dpi {
    const ALL: [Dpi; 3] = [Dpi::D203, Dpi::D300, Dpi::D600];

    fn dots(self) -> u16 {
        match self {
            Dpi::D203 => 203,
            Dpi::D300 => 300,
            Dpi::D600 => 600,
        }
    }

    /// The labels are laid out for 300 dpi, so that is where an unknown value starts.
    fn from_dots(dots: u16) -> Self {
        Self::ALL
            .into_iter()
            .find(|dpi| dpi.dots() == dots)
            .unwrap_or(Dpi::D300)
    }
}

impl Choice for Dpi {
    fn all() -> &'static [Self] {
        &Self::ALL
    }

    fn value(self) -> &'static str {
        match self {
            Dpi::D203 => "203",
            Dpi::D300 => "300",
            Dpi::D600 => "600",
        }
    }

    fn label(self, _lang: Lang) -> &'static str {
        match self {
            Dpi::D203 => "203 dpi",
            Dpi::D300 => "300 dpi",
            Dpi::D600 => "600 dpi",
        }
    }
}

/// A whole number in `range` typed into a required field.
fn number_in(value: &str, range: RangeInclusive<u16>, invalid: Key) -> Result<u16, Message> {
    optional_number(value, |number| range.contains(number), invalid)?
        .ok_or_else(|| as_message(Key::FieldRequired))
}

fn parse_port(value: &str) -> Result<u16, Message> {
    number_in(value, 1..=u16::MAX, Key::PortInvalid)
}

fn parse_label_mm(value: &str) -> Result<u16, Message> {
    number_in(value, LABEL_MM, Key::LabelSizeInvalid)
}

/// Create (`printer` is `None`) or edit a printer. A failed save keeps every entry and shows the
/// server's messages next to their fields.
#[component]
fn PrinterDialog(
    printer: Option<PrinterDto>,
    on_close: Callback<()>,
    on_done: Callback<()>,
) -> impl IntoView {
    const FIELDS: &[&str] = &[
        "name",
        "host",
        "port",
        "dpi",
        "labelWidthMm",
        "labelHeightMm",
        "location",
        "enabled",
        "isDefault",
    ];
    let i18n = use_i18n();
    let toasts = use_toasts();
    let form = Form::new();
    let editing = printer
        .as_ref()
        .map(|printer| (printer.id, printer.name.clone()));
    let start = printer.as_ref().map(request_of).unwrap_or(PrinterRequest {
        name: String::new(),
        host: String::new(),
        port: DEFAULT_PORT,
        dpi: Dpi::D300.dots(),
        label_width_mm: DEFAULT_WIDTH_MM,
        label_height_mm: DEFAULT_HEIGHT_MM,
        location: String::new(),
        enabled: true,
        is_default: false,
    });
    let name = RwSignal::new(start.name);
    let host = RwSignal::new(start.host);
    let port = RwSignal::new(start.port.to_string());
    let dpi = RwSignal::new(Dpi::from_dots(start.dpi));
    let width = RwSignal::new(start.label_width_mm.to_string());
    let height = RwSignal::new(start.label_height_mm.to_string());
    let location = RwSignal::new(start.location);
    let enabled = RwSignal::new(start.enabled);
    let is_default = RwSignal::new(start.is_default);

    let name_issue = Signal::derive(move || name.with(|v| required(v)));
    let host_issue = Signal::derive(move || host.with(|v| required(v)));
    let port_issue = Signal::derive(move || port.with(|v| parse_port(v).err()));
    let width_issue = Signal::derive(move || width.with(|v| parse_label_mm(v).err()));
    let height_issue = Signal::derive(move || height.with(|v| parse_label_mm(v).err()));

    let title = {
        let editing = editing.clone();
        move || match &editing {
            Some((_, name)) => i18n.named(Key::PrinterEditTitle, name),
            None => i18n.t(Key::PrinterCreate).to_owned(),
        }
    };
    let id = editing.as_ref().map(|(id, _)| *id);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let valid = no_issues([
            name_issue,
            host_issue,
            port_issue,
            width_issue,
            height_issue,
        ]);
        let text = |value: RwSignal<String>| value.with_untracked(|v| v.trim().to_owned());
        let request = PrinterRequest {
            name: text(name),
            host: text(host),
            port: port
                .with_untracked(|v| parse_port(v))
                .unwrap_or(DEFAULT_PORT),
            dpi: dpi.get_untracked().dots(),
            label_width_mm: width
                .with_untracked(|v| parse_label_mm(v))
                .unwrap_or(DEFAULT_WIDTH_MM),
            label_height_mm: height
                .with_untracked(|v| parse_label_mm(v))
                .unwrap_or(DEFAULT_HEIGHT_MM),
            location: text(location),
            enabled: enabled.get_untracked(),
            is_default: is_default.get_untracked(),
        };
        form.submit(valid, FIELDS, move || async move {
            let (saved, done) = match id {
                Some(id) => (api::update_printer(id, &request).await?, Key::PrinterSaved),
                None => (api::create_printer(&request).await?, Key::PrinterCreated),
            };
            toasts.success(i18n.named(done, &saved.data.printer.name), "");
            on_done.run(());
            Ok(())
        });
    };
    let (submit_label, busy_label) = match id {
        Some(_) => (Key::Save, Key::Saving),
        None => (Key::PrinterCreateSubmit, Key::PrinterCreateBusy),
    };

    view! {
        <Dialog title on_close testid="printer-dialog">
            <form class="form" novalidate node_ref=form.node() on:submit=submit>
                <FormError form />
                <Field
                    form
                    name="name"
                    label=Key::PrinterName
                    value=name
                    issue=name_issue
                    hint=Key::PrinterNameHint
                    autocomplete="off"
                    testid="printer-name"
                    required=true
                    autofocus=true
                    maxlength=100
                />
                <Field
                    form
                    name="host"
                    label=Key::PrinterHost
                    value=host
                    issue=host_issue
                    autocomplete="off"
                    testid="printer-host"
                    required=true
                    maxlength=253
                />
                <div class="form__row">
                    <Field
                        form
                        name="port"
                        label=Key::PrinterPort
                        value=port
                        issue=port_issue
                        hint=Key::PrinterPortHint
                        kind=InputKind::Number
                        autocomplete="off"
                        testid="printer-port"
                        required=true
                        maxlength=5
                    />
                    <SelectField form name="dpi" label=Key::PrinterDpi value=dpi testid="printer-dpi" />
                </div>
                <div class="form__row">
                    <Field
                        form
                        name="labelWidthMm"
                        label=Key::PrinterLabelWidth
                        value=width
                        issue=width_issue
                        kind=InputKind::Number
                        autocomplete="off"
                        testid="printer-width"
                        required=true
                        maxlength=3
                    />
                    <Field
                        form
                        name="labelHeightMm"
                        label=Key::PrinterLabelHeight
                        value=height
                        issue=height_issue
                        kind=InputKind::Number
                        autocomplete="off"
                        testid="printer-height"
                        required=true
                        maxlength=3
                    />
                </div>
                <Field
                    form
                    name="location"
                    label=Key::PrinterLocation
                    value=location
                    autocomplete="off"
                    testid="printer-location"
                    maxlength=100
                />
                <CheckboxField
                    form
                    name="enabled"
                    label=Key::PrinterEnabled
                    value=enabled
                    hint=Key::PrinterEnabledHint
                    testid="printer-enabled"
                />
                <CheckboxField
                    form
                    name="isDefault"
                    label=Key::PrinterIsDefault
                    value=is_default
                    hint=Key::PrinterIsDefaultHint
                    testid="printer-default-checkbox"
                />
                <FormActions on_cancel=on_close>
                    <SubmitButton
                        form
                        label=submit_label
                        busy_label=busy_label
                        testid="printer-submit"
                    />
                </FormActions>
            </form>
        </Dialog>
    }
}

#[component]
fn DeletePrinter(
    printer: PrinterDto,
    on_close: Callback<()>,
    on_done: Callback<()>,
) -> impl IntoView {
    let id = printer.id;
    view! {
        <ConfirmDialog
            title=Key::PrinterDeleteTitle
            question=Key::PrinterDeleteQuestion
            name=printer.name
            warning=Key::PrinterDeleteWarning
            confirm=Key::ActionDeleteShort
            busy=Key::DeleteBusy
            done=Key::PrinterDeleted
            testid="printer-delete-dialog"
            submit_testid="printer-delete-submit"
            action=move || api::delete_printer(id)
            on_close
            on_done
        />
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_required_and_bounded() {
        assert_eq!(parse_port(" 9100 "), Ok(9100));
        assert_eq!(parse_port("65535"), Ok(65535));
        assert_eq!(parse_port(""), Err(as_message(Key::FieldRequired)));
        for bad in ["0", "65536", "-1", "91a"] {
            assert_eq!(parse_port(bad), Err(as_message(Key::PortInvalid)), "{bad}");
        }
        assert_eq!(parse_label_mm("100"), Ok(100));
        assert_eq!(parse_label_mm("10"), Ok(10));
        for bad in ["9", "301", "1.5"] {
            assert_eq!(
                parse_label_mm(bad),
                Err(as_message(Key::LabelSizeInvalid)),
                "{bad}"
            );
        }
    }

    #[test]
    fn resolutions_round_trip() {
        for dpi in Dpi::ALL {
            assert_eq!(Dpi::from_dots(dpi.dots()), dpi);
            assert_eq!(dpi.value(), dpi.dots().to_string());
        }
        assert_eq!(Dpi::from_dots(150), Dpi::D300);
    }

    #[test]
    fn a_printer_is_sent_back_whole() {
        let printer = PrinterDto {
            id: 4,
            name: "Packplatz 1".into(),
            host: "127.0.0.1".into(),
            port: 9101,
            dpi: 203,
            label_width_mm: 60,
            label_height_mm: 40,
            location: "Halle 2".into(),
            enabled: true,
            is_default: true,
            updated_at: "2026-11-26T10:30:00Z".into(),
            updated_by: Some("admin".into()),
        };
        let json = serde_json::to_value(request_of(&printer)).unwrap_or_default();
        assert_eq!(
            json,
            serde_json::json!({
                "name": "Packplatz 1", "host": "127.0.0.1", "port": 9101, "dpi": 203,
                "labelWidthMm": 60, "labelHeightMm": 40, "location": "Halle 2",
                "enabled": true, "isDefault": true
            })
        );
    }
}
