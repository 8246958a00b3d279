//! Carton history and traceability (`/outerkarton/history`): search by delivery note or by a contained serial.

use leptos::prelude::*;

use crate::auth::Access;
use crate::components::guard::RequireAccess;
use crate::i18n::Key;
use crate::pages::use_page_title;

/// Who may use the page.
pub const ACCESS: Access = Access::Authenticated;

/// The client route of the page.
pub const PATH: &str = "/outerkarton/history";

#[component]
pub fn CartonsPage() -> impl IntoView {
    use_page_title(Key::CartonsTitle);
    view! {
        <RequireAccess access=ACCESS>
            <div class="page" />
        </RequireAccess>
    }
}
