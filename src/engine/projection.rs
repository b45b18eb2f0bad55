//! The projection (SPEC 3.6): an exact least-squares line through the exact
//! figures of the last five years of a series, read at the deadline.

use crate::foundations::hash::HashMap;

use rust_decimal::Decimal;
use time::Date;

#[cfg(test)]
use crate::engine::series::latest_standing;
use crate::engine::series::standing;
use crate::engine::verdict::{Verdict, exact_verdict, fraction_verdict};
use crate::foundations::exact::{
    Fit, Line, SmallSums, fits_decimal, pow10_u64, round_dp, to_decimal,
};
use crate::foundations::metric::Rule;
use crate::model::indicator::Indicator;
use crate::model::observation::Obs;
use crate::model::reading::Reading;
use crate::model::target::Target;

/// How far back the projection looks from the latest point, in days (five years).
pub const PROJECTION_WINDOW_DAYS: i32 = 1826;

/// The least-squares projection a before-deadline status rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Projection {
    value: Option<Decimal>,
    points: u32,
}

/// What a result keeps of its projection: the outcome and the number of
/// points. The projected value is fitted again when asked for (it is exact,
/// so it comes out the same), which keeps every result small.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Trend {
    pub(crate) points: u32,
    pub(crate) outcome: ProjectionOutcome,
    /// Whether the series holds bounded figures, which the line leaves out:
    /// noted for a long series (read once for all its targets), `None` for
    /// a short one (read again when the explanation asks, at no cost to
    /// the decision).
    pub(crate) bounded: Option<bool>,
    /// For a long series, the exact value at the deadline as a decimal, so
    /// that its many targets never fit it again; `None` for a short series
    /// (fitted again when read, at no cost to the decision).
    pub(crate) value: Option<Decimal>,
}

/// What the line says at the deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ProjectionOutcome {
    Meets,
    Misses,
    TooFewPoints,
    Overflow,
}

impl Projection {
    /// The projected value at the deadline's last day, rounded to six decimal
    /// places for reading; `None` when there was no projection. The status
    /// itself was decided on the exact, unrounded line.
    #[must_use]
    pub fn value(&self) -> Option<Decimal> {
        self.value
    }

    /// How many points the line was fitted through.
    #[must_use]
    pub fn points(&self) -> u32 {
        self.points
    }
}

/// The projection of a result decided on `trend`, read again for people:
/// the line is fitted again through `series` (it is exact, so it comes out
/// the same; only the projection's window is read), its value at the
/// deadline held within the kind's range and rounded for reading.
///
/// With `lines`, a series read again for the result before is not fitted
/// again (see [`Lines`]).
pub(crate) fn reread(
    trend: Trend,
    series: &[Obs],
    as_of: Date,
    target: &Target,
    indicator: &Indicator,
    lines: Option<&mut Lines>,
) -> Projection {
    let meets = trend.outcome == ProjectionOutcome::Meets;
    let exact = match (trend.outcome, trend.value) {
        (ProjectionOutcome::Meets | ProjectionOutcome::Misses, Some(v)) => Some(v),
        (ProjectionOutcome::Meets | ProjectionOutcome::Misses, None) => {
            let deadline_end = target.deadline().end();
            // The line's value at the deadline whatever the rule: the rule
            // only decided the outcome, which says that the line was read.
            let value = || {
                let fitted = (fit_window(series, as_of), None);
                exact_value(project_value(fitted, deadline_end, target.rule()).1)
            };
            match lines {
                Some(lines) => lines.projected.get(series, as_of, deadline_end, value),
                None => value(),
            }
        }
        (ProjectionOutcome::TooFewPoints | ProjectionOutcome::Overflow, _) => None,
    };
    let value = exact.map(|v| readable(indicator.clamp(v), target.rule(), meets));
    Projection {
        value,
        points: trend.points,
    }
}

/// 3.6: fits an ordinary least-squares line through the standing exact
/// points (bounded figures are left out) whose period ends lie within five
/// years before the latest such point's, and reads it at the deadline.
///
/// The arithmetic is exact: every value is a fraction (a decimal's mantissa
/// over a power of ten, a share's `100 × numerator` over its denominator),
/// the values are brought to their least common denominator as 128-bit
/// integers, and the line is kept as a fraction, so the comparison with the
/// rule involves no rounding at all. Where those exact sums would overflow
/// (many shares with unrelated, large denominators) there is no projection
/// ([`ProjectionOutcome::Overflow`], so `insufficient_data`): a value is
/// never rounded to give one, and never panics.
///
/// With `fits`, a series already fitted in this evaluation is not fitted
/// again: targets that read the same series share one scan and one fit.
/// `latest` is the last standing figure of `slice`, which the caller found
/// (the fit starts from it when it is exact).
pub(crate) fn project(
    slice: &[Obs],
    as_of: Date,
    deadline_end: Date,
    rule: Rule,
    fits: Option<&mut Fits>,
    latest: &Obs,
) -> Trend {
    if slice.len() < FITS_KEPT_FROM
        && let Some(trend) = usual_trend(slice, as_of, deadline_end, rule, latest)
    {
        return trend;
    }
    let fitted = match fits {
        Some(fits) => fits.window(slice, as_of, latest),
        None => fit_window_noting_bounds(slice, as_of, latest),
    };
    project_value(fitted, deadline_end, rule).0
}

/// The line of `fitted` read at the deadline: the trend, and the exact value
/// there, `numerator / denominator` (`(0, 0)` when there is none).
fn project_value(fitted: Fitted, deadline_end: Date, rule: Rule) -> (Trend, (i128, i128)) {
    let (fitted, bounded) = fitted;
    let no_line = |points, outcome| {
        (
            Trend {
                points,
                outcome,
                bounded,
                value: None,
            },
            (0, 0),
        )
    };
    let (line, n_points, origin) = match fitted {
        (Fit::Line(line, n), Some(origin)) => (line, n, origin),
        (Fit::Overflow(n), _) => return no_line(n, ProjectionOutcome::Overflow),
        (Fit::TooFewPoints(n) | Fit::Line(_, n), _) => {
            return no_line(n, ProjectionOutcome::TooFewPoints);
        }
    };
    let x = i128::from(days_between(origin, deadline_end));
    // value = num / den, den > 0.
    let Some((num, den)) = line.at(x) else {
        return no_line(n_points, ProjectionOutcome::Overflow);
    };
    // A projected value no decimal can hold is an overflow too: a verdict is
    // never given on a value that cannot be shown.
    if !fits_decimal(num, den) {
        return no_line(n_points, ProjectionOutcome::Overflow);
    }
    let outcome = match fraction_verdict(num, den, rule) {
        Some(Verdict::Meets) => ProjectionOutcome::Meets,
        Some(Verdict::Fails) => ProjectionOutcome::Misses,
        // An exact value meets a rule or fails it.
        Some(Verdict::Undetermined) | None => {
            return no_line(n_points, ProjectionOutcome::Overflow);
        }
    };
    // A long series (its bounds noted) keeps the value for its targets.
    let value = bounded.and_then(|_| exact_value((num, den)));
    (
        Trend {
            points: n_points,
            outcome,
            bounded,
            value,
        },
        (num, den),
    )
}

/// The exact value `numerator / denominator` as a decimal, where one holds it.
fn exact_value((num, den): (i128, i128)) -> Option<Decimal> {
    if den > 0 { to_decimal(num, den) } else { None }
}

/// A fit through a series' window, its origin, and whether the series holds
/// bounded figures (where it was noted).
type Fitted = ((Fit, Option<Date>), Option<bool>);

/// [`fit_window`], and for a long series whether any standing figure of it
/// is bounded; `latest` is the last standing figure of `slice`.
fn fit_window_noting_bounds(slice: &[Obs], as_of: Date, latest: &Obs) -> Fitted {
    let bounded = (slice.len() >= FITS_KEPT_FROM)
        .then(|| standing(slice, as_of).any(|o| o.qualifier.is_some()));
    (fit_window_from(slice, as_of, Some(latest)), bounded)
}

/// A series shorter than this is fitted again by each target that reads
/// it (a look-up would cost as much); a longer one is fitted once.
const FITS_KEPT_FROM: usize = 32;

/// The fits made in one evaluation, by the stored series they were made on
/// (its place in the store and its length; the as-of date is the
/// evaluation's): targets that read the same series share one scan and one
/// exact fit. Only for series borrowed from the store, which outlives the
/// evaluation, never for figures the engine made.
#[derive(Default)]
pub(crate) struct Fits {
    made: HashMap<(usize, usize), Fitted>,
}

impl Fits {
    /// The fit of [`fit_window`] through `slice`, made once per series;
    /// `latest` is the last standing figure of `slice`.
    fn window(&mut self, slice: &[Obs], as_of: Date, latest: &Obs) -> Fitted {
        if slice.len() < FITS_KEPT_FROM {
            return fit_window_noting_bounds(slice, as_of, latest);
        }
        *self
            .made
            .entry((slice.as_ptr().addr(), slice.len()))
            .or_insert_with(|| fit_window_noting_bounds(slice, as_of, latest))
    }
}

/// The exact standing figures of a series (bounded figures left out), the
/// points of a projection.
#[inline]
pub(crate) fn exact_points(
    slice: &[Obs],
    as_of: Date,
) -> impl DoubleEndedIterator<Item = &Obs> + Clone {
    standing(slice, as_of).filter(|o| o.qualifier.is_none())
}

/// The least-squares line through the exact standing points whose period
/// ends lie within five years before the latest such point's, with x in
/// days from that point's end (the origin, returned with the fit; `None`
/// when there is no exact point).
pub(crate) fn fit_window(slice: &[Obs], as_of: Date) -> (Fit, Option<Date>) {
    fit_window_from(slice, as_of, None)
}

/// [`fit_window`], given the last standing figure of `slice` when the
/// caller has it: when that figure is exact, it is the latest exact point
/// (the origin), found without walking the series again, and no figure
/// after it stands, so the walk stops there.
fn fit_window_from(slice: &[Obs], as_of: Date, latest: Option<&Obs>) -> (Fit, Option<Date>) {
    let (origin, slice) = match latest {
        Some(o) if o.qualifier.is_none() => {
            let through = index_in(slice, o).and_then(|i| slice.get(..=i));
            (Some(o.period.end()), through.unwrap_or(slice))
        }
        _ => (
            exact_points(slice, as_of)
                .next_back()
                .map(|o| o.period.end()),
            slice,
        ),
    };
    let Some(origin) = origin else {
        return (Fit::TooFewPoints(0), None);
    };
    // The slice is sorted by period end, and a period's figures lie
    // together: only the window is read.
    let before = |o: &Obs| days_between(o.period.end(), origin) > PROJECTION_WINDOW_DAYS;
    let from = if slice.first().is_some_and(before) {
        slice.partition_point(before)
    } else {
        // The common case: every figure lies within the window.
        0
    };
    let window = slice.get(from..).unwrap_or_default();
    if let Some(fit) = usual_fit(window, as_of, origin) {
        return (fit, Some(origin));
    }
    let points = WindowPoints {
        rest: window,
        as_of,
        blocked: false,
        origin,
        year: (origin.year(), i32::from(origin.ordinal()).wrapping_neg()),
    };
    (Line::fit(points), Some(origin))
}

/// The fit [`Line::fit`] makes through the [`WindowPoints`] of `window`
/// (from `origin`), for the usual series ([`usual_sums`]); `None` for any
/// other series, which the general walk takes.
fn usual_fit(window: &[Obs], as_of: Date, origin: Date) -> Option<Fit> {
    let mut s = usual_sums(window, as_of, origin)?;
    if s.unit == 0 {
        // No point: the sums' denominator is 1, as `Line::fit` leaves it.
        s.unit = 1;
    }
    Some(s.finish())
}

/// The sums of the [`WindowPoints`] of `window` (from `origin`), made in
/// one plain walk for the usual series: fewer than 2^16 figures, no two of
/// one period end (so no revision: a figure stands when it was published
/// by `as_of`), and every exact value a whole number of magnitude below
/// 2^32 over one denominator (`unit`, 0 when there is no point). `None`
/// for any other series.
///
/// The bounds make every sum exact in an i64 without checks: with
/// `n < 2^16` points at `|x| ≤ 1826 < 2^11` and `|y| < 2^32`,
/// `|Σx| < 2^27`, `Σx² < 2^38`, `|Σy| < 2^48` and `|Σxy| < 2^59`.
#[inline]
fn usual_sums(window: &[Obs], as_of: Date, origin: Date) -> Option<SmallSums> {
    if window.len() >= 1 << 16 {
        return None;
    }
    let mut s = SmallSums::empty(0);
    // As in `WindowPoints`: a year, and the x of the day before its first.
    let mut year = (origin.year(), i32::from(origin.ordinal()).wrapping_neg());
    let mut rest = window;
    while let Some((o, tail)) = rest.split_first() {
        rest = tail;
        let end = o.period.end();
        // A later figure of the same period end: perhaps a revision.
        if tail.first().is_some_and(|next| next.period.end() == end) {
            return None;
        }
        // Alone in its span, a figure stands when it was published.
        if o.published > as_of || o.qualifier.is_some() {
            continue;
        }
        let ordinal = i32::from(end.ordinal());
        if end.year() != year.0 {
            year = (end.year(), days_between(origin, end).wrapping_sub(ordinal));
        }
        let x = year.1.wrapping_add(ordinal);
        if !(-PROJECTION_WINDOW_DAYS..=0).contains(&x) {
            continue;
        }
        let (y, kind) = short_reading(o.reading)?;
        if kind != s.unit {
            if s.unit != 0 {
                return None;
            }
            s.unit = kind;
        }
        // Within the bounds above: no sum can overflow.
        let x = i64::from(x);
        s.n = s.n.wrapping_add(1);
        s.sx = s.sx.wrapping_add(x);
        s.sy = s.sy.wrapping_add(y);
        s.sxx = s.sxx.wrapping_add(x.wrapping_mul(x));
        s.sxy = s.sxy.wrapping_add(x.wrapping_mul(y));
    }
    // The points' denominator, read once from their kind.
    s.unit = match s.unit {
        0 => 0,
        k if k & RATIO_KIND != 0 => k & !RATIO_KIND,
        scale_plus_one => pow10_u64(u32::try_from(scale_plus_one.wrapping_sub(1)).ok()?)?,
    };
    Some(s)
}

/// The mark of a share's kind in [`short_reading`].
const RATIO_KIND: u64 = 1 << 32;

/// A reading as a whole number `y` of magnitude below 2^32 over a
/// denominator, with the kind of that denominator, never 0: a value's
/// scale plus one, or a share's denominator (below 2^32) marked
/// [`RATIO_KIND`]. Points of one kind have one denominator, as
/// [`Reading::fraction`] reads them. `None` for another reading.
#[inline]
fn short_reading(r: Reading) -> Option<(i64, u64)> {
    match r {
        Reading::Value(v) => {
            let p = v.unpack();
            if p.hi != 0 || p.mid != 0 {
                return None;
            }
            let m = i64::from(p.lo);
            let y = if p.negative { m.wrapping_neg() } else { m };
            Some((y, u64::from(p.scale).wrapping_add(1)))
        }
        Reading::Ratio {
            numerator,
            denominator,
        } => {
            let y = numerator
                .checked_mul(100)
                .filter(|y| *y <= u64::from(u32::MAX))?;
            let den = u32::try_from(denominator).ok().filter(|d| *d != 0)?;
            Some((i64::try_from(y).ok()?, u64::from(den) | RATIO_KIND))
        }
    }
}

/// [`project`]'s trend for a short series (not kept in [`Fits`], its
/// bounds not noted) whose latest standing figure `latest` is exact and
/// whose window is usual ([`usual_sums`]) with a denominator below 2^32:
/// the sums, the line and its value at the deadline made in place, with
/// no check, as [`Line`] makes them. `None` for any other series.
///
/// Beyond the bounds of [`usual_sums`], with `|x| < 2^31` days at the
/// deadline: `D = n·Σx² − (Σx)²` is below 2^54 in magnitude, `N = n·Σxy −
/// Σx·Σy` below 2^76, `n·x − Σx` below 2^48, so the value's numerator
/// `Σy·D + N·(n·x − Σx)` is below 2^124 and its denominator `n·D·unit`
/// below 2^102: all exact in an i128.
fn usual_trend(
    slice: &[Obs],
    as_of: Date,
    deadline_end: Date,
    rule: Rule,
    latest: &Obs,
) -> Option<Trend> {
    if latest.qualifier.is_some() {
        return None;
    }
    let origin = latest.period.end();
    let through = slice.get(..=index_in(slice, latest)?)?;
    // The window starts within five years of the origin (as in `fit_window_from`).
    let before = |o: &Obs| days_between(o.period.end(), origin) > PROJECTION_WINDOW_DAYS;
    let from = if through.first().is_some_and(before) {
        through.partition_point(before)
    } else {
        0
    };
    let s = usual_sums(through.get(from..)?, as_of, origin)?;
    if s.unit > u64::from(u32::MAX) {
        return None;
    }
    let trend = |outcome| Trend {
        points: s.n,
        outcome,
        bounded: None,
        value: None,
    };
    let (n, sx, sy) = (i128::from(s.n), i128::from(s.sx), i128::from(s.sy));
    let d = n
        .wrapping_mul(i128::from(s.sxx))
        .wrapping_sub(sx.wrapping_mul(sx));
    // Fewer than two points, or all at one x (`D = 0` exactly then).
    if s.n < 2 || d == 0 {
        return Some(trend(ProjectionOutcome::TooFewPoints));
    }
    let slope_num = n
        .wrapping_mul(i128::from(s.sxy))
        .wrapping_sub(sx.wrapping_mul(sy));
    let x = i128::from(days_between(origin, deadline_end));
    let dx = n.wrapping_mul(x).wrapping_sub(sx);
    let num = sy.wrapping_mul(d).wrapping_add(slope_num.wrapping_mul(dx));
    let den = n.wrapping_mul(d).wrapping_mul(i128::from(s.unit));
    // As `project_value` reads the line's value.
    if !fits_decimal(num, den) {
        return Some(trend(ProjectionOutcome::Overflow));
    }
    Some(trend(match fraction_verdict(num, den, rule) {
        Some(Verdict::Meets) => ProjectionOutcome::Meets,
        Some(Verdict::Fails) => ProjectionOutcome::Misses,
        Some(Verdict::Undetermined) | None => ProjectionOutcome::Overflow,
    }))
}

/// The place of `o` in `slice`, where it is one of its figures.
#[inline]
fn index_in(slice: &[Obs], o: &Obs) -> Option<usize> {
    let offset = std::ptr::from_ref(o)
        .addr()
        .checked_sub(slice.as_ptr().addr())?;
    let i = offset.checked_div(size_of::<Obs>())?;
    slice.get(i).filter(|p| std::ptr::eq(*p, o)).map(|_| i)
}

/// The days from `from` to `to`, the difference of their Julian days
/// (within ±2^30, so it cannot overflow), without dividing when both are in
/// one year.
#[inline]
fn days_between(from: Date, to: Date) -> i32 {
    if from.year() == to.year() {
        i32::from(to.ordinal()).wrapping_sub(i32::from(from.ordinal()))
    } else {
        to.to_julian_day().wrapping_sub(from.to_julian_day())
    }
}

/// The points of [`fit_window`]: the exact standing figures of `rest` whose
/// period ends lie within five years before the origin (both ends
/// included), as x in days from the origin and the reading. It walks the
/// figures once, as [`exact_points`] would, without its chain of adaptors.
///
/// Julian days lie within ±2^29 (years −9999 to 9999, or ±999,999 with
/// large dates), so the differences of two and an ordinal added to one
/// cannot overflow an i32.
#[derive(Clone)]
struct WindowPoints<'s> {
    rest: &'s [Obs],
    as_of: Date,
    /// Whether a figure of the current span was published after `as_of`:
    /// the later figures of that span do not stand (as in [`standing`],
    /// whose runs are read up to the first figure not yet published).
    blocked: bool,
    /// The latest exact point's period end, where x is 0.
    origin: Date,
    /// A year, and the x of the day before its first day: a period end in
    /// that year is at x = that plus its ordinal, without dividing.
    year: (i32, i32),
}

impl<'s> Iterator for WindowPoints<'s> {
    type Item = (i128, &'s Reading);

    #[inline]
    fn next(&mut self) -> Option<(i128, &'s Reading)> {
        loop {
            let (o, rest) = self.rest.split_first()?;
            self.rest = rest;
            let next_in_run = rest.first().filter(|n| n.period.same_span(&o.period));
            let blocked = self.blocked || o.published > self.as_of;
            self.blocked = blocked && next_in_run.is_some();
            // Not published yet, or a later figure of the span stands.
            if blocked || next_in_run.is_some_and(|n| n.published <= self.as_of) {
                continue;
            }
            if o.qualifier.is_some() {
                continue;
            }
            let end = o.period.end();
            let ordinal = i32::from(end.ordinal());
            if end.year() != self.year.0 {
                let before_year = days_between(self.origin, end).wrapping_sub(ordinal);
                self.year = (end.year(), before_year);
            }
            let x = self.year.1.wrapping_add(ordinal);
            if (-PROJECTION_WINDOW_DAYS..=0).contains(&x) {
                return Some((i128::from(x), &o.reading));
            }
        }
    }
}

/// The line a before-deadline status rests on, read in decimals for the
/// progress assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StatusLine {
    /// A line: its change a year (365.25 days), its value at the latest
    /// point and at the deadline (`None` where a decimal cannot hold it).
    Line {
        per_year: Option<Decimal>,
        now: Option<Decimal>,
        at_deadline: Option<Decimal>,
    },
    /// Fewer than two points, or all at one date.
    TooFewPoints,
    /// The sums overflowed.
    Overflow,
}

/// The line a before-deadline status rests on, through the window of the
/// latest exact figure, read in decimals for the progress assessment.
fn status_line(series: &[Obs], as_of: Date, deadline_end: Date) -> StatusLine {
    match fit_window(series, as_of) {
        (Fit::Line(line, _), Some(origin)) => {
            let x = days_between(origin, deadline_end);
            let value = |x: i128| line.at(x).and_then(|(n, d)| to_decimal(n, d));
            StatusLine::Line {
                per_year: line.slope_times(Decimal::new(36525, 2)),
                now: value(0),
                at_deadline: value(i128::from(x)),
            }
        }
        (Fit::Overflow(_), _) => StatusLine::Overflow,
        (Fit::TooFewPoints(_) | Fit::Line(..), _) => StatusLine::TooFewPoints,
    }
}

/// The lines that the results written one after another read, each kept
/// for the next result: the targets of one series (a million on one
/// indicator and unit) are written with one fit and one division of its
/// line, not one each. Only for series that outlive it (borrowed from the
/// evaluation being written): a series is known by its place and length.
#[derive(Debug, Default)]
pub(crate) struct Lines {
    /// [`status_line`]'s line.
    status: Last<StatusLine>,
    /// The exact value at the deadline that [`reread`] reads.
    projected: Last<Option<Decimal>>,
    /// A number of days in years, as the last result counted them.
    years: Option<(i32, Option<Decimal>)>,
}

impl Lines {
    /// [`status_line`], made once for the results in a row that read it.
    pub(crate) fn status_line(
        &mut self,
        series: &[Obs],
        as_of: Date,
        deadline_end: Date,
    ) -> StatusLine {
        self.status.get(series, as_of, deadline_end, || {
            status_line(series, as_of, deadline_end)
        })
    }

    /// `days` in years of 365.25 days (as the line's slope counts them),
    /// divided once for the results in a row that count the same days.
    pub(crate) fn years(&mut self, days: i32) -> Option<Decimal> {
        match self.years {
            Some((d, years)) if d == days => years,
            _ => {
                let years = Decimal::from(days).checked_div(Decimal::new(36525, 2));
                self.years = Some((days, years));
                years
            }
        }
    }
}

/// A value made from a series at an as-of date and a deadline, kept until
/// one is asked for another.
#[derive(Debug)]
struct Last<T> {
    last: Option<((usize, usize, Date, Date), T)>,
}

impl<T> Default for Last<T> {
    fn default() -> Self {
        Last { last: None }
    }
}

impl<T: Copy> Last<T> {
    fn get(
        &mut self,
        series: &[Obs],
        as_of: Date,
        deadline_end: Date,
        make: impl FnOnce() -> T,
    ) -> T {
        let key = (series.as_ptr().addr(), series.len(), as_of, deadline_end);
        match self.last {
            Some((k, value)) if k == key => value,
            _ => {
                let value = make();
                self.last = Some((key, value));
                value
            }
        }
    }
}

/// The projected value rounded for reading: to six decimal places, or more
/// where six would seem to contradict the exact verdict (a value shown equal
/// to the threshold of a rule it does not meet).
fn readable(v: Decimal, rule: Rule, meets: bool) -> Decimal {
    (6..=28)
        .map(|dp| round_dp(v, dp).normalize())
        .find(|r| (exact_verdict(Reading::Value(*r), rule) == Verdict::Meets) == meets)
        .unwrap_or(v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::series::tests::{day, series};
    use proptest::prelude::*;

    /// The window's fit as it was made before [`WindowPoints`]: the
    /// standing exact points through the chain of adaptors, summed by the
    /// general sums.
    fn fit_window_reference(slice: &[Obs], as_of: Date) -> (Fit, Option<Date>) {
        let points = exact_points(slice, as_of);
        let Some(origin) = points.clone().next_back().map(|o| o.period.end()) else {
            return (Fit::TooFewPoints(0), None);
        };
        let origin_day = origin.to_julian_day();
        let window_start = origin_day.saturating_sub(PROJECTION_WINDOW_DAYS);
        let fit = Line::fit_general(points.filter_map(move |o| {
            let end = o.period.end().to_julian_day();
            (window_start..=origin_day)
                .contains(&end)
                .then(|| (i128::from(end.saturating_sub(origin_day)), o.reading))
        }));
        (fit, Some(origin))
    }

    /// A series of the usual shape, which [`usual_fit`] walks: no two
    /// figures of one period end; its values mostly of one scale, some at
    /// the walk's bound of 2^32 and beyond.
    fn usual_series() -> impl Strategy<Value = Vec<Obs>> {
        // 2^32 − 1 (the bound), its neighbours, and their negatives.
        let edge = prop::sample::select(vec![
            4_294_967_295_i64,
            4_294_967_296,
            -4_294_967_295,
            -4_294_967_296,
            4_294_967_294,
        ]);
        (
            series(),
            prop::collection::vec((any::<prop::sample::Index>(), edge), 0..3),
        )
            .prop_map(|(mut v, edges)| {
                v.dedup_by_key(|o| o.period.end());
                for (at, m) in edges {
                    if !v.is_empty() {
                        let i = at.index(v.len());
                        v[i].reading = Reading::Value(Decimal::new(m, 1));
                    }
                }
                v
            })
    }

    /// A rule of any kind, its threshold near the values of the series.
    fn any_rule() -> impl Strategy<Value = Rule> {
        let t = (-200_000i64..200_000, 0u32..4).prop_map(|(m, s)| Decimal::new(m, s));
        prop_oneof![
            t.clone().prop_map(Rule::AtLeast),
            t.clone().prop_map(Rule::AtMost),
            t.clone().prop_map(Rule::MoreThan),
            t.prop_map(Rule::LessThan),
            (0u32..200).prop_map(Rule::WithinTop),
        ]
    }

    proptest! {
        /// The usual series' walk, where it answers, makes the fit the
        /// general walk makes, from any origin.
        #[test]
        fn usual_fit_is_the_general_walks_fit(
            slice in prop_oneof![3 => usual_series(), 1 => series()],
            as_of in day(),
            origin in day(),
        ) {
            let general = Line::fit_general(WindowPoints {
                rest: &slice,
                as_of,
                blocked: false,
                origin,
                year: (origin.year(), i32::from(origin.ordinal()).wrapping_neg()),
            });
            if let Some(fit) = usual_fit(&slice, as_of, origin) {
                prop_assert_eq!(fit, general);
            }
            let expected = fit_window_reference(&slice, as_of);
            prop_assert_eq!(fit_window(&slice, as_of), expected);
        }

        /// The trend the usual series' walk makes in place, where it
        /// answers, is the one read on the reference fit; and the trend of
        /// a short series is, whichever way it was made.
        #[test]
        fn usual_trend_is_the_reference_trend(
            slice in prop_oneof![3 => usual_series(), 1 => series()],
            as_of in day(),
            deadline in prop_oneof![
                8 => day(),
                1 => Just(Date::from_calendar_date(9999, time::Month::December, 31).unwrap()),
                1 => Just(Date::from_calendar_date(-9999, time::Month::January, 1).unwrap()),
            ],
            rule in any_rule(),
        ) {
            if let Some(latest) = latest_standing(&slice, as_of) {
                let expected =
                    project_value((fit_window_reference(&slice, as_of), None), deadline, rule).0;
                if let Some(trend) = usual_trend(&slice, as_of, deadline, rule, latest) {
                    prop_assert_eq!(trend, expected);
                }
                if slice.len() < FITS_KEPT_FROM {
                    prop_assert_eq!(project(&slice, as_of, deadline, rule, None, latest), expected);
                }
            }
        }

        /// The window's fit, from the decision's latest figure or not, is
        /// the one the general sums make through the standing exact points.
        #[test]
        fn window_fit_is_the_reference_fit(
            slice in prop_oneof![series(), usual_series()],
            as_of in day(),
        ) {
            let expected = fit_window_reference(&slice, as_of);
            prop_assert_eq!(fit_window(&slice, as_of), expected);
            if let Some(latest) = latest_standing(&slice, as_of) {
                prop_assert_eq!(fit_window_from(&slice, as_of, Some(latest)), expected);
            }
        }

        /// The years `Lines` keeps are the ones divided afresh.
        #[test]
        fn years_kept_are_the_years_divided_afresh(days in prop::collection::vec(-3i32..3000, 1..12)) {
            let mut lines = Lines::default();
            for d in days {
                prop_assert_eq!(
                    lines.years(d),
                    Decimal::from(d).checked_div(Decimal::new(36525, 2))
                );
            }
        }

        /// The lines and projected values `Lines` keeps are the ones made
        /// afresh, whichever series, deadline and rule were read before.
        #[test]
        fn lines_kept_are_the_lines_made_afresh(
            a in series(),
            b in series(),
            as_of in day(),
            reads in prop::collection::vec((any::<bool>(), 2024i32..2030, -2000i64..12000), 1..12),
        ) {
            let mut lines = Lines::default();
            for (first, year, threshold) in reads {
                let slice = if first { &a } else { &b };
                let catalogue = crate::Catalogue::from_json(&format!(
                    r#"{{"format": "policy-targets/catalogue@1",
                        "indicators": [{{"id": "s", "kind": "growth_rate"}}],
                        "targets": [{{"id": "t", "indicator": "s", "unit": "VN",
                                     "rule": {{"at_least": "{}"}}, "deadline": "{year}"}}]}}"#,
                    Decimal::new(threshold, 2)
                ))
                .unwrap();
                let (target, indicator) = (&catalogue.targets()[0], &catalogue.indicators()[0]);
                let end = target.deadline().end();
                prop_assert_eq!(
                    lines.status_line(slice, as_of, end),
                    status_line(slice, as_of, end)
                );
                if let Some(latest) = latest_standing(slice, as_of) {
                    let trend = project(slice, as_of, end, target.rule(), None, latest);
                    prop_assert_eq!(
                        reread(trend, slice, as_of, target, indicator, Some(&mut lines)),
                        reread(trend, slice, as_of, target, indicator, None)
                    );
                }
            }
        }
    }
}
