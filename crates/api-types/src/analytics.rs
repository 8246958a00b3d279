//! Analytics for QA staff and management (`GET /api/analytics/...`, MANAGEMENT and ADMIN): every report
//! is counted over completed inspections (Prüfer B done) whose completion falls in the range, in
//! periods (day, ISO week, month) of the plant's calendar.

use serde::{Deserialize, Serialize};

use crate::dashboard::NameValue;

/// The filters every report was computed for, as the server understood them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct AnalyticsScope {
    /// First day (plant calendar, `YYYY-MM-DD`), inclusive.
    pub from: String,
    /// Last day, inclusive.
    pub to: String,
    /// `day`, `week` or `month`.
    pub granularity: String,
    pub product: Option<String>,
    /// C Pro disk size, C2 configuration or KK optics (as in `distributions`).
    pub variant: Option<String>,
    /// Article number.
    pub article: Option<String>,
    /// Username of Prüfer A or B.
    pub inspector: Option<String>,
    pub time_zone: String,
    /// The periods of the range, oldest first; every per-period list follows this order.
    pub periods: Vec<Period>,
}

/// One day, ISO week or month of the plant's calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Period {
    /// `2026-04-01`, `2026-W14` or `2026-04`.
    pub key: String,
    /// German label: `01.04.2026`, `KW 14/2026`, `Apr. 2026`.
    pub label: String,
    /// First day of the period inside the range (`YYYY-MM-DD`).
    pub from: String,
    /// Last day of the period inside the range, inclusive.
    pub to: String,
}

/// Completed inspections of one period.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ThroughputFigures {
    /// Completed by Prüfer B.
    pub inspected: u64,
    /// Every check passed at completion (first pass).
    pub passed: u64,
    /// At least one check failed.
    pub failed: u64,
    /// Failed units MANAGEMENT released afterwards (part of `failed`).
    pub released: u64,
    /// `passed / inspected` (0–1); `null` without completed inspections.
    pub first_pass_yield: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ThroughputPeriod {
    pub key: String,
    #[serde(flatten)]
    pub figures: ThroughputFigures,
}

/// `GET /api/analytics/throughput`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ThroughputReport {
    pub scope: AnalyticsScope,
    pub periods: Vec<ThroughputPeriod>,
    pub total: ThroughputFigures,
    /// Units recorded by A and waiting for B now (same product/variant/article/inspector filter,
    /// independent of the range).
    pub awaiting_b: u64,
}

/// One check's failures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct FailureCheck {
    pub product: String,
    /// Field key of the check, e.g. `hdmi_ok`.
    pub check: String,
    pub label_de: String,
    pub label_en: String,
    /// Completed inspections in which this check failed.
    pub count: u64,
    /// `count / inspected` of the product (0–1).
    pub rate: f64,
    /// Share of all check failures up to and including this one (0–1), for the Pareto line.
    pub cumulative_share: f64,
    /// Failures per period (same order as `scope.periods`).
    pub trend: Vec<u64>,
}

/// `GET /api/analytics/failures`: the failure Pareto, most frequent check first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct FailureReport {
    pub scope: AnalyticsScope,
    pub inspected: u64,
    pub failed_units: u64,
    /// Sum of all check failures (a unit can fail several checks).
    pub failures: u64,
    pub checks: Vec<FailureCheck>,
}

/// How often Prüfer A and B entered different values for one field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct FieldDisagreement {
    pub product: String,
    pub field: String,
    pub label_de: String,
    pub label_en: String,
    /// Completed inspections in which both entered the field.
    pub compared: u64,
    pub differing: u64,
    /// `differing / compared` (0–1).
    pub rate: f64,
}

/// `GET /api/analytics/disagreement`: data quality, highest rate first (fields without a
/// difference follow, by form order).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct DisagreementReport {
    pub scope: AnalyticsScope,
    pub inspected: u64,
    /// Completed inspections with at least one difference.
    pub with_differences: u64,
    pub fields: Vec<FieldDisagreement>,
}

/// Lead time from A's record to B's completion in minutes, counted in steps (1 min below 1 h, 5 min below
/// 8 h, 15 min below 1 day, 1 h below 1 week, 6 h beyond); nearest-rank percentiles.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct LeadTimeFigures {
    pub count: u64,
    pub median_minutes: Option<u64>,
    pub p90_minutes: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct LeadTimePeriod {
    pub key: String,
    #[serde(flatten)]
    pub figures: LeadTimeFigures,
}

/// Units whose lead time is below `belowMinutes` (and at or above the previous bucket's bound);
/// the last bucket has no bound.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct LeadTimeBucket {
    pub below_minutes: Option<u64>,
    pub count: u64,
}

/// `GET /api/analytics/lead-time`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct LeadTimeReport {
    pub scope: AnalyticsScope,
    pub total: LeadTimeFigures,
    pub periods: Vec<LeadTimePeriod>,
    pub buckets: Vec<LeadTimeBucket>,
}

/// One inspector's work in the range (by packaging day): units recorded as Prüfer A and completed as B.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct InspectorWork {
    pub name: String,
    pub a: u64,
    pub b: u64,
}

/// `GET /api/analytics/inspectors`: empty with `perPersonFigures: false` while an admin has switched
/// per-person figures off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct InspectorReport {
    pub scope: AnalyticsScope,
    pub per_person_figures: bool,
    /// Most work (A + B) first.
    pub inspectors: Vec<InspectorWork>,
}

/// Print jobs of one printer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PrinterFigures {
    pub printer: String,
    pub jobs: u64,
    pub printed: u64,
    /// Jobs that ended failed (the queue gave up or the printer refused).
    pub failed: u64,
}

/// `GET /api/analytics/labels`: print jobs created in the range (all label kinds; the product,
/// variant, article and inspector filters do not apply).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct LabelReport {
    pub scope: AnalyticsScope,
    pub jobs: u64,
    pub printed: u64,
    pub failed: u64,
    /// Printed labels per kind (`inspection`, `zubehoer`, `halterung`, `outerkarton`, `test`, …).
    pub printed_by_kind: Vec<NameValue>,
    /// Jobs that repeat an earlier label.
    pub reprints: u64,
    /// Reprints by the reason given, most frequent first.
    pub reprints_by_reason: Vec<NameValue>,
    pub printers: Vec<PrinterFigures>,
}

macro_rules! envelope {
    ($($name:ident => $inner:ty),* $(,)?) => {$(
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        pub struct $name {
            pub success: bool,
            pub data: $inner,
        }
    )*};
}

envelope! {
    ThroughputResponse => ThroughputReport,
    FailureResponse => FailureReport,
    DisagreementResponse => DisagreementReport,
    LeadTimeResponse => LeadTimeReport,
    InspectorResponse => InspectorReport,
    LabelResponse => LabelReport,
    SystemOverviewResponse => SystemOverview,
}

/// `GET /api/admin/system` (ADMIN): what an administrator checks before and after maintenance.
/// Replaces the original's table browser (which showed password hashes).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct SystemOverview {
    pub version: String,
    /// `sqlite` or `postgres`.
    pub database_backend: String,
    /// Bytes used by the database (file size or `pg_database_size`), if known.
    pub database_bytes: Option<u64>,
    /// The newest applied migration.
    pub schema_version: Option<String>,
    pub migrations_applied: u64,
    /// Newest file in the backup folder (RFC 3339 modification time), if any.
    pub last_backup: Option<BackupInfo>,
    pub backup_dir: String,
    /// Row counts per area, in display order.
    pub counts: Vec<AreaCount>,
    pub queue: QueueState,
    /// RFC 3339.
    pub started_at: String,
    pub generated_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct BackupInfo {
    pub file: String,
    pub bytes: u64,
    /// RFC 3339.
    pub modified_at: String,
}

/// One area's record count (`key` is stable, e.g. `inspections.c2`, `users`, `sessions.active`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct AreaCount {
    pub key: String,
    pub label_de: String,
    pub label_en: String,
    pub count: u64,
}

/// The print queue right now.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct QueueState {
    pub queued: u64,
    pub sending: u64,
    pub failed: u64,
    pub printed: u64,
    /// Age in seconds of the oldest job still waiting, if any.
    pub oldest_waiting_seconds: Option<u64>,
}
