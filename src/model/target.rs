//! Targets: a rule on an indicator for one unit, with a deadline and a legal
//! source, and its optional parts (every period, applies to a level).

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use crate::foundations::error::{Error, ErrorKind};
use crate::foundations::metric::Rule;
use crate::foundations::period::Period;
use crate::foundations::text::quoted;
use crate::model::names::Names;
use crate::model::source::Source;
use crate::model::unit::UnitLevel;

/// A rule on an indicator, for one unit, with a deadline and a legal source.
// `repr(C)` keeps the fields in this order: what the engine reads for every
// target comes first and shares a cache line or two; the texts it never
// reads while deciding come after.
#[derive(Debug, Clone, PartialEq, Eq)]
#[repr(C)]
pub struct Target {
    pub(crate) rule: Rule,
    pub(crate) deadline: Period,
    pub(crate) judged_on: Option<Period>,
    /// The every-period modifier.
    pub(crate) every_period: Option<EveryPeriod>,
    pub(crate) applies_to: Option<AppliesTo>,
    pub(crate) id: String,
    /// Shared with every other target of the catalogue on the same
    /// indicator (a catalogue may hold a million targets on one), as is
    /// the unit.
    pub(crate) indicator: Arc<str>,
    pub(crate) unit: Arc<str>,
    /// What few targets have, boxed (most of a target's size otherwise,
    /// and a catalogue may hold a million targets): `None` when the target
    /// has none of it, never an empty box, so that equal targets are `==`.
    pub(crate) more: Option<Box<More>>,
}

/// The parts of a [`Target`] that few targets have.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct More {
    pub(crate) series: Option<String>,
    pub(crate) source: Option<Source>,
    pub(crate) tags: Vec<String>,
    /// Why the target has no verdict, in Vietnamese and English.
    pub(crate) no_data_reason: Names,
}

impl More {
    /// The box of a target with these parts: `None` when it has none.
    pub(crate) fn boxed(self) -> Option<Box<More>> {
        let none = self.series.is_none()
            && self.source.is_none()
            && self.tags.is_empty()
            && self.no_data_reason.en().is_none()
            && self.no_data_reason.vi().is_none();
        (!none).then(|| Box::new(self))
    }
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
        self.more.as_ref()?.series.as_deref()
    }

    /// The legal source.
    #[must_use]
    pub fn source(&self) -> Option<&Source> {
        self.more.as_ref()?.source.as_ref()
    }

    /// Free tags, such as the pillar.
    #[must_use]
    pub fn tags(&self) -> &[String] {
        self.more.as_ref().map_or(&[], |m| &m.tags)
    }

    /// Why the target has no verdict, in Vietnamese and English, when the
    /// catalogue says (`no_data_reason`): what was looked for and why no
    /// published figure measures the target. It is shown beside a result
    /// without a verdict and never changes a status. `None` when neither
    /// language is given.
    #[must_use]
    pub fn no_data_reason(&self) -> Option<&Names> {
        let n = &self.more.as_ref()?.no_data_reason;
        (n.en().is_some() || n.vi().is_some()).then_some(n)
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

/// The every-period modifier of a target: its rule must hold in every period
/// from `from` to the deadline.
///
/// ```
/// use policy_targets::Catalogue;
/// let catalogue = Catalogue::from_json(r#"{"format": "policy-targets/catalogue@1",
///   "indicators": [{"id": "productivity_growth", "kind": "growth_rate"}],
///   "targets": [{"id": "every_year_7", "indicator": "productivity_growth", "unit": "VN",
///                "rule": {"at_least": "7"}, "deadline": "2025",
///                "every_period": {"from": "2021"}}]}"#)?;
/// let every = catalogue.target("every_year_7").unwrap().every_period().unwrap();
/// assert_eq!(every.from().to_string(), "2021");
/// # Ok::<(), policy_targets::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EveryPeriod {
    from: Period,
}

impl EveryPeriod {
    /// The modifier starting with the period that contains the start of `from`.
    #[must_use]
    pub fn new(from: Period) -> Self {
        EveryPeriod { from }
    }

    /// The start period, as written.
    #[must_use]
    pub fn from(&self) -> Period {
        self.from
    }
}

/// How a target at a level is judged: on the pooled share of the whole
/// level, or unit by unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RollUpMode {
    /// The share of all dossiers at the level: summed numerators over summed
    /// denominators, never the mean of the units' percentages. Percent
    /// indicators only.
    Pooled,
    /// Every unit at the level must meet the rule.
    Each,
}

impl RollUpMode {
    /// The mode's name in the JSON formats (`pooled`, `each`).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            RollUpMode::Pooled => "pooled",
            RollUpMode::Each => "each",
        }
    }
}

impl FromStr for RollUpMode {
    type Err = Error;

    fn from_str(s: &str) -> Result<RollUpMode, Error> {
        [RollUpMode::Pooled, RollUpMode::Each]
            .into_iter()
            .find(|m| m.as_str() == s)
            .ok_or_else(|| {
                Error::single(
                    ErrorKind::InvalidValue,
                    "",
                    format!("{} is not a mode: use pooled or each", quoted(s)),
                )
            })
    }
}

impl fmt::Display for RollUpMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a target applies to when it is about a level of units below its
/// own unit (its scope): `"applies_to": {"level": "commune", "mode": "pooled"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AppliesTo {
    level: UnitLevel,
    mode: RollUpMode,
}

impl AppliesTo {
    /// The units of `level` below the target's unit, judged in `mode`.
    #[must_use]
    pub fn new(level: UnitLevel, mode: RollUpMode) -> Self {
        AppliesTo { level, mode }
    }

    /// The level.
    #[must_use]
    pub fn level(&self) -> UnitLevel {
        self.level
    }

    /// The mode.
    #[must_use]
    pub fn mode(&self) -> RollUpMode {
        self.mode
    }
}
