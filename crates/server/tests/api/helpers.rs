//! `TestApp`: the real server on a free loopback port with a fresh database per test.
//!
//! SQLite by default; PostgreSQL when `TEST_DATABASE_URL` points at a server (a throwaway database is
//! created per test and dropped afterwards).

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use actix_web::dev::ServerHandle;
use etikettdrucker::settings::Settings;
use etikettdrucker::startup::Application;
use sea_orm::{ConnectionTrait, Database};
use secrecy::SecretString;
use tempfile::TempDir;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::broadcast;

pub type TestResult = Result<(), Box<dyn std::error::Error>>;

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub data_dir: PathBuf,
    handle: ServerHandle,
    postgres: Option<TestDatabase>,
    _dir: TempDir,
}

impl TestApp {
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
            address,
            client,
            data_dir,
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
            let _ = std::thread::spawn(move || {
                if let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                {
                    runtime.block_on(db.drop_database());
                }
            })
            .join();
        }
    }
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
    settings
}

struct TestDatabase {
    admin_url: String,
    name: String,
    url: String,
}

impl TestDatabase {
    async fn create(admin_url: &str) -> Self {
        let name = format!("etikett_test_{}", uuid::Uuid::new_v4().simple());
        let admin = Database::connect(admin_url)
            .await
            .expect("TEST_DATABASE_URL reachable");
        admin
            .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
            .await
            .expect("create test database");
        let _ = admin.close().await;
        let base = admin_url
            .rsplit_once('/')
            .map(|(base, _)| base)
            .unwrap_or(admin_url);
        Self {
            admin_url: admin_url.to_string(),
            url: format!("{base}/{name}"),
            name,
        }
    }

    async fn drop_database(self) {
        if let Ok(admin) = Database::connect(&self.admin_url).await {
            let _ = admin
                .execute_unprepared(&format!(
                    "DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)",
                    self.name
                ))
                .await;
            let _ = admin.close().await;
        }
    }
}

/// Polls `check` until it returns true or the deadline passes.
pub async fn eventually<F, Fut>(timeout: Duration, mut check: F) -> bool
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = Instant::now() + timeout;
    loop {
        if check().await {
            return true;
        }
        if Instant::now() >= deadline {
            return false;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// A TCP proxy on loopback that can cut every connection and refuse new ones, to make a real
/// database unreachable and reachable again.
pub struct TcpProxy {
    pub port: u16,
    enabled: Arc<AtomicBool>,
    cut: broadcast::Sender<()>,
}

impl TcpProxy {
    pub async fn start(target: String) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("proxy bind");
        let port = listener.local_addr().expect("proxy addr").port();
        let enabled = Arc::new(AtomicBool::new(true));
        let (cut, _) = broadcast::channel(4);
        let (flag, cut_tx) = (enabled.clone(), cut.clone());
        tokio::spawn(async move {
            while let Ok((mut inbound, _)) = listener.accept().await {
                if !flag.load(Ordering::SeqCst) {
                    drop(inbound);
                    continue;
                }
                let target = target.clone();
                let mut cut_rx = cut_tx.subscribe();
                tokio::spawn(async move {
                    let Ok(mut outbound) = TcpStream::connect(&target).await else {
                        return;
                    };
                    tokio::select! {
                        _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound) => {}
                        _ = cut_rx.recv() => {}
                    }
                });
            }
        });
        Self { port, enabled, cut }
    }

    pub fn disable(&self) {
        self.enabled.store(false, Ordering::SeqCst);
        let _ = self.cut.send(());
    }

    pub fn enable(&self) {
        self.enabled.store(true, Ordering::SeqCst);
    }
}
