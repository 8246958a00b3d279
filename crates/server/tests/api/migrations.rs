//! Data migrations on existing rows (SQLite, and PostgreSQL when reachable).

use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, Database, Statement};

use crate::helpers::{TestDatabase, TestResult};

#[tokio::test]
async fn the_variant_and_daily_count_migrations_fill_from_existing_units() -> TestResult {
    let dir = tempfile::tempdir()?;
    let postgres = match std::env::var("TEST_DATABASE_URL") {
        Ok(url) if !url.is_empty() => Some(TestDatabase::create(&url).await),
        _ => None,
    };
    let url = match &postgres {
        Some(db) => db.url.clone(),
        None => format!("sqlite://{}/m.db?mode=rwc", dir.path().display()),
    };
    let db = Database::connect(&url).await?;
    Migrator::up(&db, Some(6)).await?;
    for (product, serial, values_a, values_b) in [
        (
            "c2",
            "C2-M-1",
            r#"{"konfiguration":"RC"}"#,
            r#"'{"konfiguration":"DMG"}'"#,
        ),
        ("c2", "C2-M-2", r#"{"konfiguration":"EDU"}"#, "NULL"),
        ("cpro", "CP-M-1", r#"{"festplattengroesse":"TB_4"}"#, "NULL"),
        ("cbasic", "CB-M-1", r#"{"konfiguration":"RC"}"#, "NULL"),
    ] {
        db.execute_unprepared(&format!(
            "INSERT INTO inspections (product, serialnummer, status, produktionsjahr, datum, \
             values_a, values_b, pruefer_a, a_at, version, created_at, updated_at) VALUES \
             ('{product}', '{serial}', 'awaiting_b', '2026', '2026-11-26', '{values_a}', {values_b}, \
             'anna', '2026-11-26T08:00:00Z', 1, '2026-11-26T08:00:00Z', '2026-11-26T08:00:00Z')"
        ))
        .await?;
    }
    Migrator::up(&db, None).await?;
    let rows = db
        .query_all(Statement::from_string(
            db.get_database_backend(),
            "SELECT serialnummer, variant FROM inspections ORDER BY id",
        ))
        .await?;
    let variants: Vec<(String, Option<String>)> = rows
        .iter()
        .map(|row| {
            (
                row.try_get::<String>("", "serialnummer")
                    .unwrap_or_default(),
                row.try_get::<Option<String>>("", "variant")
                    .unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        variants,
        [
            ("C2-M-1".to_string(), Some("DMG".to_string())),
            ("C2-M-2".to_string(), Some("EDU".to_string())),
            ("CP-M-1".to_string(), Some("TB_4".to_string())),
            ("CB-M-1".to_string(), None),
        ],
        "B's final values win; C Basic has no variant"
    );
    // The daily counts start with every existing unit.
    let daily = db
        .query_all(Statement::from_string(
            db.get_database_backend(),
            "SELECT product, variant, pruefer_b, CAST(n AS BIGINT) AS n FROM inspection_daily \
             ORDER BY product, variant",
        ))
        .await?;
    let daily: Vec<(String, String, String, i64)> = daily
        .iter()
        .map(|row| {
            (
                row.try_get("", "product").unwrap_or_default(),
                row.try_get("", "variant").unwrap_or_default(),
                row.try_get("", "pruefer_b").unwrap_or_default(),
                row.try_get("", "n").unwrap_or_default(),
            )
        })
        .collect();
    let expected = [
        ("c2", "DMG", 1),
        ("c2", "EDU", 1),
        ("cbasic", "", 1),
        ("cpro", "TB_4", 1),
    ]
    .map(|(p, v, n)| (p.to_string(), v.to_string(), String::new(), n));
    assert_eq!(daily, expected);
    db.close().await?;
    if let Some(postgres) = postgres {
        postgres.drop_database().await;
    }
    Ok(())
}
