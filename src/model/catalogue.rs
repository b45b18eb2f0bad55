//! The catalogue: a validated set of indicators and targets, indexed for evaluation.

use crate::foundations::hash::HashMap;
use std::fmt;
use std::marker::PhantomData;

use crate::foundations::error::{Error, ErrorKind};
use crate::foundations::metric::Metric;
use crate::foundations::text::{Preview, quoted};
use crate::model::indicator::Indicator;
use crate::model::target::Target;

/// A validated set of indicators and targets.
///
/// Ids are unique, every target's indicator exists, and every rule fits its
/// indicator's kind and range. Load one from JSON with
/// [`Catalogue::from_json`], or build one in code with [`Catalogue::builder`].
///
/// Its `Debug` is short: how many indicators, targets and units, and the
/// first few ids of each, not its internal tables.
#[derive(Clone)]
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

impl fmt::Debug for Catalogue {
    /// `Catalogue { indicators: 42 ["a", "b", "c", …], targets: …, units: … }`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let indicators = self.indicators.iter().map(|i| i.id.as_str());
        let targets = self.by_id.iter().filter_map(|&i| self.targets.get(i));
        f.debug_struct("Catalogue")
            .field(
                "indicators",
                &Preview::new(self.indicators.len(), indicators),
            )
            .field(
                "targets",
                &Preview::new(self.targets.len(), targets.map(|t| t.id.as_str())),
            )
            .field(
                "units",
                &Preview::new(self.units.len(), self.units.iter().map(String::as_str)),
            )
            .finish()
    }
}

impl PartialEq for Catalogue {
    /// Two catalogues are equal when they hold the same indicators and targets in the same order.
    fn eq(&self, other: &Self) -> bool {
        self.indicators == other.indicators && self.targets == other.targets
    }
}

impl Eq for Catalogue {}

impl Catalogue {
    /// A catalogue of indicators and targets already checked, with the
    /// index of each target's indicator (two vectors, not one of pairs: a
    /// million targets are not moved again).
    pub(crate) fn from_parts(
        indicators: Vec<Indicator>,
        targets: Vec<Target>,
        target_indicator: Vec<usize>,
    ) -> Catalogue {
        let indicator_index = indicators
            .iter()
            .enumerate()
            .map(|(i, ind)| (ind.id.clone(), i))
            .collect();
        let mut by_id: Vec<usize> = (0..targets.len()).collect();
        by_id.sort_by(|a, b| {
            let id = |i: &usize| targets.get(*i).map(|t| t.id.as_str());
            id(a).cmp(&id(b))
        });
        let mut units: Vec<String> = Vec::new();
        let mut unit_index: HashMap<&str, usize> = HashMap::default();
        let mut target_unit = Vec::with_capacity(targets.len());
        for t in &targets {
            let next = unit_index.len();
            let ix = *unit_index.entry(t.unit()).or_insert(next);
            if ix == next {
                units.push(t.unit().to_owned());
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
                format!("no indicator {} in the catalogue", quoted(id)),
            )
        })?;
        if ind.kind != M::KIND {
            return Err(Error::single(
                ErrorKind::KindMismatch,
                "",
                format!(
                    "indicator {} is a {}, not a {}",
                    quoted(id),
                    ind.kind,
                    M::KIND
                ),
            ));
        }
        Ok(IndicatorKey::new(ind.id.clone()))
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
}

/// A typed handle on an indicator of kind `M`, from
/// [`CatalogueBuilder::indicator`](crate::CatalogueBuilder::indicator) or [`Catalogue::indicator_key`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IndicatorKey<M> {
    id: String,
    kind: PhantomData<M>,
}

impl<M> IndicatorKey<M> {
    pub(crate) fn new(id: String) -> Self {
        IndicatorKey {
            id,
            kind: PhantomData,
        }
    }

    /// The indicator's id.
    #[must_use]
    pub fn id(&self) -> &str {
        &self.id
    }
}
