//! Previous/next navigation under a paginated table.

use api_types::auth::Pagination;
use leptos::prelude::*;

use crate::i18n::{Key, fill, use_i18n};

/// "Seite 2 von 5 · 93 Einträge" with previous/next buttons that change `page`.
#[component]
pub fn Pager(pagination: Pagination, page: RwSignal<u64>) -> impl IntoView {
    let i18n = use_i18n();
    let Pagination {
        page: current,
        total,
        total_pages,
        ..
    } = pagination;
    let pages = total_pages.max(1);
    let info = move || {
        fill(
            i18n.t(Key::PageInfo),
            &[
                ("page", &current.to_string()),
                ("pages", &pages.to_string()),
                ("total", &total.to_string()),
            ],
        )
    };
    view! {
        <nav class="pager" aria-label=i18n.tr(Key::PaginationLabel)>
            <button
                type="button"
                class="btn btn--secondary"
                disabled={ current <= 1 }
                data-testid="page-prev"
                on:click=move |_| page.set(current.saturating_sub(1).max(1))
            >
                "‹ "
                {i18n.tr(Key::PrevPage)}
            </button>
            <span class="pager__info" data-testid="page-info">
                {info}
            </span>
            <button
                type="button"
                class="btn btn--secondary"
                disabled={ current >= pages }
                data-testid="page-next"
                on:click=move |_| page.set(current + 1)
            >
                {i18n.tr(Key::NextPage)}
                " ›"
            </button>
        </nav>
    }
}
