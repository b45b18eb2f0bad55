//! Labels and short forms for people: status names in Vietnamese and
//! English, rules, figures and sources written in words, and the reasons a
//! progress method was refused.

use std::fmt;

use rust_decimal::Decimal;

use crate::engine::progress::refusal::Refusal;
use crate::engine::status::Status;
use crate::foundations::metric::{MetricKind, Rule};
use crate::foundations::text::format_date;
use crate::model::observation::{Obs, Observation};
use crate::model::reading::Reading;
use crate::model::source::Source;
use crate::model::unit::UnitLevel;

impl Status {
    /// The status in words for people, in English: `met`, `awaiting data`,
    /// `achieved early`, `on track`.
    #[must_use]
    pub fn label_en(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::Missed => "missed",
            Status::AwaitingData => "awaiting data",
            Status::Achieved => "achieved early",
            Status::OnTrack => "on track",
            Status::OffTrack => "off track",
            Status::InsufficientData => "insufficient data",
            Status::NoData => "no data",
            Status::Ambiguous => "ambiguous",
            Status::Discontinued => "discontinued",
            Status::NotPoolable => "not poolable",
            Status::NoUnits => "no units",
        }
    }

    /// The status in words for people, in Vietnamese, as a monitoring
    /// report writes it: `Đạt`, `Không đạt`, `Chờ số liệu`, `Đã đạt sớm`,
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
            Status::AwaitingData => "Chờ số liệu",
            Status::Achieved => "Đã đạt sớm",
            Status::OnTrack => "Đúng tiến độ",
            Status::OffTrack => "Chậm tiến độ",
            Status::InsufficientData => "Chưa đủ số liệu",
            Status::NoData => "Chưa có số liệu",
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
        match (self.0, self.1) {
            (Rule::WithinTop(_), _)
            | (_, MetricKind::Rank | MetricKind::Score | MetricKind::Count) => {
                write!(f, "{}", self.0)
            }
            (rule, _) => write!(f, "{rule}%"),
        }
    }
}

impl fmt::Display for Rule {
    /// `at least 80`, `more than 50`, `within the top 70`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rule::AtLeast(t) => write!(f, "at least {t}"),
            Rule::AtMost(t) => write!(f, "at most {t}"),
            Rule::MoreThan(t) => write!(f, "more than {t}"),
            Rule::LessThan(t) => write!(f, "less than {t}"),
            Rule::WithinTop(n) => write!(f, "within the top {n}"),
        }
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
    /// after the period when the figure belongs to a named series.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {}", self.indicator(), self.unit(), self.period())?;
        if let Some(series) = self.series() {
            write!(f, " (series {series})")?;
        }
        write!(
            f,
            ": {}, published {}",
            self.reading(),
            format_date(self.published())
        )
    }
}

impl Refusal {
    /// The reason in words.
    #[must_use]
    pub fn reason(self) -> &'static str {
        match self {
            Refusal::CompoundGrowthOfRank => "compound growth is meaningless for a rank",
            Refusal::CompoundGrowthOfGrowthRate => {
                "compound growth is meaningless for a growth rate"
            }
            Refusal::NotPositive => {
                "compound growth cannot be computed here: the base is zero or negative, the latest value is negative, or (Eurostat, Open SDG) the latest value or target is zero or negative"
            }
            Refusal::BaseMeetsTarget => {
                "the base value already meets the rule, so a growth ratio would mislead"
            }
            Refusal::NoDistance => "the target equals the base value, so the ratio is undefined",
            Refusal::TooFewPoints => "too few points for the method",
            Refusal::Overflow => "the arithmetic went out of range",
        }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.reason())
    }
}

impl std::error::Error for Refusal {}

/// A reading shown with its kind's unit: `82.1%`, `71`, `29/100 = 29%`.
pub(crate) struct Shown<'o>(pub(crate) &'o Obs, pub(crate) MetricKind);

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.reading {
            Reading::Value(v) => write!(f, "{}", ValueShown(v, self.1)),
            r => write!(f, "{r}"),
        }
    }
}

/// A value with its kind's unit: `82.1%` for shares and growth rates.
pub(crate) struct ValueShown(pub(crate) Decimal, pub(crate) MetricKind);

impl fmt::Display for ValueShown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.1 {
            MetricKind::Percent | MetricKind::GrowthRate => write!(f, "{}%", self.0),
            _ => write!(f, "{}", self.0),
        }
    }
}

/// A projected value: a rank as a place to one decimal (`about 9.8`), other
/// kinds as [`ValueShown`].
pub(crate) struct ProjectedShown(pub(crate) Decimal, pub(crate) MetricKind);

impl fmt::Display for ProjectedShown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.1 {
            MetricKind::Rank => write!(f, "a rank of about {}", self.0.round_dp(1).normalize()),
            kind => write!(f, "{}", ValueShown(self.0, kind)),
        }
    }
}

/// A level's plural for sentences: `communes`, `districts`.
pub(crate) fn level_plural(level: UnitLevel) -> &'static str {
    match level {
        UnitLevel::National => "national units",
        UnitLevel::Ministry => "ministries",
        UnitLevel::Province => "provinces",
        UnitLevel::District => "districts",
        UnitLevel::Commune => "communes",
    }
}
