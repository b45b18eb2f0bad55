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
use crate::foundations::pool::{self, worth_splitting};
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

    /// The path of observation `index` of document `doc`.
    pub(crate) fn origin_path(&self, origin: (u32, u32)) -> String {
        origin_path(&self.arrays, origin)
    }

    /// Sorts, removes exact duplicates, reports conflicts and builds the index.
    pub(crate) fn finish(mut self, problems: &mut Problems) -> Observations {
        self.canonical_ids();
        // Taken in order into the store, without their places and their
        // duplicates.
        let order = std::mem::take(&mut self.obs);
        // What makes two observations "the same figure" (SPEC 3.2) ...
        let key = |o: &Obs| {
            (
                o.unit,
                o.indicator,
                o.series,
                o.period.end(),
                Reverse(o.period.start()),
                o.published,
            )
        };
        // ... and, among those, a fixed order by content, so that which of
        // two equal same-day figures is kept never depends on input order.
        let content = |o: &Obs| {
            (
                o.qualifier,
                o.reading.repr_key(),
                o.period.kind(),
                o.source,
                o.note,
            )
        };
        // With the place in the documents last, no two entries are equal:
        // an unstable sort gives the one order a stable sort would.
        let cmp = |(a, x): &(Obs, (u32, u32)), (b, y): &(Obs, (u32, u32))| {
            key(a)
                .cmp(&key(b))
                .then_with(|| content(a).cmp(&content(b)))
                .then_with(|| x.cmp(y))
        };
        // Documents are mostly written in that order already; else the
        // places of the entries are put in that order (first by unit, the
        // first part of the key, so that each unit's few are sorted alone),
        // and the entries taken in it. The order is the one order of `cmp`
        // either way.
        let places = (!order.is_sorted_by(|a, b| cmp(a, b) != Ordering::Greater))
            .then(|| sorted_places(&order, self.strings.len(), cmp));
        let in_order = |i: usize| match &places {
            Some(places) => places
                .get(i)
                .and_then(|&p| usize::try_from(p).ok())
                .and_then(|p| order.get(p)),
            None => order.get(i),
        };
        // One walk finds where each unit and indicator is first named, in
        // document order, and drops exact duplicates and reports conflicts
        // (the first of each figure is kept).
        let mut first: Vec<(u32, u32)> = vec![(u32::MAX, u32::MAX); self.strings.len()];
        let mut kept_origin = (0, 0);
        let mut kept: Vec<Obs> = Vec::with_capacity(order.len());
        for i in 0..order.len() {
            let Some(&(o, origin)) = in_order(i) else {
                break;
            };
            for id in [o.unit, o.indicator] {
                if let Some(f) = usize::try_from(id).ok().and_then(|i| first.get_mut(i)) {
                    *f = (*f).min(origin);
                }
            }
            if let Some(last) = kept.last()
                && key(last) == key(&o)
            {
                if last.qualifier != o.qualifier
                    || last.reading.cmp_threshold_reading(&o.reading) != Ordering::Equal
                {
                    let (here, there) = (self.origin_path(origin), self.origin_path(kept_origin));
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
                continue;
            }
            kept.push(o);
            kept_origin = origin;
        }
        drop((order, places));
        kept.shrink_to_fit();
        let Loader {
            strings,
            shapes,
            arrays,
            ..
        } = self;
        Observations::from_sorted(kept, strings, shapes, (arrays, first))
    }
}

/// The places of `entries` in the order of `cmp`, which orders by unit
/// first: counted out by unit (ids below `units`) in linear time, then
/// each unit's few sorted alone (on the pool's threads when there are
/// [`APART`] or more); sorted whole if an id is not below `units`.
///
/// Places, not the entries: a place is four bytes where an entry is
/// seventy-two, so the counting moves a nineteenth of the bytes, and the
/// entries are then read once, in order, by the walk that keeps them.
fn sorted_places(
    entries: &[(Obs, (u32, u32))],
    units: usize,
    cmp: impl Fn(&(Obs, (u32, u32)), &(Obs, (u32, u32))) -> Ordering + Sync,
) -> Vec<u32> {
    let by = |a: &u32, b: &u32| {
        let at = |p: &u32| usize::try_from(*p).ok().and_then(|p| entries.get(p));
        match (at(a), at(b)) {
            (Some(x), Some(y)) => cmp(x, y),
            _ => a.cmp(b),
        }
    };
    let unit = |e: &(Obs, (u32, u32))| usize::try_from(e.0.unit).ok().filter(|&u| u < units);
    // Where each unit's places start, counted, then summed.
    let mut starts = vec![0usize; units.saturating_add(1)];
    let counted = entries.iter().all(|e| {
        unit(e)
            .and_then(|u| starts.get_mut(u.saturating_add(1)))
            .map(|n| *n = n.saturating_add(1))
            .is_some()
    });
    let mut places: Vec<u32> = (0u32..).take(entries.len()).collect();
    if !counted {
        places.sort_unstable_by(by);
        return places;
    }
    let mut total = 0usize;
    for n in &mut starts {
        total = total.saturating_add(*n);
        *n = total;
    }
    for (p, e) in (0u32..).zip(entries) {
        if let Some(next) = unit(e).and_then(|u| starts.get_mut(u))
            && let Some(slot) = places.get_mut(*next)
        {
            *slot = p;
            *next = next.saturating_add(1);
        }
    }
    // Each unit's places now end where the next unit's start.
    if worth_splitting(places.len(), APART) {
        #[cfg(feature = "rayon")]
        {
            use rayon::prelude::*;
            let same_unit = |a: &u32, b: &u32| {
                let unit = |p: &u32| {
                    usize::try_from(*p)
                        .ok()
                        .and_then(|p| entries.get(p))
                        .map(|e| e.0.unit)
                };
                unit(a) == unit(b)
            };
            places
                .par_chunk_by_mut(same_unit)
                .for_each(|range| range.sort_unstable_by(by));
            return places;
        }
    }
    let mut from = 0usize;
    for &end in starts.iter().take(units) {
        if let Some(range) = places.get_mut(from..end)
            && range.len() > 1
        {
            range.sort_unstable_by(by);
        }
        from = end;
    }
    places
}

/// Whether `entries` figures are many enough to be renumbered and their
/// units' places sorted on the pool's threads (with the `rayon` feature).
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

    /// The order the loader's comparison gives the entries of these tests:
    /// by unit, then by place.
    fn by_unit(a: &(Obs, (u32, u32)), b: &(Obs, (u32, u32))) -> Ordering {
        (a.0.unit, a.1).cmp(&(b.0.unit, b.1))
    }

    /// The places of `entries` sorted by [`by_unit`] the plain way.
    fn sorted_whole(entries: &[(Obs, (u32, u32))]) -> Vec<u32> {
        let mut places: Vec<u32> = (0u32..).take(entries.len()).collect();
        places.sort_by(|&a, &b| by_unit(&entries[a as usize], &entries[b as usize]));
        places
    }

    #[test]
    fn places_are_sorted_whole_when_an_id_was_not_told_of() {
        // Places in reverse within a unit, so that a count by unit alone
        // would be caught.
        let entries = vec![
            (of_unit(1), (0, 2)),
            (of_unit(7), (0, 1)),
            (of_unit(1), (0, 0)),
        ];
        assert_eq!(sorted_places(&entries, 6, by_unit), [2, 0, 1]);
        assert_eq!(sorted_places(&entries, 8, by_unit), [2, 0, 1]);
        let none = vec![(of_unit(NONE), (0, 1)), (of_unit(0), (0, 0))];
        assert_eq!(sorted_places(&none, 6, by_unit), [1, 0]);
        assert_eq!(sorted_places(&[], 6, by_unit), Vec::<u32>::new());
    }

    /// Enough entries to sort their units' places on the pool's threads
    /// (with `rayon`): the order of the comparison.
    #[test]
    fn many_places_are_sorted_by_unit() {
        const UNITS: u32 = 10_000;
        let entries: Vec<(Obs, (u32, u32))> = (0u32..70_000)
            .map(|i| (of_unit(i.wrapping_mul(7_919) % UNITS), (0, 70_000 - i)))
            .collect();
        assert_eq!(
            sorted_places(&entries, 10_000, by_unit),
            sorted_whole(&entries)
        );
    }

    proptest::proptest! {
        /// The places counted out by unit are in the comparison's order,
        /// whatever the entries' order, with ids below `ids` or not.
        #[test]
        fn places_counted_out_by_unit_are_in_the_comparisons_order(
            (ids, units) in (1usize..9000).prop_flat_map(|ids| (
                proptest::strategy::Just(ids),
                proptest::collection::vec(0..u32::try_from(ids.saturating_add(2)).unwrap(), 0..200),
            )),
            places in proptest::collection::vec(0u32..50, 200),
        ) {
            // Places in any order, each its own (as the loader's are).
            let entries: Vec<(Obs, (u32, u32))> = (0u32..)
                .zip(&units)
                .zip(&places)
                .map(|((i, &unit), &place)| (of_unit(unit), (place, i)))
                .collect();
            proptest::prop_assert_eq!(sorted_places(&entries, ids, by_unit), sorted_whole(&entries));
        }
    }
}
