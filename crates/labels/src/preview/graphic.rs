//! `^GF` graphic fields: decoding the data forms into a 1-bit bitmap, and turning the bitmap into
//! as few black rectangles as practical.

use base64::Engine as _;
use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

/// A decoded graphic: `rows × bytes_per_row` bytes, rows packed MSB-first, bit 1 = black.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Bitmap {
    pub bytes_per_row: usize,
    pub data: Vec<u8>,
}

impl Bitmap {
    pub fn rows(&self) -> usize {
        self.data.len().div_ceil(self.bytes_per_row)
    }

    fn row(&self, r: usize) -> &[u8] {
        let start = r * self.bytes_per_row;
        let end = (start + self.bytes_per_row).min(self.data.len());
        &self.data[start..end]
    }
}

/// Decodes the data part of `^GFA` into exactly `total` bytes (shorter data is padded with white,
/// longer data is cut). `Err` is the reason the graphic cannot be drawn.
pub(super) fn decode(data: &str, total: usize, bytes_per_row: usize) -> Result<Bitmap, String> {
    let trimmed = data.trim_matches(|c: char| c.is_ascii_whitespace());
    let prefix = trimmed.get(..5).map(str::to_ascii_uppercase);
    let mut bytes = match prefix.as_deref() {
        Some(":Z64:") => decode_base64_field(&trimmed[5..], true, total)?,
        Some(":B64:") => decode_base64_field(&trimmed[5..], false, total)?,
        _ => decode_ascii_hex(trimmed, total, bytes_per_row)?,
    };
    bytes.resize(total, 0);
    Ok(Bitmap {
        bytes_per_row,
        data: bytes,
    })
}

/// ZPL ASCII hex with the optional ASCII compression scheme: `G`–`Y` repeat the next hex digit
/// 1–19 times, `g`–`z` 20–400 times (counts add up), `,` ends the row with zeros, `!` ends it
/// with ones, `:` repeats the previous row. Plain uncompressed hex is the special case with
/// none of these.
fn decode_ascii_hex(data: &str, total: usize, bytes_per_row: usize) -> Result<Vec<u8>, String> {
    let mut out = vec![0u8; total];
    let total_nibbles = total * 2;
    let row_nibbles = bytes_per_row * 2;
    let mut pos = 0usize;
    let mut count = 0usize;
    let mut bad = None;
    for c in data.chars() {
        if pos >= total_nibbles {
            break;
        }
        match c {
            '0'..='9' | 'A'..='F' | 'a'..='f' => {
                let value = c.to_digit(16).unwrap_or(0) as u8;
                let n = count.max(1).min(total_nibbles - pos);
                if value != 0 {
                    for p in pos..pos + n {
                        set_nibble(&mut out, p, value);
                    }
                }
                pos += n;
                count = 0;
            }
            'G'..='Y' => count = count.saturating_add(c as usize - 'G' as usize + 1),
            'g'..='z' => count = count.saturating_add((c as usize - 'g' as usize + 1) * 20),
            ',' | '!' => {
                let end = next_row_start(pos, row_nibbles).min(total_nibbles);
                if c == '!' {
                    for p in pos..end {
                        set_nibble(&mut out, p, 0xF);
                    }
                }
                pos = end;
                count = 0;
            }
            ':' => {
                if !pos.is_multiple_of(row_nibbles) {
                    pos = next_row_start(pos, row_nibbles);
                }
                let start = pos / 2;
                if start >= total {
                    break;
                }
                let len = bytes_per_row.min(total - start);
                if start >= bytes_per_row {
                    out.copy_within(start - bytes_per_row..start - bytes_per_row + len, start);
                }
                pos += len * 2;
                count = 0;
            }
            c if c.is_ascii_whitespace() => {}
            other => {
                bad.get_or_insert(other);
            }
        }
    }
    match bad {
        Some(c) => Err(format!("invalid character {c:?} in ^GF hex data")),
        None => Ok(out),
    }
}

fn next_row_start(pos: usize, row_nibbles: usize) -> usize {
    (pos / row_nibbles + 1) * row_nibbles
}

fn set_nibble(out: &mut [u8], pos: usize, value: u8) {
    let byte = &mut out[pos / 2];
    if pos.is_multiple_of(2) {
        *byte = (*byte & 0x0F) | (value << 4);
    } else {
        *byte = (*byte & 0xF0) | value;
    }
}

/// `:B64:<base64>:<crc>` or `:Z64:<base64 of zlib data>:<crc>`. The CRC is four hex digits over
/// the base64 text; both common CRC-16-CCITT variants (initial value 0 and 0xFFFF) are accepted,
/// since encoders in the wild disagree on it.
fn decode_base64_field(body: &str, zlib: bool, total: usize) -> Result<Vec<u8>, String> {
    let (encoded, crc) = match body.rsplit_once(':') {
        Some((encoded, crc)) => (encoded, Some(crc.trim())),
        None => (body, None),
    };
    if let Some(crc) = crc.filter(|crc| !crc.is_empty()) {
        let expected = u16::from_str_radix(crc, 16)
            .ok()
            .filter(|_| crc.len() <= 4)
            .ok_or_else(|| format!("malformed CRC {:?} in ^GF data", truncate(crc, 8)))?;
        let bytes = encoded.as_bytes();
        if crc16_ccitt(bytes, 0) != expected && crc16_ccitt(bytes, 0xFFFF) != expected {
            return Err(format!("CRC mismatch in ^GF data (field says {crc})"));
        }
    }
    let compact: String = encoded
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    let engine = GeneralPurpose::new(
        &alphabet::STANDARD,
        GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
    );
    let raw = engine
        .decode(compact)
        .map_err(|e| format!("invalid base64 in ^GF data: {e}"))?;
    if !zlib {
        return Ok(raw);
    }
    // The limit keeps a small zlib bomb from allocating more than the declared graphic.
    match miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&raw, total) {
        Ok(bytes) => Ok(bytes),
        Err(e) if e.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput => Ok(e.output),
        Err(e) => Err(format!(
            "invalid zlib data in ^GF :Z64: field ({})",
            e.status as i32
        )),
    }
}

/// CRC-16 with the CCITT polynomial 0x1021, MSB first, no final XOR.
fn crc16_ccitt(data: &[u8], init: u16) -> u16 {
    let mut crc = init;
    for &b in data {
        crc ^= u16::from(b) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 {
                (crc << 1) ^ 0x1021
            } else {
                crc << 1
            };
        }
    }
    crc
}

/// Cuts `s` to at most `max` characters, for messages.
pub(super) fn truncate(s: &str, max: usize) -> &str {
    match s.char_indices().nth(max) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// A black rectangle in bitmap pixel coordinates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Rect {
    pub x: usize,
    pub y: usize,
    pub width: usize,
    pub height: usize,
}

/// Covers the set pixels with rectangles: horizontal runs per row, and identical runs in
/// consecutive rows merged into one taller rectangle (a QR module becomes one rectangle).
/// Only the part inside `max_width × max_height` pixels is considered.
pub(super) fn rectangles(bitmap: &Bitmap, max_width: usize, max_height: usize) -> Vec<Rect> {
    let width = (bitmap.bytes_per_row * 8).min(max_width);
    let rows = bitmap.rows().min(max_height);
    let mut done = Vec::new();
    // Runs open in the previous row: (start, end, first row), sorted by start.
    let mut open: Vec<(usize, usize, usize)> = Vec::new();
    let mut next_open = Vec::new();
    let mut runs = Vec::new();
    for r in 0..rows {
        row_runs(bitmap.row(r), width, &mut runs);
        let mut i = 0;
        for &(start, end) in &runs {
            while i < open.len() && open[i].0 < start {
                done.push(close(open[i], r));
                i += 1;
            }
            if i < open.len() && open[i].0 == start && open[i].1 == end {
                next_open.push(open[i]);
                i += 1;
            } else {
                next_open.push((start, end, r));
            }
        }
        for &run in &open[i..] {
            done.push(close(run, r));
        }
        std::mem::swap(&mut open, &mut next_open);
        next_open.clear();
    }
    done.extend(open.into_iter().map(|run| close(run, rows)));
    done
}

fn close((start, end, top): (usize, usize, usize), row: usize) -> Rect {
    Rect {
        x: start,
        y: top,
        width: end - start,
        height: row - top,
    }
}

/// Runs of set bits `[start, end)` in one packed row, limited to `width` pixels.
fn row_runs(row: &[u8], width: usize, runs: &mut Vec<(usize, usize)>) {
    runs.clear();
    let mut start = None;
    for (i, &byte) in row.iter().enumerate() {
        let base = i * 8;
        if base >= width {
            break;
        }
        // Whole-byte fast paths; most of a label graphic is uniform.
        if (byte == 0 && start.is_none()) || (byte == 0xFF && start.is_some() && base + 8 <= width)
        {
            continue;
        }
        for bit in 0..8 {
            let x = base + bit;
            if x >= width {
                break;
            }
            let set = byte & (0x80 >> bit) != 0;
            match (set, start) {
                (true, None) => start = Some(x),
                (false, Some(s)) => {
                    runs.push((s, x));
                    start = None;
                }
                _ => {}
            }
        }
    }
    if let Some(s) = start {
        runs.push((s, width.min(row.len() * 8)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bitmap(data: &str, total: usize, bpr: usize) -> Vec<u8> {
        decode(data, total, bpr).expect("decodes").data
    }

    #[test]
    fn plain_hex_is_packed_msb_first_and_padded() {
        assert_eq!(bitmap("F00F8", 4, 2), vec![0xF0, 0x0F, 0x80, 0x00]);
    }

    #[test]
    fn ascii_compression_counts_and_row_shortcuts() {
        // Row 1: "I" = 3 × F, then one 0; row 2: ',' = zeros; row 3: ':' = row 2; row 4: '!' = ones.
        assert_eq!(
            bitmap("IF0,:!", 8, 2),
            vec![0xFF, 0xF0, 0, 0, 0, 0, 0xFF, 0xFF]
        );
        // Counts add up ("gJ" = 24) and run across row ends.
        assert_eq!(bitmap("hA", 20, 1), vec![0xAA; 20]);
        assert_eq!(bitmap("gJ1", 12, 12)[..12], [0x11; 12]);
    }

    #[test]
    fn colon_repeats_the_previous_row() {
        assert_eq!(
            bitmap("A5C3::", 6, 2),
            vec![0xA5, 0xC3, 0xA5, 0xC3, 0xA5, 0xC3]
        );
    }

    #[test]
    fn b64_and_z64_decode_and_check_the_crc() {
        let raw = [0xFFu8, 0x00, 0x81, 0x7E];
        let b64 = base64::engine::general_purpose::STANDARD.encode(raw);
        let crc = crc16_ccitt(b64.as_bytes(), 0);
        assert_eq!(bitmap(&format!(":B64:{b64}:{crc:04X}"), 4, 2), raw.to_vec());
        let z = miniz_oxide::deflate::compress_to_vec_zlib(&raw, 9);
        let z64 = base64::engine::general_purpose::STANDARD.encode(z);
        let crc = crc16_ccitt(z64.as_bytes(), 0xFFFF);
        assert_eq!(bitmap(&format!(":Z64:{z64}:{crc:04x}"), 4, 2), raw.to_vec());
        let err = decode(&format!(":Z64:{z64}:0000"), 4, 2).expect_err("bad CRC");
        assert!(err.contains("CRC"), "{err}");
    }

    #[test]
    fn crc_matches_the_known_check_values() {
        assert_eq!(crc16_ccitt(b"123456789", 0), 0x31C3);
        assert_eq!(crc16_ccitt(b"123456789", 0xFFFF), 0x29B1);
    }

    #[test]
    fn zlib_bombs_stop_at_the_declared_size() {
        let z = miniz_oxide::deflate::compress_to_vec_zlib(&[0xFFu8; 100_000], 9);
        let z64 = base64::engine::general_purpose::STANDARD.encode(z);
        assert_eq!(bitmap(&format!(":Z64:{z64}"), 16, 4), vec![0xFF; 16]);
    }

    #[test]
    fn invalid_characters_are_reported() {
        assert!(decode("FFQ?", 2, 1).is_err());
    }

    #[test]
    fn identical_runs_in_consecutive_rows_merge() {
        // A 2×2 block at x 4..6 over rows 0–1, and a single pixel at x 15 in row 1.
        let bitmap = Bitmap {
            bytes_per_row: 2,
            data: vec![0x0C, 0x00, 0x0C, 0x01],
        };
        assert_eq!(
            rectangles(&bitmap, 100, 100),
            vec![
                Rect {
                    x: 4,
                    y: 0,
                    width: 2,
                    height: 2
                },
                Rect {
                    x: 15,
                    y: 1,
                    width: 1,
                    height: 1
                },
            ]
        );
        // Clipped to 15 pixels wide, the lone pixel disappears.
        assert_eq!(rectangles(&bitmap, 15, 100).len(), 1);
    }

    #[test]
    fn full_rows_become_one_rectangle() {
        let bitmap = Bitmap {
            bytes_per_row: 3,
            data: vec![0xFF; 9],
        };
        assert_eq!(
            rectangles(&bitmap, 100, 100),
            vec![Rect {
                x: 0,
                y: 0,
                width: 24,
                height: 3
            }]
        );
    }
}
