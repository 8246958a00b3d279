//! The persistent print queue: one row per print job, and one lease per printer naming the app
//! instance that delivers that printer's jobs (several instances share one PostgreSQL).
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PrintJob::Table)
                    .if_not_exists()
                    .col(
                        ColumnDef::new(PrintJob::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(PrintJob::PrinterId).big_integer().null())
                    .col(
                        ColumnDef::new(PrintJob::PrinterName)
                            .string_len(100)
                            .not_null(),
                    )
                    .col(ColumnDef::new(PrintJob::Kind).string_len(20).not_null())
                    .col(ColumnDef::new(PrintJob::Reference).string_len(100).null())
                    .col(ColumnDef::new(PrintJob::Title).string_len(200).not_null())
                    .col(ColumnDef::new(PrintJob::Zpl).text().not_null())
                    .col(ColumnDef::new(PrintJob::Copies).integer().not_null())
                    .col(ColumnDef::new(PrintJob::State).string_len(20).not_null())
                    .col(ColumnDef::new(PrintJob::Attempts).integer().not_null())
                    .col(ColumnDef::new(PrintJob::LastError).text().null())
                    .col(
                        ColumnDef::new(PrintJob::NextAttemptAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(ColumnDef::new(PrintJob::LockedBy).string_len(200).null())
                    .col(
                        ColumnDef::new(PrintJob::CreatedBy)
                            .string_len(100)
                            .not_null(),
                    )
                    .col(ColumnDef::new(PrintJob::CreatedById).big_integer().null())
                    .col(ColumnDef::new(PrintJob::Reason).text().null())
                    .col(ColumnDef::new(PrintJob::ReprintOf).big_integer().null())
                    .col(
                        ColumnDef::new(PrintJob::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(PrintJob::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(PrintJob::SentAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(PrintJob::PrintedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_print_job_printer")
                            .from(PrintJob::Table, PrintJob::PrinterId)
                            .to(Printer::Table, Printer::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, columns) in [
            // The worker's question: the oldest active job of a printer.
            (
                "idx_print_job_printer_state",
                vec![PrintJob::PrinterId, PrintJob::State, PrintJob::Id],
            ),
            ("idx_print_job_state", vec![PrintJob::State]),
            ("idx_print_job_reference", vec![PrintJob::Reference]),
            ("idx_print_job_created", vec![PrintJob::CreatedAt]),
            ("idx_print_job_updated", vec![PrintJob::UpdatedAt]),
        ] {
            let mut index = Index::create();
            index.name(name).table(PrintJob::Table);
            for column in columns {
                index.col(column);
            }
            manager.create_index(index.to_owned()).await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(PrinterLease::Table)
                    .if_not_exists()
                    .col(
                        ColumnDef::new(PrinterLease::PrinterId)
                            .big_integer()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(PrinterLease::Holder)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(PrinterLease::ExpiresAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_printer_lease_printer")
                            .from(PrinterLease::Table, PrinterLease::PrinterId)
                            .to(Printer::Table, Printer::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PrinterLease::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(PrintJob::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Printer {
    #[sea_orm(iden = "printers")]
    Table,
    Id,
}

#[derive(DeriveIden)]
enum PrintJob {
    #[sea_orm(iden = "print_jobs")]
    Table,
    Id,
    PrinterId,
    PrinterName,
    Kind,
    Reference,
    Title,
    Zpl,
    Copies,
    State,
    Attempts,
    LastError,
    NextAttemptAt,
    LockedBy,
    CreatedBy,
    CreatedById,
    Reason,
    ReprintOf,
    CreatedAt,
    UpdatedAt,
    SentAt,
    PrintedAt,
}

#[derive(DeriveIden)]
enum PrinterLease {
    #[sea_orm(iden = "printer_leases")]
    Table,
    PrinterId,
    Holder,
    ExpiresAt,
}
