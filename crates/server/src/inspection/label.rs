//! The product label of an inspection, built by the label engine from the unit's final values, and
//! queued for printing.

use api_types::inspection::{ProductDefinition, Values};
use api_types::printing::JobKind;
use labels::product::{JsText, Product, ProductLabelInput};
use labels::zpl::Mode;
use serde_json::Value;

use super::workflow;
use crate::auth::Principal;
use crate::entities::{inspection, print_job, printer};
use crate::error::{ApiError, ApiResult};
use crate::printing::labels::{self as print_labels, Label};
use crate::startup::AppState;

/// The print-job reference of an inspection's label.
pub fn reference(row: &inspection::Model) -> String {
    format!("inspection:{}", row.id)
}

fn text(values: &Values, key: &str) -> String {
    values
        .get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

/// What the label shows, from the unit's final values and its packaging date.
pub fn label_input(row: &inspection::Model) -> ProductLabelInput {
    let values = workflow::final_values(row);
    ProductLabelInput {
        serialnummer: row.serialnummer.clone(),
        artikel_bezeichnung: row.artikel_bezeichnung.clone().unwrap_or_default(),
        artikel_nummer: JsText::Value(row.artikel_nummer.clone().unwrap_or_default()),
        seriennummer_elektronik: text(&values, "seriennummer_elektronik"),
        mac_adresse: text(&values, "mac_adresse"),
        seriennummer_festplatte: text(&values, "seriennummer_festplatte"),
        software_version: text(&values, "software_version"),
        firmware_version: text(&values, "firmware_version"),
        seriennummer_optik1: text(&values, "seriennummer_optik1"),
        seriennummer_optik2: text(&values, "seriennummer_optik2"),
        datum: row.datum.format("%Y-%m-%d").to_string(),
    }
}

/// The label's ZPL (the fixed default mode: escaped text, whole-dot QR).
pub fn zpl(product: Product, row: &inspection::Model) -> ApiResult<String> {
    labels::product::write_label(product, &label_input(row), Mode::Default)
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("product label: {e}")))
}

/// Queues the unit's label on `printer`. Only printable units (passed, or failed with an
/// override); a second label needs a reason.
pub async fn enqueue(
    state: &AppState,
    principal: &Principal,
    definition: &ProductDefinition,
    product: Product,
    row: &inspection::Model,
    printer: &printer::Model,
    reason: Option<String>,
) -> ApiResult<print_job::Model> {
    if !workflow::printable(row) {
        return Err(ApiError::Conflict(match workflow::status_of(row) {
            api_types::inspection::InspectionStatus::Failed => {
                "Prüfung nicht bestanden: kein Etikett ohne Freigabe durch MANAGEMENT".into()
            }
            _ => "Prüfung noch nicht abgeschlossen: Etikett erst nach Prüfer B".into(),
        }));
    }
    let job = print_labels::queue(
        state,
        principal,
        printer,
        Label {
            kind: JobKind::Product,
            reference: reference(row),
            title: format!("{} {}", definition.name, row.serialnummer),
            zpl: zpl(product, row)?,
            reason: reason.as_deref(),
        },
    )
    .await?;
    workflow::note_print(state, principal, row, job.id, job.reason.as_deref()).await?;
    Ok(job)
}

/// Queues the label of inspection `id` on printer `printer_id` (404 unknown inspection, 422 unknown
/// or disabled printer); the rules of [`enqueue`] apply.
pub async fn print_unit(
    state: &AppState,
    principal: &Principal,
    id: i64,
    printer_id: i64,
    reason: Option<String>,
) -> ApiResult<print_job::Model> {
    let row = workflow::reload(state, id).await?;
    let (product, definition) = super::products::by_key(&row.product)
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("unknown product {}", row.product)))?;
    let printer = print_labels::enabled_printer(state, printer_id).await?;
    enqueue(
        state, principal, definition, product, &row, &printer, reason,
    )
    .await
}
