//! The integration tests, one binary.

mod api;
mod fixtures;
mod properties;
