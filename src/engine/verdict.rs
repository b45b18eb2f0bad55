//! Judging a figure against a rule: the one place where a figure meets a
//! rule, fails it, or cannot tell.
//!
//! The status decision, roll-ups (through it), every-period targets and
//! progress methods all judge a stored figure with [`verdict`]; a value the
//! engine computed exactly (a projection at the deadline) is judged with
//! [`fraction_verdict`].
//!
//! An exact figure meets a rule or fails it. A bounded figure (SPEC 3.3)
//! allows a set of values, those beyond its bound that are valid for the
//! kind: it meets the rule when every one of them does, fails it when none
//! does, and is undetermined otherwise.

use crate::foundations::exact::{cmp_products, pow10};
use crate::foundations::metric::Rule;
use crate::model::indicator::{End, Indicator};
use crate::model::observation::Obs;
use crate::model::qualifier::{Allowed, Qualifier};
use crate::model::reading::Reading;

/// What a figure says about a rule.
///
/// Callers match on it rather than compare with one variant, so that every
/// answer is handled wherever a verdict is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// The figure meets the rule (a bounded one: every value it allows does).
    Meets,
    /// The figure does not meet the rule (a bounded one: no value it allows does).
    Fails,
    /// A bounded figure allows values that meet the rule and values that
    /// do not: it cannot tell ("over 80%" for "more than 85%").
    Undetermined,
}

/// Judges a stored figure against `rule`, on the valid range of its
/// `indicator`.
#[inline]
pub(crate) fn verdict_of(o: &Obs, rule: Rule, indicator: &Indicator) -> Verdict {
    verdict(o.reading, o.qualifier, rule, indicator)
}

/// Judges a figure, exact or bounded, against `rule`. An exact figure is
/// compared exactly: a share of counts without dividing (`100 × numerator`
/// with `threshold × denominator`). A bounded one by the values it allows
/// for `indicator`'s kind (whole numbers for ranks and counts).
#[inline]
pub(crate) fn verdict(
    reading: Reading,
    qualifier: Option<Qualifier>,
    rule: Rule,
    indicator: &Indicator,
) -> Verdict {
    match qualifier {
        None => exact_verdict(reading, rule),
        Some(q) => bounded_verdict(reading.value(), q, rule, indicator),
    }
}

/// Judges an exact figure: it meets the rule or fails it.
#[inline]
pub(crate) fn exact_verdict(reading: Reading, rule: Rule) -> Verdict {
    if rule.compare(reading.cmp_threshold(rule.threshold())) {
        Verdict::Meets
    } else {
        Verdict::Fails
    }
}

/// Judges `qualifier value` by the set of values it allows: meets when the
/// set lies within the rule's, fails when the two do not meet.
#[cold]
#[inline(never)]
fn bounded_verdict(
    value: rust_decimal::Decimal,
    qualifier: Qualifier,
    rule: Rule,
    indicator: &Indicator,
) -> Verdict {
    // A bound that allows nothing is a load error; never judged.
    let Some(allowed) = Allowed::of(qualifier, value, indicator) else {
        return Verdict::Undetermined;
    };
    let t = rule.threshold();
    // `(t, inclusive)`: the rule's half-line, upward (`at_least`, `more_than`)
    // or downward (`at_most`, `less_than`, `within_top`).
    let (upward, inclusive) = match rule {
        Rule::AtLeast(_) => (true, true),
        Rule::MoreThan(_) => (true, false),
        Rule::AtMost(_) | Rule::WithinTop(_) => (false, true),
        Rule::LessThan(_) => (false, false),
    };
    // Whether every value near the end `e` of the set lies inside the rule,
    // and whether every one lies outside it.
    let inside = |e: End, toward_rule: bool| -> bool {
        let Some((v, closed)) = e else { return false };
        let beyond = if toward_rule { v > t } else { v < t };
        beyond || (v == t && (inclusive || !closed))
    };
    let outside = |e: End, toward_rule: bool| -> bool {
        let Some((v, closed)) = e else { return false };
        let short = if toward_rule { v < t } else { v > t };
        short || (v == t && (!inclusive || !closed))
    };
    let (near, far) = if upward {
        (allowed.lo, allowed.hi)
    } else {
        (allowed.hi, allowed.lo)
    };
    if inside(near, upward) {
        Verdict::Meets
    } else if outside(far, upward) {
        Verdict::Fails
    } else {
        Verdict::Undetermined
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
        assert_eq!(exact_verdict(share(29, 100), at_least_29), Verdict::Meets);
        assert_eq!(exact_verdict(share(28, 100), at_least_29), Verdict::Fails);
        // 2 of 3 is 66.666…, below the decimal it divides out to (rounded up).
        let rounded_up = Rule::AtLeast("66.666666666666666666666666667".parse().unwrap());
        assert_eq!(exact_verdict(share(2, 3), rounded_up), Verdict::Fails);
        let more_than_50 = Rule::MoreThan("50".parse().unwrap());
        assert_eq!(
            exact_verdict(Reading::Value("50".parse().unwrap()), more_than_50),
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

    /// The examples of SPEC 3.3, and the ends of each rule.
    #[test]
    fn bounds_meet_fail_or_cannot_tell() {
        use crate::foundations::metric::MetricKind;
        use Qualifier::{AtLeast, AtMost, LessThan, MoreThan};
        use Verdict::{Fails, Meets, Undetermined};
        let d = |s: &str| -> rust_decimal::Decimal { s.parse().unwrap() };
        let pct = Indicator::bare("p".to_owned(), MetricKind::Percent);
        let mut rank = Indicator::bare("r".to_owned(), MetricKind::Rank);
        rank.out_of = Some(193);
        let judge =
            |ind: &Indicator, q, v: &str, rule| verdict(Reading::Value(d(v)), Some(q), rule, ind);
        // SPEC 3.3.
        assert_eq!(judge(&pct, MoreThan, "80", Rule::AtLeast(d("80"))), Meets);
        assert_eq!(
            judge(&pct, AtLeast, "80", Rule::MoreThan(d("80"))),
            Undetermined
        );
        assert_eq!(judge(&rank, MoreThan, "50", Rule::WithinTop(50)), Fails);
        assert_eq!(judge(&rank, AtMost, "40", Rule::WithinTop(40)), Meets);
        assert_eq!(judge(&pct, AtLeast, "90", Rule::AtMost(d("100"))), Meets);
        // The e-payment bound: at least 67% of the population.
        assert_eq!(judge(&pct, AtLeast, "67", Rule::MoreThan(d("50"))), Meets);
        assert_eq!(
            judge(&pct, AtLeast, "67", Rule::MoreThan(d("80"))),
            Undetermined
        );
        // "over 51%" for "at least 80%": cannot tell.
        assert_eq!(
            judge(&pct, MoreThan, "51", Rule::AtLeast(d("80"))),
            Undetermined
        );
        // Below a bound.
        assert_eq!(judge(&pct, LessThan, "30", Rule::AtLeast(d("30"))), Fails);
        assert_eq!(
            judge(&pct, AtMost, "30", Rule::AtLeast(d("30"))),
            Undetermined
        );
        assert_eq!(judge(&pct, AtMost, "30", Rule::MoreThan(d("30"))), Fails);
        assert_eq!(judge(&pct, LessThan, "5", Rule::LessThan(d("5"))), Meets);
        assert_eq!(
            judge(&pct, AtMost, "5", Rule::LessThan(d("5"))),
            Undetermined
        );
        assert_eq!(judge(&pct, AtLeast, "5", Rule::LessThan(d("5"))), Fails);
        assert_eq!(
            judge(&pct, MoreThan, "4", Rule::LessThan(d("5"))),
            Undetermined
        );
        // The valid range closes a set: at least 100% is exactly 100%.
        assert_eq!(judge(&pct, AtLeast, "100", Rule::AtLeast(d("100"))), Meets);
        assert_eq!(judge(&pct, AtMost, "0", Rule::AtMost(d("0"))), Meets);
        // Whole numbers: a rank less than 41 is 40 or better.
        assert_eq!(judge(&rank, LessThan, "41", Rule::WithinTop(40)), Meets);
        assert_eq!(
            judge(&rank, LessThan, "42", Rule::WithinTop(40)),
            Undetermined
        );
        assert_eq!(judge(&rank, AtLeast, "41", Rule::WithinTop(40)), Fails);
        // Exact figures are unaffected by a range.
        assert_eq!(
            verdict(Reading::Value(d("80")), None, Rule::AtLeast(d("80")), &pct),
            Meets
        );
    }
}
