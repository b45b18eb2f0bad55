//! The crate used as a downstream test suite would use it, through the public
//! API and the `testing` feature only: strategies, `assert_status!` and the
//! case-folder runner.

use std::collections::BTreeSet;

use policy_targets::testing::{self, Scenario, strategies};
use policy_targets::{Evaluator, Status, assert_status, vn};
use proptest::prelude::*;

/// The built-in Viet Nam scorecard, asserted the way a ministry's test suite
/// would assert its own commitments.
#[test]
fn the_published_record_reads_like_the_policy() {
    let catalogue = vn::catalogue();
    let observations = vn::observations(&catalogue);
    let scenario = Scenario::new(catalogue, observations);
    // UN survey 2024: 71st. Within the lag after 2025 the verdict waits ...
    assert_status!(
        scenario,
        "qd749_2025_egdi_top70",
        as_of = "2026-03-01",
        AwaitingData
    );
    // ... and once it has passed, the 2024 edition closes the target.
    assert_status!(
        scenario,
        "qd749_2025_egdi_top70",
        as_of = "2026-11-28",
        Missed
    );
    // The statistics office's 14.02% for 2025 is the official series.
    assert_status!(
        scenario,
        "qd749_2025_digital_economy_20pct_gdp",
        as_of = "2026-11-28",
        Missed
    );
    // The WEF stopped ranking countries after 2019.
    assert_status!(
        scenario,
        "qd749_2025_gci_competitiveness_top50",
        as_of = "2026-11-28",
        Discontinued
    );
}

#[test]
#[should_panic(expected = "expected met, found missed")]
fn a_failed_assertion_says_what_was_found_and_why() {
    let scenario = Scenario::new(vn::catalogue(), vn::observations(&vn::catalogue()));
    assert_status!(scenario, "qd749_2025_egdi_top70", as_of = "2026-11-28", Met);
}

#[test]
fn the_failure_message_carries_evidence_and_explanation() {
    let scenario = Scenario::new(vn::catalogue(), vn::observations(&vn::catalogue()));
    let message = scenario
        .check_status("qd749_2025_egdi_top70", "2026-11-28", Status::Met)
        .unwrap_err();
    assert!(
        message.contains("evidence: 71 for 2024, published 2024-09-17"),
        "{message}"
    );
    assert!(
        message.contains("explanation: Closing value 71"),
        "{message}"
    );
    let unknown = scenario
        .check_status("no_such_target", "2026-11-28", Status::Met)
        .unwrap_err();
    assert!(unknown.contains("no target `no_such_target`"), "{unknown}");
}

#[test]
fn the_shared_case_files_pass_through_the_runner() {
    testing::assert_cases_pass(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures"));
}

#[test]
fn the_runner_reports_a_failing_case() {
    let dir = std::env::temp_dir().join(format!("policy-targets-cases-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let fixture = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/egdi_rank_missed.json"
    ))
    .unwrap();
    std::fs::write(
        dir.join("wrong.json"),
        fixture.replace(r#""status": "missed""#, r#""status": "met""#),
    )
    .unwrap();
    std::fs::write(dir.join("broken.json"), "{ not json").unwrap();
    let outcomes = testing::run_cases(&dir).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(outcomes.len(), 2);
    assert!(outcomes.iter().all(|(_, o)| !o.passed()));
    let text: Vec<String> = outcomes.iter().map(|(_, o)| o.to_string()).collect();
    assert!(
        text.iter().any(|t| t.contains("expected met, got missed")),
        "{text:?}"
    );
    assert!(
        text.iter().any(|t| t.contains("not a case file")),
        "{text:?}"
    );
}

#[test]
#[should_panic(expected = "no case file")]
fn an_empty_folder_does_not_pass_silently() {
    let dir = std::env::temp_dir().join(format!("policy-targets-empty-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    testing::assert_cases_pass(&dir);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    /// A downstream property: whatever the data, a dashboard that shows the
    /// engine's statuses shows one per target, and "met"/"missed" only after
    /// the deadline.
    #[test]
    fn strategies_feed_a_downstream_property((catalogue, observations) in strategies::dataset(), as_of in strategies::as_of()) {
        let evaluator = Evaluator::new(catalogue);
        let evaluation = evaluator.evaluate(&observations, as_of).unwrap();
        prop_assert_eq!(evaluation.results().len(), evaluator.catalogue().targets().len());
        for r in evaluation.results() {
            let passed = as_of > r.target().deadline().end();
            if matches!(r.status(), Status::Met | Status::Missed | Status::AwaitingData) {
                prop_assert!(passed);
            }
            if matches!(r.status(), Status::Achieved | Status::OnTrack | Status::OffTrack | Status::InsufficientData) {
                prop_assert!(!passed);
            }
        }
    }
}

/// The strategies are not degenerate: over a few hundred draws they reach
/// most statuses.
#[test]
fn strategies_reach_most_statuses() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let mut seen = BTreeSet::new();
    for _ in 0..300 {
        let (catalogue, observations) = strategies::dataset()
            .new_tree(&mut runner)
            .unwrap()
            .current();
        let as_of = strategies::as_of().new_tree(&mut runner).unwrap().current();
        let evaluator = Evaluator::new(catalogue);
        for r in evaluator.evaluate(&observations, as_of).unwrap().results() {
            seen.insert(r.status());
        }
    }
    assert!(seen.len() >= 8, "only {seen:?}");
}
