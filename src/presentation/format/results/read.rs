//! The results document (`policy-targets/results@1`): an evaluation written
//! out, and read back.

use rust_decimal::Decimal;
use serde_json::value::RawValue;
use time::Date;

use crate::engine::evaluator::Status;
use crate::engine::progress::assessment::{Category, Progress, ProgressPoint, Refusal};
use crate::foundations::error::Path;
use crate::foundations::error::{Error, ErrorKind, Problems};
use crate::foundations::period::Period;
use crate::model::method::Method;
use crate::model::observation::Observation;
use crate::model::reading::Reading;
use crate::model::target::RollUpMode;
use crate::model::unit::UnitLevel;
use crate::presentation::format::json::{Reader, read_array, read_document, read_object};

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
    /// The progress assessment, for targets not decided yet (`progress`).
    pub progress: Option<ProgressRecord>,
    /// For an every-period target, its failed and missing periods (`every_period`).
    pub every_period: Option<EveryPeriodRecord>,
    /// For a target with `applies_to`: how its units were rolled up
    /// (`roll_up` in JSON, absent otherwise).
    pub roll_up: Option<RollUpRecord>,
}

/// The `progress` block of a result: one method's assessment of a target not
/// decided yet. Decimals are rounded to six decimal places.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ProgressRecord {
    /// The method (`least_squares`, `eurostat_cagr_5`, ...).
    pub method: Method,
    /// The base point the method measures from (`base`: `period`, `value`).
    pub base: Option<ProgressPoint>,
    /// The latest point (`latest`: `period`, `value`).
    pub latest: Option<ProgressPoint>,
    /// The observed change a year, in the indicator's unit (`observed_pace`).
    pub observed_pace: Option<Decimal>,
    /// The change a year still needed to reach the rule by the deadline (`required_pace`).
    pub required_pace: Option<Decimal>,
    /// Observed compound annual growth, percent a year (`observed_growth`).
    pub observed_growth: Option<Decimal>,
    /// Required compound annual growth, percent a year (`required_growth`).
    pub required_growth: Option<Decimal>,
    /// The value the method projects at the deadline (`projected`).
    pub projected: Option<Decimal>,
    /// The method's ratio (`ratio`).
    pub ratio: Option<Decimal>,
    /// The category (`category`), unless the method was refused.
    pub category: Option<Category>,
    /// Why the method was refused (`refusal`; the document also writes the `reason` in words).
    pub refusal: Option<Refusal>,
}

impl ProgressRecord {
    /// The record of a progress assessment, decimals rounded to six places.
    #[must_use]
    pub fn from_progress(p: &Progress) -> Self {
        let r = |d: Option<Decimal>| d.map(|d| d.round_dp(6).normalize());
        let point = |pt: ProgressPoint| ProgressPoint::new(pt.period(), pt.value().normalize());
        ProgressRecord {
            method: p.method(),
            base: p.base().map(point),
            latest: Some(point(p.latest())),
            observed_pace: r(p.observed_pace()),
            required_pace: r(p.required_pace()),
            observed_growth: r(p.observed_growth()),
            required_growth: r(p.required_growth()),
            projected: r(p.projected()),
            ratio: r(p.ratio()),
            category: p.category(),
            refusal: p.refusal(),
        }
    }
}

/// The `every_period` block of a result.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct EveryPeriodRecord {
    /// The first required period (`from`).
    pub first: Period,
    /// The last required period (`to`).
    pub last: Period,
    /// The periods whose figure failed the rule (`failed`).
    pub failed: Vec<Period>,
    /// Periods with no figure yet, as many as named (`missing`).
    pub missing: Vec<Period>,
}

/// The `roll_up` block of a result: a target at a level, over its units.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RollUpRecord {
    /// `pooled` or `each`.
    pub mode: RollUpMode,
    /// The level of the units rolled up.
    pub level: UnitLevel,
    /// The unit the units were taken from (the target's unit, or its successor).
    pub scope: Option<String>,
    /// The day whose units were counted.
    pub units_on: Date,
    /// How many units were counted.
    pub units: usize,
    /// How many meet the rule on their own.
    pub units_meeting: usize,
    /// Their percentage of the units, rounded to six places.
    pub share_meeting: Option<Decimal>,
    /// The ids of the units that do not meet the rule on their own.
    pub units_failing: Vec<String>,
    /// For a pooled target: the summed numerator the status rests on.
    pub numerator: Option<u64>,
    /// For a pooled target: the summed denominator the status rests on.
    pub denominator: Option<u64>,
    /// Each unit's own result.
    pub per_unit: Vec<UnitRecord>,
}

/// One unit's own result in a [`RollUpRecord`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct UnitRecord {
    /// The unit's id.
    pub unit: String,
    /// Its own status on the target's rule.
    pub status: Status,
    /// The figure that status rests on.
    pub evidence: Option<EvidenceRecord>,
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
const RESULT_FIELDS: [&str; 9] = [
    "target",
    "unit",
    "status",
    "evidence",
    "projected",
    "explanation",
    "progress",
    "every_period",
    "roll_up",
];
const PROGRESS_FIELDS: [&str; 12] = [
    "method",
    "base",
    "latest",
    "observed_pace",
    "required_pace",
    "observed_growth",
    "required_growth",
    "projected",
    "ratio",
    "category",
    "refusal",
    "reason",
];
const ROLL_UP_FIELDS: [&str; 11] = [
    "mode",
    "level",
    "scope",
    "units_on",
    "units",
    "units_meeting",
    "share_meeting",
    "units_failing",
    "numerator",
    "denominator",
    "per_unit",
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
    let target = f.required_string(&mut r, path, "target");
    let unit = f.required_string(&mut r, path, "unit");
    let status = f.required_named::<Status>(&mut r, path, "status");
    let evidence = f
        .get("evidence")
        .and_then(|v| parse_evidence(v, &path.field("evidence"), r.problems));
    let projected = f
        .get("projected")
        .and_then(|v| r.decimal(v, || path.field("projected")));
    let explanation = f
        .optional_string(&mut r, path, "explanation")
        .map(|s| s.into_owned());
    let progress = f
        .get("progress")
        .filter(|v| v.get() != "null")
        .and_then(|v| parse_progress(v, &path.field("progress"), r.problems));
    let every_period = f
        .get("every_period")
        .filter(|v| v.get() != "null")
        .and_then(|v| parse_every_period(v, &path.field("every_period"), r.problems));
    let roll_up = f
        .get("roll_up")
        .and_then(|v| parse_roll_up(v, &path.field("roll_up"), r.problems));
    Some(ResultRecord {
        target: target?.into_owned(),
        unit: unit?.into_owned(),
        status: status?,
        evidence,
        projected,
        explanation,
        progress,
        every_period,
        roll_up,
    })
}

fn parse_point(raw: &RawValue, path: &str, problems: &mut Problems) -> Option<ProgressPoint> {
    let f = read_object(raw, &["period", "value"], Path::new(path), problems)?;
    let mut r = Reader { problems };
    let period = r
        .required(f.get("period"), || format!("{path}.period"))
        .and_then(|v| r.period(v, || format!("{path}.period")));
    let value = r
        .required(f.get("value"), || format!("{path}.value"))
        .and_then(|v| r.decimal(v, || format!("{path}.value")));
    Some(ProgressPoint::new(period?, value?))
}

fn parse_progress(raw: &RawValue, path: &str, problems: &mut Problems) -> Option<ProgressRecord> {
    let f = read_object(raw, &PROGRESS_FIELDS, Path::new(path), problems)?;
    let mut r = Reader { problems };
    let at = |name: &str| format!("{path}.{name}");
    let method = r
        .required(f.get("method"), || at("method"))
        .and_then(|v| r.named::<Method>(Some(v), &at("method")));
    let base = f
        .get("base")
        .and_then(|v| parse_point(v, &at("base"), r.problems));
    let latest = f
        .get("latest")
        .and_then(|v| parse_point(v, &at("latest"), r.problems));
    let mut dec = |name: &str| f.get(name).and_then(|v| r.decimal(v, || at(name)));
    let observed_pace = dec("observed_pace");
    let required_pace = dec("required_pace");
    let observed_growth = dec("observed_growth");
    let required_growth = dec("required_growth");
    let projected = dec("projected");
    let ratio = dec("ratio");
    let category = r.named::<Category>(f.get("category"), &at("category"));
    let refusal = r.named::<Refusal>(f.get("refusal"), &at("refusal"));
    if let Some(v) = f.get("reason") {
        let _ = r.string(v, || at("reason"));
    }
    Some(ProgressRecord {
        method: method?,
        base,
        latest,
        observed_pace,
        required_pace,
        observed_growth,
        required_growth,
        projected,
        ratio,
        category,
        refusal,
    })
}

fn parse_every_period(
    raw: &RawValue,
    path: &str,
    problems: &mut Problems,
) -> Option<EveryPeriodRecord> {
    let f = read_object(
        raw,
        &["from", "to", "failed", "missing"],
        Path::new(path),
        problems,
    )?;
    let mut r = Reader { problems };
    let at = |name: &str| format!("{path}.{name}");
    let first = r
        .required(f.get("from"), || at("from"))
        .and_then(|v| r.period(v, || at("from")));
    let last = r
        .required(f.get("to"), || at("to"))
        .and_then(|v| r.period(v, || at("to")));
    let list = |name: &str, r: &mut Reader<'_>| {
        let mut out = Vec::new();
        if let Some(v) = f.get(name) {
            let lpath = at(name);
            for (i, item) in read_array(v, &lpath, r.problems).into_iter().enumerate() {
                if let Some(p) = r.period(item, || format!("{lpath}[{i}]")) {
                    out.push(p);
                }
            }
        }
        out
    };
    let failed = list("failed", &mut r);
    let missing = list("missing", &mut r);
    Some(EveryPeriodRecord {
        first: first?,
        last: last?,
        failed,
        missing,
    })
}

fn parse_roll_up(raw: &RawValue, path: &str, problems: &mut Problems) -> Option<RollUpRecord> {
    let f = read_object(raw, &ROLL_UP_FIELDS, Path::new(path), problems)?;
    let mut r = Reader { problems };
    let at = |name: &str| format!("{path}.{name}");
    let mode = f.required_named::<RollUpMode>(&mut r, Path::new(path), "mode");
    let level = f.required_named::<UnitLevel>(&mut r, Path::new(path), "level");
    let scope = f
        .get("scope")
        .and_then(|v| r.string(v, || at("scope")))
        .map(|s| s.into_owned());
    let units_on = r
        .required(f.get("units_on"), || at("units_on"))
        .and_then(|v| r.date(v, || at("units_on")));
    let count = |name: &str, r: &mut Reader<'_>| {
        r.required(f.get(name), || at(name))
            .and_then(|v| r.whole(v, || at(name)))
            .and_then(|n| usize::try_from(n).ok())
    };
    let units = count("units", &mut r);
    let units_meeting = count("units_meeting", &mut r);
    let share_meeting = f
        .get("share_meeting")
        .and_then(|v| r.decimal(v, || at("share_meeting")));
    let mut units_failing = Vec::new();
    if let Some(v) = f.get("units_failing") {
        let p = at("units_failing");
        for (i, item) in read_array(v, &p, r.problems).into_iter().enumerate() {
            if let Some(s) = r.string(item, || format!("{p}[{i}]")) {
                units_failing.push(s.into_owned());
            }
        }
    }
    let numerator = f
        .get("numerator")
        .and_then(|v| r.whole(v, || at("numerator")));
    let denominator = f
        .get("denominator")
        .and_then(|v| r.whole(v, || at("denominator")));
    let mut per_unit = Vec::new();
    if let Some(v) = f.get("per_unit") {
        let p = at("per_unit");
        for (i, item) in read_array(v, &p, r.problems).into_iter().enumerate() {
            let ipath = Path::at(&p, i);
            let Some(u) = read_object(item, &["unit", "status", "evidence"], ipath, r.problems)
            else {
                continue;
            };
            let unit = u
                .required_string(&mut r, ipath, "unit")
                .map(|s| s.into_owned());
            let status = u.required_named::<Status>(&mut r, ipath, "status");
            let evidence = u
                .get("evidence")
                .and_then(|v| parse_evidence(v, &ipath.field("evidence"), r.problems));
            if let (Some(unit), Some(status)) = (unit, status) {
                per_unit.push(UnitRecord {
                    unit,
                    status,
                    evidence,
                });
            }
        }
    }
    Some(RollUpRecord {
        mode: mode?,
        level: level?,
        scope,
        units_on: units_on?,
        units: units?,
        units_meeting: units_meeting?,
        share_meeting,
        units_failing,
        numerator,
        denominator,
        per_unit,
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
