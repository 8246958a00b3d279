//! Mount-label history (`/halterung/history`): detail and reprint with a reason.

use leptos::prelude::*;

use crate::auth::Access;
use crate::components::guard::RequireAccess;
use crate::i18n::Key;
use crate::pages::use_page_title;

/// Who may use the page.
pub const ACCESS: Access = Access::Authenticated;

/// The client route of the page.
pub const PATH: &str = "/halterung/history";

#[component]
pub fn HalterungHistoryPage() -> impl IntoView {
    use_page_title(Key::HalterungHistoryTitle);
    view! {
        <RequireAccess access=ACCESS>
            <div class="page" />
        </RequireAccess>
    }
}
