//! The results document (`policy-targets/results@1`), read and written.

pub(crate) mod read;
pub(crate) mod write;
