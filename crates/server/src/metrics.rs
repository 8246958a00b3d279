//! Prometheus metrics: request latency per route template, in-flight requests, open connections,
//! process memory and the database pool.

use prometheus::{
    Encoder, HistogramOpts, HistogramVec, IntCounterVec, IntGauge, IntGaugeVec, Opts, Registry,
    TextEncoder,
};
use sea_orm::DatabaseConnection;

/// Buckets in seconds: fine at the bottom (most requests take well under 10 ms), then the documented
/// alert thresholds.
const LATENCY_BUCKETS: &[f64] = &[
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0,
];

#[derive(Clone)]
pub struct Metrics {
    registry: Registry,
    pub requests: IntCounterVec,
    pub latency: HistogramVec,
    pub in_flight: IntGauge,
    pub connections: IntGauge,
    resident_memory: IntGauge,
    db_pool: IntGaugeVec,
    print_jobs: IntGaugeVec,
    pub print_queue: crate::printing::QueueMetrics,
}

impl Metrics {
    pub fn new() -> Result<Self, prometheus::Error> {
        let registry = Registry::new();
        let labels = &["method", "route", "status"];
        let requests = IntCounterVec::new(
            Opts::new("app_http_requests_total", "HTTP requests handled"),
            labels,
        )?;
        let latency = HistogramVec::new(
            HistogramOpts::new(
                "app_http_request_duration_seconds",
                "HTTP request latency by route template",
            )
            .buckets(LATENCY_BUCKETS.to_vec()),
            labels,
        )?;
        let in_flight = IntGauge::new("app_http_requests_in_flight", "Requests being handled")?;
        let connections = IntGauge::new("app_http_connections_open", "Open client connections")?;
        let resident_memory = IntGauge::new(
            "process_resident_memory_bytes",
            "Resident memory of the server process",
        )?;
        let db_pool = IntGaugeVec::new(
            Opts::new(
                "app_db_pool_connections",
                "Database pool connections by state",
            ),
            &["state"],
        )?;
        let print_jobs = IntGaugeVec::new(
            Opts::new(
                "app_print_jobs",
                "Print jobs waiting, being sent or failed, per printer and state",
            ),
            &["printer", "state"],
        )?;
        let print_queue = crate::printing::QueueMetrics {
            send_seconds: HistogramVec::new(
                HistogramOpts::new(
                    "app_print_send_duration_seconds",
                    "Time to hand one job to the printer (connect, write, printer closes)",
                )
                .buckets(LATENCY_BUCKETS.to_vec()),
                &["printer", "outcome"],
            )?,
            finished: IntCounterVec::new(
                Opts::new(
                    "app_print_jobs_finished_total",
                    "Print jobs that ended printed or failed, per printer",
                ),
                &["printer", "state"],
            )?,
            printer_up: IntGaugeVec::new(
                Opts::new(
                    "app_printer_up",
                    "Last known printer condition (1 = yes): reachable, ready",
                ),
                &["printer", "condition"],
            )?,
        };
        registry.register(Box::new(print_jobs.clone()))?;
        registry.register(Box::new(print_queue.send_seconds.clone()))?;
        registry.register(Box::new(print_queue.finished.clone()))?;
        registry.register(Box::new(print_queue.printer_up.clone()))?;
        registry.register(Box::new(requests.clone()))?;
        registry.register(Box::new(latency.clone()))?;
        registry.register(Box::new(in_flight.clone()))?;
        registry.register(Box::new(connections.clone()))?;
        registry.register(Box::new(resident_memory.clone()))?;
        registry.register(Box::new(db_pool.clone()))?;
        Ok(Self {
            registry,
            requests,
            latency,
            in_flight,
            connections,
            resident_memory,
            db_pool,
            print_jobs,
            print_queue,
        })
    }

    pub fn observe_request(&self, method: &str, route: &str, status: u16, seconds: f64) {
        let status = status.to_string();
        let labels = [method, route, status.as_str()];
        self.requests.with_label_values(&labels).inc();
        self.latency.with_label_values(&labels).observe(seconds);
    }

    /// Sets the queue depth gauges from `(printer, state, jobs)` rows; states not listed are 0.
    pub fn set_queue_depth(&self, rows: &[(String, String, i64)]) {
        self.print_jobs.reset();
        for (printer, state, jobs) in rows {
            self.print_jobs
                .with_label_values(&[printer.as_str(), state.as_str()])
                .set(*jobs);
        }
    }

    /// Samples the gauges that are read rather than counted, then encodes everything.
    pub fn render(&self, db: &DatabaseConnection, pool_max: u32) -> String {
        if let Some(usage) = memory_stats::memory_stats() {
            self.resident_memory
                .set(i64::try_from(usage.physical_mem).unwrap_or(i64::MAX));
        }
        let (open, idle, max) = crate::db::pool_stats(db, pool_max);
        self.db_pool
            .with_label_values(&["open"])
            .set(i64::from(open));
        self.db_pool
            .with_label_values(&["idle"])
            .set(i64::from(idle));
        self.db_pool.with_label_values(&["max"]).set(i64::from(max));

        let mut buffer = Vec::new();
        // Encoding into a Vec only fails for malformed metric families, which `new` rules out.
        let _ = TextEncoder::new().encode(&self.registry.gather(), &mut buffer);
        String::from_utf8(buffer).unwrap_or_default()
    }
}

/// Counts an open connection while alive; actix drops it with the connection's extensions.
pub struct ConnectionGuard(IntGauge);

impl ConnectionGuard {
    pub fn new(gauge: IntGauge) -> Self {
        gauge.inc();
        Self(gauge)
    }
}

impl Drop for ConnectionGuard {
    fn drop(&mut self) {
        self.0.dec();
    }
}
