//! Start page (`/`): tiles to what the role may do, then `GET /api/dashboard-stats` — the units
//! waiting for the caller, failed print jobs, the production figures with the 12-month chart, the
//! variant distributions and (for MANAGEMENT and ADMIN, when switched on) the top Prüfer A.

use api_types::auth::Role;
use api_types::dashboard::{DashboardStats, NameValue, Performer, WorkItem};
use api_types::printing::PrintJobDto;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api;
use crate::auth::{Access, use_auth};
use crate::components::badge::{Badge, Tone};
use crate::components::guard::RequireAccess;
use crate::components::inspection_status::InspectionStatusBadge;
use crate::components::loading::Loaded;
use crate::components::month_chart::{MonthChart, PRODUCT_LINES, product_name};
use crate::format;
use crate::i18n::{Key, Lang, fill, job_state_label, use_i18n};
use crate::pages::{
    admin_articles, admin_printers, admin_users, analytics, inspections, packaging, print_jobs,
    products, status, system, use_page_title,
};

/// Every signed-in user.
pub const ACCESS: Access = Access::Authenticated;

/// A quick-access tile.
struct Tile {
    path: &'static str,
    title: Key,
    text: Key,
    /// The rule of the page it leads to: the tile shows only to who may use it.
    access: Access,
    testid: &'static str,
    /// Served by the server, not a client route: the router has to let go.
    external: bool,
}

const TILES: &[Tile] = &[
    Tile {
        path: products::PATH,
        title: Key::NavInspect,
        text: Key::HomeInspectText,
        access: products::ACCESS,
        testid: "home-inspect",
        external: false,
    },
    Tile {
        path: inspections::PATH,
        title: Key::NavInspections,
        text: Key::HomeInspectionsText,
        access: inspections::ACCESS,
        testid: "home-inspections",
        external: false,
    },
    Tile {
        path: packaging::PATH,
        title: Key::NavPackaging,
        text: Key::HomePackagingText,
        access: packaging::ACCESS,
        testid: "home-packaging",
        external: false,
    },
    Tile {
        path: print_jobs::PATH,
        title: Key::NavPrintJobs,
        text: Key::HomePrintJobsText,
        access: print_jobs::ACCESS,
        testid: "home-print-jobs",
        external: false,
    },
    Tile {
        path: status::PATH,
        title: Key::NavStatus,
        text: Key::HomeStatusText,
        access: status::ACCESS,
        testid: "home-status",
        external: false,
    },
    Tile {
        path: admin_users::PATH,
        title: Key::NavAdminUsers,
        text: Key::HomeUsersText,
        access: admin_users::ACCESS,
        testid: "home-users",
        external: false,
    },
    Tile {
        path: admin_printers::PATH,
        title: Key::NavPrinters,
        text: Key::HomePrintersText,
        access: admin_printers::ACCESS,
        testid: "home-printers",
        external: false,
    },
    Tile {
        path: admin_articles::PATH,
        title: Key::NavArticles,
        text: Key::HomeArticlesText,
        access: admin_articles::ACCESS,
        testid: "home-articles",
        external: false,
    },
    Tile {
        path: analytics::PATH,
        title: Key::NavDashboards,
        text: Key::HomeDashboardsText,
        access: analytics::ACCESS,
        testid: "home-dashboards",
        external: false,
    },
    Tile {
        path: system::PATH,
        title: Key::NavSystem,
        text: Key::HomeSystemText,
        access: system::ACCESS,
        testid: "home-system",
        external: false,
    },
    Tile {
        path: "/api/docs",
        title: Key::HomeApiDocs,
        text: Key::HomeApiDocsText,
        access: Access::Authenticated,
        testid: "home-api-docs",
        external: true,
    },
];

/// The tiles `role` sees, in display order.
fn tiles_for(role: Option<Role>) -> impl Iterator<Item = &'static Tile> {
    TILES.iter().filter(move |tile| tile.access.allows(role))
}

/// A readable name for a variant value of the distributions: `GB_256` → `256 GB`, `TB_4` → `4 TB`,
/// `Ein_Optik` → `1 Optik`; anything else (the C2 configurations) as it is.
pub fn variant_label(name: &str, lang: Lang) -> String {
    if let Some((unit @ ("GB" | "TB"), size)) = name.split_once('_') {
        return format!("{size} {unit}");
    }
    match (name, lang) {
        ("Ein_Optik", Lang::De) => "1 Optik".to_owned(),
        ("Ein_Optik", Lang::En) => "1 optic".to_owned(),
        ("Zwei_Optiken", Lang::De) => "2 Optiken".to_owned(),
        ("Zwei_Optiken", Lang::En) => "2 optics".to_owned(),
        _ => name.to_owned(),
    }
}

/// The length of a distribution bar in percent of the largest value (0 when all are 0).
pub fn bar_percent(value: u64, max: u64) -> f64 {
    if max == 0 {
        0.0
    } else {
        value as f64 / max as f64 * 100.0
    }
}

/// Where a work-queue row leads: B's form for roles that take units, otherwise the unit's record.
fn work_item_path(item: &WorkItem, takes_units: bool) -> String {
    if takes_units {
        products::inspect_b_path(&item.product)
    } else {
        inspections::detail_path(item.inspection_id)
    }
}

#[component]
pub fn HomePage() -> impl IntoView {
    use_page_title(Key::HomeTitle);
    view! {
        <RequireAccess access=ACCESS>
            <Home />
        </RequireAccess>
    }
}

#[component]
fn Home() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let stats = LocalResource::new(api::dashboard_stats);
    let (refreshing, set_refreshing) = signal(false);
    let tiles = move || {
        tiles_for(auth.role())
            .map(|tile| {
                let body = view! {
                    <span class="card__title">{i18n.tr(tile.title)}</span>
                    <span class="card__text">{i18n.tr(tile.text)}</span>
                };
                if tile.external {
                    view! {
                        <a
                            href=tile.path
                            rel="external"
                            class="card card--link"
                            data-testid=tile.testid
                        >
                            {body}
                        </a>
                    }
                    .into_any()
                } else {
                    view! {
                        <A href=tile.path attr:class="card card--link" attr:data-testid=tile.testid>
                            {body}
                        </A>
                    }
                    .into_any()
                }
            })
            .collect_view()
    };
    view! {
        <div class="page home">
            <section class="hero">
                <h1 class="hero__title" data-testid="page-title">
                    {i18n.tr(Key::HomeTitle)}
                </h1>
                <p class="hero__subtitle">{i18n.tr(Key::HomeSubtitle)}</p>
            </section>
            <section class="section" aria-labelledby="home-quick-access">
                <h2 id="home-quick-access" class="section__title">
                    {i18n.tr(Key::HomeQuickAccess)}
                </h2>
                <div class="card-grid">{tiles}</div>
            </section>
            <section
                class="section"
                aria-labelledby="home-stats-title"
                aria-busy=move || refreshing.get().to_string()
            >
                <div class="home__stats-header">
                    <h2 id="home-stats-title" class="section__title">
                        {i18n.tr(Key::HomeStatsTitle)}
                    </h2>
                    <button
                        type="button"
                        class="btn btn--secondary btn--small"
                        data-testid="home-refresh"
                        on:click=move |_| stats.refetch()
                    >
                        <span
                            class="btn__icon"
                            class=("btn__icon--spinning", move || refreshing.get())
                            aria-hidden="true"
                        >
                            "↻"
                        </span>
                        {i18n.tr(Key::Refresh)}
                    </button>
                </div>
                <Loaded
                    resource=stats
                    label=Key::HomeStatsLoading
                    set_pending=set_refreshing
                    render=move |response| view! { <Dashboard stats=response.data /> }
                />
            </section>
        </div>
    }
}

/// Everything that comes from `GET /api/dashboard-stats`.
#[component]
fn Dashboard(stats: DashboardStats) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let generated = stats.generated_at.clone();
    let generated_at = move || {
        fill(
            i18n.t(Key::HomeGeneratedAt),
            &[("time", &format::local_date_time(&generated, i18n.lang()))],
        )
    };
    let inspects = Access::Inspector.allows(untrack(|| auth.role()));
    let work = inspects.then(|| {
        view! { <WorkQueue items=stats.work_queue.clone() generated_at=stats.generated_at.clone() /> }
    });
    let DashboardStats {
        totals,
        passed,
        recent,
        recent_days,
        distributions,
        monthly_stats,
        top_performers,
        per_person_figures,
        print_failures,
        time_zone,
        ..
    } = stats;
    let days = recent_days.to_string();
    let lang = move || i18n.lang();
    let product_kpis = PRODUCT_LINES.iter().map(|line| Kpi {
        name: line.key,
        title: line.name,
        value: (line.count)(&totals),
        caption: KpiCaption::Recent((line.count)(&recent)),
        tone: "",
    });
    let kpis = [
        Kpi {
            name: "total",
            title: Key::KpiTotal,
            value: totals.total,
            caption: KpiCaption::Text(Key::KpiTotalCaption),
            tone: "kpi--total",
        },
        Kpi {
            name: "recent",
            title: Key::KpiRecent,
            value: recent.total,
            caption: KpiCaption::Text(Key::KpiRecentCaption),
            tone: "kpi--recent",
        },
        Kpi {
            name: "passed",
            title: Key::KpiPassed,
            value: passed.total,
            caption: KpiCaption::Text(Key::KpiPassedCaption),
            tone: "kpi--passed",
        },
    ]
    .into_iter()
    .chain(product_kpis)
    .chain([
        Kpi {
            name: "zubehoer",
            title: Key::KpiZubehoer,
            value: totals.zubehoer,
            caption: KpiCaption::Recent(recent.zubehoer),
            tone: "",
        },
        Kpi {
            name: "outerkarton",
            title: Key::KpiCartons,
            value: totals.outer_karton,
            caption: KpiCaption::Recent(recent.outer_karton),
            tone: "kpi--cartons",
        },
    ])
    .map(|kpi| {
        let days = days.clone();
        // `{count}` is the window's days, `{total}` the units recorded in it.
        let caption = move || {
            let (key, recent) = match kpi.caption {
                KpiCaption::Text(key) => (key, String::new()),
                KpiCaption::Recent(recent) => (Key::KpiRecentCount, format::count(recent, lang())),
            };
            fill(i18n.t(key), &[("count", &days), ("total", &recent)])
        };
        let class = format!("card kpi {}", kpi.tone);
        view! {
            <div class=class data-testid=format!("kpi-{}", kpi.name)>
                <span class="kpi__title">{i18n.tr(kpi.title)}</span>
                <span class="kpi__value" data-testid="kpi-value" data-value=kpi.value.to_string()>
                    {move || format::count(kpi.value, lang())}
                </span>
                <span class="kpi__caption">{caption}</span>
            </div>
        }
    })
    .collect_view();

    let show_top = [
        &top_performers.cpro,
        &top_performers.c2,
        &top_performers.cbasic,
        &top_performers.kk,
    ]
    .iter()
    .any(|list| !list.is_empty());
    let top = show_top.then(|| {
        let lists = PRODUCT_LINES
            .iter()
            .zip([
                top_performers.cpro,
                top_performers.c2,
                top_performers.cbasic,
                top_performers.kk,
            ])
            .map(|(line, people)| view! { <TopList name=line.name people /> })
            .collect_view();
        view! {
            <section class="card home__top" data-testid="top-performers" aria-labelledby="home-top-title">
                <h3 id="home-top-title" class="home__card-title">
                    {i18n.tr(Key::TopTitle)}
                </h3>
                <div class="home__top-lists">{lists}</div>
            </section>
        }
    });
    let per_person_off = (!per_person_figures).then(|| {
        view! {
            <p class="muted" data-testid="per-person-off">
                {i18n.tr(Key::PerPersonOff)}
            </p>
        }
    });

    view! {
        <p class="muted" data-testid="generated-at">
            {generated_at}
        </p>
        <div class="home__todo">
            {work}
            <PrintFailures jobs=print_failures />
        </div>
        <div class="kpi-grid">{kpis}</div>
        <MonthChart months=monthly_stats time_zone />
        <div class="home__distributions">
            <Distribution title=Key::DistCpro testid="dist-cpro" values=distributions.cpro_festplatten />
            <Distribution title=Key::DistC2 testid="dist-c2" values=distributions.c2_configs />
            <Distribution title=Key::DistKk testid="dist-kk" values=distributions.kk_optics />
        </div>
        {top}
        {per_person_off}
    }
}

#[derive(Debug, Clone, Copy)]
enum KpiCaption {
    /// A fixed text (it may name the window's `{count}` days).
    Text(Key),
    /// "+{recent} in {days} days".
    Recent(u64),
}

/// One figure card.
struct Kpi {
    /// `data-testid` `kpi-<name>`.
    name: &'static str,
    title: Key,
    value: u64,
    caption: KpiCaption,
    /// Extra class for the card's accent.
    tone: &'static str,
}

/// Units waiting for Prüfer B: to take (B roles) or to follow (A-only roles).
#[component]
fn WorkQueue(items: Vec<WorkItem>, generated_at: String) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let takes_units = Access::PrueferB.allows(untrack(|| auth.role()));
    let (title, empty) = if takes_units {
        (Key::QueueTitleB, Key::QueueEmptyB)
    } else {
        (Key::QueueTitleA, Key::QueueEmptyA)
    };
    let body = if items.is_empty() {
        view! { <p class="muted" data-testid="work-queue-empty">{i18n.tr(empty)}</p> }.into_any()
    } else {
        let rows = items
            .into_iter()
            .map(|item| {
                let href = work_item_path(&item, takes_units);
                let key = item.product.clone();
                let product = move || {
                    product_name(&key).map_or_else(|| key.clone(), |name| i18n.t(name).to_owned())
                };
                let secs = format::seconds_between(&item.a_at, &generated_at);
                let waiting = move || secs.map(|secs| format::waiting_since(secs, i18n.lang()));
                let pruefer_a = item.pruefer_a.clone();
                let by = move || fill(i18n.t(Key::QueueBy), &[("name", &pruefer_a)]);
                let (serial, status) = (item.serialnummer, item.status);
                let serial_attr = serial.clone();
                view! {
                    <li class="home-list__item" data-testid="work-item" data-serial=serial_attr>
                        <A href=href attr:class="home-list__link">
                            <span class="home-list__main">
                                <span class="table__strong">{serial.clone()}</span>
                                <span>{product}</span>
                            </span>
                            <span class="home-list__meta">
                                <InspectionStatusBadge status />
                                <span>{by}</span>
                                <span class="home-list__age">{waiting}</span>
                            </span>
                        </A>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="home-list">{rows}</ul> }.into_any()
    };
    view! {
        <section class="card home__panel" data-testid="work-queue" aria-labelledby="home-queue-title">
            <h3 id="home-queue-title" class="home__card-title">
                {i18n.tr(title)}
            </h3>
            {body}
        </section>
    }
}

/// Failed print jobs of the last 7 days; retrying happens on the print-jobs page.
#[component]
fn PrintFailures(jobs: Vec<PrintJobDto>) -> impl IntoView {
    let i18n = use_i18n();
    let body = if jobs.is_empty() {
        view! { <p class="muted" data-testid="print-failures-empty">{i18n.tr(Key::FailuresEmpty)}</p> }
            .into_any()
    } else {
        let rows = jobs
            .into_iter()
            .map(|job| {
                let state = job.state;
                let updated = job.updated_at.clone();
                let when = move || format::local_date_time(&updated, i18n.lang());
                view! {
                    <li class="home-list__item home-failure" data-testid="print-failure">
                        <span class="home-list__main">
                            <span class="table__strong">{job.title.clone()}</span>
                            <span>{job.printer_name.clone()}</span>
                        </span>
                        <span class="home-list__meta">
                            <Badge tone=Tone::Danger label=move || job_state_label(state, i18n.lang()) />
                            <span class="home-list__age">{when}</span>
                        </span>
                        {job.last_error.clone().map(|error| view! { <span class="home-failure__error">{error}</span> })}
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="home-list">{rows}</ul> }.into_any()
    };
    view! {
        <section class="card home__panel" data-testid="print-failures" aria-labelledby="home-failures-title">
            <h3 id="home-failures-title" class="home__card-title">
                {i18n.tr(Key::FailuresTitle)}
            </h3>
            {body}
            <A href=print_jobs::PATH attr:class="home__more" attr:data-testid="print-failures-link">
                {i18n.tr(Key::FailuresLink)}
            </A>
        </section>
    }
}

/// One distribution as horizontal bars.
#[component]
fn Distribution(title: Key, testid: &'static str, values: Vec<NameValue>) -> impl IntoView {
    let i18n = use_i18n();
    let max = values.iter().map(|entry| entry.value).max().unwrap_or(0);
    let body = if values.iter().all(|entry| entry.value == 0) {
        view! { <p class="muted">{i18n.tr(Key::DistEmpty)}</p> }.into_any()
    } else {
        let rows = values
            .into_iter()
            .map(|entry| {
                let name = entry.name.clone();
                let label = move || variant_label(&name, i18n.lang());
                let width = format!("width: {:.1}%", bar_percent(entry.value, max));
                view! {
                    <li class="dist__row" data-name=entry.name.clone() data-value=entry.value.to_string()>
                        <span class="dist__label">{label}</span>
                        <span class="dist__track" aria-hidden="true">
                            <span class="dist__bar" style=width></span>
                        </span>
                        <span class="dist__value">{move || format::count(entry.value, i18n.lang())}</span>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="dist">{rows}</ul> }.into_any()
    };
    view! {
        <section class="card home__panel" data-testid=testid>
            <h3 class="home__card-title">{i18n.tr(title)}</h3>
            {body}
        </section>
    }
}

/// The top Prüfer A of one product line.
#[component]
fn TopList(name: Key, people: Vec<Performer>) -> impl IntoView {
    let i18n = use_i18n();
    let rows = if people.is_empty() {
        view! { <p class="muted">"–"</p> }.into_any()
    } else {
        let rows = people
            .into_iter()
            .map(|person| {
                view! {
                    <li class="top__row">
                        <span>{person.name}</span>
                        <span class="table__strong">
                            {move || format::count(person.count, i18n.lang())}
                        </span>
                    </li>
                }
            })
            .collect_view();
        view! { <ol class="top__list">{rows}</ol> }.into_any()
    };
    view! {
        <div class="top">
            <h4 class="top__title">{i18n.tr(name)}</h4>
            {rows}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variant_names_read_as_sizes_and_counts() {
        assert_eq!(variant_label("GB_256", Lang::De), "256 GB");
        assert_eq!(variant_label("TB_1", Lang::De), "1 TB");
        assert_eq!(variant_label("TB_4", Lang::En), "4 TB");
        assert_eq!(variant_label("Ein_Optik", Lang::De), "1 Optik");
        assert_eq!(variant_label("Zwei_Optiken", Lang::De), "2 Optiken");
        assert_eq!(variant_label("Zwei_Optiken", Lang::En), "2 optics");
        assert_eq!(variant_label("DMG", Lang::De), "DMG");
        assert_eq!(variant_label("RC", Lang::En), "RC");
    }

    #[test]
    fn bars_are_relative_to_the_largest_value() {
        assert_eq!(bar_percent(5, 10), 50.0);
        assert_eq!(bar_percent(10, 10), 100.0);
        assert_eq!(bar_percent(0, 0), 0.0);
    }

    #[test]
    fn tiles_follow_the_role() {
        let shown = |role| {
            tiles_for(Some(role))
                .map(|tile| tile.testid)
                .collect::<Vec<_>>()
        };
        let viewer = shown(Role::Viewer);
        assert!(!viewer.contains(&"home-inspect"));
        assert!(viewer.contains(&"home-inspections"));
        assert!(viewer.contains(&"home-print-jobs"));
        assert!(!viewer.contains(&"home-users"));
        let inspector = shown(Role::PrueferA);
        assert!(inspector.contains(&"home-inspect"));
        assert!(inspector.contains(&"home-packaging"));
        assert!(!inspector.contains(&"home-articles"));
        let admin = shown(Role::Admin);
        for testid in ["home-users", "home-printers", "home-articles"] {
            assert!(admin.contains(&testid), "{testid}");
        }
        assert_eq!(admin.len(), TILES.len());
    }

    #[test]
    fn b_roles_open_the_form_and_a_roles_the_record() {
        let item = WorkItem {
            inspection_id: 7,
            product: "c2".into(),
            serialnummer: "C2-1".into(),
            status: api_types::inspection::InspectionStatus::AwaitingB,
            pruefer_a: "anna".into(),
            a_at: "2026-11-26T10:00:00Z".into(),
        };
        assert_eq!(work_item_path(&item, true), "/products/c2/b");
        assert_eq!(work_item_path(&item, false), "/inspections/7");
    }
}
