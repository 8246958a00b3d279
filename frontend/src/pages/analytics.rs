//! Analytics for QA staff and management (`/dashboard`): throughput, first-pass yield, failure
//! Pareto, A/B disagreement, lead time, work per inspector and label figures, with drill-down to the
//! product dashboards.

use leptos::prelude::*;

use crate::auth::Access;
use crate::i18n::Key;
use crate::pages::use_page_title;

/// MANAGEMENT and ADMIN.
pub const ACCESS: Access = Access::Dashboards;

/// The client route of the page.
pub const PATH: &str = "/dashboard";

#[component]
pub fn AnalyticsPage() -> impl IntoView {
    use_page_title(Key::NavDashboards);
    view! { <p>"…"</p> }
}
