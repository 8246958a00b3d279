//! Printing a stored label (an inspection's, an accessory or mount label, a carton's): the printer,
//! the reason a reprint needs, and the label's print jobs with their live state. The inspection
//! detail, reprint and packaging pages share it.

use api_types::inspection::InspectionStatus;
use api_types::packaging::PrintLabelRequest;
use api_types::printing::{JobState, PrintEvent, PrintJobDto, REASON_MAX_CHARS};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::{self, LabelTarget};
use crate::components::form::{Field, Form, FormActions, FormError, SubmitButton};
use crate::components::printer_picker::PrinterPicker;
use crate::components::toast::use_toasts;
use crate::format;
use crate::i18n::{Key, fill, use_i18n};
use crate::pages::print_jobs::{JobStatus, reason_issue};
use crate::print_events::{supersedes, use_print_events};

/// The client route of the print queue, where every job can be followed.
pub const PRINT_JOBS_PATH: &str = "/print-jobs";

/// Whether a new label is a reprint: a job that was not cancelled exists, so the server asks for a
/// reason.
pub fn printed_before(jobs: &[PrintJobDto]) -> bool {
    jobs.iter().any(|job| job.state != JobState::Cancelled)
}

/// Puts `job` into `jobs`: a known job is replaced unless `job` is an older version, a new one is
/// added at the end (jobs are listed oldest first, like the server lists them).
pub fn merge_job(jobs: &mut Vec<PrintJobDto>, job: &PrintJobDto) {
    match jobs.iter_mut().find(|known| known.id == job.id) {
        Some(known) if supersedes(job, known) => *known = job.clone(),
        Some(_) => {}
        None => {
            jobs.push(job.clone());
            jobs.sort_by_key(|job| job.id);
        }
    }
}

/// The jobs of the label `target`, kept current by the live print events (also jobs queued in
/// another tab). Pages add the jobs the server listed with [`merge_job`].
pub fn use_label_jobs(target: LabelTarget) -> RwSignal<Vec<PrintJobDto>> {
    let events = use_print_events();
    let jobs = RwSignal::new(Vec::<PrintJobDto>::new());
    let reference = target.reference();
    events.subscribe(move |event| {
        if let PrintEvent::Job(job) = event
            && job.reference.as_deref() == Some(reference.as_str())
        {
            jobs.try_update(|jobs| merge_job(jobs, job));
        }
    });
    jobs
}

/// `data-testid`s of a [`PrintLabelForm`]'s controls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PrintTestIds {
    pub printer: &'static str,
    pub reason: &'static str,
    pub submit: &'static str,
}

/// Printer, reason (asked for when the label was printed before, or when the server wants one) and
/// "Etikett drucken" / "Nachdrucken". A queued job is announced to the live events, so `jobs` and
/// every other view of it follow its state.
#[component]
pub fn PrintLabelForm(
    target: LabelTarget,
    /// The label's jobs so far ([`use_label_jobs`]).
    jobs: RwSignal<Vec<PrintJobDto>>,
    testids: PrintTestIds,
    /// Called with each queued job.
    #[prop(optional, into)]
    on_queued: Option<Callback<PrintJobDto>>,
) -> impl IntoView {
    const FIELDS: &[&str] = &["reason", "printerId"];
    let i18n = use_i18n();
    let toasts = use_toasts();
    let events = use_print_events();
    let form = Form::new();
    let printer = RwSignal::new(None::<i64>);
    let reason = RwSignal::new(String::new());
    // Counts queued labels: the reason field starts afresh (untouched, no message) for the next one.
    let queued = RwSignal::new(0_u32);
    let reprint = Memo::new(move |_| jobs.with(|jobs| printed_before(jobs)));
    // The server knows of an earlier label this page missed: the reason stays asked for.
    let server_wants_reason = RwSignal::new(false);
    Effect::new(move || {
        if form.server_error("reason").is_some() {
            server_wants_reason.set(true);
        }
    });
    let ask_reason = Memo::new(move |_| reprint.get() || server_wants_reason.get());
    let issue = Signal::derive(move || {
        if ask_reason.get() {
            reason.with(|reason| reason_issue(reason))
        } else {
            None
        }
    });
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

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let chosen = printer.get_untracked();
        let valid = issue.get_untracked().is_none() && chosen.is_some();
        let request = PrintLabelRequest {
            printer_id: chosen.unwrap_or_default(),
            reason: ask_reason
                .get_untracked()
                .then(|| reason.with_untracked(|reason| reason.trim().to_owned())),
        };
        form.submit(valid, FIELDS, move || async move {
            let job = api::print_label(target, &request).await?;
            toasts.success(fill(i18n.t(Key::LabelQueued), &[("title", &job.title)]), "");
            events.dispatch(PrintEvent::Job(job.clone()));
            reason.try_set(String::new());
            queued.try_update(|count| *count += 1);
            form.reset();
            if let Some(on_queued) = on_queued {
                on_queued.run(job);
            }
            Ok(())
        });
    };

    let reason_field = move || {
        queued.track();
        ask_reason.get().then(|| {
            view! {
                <Field
                    form
                    name="reason"
                    label=Key::ReprintReason
                    value=reason
                    issue
                    hint=Key::ReprintReasonHint
                    autocomplete="off"
                    testid=testids.reason
                    required=true
                    maxlength=u32::try_from(REASON_MAX_CHARS).unwrap_or(u32::MAX)
                />
            }
        })
    };
    let printed = move || {
        reprint
            .get()
            .then(|| view! { <p class="muted">{i18n.tr(Key::PrintedBefore)}</p> })
    };
    let button = move || {
        let label = if reprint.get() {
            Key::ActionReprint
        } else {
            Key::PrintLabel
        };
        view! {
            <SubmitButton form label busy_label=Key::PrintLabelBusy testid=testids.submit />
        }
    };
    view! {
        <form class="form" novalidate node_ref=form.node() on:submit=submit>
            {printed}
            <FormError form />
            <PrinterPicker selected=printer testid=testids.printer error=printer_error />
            {reason_field}
            <FormActions>{button}</FormActions>
        </form>
    }
}

/// Why no label can be printed yet: B has not completed, or the unit failed and nobody released it.
#[component]
pub fn NotPrintable(status: InspectionStatus, testid: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let text = if status == InspectionStatus::Failed {
        Key::NotPrintableFailed
    } else {
        Key::NotPrintableOpen
    };
    view! {
        <div
            class="alert alert--warning"
            role="status"
            data-testid=testid
            data-status=status.as_str()
        >
            <p class="alert__title">{i18n.tr(text)}</p>
        </div>
    }
}

/// One job's state, live: the badge (with why it waits or failed) in an element that carries
/// `data-state` and `data-job-id` for browser tests.
#[component]
pub fn LabelJobState(job: PrintJobDto, testid: &'static str) -> impl IntoView {
    let (state, id) = (job.state, job.id);
    view! {
        <div data-testid=testid data-state=state.as_str() data-job-id=id>
            <JobStatus job />
        </div>
    }
}

/// The label's print jobs, oldest first, each with its live state (`state_testid`) and the way to the
/// print queue.
#[component]
pub fn LabelJobTable(
    jobs: RwSignal<Vec<PrintJobDto>>,
    /// `data-testid` of each job's state.
    state_testid: &'static str,
) -> impl IntoView {
    const COLUMNS: &[Key] = &[
        Key::ColJob,
        Key::Status,
        Key::PrinterLabel,
        Key::ColCreated,
        Key::ColCreatedBy,
        Key::ColReason,
    ];
    let i18n = use_i18n();
    let headings = COLUMNS
        .iter()
        .map(|&column| view! { <th scope="col">{i18n.tr(column)}</th> })
        .collect_view();
    let rows = move || {
        let lang = i18n.lang();
        let list = jobs.get();
        if list.is_empty() {
            return view! {
                <tr>
                    <td colspan=COLUMNS.len().to_string() class="table__empty">
                        {i18n.t(Key::LabelJobsEmpty)}
                    </td>
                </tr>
            }
            .into_any();
        }
        list.into_iter()
            .map(|job| {
                let created = format::local_date_time(&job.created_at, lang);
                let reason = job.reason.clone().unwrap_or_else(|| "–".to_owned());
                view! {
                    <tr data-testid=format!("label-job-{}", job.id)>
                        <td class="table__nowrap">
                            <A href=PRINT_JOBS_PATH attr:title=i18n.t(Key::ShowInPrintJobs)>
                                {format!("#{}", job.id)}
                            </A>
                        </td>
                        <td>
                            <LabelJobState job=job.clone() testid=state_testid />
                        </td>
                        <td>{job.printer_name.clone()}</td>
                        <td class="table__nowrap">{created}</td>
                        <td>{job.created_by.clone()}</td>
                        <td class="table__details">{reason}</td>
                    </tr>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <div class="table-wrap">
            <table class="table" data-testid="label-jobs">
                <thead>
                    <tr>{headings}</tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use api_types::printing::JobKind;

    use super::*;

    fn job(id: i64, state: JobState, updated_at: &str) -> PrintJobDto {
        PrintJobDto {
            id,
            printer_id: Some(1),
            printer_name: "Packplatz 1".into(),
            kind: JobKind::Product,
            reference: Some(LabelTarget::Inspection(7).reference()),
            title: "C2 C2-0001".into(),
            copies: 1,
            state,
            attempts: 0,
            last_error: None,
            created_by: "anna".into(),
            reason: None,
            reprint_of: None,
            created_at: "2026-11-26T10:30:00Z".into(),
            updated_at: updated_at.into(),
            next_attempt_at: None,
            printed_at: None,
        }
    }

    #[test]
    fn the_reference_names_the_inspection() {
        assert_eq!(LabelTarget::Inspection(42).reference(), "inspection:42");
    }

    #[test]
    fn cancelled_labels_do_not_count_as_printed() {
        assert!(!printed_before(&[]));
        assert!(!printed_before(&[job(
            1,
            JobState::Cancelled,
            "2026-11-26T10:30:00Z"
        )]));
        assert!(printed_before(&[job(
            1,
            JobState::Failed,
            "2026-11-26T10:30:00Z"
        )]));
        assert!(printed_before(&[job(
            1,
            JobState::Queued,
            "2026-11-26T10:30:00Z"
        )]));
    }

    #[test]
    fn newer_versions_replace_older_ones() {
        let mut jobs = vec![job(3, JobState::Queued, "2026-11-26T10:30:00Z")];
        merge_job(
            &mut jobs,
            &job(3, JobState::Printed, "2026-11-26T10:30:02Z"),
        );
        assert_eq!(jobs[0].state, JobState::Printed);
        // The late answer of the request that queued it changes nothing.
        merge_job(&mut jobs, &job(3, JobState::Queued, "2026-11-26T10:30:00Z"));
        assert_eq!(jobs[0].state, JobState::Printed);
        merge_job(
            &mut jobs,
            &job(1, JobState::Printed, "2026-11-26T09:00:00Z"),
        );
        let ids: Vec<i64> = jobs.iter().map(|job| job.id).collect();
        assert_eq!(ids, [1, 3]);
    }
}
