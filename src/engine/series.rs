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

/// Whether no two figures of `slice` (one series, sorted as [`standing`]
/// reads it) are for the same span: then the figures that stand at any
/// date are those published by then, which a filter finds without taking
/// the figures span by span.
#[inline]
pub(crate) fn one_figure_a_span(slice: &[Obs]) -> bool {
    slice
        .iter()
        .zip(slice.iter().skip(1))
        .all(|(a, b)| !a.period.same_span(&b.period))
}

/// The last observation that stands at `as_of`: `standing(slice,
/// as_of).next_back()`, found by walking back to the last figure published
/// by then. That figure stands when the figures of its span before it were
/// all published by then too (always, in a series sorted by publication
/// within each span); otherwise the runs are read as [`standing`] reads them.
#[inline]
pub(crate) fn latest_standing(slice: &[Obs], as_of: Date) -> Option<&Obs> {
    let i = if slice.len() <= SHORT {
        // A short series is read whole, in the memory's order (which its
        // prefetcher follows), rather than backwards from its end.
        slice.iter().zip(0usize..).fold(
            None,
            |last, (o, i)| if o.published <= as_of { Some(i) } else { last },
        )
    } else {
        slice.iter().rposition(|o| o.published <= as_of)
    }?;
    let (before, rest) = slice.split_at_checked(i)?;
    let o = rest.first()?;
    let mut run_before = before
        .iter()
        .rev()
        .take_while(|p| p.period.same_span(&o.period));
    if run_before.all(|p| p.published <= as_of) {
        Some(o)
    } else {
        standing(slice, as_of).next_back()
    }
}

/// The length up to which a series is read whole rather than searched.
const SHORT: usize = 32;

/// The observation that stands at `as_of` for exactly `period`, found by
/// a search on the period end from the series' end (where a closing
/// period usually is).
#[inline]
pub(crate) fn standing_for(slice: &[Obs], as_of: Date, period: Period) -> Option<&Obs> {
    let lo = partition_point_from_end(slice, |o| o.period.end() < period.end());
    let rest = slice.get(lo..)?;
    let skip = rest
        .partition_point(|o| o.period.end() == period.end() && o.period.start() > period.start());
    rest.get(skip..)?
        .iter()
        .take_while(|o| o.period.same_span(&period) && o.published <= as_of)
        .last()
}

/// [`slice::partition_point`] of `pred` (true for a first part of `s`,
/// false for the rest), found from the end: the elements 2, 4, 8… before
/// it are tried until one is in the first part, then the gap after it is
/// searched by halves. O(log d) for a point d elements from the end: a
/// closing figure, usually last, is found by reading the two last figures
/// in order (the memory's prefetcher follows), not by halving from the
/// middle of the series (one cache miss after another).
#[inline]
pub(crate) fn partition_point_from_end<T>(s: &[T], mut pred: impl FnMut(&T) -> bool) -> usize {
    // Every element from `hi` on is in the second part.
    let mut hi = s.len();
    let mut step = 2usize;
    loop {
        let Some(i) = hi.checked_sub(step) else {
            return s.get(..hi).map_or(0, |head| head.partition_point(pred));
        };
        match s.get(i) {
            Some(x) if pred(x) => {
                let from = i.saturating_add(1);
                let within = s.get(from..hi).map_or(0, |gap| gap.partition_point(pred));
                return from.saturating_add(within);
            }
            _ => {
                hi = i;
                step = step.saturating_mul(2);
            }
        }
    }
}

/// The order of a series: period end, then longer periods first, then publication.
#[inline]
pub(crate) fn series_order(o: &Obs) -> (Date, Reverse<Date>, Date) {
    (o.period.end(), Reverse(o.period.start()), o.published)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::observation::NONE;
    use crate::model::qualifier::Qualifier;
    use crate::model::reading::Reading;
    use proptest::prelude::*;
    use rust_decimal::Decimal;

    /// A period of 2019 to 2026: a year, a quarter or a month (spans that
    /// end on one day, and periods written twice).
    fn period() -> impl Strategy<Value = Period> {
        prop_oneof![
            (2019i32..=2026).prop_map(|y| Period::year(y).unwrap()),
            (2019i32..=2026, 1u8..=4).prop_map(|(y, q)| Period::quarter(y, q).unwrap()),
            (2019i32..=2026, 1u8..=12).prop_map(|(y, m)| Period::month(y, m).unwrap()),
        ]
    }

    /// A reading: mostly short values of one scale, sometimes long or a share.
    fn reading() -> impl Strategy<Value = Reading> {
        prop_oneof![
            8 => (-100_000i64..100_000).prop_map(|m| Reading::Value(Decimal::new(m, 1))),
            1 => (any::<i64>(), 0u32..=28).prop_map(|(m, s)| Reading::Value(Decimal::new(m, s))),
            1 => (0u64..=1000).prop_map(|n| Reading::Ratio { numerator: n, denominator: 1000 }),
        ]
    }

    /// A day between 2019 and 2027.
    pub(crate) fn day() -> impl Strategy<Value = Date> {
        let first = Date::from_calendar_date(2019, time::Month::January, 1).unwrap();
        (0i32..8 * 366).prop_map(move |k| {
            Date::from_julian_day(first.to_julian_day().saturating_add(k)).unwrap()
        })
    }

    /// One series as the store sorts it (period end, longer first, then
    /// publication), or with the figures of a span in any order of
    /// publication (which the store never makes, and the engine still reads
    /// as it did).
    pub(crate) fn series() -> impl Strategy<Value = Vec<Obs>> {
        let figure = (
            period(),
            day(),
            reading(),
            prop::option::weighted(
                0.15,
                prop::sample::select(vec![
                    Qualifier::MoreThan,
                    Qualifier::AtLeast,
                    Qualifier::LessThan,
                    Qualifier::AtMost,
                ]),
            ),
        )
            .prop_map(|(period, published, reading, qualifier)| Obs {
                reading,
                qualifier,
                period,
                published,
                indicator: 0,
                unit: 0,
                series: 0,
                source: NONE,
                note: NONE,
            });
        (
            prop::collection::vec(figure, 0..40),
            prop::bool::weighted(0.8),
        )
            .prop_map(|(mut v, by_publication)| {
                if by_publication {
                    v.sort_by_key(series_order);
                } else {
                    v.sort_by_key(|o| (o.period.end(), Reverse(o.period.start())));
                }
                v
            })
    }

    proptest! {
        /// The search from the end finds the point the search by halves
        /// finds, wherever it is.
        #[test]
        fn partition_point_from_end_is_partition_point(
            mut v in prop::collection::vec(0u16..300, 0..80),
            at in 0u16..310,
        ) {
            v.sort_unstable();
            let pred = |x: &u16| *x < at;
            prop_assert_eq!(partition_point_from_end(&v, pred), v.partition_point(pred));
        }

        /// With one figure a span, the standing figures are those
        /// published by the date.
        #[test]
        fn with_one_figure_a_span_the_published_figures_stand(
            mut slice in series(),
            as_of in day(),
        ) {
            let published = |s: &[Obs]| -> Vec<Obs> {
                s.iter().filter(|o| o.published <= as_of).copied().collect()
            };
            let standing_ones = |s: &[Obs]| -> Vec<Obs> { standing(s, as_of).copied().collect() };
            if one_figure_a_span(&slice) {
                prop_assert_eq!(standing_ones(&slice), published(&slice));
            }
            slice.dedup_by(|b, a| a.period.same_span(&b.period));
            prop_assert!(one_figure_a_span(&slice));
            prop_assert_eq!(standing_ones(&slice), published(&slice));
        }

        /// The latest standing figure is the last of [`standing`].
        #[test]
        fn latest_standing_is_the_last_standing(
            slice in series(),
            day in day(),
            on_a_publication in any::<Option<(prop::sample::Index, bool)>>(),
        ) {
            // Often on the day a figure was published (the last one, or any).
            let as_of = on_a_publication
                .filter(|_| !slice.is_empty())
                .map_or(day, |(i, last)| {
                    let o = if last { slice.last().unwrap() } else { &slice[i.index(slice.len())] };
                    o.published
                });
            prop_assert_eq!(latest_standing(&slice, as_of), standing(&slice, as_of).next_back());
        }
    }
}
