//! Dashboards and statistics: the home page's figures ([`stats`]).

pub mod stats;
