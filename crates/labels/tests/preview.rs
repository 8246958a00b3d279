//! Black-box tests of the ZPL → SVG preview: every supported command, the product label of
//! products spec Appendix A, the `^GF` encodings against each other, and garbage input.

use base64::Engine as _;
use labels::preview::{DEFAULT_HEIGHT_DOTS, DEFAULT_WIDTH_DOTS, Preview, zpl_to_svg};
use proptest::prelude::*;

// Appendix B bitmaps of products spec (logo 6 × 41 bytes, CE and "info" 8 × 60 bytes).
const LOGO: &str = "\
    0001FFC00000000FFFF80000003FFFFE0000007F80FF000001FC001FC00003F00007E00007C00001F0000F800000F800\
    0F00000078001E0000003C003C0000001E003C0000001E00780000000F00780000000F00700000000700F00000000780\
    F00000000780E0001C000380E0003E000380E0007F000380E0007F000380E0007F000380E0003E000380E0001C000380\
    F00000000780F00000000780700000000700780000000F00780000000F003C0000001E003C0000001E001E0000003C00\
    0F00000078000F800000F80007C00001F00003F00007E00001FC001FC000007F80FF0000003FFFFE0000000FFFF80000\
    0001FFC00000";
const CE: &str = "\
    000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000\
    0000000000000000000000000000000000000000000000000000FF0000001FF00007FF0000007FF0001FFF000001FFF0\
    003FFF000007FFF000FFFF00000FFFF001FFFF00001FFFF003FFFA00003FFFF007FF0000007FF8000FFC000000FFC000\
    0FF8000001FF80001FE0000001FF00003FC0000003FE00003FC0000003FC00003F80000003F800007F00000007F00000\
    7F00000007F000007F00000007F00000FE00000007E00000FE0000000FFFFE00FE0000000FFFFE00FE0000000FFFFE00\
    FE0000000FFFFE00FE0000000FFFFE00FE0000000FFFFE00FE00000007FFFE00FF00000007E000007F00000007F00000\
    7F00000007F000007F80000003F800003FC0000003FC00003FE0000001FC00001FE0000001FE00001FF8000000FF8000\
    0FFC000000FFC00007FF0000007FF00003FFFE00003FFFA001FFFF00001FFFF000FFFF00000FFFF0007FFF000007FFF0\
    001FFF000001FFF00007FF0000007FF00001FF0000001FF0000000000000000000000000000000000000000000000000\
    000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000";
const INFO: &str = "\
    000000000000000000100000000080000018000000018000000C0000000300000004003F80060000000207F0F80C0000\
    00010FDFC79800000000BDFFFFF0000000003FFFFFF0000000000FFFFFE0000000000E0003C0000000000E0003C00000\
    00000600034000000000060007C00000000007000E0000000000059FF6000000000004FFF60000000000046026000000\
    000004704600000000000438860000000000021D060000000000020E040000000000020E040000000000021F04000000\
    000002398C00000000000270CC000000000002606C000000000002C03C000000000003801C000000000003000C000000\
    000007003E00000000000F007300000000001B006180000000003300618000000000630061C000000000C1FFF3200000\
    000180C01E100000000100000018000000020000000C0000000400000006000000080000000300000018000000010000\
    001000000000800000000000000000000000000000000000000000000000000000000000000000000000000000000000\
    0000000000000000000000000000000000000000000000000007FFFFFFFE00000007FFFFFFFE00000007FFFFFFFE0000\
    0007FFFFFFFE00000007FFFFFFFE00000007FFFFFFFE00000007FFFFFFFE00000007FFFFFFFE00000007FFFFFFFC0000";

fn label(body: &str) -> String {
    format!("^XA\r\n{body}\r\n^XZ")
}

/// Renders `zpl` and asserts nothing was skipped.
fn clean(zpl: &str) -> Preview {
    let preview = zpl_to_svg(zpl);
    assert!(preview.skipped.is_empty(), "skipped: {:?}", preview.skipped);
    preview
}

fn rects(svg: &str) -> Vec<&str> {
    svg.lines().filter(|l| l.starts_with("<rect x=")).collect()
}

fn texts(svg: &str) -> Vec<&str> {
    svg.lines().filter(|l| l.starts_with("<text")).collect()
}

/// Counts the black dots the SVG's graphic rectangles cover (rectangles never overlap).
fn black_area(svg: &str) -> u64 {
    rects(svg)
        .iter()
        .map(|r| attr(r, "width") * attr(r, "height"))
        .sum()
}

fn attr(element: &str, name: &str) -> u64 {
    let start = element
        .find(&format!(" {name}=\""))
        .unwrap_or_else(|| panic!("{name} in {element}"))
        + name.len()
        + 3;
    let len = element[start..].find('"').expect("closing quote");
    element[start..start + len].parse().expect("number")
}

// ---- ^GF encoders used only by the tests -------------------------------------------------

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

/// ZPL ASCII compression: `:` repeats a row, `,`/`!` end a row with zeros/ones, runs become
/// repeat counts (`g`–`z` for multiples of 20, `G`–`Y` for 1–19).
fn ascii_compressed(bytes: &[u8], bytes_per_row: usize) -> String {
    let mut out = String::new();
    let mut previous: Option<&[u8]> = None;
    for row in bytes.chunks(bytes_per_row) {
        if previous == Some(row) {
            out.push(':');
            continue;
        }
        previous = Some(row);
        let digits: Vec<char> = hex(row).chars().collect();
        let tail = digits.last().copied().filter(|c| *c == '0' || *c == 'F');
        let mut end = digits.len();
        if let Some(t) = tail {
            while end > 0 && digits[end - 1] == t {
                end -= 1;
            }
        }
        let mut i = 0;
        while i < end {
            let c = digits[i];
            let mut n = 1;
            while i + n < end && digits[i + n] == c {
                n += 1;
            }
            out.push_str(&repeat_count(n));
            out.push(c);
            i += n;
        }
        match tail {
            Some('0') if end < digits.len() => out.push(','),
            Some('F') if end < digits.len() => out.push('!'),
            _ => {}
        }
    }
    out
}

fn repeat_count(mut n: usize) -> String {
    let mut out = String::new();
    while n >= 20 {
        let k = (n / 20).min(20);
        out.push((b'g' + k as u8 - 1) as char);
        n -= k * 20;
    }
    if n > 1 {
        out.push((b'G' + n as u8 - 1) as char);
    } else if n == 1 && !out.is_empty() {
        out.push('G');
    }
    out
}

fn crc16_xmodem(data: &[u8]) -> u16 {
    let mut crc = 0u16;
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

fn z64(bytes: &[u8]) -> String {
    let z = miniz_oxide::deflate::compress_to_vec_zlib(bytes, 9);
    let b64 = base64::engine::general_purpose::STANDARD.encode(z);
    format!(":Z64:{b64}:{:04X}", crc16_xmodem(b64.as_bytes()))
}

fn b64(bytes: &[u8]) -> String {
    let b64 = base64::engine::general_purpose::STANDARD.encode(bytes);
    format!(":B64:{b64}:{:04X}", crc16_xmodem(b64.as_bytes()))
}

/// A QR-like 350 × 350 test raster (44 bytes per row): 7-dot modules in a checker pattern with
/// a solid square, so it has long runs, short runs and repeated rows.
fn fake_qr() -> Vec<u8> {
    let mut bytes = vec![0u8; 44 * 350];
    for y in 0..350 {
        for x in 0..350 {
            let (mx, my) = (x / 7, y / 7);
            let black = (mx < 7 && my < 7) || (mx + my) % 3 == 0;
            if black {
                bytes[y * 44 + x / 8] |= 0x80 >> (x % 8);
            }
        }
    }
    bytes
}

fn graphic(x: u32, y: u32, total: usize, bytes_per_row: usize, data: &str) -> String {
    label(&format!(
        "^FO{x},{y}^GFA,{total},{total},{bytes_per_row},{data}^FS"
    ))
}

// ---- the product label (products spec §5.5, Appendix A) -----------------------------------

fn appendix_a_label(qr_field: &str) -> String {
    let lines = [
        "^XA".to_owned(),
        "^CI28".into(),
        "^PON".into(),
        "^FWN".into(),
        "^LH0,0".into(),
        "^PW1181".into(),
        "^LL1772".into(),
        "^LS0".into(),
        "^CWZ,E:TT0003M_.TTF".into(),
        "^AZN,50,50".into(),
        "^FO72,72^FDRotoclear C Pro^FS".into(),
        format!("^FO1061,72^GFA,246,246,6,{LOGO}^FS"),
        "^AZN,25,25".into(),
        "^FO72,188^FDRotoclear GmbH^FS".into(),
        "^AZN,25,25".into(),
        "^FO72,218^FDCarl-Benz-Strasse 10–12^FS".into(),
        "^AZN,25,25".into(),
        "^FO72,248^FD69115 Heidelberg^FS".into(),
        "^AZN,25,25".into(),
        "^FO72,278^FDGermany^FS".into(),
        "^AZN,25,25".into(),
        "^FO72,316^FDwww.rotoclear.com^FS".into(),
        format!("^FO72,394^GFA,480,480,8,{CE}^FS"),
        format!("^FO149,394^GFA,480,480,8,{INFO}^FS"),
        "^AZN,25,25".into(),
        "^FO72,474^FDDesigned and made in Germany^FS".into(),
        format!("^FO759,180{qr_field}^FS"),
        "^FO72,610^AZN,25,25^FDArtikelnummer: 10650^FS".into(),
        "^FO72,646^AZN,25,25^FDArtikelbezeichnung: Steuerrechner 1TB fuer Rotoclear C Pro^FS"
            .into(),
        "^FO72,682^AZN,25,25^FDSeriennummer: CP-0001^FS".into(),
        "^FO72,718^AZN,25,25^FDVerpackungsdatum: 2025-09-17^FS".into(),
        "^XZ".into(),
    ];
    assert_eq!(lines.len(), 32, "Appendix A has 32 lines");
    lines.join("\r\n")
}

#[test]
fn appendix_a_product_label_renders_completely() {
    let qr = fake_qr();
    let zpl = appendix_a_label(&format!("^GFA,^GFA,15400,15400,44,{}", hex(&qr)));
    let preview = clean(&zpl);
    assert_eq!((preview.width_dots, preview.height_dots), (1181, 1772));
    let svg = &preview.svg;
    assert!(svg.starts_with(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="98.417mm" height="147.667mm" viewBox="0 0 1181 1772""#
    ));
    let texts = texts(svg);
    assert_eq!(texts.len(), 11);
    assert_eq!(
        texts[0],
        r#"<text x="72" y="122" font-family="Arial, Helvetica, sans-serif" font-size="50">Rotoclear C Pro</text>"#
    );
    assert!(texts[2].contains(r#"y="243""#) && texts[2].contains(">Carl-Benz-Strasse 10–12<"));
    assert!(texts[10].contains(r#"x="72" y="743""#));
    // The logo, the two icons and the QR all draw their set dots and nothing else.
    let qr_rects: Vec<_> = rects(svg)
        .into_iter()
        .filter(|r| attr(r, "x") >= 759 && attr(r, "y") >= 180 && attr(r, "y") < 530)
        .collect();
    let qr_area: u64 = qr_rects
        .iter()
        .map(|r| attr(r, "width") * attr(r, "height"))
        .sum();
    let set_bits: u64 = qr.iter().map(|b| u64::from(b.count_ones())).sum();
    assert_eq!(qr_area, set_bits);
    assert!(
        qr_rects
            .iter()
            .all(|r| attr(r, "x") + attr(r, "width") <= 1109)
    );
    let icons: u64 = [LOGO, CE, INFO]
        .iter()
        .flat_map(|h| h.chars())
        .map(|c| u64::from(c.to_digit(16).expect("hex").count_ones()))
        .sum();
    assert_eq!(black_area(svg), set_bits + icons);
}

#[test]
fn product_label_previews_the_same_in_every_qr_encoding() {
    let qr = fake_qr();
    let reference = clean(&appendix_a_label(&format!(
        "^GFA,^GFA,15400,15400,44,{}",
        hex(&qr)
    )));
    for data in [ascii_compressed(&qr, 44), z64(&qr), b64(&qr)] {
        let field = format!("^GFA,15400,15400,44,{data}");
        assert_eq!(clean(&appendix_a_label(&field)).svg, reference.svg);
    }
}

// ---- one snippet per command ----------------------------------------------------------------

#[test]
fn empty_label_has_the_default_size() {
    let preview = clean("^XA^XZ");
    assert_eq!(
        (preview.width_dots, preview.height_dots),
        (DEFAULT_WIDTH_DOTS, DEFAULT_HEIGHT_DOTS)
    );
    assert!(
        preview
            .svg
            .contains(r##"<rect width="1181" height="1772" fill="#fff"/>"##)
    );
    assert!(preview.svg.contains(r#"shape-rendering="crispEdges""#));
    assert!(preview.svg.trim_end().ends_with("</svg>"));
}

#[test]
fn print_width_and_label_length_set_the_size() {
    let preview = clean(&label("^PW600^LL240"));
    assert_eq!((preview.width_dots, preview.height_dots), (600, 240));
    assert!(
        preview
            .svg
            .contains(r#"width="50mm" height="20mm" viewBox="0 0 600 240""#)
    );
}

#[test]
fn field_origin_adds_the_label_home() {
    let svg = clean(&label("^LH10,20^FO5,7^A0N,30,30^FDx^FS")).svg;
    assert!(
        texts(&svg)[0].starts_with(r#"<text x="15" y="57" "#),
        "{svg}"
    );
}

#[test]
fn field_typeset_positions_the_baseline() {
    let svg = clean(&label("^FT100,200^A0N,30,30^FDx^FS")).svg;
    assert!(
        texts(&svg)[0].starts_with(r#"<text x="100" y="200" "#),
        "{svg}"
    );
}

#[test]
fn font_width_scales_text_horizontally() {
    let svg = clean(&label("^FO10,10^A0N,40,20^FDnarrow^FS")).svg;
    assert!(
        texts(&svg)[0].starts_with(r#"<text transform="translate(10 50) scale(0.5 1)" "#),
        "{svg}"
    );
}

#[test]
fn orientations_rotate_text_around_the_field_box() {
    let svg = clean(&label(
        "^FO100,100^A0R,20,20^FDr^FS^FO100,100^A0I,20,20^FDi^FS^FO100,100^A0B,20,20^FDb^FS",
    ))
    .svg;
    let t = texts(&svg);
    assert!(t[0].contains(r#"transform="translate(100 100) rotate(90)""#));
    assert!(t[1].contains(r#"transform="translate(100 100) rotate(180)""#) && t[1].contains("end"));
    assert!(t[2].contains(r#"transform="translate(120 100) rotate(270)""#));
}

#[test]
fn field_orientation_default_applies_to_fonts_without_one() {
    let svg = clean(&label("^FWR^FO5,5^A0,20,20^FDr^FS")).svg;
    assert!(texts(&svg)[0].contains("rotate(90)"), "{svg}");
}

#[test]
fn change_font_sets_the_default_for_fields_without_a_font() {
    let svg = clean(&label("^CF0,60^FO0,0^FDbig^FS")).svg;
    assert_eq!(
        texts(&svg)[0],
        r#"<text x="0" y="60" font-family="Arial, Helvetica, sans-serif" font-size="60">big</text>"#
    );
    // Without ^CF the printer default is bitmap font A, 9 × 5 dots.
    let svg = clean(&label("^FO0,0^FDsmall^FS")).svg;
    assert!(texts(&svg)[0].contains(r#"font-size="9""#) && texts(&svg)[0].contains("monospace"));
}

#[test]
fn font_aliases_pick_the_face() {
    let svg = clean(&label(
        "^CWZ,E:TT0003M_.TTF^CWB,E:BITMAP.FNT^FO0,0^AZN,25,25^FDz^FS^FO0,40^ABN,25,25^FDb^FS",
    ))
    .svg;
    let t = texts(&svg);
    assert!(t[0].contains("sans-serif"));
    assert!(t[1].contains("monospace"));
    // ^A@ names the font file directly.
    let svg = clean(&label("^FO0,0^A@N,30,30,E:ARIAL.TTF^FDa^FS")).svg;
    assert!(texts(&svg)[0].contains("sans-serif"));
}

#[test]
fn font_set_before_the_field_origin_applies_only_to_that_field() {
    let svg = clean(&label("^AZN,50,50\r\n^FO0,0^FDa^FS\r\n^FO0,100^FDb^FS")).svg;
    let t = texts(&svg);
    assert!(t[0].contains(r#"font-size="50""#));
    assert!(t[1].contains(r#"font-size="9""#));
}

#[test]
fn field_text_is_xml_escaped() {
    let svg = clean(&label(r#"^FO0,0^A0N,20,20^FD<b>&"quotes"'s^FS"#)).svg;
    assert!(texts(&svg)[0].ends_with(">&lt;b&gt;&amp;&quot;quotes&quot;&apos;s</text>"));
}

#[test]
fn field_hex_escapes_decode_caret_tilde_and_utf8() {
    let svg = clean(&label("^CI28^FO0,0^A0N,20,20^FH^FDa_5Eb_7Ec_C3_A4^FS")).svg;
    assert!(texts(&svg)[0].ends_with(">a^b~cä</text>"), "{svg}");
    let svg = clean(&label("^FO0,0^A0N,20,20^FH\\^FD\\5E_5E^FS")).svg;
    assert!(texts(&svg)[0].ends_with(">^_5E</text>"), "{svg}");
    // The escape character ends with the field.
    let svg = clean(&label("^FO0,0^FH^FD_5E^FS^FO0,20^FD_5E^FS")).svg;
    assert!(texts(&svg)[1].ends_with(">_5E</text>"), "{svg}");
}

#[test]
fn utf8_field_text_is_kept() {
    let svg = clean(&label("^CI28^FO0,0^A0N,20,20^FD2× Halterung – ü^FS")).svg;
    assert!(svg.contains(">2× Halterung – ü</text>"));
}

#[test]
fn tilde_in_field_data_is_text() {
    let svg = clean(&label("^FO0,0^A0N,20,20^FDa~JAb^FS")).svg;
    assert!(svg.contains(">a~JAb</text>"));
}

#[test]
fn field_block_justifies_text() {
    let svg = clean(&label(
        "^FO180,610^AZN,25,25^FB641,1,0,C,0^FDArtikel^FS\
         ^FO833,610^AZN,25,25^FB336,1,0,R,0^FDNr^FS\
         ^FO72,682^AZN,25,25^FB72,1,0,L,0^FD1×^FS",
    ))
    .svg;
    let t = texts(&svg);
    assert!(
        t[0].starts_with(r#"<text x="500" y="635" "#) && t[0].contains(r#"text-anchor="middle""#)
    );
    assert!(
        t[1].starts_with(r#"<text x="1169" y="635" "#) && t[1].contains(r#"text-anchor="end""#)
    );
    assert!(t[2].starts_with(r#"<text x="72" y="707" "#) && !t[2].contains("text-anchor"));
}

#[test]
fn field_block_breaks_lines_up_to_its_maximum() {
    let svg = clean(&label(
        "^FO0,0^A0N,20,20^FB400,2,5,L^FDone\\&two\\&three^FS",
    ))
    .svg;
    let t = texts(&svg);
    assert_eq!(t.len(), 2);
    assert!(t[0].contains(r#"y="20""#) && t[1].contains(r#"y="45""#));
}

#[test]
fn graphic_boxes_draw_borders_lines_and_fills() {
    let svg = clean(&label("^FO72,646^GB1037,2,2^FS")).svg;
    assert_eq!(
        rects(&svg),
        vec![r#"<rect x="72" y="646" width="1037" height="2"/>"#]
    );
    let svg = clean(&label("^FO10,10^GB100,50,3^FS")).svg;
    assert_eq!(
        rects(&svg),
        vec![
            r#"<rect x="10" y="10" width="100" height="3"/>"#,
            r#"<rect x="10" y="57" width="100" height="3"/>"#,
            r#"<rect x="10" y="13" width="3" height="44"/>"#,
            r#"<rect x="107" y="13" width="3" height="44"/>"#,
        ]
    );
    let svg = clean(&label("^FO0,0^GB20,20,20,W^FS")).svg;
    assert!(svg.contains(r##"<g fill="#fff">"##));
    // Defaults: width and height follow the thickness.
    let svg = clean(&label("^FO5,5^GB^FS")).svg;
    assert_eq!(
        rects(&svg),
        vec![r#"<rect x="5" y="5" width="1" height="1"/>"#]
    );
}

#[test]
fn graphic_field_in_plain_hex_draws_its_dots() {
    // Two rows of 16 dots: a 4-dot run and a 1-dot run in each.
    let svg = clean(&graphic(100, 200, 4, 2, "F001F001")).svg;
    assert_eq!(
        rects(&svg),
        vec![
            r#"<rect x="100" y="200" width="4" height="2"/>"#,
            r#"<rect x="115" y="200" width="1" height="2"/>"#,
        ]
    );
}

#[test]
fn doubled_graphic_prefix_of_the_original_is_tolerated() {
    let doubled = clean(&label("^FO100,200^GFA,^GFA,4,4,2,F001F001^FS"));
    assert_eq!(doubled, clean(&graphic(100, 200, 4, 2, "F001F001")));
}

#[test]
fn compressed_and_uncompressed_graphics_render_identically() {
    let bytes: Vec<u8> = (0..40u32 * 30)
        .map(|i| {
            let (row, col) = (i / 40, i % 40);
            match (row % 7, col % 5) {
                (0, _) => 0xFF,
                (1 | 2, _) => 0,
                (_, 0) => 0x81,
                _ => (row * 31 + col * 17) as u8,
            }
        })
        .collect();
    let plain = clean(&graphic(50, 60, bytes.len(), 40, &hex(&bytes)));
    assert!(!rects(&plain.svg).is_empty());
    for data in [
        ascii_compressed(&bytes, 40),
        z64(&bytes),
        b64(&bytes),
        hex(&bytes).to_lowercase(),
        hex(&bytes)
            .as_bytes()
            .chunks(80)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect::<Vec<_>>()
            .join("\r\n"),
    ] {
        assert_eq!(
            clean(&graphic(50, 60, bytes.len(), 40, &data)).svg,
            plain.svg,
            "{data}"
        );
    }
}

#[test]
fn ascii_compression_shortcuts_render_as_expected() {
    // Row 1 all ones ('!'), row 2 zeros (','), row 3 repeats row 2 (':'), row 4 "K8" = 5 × '8'.
    let compressed = clean(&graphic(0, 0, 16, 4, "!,:K8,"));
    let plain = clean(&graphic(0, 0, 16, 4, "FFFFFFFF000000000000000088888000"));
    assert_eq!(compressed.svg, plain.svg);
}

#[test]
fn graphic_crc_mismatch_is_reported_not_drawn() {
    let good = z64(&[0xFF; 8]);
    let bad = format!("{}{:04X}", &good[..good.len() - 4], 0x1234);
    let preview = zpl_to_svg(&graphic(0, 0, 8, 2, &bad));
    assert!(rects(&preview.svg).is_empty());
    assert_eq!(preview.skipped.len(), 1);
    assert!(preview.skipped[0].contains("CRC"), "{:?}", preview.skipped);
}

#[test]
fn oversized_or_invalid_graphics_are_refused_with_a_note() {
    for (zpl, why) in [
        (graphic(0, 0, 5_000_000, 100, "FF"), "4 MiB"),
        (graphic(0, 0, 400, 200, "FF"), "larger than the label"),
        (
            graphic(0, 0, 1772 * 2 + 1, 1, "FF"),
            "larger than the label",
        ),
        (graphic(0, 0, 0, 1, "FF"), "empty"),
        (label("^FO0,0^GFA,x,y,z,FF^FS"), "invalid graphic size"),
        (label("^FO0,0^GFB,2,2,1,ab^FS"), "ASCII"),
        (graphic(0, 0, 2, 1, "F?FF"), "invalid character"),
        (graphic(0, 0, 2, 1, ":Z64:!!!!:0000"), "CRC"),
        (graphic(0, 0, 2, 1, ":B64:!!!!"), "base64"),
    ] {
        let preview = zpl_to_svg(&zpl);
        assert!(rects(&preview.svg).is_empty(), "{zpl}");
        assert_eq!(preview.skipped.len(), 1, "{zpl}: {:?}", preview.skipped);
        assert!(
            preview.skipped[0].contains(why),
            "{zpl}: {:?}",
            preview.skipped
        );
    }
}

#[test]
fn graphics_are_clipped_to_the_label() {
    // 16 dots wide at x 1176 on a 1181-dot label: only 5 dots remain.
    let svg = clean(&graphic(1176, 0, 2, 2, "FFFF")).svg;
    assert_eq!(
        rects(&svg),
        vec![r#"<rect x="1176" y="0" width="5" height="1"/>"#]
    );
}

#[test]
fn settings_without_visible_effect_are_accepted() {
    clean(&label(
        "^CI28^PON^FWN^LS0^LH0,0^FXa comment, ignored^PQ1^PR4^MD0^MNY^MMT^MTT",
    ));
}

#[test]
fn unsupported_settings_are_reported() {
    let preview = zpl_to_svg(&label("^CI0^POI^LS20^FWX^PW0"));
    assert_eq!(preview.skipped.len(), 5, "{:?}", preview.skipped);
    assert!(preview.skipped[0].starts_with("^CI0: "));
}

#[test]
fn unknown_commands_are_reported_and_the_rest_is_drawn() {
    let preview = zpl_to_svg(&label(
        "^FO10,10^BQN,2,10^FDQA,payload^FS~JA^FO0,0^A0N,20,20^FDstill here^FS",
    ));
    assert_eq!(
        preview.skipped,
        vec![
            "^BQN,2,10: unsupported command".to_owned(),
            "~JA: unsupported command".to_owned()
        ]
    );
    assert!(preview.svg.contains(">still here</text>"));
}

#[test]
fn long_commands_are_shortened_in_notes() {
    let preview = zpl_to_svg(&label(&format!("^ZZ{}", "x".repeat(1000))));
    assert!(preview.skipped[0].len() < 60, "{:?}", preview.skipped);
}

#[test]
fn structure_problems_are_reported() {
    assert_eq!(
        zpl_to_svg("").skipped,
        vec!["no label format (^XA … ^XZ) found"]
    );
    assert_eq!(
        zpl_to_svg("^XA").skipped,
        vec!["missing ^XZ at the end of the label"]
    );
    assert_eq!(
        zpl_to_svg("^FDx^FS^XZ").skipped,
        vec!["missing ^XA at the start of the label"]
    );
    let two = zpl_to_svg("^XA^FDone^FS^XZ^XA^FDtwo^FS^XZ");
    assert_eq!(two.skipped.len(), 1);
    assert!(two.svg.contains(">one<") && !two.svg.contains(">two<"));
    assert!(zpl_to_svg("hello^XA^XZ").skipped[0].contains("hello"));
}

#[test]
fn skipped_list_is_capped() {
    let preview = zpl_to_svg(&label(&"^ZZ".repeat(1000)));
    assert_eq!(preview.skipped.len(), 201);
    assert!(preview.skipped[200].contains("800 more"));
}

#[test]
fn zlib_bomb_is_bounded_by_the_declared_size() {
    let z = miniz_oxide::deflate::compress_to_vec_zlib(&vec![0x55u8; 10 << 20], 10);
    let b64 = base64::engine::general_purpose::STANDARD.encode(z);
    let preview = zpl_to_svg(&graphic(0, 0, 1000, 100, &format!(":Z64:{b64}")));
    assert!(preview.skipped.is_empty(), "{:?}", preview.skipped);
    // 10 rows × 400 one-dot runs, one rectangle per run.
    assert_eq!(rects(&preview.svg).len(), 400);
}

// ---- never panics -----------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_input_never_panics(zpl in ".{0,400}") {
        let preview = zpl_to_svg(&zpl);
        prop_assert!(preview.svg.ends_with("</svg>\n"));
    }

    #[test]
    fn zpl_like_input_never_panics(
        parts in prop::collection::vec(
            prop_oneof![
                Just("^XA".to_owned()), Just("^XZ".to_owned()), Just("^FS".to_owned()),
                Just("^FH".to_owned()), Just("~".to_owned()), Just(",".to_owned()),
                "\\^(FO|FT|A0|AZ|A@|CF|CW|FD|FB|GB|GF|PW|LL|LH|CI|FW)[-0-9,A-Z:_.]{0,12}",
                "[0-9A-Fa-zG-Y,:!_]{0,20}",
                ".{0,6}",
            ],
            0..40,
        )
    ) {
        let _ = zpl_to_svg(&parts.concat());
    }

    #[test]
    fn arbitrary_graphic_fields_never_panic(
        kind in "[ABC ]?",
        binary in "[0-9-]{0,8}",
        total in prop_oneof![Just(String::new()), (0usize..70_000).prop_map(|n| n.to_string()), "[-0-9a-z]{0,12}"],
        bytes_per_row in prop_oneof![Just(String::new()), (0usize..300).prop_map(|n| n.to_string()), "[-0-9]{0,12}"],
        data in prop_oneof![
            "[0-9A-Fa-zG-Y,:!\r\n]{0,300}",
            "(:Z64:|:B64:)[A-Za-z0-9+/=:]{0,80}",
            ".{0,60}",
        ],
        x in 0u32..40_000,
        y in 0u32..40_000,
    ) {
        let zpl = format!("^XA^FO{x},{y}^GF{kind},{binary},{total},{bytes_per_row},{data}^FS^XZ");
        let preview = zpl_to_svg(&zpl);
        prop_assert!(preview.svg.ends_with("</svg>\n"));
    }

    #[test]
    fn valid_graphics_cover_exactly_their_set_dots(
        bytes_per_row in 1usize..12,
        bytes in prop::collection::vec(any::<u8>(), 1..200),
    ) {
        let data = hex(&bytes);
        let preview = zpl_to_svg(&graphic(0, 0, bytes.len(), bytes_per_row, &data));
        prop_assert!(preview.skipped.is_empty());
        let set: u64 = bytes.iter().map(|b| u64::from(b.count_ones())).sum();
        prop_assert_eq!(black_area(&preview.svg), set);
        let compressed = zpl_to_svg(&graphic(0, 0, bytes.len(), bytes_per_row, &ascii_compressed(&bytes, bytes_per_row)));
        prop_assert_eq!(compressed.svg, preview.svg);
    }
}
