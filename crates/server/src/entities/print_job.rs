use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "print_jobs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub printer_id: Option<i64>,
    pub printer_name: String,
    pub kind: String,
    pub reference: Option<String>,
    pub title: String,
    pub zpl: String,
    pub copies: i32,
    pub state: String,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub next_attempt_at: Option<DateTimeUtc>,
    /// The app instance sending it (while `sending`).
    pub locked_by: Option<String>,
    pub created_by: String,
    pub created_by_id: Option<i64>,
    pub reason: Option<String>,
    pub reprint_of: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub sent_at: Option<DateTimeUtc>,
    pub printed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
