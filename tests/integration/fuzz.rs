//! A mutation fuzzer on stable Rust: no input may panic the loaders or the
//! engine. It mutates valid documents (the case files, the built-in
//! catalogue) byte by byte and token by token, splices them, and plants
//! extreme values, then feeds each result to every reader and, when it
//! loads, to the evaluator at the ends of the calendar.
//!
//! The default run is short (CI). A longer one:
//!
//! ```text
//! POLICY_TARGETS_FUZZ_ITERS=2000000 cargo test --release --test integration fuzz -- --nocapture
//! ```
//!
//! `POLICY_TARGETS_FUZZ_SEED` picks another deterministic sequence. An input
//! that panics is written to `target/fuzz-crash-<seed>-<n>.json` and the test
//! fails; keep it as a regression test in `tests/fixtures/`.

use std::panic::{AssertUnwindSafe, catch_unwind};

use policy_targets::{
    Case, Catalogue, Evaluator, Observations, ResultsDocument, load, parse_date, vn,
};

/// xorshift64*: small, deterministic, good enough to drive mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Tokens worth planting: structure, extremes of every kind of value, and
/// the format's own words.
const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ":",
    ",",
    "\"",
    "\\",
    "\\u0000",
    "\\ud800",
    "null",
    "true",
    "false",
    "-",
    "0",
    "-0",
    "1e3",
    "1E-7",
    "79228162514264337593543950335",
    "-79228162514264337593543950335",
    "79228162514264337593543950336",
    "0.0000000000000000000000000001",
    "0.00000000000000000000000000001",
    "18446744073709551615",
    "18446744073709551616",
    "9223372036854775807",
    "4294967295",
    "4294967296",
    "\"9999-Q4\"",
    "\"9999-12-31\"",
    "\"0001-01-01\"",
    "\"0000-01-01\"",
    "\"2024-02-29\"",
    "\"2023-02-29\"",
    "\"2025-H3\"",
    "\"0001/9999\"",
    "\"0001-01-01/9999-12-31\"",
    "\"format\"",
    "\"policy-targets/catalogue@1\"",
    "\"policy-targets/observations@1\"",
    "\"policy-targets/results@1\"",
    "\"value\"",
    "\"numerator\"",
    "\"denominator\"",
    "\"within_top\"",
    "\"at_least\"",
    "\"more_than\"",
    "\"rank\"",
    "\"percent\"",
    "\"score\"",
    "\"count\"",
    "\"growth_rate\"",
    "\"biennial\"",
    "\"irregular\"",
    "\"series\"",
    "\"judged_on\"",
    "\"discontinued\"",
    "\"out_of\"",
    "\"min\"",
    "\"max\"",
    "\"publication_lag_days\"",
    "36600",
    "4000000000",
];

fn mutate(rng: &mut Rng, seeds: &[String]) -> Vec<u8> {
    let mut doc = seeds[rng.below(seeds.len())].clone().into_bytes();
    let rounds = if rng.below(10) < 7 {
        1
    } else {
        2 + rng.below(4)
    };
    for _ in 0..rounds {
        let at = rng.below(doc.len() + 1);
        match rng.below(10) {
            0 => {
                if at < doc.len() {
                    doc[at] = rng.next() as u8;
                }
            }
            1 => doc.insert(at, rng.next() as u8),
            2 => {
                let end = (at + rng.below(16)).min(doc.len());
                doc.drain(at..end);
            }
            3 => {
                let end = (at + rng.below(64)).min(doc.len());
                let piece = doc[at..end].to_vec();
                let to = rng.below(doc.len() + 1);
                doc.splice(to..to, piece);
            }
            4 | 5 => {
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                doc.splice(at..at, token.iter().copied());
            }
            6 => {
                // Replace a number with an extreme one.
                if let Some(start) = (at..doc.len()).find(|&i| doc[i].is_ascii_digit()) {
                    let end = (start..doc.len())
                        .find(|&i| !doc[i].is_ascii_digit() && doc[i] != b'.')
                        .unwrap_or(doc.len());
                    let token = TOKENS[17 + rng.below(10)].as_bytes();
                    doc.splice(start..end, token.iter().copied());
                }
            }
            7 | 8 => {
                // Replace a string's content, keeping the JSON well formed.
                if let Some(open) = (at..doc.len()).find(|&i| doc[i] == b'"')
                    && let Some(close) = (open + 1..doc.len()).find(|&i| doc[i] == b'"')
                {
                    let words = [
                        "9999-Q4",
                        "0001",
                        "9999-12-31",
                        "0001-01-01",
                        "2025-13",
                        "2025-Q0",
                        "1e3",
                        "-0",
                        "79228162514264337593543950335",
                        "0.0000000000000000000000000001",
                        "",
                        " VN",
                        "VN\\u0000",
                        "2024-07-01/2023-06-30",
                        "annual",
                        "rank",
                        "lower_is_better",
                    ];
                    let w = words[rng.below(words.len())].as_bytes();
                    doc.splice(open + 1..close, w.iter().copied());
                }
            }
            _ => {
                // Splice the tail of another seed.
                let other = seeds[rng.below(seeds.len())].as_bytes();
                let from = rng.below(other.len());
                doc.truncate(at);
                doc.extend_from_slice(&other[from..]);
            }
        }
    }
    doc
}

/// Feeds one input to every reader and, where it loads, to the engine.
fn exercise(text: &str, catalogue: &Catalogue, catalogue_json: &str) -> usize {
    let mut loaded = 0;
    let dates =
        ["0001-01-01", "2025-12-31", "2026-01-01", "9999-12-31"].map(|d| parse_date(d).unwrap());
    let evaluate_all = |c: Catalogue, o: &Observations| {
        let evaluator = Evaluator::new(c);
        for as_of in dates {
            if let Ok(e) = evaluator.evaluate(o, as_of) {
                for r in e.results() {
                    let _ = r.explanation();
                    for m in policy_targets::Method::ALL {
                        let _ = r.progress_with(m);
                    }
                    let _ = r.projection();
                }
                let json = e.to_json();
                assert!(
                    ResultsDocument::from_json(&json).is_ok(),
                    "a results document did not read back"
                );
            }
        }
    };
    if let Ok(c) = Catalogue::from_json(text) {
        loaded += 1;
        let _ = Catalogue::from_json(&c.to_json()).expect("a catalogue did not read back");
        evaluate_all(c, &Observations::default());
    }
    if let Ok(o) = Observations::from_json(text, catalogue) {
        loaded += 1;
        evaluate_all(catalogue.clone(), &o);
    }
    if let Ok((c, o)) = load(catalogue_json, text) {
        loaded += 1;
        evaluate_all(c, &o);
    }
    if let Ok(case) = Case::from_json(text) {
        let _ = case.run();
        if let Ok((c, o)) = case.load() {
            loaded += 1;
            evaluate_all(c, &o);
        }
        if let Ok((c, o, Some(u))) = case.load_with_units() {
            loaded += 1;
            let evaluator = Evaluator::new(c).with_units(u);
            for as_of in dates {
                if let Ok(e) = evaluator.evaluate(&o, as_of) {
                    for r in e.results() {
                        let _ = r.explanation();
                        let _ = r.roll_up().map(|r| r.units_meeting());
                    }
                    let json = e.to_json();
                    assert!(
                        ResultsDocument::from_json(&json).is_ok(),
                        "a results document with roll-ups did not read back"
                    );
                }
            }
        }
    }
    let _ = policy_targets::Units::from_json(text);
    let _ = ResultsDocument::from_json(text);
    loaded
}

#[test]
fn no_input_panics() {
    let iterations: u64 = std::env::var("POLICY_TARGETS_FUZZ_ITERS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_000);
    let seed: u64 = std::env::var("POLICY_TARGETS_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5EED_2026);
    // The case files, with those of the sub-folders (the SPEC 1.1 cases
    // bring bounded figures and `max_age_days` into the seeds).
    let mut dirs = vec![std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures"
    ))];
    let mut seeds: Vec<String> = Vec::new();
    while let Some(dir) = dirs.pop() {
        for path in std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()) {
            if path.is_dir() {
                dirs.push(path);
            } else {
                seeds.push(std::fs::read_to_string(path).unwrap());
            }
        }
    }
    seeds.sort();
    // Whole case files, and their catalogue and observations parts alone.
    let parts: Vec<String> = seeds
        .iter()
        .filter_map(|s| serde_json::from_str::<serde_json::Value>(s).ok())
        .flat_map(|v| ["catalogue", "observations", "units"].map(|k| v[k].to_string()))
        .collect();
    seeds.extend(parts);
    seeds.push(vn::OBSERVATIONS_JSON.to_owned());
    let catalogue_json = r#"{"format": "policy-targets/catalogue@1", "indicators": [
        {"id": "online_dossiers_share", "kind": "percent"},
        {"id": "egdi_rank", "kind": "rank", "out_of": 193, "cadence": "biennial", "publication_lag_days": 270},
        {"id": "digital_economy_gdp_share", "kind": "percent", "series": "gso"},
        {"id": "score", "kind": "score", "min": "-5", "max": "5", "cadence": "quarterly"},
        {"id": "growth", "kind": "growth_rate", "cadence": "monthly"},
        {"id": "count", "kind": "count", "cadence": "irregular", "discontinued": {"on": "2020-01-01"}}],
      "targets": [
        {"id": "a", "indicator": "online_dossiers_share", "unit": "VN", "rule": {"at_least": "80"}, "deadline": "2025"},
        {"id": "b", "indicator": "egdi_rank", "unit": "VN", "rule": {"within_top": 70}, "deadline": "9999-Q4"},
        {"id": "c", "indicator": "score", "unit": "VN", "rule": {"less_than": "0"}, "deadline": "0001", "judged_on": "0001-01-01/9999-12-31"},
        {"id": "d", "indicator": "growth", "unit": "VN", "rule": {"more_than": "-79228162514264337593543950335"}, "deadline": "2030-06"},
        {"id": "e", "indicator": "count", "unit": "VN", "rule": {"at_most": "9223372036854775807"}, "deadline": "2025-H2"}]}"#;
    let catalogue = Catalogue::from_json(catalogue_json).unwrap();
    let mut rng = Rng(seed | 1);
    let mut loaded = 0usize;
    for n in 0..iterations {
        let bytes = mutate(&mut rng, &seeds);
        let text = String::from_utf8_lossy(&bytes);
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            exercise(&text, &catalogue, catalogue_json)
        }));
        match outcome {
            Ok(k) => loaded += k,
            Err(_) => {
                let path = format!(
                    "{}/target/fuzz-crash-{seed}-{n}.json",
                    env!("CARGO_MANIFEST_DIR")
                );
                std::fs::write(&path, text.as_bytes()).unwrap();
                panic!("input {n} panicked; written to {path}");
            }
        }
    }
    println!(
        "fuzz: {iterations} inputs (seed {seed}), {loaded} loads reached the engine, no panic"
    );
    assert!(
        loaded > 0,
        "the mutations never produced a loadable document: the fuzzer is not reaching the engine"
    );
}
