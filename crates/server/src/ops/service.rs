//! `etikettdrucker service`: the Windows service.
//!
//! `install` registers this executable with the service manager (automatic start, restart on
//! failure) to run `etikettdrucker --config <file> service run`; `run` is what the service manager
//! starts: it serves the application and turns the manager's Stop (and the system's pre-shutdown
//! notice) into the same graceful shutdown as SIGTERM on Linux — in-flight requests finish within
//! `shutdown_grace_secs`, the print workers finish their current job — while reporting
//! `StopPending` with a moving checkpoint, then `Stopped`.
//!
//! No `unsafe`: the service entry point is a plain `extern "system" fn` that ignores the raw
//! argument vector (everything it needs is on the command line the manager starts), so the
//! `define_windows_service!` macro and its argument parsing are not needed.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The service name `install` registers by default.
pub const DEFAULT_NAME: &str = "Etikettdrucker";

/// What to do with the Windows service.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum Action {
    /// Register the service: automatic start, restart on failure, running
    /// `etikettdrucker --config <FILE> service run` as a virtual service account. Needs an
    /// administrator prompt and `--config` (made absolute). Run again to update an installed service.
    Install(InstallArgs),
    /// Stop the service (gracefully) and remove it. Succeeds when it is not installed.
    Uninstall {
        #[arg(long, default_value = DEFAULT_NAME)]
        name: String,
    },
    /// Run as the service. Started by the service manager, not by hand (use `serve` in a console).
    Run {
        #[arg(long, default_value = DEFAULT_NAME)]
        name: String,
    },
}

/// Options of `service install`.
#[derive(Debug, Clone, clap::Args)]
#[cfg_attr(not(windows), allow(dead_code))]
pub struct InstallArgs {
    /// Service name (`sc.exe query <NAME>`, `Restart-Service <NAME>`).
    #[arg(long, default_value = DEFAULT_NAME)]
    pub name: String,
    /// Name shown in the services console.
    #[arg(
        long,
        default_value = "Etikettdrucker (Qualitätskontrolle und Etikettendruck)"
    )]
    pub display_name: String,
    /// Account the service runs as, one without a password: `LocalSystem`,
    /// `NT AUTHORITY\LocalService`, `NT AUTHORITY\NetworkService`; default: the service's own
    /// virtual account `NT SERVICE\<NAME>` (grant it write access to the data directory).
    #[arg(long)]
    pub account: Option<String>,
    /// A service to start before this one, e.g. the local PostgreSQL (`postgresql-x64-16`).
    /// Repeatable.
    #[arg(long = "after", value_name = "SERVICE")]
    pub after: Vec<String>,
}

#[cfg_attr(not(windows), allow(dead_code))]
impl InstallArgs {
    /// The account the service runs as.
    fn account_name(&self) -> String {
        match &self.account {
            Some(account) if account.eq_ignore_ascii_case("LocalSystem") => "LocalSystem".into(),
            Some(account) => account.clone(),
            None => format!("NT SERVICE\\{}", self.name),
        }
    }
}

/// The absolute configuration file the installed service reads; `--config` is required so the
/// service never depends on its working directory.
#[cfg_attr(not(windows), allow(dead_code))]
fn absolute_config(config: Option<&Path>) -> anyhow::Result<PathBuf> {
    let Some(config) = config else {
        anyhow::bail!(
            "`service install` needs --config <FILE>, e.g. \
             --config C:\\ProgramData\\Etikettdrucker\\etikettdrucker.toml"
        );
    };
    let absolute = std::path::absolute(config)
        .map_err(|e| anyhow::anyhow!("cannot resolve {}: {e}", config.display()))?;
    if !absolute.is_file() {
        anyhow::bail!("config file {} does not exist", absolute.display());
    }
    Ok(absolute)
}

/// The command line the service manager starts: `--config <FILE> service run --name <NAME>`.
#[cfg_attr(not(windows), allow(dead_code))]
fn launch_arguments(config: &Path, name: &str) -> Vec<OsString> {
    vec![
        "--config".into(),
        config.as_os_str().to_owned(),
        "service".into(),
        "run".into(),
        "--name".into(),
        name.into(),
    ]
}

/// Runs a `service` action; on other systems than Windows only says where to look instead.
pub fn run(config: Option<&Path>, action: Action) -> anyhow::Result<()> {
    #[cfg(windows)]
    {
        windows::run(config, action)
    }
    #[cfg(not(windows))]
    {
        let _ = (config, action);
        anyhow::bail!(
            "the Windows service exists only on Windows; \
             on Linux use scripts/linux/etikettdrucker.service"
        )
    }
}

#[cfg(windows)]
mod windows {
    use std::cell::Cell;
    use std::ffi::OsString;
    use std::path::{Path, PathBuf};
    use std::sync::OnceLock;
    use std::time::{Duration, Instant};

    use anyhow::Context;
    use windows_service::service::{
        ServiceAccess, ServiceAction, ServiceActionType, ServiceControl, ServiceControlAccept,
        ServiceDependency, ServiceErrorControl, ServiceExitCode, ServiceFailureActions,
        ServiceFailureResetPeriod, ServiceInfo, ServiceStartType, ServiceState, ServiceStatus,
        ServiceType,
    };
    use windows_service::service_control_handler::{
        self, ServiceControlHandlerResult, ServiceStatusHandle,
    };
    use windows_service::service_dispatcher;
    use windows_service::service_manager::{ServiceManager, ServiceManagerAccess};

    use super::{Action, InstallArgs};
    use crate::settings::Settings;
    use crate::startup::Application;

    const ERROR_SERVICE_DOES_NOT_EXIST: i32 = 1060;
    const ERROR_SERVICE_NOT_ACTIVE: i32 = 1062;
    const ERROR_FAILED_SERVICE_CONTROLLER_CONNECT: i32 = 1063;
    const DESCRIPTION: &str = "Etikettdrucker: Qualitätskontrolle und Etikettendruck \
                               (HTTP-API, Druckwarteschlange, Web-Oberfläche)";
    /// Service-specific exit codes, as the command line uses them.
    const EXIT_FAILURE: u32 = 1;
    const EXIT_INVALID_CONFIG: u32 = 2;
    /// How often `StopPending` is reported again (with a new checkpoint) while draining.
    const STOP_PROGRESS: Duration = Duration::from_secs(5);
    /// Time on top of the grace period for the print workers' current job and closing the pool.
    const STOP_SLACK: Duration = Duration::from_secs(30);

    /// What the service entry point needs; set before the dispatcher starts it.
    struct Launch {
        name: String,
        config: Option<PathBuf>,
    }

    static LAUNCH: OnceLock<Launch> = OnceLock::new();

    pub(super) fn run(config: Option<&Path>, action: Action) -> anyhow::Result<()> {
        match action {
            Action::Install(args) => install(config, &args),
            Action::Uninstall { name } => uninstall(&name),
            Action::Run { name } => dispatch(config, name),
        }
    }

    fn install(config: Option<&Path>, args: &InstallArgs) -> anyhow::Result<()> {
        let config = super::absolute_config(config)?;
        let settings = Settings::load(Some(&config))
            .with_context(|| format!("{} is not a valid configuration", config.display()))?;
        if settings.data_dir.is_relative() {
            anyhow::bail!(
                "data_dir in {} is relative ({}); the service needs an absolute one such as \
                 C:\\ProgramData\\Etikettdrucker\\data",
                config.display(),
                settings.data_dir.display()
            );
        }
        let executable = std::env::current_exe().context("cannot find this executable")?;
        let account = args.account_name();
        let info = ServiceInfo {
            name: OsString::from(&args.name),
            display_name: OsString::from(&args.display_name),
            service_type: ServiceType::OWN_PROCESS,
            start_type: ServiceStartType::AutoStart,
            error_control: ServiceErrorControl::Normal,
            executable_path: executable.clone(),
            launch_arguments: super::launch_arguments(&config, &args.name),
            dependencies: args
                .after
                .iter()
                .map(|name| ServiceDependency::Service(OsString::from(name)))
                .collect(),
            account_name: Some(OsString::from(&account)),
            account_password: None,
        };
        let manager = ServiceManager::local_computer(
            None::<&str>,
            ServiceManagerAccess::CONNECT | ServiceManagerAccess::CREATE_SERVICE,
        )
        .context("cannot open the service manager (run as administrator)")?;
        let access = ServiceAccess::CHANGE_CONFIG | ServiceAccess::QUERY_CONFIG;
        let (service, verb) = match manager.open_service(&args.name, access) {
            Ok(service) => {
                service
                    .change_config(&info)
                    .with_context(|| format!("cannot update service {}", args.name))?;
                (service, "updated")
            }
            Err(error) if os_error(&error) == Some(ERROR_SERVICE_DOES_NOT_EXIST) => {
                let service = manager
                    .create_service(&info, access)
                    .with_context(|| format!("cannot create service {}", args.name))?;
                (service, "installed")
            }
            Err(error) => {
                return Err(error).with_context(|| format!("cannot open service {}", args.name));
            }
        };
        service
            .set_description(DESCRIPTION)
            .context("cannot set the service description")?;
        // Restart after 10 s, again after 30 s, then every 2 minutes; the count resets after a day
        // without failures.
        service
            .update_failure_actions(ServiceFailureActions {
                reset_period: ServiceFailureResetPeriod::After(Duration::from_secs(24 * 3600)),
                reboot_msg: None,
                command: None,
                actions: Some(
                    [10, 30, 120]
                        .into_iter()
                        .map(|secs| ServiceAction {
                            action_type: ServiceActionType::Restart,
                            delay: Duration::from_secs(secs),
                        })
                        .collect(),
                ),
            })
            .context("cannot set the restart-on-failure actions")?;
        // Restarts also when the service stops itself with an error, e.g. when the database was not
        // reachable at start. This and the pre-shutdown timeout are refinements every supported
        // Windows has; Wine's service manager (tests) lacks them, so a failure is only reported.
        warn_unless_ok(
            "also restart after an exit with an error (not only after a crash)",
            service.set_failure_actions_on_non_crash_failures(true),
        );
        // At system shutdown the draining gets as long as after a Stop.
        warn_unless_ok(
            "set the pre-shutdown timeout",
            service.set_preshutdown_timeout(settings.shutdown_grace() + STOP_SLACK),
        );
        println!(
            "service {} {verb}: {} --config {} service run (account {account}, automatic start, \
             restart on failure)",
            args.name,
            executable.display(),
            config.display()
        );
        println!("start it with: Start-Service {}", args.name);
        Ok(())
    }

    fn uninstall(name: &str) -> anyhow::Result<()> {
        let manager = ServiceManager::local_computer(None::<&str>, ServiceManagerAccess::CONNECT)
            .context("cannot open the service manager (run as administrator)")?;
        let access = ServiceAccess::QUERY_STATUS | ServiceAccess::STOP | ServiceAccess::DELETE;
        let service = match manager.open_service(name, access) {
            Ok(service) => service,
            Err(error) if os_error(&error) == Some(ERROR_SERVICE_DOES_NOT_EXIST) => {
                println!("service {name} is not installed");
                return Ok(());
            }
            Err(error) => return Err(error).with_context(|| format!("cannot open service {name}")),
        };
        if service.query_status()?.current_state != ServiceState::Stopped {
            match service.stop() {
                Ok(_) => {}
                Err(error) if os_error(&error) == Some(ERROR_SERVICE_NOT_ACTIVE) => {}
                Err(error) => {
                    return Err(error).with_context(|| format!("cannot stop service {name}"));
                }
            }
            // The service drains for up to its grace period; wait a little longer than the default.
            let deadline = Instant::now() + Duration::from_secs(60) + STOP_SLACK;
            while service.query_status()?.current_state != ServiceState::Stopped {
                if Instant::now() > deadline {
                    anyhow::bail!("service {name} did not stop in time; try again");
                }
                std::thread::sleep(Duration::from_millis(500));
            }
            println!("service {name} stopped");
        }
        service
            .delete()
            .with_context(|| format!("cannot remove service {name}"))?;
        println!("service {name} removed");
        Ok(())
    }

    /// Hands this thread to the service manager, which calls [`service_main`] on another thread and
    /// returns when the service has stopped.
    fn dispatch(config: Option<&Path>, name: String) -> anyhow::Result<()> {
        // The manager starts services in C:\Windows\System32; relative paths in the configuration
        // (static_dir = "frontend/dist") mean the installation directory instead.
        let executable = std::env::current_exe().context("cannot find this executable")?;
        if let Some(dir) = executable.parent() {
            std::env::set_current_dir(dir)
                .with_context(|| format!("cannot change to {}", dir.display()))?;
        }
        let launch = Launch {
            name: name.clone(),
            config: config.map(Path::to_path_buf),
        };
        if LAUNCH.set(launch).is_err() {
            anyhow::bail!("the service was already started in this process");
        }
        match service_dispatcher::start(&name, service_main) {
            Ok(()) => Ok(()),
            Err(error) if os_error(&error) == Some(ERROR_FAILED_SERVICE_CONTROLLER_CONNECT) => {
                anyhow::bail!(
                    "`service run` is started by the Windows service manager (Start-Service {name}); \
                     to run in a console use `etikettdrucker serve`"
                )
            }
            Err(error) => Err(error).context("the service dispatcher failed"),
        }
    }

    /// The service's entry point. The raw arguments are not read: the command line carries all.
    extern "system" fn service_main(_argc: u32, _argv: *mut *mut u16) {
        if let Some(launch) = LAUNCH.get() {
            // Errors are logged (once the settings are loaded) and reported as the exit code.
            let _ = serve_as_service(launch);
        }
    }

    fn serve_as_service(launch: &Launch) -> anyhow::Result<()> {
        let (stop_sender, stop) = tokio::sync::watch::channel(false);
        let handler = move |control| match control {
            ServiceControl::Stop | ServiceControl::Preshutdown | ServiceControl::Shutdown => {
                stop_sender.send_replace(true);
                ServiceControlHandlerResult::NoError
            }
            ServiceControl::Interrogate => ServiceControlHandlerResult::NoError,
            _ => ServiceControlHandlerResult::NotImplemented,
        };
        let handle = service_control_handler::register(&launch.name, handler)?;
        let status = Status::new(handle);
        status.report(ServiceState::StartPending, Duration::from_secs(60));
        let (result, exit) = match Settings::load(launch.config.as_deref()) {
            Ok(settings) => {
                let result = serve(settings, &status, stop);
                let exit = if result.is_ok() { 0 } else { EXIT_FAILURE };
                (result, exit)
            }
            Err(error) => (Err(error.into()), EXIT_INVALID_CONFIG),
        };
        status.stopped(exit);
        result
    }

    fn serve(
        settings: Settings,
        status: &Status,
        mut stop: tokio::sync::watch::Receiver<bool>,
    ) -> anyhow::Result<()> {
        let _telemetry = crate::telemetry::init(&settings)?;
        let host = settings.host;
        let stop_hint = settings.shutdown_grace() + STOP_SLACK;
        let result = actix_web::rt::System::new().block_on(async move {
            let app = Application::build(settings).await?;
            tracing::info!(
                version = crate::VERSION,
                %host,
                port = app.port(),
                "Etikettdrucker (Windows service) listening on http://{host}:{}",
                app.port()
            );
            status.report(ServiceState::Running, Duration::ZERO);
            let mut requested = stop.clone();
            let run = app.run_until(async move {
                let _ = requested.wait_for(|stop| *stop).await;
            });
            tokio::pin!(run);
            let mut stopping = false;
            let mut progress = tokio::time::interval(STOP_PROGRESS);
            loop {
                tokio::select! {
                    result = &mut run => return result.map_err(anyhow::Error::from),
                    Ok(_) = stop.wait_for(|stop| *stop), if !stopping => {
                        stopping = true;
                        status.report(ServiceState::StopPending, stop_hint);
                    }
                    _ = progress.tick(), if stopping => {
                        status.report(ServiceState::StopPending, stop_hint);
                    }
                }
            }
        });
        match &result {
            Ok(()) => tracing::info!("stopped"),
            Err(error) => {
                tracing::error!(error = %format!("{error:#}"), "the service stopped with an error");
            }
        }
        result
    }

    /// Reports the service's state, counting the checkpoint up while a start or stop is pending.
    struct Status {
        handle: ServiceStatusHandle,
        checkpoint: Cell<u32>,
    }

    impl Status {
        fn new(handle: ServiceStatusHandle) -> Self {
            Self {
                handle,
                checkpoint: Cell::new(0),
            }
        }

        fn report(&self, state: ServiceState, wait_hint: Duration) {
            let pending = matches!(
                state,
                ServiceState::StartPending | ServiceState::StopPending
            );
            let checkpoint = if pending {
                self.checkpoint.get() + 1
            } else {
                0
            };
            self.checkpoint.set(checkpoint);
            let controls_accepted = if state == ServiceState::Running {
                ServiceControlAccept::STOP | ServiceControlAccept::PRESHUTDOWN
            } else {
                ServiceControlAccept::empty()
            };
            self.set(ServiceStatus {
                service_type: ServiceType::OWN_PROCESS,
                current_state: state,
                controls_accepted,
                exit_code: ServiceExitCode::NO_ERROR,
                checkpoint,
                wait_hint,
                process_id: None,
            });
        }

        fn stopped(&self, exit: u32) {
            self.set(ServiceStatus {
                service_type: ServiceType::OWN_PROCESS,
                current_state: ServiceState::Stopped,
                controls_accepted: ServiceControlAccept::empty(),
                exit_code: if exit == 0 {
                    ServiceExitCode::NO_ERROR
                } else {
                    ServiceExitCode::ServiceSpecific(exit)
                },
                checkpoint: 0,
                wait_hint: Duration::ZERO,
                process_id: None,
            });
        }

        fn set(&self, status: ServiceStatus) {
            if let Err(error) = self.handle.set_service_status(status) {
                tracing::warn!(%error, "cannot report the service status");
            }
        }
    }

    fn warn_unless_ok(what: &str, result: windows_service::Result<()>) {
        if let Err(error) = result {
            let error = anyhow::Error::from(error);
            eprintln!("etikettdrucker: warning: cannot {what}: {error:#}");
        }
    }

    fn os_error(error: &windows_service::Error) -> Option<i32> {
        match error {
            windows_service::Error::Winapi(error) => error.raw_os_error(),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn install_args(account: Option<&str>) -> InstallArgs {
        InstallArgs {
            name: DEFAULT_NAME.into(),
            display_name: "Etikettdrucker".into(),
            account: account.map(Into::into),
            after: Vec::new(),
        }
    }

    #[test]
    fn the_default_account_is_the_services_virtual_account() {
        assert_eq!(
            install_args(None).account_name(),
            "NT SERVICE\\Etikettdrucker"
        );
        assert_eq!(
            install_args(Some("localsystem")).account_name(),
            "LocalSystem"
        );
        assert_eq!(
            install_args(Some("NT AUTHORITY\\LocalService")).account_name(),
            "NT AUTHORITY\\LocalService"
        );
    }

    #[test]
    fn install_needs_an_existing_config_file_and_makes_it_absolute() -> anyhow::Result<()> {
        let missing = absolute_config(None).err().map(|e| e.to_string());
        assert!(missing.is_some_and(|e| e.contains("--config")));
        let dir = tempfile::tempdir()?;
        let file = dir.path().join("etikettdrucker.toml");
        std::fs::write(&file, "")?;
        assert_eq!(absolute_config(Some(&file))?, file);
        let absent = absolute_config(Some(&dir.path().join("nope.toml")))
            .err()
            .map(|e| e.to_string());
        assert!(absent.is_some_and(|e| e.contains("does not exist")));
        Ok(())
    }

    #[test]
    fn the_service_runs_this_executable_with_its_config() {
        let args = launch_arguments(Path::new("/etc/etikettdrucker.toml"), "Etikett-Test");
        let args: Vec<_> = args.iter().map(|a| a.to_string_lossy()).collect();
        assert_eq!(
            args,
            [
                "--config",
                "/etc/etikettdrucker.toml",
                "service",
                "run",
                "--name",
                "Etikett-Test"
            ]
        );
    }

    #[cfg(not(windows))]
    #[test]
    fn on_linux_the_service_points_to_systemd() {
        let error = run(
            None,
            Action::Run {
                name: DEFAULT_NAME.into(),
            },
        )
        .err()
        .map(|e| e.to_string());
        assert!(error.is_some_and(|e| e.contains("scripts/linux/etikettdrucker.service")));
    }
}
