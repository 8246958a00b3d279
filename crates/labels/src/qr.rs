//! QR codes as label graphics: payload → QR symbol (EC level M, smallest version) → 350 × 350-dot
//! [`Bitmap`] → `^FO…^GFA…^FS` field.
//!
//! Products spec §5.7, packaging spec §7.6. The symbol comes from the `qrcode` crate, which picks its
//! own segmentation and mask, so pixels may differ from the original's node `qrcode`; the decoded
//! text is the same.

use qrcode::EcLevel;
use qrcode::canvas::{Canvas, MaskPattern, Module};

use crate::zpl::{Bitmap, GraphicEncoding, Mode, graphic_command};

/// Side of the square QR box on the label, in dots.
pub const QR_BOX: u32 = 350;
/// Origin of the QR box on every label (`^FO759,180`).
pub const QR_ORIGIN: (u32, u32) = (759, 180);

/// Why a QR code could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QrError {
    /// The payload does not fit in a version-40 symbol at EC level M.
    PayloadTooLong { bytes: usize },
}

impl core::fmt::Display for QrError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            QrError::PayloadTooLong { bytes } => {
                write!(f, "QR payload of {bytes} bytes is too long for a QR code")
            }
        }
    }
}

impl std::error::Error for QrError {}

/// An encoded QR symbol: `modules × modules` dark/light modules, without quiet zone.
#[derive(Debug, Clone)]
pub struct QrSymbol {
    version: u8,
    modules: usize,
    dark: Vec<bool>,
}

impl QrSymbol {
    /// Encodes `payload` (UTF-8 bytes, no ECI) at EC level M with the smallest version that fits.
    ///
    /// The `qrcode` crate segments the data (mixed modes, like the original's library) and draws the
    /// symbol; the mask is chosen here with the standard penalty rules on a plain grid, which is
    /// about ten times faster than the crate's own mask search.
    pub fn encode(payload: &str) -> Result<Self, QrError> {
        let too_long = |_| QrError::PayloadTooLong {
            bytes: payload.len(),
        };
        let bits = qrcode::bits::encode_auto(payload.as_bytes(), EcLevel::M).map_err(too_long)?;
        let version = bits.version();
        let data = bits.into_bytes();
        let (codewords, ec) =
            qrcode::ec::construct_codewords(&data, version, EcLevel::M).map_err(too_long)?;
        let mut canvas = Canvas::new(version, EcLevel::M);
        canvas.draw_all_functional_patterns();
        canvas.draw_data(&codewords, &ec);
        let size = version.width() as usize;
        // Mask search on a plain grid: data modules flipped where the mask function holds,
        // functional patterns untouched. Only the winner is applied to the crate's canvas, which
        // also writes the matching format information.
        // The crate masks every module not drawn as `Masked` (data and remainder bits, and the format
        // information areas it overwrites afterwards); the search flips exactly those.
        let modules: Vec<Module> = (0..size * size)
            .map(|i| canvas.get((i % size) as i16, (i / size) as i16))
            .collect();
        let base: Vec<bool> = modules
            .iter()
            .map(|m| qrcode::Color::from(*m) == qrcode::Color::Dark)
            .collect();
        let data_module: Vec<bool> = modules
            .iter()
            .map(|m| !matches!(m, Module::Masked(_)))
            .collect();
        let mut best = (u32::MAX, MASKS[0]);
        let (base_rows, data_rows) = (bit_rows(&base, size), bit_rows(&data_module, size));
        for (index, pattern) in MASKS.into_iter().enumerate() {
            let score = if size <= 64 {
                masked_penalty_bits(&base_rows, &data_rows, size, index)
            } else {
                let grid: Vec<bool> = (0..size * size)
                    .map(|i| base[i] ^ (data_module[i] && mask_bit(index, i % size, i / size)))
                    .collect();
                penalty(&grid, size)
            };
            if score < best.0 {
                best = (score, pattern);
            }
        }
        canvas.apply_mask(best.1);
        let modules = size;
        let dark: Vec<bool> = canvas
            .into_colors()
            .into_iter()
            .map(|c| c == qrcode::Color::Dark)
            .collect();
        let version = match version {
            qrcode::Version::Normal(v) | qrcode::Version::Micro(v) => v as u8,
        };
        Ok(Self {
            version,
            modules,
            dark,
        })
    }

    /// QR version (1–40).
    pub fn version(&self) -> u8 {
        self.version
    }

    /// Modules per side, N = 17 + 4 × version.
    pub fn modules(&self) -> usize {
        self.modules
    }

    /// Whether module (row, column) is dark; `false` outside the symbol.
    pub fn is_dark(&self, row: usize, column: usize) -> bool {
        row < self.modules && column < self.modules && self.dark[row * self.modules + column]
    }

    /// The 350-dot raster for `mode`:
    /// * compat: the original's fractional scaling, s = 350/(N+2), image side ⌊(N+2)·s⌋, 1-module
    ///   quiet zone, pixel (i, j) from module (⌊(i−s)/s⌋, ⌊(j−s)/s⌋) — modules 6 or 7 dots wide;
    /// * default: integer scale ⌊350/(N+2)⌋ so every module is the same whole number of dots,
    ///   the symbol plus its 1-module quiet zone centred in the 350 × 350 box.
    pub fn bitmap(&self, mode: Mode) -> Bitmap {
        match mode {
            Mode::CompatOriginal => self.bitmap_fractional(),
            Mode::Default => self.bitmap_whole_dots(),
        }
    }

    /// Dots per module in the default mode.
    pub fn whole_dot_scale(&self) -> u32 {
        (QR_BOX / (self.modules as u32 + 2)).max(1)
    }

    fn bitmap_fractional(&self) -> Bitmap {
        // Mirrors node-qrcode's qrToImageData with width 350 and margin 1.
        let scale = f64::from(QR_BOX) / (self.modules as f64 + 2.0);
        let size = ((self.modules as f64 + 2.0) * scale).floor() as u32;
        let margin = scale;
        let mut bitmap = Bitmap::new(size, size);
        for i in 0..size {
            let fi = f64::from(i);
            if fi < margin || fi >= f64::from(size) - margin {
                continue;
            }
            let row = ((fi - margin) / scale).floor() as usize;
            for j in 0..size {
                let fj = f64::from(j);
                if fj < margin || fj >= f64::from(size) - margin {
                    continue;
                }
                let column = ((fj - margin) / scale).floor() as usize;
                if self.is_dark(row, column) {
                    bitmap.set(j, i, true);
                }
            }
        }
        bitmap
    }

    fn bitmap_whole_dots(&self) -> Bitmap {
        let scale = self.whole_dot_scale();
        let symbol = self.modules as u32 * scale;
        let offset = QR_BOX.saturating_sub(symbol) / 2;
        let mut bitmap = Bitmap::new(QR_BOX, QR_BOX);
        let bytes_per_row = bitmap.bytes_per_row();
        let mut line = vec![0u8; bytes_per_row];
        for row in 0..self.modules {
            // Draw one pixel row of this module row, then repeat it `scale` times.
            line.fill(0);
            for column in (0..self.modules).filter(|&c| self.is_dark(row, c)) {
                let start = offset + column as u32 * scale;
                for x in start..(start + scale).min(QR_BOX) {
                    line[(x / 8) as usize] |= 0x80 >> (x % 8);
                }
            }
            let top = (offset + row as u32 * scale) as usize;
            for y in top..(top + scale as usize).min(QR_BOX as usize) {
                bitmap.data_mut()[y * bytes_per_row..(y + 1) * bytes_per_row]
                    .copy_from_slice(&line);
            }
        }
        bitmap
    }
}

/// The complete QR line of a label: `^FO759,180^GFA,…^FS`.
///
/// Compat mode reproduces the original's doubled prefix, `^FO759,180^GFA,^GFA,15400,15400,44,<hex>^FS`;
/// the default mode writes a single, compressed `^GFA`.
pub fn qr_field(payload: &str, mode: Mode) -> Result<String, QrError> {
    let bitmap = QrSymbol::encode(payload)?.bitmap(mode);
    let (x, y) = QR_ORIGIN;
    let graphic = graphic_command(&bitmap, mode.graphic_encoding());
    Ok(match mode {
        Mode::CompatOriginal => format!("^FO{x},{y}^GFA,{graphic}^FS"),
        Mode::Default => format!("^FO{x},{y}{graphic}^FS"),
    })
}

/// The `^GFA` command of a QR bitmap in a chosen encoding (e.g. to compare encodings).
pub fn qr_graphic(payload: &str, mode: Mode, encoding: GraphicEncoding) -> Result<String, QrError> {
    Ok(graphic_command(
        &QrSymbol::encode(payload)?.bitmap(mode),
        encoding,
    ))
}

const MASKS: [MaskPattern; 8] = [
    MaskPattern::Checkerboard,
    MaskPattern::HorizontalLines,
    MaskPattern::VerticalLines,
    MaskPattern::DiagonalLines,
    MaskPattern::LargeCheckerboard,
    MaskPattern::Fields,
    MaskPattern::Diamonds,
    MaskPattern::Meadow,
];

/// Whether mask `index` (QR mask pattern 000–111) flips the module at column `x`, row `y`.
fn mask_bit(index: usize, x: usize, y: usize) -> bool {
    match index {
        0 => (x + y).is_multiple_of(2),
        1 => y.is_multiple_of(2),
        2 => x.is_multiple_of(3),
        3 => (x + y).is_multiple_of(3),
        4 => (x / 3 + y / 2).is_multiple_of(2),
        5 => (x * y) % 2 + (x * y) % 3 == 0,
        6 => ((x * y) % 2 + (x * y) % 3).is_multiple_of(2),
        _ => ((x + y) % 2 + (x * y) % 3).is_multiple_of(2),
    }
}

/// [`penalty`] for symbols up to 64 modules wide (versions 1–11, every label payload in practice),
/// with each row and column as one `u64`: the same score, several times faster.
fn masked_penalty_bits(base_rows: &[u64], data_rows: &[u64], size: usize, mask: usize) -> u32 {
    let mut rows = [0u64; 64];
    let mut cols = [0u64; 64];
    for y in 0..size {
        let row = base_rows[y] ^ (data_rows[y] & mask_row(mask, y, size));
        rows[y] = row;
        let mut dark = row;
        while dark != 0 {
            cols[dark.trailing_zeros() as usize] |= 1 << y;
            dark &= dark - 1;
        }
    }
    let (rows, cols) = (&rows[..size], &cols[..size]);
    let mut score: u32 = rows
        .iter()
        .chain(cols)
        .map(|&line| line_penalty_bits(line, size))
        .sum();
    // N2: a 2×2 block at x needs row y equal at x and x+1, row y+1 likewise, and the rows equal at x.
    let pairs = (1u64 << (size - 1)) - 1;
    for pair in rows.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let same = !(a ^ (a >> 1)) & !(b ^ (b >> 1)) & !(a ^ b) & pairs;
        score += 3 * same.count_ones();
    }
    // N4: balance of dark modules.
    let dark: usize = rows.iter().map(|r| r.count_ones() as usize).sum();
    let percent = dark * 100 / (size * size);
    score + 10 * (percent.abs_diff(50) / 5) as u32
}

/// Row-major bits (bit x of entry y) of a `size × size` grid, `size` ≤ 64.
fn bit_rows(grid: &[bool], size: usize) -> Vec<u64> {
    if size > 64 {
        return Vec::new();
    }
    grid.chunks(size)
        .map(|row| {
            row.iter()
                .enumerate()
                .fold(0u64, |bits, (x, &set)| bits | (u64::from(set) << x))
        })
        .collect()
}

/// The modules of row `y` that mask `index` flips, as bits.
fn mask_row(index: usize, y: usize, size: usize) -> u64 {
    (0..size).fold(0u64, |bits, x| {
        bits | (u64::from(mask_bit(index, x, y)) << x)
    })
}

/// Rules N1 and N3 for one line of `size` modules held in the low bits of `line`.
fn line_penalty_bits(line: u64, size: usize) -> u32 {
    let mut runs = [(false, 0usize); 64];
    let mut count = 0;
    let mut start = 0;
    // Bits where the colour changes between x and x+1.
    let mut changes = (line ^ (line >> 1)) & ((1u64 << (size - 1)) - 1);
    loop {
        let end = if changes == 0 {
            size
        } else {
            changes.trailing_zeros() as usize + 1
        };
        runs[count] = ((line >> start) & 1 == 1, end - start);
        count += 1;
        if changes == 0 {
            break;
        }
        changes &= changes - 1;
        start = end;
    }
    runs_penalty(&runs[..count])
}
/// The ISO/IEC 18004 mask penalty (rules N1–N4) of a `size × size` symbol; lower is better.
fn penalty(dark: &[bool], size: usize) -> u32 {
    let mut score = 0u32;
    let mut line = vec![false; size];
    // N1 (runs of five or more) and N3 (1:1:3:1:1 finder look-alikes with four light modules on a
    // side), along rows and then along columns.
    for transpose in [false, true] {
        for a in 0..size {
            for (b, module) in line.iter_mut().enumerate() {
                *module = if transpose {
                    dark[b * size + a]
                } else {
                    dark[a * size + b]
                };
            }
            score += line_penalty(&line);
        }
    }
    // N2: 2×2 blocks of one colour.
    for y in 0..size - 1 {
        let (row, next) = (
            &dark[y * size..(y + 1) * size],
            &dark[(y + 1) * size..(y + 2) * size],
        );
        for x in 0..size - 1 {
            let c = row[x];
            if row[x + 1] == c && next[x] == c && next[x + 1] == c {
                score += 3;
            }
        }
    }
    // N4: balance of dark modules, 10 points per 5 % away from half.
    let dark_count = dark.iter().filter(|d| **d).count();
    let percent = dark_count * 100 / dark.len().max(1);
    score + 10 * (percent.abs_diff(50) / 5) as u32
}

/// Rules N1 and N3 for one row or column, on its runs of equal modules.
fn line_penalty(line: &[bool]) -> u32 {
    // (dark, length) of each run.
    let mut runs: Vec<(bool, usize)> = Vec::with_capacity(line.len());
    for &module in line {
        match runs.last_mut() {
            Some((colour, length)) if *colour == module => *length += 1,
            _ => runs.push((module, 1)),
        }
    }
    runs_penalty(&runs)
}

/// N1 (runs of five or more) and N3 (finder look-alikes) from a line's runs `(dark, length)`.
fn runs_penalty(runs: &[(bool, usize)]) -> u32 {
    let mut score: u32 = runs
        .iter()
        .filter(|(_, length)| *length >= 5)
        .map(|(_, length)| 3 + (*length - 5) as u32)
        .sum();
    // A finder look-alike is dark 1, light 1, dark 3, light 1, dark 1 with at least four light
    // modules (or the symbol edge) before or after it.
    for k in 0..runs.len().saturating_sub(4) {
        let pattern = [runs[k], runs[k + 1], runs[k + 2], runs[k + 3], runs[k + 4]];
        let shape = [(true, 1), (false, 1), (true, 3), (false, 1), (true, 1)];
        if pattern == shape {
            let light_before = k == 0 || runs[k - 1].1 >= 4;
            let light_after = k + 5 >= runs.len() || runs[k + 5].1 >= 4;
            if light_before || light_after {
                score += 40;
            }
        }
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAYLOAD: &str = "SN: CB-0001 \nART: Rotoclear C Basic Steuerrechner \nARTN: 10262 \nELE: EL-3 \nSW: 1.0 \nDAT: 2025-09-17";

    #[test]
    fn bit_parallel_penalty_equals_the_plain_one() {
        for (i, payload) in [
            PAYLOAD,
            "x",
            "SN: KK-0001 \nART: Kamerakopf F1+F2 \n",
            &"9".repeat(300),
        ]
        .into_iter()
        .enumerate()
        {
            let bits = qrcode::bits::encode_auto(payload.as_bytes(), EcLevel::M).expect("fits");
            let version = bits.version();
            let data = bits.into_bytes();
            let (codewords, ec) =
                qrcode::ec::construct_codewords(&data, version, EcLevel::M).expect("codewords");
            let mut canvas = Canvas::new(version, EcLevel::M);
            canvas.draw_all_functional_patterns();
            canvas.draw_data(&codewords, &ec);
            let size = version.width() as usize;
            let base: Vec<bool> = canvas
                .into_colors()
                .into_iter()
                .map(|c| c == qrcode::Color::Dark)
                .collect();
            let data_module: Vec<bool> = (0..size * size)
                .map(|k| {
                    !qrcode::canvas::is_functional(
                        version,
                        size as i16,
                        (k % size) as i16,
                        (k / size) as i16,
                    )
                })
                .collect();
            for mask in 0..8 {
                let grid: Vec<bool> = (0..size * size)
                    .map(|k| base[k] ^ (data_module[k] && mask_bit(mask, k % size, k / size)))
                    .collect();
                assert_eq!(
                    masked_penalty_bits(
                        &bit_rows(&base, size),
                        &bit_rows(&data_module, size),
                        size,
                        mask
                    ),
                    penalty(&grid, size),
                    "payload {i}, mask {mask}"
                );
            }
        }
    }

    #[test]
    fn compat_raster_is_350_square_with_44_bytes_per_row() {
        let symbol = QrSymbol::encode(PAYLOAD).expect("fits");
        let bitmap = symbol.bitmap(Mode::CompatOriginal);
        assert_eq!(
            (
                bitmap.width_px(),
                bitmap.height_px(),
                bitmap.bytes_per_row()
            ),
            (350, 350, 44)
        );
        assert_eq!(bitmap.data().len(), 15400);
    }

    #[test]
    fn default_raster_has_equal_whole_dot_modules_centred() {
        let symbol = QrSymbol::encode(PAYLOAD).expect("fits");
        let n = symbol.modules() as u32;
        let scale = symbol.whole_dot_scale();
        assert_eq!(scale, 350 / (n + 2));
        let bitmap = symbol.bitmap(Mode::Default);
        let offset = (350 - n * scale) / 2;
        for row in 0..n {
            for column in 0..n {
                let dark = symbol.is_dark(row as usize, column as usize);
                for dy in 0..scale {
                    for dx in 0..scale {
                        assert_eq!(
                            bitmap.get(offset + column * scale + dx, offset + row * scale + dy),
                            dark
                        );
                    }
                }
            }
        }
        // Quiet zone of at least one module around the symbol.
        assert!(offset >= scale);
    }

    #[test]
    fn compat_field_has_the_doubled_prefix() {
        let field = qr_field(PAYLOAD, Mode::CompatOriginal).expect("fits");
        assert!(field.starts_with("^FO759,180^GFA,^GFA,15400,15400,44,"));
        assert_eq!(
            field.len(),
            "^FO759,180^GFA,^GFA,15400,15400,44,".len() + 30800 + 3
        );
        let field = qr_field(PAYLOAD, Mode::Default).expect("fits");
        assert!(field.starts_with("^FO759,180^GFA,15400,15400,44,"));
    }

    #[test]
    fn too_long_payload_is_an_error() {
        assert!(matches!(
            QrSymbol::encode(&"x".repeat(3000)),
            Err(QrError::PayloadTooLong { .. })
        ));
    }
}
