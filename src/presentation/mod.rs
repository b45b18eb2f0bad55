//! Layer 4, presentation: the JSON formats, read and written, and every sentence for people.

pub mod format;
pub(crate) mod words;
