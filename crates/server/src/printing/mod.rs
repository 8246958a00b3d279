//! Talking to Zebra label printers over their raw TCP port.
//!
//! * [`host_status`]: the `~HS` answer, parsed into [`HostStatus`] and its [`PrinterFault`]s.
//! * [`client`]: [`PrinterClient`], one connection per request, every stage under a timeout.
//! * [`emulator`]: [`Emulator`], a fake printer for tests and demos (`etikettdrucker
//!   printer-emulator`).
//!
//! * [`network`]: the allow-list of printer networks.
//! * [`jobs`]: the print queue's table operations; [`queue`]: its workers, leases and live events.

pub mod client;
pub mod emulator;
pub mod host_status;
pub mod jobs;
pub mod network;
pub mod queue;

pub use client::{PrinterClient, PrinterError, Stage, Timeouts};
pub use emulator::{EmulatedState, Emulator, EmulatorConfig, ReceivedLabel};
pub use host_status::{HostStatus, HostStatusError, PrinterFault};
pub use network::Network;
pub use queue::{PrintQueue, QueueMetrics};
