//! A validated set of units: its hierarchy, its mergers, and the units of a
//! level within a scope on a day.

use std::hash::BuildHasher;
use std::sync::Arc;

use hashbrown::HashTable;
use hashbrown::hash_table::Entry;

use time::Date;

use crate::foundations::error::{Error, ErrorKind, Path, Problems};
use crate::foundations::text::{check_date, check_name, format_date, quoted};
use crate::model::unit::{Unit, UnitLevel};

/// A validated set of units: ids unique, parents and successors existing,
/// parents one level or more above their children, no cycles, and each
/// unit's dates in order.
///
/// Load one from a `policy-targets/units@1` document with
/// [`Units::from_json`], or build one with [`Units::new`].
///
/// ```
/// use policy_targets::{Unit, UnitLevel, Units, parse_date};
/// let units = Units::new([
///     Unit::new("VN", UnitLevel::National),
///     Unit::new("P1", UnitLevel::Province).with_parent("VN").with_until(parse_date("2025-06-30")?).with_successor("P3"),
///     Unit::new("P2", UnitLevel::Province).with_parent("VN").with_until(parse_date("2025-06-30")?).with_successor("P3"),
///     Unit::new("P3", UnitLevel::Province).with_parent("VN").with_from(parse_date("2025-07-01")?),
/// ])?;
/// assert_eq!(units.predecessors("P3").map(|u| u.id()).collect::<Vec<_>>(), ["P1", "P2"]);
/// let on = parse_date("2026-01-01")?;
/// assert_eq!(units.on(on).filter(|u| u.level() == UnitLevel::Province).count(), 1);
/// # Ok::<(), policy_targets::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Units {
    units: Vec<Unit>,
    /// Each unit's position by its id.
    index: UnitIndex,
    successor: Vec<Option<usize>>,
    children: Lists,
    predecessors: Lists,
}

/// A list of unit positions for each unit, all in one vector: a million
/// units, most without children or predecessors, would otherwise hold a
/// million vectors.
#[derive(Debug, Clone)]
struct Lists {
    /// Where each unit's list starts in `items`, and after the last unit's,
    /// where it ends.
    starts: Vec<usize>,
    items: Vec<usize>,
}

impl Lists {
    /// The lists of `n` units from `(unit, item)` pairs: each unit's list
    /// holds its items in the order of the pairs.
    fn new(n: usize, pairs: &[(usize, usize)]) -> Lists {
        // How many items each unit has, kept one place on: summed in
        // order, the counts leave at each unit's place where its list starts.
        let mut starts = vec![0_usize; n.saturating_add(1)];
        for &(unit, _) in pairs {
            if let Some(count) = starts.get_mut(unit.saturating_add(1)) {
                *count = count.saturating_add(1);
            }
        }
        let mut total = 0_usize;
        for start in &mut starts {
            total = total.saturating_add(*start);
            *start = total;
        }
        let mut items = vec![0; pairs.len()];
        let mut next = starts.clone();
        for &(unit, item) in pairs {
            if let Some(at) = next.get_mut(unit) {
                if let Some(slot) = items.get_mut(*at) {
                    *slot = item;
                }
                *at = at.saturating_add(1);
            }
        }
        Lists { starts, items }
    }

    /// The list of unit `ix`; empty when there is no such unit.
    fn get(&self, ix: usize) -> &[usize] {
        let start = self.starts.get(ix).copied().unwrap_or_default();
        let end = self.starts.get(ix.saturating_add(1)).copied();
        end.and_then(|end| self.items.get(start..end))
            .unwrap_or_default()
    }
}

impl PartialEq for Units {
    /// Equal when they hold the same units in the same order.
    fn eq(&self, other: &Self) -> bool {
        self.units == other.units
    }
}

impl Eq for Units {}

impl Units {
    /// Checks and indexes `units`.
    ///
    /// # Errors
    /// Every problem found, with the unit's position as path (`units[3].parent`):
    /// a malformed or duplicate id, an unknown parent or successor, a parent
    /// not above its child, a successor at another level, `until` before
    /// `from`, a successor without `until`, or a cycle.
    pub fn new(units: impl IntoIterator<Item = Unit>) -> Result<Units, Error> {
        let mut problems = Problems::default();
        let units: Vec<Unit> = units.into_iter().collect();
        let positions = (0..units.len()).collect();
        let units = build(units, positions, &mut problems);
        problems.into_result()?;
        Ok(units)
    }

    /// Every unit, in the order given.
    #[must_use]
    pub fn units(&self) -> &[Unit] {
        &self.units
    }

    /// How many units there are.
    #[must_use]
    pub fn len(&self) -> usize {
        self.units.len()
    }

    /// Whether there are none.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }

    /// The unit with this id.
    #[must_use]
    pub fn get(&self, id: &str) -> Option<&Unit> {
        self.index_of(id).and_then(|i| self.units.get(i))
    }

    /// The units that existed on `day`.
    pub fn on(&self, day: Date) -> impl Iterator<Item = &Unit> + '_ {
        self.units.iter().filter(move |u| u.exists_on(day))
    }

    /// The units merged into `id`, in the order given.
    pub fn predecessors(&self, id: &str) -> impl Iterator<Item = &Unit> + '_ {
        self.index_of(id)
            .map(|i| self.predecessors.get(i))
            .unwrap_or_default()
            .iter()
            .filter_map(|&i| self.units.get(i))
    }

    /// The unit that `id` became on `day`: itself if it existed then, else
    /// its successor (or the successor's successor) that did.
    #[must_use]
    pub fn as_of(&self, id: &str, day: Date) -> Option<&Unit> {
        let ix = self.resolve_on(self.index_of(id)?, day)?;
        self.units.get(ix)
    }

    /// The units of `level` within `scope` (the scope itself or below it)
    /// that existed on `day`, in the order given.
    pub fn within(&self, scope: &str, level: UnitLevel, day: Date) -> Vec<&Unit> {
        self.index_of(scope)
            .map(|s| self.members(s, level, day))
            .unwrap_or_default()
            .into_iter()
            .filter_map(|i| self.units.get(i))
            .collect()
    }

    pub(crate) fn index_of(&self, id: &str) -> Option<usize> {
        self.index.get(&self.units, id)
    }

    pub(crate) fn unit(&self, ix: usize) -> Option<&Unit> {
        self.units.get(ix)
    }

    pub(crate) fn children_of(&self, ix: usize) -> &[usize] {
        self.children.get(ix)
    }

    pub(crate) fn predecessors_of(&self, ix: usize) -> &[usize] {
        self.predecessors.get(ix)
    }

    /// `ix`, or the first successor in its chain, that existed on `day`.
    pub(crate) fn resolve_on(&self, ix: usize, day: Date) -> Option<usize> {
        let mut at = ix;
        for _ in 0..=self.units.len() {
            let u = self.units.get(at)?;
            if u.exists_on(day) {
                return Some(at);
            }
            at = (*self.successor.get(at)?)?;
        }
        None
    }

    /// Indices of the units of `level` below or at `scope` that existed on `day`.
    pub(crate) fn members(&self, scope: usize, level: UnitLevel, day: Date) -> Vec<usize> {
        let mut out = Vec::new();
        let mut stack = vec![scope];
        while let Some(ix) = stack.pop() {
            let Some(u) = self.units.get(ix) else {
                continue;
            };
            if u.level == level {
                if u.exists_on(day) {
                    out.push(ix);
                }
                // Nothing below a unit is at its own level.
                continue;
            }
            stack.extend(self.children.get(ix).iter().rev().copied());
        }
        out
    }

    /// The last day on which a unit of `level` within `scope` existed, if
    /// any did and none exists after it.
    pub(crate) fn level_ended(&self, scope: usize, level: UnitLevel) -> Option<Date> {
        let mut last: Option<Date> = None;
        let mut stack = vec![scope];
        while let Some(ix) = stack.pop() {
            let Some(u) = self.units.get(ix) else {
                continue;
            };
            if u.level == level {
                match u.until {
                    None => return None,
                    Some(d) => last = Some(last.map_or(d, |l| l.max(d))),
                }
                continue;
            }
            stack.extend(self.children.get(ix).iter().copied());
        }
        last
    }
}

/// Checks and indexes units; `positions` holds each unit's place in the
/// document, for the paths of problems (faulty entries are left out).
pub(crate) fn build(mut units: Vec<Unit>, positions: Vec<usize>, problems: &mut Problems) -> Units {
    let mark = problems.listed();
    let at = |i: usize| Path::at("units", positions.get(i).copied().unwrap_or(i));
    let mut index = UnitIndex::with_capacity(units.len());
    for (i, u) in units.iter().enumerate() {
        let path = at(i);
        if let Err(m) = check_name(&u.id, "unit id") {
            problems.push(ErrorKind::InvalidValue, path.field("id"), m);
        }
        if let Err(first) = index.insert(&units, i) {
            problems.push(
                ErrorKind::DuplicateId,
                path.field("id"),
                format!(
                    "unit {} is defined twice (first at units[{}]); a unit whose code is reused gets another id",
                    quoted(&u.id),
                    positions.get(first).copied().unwrap_or(first)
                ),
            );
        }
    }
    let n = units.len();
    let mut successor = vec![None; n];
    // (parent, child) and (successor, predecessor) pairs.
    let mut children = Vec::new();
    let mut predecessors = Vec::new();
    for (i, u) in units.iter().enumerate() {
        let path = at(i);
        // A builder's date the formats cannot write (the readers never
        // produce one): year 0 or 10000.
        for (field, day) in [("from", u.from), ("until", u.until)] {
            if let Some(Err(m)) = day.map(check_date) {
                problems.push(ErrorKind::OutOfRange, path.field(field), m);
            }
        }
        if let (Some(from), Some(until)) = (u.from, u.until)
            && until < from
        {
            problems.push(
                ErrorKind::OutOfRange,
                path.field("until"),
                format!(
                    "until {} is before from {}",
                    format_date(until),
                    format_date(from)
                ),
            );
        }
        if let Some(p) = u.parent() {
            match index.get(&units, p) {
                Some(pi) if pi == i => problems.push(
                    ErrorKind::InvalidValue,
                    path.field("parent"),
                    "a unit cannot be its own parent",
                ),
                Some(pi) => {
                    let plevel = units.get(pi).map(|pu| pu.level);
                    if plevel.is_some_and(|pl| pl >= u.level) {
                        problems.push(
                            ErrorKind::InvalidValue,
                            path.field("parent"),
                            format!(
                                "parent {} is a {}, not above this {}",
                                quoted(p),
                                plevel.map_or("?", UnitLevel::as_str),
                                u.level
                            ),
                        );
                    } else {
                        children.push((pi, i));
                    }
                }
                None => problems.push(
                    ErrorKind::UnknownId,
                    path.field("parent"),
                    format!("no unit {} among the units", quoted(p)),
                ),
            }
        }
        if let Some(s) = u.successor() {
            if u.until.is_none() {
                problems.push(
                    ErrorKind::MissingField,
                    path.field("until"),
                    "a unit with a successor needs `until`, its last day",
                );
            }
            match index.get(&units, s) {
                Some(si) if si == i => problems.push(
                    ErrorKind::InvalidValue,
                    path.field("successor"),
                    "a unit cannot be its own successor",
                ),
                Some(si) => {
                    let su = units.get(si);
                    if su.is_some_and(|su| su.level != u.level) {
                        problems.push(
                            ErrorKind::InvalidValue,
                            path.field("successor"),
                            format!(
                                "successor {} is not a {} like this unit",
                                quoted(s),
                                u.level
                            ),
                        );
                    } else if let (Some(until), Some(sfrom)) = (u.until, su.and_then(|su| su.from))
                        && sfrom > until.next_day().unwrap_or(until)
                    {
                        problems.push(
                            ErrorKind::OutOfRange,
                            path.field("successor"),
                            format!(
                                "successor {} starts on {}, not by the day after {}",
                                quoted(s),
                                format_date(sfrom),
                                format_date(until)
                            ),
                        );
                    } else {
                        if let Some(slot) = successor.get_mut(i) {
                            *slot = Some(si);
                        }
                        predecessors.push((si, i));
                    }
                }
                None => problems.push(
                    ErrorKind::UnknownId,
                    path.field("successor"),
                    format!("no unit {} among the units", quoted(s)),
                ),
            }
        }
    }
    // Parents are strictly above their children, so parent chains cannot
    // cycle; successor chains can. Only the units on a cycle are in it: a
    // unit whose chain leads into a cycle is not reported.
    for (i, on) in on_cycles(&successor).into_iter().enumerate() {
        if on {
            problems.push(
                ErrorKind::InvalidValue,
                at(i).field("successor"),
                "the chain of successors comes back to this unit",
            );
            if let Some(slot) = successor.get_mut(i) {
                *slot = None;
            }
        }
    }
    // Each problem names its unit's id beside the path.
    problems.name_entries(mark, "units", |position| {
        let i = positions.binary_search(&position).ok();
        (i.and_then(|i| units.get(i)).map(|u| u.id.to_string()), None)
    });
    // A child's parent is its parent's id itself, not a copy: a million
    // communes of one province name it once.
    for &(parent, child) in &children {
        let id = units.get(parent).map(|p| Arc::clone(&p.id));
        if let Some(c) = units.get_mut(child) {
            c.parent = id;
        }
    }
    Units {
        children: Lists::new(n, &children),
        predecessors: Lists::new(n, &predecessors),
        units,
        index,
        successor,
    }
}

/// Each unit's position, found by its id: the ids are the units' own, so
/// the index holds positions only (8 bytes a unit, where a map keyed by
/// the shared ids held 24, and building it changes no id's count).
#[derive(Clone)]
struct UnitIndex {
    table: HashTable<usize>,
    hasher: foldhash::fast::RandomState,
}

impl std::fmt::Debug for UnitIndex {
    /// How many units, not the table.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UnitIndex")
            .field("len", &self.table.len())
            .finish()
    }
}

/// The id of unit `i` of `units`.
fn id_at(units: &[Unit], i: usize) -> Option<&str> {
    units.get(i).map(|u| &*u.id)
}

impl UnitIndex {
    /// An index with room for `n` units.
    fn with_capacity(n: usize) -> Self {
        UnitIndex {
            table: HashTable::with_capacity(n),
            hasher: foldhash::fast::RandomState::default(),
        }
    }

    /// The position in `units` (the units indexed) of the unit `id`.
    fn get(&self, units: &[Unit], id: &str) -> Option<usize> {
        let hash = self.hasher.hash_one(id);
        self.table
            .find(hash, |&i| id_at(units, i) == Some(id))
            .copied()
    }

    /// Indexes unit `i` of `units`; `Err` with the position of the unit
    /// before it that has its id, if one has.
    fn insert(&mut self, units: &[Unit], i: usize) -> Result<(), usize> {
        let Some(id) = id_at(units, i) else {
            return Ok(());
        };
        let UnitIndex { table, hasher } = self;
        let hash = hasher.hash_one(id);
        match table.entry(
            hash,
            |&j| id_at(units, j) == Some(id),
            |&j| hasher.hash_one(id_at(units, j).unwrap_or_default()),
        ) {
            Entry::Occupied(first) => Err(*first.get()),
            Entry::Vacant(room) => {
                room.insert(i);
                Ok(())
            }
        }
    }
}

/// Which units are on a cycle of successors, in one pass: each unit has at
/// most one successor, so a walk from a unit not yet met either ends, meets
/// a unit an earlier walk met, or meets a unit of its own walk — the start
/// of a cycle, which is then gone round once to mark its units.
fn on_cycles(successor: &[Option<usize>]) -> Vec<bool> {
    const UNMET: usize = usize::MAX;
    let n = successor.len();
    // The walk (by its first unit) that met each unit.
    let mut walk = vec![UNMET; n];
    let mut on = vec![false; n];
    let next = |u: usize| successor.get(u).copied().flatten();
    for start in 0..n {
        if walk.get(start) != Some(&UNMET) {
            continue;
        }
        let mut u = start;
        loop {
            if let Some(w) = walk.get_mut(u) {
                *w = start;
            }
            let Some(s) = next(u) else { break };
            match walk.get(s).copied() {
                Some(UNMET) => u = s,
                Some(w) if w == start => {
                    let mut c = s;
                    for _ in 0..n {
                        if let Some(o) = on.get_mut(c) {
                            *o = true;
                        }
                        match next(c) {
                            Some(d) if d != s => c = d,
                            _ => break,
                        }
                    }
                    break;
                }
                _ => break,
            }
        }
    }
    on
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::foundations::error::Problem;
    use time::{Date, Month};

    proptest::proptest! {
        /// The index finds each id at the first unit that has it, and tells
        /// each later unit with that id where the first is, as a map of the
        /// ids would.
        #[test]
        fn the_index_finds_the_first_unit_of_each_id(ids in proptest::collection::vec("[abc]{0,3}", 0..40)) {
            let units: Vec<Unit> = ids.iter().map(|id| Unit::new(id, UnitLevel::Commune)).collect();
            let mut index = UnitIndex::with_capacity(2);
            let mut first: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
            for (i, id) in ids.iter().enumerate() {
                let expected = match first.get(id.as_str()) {
                    Some(&f) => Err(f),
                    None => {
                        first.insert(id, i);
                        Ok(())
                    }
                };
                proptest::prop_assert_eq!(index.insert(&units, i), expected);
            }
            for id in ["", "a", "b", "ab", "abc", "ca", "d"] {
                proptest::prop_assert_eq!(index.get(&units, id), first.get(id).copied());
            }
        }
    }

    #[test]
    fn a_builder_date_the_formats_cannot_write_is_refused() {
        let year_zero = Date::from_calendar_date(0, Month::January, 1).unwrap();
        let e = Units::new([
            Unit::new("VN", UnitLevel::National),
            Unit::new("P", UnitLevel::Province)
                .with_parent("VN")
                .with_from(year_zero),
        ])
        .unwrap_err();
        assert_eq!(e.problems()[0].path(), "units[1].from", "{e}");
        assert!(e.to_string().contains("year 0 is outside 1 to 9999"), "{e}");
    }

    #[test]
    fn lists_keep_the_order_of_their_pairs() {
        let lists = Lists::new(4, &[(2, 5), (0, 1), (2, 3), (2, 4)]);
        assert_eq!(lists.get(0), [1]);
        assert_eq!(lists.get(1), [] as [usize; 0]);
        assert_eq!(lists.get(2), [5, 3, 4]);
        assert_eq!(lists.get(3), [] as [usize; 0]);
        assert_eq!(lists.get(4), [] as [usize; 0]);
        assert_eq!(Lists::new(0, &[]).get(0), [] as [usize; 0]);
    }

    /// A child's parent is its parent's id itself, not a copy.
    #[test]
    fn a_parent_is_shared_with_its_unit() {
        let units = Units::new([
            Unit::new("VN", UnitLevel::National),
            Unit::new("P", UnitLevel::Province).with_parent("VN"),
        ])
        .unwrap();
        let [vn, p] = units.units() else { panic!() };
        assert!(Arc::ptr_eq(&vn.id, p.parent.as_ref().unwrap()));
        assert_eq!(p.parent(), Some("VN"));
    }

    #[test]
    fn cross_checks() {
        let e = Units::from_json(
            r#"{"format": "policy-targets/units@1", "units": [
              {"id": "VN", "level": "national"},
              {"id": "P", "level": "province", "parent": "X"},
              {"id": "P", "level": "province", "parent": "VN"},
              {"id": "C", "level": "commune", "parent": "VN", "successor": "P", "until": "2025-06-30"},
              {"id": "D", "level": "district", "parent": "VN", "successor": "E", "until": "2025-06-30"},
              {"id": "E", "level": "district", "parent": "VN", "successor": "D", "until": "2025-06-30"}]}"#,
        )
        .unwrap_err()
        .to_string();
        for s in [
            "units[1].parent",
            "units[2].id",
            "units[3].successor",
            "units[4].successor",
            "comes back",
        ] {
            assert!(e.contains(s), "{s}: {e}");
        }
    }

    #[test]
    fn only_units_on_a_cycle_are_in_it() {
        // 0 → 1 → 2 → 3 → 1: 0 leads into the cycle 1, 2, 3; 4 → 5 ends;
        // 6 → 6 is its own cycle; 7 → 3 leads into the first cycle again.
        let successor = [
            Some(1),
            Some(2),
            Some(3),
            Some(1),
            Some(5),
            None,
            Some(6),
            Some(3),
        ];
        assert_eq!(
            on_cycles(&successor),
            [false, true, true, true, false, false, true, false]
        );
        // A long chain into a cycle of two, in one pass.
        let n = 200_000;
        let mut long: Vec<Option<usize>> = (1..=n).map(Some).collect();
        long[n - 1] = Some(n - 2);
        let on = on_cycles(&long);
        assert_eq!(on.iter().filter(|&&o| o).count(), 2);
        assert!(on[n - 1] && on[n - 2]);

        let units = (0..5).map(|i| {
            let u = Unit::new(format!("P{i}"), UnitLevel::Province)
                .with_until(crate::foundations::text::parse_date("2025-06-30").unwrap());
            u.with_successor(format!("P{}", if i == 4 { 2 } else { i + 1 }))
        });
        let e = Units::new(units).unwrap_err();
        let paths: Vec<&str> = e.problems().iter().map(Problem::path).collect();
        assert_eq!(
            paths,
            [
                "units[2].successor",
                "units[3].successor",
                "units[4].successor"
            ]
        );
        assert_eq!(e.problems()[0].entry_id(), Some("P2"));
        assert!(
            e.to_string().contains(
                "units[3].successor (P3): the chain of successors comes back to this unit"
            ),
            "{e}"
        );
    }
}
