//! Live print-queue events: one Server-Sent Events stream per signed-in tab
//! (`GET /api/print-jobs/events`), the printers' latest status, and toasts about the user's own jobs.
//!
//! The app shell starts the stream when somebody signs in ([`PrintEvents::start`]) and ends it on
//! sign-out. Pages [`subscribe`](PrintEvents::subscribe) to every event; a listener is called once
//! per event, in order, so no change is lost even when several arrive at once.

use std::collections::HashMap;
use std::rc::Rc;
use std::time::Duration;

use api_types::printing::{JobState, PrintEvent, PrintJobDto, PrinterStatusDto};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{EventSource, MessageEvent};

use crate::api;
use crate::components::toast::Toasts;
use crate::i18n::{I18n, Key, fill, use_i18n};

/// How long to wait before opening the stream again after the browser gave up on it.
const REOPEN_AFTER: Duration = Duration::from_secs(5);

/// `EventSource.readyState` when the browser does not reconnect by itself.
const CLOSED: u16 = 2;

/// The jobs the toasts remember; beyond this, finished jobs are forgotten.
const MAX_TRACKED: usize = 500;

/// The state of the live connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Live {
    /// Nobody is signed in.
    Off,
    Connecting,
    Open,
    /// The stream broke; the browser (or this module) is reconnecting.
    Interrupted,
}

impl Live {
    /// Lower-case name, as `data-live` for browser tests.
    pub fn name(self) -> &'static str {
        match self {
            Live::Off => "off",
            Live::Connecting => "connecting",
            Live::Open => "open",
            Live::Interrupted => "interrupted",
        }
    }
}

/// What the user is told about one of their own jobs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    Printed,
    Failed,
    /// It waits after a printer fault or a failed delivery.
    Waiting,
}

/// Where a version of a job stands in its life, to order two versions changed within the same
/// second (`updatedAt` has whole seconds). Each delivery attempt counts up when the job is claimed
/// for sending; within one attempt a job is queued, then sending, then queued again with the
/// reason it waits (or a fault noted before sending), then finished.
fn progress(job: Version<'_>) -> (u32, u8) {
    let step = match job.state {
        JobState::Queued if !job.has_error => 0,
        JobState::Sending => 1,
        JobState::Queued => 2,
        JobState::Printed | JobState::Failed | JobState::Cancelled => 3,
    };
    (job.attempts, step)
}

/// What orders two versions of one job.
#[derive(Debug, Clone, Copy)]
struct Version<'a> {
    updated_at: &'a str,
    state: JobState,
    attempts: u32,
    has_error: bool,
}

impl<'a> From<&'a PrintJobDto> for Version<'a> {
    fn from(job: &'a PrintJobDto) -> Self {
        Version {
            updated_at: &job.updated_at,
            state: job.state,
            attempts: job.attempts,
            has_error: job.last_error.is_some(),
        }
    }
}

/// Whether `incoming` is at least as new as `current`, two versions of one job. The answer to a
/// page's own request can arrive after the stream already reported a later state (a fast printer),
/// and must not turn a printed job back into a queued one.
pub fn supersedes(incoming: &PrintJobDto, current: &PrintJobDto) -> bool {
    newer_or_same(incoming.into(), current.into())
}

fn newer_or_same(incoming: Version<'_>, current: Version<'_>) -> bool {
    // Timestamps are RFC 3339 in one format (UTC, `Z`), so they sort as text.
    match incoming.updated_at.cmp(current.updated_at) {
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Less => false,
        std::cmp::Ordering::Equal => progress(incoming) >= progress(current),
    }
}

#[derive(Debug, Clone)]
struct Seen {
    state: JobState,
    attempts: u32,
    has_error: bool,
    updated_at: String,
    /// The user was told the job waits; not again until it finished.
    warned: bool,
}

impl Seen {
    fn version(&self) -> Version<'_> {
        Version {
            updated_at: &self.updated_at,
            state: self.state,
            attempts: self.attempts,
            has_error: self.has_error,
        }
    }
}

/// Turns the stream of job changes into one notice per change worth telling: printed and failed
/// once each, waiting once per episode (a printer that stays out of paper does not repeat it).
#[derive(Debug, Default)]
pub struct JobTracker {
    jobs: HashMap<i64, Seen>,
}

impl JobTracker {
    /// The notice for `job` changing, when `username` created it.
    pub fn observe(&mut self, job: &PrintJobDto, username: &str) -> Option<Notice> {
        if job.created_by != username {
            return None;
        }
        let before = self.jobs.get(&job.id);
        if before.is_some_and(|seen| !newer_or_same(job.into(), seen.version())) {
            return None;
        }
        let changed = before.map(|seen| seen.state) != Some(job.state);
        let mut warned = before.is_some_and(|seen| seen.warned);
        let notice = match job.state {
            JobState::Printed if changed => Some(Notice::Printed),
            JobState::Failed if changed => Some(Notice::Failed),
            state if state.is_active() && job.last_error.is_some() && !warned => {
                warned = true;
                Some(Notice::Waiting)
            }
            _ => None,
        };
        if !job.state.is_active() {
            warned = false;
        }
        self.jobs.insert(
            job.id,
            Seen {
                state: job.state,
                attempts: job.attempts,
                has_error: job.last_error.is_some(),
                updated_at: job.updated_at.clone(),
                warned,
            },
        );
        if self.jobs.len() > MAX_TRACKED {
            self.jobs.retain(|_, seen| seen.state.is_active());
        }
        notice
    }
}

type Listener = Rc<dyn Fn(&PrintEvent)>;

/// The open stream and the handlers the browser calls; dropping it closes the stream.
struct Connection {
    source: EventSource,
    _on_event: Closure<dyn FnMut(MessageEvent)>,
    _on_resync: Closure<dyn FnMut(web_sys::Event)>,
    _on_open: Closure<dyn FnMut(web_sys::Event)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl Drop for Connection {
    fn drop(&mut self) {
        self.source.close();
    }
}

/// Browser-side state of the context (not `Send`: it lives in the tab's arena).
#[derive(Default)]
struct Registry {
    listeners: Vec<(u64, Listener)>,
    next_listener: u64,
    connection: Option<Connection>,
    /// Counts opened streams, so a reopen timer of an older stream does nothing.
    generation: u64,
    /// Whose jobs the toasts are about; `None` while nobody is signed in.
    username: Option<String>,
    tracker: JobTracker,
}

/// The live print-queue context, provided by [`provide_print_events`].
#[derive(Clone, Copy)]
pub struct PrintEvents {
    live: RwSignal<Live>,
    printers: RwSignal<HashMap<i64, PrinterStatusDto>>,
    resyncs: RwSignal<u64>,
    registry: StoredValue<Registry, LocalStorage>,
    i18n: I18n,
    toasts: Toasts,
}

impl PrintEvents {
    /// The state of the connection (tracked).
    pub fn live(self) -> Live {
        self.live.get()
    }

    /// The latest known status of a printer (tracked).
    pub fn printer_status(self, printer_id: i64) -> Option<PrinterStatusDto> {
        self.printers
            .with(|printers| printers.get(&printer_id).cloned())
    }

    /// Counts reconnections after an interruption and the server's `resync` events (tracked):
    /// events may have been missed, so lists reload when it changes.
    pub fn resyncs(self) -> u64 {
        self.resyncs.get()
    }

    /// Remembers a printer status asked for directly (`GET /api/printers/{id}/status`).
    pub fn record_status(self, status: PrinterStatusDto) {
        self.printers.try_update(|printers| {
            printers.insert(status.printer_id, status);
        });
    }

    /// Calls `listener` with every event until the current component is removed.
    pub fn subscribe(self, listener: impl Fn(&PrintEvent) + 'static) {
        let id = self
            .registry
            .try_update_value(|registry| {
                let id = registry.next_listener;
                registry.next_listener += 1;
                registry.listeners.push((id, Rc::new(listener)));
                id
            })
            .unwrap_or_default();
        on_cleanup(move || {
            self.registry.try_update_value(|registry| {
                registry.listeners.retain(|(other, _)| *other != id);
            });
        });
    }

    /// Hands `event` to the printer status, the toasts and every listener. The stream calls it,
    /// and pages call it with the jobs their own requests return, so every view updates at once.
    pub fn dispatch(self, event: PrintEvent) {
        match &event {
            PrintEvent::Printer(status) => self.record_status(status.clone()),
            PrintEvent::Job(job) => self.notify(job),
        }
        // Cloned out first: a listener may subscribe or unsubscribe.
        let listeners: Vec<Listener> = self
            .registry
            .try_with_value(|registry| {
                registry
                    .listeners
                    .iter()
                    .map(|(_, listener)| listener.clone())
                    .collect()
            })
            .unwrap_or_default();
        for listener in listeners {
            listener(&event);
        }
    }

    /// Opens the stream for `username` (no-op when it is already open for them).
    pub fn start(self, username: String) {
        let same = self.registry.with_value(|registry| {
            registry.username.as_deref() == Some(username.as_str()) && registry.connection.is_some()
        });
        if same {
            return;
        }
        self.registry.update_value(|registry| {
            registry.username = Some(username);
            registry.tracker = JobTracker::default();
        });
        self.open();
    }

    /// Closes the stream (sign-out).
    pub fn stop(self) {
        let connection = self.registry.try_update_value(|registry| {
            registry.username = None;
            registry.generation += 1;
            registry.connection.take()
        });
        // Dropped outside the registry: closing happens in `Drop`.
        drop(connection);
        self.live.try_set(Live::Off);
        self.printers.try_update(HashMap::clear);
    }

    /// Closes the stream while the page is hidden in the back/forward cache and opens it again when
    /// the page comes back: a cached page holding its stream would keep one of the browser's six
    /// connections to the server, and a few reloads would leave none for API requests.
    fn follow_page_lifecycle(self) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let on_hide = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
            let connection = self
                .registry
                .try_update_value(|registry| registry.connection.take());
            drop(connection);
        });
        let on_show = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
            let wanted = self.registry.try_with_value(|registry| {
                registry.username.is_some() && registry.connection.is_none()
            });
            if wanted == Some(true) {
                self.open();
            }
        });
        let _ =
            window.add_event_listener_with_callback("pagehide", on_hide.as_ref().unchecked_ref());
        let _ =
            window.add_event_listener_with_callback("pageshow", on_show.as_ref().unchecked_ref());
        // The app lives as long as the page: the handlers do too.
        on_hide.forget();
        on_show.forget();
    }

    fn open(self) {
        let old = self
            .registry
            .try_update_value(|registry| registry.connection.take());
        drop(old);
        let generation = self
            .registry
            .try_update_value(|registry| {
                registry.generation += 1;
                registry.generation
            })
            .unwrap_or_default();
        let Ok(source) = EventSource::new(api::PRINT_EVENTS) else {
            self.live.set(Live::Interrupted);
            self.reopen_later(generation);
            return;
        };
        self.live.set(Live::Connecting);

        let on_event = Closure::<dyn FnMut(MessageEvent)>::new(move |message: MessageEvent| {
            let event = message
                .data()
                .as_string()
                .and_then(|data| serde_json::from_str::<PrintEvent>(&data).ok());
            if let Some(event) = event {
                self.dispatch(event);
            }
        });
        for name in ["job", "printer"] {
            let _ =
                source.add_event_listener_with_callback(name, on_event.as_ref().unchecked_ref());
        }
        // The server says it dropped events for this stream (the tab was too slow).
        let on_resync = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| self.resync());
        let _ =
            source.add_event_listener_with_callback("resync", on_resync.as_ref().unchecked_ref());
        let on_open = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
            let was = self.live.get_untracked();
            self.live.set(Live::Open);
            if was == Live::Interrupted {
                self.resync();
            }
        });
        source.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
            self.live.try_set(Live::Interrupted);
            // The browser retries a dropped stream by itself, but gives up when the server refused
            // it (a restart, a proxy error); then this module tries again.
            let closed = self
                .registry
                .try_with_value(|registry| {
                    registry
                        .connection
                        .as_ref()
                        .is_some_and(|connection| connection.source.ready_state() == CLOSED)
                })
                .unwrap_or(false);
            if closed {
                self.reopen_later(generation);
            }
        });
        source.set_onerror(Some(on_error.as_ref().unchecked_ref()));

        self.registry.update_value(|registry| {
            registry.connection = Some(Connection {
                source,
                _on_event: on_event,
                _on_resync: on_resync,
                _on_open: on_open,
                _on_error: on_error,
            });
        });
    }

    /// Events may have been missed: lists reload.
    fn resync(self) {
        self.resyncs.try_update(|count| *count += 1);
    }

    fn reopen_later(self, generation: u64) {
        set_timeout(
            move || {
                let current = self
                    .registry
                    .try_with_value(|registry| {
                        registry.generation == generation && registry.username.is_some()
                    })
                    .unwrap_or(false);
                if current {
                    self.open();
                }
            },
            REOPEN_AFTER,
        );
    }

    fn notify(self, job: &PrintJobDto) {
        let notice = self
            .registry
            .try_update_value(|registry| {
                let username = registry.username.clone()?;
                registry.tracker.observe(job, &username)
            })
            .flatten();
        let Some(notice) = notice else {
            return;
        };
        let (i18n, toasts) = (self.i18n, self.toasts);
        let title = |key| {
            fill(
                i18n.t(key),
                &[("title", &job.title), ("printer", &job.printer_name)],
            )
        };
        let reason = job.last_error.clone().unwrap_or_default();
        match notice {
            Notice::Printed => toasts.success(title(Key::JobPrintedToast), ""),
            Notice::Failed => toasts.error(title(Key::JobFailedToast), reason),
            Notice::Waiting => toasts.warning(title(Key::JobWaitingToast), reason),
        }
    }
}

/// Creates the context (nothing is opened until [`PrintEvents::start`]).
pub fn provide_print_events(i18n: I18n, toasts: Toasts) -> PrintEvents {
    let events = PrintEvents {
        live: RwSignal::new(Live::Off),
        printers: RwSignal::new(HashMap::new()),
        resyncs: RwSignal::new(0),
        registry: StoredValue::new_local(Registry::default()),
        i18n,
        toasts,
    };
    provide_context(events);
    events.follow_page_lifecycle();
    events
}

/// The live print-queue context of the app.
pub fn use_print_events() -> PrintEvents {
    expect_context::<PrintEvents>()
}

/// The connection's state for pages with live data: a hint while it is interrupted, and
/// `data-live` (`connecting`, `open`, `interrupted`) for browser tests to wait on.
#[component]
pub fn LiveHint() -> impl IntoView {
    let i18n = use_i18n();
    let events = use_print_events();
    view! {
        <div class="live-state" data-testid="live-state" data-live=move || events.live().name()>
            {move || {
                (events.live() == Live::Interrupted)
                    .then(|| {
                        view! {
                            <p class="live-state__hint" role="status" data-testid="live-interrupted">
                                <span class="live-state__dot" aria-hidden="true"></span>
                                {i18n.tr(Key::LiveInterrupted)}
                            </p>
                        }
                    })
            }}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use api_types::printing::JobKind;

    fn job(id: i64, state: JobState, last_error: Option<&str>, by: &str) -> PrintJobDto {
        PrintJobDto {
            id,
            printer_id: Some(1),
            printer_name: "Packplatz 1".into(),
            kind: JobKind::Test,
            reference: None,
            title: "Testetikett".into(),
            copies: 1,
            state,
            attempts: 0,
            last_error: last_error.map(str::to_owned),
            created_by: by.into(),
            reason: None,
            reprint_of: None,
            created_at: "2026-11-26T10:30:00Z".into(),
            updated_at: "2026-11-26T10:30:00Z".into(),
            next_attempt_at: None,
            printed_at: None,
        }
    }

    #[test]
    fn tells_the_outcome_of_own_jobs_once() {
        let mut tracker = JobTracker::default();
        assert_eq!(
            tracker.observe(&job(1, JobState::Queued, None, "anna"), "anna"),
            None
        );
        assert_eq!(
            tracker.observe(&job(1, JobState::Sending, None, "anna"), "anna"),
            None
        );
        assert_eq!(
            tracker.observe(&job(1, JobState::Printed, None, "anna"), "anna"),
            Some(Notice::Printed)
        );
        // The same event again (a reconnect, the page's own request) says nothing new.
        assert_eq!(
            tracker.observe(&job(1, JobState::Printed, None, "anna"), "anna"),
            None
        );
        assert_eq!(
            tracker.observe(
                &job(2, JobState::Failed, Some("Zeitüberschreitung"), "anna"),
                "anna"
            ),
            Some(Notice::Failed)
        );
    }

    #[test]
    fn ignores_jobs_of_others() {
        let mut tracker = JobTracker::default();
        assert_eq!(
            tracker.observe(&job(1, JobState::Printed, None, "ben"), "anna"),
            None
        );
        let fault = job(2, JobState::Queued, Some("Papier leer"), "ben");
        assert_eq!(tracker.observe(&fault, "anna"), None);
    }

    #[test]
    fn warns_once_per_waiting_episode() {
        let mut tracker = JobTracker::default();
        let waiting = job(1, JobState::Queued, Some("Kein Etikettenmaterial"), "anna");
        assert_eq!(tracker.observe(&waiting, "anna"), Some(Notice::Waiting));
        assert_eq!(
            tracker.observe(&job(1, JobState::Sending, Some("x"), "anna"), "anna"),
            None
        );
        assert_eq!(tracker.observe(&waiting, "anna"), None);
        assert_eq!(
            tracker.observe(&job(1, JobState::Failed, Some("x"), "anna"), "anna"),
            Some(Notice::Failed)
        );
        // Retried after the failure: a new episode may warn again.
        let retried = PrintJobDto {
            updated_at: "2026-11-26T10:35:00Z".into(),
            ..waiting
        };
        assert_eq!(tracker.observe(&retried, "anna"), Some(Notice::Waiting));
    }

    #[test]
    fn forgets_finished_jobs_beyond_the_limit() {
        let mut tracker = JobTracker::default();
        for id in 0..=MAX_TRACKED as i64 {
            tracker.observe(&job(id, JobState::Printed, None, "anna"), "anna");
        }
        tracker.observe(&job(9999, JobState::Queued, None, "anna"), "anna");
        assert!(tracker.jobs.len() <= MAX_TRACKED);
        assert!(tracker.jobs.contains_key(&9999));
    }

    #[test]
    fn late_answers_do_not_undo_later_states() {
        let queued = job(1, JobState::Queued, None, "anna");
        let printed = job(1, JobState::Printed, None, "anna");
        // Same second: progress decides.
        assert!(supersedes(&printed, &queued));
        assert!(!supersedes(&queued, &printed));
        assert!(supersedes(&printed, &printed));
        let retried = PrintJobDto {
            updated_at: "2026-11-26T10:31:00Z".into(),
            ..queued.clone()
        };
        assert!(supersedes(&retried, &printed));
        // The server's order within one second: queued, a fault noted, claimed for sending (an
        // attempt), back to waiting after a failed transfer, printed.
        let mut sequence = vec![queued.clone()];
        sequence.push(PrintJobDto {
            last_error: Some("Wartet: Papier leer".into()),
            ..queued.clone()
        });
        sequence.push(PrintJobDto {
            attempts: 1,
            ..job(1, JobState::Sending, Some("Wartet: Papier leer"), "anna")
        });
        sequence.push(PrintJobDto {
            attempts: 1,
            last_error: Some("Zeitüberschreitung".into()),
            ..queued.clone()
        });
        sequence.push(PrintJobDto {
            attempts: 2,
            ..job(1, JobState::Sending, Some("Zeitüberschreitung"), "anna")
        });
        sequence.push(PrintJobDto {
            attempts: 2,
            ..printed.clone()
        });
        for pair in sequence.windows(2) {
            assert!(
                supersedes(&pair[1], &pair[0]),
                "{:?} after {:?}",
                pair[1],
                pair[0]
            );
            assert!(
                !supersedes(&pair[0], &pair[1]),
                "{:?} after {:?}",
                pair[0],
                pair[1]
            );
        }

        let mut tracker = JobTracker::default();
        assert_eq!(tracker.observe(&printed, "anna"), Some(Notice::Printed));
        assert_eq!(tracker.observe(&queued, "anna"), None);
        assert_eq!(tracker.observe(&printed, "anna"), None);
    }

    #[test]
    fn live_states_have_test_names() {
        assert_eq!(Live::Interrupted.name(), "interrupted");
        assert_eq!(Live::Open.name(), "open");
    }
}
