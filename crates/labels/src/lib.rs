//! Label engine of Etikettdrucker: pure functions from label data to ZPL bytes, QR payloads, the
//! outer-carton scan parser, and a ZPL → SVG preview.
//!
//! No IO and no runtime: this crate compiles to wasm32 so the SPA renders the same previews the
//! printer receives.
#![forbid(unsafe_code)]

pub mod packaging;
pub mod preview;
pub mod product;
pub mod qr;
pub mod scan;
pub mod test_label;
pub mod text;
pub mod zpl;
