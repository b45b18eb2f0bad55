//! Progress assessment: how far, how fast, and what it would take.
//!
//! A [`Progress`] is computed on demand from a [`TargetResult`] (see
//! [`TargetResult::progress`]), so that plain evaluation costs nothing more.
//! The methods and their sources are described in the crate docs, section
//! "Progress assessment".

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use rust_decimal::MathematicalOps;
use rust_decimal::prelude::ToPrimitive;
use time::Date;

use crate::engine::evaluator::{Status, StatusLine, TargetResult};
use crate::foundations::error::{Error, ErrorKind};
use crate::foundations::metric::{MetricKind, Rule};
use crate::foundations::period::Period;
use crate::model::method::Method;

/// Options of an evaluation ([`crate::Evaluator::evaluate_with`]).
///
/// The statuses never depend on them (SPEC v1 decides `on_track` with the
/// least-squares line); the progress assessment does.
///
/// ```
/// use policy_targets::{EvaluationOptions, Method};
/// let options = EvaluationOptions::default().method(Method::UnsdProjection);
/// assert_eq!(options.method_override(), Some(Method::UnsdProjection));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct EvaluationOptions {
    method: Option<Method>,
}

impl EvaluationOptions {
    /// Assess the progress of every target with `method`, whatever its
    /// indicator sets in the catalogue.
    #[must_use]
    pub fn method(mut self, method: Method) -> Self {
        self.method = Some(method);
        self
    }

    /// The method set for every target, if any.
    #[must_use]
    pub fn method_override(&self) -> Option<Method> {
        self.method
    }
}

/// How far back the base of [`Method::OpenSdg`] and
/// [`Method::UnsdProjection`] may lie before the latest point, in years.
pub const BASE_WINDOW_YEARS: i32 = 15;

/// What a progress method concluded. Each method uses its own words; compare
/// categories of one method with [`Category::grade`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Category {
    /// The latest value already meets the rule (least squares, Open SDG, UNSD).
    TargetAchieved,
    /// Least squares: the line reaches the rule by the deadline.
    OnTrack,
    /// Least squares: the line does not reach the rule by the deadline.
    OffTrack,
    /// Eurostat: ratio ≥ 95 %; without a target, growth above 1 % a year.
    SignificantProgress,
    /// Eurostat: 60 % ≤ ratio < 95 %; Open SDG: 0.60 ≤ ratio < 0.95; UNSD:
    /// 0.50 ≤ ratio < 0.95; Eurostat without a target: growth in (0, 1] % a year.
    ModerateProgress,
    /// Eurostat: 0 ≤ ratio < 60 %.
    InsufficientProgress,
    /// Eurostat: ratio < 0.
    MovementAway,
    /// Eurostat without a target: growth in [−1, 0] % a year.
    ModerateMovementAway,
    /// Eurostat without a target: growth below −1 % a year.
    SignificantMovementAway,
    /// Open SDG: ratio ≥ 0.95; UNSD: ratio ≥ 0.95 (on track).
    SubstantialProgress,
    /// Open SDG: 0 ≤ ratio < 0.60.
    LimitedProgress,
    /// Open SDG: ratio < 0.
    Deterioration,
    /// UNSD: 0.10 ≤ ratio < 0.50.
    MarginalProgress,
    /// UNSD: −0.10 ≤ ratio < 0.10.
    Stagnation,
    /// UNSD: ratio < −0.10; ESCAP current status: no progress or worse.
    Regression,
    /// ESCAP current status: some progress, but at most 90 % of the way.
    SlowProgress,
    /// Destatis: the target is reached, or missed by less than 5 % of the
    /// distance still to go.
    Sun,
    /// Destatis: missed by 5 % to 20 % of the distance.
    PartlyCloudy,
    /// Destatis: right direction (or none), missed by more than 20 %.
    Cloudy,
    /// Destatis: the wrong direction: the distance grows.
    Thunderstorm,
}

impl Category {
    /// The category's name in the results document (`significant_progress`, `sun`, ...).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Category::TargetAchieved => "target_achieved",
            Category::OnTrack => "on_track",
            Category::OffTrack => "off_track",
            Category::SignificantProgress => "significant_progress",
            Category::ModerateProgress => "moderate_progress",
            Category::InsufficientProgress => "insufficient_progress",
            Category::MovementAway => "movement_away",
            Category::ModerateMovementAway => "moderate_movement_away",
            Category::SignificantMovementAway => "significant_movement_away",
            Category::SubstantialProgress => "substantial_progress",
            Category::LimitedProgress => "limited_progress",
            Category::Deterioration => "deterioration",
            Category::MarginalProgress => "marginal_progress",
            Category::Stagnation => "stagnation",
            Category::Regression => "regression",
            Category::SlowProgress => "slow_progress",
            Category::Sun => "sun",
            Category::PartlyCloudy => "partly_cloudy",
            Category::Cloudy => "cloudy",
            Category::Thunderstorm => "thunderstorm",
        }
    }

    /// Every category.
    pub const ALL: [Category; 20] = [
        Category::TargetAchieved,
        Category::OnTrack,
        Category::OffTrack,
        Category::SignificantProgress,
        Category::ModerateProgress,
        Category::InsufficientProgress,
        Category::MovementAway,
        Category::ModerateMovementAway,
        Category::SignificantMovementAway,
        Category::SubstantialProgress,
        Category::LimitedProgress,
        Category::Deterioration,
        Category::MarginalProgress,
        Category::Stagnation,
        Category::Regression,
        Category::SlowProgress,
        Category::Sun,
        Category::PartlyCloudy,
        Category::Cloudy,
        Category::Thunderstorm,
    ];

    /// How good the category is, higher better: 4 achieved; 3 significant,
    /// substantial, on track, sun; 2 moderate, partly cloudy; 1 insufficient,
    /// limited, marginal, slow, off track, cloudy; 0 stagnation, moderate
    /// movement away; −1 movement away, deterioration, regression, significant
    /// movement away, thunderstorm. Meaningful between categories of one method.
    #[must_use]
    pub fn grade(self) -> i8 {
        match self {
            Category::TargetAchieved => 4,
            Category::SignificantProgress
            | Category::SubstantialProgress
            | Category::OnTrack
            | Category::Sun => 3,
            Category::ModerateProgress | Category::PartlyCloudy => 2,
            Category::InsufficientProgress
            | Category::LimitedProgress
            | Category::MarginalProgress
            | Category::SlowProgress
            | Category::OffTrack
            | Category::Cloudy => 1,
            Category::Stagnation | Category::ModerateMovementAway => 0,
            Category::MovementAway
            | Category::Deterioration
            | Category::Regression
            | Category::SignificantMovementAway
            | Category::Thunderstorm => -1,
        }
    }

    /// Eurostat's category for a ratio of observed to required growth:
    /// significant progress ≥ 0.95 > moderate ≥ 0.60 > insufficient ≥ 0 > movement away.
    #[must_use]
    pub fn eurostat(ratio: Decimal) -> Category {
        if ratio >= Decimal::new(95, 2) {
            Category::SignificantProgress
        } else if ratio >= Decimal::new(60, 2) {
            Category::ModerateProgress
        } else if ratio >= Decimal::ZERO {
            Category::InsufficientProgress
        } else {
            Category::MovementAway
        }
    }

    /// Eurostat's category for an indicator without a quantified target, from
    /// its compound annual growth in percent, already multiplied by the
    /// direction (+1 when higher is better, −1 when lower is): above 1 %
    /// significant progress, above 0 moderate progress, from −1 % moderate
    /// movement away, below −1 % significant movement away. (Where exactly 0
    /// and ±1 % fall is not confirmed by a source; this is our reading.)
    #[must_use]
    pub fn eurostat_without_target(directed_growth_percent: Decimal) -> Category {
        if directed_growth_percent > Decimal::ONE {
            Category::SignificantProgress
        } else if directed_growth_percent > Decimal::ZERO {
            Category::ModerateProgress
        } else if directed_growth_percent >= Decimal::NEGATIVE_ONE {
            Category::ModerateMovementAway
        } else {
            Category::SignificantMovementAway
        }
    }

    /// Open SDG's category for its signed ratio (the thresholds of Eurostat):
    /// substantial ≥ 0.95 > moderate ≥ 0.60 > limited ≥ 0 > deterioration.
    #[must_use]
    pub fn open_sdg(ratio: Decimal) -> Category {
        match Category::eurostat(ratio) {
            Category::SignificantProgress => Category::SubstantialProgress,
            Category::ModerateProgress => Category::ModerateProgress,
            Category::InsufficientProgress => Category::LimitedProgress,
            _ => Category::Deterioration,
        }
    }

    /// The UN Statistics Division's level for a projection ratio: substantial
    /// progress (on track) ≥ 0.95 > moderate ≥ 0.50 > marginal ≥ 0.10 >
    /// stagnation ≥ −0.10 > regression. (Eustat's three levels merge
    /// moderate and marginal into "fair progress" and stagnation and
    /// regression into one.)
    #[must_use]
    pub fn unsd(ratio: Decimal) -> Category {
        if ratio >= Decimal::new(95, 2) {
            Category::SubstantialProgress
        } else if ratio >= Decimal::new(50, 2) {
            Category::ModerateProgress
        } else if ratio >= Decimal::new(10, 2) {
            Category::MarginalProgress
        } else if ratio >= Decimal::new(-10, 2) {
            Category::Stagnation
        } else {
            Category::Regression
        }
    }

    /// Destatis's weather symbol for the share of the remaining distance that
    /// the extrapolated trend covers by the deadline (1 − the shortfall):
    /// sun above 0.95 (missed by less than 5 %), partly cloudy from 0.80,
    /// cloudy from 0, thunderstorm below 0 (moving away).
    #[must_use]
    pub fn destatis(covered: Decimal) -> Category {
        if covered > Decimal::new(95, 2) {
            Category::Sun
        } else if covered >= Decimal::new(80, 2) {
            Category::PartlyCloudy
        } else if covered >= Decimal::ZERO {
            Category::Cloudy
        } else {
            Category::Thunderstorm
        }
    }

    /// ESCAP's current-status class (as implemented by UNICEF MENARO) for the
    /// share of the distance from the base to the target covered so far:
    /// above 0.9 on track, above 0 slow progress, else regression.
    #[must_use]
    pub fn escap_current_status(share_covered: Decimal) -> Category {
        if share_covered > Decimal::new(9, 1) {
            Category::OnTrack
        } else if share_covered > Decimal::ZERO {
            Category::SlowProgress
        } else {
            Category::Regression
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Category {
    type Err = Error;

    fn from_str(s: &str) -> Result<Category, Error> {
        Category::ALL
            .into_iter()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| {
                Error::single(
                    ErrorKind::InvalidValue,
                    "",
                    format!("`{s}` is not a progress category"),
                )
            })
    }
}

/// Why a method was not applied: it would not make sense, and nothing is
/// silently substituted (no zero becomes 0.001).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Refusal {
    /// Compound growth of a rank is meaningless (ranks are ordinal).
    CompoundGrowthOfRank,
    /// Compound growth of a growth rate is meaningless (it is already a rate).
    CompoundGrowthOfGrowthRate,
    /// Compound growth needs positive values: the base, the latest value or
    /// the target is zero or negative.
    NotPositive,
    /// The base value already meets the rule, so the required growth points
    /// the wrong way and the ratio would call a decline progress.
    BaseMeetsTarget,
    /// The target equals the base value: nothing to grow towards, the ratio
    /// is undefined.
    NoDistance,
    /// Too few points for the method (two in the window; five for Destatis).
    TooFewPoints,
    /// The arithmetic went out of range.
    Overflow,
}

impl Refusal {
    /// The refusal's name in the results document.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Refusal::CompoundGrowthOfRank => "compound_growth_of_rank",
            Refusal::CompoundGrowthOfGrowthRate => "compound_growth_of_growth_rate",
            Refusal::NotPositive => "not_positive",
            Refusal::BaseMeetsTarget => "base_meets_target",
            Refusal::NoDistance => "no_distance",
            Refusal::TooFewPoints => "too_few_points",
            Refusal::Overflow => "overflow",
        }
    }

    /// Every refusal.
    pub const ALL: [Refusal; 7] = [
        Refusal::CompoundGrowthOfRank,
        Refusal::CompoundGrowthOfGrowthRate,
        Refusal::NotPositive,
        Refusal::BaseMeetsTarget,
        Refusal::NoDistance,
        Refusal::TooFewPoints,
        Refusal::Overflow,
    ];

    /// The reason in words.
    #[must_use]
    pub fn reason(self) -> &'static str {
        match self {
            Refusal::CompoundGrowthOfRank => "compound growth is meaningless for a rank",
            Refusal::CompoundGrowthOfGrowthRate => {
                "compound growth is meaningless for a growth rate"
            }
            Refusal::NotPositive => {
                "compound growth needs positive values, and the base, latest value or target is zero or negative"
            }
            Refusal::BaseMeetsTarget => {
                "the base value already meets the rule, so a growth ratio would mislead"
            }
            Refusal::NoDistance => "the target equals the base value, so the ratio is undefined",
            Refusal::TooFewPoints => "too few points for the method",
            Refusal::Overflow => "the arithmetic went out of range",
        }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.reason())
    }
}

impl std::error::Error for Refusal {}

impl FromStr for Refusal {
    type Err = Error;

    fn from_str(s: &str) -> Result<Refusal, Error> {
        Refusal::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| {
                Error::single(
                    ErrorKind::InvalidValue,
                    "",
                    format!("`{s}` is not a progress refusal"),
                )
            })
    }
}

/// A point a progress assessment rests on: a period and its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProgressPoint {
    period: Period,
    value: Decimal,
}

impl ProgressPoint {
    /// A point.
    #[must_use]
    pub fn new(period: Period, value: Decimal) -> Self {
        ProgressPoint { period, value }
    }

    /// The period.
    #[must_use]
    pub fn period(&self) -> Period {
        self.period
    }

    /// The value (a share of counts as its percentage).
    #[must_use]
    pub fn value(&self) -> Decimal {
        self.value
    }
}

/// How far, how fast, and what it would take: one method's assessment of a
/// target that is not decided yet.
///
/// Paces are in the indicator's unit per year: percentage points a year for
/// a percent, places a year for a rank (negative: climbing). Growth rates
/// (compound methods) are in percent a year. A year is a calendar year
/// between the same day of the year, and 365.25 days otherwise.
///
/// ```
/// use policy_targets::{Category, Evaluator, Method, Observations, Catalogue};
/// let catalogue = Catalogue::from_json(r#"{"format": "policy-targets/catalogue@1",
///   "indicators": [{"id": "level4", "kind": "percent"}],
///   "targets": [{"id": "level4_80", "indicator": "level4", "unit": "VN",
///                "rule": {"at_least": "80"}, "deadline": "2025"}]}"#)?;
/// let observations = Observations::from_json(r#"{"format": "policy-targets/observations@1",
///   "observations": [
///     {"indicator": "level4", "unit": "VN", "period": "2019", "published": "2020-03-01", "value": "30"},
///     {"indicator": "level4", "unit": "VN", "period": "2023", "published": "2024-03-01", "value": "55"}]}"#,
///   &catalogue)?;
/// let evaluator = Evaluator::new(catalogue);
/// let evaluation = evaluator.evaluate(&observations, policy_targets::parse_date("2024-06-01")?)?;
/// let result = evaluation.get("level4_80").unwrap();
/// let p = result.progress_with(Method::EurostatCagr { years: 5 }).unwrap();
/// assert_eq!(p.required_pace(), Some("12.5".parse()?)); // (80 − 55) / 2 points a year
/// assert_eq!(p.category(), Some(Category::ModerateProgress)); // ratio 0.921
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    method: Method,
    base: Option<ProgressPoint>,
    latest: ProgressPoint,
    observed_pace: Option<Decimal>,
    required_pace: Option<Decimal>,
    observed_growth: Option<Decimal>,
    required_growth: Option<Decimal>,
    projected: Option<Decimal>,
    ratio: Option<Decimal>,
    outcome: Result<Category, Refusal>,
}

impl Progress {
    /// The method used.
    #[must_use]
    pub fn method(&self) -> Method {
        self.method
    }

    /// The base point the method measures from (the first point of its
    /// window), where it has one.
    #[must_use]
    pub fn base(&self) -> Option<ProgressPoint> {
        self.base
    }

    /// The latest point.
    #[must_use]
    pub fn latest(&self) -> ProgressPoint {
        self.latest
    }

    /// The observed change a year, in the indicator's unit: the line's slope
    /// (least squares), the mean of the last five yearly changes (Destatis),
    /// or the average change from the base to the latest point (the compound
    /// methods, for reading beside the required pace).
    #[must_use]
    pub fn observed_pace(&self) -> Option<Decimal> {
        self.observed_pace
    }

    /// The change a year still needed from the latest value to reach the rule's
    /// threshold by the deadline, in the indicator's unit: `(threshold −
    /// latest) / years left`. Zero or less (for a rule where higher is better)
    /// once the rule is met. `None` when no time is left.
    #[must_use]
    pub fn required_pace(&self) -> Option<Decimal> {
        self.required_pace
    }

    /// The observed compound annual growth from the base, in percent a year
    /// (compound methods only).
    #[must_use]
    pub fn observed_growth(&self) -> Option<Decimal> {
        self.observed_growth
    }

    /// The compound annual growth from the base that would reach the
    /// threshold at the deadline, in percent a year (Eurostat and Open SDG).
    #[must_use]
    pub fn required_growth(&self) -> Option<Decimal> {
        self.required_growth
    }

    /// The value the method projects at the deadline, where it projects one.
    #[must_use]
    pub fn projected(&self) -> Option<Decimal> {
        self.projected
    }

    /// The method's ratio: observed over required growth (Eurostat), the
    /// same signed by direction (Open SDG), projected change over the
    /// distance from the base (UNSD), observed over required pace (Destatis:
    /// the share of the remaining distance the trend covers), and for least
    /// squares the share of the distance from the line's present value to
    /// the threshold that the line covers by the deadline (1 or more exactly
    /// when the target is on track).
    #[must_use]
    pub fn ratio(&self) -> Option<Decimal> {
        self.ratio
    }

    /// The category, unless the method was refused.
    #[must_use]
    pub fn category(&self) -> Option<Category> {
        self.outcome.ok()
    }

    /// Why the method was refused, if it was.
    #[must_use]
    pub fn refusal(&self) -> Option<Refusal> {
        self.outcome.err()
    }

    /// The category, or why there is none.
    pub fn outcome(&self) -> Result<Category, Refusal> {
        self.outcome
    }
}

impl<'a> TargetResult<'a> {
    /// The progress assessment with the method in force: the evaluation's
    /// ([`crate::EvaluationOptions::method`]), else the indicator's
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
        if !matches!(
            self.status(),
            Status::Achieved | Status::OnTrack | Status::OffTrack | Status::InsufficientData
        ) || self.target().every_period().is_some()
        {
            return None;
        }
        let points: Vec<(Date, ProgressPoint)> = self
            .standing_points()
            .map(|(p, v)| (p.end(), ProgressPoint::new(p, v)))
            .collect();
        let input = Input {
            kind: self.indicator().kind(),
            rule: self.target().rule(),
            deadline_end: self.target().deadline().end(),
            points: &points,
            status: self.status(),
            line: self.status_line(),
        };
        let mut p = assess(&input, method)?;
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

/// What an assessment works from.
struct Input<'p> {
    kind: MetricKind,
    rule: Rule,
    deadline_end: Date,
    /// Standing points, sorted by period end; the last is the latest.
    points: &'p [(Date, ProgressPoint)],
    /// The SPEC v1 status (decided on the exact least-squares line).
    status: Status,
    /// That line, for the least-squares method.
    line: Option<StatusLine>,
}

/// `+1` when the rule wants higher values, `−1` when it wants lower ones.
fn direction(rule: Rule) -> Decimal {
    match rule {
        Rule::AtLeast(_) | Rule::MoreThan(_) => Decimal::ONE,
        _ => Decimal::NEGATIVE_ONE,
    }
}

fn assess(input: &Input<'_>, method: Method) -> Option<Progress> {
    let &(latest_end, latest) = input.points.last()?;
    let x_star = input.rule.threshold();
    let years_left = years_between(latest_end, input.deadline_end).filter(|y| *y > Decimal::ZERO);
    let required_pace = years_left.and_then(|y| x_star.checked_sub(latest.value)?.checked_div(y));
    let mut p = Progress {
        method,
        base: None,
        latest,
        observed_pace: None,
        required_pace,
        observed_growth: None,
        required_growth: None,
        projected: None,
        ratio: None,
        outcome: Err(Refusal::TooFewPoints),
    };
    let latest_meets = input.rule.is_met_by(latest.value);
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
                p.base = base_point(input, minus_years(latest_end, BASE_WINDOW_YEARS));
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
    Some(p)
}

/// The earliest point whose period ends on or after `from` and before the latest.
fn base_point(input: &Input<'_>, from: Option<Date>) -> Option<ProgressPoint> {
    let from = from?;
    let (latest_end, _) = input.points.last()?;
    input
        .points
        .iter()
        .find(|(end, _)| *end >= from && end < latest_end)
        .map(|(_, p)| *p)
}

fn least_squares(input: &Input<'_>, p: &mut Progress) -> Result<Category, Refusal> {
    let (latest_end, latest) = *input.points.last().ok_or(Refusal::TooFewPoints)?;
    let window_start = latest_end
        .to_julian_day()
        .saturating_sub(crate::engine::evaluator::PROJECTION_WINDOW_DAYS);
    p.base = input
        .points
        .iter()
        .find(|(end, _)| end.to_julian_day() >= window_start)
        .map(|(_, pt)| *pt)
        .filter(|b| b.period != latest.period);
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
        // so the ratio never contradicts `on_track` / `off_track`. (The pace
        // still needed is counted from the latest figure, as officials read
        // it, and can differ from the line's present value.) When the line
        // is at or past the threshold already, there is no distance left to
        // measure against: no ratio.
        let threshold = input.rule.threshold();
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

/// The number of Destatis's yearly changes averaged, and the fewest accepted.
const DESTATIS_CHANGES: usize = 5;
const DESTATIS_MIN_CHANGES: usize = 4;

fn destatis(input: &Input<'_>, p: &mut Progress, latest_meets: bool) -> Result<Category, Refusal> {
    let n = input.points.len();
    let first = n.saturating_sub(DESTATIS_CHANGES.saturating_add(1));
    let window = input.points.get(first..).unwrap_or_default();
    let (Some(&(first_end, base)), Some(&(last_end, latest))) = (window.first(), window.last())
    else {
        return Err(Refusal::TooFewPoints);
    };
    if window.len() < DESTATIS_MIN_CHANGES.saturating_add(1) {
        return if latest_meets {
            Ok(Category::Sun)
        } else {
            Err(Refusal::TooFewPoints)
        };
    }
    p.base = Some(base);
    let span = years_between(first_end, last_end)
        .filter(|y| *y > Decimal::ZERO)
        .ok_or(Refusal::TooFewPoints)?;
    let pace = latest
        .value
        .checked_sub(base.value)
        .and_then(|d| d.checked_div(span))
        .ok_or(Refusal::Overflow)?;
    p.observed_pace = Some(pace);
    if let Some(left) = years_between(last_end, input.deadline_end) {
        p.projected = pace
            .checked_mul(left)
            .and_then(|c| latest.value.checked_add(c));
    }
    p.ratio = ratio(p.observed_pace, p.required_pace);
    if latest_meets {
        return Ok(Category::Sun);
    }
    match p.ratio {
        Some(r) => Ok(Category::destatis(r)),
        // No distance left but the (strict) rule is not met: judge by direction.
        None => {
            let directed = pace
                .checked_mul(direction(input.rule))
                .ok_or(Refusal::Overflow)?;
            Ok(if directed > Decimal::ZERO {
                Category::Sun
            } else if directed.is_zero() {
                Category::Cloudy
            } else {
                Category::Thunderstorm
            })
        }
    }
}

/// The compound-growth methods: Eurostat, Open SDG (after its "target
/// achieved" check) and UNSD (likewise).
fn compound(
    input: &Input<'_>,
    p: &mut Progress,
    window_start: Option<Date>,
    method: Method,
) -> Result<Category, Refusal> {
    let (latest_end, latest) = *input.points.last().ok_or(Refusal::TooFewPoints)?;
    let base = base_point(input, window_start);
    let span = base.and_then(|b| years_between(b.period.end(), latest_end));
    if let (Some(b), Some(span)) = (base, span.filter(|y| *y > Decimal::ZERO)) {
        // The average change from the base, for reading beside the required pace.
        p.base = Some(b);
        p.observed_pace = latest
            .value
            .checked_sub(b.value)
            .and_then(|d| d.checked_div(span));
    }
    match input.kind {
        MetricKind::Rank => return Err(Refusal::CompoundGrowthOfRank),
        MetricKind::GrowthRate => return Err(Refusal::CompoundGrowthOfGrowthRate),
        _ => {}
    }
    let base = base.ok_or(Refusal::TooFewPoints)?;
    let base_end = base.period.end();
    let x_star = input.rule.threshold();
    let (y0, yt) = (base.value, latest.value);
    let span = span
        .filter(|y| *y > Decimal::ZERO)
        .ok_or(Refusal::TooFewPoints)?;
    if y0 <= Decimal::ZERO || yt <= Decimal::ZERO || x_star <= Decimal::ZERO {
        return Err(Refusal::NotPositive);
    }
    let observed = compound_growth(y0, yt, span)?;
    p.observed_growth = Some(observed);
    let to_deadline = years_between(base_end, input.deadline_end)
        .filter(|y| *y > Decimal::ZERO)
        .ok_or(Refusal::TooFewPoints)?;
    let base_meets = input.rule.is_met_by(y0);
    if x_star == y0 {
        return Err(Refusal::NoDistance);
    }
    if base_meets && method != Method::OpenSdg {
        return Err(Refusal::BaseMeetsTarget);
    }
    match method {
        Method::UnsdProjection => {
            let left = years_between(latest_end, input.deadline_end).ok_or(Refusal::Overflow)?;
            // ŷ = yt · (yt / y0)^(left / span)
            let factor = yt
                .checked_div(y0)
                .and_then(|r| pow(r, left.checked_div(span)?))
                .ok_or(Refusal::Overflow)?;
            let projected = yt.checked_mul(factor).ok_or(Refusal::Overflow)?;
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

/// The compound annual growth from `from` to `to` over `years`, in percent a
/// year: `((to / from)^(1 / years) − 1) × 100`.
///
/// Computed in decimal arithmetic: the root is taken through the natural
/// logarithm and exponential of `rust_decimal` and, for a whole number of
/// years, refined by Newton's method, which gives about 20 significant
/// digits or more (tests check 12).
///
/// ```
/// use policy_targets::{compound_growth, Refusal};
/// let g = compound_growth("100".parse()?, "103".parse()?, "5".parse()?)?;
/// assert_eq!(g.round_dp(3), "0.593".parse()?);
/// assert_eq!(compound_growth("0".parse()?, "3".parse()?, "5".parse()?), Err(Refusal::NotPositive));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// [`Refusal::NotPositive`] when `from` or `to` is zero or negative,
/// [`Refusal::TooFewPoints`] when `years` is not positive,
/// [`Refusal::Overflow`] when the arithmetic goes out of range.
pub fn compound_growth(from: Decimal, to: Decimal, years: Decimal) -> Result<Decimal, Refusal> {
    if from <= Decimal::ZERO || to <= Decimal::ZERO {
        return Err(Refusal::NotPositive);
    }
    if years <= Decimal::ZERO {
        return Err(Refusal::TooFewPoints);
    }
    to.checked_div(from)
        .and_then(|r| root(r, years))
        .and_then(|f| f.checked_sub(Decimal::ONE))
        .and_then(|g| g.checked_mul(Decimal::ONE_HUNDRED))
        .ok_or(Refusal::Overflow)
}

/// Open SDG's score for a signed ratio, from −5 to 5: `min(7.1429·R − 4.2857, 5)`
/// when `R ≥ 0.6`, else `max(4.1667·R − 2.5, −5)`. `None` on overflow.
///
/// ```
/// let s = policy_targets::open_sdg_score("0.95".parse()?).unwrap();
/// assert_eq!(s.round_dp(2), "2.50".parse()?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn open_sdg_score(ratio: Decimal) -> Option<Decimal> {
    if ratio >= Decimal::new(6, 1) {
        let s = Decimal::new(71429, 4)
            .checked_mul(ratio)?
            .checked_sub(Decimal::new(42857, 4))?;
        Some(s.min(Decimal::from(5)))
    } else {
        let s = Decimal::new(41667, 4)
            .checked_mul(ratio)?
            .checked_sub(Decimal::new(25, 1))?;
        Some(s.max(Decimal::from(-5)))
    }
}

/// ESCAP's current-status share: how much of the distance from the base to
/// the target has been covered, `(latest − base) / (target − base)`. `None`
/// when the target equals the base, or on overflow.
///
/// ```
/// let p = policy_targets::share_of_distance_covered("40".parse()?, "55".parse()?, "100".parse()?);
/// assert_eq!(p, Some("0.25".parse()?));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn share_of_distance_covered(
    base: Decimal,
    latest: Decimal,
    target: Decimal,
) -> Option<Decimal> {
    latest
        .checked_sub(base)?
        .checked_div(target.checked_sub(base).filter(|d| !d.is_zero())?)
}

/// Years from `a` to `b`: whole calendar years between the same day of the
/// year, else days over 365.25.
pub(crate) fn years_between(a: Date, b: Date) -> Option<Decimal> {
    if a.month() == b.month() && a.day() == b.day() {
        return Some(Decimal::from(b.year().checked_sub(a.year())?));
    }
    let days = b.to_julian_day().checked_sub(a.to_julian_day())?;
    Decimal::from(days).checked_div(Decimal::new(36525, 2))
}

/// The same day `n` years earlier (28 February for a 29th).
fn minus_years(d: Date, n: i32) -> Option<Date> {
    let year = d.year().checked_sub(n)?;
    d.replace_year(year)
        .ok()
        .or_else(|| d.replace_day(28).ok()?.replace_year(year).ok())
}

/// `base^exp` for a positive base.
fn pow(base: Decimal, exp: Decimal) -> Option<Decimal> {
    if exp.fract().is_zero() {
        return base.checked_powi(exp.to_i64()?);
    }
    base.checked_ln()?.checked_mul(exp)?.checked_exp()
}

/// `r^(1/n)` for positive `r` and `n`, refined by Newton's method when `n`
/// is a whole number.
fn root(r: Decimal, n: Decimal) -> Option<Decimal> {
    let mut x = r.checked_ln()?.checked_div(n)?.checked_exp()?;
    if n.fract().is_zero() && n <= Decimal::ONE_HUNDRED {
        let k = n.to_i64()?;
        for _ in 0..4 {
            let xk1 = x.checked_powi(k.checked_sub(1)?)?;
            let xk = xk1.checked_mul(x)?;
            let step = xk.checked_sub(r)?.checked_div(n.checked_mul(xk1)?)?;
            if step.is_zero() {
                break;
            }
            x = x.checked_sub(step)?;
        }
    }
    Some(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn roots_are_precise() {
        // 2^(1/2), 1.2^(1/7), 0.5^(1/3)
        let r = root(d("2"), d("2")).unwrap();
        assert_eq!(r.round_dp(20), d("1.41421356237309504880"));
        let r = root(d("1.2"), d("7")).unwrap();
        assert_eq!(r.round_dp(15), d("1.026388096257040"));
        let r = root(d("0.5"), d("3")).unwrap();
        assert_eq!(r.round_dp(18), d("0.793700525984099737"));
        // a fractional number of years goes through ln/exp only
        let r = root(d("2"), d("2.5")).unwrap();
        assert_eq!(r.round_dp(12), d("1.319507910773"));
    }

    #[test]
    fn years_are_whole_between_same_days() {
        let a = Date::from_calendar_date(2019, time::Month::December, 31).unwrap();
        let b = Date::from_calendar_date(2023, time::Month::December, 31).unwrap();
        assert_eq!(years_between(a, b), Some(d("4")));
        let c = Date::from_calendar_date(2024, time::Month::June, 30).unwrap();
        assert_eq!(years_between(b, c), Some(d("182") / d("365.25")));
        let leap = Date::from_calendar_date(2024, time::Month::February, 29).unwrap();
        assert_eq!(
            minus_years(leap, 1),
            Date::from_calendar_date(2023, time::Month::February, 28).ok()
        );
    }

    #[test]
    fn method_names_round_trip() {
        for m in Method::ALL {
            assert_eq!(m.to_string().parse::<Method>().unwrap(), m);
        }
        assert!("eurostat_cagr_0".parse::<Method>().is_err());
        assert!("eurostat_cagr_05".parse::<Method>().is_err());
        assert!("eurostat_cagr_51".parse::<Method>().is_err());
        for c in Category::ALL {
            assert_eq!(c.as_str().parse::<Category>().unwrap(), c);
        }
        for r in Refusal::ALL {
            assert_eq!(r.as_str().parse::<Refusal>().unwrap(), r);
        }
    }
}
