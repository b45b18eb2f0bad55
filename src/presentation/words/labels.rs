//! Labels and short forms for people: status names in Vietnamese and
//! English, rules, figures and sources written in words, and the reasons a
//! progress method was refused.

use std::fmt;

use crate::engine::progress::refusal::Refusal;
use crate::engine::status::Status;
use crate::foundations::metric::{MetricKind, Rule};
use crate::foundations::text::{format_date, write_plain};
use crate::model::observation::Observation;
use crate::model::source::Source;
use crate::presentation::words::lang::Lang;
use crate::presentation::words::written::Shown;

impl Status {
    /// The status in words for people, in English: `met`, `awaiting closing figure`,
    /// `achieved early`, `on track`.
    ///
    /// Each status has its own words, in both languages, so that none is
    /// read as another: `awaiting closing figure` (the deadline has passed,
    /// its figure is not published yet), `no data` (no figure at all), `too
    /// few figures to project` (one figure, no trend), `inconclusive` (the
    /// closing figure is a bound that cannot tell).
    #[must_use]
    pub fn label_en(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::Missed => "missed",
            Status::Inconclusive => "inconclusive",
            Status::AwaitingData => "awaiting closing figure",
            Status::Achieved => "achieved early",
            Status::OnTrack => "on track",
            Status::OffTrack => "off track",
            Status::InsufficientData => "too few figures to project",
            Status::NoData => "no data",
            Status::Ambiguous => "ambiguous",
            Status::Discontinued => "discontinued",
            Status::NotPoolable => "not poolable",
            Status::NoUnits => "no units",
        }
    }

    /// The status in words for people, in `lang`.
    #[must_use]
    pub fn label_in(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Vi => self.label_vi(),
            Lang::En => self.label_en(),
        }
    }

    /// The status in words for people, in Vietnamese, as a monitoring
    /// report writes it: `Đạt`, `Không đạt`, `Chưa có số liệu kỳ cuối`, `Đã đạt sớm`,
    /// `Đúng tiến độ`, `Chậm tiến độ`.
    ///
    /// ```
    /// use policy_targets::Status;
    /// assert_eq!(Status::OffTrack.label_vi(), "Chậm tiến độ");
    /// ```
    #[must_use]
    pub fn label_vi(self) -> &'static str {
        match self {
            Status::Met => "Đạt",
            Status::Missed => "Không đạt",
            Status::Inconclusive => "Chưa kết luận được",
            Status::AwaitingData => "Chưa có số liệu kỳ cuối",
            Status::Achieved => "Đã đạt sớm",
            Status::OnTrack => "Đúng tiến độ",
            Status::OffTrack => "Chậm tiến độ",
            Status::InsufficientData => "Chưa đủ số liệu để dự báo",
            Status::NoData => "Không có số liệu",
            Status::Ambiguous => "Nguồn chưa rõ",
            Status::Discontinued => "Ngừng công bố",
            Status::NotPoolable => "Không gộp được",
            Status::NoUnits => "Không có đơn vị",
        }
    }
}

impl Rule {
    /// The rule written with the unit of an indicator's kind, as the
    /// explanations write it: `at least 80%` for a percent or growth rate,
    /// `within the top 70` for a rank. ([`Rule`]'s own `Display` has no unit:
    /// a rule alone does not know its kind.)
    ///
    /// ```
    /// use policy_targets::{MetricKind, Rule};
    /// let rule = Rule::AtLeast("80".parse()?);
    /// assert_eq!(rule.to_string(), "at least 80");
    /// assert_eq!(rule.display_in(MetricKind::Percent).to_string(), "at least 80%");
    /// # Ok::<(), rust_decimal::Error>(())
    /// ```
    #[must_use]
    pub fn display_in(self, kind: MetricKind) -> impl fmt::Display {
        RuleShown(self, kind)
    }
}

/// A rule with its kind's unit; see [`Rule::display_in`].
struct RuleShown(Rule, MetricKind);

impl fmt::Display for RuleShown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A rule's `Display` reads no width or precision: `f` is passed on.
        fmt::Display::fmt(&self.0, f)?;
        match (self.0, self.1) {
            (Rule::WithinTop(_), _)
            | (_, MetricKind::Rank | MetricKind::Score | MetricKind::Count) => Ok(()),
            _ => f.write_str("%"),
        }
    }
}

impl fmt::Display for Rule {
    /// `at least 80`, `more than 50`, `within the top 70`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The words, then the threshold as `Plain` writes it through `{}`
        // (whatever width `f` was given), without a second pass through
        // the formatting machinery: every explanation writes a rule.
        let (words, t) = match self {
            Rule::AtLeast(t) => ("at least ", t),
            Rule::AtMost(t) => ("at most ", t),
            Rule::MoreThan(t) => ("more than ", t),
            Rule::LessThan(t) => ("less than ", t),
            Rule::WithinTop(n) => return write!(f, "within the top {n}"),
        };
        f.write_str(words)?;
        write_plain(*t, |s| f.write_str(s))
    }
}

impl fmt::Display for Source {
    /// `Quyết định 749/QĐ-TTg (2020-06-03), Mục II.1`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.instrument.as_deref().unwrap_or("(no instrument)"))?;
        if let Some(d) = self.issued {
            write!(f, " ({})", format_date(d))?;
        }
        if let Some(s) = &self.section {
            write!(f, ", {s}")?;
        }
        Ok(())
    }
}

impl fmt::Display for Observation<'_> {
    /// `egdi_rank VN 2024: 71, published 2024-09-17`, with `(series gso)`
    /// after the period when the figure belongs to a named series, and the
    /// qualifier before a bounded figure (`more_than 80`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {}", self.indicator(), self.unit(), self.period())?;
        if let Some(series) = self.series() {
            write!(f, " (series {series})")?;
        }
        f.write_str(": ")?;
        if let Some(q) = self.qualifier() {
            write!(f, "{q} ")?;
        }
        write!(
            f,
            "{}, published {}",
            self.reading(),
            format_date(self.published())
        )
    }
}

impl Observation<'_> {
    /// The figure as a sentence of `lang` writes it, with its kind's unit:
    /// `85.1%`, `29/100 = 29%`, `106819/194218 ≈ 55%`, `more than 80%`, `71`
    /// in English; `85,1%`, `hạng 71`, `trên 80%` in Vietnamese. A share of
    /// counts is rounded to two decimal places for reading (`≈` says so);
    /// the status was decided on the exact counts.
    ///
    /// ```
    /// use policy_targets::{Catalogue, Lang, Observations};
    /// let catalogue = Catalogue::from_json(r#"{"format": "policy-targets/catalogue@1",
    ///     "indicators": [{"id": "share", "kind": "percent"}], "targets": []}"#)?;
    /// let obs = Observations::from_json(r#"{"format": "policy-targets/observations@1", "observations": [
    ///     {"indicator": "share", "unit": "VN", "period": "2025", "published": "2026-03-01",
    ///      "numerator": 1, "denominator": 3}]}"#, &catalogue)?;
    /// let figure = obs.iter().next().unwrap();
    /// assert_eq!(figure.figure_in(Lang::En), "1/3 ≈ 33.33%");
    /// assert_eq!(figure.figure_in(Lang::Vi), "1/3 ≈ 33,33%");
    /// # Ok::<(), policy_targets::Error>(())
    /// ```
    #[must_use]
    pub fn figure_in(&self, lang: Lang) -> String {
        let kind = self.kind().unwrap_or(MetricKind::Percent);
        Shown(self.obs(), kind, lang).to_string()
    }
}

impl Refusal {
    /// The reason in words, in Vietnamese or English.
    ///
    /// ```
    /// use policy_targets::{Lang, Refusal};
    /// assert_eq!(Refusal::TooFewPoints.reason_in(Lang::En), Refusal::TooFewPoints.reason());
    /// assert_eq!(Refusal::TooFewPoints.reason_in(Lang::Vi), "chưa đủ điểm số liệu cho phương pháp");
    /// ```
    #[must_use]
    pub fn reason_in(self, lang: Lang) -> &'static str {
        if lang == Lang::En {
            return self.reason();
        }
        match self {
            Refusal::CompoundGrowthOfRank => "tăng trưởng kép không có ý nghĩa với thứ hạng",
            Refusal::CompoundGrowthOfGrowthRate => {
                "tăng trưởng kép không có ý nghĩa với một tốc độ tăng trưởng"
            }
            Refusal::NotPositive => {
                "không tính được tăng trưởng kép: giá trị gốc bằng 0 hoặc âm, giá trị mới nhất âm, hoặc (Eurostat, Open SDG) giá trị mới nhất hoặc mục tiêu bằng 0 hoặc âm"
            }
            Refusal::BaseMeetsTarget => {
                "giá trị năm gốc đã đạt yêu cầu, nên tỷ số tăng trưởng sẽ gây hiểu nhầm"
            }
            Refusal::NoDistance => "mục tiêu bằng giá trị năm gốc, nên không xác định được tỷ số",
            Refusal::TooFewPoints => "chưa đủ điểm số liệu cho phương pháp",
            Refusal::BoundedFigures => {
                "chưa đủ số liệu chính xác cho phương pháp: các số liệu chỉ là cận không được tính"
            }
            Refusal::Overflow => "phép tính vượt quá phạm vi",
        }
    }
}
