//! Database connection: PostgreSQL in production, an embedded SQLite file by default.

use std::time::Duration;

use migration::{Migrator, MigratorTrait};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseBackend, DatabaseConnection, DbErr,
    Statement, TransactionTrait, Value,
};
use secrecy::ExposeSecret;

use crate::settings::Settings;

/// Key of the PostgreSQL advisory lock that serialises migrations across app instances.
const MIGRATION_LOCK_KEY: i64 = 0x0045_5449_4b45_5454;

/// Opens the connection pool. Creates the data directory, which holds the default SQLite file.
/// `application_name` of the server's PostgreSQL sessions.
pub const APPLICATION_NAME: &str = "etikettdrucker";

pub async fn connect(settings: &Settings) -> anyhow::Result<DatabaseConnection> {
    std::fs::create_dir_all(&settings.data_dir).map_err(|e| {
        anyhow::anyhow!(
            "cannot create data directory {} (ETIKETT_DATA_DIR): {e}",
            settings.data_dir.display()
        )
    })?;
    let mut options = ConnectOptions::new(settings.database_url().expose_secret().to_owned());
    options
        .max_connections(settings.database.pool_size)
        .min_connections(1)
        .acquire_timeout(Duration::from_secs(settings.database.acquire_timeout_secs))
        .connect_timeout(Duration::from_secs(settings.database.acquire_timeout_secs))
        .sqlx_logging(false)
        // Servers name their sessions, so `restore` can tell whether one is using the database.
        .map_sqlx_postgres_opts(|opts| opts.application_name(APPLICATION_NAME))
        .map_sqlx_sqlite_opts(|opts| {
            opts.journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(10))
                .foreign_keys(true)
        });
    let db = Database::connect(options).await?;
    Ok(db)
}

/// Applies all pending migrations. On PostgreSQL an advisory lock makes concurrent starts of several
/// instances wait for each other instead of racing.
pub async fn migrate_up(db: &DatabaseConnection) -> Result<(), DbErr> {
    match db.get_database_backend() {
        DatabaseBackend::Postgres => {
            let lock = db.begin().await?;
            lock.execute(Statement::from_sql_and_values(
                DatabaseBackend::Postgres,
                "SELECT pg_advisory_xact_lock($1)",
                [MIGRATION_LOCK_KEY.into()],
            ))
            .await?;
            let result = Migrator::up(db, None).await;
            lock.commit().await?;
            result
        }
        _ => Migrator::up(db, None).await,
    }
}

/// `postgres` or `sqlite`.
pub fn backend_name(db: &DatabaseConnection) -> &'static str {
    match db.get_database_backend() {
        DatabaseBackend::Postgres => "postgres",
        DatabaseBackend::Sqlite => "sqlite",
        DatabaseBackend::MySql => "mysql",
    }
}

/// Pool occupancy for metrics: (open connections, idle connections, maximum).
pub fn pool_stats(db: &DatabaseConnection, max: u32) -> (u32, u32, u32) {
    match db {
        DatabaseConnection::SqlxPostgresPoolConnection(_) => {
            let pool = db.get_postgres_connection_pool();
            (pool.size(), pool.num_idle() as u32, max)
        }
        DatabaseConnection::SqlxSqlitePoolConnection(_) => {
            let pool = db.get_sqlite_connection_pool();
            (pool.size(), pool.num_idle() as u32, max)
        }
        _ => (0, 0, max),
    }
}

/// A raw statement written with `?` placeholders, numbered `$1, $2, …` for PostgreSQL.
pub fn statement(backend: DatabaseBackend, sql: &str, values: Vec<Value>) -> Statement {
    let sql = if backend == DatabaseBackend::Postgres {
        let mut numbered = String::with_capacity(sql.len() + 8);
        let mut n = 0;
        for c in sql.chars() {
            if c == '?' {
                n += 1;
                numbered.push_str(&format!("${n}"));
            } else {
                numbered.push(c);
            }
        }
        numbered
    } else {
        sql.to_owned()
    };
    Statement::from_sql_and_values(backend, sql, values)
}
