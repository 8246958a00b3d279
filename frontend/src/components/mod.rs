//! Reusable widgets.

pub mod account;
pub mod badge;
pub mod confirm;
pub mod dialog;
pub mod error_panel;
pub mod fact;
pub mod form;
pub mod guard;
pub mod lang_switch;
pub mod loading;
pub mod notice;
pub mod page_header;
pub mod pager;
pub mod table;
pub mod toast;
