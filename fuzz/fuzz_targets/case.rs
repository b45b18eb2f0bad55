//! Case files: the `Case` reader and running a case.
//!
//! Input: a case file. Checks: `load_with_units` loads when, and only when,
//! `load` and `load_units` do, to the same values; a case passes only if
//! its expectation holds (every expected status is the one evaluated at its
//! as-of date; an expected error needs a load error, expected statuses a
//! load); and the evaluations pass `check_evaluator`.

#![no_main]

use libfuzzer_sys::fuzz_target;
use policy_targets::Evaluator;
use policy_targets::case::{Case, Expectation, ExpectedResult};
use policy_targets_fuzz::{check_evaluator, dates_from};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(case) = Case::from_json(text) else {
        return;
    };
    let _ = (case.name(), case.description());
    let outcome = case.run();
    let _ = (outcome.to_string(), outcome.failures().len());
    let loaded = case.load_with_units();
    match (&loaded, case.load(), case.load_units()) {
        (Ok((c, o, u)), Ok((c1, o1)), Ok(u1)) => {
            assert!(
                c == &c1 && o == &o1 && u == &u1,
                "load_with_units read other documents than load and load_units"
            );
        }
        (Err(_), Err(_), _) | (Err(_), _, Err(_)) => {}
        (Ok(_), ..) => panic!("load_with_units accepted what load or load_units refused"),
        (Err(e), ..) => panic!("load_with_units refused what load and load_units accepted: {e}"),
    }
    let Ok((catalogue, observations, units)) = loaded else {
        assert!(
            !outcome.passed() || matches!(case.expectation(), Expectation::Error(_)),
            "a case expecting statuses passed, but did not load"
        );
        return;
    };
    let evaluator = match units {
        Some(u) => Evaluator::new(catalogue).with_units(u),
        None => Evaluator::new(catalogue),
    };
    match case.expectation() {
        Expectation::Results(expected) if outcome.passed() => {
            let Ok(evaluation) = evaluator.evaluate(&observations, case.as_of()) else {
                panic!("a case passed, but its documents do not evaluate");
            };
            for ExpectedResult { target, status, .. } in expected {
                assert_eq!(
                    evaluation.get(target).map(|r| r.status()),
                    Some(*status),
                    "a case passed, but target `{target}` is not {status} at its as-of date"
                );
            }
        }
        Expectation::Error(_) => assert!(
            !outcome.passed(),
            "a case expecting an error passed, but it loaded"
        ),
        _ => {}
    }
    check_evaluator(&evaluator, &observations, &dates_from(Some(case.as_of())));
});
