//! Writing the JSON documents. Decimals are written as strings, exactly;
//! dates as `YYYY-MM-DD`; optional fields are left out when absent.

use serde::Serialize;

use crate::foundations::metric::Rule;
use crate::foundations::text::format_date;
use crate::model::catalogue::{CATALOGUE_FORMAT, Catalogue, Indicator, Target};
use crate::model::observation::{OBSERVATIONS_FORMAT, Observations, Reading};
use crate::presentation::format::results::read::{
    EvidenceRecord, RESULTS_FORMAT, ResultsDocument, RollUpRecord,
};

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

fn indicator(ind: &Indicator) -> IndicatorOut<'_> {
    let names = ind.names();
    IndicatorOut {
        id: ind.id(),
        kind: ind.kind().as_str(),
        name: (names.en().is_some() || names.vi().is_some()).then(|| NameOut {
            en: names.en(),
            vi: names.vi(),
        }),
        direction: ind
            .explicit_direction()
            .map(crate::foundations::metric::Direction::as_str),
        out_of: ind.out_of(),
        min: ind.min().map(|d| d.to_string()),
        max: ind.max().map(|d| d.to_string()),
        cadence: ind.cadence().as_str(),
        publication_lag_days: ind.publication_lag_days(),
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
        every_period: t.every_period().map(|e| EveryPeriodOut {
            from: e.from().to_string(),
        }),
        applies_to: t.applies_to().map(|a| AppliesToOut {
            level: a.level().as_str(),
            mode: a.mode().as_str(),
        }),
    }
}

fn pretty<T: Serialize>(value: &T) -> String {
    // Serializing these plain structs to a String cannot fail: every map key
    // is a string and no value is a float.
    serde_json::to_string_pretty(value).unwrap_or_default()
}

pub(crate) fn catalogue(c: &Catalogue) -> String {
    pretty(&CatalogueOut {
        format: CATALOGUE_FORMAT,
        indicators: c.indicators().iter().map(indicator).collect(),
        targets: c.targets().iter().map(target).collect(),
    })
}

#[derive(Serialize)]
struct ObservationsOut<'a> {
    format: &'static str,
    observations: Vec<ObservationOut<'a>>,
}

#[derive(Serialize)]
struct ObservationOut<'a> {
    indicator: &'a str,
    unit: &'a str,
    period: String,
    published: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    numerator: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    denominator: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    series: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
}

pub(crate) fn observations(o: &Observations) -> String {
    pretty(&ObservationsOut {
        format: OBSERVATIONS_FORMAT,
        observations: o
            .iter()
            .map(|ob| {
                let (value, numerator, denominator) = match ob.reading() {
                    Reading::Value(v) => (Some(v.to_string()), None, None),
                    Reading::Ratio {
                        numerator,
                        denominator,
                    } => (None, Some(numerator), Some(denominator)),
                };
                ObservationOut {
                    indicator: ob.indicator(),
                    unit: ob.unit(),
                    period: ob.period().to_string(),
                    published: format_date(ob.published()),
                    value,
                    numerator,
                    denominator,
                    series: ob.series(),
                    source: ob.source(),
                    note: ob.note(),
                }
            })
            .collect(),
    })
}

#[derive(Serialize)]
struct ResultsOut<'a> {
    format: &'static str,
    as_of: String,
    results: Vec<ResultOut<'a>>,
}

#[derive(Serialize)]
struct ResultOut<'a> {
    target: &'a str,
    unit: &'a str,
    status: &'static str,
    evidence: Option<EvidenceOut<'a>>,
    projected: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    explanation: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    progress: Option<ProgressOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    every_period: Option<EveryPeriodResultOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    roll_up: Option<RollUpOut<'a>>,
}

#[derive(Serialize)]
struct PointOut {
    period: String,
    value: String,
}

#[derive(Serialize)]
struct ProgressOut {
    method: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    base: Option<PointOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    latest: Option<PointOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    observed_pace: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    required_pace: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    observed_growth: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    required_growth: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    projected: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ratio: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    category: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    refusal: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'static str>,
}

#[derive(Serialize)]
struct EveryPeriodResultOut {
    from: String,
    to: String,
    failed: Vec<String>,
    missing: Vec<String>,
}

fn progress_out(p: &crate::presentation::format::results::read::ProgressRecord) -> ProgressOut {
    let s = |d: Option<rust_decimal::Decimal>| d.map(|d| d.to_string());
    let point = |pt: crate::engine::progress::assessment::ProgressPoint| PointOut {
        period: pt.period().to_string(),
        value: pt.value().to_string(),
    };
    ProgressOut {
        method: p.method.to_string(),
        base: p.base.map(point),
        latest: p.latest.map(point),
        observed_pace: s(p.observed_pace),
        required_pace: s(p.required_pace),
        observed_growth: s(p.observed_growth),
        required_growth: s(p.required_growth),
        projected: s(p.projected),
        ratio: s(p.ratio),
        category: p
            .category
            .map(crate::engine::progress::assessment::Category::as_str),
        refusal: p
            .refusal
            .map(crate::engine::progress::assessment::Refusal::as_str),
        reason: p
            .refusal
            .map(crate::engine::progress::assessment::Refusal::reason),
    }
}

#[derive(Serialize)]
struct EvidenceOut<'a> {
    period: String,
    published: String,
    value: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    numerator: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    denominator: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    series: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
}

pub(crate) fn results(doc: &ResultsDocument) -> String {
    pretty(&ResultsOut {
        format: RESULTS_FORMAT,
        as_of: format_date(doc.as_of()),
        results: doc
            .results()
            .iter()
            .map(|r| ResultOut {
                target: &r.target,
                unit: &r.unit,
                status: r.status.as_str(),
                evidence: r.evidence.as_ref().map(|e| EvidenceOut {
                    period: e.period.to_string(),
                    published: format_date(e.published),
                    value: e.value.to_string(),
                    numerator: e.numerator,
                    denominator: e.denominator,
                    series: e.series.as_deref(),
                    source: e.source.as_deref(),
                }),
                projected: r.projected.map(|p| p.to_string()),
                explanation: r.explanation.as_deref(),
                progress: r.progress.as_ref().map(progress_out),
                every_period: r.every_period.as_ref().map(|e| EveryPeriodResultOut {
                    from: e.first.to_string(),
                    to: e.last.to_string(),
                    failed: e.failed.iter().map(ToString::to_string).collect(),
                    missing: e.missing.iter().map(ToString::to_string).collect(),
                }),
                roll_up: r.roll_up.as_ref().map(roll_up_out),
            })
            .collect(),
    })
}

#[derive(Serialize)]
struct RollUpOut<'a> {
    mode: &'static str,
    level: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    scope: Option<&'a str>,
    units_on: String,
    units: usize,
    units_meeting: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    share_meeting: Option<String>,
    units_failing: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    numerator: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    denominator: Option<u64>,
    per_unit: Vec<UnitOut<'a>>,
}

#[derive(Serialize)]
struct UnitOut<'a> {
    unit: &'a str,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    evidence: Option<EvidenceOut<'a>>,
}

fn evidence_out(e: &EvidenceRecord) -> EvidenceOut<'_> {
    EvidenceOut {
        period: e.period.to_string(),
        published: format_date(e.published),
        value: e.value.to_string(),
        numerator: e.numerator,
        denominator: e.denominator,
        series: e.series.as_deref(),
        source: e.source.as_deref(),
    }
}

fn roll_up_out(r: &RollUpRecord) -> RollUpOut<'_> {
    RollUpOut {
        mode: r.mode.as_str(),
        level: r.level.as_str(),
        scope: r.scope.as_deref(),
        units_on: format_date(r.units_on),
        units: r.units,
        units_meeting: r.units_meeting,
        share_meeting: r.share_meeting.map(|d| d.to_string()),
        units_failing: &r.units_failing,
        numerator: r.numerator,
        denominator: r.denominator,
        per_unit: r
            .per_unit
            .iter()
            .map(|u| UnitOut {
                unit: &u.unit,
                status: u.status.as_str(),
                evidence: u.evidence.as_ref().map(evidence_out),
            })
            .collect(),
    }
}
