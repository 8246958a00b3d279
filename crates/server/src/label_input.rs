//! The original system's request bodies (JSON) → label-engine inputs.
//!
//! Used by `etikettdrucker label render` and, later, by the label endpoints: one mapping for both.

use anyhow::{Context, bail};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use labels::packaging::{Article, HalterungLabel, OuterKartonLabel, PackDate, ZubehoerLabel};
use labels::product::{JsText, Product, ProductLabelInput};
use labels::zpl::Mode;
use serde_json::Value;

/// Every label kind the engine writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LabelKind {
    Cpro,
    C2,
    Cbasic,
    Kk,
    Zubehoer,
    Halterung,
    Outerkarton,
}

/// A label ready to be written.
pub enum Label {
    Product(Product, Box<ProductLabelInput>),
    Zubehoer(ZubehoerLabel),
    Halterung(HalterungLabel),
    OuterKarton(OuterKartonLabel),
}

impl Label {
    /// Reads the original's request body for `kind`; `today` fills dates the body does not carry.
    pub fn from_body(kind: LabelKind, body: &Value, today: NaiveDate) -> anyhow::Result<Self> {
        if !body.is_object() {
            bail!("the input must be a JSON object (the request body of the original endpoint)");
        }
        let product = match kind {
            LabelKind::Cpro => Some(Product::CPro),
            LabelKind::C2 => Some(Product::C2),
            LabelKind::Cbasic => Some(Product::CBasic),
            LabelKind::Kk => Some(Product::Kk),
            _ => None,
        };
        if let Some(product) = product {
            return Ok(Label::Product(
                product,
                Box::new(product_input(body, today)?),
            ));
        }
        Ok(match kind {
            LabelKind::Zubehoer => Label::Zubehoer(
                ZubehoerLabel::new(&text(body, "lieferscheinnummer"), articles(body, "items")?)
                    .map_err(|e| anyhow::anyhow!("{}", e.message_de()))?,
            ),
            LabelKind::Halterung => {
                let date = PackDate::from_dmy(
                    today.day() as u16,
                    today.month() as u16,
                    u16::try_from(today.year()).context("year out of range")?,
                )
                .context("invalid date")?;
                Label::Halterung(
                    HalterungLabel::new(date, articles(body, "items")?)
                        .map_err(|e| anyhow::anyhow!("{}", e.message_de()))?,
                )
            }
            _ => Label::OuterKarton(
                OuterKartonLabel::new(articles(body, "entries")?)
                    .map_err(|e| anyhow::anyhow!("{}", e.message_de()))?,
            ),
        })
    }

    pub fn qr_payload(&self) -> String {
        match self {
            Label::Product(product, input) => labels::product::qr_payload(*product, input),
            Label::Zubehoer(label) => label.qr_payload(),
            Label::Halterung(label) => label.qr_payload(),
            Label::OuterKarton(label) => label.qr_payload(),
        }
    }

    pub fn zpl(&self, mode: Mode) -> anyhow::Result<String> {
        Ok(match self {
            Label::Product(product, input) => labels::product::write_label(*product, input, mode)?,
            Label::Zubehoer(label) => label.zpl(mode)?,
            Label::Halterung(label) => label.zpl(mode)?,
            Label::OuterKarton(label) => label.zpl(mode)?,
        })
    }
}

fn product_input(body: &Value, today: NaiveDate) -> anyhow::Result<ProductLabelInput> {
    let datum = match body.get("datum") {
        None | Some(Value::Null) => today,
        Some(Value::String(s)) => parse_date(s)?,
        Some(other) => bail!("datum must be a date string, not {other}"),
    };
    Ok(ProductLabelInput {
        serialnummer: text(body, "serialnummer"),
        artikel_bezeichnung: text(body, "artikel_bezeichnung"),
        artikel_nummer: match body.get("artikel_nummer") {
            None => JsText::Undefined,
            Some(Value::Null) => JsText::Null,
            Some(value) => JsText::Value(js_string(value)),
        },
        seriennummer_elektronik: text(body, "seriennummer_elektronik"),
        mac_adresse: text(body, "mac_adresse"),
        seriennummer_festplatte: text(body, "seriennummer_festplatte"),
        software_version: text(body, "software_version"),
        firmware_version: text(body, "firmware_version"),
        seriennummer_optik1: text(body, "seriennummer_optik1"),
        seriennummer_optik2: text(body, "seriennummer_optik2"),
        datum: datum.format("%Y-%m-%d").to_string(),
    })
}

/// `YYYY-MM-DD`, or an RFC 3339 time whose UTC date is used (as the original did).
fn parse_date(value: &str) -> anyhow::Result<NaiveDate> {
    if let Ok(date) = NaiveDate::parse_from_str(value, "%Y-%m-%d") {
        return Ok(date);
    }
    DateTime::parse_from_rfc3339(value)
        .map(|at| at.with_timezone(&Utc).date_naive())
        .with_context(|| format!("datum {value:?} is neither YYYY-MM-DD nor an RFC 3339 time"))
}

/// A string field; numbers are written as JavaScript would, absent and null are empty.
fn text(body: &Value, key: &str) -> String {
    match body.get(key) {
        None | Some(Value::Null) => String::new(),
        Some(value) => js_string(value),
    }
}

fn js_string(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => match n.as_f64() {
            Some(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", f as i64),
            _ => n.to_string(),
        },
        other => other.to_string(),
    }
}

fn articles(body: &Value, key: &str) -> anyhow::Result<Vec<Article>> {
    let Some(items) = body.get(key).and_then(Value::as_array) else {
        bail!("{key} must be a list of articles");
    };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let menge = match item.get("menge") {
                Some(Value::Number(n)) => n.as_u64(),
                Some(Value::String(s)) => s.trim().parse().ok(),
                _ => None,
            }
            .and_then(|m| u32::try_from(m).ok())
            .with_context(|| format!("{key}[{i}].menge must be a whole number ≥ 0"))?;
            let article = Article::new(
                text(item, "artikelnummer"),
                text(item, "artikelbezeichnung"),
                menge,
            );
            Ok(match item.get("serialnummer") {
                Some(Value::String(s)) if !s.is_empty() => article.with_serial(s.clone()),
                _ => article,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 9, 17).unwrap_or_default()
    }

    #[test]
    fn product_bodies_map_like_the_original() -> anyhow::Result<()> {
        let body = json!({"serialnummer": "KK-0001", "artikel_bezeichnung": "Kamerakopf F1+F2",
            "artikel_nummer": 10085, "seriennummer_elektronik": "EL-4", "seriennummer_optik1": "O1",
            "seriennummer_optik2": "O2", "firmware_version": "fw9", "datum": "2025-09-17T20:00:00-05:00"});
        let label = Label::from_body(LabelKind::Kk, &body, today())?;
        assert_eq!(
            label.qr_payload(),
            "SN: KK-0001 \nART: Kamerakopf F1+F2 \nARTN: 10085 \nELE: EL-4 \nOPT1: O1 \nOPT2: O2 \nFW: fw9 \nDAT: 2025-09-18 \n"
        );
        let missing = Label::from_body(LabelKind::Cbasic, &json!({}), today())?;
        assert!(missing.qr_payload().contains("ARTN: undefined"));
        Ok(())
    }

    #[test]
    fn bad_bodies_are_explained() {
        let err = |kind, body: Value| {
            Label::from_body(kind, &body, today())
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default()
        };
        let one = json!([{"artikelnummer": "10370", "artikelbezeichnung": "Netzteil", "menge": 1}]);
        assert!(err(LabelKind::Zubehoer, json!({"items": one})).contains("Lieferschein"));
        assert!(!err(LabelKind::Zubehoer, json!({"items": []})).is_empty());
        assert!(
            err(LabelKind::Outerkarton, json!({"entries": [{"menge": "x"}]})).contains("menge")
        );
        assert!(err(LabelKind::C2, json!({"datum": "gestern"})).contains("datum"));
        assert!(err(LabelKind::C2, json!([1])).contains("JSON object"));
    }
}
