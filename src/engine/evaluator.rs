//! The evaluator: every target of a catalogue judged at an as-of date,
//! each about its own unit or, with `applies_to`, over a level of units.

use std::sync::Arc;

use time::Date;

use crate::engine::decision::{decide_with, without_data};
use crate::engine::projection::Fits;
use crate::engine::result::{Evaluation, Evidence, Inputs, TargetResult};
use crate::engine::roll_up::judge::{AtLevel, Context};
use crate::engine::roll_up::members::DecisionFields;
use crate::engine::series::{Choice, choose};
use crate::engine::status::Status;
use crate::foundations::error::{Error, ErrorKind, Problems};
use crate::foundations::hash::HashSet;
use crate::model::catalogue::Catalogue;
use crate::model::indicator::Indicator;
use crate::model::method::Method;
use crate::model::observation::{GroupCursor, Obs, Observations};
use crate::model::target::{RollUpMode, Target};
use crate::model::units::Units;

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
    /// What of an `each` target its units' decisions depend on (with its
    /// indicator's index), where more than one target has it: only those
    /// targets' decisions are kept for the others.
    shared_decisions: HashSet<(usize, DecisionFields)>,
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
        let mut once = HashSet::default();
        let mut shared_decisions = HashSet::default();
        for (t, _, ii, _) in catalogue.targets_by_id() {
            if t.applies_to().is_some_and(|a| a.mode() == RollUpMode::Each) {
                let key = (ii, DecisionFields::of(t));
                if !once.insert(key) {
                    shared_decisions.insert(key);
                }
            }
        }
        Evaluator {
            catalogue,
            units: None,
            rollup_indicators,
            shared_decisions,
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
    /// With the `rayon` feature, a catalogue of 4,096 targets or more, none
    /// at a level, is judged across threads, with the same results in the
    /// same order.
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
    /// every target ([`EvaluationOptions::with_method`]). The statuses do not
    /// depend on the options; only [`TargetResult::progress`] does.
    ///
    /// # Errors
    /// As [`Evaluator::evaluate`], and [`ErrorKind::OutOfRange`] for a method
    /// the formats cannot write (a Eurostat window outside 1 to 50 years),
    /// whose results document could not be read back.
    pub fn evaluate_with<'a>(
        &'a self,
        observations: &'a Observations,
        as_of: Date,
        options: &EvaluationOptions,
    ) -> Result<Evaluation<'a>, Error> {
        self.check(observations)?;
        let method = options.method_override();
        if let Some(Err(m)) = method.map(Method::check) {
            return Err(Error::single(ErrorKind::OutOfRange, "method", m));
        }
        // Resolve each indicator and unit to the observations' ids once.
        let indicator_ids: Vec<Option<u32>> = self
            .catalogue
            .indicators()
            .iter()
            .map(|i| observations.string_id(i.id()))
            .collect();
        let target_unit_ids: Vec<Option<u32>> = self
            .catalogue
            .units()
            .iter()
            .map(|u| observations.string_id(u))
            .collect();
        let mut roll = Context::new(self.units.as_ref(), observations, as_of);
        // Pooled targets on several indicators are summed in one walk over
        // the units, which reads the store in its own order.
        for &ii in &self.rollup_indicators {
            if let Some(indicator) = self.catalogue.indicators().get(ii) {
                roll.expect_indicator(indicator, indicator_ids.get(ii).copied().flatten());
            }
        }
        #[cfg(feature = "rayon")]
        if self.rollup_indicators.is_empty() && self.catalogue.targets().len() >= PARALLEL_FROM {
            return Ok(self.evaluate_in_parallel(
                observations,
                as_of,
                method,
                &indicator_ids,
                &target_unit_ids,
            ));
        }
        let mut fits = Fits::default();
        let mut results = Vec::with_capacity(self.catalogue.targets().len());
        let mut cursor = GroupCursor::default();
        // A loop of pushes, not an `extend`: each result (144 bytes) is
        // copied once into the vector, not through an `Option` twice more.
        for (target, indicator, ii, ui) in self.catalogue.targets_by_id() {
            if let Some(applies_to) = target.applies_to() {
                let ind_id = indicator_ids.get(ii).copied().flatten();
                let shared = self
                    .shared_decisions
                    .contains(&(ii, DecisionFields::of(target)));
                let at = roll.judge(target, indicator, applies_to, ind_id, shared);
                let mut r = at_level(target, indicator, observations, as_of, at);
                r.method = method;
                results.push(r);
                continue;
            }
            let group = group_of(
                observations,
                &indicator_ids,
                &target_unit_ids,
                (ii, ui),
                &mut cursor,
            );
            let mut r = judge(target, indicator, observations, group, as_of, &mut fits);
            r.method = method;
            results.push(r);
        }
        let inputs = self.inputs(observations, roll.unit_ids());
        Ok(Evaluation::new(as_of, results, inputs))
    }

    /// What an evaluation keeps of its inputs, for its warnings, with the
    /// units' text ids if it found them.
    fn inputs<'a>(
        &'a self,
        observations: &'a Observations,
        unit_ids: Option<Arc<[Option<u32>]>>,
    ) -> Inputs<'a> {
        Inputs {
            catalogue: &self.catalogue,
            units: self.units.as_ref(),
            observations,
            unit_ids,
        }
    }

    /// As the sequential loop of [`Evaluator::evaluate_with`], across
    /// threads: for catalogues whose targets are all about their own units.
    /// Each thread keeps its own fits; the results come in the same order.
    #[cfg(feature = "rayon")]
    fn evaluate_in_parallel<'a>(
        &'a self,
        observations: &'a Observations,
        as_of: Date,
        method: Option<Method>,
        indicator_ids: &[Option<u32>],
        target_unit_ids: &[Option<u32>],
    ) -> Evaluation<'a> {
        use rayon::prelude::*;
        let mut targets: Vec<(&Target, &Indicator, usize, usize)> =
            Vec::with_capacity(self.catalogue.targets().len());
        targets.extend(self.catalogue.targets_by_id());
        let mut results = Vec::with_capacity(targets.len());
        targets
            .par_iter()
            .with_min_len(PARALLEL_FROM / 4)
            // Each job reads a run of targets in id order: its cursor finds
            // the next group as the sequential loop's does.
            .map_init(
                || (Fits::default(), GroupCursor::default()),
                |(fits, cursor), &(target, indicator, ii, ui)| {
                    let group = group_of(
                        observations,
                        indicator_ids,
                        target_unit_ids,
                        (ii, ui),
                        cursor,
                    );
                    let mut r = judge(target, indicator, observations, group, as_of, fits);
                    r.method = method;
                    r
                },
            )
            .collect_into_vec(&mut results);
        Evaluation::new(as_of, results, self.inputs(observations, None))
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
            let mut roll = Context::new(self.units.as_ref(), observations, as_of);
            let ind_id = observations.string_id(t.indicator());
            return Ok(self.catalogue.indicator(t.indicator()).map(|ind| {
                // Alone: nothing to share with.
                let at = roll.judge(t, ind, applies_to, ind_id, false);
                at_level(t, ind, observations, as_of, at)
            }));
        }
        let group = observations.group(t.indicator(), t.unit());
        Ok(self
            .catalogue
            .indicator(t.indicator())
            .map(|ind| judge(t, ind, observations, group, as_of, &mut Fits::default())))
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

/// The observations of a target about its own unit: those of its indicator
/// (`ii`) and unit (`ui`), whose ids in `observations` are resolved in
/// `indicator_ids` and `target_unit_ids`, looked for first after `cursor`'s.
fn group_of<'o>(
    observations: &'o Observations,
    indicator_ids: &[Option<u32>],
    target_unit_ids: &[Option<u32>],
    (ii, ui): (usize, usize),
    cursor: &mut GroupCursor,
) -> &'o [Obs] {
    match (
        indicator_ids.get(ii).copied().flatten(),
        target_unit_ids.get(ui).copied().flatten(),
    ) {
        (Some(i), Some(u)) => observations.group_by_ids_after(i, u, cursor),
        _ => &[],
    }
}

/// With the `rayon` feature, a catalogue of at least this many targets, none
/// at a level, is evaluated across threads (fewer are not worth a thread).
#[cfg(feature = "rayon")]
const PARALLEL_FROM: usize = 4096;

/// Options of an evaluation ([`crate::Evaluator::evaluate_with`]).
///
/// The statuses never depend on them (SPEC v1 decides `on_track` with the
/// least-squares line); the progress assessment does.
///
/// ```
/// use policy_targets::{EvaluationOptions, Method};
/// let options = EvaluationOptions::default().with_method(Method::UnsdProjection);
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
    pub fn with_method(mut self, method: Method) -> Self {
        self.method = Some(method);
        self
    }

    /// The method set for every target, if any.
    #[must_use]
    pub fn method_override(&self) -> Option<Method> {
        self.method
    }
}

/// Decides a target about its own unit: the series it reads among `group`
/// (its indicator's observations for its unit), then the decision on it.
fn judge<'a>(
    target: &'a Target,
    indicator: &'a Indicator,
    store: &'a Observations,
    group: &'a [Obs],
    as_of: Date,
    fits: &mut Fits,
) -> TargetResult<'a> {
    let (status, slice, evidence, trend) = match choose(target, indicator, store, group, as_of) {
        Choice::NothingVisible => (without_data(indicator, as_of), &[][..], None, None),
        Choice::Ambiguous => (Status::Ambiguous, &[][..], None, None),
        Choice::Series(slice) => {
            let decided = decide_with(target, indicator, slice, as_of, Some(fits));
            (decided.status, slice, decided.evidence, decided.trend)
        }
    };
    // Built in one expression, in place: a result is made for every target.
    TargetResult {
        target,
        indicator,
        store,
        status,
        evidence: Evidence::stored(evidence),
        trend,
        group,
        slice,
        method: None,
        as_of,
        roll_up: None,
        projection: std::sync::OnceLock::new(),
    }
}

/// The result of a target at a level, judged by its roll-up.
fn at_level<'a>(
    target: &'a Target,
    indicator: &'a Indicator,
    store: &'a Observations,
    as_of: Date,
    at: AtLevel<'a>,
) -> TargetResult<'a> {
    TargetResult {
        target,
        indicator,
        store,
        status: at.status,
        evidence: Evidence::owned(at.evidence),
        trend: at.trend,
        group: &[],
        slice: &[],
        method: None,
        as_of,
        roll_up: Some(Box::new(at.roll_up)),
        projection: std::sync::OnceLock::new(),
    }
}
