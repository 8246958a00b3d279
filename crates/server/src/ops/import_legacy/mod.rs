//! `etikettdrucker import-legacy`: imports the original system's PostgreSQL database (SvelteKit and
//! Prisma, one schema per domain) into ours, so a plant switches over without losing history:
//! users with their bcrypt hashes ([`users`]), the four product tables as inspections ([`units`]),
//! accessory labels and outer cartons ([`packaging`]).
//!
//! - Everything is written in one transaction; each row in a savepoint of its own, so a row the
//!   database refuses is skipped with the database's reason and the import goes on. `--dry-run`
//!   runs the same import and rolls it back.
//! - Idempotent: rows are matched by natural keys (username; product and serial number; delivery
//!   note; a carton's creation time and delivery note) and rows already there are counted as
//!   present, never written twice.
//! - The original is read in one repeatable-read, read-only snapshot. Its URL comes from `--from`
//!   or `ETIKETT_LEGACY_DATABASE_URL`; messages show it with the password masked.
//! - After a real import the daily statistics are counted afresh.

pub mod packaging;
pub mod report;
pub mod source;
pub mod units;
pub mod users;

use anyhow::Context;
use migration::{Migrator, MigratorTrait};
use sea_orm::{DatabaseTransaction, DbErr, TransactionTrait};
use secrecy::{ExposeSecret, SecretString};

use crate::settings::Settings;
use report::{Area, Report};
use source::{Legacy, Table};

/// Who the imported records say created them (`created_by`, the inspections' trail).
pub const ACTOR: &str = "import-legacy";

/// Report keys and titles of the product lines.
const PRODUCT_AREAS: [(&str, &str); 4] = [
    ("cpro", "C Pro units"),
    ("c2", "C2 units"),
    ("cbasic", "C Basic units"),
    ("kk", "KK units"),
];

/// Options of `import-legacy`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// PostgreSQL URL of the original system's database, e.g.
    /// postgres://etikett@127.0.0.1:5432/etikettdrucker. Prefer the environment variable, so the
    /// password stays off the command line.
    #[arg(
        long,
        value_name = "URL",
        env = "ETIKETT_LEGACY_DATABASE_URL",
        hide_env_values = true
    )]
    pub from: SecretString,
    /// Read and check everything, report what would be imported, write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

pub async fn run(settings: &Settings, args: Args) -> anyhow::Result<()> {
    let report = import(settings, args.from.expose_secret(), args.dry_run).await?;
    print!("{report}");
    Ok(())
}

/// `url` with its password replaced by `***` (also a `password=` query parameter).
pub fn masked(url: &str) -> String {
    let mut out = match url.split_once("://") {
        Some((scheme, rest)) => match rest.rsplit_once('@') {
            Some((credentials, host)) => match credentials.split_once(':') {
                Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
                None => url.to_string(),
            },
            None => url.to_string(),
        },
        None => url.to_string(),
    };
    if let Some(start) = out.find("password=") {
        let value = start + "password=".len();
        let end = out[value..].find('&').map_or(out.len(), |i| value + i);
        out.replace_range(value..end, "***");
    }
    out
}

/// The password in `url` as written there, to scrub it from driver messages.
fn password(url: &str) -> Option<String> {
    let (_, rest) = url.split_once("://")?;
    let (credentials, _) = rest.rsplit_once('@')?;
    let (_, password) = credentials.split_once(':')?;
    Some(password.to_string()).filter(|p| !p.is_empty())
}

/// Ends a row's savepoint: kept when its writes succeeded; rolled back alone, with the database's
/// reason, when the database refused them.
pub(crate) async fn settle<T>(
    savepoint: DatabaseTransaction,
    result: Result<T, DbErr>,
) -> anyhow::Result<Result<T, String>> {
    match result {
        Ok(value) => {
            savepoint.commit().await?;
            Ok(Ok(value))
        }
        Err(error) => {
            savepoint.rollback().await?;
            Ok(Err(error.to_string()))
        }
    }
}

/// Imports from the original database at `url` into the configured one (or, with `dry_run`,
/// only reports what it would import).
pub async fn import(settings: &Settings, url: &str, dry_run: bool) -> anyhow::Result<Report> {
    let source = masked(url);
    if !(url.starts_with("postgres://") || url.starts_with("postgresql://")) {
        anyhow::bail!("--from must be a postgres:// URL of the original database, not {source}");
    }
    let legacy = Legacy::open(url, &source, password(url).as_deref()).await?;
    let result = import_from(settings, &legacy, source, dry_run).await;
    legacy.close().await;
    result
}

async fn import_from(
    settings: &Settings,
    legacy: &Legacy,
    source: String,
    dry_run: bool,
) -> anyhow::Result<Report> {
    let db = crate::db::connect(settings).await?;
    if dry_run {
        let pending = Migrator::get_pending_migrations(&db).await?;
        if !pending.is_empty() {
            anyhow::bail!(
                "the database has {} pending migrations; run `etikettdrucker migrate` first \
                 (a dry run writes nothing)",
                pending.len()
            );
        }
    } else {
        crate::db::migrate_up(&db).await?;
    }

    // Read everything before writing: the snapshot is consistent, and a table of the original
    // that cannot be read stops the import before anything is written.
    let user_rows = legacy.rows(source::USERS, users::COLUMNS).await?;
    let mut unit_rows = Vec::new();
    for definition in crate::inspection::products::all() {
        let table = source::product_table(&definition.key)
            .with_context(|| format!("no table of the original for {}", definition.key))?;
        let columns = units::columns(definition);
        let wanted: Vec<&str> = columns.iter().map(String::as_str).collect();
        unit_rows.push((definition, table, legacy.rows(table, &wanted).await?));
    }
    let zubehoer_rows = legacy
        .rows(source::ZUBEHOER, packaging::ZUBEHOER_COLUMNS)
        .await?;
    let carton_rows = legacy
        .rows(source::CARTONS, packaging::CARTON_COLUMNS)
        .await?;
    let entry_rows = legacy
        .rows(source::CARTON_ENTRIES, packaging::ENTRY_COLUMNS)
        .await?;
    let found = user_rows.is_some()
        || unit_rows.iter().any(|(_, _, rows)| rows.is_some())
        || zubehoer_rows.is_some()
        || carton_rows.is_some();
    if !found {
        anyhow::bail!(
            "{source} holds no table of the original system (expected e.g. {} or {})",
            source::USERS.display(),
            source::ZUBEHOER.display()
        );
    }

    let area = |key, title, table: Table, rows: &Option<Vec<_>>| {
        let mut area = Area::new(key, title, table.display());
        area.missing = rows.is_none();
        area
    };
    let tx = db.begin().await?;
    let mut areas = Vec::new();

    let mut users_area = area("users", "users", source::USERS, &user_rows);
    if let Some(rows) = &user_rows {
        users::import(&tx, rows, &mut users_area).await?;
    }
    areas.push(users_area);

    let inspectors = users::Inspectors::load(&tx).await?;
    for (definition, table, rows) in &unit_rows {
        let (key, title) = PRODUCT_AREAS
            .into_iter()
            .find(|(key, _)| *key == definition.key)
            .unwrap_or(("units", "units"));
        let mut unit_area = area(key, title, *table, rows);
        if let Some(rows) = rows {
            units::import(
                &tx,
                definition,
                &table.display(),
                rows,
                &inspectors,
                &mut unit_area,
            )
            .await?;
        }
        areas.push(unit_area);
    }

    let mut zubehoer_area = area(
        "zubehoer",
        "accessory labels",
        source::ZUBEHOER,
        &zubehoer_rows,
    );
    if let Some(rows) = &zubehoer_rows {
        packaging::import_zubehoer(&tx, rows, &mut zubehoer_area).await?;
    }
    areas.push(zubehoer_area);

    let mut carton_area = area("cartons", "outer cartons", source::CARTONS, &carton_rows);
    if let Some(rows) = &carton_rows {
        let entries = entry_rows.unwrap_or_default();
        packaging::import_cartons(&tx, rows, &entries, &mut carton_area).await?;
    }
    areas.push(carton_area);

    let mut report = Report {
        source,
        dry_run,
        areas,
        daily_days: None,
    };
    if dry_run {
        tx.rollback().await?;
    } else {
        tx.commit().await?;
        report.daily_days = Some(crate::dashboard::daily::rebuild(&db).await?);
    }
    db.close().await?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_show() {
        assert_eq!(
            masked("postgres://etikett:geheim@127.0.0.1:5432/alt"),
            "postgres://etikett:***@127.0.0.1:5432/alt"
        );
        assert_eq!(
            masked("postgres://etikett:p@ss@127.0.0.1/alt"),
            "postgres://etikett:***@127.0.0.1/alt"
        );
        assert_eq!(
            masked("postgres://127.0.0.1/alt?user=u&password=geheim&sslmode=disable"),
            "postgres://127.0.0.1/alt?user=u&password=***&sslmode=disable"
        );
        assert_eq!(
            masked("postgres://etikett@127.0.0.1/alt"),
            "postgres://etikett@127.0.0.1/alt"
        );
    }
}
