//! Packing an outer carton (`/outerkarton`): scan mode (scanner-first) and manual mode, preview, create and print.

use leptos::prelude::*;

use crate::auth::Access;
use crate::components::guard::RequireAccess;
use crate::i18n::Key;
use crate::pages::use_page_title;

/// Who may use the page.
pub const ACCESS: Access = Access::Inspector;

/// The client route of the page.
pub const PATH: &str = "/outerkarton";

#[component]
pub fn CartonPage() -> impl IntoView {
    use_page_title(Key::CartonTitle);
    view! {
        <RequireAccess access=ACCESS>
            <div class="page" />
        </RequireAccess>
    }
}
