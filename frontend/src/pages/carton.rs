//! Packing an outer carton (`/outerkarton`): the rows are scanned (scanner first; every scan is
//! confirmed on screen and by a tone) or chosen by hand, the label follows live, and the carton is
//! saved — printed or not. Units that have not passed need MANAGEMENT's release with a reason; a
//! unit already in another carton blocks the carton.
//!
//! Nothing is lost on an error: the rows stay and the server's messages go next to the rows and
//! fields they are about. After saving, the page is ready for the next carton at once while the
//! label's print job is followed live.

use api_types::packaging::{CartonCreated, CartonRequest};
use api_types::printing::{PrintEvent, PrintJobDto};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use crate::api::{self, LabelTarget};
use crate::auth::Access;
use crate::components::carton_entries::{CartonLayout, CartonLines, NotReadyHint, SaveGate};
use crate::components::form::{Form, FormError};
use crate::components::guard::RequireAccess;
use crate::components::inspection_form::use_leave_guard;
use crate::components::label_print::{LabelJobState, PRINT_JOBS_PATH, merge_job, use_label_jobs};
use crate::components::page_header::PageHeader;
use crate::components::printer_picker::PrinterPicker;
use crate::i18n::{Key, fill, use_i18n};
use crate::pages::carton_detail::detail_path;
use crate::pages::cartons;
use crate::pages::use_page_title;
use crate::print_events::use_print_events;

/// Who may use the page.
pub const ACCESS: Access = Access::Inspector;

/// The client route of the page.
pub const PATH: &str = "/outerkarton";

/// Fields whose server messages are shown next to them (rows get theirs on the row).
const FIELDS: &[&str] = &["lieferscheinNumber", "overrideReason", "printerId"];

/// A typed text, trimmed; `None` when nothing is left.
pub fn trimmed(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

#[component]
pub fn CartonPage() -> impl IntoView {
    use_page_title(Key::CartonTitle);
    view! {
        <RequireAccess access=ACCESS>
            <Pack />
        </RequireAccess>
    }
}

#[component]
fn Pack() -> impl IntoView {
    let i18n = use_i18n();
    let events = use_print_events();
    let form = Form::new();
    let lines = CartonLines::new(None, Vec::new());
    let gate = SaveGate::new(lines);
    let lieferschein = RwSignal::new(String::new());
    let printer = RwSignal::new(None::<i64>);
    let result = RwSignal::new(None::<CartonCreated>);
    use_leave_guard(Signal::derive(move || !lines.is_empty()));
    // Another printer answers the server's complaint about the previous one.
    Effect::new(move |before: Option<Option<i64>>| {
        let now = printer.get();
        if before.is_some_and(|before| before != now) {
            form.edited("printerId");
        }
        now
    });
    let printer_error = Signal::derive(move || form.server_error("printerId"));

    let save = move |print: bool| {
        if !gate.open() {
            return;
        }
        let printer_id = match (print, printer.get_untracked()) {
            (true, None) => return,
            (true, chosen) => chosen,
            (false, _) => None,
        };
        let (keys, entries) = lines.snapshot();
        let request = CartonRequest {
            entries: Some(entries),
            lieferschein_number: lieferschein.with_untracked(|number| trimmed(number)),
            skip_print: Some(!print),
            printer_id,
            override_reason: gate.override_reason(),
        };
        form.submit(gate.reason_valid(), FIELDS, move || async move {
            match api::create_carton(&request).await {
                Ok(created) => {
                    if let Some(job) = &created.print_job {
                        events.dispatch(PrintEvent::Job(job.clone()));
                    }
                    // Rows scanned while saving stay for the next carton.
                    lines.take(&keys);
                    lieferschein.try_set(String::new());
                    gate.override_reason.try_set(String::new());
                    form.reset();
                    result.try_set(Some(created));
                    lines.focus();
                    Ok(())
                }
                Err(error) => Err(lines.mark_errors(&keys, error)),
            }
        });
    };

    let busy = move || form.busy();
    let button = move |print: bool| {
        let (label, testid, class) = if print {
            (
                Key::CartonSavePrint,
                "carton-submit",
                "btn btn--primary btn--large",
            )
        } else {
            (
                Key::CartonSaveOnly,
                "carton-save",
                "btn btn--secondary btn--large",
            )
        };
        view! {
            <button
                type="button"
                class=class
                data-testid=testid
                disabled=move || {
                    busy() || gate.ready.get().is_err() || (print && printer.get().is_none())
                }
                aria-busy=move || busy().to_string()
                on:click=move |_| save(print)
            >
                {move || {
                    busy()
                        .then(|| view! { <span class="spinner spinner--small" aria-hidden="true"></span> })
                }}
                {move || i18n.t(if busy() { Key::Saving } else { label })}
            </button>
        }
    };
    let outcome = move || {
        result
            .get()
            .map(|created| view! { <CartonResult created /> })
    };

    view! {
        <div class="page page--carton" data-testid="carton-page">
            <PageHeader title=Key::CartonTitle intro=Key::CartonIntro>
                <A
                    href=cartons::PATH
                    attr:class="btn btn--secondary"
                    attr:data-testid="carton-history-link"
                >
                    {i18n.tr(Key::CartonsTitle)}
                </A>
            </PageHeader>
            {outcome}
            <CartonLayout form gate lieferschein lieferschein_testid="carton-lieferschein">
                <PrinterPicker selected=printer testid="carton-printer" error=printer_error />
                <FormError form />
                <NotReadyHint ready=gate.ready />
                <div class="form__actions">{button(false)} {button(true)}</div>
            </CartonLayout>
        </div>
    }
}

/// The saved carton: its number, the way to it, and its label's print job live.
#[component]
fn CartonResult(created: CartonCreated) -> impl IntoView {
    let i18n = use_i18n();
    let CartonCreated {
        outer_karton_id: id,
        item,
        print_job,
        ..
    } = created;
    let number = id.to_string();
    let title = move || fill(i18n.t(Key::CartonSaved), &[("id", &number)]);
    let count = item.entries.len().to_string();
    let lieferschein = item.lieferschein_number.clone();
    let facts = move || {
        let lines = fill(i18n.t(Key::CartonLineCount), &[("count", &count)]);
        match &lieferschein {
            Some(number) => format!("{} {number} · {lines}", i18n.t(Key::CartonLieferschein)),
            None => lines,
        }
    };
    let label = match print_job {
        Some(job) => view! { <CartonJob id job /> }.into_any(),
        None => view! {
            <p class="muted" data-testid="carton-no-label">
                {i18n.tr(Key::ResultSavedWithoutLabel)}
            </p>
        }
        .into_any(),
    };
    view! {
        <section
            class="card outcome outcome--passed carton-result"
            data-testid="carton-result"
            data-carton-id=id
            role="status"
        >
            <h2 class="outcome__title">{title}</h2>
            <p class="muted">{facts}</p>
            {label}
            <div class="form__actions outcome__actions">
                <A
                    href=detail_path(id)
                    attr:class="btn btn--secondary"
                    attr:data-testid="carton-result-link"
                >
                    {i18n.tr(Key::CartonShow)}
                </A>
            </div>
        </section>
    }
}

/// The carton label's print job, following the live events.
#[component]
fn CartonJob(id: i64, job: PrintJobDto) -> impl IntoView {
    let i18n = use_i18n();
    let job_id = job.id;
    let jobs = use_label_jobs(LabelTarget::Outerkarton(id));
    jobs.update(|jobs| merge_job(jobs, &job));
    // The job may have moved on before this view listened.
    spawn_local(async move {
        if let Ok(answer) = api::print_job(job_id).await {
            jobs.try_update(|jobs| merge_job(jobs, &answer.data.job.job));
        }
    });
    let current = move || {
        jobs.with(|jobs| jobs.iter().find(|job| job.id == job_id).cloned())
            .map(|job| view! { <LabelJobState job testid="carton-job-state" /> })
    };
    view! {
        <div class="job-progress" aria-live="polite">
            <p class="job-progress__title">{i18n.tr(Key::LabelJobsTitle)}</p>
            {current}
            <A
                href=PRINT_JOBS_PATH
                attr:class="job-progress__link"
                attr:data-testid="carton-print-jobs"
            >
                {i18n.tr(Key::ShowInPrintJobs)}
            </A>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_numbers_are_not_sent() {
        assert_eq!(trimmed("  LS-4711 "), Some("LS-4711".to_owned()));
        assert_eq!(trimmed("   "), None);
    }
}
