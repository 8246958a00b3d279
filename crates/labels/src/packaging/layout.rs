//! ZPL layout of the packaging labels (packaging spec §7): the common header, then either the
//! article table (Zubehör, Outer-Karton, Halterung with two or more items, §7.3) or the four
//! single-item lines (Halterung with one item, §7.4), and the QR code (§7.6).
//!
//! The command stream follows §7.5 in both modes. [`Mode::CompatOriginal`] inserts field text raw,
//! as the original did; [`Mode::Default`] transliterates, truncates to the field and `^FH`-escapes
//! it, so user text can never become a ZPL command.

use super::{Article, HalterungLabel, OuterKartonLabel, ZubehoerLabel};
use crate::qr::{QrError, qr_field};
use crate::text::{label_text, transliterate};
use crate::zpl::{BODY_FONT, INFO_ICON_PACKAGING, MARGIN, Mode, Zpl, write_header};

/// Title of every packaging label.
const TITLE: &str = "Rotoclear C-Line";

/// Worst-case advance of the 25-dot body font, in dots per character; field widths divided by it
/// give the default mode's truncation limits.
const BODY_DOTS_PER_CHAR: usize = 16;

/// A table column: x origin and `^FB` width in dots (§7.1).
#[derive(Clone, Copy)]
struct Column {
    x: u32,
    width: u32,
}

impl Column {
    fn max_chars(self) -> usize {
        self.width as usize / BODY_DOTS_PER_CHAR
    }
}

const QUANTITY: Column = Column {
    x: MARGIN,
    width: 72,
};
const DESCRIPTION: Column = Column { x: 180, width: 641 };
const ARTICLE_NUMBER: Column = Column { x: 833, width: 336 };
/// y of the column headers; the rule lies 36 dots below, the first row 72 dots below.
const TABLE_TOP: u32 = 610;
const ROW_PITCH: u32 = 38;
/// The single-item lines run across the label's full text width (1037 dots).
const SINGLE_LINE_MAX_CHARS: usize = 1037 / BODY_DOTS_PER_CHAR;

/// Where the QR line sits in the command stream (§7.5): after the table rule for Zubehör and
/// Outer-Karton, directly after the tagline for Halterung. Irrelevant for the printout, kept so
/// compat output matches the original byte for byte.
#[derive(Clone, Copy, PartialEq, Eq)]
enum QrPlacement {
    AfterTableRule,
    AfterHeader,
}

impl ZubehoerLabel {
    /// The label's ZPL (§7.3 table variant, QR §6.1).
    pub fn zpl(&self, mode: Mode) -> Result<String, QrError> {
        table_label(
            &self.qr_payload(),
            self.items(),
            QrPlacement::AfterTableRule,
            mode,
        )
    }
}

impl OuterKartonLabel {
    /// The carton's ZPL (§7.3 table variant, QR §6.3). In the default mode a carton too large for
    /// one label prints as several ([`OuterKartonLabel::sheets`]), each marked `Etikett i/n` above
    /// the table; compat mode prints one label as the original did (rows past the end are cut, a
    /// payload too long for a QR code is an error).
    pub fn zpl(&self, mode: Mode) -> Result<String, QrError> {
        let sheets = match mode {
            Mode::CompatOriginal => vec![self.clone()],
            Mode::Default => self.sheets(),
        };
        let count = sheets.len();
        let mut zpl = String::new();
        for (i, sheet) in sheets.iter().enumerate() {
            let mut label = table_start(&sheet.qr_payload(), QrPlacement::AfterTableRule, mode)?;
            if count > 1 {
                label.font(BODY_FONT).line(format!(
                    "^FO{MARGIN},{SHEET_MARK_Y}{}Etikett {}/{count}^FS",
                    mode.field_data(),
                    i + 1
                ));
            }
            table_rows(&mut label, sheet.entries(), mode);
            zpl.push_str(&label.finish_label());
        }
        Ok(zpl)
    }
}

/// y of the `Etikett i/n` mark of a carton printed on several labels: between the tagline (474)
/// and the table header (610).
const SHEET_MARK_Y: u32 = 540;

impl HalterungLabel {
    /// The label's ZPL: §7.4 single-item variant for one item, else the §7.3 table (QR §6.2).
    pub fn zpl(&self, mode: Mode) -> Result<String, QrError> {
        let payload = self.qr_payload();
        let Some(item) = self.single_item() else {
            return table_label(&payload, self.items(), QrPlacement::AfterHeader, mode);
        };
        let qr = qr_field(&payload, mode)?;
        let mut zpl = header(mode);
        zpl.line(qr);
        let datum = self.datum().to_string();
        let menge = item.menge.to_string();
        for (i, (caption, value)) in [
            ("Artikelbezeichnung: ", item.artikelbezeichnung.as_str()),
            ("Artikelnummer: ", item.artikelnummer.as_str()),
            ("Menge: ", menge.as_str()),
            ("Verpackungsdatum: ", datum.as_str()),
        ]
        .into_iter()
        .enumerate()
        {
            let value = field_text(value, SINGLE_LINE_MAX_CHARS - caption.len(), mode);
            let y = TABLE_TOP + 36 * i as u32;
            zpl.line(format!(
                "^FO{MARGIN},{y}{}{}{caption}{value}^FS",
                BODY_FONT.command(),
                mode.field_data()
            ));
        }
        Ok(zpl.finish_label())
    }
}

fn header(mode: Mode) -> Zpl {
    let mut zpl = Zpl::begin_label();
    write_header(&mut zpl, TITLE, &INFO_ICON_PACKAGING, mode);
    zpl
}

/// §7.3: column headers, rule, then per row quantity, description and article number, each field
/// preceded by its own font command (§7.5).
fn table_label(
    payload: &str,
    rows: &[Article],
    placement: QrPlacement,
    mode: Mode,
) -> Result<String, QrError> {
    let mut zpl = table_start(payload, placement, mode)?;
    table_rows(&mut zpl, rows, mode);
    Ok(zpl.finish_label())
}

/// Header, QR code, column headers and rule of the table variant.
fn table_start(payload: &str, placement: QrPlacement, mode: Mode) -> Result<Zpl, QrError> {
    let qr = qr_field(payload, mode)?;
    let mut zpl = header(mode);
    if placement == QrPlacement::AfterHeader {
        zpl.line(qr.clone());
    }
    zpl.font(BODY_FONT).line(format!(
        "^FO{},{TABLE_TOP}{}^FDArtikel^FS",
        DESCRIPTION.x,
        block(DESCRIPTION, 'C')
    ));
    zpl.font(BODY_FONT).line(format!(
        "^FO{},{TABLE_TOP}{}^FDArtikelnummer^FS",
        ARTICLE_NUMBER.x,
        block(ARTICLE_NUMBER, 'L')
    ));
    zpl.line(format!("^FO{MARGIN},{}^GB1037,2,2^FS", TABLE_TOP + 36));
    if placement == QrPlacement::AfterTableRule {
        zpl.line(qr);
    }
    Ok(zpl)
}

/// One row per article: quantity, description and article number, each with its own font command.
fn table_rows(zpl: &mut Zpl, rows: &[Article], mode: Mode) {
    zpl.font(BODY_FONT);
    let times = match mode {
        Mode::CompatOriginal => "\u{d7}".to_owned(),
        Mode::Default => transliterate("\u{d7}"),
    };
    for (i, row) in rows.iter().enumerate() {
        let y = TABLE_TOP + 72 + ROW_PITCH * i as u32;
        let cells = [
            (QUANTITY, format!("{}{times}", row.menge)),
            (
                DESCRIPTION,
                field_text(&row.artikelbezeichnung, DESCRIPTION.max_chars(), mode),
            ),
            (
                ARTICLE_NUMBER,
                field_text(&row.artikelnummer, ARTICLE_NUMBER.max_chars(), mode),
            ),
        ];
        for (column, text) in cells {
            zpl.font(BODY_FONT).line(format!(
                "^FO{},{y}{}{}{text}^FS",
                column.x,
                block(column, 'L'),
                mode.field_data()
            ));
        }
    }
}

/// A one-line field block `^FB<width>,1,0,<align>,0`.
fn block(column: Column, align: char) -> String {
    format!("^FB{},1,0,{align},0", column.width)
}

/// User text for a field: raw in compat mode (the original inserted it unescaped, §7.1), else
/// transliterated, truncated to `max_chars` and `^FH`-escaped.
fn field_text(text: &str, max_chars: usize, mode: Mode) -> String {
    match mode {
        Mode::CompatOriginal => text.to_owned(),
        Mode::Default => label_text(text, max_chars, mode),
    }
}
