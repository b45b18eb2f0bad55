//! Layer 3, engine: the status of every target at an as-of date, and its progress.

pub(crate) mod closing;
pub(crate) mod decision;
pub(crate) mod evaluator;
pub(crate) mod every_period;
pub mod progress;
pub(crate) mod projection;
pub(crate) mod result;
pub(crate) mod roll_up;
pub(crate) mod series;
pub(crate) mod status;
pub(crate) mod verdict;
pub(crate) mod warning;
