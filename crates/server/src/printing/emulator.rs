//! A networked Zebra printer on a TCP port, for tests and demos without hardware.
//!
//! It reads raw bytes like a printer's raw port, splits jobs at `^XZ`, keeps every label in
//! memory (and, with an output directory, writes `NNNN.zpl` plus a rendered `NNNN.svg`), and
//! answers `~HS` with the configured [`EmulatedState`] in the format
//! [`HostStatus::parse`](super::HostStatus::parse) reads. Knobs simulate the ways real printers
//! fail: refused connections, a disconnect in the middle of a job, slow reads, no status answer.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio::task::JoinSet;

use super::host_status::HostStatus;

/// What the emulated printer reports on `~HS`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EmulatedState {
    #[default]
    Ready,
    PaperOut,
    Paused,
    HeadOpen,
    /// `~HS` gets no answer at all (a printer that hangs, or a device that is not a Zebra).
    NoAnswer,
}

impl EmulatedState {
    /// The host status for this state; `None` for [`EmulatedState::NoAnswer`].
    pub fn host_status(self) -> Option<HostStatus> {
        let mut status = HostStatus::ready();
        match self {
            EmulatedState::Ready => {}
            EmulatedState::PaperOut => status.paper_out = true,
            EmulatedState::Paused => status.paused = true,
            EmulatedState::HeadOpen => status.head_open = true,
            EmulatedState::NoAnswer => return None,
        }
        Some(status)
    }
}

/// How the emulator behaves; every field can be changed at runtime through the handle.
#[derive(Debug, Clone)]
pub struct EmulatorConfig {
    pub state: EmulatedState,
    /// Write each label as `NNNN.zpl` and `NNNN.svg` here (the directory must exist).
    pub out_dir: Option<PathBuf>,
    /// Accept connections and close them at once, without reading.
    pub refuse: bool,
    /// Close each connection after reading this many bytes (a printer dropping a job midway).
    pub disconnect_after: Option<usize>,
    /// Pause before each read (a printer that takes data slowly).
    pub read_delay: Option<Duration>,
    /// Bytes per read.
    pub chunk_size: usize,
}

impl Default for EmulatorConfig {
    fn default() -> Self {
        EmulatorConfig {
            state: EmulatedState::Ready,
            out_dir: None,
            refuse: false,
            disconnect_after: None,
            read_delay: None,
            chunk_size: 8192,
        }
    }
}

/// One label the emulator received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceivedLabel {
    /// 1-based, in order of arrival over all connections.
    pub number: usize,
    /// 1-based number of the connection it came on.
    pub connection: usize,
    /// The job's bytes from its first non-blank byte through `^XZ`.
    pub zpl: Vec<u8>,
}

#[derive(Debug, Default)]
struct Recorded {
    labels: Vec<ReceivedLabel>,
    /// Raw bytes per connection (without `~HS`), in order of connection.
    connections: Vec<Vec<u8>>,
}

struct Shared {
    config: Mutex<EmulatorConfig>,
    recorded: Mutex<Recorded>,
    /// Labels received so far; lets waiters wake on arrival instead of polling.
    label_count: watch::Sender<usize>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // The data stays consistent even if a holder panicked: every update is a single push or store.
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A running emulator.
pub struct Emulator {
    local_addr: SocketAddr,
    shared: Arc<Shared>,
    stop: watch::Sender<bool>,
    task: tokio::task::JoinHandle<()>,
}

impl Emulator {
    /// Binds `addr` (port 0 picks a free port) and starts accepting connections.
    pub async fn start(addr: SocketAddr, config: EmulatorConfig) -> std::io::Result<Self> {
        let listener = TcpListener::bind(addr).await?;
        let local_addr = listener.local_addr()?;
        let shared = Arc::new(Shared {
            config: Mutex::new(config),
            recorded: Mutex::new(Recorded::default()),
            label_count: watch::Sender::new(0),
        });
        let (stop, stopped) = watch::channel(false);
        let task = tokio::spawn(accept_loop(listener, Arc::clone(&shared), stopped));
        tracing::info!(%local_addr, "printer emulator listening");
        Ok(Emulator {
            local_addr,
            shared,
            stop,
            task,
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    pub fn state(&self) -> EmulatedState {
        lock(&self.shared.config).state
    }

    pub fn set_state(&self, state: EmulatedState) {
        lock(&self.shared.config).state = state;
    }

    pub fn set_refuse(&self, refuse: bool) {
        lock(&self.shared.config).refuse = refuse;
    }

    pub fn set_disconnect_after(&self, bytes: Option<usize>) {
        lock(&self.shared.config).disconnect_after = bytes;
    }

    pub fn set_read_delay(&self, delay: Option<Duration>, chunk_size: usize) {
        let mut config = lock(&self.shared.config);
        config.read_delay = delay;
        config.chunk_size = chunk_size.max(1);
    }

    /// Labels received so far, in order.
    pub fn labels(&self) -> Vec<ReceivedLabel> {
        lock(&self.shared.recorded).labels.clone()
    }

    /// Raw bytes received per connection that has ended (status requests left out).
    pub fn connections(&self) -> Vec<Vec<u8>> {
        lock(&self.shared.recorded).connections.clone()
    }

    /// A receiver of the label count, for waiting on arrivals.
    pub fn subscribe(&self) -> watch::Receiver<usize> {
        self.shared.label_count.subscribe()
    }

    /// Waits until at least `count` labels have arrived or `within` has passed; returns the
    /// labels received by then.
    pub async fn wait_for_labels(&self, count: usize, within: Duration) -> Vec<ReceivedLabel> {
        let mut receiver = self.subscribe();
        let _ = tokio::time::timeout(within, receiver.wait_for(|&n| n >= count)).await;
        self.labels()
    }

    /// Stops accepting, drops open connections and waits for the listener to close.
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        let _ = self.task.await;
    }
}

async fn accept_loop(listener: TcpListener, shared: Arc<Shared>, mut stop: watch::Receiver<bool>) {
    let mut connections = JoinSet::new();
    let mut number = 0usize;
    loop {
        tokio::select! {
            _ = stop.wait_for(|&stop| stop) => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, peer)) => {
                    if lock(&shared.config).refuse {
                        tracing::debug!(%peer, "emulator refuses connection");
                        drop(stream);
                        continue;
                    }
                    number += 1;
                    connections.spawn(serve(stream, number, Arc::clone(&shared)));
                }
                Err(error) => tracing::warn!(%error, "emulator accept failed"),
            },
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
    connections.shutdown().await;
}

/// What the stream parser found next in the pending bytes.
enum Token {
    Status(usize),
    EndOfJob(usize),
}

fn find_ci(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

fn next_token(pending: &[u8]) -> Option<Token> {
    match (find_ci(pending, b"~HS"), find_ci(pending, b"^XZ")) {
        (Some(s), Some(e)) if s < e => Some(Token::Status(s)),
        (_, Some(e)) => Some(Token::EndOfJob(e)),
        (Some(s), None) => Some(Token::Status(s)),
        (None, None) => None,
    }
}

async fn serve(mut stream: TcpStream, connection: usize, shared: Arc<Shared>) {
    let mut raw = Vec::new();
    let mut pending = Vec::new();
    let mut read_total = 0usize;
    let mut buffer = Vec::new();
    loop {
        let (chunk_size, delay, disconnect_after) = {
            let config = lock(&shared.config);
            (
                config.chunk_size.max(1),
                config.read_delay,
                config.disconnect_after,
            )
        };
        if disconnect_after.is_some_and(|limit| read_total >= limit) {
            tracing::debug!(
                connection,
                read_total,
                "emulator drops the connection midway"
            );
            // Leaving data unread makes the kernel reset the connection, as a failing printer does.
            break;
        }
        if let Some(delay) = delay {
            tokio::time::sleep(delay).await;
        }
        let want = disconnect_after.map_or(chunk_size, |limit| chunk_size.min(limit - read_total));
        buffer.resize(want, 0);
        let n = match stream.read(&mut buffer).await {
            Ok(0) => break,
            Ok(n) => n,
            Err(error) => {
                tracing::debug!(connection, %error, "emulator read failed");
                break;
            }
        };
        read_total += n;
        pending.extend_from_slice(&buffer[..n]);
        while let Some(token) = next_token(&pending) {
            match token {
                Token::Status(at) => {
                    raw.extend_from_slice(&pending[..at]);
                    pending.drain(..at + 3);
                    let state = lock(&shared.config).state;
                    if let Some(status) = state.host_status()
                        && let Err(error) = stream.write_all(&status.encode()).await
                    {
                        tracing::debug!(connection, %error, "emulator status answer failed");
                    }
                }
                Token::EndOfJob(at) => {
                    let job: Vec<u8> = pending.drain(..at + 3).collect();
                    raw.extend_from_slice(&job);
                    let start = job
                        .iter()
                        .position(|b| !b.is_ascii_whitespace())
                        .unwrap_or(job.len());
                    record(&shared, connection, job[start..].to_vec()).await;
                }
            }
        }
    }
    raw.extend_from_slice(&pending);
    if pending.iter().any(|b| !b.is_ascii_whitespace()) {
        tracing::warn!(
            connection,
            bytes = pending.len(),
            "emulator discards an incomplete job (no ^XZ)"
        );
    }
    lock(&shared.recorded).connections.push(raw);
}

async fn record(shared: &Shared, connection: usize, zpl: Vec<u8>) {
    let (number, out_dir) = {
        let mut recorded = lock(&shared.recorded);
        let number = recorded.labels.len() + 1;
        recorded.labels.push(ReceivedLabel {
            number,
            connection,
            zpl: zpl.clone(),
        });
        (number, lock(&shared.config).out_dir.clone())
    };
    if let Some(dir) = out_dir {
        let text = String::from_utf8_lossy(&zpl).into_owned();
        let svg = labels::preview::zpl_to_svg(&text).svg;
        for (extension, bytes) in [("zpl", zpl), ("svg", svg.into_bytes())] {
            let path = dir.join(format!("{number:04}.{extension}"));
            if let Err(error) = tokio::fs::write(&path, bytes).await {
                tracing::warn!(path = %path.display(), %error, "emulator cannot write label");
            }
        }
    }
    tracing::info!(number, connection, "emulator received a label");
    shared.label_count.send_replace(number);
}
