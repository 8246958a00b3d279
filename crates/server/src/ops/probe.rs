//! `etikettdrucker healthcheck`: asks a running server's `/api/health` until it answers healthy or
//! the retries are used up: the health check of deploy and update scripts (exit 0 healthy, 1 not).
//! Plain HTTP (the app's own port or a loopback proxy); no TLS, no redirects.

use std::time::Duration;

use anyhow::{Context, bail};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// A duration like `10s`, `500ms`, `2m` or a plain number of seconds.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let (number, unit) = match text.find(|c: char| !c.is_ascii_digit()) {
        Some(at) => text.split_at(at),
        None => (text, "s"),
    };
    let n: u64 = number
        .parse()
        .map_err(|_| format!("not a duration: {text:?} (e.g. 10s, 500ms, 2m)"))?;
    match unit {
        "ms" => Ok(Duration::from_millis(n)),
        "s" => Ok(Duration::from_secs(n)),
        "m" => Ok(Duration::from_secs(n * 60)),
        _ => Err(format!("unknown unit in {text:?} (ms, s or m)")),
    }
}

/// Host, port and path of an `http://` URL.
fn parse_url(url: &str) -> anyhow::Result<(String, u16, String)> {
    let Some(rest) = url.strip_prefix("http://") else {
        bail!("only http:// URLs are probed (the app's own port), not {url:?}");
    };
    let (authority, path) = match rest.find('/') {
        Some(at) => rest.split_at(at),
        None => (rest, "/"),
    };
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) if !host.ends_with(']') || authority.starts_with('[') => (
            host.trim_start_matches('[')
                .trim_end_matches(']')
                .to_owned(),
            port.parse()
                .with_context(|| format!("bad port in {url:?}"))?,
        ),
        _ => (authority.to_owned(), 80),
    };
    Ok((host, port, path.to_owned()))
}

/// One GET: the status code and body.
async fn get(url: &str, timeout: Duration) -> anyhow::Result<(u16, String)> {
    let (host, port, path) = parse_url(url)?;
    let exchange = async {
        let mut stream = TcpStream::connect((host.as_str(), port)).await?;
        let request = format!(
            "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nAccept: application/json\r\n\r\n"
        );
        stream.write_all(request.as_bytes()).await?;
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer).await?;
        anyhow::Ok(answer)
    };
    let answer = tokio::time::timeout(timeout, exchange)
        .await
        .context("no answer in time")??;
    let text = String::from_utf8_lossy(&answer);
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .context("not an HTTP answer")?;
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, body)| body.to_owned())
        .unwrap_or_default();
    Ok((status, body))
}

/// What one probe found.
pub async fn probe(url: &str, timeout: Duration) -> Result<(), String> {
    match get(url, timeout).await {
        Ok((200, body)) if body.contains("\"status\":\"healthy\"") => Ok(()),
        Ok((status, body)) => Err(format!(
            "HTTP {status}: {}",
            body.chars().take(200).collect::<String>()
        )),
        Err(error) => Err(format!("{error:#}")),
    }
}

/// Probes up to `retries` times, `interval` apart; `Ok` with the attempt that succeeded.
pub async fn wait_healthy(url: &str, retries: u32, interval: Duration) -> Result<u32, String> {
    let timeout = interval.clamp(Duration::from_secs(1), Duration::from_secs(10));
    let mut last = String::new();
    for attempt in 1..=retries.max(1) {
        match probe(url, timeout).await {
            Ok(()) => return Ok(attempt),
            Err(reason) => {
                eprintln!("attempt {attempt}/{retries}: {reason}");
                last = reason;
            }
        }
        if attempt < retries {
            tokio::time::sleep(interval).await;
        }
    }
    Err(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("10s"), Ok(Duration::from_secs(10)));
        assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_duration("2m"), Ok(Duration::from_secs(120)));
        assert_eq!(parse_duration("7"), Ok(Duration::from_secs(7)));
        assert!(parse_duration("zehn").is_err());
        assert!(parse_duration("5h").is_err());
    }

    #[test]
    fn urls() {
        assert_eq!(
            parse_url("http://127.0.0.1:3000/api/health").ok(),
            Some(("127.0.0.1".into(), 3000, "/api/health".into()))
        );
        assert_eq!(
            parse_url("http://localhost").ok(),
            Some(("localhost".into(), 80, "/".into()))
        );
        assert_eq!(
            parse_url("http://[::1]:8080/api/health").ok(),
            Some(("::1".into(), 8080, "/api/health".into()))
        );
        assert!(parse_url("https://werk.example/api/health").is_err());
    }
}
