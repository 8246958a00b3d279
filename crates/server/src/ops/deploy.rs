//! `etikettdrucker deploy`: install or update from an unpacked release bundle, with a copy of the
//! installation and a database backup first and an automatic rollback when anything fails. The Linux
//! scripts (`scripts/linux`) and the Windows scripts (`scripts/windows`) are thin wrappers around it.
//!
//! Steps, each logged with its duration:
//! 1. validate the package: its binary runs `--version`; the installation folder is one of ours;
//! 2. stop the service (systemd, the Windows service manager or given commands) and make sure the
//!    health URL no longer answers, so a stray server cannot pass the later health check;
//! 3. copy the installation to `<backup-dir>/<UTC time>-<version>/` (not on a first installation);
//! 4. back up the database with the installed binary (`backup`);
//! 5. replace the installation: the package is copied beside it, then the folders are swapped by
//!    renaming, so the installation is never half old and half new;
//! 6. `migrate` with the new binary;
//! 7. start the service;
//! 8. health check.
//!
//! On success the installation copies beyond the newest `--keep` are removed. On a failure after the
//! stop the service is stopped, the previous installation renamed back, the database restored with the
//! previous binary when the migration had changes to apply, the service started and checked.
//!
//! Configuration and data live outside the installation folder, so the swap never touches them. With
//! systemd the database commands run as the unit's `User=`, so files they create (a first SQLite
//! database, backups) belong to the service and not to root.

use std::fmt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use chrono::{NaiveDateTime, Utc};

use super::probe;

/// Name of the lock file in the backup folder: one deploy at a time.
const LOCK_FILE: &str = ".deploy.lock";
/// Installation copies are named `<this time>-<version>`.
const STAMP_FORMAT: &str = "%Y%m%dT%H%M%S%.3fZ";
/// A binary that does not answer `--version` within this time is not taken.
const VERSION_TIMEOUT: Duration = Duration::from_secs(60);

/// Options of `deploy`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The new version: an unpacked release bundle (the binary, frontend/dist, VERSION, …).
    #[arg(long, value_name = "DIR")]
    pub package: PathBuf,
    /// The installation folder, replaced as a whole (/opt/etikettdrucker, C:\Program Files\Etikettdrucker).
    #[arg(long, value_name = "DIR")]
    pub install_dir: PathBuf,
    /// Copies of earlier installations; default: `<install-dir>.backups` beside the installation.
    #[arg(long, value_name = "DIR")]
    pub backup_dir: Option<PathBuf>,
    /// Installation copies kept after a successful deploy (the newest).
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..))]
    pub keep: u32,
    /// Name of the systemd unit or Windows service.
    #[arg(long, default_value = "etikettdrucker")]
    pub service: String,
    /// How the service is stopped and started; auto: windows on Windows, systemd elsewhere.
    #[arg(long, value_enum, default_value_t = Manager::Auto)]
    pub manager: Manager,
    /// With `--manager command`: stops the server and returns once it has exited (`sh -c`, on
    /// Windows `cmd /C`).
    #[arg(long, value_name = "CMD", required_if_eq("manager", "command"))]
    pub stop_command: Option<String>,
    /// With `--manager command`: starts the server in the background and returns; the server's
    /// output must go elsewhere (a log file), not to this command's output.
    #[arg(long, value_name = "CMD", required_if_eq("manager", "command"))]
    pub start_command: Option<String>,
    /// Health endpoint of the started server (plain HTTP).
    #[arg(long, default_value = "http://127.0.0.1:3000/api/health")]
    pub health_url: String,
    /// Health check attempts after the start.
    #[arg(long, default_value_t = 5)]
    pub retries: u32,
    /// Pause between health check attempts: 10s, 500ms, 2m.
    #[arg(long, default_value = "10s", value_parser = probe::parse_duration)]
    pub interval: Duration,
    /// Skip the database backup (then a failed migration cannot be undone automatically).
    #[arg(long)]
    pub no_database_backup: bool,
}

/// What stops and starts the service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Manager {
    Auto,
    Systemd,
    Windows,
    Command,
}

/// Installs `args.package` into `args.install_dir`; see the module documentation.
pub fn run(config: Option<&Path>, args: Args) -> anyhow::Result<()> {
    let started = Instant::now();
    let config = config
        .map(std::path::absolute)
        .transpose()
        .context("cannot resolve the --config path")?;
    let layout = Layout::new(&args)?;
    std::fs::create_dir_all(&layout.backups)
        .with_context(|| format!("cannot create {}", layout.backups.display()))?;
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(layout.backups.join(LOCK_FILE))
        .context("cannot open the deploy lock")?;
    if lock.try_lock().is_err() {
        bail!(
            "another deploy is running (it holds {})",
            layout.backups.join(LOCK_FILE).display()
        );
    }
    let service = Service::new(&args)?;
    let tools = Tools {
        config,
        run_as: service.user(),
    };
    let mut deploy = Deploy {
        args,
        layout,
        service,
        tools,
        progress: Progress::default(),
    };
    let result = deploy.forward();
    let outcome = match result {
        Ok(summary) => {
            deploy.finish(&summary);
            println!(
                "[deploy] done in {:.1} s: {} → {} in {}",
                started.elapsed().as_secs_f64(),
                summary.from.as_deref().unwrap_or("(first installation)"),
                summary.to,
                deploy.layout.install.display()
            );
            Ok(())
        }
        Err(failure) if !deploy.progress.stop_attempted => Err(anyhow::anyhow!(
            "deploy failed at {}: {:#}; nothing was changed",
            failure.step,
            failure.error
        )),
        Err(failure) => {
            let rollback = deploy.roll_back();
            Err(anyhow::anyhow!(
                "deploy failed at {}: {:#}; {rollback}",
                failure.step,
                failure.error
            ))
        }
    };
    drop(lock);
    outcome
}

/// The steps, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Validate,
    Stop,
    CopyInstallation,
    BackupDatabase,
    Replace,
    Migrate,
    Start,
    HealthCheck,
}

impl Step {
    const COUNT: usize = 8;

    fn number(self) -> usize {
        self as usize + 1
    }
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Step::Validate => "validate package",
            Step::Stop => "stop service",
            Step::CopyInstallation => "copy installation",
            Step::BackupDatabase => "back up database",
            Step::Replace => "replace installation",
            Step::Migrate => "migrate database",
            Step::Start => "start service",
            Step::HealthCheck => "health check",
        })
    }
}

/// A step that failed.
struct Failure {
    step: Step,
    error: anyhow::Error,
}

/// The folders involved; the staging and set-aside folders sit beside the installation so renaming
/// stays on one file system.
struct Layout {
    package: PathBuf,
    install: PathBuf,
    staging: PathBuf,
    aside: PathBuf,
    backups: PathBuf,
}

impl Layout {
    fn new(args: &Args) -> anyhow::Result<Self> {
        let package = std::fs::canonicalize(&args.package)
            .with_context(|| format!("package {} not found", args.package.display()))?;
        let install = absolute_resolved(&args.install_dir)?;
        let name = install
            .file_name()
            .context("--install-dir must name a folder, not a root")?
            .to_string_lossy()
            .into_owned();
        let parent = install
            .parent()
            .context("--install-dir must name a folder, not a root")?;
        let backups = match &args.backup_dir {
            Some(dir) => absolute_resolved(dir)?,
            None => parent.join(format!("{name}.backups")),
        };
        if package.starts_with(&install) || install.starts_with(&package) {
            bail!(
                "the package {} and the installation {} overlap",
                package.display(),
                install.display()
            );
        }
        if backups.starts_with(&install) || install.starts_with(&backups) {
            bail!(
                "the backup folder {} and the installation {} overlap",
                backups.display(),
                install.display()
            );
        }
        Ok(Self {
            staging: parent.join(format!(".{name}.new")),
            aside: parent.join(format!(".{name}.old")),
            package,
            install,
            backups,
        })
    }
}

/// `path` made absolute, with symbolic links resolved as far as it exists.
fn absolute_resolved(path: &Path) -> anyhow::Result<PathBuf> {
    let absolute =
        std::path::absolute(path).with_context(|| format!("cannot resolve {}", path.display()))?;
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_owned());
                existing = parent;
            }
            _ => return Ok(absolute),
        }
    }
    let mut resolved = std::fs::canonicalize(existing)?;
    resolved.extend(rest.iter().rev());
    Ok(resolved)
}

/// The binary inside an installation or package.
fn binary(dir: &Path) -> PathBuf {
    dir.join(format!("etikettdrucker{}", std::env::consts::EXE_SUFFIX))
}

/// What has happened so far: the rollback undoes exactly this.
#[derive(Debug, Default)]
struct Progress {
    stop_attempted: bool,
    /// Version of the installation found (None: first installation).
    previous: Option<String>,
    installation_copy: Option<PathBuf>,
    database_backup: Option<PathBuf>,
    swap: Swap,
    /// The migration had changes to apply (or it could not be told), so the database may be newer
    /// than the previous version expects.
    database_changed: bool,
}

/// How far the installation folder was replaced.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Swap {
    #[default]
    Untouched,
    /// The package is copied to the staging folder.
    Staged,
    /// The previous installation is set aside; the installation folder is missing.
    Aside,
    /// The package is the installation.
    Done,
}

/// What a successful deploy reports.
struct Summary {
    from: Option<String>,
    to: String,
}

struct Deploy {
    args: Args,
    layout: Layout,
    service: Service,
    tools: Tools,
    progress: Progress,
}

impl Deploy {
    fn forward(&mut self) -> Result<Summary, Failure> {
        let to = self.step(Step::Validate, Self::validate)?;
        self.progress.stop_attempted = true;
        self.step(Step::Stop, Self::stop)?;
        self.step(Step::CopyInstallation, Self::copy_installation)?;
        self.step(Step::BackupDatabase, Self::backup_database)?;
        self.step(Step::Replace, Self::replace)?;
        self.step(Step::Migrate, Self::migrate)?;
        self.step(Step::Start, |deploy| deploy.service.start())?;
        self.step(Step::HealthCheck, |deploy| deploy.health_check())?;
        Ok(Summary {
            from: self.progress.previous.clone(),
            to,
        })
    }

    /// Runs one step with its log lines and duration.
    fn step<T>(
        &mut self,
        step: Step,
        work: impl FnOnce(&mut Self) -> anyhow::Result<T>,
    ) -> Result<T, Failure> {
        let (n, count) = (step.number(), Step::COUNT);
        println!("[deploy] {n}/{count} {step} …");
        let started = Instant::now();
        let result = work(self);
        let seconds = started.elapsed().as_secs_f64();
        match result {
            Ok(value) => {
                println!("[deploy] {n}/{count} {step}: ok ({seconds:.1} s)");
                Ok(value)
            }
            Err(error) => {
                println!("[deploy] {n}/{count} {step}: FAILED ({seconds:.1} s): {error:#}");
                Err(Failure { step, error })
            }
        }
    }

    /// Checks the package and the installation folder; returns the package's version.
    fn validate(&mut self) -> anyhow::Result<String> {
        let layout = &self.layout;
        let new_binary = binary(&layout.package);
        if !new_binary.is_file() {
            bail!(
                "{} has no {}",
                layout.package.display(),
                new_binary.file_name().unwrap_or_default().to_string_lossy()
            );
        }
        let answer = version_of(&new_binary)?;
        let version = recorded_version(&layout.package).unwrap_or_else(|| answer.clone());
        println!(
            "    package {}: {answer} (version {version})",
            layout.package.display()
        );
        if !layout.package.join("frontend/dist/index.html").is_file() {
            println!(
                "    warning: the package has no frontend/dist/index.html (the web UI will be missing)"
            );
        }
        if layout.aside.exists() {
            bail!(
                "{} is left from an interrupted deploy: check which version {} holds, then \
                 remove the other folder",
                layout.aside.display(),
                layout.install.display()
            );
        }
        if layout.staging.exists() {
            std::fs::remove_dir_all(&layout.staging).with_context(|| {
                format!("cannot remove the leftover {}", layout.staging.display())
            })?;
        }
        let occupied = std::fs::read_dir(&layout.install)
            .map(|mut entries| entries.next().is_some())
            .unwrap_or(false);
        if occupied {
            let old_binary = binary(&layout.install);
            if !old_binary.is_file() {
                bail!(
                    "{} is not empty and holds no {}: not an installation, refusing to replace it",
                    layout.install.display(),
                    old_binary.file_name().unwrap_or_default().to_string_lossy()
                );
            }
            let previous = recorded_version(&layout.install)
                .or_else(|| version_of(&old_binary).ok())
                .unwrap_or_else(|| "unknown".into());
            println!(
                "    installed in {}: version {previous}",
                layout.install.display()
            );
            self.progress.previous = Some(previous);
        } else {
            println!("    first installation into {}", layout.install.display());
        }
        println!("    service: {}", self.service);
        Ok(version)
    }

    fn stop(&mut self) -> anyhow::Result<()> {
        self.service.stop()?;
        let url = &self.args.health_url;
        if block_on(probe::probe(url, Duration::from_secs(2)))?.is_ok() {
            bail!(
                "the service is stopped but {url} still answers healthy: another server uses the \
                 port; stop it first"
            );
        }
        Ok(())
    }

    fn copy_installation(&mut self) -> anyhow::Result<()> {
        let Some(previous) = &self.progress.previous else {
            println!("    first installation: nothing to copy");
            return Ok(());
        };
        let stamp = Utc::now().format(STAMP_FORMAT);
        let name = format!("{stamp}-{}", file_name_safe(previous));
        let target = self.layout.backups.join(&name);
        let partial = self.layout.backups.join(format!(".partial-{name}"));
        let copied = copy_tree(&self.layout.install, &partial)
            .and_then(|()| std::fs::rename(&partial, &target).map_err(Into::into));
        if let Err(error) = copied {
            let _ = std::fs::remove_dir_all(&partial);
            return Err(error.context(format!(
                "cannot copy the installation to {}",
                target.display()
            )));
        }
        println!("    {}", target.display());
        self.progress.installation_copy = Some(target);
        Ok(())
    }

    fn backup_database(&mut self) -> anyhow::Result<()> {
        if self.args.no_database_backup {
            println!("    skipped (--no-database-backup)");
            return Ok(());
        }
        let first = self.progress.previous.is_none();
        let tool = if first {
            binary(&self.layout.package)
        } else {
            binary(&self.layout.install)
        };
        match self.tools.run(&tool, self.work_dir(), &["backup"]) {
            Ok(out) => {
                let file = backup_file(&out).context("the backup did not name its file")?;
                println!("    {}", file.display());
                self.progress.database_backup = Some(file);
                Ok(())
            }
            Err(error) if first => {
                println!(
                    "    no database backup (first installation, no database yet?): {error:#}"
                );
                Ok(())
            }
            Err(error) => Err(error),
        }
    }

    fn replace(&mut self) -> anyhow::Result<()> {
        let layout = &self.layout;
        copy_tree(&layout.package, &layout.staging)
            .with_context(|| format!("cannot copy the package to {}", layout.staging.display()))?;
        self.progress.swap = Swap::Staged;
        if layout.install.exists() {
            if self.progress.previous.is_some() {
                std::fs::rename(&layout.install, &layout.aside)
                    .with_context(|| format!("cannot move {} aside", layout.install.display()))?;
                self.progress.swap = Swap::Aside;
            } else {
                std::fs::remove_dir(&layout.install).with_context(|| {
                    format!("cannot replace the empty {}", layout.install.display())
                })?;
            }
        }
        std::fs::rename(&layout.staging, &layout.install).with_context(|| {
            format!(
                "cannot rename {} to {}",
                layout.staging.display(),
                layout.install.display()
            )
        })?;
        self.progress.swap = Swap::Done;
        Ok(())
    }

    fn migrate(&mut self) -> anyhow::Result<()> {
        let tool = binary(&self.layout.install);
        let dir = self.work_dir().to_owned();
        let pending = self
            .tools
            .run_echoing(&tool, &dir, &["migrate", "status"], false)
            .map(|out| {
                out.lines()
                    .filter(|line| line.starts_with("pending"))
                    .map(str::to_owned)
                    .collect::<Vec<_>>()
            });
        match &pending {
            Ok(lines) => {
                println!("    {} pending migration(s)", lines.len());
                for line in lines {
                    println!("    | {line}");
                }
            }
            Err(error) => println!("    cannot list the migrations ({error:#}); applying them"),
        }
        self.progress.database_changed = !pending.is_ok_and(|lines| lines.is_empty());
        self.tools.run(&tool, &dir, &["migrate"]).map(drop)
    }

    fn health_check(&self) -> anyhow::Result<()> {
        health(&self.args)
    }

    /// Folder the database commands run in: the installation (like the service) once it exists.
    fn work_dir(&self) -> &Path {
        if self.layout.install.is_dir() {
            &self.layout.install
        } else {
            &self.layout.package
        }
    }

    /// After success: the set-aside installation goes, old installation copies beyond `--keep` go.
    fn finish(&mut self, summary: &Summary) {
        if self.layout.aside.exists()
            && let Err(error) = std::fs::remove_dir_all(&self.layout.aside)
        {
            println!(
                "    warning: cannot remove {}: {error} (remove it before the next deploy)",
                self.layout.aside.display()
            );
        }
        match prune(&self.layout.backups, self.args.keep as usize) {
            Ok(removed) => {
                for old in removed {
                    println!("    removed old installation copy {}", old.display());
                }
            }
            Err(error) => println!("    warning: cannot prune installation copies: {error:#}"),
        }
        if let Some(copy) = &self.progress.installation_copy {
            println!("    previous installation kept in {}", copy.display());
        }
        if let Some(file) = &self.progress.database_backup {
            println!("    database backup {}", file.display());
        }
        println!("    version {} is running and healthy", summary.to);
    }

    /// Undoes what `progress` records; returns the sentence for the error message.
    fn roll_back(&self) -> String {
        let mut problems: Vec<String> = Vec::new();
        let mut done: Vec<String> = Vec::new();
        let first = self.progress.previous.is_none();

        attempt("stop service", &mut problems, || self.service.stop());

        let installation_back = attempt("restore installation", &mut problems, || {
            self.restore_installation()
        });
        if installation_back && self.progress.swap != Swap::Untouched {
            let verb = if first { "removed" } else { "restored" };
            done.push(format!("{} {verb}", self.layout.install.display()));
        }

        match (
            &self.progress.database_backup,
            self.progress.database_changed,
        ) {
            (_, false) => println!("[rollback] database: unchanged (no migration was applied)"),
            (Some(file), true) => {
                let restored = attempt("restore database", &mut problems, || {
                    if !installation_back {
                        bail!("not attempted: the previous binary is not back in place");
                    }
                    self.restore_database(file)
                });
                if restored {
                    done.push(format!("database restored from {}", file.display()));
                }
            }
            (None, true) if first => println!(
                "[rollback] database: keeps the new schema (first installation, no backup to restore)"
            ),
            (None, true) => {
                let why = "the migration ran and there is no database backup \
                           (--no-database-backup); the previous version may not work with the \
                           migrated database";
                println!("[rollback] restore database: impossible: {why}");
                problems.push(format!("database not restored: {why}"));
            }
        }

        if let Err(error) = prune(&self.layout.backups, self.args.keep as usize) {
            println!("[rollback] warning: cannot prune installation copies: {error:#}");
        }

        let Some(previous) = &self.progress.previous else {
            done.push("service stopped".into());
            let problems = if problems.is_empty() {
                String::new()
            } else {
                format!("; rollback problems: {}", problems.join("; "))
            };
            return format!(
                "first installation, nothing to roll back to: {}{problems}",
                done.join(", ")
            );
        };
        let started =
            installation_back && attempt("start service", &mut problems, || self.service.start());
        let healthy = started && attempt("health check", &mut problems, || health(&self.args));
        if problems.is_empty() && healthy {
            return format!("rolled back to version {previous} (healthy)");
        }
        let state = if healthy {
            "running and healthy"
        } else if started {
            "started but NOT healthy"
        } else {
            "NOT running"
        };
        let mut facts = done;
        if let Some(copy) = &self.progress.installation_copy {
            facts.push(format!(
                "the previous installation is copied in {}",
                copy.display()
            ));
        }
        if let Some(file) = &self.progress.database_backup {
            facts.push(format!("the database backup is {}", file.display()));
        }
        format!(
            "the rollback to version {previous} also FAILED ({}); service {state}; {}",
            problems.join("; "),
            facts.join("; ")
        )
    }

    /// Puts the previous installation back (or removes a failed first installation).
    fn restore_installation(&self) -> anyhow::Result<()> {
        let layout = &self.layout;
        match self.progress.swap {
            Swap::Untouched => Ok(()),
            Swap::Staged => remove_if_present(&layout.staging),
            Swap::Aside => {
                std::fs::rename(&layout.aside, &layout.install)
                    .with_context(|| format!("cannot rename {} back", layout.aside.display()))?;
                remove_if_present(&layout.staging)
            }
            Swap::Done => {
                remove_if_present(&layout.staging)?;
                std::fs::rename(&layout.install, &layout.staging).with_context(|| {
                    format!("cannot move the failed {} aside", layout.install.display())
                })?;
                if self.progress.previous.is_some() {
                    if layout.aside.exists() {
                        std::fs::rename(&layout.aside, &layout.install).with_context(|| {
                            format!("cannot rename {} back", layout.aside.display())
                        })?;
                    } else {
                        let copy = self
                            .progress
                            .installation_copy
                            .as_ref()
                            .context("neither the set-aside installation nor a copy is left")?;
                        copy_tree(copy, &layout.install)?;
                    }
                }
                remove_if_present(&layout.staging)
            }
        }
    }

    /// `restore FILE --force` with the previous binary (back in place), or the package's binary on
    /// a first installation.
    fn restore_database(&self, file: &Path) -> anyhow::Result<()> {
        let tool = match self.progress.previous {
            Some(_) => binary(&self.layout.install),
            None => binary(&self.layout.package),
        };
        let file = file.to_string_lossy();
        self.tools
            .run(&tool, self.work_dir(), &["restore", &file, "--force"])
            .map(drop)
    }
}

/// Health check with the deploy's retries and interval.
fn health(args: &Args) -> anyhow::Result<()> {
    let url = &args.health_url;
    match block_on(probe::wait_healthy(url, args.retries, args.interval))? {
        Ok(attempt) => {
            println!("    {url}: healthy (attempt {attempt})");
            Ok(())
        }
        Err(reason) => bail!(
            "{url} is not healthy after {} attempts: {reason}",
            args.retries
        ),
    }
}

/// One rollback action, logged with its duration; true when it worked (else noted in `problems`).
fn attempt(
    what: &str,
    problems: &mut Vec<String>,
    work: impl FnOnce() -> anyhow::Result<()>,
) -> bool {
    println!("[rollback] {what} …");
    let started = Instant::now();
    let result = work();
    let seconds = started.elapsed().as_secs_f64();
    match result {
        Ok(()) => {
            println!("[rollback] {what}: ok ({seconds:.1} s)");
            true
        }
        Err(error) => {
            println!("[rollback] {what}: FAILED ({seconds:.1} s): {error:#}");
            problems.push(format!("{what}: {error:#}"));
            false
        }
    }
}

fn block_on<F: std::future::Future>(future: F) -> anyhow::Result<F::Output> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    Ok(runtime.block_on(future))
}

fn remove_if_present(dir: &Path) -> anyhow::Result<()> {
    match std::fs::remove_dir_all(dir) {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(error) => Err(error).with_context(|| format!("cannot remove {}", dir.display())),
    }
}

/// The `VERSION` file of a package or installation.
fn recorded_version(dir: &Path) -> Option<String> {
    std::fs::read_to_string(dir.join("VERSION"))
        .ok()
        .map(|text| text.trim().to_owned())
        .filter(|text| !text.is_empty())
}

/// What `binary --version` answers (`etikettdrucker 1.2.3`); an error when it does not.
fn version_of(binary: &Path) -> anyhow::Result<String> {
    let mut command = Command::new(binary);
    command.arg("--version");
    let output = output_within(command, VERSION_TIMEOUT)
        .with_context(|| format!("{} --version", binary.display()))?;
    let answer = String::from_utf8_lossy(&output.stdout).trim().to_owned();
    if !output.status.success() || !answer.starts_with("etikettdrucker") {
        bail!(
            "{} --version answered {:?} ({}){}",
            binary.display(),
            answer,
            output.status,
            stderr_tail(&output)
        );
    }
    Ok(answer)
}

/// Runs `command` with captured output; kills it when it runs longer than `timeout`.
fn output_within(mut command: Command, timeout: Duration) -> anyhow::Result<Output> {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let deadline = Instant::now() + timeout;
    while child.try_wait()?.is_none() {
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            bail!("no answer within {} s", timeout.as_secs());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    Ok(child.wait_with_output()?)
}

fn stderr_tail(output: &Output) -> String {
    let text = String::from_utf8_lossy(&output.stderr);
    let text = text.trim();
    if text.is_empty() {
        String::new()
    } else {
        let start = text.len().saturating_sub(2000);
        let start = (start..text.len())
            .find(|i| text.is_char_boundary(*i))
            .unwrap_or(0);
        format!(": {}", &text[start..])
    }
}

/// The file a `backup` run reports: `backup <file> (<n> bytes, verified) in <s> s`.
fn backup_file(output: &str) -> Option<PathBuf> {
    output
        .lines()
        .filter_map(|line| line.strip_prefix("backup "))
        .find_map(|rest| rest.rsplit_once(" (").map(|(file, _)| PathBuf::from(file)))
}

/// Keeps letters, digits and `.+-_` of a version for a folder name.
fn file_name_safe(version: &str) -> String {
    version
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "._+-".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// The time an installation copy's name carries (`<stamp>-<version>`), if it is one.
fn copied_at(name: &str) -> Option<NaiveDateTime> {
    let end = name.find('Z')?;
    let (stamp, rest) = name.split_at(end + 1);
    if !(rest.is_empty() || rest.starts_with('-')) {
        return None;
    }
    NaiveDateTime::parse_from_str(stamp, STAMP_FORMAT).ok()
}

/// Removes the installation copies in `dir` beyond the newest `keep`; other entries stay.
fn prune(dir: &Path, keep: usize) -> anyhow::Result<Vec<PathBuf>> {
    let mut copies: Vec<(NaiveDateTime, PathBuf)> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|entry| {
            copied_at(&entry.file_name().to_string_lossy()).map(|at| (at, entry.path()))
        })
        .collect();
    copies.sort_by_key(|copy| std::cmp::Reverse(copy.0));
    let mut removed = Vec::new();
    for (_, old) in copies.into_iter().skip(keep.max(1)) {
        std::fs::remove_dir_all(&old)
            .with_context(|| format!("cannot remove {}", old.display()))?;
        removed.push(old);
    }
    Ok(removed)
}

/// Copies the folder `from` to `to` (which must not exist): files with their permissions, symbolic
/// links as links (on Unix).
fn copy_tree(from: &Path, to: &Path) -> anyhow::Result<()> {
    std::fs::create_dir(to).with_context(|| format!("cannot create {}", to.display()))?;
    for entry in
        std::fs::read_dir(from).with_context(|| format!("cannot read {}", from.display()))?
    {
        let entry = entry?;
        let source = entry.path();
        let target = to.join(entry.file_name());
        let kind = entry.file_type()?;
        if kind.is_dir() {
            copy_tree(&source, &target)?;
        } else if kind.is_symlink() {
            copy_link(&source, &target)?;
        } else {
            std::fs::copy(&source, &target).with_context(|| {
                format!("cannot copy {} to {}", source.display(), target.display())
            })?;
        }
    }
    std::fs::set_permissions(to, std::fs::metadata(from)?.permissions())?;
    Ok(())
}

#[cfg(unix)]
fn copy_link(source: &Path, target: &Path) -> anyhow::Result<()> {
    std::os::unix::fs::symlink(std::fs::read_link(source)?, target)
        .with_context(|| format!("cannot link {}", target.display()))
}

#[cfg(not(unix))]
fn copy_link(source: &Path, target: &Path) -> anyhow::Result<()> {
    if source.is_dir() {
        copy_tree(source, target)
    } else {
        std::fs::copy(source, target)
            .map(drop)
            .with_context(|| format!("cannot copy {}", source.display()))
    }
}

/// The etikettdrucker commands run during a deploy (`backup`, `migrate`, `restore`).
struct Tools {
    config: Option<PathBuf>,
    /// Run as this user (`runuser -u`): the systemd unit's `User=` when it is not the deploying user.
    run_as: Option<String>,
}

impl Tools {
    /// Runs `binary [--config FILE] ARGS` in `dir`, echoes its output indented, returns its standard
    /// output; an error with its standard error when it fails.
    fn run(&self, binary: &Path, dir: &Path, args: &[&str]) -> anyhow::Result<String> {
        self.run_echoing(binary, dir, args, true)
    }

    /// Like [`Tools::run`]; echoes the standard output only when `echo_stdout`.
    fn run_echoing(
        &self,
        binary: &Path,
        dir: &Path,
        args: &[&str],
        echo_stdout: bool,
    ) -> anyhow::Result<String> {
        let mut command = match &self.run_as {
            Some(user) => {
                let mut command = Command::new("runuser");
                command.args(["-u", user, "--"]).arg(binary);
                command
            }
            None => Command::new(binary),
        };
        if let Some(config) = &self.config {
            command.arg("--config").arg(config);
        }
        command.args(args).current_dir(dir).stdin(Stdio::null());
        let shown = format!(
            "{}{} {}",
            self.run_as
                .as_ref()
                .map(|u| format!("(as {u}) "))
                .unwrap_or_default(),
            binary.display(),
            args.join(" ")
        );
        println!("    $ {shown}");
        let output = command
            .output()
            .with_context(|| format!("cannot run {shown}"))?;
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        let shown_stdout = if echo_stdout { stdout.as_str() } else { "" };
        for line in shown_stdout
            .lines()
            .chain(String::from_utf8_lossy(&output.stderr).lines())
        {
            println!("    | {line}");
        }
        if !output.status.success() {
            bail!("{shown} failed ({}){}", output.status, stderr_tail(&output));
        }
        Ok(stdout)
    }
}

/// How the service is stopped and started.
#[derive(Debug)]
enum Service {
    Systemd { unit: String },
    Windows { name: String },
    Commands { stop: String, start: String },
}

impl fmt::Display for Service {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Service::Systemd { unit } => write!(f, "systemd unit {unit}"),
            Service::Windows { name } => write!(f, "Windows service {name}"),
            Service::Commands { stop, start } => {
                write!(f, "commands (stop: {stop}; start: {start})")
            }
        }
    }
}

impl Service {
    fn new(args: &Args) -> anyhow::Result<Self> {
        let name = args.service.clone();
        if name.is_empty() || name.contains(['\'', '"', '\n']) {
            bail!("--service {name:?} is not a service name");
        }
        Ok(match args.manager {
            Manager::Auto if cfg!(windows) => Service::Windows { name },
            Manager::Auto | Manager::Systemd => Service::Systemd { unit: name },
            Manager::Windows => Service::Windows { name },
            Manager::Command => match (&args.stop_command, &args.start_command) {
                (Some(stop), Some(start)) => Service::Commands {
                    stop: stop.clone(),
                    start: start.clone(),
                },
                _ => bail!("--manager command needs --stop-command and --start-command"),
            },
        })
    }

    /// The user the unit runs as, when it differs from ours (systemd only).
    fn user(&self) -> Option<String> {
        let Service::Systemd { unit } = self else {
            return None;
        };
        let text = |mut command: Command| {
            command
                .output()
                .ok()
                .filter(|o| o.status.success())
                .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        };
        let mut show = Command::new("systemctl");
        show.args(["show", "--property=User", "--value", unit]);
        let user = text(show).filter(|u| !u.is_empty())?;
        let mut id = Command::new("id");
        id.arg("-un");
        (text(id).as_deref() != Some(user.as_str())).then_some(user)
    }

    fn stop(&self) -> anyhow::Result<()> {
        match self {
            Service::Systemd { unit } => {
                if status(Command::new("systemctl").args(["stop", unit])).is_ok() {
                    return Ok(());
                }
                // A unit that is not installed (yet) or not running is stopped.
                if status(Command::new("systemctl").args(["is-active", "--quiet", unit])).is_ok() {
                    bail!("systemctl stop {unit} failed and the unit is still active");
                }
                println!("    {unit} is not running");
                Ok(())
            }
            Service::Windows { name } => powershell(&format!(
                "$s = Get-Service -Name '{name}' -ErrorAction SilentlyContinue; \
                 if ($null -eq $s) {{ Write-Output 'service {name} is not installed'; exit 0 }}; \
                 if ($s.Status -ne 'Stopped') {{ Stop-Service -Name '{name}' -ErrorAction Stop; \
                 $s.WaitForStatus('Stopped', [TimeSpan]::FromMinutes(2)) }}"
            )),
            Service::Commands { stop, .. } => shell(stop),
        }
    }

    fn start(&self) -> anyhow::Result<()> {
        match self {
            Service::Systemd { unit } => {
                // A unit that failed too often refuses to start until its failure is reset.
                let _ = status(Command::new("systemctl").args(["reset-failed", unit]));
                status(Command::new("systemctl").args(["start", unit]))
                    .with_context(|| format!("systemctl start {unit} (see journalctl -u {unit})"))
            }
            Service::Windows { name } => {
                powershell(&format!("Start-Service -Name '{name}' -ErrorAction Stop"))
            }
            Service::Commands { start, .. } => shell(start),
        }
    }
}

/// Runs `command` with the output going to ours; an error when it fails.
fn status(command: &mut Command) -> anyhow::Result<()> {
    let state = command
        .stdin(Stdio::null())
        .status()
        .with_context(|| format!("cannot run {command:?}"))?;
    if !state.success() {
        bail!("{command:?} failed ({state})");
    }
    Ok(())
}

/// A `--stop-command` or `--start-command` through the system shell.
fn shell(line: &str) -> anyhow::Result<()> {
    println!("    $ {line}");
    #[cfg(windows)]
    let result = {
        use std::os::windows::process::CommandExt;
        status(Command::new("cmd").arg("/C").raw_arg(line))
    };
    #[cfg(not(windows))]
    let result = status(Command::new("sh").arg("-c").arg(line));
    result.with_context(|| format!("{line:?} failed"))
}

fn powershell(script: &str) -> anyhow::Result<()> {
    status(Command::new("powershell.exe").args([
        "-NoProfile",
        "-NonInteractive",
        "-Command",
        script,
    ]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_backup_names_its_file() {
        let out = "backup /var/lib/etikettdrucker/backups/etikettdrucker-20261126T164800Z.sqlite.gz \
                   (1234 bytes, verified) in 0.2 s\nremoved old backup /x\n";
        assert_eq!(
            backup_file(out),
            Some(PathBuf::from(
                "/var/lib/etikettdrucker/backups/etikettdrucker-20261126T164800Z.sqlite.gz"
            ))
        );
        assert_eq!(backup_file("migrations applied\n"), None);
    }

    #[test]
    fn installation_copies_are_told_by_their_names() {
        assert!(copied_at("20261126T164800.123Z-1.2.0").is_some());
        assert!(copied_at("20261126T164800.123Z").is_some());
        assert_eq!(copied_at(".partial-20261126T164800.123Z-1.2.0"), None);
        assert_eq!(copied_at(".deploy.lock"), None);
        assert_eq!(copied_at("Zeug"), None);
        assert_eq!(file_name_safe("1.2.0 beta/3"), "1.2.0_beta_3");
    }

    #[test]
    fn pruning_keeps_the_newest_and_other_folders() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        for name in [
            "20260101T000000.000Z-1.0.0",
            "20260201T000000.000Z-1.1.0",
            "20260301T000000.000Z-1.2.0",
            "notizen",
        ] {
            std::fs::create_dir(dir.path().join(name))?;
        }
        let removed = prune(dir.path(), 2)?;
        assert_eq!(removed, [dir.path().join("20260101T000000.000Z-1.0.0")]);
        assert!(dir.path().join("notizen").exists());
        assert!(dir.path().join("20260301T000000.000Z-1.2.0").exists());
        Ok(())
    }

    #[test]
    fn overlapping_folders_are_refused() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let package = dir.path().join("etikettdrucker-2.0.0");
        std::fs::create_dir(&package)?;
        let path = |p: &Path| p.to_string_lossy().into_owned();
        let layout = |install: &Path, backups: Option<&Path>| {
            Layout::new(&Args {
                package: package.clone(),
                install_dir: install.to_owned(),
                backup_dir: backups.map(Path::to_owned),
                keep: 10,
                service: "etikettdrucker".into(),
                manager: Manager::Systemd,
                stop_command: None,
                start_command: None,
                health_url: "http://127.0.0.1:3000/api/health".into(),
                retries: 1,
                interval: Duration::from_millis(10),
                no_database_backup: false,
            })
        };
        let install = dir.path().join("opt/etikettdrucker");
        let ok = layout(&install, None)?;
        assert_eq!(
            path(&ok.backups),
            path(&dir.path().join("opt/etikettdrucker.backups"))
        );
        assert_eq!(
            path(&ok.aside),
            path(&dir.path().join("opt/.etikettdrucker.old"))
        );
        assert!(layout(&package, None).is_err(), "the package itself");
        assert!(
            layout(dir.path(), None).is_err(),
            "a folder holding the package"
        );
        assert!(
            layout(&package.join("sub"), None).is_err(),
            "inside the package"
        );
        assert!(
            layout(&install, Some(&install.join("backups"))).is_err(),
            "backups inside the installation"
        );
        Ok(())
    }
}
