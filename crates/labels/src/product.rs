//! The product label (C Pro, C2, C Basic, KK): QR payload and ZPL writer.
//!
//! Products spec §5.4–5.7 and Appendix A. One engine serves all four product lines; they differ only in
//! their title and in the keys of their QR payload.

use crate::qr::{QrError, qr_field};
use crate::text::{label_text, normalize_ascii, normalize_mac};
use crate::zpl::{BODY_FONT, INFO_ICON_PRODUCT, MARGIN, Mode, Zpl, write_header};

/// A product line with its own QC workflow and label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Product {
    CPro,
    C2,
    CBasic,
    Kk,
}

impl Product {
    /// All product lines, in the spec's order.
    pub const ALL: [Product; 4] = [Product::CPro, Product::C2, Product::CBasic, Product::Kk];

    /// The label title (products spec §5.5 element 1).
    pub fn title(self) -> &'static str {
        match self {
            Product::CPro => "Rotoclear C Pro",
            Product::C2 => "Rotoclear C2",
            Product::CBasic => "Rotoclear C Basic",
            Product::Kk => "Rotoclear C-Line",
        }
    }

    /// The API path segment and CLI kind: `cpro`, `c2`, `cbasic`, `kk`.
    pub fn key(self) -> &'static str {
        match self {
            Product::CPro => "cpro",
            Product::C2 => "c2",
            Product::CBasic => "cbasic",
            Product::Kk => "kk",
        }
    }

    /// The product for an API path segment / CLI kind ([`Product::key`]).
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.key() == key)
    }

    /// Whether the QR payload ends with `" \n"` after the date (C Pro and KK) or directly after it.
    fn payload_ends_with_newline(self) -> bool {
        matches!(self, Product::CPro | Product::Kk)
    }
}

/// A value the original turned into text with JavaScript's `String(…)`, so that a missing key
/// prints `undefined` and `null` prints `null` (products spec §5.6 `ARTN`, §9.26).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum JsText {
    /// The key was absent from the request body.
    #[default]
    Undefined,
    /// The key was JSON `null`.
    Null,
    /// A string (or a number, already formatted as JavaScript would).
    Value(String),
}

impl JsText {
    /// `String(value)` in JavaScript.
    pub fn as_js_string(&self) -> &str {
        match self {
            JsText::Undefined => "undefined",
            JsText::Null => "null",
            JsText::Value(v) => v,
        }
    }

    /// The text as `normalizeAscii` sees it: absent and null are `""`.
    pub fn as_text(&self) -> &str {
        match self {
            JsText::Undefined | JsText::Null => "",
            JsText::Value(v) => v,
        }
    }
}

impl From<&str> for JsText {
    fn from(value: &str) -> Self {
        JsText::Value(value.to_owned())
    }
}

impl From<String> for JsText {
    fn from(value: String) -> Self {
        JsText::Value(value)
    }
}

/// The label-relevant part of the original's `PUT /api/<p>` body, with its field names.
///
/// Missing or `null` string fields are `""` (that is what `normalizeAscii` makes of them); only
/// `artikel_nummer` keeps the distinction because the QR payload shows it raw. Fields a product does
/// not use are ignored (e.g. `mac_adresse` for C Basic).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProductLabelInput {
    pub serialnummer: String,
    pub artikel_bezeichnung: String,
    pub artikel_nummer: JsText,
    pub seriennummer_elektronik: String,
    /// C Pro, C2.
    pub mac_adresse: String,
    /// C Pro.
    pub seriennummer_festplatte: String,
    /// C Pro, C2, C Basic.
    pub software_version: String,
    /// KK.
    pub firmware_version: String,
    /// KK.
    pub seriennummer_optik1: String,
    /// KK; its payload line is left out when empty after normalisation.
    pub seriennummer_optik2: String,
    /// Packaging date `YYYY-MM-DD` (the UTC date of the body's `datum`, computed by the caller).
    pub datum: String,
}

/// Why a label could not be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LabelError {
    /// `datum` is not a `YYYY-MM-DD` date.
    InvalidDate(String),
    /// The QR payload does not fit in a QR code.
    Qr(QrError),
}

impl core::fmt::Display for LabelError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            LabelError::InvalidDate(d) => write!(f, "packaging date {d:?} is not YYYY-MM-DD"),
            LabelError::Qr(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for LabelError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            LabelError::Qr(e) => Some(e),
            LabelError::InvalidDate(_) => None,
        }
    }
}

impl From<QrError> for LabelError {
    fn from(e: QrError) -> Self {
        LabelError::Qr(e)
    }
}

/// The QR payload, exactly as the original (products spec §5.6): `KEY: value` lines each ending in
/// `" \n"`, except that C2 and C Basic end directly after the date. Values go through
/// [`normalize_ascii`] / [`normalize_mac`]; `ARTN` is the raw JavaScript string of `artikel_nummer`.
pub fn qr_payload(product: Product, input: &ProductLabelInput) -> String {
    let n = normalize_ascii;
    let mut lines: Vec<(&str, String)> = vec![
        ("SN", n(&input.serialnummer)),
        ("ART", n(&input.artikel_bezeichnung)),
        ("ARTN", input.artikel_nummer.as_js_string().to_owned()),
        ("ELE", n(&input.seriennummer_elektronik)),
    ];
    match product {
        Product::CPro => lines.extend([
            ("MAC", normalize_mac(&input.mac_adresse)),
            ("HDD", n(&input.seriennummer_festplatte)),
            ("SW", n(&input.software_version)),
        ]),
        Product::C2 => lines.extend([
            ("MAC", normalize_mac(&input.mac_adresse)),
            ("SW", n(&input.software_version)),
        ]),
        Product::CBasic => lines.push(("SW", n(&input.software_version))),
        Product::Kk => {
            lines.push(("OPT1", n(&input.seriennummer_optik1)));
            let optik2 = n(&input.seriennummer_optik2);
            if !optik2.is_empty() {
                lines.push(("OPT2", optik2));
            }
            lines.push(("FW", n(&input.firmware_version)));
        }
    }
    lines.push(("DAT", input.datum.clone()));
    let mut payload: String = lines
        .iter()
        .map(|(key, value)| format!("{key}: {value} \n"))
        .collect();
    if !product.payload_ends_with_newline() {
        payload.truncate(payload.len() - " \n".len());
    }
    payload
}

/// Longest item line (prefix + value) in the default mode, in characters: the lines run from x 72 to
/// the right margin (1037 dots) in a 25-dot proportional font, ≈ 16 dots per character at worst.
pub const ITEM_LINE_MAX_CHARS: usize = 64;

/// Writes the product label (products spec Appendix A, 32 lines joined by CR LF).
///
/// * [`Mode::CompatOriginal`]: the original's bytes, including the doubled `^GFA,` prefix and the
///   uncompressed 350 × 350 QR raster; item values through `normalizeAscii`, unescaped.
/// * [`Mode::Default`]: whole-dot QR modules, compressed graphics, item values transliterated,
///   truncated to [`ITEM_LINE_MAX_CHARS`] per line and `^FH`-escaped, address dash as `-`.
pub fn write_label(
    product: Product,
    input: &ProductLabelInput,
    mode: Mode,
) -> Result<String, LabelError> {
    if !is_iso_date(&input.datum) {
        return Err(LabelError::InvalidDate(input.datum.clone()));
    }
    let qr = qr_field(&qr_payload(product, input), mode)?;

    let mut zpl = Zpl::begin_label();
    write_header(&mut zpl, product.title(), &INFO_ICON_PRODUCT, mode);
    zpl.line(qr);
    for (y, prefix, value) in [
        (610, "Artikelnummer: ", input.artikel_nummer.as_text()),
        (646, "Artikelbezeichnung: ", &input.artikel_bezeichnung),
        (682, "Seriennummer: ", &input.serialnummer),
        (718, "Verpackungsdatum: ", &input.datum),
    ] {
        let value = label_text(value, ITEM_LINE_MAX_CHARS - prefix.len(), mode);
        zpl.line(format!(
            "^FO{MARGIN},{y}{font}{fd}{prefix}{value}^FS",
            font = BODY_FONT.command(),
            fd = mode.field_data()
        ));
    }
    Ok(zpl.finish_label())
}

/// `YYYY-MM-DD` with plausible month and day (the caller formats it; this guards the label text).
fn is_iso_date(date: &str) -> bool {
    let b = date.as_bytes();
    let digits = |r: core::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() != 10
        || b[4] != b'-'
        || b[7] != b'-'
        || !digits(0..4)
        || !digits(5..7)
        || !digits(8..10)
    {
        return false;
    }
    let month = (b[5] - b'0') * 10 + (b[6] - b'0');
    let day = (b[8] - b'0') * 10 + (b[9] - b'0');
    (1..=12).contains(&month) && (1..=31).contains(&day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip() {
        for product in Product::ALL {
            assert_eq!(Product::from_key(product.key()), Some(product));
        }
        assert_eq!(Product::from_key("zubehoer"), None);
    }

    #[test]
    fn missing_article_number_shows_like_javascript() {
        let input = ProductLabelInput {
            datum: "2025-09-17".into(),
            ..Default::default()
        };
        assert!(qr_payload(Product::CBasic, &input).contains("ARTN: undefined \n"));
        let input = ProductLabelInput {
            artikel_nummer: JsText::Null,
            ..input
        };
        assert!(qr_payload(Product::CBasic, &input).contains("ARTN: null \n"));
    }

    #[test]
    fn kk_leaves_out_an_empty_second_optic() {
        let input = ProductLabelInput {
            seriennummer_optik2: " – ".into(),
            ..Default::default()
        };
        assert!(qr_payload(Product::Kk, &input).contains("OPT2: - \n"));
        let input = ProductLabelInput {
            seriennummer_optik2: " ä ".into(),
            ..Default::default()
        };
        assert!(!qr_payload(Product::Kk, &input).contains("OPT2"));
    }

    #[test]
    fn dates_are_checked() {
        assert!(is_iso_date("2025-09-17"));
        for bad in [
            "2025-9-17",
            "2025-13-01",
            "2025-09-00",
            "2025-09-17^XZ",
            "",
            "２０２５-09-17",
        ] {
            assert!(!is_iso_date(bad), "{bad}");
        }
    }
}
