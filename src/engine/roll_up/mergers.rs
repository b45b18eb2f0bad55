//! The figures of a unit formed by mergers: for each period it has no
//! figure of its own, the sum of its predecessors' figures, where every one
//! of them has one and all are counts.
//!
//! A chain of mergers of any length is followed, in time linear in the
//! number of units merged (a cycle of successors is a load error of the
//! units): nothing is cut off at a depth, and a figure that cannot be
//! summed is reported ([`Merging::failed`]), never dropped silently.

use time::Date;

use crate::engine::roll_up::groups::Groups;
use crate::engine::series::{series_order, series_slice, standing};
use crate::foundations::period::Period;
use crate::model::observation::Obs;
use crate::model::unit::Unit;
use crate::model::units::Units;

/// Figures of merged units that could not be summed, and how many were.
#[derive(Debug, Default)]
pub(crate) struct Merging {
    pub(crate) summed: usize,
    pub(crate) failed: Option<(String, Period)>,
}

/// The figures of one member.
pub(crate) enum Figures<'a> {
    /// Its own stored series.
    Stored(&'a [Obs]),
    /// Made with the sums of its predecessors' figures.
    Built(Vec<Obs>),
}

impl Figures<'_> {
    pub(crate) fn as_slice(&self) -> &[Obs] {
        match self {
            Figures::Stored(s) => s,
            Figures::Built(v) => v,
        }
    }
}

/// Appends to `out` the units whose figures a member's figures may draw on:
/// itself and, transitively, the units merged into it, however long the
/// chain (each unit once: a unit has at most one successor, and cycles are
/// refused when the units are loaded).
pub(crate) fn involved(units: &Units, ix: usize, out: &mut Vec<usize>) {
    let mut next = out.len();
    out.push(ix);
    while let Some(&u) = out.get(next) {
        out.extend_from_slice(units.predecessors_of(u));
        next = next.saturating_add(1);
    }
}

/// A member's figures: its stored series where nothing was merged into
/// it (no copy), else the series with its predecessors' sums.
pub(crate) fn member_figures<'a>(
    groups: &mut Groups<'a>,
    units: &Units,
    (ix, day): (usize, Date),
    indicator: Option<u32>,
    series: Option<u32>,
    merging: &mut Merging,
) -> Figures<'a> {
    if units.predecessors_of(ix).is_empty() {
        Figures::Stored(groups.slice(units, ix, indicator, series))
    } else {
        Figures::Built(figures(
            groups,
            units,
            (ix, day),
            indicator,
            series,
            merging,
        ))
    }
}

/// The units merged into `ix` by `day`: only units that had ceased by the
/// units day are merged in; on an earlier day they are units in their own
/// right.
fn merged_by(units: &Units, ix: usize, day: Date) -> impl Iterator<Item = usize> + '_ {
    units.predecessors_of(ix).iter().copied().filter(move |&p| {
        units
            .unit(p)
            .and_then(Unit::existed_until)
            .is_some_and(|until| until < day)
    })
}

/// The standing figures of unit `root` in `series`, one per period, sorted;
/// for a period it has no figure of its own, the sum of the figures of the
/// units merged into it, where every one of them has one — each of those
/// built the same way from the units merged into it.
///
/// The tree of mergers is walked without recursion: the units are listed
/// from `root` outwards, then their figures are built from the farthest
/// predecessors back to `root`, so that a chain of any length costs time
/// in proportion to its length and no stack.
fn figures(
    groups: &mut Groups<'_>,
    units: &Units,
    (root, day): (usize, Date),
    indicator: Option<u32>,
    series: Option<u32>,
    merging: &mut Merging,
) -> Vec<Obs> {
    // Each unit with the position of its successor in the list.
    let mut tree: Vec<(usize, Option<usize>)> = vec![(root, None)];
    let mut next = 0usize;
    while let Some(&(u, _)) = tree.get(next) {
        tree.extend(merged_by(units, u, day).map(|p| (p, Some(next))));
        next = next.saturating_add(1);
    }
    // The figures of each unit's predecessors, in the order of
    // `predecessors_of`, gathered as they are built.
    let mut parts: Vec<Vec<Vec<Obs>>> = vec![Vec::new(); tree.len()];
    let mut result = Vec::new();
    for (k, &(ix, successor)) in tree.iter().enumerate().rev() {
        let group = groups.group(units, ix, indicator);
        let slice = match series {
            Some(sid) => series_slice(group, sid),
            None => &[],
        };
        let own: Vec<Obs> = standing(slice, groups.as_of()).copied().collect();
        let mut mine = parts.get_mut(k).map(std::mem::take).unwrap_or_default();
        // Built last first: put them back in the order of the units.
        mine.reverse();
        let figs = combine(groups, units, (ix, day), own, mine, merging);
        match successor.and_then(|s| parts.get_mut(s)) {
            Some(slot) => slot.push(figs),
            None => result = figs,
        }
    }
    result
}

/// A unit's own figures with the figures of the units merged into it
/// (`parts`, one list per unit, in the order of `predecessors_of`).
fn combine(
    groups: &mut Groups<'_>,
    units: &Units,
    (ix, day): (usize, Date),
    own: Vec<Obs>,
    parts: Vec<Vec<Obs>>,
    merging: &mut Merging,
) -> Vec<Obs> {
    if parts.is_empty() {
        return own;
    }
    // The last day of the units merged into this one. When this unit
    // existed already on that day (it absorbed them), its own figures up
    // to then cover its old territory only: they count as one more part
    // of the sum, never as the whole; after that day they are the whole.
    let merged_until = merged_by(units, ix, day)
        .filter_map(|p| units.unit(p).and_then(Unit::existed_until))
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
        let mut parts_with_own = Vec::with_capacity(parts.len().saturating_add(1));
        parts_with_own.push(before);
        parts_with_own.extend(parts);
        return sum_parts(
            groups,
            units,
            ix,
            after,
            &parts_with_own,
            Some(until),
            merging,
        );
    }
    sum_parts(groups, units, ix, own, &parts, None, merging)
}

/// Adds to `own` the sum of `parts` (one list of figures per part) for
/// every period `own` has no figure for and every part has one; with
/// `until`, only periods ending on or before it.
fn sum_parts(
    groups: &mut Groups<'_>,
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
                    reading = reading.and_then(|r| r.sum_counts(o.reading));
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
                let unit = groups.unit_id(units, ix);
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
        own.sort_by_key(series_order);
    }
    own
}
