//! `etikettdrucker maintenance`: routine care for a scheduler.

use crate::settings::Settings;

/// Options of `maintenance`.
#[derive(Debug, clap::Args)]
pub struct Args {}

pub async fn run(_settings: &Settings, _args: Args) -> anyhow::Result<()> {
    anyhow::bail!("not implemented yet")
}
