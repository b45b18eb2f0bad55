//! Observations: one stored figure, the store of all of them indexed by
//! unit and indicator, and the borrowed view of one.

use std::collections::BTreeSet;

use crate::foundations::hash::HashMap;
use crate::foundations::interned::Texts;
use std::fmt;
use std::sync::Arc;

use rust_decimal::Decimal;
use time::Date;

use crate::foundations::metric::MetricKind;
use crate::foundations::period::Period;
use crate::foundations::text::Preview;
use crate::model::indicator::Indicator;
use crate::model::qualifier::Qualifier;
use crate::model::reading::Reading;
use crate::model::units::Units;

/// No string: the index used for an absent series, source or note.
pub(crate) const NONE: u32 = u32::MAX;

/// One stored observation: 64 bytes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Obs {
    pub(crate) reading: Reading,
    /// For a bounded figure, which side of its value the true value lies on.
    pub(crate) qualifier: Option<Qualifier>,
    pub(crate) period: Period,
    pub(crate) published: Date,
    pub(crate) indicator: u32,
    pub(crate) unit: u32,
    pub(crate) series: u32,
    pub(crate) source: u32,
    pub(crate) note: u32,
}

impl Obs {
    /// A figure the engine made from this one (a pooled or merged sum): the
    /// same indicator, series and period, another reading, publication date
    /// and unit (none when the observations never name it), no source or note.
    pub(crate) fn restated(&self, reading: Reading, published: Date, unit: Option<u32>) -> Obs {
        Obs {
            reading,
            qualifier: None,
            published,
            unit: unit.unwrap_or(NONE),
            source: NONE,
            note: NONE,
            ..*self
        }
    }
}

/// What an indicator was when observations of it were checked: values were
/// checked against this, so a catalogue that says otherwise cannot use them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Shape {
    kind: MetricKind,
    out_of: Option<u32>,
    min: Option<Decimal>,
    max: Option<Decimal>,
}

impl Shape {
    pub(crate) fn of(ind: &Indicator) -> Shape {
        Shape {
            kind: ind.kind(),
            out_of: ind.out_of(),
            min: ind.min(),
            max: ind.max(),
        }
    }
}

/// Published figures, validated against a catalogue and indexed by
/// indicator and unit for evaluation.
///
/// Load once, then evaluate as often as needed, at other as-of dates or with
/// other catalogues: nothing is parsed or sorted again. Each observation
/// takes 64 bytes; texts (ids, series, sources, notes) are stored once.
///
/// ```
/// use policy_targets::{Catalogue, Observations};
/// let catalogue = Catalogue::from_json(r#"{"format": "policy-targets/catalogue@1",
///     "indicators": [{"id": "share", "kind": "percent"}], "targets": []}"#)?;
/// let obs = Observations::from_json(r#"{"format": "policy-targets/observations@1", "observations": [
///     {"indicator": "share", "unit": "VN", "period": "2025", "published": "2026-03-01",
///      "numerator": 29, "denominator": 100}]}"#, &catalogue)?;
/// assert_eq!(obs.len(), 1);
/// # Ok::<(), policy_targets::Error>(())
/// ```
///
/// Its `Debug` is short: how many observations, units and indicators, and
/// the first few ids of each, not its internal tables.
#[derive(Clone, Default)]
pub struct Observations {
    obs: Vec<Obs>,
    /// Every text the observations name (ids, series, sources, notes),
    /// numbered in byte order.
    strings: Texts,
    /// One entry per (unit, indicator) with observations, in storage order:
    /// the observations are stored by unit, then indicator (so that a unit's
    /// figures lie together, as a dashboard reads them), then series, period
    /// end, period start (longer first) and publication date.
    groups: Vec<Group>,
    /// For each text id that is a unit, the range of its entries in `groups`.
    unit_groups: Vec<(u32, u32)>,
    shapes: HashMap<u32, Shape>,
    /// Where the documents read listed their observations, and for each
    /// text id that is a unit or an indicator, the place (document, index)
    /// of the first observation that names it (`u32::MAX` for other
    /// texts): the path a warning gives, written only when one does.
    first: (Vec<Listing>, Vec<(u32, u32)>),
}

/// Where a document lists its observations, for the paths of conflicts
/// and warnings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Listing {
    /// A JSON array at this path; an observation's place is its index.
    Array(String),
    /// The rows of a CSV document; an observation's place is its row number.
    #[cfg_attr(
        not(feature = "csv"),
        allow(dead_code, reason = "used by the CSV reader")
    )]
    Rows,
}

/// The path of observation `index` of document `doc` among `listings`:
/// `observations[3]`, `row 4`.
pub(crate) fn origin_path(listings: &[Listing], (doc, index): (u32, u32)) -> String {
    match usize::try_from(doc).ok().and_then(|d| listings.get(d)) {
        Some(Listing::Array(array)) => format!("{array}[{index}]"),
        Some(Listing::Rows) => format!("row {index}"),
        None => format!("observations[{index}]"),
    }
}

impl fmt::Debug for Observations {
    /// `Observations { observations: 1234, units: 63 ["VN", …], indicators: 20 [...] }`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let units: Vec<&str> = self
            .unit_groups
            .iter()
            .enumerate()
            .filter(|(_, (start, end))| start < end)
            .filter_map(|(i, _)| self.strings.get(u32::try_from(i).ok()?))
            .collect();
        let indicators: BTreeSet<&str> = self
            .groups
            .iter()
            .filter_map(|g| self.text(g.indicator))
            .collect();
        f.debug_struct("Observations")
            .field("observations", &self.obs.len())
            .field("units", &Preview::new(units.len(), units.into_iter()))
            .field(
                "indicators",
                &Preview::new(indicators.len(), indicators.into_iter()),
            )
            .finish()
    }
}

impl PartialEq for Observations {
    /// Equal when they hold the same observations (in the engine's order),
    /// wherever they were read from.
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().zip(other.iter()).all(|(a, b)| a == b)
    }
}

/// One observation, borrowed from [`Observations`].
#[derive(Clone, Copy)]
pub struct Observation<'a> {
    obs: Obs,
    store: &'a Observations,
}

impl<'a> Observation<'a> {
    pub(crate) fn new(obs: Obs, store: &'a Observations) -> Self {
        Observation { obs, store }
    }

    /// The indicator's id.
    #[must_use]
    pub fn indicator(&self) -> &'a str {
        self.store.text(self.obs.indicator).unwrap_or_default()
    }

    /// The unit's id.
    #[must_use]
    pub fn unit(&self) -> &'a str {
        self.store.text(self.obs.unit).unwrap_or_default()
    }

    /// The period the figure is about.
    #[must_use]
    pub fn period(&self) -> Period {
        self.obs.period
    }

    /// The day it was published.
    #[must_use]
    pub fn published(&self) -> Date {
        self.obs.published
    }

    /// The figure.
    #[must_use]
    pub fn reading(&self) -> Reading {
        self.obs.reading
    }

    /// For a bounded figure (SPEC 2.2), what it says about the true value:
    /// `Some(Qualifier::MoreThan)` with a reading of 80 is "more than 80".
    /// `None` for an exact figure.
    #[must_use]
    pub fn qualifier(&self) -> Option<Qualifier> {
        self.obs.qualifier
    }

    /// Whether the figure is exact (not a bound).
    #[must_use]
    pub fn is_exact(&self) -> bool {
        self.obs.qualifier.is_none()
    }

    /// Who produced it, when several publishers measure the same thing.
    #[must_use]
    pub fn series(&self) -> Option<&'a str> {
        self.store.text(self.obs.series)
    }

    /// Where it was published.
    #[must_use]
    pub fn source(&self) -> Option<&'a str> {
        self.store.text(self.obs.source)
    }

    /// A note.
    #[must_use]
    pub fn note(&self) -> Option<&'a str> {
        self.store.text(self.obs.note)
    }

    /// The kind of its indicator, as the figure was checked against.
    pub(crate) fn kind(&self) -> Option<MetricKind> {
        self.store.shapes.get(&self.obs.indicator).map(|s| s.kind)
    }

    /// The stored figure.
    pub(crate) fn obs(&self) -> &Obs {
        &self.obs
    }

    /// Whether the figure is of low confidence: its note starts with
    /// [`LOW_CONFIDENCE_NOTE`] (`low confidence:`), as the built-in
    /// unverified figures' do (`vn::observations_with_low_confidence`).
    /// Sentences, the results document and the HTML report mark such a
    /// figure wherever they write it.
    #[must_use]
    pub fn is_low_confidence(&self) -> bool {
        self.note()
            .is_some_and(|n| n.starts_with(LOW_CONFIDENCE_NOTE))
    }
}

/// How the note of a low-confidence figure starts; see
/// [`Observation::is_low_confidence`].
pub const LOW_CONFIDENCE_NOTE: &str = "low confidence:";

impl fmt::Debug for Observation<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Observation")
            .field("indicator", &self.indicator())
            .field("unit", &self.unit())
            .field("period", &self.period())
            .field("published", &self.published())
            .field("reading", &self.reading())
            .field("qualifier", &self.qualifier())
            .field("series", &self.series())
            .finish_non_exhaustive()
    }
}

impl PartialEq for Observation<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.indicator() == other.indicator()
            && self.unit() == other.unit()
            && self.period() == other.period()
            && self.published() == other.published()
            && self.reading() == other.reading()
            && self.qualifier() == other.qualifier()
            && self.series() == other.series()
            && self.source() == other.source()
            && self.note() == other.note()
    }
}

impl Observations {
    /// The store of `kept`, observations sorted in the engine's order
    /// (unit, indicator, series, period end, period start with longer
    /// first, publication date) with their texts, and its index.
    pub(crate) fn from_sorted(
        kept: Vec<Obs>,
        strings: Texts,
        shapes: HashMap<u32, Shape>,
        first: (Vec<Listing>, Vec<(u32, u32)>),
    ) -> Observations {
        let mut groups: Vec<Group> = Vec::new();
        let mut unit_groups: Vec<(u32, u32)> = vec![(0, 0); strings.len()];
        let mut start = 0usize;
        for (i, o) in kept.iter().enumerate() {
            let next_differs = kept
                .get(i.saturating_add(1))
                .is_none_or(|n| (n.indicator, n.unit) != (o.indicator, o.unit));
            if next_differs {
                let end = i.saturating_add(1);
                let (Ok(a), Ok(b), Ok(g)) = (
                    u32::try_from(start),
                    u32::try_from(end),
                    u32::try_from(groups.len()),
                ) else {
                    break;
                };
                groups.push(Group {
                    indicator: o.indicator,
                    start: a,
                    end: b,
                });
                if let Some(range) = usize::try_from(o.unit)
                    .ok()
                    .and_then(|u| unit_groups.get_mut(u))
                {
                    if range.0 == range.1 {
                        *range = (g, g);
                    }
                    range.1 = g.saturating_add(1);
                }
                start = end;
            }
        }
        Observations {
            obs: kept,
            strings,
            groups,
            unit_groups,
            shapes,
            first,
        }
    }

    /// How many texts (ids, series, sources, notes) the store holds: text
    /// ids run from 0 below this.
    pub(crate) fn text_count(&self) -> usize {
        self.strings.len()
    }

    /// The path of the first observation that names the unit or indicator
    /// with text id `id`, in the document it was read from.
    pub(crate) fn first_path(&self, id: u32) -> Option<String> {
        let (listings, first) = &self.first;
        let origin = *first.get(usize::try_from(id).ok()?)?;
        (origin.0 != u32::MAX).then(|| origin_path(listings, origin))
    }

    /// Each unit and indicator with observations, by text ids, with its
    /// observations, in storage order.
    pub(crate) fn groups_by_ids(&self) -> impl Iterator<Item = (u32, u32, &[Obs])> + '_ {
        (0u32..)
            .zip(&self.unit_groups)
            .flat_map(move |(unit, &(a, b))| {
                let range = usize::try_from(a).unwrap_or(0)..usize::try_from(b).unwrap_or(0);
                self.groups
                    .get(range)
                    .unwrap_or_default()
                    .iter()
                    .map(move |g| {
                        let range = usize::try_from(g.start).unwrap_or(0)
                            ..usize::try_from(g.end).unwrap_or(0);
                        (unit, g.indicator, self.obs.get(range).unwrap_or_default())
                    })
            })
    }

    /// How many observations there are (exact duplicates counted once).
    #[must_use]
    pub fn len(&self) -> usize {
        self.obs.len()
    }

    /// Whether there are none.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.obs.is_empty()
    }

    /// Every observation, grouped by indicator and unit, then by series and period.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Observation<'_>> + '_ {
        self.obs.iter().map(move |obs| Observation {
            obs: *obs,
            store: self,
        })
    }

    /// The observations of one indicator for one unit, in the engine's
    /// order (by series, then period, then publication date), without
    /// allocating.
    pub fn of(
        &self,
        indicator: &str,
        unit: &str,
    ) -> impl ExactSizeIterator<Item = Observation<'_>> + '_ {
        self.group(indicator, unit)
            .iter()
            .map(move |obs| Observation {
                obs: *obs,
                store: self,
            })
    }

    pub(crate) fn text(&self, ix: u32) -> Option<&str> {
        if ix == NONE {
            return None;
        }
        self.strings.get(ix)
    }

    pub(crate) fn string_id(&self, s: &str) -> Option<u32> {
        self.strings.id(s)
    }

    /// The text id of each unit of `units`, by unit index; `None` where no
    /// observation names the unit. One look-up a unit: an evaluation finds
    /// them once and shares them (its roll-ups, on-demand unit statuses and
    /// warnings). With the `rayon` feature, many units are looked up on
    /// the pool's threads.
    pub(crate) fn unit_ids(&self, units: &Units) -> Arc<[Option<u32>]> {
        let id = |u: &crate::model::unit::Unit| self.string_id(u.id());
        #[cfg(feature = "rayon")]
        if crate::foundations::pool::worth_splitting(units.len(), LOOKED_UP_APART) {
            use rayon::prelude::*;
            let ids: Vec<Option<u32>> = units.units().par_iter().map(id).collect();
            return ids.into();
        }
        units.units().iter().map(id).collect()
    }

    /// The stored slice for an indicator and unit; empty when there is none.
    pub(crate) fn group(&self, indicator: &str, unit: &str) -> &[Obs] {
        match (self.string_id(indicator), self.string_id(unit)) {
            (Some(i), Some(u)) => self.group_by_ids(i, u),
            _ => &[],
        }
    }

    /// Every stored figure of a unit, by text id (its groups of every
    /// indicator, which lie together).
    pub(crate) fn unit_figures(&self, unit: u32) -> &[Obs] {
        let find = || {
            let &(a, b) = self.unit_groups.get(usize::try_from(unit).ok()?)?;
            let first = self.groups.get(usize::try_from(a).ok()?)?;
            let last = self.groups.get(usize::try_from(b).ok()?.checked_sub(1)?)?;
            self.obs
                .get(usize::try_from(first.start).ok()?..usize::try_from(last.end).ok()?)
        };
        find().unwrap_or(&[])
    }

    /// The stored slice for an indicator and unit, by text ids: two array
    /// look-ups and a binary search among the unit's indicators, no hashing.
    pub(crate) fn group_by_ids(&self, indicator: u32, unit: u32) -> &[Obs] {
        let find = || {
            let &(a, b) = self.unit_groups.get(usize::try_from(unit).ok()?)?;
            let groups = self
                .groups
                .get(usize::try_from(a).ok()?..usize::try_from(b).ok()?)?;
            let g = groups.get(
                groups
                    .binary_search_by_key(&indicator, |g| g.indicator)
                    .ok()?,
            )?;
            self.obs
                .get(usize::try_from(g.start).ok()?..usize::try_from(g.end).ok()?)
        };
        find().unwrap_or(&[])
    }

    /// As [`Observations::group_by_ids`], looking first just after the
    /// group `cursor` found last, when it was for the same unit: targets in
    /// id order often read one unit's indicators in their order, and then
    /// the look-up is one comparison, not a binary search.
    pub(crate) fn group_by_ids_after(
        &self,
        indicator: u32,
        unit: u32,
        cursor: &mut GroupCursor,
    ) -> &[Obs] {
        if cursor.unit == Some(unit)
            && cursor.next < cursor.end
            && let Some(g) = self
                .groups
                .get(cursor.next)
                .filter(|g| g.indicator == indicator)
        {
            cursor.next = cursor.next.saturating_add(1);
            return self.group_obs(g);
        }
        let find = || {
            let &(a, b) = self.unit_groups.get(usize::try_from(unit).ok()?)?;
            let (a, b) = (usize::try_from(a).ok()?, usize::try_from(b).ok()?);
            let k = self
                .groups
                .get(a..b)?
                .binary_search_by_key(&indicator, |g| g.indicator)
                .ok()?;
            Some((a.checked_add(k)?, b))
        };
        match find() {
            Some((i, end)) => {
                *cursor = GroupCursor {
                    unit: Some(unit),
                    next: i.saturating_add(1),
                    end,
                };
                self.groups.get(i).map_or(&[], |g| self.group_obs(g))
            }
            None => &[],
        }
    }

    /// The observations of group `g`.
    #[inline]
    fn group_obs(&self, g: &Group) -> &[Obs] {
        let range = || Some(usize::try_from(g.start).ok()?..usize::try_from(g.end).ok()?);
        range().and_then(|r| self.obs.get(r)).unwrap_or(&[])
    }

    /// Checks that `indicator` means what it meant when its observations were
    /// checked; `Err` with the reason when it does not.
    pub(crate) fn check_shape(&self, indicator: &Indicator) -> Result<(), String> {
        let Some(id) = self.string_id(indicator.id()) else {
            return Ok(());
        };
        match self.shapes.get(&id) {
            Some(shape) if *shape != Shape::of(indicator) => Err(format!(
                "observations of `{}` were checked against a different definition of it ({} then, {} now): load them again with this catalogue",
                indicator.id(),
                shape.kind,
                indicator.kind()
            )),
            _ => Ok(()),
        }
    }
}

/// The observations of one indicator for one unit: `obs[start..end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Group {
    indicator: u32,
    start: u32,
    end: u32,
}

/// Where [`Observations::group_by_ids_after`] found its last group: the
/// unit, the place just after that group, and the end of the unit's groups.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct GroupCursor {
    unit: Option<u32>,
    next: usize,
    end: usize,
}

/// With the `rayon` feature, the units of a units document this large or
/// larger are looked up among the observations' texts on the pool's
/// threads ([`Observations::unit_ids`]).
#[cfg(feature = "rayon")]
const LOOKED_UP_APART: usize = 1 << 14;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_observation_takes_64_bytes() {
        assert!(size_of::<Obs>() <= 64, "{}", size_of::<Obs>());
    }

    /// The look-up after a cursor finds what the plain look-up finds, in
    /// the order of the ids and in any other.
    #[test]
    fn group_look_ups_after_a_cursor_are_plain_look_ups() {
        use crate::model::catalogue::Catalogue;
        let inds = ["a", "b", "c", "d"];
        let units = ["U1", "U2", "U3"];
        let mut c = String::from(r#"{"format": "policy-targets/catalogue@1", "indicators": ["#);
        c.push_str(
            &inds
                .map(|i| format!(r#"{{"id": "{i}", "kind": "count"}}"#))
                .join(","),
        );
        c.push_str(r#"], "targets": []}"#);
        let catalogue = Catalogue::from_json(&c).unwrap();
        let mut o =
            String::from(r#"{"format": "policy-targets/observations@1", "observations": ["#);
        let mut first = true;
        for (k, u) in units.iter().enumerate() {
            // Each unit has some of the indicators (not "c" for U2).
            for i in inds.iter().filter(|i| !(k == 1 && **i == "c")) {
                for year in [2024, 2025] {
                    if !first {
                        o.push(',');
                    }
                    first = false;
                    o.push_str(&format!(
                        r#"{{"indicator": "{i}", "unit": "{u}", "period": "{year}", "published": "2026-01-01", "value": {k}}}"#
                    ));
                }
            }
        }
        o.push_str("]}");
        let obs = Observations::from_json(&o, &catalogue).unwrap();
        let ids = |names: &[&str]| names.iter().map(|n| obs.string_id(n)).collect::<Vec<_>>();
        let (inds, units) = (ids(&inds), ids(&units));
        let mut queries: Vec<(u32, u32)> = Vec::new();
        for u in units.iter().flatten() {
            for i in inds.iter().flatten() {
                queries.push((*i, *u));
            }
        }
        let reversed: Vec<_> = queries.iter().rev().copied().collect();
        let skipping: Vec<_> = queries.iter().step_by(3).copied().collect();
        for order in [queries, reversed, skipping] {
            let mut cursor = GroupCursor::default();
            for (i, u) in order {
                let plain = obs.group_by_ids(i, u);
                let after = obs.group_by_ids_after(i, u, &mut cursor);
                assert_eq!(plain.as_ptr_range(), after.as_ptr_range(), "{i} {u}");
            }
        }
        // A unit's figures are those of its groups, all of them, together.
        for (k, u) in units.iter().flatten().enumerate() {
            let all = obs.unit_figures(*u);
            assert!(all.iter().all(|o| o.unit == *u), "{u}");
            let expected = if k == 1 { 6 } else { 8 };
            assert_eq!(all.len(), expected, "{u}");
        }
        assert!(obs.unit_figures(u32::MAX).is_empty());
    }
}
