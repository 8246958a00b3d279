//! `etikettdrucker deploy`: install a new version with backup, health check and rollback.

use std::path::Path;

/// Options of `deploy`.
#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_config: Option<&Path>, _args: Args) -> anyhow::Result<()> {
    anyhow::bail!("not implemented yet")
}
