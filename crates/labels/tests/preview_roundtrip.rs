//! Round trip: payload → QR bitmap → `^GF` in a label → SVG preview → pixels (resvg) → QR
//! decoder (rxing) → the same payload. Proves the preview is faithful enough to scan.
//!
//! The QR bitmaps are made here with the `qrcode` crate, independent of the label writers, in the
//! two shapes the writers emit (products spec §5.7): the original's fractional 350-dot raster as
//! plain hex behind the doubled `^GFA,` prefix, and whole-dot modules sent compressed.

use base64::Engine as _;
use labels::preview::{Preview, zpl_to_svg};
use qrcode::{Color, EcLevel, QrCode};
use resvg::{tiny_skia, usvg};
use rxing::BarcodeFormat;

/// The four QR payloads of products spec §5.6 (Appendix C vectors).
const PAYLOADS: [&str; 4] = [
    "SN: CP-0001 \nART: Steuerrechner 1TB fuer Rotoclear C Pro \nARTN: 10650 \nELE: EL-1 \nMAC: 00:1A:2B:3C:4D:5E \nHDD: HDD-1 \nSW: 1.2.3 \nDAT: 2025-09-17 \n",
    "SN: C2-0001 \nART: Steuerrechner fuer Rotoclear C2 \nARTN: 10082 \nELE: EL-2 \nMAC: 00:1A:2B:3C:4D:5E \nSW: 1.2.3 \nDAT: 2025-09-17",
    "SN: CB-0001 \nART: Rotoclear C Basic Steuerrechner \nARTN: 10262 \nELE: EL-3 \nSW: 1.0 \nDAT: 2025-09-17",
    "SN: KK-0001 \nART: Kamerakopf F1+F2 \nARTN: 10085 \nELE: EL-4 \nOPT1: O1 \nOPT2: O2 \nFW: fw9 \nDAT: 2025-09-17 \n",
];

/// The QR box of the product label: 350 × 350 dots at (759, 180).
const QR_BOX: usize = 350;

/// A packed 1-bit raster, rows MSB-first, bit 1 = black.
struct Raster {
    bytes_per_row: usize,
    data: Vec<u8>,
}

impl Raster {
    fn new(size: usize, black: impl Fn(usize, usize) -> bool) -> Self {
        let bytes_per_row = size.div_ceil(8);
        let mut data = vec![0u8; bytes_per_row * size];
        for y in 0..size {
            for x in 0..size {
                if black(x, y) {
                    data[y * bytes_per_row + x / 8] |= 0x80 >> (x % 8);
                }
            }
        }
        Self {
            bytes_per_row,
            data,
        }
    }

    fn hex(&self) -> String {
        self.data.iter().map(|b| format!("{b:02X}")).collect()
    }

    fn z64(&self) -> String {
        let z = miniz_oxide::deflate::compress_to_vec_zlib(&self.data, 9);
        let b64 = base64::engine::general_purpose::STANDARD.encode(z);
        format!(":Z64:{b64}:{:04X}", crc16_xmodem(b64.as_bytes()))
    }
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

fn modules(payload: &str) -> (usize, Vec<Color>) {
    let code =
        QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M).expect("payload fits");
    (code.width(), code.to_colors())
}

/// The original's raster (products spec §5.7): 350 dots, one-module quiet zone, fractional
/// scale `s = 350 / (N + 2)`, so modules are 7 or 8 dots wide.
fn compat_raster(payload: &str) -> Raster {
    let (n, colors) = modules(payload);
    let s = QR_BOX as f64 / (n + 2) as f64;
    let module = |p: usize| {
        let p = p as f64;
        (p >= s && p < QR_BOX as f64 - s).then(|| ((p - s) / s).floor() as usize)
    };
    Raster::new(QR_BOX, |x, y| match (module(x), module(y)) {
        (Some(mx), Some(my)) if mx < n && my < n => colors[my * n + mx] == Color::Dark,
        _ => false,
    })
}

/// Whole-dot modules (the default mode): the largest integer scale whose symbol plus a
/// one-module quiet zone fits the 350-dot box, centred in it.
fn whole_dot_raster(payload: &str) -> Raster {
    let (n, colors) = modules(payload);
    let scale = QR_BOX / (n + 2);
    let offset = (QR_BOX - n * scale) / 2;
    let module = |p: usize| {
        let p = p.checked_sub(offset)? / scale;
        (p < n).then_some(p)
    };
    Raster::new(QR_BOX, |x, y| match (module(x), module(y)) {
        (Some(mx), Some(my)) => colors[my * n + mx] == Color::Dark,
        _ => false,
    })
}

/// The product label frame of products spec Appendix A with `graphic` as the QR field.
fn product_label(graphic: &str) -> String {
    [
        "^XA",
        "^CI28",
        "^PON",
        "^FWN",
        "^LH0,0",
        "^PW1181",
        "^LL1772",
        "^LS0",
        "^CWZ,E:TT0003M_.TTF",
        "^AZN,50,50",
        "^FO72,72^FDRotoclear C Pro^FS",
        "^AZN,25,25",
        "^FO72,188^FDRotoclear GmbH^FS",
        &format!("^FO759,180{graphic}^FS"),
        "^FO72,610^AZN,25,25^FDArtikelnummer: 10650^FS",
        "^FO72,718^AZN,25,25^FDVerpackungsdatum: 2025-09-17^FS",
        "^XZ",
    ]
    .join("\r\n")
}

/// Rasterises the SVG with `pixels_per_dot` pixels per printer dot and returns the luminance.
fn rasterise(preview: &Preview, pixels_per_dot: f32) -> (Vec<u8>, u32, u32) {
    let tree = usvg::Tree::from_str(&preview.svg, &usvg::Options::default()).expect("valid SVG");
    let size = tree.size();
    let width = (preview.width_dots as f32 * pixels_per_dot).round() as u32;
    let height = (preview.height_dots as f32 * pixels_per_dot).round() as u32;
    let mut pixmap = tiny_skia::Pixmap::new(width, height).expect("pixmap");
    pixmap.fill(tiny_skia::Color::WHITE);
    let transform = tiny_skia::Transform::from_scale(
        width as f32 / size.width(),
        height as f32 / size.height(),
    );
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    let luma = pixmap
        .pixels()
        .iter()
        .map(|p| {
            let c = p.demultiply();
            ((299 * u32::from(c.red()) + 587 * u32::from(c.green()) + 114 * u32::from(c.blue()))
                / 1000) as u8
        })
        .collect();
    (luma, width, height)
}

fn decode(preview: &Preview, pixels_per_dot: f32) -> String {
    let (luma, width, height) = rasterise(preview, pixels_per_dot);
    rxing::helpers::detect_in_luma(luma, width, height, Some(BarcodeFormat::QR_CODE))
        .expect("QR code found")
        .getText()
        .to_owned()
}

fn assert_round_trip(graphic: impl Fn(&Raster) -> String, raster: fn(&str) -> Raster) {
    for payload in PAYLOADS {
        let preview = zpl_to_svg(&product_label(&graphic(&raster(payload))));
        assert!(preview.skipped.is_empty(), "{:?}", preview.skipped);
        assert_eq!(decode(&preview, 1.0), payload);
    }
}

#[test]
fn compat_raster_in_plain_hex_with_doubled_prefix_decodes() {
    assert_round_trip(
        |r| {
            format!(
                "^GFA,^GFA,{total},{total},{bpr},{hex}",
                total = r.data.len(),
                bpr = r.bytes_per_row,
                hex = r.hex()
            )
        },
        compat_raster,
    );
}

#[test]
fn whole_dot_raster_in_z64_decodes() {
    assert_round_trip(
        |r| {
            format!(
                "^GFA,{total},{total},{bpr},{z64}",
                total = r.data.len(),
                bpr = r.bytes_per_row,
                z64 = r.z64()
            )
        },
        whole_dot_raster,
    );
}

#[test]
fn preview_decodes_at_screen_size_too() {
    // A browser shows the SVG at its millimetre size, at 96 px per inch that is about 2.2 px
    // per 7-dot module: the on-screen preview stays scannable.
    let pixels_per_dot = 96.0 / 25.4 / 12.0;
    for raster in [compat_raster, whole_dot_raster] {
        let graphic = format!("^GFA,15400,15400,44,{}", raster(PAYLOADS[0]).z64());
        let preview = zpl_to_svg(&product_label(&graphic));
        assert_eq!(decode(&preview, pixels_per_dot), PAYLOADS[0]);
    }
}

/// The real writers: every label kind, both modes → ZPL → SVG → pixels → QR decoder → its payload.
#[test]
fn every_label_kind_decodes_to_its_payload_in_both_modes() {
    use labels::packaging::{Article, HalterungLabel, OuterKartonLabel, PackDate, ZubehoerLabel};
    use labels::product::{JsText, Product, ProductLabelInput, qr_payload, write_label};
    use labels::zpl::Mode;

    let product = ProductLabelInput {
        serialnummer: "KK-0001".into(),
        artikel_bezeichnung: "Kamerakopf F1+F2".into(),
        artikel_nummer: JsText::Value("10085".into()),
        seriennummer_elektronik: "EL-4".into(),
        seriennummer_optik1: "O1".into(),
        seriennummer_optik2: "O2".into(),
        firmware_version: "fw9".into(),
        mac_adresse: "001a2b3c4d5e".into(),
        seriennummer_festplatte: "HDD-1".into(),
        software_version: "1.2.3".into(),
        datum: "2025-09-17".into(),
    };
    let items = || {
        vec![
            Article::new("10370", "Rotoclear C-Extender", 1).with_serial("EXT-7"),
            Article::new("10413", "Halterung fuer Rotoclear C-Extender", 2),
        ]
    };
    let date = PackDate::parse("17-09-2025").expect("date");
    const MODES: [Mode; 2] = [Mode::CompatOriginal, Mode::Default];
    // (name, payload, ZPL in each of MODES)
    let mut labels: Vec<(String, String, Vec<String>)> = Vec::new();
    for kind in Product::ALL {
        let zpl = MODES.map(|m| write_label(kind, &product, m).expect("label"));
        labels.push((
            format!("{kind:?}"),
            qr_payload(kind, &product),
            zpl.to_vec(),
        ));
    }
    let zubehoer = ZubehoerLabel::new("LS-4711", items()).expect("zubehoer");
    let one =
        HalterungLabel::new(date, vec![Article::new("10358", "Halterung KK", 1)]).expect("one");
    let many = HalterungLabel::new(date, items()).expect("many");
    let carton = OuterKartonLabel::new(items()).expect("carton");
    labels.push((
        "Zubehoer".into(),
        zubehoer.qr_payload(),
        MODES.map(|m| zubehoer.zpl(m).expect("zpl")).to_vec(),
    ));
    labels.push((
        "Halterung single".into(),
        one.qr_payload(),
        MODES.map(|m| one.zpl(m).expect("zpl")).to_vec(),
    ));
    labels.push((
        "Halterung multi".into(),
        many.qr_payload(),
        MODES.map(|m| many.zpl(m).expect("zpl")).to_vec(),
    ));
    labels.push((
        "Outer carton".into(),
        carton.qr_payload(),
        MODES.map(|m| carton.zpl(m).expect("zpl")).to_vec(),
    ));
    for (name, payload, zpls) in &labels {
        for (mode, zpl) in MODES.iter().zip(zpls) {
            let preview = zpl_to_svg(zpl);
            assert!(
                preview.skipped.is_empty(),
                "{name} {mode:?}: {:?}",
                preview.skipped
            );
            assert_eq!(&decode(&preview, 1.0), payload, "{name} {mode:?}");
        }
    }
}
