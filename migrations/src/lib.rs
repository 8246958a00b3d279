//! Schema migrations. One `mYYYYMMDD_NNNNNN_name.rs` per change; a landed migration is never edited.
//! Every migration uses backend-neutral schema statements so it runs on PostgreSQL and SQLite.
#![forbid(unsafe_code)]

pub use sea_orm_migration::prelude::*;

mod m20261126_000001_app_settings_and_audit;
mod m20261126_000002_users_sessions_tokens_events;
mod m20261126_000003_printers;
mod m20261126_000004_print_jobs;
mod m20261126_000005_inspections;
mod m20261126_000006_packaging;
mod m20261126_000007_inspection_variant;
mod m20261126_000008_work_queue_index;
mod m20261126_000009_completion_index;
mod m20261126_000010_inspection_daily;
mod m20261126_000011_analytics_partial_indexes;
mod m20261126_000012_login_throttle;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261126_000001_app_settings_and_audit::Migration),
            Box::new(m20261126_000002_users_sessions_tokens_events::Migration),
            Box::new(m20261126_000003_printers::Migration),
            Box::new(m20261126_000004_print_jobs::Migration),
            Box::new(m20261126_000005_inspections::Migration),
            Box::new(m20261126_000006_packaging::Migration),
            Box::new(m20261126_000007_inspection_variant::Migration),
            Box::new(m20261126_000008_work_queue_index::Migration),
            Box::new(m20261126_000009_completion_index::Migration),
            Box::new(m20261126_000010_inspection_daily::Migration),
            Box::new(m20261126_000011_analytics_partial_indexes::Migration),
            Box::new(m20261126_000012_login_throttle::Migration),
        ]
    }
}
