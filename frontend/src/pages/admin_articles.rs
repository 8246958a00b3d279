//! The article catalogue (`/admin/articles`, ADMIN): accessories and mounts, editable without a release.

use leptos::prelude::*;

use crate::auth::Access;
use crate::components::guard::RequireAccess;
use crate::i18n::Key;
use crate::pages::use_page_title;

/// Who may use the page.
pub const ACCESS: Access = Access::Admin;

/// The client route of the page.
pub const PATH: &str = "/admin/articles";

#[component]
pub fn ArticlesPage() -> impl IntoView {
    use_page_title(Key::NavArticles);
    view! {
        <RequireAccess access=ACCESS>
            <div class="page" />
        </RequireAccess>
    }
}
