//! The daily counts behind the home page (`inspection_daily`): every inspection write moves its unit
//! from the count it was in to the count it is in now, in the same transaction (`moved`: an upsert
//! of +1 and a -1, in key order so two writers cannot deadlock). `rebuild` counts everything afresh
//! from the units, one day and product line at a time under a transaction-scoped advisory lock on
//! PostgreSQL (after imports, or a change of the plant's time zone); a test checks that the moves
//! always equal a fresh count.

use chrono::{Datelike, NaiveDate};

use crate::db::statement;
use crate::entities::inspection;
use sea_orm::{ConnectionTrait, DatabaseBackend, DbErr, FromQueryResult, Statement, Value};

/// Advisory-lock namespace of the daily counts (distinct from the migration and queue locks).
const LOCK_BASE: i64 = 0x4554_4B44_0000_0000;

const GROUPS: &str = "datum, product, status, CASE WHEN override_at IS NULL THEN 0 ELSE 1 END, \
    COALESCE(variant, ''), COALESCE(artikel_nummer, ''), pruefer_a, COALESCE(pruefer_b, '')";

fn product_index(product: &str) -> i64 {
    ["cpro", "c2", "cbasic", "kk"]
        .iter()
        .position(|p| *p == product)
        .map_or(7, |i| i as i64)
}

/// What a unit is counted under.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct CountKey {
    datum: NaiveDate,
    product: String,
    status: String,
    released: i32,
    variant: String,
    artikel_nummer: String,
    pruefer_a: String,
    pruefer_b: String,
}

impl CountKey {
    pub fn of(row: &inspection::Model) -> Self {
        Self {
            datum: row.datum,
            product: row.product.clone(),
            status: row.status.clone(),
            released: i32::from(row.override_at.is_some()),
            variant: row.variant.clone().unwrap_or_default(),
            artikel_nummer: row.artikel_nummer.clone().unwrap_or_default(),
            pruefer_a: row.pruefer_a.clone(),
            pruefer_b: row.pruefer_b.clone().unwrap_or_default(),
        }
    }

    fn values(&self) -> Vec<Value> {
        vec![
            self.datum.into(),
            self.product.clone().into(),
            self.status.clone().into(),
            self.released.into(),
            self.variant.clone().into(),
            self.artikel_nummer.clone().into(),
            self.pruefer_a.clone().into(),
            self.pruefer_b.clone().into(),
        ]
    }
}

const KEY_COLUMNS: &str =
    "datum, product, status, released, variant, artikel_nummer, pruefer_a, pruefer_b";
const KEY_MATCH: &str = "datum = ? AND product = ? AND status = ? AND released = ? AND variant = ? \
    AND artikel_nummer = ? AND pruefer_a = ? AND pruefer_b = ?";

/// Moves a unit from the count of `before` (none: new) to the count of `after`; call inside the
/// transaction that wrote it, with the row as it was and as it is now.
pub async fn moved<C: ConnectionTrait>(
    conn: &C,
    before: Option<&inspection::Model>,
    after: Option<&inspection::Model>,
) -> Result<(), DbErr> {
    let before = before.map(CountKey::of);
    let after = after.map(CountKey::of);
    if before == after {
        return Ok(());
    }
    let mut moves: Vec<(CountKey, bool)> = before
        .into_iter()
        .map(|key| (key, false))
        .chain(after.into_iter().map(|key| (key, true)))
        .collect();
    moves.sort();
    let backend = conn.get_database_backend();
    for (key, add) in moves {
        if add {
            conn.execute(statement(
                backend,
                &format!(
                    "INSERT INTO inspection_daily ({KEY_COLUMNS}, n) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1) \
                     ON CONFLICT ({KEY_COLUMNS}) DO UPDATE SET n = inspection_daily.n + 1"
                ),
                key.values(),
            ))
            .await?;
        } else {
            conn.execute(statement(
                backend,
                &format!("UPDATE inspection_daily SET n = n - 1 WHERE {KEY_MATCH}"),
                key.values(),
            ))
            .await?;
            conn.execute(statement(
                backend,
                &format!("DELETE FROM inspection_daily WHERE {KEY_MATCH} AND n <= 0"),
                key.values(),
            ))
            .await?;
        }
    }
    Ok(())
}

/// Counts day `datum` of `product` afresh from the units, inside a transaction.
async fn refresh<C: ConnectionTrait>(
    conn: &C,
    datum: NaiveDate,
    product: &str,
) -> Result<(), DbErr> {
    let backend = conn.get_database_backend();
    if backend == DatabaseBackend::Postgres {
        let key = LOCK_BASE + (i64::from(datum.num_days_from_ce()) << 3) + product_index(product);
        conn.execute(statement(
            backend,
            "SELECT pg_advisory_xact_lock(?)",
            vec![key.into()],
        ))
        .await?;
    }
    conn.execute(statement(
        backend,
        "DELETE FROM inspection_daily WHERE datum = ? AND product = ?",
        vec![datum.into(), product.into()],
    ))
    .await?;
    conn.execute(statement(
        backend,
        &format!(
            "INSERT INTO inspection_daily \
             (datum, product, status, released, variant, artikel_nummer, pruefer_a, pruefer_b, n) \
             SELECT {GROUPS}, COUNT(*) FROM inspections WHERE datum = ? AND product = ? \
             GROUP BY {GROUPS}"
        ),
        vec![datum.into(), product.into()],
    ))
    .await?;
    Ok(())
}

#[derive(Debug, FromQueryResult)]
struct DayOfProduct {
    datum: NaiveDate,
    product: String,
}

/// Counts every unit afresh (after rows were written outside the workflow: imports, tests, a new
/// plant time zone), one day and product line at a time, so the server may keep writing meanwhile.
pub async fn rebuild(conn: &sea_orm::DatabaseConnection) -> Result<usize, DbErr> {
    use sea_orm::TransactionTrait;
    let backend = conn.get_database_backend();
    let pairs = DayOfProduct::find_by_statement(Statement::from_string(
        backend,
        "SELECT datum, product FROM inspections UNION SELECT datum, product FROM inspection_daily",
    ))
    .all(conn)
    .await?;
    for pair in &pairs {
        let tx = conn.begin().await?;
        refresh(&tx, pair.datum, &pair.product).await?;
        tx.commit().await?;
    }
    Ok(pairs.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_for_postgres_only() {
        let sql = "DELETE FROM t WHERE a = ? AND b = ?";
        let pg = statement(DatabaseBackend::Postgres, sql, vec![1.into(), 2.into()]);
        assert_eq!(pg.sql, "DELETE FROM t WHERE a = $1 AND b = $2");
        let lite = statement(DatabaseBackend::Sqlite, sql, vec![1.into(), 2.into()]);
        assert_eq!(lite.sql, sql);
    }
}
