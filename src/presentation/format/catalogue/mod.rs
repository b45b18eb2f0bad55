//! The catalogue document (`policy-targets/catalogue@1`), read and written.

pub(crate) mod read;
pub(crate) mod write;
