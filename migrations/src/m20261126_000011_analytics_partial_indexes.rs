//! The failure Pareto reads failed units and the disagreement report units with differences, a few
//! per cent of all: partial indexes by completion time find them without scanning every unit
//! (PostgreSQL and SQLite both support `CREATE INDEX … WHERE`).
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared(
            "CREATE INDEX idx_inspection_failed_b_at ON inspections (b_at) WHERE status = 'failed'",
        )
        .await?;
        db.execute_unprepared(
            "CREATE INDEX idx_inspection_differences_b_at ON inspections (b_at) \
             WHERE differences IS NOT NULL AND differences <> '[]'",
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared("DROP INDEX idx_inspection_differences_b_at")
            .await?;
        db.execute_unprepared("DROP INDEX idx_inspection_failed_b_at")
            .await?;
        Ok(())
    }
}
