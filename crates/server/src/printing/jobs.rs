//! The print queue's table operations. Every state change is one conditional `UPDATE` (it only
//! applies in the expected state, and for `sending` only for the instance that claimed the job), so
//! concurrent workers, API calls and app instances cannot both win; the caller learns whether it did.

use std::time::Duration;

use api_types::printing::{JobKind, JobState, PrintJobDto, QueueCounts};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, OnConflict, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, Set,
};

use crate::entities::{print_job, printer, printer_lease};
use crate::services::users::rfc3339;

/// The wire form of a job.
pub fn to_dto(row: &print_job::Model) -> PrintJobDto {
    PrintJobDto {
        id: row.id,
        printer_id: row.printer_id,
        printer_name: row.printer_name.clone(),
        kind: JobKind::parse(&row.kind).unwrap_or(JobKind::Test),
        reference: row.reference.clone(),
        title: row.title.clone(),
        copies: u16::try_from(row.copies).unwrap_or(1),
        state: state_of(row),
        attempts: u32::try_from(row.attempts).unwrap_or_default(),
        last_error: row.last_error.clone(),
        created_by: row.created_by.clone(),
        reason: row.reason.clone(),
        reprint_of: row.reprint_of,
        created_at: rfc3339(row.created_at),
        // Milliseconds: clients order a job's events by it, and several changes fall in one second.
        updated_at: row
            .updated_at
            .to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        next_attempt_at: row.next_attempt_at.map(rfc3339),
        printed_at: row.printed_at.map(rfc3339),
    }
}

pub fn state_of(row: &print_job::Model) -> JobState {
    JobState::parse(&row.state).unwrap_or(JobState::Failed)
}

/// A job to put in the queue.
#[derive(Debug, Clone)]
pub struct NewJob<'a> {
    pub printer: &'a printer::Model,
    pub kind: JobKind,
    pub reference: Option<String>,
    pub title: String,
    pub zpl: String,
    pub copies: u16,
    pub created_by: String,
    pub created_by_id: Option<i64>,
    pub reason: Option<String>,
    pub reprint_of: Option<i64>,
}

/// Stores a queued job.
pub async fn insert(db: &impl ConnectionTrait, job: NewJob<'_>) -> Result<print_job::Model, DbErr> {
    let now = Utc::now();
    print_job::ActiveModel {
        printer_id: Set(Some(job.printer.id)),
        printer_name: Set(job.printer.name.clone()),
        kind: Set(job.kind.as_str().to_string()),
        reference: Set(job.reference),
        title: Set(job.title),
        zpl: Set(job.zpl),
        copies: Set(i32::from(job.copies)),
        state: Set(JobState::Queued.as_str().to_string()),
        attempts: Set(0),
        last_error: Set(None),
        next_attempt_at: Set(None),
        locked_by: Set(None),
        created_by: Set(job.created_by),
        created_by_id: Set(job.created_by_id),
        reason: Set(job.reason),
        reprint_of: Set(job.reprint_of),
        created_at: Set(now),
        updated_at: Set(now),
        sent_at: Set(None),
        printed_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// Jobs of one printer that are waiting, being sent, or failed.
pub async fn counts(db: &impl ConnectionTrait, printer_id: i64) -> Result<QueueCounts, DbErr> {
    let count = |state: JobState| {
        print_job::Entity::find()
            .filter(print_job::Column::PrinterId.eq(printer_id))
            .filter(print_job::Column::State.eq(state.as_str()))
            .count(db)
    };
    Ok(QueueCounts {
        queued: count(JobState::Queued).await?,
        sending: count(JobState::Sending).await?,
        failed: count(JobState::Failed).await?,
    })
}

/// Active (queued or sending) jobs of one printer.
pub async fn active_count(db: &impl ConnectionTrait, printer_id: i64) -> Result<u64, DbErr> {
    print_job::Entity::find()
        .filter(print_job::Column::PrinterId.eq(printer_id))
        .filter(print_job::Column::State.is_in(active_states()))
        .count(db)
        .await
}

/// Active and failed jobs per printer name and state, for the metrics.
pub async fn depth_by_printer(
    db: &impl ConnectionTrait,
) -> Result<Vec<(String, String, i64)>, DbErr> {
    use sea_orm::{FromQueryResult, QuerySelect};
    #[derive(FromQueryResult)]
    struct Row {
        printer_name: String,
        state: String,
        jobs: i64,
    }
    let rows = print_job::Entity::find()
        .select_only()
        .column(print_job::Column::PrinterName)
        .column(print_job::Column::State)
        .column_as(print_job::Column::Id.count(), "jobs")
        .filter(print_job::Column::State.is_in([
            JobState::Queued.as_str(),
            JobState::Sending.as_str(),
            JobState::Failed.as_str(),
        ]))
        .group_by(print_job::Column::PrinterName)
        .group_by(print_job::Column::State)
        .into_model::<Row>()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.printer_name, r.state, r.jobs))
        .collect())
}

fn active_states() -> [&'static str; 2] {
    [JobState::Queued.as_str(), JobState::Sending.as_str()]
}

/// Takes or renews the printer's lease for `holder` until `now + ttl`. True when `holder` has it.
pub async fn acquire_lease(
    db: &impl ConnectionTrait,
    printer_id: i64,
    holder: &str,
    ttl: Duration,
) -> Result<bool, DbErr> {
    let now = Utc::now();
    let until = now + ttl;
    let renewed = printer_lease::Entity::update_many()
        .col_expr(printer_lease::Column::Holder, Expr::value(holder))
        .col_expr(printer_lease::Column::ExpiresAt, Expr::value(until))
        .filter(printer_lease::Column::PrinterId.eq(printer_id))
        .filter(
            printer_lease::Column::Holder
                .eq(holder)
                .or(printer_lease::Column::ExpiresAt.lt(now)),
        )
        .exec(db)
        .await?;
    if renewed.rows_affected == 1 {
        return Ok(true);
    }
    let inserted = printer_lease::Entity::insert(printer_lease::ActiveModel {
        printer_id: Set(printer_id),
        holder: Set(holder.to_string()),
        expires_at: Set(until),
    })
    .on_conflict(
        OnConflict::column(printer_lease::Column::PrinterId)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(inserted == 1)
}

/// Gives up the leases of `holder` (graceful shutdown), or of everyone (`None`: start-up of a
/// single-instance SQLite server, where any lease is left over from a previous run).
pub async fn release_leases(db: &impl ConnectionTrait, holder: Option<&str>) -> Result<(), DbErr> {
    let mut delete = printer_lease::Entity::delete_many();
    if let Some(holder) = holder {
        delete = delete.filter(printer_lease::Column::Holder.eq(holder));
    }
    delete.exec(db).await.map(drop)
}

/// Puts the printer's `sending` jobs back in the queue. Only the lease holder calls this, right
/// after taking the lease: any job still `sending` then belongs to an instance that died (or to
/// this one before a restart), and may or may not have printed.
pub async fn requeue_orphans(
    db: &impl ConnectionTrait,
    printer_id: i64,
) -> Result<Vec<print_job::Model>, DbErr> {
    let orphans = print_job::Entity::find()
        .filter(print_job::Column::PrinterId.eq(printer_id))
        .filter(print_job::Column::State.eq(JobState::Sending.as_str()))
        .all(db)
        .await?;
    let mut requeued = Vec::with_capacity(orphans.len());
    for job in orphans {
        let note = "Der Server wurde während des Sendens beendet; das Etikett wird erneut gesendet \
                    (es kann einmal doppelt gedruckt werden).";
        let now = Utc::now();
        let result = print_job::Entity::update_many()
            .col_expr(
                print_job::Column::State,
                Expr::value(JobState::Queued.as_str()),
            )
            .col_expr(
                print_job::Column::LockedBy,
                Expr::value(Option::<String>::None),
            )
            .col_expr(print_job::Column::LastError, Expr::value(note))
            .col_expr(print_job::Column::UpdatedAt, Expr::value(now))
            .filter(print_job::Column::Id.eq(job.id))
            .filter(print_job::Column::State.eq(JobState::Sending.as_str()))
            .exec(db)
            .await?;
        if result.rows_affected == 1 {
            requeued.push(print_job::Model {
                state: JobState::Queued.as_str().into(),
                locked_by: None,
                last_error: Some(note.into()),
                updated_at: now,
                ..job
            });
        }
    }
    Ok(requeued)
}

/// The printer's oldest queued job: jobs print in the order they were created.
pub async fn next_queued(
    db: &impl ConnectionTrait,
    printer_id: i64,
) -> Result<Option<print_job::Model>, DbErr> {
    print_job::Entity::find()
        .filter(print_job::Column::PrinterId.eq(printer_id))
        .filter(print_job::Column::State.eq(JobState::Queued.as_str()))
        .order_by_asc(print_job::Column::Id)
        .one(db)
        .await
}

/// `queued → sending` for `holder`, counting an attempt, only while `holder` holds the printer's
/// lease. Returns the claimed job, or `None` when someone else changed it first (cancelled, or
/// another instance took over the printer).
pub async fn claim(
    db: &impl ConnectionTrait,
    job: &print_job::Model,
    holder: &str,
) -> Result<Option<print_job::Model>, DbErr> {
    let now = Utc::now();
    let Some(printer_id) = job.printer_id else {
        return Ok(None);
    };
    let lease_held = Query::select()
        .column(printer_lease::Column::PrinterId)
        .from(printer_lease::Entity)
        .and_where(printer_lease::Column::PrinterId.eq(printer_id))
        .and_where(printer_lease::Column::Holder.eq(holder))
        .and_where(printer_lease::Column::ExpiresAt.gt(now))
        .to_owned();
    let result = print_job::Entity::update_many()
        .col_expr(
            print_job::Column::State,
            Expr::value(JobState::Sending.as_str()),
        )
        .col_expr(print_job::Column::LockedBy, Expr::value(holder))
        .col_expr(print_job::Column::Attempts, Expr::value(job.attempts + 1))
        .col_expr(print_job::Column::SentAt, Expr::value(now))
        .col_expr(print_job::Column::UpdatedAt, Expr::value(now))
        .filter(print_job::Column::Id.eq(job.id))
        .filter(print_job::Column::State.eq(JobState::Queued.as_str()))
        .filter(print_job::Column::Attempts.eq(job.attempts))
        .filter(print_job::Column::PrinterId.in_subquery(lease_held))
        .exec(db)
        .await?;
    Ok((result.rows_affected == 1).then(|| print_job::Model {
        state: JobState::Sending.as_str().into(),
        locked_by: Some(holder.to_string()),
        attempts: job.attempts + 1,
        sent_at: Some(now),
        updated_at: now,
        ..job.clone()
    }))
}

/// `sending → printed`, when `holder` still owns the job.
pub async fn mark_printed(
    db: &impl ConnectionTrait,
    job: &print_job::Model,
    holder: &str,
) -> Result<Option<print_job::Model>, DbErr> {
    let now = Utc::now();
    let result = print_job::Entity::update_many()
        .col_expr(
            print_job::Column::State,
            Expr::value(JobState::Printed.as_str()),
        )
        .col_expr(
            print_job::Column::LockedBy,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            print_job::Column::LastError,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            print_job::Column::NextAttemptAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(print_job::Column::PrintedAt, Expr::value(now))
        .col_expr(print_job::Column::UpdatedAt, Expr::value(now))
        .filter(print_job::Column::Id.eq(job.id))
        .filter(print_job::Column::State.eq(JobState::Sending.as_str()))
        .filter(print_job::Column::LockedBy.eq(holder))
        .exec(db)
        .await?;
    Ok((result.rows_affected == 1).then(|| print_job::Model {
        state: JobState::Printed.as_str().into(),
        locked_by: None,
        last_error: None,
        next_attempt_at: None,
        printed_at: Some(now),
        updated_at: now,
        ..job.clone()
    }))
}

/// What happens to a job after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterFailure {
    /// Back to `queued`, next attempt at this time.
    RetryAt(DateTime<Utc>),
    /// `failed`: the limit is reached, or retrying cannot help.
    GiveUp,
}

/// Records a failed attempt of a job in `from` state (`sending` by `holder`, or `queued` when the
/// status query before sending failed, which also counts as an attempt).
pub async fn record_failure(
    db: &impl ConnectionTrait,
    job: &print_job::Model,
    holder: &str,
    attempts: i32,
    error: &str,
    after: AfterFailure,
) -> Result<Option<print_job::Model>, DbErr> {
    let now = Utc::now();
    let (state, next) = match after {
        AfterFailure::RetryAt(at) => (JobState::Queued, Some(at)),
        AfterFailure::GiveUp => (JobState::Failed, None),
    };
    let mut update = print_job::Entity::update_many()
        .col_expr(print_job::Column::State, Expr::value(state.as_str()))
        .col_expr(
            print_job::Column::LockedBy,
            Expr::value(Option::<String>::None),
        )
        .col_expr(print_job::Column::Attempts, Expr::value(attempts))
        .col_expr(print_job::Column::LastError, Expr::value(error))
        .col_expr(print_job::Column::NextAttemptAt, Expr::value(next))
        .col_expr(print_job::Column::UpdatedAt, Expr::value(now))
        .filter(print_job::Column::Id.eq(job.id))
        .filter(print_job::Column::State.eq(job.state.as_str()));
    update = if job.state == JobState::Sending.as_str() {
        update.filter(print_job::Column::LockedBy.eq(holder))
    } else {
        update.filter(print_job::Column::Attempts.eq(job.attempts))
    };
    let result = update.exec(db).await?;
    Ok((result.rows_affected == 1).then(|| print_job::Model {
        state: state.as_str().into(),
        locked_by: None,
        attempts,
        last_error: Some(error.to_string()),
        next_attempt_at: next,
        updated_at: now,
        ..job.clone()
    }))
}

/// Notes why a queued job waits (a printer fault), without counting an attempt.
pub async fn note_waiting(
    db: &impl ConnectionTrait,
    job: &print_job::Model,
    reason: &str,
) -> Result<Option<print_job::Model>, DbErr> {
    if job.last_error.as_deref() == Some(reason) {
        return Ok(None);
    }
    let now = Utc::now();
    let result = print_job::Entity::update_many()
        .col_expr(print_job::Column::LastError, Expr::value(reason))
        .col_expr(print_job::Column::UpdatedAt, Expr::value(now))
        .filter(print_job::Column::Id.eq(job.id))
        .filter(print_job::Column::State.eq(JobState::Queued.as_str()))
        .exec(db)
        .await?;
    Ok((result.rows_affected == 1).then(|| print_job::Model {
        last_error: Some(reason.to_string()),
        updated_at: now,
        ..job.clone()
    }))
}

/// A user's change of state: `retry` (failed or cancelled → queued, attempts reset) or `cancel`
/// (queued or failed → cancelled). `None` when the job is not in one of `from`.
pub async fn transition(
    db: &impl ConnectionTrait,
    job: &print_job::Model,
    from: &[JobState],
    to: JobState,
) -> Result<Option<print_job::Model>, DbErr> {
    let now = Utc::now();
    let mut update = print_job::Entity::update_many()
        .col_expr(print_job::Column::State, Expr::value(to.as_str()))
        .col_expr(print_job::Column::UpdatedAt, Expr::value(now))
        .col_expr(
            print_job::Column::NextAttemptAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(print_job::Column::Id.eq(job.id))
        .filter(print_job::Column::State.is_in(from.iter().map(|s| s.as_str())));
    let retry = to == JobState::Queued;
    if retry {
        update = update
            .col_expr(print_job::Column::Attempts, Expr::value(0))
            .col_expr(
                print_job::Column::LastError,
                Expr::value(Option::<String>::None),
            );
    }
    let result = update.exec(db).await?;
    Ok((result.rows_affected == 1).then(|| print_job::Model {
        state: to.as_str().into(),
        attempts: if retry { 0 } else { job.attempts },
        last_error: if retry { None } else { job.last_error.clone() },
        next_attempt_at: None,
        updated_at: now,
        ..job.clone()
    }))
}
