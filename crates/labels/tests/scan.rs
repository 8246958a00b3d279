//! Outer-Karton scan parser (packaging spec §6.4): the spec's worked examples, every payload the
//! writers produce (with and without the scanner's newline stripping), and the error values.
use labels::packaging::{Article, HalterungLabel, OuterKartonLabel, PackDate, ZubehoerLabel};
use labels::scan::{ScanError, ScanFormat, ScanResult, parse_scan};
use proptest::prelude::*;

/// What a keyboard-wedge scanner types into the single-line input: line breaks removed.
fn strip_newlines(payload: &str) -> String {
    payload.replace(['\r', '\n'], "")
}

fn entries(format: ScanFormat, entries: Vec<Article>) -> Result<ScanResult, ScanError> {
    Ok(ScanResult::Entries { format, entries })
}

#[test]
fn spec_example_zubehoer_single_line_is_looked_up_by_delivery_note() {
    let scanned = "ZUBEHOER: 4711 10370 - Rotoclear C-Extender - 110413 - Halterung fuer Rotoclear C-Extender - 2";
    assert_eq!(
        parse_scan(scanned),
        Ok(ScanResult::ZubehoerLookup {
            lieferscheinnummer: "4711".into()
        })
    );
}

#[test]
fn spec_example_zubehoer_with_letters_looks_up_the_whole_number() {
    // The original produced a parse error here (only leading digits were used, §10 quirk 10).
    let scanned = "ZUBEHOER: LS-4711 10370 - Rotoclear C-Extender - 1";
    assert_eq!(
        parse_scan(scanned),
        Ok(ScanResult::ZubehoerLookup {
            lieferscheinnummer: "LS-4711".into()
        })
    );
    assert_eq!(
        parse_scan("ZUBEHOER: 2024-001 10370 - X - 1"),
        Ok(ScanResult::ZubehoerLookup {
            lieferscheinnummer: "2024-001".into()
        })
    );
}

#[test]
fn spec_example_halterung_single() {
    let scanned = "ART: Flex-Armhalter (Blecheinbau) ARTN: 10144 MENGE: 1 DAT: 05-09-2025";
    assert_eq!(
        parse_scan(scanned),
        entries(
            ScanFormat::HalterungSingle,
            vec![Article::new("10144", "Flex-Armhalter (Blecheinbau)", 1)]
        )
    );
}

#[test]
fn spec_example_halterung_multi() {
    let scanned = "HALTERUNG: 05-09-2025 || ART:10144|BEZ:Flex-Armhalter (Blecheinbau)-HALTERUNG|M:1 || ART:10229|BEZ:Kugelhalterung-HALTERUNG|M:2";
    assert_eq!(
        parse_scan(scanned),
        entries(
            ScanFormat::HalterungMulti,
            vec![
                Article::new("10144", "Flex-Armhalter (Blecheinbau)", 1),
                Article::new("10229", "Kugelhalterung", 2)
            ]
        )
    );
}

#[test]
fn spec_example_product_with_article_number() {
    let scanned = "SN: 12345 ART: Rotoclear C2 Steuerrechner ARTN: 10300 ELE: E1 MAC: 00:11 SW: 1.0 DAT: 05-09-2025";
    assert_eq!(
        parse_scan(scanned),
        entries(
            ScanFormat::Product,
            vec![Article::new("10300", "Rotoclear C2 Steuerrechner", 1).with_serial("12345")]
        )
    );
}

#[test]
fn spec_example_product_without_article_number_needs_serial_lookup() {
    assert_eq!(
        parse_scan("SN: K1 ART: Kamerakopf ELE: x FW: 1 DAT: 05-09-2025"),
        Ok(ScanResult::SerialLookup {
            serialnummer: "K1".into(),
            artikelbezeichnung: "Kamerakopf".into()
        })
    );
}

#[test]
fn spec_example_garbage_is_an_error_not_an_entry() {
    assert_eq!(parse_scan("hello world"), Err(ScanError::Unrecognized));
    assert_eq!(
        ScanError::Unrecognized.original_placeholder(),
        Article::new("UNKNOWN", "Unknown Item", 1)
    );
}

#[test]
fn product_payloads_of_the_products_spec_parse() {
    let cpro = "SN: CP-0001 \nART: Steuerrechner 1TB fuer Rotoclear C Pro \nARTN: 10650 \nELE: EL-1 \nMAC: 00:1A:2B:3C:4D:5E \nHDD: HDD-1 \nSW: 1.2.3 \nDAT: 2025-09-17 \n";
    let kk = "SN: KK-0001 \nART: Kamerakopf F1+F2 \nARTN: 10085 \nELE: EL-4 \nOPT1: O1 \nOPT2: O2 \nFW: fw9 \nDAT: 2025-09-17 \n";
    for (payload, nummer, bezeichnung, serial) in [
        (
            cpro,
            "10650",
            "Steuerrechner 1TB fuer Rotoclear C Pro",
            "CP-0001",
        ),
        (kk, "10085", "Kamerakopf F1+F2", "KK-0001"),
    ] {
        let expected = entries(
            ScanFormat::Product,
            vec![Article::new(nummer, bezeichnung, 1).with_serial(serial)],
        );
        assert_eq!(parse_scan(payload), expected);
        assert_eq!(parse_scan(&strip_newlines(payload)), expected);
    }
}

#[test]
fn product_with_empty_article_number_falls_back_to_serial_lookup() {
    assert_eq!(
        parse_scan("SN: C2-1 \nART: Steuerrechner \nARTN:  \nELE: E \nDAT: 2025-09-17"),
        Ok(ScanResult::SerialLookup {
            serialnummer: "C2-1".into(),
            artikelbezeichnung: "Steuerrechner".into()
        })
    );
    assert_eq!(
        parse_scan("SN:  ART: x ELE: y"),
        Err(ScanError::ProductOhneSeriennummer)
    );
}

#[test]
fn zubehoer_with_line_breaks_reads_the_lines() {
    let payload = "ZUBEHOER: 4711 \n10370 - Rotoclear C-Extender - 1\r\n10413 – Halterung fuer Rotoclear C-Extender — 2";
    assert_eq!(
        parse_scan(payload),
        entries(
            ScanFormat::Zubehoer,
            vec![
                Article::new("10370", "Rotoclear C-Extender", 1),
                Article::new("10413", "Halterung fuer Rotoclear C-Extender", 2)
            ]
        )
    );
}

#[test]
fn zubehoer_without_number_is_an_error() {
    assert_eq!(
        parse_scan("ZUBEHOER:"),
        Err(ScanError::ZubehoerOhneLieferschein)
    );
    assert_eq!(
        parse_scan("ZUBEHOER:   "),
        Err(ScanError::ZubehoerOhneLieferschein)
    );
    assert_eq!(
        ScanError::ZubehoerOhneLieferschein.original_placeholder(),
        Article::new("UNKNOWN", "Zubehör Etikett (Parsing Error)", 1)
    );
}

#[test]
fn legacy_lieferschein_line_is_looked_up() {
    assert_eq!(
        parse_scan("Lieferschein: 815\nirgendwas"),
        Ok(ScanResult::ZubehoerLookup {
            lieferscheinnummer: "815".into()
        })
    );
    assert_eq!(
        parse_scan("Lieferschein:"),
        Err(ScanError::ZubehoerOhneLieferschein)
    );
}

#[test]
fn legacy_halterung_multi_form() {
    let scanned = "HALTERUNG: 05-09-2025 10144 - Flex Armhalter - 1 10229 - Kugelhalterung - 2";
    assert_eq!(
        parse_scan(scanned),
        entries(
            ScanFormat::HalterungMulti,
            vec![
                Article::new("10144", "Flex Armhalter", 1),
                Article::new("10229", "Kugelhalterung", 2)
            ]
        )
    );
    assert_eq!(
        parse_scan("HALTERUNG: 05-09-2025 nichts"),
        Err(ScanError::HalterungMulti)
    );
    assert_eq!(
        ScanError::HalterungMulti
            .original_placeholder()
            .artikelnummer,
        "HALTERUNG_MULTI_UNKNOWN"
    );
}

#[test]
fn concatenated_halterung_single_scans_give_every_item() {
    let first = "ART: Kugelhalterung ARTN: 10229 MENGE: 2 DAT: 05-09-2025";
    let second = "ART: Flex-Armhalter (Magnethalter) ARTN: 10222 MENGE: 1 DAT: 05-09-2025";
    assert_eq!(
        parse_scan(&format!("{first} {second}")),
        entries(
            ScanFormat::HalterungSingle,
            vec![
                Article::new("10229", "Kugelhalterung", 2),
                Article::new("10222", "Flex-Armhalter (Magnethalter)", 1)
            ]
        )
    );
    assert_eq!(
        parse_scan("ART: x ARTN: 1 MENGE: viele DAT: 05-09-2025"),
        Err(ScanError::HalterungSingle)
    );
}

#[test]
fn outer_karton_payload_with_line_breaks_parses() {
    let payload = "10300 - Rotoclear C2 Steuerrechner - 1 (12345)\n10035 - Datenkabel mit 2x M12-Stecker (10m) - 2";
    assert_eq!(
        parse_scan(payload),
        entries(
            ScanFormat::OuterKarton,
            vec![
                Article::new("10300", "Rotoclear C2 Steuerrechner", 1).with_serial("12345"),
                Article::new("10035", "Datenkabel mit 2x M12-Stecker (10m)", 2)
            ]
        )
    );
}

#[test]
fn glued_outer_karton_lines_are_refused() {
    let glued = "10300 - Rotoclear C2 Steuerrechner - 1 (12345)10035 - Datenkabel mit 2x M12-Stecker (10m) - 2";
    assert_eq!(
        parse_scan(glued),
        Err(ScanError::OuterKartonOhneZeilenumbruch)
    );
    let glued = "10091 - Stromkabel (2m) - 110035 - Datenkabel mit 2x M12-Stecker (10m) - 2";
    assert_eq!(
        parse_scan(glued),
        Err(ScanError::OuterKartonOhneZeilenumbruch)
    );
}

#[test]
fn legacy_key_value_lines() {
    assert_eq!(
        parse_scan("Artikelnummer: 10085\nArtikelbezeichnung: Kamerakopf\nSeriennummer: K-7"),
        entries(
            ScanFormat::LegacyKeyValue,
            vec![Article::new("10085", "Kamerakopf", 1).with_serial("K-7")]
        )
    );
    assert_eq!(
        parse_scan("Artikelbezeichnung: Kamerakopf Seriennummer: K-7"),
        Ok(ScanResult::SerialLookup {
            serialnummer: "K-7".into(),
            artikelbezeichnung: "Kamerakopf".into()
        })
    );
    assert_eq!(
        parse_scan("10085 - 3"),
        entries(
            ScanFormat::LegacyKeyValue,
            vec![Article::new("10085", "", 3)]
        )
    );
}

#[test]
fn empty_input_is_an_error_with_a_german_message() {
    assert_eq!(parse_scan(" \n\t "), Err(ScanError::Empty));
    assert_eq!(ScanError::Empty.to_string(), "Der gescannte Text ist leer.");
}

// ---- every payload the writers produce parses back to the same items ----

fn article_number() -> impl Strategy<Value = String> {
    "[1-9][0-9]{4}"
}

/// Descriptions as the catalogues use them: words with letters, umlauts, digits and punctuation
/// (including `-`, `(`, `)`, `,`, `.`, `:`, `+`, `>`), no leading or trailing space.
fn description() -> impl Strategy<Value = String> {
    proptest::collection::vec("[A-Za-zÄÖÜäöüß0-9][A-Za-zÄÖÜäöüß0-9().,+>/-]{0,11}", 1..6)
        .prop_map(|words| words.join(" "))
}

fn article() -> impl Strategy<Value = Article> {
    (article_number(), description(), 1u32..1000)
        .prop_map(|(nr, desc, menge)| Article::new(nr, desc, menge))
}

fn sorted(mut items: Vec<Article>) -> Vec<Article> {
    items.sort_by_key(|item| item.artikelnummer.parse::<u32>().unwrap_or(u32::MAX));
    items
}

fn pack_date() -> impl Strategy<Value = PackDate> {
    (1u16..=28, 1u16..=12, 2000u16..2100)
        .prop_map(|(d, m, y)| PackDate::from_dmy(d, m, y).expect("valid day"))
}

proptest! {
    #[test]
    fn zubehoer_payloads_round_trip(items in proptest::collection::vec(article(), 1..8), ls in "[A-Z0-9][A-Z0-9/-]{0,11}") {
        let label = ZubehoerLabel::new(&ls, items.clone()).expect("valid");
        let payload = label.qr_payload();
        prop_assert_eq!(parse_scan(&payload), entries(ScanFormat::Zubehoer, sorted(items)));
        prop_assert_eq!(
            parse_scan(&strip_newlines(&payload)),
            Ok(ScanResult::ZubehoerLookup { lieferscheinnummer: ls })
        );
    }

    #[test]
    fn halterung_payloads_round_trip(items in proptest::collection::vec(article(), 1..6), datum in pack_date()) {
        let label = HalterungLabel::new(datum, items.clone()).expect("valid");
        let payload = label.qr_payload();
        let format = if items.len() == 1 { ScanFormat::HalterungSingle } else { ScanFormat::HalterungMulti };
        let expected = entries(format, sorted(items));
        prop_assert_eq!(parse_scan(&payload), expected.clone());
        prop_assert_eq!(parse_scan(&strip_newlines(&payload)), expected);
    }

    #[test]
    fn outer_karton_payloads_round_trip(
        items in proptest::collection::vec((article(), proptest::option::of("[A-Za-z0-9-]{1,12}")), 1..8)
    ) {
        let entries_in: Vec<Article> = items
            .into_iter()
            .map(|(article, serial)| match serial { Some(s) => article.with_serial(s), None => article })
            .collect();
        let label = OuterKartonLabel::new(entries_in.clone()).expect("valid");
        prop_assert_eq!(parse_scan(&label.qr_payload()), entries(ScanFormat::OuterKarton, entries_in));
    }

    #[test]
    fn parser_never_panics(text in "\\PC{0,200}") {
        let _ = parse_scan(&text);
    }
}
