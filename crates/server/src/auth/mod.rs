//! Authentication and authorisation: passwords, server-side sessions, API tokens, the permission
//! table every route is checked against, login throttling and the security event log.

pub mod events;
pub mod password;
pub mod permissions;
pub mod principal;
pub mod sessions;
pub mod throttle;
pub mod tokens;

use std::net::IpAddr;

use actix_web::HttpRequest;
use actix_web::dev::ServiceRequest;
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};

pub use principal::Principal;

/// 32 random bytes, URL-safe base64 (43 characters).
pub fn random_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// SHA-256 as lower-case hex: how session and API token secrets are stored.
pub fn hash_secret(secret: &str) -> String {
    Sha256::digest(secret.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Compares two secrets in time independent of where they differ.
pub fn secrets_match(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// Who is calling, as far as the network tells: address and user agent.
#[derive(Debug, Clone, Default)]
pub struct ClientInfo {
    pub ip: Option<IpAddr>,
    pub user_agent: Option<String>,
}

impl ClientInfo {
    pub fn from_request(request: &HttpRequest, trust_forwarded_for: bool) -> Self {
        let peer = request.peer_addr().map(|a| a.ip());
        let ip = if trust_forwarded_for {
            let forwarded: Vec<&str> = request
                .headers()
                .get_all("x-forwarded-for")
                .filter_map(|v| v.to_str().ok())
                .collect();
            nearest_forwarded(&forwarded).or(peer)
        } else {
            peer
        };
        let user_agent = request
            .headers()
            .get("user-agent")
            .and_then(|v| v.to_str().ok())
            .map(|v| v.chars().take(500).collect());
        Self { ip, user_agent }
    }

    pub fn from_service_request(request: &ServiceRequest, trust_forwarded_for: bool) -> Self {
        Self::from_request(request.request(), trust_forwarded_for)
    }

    pub fn ip_string(&self) -> Option<String> {
        self.ip.map(|ip| ip.to_string())
    }
}

/// The client address our reverse proxy saw: the LAST `X-Forwarded-For` entry, the one the proxy
/// appended itself. Entries before it come from the client and can be anything, so they are never
/// believed (nor is a `Forwarded` header, which the proxies in docs/operations leave untouched).
fn nearest_forwarded(headers: &[&str]) -> Option<IpAddr> {
    headers
        .iter()
        .flat_map(|header| header.split(','))
        .map(str::trim)
        .rfind(|entry| !entry.is_empty())
        .and_then(parse_ip)
}

fn parse_ip(value: &str) -> Option<IpAddr> {
    value
        .parse::<IpAddr>()
        .ok()
        .or_else(|| value.parse::<std::net::SocketAddr>().ok().map(|a| a.ip()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_proxys_own_forwarded_entry_counts() {
        let ip = |text: &str| text.parse::<IpAddr>().ok();
        // The client claimed 127.0.0.9; the proxy appended the address it really saw.
        assert_eq!(
            nearest_forwarded(&["127.0.0.9, 127.0.0.5"]),
            ip("127.0.0.5")
        );
        assert_eq!(
            nearest_forwarded(&["127.0.0.9", "127.0.0.6"]),
            ip("127.0.0.6")
        );
        assert_eq!(nearest_forwarded(&["[::1]:4711"]), ip("::1"));
        assert_eq!(nearest_forwarded(&[" "]), None);
        assert_eq!(nearest_forwarded(&[]), None);
    }

    #[test]
    fn secrets_are_random_and_hash_to_hex() {
        let (a, b) = (random_secret(), random_secret());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        let hash = hash_secret(&a);
        assert_eq!(hash.len(), 64);
        assert!(hash.chars().all(|c| c.is_ascii_hexdigit()));
        assert_eq!(hash, hash_secret(&a));
    }

    #[test]
    fn secret_comparison() {
        assert!(secrets_match("abc", "abc"));
        assert!(!secrets_match("abc", "abd"));
        assert!(!secrets_match("abc", "abcd"));
    }
}
