//! Loading observations: each checked against its indicator in a catalogue,
//! then stored, from code ([`ObservationsBuilder`]) or from the readers of
//! the formats.
//!
//! Exact duplicates are kept once, and two figures of the same thing
//! published the same day that disagree are reported.

use crate::foundations::hash::HashMap;
use crate::foundations::interned::Texts;
use std::cmp::{Ordering, Reverse};

use time::Date;

use crate::foundations::error::{Error, ErrorKind, Path, Problems};
use crate::foundations::metric::{Metric, MetricKind, Percent};
use crate::foundations::period::Period;
use crate::foundations::pool;
use crate::foundations::text::{LastRead, check_name, format_date, quoted};
use crate::model::catalogue::{Catalogue, IndicatorKey};
use crate::model::indicator::{End, Indicator};
pub(crate) use crate::model::observation::Listing;
use crate::model::observation::{NONE, Obs, Observations, Shape, origin_path};
use crate::model::qualifier::{Allowed, Qualifier};
use crate::model::reading::Reading;
use crate::model::validation::{Faulty, NONE_FAULTY};

impl Observations {
    /// Starts a set of observations built in code, checked against `catalogue`.
    #[must_use]
    pub fn builder(catalogue: &Catalogue) -> ObservationsBuilder<'_> {
        ObservationsBuilder {
            loader: Loader::new(catalogue, &NONE_FAULTY),
        }
    }
}

/// A new observation of kind `M`, for [`ObservationsBuilder::push`].
#[derive(Debug, Clone)]
pub struct NewObservation<M> {
    indicator: String,
    unit: String,
    period: Period,
    published: Date,
    reading: Reading,
    qualifier: Option<Qualifier>,
    series: Option<String>,
    source: Option<String>,
    note: Option<String>,
    kind: std::marker::PhantomData<M>,
}

impl<M: Metric> NewObservation<M> {
    /// A figure `value` of `indicator` for `unit` and `period`, published on `published`.
    #[must_use]
    pub fn new(
        indicator: &IndicatorKey<M>,
        unit: impl Into<String>,
        period: Period,
        published: Date,
        value: M,
    ) -> Self {
        Self::with(
            indicator,
            unit.into(),
            period,
            published,
            Reading::Value(value.to_decimal()),
        )
    }

    fn with(
        indicator: &IndicatorKey<M>,
        unit: String,
        period: Period,
        published: Date,
        reading: Reading,
    ) -> Self {
        NewObservation {
            indicator: indicator.id().to_owned(),
            unit,
            period,
            published,
            reading,
            qualifier: None,
            series: None,
            source: None,
            note: None,
            kind: std::marker::PhantomData,
        }
    }

    /// Makes the figure a bound (SPEC 2.2): the true value is more than, at
    /// least, less than or at most the value given. A report's "trên 80%"
    /// is `NewObservation::new(…, "80".parse()?).with_qualifier(Qualifier::MoreThan)`.
    /// A share given as counts cannot be a bound ([`ObservationsBuilder::push`]
    /// refuses it, as the reader does).
    #[must_use]
    pub fn with_qualifier(mut self, qualifier: Qualifier) -> Self {
        self.qualifier = Some(qualifier);
        self
    }

    /// Names the series (the publisher).
    #[must_use]
    pub fn with_series(mut self, series: impl Into<String>) -> Self {
        self.series = Some(series.into());
        self
    }

    /// Sets the source.
    #[must_use]
    pub fn with_source(mut self, source: impl Into<String>) -> Self {
        self.source = Some(source.into());
        self
    }

    /// Sets a note.
    #[must_use]
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }
}

impl NewObservation<Percent> {
    /// A share given as `numerator` of `denominator`, compared without dividing.
    #[must_use]
    pub fn ratio(
        indicator: &IndicatorKey<Percent>,
        unit: impl Into<String>,
        period: Period,
        published: Date,
        numerator: u64,
        denominator: u64,
    ) -> Self {
        Self::with(
            indicator,
            unit.into(),
            period,
            published,
            Reading::Ratio {
                numerator,
                denominator,
            },
        )
    }
}

/// Builds [`Observations`] in code; see [`Observations::builder`].
///
/// ```
/// use policy_targets::{Catalogue, IndicatorDef, NewObservation, Observations, Percent, Period};
/// let mut b = Catalogue::builder();
/// let share = b.indicator(IndicatorDef::<Percent>::new("share"))?;
/// let catalogue = b.build()?;
/// let published = policy_targets::parse_date("2026-03-01")?;
/// let mut obs = Observations::builder(&catalogue);
/// obs.push(NewObservation::ratio(&share, "VN", Period::year(2025)?, published, 29, 100))?;
/// assert_eq!(obs.build()?.len(), 1);
/// # Ok::<(), policy_targets::Error>(())
/// ```
#[derive(Debug)]
pub struct ObservationsBuilder<'c> {
    loader: Loader<'c>,
}

impl ObservationsBuilder<'_> {
    /// Adds an observation, with exactly the checks of
    /// [`Observations::from_json`], so that what is built here is written by
    /// [`Observations::to_json`] and read back the same.
    ///
    /// # Errors
    /// [`ErrorKind::UnknownId`] for an indicator not in the catalogue;
    /// [`ErrorKind::KindMismatch`] for a key of another kind than the
    /// indicator has here (a key minted by another catalogue), or counts on
    /// an indicator that is not a percent; [`ErrorKind::OutOfRange`] for a
    /// value outside its indicator's range or a bound that allows no valid
    /// value; [`ErrorKind::InvalidValue`] for a bad ratio or id, a bound on a
    /// share given as counts, or a figure published before its period began
    /// (so also one dated before year 1, which the formats cannot write).
    pub fn push<M: Metric>(&mut self, o: NewObservation<M>) -> Result<&mut Self, Error> {
        let mut problems = Problems::default();
        let index = self.loader.obs.len();
        let item = Item {
            indicator: &o.indicator,
            kind: Some(M::KIND),
            unit: &o.unit,
            period: o.period,
            published: o.published,
            reading: o.reading,
            qualifier: o.qualifier,
            series: o.series.as_deref(),
            source: o.source.as_deref(),
            note: o.note.as_deref(),
        };
        let path = Path::new("");
        self.loader.check_and_add(item, index, path, &mut problems);
        problems.into_result()?;
        Ok(self)
    }

    /// The finished, indexed observations.
    ///
    /// # Errors
    /// [`ErrorKind::Conflict`] when two observations of the same indicator,
    /// unit, series and period, published the same day, disagree.
    pub fn build(self) -> Result<Observations, Error> {
        let mut problems = Problems::default();
        let obs = self.loader.finish(&mut problems);
        problems.into_result()?;
        Ok(obs)
    }
}

/// One observation's checked parts, before storage.
pub(crate) struct Item<'s> {
    pub(crate) indicator: &'s str,
    /// The kind the caller expects the indicator to have (a typed key's).
    pub(crate) kind: Option<MetricKind>,
    pub(crate) unit: &'s str,
    pub(crate) period: Period,
    pub(crate) published: Date,
    pub(crate) reading: Reading,
    pub(crate) qualifier: Option<Qualifier>,
    pub(crate) series: Option<&'s str>,
    pub(crate) source: Option<&'s str>,
    pub(crate) note: Option<&'s str>,
}

/// Collects observations and builds the index.
#[derive(Debug)]
pub(crate) struct Loader<'c> {
    catalogue: &'c Catalogue,
    faulty: &'c Faulty,
    /// Each observation with its place: the document and the position in
    /// it, for conflict reports and warnings. Kept together, so that the
    /// store is sorted where it is, not copied beside itself.
    pub(crate) obs: Vec<(Obs, (u32, u32))>,
    /// Where the observations of each document read are listed.
    pub(crate) arrays: Vec<Listing>,
    strings: Texts,
    shapes: HashMap<u32, Shape>,
    /// The indicator (as stored, and its definition) and the unit (as
    /// stored, its name checked) of the last observation stored: a document
    /// gives many figures of one indicator or unit in a row, which then
    /// cost no look-up.
    last: (Option<(u32, &'c Indicator)>, Option<u32>),
    /// The period and the publication date read last, with their texts.
    pub(crate) last_period: LastRead<Period>,
    pub(crate) last_published: LastRead<Date>,
}

/// Where a [`Loader`] stood: how many observations and ids it held.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LoaderMark {
    obs: usize,
    strings: usize,
}

impl<'c> Loader<'c> {
    pub(crate) fn new(catalogue: &'c Catalogue, faulty: &'c Faulty) -> Self {
        Loader {
            catalogue,
            faulty,
            obs: Vec::new(),
            arrays: vec![Listing::Array("observations".to_owned())],
            strings: Texts::default(),
            shapes: HashMap::default(),
            last: (None, None),
            last_period: LastRead::default(),
            last_published: LastRead::default(),
        }
    }

    /// Where the loader stands, to come back to with [`Loader::undo`].
    pub(crate) fn mark(&self) -> LoaderMark {
        LoaderMark {
            obs: self.obs.len(),
            strings: self.strings.len(),
        }
    }

    /// Forgets every observation added since `mark`, with the ids and
    /// indicator shapes first met in them.
    pub(crate) fn undo(&mut self, mark: LoaderMark) {
        self.last = (None, None);
        self.obs.truncate(mark.obs);
        self.strings.truncate(mark.strings);
        let first = u32::try_from(mark.strings).unwrap_or(NONE);
        self.shapes.retain(|&ix, _| ix < first);
    }

    fn intern(&mut self, s: &str) -> u32 {
        self.strings.intern(s).unwrap_or(NONE)
    }

    /// Checks an observation against its indicator and stores it.
    pub(crate) fn check_and_add(
        &mut self,
        item: Item<'_>,
        index: usize,
        path: Path<'_>,
        problems: &mut Problems,
    ) {
        let (last_indicator, last_unit) = self.last;
        let last_indicator =
            last_indicator.filter(|&(ix, _)| self.text(ix) == Some(item.indicator));
        let last_unit = last_unit.filter(|&ix| self.text(ix) == Some(item.unit));
        // A document written period by period names the units in the same
        // order each time: the text stored after the last unit's, when it is
        // this unit's, costs no look-up either (its name is checked: the
        // text may have been stored as another field's).
        let next_unit = match (last_unit, self.last.1) {
            (None, Some(ix)) => ix
                .checked_add(1)
                .filter(|&next| self.text(next) == Some(item.unit)),
            _ => None,
        };
        let found = match last_indicator {
            Some((_, ind)) => Some(ind),
            None => self
                .catalogue
                .indicator(item.indicator)
                .or_else(|| self.faulty.definition(item.indicator)),
        };
        let Some(ind) = found else {
            if !self.faulty.contains(item.indicator) {
                problems.push(
                    ErrorKind::UnknownId,
                    path.field("indicator"),
                    format!("no indicator {} in the catalogue", quoted(item.indicator)),
                );
            }
            return;
        };
        let mut ok = true;
        if let Some(kind) = item.kind.filter(|k| *k != ind.kind()) {
            problems.push(
                ErrorKind::KindMismatch,
                path.field("indicator"),
                format!(
                    "the key is for a {kind} indicator, but `{}` is a {} in this catalogue",
                    ind.id(),
                    ind.kind()
                ),
            );
            return;
        }
        // Every period starts in year 1 or later, so this also refuses a
        // date the formats cannot write (a builder's year 0 or −9999).
        if item.published < item.period.start() {
            problems.push(
                ErrorKind::InvalidValue,
                path.field("published"),
                format!(
                    "published {}, before its period {} began ({}): a figure cannot be published before the period it is about",
                    format_date(item.published),
                    item.period,
                    format_date(item.period.start())
                ),
            );
            ok = false;
        }
        let unit_to_check = if last_unit.is_some() {
            None
        } else {
            Some(item.unit)
        };
        for (field, value, what) in [
            ("unit", unit_to_check, "unit"),
            ("series", item.series, "series"),
        ] {
            if let Some(Err(m)) = value.map(|v| check_name(v, what)) {
                problems.push(ErrorKind::InvalidValue, path.field(field), m);
                ok = false;
            }
        }
        match item.reading {
            Reading::Value(v) => {
                if let Err(m) = ind.check_value(v) {
                    problems.push(
                        ErrorKind::OutOfRange,
                        path.field("value"),
                        format!("{m} (indicator {})", quoted(ind.id())),
                    );
                    ok = false;
                } else if let Some(q) = item.qualifier
                    && Allowed::of(q, v, ind).is_none()
                {
                    problems.push(
                        ErrorKind::OutOfRange,
                        path.field("qualifier"),
                        format!(
                            "`{q} {v}` allows no valid value of `{}` (a {}{}): no true value can lie beyond it",
                            ind.id(),
                            ind.kind(),
                            range_words(ind)
                        ),
                    );
                    ok = false;
                }
            }
            Reading::Ratio { .. } if item.qualifier.is_some() => {
                problems.push(
                    ErrorKind::InvalidValue,
                    path.field("qualifier"),
                    "a qualifier bounds a `value`; a share given as numerator and denominator is exact and takes none",
                );
                ok = false;
            }
            Reading::Ratio {
                numerator,
                denominator,
            } => {
                if ind.kind() != MetricKind::Percent {
                    problems.push(
                        ErrorKind::KindMismatch,
                        path.field("numerator"),
                        format!(
                            "numerator and denominator are only for percent indicators; {} is a {}",
                            quoted(ind.id()),
                            ind.kind()
                        ),
                    );
                    ok = false;
                } else if denominator == 0 {
                    problems.push(
                        ErrorKind::OutOfRange,
                        path.field("denominator"),
                        "the denominator must be more than 0",
                    );
                    ok = false;
                } else if numerator > denominator {
                    problems.push(
                        ErrorKind::OutOfRange,
                        path.field("numerator"),
                        format!(
                            "the numerator {numerator} is more than the denominator {denominator}"
                        ),
                    );
                    ok = false;
                }
            }
        }
        if !ok {
            return;
        }
        let indicator = match last_indicator {
            Some((ix, _)) => ix,
            None => {
                let ix = self.intern(item.indicator);
                self.shapes.insert(ix, Shape::of(ind));
                ix
            }
        };
        let unit = match last_unit.or(next_unit) {
            Some(ix) => ix,
            None => self.intern(item.unit),
        };
        self.last = (Some((indicator, ind)), Some(unit));
        let series = item.series.map_or(NONE, |s| self.intern(s));
        let source = item.source.map_or(NONE, |s| self.intern(s));
        let note = item.note.map_or(NONE, |s| self.intern(s));
        let doc = u32::try_from(self.arrays.len().saturating_sub(1)).unwrap_or(u32::MAX);
        let obs = Obs {
            reading: item.reading,
            qualifier: item.qualifier,
            period: item.period,
            published: item.published,
            indicator,
            unit,
            series,
            source,
            note,
        };
        self.obs
            .push((obs, (doc, u32::try_from(index).unwrap_or(u32::MAX))));
    }

    /// Renumbers the stored texts in lexicographic order, so that the
    /// engine's order of observations (by unit, indicator, series) depends on
    /// their content, never on the order the input first mentioned them.
    fn canonical_ids(&mut self) {
        let new_id = self.strings.sort();
        // `NONE` (no text) is past every id, so it stays `NONE`.
        let remap = |id: u32| {
            usize::try_from(id)
                .ok()
                .and_then(|i| new_id.get(i))
                .copied()
                .unwrap_or(NONE)
        };
        let renumber = |(o, _): &mut (Obs, (u32, u32))| {
            o.indicator = remap(o.indicator);
            o.unit = remap(o.unit);
            o.series = remap(o.series);
            o.source = remap(o.source);
            o.note = remap(o.note);
        };
        pool::for_each_mut(&mut self.obs, APART, renumber);
        self.shapes = std::mem::take(&mut self.shapes)
            .into_iter()
            .map(|(k, v)| (remap(k), v))
            .collect();
    }

    fn text(&self, ix: u32) -> Option<&str> {
        self.strings.get(ix)
    }

    /// Sorts, removes exact duplicates, reports conflicts and builds the index.
    pub(crate) fn finish(mut self, problems: &mut Problems) -> Observations {
        self.canonical_ids();
        let mut order = std::mem::take(&mut self.obs);
        let mut keep = Keep::new(self.strings.len(), &self.arrays);
        // Documents are mostly written in the order of `in_order` already.
        let mut kept = if order.is_sorted_by(|a, b| in_order(a, b) != Ordering::Greater) {
            keep.in_place(order, problems)
        } else if let Some((places, ends)) = places_by_unit(&order, self.strings.len()) {
            // Each unit's few figures copied out together and sorted there,
            // not where they lie apart, then copied into the store.
            let mut kept = Vec::with_capacity(order.len());
            let mut unit = Vec::new();
            let mut from = 0usize;
            for &end in &ends {
                let taken = places.get(from..end).unwrap_or_default();
                unit.clear();
                unit.extend(
                    taken
                        .iter()
                        .filter_map(|&p| order.get(usize::try_from(p).ok()?)),
                );
                unit.sort_unstable_by(in_order);
                for e in &unit {
                    if keep.take(e, problems) {
                        kept.push(e.0);
                    }
                }
                from = end;
            }
            drop(order);
            kept
        } else {
            pool::sort_unstable_by(&mut order, APART, in_order);
            keep.in_place(order, problems)
        };
        kept.shrink_to_fit();
        let first = keep.first;
        let Loader {
            strings,
            shapes,
            arrays,
            ..
        } = self;
        Observations::from_sorted(kept, strings, shapes, (arrays, first))
    }
}

/// What makes two observations "the same figure" (SPEC 3.2).
fn same_figure(o: &Obs) -> (u32, u32, u32, Date, Reverse<Date>, Date) {
    (
        o.unit,
        o.indicator,
        o.series,
        o.period.end(),
        Reverse(o.period.start()),
        o.published,
    )
}

/// The store's order: by [`same_figure`], then, among the same figures, a
/// fixed order by content, so that which of two equal same-day figures is
/// kept never depends on input order; last by the place in the documents,
/// so that no two entries are equal and an unstable sort gives the one
/// order a stable sort would.
fn in_order((a, x): &(Obs, (u32, u32)), (b, y): &(Obs, (u32, u32))) -> Ordering {
    let content = |o: &Obs| {
        (
            o.qualifier,
            o.reading.repr_key(),
            o.period.kind(),
            o.source,
            o.note,
        )
    };
    same_figure(a)
        .cmp(&same_figure(b))
        .then_with(|| content(a).cmp(&content(b)))
        .then_with(|| x.cmp(y))
}

/// The walk over the entries in the store's order that builds the store:
/// it keeps the first of each figure, drops exact duplicates, reports
/// conflicts, and notes where each unit and indicator is first named.
struct Keep<'a> {
    /// The last entry kept.
    last: Option<(Obs, (u32, u32))>,
    /// By text id, the first place that names it (in document order).
    first: Vec<(u32, u32)>,
    arrays: &'a [Listing],
}

impl<'a> Keep<'a> {
    fn new(texts: usize, arrays: &'a [Listing]) -> Self {
        Keep {
            last: None,
            first: vec![(u32::MAX, u32::MAX); texts],
            arrays,
        }
    }

    /// Whether the next entry in the store's order is a figure to keep:
    /// `false` for a second of the same figure, reported if it conflicts.
    fn take(&mut self, &(o, origin): &(Obs, (u32, u32)), problems: &mut Problems) -> bool {
        for id in [o.unit, o.indicator] {
            if let Some(f) = usize::try_from(id).ok().and_then(|i| self.first.get_mut(i)) {
                *f = (*f).min(origin);
            }
        }
        if let Some((last, kept_origin)) = &self.last
            && same_figure(last) == same_figure(&o)
        {
            if last.qualifier != o.qualifier
                || last.reading.cmp_threshold_reading(&o.reading) != Ordering::Equal
            {
                let here = origin_path(self.arrays, origin);
                let there = origin_path(self.arrays, *kept_origin);
                problems.push(
                    ErrorKind::Conflict,
                    here,
                    format!(
                        "conflicts with {there}: same indicator, unit, series, period and publication date, but {} here and {} there",
                        written(&o),
                        written(last)
                    ),
                );
            }
            return false;
        }
        self.last = Some((o, origin));
        true
    }

    /// The figures kept of `entries`, in the store's order already, built
    /// where they are: the entries kept are moved up over those dropped,
    /// and stripped of their places in the same room.
    fn in_place(
        &mut self,
        mut entries: Vec<(Obs, (u32, u32))>,
        problems: &mut Problems,
    ) -> Vec<Obs> {
        let mut kept = 0usize;
        for i in 0..entries.len() {
            let Some(&e) = entries.get(i) else {
                break;
            };
            if self.take(&e, problems) {
                if let Some(slot) = entries.get_mut(kept) {
                    *slot = e;
                }
                kept = kept.saturating_add(1);
            }
        }
        entries.truncate(kept);
        entries.into_iter().map(|(o, _)| o).collect()
    }
}

/// The places of `entries` grouped by unit (ids below `units`), in
/// document order within each unit (a counting sort: linear time), with
/// where each unit's places end. `None` when an id is not below `units`,
/// or when one unit has more than a quarter of the entries: they are then
/// sorted where they are, rather than a unit's many copied out.
///
/// Places, not the entries: a place is four bytes where an entry is
/// seventy-two, so the counting moves an eighteenth of the bytes.
fn places_by_unit(entries: &[(Obs, (u32, u32))], units: usize) -> Option<(Vec<u32>, Vec<usize>)> {
    let unit = |e: &(Obs, (u32, u32))| usize::try_from(e.0.unit).ok().filter(|&u| u < units);
    // How many places each unit has, then where each unit's start.
    let mut next = vec![0usize; units];
    for e in entries {
        let n = next.get_mut(unit(e)?)?;
        *n = n.saturating_add(1);
    }
    if entries.len() > 4 && next.iter().any(|&n| n > entries.len() / 4) {
        return None;
    }
    let mut total = 0usize;
    for n in &mut next {
        (total, *n) = (total.saturating_add(*n), total);
    }
    let mut places = vec![0u32; entries.len()];
    for (p, e) in entries.iter().enumerate() {
        let at = next.get_mut(unit(e)?)?;
        *places.get_mut(*at)? = u32::try_from(p).ok()?;
        *at = at.saturating_add(1);
    }
    // Each unit's next place is now where its places end.
    Some((places, next))
}

/// From this many figures, a store's are renumbered, and sorted whole when
/// they must be, on the pool's threads (with the `rayon` feature).
const APART: usize = 1 << 16;

/// A stored figure as written, with its bound: `more_than 80`, `29/100 = 29%`.
fn written(o: &Obs) -> String {
    match o.qualifier {
        Some(q) => format!("{q} {}", o.reading),
        None => o.reading.to_string(),
    }
}

/// The valid range of an indicator in words, for messages: `, valid from 0 to 100`.
fn range_words(ind: &Indicator) -> String {
    let end = |e: End| e.map_or_else(|| "∞".to_owned(), |(d, _)| d.to_string());
    match ind.valid_range() {
        (None, None) => String::new(),
        (lo, hi) => format!(", valid from {} to {}", end(lo), end(hi)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Strategy as _;

    /// A figure of unit `unit`.
    fn of_unit(unit: u32) -> Obs {
        let period = Period::year(2025).unwrap();
        Obs {
            reading: Reading::Value(rust_decimal::Decimal::ONE),
            qualifier: None,
            period,
            published: period.end(),
            indicator: 0,
            unit,
            series: NONE,
            source: NONE,
            note: NONE,
        }
    }

    /// Entries of these units, each at its own place.
    fn of_units(units: &[u32]) -> Vec<(Obs, (u32, u32))> {
        (0u32..)
            .zip(units)
            .map(|(i, &u)| (of_unit(u), (0, i)))
            .collect()
    }

    #[test]
    fn places_are_grouped_by_unit_in_document_order() {
        let entries = of_units(&[3, 1, 3, 0, 1, 5, 0, 3, 2, 4, 5, 2]);
        let (places, ends) = places_by_unit(&entries, 7).unwrap();
        assert_eq!(places, [3, 6, 1, 4, 8, 11, 0, 2, 7, 9, 5, 10]);
        assert_eq!(ends, [2, 4, 6, 9, 10, 12, 12]);
        // An id the loader did not give, or a unit with more than a quarter
        // of the entries: none (they are sorted where they are).
        assert_eq!(places_by_unit(&entries, 5), None);
        assert_eq!(places_by_unit(&of_units(&[0, 1, 2, 3, NONE]), 4), None);
        assert_eq!(
            places_by_unit(&of_units(&[0, 1, 2, 3, 4, 5, 6, 7, 0, 0, 0]), 8),
            None
        );
        assert_eq!(places_by_unit(&[], 3), Some((vec![], vec![0, 0, 0])));
    }

    proptest::proptest! {
        /// The places counted out by unit are those of a stable sort by
        /// unit, and each unit's end is where the next unit's places start.
        #[test]
        fn places_counted_out_are_a_stable_sort_by_unit(
            (ids, units) in (1usize..9000).prop_flat_map(|ids| (
                proptest::strategy::Just(ids),
                proptest::collection::vec(0..u32::try_from(ids.saturating_add(2)).unwrap(), 0..200),
            )),
        ) {
            let entries = of_units(&units);
            let mut sorted: Vec<u32> = (0u32..).take(units.len()).collect();
            sorted.sort_by_key(|&p| units[p as usize]);
            match places_by_unit(&entries, ids) {
                Some((places, ends)) => {
                    proptest::prop_assert_eq!(&places, &sorted);
                    proptest::prop_assert_eq!(ends.len(), ids);
                    for (u, &end) in ends.iter().enumerate() {
                        let below = units.iter().filter(|&&x| (x as usize) <= u).count();
                        proptest::prop_assert_eq!(end, below);
                    }
                }
                None => {
                    let most = (0..ids.saturating_add(2))
                        .map(|u| units.iter().filter(|&&x| x as usize == u).count())
                        .max()
                        .unwrap_or(0);
                    proptest::prop_assert!(units.iter().any(|&u| u as usize >= ids) || (most > units.len() / 4 && units.len() > 4));
                }
            }
        }
    }
}
