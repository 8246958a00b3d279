//! Shared by the test crates `api` and `cluster` (included with `#[path]`): polling with a deadline,
//! and a loopback TCP proxy that makes a real server (PostgreSQL) unreachable and reachable again.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use tokio::net::{TcpListener, TcpStream};
use tokio::sync::broadcast;

/// Polls `check` every 50 ms until it returns true (then true) or `timeout` passes (then false).
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

/// A TCP proxy on loopback that can cut every connection and refuse new ones.
pub struct TcpProxy {
    pub port: u16,
    enabled: Arc<AtomicBool>,
    cut: broadcast::Sender<()>,
}

impl TcpProxy {
    pub async fn start(target: String) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("proxy bind");
        let port = listener.local_addr().expect("proxy address").port();
        let enabled = Arc::new(AtomicBool::new(true));
        let (cut, _) = broadcast::channel(4);
        let (open, cut_sender) = (Arc::clone(&enabled), cut.clone());
        tokio::spawn(async move {
            while let Ok((mut inbound, _)) = listener.accept().await {
                if !open.load(Ordering::SeqCst) {
                    drop(inbound);
                    continue;
                }
                let target = target.clone();
                let mut cut_receiver = cut_sender.subscribe();
                tokio::spawn(async move {
                    let Ok(mut outbound) = TcpStream::connect(&target).await else {
                        return;
                    };
                    tokio::select! {
                        _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound) => {}
                        _ = cut_receiver.recv() => {}
                    }
                });
            }
        });
        Self { port, enabled, cut }
    }

    /// Closes every open connection and refuses new ones.
    pub fn cut(&self) {
        self.enabled.store(false, Ordering::SeqCst);
        let _ = self.cut.send(());
    }

    /// Accepts connections again.
    pub fn restore(&self) {
        self.enabled.store(true, Ordering::SeqCst);
    }
}
