use sea_orm::entity::prelude::*;

/// One unit's inspection, any product line. `values_a`/`values_b` are JSON objects of the product
/// definition's fields; `differences` and `failed_checks` are JSON arrays computed at completion.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "inspections")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub product: String,
    pub serialnummer: String,
    pub status: String,
    pub artikel_nummer: Option<String>,
    pub artikel_bezeichnung: Option<String>,
    pub ba_nummer: Option<String>,
    pub produktionsjahr: String,
    /// Packaging date (plant time zone): A's date until B completes, then B's.
    pub datum: Date,
    pub values_a: String,
    pub values_b: Option<String>,
    pub differences: Option<String>,
    pub failed_checks: Option<String>,
    pub pruefer_a_id: Option<i64>,
    pub pruefer_a: String,
    pub a_at: DateTimeUtc,
    pub pruefer_b_id: Option<i64>,
    pub pruefer_b: Option<String>,
    pub b_started_at: Option<DateTimeUtc>,
    pub b_at: Option<DateTimeUtc>,
    pub override_by: Option<String>,
    pub override_reason: Option<String>,
    pub override_at: Option<DateTimeUtc>,
    /// The unit's variant for statistics (C Pro disk size, C2 configuration, KK optics).
    pub variant: Option<String>,
    /// Incremented by every change; updates name the version they read.
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
