//! Shown instead of a page the signed-in user's role may not use.

use api_types::auth::Role;
use leptos::prelude::*;

use crate::components::notice::NoticePage;
use crate::i18n::{Key, fill, role_label, use_i18n};
use crate::pages::use_page_title;

#[component]
pub fn NoAccessPage(role: Role) -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Key::NoAccessTitle);
    view! {
        <NoticePage title=Key::NoAccessTitle testid="no-access" href="/" link=Key::BackHome>
            {move || {
                fill(i18n.t(Key::NoAccessText), &[("role", role_label(role, i18n.lang()))])
            }}
        </NoticePage>
    }
}
