//! Compound annual growth and the published helpers of the progress
//! methods, in decimal arithmetic, and years between two days.

use rust_decimal::Decimal;
use rust_decimal::MathematicalOps;
use rust_decimal::prelude::ToPrimitive;
use time::Date;

use crate::engine::progress::refusal::Refusal;
use crate::foundations::metric::Rule;

/// The compound annual growth from `from` to `to` over `years`, in percent a
/// year: `((to / from)^(1 / years) − 1) × 100` (Eurostat's and Open SDG's
/// CAGR; UNSD's `CAGR_a`). A fall to 0 is −100 % a year.
///
/// Computed in decimal arithmetic: the root is taken through the natural
/// logarithm and exponential of `rust_decimal` and, for a whole number of
/// years, refined by Newton's method, which gives about 20 significant
/// digits or more (tests check 12).
///
/// ```
/// use policy_targets::progress::{Refusal, compound_growth};
/// let g = compound_growth("100".parse()?, "103".parse()?, "5".parse()?)?;
/// assert_eq!(g.round_dp(3), "0.593".parse()?);
/// assert_eq!(compound_growth("0".parse()?, "3".parse()?, "5".parse()?), Err(Refusal::NotPositive));
/// assert_eq!(compound_growth("10".parse()?, "0".parse()?, "5".parse()?), Ok("-100".parse()?));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// [`Refusal::NotPositive`] when `from` is zero or negative or `to` is negative,
/// [`Refusal::TooFewPoints`] when `years` is not positive,
/// [`Refusal::Overflow`] when the arithmetic goes out of range.
pub fn compound_growth(from: Decimal, to: Decimal, years: Decimal) -> Result<Decimal, Refusal> {
    if from <= Decimal::ZERO || to < Decimal::ZERO {
        return Err(Refusal::NotPositive);
    }
    if years <= Decimal::ZERO {
        return Err(Refusal::TooFewPoints);
    }
    if to.is_zero() {
        return Ok(Decimal::new(-100, 0));
    }
    to.checked_div(from)
        .and_then(|r| root(r, years))
        .and_then(|f| f.checked_sub(Decimal::ONE))
        .and_then(|g| g.checked_mul(Decimal::ONE_HUNDRED))
        .ok_or(Refusal::Overflow)
}

/// Open SDG's score for a signed ratio, from −5 to 5: `min(7.1429·R − 4.2857, 5)`
/// when `R ≥ 0.6`, else `max(4.1667·R − 2.5, −5)`. `None` on overflow.
///
/// ```
/// let s = policy_targets::progress::open_sdg_score("0.95".parse()?).unwrap();
/// assert_eq!(s.round_dp(2), "2.50".parse()?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn open_sdg_score(ratio: Decimal) -> Option<Decimal> {
    if ratio >= Decimal::new(6, 1) {
        let s = Decimal::new(71429, 4)
            .checked_mul(ratio)?
            .checked_sub(Decimal::new(42857, 4))?;
        Some(s.min(Decimal::from(5)))
    } else {
        let s = Decimal::new(41667, 4)
            .checked_mul(ratio)?
            .checked_sub(Decimal::new(25, 1))?;
        Some(s.max(Decimal::from(-5)))
    }
}

/// ESCAP's current-status share: how much of the distance from the base to
/// the target has been covered, `d · (latest − base) / |target − base|`
/// (`d` = +1 when the rule wants higher values, −1 otherwise), and 1 once
/// the latest value meets the rule. `None` when the target equals the base
/// and is not met, or on overflow.
///
/// The measure is ESCAP's current status index ("progress made … compared
/// with the entire progress needed", UN ESCAP, *Progress Assessment
/// Methodology — Technical notes*, "Current Status Index", step 1). ESCAP's
/// stored text stops before the formula, so the formula, the direction and
/// the rule for a met target follow a third-party implementation, UNICEF
/// MENARO's (`spalmas/SDG-MENARO`,
/// `03_progress_assessment/progress_assessment_functions.R`: "If current
/// value already reached or exceeded the target value, CS is 10", and
/// `D * (I_cv - I0) / abs(TV - I0)` on a 0–10 scale). A base already past
/// the target thus counts a fall as a fall.
///
/// ```
/// use policy_targets::{Rule, progress::share_of_distance_covered};
/// let at_least = |t: &str| Rule::AtLeast(t.parse().unwrap());
/// let p = share_of_distance_covered("40".parse()?, "55".parse()?, at_least("100"));
/// assert_eq!(p, Some("0.25".parse()?));
/// // From 90, past a target of 80, down to 75: a fall of 1.5 times the distance.
/// let p = share_of_distance_covered("90".parse()?, "75".parse()?, at_least("80"));
/// assert_eq!(p, Some("-1.5".parse()?));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn share_of_distance_covered(base: Decimal, latest: Decimal, rule: Rule) -> Option<Decimal> {
    if rule.is_met_by(latest) {
        return Some(Decimal::ONE);
    }
    let distance = Some(rule.threshold().checked_sub(base)?.abs()).filter(|d| !d.is_zero())?;
    latest
        .checked_sub(base)?
        .checked_mul(direction(rule))?
        .checked_div(distance)
}

/// `+1` when the rule wants higher values, `−1` when it wants lower ones.
pub(crate) fn direction(rule: Rule) -> Decimal {
    match rule {
        Rule::AtLeast(_) | Rule::MoreThan(_) => Decimal::ONE,
        _ => Decimal::NEGATIVE_ONE,
    }
}

/// Years from `a` to `b`: whole calendar years between the same day of the
/// year, else days over 365.25.
pub(crate) fn years_between(a: Date, b: Date) -> Option<Decimal> {
    if a.month() == b.month() && a.day() == b.day() {
        return Some(Decimal::from(b.year().checked_sub(a.year())?));
    }
    let days = b.to_julian_day().checked_sub(a.to_julian_day())?;
    Decimal::from(days).checked_div(Decimal::new(36525, 2))
}

/// The same day `n` years earlier (28 February for a 29th).
pub(crate) fn minus_years(d: Date, n: i32) -> Option<Date> {
    let year = d.year().checked_sub(n)?;
    d.replace_year(year)
        .ok()
        .or_else(|| d.replace_day(28).ok()?.replace_year(year).ok())
}

/// `base^exp` for a positive base.
pub(crate) fn pow(base: Decimal, exp: Decimal) -> Option<Decimal> {
    if exp.fract().is_zero() {
        return base.checked_powi(exp.to_i64()?);
    }
    base.checked_ln()?.checked_mul(exp)?.checked_exp()
}

/// `r^(1/n)` for positive `r` and `n`, refined by Newton's method when `n`
/// is a whole number.
fn root(r: Decimal, n: Decimal) -> Option<Decimal> {
    let mut x = r.checked_ln()?.checked_div(n)?.checked_exp()?;
    if n.fract().is_zero() && n <= Decimal::ONE_HUNDRED {
        let k = n.to_i64()?;
        for _ in 0..4 {
            let xk1 = x.checked_powi(k.checked_sub(1)?)?;
            let xk = xk1.checked_mul(x)?;
            let step = xk.checked_sub(r)?.checked_div(n.checked_mul(xk1)?)?;
            if step.is_zero() {
                break;
            }
            x = x.checked_sub(step)?;
        }
    }
    Some(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn roots_are_precise() {
        // 2^(1/2), 1.2^(1/7), 0.5^(1/3)
        let r = root(d("2"), d("2")).unwrap();
        assert_eq!(r.round_dp(20), d("1.41421356237309504880"));
        let r = root(d("1.2"), d("7")).unwrap();
        assert_eq!(r.round_dp(15), d("1.026388096257040"));
        let r = root(d("0.5"), d("3")).unwrap();
        assert_eq!(r.round_dp(18), d("0.793700525984099737"));
        // a fractional number of years goes through ln/exp only
        let r = root(d("2"), d("2.5")).unwrap();
        assert_eq!(r.round_dp(12), d("1.319507910773"));
    }

    #[test]
    fn years_are_whole_between_same_days() {
        let a = Date::from_calendar_date(2019, time::Month::December, 31).unwrap();
        let b = Date::from_calendar_date(2023, time::Month::December, 31).unwrap();
        assert_eq!(years_between(a, b), Some(d("4")));
        let c = Date::from_calendar_date(2024, time::Month::June, 30).unwrap();
        assert_eq!(years_between(b, c), Some(d("182") / d("365.25")));
        let leap = Date::from_calendar_date(2024, time::Month::February, 29).unwrap();
        assert_eq!(
            minus_years(leap, 1),
            Date::from_calendar_date(2023, time::Month::February, 28).ok()
        );
    }
}
