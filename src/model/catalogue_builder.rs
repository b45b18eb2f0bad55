//! Catalogues built in code: typed indicator and target definitions, with
//! kinds checked at compile time and every other check of the readers.

use crate::foundations::hash::{HashMap, HashSet};
use std::marker::PhantomData;

use rust_decimal::Decimal;

use crate::foundations::error::{Error, ErrorKind, Path, Problems};
use crate::foundations::metric::{Direction, Level, Metric, Rank, Score, Threshold};
use crate::foundations::period::Period;
use crate::foundations::text::quoted;
use crate::model::catalogue::{Catalogue, IndicatorKey};
use crate::model::indicator::{Cadence, Discontinued, Indicator};
use crate::model::method::Method;
use crate::model::source::Source;
use crate::model::target::{AppliesTo, EveryPeriod, More, Target};
use crate::model::validation::{
    check_applies_to, check_every_period, check_indicator, check_source, check_target_names,
};

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
    pub fn with_progress(mut self, method: Method) -> Self {
        self.inner.progress = Some(method);
        self
    }

    /// Sets the English name.
    #[must_use]
    pub fn with_name_en(mut self, name: impl Into<String>) -> Self {
        self.inner.names.en = Some(name.into());
        self
    }

    /// Sets the Vietnamese name.
    #[must_use]
    pub fn with_name_vi(mut self, name: impl Into<String>) -> Self {
        self.inner.names.vi = Some(name.into());
        self
    }

    /// Sets the cadence.
    #[must_use]
    pub fn with_cadence(mut self, cadence: Cadence) -> Self {
        self.inner.cadence = cadence;
        self
    }

    /// Sets the usual publication lag, in days after the end of a period.
    #[must_use]
    pub fn with_publication_lag_days(mut self, days: u32) -> Self {
        self.inner.publication_lag_days = days;
        self
    }

    /// Sets how old a closing figure of a biennial or irregular indicator
    /// may be, in days before the deadline's last day (see
    /// [`Indicator::max_age_days`]); on another cadence it is an error when
    /// the indicator is added.
    #[must_use]
    pub fn with_max_age_days(mut self, days: u32) -> Self {
        self.inner.max_age_days = Some(days);
        self
    }

    /// Marks the indicator discontinued.
    #[must_use]
    pub fn with_discontinued(mut self, discontinued: Discontinued) -> Self {
        self.inner.discontinued = Some(discontinued);
        self
    }

    /// Names the series its targets are judged on.
    #[must_use]
    pub fn with_series(mut self, series: impl Into<String>) -> Self {
        self.inner.series = Some(series.into());
        self
    }
}

impl<M: Level> IndicatorDef<M> {
    /// Overrides the kind's default direction (not possible for ranks).
    #[must_use]
    pub fn with_direction(mut self, direction: Direction) -> Self {
        self.inner.direction = Some(direction);
        self
    }
}

impl IndicatorDef<Rank> {
    /// Sets how many are ranked.
    #[must_use]
    pub fn with_out_of(mut self, n: u32) -> Self {
        self.inner.out_of = Some(n);
        self
    }
}

impl IndicatorDef<Score> {
    /// Sets the score's range.
    #[must_use]
    pub fn with_range(mut self, min: Decimal, max: Decimal) -> Self {
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
                indicator: indicator.id().into(),
                unit: unit.into().into(),
                rule: threshold.rule(),
                deadline,
                judged_on: None,
                more: None,
                every_period: None,
                applies_to: None,
            },
        }
    }

    /// The parts few targets have, made when the first is set (each sets
    /// something, so the box is never empty).
    fn more(&mut self) -> &mut More {
        self.inner.more.get_or_insert_default()
    }

    /// Makes the target apply to the units of a level below `unit` (see
    /// [`AppliesTo`]); a pooled target needs a percent indicator.
    #[must_use]
    pub fn with_applies_to(mut self, applies_to: AppliesTo) -> Self {
        self.inner.applies_to = Some(applies_to);
        self
    }

    /// Sets the period whose figure decides the target.
    #[must_use]
    pub fn with_judged_on(mut self, period: Period) -> Self {
        self.inner.judged_on = Some(period);
        self
    }

    /// Names the series the target is judged on.
    #[must_use]
    pub fn with_series(mut self, series: impl Into<String>) -> Self {
        self.more().series = Some(series.into());
        self
    }

    /// Sets the legal source.
    #[must_use]
    pub fn with_source(mut self, source: Source) -> Self {
        self.more().source = Some(source);
        self
    }

    /// Adds a tag.
    #[must_use]
    pub fn with_tag(mut self, tag: impl Into<String>) -> Self {
        self.more().tags.push(tag.into());
        self
    }

    /// Sets why the target has no verdict, in Vietnamese (see
    /// [`Target::no_data_reason`]).
    #[must_use]
    pub fn with_no_data_reason_vi(mut self, reason: impl Into<String>) -> Self {
        self.more().no_data_reason.vi = Some(reason.into());
        self
    }

    /// Sets why the target has no verdict, in English (see
    /// [`Target::no_data_reason`]).
    #[must_use]
    pub fn with_no_data_reason_en(mut self, reason: impl Into<String>) -> Self {
        self.more().no_data_reason.en = Some(reason.into());
        self
    }

    /// Makes the rule hold in every period of the indicator's cadence from
    /// the one containing the start of `from` to the deadline.
    #[must_use]
    pub fn with_every_period(mut self, from: Period) -> Self {
        self.inner.every_period = Some(EveryPeriod::new(from));
        self
    }
}

impl Catalogue {
    /// Starts a catalogue built in code, with kinds checked at compile time.
    #[must_use]
    pub fn builder() -> CatalogueBuilder {
        CatalogueBuilder::default()
    }
}

/// Builds a [`Catalogue`] in code.
///
/// ```
/// use policy_targets::{Catalogue, IndicatorDef, Percent, Period, Source, TargetDef, Threshold};
/// let mut b = Catalogue::builder();
/// let share = b.indicator(IndicatorDef::<Percent>::new("online_share").with_name_en("Online share"))?;
/// b.target(
///     TargetDef::new("online_80_by_2025", &share, "VN", Threshold::at_least("80".parse()?), Period::year(2025)?)
///         .with_source(Source::new("Quyết định 749/QĐ-TTg").with_section("Mục II.1")),
/// )?;
/// let catalogue = b.build()?;
/// assert_eq!(catalogue.targets().len(), 1);
/// # Ok::<(), policy_targets::Error>(())
/// ```
#[derive(Debug, Default)]
pub struct CatalogueBuilder {
    indicators: Vec<Indicator>,
    targets: Vec<Target>,
    /// The index of each target's indicator.
    target_indicator: Vec<usize>,
    index: HashMap<String, usize>,
    target_ids: HashSet<String>,
}

impl CatalogueBuilder {
    /// Adds an indicator and returns its typed handle.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidValue`] for a malformed id or series, or
    /// `max_age_days` on an indicator that is neither biennial nor irregular;
    /// [`ErrorKind::DuplicateId`] for an id already used; and
    /// [`ErrorKind::OutOfRange`] for a score whose `min` exceeds its `max`, a
    /// rank ranked out of 0, a `publication_lag_days` or `max_age_days` of
    /// more than a century, or a `discontinued` date before year 1: exactly
    /// the checks of [`Catalogue::from_json`], so that what is built here is
    /// written by [`Catalogue::to_json`] and read back the same.
    pub fn indicator<M: Metric>(&mut self, def: IndicatorDef<M>) -> Result<IndicatorKey<M>, Error> {
        let ind = def.inner;
        let mut problems = Problems::default();
        check_indicator(&ind, Path::new(""), &mut problems);
        if self.index.contains_key(&ind.id) {
            problems.push(
                ErrorKind::DuplicateId,
                "",
                format!("indicator {} is defined twice", quoted(&ind.id)),
            );
        }
        problems.into_result()?;
        let key = IndicatorKey::new(ind.id.clone());
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
    /// [`ErrorKind::OutOfRange`] for a threshold outside the indicator's
    /// range or a source issued before year 1.
    pub fn target(&mut self, def: TargetDef) -> Result<&mut Self, Error> {
        let t = def.inner;
        let mut problems = Problems::default();
        check_target_names(&t, Path::new(""), &mut problems);
        check_source(t.source(), Path::new(""), &mut problems);
        if self.target_ids.contains(&t.id) {
            problems.push(
                ErrorKind::DuplicateId,
                "",
                format!("target {} is defined twice", quoted(&t.id)),
            );
        }
        let ix = self.index.get(t.indicator()).copied();
        match ix.and_then(|i| self.indicators.get(i)) {
            Some(ind) => {
                if let Err((kind, m)) = ind.check_rule(&t.rule) {
                    problems.push(kind, "rule", m);
                }
                if let Err(m) = check_every_period(&t, ind) {
                    problems.push(ErrorKind::InvalidValue, "every_period", m);
                }
                if let Some(m) = check_applies_to(t.applies_to, ind) {
                    problems.push(ErrorKind::KindMismatch, "applies_to.mode", m);
                }
            }
            None => problems.push(
                ErrorKind::UnknownId,
                "indicator",
                format!("no indicator {} in this builder", quoted(&t.indicator)),
            ),
        }
        problems.into_result()?;
        self.target_ids.insert(t.id.clone());
        self.targets.push(t);
        self.target_indicator.push(ix.unwrap_or_default());
        Ok(self)
    }

    /// The finished catalogue.
    ///
    /// # Errors
    /// None today; kept fallible so that later checks across the whole
    /// catalogue do not break callers.
    pub fn build(self) -> Result<Catalogue, Error> {
        Ok(Catalogue::from_parts(
            self.indicators,
            self.targets,
            self.target_indicator,
        ))
    }
}
