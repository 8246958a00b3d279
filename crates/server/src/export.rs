//! Exports of filtered tables as CSV or XLSX, written while the rows are read.
//!
//! CSV is for German spreadsheet programs: UTF-8 with BOM, `;` between fields, CRLF, quotes where
//! needed, decimal comma (or point on request), and text that would start a formula prefixed with
//! `'`. It streams: memory stays at one chunk whatever the row count. XLSX is a minimal workbook
//! (one sheet, inline strings, bold header); its sheet is deflated as the rows arrive and sent when
//! complete (about 3 MB for 100,000 inspections).

use std::future::Future;
use std::io::{Cursor, Write};

use actix_web::HttpResponse;
use actix_web::http::header::{ContentDisposition, DispositionParam, DispositionType};
use actix_web::web::Bytes;
use serde::Deserialize;
use tokio::sync::mpsc;
use zip::write::SimpleFileOptions;

use crate::error::ApiError;
use crate::validation::Validator;

/// CSV chunks are sent once they reach this size.
const CHUNK: usize = 64 * 1024;
/// Chunks in flight before the producer waits for the client.
const IN_FLIGHT: usize = 4;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
}

/// Decimal separator in CSV: German comma (default) or English point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numbers {
    De,
    En,
}

/// `format` and `numbers` of every export endpoint.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportParams {
    /// `csv` (default) or `xlsx`.
    pub format: Option<String>,
    /// Decimal separator in CSV: `de` (1,5; default) or `en` (1.5).
    pub numbers: Option<String>,
}

impl ExportParams {
    pub fn parse(&self, v: &mut Validator) -> (Format, Numbers) {
        let format = v
            .name(
                "format",
                self.format.as_deref(),
                |f| match f {
                    "csv" => Some(Format::Csv),
                    "xlsx" => Some(Format::Xlsx),
                    _ => None,
                },
                "Format: csv oder xlsx",
            )
            .unwrap_or(Format::Csv);
        let numbers = v
            .name(
                "numbers",
                self.numbers.as_deref(),
                |n| match n {
                    "de" => Some(Numbers::De),
                    "en" => Some(Numbers::En),
                    _ => None,
                },
                "Zahlenformat: de (1,5) oder en (1.5)",
            )
            .unwrap_or(Numbers::De);
        (format, numbers)
    }
}

/// A time as exported: plant-local `YYYY-MM-DD HH:MM:SS`.
pub fn plant_time(tz: chrono_tz::Tz, at: chrono::DateTime<chrono::Utc>) -> String {
    at.with_timezone(&tz)
        .format("%Y-%m-%d %H:%M:%S")
        .to_string()
}

/// One value of a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Int(i64),
    /// Written with two decimals at most (trailing zeros dropped).
    Number(f64),
    Empty,
}

impl Cell {
    pub fn text(value: impl Into<String>) -> Self {
        Cell::Text(value.into())
    }

    pub fn opt(value: Option<impl Into<String>>) -> Self {
        value.map_or(Cell::Empty, |v| Cell::Text(v.into()))
    }
}

fn number_text(value: f64, numbers: Numbers) -> String {
    // Half away from zero (0.125 → 0.13), as a spreadsheet rounds.
    let rounded = (value * 100.0).round() / 100.0;
    let mut text = format!("{rounded:.2}");
    while text.ends_with('0') {
        text.pop();
    }
    if text.ends_with('.') {
        text.pop();
    }
    if text == "-0" {
        text = "0".into();
    }
    match numbers {
        Numbers::De => text.replace('.', ","),
        Numbers::En => text,
    }
}

/// One CSV field.
pub fn csv_field(cell: &Cell, numbers: Numbers, out: &mut String) {
    let text = match cell {
        Cell::Empty => return,
        Cell::Int(n) => {
            out.push_str(&n.to_string());
            return;
        }
        Cell::Number(x) => {
            out.push_str(&number_text(*x, numbers));
            return;
        }
        Cell::Text(text) => text,
    };
    // A leading =, +, -, @ (or tab/CR) would run as a formula in a spreadsheet.
    let guarded = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.clone()
    };
    let quote = guarded.contains([';', '"', '\n', '\r'])
        || guarded.starts_with(' ')
        || guarded.ends_with(' ');
    if quote {
        out.push('"');
        out.push_str(&guarded.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(&guarded);
    }
}

/// One CSV line, CRLF-terminated.
pub fn csv_line(cells: &[Cell], numbers: Numbers) -> String {
    let mut line = String::new();
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            line.push(';');
        }
        csv_field(cell, numbers, &mut line);
    }
    line.push_str("\r\n");
    line
}

fn xml_escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Characters XML 1.0 cannot carry are dropped.
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

fn column_name(mut index: usize) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// One sheet row (`r` is 1-based).
pub fn xlsx_row(r: usize, cells: &[Cell], style: Option<u8>) -> String {
    let mut row = format!("<row r=\"{r}\">");
    let s = style.map(|s| format!(" s=\"{s}\"")).unwrap_or_default();
    for (i, cell) in cells.iter().enumerate() {
        let at = format!("{}{r}", column_name(i));
        match cell {
            Cell::Empty => {}
            Cell::Int(n) => row.push_str(&format!("<c r=\"{at}\"{s}><v>{n}</v></c>")),
            Cell::Number(x) if x.is_finite() => {
                row.push_str(&format!("<c r=\"{at}\"{s}><v>{x}</v></c>"))
            }
            Cell::Number(_) => {}
            Cell::Text(text) => {
                row.push_str(&format!(
                    "<c r=\"{at}\" t=\"inlineStr\"{s}><is><t xml:space=\"preserve\">"
                ));
                xml_escape(text, &mut row);
                row.push_str("</t></is></c>");
            }
        }
    }
    row.push_str("</row>");
    row
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#;
const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs></styleSheet>"#;
const SHEET_START: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>"#;
const SHEET_END: &str = "</sheetData></worksheet>";

fn workbook(sheet: &str) -> String {
    let mut name = String::new();
    xml_escape(sheet, &mut name);
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>"#
    )
}

/// An XLSX file being written: the fixed parts first, then the sheet row by row.
struct Xlsx {
    zip: zip::ZipWriter<Cursor<Vec<u8>>>,
    rows: usize,
}

impl Xlsx {
    fn new(sheet: &str) -> zip::result::ZipResult<Self> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options =
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, content) in [
            ("[Content_Types].xml", CONTENT_TYPES.to_owned()),
            ("_rels/.rels", ROOT_RELS.to_owned()),
            ("xl/workbook.xml", workbook(sheet)),
            ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.to_owned()),
            ("xl/styles.xml", STYLES.to_owned()),
        ] {
            zip.start_file(name, options)?;
            zip.write_all(content.as_bytes())?;
        }
        zip.start_file("xl/worksheets/sheet1.xml", options)?;
        zip.write_all(SHEET_START.as_bytes())?;
        Ok(Self { zip, rows: 0 })
    }

    fn row(&mut self, cells: &[Cell], style: Option<u8>) -> std::io::Result<()> {
        self.rows += 1;
        self.zip
            .write_all(xlsx_row(self.rows, cells, style).as_bytes())
    }

    fn finish(mut self) -> zip::result::ZipResult<Vec<u8>> {
        self.zip.write_all(SHEET_END.as_bytes())?;
        Ok(self.zip.finish()?.into_inner())
    }
}

enum Encoder {
    Csv { numbers: Numbers, buffer: String },
    Xlsx(Box<Xlsx>),
}

/// The client went away or the file could not be written: the producer stops.
#[derive(Debug)]
pub struct Stopped;

impl From<sea_orm::DbErr> for Stopped {
    fn from(error: sea_orm::DbErr) -> Self {
        tracing::error!(%error, "export stopped: database error");
        Stopped
    }
}

/// Where a producer writes its rows.
pub struct Sink {
    tx: mpsc::Sender<Result<Bytes, std::io::Error>>,
    encoder: Encoder,
    rows: u64,
}

impl Sink {
    /// Writes one data row; waits while the client is behind.
    pub async fn row(&mut self, cells: &[Cell]) -> Result<(), Stopped> {
        self.rows += 1;
        match &mut self.encoder {
            Encoder::Csv { numbers, buffer } => {
                buffer.push_str(&csv_line(cells, *numbers));
                if buffer.len() >= CHUNK {
                    let chunk = std::mem::take(buffer);
                    self.tx
                        .send(Ok(Bytes::from(chunk)))
                        .await
                        .map_err(|_| Stopped)?;
                }
                Ok(())
            }
            Encoder::Xlsx(xlsx) => xlsx.row(cells, None).map_err(|error| {
                tracing::error!(%error, "export stopped: xlsx");
                Stopped
            }),
        }
    }

    async fn finish(self) -> Result<u64, Stopped> {
        let bytes = match self.encoder {
            Encoder::Csv { buffer, .. } => Bytes::from(buffer),
            Encoder::Xlsx(xlsx) => Bytes::from(xlsx.finish().map_err(|error| {
                tracing::error!(%error, "export stopped: xlsx");
                Stopped
            })?),
        };
        if !bytes.is_empty() {
            self.tx.send(Ok(bytes)).await.map_err(|_| Stopped)?;
        }
        Ok(self.rows)
    }

    async fn abort(self) {
        let _ = self
            .tx
            .send(Err(std::io::Error::other("export aborted")))
            .await;
    }
}

/// Writes the rows of every record `select` yields, read as one database stream (the rows are
/// never all in memory). A record may give several rows (an accessory label: one per line).
pub async fn feed_stream<E, F>(
    db: sea_orm::DatabaseConnection,
    select: sea_orm::Select<E>,
    mut sink: Sink,
    rows_of: F,
) -> Result<Sink, (Sink, Stopped)>
where
    E: sea_orm::EntityTrait,
    E::Model: Send + Sync,
    F: Fn(&E::Model) -> Vec<Vec<Cell>>,
{
    use futures_util::StreamExt;
    let mut records = match select.stream(&db).await {
        Ok(records) => records,
        Err(error) => return Err((sink, error.into())),
    };
    while let Some(record) = records.next().await {
        let record = match record {
            Ok(record) => record,
            Err(error) => return Err((sink, error.into())),
        };
        for row in rows_of(&record) {
            if let Err(stopped) = sink.row(&row).await {
                return Err((sink, stopped));
            }
        }
    }
    Ok(sink)
}

/// The download response for `columns` and the rows `produce` writes into the sink. The file name
/// gets the right extension; the rows are produced on this worker while the body is sent.
pub fn respond<F, Fut>(
    format: Format,
    numbers: Numbers,
    file_stem: &str,
    columns: &[String],
    produce: F,
) -> Result<HttpResponse, ApiError>
where
    F: FnOnce(Sink) -> Fut + 'static,
    Fut: Future<Output = Result<Sink, (Sink, Stopped)>> + 'static,
{
    let header: Vec<Cell> = columns.iter().map(|c| Cell::Text(c.clone())).collect();
    let (encoder, extension, content_type) = match format {
        Format::Csv => {
            let mut buffer = String::from('\u{FEFF}');
            buffer.push_str(&csv_line(&header, numbers));
            (
                Encoder::Csv { numbers, buffer },
                "csv",
                "text/csv; charset=utf-8",
            )
        }
        Format::Xlsx => {
            let mut xlsx = Xlsx::new("Export").map_err(|e| ApiError::Internal(e.into()))?;
            xlsx.row(&header, Some(1))
                .map_err(|e| ApiError::Internal(e.into()))?;
            (
                Encoder::Xlsx(Box::new(xlsx)),
                "xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        }
    };
    let (tx, rx) = mpsc::channel(IN_FLIGHT);
    let sink = Sink {
        tx,
        encoder,
        rows: 0,
    };
    let stem = file_stem.to_owned();
    actix_web::rt::spawn(async move {
        match produce(sink).await {
            Ok(sink) => match sink.finish().await {
                Ok(rows) => tracing::info!(file = %stem, rows, "export sent"),
                Err(Stopped) => tracing::info!(file = %stem, "export not finished: client left"),
            },
            Err((sink, Stopped)) => sink.abort().await,
        }
    });
    let body = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|chunk| (chunk, rx))
    });
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header(("Cache-Control", "no-store"))
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename(format!(
                "{file_stem}.{extension}"
            ))],
        })
        .streaming(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_only_where_needed_and_guards_formulas() {
        let cells = [
            Cell::text("C2-0001"),
            Cell::text("Müller; Söhne"),
            Cell::text("sagt \"ok\""),
            Cell::text("zwei\nZeilen"),
            Cell::text("=HYPERLINK(\"x\")"),
            Cell::Int(-3),
            Cell::Number(1.5),
            Cell::Empty,
        ];
        assert_eq!(
            csv_line(&cells, Numbers::De),
            "C2-0001;\"Müller; Söhne\";\"sagt \"\"ok\"\"\";\"zwei\nZeilen\";\"'=HYPERLINK(\"\"x\"\")\";-3;1,5;\r\n"
        );
        assert_eq!(csv_line(&[Cell::Number(1.5)], Numbers::En), "1.5\r\n");
    }

    #[test]
    fn numbers_have_at_most_two_decimals() {
        assert_eq!(number_text(2.0, Numbers::De), "2");
        assert_eq!(number_text(0.125, Numbers::De), "0,13");
        assert_eq!(number_text(1234.5, Numbers::En), "1234.5");
        assert_eq!(number_text(-0.001, Numbers::En), "0");
    }

    #[test]
    fn xlsx_columns_and_escaping() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(27), "AB");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
        let row = xlsx_row(2, &[Cell::text("a<b & \u{1}c"), Cell::Int(7)], None);
        assert_eq!(
            row,
            "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t xml:space=\"preserve\">a&lt;b &amp; c</t></is></c><c r=\"B2\"><v>7</v></c></row>"
        );
    }
}
