//! Product definitions and the inspection engine's pure logic: validation of an inspector's values,
//! the article derived from them, the differences between A's and B's entries and the failed checks.
//!
//! The server owns the four definitions (C Pro, C2, C Basic, KK) and serves them at
//! `GET /api/products/{product}/definition`; the SPA renders its forms from them and runs the same
//! validation before sending, so both sides agree on every rule.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::FieldErrors;

/// Which inspector's step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Step {
    A,
    B,
}

/// Who enters a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum FilledBy {
    /// Prüfer A only (the serial number).
    A,
    /// Prüfer B only (B-specific tests, the Automatiktest link).
    B,
    /// Both, independently: A first, then B blind; differences are shown to B.
    Both,
}

impl FilledBy {
    pub fn includes(self, step: Step) -> bool {
        matches!(
            (self, step),
            (FilledBy::Both, _) | (FilledBy::A, Step::A) | (FilledBy::B, Step::B)
        )
    }
}

/// The kind of input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum FieldKind {
    /// A yes/no check ("Ja"/"Nein"); "Nein" fails the unit.
    Check,
    /// One of `options`.
    Choice,
    /// Text in a `format`.
    Text,
    /// An http(s) link.
    Link,
}

/// What a text must look like.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum TextFormat {
    /// Any text without control characters.
    Free,
    /// A serial number: letters, digits and `- _ . /`, starting with a letter or digit.
    Serial,
    /// A MAC address: 12 hex digits, optionally separated by `:` `-` `.`; stored as `00:1A:2B:3C:4D:5E`.
    Mac,
    /// A version: letters, digits and `. _ + -`, starting with a letter or digit.
    Version,
}

/// True when the field `field` holds one of `any_of` (choice codes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Condition {
    pub field: String,
    pub any_of: Vec<String>,
}

impl Condition {
    pub fn new(field: &str, any_of: &[&str]) -> Self {
        Condition {
            field: field.to_string(),
            any_of: any_of.iter().map(|s| s.to_string()).collect(),
        }
    }

    pub fn holds(&self, values: &Values) -> bool {
        values
            .get(&self.field)
            .and_then(Value::as_str)
            .is_some_and(|v| self.any_of.iter().any(|a| a == v))
    }
}

/// One option of a choice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ChoiceOption {
    /// The stored code (the original's enum value, e.g. `TB_1`).
    pub code: String,
    pub label_de: String,
    pub label_en: String,
    /// Offered only while this holds (e.g. KK optic formats by number of optics).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Condition>,
}

/// One field of a product's inspection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct FieldDef {
    /// The key in request and response bodies: the original's column name.
    pub key: String,
    /// Other request keys accepted for it (the original C Basic and KK forms sent these).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The section it is shown in (`sections[].key`).
    pub section: String,
    pub kind: FieldKind,
    #[serde(default = "free")]
    pub format: TextFormat,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<ChoiceOption>,
    pub filled_by: FilledBy,
    /// Must be entered (checks: answered) by the inspectors who fill it, while visible.
    pub required: bool,
    /// Shown (and accepted) only while this holds; otherwise the value is dropped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visible_when: Option<Condition>,
    pub label_de: String,
    pub label_en: String,
    /// Pre-selected value of a new form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<Value>,
    /// Longest text in characters.
    #[serde(default = "max_len")]
    pub max_len: u16,
}

fn free() -> TextFormat {
    TextFormat::Free
}

fn max_len() -> u16 {
    200
}

/// A group of fields with a heading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct SectionDef {
    pub key: String,
    pub label_de: String,
    pub label_en: String,
}

/// The article of a unit: the first rule whose conditions all hold (no conditions: always).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ArticleRule {
    #[serde(default)]
    pub when: Vec<Condition>,
    pub artikel_nummer: String,
    pub artikel_bezeichnung: String,
}

/// Everything the engine, the API and the forms need to know about a product line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ProductDefinition {
    /// URL key: `cpro`, `c2`, `cbasic`, `kk`.
    pub key: String,
    /// Display name, e.g. `C Pro`.
    pub name: String,
    /// What the unit is, e.g. `Steuerrechner` or `Kamerakopf`.
    pub kind_de: String,
    pub kind_en: String,
    /// Title printed on the label, e.g. `Rotoclear C Pro`.
    pub label_title: String,
    /// B records an Automatiktest link (preview page, `GET /api/<p>/qr`).
    pub automatiktest: bool,
    pub sections: Vec<SectionDef>,
    /// In form order.
    pub fields: Vec<FieldDef>,
    pub articles: Vec<ArticleRule>,
}

/// An inspector's values by field key (checks as booleans, choices as codes, texts as strings).
pub type Values = BTreeMap<String, Value>;

/// One field where B's entry differs from A's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Difference {
    pub field: String,
    pub label_de: String,
    pub label_en: String,
    /// A's value (`null`: not set).
    pub a: Value,
    /// B's value.
    pub b: Value,
}

impl ProductDefinition {
    pub fn field(&self, key: &str) -> Option<&FieldDef> {
        self.fields.iter().find(|f| f.key == key)
    }

    /// The fields `step` fills, in form order.
    pub fn fields_for(&self, step: Step) -> impl Iterator<Item = &FieldDef> {
        self.fields
            .iter()
            .filter(move |f| f.filled_by.includes(step))
    }

    /// Checks and normalises what an inspector entered for `step`. Unknown keys are ignored;
    /// hidden fields are dropped. Errors name the field key (German messages).
    pub fn validate(
        &self,
        step: Step,
        input: &serde_json::Map<String, Value>,
    ) -> Result<Values, FieldErrors> {
        let mut values = Values::new();
        let mut errors = FieldErrors::new();
        // Conditions refer to choices; read those first so later fields can depend on them.
        let ordered = self
            .fields_for(step)
            .filter(|f| f.kind == FieldKind::Choice)
            .chain(
                self.fields_for(step)
                    .filter(|f| f.kind != FieldKind::Choice),
            );
        for field in ordered {
            let raw = std::iter::once(&field.key)
                .chain(field.aliases.iter())
                .filter_map(|k| input.get(k))
                .find(|v| !v.is_null())
                .unwrap_or(&Value::Null);
            if field
                .visible_when
                .as_ref()
                .is_some_and(|c| !c.holds(&values))
            {
                continue;
            }
            match normalize(field, raw, &values) {
                Ok(Value::Null) if field.required => {
                    let message = match field.kind {
                        FieldKind::Check => format!("{} muss bewertet werden", field.label_de),
                        _ => format!("{} ist erforderlich", field.label_de),
                    };
                    errors.insert(field.key.clone(), vec![message]);
                }
                Ok(Value::Null) => {}
                Ok(value) => {
                    values.insert(field.key.clone(), value);
                }
                Err(message) => {
                    errors.insert(field.key.clone(), vec![message]);
                }
            }
        }
        if errors.is_empty() {
            Ok(values)
        } else {
            Err(errors)
        }
    }

    /// The article for these values (first matching rule), if any.
    pub fn article(&self, values: &Values) -> Option<&ArticleRule> {
        self.articles
            .iter()
            .find(|rule| rule.when.iter().all(|c| c.holds(values)))
    }

    /// Fields both inspectors fill whose values differ, in form order.
    pub fn differences(&self, a: &Values, b: &Values) -> Vec<Difference> {
        self.fields_for(Step::A)
            .filter(|f| f.filled_by == FilledBy::Both)
            .filter_map(|f| {
                let va = a.get(&f.key).cloned().unwrap_or(Value::Null);
                let vb = b.get(&f.key).cloned().unwrap_or(Value::Null);
                (va != vb).then(|| Difference {
                    field: f.key.clone(),
                    label_de: f.label_de.clone(),
                    label_en: f.label_en.clone(),
                    a: va,
                    b: vb,
                })
            })
            .collect()
    }

    /// Checks answered "Nein", in form order: each one fails the unit.
    pub fn failed_checks(&self, values: &Values) -> Vec<&FieldDef> {
        self.fields
            .iter()
            .filter(|f| f.kind == FieldKind::Check)
            .filter(|f| values.get(&f.key) == Some(&Value::Bool(false)))
            .collect()
    }
}

/// One value, normalised: trimmed text, empty → null, codes checked.
fn normalize(field: &FieldDef, raw: &Value, earlier: &Values) -> Result<Value, String> {
    let label = &field.label_de;
    match field.kind {
        FieldKind::Check => match raw {
            Value::Null => Ok(Value::Null),
            Value::Bool(b) => Ok(Value::Bool(*b)),
            _ => Err(format!("{label}: Ja oder Nein erwartet")),
        },
        FieldKind::Choice => match raw {
            Value::Null => Ok(Value::Null),
            Value::String(s) if s.trim().is_empty() => Ok(Value::Null),
            Value::String(s) => {
                let code = s.trim();
                let offered = field
                    .options
                    .iter()
                    .filter(|o| o.when.as_ref().is_none_or(|c| c.holds(earlier)))
                    .any(|o| o.code == code);
                if offered {
                    Ok(Value::String(code.to_string()))
                } else {
                    let codes: Vec<&str> = field
                        .options
                        .iter()
                        .filter(|o| o.when.as_ref().is_none_or(|c| c.holds(earlier)))
                        .map(|o| o.code.as_str())
                        .collect();
                    Err(format!(
                        "{label}: ungültige Auswahl (erlaubt: {})",
                        codes.join(", ")
                    ))
                }
            }
            _ => Err(format!("{label}: Auswahl als Text erwartet")),
        },
        FieldKind::Text | FieldKind::Link => {
            let text = match raw {
                Value::Null => return Ok(Value::Null),
                Value::String(s) => s.trim(),
                Value::Number(n) if field.kind == FieldKind::Text => {
                    return normalize_text(field, &n.to_string());
                }
                _ => return Err(format!("{label}: Text erwartet")),
            };
            if text.is_empty() {
                return Ok(Value::Null);
            }
            if field.kind == FieldKind::Link {
                let lower = text.to_ascii_lowercase();
                let rest = lower
                    .strip_prefix("https://")
                    .or_else(|| lower.strip_prefix("http://"));
                if rest.is_none_or(|r| r.is_empty()) || text.chars().any(char::is_whitespace) {
                    return Err(format!(
                        "{label} muss mit http:// oder https:// beginnen (ohne Leerzeichen)"
                    ));
                }
                if text.chars().count() > usize::from(field.max_len) {
                    return Err(format!("{label}: höchstens {} Zeichen", field.max_len));
                }
                return Ok(Value::String(text.to_string()));
            }
            normalize_text(field, text)
        }
    }
}

fn normalize_text(field: &FieldDef, text: &str) -> Result<Value, String> {
    let label = &field.label_de;
    if text.chars().count() > usize::from(field.max_len) {
        return Err(format!("{label}: höchstens {} Zeichen", field.max_len));
    }
    if text.chars().any(char::is_control) {
        return Err(format!(
            "{label}: keine Steuerzeichen (Zeilenumbruch, Tabulator) erlaubt"
        ));
    }
    let word = |extra: &str| {
        let mut chars = text.chars();
        chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
            && chars.all(|c| c.is_ascii_alphanumeric() || extra.contains(c))
    };
    match field.format {
        TextFormat::Free => Ok(Value::String(text.to_string())),
        TextFormat::Serial if word("-_./") => Ok(Value::String(text.to_string())),
        TextFormat::Serial => Err(format!(
            "{label}: nur Buchstaben, Ziffern und - _ . / (ohne Leerzeichen)"
        )),
        TextFormat::Version if word("._+-") => Ok(Value::String(text.to_string())),
        TextFormat::Version => Err(format!(
            "{label}: Versionsangabe wie 1.2.3 erwartet (Buchstaben, Ziffern, . _ + -)"
        )),
        TextFormat::Mac => normalize_mac(text)
            .map(Value::String)
            .ok_or_else(|| format!("{label}: 12 Hex-Ziffern erwartet, z. B. 00:1A:2B:3C:4D:5E")),
    }
}

/// `00-1a-2b-3c-4d-5e`, `001A2B3C4D5E`, `001a.2b3c.4d5e` → `00:1A:2B:3C:4D:5E`.
pub fn normalize_mac(text: &str) -> Option<String> {
    let mut digits = String::with_capacity(12);
    for c in text.chars() {
        match c {
            ':' | '-' | '.' => {}
            c if c.is_ascii_hexdigit() => digits.push(c.to_ascii_uppercase()),
            _ => return None,
        }
    }
    if digits.len() != 12 {
        return None;
    }
    let pairs: Vec<&str> = (0..6).map(|i| &digits[i * 2..i * 2 + 2]).collect();
    Some(pairs.join(":"))
}

/// Where an inspection stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum InspectionStatus {
    /// A is done; A may still correct it until B starts.
    AwaitingB,
    /// B has started (compared values); A can no longer change it.
    InB,
    /// B completed and every check passed: the label may be printed.
    Passed,
    /// B completed with a failed check: no label unless MANAGEMENT overrides.
    Failed,
}

impl InspectionStatus {
    pub const ALL: [InspectionStatus; 4] = [
        InspectionStatus::AwaitingB,
        InspectionStatus::InB,
        InspectionStatus::Passed,
        InspectionStatus::Failed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            InspectionStatus::AwaitingB => "awaiting_b",
            InspectionStatus::InB => "in_b",
            InspectionStatus::Passed => "passed",
            InspectionStatus::Failed => "failed",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == value)
    }

    pub fn is_complete(self) -> bool {
        matches!(self, InspectionStatus::Passed | InspectionStatus::Failed)
    }

    pub fn label_de(self) -> &'static str {
        match self {
            InspectionStatus::AwaitingB => "Wartet auf Prüfer B",
            InspectionStatus::InB => "Bei Prüfer B",
            InspectionStatus::Passed => "Bestanden",
            InspectionStatus::Failed => "Nicht bestanden",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            InspectionStatus::AwaitingB => "Awaiting inspector B",
            InspectionStatus::InB => "With inspector B",
            InspectionStatus::Passed => "Passed",
            InspectionStatus::Failed => "Failed",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn field(key: &str, kind: FieldKind, filled_by: FilledBy, required: bool) -> FieldDef {
        FieldDef {
            key: key.into(),
            aliases: vec![],
            section: "s".into(),
            kind,
            format: TextFormat::Free,
            options: vec![],
            filled_by,
            required,
            visible_when: None,
            label_de: key.to_uppercase(),
            label_en: key.into(),
            default: None,
            max_len: 20,
        }
    }

    fn option(code: &str, when: Option<Condition>) -> ChoiceOption {
        ChoiceOption {
            code: code.into(),
            label_de: code.into(),
            label_en: code.into(),
            when,
        }
    }

    fn definition() -> ProductDefinition {
        let mut count = field("count", FieldKind::Choice, FilledBy::Both, true);
        count.options = vec![option("one", None), option("two", None)];
        let mut format = field("format", FieldKind::Choice, FilledBy::Both, true);
        format.options = vec![
            option("F1", Some(Condition::new("count", &["one"]))),
            option("F1_F2", Some(Condition::new("count", &["two"]))),
        ];
        let mut second = field("second", FieldKind::Text, FilledBy::Both, true);
        second.visible_when = Some(Condition::new("count", &["two"]));
        second.format = TextFormat::Serial;
        let mut mac = field("mac", FieldKind::Text, FilledBy::Both, false);
        mac.format = TextFormat::Mac;
        let mut serial = field("serial", FieldKind::Text, FilledBy::A, true);
        serial.format = TextFormat::Serial;
        let mut link = field("link", FieldKind::Link, FilledBy::B, true);
        link.max_len = 100;
        ProductDefinition {
            key: "t".into(),
            name: "T".into(),
            kind_de: "Test".into(),
            kind_en: "Test".into(),
            label_title: "T".into(),
            automatiktest: true,
            sections: vec![],
            fields: vec![
                serial,
                count,
                format,
                second,
                mac,
                field("ok", FieldKind::Check, FilledBy::Both, true),
                field("note", FieldKind::Text, FilledBy::Both, false),
                link,
            ],
            articles: vec![
                ArticleRule {
                    when: vec![Condition::new("format", &["F1"])],
                    artikel_nummer: "1".into(),
                    artikel_bezeichnung: "Eins".into(),
                },
                ArticleRule {
                    when: vec![],
                    artikel_nummer: "9".into(),
                    artikel_bezeichnung: "Sonst".into(),
                },
            ],
        }
    }

    fn input(value: Value) -> serde_json::Map<String, Value> {
        value.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn required_fields_are_named_per_step() {
        let def = definition();
        let errors = def.validate(Step::A, &input(json!({}))).expect_err("empty");
        assert_eq!(
            errors.keys().collect::<Vec<_>>(),
            ["count", "format", "ok", "serial"]
        );
        assert_eq!(errors["ok"], ["OK muss bewertet werden"]);
        assert_eq!(errors["serial"], ["SERIAL ist erforderlich"]);
        let errors = def.validate(Step::B, &input(json!({}))).expect_err("empty");
        assert!(errors.contains_key("link") && !errors.contains_key("serial"));
    }

    #[test]
    fn values_are_normalised_and_hidden_fields_dropped() {
        let def = definition();
        let values = def
            .validate(
                Step::A,
                &input(
                    json!({"serial": " SN-1 ", "count": "one", "format": "F1", "second": "X",
                               "mac": "00-1a-2b-3c-4d-5e", "ok": false, "note": "  ", "extra": 1}),
                ),
            )
            .expect("valid");
        assert_eq!(values["serial"], "SN-1");
        assert_eq!(values["mac"], "00:1A:2B:3C:4D:5E");
        assert!(!values.contains_key("second"), "hidden for one optic");
        assert!(!values.contains_key("note"), "empty text is not set");
        assert_eq!(
            def.article(&values).map(|a| a.artikel_nummer.as_str()),
            Some("1")
        );
        assert_eq!(def.failed_checks(&values)[0].key, "ok");
    }

    #[test]
    fn choices_depend_on_earlier_choices() {
        let def = definition();
        let errors = def
            .validate(
                Step::A,
                &input(json!({"serial": "S", "count": "one", "format": "F1_F2", "ok": true})),
            )
            .expect_err("format of two optics with one optic");
        assert!(errors["format"][0].contains("erlaubt: F1"));
        let errors = def
            .validate(
                Step::A,
                &input(json!({"serial": "S", "count": "two", "format": "F1_F2", "ok": true})),
            )
            .expect_err("second serial required with two optics");
        assert!(errors.contains_key("second"));
    }

    #[test]
    fn formats_reject_bad_text() {
        let def = definition();
        let errors = def
            .validate(
                Step::B,
                &input(
                    json!({"count": "one", "format": "F1", "ok": true, "mac": "00:1A",
                               "link": "ftp://x", "note": "a\nb"}),
                ),
            )
            .expect_err("bad");
        assert!(errors["mac"][0].contains("12 Hex-Ziffern"));
        assert!(errors["link"][0].contains("http"));
        assert!(errors["note"][0].contains("Steuerzeichen"));
        let errors = def
            .validate(
                Step::A,
                &input(json!({"serial": "SN 1", "count": "one", "format": "F1", "ok": "ja"})),
            )
            .expect_err("bad");
        assert!(errors.contains_key("serial") && errors.contains_key("ok"));
    }

    #[test]
    fn differences_cover_fields_both_enter() {
        let def = definition();
        let a = def
            .validate(
                Step::A,
                &input(json!({"serial": "S", "count": "one", "format": "F1", "ok": true})),
            )
            .expect("a");
        let b = def
            .validate(
                Step::B,
                &input(
                    json!({"count": "one", "format": "F1", "ok": false, "note": "Kratzer",
                               "link": "https://t.example/1"}),
                ),
            )
            .expect("b");
        let diffs = def.differences(&a, &b);
        let fields: Vec<&str> = diffs.iter().map(|d| d.field.as_str()).collect();
        assert_eq!(fields, ["ok", "note"]);
        assert_eq!(diffs[1].a, Value::Null);
    }

    #[test]
    fn mac_forms() {
        assert_eq!(
            normalize_mac("001a.2b3c.4d5e").as_deref(),
            Some("00:1A:2B:3C:4D:5E")
        );
        assert_eq!(normalize_mac("00:1A:2B:3C:4D"), None);
        assert_eq!(normalize_mac("00:1A:2B:3C:4D:5G"), None);
    }

    #[test]
    fn status_names_round_trip() {
        for status in InspectionStatus::ALL {
            assert_eq!(InspectionStatus::parse(status.as_str()), Some(status));
        }
    }
}

/// One inspection in lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct InspectionSummary {
    pub id: i64,
    /// `cpro`, `c2`, `cbasic`, `kk`.
    pub product: String,
    pub serialnummer: String,
    pub status: InspectionStatus,
    pub artikel_nummer: Option<String>,
    pub artikel_bezeichnung: Option<String>,
    /// C Pro disk size, C2 configuration or KK optics (statistics and filters).
    #[serde(default)]
    pub variant: Option<String>,
    pub ba_nummer: Option<String>,
    /// Packaging date `YYYY-MM-DD` (plant time zone).
    pub datum: String,
    pub produktionsjahr: String,
    pub pruefer_a: String,
    pub pruefer_b: Option<String>,
    /// RFC 3339.
    pub a_at: String,
    pub b_at: Option<String>,
    /// Field keys of the checks answered "Nein".
    pub failed_checks: Vec<String>,
    /// A MANAGEMENT override allows the label of a failed unit.
    pub overridden: bool,
    /// A label may be printed (passed, or failed and overridden).
    pub printable: bool,
    pub updated_at: String,
}

/// One entry of an inspection's audit trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct InspectionEventDto {
    /// `created`, `a_updated`, `b_started`, `completed`, `overridden`, `print_requested`.
    pub action: String,
    pub username: String,
    pub details: Value,
    pub at: String,
}

/// One inspection with everything recorded about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct InspectionDetail {
    #[serde(flatten)]
    pub summary: InspectionSummary,
    /// A's values; absent while B has not completed, unless the caller is A, MANAGEMENT or ADMIN
    /// (B enters blind).
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub values_a: Option<Values>,
    /// B's values, after completion.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub values_b: Option<Values>,
    pub differences: Vec<Difference>,
    pub override_by: Option<String>,
    pub override_reason: Option<String>,
    pub events: Vec<InspectionEventDto>,
    pub print_jobs: Vec<crate::printing::PrintJobDto>,
}

/// `GET /api/inspections/{id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InspectionDetailResponse {
    pub success: bool,
    pub data: InspectionDetail,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InspectionList {
    pub inspections: Vec<InspectionSummary>,
    pub pagination: crate::auth::Pagination,
}

/// `GET /api/inspections`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InspectionListResponse {
    pub success: bool,
    pub data: InspectionList,
}

/// `POST /api/<p>` (Prüfer A created the record).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CreatedResponse {
    pub success: bool,
    /// The new inspection's id (the original's field name).
    pub item_id: i64,
    pub inspection: InspectionSummary,
}

/// `POST /api/inspections/{id}/differences`: B's entry compared with A's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct DifferencesResponse {
    pub success: bool,
    pub differences: Vec<Difference>,
    /// Checks B answered "Nein": completing will mark the unit failed.
    pub failed_checks: Vec<String>,
}

/// `PUT /api/<p>` (Prüfer B completed the record).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CompletedResponse {
    pub success: bool,
    pub status: InspectionStatus,
    pub differences: Vec<Difference>,
    pub failed_checks: Vec<String>,
    pub inspection: InspectionSummary,
    /// The label's print job, when printing was asked for and allowed.
    pub print_job: Option<crate::printing::PrintJobDto>,
    /// Why no label was queued although printing was asked for.
    pub print_refused: Option<String>,
}

/// `POST /api/inspections/{id}/print`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PrintInspectionRequest {
    pub printer_id: i64,
    /// Required when the label was printed before.
    #[serde(default)]
    pub reason: Option<String>,
}

/// `POST /api/inspections/{id}/override`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OverrideRequest {
    pub reason: String,
}

/// A product line in `GET /api/products`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ProductSummary {
    pub key: String,
    pub name: String,
    pub kind_de: String,
    pub kind_en: String,
    pub label_title: String,
    pub automatiktest: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductList {
    pub products: Vec<ProductSummary>,
}

/// `GET /api/products`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductListResponse {
    pub success: bool,
    pub data: ProductList,
}

/// `GET /api/products/{product}/definition`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DefinitionResponse {
    pub success: bool,
    pub data: ProductDefinition,
}
