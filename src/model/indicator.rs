//! Indicators: what is measured, of which kind, how often it is published.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use time::Date;

use crate::foundations::error::{Error, ErrorKind};
use crate::foundations::metric::{Count, Direction, MetricKind, Rule, whole_value};
use crate::foundations::period::PeriodKind;
use crate::foundations::text::quoted;
use crate::model::method::Method;
use crate::model::names::Names;

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

    /// The cadence named `s` in the formats; the problem in words when there is none.
    pub(crate) fn parse(s: &str) -> Result<Cadence, String> {
        Ok(match s {
            "annual" => Cadence::Annual,
            "biennial" => Cadence::Biennial,
            "quarterly" => Cadence::Quarterly,
            "monthly" => Cadence::Monthly,
            "irregular" => Cadence::Irregular,
            _ => {
                return Err(format!(
                    "{} is not a cadence: use annual, biennial, quarterly, monthly or irregular",
                    quoted(s)
                ));
            }
        })
    }
}

impl Cadence {
    /// Every cadence, in the order of their declaration.
    pub const ALL: [Cadence; 5] = [
        Cadence::Annual,
        Cadence::Biennial,
        Cadence::Quarterly,
        Cadence::Monthly,
        Cadence::Irregular,
    ];
}

impl fmt::Display for Cadence {
    /// The cadence's name ([`Cadence::as_str`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Cadence {
    type Err = Error;

    /// `annual`, `biennial`, `quarterly`, `monthly` or `irregular`.
    fn from_str(s: &str) -> Result<Cadence, Error> {
        Cadence::parse(s).map_err(|m| Error::single(ErrorKind::InvalidValue, "", m))
    }
}

/// When and why an indicator stopped being published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discontinued {
    pub(crate) on: Date,
    pub(crate) note: Option<String>,
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
    pub(crate) id: String,
    pub(crate) kind: MetricKind,
    pub(crate) names: Names,
    pub(crate) direction: Option<Direction>,
    pub(crate) out_of: Option<u32>,
    pub(crate) min: Option<Decimal>,
    pub(crate) max: Option<Decimal>,
    pub(crate) cadence: Cadence,
    pub(crate) publication_lag_days: u32,
    /// The oldest a closing figure may be, as set in the catalogue.
    pub(crate) max_age_days: Option<u32>,
    pub(crate) discontinued: Option<Discontinued>,
    pub(crate) series: Option<String>,
    /// The progress method its targets are assessed with.
    pub(crate) progress: Option<Method>,
}

/// One end of an interval of values: the number, and whether it belongs to
/// the interval; `None` where the interval is unbounded.
pub(crate) type End = Option<(Decimal, bool)>;

/// The publication lag assumed when an indicator sets none, in days.
pub const DEFAULT_PUBLICATION_LAG_DAYS: u32 = 365;

/// The oldest a closing figure of a biennial indicator may be when it sets
/// no `max_age_days`: 731 days (two years) before the deadline's last day.
pub const DEFAULT_MAX_AGE_DAYS_BIENNIAL: u32 = 731;

/// The oldest a closing figure of an irregular indicator may be when it sets
/// no `max_age_days`: 1096 days (three years) before the deadline's last day.
pub const DEFAULT_MAX_AGE_DAYS_IRREGULAR: u32 = 1096;

/// The most days `publication_lag_days` and `max_age_days` may be: a century.
pub(crate) const MAX_DAYS: u32 = 36_600;

impl Indicator {
    /// An indicator with only an id and a kind; every other field at its default.
    pub(crate) fn bare(id: String, kind: MetricKind) -> Self {
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
            max_age_days: None,
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

    /// For a biennial or irregular indicator, how old a figure may be and
    /// still close a target: its period must end at most this many days
    /// before the deadline's last day (SPEC 3.4). The catalogue's
    /// `max_age_days`, else [`DEFAULT_MAX_AGE_DAYS_BIENNIAL`] or
    /// [`DEFAULT_MAX_AGE_DAYS_IRREGULAR`]; `None` for other cadences, whose
    /// closing figure is the one for the period containing the deadline.
    #[must_use]
    pub fn max_age_days(&self) -> Option<u32> {
        match self.cadence {
            Cadence::Biennial => Some(self.max_age_days.unwrap_or(DEFAULT_MAX_AGE_DAYS_BIENNIAL)),
            Cadence::Irregular => Some(self.max_age_days.unwrap_or(DEFAULT_MAX_AGE_DAYS_IRREGULAR)),
            _ => None,
        }
    }

    /// The `max_age_days` the catalogue set explicitly, if any.
    pub(crate) fn explicit_max_age_days(&self) -> Option<u32> {
        self.max_age_days
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
                if n > Count::MAX {
                    return Err(format!("{n} is above 2^63-1 for a count"));
                }
            }
        }
        Ok(())
    }

    /// Checks a rule against the kind and its range.
    pub(crate) fn check_rule(&self, rule: &Rule) -> Result<(), (ErrorKind, String)> {
        if !rule.fits(self.kind) {
            let msg = if self.kind == MetricKind::Rank {
                format!(
                    "`{}` does not fit a rank indicator: use `within_top`",
                    rule.name()
                )
            } else {
                format!(
                    "`{}` is only for rank indicators; {} is a {}: use at_least, at_most, more_than or less_than",
                    rule.name(),
                    quoted(&self.id),
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

    /// The kind's valid range, as [`Indicator::check_value`] checks it: its
    /// lowest and highest values (`None`: unbounded), each included.
    pub(crate) fn valid_range(&self) -> (End, End) {
        let closed = |d: Decimal| Some((d, true));
        match self.kind {
            MetricKind::Percent => (closed(Decimal::ZERO), closed(Decimal::ONE_HUNDRED)),
            MetricKind::Rank => (
                closed(Decimal::ONE),
                closed(Decimal::from(self.out_of.unwrap_or(u32::MAX))),
            ),
            MetricKind::Score => (self.min.and_then(closed), self.max.and_then(closed)),
            MetricKind::Count => (closed(Decimal::ZERO), closed(Decimal::from(Count::MAX))),
            MetricKind::GrowthRate => (None, None),
        }
    }

    /// Holds a projected value within the kind's valid range for display (a
    /// trend can run past 100% or above rank 1). Clamping never changes whether
    /// the projection meets a rule, since every threshold lies within that range.
    pub(crate) fn clamp(&self, v: Decimal) -> Decimal {
        let (lo, hi) = self.valid_range();
        let v = lo.map_or(v, |(lo, _)| v.max(lo));
        hi.map_or(v, |(hi, _)| v.min(hi))
    }
}
