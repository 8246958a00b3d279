//! The four product tables (products spec §7) into our inspections, through the product
//! definitions: one conversion for every product line.
//!
//! The original kept one set of values per unit: Prüfer B's save overwrote A's (spec §9 item 10).
//! A completed unit therefore arrives with those final values as both A's and B's entry and no
//! recorded differences; a unit B never saved arrives waiting for B. The outcome follows from the
//! checks as for every unit of ours: a check answered "Nein" fails the unit.

use std::collections::{HashMap, HashSet};

use api_types::inspection::{
    FieldDef, FieldKind, InspectionStatus, ProductDefinition, Step, TextFormat, Values,
    normalize_mac,
};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, DbErr, EntityTrait, QueryFilter,
    QuerySelect, Set, TransactionTrait,
};
use serde_json::{Value, json};

use super::report::Area;
use super::source::{Row, parse_timestamp};
use super::users::Inspectors;
use super::{ACTOR, settle};
use crate::entities::{inspection, inspection_event};
use crate::inspection::products;

/// Inspector name of a unit whose `pruefer_a` the original left empty (possible through its API).
pub const UNKNOWN_INSPECTOR: &str = "(unbekannt)";

/// Columns of the original that are not fields of our definitions.
const RECORD_COLUMNS: &[&str] = &[
    "serialnummer",
    "artikel_nummer",
    "artikel_bezeichnung",
    "datum",
    "produktionsjahr",
    "pruefer_a",
    "pruefer_b",
];

/// Our column limits (PostgreSQL enforces them; SQLite would not, so they are checked here).
const SERIAL_MAX: usize = 64;
const BA_NUMMER_MAX: usize = 50;
const ARTIKEL_NUMMER_MAX: usize = 20;
const ARTIKEL_BEZEICHNUNG_MAX: usize = 200;
const NAME_MAX: usize = 100;

/// The original's columns that may hold a field: its key (the original's column name, typos
/// included, spec §9 item 1), the request keys it accepted, and the corrected spellings in case a
/// later version of the original renamed the misspelt columns.
fn candidates(field: &FieldDef) -> Vec<String> {
    let corrected = match field.key.as_str() {
        "druckluftanscluss_montiert" => Some("druckluftanschluss_montiert"),
        "uberdrucktest_ok" => Some("ueberdrucktest_ok"),
        "sprache_wechslen" => Some("sprache_wechseln"),
        _ => None,
    };
    std::iter::once(field.key.clone())
        .chain(field.aliases.iter().cloned())
        .chain(corrected.map(str::to_string))
        .collect()
}

/// Every column the import reads from a product table.
pub fn columns(definition: &ProductDefinition) -> Vec<String> {
    let mut columns: Vec<String> = RECORD_COLUMNS.iter().map(|c| c.to_string()).collect();
    for field in &definition.fields {
        for column in candidates(field) {
            if !columns.contains(&column) {
                columns.push(column);
            }
        }
    }
    columns
}

/// A row the import refuses: a fixed reason and its particulars.
pub type Refusal = (&'static str, String);

/// A unit of the original, converted.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    pub serial: String,
    /// Every value the original kept.
    pub values: Values,
    /// `pruefer_b` was set: B saved the unit.
    pub complete: bool,
    pub pruefer_a: Option<String>,
    pub pruefer_b: Option<String>,
    pub at: DateTime<Utc>,
    pub datum: NaiveDate,
    pub produktionsjahr: String,
    pub artikel: Option<(String, String)>,
    /// Adjustments, for the report.
    pub notes: Vec<String>,
}

fn too_long(what: &str, value: &str, max: usize) -> Result<(), Refusal> {
    if value.chars().count() > max {
        Err((
            "value too long",
            format!("{what}: more than {max} characters"),
        ))
    } else {
        Ok(())
    }
}

fn yes_no(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "true" | "t" | "1" | "ja" | "yes" => Some(true),
        "false" | "f" | "0" | "nein" | "no" => Some(false),
        _ => None,
    }
}

/// A choice as our code: the code itself, or its label (`1 TB`, `2 Optiken`, `F1+F2`), compared
/// without case.
pub fn choice_code(field: &FieldDef, text: &str) -> Option<String> {
    let simple = |s: &str| s.split_whitespace().collect::<String>().to_lowercase();
    let wanted = simple(text);
    let plus_as_underscore = wanted.replace('+', "_");
    field
        .options
        .iter()
        .find(|o| {
            let code = o.code.to_lowercase();
            code == wanted
                || code == plus_as_underscore
                || simple(&o.label_de) == wanted
                || simple(&o.label_en) == wanted
        })
        .map(|o| o.code.clone())
}

fn is_link(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .is_some_and(|rest| !rest.is_empty())
        && !text.chars().any(char::is_whitespace)
}

/// One field's value from its columns; `Ok(None)` when empty.
fn value(field: &FieldDef, row: &Row, notes: &mut Vec<String>) -> Result<Option<Value>, Refusal> {
    let Some(text) = candidates(field).iter().find_map(|c| row.text(c)) else {
        return Ok(None);
    };
    let key = &field.key;
    Ok(Some(match field.kind {
        FieldKind::Check => Value::Bool(yes_no(text).ok_or((
            "unreadable value",
            format!("{key}: \"{text}\" is neither yes nor no"),
        ))?),
        FieldKind::Choice => match choice_code(field, text) {
            Some(code) => {
                if code != text {
                    notes.push(format!("{key}: \"{text}\" read as {code}"));
                }
                Value::String(code)
            }
            None => {
                notes.push(format!(
                    "{key}: {text} is not offered by our form; kept as recorded"
                ));
                Value::String(text.to_string())
            }
        },
        FieldKind::Link if is_link(text) => Value::String(text.to_string()),
        FieldKind::Link => {
            notes.push(format!(
                "{key}: not an http(s) link (e.g. SVG markup of the former upload); dropped"
            ));
            return Ok(None);
        }
        FieldKind::Text if field.format == TextFormat::Mac => match normalize_mac(text) {
            Some(mac) => Value::String(mac),
            None => {
                notes.push(format!("{key}: not 12 hex digits; kept as recorded"));
                Value::String(text.to_string())
            }
        },
        FieldKind::Text => Value::String(text.to_string()),
    }))
}

/// Choices the original did not store but its other columns imply (KK's configuration was never
/// saved, spec §9 item 4): from the one article rule of the stored article number, then from
/// fields that are only shown for one code of a choice (the DMG pigtail checks).
fn recover_choices(
    definition: &ProductDefinition,
    stored_article: Option<&str>,
    values: &mut Values,
    notes: &mut Vec<String>,
) {
    let rules: Vec<_> = definition
        .articles
        .iter()
        .filter(|rule| Some(rule.artikel_nummer.as_str()) == stored_article)
        .collect();
    if let [rule] = rules.as_slice() {
        for condition in &rule.when {
            if !values.contains_key(&condition.field)
                && let [code] = condition.any_of.as_slice()
            {
                values.insert(condition.field.clone(), Value::String(code.clone()));
                notes.push(format!(
                    "{}: recovered from the article number",
                    condition.field
                ));
            }
        }
    }
    for field in &definition.fields {
        if let Some(condition) = &field.visible_when
            && values.contains_key(&field.key)
            && !values.contains_key(&condition.field)
            && let [code] = condition.any_of.as_slice()
        {
            values.insert(condition.field.clone(), Value::String(code.clone()));
            notes.push(format!("{}: recovered from {}", condition.field, field.key));
        }
    }
}

/// Converts one row of a product table.
pub fn convert(definition: &ProductDefinition, row: &Row) -> Result<Unit, Refusal> {
    let serial = row.text("serialnummer").unwrap_or_default().to_string();
    if serial.is_empty() {
        return Err(("no serial number", String::new()));
    }
    too_long("serialnummer", &serial, SERIAL_MAX)?;
    let mut notes = Vec::new();
    let mut values = Values::new();
    for field in &definition.fields {
        if let Some(value) = value(field, row, &mut notes)? {
            values.insert(field.key.clone(), value);
        }
    }
    values.insert("serialnummer".into(), Value::String(serial.clone()));
    let stored_nummer = row.text("artikel_nummer");
    recover_choices(definition, stored_nummer, &mut values, &mut notes);
    if let Some(Value::String(ba)) = values.get("ba_nummer") {
        too_long("ba_nummer", ba, BA_NUMMER_MAX)?;
    }

    let at = row
        .text("datum")
        .and_then(parse_timestamp)
        .ok_or(("no readable date", format!("datum: {:?}", row.raw("datum"))))?;
    let datum = at.date_naive();
    let produktionsjahr = match row.text("produktionsjahr") {
        Some(year) if year.len() == 4 && year.chars().all(|c| c.is_ascii_digit()) => {
            year.to_string()
        }
        other => {
            notes.push(match other {
                Some(_) => "produktionsjahr unreadable; taken from datum".to_string(),
                None => "produktionsjahr empty; taken from datum".to_string(),
            });
            format!("{:04}", datum.year())
        }
    };
    let artikel = match definition.article(&values) {
        Some(rule) => Some((
            rule.artikel_nummer.clone(),
            rule.artikel_bezeichnung.clone(),
        )),
        None => match (stored_nummer, row.text("artikel_bezeichnung")) {
            (Some(nummer), bezeichnung) => {
                too_long("artikel_nummer", nummer, ARTIKEL_NUMMER_MAX)?;
                let bezeichnung = bezeichnung.unwrap_or_default();
                too_long("artikel_bezeichnung", bezeichnung, ARTIKEL_BEZEICHNUNG_MAX)?;
                notes.push("article as recorded (no rule of ours fits the values)".into());
                Some((nummer.to_string(), bezeichnung.to_string()))
            }
            (None, _) => None,
        },
    };
    let pruefer_a = row.text("pruefer_a").map(str::to_string);
    let pruefer_b = row.text("pruefer_b").map(str::to_string);
    for (what, name) in [("pruefer_a", &pruefer_a), ("pruefer_b", &pruefer_b)] {
        if let Some(name) = name {
            too_long(what, name, NAME_MAX)?;
        }
    }
    let complete = pruefer_b.is_some();
    if !complete
        && definition
            .fields_for(Step::B)
            .any(|f| !f.filled_by.includes(Step::A) && values.contains_key(&f.key))
    {
        notes.push("Prüfer B's own fields set without Prüfer B; dropped".into());
    }
    Ok(Unit {
        serial,
        values,
        complete,
        pruefer_a,
        pruefer_b,
        at,
        datum,
        produktionsjahr,
        artikel,
        notes,
    })
}

/// The values A's step holds.
fn values_of_a(definition: &ProductDefinition, values: &Values) -> Values {
    definition
        .fields_for(Step::A)
        .filter_map(|f| values.get(&f.key).map(|v| (f.key.clone(), v.clone())))
        .collect()
}

fn inspector(
    typed: Option<&str>,
    inspectors: &Inspectors,
    area: &mut Area,
    role: &str,
) -> (Option<i64>, Option<String>) {
    match typed {
        None => (None, None),
        Some(name) => match inspectors.find(name) {
            Some((id, username)) => {
                area.note(format!("{role}: typed name matched to user"));
                (Some(id), Some(username))
            }
            None => {
                area.note(format!("{role}: typed name matches no user; kept as typed"));
                (None, Some(name.to_string()))
            }
        },
    }
}

fn model(
    definition: &ProductDefinition,
    unit: &Unit,
    a: (Option<i64>, String),
    b: (Option<i64>, Option<String>),
) -> inspection::ActiveModel {
    let to_json = |v: &Values| serde_json::to_string(v).unwrap_or_default();
    let failed: Vec<String> = definition
        .failed_checks(&unit.values)
        .into_iter()
        .map(|f| f.key.clone())
        .collect();
    let status = match (unit.complete, failed.is_empty()) {
        (false, _) => InspectionStatus::AwaitingB,
        (true, true) => InspectionStatus::Passed,
        (true, false) => InspectionStatus::Failed,
    };
    let completed = |value: String| unit.complete.then_some(value);
    let ba = unit
        .values
        .get("ba_nummer")
        .and_then(Value::as_str)
        .map(str::to_string);
    inspection::ActiveModel {
        product: Set(definition.key.clone()),
        serialnummer: Set(unit.serial.clone()),
        status: Set(status.as_str().to_string()),
        artikel_nummer: Set(unit.artikel.as_ref().map(|(n, _)| n.clone())),
        artikel_bezeichnung: Set(unit.artikel.as_ref().map(|(_, b)| b.clone())),
        ba_nummer: Set(ba),
        produktionsjahr: Set(unit.produktionsjahr.clone()),
        datum: Set(unit.datum),
        values_a: Set(to_json(&values_of_a(definition, &unit.values))),
        values_b: Set(completed(to_json(&unit.values))),
        differences: Set(completed("[]".to_string())),
        failed_checks: Set(completed(
            serde_json::to_string(&failed).unwrap_or_default(),
        )),
        pruefer_a_id: Set(a.0),
        pruefer_a: Set(a.1),
        a_at: Set(unit.at),
        pruefer_b_id: Set(b.0.filter(|_| unit.complete)),
        pruefer_b: Set(b.1.filter(|_| unit.complete)),
        b_started_at: Set(unit.complete.then_some(unit.at)),
        b_at: Set(unit.complete.then_some(unit.at)),
        override_by: Set(None),
        override_reason: Set(None),
        override_at: Set(None),
        variant: Set(products::variant(&definition.key, &unit.values)),
        version: Set(1),
        created_at: Set(unit.at),
        updated_at: Set(Utc::now()),
        ..Default::default()
    }
}

/// Imports one product table; units are matched by product and serial number.
pub async fn import(
    tx: &DatabaseTransaction,
    definition: &ProductDefinition,
    table: &str,
    rows: &[Row],
    inspectors: &Inspectors,
    area: &mut Area,
) -> anyhow::Result<()> {
    let present: HashSet<String> = inspection::Entity::find()
        .select_only()
        .column(inspection::Column::Serialnummer)
        .filter(inspection::Column::Product.eq(definition.key.as_str()))
        .into_tuple::<String>()
        .all(tx)
        .await?
        .into_iter()
        .collect();
    // The original's unique index compares untrimmed text: " CP-1" and "CP-1" were two units.
    let mut seen: HashMap<String, i64> = HashMap::new();
    for row in rows {
        let id = row.id();
        let raw_serial = row.text("serialnummer").unwrap_or_default().to_string();
        if let Some(first) = seen.get(&raw_serial) {
            area.skip(
                id,
                &raw_serial,
                "duplicate serial number",
                format!("same as #{first} apart from surrounding spaces"),
            );
            continue;
        }
        if !raw_serial.is_empty() {
            seen.insert(raw_serial.clone(), id);
        }
        if present.contains(&raw_serial) {
            area.present += 1;
            continue;
        }
        let unit = match convert(definition, row) {
            Ok(unit) => unit,
            Err((reason, detail)) => {
                area.skip(id, &raw_serial, reason, detail);
                continue;
            }
        };
        let (a_id, a_name) = inspector(unit.pruefer_a.as_deref(), inspectors, area, "pruefer_a");
        let a_name = a_name.unwrap_or_else(|| {
            area.note(format!("pruefer_a empty; recorded as {UNKNOWN_INSPECTOR}"));
            UNKNOWN_INSPECTOR.to_string()
        });
        let b = inspector(unit.pruefer_b.as_deref(), inspectors, area, "pruefer_b");
        let row_model = model(definition, &unit, (a_id, a_name), b);
        let details = json!({
            "source": table,
            "legacyId": id,
            "complete": unit.complete,
            "notes": unit.notes,
        });
        let savepoint = tx.begin().await?;
        let written = write(&savepoint, row_model, details).await;
        match settle(savepoint, written).await? {
            Ok(()) => {
                area.imported += 1;
                for note in &unit.notes {
                    area.note(note.clone());
                }
            }
            Err(error) => area.skip(id, &unit.serial, "rejected by the database", error),
        }
    }
    Ok(())
}

async fn write(
    tx: &DatabaseTransaction,
    row: inspection::ActiveModel,
    details: Value,
) -> Result<(), DbErr> {
    let row = row.insert(tx).await?;
    inspection_event::ActiveModel {
        inspection_id: Set(row.id),
        action: Set("imported".into()),
        user_id: Set(None),
        username: Set(ACTOR.into()),
        details: Set(details.to_string()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(tx)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use labels::product::Product;

    use super::*;

    fn row(pairs: &[(&str, &str)]) -> Row {
        Row::from_pairs(
            std::iter::once(("id", Some("1"))).chain(pairs.iter().map(|(k, v)| (*k, Some(*v)))),
        )
    }

    #[test]
    fn kk_configuration_is_recovered_and_typo_columns_are_read() {
        let def = products::definition(Product::Kk);
        let unit = convert(
            def,
            &row(&[
                ("serialnummer", " KK-1 "),
                ("datum", "2025-09-01 00:00:00"),
                ("produktionsjahr", "2025"),
                ("anzahl_optiken", "Zwei_Optiken"),
                ("optik_format", "F1_F2"),
                ("artikel_nummer", "10081"),
                ("druckluftanscluss_montiert", "true"),
                ("uberdrucktest_ok", "false"),
                ("pigtail_drehmoment", "true"),
                ("pruefer_a", "Max"),
            ]),
        )
        .expect("converts");
        assert_eq!(unit.serial, "KK-1");
        assert_eq!(unit.values["konfiguration"], json!("DMG"));
        assert_eq!(unit.values["druckluftanscluss_montiert"], json!(true));
        assert_eq!(unit.values["uberdrucktest_ok"], json!(false));
        assert_eq!(
            unit.artikel,
            Some(("10081".into(), "Kamerakopf F1+F2".into()))
        );
        assert!(!unit.complete);
        assert!(
            unit.notes
                .contains(&"konfiguration: recovered from the article number".to_string())
        );
    }

    #[test]
    fn pigtail_checks_imply_dmg_when_nothing_else_tells() {
        let def = products::definition(Product::Kk);
        let unit = convert(
            def,
            &row(&[
                ("serialnummer", "KK-2"),
                ("datum", "2025-09-01 00:00:00"),
                ("pigtail_schrumpfschlauch", "true"),
            ]),
        )
        .expect("converts");
        assert_eq!(unit.values["konfiguration"], json!("DMG"));
        assert_eq!(unit.produktionsjahr, "2025");
    }

    #[test]
    fn choices_are_read_by_code_or_label() {
        let def = products::definition(Product::CPro);
        let size = def.field("festplattengroesse").expect("field");
        assert_eq!(choice_code(size, "TB_1").as_deref(), Some("TB_1"));
        assert_eq!(choice_code(size, "1 TB").as_deref(), Some("TB_1"));
        assert_eq!(choice_code(size, "tb_4").as_deref(), Some("TB_4"));
        let kk = products::definition(Product::Kk);
        let format = kk.field("optik_format").expect("field");
        assert_eq!(choice_code(format, "F1+F2").as_deref(), Some("F1_F2"));
        let count = kk.field("anzahl_optiken").expect("field");
        assert_eq!(
            choice_code(count, "2 Optiken").as_deref(),
            Some("Zwei_Optiken")
        );
        assert_eq!(choice_code(count, "drei"), None);
    }

    #[test]
    fn bad_rows_are_refused_with_a_reason() {
        let def = products::definition(Product::C2);
        let refused = |pairs: &[(&str, &str)]| convert(def, &row(pairs)).expect_err("refused").0;
        assert_eq!(refused(&[("serialnummer", "  ")]), "no serial number");
        assert_eq!(
            refused(&[
                ("serialnummer", &"X".repeat(65)),
                ("datum", "2025-01-01 00:00:00")
            ]),
            "value too long"
        );
        assert_eq!(refused(&[("serialnummer", "C2-1")]), "no readable date");
        assert_eq!(
            refused(&[
                ("serialnummer", "C2-1"),
                ("datum", "2025-01-01 00:00:00"),
                ("hdmi_ok", "vielleicht"),
            ]),
            "unreadable value"
        );
    }

    #[test]
    fn completed_units_keep_the_final_values_and_links_only() {
        let def = products::definition(Product::CPro);
        let unit = convert(
            def,
            &row(&[
                ("serialnummer", "CP-1"),
                ("datum", "2025-09-01 00:00:00"),
                ("festplattengroesse", "TB_1"),
                ("mac_adresse", "001a2b3c4d5e"),
                (
                    "artikel_bezeichnung",
                    "Steuerrechner 1TB fuer Rotoclear C Pro ",
                ),
                ("qr_code_automatiktest", "<svg></svg>"),
                ("hdmi_ok", "false"),
                ("pruefer_b", "Erika"),
            ]),
        )
        .expect("converts");
        assert!(unit.complete);
        assert_eq!(unit.values["mac_adresse"], json!("00:1A:2B:3C:4D:5E"));
        assert!(!unit.values.contains_key("qr_code_automatiktest"));
        assert_eq!(
            unit.artikel.as_ref().map(|(_, b)| b.as_str()),
            Some("Steuerrechner 1TB fuer Rotoclear C Pro")
        );
        let failed: Vec<_> = def
            .failed_checks(&unit.values)
            .iter()
            .map(|f| f.key.clone())
            .collect();
        assert_eq!(failed, ["hdmi_ok"]);
    }
}
