//! Layer 2, model: indicators, targets, catalogues, observations and units, validated.

pub(crate) mod catalogue;
pub(crate) mod catalogue_builder;
pub(crate) mod indicator;
pub(crate) mod loader;
pub(crate) mod method;
pub(crate) mod names;
pub(crate) mod observation;
pub(crate) mod qualifier;
pub(crate) mod reading;
pub(crate) mod source;
pub(crate) mod target;
pub(crate) mod unit;
pub(crate) mod units;
pub(crate) mod validation;
