use sea_orm::entity::prelude::*;

/// A stored accessory label: one per delivery note.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "zubehoer_labels")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// As entered, trimmed.
    pub lieferscheinnummer: String,
    /// Trimmed and upper-cased; unique.
    #[sea_orm(unique)]
    pub lieferschein_key: String,
    /// The C-Extender serial, if one was given.
    pub serialnummer: Option<String>,
    /// JSON array of the lines (`PackItem`), ordered by article number.
    pub entries: String,
    pub created_by: String,
    pub created_by_id: Option<i64>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
