//! A cluster started by `scripts/multi-instance/start.sh` on a throwaway database, HTTP helpers
//! for talking to single instances and to nginx, a printer emulator process and a TCP proxy.

use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use sea_orm::{ConnectionTrait, Database};
use serde_json::{Value, json};
use tempfile::TempDir;

#[path = "../support/net.rs"]
mod net;
#[path = "../support/postgres.rs"]
mod postgres;
pub use net::{TcpProxy, eventually};
use postgres::TestDatabase;

pub type TestResult = Result<(), Box<dyn std::error::Error>>;

pub const BIN: &str = env!("CARGO_BIN_EXE_etikettdrucker");
pub const ADMIN: &str = "admin";
pub const PASSWORD: &str = "Messreihe-Pruefstand-Cluster-2026";

/// Settings every cluster gets: cheap hashes, a short shutdown grace, a print queue that reacts in
/// milliseconds and a lease that runs out in seconds (a killed instance's printer moves on fast).
const BASE_ENV: &[(&str, &str)] = &[
    ("LOG_LEVEL", "info"),
    ("ETIKETT_ENV", "production"),
    ("ETIKETT_WORKERS", "2"),
    ("ETIKETT_SHUTDOWN_GRACE_SECS", "15"),
    ("ETIKETT_DATABASE__POOL_SIZE", "5"),
    ("ETIKETT_DATABASE__ACQUIRE_TIMEOUT_SECS", "2"),
    ("ETIKETT_AUTH__BCRYPT_COST", "4"),
    ("ETIKETT_AUTH__LOGIN_ATTEMPTS_PER_MINUTE", "1000"),
    ("ETIKETT_PRINTING__POLL_MS", "50"),
    ("ETIKETT_PRINTING__FAULT_POLL_MS", "50"),
    ("ETIKETT_PRINTING__RETRY_BASE_MS", "50"),
    ("ETIKETT_PRINTING__RETRY_MAX_MS", "200"),
    ("ETIKETT_PRINTING__MAX_ATTEMPTS", "1000"),
    ("ETIKETT_PRINTING__CONNECT_TIMEOUT_MS", "200"),
    ("ETIKETT_PRINTING__STATUS_TIMEOUT_MS", "200"),
    ("ETIKETT_PRINTING__WRITE_TIMEOUT_MS", "600"),
    ("ETIKETT_PRINTING__LEASE_SECS", "3"),
];

/// `TEST_DATABASE_URL`, or `None` after saying why the test does nothing.
pub fn admin_url() -> Option<String> {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            eprintln!(
                "skipped: the cluster tests need PostgreSQL; set TEST_DATABASE_URL \
                 (e.g. $(cat ~/.cache/etikettdrucker/test-database-url))"
            );
            None
        }
    }
}

fn script(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../scripts/multi-instance")
        .join(name)
}

/// A database of its own on the test server, dropped with the value.
pub struct TestDb(TestDatabase);

impl std::ops::Deref for TestDb {
    type Target = TestDatabase;

    fn deref(&self) -> &TestDatabase {
        &self.0
    }
}

impl TestDb {
    pub async fn create(admin_url: &str) -> Self {
        Self(TestDatabase::create(admin_url).await)
    }

    /// The same database reached through `127.0.0.1:port` (a proxy) instead of the server's port.
    pub fn url_via(&self, port: u16) -> String {
        let (scheme, rest) = self.url.split_once("://").expect("URL scheme");
        let (credentials, host_and_path) = rest.rsplit_once('@').expect("URL with credentials");
        let (_, path) = host_and_path.split_once('/').expect("URL path");
        format!("{scheme}://{credentials}@127.0.0.1:{port}/{path}")
    }

    /// `host:port` of the database server.
    pub fn server_address(&self) -> String {
        let rest = self.url.split_once("://").expect("URL scheme").1;
        let host_and_path = rest.rsplit_once('@').map_or(rest, |(_, h)| h);
        let host = host_and_path
            .split_once('/')
            .map_or(host_and_path, |(h, _)| h);
        if host.contains(':') {
            host.to_string()
        } else {
            format!("{host}:5432")
        }
    }

    pub async fn query_string(&self, sql: &str) -> Option<String> {
        let db = Database::connect(&self.url).await.ok()?;
        let row = db
            .query_one(sea_orm::Statement::from_string(
                db.get_database_backend(),
                sql,
            ))
            .await
            .ok()??;
        let value = row.try_get_by_index::<String>(0).ok();
        let _ = db.close().await;
        value
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        self.0.drop_blocking();
    }
}

/// N instances and their nginx, started by `start.sh`, stopped by `stop.sh` when dropped.
pub struct Cluster {
    pub base: TempDir,
    pub port: u16,
    pub instances: u16,
    pub http: reqwest::Client,
    // Dropped after the cluster has stopped (fields drop in order; `Drop` runs first).
    pub db: TestDb,
}

impl Cluster {
    /// Starts `instances` instances on a fresh database; `None` (skipped) without PostgreSQL.
    pub async fn start(instances: u16, env: &[(&str, &str)]) -> Option<Self> {
        let admin_url = admin_url()?;
        let db = TestDb::create(&admin_url).await;
        let url = db.url.clone();
        Some(Self::start_on(db, &url, instances, env).await)
    }

    /// Starts the instances with `database_url` (the test database, possibly through a proxy).
    pub async fn start_on(
        db: TestDb,
        database_url: &str,
        instances: u16,
        env: &[(&str, &str)],
    ) -> Self {
        assert!(
            Command::new("nginx").arg("-v").output().is_ok(),
            "nginx not found: scripts/bootstrap.sh --test installs nginx-light"
        );
        let base = tempfile::tempdir().expect("temp dir");
        let port = free_port_block(instances);
        let mut command = Command::new("bash");
        command
            .arg(script("start.sh"))
            .args([
                "-b",
                BIN,
                "-n",
                &instances.to_string(),
                "-p",
                &port.to_string(),
            ])
            .arg(base.path())
            .envs(BASE_ENV.iter().copied())
            .envs(env.iter().copied())
            .env("DATABASE_URL", database_url);
        let output = run_script(command).await;
        let cluster = Self {
            base,
            port,
            instances,
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .timeout(Duration::from_secs(30))
                .build()
                .expect("http client"),
            db,
        };
        assert!(
            output.status.success(),
            "start.sh failed: {}\n{}",
            String::from_utf8_lossy(&output.stderr),
            cluster.logs()
        );
        cluster
    }

    /// nginx.
    pub fn lb(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Instance `i` (1-based) directly.
    pub fn instance(&self, i: u16) -> String {
        format!("http://127.0.0.1:{}", self.port + i)
    }

    /// Every instance directly, then nginx.
    pub fn everywhere(&self) -> Vec<String> {
        (1..=self.instances)
            .map(|i| self.instance(i))
            .chain([self.lb()])
            .collect()
    }

    pub fn pid(&self, i: u16) -> u32 {
        let file = self.base.path().join(format!("instance-{i}/pid"));
        std::fs::read_to_string(&file)
            .expect("pid file")
            .trim()
            .parse()
            .expect("pid")
    }

    /// SIGKILL for instance `i` (a crash: no shutdown, leases left behind).
    pub fn kill_hard(&self, i: u16) {
        let status = Command::new("kill")
            .args(["-KILL", &self.pid(i).to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success(), "kill -KILL instance {i}");
    }

    /// Runs `rolling-restart.sh` (with the binary as the "new" one); panics with its output when it fails.
    pub async fn rolling_restart(&self) -> Duration {
        let started = Instant::now();
        let mut command = Command::new("bash");
        // Naming the binary takes the update path (a new binary for every instance).
        command
            .arg(script("rolling-restart.sh"))
            .arg(self.base.path())
            .arg(BIN);
        let output = run_script(command).await;
        assert!(
            output.status.success(),
            "rolling-restart.sh failed: {}\n{}",
            String::from_utf8_lossy(&output.stderr),
            self.logs()
        );
        started.elapsed()
    }

    /// nginx's access log lines (`upstream=` names the instance that answered).
    pub fn access_log(&self) -> String {
        std::fs::read_to_string(self.base.path().join("nginx/access.log")).unwrap_or_default()
    }

    /// The tail of every log, for failure messages.
    pub fn logs(&self) -> String {
        let mut out = String::new();
        let mut files = vec![self.base.path().join("nginx/error.log")];
        files.extend(
            (1..=self.instances).map(|i| self.base.path().join(format!("instance-{i}/server.log"))),
        );
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            let lines: Vec<&str> = text.lines().collect();
            let tail = lines[lines.len().saturating_sub(15)..].join("\n");
            out.push_str(&format!("--- {}\n{tail}\n", file.display()));
        }
        out
    }

    /// First-run setup through instance 1 and the admin's session (logged in there).
    pub async fn setup_admin(&self) -> Session {
        let response = self
            .http
            .post(format!("{}/api/setup/create-admin", self.instance(1)))
            .json(&json!({
                "username": ADMIN,
                "email": "admin@rotoclear.test",
                "password": PASSWORD,
                "firstName": "Ada",
                "lastName": "Admin",
            }))
            .send()
            .await
            .expect("setup sent");
        assert_eq!(response.status(), 200, "first-run setup");
        let attempt = self
            .login(&self.instance(1), ADMIN, PASSWORD, Some("203.0.113.1"))
            .await;
        attempt.session.expect("admin logs in")
    }

    /// Creates a user with `role` (password [`PASSWORD`]).
    pub async fn create_user(&self, admin: &Session, username: &str, role: &str) {
        let response = self
            .post(
                &self.lb(),
                "/api/users",
                admin,
                &json!({
                    "username": username,
                    "email": format!("{username}@rotoclear.test"),
                    "password": PASSWORD,
                    "firstName": "Cluster",
                    "lastName": "Test",
                    "role": role,
                }),
            )
            .await;
        assert!(
            response.status().is_success(),
            "creating {username}: {}",
            response.status()
        );
    }

    /// One login attempt at `base`, optionally as if from `forwarded_for`.
    pub async fn login(
        &self,
        base: &str,
        identifier: &str,
        password: &str,
        forwarded_for: Option<&str>,
    ) -> LoginAttempt {
        let mut request = self
            .http
            .post(format!("{base}/api/auth/login"))
            .json(&json!({"identifier": identifier, "password": password}));
        if let Some(address) = forwarded_for {
            request = request.header("x-forwarded-for", address);
        }
        let response = request.send().await.expect("login sent");
        let status = response.status().as_u16();
        let cookie = response
            .cookies()
            .find(|c| c.name() == "auth-token")
            .map(|c| c.value().to_string());
        let body: Value = response.json().await.unwrap_or_default();
        let session = cookie.map(|cookie| Session {
            cookie,
            csrf: body["csrfToken"].as_str().unwrap_or_default().to_string(),
        });
        LoginAttempt { status, session }
    }

    pub async fn get(&self, base: &str, path: &str, session: &Session) -> reqwest::Response {
        self.http
            .get(format!("{base}{path}"))
            .header("cookie", session.cookie_header())
            .send()
            .await
            .expect("request sent")
    }

    /// A state-changing request with the session's CSRF token.
    pub async fn post(
        &self,
        base: &str,
        path: &str,
        session: &Session,
        body: &Value,
    ) -> reqwest::Response {
        self.http
            .post(format!("{base}{path}"))
            .header("cookie", session.cookie_header())
            .header("x-csrf-token", &session.csrf)
            .json(body)
            .send()
            .await
            .expect("request sent")
    }

    pub async fn health(&self, base: &str) -> Option<u16> {
        self.http
            .get(format!("{base}/api/health"))
            .timeout(Duration::from_secs(5))
            .send()
            .await
            .ok()
            .map(|r| r.status().as_u16())
    }

    /// Registers a printer at `address` as the admin; returns its id.
    pub async fn register_printer(&self, admin: &Session, name: &str, address: SocketAddr) -> i64 {
        let response = self
            .post(
                &self.lb(),
                "/api/printers",
                admin,
                &json!({"name": name, "host": address.ip().to_string(), "port": address.port()}),
            )
            .await;
        assert_eq!(response.status(), 200, "registering {name}");
        let body: Value = response.json().await.expect("json");
        body["data"]["printer"]["id"].as_i64().expect("printer id")
    }

    /// Queues a test label at `base`; returns the job id.
    pub async fn print_test_label(&self, base: &str, session: &Session, printer_id: i64) -> i64 {
        let response = self
            .post(
                base,
                "/api/print-jobs",
                session,
                &json!({"printerId": printer_id, "test": true}),
            )
            .await;
        assert_eq!(response.status(), 202, "queueing a label at {base}");
        let body: Value = response.json().await.expect("json");
        body["data"]["job"]["id"].as_i64().expect("job id")
    }

    /// The state of job `id` (`queued`, `sending`, `printed` …).
    pub async fn job_state(&self, session: &Session, id: i64) -> String {
        let response = self
            .get(&self.lb(), &format!("/api/print-jobs/{id}"), session)
            .await;
        let body: Value = response.json().await.unwrap_or_default();
        body["data"]["job"]["state"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = Command::new("bash")
            .arg(script("stop.sh"))
            .arg(self.base.path())
            .env("STOP_TIMEOUT", "30")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
}

pub struct LoginAttempt {
    pub status: u16,
    pub session: Option<Session>,
}

#[derive(Debug, Clone)]
pub struct Session {
    pub cookie: String,
    pub csrf: String,
}

impl Session {
    fn cookie_header(&self) -> String {
        format!("auth-token={}", self.cookie)
    }
}

/// Runs a script to its end off the async workers (the test's proxy and clients keep running).
async fn run_script(mut command: Command) -> std::process::Output {
    command.stdin(Stdio::null());
    tokio::task::spawn_blocking(move || command.output())
        .await
        .expect("script thread")
        .expect("the script runs")
}

/// `port..=port + instances` all free on loopback (nginx, then one per instance).
fn free_port_block(instances: u16) -> u16 {
    for _ in 0..200 {
        let port = rand::random_range(20_000u16..40_000);
        let free = (0..=instances).all(|i| TcpListener::bind(("127.0.0.1", port + i)).is_ok());
        if free {
            return port;
        }
    }
    panic!("no free block of {} loopback ports", instances + 1);
}

/// A loopback port nobody listens on right now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

/// The binary's `printer-emulator` subcommand on a loopback port, writing `NNNN.zpl` files.
pub struct EmulatorProcess {
    child: Child,
    pub address: SocketAddr,
}

impl EmulatorProcess {
    /// Starts the emulator on `port` (0: a free one) writing into `out`, in `state`
    /// (`ready`, `paused` …); returns once it accepts connections.
    pub async fn start(port: u16, out: &Path, state: &str) -> Self {
        let port = if port == 0 { free_port() } else { port };
        let address: SocketAddr = ([127, 0, 0, 1], port).into();
        let child = Command::new(BIN)
            .arg("printer-emulator")
            .args(["--listen", &address.to_string(), "--state", state, "--out"])
            .arg(out)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("printer emulator starts");
        let listening = eventually(Duration::from_secs(10), || async {
            tokio::net::TcpStream::connect(address).await.is_ok()
        })
        .await;
        assert!(
            listening,
            "the printer emulator does not listen on {address}"
        );
        Self { child, address }
    }

    pub fn stop(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for EmulatorProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The complete labels the emulator wrote to `dir`, in order of arrival (`0001.zpl` …).
pub fn received_labels(dir: &Path) -> Vec<String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "zpl"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap_or_default())
        // A file being written is not a label yet.
        .take_while(|zpl| zpl.trim_end().ends_with("^XZ"))
        .collect()
}

/// The job number a test label carries.
pub fn job_of_label(zpl: &str) -> Option<i64> {
    let rest = zpl.split("Druckauftrag: #").nth(1)?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}
