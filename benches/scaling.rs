//! Scaling: each shape of input that once found a superlinear path, at n and
//! 10n. A linear path takes about ten times as long at 10n; a quadratic one,
//! a hundred.
//!
//! ```text
//! cargo bench --bench scaling
//! SCALING_WRITE=DIR cargo bench --bench scaling   # writes each shape's files, no benchmark
//! SCALING_WRITE=DIR SCALING_ONLY=SHAPE SCALING_SIZE=N cargo bench --bench scaling   # one shape at size N
//! ```
//!
//! With `SCALING_WRITE`, each shape is written at the size in the README's
//! table (or at `SCALING_SIZE`, when set) as
//! `DIR/SHAPE/{catalogue,observations,units}.json`, to be run through the
//! evaluate example:
//!
//! ```text
//! /usr/bin/time -v target/release/examples/evaluate --catalogue DIR/SHAPE/catalogue.json \
//!   --observations DIR/SHAPE/observations.json [--units DIR/SHAPE/units.json] --as-of 2026-01-01
//! ```
//!
//! To add a shape: a function that builds its [`Shape`] at size `n`, a line
//! in [`SHAPES`], and a `#[divan::bench]` that runs it at `N` and `10 * N`.

#![allow(
    clippy::unwrap_used,
    clippy::arithmetic_side_effects,
    clippy::print_stdout,
    reason = "bench code on its own synthetic data; the library's no-panic lints are for library code"
)]

use std::fmt::Write as _;

use divan::{Bencher, black_box};
use policy_targets::{
    Catalogue, IndicatorDef, Observations, Percent, Period, TargetDef, Threshold, Units, load,
};

/// The smaller size of every shape; each is also run at ten times this.
const N: usize = 10_000;

fn main() {
    match std::env::var_os("SCALING_WRITE") {
        Some(dir) => write_shapes(std::path::Path::new(&dir)),
        None => divan::main(),
    }
}

/// The documents of one shape; `units` only where the shape is about units.
struct Shape {
    catalogue: String,
    observations: String,
    units: Option<String>,
}

/// A function that builds a shape at a size.
type Build = fn(usize) -> Shape;

/// Every shape, by name, with the size its README line gives.
const SHAPES: &[(&str, Build, usize)] = &[
    (
        "faulty_indicators_unknown_observations",
        faulty_indicators_unknown_observations,
        100_000,
    ),
    (
        "bad_out_of_targets_on_missing_indicators",
        bad_out_of_targets_on_missing_indicators,
        100_000,
    ),
    ("successor_chain", successor_chain, 100_000),
    (
        "successor_chain_into_cycle",
        successor_chain_into_cycle,
        100_000,
    ),
    ("ambiguous_series", ambiguous_series, 100_000),
    (
        "ambiguous_commune_series",
        ambiguous_commune_series,
        100_000,
    ),
    ("targets_on_one_series", targets_on_one_series, 30_000),
    ("pooled_distinct_deadlines", pooled_distinct_deadlines, 500),
    ("each_distinct_rules", each_distinct_rules, 3_000),
    (
        "targets_on_one_indicator",
        targets_on_one_indicator,
        1_000_000,
    ),
    (
        "units_three_observations",
        units_three_observations,
        1_000_000,
    ),
];

/// The as-of date every shape is evaluated at (the README's command line).
const AS_OF: &str = "2026-01-01";

fn write_shapes(dir: &std::path::Path) {
    let size = std::env::var("SCALING_SIZE")
        .ok()
        .map(|s| s.parse::<usize>().unwrap());
    let only = std::env::var("SCALING_ONLY").ok();
    for (name, shape, n) in SHAPES {
        if only.as_deref().is_some_and(|o| o != *name) {
            continue;
        }
        let n = size.unwrap_or(*n);
        let s = shape(n);
        let at = dir.join(name);
        std::fs::create_dir_all(&at).unwrap();
        std::fs::write(at.join("catalogue.json"), &s.catalogue).unwrap();
        std::fs::write(at.join("observations.json"), &s.observations).unwrap();
        if let Some(units) = &s.units {
            std::fs::write(at.join("units.json"), units).unwrap();
        }
        println!("{} (n = {n})", at.display());
    }
}

/// `items` joined by commas inside `[…]`.
fn array(n: usize, item: impl Fn(&mut String, usize)) -> String {
    let mut s = String::from("[");
    for i in 0..n {
        if i > 0 {
            s.push(',');
        }
        item(&mut s, i);
    }
    s.push(']');
    s
}

fn catalogue(indicators: &str, targets: &str) -> String {
    format!(
        r#"{{"format": "policy-targets/catalogue@1", "indicators": {indicators}, "targets": {targets}}}"#
    )
}

fn observations(list: &str) -> String {
    format!(r#"{{"format": "policy-targets/observations@1", "observations": {list}}}"#)
}

/// `n` indicators of an unknown kind (faulty) and `n` observations of
/// indicators the catalogue does not have: each observation asks whether
/// its indicator is among the faulty ones.
fn faulty_indicators_unknown_observations(n: usize) -> Shape {
    let indicators = array(n, |s, i| {
        write!(s, r#"{{"id": "faulty_{i}", "kind": "nope"}}"#).unwrap();
    });
    let obs = array(n, |s, i| {
        write!(s, r#"{{"indicator": "unknown_{i}", "unit": "VN", "period": "2025", "published": "2025-12-31", "value": "1"}}"#).unwrap();
    });
    Shape {
        catalogue: catalogue(&indicators, "[]"),
        observations: observations(&obs),
        units: None,
    }
}

/// `n` rank indicators with a bad `out_of` (faulty, of known kind) and `n`
/// targets on indicators the catalogue does not have.
fn bad_out_of_targets_on_missing_indicators(n: usize) -> Shape {
    let indicators = array(n, |s, i| {
        write!(s, r#"{{"id": "rank_{i}", "kind": "rank", "out_of": 0}}"#).unwrap();
    });
    let targets = array(n, |s, i| {
        write!(s, r#"{{"id": "t{i}", "indicator": "missing_{i}", "unit": "VN", "rule": {{"within_top": 10}}, "deadline": "2025"}}"#).unwrap();
    });
    Shape {
        catalogue: catalogue(&indicators, &targets),
        observations: observations("[]"),
        units: None,
    }
}

/// A units document of `n` provinces, each merged into the next; `cycle`
/// makes the last one's successor the unit `cycle` places before it.
fn units_chain(n: usize, cycle: Option<usize>) -> String {
    let list = array(n, |s, i| {
        write!(s, r#"{{"id": "P{i}", "level": "province""#).unwrap();
        match (i + 1 < n, cycle) {
            (true, _) => write!(s, r#", "until": "2025-06-30", "successor": "P{}"}}"#, i + 1),
            (false, Some(back)) => write!(
                s,
                r#", "until": "2025-06-30", "successor": "P{}"}}"#,
                i.saturating_sub(back)
            ),
            (false, None) => write!(s, "}}"),
        }
        .unwrap();
    });
    format!(r#"{{"format": "policy-targets/units@1", "units": {list}}}"#)
}

/// `n` units, each the successor of the one before.
fn successor_chain(n: usize) -> Shape {
    Shape {
        catalogue: catalogue("[]", "[]"),
        observations: observations("[]"),
        units: Some(units_chain(n, None)),
    }
}

/// `n` units chained by successors, the last ten forming a cycle.
fn successor_chain_into_cycle(n: usize) -> Shape {
    Shape {
        catalogue: catalogue("[]", "[]"),
        observations: observations("[]"),
        units: Some(units_chain(n, Some(9))),
    }
}

/// A percent indicator, `share`.
const SHARE: &str = r#"[{"id": "share", "kind": "percent"}]"#;

/// A units document: the nation and `n` communes in it.
fn communes(n: usize) -> String {
    let list = array(n, |s, i| {
        write!(s, r#"{{"id": "C{i}", "level": "commune", "parent": "VN"}}"#).unwrap();
    });
    format!(
        r#"{{"format": "policy-targets/units@1", "units": [{{"id": "VN", "level": "national"}},{}"#,
        &list[1..]
    ) + "}"
}

/// One target on `share` for Viet Nam and `n` figures of it for 2025, each
/// from its own series: the target is `ambiguous`, and its explanation
/// names the series.
fn ambiguous_series(n: usize) -> Shape {
    let targets = r#"[{"id": "t", "indicator": "share", "unit": "VN", "rule": {"at_least": "60"}, "deadline": "2027"}]"#;
    let obs = array(n, |s, i| {
        write!(s, r#"{{"indicator": "share", "unit": "VN", "series": "s{i}", "period": "2025", "published": "2025-12-31", "value": "50"}}"#).unwrap();
    });
    Shape {
        catalogue: catalogue(SHARE, targets),
        observations: observations(&obs),
        units: None,
    }
}

/// The same `n` series, all of one commune, under an `each` target for
/// Viet Nam: the roll-up is `ambiguous` (its units' series are gathered
/// once each, not searched for among those already seen).
fn ambiguous_commune_series(n: usize) -> Shape {
    let targets = r#"[{"id": "t", "indicator": "share", "unit": "VN", "rule": {"at_least": "60"}, "deadline": "2027", "applies_to": {"level": "commune", "mode": "each"}}]"#;
    let obs = array(n, |s, i| {
        write!(s, r#"{{"indicator": "share", "unit": "C0", "series": "s{i}", "period": "2025", "published": "2025-12-31", "value": "50"}}"#).unwrap();
    });
    Shape {
        catalogue: catalogue(SHARE, targets),
        observations: observations(&obs),
        units: Some(communes(1)),
    }
}

/// The day `back` days before 2025-12-31, as a period.
fn day_before(back: usize) -> String {
    let day = policy_targets::parse_date("2025-12-31").unwrap()
        - time::Duration::days(i64::try_from(back).unwrap());
    day.to_string()
}

/// `n` targets with distinct rules on one series of `n` daily figures
/// (rising), before the deadline: every target projects the same series.
fn targets_on_one_series(n: usize) -> Shape {
    let indicators = r#"[{"id": "level", "kind": "score"}]"#;
    let targets = array(n, |s, i| {
        write!(s, r#"{{"id": "t{i}", "indicator": "level", "unit": "VN", "rule": {{"at_least": "{}"}}, "deadline": "2030"}}"#, n + 10 * i).unwrap();
    });
    let obs = array(n, |s, i| {
        write!(s, r#"{{"indicator": "level", "unit": "VN", "period": "{}", "published": "2025-12-31", "value": "{i}"}}"#, day_before(n - 1 - i)).unwrap();
    });
    Shape {
        catalogue: catalogue(indicators, &targets),
        observations: observations(&obs),
        units: None,
    }
}

/// `n` counted percent indicators, `n` communes with three yearly figures
/// of each, and one pooled target per indicator, each with its own deadline
/// day.
fn pooled_distinct_deadlines(n: usize) -> Shape {
    let indicators = array(n, |s, k| {
        write!(s, r#"{{"id": "i{k}", "kind": "percent"}}"#).unwrap();
    });
    let targets = array(n, |s, k| {
        let deadline = policy_targets::parse_date("2027-01-01").unwrap()
            + time::Duration::days(i64::try_from(k).unwrap());
        write!(s, r#"{{"id": "t{k}", "indicator": "i{k}", "unit": "VN", "rule": {{"at_least": "60"}}, "deadline": "{deadline}", "applies_to": {{"level": "commune", "mode": "pooled"}}}}"#).unwrap();
    });
    let obs = array(3 * n * n, |s, x| {
        let (year, rest) = (2023 + x / (n * n), x % (n * n));
        let (k, c) = (rest / n, rest % n);
        write!(s, r#"{{"indicator": "i{k}", "unit": "C{c}", "period": "{year}", "published": "{year}-12-31", "numerator": {}, "denominator": 100}}"#, 40 + (year - 2023) * 5 + c % 7).unwrap();
    });
    Shape {
        catalogue: catalogue(&indicators, &targets),
        observations: observations(&obs),
        units: Some(communes(n)),
    }
}

/// Three yearly figures of `share` for each of `n` communes.
fn commune_figures(n: usize) -> String {
    let obs = array(3 * n, |s, x| {
        let (year, c) = (2023 + x / n, x % n);
        write!(s, r#"{{"indicator": "share", "unit": "C{c}", "period": "{year}", "published": "{year}-12-31", "numerator": {}, "denominator": 100}}"#, 40 + (year - 2023) * 5 + c % 50).unwrap();
    });
    observations(&obs)
}

/// `n` `each` targets with distinct rules over the same `n` communes.
fn each_distinct_rules(n: usize) -> Shape {
    let targets = array(n, |s, i| {
        write!(s, r#"{{"id": "t{i}", "indicator": "share", "unit": "VN", "rule": {{"at_least": "{}.{i:07}"}}, "deadline": "2027", "applies_to": {{"level": "commune", "mode": "each"}}}}"#, 30 + i % 60).unwrap();
    });
    Shape {
        catalogue: catalogue(SHARE, &targets),
        observations: commune_figures(n),
        units: Some(communes(n)),
    }
}

/// `n` targets with distinct rules on `share` for Viet Nam, which has three
/// yearly figures.
fn targets_on_one_indicator(n: usize) -> Shape {
    let targets = array(n, |s, i| {
        write!(s, r#"{{"id": "t{i}", "indicator": "share", "unit": "VN", "rule": {{"at_least": "{}.{i:07}"}}, "deadline": "2027"}}"#, 30 + i % 60).unwrap();
    });
    let obs = array(3, |s, x| {
        write!(s, r#"{{"indicator": "share", "unit": "VN", "period": "{}", "published": "{}-12-31", "value": "{}"}}"#, 2023 + x, 2023 + x, 50 + x).unwrap();
    });
    Shape {
        catalogue: catalogue(SHARE, &targets),
        observations: observations(&obs),
        units: None,
    }
}

/// `n` communes with three yearly figures each, a pooled and an `each`
/// target over them.
fn units_three_observations(n: usize) -> Shape {
    let targets = r#"[{"id": "pooled", "indicator": "share", "unit": "VN", "rule": {"at_least": "60"}, "deadline": "2027", "applies_to": {"level": "commune", "mode": "pooled"}}, {"id": "each", "indicator": "share", "unit": "VN", "rule": {"at_least": "60"}, "deadline": "2027", "applies_to": {"level": "commune", "mode": "each"}}]"#;
    Shape {
        catalogue: catalogue(SHARE, targets),
        observations: commune_figures(n),
        units: Some(communes(n)),
    }
}

/// Loads a shape's documents, evaluates them at [`AS_OF`] and writes the
/// results document, as the evaluate example does.
fn evaluate_shape(bencher: Bencher, shape: Build, n: usize) {
    let s = shape(n);
    let as_of = policy_targets::parse_date(AS_OF).unwrap();
    bencher.bench(|| {
        let (c, o, u) = policy_targets::format::load_with_units(
            black_box(&s.catalogue),
            black_box(&s.observations),
            s.units.as_deref(),
        )
        .unwrap();
        let evaluator = match u {
            Some(u) => policy_targets::Evaluator::new(c).with_units(u),
            None => policy_targets::Evaluator::new(c),
        };
        let evaluation = evaluator.evaluate(&o, as_of).unwrap();
        black_box(evaluation.to_json().len())
    });
}

#[divan::bench(args = [N, 10 * N], sample_count = 3)]
fn series_of_one_indicator_ambiguous(bencher: Bencher, n: usize) {
    evaluate_shape(bencher, ambiguous_series, n);
}

#[divan::bench(args = [N, 10 * N], sample_count = 3)]
fn series_of_one_commune_ambiguous(bencher: Bencher, n: usize) {
    evaluate_shape(bencher, ambiguous_commune_series, n);
}

#[divan::bench(args = [3_000, 30_000], sample_count = 3)]
fn targets_projecting_one_series(bencher: Bencher, n: usize) {
    evaluate_shape(bencher, targets_on_one_series, n);
}

/// n indicators × n communes: the input grows as n², so n and 3.16n.
#[divan::bench(args = [100, 316], sample_count = 3)]
fn pooled_on_indicators_with_distinct_deadlines(bencher: Bencher, n: usize) {
    evaluate_shape(bencher, pooled_distinct_deadlines, n);
}

/// n targets × n communes: the work grows as n², so n and 3.16n.
#[divan::bench(args = [300, 948], sample_count = 3)]
fn each_with_distinct_rules(bencher: Bencher, n: usize) {
    evaluate_shape(bencher, each_distinct_rules, n);
}

#[divan::bench(args = [10 * N, 100 * N], sample_count = 3)]
fn targets_on_one_indicator_with_distinct_rules(bencher: Bencher, n: usize) {
    evaluate_shape(bencher, targets_on_one_indicator, n);
}

#[divan::bench(args = [10 * N, 100 * N], sample_count = 3)]
fn units_with_three_observations(bencher: Bencher, n: usize) {
    evaluate_shape(bencher, units_three_observations, n);
}

/// Loads a shape's documents; every shape here is faulty input.
fn load_shape(bencher: Bencher, shape: Build, n: usize) {
    let s = shape(n);
    bencher.bench(|| {
        let loaded = load(black_box(&s.catalogue), black_box(&s.observations));
        let units = s.units.as_deref().map(Units::from_json);
        black_box((loaded.is_err(), units.map(|u| u.is_err())))
    });
}

#[divan::bench(args = [N, 10 * N], sample_count = 5)]
fn faulty_indicators_and_unknown_observations(bencher: Bencher, n: usize) {
    load_shape(bencher, faulty_indicators_unknown_observations, n);
}

#[divan::bench(args = [N, 10 * N], sample_count = 5)]
fn bad_out_of_and_targets_on_missing_indicators(bencher: Bencher, n: usize) {
    load_shape(bencher, bad_out_of_targets_on_missing_indicators, n);
}

#[divan::bench(args = [N, 10 * N], sample_count = 5)]
fn units_successor_chain(bencher: Bencher, n: usize) {
    load_shape(bencher, successor_chain, n);
}

#[divan::bench(args = [N, 10 * N], sample_count = 5)]
fn units_successor_chain_into_cycle(bencher: Bencher, n: usize) {
    load_shape(bencher, successor_chain_into_cycle, n);
}

/// A bundle of documents: `n` communes' figures, then `n / 10` documents
/// cut short, each naming a new commune first. Each is read, found bad and
/// undone (twice: by the fast reader, then the general one), which must
/// cost in proportion to what it added, not to all the texts read before.
#[divan::bench(args = [N, 10 * N], sample_count = 5)]
fn bundle_of_bad_documents(bencher: Bencher, n: usize) {
    let catalogue = Catalogue::from_json(&catalogue(SHARE, "[]")).unwrap();
    let mut documents = vec![commune_figures(n)];
    documents.extend((0..n / 10).map(|i| {
        format!(
            r#"{{"format": "policy-targets/observations@1", "observations": [{{"indicator": "share", "unit": "new{i}", "period": "2025", "published": "2025-12-31", "value": "1"}}"#
        )
    }));
    bencher.bench(|| {
        let read =
            Observations::from_json_documents(documents.iter().map(String::as_str), &catalogue);
        black_box(read.is_err())
    });
}

/// `n` targets added one by one with the typed builder (the national
/// workload has 66,420).
#[divan::bench(args = [6_642, 66_420], sample_count = 5)]
fn builder_targets(bencher: Bencher, n: usize) {
    bencher.bench(|| {
        let mut b = Catalogue::builder();
        let share = b.indicator(IndicatorDef::<Percent>::new("share")).unwrap();
        let at_least: Percent = "60".parse().unwrap();
        let deadline = Period::year(2025).unwrap();
        for i in 0..n {
            b.target(TargetDef::new(
                format!("t{i}"),
                &share,
                "VN",
                Threshold::at_least(at_least),
                deadline,
            ))
            .unwrap();
        }
        black_box(b.build().unwrap())
    });
}
