//! Targets at a level: the units of a level below the target's unit, judged
//! on their pooled share or unit by unit, with merged units rolled up into
//! their successors.

use std::cmp::{Ordering, Reverse};
use std::collections::HashMap;
use std::fmt::{self, Write as _};
use std::sync::OnceLock;

use rust_decimal::Decimal;
use time::Date;

use crate::engine::evaluator::{Shown, Status, TargetResult, decide, series_name, standing};
use crate::foundations::metric::Direction;
use crate::foundations::period::Period;
use crate::foundations::text::format_date;
use crate::model::indicator::Indicator;
use crate::model::observation::{Obs, Observation, Observations};
use crate::model::reading::Reading;
use crate::model::target::{AppliesTo, RollUpMode, Target};
use crate::model::unit::{Unit, UnitLevel};
use crate::model::units::Units;
use crate::presentation::format::results::read::{EvidenceRecord, RollUpRecord, UnitRecord};

/// How deep a chain of mergers is followed.
const MAX_MERGER_DEPTH: usize = 16;

/// How a target at a level was rolled up over its units.
///
/// ```
/// use policy_targets::{Catalogue, Evaluator, Observations, RollUpMode, Status, Units, parse_date};
/// let catalogue = Catalogue::from_json(r#"{"format": "policy-targets/catalogue@1",
///   "indicators": [{"id": "online", "kind": "percent"}],
///   "targets": [{"id": "communes_50", "indicator": "online", "unit": "VN",
///                "applies_to": {"level": "commune", "mode": "pooled"},
///                "rule": {"at_least": "50"}, "deadline": "2025"}]}"#)?;
/// let units = Units::from_json(r#"{"format": "policy-targets/units@1", "units": [
///   {"id": "VN", "level": "national"},
///   {"id": "C1", "level": "commune", "parent": "VN"},
///   {"id": "C2", "level": "commune", "parent": "VN"}]}"#)?;
/// let observations = Observations::from_json(r#"{"format": "policy-targets/observations@1", "observations": [
///   {"indicator": "online", "unit": "C1", "period": "2025", "published": "2026-02-01", "numerator": 90, "denominator": 100},
///   {"indicator": "online", "unit": "C2", "period": "2025", "published": "2026-02-01", "numerator": 10, "denominator": 1000}]}"#,
///   &catalogue)?;
/// let evaluator = Evaluator::new(catalogue).with_units(units);
/// let evaluation = evaluator.evaluate(&observations, parse_date("2026-06-01")?)?;
/// let result = evaluation.get("communes_50").unwrap();
/// // The mean of 90% and 1% is 45.5%; the share of all dossiers is 100/1100.
/// assert_eq!(result.status(), Status::Missed);
/// let roll_up = result.roll_up().unwrap();
/// assert_eq!(roll_up.mode(), RollUpMode::Pooled);
/// assert_eq!(roll_up.pooled(), Some((100, 1100)));
/// assert_eq!(roll_up.units_meeting(), 1);
/// # Ok::<(), policy_targets::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct RollUp<'a> {
    mode: RollUpMode,
    level: UnitLevel,
    scope: Option<&'a Unit>,
    units_on: Date,
    /// Each unit's own result: computed during the evaluation for `each`,
    /// on first use for `pooled` (whose status does not need them).
    units: OnceLock<Vec<UnitResult<'a>>>,
    /// How many units were counted.
    count: usize,
    /// What a pooled roll-up needs to judge its units when asked.
    pending: Option<Pending<'a>>,
    pooled: Option<(u64, u64)>,
    /// A pooled target's series: one summed figure per period every unit
    /// has, which its status, projection and progress rest on.
    series: Vec<Obs>,
    /// The latest period any unit has a figure for, and how many units do.
    coverage: Option<(Period, usize)>,
    /// How many figures of merged units were summed into their successors.
    merged: usize,
    why: Option<Why>,
}

/// Why a roll-up could not be judged normally.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Why {
    NoUnitsGiven,
    UnknownScope,
    NoneOnDay(Option<Date>),
    ValueNotPoolable(String, Period),
    Overflow(Period),
    Ambiguous(Vec<String>),
    /// Figures of several merged units could not be summed (values, or an overflow).
    MergerNotSummable(String, Period),
}

/// One unit's own status within a [`RollUp`].
#[derive(Debug, Clone)]
pub struct UnitResult<'a> {
    unit: &'a Unit,
    status: Status,
    evidence: Option<Obs>,
    store: &'a Observations,
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
        self.evidence.map(|o| Observation::new(o, self.store))
    }
}

impl<'a> RollUp<'a> {
    /// A pooled target's series (empty for `each`).
    pub(crate) fn series(&self) -> &[Obs] {
        &self.series
    }

    /// `pooled` or `each`.
    #[must_use]
    pub fn mode(&self) -> RollUpMode {
        self.mode
    }

    /// The level of the units rolled up.
    #[must_use]
    pub fn level(&self) -> UnitLevel {
        self.level
    }

    /// The scope the units were taken from: the target's unit, or the unit
    /// it had been merged into by [`RollUp::units_on`].
    #[must_use]
    pub fn scope(&self) -> Option<&'a Unit> {
        self.scope
    }

    /// The day whose units were counted: the as-of date, or the deadline's
    /// last day once it has passed.
    #[must_use]
    pub fn units_on(&self) -> Date {
        self.units_on
    }

    /// Each unit counted, with its own status.
    #[must_use]
    pub fn units(&self) -> &[UnitResult<'a>] {
        self.units.get_or_init(|| {
            self.pending
                .as_ref()
                .map(Pending::judge)
                .unwrap_or_default()
        })
    }

    /// How many units meet the rule on their own.
    #[must_use]
    pub fn units_meeting(&self) -> usize {
        self.units().iter().filter(|u| u.meets()).count()
    }

    /// The units that do not meet the rule on their own (any other status).
    pub fn units_failing(&self) -> impl Iterator<Item = &'a Unit> + '_ {
        self.units().iter().filter(|u| !u.meets()).map(|u| u.unit)
    }

    /// The percentage of units meeting the rule on their own; `None` without units.
    #[must_use]
    pub fn share_meeting(&self) -> Option<Decimal> {
        let n = Decimal::from(self.count);
        let k = Decimal::from(self.units_meeting());
        k.checked_mul(Decimal::ONE_HUNDRED)?
            .checked_div(n)
            .map(|v| v.round_dp(6).normalize())
    }

    /// For a pooled target, the summed numerator and denominator of the
    /// pooled figure the status rests on.
    #[must_use]
    pub fn pooled(&self) -> Option<(u64, u64)> {
        self.pooled
    }

    /// `1 province`, `34 provinces`.
    fn units_counted(&self, n: usize) -> String {
        if n == 1 {
            format!("1 {}", self.level)
        } else {
            format!("{n} {}", self.level.plural())
        }
    }

    fn scope_name(&self, result: &TargetResult<'_>) -> String {
        match self.scope {
            Some(u) if u.id() != result.target().unit() => format!(
                "{} (into which {} was merged)",
                u.id(),
                result.target().unit()
            ),
            Some(u) => u.id().to_owned(),
            None => result.target().unit().to_owned(),
        }
    }

    /// The explanation of a rolled-up result.
    pub(crate) fn explain(&self, result: &TargetResult<'_>, out: &mut String) -> fmt::Result {
        let target = result.target();
        let level = self.level;
        let scope = self.scope_name(result);
        let on = format_date(self.units_on);
        let name = result
            .indicator()
            .names()
            .en()
            .unwrap_or(result.indicator().id());
        match &self.why {
            Some(Why::NoUnitsGiven) => {
                return write!(
                    out,
                    "The target applies to each {level} of {}, but the evaluation was given no units to roll up over.",
                    target.unit()
                );
            }
            Some(Why::UnknownScope) => {
                return write!(
                    out,
                    "The target applies to the {level} level of {}, but `{}` is not among the units.",
                    target.unit(),
                    target.unit()
                );
            }
            Some(Why::NoneOnDay(Some(last))) => {
                return write!(
                    out,
                    "No {level} of {scope} exists on {on}: the {level} level ended after {} (its last day), so a target at that level no longer applies.",
                    format_date(*last)
                );
            }
            Some(Why::NoneOnDay(None)) => {
                return write!(
                    out,
                    "The units given hold no {level} of {scope} on {on}, so there is nothing to roll up."
                );
            }
            Some(Why::ValueNotPoolable(unit, period)) => {
                return write!(
                    out,
                    "The figure of “{name}” for {unit} ({period}) is a value without numerator and denominator, so the share of all dossiers of the {} in {scope} cannot be pooled; a mean of their percentages would not be that share.",
                    self.units_counted(self.count)
                );
            }
            Some(Why::Overflow(period)) => {
                return write!(
                    out,
                    "The numerators or denominators of the {} in {scope} for {period} add up to more than 2^64-1, so they cannot be pooled.",
                    self.units_counted(self.count)
                );
            }
            Some(Why::Ambiguous(series)) => {
                return write!(
                    out,
                    "Figures of “{name}” for the {} in {scope} come from several series ({}) and neither the target nor the indicator names one; figures from different publishers are not mixed.",
                    self.units_counted(self.count),
                    series.join(", ")
                );
            }
            Some(Why::MergerNotSummable(..)) | None => {}
        }
        let n = self.count;
        let k = self.units_meeting();
        match self.mode {
            RollUpMode::Pooled => {
                if result.evidence_obs().is_some() {
                    result.explain(out)?;
                    write!(
                        out,
                        " Pooled over the {} of {scope} on {on}: numerators and denominators summed, not the mean of their percentages.",
                        self.units_counted(n)
                    )?;
                } else {
                    write!(
                        out,
                        "No period has figures from all {} of {scope} on {on}, so no pooled share can be formed yet",
                        self.units_counted(n)
                    )?;
                    out.write_char('.')?;
                }
                // A gap after a passed deadline does not bear on the verdict.
                let deadline_end = target.deadline().end();
                if let Some((period, have)) = self.coverage
                    && have < n
                    && (self.units_on < deadline_end || period.end() <= deadline_end)
                {
                    write!(
                        out,
                        " For {period}, only {have} of the {n} have published a figure."
                    )?;
                }
            }
            RollUpMode::Each => {
                let rule = target.rule().display_in(result.indicator().kind());
                write!(
                    out,
                    "{k} of the {} of {scope} on {on} {} the rule {rule} on {} own ({}%)",
                    self.units_counted(n),
                    if k == 1 { "meets" } else { "meet" },
                    if k == 1 { "its" } else { "their" },
                    self.share_meeting().unwrap_or_default()
                )?;
                let failing: Vec<String> = self
                    .units()
                    .iter()
                    .filter(|u| !u.meets())
                    .map(|u| format!("{} ({})", u.unit.id(), u.status.label_en()))
                    .collect();
                if failing.is_empty() {
                    out.write_char('.')?;
                } else {
                    let shown = failing.iter().take(10).cloned().collect::<Vec<_>>();
                    write!(out, "; not meeting it: {}", shown.join(", "))?;
                    if failing.len() > shown.len() {
                        write!(
                            out,
                            " and {} more",
                            failing.len().saturating_sub(shown.len())
                        )?;
                    }
                    out.write_char('.')?;
                }
                if let Some(o) = result.evidence_obs() {
                    let unit = self
                        .units()
                        .iter()
                        .find(|u| u.evidence.is_some_and(|e| e == o))
                        .map_or("", |u| u.unit.id());
                    write!(
                        out,
                        " The target is {}: every unit must meet the rule; the figure shown is {} ({}, published {}) for {unit}.",
                        result.status().label_en(),
                        Shown(&o, result.indicator().kind()),
                        o.period,
                        format_date(o.published)
                    )?;
                } else {
                    write!(
                        out,
                        " The target is {}: every unit must meet the rule.",
                        result.status().label_en()
                    )?;
                }
            }
        }
        if self.merged > 0 {
            let (n, s) = (self.merged, if self.merged == 1 { "" } else { "s" });
            write!(
                out,
                " {n} figure{s} of merged units summed into their successors entered the roll-up."
            )?;
        }
        if let Some(Why::MergerNotSummable(unit, period)) = &self.why {
            write!(
                out,
                " The figures of the units merged into {unit} for {period} could not be summed (values, not counts), so that period is left out for it."
            )?;
        }
        Ok(())
    }

    pub(crate) fn to_record(&self) -> RollUpRecord {
        RollUpRecord {
            mode: self.mode,
            level: self.level,
            scope: self.scope.map(|u| u.id().to_owned()),
            units_on: self.units_on,
            units: self.count,
            units_meeting: self.units_meeting(),
            share_meeting: self.share_meeting(),
            units_failing: self.units_failing().map(|u| u.id().to_owned()).collect(),
            numerator: self.pooled.map(|p| p.0),
            denominator: self.pooled.map(|p| p.1),
            per_unit: self
                .units()
                .iter()
                .map(|u| UnitRecord {
                    unit: u.unit.id().to_owned(),
                    status: u.status,
                    evidence: u.evidence().map(|o| EvidenceRecord::from_observation(&o)),
                })
                .collect(),
        }
    }
}

/// Each unit's group of one indicator and its series, by unit index.
type GroupTable<'a> = Vec<Option<(&'a [Obs], Seen)>>;

/// What one evaluation needs to roll targets up: the units and, once, the
/// store's text id of each unit.
pub(crate) struct Context<'a> {
    units: Option<&'a Units>,
    store: &'a Observations,
    as_of: Date,
    unit_ids: Option<Vec<Option<u32>>>,
    /// Looks units up one by one, keeping nothing (to judge a few units).
    light: bool,
    /// Each unit's group of observations, per indicator, indexed by unit.
    groups: Vec<(u32, GroupTable<'a>)>,
    /// Pooled sums per subtree, per sums key, by unit.
    sums: Vec<(SumsKey<'a>, HashMap<usize, NodeSums>)>,
    /// Units' own decisions, per decision key, indexed by unit.
    memo: Vec<(MemoKey<'a>, Vec<Option<Decision>>)>,
    /// The indicators of the evaluation's targets at a level: their sums are
    /// computed together (see [`Context::node_sums_many`]).
    expected: Vec<(&'a Indicator, Option<u32>)>,
}

/// Figures of merged units that could not be summed, and how many were.
#[derive(Debug, Default)]
struct Merging {
    summed: usize,
    failed: Option<(String, Period)>,
}

/// The sort key of a series: period end, then longer periods last, then publication.
fn key(o: &Obs) -> (Date, Reverse<Date>, Date) {
    (o.period.end(), Reverse(o.period.start()), o.published)
}

/// Sums two shares given as counts; `None` for a value or an overflow.
fn sum(a: Reading, b: Reading) -> Option<Reading> {
    match (a, b) {
        (
            Reading::Ratio {
                numerator: n1,
                denominator: d1,
            },
            Reading::Ratio {
                numerator: n2,
                denominator: d2,
            },
        ) => Some(Reading::Ratio {
            numerator: n1.checked_add(n2)?,
            denominator: d1.checked_add(d2)?,
        }),
        _ => None,
    }
}

impl<'a> Context<'a> {
    pub(crate) fn new(units: Option<&'a Units>, store: &'a Observations, as_of: Date) -> Self {
        Context {
            units,
            store,
            as_of,
            unit_ids: None,
            light: false,
            groups: Vec::new(),
            sums: Vec::new(),
            memo: Vec::new(),
            expected: Vec::new(),
        }
    }

    /// Notes an indicator that targets at a level of this evaluation use
    /// (each once).
    pub(crate) fn expect_indicator(&mut self, indicator: &'a Indicator, id: Option<u32>) {
        self.expected.push((indicator, id));
    }

    /// The sums table of `key`, made on first use.
    fn sums_table(&mut self, key: SumsKey<'a>) -> usize {
        match self.sums.iter().position(|(k, _)| k.same(&key)) {
            Some(t) => t,
            None => {
                self.sums.push((key, HashMap::new()));
                self.sums.len().saturating_sub(1)
            }
        }
    }

    /// Sums `node`'s subtree for several keys of one level and day at once,
    /// keeping every result as [`Context::node_sums`] does. A unit's figures
    /// of all the indicators lie together in the store, so summing them
    /// together reads the store in order rather than in strides.
    fn node_sums_many(
        &mut self,
        units: &'a Units,
        node: usize,
        keys: &[(SumsKey<'a>, Option<u32>, usize)],
    ) -> Vec<NodeSums> {
        let mut out = vec![NodeSums::default(); keys.len()];
        let (Some(u), Some((first, _, _))) = (units.unit(node), keys.first()) else {
            return out;
        };
        let level = first.level;
        if u.level() == level {
            for ((key, ind, _), ns) in keys.iter().zip(out.iter_mut()) {
                self.add_leaf(units, node, *key, *ind, ns);
            }
            return out;
        }
        for &child in units.children_of(node) {
            if units.unit(child).is_some_and(|c| c.level() == level) {
                for ((key, ind, _), ns) in keys.iter().zip(out.iter_mut()) {
                    self.add_leaf(units, child, *key, *ind, ns);
                }
            } else {
                let sums = self.node_sums_many(units, child, keys);
                for (ns, c) in out.iter_mut().zip(sums) {
                    ns.merge(c);
                }
            }
        }
        for ((_, _, table), ns) in keys.iter().zip(out.iter()) {
            if let Some((_, m)) = self.sums.get_mut(*table) {
                m.insert(node, ns.clone());
            }
        }
        out
    }

    fn unit_id(&mut self, units: &Units, ix: usize) -> Option<u32> {
        let store = self.store;
        if self.light {
            return units.unit(ix).and_then(|u| store.string_id(u.id()));
        }
        let ids = self.unit_ids.get_or_insert_with(|| {
            units
                .units()
                .iter()
                .map(|u| store.string_id(u.id()))
                .collect()
        });
        ids.get(ix).copied().flatten()
    }

    /// The stored observations of one unit (its indicator group): a direct
    /// look-up (an index, then a binary search among the unit's indicators)
    /// costs less than keeping the answer.
    fn group(&mut self, units: &Units, ix: usize, indicator: Option<u32>) -> &'a [Obs] {
        match (indicator, self.unit_id(units, ix)) {
            (Some(i), Some(u)) => self.store.group_by_ids(i, u),
            _ => &[],
        }
    }

    /// The group and the series its visible observations carry, kept for
    /// the rest of the evaluation (a light context keeps nothing).
    fn group_info(
        &mut self,
        units: &Units,
        ix: usize,
        indicator: Option<u32>,
    ) -> (&'a [Obs], Seen) {
        let Some(i) = indicator else {
            return (&[], Seen::Nothing);
        };
        if self.light {
            let g = self.group(units, ix, indicator);
            return (g, self.seen(g));
        }
        let table = match self.groups.iter().position(|(k, _)| *k == i) {
            Some(t) => t,
            None => {
                self.groups.push((i, vec![None; units.len()]));
                self.groups.len().saturating_sub(1)
            }
        };
        if let Some(Some(done)) = self.groups.get(table).and_then(|(_, v)| v.get(ix)) {
            return *done;
        }
        let g = self.group(units, ix, indicator);
        let seen = self.seen(g);
        if let Some(slot) = self.groups.get_mut(table).and_then(|(_, v)| v.get_mut(ix)) {
            *slot = Some((g, seen));
        }
        (g, seen)
    }

    /// The series a group's visible observations carry.
    fn seen(&self, g: &[Obs]) -> Seen {
        let as_of = self.as_of;
        let mut visible = g.iter().filter(|o| o.published <= as_of);
        match visible.next() {
            None => Seen::Nothing,
            // The group is sorted by series: one series when first and last agree.
            Some(o) if g.first().map(|f| f.series) == g.last().map(|l| l.series) => {
                Seen::One(o.series)
            }
            Some(o) => {
                if visible.any(|x| x.series != o.series) {
                    Seen::Many
                } else {
                    Seen::One(o.series)
                }
            }
        }
    }

    /// The units whose figures a member's figures may draw on: itself and,
    /// transitively, the units merged into it.
    fn involved(units: &Units, ix: usize, depth: usize, out: &mut Vec<usize>) {
        out.push(ix);
        if depth >= MAX_MERGER_DEPTH {
            return;
        }
        for &p in units.predecessors_of(ix) {
            Self::involved(units, p, depth.saturating_add(1), out);
        }
    }

    /// The standing figures of unit `ix` in `series`, one per period, sorted;
    /// for a period it has no figure of its own, the sum of the figures of
    /// the units merged into it, where every one of them has one.
    fn figures(
        &mut self,
        units: &Units,
        ix: usize,
        indicator: Option<u32>,
        series: Option<u32>,
        (day, depth): (Date, usize),
        merging: &mut Merging,
    ) -> Vec<Obs> {
        let group = self.group(units, ix, indicator);
        let slice = match series {
            Some(sid) => {
                let lo = group.partition_point(|o| o.series < sid);
                let hi = group.partition_point(|o| o.series <= sid);
                group.get(lo..hi).unwrap_or(&[])
            }
            None => &[],
        };
        let mut own: Vec<Obs> = standing(slice, self.as_of).copied().collect();
        // Only units that had ceased by the units day are merged in: on an
        // earlier day they are units in their own right.
        let preds: Vec<usize> = units
            .predecessors_of(ix)
            .iter()
            .copied()
            .filter(|&p| {
                units
                    .unit(p)
                    .and_then(Unit::existed_until)
                    .is_some_and(|until| until < day)
            })
            .collect();
        if preds.is_empty() || depth >= MAX_MERGER_DEPTH {
            return own;
        }
        let parts: Vec<Vec<Obs>> = preds
            .iter()
            .map(|&p| {
                self.figures(
                    units,
                    p,
                    indicator,
                    series,
                    (day, depth.saturating_add(1)),
                    merging,
                )
            })
            .collect();
        if parts.is_empty() {
            return own;
        }
        // The last day of the units merged into this one. When this unit
        // existed already on that day (it absorbed them), its own figures up
        // to then cover its old territory only: they count as one more part
        // of the sum, never as the whole; after that day they are the whole.
        let merged_until = preds
            .iter()
            .filter_map(|&p| units.unit(p).and_then(Unit::existed_until))
            .max();
        let absorbed = merged_until.is_some_and(|until| {
            units
                .unit(ix)
                .is_some_and(|u| u.existed_from().is_none_or(|from| from <= until))
        });
        if absorbed && let Some(until) = merged_until {
            // A figure for a period before the merger cannot stand alone.
            let (before, after): (Vec<Obs>, Vec<Obs>) =
                own.into_iter().partition(|o| o.period.end() <= until);
            own = after;
            let mut parts_with_own = Vec::with_capacity(parts.len().saturating_add(1));
            parts_with_own.push(before);
            parts_with_own.extend(parts.iter().cloned());
            return self.sum_parts(units, ix, own, &parts_with_own, Some(until), merging);
        }
        self.sum_parts(units, ix, own, &parts, None, merging)
    }

    /// Adds to `own` the sum of `parts` (one list of figures per part) for
    /// every period `own` has no figure for and every part has one; with
    /// `until`, only periods ending on or before it.
    fn sum_parts(
        &mut self,
        units: &Units,
        ix: usize,
        mut own: Vec<Obs>,
        parts: &[Vec<Obs>],
        until: Option<Date>,
        merging: &mut Merging,
    ) -> Vec<Obs> {
        let Some((first, rest)) = parts.split_first() else {
            return own;
        };
        let mut added = false;
        for f in first {
            if own.iter().any(|o| o.period.same_span(&f.period))
                || until.is_some_and(|u| f.period.end() > u)
            {
                continue;
            }
            let mut reading = Some(f.reading);
            let mut published = f.published;
            let mut everyone = true;
            for other in rest {
                match other.iter().find(|o| o.period.same_span(&f.period)) {
                    Some(o) => {
                        published = published.max(o.published);
                        reading = reading.and_then(|r| sum(r, o.reading));
                    }
                    None => {
                        everyone = false;
                        break;
                    }
                }
            }
            if !everyone {
                continue;
            }
            match reading {
                Some(r) => {
                    let unit = self.unit_id(units, ix);
                    own.push(f.restated(r, published, unit));
                    merging.summed = merging.summed.saturating_add(1);
                    added = true;
                }
                None => {
                    if merging.failed.is_none() {
                        let id = units.unit(ix).map_or("", Unit::id).to_owned();
                        merging.failed = Some((id, f.period));
                    }
                }
            }
        }
        if added {
            own.sort_by_key(key);
        }
        own
    }

    /// The series slice of unit `ix` (its stored observations in `series`).
    fn slice(
        &mut self,
        units: &Units,
        ix: usize,
        indicator: Option<u32>,
        series: Option<u32>,
    ) -> &'a [Obs] {
        let (group, seen) = self.group_info(units, ix, indicator);
        let whole = group.first().map(|o| o.series) == group.last().map(|o| o.series);
        match series {
            // One series in the group (the usual case): no search.
            Some(sid) if whole && seen != Seen::Many => {
                if group.first().is_some_and(|o| o.series == sid) {
                    group
                } else {
                    &[]
                }
            }
            Some(sid) => {
                let lo = group.partition_point(|o| o.series < sid);
                let hi = group.partition_point(|o| o.series <= sid);
                group.get(lo..hi).unwrap_or(&[])
            }
            None => &[],
        }
    }

    /// A member's figures: its stored series where nothing was merged into
    /// it (no copy), else the series with its predecessors' sums.
    fn member_figures(
        &mut self,
        units: &Units,
        (ix, day): (usize, Date),
        indicator: Option<u32>,
        series: Option<u32>,
        merging: &mut Merging,
    ) -> Figures<'a> {
        if units.predecessors_of(ix).is_empty() {
            Figures::Stored(self.slice(units, ix, indicator, series))
        } else {
            Figures::Built(self.figures(units, ix, indicator, series, (day, 0), merging))
        }
    }

    /// A member's own decision, memoised across the targets of one
    /// evaluation that share indicator, series, rule, deadline and closing
    /// period (a province target and the national one over the same communes).
    fn memo_get(&self, memo: usize, m: usize) -> Option<Decision> {
        self.memo
            .get(memo)
            .and_then(|(_, v)| v.get(m))
            .and_then(Option::as_ref)
            .cloned()
    }

    /// Decides a member on its figures and keeps the decision.
    fn member_decision(
        &mut self,
        memo: usize,
        m: usize,
        result: TargetResult<'a>,
        figs: &Figures<'_>,
        merging: Merging,
    ) -> Decision {
        let own = decide(result, figs.as_slice());
        let d = Decision {
            status: own.status(),
            evidence: own.evidence_obs(),
            merged: merging.summed,
            failed: merging.failed.map(Box::new),
        };
        if let Some(slot) = self.memo.get_mut(memo).and_then(|(_, v)| v.get_mut(m)) {
            *slot = Some(d.clone());
        }
        d
    }

    /// The memo table for a decision key, made on first use.
    fn memo_for(&mut self, units: &Units, key: MemoKey<'a>) -> usize {
        if let Some(i) = self.memo.iter().position(|(k, _)| k.same(&key)) {
            return i;
        }
        self.memo.push((key, vec![None; units.len()]));
        self.memo.len().saturating_sub(1)
    }

    /// The pooled sums of the units of `key.level` in `node`'s subtree that
    /// existed on `key.day`; kept for every node above the level.
    fn node_sums(
        &mut self,
        units: &'a Units,
        node: usize,
        key: SumsKey<'a>,
        indicator_id: Option<u32>,
        table: usize,
    ) -> NodeSums {
        let mut ns = NodeSums::default();
        let Some(u) = units.unit(node) else {
            return ns;
        };
        if u.level() == key.level {
            self.add_leaf(units, node, key, indicator_id, &mut ns);
            return ns;
        }
        if let Some(done) = self.sums.get(table).and_then(|(_, m)| m.get(&node)) {
            return done.clone();
        }
        for &child in units.children_of(node) {
            if units.unit(child).is_some_and(|c| c.level() == key.level) {
                // Units of the level add straight into this node's sums.
                self.add_leaf(units, child, key, indicator_id, &mut ns);
            } else {
                let c = self.node_sums(units, child, key, indicator_id, table);
                ns.merge(c);
            }
        }
        if let Some((_, m)) = self.sums.get_mut(table) {
            m.insert(node, ns.clone());
        }
        ns
    }

    /// Adds one unit of the level (if it existed on the day) to `ns`.
    fn add_leaf(
        &mut self,
        units: &'a Units,
        node: usize,
        key: SumsKey<'a>,
        indicator_id: Option<u32>,
        ns: &mut NodeSums,
    ) {
        if !units.unit(node).is_some_and(|u| u.exists_on(key.day)) {
            return;
        }
        ns.count = ns.count.saturating_add(1);
        let series = if key.any {
            if units.predecessors_of(node).is_empty() {
                // The usual case: the unit's own group, its series checked
                // while it is summed.
                let group = self.group(units, node, indicator_id);
                if ns.series.len() <= 1 {
                    ns.any |= accumulate_any(group, self.as_of, node, ns);
                }
                return;
            }
            // A unit formed by a merger: the series of it and its predecessors.
            let mut involved = Vec::new();
            Self::involved(units, node, 0, &mut involved);
            let mut mine = NodeSums::default();
            for ix in involved {
                match self.group_info(units, ix, indicator_id) {
                    (_, Seen::Nothing) => {}
                    (_, Seen::One(sid)) => mine.note_series(sid),
                    (group, Seen::Many) => {
                        for o in group.iter().filter(|o| o.published <= self.as_of) {
                            mine.note_series(o.series);
                        }
                    }
                }
            }
            for sid in &mine.series {
                ns.note_series(*sid);
            }
            if mine.series.len() > 1 {
                return;
            }
            mine.series.first().copied()
        } else {
            key.series
        };
        let mut merging = Merging::default();
        let figs = self.member_figures(units, (node, key.day), indicator_id, series, &mut merging);
        ns.merged = ns.merged.saturating_add(merging.summed);
        if ns.failed.is_none() {
            ns.failed = merging.failed;
        }
        if ns.value_seen.is_none() {
            ns.any |= accumulate(&mut ns.slots, &figs, self.as_of, node, &mut ns.value_seen);
        }
    }

    /// Judges a target with `applies_to`.
    pub(crate) fn judge(
        &mut self,
        target: &'a Target,
        indicator: &'a Indicator,
        applies_to: AppliesTo,
        indicator_id: Option<u32>,
    ) -> TargetResult<'a> {
        let as_of = self.as_of;
        let store = self.store;
        let mut result = TargetResult::blank(target, indicator, store, &[], as_of);
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
        let stop = |mut result: TargetResult<'a>, roll: RollUp<'a>, status, why, evidence| {
            let mut roll = roll;
            roll.why = Some(why);
            result.set(status, evidence);
            result.set_roll_up(roll);
            result
        };
        let Some(units) = self.units else {
            return stop(result, roll, Status::NoUnits, Why::NoUnitsGiven, None);
        };
        let Some(scope) = units.index_of(target.unit()) else {
            return stop(result, roll, Status::NoUnits, Why::UnknownScope, None);
        };
        let scope = units.resolve_on(scope, day).unwrap_or(scope);
        roll.scope = units.unit(scope);
        let members = units.members(scope, applies_to.level(), day);
        if members.is_empty() {
            let ended = units.level_ended(scope, applies_to.level());
            return stop(result, roll, Status::NoUnits, Why::NoneOnDay(ended), None);
        }
        // 3.2 across the units: one series. A pooled target with none
        // named finds it while summing (below).
        let pooling = applies_to.mode() == RollUpMode::Pooled;
        let named = series_name(target, indicator);
        let mut sid = match named {
            Some(name) => store.string_id(name),
            None if pooling => None,
            None => {
                let mut seen: Vec<u32> = Vec::new();
                let mut involved = Vec::new();
                for &m in &members {
                    Self::involved(units, m, 0, &mut involved);
                }
                for ix in involved {
                    match self.group_info(units, ix, indicator_id) {
                        (_, Seen::Nothing) => {}
                        (_, Seen::One(sid)) => {
                            if !seen.contains(&sid) {
                                seen.push(sid);
                            }
                        }
                        (group, Seen::Many) => {
                            for o in group.iter().filter(|o| o.published <= as_of) {
                                if !seen.contains(&o.series) {
                                    seen.push(o.series);
                                }
                            }
                        }
                    }
                }
                if seen.len() > 1 {
                    let why = ambiguous(&seen, store, &members, units, &mut roll);
                    return stop(result, roll, Status::Ambiguous, why, None);
                }
                seen.first().copied()
            }
        };
        // Each unit's own status.
        let memo = if pooling {
            usize::MAX
        } else {
            self.memo_for(
                units,
                MemoKey {
                    indicator,
                    series: sid,
                    rule: target.rule(),
                    deadline: target.deadline(),
                    judged_on: target.judged_on(),
                },
            )
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
            let table = self.sums_table(key);
            let above_level = units.unit(scope).is_some_and(|u| u.level() != key.level);
            let done = self
                .sums
                .get(table)
                .is_some_and(|(_, m)| m.contains_key(&scope));
            if above_level && !done && !self.light {
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
                        let t = self.sums_table(k);
                        if !self
                            .sums
                            .get(t)
                            .is_some_and(|(_, m)| m.contains_key(&scope))
                        {
                            keys.push((k, id, t));
                        }
                    }
                }
                self.node_sums_many(units, scope, &keys);
            }
            let ns = self.node_sums(units, scope, key, indicator_id, table);
            if named.is_none() {
                if ns.series.len() > 1 {
                    let why = ambiguous(&ns.series, store, &members, units, &mut roll);
                    return stop(result, roll, Status::Ambiguous, why, None);
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
        for &m in &members {
            if pooling {
                break;
            }
            let d = match self.memo_get(memo, m) {
                Some(d) => d,
                None => {
                    let mut merging = Merging::default();
                    let figs =
                        self.member_figures(units, (m, day), indicator_id, sid, &mut merging);
                    let blank = TargetResult::blank(target, indicator, store, &[], as_of);
                    self.member_decision(memo, m, blank, &figs, merging)
                }
            };
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
            });
        }
        let mut result = match applies_to.mode() {
            RollUpMode::Pooled => {
                if let Some((m, o)) = value_seen {
                    let id = units.unit(m).map_or("", Unit::id).to_owned();
                    let why = Why::ValueNotPoolable(id, o.period);
                    return stop(result, roll, Status::NotPoolable, why, Some(o));
                }
                let n = roll.count;
                let scope_id = self.unit_id(units, scope);
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
                            return stop(result, roll, Status::NotPoolable, why, None);
                        }
                    }
                }
                let mut decided = decide(result, &pooled);
                if pooled.is_empty() && any_figure && decided.status() == Status::NoData {
                    let status = if as_of > target.deadline().end() {
                        Status::AwaitingData
                    } else {
                        Status::InsufficientData
                    };
                    decided.set(status, None);
                }
                // Only a gap at or after the figure the status rests on matters.
                if let (Some((p, _)), Some(e)) = (roll.coverage, decided.evidence_obs())
                    && p.end() < e.period.end()
                {
                    roll.coverage = None;
                }
                roll.pooled = match decided.evidence_obs().map(|o| o.reading) {
                    Some(Reading::Ratio {
                        numerator,
                        denominator,
                    }) => Some((numerator, denominator)),
                    _ => None,
                };
                roll.series = pooled;
                decided
            }
            RollUpMode::Each => {
                let (status, evidence) = each(&own, indicator, as_of > target.deadline().end());
                roll.units = own.into();
                result.set(status, evidence);
                result
            }
        };
        result.set_roll_up(roll);
        result
    }
}

/// What identifies the sums of a unit's subtree: the same for every target
/// on the same indicator, series, level and day.
#[derive(Debug, Clone, Copy)]
struct SumsKey<'a> {
    indicator: &'a Indicator,
    /// The series, when the target or indicator names it; with `any`,
    /// whatever one series the units carry (found while summing).
    series: Option<u32>,
    any: bool,
    level: UnitLevel,
    day: Date,
}

impl SumsKey<'_> {
    fn same(&self, other: &SumsKey<'_>) -> bool {
        std::ptr::eq(self.indicator, other.indicator)
            && self.series == other.series
            && self.any == other.any
            && self.level == other.level
            && self.day == other.day
    }
}

/// The pooled sums of the units of a level within one unit's subtree.
#[derive(Debug, Clone, Default)]
struct NodeSums {
    /// Per period, in period order.
    slots: Vec<Slot>,
    /// How many units of the level it holds.
    count: usize,
    /// Whether any of them has a visible figure.
    any: bool,
    /// The first value (no counts) met, which makes pooling impossible.
    value_seen: Option<(usize, Obs)>,
    merged: usize,
    failed: Option<(String, Period)>,
    /// With an unnamed series: the series met (more than one: ambiguous).
    series: Vec<u32>,
}

impl NodeSums {
    fn note_series(&mut self, sid: u32) {
        if !self.series.contains(&sid) {
            self.series.push(sid);
        }
    }

    fn merge(&mut self, other: NodeSums) {
        for sid in &other.series {
            self.note_series(*sid);
        }
        self.count = self.count.saturating_add(other.count);
        self.any |= other.any;
        self.value_seen = self.value_seen.or(other.value_seen);
        self.merged = self.merged.saturating_add(other.merged);
        if self.failed.is_none() {
            self.failed = other.failed;
        }
        if self.slots.is_empty() {
            self.slots = other.slots;
            return;
        }
        let mine = std::mem::take(&mut self.slots);
        let mut out = Vec::with_capacity(mine.len().max(other.slots.len()));
        let (mut a, mut b) = (
            mine.into_iter().peekable(),
            other.slots.into_iter().peekable(),
        );
        loop {
            let next = match (a.peek(), b.peek()) {
                (Some(x), Some(y)) if x.first.period.same_span(&y.first.period) => {
                    match (a.next(), b.next()) {
                        (Some(x), Some(y)) => Some(x.combine(&y)),
                        _ => break,
                    }
                }
                (Some(x), Some(y)) if key(&x.first) < key(&y.first) => a.next(),
                (Some(_), Some(_)) | (None, Some(_)) => b.next(),
                (Some(_), None) => a.next(),
                (None, None) => break,
            };
            match next {
                Some(slot) => out.push(slot),
                None => break,
            }
        }
        self.slots = out;
    }
}

/// Adds a unit's standing figures to the pooled slots; `true` if it has
/// any. A value (no counts) is recorded in `value_seen` and ends the pooling.
fn accumulate(
    slots: &mut Vec<Slot>,
    figs: &Figures<'_>,
    as_of: Date,
    m: usize,
    value_seen: &mut Option<(usize, Obs)>,
) -> bool {
    // Both the unit's figures and the slots are in period order: merge
    // them with a cursor.
    let mut at = 0usize;
    let mut any = false;
    for o in standing(figs.as_slice(), as_of) {
        any = true;
        if let Reading::Value(_) = o.reading {
            *value_seen = Some((m, *o));
            break;
        }
        add_to_slots(slots, &mut at, o);
    }
    any
}

/// Adds `o` to the slot of its period in `slots` (sorted by period), making
/// the slot if there is none; `at` is where the search starts and is left
/// just after that slot, since a unit's figures come in period order.
#[inline]
fn add_to_slots(slots: &mut Vec<Slot>, at: &mut usize, o: &Obs) {
    // The usual case: the slot under the cursor is this figure's period.
    if let Some(slot) = slots.get_mut(*at)
        && slot.first.period.same_span(&o.period)
    {
        slot.add(o);
        *at = at.saturating_add(1);
        return;
    }
    add_to_slots_searching(slots, at, o);
}

/// [`add_to_slots`] when the cursor is not on the figure's period.
#[inline(never)]
fn add_to_slots_searching(slots: &mut Vec<Slot>, at: &mut usize, o: &Obs) {
    let k = key(o);
    while slots
        .get(*at)
        .is_some_and(|s| !s.first.period.same_span(&o.period) && key(&s.first) < k)
    {
        *at = at.saturating_add(1);
    }
    match slots.get_mut(*at) {
        Some(slot) if slot.first.period.same_span(&o.period) => slot.add(o),
        _ => {
            let mut slot = Slot::new(*o);
            slot.add(o);
            slots.insert(*at, slot);
        }
    }
    *at = at.saturating_add(1);
}

/// As [`accumulate`], for a unit's whole group when no series is named:
/// the series of its visible figures are noted in `ns.series`, and summing
/// stops at a second one (the target is then ambiguous).
fn accumulate_any(group: &[Obs], as_of: Date, m: usize, ns: &mut NodeSums) -> bool {
    let mut slots = std::mem::take(&mut ns.slots);
    let any = accumulate_any_into(&mut slots, group, as_of, m, ns);
    ns.slots = slots;
    any
}

fn accumulate_any_into(
    slots: &mut Vec<Slot>,
    group: &[Obs],
    as_of: Date,
    m: usize,
    ns: &mut NodeSums,
) -> bool {
    let mut at = 0usize;
    let mut any = false;
    for o in standing(group, as_of) {
        any = true;
        if ns.series.first() != Some(&o.series) {
            ns.note_series(o.series);
            if ns.series.len() > 1 {
                break;
            }
        }
        if ns.value_seen.is_some() {
            // Not poolable already: only the series still matter.
            continue;
        }
        if let Reading::Value(_) = o.reading {
            ns.value_seen = Some((m, *o));
            break;
        }
        add_to_slots(slots, &mut at, o);
    }
    any
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

/// What judging a pooled roll-up's units on demand needs.
#[derive(Debug, Clone)]
struct Pending<'a> {
    units: &'a Units,
    members: Vec<usize>,
    target: &'a Target,
    indicator: &'a Indicator,
    store: &'a Observations,
    as_of: Date,
    series: Option<u32>,
    indicator_id: Option<u32>,
}

impl<'a> Pending<'a> {
    /// Each unit's own status, judged now.
    fn judge(&self) -> Vec<UnitResult<'a>> {
        let mut ctx = Context::new(Some(self.units), self.store, self.as_of);
        ctx.light = true;
        let day = self.as_of.min(self.target.deadline().end());
        let mut out = Vec::with_capacity(self.members.len());
        for &m in &self.members {
            let mut merging = Merging::default();
            let figs = ctx.member_figures(
                self.units,
                (m, day),
                self.indicator_id,
                self.series,
                &mut merging,
            );
            let own = decide(
                TargetResult::blank(self.target, self.indicator, self.store, &[], self.as_of),
                figs.as_slice(),
            );
            if let Some(unit) = self.units.unit(m) {
                out.push(UnitResult {
                    unit,
                    status: own.status(),
                    evidence: own.evidence_obs(),
                    store: self.store,
                });
            }
        }
        out
    }
}

/// The figures of one member.
enum Figures<'a> {
    /// Its own stored series.
    Stored(&'a [Obs]),
    /// Made with the sums of its predecessors' figures.
    Built(Vec<Obs>),
}

impl Figures<'_> {
    fn as_slice(&self) -> &[Obs] {
        match self {
            Figures::Stored(s) => s,
            Figures::Built(v) => v,
        }
    }
}

/// The series of a group's visible observations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Seen {
    Nothing,
    One(u32),
    Many,
}

/// One period of a pooled series being summed.
#[derive(Debug, Clone)]
struct Slot {
    first: Obs,
    sum: Option<Reading>,
    count: usize,
    published: Date,
}

impl Slot {
    fn new(first: Obs) -> Slot {
        Slot {
            first,
            sum: None,
            count: 0,
            published: first.published,
        }
    }

    /// Two slots of the same period, from disjoint sets of units.
    fn combine(mut self, other: &Slot) -> Slot {
        self.sum = match (self.sum, other.sum) {
            (Some(a), Some(b)) => sum(a, b),
            _ => None,
        };
        self.count = self.count.saturating_add(other.count);
        self.published = self.published.max(other.published);
        self
    }

    #[inline]
    fn add(&mut self, o: &Obs) {
        self.sum = if self.count == 0 {
            Some(o.reading)
        } else {
            self.sum.and_then(|s| sum(s, o.reading))
        };
        self.count = self.count.saturating_add(1);
        self.published = self.published.max(o.published);
    }
}

/// What decides a unit's own status: the same for every target that shares it.
#[derive(Debug, Clone, Copy)]
struct MemoKey<'a> {
    indicator: &'a Indicator,
    series: Option<u32>,
    rule: crate::foundations::metric::Rule,
    deadline: Period,
    judged_on: Option<Period>,
}

impl MemoKey<'_> {
    fn same(&self, other: &MemoKey<'_>) -> bool {
        std::ptr::eq(self.indicator, other.indicator)
            && self.series == other.series
            && self.rule == other.rule
            && self.deadline == other.deadline
            && self.judged_on == other.judged_on
    }
}

/// A unit's own decision.
#[derive(Debug, Clone)]
struct Decision {
    status: Status,
    evidence: Option<Obs>,
    merged: usize,
    failed: Option<Box<(String, Period)>>,
}

/// The status of an `each` target from its units' own statuses, and the
/// deciding figure: the worst one among the units that decide it.
fn each(units: &[UnitResult<'_>], indicator: &Indicator, passed: bool) -> (Status, Option<Obs>) {
    let worst = |pick: &dyn Fn(Status) -> bool| -> Option<Obs> {
        units
            .iter()
            .filter(|u| pick(u.status))
            .filter_map(|u| u.evidence)
            .reduce(|a, b| {
                let ord = a.reading.cmp_threshold_reading(&b.reading);
                let a_worse = match indicator.direction() {
                    Direction::HigherIsBetter => ord != Ordering::Greater,
                    Direction::LowerIsBetter => ord != Ordering::Less,
                };
                if a_worse { a } else { b }
            })
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
