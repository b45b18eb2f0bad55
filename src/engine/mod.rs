//! Layer 3, engine: the status of every target at an as-of date, and its progress.

pub(crate) mod evaluator;
pub(crate) mod every_period;
pub(crate) mod progress;
pub(crate) mod roll_up;
