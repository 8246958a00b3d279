//! Dashboards and statistics: the home page's figures ([`stats`]) from the daily counts
//! ([`daily`]), shared between requests for a few seconds ([`cache`]).

pub mod cache;
pub mod daily;
pub mod stats;
