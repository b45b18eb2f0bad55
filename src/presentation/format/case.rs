//! Case files: one evaluation and what it must answer, kept as data.

use std::fmt;

use time::Date;

use crate::engine::evaluator::Evaluator;
use crate::engine::progress::category::Category;
use crate::engine::progress::refusal::Refusal;
use crate::engine::result::TargetResult;
use crate::engine::status::Status;
use crate::foundations::error::{Error, ErrorKind, Location, Locator, Path, Problem, Problems};
use crate::foundations::period::Period;
use crate::model::catalogue::Catalogue;
use crate::model::method::Method;
use crate::model::observation::Observations;
use crate::model::units::Units;
use crate::presentation::format::flat::read_object;
use crate::presentation::format::json::{Raw, Reader, checked_text, not_valid_json, read_array};
use crate::presentation::format::load::load_with_units;
use crate::presentation::format::units::parse as parse_units;

/// What a case expects: everything an `expect` or `expect_error` of a case
/// file can say.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Expectation {
    /// What each listed target's result must be (`expect`): its status,
    /// and optionally its progress and failed periods.
    Results(Vec<ExpectedResult>),
    /// Loading fails, and the error report contains every listed string
    /// (`expect_error`).
    Error(Vec<String>),
}

/// One `expect` entry of a case file: a target's status and, optionally,
/// what its progress assessment and every-period outcome must be.
///
/// ```
/// use policy_targets::case::ExpectedResult;
/// use policy_targets::{Category, Method, Status};
/// let e = ExpectedResult::new("qd749_2030_online_100", Status::OffTrack)
///     .with_method(Method::UnsdProjection)
///     .with_category(Category::ModerateProgress)
///     .with_required_pace("4.5".parse()?);
/// assert_eq!(e.status, Status::OffTrack);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ExpectedResult {
    /// The target's id (`target`).
    pub target: String,
    /// Its status (`status`).
    pub status: Status,
    /// The progress method to assess with (`method`); else the method in force.
    pub method: Option<Method>,
    /// The progress category (`category`).
    pub category: Option<Category>,
    /// Why the method is refused (`refusal`).
    pub refusal: Option<Refusal>,
    /// The pace still needed a year (`required_pace`), compared at the
    /// precision written: `4.5` holds for 4.4999 and 4.5321.
    pub required_pace: Option<rust_decimal::Decimal>,
    /// The periods of an every-period target whose figure failed
    /// (`failed_periods`), in order.
    pub failed_periods: Option<Vec<Period>>,
}

impl ExpectedResult {
    /// Expects `target` to have `status`, and nothing more.
    #[must_use]
    pub fn new(target: impl Into<String>, status: Status) -> Self {
        ExpectedResult {
            target: target.into(),
            status,
            method: None,
            category: None,
            refusal: None,
            required_pace: None,
            failed_periods: None,
        }
    }

    /// Assesses progress with `method` instead of the method in force.
    #[must_use]
    pub fn with_method(mut self, method: Method) -> Self {
        self.method = Some(method);
        self
    }

    /// Expects the progress category `category`.
    #[must_use]
    pub fn with_category(mut self, category: Category) -> Self {
        self.category = Some(category);
        self
    }

    /// Expects the progress method to be refused, for `refusal`.
    #[must_use]
    pub fn with_refusal(mut self, refusal: Refusal) -> Self {
        self.refusal = Some(refusal);
        self
    }

    /// Expects this pace still needed a year, at the precision written.
    #[must_use]
    pub fn with_required_pace(mut self, pace: rust_decimal::Decimal) -> Self {
        self.required_pace = Some(pace);
        self
    }

    /// Expects exactly these failed periods (an every-period target).
    #[must_use]
    pub fn with_failed_periods(mut self, periods: Vec<Period>) -> Self {
        self.failed_periods = Some(periods);
        self
    }
}

/// A case file (see [the crate docs](crate#case-files)): a catalogue, observations, an as-of date, and
/// what the evaluation must answer.
///
/// ```
/// use policy_targets::case::Case;
/// let case = Case::from_json(r#"{"name": "strict", "as_of": "2026-06-01",
///   "catalogue": {"format": "policy-targets/catalogue@1",
///     "indicators": [{"id": "epay", "kind": "percent"}],
///     "targets": [{"id": "over_50", "indicator": "epay", "unit": "VN",
///                  "rule": {"more_than": "50"}, "deadline": "2025"}]},
///   "observations": {"format": "policy-targets/observations@1", "observations": [
///     {"indicator": "epay", "unit": "VN", "period": "2025", "published": "2026-02-01", "value": "50"}]},
///   "expect": [{"target": "over_50", "status": "missed"}]}"#)?;
/// let outcome = case.run();
/// assert!(outcome.passed(), "{outcome}");
/// # Ok::<(), policy_targets::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    name: String,
    description: Option<String>,
    as_of: Date,
    catalogue: String,
    observations: String,
    units: Option<String>,
    /// Where the catalogue, observations and units start in the case file.
    starts: [Option<Location>; 3],
    expect: Expectation,
}

const EXPECT_FIELDS: [&str; 7] = [
    "target",
    "status",
    "method",
    "category",
    "refusal",
    "required_pace",
    "failed_periods",
];

const CASE_FIELDS: [&str; 8] = [
    "name",
    "description",
    "as_of",
    "catalogue",
    "observations",
    "units",
    "expect",
    "expect_error",
];

impl Case {
    /// Reads a case file.
    ///
    /// # Errors
    /// Every problem in the case file's own fields. The embedded catalogue and
    /// observations are only read by [`Case::run`] (a case may expect them to
    /// be faulty).
    pub fn from_json(text: &str) -> Result<Case, Error> {
        let mut problems = Problems::default();
        let Some(text) = checked_text(text, &mut problems) else {
            problems.into_result()?;
            return Err(Error::single(ErrorKind::Syntax, "", "not a case file"));
        };
        let raw: Raw<'_> = serde_json::from_str(text)
            .map_err(|e| Error::single(ErrorKind::Syntax, "", not_valid_json(&e)))?;
        let mut locator = Locator::new(text);
        let f = read_object(raw, &CASE_FIELDS, Path::new(""), &mut problems);
        let case = f.and_then(|f| {
            let mut r = Reader {
                problems: &mut problems,
            };
            let top = Path::new("");
            let name = f.required_string(&mut r, top, "name");
            let description = f
                .optional_string(&mut r, top, "description")
                .map(|s| s.into_owned());
            let as_of = f.required_date(&mut r, top, "as_of");
            let catalogue = r
                .required(f.get("catalogue"), || "catalogue".to_owned())
                .map(|v| v.get().to_owned());
            let observations = r
                .required(f.get("observations"), || "observations".to_owned())
                .map(|v| v.get().to_owned());
            let units = f.get("units").map(|v| v.get().to_owned());
            // Where each document starts in the case file, for the lines
            // and columns of their problems.
            let starts = ["catalogue", "observations", "units"]
                .map(|name| f.get(name).and_then(|v| locator.locate(v.get())));
            let expect = match (f.get("expect"), f.get("expect_error")) {
                (Some(v), None) => {
                    let mut list = Vec::new();
                    for (i, item) in read_array(v, "expect", r.problems).into_iter().enumerate() {
                        let path = Path::at("expect", i);
                        let Some(e) = read_object(item, &EXPECT_FIELDS, path, r.problems) else {
                            continue;
                        };
                        let method = r.named(e.get("method"), || path.field("method"));
                        let category = r.named(e.get("category"), || path.field("category"));
                        let refusal = r.named(e.get("refusal"), || path.field("refusal"));
                        let required_pace = e
                            .get("required_pace")
                            .and_then(|v| r.decimal(v, || path.field("required_pace")));
                        let mut failed_periods = None;
                        if let Some(v) = e.get("failed_periods") {
                            let lpath = path.field("failed_periods");
                            let mut list = Vec::new();
                            for (j, p) in read_array(v, &lpath, r.problems).into_iter().enumerate()
                            {
                                if let Some(p) = r.period(p, || format!("{lpath}[{j}]")) {
                                    list.push(p);
                                }
                            }
                            failed_periods = Some(list);
                        }
                        let target = e.required_string(&mut r, path, "target");
                        let status = e.required_named::<Status>(&mut r, path, "status");
                        if let (Some(t), Some(status)) = (target, status) {
                            list.push(ExpectedResult {
                                target: t.into_owned(),
                                status,
                                method,
                                category,
                                refusal,
                                required_pace,
                                failed_periods,
                            });
                        }
                    }
                    Some(Expectation::Results(list))
                }
                (None, Some(v)) => {
                    let mut list = Vec::new();
                    for (i, item) in read_array(v, "expect_error", r.problems)
                        .into_iter()
                        .enumerate()
                    {
                        if let Some(s) = r.string(item, || format!("expect_error[{i}]")) {
                            list.push(s.into_owned());
                        }
                    }
                    Some(Expectation::Error(list))
                }
                (Some(_), Some(_)) => {
                    r.problems.push(
                        ErrorKind::InvalidValue,
                        "expect_error",
                        "a case has either expect or expect_error, not both",
                    );
                    None
                }
                (None, None) => {
                    r.problems.push(
                        ErrorKind::MissingField,
                        "expect",
                        "a case needs expect or expect_error",
                    );
                    None
                }
            };
            Some(Case {
                name: name?.into_owned(),
                description,
                as_of: as_of?,
                catalogue: catalogue?,
                observations: observations?,
                units,
                starts,
                expect: expect?,
            })
        });
        problems.into_result()?;
        case.ok_or_else(|| Error::single(ErrorKind::Syntax, "", "not a case file"))
    }

    /// The case's name.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// What the case is about.
    #[must_use]
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }

    /// The as-of date of the evaluation.
    #[must_use]
    pub fn as_of(&self) -> Date {
        self.as_of
    }

    /// What it expects.
    #[must_use]
    pub fn expectation(&self) -> &Expectation {
        &self.expect
    }

    /// Loads the case's catalogue and observations, as [`load`](crate::load) does.
    ///
    /// # Errors
    /// Every problem of either document.
    pub fn load(&self) -> Result<(Catalogue, Observations), Error> {
        self.load_with_units()
            .map(|(catalogue, observations, _)| (catalogue, observations))
    }

    /// Loads the case's units document, if it has one.
    ///
    /// # Errors
    /// Every problem of the units document, each with its JSON path.
    pub fn load_units(&self) -> Result<Option<Units>, Error> {
        let mut problems = Problems::default();
        let units = self
            .units
            .as_deref()
            .map(|text| parse_units(text, &mut problems));
        problems
            .into_result()
            .map_err(|e| e.map_problems(|p| self.in_case_file(p, Some("units"))))?;
        Ok(units)
    }

    /// Loads the catalogue, observations and units (when the case has a
    /// `units` document) together, reporting the problems of all three in
    /// one error, as [`load_with_units`] does. Lines and columns are those
    /// of the case file.
    ///
    /// # Errors
    /// Every problem of any of the documents, each with its JSON path.
    pub fn load_with_units(&self) -> Result<(Catalogue, Observations, Option<Units>), Error> {
        load_with_units(&self.catalogue, &self.observations, self.units.as_deref()).map_err(|e| {
            e.map_problems(|p| {
                let document = p.document();
                self.in_case_file(p, document)
            })
        })
    }

    /// A problem of the case's document `document`, its line and column
    /// made those of the case file.
    fn in_case_file(&self, p: Problem, document: Option<&'static str>) -> Problem {
        let [catalogue, observations, units] = self.starts;
        let start = match document {
            Some("catalogue") => catalogue,
            Some("observations") => observations,
            Some("units") => units,
            _ => None,
        };
        match start {
            Some(start) => p.placed_at(start),
            None => p,
        }
    }

    /// Loads, evaluates and checks the expectation.
    #[must_use]
    pub fn run(&self) -> CaseOutcome {
        let mut failures = Vec::new();
        match (&self.expect, self.load_with_units()) {
            (Expectation::Results(expected), Ok((catalogue, observations, units))) => {
                let evaluator = match units {
                    Some(units) => Evaluator::new(catalogue).with_units(units),
                    None => Evaluator::new(catalogue),
                };
                match evaluator.evaluate(&observations, self.as_of) {
                    Ok(evaluation) => {
                        for e in expected {
                            if let Some(r) = evaluation.get(&e.target) {
                                failures.extend(e.check_more(r));
                            }
                        }
                        for ExpectedResult { target, status, .. } in expected {
                            match evaluation.get(target) {
                                Some(r) if r.status() == *status => {}
                                Some(r) => failures.push(format!(
                                    "target `{target}`: expected {status}, got {}: {}",
                                    r.status(),
                                    r.explanation()
                                )),
                                None => failures
                                    .push(format!("target `{target}` is not in the catalogue")),
                            }
                        }
                    }
                    Err(e) => failures.push(format!("evaluation failed: {e}")),
                }
            }
            (Expectation::Results(_), Err(e)) => {
                failures.push(format!("expected statuses, but loading failed: {e}"))
            }
            (Expectation::Error(_), Ok(_)) => {
                failures.push("expected an error report, but the input loaded".to_owned())
            }
            (Expectation::Error(strings), Err(e)) => {
                let report = e.to_string();
                for s in strings {
                    if !report.contains(s.as_str()) {
                        failures.push(format!(
                            "the error report does not mention `{s}`; it reads:\n{report}"
                        ));
                    }
                }
            }
        }
        CaseOutcome {
            name: self.name.clone(),
            failures,
        }
    }
}

impl ExpectedResult {
    /// What does not hold of the progress and failed periods, one sentence each.
    fn check_more(&self, r: &TargetResult<'_>) -> Vec<String> {
        let mut out = Vec::new();
        let t = &self.target;
        if self.category.is_some() || self.refusal.is_some() || self.required_pace.is_some() {
            let progress = match self.method {
                Some(m) => r.progress_with(m),
                None => r.progress(),
            };
            match progress {
                None => out.push(format!(
                    "target `{t}`: expected a progress assessment, got none"
                )),
                Some(p) => {
                    if let Some(c) = self.category
                        && p.category() != Some(c)
                    {
                        out.push(format!(
                            "target `{t}`: expected progress category {c} by {}, got {:?}",
                            p.method(),
                            p.outcome()
                        ));
                    }
                    if let Some(x) = self.refusal
                        && p.refusal() != Some(x)
                    {
                        out.push(format!(
                            "target `{t}`: expected {} to be refused ({}), got {:?}",
                            p.method(),
                            x.as_str(),
                            p.outcome()
                        ));
                    }
                    if let Some(want) = self.required_pace {
                        let got = p.required_pace().map(|v| v.round_dp(want.scale()));
                        if got != Some(want) {
                            out.push(format!(
                                "target `{t}`: expected a required pace of {want}, got {:?}",
                                p.required_pace()
                            ));
                        }
                    }
                }
            }
        }
        if let Some(want) = &self.failed_periods {
            let got: Vec<Period> = r
                .every_period()
                .map(|e| e.failed().iter().map(|(p, _)| *p).collect())
                .unwrap_or_default();
            if !got
                .iter()
                .map(ToString::to_string)
                .eq(want.iter().map(ToString::to_string))
            {
                let show = |v: &[Period]| {
                    v.iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                out.push(format!(
                    "target `{t}`: expected failed periods [{}], got [{}]",
                    show(want),
                    show(&got)
                ));
            }
        }
        out
    }
}

/// What running a [`Case`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseOutcome {
    name: String,
    failures: Vec<String>,
}

impl CaseOutcome {
    /// An outcome that failed before the case could run (for runners).
    #[cfg(feature = "testing")]
    pub(crate) fn failed(name: String, why: String) -> Self {
        CaseOutcome {
            name,
            failures: vec![why],
        }
    }

    /// Whether every expectation held.
    #[must_use]
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }

    /// What did not hold, one entry each.
    #[must_use]
    pub fn failures(&self) -> &[String] {
        &self.failures
    }
}

impl fmt::Display for CaseOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.failures.is_empty() {
            write!(f, "case `{}`: passed", self.name)
        } else {
            write!(
                f,
                "case `{}`: {} failure(s)",
                self.name,
                self.failures.len()
            )?;
            for x in &self.failures {
                write!(f, "\n  - {x}")?;
            }
            Ok(())
        }
    }
}
