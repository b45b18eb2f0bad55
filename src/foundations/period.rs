//! Periods: the span of time a figure is about, or a deadline.

use std::fmt;
use std::str::FromStr;

use time::{Date, Month};

use crate::foundations::error::{Error, ErrorKind, by_name};
use crate::foundations::text::{
    format_date, make_date, parse_date, parse_digits, quoted, year_digits,
};

/// How a [`Period`] was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum PeriodKind {
    /// A calendar year, `2025`.
    Year,
    /// A half year, `2025-H1`.
    Half,
    /// A quarter, `2025-Q3`.
    Quarter,
    /// A month, `2025-07`.
    Month,
    /// A single day, `2025-07-15`.
    Day,
    /// An inclusive range of days, `2024-07-01/2025-06-30`.
    Range,
}

impl PeriodKind {
    /// Every kind, in the order of their declaration.
    pub const ALL: [PeriodKind; 6] = [
        PeriodKind::Year,
        PeriodKind::Half,
        PeriodKind::Quarter,
        PeriodKind::Month,
        PeriodKind::Day,
        PeriodKind::Range,
    ];

    /// The kind's name: `year`, `half`, `quarter`, `month`, `day` or `range`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            PeriodKind::Year => "year",
            PeriodKind::Half => "half",
            PeriodKind::Quarter => "quarter",
            PeriodKind::Month => "month",
            PeriodKind::Day => "day",
            PeriodKind::Range => "range",
        }
    }
}

impl fmt::Display for PeriodKind {
    /// The kind's name ([`PeriodKind::as_str`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for PeriodKind {
    type Err = Error;

    /// The kind named `s` ([`PeriodKind::as_str`]).
    fn from_str(s: &str) -> Result<PeriodKind, Error> {
        by_name(&PeriodKind::ALL, PeriodKind::as_str, s, |s| {
            format!("{s} is not a kind of period: use year, half, quarter, month, day or range")
        })
    }
}

/// A span of days: the period an observation is about, or a deadline.
///
/// Written as `2025`, `2025-H1`, `2025-Q3`, `2025-07`, `2025-07-15` or an
/// inclusive range `2024-07-01/2025-06-30`; years run from 1 to 9999.
/// A period's [`end`](Period::end) is its last day; a deadline written as a
/// period falls at the end of that day.
///
/// Periods are ordered by their last day, then by their first day (of two
/// periods ending the same day, the longer comes first: `2025` before
/// `2025-Q4` before `2025-12`), then by how they are written ([`PeriodKind`]:
/// `2025` before `2025-01-01/2025-12-31`), so that the order agrees with
/// equality.
///
/// Two periods are equal when they are written the same way. The evaluation
/// engine compares *spans*: `2025` and `2025-01-01/2025-12-31` cover the same
/// days and are treated as one period there (see [`Period::same_span`]).
///
/// ```
/// use policy_targets::Period;
/// let q3: Period = "2025-Q3".parse()?;
/// assert_eq!(q3.start().to_string(), "2025-07-01");
/// assert_eq!(q3.end().to_string(), "2025-09-30");
/// assert_eq!(q3.to_string(), "2025-Q3");
/// # Ok::<(), policy_targets::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Period {
    start: Date,
    end: Date,
    kind: PeriodKind,
}

impl Period {
    /// The calendar year `year` (1 to 9999).
    ///
    /// # Errors
    /// [`ErrorKind::OutOfRange`] when the year is outside 1 to 9999.
    pub fn year(year: i32) -> Result<Period, Error> {
        Self::build(year, 1, 12, PeriodKind::Year)
    }

    /// Half `half` (1 or 2) of `year`.
    ///
    /// # Errors
    /// [`ErrorKind::OutOfRange`] for a half other than 1 or 2 or a year outside 1 to 9999.
    pub fn half(year: i32, half: u8) -> Result<Period, Error> {
        let (first, last) = match half {
            1 => (1, 6),
            2 => (7, 12),
            _ => return Err(out_of_range(format!("half {half} is not 1 or 2"))),
        };
        Self::build(year, first, last, PeriodKind::Half)
    }

    /// Quarter `quarter` (1 to 4) of `year`.
    ///
    /// # Errors
    /// [`ErrorKind::OutOfRange`] for a quarter other than 1 to 4 or a year outside 1 to 9999.
    pub fn quarter(year: i32, quarter: u8) -> Result<Period, Error> {
        let (first, last) = match quarter {
            1 => (1, 3),
            2 => (4, 6),
            3 => (7, 9),
            4 => (10, 12),
            _ => return Err(out_of_range(format!("quarter {quarter} is not 1 to 4"))),
        };
        Self::build(year, first, last, PeriodKind::Quarter)
    }

    /// Month `month` (1 to 12) of `year`.
    ///
    /// # Errors
    /// [`ErrorKind::OutOfRange`] for a month other than 1 to 12 or a year outside 1 to 9999.
    pub fn month(year: i32, month: u8) -> Result<Period, Error> {
        let m = i32::from(month);
        if !(1..=12).contains(&m) {
            return Err(out_of_range(format!("month {month} is not 1 to 12")));
        }
        Self::build(year, m, m, PeriodKind::Month)
    }

    /// The single day `date`.
    ///
    /// # Errors
    /// [`ErrorKind::OutOfRange`] for a year outside 1 to 9999.
    pub fn day(date: Date) -> Result<Period, Error> {
        Self::range_of(date, date, PeriodKind::Day)
    }

    /// The inclusive range of days from `start` to `end`.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidValue`] when `end` is before `start`;
    /// [`ErrorKind::OutOfRange`] for a year outside 1 to 9999.
    pub fn range(start: Date, end: Date) -> Result<Period, Error> {
        if end < start {
            return Err(Error::single(
                ErrorKind::InvalidValue,
                "",
                format!(
                    "the range ends ({}) before it starts ({})",
                    format_date(end),
                    format_date(start)
                ),
            ));
        }
        Self::range_of(start, end, PeriodKind::Range)
    }

    fn range_of(start: Date, end: Date, kind: PeriodKind) -> Result<Period, Error> {
        for d in [start, end] {
            if !(1..=9999).contains(&d.year()) {
                return Err(out_of_range(format!(
                    "year {} is outside 1 to 9999",
                    d.year()
                )));
            }
        }
        Ok(Period { start, end, kind })
    }

    fn build(
        year: i32,
        first_month: i32,
        last_month: i32,
        kind: PeriodKind,
    ) -> Result<Period, Error> {
        let start = make_date(year, first_month, 1)
            .ok_or_else(|| out_of_range(format!("year {year} is outside 1 to 9999")))?;
        let end = last_day_of_month(year, last_month)
            .ok_or_else(|| out_of_range(format!("year {year} is outside 1 to 9999")))?;
        Ok(Period { start, end, kind })
    }

    /// The first day of the period.
    #[must_use]
    pub fn start(&self) -> Date {
        self.start
    }

    /// The last day of the period.
    #[must_use]
    pub fn end(&self) -> Date {
        self.end
    }

    /// How the period was written.
    #[must_use]
    pub fn kind(&self) -> PeriodKind {
        self.kind
    }

    /// Whether `date` lies within the period.
    #[must_use]
    pub fn contains(&self, date: Date) -> bool {
        self.start <= date && date <= self.end
    }

    /// Whether the two periods cover exactly the same days, however written.
    #[must_use]
    pub fn same_span(&self, other: &Period) -> bool {
        self.start == other.start && self.end == other.end
    }

    /// The calendar year, quarter or month containing `date`.
    pub(crate) fn enclosing(date: Date, kind: PeriodKind) -> Option<Period> {
        let year = date.year();
        let month = u8::from(date.month());
        match kind {
            PeriodKind::Year => Period::year(year).ok(),
            PeriodKind::Quarter => Period::quarter(year, month.div_ceil(3)).ok(),
            PeriodKind::Month => Period::month(year, month).ok(),
            PeriodKind::Half => Period::half(year, month.div_ceil(6)).ok(),
            PeriodKind::Day | PeriodKind::Range => Period::day(date).ok(),
        }
    }
}

fn out_of_range(message: String) -> Error {
    Error::single(ErrorKind::OutOfRange, "", message)
}

fn last_day_of_month(year: i32, month: i32) -> Option<Date> {
    let m = Month::try_from(u8::try_from(month).ok()?).ok()?;
    make_date(year, month, i32::from(time::util::days_in_month(m, year)))
}

impl Ord for Period {
    /// By last day, then first day, then how written: see [`Period`].
    fn cmp(&self, other: &Period) -> std::cmp::Ordering {
        self.end
            .cmp(&other.end)
            .then(self.start.cmp(&other.start))
            .then(self.kind.cmp(&other.kind))
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Period) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let year = self.start.year();
        // Worked out from the day of the year: only where it is written.
        let month = || u8::from(self.start.month());
        match self.kind {
            // A year of four digits, without the formatting machinery (a
            // period is written in every sentence).
            PeriodKind::Year => match year_digits(year) {
                Some(y) => f.write_str(std::str::from_utf8(&y).unwrap_or_default()),
                None => write!(f, "{year:04}"),
            },
            PeriodKind::Half => write!(f, "{year:04}-H{}", month().div_ceil(6)),
            PeriodKind::Quarter => write!(f, "{year:04}-Q{}", month().div_ceil(3)),
            PeriodKind::Month => write!(f, "{year:04}-{:02}", month()),
            PeriodKind::Day => f.write_str(&format_date(self.start)),
            PeriodKind::Range => write!(f, "{}/{}", format_date(self.start), format_date(self.end)),
        }
    }
}

impl FromStr for Period {
    type Err = Error;

    /// Parses any of the written forms; see [`Period`].
    fn from_str(s: &str) -> Result<Period, Error> {
        parse_period(s).map_err(|m| Error::single(ErrorKind::InvalidValue, "", m))
    }
}

/// Parses a period, returning the problem in words.
pub(crate) fn parse_period(s: &str) -> Result<Period, String> {
    let bad = || {
        format!(
            "{} is not a period: write 2025, 2025-H1, 2025-Q3, 2025-07, 2025-07-15 or 2024-07-01/2025-06-30",
            quoted(s)
        )
    };
    // A range is two dates: longer than any other period.
    if s.len() > 10
        && let Some((a, b)) = s.split_once('/')
    {
        let start = parse_date(a).map_err(|_| bad())?;
        let end = parse_date(b).map_err(|_| bad())?;
        return Period::range(start, end).map_err(|e| format!("{}: {e}", quoted(s)));
    }
    let year_text = s.get(0..4).ok_or_else(bad)?;
    let year = parse_digits(year_text).ok_or_else(bad)?;
    if year == 0 {
        return Err(format!("{}: years run from 1 to 9999", quoted(s)));
    }
    let rest = s.get(4..).ok_or_else(bad)?;
    let number = |t: &str| {
        parse_digits(t)
            .and_then(|n| u8::try_from(n).ok())
            .ok_or_else(bad)
    };
    let result = match rest.as_bytes() {
        [] => Period::year(year),
        [b'-', b'H', _] => Period::half(year, number(rest.get(2..).ok_or_else(bad)?)?),
        [b'-', b'Q', _] => Period::quarter(year, number(rest.get(2..).ok_or_else(bad)?)?),
        [b'-', _, _] => Period::month(year, number(rest.get(1..).ok_or_else(bad)?)?),
        [b'-', _, _, b'-', _, _] => {
            return parse_date(s).and_then(|d| Period::day(d).map_err(|e| e.to_string()));
        }
        _ => return Err(bad()),
    };
    result.map_err(|e| format!("{}: {e}", quoted(s)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_round_trip() {
        for s in [
            "2025",
            "2025-H2",
            "2025-Q4",
            "2025-02",
            "2024-02-29",
            "2024-07-01/2025-06-30",
            "9999-Q4",
            "0001",
        ] {
            assert_eq!(s.parse::<Period>().unwrap().to_string(), s);
        }
    }

    #[test]
    fn ends() {
        assert_eq!(
            format_date("2024-02".parse::<Period>().unwrap().end()),
            "2024-02-29"
        );
        assert_eq!(
            format_date("2025-H1".parse::<Period>().unwrap().end()),
            "2025-06-30"
        );
        assert_eq!(
            format_date("9999-Q4".parse::<Period>().unwrap().end()),
            "9999-12-31"
        );
    }

    #[test]
    fn bad_forms() {
        for s in [
            "",
            "25",
            "2025-Q5",
            "2025-H0",
            "2025-13",
            "2025-00",
            "2025-02-30",
            "0000",
            "2025-06-30/2025-01-01",
            "2025/",
            "20x5",
            "2025-Q",
            "-2025",
        ] {
            assert!(s.parse::<Period>().is_err(), "{s}");
        }
    }

    #[test]
    fn enclosing_periods() {
        let d = parse_date("2025-08-15").unwrap();
        assert_eq!(
            Period::enclosing(d, PeriodKind::Quarter)
                .unwrap()
                .to_string(),
            "2025-Q3"
        );
        assert_eq!(
            Period::enclosing(d, PeriodKind::Month).unwrap().to_string(),
            "2025-08"
        );
        assert_eq!(
            Period::enclosing(d, PeriodKind::Year).unwrap().to_string(),
            "2025"
        );
    }
}
