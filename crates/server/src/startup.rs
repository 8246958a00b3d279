//! Building and running the HTTP application. `main`, the subcommands and the tests all start the
//! server through [`Application`].

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::dev::{Server, ServerHandle};
use actix_web::error::{JsonPayloadError, PathError, QueryPayloadError};
use actix_web::middleware::{Compress, from_fn};
use actix_web::{App, HttpRequest, HttpServer, web};
use anyhow::Context;
use api_types::FieldErrors;
use sea_orm::DatabaseConnection;
use tracing_actix_web::TracingLogger;

use crate::auth::permissions;
use crate::auth::throttle::LoginThrottle;
use crate::error::ApiError;
use crate::metrics::{ConnectionGuard, Metrics};
use crate::middleware::{self, BODY_LIMIT_BYTES, RouteSpan};
use crate::printing::PrintQueue;
use crate::settings::Settings;
use crate::{db, headers, routes};
use secrecy::ExposeSecret;

/// Shared by all handlers.
pub struct AppState {
    pub db: DatabaseConnection,
    pub settings: Arc<Settings>,
    pub login_throttle: LoginThrottle,
    pub print_queue: Arc<PrintQueue>,
    /// The home page's plant-wide figures, shared between requests.
    pub dashboard:
        crate::dashboard::cache::Cache<chrono::NaiveDate, crate::dashboard::stats::Shared>,
    /// Analytics reports (serialized) by their filters; invalidated together with `dashboard`.
    pub analytics: crate::dashboard::cache::Cache<String, actix_web::web::Bytes>,
    /// When this instance started (system overview).
    pub started_at: chrono::DateTime<chrono::Utc>,
}

pub struct Application {
    /// SQLite: the shared instance lock a restore waits for (released when the server stops).
    _instance_lock: Option<std::fs::File>,
    port: u16,
    redirect_port: Option<u16>,
    server: Server,
    print_queue: Arc<PrintQueue>,
}

impl Application {
    /// Connects to the database, applies migrations when configured, and binds the listener.
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        let instance_lock = if settings.database.url.is_none()
            || settings
                .database_url()
                .expose_secret()
                .starts_with("sqlite:")
        {
            let lock = crate::ops::restore::lock_file(&settings.data_dir)
                .context("cannot open the instance lock in the data directory")?;
            if lock.try_lock_shared().is_err() {
                anyhow::bail!(
                    "a restore of the database is running; start again when it has finished"
                );
            }
            Some(lock)
        } else {
            None
        };
        let db = db::connect(&settings)
            .await
            .context("cannot connect to the database (DATABASE_URL)")?;
        if settings.migrate_on_start {
            db::migrate_up(&db)
                .await
                .context("applying database migrations failed")?;
        }
        if let Some(address) = settings.printing.demo_printer {
            crate::printing::register_demo_printer(&db, address)
                .await
                .context("registering the demo printer failed")?;
        }
        let mut app = Self::build_with_db(settings, db)?;
        app._instance_lock = instance_lock;
        Ok(app)
    }

    /// Binds the listener for an already connected database.
    pub fn build_with_db(settings: Settings, db: DatabaseConnection) -> anyhow::Result<Self> {
        let listener = bind(settings.host, settings.port, "HOST, PORT")?;
        let port = listener.local_addr()?.port();
        let redirect = match settings
            .tls
            .redirect_http_port
            .filter(|_| settings.tls.enabled())
        {
            Some(http_port) => Some(bind(
                settings.host,
                http_port,
                "ETIKETT_TLS__REDIRECT_HTTP_PORT",
            )?),
            None => None,
        };
        let redirect_port = match &redirect {
            Some(listener) => Some(listener.local_addr()?.port()),
            None => None,
        };
        let (server, print_queue) = run(listener, redirect, port, db, settings)?;
        Ok(Self {
            _instance_lock: None,
            port,
            redirect_port,
            server,
            print_queue,
        })
    }

    /// The bound port (useful with `PORT=0`).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The plain-HTTP port that redirects to HTTPS, when configured.
    pub fn redirect_port(&self) -> Option<u16> {
        self.redirect_port
    }

    /// A handle to stop the server gracefully.
    pub fn handle(&self) -> ServerHandle {
        self.server.handle()
    }

    /// The print queue (tests watch its events).
    pub fn print_queue(&self) -> Arc<PrintQueue> {
        Arc::clone(&self.print_queue)
    }

    /// Serves until SIGTERM/Ctrl-C (or [`ServerHandle::stop`]); in-flight requests get the grace
    /// period, then the print workers finish their current job and hand their printers over.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.run_until(shutdown_signal()).await
    }

    /// Serves until `stop` completes (or [`ServerHandle::stop`]), then shuts down as on SIGTERM.
    /// The Windows service passes the service manager's Stop request here.
    pub async fn run_until(
        self,
        stop: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        // Signals are handled here rather than by actix, so live event streams end before the
        // grace period starts instead of holding it open.
        let handle = self.server.handle();
        let queue = Arc::clone(&self.print_queue);
        let signals = tokio::spawn(async move {
            stop.await;
            tracing::info!("shutdown requested");
            queue.begin_shutdown();
            handle.stop(true).await;
        });
        let result = self.server.await;
        signals.abort();
        self.print_queue.shutdown().await;
        result
    }
}

fn bind(host: std::net::IpAddr, port: u16, names: &str) -> anyhow::Result<TcpListener> {
    TcpListener::bind((host, port))
        .with_context(|| format!("cannot listen on {host}:{port} ({names})"))
}

fn run(
    listener: TcpListener,
    redirect: Option<TcpListener>,
    https_port: u16,
    db: DatabaseConnection,
    settings: Settings,
) -> anyhow::Result<(Server, Arc<PrintQueue>)> {
    let tls = match (&settings.tls.cert_file, &settings.tls.key_file) {
        (Some(cert), Some(key)) => Some(crate::tls::server_config(cert, key)?),
        _ => None,
    };
    let tls_enabled = tls.is_some();
    let metrics = web::Data::new(Metrics::new()?);
    let connections = metrics.connections.clone();
    let csp = headers::content_security_policy(&settings.static_dir);
    let grace = settings.shutdown_grace_secs;
    let workers = settings.workers;
    let print_queue = PrintQueue::new(
        db.clone(),
        settings.printing.clone(),
        instance_id(&settings, https_port),
        metrics.print_queue.clone(),
    );
    print_queue.start();
    let dashboard = crate::dashboard::cache::Cache::default();
    let state = web::Data::new(AppState {
        db,
        login_throttle: LoginThrottle::new(settings.auth.login_attempts_per_minute),
        settings: Arc::new(settings),
        print_queue: Arc::clone(&print_queue),
        analytics: crate::dashboard::cache::Cache::with_ttl(
            crate::analytics::CACHE_TTL,
            dashboard.generation(),
        ),
        dashboard,
        started_at: chrono::Utc::now(),
    });
    watch_print_failures(&state, &print_queue);

    let mut server = HttpServer::new(move || {
        App::new()
            .app_data(state.clone())
            .app_data(metrics.clone())
            .app_data(json_config())
            .app_data(web::PayloadConfig::new(BODY_LIMIT_BYTES))
            .app_data(web::QueryConfig::default().error_handler(query_error))
            .app_data(web::PathConfig::default().error_handler(path_error))
            .configure(routes::configure_api)
            .configure(routes::metrics::configure)
            .default_service(web::to(routes::spa::fallback))
            .wrap(from_fn(permissions::authorize))
            .wrap(from_fn(middleware::api_errors))
            .wrap(Compress::default())
            .wrap(headers::security_headers(&csp, tls_enabled))
            .wrap(from_fn(move |req, next| {
                middleware::redirect_to_https(req, next, tls_enabled, https_port)
            }))
            .wrap(from_fn(middleware::observe))
            .wrap(TracingLogger::<RouteSpan>::new())
    })
    .on_connect(move |connection, extensions| {
        // Without TCP_NODELAY, a response written in two parts (headers, then a file body) waits for
        // the client's delayed ACK: about 40 ms per request on keep-alive connections.
        if let Some(tcp) = connection.downcast_ref::<actix_web::rt::net::TcpStream>() {
            let _ = tcp.set_nodelay(true);
        }
        extensions.insert(ConnectionGuard::new(connections.clone()));
    })
    .shutdown_timeout(grace)
    .disable_signals();
    if let Some(workers) = workers {
        server = server.workers(workers);
    }
    server = match tls {
        Some(config) => server.listen_rustls_0_23(listener, config)?,
        None => server.listen(listener)?,
    };
    if let Some(redirect) = redirect {
        server = server.listen(redirect)?;
    }
    Ok((server.run(), print_queue))
}

/// SIGTERM, SIGINT (Ctrl-C) or, on Windows, Ctrl-C / Ctrl-Break / console close.
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                tokio::select! {
                    _ = terminate.recv() => {}
                    _ = tokio::signal::ctrl_c() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// A job that failed (or a failed one cancelled) shows on the home page at once: the shared
/// figures hold the recent print failures. Ends when the app's state is gone.
fn watch_print_failures(state: &web::Data<AppState>, queue: &PrintQueue) {
    use api_types::printing::{JobState, PrintEvent};
    use tokio::sync::broadcast::error::RecvError;
    let state = Arc::downgrade(&state.clone().into_inner());
    let mut events = queue.subscribe();
    tokio::spawn(async move {
        loop {
            let changed = match events.recv().await {
                Ok(PrintEvent::Job(job)) => {
                    matches!(job.state, JobState::Failed | JobState::Cancelled)
                }
                Ok(PrintEvent::Printer(_)) => false,
                Err(RecvError::Lagged(_)) => true,
                Err(RecvError::Closed) => break,
            };
            match state.upgrade() {
                Some(state) if changed => state.dashboard.invalidate(),
                Some(_) => {}
                None => break,
            }
        }
    });
}

/// This instance's name in the print queue's leases: configured, or `<host name>:<port>`, which
/// stays the same across restarts so a restarted instance takes its printers back at once.
fn instance_id(settings: &Settings, port: u16) -> String {
    if let Some(id) = settings
        .printing
        .instance_id
        .as_ref()
        .filter(|id| !id.is_empty())
    {
        return id.clone();
    }
    let host = ["HOSTNAME", "COMPUTERNAME"]
        .iter()
        .find_map(|var| std::env::var(var).ok().filter(|v| !v.is_empty()))
        .or_else(|| {
            std::fs::read_to_string("/etc/hostname")
                .ok()
                .map(|h| h.trim().to_string())
                .filter(|h| !h.is_empty())
        })
        .unwrap_or_else(|| "etikettdrucker".into());
    format!("{host}:{port}")
}

/// JSON extractor limits and error mapping.
pub fn json_config() -> web::JsonConfig {
    web::JsonConfig::default()
        .limit(BODY_LIMIT_BYTES)
        .error_handler(|error, _req: &HttpRequest| json_error(error).into())
}

/// Malformed JSON is a 400; well-formed JSON of the wrong shape a 422 naming the problem.
fn json_error(error: JsonPayloadError) -> ApiError {
    match error {
        JsonPayloadError::Overflow { .. } | JsonPayloadError::OverflowKnownLength { .. } => {
            ApiError::PayloadTooLarge {
                limit_mb: BODY_LIMIT_BYTES / (1024 * 1024),
            }
        }
        JsonPayloadError::ContentType => {
            ApiError::BadRequest("Content-Type muss application/json sein".into())
        }
        JsonPayloadError::Deserialize(e) if e.is_data() => {
            let mut fields = FieldErrors::new();
            fields.insert("body".into(), vec![e.to_string()]);
            ApiError::Validation(fields)
        }
        JsonPayloadError::Deserialize(e) => ApiError::BadRequest(format!("Ungültiges JSON: {e}")),
        other => ApiError::BadRequest(format!("Anfrage nicht lesbar: {other}")),
    }
}

fn query_error(error: QueryPayloadError, _req: &HttpRequest) -> actix_web::Error {
    ApiError::BadRequest(format!("Ungültige Abfrageparameter: {error}")).into()
}

fn path_error(error: PathError, _req: &HttpRequest) -> actix_web::Error {
    ApiError::NotFound(format!("Ungültiger Pfad: {error}")).into()
}
