//! Analytics for QA staff and management (`/dashboard`): throughput, first-pass yield, failure
//! Pareto, A/B disagreement, lead time, work per inspector and label figures, with drill-down to the
//! product dashboards.
//!
//! The filters live in the URL (`/dashboard?from=2026-10-01&to=2026-10-31&product=c2`), so a view
//! can be bookmarked and the back button returns to the previous one. The six reports load side by
//! side, each section with its own loading state and error.

use api_types::analytics::{
    AnalyticsScope, DisagreementReport, DisagreementResponse, FailureCheck, FailureReport,
    FailureResponse, FieldDisagreement, InspectorReport, InspectorResponse, LabelReport,
    LabelResponse, LeadTimeBucket, LeadTimeReport, LeadTimeResponse, Period, ThroughputReport,
    ThroughputResponse,
};
use api_types::dashboard::NameValue;
use api_types::inspection::InspectionStatus;
use api_types::printing::JobKind;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::{self, AnalyticsQuery, ApiResult, with_query};
use crate::auth::Access;
use crate::components::chart::{BarChart, ChartData, Series, percent_text};
use crate::components::error_panel::ErrorPanel;
use crate::components::filter_fields::{DateField, FilterSelect};
use crate::components::form::{Field, Form, FormError};
use crate::components::guard::RequireAccess;
use crate::components::loading::Loading;
use crate::components::month_chart::{PRODUCT_LINES, product_name};
use crate::components::page_header::PageHeader;
use crate::format;
use crate::i18n::{Key, Lang, fill, job_kind_label, localized, t, use_i18n};
use crate::pages::admin_security_events::range_issue;
use crate::pages::home::variant_label;
use crate::pages::inspections::{self, Sort, SortColumn};
use crate::pages::{print_jobs, product_dashboard, use_page_title};

/// MANAGEMENT and ADMIN.
pub const ACCESS: Access = Access::Dashboards;

/// The client route of the page.
pub const PATH: &str = "/dashboard";

/// Filters whose server messages are shown next to their field.
const FIELDS: &[&str] = &[
    "from",
    "to",
    "granularity",
    "product",
    "variant",
    "article",
    "inspector",
];

/// The granularities, the server's default (`month`) last.
const GRANULARITIES: [(&str, Key); 3] = [
    ("day", Key::AnalyticsDay),
    ("week", Key::AnalyticsWeek),
    ("month", Key::AnalyticsMonth),
];
const DEFAULT_GRANULARITY: &str = "month";

/// Checks the Pareto chart shows (the table lists all).
const PARETO_COLUMNS: usize = 20;

/// Disagreement rows shown before "Alle anzeigen".
const DISAGREEMENT_ROWS: usize = 15;

/// The variants of a product line, as the distributions name them (none for C Basic).
pub fn variants(product: &str) -> &'static [&'static str] {
    product_dashboard::variants(product).map_or(&[], |(_, codes)| codes)
}

/// The filters of a URL query (`get` reads a parameter); the server judges the values.
pub fn query_from_url(get: impl Fn(&str) -> Option<String>) -> AnalyticsQuery {
    let text = |name: &str| get(name).map(|v| v.trim().to_owned()).unwrap_or_default();
    AnalyticsQuery {
        from: text("from"),
        to: text("to"),
        granularity: text("granularity"),
        product: text("product"),
        variant: text("variant"),
        article: text("article"),
        inspector: text("inspector"),
    }
}

/// The page's address for `query` (empty filters left out).
pub fn page_href(query: &AnalyticsQuery) -> String {
    with_query(
        PATH,
        &[
            ("from", query.from.clone()),
            ("to", query.to.clone()),
            ("granularity", query.granularity.clone()),
            ("product", query.product.clone()),
            ("variant", query.variant.clone()),
            ("article", query.article.trim().to_owned()),
            ("inspector", query.inspector.trim().to_owned()),
        ],
    )
}

/// The dashboard of `product` with `extra` filters and the report's variant (when it is this
/// product's), article and inspector.
pub fn drill_path(product: &str, scope: &AnalyticsScope, extra: &[(&str, String)]) -> String {
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    let variant = if scope.product.as_deref() == Some(product) {
        text(&scope.variant)
    } else {
        String::new()
    };
    let mut params = extra.to_vec();
    params.extend([
        ("variant", variant),
        ("article", text(&scope.article)),
        ("inspector", text(&scope.inspector)),
    ]);
    with_query(&product_dashboard::path(product), &params)
}

/// The product dashboard of `product` for the completions of `period`.
pub fn period_path(product: &str, scope: &AnalyticsScope, period: &Period) -> String {
    drill_path(
        product,
        scope,
        &[
            ("completedFrom", period.from.clone()),
            ("completedTo", period.to.clone()),
        ],
    )
}

/// The whole range of the report, for a drill-down by check or field.
fn range_params(scope: &AnalyticsScope) -> [(&'static str, String); 2] {
    [
        ("completedFrom", scope.from.clone()),
        ("completedTo", scope.to.clone()),
    ]
}

/// A plant day (`2026-10-01`) as `01.10.2026` (German) or `01/10/2026` (English); anything else
/// as it is.
pub fn plant_date(day: &str, lang: Lang) -> String {
    let mut parts = day.splitn(3, '-');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(year), Some(month), Some(date)) if year.len() == 4 => match lang {
            Lang::De => format!("{date}.{month}.{year}"),
            Lang::En => format!("{date}/{month}/{year}"),
        },
        _ => day.to_owned(),
    }
}

/// The report's range: `01.10.2026 – 31.10.2026`.
pub fn range_text(scope: &AnalyticsScope, lang: Lang) -> String {
    format!(
        "{} – {}",
        plant_date(&scope.from, lang),
        plant_date(&scope.to, lang)
    )
}

const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A period's name: the server's German label, in English made from its key (`2026-W14` →
/// `W14 2026`, `2026-04` → `Apr 2026`, `2026-04-01` → `01/04/2026`).
pub fn period_label(period: &Period, lang: Lang) -> String {
    if lang == Lang::De {
        return period.label.clone();
    }
    let key = period.key.as_str();
    if let Some((year, week)) = key.split_once("-W") {
        return format!("W{} {year}", week.trim_start_matches('0'));
    }
    match key.len() {
        7 => key
            .split_once('-')
            .and_then(|(year, month)| {
                let month: usize = month.parse().ok()?;
                let name = MONTHS_EN.get(month.checked_sub(1)?)?;
                Some(format!("{name} {year}"))
            })
            .unwrap_or_else(|| period.label.clone()),
        10 => plant_date(key, lang),
        _ => period.label.clone(),
    }
}

/// A lead time in minutes, coarsely: `45 min`, `2 h 15 min`, `3 d 4 h`.
pub fn duration_text(minutes: u64) -> String {
    const HOUR: u64 = 60;
    const DAY: u64 = 24 * HOUR;
    match minutes {
        0..HOUR => format!("{minutes} min"),
        HOUR..DAY => match minutes % HOUR {
            0 => format!("{} h", minutes / HOUR),
            rest => format!("{} h {rest} min", minutes / HOUR),
        },
        _ => match (minutes % DAY) / HOUR {
            0 => format!("{} d", minutes / DAY),
            hours => format!("{} d {hours} h", minutes / DAY),
        },
    }
}

/// A lead time as [`duration_text`], or "–" without one.
fn lead_time_text(minutes: Option<u64>) -> String {
    minutes.map(duration_text).unwrap_or_else(|| "–".to_owned())
}

/// A bucket bound: `15 min`, `1 h`, `1 Tag`, `3 Tage`.
fn bound_text(minutes: u64, lang: Lang) -> String {
    const DAY: u64 = 24 * 60;
    if minutes >= DAY && minutes.is_multiple_of(DAY) {
        let days = minutes / DAY;
        match (lang, days) {
            (Lang::De, 1) => "1 Tag".to_owned(),
            (Lang::De, _) => format!("{days} Tage"),
            (Lang::En, 1) => "1 day".to_owned(),
            (Lang::En, _) => format!("{days} days"),
        }
    } else if minutes >= 60 && minutes.is_multiple_of(60) {
        format!("{} h", minutes / 60)
    } else {
        format!("{minutes} min")
    }
}

/// The name of lead-time bucket `index`: `< 15 min`, `< 1 h`, …, and `≥ 3 Tage` for the last one
/// (without a bound).
pub fn bucket_label(buckets: &[LeadTimeBucket], index: usize, lang: Lang) -> String {
    match buckets.get(index).and_then(|bucket| bucket.below_minutes) {
        Some(minutes) => format!("< {}", bound_text(minutes, lang)),
        None => index
            .checked_sub(1)
            .and_then(|previous| buckets.get(previous))
            .and_then(|bucket| bucket.below_minutes)
            .map(|minutes| format!("≥ {}", bound_text(minutes, lang)))
            .unwrap_or_else(|| "–".to_owned()),
    }
}

/// The points of a small trend line `width` × `height` (the largest value at the top, 0 at the
/// bottom).
pub fn sparkline_points(trend: &[u64], width: f64, height: f64) -> String {
    let max = trend.iter().copied().max().unwrap_or(0).max(1) as f64;
    let step = if trend.len() > 1 {
        width / (trend.len() - 1) as f64
    } else {
        0.0
    };
    trend
        .iter()
        .enumerate()
        .map(|(index, &value)| {
            let x = step * index as f64;
            let y = height - value as f64 / max * height;
            format!("{x:.1},{y:.1}")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The name of a label kind of the label report (`inspection` is the product label).
fn kind_label(kind: &str, lang: Lang) -> String {
    let kind = if kind == "inspection" {
        "product"
    } else {
        kind
    };
    JobKind::parse(kind)
        .map(|kind| job_kind_label(kind, lang).to_owned())
        .unwrap_or_else(|| kind.to_owned())
}

/// The display name of a product key in `lang` (the key itself for unknown ones).
fn product_text(key: &str, lang: Lang) -> String {
    product_name(key)
        .map(|name| t(lang, name).to_owned())
        .unwrap_or_else(|| key.to_owned())
}

/// A check's name, with its product line in front when the report covers every line.
fn check_label(check: &FailureCheck, all_products: bool, lang: Lang) -> String {
    let label = localized(lang, &check.label_de, &check.label_en);
    if all_products {
        format!("{} · {label}", product_text(&check.product, lang))
    } else {
        label.to_owned()
    }
}

/// "Gezählt nach Abschluss durch Prüfer B, Zeitzone {name}"-style explanation with the zone.
fn explanation(key: Key, scope: &AnalyticsScope, lang: Lang) -> String {
    fill(t(lang, key), &[("name", &scope.time_zone)])
}

#[component]
pub fn AnalyticsPage() -> impl IntoView {
    use_page_title(Key::NavDashboards);
    view! {
        <RequireAccess access=ACCESS>
            <Analytics />
        </RequireAccess>
    }
}

#[component]
fn Analytics() -> impl IntoView {
    let i18n = use_i18n();
    let url = use_query_map();
    let navigate = use_navigate();
    let query = Memo::new(move |_| url.with(|url| query_from_url(|name| url.get(name))));
    let open = Callback::new(move |href: String| navigate(&href, Default::default()));
    let form = Form::new();

    let throughput = LocalResource::new(move || {
        let query = query.get();
        async move {
            let answer = api::analytics_throughput(&query).await;
            // One report shows the server's complaints about the filters (all six get the same).
            if let Err(error) = &answer
                && error.errors.is_some()
            {
                form.fail(error.clone(), FIELDS);
            }
            answer
        }
    });
    let failures = LocalResource::new(move || {
        let query = query.get();
        async move { api::analytics_failures(&query).await }
    });
    let disagreement = LocalResource::new(move || {
        let query = query.get();
        async move { api::analytics_disagreement(&query).await }
    });
    let lead_time = LocalResource::new(move || {
        let query = query.get();
        async move { api::analytics_lead_time(&query).await }
    });
    let inspectors = LocalResource::new(move || {
        let query = query.get();
        async move { api::analytics_inspectors(&query).await }
    });
    let labels = LocalResource::new(move || {
        let query = query.get();
        async move { api::analytics_labels(&query).await }
    });

    view! {
        <div class="page analytics">
            <PageHeader title=Key::NavDashboards intro=Key::AnalyticsIntro />
            <Filters query form open />
            <FormError form />
            <section class="section" aria-labelledby="analytics-kpis">
                <h2 id="analytics-kpis" class="visually-hidden">
                    {i18n.tr(Key::AnalyticsKpis)}
                </h2>
                <div class="kpi-grid">
                    <Report
                        resource=throughput
                        label=Key::AnalyticsLoading
                        render=move |answer: ThroughputResponse| {
                            view! { <ThroughputKpis report=answer.data /> }
                        }
                    />
                    <Report
                        resource=lead_time
                        label=Key::AnalyticsLoading
                        render=move |answer: LeadTimeResponse| {
                            view! { <LeadTimeKpi report=answer.data /> }
                        }
                    />
                </div>
            </section>
            <Section id="analytics-throughput" title=Key::AnalyticsThroughputTitle>
                <Report
                    resource=throughput
                    label=Key::AnalyticsLoading
                    render=move |answer: ThroughputResponse| {
                        view! { <Throughput report=answer.data open /> }
                    }
                />
            </Section>
            <Section id="analytics-failures" title=Key::AnalyticsParetoTitle>
                <Report
                    resource=failures
                    label=Key::AnalyticsLoading
                    render=move |answer: FailureResponse| {
                        view! { <Failures report=answer.data open /> }
                    }
                />
            </Section>
            <Section id="analytics-disagreement" title=Key::AnalyticsDisagreementTitle>
                <Report
                    resource=disagreement
                    label=Key::AnalyticsLoading
                    render=move |answer: DisagreementResponse| {
                        view! { <Disagreement report=answer.data /> }
                    }
                />
            </Section>
            <Section id="analytics-lead-time" title=Key::AnalyticsLeadTimeTitle>
                <Report
                    resource=lead_time
                    label=Key::AnalyticsLoading
                    render=move |answer: LeadTimeResponse| {
                        view! { <LeadTime report=answer.data /> }
                    }
                />
            </Section>
            <Section id="analytics-inspectors" title=Key::AnalyticsInspectorsTitle>
                <Report
                    resource=inspectors
                    label=Key::AnalyticsLoading
                    render=move |answer: InspectorResponse| {
                        view! { <Inspectors report=answer.data /> }
                    }
                />
            </Section>
            <Section id="analytics-labels" title=Key::AnalyticsLabelsTitle>
                <Report
                    resource=labels
                    label=Key::AnalyticsLoading
                    render=move |answer: LabelResponse| view! { <Labels report=answer.data /> }
                />
            </Section>
        </div>
    }
}

/// A titled part of the page.
#[component]
fn Section(id: &'static str, title: Key, children: Children) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="section analytics__section" aria-labelledby=id>
            <h2 id=id class="section__title">
                {i18n.tr(title)}
            </h2>
            {children()}
        </section>
    }
}

/// One report: a spinner the first time (the old figures stay while new ones load), the report
/// drawn by `render`, or what went wrong. Complaints about the filters are shown at the filters,
/// so here they only get a pointer there.
#[component]
fn Report<T, F, V>(resource: LocalResource<ApiResult<T>>, label: Key, render: F) -> impl IntoView
where
    T: Clone + 'static,
    F: Fn(T) -> V + Copy + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let i18n = use_i18n();
    view! {
        <Transition fallback=move || view! { <Loading label /> }>
            {move || Suspend::new(async move {
                match resource.await {
                    Ok(answer) => render(answer).into_any(),
                    Err(error) if error.errors.is_some() => {
                        view! {
                            <p class="muted analytics__invalid" data-testid="analytics-invalid">
                                {i18n.tr(Key::AnalyticsCheckFilters)}
                            </p>
                        }
                            .into_any()
                    }
                    Err(error) => {
                        view! { <ErrorPanel error on_retry=move |()| resource.refetch() /> }
                            .into_any()
                    }
                }
            })}
        </Transition>
    }
}

/// The filter bar: what the user picks is applied with "Anwenden" (a new URL), "Zurücksetzen"
/// returns to the defaults.
#[component]
fn Filters(query: Memo<AnalyticsQuery>, form: Form, open: Callback<String>) -> impl IntoView {
    let i18n = use_i18n();
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let granularity = RwSignal::new(String::new());
    let product = RwSignal::new(String::new());
    let variant = RwSignal::new(String::new());
    let article = RwSignal::new(String::new());
    let inspector = RwSignal::new(String::new());
    let to_issue = Signal::derive(move || from.with(|f| to.with(|t| range_issue(f, t))));

    // A new URL (applied filters, a link, the back button): the inputs follow, and messages about
    // the previous filters go.
    Effect::new(move || {
        let now = query.get();
        let granularity_now = if now.granularity.is_empty() {
            DEFAULT_GRANULARITY.to_owned()
        } else {
            now.granularity.clone()
        };
        for (draft, value) in [
            (from, &now.from),
            (to, &now.to),
            (granularity, &granularity_now),
            (product, &now.product),
            (variant, &now.variant),
            (article, &now.article),
            (inspector, &now.inspector),
        ] {
            if draft.with_untracked(|draft| draft != value) {
                draft.set(value.clone());
            }
        }
        form.reset();
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if form.check(to_issue.get_untracked().is_none()) {
            open.run(page_href(&AnalyticsQuery {
                from: from.get_untracked(),
                to: to.get_untracked(),
                granularity: granularity.get_untracked(),
                product: product.get_untracked(),
                variant: variant.get_untracked(),
                article: article.get_untracked().trim().to_owned(),
                inspector: inspector.get_untracked().trim().to_owned(),
            }));
        }
    };
    let reset = move |_| {
        form.reset();
        open.run(PATH.to_owned());
    };
    // Another product line: a variant of the previous one no longer applies.
    let product_changed = Callback::new(move |()| {
        let kept = product.with_untracked(|product| {
            variant.with_untracked(|variant| variants(product).contains(&variant.as_str()))
        });
        if !kept {
            variant.set(String::new());
        }
    });

    let granularity_options = Signal::derive(move || {
        let lang = i18n.lang();
        GRANULARITIES
            .iter()
            .map(|(value, label)| ((*value).to_owned(), t(lang, *label).to_owned()))
            .collect::<Vec<_>>()
    });
    let product_options = Signal::derive(move || {
        let lang = i18n.lang();
        PRODUCT_LINES
            .iter()
            .map(|line| (line.key.to_owned(), t(lang, line.name).to_owned()))
            .collect::<Vec<_>>()
    });
    let variant_options = Signal::derive(move || {
        let lang = i18n.lang();
        product.with(|product| {
            variants(product)
                .iter()
                .map(|value| ((*value).to_owned(), variant_label(value, lang)))
                .collect::<Vec<_>>()
        })
    });
    // Also while the server objects to a variant (from a link) that no chosen product offers.
    let has_variants = move || {
        product.with(|product| !variants(product).is_empty())
            || form.server_error("variant").is_some()
    };

    view! {
        <form
            class="card filters analytics__filters"
            novalidate
            node_ref=form.node()
            on:submit=submit
            data-testid="analytics-filter"
            aria-label=i18n.tr(Key::AnalyticsFilters)
        >
            <DateField form name="from" label=Key::FilterFrom value=from testid="analytics-from" />
            <DateField
                form
                name="to"
                label=Key::FilterTo
                value=to
                testid="analytics-to"
                issue=to_issue
            />
            <FilterSelect
                form
                name="granularity"
                label=Key::AnalyticsGranularity
                testid="analytics-granularity"
                options=granularity_options
                value=granularity
            />
            <FilterSelect
                form
                name="product"
                label=Key::FilterProduct
                testid="analytics-product"
                options=product_options
                value=product
                all=true
                on_change=product_changed
            />
            <Show when=has_variants>
                <FilterSelect
                    form
                    name="variant"
                    label=Key::AnalyticsVariant
                    testid="analytics-variant"
                    options=variant_options
                    value=variant
                    all=true
                />
            </Show>
            <Field
                form
                name="article"
                label=Key::AnalyticsArticle
                value=article
                autocomplete="off"
                testid="analytics-article"
                maxlength=100
            />
            <Field
                form
                name="inspector"
                label=Key::FilterInspector
                value=inspector
                autocomplete="off"
                testid="analytics-inspector"
                maxlength=100
            />
            <div class="filters__actions">
                <button type="submit" class="btn btn--primary" data-testid="analytics-apply">
                    {i18n.tr(Key::AnalyticsApply)}
                </button>
                <button
                    type="button"
                    class="btn btn--secondary"
                    data-testid="analytics-reset"
                    on:click=reset
                >
                    {i18n.tr(Key::AnalyticsReset)}
                </button>
            </div>
        </form>
    }
}

/// One figure card: `data-testid` `testid`, the value (also in `data-value`) and a caption.
fn kpi_card(
    testid: &'static str,
    title: Key,
    tone: &'static str,
    value: impl Fn() -> String + Send + Sync + 'static,
    data_value: String,
    caption: impl Fn() -> String + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class=format!("card kpi {tone}") data-testid=testid>
            <span class="kpi__title">{i18n.tr(title)}</span>
            <span class="kpi__value" data-testid="kpi-value" data-value=data_value>
                {value}
            </span>
            <span class="kpi__caption">{caption}</span>
        </div>
    }
}

/// Inspected, passed, failed, first-pass yield and the units waiting for Prüfer B.
#[component]
fn ThroughputKpis(report: ThroughputReport) -> impl IntoView {
    let i18n = use_i18n();
    let ThroughputReport {
        scope,
        total,
        awaiting_b,
        ..
    } = report;
    let scope = StoredValue::new(scope);
    let range = move || scope.with_value(|scope| range_text(scope, i18n.lang()));
    let count = move |value: u64| move || format::count(value, i18n.lang());
    let in_range = move |key: Key| move || fill(i18n.t(key), &[("time", &range())]);
    let released = total.released;
    let fpy = total.first_pass_yield;
    view! {
        {kpi_card(
            "kpi-inspected",
            Key::AnalyticsKpiInspected,
            "kpi--total",
            count(total.inspected),
            total.inspected.to_string(),
            in_range(Key::AnalyticsKpiInspectedCaption),
        )}
        {kpi_card(
            "kpi-passed",
            Key::AnalyticsKpiPassed,
            "kpi--passed",
            count(total.passed),
            total.passed.to_string(),
            in_range(Key::AnalyticsKpiPassedCaption),
        )}
        {kpi_card(
            "kpi-failed",
            Key::AnalyticsKpiFailed,
            "kpi--failed",
            count(total.failed),
            total.failed.to_string(),
            move || {
                fill(
                    i18n.t(Key::AnalyticsKpiFailedCaption),
                    &[("count", &format::count(released, i18n.lang())), ("time", &range())],
                )
            },
        )}
        {kpi_card(
            "kpi-fpy",
            Key::AnalyticsKpiFpy,
            "kpi--recent",
            move || fpy.map(|fpy| percent_text(fpy, i18n.lang())).unwrap_or_else(|| "–".to_owned()),
            fpy.map(|fpy| fpy.to_string()).unwrap_or_default(),
            in_range(Key::AnalyticsKpiFpyCaption),
        )}
        <div class="card kpi kpi--waiting" data-testid="kpi-awaiting-b">
            <span class="kpi__title">{i18n.tr(Key::AnalyticsKpiAwaitingB)}</span>
            <span class="kpi__value" data-testid="kpi-value" data-value=awaiting_b.to_string()>
                {count(awaiting_b)}
            </span>
            <span class="kpi__caption">{i18n.tr(Key::AnalyticsKpiAwaitingBCaption)}</span>
            {(awaiting_b > 0)
                .then(|| {
                    view! {
                        <A
                            href=scope.with_value(waiting_path)
                            attr:class="kpi__link"
                            attr:data-testid="kpi-awaiting-b-link"
                        >
                            {i18n.tr(Key::AnalyticsWaitingLink)}
                        </A>
                    }
                })}
        </div>
    }
}

/// The units waiting for Prüfer B (oldest first) under the report's filters: the product's
/// dashboard when one product line is chosen, otherwise the inspection list.
pub fn waiting_path(scope: &AnalyticsScope) -> String {
    let status = InspectionStatus::AwaitingB.as_str().to_owned();
    let oldest_first = Sort {
        column: SortColumn::Created,
        descending: false,
    };
    match &scope.product {
        Some(product) => drill_path(
            product,
            scope,
            &[("status", status), ("sort", oldest_first.param())],
        ),
        None => inspections::Search {
            status,
            inspector: scope.inspector.clone().unwrap_or_default(),
            sort: oldest_first,
            ..inspections::Search::default()
        }
        .href(),
    }
}

/// Median (and p90) lead time from A to B.
#[component]
fn LeadTimeKpi(report: LeadTimeReport) -> impl IntoView {
    let i18n = use_i18n();
    let LeadTimeReport { scope, total, .. } = report;
    let median = total.median_minutes;
    let p90 = total.p90_minutes;
    kpi_card(
        "kpi-lead-time",
        Key::AnalyticsKpiLeadTime,
        "kpi--cartons",
        move || lead_time_text(median),
        median.map(|m| m.to_string()).unwrap_or_default(),
        move || {
            let range = range_text(&scope, i18n.lang());
            match p90 {
                Some(minutes) => fill(
                    i18n.t(Key::AnalyticsKpiLeadTimeCaption),
                    &[("name", &duration_text(minutes)), ("time", &range)],
                ),
                None => range,
            }
        },
    )
}

/// Units per period (passed and failed stacked) with the first-pass yield; a column opens the
/// product dashboard for that period.
#[component]
fn Throughput(report: ThroughputReport, open: Callback<String>) -> impl IntoView {
    let i18n = use_i18n();
    let report = StoredValue::new(report);
    // Without a product filter a column offers the four dashboards of its period.
    let picked: RwSignal<Option<usize>> = RwSignal::new(None);
    let data = Signal::derive(move || {
        let lang = i18n.lang();
        report.with_value(|report| throughput_data(report, lang))
    });
    let select = Callback::new(move |index: usize| {
        report.with_value(|report| {
            let Some(period) = report.scope.periods.get(index) else {
                return;
            };
            match &report.scope.product {
                Some(product) => open.run(period_path(product, &report.scope, period)),
                None => picked.set(Some(index)),
            }
        });
    });
    let intro = move || {
        report.with_value(|report| {
            explanation(Key::AnalyticsThroughputText, &report.scope, i18n.lang())
        })
    };
    let product_links = move || {
        let index = picked.get()?;
        report.with_value(|report| {
            let period = report.scope.periods.get(index)?.clone();
            let lang = i18n.lang();
            let links = PRODUCT_LINES
                .iter()
                .map(|line| {
                    let href = period_path(line.key, &report.scope, &period);
                    view! {
                        <li>
                            <A href=href attr:data-testid=format!("throughput-drill-{}", line.key)>
                                {t(lang, line.name)}
                            </A>
                        </li>
                    }
                })
                .collect_view();
            let heading = fill(
                t(lang, Key::AnalyticsDrillPeriod),
                &[("time", &period_label(&period, lang))],
            );
            let label = heading.clone();
            Some(view! {
                <nav class="analytics__drill" data-testid="throughput-drill" aria-label=label>
                    <span>{heading}</span>
                    <ul class="analytics__drill-links">{links}</ul>
                </nav>
            })
        })
    };
    view! {
        <p class="muted">{intro}</p>
        <BarChart
            id="throughput"
            title=Signal::derive(move || i18n.t(Key::AnalyticsThroughputChart).to_owned())
            x_label=Signal::derive(move || i18n.t(Key::AnalyticsPeriod).to_owned())
            y_label=Signal::derive(move || i18n.t(Key::ChartUnits).to_owned())
            data
            on_select=select
        />
        <Show when=move || !data.with(ChartData::is_empty)>
            <p class="muted">{i18n.tr(Key::AnalyticsDrillHint)}</p>
        </Show>
        {product_links}
    }
}

/// The throughput report as chart data (also the product dashboards' chart).
pub fn throughput_data(report: &ThroughputReport, lang: Lang) -> ChartData {
    // The periods of the report follow `scope.periods`; a missing one counts as empty.
    let figures = |period: &Period| {
        report
            .periods
            .iter()
            .find(|figures| figures.key == period.key)
            .map(|figures| figures.figures.clone())
            .unwrap_or_default()
    };
    let all: Vec<_> = report.scope.periods.iter().map(figures).collect();
    ChartData {
        categories: report
            .scope
            .periods
            .iter()
            .map(|period| period_label(period, lang))
            .collect(),
        series: vec![
            Series {
                name: t(lang, Key::AnalyticsPassed).to_owned(),
                class: "series-passed",
                values: all.iter().map(|f| f.passed as f64).collect(),
            },
            Series {
                name: t(lang, Key::AnalyticsFailed).to_owned(),
                class: "series-failed",
                values: all.iter().map(|f| f.failed as f64).collect(),
            },
        ],
        line: Some((
            t(lang, Key::AnalyticsFpy).to_owned(),
            all.iter().map(|f| f.first_pass_yield).collect(),
        )),
    }
}

/// The checks that failed, in the order the server sends (most frequent first), only those that
/// did.
fn failed_checks(report: &FailureReport) -> Vec<&FailureCheck> {
    report
        .checks
        .iter()
        .filter(|check| check.count > 0)
        .collect()
}

/// The failure Pareto as chart data (the most frequent [`PARETO_COLUMNS`] checks).
fn pareto_data(report: &FailureReport, lang: Lang) -> ChartData {
    let all_products = report.scope.product.is_none();
    let checks: Vec<&FailureCheck> = failed_checks(report)
        .into_iter()
        .take(PARETO_COLUMNS)
        .collect();
    ChartData {
        categories: checks
            .iter()
            .map(|check| check_label(check, all_products, lang))
            .collect(),
        series: vec![Series {
            name: t(lang, Key::AnalyticsFailures).to_owned(),
            class: "series-failed",
            values: checks.iter().map(|check| check.count as f64).collect(),
        }],
        line: Some((
            t(lang, Key::AnalyticsCumulative).to_owned(),
            checks
                .iter()
                .map(|check| Some(check.cumulative_share))
                .collect(),
        )),
    }
}

/// Where a check leads: its product's dashboard with the inspections in which it failed.
fn check_path(check: &FailureCheck, scope: &AnalyticsScope) -> String {
    let mut params = vec![("failedCheck", check.check.clone())];
    params.extend(range_params(scope));
    drill_path(&check.product, scope, &params)
}

/// The failure Pareto and the table of failed checks with rate and trend.
#[component]
fn Failures(report: FailureReport, open: Callback<String>) -> impl IntoView {
    let i18n = use_i18n();
    let report = StoredValue::new(report);
    let data = Signal::derive(move || {
        let lang = i18n.lang();
        report.with_value(|report| pareto_data(report, lang))
    });
    let select = Callback::new(move |index: usize| {
        let href = report.with_value(|report| {
            failed_checks(report)
                .get(index)
                .map(|check| check_path(check, &report.scope))
        });
        if let Some(href) = href {
            open.run(href);
        }
    });
    let summary = move || {
        report.with_value(|report| {
            let lang = i18n.lang();
            let text = fill(
                t(lang, Key::AnalyticsFailuresSummary),
                &[
                    ("count", &format::count(report.failed_units, lang)),
                    ("total", &format::count(report.inspected, lang)),
                    ("name", &format::count(report.failures, lang)),
                ],
            );
            format!(
                "{} {text}",
                explanation(Key::AnalyticsParetoText, &report.scope, lang)
            )
        })
    };
    let more = move || {
        report.with_value(|report| {
            let shown = failed_checks(report).len();
            (shown > PARETO_COLUMNS).then(|| {
                fill(
                    i18n.t(Key::AnalyticsParetoTop),
                    &[("count", &PARETO_COLUMNS.to_string())],
                )
            })
        })
    };
    let table = move || {
        let lang = i18n.lang();
        report.with_value(|report| pareto_table(report, lang))
    };
    // Without failed checks the table says so; an empty chart above it would only repeat it.
    let any_failed = report.with_value(|report| !failed_checks(report).is_empty());
    view! {
        <p class="muted">{summary}</p>
        {any_failed
            .then(|| {
                view! {
                    <BarChart
                        id="pareto"
                        title=Signal::derive(move || i18n.t(Key::AnalyticsParetoChart).to_owned())
                        x_label=Signal::derive(move || i18n.t(Key::AnalyticsCheck).to_owned())
                        y_label=Signal::derive(move || i18n.t(Key::AnalyticsFailures).to_owned())
                        data
                        on_select=select
                    />
                }
            })}
        {move || more().map(|text| view! { <p class="muted">{text}</p> })}
        {table}
    }
}

/// The failed checks with their rate and their trend over the periods.
fn pareto_table(report: &FailureReport, lang: Lang) -> impl IntoView + use<> {
    let all_products = report.scope.product.is_none();
    let checks = failed_checks(report);
    let rows = if checks.is_empty() {
        view! {
            <tr>
                <td colspan="4" class="table__empty">
                    {t(lang, Key::AnalyticsNoFailures)}
                </td>
            </tr>
        }
        .into_any()
    } else {
        checks
            .into_iter()
            .map(|check| {
                let label = check_label(check, all_products, lang);
                let trend = check
                    .trend
                    .iter()
                    .map(|value| format::count(*value, lang))
                    .collect::<Vec<_>>()
                    .join(", ");
                let trend_label = format!("{}: {trend}", t(lang, Key::AnalyticsTrend));
                view! {
                    <tr data-check=check.check.clone() data-product=check.product.clone()>
                        <th scope="row">
                            <A href=check_path(check, &report.scope)>{label}</A>
                        </th>
                        <td class="num">{format::count(check.count, lang)}</td>
                        <td class="num">{percent_text(check.rate, lang)}</td>
                        <td>
                            <svg
                                class="sparkline"
                                viewBox="-2 -2 84 24"
                                width="84"
                                height="24"
                                role="img"
                                aria-label=trend_label
                            >
                                <polyline points=sparkline_points(&check.trend, 80.0, 20.0) />
                            </svg>
                        </td>
                    </tr>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <div class="table-wrap card analytics__table">
            <table class="table" data-testid="pareto-table">
                <thead>
                    <tr>
                        <th scope="col">{t(lang, Key::AnalyticsCheck)}</th>
                        <th scope="col" class="num">{t(lang, Key::AnalyticsFailures)}</th>
                        <th scope="col" class="num">{t(lang, Key::AnalyticsRate)}</th>
                        <th scope="col">{t(lang, Key::AnalyticsTrend)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// Fields Prüfer A and B entered differently, highest rate first.
#[component]
fn Disagreement(report: DisagreementReport) -> impl IntoView {
    let i18n = use_i18n();
    let report = StoredValue::new(report);
    let show_all = RwSignal::new(false);
    let summary = move || {
        report.with_value(|report| {
            let lang = i18n.lang();
            let text = fill(
                t(lang, Key::AnalyticsDisagreementSummary),
                &[
                    ("count", &format::count(report.with_differences, lang)),
                    ("total", &format::count(report.inspected, lang)),
                ],
            );
            format!(
                "{} {text}",
                explanation(Key::AnalyticsDisagreementText, &report.scope, lang)
            )
        })
    };
    let table = move || {
        let lang = i18n.lang();
        let limit = if show_all.get() {
            usize::MAX
        } else {
            DISAGREEMENT_ROWS
        };
        report.with_value(|report| disagreement_table(report, limit, lang))
    };
    let toggle = move || {
        let more = report.with_value(|report| differing_fields(report).len() > DISAGREEMENT_ROWS);
        more.then(|| {
            view! {
                <button
                    type="button"
                    class="btn btn--secondary btn--small analytics__more"
                    aria-expanded=move || show_all.get().to_string()
                    data-testid="disagreement-toggle"
                    on:click=move |_| show_all.update(|all| *all = !*all)
                >
                    {move || {
                        i18n.t(if show_all.get() { Key::AnalyticsShowLess } else { Key::AnalyticsShowAll })
                    }}
                </button>
            }
        })
    };
    view! {
        <p class="muted">{summary}</p>
        {table}
        {toggle}
    }
}

/// The fields A and B entered differently at least once, in the server's order (highest rate
/// first); a field without differences would only lead to an empty list.
fn differing_fields(report: &DisagreementReport) -> Vec<&FieldDisagreement> {
    report
        .fields
        .iter()
        .filter(|field| field.differing > 0)
        .collect()
}

fn disagreement_table(
    report: &DisagreementReport,
    limit: usize,
    lang: Lang,
) -> impl IntoView + use<> {
    let fields = differing_fields(report);
    let rows = if fields.is_empty() {
        let empty = if report.inspected == 0 {
            Key::AnalyticsNoComparisons
        } else {
            Key::AnalyticsNoDifferences
        };
        view! {
            <tr>
                <td colspan="5" class="table__empty">
                    {t(lang, empty)}
                </td>
            </tr>
        }
        .into_any()
    } else {
        fields
            .into_iter()
            .take(limit)
            .map(|field| {
                let mut params = vec![("differs", field.field.clone())];
                params.extend(range_params(&report.scope));
                let href = drill_path(&field.product, &report.scope, &params);
                let label = localized(lang, &field.label_de, &field.label_en).to_owned();
                view! {
                    <tr data-field=field.field.clone() data-product=field.product.clone()>
                        <th scope="row">
                            <A href=href>{label}</A>
                        </th>
                        <td>{product_text(&field.product, lang)}</td>
                        <td class="num">{format::count(field.compared, lang)}</td>
                        <td class="num">{format::count(field.differing, lang)}</td>
                        <td class="num">{percent_text(field.rate, lang)}</td>
                    </tr>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <div class="table-wrap card analytics__table">
            <table class="table" data-testid="disagreement-table">
                <thead>
                    <tr>
                        <th scope="col">{t(lang, Key::AnalyticsField)}</th>
                        <th scope="col">{t(lang, Key::ColProduct)}</th>
                        <th scope="col" class="num">{t(lang, Key::AnalyticsCompared)}</th>
                        <th scope="col" class="num">{t(lang, Key::AnalyticsDiffering)}</th>
                        <th scope="col" class="num">{t(lang, Key::AnalyticsRate)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// The lead-time buckets as chart data.
fn lead_time_data(report: &LeadTimeReport, lang: Lang) -> ChartData {
    ChartData {
        categories: (0..report.buckets.len())
            .map(|index| bucket_label(&report.buckets, index, lang))
            .collect(),
        series: vec![Series {
            name: t(lang, Key::ChartUnits).to_owned(),
            class: "series-1",
            values: report
                .buckets
                .iter()
                .map(|bucket| bucket.count as f64)
                .collect(),
        }],
        line: None,
    }
}

/// Lead time A→B: median and p90, its distribution and the figures per period.
#[component]
fn LeadTime(report: LeadTimeReport) -> impl IntoView {
    let i18n = use_i18n();
    let report = StoredValue::new(report);
    let data = Signal::derive(move || {
        let lang = i18n.lang();
        report.with_value(|report| lead_time_data(report, lang))
    });
    let intro = move || {
        report.with_value(|report| {
            explanation(Key::AnalyticsLeadTimeText, &report.scope, i18n.lang())
        })
    };
    let facts = move || {
        report.with_value(|report| {
            let lang = i18n.lang();
            view! {
                <dl class="facts analytics__facts" data-testid="lead-time-facts">
                    <div class="fact">
                        <dt>{t(lang, Key::AnalyticsCount)}</dt>
                        <dd>{format::count(report.total.count, lang)}</dd>
                    </div>
                    <div class="fact">
                        <dt>{t(lang, Key::AnalyticsMedian)}</dt>
                        <dd data-testid="lead-time-median">{lead_time_text(report.total.median_minutes)}</dd>
                    </div>
                    <div class="fact">
                        <dt>{t(lang, Key::AnalyticsP90)}</dt>
                        <dd data-testid="lead-time-p90">{lead_time_text(report.total.p90_minutes)}</dd>
                    </div>
                </dl>
            }
        })
    };
    let periods = move || {
        let lang = i18n.lang();
        report.with_value(|report| lead_time_table(report, lang))
    };
    view! {
        <p class="muted">{intro}</p>
        {facts}
        <BarChart
            id="leadtime"
            title=Signal::derive(move || i18n.t(Key::AnalyticsLeadTimeChart).to_owned())
            x_label=Signal::derive(move || i18n.t(Key::AnalyticsLeadTime).to_owned())
            y_label=Signal::derive(move || i18n.t(Key::ChartUnits).to_owned())
            data
        />
        {periods}
    }
}

/// Count, median and p90 per period.
fn lead_time_table(report: &LeadTimeReport, lang: Lang) -> impl IntoView + use<> {
    let rows = report
        .scope
        .periods
        .iter()
        .map(|period| {
            let figures = report
                .periods
                .iter()
                .find(|figures| figures.key == period.key)
                .map(|figures| figures.figures.clone())
                .unwrap_or_default();
            view! {
                <tr data-period=period.key.clone()>
                    <th scope="row">{period_label(period, lang)}</th>
                    <td class="num">{format::count(figures.count, lang)}</td>
                    <td class="num">{lead_time_text(figures.median_minutes)}</td>
                    <td class="num">{lead_time_text(figures.p90_minutes)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap card analytics__table">
            <table class="table" data-testid="lead-time-table">
                <thead>
                    <tr>
                        <th scope="col">{t(lang, Key::AnalyticsPeriod)}</th>
                        <th scope="col" class="num">{t(lang, Key::AnalyticsCount)}</th>
                        <th scope="col" class="num">{t(lang, Key::AnalyticsMedian)}</th>
                        <th scope="col" class="num">{t(lang, Key::AnalyticsP90)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// A and B work per inspector, or why there is none.
#[component]
fn Inspectors(report: InspectorReport) -> impl IntoView {
    let i18n = use_i18n();
    if !report.per_person_figures {
        return view! {
            <p class="muted" data-testid="per-person-off">
                {i18n.tr(Key::PerPersonOff)}
            </p>
        }
        .into_any();
    }
    let report = StoredValue::new(report);
    let body = move || {
        let lang = i18n.lang();
        report.with_value(|report| {
            let rows = if report.inspectors.is_empty() {
                view! {
                    <tr>
                        <td colspan="4" class="table__empty">
                            {t(lang, Key::ChartEmpty)}
                        </td>
                    </tr>
                }
                .into_any()
            } else {
                report
                    .inspectors
                    .iter()
                    .map(|person| {
                        view! {
                            <tr data-name=person.name.clone()>
                                <th scope="row">{person.name.clone()}</th>
                                <td class="num">{format::count(person.a, lang)}</td>
                                <td class="num">{format::count(person.b, lang)}</td>
                                <td class="num table__strong">
                                    {format::count(person.a.saturating_add(person.b), lang)}
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()
                    .into_any()
            };
            view! {
                <p class="muted">{explanation(Key::AnalyticsInspectorsText, &report.scope, lang)}</p>
                <div class="table-wrap card analytics__table">
                    <table class="table" data-testid="inspectors-table">
                        <thead>
                            <tr>
                                <th scope="col">{t(lang, Key::AnalyticsName)}</th>
                                <th scope="col" class="num">{t(lang, Key::AnalyticsWorkA)}</th>
                                <th scope="col" class="num">{t(lang, Key::AnalyticsWorkB)}</th>
                                <th scope="col" class="num">{t(lang, Key::AnalyticsSum)}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            }
        })
    };
    body.into_any()
}

/// Two-column table of named counts (kinds, reasons).
fn name_value_table(
    testid: &'static str,
    heading: Key,
    values: &[NameValue],
    name: &dyn Fn(&str) -> String,
    lang: Lang,
) -> impl IntoView + use<> {
    let rows = if values.is_empty() {
        view! {
            <tr>
                <td colspan="2" class="table__empty">
                    {t(lang, Key::ChartEmpty)}
                </td>
            </tr>
        }
        .into_any()
    } else {
        values
            .iter()
            .map(|entry| {
                view! {
                    <tr data-name=entry.name.clone()>
                        <th scope="row">{name(&entry.name)}</th>
                        <td class="num">{format::count(entry.value, lang)}</td>
                    </tr>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <div class="table-wrap card analytics__table">
            <table class="table" data-testid=testid>
                <thead>
                    <tr>
                        <th scope="col">{t(lang, heading)}</th>
                        <th scope="col" class="num">{t(lang, Key::AnalyticsCount)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// Print jobs of the range: figures, labels per kind, reprints per reason, jobs per printer.
#[component]
fn Labels(report: LabelReport) -> impl IntoView {
    let i18n = use_i18n();
    let report = StoredValue::new(report);
    let failed_jobs = format!("{}?state=failed", print_jobs::PATH);
    let body = move || {
        let lang = i18n.lang();
        report.with_value(|report| {
            let range = range_text(&report.scope, lang);
            let figure = |testid: &'static str, title: Key, value: u64, tone: &'static str| {
                let caption = range.clone();
                kpi_card(
                    testid,
                    title,
                    tone,
                    move || format::count(value, lang),
                    value.to_string(),
                    move || caption.clone(),
                )
            };
            let printers = report
                .printers
                .iter()
                .map(|printer| {
                    let failed = printer.failed > 0;
                    view! {
                        <tr data-printer=printer.printer.clone() class=("table__row--failed", failed)>
                            <th scope="row">{printer.printer.clone()}</th>
                            <td class="num">{format::count(printer.jobs, lang)}</td>
                            <td class="num">{format::count(printer.printed, lang)}</td>
                            <td class="num" class=("analytics__failed", failed)>
                                {format::count(printer.failed, lang)}
                            </td>
                        </tr>
                    }
                })
                .collect_view();
            let printers = if report.printers.is_empty() {
                view! {
                    <tr>
                        <td colspan="4" class="table__empty">
                            {t(lang, Key::ChartEmpty)}
                        </td>
                    </tr>
                }
                .into_any()
            } else {
                printers.into_any()
            };
            view! {
                <p class="muted">{explanation(Key::AnalyticsLabelsText, &report.scope, lang)}</p>
                <div class="kpi-grid">
                    {figure("labels-jobs", Key::AnalyticsJobs, report.jobs, "")}
                    {figure("labels-printed", Key::AnalyticsPrinted, report.printed, "kpi--passed")}
                    {figure("labels-failed", Key::AnalyticsJobsFailed, report.failed, "kpi--failed")}
                    {figure("labels-reprints", Key::AnalyticsReprints, report.reprints, "kpi--recent")}
                </div>
                <div class="analytics__tables">
                    {name_value_table(
                        "labels-kinds",
                        Key::AnalyticsKind,
                        &report.printed_by_kind,
                        &|kind| kind_label(kind, lang),
                        lang,
                    )}
                    {name_value_table(
                        "labels-reasons",
                        Key::AnalyticsReason,
                        &report.reprints_by_reason,
                        &str::to_owned,
                        lang,
                    )}
                </div>
                <div class="table-wrap card analytics__table">
                    <table class="table" data-testid="labels-printers">
                        <thead>
                            <tr>
                                <th scope="col">{t(lang, Key::AnalyticsPrinter)}</th>
                                <th scope="col" class="num">{t(lang, Key::AnalyticsJobs)}</th>
                                <th scope="col" class="num">{t(lang, Key::AnalyticsPrinted)}</th>
                                <th scope="col" class="num">{t(lang, Key::AnalyticsJobsFailed)}</th>
                            </tr>
                        </thead>
                        <tbody>{printers}</tbody>
                    </table>
                </div>
            }
        })
    };
    view! {
        {body}
        <A href=failed_jobs attr:class="analytics__link" attr:data-testid="labels-failed-link">
            {i18n.tr(Key::AnalyticsFailedJobsLink)}
        </A>
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use api_types::analytics::{ThroughputFigures, ThroughputPeriod};

    use super::*;

    fn parse(pairs: &[(&str, &str)]) -> AnalyticsQuery {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        query_from_url(|name| map.get(name).cloned())
    }

    fn period(key: &str, label: &str, from: &str, to: &str) -> Period {
        Period {
            key: key.into(),
            label: label.into(),
            from: from.into(),
            to: to.into(),
        }
    }

    fn scope() -> AnalyticsScope {
        AnalyticsScope {
            from: "2026-10-01".into(),
            to: "2026-10-31".into(),
            granularity: "month".into(),
            time_zone: "Europe/Berlin".into(),
            periods: vec![period("2026-10", "Okt. 2026", "2026-10-01", "2026-10-31")],
            ..AnalyticsScope::default()
        }
    }

    #[test]
    fn the_filters_come_from_the_url_and_go_back_into_it() {
        assert_eq!(parse(&[]), AnalyticsQuery::default());
        assert_eq!(page_href(&AnalyticsQuery::default()), "/dashboard");
        let query = parse(&[
            ("from", "2026-10-01"),
            ("to", " 2026-10-31 "),
            ("granularity", "week"),
            ("product", "c2"),
            ("variant", "DMG"),
            ("article", "A-100"),
            ("inspector", "anna"),
            ("page", "7"),
        ]);
        assert_eq!(query.to, "2026-10-31");
        assert_eq!(
            page_href(&query),
            "/dashboard?from=2026-10-01&to=2026-10-31&granularity=week&product=c2&variant=DMG&article=A-100&inspector=anna"
        );
        // The API gets the same filters.
        assert_eq!(
            query.path("throughput"),
            "/api/analytics/throughput?from=2026-10-01&to=2026-10-31&granularity=week&product=c2&variant=DMG&article=A-100&inspector=anna"
        );
    }

    #[test]
    fn drill_downs_keep_the_filters_that_apply() {
        let mut scope = scope();
        scope.article = Some("A 1".into());
        let period = scope.periods[0].clone();
        assert_eq!(
            period_path("kk", &scope, &period),
            "/dashboard/kk?completedFrom=2026-10-01&completedTo=2026-10-31&article=A%201"
        );
        // A variant belongs to its product line only.
        scope.product = Some("c2".into());
        scope.variant = Some("DMG".into());
        scope.inspector = Some("anna".into());
        assert_eq!(
            period_path("c2", &scope, &period),
            "/dashboard/c2?completedFrom=2026-10-01&completedTo=2026-10-31&variant=DMG&article=A%201&inspector=anna"
        );
        assert!(!period_path("kk", &scope, &period).contains("variant"));
        let check = FailureCheck {
            product: "c2".into(),
            check: "hdmi_ok".into(),
            label_de: "HDMI".into(),
            label_en: "HDMI".into(),
            count: 3,
            rate: 0.1,
            cumulative_share: 0.5,
            trend: vec![3],
        };
        assert_eq!(
            check_path(&check, &scope),
            "/dashboard/c2?failedCheck=hdmi_ok&completedFrom=2026-10-01&completedTo=2026-10-31&variant=DMG&article=A%201&inspector=anna"
        );
    }

    #[test]
    fn the_units_waiting_for_b_are_one_link_away() {
        let mut scope = scope();
        assert_eq!(
            waiting_path(&scope),
            "/inspections?status=awaiting_b&sort=created"
        );
        scope.inspector = Some("anna".into());
        assert_eq!(
            waiting_path(&scope),
            "/inspections?status=awaiting_b&inspector=anna&sort=created"
        );
        // With a product line: its dashboard, which also filters by variant and article.
        scope.product = Some("c2".into());
        scope.variant = Some("DMG".into());
        assert_eq!(
            waiting_path(&scope),
            "/dashboard/c2?status=awaiting_b&sort=created&variant=DMG&inspector=anna"
        );
    }

    #[test]
    fn only_fields_that_differed_are_listed() {
        let field = |name: &str, differing: u64| FieldDisagreement {
            product: "c2".into(),
            field: name.into(),
            label_de: name.into(),
            label_en: name.into(),
            compared: 10,
            differing,
            rate: differing as f64 / 10.0,
        };
        let report = DisagreementReport {
            scope: scope(),
            inspected: 10,
            with_differences: 2,
            fields: vec![field("mac_adresse", 2), field("hinweis", 0)],
        };
        let listed: Vec<&str> = differing_fields(&report)
            .iter()
            .map(|field| field.field.as_str())
            .collect();
        assert_eq!(listed, ["mac_adresse"]);
    }

    #[test]
    fn variants_belong_to_their_product_line() {
        assert_eq!(variants("cpro"), ["GB_256", "TB_1", "TB_4"]);
        assert_eq!(variants("c2").len(), 4);
        assert_eq!(variants("kk"), ["Ein_Optik", "Zwei_Optiken"]);
        assert!(variants("cbasic").is_empty());
        assert!(variants("").is_empty());
    }

    #[test]
    fn dates_and_periods_follow_the_language() {
        assert_eq!(plant_date("2026-10-01", Lang::De), "01.10.2026");
        assert_eq!(plant_date("2026-10-01", Lang::En), "01/10/2026");
        assert_eq!(plant_date("gestern", Lang::De), "gestern");
        assert_eq!(range_text(&scope(), Lang::De), "01.10.2026 – 31.10.2026");
        let month = period("2026-04", "Apr. 2026", "2026-04-01", "2026-04-30");
        assert_eq!(period_label(&month, Lang::De), "Apr. 2026");
        assert_eq!(period_label(&month, Lang::En), "Apr 2026");
        let week = period("2026-W04", "KW 4/2026", "2026-01-19", "2026-01-25");
        assert_eq!(period_label(&week, Lang::En), "W4 2026");
        let day = period("2026-04-01", "01.04.2026", "2026-04-01", "2026-04-01");
        assert_eq!(period_label(&day, Lang::En), "01/04/2026");
        let odd = period("2026-13", "?", "", "");
        assert_eq!(period_label(&odd, Lang::En), "?");
    }

    #[test]
    fn durations_read_in_minutes_hours_and_days() {
        assert_eq!(duration_text(0), "0 min");
        assert_eq!(duration_text(45), "45 min");
        assert_eq!(duration_text(60), "1 h");
        assert_eq!(duration_text(135), "2 h 15 min");
        assert_eq!(duration_text(24 * 60), "1 d");
        assert_eq!(duration_text(3 * 24 * 60 + 4 * 60 + 59), "3 d 4 h");
    }

    #[test]
    fn buckets_are_named_by_their_bounds() {
        let bounds = [Some(15), Some(60), Some(240), Some(1440), Some(4320), None];
        let buckets: Vec<LeadTimeBucket> = bounds
            .iter()
            .map(|bound| LeadTimeBucket {
                below_minutes: *bound,
                count: 1,
            })
            .collect();
        let de: Vec<String> = (0..buckets.len())
            .map(|index| bucket_label(&buckets, index, Lang::De))
            .collect();
        assert_eq!(
            de,
            [
                "< 15 min",
                "< 1 h",
                "< 4 h",
                "< 1 Tag",
                "< 3 Tage",
                "≥ 3 Tage"
            ]
        );
        assert_eq!(bucket_label(&buckets, 5, Lang::En), "≥ 3 days");
        assert_eq!(bucket_label(&buckets, 3, Lang::En), "< 1 day");
        assert_eq!(bucket_label(&buckets[5..], 0, Lang::De), "–");
        assert_eq!(bucket_label(&buckets, 9, Lang::De), "–");
    }

    #[test]
    fn the_sparkline_spans_its_box() {
        assert_eq!(
            sparkline_points(&[0, 2, 1], 80.0, 20.0),
            "0.0,20.0 40.0,0.0 80.0,10.0"
        );
        assert_eq!(sparkline_points(&[0, 0], 80.0, 20.0), "0.0,20.0 80.0,20.0");
        assert_eq!(sparkline_points(&[], 80.0, 20.0), "");
    }

    #[test]
    fn label_kinds_use_the_job_kind_names() {
        assert_eq!(kind_label("inspection", Lang::De), "Produktetikett");
        assert_eq!(kind_label("test", Lang::De), "Testetikett");
        assert_eq!(kind_label("sonstiges", Lang::De), "sonstiges");
    }

    #[test]
    fn the_throughput_chart_follows_the_periods() {
        let mut scope = scope();
        scope
            .periods
            .push(period("2026-11", "Nov. 2026", "2026-11-01", "2026-11-30"));
        let report = ThroughputReport {
            scope,
            periods: vec![ThroughputPeriod {
                key: "2026-11".into(),
                figures: ThroughputFigures {
                    inspected: 10,
                    passed: 8,
                    failed: 2,
                    released: 1,
                    first_pass_yield: Some(0.8),
                },
            }],
            total: ThroughputFigures::default(),
            awaiting_b: 0,
        };
        let data = throughput_data(&report, Lang::En);
        assert_eq!(data.categories, ["Oct 2026", "Nov 2026"]);
        assert_eq!(data.series[0].values, [0.0, 8.0]);
        assert_eq!(data.series[1].values, [0.0, 2.0]);
        assert_eq!(data.series[0].class, "series-passed");
        assert_eq!(
            data.line.map(|(_, values)| values),
            Some(vec![None, Some(0.8)])
        );
    }

    #[test]
    fn the_pareto_names_the_product_line_when_all_are_shown() {
        let check = |product: &str, count: u64| FailureCheck {
            product: product.into(),
            check: "hdmi_ok".into(),
            label_de: "HDMI-Bild".into(),
            label_en: "HDMI picture".into(),
            count,
            rate: 0.1,
            cumulative_share: 0.5,
            trend: vec![],
        };
        let mut report = FailureReport {
            scope: scope(),
            inspected: 10,
            failed_units: 2,
            failures: 3,
            checks: vec![check("c2", 3), check("kk", 0)],
        };
        let data = pareto_data(&report, Lang::De);
        assert_eq!(data.categories, ["C2 · HDMI-Bild"]);
        report.scope.product = Some("c2".into());
        assert_eq!(pareto_data(&report, Lang::En).categories, ["HDMI picture"]);
    }
}
