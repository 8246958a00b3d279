//! The plant-wide figures of the home page, computed at most once per `TTL` per instance and shared
//! by every request meanwhile (one computation at a time; the others wait for it). Every write of
//! this instance that changes the figures invalidates them at once; writes through other instances
//! show after at most `TTL`.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use super::stats::Shared;

/// How long figures are reused when nothing changed on this instance.
pub const TTL: Duration = Duration::from_secs(10);

struct Entry {
    generation: u64,
    day: NaiveDate,
    at: Instant,
    shared: Arc<Shared>,
}

#[derive(Default)]
pub struct Cache {
    generation: AtomicU64,
    entry: tokio::sync::Mutex<Option<Entry>>,
}

impl Cache {
    /// Marks the figures as outdated (a unit, label or carton was written).
    pub fn invalidate(&self) {
        self.generation.fetch_add(1, Ordering::Relaxed);
    }

    /// The figures for the plant day `day`: cached ones while valid, else `compute`'s.
    pub async fn get<F, Fut, E>(&self, day: NaiveDate, compute: F) -> Result<Arc<Shared>, E>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<Shared, E>>,
    {
        let mut entry = self.entry.lock().await;
        let generation = self.generation.load(Ordering::Relaxed);
        if let Some(cached) = entry.as_ref()
            && cached.generation == generation
            && cached.day == day
            && cached.at.elapsed() < TTL
        {
            return Ok(Arc::clone(&cached.shared));
        }
        let shared = Arc::new(compute().await?);
        *entry = Some(Entry {
            generation,
            day,
            at: Instant::now(),
            shared: Arc::clone(&shared),
        });
        Ok(shared)
    }
}
