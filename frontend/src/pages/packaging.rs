//! The packaging hub (`/packaging`): tiles to the accessory, mount and carton pages and the carton search by serial.

use leptos::prelude::*;

use crate::auth::Access;
use crate::components::guard::RequireAccess;
use crate::i18n::Key;
use crate::pages::use_page_title;

/// Who may use the page.
pub const ACCESS: Access = Access::Authenticated;

/// The client route of the page.
pub const PATH: &str = "/packaging";

#[component]
pub fn PackagingPage() -> impl IntoView {
    use_page_title(Key::NavPackaging);
    view! {
        <RequireAccess access=ACCESS>
            <div class="page" />
        </RequireAccess>
    }
}
