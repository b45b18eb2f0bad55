//! The results document (`policy-targets/results@1`): its records, read and written.

pub(crate) mod read;
pub(crate) mod records;
#[cfg(feature = "serde")]
mod serde_out;
pub(crate) mod write;
