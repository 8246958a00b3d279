//! The print queue on the wire: print jobs, printer status, the printer test and live events.

use serde::{Deserialize, Serialize};

use crate::auth::Pagination;

/// Where a job is in its life. `queued → sending → printed`, or `failed` after the retry limit,
/// or `cancelled` by a user. A failed or cancelled job can be retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum JobState {
    Queued,
    Sending,
    Printed,
    Failed,
    Cancelled,
}

impl JobState {
    pub const ALL: [JobState; 5] = [
        JobState::Queued,
        JobState::Sending,
        JobState::Printed,
        JobState::Failed,
        JobState::Cancelled,
    ];

    /// The stored and wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            JobState::Queued => "queued",
            JobState::Sending => "sending",
            JobState::Printed => "printed",
            JobState::Failed => "failed",
            JobState::Cancelled => "cancelled",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == value)
    }

    /// Still on its way to the printer.
    pub fn is_active(self) -> bool {
        matches!(self, JobState::Queued | JobState::Sending)
    }

    pub fn label_de(self) -> &'static str {
        match self {
            JobState::Queued => "Wartet",
            JobState::Sending => "Wird gesendet",
            JobState::Printed => "Gedruckt",
            JobState::Failed => "Fehlgeschlagen",
            JobState::Cancelled => "Abgebrochen",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            JobState::Queued => "Queued",
            JobState::Sending => "Sending",
            JobState::Printed => "Printed",
            JobState::Failed => "Failed",
            JobState::Cancelled => "Cancelled",
        }
    }
}

/// What a job prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum JobKind {
    /// A product label of an inspection (C Pro, C2, C Basic, KK).
    Product,
    /// An accessory label.
    Zubehoer,
    /// A mount label.
    Halterung,
    /// An outer-carton label.
    Outerkarton,
    /// A test label.
    Test,
}

impl JobKind {
    pub const ALL: [JobKind; 5] = [
        JobKind::Product,
        JobKind::Zubehoer,
        JobKind::Halterung,
        JobKind::Outerkarton,
        JobKind::Test,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            JobKind::Product => "product",
            JobKind::Zubehoer => "zubehoer",
            JobKind::Halterung => "halterung",
            JobKind::Outerkarton => "outerkarton",
            JobKind::Test => "test",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == value)
    }

    pub fn label_de(self) -> &'static str {
        match self {
            JobKind::Product => "Produktetikett",
            JobKind::Zubehoer => "Zubehör",
            JobKind::Halterung => "Halterung",
            JobKind::Outerkarton => "Außenkarton",
            JobKind::Test => "Testetikett",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            JobKind::Product => "Product label",
            JobKind::Zubehoer => "Accessory",
            JobKind::Halterung => "Mount",
            JobKind::Outerkarton => "Outer carton",
            JobKind::Test => "Test label",
        }
    }
}

/// One print job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PrintJobDto {
    pub id: i64,
    /// Absent when the printer has since been removed from the registry.
    pub printer_id: Option<i64>,
    /// The printer's name when the job was created.
    pub printer_name: String,
    pub kind: JobKind,
    /// What it prints, e.g. `inspection:42`, `zubehoer:7`, `outerkarton:3`; absent for test labels.
    pub reference: Option<String>,
    /// Human-readable title of the label (serial number, delivery note …).
    pub title: String,
    pub copies: u16,
    pub state: JobState,
    /// Delivery attempts so far (connection or transfer failures; waiting on a printer fault such
    /// as paper out does not count).
    pub attempts: u32,
    /// Why the job is waiting or failed (German), absent when nothing went wrong.
    pub last_error: Option<String>,
    /// Username of who created the job.
    pub created_by: String,
    /// Why the label is printed again (required for reprints).
    pub reason: Option<String>,
    /// The job this one reprints.
    pub reprint_of: Option<i64>,
    /// RFC 3339.
    pub created_at: String,
    pub updated_at: String,
    /// When the next delivery attempt is due (while waiting after a failure).
    pub next_attempt_at: Option<String>,
    pub printed_at: Option<String>,
}

/// One job with what it sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PrintJobDetail {
    #[serde(flatten)]
    pub job: PrintJobDto,
    /// The exact bytes sent to the printer (once per copy).
    pub zpl: String,
    /// The label rendered as SVG by the label engine.
    pub preview_svg: String,
}

/// `POST /api/print-jobs`: print a test label, a stored label (`reference`), or reprint a job.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CreatePrintJobRequest {
    /// A registered, enabled printer.
    pub printer_id: i64,
    /// Required unless `reprintOf` is given (then the original job's kind applies).
    #[serde(default)]
    pub kind: Option<JobKind>,
    /// What to print, e.g. `inspection:42`; not used for `test`.
    #[serde(default)]
    pub reference: Option<String>,
    /// Print the test label (same as `kind: "test"`).
    #[serde(default)]
    pub test: bool,
    /// Send the exact label of this earlier job again.
    #[serde(default)]
    pub reprint_of: Option<i64>,
    /// Required for reprints (3–500 characters).
    #[serde(default)]
    pub reason: Option<String>,
    /// 1–99, default 1.
    #[serde(default)]
    pub copies: Option<u16>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PrintJobData {
    pub job: PrintJobDto,
}

/// A created or changed job (`POST /api/print-jobs` answers 202 with it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PrintJobResponse {
    pub success: bool,
    pub data: PrintJobData,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PrintJobDetailData {
    pub job: PrintJobDetail,
}

/// `GET /api/print-jobs/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PrintJobDetailResponse {
    pub success: bool,
    pub data: PrintJobDetailData,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PrintJobList {
    /// Newest first.
    pub jobs: Vec<PrintJobDto>,
    pub pagination: Pagination,
}

/// `GET /api/print-jobs`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PrintJobListResponse {
    pub success: bool,
    pub data: PrintJobList,
}

/// `POST /api/print-jobs/{id}/retry`, `/cancel`: an optional note for the audit log.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JobActionRequest {
    #[serde(default)]
    pub reason: Option<String>,
}

/// A condition that keeps a printer from printing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PrinterFaultDto {
    /// `paper_out`, `paused`, `head_open`, `ribbon_out`, `buffer_full`, `over_temperature`,
    /// `under_temperature`, `corrupt_ram`.
    pub code: String,
    pub message_de: String,
    pub message_en: String,
}

/// Jobs of one printer by state.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QueueCounts {
    pub queued: u64,
    pub sending: u64,
    pub failed: u64,
}

/// What a printer said when asked `~HS`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PrinterStatusDto {
    pub printer_id: i64,
    /// The printer answered `~HS`.
    pub reachable: bool,
    /// Reachable and without faults: labels will print.
    pub ready: bool,
    pub faults: Vec<PrinterFaultDto>,
    /// Why the printer could not be asked (German), absent when it answered.
    pub error: Option<String>,
    /// RFC 3339.
    pub checked_at: String,
    pub queue: QueueCounts,
}

/// `GET /api/printers/{id}/status`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PrinterStatusResponse {
    pub success: bool,
    pub data: PrinterStatusDto,
}

/// `POST /api/printer/test`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PrinterTestRequest {
    pub printer_id: i64,
}

/// `POST /api/printer/test` when the printer is reachable and ready.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PrinterTestResponse {
    pub success: bool,
    pub message: String,
    pub data: PrinterStatusDto,
}

/// One message of `GET /api/print-jobs/events` (Server-Sent Events). The SSE event name is
/// `job` or `printer`; `data` is this value as JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum PrintEvent {
    /// A job was created or changed state.
    Job(PrintJobDto),
    /// A printer's status changed.
    Printer(PrinterStatusDto),
}

impl PrintEvent {
    /// The SSE event name.
    pub fn name(&self) -> &'static str {
        match self {
            PrintEvent::Job(_) => "job",
            PrintEvent::Printer(_) => "printer",
        }
    }
}

/// Reasons for a reprint must say something.
pub const REASON_MIN_CHARS: usize = 3;
pub const REASON_MAX_CHARS: usize = 500;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for state in JobState::ALL {
            assert_eq!(JobState::parse(state.as_str()), Some(state));
            let json = serde_json::to_string(&state).expect("json");
            assert_eq!(json, format!("\"{}\"", state.as_str()));
        }
        for kind in JobKind::ALL {
            assert_eq!(JobKind::parse(kind.as_str()), Some(kind));
            let json = serde_json::to_string(&kind).expect("json");
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
        }
        assert_eq!(JobState::parse("printing"), None);
    }

    #[test]
    fn event_is_tagged() {
        let event = PrintEvent::Printer(PrinterStatusDto {
            printer_id: 1,
            reachable: false,
            ready: false,
            faults: vec![],
            error: Some("x".into()),
            checked_at: "2026-11-26T10:00:00Z".into(),
            queue: QueueCounts::default(),
        });
        let json = serde_json::to_value(&event).expect("json");
        assert_eq!(json["type"], "printer");
        assert_eq!(json["printerId"], 1);
        assert_eq!(event.name(), "printer");
    }
}
