//! Complete, valid example inputs for Prüfer A and Prüfer B of each product line, shared by the unit
//! tests, the API tests and the benchmarks. B re-enters exactly A's values, so the pair shows no
//! differences, every check passes and the article is set.

use labels::product::Product;
use serde_json::{Value, json};

/// The serial the example Automatiktest links point to (C Basic has no Automatiktest).
pub fn example_serial(product: Product) -> &'static str {
    match product {
        Product::CPro => "CP-0001",
        Product::C2 => "C2-0001",
        Product::CBasic => "CB-0001",
        Product::Kk => "KK-0001",
    }
}

/// Prüfer A's input for a new unit with this serial number.
pub fn example_a(product: Product, serial: &str) -> Value {
    let mut values = shared(product);
    values["serialnummer"] = json!(serial);
    values
}

/// Prüfer B's input: A's values of [`example_a`] (without the serial) plus B's own tests.
pub fn example_b(product: Product) -> Value {
    let mut values = shared(product);
    if product != Product::CBasic {
        values["automatiktest_ok"] = json!(true);
        values["qr_code_automatiktest"] = json!(format!(
            "https://automatiktest.rotoclear.test/{}",
            example_serial(product)
        ));
    }
    if matches!(product, Product::CPro | Product::C2) {
        values["werkseinstellung"] = json!(true);
    }
    if product != Product::Kk {
        values["lp_verschraubt"] = json!(true);
    }
    values
}

/// The values both inspectors enter.
fn shared(product: Product) -> Value {
    match product {
        Product::CPro => json!({
            "hinweis": "Gehäusedeckel getauscht",
            "software_version": "1.2.3",
            "konfiguration": "RC",
            "seriennummer_elektronik": "EL-240815",
            "mac_adresse": "00:1A:2B:3C:4D:5E",
            "seriennummer_festplatte": "S4EVNX0R123456",
            "festplattengroesse": "TB_1",
            "ba_nummer": "BA-2024-0815",
            "hardware_ok": true,
            "hdmi_ok": true,
            "web_ok": true,
            "zoom_ok": true,
            "menue_bedienbar": true,
            "festplatte_angezeigt": true,
            "freier_festplattenspeicher": "GB_890",
            "ip_adresse": true,
            "kameraeingang_ok": true,
            "zustandsdaten_ok": true,
            "festplatte_leer": true,
        }),
        Product::C2 => json!({
            "software_version": "1.2.3",
            "konfiguration": "DMG",
            "seriennummer_elektronik": "EL-240816",
            "mac_adresse": "00:1A:2B:3C:4D:5E",
            "ba_nummer": "BA-2024-0816",
            "hardware_ok": true,
            "hutschienenclip_montiert": true,
            "hdmi_ok": true,
            "web_ok": true,
            "zoom_ok": true,
            "menue_bedienbar": true,
            "ip_adresse": true,
            "kameraeingang_ok": true,
            "zustandsdaten_ok": true,
        }),
        Product::CBasic => json!({
            "ba_nummer": "BA-2024-0817",
            "seriennummer_elektronik": "EL-240817",
            "software_version": "1.2.3",
            "hardware_ok": true,
            "hutschienenclip_montiert": true,
            "hdmi_ok": true,
            "zoom_ok": true,
            "kameraeingang_ok": true,
            "sprache_wechslen": true,
            "sprache_auf_englisch": true,
        }),
        // Two optics with the DMG configuration: every optional KK field is shown.
        Product::Kk => json!({
            "anzahl_optiken": "Zwei_Optiken",
            "optik_format": "F1_F2",
            "konfiguration": "DMG",
            "seriennummer_elektronik": "EL-240818",
            "firmware_version": "1.2.3",
            "seriennummer_optik1": "OPT-F1-0042",
            "seriennummer_optik2": "OPT-F2-0043",
            "chargenummer": "LE-2024-17",
            "ba_nummer": "BA-2024-0818",
            "pigtail_schrumpfschlauch": true,
            "pigtail_drehmoment": true,
            "hardware_ok": true,
            "optikglas_ok": true,
            "rotor_ok": true,
            "klebung_rotor_ok": true,
            "kleber_2k_ok": true,
            "dichtring_datenkabel_eingelegt": true,
            "druckluftanscluss_montiert": true,
            "uberdrucktest_ok": true,
            "lichtmodul_ok": true,
            "motor_ok": true,
            "motor_dauerhaft_drehbar": true,
            "laufzeit_motor": "35 min",
            "drucksensor_ok": true,
            "lagesensor_ok": true,
            "zustandsdaten_ok": true,
            "fokuslage_ok": true,
            "optik_wechseln_funktioniert": true,
            "siegellack_aufgebracht": true,
        }),
    }
}
