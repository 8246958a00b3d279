//! The six reports. Counts (throughput, per inspector, per product line) come from the daily counts
//! by packaging day; failed checks, differences and lead times from the completed units by the UTC
//! hour of completion. Both are put into periods by [`super::periods::Calendar`].

use std::collections::HashMap;

use api_types::analytics::{
    DisagreementReport, FailureCheck, FailureReport, FieldDisagreement, InspectorReport,
    InspectorWork, LabelReport, LeadTimeBucket, LeadTimeFigures, LeadTimePeriod, LeadTimeReport,
    PrinterFigures, ThroughputFigures, ThroughputPeriod, ThroughputReport,
};
use api_types::dashboard::NameValue;
use api_types::inspection::{FilledBy, InspectionStatus, ProductDefinition, Step};
use chrono::NaiveDate;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, FromQueryResult, QueryFilter,
    QuerySelect,
};
use serde::Deserialize;

use super::{Scope, lead_minutes, utc_hour};
use crate::entities::{inspection, inspection_daily, print_job};
use crate::error::ApiResult;
use crate::inspection::products;
use crate::startup::AppState;

const REPRINT: &str = "CASE WHEN reason IS NULL AND reprint_of IS NULL THEN 0 ELSE 1 END";
/// Upper bounds (minutes, exclusive) of the lead-time histogram; a last bucket holds the rest.
pub const LEAD_TIME_BOUNDS: [u64; 5] = [15, 60, 240, 1440, 4320];
const TOP_REASONS: usize = 10;

fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or_default()
}

fn ratio(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

fn backend(state: &AppState) -> DatabaseBackend {
    state.db.get_database_backend()
}

fn definition(product: &str) -> Option<&'static ProductDefinition> {
    products::by_key(product).map(|(_, definition)| definition)
}

#[derive(Debug, FromQueryResult)]
struct DayCount {
    datum: NaiveDate,
    status: String,
    released: i32,
    n: i64,
}

const SUM: &str = "CAST(SUM(n) AS BIGINT)";

fn add_outcome(figures: &mut ThroughputFigures, status: &str, released: bool, n: u64) {
    figures.inspected += n;
    if status == InspectionStatus::Passed.as_str() {
        figures.passed += n;
    } else {
        figures.failed += n;
        if released {
            figures.released += n;
        }
    }
}

fn with_yield(mut figures: ThroughputFigures) -> ThroughputFigures {
    figures.first_pass_yield = ratio(figures.passed, figures.inspected);
    figures
}

/// Inspected, passed, failed and released per period, and the first-pass yield.
pub async fn throughput(state: &AppState, scope: &Scope) -> ApiResult<ThroughputReport> {
    use inspection_daily::Column as C;
    let groups = scope
        .daily(true)
        .select_only()
        .column(C::Datum)
        .column(C::Status)
        .column(C::Released)
        .column_as(Expr::cust(SUM), "n")
        .group_by(C::Datum)
        .group_by(C::Status)
        .group_by(C::Released)
        .into_model::<DayCount>()
        .all(&state.db)
        .await?;
    let mut periods = vec![ThroughputFigures::default(); scope.calendar.periods.len()];
    let mut total = ThroughputFigures::default();
    for group in &groups {
        let Some(index) = scope.calendar.index_of_day(group.datum) else {
            continue;
        };
        let n = count(group.n);
        add_outcome(&mut periods[index], &group.status, group.released == 1, n);
        add_outcome(&mut total, &group.status, group.released == 1, n);
    }
    let awaiting = scope
        .daily_units(inspection_daily::Entity::find())
        .filter(C::Status.is_in([
            InspectionStatus::AwaitingB.as_str(),
            InspectionStatus::InB.as_str(),
        ]))
        .select_only()
        .column_as(Expr::cust(SUM), "n")
        .into_tuple::<Option<i64>>()
        .one(&state.db)
        .await?;
    let awaiting_b = count(awaiting.flatten().unwrap_or_default());
    Ok(ThroughputReport {
        scope: scope.dto(&state.settings.plant_timezone),
        periods: scope
            .calendar
            .periods
            .iter()
            .zip(periods)
            .map(|(period, figures)| ThroughputPeriod {
                key: period.key.clone(),
                figures: with_yield(figures),
            })
            .collect(),
        total: with_yield(total),
        awaiting_b,
    })
}

#[derive(Debug, FromQueryResult)]
struct ProductCount {
    product: String,
    n: i64,
}

/// Completed inspections per product line in the scope.
async fn completed_per_product(state: &AppState, scope: &Scope) -> ApiResult<Vec<(String, u64)>> {
    let rows = scope
        .daily(true)
        .select_only()
        .column(inspection_daily::Column::Product)
        .column_as(Expr::cust(SUM), "n")
        .group_by(inspection_daily::Column::Product)
        .into_model::<ProductCount>()
        .all(&state.db)
        .await?;
    let mut counts: Vec<(String, u64)> =
        rows.into_iter().map(|r| (r.product, count(r.n))).collect();
    // Product-line order of the forms, not the database's.
    counts.sort_by_key(|(product, _)| {
        products::all()
            .iter()
            .position(|d| d.key == *product)
            .unwrap_or(usize::MAX)
    });
    Ok(counts)
}

#[derive(Debug, FromQueryResult)]
struct FailedRow {
    product: String,
    hour: Option<String>,
    failed_checks: Option<String>,
}

/// The failure Pareto: how often each check failed, most frequent first, with its trend.
pub async fn failures(state: &AppState, scope: &Scope) -> ApiResult<FailureReport> {
    let inspected = completed_per_product(state, scope).await?;
    let rows = scope
        .completed(inspection::Entity::find())
        .filter(inspection::Column::Status.eq(InspectionStatus::Failed.as_str()))
        .select_only()
        .column(inspection::Column::Product)
        .column_as(utc_hour(backend(state), "b_at"), "hour")
        .column(inspection::Column::FailedChecks)
        .into_model::<FailedRow>()
        .all(&state.db)
        .await?;
    let periods = scope.calendar.periods.len();
    let mut checks: HashMap<(String, String), (u64, Vec<u64>)> = HashMap::new();
    let mut failures = 0;
    for row in &rows {
        let keys: Vec<String> = row
            .failed_checks
            .as_deref()
            .and_then(|json| serde_json::from_str(json).ok())
            .unwrap_or_default();
        let index = row
            .hour
            .as_deref()
            .and_then(|h| scope.calendar.index_of_hour(h));
        for key in keys {
            let entry = checks
                .entry((row.product.clone(), key))
                .or_insert_with(|| (0, vec![0; periods]));
            entry.0 += 1;
            if let Some(i) = index {
                entry.1[i] += 1;
            }
            failures += 1;
        }
    }
    let inspected_of = |product: &str| {
        inspected
            .iter()
            .find(|(p, _)| p == product)
            .map_or(0, |(_, n)| *n)
    };
    let mut list: Vec<FailureCheck> = checks
        .into_iter()
        .map(|((product, check), (n, trend))| {
            let field = definition(&product).and_then(|d| d.field(&check));
            FailureCheck {
                label_de: field.map_or_else(|| check.clone(), |f| f.label_de.clone()),
                label_en: field.map_or_else(|| check.clone(), |f| f.label_en.clone()),
                rate: ratio(n, inspected_of(&product)).unwrap_or_default(),
                product,
                check,
                count: n,
                cumulative_share: 0.0,
                trend,
            }
        })
        .collect();
    list.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| a.product.cmp(&b.product))
            .then_with(|| a.check.cmp(&b.check))
    });
    let mut running = 0;
    for check in &mut list {
        running += check.count;
        check.cumulative_share = ratio(running, failures).unwrap_or_default();
    }
    Ok(FailureReport {
        scope: scope.dto(&state.settings.plant_timezone),
        inspected: inspected.iter().map(|(_, n)| n).sum(),
        failed_units: rows.len() as u64,
        failures,
        checks: list,
    })
}

#[derive(Debug, FromQueryResult)]
struct DifferenceRow {
    product: String,
    differences: Option<String>,
}

#[derive(Debug, Deserialize)]
struct DifferenceField {
    field: String,
}

/// A/B disagreement per field that both inspectors enter, highest rate first.
pub async fn disagreement(state: &AppState, scope: &Scope) -> ApiResult<DisagreementReport> {
    let inspected = completed_per_product(state, scope).await?;
    let rows = scope
        .completed(inspection::Entity::find())
        .filter(inspection::Column::Differences.is_not_null())
        .filter(inspection::Column::Differences.ne("[]"))
        .select_only()
        .column(inspection::Column::Product)
        .column(inspection::Column::Differences)
        .into_model::<DifferenceRow>()
        .all(&state.db)
        .await?;
    let mut differing: HashMap<(String, String), u64> = HashMap::new();
    let mut with_differences = 0;
    for row in &rows {
        let fields: Vec<DifferenceField> = row
            .differences
            .as_deref()
            .and_then(|json| serde_json::from_str(json).ok())
            .unwrap_or_default();
        if !fields.is_empty() {
            with_differences += 1;
        }
        for field in fields {
            *differing
                .entry((row.product.clone(), field.field))
                .or_default() += 1;
        }
    }
    let mut fields = Vec::new();
    for (product, compared) in &inspected {
        let Some(definition) = definition(product) else {
            continue;
        };
        for field in definition
            .fields_for(Step::A)
            .filter(|f| f.filled_by == FilledBy::Both)
        {
            let n = differing
                .get(&(product.clone(), field.key.clone()))
                .copied()
                .unwrap_or_default();
            fields.push(FieldDisagreement {
                product: product.clone(),
                field: field.key.clone(),
                label_de: field.label_de.clone(),
                label_en: field.label_en.clone(),
                compared: *compared,
                differing: n,
                rate: ratio(n, *compared).unwrap_or_default(),
            });
        }
    }
    // Stable: equal rates keep product and form order.
    fields.sort_by(|a, b| b.rate.total_cmp(&a.rate));
    Ok(DisagreementReport {
        scope: scope.dto(&state.settings.plant_timezone),
        inspected: inspected.iter().map(|(_, n)| n).sum(),
        with_differences,
        fields,
    })
}

/// The nearest-rank percentile `p` (0–1) of sorted values.
pub fn nearest_rank(sorted: &[u64], p: f64) -> Option<u64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (p * sorted.len() as f64).ceil().max(1.0) as usize;
    sorted.get(rank.min(sorted.len()) - 1).copied()
}

/// Count, median and p90 of unsorted minutes.
pub fn lead_time_figures(mut minutes: Vec<u64>) -> LeadTimeFigures {
    minutes.sort_unstable();
    LeadTimeFigures {
        count: minutes.len() as u64,
        median_minutes: nearest_rank(&minutes, 0.5),
        p90_minutes: nearest_rank(&minutes, 0.9),
    }
}

/// The histogram bucket of a lead time.
pub fn lead_time_bucket(minutes: u64) -> usize {
    LEAD_TIME_BOUNDS.partition_point(|bound| *bound <= minutes)
}

#[derive(Debug, FromQueryResult)]
struct MinuteRow {
    hour: Option<String>,
    minutes: Option<i64>,
}

#[derive(Debug, FromQueryResult)]
struct PeriodPercentiles {
    period: Option<String>,
    n: i64,
    median: Option<i64>,
    p90: Option<i64>,
}

#[derive(Debug, FromQueryResult)]
struct MinuteBuckets {
    b0: Option<i64>,
    b1: Option<i64>,
    b2: Option<i64>,
    b3: Option<i64>,
    b4: Option<i64>,
    b5: Option<i64>,
}

fn minutes(n: Option<i64>) -> Option<u64> {
    n.map(|n| u64::try_from(n).unwrap_or_default())
}

/// Lead time from A's record to B's completion: median and p90 per period and overall, and a
/// histogram. PostgreSQL computes the percentiles; SQLite (small installations) hands the minutes
/// over.
pub async fn lead_time(state: &AppState, scope: &Scope) -> ApiResult<LeadTimeReport> {
    let periods = scope.calendar.periods.len();
    let (total, per_period, buckets) = match backend(state) {
        DatabaseBackend::Postgres => lead_time_postgres(state, scope).await?,
        backend => {
            let rows = scope
                .completed(inspection::Entity::find())
                .select_only()
                .column_as(utc_hour(backend, "b_at"), "hour")
                .column_as(lead_minutes(backend), "minutes")
                .into_model::<MinuteRow>()
                .all(&state.db)
                .await?;
            let mut all = Vec::with_capacity(rows.len());
            let mut by_period: Vec<Vec<u64>> = vec![Vec::new(); periods];
            let mut buckets = [0u64; LEAD_TIME_BOUNDS.len() + 1];
            for row in rows {
                let Some(m) = minutes(row.minutes) else {
                    continue;
                };
                all.push(m);
                buckets[lead_time_bucket(m)] += 1;
                if let Some(i) = row
                    .hour
                    .as_deref()
                    .and_then(|h| scope.calendar.index_of_hour(h))
                {
                    by_period[i].push(m);
                }
            }
            (
                lead_time_figures(all),
                by_period.into_iter().map(lead_time_figures).collect(),
                buckets,
            )
        }
    };
    Ok(LeadTimeReport {
        scope: scope.dto(&state.settings.plant_timezone),
        total,
        periods: scope
            .calendar
            .periods
            .iter()
            .zip(per_period)
            .map(|(period, figures)| LeadTimePeriod {
                key: period.key.clone(),
                figures,
            })
            .collect(),
        buckets: buckets
            .iter()
            .enumerate()
            .map(|(i, n)| LeadTimeBucket {
                below_minutes: LEAD_TIME_BOUNDS.get(i).copied(),
                count: *n,
            })
            .collect(),
    })
}

type LeadTimes = (
    LeadTimeFigures,
    Vec<LeadTimeFigures>,
    [u64; LEAD_TIME_BOUNDS.len() + 1],
);

async fn lead_time_postgres(state: &AppState, scope: &Scope) -> ApiResult<LeadTimes> {
    let minutes_sql = super::PG_LEAD_MINUTES;
    let percentile = |p: &str| {
        Expr::cust(format!(
            "percentile_disc({p}) WITHIN GROUP (ORDER BY {minutes_sql})"
        ))
    };
    // The zone name comes from chrono-tz (letters, digits, `/`, `_`, `+`, `-`): safe to inline.
    let zone = state.settings.plant_tz().name();
    let pattern = match scope.calendar.granularity {
        super::periods::Granularity::Day => "YYYY-MM-DD",
        super::periods::Granularity::Week => "IYYY-\"W\"IW",
        super::periods::Granularity::Month => "YYYY-MM",
    };
    let period = Expr::cust(format!("to_char(b_at AT TIME ZONE '{zone}', '{pattern}')"));
    let rows = scope
        .completed(inspection::Entity::find())
        .select_only()
        .column_as(period.clone(), "period")
        .column_as(Expr::cust("COUNT(*)"), "n")
        .column_as(percentile("0.5"), "median")
        .column_as(percentile("0.9"), "p90")
        .group_by(period)
        .into_model::<PeriodPercentiles>()
        .all(&state.db)
        .await?;
    let mut per_period = vec![LeadTimeFigures::default(); scope.calendar.periods.len()];
    for row in rows {
        if let Some(i) = scope
            .calendar
            .periods
            .iter()
            .position(|p| Some(&p.key) == row.period.as_ref())
        {
            per_period[i] = LeadTimeFigures {
                count: count(row.n),
                median_minutes: minutes(row.median),
                p90_minutes: minutes(row.p90),
            };
        }
    }
    let total = scope
        .completed(inspection::Entity::find())
        .select_only()
        .column_as(Expr::cust("'all'"), "period")
        .column_as(Expr::cust("COUNT(*)"), "n")
        .column_as(percentile("0.5"), "median")
        .column_as(percentile("0.9"), "p90")
        .into_model::<PeriodPercentiles>()
        .one(&state.db)
        .await?;
    let total = total.map_or_else(LeadTimeFigures::default, |row| LeadTimeFigures {
        count: count(row.n),
        median_minutes: minutes(row.median),
        p90_minutes: minutes(row.p90),
    });
    let mut select = scope.completed(inspection::Entity::find()).select_only();
    let mut lower = 0;
    for (i, bound) in LEAD_TIME_BOUNDS
        .iter()
        .map(|b| Some(*b))
        .chain([None])
        .enumerate()
    {
        let condition = match bound {
            Some(upper) => format!("{minutes_sql} >= {lower} AND {minutes_sql} < {upper}"),
            None => format!("{minutes_sql} >= {lower}"),
        };
        select = select.column_as(
            Expr::cust(format!("SUM(CASE WHEN {condition} THEN 1 ELSE 0 END)")),
            format!("b{i}"),
        );
        lower = bound.unwrap_or(lower);
    }
    let sums = select.into_model::<MinuteBuckets>().one(&state.db).await?;
    let buckets = sums.map_or([0; LEAD_TIME_BOUNDS.len() + 1], |s| {
        [s.b0, s.b1, s.b2, s.b3, s.b4, s.b5].map(|n| minutes(n).unwrap_or_default())
    });
    Ok((total, per_period, buckets))
}

#[derive(Debug, FromQueryResult)]
struct PersonCount {
    name: Option<String>,
    n: i64,
}

/// Units recorded (A) and completed (B) per inspector, by packaging day.
pub async fn inspectors(state: &AppState, scope: &Scope) -> ApiResult<InspectorReport> {
    let per_person = state.settings.analytics.per_person_figures;
    let mut work: Vec<InspectorWork> = Vec::new();
    if per_person {
        let a = scope
            .daily(false)
            .select_only()
            .column_as(inspection_daily::Column::PrueferA, "name")
            .column_as(Expr::cust(SUM), "n")
            .group_by(inspection_daily::Column::PrueferA)
            .into_model::<PersonCount>()
            .all(&state.db)
            .await?;
        let b = scope
            .daily(true)
            .select_only()
            .column_as(inspection_daily::Column::PrueferB, "name")
            .column_as(Expr::cust(SUM), "n")
            .group_by(inspection_daily::Column::PrueferB)
            .into_model::<PersonCount>()
            .all(&state.db)
            .await?;
        let mut by_name: HashMap<String, (u64, u64)> = HashMap::new();
        for row in a {
            by_name.entry(row.name.unwrap_or_default()).or_default().0 += count(row.n);
        }
        for row in b {
            by_name.entry(row.name.unwrap_or_default()).or_default().1 += count(row.n);
        }
        work = by_name
            .into_iter()
            .filter(|(name, _)| !name.is_empty())
            .map(|(name, (a, b))| InspectorWork { name, a, b })
            .collect();
        work.sort_by(|x, y| {
            (y.a + y.b)
                .cmp(&(x.a + x.b))
                .then_with(|| x.name.cmp(&y.name))
        });
    }
    Ok(InspectorReport {
        scope: scope.dto(&state.settings.plant_timezone),
        per_person_figures: per_person,
        inspectors: work,
    })
}

#[derive(Debug, FromQueryResult)]
struct JobGroup {
    kind: String,
    state: String,
    printer_name: String,
    reprint: i32,
    n: i64,
}

#[derive(Debug, FromQueryResult)]
struct ReasonCount {
    reason: Option<String>,
    n: i64,
}

fn name_values(mut map: HashMap<String, u64>) -> Vec<NameValue> {
    let mut list: Vec<NameValue> = map
        .drain()
        .map(|(name, value)| NameValue { name, value })
        .collect();
    list.sort_by(|a, b| b.value.cmp(&a.value).then_with(|| a.name.cmp(&b.name)));
    list
}

/// Print jobs created in the range: printed per kind, reprints by reason, per printer.
pub async fn labels(state: &AppState, scope: &Scope) -> ApiResult<LabelReport> {
    let in_range = || {
        print_job::Entity::find()
            .filter(print_job::Column::CreatedAt.gte(scope.start))
            .filter(print_job::Column::CreatedAt.lt(scope.end))
    };
    let groups = in_range()
        .select_only()
        .column(print_job::Column::Kind)
        .column(print_job::Column::State)
        .column(print_job::Column::PrinterName)
        .column_as(Expr::cust(REPRINT), "reprint")
        .column_as(Expr::cust("COUNT(*)"), "n")
        .group_by(print_job::Column::Kind)
        .group_by(print_job::Column::State)
        .group_by(print_job::Column::PrinterName)
        .group_by(Expr::cust(REPRINT))
        .into_model::<JobGroup>()
        .all(&state.db)
        .await?;
    let reasons = in_range()
        .filter(Expr::cust(REPRINT).eq(1))
        .select_only()
        .column(print_job::Column::Reason)
        .column_as(Expr::cust("COUNT(*)"), "n")
        .group_by(print_job::Column::Reason)
        .into_model::<ReasonCount>()
        .all(&state.db)
        .await?;
    let (mut jobs, mut printed, mut failed, mut reprints) = (0, 0, 0, 0);
    let mut by_kind: HashMap<String, u64> = HashMap::new();
    let mut printers: HashMap<String, PrinterFigures> = HashMap::new();
    for group in groups {
        let n = count(group.n);
        jobs += n;
        if group.reprint == 1 {
            reprints += n;
        }
        let figures = printers
            .entry(group.printer_name.clone())
            .or_insert_with(|| PrinterFigures {
                printer: group.printer_name.clone(),
                jobs: 0,
                printed: 0,
                failed: 0,
            });
        figures.jobs += n;
        match group.state.as_str() {
            "printed" => {
                printed += n;
                figures.printed += n;
                *by_kind.entry(group.kind).or_default() += n;
            }
            "failed" => {
                failed += n;
                figures.failed += n;
            }
            _ => {}
        }
    }
    let mut printers: Vec<PrinterFigures> = printers.into_values().collect();
    printers.sort_by(|a, b| {
        b.failed
            .cmp(&a.failed)
            .then_with(|| b.jobs.cmp(&a.jobs))
            .then_with(|| a.printer.cmp(&b.printer))
    });
    let mut reasons = name_values(
        reasons
            .into_iter()
            .map(|r| {
                (
                    r.reason.unwrap_or_else(|| "(ohne Angabe)".into()),
                    count(r.n),
                )
            })
            .fold(HashMap::new(), |mut map, (name, n)| {
                *map.entry(name).or_default() += n;
                map
            }),
    );
    reasons.truncate(TOP_REASONS);
    Ok(LabelReport {
        scope: scope.dto(&state.settings.plant_timezone),
        jobs,
        printed,
        failed,
        printed_by_kind: name_values(by_kind),
        reprints,
        reprints_by_reason: reasons,
        printers,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let values = [5, 10, 20, 30, 60, 90, 120, 240, 480, 1440];
        assert_eq!(nearest_rank(&values, 0.5), Some(60));
        assert_eq!(nearest_rank(&values, 0.9), Some(480));
        assert_eq!(nearest_rank(&[7], 0.9), Some(7));
        assert_eq!(nearest_rank(&[], 0.5), None);
        let figures = lead_time_figures(vec![30, 10, 20]);
        assert_eq!(figures.count, 3);
        assert_eq!(figures.median_minutes, Some(20));
        assert_eq!(figures.p90_minutes, Some(30));
    }

    #[test]
    fn lead_time_buckets() {
        assert_eq!(lead_time_bucket(0), 0);
        assert_eq!(lead_time_bucket(14), 0);
        assert_eq!(lead_time_bucket(15), 1);
        assert_eq!(lead_time_bucket(1439), 3);
        assert_eq!(lead_time_bucket(1440), 4);
        assert_eq!(lead_time_bucket(4320), 5);
    }
}
