//! Support for test suites that assert compliance logic: proptest
//! strategies that generate valid catalogues and observations, an assertion
//! that reads like the policy, and a runner for folders of case files.
//!
//! Enabled by the feature `testing` (it adds `proptest` as a dependency).
//! It is for `[dev-dependencies]` only: a downstream crate turns it on for
//! its tests, and keeps its own `[dependencies]` entry without it, so that
//! `proptest` never reaches the build it ships:
//!
//! ```toml
//! [dependencies]
//! policy-targets = "0.2"
//!
//! [dev-dependencies]
//! policy-targets = { version = "0.2", features = ["testing"] }
//! ```
//!
//! (Reading and running one case file needs no feature:
//! [`crate::case`].)
//!
//! # The assertion
//!
//! ```
//! use policy_targets::{assert_status, testing::Scenario};
//! let scenario = Scenario::from_json(
//!     r#"{"format": "policy-targets/catalogue@1",
//!         "indicators": [{"id": "dossiers_online", "kind": "percent"}],
//!         "targets": [{"id": "province_dossiers_80_by_2025", "indicator": "dossiers_online",
//!                      "unit": "VN-HN", "rule": {"at_least": "80"}, "deadline": "2025"}]}"#,
//!     r#"{"format": "policy-targets/observations@1", "observations": [
//!         {"indicator": "dossiers_online", "unit": "VN-HN", "period": "2025",
//!          "published": "2026-02-10", "numerator": 8100, "denominator": 10000}]}"#,
//! )?;
//! assert_status!(scenario, "province_dossiers_80_by_2025", as_of = "2026-03-31", Met);
//! // Before the figure was published, nothing is known:
//! assert_status!(scenario, "province_dossiers_80_by_2025", as_of = "2026-01-31", NoData);
//! # Ok::<(), policy_targets::Error>(())
//! ```
//!
//! When it fails, the message gives the status found, the evidence and the
//! explanation:
//!
//! ```text
//! target `province_dossiers_80_by_2025` as of 2026-03-31: expected missed, found met
//!   evidence: 8100/10000 = 81% for 2025, published 2026-02-10
//!   explanation: Closing value 8100/10000 = 81% (2025, published 2026-02-10) is at least 80%.
//! ```
//!
//! # Case files as tests
//!
//! Keep compliance tests as JSON [case files](crate#case-files) next to the code that
//! produces the data, and run the whole folder from one test:
//!
//! ```no_run
//! #[test]
//! fn compliance_cases() {
//!     policy_targets::testing::assert_cases_pass("tests/compliance");
//! }
//! ```
//!
//! # Strategies
//!
//! [`strategies`] generates catalogues, observations and as-of dates that
//! are valid by construction, so that a downstream crate can property-test
//! its own logic against the engine (for example, that its dashboard never
//! shows "met" for a target the engine calls `missed`).

use std::path::{Path, PathBuf};

use time::Date;

use crate::engine::evaluator::Evaluator;
use crate::engine::result::TargetResult;
use crate::engine::status::Status;
use crate::foundations::error::Error;
use crate::model::catalogue::Catalogue;
use crate::model::observation::Observations;
use crate::parse_date;
use crate::presentation::format::case::{Case, CaseOutcome};
use crate::presentation::format::load::load;

/// A catalogue with its observations, ready to evaluate: the subject of
/// [`assert_status!`](crate::assert_status).
#[derive(Debug, Clone)]
pub struct Scenario {
    evaluator: Evaluator,
    observations: Observations,
}

impl Scenario {
    /// A scenario from a catalogue and observations already loaded.
    #[must_use]
    pub fn new(catalogue: Catalogue, observations: Observations) -> Self {
        Scenario {
            evaluator: Evaluator::new(catalogue),
            observations,
        }
    }

    /// A scenario from a catalogue document and an observations document.
    ///
    /// # Errors
    /// Every problem of either document, as [`load`].
    pub fn from_json(catalogue: &str, observations: &str) -> Result<Self, Error> {
        let (c, o) = load(catalogue, observations)?;
        Ok(Scenario::new(c, o))
    }

    /// The evaluator.
    #[must_use]
    pub fn evaluator(&self) -> &Evaluator {
        &self.evaluator
    }

    /// The observations.
    #[must_use]
    pub fn observations(&self) -> &Observations {
        &self.observations
    }

    /// The result for one target at `as_of`, if the target exists.
    ///
    /// # Errors
    /// As [`Evaluator::evaluate_target`].
    pub fn result(&self, target: &str, as_of: Date) -> Result<Option<TargetResult<'_>>, Error> {
        self.evaluator
            .evaluate_target(target, &self.observations, as_of)
    }

    /// Checks that `target` has `expected` status at `as_of` (written
    /// `YYYY-MM-DD`); the error is a message for a failed test, with the
    /// evidence and explanation. Used by [`assert_status!`](crate::assert_status).
    ///
    /// # Errors
    /// A message when the date is malformed, the target does not exist, the
    /// evaluation fails, or the status differs.
    pub fn check_status(&self, target: &str, as_of: &str, expected: Status) -> Result<(), String> {
        let date = parse_date(as_of).map_err(|e| format!("as_of: {e}"))?;
        let result = self
            .result(target, date)
            .map_err(|e| format!("target `{target}` as of {as_of}: evaluation failed: {e}"))?
            .ok_or_else(|| format!("no target `{target}` in the catalogue"))?;
        if result.status() == expected {
            return Ok(());
        }
        let evidence = result.evidence().map_or_else(
            || "none".to_owned(),
            |o| {
                format!(
                    "{} for {}, published {}",
                    o.reading(),
                    o.period(),
                    o.published()
                )
            },
        );
        Err(format!(
            "target `{target}` as of {as_of}: expected {expected}, found {}\n  evidence: {evidence}\n  explanation: {}",
            result.status(),
            result.explanation()
        ))
    }
}

/// Asserts the status of a target at an as-of date, reading like the policy:
///
/// ```
/// # use policy_targets::{assert_status, testing::Scenario};
/// # let scenario = Scenario::from_json(
/// #   r#"{"format": "policy-targets/catalogue@1", "indicators": [{"id": "s", "kind": "percent"}],
/// #       "targets": [{"id": "t", "indicator": "s", "unit": "VN", "rule": {"more_than": "50"}, "deadline": "2025"}]}"#,
/// #   r#"{"format": "policy-targets/observations@1", "observations": [
/// #       {"indicator": "s", "unit": "VN", "period": "2025", "published": "2026-01-10", "value": "50"}]}"#)?;
/// assert_status!(scenario, "t", as_of = "2026-03-31", Missed); // "trên 50%": 50 is not enough
/// # Ok::<(), policy_targets::Error>(())
/// ```
///
/// The first argument is a [`testing::Scenario`](crate::testing::Scenario)
/// (or anything with the same `check_status` method); the last is a
/// [`Status`](crate::Status) variant. On failure it panics with the status
/// found, the evidence and the explanation.
#[macro_export]
macro_rules! assert_status {
    ($scenario:expr, $target:expr, as_of = $as_of:expr, $status:ident $(,)?) => {
        if let ::core::result::Result::Err(message) =
            $scenario.check_status($target, $as_of, $crate::Status::$status)
        {
            ::core::panic!("{}", message);
        }
    };
}

/// Runs every `*.json` case file in `dir` and its sub-folders (such as
/// `v1_1/`), in path order.
///
/// This function reads files: it is the one place in the crate that does
/// I/O, and exists for test suites.
///
/// # Errors
/// When a folder cannot be read. A file that cannot be read or is not a
/// case file gives a failed outcome, not an error.
pub fn run_cases(dir: impl AsRef<Path>) -> std::io::Result<Vec<(PathBuf, CaseOutcome)>> {
    let mut files: Vec<PathBuf> = Vec::new();
    let mut folders = vec![dir.as_ref().to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder)?.filter_map(Result::ok) {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "json") {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files
        .into_iter()
        .map(|path| {
            let name = path
                .file_stem()
                .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
            let outcome = match std::fs::read_to_string(&path) {
                Ok(text) => match Case::from_json(&text) {
                    Ok(case) => case.run(),
                    Err(e) => CaseOutcome::failed(name, format!("not a case file: {e}")),
                },
                Err(e) => CaseOutcome::failed(name, format!("cannot read: {e}")),
            };
            (path, outcome)
        })
        .collect())
}

/// Runs every case file in `dir` and panics, listing every failure, unless
/// all pass. Also panics when the folder holds no case file, so that a
/// mistyped path cannot pass silently.
///
/// # Panics
/// When a case fails, the folder cannot be read, or it holds no case file.
#[expect(
    clippy::panic,
    reason = "a test assertion: panicking is how it reports"
)]
#[track_caller]
pub fn assert_cases_pass(dir: impl AsRef<Path>) {
    let dir = dir.as_ref();
    let outcomes = match run_cases(dir) {
        Ok(o) => o,
        Err(e) => panic!("cannot read case folder {}: {e}", dir.display()),
    };
    assert!(
        !outcomes.is_empty(),
        "no case file (*.json) in {}",
        dir.display()
    );
    let failed: Vec<String> = outcomes
        .iter()
        .filter(|(_, o)| !o.passed())
        .map(|(p, o)| format!("{}: {o}", p.display()))
        .collect();
    assert!(
        failed.is_empty(),
        "{} of {} cases failed:\n{}",
        failed.len(),
        outcomes.len(),
        failed.join("\n")
    );
}

pub mod strategies {
    //! Proptest strategies for valid catalogues, observations and dates.
    //!
    //! Everything generated loads without error: the strategies build JSON
    //! documents that respect every rule of the format, so a failure in a
    //! property that uses them is about the property, not the input.
    //!
    //! ```
    //! use policy_targets::{testing::strategies, Evaluator};
    //! use proptest::prelude::*;
    //!
    //! proptest!(ProptestConfig::with_cases(16), |((catalogue, observations) in strategies::dataset(), as_of in strategies::as_of())| {
    //!     let evaluator = Evaluator::new(catalogue);
    //!     let evaluation = evaluator.evaluate(&observations, as_of).unwrap();
    //!     prop_assert_eq!(evaluation.results().len(), evaluator.catalogue().targets().len());
    //! });
    //! ```

    use std::fmt::Write as _;

    use proptest::collection::vec;
    use proptest::prelude::*;
    use proptest::sample::select;
    use time::Date;

    use crate::engine::status::Status;
    use crate::foundations::metric::MetricKind;
    use crate::foundations::period::Period;
    use crate::model::catalogue::Catalogue;
    use crate::model::observation::Observations;
    use crate::presentation::format::catalogue::read::CATALOGUE_FORMAT;
    use crate::presentation::format::load::load;
    use crate::presentation::format::observations::OBSERVATIONS_FORMAT;

    /// The kinds of indicator, all five.
    pub fn kind() -> impl Strategy<Value = MetricKind> {
        select(vec![
            MetricKind::Percent,
            MetricKind::Rank,
            MetricKind::Score,
            MetricKind::GrowthRate,
            MetricKind::Count,
        ])
    }

    /// A period of any written form between 2015 and 2032.
    pub fn period() -> impl Strategy<Value = Period> {
        (2015i32..=2032, 0u8..6, 1u8..=12, 1u8..=28).prop_filter_map(
            "a valid period",
            |(y, form, m, d)| match form {
                0 | 1 => Period::year(y).ok(),
                2 => Period::half(y, m.div_ceil(6)).ok(),
                3 => Period::quarter(y, m.div_ceil(3)).ok(),
                4 => Period::month(y, m).ok(),
                _ => crate::parse_date(&format!("{y:04}-{m:02}-{d:02}"))
                    .ok()
                    .and_then(|d| Period::day(d).ok()),
            },
        )
    }

    /// An as-of date between 2016 and 2034.
    pub fn as_of() -> impl Strategy<Value = Date> {
        (2016i32..=2034, 1u8..=12, 1u8..=28).prop_filter_map("a valid date", |(y, m, d)| {
            crate::parse_date(&format!("{y:04}-{m:02}-{d:02}")).ok()
        })
    }

    /// Any status.
    pub fn status() -> impl Strategy<Value = Status> {
        select(Status::ALL.to_vec())
    }

    /// How one indicator of a generated catalogue looks.
    #[derive(Debug, Clone)]
    struct IndicatorSpec {
        kind: MetricKind,
        cadence: &'static str,
        lag: u32,
        discontinued: Option<u16>,
    }

    #[derive(Debug, Clone)]
    struct TargetSpec {
        indicator: usize,
        unit: usize,
        rule: u8,
        threshold: u32,
        deadline: i32,
    }

    #[derive(Debug, Clone)]
    struct ObsSpec {
        indicator: usize,
        unit: usize,
        year: i32,
        lag_days: u16,
        value: u32,
        series: Option<usize>,
        /// A bounded figure (SPEC 2.2): the index of its qualifier.
        qualifier: Option<usize>,
    }

    const UNITS: [&str; 3] = ["VN", "VN-HN", "VN-SG"];
    const SERIES: [&str; 2] = ["gso", "ministry"];
    const QUALIFIERS: [&str; 4] = ["more_than", "at_least", "less_than", "at_most"];

    fn indicator_spec() -> impl Strategy<Value = IndicatorSpec> {
        (
            kind(),
            select(vec![
                "annual",
                "biennial",
                "quarterly",
                "monthly",
                "irregular",
            ]),
            30u32..400,
            proptest::option::weighted(0.15, 0u16..4000),
        )
            .prop_map(|(kind, cadence, lag, discontinued)| IndicatorSpec {
                kind,
                cadence,
                lag,
                discontinued,
            })
    }

    /// A value of `kind` from a raw number, always inside the kind's range
    /// (ranks 1..=193, scores 0..=1, percents 0..=100).
    fn value_text(kind: MetricKind, raw: u32) -> String {
        match kind {
            MetricKind::Percent => format!("{}.{:02}", raw % 100, raw % 97),
            MetricKind::Rank => format!("{}", (raw % 193).saturating_add(1)),
            MetricKind::Score => format!("0.{:04}", raw % 10_000),
            MetricKind::GrowthRate => format!(
                "{}{}.{}",
                if raw.is_multiple_of(5) { "-" } else { "" },
                raw % 15,
                raw % 10
            ),
            _ => format!("{}", raw % 1_000_000),
        }
    }

    fn rule_json(kind: MetricKind, rule: u8, threshold: u32) -> String {
        let t = value_text(kind, threshold);
        if kind == MetricKind::Rank {
            return format!(r#"{{"within_top": {t}}}"#);
        }
        let name = match rule % 4 {
            0 => "at_least",
            1 => "at_most",
            2 => "more_than",
            _ => "less_than",
        };
        format!(r#"{{"{name}": "{t}"}}"#)
    }

    fn catalogue_json(indicators: &[IndicatorSpec], targets: &[TargetSpec]) -> String {
        let mut s = format!(r#"{{"format": "{}", "indicators": ["#, CATALOGUE_FORMAT);
        for (i, ind) in indicators.iter().enumerate() {
            if i > 0 {
                s.push(',');
            }
            let _ = write!(
                s,
                r#"{{"id": "ind_{i}", "kind": "{}", "cadence": "{}", "publication_lag_days": {}"#,
                ind.kind.as_str(),
                ind.cadence,
                ind.lag
            );
            match ind.kind {
                MetricKind::Rank => s.push_str(r#", "out_of": 193"#),
                MetricKind::Score => s.push_str(r#", "min": "0", "max": "1""#),
                _ => {}
            }
            if let Some(days) = ind.discontinued {
                let on = Date::from_julian_day(2_457_389i32.saturating_add(i32::from(days)))
                    .map_or_else(|_| "2020-01-01".to_owned(), |d| d.to_string());
                let _ = write!(
                    s,
                    r#", "discontinued": {{"on": "{on}", "note": "stopped"}}"#
                );
            }
            s.push('}');
        }
        s.push_str(r#"], "targets": ["#);
        for (i, t) in targets.iter().enumerate() {
            if i > 0 {
                s.push(',');
            }
            let kind = indicators
                .get(t.indicator)
                .map_or(MetricKind::Percent, |ind| ind.kind);
            let _ = write!(
                s,
                r#"{{"id": "t{i}", "indicator": "ind_{}", "unit": "{}", "rule": {}, "deadline": "{}"}}"#,
                t.indicator,
                UNITS.get(t.unit).unwrap_or(&"VN"),
                rule_json(kind, t.rule, t.threshold),
                t.deadline
            );
        }
        s.push_str("]}");
        s
    }

    fn observations_json(indicators: &[IndicatorSpec], obs: &[ObsSpec]) -> String {
        let mut s = format!(
            r#"{{"format": "{}", "observations": ["#,
            OBSERVATIONS_FORMAT
        );
        for (i, o) in obs.iter().enumerate() {
            if i > 0 {
                s.push(',');
            }
            let kind = indicators
                .get(o.indicator)
                .map_or(MetricKind::Percent, |ind| ind.kind);
            let published = Date::from_calendar_date(o.year, time::Month::December, 31)
                .ok()
                .and_then(|d| d.checked_add(time::Duration::days(i64::from(o.lag_days))))
                .map_or_else(|| format!("{}-12-31", o.year), |d| d.to_string());
            // Each generated observation gets its own publication day per
            // index, so that no two disagree on the same day.
            let value = if kind == MetricKind::Percent && o.value.is_multiple_of(3) {
                format!(
                    r#""numerator": {}, "denominator": {}"#,
                    o.value % 1000,
                    1000
                )
            } else {
                let qualifier = o
                    .qualifier
                    .and_then(|q| QUALIFIERS.get(q))
                    .map_or_else(String::new, |q| format!(r#", "qualifier": "{q}""#));
                format!(r#""value": "{}"{qualifier}"#, value_text(kind, o.value))
            };
            let series = o
                .series
                .and_then(|x| SERIES.get(x))
                .map_or_else(String::new, |x| format!(r#", "series": "{x}""#));
            let _ = write!(
                s,
                r#"{{"indicator": "ind_{}", "unit": "{}", "period": "{}", "published": "{published}", {value}{series}, "note": "obs {i}"}}"#,
                o.indicator,
                UNITS.get(o.unit).unwrap_or(&"VN"),
                o.year
            );
        }
        s.push_str("]}");
        s
    }

    prop_compose! {
        fn dataset_specs()(indicators in vec(indicator_spec(), 1..5))
            (targets in vec((0..indicators.len(), 0..UNITS.len(), any::<u8>(), any::<u32>(), 2018i32..=2032)
                .prop_map(|(indicator, unit, rule, threshold, deadline)| TargetSpec { indicator, unit, rule, threshold, deadline }), 0..8),
             obs in vec((0..indicators.len(), 0..UNITS.len(), 2015i32..=2030, 1u16..700, any::<u32>(), proptest::option::weighted(0.2, 0..SERIES.len()), proptest::option::weighted(0.1, 0..QUALIFIERS.len()))
                .prop_map(|(indicator, unit, year, lag_days, value, series, qualifier)| ObsSpec { indicator, unit, year, lag_days, value, series, qualifier }), 0..24),
             indicators in Just(indicators))
            -> (Vec<IndicatorSpec>, Vec<TargetSpec>, Vec<ObsSpec>) {
            (indicators, targets, obs)
        }
    }

    /// A valid catalogue: one to four indicators of any kind, cadence and
    /// lag (some discontinued), and up to eight targets with fitting rules.
    pub fn catalogue() -> impl Strategy<Value = Catalogue> {
        dataset().prop_map(|(c, _)| c)
    }

    /// A valid catalogue with valid observations for it: values within each
    /// kind's range, some shares as numerator/denominator, some bounded
    /// figures ("more than 80%", SPEC 2.2), some revisions and some series;
    /// no two observations conflict.
    pub fn dataset() -> impl Strategy<Value = (Catalogue, Observations)> {
        dataset_specs().prop_filter_map("valid by construction", |(indicators, targets, obs)| {
            // Revisions of the same period must not share a publication day.
            let mut obs = obs;
            for (i, o) in obs.iter_mut().enumerate() {
                o.lag_days = o.lag_days.saturating_add(u16::try_from(i).unwrap_or(0));
            }
            load(
                &catalogue_json(&indicators, &targets),
                &observations_json(&indicators, &obs),
            )
            .ok()
        })
    }
}
