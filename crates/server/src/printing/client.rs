//! A typed client for a networked Zebra printer on its raw port (usually 9100).
//!
//! One TCP connection per request, every stage bounded by a timeout. The address comes from the
//! caller (the printer registry); there is no default address.

use std::fmt;
use std::io;
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::timeout;

use super::host_status::{self, HostStatus, HostStatusError};
use super::network::Network;

/// How long each stage may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// Name resolution and TCP connect.
    pub connect: Duration,
    /// Writing the job, and waiting for the printer to take all of it and close its side.
    pub write: Duration,
    /// Waiting for the complete `~HS` answer.
    pub status: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            connect: Duration::from_secs(3),
            write: Duration::from_secs(10),
            status: Duration::from_secs(2),
        }
    }
}

/// The stage that ran out of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Connect,
    Write,
    Status,
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Stage::Connect => "beim Verbindungsaufbau",
            Stage::Write => "beim Senden des Etiketts",
            Stage::Status => "beim Warten auf die Statusantwort",
        })
    }
}

/// Why talking to the printer failed. `Display` is a German message for users.
#[derive(Debug, thiserror::Error)]
pub enum PrinterError {
    /// Nothing accepts connections at the address (printer off, wrong port, service busy).
    #[error("Der Drucker hat die Verbindung abgelehnt (Drucker aus, falscher Port oder belegt).")]
    Refused,
    /// The printer did not respond within the configured time.
    #[error("Der Drucker antwortet nicht: Zeitüberschreitung {0}.")]
    Timeout(Stage),
    /// The printer closed or reset the connection before the request was complete.
    #[error(
        "Der Drucker hat die Verbindung unerwartet getrennt; das Etikett wurde nicht sicher übertragen."
    )]
    Disconnected,
    /// Any other network error (unknown host, unreachable network, …).
    #[error("Netzwerkfehler bei der Verbindung zum Drucker: {0}")]
    Io(#[source] io::Error),
    /// The printer's address is outside `printing.allowed_networks`.
    #[error("Die Adresse des Druckers liegt außerhalb der erlaubten Netze ({0}).")]
    NotAllowed(String),
    /// The printer answered `~HS` with something that is not a host status.
    #[error("Der Drucker hat eine unverständliche Statusantwort gesendet: {0}")]
    BadStatus(#[from] HostStatusError),
}

impl From<io::Error> for PrinterError {
    fn from(error: io::Error) -> Self {
        use io::ErrorKind as K;
        match error.kind() {
            K::ConnectionRefused => PrinterError::Refused,
            K::ConnectionReset
            | K::ConnectionAborted
            | K::BrokenPipe
            | K::NotConnected
            | K::UnexpectedEof => PrinterError::Disconnected,
            K::TimedOut => PrinterError::Timeout(Stage::Connect),
            _ => PrinterError::Io(error),
        }
    }
}

/// A printer at `host:port`.
#[derive(Debug, Clone)]
pub struct PrinterClient {
    host: String,
    port: u16,
    timeouts: Timeouts,
    /// Empty: any address.
    networks: Arc<[Network]>,
}

impl PrinterClient {
    /// `host` is an IP address or a host name.
    pub fn new(host: impl Into<String>, port: u16) -> Self {
        PrinterClient {
            host: host.into(),
            port,
            timeouts: Timeouts::default(),
            networks: Arc::from([]),
        }
    }

    /// Only connect to addresses in these networks (empty: any).
    pub fn with_networks(mut self, networks: Arc<[Network]>) -> Self {
        self.networks = networks;
        self
    }

    pub fn with_timeouts(mut self, timeouts: Timeouts) -> Self {
        self.timeouts = timeouts;
        self
    }

    pub fn host(&self) -> &str {
        &self.host
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn timeouts(&self) -> Timeouts {
        self.timeouts
    }

    /// Asks `~HS` and parses the answer.
    pub async fn status(&self) -> Result<HostStatus, PrinterError> {
        let mut stream = self.connect().await?;
        let answer = timeout(self.timeouts.status, async {
            stream.write_all(b"~HS").await?;
            stream.flush().await?;
            let mut answer = Vec::with_capacity(128);
            let mut chunk = [0u8; 256];
            while host_status::complete_lines(&answer) < host_status::LINES {
                let n = stream.read(&mut chunk).await?;
                if n == 0 {
                    return Err(PrinterError::Disconnected);
                }
                answer.extend_from_slice(&chunk[..n]);
            }
            Ok(answer)
        })
        .await
        .map_err(|_| PrinterError::Timeout(Stage::Status))??;
        // Closing politely is not part of the answer; a failure here changes nothing.
        let _ = stream.shutdown().await;
        Ok(HostStatus::parse(&answer)?)
    }

    /// Sends one job (or several, back to back) and returns once the printer has taken all of it.
    ///
    /// After writing, the write side is shut down and the client waits for the printer to close
    /// its side: a printer that dropped the connection with data unread resets it, which is the
    /// only way to notice a job cut short — buffered writes succeed either way.
    pub async fn send(&self, zpl: &[u8]) -> Result<(), PrinterError> {
        let mut stream = self.connect().await?;
        timeout(self.timeouts.write, async {
            stream.write_all(zpl).await?;
            stream.flush().await?;
            stream.shutdown().await?;
            let mut sink = [0u8; 256];
            // Anything the printer says on the raw port is not an answer to a job; drain it.
            while stream.read(&mut sink).await? != 0 {}
            match stream.take_error()? {
                Some(error) => Err(PrinterError::from(error)),
                None => Ok(()),
            }
        })
        .await
        .map_err(|_| PrinterError::Timeout(Stage::Write))?
    }

    /// Resolves the host, keeps the allowed addresses and connects to the first that answers.
    async fn connect(&self) -> Result<TcpStream, PrinterError> {
        let stream = timeout(self.timeouts.connect, async {
            let mut last_error = None;
            for address in tokio::net::lookup_host((self.host.as_str(), self.port)).await? {
                if !Network::allows(&self.networks, address.ip()) {
                    last_error.get_or_insert(PrinterError::NotAllowed(address.ip().to_string()));
                    continue;
                }
                match TcpStream::connect(address).await {
                    Ok(stream) => return Ok(stream),
                    Err(error) => last_error = Some(error.into()),
                }
            }
            Err(last_error.unwrap_or_else(|| {
                PrinterError::Io(io::Error::new(
                    io::ErrorKind::NotFound,
                    format!("Rechnername {} ist unbekannt", self.host),
                ))
            }))
        })
        .await
        .map_err(|_| PrinterError::Timeout(Stage::Connect))??;
        stream.set_nodelay(true)?;
        Ok(stream)
    }
}
