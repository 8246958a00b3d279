use sea_orm::entity::prelude::*;

/// Inspections counted per packaging day, product line, status, release, variant, article and
/// inspectors (empty text for none). Maintained by `dashboard::daily` in every inspection write.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "inspection_daily")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub datum: Date,
    #[sea_orm(primary_key, auto_increment = false)]
    pub product: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub status: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub released: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub variant: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub artikel_nummer: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub pruefer_a: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub pruefer_b: String,
    pub n: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
