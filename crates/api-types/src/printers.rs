//! The printer registry on the wire.

use serde::{Deserialize, Serialize};

/// A registered label printer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PrinterDto {
    pub id: i64,
    pub name: String,
    /// IP address or host name.
    pub host: String,
    pub port: u16,
    pub dpi: u16,
    pub label_width_mm: u16,
    pub label_height_mm: u16,
    pub location: String,
    pub enabled: bool,
    /// The printer workstations start with.
    pub is_default: bool,
    pub updated_at: String,
    pub updated_by: Option<String>,
}

/// `POST /api/printers`, `PUT /api/printers/{id}`: the whole printer.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PrinterRequest {
    pub name: String,
    pub host: String,
    /// Raw TCP port, default 9100.
    #[serde(default = "default_port")]
    pub port: u16,
    /// 203, 300 or 600; default 300 (the labels are laid out for 300 dpi).
    #[serde(default = "default_dpi")]
    pub dpi: u16,
    /// Default 100 × 150 mm.
    #[serde(default = "default_width")]
    pub label_width_mm: u16,
    #[serde(default = "default_height")]
    pub label_height_mm: u16,
    #[serde(default)]
    pub location: String,
    #[serde(default = "default_enabled")]
    pub enabled: bool,
    #[serde(default)]
    pub is_default: bool,
}

fn default_port() -> u16 {
    9100
}
fn default_dpi() -> u16 {
    300
}
fn default_width() -> u16 {
    100
}
fn default_height() -> u16 {
    150
}
fn default_enabled() -> bool {
    true
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PrinterList {
    pub printers: Vec<PrinterDto>,
}

/// `GET /api/printers`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PrinterListResponse {
    pub success: bool,
    pub data: PrinterList,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PrinterData {
    pub printer: PrinterDto,
}

/// One printer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PrinterResponse {
    pub success: bool,
    pub data: PrinterData,
}
