//! Layer 1, foundations: the error report, exact arithmetic, periods, metric kinds and rules, and date text.

pub(crate) mod error;
pub(crate) mod exact;
pub(crate) mod metric;
pub(crate) mod period;
pub(crate) mod text;
