//! Command line: `serve` (default), `migrate`, `openapi`, `label`, `create-admin`, `printer-emulator` and
//! the operations commands of [`crate::ops`].

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use migration::{Migrator, MigratorTrait};
use secrecy::ExposeSecret;

use crate::label_input::{Label, LabelKind};
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
    /// Ask a running server's health endpoint until it answers healthy (deploy and update scripts):
    /// exit code 0 when healthy, 1 when it is not after the last retry.
    Healthcheck {
        #[arg(long, default_value = "http://127.0.0.1:3000/api/health")]
        url: String,
        #[arg(long, default_value_t = 5)]
        retries: u32,
        /// Pause between attempts: 10s, 500ms, 2m.
        #[arg(long, default_value = "10s", value_parser = crate::ops::probe::parse_duration)]
        interval: std::time::Duration,
    },
    /// Configuration tools.
    Config {
        #[command(subcommand)]
        action: ConfigAction,
    },
    /// Back up the database to `<data>/backups` (SQLite: online copy, gzip; PostgreSQL: pg_dump
    /// custom format), verify it by reading it back, then remove backups older than `--keep-days`
    /// or beyond the newest `--keep-count`. Exit code 0 on success, 1 on failure.
    Backup {
        #[arg(long, default_value_t = 30)]
        keep_days: u32,
        #[arg(long, default_value_t = 30)]
        keep_count: usize,
    },
    /// Restore a backup of `backup` into the configured database. Refuses while a server uses it
    /// (exit code 3; `--while-running` overrides) and a database that already holds data (exit
    /// code 4; `--force` replaces it, keeping a SQLite file beside). Exit code 1 on failure.
    Restore {
        file: PathBuf,
        #[arg(long)]
        force: bool,
        #[arg(long)]
        while_running: bool,
    },
    /// Routine care for a scheduler (daily): remove old logs and backups, `VACUUM ANALYZE`
    /// (PostgreSQL) or `PRAGMA optimize` (SQLite), warn when the disk runs low, probe the health
    /// endpoint. Exit code 0 all well, 1 a step failed, 2 done with warnings (low disk).
    Maintenance(crate::ops::maintenance::Args),
    /// Import users, inspections, accessory labels and cartons from the original system's
    /// PostgreSQL database. Idempotent; `--dry-run` reports without writing.
    ImportLegacy(crate::ops::import_legacy::Args),
    /// Install a new version: stop the service, back up installation and database, copy the new
    /// files, migrate, start, health check; roll back automatically when anything fails.
    Deploy(crate::ops::deploy::Args),
    /// Windows service: install, uninstall, or run as the service (used by the service manager).
    Service {
        #[command(subcommand)]
        action: crate::ops::service::Action,
    },
    /// Count the home page's daily statistics afresh from the inspections (after a bulk import or
    /// a change of the plant's time zone). Safe while the server runs.
    RebuildStats,
    /// Label tools.
    Label {
        #[command(subcommand)]
        action: LabelAction,
    },
    /// Create an administrator from the server's console (first start without a browser, or a lost
    /// admin password). Reads the password from standard input, never from the command line.
    CreateAdmin {
        #[arg(long)]
        username: String,
        #[arg(long)]
        email: String,
        #[arg(long)]
        first_name: String,
        #[arg(long)]
        last_name: String,
    },
    /// Run a Zebra printer emulator on a TCP port: labels sent to it are written to a directory as
    /// `.zpl` and rendered `.svg`, `~HS` is answered with the chosen state. Runs until Ctrl-C.
    PrinterEmulator {
        /// Address to listen on, e.g. 127.0.0.1:9100 (loopback only unless --allow-non-loopback).
        #[arg(long, value_name = "ADDR")]
        listen: std::net::SocketAddr,
        /// Directory for the received labels (created if missing).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        #[arg(long, value_enum, default_value_t = EmulatorState::Ready)]
        state: EmulatorState,
        /// Pause before each read, in milliseconds (a slow printer).
        #[arg(long, value_name = "MS")]
        read_delay_ms: Option<u64>,
        /// Drop each connection after this many bytes (a printer failing midway).
        #[arg(long, value_name = "BYTES")]
        disconnect_after: Option<usize>,
        /// Listen on a non-loopback address (reachable from the network; demos stay on loopback).
        #[arg(long)]
        allow_non_loopback: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum EmulatorState {
    Ready,
    PaperOut,
    Paused,
    HeadOpen,
    NoAnswer,
}

impl From<EmulatorState> for crate::printing::EmulatedState {
    fn from(state: EmulatorState) -> Self {
        match state {
            EmulatorState::Ready => Self::Ready,
            EmulatorState::PaperOut => Self::PaperOut,
            EmulatorState::Paused => Self::Paused,
            EmulatorState::HeadOpen => Self::HeadOpen,
            EmulatorState::NoAnswer => Self::NoAnswer,
        }
    }
}

#[derive(Debug, Subcommand)]
enum LabelAction {
    /// Write a label from the original endpoint's request body (JSON) to standard output.
    Render {
        #[arg(long, value_enum)]
        kind: LabelKind,
        /// JSON file, or `-` for standard input.
        #[arg(long, default_value = "-")]
        input: PathBuf,
        #[arg(long, value_enum, default_value_t = LabelFormat::Zpl)]
        format: LabelFormat,
        /// Reproduce the original system's bytes (doubled ^GFA prefix, uncompressed QR raster).
        #[arg(long)]
        compat_original: bool,
        /// Date for labels whose body has none (YYYY-MM-DD); default: today (UTC).
        #[arg(long)]
        date: Option<chrono::NaiveDate>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum LabelFormat {
    Zpl,
    Svg,
    QrPayload,
}

#[derive(Debug, Clone, Copy, Subcommand)]
enum ConfigAction {
    /// Load the configuration (defaults, file, environment), report errors, print the effective
    /// settings with secrets redacted. Exit code 0 valid, 2 invalid.
    Check,
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
    match command {
        Command::Openapi => {
            println!("{}", crate::openapi::json());
            return ExitCode::SUCCESS;
        }
        Command::Label { action } => {
            return match render_label(action) {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => {
                    eprintln!("etikettdrucker: {error:#}");
                    ExitCode::FAILURE
                }
            };
        }
        Command::PrinterEmulator {
            listen,
            out,
            state,
            read_delay_ms,
            disconnect_after,
            allow_non_loopback,
        } => {
            if !listen.ip().is_loopback() && !allow_non_loopback {
                eprintln!(
                    "etikettdrucker: {listen} is not a loopback address; \
                     use --allow-non-loopback to listen on the network"
                );
                return ExitCode::from(2);
            }
            let config = crate::printing::EmulatorConfig {
                state: state.into(),
                out_dir: Some(out),
                read_delay: read_delay_ms.map(std::time::Duration::from_millis),
                disconnect_after,
                ..crate::printing::EmulatorConfig::default()
            };
            let result = actix_web::rt::System::new().block_on(printer_emulator(listen, config));
            return match result {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => {
                    eprintln!("etikettdrucker: {error:#}");
                    ExitCode::FAILURE
                }
            };
        }
        Command::Healthcheck {
            url,
            retries,
            interval,
        } => {
            let result = actix_web::rt::System::new()
                .block_on(crate::ops::probe::wait_healthy(&url, retries, interval));
            return match result {
                Ok(attempt) => {
                    println!("{url}: healthy (attempt {attempt})");
                    ExitCode::SUCCESS
                }
                Err(reason) => {
                    eprintln!(
                        "etikettdrucker: {url} is not healthy after {retries} attempts: {reason}"
                    );
                    ExitCode::FAILURE
                }
            };
        }
        Command::Deploy(args) => {
            return exit_code(crate::ops::deploy::run(cli.config.as_deref(), args));
        }
        Command::Service { action } => {
            return exit_code(crate::ops::service::run(cli.config.as_deref(), action));
        }
        Command::Config {
            action: ConfigAction::Check,
        } => {
            return match Settings::load(cli.config.as_deref()) {
                Ok(settings) => {
                    let url = settings.database_url();
                    let (database, password) =
                        crate::ops::backup::split_password(url.expose_secret());
                    println!("configuration is valid");
                    println!(
                        "database: {database}{}",
                        if password.is_some() {
                            " (password set, not shown)"
                        } else {
                            ""
                        }
                    );
                    println!("{settings:#?}");
                    ExitCode::SUCCESS
                }
                Err(error) => {
                    eprintln!("etikettdrucker: {error}");
                    ExitCode::from(2)
                }
            };
        }
        _ => {}
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
            Command::RebuildStats => rebuild_stats(settings).await,
            Command::Restore {
                file,
                force,
                while_running,
            } => {
                let options = crate::ops::restore::Options {
                    force,
                    while_running,
                };
                crate::ops::restore::run(&settings, &file, options)
                    .await
                    .map(|target| println!("restored {} into {target}", file.display()))
            }
            Command::Backup {
                keep_days,
                keep_count,
            } => backup(settings, keep_days, keep_count).await,
            Command::Migrate { action } => {
                migrate(settings, action.unwrap_or(MigrateAction::Up)).await
            }
            Command::Maintenance(args) => crate::ops::maintenance::run(&settings, args).await,
            Command::ImportLegacy(args) => crate::ops::import_legacy::run(&settings, args).await,
            Command::Openapi
            | Command::Deploy(_)
            | Command::Service { .. }
            | Command::Label { .. }
            | Command::PrinterEmulator { .. }
            | Command::Healthcheck { .. }
            | Command::Config { .. } => Ok(()),
            Command::CreateAdmin {
                username,
                email,
                first_name,
                last_name,
            } => create_admin(settings, username, email, first_name, last_name).await,
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!(error = %format!("{error:#}"), "stopped with an error");
            eprintln!("etikettdrucker: {error:#}");
            if let Some(refused) = error.downcast_ref::<crate::ops::restore::Refused>() {
                ExitCode::from(refused.exit_code())
            } else if let Some(unwell) = error.downcast_ref::<crate::ops::maintenance::Unwell>() {
                ExitCode::from(unwell.exit_code())
            } else {
                ExitCode::FAILURE
            }
        }
    }
}

/// Exit code of a command run before the configuration is loaded: 0, or 1 with the error printed.
fn exit_code(result: anyhow::Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
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

async fn backup(settings: Settings, keep_days: u32, keep_count: usize) -> anyhow::Result<()> {
    let retention = crate::ops::backup::Retention {
        days: keep_days,
        count: keep_count,
    };
    let report = crate::ops::backup::run(&settings, retention).await?;
    println!(
        "backup {} ({} bytes, verified) in {:.1} s",
        report.file.display(),
        report.bytes,
        report.seconds
    );
    for old in &report.removed {
        println!("removed old backup {}", old.display());
    }
    Ok(())
}

async fn rebuild_stats(settings: Settings) -> anyhow::Result<()> {
    let db = db::connect(&settings).await?;
    let days = crate::dashboard::daily::rebuild(&db).await?;
    println!("daily statistics counted afresh ({days} days of product lines)");
    Ok(())
}

async fn create_admin(
    settings: Settings,
    username: String,
    email: String,
    first_name: String,
    last_name: String,
) -> anyhow::Result<()> {
    let mut password = String::new();
    std::io::stdin().read_line(&mut password)?;
    let password = password.trim_end_matches(['\r', '\n']).to_string();
    let valid = crate::services::users::validate_new_user(
        &username,
        &email,
        &password,
        &first_name,
        &last_name,
    )
    .map_err(|error| match error.body().errors {
        Some(fields) => anyhow::anyhow!(
            "{}",
            fields
                .iter()
                .map(|(field, messages)| format!("{field}: {}", messages.join(", ")))
                .collect::<Vec<_>>()
                .join("; ")
        ),
        None => anyhow::anyhow!("{error}"),
    })?;
    let db = db::connect(&settings).await?;
    db::migrate_up(&db).await?;
    let (username_taken, email_taken) =
        crate::services::users::taken(&db, Some(&valid.username), Some(&valid.email), None).await?;
    if username_taken || email_taken {
        anyhow::bail!("username or email already exists");
    }
    let hash = crate::auth::password::hash(password, settings.auth.bcrypt_cost)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let user = crate::services::users::insert(
        &db,
        crate::services::users::NewUser {
            username: &valid.username,
            email: &valid.email,
            password_hash: hash,
            first_name: &valid.first_name,
            last_name: &valid.last_name,
            role: api_types::auth::Role::Admin,
            created_by: Some("console"),
        },
    )
    .await?;
    println!("administrator {} created (id {})", user.username, user.id);
    Ok(())
}

/// `printer-emulator`: no settings, no database; reports each label on standard output.
async fn printer_emulator(
    listen: std::net::SocketAddr,
    config: crate::printing::EmulatorConfig,
) -> anyhow::Result<()> {
    let out = config.out_dir.clone().unwrap_or_default();
    tokio::fs::create_dir_all(&out)
        .await
        .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", out.display()))?;
    let emulator = crate::printing::Emulator::start(listen, config)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {listen}: {e}"))?;
    println!(
        "printer emulator listening on {}, state {:?}, labels in {}",
        emulator.local_addr(),
        emulator.state(),
        out.display()
    );
    let mut arrivals = emulator.subscribe();
    let mut reported = 0;
    loop {
        tokio::select! {
            signal = tokio::signal::ctrl_c() => {
                signal?;
                break;
            }
            changed = arrivals.changed() => {
                if changed.is_err() {
                    break;
                }
                let count = *arrivals.borrow_and_update();
                for label in emulator.labels().iter().skip(reported).take(count.saturating_sub(reported)) {
                    println!(
                        "label {} received ({} bytes, connection {})",
                        label.number,
                        label.zpl.len(),
                        label.connection
                    );
                }
                reported = count;
            }
        }
    }
    emulator.stop().await;
    println!("printer emulator stopped");
    Ok(())
}

/// `label render`: no settings, no database — pure label code.
fn render_label(action: LabelAction) -> anyhow::Result<()> {
    use std::io::{Read, Write};

    let LabelAction::Render {
        kind,
        input,
        format,
        compat_original,
        date,
    } = action;
    let mut json = String::new();
    if input.as_os_str() == "-" {
        std::io::stdin().read_to_string(&mut json)?;
    } else {
        json = std::fs::read_to_string(&input)
            .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", input.display()))?;
    }
    let body: serde_json::Value =
        serde_json::from_str(&json).map_err(|e| anyhow::anyhow!("input is not JSON: {e}"))?;
    let today = date.unwrap_or_else(|| chrono::Utc::now().date_naive());
    let label = Label::from_body(kind, &body, today)?;
    let mode = if compat_original {
        labels::zpl::Mode::CompatOriginal
    } else {
        labels::zpl::Mode::Default
    };
    let output = match format {
        LabelFormat::QrPayload => label.qr_payload(),
        LabelFormat::Zpl => label.zpl(mode)?,
        LabelFormat::Svg => {
            let preview = labels::preview::zpl_to_svg(&label.zpl(mode)?);
            for note in &preview.skipped {
                eprintln!("preview: {note}");
            }
            preview.svg
        }
    };
    std::io::stdout().write_all(output.as_bytes())?;
    Ok(())
}
