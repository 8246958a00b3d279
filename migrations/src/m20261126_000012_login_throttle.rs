//! The per-address login throttle moves from each instance's memory into the database, so several
//! instances behind a load balancer enforce one limit together: one row per client address with
//! the start of its current one-minute window (Unix milliseconds) and the attempts in it.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(LoginThrottle::Table)
                    .col(
                        ColumnDef::new(LoginThrottle::Address)
                            .string_len(64)
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(LoginThrottle::WindowStartMs)
                            .big_integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(LoginThrottle::Attempts).integer().not_null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(LoginThrottle::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum LoginThrottle {
    #[sea_orm(iden = "login_throttle")]
    Table,
    Address,
    WindowStartMs,
    Attempts,
}
