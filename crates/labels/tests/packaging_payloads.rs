//! QR payloads of the packaging labels, exactly as packaging spec §6.1–6.3 gives them.
use labels::packaging::{
    Article, HalterungLabel, OuterKartonLabel, PackDate, PackagingError, ZubehoerLabel,
};

fn date(text: &str) -> PackDate {
    PackDate::parse(text).expect("valid test date")
}

#[test]
fn zubehoer_payload_matches_spec_example() {
    let label = ZubehoerLabel::new(
        "  4711 ",
        vec![
            Article::new("10413", "Halterung fuer Rotoclear C-Extender", 2),
            Article::new("10370", "Rotoclear C-Extender", 1).with_serial("CX-0042"),
        ],
    )
    .expect("valid label");
    assert_eq!(
        label.qr_payload(),
        "ZUBEHOER: 4711 \n10370 - Rotoclear C-Extender - 1\n10413 - Halterung fuer Rotoclear C-Extender - 2"
    );
}

#[test]
fn zubehoer_payload_keeps_umlauts_as_typed() {
    let text = "Datenkabel mit 2x M12-Stecker (männlich - weiblich), x-kodiert. Länge: 20m";
    let label =
        ZubehoerLabel::new("LS 1", vec![Article::new("10358", text, 1)]).expect("valid label");
    assert_eq!(
        label.qr_payload(),
        format!("ZUBEHOER: LS 1 \n10358 - {text} - 1")
    );
}

#[test]
fn zubehoer_requires_items_and_delivery_note() {
    assert_eq!(
        ZubehoerLabel::new("4711", vec![]),
        Err(PackagingError::NoItems)
    );
    let items = vec![Article::new("10091", "Stromkabel (2m)", 1)];
    assert_eq!(
        ZubehoerLabel::new("  ", items),
        Err(PackagingError::MissingLieferscheinnummer)
    );
}

#[test]
fn halterung_single_payload_matches_spec_example() {
    let label = HalterungLabel::new(
        date("05-09-2025"),
        vec![Article::new("10229", "Kugelhalterung", 2)],
    )
    .expect("valid");
    assert_eq!(
        label.qr_payload(),
        "ART: Kugelhalterung \nARTN: 10229 \nMENGE: 2 \nDAT: 05-09-2025 \n"
    );
}

#[test]
fn halterung_multi_payload_matches_spec_example_and_sorts_by_article_number() {
    let label = HalterungLabel::new(
        date("05-09-2025"),
        vec![
            Article::new("10229", "Kugelhalterung", 2),
            Article::new("10144", "Flex-Armhalter (Blecheinbau)", 1),
        ],
    )
    .expect("valid");
    assert_eq!(
        label.qr_payload(),
        "HALTERUNG: 05-09-2025 || ART:10144|BEZ:Flex-Armhalter (Blecheinbau)-HALTERUNG|M:1 || ART:10229|BEZ:Kugelhalterung-HALTERUNG|M:2"
    );
}

#[test]
fn halterung_multi_payload_replaces_pipes_in_descriptions() {
    let label = HalterungLabel::new(
        date("01-01-2026"),
        vec![
            Article::new("10147", "A|B", 1),
            Article::new("10178", "C", 3),
        ],
    )
    .expect("valid");
    assert_eq!(
        label.qr_payload(),
        "HALTERUNG: 01-01-2026 || ART:10147|BEZ:A/B-HALTERUNG|M:1 || ART:10178|BEZ:C-HALTERUNG|M:3"
    );
}

#[test]
fn outer_karton_payload_matches_spec_example_and_keeps_entry_order() {
    let label = OuterKartonLabel::new(vec![
        Article::new("10300", "Rotoclear C2 Steuerrechner", 1).with_serial("12345"),
        Article::new("10035", "Datenkabel mit 2x M12-Stecker (10m)", 2),
    ])
    .expect("valid");
    assert_eq!(
        label.qr_payload(),
        "10300 - Rotoclear C2 Steuerrechner - 1 (12345)\n10035 - Datenkabel mit 2x M12-Stecker (10m) - 2"
    );
}

#[test]
fn outer_karton_payload_omits_empty_serial() {
    let label = OuterKartonLabel::new(vec![
        Article::new("10091", "Stromkabel (2m)", 1).with_serial(""),
    ])
    .expect("valid");
    assert_eq!(label.qr_payload(), "10091 - Stromkabel (2m) - 1");
    assert_eq!(OuterKartonLabel::new(vec![]), Err(PackagingError::NoItems));
}
