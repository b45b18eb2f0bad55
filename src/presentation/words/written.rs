//! Numbers, days, periods, figures and rules as each language writes them
//! in a sentence: `85,1%` and `17/09/2024` in Vietnamese, `85.1%` and
//! `2024-09-17` in English.

use std::fmt;

use rust_decimal::Decimal;
use time::Date;

use crate::foundations::exact::round_dp;
use crate::foundations::metric::{MetricKind, Rule};
use crate::foundations::period::{Period, PeriodKind};
use crate::foundations::text::{Plain, date_digits, write_plain};
use crate::model::observation::Obs;
use crate::model::qualifier::Qualifier;
use crate::model::reading::Reading;
use crate::model::unit::UnitLevel;
use crate::presentation::words::lang::Lang;

/// A number written as `text` (`-1234567.5`) with the digits of its whole
/// part grouped by threes from five digits on, and the given separators:
/// `1.234.567,5` with `('.', ',')`. Years and ranks (four digits) read as
/// they are written.
pub(crate) fn grouped(text: &str, group: char, point: char) -> String {
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let mut out = String::from(sign);
    let len = int.chars().count();
    for (i, c) in int.chars().enumerate() {
        let left = len.saturating_sub(i);
        if len > 4 && i > 0 && left.is_multiple_of(3) {
            out.push(group);
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push(point);
        out.push_str(frac);
    }
    out
}

/// A number in a sentence, as written (its scale kept): `85.10` in
/// English, `85,10` in Vietnamese (and `1.200.000`).
pub(crate) fn number(d: Decimal, lang: Lang) -> Number {
    Number(d, lang)
}

/// A number written for a sentence; see [`number`]. English is written
/// straight into the sentence, without an intermediate string.
pub(crate) struct Number(Decimal, Lang);

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.1 {
            Lang::En => fmt::Display::fmt(&Plain(self.0), f),
            Lang::Vi => f.write_str(&grouped(&Plain(self.0).to_string(), '.', ',')),
        }
    }
}

/// Writes `d` as `write!(f, "{}", number(d, lang))` does, whatever the
/// width or precision `f` was given (as [`number`] written through `{}`
/// ignores them), without a second pass through the formatting machinery:
/// a sentence writes several numbers, and a document a sentence a target.
fn write_number(f: &mut fmt::Formatter<'_>, d: Decimal, lang: Lang) -> fmt::Result {
    match lang {
        Lang::En => write_plain(d, |s| f.write_str(s)),
        Lang::Vi => f.write_str(&grouped(&Plain(d).to_string(), '.', ',')),
    }
}

/// A day in a sentence: `2024-09-17`, `17/09/2024`.
pub(crate) fn date(d: Date, lang: Lang) -> Day {
    Day(d, lang)
}

/// A day written for a sentence; see [`date`].
pub(crate) struct Day(Date, Lang);

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Day(d, lang) = *self;
        if let Some([y1, y2, y3, y4, _, m1, m2, _, d1, d2]) = date_digits(d) {
            let text = match lang {
                Lang::En => [y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2],
                Lang::Vi => [d1, d2, b'/', m1, m2, b'/', y1, y2, y3, y4],
            };
            return f.write_str(std::str::from_utf8(&text).unwrap_or_default());
        }
        let (y, m, day) = (d.year(), u8::from(d.month()), d.day());
        match lang {
            Lang::En => write!(f, "{y:04}-{m:02}-{day:02}"),
            Lang::Vi => write!(f, "{day:02}/{m:02}/{y}"),
        }
    }
}

/// A period in a sentence: as written in English (`2025-Q3`); in
/// Vietnamese as a report names it: `năm 2024`, `quý III/2025`,
/// `tháng 7/2025`, `6 tháng đầu năm 2025`, `ngày 15/07/2025`,
/// `từ 01/07/2024 đến 30/06/2025`.
pub(crate) fn period(p: Period, lang: Lang) -> PeriodIn {
    PeriodIn(p, lang)
}

/// A period written for a sentence; see [`period`].
pub(crate) struct PeriodIn(Period, Lang);

impl fmt::Display for PeriodIn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let PeriodIn(p, lang) = *self;
        if lang == Lang::En {
            return fmt::Display::fmt(&p, f);
        }
        let year = p.start().year();
        let month = u8::from(p.start().month());
        match p.kind() {
            PeriodKind::Year => write!(f, "năm {year}"),
            PeriodKind::Half if month <= 6 => write!(f, "6 tháng đầu năm {year}"),
            PeriodKind::Half => write!(f, "6 tháng cuối năm {year}"),
            PeriodKind::Quarter => {
                let q = ["I", "II", "III", "IV"]
                    .get(usize::from(month.saturating_sub(1) / 3))
                    .copied()
                    .unwrap_or("");
                write!(f, "quý {q}/{year}")
            }
            PeriodKind::Month => write!(f, "tháng {month}/{year}"),
            PeriodKind::Day => write!(f, "ngày {}", date(p.start(), lang)),
            PeriodKind::Range => write!(
                f,
                "từ {} đến {}",
                date(p.start(), lang),
                date(p.end(), lang)
            ),
        }
    }
}

/// A value with its kind's unit: `82.1%` for shares and growth rates,
/// `71` for a rank in English; `82,1%`, `hạng 71` in Vietnamese.
pub(crate) struct ValueShown(pub(crate) Decimal, pub(crate) MetricKind, pub(crate) Lang);

impl fmt::Display for ValueShown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ValueShown(v, kind, lang) = *self;
        // Piece by piece, as `write!(f, "{}%", number(v, lang))` would write
        // it; none of the pieces reads `f`'s width or precision.
        match (kind, lang) {
            (MetricKind::Percent | MetricKind::GrowthRate, _) => {
                write_number(f, v, lang)?;
                f.write_str("%")
            }
            (MetricKind::Rank, Lang::Vi) => {
                f.write_str("hạng ")?;
                write_number(f, v, lang)
            }
            _ => write_number(f, v, lang),
        }
    }
}

/// A share of counts: `29/100 = 29%`, or `1/3 ≈ 33.33%` where the share is
/// rounded to two decimal places for reading (`33,33%` in Vietnamese).
fn ratio_shown(r: Reading, lang: Lang) -> String {
    match (r, lang) {
        (
            Reading::Ratio {
                numerator,
                denominator,
            },
            Lang::Vi,
        ) => {
            let share = r.value();
            let shown = round_dp(share, 2);
            let sign = if shown == share { "=" } else { "≈" };
            format!(
                "{numerator}/{denominator} {sign} {}%",
                number(shown.normalize(), lang)
            )
        }
        _ => r.to_string(),
    }
}

/// What a qualifier says, before a value: `more than`, `trên`.
fn qualifier_words(q: Qualifier, lang: Lang) -> &'static str {
    match q {
        Qualifier::MoreThan => lang.pick("trên", "more than"),
        Qualifier::AtLeast => lang.pick("ít nhất", "at least"),
        Qualifier::LessThan => lang.pick("dưới", "less than"),
        Qualifier::AtMost => lang.pick("không quá", "at most"),
    }
}

/// A bounded figure: `more than 80%`, `trên 80%`; a rank in Vietnamese
/// with a sign, which cannot be misread as better or worse: `hạng > 50`.
pub(crate) struct BoundShown(
    pub(crate) Qualifier,
    pub(crate) Decimal,
    pub(crate) MetricKind,
    pub(crate) Lang,
);

impl fmt::Display for BoundShown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let BoundShown(q, v, kind, lang) = *self;
        if (kind, lang) == (MetricKind::Rank, Lang::Vi) {
            let sign = match q {
                Qualifier::MoreThan => ">",
                Qualifier::AtLeast => "≥",
                Qualifier::LessThan => "<",
                Qualifier::AtMost => "≤",
            };
            return write!(f, "hạng {sign} {}", number(v, lang));
        }
        write!(
            f,
            "{} {}",
            qualifier_words(q, lang),
            ValueShown(v, kind, lang)
        )
    }
}

/// A stored figure with its kind's unit: `82.1%`, `71`, `29/100 = 29%`,
/// `more than 80%`.
pub(crate) struct Shown<'o>(pub(crate) &'o Obs, pub(crate) MetricKind, pub(crate) Lang);

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Shown(o, kind, lang) = *self;
        match (o.qualifier, o.reading) {
            (Some(q), r) => write!(f, "{}", BoundShown(q, r.value(), kind, lang)),
            // `ValueShown` reads no width or precision: `f` is passed on.
            (None, Reading::Value(v)) => fmt::Display::fmt(&ValueShown(v, kind, lang), f),
            (None, r) => f.write_str(&ratio_shown(r, lang)),
        }
    }
}

/// A stored figure with its period and publication:
/// `82.1% (2025, published 2026-03-01)`,
/// `82,1% (năm 2025, công bố ngày 01/03/2026)`.
pub(crate) struct FigureShown<'o>(pub(crate) &'o Obs, pub(crate) MetricKind, pub(crate) Lang);

impl fmt::Display for FigureShown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let FigureShown(o, kind, lang) = *self;
        // `write!(f, "{} ({}, {} {})", …)` piece by piece (written for every
        // result): none of the pieces reads `f`'s width or precision, so
        // `f` is passed on to each.
        fmt::Display::fmt(&Shown(o, kind, lang), f)?;
        f.write_str(" (")?;
        fmt::Display::fmt(&period(o.period, lang), f)?;
        f.write_str(", ")?;
        f.write_str(lang.pick("công bố ngày", "published"))?;
        f.write_str(" ")?;
        fmt::Display::fmt(&date(o.published, lang), f)?;
        f.write_str(")")
    }
}

/// What tells one figure from another as [`FigureShown`] writes it: its
/// bound, its reading as written (equal decimals may be written
/// differently: `52` and `52.0`), its period and publication, and the kind
/// and language.
type FigureKey = (
    Option<Qualifier>,
    Result<[u8; 16], (u64, u64)>,
    Period,
    Date,
    MetricKind,
    Lang,
);

/// The figure the sentence before wrote ([`FigureShown`]), kept for the
/// next: a million targets on one series show one figure, written once.
#[derive(Debug, Default)]
pub(crate) struct Figures {
    last: Option<(FigureKey, String)>,
}

impl Figures {
    /// `FigureShown(o, kind, lang)` as written.
    pub(crate) fn shown(&mut self, o: &Obs, kind: MetricKind, lang: Lang) -> &str {
        let reading = match o.reading {
            Reading::Value(v) => Ok(v.serialize()),
            Reading::Ratio {
                numerator,
                denominator,
            } => Err((numerator, denominator)),
        };
        let key = (o.qualifier, reading, o.period, o.published, kind, lang);
        if !matches!(&self.last, Some((k, _)) if *k == key) {
            self.last = Some((key, FigureShown(o, kind, lang).to_string()));
        }
        self.last.as_ref().map_or("", |(_, text)| text)
    }
}

/// A figure in a sentence: [`FigureShown`], or its text as written before
/// ([`Figures`]).
pub(crate) enum Figure<'o, 't> {
    Shown(FigureShown<'o>),
    Written(&'t str),
}

impl fmt::Display for Figure<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // `FigureShown` reads no width or precision, nor does its text.
            Figure::Shown(shown) => fmt::Display::fmt(shown, f),
            Figure::Written(text) => f.write_str(text),
        }
    }
}

/// A projected value: a rank as a whole place, rounded up (`a rank of 10
/// (rounded up)`, `hạng 10 (làm tròn lên)`), other kinds as [`ValueShown`].
pub(crate) struct ProjectedShown(pub(crate) Decimal, pub(crate) MetricKind, pub(crate) Lang);

impl fmt::Display for ProjectedShown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ProjectedShown(v, kind, lang) = *self;
        match kind {
            // A whole place, rounded up (towards the worse place), so that
            // the place written keeps the verdict on a `within_top` rule.
            MetricKind::Rank => write!(
                f,
                "{} {} ({})",
                lang.pick("hạng", "a rank of"),
                number(v.ceil().max(Decimal::ONE).normalize(), lang),
                lang.pick("làm tròn lên", "rounded up")
            ),
            // `ValueShown` reads no width or precision: `f` is passed on.
            kind => fmt::Display::fmt(&ValueShown(v, kind, lang), f),
        }
    }
}

/// A rule with its kind's unit: `at least 80%`, `within the top 70`;
/// `ít nhất 80%`, `trong nhóm 70 dẫn đầu`.
pub(crate) struct RuleIn(pub(crate) Rule, pub(crate) MetricKind, pub(crate) Lang);

impl fmt::Display for RuleIn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let RuleIn(rule, kind, lang) = *self;
        if lang == Lang::En {
            // It reads no width or precision: `f` is passed on.
            return fmt::Display::fmt(&rule.display_in(kind), f);
        }
        let unit = match kind {
            MetricKind::Percent | MetricKind::GrowthRate => "%",
            _ => "",
        };
        let t = |x: Decimal| format!("{}{unit}", number(x, lang));
        match rule {
            Rule::AtLeast(x) => write!(f, "ít nhất {}", t(x)),
            Rule::AtMost(x) => write!(f, "không quá {}", t(x)),
            Rule::MoreThan(x) => write!(f, "trên {}", t(x)),
            Rule::LessThan(x) => write!(f, "dưới {}", t(x)),
            Rule::WithinTop(n) => write!(f, "trong nhóm {n} dẫn đầu"),
        }
    }
}

/// A level's name: `commune` or `communes`; in Vietnamese (no plural) `xã`.
pub(crate) fn level_name(level: UnitLevel, plural: bool, lang: Lang) -> &'static str {
    match (level, lang, plural) {
        (UnitLevel::National, Lang::Vi, _) => "đơn vị cấp quốc gia",
        (UnitLevel::Ministry, Lang::Vi, _) => "bộ",
        (UnitLevel::Province, Lang::Vi, _) => "tỉnh",
        (UnitLevel::District, Lang::Vi, _) => "huyện",
        (UnitLevel::Commune, Lang::Vi, _) => "xã",
        (UnitLevel::National, _, true) => "national units",
        (UnitLevel::Ministry, _, true) => "ministries",
        (UnitLevel::Province, _, true) => "provinces",
        (UnitLevel::District, _, true) => "districts",
        (UnitLevel::Commune, _, true) => "communes",
        (level, _, false) => level.as_str(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::observation::NONE;
    use proptest::prelude::*;

    /// A figure: one of a few values, as written in several ways (`52`,
    /// `52.0`), or a share, sometimes a bound, of a year or a quarter.
    #[allow(
        clippy::arithmetic_side_effects,
        reason = "small numbers and days of 2025"
    )]
    fn figure() -> impl Strategy<Value = Obs> {
        let reading = prop_oneof![
            (0i64..3, 0u32..3).prop_map(|(m, s)| Reading::Value(Decimal::new(m * 10i64.pow(s), s))),
            (0u64..3).prop_map(|n| Reading::Ratio {
                numerator: n,
                denominator: 3
            }),
        ];
        let qualifier = prop::option::weighted(0.2, Just(Qualifier::MoreThan));
        let period = prop_oneof![
            Just(Period::year(2025).unwrap()),
            Just(Period::quarter(2025, 4).unwrap()),
        ];
        let published = (0i32..2).prop_map(|k| {
            Date::from_calendar_date(2025, time::Month::December, 30).unwrap()
                + time::Duration::days(i64::from(k))
        });
        (reading, qualifier, period, published).prop_map(
            |(reading, qualifier, period, published)| Obs {
                reading,
                qualifier,
                period,
                published,
                indicator: 0,
                unit: 0,
                series: 0,
                source: NONE,
                note: NONE,
            },
        )
    }

    proptest! {
        /// A figure kept by `Figures` is the figure shown afresh, whatever
        /// was shown before.
        #[test]
        fn figures_kept_are_the_figures_shown(
            shown in prop::collection::vec((figure(), any::<bool>(), any::<bool>()), 1..16)
        ) {
            let mut figures = Figures::default();
            for (o, percent, english) in shown {
                let kind = if percent { MetricKind::Percent } else { MetricKind::Score };
                let lang = if english { Lang::En } else { Lang::Vi };
                prop_assert_eq!(
                    figures.shown(&o, kind, lang),
                    FigureShown(&o, kind, lang).to_string()
                );
            }
        }
    }

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn numbers_days_and_periods_in_each_language() {
        assert_eq!(number(d("85.1"), Lang::Vi).to_string(), "85,1");
        assert_eq!(number(d("85.10"), Lang::En).to_string(), "85.10");
        assert_eq!(number(d("1200000"), Lang::Vi).to_string(), "1.200.000");
        assert_eq!(number(d("2030"), Lang::Vi).to_string(), "2030");
        assert_eq!(grouped("-12345", ',', '.'), "-12,345");
        let day = crate::parse_date("2024-09-17").unwrap();
        assert_eq!(date(day, Lang::Vi).to_string(), "17/09/2024");
        assert_eq!(date(day, Lang::En).to_string(), "2024-09-17");
        let p = |s: &str| s.parse::<Period>().unwrap();
        assert_eq!(period(p("2024"), Lang::Vi).to_string(), "năm 2024");
        assert_eq!(period(p("2025-Q3"), Lang::Vi).to_string(), "quý III/2025");
        assert_eq!(period(p("2025-Q3"), Lang::En).to_string(), "2025-Q3");
        assert_eq!(period(p("2025-07"), Lang::Vi).to_string(), "tháng 7/2025");
        assert_eq!(
            period(p("2025-H2"), Lang::Vi).to_string(),
            "6 tháng cuối năm 2025"
        );
        assert_eq!(
            period(p("2024-07-01/2025-06-30"), Lang::Vi).to_string(),
            "từ 01/07/2024 đến 30/06/2025"
        );
    }

    #[test]
    fn figures_and_rules_in_each_language() {
        let pct = MetricKind::Percent;
        assert_eq!(ValueShown(d("85.1"), pct, Lang::Vi).to_string(), "85,1%");
        assert_eq!(
            ValueShown(d("71"), MetricKind::Rank, Lang::Vi).to_string(),
            "hạng 71"
        );
        assert_eq!(
            ValueShown(d("71"), MetricKind::Rank, Lang::En).to_string(),
            "71"
        );
        assert_eq!(
            BoundShown(Qualifier::MoreThan, d("80"), pct, Lang::Vi).to_string(),
            "trên 80%"
        );
        assert_eq!(
            BoundShown(Qualifier::AtLeast, d("58.5"), pct, Lang::En).to_string(),
            "at least 58.5%"
        );
        assert_eq!(
            BoundShown(Qualifier::MoreThan, d("50"), MetricKind::Rank, Lang::Vi).to_string(),
            "hạng > 50"
        );
        assert_eq!(
            RuleIn(Rule::AtLeast(d("80")), pct, Lang::Vi).to_string(),
            "ít nhất 80%"
        );
        assert_eq!(
            RuleIn(Rule::WithinTop(70), MetricKind::Rank, Lang::Vi).to_string(),
            "trong nhóm 70 dẫn đầu"
        );
        assert_eq!(
            RuleIn(Rule::MoreThan(d("50")), pct, Lang::En).to_string(),
            "more than 50%"
        );
        assert_eq!(
            ratio_shown(
                Reading::Ratio {
                    numerator: 1,
                    denominator: 3
                },
                Lang::Vi
            ),
            "1/3 ≈ 33,33%"
        );
    }
}
