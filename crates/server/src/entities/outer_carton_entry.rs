use sea_orm::entity::prelude::*;

/// One line of an outer carton.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outer_carton_entries")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub outer_karton_id: i64,
    /// Packing order, from 0.
    pub position: i32,
    pub artikelnummer: String,
    pub artikelbezeichnung: String,
    pub menge: i32,
    pub serialnummer: Option<String>,
    /// The inspected unit on this line; a unit is in one carton only.
    #[sea_orm(unique)]
    pub inspection_id: Option<i64>,
    pub override_reason: Option<String>,
    pub override_by: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::outer_carton::Entity",
        from = "Column::OuterKartonId",
        to = "super::outer_carton::Column::Id",
        on_delete = "Cascade"
    )]
    Carton,
}

impl Related<super::outer_carton::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Carton.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
