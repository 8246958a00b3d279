//! What the packaging histories (Zubehör, Halterung) share: the search in the URL (text, time
//! range, page and the opened label, so a label can be linked and the back button closes it), the
//! filter form, a label's article lines, a row's last print (live), and printing a stored label
//! again.

use api_types::auth::Role;
use api_types::packaging::PackItem;
use api_types::printing::PrintJobDto;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::{self, LabelTarget, PackagingQuery, PrintJobQuery, with_query};
use crate::auth::use_auth;
use crate::components::form::{Field, Form, InputKind};
use crate::components::label_print::{
    LabelJobState, LabelJobTable, PrintLabelForm, PrintTestIds, merge_job, use_label_jobs,
};
use crate::components::loading::Loaded;
use crate::format;
use crate::i18n::{Key, use_i18n};
use crate::pages::admin_security_events::range_issue;

/// Labels per page.
pub const PAGE_SIZE: u64 = 25;

/// Filters whose server messages are shown next to their field.
pub const FILTER_FIELDS: &[&str] = &["q", "from", "to"];

/// The most print jobs one label lists (the server's page limit).
const JOBS_LIMIT: u64 = 200;

/// A history search as the URL holds it; empty texts do not filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistorySearch {
    /// Free text (delivery note, article, serial number).
    pub q: String,
    /// `datetime-local` values (local time); RFC 3339 from a link works too.
    pub from: String,
    pub to: String,
    pub page: u64,
    /// The label shown in the detail (`id`).
    pub open: Option<i64>,
}

impl Default for HistorySearch {
    fn default() -> Self {
        Self {
            q: String::new(),
            from: String::new(),
            to: String::new(),
            page: 1,
            open: None,
        }
    }
}

impl HistorySearch {
    /// The search in a URL query (`get` reads a parameter). An unreadable page or id is the default.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        let text = |name: &str| get(name).map(|v| v.trim().to_owned()).unwrap_or_default();
        Self {
            q: text("q"),
            from: text("from"),
            to: text("to"),
            page: get("page")
                .and_then(|page| page.trim().parse().ok())
                .filter(|page| *page >= 1)
                .unwrap_or(1),
            open: get("id").and_then(|id| id.trim().parse().ok()),
        }
    }

    /// The address of this search on the history page at `path` (defaults left out).
    pub fn href(&self, path: &str) -> String {
        let page = if self.page > 1 {
            self.page.to_string()
        } else {
            String::new()
        };
        with_query(
            path,
            &[
                ("q", self.q.trim().to_owned()),
                ("from", self.from.clone()),
                ("to", self.to.clone()),
                ("page", page),
                ("id", self.open.map(|id| id.to_string()).unwrap_or_default()),
            ],
        )
    }

    /// The part of the search the list depends on (not the opened label).
    pub fn listed(&self) -> Self {
        Self {
            open: None,
            ..self.clone()
        }
    }

    /// The API request; `instant` turns a `datetime-local` value into RFC 3339.
    pub fn query(&self, instant: impl Fn(&str) -> Option<String>) -> PackagingQuery {
        // Unreadable times go as typed: the server's message then names the field.
        let time = |value: &str| instant(value).unwrap_or_else(|| value.to_owned());
        PackagingQuery {
            q: self.q.clone(),
            from: time(&self.from),
            to: time(&self.to),
            page: self.page,
            limit: PAGE_SIZE,
            ..PackagingQuery::default()
        }
    }
}

/// The search of a history page, kept in its URL.
#[derive(Clone, Copy)]
pub struct History {
    path: &'static str,
    /// The whole search.
    pub search: Memo<HistorySearch>,
    /// What the list shows: it reloads only when this changes, not when a label opens.
    pub listed: Memo<HistorySearch>,
    /// The page, for the [`crate::components::pager::Pager`].
    pub page: RwSignal<u64>,
    navigate: Callback<String>,
}

impl History {
    /// Shows `next` (a new entry in the browser's history).
    pub fn go(self, next: HistorySearch) {
        self.navigate.run(next.href(self.path));
    }

    /// Opens the detail of label `id`, or closes it (`None`).
    pub fn open(self, id: Option<i64>) {
        // A lookup may answer after the page was left.
        let Some(now) = self.search.try_get_untracked() else {
            return;
        };
        if now.open != id {
            self.go(HistorySearch { open: id, ..now });
        }
    }
}

/// The search of the history page at `path`.
pub fn use_history(path: &'static str) -> History {
    let query = use_query_map();
    let navigate = use_navigate();
    let search =
        Memo::new(move |_| query.with(|query| HistorySearch::from_query(|name| query.get(name))));
    let listed = Memo::new(move |_| search.with(HistorySearch::listed));
    // Opening a label or turning a page keeps the list where it is.
    let navigate = Callback::new(move |href: String| {
        navigate(
            &href,
            NavigateOptions {
                scroll: false,
                ..NavigateOptions::default()
            },
        );
    });
    let page = RwSignal::new(search.get_untracked().page);
    let history = History {
        path,
        search,
        listed,
        page,
        navigate,
    };
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
            history.go(HistorySearch {
                page: wanted,
                open: None,
                ..now
            });
        }
    });
    history
}

/// Text and time range, applied with "Filtern"; "Filter zurücksetzen" shows everything. Test ids:
/// `{testid}-search`, `{testid}-from`, `{testid}-to`, `{testid}-filter-apply`,
/// `{testid}-filter-reset`.
#[component]
pub fn HistoryFilters(
    history: History,
    /// Shows the server's messages about the filters ([`FILTER_FIELDS`]).
    form: Form,
    /// The text field's label.
    search_label: Key,
    testid: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let q = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let to_issue = Signal::derive(move || from.with(|f| to.with(|t| range_issue(f, t))));
    // A new URL (a link, the back button): the inputs follow, messages about the old search go.
    Effect::new(move |before: Option<HistorySearch>| {
        let now = history.listed.get();
        for (draft, value) in [(q, &now.q), (from, &now.from), (to, &now.to)] {
            if draft.with_untracked(|draft| draft != value) {
                draft.set(value.clone());
            }
        }
        if before.is_some_and(|before| before != now) {
            form.reset();
        }
        now
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if form.check(to_issue.get_untracked().is_none()) {
            history.go(HistorySearch {
                q: q.get_untracked().trim().to_owned(),
                from: from.get_untracked(),
                to: to.get_untracked(),
                ..HistorySearch::default()
            });
        }
    };
    let reset = move |_| {
        form.reset();
        history.go(HistorySearch::default());
    };
    view! {
        <form
            class="card filters"
            novalidate
            node_ref=form.node()
            on:submit=submit
            data-testid=format!("{testid}-filters")
        >
            <Field
                form
                name="q"
                label=search_label
                value=q
                autocomplete="off"
                testid=format!("{testid}-search")
                maxlength=200
            />
            <Field
                form
                name="from"
                label=Key::FilterFrom
                value=from
                kind=InputKind::DateTime
                testid=format!("{testid}-from")
            />
            <Field
                form
                name="to"
                label=Key::FilterTo
                value=to
                issue=to_issue
                kind=InputKind::DateTime
                testid=format!("{testid}-to")
            />
            <div class="filters__actions">
                <button
                    type="submit"
                    class="btn btn--primary"
                    data-testid=format!("{testid}-filter-apply")
                >
                    {i18n.tr(Key::FilterApply)}
                </button>
                <button
                    type="button"
                    class="btn btn--secondary"
                    data-testid=format!("{testid}-filter-reset")
                    on:click=reset
                >
                    {i18n.tr(Key::FilterReset)}
                </button>
            </div>
        </form>
    }
}

/// A label's lines, compact for a table cell: "2 × Datenkabel … 10035".
#[component]
pub fn ItemList(items: Vec<PackItem>) -> impl IntoView {
    let lines = items
        .into_iter()
        .map(|item| {
            let number = item.artikelnummer.clone();
            view! {
                <li data-artikelnummer=number>
                    <span class="pack-items__menge">{format!("{} ×", item.menge)}</span>
                    " "
                    {item.artikelbezeichnung}
                    " "
                    <span class="muted">{item.artikelnummer}</span>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="pack-items">{lines}</ul> }
}

/// A label's lines as a table: quantity, article number, description, serial number. Rows are
/// `{testid}-line` with `data-artikelnummer`.
#[component]
pub fn ItemTable(items: Vec<PackItem>, testid: &'static str) -> impl IntoView {
    const COLUMNS: &[Key] = &[
        Key::Menge,
        Key::ArticleNumber,
        Key::ArticleName,
        Key::SerialNumber,
    ];
    let i18n = use_i18n();
    let headings = COLUMNS
        .iter()
        .map(|&column| view! { <th scope="col">{i18n.tr(column)}</th> })
        .collect_view();
    let rows = items
        .into_iter()
        .map(|item| {
            let number = item.artikelnummer.clone();
            view! {
                <tr data-testid=format!("{testid}-line") data-artikelnummer=number>
                    <td class="table__nowrap">{item.menge}</td>
                    <td class="table__nowrap">{item.artikelnummer}</td>
                    <td>{item.artikelbezeichnung}</td>
                    <td>{item.serialnummer.unwrap_or_else(|| "–".to_owned())}</td>
                </tr>
            }
        })
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

/// The state of a label's newest print job, following the live events; "nicht gedruckt" without one.
#[component]
pub fn LastPrint(
    target: LabelTarget,
    job: Option<PrintJobDto>,
    testid: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let jobs = use_label_jobs(target);
    if let Some(job) = job {
        jobs.update(|jobs| merge_job(jobs, &job));
    }
    move || match jobs.with(|jobs| jobs.last().cloned()) {
        Some(job) => view! { <LabelJobState job testid /> }.into_any(),
        None => view! {
            <span class="muted" data-testid=testid data-state="none">
                {i18n.tr(Key::NotPrinted)}
            </span>
        }
        .into_any(),
    }
}

/// A stored label's print jobs (live, so a reprint shows up at once) and, for roles that print,
/// printing it again (with a reason once it was printed).
#[component]
pub fn LabelPrinting(
    target: LabelTarget,
    testids: PrintTestIds,
    /// `data-testid` of each job's state.
    state_testid: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let jobs = use_label_jobs(target);
    let listed = LocalResource::new(move || async move {
        let query = PrintJobQuery {
            reference: target.reference(),
            page: 1,
            limit: JOBS_LIMIT,
            ..PrintJobQuery::default()
        };
        let answer = api::print_jobs(&query).await;
        if let Ok(answer) = &answer {
            jobs.try_update(|jobs| {
                for job in &answer.data.jobs {
                    merge_job(jobs, job);
                }
            });
        }
        answer
    });
    let print = move || {
        if auth.role().is_some_and(Role::can_print) {
            view! { <PrintLabelForm target jobs testids /> }.into_any()
        } else {
            view! { <p class="muted">{i18n.tr(Key::CannotPrintRole)}</p> }.into_any()
        }
    };
    view! {
        <section class="section">
            <h3 class="section__title">{i18n.tr(Key::LabelJobsTitle)}</h3>
            <Loaded
                resource=listed
                label=Key::JobsLoading
                render=move |_| view! { <LabelJobTable jobs state_testid /> }
            />
        </section>
        <section class="section">
            <h3 class="section__title">{i18n.tr(Key::PrintLabelTitle)}</h3>
            {print}
        </section>
    }
}

/// When a label was created, in the user's language and time zone.
pub fn created_at(rfc3339: &str) -> impl Fn() -> String + Send + Sync + use<> {
    let i18n = use_i18n();
    let at = rfc3339.to_owned();
    move || format::local_date_time(&at, i18n.lang())
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn parse(pairs: &[(&str, &str)]) -> HistorySearch {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        HistorySearch::from_query(|name| map.get(name).cloned())
    }

    #[test]
    fn an_empty_query_is_the_default_search() {
        assert_eq!(parse(&[]), HistorySearch::default());
        assert_eq!(
            HistorySearch::default().href("/zubehoer/history"),
            "/zubehoer/history"
        );
    }

    #[test]
    fn searches_round_trip_through_the_url() {
        let search = HistorySearch {
            q: "LS 4711".into(),
            from: "2026-11-01T00:00".into(),
            to: String::new(),
            page: 2,
            open: Some(7),
        };
        assert_eq!(
            search.href("/zubehoer/history"),
            "/zubehoer/history?q=LS%204711&from=2026-11-01T00%3A00&page=2&id=7"
        );
        let parsed = parse(&[
            ("q", "LS 4711"),
            ("from", "2026-11-01T00:00"),
            ("page", "2"),
            ("id", "7"),
        ]);
        assert_eq!(parsed, search);
        assert_eq!(parsed.listed().open, None);
        assert_eq!(
            parse(&[("page", "0"), ("id", "x")]),
            HistorySearch::default()
        );
    }

    #[test]
    fn the_api_query_is_newest_first_in_pages() {
        let search = HistorySearch {
            q: "10370".into(),
            from: "2026-11-01T00:00".into(),
            to: "gestern".into(),
            page: 3,
            open: Some(1),
        };
        let query = search.query(|value| {
            (value == "2026-11-01T00:00").then(|| "2026-10-31T23:00:00.000Z".to_owned())
        });
        assert_eq!(query.from, "2026-10-31T23:00:00.000Z");
        assert_eq!(query.to, "gestern");
        assert_eq!(query.page, 3);
        assert_eq!(query.limit, PAGE_SIZE);
        assert!(query.path("/api/zubehoer").contains("order=desc"));
    }
}
