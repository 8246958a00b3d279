//! ZPL → SVG preview of a label, for the SPA and for checks.
//!
//! Covers the ZPL subset the label writers emit (issue #4 item 6; products spec §5.5 and
//! Appendix A, packaging spec §7): `^XA`/`^XZ`, `^FO`/`^FT` with `^LH`, `^A`/`^CF` fonts with
//! `^CW` aliases, `^FD`/`^FV` with `^FH` escapes and `^FB` justification, `^FS`, `^GB`, `^GF` in
//! plain hex, ASCII-compressed hex, `:B64:` and `:Z64:`, `^PW`/`^LL`, `^CI28`, and the no-op
//! settings `^PON`, `^FWN`, `^LS0`, `^FX`. Anything else is listed in [`Preview::skipped`]
//! instead of drawn. The renderer never panics, and its allocations are bounded by the input
//! size plus fixed caps on graphics and output elements, so it is safe on untrusted input.
//!
//! The SVG's `viewBox` is in printer dots and its `width`/`height` in millimetres at
//! [`DOTS_PER_MM`], so it has the label's true size and aspect ratio. Graphics are drawn as
//! black rectangles with `shape-rendering="crispEdges"`; a QR code stays decodable.

mod graphic;
mod lexer;
mod svg;

use std::fmt::Write as _;

use lexer::{Command, split_params};

/// Printer resolution assumed by the preview: 300 dpi (products spec §5.5).
pub const DOTS_PER_MM: u32 = 12;
/// Label width when the ZPL has no `^PW` (100 mm stock).
pub const DEFAULT_WIDTH_DOTS: u32 = 1181;
/// Label length when the ZPL has no `^LL` (150 mm stock).
pub const DEFAULT_HEIGHT_DOTS: u32 = 1772;

/// Largest `^PW`, `^LL` and coordinate the printer language allows.
const MAX_DOTS: i64 = 32_000;
/// Largest single `^GF` graphic accepted.
const MAX_GRAPHIC_BYTES: usize = 4 << 20;
/// Budget for all graphics of one label together.
const MAX_TOTAL_GRAPHIC_BYTES: usize = 16 << 20;
/// Budget for drawn SVG elements, which bounds the output size.
const MAX_ELEMENTS: usize = 250_000;
/// Longest list of skipped commands; the rest is counted.
const MAX_SKIPPED: usize = 200;

/// The rendered preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    /// A standalone SVG document.
    pub svg: String,
    /// Commands (or parts of them) that were not drawn, each with the reason; empty when the
    /// preview shows everything the ZPL asks for.
    pub skipped: Vec<String>,
    /// Label width in dots (`^PW`, else [`DEFAULT_WIDTH_DOTS`]).
    pub width_dots: u32,
    /// Label length in dots (`^LL`, else [`DEFAULT_HEIGHT_DOTS`]).
    pub height_dots: u32,
}

/// Renders the first label format (`^XA` … `^XZ`) in `zpl` as SVG. Never panics.
pub fn zpl_to_svg(zpl: &str) -> Preview {
    let mut renderer = Renderer::new();
    renderer.run(zpl);
    renderer.finish()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Orientation {
    Normal,
    Rotated,
    Inverted,
    BottomUp,
}

impl Orientation {
    fn parse(s: &str) -> Option<Self> {
        match s.trim().chars().next()?.to_ascii_uppercase() {
            'N' => Some(Self::Normal),
            'R' => Some(Self::Rotated),
            'I' => Some(Self::Inverted),
            'B' => Some(Self::BottomUp),
            _ => None,
        }
    }
}

/// How a printer font looks on screen. Only the family matters for a preview.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Face {
    /// Scalable font `0` and TrueType/OpenType files (e.g. `^CWZ,E:TT0003M_.TTF`).
    Sans,
    /// The built-in bitmap fonts and `.FNT` files.
    Mono,
}

impl Face {
    fn for_file(file: &str) -> Self {
        let upper = file.trim().to_ascii_uppercase();
        if [".TTF", ".TTE", ".OTF"]
            .iter()
            .any(|ext| upper.ends_with(ext))
        {
            Self::Sans
        } else {
            Self::Mono
        }
    }

    fn family(self) -> &'static str {
        match self {
            Self::Sans => "Arial, Helvetica, sans-serif",
            Self::Mono => "'Courier New', Courier, monospace",
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Font {
    face: Face,
    height: i64,
    width: i64,
}

#[derive(Debug, Clone, Copy)]
enum Justify {
    Left,
    Center,
    Right,
}

/// `^FB`: a text block of a given width.
#[derive(Debug, Clone, Copy)]
struct Block {
    width: i64,
    lines: usize,
    spacing: i64,
    justify: Justify,
}

/// State that lives until `^FS`.
#[derive(Debug, Default)]
struct Field {
    /// Position with `^LH` applied, and whether it came from `^FT` (baseline / bottom-left).
    origin: Option<(i64, i64, bool)>,
    font: Option<(Font, Option<Orientation>)>,
    hex_escape: Option<u8>,
    block: Option<Block>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    BeforeStart,
    InLabel,
    Ended,
}

struct Renderer {
    width: i64,
    height: i64,
    home: (i64, i64),
    default_font: (char, i64, i64),
    aliases: Vec<(char, Face)>,
    orientation: Orientation,
    field: Field,
    body: String,
    elements: usize,
    graphic_bytes: usize,
    skipped: Vec<String>,
    unlisted: usize,
    phase: Phase,
    after_end: usize,
}

impl Renderer {
    fn new() -> Self {
        Self {
            width: i64::from(DEFAULT_WIDTH_DOTS),
            height: i64::from(DEFAULT_HEIGHT_DOTS),
            home: (0, 0),
            // The printer's power-on default: bitmap font A, 9 dots high, 5 wide.
            default_font: ('A', 9, 5),
            aliases: Vec::new(),
            orientation: Orientation::Normal,
            field: Field::default(),
            body: String::new(),
            elements: 0,
            graphic_bytes: 0,
            skipped: Vec::new(),
            unlisted: 0,
            phase: Phase::BeforeStart,
            after_end: 0,
        }
    }

    fn skip(&mut self, note: String) {
        if self.skipped.len() < MAX_SKIPPED {
            self.skipped.push(note);
        } else {
            self.unlisted += 1;
        }
    }

    fn unsupported(&mut self, cmd: &Command<'_>, why: &str) {
        self.skip(format!("{}: {why}", cmd.describe()));
    }

    fn run(&mut self, zpl: &str) {
        let (lead, commands) = lexer::commands(zpl);
        if !lead.trim().is_empty() {
            let text = graphic::truncate(lead.trim(), 24);
            self.skip(format!("text before the first command ignored: {text:?}"));
        }
        for cmd in &commands {
            match self.phase {
                Phase::Ended => self.after_end += 1,
                Phase::BeforeStart if cmd.prefix == '^' && cmd.name != "XA" => {
                    self.skip("missing ^XA at the start of the label".to_owned());
                    self.phase = Phase::InLabel;
                    self.command(cmd);
                }
                _ => self.command(cmd),
            }
        }
        match self.phase {
            Phase::BeforeStart => self.skip("no label format (^XA … ^XZ) found".to_owned()),
            Phase::InLabel => self.skip("missing ^XZ at the end of the label".to_owned()),
            Phase::Ended if self.after_end > 0 => {
                let n = self.after_end;
                self.skip(format!(
                    "{n} command(s) after the first ^XZ ignored (one label per preview)"
                ));
            }
            Phase::Ended => {}
        }
    }

    fn command(&mut self, cmd: &Command<'_>) {
        if cmd.prefix != '^' {
            return self.unsupported(cmd, "unsupported command");
        }
        let params = cmd.params;
        match cmd.name.as_str() {
            "XA" => self.phase = Phase::InLabel,
            "XZ" => self.phase = Phase::Ended,
            "FO" | "FT" => self.origin(params, cmd.name == "FT"),
            "A" => self.font(params),
            "CF" => self.default_font(params),
            "CW" => self.alias(cmd),
            "FD" | "FV" => self.text(params),
            "FH" => self.field.hex_escape = Some(hex_escape_char(params)),
            "FB" => self.block(params),
            "FS" => self.field = Field::default(),
            "GB" => self.graphic_box(cmd),
            "GF" => self.graphic_field(cmd),
            "PW" => self.label_size(cmd, true),
            "LL" => self.label_size(cmd, false),
            "LH" => {
                let p = split_params(params);
                self.home = (coord(&p, 0).unwrap_or(0), coord(&p, 1).unwrap_or(0));
            }
            "CI" if params.trim() != "28" => {
                self.unsupported(cmd, "only ^CI28 (UTF-8) is supported; text read as UTF-8");
            }
            "PO" if !matches!(params.trim(), "" | "N" | "n") => {
                self.unsupported(cmd, "only normal print orientation (^PON) is rendered");
            }
            "LS" if !matches!(params.trim(), "" | "0") => {
                self.unsupported(cmd, "label shift is not rendered");
            }
            "FW" => match Orientation::parse(params) {
                Some(o) => self.orientation = o,
                None => self.unsupported(cmd, "invalid orientation"),
            },
            // Print settings without any effect on the image, and comments.
            "CI" | "PO" | "LS" | "FX" | "PQ" | "PR" | "MD" | "MN" | "MM" | "MT" => {}
            _ => self.unsupported(cmd, "unsupported command"),
        }
    }

    fn origin(&mut self, params: &str, typeset: bool) {
        let p = split_params(params);
        let x = self.home.0 + coord(&p, 0).unwrap_or(0);
        let y = self.home.1 + coord(&p, 1).unwrap_or(0);
        self.field.origin = Some((x, y, typeset));
    }

    fn face(&self, name: char) -> Face {
        let name = name.to_ascii_uppercase();
        match self.aliases.iter().find(|(n, _)| *n == name) {
            Some(&(_, face)) => face,
            None if name == '0' => Face::Sans,
            None => Face::Mono,
        }
    }

    /// Height and width from optional parameters: a missing width follows the height (scalable
    /// fonts keep their proportions), both missing means the `^CF` default.
    fn size(&self, height: Option<i64>, width: Option<i64>) -> (i64, i64) {
        let (_, dh, dw) = self.default_font;
        let (h, w) = match (height, width) {
            (Some(h), Some(w)) => (h, w),
            (Some(h), None) => (h, h),
            (None, Some(w)) => (dh, w),
            (None, None) => (dh, dw),
        };
        (h.max(1), w.max(1))
    }

    /// `^Afo,h,w` (and `^A@o,h,w,d:file`).
    fn font(&mut self, params: &str) {
        let mut chars = params.chars();
        let name = chars.next().unwrap_or(self.default_font.0);
        let p = split_params(chars.as_str());
        let orientation = p.first().and_then(|s| Orientation::parse(s));
        let (height, width) = self.size(coord(&p, 1), coord(&p, 2));
        let face = if name == '@' {
            p.get(3).map_or(Face::Sans, |file| Face::for_file(file))
        } else {
            self.face(name)
        };
        let font = Font {
            face,
            height,
            width,
        };
        self.field.font = Some((font, orientation));
    }

    /// `^CFf,h,w`: the font of fields without `^A`.
    fn default_font(&mut self, params: &str) {
        let p = split_params(params);
        let name = p
            .first()
            .and_then(|s| s.chars().next())
            .unwrap_or(self.default_font.0);
        let (height, width) = self.size(coord(&p, 1), coord(&p, 2));
        self.default_font = (name, height, width);
    }

    /// `^CWa,d:file.ext`: font letter `a` now names a downloaded font.
    fn alias(&mut self, cmd: &Command<'_>) {
        let p = split_params(cmd.params);
        let name = p.first().and_then(|s| s.chars().next());
        let (Some(name), Some(file)) = (name, p.get(1).filter(|f| !f.is_empty())) else {
            return self.unsupported(cmd, "font alias needs a letter and a file");
        };
        if !name.is_ascii_alphanumeric() {
            return self.unsupported(cmd, "font names are letters or digits");
        }
        let name = name.to_ascii_uppercase();
        let face = Face::for_file(file);
        self.aliases.retain(|(n, _)| *n != name);
        self.aliases.push((name, face));
    }

    /// `^FBw,l,s,j,h`: width, maximum lines, extra line spacing, justification.
    fn block(&mut self, params: &str) {
        let p = split_params(params);
        let justify = match p.get(3).and_then(|s| s.chars().next()) {
            Some('C' | 'c') => Justify::Center,
            Some('R' | 'r') => Justify::Right,
            _ => Justify::Left,
        };
        self.field.block = Some(Block {
            width: coord(&p, 0).unwrap_or(0),
            lines: coord(&p, 1).map_or(1, |l| l.clamp(1, 9999) as usize),
            spacing: p
                .get(2)
                .and_then(|s| s.parse::<i64>().ok())
                .map_or(0, |s| s.clamp(-MAX_DOTS, MAX_DOTS)),
            justify,
        });
    }

    fn text(&mut self, data: &str) {
        let raw: String = data.chars().filter(|&c| c != '\r' && c != '\n').collect();
        let text = match self.field.hex_escape {
            Some(escape) => decode_hex_escapes(&raw, escape),
            None => raw,
        };
        let (x, y, typeset) = self
            .field
            .origin
            .unwrap_or((self.home.0, self.home.1, false));
        let (font, orientation) = match self.field.font {
            Some(f) => f,
            None => {
                let (name, height, width) = self.default_font;
                let face = self.face(name);
                (
                    Font {
                        face,
                        height,
                        width,
                    },
                    None,
                )
            }
        };
        let orientation = orientation.unwrap_or(self.orientation);
        let block = self.field.block;
        let lines: Vec<String> = match block {
            Some(b) if orientation == Orientation::Normal => {
                text.split("\\&").take(b.lines).map(str::to_owned).collect()
            }
            _ => vec![text.replace("\\&", " ")],
        };
        let h = font.height;
        for (i, line) in lines.iter().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let pitch = i as i64 * (h + block.map_or(0, |b| b.spacing));
            let (tx, ty, rotate, anchor) = match orientation {
                Orientation::Normal => {
                    let baseline = if typeset { y } else { y + h } + pitch;
                    match block {
                        Some(b) => match b.justify {
                            Justify::Left => (x, baseline, 0, "start"),
                            Justify::Center => (x + b.width / 2, baseline, 0, "middle"),
                            Justify::Right => (x + b.width, baseline, 0, "end"),
                        },
                        None => (x, baseline, 0, "start"),
                    }
                }
                // Rotations keep the field box's top-left at the origin: the baseline runs
                // along the box edge the glyphs stand on.
                Orientation::Rotated => (x, y, 90, "start"),
                Orientation::Inverted => (x, y, 180, "end"),
                Orientation::BottomUp => (x + h, y, 270, "end"),
            };
            self.text_element(line, font, (tx, ty), rotate, anchor);
        }
    }

    fn text_element(&mut self, line: &str, font: Font, at: (i64, i64), rotate: u16, anchor: &str) {
        if !self.budget(1) {
            return;
        }
        let (x, y) = at;
        let scale = font.width as f64 / font.height as f64;
        let out = &mut self.body;
        out.push_str("<text");
        if rotate == 0 && (scale - 1.0).abs() < 1e-9 {
            let _ = write!(out, r#" x="{x}" y="{y}""#);
        } else {
            let _ = write!(out, r#" transform="translate({x} {y})"#);
            if rotate != 0 {
                let _ = write!(out, " rotate({rotate})");
            }
            if (scale - 1.0).abs() >= 1e-9 {
                let _ = write!(out, " scale({} 1)", svg::number(scale));
            }
            out.push('"');
        }
        let _ = write!(
            out,
            r#" font-family="{}" font-size="{}""#,
            font.face.family(),
            font.height
        );
        if anchor != "start" {
            let _ = write!(out, r#" text-anchor="{anchor}""#);
        }
        let _ = writeln!(out, ">{}</text>", svg::escape(line));
    }

    /// Reserves `n` output elements; false (with a note, once) when the budget is spent.
    fn budget(&mut self, n: usize) -> bool {
        if self.elements.saturating_add(n) > MAX_ELEMENTS {
            if self.elements <= MAX_ELEMENTS {
                self.elements = MAX_ELEMENTS + 1;
                self.skip(format!(
                    "output limit of {MAX_ELEMENTS} elements reached; later fields not drawn"
                ));
            }
            return false;
        }
        self.elements += n;
        true
    }

    /// `^GBw,h,t,c,r`: a box, a line (one side no thicker than the border) or a filled area.
    fn graphic_box(&mut self, cmd: &Command<'_>) {
        let p = split_params(cmd.params);
        let t = coord(&p, 2).unwrap_or(1).max(1);
        let w = coord(&p, 0).unwrap_or(t).max(t);
        let h = coord(&p, 1).unwrap_or(t).max(t);
        let colour = match p.get(3).and_then(|s| s.chars().next()) {
            Some('W' | 'w') => "#fff",
            _ => "#000",
        };
        if coord(&p, 4).is_some_and(|r| r > 0) {
            self.unsupported(cmd, "rounded corners drawn square");
        }
        let (x, y, typeset) = self
            .field
            .origin
            .unwrap_or((self.home.0, self.home.1, false));
        let y = if typeset { y - h } else { y };
        let rects = if 2 * t >= w || 2 * t >= h {
            vec![(x, y, w, h)]
        } else {
            vec![
                (x, y, w, t),
                (x, y + h - t, w, t),
                (x, y + t, t, h - 2 * t),
                (x + w - t, y + t, t, h - 2 * t),
            ]
        };
        if !self.budget(rects.len()) {
            return;
        }
        let _ = writeln!(self.body, r#"<g fill="{colour}">"#);
        for (x, y, w, h) in rects {
            let _ = writeln!(
                self.body,
                r#"<rect x="{x}" y="{y}" width="{w}" height="{h}"/>"#
            );
        }
        self.body.push_str("</g>\n");
    }

    /// `^GFa,b,c,d,data`.
    fn graphic_field(&mut self, cmd: &Command<'_>) {
        // The data itself may contain commas (ASCII compression), so split only the header.
        let p: Vec<&str> = cmd.params.splitn(5, ',').collect();
        if p[1..].iter().all(|s| s.trim().is_empty()) {
            // A `^GF` cut off by the next command, e.g. the original's doubled `^GFA,^GFA,…`;
            // the printer ignores it.
            return;
        }
        let kind = p[0].trim();
        if !kind.eq_ignore_ascii_case("A") {
            return self.unsupported(cmd, "only ASCII graphics (^GFA) are supported");
        }
        let number = |i: usize| p.get(i).and_then(|s| s.trim().parse::<usize>().ok());
        let (Some(total), Some(bytes_per_row)) = (number(2).or(number(1)), number(3)) else {
            return self.unsupported(cmd, "missing or invalid graphic size");
        };
        if total == 0 || bytes_per_row == 0 {
            return self.unsupported(cmd, "empty graphic");
        }
        if total > MAX_GRAPHIC_BYTES {
            return self.unsupported(cmd, "graphic larger than 4 MiB");
        }
        let rows = total.div_ceil(bytes_per_row);
        let label_bytes_per_row = (self.width as usize).div_ceil(8);
        if bytes_per_row > label_bytes_per_row || rows as i64 > self.height {
            return self.unsupported(cmd, "graphic larger than the label");
        }
        if self.graphic_bytes + total > MAX_TOTAL_GRAPHIC_BYTES {
            return self.unsupported(cmd, "total graphic size of the label over 16 MiB");
        }
        self.graphic_bytes += total;
        let bitmap = match graphic::decode(p.get(4).copied().unwrap_or(""), total, bytes_per_row) {
            Ok(bitmap) => bitmap,
            Err(why) => return self.unsupported(cmd, &why),
        };
        let (x, y, typeset) = self
            .field
            .origin
            .unwrap_or((self.home.0, self.home.1, false));
        let y = if typeset { y - rows as i64 } else { y };
        let visible = |edge: i64, start: i64| (edge - start).max(0) as usize;
        let rects = graphic::rectangles(&bitmap, visible(self.width, x), visible(self.height, y));
        if rects.is_empty() || !self.budget(rects.len()) {
            return;
        }
        self.body.push_str("<g fill=\"#000\">\n");
        for r in rects {
            let _ = writeln!(
                self.body,
                r#"<rect x="{}" y="{}" width="{}" height="{}"/>"#,
                x + r.x as i64,
                y + r.y as i64,
                r.width,
                r.height
            );
        }
        self.body.push_str("</g>\n");
    }

    fn label_size(&mut self, cmd: &Command<'_>, width: bool) {
        match coord(&split_params(cmd.params), 0) {
            Some(v) if v > 0 => {
                if width {
                    self.width = v;
                } else {
                    self.height = v;
                }
            }
            _ => self.unsupported(cmd, "invalid label size, default kept"),
        }
    }

    fn finish(self) -> Preview {
        let (w, h) = (self.width, self.height);
        let mm = |dots: i64| svg::number(dots as f64 / f64::from(DOTS_PER_MM));
        let mut out = String::with_capacity(self.body.len() + 400);
        let _ = writeln!(
            out,
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{}mm" height="{}mm" viewBox="0 0 {w} {h}" shape-rendering="crispEdges" xml:space="preserve">"#,
            mm(w),
            mm(h)
        );
        let _ = writeln!(out, r##"<rect width="{w}" height="{h}" fill="#fff"/>"##);
        out.push_str(&self.body);
        out.push_str("</svg>\n");
        let mut skipped = self.skipped;
        if self.unlisted > 0 {
            skipped.push(format!("… and {} more", self.unlisted));
        }
        Preview {
            svg: out,
            skipped,
            width_dots: u32::try_from(w).unwrap_or(DEFAULT_WIDTH_DOTS),
            height_dots: u32::try_from(h).unwrap_or(DEFAULT_HEIGHT_DOTS),
        }
    }
}

/// Parameter `i` as a dot count in `0..=32000`; `None` when missing or not a number.
fn coord(p: &[&str], i: usize) -> Option<i64> {
    let v = p.get(i)?.parse::<i64>().ok()?;
    Some(v.clamp(0, MAX_DOTS))
}

/// `^FH` takes an optional escape character; `_` by default.
fn hex_escape_char(params: &str) -> u8 {
    match params.trim().as_bytes() {
        [c, ..] if c.is_ascii_graphic() && *c != b',' => *c,
        _ => b'_',
    }
}

/// Replaces `<escape>XX` (two hex digits) with the byte `XX`; the bytes are then UTF-8
/// (`^CI28`), so `_C3_A4` is `ä`.
fn decode_hex_escapes(s: &str, escape: u8) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = match bytes.get(i + 1..i + 3) {
            Some(&[hi, lo]) if hi.is_ascii_hexdigit() && lo.is_ascii_hexdigit() => {
                Some(hex_value(hi) << 4 | hex_value(lo))
            }
            _ => None,
        };
        match hex {
            Some(b) if bytes[i] == escape => {
                out.push(b);
                i += 3;
            }
            _ => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex_value(digit: u8) -> u8 {
    match digit {
        b'0'..=b'9' => digit - b'0',
        b'a'..=b'f' => digit - b'a' + 10,
        b'A'..=b'F' => digit - b'A' + 10,
        _ => 0,
    }
}

#[cfg(test)]
mod tests;
