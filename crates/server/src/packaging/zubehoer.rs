//! Accessory labels (Zubehör): one per delivery note, stored, then printed through the queue.

use api_types::packaging::{ArticleCategory, PackItem, ZubehoerDto, ZubehoerRequest};
use api_types::printing::JobKind;
use chrono::Utc;
use labels::packaging::ZubehoerLabel;
use labels::zpl::Mode;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Select,
    Set,
};

use super::{
    HistoryFilter, article, catalogue, contains_text, decode_items, encode_items, label_error,
    lines,
};
use crate::auth::Principal;
use crate::entities::{print_job, zubehoer_label};
use crate::error::{ApiError, ApiResult};
use crate::printing::jobs;
use crate::printing::labels::{self as print_labels, Label};
use crate::services::users::rfc3339;
use crate::startup::AppState;
use crate::validation::Validator;

const LIEFERSCHEIN_MAX: usize = 100;

/// The print-job reference of an accessory label.
pub fn reference(id: i64) -> String {
    format!("zubehoer:{id}")
}

/// Delivery notes compare trimmed and case-insensitively (`ls-4711` is `LS-4711`).
pub fn lieferschein_key(number: &str) -> String {
    number.trim().to_uppercase()
}

pub fn to_dto(row: &zubehoer_label::Model, last_job: Option<&print_job::Model>) -> ZubehoerDto {
    ZubehoerDto {
        id: row.id,
        lieferscheinnummer: row.lieferscheinnummer.clone(),
        serialnummer: row.serialnummer.clone(),
        entries: decode_items(&row.entries),
        created_at: rfc3339(row.created_at),
        created_by: row.created_by.clone(),
        last_print_job: last_job.map(jobs::to_dto),
    }
}

/// The label as printed: §7.3 table with the §6.1 QR payload.
pub fn zpl(row: &zubehoer_label::Model) -> ApiResult<String> {
    let items = decode_items(&row.entries).iter().map(article).collect();
    ZubehoerLabel::new(&row.lieferscheinnummer, items)
        .map_err(|e| label_error("Zubehör", e))?
        .zpl(Mode::Default)
        .map_err(|e| label_error("Zubehör", e))
}

pub async fn find_by_lieferschein(
    state: &AppState,
    number: &str,
) -> ApiResult<Option<zubehoer_label::Model>> {
    Ok(zubehoer_label::Entity::find()
        .filter(zubehoer_label::Column::LieferscheinKey.eq(lieferschein_key(number)))
        .one(&state.db)
        .await?)
}

pub async fn load(state: &AppState, id: i64) -> ApiResult<zubehoer_label::Model> {
    zubehoer_label::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or_else(|| ApiError::NotFound("Zubehör-Etikett nicht gefunden".into()))
}

/// Stores the label of a delivery note (409 when the number exists) and, unless `skipPrint`,
/// queues it on the chosen printer.
pub async fn create(
    state: &AppState,
    principal: &Principal,
    body: &ZubehoerRequest,
) -> ApiResult<(zubehoer_label::Model, Option<print_job::Model>)> {
    let catalogue = catalogue::by_number(state).await?;
    let mut v = Validator::new();
    let number = v.text(
        "lieferscheinnummer",
        body.lieferscheinnummer.as_deref(),
        true,
        LIEFERSCHEIN_MAX,
        "Lieferschein-Nummer",
    );
    let items = lines::catalogue_items(
        &mut v,
        body.items.as_deref(),
        &catalogue,
        ArticleCategory::Zubehoer,
    );
    v.finish()?;
    let number = number.unwrap_or_default();
    let label = ZubehoerLabel::new(&number, items.iter().map(article).collect())
        .map_err(|e| ApiError::field("items", e.message_de()))?;
    let printer =
        print_labels::printer_unless_skipped(state, body.skip_print == Some(true), body.printer_id)
            .await?;
    if let Some(existing) = find_by_lieferschein(state, &number).await? {
        return Err(duplicate(&number, existing.id));
    }
    let items: Vec<PackItem> = label
        .items()
        .iter()
        .cloned()
        .map(super::pack_item)
        .collect();
    let serial = items.iter().find_map(|item| item.serialnummer.clone());
    let row = zubehoer_label::ActiveModel {
        lieferscheinnummer: Set(number.clone()),
        lieferschein_key: Set(lieferschein_key(&number)),
        serialnummer: Set(serial),
        entries: Set(encode_items(&items)?),
        created_by: Set(principal.actor()),
        created_by_id: Set(principal.user_id()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&state.db)
    .await
    .map_err(|e| match ApiError::from(e) {
        // Two clients saved the same delivery note at once: the unique index decided.
        ApiError::Conflict(_) => duplicate(&number, 0),
        other => other,
    })?;
    state.dashboard.invalidate();
    let job = match printer {
        Some(printer) => Some(print(state, principal, &row, &printer, None).await?),
        None => None,
    };
    Ok((row, job))
}

fn duplicate(number: &str, id: i64) -> ApiError {
    let which = if id > 0 {
        format!(" (Etikett #{id}); zum Nachdrucken die Historie verwenden")
    } else {
        String::new()
    };
    ApiError::ConflictFields(
        [(
            "lieferscheinnummer".to_string(),
            vec![format!(
                "Lieferschein-Nummer {number} bereits vorhanden{which}"
            )],
        )]
        .into(),
    )
}

/// Queues the label of `row`; a label printed before needs a reason.
pub async fn print(
    state: &AppState,
    principal: &Principal,
    row: &zubehoer_label::Model,
    printer: &crate::entities::printer::Model,
    reason: Option<&str>,
) -> ApiResult<print_job::Model> {
    print_labels::queue(
        state,
        principal,
        printer,
        Label {
            kind: JobKind::Zubehoer,
            reference: reference(row.id),
            title: format!("Zubehör {}", row.lieferscheinnummer),
            zpl: zpl(row)?,
            reason,
        },
    )
    .await
}

/// Free text over delivery note, serial and lines; creation time; order.
pub fn filtered(filter: &HistoryFilter) -> Select<zubehoer_label::Entity> {
    let mut select = zubehoer_label::Entity::find();
    if let Some(text) = contains_text(
        filter.q.as_deref(),
        &[
            zubehoer_label::Column::LieferscheinKey,
            zubehoer_label::Column::Serialnummer,
            zubehoer_label::Column::Entries,
        ],
    ) {
        select = select.filter(text);
    }
    if let Some(from) = filter.from {
        select = select.filter(zubehoer_label::Column::CreatedAt.gte(from));
    }
    if let Some(to) = filter.to {
        select = select.filter(zubehoer_label::Column::CreatedAt.lt(to));
    }
    if filter.newest_first {
        select.order_by_desc(zubehoer_label::Column::Id)
    } else {
        select.order_by_asc(zubehoer_label::Column::Id)
    }
}

/// One page of the history with each label's newest job.
pub async fn list(
    state: &AppState,
    filter: &HistoryFilter,
    page: u64,
    limit: u64,
) -> ApiResult<(Vec<ZubehoerDto>, u64)> {
    let paginator = filtered(filter).paginate(&state.db, limit);
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

/// One label with its newest job.
pub async fn dto(state: &AppState, row: &zubehoer_label::Model) -> ApiResult<ZubehoerDto> {
    let last = print_labels::last_jobs(state, vec![reference(row.id)]).await?;
    Ok(to_dto(row, last.get(&reference(row.id))))
}
