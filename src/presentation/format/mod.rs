//! The JSON documents, read and written: one module per document.

pub(crate) mod case;
pub(crate) mod catalogue;
pub(crate) mod json;
pub(crate) mod observations;
pub(crate) mod results;
pub(crate) mod units;
