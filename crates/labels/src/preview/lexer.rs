//! Splitting a ZPL stream into commands.

/// One command: its prefix (`^` or `~`), its upper-cased name and everything up to the next
/// command. `^A` is the only one-letter name: its font letter is the first parameter character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Command<'a> {
    pub prefix: char,
    pub name: String,
    pub params: &'a str,
}

impl Command<'_> {
    /// The command as written, shortened for messages.
    pub fn describe(&self) -> String {
        let params = self.params.trim_end_matches(['\r', '\n']);
        let short = super::graphic::truncate(params, 24);
        let ellipsis = if short.len() < params.len() {
            "…"
        } else {
            ""
        };
        format!("{}{}{short}{ellipsis}", self.prefix, self.name)
    }
}

/// Commands whose parameter is free data: only `^` ends it, so a `~` in text stays text.
fn takes_data(name: &str) -> bool {
    matches!(name, "FD" | "FV" | "FX" | "GF")
}

/// Splits `zpl` into commands. Text before the first command is returned separately.
pub(super) fn commands(zpl: &str) -> (&str, Vec<Command<'_>>) {
    let first = zpl.find(['^', '~']).unwrap_or(zpl.len());
    let mut out = Vec::new();
    let mut rest = &zpl[first..];
    while let Some(prefix) = rest.chars().next() {
        let after_prefix = &rest[1..];
        let mut chars = after_prefix.char_indices();
        let name_len = match chars.next() {
            Some((_, 'A' | 'a')) if prefix == '^' => 1,
            Some((_, c)) if c == '^' || c == '~' => 0,
            Some((_, c)) => match chars.next() {
                Some((_, d)) if d != '^' && d != '~' => c.len_utf8() + d.len_utf8(),
                _ => c.len_utf8(),
            },
            None => 0,
        };
        let name = after_prefix[..name_len].to_ascii_uppercase();
        let body = &after_prefix[name_len..];
        let end = if takes_data(&name) {
            body.find('^')
        } else {
            body.find(['^', '~'])
        }
        .unwrap_or(body.len());
        out.push(Command {
            prefix,
            name,
            params: &body[..end],
        });
        rest = &body[end..];
    }
    (&zpl[..first], out)
}

/// The comma-separated parameters, each trimmed of whitespace.
pub(super) fn split_params(params: &str) -> Vec<&str> {
    params.split(',').map(str::trim).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(zpl: &str) -> Vec<(String, String)> {
        commands(zpl)
            .1
            .into_iter()
            .map(|c| (format!("{}{}", c.prefix, c.name), c.params.to_owned()))
            .collect()
    }

    #[test]
    fn splits_at_prefixes_and_keeps_params() {
        assert_eq!(
            names("^XA\r\n^AZN,50,50\r\n^FO72,72^FDa~b^FS~JA^xz"),
            vec![
                ("^XA".into(), "\r\n".into()),
                ("^A".into(), "ZN,50,50\r\n".into()),
                ("^FO".into(), "72,72".into()),
                ("^FD".into(), "a~b".into()),
                ("^FS".into(), "".into()),
                ("~JA".into(), "".into()),
                ("^XZ".into(), "".into()),
            ]
        );
    }

    #[test]
    fn leading_text_and_truncated_commands() {
        let (lead, cmds) = commands("junk^X^^é");
        assert_eq!(lead, "junk");
        let names: Vec<_> = cmds.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, vec!["X", "", "é"]);
    }

    #[test]
    fn doubled_graphic_prefix_is_two_commands() {
        assert_eq!(
            names("^GFA,^GFA,2,2,1,FF80"),
            vec![
                ("^GF".into(), "A,".into()),
                ("^GF".into(), "A,2,2,1,FF80".into()),
            ]
        );
    }
}
