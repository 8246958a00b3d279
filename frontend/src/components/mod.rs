//! Reusable widgets.

pub mod badge;
pub mod error_panel;
pub mod lang_switch;
pub mod loading;
pub mod toast;
