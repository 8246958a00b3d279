//! Operations from the command line: backups (and, in later steps, restore, maintenance and health
//! probes for deploy scripts). The logic lives here, in the binary; scripts stay thin wrappers.

pub mod backup;
pub mod probe;
pub mod restore;
