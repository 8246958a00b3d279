//! Carton history and traceability (`/outerkarton/history`, every signed-in user): the cartons
//! newest first, filtered by free text and time range, looked up by delivery note, and the answer
//! to "which carton holds unit X?" (`/outerkarton/history?serialnummer=X`).
//!
//! The search lives in the URL, so it can be bookmarked and linked from other pages, and the
//! browser's back button returns to the previous search.

use api_types::auth::Pagination;
use api_types::packaging::{CartonDto, CartonList};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use wasm_bindgen::JsCast;

use crate::api::{self, ApiResult, PackagingQuery, with_query};
use crate::auth::{Access, use_auth};
use crate::components::export_buttons::{EXPORT_ACCESS, ExportButtons};
use crate::components::form::{Field, Form, InputKind};
use crate::components::guard::RequireAccess;
use crate::components::loading::Loaded;
use crate::components::page_header::PageHeader;
use crate::components::pager::Pager;
use crate::format;
use crate::i18n::{Key, fill, use_i18n};
use crate::pages::admin_security_events::range_issue;
use crate::pages::carton_detail::detail_path;
use crate::pages::print_jobs::JobStatus;
use crate::pages::use_page_title;

/// Who may use the page.
pub const ACCESS: Access = Access::Authenticated;

/// The client route of the page.
pub const PATH: &str = "/outerkarton/history";

/// Cartons per page.
const PAGE_SIZE: u64 = 25;

/// Rows of a carton shown in the list; the rest is counted.
const SHOWN_LINES: usize = 4;

/// Filters whose server messages are shown next to their field.
const FIELDS: &[&str] = &["lieferschein", "serialnummer", "q", "from", "to"];

/// The history filtered to the carton of unit `serial`.
pub fn serial_path(serial: &str) -> String {
    Search {
        serial: serial.trim().to_owned(),
        ..Search::default()
    }
    .href()
}

/// A search as the URL holds it; empty texts do not filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Search {
    /// Exact order / delivery-note number.
    pub lieferschein: String,
    /// Exact serial number of a unit in the carton.
    pub serial: String,
    /// Free text: delivery note, article, serial number.
    pub q: String,
    /// `datetime-local` values (local time); RFC 3339 from a link works too.
    pub from: String,
    pub to: String,
    pub page: u64,
}

impl Default for Search {
    fn default() -> Self {
        Search {
            lieferschein: String::new(),
            serial: String::new(),
            q: String::new(),
            from: String::new(),
            to: String::new(),
            page: 1,
        }
    }
}

impl Search {
    /// The search in a URL query (`get` reads a parameter); an unreadable page is the first.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Search {
        let text = |name: &str| get(name).map(|v| v.trim().to_owned()).unwrap_or_default();
        Search {
            lieferschein: text("lieferschein"),
            serial: text("serialnummer"),
            q: text("q"),
            from: text("from"),
            to: text("to"),
            page: get("page")
                .and_then(|page| page.trim().parse().ok())
                .filter(|page| *page >= 1)
                .unwrap_or(1),
        }
    }

    /// The page's address for this search (defaults left out).
    pub fn href(&self) -> String {
        let page = if self.page > 1 {
            self.page.to_string()
        } else {
            String::new()
        };
        with_query(
            PATH,
            &[
                ("lieferschein", self.lieferschein.trim().to_owned()),
                ("serialnummer", self.serial.trim().to_owned()),
                ("q", self.q.trim().to_owned()),
                ("from", self.from.clone()),
                ("to", self.to.clone()),
                ("page", page),
            ],
        )
    }

    /// The history request; `instant` turns a `datetime-local` value into RFC 3339.
    pub fn query(&self, instant: impl Fn(&str) -> Option<String>) -> PackagingQuery {
        // Unreadable times go as typed: the server's message then names the field.
        let time = |value: &str| instant(value).unwrap_or_else(|| value.to_owned());
        PackagingQuery {
            q: self.q.clone(),
            serialnummer: self.serial.clone(),
            from: time(&self.from),
            to: time(&self.to),
            page: self.page,
            limit: PAGE_SIZE,
        }
    }
}

/// Whether `carton` holds the unit `serial`.
pub fn holds(carton: &CartonDto, serial: &str) -> bool {
    carton
        .entries
        .iter()
        .any(|entry| entry.serialnummer.as_deref().map(str::trim) == Some(serial.trim()))
}

/// The cartons a search found; without `pagination` all of them (a delivery-note lookup).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Found {
    items: Vec<CartonDto>,
    pagination: Option<Pagination>,
}

/// The cartons of `search`: by delivery note exactly (narrowed to the unit when a serial is
/// given), else the paginated history.
async fn find(search: Search) -> ApiResult<Found> {
    if search.lieferschein.is_empty() {
        let CartonList {
            items, pagination, ..
        } = api::carton_list(&search.query(format::local_input_to_rfc3339)).await?;
        return Ok(Found {
            items,
            pagination: Some(pagination),
        });
    }
    let mut items = api::carton_search(&search.lieferschein, "").await?.items;
    if !search.serial.is_empty() {
        items.retain(|carton| holds(carton, &search.serial));
    }
    Ok(Found {
        items,
        pagination: None,
    })
}

#[component]
pub fn CartonsPage() -> impl IntoView {
    use_page_title(Key::CartonsTitle);
    view! {
        <RequireAccess access=ACCESS>
            <Cartons />
        </RequireAccess>
    }
}

#[component]
fn Cartons() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let navigate = use_navigate();
    let search = Memo::new(move |_| query.with(|query| Search::from_query(|name| query.get(name))));
    let go = Callback::new(move |next: Search| navigate(&next.href(), Default::default()));

    // What the user types, applied with "Suchen".
    let form = Form::new();
    let lieferschein = RwSignal::new(String::new());
    let serial = RwSignal::new(String::new());
    let q = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let to_issue = Signal::derive(move || from.with(|f| to.with(|t| range_issue(f, t))));

    // The search the list shows; the effect below keeps it at the URL's.
    let applied = RwSignal::new(search.get_untracked());
    let list = LocalResource::new(move || {
        let search = applied.get();
        async move {
            let answer = find(search).await;
            // The server's complaints about filters from the URL go next to their fields.
            if let Err(error) = &answer
                && error.errors.is_some()
            {
                form.fail(error.clone(), FIELDS);
            }
            answer
        }
    });
    let wanted = Memo::new(move |_| applied.with(|search| search.serial.clone()));
    let answer = LocalResource::new(move || {
        let serial = wanted.get();
        async move {
            if serial.is_empty() {
                return Ok(None);
            }
            let found = api::carton_search("", &serial).await?;
            Ok(Some((serial, found.item)))
        }
    });
    // A new URL (a link, the back button, "Filter zurücksetzen"): the list and the inputs follow.
    Effect::new(move || {
        let now = search.get();
        for (draft, value) in [
            (lieferschein, &now.lieferschein),
            (serial, &now.serial),
            (q, &now.q),
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

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if form.check(to_issue.get_untracked().is_none()) {
            go.run(Search {
                lieferschein: lieferschein.get_untracked().trim().to_owned(),
                serial: serial.get_untracked().trim().to_owned(),
                q: q.get_untracked().trim().to_owned(),
                from: from.get_untracked(),
                to: to.get_untracked(),
                page: 1,
            });
        }
    };
    let reset = move |_| {
        form.reset();
        go.run(Search::default());
    };
    // The export covers the history's filters; a delivery-note lookup is no history search.
    let auth = use_auth();
    let offered = Memo::new(move |_| {
        EXPORT_ACCESS.allows(auth.role()) && search.with(|search| search.lieferschein.is_empty())
    });
    let export = move || {
        offered.get().then(|| {
            let path = Callback::new(move |(format, numbers)| {
                let query = search.get().query(format::local_input_to_rfc3339);
                query.export_path("/api/outerkarton", format, numbers)
            });
            view! { <ExportButtons path /> }
        })
    };
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
            <PageHeader title=Key::CartonsTitle intro=Key::CartonsIntro />
            <form
                class="card filters"
                novalidate
                node_ref=form.node()
                on:submit=submit
                data-testid="cartons-filters"
            >
                <Field
                    form
                    name="serialnummer"
                    label=Key::CartonsSerial
                    value=serial
                    hint=Key::CartonsSerialHint
                    autocomplete="off"
                    testid="cartons-serial"
                    autofocus=true
                    maxlength=200
                />
                <Field
                    form
                    name="lieferschein"
                    label=Key::CartonLieferschein
                    value=lieferschein
                    hint=Key::CartonsLieferscheinHint
                    autocomplete="off"
                    testid="cartons-lieferschein"
                    maxlength=100
                />
                <Field
                    form
                    name="q"
                    label=Key::CartonsText
                    value=q
                    autocomplete="off"
                    testid="cartons-q"
                    maxlength=200
                />
                <Field
                    form
                    name="from"
                    label=Key::FilterFrom
                    value=from
                    kind=InputKind::DateTime
                    testid="cartons-from"
                />
                <Field
                    form
                    name="to"
                    label=Key::FilterTo
                    value=to
                    issue=to_issue
                    kind=InputKind::DateTime
                    testid="cartons-to"
                />
                <div class="filters__actions">
                    <button type="submit" class="btn btn--primary" data-testid="cartons-search">
                        {i18n.tr(Key::Search)}
                    </button>
                    <button
                        type="button"
                        class="btn btn--secondary"
                        data-testid="cartons-reset"
                        on:click=reset
                    >
                        {i18n.tr(Key::FilterReset)}
                    </button>
                </div>
            </form>
            {export}
            <Loaded
                resource=answer
                label=Key::CartonsLoading
                render=move |answer| {
                    answer.map(|(serial, carton)| view! { <SerialAnswer serial carton /> })
                }
            />
            <Loaded
                resource=list
                label=Key::CartonsLoading
                render=move |found| view! { <ResultTable found search page /> }
            />
        </div>
    }
}

/// "Einheit X ist in Karton #N (Lieferschein …, verpackt am …)" or "… in keinem Karton".
#[component]
fn SerialAnswer(serial: String, carton: Option<CartonDto>) -> impl IntoView {
    let i18n = use_i18n();
    let Some(carton) = carton else {
        return view! {
            <div
                class="alert alert--warning carton-answer"
                role="status"
                data-testid="cartons-serial-answer"
                data-found="false"
            >
                <p class="alert__title">
                    {move || fill(i18n.t(Key::CartonsSerialNone), &[("name", &serial)])}
                </p>
            </div>
        }
        .into_any();
    };
    let id = carton.id;
    let text = move || {
        let number = id.to_string();
        let packed = format::local_date_time(&carton.created_at, i18n.lang());
        match &carton.lieferschein_number {
            Some(lieferschein) => fill(
                i18n.t(Key::CartonsSerialIn),
                &[
                    ("name", &serial),
                    ("id", &number),
                    ("title", lieferschein),
                    ("time", &packed),
                ],
            ),
            None => fill(
                i18n.t(Key::CartonsSerialInNoLieferschein),
                &[("name", &serial), ("id", &number), ("time", &packed)],
            ),
        }
    };
    view! {
        <div
            class="alert alert--success carton-answer"
            role="status"
            data-testid="cartons-serial-answer"
            data-found="true"
            data-carton-id=id
        >
            <p class="alert__title">{text}</p>
            <A
                href=detail_path(id)
                attr:class="btn btn--primary"
                attr:data-testid="cartons-serial-open"
            >
                {move || fill(i18n.t(Key::CartonOpen), &[("id", &id.to_string())])}
            </A>
        </div>
    }
    .into_any()
}

#[component]
fn ResultTable(found: Found, search: Memo<Search>, page: RwSignal<u64>) -> impl IntoView {
    const COLUMNS: &[Key] = &[
        Key::CartonNumber,
        Key::PackingDate,
        Key::CartonLieferschein,
        Key::CartonLinesTitle,
        Key::ColCreatedBy,
        Key::ColLabel,
    ];
    let i18n = use_i18n();
    let Found { items, pagination } = found;
    let serial = search.with_untracked(|search| search.serial.clone());
    let rows = if items.is_empty() {
        view! {
            <tr>
                <td colspan=COLUMNS.len().to_string() class="table__empty">
                    {i18n.tr(Key::CartonsEmpty)}
                </td>
            </tr>
        }
        .into_any()
    } else {
        items
            .into_iter()
            .map(|carton| view! { <ResultRow carton serial=serial.clone() /> })
            .collect_view()
            .into_any()
    };
    let headings = COLUMNS
        .iter()
        .map(|&column| view! { <th scope="col">{i18n.tr(column)}</th> })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="table cartons-table" data-testid="cartons-table">
                <thead>
                    <tr>{headings}</tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        {pagination.map(|pagination| view! { <Pager pagination page /> })}
    }
}

/// One carton; a click anywhere on the row opens it, the number is the link for the keyboard.
#[component]
fn ResultRow(carton: CartonDto, serial: String) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let CartonDto {
        id,
        lieferschein_number,
        created_at,
        created_by,
        entries,
        last_print_job,
        ..
    } = carton;
    let open = move |ev: leptos::ev::MouseEvent| {
        // The number's own link (and any other link) navigates by itself.
        let on_link = ev
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
            .and_then(|element| element.closest("a").ok().flatten())
            .is_some();
        if !on_link {
            navigate(&detail_path(id), Default::default());
        }
    };
    let hidden = entries.len().saturating_sub(SHOWN_LINES);
    let shown = entries
        .into_iter()
        .take(SHOWN_LINES)
        .map(|entry| {
            let matched = !serial.is_empty()
                && entry.serialnummer.as_deref().map(str::trim) == Some(serial.as_str());
            let text = match &entry.serialnummer {
                Some(number) if !number.trim().is_empty() => format!(
                    "{} × {} {} ({number})",
                    entry.menge, entry.artikelnummer, entry.artikelbezeichnung
                ),
                _ => format!(
                    "{} × {} {}",
                    entry.menge, entry.artikelnummer, entry.artikelbezeichnung
                ),
            };
            if matched {
                view! {
                    <li>
                        <mark data-testid="cartons-match">{text}</mark>
                    </li>
                }
                .into_any()
            } else {
                view! { <li>{text}</li> }.into_any()
            }
        })
        .collect_view();
    let more = (hidden > 0).then(|| {
        let count = hidden.to_string();
        view! {
            <li class="muted">{move || fill(i18n.t(Key::CartonsMoreLines), &[("count", &count)])}</li>
        }
    });
    let label = match last_print_job {
        Some(job) => view! { <JobStatus job /> }.into_any(),
        None => view! { <span class="muted">"–"</span> }.into_any(),
    };
    view! {
        <tr
            class="cartons-row"
            data-testid="cartons-row"
            data-carton-id=id
            on:click=open
        >
            <td class="table__strong table__nowrap">
                <A href=detail_path(id) attr:data-testid="cartons-open">
                    {format!("#{id}")}
                </A>
            </td>
            <td class="table__nowrap">{move || format::local_date_time(&created_at, i18n.lang())}</td>
            <td>{lieferschein_number.unwrap_or_else(|| "–".to_owned())}</td>
            <td>
                <ul class="cartons-contents">{shown} {more}</ul>
            </td>
            <td>{created_by}</td>
            <td>{label}</td>
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
    fn the_unit_question_is_a_link() {
        assert_eq!(
            serial_path(" C2-0001 "),
            "/outerkarton/history?serialnummer=C2-0001"
        );
        assert_eq!(parse(&[("serialnummer", "C2-0001")]).serial, "C2-0001");
        assert_eq!(Search::default().href(), PATH);
    }

    #[test]
    fn searches_round_trip_through_the_url() {
        let search = Search {
            lieferschein: "LS-4711".into(),
            serial: "KK-1".into(),
            q: "Kabel".into(),
            from: "2026-11-01T00:00".into(),
            to: "2026-11-30T23:59".into(),
            page: 2,
        };
        let href = search.href();
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
        assert_eq!(parse(&[("page", "0")]).page, 1);
        let query = search.query(|_| None);
        assert_eq!((query.page, query.limit), (2, PAGE_SIZE));
        assert_eq!(query.serialnummer, "KK-1");
    }
}
