//! The plant-wide figures of the home page, computed at most once per `TTL` per instance and shared
//! by every request meanwhile. Once they are older than `TTL`, one request computes them again
//! while the others still get the previous figures; after a write of this instance (which
//! invalidates them) every request waits for the one computation of the new figures. Writes through
//! other instances show after at most `TTL` (plus one computation).

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::NaiveDate;

/// How long figures are reused when nothing changed on this instance.
pub const TTL: Duration = Duration::from_secs(10);

struct Entry<T> {
    generation: u64,
    day: NaiveDate,
    at: Instant,
    shared: Arc<T>,
}

/// What the cache holds for a request.
enum Lookup<T> {
    Fresh(Arc<T>),
    /// Older than the TTL but not invalidated: usable while somebody refreshes.
    Old(Arc<T>),
    Missing,
}

pub struct Cache<T> {
    ttl: Duration,
    generation: AtomicU64,
    entry: Mutex<Option<Entry<T>>>,
    /// Held by the one request computing the figures.
    computing: tokio::sync::Mutex<()>,
}

impl<T> Default for Cache<T> {
    fn default() -> Self {
        Self::with_ttl(TTL)
    }
}

impl<T> Cache<T> {
    pub fn with_ttl(ttl: Duration) -> Self {
        Self {
            ttl,
            generation: AtomicU64::new(0),
            entry: Mutex::new(None),
            computing: tokio::sync::Mutex::new(()),
        }
    }

    /// Marks the figures as outdated (a unit, label or carton was written).
    pub fn invalidate(&self) {
        self.generation.fetch_add(1, Ordering::Relaxed);
    }

    fn lookup(&self, day: NaiveDate) -> Lookup<T> {
        let generation = self.generation.load(Ordering::Relaxed);
        let entry = self.entry.lock().unwrap_or_else(|e| e.into_inner());
        match entry.as_ref() {
            Some(e) if e.generation == generation && e.day == day => {
                if e.at.elapsed() < self.ttl {
                    Lookup::Fresh(Arc::clone(&e.shared))
                } else {
                    Lookup::Old(Arc::clone(&e.shared))
                }
            }
            _ => Lookup::Missing,
        }
    }

    /// The figures for the plant day `day`: cached ones while valid, else `compute`'s.
    pub async fn get<F, Fut, E>(&self, day: NaiveDate, compute: F) -> Result<Arc<T>, E>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<T, E>>,
    {
        let _computing = match self.lookup(day) {
            Lookup::Fresh(shared) => return Ok(shared),
            Lookup::Old(shared) => match self.computing.try_lock() {
                Ok(guard) => guard,
                // Another request is computing them: the previous figures serve meanwhile.
                Err(_) => return Ok(shared),
            },
            Lookup::Missing => {
                let guard = self.computing.lock().await;
                // The request before us in line may have computed them.
                if let Lookup::Fresh(shared) = self.lookup(day) {
                    return Ok(shared);
                }
                guard
            }
        };
        let generation = self.generation.load(Ordering::Relaxed);
        let shared = Arc::new(compute().await?);
        *self.entry.lock().unwrap_or_else(|e| e.into_inner()) = Some(Entry {
            generation,
            day,
            at: Instant::now(),
            shared: Arc::clone(&shared),
        });
        Ok(shared)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicU32;

    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 26).expect("date")
    }

    /// A computation that counts its calls and answers the count.
    async fn counted(calls: &AtomicU32) -> Result<u32, ()> {
        Ok(calls.fetch_add(1, Ordering::SeqCst) + 1)
    }

    #[tokio::test]
    async fn figures_are_reused_until_a_write_or_a_new_day() {
        let cache = Cache::<u32>::default();
        let calls = AtomicU32::new(0);
        assert_eq!(
            *cache
                .get(day(), || counted(&calls))
                .await
                .expect("computed"),
            1
        );
        assert_eq!(
            *cache
                .get(day(), || counted(&calls))
                .await
                .expect("computed"),
            1
        );
        cache.invalidate();
        assert_eq!(
            *cache
                .get(day(), || counted(&calls))
                .await
                .expect("computed"),
            2
        );
        let tomorrow = day().succ_opt().expect("date");
        assert_eq!(
            *cache
                .get(tomorrow, || counted(&calls))
                .await
                .expect("computed"),
            3
        );
    }

    #[tokio::test]
    async fn old_figures_serve_while_one_request_refreshes_them() {
        let cache = Cache::<u32>::with_ttl(Duration::ZERO);
        let calls = AtomicU32::new(0);
        assert_eq!(
            *cache
                .get(day(), || counted(&calls))
                .await
                .expect("computed"),
            1
        );
        // Somebody is computing: the old figures answer at once.
        let computing = cache.computing.lock().await;
        assert_eq!(
            *cache
                .get(day(), || counted(&calls))
                .await
                .expect("computed"),
            1
        );
        drop(computing);
        // Nobody is: this request refreshes.
        assert_eq!(
            *cache
                .get(day(), || counted(&calls))
                .await
                .expect("computed"),
            2
        );
    }

    #[tokio::test]
    async fn after_a_write_requests_wait_for_the_new_figures() {
        let cache = Arc::new(Cache::<u32>::with_ttl(Duration::from_secs(60)));
        let calls = Arc::new(AtomicU32::new(0));
        assert_eq!(
            *cache
                .get(day(), || counted(&calls))
                .await
                .expect("computed"),
            1
        );
        cache.invalidate();
        let computing = cache.computing.lock().await;
        let waiting = {
            let (cache, calls) = (Arc::clone(&cache), Arc::clone(&calls));
            tokio::spawn(async move {
                *cache
                    .get(day(), || counted(&calls))
                    .await
                    .expect("computed")
            })
        };
        tokio::task::yield_now().await;
        assert!(!waiting.is_finished(), "no outdated figures after a write");
        drop(computing);
        assert_eq!(waiting.await.expect("computed"), 2);
    }
}
