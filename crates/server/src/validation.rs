//! Collects per-field validation messages into one 422.

use api_types::FieldErrors;
use api_types::validation::Message;

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

    pub fn finish(self) -> Result<(), ApiError> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(ApiError::Validation(self.errors))
        }
    }
}
