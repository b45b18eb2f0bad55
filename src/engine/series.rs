//! Choosing the figures a target reads (SPEC 3.1, 3.2): only what is
//! published by the as-of date is visible, a target reads one series, and
//! within it the figure published last stands for its period.

use std::cmp::Reverse;

use time::Date;

use crate::foundations::period::Period;
use crate::model::indicator::Indicator;
use crate::model::observation::{Obs, Observations};
use crate::model::target::Target;

/// The series a target reads when it names one: its own, else its indicator's.
pub(crate) fn series_name<'t>(t: &'t Target, ind: &'t Indicator) -> Option<&'t str> {
    t.series().or(ind.series())
}

/// The observations of series `sid` in `group`, which is sorted by series.
#[inline]
pub(crate) fn series_slice(group: &[Obs], sid: u32) -> &[Obs] {
    let lo = group.partition_point(|o| o.series < sid);
    let hi = group.partition_point(|o| o.series <= sid);
    group.get(lo..hi).unwrap_or(&[])
}

/// Which figures of its group a target reads.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Choice<'s> {
    /// One series (possibly with nothing visible yet).
    Series(&'s [Obs]),
    /// No series is named, the group holds several, and none is visible yet.
    NothingVisible,
    /// No series is named and the visible figures carry several.
    Ambiguous,
}

/// Chooses the series a target reads among `group`, the observations of its
/// indicator for its unit (sorted by series).
#[inline]
pub(crate) fn choose<'s>(
    target: &Target,
    indicator: &Indicator,
    store: &Observations,
    group: &'s [Obs],
    as_of: Date,
) -> Choice<'s> {
    let slice = match series_name(target, indicator) {
        Some(name) => match store.string_id(name) {
            Some(sid) => series_slice(group, sid),
            None => &[],
        },
        // The group is sorted by series: one series when first and last agree.
        None if group.first().map(|o| o.series) == group.last().map(|o| o.series) => group,
        None => {
            let mut visible = group.iter().filter(|o| o.published <= as_of);
            let Some(first) = visible.next() else {
                return Choice::NothingVisible;
            };
            let sid = first.series;
            if visible.any(|o| o.series != sid) {
                return Choice::Ambiguous;
            }
            series_slice(group, sid)
        }
    };
    Choice::Series(slice)
}

/// The observations that stand at `as_of`: for each period, the last one
/// published on or before `as_of` (a revision replaces the earlier figure).
/// `slice` is one series, sorted by period end, start (longer first) and
/// publication date.
#[inline]
pub(crate) fn standing(
    slice: &[Obs],
    as_of: Date,
) -> impl DoubleEndedIterator<Item = &Obs> + Clone {
    slice
        .chunk_by(|a, b| a.period.same_span(&b.period))
        .filter_map(move |run| run.iter().take_while(|o| o.published <= as_of).last())
}

/// The observation that stands at `as_of` for exactly `period`, found by
/// binary search on the period end.
#[inline]
pub(crate) fn standing_for(slice: &[Obs], as_of: Date, period: Period) -> Option<&Obs> {
    let lo = slice.partition_point(|o| o.period.end() < period.end());
    let rest = slice.get(lo..)?;
    let skip = rest
        .partition_point(|o| o.period.end() == period.end() && o.period.start() > period.start());
    rest.get(skip..)?
        .iter()
        .take_while(|o| o.period.same_span(&period) && o.published <= as_of)
        .last()
}

/// The order of a series: period end, then longer periods first, then publication.
#[inline]
pub(crate) fn series_order(o: &Obs) -> (Date, Reverse<Date>, Date) {
    (o.period.end(), Reverse(o.period.start()), o.published)
}
