//! One carton (`/outerkarton/:id`, every signed-in user): who packed it when, its rows in carton
//! order, its label's print jobs (live) and, for the roles that print, reprinting the label with a
//! reason and changing the contents (scan or remove rows, with a reason; the changed label can be
//! printed at once). A change made meanwhile by someone else is refused (optimistic locking) and
//! the page offers to reload.

use api_types::auth::Role;
use api_types::packaging::{CartonDto, CartonResponse, CartonUpdateRequest};
use api_types::printing::{PrintEvent, PrintJobDto, REASON_MAX_CHARS};
use api_types::{ErrorBody, ErrorCode};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;

use crate::api::{self, LabelTarget, PrintJobQuery};
use crate::auth::{Access, use_auth};
use crate::components::carton_entries::{
    CartonLayout, CartonLines, CartonTable, Line, NotReadyHint, SaveGate, entry_errors,
};
use crate::components::error_panel::ErrorPanel;
use crate::components::fact::Fact;
use crate::components::form::{CheckboxField, Field, Form, FormError};
use crate::components::guard::RequireAccess;
use crate::components::inspection_form::use_leave_guard;
use crate::components::label_print::{
    LabelJobTable, PrintLabelForm, PrintTestIds, merge_job, use_label_jobs,
};
use crate::components::loading::Loaded;
use crate::components::printer_picker::PrinterPicker;
use crate::components::toast::use_toasts;
use crate::format;
use crate::i18n::{Key, fill, use_i18n};
use crate::pages::carton::trimmed;
use crate::pages::print_jobs::reason_issue;
use crate::pages::use_page_title;
use crate::print_events::{LiveHint, use_print_events};

/// Who may use the page; printing and changing depend on the role.
pub const ACCESS: Access = Access::Authenticated;

/// The client route of the page.
pub const PATH: &str = "/outerkarton/:id";

/// Fields of the change whose server messages are shown next to them.
const EDIT_FIELDS: &[&str] = &[
    "lieferscheinNumber",
    "overrideReason",
    "printerId",
    "reason",
];

/// The most print jobs listed for one carton.
const JOBS_LIMIT: u64 = 100;

/// Shown for a value that is not set.
const NO_VALUE: &str = "–";

/// The link to one carton.
pub fn detail_path(id: i64) -> String {
    format!("/outerkarton/{id}")
}

/// Whether a refused change means the carton changed meanwhile (a conflict that names no row).
pub fn is_stale(error: &ErrorBody) -> bool {
    error.code == ErrorCode::Conflict && entry_errors(error.clone()).0.is_empty()
}

#[component]
pub fn CartonDetailPage() -> impl IntoView {
    use_page_title(Key::CartonDetailTitle);
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params.with(|params| {
            params
                .get("id")
                .and_then(|id| id.trim().parse::<i64>().ok())
        })
    });
    view! {
        <RequireAccess access=ACCESS>
            {move || match id.get() {
                // Built anew for another id: the live job list belongs to one carton.
                Some(id) => view! { <Detail id /> }.into_any(),
                None => {
                    let error = ErrorBody::new(ErrorCode::NotFound, "Ungültige Karton-Nummer");
                    view! {
                        <div class="page">
                            <ErrorPanel error />
                        </div>
                    }
                        .into_any()
                }
            }}
        </RequireAccess>
    }
}

#[component]
fn Detail(id: i64) -> impl IntoView {
    let jobs = use_label_jobs(LabelTarget::Outerkarton(id));
    let data = LocalResource::new(move || async move {
        let answer = api::carton(id).await?;
        answer
            .item
            .filter(|_| answer.found)
            .ok_or_else(|| ErrorBody::new(ErrorCode::NotFound, "Karton nicht gefunden"))
    });
    // Every label of the carton, not only the newest the carton names.
    spawn_local(async move {
        let query = PrintJobQuery {
            reference: LabelTarget::Outerkarton(id).reference(),
            page: 1,
            limit: JOBS_LIMIT,
            ..PrintJobQuery::default()
        };
        if let Ok(answer) = api::print_jobs(&query).await {
            jobs.try_update(|jobs| {
                for job in &answer.data.jobs {
                    merge_job(jobs, job);
                }
            });
        }
    });
    view! {
        <div class="page">
            <LiveHint />
            <Loaded
                resource=data
                label=Key::CartonLoading
                render=move |carton| view! { <Body carton jobs /> }
            />
        </div>
    }
}

/// The loaded carton. A print, a change or a reconnection reloads it in place.
#[component]
fn Body(carton: CartonDto, jobs: RwSignal<Vec<PrintJobDto>>) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let toasts = use_toasts();
    let events = use_print_events();
    let id = carton.id;
    let current = RwSignal::new(carton);
    // Counts the edits begun: a reload after a conflict starts a fresh one.
    let editing = RwSignal::new(None::<u32>);
    Effect::new(move || {
        current.with(|carton| {
            if let Some(job) = &carton.last_print_job {
                jobs.update(|jobs| merge_job(jobs, job));
            }
        });
    });
    let reload = Callback::new(move |then_edit: bool| {
        spawn_local(async move {
            match api::carton(id).await {
                Ok(CartonResponse {
                    item: Some(item), ..
                }) => {
                    current.try_set(item);
                    if then_edit {
                        editing.try_update(|edit| *edit = Some(edit.map_or(1, |n| n + 1)));
                    }
                }
                Ok(_) => toasts.error(i18n.t(Key::ActionFailed), i18n.t(Key::CartonNotFound)),
                Err(error) => toasts.error(i18n.t(Key::ActionFailed), error.error),
            }
        });
    });
    // Back after an interruption: changes may have been missed (an open edit keeps its rows).
    Effect::new(move |before: Option<u64>| {
        let now = events.resyncs();
        if before.is_some_and(|before| before != now) && editing.get_untracked().is_none() {
            reload.run(false);
        }
        now
    });
    let can_print = move || auth.role().is_some_and(Role::can_print);
    let saved = Callback::new(move |answer: CartonResponse| {
        if let Some(job) = &answer.print_job {
            events.dispatch(PrintEvent::Job(job.clone()));
        }
        if let Some(item) = answer.item {
            current.set(item);
        }
        editing.set(None);
        toasts.success(
            fill(i18n.t(Key::CartonChanged), &[("id", &id.to_string())]),
            "",
        );
    });
    let cancel = Callback::new(move |()| editing.set(None));

    let stored = Memo::new(move |_| {
        current.with(|carton| carton.entries.iter().map(Line::stored).collect::<Vec<_>>())
    });
    let heading = move || fill(i18n.t(Key::CartonHeading), &[("id", &id.to_string())]);
    let facts = move || {
        let carton = current.get();
        view! { <CartonFacts carton /> }
    };
    let contents = move || match editing.get() {
        Some(_) => {
            let carton = current.get_untracked();
            view! { <EditCarton carton on_saved=saved on_cancel=cancel on_reload=move |()| reload.run(true) /> }
                .into_any()
        }
        None => {
            let edit = can_print().then(|| {
                view! {
                    <button
                        type="button"
                        class="btn btn--secondary"
                        data-testid="carton-edit"
                        on:click=move |_| editing.set(Some(1))
                    >
                        {i18n.tr(Key::CartonEdit)}
                    </button>
                }
            });
            view! {
                <section class="section" aria-labelledby="carton-lines-title">
                    <div class="page-header">
                        <h2 class="section__title" id="carton-lines-title">
                            {i18n.tr(Key::CartonLinesTitle)}
                        </h2>
                        {edit}
                    </div>
                    <CartonTable lines=stored row_testid="carton-detail-row" testid="carton-detail-lines" />
                </section>
            }
            .into_any()
        }
    };
    let print = move || {
        (can_print() && editing.get().is_none()).then(|| {
            view! {
                <section class="card section" data-testid="carton-reprint">
                    <h2 class="section__title">{i18n.tr(Key::PrintLabelTitle)}</h2>
                    <PrintLabelForm
                        target=LabelTarget::Outerkarton(id)
                        jobs
                        testids=PrintTestIds {
                            printer: "carton-reprint-printer",
                            reason: "carton-reprint-reason",
                            submit: "carton-reprint-submit",
                        }
                        on_queued=move |_| reload.run(false)
                    />
                </section>
            }
        })
    };
    view! {
        <div class="page-header">
            <h1 class="page-title" data-testid="page-title">
                {heading}
            </h1>
        </div>
        <div class="card">{facts}</div>
        {contents}
        {print}
        <section class="section" aria-labelledby="carton-jobs-title">
            <h2 class="section__title" id="carton-jobs-title">
                {i18n.tr(Key::LabelJobsTitle)}
            </h2>
            <LabelJobTable jobs state_testid="carton-detail-job-state" />
        </section>
    }
}

/// Number, delivery note, who packed it when, the last change.
#[component]
fn CartonFacts(carton: CartonDto) -> impl IntoView {
    let i18n = use_i18n();
    let CartonDto {
        id,
        lieferschein_number,
        created_at,
        created_by,
        updated_at,
        entries,
        ..
    } = carton;
    let when = move |at: String| move || format::local_date_time(&at, i18n.lang());
    let count = entries.len().to_string();
    let updated = (updated_at != created_at).then(|| {
        view! { <Fact label=Key::CartonUpdated value=when(updated_at) testid="carton-detail-updated" /> }
    });
    view! {
        <dl class="facts facts--grid" data-testid="carton-detail-facts">
            <Fact label=Key::CartonNumber value=format!("#{id}") testid="carton-detail-id" />
            <Fact
                label=Key::CartonLieferschein
                value=lieferschein_number.unwrap_or_else(|| NO_VALUE.to_owned())
                testid="carton-detail-lieferschein"
            />
            <Fact label=Key::PackingDate value=when(created_at) testid="carton-detail-created" />
            <Fact label=Key::ColCreatedBy value=created_by testid="carton-detail-created-by" />
            {updated}
            <Fact
                label=Key::CartonLinesTitle
                value=move || fill(i18n.t(Key::CartonLineCount), &[("count", &count)])
                testid="carton-detail-count"
            />
        </dl>
    }
}

/// Changing the contents: the stored rows in the packing page's row list (scan or pick more,
/// remove rows), the delivery note, the reason, and optionally the changed label on a printer.
#[component]
fn EditCarton(
    carton: CartonDto,
    on_saved: Callback<CartonResponse>,
    on_cancel: Callback<()>,
    /// Loads the carton again and starts over (after someone else changed it).
    #[prop(into)]
    on_reload: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let form = Form::new();
    let id = carton.id;
    let version = carton.version;
    let initial_number = carton.lieferschein_number.clone().unwrap_or_default();
    let stored: Vec<Line> = carton.entries.iter().map(Line::stored).collect();
    let initial_keys: Vec<u64> = stored.iter().map(|line| line.key).collect();
    let lines = CartonLines::new(Some(id), stored);
    // The units' inspections may have changed since packing.
    lines.refresh_units(initial_keys.clone());
    let gate = SaveGate::new(lines);
    let lieferschein = RwSignal::new(initial_number.clone());
    let reason = RwSignal::new(String::new());
    let reprint = RwSignal::new(true);
    let printer = RwSignal::new(None::<i64>);
    let stale = RwSignal::new(false);
    let reason_problem = Signal::derive(move || reason.with(|reason| reason_issue(reason)));
    let dirty = Signal::derive(move || {
        let keys: Vec<u64> = lines
            .lines()
            .with(|lines| lines.iter().map(|line| line.key).collect());
        keys != initial_keys
            || lieferschein.with(|number| number.trim() != initial_number.trim())
            || reason.with(|reason| !reason.trim().is_empty())
    });
    use_leave_guard(dirty);
    let printer_error = Signal::derive(move || form.server_error("printerId"));

    let save = move || {
        if !gate.open() || stale.get_untracked() {
            return;
        }
        let printer_id = match (reprint.get_untracked(), printer.get_untracked()) {
            (true, None) => return,
            (true, chosen) => chosen,
            (false, _) => None,
        };
        let (keys, entries) = lines.snapshot();
        let request = CartonUpdateRequest {
            entries: Some(entries),
            lieferschein_number: lieferschein.with_untracked(|number| trimmed(number)),
            version,
            reason: reason.with_untracked(|reason| trimmed(reason)),
            printer_id,
            override_reason: gate.override_reason(),
        };
        let valid = reason_problem.with_untracked(Option::is_none) && gate.reason_valid();
        form.submit(valid, EDIT_FIELDS, move || async move {
            match api::update_carton(id, &request).await {
                Ok(answer) => {
                    on_saved.run(answer);
                    Ok(())
                }
                Err(error) if is_stale(&error) => {
                    stale.try_set(true);
                    Ok(())
                }
                Err(error) => Err(lines.mark_errors(&keys, error)),
            }
        });
    };
    let stale_notice = move || {
        stale.get().then(|| {
            view! {
                <div class="alert alert--error" role="alert" data-testid="carton-edit-stale">
                    <div class="alert__text">
                        <p class="alert__title">{i18n.tr(Key::CartonStaleTitle)}</p>
                        <p class="alert__message">{i18n.tr(Key::CartonStaleText)}</p>
                    </div>
                    <button
                        type="button"
                        class="btn btn--primary"
                        data-testid="carton-edit-reload"
                        on:click=move |_| on_reload.run(())
                    >
                        {i18n.tr(Key::CartonReload)}
                    </button>
                </div>
            }
        })
    };
    let printer_choice = move || {
        reprint.get().then(|| {
            view! { <PrinterPicker selected=printer testid="carton-edit-printer" error=printer_error /> }
        })
    };
    let busy = move || form.busy();
    view! {
        <section class="section carton-edit" aria-labelledby="carton-edit-title" data-testid="carton-edit-form">
            <h2 class="section__title" id="carton-edit-title">
                {i18n.tr(Key::CartonEdit)}
            </h2>
            <p class="page-intro">{i18n.tr(Key::CartonEditIntro)}</p>
            {stale_notice}
            <CartonLayout form gate lieferschein lieferschein_testid="carton-edit-lieferschein">
                <Field
                    form
                    name="reason"
                    label=Key::CartonEditReason
                    value=reason
                    issue=reason_problem
                    hint=Key::CartonEditReasonHint
                    autocomplete="off"
                    testid="carton-edit-reason"
                    required=true
                    maxlength=u32::try_from(REASON_MAX_CHARS).unwrap_or(u32::MAX)
                />
                <CheckboxField
                    form
                    name="reprint"
                    label=Key::CartonEditReprint
                    value=reprint
                    testid="carton-edit-reprint"
                />
                {printer_choice}
                <FormError form />
                <NotReadyHint ready=gate.ready />
                <div class="form__actions">
                    <button
                        type="button"
                        class="btn btn--secondary btn--large"
                        data-testid="carton-edit-cancel"
                        disabled=busy
                        on:click=move |_| on_cancel.run(())
                    >
                        {i18n.tr(Key::Cancel)}
                    </button>
                    <button
                        type="button"
                        class="btn btn--primary btn--large"
                        data-testid="carton-edit-save"
                        disabled=move || {
                            busy() || stale.get() || gate.ready.get().is_err()
                                || (reprint.get() && printer.get().is_none())
                        }
                        aria-busy=move || busy().to_string()
                        on:click=move |_| save()
                    >
                        {move || {
                            busy()
                                .then(|| {
                                    view! { <span class="spinner spinner--small" aria-hidden="true"></span> }
                                })
                        }}
                        {move || i18n.t(if busy() { Key::Saving } else { Key::CartonEditSave })}
                    </button>
                </div>
            </CartonLayout>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use api_types::FieldErrors;

    use super::*;

    #[test]
    fn only_conflicts_without_rows_are_stale() {
        let stale = ErrorBody::new(ErrorCode::Conflict, "Der Karton wurde geändert");
        assert!(is_stale(&stale));
        let mut fields = FieldErrors::new();
        fields.insert(
            "entries[1].serialnummer".into(),
            vec!["bereits in Karton #3".into()],
        );
        assert!(!is_stale(&stale.clone().with_fields(fields)));
        let invalid = ErrorBody::new(ErrorCode::ValidationError, "Ungültig");
        assert!(!is_stale(&invalid));
        assert_eq!(detail_path(12), "/outerkarton/12");
    }
}
