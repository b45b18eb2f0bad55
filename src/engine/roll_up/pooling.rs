//! Pooled sums of a level's units: for each period, the numerators and the
//! denominators of the units summed up the tree of units (never the mean of
//! their percentages), each subtree's sums kept for the targets above it.

use crate::foundations::hash::HashMap;

use time::Date;

use crate::engine::roll_up::groups::{Groups, Seen};
use crate::engine::roll_up::mergers::{self, Merging, member_figures};
use crate::engine::series::{one_figure_a_span, series_order, standing};
use crate::foundations::period::Period;
use crate::model::indicator::Indicator;
use crate::model::observation::Obs;
use crate::model::reading::Reading;
use crate::model::unit::UnitLevel;
use crate::model::units::Units;

/// The sums of every subtree summed in one evaluation, per [`SumsKey`]:
/// a province's sums serve its own targets and the nation's.
#[derive(Debug, Default)]
pub(crate) struct Pools<'a> {
    tables: Vec<(SumsKey<'a>, HashMap<usize, NodeSums>)>,
}

impl<'a> Pools<'a> {
    /// The sums table of `key`, made on first use.
    pub(crate) fn table(&mut self, key: SumsKey<'a>) -> usize {
        match self.tables.iter().position(|(k, _)| k.same(&key)) {
            Some(t) => t,
            None => {
                self.tables.push((key, HashMap::default()));
                self.tables.len().saturating_sub(1)
            }
        }
    }

    /// Whether the sums of `node` for table `table` are kept already.
    pub(crate) fn has(&self, table: usize, node: usize) -> bool {
        self.tables
            .get(table)
            .is_some_and(|(_, m)| m.contains_key(&node))
    }

    /// The sums of `node` kept in table `table`, if they are.
    fn kept(&self, table: usize, node: usize) -> Option<NodeSums> {
        self.tables
            .get(table)
            .and_then(|(_, m)| m.get(&node))
            .cloned()
    }

    /// Sums `node`'s subtree for several keys of one level and day at once,
    /// keeping every result as [`Pools::node_sums`] does. A unit's figures
    /// of all the indicators lie together in the store, so summing them
    /// together reads the store in order rather than in strides.
    pub(crate) fn node_sums_many(
        &mut self,
        groups: &mut Groups<'a>,
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
                add_leaf(groups, units, node, *key, *ind, ns);
            }
            return out;
        }
        let children = units.children_of(node);
        for (k, &child) in children.iter().enumerate() {
            if units.unit(child).is_some_and(|c| c.level() == level) {
                if let Some(&next) = children.get(k.saturating_add(1)) {
                    groups.read_unit_ahead(units, next);
                }
                for ((key, ind, _), ns) in keys.iter().zip(out.iter_mut()) {
                    add_leaf(groups, units, child, *key, *ind, ns);
                }
            } else {
                // A subtree summed already (a province's, for its own
                // targets, before the nation's) is not summed again.
                let mut sums: Vec<Option<NodeSums>> =
                    keys.iter().map(|(_, _, t)| self.kept(*t, child)).collect();
                if sums.iter().any(Option::is_none) {
                    let missing: Vec<_> = keys
                        .iter()
                        .zip(&sums)
                        .filter(|(_, kept)| kept.is_none())
                        .map(|(key, _)| *key)
                        .collect();
                    let mut fresh = self
                        .node_sums_many(groups, units, child, &missing)
                        .into_iter();
                    for s in sums.iter_mut().filter(|s| s.is_none()) {
                        *s = fresh.next();
                    }
                }
                for (ns, c) in out.iter_mut().zip(sums) {
                    if let Some(c) = c {
                        ns.merge(c);
                    }
                }
            }
        }
        for ((_, _, table), ns) in keys.iter().zip(out.iter()) {
            if let Some((_, m)) = self.tables.get_mut(*table) {
                m.insert(node, ns.clone());
            }
        }
        out
    }

    /// The pooled sums of the units of `key.level` in `node`'s subtree that
    /// existed on `key.day`; kept for every node above the level.
    pub(crate) fn node_sums(
        &mut self,
        groups: &mut Groups<'a>,
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
            add_leaf(groups, units, node, key, indicator_id, &mut ns);
            return ns;
        }
        if let Some(done) = self.kept(table, node) {
            return done;
        }
        for &child in units.children_of(node) {
            if units.unit(child).is_some_and(|c| c.level() == key.level) {
                // Units of the level add straight into this node's sums.
                add_leaf(groups, units, child, key, indicator_id, &mut ns);
            } else {
                let c = self.node_sums(groups, units, child, key, indicator_id, table);
                ns.merge(c);
            }
        }
        if let Some((_, m)) = self.tables.get_mut(table) {
            m.insert(node, ns.clone());
        }
        ns
    }
}

/// Adds one unit of the level (if it existed on the day) to `ns`.
fn add_leaf(
    groups: &mut Groups<'_>,
    units: &Units,
    node: usize,
    key: SumsKey<'_>,
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
            let group = groups.group_in_turn(units, node, indicator_id);
            if ns.series.len() <= 1 {
                ns.any |= accumulate_any(group, groups.as_of(), node, ns);
            }
            return;
        }
        // A unit formed by a merger: the series of it and its predecessors.
        let mut involved = Vec::new();
        mergers::involved(units, node, &mut involved);
        let mut mine = NodeSums::default();
        for ix in involved {
            match groups.group_info(units, ix, indicator_id) {
                (_, Seen::Nothing) => {}
                (_, Seen::One(sid)) => mine.note_series(sid),
                (group, Seen::Many) => {
                    for o in group.iter().filter(|o| o.published <= groups.as_of()) {
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
    let figs = member_figures(
        groups,
        units,
        (node, key.day),
        indicator_id,
        series,
        &mut merging,
    );
    ns.merged = ns.merged.saturating_add(merging.summed);
    if ns.failed.is_none() {
        ns.failed = merging.failed;
    }
    if ns.value_seen.is_none() {
        ns.any |= accumulate(
            &mut ns.slots,
            figs.as_slice(),
            groups.as_of(),
            node,
            &mut ns.value_seen,
        );
    }
}

/// What identifies the sums of a unit's subtree: the same for every target
/// on the same indicator, series, level and day.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SumsKey<'a> {
    pub(crate) indicator: &'a Indicator,
    /// The series, when the target or indicator names it; with `any`,
    /// whatever one series the units carry (found while summing).
    pub(crate) series: Option<u32>,
    pub(crate) any: bool,
    pub(crate) level: UnitLevel,
    pub(crate) day: Date,
}

impl SumsKey<'_> {
    pub(crate) fn same(&self, other: &SumsKey<'_>) -> bool {
        std::ptr::eq(self.indicator, other.indicator)
            && self.series == other.series
            && self.any == other.any
            && self.level == other.level
            && self.day == other.day
    }
}

/// The pooled sums of the units of a level within one unit's subtree.
#[derive(Debug, Clone, Default)]
pub(crate) struct NodeSums {
    /// Per period, in period order.
    pub(crate) slots: Vec<Slot>,
    /// How many units of the level it holds.
    pub(crate) count: usize,
    /// Whether any of them has a visible figure.
    pub(crate) any: bool,
    /// The first value (no counts) met, which makes pooling impossible.
    pub(crate) value_seen: Option<(usize, Obs)>,
    pub(crate) merged: usize,
    pub(crate) failed: Option<(String, Period)>,
    /// With an unnamed series: the series met (more than one: ambiguous).
    pub(crate) series: Vec<u32>,
}

impl NodeSums {
    pub(crate) fn note_series(&mut self, sid: u32) {
        if !self.series.contains(&sid) {
            self.series.push(sid);
        }
    }

    pub(crate) fn merge(&mut self, other: NodeSums) {
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
                (Some(x), Some(y)) if series_order(&x.first) < series_order(&y.first) => a.next(),
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
    figs: &[Obs],
    as_of: Date,
    m: usize,
    value_seen: &mut Option<(usize, Obs)>,
) -> bool {
    // Both the unit's figures and the slots are in period order: merge
    // them with a cursor.
    let mut at = 0usize;
    let mut any = false;
    // Adds a standing figure; `false` (a value, not counts) ends the pooling.
    let mut add = |o: &Obs| {
        any = true;
        if let Reading::Value(_) = o.reading {
            *value_seen = Some((m, *o));
            return false;
        }
        add_to_slots(slots, &mut at, o);
        true
    };
    // The usual case: one figure a period, which stands when it was
    // published by the as-of date.
    if one_figure_a_span(figs) {
        figs.iter().filter(|o| o.published <= as_of).all(&mut add);
    } else {
        standing(figs, as_of).all(&mut add);
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
    let k = series_order(o);
    while slots
        .get(*at)
        .is_some_and(|s| !s.first.period.same_span(&o.period) && series_order(&s.first) < k)
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
    // The usual case: the group is one series, the one noted already, and
    // nothing made the sums unpoolable: the figures are summed as a named
    // series' are.
    if let (Some(first), Some(last)) = (group.first(), group.last())
        && first.series == last.series
        && ns.series.first() == Some(&first.series)
        && ns.value_seen.is_none()
    {
        return accumulate(&mut ns.slots, group, as_of, m, &mut ns.value_seen);
    }
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

/// One period of a pooled series being summed.
#[derive(Debug, Clone)]
pub(crate) struct Slot {
    pub(crate) first: Obs,
    pub(crate) sum: Option<Reading>,
    pub(crate) count: usize,
    pub(crate) published: Date,
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
            (Some(a), Some(b)) => a.sum_counts(b),
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
            self.sum.and_then(|s| s.sum_counts(o.reading))
        };
        self.count = self.count.saturating_add(1);
        self.published = self.published.max(o.published);
    }
}
