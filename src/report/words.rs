//! The report's words and numbers in the reader's language.

use super::Lang;
use crate::presentation::words::written::grouped;
use crate::{Date, Decimal, MetricKind, Rule, Status};

/// The status in words (`Chậm tiến độ`, `off track`).
pub(super) fn status(s: Status, lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => s.label_vi(),
        Lang::En => s.label_en(),
    }
}

/// The colour family of a status, a CSS class: the label is always written
/// beside it, so no status is told by colour alone.
pub(super) fn tone(s: Status) -> &'static str {
    match s {
        Status::Met | Status::Achieved => "good",
        Status::OnTrack => "fair",
        Status::Missed | Status::OffTrack => "bad",
        Status::AwaitingData | Status::InsufficientData | Status::Inconclusive => "wait",
        _ => "none",
    }
}

/// A number as the language writes it: `1.234.567,5` in Vietnamese,
/// `1,234,567.5` in English; thousands are grouped from five digits on, so
/// that years and ranks read as they are written.
pub(super) fn number(d: Decimal, lang: Lang) -> String {
    let (group, point) = lang.pick(('.', ','), (',', '.'));
    grouped(&d.normalize().to_string(), group, point)
}

/// The unit written after a value of the kind: `%` for shares and growth rates.
pub(super) fn unit(kind: MetricKind) -> &'static str {
    match kind {
        MetricKind::Percent | MetricKind::GrowthRate => "%",
        _ => "",
    }
}

/// A value with its unit: `14,02%`, `hạng 71`.
pub(super) fn value(d: Decimal, kind: MetricKind, lang: Lang) -> String {
    match kind {
        MetricKind::Rank => format!("{} {}", lang.pick("hạng", "rank"), number(d, lang)),
        _ => format!("{}{}", number(d, lang), unit(kind)),
    }
}

/// The rule as a threshold: `≥ 80%`, `> 50%`, `trong top 70`.
pub(super) fn rule(rule: Rule, kind: MetricKind, lang: Lang) -> String {
    let t = |x: Decimal| format!("{}{}", number(x, lang), unit(kind));
    match rule {
        Rule::AtLeast(x) => format!("≥ {}", t(x)),
        Rule::AtMost(x) => format!("≤ {}", t(x)),
        Rule::MoreThan(x) => format!("> {}", t(x)),
        Rule::LessThan(x) => format!("< {}", t(x)),
        Rule::WithinTop(n) => format!("{} {n}", lang.pick("trong top", "within the top")),
    }
}

/// A day as the language writes it: `28/11/2026`, `2026-11-28`.
pub(super) fn date(d: Date, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{:02}/{:02}/{}", d.day(), u8::from(d.month()), d.year()),
        Lang::En => format!("{}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day()),
    }
}

/// The title of a chart's value axis.
pub(super) fn axis(kind: MetricKind, lang: Lang) -> &'static str {
    match kind {
        MetricKind::Percent => lang.pick("Tỷ lệ (%)", "Share (%)"),
        MetricKind::GrowthRate => lang.pick("Tốc độ tăng (%/năm)", "Growth (% a year)"),
        MetricKind::Rank => lang.pick("Thứ hạng (1 = cao nhất)", "Rank (1 = best)"),
        MetricKind::Score => lang.pick("Điểm", "Score"),
        MetricKind::Count => lang.pick("Số lượng", "Count"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn numbers_are_written_as_each_language_writes_them() {
        assert_eq!(number(d("14.02"), Lang::Vi), "14,02");
        assert_eq!(number(d("14.02"), Lang::En), "14.02");
        assert_eq!(number(d("2030"), Lang::Vi), "2030");
        assert_eq!(number(d("1234567.50"), Lang::Vi), "1.234.567,5");
        assert_eq!(number(d("-12345"), Lang::En), "-12,345");
        assert_eq!(number(d("100000"), Lang::En), "100,000");
    }

    #[test]
    fn rules_and_values_carry_their_unit() {
        assert_eq!(
            rule(Rule::MoreThan(d("50")), MetricKind::Percent, Lang::Vi),
            "> 50%"
        );
        assert_eq!(
            rule(Rule::WithinTop(70), MetricKind::Rank, Lang::En),
            "within the top 70"
        );
        assert_eq!(value(d("71"), MetricKind::Rank, Lang::Vi), "hạng 71");
        assert_eq!(value(d("85.1"), MetricKind::Percent, Lang::Vi), "85,1%");
    }

    #[test]
    fn dates() {
        let day = crate::parse_date("2026-01-05").unwrap();
        assert_eq!(date(day, Lang::Vi), "05/01/2026");
        assert_eq!(date(day, Lang::En), "2026-01-05");
    }
}
