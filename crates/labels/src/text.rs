//! Text rules for labels and QR payloads.
//!
//! Two different rules exist on purpose:
//! * QR payloads follow the original exactly ([`normalize_ascii`], [`normalize_mac`], products spec §5.4),
//!   because downstream scanners parse them.
//! * Printed text ([`label_text`]) in the default mode transliterates what the label font cannot print,
//!   removes control characters, truncates to the field and escapes ZPL command characters; in
//!   [`Mode::CompatOriginal`] it reproduces the original (`normalizeAscii`, no escaping).

use crate::zpl::Mode;

/// The original's `normalizeAscii` (products spec §5.4), used for QR payloads and compat-mode labels.
///
/// En dash (U+2013) and em dash (U+2014) become `-`, every character outside 0x20–0x7E is deleted,
/// and the result is trimmed. `^` and `~` are kept, so the result is **not** safe in a ZPL field.
/// A missing/null value is the caller's `""`.
pub fn normalize_ascii(s: &str) -> String {
    let kept: String = s
        .chars()
        .map(|c| {
            if c == '\u{2013}' || c == '\u{2014}' {
                '-'
            } else {
                c
            }
        })
        .filter(|c| (' '..='~').contains(c))
        .collect();
    kept.trim().to_owned()
}

/// The original's `normalizeMac` (products spec §5.4).
///
/// Exactly 12 hex digits (after removing everything else) → upper-case pairs joined by `:`;
/// any other count → [`normalize_ascii`] upper-cased; empty → `""`.
pub fn normalize_mac(s: &str) -> String {
    if s.is_empty() {
        return String::new();
    }
    let hex: Vec<char> = s
        .chars()
        .filter(char::is_ascii_hexdigit)
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if hex.len() == 12 {
        hex.chunks(2)
            .map(|pair| pair.iter().collect::<String>())
            .collect::<Vec<_>>()
            .join(":")
    } else {
        normalize_ascii(s).to_ascii_uppercase()
    }
}

/// Printable-ASCII replacement for one character the label font may not print, if one is known.
fn transliteration(c: char) -> Option<&'static str> {
    Some(match c {
        'ä' => "ae",
        'ö' => "oe",
        'ü' => "ue",
        'Ä' => "Ae",
        'Ö' => "Oe",
        'Ü' => "Ue",
        'ß' => "ss",
        'ẞ' => "SS",
        '\u{2010}'..='\u{2015}' | '\u{2212}' => "-",
        'à' | 'á' | 'â' | 'ã' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'À' | 'Á' | 'Â' | 'Ã' | 'Å' | 'Ā' | 'Ă' | 'Ą' => "A",
        'æ' => "ae",
        'Æ' => "AE",
        'ç' | 'ć' | 'č' => "c",
        'Ç' | 'Ć' | 'Č' => "C",
        'ď' | 'đ' => "d",
        'Ď' | 'Đ' => "D",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ė' | 'Ę' | 'Ě' => "E",
        'ğ' => "g",
        'Ğ' => "G",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => "i",
        'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' | 'Į' | 'İ' => "I",
        'ł' | 'ľ' | 'ĺ' => "l",
        'Ł' | 'Ľ' | 'Ĺ' => "L",
        'ñ' | 'ń' | 'ň' => "n",
        'Ñ' | 'Ń' | 'Ň' => "N",
        'ò' | 'ó' | 'ô' | 'õ' | 'ø' | 'ō' | 'ő' => "o",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ø' | 'Ō' | 'Ő' => "O",
        'œ' => "oe",
        'Œ' => "OE",
        'ř' | 'ŕ' => "r",
        'Ř' | 'Ŕ' => "R",
        'ś' | 'š' | 'ş' | 'ș' => "s",
        'Ś' | 'Š' | 'Ş' | 'Ș' => "S",
        'ť' | 'ţ' | 'ț' => "t",
        'Ť' | 'Ţ' | 'Ț' => "T",
        'ù' | 'ú' | 'û' | 'ů' | 'ū' | 'ű' | 'ų' => "u",
        'Ù' | 'Ú' | 'Û' | 'Ů' | 'Ū' | 'Ű' | 'Ų' => "U",
        'ý' | 'ÿ' => "y",
        'Ý' | 'Ÿ' => "Y",
        'ź' | 'ż' | 'ž' => "z",
        'Ź' | 'Ż' | 'Ž' => "Z",
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{2032}' | '´' | '`' => "'",
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '«' | '»' | '\u{2033}' => "\"",
        '\u{2026}' => "...",
        '×' => "x",
        '·' | '•' => "*",
        'µ' | 'μ' => "u",
        '°' => "deg",
        '€' => "EUR",
        '©' => "(c)",
        '®' => "(R)",
        '™' => "TM",
        _ => return None,
    })
}

/// Rewrites text into what the label font prints safely: printable ASCII only.
///
/// German umlauts and ß become `ae oe ue Ae Oe Ue ss`, dashes become `-`, common accented letters
/// lose their accent, typographic quotes become ASCII quotes. Whitespace runs (including tabs and
/// newlines) become one space, other control characters are removed, and anything still unknown
/// becomes `?` so that a dropped character stays visible. The result is trimmed.
pub fn transliterate(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        if c.is_control() || is_invisible_format(c) {
            continue;
        }
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        if (' '..='~').contains(&c) {
            out.push(c);
        } else if let Some(ascii) = transliteration(c) {
            out.push_str(ascii);
        } else {
            out.push('?');
        }
    }
    out
}

/// Zero-width and bidirectional formatting characters: invisible, so removed like controls.
fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}

/// Shortens `text` to at most `max_chars` characters, ending in a visible `...` when cut.
///
/// With `max_chars < 3` there is no room for the ellipsis and the text is simply cut.
pub fn truncate_with_ellipsis(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_owned();
    }
    if max_chars < 3 {
        return text.chars().take(max_chars).collect();
    }
    let mut out: String = text.chars().take(max_chars - 3).collect();
    out.truncate(out.trim_end().len());
    out.push_str("...");
    out
}

/// User text for a label field (`^FD…^FS`), at most `max_chars` printed characters.
///
/// * [`Mode::Default`]: [`transliterate`], then [`truncate_with_ellipsis`], then [`escape_field_data`].
///   The field **must** be written with `^FH` before `^FD` ([`Mode::field_data`] does that); the result
///   never contains `^`, `~` or a control character.
/// * [`Mode::CompatOriginal`]: the original's [`normalize_ascii`] with no escaping and no length limit,
///   so the spec's test vectors are reproduced byte for byte (unsafe by design: products spec §9.27).
pub fn label_text(text: &str, max_chars: usize, mode: Mode) -> String {
    match mode {
        Mode::CompatOriginal => normalize_ascii(text),
        Mode::Default => {
            escape_field_data(&truncate_with_ellipsis(&transliterate(text), max_chars))
        }
    }
}

/// Makes user text safe inside a ZPL `^FD` field.
///
/// `^` and `~` start ZPL commands; a label field containing them would let user text inject commands.
/// They are written as `^FH` hex escapes (`_5E`, `_7E`), and `_` itself as `_5F`, so a field written with
/// this function must be preceded by `^FH`.
pub fn escape_field_data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '^' => out.push_str("_5E"),
            '~' => out.push_str("_7E"),
            '_' => out.push_str("_5F"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_passes_unchanged() {
        assert_eq!(escape_field_data("C Pro 2024-001"), "C Pro 2024-001");
    }

    #[test]
    fn command_characters_cannot_reach_the_printer() {
        let escaped = escape_field_data("x^XZ~JR_");
        assert!(!escaped.contains('^') && !escaped.contains('~'));
        assert_eq!(escaped, "x_5EXZ_7EJR_5F");
    }

    #[test]
    fn normalize_ascii_follows_the_spec_example() {
        assert_eq!(normalize_ascii("Ä bc – d"), "bc - d");
        assert_eq!(normalize_ascii("  a\tb—c^~ \n"), "ab-c^~");
        assert_eq!(normalize_ascii(""), "");
    }

    #[test]
    fn normalize_mac_groups_twelve_hex_digits() {
        assert_eq!(normalize_mac("00-1a-2b-3c-4d-5e"), "00:1A:2B:3C:4D:5E");
        assert_eq!(normalize_mac("001a2b3c4d5e"), "00:1A:2B:3C:4D:5E");
        assert_eq!(normalize_mac("00:1a:2b:3c:4d"), "00:1A:2B:3C:4D");
        assert_eq!(normalize_mac(""), "");
    }

    #[test]
    fn transliteration_keeps_german_text_readable() {
        assert_eq!(transliterate("Größe – Übermaß"), "Groesse - Uebermass");
        assert_eq!(transliterate("Café\tcrème\n  brûlée"), "Cafe creme brulee");
        assert_eq!(transliterate("a\u{7}b 漢"), "ab ?");
    }

    #[test]
    fn truncation_shows_an_ellipsis() {
        assert_eq!(truncate_with_ellipsis("abcdefgh", 8), "abcdefgh");
        assert_eq!(truncate_with_ellipsis("abcdefghi", 8), "abcde...");
        assert_eq!(truncate_with_ellipsis("ab  defghi", 6), "ab...");
        assert_eq!(truncate_with_ellipsis("abcdef", 2), "ab");
    }

    #[test]
    fn label_text_by_mode() {
        assert_eq!(label_text("Ä^b~_c", 40, Mode::Default), "Ae_5Eb_7E_5Fc");
        assert_eq!(label_text("Ä^b~_c", 40, Mode::CompatOriginal), "^b~_c");
        assert_eq!(
            label_text(&"x".repeat(100), 10, Mode::Default),
            "xxxxxxx..."
        );
    }
}
