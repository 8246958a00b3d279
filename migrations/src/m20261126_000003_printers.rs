//! The printer registry: printers are registered by an admin; clients pick one by id.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Printer::Table)
                    .if_not_exists()
                    .col(
                        ColumnDef::new(Printer::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(Printer::Name)
                            .string_len(100)
                            .not_null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(Printer::Host).string_len(253).not_null())
                    .col(ColumnDef::new(Printer::Port).integer().not_null())
                    .col(ColumnDef::new(Printer::Dpi).integer().not_null())
                    .col(ColumnDef::new(Printer::LabelWidthMm).integer().not_null())
                    .col(ColumnDef::new(Printer::LabelHeightMm).integer().not_null())
                    .col(ColumnDef::new(Printer::Location).string_len(100).not_null())
                    .col(ColumnDef::new(Printer::Enabled).boolean().not_null())
                    .col(ColumnDef::new(Printer::IsDefault).boolean().not_null())
                    .col(
                        ColumnDef::new(Printer::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Printer::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(Printer::UpdatedBy).string_len(100).null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Printer::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Printer {
    #[sea_orm(iden = "printers")]
    Table,
    Id,
    Name,
    Host,
    Port,
    Dpi,
    LabelWidthMm,
    LabelHeightMm,
    Location,
    Enabled,
    IsDefault,
    CreatedAt,
    UpdatedAt,
    UpdatedBy,
}
