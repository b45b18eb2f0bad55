//! Judging a target at a level: its scope and units on the day, the one
//! series they carry, and then its status — the pooled series decided as one
//! unit's figures are, or for `each` every unit decided on its own figures.

use std::sync::{Arc, OnceLock};

use time::Date;

use crate::engine::decision::decide;
use crate::engine::projection::Trend;
use crate::engine::roll_up::groups::{Groups, READ_AHEAD, Seen};
#[cfg(feature = "rayon")]
use crate::engine::roll_up::members::JUDGED_APART;
use crate::engine::roll_up::members::{
    DecisionFields, MemberDecision, Memo, MemoKey, Pending, UnitResult, each, member_decision,
};
use crate::engine::roll_up::mergers::{Merging, involved, member_figures};
use crate::engine::roll_up::pooling::{Pools, Slot, SumsKey};
use crate::engine::roll_up::summary::{RollUp, Why};
use crate::engine::series::series_name;
use crate::engine::status::Status;
use crate::foundations::hash::HashMap;
#[cfg(feature = "rayon")]
use crate::foundations::pool::worth_splitting;
use crate::model::indicator::Indicator;
use crate::model::observation::{Obs, Observations};
use crate::model::reading::Reading;
use crate::model::target::{AppliesTo, RollUpMode, Target};
use crate::model::unit::{Unit, UnitLevel};
use crate::model::units::Units;

/// What one evaluation needs to roll its targets at a level up: the units,
/// each unit's groups, the pooled sums and the units' own decisions, each
/// kept for the other targets of the evaluation.
#[derive(Debug)]
pub(crate) struct Context<'a> {
    units: Option<&'a Units>,
    groups: Groups<'a>,
    pools: Pools<'a>,
    memo: Memo<'a>,
    /// The indicators of the evaluation's targets at a level: their sums are
    /// computed together (see [`Pools::node_sums_many`]).
    expected: Vec<(&'a Indicator, Option<u32>)>,
    /// The units of a level within a scope on a day, found once for the
    /// targets that share them (one per indicator, usually).
    members: HashMap<(usize, UnitLevel, Date), Arc<[usize]>>,
    /// The series those units' figures of an indicator are in, found once
    /// for the targets that share them.
    seen: HashMap<(usize, UnitLevel, Date, Option<u32>), InSeries>,
}

/// The series the figures of a level's units are in (see [`series_seen`]).
#[derive(Debug, Clone, Copy)]
enum InSeries {
    /// They have no figure.
    Nothing,
    /// One series.
    One(u32),
    /// More than one: a target on them is ambiguous.
    Many,
}

/// A target at a level, judged: its status, the figure it rests on (a
/// pooled figure, or the deciding unit's), the trend of a pooled series, and
/// the roll-up.
#[derive(Debug)]
pub(crate) struct AtLevel<'a> {
    pub(crate) status: Status,
    pub(crate) evidence: Option<Obs>,
    pub(crate) trend: Option<Trend>,
    pub(crate) roll_up: RollUp<'a>,
}

impl<'a> Context<'a> {
    /// A context for one evaluation at `as_of` over `units`, if given.
    pub(crate) fn new(units: Option<&'a Units>, store: &'a Observations, as_of: Date) -> Self {
        Context {
            units,
            groups: Groups::new(store, as_of),
            pools: Pools::default(),
            memo: Memo::default(),
            expected: Vec::new(),
            members: HashMap::default(),
            seen: HashMap::default(),
        }
    }

    /// The units' text ids in the store, if this context found them.
    pub(crate) fn unit_ids(&self) -> Option<Arc<[Option<u32>]>> {
        self.groups.found_unit_ids().cloned()
    }

    /// Notes an indicator that targets at a level of this evaluation use
    /// (each once).
    pub(crate) fn expect_indicator(&mut self, indicator: &'a Indicator, id: Option<u32>) {
        self.expected.push((indicator, id));
    }

    /// Judges a target with `applies_to`; `shared`: whether another
    /// target of the evaluation may share its units' own decisions (see
    /// [`DecisionFields`]), which are then kept.
    pub(crate) fn judge(
        &mut self,
        target: &'a Target,
        indicator: &'a Indicator,
        applies_to: AppliesTo,
        indicator_id: Option<u32>,
        shared: bool,
    ) -> AtLevel<'a> {
        let as_of = self.groups.as_of();
        let store = self.groups.store();
        let day = as_of.min(target.deadline().end());
        let mut roll = RollUp {
            mode: applies_to.mode(),
            level: applies_to.level(),
            scope: None,
            units_on: day,
            units: OnceLock::new(),
            count: 0,
            pending: None,
            pooled: None,
            series: Vec::new(),
            coverage: None,
            merged: 0,
            why: None,
        };
        let stop = |roll: RollUp<'a>, status, why, evidence| {
            let mut roll = roll;
            roll.why = Some(why);
            AtLevel {
                status,
                evidence,
                trend: None,
                roll_up: roll,
            }
        };
        let Some(units) = self.units else {
            return stop(roll, Status::NoUnits, Why::NoUnitsGiven, None);
        };
        let Some(scope) = units.index_of(target.unit()) else {
            return stop(roll, Status::NoUnits, Why::UnknownScope, None);
        };
        let scope = units.resolve_on(scope, day).unwrap_or(scope);
        roll.scope = units.unit(scope);
        let members = Arc::clone(
            self.members
                .entry((scope, applies_to.level(), day))
                .or_insert_with(|| units.members(scope, applies_to.level(), day).into()),
        );
        if members.is_empty() {
            let ended = units.level_ended(scope, applies_to.level());
            return stop(roll, Status::NoUnits, Why::NoneOnDay(ended), None);
        }
        // 3.2 across the units: one series. A pooled target with none
        // named finds it while summing (below).
        let pooling = applies_to.mode() == RollUpMode::Pooled;
        let named = series_name(target, indicator);
        let mut sid = match named {
            Some(name) => store.string_id(name),
            None if pooling => None,
            None => {
                // Only what was found is kept, not the list: an ambiguous
                // target after the first lists the series again.
                let key = (scope, applies_to.level(), day, indicator_id);
                let mut listed = None;
                let found = match self.seen.get(&key) {
                    Some(&found) => found,
                    None => {
                        let seen = series_seen(&mut self.groups, units, &members, indicator_id);
                        let found = match *seen.as_slice() {
                            [] => InSeries::Nothing,
                            [sid] => InSeries::One(sid),
                            _ => InSeries::Many,
                        };
                        self.seen.insert(key, found);
                        listed = Some(seen);
                        found
                    }
                };
                match found {
                    InSeries::Nothing => None,
                    InSeries::One(sid) => Some(sid),
                    InSeries::Many => {
                        let seen = listed.unwrap_or_else(|| {
                            series_seen(&mut self.groups, units, &members, indicator_id)
                        });
                        let why = ambiguous(&seen, store, &members, units, &mut roll);
                        return stop(roll, Status::Ambiguous, why, None);
                    }
                }
            }
        };
        // Each unit's own status.
        // Kept only where another target may share them.
        let memo = if pooling || !shared {
            usize::MAX
        } else {
            let key = MemoKey {
                indicator,
                series: sid,
                fields: DecisionFields::of(target),
            };
            self.memo.table(key, &members)
        };
        roll.count = members.len();
        let mut any_figure = false;
        let mut slots: Vec<Slot> = Vec::new();
        let mut value_seen: Option<(usize, Obs)> = None;
        let mut own: Vec<UnitResult<'a>> = Vec::new();
        if !pooling {
            own.reserve_exact(members.len());
        }
        if pooling {
            // The pooled status needs only the sums, which are summed up the
            // tree and kept for every unit above the level: a province's
            // sums serve its own targets and the nation's. The units' own
            // statuses are judged when asked for (RollUp::units).
            let key = SumsKey {
                indicator,
                series: sid,
                any: named.is_none(),
                level: applies_to.level(),
                day,
            };
            let table = self.pools.table(key);
            let above_level = units.unit(scope).is_some_and(|u| u.level() != key.level);
            if above_level && !self.pools.has(table, scope) {
                // The first target of this kind: sum the same kind of key for
                // every indicator the evaluation's targets at a level use.
                let expected = self.expected.clone();
                let mut keys = vec![(key, indicator_id, table)];
                for (other, id) in expected {
                    if !std::ptr::eq(other, indicator) {
                        let k = SumsKey {
                            indicator: other,
                            ..key
                        };
                        let t = self.pools.table(k);
                        if !self.pools.has(t, scope) {
                            keys.push((k, id, t));
                        }
                    }
                }
                self.pools
                    .node_sums_many(&mut self.groups, units, scope, &keys);
            }
            let ns = self
                .pools
                .node_sums(&mut self.groups, units, scope, key, indicator_id, table);
            if named.is_none() {
                if ns.series.len() > 1 {
                    let why = ambiguous(&ns.series, store, &members, units, &mut roll);
                    return stop(roll, Status::Ambiguous, why, None);
                }
                sid = ns.series.first().copied();
            }
            roll.merged = ns.merged;
            if let (Some(f), None) = (ns.failed, &roll.why) {
                roll.why = Some(Why::MergerNotSummable(f.0, f.1));
            }
            any_figure = ns.any;
            value_seen = ns.value_seen;
            slots = ns.slots;
        }
        // Each unit's own decision (an `each` target), taken in the units'
        // order; `fresh` when it was made now rather than kept before.
        let mut take = |m: usize, d: MemberDecision<'a>, fresh: bool, kept: &mut Memo<'a>| {
            if fresh {
                kept.keep(memo, m, &d);
            }
            roll.merged = roll.merged.saturating_add(d.merged);
            if let (Some(f), None) = (d.failed, &roll.why) {
                roll.why = Some(Why::MergerNotSummable(f.0, f.1));
            }
            if let Some(unit) = units.unit(m) {
                own.push(UnitResult {
                    unit,
                    status: d.status,
                    evidence: d.evidence,
                    store,
                });
            }
        };
        let deciding = Deciding {
            units,
            target,
            indicator,
            as_of,
            day,
            indicator_id,
            series: sid,
            memo,
        };
        // Many units (with `rayon`) are decided on the pool's threads, a few
        // blocks a thread at a time, each block reading the store through
        // groups of its own; their decisions are taken in order.
        let decided_apart = {
            #[cfg(feature = "rayon")]
            {
                let apart =
                    !pooling && worth_splitting(members.len(), JUDGED_APART.saturating_mul(2));
                if apart {
                    use rayon::prelude::*;
                    let unit_ids = Some(self.groups.all_unit_ids(units));
                    let wave =
                        JUDGED_APART.saturating_mul(rayon::current_num_threads().saturating_mul(2));
                    for some in members.chunks(wave) {
                        let decided: Vec<(MemberDecision<'a>, bool)> = some
                            .par_iter()
                            .enumerate()
                            .with_min_len(JUDGED_APART)
                            .map_init(
                                || Groups::light(store, as_of, unit_ids.clone()),
                                |groups, (k, &m)| {
                                    if k % READ_AHEAD == 0 {
                                        let ahead = some.get(k..).unwrap_or_default();
                                        deciding.read_ahead(groups, &self.memo, ahead);
                                    }
                                    deciding.decide(groups, &self.memo, m)
                                },
                            )
                            .collect();
                        for (&m, (d, fresh)) in some.iter().zip(decided) {
                            take(m, d, fresh, &mut self.memo);
                        }
                    }
                }
                apart
            }
            #[cfg(not(feature = "rayon"))]
            false
        };
        if !pooling && !decided_apart {
            for ahead in members.chunks(READ_AHEAD) {
                deciding.read_ahead(&mut self.groups, &self.memo, ahead);
                for &m in ahead {
                    let (d, fresh) = deciding.decide(&mut self.groups, &self.memo, m);
                    take(m, d, fresh, &mut self.memo);
                }
            }
        }
        if pooling {
            roll.pending = Some(Pending {
                units,
                members,
                target,
                indicator,
                store,
                as_of,
                series: sid,
                indicator_id,
                unit_ids: self.unit_ids(),
            });
        }
        match applies_to.mode() {
            RollUpMode::Pooled => {
                if let Some((m, o)) = value_seen {
                    let id = units.unit(m).map_or("", Unit::id).to_owned();
                    let why = Why::ValueNotPoolable(id, o.period);
                    return stop(roll, Status::NotPoolable, why, Some(o));
                }
                let n = roll.count;
                let scope_id = self.groups.unit_id(units, scope);
                let mut pooled: Vec<Obs> = Vec::with_capacity(slots.len());
                for slot in &slots {
                    if slot.count != n {
                        roll.coverage = Some((slot.first.period, slot.count));
                        continue;
                    }
                    match slot.sum {
                        Some(r) => pooled.push(slot.first.restated(r, slot.published, scope_id)),
                        None => {
                            let why = Why::Overflow(slot.first.period);
                            return stop(roll, Status::NotPoolable, why, None);
                        }
                    }
                }
                // The pooled series is decided as one unit's figures are.
                let decided = decide(target, indicator, &pooled, as_of);
                let (mut status, mut evidence) = (decided.status, decided.evidence.copied());
                if pooled.is_empty() && any_figure && status == Status::NoData {
                    status = if as_of > target.deadline().end() {
                        Status::AwaitingData
                    } else {
                        Status::InsufficientData
                    };
                    evidence = None;
                }
                // Only a gap at or after the figure the status rests on matters.
                if let (Some((p, _)), Some(e)) = (roll.coverage, evidence)
                    && p.end() < e.period.end()
                {
                    roll.coverage = None;
                }
                roll.pooled = match evidence.map(|o| o.reading) {
                    Some(Reading::Ratio {
                        numerator,
                        denominator,
                    }) => Some((numerator, denominator)),
                    _ => None,
                };
                let trend = decided.trend;
                roll.series = pooled;
                AtLevel {
                    status,
                    evidence,
                    trend,
                    roll_up: roll,
                }
            }
            RollUpMode::Each => {
                let (status, evidence) = each(&own, indicator, as_of > target.deadline().end());
                roll.units = own.into();
                AtLevel {
                    status,
                    evidence,
                    trend: None,
                    roll_up: roll,
                }
            }
        }
    }
}

/// What decides the units of an `each` target, each on its own figures.
struct Deciding<'a> {
    units: &'a Units,
    target: &'a Target,
    indicator: &'a Indicator,
    as_of: Date,
    /// The day the units are taken on.
    day: Date,
    indicator_id: Option<u32>,
    series: Option<u32>,
    /// The memo's table of decisions this target may share.
    memo: usize,
}

impl<'a> Deciding<'a> {
    /// Reads ahead the figures of the next of `members` (see
    /// [`Groups::read_ahead`]) unless the first one's decision was kept
    /// (then, usually, all of theirs: a target's units are decided
    /// together).
    #[inline]
    fn read_ahead(&self, groups: &mut Groups<'a>, kept: &Memo<'a>, members: &[usize]) {
        if members.first().is_some_and(|&m| !kept.holds(self.memo, m)) {
            groups.read_ahead(self.units, members, self.indicator_id);
        }
    }

    /// Unit `m`'s decision, read in `groups`: the one kept in `kept` when
    /// there is one (`false`), else made now (`true`).
    fn decide(
        &self,
        groups: &mut Groups<'a>,
        kept: &Memo<'a>,
        m: usize,
    ) -> (MemberDecision<'a>, bool) {
        if let Some(d) = kept.get(self.memo, m) {
            return (d, false);
        }
        let mut merging = Merging::default();
        let figs = member_figures(
            groups,
            self.units,
            (m, self.day),
            self.indicator_id,
            self.series,
            &mut merging,
        );
        let d = member_decision(self.target, self.indicator, self.as_of, &figs, merging);
        (d, true)
    }
}

/// The series that `members`' figures of an indicator published by the
/// as-of date are in, each once, in order of id: of the units each member
/// draws on (the member alone unless units were merged into it). Linear in
/// the figures read (then a sort of the series), however many series they
/// are in.
fn series_seen(
    groups: &mut Groups<'_>,
    units: &Units,
    members: &[usize],
    indicator_id: Option<u32>,
) -> Vec<u32> {
    let as_of = groups.as_of();
    let mut seen: Vec<u32> = Vec::new();
    let mut note = |sid: u32| {
        if seen.last() != Some(&sid) {
            seen.push(sid);
        }
    };
    let mut drawn_on = Vec::new();
    for ahead in members.chunks(READ_AHEAD) {
        groups.read_ahead(units, ahead, indicator_id);
        for &m in ahead {
            drawn_on.clear();
            if units.predecessors_of(m).is_empty() {
                drawn_on.push(m);
            } else {
                involved(units, m, &mut drawn_on);
            }
            for &ix in &drawn_on {
                match groups.group_info(units, ix, indicator_id) {
                    (_, Seen::Nothing) => {}
                    (_, Seen::One(sid)) => note(sid),
                    (group, Seen::Many) => group
                        .iter()
                        .filter(|o| o.published <= as_of)
                        .for_each(|o| note(o.series)),
                }
            }
        }
    }
    seen.sort_unstable();
    seen.dedup();
    seen
}

/// The roll-up of an ambiguous target: its units, all ambiguous, and the
/// series found.
fn ambiguous<'a>(
    seen: &[u32],
    store: &'a Observations,
    members: &[usize],
    units: &'a Units,
    roll: &mut RollUp<'a>,
) -> Why {
    let mut names: Vec<String> = seen
        .iter()
        .map(|&s| {
            store
                .text(s)
                .map_or_else(|| "(unnamed)".to_owned(), |t| format!("`{t}`"))
        })
        .collect();
    names.sort();
    roll.count = members.len();
    roll.units = members
        .iter()
        .filter_map(|&m| units.unit(m))
        .map(|unit| UnitResult {
            unit,
            status: Status::Ambiguous,
            evidence: None,
            store,
        })
        .collect::<Vec<_>>()
        .into();
    Why::Ambiguous(names)
}
