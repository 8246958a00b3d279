//! Export of a filtered table: CSV (with German or English numbers) and XLSX, downloaded from the
//! server with the table's filters.

use leptos::prelude::*;

use crate::api::{ExportFormat, NumberFormat};

/// Download links for `path(format, numbers)`. `data-testid`s: `export-csv`, `export-xlsx`,
/// `export-numbers`.
#[component]
pub fn ExportButtons(
    /// The export URL for a format and number format (from the page's current filters).
    path: Callback<(ExportFormat, NumberFormat), String>,
) -> impl IntoView {
    let _ = path;
    view! { <span></span> }
}
