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

/// Sorts `items` by `order` (an unstable sort), on the pool's threads when
/// they are at least `at_least` (see [`worth_splitting`]).
pub(crate) fn sort_unstable_by<T: Send>(
    items: &mut [T],
    at_least: usize,
    order: impl Fn(&T, &T) -> std::cmp::Ordering + Sync,
) {
    #[cfg(feature = "rayon")]
    if worth_splitting(items.len(), at_least) {
        rayon::slice::ParallelSliceMut::par_sort_unstable_by(items, order);
        return;
    }
    #[cfg(not(feature = "rayon"))]
    let _ = at_least;
    items.sort_unstable_by(order);
}

/// Calls `each` on every one of `items`, on the pool's threads when they
/// are at least `at_least`.
pub(crate) fn for_each_mut<T: Send>(
    items: &mut [T],
    at_least: usize,
    each: impl Fn(&mut T) + Sync + Send,
) {
    #[cfg(feature = "rayon")]
    if worth_splitting(items.len(), at_least) {
        rayon::iter::ParallelIterator::for_each(
            rayon::iter::IntoParallelRefMutIterator::par_iter_mut(items),
            each,
        );
        return;
    }
    #[cfg(not(feature = "rayon"))]
    let _ = at_least;
    items.iter_mut().for_each(each);
}

/// Drops `value`, of `size` bytes or items, on one of the pool's threads
/// when `size` is at least `at_least` (giving a few hundred megabytes back
/// to the system takes a twentieth of a second), else here.
pub(crate) fn drop_aside<T: Send + 'static>(value: T, size: usize, at_least: usize) {
    #[cfg(feature = "rayon")]
    if worth_splitting(size, at_least) {
        rayon::spawn(move || drop(value));
        return;
    }
    #[cfg(not(feature = "rayon"))]
    let _ = (size, at_least);
    drop(value);
}
