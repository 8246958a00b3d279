//! Per-address login throttle, checked before any password work so nobody can burn the CPU with
//! bcrypt. Keyed by client address only: it cannot be used to lock out anyone else.
//! In-process; with several instances each counts its own share.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

const WINDOW: Duration = Duration::from_secs(60);
/// Above this many tracked addresses, expired windows are dropped.
const PRUNE_ABOVE: usize = 10_000;

#[derive(Debug)]
pub struct LoginThrottle {
    limit: u32,
    windows: Mutex<HashMap<IpAddr, (Instant, u32)>>,
}

impl LoginThrottle {
    pub fn new(per_minute: u32) -> Self {
        Self {
            limit: per_minute,
            windows: Mutex::new(HashMap::new()),
        }
    }

    /// Counts an attempt. `Err(seconds)` when the address must wait that long.
    pub fn attempt(&self, ip: IpAddr) -> Result<(), u64> {
        self.attempt_at(ip, Instant::now())
    }

    fn attempt_at(&self, ip: IpAddr, now: Instant) -> Result<(), u64> {
        let mut windows = match self.windows.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        };
        if windows.len() > PRUNE_ABOVE {
            windows.retain(|_, (start, _)| now.duration_since(*start) < WINDOW);
        }
        let entry = windows.entry(ip).or_insert((now, 0));
        if now.duration_since(entry.0) >= WINDOW {
            *entry = (now, 0);
        }
        if entry.1 >= self.limit {
            let wait = WINDOW.saturating_sub(now.duration_since(entry.0));
            return Err(wait.as_secs().max(1));
        }
        entry.1 += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_after_the_limit_until_the_window_ends() {
        let throttle = LoginThrottle::new(3);
        let ip: IpAddr = [127, 0, 0, 1].into();
        let other: IpAddr = [127, 0, 0, 2].into();
        let start = Instant::now();
        for _ in 0..3 {
            assert!(throttle.attempt_at(ip, start).is_ok());
        }
        let wait = throttle.attempt_at(ip, start + Duration::from_secs(20));
        assert_eq!(wait, Err(40));
        // Another address is not affected.
        assert!(throttle.attempt_at(other, start).is_ok());
        // A new window starts after a minute.
        assert!(throttle.attempt_at(ip, start + WINDOW).is_ok());
    }
}
