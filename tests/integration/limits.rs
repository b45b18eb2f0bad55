//! The limits that protect a caller: large and extreme inputs either
//! evaluate or give a clear error, with bounded reports.

use std::fmt::Write as _;

use policy_targets::error::MAX_REPORTED_PROBLEMS;
use policy_targets::{
    Catalogue, ErrorKind, Evaluator, IndicatorDef, NewObservation, Observations, Percent, Period,
    Status, TargetDef, Threshold, parse_date,
};

/// A million daily observations of one series: loading and evaluating stay
/// linear, the projection looks only at the last five years.
#[test]
fn a_million_observations_for_one_series() {
    let mut b = Catalogue::builder();
    let share = b
        .indicator(
            IndicatorDef::<Percent>::new("share").with_cadence(policy_targets::Cadence::Irregular),
        )
        .unwrap();
    b.target(TargetDef::new(
        "t",
        &share,
        "VN",
        Threshold::at_least("80".parse().unwrap()),
        Period::year(4800).unwrap(),
    ))
    .unwrap();
    let catalogue = b.build().unwrap();
    let mut obs = Observations::builder(&catalogue);
    let first = parse_date("2000-01-01").unwrap();
    for i in 0..1_000_000u32 {
        let day = first
            .checked_add(time::Duration::days(i64::from(i)))
            .unwrap();
        let share_of = u64::from(i % 1000);
        obs.push(NewObservation::ratio(
            &share,
            "VN",
            Period::day(day).unwrap(),
            day,
            share_of,
            1000,
        ))
        .unwrap();
    }
    let obs = obs.build().unwrap();
    assert_eq!(obs.len(), 1_000_000);
    let evaluator = Evaluator::new(catalogue);
    let as_of = parse_date("4700-01-01").unwrap();
    let r = evaluator
        .evaluate_target("t", &obs, as_of)
        .unwrap()
        .unwrap();
    // The last five years of a sawtooth: no trend reaches 80%.
    assert!(
        matches!(
            r.status(),
            Status::OffTrack | Status::OnTrack | Status::Achieved
        ),
        "{}",
        r.explanation()
    );
    assert!(
        r.projection().is_some_and(|p| p.points() <= 1827),
        "{:?}",
        r.projection()
    );
}

/// The ends of the calendar: deadlines in 9999, as-of dates on the first and
/// last day, a century of publication lag.
#[test]
fn the_ends_of_the_calendar() {
    let catalogue = Catalogue::from_json(
        r#"{"format": "policy-targets/catalogue@1",
            "indicators": [{"id": "r", "kind": "rank", "cadence": "biennial", "publication_lag_days": 36600}],
            "targets": [{"id": "late", "indicator": "r", "unit": "VN", "rule": {"within_top": 1}, "deadline": "9999-Q4"},
                        {"id": "early", "indicator": "r", "unit": "VN", "rule": {"within_top": 1}, "deadline": "0001"}]}"#,
    )
    .unwrap();
    let obs = Observations::from_json(
        r#"{"format": "policy-targets/observations@1", "observations": [
            {"indicator": "r", "unit": "VN", "period": "0001-01-01/9999-12-31", "published": "0001-01-01", "value": 4294967295},
            {"indicator": "r", "unit": "VN", "period": "9999-12-31", "published": "9999-12-31", "value": 1}]}"#,
        &catalogue,
    )
    .unwrap();
    let evaluator = Evaluator::new(catalogue);
    for as_of in ["0001-01-01", "9999-12-30", "9999-12-31"] {
        let e = evaluator
            .evaluate(&obs, parse_date(as_of).unwrap())
            .unwrap();
        for r in e.results() {
            assert!(!r.explanation().is_empty());
        }
    }
    let e = evaluator
        .evaluate(&obs, parse_date("9999-12-31").unwrap())
        .unwrap();
    // No figure's period ends by the year 1: nothing closes the early target.
    assert_eq!(e.get("early").unwrap().status(), Status::AwaitingData);
    // Both periods end on 9999-12-31; the longer one counts as the latest
    // (SPEC 3.5), and two points at one date draw no trend.
    assert_eq!(e.get("late").unwrap().status(), Status::InsufficientData);
}

/// Ten thousand faulty observations: the report lists the cap and counts the rest.
#[test]
fn an_error_report_is_capped() {
    let catalogue = Catalogue::from_json(
        r#"{"format": "policy-targets/catalogue@1", "indicators": [{"id": "s", "kind": "percent"}], "targets": []}"#,
    )
    .unwrap();
    let mut doc = String::from(r#"{"format": "policy-targets/observations@1", "observations": ["#);
    for i in 0..10_000 {
        if i > 0 {
            doc.push(',');
        }
        write!(doc, r#"{{"indicator": "s", "unit": "VN", "period": "2025", "published": "2026-01-01", "value": "{}"}}"#, 101 + i)
            .unwrap();
    }
    doc.push_str("]}");
    let err = Observations::from_json(&doc, &catalogue).unwrap_err();
    assert_eq!(err.problems().len(), MAX_REPORTED_PROBLEMS);
    assert_eq!(err.omitted(), 10_000 - MAX_REPORTED_PROBLEMS);
    assert_eq!(err.kind(), ErrorKind::OutOfRange);
    assert!(
        err.to_string().ends_with("... and 9900 more"),
        "{}",
        err.to_string().lines().last().unwrap_or_default()
    );
}

/// Deep nesting is a syntax error, not a stack overflow.
#[test]
fn deep_nesting_is_refused() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let doc = format!(r#"{{"format": "policy-targets/catalogue@1", "indicators": {deep}}}"#);
    let err = Catalogue::from_json(&doc).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Syntax);
}
