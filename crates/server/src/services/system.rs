//! The administrators' system overview: what is stored, how big the database is, which schema it
//! has, when it was last backed up and how the print queue stands.

use std::path::Path;

use api_types::analytics::{AreaCount, BackupInfo, QueueState, SystemOverview};
use chrono::{DateTime, Utc};
use migration::{Migrator, MigratorTrait};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, FromQueryResult, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Statement,
};

use crate::entities::{
    api_token, article, halterung_label, inspection, inspection_event, outer_carton,
    outer_carton_entry, print_job, printer, security_event, session, user, zubehoer_label,
};
use crate::error::ApiResult;
use crate::inspection::products;
use crate::services::users::rfc3339;
use crate::startup::AppState;

/// Folder of the backups under the data directory.
pub const BACKUP_DIR: &str = "backups";

#[derive(Debug, FromQueryResult)]
struct ProductCount {
    product: String,
    n: i64,
}

#[derive(Debug, FromQueryResult)]
struct StateCount {
    state: String,
    n: i64,
}

#[derive(Debug, FromQueryResult)]
struct Size {
    n: Option<i64>,
}

fn area(key: &str, label_de: &str, label_en: &str, count: u64) -> AreaCount {
    AreaCount {
        key: key.to_owned(),
        label_de: label_de.to_owned(),
        label_en: label_en.to_owned(),
        count,
    }
}

fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or_default()
}

pub async fn overview(state: &AppState) -> ApiResult<SystemOverview> {
    let db = &state.db;
    let now = Utc::now();
    let per_product = inspection::Entity::find()
        .select_only()
        .column(inspection::Column::Product)
        .column_as(Expr::cust("COUNT(*)"), "n")
        .group_by(inspection::Column::Product)
        .into_model::<ProductCount>()
        .all(db)
        .await?;
    let mut counts = Vec::new();
    for definition in products::all() {
        let n = per_product
            .iter()
            .find(|p| p.product == definition.key)
            .map_or(0, |p| count(p.n));
        // "C2 Steuerrechner", "KK Kamerakopf".
        counts.push(area(
            &format!("inspections.{}", definition.key),
            &format!("Prüfungen {} {}", definition.name, definition.kind_de),
            &format!("Inspections {} {}", definition.name, definition.kind_en),
            n,
        ));
    }
    counts.push(area(
        "inspection_events",
        "Einträge im Prüfprotokoll",
        "Inspection trail entries",
        inspection_event::Entity::find().count(db).await?,
    ));
    counts.push(area(
        "zubehoer_labels",
        "Zubehör-Etiketten",
        "Accessory labels",
        zubehoer_label::Entity::find().count(db).await?,
    ));
    counts.push(area(
        "halterung_labels",
        "Halterungsetiketten",
        "Mount labels",
        halterung_label::Entity::find().count(db).await?,
    ));
    counts.push(area(
        "outer_cartons",
        "Außenkartons",
        "Outer cartons",
        outer_carton::Entity::find().count(db).await?,
    ));
    counts.push(area(
        "outer_carton_entries",
        "Karton-Einträge",
        "Carton lines",
        outer_carton_entry::Entity::find().count(db).await?,
    ));
    counts.push(area(
        "articles",
        "Artikel",
        "Articles",
        article::Entity::find().count(db).await?,
    ));
    counts.push(area(
        "print_jobs",
        "Druckaufträge",
        "Print jobs",
        print_job::Entity::find().count(db).await?,
    ));
    counts.push(area(
        "printers",
        "Drucker",
        "Printers",
        printer::Entity::find().count(db).await?,
    ));
    counts.push(area(
        "users",
        "Benutzer",
        "Users",
        user::Entity::find().count(db).await?,
    ));
    counts.push(area(
        "sessions.active",
        "Aktive Sitzungen",
        "Active sessions",
        session::Entity::find()
            .filter(session::Column::ExpiresAt.gt(now))
            .count(db)
            .await?,
    ));
    counts.push(area(
        "api_tokens",
        "API-Tokens",
        "API tokens",
        api_token::Entity::find().count(db).await?,
    ));
    counts.push(area(
        "security_events",
        "Sicherheitsereignisse",
        "Security events",
        security_event::Entity::find().count(db).await?,
    ));

    let applied = Migrator::get_applied_migrations(db).await?;
    let backend = db.get_database_backend();
    let size_sql = match backend {
        DatabaseBackend::Postgres => {
            "SELECT CAST(pg_database_size(current_database()) AS BIGINT) AS n"
        }
        _ => "SELECT page_count * page_size AS n FROM pragma_page_count(), pragma_page_size()",
    };
    let size = Size::find_by_statement(Statement::from_string(backend, size_sql))
        .one(db)
        .await?
        .and_then(|s| s.n)
        .and_then(|n| u64::try_from(n).ok());

    let states = print_job::Entity::find()
        .select_only()
        .column(print_job::Column::State)
        .column_as(Expr::cust("COUNT(*)"), "n")
        .group_by(print_job::Column::State)
        .into_model::<StateCount>()
        .all(db)
        .await?;
    let of = |name: &str| {
        states
            .iter()
            .find(|s| s.state == name)
            .map_or(0, |s| count(s.n))
    };
    let oldest = print_job::Entity::find()
        .filter(print_job::Column::State.is_in(["queued", "sending"]))
        .order_by_asc(print_job::Column::CreatedAt)
        .one(db)
        .await?;
    let backup_dir = state.settings.data_dir.join(BACKUP_DIR);
    Ok(SystemOverview {
        version: crate::VERSION.to_owned(),
        database_backend: match backend {
            DatabaseBackend::Postgres => "postgres",
            DatabaseBackend::MySql => "mysql",
            DatabaseBackend::Sqlite => "sqlite",
        }
        .to_owned(),
        database_bytes: size,
        schema_version: applied.last().map(|m| m.name().to_owned()),
        migrations_applied: applied.len() as u64,
        last_backup: newest_file(&backup_dir),
        backup_dir: backup_dir.display().to_string(),
        counts,
        queue: QueueState {
            queued: of("queued"),
            sending: of("sending"),
            failed: of("failed"),
            printed: of("printed"),
            oldest_waiting_seconds: oldest
                .map(|job| u64::try_from((now - job.created_at).num_seconds()).unwrap_or_default()),
        },
        started_at: rfc3339(state.started_at),
        generated_at: rfc3339(now),
    })
}

/// The most recently modified file in `dir`, if any.
pub fn newest_file(dir: &Path) -> Option<BackupInfo> {
    let entries = std::fs::read_dir(dir).ok()?;
    entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let meta = entry.metadata().ok()?;
            if !meta.is_file() {
                return None;
            }
            let modified: DateTime<Utc> = meta.modified().ok()?.into();
            Some((modified, entry.file_name(), meta.len()))
        })
        .max_by_key(|(modified, _, _)| *modified)
        .map(|(modified, name, bytes)| BackupInfo {
            file: name.to_string_lossy().into_owned(),
            bytes,
            modified_at: rfc3339(modified),
        })
}
