//! The four product lines (C Pro, C2, C Basic, KK) as data for the inspection engine
//! (`api_types::inspection`). Products spec §7; the original's defects listed in §9 (items 4–7 and
//! 12–14) are fixed here: consistent required fields, the KK configuration and Automatiktest, and
//! article names without stray spaces.

use std::sync::LazyLock;

use api_types::inspection::{
    ArticleRule, ChoiceOption, Condition, FieldDef, FieldKind, FilledBy, ProductDefinition,
    SectionDef, TextFormat,
};
use labels::product::Product;
use serde_json::Value;

/// The definition of a product line, built once.
pub fn definition(product: Product) -> &'static ProductDefinition {
    static CPRO: LazyLock<ProductDefinition> = LazyLock::new(cpro);
    static C2: LazyLock<ProductDefinition> = LazyLock::new(c2);
    static CBASIC: LazyLock<ProductDefinition> = LazyLock::new(cbasic);
    static KK: LazyLock<ProductDefinition> = LazyLock::new(kk);
    match product {
        Product::CPro => &CPRO,
        Product::C2 => &C2,
        Product::CBasic => &CBASIC,
        Product::Kk => &KK,
    }
}

/// All definitions, in the order C Pro, C2, C Basic, KK.
pub fn all() -> [&'static ProductDefinition; 4] {
    Product::ALL.map(definition)
}

/// The field whose value is a unit's variant in the statistics (C Pro disk size, C2 configuration,
/// KK number of optics); C Basic has none.
pub fn variant_field(product_key: &str) -> Option<&'static str> {
    match product_key {
        "cpro" => Some("festplattengroesse"),
        "c2" => Some("konfiguration"),
        "kk" => Some("anzahl_optiken"),
        _ => None,
    }
}

/// A unit's variant from its values.
pub fn variant(product_key: &str, values: &api_types::inspection::Values) -> Option<String> {
    let field = variant_field(product_key)?;
    values.get(field)?.as_str().map(str::to_string)
}

/// The product and its definition for a URL key (`cpro`, `c2`, `cbasic`, `kk`).
pub fn by_key(key: &str) -> Option<(Product, &'static ProductDefinition)> {
    Product::from_key(key).map(|p| (p, definition(p)))
}

// Section keys.
const KONFIG: &str = "konfiguration";
const HW: &str = "hardware";
const ARTIKEL: &str = "artikel";
const DMG: &str = "dmg";
const TESTS: &str = "pruefungen";
const B_TESTS: &str = "pruefer_b";

fn sections(keys: &[&str]) -> Vec<SectionDef> {
    const ALL: [(&str, &str, &str); 6] = [
        (KONFIG, "Konfiguration", "Configuration"),
        (HW, "Hardware-Informationen", "Hardware information"),
        (ARTIKEL, "Artikel-Informationen", "Article information"),
        (DMG, "DMG Konfiguration", "DMG configuration"),
        (TESTS, "Funktionsprüfungen", "Functional checks"),
        (
            B_TESTS,
            "Prüfer B Spezifische Tests",
            "Inspector B specific tests",
        ),
    ];
    keys.iter()
        .filter_map(|k| ALL.iter().find(|(key, _, _)| key == k))
        .map(|(key, de, en)| SectionDef {
            key: key.to_string(),
            label_de: de.to_string(),
            label_en: en.to_string(),
        })
        .collect()
}

/// Format and length limit of a text field.
struct Text(TextFormat, u16);

const SERIAL: Text = Text(TextFormat::Serial, 64);
const VERSION: Text = Text(TextFormat::Version, 40);
/// The longest accepted spelling, `00-1a-2b-3c-4d-5e`, has 17 characters.
const MAC: Text = Text(TextFormat::Mac, 17);
const SHORT: Text = Text(TextFormat::Free, 50);
const NOTE: Text = Text(TextFormat::Free, 500);

/// A field both inspectors fill, required, with the engine's default text settings.
fn field(section: &str, key: &str, kind: FieldKind, de: &str, en: &str) -> FieldDef {
    FieldDef {
        key: key.to_string(),
        aliases: Vec::new(),
        section: section.to_string(),
        kind,
        format: TextFormat::Free,
        options: Vec::new(),
        filled_by: FilledBy::Both,
        required: true,
        visible_when: None,
        label_de: de.to_string(),
        label_en: en.to_string(),
        default: None,
        max_len: 200,
    }
}

fn check(section: &str, key: &str, de: &str, en: &str) -> FieldDef {
    field(section, key, FieldKind::Check, de, en)
}

fn text(section: &str, key: &str, Text(format, max_len): Text, de: &str, en: &str) -> FieldDef {
    FieldDef {
        format,
        max_len,
        ..field(section, key, FieldKind::Text, de, en)
    }
}

fn choice(section: &str, key: &str, options: Vec<ChoiceOption>, de: &str, en: &str) -> FieldDef {
    FieldDef {
        options,
        ..field(section, key, FieldKind::Choice, de, en)
    }
}

/// Options whose label is their code (configurations, optic formats).
fn codes(codes: &[&str]) -> Vec<ChoiceOption> {
    codes.iter().map(|c| opt(c, c, c)).collect()
}

fn opt(code: &str, de: &str, en: &str) -> ChoiceOption {
    ChoiceOption {
        code: code.to_string(),
        label_de: de.to_string(),
        label_en: en.to_string(),
        when: None,
    }
}

/// Adjustments of a field, chained after its constructor.
trait Tweak {
    fn by(self, filled_by: FilledBy) -> Self;
    fn optional(self) -> Self;
    fn visible_when(self, field: &str, any_of: &[&str]) -> Self;
    fn alias(self, alias: &str) -> Self;
    fn default_code(self, code: &str) -> Self;
}

impl Tweak for FieldDef {
    fn by(self, filled_by: FilledBy) -> Self {
        FieldDef { filled_by, ..self }
    }

    fn optional(self) -> Self {
        FieldDef {
            required: false,
            ..self
        }
    }

    fn visible_when(self, field: &str, any_of: &[&str]) -> Self {
        FieldDef {
            visible_when: Some(Condition::new(field, any_of)),
            ..self
        }
    }

    fn alias(mut self, alias: &str) -> Self {
        self.aliases.push(alias.to_string());
        self
    }

    fn default_code(self, code: &str) -> Self {
        FieldDef {
            default: Some(Value::String(code.to_string())),
            ..self
        }
    }
}

// Fields every product has, with the same meaning and rules.

fn serialnummer() -> FieldDef {
    text(HW, "serialnummer", SERIAL, "Seriennummer", "Serial number").by(FilledBy::A)
}

fn hinweis() -> FieldDef {
    text(HW, "hinweis", NOTE, "Hinweis", "Note").optional()
}

fn ba_nummer() -> FieldDef {
    text(
        ARTIKEL,
        "ba_nummer",
        SHORT,
        "BA-Nummer",
        "Production order number",
    )
}

/// B's Automatiktest result and link (C Pro, C2, KK).
fn automatiktest() -> [FieldDef; 2] {
    [
        check(
            B_TESTS,
            "automatiktest_ok",
            "Automatiktest durchgeführt",
            "Automatic test performed",
        )
        .by(FilledBy::B),
        FieldDef {
            max_len: 2000,
            ..field(
                B_TESTS,
                "qr_code_automatiktest",
                FieldKind::Link,
                "Automatiktest Link",
                "Automatic test link",
            )
        }
        .by(FilledBy::B),
    ]
}

fn lp_verschraubt(section: &str) -> FieldDef {
    check(
        section,
        "lp_verschraubt",
        "Leiterplattensteckverbinder verschraubt",
        "PCB connectors screwed tight",
    )
    .by(FilledBy::B)
}

/// An article for values meeting all conditions `(field, any of these codes)`.
fn article(when: &[(&str, &[&str])], nummer: &str, bezeichnung: &str) -> ArticleRule {
    ArticleRule {
        when: when
            .iter()
            .map(|(f, any_of)| Condition::new(f, any_of))
            .collect(),
        artikel_nummer: nummer.to_string(),
        artikel_bezeichnung: bezeichnung.to_string(),
    }
}

/// What identifies a product line; sections, fields and articles are filled in per product.
fn header(product: Product) -> ProductDefinition {
    let (name, kind_de, kind_en, automatiktest) = match product {
        Product::CPro => ("C Pro", "Steuerrechner", "control computer", true),
        Product::C2 => ("C2", "Steuerrechner", "control computer", true),
        Product::CBasic => ("C Basic", "Steuerrechner", "control computer", false),
        Product::Kk => ("KK", "Kamerakopf", "camera head", true),
    };
    ProductDefinition {
        key: product.key().to_string(),
        name: name.to_string(),
        kind_de: kind_de.to_string(),
        kind_en: kind_en.to_string(),
        label_title: product.title().to_string(),
        automatiktest,
        sections: Vec::new(),
        fields: Vec::new(),
        articles: Vec::new(),
    }
}

// The definitions. Field order: Prüfer A's form (spec §7.x.4), then B's own fields (§7.x.5).

#[rustfmt::skip]
fn cpro() -> ProductDefinition {
    let mut fields = vec![
        serialnummer(),
        hinweis(),
        text(HW, "software_version", VERSION, "Software-Version", "Software version"),
        choice(HW, "konfiguration", codes(&["RC"]), "Konfiguration", "Configuration").default_code("RC"),
        text(HW, "seriennummer_elektronik", SERIAL, "Seriennummer Elektronik", "Electronics serial number"),
        text(HW, "mac_adresse", MAC, "MAC-Adresse", "MAC address"),
        text(HW, "seriennummer_festplatte", SERIAL, "Seriennummer Festplatte", "Hard disk serial number"),
        choice(HW, "festplattengroesse", vec![
            opt("GB_256", "256 GB", "256 GB"),
            opt("TB_1", "1 TB", "1 TB"),
            opt("TB_4", "4 TB", "4 TB"),
        ], "Festplattengröße", "Hard disk size"),
        ba_nummer(),
        check(TESTS, "hardware_ok", "Hardware vollständig und unbeschädigt", "Hardware complete and undamaged"),
        check(TESTS, "hdmi_ok", "HDMI-Verbindung funktioniert", "HDMI connection works"),
        check(TESTS, "web_ok", "Web funktioniert", "Web interface works"),
        check(TESTS, "zoom_ok", "Zoom funktioniert", "Zoom works"),
        check(TESTS, "menue_bedienbar", "Menü ist bedienbar", "Menu can be operated"),
        check(TESTS, "festplatte_angezeigt", "Festplatte wird angezeigt", "Hard disk is shown"),
        choice(TESTS, "freier_festplattenspeicher", vec![
            opt("GB_233", "ca. 233 GB", "approx. 233 GB"),
            opt("GB_890", "ca. 890 GB", "approx. 890 GB"),
            opt("GB_3700", "ca. 3.7 TB", "approx. 3.7 TB"),
        ], "Freier Festplattenspeicher", "Free disk space").default_code("GB_233"),
        check(TESTS, "ip_adresse", "IP-Adresse sichtbar", "IP address visible"),
        check(TESTS, "kameraeingang_ok", "Kameraeingänge funktionieren", "Camera inputs work"),
        check(TESTS, "zustandsdaten_ok", "Zustandsdaten i.O.", "Status data OK"),
        text(TESTS, "zustandsdaten_fehler", NOTE, "Welche Zustandsdaten werden nicht korrekt dargestellt?", "Which status data are shown incorrectly?").optional(),
        check(TESTS, "festplatte_leer", "Festplatte leer", "Hard disk empty"),
    ];
    fields.extend(automatiktest());
    fields.extend([
        check(B_TESTS, "werkseinstellung", "Auf Werkseinstellung zurückgesetzt", "Reset to factory settings").by(FilledBy::B),
        lp_verschraubt(B_TESTS),
    ]);
    ProductDefinition {
        sections: sections(&[HW, ARTIKEL, TESTS, B_TESTS]),
        fields,
        articles: vec![
            article(&[("festplattengroesse", &["GB_256"])], "10620", "Steuerrechner 256GB fuer Rotoclear C Pro"),
            article(&[("festplattengroesse", &["TB_1"])], "10650", "Steuerrechner 1TB fuer Rotoclear C Pro"),
            article(&[("festplattengroesse", &["TB_4"])], "10651", "Steuerrechner 4TB fuer Rotoclear C Pro"),
        ],
        ..header(Product::CPro)
    }
}

#[rustfmt::skip]
fn c2() -> ProductDefinition {
    let mut fields = vec![
        serialnummer(),
        hinweis(),
        text(HW, "software_version", VERSION, "Software-Version", "Software version"),
        choice(HW, "konfiguration", codes(&["RC", "DMG", "DEMO", "EDU"]), "Konfiguration", "Configuration"),
        text(HW, "seriennummer_elektronik", SERIAL, "Seriennummer Elektronik", "Electronics serial number"),
        text(HW, "mac_adresse", MAC, "MAC-Adresse", "MAC address"),
        ba_nummer(),
        check(TESTS, "hardware_ok", "Hardware vollständig und unbeschädigt", "Hardware complete and undamaged"),
        check(TESTS, "hutschienenclip_montiert", "Hutschienenclip montiert", "DIN-rail clip mounted"),
        check(TESTS, "hdmi_ok", "HDMI-Verbindung funktioniert", "HDMI connection works"),
        check(TESTS, "web_ok", "Web funktioniert", "Web interface works"),
        check(TESTS, "zoom_ok", "Zoom funktioniert", "Zoom works"),
        check(TESTS, "menue_bedienbar", "Menü ist bedienbar", "Menu can be operated"),
        check(TESTS, "ip_adresse", "IP-Adresse sichtbar", "IP address visible"),
        check(TESTS, "kameraeingang_ok", "Kameraeingänge funktionieren", "Camera inputs work"),
        check(TESTS, "zustandsdaten_ok", "Zustandsdaten i.O.", "Status data OK"),
        text(TESTS, "zustandsdaten_fehler", NOTE, "Welche Zustandsdaten werden nicht korrekt dargestellt?", "Which status data are shown incorrectly?").optional(),
    ];
    fields.extend(automatiktest());
    fields.extend([
        check(B_TESTS, "werkseinstellung", "Werkseinstellung durchgeführt", "Factory reset performed").by(FilledBy::B),
        lp_verschraubt(B_TESTS),
    ]);
    ProductDefinition {
        sections: sections(&[HW, ARTIKEL, TESTS, B_TESTS]),
        fields,
        articles: vec![
            article(&[("konfiguration", &["DMG"])], "10052", "Steuerrechner fuer RotoLENS DMG-Artikel-Nr.: 3812889"),
            article(&[("konfiguration", &["RC", "DEMO", "EDU"])], "10082", "Steuerrechner fuer Rotoclear C2"),
        ],
        ..header(Product::C2)
    }
}

#[rustfmt::skip]
fn cbasic() -> ProductDefinition {
    // C Basic's A form shows the article section first.
    let fields = vec![
        ba_nummer(),
        serialnummer(),
        text(HW, "seriennummer_elektronik", SERIAL, "Seriennummer Elektronik", "Electronics serial number"),
        text(HW, "software_version", VERSION, "Software-Version", "Software version"),
        hinweis(),
        check(TESTS, "hardware_ok", "Hardware vollständig und unbeschädigt", "Hardware complete and undamaged"),
        check(TESTS, "hutschienenclip_montiert", "Hutschienenclip montiert", "DIN-rail clip mounted"),
        check(TESTS, "hdmi_ok", "HDMI-Verbindung funktioniert", "HDMI connection works"),
        check(TESTS, "zoom_ok", "Zoom funktioniert", "Zoom works"),
        check(TESTS, "kameraeingang_ok", "Kameraeingang funktioniert", "Camera input works"),
        check(TESTS, "sprache_wechslen", "Sprache wechseln funktioniert", "Switching the language works").alias("sprache_wechslen_funktioniert"),
        check(TESTS, "sprache_auf_englisch", "Sprache auf Englisch eingestellt", "Language set to English").alias("sprache_auf_englisch_eingestellt"),
        lp_verschraubt(B_TESTS),
    ];
    ProductDefinition {
        sections: sections(&[ARTIKEL, HW, TESTS, B_TESTS]),
        fields,
        articles: vec![article(&[], "10262", "Rotoclear C Basic Steuerrechner")],
        ..header(Product::CBasic)
    }
}

#[rustfmt::skip]
fn kk() -> ProductDefinition {
    const ONE: &[&str] = &["Ein_Optik"];
    const TWO: &[&str] = &["Zwei_Optiken"];
    let when_one = |o: ChoiceOption| ChoiceOption { when: Some(Condition::new("anzahl_optiken", ONE)), ..o };
    let when_two = |o: ChoiceOption| ChoiceOption { when: Some(Condition::new("anzahl_optiken", TWO)), ..o };
    let mut fields = vec![
        choice(KONFIG, "anzahl_optiken", vec![
            opt("Ein_Optik", "1 Optik", "1 optic"),
            opt("Zwei_Optiken", "2 Optiken", "2 optics"),
        ], "Anzahl Optiken", "Number of optics"),
        choice(KONFIG, "optik_format", vec![
            when_one(opt("F1", "F1", "F1")),
            when_one(opt("F2", "F2", "F2")),
            when_one(opt("TFT", "TFT", "TFT")),
            when_two(opt("F1_F2", "F1+F2", "F1+F2")),
            when_two(opt("F1_TFT", "F1+TFT", "F1+TFT")),
            when_two(opt("F2_TFT", "F2+TFT", "F2+TFT")),
        ], "Optik Format", "Optic format"),
        choice(KONFIG, "konfiguration", codes(&["RC", "DMG"]), "Konfiguration", "Configuration").alias("KonfigurationKK"),
        serialnummer(),
        text(HW, "seriennummer_elektronik", SERIAL, "Seriennummer Elektronik", "Electronics serial number"),
        text(HW, "firmware_version", VERSION, "Firmware Version", "Firmware version"),
        text(HW, "seriennummer_optik1", SERIAL, "Seriennummer Optik 1", "Optic 1 serial number"),
        text(HW, "seriennummer_optik2", SERIAL, "Seriennummer Optik 2", "Optic 2 serial number").visible_when("anzahl_optiken", TWO),
        text(HW, "chargenummer", SERIAL, "Chargenummer Lagereinheit", "Bearing unit batch number"),
        hinweis(),
        ba_nummer(),
        check(DMG, "pigtail_schrumpfschlauch", "Pigtail-Kabel mit Schrumpfschlauch montiert", "Pigtail cable fitted with heat-shrink tubing").visible_when("konfiguration", &["DMG"]),
        check(DMG, "pigtail_drehmoment", "Pigtail-Kabel mit Drehmoment angezogen", "Pigtail cable tightened to torque").visible_when("konfiguration", &["DMG"]),
        check(TESTS, "hardware_ok", "Hardware vollständig und unbeschädigt", "Hardware complete and undamaged"),
        check(TESTS, "optikglas_ok", "Optikglas Staub- und Fettfrei", "Optic glass free of dust and grease"),
        check(TESTS, "rotor_ok", "Rotor dreht frei(von Hand)", "Rotor turns freely (by hand)"),
        check(TESTS, "klebung_rotor_ok", "Klebung Rotor i.O.", "Rotor bonding OK"),
        check(TESTS, "kleber_2k_ok", "2K-Kleber Lichtmodul i.O.", "Light module two-component adhesive OK"),
        check(TESTS, "dichtring_datenkabel_eingelegt", "Dichtring(grün) für Datenkabel eingelegt", "Sealing ring (green) for data cable inserted"),
        check(TESTS, "druckluftanscluss_montiert", "Fest Druckluftanschluss montiert", "Compressed-air connector mounted"),
        check(TESTS, "uberdrucktest_ok", "Überdrucktest durchgeführt", "Overpressure test performed"),
        check(TESTS, "lichtmodul_ok", "10x Lichtmodul auf Funktion überprüft", "Light module function checked 10 times"),
        check(TESTS, "motor_ok", "10x Motor auf Funktion überprüft", "Motor function checked 10 times"),
        check(TESTS, "motor_dauerhaft_drehbar", "Motor im Dauerlauf überprüft(min. 30 Min.)", "Motor checked in continuous run (at least 30 min)"),
        text(TESTS, "laufzeit_motor", SHORT, "Laufzeit des Motors eintragen", "Motor run time"),
        check(TESTS, "drucksensor_ok", "Drucksensor funktioniert", "Pressure sensor works"),
        check(TESTS, "lagesensor_ok", "Lagesensor funktioniert", "Position sensor works"),
        check(TESTS, "zustandsdaten_ok", "Zustandsdaten i.O.", "Status data OK"),
        text(TESTS, "zustandsdaten_fehler", NOTE, "Zustand des Fehlers eintragen", "Describe the fault").optional(),
        check(TESTS, "fokuslage_ok", "Fokuslage korrekt eingestellt", "Focus position set correctly"),
        check(TESTS, "optik_wechseln_funktioniert", "Optik wechseln funktioniert", "Switching optics works").visible_when("anzahl_optiken", TWO),
        check(TESTS, "siegellack_aufgebracht", "Siegellack aufgebracht", "Sealing lacquer applied"),
    ];
    fields.extend(automatiktest());
    ProductDefinition {
        sections: sections(&[KONFIG, HW, ARTIKEL, DMG, TESTS, B_TESTS]),
        fields,
        articles: vec![
            article(&[("anzahl_optiken", ONE), ("optik_format", &["F1"]), ("konfiguration", &["RC"])], "10083", "Kamerakopf F1"),
            article(&[("anzahl_optiken", ONE), ("optik_format", &["F1"]), ("konfiguration", &["DMG"])], "10007", "Kamerakopf F1"),
            article(&[("anzahl_optiken", ONE), ("optik_format", &["F2"]), ("konfiguration", &["RC"])], "10084", "Kamerakopf F2"),
            article(&[("anzahl_optiken", ONE), ("optik_format", &["F2"]), ("konfiguration", &["DMG"])], "10080", "Kamerakopf F2"),
            article(&[("anzahl_optiken", ONE), ("optik_format", &["TFT"])], "10471", "Kamerakopf TFT"),
            article(&[("anzahl_optiken", TWO), ("optik_format", &["F1_F2"]), ("konfiguration", &["RC"])], "10085", "Kamerakopf F1+F2"),
            article(&[("anzahl_optiken", TWO), ("optik_format", &["F1_F2"]), ("konfiguration", &["DMG"])], "10081", "Kamerakopf F1+F2"),
            article(&[("anzahl_optiken", TWO), ("optik_format", &["F1_TFT"])], "10691", "Kamerakopf F1+TFT"),
            article(&[("anzahl_optiken", TWO), ("optik_format", &["F2_TFT"])], "10692", "Kamerakopf F2+TFT"),
        ],
        ..header(Product::Kk)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use api_types::inspection::{Step, Values};
    use serde_json::json;

    use super::*;
    use crate::inspection::examples::{example_a, example_b};

    fn values(pairs: &[(&str, &str)]) -> Values {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), json!(v)))
            .collect()
    }

    fn input(value: Value) -> serde_json::Map<String, Value> {
        value.as_object().cloned().expect("an object")
    }

    /// The keys `validate` reports for an empty input.
    fn missing(product: Product, step: Step) -> BTreeSet<String> {
        definition(product)
            .validate(step, &input(json!({})))
            .expect_err("empty input is invalid")
            .into_keys()
            .collect()
    }

    fn set(keys: &[&str]) -> BTreeSet<String> {
        keys.iter().map(|k| k.to_string()).collect()
    }

    /// Selected choices `(field, code)`, then the expected article number and name.
    type ArticleRow<'a> = (&'a [(&'a str, &'a str)], &'a str, &'a str);

    fn assert_articles(product: Product, rows: &[ArticleRow]) {
        let def = definition(product);
        for (selection, nummer, bezeichnung) in rows {
            let rule = def
                .article(&values(selection))
                .unwrap_or_else(|| panic!("{}: no article for {selection:?}", def.key));
            assert_eq!(
                (
                    rule.artikel_nummer.as_str(),
                    rule.artikel_bezeichnung.as_str()
                ),
                (*nummer, *bezeichnung),
                "{}: {selection:?}",
                def.key
            );
        }
    }

    #[test]
    fn definitions_are_found_by_product_and_key() {
        let keys: Vec<&str> = all().iter().map(|d| d.key.as_str()).collect();
        assert_eq!(keys, ["cpro", "c2", "cbasic", "kk"]);
        for product in Product::ALL {
            let def = definition(product);
            assert_eq!(def.key, product.key());
            assert_eq!(def.label_title, product.title());
            let (found, by_key_def) = by_key(product.key()).expect("known key");
            assert_eq!(found, product);
            assert!(std::ptr::eq(by_key_def, def), "built once");
        }
        assert_eq!(definition(Product::Kk).label_title, "Rotoclear C-Line");
        assert_eq!(definition(Product::Kk).kind_de, "Kamerakopf");
        assert_eq!(definition(Product::CBasic).name, "C Basic");
        assert!(by_key("KK").is_none());
    }

    #[test]
    fn definitions_are_consistent() {
        for def in all() {
            let mut keys = BTreeSet::new();
            for (i, field) in def.fields.iter().enumerate() {
                let names = std::iter::once(&field.key).chain(&field.aliases);
                for name in names {
                    assert!(keys.insert(name.clone()), "{}: {name} twice", def.key);
                }
                assert!(
                    def.sections.iter().any(|s| s.key == field.section),
                    "{}: section of {}",
                    def.key,
                    field.key
                );
                // Conditions name a choice that comes earlier in the form.
                let conditions = field
                    .visible_when
                    .iter()
                    .chain(field.options.iter().filter_map(|o| o.when.as_ref()));
                for condition in conditions {
                    let target = def.fields[..i]
                        .iter()
                        .find(|f| f.key == condition.field)
                        .unwrap_or_else(|| {
                            panic!("{}: {} before {}", def.key, condition.field, field.key)
                        });
                    assert_eq!(target.kind, FieldKind::Choice);
                    for code in &condition.any_of {
                        assert!(target.options.iter().any(|o| &o.code == code), "{code}");
                    }
                }
                assert_eq!(field.kind == FieldKind::Choice, !field.options.is_empty());
            }
            for rule in &def.articles {
                for condition in &rule.when {
                    let target = def.field(&condition.field).expect("article field");
                    for code in &condition.any_of {
                        assert!(target.options.iter().any(|o| &o.code == code), "{code}");
                    }
                }
            }
            let b_only: Vec<&FieldDef> = def
                .fields
                .iter()
                .filter(|f| f.filled_by == FilledBy::B)
                .collect();
            assert!(b_only.iter().all(|f| f.section == B_TESTS));
            assert!(
                def.fields
                    .iter()
                    .skip_while(|f| f.filled_by != FilledBy::B)
                    .all(|f| f.filled_by == FilledBy::B),
                "{}: B's own fields come last",
                def.key
            );
            assert_eq!(
                def.automatiktest,
                def.field("qr_code_automatiktest").is_some(),
                "{}",
                def.key
            );
        }
    }

    #[test]
    fn cpro_article_follows_disk_size() {
        assert_articles(
            Product::CPro,
            &[
                (
                    &[("festplattengroesse", "GB_256")],
                    "10620",
                    "Steuerrechner 256GB fuer Rotoclear C Pro",
                ),
                (
                    &[("festplattengroesse", "TB_1")],
                    "10650",
                    "Steuerrechner 1TB fuer Rotoclear C Pro",
                ),
                (
                    &[("festplattengroesse", "TB_4")],
                    "10651",
                    "Steuerrechner 4TB fuer Rotoclear C Pro",
                ),
            ],
        );
        assert!(definition(Product::CPro).article(&Values::new()).is_none());
    }

    #[test]
    fn c2_article_follows_configuration() {
        let dmg = "Steuerrechner fuer RotoLENS DMG-Artikel-Nr.: 3812889";
        let c2 = "Steuerrechner fuer Rotoclear C2";
        assert_articles(
            Product::C2,
            &[
                (&[("konfiguration", "DMG")], "10052", dmg),
                (&[("konfiguration", "RC")], "10082", c2),
                (&[("konfiguration", "DEMO")], "10082", c2),
                (&[("konfiguration", "EDU")], "10082", c2),
            ],
        );
        assert!(definition(Product::C2).article(&Values::new()).is_none());
    }

    #[test]
    fn cbasic_article_is_constant() {
        assert_articles(
            Product::CBasic,
            &[(&[], "10262", "Rotoclear C Basic Steuerrechner")],
        );
    }

    #[test]
    fn kk_article_follows_optics_and_configuration() {
        let row = |count, format, konfiguration| {
            [
                ("anzahl_optiken", count),
                ("optik_format", format),
                ("konfiguration", konfiguration),
            ]
        };
        let (one, two) = ("Ein_Optik", "Zwei_Optiken");
        assert_articles(
            Product::Kk,
            &[
                (&row(one, "F1", "RC"), "10083", "Kamerakopf F1"),
                (&row(one, "F1", "DMG"), "10007", "Kamerakopf F1"),
                (&row(one, "F2", "RC"), "10084", "Kamerakopf F2"),
                (&row(one, "F2", "DMG"), "10080", "Kamerakopf F2"),
                (&row(one, "TFT", "RC"), "10471", "Kamerakopf TFT"),
                (&row(one, "TFT", "DMG"), "10471", "Kamerakopf TFT"),
                (
                    &[("anzahl_optiken", one), ("optik_format", "TFT")],
                    "10471",
                    "Kamerakopf TFT",
                ),
                (&row(two, "F1_F2", "RC"), "10085", "Kamerakopf F1+F2"),
                (&row(two, "F1_F2", "DMG"), "10081", "Kamerakopf F1+F2"),
                (&row(two, "F1_TFT", "RC"), "10691", "Kamerakopf F1+TFT"),
                (&row(two, "F1_TFT", "DMG"), "10691", "Kamerakopf F1+TFT"),
                (&row(two, "F2_TFT", "RC"), "10692", "Kamerakopf F2+TFT"),
                (&row(two, "F2_TFT", "DMG"), "10692", "Kamerakopf F2+TFT"),
            ],
        );
        let def = definition(Product::Kk);
        assert!(
            def.article(&values(&[("anzahl_optiken", one), ("optik_format", "F1")]))
                .is_none()
        );
        assert!(
            def.article(&values(&[
                ("optik_format", "F1_F2"),
                ("konfiguration", "RC")
            ]))
            .is_none()
        );
    }

    #[test]
    #[rustfmt::skip]
    fn empty_input_names_every_required_field_of_the_step() {
        // Per product: the required fields both inspectors fill, and B's own ones.
        let cases: [(Product, &[&str], &[&str]); 4] = [
            (
                Product::CPro,
                &["software_version", "konfiguration", "seriennummer_elektronik", "mac_adresse",
                  "seriennummer_festplatte", "festplattengroesse", "ba_nummer", "hardware_ok",
                  "hdmi_ok", "web_ok", "zoom_ok", "menue_bedienbar", "festplatte_angezeigt",
                  "freier_festplattenspeicher", "ip_adresse", "kameraeingang_ok",
                  "zustandsdaten_ok", "festplatte_leer"],
                &["automatiktest_ok", "qr_code_automatiktest", "werkseinstellung", "lp_verschraubt"],
            ),
            (
                Product::C2,
                &["software_version", "konfiguration", "seriennummer_elektronik", "mac_adresse",
                  "ba_nummer", "hardware_ok", "hutschienenclip_montiert", "hdmi_ok", "web_ok",
                  "zoom_ok", "menue_bedienbar", "ip_adresse", "kameraeingang_ok",
                  "zustandsdaten_ok"],
                &["automatiktest_ok", "qr_code_automatiktest", "werkseinstellung", "lp_verschraubt"],
            ),
            (
                Product::CBasic,
                &["ba_nummer", "seriennummer_elektronik", "software_version", "hardware_ok",
                  "hutschienenclip_montiert", "hdmi_ok", "zoom_ok", "kameraeingang_ok",
                  "sprache_wechslen", "sprache_auf_englisch"],
                &["lp_verschraubt"],
            ),
            (
                // Fields shown only for two optics or DMG are hidden while nothing is chosen.
                Product::Kk,
                &["anzahl_optiken", "optik_format", "konfiguration", "seriennummer_elektronik",
                  "firmware_version", "seriennummer_optik1", "chargenummer", "ba_nummer",
                  "hardware_ok", "optikglas_ok", "rotor_ok", "klebung_rotor_ok", "kleber_2k_ok",
                  "dichtring_datenkabel_eingelegt", "druckluftanscluss_montiert",
                  "uberdrucktest_ok", "lichtmodul_ok", "motor_ok", "motor_dauerhaft_drehbar",
                  "laufzeit_motor", "drucksensor_ok", "lagesensor_ok", "zustandsdaten_ok",
                  "fokuslage_ok", "siegellack_aufgebracht"],
                &["automatiktest_ok", "qr_code_automatiktest"],
            ),
        ];
        for (product, both, b_only) in cases {
            let mut a = set(both);
            a.insert("serialnummer".to_string());
            assert_eq!(missing(product, Step::A), a, "{product:?} A");
            let b: BTreeSet<String> = set(both).union(&set(b_only)).cloned().collect();
            assert_eq!(missing(product, Step::B), b, "{product:?} B");
        }
    }

    #[test]
    fn messages_use_the_captions() {
        let errors = definition(Product::CPro)
            .validate(Step::A, &input(json!({})))
            .expect_err("empty");
        assert_eq!(errors["serialnummer"], ["Seriennummer ist erforderlich"]);
        assert_eq!(
            errors["hardware_ok"],
            ["Hardware vollständig und unbeschädigt muss bewertet werden"]
        );
    }

    #[test]
    fn kk_shows_optional_fields_by_choice() {
        let def = definition(Product::Kk);
        let mut dmg_two = input(example_a(Product::Kk, "KK-0002"));
        for key in [
            "seriennummer_optik2",
            "optik_wechseln_funktioniert",
            "pigtail_schrumpfschlauch",
            "pigtail_drehmoment",
        ] {
            dmg_two.remove(key);
        }
        let errors = def
            .validate(Step::A, &dmg_two)
            .expect_err("two optics, DMG");
        assert_eq!(
            errors.into_keys().collect::<BTreeSet<_>>(),
            set(&[
                "seriennummer_optik2",
                "optik_wechseln_funktioniert",
                "pigtail_schrumpfschlauch",
                "pigtail_drehmoment"
            ])
        );
    }

    #[test]
    fn cbasic_accepts_the_original_request_keys() {
        let mut body = input(example_a(Product::CBasic, "CB-0002"));
        body.remove("sprache_wechslen");
        body.remove("sprache_auf_englisch");
        body.insert("sprache_wechslen_funktioniert".to_string(), json!(true));
        body.insert("sprache_auf_englisch_eingestellt".to_string(), json!(false));
        let values = definition(Product::CBasic)
            .validate(Step::A, &body)
            .expect("aliases accepted");
        assert_eq!(values["sprache_wechslen"], json!(true));
        assert_eq!(values["sprache_auf_englisch"], json!(false));
        assert!(!values.contains_key("sprache_wechslen_funktioniert"));
    }

    #[test]
    fn kk_configuration_is_stored_from_the_original_key() {
        let mut body = input(example_a(Product::Kk, "KK-0002"));
        body.remove("konfiguration");
        body.insert("KonfigurationKK".to_string(), json!("RC"));
        let values = definition(Product::Kk)
            .validate(Step::A, &body)
            .expect("alias accepted");
        assert_eq!(values["konfiguration"], json!("RC"));
        assert!(!values.contains_key("KonfigurationKK"));
        assert!(
            !values.contains_key("pigtail_drehmoment"),
            "pigtails only for DMG"
        );
    }

    #[test]
    fn kk_one_optic_rejects_two_optic_formats_and_drops_the_second_optic() {
        let def = definition(Product::Kk);
        let mut body = input(example_a(Product::Kk, "KK-0002"));
        body.insert("anzahl_optiken".to_string(), json!("Ein_Optik"));
        let errors = def
            .validate(Step::A, &body)
            .expect_err("F1_F2 with one optic");
        assert_eq!(errors.keys().collect::<Vec<_>>(), ["optik_format"]);
        assert!(errors["optik_format"][0].contains("erlaubt: F1, F2, TFT"));

        body.insert("optik_format".to_string(), json!("F2"));
        let values = def.validate(Step::A, &body).expect("one optic, F2");
        assert!(!values.contains_key("seriennummer_optik2"));
        assert!(!values.contains_key("optik_wechseln_funktioniert"));
        assert_eq!(
            def.article(&values).map(|a| a.artikel_nummer.as_str()),
            Some("10080")
        );
    }

    #[test]
    fn examples_are_complete_and_agree() {
        for product in Product::ALL {
            let def = definition(product);
            let a = def
                .validate(Step::A, &input(example_a(product, "SN-0001")))
                .unwrap_or_else(|e| panic!("{product:?} A: {e:?}"));
            let b = def
                .validate(Step::B, &input(example_b(product)))
                .unwrap_or_else(|e| panic!("{product:?} B: {e:?}"));
            assert_eq!(a["serialnummer"], json!("SN-0001"));
            assert!(!b.contains_key("serialnummer"));
            assert!(def.differences(&a, &b).is_empty(), "{product:?}");
            assert!(def.failed_checks(&b).is_empty(), "{product:?}");
            assert!(def.article(&a).is_some(), "{product:?}");
            // Every field the step fills is set (the examples leave out only optional notes).
            for field in def.fields_for(Step::B).filter(|f| f.required) {
                assert!(b.contains_key(&field.key), "{product:?} B {}", field.key);
            }
        }
    }
}
