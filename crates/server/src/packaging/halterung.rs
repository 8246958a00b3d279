//! Mount labels (Halterung): stored for traceability (the original printed them without a record)
//! and printed through the queue. The packaging date is the plant's date when the label is made;
//! a reprint shows the same date.

use api_types::packaging::{ArticleCategory, HalterungDto, HalterungRequest, PackItem};
use api_types::printing::JobKind;
use chrono::{Datelike, NaiveDate, Utc};
use labels::packaging::{HalterungLabel, PackDate};
use labels::zpl::Mode;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};

use super::{
    HistoryFilter, article, catalogue, contains_text, decode_items, encode_items, label_error,
    lines,
};
use crate::auth::Principal;
use crate::entities::{halterung_label, print_job, printer};
use crate::error::{ApiError, ApiResult};
use crate::printing::jobs;
use crate::printing::labels::{self as print_labels, Label};
use crate::services::users::rfc3339;
use crate::startup::AppState;
use crate::validation::Validator;

/// The print-job reference of a mount label.
pub fn reference(id: i64) -> String {
    format!("halterung:{id}")
}

fn pack_date(date: NaiveDate) -> ApiResult<PackDate> {
    let part = |n: u32| u16::try_from(n).unwrap_or_default();
    let year = u16::try_from(date.year()).unwrap_or_default();
    PackDate::from_dmy(part(date.day()), part(date.month()), year)
        .ok_or_else(|| label_error("Halterung", format!("date {date}")))
}

pub fn to_dto(row: &halterung_label::Model, last_job: Option<&print_job::Model>) -> HalterungDto {
    HalterungDto {
        id: row.id,
        datum: row.datum.format("%d-%m-%Y").to_string(),
        items: decode_items(&row.items),
        created_at: rfc3339(row.created_at),
        created_by: row.created_by.clone(),
        last_print_job: last_job.map(jobs::to_dto),
    }
}

/// The label as printed: single-item variant for one line, else the table (§7.3, §7.4, QR §6.2).
pub fn zpl(row: &halterung_label::Model) -> ApiResult<String> {
    let items = decode_items(&row.items).iter().map(article).collect();
    HalterungLabel::new(pack_date(row.datum)?, items)
        .map_err(|e| label_error("Halterung", e))?
        .zpl(Mode::Default)
        .map_err(|e| label_error("Halterung", e))
}

pub async fn load(state: &AppState, id: i64) -> ApiResult<halterung_label::Model> {
    halterung_label::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or_else(|| ApiError::NotFound("Halterung-Etikett nicht gefunden".into()))
}

/// Stores a mount label dated today (plant time zone) and, unless `skipPrint`, queues it.
pub async fn create(
    state: &AppState,
    principal: &Principal,
    body: &HalterungRequest,
) -> ApiResult<(halterung_label::Model, Option<print_job::Model>)> {
    let catalogue = catalogue::by_number(state).await?;
    let mut v = Validator::new();
    let items = lines::catalogue_items(
        &mut v,
        body.items.as_deref(),
        &catalogue,
        ArticleCategory::Halterung,
    );
    v.finish()?;
    let now = Utc::now();
    let (today, _) = crate::inspection::workflow::plant_today(state, now);
    let label = HalterungLabel::new(pack_date(today)?, items.iter().map(article).collect())
        .map_err(|e| ApiError::field("items", e.message_de()))?;
    let printer =
        print_labels::printer_unless_skipped(state, body.skip_print == Some(true), body.printer_id)
            .await?;
    let items: Vec<PackItem> = label
        .items()
        .iter()
        .cloned()
        .map(super::pack_item)
        .collect();
    let row = halterung_label::ActiveModel {
        datum: Set(today),
        items: Set(encode_items(&items)?),
        created_by: Set(principal.actor()),
        created_by_id: Set(principal.user_id()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&state.db)
    .await?;
    let job = match printer {
        Some(printer) => Some(print(state, principal, &row, &printer, None).await?),
        None => None,
    };
    Ok((row, job))
}

/// Queues the label of `row`; a label printed before needs a reason.
pub async fn print(
    state: &AppState,
    principal: &Principal,
    row: &halterung_label::Model,
    printer: &printer::Model,
    reason: Option<&str>,
) -> ApiResult<print_job::Model> {
    let items = decode_items(&row.items);
    let title = match items.as_slice() {
        [only] => format!("Halterung {}", only.artikelbezeichnung),
        _ => format!("Halterung ({} Artikel)", items.len()),
    };
    print_labels::queue(
        state,
        principal,
        printer,
        Label {
            kind: JobKind::Halterung,
            reference: reference(row.id),
            title,
            zpl: zpl(row)?,
            reason,
        },
    )
    .await
}

/// One page of the history (free text over the lines, creation time, order) with each label's
/// newest job.
pub async fn list(
    state: &AppState,
    filter: &HistoryFilter,
    page: u64,
    limit: u64,
) -> ApiResult<(Vec<HalterungDto>, u64)> {
    let mut select = halterung_label::Entity::find();
    if let Some(text) = contains_text(filter.q.as_deref(), &[halterung_label::Column::Items]) {
        select = select.filter(text);
    }
    if let Some(from) = filter.from {
        select = select.filter(halterung_label::Column::CreatedAt.gte(from));
    }
    if let Some(to) = filter.to {
        select = select.filter(halterung_label::Column::CreatedAt.lt(to));
    }
    let select = if filter.newest_first {
        select.order_by_desc(halterung_label::Column::Id)
    } else {
        select.order_by_asc(halterung_label::Column::Id)
    };
    let paginator = select.paginate(&state.db, limit);
    let total = paginator.num_items().await?;
    let rows = paginator.fetch_page(page - 1).await?;
    let last =
        print_labels::last_jobs(state, rows.iter().map(|r| reference(r.id)).collect()).await?;
    Ok((
        rows.iter()
            .map(|row| to_dto(row, last.get(&reference(row.id))))
            .collect(),
        total,
    ))
}

pub async fn dto(state: &AppState, row: &halterung_label::Model) -> ApiResult<HalterungDto> {
    let last = print_labels::last_jobs(state, vec![reference(row.id)]).await?;
    Ok(to_dto(row, last.get(&reference(row.id))))
}
