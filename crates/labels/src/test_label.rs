//! The printer test label: the common header, a QR code and the job's facts, so a person at the
//! printer can tell which test job came out and check the print quality of text, graphics and QR.
//!
//! Not part of the original system; it uses only the building blocks of the product label.

use crate::qr::{QrError, qr_field};
use crate::text::label_text;
use crate::zpl::{BODY_FONT, INFO_ICON_PACKAGING, MARGIN, Mode, Zpl, write_header};

/// What the test label shows. All text is user data and is escaped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TestLabelInput {
    /// The print job's number.
    pub job_id: i64,
    pub printer_name: String,
    /// `host:port` of the printer.
    pub printer_address: String,
    /// When the job was created, already formatted for people.
    pub created_at: String,
    /// Who asked for it.
    pub created_by: String,
}

/// Title of the test label.
pub const TEST_LABEL_TITLE: &str = "Testetikett";

/// Longest value on a line, in characters.
const VALUE_MAX_CHARS: usize = 44;

/// The QR payload: identifies the job, nothing else.
pub fn test_label_payload(input: &TestLabelInput) -> String {
    format!("ETIKETTDRUCKER-TEST;AUFTRAG={}", input.job_id)
}

/// Writes the test label (default mode: compressed graphics, escaped text).
pub fn write_test_label(input: &TestLabelInput) -> Result<String, QrError> {
    let mode = Mode::Default;
    let qr = qr_field(&test_label_payload(input), mode)?;
    let mut zpl = Zpl::begin_label();
    write_header(&mut zpl, TEST_LABEL_TITLE, &INFO_ICON_PACKAGING, mode);
    zpl.line(qr);
    let job = format!("#{}", input.job_id);
    for (y, prefix, value) in [
        (610, "Druckauftrag: ", job.as_str()),
        (646, "Drucker: ", input.printer_name.as_str()),
        (682, "Adresse: ", input.printer_address.as_str()),
        (718, "Erstellt: ", input.created_at.as_str()),
        (754, "Von: ", input.created_by.as_str()),
    ] {
        zpl.line(format!(
            "^FO{MARGIN},{y}{font}{fd}{prefix}{value}^FS",
            font = BODY_FONT.command(),
            fd = mode.field_data(),
            value = label_text(value, VALUE_MAX_CHARS, mode),
        ));
    }
    // A frame around the facts shows whether the print head prints every dot across the width.
    zpl.line(format!("^FO{},590^GB1037,210,3^FS", MARGIN - 12));
    Ok(zpl.finish_label())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::preview::zpl_to_svg;

    fn input() -> TestLabelInput {
        TestLabelInput {
            job_id: 42,
            printer_name: "Linie 1 ^XZ~JR".into(),
            printer_address: "127.0.0.1:9100".into(),
            created_at: "26.11.2026 10:00".into(),
            created_by: "admin".into(),
        }
    }

    #[test]
    fn is_one_label_with_escaped_text() {
        let zpl = write_test_label(&input()).expect("label");
        assert!(zpl.starts_with("^XA\r\n"));
        assert!(zpl.ends_with("\r\n^XZ"));
        assert_eq!(
            zpl.matches("^XZ").count(),
            1,
            "user text must not end the label"
        );
        assert!(!zpl.contains("~JR"));
        assert!(zpl.contains("^FH^FDDrucker: Linie 1 _5EXZ_7EJR^FS"));
        assert!(zpl.contains("^FH^FDDruckauftrag: #42^FS"));
    }

    #[test]
    fn preview_draws_everything() {
        let preview = zpl_to_svg(&write_test_label(&input()).expect("label"));
        assert!(preview.skipped.is_empty(), "{:?}", preview.skipped);
        assert!(preview.svg.contains("Druckauftrag: #42"));
    }

    #[test]
    fn payload_names_the_job() {
        assert_eq!(
            test_label_payload(&input()),
            "ETIKETTDRUCKER-TEST;AUFTRAG=42"
        );
    }
}
