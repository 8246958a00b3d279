//! Article lines sent by clients, checked before anything is stored. Errors are reported per line
//! as `<list>[<index>].<field>` with the index of the line in the request.

use std::collections::{HashMap, HashSet};

use api_types::packaging::{ArticleCategory, PackItem, PackItemInput};

use crate::entities::article;
use crate::validation::Validator;

/// Quantity of one catalogue line on an accessory or mount label.
pub const MENGE_MAX_LABEL: i64 = 99;
/// Quantity of one carton line.
pub const MENGE_MAX_CARTON: i64 = 999;
/// Lines of one carton.
pub const CARTON_LINES_MAX: usize = 500;
const SERIAL_MAX: usize = 64;
const NUMBER_MAX: usize = 40;
const DESCRIPTION_MAX: usize = 200;

/// What the original stored for unreadable scans (packaging spec §6.4); never a real article.
const PLACEHOLDERS: [&str; 4] = [
    "UNKNOWN",
    "ZUBEHOER_LOOKUP",
    "HALTERUNG_UNKNOWN",
    "HALTERUNG_MULTI_UNKNOWN",
];

fn menge(v: &mut Validator, field: &str, value: Option<i64>, max: i64) -> u32 {
    let value = value.unwrap_or(1);
    if !(1..=max).contains(&value) {
        v.add(field, format!("Menge muss zwischen 1 und {max} liegen"));
    }
    u32::try_from(value.clamp(1, max)).unwrap_or(1)
}

/// The lines of an accessory or mount label: active catalogue articles of `category`, each once,
/// quantity 1–99, a serial only where the article has one. The description is the catalogue's.
pub fn catalogue_items(
    v: &mut Validator,
    items: Option<&[PackItemInput]>,
    catalogue: &HashMap<String, article::Model>,
    category: ArticleCategory,
) -> Vec<PackItem> {
    let items = items.unwrap_or_default();
    if items.is_empty() {
        v.add("items", "Mindestens einen Artikel wählen");
        return Vec::new();
    }
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let field = |name: &str| format!("items[{i}].{name}");
        let number = item.artikelnummer.as_deref().map(str::trim).unwrap_or("");
        let menge = menge(v, &field("menge"), item.menge, MENGE_MAX_LABEL);
        let Some(article) = catalogue.get(number) else {
            let message = if number.is_empty() {
                "Artikelnummer ist erforderlich".to_string()
            } else {
                format!("Artikel {number} ist nicht im Katalog")
            };
            v.add(&field("artikelnummer"), message);
            continue;
        };
        if article.category != category.as_str() {
            let message = match category {
                ArticleCategory::Zubehoer => format!("Artikel {number} ist kein Zubehör"),
                ArticleCategory::Halterung => format!("Artikel {number} ist keine Halterung"),
            };
            v.add(&field("artikelnummer"), message);
            continue;
        }
        if !article.active {
            v.add(
                &field("artikelnummer"),
                format!("Artikel {number} ist deaktiviert"),
            );
        }
        if !seen.insert(number.to_string()) {
            v.add(
                &field("artikelnummer"),
                format!("Artikel {number} ist doppelt: Menge erhöhen statt zweimal wählen"),
            );
        }
        let serial = v.text(
            &field("serialnummer"),
            item.serialnummer.as_deref(),
            false,
            SERIAL_MAX,
            "Seriennummer",
        );
        if serial.is_some() && !article.has_serial {
            v.add(
                &field("serialnummer"),
                format!("Artikel {number} hat keine Seriennummer"),
            );
        }
        out.push(PackItem {
            artikelnummer: article.artikelnummer.clone(),
            artikelbezeichnung: article.artikelbezeichnung.clone(),
            menge,
            serialnummer: serial.filter(|_| article.has_serial),
        });
    }
    out
}

/// The lines of a carton, in packing order: any article (catalogue lines take the catalogue's
/// description when none is given), quantity 1–999, no placeholder of an unreadable scan, each
/// serial once.
pub fn carton_entries(
    v: &mut Validator,
    entries: Option<&[PackItemInput]>,
    catalogue: &HashMap<String, article::Model>,
) -> Vec<PackItem> {
    let entries = entries.unwrap_or_default();
    if entries.is_empty() {
        v.add("entries", "Der Karton braucht mindestens einen Eintrag");
        return Vec::new();
    }
    if entries.len() > CARTON_LINES_MAX {
        v.add(
            "entries",
            format!("Höchstens {CARTON_LINES_MAX} Einträge je Karton"),
        );
        return Vec::new();
    }
    let mut serials = HashMap::new();
    let mut out = Vec::with_capacity(entries.len());
    for (i, entry) in entries.iter().enumerate() {
        let field = |name: &str| format!("entries[{i}].{name}");
        let number = v
            .text(
                &field("artikelnummer"),
                entry.artikelnummer.as_deref(),
                true,
                NUMBER_MAX,
                "Artikelnummer",
            )
            .unwrap_or_default();
        if PLACEHOLDERS.contains(&number.as_str()) {
            v.add(
                &field("artikelnummer"),
                "Platzhalter eines unlesbaren Scans: das Etikett bitte erneut scannen",
            );
        }
        let given = entry
            .artikelbezeichnung
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty());
        let description = given
            .map(str::to_string)
            .or_else(|| catalogue.get(&number).map(|a| a.artikelbezeichnung.clone()));
        let description = v
            .text(
                &field("artikelbezeichnung"),
                description.as_deref(),
                true,
                DESCRIPTION_MAX,
                "Artikelbezeichnung",
            )
            .unwrap_or_default();
        let menge = menge(v, &field("menge"), entry.menge, MENGE_MAX_CARTON);
        let serial = v.text(
            &field("serialnummer"),
            entry.serialnummer.as_deref(),
            false,
            SERIAL_MAX,
            "Seriennummer",
        );
        if let Some(serial) = &serial
            && let Some(first) = serials.insert(serial.clone(), i)
        {
            v.add(
                &field("serialnummer"),
                format!("Seriennummer {serial} steht schon in Zeile {}", first + 1),
            );
        }
        out.push(PackItem {
            artikelnummer: number,
            artikelbezeichnung: description,
            menge,
            serialnummer: serial,
        });
    }
    out
}
