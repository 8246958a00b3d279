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
        // Literal, so the planner sees the partial index's condition.
        .filter(Expr::cust("status = 'failed'"))
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
        // Literal, so the planner sees the partial index's condition.
        .filter(Expr::cust(
            "differences IS NOT NULL AND differences <> '[]'",
        ))
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

/// Lead times are counted in steps that keep typical values exact and the groups few: whole minutes
/// below 1 h, 5 minutes below 8 h, 15 minutes below 1 day, hours below 1 week, 6 hours beyond.
/// (threshold, step) pairs, ascending.
pub const LEAD_TIME_STEPS: [(u64, u64); 5] = [(0, 1), (60, 5), (480, 15), (1440, 60), (10080, 360)];

/// The step a lead time is counted in (its lower end).
pub fn lead_time_step(minutes: u64) -> u64 {
    let step = LEAD_TIME_STEPS
        .iter()
        .rev()
        .find(|(from, _)| minutes >= *from)
        .map_or(1, |(_, step)| *step);
    minutes - minutes % step
}

/// The same in SQL, for `m` (whole minutes).
fn lead_time_step_sql() -> String {
    let mut sql = String::from("CASE");
    for pair in LEAD_TIME_STEPS.windows(2) {
        let ((_, step), (next, _)) = (pair[0], pair[1]);
        sql.push_str(&format!(" WHEN m < {next} THEN m - (m % {step})"));
    }
    let (_, last) = LEAD_TIME_STEPS[LEAD_TIME_STEPS.len() - 1];
    sql.push_str(&format!(" ELSE m - (m % {last}) END"));
    sql
}

/// The nearest-rank percentile `p` (0–1) of counted values (value, count), ascending by value.
pub fn nearest_rank(counted: &[(u64, u64)], p: f64) -> Option<u64> {
    let total: u64 = counted.iter().map(|(_, n)| n).sum();
    if total == 0 {
        return None;
    }
    let rank = ((p * total as f64).ceil() as u64).clamp(1, total);
    let mut seen = 0;
    counted.iter().find_map(|(value, n)| {
        seen += n;
        (seen >= rank).then_some(*value)
    })
}

/// Count, median and p90 of counted lead times.
pub fn lead_time_figures(mut counted: Vec<(u64, u64)>) -> LeadTimeFigures {
    counted.sort_unstable();
    LeadTimeFigures {
        count: counted.iter().map(|(_, n)| n).sum(),
        median_minutes: nearest_rank(&counted, 0.5),
        p90_minutes: nearest_rank(&counted, 0.9),
    }
}

/// The histogram bucket of a lead time.
pub fn lead_time_bucket(minutes: u64) -> usize {
    LEAD_TIME_BOUNDS.partition_point(|bound| *bound <= minutes)
}

#[derive(Debug, FromQueryResult)]
struct StepCount {
    datum: NaiveDate,
    step: Option<i64>,
    n: i64,
}

/// Lead time from A's record to B's completion: median and p90 (nearest rank over the counted
/// steps) per period and overall, and a histogram. One grouped pass over the completed units (per
/// packaging day and step), the same SQL on both databases.
pub async fn lead_time(state: &AppState, scope: &Scope) -> ApiResult<LeadTimeReport> {
    use sea_orm::QueryTrait;
    use sea_orm::sea_query::{Alias, Query};
    let backend = backend(state);
    let units = scope
        .completed(inspection::Entity::find())
        .select_only()
        .column(inspection::Column::Datum)
        .column_as(lead_minutes(backend), "m")
        .into_query();
    let query = Query::select()
        .column(Alias::new("datum"))
        .expr_as(Expr::cust(lead_time_step_sql()), Alias::new("step"))
        .expr_as(Expr::cust("COUNT(*)"), Alias::new("n"))
        .from_subquery(units, Alias::new("u"))
        .add_group_by([
            Expr::col(Alias::new("datum")).into(),
            Expr::cust(lead_time_step_sql()),
        ])
        .to_owned();
    let rows = StepCount::find_by_statement(backend.build(&query))
        .all(&state.db)
        .await?;
    let periods = scope.calendar.periods.len();
    let mut all: HashMap<u64, u64> = HashMap::new();
    let mut by_period: Vec<HashMap<u64, u64>> = vec![HashMap::new(); periods];
    let mut buckets = [0u64; LEAD_TIME_BOUNDS.len() + 1];
    for row in rows {
        let Some(step) = row.step.and_then(|m| u64::try_from(m).ok()) else {
            continue;
        };
        let n = count(row.n);
        *all.entry(step).or_default() += n;
        buckets[lead_time_bucket(step)] += n;
        if let Some(i) = scope.calendar.index_of_day(row.datum) {
            *by_period[i].entry(step).or_default() += n;
        }
    }
    Ok(LeadTimeReport {
        scope: scope.dto(&state.settings.plant_timezone),
        total: lead_time_figures(all.into_iter().collect()),
        periods: scope
            .calendar
            .periods
            .iter()
            .zip(by_period)
            .map(|(period, counted)| LeadTimePeriod {
                key: period.key.clone(),
                figures: lead_time_figures(counted.into_iter().collect()),
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
        let values: Vec<(u64, u64)> = [5, 10, 20, 30, 60, 90, 120, 240, 480, 1440]
            .map(|v| (v, 1))
            .to_vec();
        assert_eq!(nearest_rank(&values, 0.5), Some(60));
        assert_eq!(nearest_rank(&values, 0.9), Some(480));
        assert_eq!(nearest_rank(&[(7, 1)], 0.9), Some(7));
        assert_eq!(nearest_rank(&[], 0.5), None);
        // Counted: 10 ×3, 20 ×1, 30 ×6 → the 5th of 10 is 30, the 3rd is 10.
        assert_eq!(nearest_rank(&[(10, 3), (20, 1), (30, 6)], 0.5), Some(30));
        assert_eq!(nearest_rank(&[(10, 3), (20, 1), (30, 6)], 0.3), Some(10));
        let figures = lead_time_figures(vec![(30, 1), (10, 1), (20, 1)]);
        assert_eq!(figures.count, 3);
        assert_eq!(figures.median_minutes, Some(20));
        assert_eq!(figures.p90_minutes, Some(30));
    }

    #[test]
    fn lead_times_are_counted_in_steps() {
        assert_eq!(lead_time_step(0), 0);
        assert_eq!(lead_time_step(59), 59);
        assert_eq!(lead_time_step(93), 90);
        assert_eq!(lead_time_step(479), 475);
        assert_eq!(lead_time_step(810), 810);
        assert_eq!(lead_time_step(1439), 1425);
        assert_eq!(lead_time_step(1510), 1500);
        assert_eq!(lead_time_step(10_500), 10_440);
        assert_eq!(
            lead_time_step_sql(),
            "CASE WHEN m < 60 THEN m - (m % 1) WHEN m < 480 THEN m - (m % 5) \
             WHEN m < 1440 THEN m - (m % 15) WHEN m < 10080 THEN m - (m % 60) \
             ELSE m - (m % 360) END"
        );
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
