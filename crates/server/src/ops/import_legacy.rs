//! `etikettdrucker import-legacy`: import from the original system's database.

use crate::settings::Settings;

/// Options of `import-legacy`.
#[derive(Debug, clap::Args)]
pub struct Args {}

pub async fn run(_settings: &Settings, _args: Args) -> anyhow::Result<()> {
    anyhow::bail!("not implemented yet")
}
