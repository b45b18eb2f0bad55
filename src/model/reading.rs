//! Readings: the figure an observation carries, a value or a share of counts,
//! compared exactly.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;

use crate::foundations::error::{Error, ErrorKind};
use crate::foundations::exact::{Fractional, cmp_decimals, mul_wide, pow10, pow10_u64, round_dp};
use crate::foundations::text::{parse_decimal, quoted};

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
            } => whole_share(numerator, denominator).unwrap_or_else(|| {
                Decimal::from(numerator)
                    .checked_mul(Decimal::ONE_HUNDRED)
                    .and_then(|n| n.checked_div(Decimal::from(denominator)))
                    .unwrap_or_default()
            }),
        }
    }

    /// The reading as the formats write it: a value, or a numerator and a
    /// denominator.
    pub(crate) fn parts(self) -> (Option<Decimal>, Option<u64>, Option<u64>) {
        match self {
            Reading::Value(v) => (Some(v), None, None),
            Reading::Ratio {
                numerator,
                denominator,
            } => (None, Some(numerator), Some(denominator)),
        }
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
    #[inline]
    pub fn cmp_threshold(&self, threshold: Decimal) -> Ordering {
        match *self {
            Reading::Value(v) => cmp_decimals(v, threshold),
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
                let shown = round_dp(share, 2);
                let sign = if shown == share { "=" } else { "≈" };
                write!(f, "{numerator}/{denominator} {sign} {}%", shown.normalize())
            }
        }
    }
}

impl FromStr for Reading {
    type Err = Error;

    /// A reading as its `Display` writes it: a value (`85.1`, exactly), or a
    /// share of counts `29/100`, optionally followed by the share its
    /// `Display` adds (`29/100 = 29%`, `1/3 ≈ 33.33%`), which is ignored.
    /// As in the observations format, the denominator is more than 0 and
    /// the numerator at most the denominator.
    ///
    /// ```
    /// use policy_targets::Reading;
    /// let r: Reading = "1/3 ≈ 33.33%".parse()?;
    /// assert_eq!(r, Reading::Ratio { numerator: 1, denominator: 3 });
    /// assert_eq!(r.to_string().parse::<Reading>()?, r);
    /// assert_eq!("85.1".parse::<Reading>()?, Reading::Value("85.1".parse()?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn from_str(s: &str) -> Result<Reading, Error> {
        let invalid = |m: String| Error::single(ErrorKind::InvalidValue, "", m);
        let Some((numerator, rest)) = s.split_once('/') else {
            return parse_decimal(s).map(Reading::Value).map_err(invalid);
        };
        let denominator = rest
            .split_once([' ', '='])
            .map_or(rest, |(d, _)| d)
            .trim_end();
        let count = |t: &str| {
            t.parse::<u64>().map_err(|_| {
                invalid(format!(
                    "{} is not a reading: write a value (85.1) or a share of counts (29/100)",
                    quoted(s)
                ))
            })
        };
        let (numerator, denominator) = (count(numerator)?, count(denominator)?);
        if denominator == 0 || numerator > denominator {
            return Err(Error::single(
                ErrorKind::OutOfRange,
                "",
                format!(
                    "{}: a share of counts needs 0 ≤ numerator ≤ denominator and a denominator above 0",
                    quoted(s)
                ),
            ));
        }
        Ok(Reading::Ratio {
            numerator,
            denominator,
        })
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

impl Fractional for &Reading {
    /// As the reading's own ([`Reading::fraction`]), read in place.
    #[inline]
    fn fraction(self) -> Option<(i128, i128)> {
        (*self).fraction()
    }

    /// As the reading's own ([`Reading::small`]), read in place.
    #[inline]
    fn small(self) -> Option<(i64, u64)> {
        (*self).small()
    }
}

impl Fractional for Reading {
    /// A value as its mantissa over a power of ten; a share as `100 ×
    /// numerator` over its denominator.
    #[inline]
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

    /// As [`Reading::fraction`], read without 128-bit arithmetic: a value
    /// whose mantissa is below 2^63 and scale at most 19, a share whose
    /// `100 × numerator` is within an i64.
    #[inline]
    fn small(self) -> Option<(i64, u64)> {
        match self {
            Reading::Value(v) => {
                let parts = v.unpack();
                if parts.hi != 0 {
                    return None;
                }
                let magnitude = (u64::from(parts.mid) << 32) | u64::from(parts.lo);
                let magnitude = i64::try_from(magnitude).ok()?;
                let num = if parts.negative {
                    magnitude.wrapping_neg()
                } else {
                    magnitude
                };
                Some((num, pow10_u64(parts.scale)?))
            }
            Reading::Ratio {
                numerator,
                denominator,
            } => Some((
                i64::try_from(numerator).ok()?.checked_mul(100)?,
                denominator,
            )),
        }
    }
}

impl Reading {
    /// A key that orders readings by how they are written (for a fixed
    /// choice among equal figures).
    pub(crate) fn repr_key(&self) -> (u8, i128, u32, u64, u64) {
        match *self {
            Reading::Value(v) => (0, v.mantissa(), v.scale(), 0, 0),
            Reading::Ratio {
                numerator,
                denominator,
            } => (1, 0, 0, numerator, denominator),
        }
    }

    /// Sums two shares given as counts; `None` for a value or an overflow.
    pub(crate) fn sum_counts(self, other: Reading) -> Option<Reading> {
        match (self, other) {
            (
                Reading::Ratio {
                    numerator: n1,
                    denominator: d1,
                },
                Reading::Ratio {
                    numerator: n2,
                    denominator: d2,
                },
            ) => Some(Reading::Ratio {
                numerator: n1.checked_add(n2)?,
                denominator: d1.checked_add(d2)?,
            }),
            _ => None,
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

/// `100 × numerator / denominator` when it is a whole number that
/// `100 × numerator` computes in a `u64` (29 of 100 is 29): the quotient the
/// decimals' division gives, without dividing decimals.
fn whole_share(numerator: u64, denominator: u64) -> Option<Decimal> {
    let hundredfold = numerator.checked_mul(100)?;
    if hundredfold.checked_rem(denominator)? != 0 {
        return None;
    }
    hundredfold.checked_div(denominator).map(Decimal::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// A whole share is the decimal the division gives, scale and all
        /// (it is written as it is stored: `29`, never `29.0`).
        #[test]
        fn a_whole_share_is_the_quotient_of_the_decimals(
            numerator in proptest::prop_oneof![0u64..2_000, proptest::prelude::any::<u64>()],
            denominator in proptest::prop_oneof![0u64..400, proptest::prelude::any::<u64>()],
        ) {
            let divided = Decimal::from(numerator)
                .checked_mul(Decimal::ONE_HUNDRED)
                .and_then(|n| n.checked_div(Decimal::from(denominator)));
            if let Some(whole) = whole_share(numerator, denominator) {
                proptest::prop_assert_eq!(Some(whole.serialize()), divided.map(|d| d.serialize()));
            }
            let value = Reading::Ratio { numerator, denominator }.value();
            proptest::prop_assert_eq!(value.serialize(), divided.unwrap_or_default().serialize());
        }
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
