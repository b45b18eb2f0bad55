//! Published figures: loading, validation against a catalogue, and the
//! compact index the evaluation engine reads.

use std::cmp::{Ordering, Reverse};
use std::collections::HashMap;
use std::fmt;

use rust_decimal::Decimal;
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use time::Date;

use crate::model::catalogue::{Catalogue, Faulty, Indicator, IndicatorKey};

static NONE_FAULTY: Faulty = Faulty::none();
use crate::foundations::error::Path;
use crate::foundations::error::{Error, ErrorKind, Problems};
use crate::foundations::exact::{Fractional, mul_wide, pow10};
use crate::foundations::metric::{Metric, MetricKind, Percent, Rule};
use crate::foundations::period::Period;
use crate::foundations::text::check_name;
use crate::presentation::format::json::{Fields, FieldsSeed, Reader, check_format};

/// The `format` of an observations document.
pub const OBSERVATIONS_FORMAT: &str = "policy-targets/observations@1";

/// The figure an observation carries: a value, or a share given as
/// numerator and denominator (percent indicators only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Reading {
    /// A value, exactly as published.
    Value(Decimal),
    /// A share of `100 × numerator / denominator` percent, kept as counts so
    /// that it is compared without dividing.
    Ratio {
        /// How many met the condition (29 dossiers handled online).
        numerator: u64,
        /// Of how many (100 dossiers).
        denominator: u64,
    },
}

impl Reading {
    /// The value as a decimal. For a ratio this divides, rounding to 28
    /// significant digits where the share does not terminate (1 of 3); the
    /// engine never uses this to decide a rule (see [`Reading::cmp_threshold`]).
    #[must_use]
    pub fn value(&self) -> Decimal {
        match *self {
            Reading::Value(v) => v,
            Reading::Ratio {
                numerator,
                denominator,
            } => Decimal::from(numerator)
                .checked_mul(Decimal::ONE_HUNDRED)
                .and_then(|n| n.checked_div(Decimal::from(denominator)))
                .unwrap_or_default(),
        }
    }

    /// Whether the reading meets `rule`, compared exactly.
    pub(crate) fn meets(&self, rule: Rule) -> bool {
        rule.compare(self.cmp_threshold(rule.threshold()))
    }

    /// Orders the reading against a threshold, exactly: a ratio compares
    /// `100 × numerator` with `threshold × denominator` without dividing.
    ///
    /// ```
    /// use policy_targets::Reading;
    /// use std::cmp::Ordering;
    /// let r = Reading::Ratio { numerator: 29, denominator: 100 };
    /// assert_eq!(r.cmp_threshold("29".parse()?), Ordering::Equal);
    /// let third = Reading::Ratio { numerator: 1, denominator: 3 };
    /// assert_eq!(third.cmp_threshold("33.33333333333333333333333333".parse()?), Ordering::Greater);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn cmp_threshold(&self, threshold: Decimal) -> Ordering {
        match *self {
            Reading::Value(v) => v.cmp(&threshold),
            Reading::Ratio {
                numerator,
                denominator,
            } => ratio_cmp(numerator, denominator, threshold),
        }
    }
}

impl fmt::Display for Reading {
    /// A value as written; a ratio as `29/100 = 29%`, or `1/3 ≈ 33.33%`
    /// where the share is rounded to two decimal places for reading.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reading::Value(v) => write!(f, "{v}"),
            Reading::Ratio {
                numerator,
                denominator,
            } => {
                let share = self.value();
                let shown = share.round_dp(2);
                let sign = if shown == share { "=" } else { "≈" };
                write!(f, "{numerator}/{denominator} {sign} {}%", shown.normalize())
            }
        }
    }
}

/// Compares `100·n/d` with `t` exactly, through 256-bit products.
fn ratio_cmp(n: u64, d: u64, t: Decimal) -> Ordering {
    if t.is_sign_negative() && !t.is_zero() {
        return Ordering::Greater;
    }
    // 100·n/d ? m/10^s  ⇔  n·(100·10^s) ? m·d
    let m = t.mantissa().unsigned_abs();
    let scale = 10u128
        .checked_pow(t.scale())
        .and_then(|p| p.checked_mul(100));
    let Some(scale) = scale else {
        return Ordering::Less;
    };
    mul_wide(u128::from(n), scale).cmp(&mul_wide(m, u128::from(d)))
}

impl Fractional for Reading {
    /// A value as its mantissa over a power of ten; a share as `100 ×
    /// numerator` over its denominator.
    fn fraction(self) -> Option<(i128, i128)> {
        match self {
            Reading::Value(v) => Some((v.mantissa(), pow10(v.scale())?)),
            Reading::Ratio {
                numerator,
                denominator,
            } => Some((
                i128::from(numerator).checked_mul(100)?,
                i128::from(denominator),
            )),
        }
    }

    fn rounded(self) -> Decimal {
        match self {
            Reading::Value(v) => v,
            ratio @ Reading::Ratio { .. } => ratio.value().round_dp(12),
        }
    }
}

/// No string: the index used for an absent series, source or note.
const NONE: u32 = u32::MAX;

/// One stored observation: 64 bytes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Obs {
    pub(crate) reading: Reading,
    pub(crate) period: Period,
    pub(crate) published: Date,
    indicator: u32,
    unit: u32,
    pub(crate) series: u32,
    source: u32,
    note: u32,
}

impl Obs {
    /// A figure the engine made from this one (a pooled or merged sum): the
    /// same indicator, series and period, another reading, publication date
    /// and unit (none when the observations never name it), no source or note.
    pub(crate) fn restated(&self, reading: Reading, published: Date, unit: Option<u32>) -> Obs {
        Obs {
            reading,
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
    fn of(ind: &Indicator) -> Shape {
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
#[derive(Debug, Clone, Default)]
pub struct Observations {
    obs: Vec<Obs>,
    strings: Vec<Box<str>>,
    lookup: HashMap<Box<str>, u32>,
    /// One entry per (unit, indicator) with observations, in storage order:
    /// the observations are stored by unit, then indicator (so that a unit's
    /// figures lie together, as a dashboard reads them), then series, period
    /// end, period start (longer first) and publication date.
    groups: Vec<Group>,
    /// For each text id that is a unit, the range of its entries in `groups`.
    unit_groups: Vec<(u32, u32)>,
    shapes: HashMap<u32, Shape>,
}

impl PartialEq for Observations {
    /// Equal when they hold the same observations (in the engine's order).
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
}

impl fmt::Debug for Observation<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Observation")
            .field("indicator", &self.indicator())
            .field("unit", &self.unit())
            .field("period", &self.period())
            .field("published", &self.published())
            .field("reading", &self.reading())
            .field("series", &self.series())
            .finish_non_exhaustive()
    }
}

impl fmt::Display for Observation<'_> {
    /// `egdi_rank VN 2024: 71, published 2024-09-17`, with `(series gso)`
    /// after the period when the figure belongs to a named series.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {}", self.indicator(), self.unit(), self.period())?;
        if let Some(series) = self.series() {
            write!(f, " (series {series})")?;
        }
        write!(
            f,
            ": {}, published {}",
            self.reading(),
            crate::foundations::text::format_date(self.published())
        )
    }
}

impl PartialEq for Observation<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.indicator() == other.indicator()
            && self.unit() == other.unit()
            && self.period() == other.period()
            && self.published() == other.published()
            && self.reading() == other.reading()
            && self.series() == other.series()
            && self.source() == other.source()
            && self.note() == other.note()
    }
}

impl Observations {
    /// Reads an observations document (`policy-targets/observations@1`),
    /// checking each observation against `catalogue`.
    ///
    /// # Errors
    /// Every problem found, each with its JSON path: malformed JSON, an
    /// unknown field, an unknown indicator, a value outside its kind's range,
    /// a ratio on an indicator that is not a percent, or two observations of
    /// the same thing published the same day with different values.
    pub fn from_json(text: &str, catalogue: &Catalogue) -> Result<Observations, Error> {
        let mut problems = Problems::default();
        let obs = parse(text, catalogue, &NONE_FAULTY, &mut problems);
        problems.into_result()?;
        Ok(obs)
    }

    /// Reads several observations documents into one set, as if their
    /// observations were one list: revisions and duplicates across documents
    /// are handled as within one, and conflicts across them are reported.
    /// Use it to add an agency's own figures to published ones.
    ///
    /// Paths of problems in the second and later documents start with
    /// `documents[i].` (counting from 0).
    ///
    /// # Errors
    /// As [`Observations::from_json`], for every document.
    pub fn from_json_documents<'t>(
        documents: impl IntoIterator<Item = &'t str>,
        catalogue: &Catalogue,
    ) -> Result<Observations, Error> {
        let mut problems = Problems::default();
        let mut loader = Loader::new(catalogue, &NONE_FAULTY);
        for (i, text) in documents.into_iter().enumerate() {
            let prefix = if i == 0 {
                String::new()
            } else {
                format!("documents[{i}]")
            };
            if i > 0 {
                loader.arrays.push(format!("{prefix}.observations"));
            }
            read_document_into(
                text,
                &mut loader,
                if i == 0 { "" } else { &prefix },
                &mut problems,
            );
        }
        let obs = loader.finish(&mut problems);
        problems.into_result()?;
        Ok(obs)
    }

    /// Starts a set of observations built in code, checked against `catalogue`.
    #[must_use]
    pub fn builder(catalogue: &Catalogue) -> ObservationsBuilder<'_> {
        ObservationsBuilder {
            loader: Loader::new(catalogue, &NONE_FAULTY),
        }
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

    /// Writes the observations as a `policy-targets/observations@1` document.
    #[must_use]
    pub fn to_json(&self) -> String {
        crate::presentation::format::catalogue::write::observations(self)
    }

    pub(crate) fn text(&self, ix: u32) -> Option<&str> {
        if ix == NONE {
            return None;
        }
        self.strings
            .get(usize::try_from(ix).ok()?)
            .map(AsRef::as_ref)
    }

    pub(crate) fn string_id(&self, s: &str) -> Option<u32> {
        self.lookup.get(s).copied()
    }

    /// The stored slice for an indicator and unit; empty when there is none.
    pub(crate) fn group(&self, indicator: &str, unit: &str) -> &[Obs] {
        match (self.string_id(indicator), self.string_id(unit)) {
            (Some(i), Some(u)) => self.group_by_ids(i, u),
            _ => &[],
        }
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

/// A new observation of kind `M`, for [`ObservationsBuilder::push`].
#[derive(Debug, Clone)]
pub struct NewObservation<M> {
    indicator: String,
    unit: String,
    period: Period,
    published: Date,
    reading: Reading,
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
            series: None,
            source: None,
            note: None,
            kind: std::marker::PhantomData,
        }
    }

    /// Names the series (the publisher).
    #[must_use]
    pub fn series(mut self, series: impl Into<String>) -> Self {
        self.series = Some(series.into());
        self
    }

    /// Sets the source.
    #[must_use]
    pub fn source(mut self, source: impl Into<String>) -> Self {
        self.source = Some(source.into());
        self
    }

    /// Sets a note.
    #[must_use]
    pub fn note(mut self, note: impl Into<String>) -> Self {
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
    /// Adds an observation.
    ///
    /// # Errors
    /// [`ErrorKind::UnknownId`] for an indicator not in the catalogue,
    /// [`ErrorKind::OutOfRange`] for a value outside its indicator's range,
    /// [`ErrorKind::InvalidValue`] for a bad ratio or id.
    pub fn push<M: Metric>(&mut self, o: NewObservation<M>) -> Result<&mut Self, Error> {
        let mut problems = Problems::default();
        let index = self.loader.obs.len();
        let item = Item {
            indicator: &o.indicator,
            unit: &o.unit,
            period: o.period,
            published: o.published,
            reading: o.reading,
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
struct Item<'s> {
    indicator: &'s str,
    unit: &'s str,
    period: Period,
    published: Date,
    reading: Reading,
    series: Option<&'s str>,
    source: Option<&'s str>,
    note: Option<&'s str>,
}

/// Collects observations and builds the index.
#[derive(Debug)]
struct Loader<'c> {
    catalogue: &'c Catalogue,
    faulty: &'c Faulty,
    obs: Vec<Obs>,
    /// The document and position of each observation, for conflict reports.
    origin: Vec<(u32, u32)>,
    /// The JSON path of the `observations` array of each document read.
    arrays: Vec<String>,
    strings: Vec<Box<str>>,
    lookup: HashMap<Box<str>, u32>,
    shapes: HashMap<u32, Shape>,
}

const OBSERVATION_FIELDS: [&str; 10] = [
    "indicator",
    "unit",
    "period",
    "published",
    "value",
    "numerator",
    "denominator",
    "series",
    "source",
    "note",
];

impl<'c> Loader<'c> {
    fn new(catalogue: &'c Catalogue, faulty: &'c Faulty) -> Self {
        Loader {
            catalogue,
            faulty,
            obs: Vec::new(),
            origin: Vec::new(),
            arrays: vec!["observations".to_owned()],
            strings: Vec::new(),
            lookup: HashMap::new(),
            shapes: HashMap::new(),
        }
    }

    fn intern(&mut self, s: &str) -> u32 {
        if let Some(&ix) = self.lookup.get(s) {
            return ix;
        }
        let ix = u32::try_from(self.strings.len()).unwrap_or(NONE);
        self.strings.push(s.into());
        self.lookup.insert(s.into(), ix);
        ix
    }

    /// Reads one element of the `observations` array.
    fn read(&mut self, f: &Fields<'_, 10>, index: usize, problems: &mut Problems) {
        let path = Path::at("observations", index);
        let mut r = Reader { problems };
        let indicator = f.required_string(&mut r, path, "indicator");
        let unit = f.required_string(&mut r, path, "unit");
        let period = f.required_period(&mut r, path, "period");
        let published = f.required_date(&mut r, path, "published");
        let series = f.optional_string(&mut r, path, "series");
        let source = f.optional_string(&mut r, path, "source");
        let note = f.optional_string(&mut r, path, "note");
        let reading = match (f.get("value"), f.get("numerator"), f.get("denominator")) {
            (Some(v), None, None) => r.decimal(v, || path.field("value")).map(Reading::Value),
            (None, Some(n), Some(d)) => {
                let n = r.whole(n, || path.field("numerator"));
                let d = r.whole(d, || path.field("denominator"));
                n.zip(d).map(|(numerator, denominator)| Reading::Ratio {
                    numerator,
                    denominator,
                })
            }
            (Some(_), _, _) => {
                r.problems.push(
                    ErrorKind::InvalidValue,
                    path.field("value"),
                    "give either value or numerator and denominator, not both",
                );
                None
            }
            (None, Some(_), None) => {
                r.problems.push(
                    ErrorKind::MissingField,
                    path.field("denominator"),
                    "a numerator needs a denominator",
                );
                None
            }
            (None, None, Some(_)) => {
                r.problems.push(
                    ErrorKind::MissingField,
                    path.field("numerator"),
                    "a denominator needs a numerator",
                );
                None
            }
            (None, None, None) => {
                r.problems.push(
                    ErrorKind::MissingField,
                    path.field("value"),
                    "an observation needs a value, or a numerator and a denominator",
                );
                None
            }
        };
        let (Some(indicator), Some(unit), Some(period), Some(published), Some(reading)) =
            (indicator, unit, period, published, reading)
        else {
            // Still check the indicator, so that an unknown one is reported too.
            return;
        };
        let item = Item {
            indicator: &indicator,
            unit: &unit,
            period,
            published,
            reading,
            series: series.as_deref(),
            source: source.as_deref(),
            note: note.as_deref(),
        };
        self.check_and_add(item, index, path, r.problems);
    }

    /// Checks an observation against its indicator and stores it.
    fn check_and_add(
        &mut self,
        item: Item<'_>,
        index: usize,
        path: Path<'_>,
        problems: &mut Problems,
    ) {
        let found = self
            .catalogue
            .indicator(item.indicator)
            .or_else(|| self.faulty.definition(item.indicator));
        let Some(ind) = found else {
            if !self.faulty.contains(item.indicator) {
                problems.push(
                    ErrorKind::UnknownId,
                    path.field("indicator"),
                    format!("no indicator `{}` in the catalogue", item.indicator),
                );
            }
            return;
        };
        let mut ok = true;
        for (field, value, what) in [
            ("unit", Some(item.unit), "unit"),
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
                        format!("{m} (indicator `{}`)", ind.id()),
                    );
                    ok = false;
                }
            }
            Reading::Ratio {
                numerator,
                denominator,
            } => {
                if ind.kind() != MetricKind::Percent {
                    problems.push(
                        ErrorKind::KindMismatch,
                        path.field("numerator"),
                        format!("numerator and denominator are only for percent indicators; `{}` is a {}", ind.id(), ind.kind()),
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
        let shape = Shape::of(ind);
        let indicator = self.intern(item.indicator);
        self.shapes.insert(indicator, shape);
        let unit = self.intern(item.unit);
        let series = item.series.map_or(NONE, |s| self.intern(s));
        let source = item.source.map_or(NONE, |s| self.intern(s));
        let note = item.note.map_or(NONE, |s| self.intern(s));
        self.obs.push(Obs {
            reading: item.reading,
            period: item.period,
            published: item.published,
            indicator,
            unit,
            series,
            source,
            note,
        });
        let doc = u32::try_from(self.arrays.len().saturating_sub(1)).unwrap_or(u32::MAX);
        self.origin
            .push((doc, u32::try_from(index).unwrap_or(u32::MAX)));
    }

    /// Sorts, removes exact duplicates, reports conflicts and builds the index.
    /// Renumbers the stored texts in lexicographic order, so that the
    /// engine's order of observations (by unit, indicator, series) depends on
    /// their content, never on the order the input first mentioned them.
    fn canonical_ids(&mut self) {
        let mut by_text: Vec<u32> =
            (0..u32::try_from(self.strings.len()).unwrap_or(u32::MAX)).collect();
        by_text.sort_by(|&a, &b| self.text(a).cmp(&self.text(b)));
        let mut new_id = vec![NONE; by_text.len()];
        for (new, &old) in (0u32..).zip(&by_text) {
            if let Some(slot) = usize::try_from(old).ok().and_then(|o| new_id.get_mut(o)) {
                *slot = new;
            }
        }
        let remap = |id: u32| {
            if id == NONE {
                NONE
            } else {
                usize::try_from(id)
                    .ok()
                    .and_then(|i| new_id.get(i))
                    .copied()
                    .unwrap_or(NONE)
            }
        };
        for o in &mut self.obs {
            o.indicator = remap(o.indicator);
            o.unit = remap(o.unit);
            o.series = remap(o.series);
            o.source = remap(o.source);
            o.note = remap(o.note);
        }
        self.shapes = std::mem::take(&mut self.shapes)
            .into_iter()
            .map(|(k, v)| (remap(k), v))
            .collect();
        let mut old: Vec<Option<Box<str>>> = std::mem::take(&mut self.strings)
            .into_iter()
            .map(Some)
            .collect();
        self.strings = by_text
            .iter()
            .filter_map(|&i| {
                usize::try_from(i)
                    .ok()
                    .and_then(|i| old.get_mut(i))
                    .and_then(Option::take)
            })
            .collect();
        for id in self.lookup.values_mut() {
            *id = remap(*id);
        }
    }

    fn text(&self, ix: u32) -> Option<&str> {
        usize::try_from(ix)
            .ok()
            .and_then(|i| self.strings.get(i))
            .map(AsRef::as_ref)
    }

    /// The path of observation `index` of document `doc`.
    fn origin_path(&self, (doc, index): (u32, u32)) -> String {
        let array = usize::try_from(doc)
            .ok()
            .and_then(|d| self.arrays.get(d))
            .map_or("observations", String::as_str);
        format!("{array}[{index}]")
    }

    fn finish(mut self, problems: &mut Problems) -> Observations {
        self.canonical_ids();
        let mut order: Vec<(Obs, (u32, u32))> = std::mem::take(&mut self.obs)
            .into_iter()
            .zip(std::mem::take(&mut self.origin))
            .collect();
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
        let content = |o: &Obs| (o.reading.repr_key(), o.period.kind(), o.source, o.note);
        order.sort_by(|(a, _), (b, _)| {
            key(a)
                .cmp(&key(b))
                .then_with(|| content(a).cmp(&content(b)))
        });
        let mut kept: Vec<Obs> = Vec::with_capacity(order.len());
        let mut kept_origin = (0, 0);
        for (o, origin) in order {
            if let Some(last) = kept.last()
                && key(last) == key(&o)
            {
                if last.reading.cmp_threshold_reading(&o.reading) != Ordering::Equal {
                    let (here, there) = (self.origin_path(origin), self.origin_path(kept_origin));
                    problems.push(
                        ErrorKind::Conflict,
                        here,
                        format!(
                            "conflicts with {there}: same indicator, unit, series, period and publication date, but {} here and {} there",
                            o.reading, last.reading
                        ),
                    );
                }
                continue;
            }
            kept.push(o);
            kept_origin = origin;
        }
        let Loader {
            strings,
            lookup,
            shapes,
            ..
        } = self;
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
            lookup,
            groups,
            unit_groups,
            shapes,
        }
    }
}

impl Reading {
    /// A key that orders readings by how they are written (for a fixed
    /// choice among equal figures).
    fn repr_key(&self) -> (u8, i128, u32, u64, u64) {
        match *self {
            Reading::Value(v) => (0, v.mantissa(), v.scale(), 0, 0),
            Reading::Ratio {
                numerator,
                denominator,
            } => (1, 0, 0, numerator, denominator),
        }
    }

    /// Orders two readings by the share or value they stand for, exactly.
    pub(crate) fn cmp_threshold_reading(&self, other: &Reading) -> Ordering {
        match (*self, *other) {
            (Reading::Value(a), Reading::Value(b)) => a.cmp(&b),
            (r @ Reading::Ratio { .. }, Reading::Value(b)) => r.cmp_threshold(b),
            (Reading::Value(a), r @ Reading::Ratio { .. }) => r.cmp_threshold(a).reverse(),
            (
                Reading::Ratio {
                    numerator: n1,
                    denominator: d1,
                },
                Reading::Ratio {
                    numerator: n2,
                    denominator: d2,
                },
            ) => mul_wide(u128::from(n1), u128::from(d2))
                .cmp(&mul_wide(u128::from(n2), u128::from(d1))),
        }
    }
}

/// Reads an observations document against `catalogue`. `faulty` lists
/// indicators that exist but were reported faulty, whose observations are
/// skipped without a second report.
pub(crate) fn parse(
    text: &str,
    catalogue: &Catalogue,
    faulty: &Faulty,
    problems: &mut Problems,
) -> Observations {
    let mut loader = Loader::new(catalogue, faulty);
    read_document_into(text, &mut loader, "", problems);
    loader.finish(problems)
}

/// Reads one observations document into `loader`; `prefix` is put before
/// the paths of its problems (`documents[1]`).
fn read_document_into(text: &str, loader: &mut Loader<'_>, prefix: &str, problems: &mut Problems) {
    if !crate::presentation::format::json::within_size_limit(text, problems) {
        return;
    }
    let mut doc_problems = Problems::default();
    let mut format: Option<&RawValue> = None;
    let mut de = serde_json::Deserializer::from_str(text);
    let kept = loader.obs.len();
    let result = DocumentSeed {
        loader: &mut *loader,
        format: &mut format,
        problems: &mut doc_problems,
    }
    .deserialize(&mut de)
    .and_then(|()| de.end());
    let ok = match result {
        Err(e) => {
            doc_problems.push(ErrorKind::Syntax, "", format!("not valid JSON: {e}"));
            false
        }
        Ok(()) => check_format(format, OBSERVATIONS_FORMAT, &mut doc_problems),
    };
    if !ok {
        // Nothing of a document that is not one is kept.
        loader.obs.truncate(kept);
        loader.origin.truncate(kept);
    }
    problems.extend(doc_problems.under(prefix));
}

/// The top-level object of an observations document, read in one pass: the
/// observations are checked and stored as they are met, never buffered.
struct DocumentSeed<'l, 'c, 'de> {
    loader: &'l mut Loader<'c>,
    format: &'l mut Option<&'de RawValue>,
    problems: &'l mut Problems,
}

impl<'de> DeserializeSeed<'de> for DocumentSeed<'_, '_, 'de> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for DocumentSeed<'_, '_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an observations document (an object with `format` and `observations`)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen_observations = false;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match key.as_ref() {
                "format" => *self.format = Some(map.next_value()?),
                "observations" => {
                    seen_observations = true;
                    map.next_value_seed(ElementsSeed {
                        loader: &mut *self.loader,
                        problems: &mut *self.problems,
                    })?;
                }
                other => {
                    map.next_value::<IgnoredAny>()?;
                    self.problems.push(
                        ErrorKind::UnknownField,
                        other,
                        format!("unknown field `{other}`, expected one of: format, observations"),
                    );
                }
            }
        }
        if !seen_observations {
            self.problems.push(
                ErrorKind::MissingField,
                "observations",
                "this field is required",
            );
        }
        Ok(())
    }
}

struct ElementsSeed<'l, 'c> {
    loader: &'l mut Loader<'c>,
    problems: &'l mut Problems,
}

impl<'de> DeserializeSeed<'de> for ElementsSeed<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for ElementsSeed<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of observations")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0usize;
        loop {
            let seed = FieldsSeed {
                names: &OBSERVATION_FIELDS,
                path: Path::at("observations", index),
                problems: &mut *self.problems,
            };
            match seq.next_element_seed(seed)? {
                Some(Some(fields)) => self.loader.read(&fields, index, self.problems),
                Some(None) => {}
                None => return Ok(()),
            }
            index = index.saturating_add(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalogue() -> Catalogue {
        Catalogue::from_json(
            r#"{"format": "policy-targets/catalogue@1", "indicators": [{"id": "s", "kind": "percent"}], "targets": []}"#,
        )
        .unwrap()
    }

    fn doc(value: &str) -> String {
        format!(
            r#"{{"format": "policy-targets/observations@1", "observations": [
              {{"indicator": "s", "unit": "VN", "period": "2025", "published": "2026-01-01", "value": "{value}"}}]}}"#
        )
    }

    #[test]
    fn an_observation_takes_64_bytes() {
        assert!(size_of::<Obs>() <= 64, "{}", size_of::<Obs>());
    }

    #[test]
    fn documents_merge_and_conflicts_across_them_are_reported() {
        let c = catalogue();
        let same =
            Observations::from_json_documents([doc("50").as_str(), doc("50.0").as_str()], &c)
                .unwrap();
        assert_eq!(same.len(), 1);
        let err = Observations::from_json_documents([doc("50").as_str(), doc("51").as_str()], &c)
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Conflict);
        assert!(
            err.to_string()
                .contains("documents[1].observations[0]: conflicts with observations[0]"),
            "{err}"
        );
        let err = Observations::from_json_documents([doc("50").as_str(), doc("500").as_str()], &c)
            .unwrap_err();
        assert_eq!(
            err.problems()[0].path(),
            "documents[1].observations[0].value"
        );
    }

    #[test]
    fn ratios_compare_exactly_at_the_extremes() {
        let r = Reading::Ratio {
            numerator: u64::MAX,
            denominator: u64::MAX,
        };
        assert_eq!(r.cmp_threshold(Decimal::ONE_HUNDRED), Ordering::Equal);
        let r = Reading::Ratio {
            numerator: u64::MAX - 1,
            denominator: u64::MAX,
        };
        assert_eq!(r.cmp_threshold(Decimal::ONE_HUNDRED), Ordering::Less);
        let r = Reading::Ratio {
            numerator: 0,
            denominator: 7,
        };
        assert_eq!(r.cmp_threshold(Decimal::ZERO), Ordering::Equal);
        assert_eq!(r.cmp_threshold(Decimal::NEGATIVE_ONE), Ordering::Greater);
        let tiny: Decimal = "0.0000000000000000000000000001".parse().unwrap();
        assert_eq!(
            Reading::Ratio {
                numerator: 1,
                denominator: u64::MAX
            }
            .cmp_threshold(tiny),
            Ordering::Greater
        );
    }
}
