//! Small SVG output helpers: escaping and number formatting.

/// Escapes `s` for XML text and attribute values, dropping characters XML 1.0 cannot carry
/// (control characters other than tab, U+FFFE, U+FFFF).
pub(super) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push(c),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A decimal with at most three fraction digits and no trailing zeros (`98.417`, `1.5`, `2`).
pub(super) fn number(value: f64) -> String {
    let s = format!("{value:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_control_characters() {
        assert_eq!(
            escape("a<b>&\"c'\u{1}\u{FFFF}\té"),
            "a&lt;b&gt;&amp;&quot;c&apos;\té"
        );
    }

    #[test]
    fn numbers_are_short() {
        assert_eq!(number(1181.0 / 12.0), "98.417");
        assert_eq!(number(1.5), "1.5");
        assert_eq!(number(2.0), "2");
        assert_eq!(number(-0.0001), "0");
    }
}
