//! Input rules shared by the server (which enforces them) and the SPA (which explains them live).
//!
//! Every rule reports a [`Message`] in German and English.

/// A validation message in both UI languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Message {
    pub de: &'static str,
    pub en: &'static str,
}

pub const PASSWORD_MIN_CHARS: usize = 12;
pub const PASSWORD_MAX_CHARS: usize = 128;

pub const PASSWORD_TOO_SHORT: Message = Message {
    de: "Passwort muss mindestens 12 Zeichen lang sein",
    en: "Password must be at least 12 characters long",
};
pub const PASSWORD_TOO_LONG: Message = Message {
    de: "Passwort darf höchstens 128 Zeichen lang sein",
    en: "Password must be at most 128 characters long",
};
pub const PASSWORD_CONTAINS_USERNAME: Message = Message {
    de: "Passwort darf den Benutzernamen nicht enthalten",
    en: "Password must not contain the username",
};
pub const PASSWORD_TOO_COMMON: Message = Message {
    de: "Passwort ist zu häufig verwendet und leicht zu erraten",
    en: "Password is too common and easy to guess",
};

/// Everything wrong with a new password (empty when it is acceptable).
///
/// Rules: 12–128 characters, must not contain the username, must not be (a variation of) a commonly
/// used password. Length counts characters, not bytes, so umlauts count once.
pub fn password_issues(password: &str, username: Option<&str>) -> Vec<Message> {
    let mut issues = Vec::new();
    let length = password.chars().count();
    if length < PASSWORD_MIN_CHARS {
        issues.push(PASSWORD_TOO_SHORT);
    }
    if length > PASSWORD_MAX_CHARS {
        issues.push(PASSWORD_TOO_LONG);
    }
    let lower = password.to_lowercase();
    if let Some(name) = username.map(str::trim).filter(|n| n.chars().count() >= 3)
        && lower.contains(&name.to_lowercase())
    {
        issues.push(PASSWORD_CONTAINS_USERNAME);
    }
    if is_common(&lower) {
        issues.push(PASSWORD_TOO_COMMON);
    }
    issues
}

/// A listed password, a listed word with digits or symbols around it, one repeated character, or a
/// plain keyboard/number run.
fn is_common(lower: &str) -> bool {
    if COMMON_PASSWORDS.contains(&lower) {
        return true;
    }
    let core = lower.trim_matches(|c: char| !c.is_alphabetic());
    if core.chars().count() >= 4 && COMMON_PASSWORDS.contains(&core) {
        return true;
    }
    let mut chars = lower.chars();
    if let Some(first) = chars.next()
        && chars.all(|c| c == first)
    {
        return true;
    }
    RUNS.iter()
        .any(|run| run.contains(lower) && !lower.is_empty())
}

/// Keyboard and digit runs: a password that is a piece of one of these is refused.
const RUNS: &[&str] = &[
    "1234567890123456789012345678901234567890",
    "0987654321098765432109876543210987654321",
    "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz",
    "qwertzuiopasdfghjklyxcvbnmqwertzuiopasdfghjklyxcvbnm",
    "qwertyuiopasdfghjklzxcvbnmqwertyuiopasdfghjklzxcvbnm",
];

/// Commonly used passwords and words (lower case), German and English, plus company and product
/// names. A password equal to one of them, or one of them with only digits and symbols around it,
/// is refused.
const COMMON_PASSWORDS: &[&str] = &[
    "password",
    "passwort",
    "kennwort",
    "geheim",
    "hallo",
    "hallo123",
    "willkommen",
    "welcome",
    "letmein",
    "admin",
    "administrator",
    "root",
    "toor",
    "guest",
    "gast",
    "user",
    "benutzer",
    "test",
    "testtest",
    "qwerty",
    "qwertz",
    "asdf",
    "yxcv",
    "azerty",
    "iloveyou",
    "ichliebedich",
    "sommer",
    "winter",
    "fruehling",
    "frühling",
    "herbst",
    "summer",
    "spring",
    "autumn",
    "januar",
    "februar",
    "maerz",
    "märz",
    "april",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "dezember",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
    "monkey",
    "dragon",
    "master",
    "shadow",
    "sunshine",
    "princess",
    "football",
    "fussball",
    "fußball",
    "baseball",
    "superman",
    "batman",
    "starwars",
    "pokemon",
    "computer",
    "internet",
    "schalke",
    "bayern",
    "borussia",
    "dortmund",
    "deutschland",
    "germany",
    "berlin",
    "hamburg",
    "muenchen",
    "münchen",
    "stuttgart",
    "schatz",
    "schatzi",
    "mausi",
    "hase",
    "blume",
    "sonne",
    "mond",
    "sterne",
    "engel",
    "liebe",
    "freiheit",
    "zuhause",
    "familie",
    "firma",
    "arbeit",
    "produktion",
    "qualitaet",
    "qualität",
    "pruefer",
    "prüfer",
    "kamera",
    "camera",
    "etikett",
    "etiketten",
    "drucker",
    "printer",
    "zebra",
    "label",
    "rotoclear",
    "rotoclear gmbh",
    "etikettdrucker",
    "changeme",
    "change me",
    "changeit",
    "default",
    "secret",
    "trustno1",
    "access",
    "login",
    "einloggen",
    "anmelden",
    "passw0rd",
    "p@ssw0rd",
    "p@ssword",
    "pa55word",
    "passwort1",
    "password1",
    "password123",
    "passwort123",
    "passwort1234",
    "password1234",
    "passwortpasswort",
    "passwordpassword",
    "qwertyuiop",
    "qwertzuiop",
    "asdfghjkl",
    "asdfghjklö",
    "1q2w3e4r",
    "1q2w3e4r5t",
    "1q2w3e4r5t6z",
    "1q2w3e4r5t6y",
    "q1w2e3r4",
    "q1w2e3r4t5",
    "a1b2c3d4",
    "abc123",
    "abcdef",
    "abcabc",
    "zaq12wsx",
    "1qaz2wsx",
    "1qaz2wsx3edc",
    "qazwsx",
    "qayxsw",
    "123qwe",
    "qwe123",
    "123456",
    "1234567",
    "12345678",
    "123456789",
    "1234567890",
    "12345678910",
    "123123",
    "123123123",
    "111111",
    "000000",
    "121212",
    "654321",
    "666666",
    "696969",
    "987654321",
    "michael",
    "thomas",
    "andreas",
    "stefan",
    "daniel",
    "alexander",
    "christian",
    "markus",
    "sabine",
    "nicole",
    "julia",
    "jennifer",
    "charlie",
    "jordan",
    "hunter",
    "killer",
    "whatever",
    "freedom",
    "mustang",
    "ferrari",
    "porsche",
    "mercedes",
    "volkswagen",
];

pub const USERNAME_REQUIRED: Message = Message {
    de: "Benutzername ist erforderlich",
    en: "Username is required",
};
pub const USERNAME_LENGTH: Message = Message {
    de: "Benutzername muss 3 bis 30 Zeichen lang sein",
    en: "Username must be 3 to 30 characters long",
};
pub const USERNAME_CHARACTERS: Message = Message {
    de: "Benutzername darf nur Buchstaben, Zahlen, Unterstriche und Bindestriche enthalten",
    en: "Username may only contain letters, digits, underscores and hyphens",
};
pub const USERNAME_RESERVED: Message = Message {
    de: "Dieser Benutzername ist reserviert",
    en: "This username is reserved",
};

/// A username: 3–30 of `A–Z a–z 0–9 _ -`, not a reserved system name. Returns the trimmed name.
pub fn validate_username(value: &str) -> Result<String, Message> {
    let name = value.trim();
    if name.is_empty() {
        return Err(USERNAME_REQUIRED);
    }
    if !(3..=30).contains(&name.chars().count()) {
        return Err(USERNAME_LENGTH);
    }
    if !name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        return Err(USERNAME_CHARACTERS);
    }
    const RESERVED: &[&str] = &[
        "root",
        "administrator",
        "system",
        "guest",
        "api",
        "www",
        "mail",
        "ftp",
        "null",
        "undefined",
    ];
    if RESERVED.contains(&name.to_ascii_lowercase().as_str()) {
        return Err(USERNAME_RESERVED);
    }
    Ok(name.to_string())
}

pub const EMAIL_REQUIRED: Message = Message {
    de: "E-Mail-Adresse ist erforderlich",
    en: "Email address is required",
};
pub const EMAIL_INVALID: Message = Message {
    de: "Ungültiges E-Mail-Format",
    en: "Invalid email address",
};

/// An email address `local@domain.tld` (ASCII, at most 254 characters). Returns it trimmed.
pub fn validate_email(value: &str) -> Result<String, Message> {
    let email = value.trim();
    if email.is_empty() {
        return Err(EMAIL_REQUIRED);
    }
    let valid = email.len() <= 254
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && local
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "._%+-".contains(c))
                && domain
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || ".-".contains(c))
                && domain.rsplit_once('.').is_some_and(|(host, tld)| {
                    !host.is_empty()
                        && !host.starts_with('.')
                        && tld.len() >= 2
                        && tld.chars().all(|c| c.is_ascii_alphabetic())
                })
        });
    if valid {
        Ok(email.to_string())
    } else {
        Err(EMAIL_INVALID)
    }
}

pub const NAME_REQUIRED: Message = Message {
    de: "Pflichtfeld",
    en: "Required",
};
pub const NAME_TOO_LONG: Message = Message {
    de: "Höchstens 50 Zeichen",
    en: "At most 50 characters",
};
pub const NAME_CHARACTERS: Message = Message {
    de: "Enthält nicht erlaubte Steuerzeichen",
    en: "Contains control characters",
};

/// A first or last name: 1–50 characters after trimming, no control characters.
pub fn validate_name(value: &str) -> Result<String, Message> {
    let name = value.trim();
    if name.is_empty() {
        return Err(NAME_REQUIRED);
    }
    if name.chars().count() > 50 {
        return Err(NAME_TOO_LONG);
    }
    if name.chars().any(char::is_control) {
        return Err(NAME_CHARACTERS);
    }
    Ok(name.to_string())
}

pub const HOST_INVALID: Message = Message {
    de: "IP-Adresse oder Hostname erwartet (z. B. 127.0.0.1 oder drucker-halle2)",
    en: "IP address or host name expected (e.g. 127.0.0.1 or printer-hall2)",
};

/// A printer address: an IPv4/IPv6 address or a DNS host name (labels of letters, digits and
/// hyphens). Returns it trimmed.
pub fn validate_host(value: &str) -> Result<String, Message> {
    let host = value.trim();
    if host.parse::<std::net::IpAddr>().is_ok() {
        return Ok(host.to_string());
    }
    let name_ok = !host.is_empty()
        && host.len() <= 253
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        // A dotted all-digit name is a mistyped IP address, not a host name.
        && !host.split('.').all(|l| l.chars().all(|c| c.is_ascii_digit()));
    if name_ok {
        Ok(host.to_string())
    } else {
        Err(HOST_INVALID)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_uncommon_password_passes() {
        assert!(password_issues("Kaffeemaschine am Band 7", Some("anna")).is_empty());
        assert!(password_issues("ÄÖÜäöüß-Prüfstand", None).is_empty());
    }

    #[test]
    fn each_rule_is_explained() {
        assert_eq!(password_issues("kurz", None), vec![PASSWORD_TOO_SHORT]);
        assert_eq!(
            password_issues(&"x".repeat(129), None),
            vec![PASSWORD_TOO_LONG, PASSWORD_TOO_COMMON]
        );
        assert_eq!(
            password_issues("mein-Name-ist-Anna.Berg", Some("anna.berg")),
            vec![PASSWORD_CONTAINS_USERNAME]
        );
        assert_eq!(
            password_issues("Passwort1234!", None),
            vec![PASSWORD_TOO_COMMON]
        );
        assert_eq!(
            password_issues("!!Rotoclear2026", None),
            vec![PASSWORD_TOO_COMMON]
        );
        assert_eq!(
            password_issues("123456789012", None),
            vec![PASSWORD_TOO_COMMON]
        );
        assert_eq!(
            password_issues("aaaaaaaaaaaaaa", None),
            vec![PASSWORD_TOO_COMMON]
        );
        assert_eq!(
            password_issues("qwertzuiopas", None),
            vec![PASSWORD_TOO_COMMON]
        );
        for message in [
            PASSWORD_TOO_SHORT,
            PASSWORD_TOO_LONG,
            PASSWORD_CONTAINS_USERNAME,
            PASSWORD_TOO_COMMON,
        ] {
            assert!(!message.de.is_empty() && !message.en.is_empty());
        }
    }

    #[test]
    fn umlauts_count_as_one_character() {
        // 12 characters, 16 bytes.
        assert!(!password_issues("Größenmaß-ÄÖ", None).contains(&PASSWORD_TOO_SHORT));
    }

    #[test]
    fn usernames_follow_the_original_rule() {
        assert_eq!(validate_username("  anna_b-1 "), Ok("anna_b-1".to_string()));
        assert_eq!(validate_username(""), Err(USERNAME_REQUIRED));
        assert_eq!(validate_username("ab"), Err(USERNAME_LENGTH));
        assert_eq!(validate_username("anna berg"), Err(USERNAME_CHARACTERS));
        assert_eq!(validate_username("Root"), Err(USERNAME_RESERVED));
        assert!(validate_username("admin").is_ok());
    }

    #[test]
    fn emails_need_a_domain_with_a_top_level_part() {
        assert_eq!(
            validate_email(" qs@rotoclear.de "),
            Ok("qs@rotoclear.de".to_string())
        );
        for bad in [
            "",
            "qs",
            "qs@",
            "@rotoclear.de",
            "qs@rotoclear",
            "qs@rotoclear.d",
            "q s@x.de",
        ] {
            assert!(validate_email(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn printer_hosts_are_addresses_or_host_names() {
        for ok in [
            "127.0.0.1",
            "::1",
            "drucker-halle2",
            "zebra.werk.local",
            " 127.0.0.2 ",
        ] {
            assert!(validate_host(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "999.1.1.1",
            "1.2.3",
            "-drucker",
            "a..b",
            "drucker_1",
            "http://x",
            "a b",
        ] {
            assert_eq!(validate_host(bad), Err(HOST_INVALID), "{bad}");
        }
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(validate_name("  Jörg "), Ok("Jörg".to_string()));
        assert_eq!(validate_name(" "), Err(NAME_REQUIRED));
        assert_eq!(validate_name(&"x".repeat(51)), Err(NAME_TOO_LONG));
        assert_eq!(validate_name("a\u{7}b"), Err(NAME_CHARACTERS));
    }
}
