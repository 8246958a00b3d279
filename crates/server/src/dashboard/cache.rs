//! Shared results: the home page's plant-wide figures and the analytics reports, computed at most
//! once per `TTL` per instance and key and shared by every request meanwhile. Once a result is older
//! than its TTL, one request computes it again while the others still get the previous one; after a
//! write of this instance (which invalidates every result) requests wait for the one computation of
//! the new result. Writes through other instances show after at most the TTL (plus one
//! computation).

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long figures are reused when nothing changed on this instance.
pub const TTL: Duration = Duration::from_secs(10);
/// Entries kept per cache (the least recently computed goes first).
const CAPACITY: usize = 128;

struct Entry<T> {
    generation: u64,
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

/// Results by key (the home page's plant day, an analytics report's filters), shared by the
/// requests meanwhile. Several caches may share one change counter: a write invalidates them all.
pub struct Cache<K, T> {
    ttl: Duration,
    generation: Arc<AtomicU64>,
    entries: Mutex<HashMap<K, Entry<T>>>,
    /// Held by the one request computing a key's result.
    computing: Mutex<HashMap<K, Arc<tokio::sync::Mutex<()>>>>,
}

impl<K, T> Default for Cache<K, T> {
    fn default() -> Self {
        Self::with_ttl(TTL, Arc::default())
    }
}

impl<K, T> Cache<K, T> {
    /// A cache whose entries live `ttl` and are invalidated when `generation` moves.
    pub fn with_ttl(ttl: Duration, generation: Arc<AtomicU64>) -> Self {
        Self {
            ttl,
            generation,
            entries: Mutex::new(HashMap::new()),
            computing: Mutex::new(HashMap::new()),
        }
    }

    /// The change counter, to share with another cache.
    pub fn generation(&self) -> Arc<AtomicU64> {
        Arc::clone(&self.generation)
    }

    /// Marks every result as outdated (a unit, label or carton was written, a print job failed).
    pub fn invalidate(&self) {
        self.generation.fetch_add(1, Ordering::Relaxed);
    }
}

impl<K: Eq + Hash + Clone, T> Cache<K, T> {
    fn lookup(&self, key: &K) -> Lookup<T> {
        let generation = self.generation.load(Ordering::Relaxed);
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        match entries.get(key) {
            Some(e) if e.generation == generation => {
                if e.at.elapsed() < self.ttl {
                    Lookup::Fresh(Arc::clone(&e.shared))
                } else {
                    Lookup::Old(Arc::clone(&e.shared))
                }
            }
            _ => Lookup::Missing,
        }
    }

    fn lock_for(&self, key: &K) -> Arc<tokio::sync::Mutex<()>> {
        let mut computing = self.computing.lock().unwrap_or_else(|e| e.into_inner());
        if computing.len() > CAPACITY {
            computing.retain(|_, lock| Arc::strong_count(lock) > 1);
        }
        Arc::clone(computing.entry(key.clone()).or_default())
    }

    /// The result for `key`: the cached one while valid, else `compute`'s. Once older than the TTL
    /// one request computes it again while the others get the previous one; after an
    /// invalidation every request waits for the one computation of the new result.
    pub async fn get<F, Fut, E>(&self, key: K, compute: F) -> Result<Arc<T>, E>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<T, E>>,
    {
        let lock = self.lock_for(&key);
        let _computing = match self.lookup(&key) {
            Lookup::Fresh(shared) => return Ok(shared),
            Lookup::Old(shared) => match lock.try_lock() {
                Ok(guard) => guard,
                // Another request is computing it: the previous result serves meanwhile.
                Err(_) => return Ok(shared),
            },
            Lookup::Missing => {
                let guard = lock.lock().await;
                // The request before us in line may have computed it.
                if let Lookup::Fresh(shared) = self.lookup(&key) {
                    return Ok(shared);
                }
                guard
            }
        };
        let generation = self.generation.load(Ordering::Relaxed);
        let shared = Arc::new(compute().await?);
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= CAPACITY && !entries.contains_key(&key) {
            let oldest = entries
                .iter()
                .min_by_key(|(_, e)| e.at)
                .map(|(k, _)| k.clone());
            if let Some(oldest) = oldest {
                entries.remove(&oldest);
            }
        }
        entries.insert(
            key,
            Entry {
                generation,
                at: Instant::now(),
                shared: Arc::clone(&shared),
            },
        );
        Ok(shared)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicU32;

    use chrono::NaiveDate;

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
        let cache = Cache::<NaiveDate, u32>::default();
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
        let cache = Cache::<NaiveDate, u32>::with_ttl(Duration::ZERO, Arc::default());
        let calls = AtomicU32::new(0);
        assert_eq!(
            *cache
                .get(day(), || counted(&calls))
                .await
                .expect("computed"),
            1
        );
        // Somebody is computing: the old figures answer at once.
        let lock = cache.lock_for(&day());
        let computing = lock.lock().await;
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
        let cache = Arc::new(Cache::<NaiveDate, u32>::with_ttl(
            Duration::from_secs(60),
            Arc::default(),
        ));
        let calls = Arc::new(AtomicU32::new(0));
        assert_eq!(
            *cache
                .get(day(), || counted(&calls))
                .await
                .expect("computed"),
            1
        );
        cache.invalidate();
        let lock = cache.lock_for(&day());
        let computing = lock.lock().await;
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
