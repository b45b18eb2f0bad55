//! The result types: one target's status with the evidence it rests on
//! ([`TargetResult`]), and the statuses of a catalogue's targets at one
//! as-of date ([`Evaluation`]).

use std::sync::Arc;

use rust_decimal::Decimal;
use time::Date;

use crate::engine::every_period::{self, EveryPeriodOutcome};
use crate::engine::projection::{Lines, Projection, Trend, reread};
use crate::engine::roll_up::summary::RollUp;
use crate::engine::series::standing;
use crate::engine::status::Status;
use crate::engine::warning::{Warning, find};
use crate::model::catalogue::Catalogue;
use crate::model::indicator::Indicator;
use crate::model::method::Method;
use crate::model::observation::{Obs, Observation, Observations};
use crate::model::target::Target;
use crate::model::units::Units;

/// The statuses of a catalogue's targets at one as-of date.
///
/// Two evaluations are equal (`==`) when their as-of dates are and their
/// results are, one by one (see [`TargetResult`]), whatever the values
/// they borrow from.
#[derive(Debug, Clone)]
pub struct Evaluation<'a> {
    as_of: Date,
    results: Vec<TargetResult<'a>>,
    /// What was evaluated, for [`Evaluation::warnings`].
    inputs: Inputs<'a>,
    /// The warnings, found on first use.
    warnings: std::sync::OnceLock<Vec<Warning>>,
}

/// The catalogue, units and observations of an evaluation.
#[derive(Clone)]
pub(crate) struct Inputs<'a> {
    pub(crate) catalogue: &'a Catalogue,
    pub(crate) units: Option<&'a Units>,
    pub(crate) observations: &'a Observations,
    /// The units' text ids in the observations, if the evaluation found
    /// them (see [`Observations::unit_ids`]).
    pub(crate) unit_ids: Option<Arc<[Option<u32>]>>,
}

impl std::fmt::Debug for Inputs<'_> {
    /// The inputs; of the units' text ids, how many were found.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Inputs")
            .field("catalogue", &self.catalogue)
            .field("units", &self.units)
            .field("observations", &self.observations)
            .field("unit_ids", &self.unit_ids.as_ref().map(|ids| ids.len()))
            .finish()
    }
}

impl<'b> PartialEq<Evaluation<'b>> for Evaluation<'_> {
    fn eq(&self, other: &Evaluation<'b>) -> bool {
        self.as_of == other.as_of
            && self.results.len() == other.results.len()
            && self.results.iter().zip(&other.results).all(|(a, b)| a == b)
    }
}

impl<'a> Evaluation<'a> {
    /// The results of an evaluation at `as_of`, sorted by target id.
    pub(crate) fn new(as_of: Date, results: Vec<TargetResult<'a>>, inputs: Inputs<'a>) -> Self {
        Evaluation {
            as_of,
            results,
            inputs,
            warnings: std::sync::OnceLock::new(),
        }
    }

    /// Input that is valid but probably not what its author meant (SPEC
    /// 2.6): an indicator no target uses, a target whose unit has no
    /// observation of any indicator (targets at a level excepted: their
    /// units have the figures), observations of an indicator no target
    /// uses, and observations about a unit that is no target's unit and not
    /// in the units given (a likely typo such as `Vn`). Found when first
    /// asked for (and kept), so that an evaluation costs nothing more; they
    /// never change a status.
    /// Only observations published by the as-of date count (SPEC 3.1: what is
    /// published later changes nothing); the path of an observations'
    /// warning is that of the first observation, in its document, naming
    /// the indicator or unit.
    ///
    /// ```
    /// use policy_targets::{WarningKind, load, Evaluator, parse_date};
    /// let (catalogue, observations) = load(
    ///     r#"{"format": "policy-targets/catalogue@1", "indicators": [{"id": "share", "kind": "percent"}],
    ///         "targets": [{"id": "t", "indicator": "share", "unit": "VN", "rule": {"at_least": "80"}, "deadline": "2025"}]}"#,
    ///     r#"{"format": "policy-targets/observations@1", "observations": [
    ///         {"indicator": "share", "unit": "Vn", "period": "2025", "published": "2026-03-01", "value": "85.1"}]}"#,
    /// )?;
    /// let evaluator = Evaluator::new(catalogue);
    /// let evaluation = evaluator.evaluate(&observations, parse_date("2026-06-01")?)?;
    /// let warnings = evaluation.warnings();
    /// assert_eq!(warnings[0].kind(), WarningKind::TargetUnitWithoutObservations);
    /// assert_eq!(warnings[1].kind(), WarningKind::UnknownUnit);
    /// assert_eq!(
    ///     warnings[1].to_string(),
    ///     "observations: observations[0]: 1 observation is about the unit `Vn`, which is no target's unit and not in the units given: a typo for `VN`?"
    /// );
    /// # Ok::<(), policy_targets::Error>(())
    /// ```
    #[must_use]
    pub fn warnings(&self) -> Vec<Warning> {
        self.found_warnings().to_vec()
    }

    /// The warnings, found on the first call and kept.
    pub(crate) fn found_warnings(&self) -> &[Warning] {
        self.warnings.get_or_init(|| {
            find(
                self.inputs.catalogue,
                self.inputs.units,
                self.inputs.observations,
                self.inputs.unit_ids.as_deref(),
                self.as_of,
            )
        })
    }

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
}

/// The status of one target, with the evidence it rests on.
///
/// The explanation is written only when asked for ([`TargetResult::explanation`]),
/// so that evaluating many targets stays cheap.
///
/// Two results are equal (`==`) when they say the same thing: the same
/// target and indicator (by value), as-of date, status, progress method set
/// by the options, evidence, series read (so the same projection, progress
/// and every-period outcome) and roll-up. The catalogues and observations
/// they borrow from may be different values holding the same data.
#[derive(Debug, Clone)]
pub struct TargetResult<'a> {
    pub(crate) target: &'a Target,
    pub(crate) indicator: &'a Indicator,
    pub(crate) store: &'a Observations,
    pub(crate) status: Status,
    pub(crate) evidence: Evidence<'a>,
    pub(crate) trend: Option<Trend>,
    /// The observations the target could read (its indicator and unit).
    pub(crate) group: &'a [Obs],
    /// The observations of the series it reads (empty when none was chosen).
    pub(crate) slice: &'a [Obs],
    /// The progress method set by the evaluation's options, if any.
    pub(crate) method: Option<Method>,
    pub(crate) as_of: Date,
    /// For a target at a level: how its units were rolled up.
    pub(crate) roll_up: Option<Box<RollUp<'a>>>,
    /// The projection, read again from the series on first use and kept:
    /// the value, the explanation and the progress block all ask for it.
    pub(crate) projection: std::sync::OnceLock<Option<Projection>>,
}

/// The figure a result rests on: one of the store's, or, for a target at a
/// level, one the engine made (a pooled or merged figure). Kept small: a
/// result is written for every target of every evaluation.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Evidence<'a> {
    None,
    Stored(&'a Obs),
    Owned(Box<Obs>),
}

impl<'a> Evidence<'a> {
    /// A figure the engine made, kept by value.
    pub(crate) fn owned(o: Option<Obs>) -> Self {
        o.map_or(Evidence::None, |o| Evidence::Owned(Box::new(o)))
    }

    pub(crate) fn stored(o: Option<&'a Obs>) -> Self {
        o.map_or(Evidence::None, Evidence::Stored)
    }

    pub(crate) fn get(&self) -> Option<&Obs> {
        match self {
            Evidence::None => None,
            Evidence::Stored(o) => Some(o),
            Evidence::Owned(o) => Some(o),
        }
    }
}

impl<'b> PartialEq<TargetResult<'b>> for TargetResult<'_> {
    fn eq(&self, other: &TargetResult<'b>) -> bool {
        let same_series = |a: &[Obs], b: &[Obs]| {
            a.len() == b.len()
                && a.iter().zip(b).all(|(x, y)| {
                    Observation::new(*x, self.store) == Observation::new(*y, other.store)
                })
        };
        self.status == other.status
            && self.as_of == other.as_of
            && self.method == other.method
            && self.target == other.target
            && self.indicator == other.indicator
            && self.evidence() == other.evidence()
            && self.trend == other.trend
            && same_series(self.series(), other.series())
            && same_series(self.slice, other.slice)
            && match (self.roll_up(), other.roll_up()) {
                (None, None) => true,
                (Some(a), Some(b)) => a.reports_same(b),
                _ => false,
            }
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
        self.projection_in(None)
    }

    /// [`TargetResult::projection`], its line read from `lines` when the
    /// result before read the same one.
    pub(crate) fn projection_in(&self, lines: Option<&mut Lines>) -> Option<Projection> {
        *self.projection.get_or_init(|| {
            self.trend.map(|trend| {
                reread(
                    trend,
                    self.series(),
                    self.as_of,
                    self.target,
                    self.indicator,
                    lines,
                )
            })
        })
    }

    /// The projected value at the deadline, where one was computed.
    #[must_use]
    pub fn projected(&self) -> Option<Decimal> {
        self.projection().and_then(|p| p.value())
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

    /// The series the status rests on: the target's own, or for a pooled
    /// target the pooled one.
    pub(crate) fn series(&self) -> &[Obs] {
        match &self.roll_up {
            Some(r) if !r.series().is_empty() => r.series(),
            _ => self.slice,
        }
    }

    /// The standing observations of the target's series at the as-of date.
    pub(crate) fn standing_obs(&self) -> impl DoubleEndedIterator<Item = &'a Obs> + Clone {
        standing(self.slice, self.as_of)
    }

    /// For an every-period target, what its periods show at the as-of date:
    /// the periods that failed, those that held and those still missing.
    /// `None` for other targets, and for `ambiguous` or `no_data` results.
    #[must_use]
    pub fn every_period(&self) -> Option<EveryPeriodOutcome> {
        let every = self.target.every_period()?;
        if matches!(self.status, Status::Ambiguous | Status::NoData) {
            return None;
        }
        every_period::outcome(every, self.target, self.indicator, self.standing_obs())
    }

    /// The latest figure of the target's series standing at the as-of date:
    /// what a row heads with. It need not be the evidence: an every-period
    /// target that failed rests on its first failing period, and its latest
    /// figure may be years newer. `None` without figures.
    #[must_use]
    pub fn latest_figure(&self) -> Option<Observation<'a>> {
        self.standing_obs()
            .next_back()
            .map(|o| Observation::new(*o, self.store))
    }

    /// The figure the status rests on, by value.
    pub(crate) fn evidence_obs(&self) -> Option<Obs> {
        self.evidence.get().copied()
    }
}
