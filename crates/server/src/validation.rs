//! Collects per-field validation messages into one 422.

use api_types::FieldErrors;
use api_types::printing::{REASON_MAX_CHARS, REASON_MIN_CHARS};
use api_types::validation::Message;
use chrono::{DateTime, Utc};

use crate::error::ApiError;

#[derive(Debug, Default)]
pub struct Validator {
    errors: FieldErrors,
}

impl Validator {
    pub fn new() -> Self {
        Self::default()
    }

    /// Keeps the value of a passed rule; records the message of a failed one under `field`.
    pub fn check<T>(&mut self, field: &str, result: Result<T, Message>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(message) => {
                self.add(field, message.de);
                None
            }
        }
    }

    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.errors
            .entry(field.to_string())
            .or_default()
            .push(message.into());
    }

    /// Records every password policy issue under `field`.
    pub fn password(&mut self, field: &str, password: &str, username: Option<&str>) {
        for issue in api_types::validation::password_issues(password, username) {
            self.add(field, issue.de);
        }
    }

    /// `page` (default 1, at least 1) and `limit` (default `default`, 1 to `max`) of a list.
    pub fn paging(
        &mut self,
        page: Option<u64>,
        limit: Option<u64>,
        default: u64,
        max: u64,
    ) -> (u64, u64) {
        let page = page.unwrap_or(1);
        let limit = limit.unwrap_or(default);
        if page < 1 {
            self.add("page", "Seite muss mindestens 1 sein");
        }
        if !(1..=max).contains(&limit) {
            self.add("limit", format!("Limit muss zwischen 1 und {max} liegen"));
        }
        (page.max(1), limit)
    }

    /// An optional RFC 3339 time filter; empty counts as absent.
    pub fn time(&mut self, field: &str, value: Option<&str>) -> Option<DateTime<Utc>> {
        let value = value.filter(|s| !s.is_empty())?;
        match DateTime::parse_from_rfc3339(value) {
            Ok(at) => Some(at.with_timezone(&Utc)),
            Err(_) => {
                self.add(
                    field,
                    "Zeitpunkt im Format RFC 3339 erwartet, z. B. 2026-11-26T08:00:00Z",
                );
                None
            }
        }
    }

    /// An optional plant day `YYYY-MM-DD`; empty counts as absent.
    pub fn day(&mut self, field: &str, value: Option<&str>) -> Option<chrono::NaiveDate> {
        let value = value.map(str::trim).filter(|s| !s.is_empty())?;
        match chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d") {
            Ok(day) => Some(day),
            Err(_) => {
                self.add(
                    field,
                    "Datum im Format JJJJ-MM-TT erwartet, z. B. 2026-11-01",
                );
                None
            }
        }
    }

    /// An optional name from a fixed list (`parse`); empty counts as absent, anything else unknown
    /// is reported with `message`.
    pub fn name<T>(
        &mut self,
        field: &str,
        value: Option<&str>,
        parse: impl Fn(&str) -> Option<T>,
        message: &str,
    ) -> Option<T> {
        let value = value.filter(|s| !s.is_empty())?;
        let parsed = parse(value);
        if parsed.is_none() {
            self.add(field, message);
        }
        parsed
    }

    /// Trimmed text of at most `max` characters; empty counts as absent, which is an error when
    /// `required` ("<caption> ist erforderlich").
    pub fn text(
        &mut self,
        field: &str,
        value: Option<&str>,
        required: bool,
        max: usize,
        caption: &str,
    ) -> Option<String> {
        let value = value.map(str::trim).filter(|v| !v.is_empty());
        match value {
            None if required => self.add(field, format!("{caption} ist erforderlich")),
            Some(v) if v.chars().count() > max => {
                self.add(field, format!("{caption}: höchstens {max} Zeichen"))
            }
            _ => {}
        }
        value.map(str::to_string)
    }

    /// A reason (reprint, override): trimmed, 3–500 characters; `None` when absent and not
    /// `required`.
    pub fn reason(
        &mut self,
        field: &str,
        value: Option<&str>,
        required: bool,
        missing: &str,
    ) -> Option<String> {
        let reason = value.map(str::trim).filter(|r| !r.is_empty());
        match reason {
            None if required => self.add(field, missing),
            Some(r) if !(REASON_MIN_CHARS..=REASON_MAX_CHARS).contains(&r.chars().count()) => self
                .add(
                    field,
                    format!(
                        "Grund muss {REASON_MIN_CHARS} bis {REASON_MAX_CHARS} Zeichen lang sein"
                    ),
                ),
            _ => {}
        }
        reason.map(str::to_string)
    }

    pub fn finish(self) -> Result<(), ApiError> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(ApiError::Validation(self.errors))
        }
    }
}
