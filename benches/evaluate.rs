//! Benchmarks on a synthetic national workload: 3,321 communes × 20
//! indicators, 12 monthly observations each (66,420 targets, 797,040
//! observations).
//!
//! ```text
//! cargo bench --bench evaluate
//! ```

#![allow(
    clippy::unwrap_used,
    clippy::arithmetic_side_effects,
    reason = "bench code on its own synthetic data; the library's no-panic lints are for library code"
)]

use std::fmt::Write as _;
use std::sync::LazyLock;

use divan::{AllocProfiler, Bencher, black_box};
use policy_targets::{
    Catalogue, Evaluator, Observations, Unit, UnitLevel, Units, load, parse_date, vn,
};

#[global_allocator]
static ALLOC: AllocProfiler = AllocProfiler::system();

fn main() {
    divan::main();
}

const COMMUNES: usize = 3_321;
const INDICATORS: usize = 20;
const MONTHS: usize = 12;

/// The kind of indicator `i`: mostly shares, some given as counts of dossiers.
fn kind(i: usize) -> &'static str {
    match i % 5 {
        0 | 1 => "percent",
        2 => "score",
        3 => "growth_rate",
        _ => "count",
    }
}

/// The catalogue: 20 monthly indicators, one target per commune and indicator.
fn catalogue_json() -> String {
    let mut s = String::from(r#"{"format": "policy-targets/catalogue@1", "indicators": ["#);
    for i in 0..INDICATORS {
        if i > 0 {
            s.push(',');
        }
        write!(s, r#"{{"id": "ind_{i:02}", "kind": "{}", "cadence": "monthly", "publication_lag_days": 30}}"#, kind(i)).unwrap();
    }
    s.push_str(r#"], "targets": ["#);
    for c in 0..COMMUNES {
        for i in 0..INDICATORS {
            if c + i > 0 {
                s.push(',');
            }
            let rule = match kind(i) {
                "percent" => r#"{"at_least": "60"}"#,
                "score" => r#"{"at_least": "0.75"}"#,
                "growth_rate" => r#"{"more_than": "7"}"#,
                _ => r#"{"at_least": "1200"}"#,
            };
            write!(
                s,
                r#"{{"id": "c{c:04}_ind_{i:02}", "indicator": "ind_{i:02}", "unit": "VN-C{c:04}", "rule": {rule}, "deadline": "2025-12"}}"#
            )
            .unwrap();
        }
    }
    s.push_str("]}");
    s
}

/// Twelve monthly figures for 2025 for every commune and indicator,
/// published ten days after each month; shares of dossiers as counts.
fn observations_json(communes: usize) -> String {
    let mut s = String::with_capacity(communes * INDICATORS * MONTHS * 140);
    s.push_str(r#"{"format": "policy-targets/observations@1", "observations": ["#);
    let mut first = true;
    for c in 0..communes {
        for i in 0..INDICATORS {
            for m in 1..=MONTHS {
                if !first {
                    s.push(',');
                }
                first = false;
                let (pm, py) = if m == 12 { (1, 2026) } else { (m + 1, 2025) };
                let base = (c * 7 + i * 13) % 40;
                let value = match (kind(i), i % 5) {
                    ("percent", 0) => format!(
                        r#""numerator": {}, "denominator": 1000"#,
                        300 + base * 10 + m * 25
                    ),
                    ("percent", _) => format!(r#""value": "{}.{}""#, 30 + base + m * 2, m % 10),
                    ("score", _) => format!(r#""value": "0.{}""#, 500 + base * 5 + m * 10),
                    ("growth_rate", _) => format!(r#""value": "{}.{}""#, 3 + base % 6, m),
                    _ => format!(r#""value": {}"#, 500 + base * 10 + m * 40),
                };
                write!(
                    s,
                    r#"{{"indicator": "ind_{i:02}", "unit": "VN-C{c:04}", "period": "2025-{m:02}", "published": "{py}-{pm:02}-10", {value}}}"#
                )
                .unwrap();
            }
        }
    }
    s.push_str("]}");
    s
}

struct Workload {
    evaluator: Evaluator,
    observations: Observations,
}

static NATIONAL: LazyLock<Workload> = LazyLock::new(|| {
    let (catalogue, observations) = load(&catalogue_json(), &observations_json(COMMUNES)).unwrap();
    Workload {
        evaluator: Evaluator::new(catalogue),
        observations,
    }
});

/// Before the deadline: every target needs its latest figure and most a
/// least-squares projection.
#[divan::bench(sample_count = 20)]
fn evaluate_before_deadline(bencher: Bencher) {
    let w = &*NATIONAL;
    let as_of = parse_date("2025-10-15").unwrap();
    bencher.bench(|| {
        w.evaluator
            .evaluate(black_box(&w.observations), black_box(as_of))
            .unwrap()
            .results()
            .len()
    });
}

/// After the deadline: every target is closed by its December figure.
#[divan::bench(sample_count = 20)]
fn evaluate_after_deadline(bencher: Bencher) {
    let w = &*NATIONAL;
    let as_of = parse_date("2026-03-01").unwrap();
    bencher.bench(|| {
        w.evaluator
            .evaluate(black_box(&w.observations), black_box(as_of))
            .unwrap()
            .results()
            .len()
    });
}

/// Writing every explanation sentence (the results document costs more than
/// the decisions).
#[divan::bench(sample_count = 5)]
fn explain_all(bencher: Bencher) {
    let w = &*NATIONAL;
    let as_of = parse_date("2025-10-15").unwrap();
    let evaluation = w.evaluator.evaluate(&w.observations, as_of).unwrap();
    bencher.bench(|| {
        evaluation
            .results()
            .iter()
            .map(|r| r.explanation().len())
            .sum::<usize>()
    });
}

/// Loading observations from JSON: 332 communes' worth (79,680 observations).
#[divan::bench(sample_count = 10)]
fn load_observations_80k(bencher: Bencher) {
    let catalogue: &Catalogue = NATIONAL.evaluator.catalogue();
    let text = observations_json(COMMUNES / 10);
    bencher
        .counter(divan::counter::ItemsCount::new(
            COMMUNES / 10 * INDICATORS * MONTHS,
        ))
        .bench(|| {
            Observations::from_json(black_box(&text), catalogue)
                .unwrap()
                .len()
        });
}

/// The roll-up workload: the same 3,321 communes, now communes of the 34
/// provinces of 2025-07-01 (the built-in units), 20 percent indicators given
/// as counts of dossiers (12 monthly figures each, 797,040 observations), and
/// one target per indicator for each province and for the nation: 700
/// targets, each over its province's communes or all 3,321.
struct RollUpWorkload {
    pooled: Evaluator,
    each: Evaluator,
    observations: Observations,
}

fn rollup_units() -> (Units, Vec<String>) {
    let vn_units = vn::units();
    let day = parse_date("2025-07-01").unwrap();
    let provinces: Vec<String> = vn_units
        .on(day)
        .filter(|u| u.level() == UnitLevel::Province)
        .map(|u| u.id().to_owned())
        .collect();
    assert_eq!(provinces.len(), 34);
    let mut all: Vec<Unit> = vn_units.units().to_vec();
    for c in 0..COMMUNES {
        all.push(
            Unit::new(format!("VN-C{c:04}"), UnitLevel::Commune)
                .with_parent(provinces.get(c % provinces.len()).unwrap().clone())
                .with_from(day),
        );
    }
    (Units::new(all).unwrap(), provinces)
}

fn rollup_catalogue_json(provinces: &[String], mode: &str) -> String {
    let mut s = String::from(r#"{"format": "policy-targets/catalogue@1", "indicators": ["#);
    for i in 0..INDICATORS {
        if i > 0 {
            s.push(',');
        }
        write!(s, r#"{{"id": "ind_{i:02}", "kind": "percent", "cadence": "monthly", "publication_lag_days": 30}}"#).unwrap();
    }
    s.push_str(r#"], "targets": ["#);
    let mut first = true;
    for scope in std::iter::once("VN").chain(provinces.iter().map(String::as_str)) {
        for i in 0..INDICATORS {
            if !first {
                s.push(',');
            }
            first = false;
            write!(
                s,
                r#"{{"id": "{scope}_ind_{i:02}", "indicator": "ind_{i:02}", "unit": "{scope}", "rule": {{"at_least": "60"}}, "deadline": "2025-12", "applies_to": {{"level": "commune", "mode": "{mode}"}}}}"#
            )
            .unwrap();
        }
    }
    s.push_str("]}");
    s
}

/// Twelve monthly counts of dossiers for 2025 for every commune and indicator.
fn rollup_observations_json() -> String {
    let mut s = String::with_capacity(COMMUNES * INDICATORS * MONTHS * 150);
    s.push_str(r#"{"format": "policy-targets/observations@1", "observations": ["#);
    let mut first = true;
    for c in 0..COMMUNES {
        for i in 0..INDICATORS {
            for m in 1..=MONTHS {
                if !first {
                    s.push(',');
                }
                first = false;
                let (pm, py) = if m == 12 { (1, 2026) } else { (m + 1, 2025) };
                let base = (c * 7 + i * 13) % 40;
                let denominator = 500 + (c * 31 + i * 17 + m * 7) % 1500;
                let numerator = denominator * (30 + base + m * 2) / 100;
                write!(
                    s,
                    r#"{{"indicator": "ind_{i:02}", "unit": "VN-C{c:04}", "period": "2025-{m:02}", "published": "{py}-{pm:02}-10", "numerator": {numerator}, "denominator": {denominator}}}"#
                )
                .unwrap();
            }
        }
    }
    s.push_str("]}");
    s
}

static ROLLUP: LazyLock<RollUpWorkload> = LazyLock::new(|| {
    let (units, provinces) = rollup_units();
    let (pooled, observations) = load(
        &rollup_catalogue_json(&provinces, "pooled"),
        &rollup_observations_json(),
    )
    .unwrap();
    let each = Catalogue::from_json(&rollup_catalogue_json(&provinces, "each")).unwrap();
    assert_eq!(pooled.targets().len(), 35 * INDICATORS);
    RollUpWorkload {
        pooled: Evaluator::new(pooled).with_units(units.clone()),
        each: Evaluator::new(each).with_units(units),
        observations,
    }
});

fn rollup(bencher: Bencher, evaluator: &Evaluator, as_of: &str) {
    let w = &*ROLLUP;
    let as_of = parse_date(as_of).unwrap();
    bencher.bench(|| {
        evaluator
            .evaluate(black_box(&w.observations), black_box(as_of))
            .unwrap()
            .results()
            .len()
    });
}

/// The roll-up: 3,321 communes × 20 indicators pooled into the 34 provinces
/// and the nation, after the deadline (closed by the December sums).
#[divan::bench(sample_count = 20)]
fn rollup_pooled_after_deadline(bencher: Bencher) {
    rollup(bencher, &ROLLUP.pooled, "2026-03-01");
}

/// The same before the deadline: each pooled series is projected.
#[divan::bench(sample_count = 20)]
fn rollup_pooled_before_deadline(bencher: Bencher) {
    rollup(bencher, &ROLLUP.pooled, "2025-10-15");
}

/// The pooled roll-up with every unit's own status asked for as well (what
/// the results document writes).
#[divan::bench(sample_count = 10)]
fn rollup_pooled_with_unit_statuses(bencher: Bencher) {
    let w = &*ROLLUP;
    let as_of = parse_date("2026-03-01").unwrap();
    bencher.bench(|| {
        let evaluation = w
            .pooled
            .evaluate(black_box(&w.observations), black_box(as_of))
            .unwrap();
        evaluation
            .results()
            .iter()
            .filter_map(|r| r.roll_up())
            .map(|r| r.units_meeting())
            .sum::<usize>()
    });
}

/// `each` over the same units: every commune's own status decides (each
/// commune judged once per indicator, shared by its province's target and
/// the nation's).
#[divan::bench(sample_count = 20)]
fn rollup_each_after_deadline(bencher: Bencher) {
    rollup(bencher, &ROLLUP.each, "2026-03-01");
}
