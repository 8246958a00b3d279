//! Packaging: the article catalogue, accessory labels (Zubehör), mount labels (Halterung) and outer
//! cartons (Outer-Karton).
//!
//! The original's paths and field names are kept (`lieferscheinnummer`, `created_at` and `entries`
//! on Zubehör; `lieferscheinNumber`, `createdAt`, `outerKartonId` on cartons; `artikelnummer`,
//! `artikelbezeichnung`, `menge`, `serialnummer` on every line). New fields are camelCase.

use serde::{Deserialize, Serialize};

use crate::inspection::InspectionStatus;
use crate::printing::PrintJobDto;

/// Whether an article is an accessory or a mount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum ArticleCategory {
    /// Accessories, printed on Zubehör labels.
    Zubehoer,
    /// Mounts for the camera head, printed on Halterung labels.
    Halterung,
}

impl ArticleCategory {
    pub const ALL: [ArticleCategory; 2] = [ArticleCategory::Zubehoer, ArticleCategory::Halterung];

    pub fn as_str(self) -> &'static str {
        match self {
            ArticleCategory::Zubehoer => "zubehoer",
            ArticleCategory::Halterung => "halterung",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == value)
    }
}

/// One article of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ArticleDto {
    pub id: i64,
    pub artikelnummer: String,
    pub artikelbezeichnung: String,
    pub category: ArticleCategory,
    /// Display group on the forms, e.g. `C-Extender`, `Datenkabel`, `Extras`, `Halterung KK`.
    pub gruppe: String,
    /// The line carries a serial number (the C-Extender, 10370).
    pub has_serial: bool,
    /// Inactive articles stay in history but can no longer be chosen.
    pub active: bool,
    /// Order within the group on the forms (ascending).
    pub sort_order: i32,
    pub updated_at: String,
}

/// `POST /api/articles`, `PUT /api/articles/{id}` (ADMIN).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ArticleRequest {
    #[serde(default)]
    pub artikelnummer: Option<String>,
    #[serde(default)]
    pub artikelbezeichnung: Option<String>,
    #[serde(default)]
    pub category: Option<String>,
    #[serde(default)]
    pub gruppe: Option<String>,
    #[serde(default)]
    pub has_serial: Option<bool>,
    #[serde(default)]
    pub active: Option<bool>,
    #[serde(default)]
    pub sort_order: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ArticleListResponse {
    pub success: bool,
    pub items: Vec<ArticleDto>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ArticleResponse {
    pub success: bool,
    pub item: ArticleDto,
}

/// One article line as sent by a client. Types are lenient so a wrong value is reported per
/// field (422) instead of failing the whole body.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PackItemInput {
    #[serde(default)]
    pub artikelnummer: Option<String>,
    /// Ignored for catalogue articles (the catalogue's text is used).
    #[serde(default)]
    pub artikelbezeichnung: Option<String>,
    #[serde(default)]
    pub menge: Option<i64>,
    #[serde(default)]
    pub serialnummer: Option<String>,
}

/// One stored article line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PackItem {
    pub artikelnummer: String,
    pub artikelbezeichnung: String,
    pub menge: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub serialnummer: Option<String>,
}

/// `POST /api/zubehoer`: store an accessory label and print it (unless `skipPrint`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ZubehoerRequest {
    #[serde(default)]
    pub lieferscheinnummer: Option<String>,
    #[serde(default)]
    pub items: Option<Vec<PackItemInput>>,
    #[serde(default)]
    pub skip_print: Option<bool>,
    /// Required unless `skipPrint` is true.
    #[serde(default)]
    pub printer_id: Option<i64>,
}

/// A stored accessory label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ZubehoerDto {
    pub id: i64,
    pub lieferscheinnummer: String,
    /// The C-Extender serial (article 10370), if one was given.
    pub serialnummer: Option<String>,
    /// Lines ordered by article number.
    pub entries: Vec<PackItem>,
    /// RFC 3339.
    pub created_at: String,
    #[serde(rename = "createdBy")]
    pub created_by: String,
    /// The newest print job of this label, if any.
    #[serde(rename = "lastPrintJob")]
    pub last_print_job: Option<PrintJobDto>,
}

/// `POST /api/zubehoer` answer (201).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ZubehoerCreated {
    pub success: bool,
    pub item: ZubehoerDto,
    /// The queued label, absent with `skipPrint`.
    pub print_job: Option<PrintJobDto>,
    /// The label's ZPL, absent with `skipPrint`.
    pub zpl: Option<String>,
}

/// `GET /api/zubehoer?lieferscheinnummer=…`, `GET /api/zubehoer/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ZubehoerFound {
    pub success: bool,
    pub found: bool,
    pub item: Option<ZubehoerDto>,
}

/// `GET /api/zubehoer` (history, paginated).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ZubehoerList {
    pub success: bool,
    pub items: Vec<ZubehoerDto>,
    pub pagination: crate::auth::Pagination,
}

/// `PUT /api/zubehoer`: print the label of a delivery note again.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ZubehoerReprintRequest {
    #[serde(default)]
    pub lieferscheinnummer: Option<String>,
    pub printer_id: i64,
    /// Required when the label was printed before (3–500 characters).
    #[serde(default)]
    pub reason: Option<String>,
}

/// `POST /api/zubehoer/{id}/print`, `/api/halterung/{id}/print`, `/api/outerkarton/{id}/print`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PrintLabelRequest {
    pub printer_id: i64,
    /// Required when the label was printed before (3–500 characters).
    #[serde(default)]
    pub reason: Option<String>,
}

/// A print request's answer (202) with the queued job and its ZPL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct LabelPrinted {
    pub success: bool,
    pub print_job: PrintJobDto,
    pub zpl: String,
}

/// `POST /api/halterung`: store a mount label and print it (unless `skipPrint`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct HalterungRequest {
    #[serde(default)]
    pub items: Option<Vec<PackItemInput>>,
    #[serde(default)]
    pub skip_print: Option<bool>,
    #[serde(default)]
    pub printer_id: Option<i64>,
}

/// A stored mount label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct HalterungDto {
    pub id: i64,
    /// Packaging date on the label, `DD-MM-YYYY` (plant time zone).
    pub datum: String,
    /// Lines ordered by article number.
    pub items: Vec<PackItem>,
    pub created_at: String,
    pub created_by: String,
    pub last_print_job: Option<PrintJobDto>,
}

/// `POST /api/halterung` answer (201).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct HalterungCreated {
    pub success: bool,
    pub item: HalterungDto,
    pub print_job: Option<PrintJobDto>,
    pub zpl: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HalterungResponse {
    pub success: bool,
    pub item: HalterungDto,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HalterungList {
    pub success: bool,
    pub items: Vec<HalterungDto>,
    pub pagination: crate::auth::Pagination,
}

/// A carton, as referenced from a unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CartonRef {
    pub id: i64,
    pub lieferschein_number: Option<String>,
}

/// The inspected unit behind a serial number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct UnitRef {
    pub inspection_id: i64,
    /// `cpro`, `c2`, `cbasic`, `kk`.
    pub product: String,
    pub status: InspectionStatus,
    /// Passed, or failed and released by MANAGEMENT: may be packed.
    pub printable: bool,
    /// The carton the unit is already packed in.
    pub packed_in: Option<CartonRef>,
}

/// Why a carton line cannot be packed as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EntryProblem {
    /// The unit has not passed inspection (awaiting B, in B, or failed without release):
    /// MANAGEMENT may pack it with an override reason.
    NotPassed,
    /// No inspection with this serial: MANAGEMENT may pack it with an override reason.
    NotInspected,
    /// The unit is already in another carton; remove it there first.
    PackedElsewhere,
}

/// A carton line with what the server knows about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CheckedEntry {
    pub artikelnummer: String,
    pub artikelbezeichnung: String,
    pub menge: u32,
    pub serialnummer: Option<String>,
    /// The inspected unit, for product lines with a serial.
    pub unit: Option<UnitRef>,
    pub problem: Option<EntryProblem>,
    /// The problem in words (German).
    pub message: Option<String>,
}

/// `POST /api/outerkarton/scan`: one scanned QR text.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScanRequest {
    pub text: String,
}

/// What a scanned text stood for, resolved into carton lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScanResponse {
    pub success: bool,
    /// `product`, `zubehoer`, `halterung_single`, `halterung_multi`, `outerkarton`, `legacy`.
    pub format: String,
    /// What was scanned, in words, e.g. `Zubehör-Etikett LS-4711`, `C2 C2-0001`.
    pub source: String,
    pub entries: Vec<CheckedEntry>,
}

/// `GET /api/outerkarton/unit?serialnummer=…`: a unit for a carton, looked up across the product
/// lines (404 when no line knows the serial).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnitEntryResponse {
    pub success: bool,
    pub entry: CheckedEntry,
}

/// `POST /api/outerkarton`: store a carton and print its label (unless `skipPrint`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CartonRequest {
    #[serde(default)]
    pub entries: Option<Vec<PackItemInput>>,
    /// Order / delivery-note number ("Auftrags Nummer"), optional.
    #[serde(default)]
    pub lieferschein_number: Option<String>,
    #[serde(default)]
    pub skip_print: Option<bool>,
    #[serde(default)]
    pub printer_id: Option<i64>,
    /// MANAGEMENT/ADMIN only: packs units that have not passed inspection (3–500 characters).
    #[serde(default)]
    pub override_reason: Option<String>,
}

/// `PUT /api/outerkarton/{id}`: change a carton's contents (and reprint its label).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CartonUpdateRequest {
    #[serde(default)]
    pub entries: Option<Vec<PackItemInput>>,
    #[serde(default)]
    pub lieferschein_number: Option<String>,
    /// The `version` the client read; a stale version answers 409.
    pub version: i32,
    /// Why the contents change (3–500 characters); also the reprint's reason.
    #[serde(default)]
    pub reason: Option<String>,
    /// Print the changed label on this printer.
    #[serde(default)]
    pub printer_id: Option<i64>,
    #[serde(default)]
    pub override_reason: Option<String>,
}

/// `PUT /api/outerkarton`: print a carton's label again.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CartonReprintRequest {
    #[serde(default)]
    pub outer_karton_id: Option<i64>,
    pub printer_id: i64,
    #[serde(default)]
    pub reason: Option<String>,
}

/// One stored carton line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CartonEntryDto {
    pub id: i64,
    pub outer_karton_id: i64,
    pub artikelnummer: String,
    pub artikelbezeichnung: String,
    pub menge: u32,
    pub serialnummer: Option<String>,
    /// The inspected unit packed on this line.
    pub inspection_id: Option<i64>,
    /// Set when MANAGEMENT packed a unit that had not passed.
    pub override_reason: Option<String>,
    pub override_by: Option<String>,
}

/// A stored carton with its lines in packing order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CartonDto {
    pub id: i64,
    pub lieferschein_number: Option<String>,
    pub created_at: String,
    pub created_by: String,
    pub updated_at: String,
    /// Optimistic-concurrency version for `PUT /api/outerkarton/{id}`.
    pub version: i32,
    pub entries: Vec<CartonEntryDto>,
    pub last_print_job: Option<PrintJobDto>,
}

/// `POST /api/outerkarton` answer (201).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CartonCreated {
    pub success: bool,
    pub outer_karton_id: i64,
    pub item: CartonDto,
    pub print_job: Option<PrintJobDto>,
    pub zpl: Option<String>,
}

/// `GET /api/outerkarton/{id}`, `PUT /api/outerkarton/{id}`, lookups by number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CartonResponse {
    pub success: bool,
    pub found: bool,
    pub item: Option<CartonDto>,
    /// Set when the change queued a reprint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub print_job: Option<PrintJobDto>,
}

/// `GET /api/outerkarton` (history) and `GET /api/outerkarton/search`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CartonList {
    pub success: bool,
    /// The newest match (`null` when nothing matched).
    pub item: Option<CartonDto>,
    pub items: Vec<CartonDto>,
    pub pagination: crate::auth::Pagination,
}
