//! Black-box API tests against the running app.

mod analytics;
mod auth;
mod backup;
mod cli;
mod dashboard;
mod deploy;
mod errors;
mod health;
mod helpers;
mod http;
mod import_legacy;
mod inspections;
mod maintenance;
mod migrations;
mod openapi;
mod packaging;
mod permissions;
mod print_crash;
mod print_jobs;
mod printers;
mod sessions;
mod tls;
