//! Talking to Zebra label printers over their raw TCP port.
//!
//! * [`host_status`]: the `~HS` answer, parsed into [`HostStatus`] and its [`PrinterFault`]s.
//! * [`client`]: [`PrinterClient`], one connection per request, every stage under a timeout.
//! * [`emulator`]: [`Emulator`], a fake printer for tests and demos (`etikettdrucker
//!   printer-emulator`).
//!
//! * [`network`]: the allow-list of printer networks.
//! * [`jobs`]: the print queue's table operations; [`queue`]: its workers, leases and live events.
//! * [`labels`]: queuing the label of a stored record, with the reprint rule.

pub mod client;
pub mod emulator;
pub mod host_status;
pub mod jobs;
pub mod labels;
pub mod network;
pub mod queue;

pub use client::{PrinterClient, PrinterError, Stage, Timeouts};
pub use emulator::{EmulatedState, Emulator, EmulatorConfig, ReceivedLabel};
pub use host_status::{HostStatus, HostStatusError, PrinterFault};
pub use network::Network;
pub use queue::{PrintQueue, QueueMetrics};

/// Registers the printer emulator at `address` as "Demo-Drucker" (development mode, see
/// `printing.demo_printer`), or points the existing one there; default when no other printer is.
pub async fn register_demo_printer(
    db: &sea_orm::DatabaseConnection,
    address: std::net::SocketAddr,
) -> Result<(), sea_orm::DbErr> {
    use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, Set};

    use crate::entities::printer;

    const NAME: &str = "Demo-Drucker";
    let now = chrono::Utc::now();
    let existing = printer::Entity::find()
        .filter(printer::Column::Name.eq(NAME))
        .one(db)
        .await?;
    let row = match existing {
        Some(row) => {
            let mut row = row.into_active_model();
            row.host = Set(address.ip().to_string());
            row.port = Set(i32::from(address.port()));
            row.updated_at = Set(now);
            row
        }
        None => {
            let has_default = printer::Entity::find()
                .filter(printer::Column::IsDefault.eq(true))
                .one(db)
                .await?
                .is_some();
            printer::ActiveModel {
                name: Set(NAME.into()),
                host: Set(address.ip().to_string()),
                port: Set(i32::from(address.port())),
                dpi: Set(300),
                label_width_mm: Set(100),
                label_height_mm: Set(150),
                location: Set("Emulator (Entwicklung)".into()),
                enabled: Set(true),
                is_default: Set(!has_default),
                created_at: Set(now),
                updated_at: Set(now),
                updated_by: Set(Some("system".into())),
                ..Default::default()
            }
        }
    };
    row.save(db).await?;
    tracing::info!(%address, "demo printer registered (development mode)");
    Ok(())
}
