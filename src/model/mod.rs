//! Layer 2, model: indicators, targets, catalogues, observations and units, validated.

pub(crate) mod catalogue;
pub(crate) mod observation;
pub(crate) mod units;
