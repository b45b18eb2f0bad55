//! Serialize (feature `serde`): each record as its block of the results
//! document, the document as the whole of it, exactly as
//! [`ResultsDocument::to_json`] writes it (a test checks the two agree).

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

use crate::engine::progress::assessment::ProgressPoint;
use crate::engine::progress::category::Category;
use crate::engine::progress::refusal::Refusal;
use crate::foundations::text::format_date;
use crate::model::qualifier::Qualifier;
use crate::presentation::format::results::records::{
    EveryPeriodRecord, EvidenceRecord, ProgressRecord, RESULTS_FORMAT, ResultRecord,
    ResultsDocument, RollUpRecord, UnitRecord, WarningRecord,
};

#[derive(Serialize)]
struct ResultsOut<'a> {
    format: &'static str,
    as_of: String,
    results: Vec<ResultOut<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<WarningOut<'a>>,
}

#[derive(Serialize)]
struct WarningOut<'a> {
    path: &'a str,
    message: &'a str,
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
    progress: Option<ProgressOut<'a>>,
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
struct ProgressOut<'a> {
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
    reason: Option<&'a str>,
}

#[derive(Serialize)]
struct EveryPeriodResultOut {
    from: String,
    to: String,
    failed: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    undetermined: Vec<String>,
    missing: Vec<String>,
}

fn point_out(pt: ProgressPoint) -> PointOut {
    PointOut {
        period: pt.period().to_string(),
        value: pt.value().to_string(),
    }
}

fn progress_out(p: &ProgressRecord) -> ProgressOut<'_> {
    let s = |d: Option<Decimal>| d.map(|d| d.to_string());
    let point = point_out;
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
        category: p.category.map(Category::as_str),
        refusal: p.refusal.map(Refusal::as_str),
        reason: p.reason.as_deref(),
    }
}

#[derive(Serialize)]
struct EvidenceOut<'a> {
    period: String,
    published: String,
    value: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    qualifier: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    numerator: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    denominator: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    series: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
}

impl ResultsDocument {
    fn out(&self) -> ResultsOut<'_> {
        ResultsOut {
            format: RESULTS_FORMAT,
            as_of: format_date(self.as_of()),
            results: self.results().iter().map(result_out).collect(),
            warnings: self.warnings().iter().map(warning_out).collect(),
        }
    }
}

fn result_out(r: &ResultRecord) -> ResultOut<'_> {
    ResultOut {
        target: &r.target,
        unit: &r.unit,
        status: r.status.as_str(),
        evidence: r.evidence.as_ref().map(evidence_out),
        projected: r.projected.map(|p| p.to_string()),
        explanation: r.explanation.as_deref(),
        progress: r.progress.as_ref().map(progress_out),
        every_period: r.every_period.as_ref().map(every_period_out),
        roll_up: r.roll_up.as_ref().map(roll_up_out),
    }
}

fn warning_out(w: &WarningRecord) -> WarningOut<'_> {
    WarningOut {
        path: &w.path,
        message: &w.message,
    }
}

fn every_period_out(e: &EveryPeriodRecord) -> EveryPeriodResultOut {
    EveryPeriodResultOut {
        from: e.first.to_string(),
        to: e.last.to_string(),
        failed: e.failed.iter().map(ToString::to_string).collect(),
        undetermined: e.undetermined.iter().map(ToString::to_string).collect(),
        missing: e.missing.iter().map(ToString::to_string).collect(),
    }
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
        qualifier: e.qualifier.map(Qualifier::as_str),
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
        per_unit: r.per_unit.iter().map(unit_out).collect(),
    }
}

fn unit_out(u: &UnitRecord) -> UnitOut<'_> {
    UnitOut {
        unit: &u.unit,
        status: u.status.as_str(),
        evidence: u.evidence.as_ref().map(evidence_out),
    }
}

macro_rules! as_block {
    ($($ty:ty => $out:expr),* $(,)?) => {$(
        #[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                ($out)(self).serialize(serializer)
            }
        }
    )*};
}

as_block!(
    ResultsDocument => ResultsDocument::out,
    ResultRecord => result_out,
    EvidenceRecord => evidence_out,
    ProgressRecord => progress_out,
    EveryPeriodRecord => every_period_out,
    RollUpRecord => roll_up_out,
    UnitRecord => unit_out,
    ProgressPoint => |p: &ProgressPoint| point_out(*p),
);
