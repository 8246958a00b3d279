//! Inspections as table rows for exports: the unit, its outcome and people, and with one product
//! line the product's fields (labels from the definition, so every product line has the same code).

use api_types::inspection::{FieldKind, ProductDefinition};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde_json::Value;

use super::workflow;
use crate::entities::inspection;
use crate::export::Cell;

const FIXED: [&str; 18] = [
    "ID",
    "Produktlinie",
    "Seriennummer",
    "Status",
    "Freigegeben",
    "Variante",
    "Artikelnummer",
    "Artikelbezeichnung",
    "BA-Nummer",
    "Verpackungsdatum",
    "Produktionsjahr",
    "Prüfer A",
    "Erfasst (A)",
    "Prüfer B",
    "Abgeschlossen (B)",
    "Durchlaufzeit A→B (h)",
    "Fehlgeschlagene Prüfpunkte",
    "Abweichungen A/B",
];

/// Product fields the fixed columns already show.
const FIXED_KEYS: [&str; 2] = ["serialnummer", "ba_nummer"];

pub struct ExportTable {
    definition: Option<&'static ProductDefinition>,
    tz: Tz,
}

fn yes_no(value: bool) -> Cell {
    Cell::text(if value { "ja" } else { "nein" })
}

impl ExportTable {
    pub fn new(definition: Option<&'static ProductDefinition>, tz: Tz) -> Self {
        Self { definition, tz }
    }

    fn local(&self, at: DateTime<Utc>) -> String {
        crate::export::plant_time(self.tz, at)
    }

    /// The product's fields as columns, without those the fixed columns already show.
    fn fields(&self) -> impl Iterator<Item = &'static api_types::inspection::FieldDef> {
        self.definition
            .into_iter()
            .flat_map(|d| d.fields.iter())
            .filter(|f| !FIXED_KEYS.contains(&f.key.as_str()))
    }

    /// A failed check's label (its key when the product line is not known).
    fn check_label(&self, product: &str, key: &str) -> String {
        super::products::by_key(product)
            .and_then(|(_, d)| d.field(key))
            .map_or_else(|| key.to_owned(), |f| f.label_de.clone())
    }

    pub fn columns(&self) -> Vec<String> {
        let mut columns: Vec<String> = FIXED.iter().map(|c| (*c).to_owned()).collect();
        columns.extend(self.fields().map(|f| f.label_de.clone()));
        columns
    }

    pub fn row(&self, row: &inspection::Model) -> Vec<Cell> {
        let lead_hours = row
            .b_at
            .map(|b| (b - row.a_at).num_seconds() as f64 / 3600.0);
        let failed: Vec<String> = workflow::failed_checks(row)
            .iter()
            .map(|key| self.check_label(&row.product, key))
            .collect();
        let differences: Vec<String> = workflow::differences(row)
            .into_iter()
            .map(|d| d.label_de)
            .collect();
        let mut cells = vec![
            Cell::Int(row.id),
            Cell::text(&row.product),
            Cell::text(&row.serialnummer),
            Cell::text(workflow::status_of(row).label_de()),
            yes_no(row.override_at.is_some()),
            Cell::opt(row.variant.clone()),
            Cell::opt(row.artikel_nummer.clone()),
            Cell::opt(row.artikel_bezeichnung.clone()),
            Cell::opt(row.ba_nummer.clone()),
            Cell::text(row.datum.format("%Y-%m-%d").to_string()),
            Cell::text(&row.produktionsjahr),
            Cell::text(&row.pruefer_a),
            Cell::text(self.local(row.a_at)),
            Cell::opt(row.pruefer_b.clone()),
            Cell::opt(row.b_at.map(|b| self.local(b))),
            lead_hours.map_or(Cell::Empty, Cell::Number),
            Cell::text(failed.join(", ")),
            Cell::text(differences.join(", ")),
        ];
        if self.definition.is_some() {
            let values = workflow::final_values(row);
            for field in self.fields() {
                cells.push(match values.get(&field.key) {
                    None | Some(Value::Null) => Cell::Empty,
                    Some(Value::Bool(b)) if field.kind == FieldKind::Check => yes_no(*b),
                    Some(Value::Bool(b)) => yes_no(*b),
                    Some(Value::Number(n)) => n
                        .as_i64()
                        .map_or_else(|| n.as_f64().map_or(Cell::Empty, Cell::Number), Cell::Int),
                    Some(Value::String(s)) => Cell::text(s),
                    Some(other) => Cell::text(other.to_string()),
                });
            }
        }
        cells
    }
}
