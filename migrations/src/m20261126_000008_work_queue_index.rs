//! The work queues read units of one status oldest first, skipping the caller's own: an index on
//! (status, a_at, pruefer_a_id) answers that from the index alone instead of sorting every open
//! unit.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const NAME: &str = "idx_inspection_status_a_at";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(NAME)
                    .table(Inspection::Table)
                    .col(Inspection::Status)
                    .col(Inspection::AAt)
                    .col(Inspection::PrueferAId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name(NAME).table(Inspection::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum Inspection {
    #[sea_orm(iden = "inspections")]
    Table,
    Status,
    AAt,
    PrueferAId,
}
