//! Accessory-label history (`/zubehoer/history`): search, detail, reprint with a reason.

use leptos::prelude::*;

use crate::auth::Access;
use crate::components::guard::RequireAccess;
use crate::i18n::Key;
use crate::pages::use_page_title;

/// Who may use the page.
pub const ACCESS: Access = Access::Authenticated;

/// The client route of the page.
pub const PATH: &str = "/zubehoer/history";

#[component]
pub fn ZubehoerHistoryPage() -> impl IntoView {
    use_page_title(Key::ZubehoerHistoryTitle);
    view! {
        <RequireAccess access=ACCESS>
            <div class="page" />
        </RequireAccess>
    }
}
