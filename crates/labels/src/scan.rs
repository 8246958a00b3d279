//! Parser for the QR texts scanned on the Outer-Karton page (packaging spec §6.4).
//!
//! A keyboard-wedge scanner types the QR text into a single-line input, so line breaks normally
//! arrive stripped; every format the system prints puts a space before each line break so the
//! fields stay separable. [`parse_scan`] accepts every payload this crate writes (with or without
//! line breaks) plus the legacy formats §6.4 lists, in the rule order of §6.4, and answers
//! anything else with a [`ScanError`] instead of the original's placeholder entries.
//!
//! Deliberate differences to the original parser (§10 quirks 10 and 12):
//! * the Zubehör delivery-note number is the whole first token (`LS-4711`, `2024-001`), not just
//!   its leading digits, so a lookup can no longer resolve a different delivery note;
//! * Outer-Karton payloads (§6.3) are recognised; glued lines that cannot be split unambiguously
//!   are refused.

use std::fmt;

use crate::packaging::Article;

/// What one scanned text stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScanResult {
    /// Complete article lines, ready for the carton.
    Entries {
        format: ScanFormat,
        entries: Vec<Article>,
    },
    /// A Zubehör label: its lines come from the stored record with this delivery-note number.
    ZubehoerLookup { lieferscheinnummer: String },
    /// A product label without article number: look the serial up in the product tables.
    SerialLookup {
        serialnummer: String,
        artikelbezeichnung: String,
    },
}

/// Which printed format produced [`ScanResult::Entries`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScanFormat {
    /// Zubehör QR with its line breaks intact (§6.1).
    Zubehoer,
    /// Halterung with several items (§6.2), compact or legacy form.
    HalterungMulti,
    /// Halterung with one item (§6.2); several concatenated scans give several entries.
    HalterungSingle,
    /// Product label (products spec §5.6).
    Product,
    /// Outer-Karton QR (§6.3).
    OuterKarton,
    /// Legacy `Artikelnummer:` / `Artikelbezeichnung:` / `Seriennummer:` lines.
    LegacyKeyValue,
}

/// Why a scanned text could not be turned into carton entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScanError {
    /// Nothing but whitespace.
    Empty,
    /// A Zubehör label (or legacy `Lieferschein:` text) without a delivery-note number.
    ZubehoerOhneLieferschein,
    /// `HALTERUNG: ` header, but no readable item.
    HalterungMulti,
    /// Single-item Halterung keys present, but an item is incomplete.
    HalterungSingle,
    /// Product label keys present, but neither article number nor serial number.
    ProductOhneSeriennummer,
    /// Outer-Karton lines glued together by the scanner; the split would be a guess.
    OuterKartonOhneZeilenumbruch,
    /// No known format.
    Unrecognized,
}

impl ScanError {
    /// The message shown to the user.
    pub fn message_de(self) -> &'static str {
        match self {
            Self::Empty => "Der gescannte Text ist leer.",
            Self::ZubehoerOhneLieferschein => "Zubehör-Etikett ohne lesbare Lieferschein-Nummer.",
            Self::HalterungMulti => {
                "Halterung-Etikett (mehrere Artikel) konnte nicht gelesen werden."
            }
            Self::HalterungSingle => "Halterung-Etikett konnte nicht gelesen werden.",
            Self::ProductOhneSeriennummer => {
                "Produkt-Etikett ohne Seriennummer und ohne Artikelnummer."
            }
            Self::OuterKartonOhneZeilenumbruch => {
                "Außenkarton-Etikett ohne Zeilenumbrüche gescannt; die Zeilen sind nicht eindeutig trennbar."
            }
            Self::Unrecognized => "Unbekanntes QR-Format.",
        }
    }

    /// The entry the original stored in place of an unreadable scan (§6.4), for byte-compatible
    /// data migration or reports; new code should show [`Self::message_de`] instead.
    pub fn original_placeholder(self) -> Article {
        let (nummer, bezeichnung) = match self {
            Self::ZubehoerOhneLieferschein => ("UNKNOWN", "Zubehör Etikett (Parsing Error)"),
            Self::HalterungMulti => (
                "HALTERUNG_MULTI_UNKNOWN",
                "Halterung Multi-Etikett (Parsing Error)",
            ),
            Self::HalterungSingle => ("HALTERUNG_UNKNOWN", "Halterung Etikett (Parsing Error)"),
            Self::Empty
            | Self::ProductOhneSeriennummer
            | Self::OuterKartonOhneZeilenumbruch
            | Self::Unrecognized => ("UNKNOWN", "Unknown Item"),
        };
        Article::new(nummer, bezeichnung, 1)
    }
}

impl fmt::Display for ScanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message_de())
    }
}

impl std::error::Error for ScanError {}

/// Parses one scanned QR text (§6.4), rules tried in the spec's order.
pub fn parse_scan(text: &str) -> Result<ScanResult, ScanError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(ScanError::Empty);
    }
    let lines: Vec<&str> = text
        .split('\n')
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect();

    if text.contains("ZUBEHOER:") {
        return parse_zubehoer(text, &lines);
    }
    if let Some(line) = lines.iter().find(|line| line.starts_with("Lieferschein:")) {
        return zubehoer_lookup(first_token(&line["Lieferschein:".len()..]));
    }
    if text.contains("HALTERUNG: ") {
        return parse_halterung_multi(text);
    }
    let halterung_single_keys = ["ART: ", "ARTN: ", "DAT: ", "MENGE: "]
        .iter()
        .all(|key| text.contains(key))
        && !["SN: ", "ZUBEHOER:", "HALTERUNG:"]
            .iter()
            .any(|key| text.contains(key));
    if halterung_single_keys {
        return parse_halterung_single(text);
    }
    if text.contains("SN: ") && text.contains("ART: ") {
        return parse_product(text);
    }
    if let Some(result) = parse_outer_karton(&lines) {
        return result;
    }
    parse_legacy_key_value(text, &lines)
}

/// R1. With line breaks the article lines are read directly; a newline-stripped scan is resolved
/// through the stored record.
fn parse_zubehoer(text: &str, lines: &[&str]) -> Result<ScanResult, ScanError> {
    if lines.len() > 1 {
        let entries: Vec<Article> = lines
            .iter()
            .filter(|line| !line.starts_with("ZUBEHOER:"))
            .filter_map(|line| dash_line(line))
            .collect();
        if !entries.is_empty() {
            return Ok(ScanResult::Entries {
                format: ScanFormat::Zubehoer,
                entries,
            });
        }
    }
    let after_key = text.split_once("ZUBEHOER:").map_or("", |(_, rest)| rest);
    zubehoer_lookup(first_token(after_key))
}

fn zubehoer_lookup(lieferscheinnummer: &str) -> Result<ScanResult, ScanError> {
    if lieferscheinnummer.is_empty() {
        return Err(ScanError::ZubehoerOhneLieferschein);
    }
    Ok(ScanResult::ZubehoerLookup {
        lieferscheinnummer: lieferscheinnummer.to_owned(),
    })
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—')
}

/// `^(.+?)\s*[-–—]\s*(.+?)\s*[-–—]\s*(\d+)$`: a Zubehör article line (R1.2).
fn dash_line(line: &str) -> Option<Article> {
    let (rest, menge) = split_trailing_number(line)?;
    let rest = rest.trim_end();
    let last_dash = rest.chars().next_back().filter(|&c| is_dash(c))?;
    let body = &rest[..rest.len() - last_dash.len_utf8()];
    body.char_indices()
        .filter(|&(_, c)| is_dash(c))
        .find_map(|(at, c)| {
            let nummer = body[..at].trim_end();
            let bezeichnung = body[at + c.len_utf8()..].trim();
            (!nummer.is_empty() && !bezeichnung.is_empty())
                .then(|| Article::new(nummer, bezeichnung, menge))
        })
}

/// Splits a trailing run of ASCII digits off `text`.
fn split_trailing_number(text: &str) -> Option<(&str, u32)> {
    let digits = text.bytes().rev().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let (rest, number) = text.split_at(text.len() - digits);
    Some((rest, number.parse().ok()?))
}

/// Splits a leading run of ASCII digits off `text`.
fn split_leading_number(text: &str) -> Option<(u32, &str)> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let (number, rest) = text.split_at(digits);
    Some((number.parse().ok()?, rest))
}

/// The first whitespace-free run of `text` (empty if none).
fn first_token(text: &str) -> &str {
    text.split_whitespace().next().unwrap_or("")
}

/// R3: the compact one-line form of §6.2, else the legacy `<nr> - <desc> - <menge>` form.
fn parse_halterung_multi(text: &str) -> Result<ScanResult, ScanError> {
    let compact = text.contains("||") && text.contains("ART:") && text.contains("|BEZ:");
    let entries: Vec<Article> = if compact {
        text.split("||")
            .map(str::trim)
            .filter(|segment| segment.starts_with("ART:"))
            .filter_map(compact_segment)
            .collect()
    } else {
        Vec::new()
    };
    let entries = if entries.is_empty() {
        legacy_halterung_entries(text)
    } else {
        entries
    };
    if entries.is_empty() {
        return Err(ScanError::HalterungMulti);
    }
    Ok(ScanResult::Entries {
        format: ScanFormat::HalterungMulti,
        entries,
    })
}

/// `ART:<nr>|BEZ:<desc>-HALTERUNG|M:<menge>`.
fn compact_segment(segment: &str) -> Option<Article> {
    let nummer = segment["ART:".len()..].split('|').next()?.trim();
    let (_, after_bez) = segment.split_once("|BEZ:")?;
    let (raw_bezeichnung, after) = after_bez.split_once('|').unwrap_or((after_bez, ""));
    if !(after.is_empty() || after.starts_with("M:")) {
        return None;
    }
    let bezeichnung = raw_bezeichnung.replace("-HALTERUNG", "");
    let (_, after_m) = segment.split_once("|M:")?;
    let (menge, _) = split_leading_number(after_m)?;
    let bezeichnung = bezeichnung.trim();
    (!nummer.is_empty() && !bezeichnung.is_empty())
        .then(|| Article::new(nummer, bezeichnung, menge))
}

/// Legacy multi-Halterung text: `HALTERUNG: DD-MM-YYYY <nr> - <desc> - <menge> <nr> - …` with
/// numbers of at least four digits and descriptions without hyphens.
fn legacy_halterung_entries(text: &str) -> Vec<Article> {
    let mut rest = strip_dated_header(text);
    let mut entries = Vec::new();
    while !rest.is_empty() {
        match legacy_halterung_item(rest) {
            Some((article, tail)) => {
                entries.push(article);
                rest = tail;
            }
            None => {
                let mut chars = rest.chars();
                chars.next();
                rest = chars.as_str();
            }
        }
    }
    entries
}

/// Removes `^\D*\d{2}-\d{2}-\d{4}\s*`, if present.
fn strip_dated_header(text: &str) -> &str {
    let digits_at = text
        .find(|c: char| c.is_ascii_digit())
        .unwrap_or(text.len());
    let date = &text.as_bytes()[digits_at..];
    let is_date = date.len() >= 10
        && date[..10].iter().enumerate().all(|(i, b)| {
            if i == 2 || i == 5 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if is_date {
        text[digits_at + 10..].trim_start()
    } else {
        text
    }
}

/// `(\d{4,})\s*-\s*([^\-]+?)\s*-\s*(\d+)` followed by `\s+\d{4,}\s*-` or the end.
fn legacy_halterung_item(text: &str) -> Option<(Article, &str)> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if digits < 4 {
        return None;
    }
    let nummer = &text[..digits];
    let rest = text[digits..].trim_start().strip_prefix('-')?;
    let dash = rest.find('-')?;
    let bezeichnung = rest[..dash].trim();
    if bezeichnung.is_empty() {
        return None;
    }
    let (menge, tail) = split_leading_number(rest[dash + 1..].trim_start())?;
    let next_starts_item = {
        let next = tail.trim_start();
        let next_digits = next.bytes().take_while(u8::is_ascii_digit).count();
        next.len() < tail.len()
            && next_digits >= 4
            && next[next_digits..].trim_start().starts_with('-')
    };
    (tail.is_empty() || next_starts_item)
        .then(|| (Article::new(nummer, bezeichnung, menge), tail.trim_start()))
}

/// R4: one or more `ART: <desc> ARTN: <nr> MENGE: <n> DAT: <date>` records (several when scans
/// were concatenated).
fn parse_halterung_single(text: &str) -> Result<ScanResult, ScanError> {
    let starts: Vec<usize> = text.match_indices("ART:").map(|(at, _)| at).collect();
    let records = starts
        .iter()
        .enumerate()
        .map(|(i, &start)| &text[start..starts.get(i + 1).copied().unwrap_or(text.len())]);
    let entries = records
        .map(halterung_single_record)
        .collect::<Option<Vec<_>>>()
        .ok_or(ScanError::HalterungSingle)?;
    if entries.is_empty() {
        return Err(ScanError::HalterungSingle);
    }
    Ok(ScanResult::Entries {
        format: ScanFormat::HalterungSingle,
        entries,
    })
}

fn halterung_single_record(record: &str) -> Option<Article> {
    let (bezeichnung, after) = split_before_key(&record["ART:".len()..], "ARTN:")?;
    let (nummer, after) = split_before_key(after, "MENGE:")?;
    let (menge, _) = split_leading_number(after.trim_start())?;
    let (bezeichnung, nummer) = (bezeichnung.trim(), nummer.trim());
    (!bezeichnung.is_empty() && !nummer.is_empty())
        .then(|| Article::new(nummer, bezeichnung, menge))
}

/// Splits `text` at the first `key` that follows whitespace: (text before, text after the key).
fn split_before_key<'a>(text: &'a str, key: &str) -> Option<(&'a str, &'a str)> {
    text.match_indices(key)
        .find(|&(at, _)| text[..at].ends_with(char::is_whitespace))
        .map(|(at, _)| (&text[..at], &text[at + key.len()..]))
}

/// R5: product label `SN: <sn> ␤ART: <desc> ␤ARTN: <nr> ␤…`.
fn parse_product(text: &str) -> Result<ScanResult, ScanError> {
    let serial = text
        .split_once("SN:")
        .map_or("", |(_, rest)| first_token(rest));
    let serial = if is_key(serial) { "" } else { serial };
    let bezeichnung = text
        .split_once("ART:")
        .map_or("", |(_, rest)| until_next_key(rest))
        .trim();
    let nummer = text
        .split_once("ARTN:")
        .map(|(_, rest)| first_token(rest))
        .filter(|token| !token.is_empty() && !is_key(token));
    match nummer {
        Some(nummer) => {
            let mut entry = Article::new(nummer, bezeichnung, 1);
            entry.serialnummer = (!serial.is_empty()).then(|| serial.to_owned());
            Ok(ScanResult::Entries {
                format: ScanFormat::Product,
                entries: vec![entry],
            })
        }
        None if serial.is_empty() => Err(ScanError::ProductOhneSeriennummer),
        None => Ok(ScanResult::SerialLookup {
            serialnummer: serial.to_owned(),
            artikelbezeichnung: bezeichnung.to_owned(),
        }),
    }
}

/// A payload key such as `ELE:` or `OPT1:` (an empty value made the next key look like a value).
fn is_key(token: &str) -> bool {
    token.strip_suffix(':').is_some_and(|name| {
        name.len() >= 2
            && name
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    })
}

/// The text up to the next whitespace followed by two or more capital letters and `:`.
fn until_next_key(text: &str) -> &str {
    let bytes = text.as_bytes();
    let key_starts_at = |at: usize| {
        let capitals = bytes[at..]
            .iter()
            .take_while(|b| b.is_ascii_uppercase())
            .count();
        capitals >= 2 && bytes.get(at + capitals) == Some(&b':')
    };
    let end = text
        .char_indices()
        .filter(|&(_, c)| c.is_whitespace())
        .map(|(at, c)| at + c.len_utf8())
        .find(|&after_space| key_starts_at(after_space))
        .map_or(text.len(), |after_space| after_space - 1);
    &text[..end]
}

/// Outer-Karton QR (§6.3): every line `<nr> - <desc> - <menge>[ (<serial>)]`.
fn parse_outer_karton(lines: &[&str]) -> Option<Result<ScanResult, ScanError>> {
    let entries = lines
        .iter()
        .map(|line| outer_karton_line(line))
        .collect::<Option<Vec<_>>>()?;
    let glued = lines.len() == 1
        && entries
            .iter()
            .any(|entry| looks_glued(&entry.artikelbezeichnung));
    Some(if glued {
        Err(ScanError::OuterKartonOhneZeilenumbruch)
    } else {
        Ok(ScanResult::Entries {
            format: ScanFormat::OuterKarton,
            entries,
        })
    })
}

fn outer_karton_line(line: &str) -> Option<Article> {
    let (nummer, rest) = line.split_once(" - ")?;
    if nummer.is_empty() || nummer.contains(char::is_whitespace) {
        return None;
    }
    let with_serial = || {
        let inner = rest.strip_suffix(')')?;
        inner.rmatch_indices(" (").find_map(|(at, _)| {
            let (bezeichnung, menge) = split_menge_suffix(&inner[..at])?;
            Some(Article::new(nummer, bezeichnung, menge).with_serial(&inner[at + 2..]))
        })
    };
    with_serial().or_else(|| {
        let (bezeichnung, menge) = split_menge_suffix(rest)?;
        Some(Article::new(nummer, bezeichnung, menge))
    })
}

/// `<desc> - <digits>` (the description may be empty when the line is `<nr> -  - <n>`).
fn split_menge_suffix(text: &str) -> Option<(&str, u32)> {
    let (rest, menge) = split_trailing_number(text)?;
    let bezeichnung = rest
        .strip_suffix(" - ")
        .or_else(|| (rest == "- ").then_some(""))?;
    Some((bezeichnung, menge))
}

/// A description that contains ` - <digits> - ` or ` - <digits> (` hides a second carton line
/// (`… - 1 (12345)10035 - …`, `… - 110413 - …`).
fn looks_glued(bezeichnung: &str) -> bool {
    bezeichnung.match_indices(" - ").any(|(at, sep)| {
        split_leading_number(&bezeichnung[at + sep.len()..])
            .is_some_and(|(_, tail)| tail.starts_with(" - ") || tail.starts_with(" ("))
    })
}

/// R6: legacy `Artikelnummer:` / `Artikelbezeichnung:` / `Seriennummer:` fields, or a
/// `<nr> - <menge>` line.
fn parse_legacy_key_value(text: &str, lines: &[&str]) -> Result<ScanResult, ScanError> {
    const KEYS: [&str; 3] = ["Artikelnummer:", "Artikelbezeichnung:", "Seriennummer:"];
    let field = |key: &str| {
        let (_, rest) = text.split_once(key)?;
        let end = KEYS
            .iter()
            .filter_map(|other| rest.find(other))
            .chain(rest.find('\n'))
            .min()
            .unwrap_or(rest.len());
        Some(rest[..end].trim().to_owned())
    };
    let mut nummer = field(KEYS[0]).unwrap_or_default();
    let bezeichnung = field(KEYS[1]).unwrap_or_default();
    let serial = field(KEYS[2]).unwrap_or_default();
    let mut menge = 1;
    for line in lines
        .iter()
        .filter(|line| !KEYS.iter().any(|key| line.contains(key)))
    {
        if let Some((number, count)) = number_dash_count(line) {
            nummer = number.to_owned();
            menge = count;
        }
    }
    if !nummer.is_empty() {
        let mut entry = Article::new(nummer, bezeichnung, menge);
        entry.serialnummer = (!serial.is_empty()).then_some(serial);
        return Ok(ScanResult::Entries {
            format: ScanFormat::LegacyKeyValue,
            entries: vec![entry],
        });
    }
    if !serial.is_empty() {
        return Ok(ScanResult::SerialLookup {
            serialnummer: serial,
            artikelbezeichnung: bezeichnung,
        });
    }
    Err(ScanError::Unrecognized)
}

/// `^(.*?)\s+-\s+(\d+)$`.
fn number_dash_count(line: &str) -> Option<(&str, u32)> {
    let (rest, count) = split_trailing_number(line)?;
    let before_digits = rest.trim_end();
    if before_digits.len() == rest.len() {
        return None;
    }
    let before_dash = before_digits.strip_suffix('-')?;
    let number = before_dash.trim_end();
    (number.len() < before_dash.len()).then_some((number, count))
}
