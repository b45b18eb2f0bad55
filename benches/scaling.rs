//! Scaling: each shape of input that once found a superlinear path, at n and
//! 10n. A linear path takes about ten times as long at 10n; a quadratic one,
//! a hundred.
//!
//! ```text
//! cargo bench --bench scaling
//! SCALING_WRITE=DIR cargo bench --bench scaling   # writes each shape's files, no benchmark
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
use policy_targets::{Catalogue, IndicatorDef, Percent, Period, TargetDef, Threshold, Units, load};

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
];

fn write_shapes(dir: &std::path::Path) {
    let size = std::env::var("SCALING_SIZE")
        .ok()
        .map(|s| s.parse::<usize>().unwrap());
    for (name, shape, n) in SHAPES {
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
