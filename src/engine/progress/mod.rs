//! Progress assessment: how far, how fast, and what it would take.

pub(crate) mod assessment;
