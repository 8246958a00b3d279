//! System overview for administrators (`/admin/system`): record counts per area, database size,
//! schema version, last backup and the print queue. Replaces the original's raw table browser.

use leptos::prelude::*;

use crate::auth::Access;
use crate::i18n::Key;
use crate::pages::use_page_title;

/// ADMIN.
pub const ACCESS: Access = Access::Admin;

/// The client route of the page.
pub const PATH: &str = "/admin/system";

#[component]
pub fn SystemPage() -> impl IntoView {
    use_page_title(Key::NavSystem);
    view! { <p>"…"</p> }
}
