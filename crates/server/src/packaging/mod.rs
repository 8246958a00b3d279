//! Packaging: the article catalogue, accessory labels (Zubehör), mount labels (Halterung) and outer
//! cartons, each stored and printed through the print queue.
//!
//! * [`catalogue`]: the articles, editable by admins.
//! * [`lines`]: article lines from clients, checked against the catalogue or the unit records.
//! * [`zubehoer`], [`halterung`], [`carton`]: the stored labels and their label text.

pub mod carton;
pub mod catalogue;
pub mod halterung;
pub mod lines;
pub mod zubehoer;

use api_types::packaging::PackItem;
use api_types::printing::JobKind;
use labels::packaging::Article;

use sea_orm::sea_query::{Condition, Expr, Func};

use crate::auth::Principal;
use crate::entities::print_job;
use crate::error::{ApiError, ApiResult};
use crate::printing::labels::enabled_printer;
use crate::startup::AppState;

/// The label engine's view of a stored line.
pub fn article(item: &PackItem) -> Article {
    Article {
        artikelnummer: item.artikelnummer.clone(),
        artikelbezeichnung: item.artikelbezeichnung.clone(),
        menge: item.menge,
        serialnummer: item.serialnummer.clone(),
    }
}

/// A stored line from the label engine's article.
pub fn pack_item(article: Article) -> PackItem {
    PackItem {
        artikelnummer: article.artikelnummer,
        artikelbezeichnung: article.artikelbezeichnung,
        menge: article.menge,
        serialnummer: article.serialnummer,
    }
}

/// Lines stored as JSON.
pub fn decode_items(json: &str) -> Vec<PackItem> {
    serde_json::from_str(json).unwrap_or_default()
}

pub fn encode_items(items: &[PackItem]) -> ApiResult<String> {
    serde_json::to_string(items).map_err(|e| ApiError::Internal(e.into()))
}

/// History filters of the stored labels: free text, creation time, order.
pub struct HistoryFilter {
    pub q: Option<String>,
    pub from: Option<chrono::DateTime<chrono::Utc>>,
    pub to: Option<chrono::DateTime<chrono::Utc>>,
    pub newest_first: bool,
}

/// Free-text search: the trimmed text, case-insensitively contained in any of `columns`; `None`
/// when there is no text.
pub fn contains_text<C: sea_orm::ColumnTrait>(q: Option<&str>, columns: &[C]) -> Option<Condition> {
    let q = q.map(str::trim).filter(|q| !q.is_empty())?;
    let pattern = format!("%{}%", q.to_uppercase());
    Some(columns.iter().fold(Condition::any(), |any, column| {
        any.add(Expr::expr(Func::upper(Expr::col(*column))).like(pattern.clone()))
    }))
}

/// A label the engine refused although the lines were checked: a server fault.
pub fn label_error(what: &str, error: impl std::fmt::Display) -> ApiError {
    ApiError::Internal(anyhow::anyhow!("{what} label: {error}"))
}

/// Queues the label of stored record `id` of `kind` (an inspected unit, an accessory, mount or
/// carton label) on printer `printer_id`: 404 for an unknown record, 422 for an unknown or disabled
/// printer or a reprint without reason; the rules of the label's own print route apply.
pub async fn print_stored(
    state: &AppState,
    principal: &Principal,
    kind: JobKind,
    id: i64,
    printer_id: i64,
    reason: Option<&str>,
) -> ApiResult<print_job::Model> {
    match kind {
        JobKind::Product => {
            crate::inspection::label::print_unit(
                state,
                principal,
                id,
                printer_id,
                reason.map(str::to_string),
            )
            .await
        }
        JobKind::Zubehoer => {
            let row = zubehoer::load(state, id).await?;
            let printer = enabled_printer(state, printer_id).await?;
            zubehoer::print(state, principal, &row, &printer, reason).await
        }
        JobKind::Halterung => {
            let row = halterung::load(state, id).await?;
            let printer = enabled_printer(state, printer_id).await?;
            halterung::print(state, principal, &row, &printer, reason).await
        }
        JobKind::Outerkarton => {
            let carton = carton::load(state, id).await?;
            let printer = enabled_printer(state, printer_id).await?;
            carton::print(state, principal, &carton, &printer, reason).await
        }
        JobKind::Test => Err(ApiError::field(
            "kind",
            "Testetiketten mit test: true anfordern",
        )),
    }
}
