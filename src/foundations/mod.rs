//! Layer 1, foundations: the error report, exact arithmetic, periods, metric kinds and rules, and date text.

pub mod error;
pub(crate) mod exact;
pub(crate) mod hash;
pub(crate) mod interned;
pub mod metric;
pub mod period;
pub(crate) mod pool;
pub(crate) mod text;
