//! A product line's dashboard (`/dashboard/cpro|c2|cbasic|kk`): the throughput chart and the
//! inspection table for the same filters, server-side sorted and paginated, with CSV/XLSX export
//! and drill-down to an inspection.

use leptos::prelude::*;

use crate::auth::Access;
use crate::i18n::Key;
use crate::pages::use_page_title;

/// MANAGEMENT and ADMIN.
pub const ACCESS: Access = Access::Dashboards;

/// The dashboard of product line `key`.
pub fn path(key: &str) -> String {
    format!("/dashboard/{key}")
}

#[component]
pub fn ProductDashboardPage() -> impl IntoView {
    use_page_title(Key::NavDashboards);
    view! { <p>"…"</p> }
}
