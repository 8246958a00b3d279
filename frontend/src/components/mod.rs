//! Reusable widgets.

pub mod badge;
pub mod dialog;
pub mod error_panel;
pub mod form;
pub mod guard;
pub mod lang_switch;
pub mod loading;
pub mod pager;
pub mod toast;
