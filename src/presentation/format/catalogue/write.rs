//! Writing a catalogue document.
//!
//! Decimals are written as strings, exactly; dates as `YYYY-MM-DD`; optional
//! fields are left out when absent.

use serde::Serialize;

use crate::foundations::metric::{Direction, Rule};
use crate::foundations::text::format_date;
use crate::model::catalogue::Catalogue;
use crate::model::indicator::Indicator;
use crate::model::names::Names;
use crate::model::target::Target;
use crate::presentation::format::catalogue::read::CATALOGUE_FORMAT;
use crate::presentation::format::json::pretty;

#[derive(Serialize)]
struct CatalogueOut<'a> {
    format: &'static str,
    indicators: Vec<IndicatorOut<'a>>,
    targets: Vec<TargetOut<'a>>,
}

#[derive(Serialize)]
struct IndicatorOut<'a> {
    id: &'a str,
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<NameOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    direction: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    out_of: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    min: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max: Option<String>,
    cadence: &'static str,
    publication_lag_days: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_age_days: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    discontinued: Option<DiscontinuedOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    series: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    progress: Option<String>,
}

#[derive(Serialize)]
struct NameOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    en: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    vi: Option<&'a str>,
}

#[derive(Serialize)]
struct DiscontinuedOut<'a> {
    on: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct TargetOut<'a> {
    id: &'a str,
    indicator: &'a str,
    unit: &'a str,
    rule: RuleOut,
    deadline: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    judged_on: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    series: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<SourceOut<'a>>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    tags: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    no_data_reason: Option<NameOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    every_period: Option<EveryPeriodOut>,
    applies_to: Option<AppliesToOut>,
}

#[derive(Serialize)]
struct EveryPeriodOut {
    from: String,
}

#[derive(Serialize)]
struct AppliesToOut {
    level: &'static str,
    mode: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "snake_case")]
enum RuleOut {
    AtLeast(String),
    AtMost(String),
    MoreThan(String),
    LessThan(String),
    WithinTop(u32),
}

#[derive(Serialize)]
struct SourceOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    instrument: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    issued: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    section: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    text_vi: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    text_en: Option<&'a str>,
}

/// A text in English and Vietnamese, left out when both are absent.
fn names_out(names: &Names) -> Option<NameOut<'_>> {
    (names.en().is_some() || names.vi().is_some()).then(|| NameOut {
        en: names.en(),
        vi: names.vi(),
    })
}

fn indicator(ind: &Indicator) -> IndicatorOut<'_> {
    IndicatorOut {
        id: ind.id(),
        kind: ind.kind().as_str(),
        name: names_out(ind.names()),
        direction: ind.explicit_direction().map(Direction::as_str),
        out_of: ind.out_of(),
        min: ind.min().map(|d| d.to_string()),
        max: ind.max().map(|d| d.to_string()),
        cadence: ind.cadence().as_str(),
        publication_lag_days: ind.publication_lag_days(),
        max_age_days: ind.explicit_max_age_days(),
        discontinued: ind.discontinued().map(|d| DiscontinuedOut {
            on: format_date(d.on()),
            note: d.note(),
        }),
        series: ind.series(),
        progress: ind.progress_method().map(|m| m.to_string()),
    }
}

fn target(t: &Target) -> TargetOut<'_> {
    TargetOut {
        id: t.id(),
        indicator: t.indicator(),
        unit: t.unit(),
        rule: match t.rule() {
            Rule::AtLeast(d) => RuleOut::AtLeast(d.to_string()),
            Rule::AtMost(d) => RuleOut::AtMost(d.to_string()),
            Rule::MoreThan(d) => RuleOut::MoreThan(d.to_string()),
            Rule::LessThan(d) => RuleOut::LessThan(d.to_string()),
            Rule::WithinTop(n) => RuleOut::WithinTop(n),
        },
        deadline: t.deadline().to_string(),
        judged_on: t.judged_on().map(|p| p.to_string()),
        series: t.series(),
        source: t.source().map(|s| SourceOut {
            instrument: s.instrument(),
            issued: s.issued().map(format_date),
            section: s.section(),
            text_vi: s.text_vi(),
            text_en: s.text_en(),
        }),
        tags: t.tags(),
        no_data_reason: t.no_data_reason().and_then(names_out),
        every_period: t.every_period().map(|e| EveryPeriodOut {
            from: e.from().to_string(),
        }),
        applies_to: t.applies_to().map(|a| AppliesToOut {
            level: a.level().as_str(),
            mode: a.mode().as_str(),
        }),
    }
}

impl Catalogue {
    /// Writes the catalogue as a `policy-targets/catalogue@1` document.
    #[must_use]
    pub fn to_json(&self) -> String {
        pretty(&CatalogueOut {
            format: CATALOGUE_FORMAT,
            indicators: self.indicators().iter().map(indicator).collect(),
            targets: self.targets().iter().map(target).collect(),
        })
    }
}
