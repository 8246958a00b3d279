//! Packaging labels: Zubehör (accessories), Halterung (mounts) and the Outer-Karton (outer carton).
//!
//! The models are parsed from caller input once ([`ZubehoerLabel::new`], …) and then render to the
//! QR payload of packaging spec §6 ([`ZubehoerLabel::qr_payload`], …) and to ZPL (§7,
//! [`layout`]). Payloads are the integration contract with the Outer-Karton scan page
//! ([`crate::scan`]), so they are byte-exact: keys, separators, trailing spaces and LF line ends.
//! Unlike the product labels, packaging payloads carry their text as typed (UTF-8, no ASCII rule).

pub mod layout;

use std::cmp::Ordering;
use std::fmt;

/// One article line of a packaging label (also one Outer-Karton entry).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    pub artikelnummer: String,
    pub artikelbezeichnung: String,
    pub menge: u32,
    /// Only carried by Outer-Karton entries and the Zubehör C-Extender line; never printed, and only
    /// the Outer-Karton QR shows it.
    pub serialnummer: Option<String>,
}

impl Article {
    pub fn new(
        artikelnummer: impl Into<String>,
        artikelbezeichnung: impl Into<String>,
        menge: u32,
    ) -> Self {
        Self {
            artikelnummer: artikelnummer.into(),
            artikelbezeichnung: artikelbezeichnung.into(),
            menge,
            serialnummer: None,
        }
    }

    pub fn with_serial(mut self, serialnummer: impl Into<String>) -> Self {
        self.serialnummer = Some(serialnummer.into());
        self
    }

    /// `<artikelnummer> - <artikelbezeichnung> - <menge>`: the line shared by the Zubehör and
    /// Outer-Karton payloads.
    fn dash_line(&self) -> String {
        format!(
            "{} - {} - {}",
            self.artikelnummer, self.artikelbezeichnung, self.menge
        )
    }
}

/// Why label input was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PackagingError {
    /// No article line at all.
    NoItems,
    /// The Zubehör delivery-note number is missing or blank.
    MissingLieferscheinnummer,
    /// The packaging date is not a `DD-MM-YYYY` calendar date.
    InvalidDate(String),
}

impl PackagingError {
    /// The message shown to the user (German, as in the original UI where it had one).
    pub fn message_de(&self) -> String {
        match self {
            Self::NoItems => "Keine Artikel angegeben".to_owned(),
            Self::MissingLieferscheinnummer => "Lieferschein-Nummer ist erforderlich".to_owned(),
            Self::InvalidDate(input) => {
                format!("Ungültiges Datum \"{input}\" (erwartet TT-MM-JJJJ)")
            }
        }
    }
}

impl fmt::Display for PackagingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message_de())
    }
}

impl std::error::Error for PackagingError {}

/// The packaging date printed on Halterung labels and in their QR, `DD-MM-YYYY`.
///
/// The crate has no clock: the caller passes the server's local date (§5.6).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PackDate {
    day: u8,
    month: u8,
    year: u16,
}

impl PackDate {
    /// Parses `DD-MM-YYYY` (two-digit day and month, four-digit year, a real calendar day).
    pub fn parse(input: &str) -> Result<Self, PackagingError> {
        let invalid = || PackagingError::InvalidDate(input.to_owned());
        let bytes = input.as_bytes();
        let shape_ok = bytes.len() == 10
            && bytes[2] == b'-'
            && bytes[5] == b'-'
            && bytes
                .iter()
                .enumerate()
                .all(|(i, b)| i == 2 || i == 5 || b.is_ascii_digit());
        if !shape_ok {
            return Err(invalid());
        }
        let number =
            |range: std::ops::Range<usize>| input[range].parse::<u16>().map_err(|_| invalid());
        let (day, month, year) = (number(0..2)?, number(3..5)?, number(6..10)?);
        Self::from_dmy(day, month, year).ok_or_else(invalid)
    }

    /// A calendar date, `None` if the day does not exist.
    pub fn from_dmy(day: u16, month: u16, year: u16) -> Option<Self> {
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        ((1..=days_in_month).contains(&day) && year > 0).then_some(Self {
            day: day as u8,
            month: month as u8,
            year,
        })
    }
}

impl fmt::Display for PackDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}-{:02}-{:04}", self.day, self.month, self.year)
    }
}

/// Accessory label for one delivery note (§2.1, §6.1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZubehoerLabel {
    lieferscheinnummer: String,
    items: Vec<Article>,
}

impl ZubehoerLabel {
    /// Trims the delivery-note number and orders the items by article number (§3.3).
    pub fn new(lieferscheinnummer: &str, items: Vec<Article>) -> Result<Self, PackagingError> {
        let lieferscheinnummer = lieferscheinnummer.trim();
        if items.is_empty() {
            return Err(PackagingError::NoItems);
        }
        if lieferscheinnummer.is_empty() {
            return Err(PackagingError::MissingLieferscheinnummer);
        }
        Ok(Self {
            lieferscheinnummer: lieferscheinnummer.to_owned(),
            items: sorted_by_article_number(items),
        })
    }

    pub fn lieferscheinnummer(&self) -> &str {
        &self.lieferscheinnummer
    }

    pub fn items(&self) -> &[Article] {
        &self.items
    }

    /// §6.1: `ZUBEHOER: <nr> ` then one `<artikelnummer> - <artikelbezeichnung> - <menge>` line per
    /// item, LF-joined, no final LF; the C-Extender serial is not included.
    pub fn qr_payload(&self) -> String {
        let header = format!("ZUBEHOER: {} ", self.lieferscheinnummer);
        std::iter::once(header)
            .chain(self.items.iter().map(Article::dash_line))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Mount label (§2.4, §6.2); one item prints the single-item variant, more the table variant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HalterungLabel {
    datum: PackDate,
    items: Vec<Article>,
}

impl HalterungLabel {
    /// Orders the items by article number (§3.3).
    pub fn new(datum: PackDate, items: Vec<Article>) -> Result<Self, PackagingError> {
        if items.is_empty() {
            return Err(PackagingError::NoItems);
        }
        Ok(Self {
            datum,
            items: sorted_by_article_number(items),
        })
    }

    pub fn datum(&self) -> PackDate {
        self.datum
    }

    pub fn items(&self) -> &[Article] {
        &self.items
    }

    /// The single item when the label has exactly one.
    pub fn single_item(&self) -> Option<&Article> {
        match self.items.as_slice() {
            [only] => Some(only),
            _ => None,
        }
    }

    /// §6.2. One item: four `KEY: value ` lines, each ending in space + LF (`ART` = description,
    /// `ARTN` = number). More items: one line `HALTERUNG: <date> || ART:<nr>|BEZ:<desc>-HALTERUNG|M:<n> || …`
    /// with `|` in descriptions replaced by `/`, so it survives the scanner's newline stripping.
    pub fn qr_payload(&self) -> String {
        if let Some(item) = self.single_item() {
            return format!(
                "ART: {} \nARTN: {} \nMENGE: {} \nDAT: {} \n",
                item.artikelbezeichnung, item.artikelnummer, item.menge, self.datum
            );
        }
        let segments = self.items.iter().map(|item| {
            format!(
                "ART:{}|BEZ:{}-HALTERUNG|M:{}",
                item.artikelnummer,
                item.artikelbezeichnung.replace('|', "/"),
                item.menge
            )
        });
        std::iter::once(format!("HALTERUNG: {}", self.datum))
            .chain(segments)
            .collect::<Vec<_>>()
            .join(" || ")
    }
}

/// Table rows that fit on one label: the first row sits at y 682 with a 38-dot pitch and the label
/// ends at 1772 (§7.3), so row 28 would be cut off.
pub const ROWS_PER_LABEL: usize = 28;

/// The most QR payload bytes one label carries: a version-40 symbol at EC level M holds 2331 bytes
/// in byte mode (§6).
pub const QR_MAX_BYTES: usize = 2331;

/// Outer carton (§2.2, §2.3, §6.3): entries in saved (id) order, never re-sorted or aggregated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OuterKartonLabel {
    entries: Vec<Article>,
}

impl OuterKartonLabel {
    pub fn new(entries: Vec<Article>) -> Result<Self, PackagingError> {
        if entries.is_empty() {
            return Err(PackagingError::NoItems);
        }
        Ok(Self { entries })
    }

    pub fn entries(&self) -> &[Article] {
        &self.entries
    }

    /// §6.3: one `<artikelnummer> - <artikelbezeichnung> - <menge>[ (<serial>)]` line per entry,
    /// LF-joined, no header, no final LF; the serial suffix only for a non-empty serial.
    pub fn qr_payload(&self) -> String {
        self.entries
            .iter()
            .map(Self::qr_line)
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn qr_line(entry: &Article) -> String {
        match entry.serialnummer.as_deref() {
            Some(serial) if !serial.is_empty() => format!("{} ({serial})", entry.dash_line()),
            _ => entry.dash_line(),
        }
    }

    /// The carton split into labels that each fit: at most [`ROWS_PER_LABEL`] rows and a QR payload
    /// of at most [`QR_MAX_BYTES`] bytes. A carton that fits gives itself (one label, as the
    /// original printed it); a larger one gives consecutive parts in carton order, each label
    /// listing and encoding its own lines, so scanning every label of the carton yields every line
    /// once (the original cut rows off and failed on long payloads, §10 quirks 29 and 30).
    pub fn sheets(&self) -> Vec<OuterKartonLabel> {
        let mut sheets = Vec::new();
        let mut current: Vec<Article> = Vec::new();
        let mut bytes = 0;
        for entry in &self.entries {
            let line = Self::qr_line(entry).len();
            let with_line = if current.is_empty() {
                line
            } else {
                bytes + 1 + line
            };
            if !current.is_empty() && (current.len() == ROWS_PER_LABEL || with_line > QR_MAX_BYTES)
            {
                sheets.push(OuterKartonLabel {
                    entries: std::mem::take(&mut current),
                });
                bytes = line;
            } else {
                bytes = with_line;
            }
            current.push(entry.clone());
        }
        sheets.push(OuterKartonLabel { entries: current });
        sheets
    }
}

/// The original collected items in a JavaScript object keyed by article number, whose iteration
/// order puts integer-like keys first in ascending numeric order, then other keys in insertion
/// order (§3.3). A stable sort with that key reproduces it without dropping duplicates.
fn sorted_by_article_number(mut items: Vec<Article>) -> Vec<Article> {
    items.sort_by(|a, b| compare_js_keys(&a.artikelnummer, &b.artikelnummer));
    items
}

fn compare_js_keys(a: &str, b: &str) -> Ordering {
    match (js_array_index(a), js_array_index(b)) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// A canonical array index in JavaScript terms: `0` or digits without a leading zero, below 2³²−1.
fn js_array_index(key: &str) -> Option<u32> {
    let canonical = key == "0"
        || (!key.starts_with('0') && !key.is_empty() && key.bytes().all(|b| b.is_ascii_digit()));
    if !canonical {
        return None;
    }
    key.parse::<u32>().ok().filter(|&n| n != u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn js_key_order_puts_numbers_first_then_keeps_insertion_order() {
        let keys = ["b", "10413", "a", "0", "10035", "007", "4294967295"];
        let items = keys.iter().map(|k| Article::new(*k, "x", 1)).collect();
        let sorted: Vec<_> = sorted_by_article_number(items)
            .into_iter()
            .map(|a| a.artikelnummer)
            .collect();
        assert_eq!(
            sorted,
            ["0", "10035", "10413", "b", "a", "007", "4294967295"]
        );
    }

    #[test]
    fn dates_must_exist() {
        assert_eq!(
            PackDate::parse("29-02-2024").map(|d| d.to_string()),
            Ok("29-02-2024".to_owned())
        );
        assert!(PackDate::parse("29-02-2025").is_err());
        assert!(PackDate::parse("5-9-2025").is_err());
        assert!(PackDate::parse("2025-09-05").is_err());
    }
}
