//! A progress assessment: how far a target not decided yet is, how fast it
//! moves and what it would take, by one method.

use rust_decimal::Decimal;

use crate::engine::progress::category::Category;
use crate::engine::progress::refusal::Refusal;
use crate::foundations::metric::{MetricKind, Rule};
use crate::foundations::period::Period;
use crate::model::method::Method;

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
    pub(crate) method: Method,
    pub(crate) rule: Rule,
    pub(crate) kind: MetricKind,
    pub(crate) deadline: Period,
    pub(crate) base: Option<ProgressPoint>,
    pub(crate) latest: ProgressPoint,
    pub(crate) pace_from: Decimal,
    pub(crate) observed_pace: Option<Decimal>,
    pub(crate) required_pace: Option<Decimal>,
    pub(crate) observed_growth: Option<Decimal>,
    pub(crate) required_growth: Option<Decimal>,
    pub(crate) projected: Option<Decimal>,
    pub(crate) ratio: Option<Decimal>,
    pub(crate) outcome: Result<Category, Refusal>,
}

impl Progress {
    /// An assessment by `method` from `latest`, refused for too few points
    /// until the method says otherwise.
    pub(crate) fn new(
        method: Method,
        (rule, kind, deadline): (Rule, MetricKind, Period),
        latest: ProgressPoint,
        required_pace: Option<Decimal>,
    ) -> Self {
        Progress {
            method,
            rule,
            kind,
            deadline,
            base: None,
            latest,
            pace_from: latest.value(),
            observed_pace: None,
            required_pace,
            observed_growth: None,
            required_growth: None,
            projected: None,
            ratio: None,
            outcome: Err(Refusal::TooFewPoints),
        }
    }

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
    /// (least squares), the mean of the last five yearly changes (Destatis;
    /// three or four with only four or five points),
    /// or the average change from the base to the latest point (the compound
    /// methods, for reading beside the required pace).
    #[must_use]
    pub fn observed_pace(&self) -> Option<Decimal> {
        self.observed_pace
    }

    /// The change a year still needed to reach the rule's threshold by the
    /// deadline, in the indicator's unit: `(threshold − start) / years left`,
    /// where the start is [`Progress::pace_from`] — the value the method's
    /// verdict starts from too (for least squares, the line's present value;
    /// otherwise the latest figure) — and the years are counted from the end
    /// of the latest figure's period to the end of the deadline. Zero or less
    /// (for a rule where higher is better) once the start meets the rule.
    /// `None` when no time is left: on and after the deadline's last day (at
    /// the as-of date), nothing more can be done.
    #[must_use]
    pub fn required_pace(&self) -> Option<Decimal> {
        self.required_pace
    }

    /// The value [`Progress::required_pace`] counts from, the same the
    /// method's verdict starts from: for [`Method::LeastSquares`], the
    /// fitted line's value at the latest figure (the status's own line, so
    /// that the pace needed and the pace observed compare as the verdict
    /// does); for the other methods, the latest figure's value.
    #[must_use]
    pub fn pace_from(&self) -> Decimal {
        self.pace_from
    }

    /// The rule of the target assessed.
    #[must_use]
    pub fn rule(&self) -> Rule {
        self.rule
    }

    /// The kind of the indicator assessed (a pace is in its unit a year).
    #[must_use]
    pub fn kind(&self) -> MetricKind {
        self.kind
    }

    /// The target's deadline.
    #[must_use]
    pub fn deadline(&self) -> Period {
        self.deadline
    }

    /// The projected value written as a whole place, for a rank: rounded up
    /// (towards the worse place), so that a place shown never meets a
    /// `within_top` rule the exact projection fails, nor the other way round
    /// (46.38 → 47; 50.2 is not within the top 50, and neither is 51). `None`
    /// for other kinds, or without a projection.
    ///
    /// ```
    /// use policy_targets::{Evaluator, Observations, Catalogue, parse_date};
    /// let catalogue = Catalogue::from_json(r#"{"format": "policy-targets/catalogue@1",
    ///   "indicators": [{"id": "egdi", "kind": "rank"}],
    ///   "targets": [{"id": "top50", "indicator": "egdi", "unit": "VN",
    ///                "rule": {"within_top": 50}, "deadline": "2030"}]}"#)?;
    /// let observations = Observations::from_json(r#"{"format": "policy-targets/observations@1",
    ///   "observations": [
    ///     {"indicator": "egdi", "unit": "VN", "period": "2022", "published": "2022-09-28", "value": 86},
    ///     {"indicator": "egdi", "unit": "VN", "period": "2024", "published": "2024-09-17", "value": 71}]}"#,
    ///   &catalogue)?;
    /// let evaluator = Evaluator::new(catalogue);
    /// let evaluation = evaluator.evaluate(&observations, parse_date("2026-06-01")?)?;
    /// let p = evaluation.get("top50").unwrap().progress().unwrap();
    /// assert_eq!(p.projected_place(), Some(27)); // the line climbs 7.49 places a year: 26.04
    /// assert_eq!(p.shortfall(), None); // within the top 50
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn projected_place(&self) -> Option<u32> {
        if self.kind != MetricKind::Rank {
            return None;
        }
        let up = self.projected?.ceil();
        if up < Decimal::ONE {
            return Some(1);
        }
        u32::try_from(
            up.mantissa()
                .checked_div(10_i128.checked_pow(up.scale())?)?,
        )
        .ok()
    }

    /// How far the projection falls short of the rule at the deadline, in
    /// the indicator's unit (places for a rank, counted from
    /// [`Progress::projected_place`]; percentage points for a percent);
    /// `Some(0)` for a strict rule projected exactly on its threshold.
    /// `None` when the projection meets the rule, or there is none.
    #[must_use]
    pub fn shortfall(&self) -> Option<Decimal> {
        let projected = match self.projected_place() {
            Some(place) => Decimal::from(place),
            None => self.projected?,
        };
        if self.rule.is_met_by(projected) {
            return None;
        }
        projected
            .checked_sub(self.rule.threshold())
            .map(|d| d.abs())
    }

    /// The years the observed pace was measured over: from the base's
    /// period to the latest figure's (`2019–2024`), where the method has a
    /// base. For least squares, the figures the line was fitted through
    /// (those within [`crate::evaluation::PROJECTION_WINDOW_DAYS`] days
    /// before the latest figure); for Destatis, its last five yearly changes; for the compound
    /// methods, their base year to the latest.
    #[must_use]
    pub fn window(&self) -> Option<(Period, Period)> {
        self.base.map(|b| (b.period(), self.latest.period()))
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
    /// when the target is on track). `None` where no distance is left to
    /// measure against: a target met already (`target_achieved`, and every
    /// Destatis symbol for a met target), a least-squares line at or past the
    /// threshold, a strict rule sitting on its threshold.
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
