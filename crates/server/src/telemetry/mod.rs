//! Logging: `tracing` to the console and to size-rotated files under `<data>/logs`.
//!
//! JSON lines in production, readable lines in development. `combined.log` gets everything at the
//! configured level (rotated at 10 MB, 10 files kept), `error.log` only errors (5 MB, 5 files).

mod rotating;

use std::io;

use tracing::Subscriber;
use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::filter::LevelFilter;
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::registry::LookupSpan;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer};

pub use rotating::RotatingFile;

use crate::settings::{Environment, Settings};

const MB: u64 = 1024 * 1024;

/// Keeps the background log writers alive; logs are flushed when it is dropped.
#[must_use = "dropping the guard stops file logging"]
pub struct TelemetryGuard {
    _guards: Vec<WorkerGuard>,
}

/// Installs the global subscriber. Call once, from `main`.
pub fn init(settings: &Settings) -> io::Result<TelemetryGuard> {
    let logs = settings.logs_dir();
    std::fs::create_dir_all(&logs)?;
    let (combined, combined_guard) =
        tracing_appender::non_blocking(RotatingFile::open(logs.join("combined.log"), 10 * MB, 10)?);
    let (errors, errors_guard) =
        tracing_appender::non_blocking(RotatingFile::open(logs.join("error.log"), 5 * MB, 5)?);

    let json = settings.env == Environment::Production;
    let filter = EnvFilter::try_new(quiet_dependencies(&settings.log_level))
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;

    tracing_subscriber::registry()
        .with(
            layer(json, io::stdout, true)
                .and_then(layer(json, combined, false))
                .with_filter(filter),
        )
        .with(layer(json, errors, false).with_filter(LevelFilter::ERROR))
        .try_init()
        .map_err(|e| io::Error::other(e.to_string()))?;
    Ok(TelemetryGuard {
        _guards: vec![combined_guard, errors_guard],
    })
}

/// One output: JSON lines or readable text.
fn layer<S, W>(json: bool, writer: W, ansi: bool) -> Box<dyn Layer<S> + Send + Sync>
where
    S: Subscriber + for<'a> LookupSpan<'a>,
    W: for<'w> MakeWriter<'w> + Send + Sync + 'static,
{
    let base = tracing_subscriber::fmt::layer()
        .with_writer(writer)
        .with_target(true);
    if json {
        base.json()
            .with_current_span(true)
            .with_span_list(false)
            .boxed()
    } else {
        base.with_ansi(ansi).boxed()
    }
}

/// The SQL drivers log every statement at info; keep them at warn unless the operator asks for them.
fn quiet_dependencies(level: &str) -> String {
    if level.contains('=') {
        level.to_string()
    } else {
        format!("{level},sqlx=warn,sea_orm=warn,sea_orm_migration=warn,actix_server=warn")
    }
}
