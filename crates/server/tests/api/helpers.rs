//! `TestApp`: the real server on a free loopback port with a fresh database per test.
//!
//! SQLite by default; PostgreSQL when `TEST_DATABASE_URL` points at a server (a throwaway database is
//! created per test and dropped afterwards).

use std::path::PathBuf;

use actix_web::dev::ServerHandle;
use etikettdrucker::settings::Settings;
use etikettdrucker::startup::Application;
use secrecy::{ExposeSecret, SecretString};
use serde_json::{Value, json};
use tempfile::TempDir;

#[path = "../support/net.rs"]
mod net;
#[path = "../support/postgres.rs"]
mod postgres;
#[allow(unused_imports)] // not every test crate that includes the helpers uses both
pub use net::{TcpProxy, eventually};
pub use postgres::TestDatabase;

pub type TestResult = Result<(), Box<dyn std::error::Error>>;

pub struct TestApp {
    admin: tokio::sync::OnceCell<Session>,
    pub address: String,
    pub client: reqwest::Client,
    pub data_dir: PathBuf,
    /// The app's database (SQLite file or the test's PostgreSQL database).
    pub database_url: String,
    handle: ServerHandle,
    postgres: Option<TestDatabase>,
    _dir: TempDir,
}

/// The `etikettdrucker` binary of this build.
pub const BIN: &str = env!("CARGO_BIN_EXE_etikettdrucker");

/// `etikettdrucker <subcommand>` with a clean environment, pointed at `data_dir` and (when given)
/// `database_url`, logging warnings only.
pub fn command_for(
    data_dir: &std::path::Path,
    database_url: Option<&str>,
    subcommand: &str,
) -> std::process::Command {
    let mut command = std::process::Command::new(BIN);
    command
        .arg(subcommand)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("ETIKETT_DATA_DIR", data_dir)
        .env("LOG_LEVEL", "warn");
    if let Some(url) = database_url {
        command.env("DATABASE_URL", url);
    }
    command
}

impl TestApp {
    /// `etikettdrucker <subcommand>` on this app's data directory and database.
    pub fn command(&self, subcommand: &str) -> std::process::Command {
        command_for(&self.data_dir, Some(&self.database_url), subcommand)
    }

    pub async fn spawn() -> Self {
        Self::spawn_with(|_| {}).await
    }

    /// Starts the app after `configure` adjusted the settings.
    pub async fn spawn_with(configure: impl FnOnce(&mut Settings)) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let postgres = match std::env::var("TEST_DATABASE_URL") {
            Ok(url) if !url.is_empty() => Some(TestDatabase::create(&url).await),
            _ => None,
        };
        let mut settings = test_settings(&dir);
        if let Some(db) = &postgres {
            settings.database.url = Some(SecretString::from(db.url.clone()));
        }
        configure(&mut settings);
        let data_dir = settings.data_dir.clone();
        let database_url = settings.database_url().expose_secret().to_owned();
        let app = Application::build(settings).await.expect("app builds");
        let address = format!("http://127.0.0.1:{}", app.port());
        let handle = app.handle();
        tokio::spawn(app.run_until_stopped());
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .cookie_store(true)
            .build()
            .expect("http client");
        Self {
            admin: tokio::sync::OnceCell::new(),
            address,
            client,
            data_dir,
            database_url,
            handle,
            postgres,
            _dir: dir,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request sent")
    }

    pub async fn post_json(&self, path: &str, body: &serde_json::Value) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .json(body)
            .send()
            .await
            .expect("request sent")
    }

    /// Creates the first administrator through the setup endpoint (once) and returns their session.
    pub async fn admin(&self) -> &Session {
        self.admin
            .get_or_init(|| async {
                let response = self
                    .post_json(
                        "/api/setup/create-admin",
                        &json!({
                            "username": "admin",
                            "email": "admin@rotoclear.test",
                            "password": ADMIN_PASSWORD,
                            "firstName": "Ada",
                            "lastName": "Admin",
                        }),
                    )
                    .await;
                assert_eq!(response.status(), 200, "setup failed");
                self.login("admin", ADMIN_PASSWORD).await
            })
            .await
    }

    /// Logs in with a fresh cookie jar; panics unless the login succeeds.
    pub async fn login(&self, identifier: &str, password: &str) -> Session {
        let response = self.try_login(identifier, password).await;
        assert_eq!(
            response.status, 200,
            "login of {identifier} failed: {}",
            response.body
        );
        response.session
    }

    /// A login attempt with a fresh cookie jar, whatever its outcome.
    pub async fn try_login(&self, identifier: &str, password: &str) -> LoginAttempt {
        login_at(&self.address, identifier, password).await
    }

    /// Creates a user with `role` (as the admin) and returns its username and password.
    pub async fn create_user(&self, username: &str, role: &str) -> (String, String) {
        let password = USER_PASSWORD.to_string();
        let response = self
            .admin()
            .await
            .post(
                "/api/users",
                &json!({
                    "username": username,
                    "email": format!("{username}@rotoclear.test"),
                    "password": password,
                    "firstName": "Test",
                    "lastName": username,
                    "role": role,
                }),
            )
            .await;
        assert_eq!(response.status(), 200, "creating {username} failed");
        (username.to_string(), password)
    }

    /// A logged-in session of a new user with `role` (`ADMIN` gives a second admin).
    pub async fn login_as(&self, role: &str) -> Session {
        let username = format!("u_{}", role.to_lowercase());
        let (username, password) = self.create_user(&username, role).await;
        self.login(&username, &password).await
    }

    /// A second connection to the app's database, for arranging data the API cannot create
    /// (times in the past).
    pub async fn db(&self) -> sea_orm::DatabaseConnection {
        sea_orm::Database::connect(&self.database_url)
            .await
            .expect("database connection")
    }

    /// The database URL of this test's PostgreSQL database, if running against PostgreSQL.
    pub fn postgres_url(&self) -> Option<&str> {
        self.postgres.as_ref().map(|db| db.url.as_str())
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        // `stop` sends its command at once; awaiting it here would block the runtime that runs the
        // server. Dropping the throwaway database needs its own runtime, on its own thread.
        drop(self.handle.stop(false));
        if let Some(db) = self.postgres.take() {
            db.drop_blocking();
        }
    }
}

/// Password of every user `create_user` makes.
pub const USER_PASSWORD: &str = "Kalibrierter-Pruefstand-2026";
pub const ADMIN_PASSWORD: &str = "Erster-Zugang-Werk-2026";

/// The result of a login attempt.
pub struct LoginAttempt {
    pub status: u16,
    pub retry_after: Option<String>,
    pub body: Value,
    pub session: Session,
}

/// A logged-in browser: its own cookie jar, and the CSRF token it sends on state-changing requests.
pub struct Session {
    address: String,
    pub client: reqwest::Client,
    pub csrf: String,
    pub user_id: i64,
    /// The raw session cookie, to replay it after the session should have ended.
    pub cookie: String,
}

impl Session {
    fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request sent")
    }

    pub async fn post(&self, path: &str, body: &Value) -> reqwest::Response {
        self.send(reqwest::Method::POST, path, Some(body)).await
    }

    pub async fn put(&self, path: &str, body: &Value) -> reqwest::Response {
        self.send(reqwest::Method::PUT, path, Some(body)).await
    }

    pub async fn delete(&self, path: &str) -> reqwest::Response {
        self.send(reqwest::Method::DELETE, path, None).await
    }

    pub async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<&Value>,
    ) -> reqwest::Response {
        let mut request = self
            .client
            .request(method, self.url(path))
            .header("x-csrf-token", &self.csrf);
        if let Some(body) = body {
            request = request.json(body);
        }
        request.send().await.expect("request sent")
    }
}

/// A request with only the given session cookie (no jar, no CSRF token): proves whether a session
/// still works after it should have ended.
pub async fn with_cookie(address: &str, path: &str, cookie: &str) -> u16 {
    reqwest::Client::new()
        .get(format!("{address}{path}"))
        .header("cookie", format!("auth-token={cookie}"))
        .send()
        .await
        .expect("request sent")
        .status()
        .as_u16()
}

/// Settings for a test: loopback, free port, one worker, everything inside `dir`.
pub fn test_settings(dir: &TempDir) -> Settings {
    let mut settings = Settings::load_from(None, Vec::new()).expect("default settings");
    settings.host = "127.0.0.1".parse().expect("loopback");
    settings.port = 0;
    settings.workers = Some(1);
    settings.data_dir = dir.path().join("data");
    settings.static_dir = dir.path().join("static");
    settings.shutdown_grace_secs = 1;
    settings.database.acquire_timeout_secs = 2;
    // Cheap hashes keep the suite fast; the production default (12) is measured by the benchmarks.
    settings.auth.bcrypt_cost = 4;
    settings.auth.login_attempts_per_minute = 1000;
    // Printers on loopback answer at once; short waits keep the printing tests quick.
    settings.printing.max_attempts = 3;
    settings.printing.retry_base_ms = 20;
    settings.printing.retry_max_ms = 100;
    settings.printing.fault_poll_ms = 30;
    settings.printing.poll_ms = 50;
    settings.printing.connect_timeout_ms = 1_000;
    settings.printing.status_timeout_ms = 1_000;
    settings.printing.write_timeout_ms = 3_000;
    settings
}

/// A login attempt against the server at `address` (e.g. a separately started binary).
pub async fn login_at(address: &str, identifier: &str, password: &str) -> LoginAttempt {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .expect("http client");
    let response = client
        .post(format!("{address}/api/auth/login"))
        .json(&json!({"identifier": identifier, "password": password}))
        .send()
        .await
        .expect("login sent");
    let status = response.status().as_u16();
    let retry_after = response
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let cookie = response
        .cookies()
        .find(|c| c.name() == "auth-token")
        .map(|c| c.value().to_string());
    let body: Value = response.json().await.unwrap_or_default();
    LoginAttempt {
        status,
        retry_after,
        session: Session {
            address: address.to_string(),
            client,
            csrf: body["csrfToken"].as_str().unwrap_or_default().to_string(),
            user_id: body["user"]["id"].as_i64().unwrap_or_default(),
            cookie: cookie.unwrap_or_default(),
        },
        body,
    }
}
