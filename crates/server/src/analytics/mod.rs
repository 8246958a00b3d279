//! Analytics for QA staff and management: throughput and first-pass yield, the failure Pareto,
//! A/B disagreement, lead time, work per inspector and label figures.
//!
//! Every report counts completed inspections (Prüfer B done) by the plant day of completion. The
//! database groups by UTC hour (a few thousand groups a year, the same SQL on SQLite and
//! PostgreSQL); the hours are put into the plant's days, weeks and months here, daylight saving
//! included.

pub mod periods;
pub mod reports;

use api_types::analytics::{AnalyticsScope, Period};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Condition, Expr, SimpleExpr};
use sea_orm::{ColumnTrait, DatabaseBackend, EntityTrait, QueryFilter, Select};
use serde::Deserialize;

use crate::entities::{inspection, inspection_daily};
use crate::error::ApiResult;
use crate::inspection::{products, workflow};
use crate::startup::AppState;
use crate::validation::Validator;
use periods::{Calendar, Granularity, RangeError};

/// How long a report is reused when nothing changed on this instance.
pub const CACHE_TTL: std::time::Duration = std::time::Duration::from_secs(30);

/// Query parameters every report takes.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AnalyticsParams {
    /// First plant day `YYYY-MM-DD` (default: 30 days, 12 weeks or 12 months before `to`).
    pub from: Option<String>,
    /// Last plant day, inclusive (default: today in the plant's time zone).
    pub to: Option<String>,
    /// `day`, `week` or `month` (default).
    pub granularity: Option<String>,
    /// `cpro`, `c2`, `cbasic`, `kk`.
    pub product: Option<String>,
    /// Variant: C Pro disk size (`TB_1`), C2 configuration (`RC`), KK optics (`Ein_Optik`).
    pub variant: Option<String>,
    /// Article number.
    pub article: Option<String>,
    /// Username of Prüfer A or B (refused while per-person figures are switched off).
    pub inspector: Option<String>,
}

/// The validated filters of one request.
#[derive(Debug, Clone)]
pub struct Scope {
    pub calendar: Calendar,
    pub product: Option<String>,
    pub variant: Option<String>,
    pub article: Option<String>,
    pub inspector: Option<String>,
    /// `[start, end)` of the range.
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

fn filled(value: Option<&String>) -> Option<String> {
    value
        .map(|v| v.trim())
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

impl Scope {
    /// Checks the parameters (422 with a message per field).
    pub fn parse(
        state: &AppState,
        params: &AnalyticsParams,
        now: DateTime<Utc>,
    ) -> ApiResult<Self> {
        let mut v = Validator::new();
        let granularity = v
            .name(
                "granularity",
                params.granularity.as_deref(),
                Granularity::parse,
                "Granularität: day, week oder month",
            )
            .unwrap_or(Granularity::Month);
        let from = v.day("from", params.from.as_deref());
        let to = v.day("to", params.to.as_deref());
        let product = filled(params.product.as_ref());
        if let Some(key) = &product
            && products::by_key(key).is_none()
        {
            v.add("product", "Unbekannte Produktlinie (cpro, c2, cbasic, kk)");
        }
        let inspector = filled(params.inspector.as_ref());
        if inspector.is_some() && !state.settings.analytics.per_person_figures {
            v.add(
                "inspector",
                "Auswertungen pro Person sind abgeschaltet (Einstellung analytics.per_person_figures)",
            );
        }
        let (today, _) = workflow::plant_today(state, now);
        let to = to.unwrap_or(today);
        let from = from.unwrap_or_else(|| granularity.default_from(to));
        let calendar = match Calendar::new(state.settings.plant_tz(), from, to, granularity) {
            Ok(calendar) => Some(calendar),
            Err(RangeError::Reversed) => {
                v.add("to", "Das Ende liegt vor dem Anfang");
                None
            }
            Err(RangeError::TooManyPeriods) => {
                v.add(
                    "granularity",
                    format!(
                        "Zu viele Zeiträume (höchstens {}): gröbere Granularität oder kürzeren Zeitraum wählen",
                        periods::MAX_PERIODS
                    ),
                );
                None
            }
        };
        v.finish()?;
        let calendar = calendar.ok_or_else(|| {
            crate::error::ApiError::Internal(anyhow::anyhow!("no calendar after validation"))
        })?;
        let (start, end) = calendar.bounds();
        Ok(Self {
            calendar,
            product,
            variant: filled(params.variant.as_ref()),
            article: filled(params.article.as_ref()),
            inspector,
            start,
            end,
        })
    }

    /// The filters as a cache key (default dates resolved, so a new day is a new key).
    pub fn key(&self) -> String {
        let or_empty = |v: &Option<String>| v.clone().unwrap_or_default();
        format!(
            "{}|{}|{}|{}|{}|{}|{}",
            self.calendar.from,
            self.calendar.to,
            self.calendar.granularity.as_str(),
            or_empty(&self.product),
            or_empty(&self.variant),
            or_empty(&self.article),
            or_empty(&self.inspector),
        )
    }

    /// The scope as the reports echo it.
    pub fn dto(&self, time_zone: &str) -> AnalyticsScope {
        AnalyticsScope {
            from: self.calendar.from.to_string(),
            to: self.calendar.to.to_string(),
            granularity: self.calendar.granularity.as_str().to_owned(),
            product: self.product.clone(),
            variant: self.variant.clone(),
            article: self.article.clone(),
            inspector: self.inspector.clone(),
            time_zone: time_zone.to_owned(),
            periods: self
                .calendar
                .periods
                .iter()
                .map(|p| Period {
                    key: p.key.clone(),
                    label: p.label.clone(),
                    from: p.from.to_string(),
                    to: p.to.to_string(),
                })
                .collect(),
        }
    }

    /// Product, variant, article and inspector filters (not the time range).
    pub fn unit_filter(
        &self,
        mut select: Select<inspection::Entity>,
    ) -> Select<inspection::Entity> {
        if let Some(product) = &self.product {
            select = select.filter(inspection::Column::Product.eq(product.as_str()));
        }
        if let Some(variant) = &self.variant {
            select = select.filter(inspection::Column::Variant.eq(variant.as_str()));
        }
        if let Some(article) = &self.article {
            select = select.filter(inspection::Column::ArtikelNummer.eq(article.as_str()));
        }
        if let Some(inspector) = &self.inspector {
            select = select.filter(
                Condition::any()
                    .add(inspection::Column::PrueferA.eq(inspector.as_str()))
                    .add(inspection::Column::PrueferB.eq(inspector.as_str())),
            );
        }
        select
    }

    /// The daily counts of the range's packaging days with the unit filters (a completed unit's
    /// packaging day is the plant day Prüfer B completed it).
    pub fn daily(&self, completed: bool) -> Select<inspection_daily::Entity> {
        use inspection_daily::Column as C;
        let mut select = inspection_daily::Entity::find()
            .filter(C::Datum.gte(self.calendar.from))
            .filter(C::Datum.lte(self.calendar.to));
        if completed {
            select = select.filter(C::Status.is_in(["passed", "failed"]));
        }
        self.daily_units(select)
    }

    /// The unit filters on daily counts (no time range).
    pub fn daily_units(
        &self,
        mut select: Select<inspection_daily::Entity>,
    ) -> Select<inspection_daily::Entity> {
        use inspection_daily::Column as C;
        if let Some(product) = &self.product {
            select = select.filter(C::Product.eq(product.as_str()));
        }
        if let Some(variant) = &self.variant {
            select = select.filter(C::Variant.eq(variant.as_str()));
        }
        if let Some(article) = &self.article {
            select = select.filter(C::ArtikelNummer.eq(article.as_str()));
        }
        if let Some(inspector) = &self.inspector {
            select = select.filter(
                Condition::any()
                    .add(C::PrueferA.eq(inspector.as_str()))
                    .add(C::PrueferB.eq(inspector.as_str())),
            );
        }
        select
    }

    /// Completed inspections in the range with the unit filters.
    pub fn completed(&self, select: Select<inspection::Entity>) -> Select<inspection::Entity> {
        self.unit_filter(select)
            .filter(inspection::Column::BAt.gte(self.start))
            .filter(inspection::Column::BAt.lt(self.end))
            .filter(inspection::Column::Status.is_in(["passed", "failed"]))
    }
}

/// SQL for the UTC hour of `column` as text (`2026-03-31T22`), the same on both databases.
pub fn utc_hour(backend: DatabaseBackend, column: &str) -> SimpleExpr {
    match backend {
        DatabaseBackend::Postgres => Expr::cust(format!(
            "to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24')"
        )),
        _ => Expr::cust(format!("substr({column}, 1, 13)")),
    }
}

/// Whole minutes from A's record to B's completion, PostgreSQL.
const PG_LEAD_MINUTES: &str = "CAST(FLOOR(EXTRACT(EPOCH FROM (b_at - a_at)) / 60) AS BIGINT)";
/// The same for SQLite (seconds rounded first: julianday is a float).
const SQLITE_LEAD_MINUTES: &str =
    "CAST(ROUND((julianday(b_at) - julianday(a_at)) * 86400) AS INTEGER) / 60";

/// SQL for the whole minutes from A's record to B's completion.
pub fn lead_minutes(backend: DatabaseBackend) -> SimpleExpr {
    match backend {
        DatabaseBackend::Postgres => Expr::cust(PG_LEAD_MINUTES),
        _ => Expr::cust(SQLITE_LEAD_MINUTES),
    }
}
