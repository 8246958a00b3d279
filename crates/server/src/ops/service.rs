//! `etikettdrucker service`: the Windows service.

use std::path::Path;

/// What to do with the Windows service.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum Action {
    /// Run as the service (started by the service manager).
    Run,
}

pub fn run(_config: Option<&Path>, _action: Action) -> anyhow::Result<()> {
    anyhow::bail!("not implemented yet")
}
