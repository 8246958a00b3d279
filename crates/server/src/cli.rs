//! Command line: `serve` (default), `migrate`, `openapi`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use migration::{Migrator, MigratorTrait};

use crate::settings::Settings;
use crate::startup::Application;
use crate::{db, telemetry};

#[derive(Debug, Parser)]
#[command(
    name = "etikettdrucker",
    version,
    about = "Etikettdrucker: quality control and label printing for Rotoclear camera systems"
)]
struct Cli {
    /// TOML configuration file (also ETIKETT_CONFIG); default: ./etikettdrucker.toml when present.
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the HTTP server (the default).
    Serve,
    /// Apply, roll back or list database migrations.
    Migrate {
        #[command(subcommand)]
        action: Option<MigrateAction>,
    },
    /// Print the OpenAPI document.
    Openapi,
}

#[derive(Debug, Clone, Copy, Subcommand)]
enum MigrateAction {
    /// Apply all pending migrations (the default).
    Up,
    /// Roll back the newest migrations.
    Down {
        /// How many migrations to roll back.
        #[arg(long, default_value_t = 1)]
        steps: u32,
    },
    /// List applied and pending migrations.
    Status,
}

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let command = cli.command.unwrap_or(Command::Serve);
    if let Command::Openapi = command {
        println!("{}", crate::openapi::json());
        return ExitCode::SUCCESS;
    }
    let settings = match Settings::load(cli.config.as_deref()) {
        Ok(settings) => settings,
        Err(error) => {
            eprintln!("etikettdrucker: {error}");
            return ExitCode::from(2);
        }
    };
    let result = actix_web::rt::System::new().block_on(async move {
        match command {
            Command::Serve => serve(settings).await,
            Command::Migrate { action } => {
                migrate(settings, action.unwrap_or(MigrateAction::Up)).await
            }
            Command::Openapi => Ok(()),
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!(error = %format!("{error:#}"), "stopped with an error");
            eprintln!("etikettdrucker: {error:#}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(settings: Settings) -> anyhow::Result<()> {
    let _telemetry = telemetry::init(&settings)?;
    tracing::debug!(?settings, "settings loaded");
    let host = settings.host;
    let app = Application::build(settings).await?;
    tracing::info!(
        version = crate::VERSION,
        %host,
        port = app.port(),
        "Etikettdrucker listening on http://{host}:{}",
        app.port()
    );
    app.run_until_stopped().await?;
    tracing::info!("stopped");
    Ok(())
}

async fn migrate(settings: Settings, action: MigrateAction) -> anyhow::Result<()> {
    let db = db::connect(&settings).await?;
    match action {
        MigrateAction::Up => {
            db::migrate_up(&db).await?;
            println!("migrations applied");
        }
        MigrateAction::Down { steps } => {
            Migrator::down(&db, Some(steps)).await?;
            println!("rolled back {steps} migration(s)");
        }
        MigrateAction::Status => {
            for migration in Migrator::get_applied_migrations(&db).await? {
                println!("applied  {}", migration.name());
            }
            for migration in Migrator::get_pending_migrations(&db).await? {
                println!("pending  {}", migration.name());
            }
        }
    }
    Ok(())
}
