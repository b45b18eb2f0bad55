//! The results document (`policy-targets/results@1`): an evaluation written
//! out, and read back.

use rust_decimal::Decimal;
use serde_json::value::RawValue;
use time::Date;

use crate::error::{Error, ErrorKind, Problems};
use crate::evaluate::Status;
use crate::json::{Path, Reader, read_array, read_document, read_object};
use crate::observation::{Observation, Reading};
use crate::period::Period;

/// The `format` of a results document.
pub const RESULTS_FORMAT: &str = "policy-targets/results@1";

/// An evaluation as an owned document: what [`crate::Evaluation::to_document`]
/// writes and [`ResultsDocument::from_json`] reads back, so that results can be
/// stored and compared later.
///
/// ```
/// use policy_targets::ResultsDocument;
/// let doc = ResultsDocument::from_json(r#"{"format": "policy-targets/results@1", "as_of": "2026-11-28",
///   "results": [{"target": "t", "unit": "VN", "status": "missed",
///                "evidence": {"period": "2024", "published": "2024-09-17", "value": "71"},
///                "projected": null, "explanation": "Closing value 71 (2024) is not within the top 70."}]}"#)?;
/// assert_eq!(doc.results()[0].status, policy_targets::Status::Missed);
/// assert_eq!(ResultsDocument::from_json(&doc.to_json())?, doc);
/// # Ok::<(), policy_targets::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultsDocument {
    as_of: Date,
    results: Vec<ResultRecord>,
}

/// One target's result in a [`ResultsDocument`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ResultRecord {
    /// The target's id.
    pub target: String,
    /// The unit it is about.
    pub unit: String,
    /// Its status.
    pub status: Status,
    /// The observation the status rests on.
    pub evidence: Option<EvidenceRecord>,
    /// The projected value at the deadline, where one was computed.
    pub projected: Option<Decimal>,
    /// One sentence saying why.
    pub explanation: Option<String>,
}

/// The observation a result rests on, as written in a results document.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct EvidenceRecord {
    /// The period the figure is about.
    pub period: Period,
    /// When it was published.
    pub published: Date,
    /// The value (for a ratio, `100 × numerator / denominator`).
    pub value: Decimal,
    /// For a ratio, its numerator.
    pub numerator: Option<u64>,
    /// For a ratio, its denominator.
    pub denominator: Option<u64>,
    /// The series, where named.
    pub series: Option<String>,
    /// The source, where given.
    pub source: Option<String>,
}

impl EvidenceRecord {
    pub(crate) fn from_observation(o: &Observation<'_>) -> Self {
        let (numerator, denominator) = match o.reading() {
            Reading::Ratio {
                numerator,
                denominator,
            } => (Some(numerator), Some(denominator)),
            Reading::Value(_) => (None, None),
        };
        EvidenceRecord {
            period: o.period(),
            published: o.published(),
            value: o.reading().value().normalize(),
            numerator,
            denominator,
            series: o.series().map(str::to_owned),
            source: o.source().map(str::to_owned),
        }
    }
}

impl ResultsDocument {
    pub(crate) fn new(as_of: Date, results: Vec<ResultRecord>) -> Self {
        ResultsDocument { as_of, results }
    }

    /// The as-of date.
    #[must_use]
    pub fn as_of(&self) -> Date {
        self.as_of
    }

    /// The results, sorted by target id.
    #[must_use]
    pub fn results(&self) -> &[ResultRecord] {
        &self.results
    }

    /// Writes the document as JSON.
    #[must_use]
    pub fn to_json(&self) -> String {
        crate::write::results(self)
    }

    /// Reads a results document.
    ///
    /// # Errors
    /// Every problem found, each with its JSON path.
    pub fn from_json(text: &str) -> Result<ResultsDocument, Error> {
        let mut problems = Problems::default();
        let doc = parse(text, &mut problems);
        problems.into_result()?;
        doc.ok_or_else(|| Error::single(ErrorKind::MissingField, "", "no results document"))
    }
}

const DOC_FIELDS: [&str; 3] = ["format", "as_of", "results"];
const RESULT_FIELDS: [&str; 6] = [
    "target",
    "unit",
    "status",
    "evidence",
    "projected",
    "explanation",
];
const EVIDENCE_FIELDS: [&str; 7] = [
    "period",
    "published",
    "value",
    "numerator",
    "denominator",
    "series",
    "source",
];

fn parse(text: &str, problems: &mut Problems) -> Option<ResultsDocument> {
    let doc = read_document(text, &DOC_FIELDS, RESULTS_FORMAT, problems)?;
    let mut r = Reader { problems };
    let as_of = r
        .required(doc.get("as_of"), || "as_of".to_owned())
        .and_then(|v| r.date(v, || "as_of".to_owned()));
    let mut results = Vec::new();
    if let Some(raw) = r.required(doc.get("results"), || "results".to_owned()) {
        for (i, item) in read_array(raw, "results", r.problems)
            .into_iter()
            .enumerate()
        {
            if let Some(rec) = parse_record(item, Path::at("results", i), r.problems) {
                results.push(rec);
            }
        }
    }
    Some(ResultsDocument {
        as_of: as_of?,
        results,
    })
}

fn parse_record(raw: &RawValue, path: Path<'_>, problems: &mut Problems) -> Option<ResultRecord> {
    let f = read_object(raw, &RESULT_FIELDS, path, problems)?;
    let mut r = Reader { problems };
    let target = r
        .required(f.get("target"), || path.field("target"))
        .and_then(|v| r.string(v, || path.field("target")));
    let unit = r
        .required(f.get("unit"), || path.field("unit"))
        .and_then(|v| r.string(v, || path.field("unit")));
    let status = r
        .required(f.get("status"), || path.field("status"))
        .and_then(|v| r.string(v, || path.field("status")))
        .and_then(|s| match s.parse::<Status>() {
            Ok(st) => Some(st),
            Err(e) => {
                r.problems
                    .push(ErrorKind::InvalidValue, path.field("status"), e.to_string());
                None
            }
        });
    let evidence = f
        .get("evidence")
        .and_then(|v| parse_evidence(v, &path.field("evidence"), r.problems));
    let projected = f
        .get("projected")
        .and_then(|v| r.decimal(v, || path.field("projected")));
    let explanation = f
        .get("explanation")
        .and_then(|v| r.string(v, || path.field("explanation")))
        .map(|s| s.into_owned());
    Some(ResultRecord {
        target: target?.into_owned(),
        unit: unit?.into_owned(),
        status: status?,
        evidence,
        projected,
        explanation,
    })
}

fn parse_evidence(raw: &RawValue, path: &str, problems: &mut Problems) -> Option<EvidenceRecord> {
    let f = read_object(raw, &EVIDENCE_FIELDS, Path::new(path), problems)?;
    let mut r = Reader { problems };
    let at = |name: &str| format!("{path}.{name}");
    let period = r
        .required(f.get("period"), || at("period"))
        .and_then(|v| r.period(v, || at("period")));
    let published = r
        .required(f.get("published"), || at("published"))
        .and_then(|v| r.date(v, || at("published")));
    let value = r
        .required(f.get("value"), || at("value"))
        .and_then(|v| r.decimal(v, || at("value")));
    let numerator = f
        .get("numerator")
        .and_then(|v| r.whole(v, || at("numerator")));
    let denominator = f
        .get("denominator")
        .and_then(|v| r.whole(v, || at("denominator")));
    let series = f
        .get("series")
        .and_then(|v| r.string(v, || at("series")))
        .map(|s| s.into_owned());
    let source = f
        .get("source")
        .and_then(|v| r.string(v, || at("source")))
        .map(|s| s.into_owned());
    Some(EvidenceRecord {
        period: period?,
        published: published?,
        value: value?,
        numerator,
        denominator,
        series,
        source,
    })
}
