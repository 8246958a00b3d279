//! Inspections (`/inspections`, every signed-in user): all product lines in one list, filtered by
//! product, serial number (beginning), status, inspector and time range, sortable, paginated.
//!
//! The filters, the order and the page live in the URL (`/inspections?product=c2&status=failed`), so
//! a search can be bookmarked, sent and opened from other pages, and the browser's back button
//! returns to the previous search.

use api_types::inspection::{InspectionList, InspectionStatus, InspectionSummary, ProductSummary};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::{self, InspectionQuery, with_query};
use crate::auth::Access;
use crate::components::filter_fields::FilterSelect;
use crate::components::form::{Field, Form, InputKind};
use crate::components::guard::RequireAccess;
use crate::components::inspection_status::InspectionStatusBadge;
use crate::components::loading::Loaded;
use crate::components::page_header::PageHeader;
use crate::components::pager::Pager;
use crate::format;
use crate::i18n::{Key, fill, inspection_status_label, use_i18n};
use crate::pages::admin_security_events::range_issue;
use crate::pages::use_page_title;

/// Every signed-in user.
pub const ACCESS: Access = Access::Authenticated;

/// The client route of the search.
pub const PATH: &str = "/inspections";

/// Inspections per page.
const PAGE_SIZE: u64 = 25;

/// Filters whose server messages are shown next to their field.
const FIELDS: &[&str] = &["product", "serial", "status", "inspector", "from", "to"];

/// The link to one inspection's detail page.
pub fn detail_path(id: i64) -> String {
    format!("{PATH}/{id}")
}

/// What the list can be sorted by (the server's `sort` names).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortColumn {
    Created,
    Serial,
    Status,
    Completed,
}

impl SortColumn {
    pub const ALL: [SortColumn; 4] = [
        SortColumn::Created,
        SortColumn::Serial,
        SortColumn::Status,
        SortColumn::Completed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SortColumn::Created => "created",
            SortColumn::Serial => "serial",
            SortColumn::Status => "status",
            SortColumn::Completed => "completed",
        }
    }

    /// Times read best newest first, texts from A to Z.
    fn starts_descending(self) -> bool {
        matches!(self, SortColumn::Created | SortColumn::Completed)
    }
}

/// The order of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    pub column: SortColumn,
    pub descending: bool,
}

impl Default for Sort {
    /// Newest first, as the server sorts without `sort`.
    fn default() -> Self {
        Sort {
            column: SortColumn::Created,
            descending: true,
        }
    }
}

impl Sort {
    /// `serial`, `-created`: the server's `sort` parameter.
    pub fn param(self) -> String {
        let sign = if self.descending { "-" } else { "" };
        format!("{sign}{}", self.column.as_str())
    }

    pub fn parse(value: &str) -> Option<Sort> {
        let (descending, name) = match value.trim().strip_prefix('-') {
            Some(name) => (true, name),
            None => (false, value.trim()),
        };
        SortColumn::ALL
            .into_iter()
            .find(|column| column.as_str() == name)
            .map(|column| Sort { column, descending })
    }

    /// The order after a click on `column`'s heading: the other direction of the current column,
    /// or a new column in its natural direction.
    pub fn clicked(self, column: SortColumn) -> Sort {
        if self.column == column {
            Sort {
                column,
                descending: !self.descending,
            }
        } else {
            Sort {
                column,
                descending: column.starts_descending(),
            }
        }
    }
}

/// A search as the URL holds it; empty texts do not filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Search {
    /// Product key (`cpro`, `c2`, `cbasic`, `kk`).
    pub product: String,
    /// Beginning of the serial number.
    pub serial: String,
    /// Wire name of an [`InspectionStatus`].
    pub status: String,
    /// Username of Prüfer A or B.
    pub inspector: String,
    /// `datetime-local` values (local time); RFC 3339 from a link works too.
    pub from: String,
    pub to: String,
    pub sort: Sort,
    pub page: u64,
}

impl Default for Search {
    fn default() -> Self {
        Search {
            product: String::new(),
            serial: String::new(),
            status: String::new(),
            inspector: String::new(),
            from: String::new(),
            to: String::new(),
            sort: Sort::default(),
            page: 1,
        }
    }
}

impl Search {
    /// The search in a URL query (`get` reads a parameter). An unreadable order or page is the
    /// default; other values go to the server as they are, which names what is wrong.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Search {
        let text = |name: &str| get(name).map(|v| v.trim().to_owned()).unwrap_or_default();
        Search {
            product: text("product"),
            serial: text("serial"),
            status: text("status"),
            inspector: text("inspector"),
            from: text("from"),
            to: text("to"),
            sort: get("sort")
                .and_then(|sort| Sort::parse(&sort))
                .unwrap_or_default(),
            page: get("page")
                .and_then(|page| page.trim().parse().ok())
                .filter(|page| *page >= 1)
                .unwrap_or(1),
        }
    }

    /// The search page's address for this search (defaults left out).
    pub fn href(&self) -> String {
        let sort = if self.sort == Sort::default() {
            String::new()
        } else {
            self.sort.param()
        };
        let page = if self.page > 1 {
            self.page.to_string()
        } else {
            String::new()
        };
        with_query(
            PATH,
            &[
                ("product", self.product.clone()),
                ("serial", self.serial.trim().to_owned()),
                ("status", self.status.clone()),
                ("inspector", self.inspector.trim().to_owned()),
                ("from", self.from.clone()),
                ("to", self.to.clone()),
                ("sort", sort),
                ("page", page),
            ],
        )
    }

    /// The API request; `instant` turns a `datetime-local` value into RFC 3339.
    pub fn query(&self, instant: impl Fn(&str) -> Option<String>) -> InspectionQuery {
        // Unreadable times go as typed: the server's message then names the field.
        let time = |value: &str| instant(value).unwrap_or_else(|| value.to_owned());
        InspectionQuery {
            product: self.product.clone(),
            serial: self.serial.clone(),
            status: self.status.clone(),
            inspector: self.inspector.clone(),
            from: time(&self.from),
            to: time(&self.to),
            sort: self.sort.param(),
            page: self.page,
            limit: PAGE_SIZE,
            ..InspectionQuery::default()
        }
    }
}

/// The statuses as options of a filter select (value, name in the UI language).
pub fn status_options() -> Signal<Vec<(String, String)>> {
    let i18n = use_i18n();
    Signal::derive(move || {
        let lang = i18n.lang();
        InspectionStatus::ALL
            .into_iter()
            .map(|status| {
                (
                    status.as_str().to_owned(),
                    inspection_status_label(status, lang).to_owned(),
                )
            })
            .collect()
    })
}

#[component]
pub fn InspectionsPage() -> impl IntoView {
    use_page_title(Key::InspectionsTitle);
    view! {
        <RequireAccess access=ACCESS>
            <Inspections />
        </RequireAccess>
    }
}

#[component]
fn Inspections() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let navigate = use_navigate();
    let search = Memo::new(move |_| query.with(|query| Search::from_query(|name| query.get(name))));
    let go = Callback::new(move |next: Search| navigate(&next.href(), Default::default()));

    // What the user types, applied with "Filtern" (selects apply at once).
    let form = Form::new();
    let product = RwSignal::new(String::new());
    let serial = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let inspector = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let to_issue = Signal::derive(move || from.with(|f| to.with(|t| range_issue(f, t))));

    // The search the list shows; the effect below keeps it at the URL's.
    let applied = RwSignal::new(search.get_untracked());
    let products = LocalResource::new(api::products);
    let list = LocalResource::new(move || {
        let query = applied.get().query(format::local_input_to_rfc3339);
        async move {
            let answer = api::inspections(&query).await;
            // The server's complaints about filters from the URL go next to their fields.
            if let Err(error) = &answer
                && error.errors.is_some()
            {
                form.fail(error.clone(), FIELDS);
            }
            answer
        }
    });
    // A new URL (a link, the back button, "Filter zurücksetzen"): the list and the inputs follow,
    // and messages about the previous search go.
    Effect::new(move || {
        let now = search.get();
        for (draft, value) in [
            (product, &now.product),
            (serial, &now.serial),
            (status, &now.status),
            (inspector, &now.inspector),
            (from, &now.from),
            (to, &now.to),
        ] {
            if draft.with_untracked(|draft| draft != value) {
                draft.set(value.clone());
            }
        }
        if applied.with_untracked(|applied| *applied != now) {
            form.reset();
            applied.set(now);
        }
    });

    let apply = move || {
        go.run(Search {
            product: product.get_untracked(),
            serial: serial.get_untracked().trim().to_owned(),
            status: status.get_untracked(),
            inspector: inspector.get_untracked().trim().to_owned(),
            from: from.get_untracked(),
            to: to.get_untracked(),
            sort: search.get_untracked().sort,
            page: 1,
        });
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if form.check(to_issue.get_untracked().is_none()) {
            apply();
        }
    };
    let reset = move |_| {
        form.reset();
        go.run(Search::default());
    };

    let product_options = Signal::derive(move || {
        products.with(|answer| match answer {
            Some(Ok(answer)) => answer
                .data
                .products
                .iter()
                .map(|product| (product.key.clone(), product.name.clone()))
                .collect(),
            _ => Vec::new(),
        })
    });
    let names = Signal::derive(move || {
        products.with(|answer| match answer {
            Some(Ok(answer)) => answer.data.products.clone(),
            _ => Vec::new(),
        })
    });
    let page = RwSignal::new(search.get_untracked().page);
    Effect::new(move || {
        let now = search.get().page;
        if page.get_untracked() != now {
            page.set(now);
        }
    });
    Effect::new(move || {
        let wanted = page.get();
        let now = search.get_untracked();
        if wanted != now.page {
            go.run(Search {
                page: wanted,
                ..now
            });
        }
    });

    view! {
        <div class="page">
            <PageHeader title=Key::InspectionsTitle intro=Key::InspectionsIntro />
            <form
                class="card filters"
                novalidate
                node_ref=form.node()
                on:submit=submit
                data-testid="inspection-filters"
            >
                <FilterSelect
                    form
                    name="product"
                    label=Key::FilterProduct
                    testid="filter-product"
                    options=product_options
                    value=product
                    all=true
                    on_change=move |()| apply()
                />
                <Field
                    form
                    name="serial"
                    label=Key::FilterSerial
                    value=serial
                    autocomplete="off"
                    testid="filter-serial"
                    maxlength=200
                />
                <FilterSelect
                    form
                    name="status"
                    label=Key::Status
                    testid="filter-status"
                    options=status_options()
                    value=status
                    all=true
                    on_change=move |()| apply()
                />
                <Field
                    form
                    name="inspector"
                    label=Key::FilterInspector
                    value=inspector
                    autocomplete="off"
                    testid="filter-inspector"
                    maxlength=100
                />
                <Field
                    form
                    name="from"
                    label=Key::FilterFrom
                    value=from
                    kind=InputKind::DateTime
                    testid="filter-from"
                />
                <Field
                    form
                    name="to"
                    label=Key::FilterTo
                    value=to
                    issue=to_issue
                    kind=InputKind::DateTime
                    testid="filter-to"
                />
                <div class="filters__actions">
                    <button type="submit" class="btn btn--primary" data-testid="filter-apply">
                        {i18n.tr(Key::FilterApply)}
                    </button>
                    <button
                        type="button"
                        class="btn btn--secondary"
                        data-testid="filter-reset"
                        on:click=reset
                    >
                        {i18n.tr(Key::FilterReset)}
                    </button>
                </div>
            </form>
            <Loaded
                resource=list
                label=Key::InspectionsLoading
                render=move |answer| {
                    view! { <ResultTable list=answer.data search names page go /> }
                }
            />
        </div>
    }
}

#[component]
fn ResultTable(
    list: InspectionList,
    search: Memo<Search>,
    /// The product lines, for their names.
    names: Signal<Vec<ProductSummary>>,
    page: RwSignal<u64>,
    go: Callback<Search>,
) -> impl IntoView {
    let i18n = use_i18n();
    let InspectionList {
        inspections,
        pagination,
    } = list;
    let sort = Signal::derive(move || search.with(|search| search.sort));
    let on_sort = Callback::new(move |sort: Sort| {
        let now = search.get_untracked();
        go.run(Search {
            sort,
            page: 1,
            ..now
        });
    });
    let heading = move |label: Key, column: Option<SortColumn>| match column {
        None => view! { <th scope="col">{i18n.tr(label)}</th> }.into_any(),
        Some(column) => view! { <SortHeading label column sort on_sort /> }.into_any(),
    };
    let columns = [
        (Key::ColSerial, Some(SortColumn::Serial)),
        (Key::ColProduct, None),
        (Key::Status, Some(SortColumn::Status)),
        (Key::ColArticle, None),
        (Key::ColPrueferA, None),
        (Key::ColPrueferB, None),
        (Key::ColCreated, Some(SortColumn::Created)),
        (Key::ColCompleted, Some(SortColumn::Completed)),
    ];
    let count = columns.len();
    let headings = columns
        .into_iter()
        .map(|(label, column)| heading(label, column))
        .collect_view();
    let rows = if inspections.is_empty() {
        view! {
            <tr>
                <td colspan=count.to_string() class="table__empty">
                    {i18n.tr(Key::InspectionsEmpty)}
                </td>
            </tr>
        }
        .into_any()
    } else {
        inspections
            .into_iter()
            .map(|inspection| view! { <ResultRow inspection names /> })
            .collect_view()
            .into_any()
    };
    view! {
        <div class="table-wrap">
            <table class="table" data-testid="inspections-table">
                <thead>
                    <tr>{headings}</tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <Pager pagination page />
    }
}

/// A column heading that orders the list by `column`; the arrow and `aria-sort` show the current
/// order, a click the next one ([`Sort::clicked`]). `data-testid`: `sort-{column}`.
#[component]
pub fn SortHeading(
    label: Key,
    column: SortColumn,
    #[prop(into)] sort: Signal<Sort>,
    /// Called with the order after the click.
    on_sort: Callback<Sort>,
) -> impl IntoView {
    let i18n = use_i18n();
    let aria_sort = move || match sort.get() {
        Sort {
            column: current,
            descending,
        } if current == column => {
            if descending {
                "descending"
            } else {
                "ascending"
            }
        }
        _ => "none",
    };
    let arrow = move || match aria_sort() {
        "ascending" => "▲",
        "descending" => "▼",
        _ => "↕",
    };
    view! {
        <th scope="col" aria-sort=aria_sort>
            <button
                type="button"
                class="sort-button"
                data-testid=format!("sort-{}", column.as_str())
                on:click=move |_| on_sort.run(sort.get_untracked().clicked(column))
            >
                {i18n.tr(label)}
                <span class="sort-button__arrow" aria-hidden="true">
                    {arrow}
                </span>
            </button>
        </th>
    }
}

#[component]
fn ResultRow(inspection: InspectionSummary, names: Signal<Vec<ProductSummary>>) -> impl IntoView {
    let i18n = use_i18n();
    let InspectionSummary {
        id,
        product,
        serialnummer,
        status,
        artikel_nummer,
        artikel_bezeichnung,
        pruefer_a,
        pruefer_b,
        a_at,
        b_at,
        failed_checks,
        overridden,
        ..
    } = inspection;
    let failed = status == InspectionStatus::Failed;
    let product_name = move || {
        names.with(|names| {
            names
                .iter()
                .find(|summary| summary.key == product)
                .map(|summary| summary.name.clone())
                .unwrap_or_else(|| product.clone())
        })
    };
    let failed_count = (!failed_checks.is_empty()).then(|| {
        let count = failed_checks.len().to_string();
        view! {
            <span class="inspection-failed-count">
                {move || fill(i18n.t(Key::FailedChecksCount), &[("count", &count)])}
            </span>
        }
    });
    let completed = b_at.map(|at| move || format::local_date_time(&at, i18n.lang()));
    view! {
        <tr
            data-testid=format!("inspection-row-{id}")
            data-status=status.as_str()
            class=("table__row--failed", failed)
        >
            <td class="table__strong">
                <A href=detail_path(id) attr:data-testid="inspection-open">
                    {serialnummer}
                </A>
            </td>
            <td>{product_name}</td>
            <td>
                <div class="job-status">
                    <InspectionStatusBadge status overridden />
                    {failed_count}
                </div>
            </td>
            <td>
                {artikel_nummer.unwrap_or_else(|| "–".to_owned())}
                {artikel_bezeichnung.map(|name| view! { <div class="muted job-kind">{name}</div> })}
            </td>
            <td>{pruefer_a}</td>
            <td>{pruefer_b.unwrap_or_else(|| "–".to_owned())}</td>
            <td class="table__nowrap">{move || format::local_date_time(&a_at, i18n.lang())}</td>
            <td class="table__nowrap">{completed.map(|at| at.into_any()).unwrap_or_else(|| "–".into_any())}</td>
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn parse(pairs: &[(&str, &str)]) -> Search {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Search::from_query(|name| map.get(name).cloned())
    }

    #[test]
    fn an_empty_query_is_the_default_search() {
        assert_eq!(parse(&[]), Search::default());
        assert_eq!(Search::default().href(), "/inspections");
    }

    #[test]
    fn links_from_other_pages_filter() {
        let search = parse(&[("product", "c2")]);
        assert_eq!(search.product, "c2");
        assert_eq!(search.href(), "/inspections?product=c2");
    }

    #[test]
    fn searches_round_trip_through_the_url() {
        let search = Search {
            product: "kk".into(),
            serial: "KK-00".into(),
            status: "failed".into(),
            inspector: "anna".into(),
            from: "2026-11-01T00:00".into(),
            to: "2026-11-30T23:59".into(),
            sort: Sort {
                column: SortColumn::Serial,
                descending: false,
            },
            page: 3,
        };
        let href = search.href();
        assert_eq!(
            href,
            "/inspections?product=kk&serial=KK-00&status=failed&inspector=anna&from=2026-11-01T00%3A00&to=2026-11-30T23%3A59&sort=serial&page=3"
        );
        let query = href.split_once('?').map(|(_, q)| q).unwrap_or_default();
        let pairs: Vec<(String, String)> = query
            .split('&')
            .filter_map(|pair| pair.split_once('='))
            .map(|(k, v)| (k.to_owned(), v.replace("%3A", ":")))
            .collect();
        let borrowed: Vec<(&str, &str)> = pairs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(parse(&borrowed), search);
    }

    #[test]
    fn unreadable_order_and_page_fall_back() {
        let search = parse(&[("sort", "price"), ("page", "0")]);
        assert_eq!(search.sort, Sort::default());
        assert_eq!(search.page, 1);
        // A wrong status goes to the server, which names the field.
        assert_eq!(parse(&[("status", "bogus")]).status, "bogus");
    }

    #[test]
    fn headings_toggle_the_order() {
        let newest = Sort::default();
        assert_eq!(newest.param(), "-created");
        let oldest = newest.clicked(SortColumn::Created);
        assert_eq!(oldest.param(), "created");
        assert_eq!(newest.clicked(SortColumn::Serial).param(), "serial");
        assert_eq!(newest.clicked(SortColumn::Completed).param(), "-completed");
        for column in SortColumn::ALL {
            for descending in [false, true] {
                let sort = Sort { column, descending };
                assert_eq!(Sort::parse(&sort.param()), Some(sort));
            }
        }
    }

    #[test]
    fn the_api_query_carries_times_in_rfc3339() {
        let search = Search {
            from: "2026-11-01T00:00".into(),
            to: "gestern".into(),
            ..Search::default()
        };
        let query = search.query(|value| {
            (value == "2026-11-01T00:00").then(|| "2026-10-31T23:00:00.000Z".to_owned())
        });
        assert_eq!(query.from, "2026-10-31T23:00:00.000Z");
        assert_eq!(query.to, "gestern");
        assert_eq!(query.sort, "-created");
        assert_eq!(query.limit, PAGE_SIZE);
    }
}
