//! Inspections of all product lines in one table (the engine is generic; the product definition says
//! what the values mean), with A's and B's values kept apart, and the trail of every change.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let time = |column: Inspection| {
            ColumnDef::new(column)
                .timestamp_with_time_zone()
                .null()
                .to_owned()
        };
        let text =
            |column: Inspection, len: u32| ColumnDef::new(column).string_len(len).null().to_owned();
        manager
            .create_table(
                Table::create()
                    .table(Inspection::Table)
                    .if_not_exists()
                    .col(
                        ColumnDef::new(Inspection::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(Inspection::Product)
                            .string_len(20)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Inspection::Serialnummer)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(ColumnDef::new(Inspection::Status).string_len(20).not_null())
                    .col(text(Inspection::ArtikelNummer, 20))
                    .col(text(Inspection::ArtikelBezeichnung, 200))
                    .col(text(Inspection::BaNummer, 50))
                    .col(
                        ColumnDef::new(Inspection::Produktionsjahr)
                            .string_len(4)
                            .not_null(),
                    )
                    .col(ColumnDef::new(Inspection::Datum).date().not_null())
                    .col(ColumnDef::new(Inspection::ValuesA).text().not_null())
                    .col(ColumnDef::new(Inspection::ValuesB).text().null())
                    .col(ColumnDef::new(Inspection::Differences).text().null())
                    .col(ColumnDef::new(Inspection::FailedChecks).text().null())
                    .col(ColumnDef::new(Inspection::PrueferAId).big_integer().null())
                    .col(
                        ColumnDef::new(Inspection::PrueferA)
                            .string_len(100)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Inspection::AAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(Inspection::PrueferBId).big_integer().null())
                    .col(text(Inspection::PrueferB, 100))
                    .col(time(Inspection::BStartedAt))
                    .col(time(Inspection::BAt))
                    .col(text(Inspection::OverrideBy, 100))
                    .col(ColumnDef::new(Inspection::OverrideReason).text().null())
                    .col(time(Inspection::OverrideAt))
                    .col(ColumnDef::new(Inspection::Version).integer().not_null())
                    .col(
                        ColumnDef::new(Inspection::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Inspection::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        let indexes: [(&str, Vec<Inspection>, bool); 6] = [
            (
                "uq_inspection_product_serial",
                vec![Inspection::Product, Inspection::Serialnummer],
                true,
            ),
            (
                "idx_inspection_serial",
                vec![Inspection::Serialnummer],
                false,
            ),
            (
                "idx_inspection_product_status",
                vec![
                    Inspection::Product,
                    Inspection::Status,
                    Inspection::CreatedAt,
                ],
                false,
            ),
            ("idx_inspection_created", vec![Inspection::CreatedAt], false),
            (
                "idx_inspection_pruefer_a",
                vec![Inspection::PrueferAId],
                false,
            ),
            (
                "idx_inspection_pruefer_b",
                vec![Inspection::PrueferBId],
                false,
            ),
        ];
        for (name, columns, unique) in indexes {
            let mut index = Index::create();
            index.name(name).table(Inspection::Table);
            if unique {
                index.unique();
            }
            for column in columns {
                index.col(column);
            }
            manager.create_index(index.to_owned()).await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(InspectionEvent::Table)
                    .if_not_exists()
                    .col(
                        ColumnDef::new(InspectionEvent::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(InspectionEvent::InspectionId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(InspectionEvent::Action)
                            .string_len(40)
                            .not_null(),
                    )
                    .col(ColumnDef::new(InspectionEvent::UserId).big_integer().null())
                    .col(
                        ColumnDef::new(InspectionEvent::Username)
                            .string_len(100)
                            .not_null(),
                    )
                    .col(ColumnDef::new(InspectionEvent::Details).text().not_null())
                    .col(
                        ColumnDef::new(InspectionEvent::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_inspection_event_inspection")
                            .from(InspectionEvent::Table, InspectionEvent::InspectionId)
                            .to(Inspection::Table, Inspection::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_inspection_event_inspection")
                    .table(InspectionEvent::Table)
                    .col(InspectionEvent::InspectionId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(InspectionEvent::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Inspection::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum Inspection {
    #[sea_orm(iden = "inspections")]
    Table,
    Id,
    Product,
    Serialnummer,
    Status,
    ArtikelNummer,
    ArtikelBezeichnung,
    BaNummer,
    Produktionsjahr,
    Datum,
    ValuesA,
    ValuesB,
    Differences,
    FailedChecks,
    PrueferAId,
    PrueferA,
    AAt,
    PrueferBId,
    PrueferB,
    BStartedAt,
    BAt,
    OverrideBy,
    OverrideReason,
    OverrideAt,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum InspectionEvent {
    #[sea_orm(iden = "inspection_events")]
    Table,
    Id,
    InspectionId,
    Action,
    UserId,
    Username,
    Details,
    CreatedAt,
}
