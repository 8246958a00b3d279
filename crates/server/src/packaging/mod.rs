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
use labels::packaging::Article;

use crate::error::{ApiError, ApiResult};

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

/// A label the engine refused although the lines were checked: a server fault.
pub fn label_error(what: &str, error: impl std::fmt::Display) -> ApiError {
    ApiError::Internal(anyhow::anyhow!("{what} label: {error}"))
}
