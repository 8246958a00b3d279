//! ZPL building blocks shared by every label: output mode, line builder, preamble, fonts, the common
//! header block, 1-bit bitmaps and their `^GF` encodings, and the fixed icons.
//!
//! Facts: products spec §5.5, Appendices A and B; packaging spec §7.1, §7.2, §7.5 and Appendix A.

use base64::Engine as _;

/// Which ZPL a writer produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Mode {
    /// Reproduces the original's bytes: doubled `^GFA,` prefix on the QR, uncompressed ASCII-hex
    /// graphics, the original's non-integer QR scaling, text through `normalizeAscii` unescaped.
    /// Only for checking the spec's test vectors; unsafe with hostile text (products spec §9.27).
    CompatOriginal,
    /// Fixed output: whole-dot QR modules, compressed graphics, single `^GFA` prefix, user text
    /// transliterated, truncated and `^FH`-escaped.
    #[default]
    Default,
}

impl Mode {
    /// The field-data opener for user text made by [`crate::text::label_text`]:
    /// `^FH^FD` in the default mode (the text carries `_XX` hex escapes), `^FD` in compat mode.
    pub fn field_data(self) -> &'static str {
        match self {
            Mode::CompatOriginal => "^FD",
            Mode::Default => "^FH^FD",
        }
    }

    /// How this mode encodes `^GF` graphics: uncompressed hex in compat mode, compressed otherwise.
    pub fn graphic_encoding(self) -> GraphicEncoding {
        match self {
            Mode::CompatOriginal => GraphicEncoding::Hex,
            Mode::Default => GraphicEncoding::DEFAULT_COMPRESSED,
        }
    }
}

/// Label width in dots (100 mm stock at 12 dots/mm).
pub const LABEL_WIDTH: u32 = 1181;
/// Label length in dots (150 mm stock).
pub const LABEL_LENGTH: u32 = 1772;
/// Left/top margin in dots (6 mm).
pub const MARGIN: u32 = 72;

/// A ZPL job under construction: one command (or field) per line, joined with CR LF, with no
/// CR LF after the last line (products spec §5.5).
#[derive(Debug, Clone, Default)]
pub struct Zpl {
    lines: Vec<String>,
}

impl Zpl {
    /// An empty job.
    pub fn new() -> Self {
        Self::default()
    }

    /// A job that starts with `^XA` and the common preamble
    /// (`^CI28 ^PON ^FWN ^LH0,0 ^PW1181 ^LL1772 ^LS0 ^CWZ,E:TT0003M_.TTF`, one line each).
    pub fn begin_label() -> Self {
        let mut zpl = Self::new();
        for line in [
            "^XA",
            "^CI28",
            "^PON",
            "^FWN",
            "^LH0,0",
            &format!("^PW{LABEL_WIDTH}"),
            &format!("^LL{LABEL_LENGTH}"),
            "^LS0",
            "^CWZ,E:TT0003M_.TTF",
        ] {
            zpl.line(line);
        }
        zpl
    }

    /// Appends one line (without its CR LF).
    pub fn line(&mut self, line: impl Into<String>) -> &mut Self {
        self.lines.push(line.into());
        self
    }

    /// Appends a font command on its own line, as the original does before most fields.
    pub fn font(&mut self, font: Font) -> &mut Self {
        self.line(font.command())
    }

    /// Appends `^FOx,y^FD<text>^FS` for a **fixed** text (no user input, no `^ ~ _`).
    pub fn fixed_text(&mut self, x: u32, y: u32, text: &str) -> &mut Self {
        debug_assert!(
            !text.contains(['^', '~']),
            "fixed text must not contain ZPL command characters"
        );
        self.line(format!("^FO{x},{y}^FD{text}^FS"))
    }

    /// Appends `^FOx,y<graphic>^FS` for a bitmap in the given encoding.
    /// A fixed icon; its encoded form is computed once per encoding and reused.
    pub fn icon(&mut self, x: u32, y: u32, icon: &Icon, encoding: GraphicEncoding) -> &mut Self {
        static ENCODED: std::sync::Mutex<Vec<(&'static str, GraphicEncoding, String)>> =
            std::sync::Mutex::new(Vec::new());
        let mut cache = ENCODED
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let command = match cache
            .iter()
            .find(|(hex, enc, _)| std::ptr::eq(*hex, icon.hex) && *enc == encoding)
        {
            Some((_, _, command)) => command.clone(),
            None => {
                let command = graphic_command(&icon.bitmap(), encoding);
                cache.push((icon.hex, encoding, command.clone()));
                command
            }
        };
        drop(cache);
        self.line(format!("^FO{x},{y}{command}^FS"))
    }

    pub fn graphic(
        &mut self,
        x: u32,
        y: u32,
        bitmap: &Bitmap,
        encoding: GraphicEncoding,
    ) -> &mut Self {
        self.line(format!(
            "^FO{x},{y}{}^FS",
            graphic_command(bitmap, encoding)
        ))
    }

    /// Appends `^XZ` and joins the lines with CR LF.
    pub fn finish_label(mut self) -> String {
        self.line("^XZ");
        self.into_string()
    }

    /// Joins the lines with CR LF, adding nothing.
    pub fn into_string(self) -> String {
        self.lines.join("\r\n")
    }
}

/// A size of the label font `Z` (`^CWZ,E:TT0003M_.TTF`), in dots.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Font {
    pub height: u32,
    pub width: u32,
}

impl Font {
    /// The font command, `^AZN,<height>,<width>`.
    pub fn command(self) -> String {
        format!("^AZN,{},{}", self.height, self.width)
    }
}

/// Title font (`^AZN,50,50`).
pub const TITLE_FONT: Font = Font {
    height: 50,
    width: 50,
};
/// Body font (`^AZN,25,25`).
pub const BODY_FONT: Font = Font {
    height: 25,
    width: 25,
};

/// The second address line as the original sends it: with an en dash (U+2013), UTF-8 under `^CI28`.
const ADDRESS_STREET_ORIGINAL: &str = "Carl-Benz-Strasse 10\u{2013}12";

/// Writes the common header block (products spec §5.5 elements 1–10, packaging spec §7.2 1–10):
/// title, logo, four address lines, website, CE mark, info icon, tagline — in the original's
/// command order, with the font command on its own line before each text field.
///
/// `title` is fixed text (e.g. `Rotoclear C Pro`). `info` is [`INFO_ICON_PRODUCT`] for product labels
/// and [`INFO_ICON_PACKAGING`] for the accessory, mount and carton labels (they differ by one byte).
/// In the default mode the en dash of the address becomes `-` (the font may lack it) and the icons
/// are sent compressed.
pub fn write_header(zpl: &mut Zpl, title: &str, info: &Icon, mode: Mode) {
    let encoding = mode.graphic_encoding();
    let street = match mode {
        Mode::CompatOriginal => ADDRESS_STREET_ORIGINAL.to_owned(),
        Mode::Default => crate::text::transliterate(ADDRESS_STREET_ORIGINAL),
    };
    zpl.font(TITLE_FONT).fixed_text(MARGIN, 72, title);
    zpl.icon(1061, 72, &LOGO_ICON, encoding);
    for (y, text) in [
        (188, "Rotoclear GmbH"),
        (218, street.as_str()),
        (248, "69115 Heidelberg"),
        (278, "Germany"),
        (316, "www.rotoclear.com"),
    ] {
        zpl.font(BODY_FONT).fixed_text(MARGIN, y, text);
    }
    zpl.icon(MARGIN, 394, &CE_ICON, encoding);
    zpl.icon(149, 394, info, encoding);
    zpl.font(BODY_FONT)
        .fixed_text(MARGIN, 474, "Designed and made in Germany");
}

/// A 1-bit raster: `height_px` rows of `bytes_per_row()` bytes, pixels packed MSB-first,
/// bit 1 = black (printed dot); padding bits at the end of each row are 0.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bitmap {
    width_px: u32,
    height_px: u32,
    data: Vec<u8>,
}

impl Bitmap {
    /// An all-white bitmap.
    pub fn new(width_px: u32, height_px: u32) -> Self {
        let bytes = width_px.div_ceil(8) as usize * height_px as usize;
        Self {
            width_px,
            height_px,
            data: vec![0; bytes],
        }
    }

    /// Wraps packed rows; `None` if `data` is not exactly `height_px × ceil(width_px/8)` bytes.
    pub fn from_packed(width_px: u32, height_px: u32, data: Vec<u8>) -> Option<Self> {
        (data.len() == width_px.div_ceil(8) as usize * height_px as usize).then_some(Self {
            width_px,
            height_px,
            data,
        })
    }

    /// Decodes uncompressed ASCII hex (as in `^GFA` data); `None` on a bad digit or wrong length.
    pub fn from_hex(width_px: u32, height_px: u32, hex: &str) -> Option<Self> {
        Self::from_packed(width_px, height_px, decode_hex(hex)?)
    }

    pub fn width_px(&self) -> u32 {
        self.width_px
    }

    pub fn height_px(&self) -> u32 {
        self.height_px
    }

    /// Bytes per packed row, `ceil(width_px / 8)`.
    pub fn bytes_per_row(&self) -> usize {
        self.width_px.div_ceil(8) as usize
    }

    /// All packed rows, top to bottom.
    pub fn data(&self) -> &[u8] {
        &self.data
    }

    /// One packed row.
    pub fn row(&self, y: u32) -> &[u8] {
        let bpr = self.bytes_per_row();
        let start = y as usize * bpr;
        &self.data[start..start + bpr]
    }

    /// Whether the pixel is black; `false` outside the bitmap.
    pub fn get(&self, x: u32, y: u32) -> bool {
        if x >= self.width_px || y >= self.height_px {
            return false;
        }
        let byte = self.data[y as usize * self.bytes_per_row() + (x / 8) as usize];
        byte & (0x80 >> (x % 8)) != 0
    }

    /// Sets one pixel; ignored outside the bitmap.
    pub fn set(&mut self, x: u32, y: u32, black: bool) {
        if x >= self.width_px || y >= self.height_px {
            return;
        }
        let index = y as usize * self.bytes_per_row() + (x / 8) as usize;
        let mask = 0x80 >> (x % 8);
        if black {
            self.data[index] |= mask;
        } else {
            self.data[index] &= !mask;
        }
    }

    /// The packed rows, writable (rows of [`Bitmap::bytes_per_row`] bytes).
    pub fn data_mut(&mut self) -> &mut [u8] {
        &mut self.data
    }

    /// Paints a black rectangle (clipped to the bitmap).
    pub fn fill_rect(&mut self, x: u32, y: u32, width: u32, height: u32) {
        for yy in y..y.saturating_add(height).min(self.height_px) {
            for xx in x..x.saturating_add(width).min(self.width_px) {
                self.set(xx, yy, true);
            }
        }
    }

    /// Upper-case hex of all rows, no separators.
    pub fn to_hex(&self) -> String {
        encode_hex(&self.data)
    }
}

/// A fixed label icon (Appendix B of the products spec, Appendix A of the packaging spec).
#[derive(Debug, Clone, Copy)]
pub struct Icon {
    pub width_px: u32,
    pub height_px: u32,
    /// Upper-case ASCII hex, rows MSB-first, exactly as the original sends it.
    pub hex: &'static str,
}

impl Icon {
    /// The icon as a bitmap.
    pub fn bitmap(&self) -> Bitmap {
        // The constants below are checked by the unit tests, so a malformed one is a build-time bug.
        Bitmap::from_hex(self.width_px, self.height_px, self.hex)
            .unwrap_or_else(|| Bitmap::new(self.width_px, self.height_px))
    }
}

/// Logo: ring with a filled centre dot, 48 × 41 dots (`^GFA,246,246,6,…`).
pub const LOGO_ICON: Icon = Icon {
    width_px: 48,
    height_px: 41,
    hex: "0001FFC00000000FFFF80000003FFFFE0000007F80FF000001FC001FC00003F00007E00007C00001F0000F800000F8000F00000078001E0000003C003C0000001E003C0000001E00780000000F00780000000F00700000000700F00000000780F00000000780E0001C000380E0003E000380E0007F000380E0007F000380E0007F000380E0003E000380E0001C000380F00000000780F00000000780700000000700780000000F00780000000F003C0000001E003C0000001E001E0000003C000F00000078000F800000F80007C00001F00003F00007E00001FC001FC000007F80FF0000003FFFFE0000000FFFF800000001FFC00000",
};

/// CE mark, 64 × 60 dots (`^GFA,480,480,8,…`).
pub const CE_ICON: Icon = Icon {
    width_px: 64,
    height_px: 60,
    hex: "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000FF0000001FF00007FF0000007FF0001FFF000001FFF0003FFF000007FFF000FFFF00000FFFF001FFFF00001FFFF003FFFA00003FFFF007FF0000007FF8000FFC000000FFC0000FF8000001FF80001FE0000001FF00003FC0000003FE00003FC0000003FC00003F80000003F800007F00000007F000007F00000007F000007F00000007F00000FE00000007E00000FE0000000FFFFE00FE0000000FFFFE00FE0000000FFFFE00FE0000000FFFFE00FE0000000FFFFE00FE0000000FFFFE00FE00000007FFFE00FF00000007E000007F00000007F000007F00000007F000007F80000003F800003FC0000003FC00003FE0000001FC00001FE0000001FE00001FF8000000FF80000FFC000000FFC00007FF0000007FF00003FFFE00003FFFA001FFFF00001FFFF000FFFF00000FFFF0007FFF000007FFF0001FFF000001FFF00007FF0000007FF00001FF0000001FF0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
};

/// "Info" (manufacturer) icon of the product labels, 64 × 60 dots (products spec Appendix B.3).
pub const INFO_ICON_PRODUCT: Icon = Icon {
    width_px: 64,
    height_px: 60,
    hex: INFO_ICON_PRODUCT_HEX,
};

/// "Info" icon of the accessory, mount and carton labels (packaging spec Appendix A.3); one byte
/// differs from [`INFO_ICON_PRODUCT`] (packaging spec §10.31).
pub const INFO_ICON_PACKAGING: Icon = Icon {
    width_px: 64,
    height_px: 60,
    hex: INFO_ICON_PACKAGING_HEX,
};

const INFO_ICON_PRODUCT_HEX: &str = "000000000000000000100000000080000018000000018000000C0000000300000004003F80060000000207F0F80C000000010FDFC79800000000BDFFFFF0000000003FFFFFF0000000000FFFFFE0000000000E0003C0000000000E0003C0000000000600034000000000060007C00000000007000E0000000000059FF6000000000004FFF60000000000046026000000000004704600000000000438860000000000021D060000000000020E040000000000020E040000000000021F04000000000002398C00000000000270CC000000000002606C000000000002C03C000000000003801C000000000003000C000000000007003E00000000000F007300000000001B006180000000003300618000000000630061C000000000C1FFF3200000000180C01E100000000100000018000000020000000C00000004000000060000000800000003000000180000000100000010000000008000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000007FFFFFFFE00000007FFFFFFFE00000007FFFFFFFE00000007FFFFFFFE00000007FFFFFFFE00000007FFFFFFFE00000007FFFFFFFE00000007FFFFFFFE00000007FFFFFFFC0000";
const INFO_ICON_PACKAGING_HEX: &str = "000000000000000000100000000080000018000000018000000C0000000300000004003F80060000000207F0F80C000000010FDFC79800000000BDFFFFF0000000003FFFFFF0000000000FFFFFE0000000000E0003C0000000000E0003C0000000000600034000000000060007C00000000007000E0000000000059FF6000000000004FFF60000000000046026000000000004704600000000000438860000000000021D060000000000020E040000000000020E040000000000021F04000000000002398C00000000000270CC000000000002606C000000000002C03C000000000003801C000000000003000C000000000007003E00000000000F007300000000001B006180000000003300618000000000630061C000000000C1FFF3500000000180C01E100000000100000018000000020000000C00000004000000060000000800000003000000180000000100000010000000008000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000007FFFFFFFE00000007FFFFFFFE00000007FFFFFFFE00000007FFFFFFFE00000007FFFFFFFE00000007FFFFFFFE00000007FFFFFFFE00000007FFFFFFFE00000007FFFFFFFC0000";

/// How a `^GF` graphic's data is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GraphicEncoding {
    /// Uncompressed upper-case ASCII hex, two characters per byte (what the original sends).
    Hex,
    /// ZPL ASCII compression: hex with repeat counts (`G`–`Y` = 1–19, `g`–`z` = 20–400) before a
    /// digit, `,` = rest of row 0, `!` = rest of row 1, `:` = same row as the previous one.
    AsciiCompressed,
    /// `:Z64:` + base64(zlib(data)) + `:` + CRC-16/XMODEM of the base64 text (4 upper-case hex digits).
    Z64,
}

impl GraphicEncoding {
    /// The compressed encoding of the default mode: `:Z64:`. For a whole-dot QR of a product label it
    /// is ≈ 1.1 KB against ≈ 2.8 KB with ASCII compression and 30.8 KB uncompressed, and it is
    /// smaller for the icons too, so a product label is ≈ 2.5 KB. ZB64 is understood by ZPL II
    /// firmware since the mid-2000s; [`GraphicEncoding::AsciiCompressed`] is the fallback for older
    /// printers (change this constant).
    pub const DEFAULT_COMPRESSED: GraphicEncoding = GraphicEncoding::Z64;
}

/// The graphic command `^GFA,<total>,<total>,<bytes_per_row>,<data>` (without `^FO`/`^FS`).
///
/// `total` is the uncompressed byte count in every encoding, as ZPL requires for `^GFA`.
pub fn graphic_command(bitmap: &Bitmap, encoding: GraphicEncoding) -> String {
    let total = bitmap.data().len();
    let bpr = bitmap.bytes_per_row();
    format!(
        "^GFA,{total},{total},{bpr},{}",
        encode_graphic_data(bitmap, encoding)
    )
}

/// Just the data part of a `^GFA` command in the given encoding.
pub fn encode_graphic_data(bitmap: &Bitmap, encoding: GraphicEncoding) -> String {
    match encoding {
        GraphicEncoding::Hex => bitmap.to_hex(),
        GraphicEncoding::AsciiCompressed => ascii_compress(bitmap),
        GraphicEncoding::Z64 => z64_encode(bitmap.data()),
    }
}

const HEX_DIGITS: &[u8; 16] = b"0123456789ABCDEF";

fn encode_hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(HEX_DIGITS[usize::from(b >> 4)] as char);
        out.push(HEX_DIGITS[usize::from(b & 0x0F)] as char);
    }
    out
}

fn decode_hex(hex: &str) -> Option<Vec<u8>> {
    if !hex.len().is_multiple_of(2) {
        return None;
    }
    hex.as_bytes()
        .chunks(2)
        .map(|pair| Some((hex_value(pair[0])? << 4) | hex_value(pair[1])?))
        .collect()
}

fn hex_value(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|d| d as u8)
}

/// Appends the repeat-count prefix for `count` (≥ 1) and the digit.
fn push_run(out: &mut String, digit: u8, count: usize) {
    if count < 3 {
        // A count prefix would not be shorter.
        for _ in 0..count {
            out.push(digit as char);
        }
        return;
    }
    let mut rest = count;
    while rest >= 400 {
        out.push('z');
        rest -= 400;
    }
    if rest >= 20 {
        // g = 20, h = 40, …, y = 380
        out.push((b'g' + (rest / 20 - 1) as u8) as char);
        rest %= 20;
    }
    if rest > 0 {
        // G = 1, H = 2, …, Y = 19
        out.push((b'G' + (rest - 1) as u8) as char);
    }
    out.push(digit as char);
}

fn ascii_compress(bitmap: &Bitmap) -> String {
    let mut out = String::new();
    let mut previous: Option<&[u8]> = None;
    for y in 0..bitmap.height_px() {
        let row = bitmap.row(y);
        if previous == Some(row) {
            out.push(':');
            continue;
        }
        previous = Some(row);
        let hex = encode_hex(row).into_bytes();
        // Trailing zeros or ones are replaced by ',' / '!'.
        let trailing = hex
            .iter()
            .rev()
            .take_while(|&&d| d == hex[hex.len() - 1])
            .count();
        let (body, tail) = match hex.last() {
            Some(b'0') => (&hex[..hex.len() - trailing], Some(',')),
            Some(b'F') => (&hex[..hex.len() - trailing], Some('!')),
            _ => (&hex[..], None),
        };
        let mut i = 0;
        while i < body.len() {
            let digit = body[i];
            let run = body[i..].iter().take_while(|&&d| d == digit).count();
            push_run(&mut out, digit, run);
            i += run;
        }
        if let Some(tail) = tail {
            out.push(tail);
        }
    }
    out
}

fn z64_encode(data: &[u8]) -> String {
    // Level 3: within 2 % of level 6's size on label rasters at four fifths of the time.
    let compressed = miniz_oxide::deflate::compress_to_vec_zlib(data, 3);
    let b64 = base64::engine::general_purpose::STANDARD.encode(compressed);
    let crc = crc16_xmodem(b64.as_bytes());
    format!(":Z64:{b64}:{crc:04X}")
}

/// CRC-16/XMODEM (poly 0x1021, init 0), as used for the `:Z64:`/`:B64:` trailer.
pub fn crc16_xmodem(bytes: &[u8]) -> u16 {
    let mut crc: u16 = 0;
    for &b in bytes {
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

/// Why `^GF` data could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GraphicDecodeError {
    /// A character that is not part of the encoding.
    BadCharacter(char),
    /// Base64 or zlib data of a `:Z64:`/`:B64:` graphic is corrupt.
    BadCompressedData,
    /// The `:Z64:`/`:B64:` CRC does not match.
    BadCrc,
    /// `:` on the first row, or a row overflowing its width.
    BadStructure,
}

/// Decodes the data of a `^GFA` command (uncompressed hex, ASCII-compressed hex, `:Z64:` or `:B64:`)
/// into `total_bytes` bytes with `bytes_per_row` per row. Short data is padded with zeros (as the
/// printer does), excess data is ignored.
pub fn decode_graphic_data(
    data: &str,
    total_bytes: usize,
    bytes_per_row: usize,
) -> Result<Vec<u8>, GraphicDecodeError> {
    let mut bytes = if let Some(rest) = data
        .strip_prefix(":Z64:")
        .or_else(|| data.strip_prefix(":B64:"))
    {
        let zlib = data.starts_with(":Z64:");
        let (b64, crc) = rest.split_once(':').unwrap_or((rest, ""));
        if !crc.is_empty()
            && u16::from_str_radix(crc, 16).ok() != Some(crc16_xmodem(b64.as_bytes()))
        {
            return Err(GraphicDecodeError::BadCrc);
        }
        let raw = base64::engine::general_purpose::STANDARD
            .decode(b64)
            .map_err(|_| GraphicDecodeError::BadCompressedData)?;
        if zlib {
            miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&raw, total_bytes.max(1))
                .map_err(|_| GraphicDecodeError::BadCompressedData)?
        } else {
            raw
        }
    } else {
        decode_ascii_rows(data, total_bytes, bytes_per_row)?
    };
    bytes.resize(total_bytes, 0);
    Ok(bytes)
}

fn decode_ascii_rows(
    data: &str,
    total_bytes: usize,
    bytes_per_row: usize,
) -> Result<Vec<u8>, GraphicDecodeError> {
    let digits_per_row = bytes_per_row * 2;
    let mut nibbles: Vec<u8> = Vec::with_capacity(total_bytes * 2);
    let mut row: Vec<u8> = Vec::with_capacity(digits_per_row);
    let mut previous_row: Option<Vec<u8>> = None;
    let mut count = 0usize;
    let total_nibbles = total_bytes * 2;
    let finish_row =
        |row: &mut Vec<u8>, fill: u8, nibbles: &mut Vec<u8>, previous: &mut Option<Vec<u8>>| {
            row.resize(digits_per_row, fill);
            nibbles.extend_from_slice(row);
            *previous = Some(core::mem::take(row));
        };
    for c in data.chars() {
        if nibbles.len() >= total_nibbles || digits_per_row == 0 {
            break;
        }
        match c {
            'G'..='Y' => count += c as usize - 'G' as usize + 1,
            'g'..='z' => count += (c as usize - 'g' as usize + 1) * 20,
            ',' | '!' => {
                finish_row(
                    &mut row,
                    if c == ',' { 0 } else { 15 },
                    &mut nibbles,
                    &mut previous_row,
                );
                count = 0;
            }
            ':' => {
                if !row.is_empty() {
                    return Err(GraphicDecodeError::BadStructure);
                }
                let repeated = previous_row
                    .clone()
                    .ok_or(GraphicDecodeError::BadStructure)?;
                nibbles.extend_from_slice(&repeated);
                count = 0;
            }
            '\r' | '\n' | ' ' => {}
            _ => {
                let value = hex_value(c as u8)
                    .filter(|_| c.is_ascii())
                    .ok_or(GraphicDecodeError::BadCharacter(c))?;
                for _ in 0..count.max(1) {
                    row.push(value);
                    if row.len() == digits_per_row {
                        finish_row(&mut row, 0, &mut nibbles, &mut previous_row);
                    }
                }
                count = 0;
            }
        }
    }
    if !row.is_empty() {
        finish_row(&mut row, 0, &mut nibbles, &mut previous_row);
    }
    nibbles.truncate(total_nibbles);
    Ok(nibbles
        .chunks(2)
        .map(|p| (p[0] << 4) | p.get(1).copied().unwrap_or(0))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample_bitmap() -> Bitmap {
        let mut b = Bitmap::new(350, 350);
        b.fill_rect(20, 20, 42, 42);
        b.fill_rect(100, 30, 250, 7);
        b.fill_rect(0, 200, 350, 3);
        for x in (0..350).step_by(3) {
            b.set(x, 300, true);
        }
        b
    }

    #[test]
    fn icons_have_their_declared_size() {
        for icon in [LOGO_ICON, CE_ICON, INFO_ICON_PRODUCT, INFO_ICON_PACKAGING] {
            let bitmap = Bitmap::from_hex(icon.width_px, icon.height_px, icon.hex);
            assert!(
                bitmap.is_some(),
                "icon {}x{} is malformed",
                icon.width_px,
                icon.height_px
            );
        }
        assert_eq!(LOGO_ICON.hex.len(), 492);
        assert_eq!(CE_ICON.hex.len(), 960);
        let differing = INFO_ICON_PRODUCT
            .hex
            .bytes()
            .zip(INFO_ICON_PACKAGING.hex.bytes())
            .filter(|(a, b)| a != b)
            .count();
        assert_eq!(differing, 1);
    }

    #[test]
    fn preamble_and_line_endings() {
        let zpl = Zpl::begin_label().finish_label();
        assert_eq!(
            zpl,
            "^XA\r\n^CI28\r\n^PON\r\n^FWN\r\n^LH0,0\r\n^PW1181\r\n^LL1772\r\n^LS0\r\n^CWZ,E:TT0003M_.TTF\r\n^XZ"
        );
    }

    #[test]
    fn hex_command_matches_the_original_form() {
        assert!(
            graphic_command(&LOGO_ICON.bitmap(), GraphicEncoding::Hex)
                .starts_with("^GFA,246,246,6,0001FFC0")
        );
    }

    #[test]
    fn run_counts_use_zebra_letters() {
        let mut s = String::new();
        push_run(&mut s, b'A', 1);
        push_run(&mut s, b'B', 3);
        push_run(&mut s, b'C', 19);
        push_run(&mut s, b'D', 20);
        push_run(&mut s, b'E', 427);
        assert_eq!(s, "AIBYCgDzgME");
    }

    #[test]
    fn every_encoding_round_trips() {
        for bitmap in [
            sample_bitmap(),
            LOGO_ICON.bitmap(),
            CE_ICON.bitmap(),
            INFO_ICON_PRODUCT.bitmap(),
        ] {
            for encoding in [
                GraphicEncoding::Hex,
                GraphicEncoding::AsciiCompressed,
                GraphicEncoding::Z64,
            ] {
                let data = encode_graphic_data(&bitmap, encoding);
                let decoded =
                    decode_graphic_data(&data, bitmap.data().len(), bitmap.bytes_per_row());
                assert_eq!(decoded.as_deref(), Ok(bitmap.data()), "{encoding:?}");
            }
        }
    }

    #[test]
    fn compression_shrinks_sparse_graphics() {
        let bitmap = sample_bitmap();
        let hex = encode_graphic_data(&bitmap, GraphicEncoding::Hex).len();
        let ascii = encode_graphic_data(&bitmap, GraphicEncoding::AsciiCompressed).len();
        let z64 = encode_graphic_data(&bitmap, GraphicEncoding::Z64).len();
        assert_eq!(hex, 30800);
        assert!(ascii < 1000 && z64 < 1000, "ascii {ascii}, z64 {z64}");
    }

    #[test]
    fn z64_crc_is_checked() {
        let data = encode_graphic_data(&sample_bitmap(), GraphicEncoding::Z64);
        let tampered = format!("{}0000", &data[..data.len() - 4]);
        let result = decode_graphic_data(&tampered, 15400, 44);
        assert!(data.ends_with("0000") || result == Err(GraphicDecodeError::BadCrc));
    }

    #[test]
    fn crc16_xmodem_check_value() {
        assert_eq!(crc16_xmodem(b"123456789"), 0x31C3);
    }
}
