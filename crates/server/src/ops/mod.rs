//! Operations from the command line: backup, restore, maintenance, health probes, deploy with
//! rollback, the Windows service and the import from the original system. The logic lives here, in
//! the binary, where it is tested; the scripts under `scripts/windows` and `scripts/linux` stay thin
//! wrappers.

pub mod backup;
pub mod deploy;
pub mod import_legacy;
pub mod maintenance;
pub mod probe;
pub mod restore;
pub mod service;
