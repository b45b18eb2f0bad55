//! The catalogue document (`policy-targets/catalogue@1`).

pub(crate) mod write;
