//! Black-box API tests against the running app.

mod cli;
mod errors;
mod health;
mod helpers;
mod http;
mod openapi;
