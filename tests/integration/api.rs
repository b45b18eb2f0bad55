//! The public API: auto traits, the size of the error, and example-based
//! checks that the typed builders, the JSON path and the error reports agree
//! with the specification.

use std::collections::BTreeMap;

use policy_targets::case::Case;
use policy_targets::{
    Cadence, Catalogue, Date, Decimal, Error, ErrorKind, Evaluation, Evaluator, IndicatorDef,
    NewObservation, Observations, Percent, Period, Rank, ResultsDocument, Source, Status,
    TargetDef, TargetResult, Threshold, load, parse_date,
};

fn date(s: &str) -> Date {
    parse_date(s).unwrap()
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

// --- Auto traits and layout -------------------------------------------------

fn assert_send_sync<T: Send + Sync>() {}

fn assert_error_type<E: std::error::Error + Send + Sync + 'static + Clone>() {}

/// Every public type a caller may move to another thread or share is
/// `Send + Sync` (an evaluator is meant to be shared by a server's workers).
#[test]
fn public_types_are_send_and_sync() {
    assert_send_sync::<Evaluator>();
    assert_send_sync::<Catalogue>();
    assert_send_sync::<Observations>();
    assert_send_sync::<Evaluation<'static>>();
    assert_send_sync::<TargetResult<'static>>();
    assert_send_sync::<Error>();
    assert_send_sync::<ResultsDocument>();
    assert_send_sync::<Case>();
    assert_send_sync::<policy_targets::Progress>();
    assert_send_sync::<policy_targets::EvaluationOptions>();
    assert_send_sync::<policy_targets::EveryPeriodOutcome>();
    assert_send_sync::<policy_targets::ProgressRecord>();
    assert_error_type::<policy_targets::Refusal>();
}

/// `Error` works with `?` into `Box<dyn Error + Send + Sync>`, and can be cloned.
#[test]
fn error_is_a_std_error_that_can_be_cloned() {
    assert_error_type::<Error>();
    let boxed: Box<dyn std::error::Error + Send + Sync + 'static> =
        Box::new(Catalogue::from_json("{").unwrap_err());
    assert!(!boxed.to_string().is_empty());
}

/// The error is one pointer wide, so `Result<T, Error>` stays small on the
/// happy path.
#[test]
fn error_is_one_pointer_wide() {
    assert_eq!(size_of::<Error>(), size_of::<usize>());
    assert_eq!(
        size_of::<Result<(), Error>>(),
        size_of::<usize>(),
        "the niche of the box makes the result as small as the error"
    );
}

// --- The typed builder path and the JSON path agree ---------------------------

const CATALOGUE_JSON: &str = r#"{
  "format": "policy-targets/catalogue@1",
  "indicators": [
    { "id": "online_share", "kind": "percent", "name": { "en": "Online share" } },
    { "id": "egdi_rank", "kind": "rank", "out_of": 193, "cadence": "biennial",
      "publication_lag_days": 270 },
    { "id": "epay_share", "kind": "percent", "cadence": "quarterly", "publication_lag_days": 60 }
  ],
  "targets": [
    { "id": "online_80_by_2025", "indicator": "online_share", "unit": "VN",
      "rule": { "at_least": "80" }, "deadline": "2025",
      "source": { "instrument": "Quyết định 749/QĐ-TTg", "section": "Mục II.1" } },
    { "id": "online_90_by_2030", "indicator": "online_share", "unit": "VN",
      "rule": { "at_least": "90" }, "deadline": "2030" },
    { "id": "online_hn_50_by_2025", "indicator": "online_share", "unit": "VN-HN",
      "rule": { "more_than": "50" }, "deadline": "2025" },
    { "id": "egdi_top70_by_2025", "indicator": "egdi_rank", "unit": "VN",
      "rule": { "within_top": 70 }, "deadline": "2025" },
    { "id": "egdi_top50_by_2030", "indicator": "egdi_rank", "unit": "VN",
      "rule": { "within_top": 50 }, "deadline": "2030" },
    { "id": "epay_50_by_2026q2", "indicator": "epay_share", "unit": "VN",
      "rule": { "at_least": "50" }, "deadline": "2026-Q2" },
    { "id": "epay_hn_60_by_2027", "indicator": "epay_share", "unit": "VN-HN",
      "rule": { "at_least": "60" }, "deadline": "2027" }
  ]
}"#;

const OBSERVATIONS_JSON: &str = r#"{
  "format": "policy-targets/observations@1",
  "observations": [
    { "indicator": "online_share", "unit": "VN", "period": "2023", "published": "2024-03-01",
      "numerator": 600, "denominator": 1000 },
    { "indicator": "online_share", "unit": "VN", "period": "2024", "published": "2025-03-01",
      "numerator": 700, "denominator": 1000 },
    { "indicator": "online_share", "unit": "VN", "period": "2025", "published": "2026-03-01",
      "numerator": 800, "denominator": 1000 },
    { "indicator": "online_share", "unit": "VN-HN", "period": "2025", "published": "2026-02-01",
      "value": "50" },
    { "indicator": "egdi_rank", "unit": "VN", "period": "2022", "published": "2022-09-28",
      "value": 86 },
    { "indicator": "egdi_rank", "unit": "VN", "period": "2024", "published": "2024-09-17",
      "value": 71 },
    { "indicator": "epay_share", "unit": "VN", "period": "2025-Q4", "published": "2026-01-20",
      "value": "41.5" },
    { "indicator": "epay_share", "unit": "VN", "period": "2026-Q1", "published": "2026-04-20",
      "value": "45.25" }
  ]
}"#;

/// The catalogue and observations above, built in code with the typed API.
fn typed_inputs() -> (Catalogue, Observations) {
    let mut b = Catalogue::builder();
    let online = b
        .indicator(IndicatorDef::<Percent>::new("online_share").with_name_en("Online share"))
        .unwrap();
    let egdi = b
        .indicator(
            IndicatorDef::<Rank>::new("egdi_rank")
                .with_out_of(193)
                .with_cadence(Cadence::Biennial)
                .with_publication_lag_days(270),
        )
        .unwrap();
    let epay = b
        .indicator(
            IndicatorDef::<Percent>::new("epay_share")
                .with_cadence(Cadence::Quarterly)
                .with_publication_lag_days(60),
        )
        .unwrap();
    let pct = |s: &str| s.parse::<Percent>().unwrap();
    let year = |y| Period::year(y).unwrap();
    b.target(
        TargetDef::new(
            "online_80_by_2025",
            &online,
            "VN",
            Threshold::at_least(pct("80")),
            year(2025),
        )
        .with_source(Source::new("Quyết định 749/QĐ-TTg").with_section("Mục II.1")),
    )
    .unwrap();
    b.target(TargetDef::new(
        "online_90_by_2030",
        &online,
        "VN",
        Threshold::at_least(pct("90")),
        year(2030),
    ))
    .unwrap();
    b.target(TargetDef::new(
        "online_hn_50_by_2025",
        &online,
        "VN-HN",
        Threshold::more_than(pct("50")),
        year(2025),
    ))
    .unwrap();
    b.target(TargetDef::new(
        "egdi_top70_by_2025",
        &egdi,
        "VN",
        Threshold::within_top(Rank::new(70).unwrap()),
        year(2025),
    ))
    .unwrap();
    b.target(TargetDef::new(
        "egdi_top50_by_2030",
        &egdi,
        "VN",
        Threshold::within_top(Rank::new(50).unwrap()),
        year(2030),
    ))
    .unwrap();
    b.target(TargetDef::new(
        "epay_50_by_2026q2",
        &epay,
        "VN",
        Threshold::at_least(pct("50")),
        Period::quarter(2026, 2).unwrap(),
    ))
    .unwrap();
    b.target(TargetDef::new(
        "epay_hn_60_by_2027",
        &epay,
        "VN-HN",
        Threshold::at_least(pct("60")),
        year(2027),
    ))
    .unwrap();
    let catalogue = b.build().unwrap();

    let mut o = Observations::builder(&catalogue);
    for (y, n, published) in [
        (2023, 600, "2024-03-01"),
        (2024, 700, "2025-03-01"),
        (2025, 800, "2026-03-01"),
    ] {
        o.push(NewObservation::ratio(
            &online,
            "VN",
            year(y),
            date(published),
            n,
            1000,
        ))
        .unwrap();
    }
    o.push(NewObservation::new(
        &online,
        "VN-HN",
        year(2025),
        date("2026-02-01"),
        pct("50"),
    ))
    .unwrap();
    for (y, rank, published) in [(2022, 86, "2022-09-28"), (2024, 71, "2024-09-17")] {
        o.push(NewObservation::new(
            &egdi,
            "VN",
            year(y),
            date(published),
            Rank::new(rank).unwrap(),
        ))
        .unwrap();
    }
    for (q, v, published) in [
        ((2025, 4), "41.5", "2026-01-20"),
        ((2026, 1), "45.25", "2026-04-20"),
    ] {
        o.push(NewObservation::new(
            &epay,
            "VN",
            Period::quarter(q.0, q.1).unwrap(),
            date(published),
            pct(v),
        ))
        .unwrap();
    }
    let observations = o.build().unwrap();
    (catalogue, observations)
}

fn statuses(evaluation: &Evaluation<'_>) -> BTreeMap<String, Status> {
    evaluation
        .results()
        .iter()
        .map(|r| (r.target().id().to_owned(), r.status()))
        .collect()
}

/// Building in code and reading JSON are two doors into the same model: the
/// same data must give the same catalogue, observations and results.
#[test]
fn typed_builders_and_json_give_the_same_results() {
    let (typed_cat, typed_obs) = typed_inputs();
    let (json_cat, json_obs) = load(CATALOGUE_JSON, OBSERVATIONS_JSON).unwrap();
    assert_eq!(typed_cat, json_cat);
    assert_eq!(typed_obs, json_obs);

    let typed = Evaluator::new(typed_cat);
    let json = Evaluator::new(json_cat);
    for as_of in [
        "2024-01-01",
        "2025-06-01",
        "2026-05-01",
        "2026-11-28",
        "2031-06-01",
    ] {
        let a = typed.evaluate(&typed_obs, date(as_of)).unwrap();
        let b = json.evaluate(&json_obs, date(as_of)).unwrap();
        assert_eq!(statuses(&a), statuses(&b), "as of {as_of}");
        assert_eq!(a.to_document(), b.to_document(), "as of {as_of}");
    }

    // The statuses themselves, at one date, as the specification defines them.
    let evaluation = json.evaluate(&json_obs, date("2026-11-28")).unwrap();
    let expected = [
        ("egdi_top50_by_2030", Status::OnTrack), // 86 → 71 in two years: rank ≤ 50 by 2030
        ("egdi_top70_by_2025", Status::Missed),  // the 2024 survey closes 2025: 71 > 70
        ("epay_50_by_2026q2", Status::AwaitingData), // 2026-Q2 not yet published
        ("epay_hn_60_by_2027", Status::NoData),
        ("online_80_by_2025", Status::Met), // 800 of 1000 is exactly 80%
        ("online_90_by_2030", Status::OnTrack), // +10 points a year
        ("online_hn_50_by_2025", Status::Missed), // "more than 50" is strict
    ];
    let got = statuses(&evaluation);
    for (id, status) in expected {
        assert_eq!(
            got[id],
            status,
            "{id}: {}",
            evaluation.get(id).unwrap().explanation()
        );
    }
}

/// `evaluate_target` answers exactly what `evaluate` answers for that target,
/// and `None` for a target that does not exist.
#[test]
fn evaluate_target_matches_evaluate() {
    let (catalogue, observations) = load(CATALOGUE_JSON, OBSERVATIONS_JSON).unwrap();
    let evaluator = Evaluator::new(catalogue);
    let as_of = date("2026-11-28");
    let all = evaluator.evaluate(&observations, as_of).unwrap();
    for r in all.results() {
        let one = evaluator
            .evaluate_target(r.target().id(), &observations, as_of)
            .unwrap()
            .unwrap();
        assert_eq!(one.status(), r.status());
        assert_eq!(one.to_record(), r.to_record());
    }
    let one = evaluator
        .evaluate_target("online_80_by_2025", &observations, as_of)
        .unwrap()
        .unwrap();
    assert_eq!(one.status(), Status::Met);
    let evidence = one.evidence().unwrap();
    assert_eq!(evidence.period().to_string(), "2025");
    assert_eq!(evidence.published(), date("2026-03-01"));
    assert!(
        evaluator
            .evaluate_target("no_such_target", &observations, as_of)
            .unwrap()
            .is_none()
    );
}

/// `counts` lists every status once, in `Status::ALL` order, and adds up to
/// the number of targets.
#[test]
fn counts_add_up() {
    let (catalogue, observations) = load(CATALOGUE_JSON, OBSERVATIONS_JSON).unwrap();
    let n = catalogue.targets().len();
    let evaluator = Evaluator::new(catalogue);
    let evaluation = evaluator
        .evaluate(&observations, date("2026-11-28"))
        .unwrap();
    let counts = evaluation.counts();
    let statuses: Vec<Status> = counts.iter().map(|(s, _)| *s).collect();
    assert_eq!(statuses, Status::ALL);
    assert_eq!(counts.iter().map(|(_, n)| n).sum::<usize>(), n);
    let count = |status| evaluation.count(status);
    for (s, k) in &counts {
        assert_eq!(count(*s), *k);
    }
    assert_eq!(count(Status::Met), 1);
    assert_eq!(count(Status::Missed), 2);
    assert_eq!(count(Status::OnTrack), 2);
    assert_eq!(count(Status::AwaitingData), 1);
    assert_eq!(count(Status::NoData), 1);
    assert_eq!(count(Status::Achieved), 0);

    // Before anything is published, every target has no data.
    let early = evaluator
        .evaluate(&observations, date("2020-01-01"))
        .unwrap();
    assert_eq!(early.count(Status::NoData), n);
}

// --- Error reports ------------------------------------------------------------

/// One catalogue and one observations document with many faults: the report
/// names every one of them by its JSON path (SPEC §4), not just the first.
#[test]
fn error_report_lists_every_problem_with_its_path() {
    let catalogue = r#"{
      "format": "policy-targets/catalogue@1",
      "indicators": [
        { "id": "share", "kind": "percent" },
        { "id": "rank", "kind": "rank", "out_of": 193 },
        { "id": "typo", "kind": "percent", "cadense": "annual" }
      ],
      "targets": [
        { "id": "ok", "indicator": "share", "unit": "VN", "rule": { "at_least": "80" },
          "deadline": "2025" },
        { "id": "bad_period", "indicator": "share", "unit": "VN", "rule": { "at_least": "80" },
          "deadline": "2025-Q5" },
        { "id": "top_on_share", "indicator": "share", "unit": "VN", "rule": { "within_top": 10 },
          "deadline": "2025" },
        { "id": "over_100", "indicator": "share", "unit": "VN", "rule": { "at_least": "100.5" },
          "deadline": "2025" },
        { "id": "ok", "indicator": "share", "unit": "VN-HN", "rule": { "at_least": "70" },
          "deadline": "2025" },
        { "id": "ghost", "indicator": "no_such_indicator", "unit": "VN",
          "rule": { "at_least": "1" }, "deadline": "2025" },
        { "id": "bad_issued", "indicator": "share", "unit": "VN", "rule": { "at_least": "1" },
          "deadline": "2025", "source": { "issued": "2020-02-30" } }
      ]
    }"#;
    let observations = r#"{
      "format": "policy-targets/observations@1",
      "observations": [
        { "indicator": "share", "unit": "VN", "period": "2025", "published": "2026-13-01",
          "value": "50" },
        { "indicator": "share", "unit": "VN", "period": "2025", "published": "2026-03-01",
          "numerator": 11, "denominator": 10 },
        { "indicator": "rank", "unit": "VN", "period": "2024", "published": "2024-09-17",
          "numerator": 1, "denominator": 2 },
        { "indicator": "share", "unit": "VN", "period": "2024", "published": "2025-03-01",
          "value": "60" },
        { "indicator": "share", "unit": "VN", "period": "2024", "published": "2025-03-01",
          "value": "61" },
        { "indicator": "nope", "unit": "VN", "period": "2024", "published": "2025-03-01",
          "value": "1" },
        { "indicator": "share", "unit": "VN", "period": "20x4", "published": "2025-03-01",
          "value": "1", "colour": "red" }
      ]
    }"#;
    let err = load(catalogue, observations).unwrap_err();
    let report = err.to_string();
    let paths: Vec<&str> = err.problems().iter().map(|p| p.path()).collect();
    let expected = [
        ("indicators[2].cadense", ErrorKind::UnknownField),
        ("targets[1].deadline", ErrorKind::InvalidValue),
        ("targets[2].rule", ErrorKind::KindMismatch),
        ("targets[3].rule", ErrorKind::OutOfRange),
        ("targets[4].id", ErrorKind::DuplicateId),
        ("targets[5].indicator", ErrorKind::UnknownId),
        ("targets[6].source.issued", ErrorKind::InvalidValue),
        ("observations[0].published", ErrorKind::InvalidValue),
        ("observations[1].numerator", ErrorKind::OutOfRange),
        ("observations[2].numerator", ErrorKind::KindMismatch),
        ("observations[4]", ErrorKind::Conflict),
        ("observations[5].indicator", ErrorKind::UnknownId),
        ("observations[6].period", ErrorKind::InvalidValue),
        ("observations[6].colour", ErrorKind::UnknownField),
    ];
    for (path, kind) in expected {
        assert!(
            report.contains(path),
            "the report does not mention `{path}`:\n{report}"
        );
        assert!(
            err.problems()
                .iter()
                .any(|p| p.path() == path && p.kind() == kind),
            "no {kind:?} problem at `{path}`; paths: {paths:?}"
        );
    }
    assert_eq!(err.omitted(), 0);
    // Each problem names its document, and says what is wrong in words.
    for p in err.problems() {
        let expected = if p.path().starts_with("observations") {
            "observations"
        } else {
            "catalogue"
        };
        assert_eq!(p.document(), Some(expected), "{p}");
    }
    assert!(err.problems().iter().all(|p| !p.message().is_empty()));
}

/// Loading a catalogue and observations together says which document each
/// problem is in, and the paths are those inside each document, as in a
/// case file's `expect_error`.
#[test]
fn problems_name_their_document() {
    let case = r#"{ "name": "two documents", "as_of": "2026-01-01",
      "catalogue": { "format": "policy-targets/catalogue@1",
        "indicators": [{ "id": "share", "kind": "percent" }],
        "targets": [{ "id": "t", "indicator": "share", "unit": "VN",
                      "rule": { "within_top": 3 }, "deadline": "2025" }] },
      "observations": { "format": "policy-targets/observations@1", "observations": [
        { "indicator": "share", "unit": "VN", "period": "2025", "published": "2026-01-01",
          "value": "101" }] },
      "expect_error": ["catalogue: targets[0].rule", "observations: observations[0].value"] }"#;
    let case = Case::from_json(case).unwrap();
    let outcome = case.run();
    assert!(outcome.passed(), "{outcome}");

    let err = case.load().unwrap_err();
    let found: Vec<(Option<&str>, &str)> = err
        .problems()
        .iter()
        .map(|p| (p.document(), p.path()))
        .collect();
    assert_eq!(
        found,
        [
            (Some("catalogue"), "targets[0].rule"),
            (Some("observations"), "observations[0].value"),
        ]
    );
}

/// Observations are checked against the catalogue they were loaded with. An
/// evaluator whose catalogue defines one of their indicators as another kind
/// must refuse them, not compare unchecked values.
#[test]
fn observations_checked_against_another_definition_are_refused() {
    let catalogue_a = r#"{ "format": "policy-targets/catalogue@1",
      "indicators": [{ "id": "x", "kind": "percent" }],
      "targets": [{ "id": "t", "indicator": "x", "unit": "VN", "rule": { "at_least": "50" },
                    "deadline": "2025" }] }"#;
    let catalogue_b = r#"{ "format": "policy-targets/catalogue@1",
      "indicators": [{ "id": "x", "kind": "rank" }],
      "targets": [{ "id": "t", "indicator": "x", "unit": "VN", "rule": { "within_top": 50 },
                    "deadline": "2025" }] }"#;
    let observations = r#"{ "format": "policy-targets/observations@1", "observations": [
      { "indicator": "x", "unit": "VN", "period": "2025", "published": "2026-01-01",
        "numerator": 1, "denominator": 3 }] }"#;
    let a = Catalogue::from_json(catalogue_a).unwrap();
    let b = Catalogue::from_json(catalogue_b).unwrap();
    let obs = Observations::from_json(observations, &a).unwrap();

    let evaluator = Evaluator::new(b);
    let err = evaluator.evaluate(&obs, date("2026-06-01")).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::KindMismatch);
    let err = evaluator
        .evaluate_target("t", &obs, date("2026-06-01"))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::KindMismatch);

    // With the catalogue they were checked against, they evaluate.
    let evaluator = Evaluator::new(a);
    assert!(evaluator.evaluate(&obs, date("2026-06-01")).is_ok());
}

/// A change of range (not only of kind) also invalidates the check: a rank
/// of 150 checked against `out_of: 193` is not valid for `out_of: 100`.
#[test]
fn observations_checked_against_another_range_are_refused() {
    let cat = |out_of: u32| {
        Catalogue::from_json(&format!(
            r#"{{ "format": "policy-targets/catalogue@1",
              "indicators": [{{ "id": "r", "kind": "rank", "out_of": {out_of} }}],
              "targets": [] }}"#
        ))
        .unwrap()
    };
    let obs = Observations::from_json(
        r#"{ "format": "policy-targets/observations@1", "observations": [
          { "indicator": "r", "unit": "VN", "period": "2024", "published": "2024-09-17",
            "value": 150 }] }"#,
        &cat(193),
    )
    .unwrap();
    let err = Evaluator::new(cat(100))
        .evaluate(&obs, date("2025-01-01"))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::KindMismatch);
}

/// Typed values refuse what their kind cannot hold.
#[test]
fn typed_values_check_their_range() {
    assert!("100".parse::<Percent>().is_ok());
    assert!("100.0000000000000000000000001".parse::<Percent>().is_err());
    assert!("-0.0000000000000000000000001".parse::<Percent>().is_err());
    assert!(Rank::new(0).is_err());
    assert!(policy_targets::Count::new(policy_targets::Count::MAX).is_ok());
    assert!(policy_targets::Count::new(policy_targets::Count::MAX + 1).is_err());
    assert_eq!(
        Threshold::at_least("29".parse::<Percent>().unwrap()).rule(),
        policy_targets::Rule::AtLeast(dec("29"))
    );
}

/// The explanation sentences read as English: a projected rank as a place,
/// names quoted, no Markdown, one sentence each.
#[test]
fn explanations_read_as_sentences() {
    let (catalogue, observations) = load(CATALOGUE_JSON, OBSERVATIONS_JSON).unwrap();
    let evaluator = Evaluator::new(catalogue);
    let evaluation = evaluator
        .evaluate(&observations, date("2026-11-28"))
        .unwrap();
    let said = |id: &str| evaluation.get(id).unwrap().explanation();
    for r in evaluation.results() {
        let s = r.explanation();
        assert!(s.ends_with('.') && !s.contains('`'), "{s}");
    }
    let egdi = said("egdi_top50_by_2030");
    assert!(egdi.contains("projects a rank of "), "{egdi}");
    assert!(egdi.contains(" (rounded up) on "), "{egdi}");
    assert!(egdi.ends_with("which is within the top 50."), "{egdi}");
    let none = said("epay_hn_60_by_2027");
    assert!(none.starts_with("No figure of \u{201c}"), "{none}");
    println!("{egdi}\n{none}");
}

/// `Observations::of` gives one indicator's figures for one unit, and nothing
/// for a pair that has none.
#[test]
fn observations_of_one_indicator_and_unit() {
    let (_, observations) = load(CATALOGUE_JSON, OBSERVATIONS_JSON).unwrap();
    let egdi: Vec<_> = observations.of("egdi_rank", "VN").collect();
    assert!(!egdi.is_empty());
    assert!(
        egdi.iter()
            .all(|o| o.indicator() == "egdi_rank" && o.unit() == "VN")
    );
    assert_eq!(
        observations
            .iter()
            .filter(|o| o.indicator() == "egdi_rank" && o.unit() == "VN")
            .count(),
        egdi.len()
    );
    assert_eq!(
        observations
            .of("egdi_rank", "VN")
            .last()
            .unwrap()
            .to_string(),
        "egdi_rank VN 2024: 71, published 2024-09-17"
    );
    assert_eq!(observations.of("egdi_rank", "VN-XX").len(), 0);
    assert_eq!(observations.of("no_such_indicator", "VN").len(), 0);
}

/// A rank that met a target before its index stopped is not "already
/// achieved" (SPEC 1.1: `discontinued` takes precedence over `achieved`),
/// and the explanation says whether that last figure met the rule.
#[test]
fn explanations_note_a_discontinued_indicator() {
    let catalogue = r#"{"format": "policy-targets/catalogue@1",
      "indicators": [{"id": "gci_rank", "kind": "rank", "cadence": "irregular",
                      "discontinued": {"on": "2024-09-12", "note": "ranks replaced by tiers"}}],
      "targets": [{"id": "gci_top30_by_2030", "indicator": "gci_rank", "unit": "VN",
                   "rule": {"within_top": 30}, "deadline": "2030"},
                  {"id": "gci_top20_by_2030", "indicator": "gci_rank", "unit": "VN",
                   "rule": {"within_top": 20}, "deadline": "2030"}]}"#;
    let observations = r#"{"format": "policy-targets/observations@1", "observations": [
      {"indicator": "gci_rank", "unit": "VN", "period": "2020", "published": "2021-06-29", "value": 25}]}"#;
    let (catalogue, observations) = load(catalogue, observations).unwrap();
    let evaluator = Evaluator::new(catalogue);
    let at = |d, id| {
        let e = evaluator.evaluate(&observations, date(d)).unwrap();
        let r = e.get(id).unwrap();
        (
            r.status(),
            r.explanation(),
            r.explanation_in(policy_targets::Lang::Vi),
        )
    };
    let (status, before, _) = at("2023-01-01", "gci_top30_by_2030");
    assert_eq!(status, Status::Achieved);
    assert!(!before.contains("discontinued"), "{before}");
    let (status, after, vi) = at("2026-11-28", "gci_top30_by_2030");
    assert_eq!(status, Status::Discontinued);
    assert!(
        after.contains("discontinued on 2024-09-12 (ranks replaced by tiers)")
            && after.contains(
                "its last figure, 25 (2020, published 2021-06-29), met the rule (within the top 30)"
            ),
        "{after}"
    );
    assert!(vi.contains("đạt yêu cầu trong nhóm 30 dẫn đầu"), "{vi}");
    let (status, missed, vi) = at("2026-11-28", "gci_top20_by_2030");
    assert_eq!(status, Status::Discontinued);
    assert!(
        missed.contains("did not meet the rule (within the top 20)"),
        "{missed}"
    );
    assert!(
        vi.contains("không đạt yêu cầu trong nhóm 20 dẫn đầu"),
        "{vi}"
    );
}
