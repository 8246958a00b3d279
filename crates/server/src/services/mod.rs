//! Persistence and domain logic as small async functions on `&DatabaseConnection`.

pub mod system;
pub mod users;
