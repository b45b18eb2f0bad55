//! Work shared between targets (issue 12): the fits of a long series, the
//! units' own decisions of `each` targets, the streamed results document and
//! the capped list of series. Shared work must never change an answer: every
//! target of an evaluation gets what it gets evaluated alone.

use std::fmt::Write as _;
use std::num::NonZeroUsize;
use std::path::Path;

use policy_targets::case::Case;
use policy_targets::format::load_with_units;
use policy_targets::{Evaluator, Lang, parse_date};
use proptest::prelude::*;

/// Every target of `evaluator`, evaluated with all the others and alone,
/// gives the same record.
fn same_alone(evaluator: &Evaluator, observations: &policy_targets::Observations, as_of: &str) {
    let as_of = parse_date(as_of).unwrap();
    let all = evaluator.evaluate(observations, as_of).unwrap();
    assert_eq!(all.results().len(), evaluator.catalogue().targets().len());
    assert!(
        all.results()
            .windows(2)
            .all(|w| w[0].target().id() < w[1].target().id()),
        "results in target id order"
    );
    for r in all.results() {
        let alone = evaluator
            .evaluate_target(r.target().id(), observations, as_of)
            .unwrap()
            .unwrap();
        assert_eq!(r.to_record(), alone.to_record(), "{}", r.target().id());
    }
}

/// `n` targets with the rules `rules` on one daily series of `points` figures.
fn one_series(points: usize, rules: &[u32]) -> (String, String) {
    let mut targets = String::new();
    for (i, r) in rules.iter().enumerate() {
        if i > 0 {
            targets.push(',');
        }
        write!(targets, r#"{{"id": "t{i}", "indicator": "level", "unit": "VN", "rule": {{"at_least": "{r}"}}, "deadline": "{}"}}"#, 2026 + i % 3).unwrap();
    }
    let catalogue = format!(
        r#"{{"format": "policy-targets/catalogue@1", "indicators": [{{"id": "level", "kind": "score"}}], "targets": [{targets}]}}"#
    );
    let start = parse_date("2020-01-01").unwrap();
    let mut obs = String::new();
    for i in 0..points {
        if i > 0 {
            obs.push(',');
        }
        let day = start + time::Duration::days(i64::try_from(i).unwrap());
        // A bounded figure now and then, and a revision of some.
        let qualifier = if i % 17 == 5 {
            r#", "qualifier": "more_than""#
        } else {
            ""
        };
        write!(obs, r#"{{"indicator": "level", "unit": "VN", "period": "{day}", "published": "2025-06-30", "value": "{}"{qualifier}}}"#, i % 23 + i / 4).unwrap();
    }
    let observations =
        format!(r#"{{"format": "policy-targets/observations@1", "observations": [{obs}]}}"#);
    (catalogue, observations)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Targets on one long series share its fit, and each gets what it
    /// would get alone.
    #[test]
    fn targets_sharing_a_fit_get_what_they_get_alone(
        points in 1usize..120,
        rules in prop::collection::vec(0u32..200, 1..8),
    ) {
        let (c, o) = one_series(points, &rules);
        let (catalogue, observations, _) = load_with_units(&c, &o, None).unwrap();
        let evaluator = Evaluator::new(catalogue);
        same_alone(&evaluator, &observations, "2025-07-01");
    }

    /// `each` targets over the communes of a nation or of one of its two
    /// provinces, some sharing their rule and deadline (whose units'
    /// decisions are kept, from the first target that made them: a
    /// province's after the nation's, or the nation's after a province's)
    /// and some not (another rule, deadline, or every year asked for).
    #[test]
    fn each_targets_sharing_decisions_get_what_they_get_alone(
        communes in 1usize..12,
        rules in prop::collection::vec((0u32..4, 0usize..2, 0usize..3, any::<bool>()), 1..10),
    ) {
        let mut units = String::from(r#"{"id": "VN", "level": "national"}"#);
        for p in 0..2 {
            write!(units, r#",{{"id": "P{p}", "level": "province", "parent": "VN"}}"#).unwrap();
        }
        let mut obs = Vec::new();
        for c in 0..communes {
            write!(units, r#",{{"id": "C{c}", "level": "commune", "parent": "P{}"}}"#, c % 2).unwrap();
            for year in 2023..2026 {
                obs.push(format!(r#"{{"indicator": "share", "unit": "C{c}", "period": "{year}", "published": "{year}-12-31", "numerator": {}, "denominator": 100}}"#, 40 + (year - 2023) * 5 + c * 3 % 30));
            }
        }
        let scopes = ["VN", "P0", "P1"];
        // Four thresholds and two deadlines: most evaluations share a key;
        // some targets ask for every year from 2023 (judged otherwise).
        let targets: Vec<String> = rules.iter().enumerate().map(|(i, (r, d, s, every))| format!(
            r#"{{"id": "t{i}", "indicator": "share", "unit": "{}", "rule": {{"at_least": "{}"}}, "deadline": "{}", {}"applies_to": {{"level": "commune", "mode": "each"}}}}"#,
            scopes[*s],
            40 + r * 8,
            2025 + d * 2,
            if *every { r#""every_period": {"from": "2023"}, "# } else { "" },
        )).collect();
        let c = format!(r#"{{"format": "policy-targets/catalogue@1", "indicators": [{{"id": "share", "kind": "percent"}}], "targets": [{}]}}"#, targets.join(","));
        let o = format!(r#"{{"format": "policy-targets/observations@1", "observations": [{}]}}"#, obs.join(","));
        let u = format!(r#"{{"format": "policy-targets/units@1", "units": [{units}]}}"#);
        let (catalogue, observations, units) = load_with_units(&c, &o, Some(&u)).unwrap();
        let evaluator = Evaluator::new(catalogue).with_units(units.unwrap());
        same_alone(&evaluator, &observations, "2026-01-01");
        same_alone(&evaluator, &observations, "2026-06-01");
    }
}

proptest! {
    // Cheap cases, and a wrong copy needs two figures that differ in one
    // field side by side: many of them.
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// `each` targets one after the other over the communes of a nation or
    /// of one of its provinces (the same units, or others in the same
    /// places), on two indicators whose figures differ, or do not, in any
    /// field an evidence block shows (a value, how it is written, counts, a
    /// qualifier, the publication day, the source, a source too long to be
    /// kept, the series), and a commune formed by a merger, whose figures
    /// are sums that differ, or do not: the `per_unit` entries copied from
    /// the target before are those written afresh.
    #[test]
    fn per_unit_entries_copied_are_those_written_afresh(
        figures in prop::collection::vec((0usize..9, 0usize..9), 1..5),
        merged in (0u32..3, 0u32..3, any::<bool>(), any::<bool>()),
        series_named in any::<bool>(),
        targets in prop::collection::vec((0usize..2, 0u32..3, any::<bool>(), 0usize..3), 1..8),
        items in 1usize..12,
    ) {
        // Figures that write the same (52 and 52.0) and figures that do not.
        let long = format!(r#""value": "52", "source": "{}""#, "L".repeat(1100));
        let variants = [
            r#""value": "52""#,
            r#""value": "52.0""#,
            r#""value": "53""#,
            r#""numerator": 52, "denominator": 100"#,
            r#""value": "52", "qualifier": "more_than""#,
            r#""value": "52", "source": "A""#,
            r#""value": "52", "source": "B""#,
            r#""value": "52", "published": "2025-11-30""#,
            &long,
        ];
        // Each indicator's figures in a series of its own, or in none.
        let series = |i: usize| if series_named { format!(r#", "series": "s{i}""#) } else { String::new() };
        let mut units = String::from(r#"{"id": "VN", "level": "national"}, {"id": "P0", "level": "province", "parent": "VN"}, {"id": "P1", "level": "province", "parent": "VN"}"#);
        let mut obs = Vec::new();
        for (c, figure) in figures.iter().enumerate() {
            write!(units, r#",{{"id": "C{c}", "level": "commune", "parent": "P{}"}}"#, c % 2).unwrap();
            for (i, v) in [figure.0, figure.1].into_iter().enumerate() {
                let reading = variants[v];
                let published = if reading.contains("published") { "" } else { r#", "published": "2025-12-31""# };
                obs.push(format!(r#"{{"indicator": "i{i}", "unit": "C{c}", "period": "2025"{published}{}, {reading}}}"#, series(i)));
            }
        }
        // M, formed on 2025-07-01 from A and B: its 2025 figures are sums.
        units.push_str(r#",{"id": "A", "level": "commune", "parent": "P0", "until": "2025-06-30", "successor": "M"}, {"id": "B", "level": "commune", "parent": "P0", "until": "2025-06-30", "successor": "M"}, {"id": "M", "level": "commune", "parent": "P0", "from": "2025-07-01"}"#);
        for (i, (a, early)) in [(merged.0, merged.2), (merged.1, merged.3)].into_iter().enumerate() {
            let published = if early { "2025-11-30" } else { "2025-12-31" };
            for (unit, numerator, published) in [("A", 40 + 10 * a, published), ("B", 60, "2025-10-31")] {
                obs.push(format!(r#"{{"indicator": "i{i}", "unit": "{unit}", "period": "2025", "published": "{published}", "numerator": {numerator}, "denominator": 100{}}}"#, series(i)));
            }
        }
        let targets: Vec<String> = targets.iter().enumerate().map(|(t, (i, r, passed, scope))| format!(
            r#"{{"id": "t{t}", "indicator": "i{i}", "unit": "{}", "rule": {{"at_least": "{}"}}, "deadline": "{}", "applies_to": {{"level": "commune", "mode": "each"}}}}"#,
            ["VN", "P0", "P1"][*scope],
            51 + r,
            if *passed { 2025 } else { 2027 },
        )).collect();
        let c = format!(r#"{{"format": "policy-targets/catalogue@1", "indicators": [{{"id": "i0", "kind": "percent"}}, {{"id": "i1", "kind": "percent"}}], "targets": [{}]}}"#, targets.join(","));
        let o = format!(r#"{{"format": "policy-targets/observations@1", "observations": [{}]}}"#, obs.join(","));
        let u = format!(r#"{{"format": "policy-targets/units@1", "units": [{units}]}}"#);
        let (catalogue, observations, units) = load_with_units(&c, &o, Some(&u)).unwrap();
        let evaluator = Evaluator::new(catalogue).with_units(units.unwrap());
        let evaluation = evaluator.evaluate(&observations, parse_date("2026-01-01").unwrap()).unwrap();
        let mut streamed = Vec::new();
        evaluation.write_json_in(Lang::En, &mut streamed).unwrap();
        let streamed = String::from_utf8(streamed).unwrap();
        prop_assert_eq!(&streamed, &evaluation.to_json());
        // In pieces of at most `items` items (a result, or an entry of its
        // `per_unit` list), cut in the middle of lists and written apart,
        // then put end to end: the same bytes.
        let pieces = evaluation.json_pieces_in(Lang::En, NonZeroUsize::new(items).unwrap());
        let all: usize = evaluation
            .results()
            .iter()
            .map(|r| 1 + r.roll_up().map_or(0, |u| u.units().len()))
            .sum();
        prop_assert_eq!(pieces.len(), all.div_ceil(items));
        let mut joined = Vec::new();
        for piece in &pieces {
            let mut bytes = Vec::new();
            piece.write_to(&mut bytes).unwrap();
            joined.extend(bytes);
        }
        prop_assert_eq!(&String::from_utf8(joined).unwrap(), &streamed);
        // serde_json's own writer, which copies nothing.
        #[cfg(feature = "serde")]
        prop_assert_eq!(&streamed, &serde_json::to_string_pretty(&evaluation.to_document()).unwrap());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// Pooled targets on a nation, its provinces and their communes: the
    /// provinces' sums, summed once (for whichever target comes first) and
    /// kept, give the nation's target what it gets alone, whether the
    /// nation's targets come before the provinces' or after; with figures
    /// missing, values that cannot be pooled, and a second series.
    #[test]
    fn pooled_sums_kept_for_the_nation_give_what_it_gets_alone(
        provinces in 1usize..4,
        communes in 1usize..5,
        indicators in 1usize..4,
        kinds in prop::collection::vec(0u8..12, 48),
        nation_first in any::<bool>(),
        deadlines in prop::collection::vec(2024u32..2027, 4),
    ) {
        let mut units = String::from(r#"{"id": "VN", "level": "national"}"#);
        let mut obs = Vec::new();
        for p in 0..provinces {
            write!(units, r#",{{"id": "P{p}", "level": "province", "parent": "VN"}}"#).unwrap();
            for c in 0..communes {
                write!(units, r#",{{"id": "P{p}C{c}", "level": "commune", "parent": "P{p}"}}"#).unwrap();
                for i in 0..indicators {
                    let kind = kinds[(p * communes + c) * 3 % 48 + i];
                    for year in 2023..2026 {
                        let n = 30 + (p * 11 + c * 7 + i * 5 + (year - 2023) * 9) % 60;
                        let reading = match kind {
                            0 => format!(r#""value": "{n}""#),
                            _ => format!(r#""numerator": {n}, "denominator": 100"#),
                        };
                        let series = if kind == 1 { r#", "series": "other""# } else { "" };
                        if kind != 2 {
                            obs.push(format!(r#"{{"indicator": "i{i}", "unit": "P{p}C{c}", "period": "{year}", "published": "{year}-12-31", {reading}{series}}}"#));
                        }
                    }
                }
            }
        }
        let mut targets = Vec::new();
        for (i, deadline) in deadlines.iter().enumerate().take(indicators) {
            let nation = if nation_first { "a" } else { "z" };
            targets.push(format!(r#"{{"id": "{nation}_i{i}", "indicator": "i{i}", "unit": "VN", "rule": {{"at_least": "55"}}, "deadline": "{deadline}", "applies_to": {{"level": "commune", "mode": "pooled"}}}}"#));
            for p in 0..provinces {
                targets.push(format!(r#"{{"id": "m{p}_i{i}", "indicator": "i{i}", "unit": "P{p}", "rule": {{"at_least": "55"}}, "deadline": "{deadline}", "applies_to": {{"level": "commune", "mode": "pooled"}}}}"#));
            }
        }
        let indicator_list: Vec<String> = (0..indicators).map(|i| format!(r#"{{"id": "i{i}", "kind": "percent"}}"#)).collect();
        let c = format!(r#"{{"format": "policy-targets/catalogue@1", "indicators": [{}], "targets": [{}]}}"#, indicator_list.join(","), targets.join(","));
        let o = format!(r#"{{"format": "policy-targets/observations@1", "observations": [{}]}}"#, obs.join(","));
        let u = format!(r#"{{"format": "policy-targets/units@1", "units": [{units}]}}"#);
        let (catalogue, observations, units) = load_with_units(&c, &o, Some(&u)).unwrap();
        let evaluator = Evaluator::new(catalogue).with_units(units.unwrap());
        same_alone(&evaluator, &observations, "2026-01-01");
        same_alone(&evaluator, &observations, "2025-06-01");
    }
}

/// The series a level's units are in is found once for the targets that
/// share the scope, level, units day and indicator, and only for them: a
/// commune that ended in mid-2025 makes a target due in the first quarter
/// ambiguous (its figures are in another series), not one due later; and
/// a target on another indicator, due as late, finds its own series.
#[test]
fn the_series_found_for_a_level_is_shared_only_by_its_targets() {
    let u = r#"{"format": "policy-targets/units@1", "units": [{"id": "VN", "level": "national"},
        {"id": "C0", "level": "commune", "parent": "VN"},
        {"id": "C1", "level": "commune", "parent": "VN", "until": "2025-06-30"}]}"#;
    let figure = |i: usize, unit: &str, series: &str| {
        format!(
            r#"{{"indicator": "i{i}", "unit": "{unit}", "series": "{series}", "period": "2024", "published": "2025-01-31", "value": "60"}}"#
        )
    };
    let o = format!(
        r#"{{"format": "policy-targets/observations@1", "observations": [{}, {}, {}]}}"#,
        figure(0, "C0", "s0"),
        figure(0, "C1", "s9"),
        figure(1, "C0", "s1")
    );
    let target = |t: usize, i: usize, deadline: &str| {
        format!(
            r#"{{"id": "t{t}", "indicator": "i{i}", "unit": "VN", "rule": {{"at_least": "50"}}, "deadline": "{deadline}", "applies_to": {{"level": "commune", "mode": "each"}}}}"#
        )
    };
    let c = format!(
        r#"{{"format": "policy-targets/catalogue@1", "indicators": [{{"id": "i0", "kind": "percent"}}, {{"id": "i1", "kind": "percent"}}], "targets": [{}, {}, {}]}}"#,
        target(0, 0, "2025-Q1"),
        target(1, 1, "2027"),
        target(2, 0, "2027")
    );
    let (catalogue, observations, units) = load_with_units(&c, &o, Some(u)).unwrap();
    let evaluator = Evaluator::new(catalogue).with_units(units.unwrap());
    let as_of = parse_date("2026-03-01").unwrap();
    let all = evaluator.evaluate(&observations, as_of).unwrap();
    let statuses: Vec<&str> = all.results().iter().map(|r| r.status().as_str()).collect();
    assert_eq!(statuses, ["ambiguous", "achieved", "achieved"]);
    same_alone(&evaluator, &observations, "2026-03-01");
}

/// The streamed document is the document, byte for byte, and (with the
/// `serde` feature) the document is what serde_json's own pretty writer
/// makes of its records: for every case file and the built-in data at
/// several dates, in both languages.
#[test]
fn the_streamed_results_document_is_the_document() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut evaluators = Vec::new();
    for path in crate::fixtures::case_files(&dir) {
        let Ok(case) = Case::from_json(&std::fs::read_to_string(&path).unwrap()) else {
            continue;
        };
        let Ok((c, o, u)) = case.load_with_units() else {
            continue;
        };
        let evaluator = match u {
            Some(u) => Evaluator::new(c).with_units(u),
            None => Evaluator::new(c),
        };
        evaluators.push((path.display().to_string(), evaluator, o, vec![case.as_of()]));
    }
    let dates =
        ["2020-01-01", "2024-06-30", "2026-11-28", "2031-01-01"].map(|d| parse_date(d).unwrap());
    let catalogue = policy_targets::vn::catalogue();
    let observations = policy_targets::vn::observations_with_low_confidence(&catalogue);
    evaluators.push((
        "built-in".to_owned(),
        Evaluator::new(catalogue),
        observations,
        dates.to_vec(),
    ));
    for (name, evaluator, observations, dates) in &evaluators {
        for &as_of in dates {
            let evaluation = evaluator.evaluate(observations, as_of).unwrap();
            for lang in [Lang::En, Lang::Vi] {
                let mut out = Vec::new();
                evaluation.write_json_in(lang, &mut out).unwrap();
                let json = evaluation.to_json_in(lang);
                assert_eq!(String::from_utf8(out).unwrap(), json, "{name} at {as_of}");
                for items in [1, 2, 7, 1000] {
                    let mut joined = Vec::new();
                    for piece in evaluation.json_pieces_in(lang, NonZeroUsize::new(items).unwrap())
                    {
                        piece.write_to(&mut joined).unwrap();
                    }
                    assert_eq!(
                        String::from_utf8(joined).unwrap(),
                        json,
                        "{name} at {as_of}, {items}"
                    );
                }
                #[cfg(feature = "serde")]
                assert_eq!(
                    serde_json::to_string_pretty(&evaluation.to_document_in(lang)).unwrap(),
                    json,
                    "{name} at {as_of}"
                );
            }
        }
    }
}

/// A writer's error comes back from writing the document or a piece of
/// it, the last bytes' too: a `BufWriter` given by value is flushed, not
/// dropped with its error. Pieces can go to other threads.
#[test]
fn a_write_error_comes_back_even_through_a_buffer() {
    struct Full;
    impl std::io::Write for Full {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("disk full"))
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    fn send_sync_copy<T: Send + Sync + Copy>(_: &T) {}
    let case = Case::from_json(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/egdi_rank_missed.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let (c, o, _) = case.load_with_units().unwrap();
    let evaluator = Evaluator::new(c);
    let evaluation = evaluator.evaluate(&o, case.as_of()).unwrap();
    // A small document: every byte waits in the buffer until the flush.
    let whole = evaluation.write_json_in(Lang::En, std::io::BufWriter::new(Full));
    assert_eq!(whole.unwrap_err().to_string(), "disk full");
    for piece in evaluation.json_pieces_in(Lang::En, NonZeroUsize::MIN) {
        send_sync_copy(&piece);
        let written = piece.write_to(std::io::BufWriter::new(Full));
        assert_eq!(written.unwrap_err().to_string(), "disk full");
    }
}

/// An ambiguous target names ten series, in order, then counts the others.
#[test]
fn an_ambiguous_target_names_ten_series_then_counts_the_rest() {
    let c = r#"{"format": "policy-targets/catalogue@1", "indicators": [{"id": "share", "kind": "percent"}],
        "targets": [{"id": "t", "indicator": "share", "unit": "VN", "rule": {"at_least": "60"}, "deadline": "2027"}]}"#;
    let mut obs: Vec<String> = (0..13)
        .map(|i| format!(r#"{{"indicator": "share", "unit": "VN", "series": "s{i}", "period": "2025", "published": "2025-12-31", "value": "50"}}"#))
        .collect();
    obs.push(r#"{"indicator": "share", "unit": "VN", "period": "2025", "published": "2025-12-31", "value": "50"}"#.to_owned());
    let o = format!(
        r#"{{"format": "policy-targets/observations@1", "observations": [{}]}}"#,
        obs.join(",")
    );
    let (catalogue, observations, _) = load_with_units(c, &o, None).unwrap();
    let evaluator = Evaluator::new(catalogue);
    let evaluation = evaluator
        .evaluate(&observations, parse_date("2026-01-01").unwrap())
        .unwrap();
    let r = evaluation.get("t").unwrap();
    assert_eq!(
        r.explanation(),
        "Figures of “share” for VN come from several series ((unnamed), “s0”, “s10”, “s11”, “s12”, “s1”, “s2”, “s3”, “s4”, “s5” and 4 more) and neither the target nor the indicator names one; figures from different publishers are not mixed."
    );
    assert!(r.explanation_in(Lang::Vi).contains("“s5” và 4 chuỗi khác)"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4))]

    /// A catalogue large enough to be evaluated across threads (with the
    /// `rayon` feature) gives every target what it gets alone, in order.
    #[test]
    fn a_large_evaluation_gives_every_target_what_it_gets_alone(
        targets in 4096usize..5000,
        seed in 0u32..1000,
    ) {
        let mut t = Vec::with_capacity(targets);
        for i in 0..targets {
            let k = (i as u32).wrapping_mul(2_654_435_761).wrapping_add(seed);
            t.push(format!(
                r#"{{"id": "t{i}", "indicator": "i{}", "unit": "U{}", "rule": {{"at_least": "{}"}}, "deadline": "{}"}}"#,
                k % 3, k % 50, 40 + k % 40, 2025 + k % 3
            ));
        }
        let mut obs = Vec::new();
        for ind in 0..3 {
            for unit in 0..50 {
                for (n, year) in (2021..2026).enumerate() {
                    let v = 30 + (ind * 7 + unit * 3 + n * (unit % 5)) % 60;
                    obs.push(format!(r#"{{"indicator": "i{ind}", "unit": "U{unit}", "period": "{year}", "published": "{year}-12-31", "value": "{v}"}}"#));
                }
            }
        }
        let c = format!(
            r#"{{"format": "policy-targets/catalogue@1", "indicators": [{{"id": "i0", "kind": "percent"}}, {{"id": "i1", "kind": "percent"}}, {{"id": "i2", "kind": "percent"}}], "targets": [{}]}}"#,
            t.join(",")
        );
        let o = format!(r#"{{"format": "policy-targets/observations@1", "observations": [{}]}}"#, obs.join(","));
        let (catalogue, observations, _) = load_with_units(&c, &o, None).unwrap();
        let evaluator = Evaluator::new(catalogue);
        same_alone(&evaluator, &observations, "2025-06-30");
        same_alone(&evaluator, &observations, "2026-06-30");
    }
}

/// A roll-up over more units than the writer keeps entries of (16,384), and
/// several blocks beyond them, from more figures than the loader sorts on
/// one thread (65,536), listed out of order: the `per_unit` lists are
/// written as serde_json writes the records, and a pooled target's units,
/// judged when asked for, are in order and judged as an `each` target's
/// units on the same figures are, each on its own figure. With `rayon`, in
/// a pool of four threads (so that the blocks are done beside each other
/// whatever the machine) and in a pool of one (where nothing is): the
/// stores and the documents are the same, byte for byte.
#[test]
fn a_roll_up_of_many_units_is_judged_and_written_as_in_one_pass() {
    #[cfg(feature = "rayon")]
    {
        let on = |threads: usize| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(many_units_judged_and_written)
        };
        let (apart, together) = (on(4), on(1));
        assert!(apart == together, "the store or the document differs");
    }
    #[cfg(not(feature = "rayon"))]
    many_units_judged_and_written();
}

/// The store and the results document of the evaluation of
/// [`a_roll_up_of_many_units_is_judged_and_written_as_in_one_pass`].
fn many_units_judged_and_written() -> (String, String) {
    const COMMUNES: usize = 40_000;
    let mut units = String::from(r#"{"id": "VN", "level": "national"}"#);
    let mut obs = Vec::new();
    // The communes' figures last to first, so that the loader sorts them.
    for c in (0..COMMUNES).rev() {
        write!(
            units,
            r#",{{"id": "C{c}", "level": "commune", "parent": "VN"}}"#
        )
        .unwrap();
        // Figures that meet, miss, bound, come late or are missing, in a
        // pattern no block boundary lines up with.
        let reading = match c % 7 {
            0 => continue,
            1 => format!(r#""numerator": {}, "denominator": 100"#, 40 + c % 41),
            2 => format!(r#""value": "{}.5""#, 50 + c % 20),
            3 => r#""value": "60", "qualifier": "more_than""#.to_owned(),
            4 => format!(r#""value": "{}", "published": "2026-03-01""#, c % 90),
            _ => format!(r#""value": "{}""#, 55 + c % 11),
        };
        for (period, published) in [
            ("2025", "2025-12-31"),
            ("2023", "2023-12-31"),
            ("2024", "2024-12-31"),
        ] {
            let published = if reading.contains("published") {
                String::new()
            } else {
                format!(r#", "published": "{published}""#)
            };
            obs.push(format!(r#"{{"indicator": "share", "unit": "C{c}", "period": "{period}"{published}, {reading}}}"#));
        }
    }
    assert!(obs.len() > 65_536);
    let c = r#"{"format": "policy-targets/catalogue@1", "indicators": [{"id": "share", "kind": "percent"}], "targets": [
        {"id": "each", "indicator": "share", "unit": "VN", "rule": {"at_least": "60"}, "deadline": "2025", "applies_to": {"level": "commune", "mode": "each"}},
        {"id": "pooled", "indicator": "share", "unit": "VN", "rule": {"at_least": "60"}, "deadline": "2025", "applies_to": {"level": "commune", "mode": "pooled"}},
        {"id": "each again", "indicator": "share", "unit": "VN", "rule": {"at_least": "60"}, "deadline": "2025", "applies_to": {"level": "commune", "mode": "each"}}]}"#;
    let o = format!(
        r#"{{"format": "policy-targets/observations@1", "observations": [{}]}}"#,
        obs.join(",")
    );
    let u = format!(r#"{{"format": "policy-targets/units@1", "units": [{units}]}}"#);
    let (catalogue, observations, units) = load_with_units(c, &o, Some(&u)).unwrap();
    let evaluator = Evaluator::new(catalogue).with_units(units.unwrap());
    let evaluation = evaluator
        .evaluate(&observations, parse_date("2026-01-01").unwrap())
        .unwrap();
    let [each, pooled, again] = evaluation.results() else {
        panic!("three results");
    };
    let (each, pooled, again) = (
        each.roll_up().unwrap().units(),
        pooled.roll_up().unwrap().units(),
        again.roll_up().unwrap().units(),
    );
    // The second `each` target takes the first one's decisions, kept.
    assert!(
        again
            .iter()
            .zip(each)
            .all(|(a, e)| a.unit().id() == e.unit().id()
                && a.status() == e.status()
                && a.evidence() == e.evidence())
    );
    assert_eq!(again.len(), each.len());
    assert_eq!(each.len(), COMMUNES);
    assert_eq!(pooled.len(), COMMUNES);
    let mut statuses = std::collections::BTreeSet::new();
    for (k, (e, p)) in each.iter().zip(pooled).enumerate() {
        // The units in the order of the units document.
        let c = COMMUNES - 1 - k;
        assert_eq!(p.unit().id(), format!("C{c}"));
        assert_eq!(e.unit().id(), p.unit().id());
        assert_eq!(e.status(), p.status(), "C{c}");
        assert_eq!(e.evidence(), p.evidence(), "C{c}");
        // Each unit's own latest figure, or none where it has none by the
        // as-of date.
        match p.evidence() {
            Some(figure) => {
                assert_eq!(figure.unit(), p.unit().id());
                assert_eq!(figure.period().to_string(), "2025");
            }
            None => assert!(matches!(c % 7, 0 | 4), "C{c}"),
        }
        statuses.insert(p.status());
    }
    assert!(statuses.len() >= 3, "{statuses:?}");
    let mut streamed = Vec::new();
    evaluation.write_json_in(Lang::En, &mut streamed).unwrap();
    let streamed = String::from_utf8(streamed).unwrap();
    assert_eq!(streamed.matches(r#""unit": "C"#).count(), 3 * COMMUNES);
    assert_eq!(streamed, evaluation.to_json());
    // In pieces cut before, at and past the entries kept (16,384) and in
    // the middle of a block written apart: the same bytes, put end to end.
    for items in [5_000, 16_384, 16_385, 30_001] {
        let mut joined = Vec::new();
        let pieces = evaluation.json_pieces_in(Lang::En, NonZeroUsize::new(items).unwrap());
        assert_eq!(pieces.len(), (3 * (COMMUNES + 1)).div_ceil(items));
        for piece in pieces {
            piece.write_to(&mut joined).unwrap();
        }
        assert!(joined == streamed.as_bytes(), "in pieces of {items}");
    }
    #[cfg(feature = "serde")]
    assert_eq!(
        streamed,
        serde_json::to_string_pretty(&evaluation.to_document()).unwrap()
    );
    (observations.to_json(), streamed)
}
