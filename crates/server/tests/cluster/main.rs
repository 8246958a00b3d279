//! Several instances on one PostgreSQL behind nginx, started and restarted by the scripts in
//! `scripts/multi-instance/` (so the scripts are what is tested): sessions, print jobs, lockout and
//! login throttle across instances, a rolling restart under load, a killed instance, and a
//! database outage.
//!
//! Ignored by default; needs `TEST_DATABASE_URL` (PostgreSQL, skipped with a message when unset)
//! and nginx:
//!
//! ```text
//! TEST_DATABASE_URL=postgres://… cargo test -p server --test cluster -- --ignored --test-threads=1
//! ```

mod auth;
mod database;
mod printing;
mod restart;
mod sessions;
mod support;
