//! Queuing the label of a stored record (an inspected unit, an accessory or mount label, a carton):
//! the one place that decides whether a label is a reprint, asks for the reason a reprint needs,
//! stores the job and wakes the printer's worker.

use api_types::printing::{JobKind, JobState};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

use super::jobs::{self, NewJob};
use crate::auth::Principal;
use crate::entities::{print_job, printer};
use crate::error::{ApiError, ApiResult};
use crate::startup::AppState;
use crate::validation::Validator;

/// A stored record's label, ready to queue.
pub struct Label<'a> {
    pub kind: JobKind,
    /// `inspection:<id>`, `zubehoer:<id>`, `halterung:<id>`, `outerkarton:<id>`.
    pub reference: String,
    pub title: String,
    pub zpl: String,
    /// Why the label is printed again; required once a job for `reference` exists.
    pub reason: Option<&'a str>,
}

/// Checks that `printer_id` names an enabled printer (422 on `printerId` otherwise).
pub async fn enabled_printer(state: &AppState, printer_id: i64) -> ApiResult<printer::Model> {
    match printer::Entity::find_by_id(printer_id)
        .one(&state.db)
        .await?
    {
        Some(p) if p.enabled => Ok(p),
        Some(_) => Err(ApiError::field("printerId", "Drucker ist deaktiviert")),
        None => Err(ApiError::field("printerId", "Drucker nicht gefunden")),
    }
}

/// The printer of a create request: `None` with `skipPrint`, else the enabled printer `printer_id`
/// (422 when missing). Checked before anything is stored, so a wrong choice loses nothing.
pub async fn printer_unless_skipped(
    state: &AppState,
    skip_print: bool,
    printer_id: Option<i64>,
) -> ApiResult<Option<printer::Model>> {
    if skip_print {
        return Ok(None);
    }
    match printer_id {
        Some(id) => Ok(Some(enabled_printer(state, id).await?)),
        None => Err(ApiError::field(
            "printerId",
            "Drucker wählen (oder skipPrint: true zum Speichern ohne Etikett)",
        )),
    }
}

/// Whether a label for `reference` was queued before (cancelled jobs do not count).
pub async fn printed_before(state: &AppState, reference: &str) -> ApiResult<bool> {
    let earlier = print_job::Entity::find()
        .filter(print_job::Column::Reference.eq(reference))
        .filter(print_job::Column::State.ne(JobState::Cancelled.as_str()))
        .count(&state.db)
        .await?;
    Ok(earlier > 0)
}

/// The newest job of each reference in `references`, for history lists.
pub async fn last_jobs(
    state: &AppState,
    references: Vec<String>,
) -> ApiResult<std::collections::HashMap<String, print_job::Model>> {
    let mut newest = std::collections::HashMap::new();
    if references.is_empty() {
        return Ok(newest);
    }
    let rows = print_job::Entity::find()
        .filter(print_job::Column::Reference.is_in(references))
        .order_by_asc(print_job::Column::Id)
        .all(&state.db)
        .await?;
    for row in rows {
        if let Some(reference) = row.reference.clone() {
            newest.insert(reference, row);
        }
    }
    Ok(newest)
}

/// Queues `label` on `printer`. A second label needs a reason (422 on `reason`).
pub async fn queue(
    state: &AppState,
    principal: &Principal,
    printer: &printer::Model,
    label: Label<'_>,
) -> ApiResult<print_job::Model> {
    let reprint = printed_before(state, &label.reference).await?;
    let mut v = Validator::new();
    let reason = v.reason(
        "reason",
        label.reason,
        reprint,
        "Das Etikett wurde schon gedruckt: für einen Nachdruck ist ein Grund erforderlich",
    );
    v.finish()?;
    let job = jobs::insert(
        &state.db,
        NewJob {
            printer,
            kind: label.kind,
            reference: Some(label.reference),
            title: label.title,
            zpl: label.zpl,
            copies: 1,
            created_by: principal.actor(),
            created_by_id: principal.user_id(),
            reason,
            reprint_of: None,
        },
    )
    .await?;
    state.print_queue.publish_job(&job);
    state.print_queue.wake(printer.id);
    Ok(job)
}
