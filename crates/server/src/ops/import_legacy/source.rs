//! Reading the original system's PostgreSQL database: its tables as the spec describes them
//! (products spec §7, packaging spec §2, auth spec §1), every value read as text so that enum,
//! boolean, JSON and timestamp columns, and schema drift between versions of the original, all
//! take one path.

use std::collections::{BTreeSet, HashMap};
use std::time::Duration;

use anyhow::Context;
use chrono::{DateTime, NaiveDateTime, Utc};
use sea_orm::{
    AccessMode, ConnectOptions, ConnectionTrait, Database, DatabaseBackend, DatabaseConnection,
    DatabaseTransaction, IsolationLevel, Statement, TransactionTrait,
};

/// A table of the original (Prisma names: schema per domain, quoted model name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Table {
    pub schema: &'static str,
    pub name: &'static str,
}

impl Table {
    pub const fn new(schema: &'static str, name: &'static str) -> Self {
        Self { schema, name }
    }

    /// `schema."Name"` as the report names it.
    pub fn display(&self) -> String {
        format!("{}.\"{}\"", self.schema, self.name)
    }

    fn sql(&self) -> String {
        format!("{}.{}", quote(self.schema), quote(self.name))
    }
}

pub const USERS: Table = Table::new("user_management", "User");
pub const ZUBEHOER: Table = Table::new("zubehoer_etikett", "ZubehoerEtikett");
pub const CARTONS: Table = Table::new("outer_karton", "OuterKarton");
pub const CARTON_ENTRIES: Table = Table::new("outer_karton_entry", "OuterKartonEntry");

/// The product tables by product key.
pub fn product_table(product_key: &str) -> Option<Table> {
    match product_key {
        "cpro" => Some(Table::new("cpro_steuerrechner", "SingleItem")),
        "c2" => Some(Table::new("c2_steuerrechner", "SingleItemC2")),
        "cbasic" => Some(Table::new("cbasic_steuerrechner", "SingleItemCbasic")),
        "kk" => Some(Table::new("kk_kamerakopf", "SingleItemKK")),
        _ => None,
    }
}

fn quote(identifier: &str) -> String {
    format!("\"{}\"", identifier.replace('"', "\"\""))
}

/// One row: column name → value as PostgreSQL prints it (`true`, `TB_1`, `2025-09-04 00:00:00`).
#[derive(Debug, Clone, Default)]
pub struct Row {
    values: HashMap<String, Option<String>>,
}

impl Row {
    /// Builds a row from `(column, value)` pairs (tests, and the reader).
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, Option<&'a str>)>) -> Self {
        Self {
            values: pairs
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.map(str::to_string)))
                .collect(),
        }
    }

    /// The raw value; `None` for NULL and for a column the table does not have.
    pub fn raw(&self, column: &str) -> Option<&str> {
        self.values.get(column).and_then(|v| v.as_deref())
    }

    /// The value trimmed, `None` when NULL or blank.
    pub fn text(&self, column: &str) -> Option<&str> {
        self.raw(column).map(str::trim).filter(|v| !v.is_empty())
    }

    /// The integer id (every table of the original has one).
    pub fn id(&self) -> i64 {
        self.raw("id").and_then(|v| v.parse().ok()).unwrap_or(0)
    }

    pub fn has(&self, column: &str) -> bool {
        self.values.contains_key(column)
    }
}

/// A timestamp as PostgreSQL prints `timestamp(3)` (UTC by the original's convention) or
/// `timestamptz`.
pub fn parse_timestamp(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    for format in ["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S%.f"] {
        if let Ok(at) = NaiveDateTime::parse_from_str(text, format) {
            return Some(at.and_utc());
        }
    }
    for format in ["%Y-%m-%d %H:%M:%S%.f%#z", "%Y-%m-%dT%H:%M:%S%.f%#z"] {
        if let Ok(at) = DateTime::parse_from_str(text, format) {
            return Some(at.with_timezone(&Utc));
        }
    }
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|at| at.and_utc())
}

/// The original's database, read in one read-only snapshot.
pub struct Legacy {
    tx: DatabaseTransaction,
    db: DatabaseConnection,
}

impl Legacy {
    /// Connects to `url` (`postgres://…`) and opens a repeatable-read, read-only snapshot. Errors
    /// name the database by `masked`, never by the URL with its password.
    pub async fn open(url: &str, masked: &str, password: Option<&str>) -> anyhow::Result<Self> {
        let mut options = ConnectOptions::new(url.to_owned());
        options
            .max_connections(1)
            .min_connections(1)
            .connect_timeout(Duration::from_secs(10))
            .acquire_timeout(Duration::from_secs(10))
            .sqlx_logging(false);
        let scrub = |error: &dyn std::fmt::Display| {
            let text = error.to_string();
            match password.filter(|p| !p.is_empty()) {
                Some(p) => text.replace(p, "***"),
                None => text,
            }
        };
        let db = Database::connect(options).await.map_err(|e| {
            anyhow::anyhow!(
                "cannot connect to the original database {masked}: {}",
                scrub(&e)
            )
        })?;
        if db.get_database_backend() != DatabaseBackend::Postgres {
            anyhow::bail!("the original database must be PostgreSQL, not {masked}");
        }
        let tx = db
            .begin_with_config(
                Some(IsolationLevel::RepeatableRead),
                Some(AccessMode::ReadOnly),
            )
            .await
            .map_err(|e| anyhow::anyhow!("cannot read {masked}: {}", scrub(&e)))?;
        Ok(Self { tx, db })
    }

    /// The columns of `table`; empty when the table does not exist.
    pub async fn columns(&self, table: Table) -> anyhow::Result<BTreeSet<String>> {
        let rows = self
            .tx
            .query_all(Statement::from_sql_and_values(
                DatabaseBackend::Postgres,
                "SELECT column_name::text AS column_name FROM information_schema.columns \
                 WHERE table_schema = $1 AND table_name = $2",
                [table.schema.into(), table.name.into()],
            ))
            .await
            .with_context(|| format!("cannot list the columns of {}", table.display()))?;
        rows.iter()
            .map(|row| {
                row.try_get::<String>("", "column_name")
                    .map_err(anyhow::Error::from)
            })
            .collect()
    }

    /// Every row of `table` with those of `wanted` columns it has (all as text), ordered by id.
    /// `None` when the table does not exist.
    pub async fn rows(&self, table: Table, wanted: &[&str]) -> anyhow::Result<Option<Vec<Row>>> {
        let present = self.columns(table).await?;
        if present.is_empty() {
            return Ok(None);
        }
        let columns: Vec<&str> = std::iter::once("id")
            .chain(wanted.iter().copied().filter(|c| *c != "id"))
            .filter(|c| present.contains(*c))
            .collect();
        let select = columns
            .iter()
            .map(|c| format!("{}::text AS {}", quote(c), quote(c)))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!("SELECT {select} FROM {} ORDER BY \"id\"", table.sql());
        let rows = self
            .tx
            .query_all(Statement::from_string(DatabaseBackend::Postgres, sql))
            .await
            .with_context(|| format!("cannot read {}", table.display()))?;
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let mut values = HashMap::with_capacity(columns.len());
            for column in &columns {
                let value: Option<String> = row
                    .try_get("", column)
                    .with_context(|| format!("{}: column {column}", table.display()))?;
                values.insert((*column).to_string(), value);
            }
            out.push(Row { values });
        }
        Ok(Some(out))
    }

    pub async fn close(self) {
        let _ = self.tx.rollback().await;
        let _ = self.db.close().await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_of_both_postgres_types_are_read_as_utc() {
        let plain = parse_timestamp("2025-09-04 10:30:00.123").expect("timestamp(3)");
        assert_eq!(plain.to_rfc3339(), "2025-09-04T10:30:00.123+00:00");
        let zoned = parse_timestamp("2025-09-04 12:30:00+02").expect("timestamptz");
        assert_eq!(zoned.to_rfc3339(), "2025-09-04T10:30:00+00:00");
        assert!(parse_timestamp("gestern").is_none());
    }

    #[test]
    fn rows_tell_blank_from_missing() {
        let row = Row::from_pairs([("id", Some("7")), ("a", Some("  ")), ("b", None)]);
        assert_eq!(row.id(), 7);
        assert_eq!(row.text("a"), None);
        assert_eq!(row.raw("a"), Some("  "));
        assert!(row.has("b") && !row.has("c"));
    }
}
