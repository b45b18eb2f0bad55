//! Writing a results document.
//!
//! Decimals are written as strings, exactly; dates as `YYYY-MM-DD`; optional
//! blocks are left out when absent.

use std::cell::RefCell;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::engine::progress::assessment::ProgressPoint;
use crate::engine::progress::category::Category;
use crate::engine::progress::refusal::Refusal;
use crate::engine::result::Evaluation;
use crate::foundations::text::format_date;
use crate::model::qualifier::Qualifier;
use crate::presentation::format::json::pretty;
use crate::presentation::format::results::records::{
    EveryPeriodRecord, EvidenceRecord, ProgressRecord, RESULTS_FORMAT, ResultRecord,
    ResultsDocument, RollUpRecord, UnitRecord, WarningRecord,
};
use crate::presentation::words::lang::Lang;

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
    /// Writes the document as JSON.
    #[must_use]
    pub fn to_json(&self) -> String {
        pretty(&self.out())
    }

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

impl Evaluation<'_> {
    /// Writes the results document to `w`, as [`Evaluation::to_json_in`]
    /// gives it, one record at a time: the document is never held whole in
    /// memory, however many targets and units it lists. Wrap a file or
    /// standard output in a [`std::io::BufWriter`].
    ///
    /// ```
    /// use policy_targets::Lang;
    /// # use policy_targets::{Evaluator, load, parse_date};
    /// # let (catalogue, observations) = load(
    /// #     r#"{"format": "policy-targets/catalogue@1", "indicators": [{"id": "share", "kind": "percent"}],
    /// #         "targets": [{"id": "t", "indicator": "share", "unit": "VN", "rule": {"at_least": "80"}, "deadline": "2025"}]}"#,
    /// #     r#"{"format": "policy-targets/observations@1", "observations": []}"#,
    /// # )?;
    /// # let evaluator = Evaluator::new(catalogue);
    /// let evaluation = evaluator.evaluate(&observations, parse_date("2026-06-01")?)?;
    /// let mut out = Vec::new();
    /// evaluation.write_json_in(Lang::En, &mut out)?;
    /// assert_eq!(out, evaluation.to_json().into_bytes());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// The writer's.
    pub fn write_json_in<W: std::io::Write>(&self, lang: Lang, w: W) -> std::io::Result<()> {
        let warnings: Vec<WarningRecord> = self
            .warnings()
            .iter()
            .map(|w| WarningRecord::new(w.path(), w.message_in(lang)))
            .collect();
        write_results(
            w,
            self.as_of(),
            self.results().iter().map(|r| r.to_record_in(lang)),
            &warnings,
        )
    }
}

/// Writes a results document to `w` one record at a time, as
/// [`ResultsDocument::to_json`] writes it (without its final newline):
/// only one record is held at once.
pub(crate) fn write_results<W: std::io::Write, I: Iterator<Item = ResultRecord>>(
    w: W,
    as_of: time::Date,
    records: I,
    warnings: &[WarningRecord],
) -> std::io::Result<()> {
    let doc = StreamOut {
        format: RESULTS_FORMAT,
        as_of: format_date(as_of),
        results: Records(RefCell::new(Some(records))),
        warnings: warnings.iter().map(warning_out).collect(),
    };
    let mut ser = serde_json::Serializer::pretty(w);
    doc.serialize(&mut ser).map_err(std::io::Error::from)
}

#[derive(Serialize)]
#[serde(bound = "")]
struct StreamOut<'w, I: Iterator<Item = ResultRecord>> {
    format: &'static str,
    as_of: String,
    results: Records<I>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<WarningOut<'w>>,
}

/// The records of a document, serialized as they are made (once).
struct Records<I>(RefCell<Option<I>>);

impl<I: Iterator<Item = ResultRecord>> Serialize for Records<I> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let records = self.0.borrow_mut().take();
        s.collect_seq(records.into_iter().flatten().map(Owned))
    }
}

/// One record, serialized as [`ResultOut`].
struct Owned(ResultRecord);

impl Serialize for Owned {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        result_out(&self.0).serialize(s)
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

/// Serialize (feature `serde`): each record as its block of the results
/// document, the document as the whole of it, exactly as [`ResultsDocument::to_json`]
/// writes it.
#[cfg(feature = "serde")]
mod serde_impls {
    use serde::{Serialize, Serializer};

    use super::{
        every_period_out, evidence_out, point_out, progress_out, result_out, roll_up_out, unit_out,
    };
    use crate::engine::progress::assessment::ProgressPoint;
    use crate::presentation::format::results::records::{
        EveryPeriodRecord, EvidenceRecord, ProgressRecord, ResultRecord, ResultsDocument,
        RollUpRecord, UnitRecord,
    };

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
}
