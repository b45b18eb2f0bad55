//! The progress methods: least squares (the status's own line), Destatis's
//! linear method, and the compound-growth methods of Eurostat, Open SDG and
//! the UN Statistics Division, assessed on a target result.

use rust_decimal::Decimal;
use time::Date;

use crate::engine::progress::assessment::{Progress, ProgressPoint};
use crate::engine::progress::category::Category;
use crate::engine::progress::growth::{
    compound_growth, direction, minus_years, pow, years_between,
};
use crate::engine::progress::refusal::Refusal;
use crate::engine::projection::{Lines, PROJECTION_WINDOW_DAYS, StatusLine, exact_points};
use crate::engine::result::TargetResult;
use crate::engine::series::standing;
use crate::engine::status::Status;
use crate::engine::verdict::{Verdict, exact_verdict};
use crate::foundations::metric::{MetricKind, Rule};
use crate::foundations::period::Period;
use crate::model::method::Method;
use crate::model::observation::Obs;
use crate::model::reading::Reading;

/// How far back the base of [`Method::OpenSdg`] and
/// [`Method::UnsdProjection`] may lie before the latest point, in years.
pub const BASE_WINDOW_YEARS: i32 = 15;

impl<'a> TargetResult<'a> {
    /// The progress assessment with the method in force: the evaluation's
    /// ([`crate::EvaluationOptions::with_method`]), else the indicator's
    /// (`progress` in the catalogue), else [`Method::LeastSquares`].
    ///
    /// `None` for targets that are decided or cannot be assessed: after the
    /// deadline, with no data, `ambiguous`, `discontinued`, and for
    /// every-period targets (see [`TargetResult::every_period`]).
    #[must_use]
    pub fn progress(&self) -> Option<Progress> {
        self.progress_with(self.method_in_force())
    }

    /// The progress assessment with a given method; `None` as for
    /// [`TargetResult::progress`].
    #[must_use]
    pub fn progress_with(&self, method: Method) -> Option<Progress> {
        self.progress_in(method, &mut Lines::default())
    }

    /// [`TargetResult::progress_with`], the status's line read from
    /// `lines` when the result before read the same one.
    pub(crate) fn progress_in(&self, method: Method, lines: &mut Lines) -> Option<Progress> {
        if !matches!(
            self.status(),
            Status::Achieved | Status::OnTrack | Status::OffTrack | Status::InsufficientData
        ) || self.target().every_period().is_some()
        {
            return None;
        }
        // The exact standing points of the series the status rests on (for
        // a pooled target, the pooled series), by period end: a bounded
        // figure has no one value to measure a pace from, so it is left out.
        let figure = |o: &Obs| Figure {
            end: o.period.end(),
            point: ProgressPoint::new(o.period, o.reading.value()),
            reading: o.reading,
        };
        // Only the figures the method reads: those within its window before
        // the latest (the last six for Destatis), so that assessing many
        // targets on one long series reads each target's window only.
        let series = self.series();
        let as_of = self.as_of();
        let latest_end = exact_points(series, as_of)
            .next_back()
            .map(|o| o.period.end());
        // Least squares reads two figures at most, kept here rather than
        // in a vector of their own (a results document assesses every
        // target); the other methods collect theirs.
        let pair: [Figure; 2];
        let collected: Vec<Figure>;
        let points: &[Figure] = match (method, latest_end) {
            (Method::DestatisLinear, _) => {
                let mut last: Vec<Figure> = exact_points(series, as_of)
                    .rev()
                    .take(DESTATIS_CHANGES.saturating_add(1))
                    .map(figure)
                    .collect();
                last.reverse();
                collected = last;
                &collected
            }
            // Least squares reads the line (fitted through the window
            // apart) and, of the figures, the first in the window and the
            // latest.
            (Method::LeastSquares, Some(end)) => {
                let window = window_start(method, end);
                let from = window.map_or(0, |w| series.partition_point(|o| o.period.end() < w));
                let mut points = exact_points(series.get(from..).unwrap_or_default(), as_of);
                match (points.next(), points.next_back()) {
                    (Some(first), Some(last)) => {
                        pair = [figure(first), figure(last)];
                        &pair
                    }
                    (Some(only), None) => {
                        pair = [figure(only); 2];
                        pair.get(..1).unwrap_or_default()
                    }
                    (None, _) => &[],
                }
            }
            (_, Some(end)) => {
                let window = window_start(method, end);
                let from = window.map_or(0, |w| series.partition_point(|o| o.period.end() < w));
                collected = exact_points(series.get(from..).unwrap_or_default(), as_of)
                    .map(figure)
                    .collect();
                &collected
            }
            (_, None) => &[],
        };
        let bounded = || standing(series, as_of).filter(|o| o.qualifier.is_some());
        let target = self.target();
        if points.is_empty() {
            // Only bounded figures: nothing to assess, and it says why.
            let latest = bounded().next_back().map(figure)?;
            let mut p = Progress::new(
                method,
                (target.rule(), self.indicator().kind(), target.deadline()),
                latest.point,
                None,
            );
            p.outcome = Err(Refusal::BoundedFigures);
            return Some(p);
        }
        let input = Input {
            kind: self.indicator().kind(),
            rule: target.rule(),
            deadline: target.deadline(),
            deadline_end: target.deadline().end(),
            as_of: self.as_of(),
            points,
            line_years: match (method, points.last()) {
                (Method::LeastSquares, Some(latest)) => target
                    .deadline()
                    .end()
                    .to_julian_day()
                    .checked_sub(latest.end.to_julian_day())
                    .filter(|d| *d > 0)
                    .and_then(|d| lines.years(d)),
                _ => None,
            },
            status: self.status(),
            line: self
                .evidence
                .get()
                .map(|_| lines.status_line(self.series(), self.as_of(), target.deadline().end())),
        };
        let mut p = assess(&input, method)?;
        if p.outcome == Err(Refusal::TooFewPoints) && bounded().next().is_some() {
            p.outcome = Err(Refusal::BoundedFigures);
        }
        // The value shown at the deadline is held within the kind's range
        // (a share between 0 and 100%), as the result's own projection is;
        // the ratio and category were computed on the exact value. The least
        // squares method shows the very projection the status rests on.
        p.projected = match (method, self.projected()) {
            (Method::LeastSquares, Some(v)) => Some(v),
            _ => p.projected.map(|v| self.indicator().clamp(v)),
        };
        Some(p)
    }
}

/// The earliest period end a method reads, counted back from the latest
/// figure's (`None`: from the first figure). Destatis reads the last six
/// figures, whatever their dates.
fn window_start(method: Method, latest_end: Date) -> Option<Date> {
    match method {
        Method::LeastSquares => Date::from_julian_day(
            latest_end
                .to_julian_day()
                .saturating_sub(PROJECTION_WINDOW_DAYS),
        )
        .ok(),
        Method::EurostatCagr { years } => minus_years(latest_end, i32::from(years)),
        Method::OpenSdg | Method::UnsdProjection => minus_years(latest_end, BASE_WINDOW_YEARS),
        Method::DestatisLinear => None,
    }
}

/// A standing figure of the series: the end of its period, the point, and
/// the reading it was read from (which the rule judges).
#[derive(Debug, Clone, Copy)]
struct Figure {
    end: Date,
    point: ProgressPoint,
    reading: Reading,
}

/// What an assessment works from.
struct Input<'p> {
    kind: MetricKind,
    rule: Rule,
    deadline: Period,
    deadline_end: Date,
    /// The as-of date: on and after the deadline's last day, no pace is needed.
    as_of: Date,
    /// Standing figures, sorted by period end; the last is the latest.
    points: &'p [Figure],
    /// The SPEC v1 status (decided on the exact least-squares line).
    status: Status,
    /// That line, for the least-squares method.
    line: Option<StatusLine>,
    /// For the least-squares method: the years (of 365.25 days) from the
    /// latest figure's end to the deadline's, where that is after it.
    line_years: Option<Decimal>,
}

fn assess(input: &Input<'_>, method: Method) -> Option<Progress> {
    let last = *input.points.last()?;
    let (latest_end, latest) = (last.end, last.point);
    let x_star = input.rule.threshold();
    // The methods measure from the latest figure to the deadline, whatever
    // the as-of date; only the pace *shown as still needed* goes once the
    // deadline has come (below). Destatis's and the compound methods'
    // ratios rest on it: without it, a series 25 places short on the
    // deadline day read as a sun.
    let years_left = years_between(latest_end, input.deadline_end).filter(|y| *y > Decimal::ZERO);
    // Least squares on a line with a present value counts the pace still
    // needed from that value instead (below): not divided here for nothing.
    let from_line = method == Method::LeastSquares
        && matches!(input.line, Some(StatusLine::Line { now: Some(_), .. }));
    let required_pace = years_left
        .filter(|_| !from_line)
        .and_then(|y| x_star.checked_sub(latest.value())?.checked_div(y));
    let mut p = Progress::new(
        method,
        (input.rule, input.kind, input.deadline),
        latest,
        required_pace,
    );
    let latest_meets = match exact_verdict(last.reading, input.rule) {
        Verdict::Meets => true,
        Verdict::Fails | Verdict::Undetermined => false,
    };
    p.outcome = match method {
        Method::LeastSquares => least_squares(input, &mut p),
        Method::DestatisLinear => destatis(input, &mut p, latest_meets),
        Method::EurostatCagr { years } => {
            let window_start = minus_years(latest_end, i32::from(years));
            compound(input, &mut p, window_start, method)
        }
        Method::OpenSdg | Method::UnsdProjection => {
            if latest_meets {
                // Checked first: a met target is never "deterioration".
                p.base =
                    base_figure(input, minus_years(latest_end, BASE_WINDOW_YEARS)).map(|b| b.point);
                Ok(Category::TargetAchieved)
            } else {
                compound(
                    input,
                    &mut p,
                    minus_years(latest_end, BASE_WINDOW_YEARS),
                    method,
                )
            }
        }
    };
    // On and after the deadline's last day nothing more can be done: no
    // pace is still needed (the method's category and ratio stand).
    if input.as_of >= input.deadline_end {
        p.required_pace = None;
    }
    Some(p)
}

/// The earliest figure whose period ends on or after `from` and before the latest.
fn base_figure(input: &Input<'_>, from: Option<Date>) -> Option<Figure> {
    let from = from?;
    let latest_end = input.points.last()?.end;
    input
        .points
        .iter()
        .find(|f| f.end >= from && f.end < latest_end)
        .copied()
}

fn least_squares(input: &Input<'_>, p: &mut Progress) -> Result<Category, Refusal> {
    let latest = *input.points.last().ok_or(Refusal::TooFewPoints)?;
    let window_start = latest
        .end
        .to_julian_day()
        .saturating_sub(PROJECTION_WINDOW_DAYS);
    p.base = input
        .points
        .iter()
        .find(|pt| pt.end.to_julian_day() >= window_start)
        .map(|pt| pt.point)
        .filter(|b| b.period() != latest.point.period());
    // The status's own exact line, not a second fit.
    let line = input.line.unwrap_or(StatusLine::TooFewPoints);
    if let StatusLine::Line {
        per_year,
        now,
        at_deadline,
    } = line
    {
        p.observed_pace = per_year;
        p.projected = at_deadline;
        // The share of the distance from the line's present value to the
        // threshold that the line covers by the deadline: at least 1 exactly
        // when the projection reaches the threshold (the status's own test),
        // so the ratio never contradicts `on_track` / `off_track`. The pace
        // still needed is counted from the same present value, over the
        // line's own years (days over 365.25, as its slope), so that the
        // pace needed and the pace observed compare as the verdict does.
        // When the line is at or past the threshold already, there is no
        // distance left to measure against: no ratio.
        let threshold = input.rule.threshold();
        if let Some(now) = now {
            p.pace_from = now;
            p.required_pace = input
                .line_years
                .and_then(|years| threshold.checked_sub(now)?.checked_div(years));
        }
        p.ratio = match (now, at_deadline) {
            (Some(now), Some(then)) => then
                .checked_sub(now)
                .zip(threshold.checked_sub(now))
                .filter(|(_, distance)| {
                    distance
                        .checked_mul(direction(input.rule))
                        .is_some_and(|d| d > Decimal::ZERO)
                })
                .and_then(|(covered, distance)| covered.checked_div(distance)),
            _ => None,
        };
    }
    match input.status {
        Status::Achieved => Ok(Category::TargetAchieved),
        Status::OnTrack => Ok(Category::OnTrack),
        Status::OffTrack => Ok(Category::OffTrack),
        _ if line == StatusLine::Overflow => Err(Refusal::Overflow),
        _ => Err(Refusal::TooFewPoints),
    }
}

/// Destatis's window: the mean of the last five yearly changes, from the
/// last six points; where six are not available, four or five points (three
/// or four changes) suffice, and with fewer no symbol is given (Destatis, DNS
/// platform "Status der Indikatoren – Methodik", 2023).
const DESTATIS_CHANGES: usize = 5;
const DESTATIS_MIN_CHANGES: usize = 3;

fn destatis(input: &Input<'_>, p: &mut Progress, latest_meets: bool) -> Result<Category, Refusal> {
    let n = input.points.len();
    let first = n.saturating_sub(DESTATIS_CHANGES.saturating_add(1));
    let window = input.points.get(first..).unwrap_or_default();
    let (Some(first), Some(last)) = (window.first(), window.last()) else {
        return Err(Refusal::TooFewPoints);
    };
    // "Stehen weniger als vier verwendbare Jahreswerte zur Verfügung, wird
    // von einer Berechnung abgesehen": no symbol, met or not.
    if window.len() < DESTATIS_MIN_CHANGES.saturating_add(1) {
        return Err(Refusal::TooFewPoints);
    }
    let (first_end, base, last_end, latest) = (first.end, first.point, last.end, last.point);
    p.base = Some(base);
    let span = years_between(first_end, last_end)
        .filter(|y| *y > Decimal::ZERO)
        .ok_or(Refusal::TooFewPoints)?;
    // (last − first) / years: with yearly points, the mean of the window's changes.
    let pace = latest
        .value()
        .checked_sub(base.value())
        .and_then(|d| d.checked_div(span))
        .ok_or(Refusal::Overflow)?;
    p.observed_pace = Some(pace);
    if let Some(left) = years_between(last_end, input.deadline_end) {
        p.projected = pace
            .checked_mul(left)
            .and_then(|c| latest.value().checked_add(c));
    }
    let directed = pace
        .checked_mul(direction(input.rule))
        .ok_or(Refusal::Overflow)?;
    if latest_meets {
        // Met already: Destatis's rule for a target met before its year
        // (sun; "eine Sonne, jedoch leicht verdeckt durch eine Wolke" when the
        // mean change points to a deterioration). No distance is left, so no ratio.
        return Ok(if directed < Decimal::ZERO {
            Category::PartlyCloudy
        } else {
            Category::Sun
        });
    }
    p.ratio = ratio(p.observed_pace, p.required_pace);
    Ok(match p.ratio {
        Some(r) => Category::destatis(r),
        // No distance left but the (strict) rule is not met: moving towards
        // it is a sun (our choice); standing still or moving away, the
        // distance stays: a thunderstorm.
        None if directed > Decimal::ZERO => Category::Sun,
        None => Category::Thunderstorm,
    })
}

/// The compound-growth methods: Eurostat, Open SDG (after its "target
/// achieved" check) and UNSD (likewise).
fn compound(
    input: &Input<'_>,
    p: &mut Progress,
    window_start: Option<Date>,
    method: Method,
) -> Result<Category, Refusal> {
    let last = *input.points.last().ok_or(Refusal::TooFewPoints)?;
    let (latest_end, latest) = (last.end, last.point);
    let base_figure = base_figure(input, window_start);
    let base = base_figure.map(|b| b.point);
    let span = base.and_then(|b| years_between(b.period().end(), latest_end));
    if let (Some(b), Some(span)) = (base, span.filter(|y| *y > Decimal::ZERO)) {
        // The average change from the base, for reading beside the required pace.
        p.base = Some(b);
        p.observed_pace = latest
            .value()
            .checked_sub(b.value())
            .and_then(|d| d.checked_div(span));
    }
    match input.kind {
        MetricKind::Rank => return Err(Refusal::CompoundGrowthOfRank),
        MetricKind::GrowthRate => return Err(Refusal::CompoundGrowthOfGrowthRate),
        _ => {}
    }
    let base_figure = base_figure.ok_or(Refusal::TooFewPoints)?;
    let base = base_figure.point;
    let base_end = base.period().end();
    let x_star = input.rule.threshold();
    let (y0, yt) = (base.value(), latest.value());
    let span = span
        .filter(|y| *y > Decimal::ZERO)
        .ok_or(Refusal::TooFewPoints)?;
    // Compound growth needs a positive base. UNSD's projection grows the
    // latest value, not the target, so it takes a target of zero or less,
    // and a latest value of 0 (a growth of −100 %); Eurostat's and Open
    // SDG's required growth needs a positive target, and we refuse a zero
    // latest value there too.
    let unsd = method == Method::UnsdProjection;
    if y0 <= Decimal::ZERO
        || yt < Decimal::ZERO
        || (!unsd && (yt.is_zero() || x_star <= Decimal::ZERO))
    {
        return Err(Refusal::NotPositive);
    }
    let observed = compound_growth(y0, yt, span)?;
    p.observed_growth = Some(observed);
    let to_deadline = years_between(base_end, input.deadline_end)
        .filter(|y| *y > Decimal::ZERO)
        .ok_or(Refusal::TooFewPoints)?;
    let base_meets = match exact_verdict(base_figure.reading, input.rule) {
        Verdict::Meets => true,
        Verdict::Fails | Verdict::Undetermined => false,
    };
    if x_star == y0 {
        return Err(Refusal::NoDistance);
    }
    if base_meets && method != Method::OpenSdg {
        return Err(Refusal::BaseMeetsTarget);
    }
    match method {
        Method::UnsdProjection => {
            let left = years_between(latest_end, input.deadline_end).ok_or(Refusal::Overflow)?;
            // ŷ = yt · (yt / y0)^(left / span), and 0 from a latest value of 0.
            let projected = if yt.is_zero() {
                Decimal::ZERO
            } else {
                yt.checked_div(y0)
                    .and_then(|r| pow(r, left.checked_div(span)?))
                    .and_then(|factor| yt.checked_mul(factor))
                    .ok_or(Refusal::Overflow)?
            };
            p.projected = Some(projected);
            let r = projected
                .checked_sub(y0)
                .and_then(|a| a.checked_div(x_star.checked_sub(y0)?))
                .ok_or(Refusal::Overflow)?;
            p.ratio = Some(r);
            Ok(Category::unsd(r))
        }
        _ => {
            let required = compound_growth(y0, x_star, to_deadline)?;
            p.required_growth = Some(required);
            if required.is_zero() {
                return Err(Refusal::NoDistance);
            }
            if method == Method::OpenSdg {
                // R = d · CAGR_a / |CAGR_r|
                let r = direction(input.rule)
                    .checked_mul(observed)
                    .and_then(|o| o.checked_div(required.abs()))
                    .ok_or(Refusal::Overflow)?;
                p.ratio = Some(r);
                Ok(Category::open_sdg(r))
            } else {
                let r = observed.checked_div(required).ok_or(Refusal::Overflow)?;
                p.ratio = Some(r);
                Ok(Category::eurostat(r))
            }
        }
    }
}

fn ratio(observed: Option<Decimal>, required: Option<Decimal>) -> Option<Decimal> {
    let required = required.filter(|r| !r.is_zero())?;
    observed?.checked_div(required)
}
