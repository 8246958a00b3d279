//! Label engine benchmarks: a complete product label with QR (default mode), the SVG preview of it,
//! and the outer-carton scan parser.
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use labels::packaging::{Article, OuterKartonLabel};
use labels::product::{JsText, Product, ProductLabelInput};
use labels::zpl::Mode;

fn cpro() -> ProductLabelInput {
    ProductLabelInput {
        serialnummer: "CP-0001".into(),
        artikel_bezeichnung: "Steuerrechner 1TB fuer Rotoclear C Pro".into(),
        artikel_nummer: JsText::Value("10650".into()),
        seriennummer_elektronik: "EL-1".into(),
        mac_adresse: "001a2b3c4d5e".into(),
        seriennummer_festplatte: "HDD-1".into(),
        software_version: "1.2.3".into(),
        datum: "2025-09-17".into(),
        ..Default::default()
    }
}

fn benches(c: &mut Criterion) {
    let input = cpro();
    c.bench_function("product label (C Pro, default mode, with QR)", |b| {
        b.iter(|| labels::product::write_label(Product::CPro, black_box(&input), Mode::Default))
    });
    let payload = labels::product::qr_payload(Product::CPro, &input);
    c.bench_function("QR symbol of the C Pro payload", |b| {
        b.iter(|| labels::qr::QrSymbol::encode(black_box(&payload)))
    });
    if let Ok(symbol) = labels::qr::QrSymbol::encode(&payload) {
        c.bench_function("QR bitmap, whole-dot raster", |b| {
            b.iter(|| symbol.bitmap(black_box(Mode::Default)))
        });
    }
    let zpl =
        labels::product::write_label(Product::CPro, &input, Mode::Default).unwrap_or_default();
    c.bench_function("SVG preview of the C Pro label", |b| {
        b.iter(|| labels::preview::zpl_to_svg(black_box(&zpl)))
    });
    let carton = OuterKartonLabel::new(
        (0..10)
            .map(|i| {
                Article::new(format!("1{i:04}"), format!("Artikel {i}"), 1)
                    .with_serial(format!("SN-{i}"))
            })
            .collect(),
    );
    let payload = carton.map(|c| c.qr_payload()).unwrap_or_default();
    c.bench_function("scan parser (outer carton, 10 entries)", |b| {
        b.iter(|| labels::scan::parse_scan(black_box(&payload)))
    });
}

criterion_group!(label_benches, benches);
criterion_main!(label_benches);
