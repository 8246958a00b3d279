//! Etikettdrucker browser SPA (Leptos CSR).
//!
//! A library so that the pure parts (texts, number formats, API error mapping) are unit-tested on the
//! host with `cargo test -p frontend`; `main.rs` only mounts [`app::App`].
#![forbid(unsafe_code)]

pub mod api;
pub mod app;
pub mod auth;
pub mod components;
pub mod format;
pub mod i18n;
pub mod pages;
pub mod print_events;
