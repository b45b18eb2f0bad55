//! Kinds of indicator and the typed values of each kind.

use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

use rust_decimal::Decimal;

use crate::foundations::error::{Error, ErrorKind};
use crate::foundations::text::{parse_decimal, quoted, whole_from_decimal};

/// The kind of an indicator: what its values are and which way is better.
///
/// | kind | value | better | valid range |
/// | --- | --- | --- | --- |
/// | `percent` | decimal | higher | 0 ..= 100 |
/// | `rank` | whole number | lower | 1 ..= `out_of` (when given) |
/// | `score` | decimal | higher | `min` ..= `max` (when given) |
/// | `growth_rate` | decimal, percent per year | higher | any |
/// | `count` | whole number | higher | 0 ..= 2^63-1 |
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum MetricKind {
    /// A share in percent, 0 to 100.
    Percent,
    /// A position in a ranking, 1 is best.
    Rank,
    /// An index score, optionally bounded.
    Score,
    /// A growth rate in percent per year; may be negative.
    GrowthRate,
    /// A count of things.
    Count,
}

impl MetricKind {
    /// The kind's name in the JSON formats (`percent`, `growth_rate`, ...).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            MetricKind::Percent => "percent",
            MetricKind::Rank => "rank",
            MetricKind::Score => "score",
            MetricKind::GrowthRate => "growth_rate",
            MetricKind::Count => "count",
        }
    }

    /// The direction in which values of this kind are better, by default.
    #[must_use]
    pub fn default_direction(self) -> Direction {
        match self {
            MetricKind::Rank => Direction::LowerIsBetter,
            _ => Direction::HigherIsBetter,
        }
    }

    /// Whether values of this kind are whole numbers.
    #[must_use]
    pub fn is_whole(self) -> bool {
        matches!(self, MetricKind::Rank | MetricKind::Count)
    }
}

impl fmt::Display for MetricKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for MetricKind {
    type Err = Error;

    fn from_str(s: &str) -> Result<MetricKind, Error> {
        Ok(match s {
            "percent" => MetricKind::Percent,
            "rank" => MetricKind::Rank,
            "score" => MetricKind::Score,
            "growth_rate" => MetricKind::GrowthRate,
            "count" => MetricKind::Count,
            _ => {
                return Err(Error::single(
                    ErrorKind::InvalidValue,
                    "",
                    format!(
                        "{} is not a kind: use percent, rank, score, growth_rate or count",
                        quoted(s)
                    ),
                ));
            }
        })
    }
}

/// Which way an indicator's values are better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Direction {
    /// More is better (the default for every kind but `rank`).
    HigherIsBetter,
    /// Less is better (always so for `rank`).
    LowerIsBetter,
}

impl Direction {
    /// The direction's name in the JSON formats.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::HigherIsBetter => "higher_is_better",
            Direction::LowerIsBetter => "lower_is_better",
        }
    }
}

impl fmt::Display for Direction {
    /// The direction's name ([`Direction::as_str`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Direction {
    type Err = Error;

    /// `higher_is_better` or `lower_is_better`.
    fn from_str(s: &str) -> Result<Direction, Error> {
        match s {
            "higher_is_better" => Ok(Direction::HigherIsBetter),
            "lower_is_better" => Ok(Direction::LowerIsBetter),
            _ => Err(Error::single(
                ErrorKind::InvalidValue,
                "",
                format!(
                    "{} is not a direction: use higher_is_better or lower_is_better",
                    quoted(s)
                ),
            )),
        }
    }
}

mod sealed {
    pub trait Sealed {}
}

/// A typed value of one [`MetricKind`].
///
/// Each kind is its own type, so the compiler refuses to compare a rank with
/// a percentage or to put a rank rule on a share:
///
/// ```compile_fail,E0308
/// use policy_targets::{Percent, Rank};
/// let _ = Rank::new(3)? < Percent::new("50".parse()?)?; // a rank is not a percentage
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// This trait is sealed: the kinds are those of the specification.
pub trait Metric:
    sealed::Sealed + Copy + fmt::Debug + fmt::Display + PartialEq + PartialOrd + Send + Sync + 'static
{
    /// The kind this type represents.
    const KIND: MetricKind;

    /// The value as an exact decimal.
    fn to_decimal(self) -> Decimal;
}

/// A metric whose rules are thresholds (`at_least`, `at_most`, `more_than`,
/// `less_than`): every kind but [`Rank`]. Sealed.
///
/// A rank has no threshold rules: the compiler says to use
/// [`Threshold::within_top`] instead.
///
/// ```compile_fail,E0277
/// use policy_targets::{Rank, Threshold};
/// // error[E0277]: `Rank` has no threshold rules: a rank is judged with `Threshold::within_top`
/// let _ = Threshold::at_least(Rank::new(70)?);
/// # Ok::<(), policy_targets::Error>(())
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no threshold rules: a rank is judged with `Threshold::within_top`",
    label = "`at_least`, `at_most`, `more_than` and `less_than` take a `Percent`, `Score`, `GrowthRate` or `Count`",
    note = "for a rank, write `Threshold::within_top(Rank::new(70)?)`: rank 70 or better"
)]
pub trait Level: Metric {}

macro_rules! decimal_metric {
    ($(#[$doc:meta])* $name:ident, $kind:expr, $check:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(Decimal);

        impl $name {
            /// The value, checked against the kind's range.
            ///
            /// # Errors
            /// [`ErrorKind::OutOfRange`] when the value is outside the kind's range.
            pub fn new(value: Decimal) -> Result<Self, Error> {
                let check: fn(Decimal) -> Result<(), String> = $check;
                check(value).map_err(|m| Error::single(ErrorKind::OutOfRange, "", m))?;
                Ok($name(value))
            }

            /// The value as an exact decimal.
            #[must_use]
            pub fn get(self) -> Decimal {
                self.0
            }
        }

        impl sealed::Sealed for $name {}
        impl Metric for $name {
            const KIND: MetricKind = $kind;
            fn to_decimal(self) -> Decimal {
                self.0
            }
        }
        impl Level for $name {}

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0, f)
            }
        }

        impl FromStr for $name {
            type Err = Error;
            fn from_str(s: &str) -> Result<Self, Error> {
                let d = parse_decimal(s).map_err(|m| Error::single(ErrorKind::InvalidValue, "", m))?;
                $name::new(d)
            }
        }
    };
}

decimal_metric!(
    /// A share in percent, from 0 to 100 inclusive.
    ///
    /// ```
    /// use policy_targets::Percent;
    /// assert!("100".parse::<Percent>().is_ok());
    /// assert!("100.5".parse::<Percent>().is_err());
    /// ```
    Percent,
    MetricKind::Percent,
    |v| {
        if v >= Decimal::ZERO && v <= Decimal::ONE_HUNDRED {
            Ok(())
        } else {
            Err(format!("{v} is outside 0..=100 for a percent"))
        }
    }
);

decimal_metric!(
    /// An index score. The range, when an indicator sets `min`/`max`, is
    /// checked where the score meets its indicator.
    Score,
    MetricKind::Score,
    |_| Ok(())
);

decimal_metric!(
    /// A growth rate in percent per year; may be negative.
    GrowthRate,
    MetricKind::GrowthRate,
    |_| Ok(())
);

/// A position in a ranking: 1 is the best. Lower is always better.
///
/// ```
/// use policy_targets::Rank;
/// assert!(Rank::new(71)? > Rank::new(70)?); // a larger number, a worse place
/// assert!(Rank::new(0).is_err());
/// # Ok::<(), policy_targets::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Rank(u32);

impl Rank {
    /// A rank, 1 or more.
    ///
    /// # Errors
    /// [`ErrorKind::OutOfRange`] for 0.
    pub fn new(rank: u32) -> Result<Rank, Error> {
        if rank == 0 {
            Err(Error::single(
                ErrorKind::OutOfRange,
                "",
                "a rank starts at 1",
            ))
        } else {
            Ok(Rank(rank))
        }
    }

    /// The position.
    #[must_use]
    pub fn get(self) -> u32 {
        self.0
    }
}

impl sealed::Sealed for Rank {}
impl Metric for Rank {
    const KIND: MetricKind = MetricKind::Rank;
    fn to_decimal(self) -> Decimal {
        Decimal::from(self.0)
    }
}

impl fmt::Display for Rank {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl FromStr for Rank {
    type Err = Error;

    /// A whole number, 1 or more, as the formats write one (`71`, `"71"`
    /// and `7.1e1` alike); `0`, `1.5` and `-3` are refused.
    fn from_str(s: &str) -> Result<Rank, Error> {
        let n = whole_text(MetricKind::Rank, s)?;
        let n = u32::try_from(n).map_err(|_| {
            Error::single(
                ErrorKind::OutOfRange,
                "",
                format!("{n} is too large for a rank"),
            )
        })?;
        Rank::new(n)
    }
}

/// A whole number written as the formats write decimals, for the kind `kind`.
fn whole_text(kind: MetricKind, s: &str) -> Result<u64, Error> {
    let d = parse_decimal(s).map_err(|m| Error::single(ErrorKind::InvalidValue, "", m))?;
    whole_value(kind, d).map_err(|m| Error::single(ErrorKind::OutOfRange, "", m))
}

/// A count of things, from 0 to 2^63-1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Count(u64);

impl Count {
    /// The largest count the formats accept, 2^63-1.
    pub const MAX: u64 = i64::MAX.unsigned_abs();

    /// A count.
    ///
    /// # Errors
    /// [`ErrorKind::OutOfRange`] above 2^63-1.
    pub fn new(count: u64) -> Result<Count, Error> {
        if count > Count::MAX {
            Err(Error::single(
                ErrorKind::OutOfRange,
                "",
                format!("{count} is above 2^63-1 for a count"),
            ))
        } else {
            Ok(Count(count))
        }
    }

    /// The number.
    #[must_use]
    pub fn get(self) -> u64 {
        self.0
    }
}

impl sealed::Sealed for Count {}
impl Metric for Count {
    const KIND: MetricKind = MetricKind::Count;
    fn to_decimal(self) -> Decimal {
        Decimal::from(self.0)
    }
}
impl Level for Count {}

impl fmt::Display for Count {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl FromStr for Count {
    type Err = Error;

    /// A whole number from 0 to 2^63-1, as the formats write one.
    fn from_str(s: &str) -> Result<Count, Error> {
        Count::new(whole_text(MetricKind::Count, s)?)
    }
}

/// A rule on an indicator's value: what the law asks for.
///
/// | rule (JSON) | met when | allowed kinds |
/// | --- | --- | --- |
/// | `{"at_least": "80"}` | value ≥ 80 | all but `rank` |
/// | `{"at_most": "5"}` | value ≤ 5 | all but `rank` |
/// | `{"more_than": "50"}` | value > 50 (the law's "trên 50%") | all but `rank` |
/// | `{"less_than": "5"}` | value < 5 | all but `rank` |
/// | `{"within_top": 70}` | rank ≤ 70 | `rank` only |
///
/// In typed code, build rules with [`Threshold`], which checks the kind at
/// compile time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Rule {
    /// Met when the value is at least the threshold.
    AtLeast(Decimal),
    /// Met when the value is at most the threshold.
    AtMost(Decimal),
    /// Met when the value is strictly more than the threshold ("trên").
    MoreThan(Decimal),
    /// Met when the value is strictly less than the threshold.
    LessThan(Decimal),
    /// Met when the rank is within the top `n` (rank ≤ n).
    WithinTop(u32),
}

impl Rule {
    /// The rule's name in the JSON formats.
    #[must_use]
    pub fn name(&self) -> &'static str {
        match self {
            Rule::AtLeast(_) => "at_least",
            Rule::AtMost(_) => "at_most",
            Rule::MoreThan(_) => "more_than",
            Rule::LessThan(_) => "less_than",
            Rule::WithinTop(_) => "within_top",
        }
    }

    /// The threshold as a decimal.
    #[must_use]
    pub fn threshold(&self) -> Decimal {
        match *self {
            Rule::AtLeast(t) | Rule::AtMost(t) | Rule::MoreThan(t) | Rule::LessThan(t) => t,
            Rule::WithinTop(n) => Decimal::from(n),
        }
    }

    /// Whether a value meets the rule, compared exactly.
    ///
    /// ```
    /// use policy_targets::Rule;
    /// let over_50 = Rule::MoreThan("50".parse()?);
    /// assert!(!over_50.is_met_by("50".parse()?)); // "trên 50%" is strict
    /// assert!(over_50.is_met_by("50.01".parse()?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn is_met_by(&self, value: Decimal) -> bool {
        self.compare(value.cmp(&self.threshold()))
    }

    /// Whether a value whose ordering against the threshold is `ord` meets the rule.
    pub(crate) fn compare(&self, ord: std::cmp::Ordering) -> bool {
        use std::cmp::Ordering::{Equal, Greater, Less};
        match self {
            Rule::AtLeast(_) => matches!(ord, Greater | Equal),
            Rule::AtMost(_) | Rule::WithinTop(_) => matches!(ord, Less | Equal),
            Rule::MoreThan(_) => ord == Greater,
            Rule::LessThan(_) => ord == Less,
        }
    }

    /// The kind check of the specification: `within_top` only on ranks, the
    /// other rules on every kind but rank.
    #[must_use]
    pub fn fits(&self, kind: MetricKind) -> bool {
        matches!(self, Rule::WithinTop(_)) == (kind == MetricKind::Rank)
    }
}

impl FromStr for Rule {
    type Err = Error;

    /// A rule as its [`Display`](fmt::Display) writes it: `at least 80`,
    /// `at most 5`, `more than 50`, `less than 5`, `within the top 70`.
    ///
    /// ```
    /// use policy_targets::Rule;
    /// let rule: Rule = "more than 50".parse()?;
    /// assert_eq!(rule, Rule::MoreThan("50".parse()?));
    /// assert_eq!(rule.to_string().parse::<Rule>()?, rule);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn from_str(s: &str) -> Result<Rule, Error> {
        let decimal =
            |t: &str| parse_decimal(t).map_err(|m| Error::single(ErrorKind::InvalidValue, "", m));
        if let Some(n) = s.strip_prefix("within the top ") {
            return Ok(Rule::WithinTop(n.parse::<Rank>()?.get()));
        }
        type Make = fn(Decimal) -> Rule;
        let rules: [(&str, Make); 4] = [
            ("at least ", Rule::AtLeast),
            ("at most ", Rule::AtMost),
            ("more than ", Rule::MoreThan),
            ("less than ", Rule::LessThan),
        ];
        for (prefix, make) in rules {
            if let Some(t) = s.strip_prefix(prefix) {
                return Ok(make(decimal(t)?));
            }
        }
        Err(Error::single(
            ErrorKind::InvalidValue,
            "",
            format!(
                "{} is not a rule: write at least 80, at most 5, more than 50, less than 5 or within the top 70",
                quoted(s)
            ),
        ))
    }
}

/// A rule typed by the kind of its indicator, for building catalogues in code.
///
/// Threshold rules exist only for [`Level`] kinds and `within_top` only for
/// [`Rank`], so a rank rule cannot be put on a percent indicator:
///
/// ```compile_fail,E0599
/// use policy_targets::{Percent, Threshold};
/// let _ = Threshold::<Percent>::within_top(policy_targets::Rank::new(70)?);
/// # Ok::<(), policy_targets::Error>(())
/// ```
///
/// ```
/// use policy_targets::{Percent, Rank, Threshold};
/// let share = Threshold::at_least("80".parse::<Percent>()?);
/// assert!(share.is_met_by("80".parse()?));
/// let top = Threshold::within_top(Rank::new(70)?);
/// assert!(!top.is_met_by(Rank::new(71)?));
/// # Ok::<(), policy_targets::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Threshold<M> {
    rule: Rule,
    kind: PhantomData<M>,
}

impl<M: Level> Threshold<M> {
    /// Met when the value is at least `value`.
    #[must_use]
    pub fn at_least(value: M) -> Self {
        Self::of(Rule::AtLeast(value.to_decimal()))
    }

    /// Met when the value is at most `value`.
    #[must_use]
    pub fn at_most(value: M) -> Self {
        Self::of(Rule::AtMost(value.to_decimal()))
    }

    /// Met when the value is strictly more than `value` (the law's "trên").
    #[must_use]
    pub fn more_than(value: M) -> Self {
        Self::of(Rule::MoreThan(value.to_decimal()))
    }

    /// Met when the value is strictly less than `value`.
    #[must_use]
    pub fn less_than(value: M) -> Self {
        Self::of(Rule::LessThan(value.to_decimal()))
    }
}

impl Threshold<Rank> {
    /// Met when the rank is `n` or better.
    #[must_use]
    pub fn within_top(n: Rank) -> Self {
        Self::of(Rule::WithinTop(n.get()))
    }
}

impl<M: Metric> Threshold<M> {
    fn of(rule: Rule) -> Self {
        Threshold {
            rule,
            kind: PhantomData,
        }
    }

    /// Whether a value of the same kind meets the rule, compared exactly.
    #[must_use]
    pub fn is_met_by(&self, value: M) -> bool {
        self.rule.is_met_by(value.to_decimal())
    }

    /// The untyped rule.
    #[must_use]
    pub fn rule(&self) -> Rule {
        self.rule
    }
}

/// Checks that a whole-number kind's decimal is whole and in range.
pub(crate) fn whole_value(kind: MetricKind, value: Decimal) -> Result<u64, String> {
    if !value.fract().is_zero() {
        return Err(format!("a {kind} is a whole number, not {value}"));
    }
    if value.is_sign_negative() && !value.is_zero() {
        return Err(format!("a {kind} cannot be negative ({value})"));
    }
    whole_from_decimal(value).map_err(|_| format!("{value} is too large for a {kind}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn rules_compare_exactly() {
        assert!(Rule::AtLeast(d("80")).is_met_by(d("80.0")));
        assert!(!Rule::AtLeast(d("80")).is_met_by(d("79.99999999999999999")));
        assert!(!Rule::MoreThan(d("50")).is_met_by(d("50")));
        assert!(Rule::LessThan(d("5")).is_met_by(d("4.9")));
        assert!(!Rule::LessThan(d("5")).is_met_by(d("5")));
        assert!(Rule::AtMost(d("5")).is_met_by(d("5")));
        assert!(Rule::WithinTop(70).is_met_by(d("70")));
        assert!(!Rule::WithinTop(70).is_met_by(d("71")));
    }

    #[test]
    fn rules_fit_kinds() {
        assert!(Rule::WithinTop(3).fits(MetricKind::Rank));
        assert!(!Rule::WithinTop(3).fits(MetricKind::Percent));
        assert!(!Rule::AtLeast(d("3")).fits(MetricKind::Rank));
        assert!(Rule::AtLeast(d("3")).fits(MetricKind::Count));
    }
}
