//! The variant of a unit (C Pro disk size, C2 configuration, KK number of optics) as a column, so the
//! dashboards count it without reading every unit's values; and an index for counting by packaging
//! date. Existing units get their variant from their stored values.
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Product line → the field whose value is the unit's variant.
const VARIANT_FIELDS: [(&str, &str); 3] = [
    ("cpro", "festplattengroesse"),
    ("c2", "konfiguration"),
    ("kk", "anzahl_optiken"),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Inspection::Table)
                    .add_column(ColumnDef::new(Inspection::Variant).string_len(40).null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_inspection_product_datum")
                    .table(Inspection::Table)
                    .col(Inspection::Product)
                    .col(Inspection::Datum)
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        for (product, field) in VARIANT_FIELDS {
            // The final values are B's merged values once B completed, else A's.
            let sql = match db.get_database_backend() {
                DatabaseBackend::Postgres => format!(
                    "UPDATE inspections SET variant = COALESCE(values_b::json->>'{field}', values_a::json->>'{field}') WHERE product = '{product}'"
                ),
                _ => format!(
                    "UPDATE inspections SET variant = COALESCE(json_extract(values_b, '$.{field}'), json_extract(values_a, '$.{field}')) WHERE product = '{product}'"
                ),
            };
            db.execute_unprepared(&sql).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_inspection_product_datum")
                    .table(Inspection::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Inspection::Table)
                    .drop_column(Inspection::Variant)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum Inspection {
    #[sea_orm(iden = "inspections")]
    Table,
    Variant,
    Product,
    Datum,
}
