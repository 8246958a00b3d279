//! Accessory label (`/zubehoer`): delivery note, articles with quantities, C-Extender serial; save, or save and print.

use leptos::prelude::*;

use crate::auth::Access;
use crate::components::guard::RequireAccess;
use crate::i18n::Key;
use crate::pages::use_page_title;

/// Who may use the page.
pub const ACCESS: Access = Access::Inspector;

/// The client route of the page.
pub const PATH: &str = "/zubehoer";

#[component]
pub fn ZubehoerPage() -> impl IntoView {
    use_page_title(Key::ZubehoerTitle);
    view! {
        <RequireAccess access=ACCESS>
            <div class="page" />
        </RequireAccess>
    }
}
