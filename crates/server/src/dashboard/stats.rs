//! `GET /api/dashboard-stats`: production figures for the home page, counted in the database with a
//! few grouped queries, months in the plant's time zone (the original shifted them by one under a
//! European time zone).

use std::collections::HashMap;

use api_types::auth::Role;
use api_types::dashboard::{
    DashboardStats, Distributions, MonthStat, NameValue, Performer, ProductCounts, TopPerformers,
    WorkItem,
};
use api_types::inspection::InspectionStatus;
use api_types::printing::JobState;
use chrono::{DateTime, Datelike, Duration, Months, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, EntityTrait, FromQueryResult, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::auth::Principal;
use crate::entities::{inspection, inspection_daily, outer_carton, print_job, zubehoer_label};
use crate::error::ApiResult;
use crate::inspection::workflow;
use crate::printing::jobs;
use crate::services::users::rfc3339;
use crate::startup::AppState;

/// The window of `recent`.
pub const RECENT_DAYS: u32 = 30;
const TOP_PERFORMERS: usize = 5;
const WORK_QUEUE: u64 = 20;
/// Open units kept in the shared figures for the work queues.
const OPEN_CANDIDATES: u64 = 200;
const PRINT_FAILURES: u64 = 10;

const MONTHS_DE: [&str; 12] = [
    "Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez.",
];

/// The first days of the current month of `today` and the 11 months before it, oldest first.
pub fn month_starts(today: NaiveDate) -> Vec<NaiveDate> {
    let first = today.with_day(1).unwrap_or(today);
    (0..12u32)
        .rev()
        .filter_map(|back| first.checked_sub_months(Months::new(back)))
        .collect()
}

/// `YYYY-MM` and the German label (`Okt. 2025`) of the month starting on `start`.
pub fn month_key_and_label(start: NaiveDate) -> (String, String) {
    let name = MONTHS_DE[start.month0() as usize];
    (
        format!("{:04}-{:02}", start.year(), start.month()),
        format!("{name} {}", start.year()),
    )
}

fn add(counts: &mut ProductCounts, product: &str, n: u64) {
    match product {
        "cpro" => counts.cpro += n,
        "c2" => counts.c2 += n,
        "cbasic" => counts.cbasic += n,
        "kk" => counts.kk += n,
        _ => return,
    }
    counts.total += n;
}

#[derive(Debug, FromQueryResult)]
struct Group {
    product: String,
    status: String,
    variant: Option<String>,
    overridden: i32,
    n: i64,
}

#[derive(Debug, FromQueryResult)]
struct DayCount {
    product: String,
    datum: NaiveDate,
    n: i64,
}

#[derive(Debug, FromQueryResult)]
struct PersonCount {
    product: String,
    pruefer_a: String,
    n: i64,
}

fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or_default()
}

/// The figures that are the same for every caller (the expensive part, shared through the cache).
pub struct Shared {
    totals: ProductCounts,
    passed: ProductCounts,
    recent: ProductCounts,
    distributions: Distributions,
    monthly_stats: Vec<MonthStat>,
    /// Computed whenever per-person figures are on; shown only to MANAGEMENT and ADMIN.
    top_performers: TopPerformers,
    /// The oldest open units (at most `OPEN_CANDIDATES`), oldest first: each caller's work queue
    /// is cut from these without a query of its own.
    open_units: Vec<inspection::Model>,
    /// More units are open than `open_units` holds.
    open_truncated: bool,
    print_failures: Vec<api_types::printing::PrintJobDto>,
    generated_at: DateTime<Utc>,
}

/// The figures as `principal` may see them at the instant `now`.
pub async fn compute(
    state: &AppState,
    principal: &Principal,
    now: DateTime<Utc>,
) -> ApiResult<DashboardStats> {
    let (today, _) = workflow::plant_today(state, now);
    let shared = state
        .dashboard
        .get(today, || shared(state, now, today))
        .await?;
    let per_person = state.settings.analytics.per_person_figures;
    let top_performers = if per_person && principal.role.can_view_dashboards() {
        shared.top_performers.clone()
    } else {
        TopPerformers::default()
    };
    Ok(DashboardStats {
        totals: shared.totals.clone(),
        passed: shared.passed.clone(),
        recent: shared.recent.clone(),
        recent_days: RECENT_DAYS,
        distributions: shared.distributions.clone(),
        monthly_stats: shared.monthly_stats.clone(),
        top_performers,
        per_person_figures: per_person,
        work_queue: work_queue(state, principal, &shared).await?,
        print_failures: shared.print_failures.clone(),
        time_zone: state.settings.plant_timezone.clone(),
        generated_at: rfc3339(shared.generated_at),
    })
}

async fn shared(state: &AppState, now: DateTime<Utc>, today: NaiveDate) -> ApiResult<Shared> {
    let db = &state.db;

    // Totals, passed units and variants in one pass over the groups of the daily counts.
    let groups = inspection_daily::Entity::find()
        .select_only()
        .column(inspection_daily::Column::Product)
        .column(inspection_daily::Column::Status)
        .column(inspection_daily::Column::Variant)
        .column_as(inspection_daily::Column::Released, "overridden")
        .column_as(Expr::cust("CAST(SUM(n) AS BIGINT)"), "n")
        .group_by(inspection_daily::Column::Product)
        .group_by(inspection_daily::Column::Status)
        .group_by(inspection_daily::Column::Variant)
        .group_by(inspection_daily::Column::Released)
        .into_model::<Group>()
        .all(db)
        .await?;
    let mut totals = ProductCounts::default();
    let mut passed = ProductCounts::default();
    let mut variants: HashMap<(String, String), u64> = HashMap::new();
    for group in &groups {
        let n = count(group.n);
        add(&mut totals, &group.product, n);
        let released = group.status == InspectionStatus::Failed.as_str() && group.overridden == 1;
        if group.status == InspectionStatus::Passed.as_str() || released {
            add(&mut passed, &group.product, n);
        }
        if let Some(variant) = group.variant.as_ref().filter(|v| !v.is_empty()) {
            *variants
                .entry((group.product.clone(), variant.clone()))
                .or_default() += n;
        }
    }
    let distribution = |product: &str| -> Vec<NameValue> {
        let mut list: Vec<NameValue> = variants
            .iter()
            .filter(|((p, _), _)| p == product)
            .map(|((_, name), value)| NameValue {
                name: name.clone(),
                value: *value,
            })
            .collect();
        list.sort_by(|a, b| a.name.cmp(&b.name));
        list
    };

    // Units per product and packaging day over the chart's 12 months (and the 30-day window).
    let starts = month_starts(today);
    let since = starts.first().copied().unwrap_or(today);
    let recent_since = today - Duration::days(i64::from(RECENT_DAYS));
    let from = since.min(recent_since);
    let days = inspection_daily::Entity::find()
        .select_only()
        .column(inspection_daily::Column::Product)
        .column(inspection_daily::Column::Datum)
        .column_as(Expr::cust("CAST(SUM(n) AS BIGINT)"), "n")
        .filter(inspection_daily::Column::Datum.gte(from))
        .group_by(inspection_daily::Column::Product)
        .group_by(inspection_daily::Column::Datum)
        .into_model::<DayCount>()
        .all(db)
        .await?;
    let mut monthly: Vec<MonthStat> = starts
        .iter()
        .map(|start| {
            let (month, label) = month_key_and_label(*start);
            MonthStat {
                month,
                label,
                cpro: 0,
                c2: 0,
                cbasic: 0,
                kk: 0,
            }
        })
        .collect();
    let mut recent = ProductCounts::default();
    for day in &days {
        let n = count(day.n);
        if day.datum >= recent_since {
            add(&mut recent, &day.product, n);
        }
        let Some(index) = starts.iter().rposition(|start| day.datum >= *start) else {
            continue;
        };
        if day.datum > today {
            continue;
        }
        let month = &mut monthly[index];
        match day.product.as_str() {
            "cpro" => month.cpro += n,
            "c2" => month.c2 += n,
            "cbasic" => month.cbasic += n,
            "kk" => month.kk += n,
            _ => {}
        }
    }

    // Accessory labels and cartons: totals and the same 30 days (by creation instant).
    let recent_instant = now - Duration::days(i64::from(RECENT_DAYS));
    totals.zubehoer = zubehoer_label::Entity::find().count(db).await?;
    recent.zubehoer = zubehoer_label::Entity::find()
        .filter(zubehoer_label::Column::CreatedAt.gte(recent_instant))
        .count(db)
        .await?;
    totals.outer_karton = outer_carton::Entity::find().count(db).await?;
    recent.outer_karton = outer_carton::Entity::find()
        .filter(outer_carton::Column::CreatedAt.gte(recent_instant))
        .count(db)
        .await?;

    let top_performers = if state.settings.analytics.per_person_figures {
        top_performers(state).await?
    } else {
        TopPerformers::default()
    };
    let open_units = oldest_open(state, None, OPEN_CANDIDATES + 1).await?;
    Ok(Shared {
        totals,
        passed,
        recent,
        distributions: Distributions {
            cpro_festplatten: distribution("cpro"),
            c2_configs: distribution("c2"),
            kk_optics: distribution("kk"),
        },
        monthly_stats: monthly,
        top_performers,
        open_truncated: open_units.len() as u64 > OPEN_CANDIDATES,
        open_units: open_units
            .into_iter()
            .take(usize::try_from(OPEN_CANDIDATES).unwrap_or(usize::MAX))
            .collect(),
        print_failures: print_failures(state, now).await?,
        generated_at: now,
    })
}

async fn top_performers(state: &AppState) -> ApiResult<TopPerformers> {
    let rows = inspection_daily::Entity::find()
        .select_only()
        .column(inspection_daily::Column::Product)
        .column(inspection_daily::Column::PrueferA)
        .column_as(Expr::cust("CAST(SUM(n) AS BIGINT)"), "n")
        .group_by(inspection_daily::Column::Product)
        .group_by(inspection_daily::Column::PrueferA)
        .order_by_desc(Expr::cust("CAST(SUM(n) AS BIGINT)"))
        .order_by_asc(inspection_daily::Column::PrueferA)
        .into_model::<PersonCount>()
        .all(&state.db)
        .await?;
    let mut top = TopPerformers::default();
    for row in rows {
        let list = match row.product.as_str() {
            "cpro" => &mut top.cpro,
            "c2" => &mut top.c2,
            "cbasic" => &mut top.cbasic,
            "kk" => &mut top.kk,
            _ => continue,
        };
        if list.len() < TOP_PERFORMERS {
            list.push(Performer {
                name: row.pruefer_a,
                count: count(row.n),
            });
        }
    }
    Ok(top)
}

/// The oldest open units (awaiting B or in B), at most `limit`, oldest first; with `only` the units
/// Prüfer A `only` recorded, with `not_of` those someone else recorded. One short index scan per
/// open status on (status, a_at), merged here: faster than sorting every open unit.
async fn oldest_open(
    state: &AppState,
    filter: Option<sea_orm::Condition>,
    limit: u64,
) -> ApiResult<Vec<inspection::Model>> {
    let mut rows = Vec::new();
    for status in [InspectionStatus::AwaitingB, InspectionStatus::InB] {
        let mut select =
            inspection::Entity::find().filter(inspection::Column::Status.eq(status.as_str()));
        if let Some(filter) = &filter {
            select = select.filter(filter.clone());
        }
        rows.extend(
            select
                .order_by_asc(inspection::Column::AAt)
                .order_by_asc(inspection::Column::Id)
                .limit(limit)
                .all(&state.db)
                .await?,
        );
    }
    rows.sort_by_key(|row| (row.a_at, row.id));
    rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    Ok(rows)
}

/// Whose open units a work queue shows.
enum Queue {
    /// Every open unit (two-person rule relaxed).
    Any,
    /// Units another Prüfer A recorded (Prüfer B roles).
    NotOf(i64),
    /// The caller's own units (Prüfer A only).
    Of(i64),
}

impl Queue {
    fn keeps(&self, row: &inspection::Model) -> bool {
        match self {
            Queue::Any => true,
            Queue::NotOf(me) => row.pruefer_a_id != Some(*me),
            Queue::Of(me) => row.pruefer_a_id == Some(*me),
        }
    }

    fn condition(&self) -> Option<sea_orm::Condition> {
        match self {
            Queue::Any => None,
            Queue::NotOf(me) => Some(
                sea_orm::Condition::any()
                    .add(inspection::Column::PrueferAId.ne(*me))
                    .add(inspection::Column::PrueferAId.is_null()),
            ),
            Queue::Of(me) => {
                Some(sea_orm::Condition::all().add(inspection::Column::PrueferAId.eq(*me)))
            }
        }
    }
}

/// Prüfer B roles: units waiting for B that the caller may take (not their own unless the
/// two-person rule is relaxed), oldest first. Prüfer A only: their own units still with B. Cut from
/// the shared oldest open units; a query of its own only when those run out.
async fn work_queue(
    state: &AppState,
    principal: &Principal,
    shared: &Shared,
) -> ApiResult<Vec<WorkItem>> {
    let role: Role = principal.role;
    if !role.can_act_as_pruefer_a() && !role.can_act_as_pruefer_b() {
        return Ok(Vec::new());
    }
    let me = principal.user_id();
    let queue = if role.can_act_as_pruefer_b() {
        match me {
            Some(me) if !state.settings.inspection.allow_same_inspector => Queue::NotOf(me),
            _ => Queue::Any,
        }
    } else {
        Queue::Of(me.unwrap_or(-1))
    };
    let limit = usize::try_from(WORK_QUEUE).unwrap_or(usize::MAX);
    let mut rows: Vec<&inspection::Model> = shared
        .open_units
        .iter()
        .filter(|row| queue.keeps(row))
        .take(limit)
        .collect();
    let fetched;
    if rows.len() < limit && shared.open_truncated {
        fetched = oldest_open(state, queue.condition(), WORK_QUEUE).await?;
        rows = fetched.iter().collect();
    }
    Ok(rows
        .iter()
        .map(|row| WorkItem {
            inspection_id: row.id,
            product: row.product.clone(),
            serialnummer: row.serialnummer.clone(),
            status: workflow::status_of(row),
            pruefer_a: row.pruefer_a.clone(),
            a_at: rfc3339(row.a_at),
        })
        .collect())
}

async fn print_failures(
    state: &AppState,
    now: DateTime<Utc>,
) -> ApiResult<Vec<api_types::printing::PrintJobDto>> {
    let rows = print_job::Entity::find()
        .filter(print_job::Column::State.eq(JobState::Failed.as_str()))
        .filter(print_job::Column::UpdatedAt.gte(now - Duration::days(7)))
        .order_by_desc(print_job::Column::UpdatedAt)
        .limit(PRINT_FAILURES)
        .all(&state.db)
        .await?;
    Ok(rows.iter().map(jobs::to_dto).collect())
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, TimeZone};
    use chrono_tz::Europe::Berlin;

    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    #[test]
    fn twelve_months_end_with_the_current_one_and_keys_match_labels() {
        let months: Vec<(String, String)> = month_starts(date(2026, 3, 31))
            .into_iter()
            .map(month_key_and_label)
            .collect();
        assert_eq!(months.len(), 12);
        assert_eq!(months[0], ("2025-04".into(), "Apr. 2025".into()));
        assert_eq!(months[8], ("2025-12".into(), "Dez. 2025".into()));
        assert_eq!(months[9], ("2026-01".into(), "Jan. 2026".into()));
        assert_eq!(months[11], ("2026-03".into(), "März 2026".into()));
    }

    #[test]
    fn a_unit_at_half_past_midnight_on_the_first_belongs_to_that_month_across_dst() {
        // 00:30 on 1 April 2026 in Berlin (summer time, UTC+2) is 31 March 22:30 UTC.
        let spring = Utc.with_ymd_and_hms(2026, 3, 31, 22, 30, 0).unwrap();
        assert_eq!(spring.with_timezone(&Berlin).date_naive(), date(2026, 4, 1));
        // 00:30 on 1 November 2026 (winter time, UTC+1) is 31 October 23:30 UTC.
        let autumn = Utc.with_ymd_and_hms(2026, 10, 31, 23, 30, 0).unwrap();
        assert_eq!(
            autumn.with_timezone(&Berlin).date_naive(),
            date(2026, 11, 1)
        );
        let months = month_starts(date(2026, 11, 1));
        assert_eq!(month_key_and_label(months[11]).0, "2026-11");
        assert_eq!(month_key_and_label(months[6]).0, "2026-06");
    }
}
