//! A data table: column headings, one row per item, or a line saying there is nothing.

use leptos::prelude::*;

use crate::i18n::{Key, use_i18n};

/// `row` draws one item's `<tr>`; without items, one row says `empty`.
#[component]
pub fn DataTable<T, F, V>(
    testid: &'static str,
    columns: &'static [Key],
    empty: Key,
    items: Vec<T>,
    row: F,
) -> impl IntoView
where
    T: 'static,
    F: FnMut(T) -> V + 'static,
    V: IntoView + 'static,
{
    let i18n = use_i18n();
    let rows = if items.is_empty() {
        view! {
            <tr>
                <td colspan=columns.len().to_string() class="table__empty">
                    {i18n.tr(empty)}
                </td>
            </tr>
        }
        .into_any()
    } else {
        items.into_iter().map(row).collect_view().into_any()
    };
    let headings = columns
        .iter()
        .map(|&column| view! { <th scope="col">{i18n.tr(column)}</th> })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="table" data-testid=testid>
                <thead>
                    <tr>{headings}</tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
