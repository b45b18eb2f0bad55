//! SPEC 1.1 through the public API: bounded figures everywhere a figure is
//! judged (roll-ups, every-period targets, progress), fresh closing figures
//! and truthful explanations in both languages, exact projections, mergers
//! of any depth, builders that check what the readers check, and the new
//! catalogue field `no_data_reason`.

use policy_targets::{
    Catalogue, ErrorKind, Evaluator, IndicatorDef, Lang, NewObservation, Observations, Percent,
    Period, Qualifier, Rank, Refusal, ResultsDocument, Status, TargetDef, Threshold, Units, load,
    parse_date,
};

fn date(s: &str) -> policy_targets::Date {
    parse_date(s).unwrap()
}

/// Loads `catalogue` and `observations` and evaluates them at `as_of`,
/// giving each result's status and explanations in English and Vietnamese.
fn evaluate(
    catalogue: &str,
    observations: &str,
    as_of: &str,
) -> Vec<(String, Status, String, String)> {
    let (catalogue, observations) = load(catalogue, observations).unwrap();
    let evaluator = Evaluator::new(catalogue);
    let evaluation = evaluator.evaluate(&observations, date(as_of)).unwrap();
    evaluation
        .results()
        .iter()
        .map(|r| {
            (
                r.target().id().to_owned(),
                r.status(),
                r.explanation(),
                r.explanation_in(Lang::Vi),
            )
        })
        .collect()
}

#[test]
fn a_bounded_figure_is_read_written_and_carried_into_the_evidence() {
    let catalogue = r#"{"format": "policy-targets/catalogue@1",
      "indicators": [{"id": "dossiers", "kind": "percent"}],
      "targets": [{"id": "t80", "indicator": "dossiers", "unit": "VN", "rule": {"at_least": "80"}, "deadline": "2025"},
                  {"id": "t50", "indicator": "dossiers", "unit": "VN", "rule": {"at_least": "50"}, "deadline": "2025"}]}"#;
    let observations = r#"{"format": "policy-targets/observations@1", "observations": [
      {"indicator": "dossiers", "unit": "VN", "period": "2025", "published": "2026-01-31",
       "value": "51", "qualifier": "more_than", "source": "MST review"}]}"#;
    let (c, o) = load(catalogue, observations).unwrap();
    let first = o.iter().next().unwrap();
    assert_eq!(first.qualifier(), Some(Qualifier::MoreThan));
    assert!(!first.is_exact());
    assert_eq!(
        first.to_string(),
        "dossiers VN 2025: more_than 51, published 2026-01-31"
    );
    // The observations document writes it back.
    assert_eq!(Observations::from_json(&o.to_json(), &c).unwrap(), o);
    assert!(o.to_json().contains(r#""qualifier": "more_than""#));
    let evaluator = Evaluator::new(c);
    let evaluation = evaluator.evaluate(&o, date("2026-06-01")).unwrap();
    assert_eq!(
        evaluation.get("t80").unwrap().status(),
        Status::Inconclusive
    );
    assert_eq!(evaluation.get("t50").unwrap().status(), Status::Met);
    // The results document carries the qualifier and reads it back.
    let doc = evaluation.to_document();
    let evidence = doc.results()[1].evidence.clone().unwrap();
    assert_eq!(evidence.qualifier, Some(Qualifier::MoreThan));
    assert_eq!(ResultsDocument::from_json(&doc.to_json()).unwrap(), doc);
    let inconclusive = evaluation.get("t80").unwrap();
    assert_eq!(
        inconclusive.explanation(),
        "The closing figure, more than 51% (2025, published 2026-01-31), is only a bound: more than 51% cannot tell whether at least 80% holds, since it allows values on both sides of 80%."
    );
    assert_eq!(
        inconclusive.explanation_in(Lang::Vi),
        "Số liệu chốt, trên 51% (năm 2025, công bố ngày 31/01/2026), chỉ là một cận: trên 51% chưa đủ để biết có đạt yêu cầu ít nhất 80% hay không, vì giá trị thực có thể nằm ở cả hai phía của 80%."
    );
    // In Vietnamese, the whole results document.
    let vi = evaluation.to_json_in(Lang::Vi);
    assert!(
        vi.contains("là một cận, và mọi giá trị nó cho phép đều đạt yêu cầu ít nhất 50%"),
        "{vi}"
    );
}

#[test]
fn the_builder_makes_bounded_figures_and_refuses_what_the_reader_refuses() {
    let mut b = Catalogue::builder();
    let share = b
        .indicator(IndicatorDef::<Percent>::new("epay").with_name_vi("Tỷ lệ dân số có tài khoản"))
        .unwrap();
    b.target(TargetDef::new(
        "over50",
        &share,
        "VN",
        Threshold::more_than("50".parse::<Percent>().unwrap()),
        Period::year(2025).unwrap(),
    ))
    .unwrap();
    let catalogue = b.build().unwrap();
    let mut o = Observations::builder(&catalogue);
    let bound = NewObservation::new(
        &share,
        "VN",
        Period::year(2025).unwrap(),
        date("2026-02-24"),
        "67".parse::<Percent>().unwrap(),
    )
    .with_qualifier(Qualifier::AtLeast);
    o.push(bound).unwrap();
    // Published before its period began.
    let early = NewObservation::new(
        &share,
        "VN",
        Period::year(2027).unwrap(),
        date("2026-05-01"),
        "81".parse::<Percent>().unwrap(),
    );
    let err = o.push(early).unwrap_err();
    assert!(
        err.to_string().contains("before its period 2027 began"),
        "{err}"
    );
    // A bound on counts.
    let counts = NewObservation::ratio(
        &share,
        "VN",
        Period::year(2024).unwrap(),
        date("2025-03-01"),
        8,
        10,
    )
    .with_qualifier(Qualifier::MoreThan);
    assert_eq!(
        o.push(counts).unwrap_err().problems()[0].path(),
        "qualifier"
    );
    // A bound that allows nothing.
    let nothing = NewObservation::new(
        &share,
        "VN",
        Period::year(2023).unwrap(),
        date("2024-03-01"),
        "100".parse::<Percent>().unwrap(),
    )
    .with_qualifier(Qualifier::MoreThan);
    assert_eq!(o.push(nothing).unwrap_err().kind(), ErrorKind::OutOfRange);
    // A year the formats cannot write.
    let ancient = policy_targets::Date::from_calendar_date(-9999, time::Month::January, 1).unwrap();
    let far = NewObservation::new(
        &share,
        "VN",
        Period::year(2023).unwrap(),
        ancient,
        "1".parse::<Percent>().unwrap(),
    );
    assert!(o.push(far).is_err());
    let observations = o.build().unwrap();
    assert_eq!(observations.len(), 1);
    let evaluation = Evaluator::new(catalogue.clone());
    let evaluation = evaluation
        .evaluate(&observations, date("2026-06-01"))
        .unwrap();
    assert_eq!(evaluation.get("over50").unwrap().status(), Status::Met);
}

#[test]
fn a_key_of_another_kind_is_refused() {
    // Another catalogue mints a percent key for `x`, which is a rank here.
    let mut other = Catalogue::builder();
    let percent_key = other.indicator(IndicatorDef::<Percent>::new("x")).unwrap();
    let mut b = Catalogue::builder();
    b.indicator(IndicatorDef::<Rank>::new("x").with_out_of(193))
        .unwrap();
    let catalogue = b.build().unwrap();
    let mut o = Observations::builder(&catalogue);
    let err = o
        .push(NewObservation::new(
            &percent_key,
            "VN",
            Period::year(2024).unwrap(),
            date("2024-09-17"),
            "71".parse::<Percent>().unwrap(),
        ))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::KindMismatch);
    assert!(
        err.to_string().contains("`x` is a rank in this catalogue"),
        "{err}"
    );
}

#[test]
fn builders_refuse_what_the_reader_refuses_in_a_catalogue() {
    let mut b = Catalogue::builder();
    let lag = b.indicator(IndicatorDef::<Percent>::new("lag").with_publication_lag_days(u32::MAX));
    assert_eq!(
        lag.unwrap_err().problems()[0].path(),
        "publication_lag_days"
    );
    let age = b.indicator(IndicatorDef::<Percent>::new("age").with_max_age_days(400));
    assert!(
        age.unwrap_err()
            .to_string()
            .contains("only for biennial and irregular")
    );
    let ancient = policy_targets::Date::from_calendar_date(-9999, time::Month::January, 1).unwrap();
    let stopped = b.indicator(
        IndicatorDef::<Percent>::new("stopped")
            .with_discontinued(policy_targets::Discontinued::new(ancient, "x")),
    );
    assert_eq!(stopped.unwrap_err().problems()[0].path(), "discontinued.on");
    // And the reader refuses max_age_days on an annual indicator with its path.
    let err = Catalogue::from_json(
        r#"{"format": "policy-targets/catalogue@1", "indicators": [{"id": "a", "kind": "percent", "max_age_days": 400}], "targets": []}"#,
    )
    .unwrap_err();
    assert_eq!(err.problems()[0].path(), "indicators[0].max_age_days");
}

#[test]
fn no_data_reason_is_read_written_built_and_never_changes_a_status() {
    let with = r#"{"format": "policy-targets/catalogue@1",
      "indicators": [{"id": "x", "kind": "percent"}],
      "targets": [{"id": "t", "indicator": "x", "unit": "VN", "rule": {"at_least": "80"}, "deadline": "2025",
                   "no_data_reason": {"vi": "Không tìm thấy số liệu.", "en": "No published figure was found."}}]}"#;
    let catalogue = Catalogue::from_json(with).unwrap();
    let reason = catalogue.target("t").unwrap().no_data_reason().unwrap();
    assert_eq!(reason.en(), Some("No published figure was found."));
    assert_eq!(reason.vi(), Some("Không tìm thấy số liệu."));
    assert_eq!(
        Catalogue::from_json(&catalogue.to_json()).unwrap(),
        catalogue
    );
    let err = Catalogue::from_json(&with.replace(r#""en": "No"#, r#""fr": "No"#)).unwrap_err();
    assert_eq!(err.problems()[0].path(), "targets[0].no_data_reason.fr");
    // Built in code.
    let mut b = Catalogue::builder();
    let x = b.indicator(IndicatorDef::<Percent>::new("x")).unwrap();
    b.target(
        TargetDef::new(
            "t",
            &x,
            "VN",
            Threshold::at_least("80".parse().unwrap()),
            Period::year(2025).unwrap(),
        )
        .with_no_data_reason_vi("Không tìm thấy số liệu.")
        .with_no_data_reason_en("No published figure was found."),
    )
    .unwrap();
    assert_eq!(b.build().unwrap(), catalogue);
    // The same statuses with and without it.
    let without = with.replace(
        r#",
                   "no_data_reason": {"vi": "Không tìm thấy số liệu.", "en": "No published figure was found."}"#,
        "",
    );
    let obs = r#"{"format": "policy-targets/observations@1", "observations": []}"#;
    assert_eq!(
        evaluate(with, obs, "2026-06-01")[0].1,
        evaluate(&without, obs, "2026-06-01")[0].1
    );
}

/// The closing figure of a biennial or irregular index must be recent
/// enough (SPEC 3.4), and `awaiting_data` says which of its reasons holds.
#[test]
fn awaiting_data_says_why_and_only_what_is_true() {
    let catalogue = r#"{"format": "policy-targets/catalogue@1",
      "indicators": [{"id": "gci", "kind": "rank", "out_of": 194, "cadence": "irregular", "publication_lag_days": 300},
                     {"id": "share", "kind": "percent", "publication_lag_days": 90}],
      "targets": [{"id": "gci_2025", "indicator": "gci", "unit": "VN", "rule": {"within_top": 40}, "deadline": "2025"},
                  {"id": "share_2025", "indicator": "share", "unit": "VN", "rule": {"at_least": "80"}, "deadline": "2025"}]}"#;
    let observations = r#"{"format": "policy-targets/observations@1", "observations": [
      {"indicator": "gci", "unit": "VN", "period": "2020", "published": "2021-06-29", "value": 25},
      {"indicator": "share", "unit": "VN", "period": "2024", "published": "2025-03-01", "value": "70"}]}"#;
    let at = |as_of| evaluate(catalogue, observations, as_of);
    // Before the lag has run: not expected yet, and the date is ahead.
    let early = at("2026-02-01");
    assert_eq!(early[0].1, Status::AwaitingData);
    assert!(
        early[0].2.contains(
            "the closing figure is not expected before 2026-10-27 (300 days after the deadline)"
        ),
        "{}",
        early[0].2
    );
    assert!(
        early[1].2.contains(
            "the figure for 2025 is not expected before 2026-03-31 (90 days after the period)"
        ),
        "{}",
        early[1].2
    );
    assert!(
        early[1]
            .3
            .contains("chưa đến lúc công bố: dự kiến không sớm hơn ngày 31/03/2026"),
        "{}",
        early[1].3
    );
    // After it: the 2020 rank is too old to close 2025; the 2025 share is
    // missing from the data although it was due.
    let late = at("2027-01-01");
    assert_eq!(late[0].1, Status::AwaitingData);
    assert!(late[0].2.contains("is too old to stand for the state at the deadline: its period ended 1826 days before the deadline, more than the 1096 days allowed"), "{}", late[0].2);
    assert!(!late[0].2.contains("not expected before"), "{}", late[0].2);
    assert!(late[1].2.contains("there is no figure for 2025 in the data published by 2027-01-01, though one was expected by 2026-03-31"), "{}", late[1].2);
    assert!(
        late[1].3.contains("không có số liệu năm 2025"),
        "{}",
        late[1].3
    );
    // A longer max_age_days lets the 2020 rank close the target.
    let longer = catalogue.replace(
        r#""publication_lag_days": 300}"#,
        r#""publication_lag_days": 300, "max_age_days": 2000}"#,
    );
    assert_eq!(
        evaluate(&longer, observations, "2027-01-01")[0].1,
        Status::Met
    );
}

/// Bounded figures stay out of a projection, and the sentence says so.
#[test]
fn bounded_figures_are_left_out_of_the_trend() {
    let catalogue = r#"{"format": "policy-targets/catalogue@1",
      "indicators": [{"id": "share", "kind": "percent"}],
      "targets": [{"id": "t", "indicator": "share", "unit": "VN", "rule": {"at_least": "90"}, "deadline": "2030"}]}"#;
    let observations = r#"{"format": "policy-targets/observations@1", "observations": [
      {"indicator": "share", "unit": "VN", "period": "2022", "published": "2023-01-31", "value": "60"},
      {"indicator": "share", "unit": "VN", "period": "2023", "published": "2024-01-31", "value": "61"},
      {"indicator": "share", "unit": "VN", "period": "2024", "published": "2025-01-31", "value": "85", "qualifier": "more_than"}]}"#;
    let r = &evaluate(catalogue, observations, "2025-06-01")[0];
    // On the exact line 60 → 61 the target is off track; the bound "more
    // than 85" would have pulled a line through 85 towards on track.
    assert_eq!(r.1, Status::OffTrack, "{}", r.2);
    assert!(
        r.2.starts_with("Latest figure more than 85% (2024, published 2025-01-31) is only a bound"),
        "{}",
        r.2
    );
    assert!(
        r.2.contains("the trend through 2 exact points (bounded figures left out)"),
        "{}",
        r.2
    );
    // Progress methods use exact figures only.
    let (c, o) = load(catalogue, observations).unwrap();
    let evaluator = Evaluator::new(c);
    let evaluation = evaluator.evaluate(&o, date("2025-06-01")).unwrap();
    let result = evaluation.get("t").unwrap();
    let p = result.progress().unwrap();
    assert_eq!(p.latest().value(), "61".parse().unwrap());
    let destatis = result
        .progress_with(policy_targets::Method::DestatisLinear)
        .unwrap();
    assert_eq!(destatis.refusal(), Some(Refusal::BoundedFigures));
    assert_eq!(
        Refusal::BoundedFigures.reason_in(Lang::Vi),
        "chưa đủ số liệu chính xác cho phương pháp: các số liệu chỉ là cận không được tính"
    );
}

/// SPEC 3.3/3.6: a projection is exact or absent. Two shares with
/// denominators 2^63 and 5^27 have an exact common denominator of about
/// 7·10^37, beyond the exact sums: `insufficient_data`, with the reason,
/// never a verdict on rounded shares.
#[test]
fn a_projection_is_exact_or_absent() {
    let catalogue = r#"{"format": "policy-targets/catalogue@1",
      "indicators": [{"id": "share", "kind": "percent"}],
      "targets": [{"id": "t", "indicator": "share", "unit": "VN", "rule": {"at_most": "30"}, "deadline": "2023"}]}"#;
    let two63: u64 = 1 << 63;
    let five27: u64 = 7_450_580_596_923_828_125;
    let observations = format!(
        r#"{{"format": "policy-targets/observations@1", "observations": [
      {{"indicator": "share", "unit": "VN", "period": "2021", "published": "2022-01-31", "numerator": {}, "denominator": {two63}}},
      {{"indicator": "share", "unit": "VN", "period": "2022", "published": "2023-01-31", "numerator": {}, "denominator": {five27}}}]}}"#,
        two63 / 2,
        five27 / 5 * 2
    );
    // 50% then 40%: the exact line reads 30% on 2023-12-31, which meets
    // "at most 30"; the sums cannot be formed exactly in 128 bits.
    let r = &evaluate(catalogue, &observations, "2023-06-01")[0];
    assert_eq!(r.1, Status::InsufficientData, "{}", r.2);
    assert!(
        r.2.contains("do not fit in 128-bit integers, and a rounded projection is never used"),
        "{}",
        r.2
    );
}

/// Mergers are followed however long the chain: the first unit's figure
/// reaches the last successor (SPEC: no silent depth cap).
#[test]
fn a_chain_of_mergers_of_any_length_is_followed() {
    for depth in [1usize, 16, 17, 300] {
        let mut units = String::from(
            r#"{"format": "policy-targets/units@1", "units": [{"id": "VN", "level": "national"}"#,
        );
        let start = date("2000-01-01");
        for i in 0..=depth {
            let mut u = format!(r#", {{"id": "P{i}", "level": "province", "parent": "VN""#);
            if i > 0 {
                let from = policy_targets::Date::from_julian_day(
                    start.to_julian_day() + i32::try_from(i).unwrap(),
                )
                .unwrap();
                u.push_str(&format!(r#", "from": "{from}""#));
            }
            if i < depth {
                let until = policy_targets::Date::from_julian_day(
                    start.to_julian_day() + i32::try_from(i).unwrap(),
                )
                .unwrap();
                u.push_str(&format!(
                    r#", "until": "{until}", "successor": "P{}""#,
                    i + 1
                ));
            }
            u.push('}');
            units.push_str(&u);
        }
        units.push_str("]}");
        let units = Units::from_json(&units).unwrap();
        for mode in ["each", "pooled"] {
            let catalogue = Catalogue::from_json(&format!(
                r#"{{"format": "policy-targets/catalogue@1", "indicators": [{{"id": "online", "kind": "percent"}}],
                  "targets": [{{"id": "t", "indicator": "online", "unit": "VN", "rule": {{"at_least": "50"}},
                               "deadline": "2001", "applies_to": {{"level": "province", "mode": "{mode}"}}}}]}}"#
            ))
            .unwrap();
            let observations = Observations::from_json(
                r#"{"format": "policy-targets/observations@1", "observations": [
                  {"indicator": "online", "unit": "P0", "period": "2001", "published": "2002-01-15", "numerator": 60, "denominator": 100}]}"#,
                &catalogue,
            )
            .unwrap();
            let evaluator = Evaluator::new(catalogue).with_units(units.clone());
            let evaluation = evaluator
                .evaluate(&observations, date("2002-06-01"))
                .unwrap();
            let r = evaluation.get("t").unwrap();
            assert_eq!(
                r.status(),
                Status::Met,
                "depth {depth}, {mode}: {}",
                r.explanation()
            );
            assert!(
                r.explanation()
                    .contains("figure of merged units summed into their successors")
                    || r.explanation().contains("figures of merged units"),
                "{}",
                r.explanation()
            );
        }
    }
}

/// A bounded figure never enters a pooled sum, and the pooled target says why.
#[test]
fn a_bound_never_enters_a_pooled_sum() {
    let units = Units::from_json(
        r#"{"format": "policy-targets/units@1", "units": [{"id": "VN", "level": "national"},
          {"id": "C1", "level": "commune", "parent": "VN"}, {"id": "C2", "level": "commune", "parent": "VN"}]}"#,
    )
    .unwrap();
    let catalogue = r#"{"format": "policy-targets/catalogue@1", "indicators": [{"id": "online", "kind": "percent"}],
      "targets": [{"id": "pooled", "indicator": "online", "unit": "VN", "rule": {"at_least": "50"}, "deadline": "2025",
                   "applies_to": {"level": "commune", "mode": "pooled"}},
                  {"id": "each", "indicator": "online", "unit": "VN", "rule": {"at_least": "50"}, "deadline": "2025",
                   "applies_to": {"level": "commune", "mode": "each"}},
                  {"id": "each_80", "indicator": "online", "unit": "VN", "rule": {"at_least": "80"}, "deadline": "2025",
                   "applies_to": {"level": "commune", "mode": "each"}}]}"#;
    let observations = r#"{"format": "policy-targets/observations@1", "observations": [
      {"indicator": "online", "unit": "C1", "period": "2025", "published": "2026-02-01", "numerator": 90, "denominator": 100},
      {"indicator": "online", "unit": "C2", "period": "2025", "published": "2026-02-01", "value": "60", "qualifier": "more_than"}]}"#;
    let (c, o) = load(catalogue, observations).unwrap();
    let evaluator = Evaluator::new(c).with_units(units);
    let evaluation = evaluator.evaluate(&o, date("2026-06-01")).unwrap();
    let pooled = evaluation.get("pooled").unwrap();
    assert_eq!(pooled.status(), Status::NotPoolable);
    assert!(pooled.explanation().contains("is only a bound (more than 60%), not a numerator and denominator: a bound never enters a pooled sum"), "{}", pooled.explanation());
    assert!(
        pooled
            .explanation_in(Lang::Vi)
            .contains("một cận không bao giờ được cộng vào tổng gộp")
    );
    // `each`: every unit judged three-valued on its own figure.
    assert_eq!(evaluation.get("each").unwrap().status(), Status::Met);
    let each_80 = evaluation.get("each_80").unwrap();
    assert_eq!(
        each_80.status(),
        Status::Inconclusive,
        "{}",
        each_80.explanation()
    );
    assert!(
        each_80.explanation().contains("C2 (inconclusive)"),
        "{}",
        each_80.explanation()
    );
}

/// An every-period target lists a period whose bound cannot tell as neither
/// held nor failed.
#[test]
fn every_period_undetermined_periods_are_neither_held_nor_failed() {
    let catalogue = r#"{"format": "policy-targets/catalogue@1", "indicators": [{"id": "g", "kind": "growth_rate"}],
      "targets": [{"id": "t", "indicator": "g", "unit": "VN", "rule": {"at_least": "7"}, "deadline": "2023",
                   "every_period": {"from": "2021"}}]}"#;
    let observations = r#"{"format": "policy-targets/observations@1", "observations": [
      {"indicator": "g", "unit": "VN", "period": "2021", "published": "2022-01-31", "value": "7.5"},
      {"indicator": "g", "unit": "VN", "period": "2022", "published": "2023-01-31", "value": "6", "qualifier": "more_than"},
      {"indicator": "g", "unit": "VN", "period": "2023", "published": "2024-01-31", "value": "8"}]}"#;
    let (c, o) = load(catalogue, observations).unwrap();
    let evaluator = Evaluator::new(c);
    let after = evaluator.evaluate(&o, date("2024-06-01")).unwrap();
    let r = after.get("t").unwrap();
    assert_eq!(r.status(), Status::Inconclusive, "{}", r.explanation());
    let every = r.every_period().unwrap();
    assert_eq!(every.held().len(), 2);
    assert!(every.failed().is_empty());
    assert_eq!(every.undetermined().len(), 1);
    assert_eq!(
        every.bound(every.undetermined()[0].0),
        Some(Qualifier::MoreThan)
    );
    assert!(r.explanation().ends_with("none failed, but the figures for 2022 (more than 6%) are bounds that cannot tell whether it held."), "{}", r.explanation());
    let doc = after.to_document();
    assert_eq!(
        doc.results()[0]
            .every_period
            .as_ref()
            .unwrap()
            .undetermined
            .len(),
        1
    );
    assert_eq!(ResultsDocument::from_json(&doc.to_json()).unwrap(), doc);
    // Before the deadline, not on track (it may not have held in 2022).
    let before = evaluator.evaluate(&o, date("2023-06-01")).unwrap();
    assert_eq!(before.get("t").unwrap().status(), Status::InsufficientData);
}

/// Every explanation of the built-in record exists in both languages and
/// the Vietnamese one writes numbers with a decimal comma.
#[cfg(feature = "vn")]
#[test]
fn every_built_in_explanation_reads_in_vietnamese() {
    let catalogue = policy_targets::vn::catalogue();
    let observations = policy_targets::vn::observations(&catalogue);
    let evaluator = Evaluator::new(catalogue);
    for as_of in ["2021-06-30", "2024-01-01", "2026-11-28", "2032-06-01"] {
        let evaluation = evaluator.evaluate(&observations, date(as_of)).unwrap();
        for r in evaluation.results() {
            let vi = r.explanation_in(Lang::Vi);
            assert!(vi.ends_with('.'), "{vi}");
            assert_ne!(vi, r.explanation());
            // The catalogue's note on a discontinued indicator is data, quoted as written.
            let note = r
                .indicator()
                .discontinued()
                .and_then(|d| d.note())
                .unwrap_or("\u{0}");
            let vi = vi.replace(note.trim_end_matches('.'), "");
            for english in [
                " is not ",
                "published ",
                "The deadline",
                "Latest value",
                "Closing value",
            ] {
                assert!(!vi.contains(english), "{}: {vi}", r.target().id());
            }
            // No decimal point between digits outside the quoted data.
            assert!(
                !vi.split(['(', ')'])
                    .step_by(2)
                    .any(|part| part.contains("14.02")),
                "{vi}"
            );
        }
    }
}

/// Fuzz finding F2: a method the formats cannot write is refused where it is
/// given, by the builder and by an evaluation's options.
#[test]
fn an_evaluation_refuses_a_method_the_formats_cannot_write() {
    use policy_targets::{EvaluationOptions, Method};
    let mut b = Catalogue::builder();
    let zero = b.indicator(
        IndicatorDef::<Percent>::new("x").with_progress(Method::EurostatCagr { years: 0 }),
    );
    assert_eq!(zero.unwrap_err().problems()[0].path(), "progress");
    assert!(
        b.indicator(
            IndicatorDef::<Percent>::new("y").with_progress(Method::EurostatCagr { years: 50 })
        )
        .is_ok()
    );
    let catalogue = b.build().unwrap();
    let observations = Observations::builder(&catalogue).build().unwrap();
    let evaluator = Evaluator::new(catalogue);
    let options = EvaluationOptions::default().with_method(Method::EurostatCagr { years: 51 });
    let err = evaluator
        .evaluate_with(&observations, date("2026-06-01"), &options)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::OutOfRange);
    assert!(err.to_string().contains("eurostat_cagr_51"), "{err}");
    let options = EvaluationOptions::default().with_method(Method::EurostatCagr { years: 15 });
    assert!(
        evaluator
            .evaluate_with(&observations, date("2026-06-01"), &options)
            .is_ok()
    );
}
