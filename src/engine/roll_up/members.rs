//! Each unit's own status within a target at a level: decided on the unit's
//! figures as any target is decided, kept across the targets of an
//! evaluation that share the decision, and combined for an `each` target.

use crate::foundations::hash::HashMap;
use std::cmp::Ordering;
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::sync::Arc;

use time::Date;

use crate::engine::decision::decide;
use crate::engine::roll_up::groups::{Groups, READ_AHEAD};
use crate::engine::roll_up::mergers::{Figures, Merging, member_figures};
use crate::engine::status::Status;
use crate::foundations::metric::{Direction, Rule};
use crate::foundations::period::Period;
use crate::model::indicator::Indicator;
use crate::model::observation::{Obs, Observation, Observations};
use crate::model::target::{EveryPeriod, Target};
use crate::model::unit::Unit;
use crate::model::units::Units;

/// One unit's own status within a [`RollUp`](crate::RollUp).
#[derive(Debug, Clone)]
pub struct UnitResult<'a> {
    pub(crate) unit: &'a Unit,
    pub(crate) status: Status,
    pub(crate) evidence: Option<Held<'a>>,
    pub(crate) store: &'a Observations,
}

/// A unit's deciding figure: borrowed from the store (the usual case, a
/// pointer), or made by the engine (a merged sum), held in a box. A
/// national `each` target holds one per commune.
#[derive(Debug, Clone)]
pub(crate) enum Held<'a> {
    Stored(&'a Obs),
    Made(Box<Obs>),
}

impl Held<'_> {
    /// The figure.
    #[inline]
    pub(crate) fn get(&self) -> &Obs {
        match self {
            Held::Stored(o) => o,
            Held::Made(o) => o,
        }
    }
}

impl<'a> UnitResult<'a> {
    /// The unit.
    #[must_use]
    pub fn unit(&self) -> &'a Unit {
        self.unit
    }

    /// The unit's own status on the target's rule.
    #[must_use]
    pub fn status(&self) -> Status {
        self.status
    }

    /// Whether the unit meets the rule (`met` or `achieved`).
    #[must_use]
    pub fn meets(&self) -> bool {
        matches!(self.status, Status::Met | Status::Achieved)
    }

    /// The figure the unit's status rests on. For a unit formed by a merger
    /// this may be the sum of its predecessors' figures (no source then).
    #[must_use]
    pub fn evidence(&self) -> Option<Observation<'a>> {
        self.evidence
            .as_ref()
            .map(|o| Observation::new(*o.get(), self.store))
    }
}

impl<'b> PartialEq<UnitResult<'b>> for UnitResult<'_> {
    /// Equal when the unit, its status and its evidence are (the stores the
    /// figures are borrowed from may differ).
    fn eq(&self, other: &UnitResult<'b>) -> bool {
        self.unit == other.unit
            && self.status == other.status
            && self.evidence() == other.evidence()
    }
}

/// Units' own decisions kept for one evaluation, per [`MemoKey`], by unit:
/// a province target and the national one over the same communes share
/// them.
///
/// Only the decisions of targets that another target of the evaluation may
/// share them with are kept (the evaluator knows which, see
/// [`DecisionFields`]), each key's in a table sized by the units it was
/// used for: targets with distinct rules over the same units keep nothing.
#[derive(Debug, Default)]
pub(crate) struct Memo<'a> {
    index: HashMap<MemoKey<'a>, usize>,
    tables: Vec<ByUnit<MemberDecision<'a>>>,
}

/// A map by unit index. The indices are ours (dense, from 0), never chosen
/// by the input, so one multiplication hashes them.
type ByUnit<V> = std::collections::HashMap<usize, V, BuildHasherDefault<UnitIndexHasher>>;

/// Hashes a unit's index by Fibonacci hashing (the high bits, which the
/// table reads first, mix every bit of the index).
#[derive(Debug, Default, Clone, Copy)]
struct UnitIndexHasher(u64);

impl Hasher for UnitIndexHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.0 = u64::try_from(n)
            .unwrap_or(u64::MAX)
            .wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

impl<'a> Memo<'a> {
    /// The table for a decision key used by a target over `members`.
    pub(crate) fn table(&mut self, key: MemoKey<'a>, members: &[usize]) -> usize {
        let next = self.tables.len();
        let i = *self.index.entry(key).or_insert(next);
        if i == next {
            let mut table = ByUnit::default();
            table.reserve(members.len());
            self.tables.push(table);
        }
        i
    }

    /// Unit `m`'s decision in table `table`, if it was made.
    #[inline]
    pub(crate) fn get(&self, table: usize, m: usize) -> Option<MemberDecision<'a>> {
        self.tables.get(table).and_then(|t| t.get(&m)).cloned()
    }

    /// Whether unit `m`'s decision in table `table` was made.
    #[inline]
    pub(crate) fn holds(&self, table: usize, m: usize) -> bool {
        self.tables.get(table).is_some_and(|t| t.contains_key(&m))
    }

    /// Keeps unit `m`'s decision in table `table`.
    #[inline]
    pub(crate) fn keep(&mut self, table: usize, m: usize, decision: &MemberDecision<'a>) {
        if let Some(t) = self.tables.get_mut(table) {
            t.insert(m, decision.clone());
        }
    }
}

/// Decides a unit on its figures, for `target`.
#[inline]
pub(crate) fn member_decision<'a>(
    target: &Target,
    indicator: &Indicator,
    as_of: Date,
    figs: &Figures<'a>,
    merging: Merging,
) -> MemberDecision<'a> {
    let (status, evidence) = decide_held(target, indicator, figs, as_of);
    MemberDecision {
        status,
        evidence,
        merged: merging.summed,
        failed: merging.failed.map(Box::new),
    }
}

/// Decides a unit on its figures: its status, and the figure it rests on,
/// borrowed when the figures are the store's.
fn decide_held<'a>(
    target: &Target,
    indicator: &Indicator,
    figs: &Figures<'a>,
    as_of: Date,
) -> (Status, Option<Held<'a>>) {
    match figs {
        Figures::Stored(s) => {
            let own = decide(target, indicator, s, as_of);
            (own.status, own.evidence.map(Held::Stored))
        }
        Figures::Built(v) => {
            let own = decide(target, indicator, v, as_of);
            (own.status, own.evidence.map(|o| Held::Made(Box::new(*o))))
        }
    }
}

/// What decides a unit's own status: the same for every target that shares
/// it (everything of the target that [`decide`] reads).
#[derive(Debug, Clone, Copy)]
pub(crate) struct MemoKey<'a> {
    pub(crate) indicator: &'a Indicator,
    pub(crate) series: Option<u32>,
    pub(crate) fields: DecisionFields,
}

/// What of a target [`decide`] reads but its indicator and series: its
/// rule, deadline, the period it is judged on and the periods it asks for.
/// Targets of an indicator that differ in it never share their units'
/// decisions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct DecisionFields {
    rule: Rule,
    deadline: Period,
    judged_on: Option<Period>,
    every_period: Option<EveryPeriod>,
}

impl DecisionFields {
    /// A target's.
    pub(crate) fn of(target: &Target) -> Self {
        DecisionFields {
            rule: target.rule(),
            deadline: target.deadline(),
            judged_on: target.judged_on(),
            every_period: target.every_period(),
        }
    }
}

impl PartialEq for MemoKey<'_> {
    /// The same indicator (the same entry of the catalogue), series, rule
    /// and periods.
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.indicator, other.indicator)
            && self.series == other.series
            && self.fields == other.fields
    }
}

impl Eq for MemoKey<'_> {}

impl Hash for MemoKey<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        std::ptr::from_ref(self.indicator).addr().hash(state);
        self.series.hash(state);
        self.fields.hash(state);
    }
}

/// A unit's own decision, and what merging its predecessors' figures found.
#[derive(Debug, Clone)]
pub(crate) struct MemberDecision<'a> {
    pub(crate) status: Status,
    pub(crate) evidence: Option<Held<'a>>,
    pub(crate) merged: usize,
    pub(crate) failed: Option<Box<(String, Period)>>,
}

/// What judging a pooled roll-up's units on demand needs.
#[derive(Debug, Clone)]
pub(crate) struct Pending<'a> {
    pub(crate) units: &'a Units,
    pub(crate) members: Arc<[usize]>,
    pub(crate) target: &'a Target,
    pub(crate) indicator: &'a Indicator,
    pub(crate) store: &'a Observations,
    pub(crate) as_of: Date,
    pub(crate) series: Option<u32>,
    pub(crate) indicator_id: Option<u32>,
    /// The units' text ids in the store, where the evaluation found them.
    pub(crate) unit_ids: Option<Arc<[Option<u32>]>>,
}

impl<'a> Pending<'a> {
    /// Each unit's own status, judged now: with the `rayon` feature, many
    /// units in blocks judged beside each other (the same results, in the
    /// same order).
    pub(crate) fn judge(&self) -> Vec<UnitResult<'a>> {
        #[cfg(feature = "rayon")]
        if crate::foundations::pool::worth_splitting(
            self.members.len(),
            JUDGED_APART.saturating_mul(2),
        ) {
            use rayon::prelude::*;
            return self
                .members
                .par_chunks(JUDGED_APART)
                .flat_map_iter(|members| self.judge_these(members))
                .collect();
        }
        self.judge_these(&self.members)
    }

    /// The own status of each of `members`, in their order.
    fn judge_these(&self, members: &[usize]) -> Vec<UnitResult<'a>> {
        let mut groups = Groups::light(self.store, self.as_of, self.unit_ids.clone());
        let day = self.as_of.min(self.target.deadline().end());
        let mut out = Vec::with_capacity(members.len());
        for ahead in members.chunks(READ_AHEAD) {
            groups.read_ahead(self.units, ahead, self.indicator_id);
            for &m in ahead {
                let mut merging = Merging::default();
                let figs = member_figures(
                    &mut groups,
                    self.units,
                    (m, day),
                    self.indicator_id,
                    self.series,
                    &mut merging,
                );
                let (status, evidence) =
                    decide_held(self.target, self.indicator, &figs, self.as_of);
                if let Some(unit) = self.units.unit(m) {
                    out.push(UnitResult {
                        unit,
                        status,
                        evidence,
                        store: self.store,
                    });
                }
            }
        }
        out
    }
}

/// With the `rayon` feature, the units of a pooled target asked for are
/// judged, and those of an `each` target decided, in blocks of this many
/// beside each other, when there are at least two blocks.
#[cfg(feature = "rayon")]
pub(crate) const JUDGED_APART: usize = 1 << 12;

/// The status of an `each` target from its units' own statuses (each judged
/// three-valued on its own figures), and the deciding figure: the worst one
/// among the units that decide it.
///
/// After the deadline: a unit that missed decides `missed`; every unit met
/// gives `met`; units that met or are `inconclusive` (a bound that cannot
/// tell) give `inconclusive`; then `discontinued`, `no_data` when no unit
/// has a figure, and `awaiting_data`. Before it: a discontinued indicator
/// gives `discontinued` (it stopped for every unit; SPEC 1.1 puts it before
/// `achieved`); every unit achieved gives `achieved`; then `no_data`,
/// `off_track`, `insufficient_data` and `on_track`.
pub(crate) fn each(
    units: &[UnitResult<'_>],
    indicator: &Indicator,
    passed: bool,
) -> (Status, Option<Obs>) {
    let worst = |pick: &dyn Fn(Status) -> bool| -> Option<Obs> {
        units
            .iter()
            .filter(|u| pick(u.status))
            .filter_map(|u| u.evidence.as_ref().map(Held::get))
            .reduce(|a, b| {
                let ord = a.reading.cmp_threshold_reading(&b.reading);
                let a_worse = match indicator.direction() {
                    Direction::HigherIsBetter => ord != Ordering::Greater,
                    Direction::LowerIsBetter => ord != Ordering::Less,
                };
                if a_worse { a } else { b }
            })
            .copied()
    };
    let all = |st: Status| units.iter().all(|u| u.status == st);
    let any = |st: Status| units.iter().any(|u| u.status == st);
    if passed {
        if any(Status::Missed) {
            return (Status::Missed, worst(&|s| s == Status::Missed));
        }
        if all(Status::Met) {
            return (Status::Met, worst(&|s| s == Status::Met));
        }
        if units
            .iter()
            .all(|u| matches!(u.status, Status::Met | Status::Inconclusive))
        {
            return (Status::Inconclusive, worst(&|s| s == Status::Inconclusive));
        }
        if any(Status::Discontinued) {
            return (Status::Discontinued, None);
        }
        if all(Status::NoData) {
            return (Status::NoData, None);
        }
        return (
            Status::AwaitingData,
            worst(&|s| matches!(s, Status::AwaitingData | Status::Met)),
        );
    }
    if any(Status::Discontinued) {
        return (Status::Discontinued, None);
    }
    if all(Status::Achieved) {
        return (Status::Achieved, worst(&|s| s == Status::Achieved));
    }
    if all(Status::NoData) {
        return (Status::NoData, None);
    }
    if any(Status::OffTrack) {
        return (Status::OffTrack, worst(&|s| s == Status::OffTrack));
    }
    if units.iter().any(|u| {
        matches!(
            u.status,
            Status::InsufficientData | Status::NoData | Status::Discontinued
        )
    }) {
        return (
            Status::InsufficientData,
            worst(&|s| s == Status::InsufficientData),
        );
    }
    (
        Status::OnTrack,
        worst(&|s| matches!(s, Status::OnTrack | Status::Achieved)),
    )
}
