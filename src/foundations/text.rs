//! The small textual pieces of the formats: decimals read exactly as
//! written, ISO dates, and identifiers.

use rust_decimal::Decimal;
use time::{Date, Month};

/// Parses `-?digits(.digits)?`, optionally followed by an exponent
/// (`8e1`, `2.5E-3`), exactly; anything else is refused with a reason.
pub(crate) fn parse_decimal(s: &str) -> Result<Decimal, String> {
    match s.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => {
            let m = parse_plain_decimal(mantissa)
                .map_err(|_| format!("`{s}` is not a decimal number"))?;
            scale_by_power_of_ten(m, exponent).ok_or_else(|| {
                format!("`{s}` is too large or too precise for a decimal (28 to 29 significant digits, at most 28 decimal places)")
            })
        }
        None => parse_plain_decimal(s),
    }
}

/// `m × 10^exponent`, exactly, when it fits a decimal; `exponent` is the
/// text after the `e`, with an optional sign.
fn scale_by_power_of_ten(m: Decimal, exponent: &str) -> Option<Decimal> {
    let (negative, digits) = match exponent.as_bytes().first()? {
        b'-' => (true, exponent.get(1..)?),
        b'+' => (false, exponent.get(1..)?),
        _ => (false, exponent),
    };
    // Four digits are more than any decimal can use; longer is refused
    // before it is read, so no exponent costs more than another.
    if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let e: u32 = digits.parse().ok()?;
    let scale = m.scale();
    if negative {
        let scale = scale.checked_add(e)?;
        Decimal::try_from_i128_with_scale(m.mantissa(), scale).ok()
    } else if e <= scale {
        Decimal::try_from_i128_with_scale(m.mantissa(), scale.checked_sub(e)?).ok()
    } else {
        let factor = 10i128.checked_pow(e.checked_sub(scale)?)?;
        Decimal::try_from_i128_with_scale(m.mantissa().checked_mul(factor)?, 0).ok()
    }
}

/// Parses `-?digits(.digits)?` exactly.
fn parse_plain_decimal(s: &str) -> Result<Decimal, String> {
    let unsigned = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = match unsigned.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (unsigned, None),
    };
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || frac.is_some_and(|f| !digits(f)) {
        return Err(format!("`{s}` is not a decimal number"));
    }
    if frac.is_some_and(|f| f.len() > 28) {
        return Err(format!("`{s}` has more than 28 decimal places"));
    }
    Decimal::from_str_exact(s).map_err(|_| {
        format!("`{s}` is too large: a decimal holds at most 28 to 29 significant digits")
    })
}

pub(crate) fn whole_from_decimal(d: Decimal) -> Result<u64, String> {
    if !d.fract().is_zero() {
        return Err(format!("`{d}` is not a whole number"));
    }
    if d.is_sign_negative() && !d.is_zero() {
        return Err(format!("`{d}` is negative"));
    }
    u64::try_from(d.trunc()).map_err(|_| format!("`{d}` is too large"))
}

/// Parses an ISO calendar date, `YYYY-MM-DD`, with a four-digit year.
pub(crate) fn parse_date(s: &str) -> Result<Date, String> {
    let bad = || format!("`{s}` is not a date of the form YYYY-MM-DD");
    let b = s.as_bytes();
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return Err(bad());
    }
    let year = parse_digits(s.get(0..4).ok_or_else(bad)?).ok_or_else(bad)?;
    let month = parse_digits(s.get(5..7).ok_or_else(bad)?).ok_or_else(bad)?;
    let day = parse_digits(s.get(8..10).ok_or_else(bad)?).ok_or_else(bad)?;
    make_date(year, month, day).ok_or_else(|| format!("`{s}` is not a day of the calendar"))
}

/// Parses a run of ASCII digits (at most 9) into a number.
pub(crate) fn parse_digits(s: &str) -> Option<i32> {
    if s.is_empty() || s.len() > 9 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

pub(crate) fn make_date(year: i32, month: i32, day: i32) -> Option<Date> {
    if !(1..=9999).contains(&year) {
        return None;
    }
    let month = Month::try_from(u8::try_from(month).ok()?).ok()?;
    Date::from_calendar_date(year, month, u8::try_from(day).ok()?).ok()
}

/// Checks that a date can be written in the formats: a year from 1 to 9999.
pub(crate) fn check_date(d: Date) -> Result<(), String> {
    if (1..=9999).contains(&d.year()) {
        Ok(())
    } else {
        Err(format!(
            "year {} is outside 1 to 9999, the years a date may have in the formats",
            d.year()
        ))
    }
}

/// Formats a date as `YYYY-MM-DD`.
pub(crate) fn format_date(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// Checks an indicator id: `[a-z0-9_]+`.
pub(crate) fn check_indicator_id(id: &str) -> Result<(), String> {
    if !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    {
        Ok(())
    } else {
        Err(format!(
            "`{id}` is not a valid id: use lowercase letters, digits and `_`"
        ))
    }
}

/// Checks a target, unit or series id: not empty, no surrounding spaces, no control characters.
pub(crate) fn check_name(id: &str, what: &str) -> Result<(), String> {
    if id.is_empty() {
        Err(format!("the {what} must not be empty"))
    } else if id.trim() != id || id.chars().any(char::is_control) {
        Err(format!(
            "the {what} `{}` has surrounding spaces or control characters",
            id.escape_debug()
        ))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(format_date(parse_date("2024-02-29").unwrap()), "2024-02-29");
        assert!(parse_date("2023-02-29").is_err());
        assert!(parse_date("2023-2-28").is_err());
        assert!(parse_date("0000-01-01").is_err());
        assert!(parse_date("9999-12-31").is_ok());
    }
}
