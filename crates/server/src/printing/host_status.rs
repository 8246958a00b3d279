//! The Zebra `~HS` host-status answer: three `STX … ETX` framed lines of comma-separated fields.
//!
//! Layout (ZPL II Programming Guide, `~HS`):
//!
//! ```text
//! <STX>aaa,b,c,dddd,eee,f,g,h,iii,j,k,l<ETX><CR><LF>
//! <STX>mmm,n,o,p,q,r,s,t,uuuuuuuu,v,www<ETX><CR><LF>
//! <STX>xxxx,y<ETX><CR><LF>
//! ```
//!
//! Line 1: communication settings, paper out, pause, label length (dots), formats in the receive
//! buffer, buffer full, communications diagnostic mode, partial format, unused, corrupt RAM,
//! under temperature, over temperature. Line 2: function settings, unused, head up (open), ribbon
//! out, thermal-transfer mode, print mode, print width mode, label waiting, labels remaining in
//! batch, format-while-printing, graphics stored. Line 3: password, static RAM installed.
//!
//! Newer firmware appends fields; extra fields are ignored, missing ones are an error. The
//! password is not kept: it has no use here and should not end up in logs.

use std::fmt;

const STX: u8 = 0x02;
const ETX: u8 = 0x03;

/// Number of framed lines in a complete `~HS` answer.
pub const LINES: usize = 3;

/// The printer state reported by `~HS`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HostStatus {
    /// Line 1, `aaa`: communication (interface) settings, a bit field as a decimal number.
    pub communication_settings: u16,
    pub paper_out: bool,
    pub paused: bool,
    /// Label length in dots.
    pub label_length_dots: u32,
    /// Formats waiting in the receive buffer.
    pub formats_in_buffer: u32,
    pub buffer_full: bool,
    pub diagnostic_mode: bool,
    /// A format is partly received (the printer waits for its `^XZ`).
    pub partial_format: bool,
    pub corrupt_ram: bool,
    pub under_temperature: bool,
    pub over_temperature: bool,
    /// Line 2, `mmm`: function settings, a bit field as a decimal number.
    pub function_settings: u16,
    /// Print head up (open).
    pub head_open: bool,
    pub ribbon_out: bool,
    pub thermal_transfer: bool,
    /// Print mode digit (0 rewind, 1 peel-off, 2 tear-off, 3 cutter, 4 applicator, …).
    pub print_mode: u8,
    pub label_waiting: bool,
    pub labels_remaining_in_batch: u32,
    pub graphics_stored: u32,
    /// Line 3, `y`.
    pub static_ram_installed: bool,
}

/// A condition that stops the printer from printing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PrinterFault {
    PaperOut,
    Paused,
    HeadOpen,
    RibbonOut,
    BufferFull,
    OverTemperature,
    UnderTemperature,
    CorruptRam,
}

impl PrinterFault {
    /// Stable machine-readable name (`paper_out`, `head_open`, …).
    pub fn code(self) -> &'static str {
        match self {
            PrinterFault::PaperOut => "paper_out",
            PrinterFault::Paused => "paused",
            PrinterFault::HeadOpen => "head_open",
            PrinterFault::RibbonOut => "ribbon_out",
            PrinterFault::BufferFull => "buffer_full",
            PrinterFault::OverTemperature => "over_temperature",
            PrinterFault::UnderTemperature => "under_temperature",
            PrinterFault::CorruptRam => "corrupt_ram",
        }
    }

    /// Message for users (German, the UI language).
    pub fn message_de(self) -> &'static str {
        match self {
            PrinterFault::PaperOut => "Kein Etikettenmaterial (Papier leer)",
            PrinterFault::Paused => "Drucker ist angehalten (Pause)",
            PrinterFault::HeadOpen => "Druckkopf ist geöffnet",
            PrinterFault::RibbonOut => "Farbband leer",
            PrinterFault::BufferFull => "Empfangspuffer des Druckers ist voll",
            PrinterFault::OverTemperature => "Druckkopf ist überhitzt",
            PrinterFault::UnderTemperature => "Druckkopf ist zu kalt",
            PrinterFault::CorruptRam => "Druckerspeicher ist beschädigt (Konfiguration verloren)",
        }
    }

    /// Message in English (logs, API consumers that want it).
    pub fn message_en(self) -> &'static str {
        match self {
            PrinterFault::PaperOut => "Paper out",
            PrinterFault::Paused => "Printer is paused",
            PrinterFault::HeadOpen => "Print head is open",
            PrinterFault::RibbonOut => "Ribbon out",
            PrinterFault::BufferFull => "Printer receive buffer is full",
            PrinterFault::OverTemperature => "Print head over temperature",
            PrinterFault::UnderTemperature => "Print head under temperature",
            PrinterFault::CorruptRam => "Corrupt RAM (configuration lost)",
        }
    }
}

impl fmt::Display for PrinterFault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message_de())
    }
}

/// Why a `~HS` answer could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HostStatusError {
    /// Fewer than three complete `STX … ETX` lines.
    #[error("Statusantwort unvollständig: {found} von 3 Zeilen")]
    Incomplete { found: usize },
    /// More than three framed lines.
    #[error("Statusantwort hat mehr als 3 Zeilen")]
    TooManyLines,
    /// Bytes other than line breaks outside the frames, or an `STX` inside a frame.
    #[error("Statusantwort ist falsch gerahmt (Byte {offset})")]
    BadFraming { offset: usize },
    /// A line has fewer fields than the layout needs.
    #[error("Statuszeile {line} hat {found} Felder, erwartet mindestens {expected}")]
    TooFewFields {
        line: usize,
        expected: usize,
        found: usize,
    },
    /// A field is not the number or flag it should be.
    #[error("Statuszeile {line}, Feld {field}: ungültiger Wert {value:?}")]
    BadField {
        line: usize,
        field: &'static str,
        value: String,
    },
}

/// Counts complete frames (ETX bytes): the client reads until this reaches [`LINES`].
pub fn complete_lines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == ETX).count()
}

impl HostStatus {
    /// A printer ready to print: all flags clear, nothing in the buffer.
    pub fn ready() -> Self {
        HostStatus {
            communication_settings: 30,
            label_length_dots: 1245,
            function_settings: 1,
            print_mode: 2,
            ..HostStatus::default()
        }
    }

    /// Parses a complete answer. Line breaks between frames are allowed; anything else outside the
    /// frames is an error.
    pub fn parse(bytes: &[u8]) -> Result<Self, HostStatusError> {
        let lines = frames(bytes)?;
        let [l1, l2, l3] = lines;
        let f1 = fields(l1, 1, 12)?;
        let f2 = fields(l2, 2, 11)?;
        let f3 = fields(l3, 3, 2)?;
        Ok(HostStatus {
            communication_settings: number(1, "aaa", f1[0])?,
            paper_out: flag(1, "b", f1[1])?,
            paused: flag(1, "c", f1[2])?,
            label_length_dots: number(1, "dddd", f1[3])?,
            formats_in_buffer: number(1, "eee", f1[4])?,
            buffer_full: flag(1, "f", f1[5])?,
            diagnostic_mode: flag(1, "g", f1[6])?,
            partial_format: flag(1, "h", f1[7])?,
            corrupt_ram: flag(1, "j", f1[9])?,
            under_temperature: flag(1, "k", f1[10])?,
            over_temperature: flag(1, "l", f1[11])?,
            function_settings: number(2, "mmm", f2[0])?,
            head_open: flag(2, "o", f2[2])?,
            ribbon_out: flag(2, "p", f2[3])?,
            thermal_transfer: flag(2, "q", f2[4])?,
            print_mode: number(2, "r", f2[5])?,
            label_waiting: flag(2, "t", f2[7])?,
            labels_remaining_in_batch: number(2, "uuuuuuuu", f2[8])?,
            graphics_stored: number(2, "www", f2[10])?,
            static_ram_installed: flag(3, "y", f3[1])?,
        })
    }

    /// The answer a printer in this state sends (used by the emulator; [`HostStatus::parse`]
    /// reads it back). The password field is `0000`.
    pub fn encode(&self) -> Vec<u8> {
        let b = |v: bool| u8::from(v);
        let line1 = format!(
            "{:03},{},{},{:04},{:03},{},{},{},000,{},{},{}",
            self.communication_settings,
            b(self.paper_out),
            b(self.paused),
            self.label_length_dots,
            self.formats_in_buffer,
            b(self.buffer_full),
            b(self.diagnostic_mode),
            b(self.partial_format),
            b(self.corrupt_ram),
            b(self.under_temperature),
            b(self.over_temperature),
        );
        let line2 = format!(
            "{:03},0,{},{},{},{},0,{},{:08},1,{:03}",
            self.function_settings,
            b(self.head_open),
            b(self.ribbon_out),
            b(self.thermal_transfer),
            self.print_mode,
            b(self.label_waiting),
            self.labels_remaining_in_batch,
            self.graphics_stored,
        );
        let line3 = format!("0000,{}", b(self.static_ram_installed));
        let mut out = Vec::with_capacity(64);
        for line in [line1, line2, line3] {
            out.push(STX);
            out.extend_from_slice(line.as_bytes());
            out.push(ETX);
            out.extend_from_slice(b"\r\n");
        }
        out
    }

    /// Everything that keeps the printer from printing, most actionable first.
    pub fn faults(&self) -> Vec<PrinterFault> {
        [
            (self.head_open, PrinterFault::HeadOpen),
            (self.paper_out, PrinterFault::PaperOut),
            (self.ribbon_out, PrinterFault::RibbonOut),
            (self.paused, PrinterFault::Paused),
            (self.buffer_full, PrinterFault::BufferFull),
            (self.over_temperature, PrinterFault::OverTemperature),
            (self.under_temperature, PrinterFault::UnderTemperature),
            (self.corrupt_ram, PrinterFault::CorruptRam),
        ]
        .into_iter()
        .filter_map(|(set, fault)| set.then_some(fault))
        .collect()
    }

    /// No faults: a job sent now should print.
    pub fn is_ready(&self) -> bool {
        self.faults().is_empty()
    }
}

/// Splits the answer into exactly three frame bodies.
fn frames(bytes: &[u8]) -> Result<[&[u8]; LINES], HostStatusError> {
    let mut lines: Vec<&[u8]> = Vec::with_capacity(LINES);
    let mut start: Option<usize> = None;
    for (offset, &byte) in bytes.iter().enumerate() {
        match (start, byte) {
            (None, STX) => start = Some(offset + 1),
            (None, b'\r' | b'\n' | b' ') => {}
            (None, _) | (Some(_), STX) => return Err(HostStatusError::BadFraming { offset }),
            (Some(from), ETX) => {
                if lines.len() == LINES {
                    return Err(HostStatusError::TooManyLines);
                }
                lines.push(&bytes[from..offset]);
                start = None;
            }
            (Some(_), _) => {}
        }
    }
    match <[&[u8]; LINES]>::try_from(lines.as_slice()) {
        Ok(lines) => Ok(lines),
        Err(_) => Err(HostStatusError::Incomplete { found: lines.len() }),
    }
}

fn fields(line: &[u8], number: usize, expected: usize) -> Result<Vec<&[u8]>, HostStatusError> {
    let fields: Vec<&[u8]> = line.split(|&b| b == b',').collect();
    if fields.len() < expected {
        return Err(HostStatusError::TooFewFields {
            line: number,
            expected,
            found: fields.len(),
        });
    }
    Ok(fields)
}

fn bad(line: usize, field: &'static str, value: &[u8]) -> HostStatusError {
    HostStatusError::BadField {
        line,
        field,
        value: String::from_utf8_lossy(value).into_owned(),
    }
}

fn flag(line: usize, field: &'static str, value: &[u8]) -> Result<bool, HostStatusError> {
    match value.trim_ascii() {
        b"0" => Ok(false),
        b"1" => Ok(true),
        _ => Err(bad(line, field, value)),
    }
}

fn number<T: std::str::FromStr>(
    line: usize,
    field: &'static str,
    value: &[u8],
) -> Result<T, HostStatusError> {
    let text = std::str::from_utf8(value.trim_ascii()).map_err(|_| bad(line, field, value))?;
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad(line, field, value));
    }
    text.parse().map_err(|_| bad(line, field, value))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A ZD420 in tear-off mode, ready (captured shape from the ZPL guide's example).
    const READY: &[u8] = b"\x02030,0,0,1245,000,0,0,0,000,0,0,0\x03\r\n\
        \x02001,0,0,0,1,2,4,0,00000000,1,000\x03\r\n\
        \x021234,0\x03\r\n";

    #[test]
    fn a_ready_printer_has_no_faults() {
        let status = HostStatus::parse(READY).expect("parses");
        assert!(status.is_ready());
        assert_eq!(status.label_length_dots, 1245);
        assert_eq!(status.communication_settings, 30);
        assert!(status.thermal_transfer);
        assert_eq!(status.print_mode, 2);
        assert!(!status.static_ram_installed);
    }

    #[test]
    fn flags_map_to_faults() {
        let answer = b"\x02030,1,1,1245,002,1,0,1,000,1,1,1\x03\r\n\
            \x02001,0,1,1,1,2,4,0,00000003,1,002\x03\r\n\
            \x020000,1\x03\r\n";
        let status = HostStatus::parse(answer).expect("parses");
        assert_eq!(status.formats_in_buffer, 2);
        assert!(status.partial_format);
        assert_eq!(status.labels_remaining_in_batch, 3);
        assert_eq!(status.graphics_stored, 2);
        assert_eq!(
            status.faults(),
            vec![
                PrinterFault::HeadOpen,
                PrinterFault::PaperOut,
                PrinterFault::RibbonOut,
                PrinterFault::Paused,
                PrinterFault::BufferFull,
                PrinterFault::OverTemperature,
                PrinterFault::UnderTemperature,
                PrinterFault::CorruptRam,
            ]
        );
    }

    #[test]
    fn extra_fields_from_newer_firmware_are_ignored() {
        let answer = b"\x02030,0,1,1245,000,0,0,0,000,0,0,0,9,9\x03\
            \x02001,0,0,0,1,2,4,0,00000000,1,000,7\x03\
            \x021234,0,5\x03";
        let status = HostStatus::parse(answer).expect("parses");
        assert_eq!(status.faults(), vec![PrinterFault::Paused]);
    }

    #[test]
    fn encode_round_trips() {
        let mut status = HostStatus::ready();
        status.paper_out = true;
        status.head_open = true;
        status.formats_in_buffer = 4;
        status.static_ram_installed = true;
        assert_eq!(HostStatus::parse(&status.encode()), Ok(status));
        assert_eq!(complete_lines(&HostStatus::ready().encode()), LINES);
    }

    #[test]
    fn malformed_answers_are_typed_errors() {
        let cases: &[(&[u8], HostStatusError)] = &[
            (b"", HostStatusError::Incomplete { found: 0 }),
            (
                b"\x02030,0,0,1245,000,0,0,0,000,0,0,0\x03\r\n\x02001,0,0",
                HostStatusError::Incomplete { found: 1 },
            ),
            (b"hello", HostStatusError::BadFraming { offset: 0 }),
            (b"\x02a\x02b\x03", HostStatusError::BadFraming { offset: 2 }),
            (
                b"\x02030,0,0\x03\x02001,0,0,0,1,2,4,0,00000000,1,000\x03\x021234,0\x03",
                HostStatusError::TooFewFields {
                    line: 1,
                    expected: 12,
                    found: 3,
                },
            ),
            (
                b"\x02030,2,0,1245,000,0,0,0,000,0,0,0\x03\x02001,0,0,0,1,2,4,0,00000000,1,000\x03\x021234,0\x03",
                HostStatusError::BadField {
                    line: 1,
                    field: "b",
                    value: "2".into(),
                },
            ),
            (
                b"\x02030,0,0,-12,000,0,0,0,000,0,0,0\x03\x02001,0,0,0,1,2,4,0,00000000,1,000\x03\x021234,0\x03",
                HostStatusError::BadField {
                    line: 1,
                    field: "dddd",
                    value: "-12".into(),
                },
            ),
            (
                b"\x02030,0,0,1245,000,0,0,0,000,0,0,0\x03\x02001,0,\xff,0,1,2,4,0,00000000,1,000\x03\x021234,0\x03",
                HostStatusError::BadField {
                    line: 2,
                    field: "o",
                    value: "\u{fffd}".into(),
                },
            ),
            (
                b"\x02030,0,0,1245,000,0,0,0,000,0,0,0\x03\x02001,0,0,0,1,2,4,0,99999999999,1,000\x03\x021234,0\x03",
                HostStatusError::BadField {
                    line: 2,
                    field: "uuuuuuuu",
                    value: "99999999999".into(),
                },
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(
                HostStatus::parse(input).as_ref(),
                Err(expected),
                "{}",
                String::from_utf8_lossy(input)
            );
        }
        let mut four = READY.to_vec();
        four.extend_from_slice(b"\x020000,0\x03");
        assert_eq!(HostStatus::parse(&four), Err(HostStatusError::TooManyLines));
    }

    #[test]
    fn arbitrary_bytes_never_panic() {
        // A cheap deterministic sweep over truncations and single-byte corruptions.
        for end in 0..=READY.len() {
            let _ = HostStatus::parse(&READY[..end]);
        }
        for i in 0..READY.len() {
            for byte in [0u8, 2, 3, b',', b'9', 0xff] {
                let mut corrupt = READY.to_vec();
                corrupt[i] = byte;
                let _ = HostStatus::parse(&corrupt);
            }
        }
    }

    #[test]
    fn every_fault_has_both_messages() {
        for fault in [
            PrinterFault::PaperOut,
            PrinterFault::Paused,
            PrinterFault::HeadOpen,
            PrinterFault::RibbonOut,
            PrinterFault::BufferFull,
            PrinterFault::OverTemperature,
            PrinterFault::UnderTemperature,
            PrinterFault::CorruptRam,
        ] {
            assert!(!fault.message_de().is_empty() && !fault.message_en().is_empty());
            assert_eq!(fault.to_string(), fault.message_de());
        }
    }
}
