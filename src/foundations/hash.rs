//! The hash maps and sets of the crate: std's, with foldhash's hasher (the
//! observations' interned texts have a table of their own, in
//! [`crate::foundations::interned`], seeded the same way).
//!
//! Every map here is keyed by ids read from documents (interned strings,
//! indexes of indicators, targets and units) or by small numbers; SipHash,
//! std's default, was a tenth of the time of loading a million observations.
//! foldhash seeds each map at random, so no fixed list of ids collides in
//! every run.

/// A hash map with foldhash's randomly seeded hasher.
pub(crate) type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// A hash set with foldhash's randomly seeded hasher.
pub(crate) type HashSet<K> = std::collections::HashSet<K, foldhash::fast::RandomState>;
