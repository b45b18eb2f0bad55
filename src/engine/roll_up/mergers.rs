//! The figures of a unit formed by mergers: for each period it has no
//! figure of its own, the sum of its predecessors' figures, where every one
//! of them has one and all are counts.

use time::Date;

use crate::engine::roll_up::groups::Groups;
use crate::engine::series::{series_order, series_slice, standing};
use crate::foundations::period::Period;
use crate::model::observation::Obs;
use crate::model::unit::Unit;
use crate::model::units::Units;

/// How deep a chain of mergers is followed.
const MAX_MERGER_DEPTH: usize = 16;

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

/// The units whose figures a member's figures may draw on: itself and,
/// transitively, the units merged into it.
pub(crate) fn involved(units: &Units, ix: usize, depth: usize, out: &mut Vec<usize>) {
    out.push(ix);
    if depth >= MAX_MERGER_DEPTH {
        return;
    }
    for &p in units.predecessors_of(ix) {
        involved(units, p, depth.saturating_add(1), out);
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
            ix,
            indicator,
            series,
            (day, 0),
            merging,
        ))
    }
}

/// The standing figures of unit `ix` in `series`, one per period, sorted;
/// for a period it has no figure of its own, the sum of the figures of
/// the units merged into it, where every one of them has one.
fn figures(
    groups: &mut Groups<'_>,
    units: &Units,
    ix: usize,
    indicator: Option<u32>,
    series: Option<u32>,
    (day, depth): (Date, usize),
    merging: &mut Merging,
) -> Vec<Obs> {
    let group = groups.group(units, ix, indicator);
    let slice = match series {
        Some(sid) => series_slice(group, sid),
        None => &[],
    };
    let mut own: Vec<Obs> = standing(slice, groups.as_of()).copied().collect();
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
            figures(
                groups,
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
        return sum_parts(
            groups,
            units,
            ix,
            own,
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
