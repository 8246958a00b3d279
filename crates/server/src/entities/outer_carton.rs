use sea_orm::entity::prelude::*;

/// An outer carton; its lines are [`super::outer_carton_entry`].
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outer_cartons")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub lieferschein_number: Option<String>,
    pub created_by: String,
    pub created_by_id: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub updated_by: Option<String>,
    /// Raised by every change of the contents (optimistic concurrency).
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::outer_carton_entry::Entity")]
    Entries,
}

impl Related<super::outer_carton_entry::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Entries.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
