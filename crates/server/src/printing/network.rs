//! Networks printers may be in (`printing.allowed_networks`), written as CIDR blocks.

use std::fmt;
use std::net::IpAddr;
use std::str::FromStr;

/// An address block such as `127.0.0.0/8` or `fd00::/8`; a bare address is a block of one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Network {
    address: IpAddr,
    prefix: u8,
}

impl Network {
    pub fn contains(&self, ip: IpAddr) -> bool {
        // An IPv4 printer reached over an IPv4-mapped IPv6 address is still that IPv4 address.
        let ip = match ip {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
            v4 => v4,
        };
        match (self.address, ip) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                prefix_eq(&net.octets(), &ip.octets(), self.prefix)
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                prefix_eq(&net.octets(), &ip.octets(), self.prefix)
            }
            _ => false,
        }
    }

    /// True when `ip` is in one of `networks`, or `networks` is empty (no restriction).
    pub fn allows(networks: &[Network], ip: IpAddr) -> bool {
        networks.is_empty() || networks.iter().any(|n| n.contains(ip))
    }
}

fn prefix_eq(a: &[u8], b: &[u8], prefix: u8) -> bool {
    let full = usize::from(prefix / 8);
    let rest = prefix % 8;
    if a[..full] != b[..full] {
        return false;
    }
    if rest == 0 {
        return true;
    }
    let mask = 0xffu8 << (8 - rest);
    a[full] & mask == b[full] & mask
}

impl FromStr for Network {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let (address, prefix) = match s.split_once('/') {
            Some((address, prefix)) => (address, Some(prefix)),
            None => (s, None),
        };
        let address: IpAddr = address
            .trim()
            .parse()
            .map_err(|_| format!("{s:?} is not an IP address or network (CIDR)"))?;
        let max = if address.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            Some(p) => p
                .trim()
                .parse::<u8>()
                .ok()
                .filter(|p| *p <= max)
                .ok_or_else(|| format!("{s:?}: prefix length must be 0–{max}"))?,
            None => max,
        };
        Ok(Network { address, prefix })
    }
}

impl fmt::Display for Network {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.address, self.prefix)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("address")
    }

    fn net(s: &str) -> Network {
        s.parse().expect("network")
    }

    #[test]
    fn contains_by_prefix() {
        let loopback = net("127.0.0.0/8");
        assert!(loopback.contains(ip("127.0.0.1")));
        assert!(loopback.contains(ip("127.255.0.9")));
        assert!(!loopback.contains(ip("128.0.0.1")));
        assert!(!loopback.contains(ip("::1")));
        assert!(loopback.contains(ip("::ffff:127.0.0.1")));
        let odd = net("127.0.0.128/25");
        assert!(odd.contains(ip("127.0.0.200")));
        assert!(!odd.contains(ip("127.0.0.100")));
        assert!(net("::1").contains(ip("::1")));
        assert!(net("0.0.0.0/0").contains(ip("127.0.0.1")));
    }

    #[test]
    fn empty_list_allows_all() {
        assert!(Network::allows(&[], ip("127.0.0.1")));
        assert!(!Network::allows(&[net("::1/128")], ip("127.0.0.1")));
    }

    #[test]
    fn rejects_bad_input() {
        for bad in ["", "127.0.0.1/33", "::1/129", "printer/8", "127.0.0.1/x"] {
            assert!(bad.parse::<Network>().is_err(), "{bad}");
        }
        assert_eq!(net("127.0.0.1").to_string(), "127.0.0.1/32");
    }
}
