//! One carton (`/outerkarton/:id`): contents, print jobs, reprint with a reason, edit contents with a reprint.

use leptos::prelude::*;

use crate::auth::Access;
use crate::components::guard::RequireAccess;
use crate::i18n::Key;
use crate::pages::use_page_title;

/// Who may use the page.
pub const ACCESS: Access = Access::Authenticated;

/// The client route of the page.
pub const PATH: &str = "/outerkarton/:id";

#[component]
pub fn CartonDetailPage() -> impl IntoView {
    use_page_title(Key::CartonDetailTitle);
    view! {
        <RequireAccess access=ACCESS>
            <div class="page" />
        </RequireAccess>
    }
}
