//! The results document (`policy-targets/results@1`).

pub(crate) mod read;
