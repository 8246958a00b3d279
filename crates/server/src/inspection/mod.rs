//! The inspection engine: product definitions as data ([`products`]), the two-inspector workflow
//! ([`workflow`]) and the product label ([`label`]). No product-specific code outside the
//! definitions.

pub mod examples;
pub mod label;
pub mod products;
pub mod table;
pub mod workflow;
