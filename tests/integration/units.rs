//! Units and roll-ups: properties of pooled and `each` targets, mergers,
//! and the roll-up block of the results document.

use policy_targets::{
    Catalogue, ErrorKind, Evaluator, Lang, Observations, ResultsDocument, RollUpMode, Status,
    UnitLevel, Units, parse_date, vn,
};
use proptest::prelude::*;

/// A catalogue with one percent indicator and one target at the commune
/// level of `VN`, in `mode`, `at_least threshold`, due 2025.
fn catalogue(mode: &str, threshold: &str) -> Catalogue {
    Catalogue::from_json(&format!(
        r#"{{"format": "policy-targets/catalogue@1",
          "indicators": [{{"id": "online", "kind": "percent"}}],
          "targets": [{{"id": "t", "indicator": "online", "unit": "VN", "rule": {{"at_least": "{threshold}"}},
                       "deadline": "2025", "applies_to": {{"level": "commune", "mode": "{mode}"}}}}]}}"#
    ))
    .unwrap()
}

/// Units `VN` and one commune per entry of `ids`, in that order.
fn units(ids: &[String]) -> Units {
    let mut s = String::from(
        r#"{"format": "policy-targets/units@1", "units": [{"id": "VN", "level": "national"}"#,
    );
    for id in ids {
        s.push_str(&format!(
            r#", {{"id": "{id}", "level": "commune", "parent": "VN"}}"#
        ));
    }
    s.push_str("]}");
    Units::from_json(&s).unwrap()
}

/// One 2025 figure per commune, `(id, numerator, denominator)`, in that order.
fn observations(figures: &[(String, u64, u64)], catalogue: &Catalogue) -> Observations {
    let items: Vec<String> = figures
        .iter()
        .map(|(id, n, d)| {
            format!(
                r#"{{"indicator": "online", "unit": "{id}", "period": "2025", "published": "2026-02-01", "numerator": {n}, "denominator": {d}}}"#
            )
        })
        .collect();
    Observations::from_json(
        &format!(
            r#"{{"format": "policy-targets/observations@1", "observations": [{}]}}"#,
            items.join(",")
        ),
        catalogue,
    )
    .unwrap()
}

/// Evaluates the target `t` over the communes' figures: its status and the
/// pooled numerator and denominator.
fn run(
    mode: &str,
    threshold: &str,
    figures: &[(String, u64, u64)],
) -> (Status, Option<(u64, u64)>) {
    let catalogue = catalogue(mode, threshold);
    let observations = observations(figures, &catalogue);
    let ids: Vec<String> = figures.iter().map(|f| f.0.clone()).collect();
    let evaluator = Evaluator::new(catalogue).with_units(units(&ids));
    let evaluation = evaluator
        .evaluate(&observations, parse_date("2026-06-01").unwrap())
        .unwrap();
    let r = evaluation.get("t").unwrap();
    let roll_up = r.roll_up().unwrap();
    assert_eq!(roll_up.units().len(), figures.len());
    (r.status(), roll_up.pooled())
}

/// Whether `100 × n ≥ t × d`, with `t` a whole percentage.
fn meets(n: u64, d: u64, t: u64) -> bool {
    u128::from(n) * 100 >= u128::from(t) * u128::from(d)
}

/// Shares of dossiers: `(numerator, denominator)` with `numerator ≤ denominator`.
fn share() -> impl Strategy<Value = (u64, u64)> {
    (1u64..5_000).prop_flat_map(|d| (0..=d, Just(d)))
}

fn named(shares: &[(u64, u64)]) -> Vec<(String, u64, u64)> {
    shares
        .iter()
        .enumerate()
        .map(|(i, &(n, d))| (format!("C{i}"), n, d))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The pooled share does not depend on the order of the units (in the
    /// units document and among the observations), and it is the share of
    /// the summed counts.
    #[test]
    fn pooling_is_independent_of_the_order_of_units(
        shares in prop::collection::vec(share(), 1..8),
        threshold in 0u64..=100,
        seed in any::<u64>(),
    ) {
        let figures = named(&shares);
        let mut shuffled = figures.clone();
        // A permutation from the seed.
        let mut s = seed;
        for i in (1..shuffled.len()).rev() {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            shuffled.swap(i, (s >> 33) as usize % (i + 1));
        }
        let t = threshold.to_string();
        let (status, pooled) = run("pooled", &t, &figures);
        let (status2, pooled2) = run("pooled", &t, &shuffled);
        prop_assert_eq!(status, status2);
        prop_assert_eq!(pooled, pooled2);
        let n: u64 = shares.iter().map(|s| s.0).sum();
        let d: u64 = shares.iter().map(|s| s.1).sum();
        prop_assert_eq!(pooled, Some((n, d)));
        let expected = if meets(n, d, threshold) { Status::Met } else { Status::Missed };
        prop_assert_eq!(status, expected);
    }

    /// Splitting a unit into two parts that add up to it leaves the pooled
    /// share, and so the status, unchanged.
    #[test]
    fn pooling_a_unit_split_in_two_gives_the_same_share(
        shares in prop::collection::vec(share(), 1..6),
        pick in any::<prop::sample::Index>(),
        cut in any::<prop::sample::Index>(),
        cut_n in any::<prop::sample::Index>(),
        threshold in 0u64..=100,
    ) {
        let k = pick.index(shares.len());
        let (n, d) = shares[k];
        prop_assume!(d >= 2);
        // First part: d1 of the d dossiers, n1 of them online, with both
        // parts valid shares (n1 ≤ d1 and n − n1 ≤ d − d1).
        let d1 = 1 + cut.index((d - 1) as usize) as u64;
        let lo = n.saturating_sub(d - d1);
        let hi = n.min(d1);
        let n1 = lo + cut_n.index((hi - lo + 1) as usize) as u64;
        let mut split: Vec<(u64, u64)> = shares.clone();
        split[k] = (n1, d1);
        split.push((n - n1, d - d1));
        let t = threshold.to_string();
        let whole = run("pooled", &t, &named(&shares));
        let parts = run("pooled", &t, &named(&split));
        prop_assert_eq!(whole, parts);
    }

    /// `each` is met exactly when every unit meets the rule on its own.
    #[test]
    fn each_is_met_only_if_every_unit_meets(
        shares in prop::collection::vec(share(), 1..8),
        threshold in 0u64..=100,
    ) {
        let (status, pooled) = run("each", &threshold.to_string(), &named(&shares));
        prop_assert_eq!(pooled, None);
        let all = shares.iter().all(|&(n, d)| meets(n, d, threshold));
        prop_assert_eq!(status == Status::Met, all);
        prop_assert_eq!(status == Status::Missed, !all);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// Units merged on 2025-07-01 whose 2025 figures are still published
    /// under their old ids roll up into the successor: its own share (for
    /// `each`) and the pooled share are the sums of the predecessors'.
    #[test]
    fn merged_units_roll_up_into_their_successor(
        merged in prop::collection::vec(share(), 1..5),
        others in prop::collection::vec(share(), 0..4),
        threshold in 0u64..=100,
    ) {
        let mut doc = String::from(
            r#"{"format": "policy-targets/units@1", "units": [{"id": "VN", "level": "national"},
               {"id": "NEW", "level": "commune", "parent": "VN", "from": "2025-07-01"}"#,
        );
        let mut figures = Vec::new();
        for (i, &(n, d)) in merged.iter().enumerate() {
            doc.push_str(&format!(
                r#", {{"id": "OLD{i}", "level": "commune", "parent": "VN", "until": "2025-06-30", "successor": "NEW"}}"#
            ));
            figures.push((format!("OLD{i}"), n, d));
        }
        for (i, &(n, d)) in others.iter().enumerate() {
            doc.push_str(&format!(r#", {{"id": "K{i}", "level": "commune", "parent": "VN"}}"#));
            figures.push((format!("K{i}"), n, d));
        }
        doc.push_str("]}");
        let units = Units::from_json(&doc).unwrap();
        let t = threshold.to_string();
        for mode in ["pooled", "each"] {
            let catalogue = catalogue(mode, &t);
            let observations = observations(&figures, &catalogue);
            let evaluator = Evaluator::new(catalogue).with_units(units.clone());
            let evaluation = evaluator
                .evaluate(&observations, parse_date("2026-06-01").unwrap())
                .unwrap();
            let r = evaluation.get("t").unwrap();
            let roll_up = r.roll_up().unwrap();
            // The units of 2025-12-31: the successor and the others.
            prop_assert_eq!(roll_up.units().len(), 1 + others.len());
            let (mn, md) = merged.iter().fold((0, 0), |(a, b), &(n, d)| (a + n, b + d));
            let new = &roll_up.units()[0];
            prop_assert_eq!(new.unit().id(), "NEW");
            prop_assert_eq!(
                new.evidence().map(|o| o.reading()),
                Some(policy_targets::Reading::Ratio { numerator: mn, denominator: md })
            );
            let n = mn + others.iter().map(|s| s.0).sum::<u64>();
            let d = md + others.iter().map(|s| s.1).sum::<u64>();
            if mode == "pooled" {
                prop_assert_eq!(roll_up.pooled(), Some((n, d)));
                prop_assert_eq!(r.status() == Status::Met, meets(n, d, threshold));
            } else {
                let all = meets(mn, md, threshold)
                    && others.iter().all(|&(a, b)| meets(a, b, threshold));
                prop_assert_eq!(r.status() == Status::Met, all);
            }
        }
    }
}

#[test]
fn the_mean_of_percentages_is_never_the_pooled_share() {
    // 90 of 100 and 10 of 1000: the mean of 90% and 1% is 45.5%; the share
    // of all dossiers is 100/1100 ≈ 9.09%.
    let figures = named(&[(90, 100), (10, 1000)]);
    assert_eq!(
        run("pooled", "45", &figures),
        (Status::Missed, Some((100, 1100)))
    );
    assert_eq!(
        run("pooled", "9", &figures),
        (Status::Met, Some((100, 1100)))
    );
}

#[test]
fn summed_denominators_that_overflow_are_reported_not_a_panic() {
    let big = u64::MAX / 2 + 1;
    let figures = named(&[(1, big), (1, big)]);
    let (status, pooled) = run("pooled", "1", &figures);
    assert_eq!(status, Status::NotPoolable);
    assert_eq!(pooled, None);
}

#[test]
fn the_results_document_carries_the_roll_up_and_reads_back() {
    let catalogue = catalogue("pooled", "45");
    let figures = named(&[(90, 100), (10, 1000)]);
    let observations = observations(&figures, &catalogue);
    let evaluator = Evaluator::new(catalogue).with_units(units(&["C0".into(), "C1".into()]));
    let evaluation = evaluator
        .evaluate(&observations, parse_date("2026-06-01").unwrap())
        .unwrap();
    let json = evaluation.to_json();
    assert!(json.contains(r#""roll_up""#), "{json}");
    assert!(json.contains(r#""numerator": 100"#), "{json}");
    assert!(json.contains(r#""units_failing": ["#), "{json}");
    let doc = ResultsDocument::from_json(&json).unwrap();
    assert_eq!(doc, evaluation.to_document());
    let r = doc.results()[0].roll_up.as_ref().unwrap();
    assert_eq!(r.mode, RollUpMode::Pooled);
    assert_eq!(r.level, UnitLevel::Commune);
    assert_eq!((r.units, r.units_meeting), (2, 1));
    assert_eq!(r.units_failing, ["C1"]);
    assert_eq!((r.numerator, r.denominator), (Some(100), Some(1100)));
    assert_eq!(r.share_meeting, Some("50".parse().unwrap()));
}

#[test]
fn an_each_sentence_names_failing_units_apart_from_units_without_figures() {
    // Three communes: one meets 60%, one fails, one has no 2025 figure yet.
    let catalogue = catalogue("each", "60");
    let observations = observations(&[("C0".into(), 70, 100), ("C1".into(), 1, 3)], &catalogue);
    let units = Units::from_json(
        r#"{"format": "policy-targets/units@1", "units": [{"id": "VN", "level": "national"},
            {"id": "C0", "level": "commune", "parent": "VN"},
            {"id": "C1", "level": "commune", "parent": "VN", "name": {"en": "Hill", "vi": "Đồi"}},
            {"id": "C2", "level": "commune", "parent": "VN", "name": {"en": "River", "vi": "Sông"}}]}"#,
    )
    .unwrap();
    let evaluator = Evaluator::new(catalogue).with_units(units);
    let evaluation = evaluator
        .evaluate(&observations, parse_date("2026-06-01").unwrap())
        .unwrap();
    let r = evaluation.get("t").unwrap();
    let en = r.explanation();
    // One of three is a third: rounded for reading, and said so.
    assert!(en.contains("on its own (≈ 33.3%)"), "{en}");
    assert!(en.contains("not meeting it: Hill (C1, missed); "), "{en}");
    assert!(en.contains("not judged yet: River (C2, "), "{en}");
    assert!(!en.contains("The target is"), "{en}");
    let vi = r.explanation_in(Lang::Vi);
    assert!(vi.contains("(≈ 33,3%)"), "{vi}");
    assert!(vi.contains("chưa đạt: Đồi (C1, "), "{vi}");
    assert!(vi.contains("chưa đánh giá được: Sông (C2, "), "{vi}");
    // A share of counts is written to six places; the counts stay exact.
    let json = evaluation.to_json();
    let compact: String = json.split_whitespace().collect();
    assert!(
        compact.contains(r#""value":"33.333333","numerator":1,"denominator":3"#),
        "{json}"
    );
    let doc = ResultsDocument::from_json(&json).unwrap();
    assert_eq!(doc, evaluation.to_document());
}

#[test]
fn a_pooled_target_needs_a_percent_indicator() {
    let e = Catalogue::from_json(
        r#"{"format": "policy-targets/catalogue@1",
          "indicators": [{"id": "n", "kind": "count"}],
          "targets": [{"id": "t", "indicator": "n", "unit": "VN", "rule": {"at_least": "5"},
                       "deadline": "2025", "applies_to": {"level": "commune", "mode": "pooled"}}]}"#,
    )
    .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::KindMismatch);
    assert_eq!(e.problems()[0].path(), "targets[0].applies_to.mode");
}

/// The built-in provinces: a national target evaluated before and after
/// 2025-07-01 counts 63 and then 34 provinces, and the old provinces'
/// figures roll up into the new ones.
#[test]
fn built_in_provinces_before_and_after_the_merger() {
    let units = vn::units();
    let catalogue = Catalogue::from_json(
        r#"{"format": "policy-targets/catalogue@1",
          "indicators": [{"id": "online", "kind": "percent"}],
          "targets": [
            {"id": "each_2024", "indicator": "online", "unit": "VN", "rule": {"at_least": "50"},
             "deadline": "2024", "applies_to": {"level": "province", "mode": "each"}},
            {"id": "each_2025", "indicator": "online", "unit": "VN", "rule": {"at_least": "50"},
             "deadline": "2025", "applies_to": {"level": "province", "mode": "each"}},
            {"id": "pooled_2025", "indicator": "online", "unit": "VN", "rule": {"at_least": "50"},
             "deadline": "2025", "applies_to": {"level": "province", "mode": "pooled"}},
            {"id": "districts_2026", "indicator": "online", "unit": "VN", "rule": {"at_least": "50"},
             "deadline": "2026", "applies_to": {"level": "district", "mode": "each"}}]}"#,
    )
    .unwrap();
    // Every province of 2024 publishes 2024 and 2025 figures under its old id.
    let before = parse_date("2024-12-31").unwrap();
    let mut items = Vec::new();
    for (i, u) in units
        .on(before)
        .filter(|u| u.level() == UnitLevel::Province)
        .enumerate()
    {
        for year in [2024, 2025] {
            items.push(format!(
                r#"{{"indicator": "online", "unit": "{}", "period": "{year}", "published": "{}-02-01", "numerator": {}, "denominator": 100}}"#,
                u.id(),
                year + 1,
                50 + i % 30
            ));
        }
    }
    let observations = Observations::from_json(
        &format!(
            r#"{{"format": "policy-targets/observations@1", "observations": [{}]}}"#,
            items.join(",")
        ),
        &catalogue,
    )
    .unwrap();
    let evaluator = Evaluator::new(catalogue).with_units(units);
    let evaluation = evaluator
        .evaluate(&observations, parse_date("2026-11-28").unwrap())
        .unwrap();
    let each_2024 = evaluation.get("each_2024").unwrap();
    assert_eq!(each_2024.status(), Status::Met);
    assert_eq!(each_2024.roll_up().unwrap().units().len(), 63);
    let each_2025 = evaluation.get("each_2025").unwrap();
    assert_eq!(
        each_2025.status(),
        Status::Met,
        "{}",
        each_2025.explanation()
    );
    let r = each_2025.roll_up().unwrap();
    assert_eq!(r.units().len(), 34);
    // The new Lào Cai (code 15 from 2025-07-01) sums Yên Bái and Lào Cai.
    let lao_cai = r
        .units()
        .iter()
        .find(|u| u.unit().id() == "VN-15-from-2025-07-01")
        .unwrap();
    assert!(matches!(
        lao_cai.evidence().unwrap().reading(),
        policy_targets::Reading::Ratio {
            denominator: 200,
            ..
        }
    ));
    let pooled = evaluation.get("pooled_2025").unwrap();
    assert_eq!(pooled.roll_up().unwrap().pooled().map(|p| p.1), Some(6300));
    let districts = evaluation.get("districts_2026").unwrap();
    assert_eq!(districts.status(), Status::NoUnits);
}

#[test]
fn evaluate_target_matches_evaluate_for_roll_ups() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/pt4_merger.json"
    ))
    .unwrap();
    let case = policy_targets::case::Case::from_json(&text).unwrap();
    let (catalogue, observations, units) = case.load_with_units().unwrap();
    let evaluator = Evaluator::new(catalogue).with_units(units.unwrap());
    let evaluation = evaluator.evaluate(&observations, case.as_of()).unwrap();
    for r in evaluation.results() {
        let one = evaluator
            .evaluate_target(r.target().id(), &observations, case.as_of())
            .unwrap()
            .unwrap();
        assert_eq!(one.status(), r.status(), "{}", r.target().id());
        assert_eq!(one.explanation(), r.explanation(), "{}", r.target().id());
    }
}

#[test]
fn the_evaluator_with_units_is_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<Evaluator>();
    check::<Units>();
    check::<policy_targets::RollUp<'static>>();
    check::<policy_targets::TargetResult<'static>>();
}

/// A pooled target not decided yet gets the pace still needed from its
/// pooled series: 2023 pools to 30%, 2024 to 40% (summed counts, not the
/// mean of the communes' shares), so reaching 80% by the end of 2025 needs
/// 40 points in one year while the series moved 10.
#[test]
fn a_pooled_target_gets_its_progress_from_the_pooled_series() {
    let catalogue = catalogue("pooled", "80");
    let figure = |unit: &str, year: u32, n: u64, d: u64| {
        format!(
            r#"{{"indicator": "online", "unit": "{unit}", "period": "{year}", "published": "{}-02-01", "numerator": {n}, "denominator": {d}}}"#,
            year + 1
        )
    };
    let items = [
        figure("C1", 2023, 50, 100),  // 50%
        figure("C2", 2023, 250, 900), // 27.8%: pooled 300/1000 = 30%
        figure("C1", 2024, 80, 100),  // 80%
        figure("C2", 2024, 320, 900), // 35.6%: pooled 400/1000 = 40%
    ];
    let observations = Observations::from_json(
        &format!(
            r#"{{"format": "policy-targets/observations@1", "observations": [{}]}}"#,
            items.join(",")
        ),
        &catalogue,
    )
    .unwrap();
    let evaluator = Evaluator::new(catalogue).with_units(units(&["C1".into(), "C2".into()]));
    let evaluation = evaluator
        .evaluate(&observations, parse_date("2025-06-01").unwrap())
        .unwrap();
    let r = evaluation.get("t").unwrap();
    assert_eq!(r.status(), Status::OffTrack, "{}", r.explanation());
    let progress = r
        .progress()
        .expect("a pooled target not decided yet has progress");
    assert_eq!(progress.latest().value(), "40".parse().unwrap());
    // The pace needed counts from the pooled line's present value, as the
    // verdict does, over the line's years.
    let needed = progress.required_pace().unwrap();
    let from = progress.pace_from();
    assert!(
        from > "39".parse().unwrap() && from <= "40".parse().unwrap(),
        "{from}"
    );
    assert!(
        needed > "39".parse().unwrap() && needed < "41".parse().unwrap(),
        "{needed}"
    );
    // The least-squares slope is per day, shown per 365.25 days: 2024 had 366.
    let observed = progress.observed_pace().unwrap();
    assert!(observed > "9.9".parse().unwrap() && observed <= "10".parse().unwrap());
    let document = evaluation.to_document();
    let record = &document.results()[0];
    assert!(record.progress.is_some() && record.roll_up.is_some());
}

/// Units `VN`, provinces `P0..P2` and communes `P{p}C{c}` (four each).
fn provinces_and_communes() -> Units {
    let mut s = String::from(
        r#"{"format": "policy-targets/units@1", "units": [{"id": "VN", "level": "national"}"#,
    );
    for p in 0..3 {
        s.push_str(&format!(
            r#", {{"id": "P{p}", "level": "province", "parent": "VN"}}"#
        ));
        for c in 0..4 {
            s.push_str(&format!(
                r#", {{"id": "P{p}C{c}", "level": "commune", "parent": "P{p}"}}"#
            ));
        }
    }
    s.push_str("]}");
    Units::from_json(&s).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    /// Pooled sums for all of an evaluation's indicators are computed in one
    /// walk; each target must come out exactly as when it is evaluated
    /// alone (no walk shared with other targets).
    #[test]
    fn pooled_targets_evaluated_together_or_alone_agree(
        figures in proptest::collection::vec((0u64..50, 1u64..50, proptest::bool::weighted(0.85)), 3 * 12 * 2),
        threshold in 10u32..90,
    ) {
        let indicators = ["a", "b", "c"];
        let mut targets = Vec::new();
        for ind in indicators {
            for scope in ["VN", "P0", "P1", "P2"] {
                for deadline in ["2024", "2025"] {
                    targets.push(format!(
                        r#"{{"id": "{ind}_{scope}_{deadline}", "indicator": "{ind}", "unit": "{scope}", "rule": {{"at_least": "{threshold}"}},
                            "deadline": "{deadline}", "applies_to": {{"level": "commune", "mode": "pooled"}}}}"#
                    ));
                }
            }
        }
        let catalogue = Catalogue::from_json(&format!(
            r#"{{"format": "policy-targets/catalogue@1",
              "indicators": [{{"id": "a", "kind": "percent"}}, {{"id": "b", "kind": "percent"}}, {{"id": "c", "kind": "percent"}}],
              "targets": [{}]}}"#,
            targets.join(",")
        ))
        .unwrap();
        let mut obs = Vec::new();
        let mut it = figures.iter();
        for ind in indicators {
            for p in 0..3 {
                for c in 0..4 {
                    for year in [2023, 2024] {
                        let (n, extra, present) = *it.next().unwrap();
                        if present {
                            obs.push(format!(
                                r#"{{"indicator": "{ind}", "unit": "P{p}C{c}", "period": "{year}", "published": "{}-02-01", "numerator": {n}, "denominator": {}}}"#,
                                year + 1,
                                n + extra
                            ));
                        }
                    }
                }
            }
        }
        let observations = Observations::from_json(
            &format!(r#"{{"format": "policy-targets/observations@1", "observations": [{}]}}"#, obs.join(",")),
            &catalogue,
        )
        .unwrap();
        let evaluator = Evaluator::new(catalogue).with_units(provinces_and_communes());
        for as_of in ["2024-06-01", "2025-03-01", "2026-03-01"] {
            let as_of = parse_date(as_of).unwrap();
            let all = evaluator.evaluate(&observations, as_of).unwrap();
            for r in all.results() {
                let one = evaluator
                    .evaluate_target(r.target().id(), &observations, as_of)
                    .unwrap()
                    .unwrap();
                prop_assert_eq!(one.to_record(), r.to_record(), "{}", r.target().id());
            }
        }
    }
}
