//! Talking to Zebra label printers over their raw TCP port.
//!
//! * [`host_status`]: the `~HS` answer, parsed into [`HostStatus`] and its [`PrinterFault`]s.
//! * [`client`]: [`PrinterClient`], one connection per request, every stage under a timeout.
//! * [`emulator`]: [`Emulator`], a fake printer for tests and demos (`etikettdrucker
//!   printer-emulator`).
//!
//! The printer registry, the persistent queue and its workers build on these (issue #5).

pub mod client;
pub mod emulator;
pub mod host_status;

pub use client::{PrinterClient, PrinterError, Stage, Timeouts};
pub use emulator::{EmulatedState, Emulator, EmulatorConfig, ReceivedLabel};
pub use host_status::{HostStatus, HostStatusError, PrinterFault};
