//! Text rules for labels: ZPL field escaping (owned by the core writer).

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
}
