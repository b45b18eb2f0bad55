//! Each unit's observations of one indicator, looked up once in an
//! evaluation, and the series their visible figures carry.

use std::sync::Arc;

use time::Date;

use crate::engine::series::series_slice;
use crate::model::observation::{GroupCursor, Obs, Observations};
use crate::model::units::Units;

/// Each unit's group of one indicator and its series, by unit index.
type GroupTable<'a> = Vec<Option<(&'a [Obs], Seen)>>;

/// The units' groups of observations in one evaluation: the store's text id
/// of each unit is found once, and each unit's group of an indicator with
/// the series it carries is kept for the other targets.
#[derive(Debug)]
pub(crate) struct Groups<'a> {
    store: &'a Observations,
    as_of: Date,
    /// The store's text id of each unit, by unit index: found once and
    /// shared with the evaluation's other users (see
    /// [`Observations::unit_ids`]).
    unit_ids: Option<Arc<[Option<u32>]>>,
    /// Keeps no table of groups (to judge a target's units once more).
    light: bool,
    /// Each unit's group of observations, per indicator, indexed by unit.
    tables: Vec<(u32, GroupTable<'a>)>,
    /// The indicator and table of the last look-up: a target reads all its
    /// units' groups of one indicator in a row.
    last: Option<(u32, usize)>,
    /// Where [`Groups::group_in_turn`] found its last group.
    cursor: GroupCursor,
    /// The groups [`Groups::read_ahead`] found last.
    ahead: Ahead<'a>,
}

/// Groups found ahead of their use, in the order they will be asked for.
#[derive(Debug, Default)]
struct Ahead<'a> {
    indicator: Option<u32>,
    /// Each unit's index and group.
    found: Vec<(usize, &'a [Obs])>,
    /// How many of them were taken.
    next: usize,
}

impl<'a> Ahead<'a> {
    /// Unit `ix`'s group of `indicator` when it is the next one found.
    #[inline]
    fn take(&mut self, ix: usize, indicator: Option<u32>) -> Option<&'a [Obs]> {
        match self.found.get(self.next) {
            Some(&(m, g)) if m == ix && self.indicator == indicator => {
                self.next = self.next.saturating_add(1);
                Some(g)
            }
            _ => None,
        }
    }
}

impl<'a> Groups<'a> {
    /// Groups kept for the whole evaluation.
    pub(crate) fn new(store: &'a Observations, as_of: Date) -> Self {
        Groups {
            store,
            as_of,
            unit_ids: None,
            light: false,
            tables: Vec::new(),
            last: None,
            cursor: GroupCursor::default(),
            ahead: Ahead::default(),
        }
    }

    /// Groups never kept, to judge a target's units once more; their text
    /// ids are `unit_ids` where the evaluation found them, else looked up
    /// one by one.
    pub(crate) fn light(
        store: &'a Observations,
        as_of: Date,
        unit_ids: Option<Arc<[Option<u32>]>>,
    ) -> Self {
        Groups {
            light: true,
            unit_ids,
            ..Groups::new(store, as_of)
        }
    }

    /// The store's text id of every unit, by unit index, found now if they
    /// were not yet.
    #[cfg_attr(
        not(feature = "rayon"),
        allow(dead_code, reason = "used with rayon only")
    )]
    pub(crate) fn all_unit_ids(&mut self, units: &Units) -> Arc<[Option<u32>]> {
        let store = self.store;
        Arc::clone(self.unit_ids.get_or_insert_with(|| store.unit_ids(units)))
    }

    /// The units' text ids, if they were found.
    pub(crate) fn found_unit_ids(&self) -> Option<&Arc<[Option<u32>]>> {
        self.unit_ids.as_ref()
    }

    /// The observations the groups come from.
    pub(crate) fn store(&self) -> &'a Observations {
        self.store
    }

    /// The as-of date: only figures published by then are visible.
    pub(crate) fn as_of(&self) -> Date {
        self.as_of
    }

    /// The store's text id of unit `ix`; `None` when no observation names it.
    #[inline]
    pub(crate) fn unit_id(&mut self, units: &Units, ix: usize) -> Option<u32> {
        let store = self.store;
        if self.light && self.unit_ids.is_none() {
            return units.unit(ix).and_then(|u| store.string_id(u.id()));
        }
        let ids = self.unit_ids.get_or_insert_with(|| store.unit_ids(units));
        ids.get(ix).copied().flatten()
    }

    /// The stored observations of one unit (its indicator group): a direct
    /// look-up (an index, then a binary search among the unit's indicators)
    /// costs less than keeping the answer. The next group
    /// [`Groups::read_ahead`] found is taken as found.
    #[inline]
    pub(crate) fn group(&mut self, units: &Units, ix: usize, indicator: Option<u32>) -> &'a [Obs] {
        if let Some(g) = self.ahead.take(ix, indicator) {
            debug_assert_eq!(
                g.as_ptr_range(),
                self.look_up(units, ix, indicator).as_ptr_range()
            );
            return g;
        }
        self.look_up(units, ix, indicator)
    }

    /// [`Groups::group`], searched.
    #[inline]
    fn look_up(&mut self, units: &Units, ix: usize, indicator: Option<u32>) -> &'a [Obs] {
        match (indicator, self.unit_id(units, ix)) {
            (Some(i), Some(u)) => self.store.group_by_ids(i, u),
            _ => &[],
        }
    }

    /// As [`Groups::group`], for a unit's groups of several indicators
    /// read one after another in the store's order (the pooled sums read
    /// every indicator of a unit in turn): the next group is tried before
    /// searching.
    #[inline]
    pub(crate) fn group_in_turn(
        &mut self,
        units: &Units,
        ix: usize,
        indicator: Option<u32>,
    ) -> &'a [Obs] {
        match (indicator, self.unit_id(units, ix)) {
            (Some(i), Some(u)) => self.store.group_by_ids_after(i, u, &mut self.cursor),
            _ => &[],
        }
    }

    /// Finds the groups of `indicator` of the first [`READ_AHEAD`] of
    /// `members` and reads their ends (their first and two last figures,
    /// where a unit's series and its closing or latest figure are found)
    /// all at once (those of groups kept already too). [`Groups::group`]
    /// takes the groups found when they are asked for in that order; in
    /// any other, it searches, as it would have (what was found is the
    /// same either way).
    ///
    /// Each unit's figures lie elsewhere in the store, mostly out of the
    /// caches. Read one unit at a time, each read comes after a search
    /// whose branches the processor cannot foresee, so it waits on memory
    /// once a unit; these reads are independent of each other and wait
    /// about once together.
    #[inline]
    pub(crate) fn read_ahead(&mut self, units: &Units, members: &[usize], indicator: Option<u32>) {
        let table = match (self.light, indicator) {
            (false, Some(i)) => Some(self.table(units, i)),
            _ => None,
        };
        let mut found = std::mem::take(&mut self.ahead.found);
        found.clear();
        let mut ends: [&[Obs]; READ_AHEAD] = [&[]; READ_AHEAD];
        for (end, &m) in ends.iter_mut().zip(members) {
            let kept = table
                .and_then(|t| self.tables.get(t))
                .and_then(|(_, v)| v.get(m).copied().flatten());
            *end = match kept {
                Some((g, _)) => g,
                None => {
                    let g = self.look_up(units, m, indicator);
                    found.push((m, g));
                    g
                }
            };
        }
        let mut read = 0u32;
        for g in ends {
            let before_last = g.len().checked_sub(2).and_then(|i| g.get(i));
            for o in [g.first(), before_last, g.last()].into_iter().flatten() {
                read ^= o.series ^ o.unit;
            }
        }
        // Only for the reads: nothing uses the value.
        std::hint::black_box(read);
        self.ahead = Ahead {
            indicator,
            found,
            next: 0,
        };
    }

    /// Reads a figure of unit `ix` every page's length (4 KiB) from its
    /// first, ahead of their use: a walk over a unit's figures in order
    /// waits on memory at each page it enters (the processor's own reading
    /// ahead stops at the end of a page); these reads wait together.
    #[inline]
    pub(crate) fn read_unit_ahead(&mut self, units: &Units, ix: usize) {
        let Some(u) = self.unit_id(units, ix) else {
            return;
        };
        let mut read = 0u32;
        for o in self.store.unit_figures(u).iter().step_by(PAGE_FIGURES) {
            read ^= o.series;
        }
        std::hint::black_box(read);
    }

    /// The index in `tables` of the table of indicator `i`, made if there
    /// is none yet.
    fn table(&mut self, units: &Units, i: u32) -> usize {
        match self.last {
            Some((k, t)) if k == i => t,
            _ => {
                let t = match self.tables.iter().position(|(k, _)| *k == i) {
                    Some(t) => t,
                    None => {
                        self.tables.push((i, vec![None; units.len()]));
                        self.tables.len().saturating_sub(1)
                    }
                };
                self.last = Some((i, t));
                t
            }
        }
    }

    /// The group and the series its visible observations carry, kept for
    /// the rest of the evaluation (a light context keeps nothing).
    pub(crate) fn group_info(
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
        let table = self.table(units, i);
        if let Some(Some(done)) = self.tables.get(table).and_then(|(_, v)| v.get(ix)) {
            return *done;
        }
        let g = self.group(units, ix, indicator);
        let seen = self.seen(g);
        if let Some(slot) = self.tables.get_mut(table).and_then(|(_, v)| v.get_mut(ix)) {
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

    /// The series slice of unit `ix` (its stored observations in `series`).
    pub(crate) fn slice(
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
            Some(sid) => series_slice(group, sid),
            None => &[],
        }
    }
}

/// How many units' groups [`Groups::read_ahead`] reads at once: enough
/// reads for the processor to have them all under way together.
pub(crate) const READ_AHEAD: usize = 16;

/// How many stored figures a page of memory (4 KiB) holds.
const PAGE_FIGURES: usize = 4096 / size_of::<Obs>();
const _: () = assert!(PAGE_FIGURES > 0, "a figure is larger than a page");

/// The series of a group's visible observations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Seen {
    Nothing,
    One(u32),
    Many,
}
