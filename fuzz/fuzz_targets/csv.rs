//! The CSV observations reader (SPEC 2.5), alone and through `load_csv`,
//! and the engine on what it reads.
//!
//! Input: `catalogue \x01 csv [\x01 as-of]`, the CSV part as bytes (a part
//! that is not UTF-8 goes through `document_text`, as a file does); inputs
//! whose catalogue does not read are skipped. Checks: `load_csv` accepts
//! exactly what `Observations::from_csv` accepts, to equal values; every problem is at
//! `row N` (or the whole document) with a bounded message; what is read is
//! written by `to_csv` and read back equal, to the same text, and equals
//! what its JSON (`to_json`) reads back as; and one evaluation, at the
//! input's date, answers everything and its results document, with its
//! warnings, reads back (`load_evaluate` checks the engine at many dates;
//! this target spends its time on the reader).

#![no_main]

use libfuzzer_sys::fuzz_target;
use policy_targets::format::{document_text, load_csv};
use policy_targets::{Catalogue, Evaluator, Observations, parse_date};
use policy_targets_fuzz::{SEPARATOR, ask_everything, check_results_document, dates_from};

/// The longest a problem's path or message may be, in bytes: the crate's
/// bound (1,000) and the note of a cut text's length.
const MAX_TEXT: usize = 1_100;

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(3, |&b| b == SEPARATOR as u8);
    let Some(Ok(catalogue_text)) = parts.next().map(std::str::from_utf8) else {
        return;
    };
    let csv_bytes = parts.next().unwrap_or_default();
    let as_of = parts
        .next()
        .and_then(|d| std::str::from_utf8(d).ok())
        .and_then(|d| parse_date(d.trim()).ok());
    let Ok(csv) = document_text(csv_bytes) else {
        return;
    };
    // Only inputs whose catalogue reads: otherwise `load_csv` refuses
    // whatever the CSV, and building the csv crate's automaton for nothing
    // would take most of the run.
    let Ok(catalogue) = Catalogue::from_json(catalogue_text) else {
        return;
    };
    let observations = Observations::from_csv(csv, &catalogue);
    if let Err(e) = &observations {
        for p in e.problems() {
            assert!(
                p.path().is_empty() || p.path().starts_with("row "),
                "a CSV problem at `{}`",
                p.path()
            );
            assert!(
                p.path().len() <= MAX_TEXT && p.message().len() <= MAX_TEXT,
                "an unbounded problem: {} and {} bytes",
                p.path().len(),
                p.message().len()
            );
        }
    }
    let loaded = load_csv(catalogue_text, csv, None);
    let observations = match (loaded, observations) {
        (Ok((c, o, _)), Ok(o1)) => {
            assert_eq!(
                c, catalogue,
                "`load_csv` and `Catalogue::from_json` read different catalogues"
            );
            assert_eq!(
                o, o1,
                "`load_csv` and `Observations::from_csv` read different observations"
            );
            o
        }
        (Err(_), Err(_)) => return,
        (Ok(_), Err(_)) => {
            panic!("`load_csv` accepted what the readers one after the other refused")
        }
        (Err(e), Ok(_)) => {
            panic!("`load_csv` refused what the readers one after the other accepted: {e}")
        }
    };
    let written = observations.to_csv();
    match Observations::from_csv(&written, &catalogue) {
        Ok(again) => {
            assert_eq!(
                again, observations,
                "observations written as CSV and read back differ"
            );
            assert_eq!(
                again.to_csv(),
                written,
                "observations read back write other CSV"
            );
        }
        Err(e) => panic!("CSV written by the crate did not read back: {e}\n{written}"),
    }
    match Observations::from_json(&observations.to_json(), &catalogue) {
        Ok(json) => assert_eq!(
            json, observations,
            "the same observations as JSON read otherwise"
        ),
        Err(e) => panic!("observations read from CSV did not read back from JSON: {e}"),
    }
    let evaluator = Evaluator::new(catalogue);
    let as_of = dates_from(as_of).first().copied();
    if let Some(as_of) = as_of {
        match evaluator.evaluate(&observations, as_of) {
            Ok(evaluation) => {
                ask_everything(&evaluation);
                for w in evaluation.warnings() {
                    assert!(w.to_string().len() <= 3 * MAX_TEXT, "an unbounded warning");
                }
                check_results_document(&evaluation);
            }
            Err(e) => panic!("observations read against this catalogue did not evaluate: {e}"),
        }
    }
});
