//! The records of a results document: an evaluation written out as owned
//! data, to store, compare, and read back.

use rust_decimal::Decimal;
use time::Date;

use crate::engine::every_period::EveryPeriodOutcome;
use crate::engine::progress::assessment::{Progress, ProgressPoint};
use crate::engine::progress::category::Category;
use crate::engine::progress::refusal::Refusal;
use crate::engine::result::{Evaluation, TargetResult};
use crate::engine::roll_up::summary::RollUp;
use crate::engine::status::Status;
use crate::foundations::exact::round_dp;
use crate::foundations::period::Period;
use crate::model::method::Method;
use crate::model::observation::Observation;
use crate::model::qualifier::Qualifier;
use crate::model::reading::Reading;
use crate::model::target::RollUpMode;
use crate::model::unit::UnitLevel;
use crate::presentation::words::lang::Lang;

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
    warnings: Vec<WarningRecord>,
}

/// A warning in a [`ResultsDocument`] (`warnings`, SPEC 2.6): valid input
/// that is probably not what its author meant, at its path.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct WarningRecord {
    /// The place in the catalogue or the observations: `indicators[2]`,
    /// `targets[5]`, `observations[12]`, `row 13`.
    pub path: String,
    /// What is suspicious, in the document's language.
    pub message: String,
}

impl WarningRecord {
    /// A warning at `path` saying `message`.
    #[must_use]
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        WarningRecord {
            path: path.into(),
            message: message.into(),
        }
    }
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
    /// Why the method was refused (`refusal`).
    pub refusal: Option<Refusal>,
    /// The refusal's reason in words (`reason`), in the document's language.
    pub reason: Option<String>,
}

impl ProgressRecord {
    /// The record of a progress assessment, decimals rounded to six places,
    /// a refusal's reason in English.
    #[must_use]
    pub fn from_progress(p: &Progress) -> Self {
        ProgressRecord::from_progress_in(p, Lang::En)
    }

    /// The record of a progress assessment, decimals rounded to six places,
    /// a refusal's reason in `lang`.
    #[must_use]
    pub fn from_progress_in(p: &Progress, lang: Lang) -> Self {
        ProgressRecord::from_progress_rounding(p, lang, |_, d| round_dp(d, 6).normalize())
    }

    /// [`ProgressRecord::from_progress_in`], each decimal rounded by
    /// `round` (given its place among the six, from `observed_pace` to
    /// `ratio`, and the decimal), which must round as that does.
    pub(crate) fn from_progress_rounding(
        p: &Progress,
        lang: Lang,
        mut round: impl FnMut(usize, Decimal) -> Decimal,
    ) -> Self {
        let mut r = |place: usize, d: Option<Decimal>| d.map(|d| round(place, d));
        let point = |pt: ProgressPoint| ProgressPoint::new(pt.period(), pt.value().normalize());
        ProgressRecord {
            method: p.method(),
            base: p.base().map(point),
            latest: Some(point(p.latest())),
            observed_pace: r(0, p.observed_pace()),
            required_pace: r(1, p.required_pace()),
            observed_growth: r(2, p.observed_growth()),
            required_growth: r(3, p.required_growth()),
            projected: r(4, p.projected()),
            ratio: r(5, p.ratio()),
            category: p.category(),
            refusal: p.refusal(),
            reason: p.refusal().map(|r| r.reason_in(lang).to_owned()),
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
    /// The periods whose figure is a bound that cannot tell whether the rule
    /// held (`undetermined`, written only when there is one).
    pub undetermined: Vec<Period>,
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

/// The decimal places of a ratio's value in a results document.
const RATIO_PLACES: u32 = 6;

/// The observation a result rests on, as written in a results document.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct EvidenceRecord {
    /// The period the figure is about.
    pub period: Period,
    /// When it was published.
    pub published: Date,
    /// The value. For a ratio, `100 × numerator / denominator` rounded to
    /// six decimal places for reading (`54.999537`, not the 29 digits of a
    /// share that does not terminate): the numerator and denominator beside
    /// it are exact, and the status was decided on them, never on this.
    pub value: Decimal,
    /// For a bounded figure, what it says about the true value (`qualifier`).
    pub qualifier: Option<Qualifier>,
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
        EvidenceView::of_observation(o).to_record()
    }
}

/// The fields of an evidence block, borrowed from an [`EvidenceRecord`] or
/// an observation.
#[derive(Clone, Copy)]
pub(crate) struct EvidenceView<'a> {
    pub(crate) period: Period,
    pub(crate) published: Date,
    pub(crate) value: Decimal,
    pub(crate) qualifier: Option<Qualifier>,
    pub(crate) numerator: Option<u64>,
    pub(crate) denominator: Option<u64>,
    pub(crate) series: Option<&'a str>,
    pub(crate) source: Option<&'a str>,
}

impl<'a> EvidenceView<'a> {
    pub(crate) fn of_record(e: &'a EvidenceRecord) -> Self {
        EvidenceView {
            period: e.period,
            published: e.published,
            value: e.value,
            qualifier: e.qualifier,
            numerator: e.numerator,
            denominator: e.denominator,
            series: e.series.as_deref(),
            source: e.source.as_deref(),
        }
    }

    /// As [`EvidenceRecord::from_observation`] records it.
    pub(crate) fn of_observation(o: &Observation<'a>) -> Self {
        let (_, numerator, denominator) = o.reading().parts();
        EvidenceView {
            period: o.period(),
            published: o.published(),
            value: evidence_value(o.reading()),
            qualifier: o.qualifier(),
            numerator,
            denominator,
            series: o.series(),
            source: o.source(),
        }
    }

    /// The owned record of this block.
    fn to_record(self) -> EvidenceRecord {
        EvidenceRecord {
            period: self.period,
            published: self.published,
            value: self.value,
            qualifier: self.qualifier,
            numerator: self.numerator,
            denominator: self.denominator,
            series: self.series.map(str::to_owned),
            source: self.source.map(str::to_owned),
        }
    }
}

/// The `value` of an evidence block: a ratio's rounded to six places for
/// reading, any value normalized (`50`, not `50.0`).
fn evidence_value(reading: Reading) -> Decimal {
    match reading {
        r @ Reading::Ratio { .. } => round_dp(r.value(), RATIO_PLACES),
        r @ Reading::Value(_) => r.value(),
    }
    .normalize()
}

impl ResultsDocument {
    pub(crate) fn new(
        as_of: Date,
        results: Vec<ResultRecord>,
        warnings: Vec<WarningRecord>,
    ) -> Self {
        ResultsDocument {
            as_of,
            results,
            warnings,
        }
    }

    /// The warnings (SPEC 2.6), in the order the evaluation gave them;
    /// empty when the document has none.
    #[must_use]
    pub fn warnings(&self) -> &[WarningRecord] {
        &self.warnings
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
}

impl Evaluation<'_> {
    /// The results as an owned document, with every explanation written out
    /// in English.
    #[must_use]
    pub fn to_document(&self) -> ResultsDocument {
        self.to_document_in(Lang::En)
    }

    /// The results as an owned document, with every explanation (and the
    /// reason of a refused progress method, and the warnings) written in
    /// `lang`.
    #[must_use]
    pub fn to_document_in(&self, lang: Lang) -> ResultsDocument {
        ResultsDocument::new(
            self.as_of(),
            self.results()
                .iter()
                .map(|r| r.to_record_in(lang))
                .collect(),
            self.found_warnings()
                .iter()
                .map(|w| WarningRecord::new(w.path(), w.message_in(lang)))
                .collect(),
        )
    }

    /// The results as a `policy-targets/results@1` JSON document, its
    /// explanations in English.
    #[must_use]
    pub fn to_json(&self) -> String {
        self.to_document().to_json()
    }

    /// The results as a `policy-targets/results@1` JSON document, its
    /// explanations in `lang`: Vietnamese for a report to the ministry.
    ///
    /// ```
    /// use policy_targets::Lang;
    /// # use policy_targets::{Evaluator, load, parse_date};
    /// # let (catalogue, observations) = load(
    /// #     r#"{"format": "policy-targets/catalogue@1", "indicators": [{"id": "share", "kind": "percent"}],
    /// #         "targets": [{"id": "t", "indicator": "share", "unit": "VN", "rule": {"at_least": "80"}, "deadline": "2025"}]}"#,
    /// #     r#"{"format": "policy-targets/observations@1", "observations": [
    /// #         {"indicator": "share", "unit": "VN", "period": "2025", "published": "2026-03-01", "value": "85.1"}]}"#,
    /// # )?;
    /// # let evaluator = Evaluator::new(catalogue);
    /// let evaluation = evaluator.evaluate(&observations, parse_date("2026-06-01")?)?;
    /// let json = evaluation.to_json_in(Lang::Vi);
    /// assert!(json.contains("Số liệu chốt 85,1% (năm 2025, công bố ngày 01/03/2026) đạt yêu cầu ít nhất 80%."));
    /// # Ok::<(), policy_targets::Error>(())
    /// ```
    #[must_use]
    pub fn to_json_in(&self, lang: Lang) -> String {
        self.to_document_in(lang).to_json()
    }
}

impl TargetResult<'_> {
    /// This result as a record of the results document, its explanation in
    /// English.
    #[must_use]
    pub fn to_record(&self) -> ResultRecord {
        self.to_record_in(Lang::En)
    }

    /// This result as a record of the results document, its explanation in
    /// `lang`.
    #[must_use]
    pub fn to_record_in(&self, lang: Lang) -> ResultRecord {
        ResultRecord {
            target: self.target().id().to_owned(),
            unit: self.target().unit().to_owned(),
            status: self.status(),
            evidence: self
                .evidence()
                .map(|o| EvidenceRecord::from_observation(&o)),
            projected: self.projected(),
            explanation: Some(self.explanation_in(lang)),
            progress: self
                .progress()
                .map(|p| ProgressRecord::from_progress_in(&p, lang)),
            every_period: self
                .every_period()
                .map(|e| EveryPeriodRecord::from_outcome(&e)),
            roll_up: self.roll_up().map(RollUpRecord::from_roll_up),
        }
    }
}

impl EveryPeriodRecord {
    pub(crate) fn from_outcome(e: &EveryPeriodOutcome) -> Self {
        EveryPeriodRecord {
            first: e.first,
            last: e.last,
            failed: e.failed.iter().map(|(p, _)| *p).collect(),
            undetermined: e.undetermined.iter().map(|(p, _)| *p).collect(),
            missing: e.missing.clone(),
        }
    }
}

impl RollUpRecord {
    pub(crate) fn from_roll_up(r: &RollUp<'_>) -> Self {
        RollUpRecord {
            mode: r.mode,
            level: r.level,
            scope: r.scope.map(|u| u.id().to_owned()),
            units_on: r.units_on,
            units: r.count,
            units_meeting: r.units_meeting(),
            share_meeting: r.share_meeting(),
            units_failing: r.units_failing().map(|u| u.id().to_owned()).collect(),
            numerator: r.pooled.map(|p| p.0),
            denominator: r.pooled.map(|p| p.1),
            per_unit: r
                .units()
                .iter()
                .map(|u| UnitRecord {
                    unit: u.unit().id().to_owned(),
                    status: u.status(),
                    evidence: u.evidence().map(|o| EvidenceRecord::from_observation(&o)),
                })
                .collect(),
        }
    }
}
