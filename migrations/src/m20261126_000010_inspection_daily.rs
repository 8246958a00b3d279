//! Daily counts of inspections per product line, status, release, variant, article and inspectors,
//! kept in the same transaction as every inspection write: the home page's plant-wide figures sum a
//! few thousand of these rows instead of reading every unit. Existing units are counted here.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Counts every unit; the server's refresh runs the same statement for one day and product line.
const BACKFILL: &str = "INSERT INTO inspection_daily \
    (datum, product, status, released, variant, artikel_nummer, pruefer_a, pruefer_b, n) \
    SELECT datum, product, status, CASE WHEN override_at IS NULL THEN 0 ELSE 1 END, \
    COALESCE(variant, ''), COALESCE(artikel_nummer, ''), pruefer_a, COALESCE(pruefer_b, ''), COUNT(*) \
    FROM inspections \
    GROUP BY datum, product, status, CASE WHEN override_at IS NULL THEN 0 ELSE 1 END, \
    COALESCE(variant, ''), COALESCE(artikel_nummer, ''), pruefer_a, COALESCE(pruefer_b, '')";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Daily::Table)
                    .col(ColumnDef::new(Daily::Datum).date().not_null())
                    .col(ColumnDef::new(Daily::Product).string().not_null())
                    .col(ColumnDef::new(Daily::Status).string().not_null())
                    .col(ColumnDef::new(Daily::Released).integer().not_null())
                    .col(ColumnDef::new(Daily::Variant).string().not_null())
                    .col(ColumnDef::new(Daily::ArtikelNummer).string().not_null())
                    .col(ColumnDef::new(Daily::PrueferA).string().not_null())
                    .col(ColumnDef::new(Daily::PrueferB).string().not_null())
                    .col(ColumnDef::new(Daily::N).big_integer().not_null())
                    .primary_key(
                        Index::create()
                            .col(Daily::Datum)
                            .col(Daily::Product)
                            .col(Daily::Status)
                            .col(Daily::Released)
                            .col(Daily::Variant)
                            .col(Daily::ArtikelNummer)
                            .col(Daily::PrueferA)
                            .col(Daily::PrueferB),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared(BACKFILL)
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Daily::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum Daily {
    #[sea_orm(iden = "inspection_daily")]
    Table,
    Datum,
    Product,
    Status,
    Released,
    Variant,
    ArtikelNummer,
    PrueferA,
    PrueferB,
    N,
}
