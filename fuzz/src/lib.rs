//! What the fuzz targets share: how an input is split into documents, the
//! as-of dates every evaluation is run at, and the checks every evaluation
//! must pass.
//!
//! The targets use only the crate's public API, as re-exported at its root.

use std::sync::OnceLock;

use policy_targets::{
    Date, Evaluation, Evaluator, Lang, Observations, ResultsDocument, parse_date,
};

/// Whether an input that hits a finding not fixed yet (listed in
/// `fuzz/regressions/README.md`) is to be skipped, so that the fuzzer looks
/// for new ones: `true` unless `POLICY_TARGETS_FUZZ_KNOWN` is set, as when
/// replaying the reproducers of `fuzz/regressions/`. Once a finding is
/// fixed, its check is removed from the target.
#[must_use]
pub fn skip_known(hit: bool) -> bool {
    static REPLAY: OnceLock<bool> = OnceLock::new();
    hit && !*REPLAY.get_or_init(|| std::env::var_os("POLICY_TARGETS_FUZZ_KNOWN").is_some())
}

/// Separates the documents of one input: `catalogue`, `observations`,
/// `units` and the as-of date, in this order, each optional but the first.
/// `fuzz/seed.sh` writes the seeds in this form.
pub const SEPARATOR: char = '\u{1}';

/// The observations document used when an input has none.
pub const NO_OBSERVATIONS: &str =
    r#"{"format": "policy-targets/observations@1", "observations": []}"#;

/// The documents of one input.
#[derive(Debug, Clone, Copy)]
pub struct Parts<'a> {
    /// The catalogue document.
    pub catalogue: &'a str,
    /// The observations document ([`NO_OBSERVATIONS`] when absent).
    pub observations: &'a str,
    /// The units document, when present and not empty.
    pub units: Option<&'a str>,
    /// The input's own as-of date, when present and a date.
    pub as_of: Option<Date>,
}

impl<'a> Parts<'a> {
    /// Splits `data` at [`SEPARATOR`]; `None` if it is not UTF-8 (the
    /// readers take text).
    #[must_use]
    pub fn split(data: &'a [u8]) -> Option<Parts<'a>> {
        let text = std::str::from_utf8(data).ok()?;
        let mut parts = text.splitn(4, SEPARATOR);
        let catalogue = parts.next()?;
        let observations = parts.next().unwrap_or(NO_OBSERVATIONS);
        let units = parts.next().filter(|u| !u.is_empty());
        let as_of = parts.next().and_then(|d| parse_date(d.trim()).ok());
        Some(Parts {
            catalogue,
            observations,
            units,
            as_of,
        })
    }

    /// The dates to evaluate at: first the input's own as-of date (else
    /// 2026-01-01), where every check is made; then the ends of the calendar
    /// and both sides of the end of 2025 (a deadline of `2025` is pending on
    /// 2025-12-31 and passed on 2026-01-01).
    #[must_use]
    pub fn dates(&self) -> Vec<Date> {
        dates_from(self.as_of)
    }
}

/// The dates to evaluate at, `own` first (2026-01-01 if `None`), then the
/// ends of the calendar and both sides of the end of 2025, each once.
#[must_use]
pub fn dates_from(own: Option<Date>) -> Vec<Date> {
    let mut dates: Vec<Date> = own.into_iter().collect();
    for day in ["2026-01-01", "0001-01-01", "2025-12-31", "9999-12-31"] {
        if let Ok(day) = parse_date(day)
            && !dates.contains(&day)
        {
            dates.push(day);
        }
    }
    dates
}

/// Asks every result of `evaluation` for everything it can tell: the
/// explanation, the projection, the evidence, the every-period outcome, the
/// roll-up and its units, and the progress with the method in force.
pub fn ask_everything(evaluation: &Evaluation<'_>) {
    for r in evaluation.results() {
        let _ = r.explanation();
        let _ = r.projection().map(|p| (p.value(), p.points()));
        let _ = r.evidence().map(|o| o.to_string());
        let _ = r.every_period().map(|e| (e.count(), e.missing_count()));
        if let Some(roll_up) = r.roll_up() {
            let _ = (roll_up.scope(), roll_up.share_meeting(), roll_up.pooled());
            for u in roll_up.units() {
                let _ = (u.status(), u.meets(), u.evidence().map(|o| o.to_string()));
            }
        }
        let _ = r.progress();
    }
}

/// Checks that the results document of `evaluation` reads back, and writes
/// again to the same text; that the document streamed by `write_json_in`
/// is the document, in both languages; and that serde_json's own writing
/// of its records (feature `serde`) is too.
///
/// # Panics
/// When it does not: a finding.
pub fn check_results_document(evaluation: &Evaluation<'_>) {
    for lang in [Lang::En, Lang::Vi] {
        let json = evaluation.to_json_in(lang);
        let mut streamed = Vec::new();
        if let Err(e) = evaluation.write_json_in(lang, &mut streamed) {
            panic!("writing the results document into memory failed: {e}");
        }
        assert!(
            streamed == json.as_bytes(),
            "the streamed results document differs from the document"
        );
        match serde_json::to_string_pretty(&evaluation.to_document_in(lang)) {
            Ok(serde) => assert_eq!(serde, json, "serde_json writes the records otherwise"),
            Err(e) => panic!("the records did not serialise: {e}"),
        }
    }
    let json = evaluation.to_json();
    let read = match ResultsDocument::from_json(&json) {
        Ok(doc) => doc,
        Err(e) => panic!("a results document written by the crate did not read back: {e}\n{json}"),
    };
    assert_eq!(
        read.to_json(),
        json,
        "a results document read back writes other text"
    );
}

/// Evaluates at each of `dates` and asks every result everything
/// ([`ask_everything`]). At the first date, also checks the results
/// document ([`check_results_document`]) and that every target evaluated
/// alone ([`Evaluator::evaluate_target`], which finds its observations and
/// units on its own) gives the same record as in the whole evaluation.
///
/// # Panics
/// When observations loaded against the evaluator's own catalogue do not
/// evaluate, or a check fails: a finding.
pub fn check_evaluator(evaluator: &Evaluator, observations: &Observations, dates: &[Date]) {
    for (i, &as_of) in dates.iter().enumerate() {
        let evaluation = match evaluator.evaluate(observations, as_of) {
            Ok(e) => e,
            Err(e) => panic!("observations loaded against this catalogue did not evaluate: {e}"),
        };
        ask_everything(&evaluation);
        if i > 0 {
            continue;
        }
        check_results_document(&evaluation);
        for r in evaluation.results() {
            let id = r.target().id();
            match evaluator.evaluate_target(id, observations, as_of) {
                Ok(Some(alone)) => assert_eq!(
                    alone.to_record(),
                    r.to_record(),
                    "target `{id}` evaluated alone differs from the whole evaluation"
                ),
                Ok(None) => panic!("target `{id}` of the evaluation is not found alone"),
                Err(e) => panic!("target `{id}` did not evaluate alone: {e}"),
            }
        }
    }
}
