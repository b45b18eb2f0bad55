//! The closing figure: the observation a target is judged on once its
//! deadline has passed (SPEC 3.4).

use time::Date;

use crate::engine::series::{standing, standing_for};
use crate::foundations::period::Period;
use crate::model::indicator::{Cadence, Indicator};
use crate::model::observation::Obs;
use crate::model::target::Target;

/// The closing figure of `target` in `slice` (one series) at `as_of`, after
/// the deadline: the figure for `judged_on`; for an annual, quarterly or
/// monthly indicator, the figure for the year, quarter or month containing
/// the deadline; for a biennial or irregular one, once the publication lag
/// has run, the latest figure for a period ending by the deadline, provided
/// that period ends at most `max_age_days` before the deadline's last day.
#[inline]
pub(crate) fn closing_figure<'s>(
    target: &Target,
    indicator: &Indicator,
    slice: &'s [Obs],
    as_of: Date,
) -> Option<&'s Obs> {
    match why_no_closing(target, indicator, slice, as_of) {
        Closing::Figure(o) => Some(o),
        _ => None,
    }
}

/// The closing figure, or why there is none yet.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Closing<'s> {
    /// The closing figure.
    Figure(&'s Obs),
    /// The figure for this period (`judged_on`, or the year, quarter or
    /// month containing the deadline) is not among the visible ones.
    NoFigureFor(Period),
    /// A biennial or irregular indicator's figure is not due until this day
    /// (the deadline plus the publication lag).
    NotDueUntil(Date),
    /// No visible figure of a biennial or irregular indicator is for a
    /// period ending by the deadline.
    NoneByDeadline,
    /// The latest figure for a period ending by the deadline is older than
    /// `max_age_days` (the figure, and that limit).
    TooOld(&'s Obs, u32),
    /// The deadline's closing period cannot be formed (beyond the calendar).
    Unknown,
}

/// The closing figure of `target` at `as_of` (after the deadline), or why
/// there is none: the decision uses the figure, the explanation the reason.
#[inline]
pub(crate) fn why_no_closing<'s>(
    target: &Target,
    indicator: &Indicator,
    slice: &'s [Obs],
    as_of: Date,
) -> Closing<'s> {
    let deadline = target.deadline();
    let for_period = |p: Period| match standing_for(slice, as_of, p) {
        Some(o) => Closing::Figure(o),
        None => Closing::NoFigureFor(p),
    };
    match (target.judged_on(), indicator.cadence()) {
        (Some(p), _) => for_period(p),
        (None, Cadence::Biennial | Cadence::Irregular) => {
            let due = add_days(deadline.end(), indicator.publication_lag_days());
            match due {
                Some(due) if as_of < due => return Closing::NotDueUntil(due),
                None => return Closing::Unknown,
                Some(_) => {}
            }
            let Some(o) = standing(slice, as_of).rfind(|o| o.period.end() <= deadline.end()) else {
                return Closing::NoneByDeadline;
            };
            let max_age = indicator.max_age_days().unwrap_or(u32::MAX);
            let age = deadline
                .end()
                .to_julian_day()
                .saturating_sub(o.period.end().to_julian_day());
            if i64::from(age) > i64::from(max_age) {
                Closing::TooOld(o, max_age)
            } else {
                Closing::Figure(o)
            }
        }
        (None, cadence) => closing_period(deadline, cadence).map_or(Closing::Unknown, for_period),
    }
}

/// `d` plus `days`, within the calendar of the formats (years to 9999).
pub(crate) fn add_days(d: Date, days: u32) -> Option<Date> {
    let jd = d.to_julian_day().checked_add(i32::try_from(days).ok()?)?;
    let out = Date::from_julian_day(jd).ok()?;
    (out.year() <= 9999).then_some(out)
}

/// The period of an annual, quarterly or monthly indicator that closes a
/// deadline: the year, quarter or month containing its last day.
#[inline]
pub(crate) fn closing_period(deadline: Period, cadence: Cadence) -> Option<Period> {
    let kind = cadence.period_kind()?;
    // The usual case: the deadline is a period of the indicator's cadence
    // ("2025" for an annual indicator), which is its own closing period.
    if deadline.kind() == kind {
        return Some(deadline);
    }
    Period::enclosing(deadline.end(), kind)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// A deadline of the cadence's own kind is the period enclosing its
        /// last day, exactly (kind included).
        #[test]
        fn a_deadline_of_the_cadence_closes_itself(
            year in 1i32..=9999,
            month in 1u8..=12,
            day in 1u8..=28,
            cadence in prop::sample::select(vec![Cadence::Annual, Cadence::Quarterly, Cadence::Monthly, Cadence::Biennial, Cadence::Irregular]),
            written in 0usize..6,
        ) {
            let date = Date::from_calendar_date(year, time::Month::try_from(month).unwrap(), day).unwrap();
            let deadline = match written {
                0 => Period::year(year),
                1 => Period::half(year, month.div_ceil(6)),
                2 => Period::quarter(year, month.div_ceil(3)),
                3 => Period::month(year, month),
                4 => Period::day(date),
                _ => Period::range(date, date),
            }
            .unwrap();
            let general = cadence
                .period_kind()
                .and_then(|kind| Period::enclosing(deadline.end(), kind));
            prop_assert_eq!(closing_period(deadline, cadence), general);
        }
    }
}
