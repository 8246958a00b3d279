//! SeaORM entities. Server-internal: never sent to clients or used as OpenAPI bodies
//! (the wire types live in `api-types`).

pub mod api_token;
pub mod app_setting;
pub mod article;
pub mod halterung_label;
pub mod inspection;
pub mod inspection_daily;
pub mod inspection_event;
pub mod outer_carton;
pub mod outer_carton_entry;
pub mod print_job;
pub mod printer;
pub mod printer_lease;
pub mod security_event;
pub mod session;
pub mod user;
pub mod zubehoer_label;
