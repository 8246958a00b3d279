//! What the packaging create forms (Zubehör, Halterung) share besides the articles
//! ([`crate::components::article_picker`]): Enter in a field moves on instead of saving, the save
//! itself ([`PackSave`]), and beside the form the printer, the two save buttons, the saved label
//! with the live state of its print job and the label preview ([`PackAside`]).
//!
//! A failed save keeps everything the user entered and shows the server's messages next to their
//! fields; a successful one empties the whole form for the next label.

use std::future::Future;

use api_types::packaging::PackItemInput;
use api_types::printing::{PrintEvent, PrintJobDto};
use api_types::{ErrorBody, ErrorCode, FieldErrors};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use wasm_bindgen::JsCast;

use crate::api::{self, LabelTarget};
use crate::components::article_picker::ArticleSelection;
use crate::components::form::{Form, FormError};
use crate::components::inspection_form::enter_moves_on;
use crate::components::label_preview::{Drawable, ZplPreview};
use crate::components::label_print::{LabelJobState, PRINT_JOBS_PATH, merge_job, use_label_jobs};
use crate::components::printer_picker::PrinterPicker;
use crate::components::toast::{Toasts, use_toasts};
use crate::i18n::{I18n, Key, use_i18n};
use crate::print_events::{PrintEvents, use_print_events};

/// The server's key for messages about the printer.
pub const PRINTER_FIELD: &str = "printerId";

/// Enter in an input moves to the next field instead of saving (barcode scanners end every scan
/// with Enter); buttons keep their Enter. For the `on:keydown` of a whole form.
pub fn enter_in_inputs(ev: leptos::ev::KeyboardEvent) {
    let in_input = ev
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|element| element.tag_name().eq_ignore_ascii_case("input"));
    if in_input {
        enter_moves_on(ev);
    }
}

/// A 409 without field messages (a unique index caught the duplicate, not the check before it)
/// belongs to `field` all the same.
pub fn conflict_at(mut error: ErrorBody, field: &str) -> ErrorBody {
    if error.code == ErrorCode::Conflict && error.errors.is_none() {
        let errors = FieldErrors::from([(field.to_owned(), vec![error.error.clone()])]);
        error.errors = Some(errors);
    }
    error
}

/// What a save button does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveAction {
    /// Store the label only (`skipPrint`).
    Save,
    /// Store it and queue it on the chosen printer.
    SaveAndPrint,
}

impl SaveAction {
    pub fn prints(self) -> bool {
        self == SaveAction::SaveAndPrint
    }
}

/// What a save request carries besides the page's own fields.
#[derive(Debug, Clone)]
pub struct SaveInput {
    /// The chosen articles in the order of the form.
    pub items: Vec<PackItemInput>,
    pub skip_print: bool,
    pub printer_id: Option<i64>,
}

/// A label a save stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    pub target: LabelTarget,
    pub id: i64,
    /// "… {name} gespeichert": the toast's and the panel's text.
    pub saved: Key,
    /// What fills `{name}` in `saved`.
    pub name: String,
    /// The queued label; `None` when saved without printing.
    pub job: Option<PrintJobDto>,
    /// The stored label in its history.
    pub href: String,
}

/// The state of a packaging create form beside its own fields: the chosen articles, the printer,
/// the running save and the label the last save stored.
#[derive(Clone, Copy)]
pub struct PackSave {
    form: Form,
    selection: ArticleSelection,
    printer: RwSignal<Option<i64>>,
    running: RwSignal<Option<SaveAction>>,
    stored: RwSignal<Option<Stored>>,
    i18n: I18n,
    toasts: Toasts,
    events: PrintEvents,
}

impl PackSave {
    pub fn new(form: Form, selection: ArticleSelection) -> Self {
        let printer = RwSignal::new(None::<i64>);
        // Another printer answers the server's complaint about the previous one.
        Effect::new(move |before: Option<Option<i64>>| {
            let now = printer.get();
            if before.is_some_and(|before| before != now) {
                form.edited(PRINTER_FIELD);
            }
            now
        });
        Self {
            form,
            selection,
            printer,
            running: RwSignal::new(None),
            stored: RwSignal::new(None),
            i18n: use_i18n(),
            toasts: use_toasts(),
            events: use_print_events(),
        }
    }

    /// Saves when the rules pass (`fields_valid`: the page's own fields; the articles are checked
    /// here): `send` makes and sends the request. A stored label is announced, the form emptied and
    /// `on_stored` called (the page empties its own fields); a failure shows the server's messages
    /// at the articles and at `fields`.
    pub fn run<F, Fut>(
        self,
        action: SaveAction,
        fields_valid: bool,
        fields: &'static [&'static str],
        send: F,
        on_stored: impl FnOnce() + 'static,
    ) where
        F: FnOnce(SaveInput) -> Fut,
        Fut: Future<Output = Result<Stored, ErrorBody>> + 'static,
    {
        if self.running.get_untracked().is_some()
            || !self.form.check(fields_valid && self.selection.valid())
        {
            return;
        }
        let items = self.selection.items();
        let sent: Vec<String> = items
            .iter()
            .filter_map(|item| item.artikelnummer.clone())
            .collect();
        let request = send(SaveInput {
            items,
            skip_print: !action.prints(),
            printer_id: self.printer.get_untracked().filter(|_| action.prints()),
        });
        self.running.set(Some(action));
        spawn_local(async move {
            let result = request.await;
            if self.running.try_set(None).is_some() {
                // The page was left meanwhile.
                return;
            }
            match result {
                Ok(stored) => {
                    let (i18n, detail) = (self.i18n, stored.job.is_some());
                    if let Some(job) = &stored.job {
                        self.events.dispatch(PrintEvent::Job(job.clone()));
                    }
                    self.toasts.success(
                        i18n.named(stored.saved, &stored.name),
                        i18n.t(if detail {
                            Key::PackPrinting
                        } else {
                            Key::ResultSavedWithoutLabel
                        }),
                    );
                    self.stored.set(Some(stored));
                    self.selection.reset();
                    self.form.reset();
                    on_stored();
                }
                Err(error) => self.selection.fail(error, &sent, fields),
            }
        });
    }
}

/// `data-testid`s of a [`PackAside`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PackTestIds {
    /// The printer selection.
    pub printer: &'static str,
    /// Prefix of the buttons: `{buttons}-save`, `{buttons}-save-print`.
    pub buttons: &'static str,
    /// The saved label's panel (with `data-label-id`).
    pub saved: &'static str,
    /// The saved label's link to its history.
    pub saved_link: &'static str,
    /// The live state of the saved label's print job.
    pub job_state: &'static str,
    /// The label preview.
    pub preview: &'static str,
}

/// Beside the form: the label the last save stored, the printer, the error of a failed save, the
/// two save buttons and the label preview.
#[component]
pub fn PackAside(
    save: PackSave,
    testids: PackTestIds,
    /// The text of the button that saves without printing.
    save_label: Key,
    #[prop(into)] on_save: Callback<SaveAction>,
    /// The label's ZPL as the form stands; `None` until enough is entered (`empty` says what).
    #[prop(into)]
    zpl: Signal<Option<Drawable>>,
    /// The preview image's alternative text.
    #[prop(into)]
    alt: Signal<String>,
    empty: Key,
) -> impl IntoView {
    let printer_error = Signal::derive(move || save.form.server_error(PRINTER_FIELD));
    let stored = move || {
        save.stored
            .get()
            .map(|stored| view! { <SavedLabel stored testids /> })
    };
    view! {
        // The buttons first: always in view beside a long form; the label below them.
        <aside class="inspect-aside">
            {stored}
            <div class="card inspect-actions">
                <PrinterPicker selected=save.printer testid=testids.printer error=printer_error />
                <FormError form=save.form />
                <SaveButtons
                    running=save.running
                    can_print=Signal::derive(move || save.printer.get().is_some())
                    save_label
                    testid=testids.buttons
                    on_save
                />
            </div>
            <ZplPreview zpl alt empty testid=testids.preview />
        </aside>
    }
}

/// "Speichern" and "Speichern & Drucken": plain buttons, so no Enter in a field triggers them.
/// Both are disabled while one runs; printing also while no printer is chosen.
#[component]
fn SaveButtons(
    running: RwSignal<Option<SaveAction>>,
    #[prop(into)] can_print: Signal<bool>,
    save_label: Key,
    testid: &'static str,
    on_save: Callback<SaveAction>,
) -> impl IntoView {
    let i18n = use_i18n();
    let busy = move || running.get().is_some();
    let content = move |action: SaveAction, label: Key| {
        move || {
            let spinning = running.get() == Some(action);
            view! {
                {spinning.then(|| view! { <span class="spinner spinner--small" aria-hidden="true"></span> })}
                {i18n.t(if spinning { Key::Saving } else { label })}
            }
        }
    };
    view! {
        <div class="form__actions">
            <button
                type="button"
                class="btn btn--secondary btn--large"
                data-testid=format!("{testid}-save")
                disabled=busy
                aria-busy=move || (running.get() == Some(SaveAction::Save)).to_string()
                on:click=move |_| on_save.run(SaveAction::Save)
            >
                {content(SaveAction::Save, save_label)}
            </button>
            <button
                type="button"
                class="btn btn--primary btn--large"
                data-testid=format!("{testid}-save-print")
                disabled=move || busy() || !can_print.get()
                aria-busy=move || (running.get() == Some(SaveAction::SaveAndPrint)).to_string()
                on:click=move |_| on_save.run(SaveAction::SaveAndPrint)
            >
                {content(SaveAction::SaveAndPrint, Key::SaveAndPrint)}
            </button>
        </div>
    }
}

/// A label was saved: what it is, the live state of its print job (or that none was printed) and
/// the way to the stored label in its history.
#[component]
fn SavedLabel(stored: Stored, testids: PackTestIds) -> impl IntoView {
    let i18n = use_i18n();
    let Stored {
        target,
        id,
        saved,
        name,
        job,
        href,
    } = stored;
    let jobs = use_label_jobs(target);
    let progress = job.map(|job| {
        let job_id = job.id;
        jobs.update(|jobs| merge_job(jobs, &job));
        // The job may have moved on before this view listened.
        spawn_local(async move {
            if let Ok(answer) = api::print_job(job_id).await {
                jobs.try_update(|jobs| merge_job(jobs, &answer.data.job.job));
            }
        });
        let current = move || {
            jobs.with(|jobs| jobs.iter().find(|job| job.id == job_id).cloned())
                .map(|job| view! { <LabelJobState job testid=testids.job_state /> })
        };
        view! {
            <div class="job-progress" aria-live="polite">
                <p class="job-progress__title">{i18n.tr(Key::LabelJobsTitle)}</p>
                {current}
                <A href=PRINT_JOBS_PATH attr:class="job-progress__link">
                    {i18n.tr(Key::ShowInPrintJobs)}
                </A>
            </div>
        }
    });
    let without = progress
        .is_none()
        .then(|| view! { <p class="muted">{i18n.tr(Key::ResultSavedWithoutLabel)}</p> });
    view! {
        <section
            class="alert alert--success saved-label"
            role="status"
            data-testid=testids.saved
            data-label-id=id
        >
            <div class="alert__text">
                <p class="alert__title">{move || i18n.named(saved, &name)}</p>
                {progress}
                {without}
                <A href=href attr:class="btn btn--secondary" attr:data-testid=testids.saved_link>
                    {i18n.tr(Key::ShowInHistory)}
                </A>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_conflict_belongs_to_the_field() {
        let error = conflict_at(
            ErrorBody::new(ErrorCode::Conflict, "Eintrag existiert bereits"),
            "lieferscheinnummer",
        );
        let errors = error.errors.unwrap_or_default();
        assert_eq!(errors["lieferscheinnummer"], ["Eintrag existiert bereits"]);
        // Conflicts that name their fields, and other errors, stay as they are.
        let named = ErrorBody::new(ErrorCode::Conflict, "Konflikt")
            .with_fields(FieldErrors::from([("x".to_owned(), vec!["y".to_owned()])]));
        assert_eq!(conflict_at(named.clone(), "lieferscheinnummer"), named);
        let other = ErrorBody::new(ErrorCode::InternalError, "kaputt");
        assert_eq!(conflict_at(other.clone(), "lieferscheinnummer"), other);
    }

    #[test]
    fn only_saving_and_printing_prints() {
        assert!(SaveAction::SaveAndPrint.prints());
        assert!(!SaveAction::Save.prints());
    }
}
