//! The article catalogue (`/admin/articles`, ADMIN): accessories and mounts, editable without a release.
//!
//! The original hard-coded both catalogues in its pages (packaging spec §3); here they are data.
//! The table lists the articles in the order the forms offer them (per category, by group, by
//! `sortOrder`), inactive ones included. An article no longer sold is deactivated rather than
//! deleted: stored labels keep naming it.

use std::ops::RangeInclusive;

use api_types::packaging::{ArticleCategory, ArticleDto, ArticleRequest};
use api_types::validation::Message;
use leptos::prelude::*;

use crate::api;
use crate::auth::Access;
use crate::components::article_picker::grouped;
use crate::components::badge::{Badge, Tone};
use crate::components::dialog::Dialog;
use crate::components::form::{
    CheckboxField, Choice, Field, Form, FormActions, FormError, InputKind, SelectField,
    SubmitButton, no_issues, optional_number, required,
};
use crate::components::guard::RequireAccess;
use crate::components::loading::Loaded;
use crate::components::pack_create::conflict_at;
use crate::components::page_header::{CreateButton, PageHeader};
use crate::components::toast::use_toasts;
use crate::i18n::{Key, Lang, t, use_i18n};
use crate::pages::use_page_title;

/// Who may use the page.
pub const ACCESS: Access = Access::Admin;

/// The client route of the page.
pub const PATH: &str = "/admin/articles";

/// The request's fields, whose server messages go next to them.
const FIELDS: &[&str] = &[
    "artikelnummer",
    "artikelbezeichnung",
    "category",
    "gruppe",
    "hasSerial",
    "active",
    "sortOrder",
];

/// The orders the server accepts.
const SORT_ORDERS: RangeInclusive<i32> = -100_000..=100_000;

/// Gap between a new article's order and the last one (the catalogue counts in tens, so an
/// article can be put between two others later).
const SORT_STEP: i32 = 10;

/// `id` of the `<datalist>` with the existing groups.
const GROUPS_LIST: &str = "article-groups";

/// Longest texts the server stores.
const NUMBER_MAX_CHARS: u32 = 40;
const DESCRIPTION_MAX_CHARS: u32 = 200;
const GROUP_MAX_CHARS: u32 = 60;

/// The name of a category.
pub fn category_label(category: ArticleCategory) -> Key {
    match category {
        ArticleCategory::Zubehoer => Key::CategoryZubehoer,
        ArticleCategory::Halterung => Key::CategoryHalterung,
    }
}

impl Choice for ArticleCategory {
    fn all() -> &'static [Self] {
        &ArticleCategory::ALL
    }

    fn value(self) -> &'static str {
        self.as_str()
    }

    fn label(self, lang: Lang) -> &'static str {
        t(lang, category_label(self))
    }
}

/// The catalogue in the order the forms offer it: accessories, then mounts, each by group.
fn catalogue_order(articles: &[ArticleDto]) -> Vec<(ArticleCategory, String, Vec<ArticleDto>)> {
    ArticleCategory::ALL
        .into_iter()
        .flat_map(|category| {
            let members = articles
                .iter()
                .filter(|article| article.category == category)
                .cloned()
                .collect();
            grouped(members)
                .into_iter()
                .map(move |(group, articles)| (category, group, articles))
        })
        .collect()
}

/// A new article's order: after every other one.
fn next_sort_order(articles: &[ArticleDto]) -> i32 {
    articles
        .iter()
        .map(|article| article.sort_order)
        .max()
        .map_or(0, |last| last.saturating_add(SORT_STEP))
        .min(*SORT_ORDERS.end())
}

/// The groups in use, for suggestions.
fn group_names(articles: &[ArticleDto]) -> Vec<String> {
    let mut names: Vec<String> = articles
        .iter()
        .map(|article| article.gruppe.clone())
        .collect();
    names.sort();
    names.dedup();
    names
}

/// An order typed into the field: empty keeps the stored one (0 for a new article).
fn parse_sort_order(value: &str) -> Result<Option<i32>, Message> {
    optional_number(
        value,
        |order| SORT_ORDERS.contains(order),
        Key::SortOrderInvalid,
    )
}

#[component]
pub fn ArticlesPage() -> impl IntoView {
    use_page_title(Key::NavArticles);
    view! {
        <RequireAccess access=ACCESS>
            <Articles />
        </RequireAccess>
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Open {
    Create,
    Edit(ArticleDto),
}

#[component]
fn Articles() -> impl IntoView {
    let articles = LocalResource::new(|| api::articles(None, false));
    let open = RwSignal::new(None::<Open>);
    // What the dialog suggests: the groups in use and the order after the last article.
    let known = Signal::derive(move || {
        articles.with(|answer| match answer {
            Some(Ok(answer)) => answer.items.clone(),
            _ => Vec::new(),
        })
    });
    let close = Callback::new(move |()| open.set(None));
    let finished = Callback::new(move |()| {
        open.set(None);
        articles.refetch();
    });
    let dialog = move || {
        open.get().map(|dialog| {
            let known = known.get_untracked();
            let groups = group_names(&known);
            let next_sort = next_sort_order(&known);
            let article = match dialog {
                Open::Create => None,
                Open::Edit(article) => Some(article),
            };
            view! { <ArticleDialog article groups next_sort on_close=close on_done=finished /> }
        })
    };
    view! {
        <div class="page">
            <PageHeader title=Key::NavArticles intro=Key::ArticlesIntro>
                <CreateButton
                    label=Key::ArticleCreate
                    testid="article-add"
                    on_click=move |()| open.set(Some(Open::Create))
                />
            </PageHeader>
            <Loaded
                resource=articles
                label=Key::ArticlesLoading
                render=move |list| view! { <ArticleTable articles=list.items open /> }
            />
            {dialog}
        </div>
    }
}

/// Every article, under a heading row per category and group.
#[component]
fn ArticleTable(articles: Vec<ArticleDto>, open: RwSignal<Option<Open>>) -> impl IntoView {
    const COLUMNS: &[Key] = &[
        Key::ArticleNumber,
        Key::ArticleName,
        Key::ArticleSortOrder,
        Key::ArticleHasSerialShort,
        Key::Status,
        Key::ColActions,
    ];
    let i18n = use_i18n();
    let headings = COLUMNS
        .iter()
        .map(|&column| view! { <th scope="col">{i18n.tr(column)}</th> })
        .collect_view();
    let span = COLUMNS.len().to_string();
    let body = if articles.is_empty() {
        view! {
            <tr>
                <td colspan=span class="table__empty">
                    {i18n.tr(Key::ArticlesEmpty)}
                </td>
            </tr>
        }
        .into_any()
    } else {
        catalogue_order(&articles)
            .into_iter()
            .map(|(category, group, members)| {
                let rows = members
                    .into_iter()
                    .map(|article| view! { <ArticleRow article open /> })
                    .collect_view();
                let gruppe = group.clone();
                view! {
                    <tr class="table__group" data-category=category.as_str() data-gruppe=gruppe>
                        <th scope="colgroup" colspan=span.clone()>
                            {move || i18n.t(category_label(category))}
                            " · "
                            {group}
                        </th>
                    </tr>
                    {rows}
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <div class="table-wrap">
            <table class="table" data-testid="articles-table">
                <thead>
                    <tr>{headings}</tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}

#[component]
fn ArticleRow(article: ArticleDto, open: RwSignal<Option<Open>>) -> impl IntoView {
    let i18n = use_i18n();
    let active = article.active;
    let has_serial = article.has_serial;
    let edit = {
        let article = article.clone();
        move |_| open.set(Some(Open::Edit(article.clone())))
    };
    view! {
        <tr
            data-testid="article-row"
            data-artikelnummer=article.artikelnummer.clone()
            data-category=article.category.as_str()
            data-active=active.to_string()
            class=("table__row--inactive", !active)
        >
            <td class="table__strong">{article.artikelnummer.clone()}</td>
            <td>{article.artikelbezeichnung.clone()}</td>
            <td class="table__nowrap">{article.sort_order}</td>
            <td>{i18n.tr(if has_serial { Key::Yes } else { Key::No })}</td>
            <td>
                {if active {
                    view! { <Badge tone=Tone::Success label=i18n.tr(Key::ArticleActiveBadge) /> }
                } else {
                    view! { <Badge tone=Tone::Neutral label=i18n.tr(Key::ArticleInactiveBadge) /> }
                }}
            </td>
            <td>
                <button
                    type="button"
                    class="btn btn--small btn--secondary"
                    data-testid="article-edit"
                    on:click=edit
                >
                    {i18n.tr(Key::ActionEdit)}
                </button>
            </td>
        </tr>
    }
}

/// Create (`article` is `None`) or edit an article. A failed save keeps every entry and shows the
/// server's messages next to their fields (a number already in the catalogue at the number).
#[component]
fn ArticleDialog(
    article: Option<ArticleDto>,
    /// The groups in use, suggested for the group field.
    groups: Vec<String>,
    /// The order a new article starts with.
    next_sort: i32,
    on_close: Callback<()>,
    on_done: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let form = Form::new();
    let editing = article
        .as_ref()
        .map(|article| (article.id, article.artikelnummer.clone()));
    let text = |read: fn(&ArticleDto) -> &str| {
        RwSignal::new(article.as_ref().map(read).unwrap_or_default().to_owned())
    };
    let nummer = text(|a| &a.artikelnummer);
    let bezeichnung = text(|a| &a.artikelbezeichnung);
    let gruppe = text(|a| &a.gruppe);
    let category = RwSignal::new(
        article
            .as_ref()
            .map_or(ArticleCategory::Zubehoer, |a| a.category),
    );
    let has_serial = RwSignal::new(article.as_ref().is_some_and(|a| a.has_serial));
    let active = RwSignal::new(article.as_ref().is_none_or(|a| a.active));
    let sort_order = RwSignal::new(
        article
            .as_ref()
            .map_or(next_sort, |a| a.sort_order)
            .to_string(),
    );

    let nummer_issue = Signal::derive(move || nummer.with(|v| required(v)));
    let bezeichnung_issue = Signal::derive(move || bezeichnung.with(|v| required(v)));
    let gruppe_issue = Signal::derive(move || gruppe.with(|v| required(v)));
    let sort_issue = Signal::derive(move || sort_order.with(|v| parse_sort_order(v).err()));

    let title = {
        let editing = editing.clone();
        move || match &editing {
            Some((_, number)) => i18n.named(Key::ArticleEditTitle, number),
            None => i18n.t(Key::ArticleCreate).to_owned(),
        }
    };
    let id = editing.map(|(id, _)| id);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let valid = no_issues([nummer_issue, bezeichnung_issue, gruppe_issue, sort_issue]);
        let trimmed = |value: RwSignal<String>| Some(value.with_untracked(|v| v.trim().to_owned()));
        let request = ArticleRequest {
            artikelnummer: trimmed(nummer),
            artikelbezeichnung: trimmed(bezeichnung),
            category: Some(category.get_untracked().as_str().to_owned()),
            gruppe: trimmed(gruppe),
            has_serial: Some(has_serial.get_untracked()),
            active: Some(active.get_untracked()),
            sort_order: sort_order
                .with_untracked(|v| parse_sort_order(v))
                .ok()
                .flatten(),
        };
        form.submit(valid, FIELDS, move || async move {
            let (saved, done) = match id {
                Some(id) => (api::update_article(id, &request).await, Key::ArticleSaved),
                None => (api::create_article(&request).await, Key::ArticleCreated),
            };
            let saved = saved.map_err(|error| conflict_at(error, "artikelnummer"))?;
            toasts.success(i18n.named(done, &saved.item.artikelnummer), "");
            on_done.run(());
            Ok(())
        });
    };
    let (submit_label, busy_label) = match id {
        Some(_) => (Key::Save, Key::Saving),
        None => (Key::ArticleCreateSubmit, Key::ArticleCreateBusy),
    };
    let suggestions = groups
        .into_iter()
        .map(|group| view! { <option value=group></option> })
        .collect_view();

    view! {
        <Dialog title on_close testid="article-dialog">
            <form class="form" novalidate node_ref=form.node() on:submit=submit>
                <FormError form />
                <div class="form__row">
                    <Field
                        form
                        name="artikelnummer"
                        label=Key::ArticleNumber
                        value=nummer
                        issue=nummer_issue
                        autocomplete="off"
                        testid="article-artikelnummer"
                        required=true
                        autofocus=true
                        maxlength=NUMBER_MAX_CHARS
                    />
                    <SelectField
                        form
                        name="category"
                        label=Key::ArticleCategoryLabel
                        value=category
                        testid="article-category"
                    />
                </div>
                <Field
                    form
                    name="artikelbezeichnung"
                    label=Key::ArticleName
                    value=bezeichnung
                    issue=bezeichnung_issue
                    hint=Key::ArticleNameHint
                    autocomplete="off"
                    testid="article-artikelbezeichnung"
                    required=true
                    maxlength=DESCRIPTION_MAX_CHARS
                />
                <div class="form__row">
                    <Field
                        form
                        name="gruppe"
                        label=Key::ArticleGroup
                        value=gruppe
                        issue=gruppe_issue
                        hint=Key::ArticleGroupHint
                        autocomplete="off"
                        testid="article-gruppe"
                        required=true
                        maxlength=GROUP_MAX_CHARS
                        list=GROUPS_LIST
                    />
                    <Field
                        form
                        name="sortOrder"
                        label=Key::ArticleSortOrder
                        value=sort_order
                        issue=sort_issue
                        hint=Key::ArticleSortOrderHint
                        kind=InputKind::Number
                        autocomplete="off"
                        testid="article-sort-order"
                        maxlength=7
                    />
                </div>
                <datalist id=GROUPS_LIST>{suggestions}</datalist>
                <CheckboxField
                    form
                    name="hasSerial"
                    label=Key::ArticleHasSerial
                    value=has_serial
                    hint=Key::ArticleHasSerialHint
                    testid="article-has-serial"
                />
                <CheckboxField
                    form
                    name="active"
                    label=Key::ArticleActive
                    value=active
                    hint=Key::ArticleActiveHint
                    testid="article-active"
                />
                <FormActions on_cancel=on_close>
                    <SubmitButton
                        form
                        label=submit_label
                        busy_label=busy_label
                        testid="article-save"
                    />
                </FormActions>
            </form>
        </Dialog>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::as_message;

    fn article(number: &str, category: ArticleCategory, group: &str, order: i32) -> ArticleDto {
        ArticleDto {
            id: 0,
            artikelnummer: number.into(),
            artikelbezeichnung: format!("Artikel {number}"),
            category,
            gruppe: group.into(),
            has_serial: false,
            active: true,
            sort_order: order,
            updated_at: "2026-11-26T10:30:00Z".into(),
        }
    }

    #[test]
    fn the_table_follows_the_forms() {
        let articles = [
            article("10144", ArticleCategory::Halterung, "Halterung KK", 110),
            article("10035", ArticleCategory::Zubehoer, "Datenkabel", 20),
            article("10370", ArticleCategory::Zubehoer, "C-Extender", 0),
        ];
        let order: Vec<(ArticleCategory, String)> = catalogue_order(&articles)
            .into_iter()
            .map(|(category, group, _)| (category, group))
            .collect();
        assert_eq!(
            order,
            [
                (ArticleCategory::Zubehoer, "C-Extender".to_owned()),
                (ArticleCategory::Zubehoer, "Datenkabel".to_owned()),
                (ArticleCategory::Halterung, "Halterung KK".to_owned()),
            ]
        );
        assert_eq!(next_sort_order(&articles), 120);
        assert_eq!(next_sort_order(&[]), 0);
        assert_eq!(
            group_names(&articles),
            ["C-Extender", "Datenkabel", "Halterung KK"]
        );
    }

    #[test]
    fn orders_are_whole_numbers_in_the_server_range() {
        assert_eq!(parse_sort_order(""), Ok(None));
        assert_eq!(parse_sort_order(" 40 "), Ok(Some(40)));
        assert_eq!(parse_sort_order("-100000"), Ok(Some(-100_000)));
        for bad in ["100001", "1.5", "zehn"] {
            assert_eq!(
                parse_sort_order(bad),
                Err(as_message(Key::SortOrderInvalid)),
                "{bad}"
            );
        }
    }

    #[test]
    fn categories_round_trip_their_wire_values() {
        for &category in ArticleCategory::all() {
            assert_eq!(ArticleCategory::parse(category.value()), Some(category));
        }
        assert_eq!(ArticleCategory::Halterung.label(Lang::De), "Halterung");
    }
}
