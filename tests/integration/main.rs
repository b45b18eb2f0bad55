//! The integration tests, one binary (one link step).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    clippy::print_stdout,
    reason = "test code: a panic is a test failure; the no-panic lints are for library code"
)]

mod api;
mod bad_input;
mod consistent_api;
mod csv;
mod downstream;
mod fixtures;
mod limits;
mod progress;
mod properties;
mod readers;
mod report;
mod scorecard;
#[cfg(feature = "serde")]
mod serde_feature;
mod shared_work;
mod spec11;
mod units;
mod warnings;
