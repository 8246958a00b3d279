use sea_orm::entity::prelude::*;

/// Which app instance delivers a printer's jobs, until when.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "printer_leases")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub printer_id: i64,
    pub holder: String,
    pub expires_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
