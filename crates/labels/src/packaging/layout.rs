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
    /// The label's ZPL (§7.3 table variant, QR §6.3).
    pub fn zpl(&self, mode: Mode) -> Result<String, QrError> {
        table_label(
            &self.qr_payload(),
            self.entries(),
            QrPlacement::AfterTableRule,
            mode,
        )
    }
}

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
    Ok(zpl.finish_label())
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
