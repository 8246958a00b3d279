//! `etikettdrucker deploy` with the real binary: a first installation and updates that keep the data
//! and only the newest installation copies, a version that never gets healthy rolled back (installation
//! and database), and the same through `scripts/linux/deploy.sh` and `update.sh`. The service is the
//! installed binary started in the background by a script (`--manager command`) on a free loopback
//! port, with a pidfile, and stopped with SIGTERM. SQLite, or PostgreSQL with `TEST_DATABASE_URL`.
#![cfg(target_os = "linux")]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use sea_orm::{ConnectionTrait, Database, Statement};

use crate::helpers::{TestDatabase, TestResult};

const BIN: &str = env!("CARGO_BIN_EXE_etikettdrucker");
const SCRIPTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../scripts/linux");
const PASSWORD: &str = "Etiketten-Rolle-2024";

/// An installation under test: its folders, configuration, database and the service scripts.
struct Site {
    dir: tempfile::TempDir,
    install: PathBuf,
    backups: PathBuf,
    config: PathBuf,
    health_url: String,
    database_url: String,
    postgres: Option<TestDatabase>,
}

/// What a package's `etikettdrucker` is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Binary {
    /// The real binary.
    Real,
    /// Answers `--version` and the database commands, but its server exits at once; its migration
    /// has a change to apply and writes a user, so only a restored database is rid of it.
    NeverHealthy,
}

impl Site {
    async fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .expect("free port")
            .port();
        let data = dir.path().join("data");
        let postgres = match std::env::var("TEST_DATABASE_URL") {
            Ok(url) if !url.is_empty() => Some(TestDatabase::create(&url).await),
            _ => None,
        };
        let database_url = match &postgres {
            Some(db) => db.url.clone(),
            None => format!(
                "sqlite://{}?mode=ro",
                data.join("etikettdrucker.db").display()
            ),
        };
        let database = postgres
            .as_ref()
            .map(|db| format!("url = '{}'\n", db.url))
            .unwrap_or_default();
        let config = dir.path().join("etikettdrucker.toml");
        std::fs::write(
            &config,
            format!(
                "host = '127.0.0.1'\nport = {port}\nenv = 'development'\nlog_level = 'warn'\n\
                 data_dir = '{}'\nstatic_dir = 'frontend/dist'\nshutdown_grace_secs = 1\n\
                 [database]\n{database}acquire_timeout_secs = 2\n[auth]\nbcrypt_cost = 4\n",
                data.display()
            ),
        )
        .expect("config");
        let install = dir.path().join("opt/etikettdrucker");
        let site = Self {
            backups: dir.path().join("opt/etikettdrucker.backups"),
            health_url: format!("http://127.0.0.1:{port}/api/health"),
            install,
            config,
            database_url,
            postgres,
            dir,
        };
        site.write_service_scripts();
        site
    }

    /// `start.sh` starts the installed binary in the background with a pidfile; `stop.sh` sends it
    /// SIGTERM and waits (with a deadline) until it has exited.
    fn write_service_scripts(&self) {
        let root = self.dir.path();
        let pidfile = root.join("server.pid");
        let start = format!(
            "#!/bin/sh\ncd '{install}' || exit 1\n\
             '{install}/etikettdrucker' --config '{config}' serve >>'{log}' 2>&1 </dev/null &\n\
             echo $! >'{pid}'\n",
            install = self.install.display(),
            config = self.config.display(),
            log = root.join("server.log").display(),
            pid = pidfile.display(),
        );
        // A process that has exited but is not reaped yet (state Z) counts as stopped.
        let stop = format!(
            "#!/bin/sh\n[ -f '{pid}' ] || exit 0\npid=$(cat '{pid}')\n\
             kill -TERM \"$pid\" 2>/dev/null\ni=0\nwhile [ $i -lt 600 ]; do\n\
             state=$(cut -d')' -f2 /proc/$pid/stat 2>/dev/null | cut -d' ' -f2)\n\
             if [ -z \"$state\" ] || [ \"$state\" = Z ]; then rm -f '{pid}'; exit 0; fi\n\
             sleep 0.05; i=$((i + 1))\ndone\necho \"server $pid did not stop\" >&2\nexit 1\n",
            pid = pidfile.display(),
        );
        std::fs::write(root.join("start.sh"), start).expect("start.sh");
        std::fs::write(root.join("stop.sh"), stop).expect("stop.sh");
    }

    /// The options every deploy here gets besides the package.
    fn deploy_options(&self) -> Vec<String> {
        let script = |name: &str| format!("sh '{}'", self.dir.path().join(name).display());
        [
            "--config",
            &self.config.to_string_lossy(),
            "--install-dir",
            &self.install.to_string_lossy(),
            "--manager",
            "command",
            "--stop-command",
            &script("stop.sh"),
            "--start-command",
            &script("start.sh"),
            "--health-url",
            &self.health_url,
            "--retries",
            "60",
            "--interval",
            "100ms",
        ]
        .map(str::to_owned)
        .to_vec()
    }

    /// `etikettdrucker deploy --package PACKAGE …` with the test's options and `extra`.
    fn deploy(&self, package: &Path, extra: &[&str]) -> std::io::Result<Output> {
        let mut command = self.command(BIN);
        command
            .arg("deploy")
            .arg("--package")
            .arg(package)
            .args(self.deploy_options())
            .args(extra);
        command.output()
    }

    /// A script of `scripts/linux` with the test's options after `first`.
    fn script(&self, name: &str, first: &Path, extra: &[&str]) -> std::io::Result<Output> {
        let mut command = self.command("bash");
        command
            .arg(Path::new(SCRIPTS).join(name))
            .arg(first)
            .args(self.deploy_options())
            .args(extra);
        command.output()
    }

    fn command(&self, program: &str) -> Command {
        let mut command = Command::new(program);
        command
            .current_dir(self.dir.path())
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("TMPDIR", self.dir.path())
            .stdin(Stdio::null());
        if let Ok(bin) = std::env::var("ETIKETT_PG_BIN") {
            command.env("ETIKETT_PG_BIN", bin);
        }
        command
    }

    /// A release bundle `name` of `version` under the test folder.
    fn package(&self, name: &str, version: &str, kind: Binary) -> std::io::Result<PathBuf> {
        let dir = self.dir.path().join("packages").join(name);
        std::fs::create_dir_all(dir.join("frontend/dist"))?;
        std::fs::create_dir_all(dir.join("scripts/linux"))?;
        std::fs::create_dir_all(dir.join("docs"))?;
        std::fs::write(
            dir.join("frontend/dist/index.html"),
            format!("<!doctype html><title>Etikettdrucker {version}</title>"),
        )?;
        std::fs::write(dir.join("VERSION"), format!("{version}\n"))?;
        std::fs::write(dir.join("etikettdrucker.example.toml"), "port = 3000\n")?;
        std::fs::write(dir.join("docs/operations.md"), "# Betrieb\n")?;
        let binary = dir.join("etikettdrucker");
        match kind {
            Binary::Real => {
                std::fs::copy(BIN, &binary)?;
            }
            Binary::NeverHealthy => {
                std::fs::write(&binary, self.never_healthy_script())?;
                use std::os::unix::fs::PermissionsExt;
                std::fs::set_permissions(&binary, std::fs::Permissions::from_mode(0o755))?;
            }
        }
        Ok(dir)
    }

    fn never_healthy_script(&self) -> String {
        format!(
            "#!/bin/sh\nreal='{BIN}'\ncase \" $* \" in\n\
             *' serve '*) echo 'v2: broken on purpose' >&2; exit 1 ;;\n\
             *' migrate status '*) \"$real\" \"$@\" || exit $?; echo 'pending  m20990101_000001_v2'; exit 0 ;;\n\
             *' migrate '*) \"$real\" \"$@\" || exit $?\n\
             printf '%s\\n' '{PASSWORD}' | \"$real\" --config '{config}' create-admin --username v2geist \
             --email geist@rotoclear.test --first-name Vau --last-name Zwei; exit $? ;;\n\
             esac\nexec \"$real\" \"$@\"\n",
            config = self.config.display()
        )
    }

    fn installed_version(&self) -> String {
        std::fs::read_to_string(self.install.join("VERSION"))
            .unwrap_or_default()
            .trim()
            .to_owned()
    }

    async fn healthy(&self) -> bool {
        match reqwest::get(&self.health_url).await {
            Ok(response) => response.status() == 200,
            Err(_) => false,
        }
    }

    /// A user created from the console while the server runs: data the deploys must keep.
    fn create_user(&self, username: &str) -> TestResult {
        let mut child = self
            .command(BIN)
            .arg("--config")
            .arg(&self.config)
            .args(["create-admin", "--username", username, "--email"])
            .arg(format!("{username}@rotoclear.test"))
            .args(["--first-name", "Bea", "--last-name", "Bestand"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        child
            .stdin
            .take()
            .ok_or("stdin")?
            .write_all(format!("{PASSWORD}\n").as_bytes())?;
        let output = child.wait_with_output()?;
        assert!(output.status.success(), "{}", show(&output));
        Ok(())
    }

    async fn usernames(&self) -> Result<Vec<String>, Box<dyn std::error::Error>> {
        let db = Database::connect(&self.database_url).await?;
        let rows = db
            .query_all(Statement::from_string(
                db.get_database_backend(),
                "SELECT username FROM users ORDER BY id",
            ))
            .await?;
        db.close().await?;
        Ok(rows
            .iter()
            .filter_map(|row| row.try_get::<String>("", "username").ok())
            .collect())
    }

    /// Installation copies in the backup folder, oldest first.
    fn installation_copies(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(&self.backups)
            .map(|dir| {
                dir.filter_map(Result::ok)
                    .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|name| !name.starts_with('.'))
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    }

    /// No staging or set-aside folder is left beside the installation.
    fn leftovers(&self) -> Vec<String> {
        let parent = self.install.parent().expect("parent");
        std::fs::read_dir(parent)
            .map(|dir| {
                dir.filter_map(Result::ok)
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|name| name.starts_with('.'))
                    .collect()
            })
            .unwrap_or_default()
    }

    fn stop_server(&self) {
        let _ = Command::new("sh")
            .arg(self.dir.path().join("stop.sh"))
            .status();
    }

    async fn finish(mut self) {
        self.stop_server();
        if let Some(db) = self.postgres.take() {
            db.drop_database().await;
        }
    }
}

impl Drop for Site {
    fn drop(&mut self) {
        self.stop_server();
    }
}

fn show(output: &Output) -> String {
    format!(
        "{}\nstdout:\n{}\nstderr:\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[tokio::test]
async fn first_installation_and_updates_keep_the_data_and_the_newest_copies() -> TestResult {
    let site = Site::new().await;
    let v1 = site.package("v1", "1.0.0-test", Binary::Real)?;

    let first = site.deploy(&v1, &["--keep", "2"])?;
    assert!(first.status.success(), "{}", show(&first));
    let log = String::from_utf8_lossy(&first.stdout);
    assert!(log.contains("first installation into"), "{log}");
    assert!(log.contains("8/8 health check: ok ("), "{log}");
    assert_eq!(site.installed_version(), "1.0.0-test");
    assert!(site.healthy().await);
    assert!(
        site.installation_copies().is_empty(),
        "nothing to copy on a first installation"
    );
    site.create_user("bestand")?;

    for version in ["2.0.0-test", "3.0.0-test", "4.0.0-test"] {
        let package = site.package(version, version, Binary::Real)?;
        let update = site.deploy(&package, &["--keep", "2"])?;
        assert!(update.status.success(), "{}", show(&update));
        assert_eq!(site.installed_version(), version);
        assert!(site.healthy().await, "{version} serves");
        assert!(
            site.usernames().await?.contains(&"bestand".to_owned()),
            "the data survives the update to {version}"
        );
        let log = String::from_utf8_lossy(&update.stdout);
        assert!(log.contains("3/8 copy installation: ok"), "{log}");
        assert!(log.contains("4/8 back up database: ok"), "{log}");
    }

    // Three updates made three copies; --keep 2 leaves the newest two: of 2.0.0 and 3.0.0.
    let copies = site.installation_copies();
    assert_eq!(copies.len(), 2, "{copies:?}");
    assert!(copies[0].ends_with("-2.0.0-test"), "{copies:?}");
    assert!(copies[1].ends_with("-3.0.0-test"), "{copies:?}");
    let copied = std::fs::read_to_string(site.backups.join(&copies[1]).join("VERSION"))?;
    assert_eq!(copied.trim(), "3.0.0-test", "a copy holds its version");
    assert_eq!(
        std::fs::read(site.install.join("etikettdrucker"))?,
        std::fs::read(BIN)?
    );
    let database_backups = std::fs::read_dir(site.dir.path().join("data/backups"))?.count();
    assert!(database_backups >= 1);
    assert!(site.leftovers().is_empty(), "{:?}", site.leftovers());
    site.finish().await;
    Ok(())
}

#[tokio::test]
async fn a_version_that_never_gets_healthy_is_rolled_back_with_its_migration() -> TestResult {
    let site = Site::new().await;
    let v1 = site.package("v1", "1.0.0-test", Binary::Real)?;
    let first = site.deploy(&v1, &[])?;
    assert!(first.status.success(), "{}", show(&first));
    site.create_user("bestand")?;
    let v1_binary = std::fs::read(site.install.join("etikettdrucker"))?;

    let broken = site.package("v2", "2.0.0-kaputt", Binary::NeverHealthy)?;
    let failed = site.deploy(&broken, &[])?;

    assert_eq!(failed.status.code(), Some(1), "{}", show(&failed));
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert!(stderr.contains("deploy failed at health check"), "{stderr}");
    assert!(
        stderr.contains("rolled back to version 1.0.0-test (healthy)"),
        "{stderr}"
    );
    let log = String::from_utf8_lossy(&failed.stdout);
    assert!(log.contains("6/8 migrate database: ok"), "{log}");
    assert!(log.contains("[rollback] restore database: ok"), "{log}");
    assert_eq!(site.installed_version(), "1.0.0-test");
    assert_eq!(
        std::fs::read(site.install.join("etikettdrucker"))?,
        v1_binary,
        "the v1 binary is back, byte for byte"
    );
    assert!(site.healthy().await, "v1 serves again");
    let users = site.usernames().await?;
    assert!(users.contains(&"bestand".to_owned()), "{users:?}");
    assert!(
        !users.contains(&"v2geist".to_owned()),
        "the database is the one from before the migration: {users:?}"
    );
    assert!(site.leftovers().is_empty(), "{:?}", site.leftovers());
    site.finish().await;
    Ok(())
}

#[tokio::test]
async fn a_failed_check_before_the_stop_changes_nothing() -> TestResult {
    let site = Site::new().await;
    let v1 = site.package("v1", "1.0.0-test", Binary::Real)?;
    assert!(site.deploy(&v1, &[])?.status.success());
    // A folder that is not an installation is never replaced.
    let not_ours = site.dir.path().join("opt/fremd");
    std::fs::create_dir_all(&not_ours)?;
    std::fs::write(not_ours.join("wichtig.txt"), "bleibt")?;
    let mut command = site.command(BIN);
    command
        .args(["--config", &site.config.to_string_lossy(), "deploy"])
        .arg("--package")
        .arg(&v1)
        .arg("--install-dir")
        .arg(&not_ours)
        .args(["--manager", "command", "--stop-command", "false"])
        .args(["--start-command", "false"]);
    let refused = command.output()?;
    assert_eq!(refused.status.code(), Some(1), "{}", show(&refused));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("deploy failed at validate package")
            && stderr.contains("not an installation")
            && stderr.contains("nothing was changed"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(not_ours.join("wichtig.txt"))?,
        "bleibt"
    );
    assert!(site.healthy().await, "the running version was not stopped");
    site.finish().await;
    Ok(())
}

/// Writes `dir` as a .tar.gz with one top folder, like a release archive.
fn tar_gz(dir: &Path, archive: &Path) -> TestResult {
    let parent = dir.parent().ok_or("parent")?;
    let name = dir.file_name().ok_or("name")?;
    let status = Command::new("tar")
        .arg("-czf")
        .arg(archive)
        .arg("-C")
        .arg(parent)
        .arg(name)
        .status()?;
    assert!(status.success());
    Ok(())
}

/// Writes the files of `dir` into a .zip at its root, with their Unix permissions.
fn zip(dir: &Path, archive: &Path) -> TestResult {
    use std::os::unix::fs::PermissionsExt;
    let mut writer = zip::ZipWriter::new(std::fs::File::create(archive)?);
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder)? {
            let path = entry?.path();
            let name = path.strip_prefix(dir)?.to_string_lossy().into_owned();
            if path.is_dir() {
                writer.add_directory(name, zip::write::SimpleFileOptions::default())?;
                pending.push(path);
            } else {
                let mode = std::fs::metadata(&path)?.permissions().mode();
                let options = zip::write::SimpleFileOptions::default().unix_permissions(mode);
                writer.start_file(name, options)?;
                writer.write_all(&std::fs::read(&path)?)?;
            }
        }
    }
    writer.finish()?;
    Ok(())
}

#[tokio::test]
async fn the_linux_scripts_install_roll_back_and_update() -> TestResult {
    let site = Site::new().await;
    let v1 = site.package("v1", "1.0.0-test", Binary::Real)?;
    let installed = site.script("deploy.sh", &v1, &[])?;
    assert!(installed.status.success(), "{}", show(&installed));
    assert_eq!(site.installed_version(), "1.0.0-test");
    site.create_user("bestand")?;

    // A broken release archive: update.sh unpacks it, its binary deploys, and it is rolled back.
    let broken = site.package(
        "etikettdrucker-2.0.0-kaputt",
        "2.0.0-kaputt",
        Binary::NeverHealthy,
    )?;
    let archive = site.dir.path().join("etikettdrucker-2.0.0-kaputt.tar.gz");
    tar_gz(&broken, &archive)?;
    let failed = site.script("update.sh", &archive, &[])?;
    assert_eq!(failed.status.code(), Some(1), "{}", show(&failed));
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert!(
        stderr.contains("rolled back to version 1.0.0-test (healthy)"),
        "{stderr}"
    );
    assert_eq!(site.installed_version(), "1.0.0-test");
    assert!(site.healthy().await);
    assert!(!site.usernames().await?.contains(&"v2geist".to_owned()));

    // A good .zip updates.
    let v2 = site.package("v2", "2.0.0-test", Binary::Real)?;
    let archive = site.dir.path().join("etikettdrucker-2.0.0.zip");
    zip(&v2, &archive)?;
    let updated = site.script("update.sh", &archive, &[])?;
    assert!(updated.status.success(), "{}", show(&updated));
    assert_eq!(site.installed_version(), "2.0.0-test");
    assert!(site.healthy().await);
    assert!(site.usernames().await?.contains(&"bestand".to_owned()));
    let unpacked_left = std::fs::read_dir(site.dir.path())?
        .filter_map(Result::ok)
        .any(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("etikettdrucker-update.")
        });
    assert!(!unpacked_left, "update.sh removes its temporary folder");

    // Usage errors exit with 2.
    let usage = site
        .command("bash")
        .arg(Path::new(SCRIPTS).join("update.sh"))
        .output()?;
    assert_eq!(usage.status.code(), Some(2), "{}", show(&usage));
    site.finish().await;
    Ok(())
}
