//! Dashboards and statistics: the home page's figures ([`stats`]), shared between requests for a
//! few seconds ([`cache`]).

pub mod cache;
pub mod stats;
