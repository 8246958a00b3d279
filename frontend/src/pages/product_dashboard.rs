//! A product line's dashboard (`/dashboard/cpro|c2|cbasic|kk`): the throughput chart and the
//! inspection table for the same filters, server-side sorted and paginated, with CSV/XLSX export
//! and drill-down to an inspection.
//!
//! Replaces the original's client-side tables (spec §2.1). The filters, the order and the page live
//! in the URL (`/dashboard/c2?completedFrom=2026-04-01&completedTo=2026-04-30&status=failed`), so the
//! analytics page can link to a drill-down and a view can be bookmarked.

use api_types::analytics::ThroughputReport;
use api_types::auth::Pagination;
use api_types::inspection::{
    InspectionList, InspectionStatus, InspectionSummary, ProductDefinition,
};
use leptos::prelude::*;
use leptos_router::components::{A, Redirect};
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

use crate::api::{self, AnalyticsQuery, InspectionQuery, with_query};
use crate::auth::Access;
use crate::components::chart::{BarChart, percent_text};
use crate::components::export_buttons::ExportButtons;
use crate::components::filter_fields::{DateField, FilterSelect};
use crate::components::form::{Field, Form, next_id};
use crate::components::guard::RequireAccess;
use crate::components::inspection_status::InspectionStatusBadge;
use crate::components::loading::Loaded;
use crate::components::month_chart::PRODUCT_LINES;
use crate::components::pager::Pager;
use crate::format;
use crate::i18n::{Key, fill, localized, t, use_i18n};
use crate::pages::admin_security_events::range_issue;
use crate::pages::inspections::{Sort, SortColumn, SortHeading, detail_path, status_options};
use crate::pages::not_found::NotFoundPage;
use crate::pages::{analytics, cartons, home, zubehoer_history};

/// MANAGEMENT and ADMIN.
pub const ACCESS: Access = Access::Dashboards;

/// The dashboard of product line `key`.
pub fn path(key: &str) -> String {
    format!("/dashboard/{key}")
}

/// Inspections per page.
const PAGE_SIZE: u64 = 25;

/// The longest completed range (in days) the chart shows per day; longer ones per month.
const MAX_DAYS_PER_DAY: i64 = 62;

/// Filters whose server messages are shown next to their field (the URL's parameter names).
const FIELDS: &[&str] = &[
    "completedFrom",
    "completedTo",
    "status",
    "variant",
    "article",
    "inspector",
    "serial",
];

/// Id of the `<datalist>` with the product line's article numbers.
const ARTICLES_LIST: &str = "dash-articles";

/// The variant field of a product line and its codes (C Pro disk size, C2 configuration, KK
/// optics); C Basic has none. The field's options in the definition name them.
pub fn variants(product: &str) -> Option<(&'static str, &'static [&'static str])> {
    match product {
        "cpro" => Some(("festplattengroesse", &["GB_256", "TB_1", "TB_4"])),
        "c2" => Some(("konfiguration", &["RC", "DMG", "DEMO", "EDU"])),
        "kk" => Some(("anzahl_optiken", &["Ein_Optik", "Zwei_Optiken"])),
        _ => None,
    }
}

/// The dashboard's filters as the URL holds them; empty texts do not filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filters {
    /// Completed by Prüfer B on or after this plant day (`YYYY-MM-DD`).
    pub completed_from: String,
    /// … and on or before this one (inclusive).
    pub completed_to: String,
    /// Wire name of an [`InspectionStatus`].
    pub status: String,
    /// A code of [`variants`].
    pub variant: String,
    /// Article number, exact.
    pub article: String,
    /// Username of Prüfer A or B.
    pub inspector: String,
    /// Beginning of the serial number.
    pub serial: String,
    /// Key of a check that failed (drill-down from the failure Pareto).
    pub failed_check: String,
    /// Key of a field in which A and B differ (drill-down from the disagreement report).
    pub differs: String,
    pub sort: Sort,
    pub page: u64,
}

impl Default for Filters {
    fn default() -> Self {
        Filters {
            completed_from: String::new(),
            completed_to: String::new(),
            status: String::new(),
            variant: String::new(),
            article: String::new(),
            inspector: String::new(),
            serial: String::new(),
            failed_check: String::new(),
            differs: String::new(),
            sort: Sort::default(),
            page: 1,
        }
    }
}

impl Filters {
    /// The filters in a URL query (`get` reads a parameter). An unreadable order or page is the
    /// default; other values go to the server as they are, which names what is wrong.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Filters {
        let text = |name: &str| get(name).map(|v| v.trim().to_owned()).unwrap_or_default();
        Filters {
            completed_from: text("completedFrom"),
            completed_to: text("completedTo"),
            status: text("status"),
            variant: text("variant"),
            article: text("article"),
            inspector: text("inspector"),
            serial: text("serial"),
            failed_check: text("failedCheck"),
            differs: text("differs"),
            sort: get("sort")
                .and_then(|sort| Sort::parse(&sort))
                .unwrap_or_default(),
            page: get("page")
                .and_then(|page| page.trim().parse().ok())
                .filter(|page| *page >= 1)
                .unwrap_or(1),
        }
    }

    /// The address of product line `product`'s dashboard with these filters (defaults left out).
    pub fn href(&self, product: &str) -> String {
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
            &path(product),
            &[
                ("completedFrom", self.completed_from.clone()),
                ("completedTo", self.completed_to.clone()),
                ("status", self.status.clone()),
                ("variant", self.variant.clone()),
                ("article", self.article.trim().to_owned()),
                ("inspector", self.inspector.trim().to_owned()),
                ("serial", self.serial.trim().to_owned()),
                ("failedCheck", self.failed_check.clone()),
                ("differs", self.differs.clone()),
                ("sort", sort),
                ("page", page),
            ],
        )
    }

    /// The inspection search of product line `product` (also the export's filters).
    pub fn query(&self, product: &str) -> InspectionQuery {
        InspectionQuery {
            product: product.to_owned(),
            serial: self.serial.clone(),
            status: self.status.clone(),
            inspector: self.inspector.clone(),
            sort: self.sort.param(),
            page: self.page,
            limit: PAGE_SIZE,
            variant: self.variant.clone(),
            article: self.article.clone(),
            completed_from: self.completed_from.clone(),
            completed_to: self.completed_to.clone(),
            failed_check: self.failed_check.clone(),
            differs: self.differs.clone(),
            ..InspectionQuery::default()
        }
    }

    /// The throughput report for the same product, variant, article, inspector and completed range
    /// (`today` is the plant day an open range ends on). Without a range the report's default.
    pub fn analytics(&self, product: &str, today: &str) -> AnalyticsQuery {
        AnalyticsQuery {
            from: self.completed_from.clone(),
            to: self.completed_to.clone(),
            granularity: granularity(&self.completed_from, &self.completed_to, today).to_owned(),
            product: product.to_owned(),
            variant: self.variant.clone(),
            article: self.article.clone(),
            inspector: self.inspector.clone(),
        }
    }
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` day; `None` when it is no calendar day.
pub fn day_number(day: &str) -> Option<i64> {
    let mut parts = day.trim().splitn(3, '-');
    let year: i64 = parts.next()?.parse().ok()?;
    let month: u32 = parts.next()?.parse().ok()?;
    let day: u32 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// First and last day of a month picker's value (`2026-02` → `2026-02-01`, `2026-02-28`).
pub fn month_range(month: &str) -> Option<(String, String)> {
    let (year, number) = month.trim().split_once('-')?;
    if year.len() != 4 || number.len() != 2 {
        return None;
    }
    let year_value: i64 = year.parse().ok()?;
    let number_value: u32 = number.parse().ok()?;
    if !(1..=12).contains(&number_value) {
        return None;
    }
    let last = days_in_month(year_value, number_value);
    Some((
        format!("{year}-{number}-01"),
        format!("{year}-{number}-{last:02}"),
    ))
}

/// The month a completed range covers exactly (for the month picker), if it does.
pub fn whole_month(from: &str, to: &str) -> Option<String> {
    let month = from.trim().strip_suffix("-01")?;
    let (first, last) = month_range(month)?;
    (first == from.trim() && last == to.trim()).then(|| month.to_owned())
}

/// The chart's granularity for a completed range: per day up to [`MAX_DAYS_PER_DAY`] days,
/// otherwise per month (also without a start: the report's default of 12 months). An open end is
/// `today`.
pub fn granularity(from: &str, to: &str, today: &str) -> &'static str {
    if from.trim().is_empty() {
        return "month";
    }
    let to = if to.trim().is_empty() { today } else { to };
    match (day_number(from), day_number(to)) {
        (Some(first), Some(last)) if (0..MAX_DAYS_PER_DAY).contains(&(last - first)) => "day",
        _ => "month",
    }
}

/// The table of the units waiting for Prüfer B, oldest first, with the other unit filters; the
/// completed range and the drill-down filters go (a waiting unit has neither).
pub fn waiting(filters: &Filters) -> Filters {
    Filters {
        completed_from: String::new(),
        completed_to: String::new(),
        status: InspectionStatus::AwaitingB.as_str().to_owned(),
        failed_check: String::new(),
        differs: String::new(),
        sort: Sort {
            column: SortColumn::Created,
            descending: false,
        },
        page: 1,
        ..filters.clone()
    }
}

/// "1–25" of the page shown (`None` when it shows nothing).
pub fn shown_range(pagination: &Pagination) -> Option<(u64, u64)> {
    let first = pagination
        .page
        .saturating_sub(1)
        .saturating_mul(pagination.limit)
        + 1;
    let last = pagination
        .page
        .saturating_mul(pagination.limit)
        .min(pagination.total);
    (first <= last).then_some((first, last))
}

/// The browser's date today (`YYYY-MM-DD`), standing in for the plant's day.
fn today() -> String {
    let now = web_sys::js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    )
}

#[component]
pub fn ProductDashboardPage() -> impl IntoView {
    let params = use_params_map();
    let key = Memo::new(move |_| params.with(|params| params.get("product").unwrap_or_default()));
    move || {
        let wanted = key.get();
        match PRODUCT_LINES.iter().find(|line| line.key == wanted) {
            Some(line) => {
                let (key, name) = (line.key, line.name);
                view! {
                    <RequireAccess access=ACCESS>
                        <Dashboard key name />
                    </RequireAccess>
                }
                .into_any()
            }
            None => match moved_dashboard(&wanted) {
                Some(path) => view! { <Redirect path /> }.into_any(),
                None => view! { <NotFoundPage /> }.into_any(),
            },
        }
    }
}

/// Where the original's packaging dashboards (`/dashboard/zubehoer`, `/dashboard/outer-karton`)
/// live now, for old bookmarks.
pub fn moved_dashboard(key: &str) -> Option<&'static str> {
    match key {
        "zubehoer" => Some(zubehoer_history::PATH),
        "outer-karton" => Some(cartons::PATH),
        _ => None,
    }
}

#[component]
fn Dashboard(key: &'static str, name: Key) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let navigate = use_navigate();
    let filters =
        Memo::new(move |_| query.with(|query| Filters::from_query(|name| query.get(name))));
    let go = Callback::new(move |next: Filters| navigate(&next.href(key), Default::default()));
    let title = move || i18n.named(Key::DashTitle, i18n.t(name));
    Effect::new(move || {
        let text = format!("{} – {}", title(), i18n.t(Key::AppName));
        if let Some(document) = web_sys::window().and_then(|window| window.document()) {
            document.set_title(&text);
        }
    });

    // Field and option labels, article numbers; without it codes stand in for names.
    let definition_answer = LocalResource::new(move || api::product_definition(key));
    let definition = Memo::new(move |_| {
        definition_answer.with(|answer| match answer {
            Some(Ok(answer)) => Some(answer.data.clone()),
            _ => None,
        })
    });

    let form = Form::new();
    let list = LocalResource::new(move || {
        let query = filters.get().query(key);
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
    let today = today();
    let report_query = Memo::new(move |_| filters.with(|filters| filters.analytics(key, &today)));
    let throughput = LocalResource::new(move || {
        let query = report_query.get();
        async move { api::analytics_throughput(&query).await }
    });

    let page = RwSignal::new(filters.get_untracked().page);
    Effect::new(move || {
        let now = filters.get().page;
        if page.get_untracked() != now {
            page.set(now);
        }
    });
    Effect::new(move || {
        let wanted = page.get();
        let now = filters.get_untracked();
        if wanted != now.page {
            go.run(Filters {
                page: wanted,
                ..now
            });
        }
    });
    // A column of the chart shows its period in the table.
    let on_period = Callback::new(move |(from, to): (String, String)| {
        go.run(Filters {
            completed_from: from,
            completed_to: to,
            page: 1,
            ..filters.get_untracked()
        });
    });
    let waiting_href = Signal::derive(move || filters.with(|filters| waiting(filters).href(key)));
    let export = Callback::new(move |(format, numbers)| {
        filters.get().query(key).export_path(format, numbers)
    });

    view! {
        <div class="page dash">
            <div class="page-header">
                <h1 class="page-title" data-testid="page-title">
                    {title}
                </h1>
            </div>
            <p class="page-intro">{i18n.tr(Key::DashIntro)}</p>
            <DashboardLinks />
            <FilterForm key form filters definition go />
            <section class="card dash-chart" data-testid="dash-chart">
                <Loaded
                    resource=throughput
                    label=Key::DashChartLoading
                    render=move |answer| view! { <Throughput report=answer.data on_period waiting=waiting_href /> }
                />
                <p class="muted dash-chart__hint">{i18n.tr(Key::DashChartHint)}</p>
            </section>
            <section class="dash-records" aria-labelledby="dash-records-title">
                <div class="dash-records__header">
                    <h2 id="dash-records-title" class="section__title">
                        {i18n.tr(Key::DashTableTitle)}
                    </h2>
                    <ExportButtons path=export />
                </div>
                <Loaded
                    resource=list
                    label=Key::DashLoading
                    render=move |answer| view! { <Records list=answer.data filters page go /> }
                />
            </section>
        </div>
    }
}

/// Links to the analytics overview and the other product lines' dashboards.
#[component]
fn DashboardLinks() -> impl IntoView {
    let i18n = use_i18n();
    let products = PRODUCT_LINES
        .iter()
        .map(|line| {
            view! {
                <A
                    href=path(line.key)
                    attr:class="dash-links__link"
                    attr:data-testid=format!("dash-nav-{}", line.key)
                >
                    {i18n.tr(line.name)}
                </A>
            }
        })
        .collect_view();
    view! {
        <nav class="dash-links" aria-label=i18n.tr(Key::DashLinksLabel)>
            <A
                href=analytics::PATH
                exact=true
                attr:class="dash-links__link"
                attr:data-testid="dash-nav-analytics"
            >
                {i18n.tr(Key::NavDashboards)}
            </A>
            {products}
        </nav>
    }
}

/// What the user types, applied with "Anwenden" (selects and the month at once); the chips of the
/// drill-down filters.
#[component]
fn FilterForm(
    key: &'static str,
    form: Form,
    filters: Memo<Filters>,
    definition: Memo<Option<ProductDefinition>>,
    go: Callback<Filters>,
) -> impl IntoView {
    let i18n = use_i18n();
    let completed_from = RwSignal::new(String::new());
    let completed_to = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let variant = RwSignal::new(String::new());
    let article = RwSignal::new(String::new());
    let inspector = RwSignal::new(String::new());
    let serial = RwSignal::new(String::new());
    let to_issue = Signal::derive(move || {
        completed_from.with(|from| completed_to.with(|to| range_issue(from, to)))
    });
    // A new URL (a link, the back button, "Zurücksetzen"): the inputs follow, messages about the
    // previous filters go.
    Effect::new(move |before: Option<Filters>| {
        let now = filters.get();
        for (draft, value) in [
            (completed_from, &now.completed_from),
            (completed_to, &now.completed_to),
            (status, &now.status),
            (variant, &now.variant),
            (article, &now.article),
            (inspector, &now.inspector),
            (serial, &now.serial),
        ] {
            if draft.with_untracked(|draft| draft != value) {
                draft.set(value.clone());
            }
        }
        if before.is_some_and(|before| before != now) {
            form.reset();
        }
        now
    });

    // The drill-down filters (failed check, differing field) stay: they are removed by their chip.
    let apply = move || {
        go.run(Filters {
            completed_from: completed_from.get_untracked(),
            completed_to: completed_to.get_untracked(),
            status: status.get_untracked(),
            variant: variant.get_untracked(),
            article: article.get_untracked().trim().to_owned(),
            inspector: inspector.get_untracked().trim().to_owned(),
            serial: serial.get_untracked().trim().to_owned(),
            page: 1,
            ..filters.get_untracked()
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
        go.run(Filters::default());
    };
    let month = Signal::derive(move || {
        completed_from
            .with(|from| completed_to.with(|to| whole_month(from, to)))
            .unwrap_or_default()
    });
    let pick_month = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let (from, to) = if value.trim().is_empty() {
            (String::new(), String::new())
        } else {
            match month_range(&value) {
                Some(range) => range,
                None => return,
            }
        };
        completed_from.set(from);
        completed_to.set(to);
        form.edited("completedFrom");
        form.edited("completedTo");
        apply();
    };

    let variant_select = variants(key).map(|(field, codes)| {
        let options = Signal::derive(move || {
            let lang = i18n.lang();
            definition.with(|definition| {
                codes
                    .iter()
                    .map(|&code| {
                        let label = definition
                            .as_ref()
                            .and_then(|d| d.fields.iter().find(|f| f.key == field))
                            .and_then(|f| f.options.iter().find(|o| o.code == code))
                            .map(|o| localized(lang, &o.label_de, &o.label_en).to_owned())
                            .unwrap_or_else(|| code.to_owned());
                        (code.to_owned(), label)
                    })
                    .collect::<Vec<_>>()
            })
        });
        view! {
            <FilterSelect
                form
                name="variant"
                label=Key::DashVariant
                testid="dash-variant"
                options
                value=variant
                all=true
                on_change=move |()| apply()
            />
        }
    });
    let articles = move || {
        definition.with(|definition| {
            let mut seen = Vec::new();
            definition
                .iter()
                .flat_map(|d| d.articles.iter())
                .filter(|rule| {
                    let new = !seen.contains(&rule.artikel_nummer);
                    seen.push(rule.artikel_nummer.clone());
                    new
                })
                .map(|rule| {
                    view! {
                        <option value=rule.artikel_nummer.clone()>
                            {rule.artikel_bezeichnung.clone()}
                        </option>
                    }
                })
                .collect_view()
        })
    };

    view! {
        <form
            class="card filters dash-filters"
            novalidate
            node_ref=form.node()
            on:submit=submit
            aria-label=i18n.tr(Key::DashFilters)
            data-testid="dash-filters"
        >
            <DateField
                form
                name="completedFrom"
                label=Key::DashCompletedFrom
                value=completed_from
                testid="dash-completed-from"
            />
            <DateField
                form
                name="completedTo"
                label=Key::DashCompletedTo
                value=completed_to
                issue=to_issue
                testid="dash-completed-to"
            />
            <MonthField month on_pick=pick_month />
            <FilterSelect
                form
                name="status"
                label=Key::Status
                testid="dash-status"
                options=status_options()
                value=status
                all=true
                on_change=move |()| apply()
            />
            {variant_select}
            <Field
                form
                name="article"
                label=Key::DashArticle
                value=article
                autocomplete="off"
                testid="dash-article"
                maxlength=100
                list=ARTICLES_LIST
            />
            <datalist id=ARTICLES_LIST>{articles}</datalist>
            <Field
                form
                name="inspector"
                label=Key::FilterInspector
                value=inspector
                autocomplete="off"
                testid="dash-inspector"
                maxlength=100
            />
            <Field
                form
                name="serial"
                label=Key::FilterSerial
                value=serial
                autocomplete="off"
                testid="dash-serial"
                maxlength=200
            />
            <Chips filters definition go />
            <div class="filters__actions">
                <button type="submit" class="btn btn--primary" data-testid="dash-apply">
                    {i18n.tr(Key::DashApply)}
                </button>
                <button
                    type="button"
                    class="btn btn--secondary"
                    data-testid="dash-reset"
                    on:click=reset
                >
                    {i18n.tr(Key::DashReset)}
                </button>
            </div>
        </form>
    }
}

/// The month shortcut: picking a month sets the completed range to its first and last day.
#[component]
fn MonthField(
    #[prop(into)] month: Signal<String>,
    on_pick: impl Fn(leptos::ev::Event) + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = next_id("dash-month");
    let hint_id = format!("{id}-hint");
    view! {
        <div class="field">
            <label class="field__label" for=id.clone()>
                {i18n.tr(Key::DashMonth)}
            </label>
            <input
                id=id
                class="input"
                type="month"
                data-testid="dash-month"
                aria-describedby=hint_id.clone()
                prop:value=move || month.get()
                on:change=on_pick
            />
            <p class="field__hint" id=hint_id>
                {i18n.tr(Key::DashMonthHint)}
            </p>
        </div>
    }
}

/// The drill-down filters (failed check, differing field), named by the field's label; ✕
/// removes one.
#[component]
fn Chips(
    filters: Memo<Filters>,
    definition: Memo<Option<ProductDefinition>>,
    go: Callback<Filters>,
) -> impl IntoView {
    let i18n = use_i18n();
    let label = move |field: &str| {
        definition.with(|definition| {
            definition
                .as_ref()
                .and_then(|d| d.fields.iter().find(|f| f.key == field))
                .map(|f| localized(i18n.lang(), &f.label_de, &f.label_en).to_owned())
                .unwrap_or_else(|| field.to_owned())
        })
    };
    let chip = move |text: Key,
                     testid: &'static str,
                     value: fn(&Filters) -> &String,
                     clear: fn(&mut Filters)| {
        move || {
            let field = filters.with(|filters| value(filters).clone());
            (!field.is_empty()).then(|| {
                let name = label(&field);
                let remove = fill(i18n.t(Key::DashRemoveFilter), &[("name", &name)]);
                view! {
                    <span class="chip" data-testid=testid data-value=field.clone()>
                        {fill(i18n.t(text), &[("name", &name)])}
                        <button
                            type="button"
                            class="chip__remove"
                            aria-label=remove.clone()
                            title=remove
                            data-testid=format!("{testid}-remove")
                            on:click=move |_| {
                                let mut next = filters.get_untracked();
                                clear(&mut next);
                                next.page = 1;
                                go.run(next);
                            }
                        >
                            "✕"
                        </button>
                    </span>
                }
            })
        }
    };
    view! {
        <div class="chips" aria-live="polite">
            {chip(
                Key::DashFailedCheck,
                "dash-chip-failed-check",
                |filters| &filters.failed_check,
                |filters| filters.failed_check.clear(),
            )}
            {chip(
                Key::DashDiffers,
                "dash-chip-differs",
                |filters| &filters.differs,
                |filters| filters.differs.clear(),
            )}
        </div>
    }
}

/// The report's totals as figure cards and its periods as a chart; a click on a column shows that
/// period (`on_period` gets its first and last day).
#[component]
fn Throughput(
    report: ThroughputReport,
    on_period: Callback<(String, String)>,
    /// The table's address for the units waiting for Prüfer B.
    waiting: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || i18n.lang();
    let total = report.total.clone();
    let awaiting_b = report.awaiting_b;
    let periods = report.scope.periods.clone();
    let x_label = match report.scope.granularity.as_str() {
        "day" => Key::DashPeriodDay,
        "week" => Key::DashPeriodWeek,
        _ => Key::DashPeriodMonth,
    };
    let range = StoredValue::new(report.scope.clone());
    let kpi = move |testid: &'static str,
                    title: Key,
                    tone: &'static str,
                    (value, text): (String, String),
                    caption: String| {
        view! {
            <div class=format!("card kpi {tone}") data-testid=format!("{testid}-card")>
                <span class="kpi__title">{i18n.tr(title)}</span>
                <span class="kpi__value" data-testid=testid data-value=value>
                    {text}
                </span>
                <span class="kpi__caption">{caption}</span>
            </div>
        }
    };
    let figures = move || {
        let lang = lang();
        let count = |value: u64| (value.to_string(), format::count(value, lang));
        let fpy = match total.first_pass_yield {
            Some(share) => (share.to_string(), percent_text(share, lang)),
            None => (String::new(), "–".to_owned()),
        };
        // The range the figures count: the chosen one, or the report's default (12 months).
        let time = range.with_value(|scope| analytics::range_text(scope, lang));
        let in_range = fill(t(lang, Key::DashRangeCaption), &[("time", &time)]);
        let released = fill(
            t(lang, Key::AnalyticsKpiFailedCaption),
            &[
                ("count", &format::count(total.released, lang)),
                ("time", &time),
            ],
        );
        let (waiting_value, waiting_text) = count(awaiting_b);
        // The table lists them: without the completed range, which only completed units have.
        let waiting_link = (awaiting_b > 0).then(|| {
            view! {
                <A
                    href=move || waiting.get()
                    attr:class="kpi__link"
                    attr:data-testid="dash-awaiting-b-link"
                >
                    {t(lang, Key::AnalyticsWaitingLink)}
                </A>
            }
        });
        view! {
            {kpi("dash-inspected", Key::DashInspected, "kpi--total", count(total.inspected), in_range.clone())}
            {kpi("dash-passed", Key::DashPassed, "kpi--passed", count(total.passed), in_range.clone())}
            {kpi("dash-failed", Key::DashFailed, "kpi--failed", count(total.failed), released)}
            {kpi("dash-fpy", Key::DashFpy, "kpi--recent", fpy, in_range)}
            <div class="card kpi kpi--waiting" data-testid="dash-awaiting-b-card">
                <span class="kpi__title">{t(lang, Key::DashAwaitingB)}</span>
                <span class="kpi__value" data-testid="dash-awaiting-b" data-value=waiting_value>
                    {waiting_text}
                </span>
                <span class="kpi__caption">{t(lang, Key::DashAwaitingBCaption)}</span>
                {waiting_link}
            </div>
        }
    };
    let select = Callback::new(move |index: usize| {
        if let Some(period) = periods.get(index) {
            on_period.run((period.from.clone(), period.to.clone()));
        }
    });
    let data = Signal::derive(move || analytics::throughput_data(&report, i18n.lang()));
    view! {
        <div class="kpi-grid dash-kpis">{figures}</div>
        <BarChart
            id="throughput"
            title=Signal::derive(move || i18n.t(Key::DashChartTitle).to_owned())
            x_label=Signal::derive(move || i18n.t(x_label).to_owned())
            y_label=Signal::derive(move || i18n.t(Key::DashInspections).to_owned())
            data
            on_select=select
        />
    }
}

/// One page of inspections: "1–25 von 93", the sortable table and the pager.
#[component]
fn Records(
    list: InspectionList,
    filters: Memo<Filters>,
    page: RwSignal<u64>,
    go: Callback<Filters>,
) -> impl IntoView {
    let i18n = use_i18n();
    let InspectionList {
        inspections,
        pagination,
    } = list;
    let total = pagination.total;
    let shown = shown_range(&pagination);
    let range = move || {
        let lang = i18n.lang();
        let name = match shown {
            Some((first, last)) => {
                format!(
                    "{}–{}",
                    format::count(first, lang),
                    format::count(last, lang)
                )
            }
            None => "0".to_owned(),
        };
        fill(
            t(lang, Key::DashRange),
            &[("name", &name), ("total", &format::count(total, lang))],
        )
    };
    let sort = Signal::derive(move || filters.with(|filters| filters.sort));
    let on_sort = Callback::new(move |sort: Sort| {
        go.run(Filters {
            sort,
            page: 1,
            ..filters.get_untracked()
        });
    });
    let columns = [
        (Key::ColSerial, Some(SortColumn::Serial)),
        (Key::Status, Some(SortColumn::Status)),
        (Key::DashVariant, None),
        (Key::DashArticle, None),
        (Key::ColPrueferA, None),
        (Key::ColPrueferB, None),
        (Key::DashColRecorded, Some(SortColumn::Created)),
        (Key::ColCompleted, Some(SortColumn::Completed)),
    ];
    let count = columns.len();
    let headings = columns
        .into_iter()
        .map(|(label, column)| match column {
            Some(column) => view! { <SortHeading label column sort on_sort /> }.into_any(),
            None => view! { <th scope="col">{i18n.tr(label)}</th> }.into_any(),
        })
        .collect_view();
    let rows = if inspections.is_empty() {
        view! {
            <tr>
                <td colspan=count.to_string() class="table__empty" data-testid="dash-empty">
                    {i18n.tr(Key::DashEmpty)}
                </td>
            </tr>
        }
        .into_any()
    } else {
        inspections
            .into_iter()
            .map(|inspection| view! { <Row inspection /> })
            .collect_view()
            .into_any()
    };
    view! {
        <p class="dash-total" data-testid="dash-total" data-total=total.to_string()>
            {range}
        </p>
        <div class="table-wrap">
            <table class="table" data-testid="dash-table">
                <thead>
                    <tr>{headings}</tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <Pager pagination page />
    }
}

#[component]
fn Row(inspection: InspectionSummary) -> impl IntoView {
    let i18n = use_i18n();
    let InspectionSummary {
        id,
        serialnummer,
        status,
        artikel_nummer,
        artikel_bezeichnung,
        variant,
        pruefer_a,
        pruefer_b,
        a_at,
        b_at,
        overridden,
        ..
    } = inspection;
    let variant = move || {
        variant
            .as_deref()
            .map(|name| home::variant_label(name, i18n.lang()))
            .unwrap_or_else(|| "–".to_owned())
    };
    let failed = status == InspectionStatus::Failed;
    let completed = b_at.map(|at| move || format::local_date_time(&at, i18n.lang()));
    view! {
        <tr
            data-testid=format!("dash-row-{id}")
            data-status=status.as_str()
            class=("table__row--failed", failed)
        >
            <td class="table__strong">
                <A href=detail_path(id) attr:data-testid=format!("dash-link-{id}")>
                    {serialnummer}
                </A>
            </td>
            <td>
                <InspectionStatusBadge status overridden />
            </td>
            <td>{variant}</td>
            <td>
                {artikel_nummer.unwrap_or_else(|| "–".to_owned())}
                {artikel_bezeichnung.map(|name| view! { <div class="muted job-kind">{name}</div> })}
            </td>
            <td>{pruefer_a}</td>
            <td>{pruefer_b.unwrap_or_else(|| "–".to_owned())}</td>
            <td class="table__nowrap">{move || format::local_date_time(&a_at, i18n.lang())}</td>
            <td class="table__nowrap">
                {completed.map(|at| at.into_any()).unwrap_or_else(|| "–".into_any())}
            </td>
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use api_types::analytics::{AnalyticsScope, ThroughputFigures, ThroughputPeriod};

    use api_types::analytics::Period;

    use super::*;
    use crate::i18n::Lang;

    fn parse(pairs: &[(&str, &str)]) -> Filters {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Filters::from_query(|name| map.get(name).cloned())
    }

    fn decode(href: &str) -> Vec<(String, String)> {
        let query = href.split_once('?').map(|(_, q)| q).unwrap_or_default();
        query
            .split('&')
            .filter_map(|pair| pair.split_once('='))
            .map(|(k, v)| (k.to_owned(), v.replace("%2D", "-")))
            .collect()
    }

    #[test]
    fn an_empty_query_is_the_default() {
        assert_eq!(parse(&[]), Filters::default());
        assert_eq!(Filters::default().href("c2"), "/dashboard/c2");
    }

    #[test]
    fn filters_round_trip_through_the_url() {
        let filters = Filters {
            completed_from: "2026-04-01".into(),
            completed_to: "2026-04-30".into(),
            status: "failed".into(),
            variant: "TB_1".into(),
            article: "10650".into(),
            inspector: "anna".into(),
            serial: "CP-00".into(),
            failed_check: "hdmi_ok".into(),
            differs: "mac_adresse".into(),
            sort: Sort {
                column: SortColumn::Serial,
                descending: true,
            },
            page: 3,
        };
        let href = filters.href("cpro");
        assert_eq!(
            href,
            "/dashboard/cpro?completedFrom=2026-04-01&completedTo=2026-04-30&status=failed\
             &variant=TB_1&article=10650&inspector=anna&serial=CP-00&failedCheck=hdmi_ok\
             &differs=mac_adresse&sort=-serial&page=3"
        );
        let pairs = decode(&href);
        let borrowed: Vec<(&str, &str)> = pairs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(parse(&borrowed), filters);
    }

    #[test]
    fn drill_down_links_from_the_analytics_page_filter() {
        let filters = parse(&[("failedCheck", "hdmi_ok"), ("page", "0"), ("sort", "price")]);
        assert_eq!(filters.failed_check, "hdmi_ok");
        assert_eq!(filters.page, 1);
        assert_eq!(filters.sort, Sort::default());
    }

    #[test]
    fn the_api_query_is_the_products_search() {
        let filters = Filters {
            completed_from: "2026-04-01".into(),
            variant: "RC".into(),
            differs: "konfiguration".into(),
            ..Filters::default()
        };
        let query = filters.query("c2");
        assert_eq!(query.product, "c2");
        assert_eq!(query.limit, PAGE_SIZE);
        assert_eq!(query.sort, "-created");
        assert_eq!(
            query.path(),
            "/api/inspections?product=c2&sort=-created&variant=RC&completedFrom=2026-04-01\
             &differs=konfiguration&page=1&limit=25"
        );
        assert_eq!(
            query.export_path(api::ExportFormat::Csv, api::NumberFormat::En),
            "/api/inspections/export?product=c2&sort=-created&variant=RC\
             &completedFrom=2026-04-01&differs=konfiguration&format=csv&numbers=en"
        );
    }

    #[test]
    fn months_become_their_first_and_last_day() {
        assert_eq!(
            month_range("2026-02"),
            Some(("2026-02-01".into(), "2026-02-28".into()))
        );
        assert_eq!(
            month_range("2028-02"),
            Some(("2028-02-01".into(), "2028-02-29".into()))
        );
        assert_eq!(
            month_range("2026-12"),
            Some(("2026-12-01".into(), "2026-12-31".into()))
        );
        assert_eq!(month_range("2026-13"), None);
        assert_eq!(month_range("April"), None);
        assert_eq!(
            whole_month("2026-04-01", "2026-04-30").as_deref(),
            Some("2026-04")
        );
        assert_eq!(whole_month("2026-04-01", "2026-04-29"), None);
        assert_eq!(whole_month("2026-04-02", "2026-04-30"), None);
        assert_eq!(whole_month("", ""), None);
    }

    #[test]
    fn days_are_counted_like_the_calendar() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2000-03-01"), Some(11_017));
        assert_eq!(day_number("2026-02-29"), None);
        assert_eq!(day_number("2026-04-31"), None);
        assert_eq!(day_number("gestern"), None);
        let span = |from, to| day_number(to).zip(day_number(from)).map(|(b, a)| b - a);
        assert_eq!(span("2026-12-31", "2027-01-01"), Some(1));
        assert_eq!(span("2028-02-01", "2028-03-01"), Some(29));
    }

    #[test]
    fn short_ranges_are_charted_per_day() {
        let today = "2026-11-26";
        assert_eq!(granularity("", "", today), "month");
        assert_eq!(granularity("", "2026-11-01", today), "month");
        assert_eq!(granularity("2026-04-01", "2026-04-30", today), "day");
        // 62 days inclusive: per day; 63: per month.
        assert_eq!(granularity("2026-01-01", "2026-03-03", today), "day");
        assert_eq!(granularity("2026-01-01", "2026-03-04", today), "month");
        assert_eq!(granularity("2026-11-01", "", today), "day");
        assert_eq!(granularity("2026-01-01", "", today), "month");
        assert_eq!(granularity("2026-05-01", "2026-04-01", today), "month");
        let query = Filters {
            completed_from: "2026-04-01".into(),
            completed_to: "2026-04-30".into(),
            inspector: "anna".into(),
            status: "failed".into(),
            ..Filters::default()
        }
        .analytics("kk", today);
        assert_eq!(
            query.path("throughput"),
            "/api/analytics/throughput?from=2026-04-01&to=2026-04-30&granularity=day&product=kk\
             &inspector=anna"
        );
        assert_eq!(
            Filters::default().analytics("kk", today).path("throughput"),
            "/api/analytics/throughput?granularity=month&product=kk"
        );
    }

    fn period(key: &str, label: &str) -> Period {
        Period {
            key: key.into(),
            label: label.into(),
            from: format!("{key}-01"),
            to: format!("{key}-28"),
        }
    }

    #[test]
    fn the_chart_follows_the_periods_of_the_scope() {
        let figures = |passed: u64, failed: u64| ThroughputFigures {
            inspected: passed + failed,
            passed,
            failed,
            released: 0,
            first_pass_yield: Some(passed as f64 / (passed + failed) as f64),
        };
        let report = ThroughputReport {
            scope: AnalyticsScope {
                periods: vec![
                    period("2026-03", "März 2026"),
                    period("2026-04", "Apr. 2026"),
                ],
                ..AnalyticsScope::default()
            },
            // Only periods with completions may be listed.
            periods: vec![ThroughputPeriod {
                key: "2026-04".into(),
                figures: figures(3, 1),
            }],
            total: figures(3, 1),
            awaiting_b: 2,
        };
        let chart = analytics::throughput_data(&report, Lang::De);
        assert_eq!(chart.categories, ["März 2026", "Apr. 2026"]);
        assert_eq!(chart.series[0].name, "Bestanden");
        assert_eq!(chart.series[0].class, "series-passed");
        assert_eq!(chart.series[0].values, [0.0, 3.0]);
        assert_eq!(chart.series[1].values, [0.0, 1.0]);
        let (name, line) = chart.line.unwrap_or_default();
        assert_eq!(name, "Erstausbeute");
        assert_eq!(line, [None, Some(0.75)]);
    }

    #[test]
    fn the_waiting_units_drop_what_only_completed_units_have() {
        let filters = parse(&[
            ("completedFrom", "2026-10-01"),
            ("completedTo", "2026-10-31"),
            ("status", "failed"),
            ("variant", "DMG"),
            ("failedCheck", "hdmi_ok"),
            ("page", "3"),
        ]);
        assert_eq!(
            waiting(&filters).href("c2"),
            "/dashboard/c2?status=awaiting_b&variant=DMG&sort=created"
        );
    }

    #[test]
    fn the_total_line_names_the_rows_shown() {
        let pages = |page, total| shown_range(&Pagination::new(page, 25, total));
        assert_eq!(pages(1, 93), Some((1, 25)));
        assert_eq!(pages(4, 93), Some((76, 93)));
        assert_eq!(pages(1, 0), None);
        assert_eq!(pages(9, 93), None);
    }

    #[test]
    fn the_original_packaging_dashboards_lead_to_the_histories() {
        assert_eq!(moved_dashboard("zubehoer"), Some("/zubehoer/history"));
        assert_eq!(
            moved_dashboard("outer-karton"),
            Some("/outerkarton/history")
        );
        assert_eq!(moved_dashboard("c2"), None);
    }

    #[test]
    fn every_product_line_but_c_basic_has_variants() {
        for line in PRODUCT_LINES {
            assert_eq!(
                variants(line.key).is_some(),
                line.key != "cbasic",
                "{}",
                line.key
            );
        }
        assert_eq!(path("kk"), "/dashboard/kk");
    }
}
