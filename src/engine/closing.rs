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
/// has run, the latest figure for a period ending by the deadline.
#[inline]
pub(crate) fn closing_figure<'s>(
    target: &Target,
    indicator: &Indicator,
    slice: &'s [Obs],
    as_of: Date,
) -> Option<&'s Obs> {
    let deadline = target.deadline();
    match (target.judged_on(), indicator.cadence()) {
        (Some(p), _) => standing_for(slice, as_of, p),
        (None, Cadence::Biennial | Cadence::Irregular) => {
            let due = add_days(deadline.end(), indicator.publication_lag_days());
            if due.is_some_and(|due| as_of >= due) {
                standing(slice, as_of).rfind(|o| o.period.end() <= deadline.end())
            } else {
                None
            }
        }
        (None, cadence) => {
            closing_period(deadline, cadence).and_then(|p| standing_for(slice, as_of, p))
        }
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
pub(crate) fn closing_period(deadline: Period, cadence: Cadence) -> Option<Period> {
    Period::enclosing(deadline.end(), cadence.period_kind()?)
}
