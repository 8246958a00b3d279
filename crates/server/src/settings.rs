//! Typed settings, loaded in layers: defaults → optional TOML file → environment.
//!
//! Environment variables: `ETIKETT_<KEY>` with `__` between nested keys (`ETIKETT_DATABASE__POOL_SIZE`),
//! plus the conventional unprefixed `DATABASE_URL`, `HOST`, `PORT` and `LOG_LEVEL`, which win.

use std::fmt;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

/// File read when `--config`/`ETIKETT_CONFIG` is not given and the file exists.
pub const DEFAULT_CONFIG_FILE: &str = "etikettdrucker.toml";

#[derive(Debug, Clone, Deserialize)]
pub struct Settings {
    /// Address to listen on (`HOST`).
    pub host: IpAddr,
    /// TCP port (`PORT`); 0 picks a free port.
    pub port: u16,
    /// `development` (readable logs) or `production` (JSON logs).
    pub env: Environment,
    /// Database file, logs and backups live here (`ETIKETT_DATA_DIR`).
    pub data_dir: PathBuf,
    /// Built SPA served at `/` (`ETIKETT_STATIC_DIR`).
    pub static_dir: PathBuf,
    /// `tracing` filter directive (`LOG_LEVEL`), e.g. `info` or `info,etikettdrucker=debug`.
    pub log_level: String,
    /// Seconds in-flight requests get to finish on shutdown.
    pub shutdown_grace_secs: u64,
    /// Apply pending migrations when `serve` starts.
    pub migrate_on_start: bool,
    /// HTTP worker threads (`ETIKETT_WORKERS`); unset: one per CPU core.
    pub workers: Option<usize>,
    /// Resident memory above this many MiB reports `warning` in the health check.
    pub memory_warning_mb: u64,
    /// The plant's time zone (IANA name): packaging dates, production years and statistics.
    pub plant_timezone: String,
    pub database: DatabaseSettings,
    pub auth: AuthSettings,
    #[serde(default)]
    pub tls: TlsSettings,
    #[serde(default)]
    pub printing: PrintingSettings,
    #[serde(default)]
    pub inspection: InspectionSettings,
    #[serde(default)]
    pub analytics: AnalyticsSettings,
}

/// Statistics and dashboards (`ETIKETT_ANALYTICS__<KEY>`).
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct AnalyticsSettings {
    /// Figures per person (top inspectors, work per inspector) for MANAGEMENT and ADMIN. Switch off
    /// where a works agreement forbids them; inspectors never see other people's figures.
    pub per_person_figures: bool,
}

impl Default for AnalyticsSettings {
    fn default() -> Self {
        Self {
            per_person_figures: true,
        }
    }
}

/// The inspection workflow (`ETIKETT_INSPECTION__<KEY>`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct InspectionSettings {
    /// Let the same person act as Prüfer A and Prüfer B of a unit (relaxes the two-person rule).
    pub allow_same_inspector: bool,
}

/// The print queue (`ETIKETT_PRINTING__<KEY>`).
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct PrintingSettings {
    /// Run the delivery workers in this instance (an instance without them still accepts jobs).
    pub workers: bool,
    /// Delivery attempts (connection or transfer failures) before a job is `failed`.
    pub max_attempts: u32,
    /// Wait after the first failed attempt; doubles with each further failure …
    pub retry_base_ms: u64,
    /// … up to this.
    pub retry_max_ms: u64,
    /// How often a printer that reports a fault (paper out, paused …) is asked again.
    pub fault_poll_ms: u64,
    /// How often an idle worker looks for jobs created by other instances (PostgreSQL).
    pub poll_ms: u64,
    /// How long a printer stays assigned to an instance without renewal.
    pub lease_secs: u64,
    pub connect_timeout_ms: u64,
    pub write_timeout_ms: u64,
    pub status_timeout_ms: u64,
    /// Ask the printer `~HS` before each job and wait while it reports a fault.
    pub check_status: bool,
    /// Comma-separated networks printers may be in (`127.0.0.0/8, 2001:db8::/32`); empty: any.
    pub allowed_networks: String,
    /// This instance's name in the queue's leases; unset: `<host name>:<port>`.
    pub instance_id: Option<String>,
    /// Development only: register the printer emulator at this loopback address as
    /// "Demo-Drucker" at start (`scripts/run.sh` starts one).
    pub demo_printer: Option<std::net::SocketAddr>,
}

impl Default for PrintingSettings {
    fn default() -> Self {
        PrintingSettings {
            workers: true,
            max_attempts: 20,
            retry_base_ms: 1_000,
            retry_max_ms: 30_000,
            fault_poll_ms: 3_000,
            poll_ms: 1_000,
            lease_secs: 60,
            connect_timeout_ms: 3_000,
            write_timeout_ms: 10_000,
            status_timeout_ms: 2_000,
            check_status: true,
            allowed_networks: String::new(),
            instance_id: None,
            demo_printer: None,
        }
    }
}

impl PrintingSettings {
    /// The configured allow-list; empty when any address is allowed.
    pub fn networks(&self) -> Result<Vec<crate::printing::Network>, String> {
        self.allowed_networks
            .split(',')
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(|n| n.parse())
            .collect()
    }

    pub fn timeouts(&self) -> crate::printing::Timeouts {
        crate::printing::Timeouts {
            connect: Duration::from_millis(self.connect_timeout_ms),
            write: Duration::from_millis(self.write_timeout_ms),
            status: Duration::from_millis(self.status_timeout_ms),
        }
    }
}

/// HTTPS (`ETIKETT_TLS__<KEY>`): with a certificate and key the server speaks only HTTPS on `port`,
/// sends HSTS, and (with `redirect_http_port`) redirects plain HTTP there.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct TlsSettings {
    /// PEM certificate chain.
    pub cert_file: Option<PathBuf>,
    /// PEM private key (PKCS#8, PKCS#1 or SEC1).
    pub key_file: Option<PathBuf>,
    /// Plain-HTTP port that redirects to HTTPS (e.g. 80); unset: none.
    pub redirect_http_port: Option<u16>,
}

impl TlsSettings {
    pub fn enabled(&self) -> bool {
        self.cert_file.is_some()
    }
}

/// Login, sessions and lockout (`ETIKETT_AUTH__<KEY>`).
#[derive(Debug, Clone, Deserialize)]
pub struct AuthSettings {
    /// bcrypt work factor for new password hashes (4–31).
    pub bcrypt_cost: u32,
    /// Session lifetime without "stay logged in".
    pub session_hours: u64,
    /// Session lifetime with "stay logged in".
    pub stay_logged_in_days: u64,
    /// A session unused for this long ends (ignored for "stay logged in" sessions).
    pub idle_timeout_minutes: u64,
    /// Consecutive wrong passwords that lock an account.
    pub lockout_threshold: i32,
    /// How long a locked account stays locked (an admin can unlock earlier).
    pub lockout_minutes: i64,
    /// Login attempts one client address may make per minute, checked before any password work.
    pub login_attempts_per_minute: u32,
    /// Force the cookies' `Secure` flag on or off; unset: on when the request came over HTTPS.
    pub cookie_secure: Option<bool>,
    /// Take the client address from the last `X-Forwarded-For` entry, the one a trusted reverse proxy
    /// appends (only behind such a proxy; earlier entries and `Forwarded` are never believed).
    pub trust_forwarded_for: bool,
}

#[derive(Clone, Deserialize)]
pub struct DatabaseSettings {
    /// `postgres://…` or `sqlite://…` (`DATABASE_URL`). Unset: SQLite file in the data directory.
    pub url: Option<SecretString>,
    /// Maximum pooled connections.
    pub pool_size: u32,
    /// Seconds to wait for a pooled connection or a new one before reporting the database unavailable.
    pub acquire_timeout_secs: u64,
}

impl fmt::Debug for DatabaseSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DatabaseSettings")
            .field("url", &self.url.as_ref().map(|_| "[REDACTED]"))
            .field("pool_size", &self.pool_size)
            .field("acquire_timeout_secs", &self.acquire_timeout_secs)
            .finish()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Environment {
    Development,
    Production,
}

/// A setting that cannot be used; the message names it.
#[derive(Debug, thiserror::Error)]
#[error("invalid configuration: {0}")]
pub struct SettingsError(String);

impl Settings {
    /// Loads settings from the defaults, `config_file` (or `etikettdrucker.toml` when present) and the
    /// process environment.
    pub fn load(config_file: Option<&Path>) -> Result<Self, SettingsError> {
        Self::load_from(config_file, std::env::vars())
    }

    /// Like [`Settings::load`], with the environment given explicitly (tests).
    pub fn load_from(
        config_file: Option<&Path>,
        env: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Self, SettingsError> {
        let env: std::collections::HashMap<String, String> = env.into_iter().collect();
        let mut builder = config::Config::builder()
            .set_default("host", "0.0.0.0")
            .and_then(|b| b.set_default("port", 3000))
            .and_then(|b| b.set_default("env", "development"))
            .and_then(|b| b.set_default("data_dir", "./data"))
            .and_then(|b| b.set_default("static_dir", "frontend/dist"))
            .and_then(|b| b.set_default("log_level", "info"))
            .and_then(|b| b.set_default("shutdown_grace_secs", 60))
            .and_then(|b| b.set_default("migrate_on_start", true))
            .and_then(|b| b.set_default("memory_warning_mb", 500))
            .and_then(|b| b.set_default("plant_timezone", "Europe/Berlin"))
            .and_then(|b| b.set_default("database.pool_size", 20))
            .and_then(|b| b.set_default("database.acquire_timeout_secs", 5))
            .and_then(|b| b.set_default("auth.bcrypt_cost", 12))
            .and_then(|b| b.set_default("auth.session_hours", 8))
            .and_then(|b| b.set_default("auth.stay_logged_in_days", 30))
            .and_then(|b| b.set_default("auth.idle_timeout_minutes", 120))
            .and_then(|b| b.set_default("auth.lockout_threshold", 5))
            .and_then(|b| b.set_default("auth.lockout_minutes", 30))
            .and_then(|b| b.set_default("auth.login_attempts_per_minute", 10))
            .and_then(|b| b.set_default("auth.trust_forwarded_for", false))
            .map_err(|e| SettingsError(e.to_string()))?;

        let file = config_file
            .map(Path::to_path_buf)
            .or_else(|| env.get("ETIKETT_CONFIG").map(PathBuf::from));
        builder = match file {
            Some(path) => {
                if !path.is_file() {
                    return Err(SettingsError(format!(
                        "config file {} does not exist",
                        path.display()
                    )));
                }
                builder.add_source(config::File::from(path).format(config::FileFormat::Toml))
            }
            None => builder.add_source(
                config::File::with_name(DEFAULT_CONFIG_FILE)
                    .format(config::FileFormat::Toml)
                    .required(false),
            ),
        };

        let prefixed: config::Map<String, String> = env
            .iter()
            .filter(|(k, _)| k.starts_with("ETIKETT_") && k.as_str() != "ETIKETT_CONFIG")
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        builder = builder.add_source(
            config::Environment::with_prefix("ETIKETT")
                .prefix_separator("_")
                .separator("__")
                .source(Some(prefixed)),
        );
        for (var, key) in [
            ("HOST", "host"),
            ("PORT", "port"),
            ("LOG_LEVEL", "log_level"),
            ("DATABASE_URL", "database.url"),
        ] {
            if let Some(value) = env.get(var).filter(|v| !v.is_empty()) {
                builder = builder
                    .set_override(key, value.as_str())
                    .map_err(|e| SettingsError(e.to_string()))?;
            }
        }

        let settings: Settings = builder
            .build()
            .and_then(config::Config::try_deserialize)
            .map_err(|e| SettingsError(e.to_string()))?;
        settings.validate()?;
        Ok(settings)
    }

    fn validate(&self) -> Result<(), SettingsError> {
        if self.database.pool_size < 2 {
            // Migrations hold one connection for the cross-instance lock while running on another.
            return Err(SettingsError(
                "database.pool_size (ETIKETT_DATABASE__POOL_SIZE) must be at least 2".into(),
            ));
        }
        if !(4..=31).contains(&self.auth.bcrypt_cost) {
            return Err(SettingsError(
                "auth.bcrypt_cost (ETIKETT_AUTH__BCRYPT_COST) must be between 4 and 31".into(),
            ));
        }
        if self.auth.lockout_threshold < 1 || self.auth.login_attempts_per_minute < 1 {
            return Err(SettingsError(
                "auth.lockout_threshold and auth.login_attempts_per_minute must be at least 1"
                    .into(),
            ));
        }
        if self.tls.cert_file.is_some() != self.tls.key_file.is_some() {
            return Err(SettingsError(
                "tls.cert_file and tls.key_file (ETIKETT_TLS__CERT_FILE, ETIKETT_TLS__KEY_FILE) \
                 must be set together"
                    .into(),
            ));
        }
        self.validate_printing()?;
        if self.plant_timezone.parse::<chrono_tz::Tz>().is_err() {
            return Err(SettingsError(format!(
                "plant_timezone (ETIKETT_PLANT_TIMEZONE) {:?} is not an IANA time zone such as \
                 Europe/Berlin",
                self.plant_timezone
            )));
        }
        if let Some(url) = &self.database.url {
            let url = url.expose_secret();
            if !(url.starts_with("postgres://")
                || url.starts_with("postgresql://")
                || url.starts_with("sqlite:"))
            {
                return Err(SettingsError(
                    "DATABASE_URL must start with postgres://, postgresql:// or sqlite:".into(),
                ));
            }
        }
        if tracing_subscriber::EnvFilter::try_new(&self.log_level).is_err() {
            return Err(SettingsError(format!(
                "LOG_LEVEL {:?} is not a valid level or filter (e.g. info, debug, warn)",
                self.log_level
            )));
        }
        Ok(())
    }

    fn validate_printing(&self) -> Result<(), SettingsError> {
        let p = &self.printing;
        if let Err(e) = p.networks() {
            return Err(SettingsError(format!(
                "printing.allowed_networks (ETIKETT_PRINTING__ALLOWED_NETWORKS): {e}"
            )));
        }
        if p.max_attempts < 1 || p.retry_base_ms < 1 || p.retry_max_ms < p.retry_base_ms {
            return Err(SettingsError(
                "printing.max_attempts must be at least 1 and printing.retry_max_ms at least \
                 printing.retry_base_ms (> 0)"
                    .into(),
            ));
        }
        if p.poll_ms < 10 || p.fault_poll_ms < 10 {
            return Err(SettingsError(
                "printing.poll_ms and printing.fault_poll_ms must be at least 10".into(),
            ));
        }
        let one_job_ms = p.connect_timeout_ms * 2 + p.status_timeout_ms + p.write_timeout_ms;
        if p.connect_timeout_ms == 0 || p.write_timeout_ms == 0 || p.status_timeout_ms == 0 {
            return Err(SettingsError("printing timeouts must be above 0".into()));
        }
        if let Some(demo) = p.demo_printer
            && (!demo.ip().is_loopback() || self.env != Environment::Development)
        {
            return Err(SettingsError(
                "printing.demo_printer (ETIKETT_PRINTING__DEMO_PRINTER) must be a loopback address \
                 and is only allowed with env = development"
                    .into(),
            ));
        }
        if p.lease_secs * 1000 < 2 * one_job_ms {
            return Err(SettingsError(format!(
                "printing.lease_secs must be at least twice the longest delivery \
                 (2 × connect + status + write timeouts = {one_job_ms} ms)"
            )));
        }
        Ok(())
    }

    /// The plant's time zone (validated at load).
    pub fn plant_tz(&self) -> chrono_tz::Tz {
        self.plant_timezone
            .parse()
            .unwrap_or(chrono_tz::Europe::Berlin)
    }

    pub fn shutdown_grace(&self) -> Duration {
        Duration::from_secs(self.shutdown_grace_secs)
    }

    pub fn logs_dir(&self) -> PathBuf {
        self.data_dir.join("logs")
    }

    /// The database URL to connect to: the configured one, or the SQLite file in the data directory.
    pub fn database_url(&self) -> SecretString {
        match &self.database.url {
            Some(url) => url.clone(),
            None => {
                let file = self.data_dir.join("etikettdrucker.db");
                // Forward slashes keep the URL valid for Windows paths too.
                let path = file.to_string_lossy().replace('\\', "/");
                SecretString::from(format!("sqlite://{path}?mode=rwc"))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(env: &[(&str, &str)]) -> Result<Settings, SettingsError> {
        let env = env.iter().map(|(k, v)| (k.to_string(), v.to_string()));
        Settings::load_from(None, env)
    }

    #[test]
    fn defaults_need_no_configuration() -> Result<(), SettingsError> {
        let s = load(&[])?;
        assert_eq!(s.port, 3000);
        assert_eq!(s.host.to_string(), "0.0.0.0");
        assert_eq!(s.database.pool_size, 20);
        assert_eq!(s.shutdown_grace_secs, 60);
        assert!(s.migrate_on_start);
        assert_eq!(s.env, Environment::Development);
        assert!(
            s.database_url()
                .expose_secret()
                .ends_with("data/etikettdrucker.db?mode=rwc")
        );
        Ok(())
    }

    #[test]
    fn environment_overrides_defaults() -> Result<(), SettingsError> {
        let s = load(&[
            ("PORT", "8080"),
            ("ETIKETT_ENV", "production"),
            ("ETIKETT_DATA_DIR", "/srv/etikett"),
            ("ETIKETT_DATABASE__POOL_SIZE", "7"),
            ("DATABASE_URL", "postgres://u:p@127.0.0.1/db"),
        ])?;
        assert_eq!(s.port, 8080);
        assert_eq!(s.env, Environment::Production);
        assert_eq!(s.data_dir, PathBuf::from("/srv/etikett"));
        assert_eq!(s.database.pool_size, 7);
        assert_eq!(
            s.database_url().expose_secret(),
            "postgres://u:p@127.0.0.1/db"
        );
        Ok(())
    }

    #[test]
    fn a_wrong_setting_names_itself() {
        let err = load(&[("PORT", "drei")]).err().map(|e| e.to_string());
        assert!(err.is_some_and(|e| e.contains("port")));
        let err = load(&[("ETIKETT_ENV", "staging")])
            .err()
            .map(|e| e.to_string());
        assert!(err.is_some_and(|e| e.contains("env")));
        let err = load(&[("DATABASE_URL", "mysql://x")])
            .err()
            .map(|e| e.to_string());
        assert!(err.is_some_and(|e| e.contains("DATABASE_URL")));
        let err = load(&[("LOG_LEVEL", "loud=[")])
            .err()
            .map(|e| e.to_string());
        assert!(err.is_some_and(|e| e.contains("LOG_LEVEL")));
    }

    #[test]
    fn debug_output_never_shows_the_database_password() -> Result<(), SettingsError> {
        let s = load(&[("DATABASE_URL", "postgres://u:geheim@127.0.0.1/db")])?;
        let debug = format!("{s:?}");
        assert!(!debug.contains("geheim"));
        assert!(debug.contains("REDACTED"));
        Ok(())
    }

    const EXAMPLE: &str = include_str!("../../../etikettdrucker.example.toml");

    fn load_text(text: &str) -> Result<Settings, SettingsError> {
        let dir = tempfile::tempdir().map_err(|e| SettingsError(e.to_string()))?;
        let file = dir.path().join("etikettdrucker.toml");
        std::fs::write(&file, text).map_err(|e| SettingsError(e.to_string()))?;
        Settings::load_from(Some(&file), Vec::new())
    }

    /// The example with every `# key = value` line and `# [table]` header uncommented (except the
    /// database URL, which the example leaves empty).
    fn example_uncommented() -> String {
        EXAMPLE
            .lines()
            .map(|line| match line.strip_prefix("# ") {
                Some(rest) if rest.starts_with("url = ") => line,
                Some(rest)
                    if rest.starts_with('[')
                        || rest.split_once(" = ").is_some_and(|(key, _)| {
                            key.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                        }) =>
                {
                    rest
                }
                _ => line,
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn the_example_configuration_is_valid_as_shipped_and_uncommented() -> Result<(), SettingsError>
    {
        let shipped = load_text(EXAMPLE)?;
        assert_eq!(shipped.port, 3000);
        let uncommented = load_text(&example_uncommented())?;
        assert_eq!(uncommented.workers, Some(4));
        assert_eq!(
            uncommented.printing.instance_id.as_deref(),
            Some("etikett-1")
        );
        assert!(!uncommented.inspection.allow_same_inspector);
        Ok(())
    }

    #[test]
    fn the_example_configuration_documents_every_setting() -> Result<(), SettingsError> {
        let documented = example_uncommented();
        let debug = format!("{:#?}", load(&[])?);
        let missing: Vec<&str> = debug
            .lines()
            .filter_map(|line| line.trim_start().split_once(": ").map(|(key, _)| key))
            .filter(|key| key.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
            .filter(|key| {
                !documented.lines().any(|line| {
                    line.starts_with(&format!("{key} = ")) || line == format!("[{key}]")
                }) && !documented.contains(&format!("# {key} = "))
            })
            .collect();
        assert!(
            missing.is_empty(),
            "not in etikettdrucker.example.toml: {missing:?}"
        );
        Ok(())
    }

    #[test]
    fn a_missing_config_file_is_an_error() {
        let err = Settings::load_from(Some(Path::new("/nonexistent/e.toml")), Vec::new());
        assert!(err.is_err_and(|e| e.to_string().contains("/nonexistent/e.toml")));
    }
}
