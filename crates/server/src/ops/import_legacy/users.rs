//! Users (auth spec §1.2): kept with their bcrypt hashes, so everybody logs in with the password
//! they had; roles and statuses by the original's enum names.

use std::collections::HashMap;

use api_types::auth::{Role, UserStatus};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, Set, TransactionTrait,
};

use super::report::Area;
use super::source::{Row, parse_timestamp};
use super::{ACTOR, settle};
use crate::entities::user;
use crate::services::users as user_service;

pub const COLUMNS: &[&str] = &[
    "username",
    "email",
    "passwordHash",
    "firstName",
    "lastName",
    "role",
    "status",
    "lastLoginAt",
    "failedLoginAttempts",
    "lockedUntil",
    "passwordChangedAt",
    "mustChangePassword",
    "createdAt",
    "updatedAt",
    "createdBy",
];

/// The original's `UserRole` (also the stale migration's subset, and spellings with umlaut,
/// blanks or different case) as ours.
pub fn role(text: &str) -> Option<Role> {
    let name = enum_name(text)
        .replace("PRÜFER", "PRUEFER")
        .replace("PRUFER", "PRUEFER");
    match name.as_str() {
        "PRUEFER_A_B" | "PRUEFER_AB" => Some(Role::PrueferAb),
        "VIEWER" | "BETRACHTER" => Some(Role::Viewer),
        "ADMINISTRATOR" => Some(Role::Admin),
        _ => Role::parse(&name),
    }
}

/// The original's `UserStatus` as ours.
pub fn status(text: &str) -> Option<UserStatus> {
    UserStatus::parse(&enum_name(text))
}

/// Upper case, words joined by one `_` (`Prüfer A & B` → `PRÜFER_A_B`).
fn enum_name(text: &str) -> String {
    text.to_uppercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}

/// A bcrypt hash our login verifies: `$2a$`, `$2b$`, `$2x$` or `$2y$`, cost 4–31, 53 characters of
/// salt and hash.
pub fn is_bcrypt(hash: &str) -> bool {
    let Some(rest) = ["$2a$", "$2b$", "$2x$", "$2y$"]
        .iter()
        .find_map(|prefix| hash.strip_prefix(prefix))
    else {
        return false;
    };
    let Some((cost, body)) = rest.split_once('$') else {
        return false;
    };
    cost.len() == 2
        && cost.parse::<u32>().is_ok_and(|c| (4..=31).contains(&c))
        && body.len() == 53
        && body
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '/')
}

fn longer(value: &str, max: usize) -> bool {
    value.chars().count() > max
}

/// Imports the users of the original; matched by username (without case).
pub async fn import(tx: &DatabaseTransaction, rows: &[Row], area: &mut Area) -> anyhow::Result<()> {
    // Within the original, the first of two names that differ only in case wins.
    let mut usernames: HashMap<String, i64> = HashMap::new();
    let mut emails: HashMap<String, i64> = HashMap::new();
    for row in rows {
        let id = row.id();
        let username = row.text("username").unwrap_or_default().to_string();
        if username.is_empty() {
            area.skip(id, "", "no username", String::new());
            continue;
        }
        if let Some(first) = usernames.get(&username.to_lowercase()) {
            area.skip(
                id,
                &username,
                "username taken by another user of the original (compared without case)",
                format!("#{first}"),
            );
            continue;
        }
        usernames.insert(username.to_lowercase(), id);
        let email = row.text("email").unwrap_or_default().to_string();
        if let Some(first) = emails.get(&email.to_lowercase()) {
            area.skip(
                id,
                &username,
                "email address used by another user of the original (compared without case)",
                format!("{email}, #{first}"),
            );
            continue;
        }
        if !email.is_empty() {
            emails.insert(email.to_lowercase(), id);
        }
        let (username_taken, email_taken) =
            user_service::taken(tx, Some(&username), Some(&email), None).await?;
        if username_taken {
            area.present += 1;
            continue;
        }
        match new_user(row, &username, &email) {
            Err((reason, detail)) => area.skip(id, &username, reason, detail),
            Ok(_) if email_taken => area.skip(
                id,
                &username,
                "email address already used by another user",
                email,
            ),
            Ok(model) => {
                let savepoint = tx.begin().await?;
                let inserted = model.insert(&savepoint).await;
                match settle(savepoint, inserted).await? {
                    Ok(_) => area.imported += 1,
                    Err(error) => area.skip(id, &username, "rejected by the database", error),
                }
            }
        }
    }
    Ok(())
}

type Refusal = (&'static str, String);

fn new_user(row: &Row, username: &str, email: &str) -> Result<user::ActiveModel, Refusal> {
    if email.is_empty() {
        return Err(("no email address", String::new()));
    }
    let hash = row.text("passwordHash").unwrap_or_default();
    if !is_bcrypt(hash) {
        return Err((
            "password hash is not a bcrypt hash (the user could not log in)",
            String::new(),
        ));
    }
    let raw_role = row.text("role").unwrap_or_default();
    let role = role(raw_role).ok_or(("unknown role", raw_role.to_string()))?;
    // `ACTIVE` is the original's default.
    let raw_status = row.text("status").unwrap_or("ACTIVE");
    let status = status(raw_status).ok_or(("unknown status", raw_status.to_string()))?;
    let first_name = row.text("firstName").unwrap_or_default();
    let last_name = row.text("lastName").unwrap_or_default();
    for (field, value, max) in [
        ("username", username, 100),
        ("email", email, 254),
        ("firstName", first_name, 100),
        ("lastName", last_name, 100),
    ] {
        if longer(value, max) {
            return Err((
                "value too long",
                format!("{field}: more than {max} characters"),
            ));
        }
    }
    let time = |column: &str| row.text(column).and_then(parse_timestamp);
    let now = Utc::now();
    let created_at = time("createdAt").unwrap_or(now);
    Ok(user::ActiveModel {
        username: Set(username.to_string()),
        email: Set(email.to_string()),
        password_hash: Set(hash.to_string()),
        first_name: Set(first_name.to_string()),
        last_name: Set(last_name.to_string()),
        role: Set(role.as_str().to_string()),
        status: Set(status.as_str().to_string()),
        last_login_at: Set(time("lastLoginAt")),
        failed_login_attempts: Set(row
            .text("failedLoginAttempts")
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)),
        locked_until: Set(time("lockedUntil")),
        password_changed_at: Set(time("passwordChangedAt")),
        must_change_password: Set(row.text("mustChangePassword") == Some("true")),
        created_at: Set(created_at),
        updated_at: Set(time("updatedAt").unwrap_or(created_at)),
        created_by: Set(row
            .text("createdBy")
            .filter(|by| !longer(by, 100))
            .map(str::to_string)),
        updated_by: Set(Some(ACTOR.to_string())),
        ..Default::default()
    })
}

/// Typed inspector names (the original's free text) → our users: by username, by "first last"
/// or "last first" / "last, first", all without case; a name that fits several users fits none.
pub struct Inspectors {
    by_name: HashMap<String, Option<(i64, String)>>,
}

impl Inspectors {
    pub async fn load(db: &impl ConnectionTrait) -> Result<Self, sea_orm::DbErr> {
        let users = user::Entity::find().all(db).await?;
        Ok(Self::new(&users))
    }

    pub fn new(users: &[user::Model]) -> Self {
        let mut by_name: HashMap<String, Option<(i64, String)>> = HashMap::new();
        let mut add = |name: String, user: &user::Model| {
            let key = normalise_name(&name);
            if key.is_empty() {
                return;
            }
            let entry = (user.id, user.username.clone());
            by_name
                .entry(key)
                .and_modify(|known| {
                    if known.as_ref().is_some_and(|(id, _)| *id != user.id) {
                        *known = None;
                    }
                })
                .or_insert(Some(entry));
        };
        for user in users {
            let (first, last) = (&user.first_name, &user.last_name);
            add(format!("{first} {last}"), user);
            add(format!("{last} {first}"), user);
            add(format!("{last}, {first}"), user);
        }
        // A username beats a person's name that happens to read the same.
        for user in users {
            by_name.insert(
                normalise_name(&user.username),
                Some((user.id, user.username.clone())),
            );
        }
        Self { by_name }
    }

    /// The user a typed name stands for, if exactly one.
    pub fn find(&self, typed: &str) -> Option<(i64, String)> {
        self.by_name.get(&normalise_name(typed)).cloned().flatten()
    }
}

fn normalise_name(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_and_statuses_of_the_original_map_to_ours() {
        for (text, expected) in [
            ("ADMIN", Role::Admin),
            ("MANAGEMENT", Role::Management),
            ("PRUEFER_AB", Role::PrueferAb),
            ("PRUEFER_A", Role::PrueferA),
            ("PRUEFER_B", Role::PrueferB),
            ("VIEWER", Role::Viewer),
            ("pruefer_ab", Role::PrueferAb),
            ("Prüfer A & B", Role::PrueferAb),
            ("Prüfer B", Role::PrueferB),
            (" viewer ", Role::Viewer),
        ] {
            assert_eq!(role(text), Some(expected), "{text}");
        }
        assert_eq!(role("SUPERUSER"), None);
        assert_eq!(status("ACTIVE"), Some(UserStatus::Active));
        assert_eq!(status("suspended"), Some(UserStatus::Suspended));
        assert_eq!(status("GONE"), None);
    }

    #[test]
    fn bcrypt_hashes_are_recognised() {
        let hash = "$2b$04$CiA08kXKgGHtrgdFbnOX0eUUaJhGo3doXD593RWBDxN8Flx45kG.2";
        assert!(is_bcrypt(hash));
        assert!(is_bcrypt(&hash.replacen("$2b$", "$2a$", 1)));
        assert!(is_bcrypt(&hash.replacen("$2b$04$", "$2b$14$", 1)));
        assert!(!is_bcrypt(&hash.replacen("$2b$04$", "$2b$99$", 1)));
        assert!(!is_bcrypt(&hash[..59]));
        assert!(!is_bcrypt("admin123"));
        assert!(!is_bcrypt(""));
    }

    fn user(id: i64, username: &str, first: &str, last: &str) -> user::Model {
        let now = Utc::now();
        user::Model {
            id,
            username: username.into(),
            email: format!("{username}@example.test"),
            password_hash: String::new(),
            first_name: first.into(),
            last_name: last.into(),
            role: "PRUEFER_A".into(),
            status: "ACTIVE".into(),
            last_login_at: None,
            failed_login_attempts: 0,
            locked_until: None,
            password_changed_at: None,
            must_change_password: false,
            created_at: now,
            updated_at: now,
            created_by: None,
            updated_by: None,
        }
    }

    #[test]
    fn typed_inspector_names_find_their_user_once() {
        let inspectors = Inspectors::new(&[
            user(1, "mmueller", "Max", "Müller"),
            user(2, "mmueller2", "Max", "Müller"),
            user(3, "ebauer", "Erika", "Bauer"),
        ]);
        assert_eq!(inspectors.find("MMUELLER"), Some((1, "mmueller".into())));
        assert_eq!(
            inspectors.find("  erika   bauer "),
            Some((3, "ebauer".into()))
        );
        assert_eq!(inspectors.find("Bauer, Erika"), Some((3, "ebauer".into())));
        assert_eq!(inspectors.find("Max Müller"), None, "two users");
        assert_eq!(inspectors.find("Anna"), None);
    }
}
