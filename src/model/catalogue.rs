//! Indicators, targets and the catalogue that holds them.

use std::collections::HashMap;
use std::fmt;
use std::marker::PhantomData;

use rust_decimal::Decimal;
use serde_json::value::RawValue;
use time::Date;

use crate::engine::every_period::EveryPeriod;
use crate::engine::progress::assessment::Method;
use crate::foundations::error::Path;
use crate::foundations::error::{Error, ErrorKind, Problems};
use crate::foundations::metric::{Direction, Metric, MetricKind, Rule, Threshold, whole_value};
use crate::foundations::period::{Period, PeriodKind};
use crate::foundations::text::{check_indicator_id, check_name, format_date};
use crate::model::units::{AppliesTo, RollUpMode, parse_applies_to};
use crate::presentation::format::json::{Reader, read_array, read_document, read_object};

/// The `format` of a catalogue document.
pub const CATALOGUE_FORMAT: &str = "policy-targets/catalogue@1";

/// How often an indicator is published. It decides which observation closes
/// a target (see [how a target is judged](crate#how-a-target-is-judged)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Cadence {
    /// Once a year (the default).
    #[default]
    Annual,
    /// Every other year, like the UN E-Government Survey.
    Biennial,
    /// Every quarter.
    Quarterly,
    /// Every month.
    Monthly,
    /// With no fixed rhythm.
    Irregular,
}

impl Cadence {
    /// The kind of period one figure covers: a year, a quarter or a month;
    /// `None` for biennial and irregular indicators.
    pub(crate) fn period_kind(self) -> Option<PeriodKind> {
        match self {
            Cadence::Annual => Some(PeriodKind::Year),
            Cadence::Quarterly => Some(PeriodKind::Quarter),
            Cadence::Monthly => Some(PeriodKind::Month),
            Cadence::Biennial | Cadence::Irregular => None,
        }
    }

    /// The cadence's name in the JSON formats.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Cadence::Annual => "annual",
            Cadence::Biennial => "biennial",
            Cadence::Quarterly => "quarterly",
            Cadence::Monthly => "monthly",
            Cadence::Irregular => "irregular",
        }
    }

    fn parse(s: &str) -> Result<Cadence, String> {
        Ok(match s {
            "annual" => Cadence::Annual,
            "biennial" => Cadence::Biennial,
            "quarterly" => Cadence::Quarterly,
            "monthly" => Cadence::Monthly,
            "irregular" => Cadence::Irregular,
            _ => {
                return Err(format!(
                    "`{s}` is not a cadence: use annual, biennial, quarterly, monthly or irregular"
                ));
            }
        })
    }
}

/// A name in English and Vietnamese; either may be absent.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Names {
    en: Option<String>,
    vi: Option<String>,
}

impl Names {
    /// Names from their optional English and Vietnamese forms.
    pub(crate) fn from_parts(en: Option<String>, vi: Option<String>) -> Self {
        Names { en, vi }
    }

    /// The English name.
    #[must_use]
    pub fn en(&self) -> Option<&str> {
        self.en.as_deref()
    }

    /// The Vietnamese name.
    #[must_use]
    pub fn vi(&self) -> Option<&str> {
        self.vi.as_deref()
    }
}

/// When and why an indicator stopped being published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discontinued {
    on: Date,
    note: Option<String>,
}

impl Discontinued {
    /// Discontinued on `on`, for the reason in `note`.
    #[must_use]
    pub fn new(on: Date, note: impl Into<String>) -> Self {
        Discontinued {
            on,
            note: Some(note.into()),
        }
    }

    /// The day it stopped.
    #[must_use]
    pub fn on(&self) -> Date {
        self.on
    }

    /// Why, in words.
    #[must_use]
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }
}

/// Something measured, of one [`MetricKind`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Indicator {
    id: String,
    kind: MetricKind,
    names: Names,
    direction: Option<Direction>,
    out_of: Option<u32>,
    min: Option<Decimal>,
    max: Option<Decimal>,
    cadence: Cadence,
    publication_lag_days: u32,
    discontinued: Option<Discontinued>,
    series: Option<String>,
    /// The progress method its targets are assessed with.
    progress: Option<Method>,
}

/// The publication lag assumed when an indicator sets none, in days.
pub const DEFAULT_PUBLICATION_LAG_DAYS: u32 = 365;

impl Indicator {
    fn bare(id: String, kind: MetricKind) -> Self {
        Indicator {
            id,
            kind,
            names: Names::default(),
            direction: None,
            out_of: None,
            min: None,
            max: None,
            cadence: Cadence::Annual,
            publication_lag_days: DEFAULT_PUBLICATION_LAG_DAYS,
            discontinued: None,
            series: None,
            progress: None,
        }
    }

    /// The id, `[a-z0-9_]+`.
    #[must_use]
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The progress method the catalogue sets for its targets (`progress`), if any.
    #[must_use]
    pub fn progress_method(&self) -> Option<Method> {
        self.progress
    }

    /// The kind of its values.
    #[must_use]
    pub fn kind(&self) -> MetricKind {
        self.kind
    }

    /// Its names.
    #[must_use]
    pub fn names(&self) -> &Names {
        &self.names
    }

    /// Which way is better: the one set, else the kind's default. A rank is
    /// always lower-is-better.
    #[must_use]
    pub fn direction(&self) -> Direction {
        self.direction.unwrap_or(self.kind.default_direction())
    }

    /// The direction the catalogue set explicitly, if any.
    pub(crate) fn explicit_direction(&self) -> Option<Direction> {
        self.direction
    }

    /// For a rank: how many are ranked.
    #[must_use]
    pub fn out_of(&self) -> Option<u32> {
        self.out_of
    }

    /// For a score: its least possible value.
    #[must_use]
    pub fn min(&self) -> Option<Decimal> {
        self.min
    }

    /// For a score: its greatest possible value.
    #[must_use]
    pub fn max(&self) -> Option<Decimal> {
        self.max
    }

    /// How often it is published.
    #[must_use]
    pub fn cadence(&self) -> Cadence {
        self.cadence
    }

    /// How long after the end of its period a figure usually appears.
    #[must_use]
    pub fn publication_lag_days(&self) -> u32 {
        self.publication_lag_days
    }

    /// When it stopped being published, if it did.
    #[must_use]
    pub fn discontinued(&self) -> Option<&Discontinued> {
        self.discontinued.as_ref()
    }

    /// The series its targets are judged on, unless a target names another.
    #[must_use]
    pub fn series(&self) -> Option<&str> {
        self.series.as_deref()
    }

    /// Checks a value against the kind's range (and `out_of`, `min`, `max`).
    pub(crate) fn check_value(&self, v: Decimal) -> Result<(), String> {
        match self.kind {
            MetricKind::Percent => {
                if v < Decimal::ZERO || v > Decimal::ONE_HUNDRED {
                    return Err(format!("{v} is outside 0..=100 for a percent"));
                }
            }
            MetricKind::Rank => {
                let n = whole_value(self.kind, v)?;
                if n == 0 {
                    return Err("a rank starts at 1".to_owned());
                }
                if let Some(out_of) = self.out_of {
                    if n > u64::from(out_of) {
                        return Err(format!("rank {n} is beyond the {out_of} ranked"));
                    }
                } else if n > u64::from(u32::MAX) {
                    return Err(format!("rank {n} is too large"));
                }
            }
            MetricKind::Score => {
                if let Some(min) = self.min.filter(|m| v < *m) {
                    return Err(format!("{v} is below the minimum {min} of this score"));
                }
                if let Some(max) = self.max.filter(|m| v > *m) {
                    return Err(format!("{v} is above the maximum {max} of this score"));
                }
            }
            MetricKind::GrowthRate => {}
            MetricKind::Count => {
                let n = whole_value(self.kind, v)?;
                if n > crate::foundations::metric::Count::MAX {
                    return Err(format!("{n} is above 2^63-1 for a count"));
                }
            }
        }
        Ok(())
    }

    /// Checks a rule against the kind and its range.
    fn check_rule(&self, rule: &Rule) -> Result<(), (ErrorKind, String)> {
        if !rule.fits(self.kind) {
            let msg = if self.kind == MetricKind::Rank {
                format!(
                    "`{}` does not fit a rank indicator: use `within_top`",
                    rule.name()
                )
            } else {
                format!(
                    "`{}` is only for rank indicators; `{}` is a {}: use at_least, at_most, more_than or less_than",
                    rule.name(),
                    self.id,
                    self.kind
                )
            };
            return Err((ErrorKind::KindMismatch, msg));
        }
        self.check_value(rule.threshold()).map_err(|m| {
            (
                ErrorKind::OutOfRange,
                format!("the threshold is out of range: {m}"),
            )
        })
    }
}

/// The legal source of a target.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Source {
    instrument: Option<String>,
    issued: Option<Date>,
    section: Option<String>,
    text_vi: Option<String>,
    text_en: Option<String>,
}

impl Source {
    /// A source naming its instrument, such as `Quyết định 749/QĐ-TTg`.
    #[must_use]
    pub fn new(instrument: impl Into<String>) -> Self {
        Source {
            instrument: Some(instrument.into()),
            ..Source::default()
        }
    }

    /// Sets the date the instrument was issued.
    #[must_use]
    pub fn with_issued(mut self, date: Date) -> Self {
        self.issued = Some(date);
        self
    }

    /// Sets the section, such as `Mục II.1`.
    #[must_use]
    pub fn with_section(mut self, section: impl Into<String>) -> Self {
        self.section = Some(section.into());
        self
    }

    /// Sets the text of the clause in Vietnamese.
    #[must_use]
    pub fn with_text_vi(mut self, text: impl Into<String>) -> Self {
        self.text_vi = Some(text.into());
        self
    }

    /// Sets the text of the clause in English.
    #[must_use]
    pub fn with_text_en(mut self, text: impl Into<String>) -> Self {
        self.text_en = Some(text.into());
        self
    }

    /// The instrument.
    #[must_use]
    pub fn instrument(&self) -> Option<&str> {
        self.instrument.as_deref()
    }

    /// The date it was issued.
    #[must_use]
    pub fn issued(&self) -> Option<Date> {
        self.issued
    }

    /// The section.
    #[must_use]
    pub fn section(&self) -> Option<&str> {
        self.section.as_deref()
    }

    /// The clause in Vietnamese.
    #[must_use]
    pub fn text_vi(&self) -> Option<&str> {
        self.text_vi.as_deref()
    }

    /// The clause in English.
    #[must_use]
    pub fn text_en(&self) -> Option<&str> {
        self.text_en.as_deref()
    }
}

impl fmt::Display for Source {
    /// `Quyết định 749/QĐ-TTg (2020-06-03), Mục II.1`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.instrument.as_deref().unwrap_or("(no instrument)"))?;
        if let Some(d) = self.issued {
            write!(f, " ({})", format_date(d))?;
        }
        if let Some(s) = &self.section {
            write!(f, ", {s}")?;
        }
        Ok(())
    }
}

/// A rule on an indicator, for one unit, with a deadline and a legal source.
// `repr(C)` keeps the fields in this order: what the engine reads for every
// target comes first and shares a cache line or two; the texts it never
// reads while deciding come after.
#[derive(Debug, Clone, PartialEq, Eq)]
#[repr(C)]
pub struct Target {
    rule: Rule,
    deadline: Period,
    judged_on: Option<Period>,
    /// The every-period modifier.
    every_period: Option<EveryPeriod>,
    applies_to: Option<AppliesTo>,
    series: Option<String>,
    id: String,
    indicator: String,
    unit: String,
    source: Option<Source>,
    tags: Vec<String>,
}

impl Target {
    /// The id, unique in its catalogue.
    #[must_use]
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The id of its indicator.
    #[must_use]
    pub fn indicator(&self) -> &str {
        &self.indicator
    }

    /// The unit (jurisdiction) it is about, such as `VN`.
    #[must_use]
    pub fn unit(&self) -> &str {
        &self.unit
    }

    /// What the law asks for.
    #[must_use]
    pub fn rule(&self) -> Rule {
        self.rule
    }

    /// The deadline, as a period: the target must hold at the end of its last day.
    #[must_use]
    pub fn deadline(&self) -> Period {
        self.deadline
    }

    /// The period whose figure decides the target, when set.
    #[must_use]
    pub fn judged_on(&self) -> Option<Period> {
        self.judged_on
    }

    /// The series it is judged on, when it names one (overriding its indicator's).
    #[must_use]
    pub fn series(&self) -> Option<&str> {
        self.series.as_deref()
    }

    /// The legal source.
    #[must_use]
    pub fn source(&self) -> Option<&Source> {
        self.source.as_ref()
    }

    /// Free tags, such as the pillar.
    #[must_use]
    pub fn tags(&self) -> &[String] {
        &self.tags
    }

    /// The every-period modifier: the rule must hold in every period from a
    /// start to the deadline, when set.
    #[must_use]
    pub fn every_period(&self) -> Option<EveryPeriod> {
        self.every_period
    }

    /// The level of units below [`Target::unit`] the target applies to, and
    /// how they are rolled up; `None` for a target about its unit itself.
    #[must_use]
    pub fn applies_to(&self) -> Option<AppliesTo> {
        self.applies_to
    }
}

/// A validated set of indicators and targets.
///
/// Ids are unique, every target's indicator exists, and every rule fits its
/// indicator's kind and range. Load one from JSON with
/// [`Catalogue::from_json`], or build one in code with [`Catalogue::builder`].
#[derive(Debug, Clone)]
pub struct Catalogue {
    indicators: Vec<Indicator>,
    targets: Vec<Target>,
    /// Index of each target's indicator in `indicators`, parallel to `targets`.
    target_indicator: Vec<usize>,
    /// Indices of `targets` in id order.
    by_id: Vec<usize>,
    indicator_index: HashMap<String, usize>,
    /// The distinct units of the targets, and each target's index into them,
    /// so that an evaluation looks each unit up once, not once per target.
    units: Vec<String>,
    target_unit: Vec<usize>,
}

impl PartialEq for Catalogue {
    /// Two catalogues are equal when they hold the same indicators and targets in the same order.
    fn eq(&self, other: &Self) -> bool {
        self.indicators == other.indicators && self.targets == other.targets
    }
}

impl Eq for Catalogue {}

impl Catalogue {
    /// Starts a catalogue built in code, with kinds checked at compile time.
    #[must_use]
    pub fn builder() -> CatalogueBuilder {
        CatalogueBuilder::default()
    }

    /// Reads a catalogue document (`policy-targets/catalogue@1`).
    ///
    /// # Errors
    /// Every problem found, each with its JSON path: malformed JSON, an
    /// unknown field, a missing or malformed value, a duplicate id, a target
    /// whose indicator does not exist, or a rule that does not fit its
    /// indicator's kind or range.
    pub fn from_json(text: &str) -> Result<Catalogue, Error> {
        let mut problems = Problems::default();
        let catalogue = parse(text, &mut problems);
        problems.into_result()?;
        Ok(catalogue)
    }

    fn from_parts(indicators: Vec<Indicator>, targets: Vec<(Target, usize)>) -> Catalogue {
        let indicator_index = indicators
            .iter()
            .enumerate()
            .map(|(i, ind)| (ind.id.clone(), i))
            .collect();
        let (targets, target_indicator): (Vec<Target>, Vec<usize>) = targets.into_iter().unzip();
        let mut by_id: Vec<usize> = (0..targets.len()).collect();
        by_id.sort_by(|a, b| {
            let id = |i: &usize| targets.get(*i).map(|t| t.id.as_str());
            id(a).cmp(&id(b))
        });
        let mut units: Vec<String> = Vec::new();
        let mut unit_index: HashMap<&str, usize> = HashMap::new();
        let mut target_unit = Vec::with_capacity(targets.len());
        for t in &targets {
            let next = unit_index.len();
            let ix = *unit_index.entry(t.unit.as_str()).or_insert(next);
            if ix == next {
                units.push(t.unit.clone());
            }
            target_unit.push(ix);
        }
        Catalogue {
            indicators,
            targets,
            target_indicator,
            by_id,
            indicator_index,
            units,
            target_unit,
        }
    }

    /// The indicators, in the order given.
    #[must_use]
    pub fn indicators(&self) -> &[Indicator] {
        &self.indicators
    }

    /// The targets, in the order given.
    #[must_use]
    pub fn targets(&self) -> &[Target] {
        &self.targets
    }

    /// The indicator with this id.
    #[must_use]
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicator_index
            .get(id)
            .and_then(|&i| self.indicators.get(i))
    }

    /// The target with this id.
    #[must_use]
    pub fn target(&self, id: &str) -> Option<&Target> {
        self.by_id
            .binary_search_by(|&i| self.targets.get(i).map(|t| t.id.as_str()).cmp(&Some(id)))
            .ok()
            .and_then(|pos| self.by_id.get(pos))
            .and_then(|&i| self.targets.get(i))
    }

    /// A typed handle on an indicator of this catalogue, for adding
    /// observations in code.
    ///
    /// # Errors
    /// [`ErrorKind::UnknownId`] if there is no such indicator;
    /// [`ErrorKind::KindMismatch`] if it is not of kind `M`.
    pub fn indicator_key<M: Metric>(&self, id: &str) -> Result<IndicatorKey<M>, Error> {
        let ind = self.indicator(id).ok_or_else(|| {
            Error::single(
                ErrorKind::UnknownId,
                "",
                format!("no indicator `{id}` in the catalogue"),
            )
        })?;
        if ind.kind != M::KIND {
            return Err(Error::single(
                ErrorKind::KindMismatch,
                "",
                format!("indicator `{id}` is a {}, not a {}", ind.kind, M::KIND),
            ));
        }
        Ok(IndicatorKey {
            id: ind.id.clone(),
            kind: PhantomData,
        })
    }

    /// The targets in id order, each with its indicator, the index of the
    /// indicator in [`Catalogue::indicators`] and the index of its unit in
    /// [`Catalogue::units`].
    pub(crate) fn targets_by_id(
        &self,
    ) -> impl Iterator<Item = (&Target, &Indicator, usize, usize)> {
        self.by_id.iter().filter_map(|&i| {
            let t = self.targets.get(i)?;
            let ii = *self.target_indicator.get(i)?;
            let ind = self.indicators.get(ii)?;
            Some((t, ind, ii, *self.target_unit.get(i)?))
        })
    }

    /// The distinct units the targets are about, in order of first appearance.
    #[must_use]
    pub fn units(&self) -> &[String] {
        &self.units
    }

    /// Writes the catalogue as a `policy-targets/catalogue@1` document.
    #[must_use]
    pub fn to_json(&self) -> String {
        crate::presentation::format::catalogue::write::catalogue(self)
    }
}

/// A typed handle on an indicator of kind `M`, from
/// [`CatalogueBuilder::indicator`] or [`Catalogue::indicator_key`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IndicatorKey<M> {
    id: String,
    kind: PhantomData<M>,
}

impl<M> IndicatorKey<M> {
    /// The indicator's id.
    #[must_use]
    pub fn id(&self) -> &str {
        &self.id
    }
}

/// An indicator of kind `M` being defined in code; see [`Catalogue::builder`].
#[derive(Debug, Clone)]
pub struct IndicatorDef<M> {
    inner: Indicator,
    kind: PhantomData<M>,
}

impl<M: Metric> IndicatorDef<M> {
    /// A new indicator with this id, of kind `M`.
    #[must_use]
    pub fn new(id: impl Into<String>) -> Self {
        IndicatorDef {
            inner: Indicator::bare(id.into(), M::KIND),
            kind: PhantomData,
        }
    }

    /// Sets the progress method its targets are assessed with.
    #[must_use]
    pub fn progress(mut self, method: Method) -> Self {
        self.inner.progress = Some(method);
        self
    }

    /// Sets the English name.
    #[must_use]
    pub fn name_en(mut self, name: impl Into<String>) -> Self {
        self.inner.names.en = Some(name.into());
        self
    }

    /// Sets the Vietnamese name.
    #[must_use]
    pub fn name_vi(mut self, name: impl Into<String>) -> Self {
        self.inner.names.vi = Some(name.into());
        self
    }

    /// Sets the cadence.
    #[must_use]
    pub fn cadence(mut self, cadence: Cadence) -> Self {
        self.inner.cadence = cadence;
        self
    }

    /// Sets the usual publication lag, in days after the end of a period.
    #[must_use]
    pub fn publication_lag_days(mut self, days: u32) -> Self {
        self.inner.publication_lag_days = days;
        self
    }

    /// Marks the indicator discontinued.
    #[must_use]
    pub fn discontinued(mut self, discontinued: Discontinued) -> Self {
        self.inner.discontinued = Some(discontinued);
        self
    }

    /// Names the series its targets are judged on.
    #[must_use]
    pub fn series(mut self, series: impl Into<String>) -> Self {
        self.inner.series = Some(series.into());
        self
    }
}

impl<M: crate::foundations::metric::Level> IndicatorDef<M> {
    /// Overrides the kind's default direction (not possible for ranks).
    #[must_use]
    pub fn direction(mut self, direction: Direction) -> Self {
        self.inner.direction = Some(direction);
        self
    }
}

impl IndicatorDef<crate::foundations::metric::Rank> {
    /// Sets how many are ranked.
    #[must_use]
    pub fn out_of(mut self, n: u32) -> Self {
        self.inner.out_of = Some(n);
        self
    }
}

impl IndicatorDef<crate::foundations::metric::Score> {
    /// Sets the score's range.
    #[must_use]
    pub fn range(mut self, min: Decimal, max: Decimal) -> Self {
        self.inner.min = Some(min);
        self.inner.max = Some(max);
        self
    }
}

/// A target being defined in code; see [`Catalogue::builder`].
#[derive(Debug, Clone)]
pub struct TargetDef {
    inner: Target,
}

impl TargetDef {
    /// A target on `indicator` for `unit`: `threshold` must hold by `deadline`.
    /// The threshold's kind must be the indicator's, checked at compile time:
    ///
    /// ```compile_fail,E0308
    /// use policy_targets::{Catalogue, IndicatorDef, Percent, Rank, TargetDef, Threshold, Period};
    /// let mut b = Catalogue::builder();
    /// let rank = b.indicator(IndicatorDef::<Rank>::new("egdi_rank"))?;
    /// // A percent threshold on a rank indicator does not compile.
    /// let t = TargetDef::new("t", &rank, "VN", Threshold::at_least("80".parse::<Percent>()?), Period::year(2025)?);
    /// # Ok::<(), policy_targets::Error>(())
    /// ```
    #[must_use]
    pub fn new<M: Metric>(
        id: impl Into<String>,
        indicator: &IndicatorKey<M>,
        unit: impl Into<String>,
        threshold: Threshold<M>,
        deadline: Period,
    ) -> Self {
        TargetDef {
            inner: Target {
                id: id.into(),
                indicator: indicator.id.clone(),
                unit: unit.into(),
                rule: threshold.rule(),
                deadline,
                judged_on: None,
                series: None,
                source: None,
                tags: Vec::new(),
                every_period: None,
                applies_to: None,
            },
        }
    }

    /// Makes the target apply to the units of a level below `unit` (see
    /// [`AppliesTo`]); a pooled target needs a percent indicator.
    #[must_use]
    pub fn applies_to(mut self, applies_to: AppliesTo) -> Self {
        self.inner.applies_to = Some(applies_to);
        self
    }

    /// Sets the period whose figure decides the target.
    #[must_use]
    pub fn judged_on(mut self, period: Period) -> Self {
        self.inner.judged_on = Some(period);
        self
    }

    /// Names the series the target is judged on.
    #[must_use]
    pub fn series(mut self, series: impl Into<String>) -> Self {
        self.inner.series = Some(series.into());
        self
    }

    /// Sets the legal source.
    #[must_use]
    pub fn source(mut self, source: Source) -> Self {
        self.inner.source = Some(source);
        self
    }

    /// Adds a tag.
    #[must_use]
    pub fn tag(mut self, tag: impl Into<String>) -> Self {
        self.inner.tags.push(tag.into());
        self
    }

    /// Makes the rule hold in every period of the indicator's cadence from
    /// the one containing the start of `from` to the deadline.
    #[must_use]
    pub fn every_period(mut self, from: Period) -> Self {
        self.inner.every_period = Some(EveryPeriod::from_period(from));
        self
    }
}

/// Builds a [`Catalogue`] in code.
///
/// ```
/// use policy_targets::{Catalogue, IndicatorDef, Percent, Period, Source, TargetDef, Threshold};
/// let mut b = Catalogue::builder();
/// let share = b.indicator(IndicatorDef::<Percent>::new("online_share").name_en("Online share"))?;
/// b.target(
///     TargetDef::new("online_80_by_2025", &share, "VN", Threshold::at_least("80".parse()?), Period::year(2025)?)
///         .source(Source::new("Quyết định 749/QĐ-TTg").with_section("Mục II.1")),
/// )?;
/// let catalogue = b.build()?;
/// assert_eq!(catalogue.targets().len(), 1);
/// # Ok::<(), policy_targets::Error>(())
/// ```
#[derive(Debug, Default)]
pub struct CatalogueBuilder {
    indicators: Vec<Indicator>,
    targets: Vec<(Target, usize)>,
    index: HashMap<String, usize>,
}

impl CatalogueBuilder {
    /// Adds an indicator and returns its typed handle.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidValue`] for a malformed id or series,
    /// [`ErrorKind::DuplicateId`] for an id already used, and range errors
    /// for a score whose `min` exceeds its `max` or a rank ranked out of 0.
    pub fn indicator<M: Metric>(&mut self, def: IndicatorDef<M>) -> Result<IndicatorKey<M>, Error> {
        let ind = def.inner;
        let mut problems = Problems::default();
        check_indicator(&ind, Path::new(""), &mut problems);
        if self.index.contains_key(&ind.id) {
            problems.push(
                ErrorKind::DuplicateId,
                "",
                format!("indicator `{}` is defined twice", ind.id),
            );
        }
        problems.into_result()?;
        let key = IndicatorKey {
            id: ind.id.clone(),
            kind: PhantomData,
        };
        self.index.insert(ind.id.clone(), self.indicators.len());
        self.indicators.push(ind);
        Ok(key)
    }

    /// Adds a target.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidValue`] for a malformed id or unit,
    /// [`ErrorKind::DuplicateId`] for an id already used,
    /// [`ErrorKind::UnknownId`] for an indicator of another builder, and
    /// [`ErrorKind::OutOfRange`] for a threshold outside the indicator's range.
    pub fn target(&mut self, def: TargetDef) -> Result<&mut Self, Error> {
        let t = def.inner;
        let mut problems = Problems::default();
        check_target_names(&t, Path::new(""), &mut problems);
        if self.targets.iter().any(|(o, _)| o.id == t.id) {
            problems.push(
                ErrorKind::DuplicateId,
                "",
                format!("target `{}` is defined twice", t.id),
            );
        }
        let ix = self.index.get(&t.indicator).copied();
        match ix.and_then(|i| self.indicators.get(i)) {
            Some(ind) => {
                if let Err((kind, m)) = ind.check_rule(&t.rule) {
                    problems.push(kind, "rule", m);
                }
                if let Err(m) = crate::engine::every_period::check(&t, ind) {
                    problems.push(ErrorKind::InvalidValue, "every_period", m);
                }
                if let Some(m) = check_applies_to(t.applies_to, ind) {
                    problems.push(ErrorKind::KindMismatch, "applies_to.mode", m);
                }
            }
            None => problems.push(
                ErrorKind::UnknownId,
                "indicator",
                format!("no indicator `{}` in this builder", t.indicator),
            ),
        }
        problems.into_result()?;
        self.targets.push((t, ix.unwrap_or_default()));
        Ok(self)
    }

    /// The finished catalogue.
    ///
    /// # Errors
    /// None today; kept fallible so that later checks across the whole
    /// catalogue do not break callers.
    pub fn build(self) -> Result<Catalogue, Error> {
        Ok(Catalogue::from_parts(self.indicators, self.targets))
    }
}

fn check_indicator(ind: &Indicator, path: Path<'_>, problems: &mut Problems) {
    if let Err(m) = check_indicator_id(&ind.id) {
        problems.push(ErrorKind::InvalidValue, path.field("id"), m);
    }
    check_indicator_values(ind, path, problems);
}

/// The checks of [`check_indicator`] other than the id's.
fn check_indicator_values(ind: &Indicator, path: Path<'_>, problems: &mut Problems) {
    if let Some(s) = &ind.series
        && let Err(m) = check_name(s, "series")
    {
        problems.push(ErrorKind::InvalidValue, path.field("series"), m);
    }
    if let (Some(min), Some(max)) = (ind.min, ind.max)
        && min > max
    {
        problems.push(
            ErrorKind::OutOfRange,
            path.field("min"),
            format!("min {min} is above max {max}"),
        );
    }
    if ind.out_of == Some(0) {
        problems.push(
            ErrorKind::OutOfRange,
            path.field("out_of"),
            "a ranking ranks at least one",
        );
    }
}

/// Why `applies_to` does not fit the indicator, if it does not.
fn check_applies_to(applies_to: Option<AppliesTo>, ind: &Indicator) -> Option<String> {
    let a = applies_to?;
    (a.mode() == RollUpMode::Pooled && ind.kind != MetricKind::Percent).then(|| {
        format!(
            "`pooled` sums numerators and denominators, so it needs a percent indicator; `{}` is a {}: use `each`",
            ind.id, ind.kind
        )
    })
}

fn check_target_names(t: &Target, path: Path<'_>, problems: &mut Problems) {
    check_names(
        Some(&t.id),
        Some(&t.unit),
        t.series.as_deref(),
        path,
        problems,
    );
}

/// Checks a target's id, unit and series, whichever could be read.
fn check_names(
    id: Option<&str>,
    unit: Option<&str>,
    series: Option<&str>,
    path: Path<'_>,
    problems: &mut Problems,
) {
    for (field, value, what) in [
        ("id", id, "target id"),
        ("unit", unit, "unit"),
        ("series", series, "series"),
    ] {
        if let Some(v) = value
            && let Err(m) = check_name(v, what)
        {
            problems.push(ErrorKind::InvalidValue, path.field(field), m);
        }
    }
}

const CATALOGUE_FIELDS: [&str; 3] = ["format", "indicators", "targets"];
const INDICATOR_FIELDS: [&str; 12] = [
    "id",
    "kind",
    "name",
    "direction",
    "out_of",
    "min",
    "max",
    "cadence",
    "publication_lag_days",
    "discontinued",
    "series",
    "progress",
];
const TARGET_FIELDS: [&str; 11] = [
    "id",
    "indicator",
    "unit",
    "rule",
    "deadline",
    "judged_on",
    "series",
    "source",
    "tags",
    "every_period",
    "applies_to",
];

/// Reads a catalogue, reporting every problem. The catalogue returned holds
/// what was valid; it is whole only when no problem was reported. Indicators
/// that were present but faulty are still listed by id, so that observations
/// checked against the result are not reported as unknown.
pub(crate) fn parse(text: &str, problems: &mut Problems) -> Catalogue {
    let (cat, _) = parse_with_faulty(text, problems);
    cat
}

/// Indicators that were reported faulty: observations of them are skipped
/// without a second report. When the catalogue could not be read at all,
/// every indicator counts as faulty.
#[derive(Debug, Default)]
pub(crate) struct Faulty {
    /// Faulty indicators whose kind is unknown.
    ids: Vec<String>,
    /// Faulty indicators whose kind is known, to check targets and values against.
    defs: Vec<Indicator>,
    everything: bool,
}

impl Faulty {
    pub(crate) const fn none() -> Faulty {
        Faulty {
            ids: Vec::new(),
            defs: Vec::new(),
            everything: false,
        }
    }

    /// Whether `id` is faulty with an unknown kind (or the catalogue was unreadable).
    pub(crate) fn contains(&self, id: &str) -> bool {
        self.everything || self.ids.iter().any(|f| f == id)
    }

    /// The definition of a faulty indicator of known kind.
    pub(crate) fn definition(&self, id: &str) -> Option<&Indicator> {
        self.defs.iter().find(|d| d.id == id)
    }
}

/// As [`parse`], also returning the faulty indicators.
pub(crate) fn parse_with_faulty(text: &str, problems: &mut Problems) -> (Catalogue, Faulty) {
    let mut indicators = Vec::new();
    let mut faulty = Faulty::default();
    let mut targets = Vec::new();
    let Some(doc) = read_document(text, &CATALOGUE_FIELDS, CATALOGUE_FORMAT, problems) else {
        faulty.everything = true;
        return (Catalogue::from_parts(indicators, targets), faulty);
    };
    let mut index: HashMap<String, usize> = HashMap::new();
    // Every id met, valid or not, with where it was first defined, so that a
    // duplicate is reported even when one of its entries has other problems.
    let mut first_at: HashMap<String, usize> = HashMap::new();
    if let Some(raw) = doc.get("indicators") {
        let before = problems.count();
        let items = read_array(raw, "indicators", problems);
        faulty.everything = problems.count() > before;
        for (i, item) in items.into_iter().enumerate() {
            let path = Path::at("indicators", i);
            let before = problems.count();
            let Some((ind, kind_known)) = parse_indicator(item, path, problems) else {
                continue;
            };
            if let Some(first) = first_at.get(&ind.id) {
                problems.push(
                    ErrorKind::DuplicateId,
                    path.field("id"),
                    format!(
                        "indicator `{}` is defined twice (first at indicators[{first}])",
                        ind.id
                    ),
                );
                continue;
            }
            first_at.insert(ind.id.clone(), i);
            if problems.count() == before {
                index.insert(ind.id.clone(), indicators.len());
                indicators.push(ind);
            } else if kind_known {
                faulty.defs.push(ind);
            } else {
                faulty.ids.push(ind.id);
            }
        }
    }
    let mut target_ids: HashMap<String, usize> = HashMap::new();
    if let Some(raw) = doc.get("targets") {
        for (i, item) in read_array(raw, "targets", problems).into_iter().enumerate() {
            let path = Path::at("targets", i);
            let (parsed, id) = parse_target(item, path, &indicators, &index, &faulty, problems);
            let Some(id) = id else { continue };
            if let Some(first) = target_ids.get(&id) {
                problems.push(
                    ErrorKind::DuplicateId,
                    path.field("id"),
                    format!("target `{id}` is defined twice (first at targets[{first}])"),
                );
                continue;
            }
            target_ids.insert(id, i);
            if let Some(t) = parsed {
                targets.push(t);
            }
        }
    }
    (Catalogue::from_parts(indicators, targets), faulty)
}

/// Reads an indicator; the flag says whether its kind could be read (a
/// faulty indicator of known kind still checks its targets and observations).
fn parse_indicator(
    raw: &RawValue,
    path: Path<'_>,
    problems: &mut Problems,
) -> Option<(Indicator, bool)> {
    let f = read_object(raw, &INDICATOR_FIELDS, path, problems)?;
    let mut r = Reader { problems };
    let id = f.required_string(&mut r, path, "id");
    let kind = f.required_named::<MetricKind>(&mut r, path, "kind");
    // With an unknown kind the other fields are still read and checked (one
    // report lists every problem of the entry), but not against a kind.
    let kind_known = kind.is_some();
    let id_read = id.is_some();
    let kind = kind.unwrap_or(MetricKind::Percent);
    let mut ind = Indicator::bare(id.map(|s| s.into_owned()).unwrap_or_default(), kind);
    if let Some(v) = f.get("name")
        && let Some(n) = read_object(v, &["en", "vi"], Path::new(&path.field("name")), r.problems)
    {
        ind.names.en = n
            .get("en")
            .and_then(|v| r.string(v, || path.field("name.en")))
            .map(|s| s.into_owned());
        ind.names.vi = n
            .get("vi")
            .and_then(|v| r.string(v, || path.field("name.vi")))
            .map(|s| s.into_owned());
    }
    if let Some(v) = f.get("direction") {
        match r.string(v, || path.field("direction")).as_deref() {
            Some("higher_is_better") => ind.direction = Some(Direction::HigherIsBetter),
            Some("lower_is_better") => ind.direction = Some(Direction::LowerIsBetter),
            Some(other) => r.problems.push(
                ErrorKind::InvalidValue,
                path.field("direction"),
                format!("`{other}` is not a direction: use higher_is_better or lower_is_better"),
            ),
            None => {}
        }
        if kind_known
            && kind == MetricKind::Rank
            && ind.direction == Some(Direction::HigherIsBetter)
        {
            r.problems.push(
                ErrorKind::KindMismatch,
                path.field("direction"),
                "a rank is always lower_is_better",
            );
        }
    }
    let kind_only = |r: &mut Reader<'_>, field: &str, wanted: MetricKind| {
        if kind_known && kind != wanted {
            r.problems.push(
                ErrorKind::KindMismatch,
                path.field(field),
                format!("`{field}` is only for {wanted} indicators, and this one is a {kind}"),
            );
        }
    };
    if let Some(v) = f.get("out_of") {
        kind_only(&mut r, "out_of", MetricKind::Rank);
        ind.out_of = r
            .whole(v, || path.field("out_of"))
            .and_then(|n| match u32::try_from(n) {
                Ok(n) => Some(n),
                Err(_) => {
                    r.problems.push(
                        ErrorKind::OutOfRange,
                        path.field("out_of"),
                        format!("{n} is too large"),
                    );
                    None
                }
            });
    }
    for field in ["min", "max"] {
        if let Some(v) = f.get(field) {
            kind_only(&mut r, field, MetricKind::Score);
            let d = r.decimal(v, || path.field(field));
            if field == "min" {
                ind.min = d;
            } else {
                ind.max = d;
            }
        }
    }
    if let Some(v) = f.get("cadence")
        && let Some(s) = r.string(v, || path.field("cadence"))
    {
        match Cadence::parse(&s) {
            Ok(c) => ind.cadence = c,
            Err(m) => r
                .problems
                .push(ErrorKind::InvalidValue, path.field("cadence"), m),
        }
    }
    if let Some(v) = f.get("publication_lag_days")
        && let Some(n) = r.whole(v, || path.field("publication_lag_days"))
    {
        match u32::try_from(n) {
            Ok(n) if n <= 36_600 => ind.publication_lag_days = n,
            _ => r.problems.push(
                ErrorKind::OutOfRange,
                path.field("publication_lag_days"),
                format!("{n} days is more than a century"),
            ),
        }
    }
    if let Some(v) = f.get("discontinued") {
        let dpath = path.field("discontinued");
        if let Some(d) = read_object(v, &["on", "note"], Path::new(&dpath), r.problems) {
            let on = r
                .required(d.get("on"), || format!("{dpath}.on"))
                .and_then(|v| r.date(v, || format!("{dpath}.on")));
            let note = d
                .get("note")
                .and_then(|v| r.string(v, || format!("{dpath}.note")))
                .map(|s| s.into_owned());
            ind.discontinued = on.map(|on| Discontinued { on, note });
        }
    }
    ind.series = f
        .optional_string(&mut r, path, "series")
        .map(|s| s.into_owned());
    ind.progress = r.named::<Method>(f.get("progress"), &path.field("progress"));
    if id_read {
        check_indicator(&ind, path, r.problems);
        // Even with an unknown kind the id is kept, so that its targets are
        // not reported as unknown.
        Some((ind, kind_known))
    } else {
        check_indicator_values(&ind, path, r.problems);
        None
    }
}

fn parse_target(
    raw: &RawValue,
    path: Path<'_>,
    indicators: &[Indicator],
    index: &HashMap<String, usize>,
    faulty: &Faulty,
    problems: &mut Problems,
) -> (Option<(Target, usize)>, Option<String>) {
    let Some(f) = read_object(raw, &TARGET_FIELDS, path, problems) else {
        return (None, None);
    };
    let id = f
        .get("id")
        .and_then(|v| crate::presentation::format::json::str_from_raw(v).ok())
        .map(|s| s.into_owned());
    (
        parse_target_fields(&f, path, indicators, index, faulty, problems),
        id,
    )
}

fn parse_target_fields(
    f: &crate::presentation::format::json::Fields<'_, 11>,
    path: Path<'_>,
    indicators: &[Indicator],
    index: &HashMap<String, usize>,
    faulty: &Faulty,
    problems: &mut Problems,
) -> Option<(Target, usize)> {
    let before = problems.count();
    let mut r = Reader { problems };
    let id = f.required_string(&mut r, path, "id");
    let indicator_id = f.required_string(&mut r, path, "indicator");
    let unit = f.required_string(&mut r, path, "unit");
    let rule = r
        .required(f.get("rule"), || path.field("rule"))
        .and_then(|v| parse_rule(v, &path.field("rule"), r.problems));
    let deadline = f.required_period(&mut r, path, "deadline");
    let judged_on = f.optional_period(&mut r, path, "judged_on");
    let series = f
        .optional_string(&mut r, path, "series")
        .map(|s| s.into_owned());
    let source = f
        .get("source")
        .and_then(|v| parse_source(v, &path.field("source"), r.problems));
    let applies_to = f
        .get("applies_to")
        .and_then(|v| parse_applies_to(v, &path.field("applies_to"), r.problems));
    let mut tags = Vec::new();
    if let Some(v) = f.get("tags") {
        let tpath = path.field("tags");
        for (i, t) in read_array(v, &tpath, r.problems).into_iter().enumerate() {
            if let Some(s) = r.string(t, || format!("{tpath}[{i}]")) {
                tags.push(s.into_owned());
            }
        }
    }
    let every_period = f.get("every_period").and_then(|v| {
        let epath = path.field("every_period");
        let e = read_object(v, &["from"], Path::new(&epath), r.problems)?;
        r.required(e.get("from"), || format!("{epath}.from"))
            .and_then(|v| r.period(v, || format!("{epath}.from")))
            .map(EveryPeriod::from_period)
    });
    // Names are checked whatever else is wrong, so that one report lists
    // every problem of the entry.
    check_names(
        id.as_deref(),
        unit.as_deref(),
        series.as_deref(),
        path,
        r.problems,
    );
    let indicator_id = indicator_id?;
    let ix = index.get(indicator_id.as_ref()).copied();
    let indicator = ix
        .and_then(|i| indicators.get(i))
        .or_else(|| faulty.definition(&indicator_id));
    if indicator.is_none() && !faulty.contains(&indicator_id) {
        r.problems.push(
            ErrorKind::UnknownId,
            path.field("indicator"),
            format!("no indicator `{indicator_id}` in the catalogue"),
        );
    }
    if let (Some(ind), Some(rule)) = (indicator, rule.as_ref())
        && let Err((kind, m)) = ind.check_rule(rule)
    {
        r.problems.push(kind, path.field("rule"), m);
    }
    if let Some(ind) = indicator
        && let Some(m) = check_applies_to(applies_to, ind)
    {
        r.problems
            .push(ErrorKind::KindMismatch, path.field("applies_to.mode"), m);
    }
    let t = Target {
        id: id?.into_owned(),
        indicator: indicator_id.into_owned(),
        unit: unit?.into_owned(),
        rule: rule?,
        deadline: deadline?,
        judged_on,
        series,
        source,
        tags,
        every_period,
        applies_to,
    };
    if let Some(ind) = indicator
        && let Err(m) = crate::engine::every_period::check(&t, ind)
    {
        r.problems
            .push(ErrorKind::InvalidValue, path.field("every_period"), m);
    }
    let ix = ix?;
    (r.problems.count() == before).then_some((t, ix))
}

fn parse_rule(raw: &RawValue, path: &str, problems: &mut Problems) -> Option<Rule> {
    const RULES: [&str; 5] = [
        "at_least",
        "at_most",
        "more_than",
        "less_than",
        "within_top",
    ];
    let f = read_object(raw, &RULES, Path::new(path), problems)?;
    let present: Vec<&str> = RULES
        .iter()
        .copied()
        .filter(|n| f.get(n).is_some())
        .collect();
    let [name] = present.as_slice() else {
        problems.push(
            ErrorKind::InvalidValue,
            path,
            "a rule has exactly one of at_least, at_most, more_than, less_than, within_top",
        );
        return None;
    };
    let value = f.get(name)?;
    let field = format!("{path}.{name}");
    let mut r = Reader { problems };
    if *name == "within_top" {
        let n = r.whole(value, || field.clone())?;
        return match u32::try_from(n) {
            Ok(n) if n >= 1 => Some(Rule::WithinTop(n)),
            _ => {
                r.problems.push(
                    ErrorKind::OutOfRange,
                    field,
                    format!("within_top {n} is not a rank from 1 to 4294967295"),
                );
                None
            }
        };
    }
    let t = r.decimal(value, || field.clone())?;
    Some(match *name {
        "at_least" => Rule::AtLeast(t),
        "at_most" => Rule::AtMost(t),
        "more_than" => Rule::MoreThan(t),
        _ => Rule::LessThan(t),
    })
}

fn parse_source(raw: &RawValue, path: &str, problems: &mut Problems) -> Option<Source> {
    let f = read_object(
        raw,
        &["instrument", "issued", "section", "text_vi", "text_en"],
        Path::new(path),
        problems,
    )?;
    let mut r = Reader { problems };
    let text = |name: &str, r: &mut Reader<'_>| {
        f.get(name)
            .and_then(|v| r.string(v, || format!("{path}.{name}")))
            .map(|s| s.into_owned())
    };
    Some(Source {
        instrument: text("instrument", &mut r),
        section: text("section", &mut r),
        text_vi: text("text_vi", &mut r),
        text_en: text("text_en", &mut r),
        issued: f
            .get("issued")
            .and_then(|v| r.date(v, || format!("{path}.issued"))),
    })
}
