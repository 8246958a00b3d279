//! One module per page.

use leptos::prelude::*;

use crate::i18n::{Key, use_i18n};

pub mod admin_api_tokens;
pub mod admin_articles;
pub mod admin_printers;
pub mod admin_security_events;
pub mod admin_users;
pub mod analytics;
pub mod automatiktest;
pub mod carton;
pub mod carton_detail;
pub mod cartons;
pub mod halterung;
pub mod halterung_history;
pub mod home;
pub mod inspect_a;
pub mod inspect_b;
pub mod inspection_detail;
pub mod inspections;
pub mod login;
pub mod no_access;
pub mod not_found;
pub mod packaging;
pub mod print_jobs;
pub mod product_dashboard;
pub mod products;
pub mod profile;
pub mod reprint;
pub mod setup;
pub mod status;
pub mod system;
pub mod zubehoer;
pub mod zubehoer_history;

/// Keeps the browser tab title at "<page> – Etikettdrucker" in the current language.
pub fn use_page_title(page: Key) {
    let i18n = use_i18n();
    Effect::new(move || {
        let title = format!("{} – {}", i18n.t(page), i18n.t(Key::AppName));
        if let Some(document) = web_sys::window().and_then(|window| window.document()) {
            document.set_title(&title);
        }
    });
}
