//! Prüfer B's page (`/products/:key/b`): scan the serial number, inspect the unit blind (A's
//! values stay hidden; the form starts from the definition's defaults), confirm the differences
//! to A's entry, save — with or without the label — and follow the label's print job live.

use api_types::ErrorCode;
use api_types::inspection::{
    CompletedResponse, DifferencesResponse, InspectionStatus, ProductDefinition, Step, Values,
};
use api_types::printing::{PrintEvent, PrintJobDto};
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use serde_json::Value;

use crate::api::{self, LabelTarget, UnitItem};
use crate::auth::{Access, use_auth};
use crate::components::dialog::Dialog;
use crate::components::error_panel::ErrorPanel;
use crate::components::form::Form;
use crate::components::guard::RequireAccess;
use crate::components::inspection_form::{
    ArticleFacts, InspectionFields, InspectionState, SERIAL, as_input, confirm_discard,
    display_value, focus_first_field, today, use_leave_guard,
};
use crate::components::inspection_status::InspectionStatusBadge;
use crate::components::label_preview::LabelPreview;
use crate::components::label_print::{LabelJobState, merge_job, use_label_jobs};
use crate::components::printer_picker::PrinterPicker;
use crate::components::unit_lookup::{
    RouteProduct, SERIAL_FIELD, SerialSearch, not_found_at_serial,
};
use crate::i18n::{Key, fill, inspection_status_label, localized, use_i18n};
use crate::pages::inspections::detail_path;
use crate::pages::use_page_title;
use crate::print_events::use_print_events;

/// Roles that do Prüfer B work.
pub const ACCESS: Access = Access::PrueferB;

#[component]
pub fn InspectBPage() -> impl IntoView {
    use_page_title(Key::InspectBTitle);
    view! {
        <RequireAccess access=ACCESS>
            <div class="page page--inspect">
                <RouteProduct render=|definition| view! { <Workflow definition /> } />
            </div>
        </RequireAccess>
    }
}

/// How B saves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Save,
    SaveAndPrint,
}

/// B's entry, compared with A's, waiting for B's confirmation.
#[derive(Debug, Clone, PartialEq)]
struct Pending {
    action: Action,
    values: Values,
    comparison: DifferencesResponse,
}

/// Where the page stands.
#[derive(Debug, Clone, PartialEq)]
enum Stage {
    Lookup,
    Inspect(UnitItem),
    Done(Box<CompletedResponse>),
}

/// The body of `PUT /api/{key}`: B's values with the serial, and the printer or `skipPrint`.
fn completion_body(
    values: &Values,
    serial: &str,
    printer: Option<i64>,
) -> serde_json::Map<String, Value> {
    let mut body = as_input(values);
    body.insert(SERIAL.into(), Value::String(serial.to_owned()));
    match printer {
        Some(id) => body.insert("printerId".into(), Value::from(id)),
        None => body.insert("skipPrint".into(), Value::Bool(true)),
    };
    body
}

#[component]
fn Workflow(definition: ProductDefinition) -> impl IntoView {
    let i18n = use_i18n();
    let name = definition.name.clone();
    let product = definition.key.clone();
    let state = InspectionState::new(definition, Step::B);
    let stage = RwSignal::new(Stage::Lookup);
    let printer = RwSignal::new(None::<i64>);
    use_leave_guard(Signal::derive(move || {
        stage.with(|stage| matches!(stage, Stage::Inspect(_))) && state.dirty()
    }));

    let found = Callback::new(move |unit: UnitItem| {
        state.reset();
        stage.set(Stage::Inspect(unit));
    });
    let back = Callback::new(move |()| {
        if confirm_discard() {
            state.reset();
            stage.set(Stage::Lookup);
        }
    });
    let done = Callback::new(move |answer: CompletedResponse| {
        state.reset();
        stage.set(Stage::Done(Box::new(answer)));
    });
    let next = Callback::new(move |()| stage.set(Stage::Lookup));

    let heading = move || fill(i18n.t(Key::InspectBHeading), &[("name", &name)]);
    let body = move || match stage.get() {
        Stage::Lookup => view! { <Lookup product=product.clone() on_found=found /> }.into_any(),
        Stage::Inspect(unit) => view! {
            <Inspect state unit product=product.clone() printer on_back=back on_done=done />
        }
        .into_any(),
        Stage::Done(answer) => view! { <Outcome state answer=*answer on_next=next /> }.into_any(),
    };
    view! {
        <h1 class="page-title" data-testid="page-title">
            {heading}
        </h1>
        <p class="page-intro">{i18n.tr(Key::InspectBIntro)}</p>
        {body}
    }
}

/// The serial number, scanned (Enter loads the unit); a unit B completed already is named with
/// the way to its details instead.
#[component]
fn Lookup(product: String, on_found: Callback<UnitItem>) -> impl IntoView {
    let i18n = use_i18n();
    let form = Form::new();
    let serial = RwSignal::new(String::new());
    let complete = RwSignal::new(None::<UnitItem>);
    let search = Callback::new(move |wanted: String| {
        let product = product.clone();
        complete.set(None);
        form.submit(true, &[SERIAL_FIELD], move || async move {
            let found = api::lookup_unit(&product, &wanted)
                .await
                .map_err(|error| not_found_at_serial(error, i18n.t(Key::BNotFound)))?;
            if found.item.status.is_complete() {
                complete.try_set(Some(found.item));
            } else {
                on_found.run(found.item);
            }
            Ok(())
        });
    });
    let already = move || {
        complete.get().map(|unit| {
            let status = unit.status;
            view! {
                <div class="alert alert--warning" role="status" data-testid="b-already">
                    <div class="alert__text">
                        <p class="alert__title">
                            {move || {
                                fill(
                                    i18n.t(Key::BAlreadyComplete),
                                    &[
                                        ("name", &unit.serialnummer),
                                        ("title", inspection_status_label(status, i18n.lang())),
                                    ],
                                )
                            }}
                        </p>
                        <p class="alert__message">{i18n.tr(Key::BAlreadyCompleteText)}</p>
                    </div>
                    <A
                        href=detail_path(unit.id)
                        attr:class="btn btn--secondary"
                        attr:data-testid="b-detail-link"
                    >
                        {i18n.tr(Key::OpenInspection)}
                    </A>
                </div>
            }
        })
    };
    view! {
        <SerialSearch
            form
            serial
            input_testid="b-serial"
            button_testid="b-load"
            button=Key::BLoad
            on_search=search
        />
        {already}
    }
}

/// B's blind form for one unit, the label preview, the printer and the two ways to save.
#[component]
fn Inspect(
    state: InspectionState,
    unit: UnitItem,
    product: String,
    printer: RwSignal<Option<i64>>,
    on_back: Callback<()>,
    on_done: Callback<CompletedResponse>,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let events = use_print_events();
    let form = state.form();
    let comparing = RwSignal::new(None::<Action>);
    let completing = RwSignal::new(false);
    let pending = RwSignal::new(None::<Pending>);
    let unit_id = unit.id;
    let serial = unit.serialnummer.clone();

    // Another printer answers the server's complaint about the previous one.
    Effect::new(move |before: Option<Option<i64>>| {
        let now = printer.get();
        if before.is_some_and(|before| before != now) {
            form.edited("printerId");
        }
        now
    });
    let printer_error = Signal::derive(move || form.server_error("printerId"));
    // Ready for the first entry (scanned or typed).
    form.node().on_load(|form| {
        request_animation_frame(move || focus_first_field(&form));
    });

    let start = move |action: Action| {
        if comparing.get_untracked().is_some() || completing.get_untracked() {
            return;
        }
        if action == Action::SaveAndPrint && printer.get_untracked().is_none() {
            return;
        }
        let Some(values) = state.check() else {
            return;
        };
        comparing.set(Some(action));
        spawn_local(async move {
            let result = api::compare_inspection_b(unit_id, &values).await;
            comparing.try_set(None);
            match result {
                Ok(comparison) => {
                    pending.try_set(Some(Pending {
                        action,
                        values,
                        comparison,
                    }));
                }
                Err(error) => state.fail(error, &["printerId"]),
            }
        });
    };

    let confirm = {
        let product = product.clone();
        let serial = serial.clone();
        Callback::new(move |()| {
            let Some(entry) = pending.get_untracked() else {
                return;
            };
            if completing.get_untracked() {
                return;
            }
            let chosen = match entry.action {
                Action::Save => None,
                Action::SaveAndPrint => printer.get_untracked(),
            };
            let body = completion_body(&entry.values, &serial, chosen);
            completing.set(true);
            let product = product.clone();
            spawn_local(async move {
                let result = api::complete_inspection(&product, &body).await;
                completing.try_set(false);
                match result {
                    Ok(answer) => {
                        if let Some(job) = &answer.print_job {
                            events.dispatch(PrintEvent::Job(job.clone()));
                        }
                        on_done.run(answer);
                    }
                    Err(error) => {
                        // Back to the form: every entry stays, the messages go next to the fields.
                        pending.try_set(None);
                        state.fail(error, &["printerId"]);
                    }
                }
            });
        })
    };
    let cancel = Callback::new(move |()| {
        if !completing.get_untracked() {
            pending.set(None);
        }
    });

    let same_inspector = {
        let pruefer_a = unit.pruefer_a.clone();
        move || {
            auth.user()
                .is_some_and(|user| !pruefer_a.is_empty() && user.username == pruefer_a)
                .then(|| {
                    view! {
                        <div class="alert alert--warning" role="note" data-testid="b-same-inspector">
                            <p class="alert__title">{i18n.tr(Key::BSameInspector)}</p>
                        </div>
                    }
                })
        }
    };

    let preview_values = {
        let serial = serial.clone();
        Signal::derive(move || {
            let mut values = state.values().get();
            values.insert(SERIAL.into(), Value::String(serial.clone()));
            values
        })
    };
    let article = Memo::new(move |_| state.article());
    let (datum, _) = today();

    let busy = move || comparing.get().is_some() || completing.get();
    let button_content = move |action: Action, label: Key| {
        move || {
            let spinning = comparing.get() == Some(action);
            view! {
                {spinning.then(|| view! { <span class="spinner spinner--small" aria-hidden="true"></span> })}
                {i18n.t(if spinning { Key::BComparing } else { label })}
            }
        }
    };
    let failure = move || {
        form.failure().map(|error| {
            let forbidden = error.code == ErrorCode::Forbidden;
            view! {
                <div
                    class="inspect-failure"
                    class=("inspect-failure--forbidden", forbidden)
                    data-testid="b-error"
                    data-forbidden=forbidden.to_string()
                >
                    <ErrorPanel error />
                </div>
            }
        })
    };
    let invalid = move || {
        (form.attempted() && state.issues() > 0).then(|| {
            view! {
                <p class="field__error inspect-summary" role="alert" data-testid="b-invalid">
                    {move || {
                        fill(i18n.t(Key::FixMarkedFields), &[("count", &state.issues().to_string())])
                    }}
                </p>
            }
        })
    };
    let dialog = move || {
        pending.get().map(|entry| {
            view! {
                <DiffDialog
                    state
                    entry
                    busy=Signal::derive(move || completing.get())
                    on_confirm=confirm
                    on_cancel=cancel
                />
            }
        })
    };
    let status = unit.status;
    let header_serial = serial.clone();

    view! {
        <div class="card unit-header" data-testid="b-unit" data-unit-id=unit_id>
            <div class="unit-header__facts">
                <p class="unit-header__serial" data-testid="b-unit-serial">
                    {move || fill(i18n.t(Key::SerialIs), &[("name", &header_serial)])}
                </p>
                <InspectionStatusBadge status testid="b-unit-status" />
                <p class="muted">{i18n.tr(Key::BBlindHint)}</p>
            </div>
            <button
                type="button"
                class="btn btn--secondary"
                data-testid="b-other"
                on:click=move |_| on_back.run(())
            >
                {i18n.tr(Key::BOtherUnit)}
            </button>
        </div>
        {same_inspector}
        <div class="inspect-layout">
            <form
                class="form inspect-form"
                novalidate
                node_ref=form.node()
                on:submit=|ev| ev.prevent_default()
                data-testid="b-form"
            >
                <InspectionFields state />
                <ArticleFacts state />
            </form>
            // The buttons first: always in view beside a long form; the label below them.
            <aside class="inspect-aside">
                <div class="card inspect-actions inspect-actions--aside">
                    <PrinterPicker selected=printer testid="b-printer" error=printer_error />
                    <p class="muted inspect-actions__legend">{i18n.tr(Key::RequiredLegend)}</p>
                    {invalid}
                    {failure}
                    <div class="form__actions">
                        <button
                            type="button"
                            class="btn btn--secondary btn--large"
                            data-testid="b-save"
                            disabled=busy
                            aria-busy=move || (comparing.get() == Some(Action::Save)).to_string()
                            on:click=move |_| start(Action::Save)
                        >
                            {button_content(Action::Save, Key::Save)}
                        </button>
                        <button
                            type="button"
                            class="btn btn--primary btn--large"
                            data-testid="b-save-print"
                            disabled=move || busy() || printer.get().is_none()
                            aria-busy=move || {
                                (comparing.get() == Some(Action::SaveAndPrint)).to_string()
                            }
                            on:click=move |_| start(Action::SaveAndPrint)
                        >
                            {button_content(Action::SaveAndPrint, Key::BSavePrint)}
                        </button>
                    </div>
                </div>
                <LabelPreview
                    product=product.clone()
                    values=preview_values
                    artikel_nummer=Signal::derive(move || article.get().map(|a| a.artikel_nummer))
                    artikel_bezeichnung=Signal::derive(move || {
                        article.get().map(|a| a.artikel_bezeichnung)
                    })
                    datum=Signal::stored(datum)
                />
            </aside>
        </div>
        {dialog}
    }
}

/// "Änderungen bestätigen": where B's entry differs from A's, and whether the unit will fail.
#[component]
fn DiffDialog(
    state: InspectionState,
    entry: Pending,
    #[prop(into)] busy: Signal<bool>,
    on_confirm: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let Pending {
        action, comparison, ..
    } = entry;
    let DifferencesResponse {
        differences,
        failed_checks,
        ..
    } = comparison;
    let list = if differences.is_empty() {
        view! {
            <p class="diff-none" data-testid="diff-none">
                {i18n.tr(Key::DiffNone)}
            </p>
        }
        .into_any()
    } else {
        let rows = differences
            .into_iter()
            .map(|difference| {
                let field = state.with_definition(|d| d.field(&difference.field).cloned());
                let (a, b) = (difference.a.clone(), difference.b.clone());
                let shown = {
                    let field = field.clone();
                    move |value: &Value| display_value(field.as_ref(), value, i18n.lang())
                };
                let shown_b = shown.clone();
                view! {
                    <li class="diff" data-testid=format!("diff-row-{}", difference.field)>
                        <span class="diff__caption">
                            {move || {
                                localized(i18n.lang(), &difference.label_de, &difference.label_en)
                                    .to_owned()
                            }}
                        </span>
                        <span class="diff__values">
                            <span class="diff__value diff__value--a" data-testid="diff-a">
                                {i18n.tr(Key::DiffByA)}
                                ": "
                                <strong>{move || shown(&a)}</strong>
                            </span>
                            <span class="diff__arrow" aria-hidden="true">
                                "→"
                            </span>
                            <span class="diff__value diff__value--b" data-testid="diff-b">
                                {i18n.tr(Key::DiffByB)}
                                ": "
                                <strong>{move || shown_b(&b)}</strong>
                            </span>
                        </span>
                    </li>
                }
            })
            .collect_view();
        view! {
            <p>{i18n.tr(Key::DiffIntro)}</p>
            <ul class="diffs">{rows}</ul>
        }
        .into_any()
    };
    let fails = !failed_checks.is_empty();
    let warning = fails.then(|| {
        let captions = failed_checks
            .iter()
            .map(|key| {
                let field = state.with_definition(|d| d.field(key).cloned());
                let key = key.clone();
                view! {
                    <li>
                        {move || match &field {
                            Some(field) => {
                                localized(i18n.lang(), &field.label_de, &field.label_en).to_owned()
                            }
                            None => key.clone(),
                        }}
                    </li>
                }
            })
            .collect_view();
        view! {
            <div class="alert alert--error" role="alert" data-testid="diff-failed">
                <div class="alert__text">
                    <p class="alert__title">{i18n.tr(Key::DiffFailedWarning)}</p>
                    <p class="alert__message">{i18n.tr(Key::DiffFailedChecks)}</p>
                    <ul class="failed-checks">{captions}</ul>
                </div>
            </div>
        }
    });
    let confirm_label = match action {
        Action::Save => Key::DiffConfirmSave,
        Action::SaveAndPrint => Key::DiffConfirmPrint,
    };
    view! {
        <Dialog
            title=move || i18n.t(Key::DiffTitle).to_owned()
            on_close=on_cancel
            testid="diff-dialog"
        >
            <div class="diff-dialog">
                {list}
                {warning}
                <div class="form__actions">
                    <button
                        type="button"
                        class="btn btn--secondary"
                        data-testid="diff-cancel"
                        disabled=move || busy.get()
                        on:click=move |_| on_cancel.run(())
                    >
                        {i18n.tr(Key::Cancel)}
                    </button>
                    <button
                        type="button"
                        class=if fails { "btn btn--danger" } else { "btn btn--primary" }
                        data-testid="diff-confirm"
                        autofocus
                        disabled=move || busy.get()
                        aria-busy=move || busy.get().to_string()
                        on:click=move |_| on_confirm.run(())
                    >
                        {move || {
                            busy.get()
                                .then(|| {
                                    view! { <span class="spinner spinner--small" aria-hidden="true"></span> }
                                })
                        }}
                        {move || i18n.t(if busy.get() { Key::Saving } else { confirm_label })}
                    </button>
                </div>
            </div>
        </Dialog>
    }
}

/// The outcome: passed or failed (with the failed checks), the label's print job live, and the
/// way to the next unit.
#[component]
fn Outcome(
    state: InspectionState,
    answer: CompletedResponse,
    on_next: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let next = NodeRef::<html::Button>::new();
    next.on_load(|button| {
        let _ = button.focus();
    });
    let CompletedResponse {
        status,
        failed_checks,
        inspection,
        print_job,
        print_refused,
        ..
    } = answer;
    let passed = status == InspectionStatus::Passed;
    let serial = inspection.serialnummer.clone();
    let title = move || {
        let key = if passed {
            Key::ResultPassed
        } else {
            Key::ResultFailed
        };
        fill(i18n.t(key), &[("name", &serial)])
    };
    let failed = (!failed_checks.is_empty()).then(|| {
        let captions = failed_checks
            .iter()
            .map(|key| {
                let field = state.with_definition(|d| d.field(key).cloned());
                let testid = format!("failed-{key}");
                let key = key.clone();
                view! {
                    <li data-testid=testid>
                        {move || match &field {
                            Some(field) => {
                                localized(i18n.lang(), &field.label_de, &field.label_en).to_owned()
                            }
                            None => key.clone(),
                        }}
                    </li>
                }
            })
            .collect_view();
        view! {
            <p class="alert__message">{i18n.tr(Key::ResultFailedChecks)}</p>
            <ul class="failed-checks">{captions}</ul>
        }
    });
    let label = match (print_job, print_refused) {
        (Some(job), _) => view! { <JobProgress inspection_id=inspection.id job /> }.into_any(),
        (None, Some(refused)) => view! {
            <div class="alert alert--warning" role="status" data-testid="b-print-refused">
                <div class="alert__text">
                    <p class="alert__title">{i18n.tr(Key::ResultNoLabel)}</p>
                    <p class="alert__message">{refused}</p>
                </div>
            </div>
        }
        .into_any(),
        (None, None) => view! {
            <p class="muted" data-testid="b-no-label">
                {i18n.tr(Key::ResultSavedWithoutLabel)}
            </p>
        }
        .into_any(),
    };
    let article = inspection
        .artikel_nummer
        .clone()
        .map(|nummer| {
            format!(
                "{nummer} – {}",
                inspection.artikel_bezeichnung.clone().unwrap_or_default()
            )
        })
        .unwrap_or_default();
    view! {
        <section
            class="card outcome"
            class=("outcome--passed", passed)
            class=("outcome--failed", !passed)
            data-testid="b-result"
            data-status=status.as_str()
            role="status"
        >
            <h2 class="outcome__title">{title}</h2>
            <p class="muted">{article}</p>
            {failed}
            {label}
            <div class="form__actions outcome__actions">
                <A
                    href=detail_path(inspection.id)
                    attr:class="btn btn--secondary"
                    attr:data-testid="b-detail-link"
                >
                    {i18n.tr(Key::OpenInspection)}
                </A>
                <button
                    type="button"
                    class="btn btn--primary btn--large"
                    data-testid="b-next"
                    node_ref=next
                    on:click=move |_| on_next.run(())
                >
                    {i18n.tr(Key::BNext)}
                </button>
            </div>
        </section>
    }
}

/// The label's print job, following the live events.
#[component]
fn JobProgress(inspection_id: i64, job: PrintJobDto) -> impl IntoView {
    let i18n = use_i18n();
    let id = job.id;
    let jobs = use_label_jobs(LabelTarget::Inspection(inspection_id));
    jobs.update(|jobs| merge_job(jobs, &job));
    // The job may have moved on before this view listened.
    spawn_local(async move {
        if let Ok(answer) = api::print_job(id).await {
            jobs.try_update(|jobs| merge_job(jobs, &answer.data.job.job));
        }
    });
    let current = move || {
        jobs.with(|jobs| jobs.iter().find(|job| job.id == id).cloned())
            .map(|job| view! { <LabelJobState job testid="b-job-state" /> })
    };
    view! {
        <div class="job-progress" aria-live="polite">
            <p class="job-progress__title">{i18n.tr(Key::LabelJobsTitle)}</p>
            {current}
            <A href="/print-jobs" attr:class="job-progress__link" attr:data-testid="b-print-jobs">
                {i18n.tr(Key::ShowInPrintJobs)}
            </A>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn completion_names_the_serial_and_the_printer_or_skips_printing() {
        let values = Values::from([("hardware_ok".into(), json!(true))]);
        let printed = completion_body(&values, "CP-0001", Some(3));
        assert_eq!(printed["serialnummer"], "CP-0001");
        assert_eq!(printed["printerId"], 3);
        assert_eq!(printed["hardware_ok"], true);
        assert!(!printed.contains_key("skipPrint"));
        let saved = completion_body(&values, "CP-0001", None);
        assert_eq!(saved["skipPrint"], true);
        assert!(!saved.contains_key("printerId"));
    }
}
