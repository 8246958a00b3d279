//! Shown for client routes that do not exist.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::components::notice::NoticePage;
use crate::i18n::{Key, use_i18n};
use crate::pages::use_page_title;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    use_page_title(Key::NotFoundTitle);
    view! {
        <NoticePage title=Key::NotFoundTitle href="/" link=Key::BackHome>
            {i18n.tr(Key::NotFoundText)}
            " "
            <code class="path">{move || location.pathname.get()}</code>
        </NoticePage>
    }
}
