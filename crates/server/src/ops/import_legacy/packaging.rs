//! Accessory labels and outer cartons (packaging spec §2.1–2.3).
//!
//! Accessory labels are matched by delivery note (trimmed, without case, as ours are unique);
//! cartons, whose delivery note the original never made unique, by creation time and delivery note.

use std::collections::{BTreeMap, HashMap, HashSet};

use api_types::packaging::PackItem;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, DbErr, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set, TransactionTrait,
};
use serde_json::Value;

use super::report::Area;
use super::source::{Row, parse_timestamp};
use super::{ACTOR, settle};
use crate::entities::{article, inspection, outer_carton, outer_carton_entry, zubehoer_label};
use crate::packaging::zubehoer::lieferschein_key;

pub const ZUBEHOER_COLUMNS: &[&str] = &[
    "created_at",
    "serialnummer",
    "lieferscheinnummer",
    "entries",
];
pub const CARTON_COLUMNS: &[&str] = &["createdAt", "lieferscheinNumber"];
pub const ENTRY_COLUMNS: &[&str] = &[
    "outerKartonId",
    "artikelnummer",
    "artikelbezeichnung",
    "menge",
    "serialnummer",
];

const LIEFERSCHEIN_MAX: usize = 100;
const NUMBER_MAX: usize = 40;
const DESCRIPTION_MAX: usize = 200;
const SERIAL_MAX: usize = 64;

/// What the original stored for unreadable scans (packaging spec §6.4, §10 item 10).
const PLACEHOLDERS: [&str; 4] = [
    "UNKNOWN",
    "ZUBEHOER_LOOKUP",
    "HALTERUNG_UNKNOWN",
    "HALTERUNG_MULTI_UNKNOWN",
];

type Refusal = (&'static str, String);

fn longer(value: &str, max: usize) -> bool {
    value.chars().count() > max
}

/// Text of a JSON line field: strings trimmed, numbers as written.
fn json_text(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn quantity(text: &str) -> Option<u32> {
    text.trim().parse::<u32>().ok().filter(|n| *n >= 1)
}

/// One article line: number, description, quantity of at least 1, optional serial.
fn line(
    index: usize,
    number: Option<String>,
    description: Option<String>,
    menge: Option<String>,
    serial: Option<String>,
) -> Result<PackItem, Refusal> {
    let at = |what: &str| format!("line {}: {what}", index + 1);
    let number = number.ok_or(("unreadable article lines", at("no article number")))?;
    let menge_text = menge.unwrap_or_default();
    let menge = quantity(&menge_text).ok_or((
        "unreadable article lines",
        at(&format!(
            "quantity \"{menge_text}\" is not a whole number of at least 1"
        )),
    ))?;
    let description = description.unwrap_or_default();
    for (what, value, max) in [
        ("article number", number.as_str(), NUMBER_MAX),
        ("description", description.as_str(), DESCRIPTION_MAX),
        (
            "serial number",
            serial.as_deref().unwrap_or_default(),
            SERIAL_MAX,
        ),
    ] {
        if longer(value, max) {
            return Err((
                "value too long",
                at(&format!("{what}: more than {max} characters")),
            ));
        }
    }
    Ok(PackItem {
        artikelnummer: number,
        artikelbezeichnung: description,
        menge,
        serialnummer: serial,
    })
}

/// The lines of an accessory label from the original's `entries` JSON (stored verbatim from the
/// browser), ordered by article number as ours are.
pub fn zubehoer_entries(json: &str) -> Result<Vec<PackItem>, Refusal> {
    let parsed: Value = serde_json::from_str(json)
        .map_err(|e| ("unreadable article lines", format!("not JSON: {e}")))?;
    let Value::Array(lines) = parsed else {
        return Err(("unreadable article lines", "not a list".to_string()));
    };
    if lines.is_empty() {
        return Err(("no article lines", String::new()));
    }
    let mut items = Vec::with_capacity(lines.len());
    for (index, entry) in lines.iter().enumerate() {
        let Value::Object(entry) = entry else {
            return Err((
                "unreadable article lines",
                format!("line {}: not an object", index + 1),
            ));
        };
        items.push(line(
            index,
            json_text(entry.get("artikelnummer")),
            json_text(entry.get("artikelbezeichnung")),
            json_text(entry.get("menge")),
            json_text(entry.get("serialnummer")),
        )?);
    }
    items.sort_by(|a, b| {
        let numeric = |item: &PackItem| item.artikelnummer.parse::<u64>().ok();
        numeric(a)
            .cmp(&numeric(b))
            .then_with(|| a.artikelnummer.cmp(&b.artikelnummer))
    });
    Ok(items)
}

/// Imports the accessory labels.
pub async fn import_zubehoer(
    tx: &DatabaseTransaction,
    rows: &[Row],
    area: &mut Area,
) -> anyhow::Result<()> {
    let present: HashSet<String> = zubehoer_label::Entity::find()
        .select_only()
        .column(zubehoer_label::Column::LieferscheinKey)
        .into_tuple::<String>()
        .all(tx)
        .await?
        .into_iter()
        .collect();
    // The original checked uniqueness in the application only, with case (spec §10 item 9).
    let mut seen: HashMap<String, i64> = HashMap::new();
    for row in rows {
        let id = row.id();
        let Some(number) = row.text("lieferscheinnummer") else {
            area.skip(id, "", "no delivery note number", String::new());
            continue;
        };
        let key = lieferschein_key(number);
        if let Some(first) = seen.get(&key) {
            area.skip(
                id,
                number,
                "duplicate delivery note number",
                format!("same as #{first}, compared trimmed and without case"),
            );
            continue;
        }
        seen.insert(key.clone(), id);
        if present.contains(&key) {
            area.present += 1;
            continue;
        }
        let converted = (|| {
            if longer(number, LIEFERSCHEIN_MAX) {
                return Err((
                    "value too long",
                    format!("lieferscheinnummer: more than {LIEFERSCHEIN_MAX} characters"),
                ));
            }
            let items = zubehoer_entries(row.raw("entries").unwrap_or("null"))?;
            let created_at = created(row, "created_at")?;
            Ok((items, created_at))
        })();
        let (items, created_at) = match converted {
            Ok(converted) => converted,
            Err((reason, detail)) => {
                area.skip(id, number, reason, detail);
                continue;
            }
        };
        let serial = row
            .text("serialnummer")
            .map(str::to_string)
            .or_else(|| items.iter().find_map(|i| i.serialnummer.clone()))
            .filter(|s| !longer(s, SERIAL_MAX));
        let model = zubehoer_label::ActiveModel {
            lieferscheinnummer: Set(number.to_string()),
            lieferschein_key: Set(key),
            serialnummer: Set(serial),
            entries: Set(serde_json::to_string(&items)?),
            created_by: Set(ACTOR.to_string()),
            created_by_id: Set(None),
            created_at: Set(created_at),
            ..Default::default()
        };
        let savepoint = tx.begin().await?;
        let inserted = model.insert(&savepoint).await;
        match settle(savepoint, inserted).await? {
            Ok(_) => area.imported += 1,
            Err(error) => area.skip(id, number, "rejected by the database", error),
        }
    }
    Ok(())
}

fn created(row: &Row, column: &str) -> Result<DateTime<Utc>, Refusal> {
    row.text(column).and_then(parse_timestamp).ok_or((
        "no readable creation time",
        format!("{column}: {:?}", row.raw(column)),
    ))
}

/// Creation times compare to the millisecond (the original's `timestamp(3)`).
fn millis(at: DateTime<Utc>) -> i64 {
    at.timestamp_millis()
}

/// Imports the outer cartons with their lines. A line with a unit's serial is linked to the unit
/// when the unit is in no other carton (ours allow one carton per unit; the original's retries
/// made duplicates, spec §10 item 7).
pub async fn import_cartons(
    tx: &DatabaseTransaction,
    cartons: &[Row],
    entries: &[Row],
    area: &mut Area,
) -> anyhow::Result<()> {
    let present: HashSet<(i64, Option<String>)> = outer_carton::Entity::find()
        .all(tx)
        .await?
        .into_iter()
        .map(|c| (millis(c.created_at), c.lieferschein_number))
        .collect();
    let catalogue: HashSet<String> = article::Entity::find()
        .select_only()
        .column(article::Column::Artikelnummer)
        .into_tuple::<String>()
        .all(tx)
        .await?
        .into_iter()
        .collect();
    let mut units: HashMap<String, i64> = HashMap::new();
    for (id, serial) in inspection::Entity::find()
        .select_only()
        .column(inspection::Column::Id)
        .column(inspection::Column::Serialnummer)
        .order_by_asc(inspection::Column::Id)
        .into_tuple::<(i64, String)>()
        .all(tx)
        .await?
    {
        units.entry(serial).or_insert(id);
    }
    let mut packed: HashSet<i64> = outer_carton_entry::Entity::find()
        .select_only()
        .column(outer_carton_entry::Column::InspectionId)
        .filter(outer_carton_entry::Column::InspectionId.is_not_null())
        .into_tuple::<Option<i64>>()
        .all(tx)
        .await?
        .into_iter()
        .flatten()
        .collect();
    let mut lines_of: BTreeMap<i64, Vec<&Row>> = BTreeMap::new();
    for entry in entries {
        if let Some(carton) = entry.text("outerKartonId").and_then(|c| c.parse().ok()) {
            lines_of.entry(carton).or_default().push(entry);
        }
    }

    let mut seen: HashMap<(i64, Option<String>), i64> = HashMap::new();
    for row in cartons {
        let id = row.id();
        let number = row.text("lieferscheinNumber").map(str::to_string);
        let shown = number.clone().unwrap_or_default();
        let created_at = match created(row, "createdAt") {
            Ok(at) => at,
            Err((reason, detail)) => {
                area.skip(id, &shown, reason, detail);
                continue;
            }
        };
        let key = (millis(created_at), number.clone());
        if let Some(first) = seen.get(&key) {
            area.skip(
                id,
                &shown,
                "duplicate carton",
                format!("same creation time and delivery note as #{first}"),
            );
            continue;
        }
        seen.insert(key.clone(), id);
        if present.contains(&key) {
            area.present += 1;
            continue;
        }
        let lines = lines_of.get(&id).map(Vec::as_slice).unwrap_or_default();
        let items = match carton_lines(number.as_deref(), lines) {
            Ok(items) => items,
            Err((reason, detail)) => {
                area.skip(id, &shown, reason, detail);
                continue;
            }
        };
        let mut notes = Vec::new();
        let mut linked = Vec::with_capacity(items.len());
        for item in &items {
            if PLACEHOLDERS.contains(&item.artikelnummer.as_str()) {
                notes.push("line is a placeholder of an unreadable scan; kept as recorded");
            }
            let unit = item
                .serialnummer
                .as_ref()
                .filter(|_| !catalogue.contains(&item.artikelnummer))
                .and_then(|serial| units.get(serial).copied());
            let unit = match unit {
                Some(unit) if packed.contains(&unit) => {
                    notes.push("unit already packed in another carton; line kept without link");
                    None
                }
                other => other,
            };
            linked.push(unit);
        }
        let savepoint = tx.begin().await?;
        let written = write_carton(&savepoint, number, created_at, &items, &linked).await;
        match settle(savepoint, written).await? {
            Ok(()) => {
                area.imported += 1;
                packed.extend(linked.into_iter().flatten());
                for note in notes {
                    area.note(note);
                }
            }
            Err(error) => area.skip(id, &shown, "rejected by the database", error),
        }
    }
    Ok(())
}

fn carton_lines(number: Option<&str>, lines: &[&Row]) -> Result<Vec<PackItem>, Refusal> {
    if number.is_some_and(|n| longer(n, LIEFERSCHEIN_MAX)) {
        return Err((
            "value too long",
            format!("lieferscheinNumber: more than {LIEFERSCHEIN_MAX} characters"),
        ));
    }
    if lines.is_empty() {
        return Err(("carton without lines", String::new()));
    }
    lines
        .iter()
        .enumerate()
        .map(|(index, entry)| {
            let text = |column: &str| entry.text(column).map(str::to_string);
            line(
                index,
                text("artikelnummer"),
                text("artikelbezeichnung"),
                text("menge"),
                text("serialnummer"),
            )
        })
        .collect()
}

async fn write_carton(
    tx: &DatabaseTransaction,
    number: Option<String>,
    created_at: DateTime<Utc>,
    items: &[PackItem],
    units: &[Option<i64>],
) -> Result<(), DbErr> {
    let carton = outer_carton::ActiveModel {
        lieferschein_number: Set(number),
        created_by: Set(ACTOR.to_string()),
        created_by_id: Set(None),
        created_at: Set(created_at),
        updated_at: Set(created_at),
        updated_by: Set(None),
        version: Set(1),
        ..Default::default()
    }
    .insert(tx)
    .await?;
    for (position, (item, unit)) in items.iter().zip(units).enumerate() {
        outer_carton_entry::ActiveModel {
            outer_karton_id: Set(carton.id),
            position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
            artikelnummer: Set(item.artikelnummer.clone()),
            artikelbezeichnung: Set(item.artikelbezeichnung.clone()),
            menge: Set(i32::try_from(item.menge).unwrap_or(i32::MAX)),
            serialnummer: Set(item.serialnummer.clone()),
            inspection_id: Set(*unit),
            override_reason: Set(None),
            override_by: Set(None),
            ..Default::default()
        }
        .insert(tx)
        .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accessory_lines_are_read_loosely_and_ordered_by_article_number() {
        let items = zubehoer_entries(
            r#"[{"artikelnummer":"10370","artikelbezeichnung":"Rotoclear C-Extender","menge":1,"serialnummer":" CX-1 "},
                {"artikelnummer":10035,"artikelbezeichnung":"Datenkabel","menge":"3"}]"#,
        )
        .expect("readable");
        assert_eq!(items[0].artikelnummer, "10035");
        assert_eq!(items[0].menge, 3);
        assert_eq!(items[1].serialnummer.as_deref(), Some("CX-1"));
    }

    #[test]
    fn unreadable_accessory_lines_are_refused() {
        let reason = |json: &str| zubehoer_entries(json).expect_err("refused");
        assert_eq!(reason("{\"a\":1}").1, "not a list");
        assert_eq!(reason("[]").0, "no article lines");
        assert_eq!(
            reason(r#"[{"artikelnummer":"1","menge":0}]"#).1,
            "line 1: quantity \"0\" is not a whole number of at least 1"
        );
        assert_eq!(reason("[1]").1, "line 1: not an object");
        assert!(reason("nicht json").1.starts_with("not JSON"));
    }
}
