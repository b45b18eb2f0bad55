//! Bounded figures: an observation that says only that the true value is
//! above or below a number ("trên 80%"), and the set of values it allows.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;

use crate::foundations::error::{Error, by_name};
use crate::model::indicator::{End, Indicator};

/// What a bounded figure says about the true value: that it is more than,
/// at least, less than or at most the figure's number (SPEC 2.2).
///
/// `{"value": "80", "qualifier": "more_than"}` is a report's "trên 80%":
/// the true value is above 80 and nothing more is known. It is judged
/// against a rule by every value it allows (see [the crate
/// docs](crate#bounded-figures)).
///
/// ```
/// use policy_targets::Qualifier;
/// let q: Qualifier = "more_than".parse()?;
/// assert_eq!(q, Qualifier::MoreThan);
/// assert_eq!(q.to_string(), "more_than");
/// assert!("over".parse::<Qualifier>().is_err());
/// # Ok::<(), policy_targets::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Qualifier {
    /// The true value is more than the number ("trên", "over").
    MoreThan,
    /// The true value is at least the number ("ít nhất", a derived lower bound).
    AtLeast,
    /// The true value is less than the number ("dưới").
    LessThan,
    /// The true value is at most the number ("không quá").
    AtMost,
}

impl Qualifier {
    /// Every qualifier.
    pub const ALL: [Qualifier; 4] = [
        Qualifier::MoreThan,
        Qualifier::AtLeast,
        Qualifier::LessThan,
        Qualifier::AtMost,
    ];

    /// The qualifier's name in the formats: `more_than`, `at_least`,
    /// `less_than`, `at_most`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::MoreThan => "more_than",
            Qualifier::AtLeast => "at_least",
            Qualifier::LessThan => "less_than",
            Qualifier::AtMost => "at_most",
        }
    }

    /// Whether the true value lies above the number (`more_than`,
    /// `at_least`) rather than below it.
    #[must_use]
    pub fn is_lower_bound(self) -> bool {
        matches!(self, Qualifier::MoreThan | Qualifier::AtLeast)
    }

    /// Whether the number itself is allowed (`at_least`, `at_most`).
    #[must_use]
    pub fn is_inclusive(self) -> bool {
        matches!(self, Qualifier::AtLeast | Qualifier::AtMost)
    }
}

impl fmt::Display for Qualifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Qualifier {
    type Err = Error;

    fn from_str(s: &str) -> Result<Qualifier, Error> {
        by_name(&Qualifier::ALL, Qualifier::as_str, s, |s| {
            format!("{s} is not a qualifier: use more_than, at_least, less_than or at_most")
        })
    }
}

/// The values a bounded figure allows: those beyond its bound that are
/// valid for the indicator's kind. Ends of whole-number kinds (ranks,
/// counts) are whole and included: a rank `more_than 50` is `51..`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Allowed {
    pub(crate) lo: End,
    pub(crate) hi: End,
}

/// The tighter of two lower ends (`None` is −∞).
fn max_lo(a: End, b: End) -> End {
    match (a, b) {
        (None, x) | (x, None) => x,
        (Some((x, xc)), Some((y, yc))) => Some(if x > y {
            (x, xc)
        } else if y > x {
            (y, yc)
        } else {
            (x, xc && yc)
        }),
    }
}

/// The tighter of two upper ends (`None` is +∞).
fn min_hi(a: End, b: End) -> End {
    match (a, b) {
        (None, x) | (x, None) => x,
        (Some((x, xc)), Some((y, yc))) => Some(if x < y {
            (x, xc)
        } else if y < x {
            (y, yc)
        } else {
            (x, xc && yc)
        }),
    }
}

impl Allowed {
    /// The values `qualifier value` allows for `indicator`; `None` when it
    /// allows no valid value (a percent `more_than 100`, a rank
    /// `less_than 1`), a load error.
    pub(crate) fn of(
        qualifier: Qualifier,
        value: Decimal,
        indicator: &Indicator,
    ) -> Option<Allowed> {
        let (range_lo, range_hi) = indicator.valid_range();
        let bound = Some((value, qualifier.is_inclusive()));
        let (lo, hi) = if qualifier.is_lower_bound() {
            (max_lo(range_lo, bound), range_hi)
        } else {
            (range_lo, min_hi(range_hi, bound))
        };
        let (lo, hi) = if indicator.kind().is_whole() {
            (whole_lo(lo)?, whole_hi(hi)?)
        } else {
            (lo, hi)
        };
        let nonempty = match (lo, hi) {
            (Some((l, lc)), Some((h, hc))) => l < h || (l == h && lc && hc),
            _ => true,
        };
        nonempty.then_some(Allowed { lo, hi })
    }
}

/// A lower end of whole numbers, included: `> 50` is `≥ 51`, `≥ 50.5` is `≥ 51`.
fn whole_lo(end: End) -> Option<End> {
    let Some((v, closed)) = end else {
        return Some(None);
    };
    let up = v.ceil();
    let up = if !closed && up == v {
        up.checked_add(Decimal::ONE)?
    } else {
        up
    };
    Some(Some((up, true)))
}

/// An upper end of whole numbers, included: `< 50` is `≤ 49`, `≤ 50.5` is `≤ 50`.
fn whole_hi(end: End) -> Option<End> {
    let Some((v, closed)) = end else {
        return Some(None);
    };
    let down = v.floor();
    let down = if !closed && down == v {
        down.checked_sub(Decimal::ONE)?
    } else {
        down
    };
    Some(Some((down, true)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::foundations::metric::MetricKind;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn ind(kind: MetricKind) -> Indicator {
        Indicator::bare("x".to_owned(), kind)
    }

    #[test]
    fn a_bound_allows_the_valid_values_beyond_it() {
        let pct = ind(MetricKind::Percent);
        let a = Allowed::of(Qualifier::MoreThan, d("80"), &pct).unwrap();
        assert_eq!(a.lo, Some((d("80"), false)));
        assert_eq!(a.hi, Some((d("100"), true)));
        assert_eq!(Allowed::of(Qualifier::MoreThan, d("100"), &pct), None);
        assert!(Allowed::of(Qualifier::AtLeast, d("100"), &pct).is_some());
        assert_eq!(Allowed::of(Qualifier::LessThan, d("0"), &pct), None);
        let mut rank = ind(MetricKind::Rank);
        rank.out_of = Some(193);
        let a = Allowed::of(Qualifier::MoreThan, d("50"), &rank).unwrap();
        assert_eq!(a.lo, Some((d("51"), true)));
        assert_eq!(a.hi, Some((d("193"), true)));
        assert_eq!(Allowed::of(Qualifier::LessThan, d("1"), &rank), None);
        assert_eq!(Allowed::of(Qualifier::MoreThan, d("193"), &rank), None);
        let count = ind(MetricKind::Count);
        let max = Decimal::from(crate::foundations::metric::Count::MAX);
        assert_eq!(Allowed::of(Qualifier::MoreThan, max, &count), None);
        let growth = ind(MetricKind::GrowthRate);
        let a = Allowed::of(Qualifier::LessThan, d("-5"), &growth).unwrap();
        assert_eq!((a.lo, a.hi), (None, Some((d("-5"), false))));
    }
}
