//! Print jobs (`/print-jobs`, every signed-in user): the print queue and its history, filtered by
//! state, printer and kind, updated live; a job's details with the label preview and the exact ZPL;
//! retry, cancel and reprint; and a test label on the workstation's printer.
//!
//! Viewers see everything but cannot print or act on jobs (the server refuses it too).

use api_types::auth::{Pagination, Role};
use api_types::printing::{
    CreatePrintJobRequest, JobKind, JobState, PrintEvent, PrintJobDetail, PrintJobDto,
    PrintJobList, REASON_MAX_CHARS, REASON_MIN_CHARS,
};
use api_types::validation::Message;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;

use crate::api::{self, PrintJobQuery};
use crate::auth::{Access, use_auth};
use crate::components::badge::{Badge, Tone};
use crate::components::dialog::Dialog;
use crate::components::export_buttons::{EXPORT_ACCESS, ExportButtons};
use crate::components::fact::Fact;
use crate::components::form::{
    Field, Form, FormActions, FormError, SubmitButton, next_id, split_errors,
};
use crate::components::guard::RequireAccess;
use crate::components::loading::Loaded;
use crate::components::page_header::PageHeader;
use crate::components::pager::Pager;
use crate::components::printer_picker::PrinterPicker;
use crate::components::toast::use_toasts;
use crate::format;
use crate::i18n::{Key, as_message, fill, job_kind_label, job_state_label, use_i18n};
use crate::pages::use_page_title;
use crate::print_events::{LiveHint, supersedes, use_print_events};

/// Every signed-in user.
pub const ACCESS: Access = Access::Authenticated;

/// The client route of the page.
pub const PATH: &str = "/print-jobs";

/// Jobs per page.
const PAGE_SIZE: u64 = 25;

#[component]
pub fn PrintJobsPage() -> impl IntoView {
    use_page_title(Key::JobsTitle);
    view! {
        <RequireAccess access=ACCESS>
            <Jobs />
        </RequireAccess>
    }
}

/// The list's filters; `None` shows all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Filter {
    state: Option<JobState>,
    printer_id: Option<i64>,
    kind: Option<JobKind>,
}

impl Filter {
    fn matches(&self, job: &PrintJobDto) -> bool {
        self.state.is_none_or(|state| state == job.state)
            && self.printer_id.is_none_or(|id| Some(id) == job.printer_id)
            && self.kind.is_none_or(|kind| kind == job.kind)
    }

    fn query(self, page: u64) -> PrintJobQuery {
        PrintJobQuery {
            state: self.state,
            printer_id: self.printer_id,
            kind: self.kind,
            page,
            limit: PAGE_SIZE,
            ..PrintJobQuery::default()
        }
    }
}

/// Puts a changed or new `job` into `rows` (newest first). A listed job is replaced where it
/// stands (unless `job` is an older version), whatever its new state, so its change stays in view. A job newer than every listed one
/// goes on top when `take_new` (the first page) and it matches `filter`, pushing the oldest row off
/// beyond `limit`. Returns whether a new job was added.
fn upsert(
    rows: &mut Vec<PrintJobDto>,
    job: &PrintJobDto,
    take_new: bool,
    filter: &Filter,
    limit: usize,
) -> bool {
    if let Some(row) = rows.iter_mut().find(|row| row.id == job.id) {
        if supersedes(job, row) {
            *row = job.clone();
        }
        return false;
    }
    let newest = rows.iter().map(|row| row.id).max();
    if !take_new || !filter.matches(job) || newest.is_some_and(|newest| job.id < newest) {
        return false;
    }
    rows.insert(0, job.clone());
    rows.truncate(limit);
    true
}

/// The label preview as an image source: the SVG never enters the page's DOM as markup.
pub fn svg_data_url(svg: &str) -> String {
    use base64::Engine as _;

    format!(
        "data:image/svg+xml;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(svg)
    )
}

/// What is wrong with a reprint reason.
pub fn reason_issue(reason: &str) -> Option<Message> {
    let length = reason.trim().chars().count();
    if length == 0 {
        Some(as_message(Key::FieldRequired))
    } else if length < REASON_MIN_CHARS {
        Some(as_message(Key::ReasonTooShort))
    } else if length > REASON_MAX_CHARS {
        Some(as_message(Key::ReasonTooLong))
    } else {
        None
    }
}

fn state_tone(job: &PrintJobDto) -> Tone {
    match job.state {
        JobState::Printed => Tone::Success,
        JobState::Failed => Tone::Danger,
        JobState::Queued | JobState::Sending if job.last_error.is_some() => Tone::Warning,
        JobState::Queued | JobState::Sending | JobState::Cancelled => Tone::Neutral,
    }
}

/// The open dialog.
#[derive(Debug, Clone, PartialEq)]
enum Open {
    Detail(i64),
    Reprint(Box<PrintJobDto>),
}

#[component]
fn Jobs() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let events = use_print_events();
    let can_print = auth.role().is_some_and(Role::can_print);
    // A link may ask for one state (`/print-jobs?state=failed`, from the system overview).
    let linked_state = use_query_map()
        .with_untracked(|query| query.get("state"))
        .and_then(|state| JobState::parse(&state));
    let filter = RwSignal::new(Filter {
        state: linked_state,
        ..Filter::default()
    });
    let page = RwSignal::new(1_u64);
    let open = RwSignal::new(None::<Open>);

    let jobs = LocalResource::new(move || {
        let applied = filter.get();
        let query = applied.query(page.get());
        async move {
            api::print_jobs(&query)
                .await
                .map(|answer| (applied, answer.data))
        }
    });
    // Back after an interruption: changes may have been missed.
    Effect::new(move |before: Option<u64>| {
        let now = events.resyncs();
        if before.is_some_and(|before| before != now) {
            jobs.refetch();
        }
        now
    });

    let printers = LocalResource::new(api::printers);
    let state_options = Signal::derive(move || {
        let lang = i18n.lang();
        JobState::ALL
            .into_iter()
            .map(|state| {
                (
                    state.as_str().to_owned(),
                    job_state_label(state, lang).to_owned(),
                )
            })
            .collect::<Vec<_>>()
    });
    let kind_options = Signal::derive(move || {
        let lang = i18n.lang();
        JobKind::ALL
            .into_iter()
            .map(|kind| {
                (
                    kind.as_str().to_owned(),
                    job_kind_label(kind, lang).to_owned(),
                )
            })
            .collect::<Vec<_>>()
    });
    let printer_options = Signal::derive(move || {
        printers.with(|list| match list {
            Some(Ok(list)) => list
                .data
                .printers
                .iter()
                .map(|printer| (printer.id.to_string(), printer.name.clone()))
                .collect(),
            _ => Vec::new(),
        })
    });
    let set_filter = move |change: fn(&mut Filter, &str)| {
        Callback::new(move |value: String| {
            filter.update(|filter| change(filter, &value));
            page.set(1);
        })
    };
    let reset = move |_| {
        filter.set(Filter::default());
        page.set(1);
    };
    let export = move || {
        EXPORT_ACCESS.allows(auth.role()).then(|| {
            let path = Callback::new(move |(format, numbers)| {
                filter.get().query(1).export_path(format, numbers)
            });
            view! { <ExportButtons path /> }
        })
    };

    let dialog = move || {
        open.get().map(|dialog| match dialog {
            Open::Detail(id) => view! { <JobDetail id open can_print /> }.into_any(),
            Open::Reprint(job) => {
                view! { <ReprintDialog job=*job on_close=move |()| open.set(None) /> }.into_any()
            }
        })
    };

    view! {
        <div class="page">
            <PageHeader title=Key::JobsTitle intro=Key::JobsIntro />
            <LiveHint />
            {can_print.then(|| view! { <TestLabel /> })}
            <div class="card filters" data-testid="job-filters">
                <FilterSelect
                    label=Key::Status
                    testid="filter-state"
                    options=state_options
                    value=Signal::derive(move || {
                        filter.get().state.map(|s| s.as_str().to_owned()).unwrap_or_default()
                    })
                    on_change=set_filter(|filter, value| filter.state = JobState::parse(value))
                />
                <FilterSelect
                    label=Key::PrinterLabel
                    testid="filter-printer"
                    options=printer_options
                    value=Signal::derive(move || {
                        filter.get().printer_id.map(|id| id.to_string()).unwrap_or_default()
                    })
                    on_change=set_filter(|filter, value| filter.printer_id = value.parse().ok())
                />
                <FilterSelect
                    label=Key::FilterKind
                    testid="filter-kind"
                    options=kind_options
                    value=Signal::derive(move || {
                        filter.get().kind.map(|k| k.as_str().to_owned()).unwrap_or_default()
                    })
                    on_change=set_filter(|filter, value| filter.kind = JobKind::parse(value))
                />
                <div class="filters__actions filters__actions--inline">
                    <button
                        type="button"
                        class="btn btn--secondary"
                        data-testid="filter-reset"
                        on:click=reset
                    >
                        {i18n.tr(Key::FilterReset)}
                    </button>
                </div>
            </div>
            {export}
            <Loaded
                resource=jobs
                label=Key::JobsLoading
                render=move |(filter, list)| view! { <JobTable filter list page open can_print /> }
            />
            {dialog}
        </div>
    }
}

/// A filter `<select>`: "all" (value `""`) and `options` as (value, text).
#[component]
fn FilterSelect(
    label: Key,
    testid: &'static str,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    #[prop(into)] value: Signal<String>,
    on_change: Callback<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = next_id(testid);
    let options = move || {
        options
            .get()
            .into_iter()
            .map(|(option, text)| {
                let chosen = option.clone();
                view! {
                    <option value=option selected=move || value.get() == chosen>
                        {text}
                    </option>
                }
            })
            .collect_view()
    };
    view! {
        <div class="field">
            <label class="field__label" for=id.clone()>
                {i18n.tr(label)}
            </label>
            <select
                id=id
                class="input"
                data-testid=testid
                prop:value=move || value.get()
                on:change=move |ev| on_change.run(event_target_value(&ev))
            >
                <option value="" selected=move || value.get().is_empty()>
                    {i18n.tr(Key::FilterAll)}
                </option>
                {options}
            </select>
        </div>
    }
}

/// "Testetikett drucken" on the chosen printer.
#[component]
fn TestLabel() -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let events = use_print_events();
    let selected = RwSignal::new(None::<i64>);
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    // Another printer answers the complaint about the previous one.
    Effect::new(move || {
        selected.track();
        error.set(None);
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let Some(printer_id) = selected.get_untracked() else {
            error.set(Some(i18n.t(Key::PrinterRequired).to_owned()));
            return;
        };
        busy.set(true);
        error.set(None);
        let request = CreatePrintJobRequest {
            printer_id,
            test: true,
            ..CreatePrintJobRequest::default()
        };
        spawn_local(async move {
            let result = api::create_print_job(&request).await;
            busy.try_set(false);
            match result {
                Ok(answer) => {
                    let job = answer.data.job;
                    toasts.info(
                        fill(
                            i18n.t(Key::TestLabelQueued),
                            &[("printer", &job.printer_name)],
                        ),
                        "",
                    );
                    events.dispatch(PrintEvent::Job(job));
                }
                Err(failure) => {
                    let (fields, rest) = split_errors(failure, &["printerId"]);
                    if let Some(messages) = fields.get("printerId") {
                        error.try_set(Some(messages.join(" ")));
                    }
                    if let Some(rest) = rest {
                        toasts.error(i18n.t(Key::ActionFailed), rest.error);
                    }
                }
            }
        });
    };

    view! {
        <form class="card print-test" novalidate data-testid="test-label" on:submit=submit>
            <h2 class="section__title">{i18n.tr(Key::TestLabelTitle)}</h2>
            <div class="print-test__row">
                <PrinterPicker selected error />
                <button
                    type="submit"
                    class="btn btn--primary"
                    data-testid="print-test-label"
                    // Without an enabled printer the picker explains why.
                    disabled=move || busy.get() || selected.get().is_none()
                    aria-busy=move || busy.get().to_string()
                >
                    {move || {
                        busy.get()
                            .then(|| {
                                view! { <span class="spinner spinner--small" aria-hidden="true"></span> }
                            })
                    }}
                    {move || i18n.t(if busy.get() { Key::TestLabelBusy } else { Key::TestLabelPrint })}
                </button>
            </div>
        </form>
    }
}

#[component]
fn JobTable(
    filter: Filter,
    list: PrintJobList,
    page: RwSignal<u64>,
    open: RwSignal<Option<Open>>,
    can_print: bool,
) -> impl IntoView {
    const COLUMNS: &[Key] = &[
        Key::ColCreated,
        Key::ColLabel,
        Key::PrinterLabel,
        Key::Status,
        Key::ColAttempts,
        Key::ColCreatedBy,
        Key::ColReason,
    ];
    let i18n = use_i18n();
    let events = use_print_events();
    let PrintJobList { jobs, pagination } = list;
    let first_page = pagination.page <= 1;
    let rows = RwSignal::new(jobs);
    let pagination = RwSignal::new(pagination);

    events.subscribe(move |event| {
        if let PrintEvent::Job(job) = event {
            let limit = usize::try_from(PAGE_SIZE).unwrap_or(usize::MAX);
            let added = rows
                .try_update(|rows| upsert(rows, job, first_page, &filter, limit))
                .unwrap_or(false);
            if added {
                pagination.try_update(|pagination: &mut Pagination| {
                    pagination.total += 1;
                    pagination.total_pages = pagination.total.div_ceil(pagination.limit.max(1));
                });
            }
        }
    });

    let columns = COLUMNS.len() + usize::from(can_print);
    let headings = COLUMNS
        .iter()
        .chain(can_print.then_some(&Key::ColActions))
        .map(|&column| view! { <th scope="col">{i18n.tr(column)}</th> })
        .collect_view();
    let empty = move || {
        rows.with(Vec::is_empty).then(|| {
            view! {
                <tr>
                    <td colspan=columns.to_string() class="table__empty">
                        {i18n.tr(Key::JobsEmpty)}
                    </td>
                </tr>
            }
        })
    };
    view! {
        <div class="table-wrap">
            <table class="table" data-testid="job-table">
                <thead>
                    <tr>{headings}</tr>
                </thead>
                <tbody>
                    <For
                        each=move || rows.get()
                        key=|job| {
                            (
                                job.id,
                                job.updated_at.clone(),
                                job.state,
                                job.attempts,
                                job.last_error.clone(),
                            )
                        }
                        let:job
                    >
                        <JobRow job open can_print />
                    </For>
                    {empty}
                </tbody>
            </table>
        </div>
        {move || view! { <Pager pagination=pagination.get() page /> }}
    }
}

#[component]
fn JobRow(job: PrintJobDto, open: RwSignal<Option<Open>>, can_print: bool) -> impl IntoView {
    let i18n = use_i18n();
    let id = job.id;
    let kind = job.kind;
    let created = job.created_at.clone();
    let reference = job
        .reference
        .clone()
        .map(|reference| format!(" · {reference}"));
    let reprint_of = job.reprint_of.map(|original| {
        view! {
            <span class="muted job-reprint-of">
                {move || fill(i18n.t(Key::ReprintOf), &[("id", &original.to_string())])}
            </span>
        }
    });
    let actions = can_print.then(|| {
        let job = job.clone();
        view! {
            <td>
                <JobActions job open />
            </td>
        }
    });
    view! {
        <tr data-testid=format!("job-row-{id}") data-job-id=id data-state=job.state.as_str()>
            <td class="table__nowrap">{move || format::local_date_time(&created, i18n.lang())}</td>
            <td>
                <button
                    type="button"
                    class="link-button"
                    data-testid="job-open"
                    title=i18n.tr(Key::JobOpen)
                    on:click=move |_| open.set(Some(Open::Detail(id)))
                >
                    {job.title.clone()}
                </button>
                <div class="muted job-kind">
                    {move || job_kind_label(kind, i18n.lang())}
                    {reference}
                </div>
            </td>
            <td>{job.printer_name.clone()}</td>
            <td>
                <JobStatus job=job.clone() />
            </td>
            <td class="table__nowrap" data-testid="job-attempts">
                {job.attempts}
            </td>
            <td>{job.created_by.clone()}</td>
            <td class="table__details">
                {job.reason.clone().unwrap_or_else(|| "–".to_owned())}
                {reprint_of}
            </td>
            {actions}
        </tr>
    }
}

/// The state badge, and for a waiting or failed job why, and when it is tried next.
#[component]
pub fn JobStatus(job: PrintJobDto) -> impl IntoView {
    let i18n = use_i18n();
    let state = job.state;
    let error = job
        .last_error
        .clone()
        .filter(|_| state.is_active() || state == JobState::Failed);
    let next = job
        .next_attempt_at
        .clone()
        .filter(|at| state == JobState::Queued && format::is_future(at))
        .map(|at| {
            move || {
                fill(
                    i18n.t(Key::NextAttempt),
                    &[("time", &format::local_date_time(&at, i18n.lang()))],
                )
            }
        });
    view! {
        <div class="job-status">
            <Badge tone=state_tone(&job) label=move || job_state_label(state, i18n.lang()) />
            {error.map(|error| view! { <p class="job-status__error" data-testid="job-last-error">{error}</p> })}
            {next.map(|next| view! { <p class="job-status__next muted">{next}</p> })}
        </div>
    }
}

/// Retry (failed, cancelled), cancel (queued, failed) and reprint (printed) for one job.
#[component]
fn JobActions(job: PrintJobDto, open: RwSignal<Option<Open>>) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let events = use_print_events();
    let busy = RwSignal::new(false);
    let id = job.id;
    let state = job.state;
    let act = move |retry: bool| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let result = if retry {
                api::retry_print_job(id).await
            } else {
                api::cancel_print_job(id).await
            };
            busy.try_set(false);
            match result {
                Ok(answer) => {
                    let done = if retry {
                        Key::JobRetried
                    } else {
                        Key::JobCancelled
                    };
                    toasts.success(fill(i18n.t(done), &[("id", &id.to_string())]), "");
                    events.dispatch(PrintEvent::Job(answer.data.job));
                }
                Err(error) => toasts.error(i18n.t(Key::ActionFailed), error.error),
            }
        });
    };
    let retry = matches!(state, JobState::Failed | JobState::Cancelled).then(|| {
        view! {
            <button
                type="button"
                class="btn btn--small btn--primary"
                data-testid="job-retry"
                disabled=move || busy.get()
                on:click=move |_| act(true)
            >
                {i18n.tr(Key::ActionRetry)}
            </button>
        }
    });
    let cancel = matches!(state, JobState::Queued | JobState::Failed).then(|| {
        view! {
            <button
                type="button"
                class="btn btn--small btn--danger-outline"
                data-testid="job-cancel"
                disabled=move || busy.get()
                on:click=move |_| act(false)
            >
                {i18n.tr(Key::ActionCancelJob)}
            </button>
        }
    });
    let reprint = (state == JobState::Printed).then(|| {
        view! {
            <button
                type="button"
                class="btn btn--small btn--secondary"
                data-testid="job-reprint"
                on:click=move |_| open.set(Some(Open::Reprint(Box::new(job.clone()))))
            >
                {i18n.tr(Key::ActionReprint)}
            </button>
        }
    });
    view! { <div class="table__actions">{retry} {cancel} {reprint}</div> }
}

/// One job in detail: its facts (live), the label preview and the ZPL.
#[component]
fn JobDetail(id: i64, open: RwSignal<Option<Open>>, can_print: bool) -> impl IntoView {
    let i18n = use_i18n();
    let detail = LocalResource::new(move || api::print_job(id));
    let title = move || fill(i18n.t(Key::JobDetailTitle), &[("id", &id.to_string())]);
    view! {
        <Dialog title on_close=move |()| open.set(None) testid="job-dialog">
            <Loaded
                resource=detail
                label=Key::JobDetailLoading
                render=move |answer| view! { <DetailBody detail=answer.data.job open can_print /> }
            />
        </Dialog>
    }
}

#[component]
fn DetailBody(
    detail: PrintJobDetail,
    open: RwSignal<Option<Open>>,
    can_print: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let events = use_print_events();
    let PrintJobDetail {
        job,
        zpl,
        preview_svg,
    } = detail;
    let id = job.id;
    let title = job.title.clone();
    let job = RwSignal::new(job);
    events.subscribe(move |event| {
        if let PrintEvent::Job(changed) = event
            && changed.id == id
            && job.try_with_untracked(|job| supersedes(changed, job)) == Some(true)
        {
            job.try_set(changed.clone());
        }
    });

    let text = move |read: fn(&PrintJobDto) -> String| move || job.with(read);
    let optional = move |label: Key, read: fn(&PrintJobDto) -> Option<String>| {
        move || job.with(read).map(|value| view! { <Fact label value /> })
    };
    let date = move |at: String| format::local_date_time(&at, i18n.lang());
    let alt = move || fill(i18n.t(Key::JobPreviewAlt), &[("title", &title)]);
    let actions = can_print.then(|| {
        view! {
            <div class="job-detail__actions">
                {move || view! { <JobActions job=job.get() open /> }}
            </div>
        }
    });
    view! {
        <div
            class="job-detail"
            data-testid="job-detail"
            data-job-id=id
            data-state=move || job.with(|job| job.state.as_str())
        >
            {move || view! { <JobStatus job=job.get() /> }}
            <dl class="facts facts--grid">
                <Fact label=Key::ColLabel value=text(|job| job.title.clone()) />
                <Fact label=Key::PrinterLabel value=text(|job| job.printer_name.clone()) />
                <Fact label=Key::FactKind value=move || job.with(|job| job_kind_label(job.kind, i18n.lang()).to_owned()) />
                {optional(Key::FactReference, |job| job.reference.clone())}
                <Fact label=Key::FactCopies value=text(|job| job.copies.to_string()) />
                <Fact
                    label=Key::ColAttempts
                    value=text(|job| job.attempts.to_string())
                    testid="job-detail-attempts"
                />
                <Fact label=Key::ColCreatedBy value=text(|job| job.created_by.clone()) />
                <Fact label=Key::ColCreated value=move || date(job.with(|job| job.created_at.clone())) />
                {move || {
                    job.with(|job| job.printed_at.clone())
                        .map(|at| view! { <Fact label=Key::FactPrintedAt value=date(at) /> })
                }}
                {optional(Key::ColReason, |job| job.reason.clone())}
                {optional(Key::FactLastError, |job| job.last_error.clone())}
                {move || {
                    job.with(|job| job.reprint_of)
                        .map(|original| {
                            view! { <Fact label=Key::FactReprintOf value=format!("#{original}") /> }
                        })
                }}
            </dl>
            {actions}
            <section class="label-preview" aria-labelledby=format!("job-preview-{id}")>
                <h3 class="label-preview__title" id=format!("job-preview-{id}")>
                    {i18n.tr(Key::JobPreview)}
                </h3>
                <img
                    class="label-preview__image"
                    src=svg_data_url(&preview_svg)
                    alt=alt
                    data-testid="job-preview"
                />
            </section>
            <details class="zpl" data-testid="job-zpl">
                <summary>{i18n.tr(Key::ShowZpl)}</summary>
                <pre class="zpl__code">{zpl}</pre>
            </details>
        </div>
    }
}

/// Prints a printed job's exact label again, on a chosen printer, for a stated reason.
#[component]
fn ReprintDialog(job: PrintJobDto, #[prop(into)] on_close: Callback<()>) -> impl IntoView {
    const FIELDS: &[&str] = &["reason", "printerId"];
    let i18n = use_i18n();
    let toasts = use_toasts();
    let events = use_print_events();
    let form = Form::new();
    let printer = RwSignal::new(None::<i64>);
    let reason = RwSignal::new(String::new());
    let issue = Signal::derive(move || reason.with(|v| reason_issue(v)));
    let printer_error = Signal::derive(move || {
        form.server_error("printerId").or_else(|| {
            (form.attempted() && printer.get().is_none())
                .then(|| i18n.t(Key::PrinterRequired).to_owned())
        })
    });
    // Another printer answers the server's complaint about the previous one.
    Effect::new(move |before: Option<Option<i64>>| {
        let now = printer.get();
        if before.is_some_and(|before| before != now) {
            form.edited("printerId");
        }
        now
    });
    let original = job.id;
    let job_title = job.title.clone();
    let title = {
        let job_title = job_title.clone();
        move || fill(i18n.t(Key::ReprintTitle), &[("title", &job_title)])
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let chosen = printer.get_untracked();
        let valid = issue.get_untracked().is_none() && chosen.is_some();
        let request = CreatePrintJobRequest {
            printer_id: chosen.unwrap_or_default(),
            reprint_of: Some(original),
            reason: Some(reason.with_untracked(|v| v.trim().to_owned())),
            ..CreatePrintJobRequest::default()
        };
        let job_title = job_title.clone();
        form.submit(valid, FIELDS, move || async move {
            let created = api::create_print_job(&request).await?.data.job;
            toasts.success(
                fill(i18n.t(Key::ReprintQueued), &[("title", &job_title)]),
                "",
            );
            events.dispatch(PrintEvent::Job(created));
            on_close.run(());
            Ok(())
        });
    };

    let created = job.created_at.clone();
    view! {
        <Dialog title on_close testid="reprint-dialog">
            <form class="form" novalidate node_ref=form.node() on:submit=submit>
                <dl class="facts">
                    <Fact label=Key::ColLabel value=job.title.clone() />
                    <Fact label=Key::PrinterLabel value=job.printer_name.clone() />
                    <Fact
                        label=Key::ColCreated
                        value=move || format::local_date_time(&created, i18n.lang())
                    />
                </dl>
                <FormError form />
                <PrinterPicker selected=printer testid="reprint-printer" error=printer_error />
                <Field
                    form
                    name="reason"
                    label=Key::ReprintReason
                    value=reason
                    issue
                    hint=Key::ReprintReasonHint
                    autocomplete="off"
                    testid="reprint-reason"
                    required=true
                    autofocus=true
                    maxlength=u32::try_from(REASON_MAX_CHARS).unwrap_or(u32::MAX)
                />
                <FormActions on_cancel=on_close>
                    <SubmitButton
                        form
                        label=Key::ReprintSubmit
                        busy_label=Key::ReprintBusy
                        testid="reprint-submit"
                    />
                </FormActions>
            </form>
        </Dialog>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(id: i64, state: JobState) -> PrintJobDto {
        PrintJobDto {
            id,
            printer_id: Some(1),
            printer_name: "Packplatz 1".into(),
            kind: JobKind::Test,
            reference: None,
            title: format!("Etikett {id}"),
            copies: 1,
            state,
            attempts: 0,
            last_error: None,
            created_by: "anna".into(),
            reason: None,
            reprint_of: None,
            created_at: "2026-11-26T10:30:00Z".into(),
            updated_at: "2026-11-26T10:30:00Z".into(),
            next_attempt_at: None,
            printed_at: None,
        }
    }

    fn ids(rows: &[PrintJobDto]) -> Vec<i64> {
        rows.iter().map(|row| row.id).collect()
    }

    #[test]
    fn known_jobs_change_in_place() {
        let mut rows = vec![job(3, JobState::Queued), job(2, JobState::Printed)];
        let printed = job(3, JobState::Printed);
        // Even when the new state no longer matches the filter: the change stays in view.
        let queued_only = Filter {
            state: Some(JobState::Queued),
            ..Filter::default()
        };
        assert!(!upsert(&mut rows, &printed, true, &queued_only, 25));
        assert_eq!(ids(&rows), [3, 2]);
        assert_eq!(rows[0].state, JobState::Printed);
        // The late answer of the request that queued it changes nothing.
        assert!(!upsert(
            &mut rows,
            &job(3, JobState::Queued),
            true,
            &queued_only,
            25
        ));
        assert_eq!(rows[0].state, JobState::Printed);
    }

    #[test]
    fn new_matching_jobs_go_on_top_of_the_first_page() {
        let mut rows = vec![job(3, JobState::Printed), job(2, JobState::Printed)];
        assert!(upsert(
            &mut rows,
            &job(4, JobState::Queued),
            true,
            &Filter::default(),
            2
        ));
        assert_eq!(ids(&rows), [4, 3]);
        // Later pages, other filters and old jobs stay out.
        assert!(!upsert(
            &mut rows,
            &job(5, JobState::Queued),
            false,
            &Filter::default(),
            2
        ));
        let failed_only = Filter {
            state: Some(JobState::Failed),
            ..Filter::default()
        };
        assert!(!upsert(
            &mut rows,
            &job(6, JobState::Queued),
            true,
            &failed_only,
            2
        ));
        assert!(!upsert(
            &mut rows,
            &job(1, JobState::Failed),
            true,
            &Filter::default(),
            2
        ));
        assert_eq!(ids(&rows), [4, 3]);
        let mut empty = Vec::new();
        assert!(upsert(
            &mut empty,
            &job(1, JobState::Queued),
            true,
            &Filter::default(),
            2
        ));
    }

    #[test]
    fn filters_match_state_printer_and_kind() {
        let queued = job(1, JobState::Queued);
        assert!(Filter::default().matches(&queued));
        let other_printer = Filter {
            printer_id: Some(2),
            ..Filter::default()
        };
        assert!(!other_printer.matches(&queued));
        let products = Filter {
            kind: Some(JobKind::Product),
            ..Filter::default()
        };
        assert!(!products.matches(&queued));
        let query = Filter {
            state: Some(JobState::Failed),
            ..Filter::default()
        }
        .query(3);
        assert_eq!(query.path(), "/api/print-jobs?state=failed&page=3&limit=25");
    }

    #[test]
    fn previews_are_base64_data_urls() {
        assert_eq!(svg_data_url("<svg/>"), "data:image/svg+xml;base64,PHN2Zy8+");
        // Umlauts in label texts survive (UTF-8 bytes, not Latin-1).
        assert_eq!(
            svg_data_url("<svg>Prüfung</svg>"),
            "data:image/svg+xml;base64,PHN2Zz5QcsO8ZnVuZzwvc3ZnPg=="
        );
    }

    #[test]
    fn reprint_reasons_need_three_to_five_hundred_characters() {
        assert_eq!(reason_issue("  "), Some(as_message(Key::FieldRequired)));
        assert_eq!(reason_issue("ab"), Some(as_message(Key::ReasonTooShort)));
        assert_eq!(reason_issue(" abc "), None);
        assert_eq!(reason_issue("äöü"), None);
        assert_eq!(
            reason_issue(&"x".repeat(501)),
            Some(as_message(Key::ReasonTooLong))
        );
        assert_eq!(reason_issue(&"x".repeat(500)), None);
    }

    #[test]
    fn waiting_with_an_error_is_a_warning() {
        let mut waiting = job(1, JobState::Queued);
        assert_eq!(state_tone(&waiting), Tone::Neutral);
        waiting.last_error = Some("Papier leer".into());
        assert_eq!(state_tone(&waiting), Tone::Warning);
        assert_eq!(state_tone(&job(1, JobState::Failed)), Tone::Danger);
        assert_eq!(state_tone(&job(1, JobState::Printed)), Tone::Success);
    }
}
