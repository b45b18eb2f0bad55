//! The evaluation engine: the status of every target at an as-of date.

use std::fmt::{self, Write as _};
use std::str::FromStr;

use rust_decimal::Decimal;
use time::Date;

use crate::engine::progress::assessment::EvaluationOptions;
use crate::engine::roll_up::judge::RollUp;
use crate::foundations::error::{Error, ErrorKind, Problems};
use crate::foundations::exact::{Fit, Line, cmp_products, fits_decimal, pow10, to_decimal};
use crate::foundations::metric::{MetricKind, Rule};
use crate::foundations::period::Period;
use crate::foundations::text::format_date;
use crate::model::catalogue::Catalogue;
use crate::model::indicator::{Cadence, Indicator};
use crate::model::method::Method;
use crate::model::observation::{Obs, Observation, Observations};
use crate::model::reading::Reading;
use crate::model::target::Target;
use crate::model::units::Units;
use crate::presentation::format::results::read::{
    EvidenceRecord, ProgressRecord, ResultRecord, ResultsDocument,
};

/// How far back the projection looks from the latest point, in days (five years).
pub const PROJECTION_WINDOW_DAYS: i32 = 1826;

/// The status of a target at an as-of date.
///
/// | status | when |
/// | --- | --- |
/// | `met` | the deadline has passed and the closing observation meets the rule |
/// | `missed` | the deadline has passed and the closing observation does not meet the rule |
/// | `awaiting_data` | the deadline has passed, there is no closing observation yet, and some observation is visible |
/// | `achieved` | the deadline has not passed and the latest observation already meets the rule |
/// | `on_track` | the deadline has not passed, the latest does not meet the rule, and the projection at the deadline does |
/// | `off_track` | as `on_track`, but the projection does not meet the rule |
/// | `insufficient_data` | the deadline has not passed, the latest does not meet the rule, and there are fewer than two points to project from |
/// | `no_data` | no observation of the indicator for the unit is visible |
/// | `ambiguous` | several series could serve and none is named |
/// | `discontinued` | the indicator was discontinued on or before the as-of date, and no observation decides the target |
/// | `not_poolable` | a pooled target's units publish values without numerator and denominator (or their sums overflow), so no share of all dossiers can be formed |
/// | `no_units` | a target at a level finds no unit of that level in its scope (the level ended, or no units were given) |
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Status {
    /// The deadline has passed and the closing figure meets the rule.
    Met,
    /// The deadline has passed and the closing figure does not meet the rule.
    Missed,
    /// The deadline has passed; the closing figure is not published yet.
    AwaitingData,
    /// Before the deadline, the latest figure already meets the rule.
    Achieved,
    /// Before the deadline, the trend reaches the rule by the deadline.
    OnTrack,
    /// Before the deadline, the trend does not reach the rule by the deadline.
    OffTrack,
    /// Before the deadline, too few figures to project a trend.
    InsufficientData,
    /// No figure is published for the indicator and unit.
    NoData,
    /// Figures come from several publishers and the target names none.
    Ambiguous,
    /// The indicator was discontinued and no figure decides the target.
    Discontinued,
    /// A pooled target whose units' figures cannot be summed into one share:
    /// a value without numerator and denominator, or sums that overflow. A
    /// mean of the units' percentages is never used instead.
    NotPoolable,
    /// A target at a level with no unit of that level in its scope on the
    /// day it is judged (for example the district level after 2025-06-30).
    NoUnits,
}

impl Status {
    /// Every status, in the order of the table above. A slice, not an
    /// array: `Status` is `#[non_exhaustive]`, and a new status must not
    /// change this constant's type.
    pub const ALL: &'static [Status] = &[
        Status::Met,
        Status::Missed,
        Status::AwaitingData,
        Status::Achieved,
        Status::OnTrack,
        Status::OffTrack,
        Status::InsufficientData,
        Status::NoData,
        Status::Ambiguous,
        Status::Discontinued,
        Status::NotPoolable,
        Status::NoUnits,
    ];

    /// The status's name in the JSON formats (`met`, `awaiting_data`, ...).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::Missed => "missed",
            Status::AwaitingData => "awaiting_data",
            Status::Achieved => "achieved",
            Status::OnTrack => "on_track",
            Status::OffTrack => "off_track",
            Status::InsufficientData => "insufficient_data",
            Status::NoData => "no_data",
            Status::Ambiguous => "ambiguous",
            Status::Discontinued => "discontinued",
            Status::NotPoolable => "not_poolable",
            Status::NoUnits => "no_units",
        }
    }

    /// The status in words for people, in English: `met`, `awaiting data`,
    /// `achieved early`, `on track`.
    #[must_use]
    pub fn label_en(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::Missed => "missed",
            Status::AwaitingData => "awaiting data",
            Status::Achieved => "achieved early",
            Status::OnTrack => "on track",
            Status::OffTrack => "off track",
            Status::InsufficientData => "insufficient data",
            Status::NoData => "no data",
            Status::Ambiguous => "ambiguous",
            Status::Discontinued => "discontinued",
            Status::NotPoolable => "not poolable",
            Status::NoUnits => "no units",
        }
    }

    /// The status in words for people, in Vietnamese, as a monitoring
    /// report writes it: `Đạt`, `Không đạt`, `Chờ số liệu`, `Đã đạt sớm`,
    /// `Đúng tiến độ`, `Chậm tiến độ`.
    ///
    /// ```
    /// use policy_targets::Status;
    /// assert_eq!(Status::OffTrack.label_vi(), "Chậm tiến độ");
    /// ```
    #[must_use]
    pub fn label_vi(self) -> &'static str {
        match self {
            Status::Met => "Đạt",
            Status::Missed => "Không đạt",
            Status::AwaitingData => "Chờ số liệu",
            Status::Achieved => "Đã đạt sớm",
            Status::OnTrack => "Đúng tiến độ",
            Status::OffTrack => "Chậm tiến độ",
            Status::InsufficientData => "Chưa đủ số liệu",
            Status::NoData => "Chưa có số liệu",
            Status::Ambiguous => "Nguồn chưa rõ",
            Status::Discontinued => "Ngừng công bố",
            Status::NotPoolable => "Không gộp được",
            Status::NoUnits => "Không có đơn vị",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Status {
    type Err = Error;

    fn from_str(s: &str) -> Result<Status, Error> {
        Status::ALL
            .iter()
            .copied()
            .find(|st| st.as_str() == s)
            .ok_or_else(|| {
                Error::single(
                    ErrorKind::InvalidValue,
                    "",
                    format!(
                        "`{s}` is not a status: use one of {}",
                        Status::ALL
                            .iter()
                            .map(|st| st.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )
            })
    }
}

/// Evaluates a catalogue's targets against observations.
///
/// Built once from a [`Catalogue`], immutable, `Send + Sync`: share it
/// between threads and evaluate as often as needed, at any as-of date,
/// against any [`Observations`] loaded for the same indicators.
///
/// ```
/// use policy_targets::{Catalogue, Evaluator, Observations, Status};
/// let catalogue = Catalogue::from_json(r#"{"format": "policy-targets/catalogue@1",
///   "indicators": [{"id": "egdi_rank", "kind": "rank", "out_of": 193, "cadence": "biennial",
///                   "publication_lag_days": 270}],
///   "targets": [{"id": "egdi_top70", "indicator": "egdi_rank", "unit": "VN",
///                "rule": {"within_top": 70}, "deadline": "2025"}]}"#)?;
/// let observations = Observations::from_json(r#"{"format": "policy-targets/observations@1",
///   "observations": [{"indicator": "egdi_rank", "unit": "VN", "period": "2024",
///                     "published": "2024-09-17", "value": 71}]}"#, &catalogue)?;
/// let evaluator = Evaluator::new(catalogue);
/// let as_of = "2026-11-28".parse::<policy_targets::Period>()?.end();
/// let evaluation = evaluator.evaluate(&observations, as_of)?;
/// let result = evaluation.get("egdi_top70").unwrap();
/// assert_eq!(result.status(), Status::Missed);
/// assert_eq!(result.explanation(), "Closing value 71 (2024, published 2024-09-17) is not within the top 70.");
/// # Ok::<(), policy_targets::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Evaluator {
    catalogue: Catalogue,
    units: Option<Units>,
    /// The indicators (by index) of the targets with `applies_to`, found
    /// once: their pooled sums are computed together in each evaluation.
    rollup_indicators: Vec<usize>,
}

impl Evaluator {
    /// An evaluator for the targets of `catalogue`.
    #[must_use]
    pub fn new(catalogue: Catalogue) -> Self {
        let mut rollup_indicators: Vec<usize> = catalogue
            .targets_by_id()
            .filter(|(t, ..)| t.applies_to().is_some())
            .map(|(_, _, ii, _)| ii)
            .collect();
        rollup_indicators.sort_unstable();
        rollup_indicators.dedup();
        Evaluator {
            catalogue,
            units: None,
            rollup_indicators,
        }
    }

    /// Gives the evaluator the units that targets with `applies_to` roll up
    /// over (see the crate docs, "Targets at a level"). Without units such
    /// targets are `no_units`.
    #[must_use]
    pub fn with_units(mut self, units: Units) -> Self {
        self.units = Some(units);
        self
    }

    /// The units it rolls up over, if given.
    #[must_use]
    pub fn units(&self) -> Option<&Units> {
        self.units.as_ref()
    }

    /// The catalogue it evaluates.
    #[must_use]
    pub fn catalogue(&self) -> &Catalogue {
        &self.catalogue
    }

    /// The status of every target at `as_of`, sorted by target id.
    ///
    /// Only observations published on or before `as_of` are seen, so an
    /// evaluation re-run after new figures arrive gives the same answer.
    ///
    /// # Errors
    /// [`ErrorKind::KindMismatch`] when `observations` were checked against a
    /// catalogue that defines one of this catalogue's indicators otherwise
    /// (another kind or range): their values were never checked for this one.
    pub fn evaluate<'a>(
        &'a self,
        observations: &'a Observations,
        as_of: Date,
    ) -> Result<Evaluation<'a>, Error> {
        self.evaluate_with(observations, as_of, &EvaluationOptions::default())
    }

    /// As [`Evaluator::evaluate`], with options: the progress method for
    /// every target ([`EvaluationOptions::method`]). The statuses do not
    /// depend on the options; only [`TargetResult::progress`] does.
    ///
    /// # Errors
    /// As [`Evaluator::evaluate`].
    pub fn evaluate_with<'a>(
        &'a self,
        observations: &'a Observations,
        as_of: Date,
        options: &EvaluationOptions,
    ) -> Result<Evaluation<'a>, Error> {
        self.check(observations)?;
        let method = options.method_override();
        // Resolve each indicator and unit to the observations' ids once.
        let indicator_ids: Vec<Option<u32>> = self
            .catalogue
            .indicators()
            .iter()
            .map(|i| observations.string_id(i.id()))
            .collect();
        let unit_ids: Vec<Option<u32>> = self
            .catalogue
            .units()
            .iter()
            .map(|u| observations.string_id(u))
            .collect();
        let mut roll =
            crate::engine::roll_up::judge::Context::new(self.units.as_ref(), observations, as_of);
        // Pooled targets on several indicators are summed in one walk over
        // the units, which reads the store in its own order.
        for &ii in &self.rollup_indicators {
            if let Some(indicator) = self.catalogue.indicators().get(ii) {
                roll.expect_indicator(indicator, indicator_ids.get(ii).copied().flatten());
            }
        }
        let mut results = Vec::with_capacity(self.catalogue.targets().len());
        results.extend(
            self.catalogue
                .targets_by_id()
                .map(|(target, indicator, ii, ui)| {
                    if let Some(applies_to) = target.applies_to() {
                        let ind_id = indicator_ids.get(ii).copied().flatten();
                        let mut r = roll.judge(target, indicator, applies_to, ind_id);
                        r.method = method;
                        return r;
                    }
                    let group = match (
                        indicator_ids.get(ii).copied().flatten(),
                        unit_ids.get(ui).copied().flatten(),
                    ) {
                        (Some(i), Some(u)) => observations.group_by_ids(i, u),
                        _ => &[],
                    };
                    let mut r = judge(target, indicator, observations, group, as_of);
                    r.method = method;
                    r
                }),
        );
        Ok(Evaluation { as_of, results })
    }

    /// The status of one target at `as_of`, or `None` if there is no such target.
    ///
    /// # Errors
    /// As [`Evaluator::evaluate`].
    pub fn evaluate_target<'a>(
        &'a self,
        target: &str,
        observations: &'a Observations,
        as_of: Date,
    ) -> Result<Option<TargetResult<'a>>, Error> {
        self.check(observations)?;
        let Some(t) = self.catalogue.target(target) else {
            return Ok(None);
        };
        if let Some(applies_to) = t.applies_to() {
            let mut roll = crate::engine::roll_up::judge::Context::new(
                self.units.as_ref(),
                observations,
                as_of,
            );
            let ind_id = observations.string_id(t.indicator());
            return Ok(self
                .catalogue
                .indicator(t.indicator())
                .map(|ind| roll.judge(t, ind, applies_to, ind_id)));
        }
        let group = observations.group(t.indicator(), t.unit());
        Ok(self
            .catalogue
            .indicator(t.indicator())
            .map(|ind| judge(t, ind, observations, group, as_of)))
    }

    fn check(&self, observations: &Observations) -> Result<(), Error> {
        let mut problems = Problems::default();
        for ind in self.catalogue.indicators() {
            if let Err(m) = observations.check_shape(ind) {
                problems.push(ErrorKind::KindMismatch, "", m);
            }
        }
        problems.into_result()
    }
}

/// The statuses of a catalogue's targets at one as-of date.
#[derive(Debug, Clone)]
pub struct Evaluation<'a> {
    as_of: Date,
    results: Vec<TargetResult<'a>>,
}

impl<'a> Evaluation<'a> {
    /// The as-of date.
    #[must_use]
    pub fn as_of(&self) -> Date {
        self.as_of
    }

    /// One result per target, sorted by target id.
    #[must_use]
    pub fn results(&self) -> &[TargetResult<'a>] {
        &self.results
    }

    /// The result for one target.
    #[must_use]
    pub fn get(&self, target: &str) -> Option<&TargetResult<'a>> {
        self.results
            .binary_search_by(|r| r.target.id().cmp(target))
            .ok()
            .and_then(|i| self.results.get(i))
    }

    /// How many targets have each status: every status once, zeros
    /// included, in [`Status::ALL`] order.
    #[must_use]
    pub fn counts(&self) -> Vec<(Status, usize)> {
        Status::ALL.iter().map(|&s| (s, self.count(s))).collect()
    }

    /// How many targets have `status`.
    #[must_use]
    pub fn count(&self, status: Status) -> usize {
        self.results.iter().filter(|r| r.status == status).count()
    }

    /// The results as an owned document, with every explanation written out.
    #[must_use]
    pub fn to_document(&self) -> ResultsDocument {
        ResultsDocument::new(
            self.as_of,
            self.results.iter().map(TargetResult::to_record).collect(),
        )
    }

    /// The results as a `policy-targets/results@1` JSON document.
    #[must_use]
    pub fn to_json(&self) -> String {
        self.to_document().to_json()
    }
}

/// The status of one target, with the evidence it rests on.
///
/// The explanation is written only when asked for ([`TargetResult::explanation`]),
/// so that evaluating many targets stays cheap.
#[derive(Debug, Clone)]
pub struct TargetResult<'a> {
    target: &'a Target,
    indicator: &'a Indicator,
    store: &'a Observations,
    status: Status,
    evidence: Evidence<'a>,
    trend: Option<Trend>,
    /// The observations the target could read (its indicator and unit).
    group: &'a [Obs],
    /// The observations of the series it reads (empty when none was chosen).
    slice: &'a [Obs],
    /// The progress method set by the evaluation's options, if any.
    method: Option<Method>,
    as_of: Date,
    /// For a target at a level: how its units were rolled up.
    roll_up: Option<Box<RollUp<'a>>>,
}

/// The figure a result rests on: one of the store's, or, for a target at a
/// level, one the engine made (a pooled or merged figure). Kept small: a
/// result is written for every target of every evaluation.
#[derive(Debug, Clone, PartialEq)]
enum Evidence<'a> {
    None,
    Stored(&'a Obs),
    Owned(Box<Obs>),
}

impl<'a> Evidence<'a> {
    fn stored(o: Option<&'a Obs>) -> Self {
        o.map_or(Evidence::None, Evidence::Stored)
    }

    fn get(&self) -> Option<&Obs> {
        match self {
            Evidence::None => None,
            Evidence::Stored(o) => Some(o),
            Evidence::Owned(o) => Some(o),
        }
    }
}

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
struct Trend {
    points: u32,
    outcome: ProjectionOutcome,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ProjectionOutcome {
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

impl<'a> TargetResult<'a> {
    /// The target.
    #[must_use]
    pub fn target(&self) -> &'a Target {
        self.target
    }

    /// The target's indicator.
    #[must_use]
    pub fn indicator(&self) -> &'a Indicator {
        self.indicator
    }

    /// The status.
    #[must_use]
    pub fn status(&self) -> Status {
        self.status
    }

    /// The observation the status rests on: the closing one for `met` and
    /// `missed`, the latest one before the deadline; for `awaiting_data` and
    /// `discontinued`, the latest visible one, for context. For a pooled
    /// target it is the pooled figure (the summed counts, no source or note;
    /// its unit is the scope, or empty when no observation names the scope);
    /// for an `each` target, the deciding unit's figure.
    #[must_use]
    pub fn evidence(&self) -> Option<Observation<'a>> {
        self.evidence
            .get()
            .map(|obs| Observation::new(*obs, self.store))
    }

    /// For a target with `applies_to`: the units it was judged over, each
    /// unit's own status, and the pooled numerator and denominator.
    #[must_use]
    pub fn roll_up(&self) -> Option<&RollUp<'a>> {
        self.roll_up.as_deref()
    }

    /// The projection, for `on_track`, `off_track` and `insufficient_data`.
    #[must_use]
    pub fn projection(&self) -> Option<Projection> {
        let trend = self.trend?;
        let meets = trend.outcome == ProjectionOutcome::Meets;
        let fitted = match trend.outcome {
            ProjectionOutcome::Meets | ProjectionOutcome::Misses => {
                // Before the deadline the evidence is the latest figure.
                self.evidence.get().map(|latest| {
                    let t = self.target;
                    project(
                        self.series(),
                        latest,
                        self.as_of,
                        t.deadline().end(),
                        t.rule(),
                    )
                    .1
                })
            }
            ProjectionOutcome::TooFewPoints | ProjectionOutcome::Overflow => None,
        };
        let value = fitted
            .filter(|&(_, den)| den > 0)
            .and_then(|(num, den)| to_decimal(num, den))
            .map(|v| readable(self.indicator.clamp(v), self.target.rule(), meets));
        Some(Projection {
            value,
            points: trend.points,
        })
    }

    /// The projected value at the deadline, where one was computed.
    #[must_use]
    pub fn projected(&self) -> Option<Decimal> {
        self.projection().and_then(|p| p.value)
    }

    /// One plain English sentence saying why the target has its status.
    #[must_use]
    pub fn explanation(&self) -> String {
        let mut s = String::new();
        // Writing to a String cannot fail.
        let _ = match &self.roll_up {
            Some(r) => r.explain(self, &mut s),
            None => self.explain(&mut s),
        };
        s
    }

    /// The as-of date of the evaluation.
    #[must_use]
    pub fn as_of(&self) -> Date {
        self.as_of
    }

    /// The progress method in force: the evaluation's, else the indicator's,
    /// else [`Method::LeastSquares`].
    #[must_use]
    pub fn method_in_force(&self) -> Method {
        self.method
            .or(self.indicator.progress_method())
            .unwrap_or_default()
    }

    /// The standing points of the target's series at the as-of date, by
    /// period end: each period's value (a share of counts as its percentage).
    /// For a pooled target, the pooled series.
    pub(crate) fn standing_points(&self) -> impl Iterator<Item = (Period, Decimal)> + '_ {
        standing(self.series(), self.as_of).map(|o| (o.period, o.reading.value()))
    }

    /// The series the status rests on: the target's own, or for a pooled
    /// target the pooled one.
    fn series(&self) -> &[Obs] {
        match &self.roll_up {
            Some(r) if !r.series().is_empty() => r.series(),
            _ => self.slice,
        }
    }

    /// The least-squares line the status rests on, through the latest
    /// figure's window; `None` when there is no latest figure.
    pub(crate) fn status_line(&self) -> Option<StatusLine> {
        let latest = self.evidence.get()?;
        Some(match fit_window(self.series(), latest, self.as_of) {
            Fit::Line(line, _) => {
                let origin = latest.period.end().to_julian_day();
                let x = self
                    .target
                    .deadline()
                    .end()
                    .to_julian_day()
                    .saturating_sub(origin);
                let value = |x: i128| line.at(x).and_then(|(n, d)| to_decimal(n, d));
                StatusLine::Line {
                    per_year: line.slope_times(Decimal::new(36525, 2)),
                    now: value(0),
                    at_deadline: value(i128::from(x)),
                }
            }
            Fit::TooFewPoints(_) => StatusLine::TooFewPoints,
            Fit::Overflow(_) => StatusLine::Overflow,
        })
    }

    /// The standing observations of the target's series at the as-of date.
    pub(crate) fn standing_obs(&self) -> impl DoubleEndedIterator<Item = &'a Obs> + Clone {
        standing(self.slice, self.as_of)
    }

    pub(crate) fn explain(&self, out: &mut String) -> fmt::Result {
        let t = self.target;
        if self.status != Status::Discontinued
            && let Some(every) = self.every_period()
        {
            return every.explain(self, out);
        }
        let kind = self.indicator.kind();
        let rule = t.rule().display_in(kind);
        let deadline = t.deadline();
        let name = self.indicator.names().en().unwrap_or(self.indicator.id());
        // `82.1% (2025, published 2026-03-01)`
        let figure = |o: &Obs| {
            format!(
                "{} ({}, published {})",
                Shown(o, kind),
                o.period,
                format_date(o.published)
            )
        };
        match (self.status, self.evidence.get()) {
            (Status::Met, Some(o)) => {
                write!(out, "Closing value {} is {rule}", figure(o))?;
                self.note_discontinued(out)
            }
            (Status::Missed, Some(o)) => {
                write!(out, "Closing value {} is not {rule}", figure(o))?;
                self.note_discontinued(out)
            }
            (Status::AwaitingData, _) => {
                write!(out, "The deadline {deadline} has passed, but ")?;
                match (t.judged_on(), self.indicator.cadence()) {
                    (Some(p), _) => write!(out, "the closing figure for {p} is not published yet")?,
                    (None, Cadence::Biennial | Cadence::Irregular) => {
                        let lag = self.indicator.publication_lag_days();
                        let due = add_days(deadline.end(), lag)
                            .map_or_else(|| "the end of the calendar".to_owned(), format_date);
                        write!(
                            out,
                            "the closing figure is not expected before {due} ({lag} days after the deadline)"
                        )?;
                    }
                    (None, cadence) => match closing_period(deadline, cadence) {
                        Some(p) => write!(out, "the figure for {p} is not published yet")?,
                        None => write!(out, "the closing figure is not published yet")?,
                    },
                }
                match self.evidence.get() {
                    Some(o) => write!(out, "; the latest is {}.", figure(o)),
                    None => out.write_char('.'),
                }
            }
            (Status::Achieved, Some(o)) => {
                write!(
                    out,
                    "Latest value {} is already {rule}, before the deadline {deadline}",
                    figure(o)
                )?;
                self.note_discontinued(out)
            }
            (Status::OnTrack | Status::OffTrack | Status::InsufficientData, Some(o)) => {
                write!(out, "Latest value {} is not yet {rule}", figure(o))?;
                let (Some(p), Some(trend)) = (self.projection(), self.trend) else {
                    return out.write_char('.');
                };
                let on = format_date(deadline.end());
                match (trend.outcome, p.value) {
                    (ProjectionOutcome::Meets, Some(v)) => {
                        write!(
                            out,
                            "; the trend through {} points projects {} on {on}, which is {rule}.",
                            p.points,
                            ProjectedShown(v, kind)
                        )
                    }
                    (ProjectionOutcome::Misses, Some(v)) => write!(
                        out,
                        "; the trend through {} points projects {} on {on}, which is not {rule}.",
                        p.points,
                        ProjectedShown(v, kind)
                    ),
                    (ProjectionOutcome::Meets, None) => {
                        write!(
                            out,
                            "; the trend through {} points reaches the rule by {on} (the projected value is too large to print).",
                            p.points
                        )
                    }
                    (ProjectionOutcome::Misses, None) => {
                        write!(
                            out,
                            "; the trend through {} points does not reach the rule by {on} (the projected value is too large to print).",
                            p.points
                        )
                    }
                    (ProjectionOutcome::Overflow, _) => {
                        write!(
                            out,
                            ", and the trend could not be projected: the arithmetic overflowed."
                        )
                    }
                    (ProjectionOutcome::TooFewPoints, _) if p.points >= 2 => write!(
                        out,
                        ", and its {} points within five years all end on the same day, so no trend can be drawn.",
                        p.points
                    ),
                    (ProjectionOutcome::TooFewPoints, _) => {
                        write!(
                            out,
                            ", and it is the only point within five years, too few to project a trend."
                        )
                    }
                }
            }
            (Status::NoData, _) => {
                write!(out, "No figure of “{name}” for {}", t.unit())?;
                if let Some(s) = series_name(t, self.indicator) {
                    write!(out, " in series “{s}”")?;
                }
                write!(out, " is published as of {}.", format_date(self.as_of))
            }
            (Status::Ambiguous, _) => write!(
                out,
                "Figures of “{name}” for {} come from several series ({}) and neither the target nor the indicator names one; figures from different publishers are not mixed.",
                t.unit(),
                self.series_seen().join(", ")
            ),
            (Status::Discontinued, _) => {
                write!(out, "{name} was discontinued")?;
                if let Some(d) = self.indicator.discontinued() {
                    write!(out, " on {}", format_date(d.on()))?;
                    if let Some(n) = d.note() {
                        write!(out, " ({})", n.trim_end_matches('.'))?;
                    }
                }
                match self.evidence.get() {
                    Some(o) => write!(
                        out,
                        ", and no published figure decides the target; the last is {}.",
                        figure(o)
                    ),
                    None => write!(out, ", and no published figure decides the target."),
                }
            }
            // Only targets at a level have these; their roll-up explains them.
            (status @ (Status::NotPoolable | Status::NoUnits), _) | (status, None) => {
                write!(out, "Status {status} without evidence.")
            }
        }
    }

    /// Ends a sentence, saying so when the indicator had been discontinued
    /// by the as-of date: a target can be decided by a figure published
    /// before the end.
    fn note_discontinued(&self, out: &mut String) -> fmt::Result {
        match self.indicator.discontinued() {
            Some(d) if d.on() <= self.as_of => write!(
                out,
                "; the indicator was discontinued on {}.",
                format_date(d.on())
            ),
            _ => out.write_char('.'),
        }
    }

    /// The names of the series visible in the target's group.
    fn series_seen(&self) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for o in self.group.iter().filter(|o| o.published <= self.as_of) {
            let name = self
                .store
                .text(o.series)
                .map_or_else(|| "(unnamed)".to_owned(), |s| format!("“{s}”"));
            if !names.contains(&name) {
                names.push(name);
            }
        }
        names.sort();
        names
    }

    /// This result as a record of the results document.
    #[must_use]
    pub fn to_record(&self) -> ResultRecord {
        ResultRecord {
            target: self.target.id().to_owned(),
            unit: self.target.unit().to_owned(),
            status: self.status,
            evidence: self
                .evidence()
                .map(|o| EvidenceRecord::from_observation(&o)),
            projected: self.projected(),
            explanation: Some(self.explanation()),
            progress: self.progress().map(|p| ProgressRecord::from_progress(&p)),
            every_period: self.every_period().map(|e| e.to_record()),
            roll_up: self.roll_up.as_ref().map(|r| r.to_record()),
        }
    }
}

/// A reading shown with its kind's unit: `82.1%`, `71`, `29/100 = 29%`.
pub(crate) struct Shown<'o>(pub(crate) &'o Obs, pub(crate) MetricKind);

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.reading {
            Reading::Value(v) => write!(f, "{}", ValueShown(v, self.1)),
            r => write!(f, "{r}"),
        }
    }
}

/// A value with its kind's unit: `82.1%` for shares and growth rates.
pub(crate) struct ValueShown(pub(crate) Decimal, pub(crate) MetricKind);

impl fmt::Display for ValueShown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.1 {
            MetricKind::Percent | MetricKind::GrowthRate => write!(f, "{}%", self.0),
            _ => write!(f, "{}", self.0),
        }
    }
}

/// A projected value: a rank as a place to one decimal (`about 9.8`), other
/// kinds as [`ValueShown`].
struct ProjectedShown(Decimal, MetricKind);

impl fmt::Display for ProjectedShown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.1 {
            MetricKind::Rank => write!(f, "a rank of about {}", self.0.round_dp(1).normalize()),
            kind => write!(f, "{}", ValueShown(self.0, kind)),
        }
    }
}

pub(crate) fn series_name<'t>(t: &'t Target, ind: &'t Indicator) -> Option<&'t str> {
    t.series().or(ind.series())
}

fn add_days(d: Date, days: u32) -> Option<Date> {
    let jd = d.to_julian_day().checked_add(i32::try_from(days).ok()?)?;
    let out = Date::from_julian_day(jd).ok()?;
    (out.year() <= 9999).then_some(out)
}

/// The period of an annual, quarterly or monthly indicator that closes a
/// deadline: the year, quarter or month containing its last day.
fn closing_period(deadline: Period, cadence: Cadence) -> Option<Period> {
    Period::enclosing(deadline.end(), cadence.period_kind()?)
}

/// The observations that stand at `as_of`: for each period, the last one
/// published on or before `as_of` (a revision replaces the earlier figure).
/// `slice` is one series, sorted by period end, start (longer first) and
/// publication date.
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
fn standing_for(slice: &[Obs], as_of: Date, period: Period) -> Option<&Obs> {
    let lo = slice.partition_point(|o| o.period.end() < period.end());
    let rest = slice.get(lo..)?;
    let skip = rest
        .partition_point(|o| o.period.end() == period.end() && o.period.start() > period.start());
    rest.get(skip..)?
        .iter()
        .take_while(|o| o.period.same_span(&period) && o.published <= as_of)
        .last()
}

/// Decides one target.
fn judge<'a>(
    target: &'a Target,
    indicator: &'a Indicator,
    store: &'a Observations,
    group: &'a [Obs],
    as_of: Date,
) -> TargetResult<'a> {
    let mut result = TargetResult::blank(target, indicator, store, group, as_of);
    // 3.2: choose the series.
    let slice = match series_name(target, indicator) {
        Some(name) => match store.string_id(name) {
            Some(sid) => {
                let lo = group.partition_point(|o| o.series < sid);
                let hi = group.partition_point(|o| o.series <= sid);
                group.get(lo..hi).unwrap_or(&[])
            }
            None => &[],
        },
        // The group is sorted by series: one series when first and last agree.
        None if group.first().map(|o| o.series) == group.last().map(|o| o.series) => group,
        None => {
            let mut visible = group.iter().filter(|o| o.published <= as_of);
            let Some(first) = visible.next() else {
                return decide_without_data(result);
            };
            let sid = first.series;
            if visible.any(|o| o.series != sid) {
                result.status = Status::Ambiguous;
                return result;
            }
            let lo = group.partition_point(|o| o.series < sid);
            let hi = group.partition_point(|o| o.series <= sid);
            group.get(lo..hi).unwrap_or(&[])
        }
    };
    result.slice = slice;
    let evidence = decide_on(&mut result, slice);
    result.evidence = Evidence::stored(evidence);
    result
}

/// Decides a target on a series the engine made, such as a pooled one: the
/// evidence is kept by value, since the series does not outlive the call.
pub(crate) fn decide<'a>(mut result: TargetResult<'a>, slice: &[Obs]) -> TargetResult<'a> {
    let evidence = decide_on(&mut result, slice).copied();
    result.evidence = evidence.map_or(Evidence::None, |o| Evidence::Owned(Box::new(o)));
    result
}

/// Decides a target on one series of observations, `slice` (sorted as the
/// store sorts a series), setting its status and trend; returns the
/// observation the status rests on.
fn decide_on<'s>(result: &mut TargetResult<'_>, slice: &'s [Obs]) -> Option<&'s Obs> {
    let (target, indicator, as_of) = (result.target, result.indicator, result.as_of);
    let discontinued = indicator.discontinued().is_some_and(|d| d.on() <= as_of);
    if let Some(every) = target.every_period() {
        let (status, evidence) = crate::engine::every_period::judge(
            every,
            target,
            indicator,
            slice,
            as_of,
            discontinued,
        );
        result.status = status;
        return evidence;
    }
    let latest = standing(slice, as_of).next_back();
    let rule = target.rule();
    let meets = |o: &Obs| o.reading.meets(rule);
    let deadline = target.deadline();
    if as_of > deadline.end() {
        // 3.4: the closing observation.
        let closing = match (target.judged_on(), indicator.cadence()) {
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
        };
        if let Some(c) = closing {
            result.status = if meets(c) {
                Status::Met
            } else {
                Status::Missed
            };
            return Some(c);
        }
        result.status = match latest {
            _ if discontinued => Status::Discontinued,
            Some(_) => Status::AwaitingData,
            None => Status::NoData,
        };
        return latest;
    }
    let Some(latest) = latest else {
        result.status = status_without_data(result);
        return None;
    };
    if meets(latest) {
        result.status = Status::Achieved;
        return Some(latest);
    }
    if discontinued {
        result.status = Status::Discontinued;
        return Some(latest);
    }
    let (trend, _) = project(slice, latest, as_of, deadline.end(), rule);
    result.status = match trend.outcome {
        ProjectionOutcome::Meets => Status::OnTrack,
        ProjectionOutcome::Misses => Status::OffTrack,
        ProjectionOutcome::TooFewPoints | ProjectionOutcome::Overflow => Status::InsufficientData,
    };
    result.trend = Some(trend);
    Some(latest)
}

impl<'a> TargetResult<'a> {
    /// A result not decided yet (`no_data`, no evidence).
    pub(crate) fn blank(
        target: &'a Target,
        indicator: &'a Indicator,
        store: &'a Observations,
        group: &'a [Obs],
        as_of: Date,
    ) -> Self {
        TargetResult {
            target,
            indicator,
            store,
            status: Status::NoData,
            evidence: Evidence::None,
            trend: None,
            group,
            slice: &[],
            method: None,
            as_of,
            roll_up: None,
        }
    }

    pub(crate) fn set(&mut self, status: Status, evidence: Option<Obs>) {
        self.status = status;
        self.evidence = evidence.map_or(Evidence::None, |o| Evidence::Owned(Box::new(o)));
    }

    pub(crate) fn set_roll_up(&mut self, roll_up: RollUp<'a>) {
        self.roll_up = Some(Box::new(roll_up));
    }

    pub(crate) fn evidence_obs(&self) -> Option<Obs> {
        self.evidence.get().copied()
    }
}

fn decide_without_data(mut result: TargetResult<'_>) -> TargetResult<'_> {
    result.status = status_without_data(&result);
    result
}

/// `discontinued` when the indicator had ended by the as-of date, else `no_data`.
fn status_without_data(result: &TargetResult<'_>) -> Status {
    if result
        .indicator
        .discontinued()
        .is_some_and(|d| d.on() <= result.as_of)
    {
        Status::Discontinued
    } else {
        Status::NoData
    }
}

/// 3.6: fits an ordinary least-squares line through the standing points whose
/// period ends lie within five years before the latest one, and reads it at
/// the deadline.
///
/// The arithmetic is exact: every value is a fraction (a decimal's mantissa
/// over a power of ten, a share's `100 × numerator` over its denominator),
/// the values are brought to their least common denominator as 128-bit
/// integers, and the line is kept as a fraction, so the comparison with the
/// rule involves no rounding at all. Only when that common denominator does
/// not fit (many shares with unrelated denominators) do shares enter rounded
/// to twelve decimal places. An overflow beyond that gives
/// [`ProjectionOutcome::Overflow`], never a panic.
fn project(
    slice: &[Obs],
    latest: &Obs,
    as_of: Date,
    deadline_end: Date,
    rule: Rule,
) -> (Trend, (i128, i128)) {
    let origin = latest.period.end().to_julian_day();
    // `(0, 0)`: no value.
    let no_line = |points, outcome| (Trend { points, outcome }, (0, 0));
    let (line, n_points) = match fit_window(slice, latest, as_of) {
        Fit::Line(line, n) => (line, n),
        Fit::TooFewPoints(n) => return no_line(n, ProjectionOutcome::TooFewPoints),
        Fit::Overflow(n) => return no_line(n, ProjectionOutcome::Overflow),
    };
    let x = i128::from(deadline_end.to_julian_day().saturating_sub(origin));
    // value = num / den, den > 0; compare with the threshold m / 10^s.
    let t = rule.threshold();
    let (Some((num, den)), Some(pow)) = (line.at(x), pow10(t.scale())) else {
        return no_line(n_points, ProjectionOutcome::Overflow);
    };
    // A projected value no decimal can hold is an overflow too: a verdict is
    // never given on a value that cannot be shown.
    if !fits_decimal(num, den) {
        return no_line(n_points, ProjectionOutcome::Overflow);
    }
    let outcome = if rule.compare(cmp_products(num, pow, t.mantissa(), den)) {
        ProjectionOutcome::Meets
    } else {
        ProjectionOutcome::Misses
    };
    (
        Trend {
            points: n_points,
            outcome,
        },
        (num, den),
    )
}

/// The least-squares line through the standing points whose period ends lie
/// within five years before `latest`'s, with x in days from `latest`'s end.
fn fit_window(slice: &[Obs], latest: &Obs, as_of: Date) -> Fit {
    let origin = latest.period.end().to_julian_day();
    let window_start = origin.saturating_sub(PROJECTION_WINDOW_DAYS);
    Line::fit(standing(slice, as_of).filter_map(move |o| {
        let end = o.period.end().to_julian_day();
        (window_start..=origin)
            .contains(&end)
            .then(|| (i128::from(end.saturating_sub(origin)), o.reading))
    }))
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

/// The projected value rounded for reading: to six decimal places, or more
/// where six would seem to contradict the exact verdict (a value shown equal
/// to the threshold of a rule it does not meet).
fn readable(v: Decimal, rule: Rule, meets: bool) -> Decimal {
    (6..=28)
        .map(|dp| v.round_dp(dp).normalize())
        .find(|r| rule.is_met_by(*r) == meets)
        .unwrap_or(v)
}
