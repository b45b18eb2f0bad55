//! The small textual pieces of the formats: decimals read exactly as
//! written, ISO dates, and identifiers.

use std::fmt;

use rust_decimal::Decimal;
use time::{Date, Month};

/// Parses `-?digits(.digits)?`, optionally followed by an exponent
/// (`8e1`, `2.5E-3`), exactly; anything else is refused with a reason.
///
/// A number is refused only when its exact value does not fit a decimal:
/// zeros past the 28th decimal place change nothing and are dropped
/// (`0e-400`, `1.50e-27`), and a zero is zero whatever its exponent.
pub(crate) fn parse_decimal(s: &str) -> Result<Decimal, String> {
    match s.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => {
            let m = parse_plain_decimal(mantissa).map_err(|_| not_a_decimal(s))?;
            scale_by_power_of_ten(m, exponent).ok_or_else(|| {
                if exponent_digits(exponent).is_none() {
                    not_a_decimal(s)
                } else {
                    format!(
                        "{} is too large or too precise for a decimal (28 to 29 significant digits, at most 28 decimal places)",
                        quoted(s)
                    )
                }
            })
        }
        None => parse_plain_decimal(s),
    }
}

fn not_a_decimal(s: &str) -> String {
    match separators_hint(s) {
        Some(hint) => format!("{} is not a decimal number: {hint}", quoted(s)),
        None => format!("{} is not a decimal number", quoted(s)),
    }
}

/// What to write instead of a number written with a decimal comma or with
/// separators between thousands, as a spreadsheet shows numbers in
/// Vietnamese (`85,1`, `1.200.000`) or in English (`1,200,000`); `None`
/// for any other text.
fn separators_hint(s: &str) -> Option<String> {
    let unsigned = s.strip_prefix('-').unwrap_or(s);
    let sign = if unsigned.len() < s.len() { "-" } else { "" };
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    // Groups of three after a first group of one to three digits.
    let grouped = |t: &str, sep: char| {
        let mut groups = t.split(sep);
        groups.next().is_some_and(|g| digits(g) && g.len() <= 3)
            && groups.all(|g| digits(g) && g.len() == 3)
    };
    if !unsigned.contains(',') && !unsigned.contains('.') {
        return None;
    }
    let point = |int: &str, frac: &str| quoted(&format!("{sign}{int}.{frac}")).to_string();
    match (unsigned.split_once(','), unsigned.contains('.')) {
        // `85,1`: a decimal comma; `1,234` may also be a thousand.
        (Some((int, frac)), false) if digits(int) && digits(frac) => {
            let decimal = point(int, frac);
            Some(if frac.len() == 3 && int.len() <= 3 {
                format!(
                    "write {decimal} if the comma is a decimal comma, or {} if it separates thousands (write no separator between thousands)",
                    quoted(&format!("{sign}{int}{frac}"))
                )
            } else {
                format!("decimals are written with a point: write {decimal}")
            })
        }
        // `1.200.000` or `1.200,5`: points between thousands, a decimal comma.
        (comma, _)
            if {
                let int = comma.map_or(unsigned, |(i, _)| i);
                int.contains('.') && grouped(int, '.') && comma.is_none_or(|(_, f)| digits(f))
            } =>
        {
            let int = comma.map_or(unsigned, |(i, _)| i).replace('.', "");
            Some(match comma {
                Some((_, frac)) => format!(
                    "decimals are written with a point and nothing between thousands: write {}",
                    point(&int, frac)
                ),
                None => format!(
                    "write {} if the points separate thousands (write no separator between thousands)",
                    quoted(&format!("{sign}{int}"))
                ),
            })
        }
        // `1,200,000` or `1,200.5`: commas between thousands.
        (Some(_), _) => {
            let (int, frac) = match unsigned.split_once('.') {
                Some((i, f)) => (i, Some(f)),
                None => (unsigned, None),
            };
            if !grouped(int, ',') || frac.is_some_and(|f| !digits(f)) {
                return None;
            }
            let int = int.replace(',', "");
            Some(format!(
                "write no separator between thousands: write {}",
                match frac {
                    Some(frac) => point(&int, frac),
                    None => quoted(&format!("{sign}{int}")).to_string(),
                }
            ))
        }
        _ => None,
    }
}

/// The exponent's sign and digits, when it is `[+-]?digits`.
fn exponent_digits(exponent: &str) -> Option<(bool, &str)> {
    let (negative, digits) = match exponent.as_bytes().first()? {
        b'-' => (true, exponent.get(1..)?),
        b'+' => (false, exponent.get(1..)?),
        _ => (false, exponent),
    };
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())).then_some((negative, digits))
}

/// `m × 10^exponent`, exactly, when it fits a decimal; `exponent` is the
/// text after the `e`, with an optional sign.
fn scale_by_power_of_ten(m: Decimal, exponent: &str) -> Option<Decimal> {
    let (negative, digits) = exponent_digits(exponent)?;
    if m.is_zero() {
        // Zero times any power of ten is zero: kept with the places written,
        // as far as a decimal has them.
        let scale = if negative {
            m.scale()
                .saturating_add(digits.parse::<u32>().unwrap_or(u32::MAX))
        } else {
            m.scale()
                .saturating_sub(digits.parse::<u32>().unwrap_or(u32::MAX))
        };
        return Decimal::try_from_i128_with_scale(0, scale.min(MAX_PLACES)).ok();
    }
    // Four digits are more than any other decimal can use; longer is refused
    // before it is read, so no exponent costs more than another.
    if digits.len() > 4 {
        return None;
    }
    let e: u32 = digits.parse().ok()?;
    let scale = m.scale();
    if negative {
        let mut mantissa = m.mantissa();
        let mut scale = scale.checked_add(e)?;
        // Zeros past the last place a decimal has change nothing: dropped.
        while scale > MAX_PLACES {
            if mantissa.checked_rem(10)? != 0 {
                return None;
            }
            mantissa = mantissa.checked_div(10)?;
            scale = scale.checked_sub(1)?;
        }
        Decimal::try_from_i128_with_scale(mantissa, scale).ok()
    } else if e <= scale {
        Decimal::try_from_i128_with_scale(m.mantissa(), scale.checked_sub(e)?).ok()
    } else {
        let factor = 10i128.checked_pow(e.checked_sub(scale)?)?;
        Decimal::try_from_i128_with_scale(m.mantissa().checked_mul(factor)?, 0).ok()
    }
}

/// The most decimal places a decimal has.
const MAX_PLACES: u32 = 28;

/// Parses `-?digits(.digits)?` exactly.
fn parse_plain_decimal(s: &str) -> Result<Decimal, String> {
    let unsigned = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = match unsigned.bytes().position(|b| b == b'.') {
        Some(dot) => (
            unsigned.get(..dot).unwrap_or_default(),
            unsigned.get(dot.saturating_add(1)..),
        ),
        None => (unsigned, None),
    };
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || frac.is_some_and(|f| !digits(f)) {
        return Err(not_a_decimal(s));
    }
    if let Some(d) = small_decimal(int, frac.unwrap_or_default(), unsigned.len() < s.len()) {
        return Ok(d);
    }
    let mut exact = s;
    if let Some(beyond) = frac.and_then(|f| f.get(28..)) {
        // Zeros past the 28th place change nothing: read without them.
        if !beyond.bytes().all(|b| b == b'0') {
            return Err(format!("{} has more than 28 decimal places", quoted(s)));
        }
        exact = s.get(..s.len().saturating_sub(beyond.len())).unwrap_or(s);
    }
    Decimal::from_str_exact(exact).map_err(|_| {
        format!(
            "{} is too large: a decimal holds at most 28 to 29 significant digits",
            quoted(s)
        )
    })
}

/// The decimal `int.frac` (digits only, checked) with the sign `negative`,
/// as rust_decimal reads it, when it has at most 18 digits (as nearly every
/// figure has): the digits summed in a `u64`, without rust_decimal's own
/// reading, which cost more than the rest of an observation's fields.
fn small_decimal(int: &str, frac: &str, negative: bool) -> Option<Decimal> {
    if int.len().checked_add(frac.len())? > 18 {
        return None;
    }
    // Below 10^18 < 2^63: no step can wrap.
    let mantissa = int.bytes().chain(frac.bytes()).fold(0u64, |m, b| {
        m.wrapping_mul(10)
            .wrapping_add(u64::from(b.wrapping_sub(b'0')))
    });
    let scale = u32::try_from(frac.len()).ok()?;
    let mut d = Decimal::try_from_i128_with_scale(i128::from(mantissa), scale).ok()?;
    d.set_sign_negative(negative && mantissa != 0);
    Some(d)
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

/// The value read last from a text, with that text: a document that gives
/// one period or one publication date many times in a row (a release of
/// figures) has it read once. Only a value read without a problem is kept,
/// and only from a short text.
#[derive(Debug)]
pub(crate) struct LastRead<T> {
    text: String,
    value: Option<T>,
}

impl<T> Default for LastRead<T> {
    fn default() -> Self {
        LastRead {
            text: String::new(),
            value: None,
        }
    }
}

impl<T: Copy> LastRead<T> {
    /// The longest text kept, in bytes.
    const MAX_TEXT: usize = 64;

    /// The value of `text`: the one kept when `text` is the last one read,
    /// else `read()`, kept when it is a value.
    pub(crate) fn read(&mut self, text: &str, read: impl FnOnce() -> Option<T>) -> Option<T> {
        if let Some(value) = self.value
            && self.text == text
        {
            return Some(value);
        }
        let value = read();
        self.value = value.filter(|_| text.len() <= Self::MAX_TEXT);
        if self.value.is_some() {
            self.text.clear();
            self.text.push_str(text);
        }
        value
    }
}

/// Parses an ISO calendar date, `YYYY-MM-DD`, with a four-digit year.
pub(crate) fn parse_date(s: &str) -> Result<Date, String> {
    let bad = || format!("{} is not a date of the form YYYY-MM-DD", quoted(s));
    let b = s.as_bytes();
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return Err(bad());
    }
    let year = parse_digits(s.get(0..4).ok_or_else(bad)?).ok_or_else(bad)?;
    let month = parse_digits(s.get(5..7).ok_or_else(bad)?).ok_or_else(bad)?;
    let day = parse_digits(s.get(8..10).ok_or_else(bad)?).ok_or_else(bad)?;
    make_date(year, month, day).ok_or_else(|| format!("{} is not a day of the calendar", quoted(s)))
}

/// Parses a run of ASCII digits (at most 9) into a number.
#[inline]
pub(crate) fn parse_digits(s: &str) -> Option<i32> {
    if s.is_empty() || s.len() > 9 {
        return None;
    }
    // Nine digits are below 10^9 < 2^31: no step can wrap.
    s.bytes().try_fold(0i32, |n, b| {
        b.is_ascii_digit().then(|| {
            n.wrapping_mul(10)
                .wrapping_add(i32::from(b.wrapping_sub(b'0')))
        })
    })
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
    match date_digits(d) {
        Some(b) => String::from_utf8_lossy(&b).into_owned(),
        None => format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day()),
    }
}

/// `YYYY-MM-DD` as ASCII bytes, without the formatting machinery (dates
/// are written in every sentence and record); `None` for a year outside
/// 1000..=9999, which [`format_date`] writes the slow way.
pub(crate) fn date_digits(d: Date) -> Option<[u8; 10]> {
    // Month and day at once: each alone is worked out from the day of the year.
    let (y, m, day) = d.to_calendar_date();
    let [y1, y2, y3, y4] = year_digits(y)?;
    let [m1, m2] = two_digits(u8::from(m));
    let [d1, d2] = two_digits(day);
    Some([y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2])
}

/// `YYYY` as ASCII bytes, the first four of [`date_digits`]; `None` for a
/// year outside 1000..=9999.
pub(crate) fn year_digits(year: i32) -> Option<[u8; 4]> {
    let y = u16::try_from(year)
        .ok()
        .filter(|y| (1000..=9999).contains(y))?;
    let [a, b] = two_digits(u8::try_from(y / 100).unwrap_or(0));
    let [c, d] = two_digits(u8::try_from(y % 100).unwrap_or(0));
    Some([a, b, c, d])
}

/// The two digits of `n` (below 100).
fn two_digits(n: u8) -> [u8; 2] {
    [
        b'0'.saturating_add(n / 10 % 10),
        b'0'.saturating_add(n % 10),
    ]
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
            "{} is not a valid id: use lowercase letters, digits and `_`",
            quoted(id)
        ))
    }
}

/// Checks a target, unit or series id: not empty, no surrounding spaces,
/// and only printable characters (see [`hidden`]).
pub(crate) fn check_name(id: &str, what: &str) -> Result<(), String> {
    let bytes = id.as_bytes();
    // The common case, checked byte by byte: printable ASCII, no space at
    // either end.
    if bytes.iter().all(|b| (b' '..=b'~').contains(b))
        && bytes.first().is_some_and(|b| *b != b' ')
        && bytes.last().is_some_and(|b| *b != b' ')
    {
        return Ok(());
    }
    if id.is_empty() {
        Err(format!("the {what} must not be empty"))
    } else if id.trim() != id {
        Err(format!("the {what} {} has surrounding spaces", quoted(id)))
    } else if let Some((c, why)) = id.chars().find_map(|c| hidden(c).map(|why| (c, why))) {
        Err(format!(
            "the {what} {} contains U+{:04X}, {why}: an id may hold only printable characters",
            quoted(id),
            u32::from(c)
        ))
    } else {
        Ok(())
    }
}

/// What makes `c` a character an id may not hold, if it is one: a control
/// character (Unicode category Cc), a line or paragraph separator (Zl, Zp),
/// a bidirectional formatting character (Unicode's Bidi_Control: U+061C,
/// U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) or a zero-width character
/// (U+200B–U+200D, U+2060, U+FEFF). Each is invisible, or reorders or
/// breaks the text around it, so that an id could look like another.
pub(crate) fn hidden(c: char) -> Option<&'static str> {
    match c {
        _ if c.is_control() => Some("a control character"),
        '\u{2028}' | '\u{2029}' => Some("a line or paragraph separator"),
        '\u{061C}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}' => Some("a bidirectional formatting character"),
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => Some("a zero-width character"),
        _ => None,
    }
}

/// The most characters of a text from the input that a message repeats.
pub(crate) const QUOTED_CHARS: usize = 80;

/// A text from the input as a message shows it: in backticks, its hidden
/// characters escaped (`\u{202e}`), and cut after [`QUOTED_CHARS`]
/// characters with its length: `` `kkkk…` (20000000 bytes) ``. However long
/// the text, the message stays short.
pub(crate) fn quoted(text: &str) -> Quoted<'_> {
    Quoted {
        text,
        backticks: true,
    }
}

/// As [`quoted`], without the backticks (an id beside a path).
pub(crate) fn shown(text: &str) -> Quoted<'_> {
    Quoted {
        text,
        backticks: false,
    }
}

/// See [`quoted`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Quoted<'a> {
    text: &'a str,
    backticks: bool,
}

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tick = if self.backticks { "`" } else { "" };
        f.write_str(tick)?;
        let mut cut = false;
        for (n, c) in self.text.chars().enumerate() {
            if n == QUOTED_CHARS {
                cut = true;
                break;
            }
            match hidden(c) {
                Some(_) if c.is_control() => write!(f, "{}", c.escape_debug())?,
                Some(_) => write!(f, "{}", c.escape_unicode())?,
                None => write!(f, "{c}")?,
            }
        }
        if cut {
            write!(f, "…{tick} ({} bytes)", self.text.len())
        } else {
            f.write_str(tick)
        }
    }
}

/// How many items a short `Debug` shows before `…`.
pub(crate) const PREVIEW_ITEMS: usize = 3;

/// A list in a short `Debug`: how many, and the first few
/// ([`PREVIEW_ITEMS`]): `42 ["a", "b", "c", …]`, on one line even with `{:#?}`.
pub(crate) struct Preview<'a> {
    count: usize,
    first: Vec<&'a str>,
}

impl<'a> Preview<'a> {
    pub(crate) fn new(count: usize, items: impl Iterator<Item = &'a str>) -> Self {
        Preview {
            count,
            first: items.take(PREVIEW_ITEMS).collect(),
        }
    }
}

impl fmt::Debug for Preview<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} [", self.count)?;
        for (i, item) in self.first.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "\"{}\"", shown(item))?;
        }
        if self.count > self.first.len() {
            f.write_str(if self.first.is_empty() {
                "…"
            } else {
                ", …"
            })?;
        }
        f.write_str("]")
    }
}

/// A decimal written as rust_decimal's `Display` writes it (`-0.50`,
/// `0.007`, `120`), from its mantissa's digits: rust_decimal's own writer
/// divides the 96-bit mantissa by ten once a digit, which was a sixth of the
/// cost of writing a results document. With a width or a precision asked
/// for, rust_decimal's own writer pads it.
pub(crate) struct Plain(pub(crate) Decimal);

impl fmt::Display for Plain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if f.width().is_some() || f.precision().is_some() {
            return fmt::Display::fmt(&self.0, f);
        }
        write_plain(self.0, |s| f.write_str(s))
    }
}

/// Writes `d` as [`Plain`] shows it, piece by piece, to `out`.
pub(crate) fn write_plain<E>(
    d: Decimal,
    mut out: impl FnMut(&str) -> Result<(), E>,
) -> Result<(), E> {
    const ZEROS: &str = "0000000000000000000000000000";
    if d.is_sign_negative() {
        out("-")?;
    }
    let mantissa = d.mantissa().unsigned_abs();
    let mut b = itoa::Buffer::new();
    // The same digits as a u64 where they fit (most values): itoa writes a
    // u128 several times slower.
    let digits = match u64::try_from(mantissa) {
        Ok(0) => "",
        Ok(m) => b.format(m),
        Err(_) => b.format(mantissa),
    };
    let scale = usize::try_from(d.scale()).unwrap_or(usize::MAX);
    match digits.len().checked_sub(scale) {
        // No fraction: the digits, or `0` for zero.
        _ if scale == 0 => out(if digits.is_empty() { "0" } else { digits }),
        // A whole part and a fraction.
        Some(whole) if whole > 0 => {
            let (int, frac) = digits.split_at(whole);
            out(int)?;
            out(".")?;
            out(frac)
        }
        // Only a fraction: `0.`, zeros up to the scale, the digits.
        _ => {
            out("0.")?;
            out(ZEROS
                .get(..scale.saturating_sub(digits.len()))
                .unwrap_or(ZEROS))?;
            out(digits)
        }
    }
}

#[cfg(test)]
mod tests {
    proptest::proptest! {
        /// Digits are read as `str::parse` reads them, and only digits.
        #[test]
        fn digits_read_as_parse_reads_them(s in "[0-9+ -]{0,10}") {
            let parsed = (!s.is_empty() && s.len() <= 9 && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse::<i32>().ok())
                .flatten();
            proptest::prop_assert_eq!(parse_digits(&s), parsed);
        }

        /// The short way of reading a decimal gives rust_decimal's reading:
        /// the same value, scale and sign (`-0` is a zero without sign).
        #[test]
        fn plain_decimals_read_as_rust_decimal_reads_them(s in "-?[0-9]{1,20}(\\.[0-9]{1,20})?") {
            let ours = parse_plain_decimal(&s);
            match Decimal::from_str_exact(&s) {
                Ok(theirs) => {
                    let ours = ours.unwrap();
                    proptest::prop_assert_eq!(ours, theirs);
                    proptest::prop_assert_eq!(ours.scale(), theirs.scale());
                    proptest::prop_assert_eq!(ours.is_sign_negative(), theirs.is_sign_negative());
                }
                Err(_) => proptest::prop_assert!(ours.is_err()),
            }
        }

        /// A decimal is written as rust_decimal writes it, whether its
        /// mantissa fits in a u64 (the short way) or not.
        #[test]
        fn decimals_are_written_as_rust_decimal_writes_them(
            lo: u32, mid: u32, hi: u32, negative: bool, scale in 0u32..=28, short in 0u32..3,
        ) {
            let (mid, hi) = match short {
                0 => (0, 0),
                1 => (mid, 0),
                _ => (mid, hi),
            };
            let d = Decimal::from_parts(lo, mid, hi, negative, scale);
            let mut ours = String::new();
            write_plain(d, |s| {
                ours.push_str(s);
                Ok::<(), ()>(())
            })
            .unwrap();
            proptest::prop_assert_eq!(ours, d.to_string());
        }
    }

    #[test]
    fn dates_are_written_as_the_formatter_writes_them() {
        let slow = |d: Date| format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day());
        for year in [1, 999, 1000, 1999, 2024, 2025, 9999] {
            let mut d = Date::from_calendar_date(year, Month::January, 1).unwrap_or(Date::MIN);
            while d.year() == year {
                assert_eq!(format_date(d), slow(d));
                assert_eq!(date_digits(d).is_some(), (1000..=9999).contains(&year));
                d = d.next_day().unwrap_or(Date::MAX);
                if d == Date::MAX {
                    break;
                }
            }
        }
    }

    use super::*;

    #[test]
    fn separators_get_a_hint_to_write_the_number_plainly() {
        let hint = |s: &str| parse_decimal(s).unwrap_err();
        assert_eq!(
            hint("85,1"),
            "`85,1` is not a decimal number: decimals are written with a point: write `85.1`"
        );
        assert!(
            hint("-0,25").ends_with("write `-0.25`"),
            "{}",
            hint("-0,25")
        );
        assert!(hint("1,234").contains("write `1.234` if the comma is a decimal comma, or `1234`"));
        assert!(hint("1.200.000").contains("write `1200000` if the points separate thousands"));
        assert!(hint("1.200.000,5").ends_with("write `1200000.5`"));
        assert!(hint("1,200,000").ends_with("write `1200000`"));
        assert!(hint("1,200.75").ends_with("write `1200.75`"));
        for plain in [
            "85%",
            "1,2,3",
            "1.2.3",
            ",5",
            "5,",
            "abc",
            "1.200,",
            "12,34,567",
        ] {
            assert_eq!(hint(plain), format!("`{plain}` is not a decimal number"));
        }
        // A long text is echoed, and suggested, within the bound of `quoted`.
        let long = format!("{},5", "9".repeat(10_000));
        assert!(hint(&long).len() < 400, "{}", hint(&long).len());
    }

    #[test]
    fn dates() {
        assert_eq!(format_date(parse_date("2024-02-29").unwrap()), "2024-02-29");
        assert!(parse_date("2023-02-29").is_err());
        assert!(parse_date("2023-2-28").is_err());
        assert!(parse_date("0000-01-01").is_err());
        assert!(parse_date("9999-12-31").is_ok());
    }

    #[test]
    fn a_zero_is_zero_however_it_is_written() {
        let zero_places = format!("0.{}", "0".repeat(40));
        for text in [
            "0e-400",
            "0E+400",
            "-0e-99999999",
            "0.000e5",
            "0e0",
            zero_places.as_str(),
        ] {
            let d = parse_decimal(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert!(d.is_zero(), "{text}: {d}");
            assert!(d.scale() <= 28, "{text}: {d}");
        }
        // Zeros past the 28th place change nothing, whatever the digits before.
        let one = format!("1.{}", "0".repeat(35));
        assert_eq!(parse_decimal(&one).unwrap(), Decimal::ONE);
        assert_eq!(
            parse_decimal("1.50e-27").unwrap().to_string(),
            "0.0000000000000000000000000015"
        );
        assert_eq!(
            parse_decimal("100e-30").unwrap().to_string(),
            "0.0000000000000000000000000001"
        );
        // A digit other than 0 past the 28th place is refused, never rounded.
        for text in [
            "0.00000000000000000000000000001",
            "1.0000000000000000000000000000001",
            "1e-29",
            "15e-30",
            "1e-99999",
        ] {
            assert!(parse_decimal(text).is_err(), "{text}");
        }
        // An exponent that is not digits is not a number, even on a zero.
        for text in ["0e", "0e-", "0e1.5", "0e+-1"] {
            assert!(
                parse_decimal(text)
                    .unwrap_err()
                    .contains("is not a decimal number"),
                "{text}"
            );
        }
    }

    #[test]
    fn ids_hold_only_printable_characters() {
        for id in ["VN", "VN-HN", "Hà Nội", "gso 2024", "a/b (c)"] {
            assert!(check_name(id, "unit").is_ok(), "{id}");
        }
        for (id, why) in [
            ("V\u{200B}N", "U+200B, a zero-width character"),
            ("\u{FEFF}VN", "U+FEFF, a zero-width character"),
            ("VN\u{2060}x", "U+2060, a zero-width character"),
            ("VN\u{202E}", "U+202E, a bidirectional formatting character"),
            ("a\u{2066}b", "U+2066, a bidirectional formatting character"),
            ("a\u{200F}b", "U+200F, a bidirectional formatting character"),
            ("a\u{061C}b", "U+061C, a bidirectional formatting character"),
            ("V\tN", "U+0009, a control character"),
            ("V\u{85}N", "U+0085, a control character"),
            ("a\u{2028}b", "U+2028, a line or paragraph separator"),
        ] {
            let m = check_name(id, "unit").unwrap_err();
            assert!(m.contains(why), "{m}");
            // The message shows the character escaped, never raw.
            assert!(!m.contains(id), "{m}");
        }
        assert!(
            check_name(" VN", "unit")
                .unwrap_err()
                .contains("surrounding spaces")
        );
        assert!(check_name("", "unit").unwrap_err().contains("empty"));
    }

    #[test]
    fn quoted_text_is_short_and_visible() {
        assert_eq!(quoted("VN").to_string(), "`VN`");
        assert_eq!(shown("VN").to_string(), "VN");
        assert_eq!(quoted("a\u{202E}b\nc").to_string(), "`a\\u{202e}b\\nc`");
        let long = "k".repeat(20_000_000);
        let q = quoted(&long).to_string();
        assert_eq!(q, format!("`{}…` (20000000 bytes)", "k".repeat(80)));
        // Exactly 80 characters are shown whole; multi-byte ones count once.
        let eighty = "ệ".repeat(80);
        assert_eq!(quoted(&eighty).to_string(), format!("`{eighty}`"));
        let more = "ệ".repeat(81);
        assert!(quoted(&more).to_string().ends_with("…` (243 bytes)"));
    }
}
