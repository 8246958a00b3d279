//! Packaging: the article catalogue (seeded with the original's 11 accessories and 5 mounts), stored
//! accessory labels (one per delivery note, unique), stored mount labels, and outer cartons with
//! their lines. A unit can be in one carton only (unique `inspection_id` on the lines).
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The original's catalogues (packaging spec §3.1, §3.2) in display order: number, exact
/// description, display group, carries a serial.
const ARTICLES: [(&str, &str, &str, &str, bool); 16] = [
    (
        "zubehoer",
        "10370",
        "Rotoclear C-Extender",
        "C-Extender",
        true,
    ),
    (
        "zubehoer",
        "10413",
        "Halterung fuer Rotoclear C-Extender",
        "C-Extender",
        false,
    ),
    (
        "zubehoer",
        "10035",
        "Datenkabel mit 2x M12-Stecker (10m)",
        "Datenkabel",
        false,
    ),
    (
        "zubehoer",
        "10036",
        "Datenkabel mit 2x M12-Stecker (20m)",
        "Datenkabel",
        false,
    ),
    (
        "zubehoer",
        "10358",
        "Datenkabel mit 2x M12-Stecker (männlich - weiblich), x-kodiert. Länge: 20m",
        "Datenkabel",
        false,
    ),
    ("zubehoer", "10091", "Stromkabel (2m)", "Extras", false),
    (
        "zubehoer",
        "10343",
        "Netzteil 230V -> 24V fuer Rotoclear Produkte",
        "Extras",
        false,
    ),
    (
        "zubehoer",
        "10344",
        "Schutzschlauchsystem 1,5m fuer Flex-Armhalter",
        "Extras",
        false,
    ),
    (
        "zubehoer",
        "10086",
        "Ersatzscheibe (rotierende Scheibe) fuer Kamerakopf",
        "Extras",
        false,
    ),
    (
        "zubehoer",
        "10038",
        "Sperrluftleitung 5m (6x1mm)",
        "Extras",
        false,
    ),
    (
        "zubehoer",
        "10299",
        "Durchgangsventil fuer Sperrluftschlauch 6mm",
        "Extras",
        false,
    ),
    (
        "halterung",
        "10144",
        "Flex-Armhalter (Blecheinbau)",
        "Halterung KK",
        false,
    ),
    (
        "halterung",
        "10178",
        "Flex-Armhalter (Vorwandmontage)",
        "Halterung KK",
        false,
    ),
    (
        "halterung",
        "10222",
        "Flex-Armhalter (Magnethalter)",
        "Halterung KK",
        false,
    ),
    (
        "halterung",
        "10229",
        "Kugelhalterung",
        "Halterung KK",
        false,
    ),
    (
        "halterung",
        "10147",
        "Verlängerungsstück fuer Flex-Armhalterung",
        "Halterung KK",
        false,
    ),
];

fn id<T: IntoIden>(column: T) -> ColumnDef {
    ColumnDef::new(column)
        .big_integer()
        .not_null()
        .auto_increment()
        .primary_key()
        .to_owned()
}

fn time<T: IntoIden>(column: T) -> ColumnDef {
    ColumnDef::new(column)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

fn text<T: IntoIden>(column: T, len: u32) -> ColumnDef {
    ColumnDef::new(column).string_len(len).not_null().to_owned()
}

fn optional<T: IntoIden>(column: T, len: u32) -> ColumnDef {
    ColumnDef::new(column).string_len(len).null().to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Article::Table)
                    .if_not_exists()
                    .col(id(Article::Id))
                    .col(text(Article::Artikelnummer, 40))
                    .col(text(Article::Artikelbezeichnung, 200))
                    .col(text(Article::Category, 20))
                    .col(text(Article::Gruppe, 60))
                    .col(ColumnDef::new(Article::HasSerial).boolean().not_null())
                    .col(ColumnDef::new(Article::Active).boolean().not_null())
                    .col(ColumnDef::new(Article::SortOrder).integer().not_null())
                    .col(time(Article::CreatedAt))
                    .col(time(Article::UpdatedAt))
                    .col(optional(Article::UpdatedBy, 100))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_article_number")
                    .table(Article::Table)
                    .col(Article::Artikelnummer)
                    .unique()
                    .to_owned(),
            )
            .await?;
        let mut seed = Query::insert();
        seed.into_table(Article::Table).columns([
            Article::Artikelnummer,
            Article::Artikelbezeichnung,
            Article::Category,
            Article::Gruppe,
            Article::HasSerial,
            Article::Active,
            Article::SortOrder,
            Article::CreatedAt,
            Article::UpdatedAt,
        ]);
        for (order, (category, number, description, group, serial)) in
            ARTICLES.into_iter().enumerate()
        {
            let order = <i32 as TryFrom<usize>>::try_from(order * 10).unwrap_or(i32::MAX);
            seed.values_panic([
                number.into(),
                description.into(),
                category.into(),
                group.into(),
                serial.into(),
                true.into(),
                order.into(),
                Expr::current_timestamp().into(),
                Expr::current_timestamp().into(),
            ]);
        }
        manager.exec_stmt(seed).await?;

        manager
            .create_table(
                Table::create()
                    .table(ZubehoerLabel::Table)
                    .if_not_exists()
                    .col(id(ZubehoerLabel::Id))
                    .col(text(ZubehoerLabel::Lieferscheinnummer, 100))
                    .col(text(ZubehoerLabel::LieferscheinKey, 100))
                    .col(optional(ZubehoerLabel::Serialnummer, 64))
                    .col(ColumnDef::new(ZubehoerLabel::Entries).text().not_null())
                    .col(text(ZubehoerLabel::CreatedBy, 100))
                    .col(
                        ColumnDef::new(ZubehoerLabel::CreatedById)
                            .big_integer()
                            .null(),
                    )
                    .col(time(ZubehoerLabel::CreatedAt))
                    .to_owned(),
            )
            .await?;
        for (name, column, unique) in [
            (
                "uq_zubehoer_lieferschein",
                ZubehoerLabel::LieferscheinKey,
                true,
            ),
            ("idx_zubehoer_serial", ZubehoerLabel::Serialnummer, false),
            ("idx_zubehoer_created", ZubehoerLabel::CreatedAt, false),
        ] {
            let mut index = Index::create();
            index.name(name).table(ZubehoerLabel::Table).col(column);
            if unique {
                index.unique();
            }
            manager.create_index(index.to_owned()).await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(HalterungLabel::Table)
                    .if_not_exists()
                    .col(id(HalterungLabel::Id))
                    .col(ColumnDef::new(HalterungLabel::Datum).date().not_null())
                    .col(ColumnDef::new(HalterungLabel::Items).text().not_null())
                    .col(text(HalterungLabel::CreatedBy, 100))
                    .col(
                        ColumnDef::new(HalterungLabel::CreatedById)
                            .big_integer()
                            .null(),
                    )
                    .col(time(HalterungLabel::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_halterung_created")
                    .table(HalterungLabel::Table)
                    .col(HalterungLabel::CreatedAt)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(OuterCarton::Table)
                    .if_not_exists()
                    .col(id(OuterCarton::Id))
                    .col(optional(OuterCarton::LieferscheinNumber, 100))
                    .col(text(OuterCarton::CreatedBy, 100))
                    .col(
                        ColumnDef::new(OuterCarton::CreatedById)
                            .big_integer()
                            .null(),
                    )
                    .col(time(OuterCarton::CreatedAt))
                    .col(time(OuterCarton::UpdatedAt))
                    .col(optional(OuterCarton::UpdatedBy, 100))
                    .col(ColumnDef::new(OuterCarton::Version).integer().not_null())
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("idx_carton_lieferschein", OuterCarton::LieferscheinNumber),
            ("idx_carton_created", OuterCarton::CreatedAt),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(OuterCarton::Table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(CartonEntry::Table)
                    .if_not_exists()
                    .col(id(CartonEntry::Id))
                    .col(
                        ColumnDef::new(CartonEntry::OuterKartonId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(CartonEntry::Position).integer().not_null())
                    .col(text(CartonEntry::Artikelnummer, 40))
                    .col(text(CartonEntry::Artikelbezeichnung, 200))
                    .col(ColumnDef::new(CartonEntry::Menge).integer().not_null())
                    .col(optional(CartonEntry::Serialnummer, 64))
                    .col(
                        ColumnDef::new(CartonEntry::InspectionId)
                            .big_integer()
                            .null(),
                    )
                    .col(ColumnDef::new(CartonEntry::OverrideReason).text().null())
                    .col(optional(CartonEntry::OverrideBy, 100))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_carton_entry_carton")
                            .from(CartonEntry::Table, CartonEntry::OuterKartonId)
                            .to(OuterCarton::Table, OuterCarton::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        let indexes: [(&str, Vec<CartonEntry>, bool); 3] = [
            (
                "idx_carton_entry_carton",
                vec![CartonEntry::OuterKartonId, CartonEntry::Position],
                false,
            ),
            (
                "idx_carton_entry_serial",
                vec![CartonEntry::Serialnummer],
                false,
            ),
            // NULLs are distinct in both databases: only lines with a unit are constrained.
            (
                "uq_carton_entry_inspection",
                vec![CartonEntry::InspectionId],
                true,
            ),
        ];
        for (name, columns, unique) in indexes {
            let mut index = Index::create();
            index.name(name).table(CartonEntry::Table);
            if unique {
                index.unique();
            }
            for column in columns {
                index.col(column);
            }
            manager.create_index(index.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            CartonEntry::Table.into_iden(),
            OuterCarton::Table.into_iden(),
            HalterungLabel::Table.into_iden(),
            ZubehoerLabel::Table.into_iden(),
            Article::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum Article {
    #[sea_orm(iden = "articles")]
    Table,
    Id,
    Artikelnummer,
    Artikelbezeichnung,
    Category,
    Gruppe,
    HasSerial,
    Active,
    SortOrder,
    CreatedAt,
    UpdatedAt,
    UpdatedBy,
}

#[derive(DeriveIden, Clone, Copy)]
enum ZubehoerLabel {
    #[sea_orm(iden = "zubehoer_labels")]
    Table,
    Id,
    Lieferscheinnummer,
    /// Trimmed and upper-cased: `ls-4711` and `LS-4711 ` are the same delivery note.
    LieferscheinKey,
    Serialnummer,
    Entries,
    CreatedBy,
    CreatedById,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum HalterungLabel {
    #[sea_orm(iden = "halterung_labels")]
    Table,
    Id,
    Datum,
    Items,
    CreatedBy,
    CreatedById,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum OuterCarton {
    #[sea_orm(iden = "outer_cartons")]
    Table,
    Id,
    LieferscheinNumber,
    CreatedBy,
    CreatedById,
    CreatedAt,
    UpdatedAt,
    UpdatedBy,
    Version,
}

#[derive(DeriveIden, Clone, Copy)]
enum CartonEntry {
    #[sea_orm(iden = "outer_carton_entries")]
    Table,
    Id,
    OuterKartonId,
    Position,
    Artikelnummer,
    Artikelbezeichnung,
    Menge,
    Serialnummer,
    InspectionId,
    OverrideReason,
    OverrideBy,
}
