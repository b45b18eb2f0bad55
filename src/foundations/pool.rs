//! When work is split across the threads of the `rayon` feature's pool.

/// Whether `items` are enough to be split across the pool's threads: at
/// least `at_least`, with more than one thread. Always `false` without the
/// `rayon` feature, so that a caller's sequential path is its only one.
pub(crate) fn worth_splitting(items: usize, at_least: usize) -> bool {
    #[cfg(feature = "rayon")]
    {
        items >= at_least && rayon::current_num_threads() > 1
    }
    #[cfg(not(feature = "rayon"))]
    {
        let _ = (items, at_least);
        false
    }
}
