//! Judging a reading against a rule: the one place where a figure meets a
//! rule or fails it.
//!
//! The status decision, roll-ups (through it), every-period targets and
//! progress methods all judge a figure with [`verdict`]; a projection's
//! exact value is judged with [`fraction_verdict`].

use crate::foundations::exact::{cmp_products, pow10};
use crate::foundations::metric::Rule;
use crate::model::reading::Reading;

/// What a reading says about a rule.
///
/// Callers match on it rather than compare with one variant, so that a new
/// answer (an undetermined one, for a figure known only by a bound) is
/// handled wherever a verdict is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// The reading meets the rule.
    Meets,
    /// The reading does not meet the rule.
    Fails,
}

/// Judges `reading` against `rule`, exactly: a share of counts is compared
/// without dividing (`100 × numerator` with `threshold × denominator`).
#[inline]
pub(crate) fn verdict(reading: Reading, rule: Rule) -> Verdict {
    if rule.compare(reading.cmp_threshold(rule.threshold())) {
        Verdict::Meets
    } else {
        Verdict::Fails
    }
}

/// Judges an exact value `num / den` (`den > 0`), such as a projection read
/// at the deadline, against `rule`, without dividing; `None` when the
/// threshold's power of ten does not fit (it always does for a decimal).
#[inline]
pub(crate) fn fraction_verdict(num: i128, den: i128, rule: Rule) -> Option<Verdict> {
    // num / den ? m / 10^s  ⇔  num · 10^s ? m · den
    let t = rule.threshold();
    let pow = pow10(t.scale())?;
    Some(if rule.compare(cmp_products(num, pow, t.mantissa(), den)) {
        Verdict::Meets
    } else {
        Verdict::Fails
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_are_judged_without_dividing() {
        let share = |numerator, denominator| Reading::Ratio {
            numerator,
            denominator,
        };
        let at_least_29 = Rule::AtLeast("29".parse().unwrap());
        assert_eq!(verdict(share(29, 100), at_least_29), Verdict::Meets);
        assert_eq!(verdict(share(28, 100), at_least_29), Verdict::Fails);
        // 2 of 3 is 66.666…, below the decimal it divides out to (rounded up).
        let rounded_up = Rule::AtLeast("66.666666666666666666666666667".parse().unwrap());
        assert_eq!(verdict(share(2, 3), rounded_up), Verdict::Fails);
        let more_than_50 = Rule::MoreThan("50".parse().unwrap());
        assert_eq!(
            verdict(Reading::Value("50".parse().unwrap()), more_than_50),
            Verdict::Fails
        );
    }

    #[test]
    fn fractions_are_judged_without_dividing() {
        let at_least = Rule::AtLeast("33.333".parse().unwrap());
        assert_eq!(fraction_verdict(100, 3, at_least), Some(Verdict::Meets));
        assert_eq!(
            fraction_verdict(99_999, 3000, at_least),
            Some(Verdict::Meets)
        );
        assert_eq!(
            fraction_verdict(99_998, 3000, at_least),
            Some(Verdict::Fails)
        );
        let within_top = Rule::WithinTop(70);
        assert_eq!(fraction_verdict(140, 2, within_top), Some(Verdict::Meets));
        assert_eq!(fraction_verdict(141, 2, within_top), Some(Verdict::Fails));
    }
}
