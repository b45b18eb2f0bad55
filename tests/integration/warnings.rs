//! Warnings (SPEC 2.6): each kind, where it points, that it never changes a
//! status, and the `warnings` array of the results document.

use policy_targets::{
    Evaluator, Lang, Observations, ResultsDocument, Status, Units, WarningKind, load, parse_date,
};

const CATALOGUE: &str = r#"{"format": "policy-targets/catalogue@1",
  "indicators": [
    {"id": "share", "kind": "percent"},
    {"id": "spare", "kind": "percent"},
    {"id": "rank", "kind": "rank"}],
  "targets": [
    {"id": "t_vn", "indicator": "share", "unit": "VN", "rule": {"at_least": "80"}, "deadline": "2025"},
    {"id": "t_hn", "indicator": "rank", "unit": "VN-HN", "rule": {"within_top": 10}, "deadline": "2025"}]}"#;

fn observations(extra: &str) -> String {
    format!(
        r#"{{"format": "policy-targets/observations@1", "observations": [
          {{"indicator": "share", "unit": "VN", "period": "2025", "published": "2026-03-01", "value": "85.1"}}{extra}]}}"#
    )
}

const TYPO: &str = r#",
  {"indicator": "share", "unit": "Vn", "period": "2024", "published": "2025-03-01", "value": "70"},
  {"indicator": "spare", "unit": "VN", "period": "2024", "published": "2025-03-01", "value": "1"},
  {"indicator": "share", "unit": "Vn", "period": "2025", "published": "2026-03-01", "value": "90"}"#;

fn day(s: &str) -> policy_targets::Date {
    parse_date(s).unwrap()
}

#[test]
fn each_kind_of_warning_and_where_it_points() {
    let (catalogue, obs) = load(CATALOGUE, &observations(TYPO)).unwrap();
    let evaluator = Evaluator::new(catalogue);
    let evaluation = evaluator.evaluate(&obs, day("2026-06-01")).unwrap();
    let warnings = evaluation.warnings();
    let got: Vec<(WarningKind, &str, &str, usize)> = warnings
        .iter()
        .map(|w| (w.kind(), w.path(), w.subject(), w.count()))
        .collect();
    assert_eq!(
        got,
        [
            (WarningKind::UnusedIndicator, "indicators[1]", "spare", 0),
            (
                WarningKind::TargetUnitWithoutObservations,
                "targets[1]",
                "VN-HN",
                0
            ),
            (
                WarningKind::ObservationsOfUnusedIndicator,
                "observations[2]",
                "spare",
                1
            ),
            (WarningKind::UnknownUnit, "observations[1]", "Vn", 2),
        ]
    );
    let lines: Vec<String> = warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "catalogue: indicators[1]: no target uses the indicator `spare`",
            "catalogue: targets[1]: no observation, of any indicator, is about the unit `VN-HN` of the target `t_hn`",
            "observations: observations[2]: 1 observation is of the indicator `spare`, which no target uses",
            "observations: observations[1]: 2 observations are about the unit `Vn`, which is no target's unit and not in the units given: a typo for `VN`?",
        ]
    );
    assert_eq!(WarningKind::UnknownUnit.as_str(), "unknown_unit");
    assert!(
        warnings[3]
            .message_in(Lang::Vi)
            .contains("có phải là `VN`?")
    );
}

#[test]
fn warnings_never_change_a_status() {
    let (c1, plain) = load(CATALOGUE, &observations("")).unwrap();
    let (_, typo) = load(CATALOGUE, &observations(TYPO)).unwrap();
    let evaluator = Evaluator::new(c1);
    for as_of in ["2025-06-01", "2026-06-01", "2030-01-01"] {
        let a = evaluator.evaluate(&plain, day(as_of)).unwrap();
        let b = evaluator.evaluate(&typo, day(as_of)).unwrap();
        let statuses = |e: &policy_targets::Evaluation<'_>| {
            e.results()
                .iter()
                .map(|r| r.status())
                .collect::<Vec<Status>>()
        };
        assert_eq!(statuses(&a), statuses(&b), "{as_of}");
        assert_eq!(
            a.to_document().results(),
            b.to_document().results(),
            "{as_of}"
        );
        assert!(b.warnings().len() > a.warnings().len());
    }
}

#[test]
fn only_what_is_published_by_the_as_of_date_counts() {
    let (catalogue, obs) = load(CATALOGUE, &observations(TYPO)).unwrap();
    let evaluator = Evaluator::new(catalogue);
    let early = evaluator.evaluate(&obs, day("2025-06-01")).unwrap();
    let typo = early
        .warnings()
        .into_iter()
        .find(|w| w.kind() == WarningKind::UnknownUnit)
        .unwrap();
    assert_eq!(typo.count(), 1);
    // Before anything was published, VN has no figure either.
    let before = evaluator.evaluate(&obs, day("2020-01-01")).unwrap();
    let kinds: Vec<WarningKind> = before.warnings().iter().map(|w| w.kind()).collect();
    assert_eq!(
        kinds,
        [
            WarningKind::UnusedIndicator,
            WarningKind::TargetUnitWithoutObservations,
            WarningKind::TargetUnitWithoutObservations,
        ]
    );
}

#[test]
fn units_given_and_targets_at_a_level_are_known() {
    let catalogue = r#"{"format": "policy-targets/catalogue@1",
      "indicators": [{"id": "share", "kind": "percent"}],
      "targets": [{"id": "all", "indicator": "share", "unit": "VN", "rule": {"at_least": "80"}, "deadline": "2025",
                   "applies_to": {"level": "province", "mode": "each"}}]}"#;
    let units = r#"{"format": "policy-targets/units@1", "units": [
      {"id": "VN", "level": "national"},
      {"id": "VN-HN", "level": "province", "parent": "VN"}]}"#;
    let obs = r#"{"format": "policy-targets/observations@1", "observations": [
      {"indicator": "share", "unit": "VN-HN", "period": "2025", "published": "2026-03-01", "value": "85"}]}"#;
    let (catalogue, obs, units) =
        policy_targets::load_with_units(catalogue, obs, Some(units)).unwrap();
    let units: Units = units.unwrap();
    let without = Evaluator::new(catalogue.clone());
    let kinds = |e: &Evaluator| {
        e.evaluate(&obs, day("2026-06-01"))
            .unwrap()
            .warnings()
            .iter()
            .map(|w| w.kind())
            .collect::<Vec<_>>()
    };
    // Without the units, VN-HN is unknown; the target at a level is not
    // warned about for its scope VN, which has no figure of its own.
    assert_eq!(kinds(&without), [WarningKind::UnknownUnit]);
    assert!(kinds(&without.with_units(units)).is_empty());
}

/// Whether a unit is known is decided by its id in the units document, both
/// where the evaluation looked the units up for a roll-up (their ids are
/// shared with the warnings) and where it had no reason to.
#[test]
fn with_units_an_observed_unit_they_lack_is_still_unknown() {
    let catalogue = |level: &str| {
        let applies_to = if level.is_empty() {
            String::new()
        } else {
            format!(r#", "applies_to": {{"level": "{level}", "mode": "each"}}"#)
        };
        format!(
            r#"{{"format": "policy-targets/catalogue@1",
              "indicators": [{{"id": "share", "kind": "percent"}}],
              "targets": [{{"id": "all", "indicator": "share", "unit": "VN", "rule": {{"at_least": "80"}},
                           "deadline": "2025"{applies_to}}}]}}"#
        )
    };
    let units = r#"{"format": "policy-targets/units@1", "units": [
      {"id": "VN", "level": "national"},
      {"id": "VN-HN", "level": "province", "parent": "VN"},
      {"id": "VN-SG", "level": "province", "parent": "VN"}]}"#;
    let obs = r#"{"format": "policy-targets/observations@1", "observations": [
      {"indicator": "share", "unit": "VN", "period": "2025", "published": "2026-03-01", "value": "81"},
      {"indicator": "share", "unit": "VN-HX", "period": "2025", "published": "2026-03-01", "value": "70"},
      {"indicator": "share", "unit": "VN-SG", "period": "2025", "published": "2026-03-01", "value": "90"},
      {"indicator": "share", "unit": "VN-HN", "period": "2025", "published": "2026-03-01", "value": "85"}]}"#;
    for level in ["province", ""] {
        let (catalogue, obs, units) =
            policy_targets::load_with_units(&catalogue(level), obs, Some(units)).unwrap();
        let evaluator = Evaluator::new(catalogue).with_units(units.unwrap());
        let evaluation = evaluator.evaluate(&obs, day("2026-06-01")).unwrap();
        let unknown: Vec<(String, String)> = evaluation
            .warnings()
            .iter()
            .filter(|w| w.kind() == WarningKind::UnknownUnit)
            .map(|w| (w.path().to_owned(), w.subject().to_owned()))
            .collect();
        assert_eq!(
            unknown,
            [("observations[1]".to_owned(), "VN-HX".to_owned())],
            "level {level:?}"
        );
    }
}

#[test]
fn the_results_document_lists_them_and_reads_them_back() {
    let (catalogue, obs) = load(CATALOGUE, &observations(TYPO)).unwrap();
    let evaluator = Evaluator::new(catalogue);
    let evaluation = evaluator.evaluate(&obs, day("2026-06-01")).unwrap();
    for lang in [Lang::En, Lang::Vi] {
        let json = evaluation.to_json_in(lang);
        let doc = ResultsDocument::from_json(&json).unwrap();
        assert_eq!(doc, evaluation.to_document_in(lang));
        assert_eq!(doc.to_json(), json);
        assert_eq!(doc.warnings().len(), 4);
        assert_eq!(doc.warnings()[3].path, "observations[1]");
        let expected = evaluation.warnings()[3].message_in(lang);
        assert_eq!(doc.warnings()[3].message, expected);
    }
    assert!(evaluation.to_json().contains(r#""warnings": ["#));
    // No warnings, no array: documents without any stay as they were.
    let (clean, obs) = load(
        r#"{"format": "policy-targets/catalogue@1", "indicators": [{"id": "share", "kind": "percent"}],
            "targets": [{"id": "t_vn", "indicator": "share", "unit": "VN", "rule": {"at_least": "80"}, "deadline": "2025"}]}"#,
        &observations(""),
    )
    .unwrap();
    let evaluator = Evaluator::new(clean);
    let json = evaluator
        .evaluate(&obs, day("2026-06-01"))
        .unwrap()
        .to_json();
    assert!(!json.contains("warnings"), "{json}");
    // A bad `warnings` array is reported at its path.
    let bad = json.replacen(
        r#""results": ["#,
        r#""warnings": [{"path": 3}, {"message": "m"}, 7], "results": ["#,
        1,
    );
    let err = ResultsDocument::from_json(&bad).unwrap_err();
    let paths: Vec<&str> = err.problems().iter().map(|p| p.path()).collect();
    assert_eq!(
        paths,
        [
            "warnings[0].path",
            "warnings[0].message",
            "warnings[1].path",
            "warnings[2]"
        ],
        "{err}"
    );
}

#[test]
fn a_csv_unit_typo_points_at_its_row() {
    let (catalogue, _) = load(CATALOGUE, &observations("")).unwrap();
    let csv = "indicator,unit,period,published,value\n\
               share,VN,2025,2026-03-01,85.1\n\
               share,Vn,2024,2025-03-01,70\n";
    let obs = Observations::from_csv(csv, &catalogue).unwrap();
    let evaluator = Evaluator::new(catalogue);
    let evaluation = evaluator.evaluate(&obs, day("2026-06-01")).unwrap();
    let typo = evaluation
        .warnings()
        .into_iter()
        .find(|w| w.kind() == WarningKind::UnknownUnit)
        .unwrap();
    assert_eq!(typo.path(), "row 3");
    assert!(typo.message().contains("a typo for `VN`?"));
}

#[test]
fn long_ids_are_cut_in_messages() {
    let long = "U".repeat(5_000);
    let (catalogue, obs) = load(
        CATALOGUE,
        &observations(&format!(
            r#", {{"indicator": "share", "unit": "{long}", "period": "2025", "published": "2026-03-01", "value": "1"}}"#
        )),
    )
    .unwrap();
    let evaluator = Evaluator::new(catalogue);
    let evaluation = evaluator.evaluate(&obs, day("2026-06-01")).unwrap();
    for w in evaluation.warnings() {
        assert!(w.to_string().len() < 400, "{}", w.to_string().len());
    }
}
