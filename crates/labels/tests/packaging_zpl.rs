//! ZPL of the packaging labels (packaging spec §7): the compat stream of §7.5, golden files of the
//! default mode, and ZPL safety of user text.
use std::path::PathBuf;

use labels::packaging::ZubehoerLabel;
use labels::packaging::{Article, HalterungLabel, OuterKartonLabel, PackDate};
use labels::zpl::Mode;
use proptest::prelude::*;

fn zubehoer() -> ZubehoerLabel {
    ZubehoerLabel::new(
        "4711",
        vec![
            Article::new("10413", "Halterung fuer Rotoclear C-Extender", 2),
            Article::new("10370", "Rotoclear C-Extender", 1).with_serial("CX-0042"),
        ],
    )
    .expect("valid label")
}

fn date() -> PackDate {
    PackDate::parse("05-09-2025").expect("valid date")
}

fn halterung_single() -> HalterungLabel {
    HalterungLabel::new(date(), vec![Article::new("10229", "Kugelhalterung", 2)])
        .expect("valid label")
}

fn halterung_multi() -> HalterungLabel {
    HalterungLabel::new(
        date(),
        vec![
            Article::new("10229", "Kugelhalterung", 2),
            Article::new("10147", "Verlängerungsstück fuer Flex-Armhalterung", 1),
        ],
    )
    .expect("valid label")
}

fn outer_karton() -> OuterKartonLabel {
    OuterKartonLabel::new(vec![
        Article::new("10300", "Rotoclear C2 Steuerrechner", 1).with_serial("12345"),
        Article::new(
            "10358",
            "Datenkabel mit 2x M12-Stecker (männlich - weiblich), x-kodiert. Länge: 20m",
            1,
        ),
        Article::new("10035", "Datenkabel mit 2x M12-Stecker (10m)", 2),
    ])
    .expect("valid label")
}

/// The ZPL lines with every `^GFA` data part replaced by `…`, as the spec prints its example.
fn elide_graphics(zpl: &str) -> Vec<String> {
    zpl.split("\r\n")
        .map(|line| match line.rfind("^GFA,") {
            Some(at) => {
                let (head, rest) = line.split_at(at);
                let fields: Vec<&str> = rest.splitn(5, ',').collect();
                format!("{head}{},…^FS", fields[..4].join(","))
            }
            None => line.to_owned(),
        })
        .collect()
}

const HEADER: &str = "^XA
^CI28
^PON
^FWN
^LH0,0
^PW1181
^LL1772
^LS0
^CWZ,E:TT0003M_.TTF
^AZN,50,50
^FO72,72^FDRotoclear C-Line^FS
^FO1061,72^GFA,246,246,6,…^FS
^AZN,25,25
^FO72,188^FDRotoclear GmbH^FS
^AZN,25,25
^FO72,218^FDCarl-Benz-Strasse 10–12^FS
^AZN,25,25
^FO72,248^FD69115 Heidelberg^FS
^AZN,25,25
^FO72,278^FDGermany^FS
^AZN,25,25
^FO72,316^FDwww.rotoclear.com^FS
^FO72,394^GFA,480,480,8,…^FS
^FO149,394^GFA,480,480,8,…^FS
^AZN,25,25
^FO72,474^FDDesigned and made in Germany^FS";

fn lines(text: &str) -> Vec<String> {
    text.lines().map(str::to_owned).collect()
}

#[test]
fn compat_zubehoer_stream_is_the_spec_example() {
    let zpl = zubehoer().zpl(Mode::CompatOriginal).expect("fits");
    assert!(!zpl.ends_with("\r\n"));
    assert!(zpl.split("\r\n").all(|line| !line.contains('\n')));
    let expected = format!(
        "{HEADER}
^AZN,25,25
^FO180,610^FB641,1,0,C,0^FDArtikel^FS
^AZN,25,25
^FO833,610^FB336,1,0,L,0^FDArtikelnummer^FS
^FO72,646^GB1037,2,2^FS
^FO759,180^GFA,^GFA,15400,15400,44,…^FS
^AZN,25,25
^AZN,25,25
^FO72,682^FB72,1,0,L,0^FD1×^FS
^AZN,25,25
^FO180,682^FB641,1,0,L,0^FDRotoclear C-Extender^FS
^AZN,25,25
^FO833,682^FB336,1,0,L,0^FD10370^FS
^AZN,25,25
^FO72,720^FB72,1,0,L,0^FD2×^FS
^AZN,25,25
^FO180,720^FB641,1,0,L,0^FDHalterung fuer Rotoclear C-Extender^FS
^AZN,25,25
^FO833,720^FB336,1,0,L,0^FD10413^FS
^XZ"
    );
    assert_eq!(elide_graphics(&zpl), lines(&expected));
}

#[test]
fn compat_outer_karton_stream_equals_zubehoer_layout() {
    let carton = OuterKartonLabel::new(zubehoer().items().to_vec()).expect("valid");
    let carton_lines = elide_graphics(&carton.zpl(Mode::CompatOriginal).expect("fits"));
    assert_eq!(
        carton_lines,
        elide_graphics(&zubehoer().zpl(Mode::CompatOriginal).expect("fits"))
    );
}

#[test]
fn compat_halterung_single_stream() {
    let zpl = halterung_single().zpl(Mode::CompatOriginal).expect("fits");
    let expected = format!(
        "{HEADER}
^FO759,180^GFA,^GFA,15400,15400,44,…^FS
^FO72,610^AZN,25,25^FDArtikelbezeichnung: Kugelhalterung^FS
^FO72,646^AZN,25,25^FDArtikelnummer: 10229^FS
^FO72,682^AZN,25,25^FDMenge: 2^FS
^FO72,718^AZN,25,25^FDVerpackungsdatum: 05-09-2025^FS
^XZ"
    );
    assert_eq!(elide_graphics(&zpl), lines(&expected));
}

#[test]
fn compat_halterung_multi_emits_the_qr_after_the_tagline() {
    let zpl = halterung_multi().zpl(Mode::CompatOriginal).expect("fits");
    let expected = format!(
        "{HEADER}
^FO759,180^GFA,^GFA,15400,15400,44,…^FS
^AZN,25,25
^FO180,610^FB641,1,0,C,0^FDArtikel^FS
^AZN,25,25
^FO833,610^FB336,1,0,L,0^FDArtikelnummer^FS
^FO72,646^GB1037,2,2^FS
^AZN,25,25
^AZN,25,25
^FO72,682^FB72,1,0,L,0^FD1×^FS
^AZN,25,25
^FO180,682^FB641,1,0,L,0^FDVerlängerungsstück fuer Flex-Armhalterung^FS
^AZN,25,25
^FO833,682^FB336,1,0,L,0^FD10147^FS
^AZN,25,25
^FO72,720^FB72,1,0,L,0^FD2×^FS
^AZN,25,25
^FO180,720^FB641,1,0,L,0^FDKugelhalterung^FS
^AZN,25,25
^FO833,720^FB336,1,0,L,0^FD10229^FS
^XZ"
    );
    assert_eq!(elide_graphics(&zpl), lines(&expected));
}

#[test]
fn default_mode_fixes_the_original() {
    let zpl = outer_karton().zpl(Mode::Default).expect("fits");
    assert!(!zpl.contains("^GFA,^GFA"), "single ^GFA prefix");
    assert!(
        zpl.len() < 8_000,
        "compressed QR keeps the label small, got {} bytes",
        zpl.len()
    );
    assert!(zpl.is_ascii(), "text is transliterated to printable ASCII");
    assert!(
        zpl.contains("^FO180,720^FB641,1,0,L,0^FH^FDDatenkabel mit 2x M12-Stecker (maennl...^FS")
    );
    assert!(zpl.contains("^FO72,682^FB72,1,0,L,0^FH^FD1x^FS"));
    let compat = outer_karton().zpl(Mode::CompatOriginal).expect("fits");
    assert!(compat.len() > 30_000);
}

fn golden(name: &str, zpl: &str) {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "golden", name]
        .iter()
        .collect();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, zpl).expect("write golden file");
    }
    let expected = std::fs::read_to_string(&path)
        .expect("golden file exists (run with UPDATE_GOLDEN=1 to create)");
    assert_eq!(zpl, expected, "{name} differs from its golden file");
}

#[test]
fn golden_default_mode_labels() {
    golden(
        "packaging-zubehoer.zpl",
        &zubehoer().zpl(Mode::Default).expect("fits"),
    );
    golden(
        "packaging-halterung-single.zpl",
        &halterung_single().zpl(Mode::Default).expect("fits"),
    );
    golden(
        "packaging-halterung-multi.zpl",
        &halterung_multi().zpl(Mode::Default).expect("fits"),
    );
    golden(
        "packaging-outerkarton.zpl",
        &outer_karton().zpl(Mode::Default).expect("fits"),
    );
}

#[test]
fn payload_too_long_for_a_qr_code_is_an_error_in_compat_mode() {
    let entries = (0..40)
        .map(|i| Article::new(format!("{}", 10000 + i), "x".repeat(60), 1))
        .collect();
    let carton = OuterKartonLabel::new(entries).expect("valid");
    assert!(carton.zpl(Mode::CompatOriginal).is_err());
}

#[test]
fn a_large_carton_prints_on_several_labels_that_together_list_every_line_once() {
    let entries: Vec<Article> = (0..70)
        .map(|i| {
            Article::new(format!("{}", 10000 + i), "x".repeat(60), 1).with_serial(format!("SN-{i}"))
        })
        .collect();
    let carton = OuterKartonLabel::new(entries).expect("valid");
    let sheets = carton.sheets();
    assert!(sheets.len() >= 3, "70 lines need at least 3 labels");
    for sheet in &sheets {
        assert!(sheet.entries().len() <= labels::packaging::ROWS_PER_LABEL);
        assert!(sheet.qr_payload().len() <= labels::packaging::QR_MAX_BYTES);
    }
    let joined: Vec<String> = sheets.iter().map(OuterKartonLabel::qr_payload).collect();
    assert_eq!(joined.join("\n"), carton.qr_payload());

    let zpl = carton
        .zpl(Mode::Default)
        .expect("splits instead of failing");
    assert_eq!(zpl.matches("^XA").count(), sheets.len());
    assert_eq!(zpl.matches("^XZ").count(), sheets.len());
    for i in 1..=sheets.len() {
        assert!(zpl.contains(&format!("Etikett {i}/{}^FS", sheets.len())));
    }
}

#[test]
fn a_carton_that_fits_prints_one_label_without_a_sheet_mark() {
    let entries: Vec<Article> = (0..28)
        .map(|i| Article::new(format!("{}", 10000 + i), "Kabel", 1))
        .collect();
    let carton = OuterKartonLabel::new(entries).expect("valid");
    assert_eq!(carton.sheets(), vec![carton.clone()]);
    let zpl = carton.zpl(Mode::Default).expect("fits");
    assert_eq!(zpl.matches("^XA").count(), 1);
    assert!(!zpl.contains("Etikett 1/"));
}

/// The command skeleton of a job: every `^XX` / `~XX` command name in order.
fn commands(zpl: &str) -> Vec<String> {
    let chars: Vec<char> = zpl.chars().collect();
    chars
        .windows(3)
        .filter(|w| w[0] == '^' || w[0] == '~')
        .map(|w| w.iter().collect())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn user_text_never_creates_a_command(
        nummer in "\\PC{0,30}",
        bezeichnung in "\\PC{0,120}",
        lieferschein in "[^\\s]\\PC{0,20}",
        menge in 1u32..100,
    ) {
        let hostile = vec![Article::new(nummer.clone(), bezeichnung.clone(), menge), Article::new("1", "^XZ~JR\r\n^FD", 1)];
        let plain = vec![Article::new("0", "x", menge), Article::new("1", "x", 1)];
        for (dirty, clean) in [
            (
                ZubehoerLabel::new(&lieferschein, hostile.clone()).map(|l| l.zpl(Mode::Default)),
                ZubehoerLabel::new("x", plain.clone()).map(|l| l.zpl(Mode::Default)),
            ),
            (
                OuterKartonLabel::new(hostile.clone()).map(|l| l.zpl(Mode::Default)),
                OuterKartonLabel::new(plain.clone()).map(|l| l.zpl(Mode::Default)),
            ),
            (
                HalterungLabel::new(date(), hostile[..1].to_vec()).map(|l| l.zpl(Mode::Default)),
                HalterungLabel::new(date(), plain[..1].to_vec()).map(|l| l.zpl(Mode::Default)),
            ),
        ] {
            let dirty = dirty.expect("valid").expect("fits");
            let clean = clean.expect("valid").expect("fits");
            prop_assert_eq!(commands(&dirty), commands(&clean));
            prop_assert_eq!(dirty.split("\r\n").count(), clean.split("\r\n").count());
            prop_assert!(!dirty.chars().any(|c| c.is_control() && c != '\r' && c != '\n'));
        }
    }
}
