//! The home page's production figures (`GET /api/dashboard-stats`), in the original's JSON shape with
//! its defects fixed: months are the plant's calendar months, the 30-day window is named as such,
//! and per-person figures follow the works-council setting and the caller's role.

use serde::{Deserialize, Serialize};

use crate::inspection::InspectionStatus;
use crate::printing::PrintJobDto;

/// Counts per product line; `total` is the four product lines (as the original: accessory labels and
/// cartons are not products).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ProductCounts {
    pub cpro: u64,
    pub c2: u64,
    pub cbasic: u64,
    pub kk: u64,
    pub zubehoer: u64,
    pub outer_karton: u64,
    pub total: u64,
}

/// One value of a distribution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NameValue {
    pub name: String,
    pub value: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Distributions {
    /// C Pro units by disk size (`GB_256`, `TB_1`, `TB_4`), by name.
    pub cpro_festplatten: Vec<NameValue>,
    /// C2 units by configuration (`RC`, `DMG`, `DEMO`, `EDU`).
    pub c2_configs: Vec<NameValue>,
    /// Camera heads by number of optics (`Ein_Optik`, `Zwei_Optiken`).
    pub kk_optics: Vec<NameValue>,
}

/// Units per product line packed in one calendar month of the plant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MonthStat {
    /// `YYYY-MM` in the plant's time zone; the same month as `label`.
    pub month: String,
    /// German short month and year, e.g. `Okt. 2025`.
    pub label: String,
    pub cpro: u64,
    pub c2: u64,
    pub cbasic: u64,
    pub kk: u64,
}

/// Units recorded by one Prüfer A.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Performer {
    pub name: String,
    pub count: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TopPerformers {
    pub cpro: Vec<Performer>,
    pub c2: Vec<Performer>,
    pub cbasic: Vec<Performer>,
    pub kk: Vec<Performer>,
}

/// A unit waiting for the caller's step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct WorkItem {
    pub inspection_id: i64,
    pub product: String,
    pub serialnummer: String,
    pub status: InspectionStatus,
    pub pruefer_a: String,
    /// When Prüfer A recorded it (RFC 3339).
    pub a_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct DashboardStats {
    /// Every recorded unit (any status), accessory label and carton.
    pub totals: ProductCounts,
    /// Units that passed inspection (passed, or failed and released).
    pub passed: ProductCounts,
    /// Recorded in the last `recentDays` days (packaging date, plant time zone).
    pub recent: ProductCounts,
    pub recent_days: u32,
    pub distributions: Distributions,
    /// The current month and the 11 before it, oldest first.
    pub monthly_stats: Vec<MonthStat>,
    /// Top 5 Prüfer A per product line: only for MANAGEMENT and ADMIN, and only while per-person
    /// figures are switched on; empty otherwise (see `perPersonFigures`).
    pub top_performers: TopPerformers,
    pub per_person_figures: bool,
    /// Units waiting for the caller (Prüfer B: awaiting B, oldest first; Prüfer A only: their own
    /// units still with B), at most 20.
    pub work_queue: Vec<WorkItem>,
    /// Failed print jobs of the last 7 days, newest first, at most 10.
    pub print_failures: Vec<PrintJobDto>,
    /// The plant's time zone the months and days are counted in.
    pub time_zone: String,
    /// RFC 3339.
    pub generated_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DashboardStatsResponse {
    pub success: bool,
    pub data: DashboardStats,
}
