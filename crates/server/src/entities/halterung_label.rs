use sea_orm::entity::prelude::*;

/// A stored mount label.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "halterung_labels")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Packaging date printed on the label (plant time zone).
    pub datum: Date,
    /// JSON array of the lines (`PackItem`), ordered by article number.
    pub items: String,
    pub created_by: String,
    pub created_by_id: Option<i64>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
