//! The print queue's runtime: a supervisor that keeps one worker per enabled printer, the workers
//! that deliver each printer's jobs in order, live events for the SPA, and printer status.
//!
//! Guarantees (documented in docs/operations/en/03-configuration.md, 3.6):
//! * No job is lost: a job is stored before the API answers, and only a printer that took all of
//!   its bytes marks it `printed`.
//! * One sender per printer: a worker sends only while its instance holds the printer's lease (a
//!   row in `printer_leases`, renewed while working), and claims each job with a conditional update.
//!   So several instances on one PostgreSQL never send a job twice and keep each printer's order.
//! * A crash (or a lease lost to a hung instance) while sending may repeat that one job: the next
//!   holder of the lease puts jobs left in `sending` back in the queue.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use api_types::printing::{PrintEvent, PrinterFaultDto, PrinterStatusDto, QueueCounts};
use chrono::Utc;
use prometheus::{HistogramVec, IntCounterVec, IntGaugeVec};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, DbErr, EntityTrait, QueryFilter,
};
use tokio::sync::{Notify, broadcast, watch};
use tokio::task::JoinHandle;

use super::jobs::{self, AfterFailure};
use super::{HostStatus, Network, PrinterClient, PrinterError, PrinterFault};
use crate::entities::{print_job, printer};
use crate::services::users::rfc3339;
use crate::settings::PrintingSettings;

/// Prometheus handles the queue updates (registered by [`crate::metrics::Metrics`]).
#[derive(Clone)]
pub struct QueueMetrics {
    /// `app_print_send_duration_seconds{printer,outcome}`.
    pub send_seconds: HistogramVec,
    /// `app_print_jobs_finished_total{printer,state}`.
    pub finished: IntCounterVec,
    /// `app_printer_up{printer,condition}`: 1/0 for `reachable` and `ready`.
    pub printer_up: IntGaugeVec,
}

pub struct PrintQueue {
    db: DatabaseConnection,
    settings: PrintingSettings,
    networks: Arc<[Network]>,
    instance: String,
    events: broadcast::Sender<PrintEvent>,
    wakers: Mutex<HashMap<i64, Arc<Notify>>>,
    printers_changed: Notify,
    statuses: Mutex<HashMap<i64, PrinterStatusDto>>,
    stop: watch::Sender<bool>,
    supervisor: Mutex<Option<JoinHandle<()>>>,
    metrics: QueueMetrics,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // Every update under these locks is a single insert or replace; a panic cannot leave half of one.
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl PrintQueue {
    /// `instance` names this app instance in the printer leases.
    pub fn new(
        db: DatabaseConnection,
        settings: PrintingSettings,
        instance: String,
        metrics: QueueMetrics,
    ) -> Arc<Self> {
        // Settings were validated at load time; an invalid list cannot reach here.
        let networks: Arc<[Network]> = settings.networks().unwrap_or_default().into();
        let (events, _) = broadcast::channel(1024);
        let (stop, _) = watch::channel(false);
        Arc::new(PrintQueue {
            db,
            settings,
            networks,
            instance,
            events,
            wakers: Mutex::new(HashMap::new()),
            printers_changed: Notify::new(),
            statuses: Mutex::new(HashMap::new()),
            stop,
            supervisor: Mutex::new(None),
            metrics,
        })
    }

    /// Starts the supervisor (when `printing.workers` is on). Needs a Tokio runtime.
    pub fn start(self: &Arc<Self>) {
        if !self.settings.workers {
            tracing::info!("print workers are off in this instance (printing.workers = false)");
            return;
        }
        let queue = Arc::clone(self);
        *lock(&self.supervisor) = Some(tokio::spawn(async move { queue.supervise().await }));
    }

    /// The server is stopping: live event streams end, workers stop after their current job.
    pub fn begin_shutdown(&self) {
        self.stop.send_replace(true);
    }

    /// A receiver that turns `true` when the server begins to stop.
    pub fn stopping(&self) -> watch::Receiver<bool> {
        self.stop.subscribe()
    }

    /// Stops the workers after their current job and gives up this instance's leases.
    pub async fn shutdown(&self) {
        self.stop.send_replace(true);
        let supervisor = lock(&self.supervisor).take();
        if let Some(supervisor) = supervisor {
            let _ = supervisor.await;
        }
        if let Err(error) = jobs::release_leases(&self.db, Some(&self.instance)).await {
            tracing::warn!(%error, "could not release printer leases on shutdown");
        }
    }

    pub fn instance(&self) -> &str {
        &self.instance
    }

    /// Live events (job changes and printer status changes).
    pub fn subscribe(&self) -> broadcast::Receiver<PrintEvent> {
        self.events.subscribe()
    }

    /// A job for `printer_id` was queued or re-queued.
    pub fn wake(&self, printer_id: i64) {
        self.waker(printer_id).notify_one();
    }

    /// A printer was added, changed or removed.
    pub fn printers_changed(&self) {
        self.printers_changed.notify_one();
    }

    /// Tells listeners about a job's new state.
    pub fn publish_job(&self, job: &print_job::Model) {
        let _ = self.events.send(PrintEvent::Job(jobs::to_dto(job)));
    }

    /// A client for a registered printer, with the configured timeouts and allowed networks.
    pub fn client(&self, printer: &printer::Model) -> PrinterClient {
        PrinterClient::new(
            printer.host.clone(),
            u16::try_from(printer.port).unwrap_or(9100),
        )
        .with_timeouts(self.settings.timeouts())
        .with_networks(Arc::clone(&self.networks))
    }

    /// Asks the printer `~HS` now, records the answer and returns it with the queue counts.
    pub async fn check(&self, printer: &printer::Model) -> Result<PrinterStatusDto, DbErr> {
        let answer = self.client(printer).status().await;
        let mut status = self.record_status(printer, &answer);
        status.queue = jobs::counts(&self.db, printer.id).await?;
        Ok(status)
    }

    /// The last status seen by a worker or a check, if any.
    pub fn last_status(&self, printer_id: i64) -> Option<PrinterStatusDto> {
        lock(&self.statuses).get(&printer_id).cloned()
    }

    fn waker(&self, printer_id: i64) -> Arc<Notify> {
        Arc::clone(lock(&self.wakers).entry(printer_id).or_default())
    }

    fn stopped(&self) -> bool {
        *self.stop.borrow()
    }

    /// Waits for `notify`, the time, or the stop signal, whichever comes first.
    async fn pause(&self, notify: &Notify, duration: Duration) {
        let mut stop = self.stop.subscribe();
        if *stop.borrow_and_update() {
            return;
        }
        tokio::select! {
            () = notify.notified() => {}
            () = tokio::time::sleep(duration) => {}
            _ = stop.changed() => {}
        }
    }

    /// Converts a `~HS` outcome to the wire status, publishes it when it changed, updates metrics.
    fn record_status(
        &self,
        printer: &printer::Model,
        answer: &Result<HostStatus, PrinterError>,
    ) -> PrinterStatusDto {
        let (reachable, faults, error) = match answer {
            Ok(status) => (true, status.faults(), None),
            Err(error) => (false, Vec::new(), Some(error.to_string())),
        };
        let status = PrinterStatusDto {
            printer_id: printer.id,
            reachable,
            ready: reachable && faults.is_empty(),
            faults: faults.into_iter().map(fault_dto).collect(),
            error,
            checked_at: rfc3339(Utc::now()),
            queue: QueueCounts::default(),
        };
        let changed = {
            let mut statuses = lock(&self.statuses);
            let changed = statuses.get(&printer.id).is_none_or(|old| {
                (old.reachable, old.ready, &old.faults, &old.error)
                    != (
                        status.reachable,
                        status.ready,
                        &status.faults,
                        &status.error,
                    )
            });
            statuses.insert(printer.id, status.clone());
            changed
        };
        for (condition, up) in [("reachable", status.reachable), ("ready", status.ready)] {
            self.metrics
                .printer_up
                .with_label_values(&[printer.name.as_str(), condition])
                .set(i64::from(up));
        }
        if changed {
            match &status.error {
                Some(error) => {
                    tracing::warn!(printer = %printer.name, %error, "printer unreachable")
                }
                None if !status.ready => {
                    let faults: Vec<&str> = status.faults.iter().map(|f| f.code.as_str()).collect();
                    tracing::warn!(printer = %printer.name, ?faults, "printer reports a fault");
                }
                None => tracing::info!(printer = %printer.name, "printer ready"),
            }
            let _ = self.events.send(PrintEvent::Printer(status.clone()));
        }
        status
    }

    async fn supervise(self: Arc<Self>) {
        if self.db.get_database_backend() == DbBackend::Sqlite {
            // SQLite serves one instance: leases left in the file are from a previous run of it.
            if let Err(error) = jobs::release_leases(&self.db, None).await {
                tracing::error!(%error, "could not clear old printer leases");
            }
        }
        let mut workers: HashMap<i64, JoinHandle<()>> = HashMap::new();
        while !self.stopped() {
            workers.retain(|_, handle| !handle.is_finished());
            match printer::Entity::find()
                .filter(printer::Column::Enabled.eq(true))
                .all(&self.db)
                .await
            {
                Ok(printers) => {
                    for printer in printers {
                        workers.entry(printer.id).or_insert_with(|| {
                            let queue = Arc::clone(&self);
                            tokio::spawn(async move { queue.work(printer.id).await })
                        });
                    }
                }
                Err(error) => tracing::error!(%error, "print queue cannot read the printers"),
            }
            let interval = Duration::from_millis(self.settings.poll_ms * 5);
            self.pause(&self.printers_changed, interval).await;
        }
        for (_, handle) in workers {
            let _ = handle.await;
        }
    }

    /// Delivers one printer's jobs, oldest first, while this instance holds its lease.
    async fn work(self: Arc<Self>, printer_id: i64) {
        let waker = self.waker(printer_id);
        let poll = Duration::from_millis(self.settings.poll_ms);
        let lease = Duration::from_secs(self.settings.lease_secs);
        let mut held = false;
        while !self.stopped() {
            match self.step(printer_id, &mut held).await {
                Ok(Step::Continue) => {}
                // Short enough that the lease is renewed long before it runs out.
                Ok(Step::Wait(duration)) => self.pause(&waker, duration.min(lease / 3)).await,
                Ok(Step::Stop) => break,
                Err(error) => {
                    tracing::error!(printer_id, %error, "print worker: database error");
                    self.pause(&waker, poll).await;
                }
            }
        }
        if held {
            // Hand the printer over at once instead of letting the lease run out.
            let _ = jobs::release_leases(&self.db, Some(&self.instance)).await;
        }
    }

    async fn step(&self, printer_id: i64, held: &mut bool) -> Result<Step, DbErr> {
        let poll = Duration::from_millis(self.settings.poll_ms);
        let Some(printer) = printer::Entity::find_by_id(printer_id)
            .one(&self.db)
            .await?
            .filter(|p| p.enabled)
        else {
            return Ok(Step::Stop);
        };
        let ttl = Duration::from_secs(self.settings.lease_secs);
        if !jobs::acquire_lease(&self.db, printer_id, &self.instance, ttl).await? {
            *held = false;
            return Ok(Step::Wait(poll));
        }
        if !*held {
            *held = true;
            for job in jobs::requeue_orphans(&self.db, printer_id).await? {
                tracing::warn!(job = job.id, printer = %printer.name, "re-queued a job left in sending");
                self.publish_job(&job);
            }
        }
        let Some(job) = jobs::next_queued(&self.db, printer_id).await? else {
            return Ok(Step::Wait(poll));
        };
        if let Some(at) = job.next_attempt_at {
            let due = (at - Utc::now()).to_std().unwrap_or_default();
            if !due.is_zero() {
                return Ok(Step::Wait(due));
            }
        }
        let client = self.client(&printer);
        if self.settings.check_status {
            let answer = client.status().await;
            let status = self.record_status(&printer, &answer);
            match answer {
                Ok(_) if status.ready => {}
                Ok(_) => {
                    let reason = status
                        .faults
                        .iter()
                        .map(|f| f.message_de.as_str())
                        .collect::<Vec<_>>()
                        .join("; ");
                    let reason = format!("Wartet: {reason}");
                    if let Some(job) = jobs::note_waiting(&self.db, &job, &reason).await? {
                        self.publish_job(&job);
                    }
                    return Ok(Step::Wait(Duration::from_millis(
                        self.settings.fault_poll_ms,
                    )));
                }
                Err(error) => {
                    self.failed_attempt(&printer, &job, job.attempts + 1, &error)
                        .await?;
                    return Ok(Step::Continue);
                }
            }
        }
        let Some(job) = jobs::claim(&self.db, &job, &self.instance).await? else {
            return Ok(Step::Continue);
        };
        self.publish_job(&job);
        let copies = usize::try_from(job.copies).unwrap_or(1).max(1);
        let started = Instant::now();
        let sent = client.send(job.zpl.repeat(copies).as_bytes()).await;
        let seconds = started.elapsed().as_secs_f64();
        match sent {
            Ok(()) => {
                self.metrics
                    .send_seconds
                    .with_label_values(&[printer.name.as_str(), "printed"])
                    .observe(seconds);
                if let Some(done) = jobs::mark_printed(&self.db, &job, &self.instance).await? {
                    self.count_finished(&printer, "printed");
                    tracing::info!(job = done.id, printer = %printer.name, attempts = done.attempts, "label printed");
                    self.publish_job(&done);
                }
            }
            Err(error) => {
                self.metrics
                    .send_seconds
                    .with_label_values(&[printer.name.as_str(), "error"])
                    .observe(seconds);
                self.record_status(&printer, &Err(clone_error(&error)));
                self.failed_attempt(&printer, &job, job.attempts, &error)
                    .await?;
            }
        }
        Ok(Step::Continue)
    }

    /// Schedules the next attempt with backoff, or gives up at the limit.
    async fn failed_attempt(
        &self,
        printer: &printer::Model,
        job: &print_job::Model,
        attempts: i32,
        error: &PrinterError,
    ) -> Result<(), DbErr> {
        let attempts_u32 = u32::try_from(attempts).unwrap_or(u32::MAX);
        let hopeless = matches!(error, PrinterError::NotAllowed(_));
        let after = if hopeless || attempts_u32 >= self.settings.max_attempts {
            AfterFailure::GiveUp
        } else {
            AfterFailure::RetryAt(Utc::now() + self.backoff(attempts_u32))
        };
        let message = match after {
            AfterFailure::GiveUp => format!("{error} (Versuch {attempts}, aufgegeben)"),
            AfterFailure::RetryAt(_) => format!(
                "{error} (Versuch {attempts} von {}, neuer Versuch folgt)",
                self.settings.max_attempts
            ),
        };
        if let Some(job) =
            jobs::record_failure(&self.db, job, &self.instance, attempts, &message, after).await?
        {
            if after == AfterFailure::GiveUp {
                self.count_finished(printer, "failed");
                tracing::error!(job = job.id, printer = %printer.name, %error, attempts, "print job failed");
            } else {
                tracing::warn!(job = job.id, printer = %printer.name, %error, attempts, "print attempt failed");
            }
            self.publish_job(&job);
        }
        Ok(())
    }

    fn backoff(&self, attempts: u32) -> Duration {
        let factor = 1u64 << attempts.saturating_sub(1).min(20);
        Duration::from_millis(
            self.settings
                .retry_base_ms
                .saturating_mul(factor)
                .min(self.settings.retry_max_ms),
        )
    }

    fn count_finished(&self, printer: &printer::Model, state: &str) {
        self.metrics
            .finished
            .with_label_values(&[printer.name.as_str(), state])
            .inc();
    }
}

enum Step {
    Continue,
    Wait(Duration),
    Stop,
}

fn fault_dto(fault: PrinterFault) -> PrinterFaultDto {
    PrinterFaultDto {
        code: fault.code().to_string(),
        message_de: fault.message_de().to_string(),
        message_en: fault.message_en().to_string(),
    }
}

/// The printer status records the error's message; `io::Error` is not `Clone`.
fn clone_error(error: &PrinterError) -> PrinterError {
    match error {
        PrinterError::Refused => PrinterError::Refused,
        PrinterError::Timeout(stage) => PrinterError::Timeout(*stage),
        PrinterError::Disconnected => PrinterError::Disconnected,
        PrinterError::NotAllowed(ip) => PrinterError::NotAllowed(ip.clone()),
        PrinterError::BadStatus(e) => PrinterError::BadStatus(e.clone()),
        PrinterError::Io(e) => PrinterError::Io(std::io::Error::new(e.kind(), e.to_string())),
    }
}
