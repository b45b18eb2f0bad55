//! Reading a results document back into its records.

use crate::presentation::format::json::Raw;

use crate::engine::progress::assessment::ProgressPoint;
use crate::engine::progress::category::Category;
use crate::engine::progress::refusal::Refusal;
use crate::engine::status::Status;
use crate::foundations::error::{Error, ErrorKind, Locator, Path, Problems};
use crate::model::method::Method;
use crate::model::qualifier::Qualifier;
use crate::model::target::RollUpMode;
use crate::model::unit::UnitLevel;
use crate::presentation::format::flat::read_object;
use crate::presentation::format::json::{Reader, name_entry, read_array, read_document};
use crate::presentation::format::results::records::{
    EveryPeriodRecord, EvidenceRecord, ProgressRecord, RESULTS_FORMAT, ResultRecord,
    ResultsDocument, RollUpRecord, UnitRecord, WarningRecord,
};

impl ResultsDocument {
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

const DOC_FIELDS: [&str; 4] = ["format", "as_of", "results", "warnings"];
const WARNING_FIELDS: [&str; 2] = ["path", "message"];
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
const EVIDENCE_FIELDS: [&str; 8] = [
    "period",
    "published",
    "value",
    "qualifier",
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
    let mut locator = Locator::new(text);
    for (i, item) in doc
        .required_array("results", r.problems)
        .into_iter()
        .enumerate()
    {
        let mark = r.problems.listed();
        let rec = parse_record(item, Path::at("results", i), r.problems);
        let id = rec.as_ref().map(|rec| rec.target.as_str());
        name_entry(r.problems, mark, "results", id, item, &mut locator);
        results.extend(rec);
    }
    let mut warnings = Vec::new();
    if let Some(raw) = doc.get("warnings") {
        for (i, item) in read_array(raw, "warnings", r.problems)
            .into_iter()
            .enumerate()
        {
            let path = Path::at("warnings", i);
            let Some(f) = read_object(item, &WARNING_FIELDS, path, r.problems) else {
                continue;
            };
            let p = f.required_string(&mut r, path, "path");
            let m = f.required_string(&mut r, path, "message");
            if let (Some(p), Some(m)) = (p, m) {
                warnings.push(WarningRecord::new(p, m));
            }
        }
    }
    Some(ResultsDocument::new(as_of?, results, warnings))
}

fn parse_record(raw: Raw<'_>, path: Path<'_>, problems: &mut Problems) -> Option<ResultRecord> {
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

fn parse_point(raw: Raw<'_>, path: &str, problems: &mut Problems) -> Option<ProgressPoint> {
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

fn parse_progress(raw: Raw<'_>, path: &str, problems: &mut Problems) -> Option<ProgressRecord> {
    let f = read_object(raw, &PROGRESS_FIELDS, Path::new(path), problems)?;
    let mut r = Reader { problems };
    let at = |name: &str| format!("{path}.{name}");
    let method = r
        .required(f.get("method"), || at("method"))
        .and_then(|v| r.named::<Method>(Some(v), || at("method")));
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
    let category = r.named::<Category>(f.get("category"), || at("category"));
    let refusal = r.named::<Refusal>(f.get("refusal"), || at("refusal"));
    let reason = f
        .get("reason")
        .and_then(|v| r.string(v, || at("reason")))
        .map(|s| s.into_owned());
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
        reason,
    })
}

fn parse_every_period(
    raw: Raw<'_>,
    path: &str,
    problems: &mut Problems,
) -> Option<EveryPeriodRecord> {
    let f = read_object(
        raw,
        &["from", "to", "failed", "undetermined", "missing"],
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
    let undetermined = list("undetermined", &mut r);
    let missing = list("missing", &mut r);
    Some(EveryPeriodRecord {
        first: first?,
        last: last?,
        failed,
        undetermined,
        missing,
    })
}

fn parse_roll_up(raw: Raw<'_>, path: &str, problems: &mut Problems) -> Option<RollUpRecord> {
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
            per_unit.extend(parse_unit(item, Path::at(&p, i), r.problems));
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

fn parse_unit(raw: Raw<'_>, path: Path<'_>, problems: &mut Problems) -> Option<UnitRecord> {
    let u = read_object(raw, &["unit", "status", "evidence"], path, problems)?;
    let mut r = Reader { problems };
    let unit = u
        .required_string(&mut r, path, "unit")
        .map(|s| s.into_owned());
    let status = u.required_named::<Status>(&mut r, path, "status");
    let evidence = u
        .get("evidence")
        .and_then(|v| parse_evidence(v, &path.field("evidence"), r.problems));
    Some(UnitRecord {
        unit: unit?,
        status: status?,
        evidence,
    })
}

fn parse_evidence(raw: Raw<'_>, path: &str, problems: &mut Problems) -> Option<EvidenceRecord> {
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
    let qualifier = r.named::<Qualifier>(f.get("qualifier"), || at("qualifier"));
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
        qualifier,
        numerator,
        denominator,
        series,
        source,
    })
}

/// Deserialize (feature `serde`): each record read as its block of a results
/// document, the document as a whole one, by the reader of
/// [`ResultsDocument::from_json`], with the same checks. The value passes
/// through a `serde_json::Value`, so any self-describing format works;
/// decimals are read exactly when written as strings, as the documents write
/// them (a JSON number with a fraction is read as a binary float first).
#[cfg(feature = "serde")]
mod serde_impls {
    use super::{
        parse_every_period, parse_evidence, parse_point, parse_progress, parse_record,
        parse_roll_up, parse_unit,
    };
    use crate::engine::progress::assessment::ProgressPoint;
    use crate::foundations::error::{Error, ErrorKind, Path, Problem, Problems};
    use crate::presentation::format::json::Raw;
    use crate::presentation::format::results::records::{
        EveryPeriodRecord, EvidenceRecord, ProgressRecord, ResultRecord, ResultsDocument,
        RollUpRecord, UnitRecord,
    };
    use serde::de::Error as _;
    use serde::{Deserialize, Deserializer};

    /// The value given to a deserializer, as JSON text for the readers.
    fn raw<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        serde_json::to_string(&value).map_err(D::Error::custom)
    }

    /// Runs a block's reader; its problems, or none read, as serde's error.
    fn read<'de, D, T>(
        deserializer: D,
        block: &str,
        parse: impl FnOnce(Raw<'_>, &mut Problems) -> Option<T>,
    ) -> Result<T, D::Error>
    where
        D: Deserializer<'de>,
    {
        let raw = raw(deserializer)?;
        let mut problems = Problems::default();
        let value = parse(Raw::new(&raw), &mut problems);
        problems.into_result().map_err(D::Error::custom)?;
        value.ok_or_else(|| {
            D::Error::custom(Error::single(
                ErrorKind::MissingField,
                "",
                format!("no {block} could be read"),
            ))
        })
    }

    #[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
    impl<'de> Deserialize<'de> for ResultsDocument {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let raw = raw(deserializer)?;
            // Lines and columns would be those of the re-serialised text,
            // which the caller never saw: the paths and ids remain.
            ResultsDocument::from_json(&raw)
                .map_err(|e| D::Error::custom(e.map_problems(Problem::unplaced)))
        }
    }

    macro_rules! as_block {
        ($($ty:ty => $block:literal, $parse:expr),* $(,)?) => {$(
            #[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
            impl<'de> Deserialize<'de> for $ty {
                fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    read(deserializer, $block, $parse)
                }
            }
        )*};
    }

    as_block!(
        ResultRecord => "result", |v: Raw<'_>, p: &mut Problems| parse_record(v, Path::new(""), p),
        EvidenceRecord => "evidence", |v: Raw<'_>, p: &mut Problems| parse_evidence(v, "evidence", p),
        ProgressRecord => "progress", |v: Raw<'_>, p: &mut Problems| parse_progress(v, "progress", p),
        ProgressPoint => "point", |v: Raw<'_>, p: &mut Problems| parse_point(v, "point", p),
        EveryPeriodRecord => "every_period", |v: Raw<'_>, p: &mut Problems| parse_every_period(v, "every_period", p),
        RollUpRecord => "roll_up", |v: Raw<'_>, p: &mut Problems| parse_roll_up(v, "roll_up", p),
        UnitRecord => "unit", |v: Raw<'_>, p: &mut Problems| parse_unit(v, Path::new(""), p),
    );
}
