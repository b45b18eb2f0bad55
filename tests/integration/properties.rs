//! Properties of the loader and the engine, checked on generated documents.
//!
//! Documents are generated as small specifications (an indicator of some
//! kind, a target with a fitting rule, an observation with a raw random
//! number) and rendered to JSON text, so that shrinking works on the
//! specifications while the library only ever sees text. Decimals are always
//! written as JSON strings or raw number text, never through `f64`.
//!
//! Each property runs a modest number of cases (see [`config`]) so that the
//! whole file stays well under 30 s in a debug build.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    reason = "test generators: small bounded arithmetic, and a failure is a test failure"
)]

use std::fmt::Write as _;

use policy_targets::case::Case;
use policy_targets::{
    Catalogue, Date, Decimal, Evaluator, Observations, ResultRecord, ResultsDocument, Rule, Status,
    load, parse_date,
};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{Value, json};

// --- Configuration and small helpers -----------------------------------------

/// A few cases per property (`PROPTEST_CASES` sets more, for a long run),
/// and no regression files written into the tree.
fn config(cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(cases);
    ProptestConfig {
        cases,
        failure_persistence: None,
        max_shrink_iters: 8192,
        ..ProptestConfig::default()
    }
}

const CATALOGUE_FORMAT: &str = "policy-targets/catalogue@1";
const OBSERVATIONS_FORMAT: &str = "policy-targets/observations@1";
const RESULTS_FORMAT: &str = "policy-targets/results@1";

const UNITS: [&str; 2] = ["VN", "VN-HN"];
const SERIES: [&str; 2] = ["gso", "ministry"];
/// Sources deliberately reuse unit and series names: strings are interned
/// once in the store, whatever field they come from.
const SOURCES: [&str; 4] = ["GSO yearbook", "VN", "gso", "Bộ TT&TT"];

fn date(s: &str) -> Date {
    parse_date(s).unwrap()
}

fn date_text(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// The day `days` after 1 January of `year`.
fn day_of(year: i32, days: i32) -> Date {
    let jan1 = date(&format!("{year:04}-01-01")).to_julian_day();
    Date::from_julian_day(jan1 + days).unwrap()
}

fn add_days(d: Date, days: i32) -> Date {
    Date::from_julian_day(d.to_julian_day() + days).unwrap()
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// `v` hundredths as a decimal text: `-1234` → `"-12.34"`.
fn hundredths(v: i64) -> String {
    let sign = if v < 0 { "-" } else { "" };
    let a = v.unsigned_abs();
    format!("{sign}{}.{:02}", a / 100, a % 100)
}

// --- Specifications of generated documents -----------------------------------

/// The kind of an indicator, with its range.
#[derive(Debug, Clone)]
enum KindSpec {
    Percent,
    Rank {
        out_of: Option<u32>,
    },
    /// A score, bounded by `min ..= min + span` when given.
    Score {
        range: Option<(i64, i64)>,
    },
    GrowthRate,
    Count,
}

impl KindSpec {
    fn name(&self) -> &'static str {
        match self {
            KindSpec::Percent => "percent",
            KindSpec::Rank { .. } => "rank",
            KindSpec::Score { .. } => "score",
            KindSpec::GrowthRate => "growth_rate",
            KindSpec::Count => "count",
        }
    }

    /// A value valid for the kind, chosen by `raw`, as decimal text.
    fn value_text(&self, raw: u64) -> String {
        match *self {
            KindSpec::Percent => {
                let thousandths = raw % 100_001;
                if raw.is_multiple_of(5) {
                    (thousandths / 1000).to_string()
                } else {
                    format!("{}.{:03}", thousandths / 1000, thousandths % 1000)
                }
            }
            KindSpec::Rank { out_of } => (1 + raw % u64::from(out_of.unwrap_or(200))).to_string(),
            KindSpec::Score {
                range: Some((min, span)),
            } => {
                let steps = u64::try_from(span * 100).unwrap() + 1;
                hundredths(min * 100 + i64::try_from(raw % steps).unwrap())
            }
            KindSpec::Score { range: None } => {
                hundredths(i64::try_from(raw % 40_001).unwrap() - 20_000)
            }
            KindSpec::GrowthRate => hundredths(i64::try_from(raw % 20_001).unwrap() - 10_000),
            KindSpec::Count => {
                if raw.is_multiple_of(61) {
                    i64::MAX.to_string()
                } else {
                    (raw % 1_000_000).to_string()
                }
            }
        }
    }
}

fn kind_spec() -> impl Strategy<Value = KindSpec> {
    prop_oneof![
        3 => Just(KindSpec::Percent),
        2 => proptest::option::of(1u32..=250).prop_map(|out_of| KindSpec::Rank { out_of }),
        1 => proptest::option::of((-100i64..=100, 0i64..=200))
            .prop_map(|range| KindSpec::Score { range }),
        1 => Just(KindSpec::GrowthRate),
        1 => Just(KindSpec::Count),
    ]
}

/// A period in any of the written forms.
#[derive(Debug, Clone)]
enum PeriodSpec {
    Year(i32),
    Half(i32, u8),
    Quarter(i32, u8),
    Month(i32, u8),
    /// The day `.1` days after 1 January of `.0`.
    Day(i32, i32),
    /// From `.1` days after 1 January of `.0`, `.2` more days.
    Range(i32, i32, i32),
}

impl PeriodSpec {
    fn text(&self) -> String {
        match *self {
            PeriodSpec::Year(y) => format!("{y:04}"),
            PeriodSpec::Half(y, h) => format!("{y:04}-H{h}"),
            PeriodSpec::Quarter(y, q) => format!("{y:04}-Q{q}"),
            PeriodSpec::Month(y, m) => format!("{y:04}-{m:02}"),
            PeriodSpec::Day(y, d) => date_text(day_of(y, d)),
            PeriodSpec::Range(y, d, len) => {
                let start = day_of(y, d);
                format!("{}/{}", date_text(start), date_text(add_days(start, len)))
            }
        }
    }

    fn end(&self) -> Date {
        self.text().parse::<policy_targets::Period>().unwrap().end()
    }

    fn start(&self) -> Date {
        self.text()
            .parse::<policy_targets::Period>()
            .unwrap()
            .start()
    }

    /// The same period, `years` years earlier.
    fn earlier(&self, years: i32) -> PeriodSpec {
        match *self {
            PeriodSpec::Year(y) => PeriodSpec::Year(y - years),
            PeriodSpec::Half(y, h) => PeriodSpec::Half(y - years, h),
            PeriodSpec::Quarter(y, q) => PeriodSpec::Quarter(y - years, q),
            PeriodSpec::Month(y, m) => PeriodSpec::Month(y - years, m),
            PeriodSpec::Day(y, d) => PeriodSpec::Day(y - years, d),
            PeriodSpec::Range(y, d, l) => PeriodSpec::Range(y - years, d, l),
        }
    }
}

fn period_spec(years: std::ops::RangeInclusive<i32>) -> impl Strategy<Value = PeriodSpec> {
    prop_oneof![
        4 => years.clone().prop_map(PeriodSpec::Year),
        1 => (years.clone(), 1u8..=2).prop_map(|(y, h)| PeriodSpec::Half(y, h)),
        2 => (years.clone(), 1u8..=4).prop_map(|(y, q)| PeriodSpec::Quarter(y, q)),
        1 => (years.clone(), 1u8..=12).prop_map(|(y, m)| PeriodSpec::Month(y, m)),
        1 => (years.clone(), 0i32..365).prop_map(|(y, d)| PeriodSpec::Day(y, d)),
        1 => (years, 0i32..365, 0i32..800).prop_map(|(y, d, l)| PeriodSpec::Range(y, d, l)),
    ]
}

#[derive(Debug, Clone)]
struct IndicatorSpec {
    kind: KindSpec,
    cadence: &'static str,
    lag: u32,
    direction: Option<&'static str>,
    series: Option<&'static str>,
    /// Discontinued this many days into 2018.
    discontinued: Option<i32>,
    named: bool,
}

fn indicator_spec() -> impl Strategy<Value = IndicatorSpec> {
    (
        kind_spec(),
        select(vec![
            "annual",
            "biennial",
            "quarterly",
            "monthly",
            "irregular",
        ]),
        prop_oneof![Just(365u32), 0u32..=800],
        proptest::option::weighted(0.2, select(vec!["higher_is_better", "lower_is_better"])),
        proptest::option::weighted(0.1, select(SERIES.to_vec())),
        proptest::option::weighted(0.15, 0i32..(15 * 365)),
        any::<bool>(),
    )
        .prop_map(
            |(kind, cadence, lag, direction, series, discontinued, named)| IndicatorSpec {
                // A rank is always lower-is-better.
                direction: match kind {
                    KindSpec::Rank { .. } => direction.filter(|d| *d == "lower_is_better"),
                    _ => direction,
                },
                kind,
                cadence,
                lag,
                series,
                discontinued,
                named,
            },
        )
}

#[derive(Debug, Clone)]
struct TargetSpec {
    /// Which indicator, modulo their number.
    indicator: usize,
    unit: usize,
    /// Which threshold rule (for kinds other than rank).
    op: usize,
    threshold: u64,
    deadline: PeriodSpec,
    judged_on: Option<PeriodSpec>,
    series: Option<&'static str>,
    with_source: bool,
}

const THRESHOLD_RULES: [&str; 4] = ["at_least", "at_most", "more_than", "less_than"];

fn target_spec() -> impl Strategy<Value = TargetSpec> {
    (
        0usize..8,
        0usize..UNITS.len(),
        0usize..THRESHOLD_RULES.len(),
        any::<u64>(),
        period_spec(2018..=2032),
        proptest::option::weighted(0.15, period_spec(2017..=2032)),
        proptest::option::weighted(0.1, select(SERIES.to_vec())),
        any::<bool>(),
    )
        .prop_map(
            |(indicator, unit, op, threshold, deadline, judged_on, series, with_source)| {
                TargetSpec {
                    indicator,
                    unit,
                    op,
                    threshold,
                    deadline,
                    judged_on,
                    series,
                    with_source,
                }
            },
        )
}

#[derive(Debug, Clone)]
struct CatalogueSpec {
    indicators: Vec<IndicatorSpec>,
    targets: Vec<TargetSpec>,
}

fn catalogue_spec() -> impl Strategy<Value = CatalogueSpec> {
    (vec(indicator_spec(), 1..=5), vec(target_spec(), 0..=8)).prop_map(|(indicators, targets)| {
        CatalogueSpec {
            indicators,
            targets,
        }
    })
}

impl CatalogueSpec {
    fn indicator_id(i: usize) -> String {
        format!("ind_{i}")
    }

    fn kind_of(&self, indicator: usize) -> &KindSpec {
        &self.indicators[indicator % self.indicators.len()].kind
    }

    fn rule(&self, t: &TargetSpec) -> Value {
        match self.kind_of(t.indicator) {
            KindSpec::Rank { out_of } => {
                json!({ "within_top": 1 + t.threshold % u64::from(out_of.unwrap_or(200)) })
            }
            kind => json!({ (THRESHOLD_RULES[t.op]): kind.value_text(t.threshold) }),
        }
    }

    fn to_json(&self) -> String {
        let indicators: Vec<Value> = self
            .indicators
            .iter()
            .enumerate()
            .map(|(i, ind)| {
                let mut o = json!({
                    "id": Self::indicator_id(i),
                    "kind": ind.kind.name(),
                    "cadence": ind.cadence,
                    "publication_lag_days": ind.lag,
                });
                match ind.kind {
                    KindSpec::Rank { out_of: Some(n) } => o["out_of"] = json!(n),
                    KindSpec::Score {
                        range: Some((min, span)),
                    } => {
                        o["min"] = json!(min.to_string());
                        o["max"] = json!((min + span).to_string());
                    }
                    _ => {}
                }
                if let Some(d) = ind.direction {
                    o["direction"] = json!(d);
                }
                if let Some(s) = ind.series {
                    o["series"] = json!(s);
                }
                if let Some(d) = ind.discontinued {
                    o["discontinued"] =
                        json!({ "on": date_text(day_of(2018, d)), "note": "replaced" });
                }
                if ind.named {
                    o["name"] = json!({ "en": format!("Indicator {i}"), "vi": "Chỉ số" });
                }
                o
            })
            .collect();
        let targets: Vec<Value> = self
            .targets
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let mut o = json!({
                    "id": format!("t{i:02}"),
                    "indicator": Self::indicator_id(t.indicator % self.indicators.len()),
                    "unit": UNITS[t.unit],
                    "rule": self.rule(t),
                    "deadline": t.deadline.text(),
                });
                if let Some(p) = &t.judged_on {
                    o["judged_on"] = json!(p.text());
                }
                if let Some(s) = t.series {
                    o["series"] = json!(s);
                }
                if t.with_source {
                    o["source"] = json!({
                        "instrument": "Quyết định 749/QĐ-TTg", "issued": "2020-06-03",
                        "section": "Mục II.1", "text_vi": "…", "text_en": "…"
                    });
                    o["tags"] = json!(["digital_government"]);
                }
                o
            })
            .collect();
        json!({ "format": CATALOGUE_FORMAT, "indicators": indicators, "targets": targets })
            .to_string()
    }
}

/// One observation, perhaps revised later, perhaps repeated exactly.
#[derive(Debug, Clone)]
struct ObsSpec {
    indicator: usize,
    unit: usize,
    period: PeriodSpec,
    /// Published this many days after the period's end (negative: before).
    lag: i32,
    value: u64,
    /// For percents: numerator and denominator, chosen by these.
    ratio: Option<(u64, u64)>,
    series: Option<&'static str>,
    source: Option<&'static str>,
    /// A revision: published this many days later, with this value.
    revision: Option<(i32, u64)>,
    /// Also given a second time, exactly.
    repeated: bool,
}

fn obs_spec() -> impl Strategy<Value = ObsSpec> {
    (
        (
            0usize..8,
            0usize..UNITS.len(),
            period_spec(2016..=2030),
            -60i32..900,
            any::<u64>(),
        ),
        (
            proptest::option::weighted(0.3, (any::<u64>(), any::<u64>())),
            proptest::option::weighted(0.12, select(SERIES.to_vec())),
            proptest::option::weighted(0.3, select(SOURCES.to_vec())),
            proptest::option::weighted(0.2, (1i32..400, any::<u64>())),
            proptest::bool::weighted(0.1),
        ),
    )
        .prop_map(
            |(
                (indicator, unit, period, lag, value),
                (ratio, series, source, revision, repeated),
            )| {
                ObsSpec {
                    indicator,
                    unit,
                    period,
                    lag,
                    value,
                    ratio,
                    series,
                    source,
                    revision,
                    repeated,
                }
            },
        )
}

/// An observation, often moved onto a target's indicator and unit, for its
/// deadline (or `judged_on`) period or a period a few years before, so that
/// targets often have a closing figure or a trend.
fn placed_obs_spec(cat: &CatalogueSpec) -> impl Strategy<Value = ObsSpec> + use<> {
    let targets = cat.targets.clone();
    (
        obs_spec(),
        proptest::option::weighted(0.6, (any::<usize>(), 0i32..=4)),
    )
        .prop_map(move |(mut o, follow)| {
            if let Some((k, back)) = follow.filter(|_| !targets.is_empty()) {
                let t = &targets[k % targets.len()];
                o.indicator = t.indicator;
                o.unit = t.unit;
                o.period = t.judged_on.as_ref().unwrap_or(&t.deadline).earlier(back);
            }
            o
        })
}

impl ObsSpec {
    /// The day it is published: `lag` days after its period ends, but never
    /// before the period began (SPEC 1.1, a load error).
    fn published(&self) -> Date {
        self.publishable(add_days(self.period.end(), self.lag))
    }

    /// `day`, or the first day of the period if it began later.
    fn publishable(&self, day: Date) -> Date {
        day.max(self.period.start())
    }

    /// The observation's JSON objects: itself, its revision and its repeat.
    fn render(&self, cat: &CatalogueSpec, published: Date) -> Vec<String> {
        let n = cat.indicators.len();
        let kind = cat.kind_of(self.indicator);
        let one = |published: Date, raw: u64| {
            let mut o = json!({
                "indicator": CatalogueSpec::indicator_id(self.indicator % n),
                "unit": UNITS[self.unit],
                "period": self.period.text(),
                "published": date_text(published),
            });
            match (kind, self.ratio) {
                (KindSpec::Percent, Some((a, b))) => {
                    // Mostly small counts; sometimes as large as the format allows.
                    let (num, den) = if b.is_multiple_of(17) {
                        let den = u64::MAX - b % 3;
                        (den - (a ^ raw) % 5, den)
                    } else {
                        let den = 1 + b % 1000;
                        ((a ^ raw) % (den + 1), den)
                    };
                    o["numerator"] = json!(num);
                    o["denominator"] = json!(den);
                }
                _ => o["value"] = json!(kind.value_text(raw)),
            }
            if let Some(s) = self.series {
                o["series"] = json!(s);
            }
            if let Some(s) = self.source {
                o["source"] = json!(s);
            }
            o.to_string()
        };
        let mut out = vec![one(published, self.value)];
        if let Some((later, raw)) = self.revision {
            out.push(one(add_days(published, later), raw));
        }
        if self.repeated {
            out.push(out[0].clone());
        }
        out
    }
}

fn observations_doc(objects: &[String]) -> String {
    format!(
        r#"{{"format": "{OBSERVATIONS_FORMAT}", "observations": [{}]}}"#,
        objects.join(",\n")
    )
}

/// A catalogue, observations of its indicators, and an as-of date.
#[derive(Debug, Clone)]
struct Scenario {
    catalogue: CatalogueSpec,
    observations: Vec<ObsSpec>,
    as_of: Date,
}

fn as_of_date() -> impl Strategy<Value = Date> {
    (2019i32..=2036, 0i32..365).prop_map(|(y, d)| day_of(y, d))
}

fn scenario() -> impl Strategy<Value = Scenario> {
    catalogue_spec().prop_flat_map(|catalogue| {
        let observations = vec(placed_obs_spec(&catalogue), 0..32);
        (Just(catalogue), observations, as_of_date()).prop_map(
            |(catalogue, observations, as_of)| Scenario {
                catalogue,
                observations,
                as_of,
            },
        )
    })
}

/// A scenario and further observations, to be published after its as-of date.
fn scenario_and_more() -> impl Strategy<Value = (Scenario, Vec<(ObsSpec, i32)>)> {
    scenario().prop_flat_map(|s| {
        let more = vec((placed_obs_spec(&s.catalogue), 1i32..3000), 1..12);
        (Just(s), more)
    })
}

impl Scenario {
    fn catalogue_json(&self) -> String {
        self.catalogue.to_json()
    }

    fn observation_objects(&self) -> Vec<String> {
        self.observations
            .iter()
            .flat_map(|o| o.render(&self.catalogue, o.published()))
            .collect()
    }
}

/// Loads and evaluates; `None` when the documents do not load (two
/// generated observations may conflict, which is rare and not the point).
fn results(catalogue: &str, observations: &str, as_of: Date) -> Option<ResultsDocument> {
    let (catalogue, observations) = load(catalogue, observations).ok()?;
    let evaluator = Evaluator::new(catalogue);
    Some(
        evaluator
            .evaluate(&observations, as_of)
            .unwrap()
            .to_document(),
    )
}

// --- 1. Nothing published later changes an evaluation (SPEC §3.1) -----------

proptest! {
    #![proptest_config(config(64))]

    /// Protects re-running an old evaluation: figures published after the
    /// as-of date (new periods, revisions, other series, other units) must
    /// not change any status, evidence, projection or explanation.
    #[test]
    fn later_publications_change_nothing((s, extra) in scenario_and_more()) {
        let catalogue = s.catalogue_json();
        let base = s.observation_objects();
        let before = results(&catalogue, &observations_doc(&base), s.as_of);
        prop_assume!(before.is_some());

        let mut more = base.clone();
        for (o, after) in &extra {
            more.extend(o.render(&s.catalogue, o.publishable(add_days(s.as_of, *after))));
        }
        let after = results(&catalogue, &observations_doc(&more), s.as_of);
        prop_assume!(after.is_some());
        prop_assert_eq!(before.unwrap(), after.unwrap());
    }
}

// --- 2. The order of the input does not matter --------------------------------

/// The results, with the wording of `ambiguous` explanations left out: that
/// wording lists the series in document order (a known bug, see
/// `ambiguous_explanation_does_not_depend_on_order`), and the lenient
/// properties below should keep checking everything else.
fn without_ambiguous_wording(doc: &ResultsDocument) -> Vec<ResultRecord> {
    doc.results()
        .iter()
        .cloned()
        .map(|mut r| {
            if r.status == Status::Ambiguous {
                r.explanation = None;
            }
            r
        })
        .collect()
}

/// Evaluates the scenario's observations as generated and reordered by
/// `keys`, and compares the results (all of them when `strict`).
fn check_order(s: &Scenario, keys: &[u64], strict: bool) -> Result<(), TestCaseError> {
    let catalogue = s.catalogue_json();
    let objects = s.observation_objects();
    let mut order: Vec<usize> = (0..objects.len()).collect();
    order.sort_by_key(|&i| (keys[i % keys.len()], i));
    let shuffled: Vec<String> = order.iter().map(|&i| objects[i].clone()).collect();

    let a = results(&catalogue, &observations_doc(&objects), s.as_of);
    let b = results(&catalogue, &observations_doc(&shuffled), s.as_of);
    prop_assert_eq!(a.is_some(), b.is_some(), "loading depends on the order");
    prop_assume!(a.is_some());
    let (a, b) = (a.unwrap(), b.unwrap());
    if strict {
        // Everything but where a warning points: the first observation
        // naming a unit or indicator is, by design, a place in the input.
        prop_assert_eq!(a.as_of(), b.as_of());
        prop_assert_eq!(a.results(), b.results());
        let messages = |d: &ResultsDocument| {
            d.warnings()
                .iter()
                .map(|w| w.message.clone())
                .collect::<Vec<_>>()
        };
        prop_assert_eq!(messages(&a), messages(&b));
    } else {
        prop_assert_eq!(without_ambiguous_wording(&a), without_ambiguous_wording(&b));
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(64))]

    /// Protects against results that depend on where a figure sits in the
    /// file (first-wins or last-wins logic, unstable sorts): statuses,
    /// evidence, projections and explanations (except the wording of
    /// `ambiguous`, see `observation_order_changes_nothing_at_all`).
    #[test]
    fn observation_order_changes_nothing(s in scenario(), keys in vec(any::<u64>(), 64)) {
        check_order(&s, &keys, false)?;
    }

    /// The same, whole results documents compared.
    #[test]
    fn observation_order_changes_nothing_at_all(
        s in scenario(),
        keys in vec(any::<u64>(), 64),
    ) {
        check_order(&s, &keys, true)?;
    }
}

// --- 3. A better closing value is never worse ---------------------------------

/// A one-target scenario closed by one observation: the status after the
/// deadline of `{"at_least": threshold}` on an annual indicator of `kind`.
fn closing_status(kind: &str, threshold: &str, year: i32, reading: Value) -> Status {
    let catalogue = json!({
        "format": CATALOGUE_FORMAT,
        "indicators": [{ "id": "x", "kind": kind }],
        "targets": [{ "id": "t", "indicator": "x", "unit": "VN",
                      "rule": { "at_least": threshold }, "deadline": year.to_string() }],
    });
    let mut obs = json!({ "indicator": "x", "unit": "VN", "period": year.to_string(),
                          "published": format!("{}-02-01", year + 1) });
    for (k, v) in reading.as_object().unwrap() {
        obs[k] = v.clone();
    }
    let observations = json!({ "format": OBSERVATIONS_FORMAT, "observations": [obs] });
    let as_of = date(&format!("{}-06-01", year + 1));
    let doc = results(&catalogue.to_string(), &observations.to_string(), as_of).unwrap();
    doc.results()[0].status
}

fn level_kind() -> impl Strategy<Value = KindSpec> {
    prop_oneof![
        Just(KindSpec::Percent),
        Just(KindSpec::Score { range: None }),
        Just(KindSpec::GrowthRate),
        Just(KindSpec::Count),
    ]
}

proptest! {
    #![proptest_config(config(64))]

    /// Protects the direction of comparison: raising the closing value of an
    /// `at_least` target may turn `missed` into `met`, never the reverse, and
    /// the verdict is exactly `value ≥ threshold`.
    #[test]
    fn raising_the_closing_value_never_misses_a_met_target(
        kind in level_kind(),
        t in any::<u64>(),
        v1 in any::<u64>(),
        v2 in any::<u64>(),
        year in 2018i32..=2032,
    ) {
        let threshold = kind.value_text(t);
        let (a, b) = (kind.value_text(v1), kind.value_text(v2));
        let (low, high) = if dec(&a) <= dec(&b) { (a, b) } else { (b, a) };
        let s_low = closing_status(kind.name(), &threshold, year, json!({ "value": low }));
        let s_high = closing_status(kind.name(), &threshold, year, json!({ "value": high }));
        for (v, s) in [(&low, s_low), (&high, s_high)] {
            let expected = if dec(v) >= dec(&threshold) { Status::Met } else { Status::Missed };
            prop_assert_eq!(s, expected, "{} at_least {}", v, threshold);
        }
        prop_assert!(!(s_low == Status::Met && s_high == Status::Missed));
    }

    /// The same for a share given as counts: a larger numerator over the same
    /// denominator is never worse, and the verdict is `100·n ≥ t·d`, exactly.
    #[test]
    fn raising_the_numerator_never_misses_a_met_target(
        t_thousandths in 0u64..=100_000,
        den in prop_oneof![1u64..=1000, Just(u64::MAX), (1u64 << 63) - 1..=(1u64 << 63) + 1],
        n1 in any::<u64>(),
        n2 in any::<u64>(),
        year in 2018i32..=2032,
    ) {
        let threshold = format!("{}.{:03}", t_thousandths / 1000, t_thousandths % 1000);
        let within = |n: u64| if den == u64::MAX { n } else { n % (den + 1) };
        let (n1, n2) = (within(n1), within(n2));
        let (low, high) = (n1.min(n2), n1.max(n2));
        let status = |n: u64| {
            closing_status("percent", &threshold, year,
                           json!({ "numerator": n, "denominator": den }))
        };
        let (s_low, s_high) = (status(low), status(high));
        for (n, s) in [(low, s_low), (high, s_high)] {
            // 100·n ≥ (t/1000)·d  ⇔  100000·n ≥ t·d
            let met = u128::from(n) * 100_000 >= u128::from(t_thousandths) * u128::from(den);
            let expected = if met { Status::Met } else { Status::Missed };
            prop_assert_eq!(s, expected, "{}/{} at_least {}", n, den, threshold);
        }
        prop_assert!(!(s_low == Status::Met && s_high == Status::Missed));
    }
}

// --- 4. Documents survive a JSON round trip ----------------------------------

/// The observations as a sorted list, each with every field: equal for two
/// stores holding the same observations, whatever their internal order.
fn canonical(observations: &Observations) -> Vec<String> {
    let mut all: Vec<String> = observations
        .iter()
        .map(|o| format!("{o:?} source={:?} note={:?}", o.source(), o.note()))
        .collect();
    all.sort();
    all
}

/// Loads the scenario, writes and reads back each document, and compares
/// (observations with `==` when `strict`, else as sorted lists).
fn check_round_trip(s: &Scenario, strict: bool) -> Result<(), TestCaseError> {
    let catalogue_json = s.catalogue_json();
    let observations_json = observations_doc(&s.observation_objects());
    let loaded = load(&catalogue_json, &observations_json);
    prop_assume!(loaded.is_ok());
    let (catalogue, observations) = loaded.unwrap();

    let catalogue_again = Catalogue::from_json(&catalogue.to_json()).unwrap();
    prop_assert_eq!(&catalogue_again, &catalogue, "catalogue");
    let again = Observations::from_json(&observations.to_json(), &catalogue).unwrap();
    prop_assert_eq!(canonical(&again), canonical(&observations), "observations");
    if strict {
        prop_assert_eq!(&again, &observations, "observations, with ==");
    }

    let evaluator = Evaluator::new(catalogue);
    let evaluation = evaluator.evaluate(&observations, s.as_of).unwrap();
    if strict {
        // Results compare by what they say: the same data read back gives
        // equal results, though borrowed from other values.
        let evaluator_again = Evaluator::new(catalogue_again);
        let evaluation_again = evaluator_again.evaluate(&again, s.as_of).unwrap();
        prop_assert!(evaluation_again == evaluation, "evaluations, with ==");
    }
    let doc = evaluation.to_document();
    let again = ResultsDocument::from_json(&doc.to_json()).unwrap();
    #[cfg(feature = "serde")]
    {
        let json = doc.to_json();
        prop_assert_eq!(
            serde_json::to_string_pretty(&doc).unwrap(),
            json.clone(),
            "serde"
        );
        prop_assert_eq!(
            &serde_json::from_str::<ResultsDocument>(&json).unwrap(),
            &doc,
            "serde, read back"
        );
    }
    prop_assert_eq!(again, doc, "results");
    Ok(())
}

proptest! {
    #![proptest_config(config(64))]

    /// Protects the writers: what the crate writes, it reads back unchanged
    /// (catalogue, observations and results documents).
    #[test]
    fn documents_survive_a_round_trip(s in scenario()) {
        check_round_trip(&s, false)?;
    }

    /// The same, with `Observations == Observations` as the brief states it.
    #[test]
    fn observations_survive_a_round_trip_by_eq(s in scenario()) {
        check_round_trip(&s, true)?;
    }
}

// --- 5. No input panics the loader or the engine (SPEC §4) ---------------------

/// A JSON value whose numbers are kept as raw text, so that numbers too
/// large or too precise for `f64` are written exactly.
#[derive(Debug, Clone)]
enum Json {
    Null,
    Bool(bool),
    Num(String),
    Str(String),
    Arr(Vec<Json>),
    Obj(Vec<(String, Json)>),
}

impl Json {
    fn render(&self, out: &mut String) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => write!(out, "{b}").unwrap(),
            Json::Num(n) => out.push_str(n),
            Json::Str(s) => out.push_str(&serde_json::to_string(s).unwrap()),
            Json::Arr(items) => {
                out.push('[');
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    v.render(out);
                }
                out.push(']');
            }
            Json::Obj(fields) => {
                out.push('{');
                for (i, (k, v)) in fields.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&serde_json::to_string(k).unwrap());
                    out.push(':');
                    v.render(out);
                }
                out.push('}');
            }
        }
    }

    fn text(&self) -> String {
        let mut s = String::new();
        self.render(&mut s);
        s
    }

    fn obj(fields: Vec<(&str, Json)>) -> Json {
        Json::Obj(fields.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
    }
}

/// Numbers at and beyond the edges of a 96-bit decimal, of `u64`, of a count
/// (2^63-1), of `u32`, and of 28 decimal places; all valid JSON number text.
const EXTREME_NUMBERS: &[&str] = &[
    "79228162514264337593543950335",
    "-79228162514264337593543950335",
    "79228162514264337593543950336",
    "0.0000000000000000000000000001",
    "-0.0000000000000000000000000001",
    "0.1234567890123456789012345678",
    "0.12345678901234567890123456789",
    "7.9228162514264337593543950335",
    "18446744073709551615",
    "18446744073709551616",
    "9223372036854775807",
    "9223372036854775808",
    "4294967295",
    "4294967296",
    "0",
    "-0",
    "0.0",
    "1",
    "-1",
    "1.5",
    "2",
    "100",
    "100.0",
    "100.0000000000000000000000001",
    "99.9999999999999999999999999",
    "1e3",
    "1E-3",
    "12.33",
    "193",
    "36600",
    "36601",
];

/// Text that is not a JSON number but may be given as a string.
const BAD_NUMBER_TEXT: &[&str] = &[
    ".5", "00012", "1_000", "", " 1", "NaN", "Infinity", "+1", "0x10", "1.", "-", "--1",
];

const PERIODS: &[&str] = &[
    "9999-Q4",
    "9999",
    "9999-H2",
    "9999-12",
    "9999-12-31",
    "0001",
    "0001-01",
    "0001-01-01",
    "0001-01-01/9999-12-31",
    "2025",
    "2025-H1",
    "2025-Q3",
    "2025-12",
    "2025-07-15",
    "2024-07-01/2025-06-30",
    "2024-02-29",
    "2025-02-29",
    "2025-Q5",
    "2025-13",
    "0000",
    "abcd",
    "2025-07-15/2025-07-14",
    "",
    "2025-Q",
    "-2025",
    "99999",
    "２０２５",
    "2025/",
];

const DATES: &[&str] = &[
    "9999-12-31",
    "0001-01-01",
    "2024-02-29",
    "2023-02-29",
    "2025-13-01",
    "2026-01-15",
    "2025-12-31",
    "2026-01-01",
    "2025-6-30",
    "0000-01-01",
    "9999-12-32",
    "",
];

const WORDS: &[&str] = &[
    CATALOGUE_FORMAT,
    OBSERVATIONS_FORMAT,
    RESULTS_FORMAT,
    "policy-targets/catalogue@2",
    "percent",
    "rank",
    "score",
    "growth_rate",
    "count",
    "annual",
    "biennial",
    "quarterly",
    "monthly",
    "irregular",
    "higher_is_better",
    "lower_is_better",
    "met",
    "missed",
    "awaiting_data",
    "a",
    "b",
    "VN",
    "VN-HN",
    "gso",
    "ministry",
    " VN",
    "A",
    "\u{0}",
    "Quyết định 749/QĐ-TTg",
];

/// Every field name of every format, and a few that are none.
const KEYS: &[&str] = &[
    "format",
    "indicators",
    "targets",
    "observations",
    "results",
    "id",
    "kind",
    "name",
    "en",
    "vi",
    "direction",
    "out_of",
    "min",
    "max",
    "cadence",
    "publication_lag_days",
    "discontinued",
    "on",
    "note",
    "series",
    "indicator",
    "unit",
    "rule",
    "at_least",
    "at_most",
    "more_than",
    "less_than",
    "within_top",
    "deadline",
    "judged_on",
    "source",
    "instrument",
    "issued",
    "section",
    "text_vi",
    "text_en",
    "tags",
    "period",
    "published",
    "value",
    "numerator",
    "denominator",
    "as_of",
    "status",
    "evidence",
    "projected",
    "explanation",
    "expect",
    "expect_error",
    "catalogue",
    "colour",
    "",
];

fn number() -> impl Strategy<Value = Json> {
    prop_oneof![
        3 => select(EXTREME_NUMBERS).prop_map(|n| Json::Num(n.to_owned())),
        1 => any::<i64>().prop_map(|n| Json::Num(n.to_string())),
        1 => (any::<u64>(), 0usize..30).prop_map(|(m, scale)| {
            let digits = m.to_string();
            let text = if scale == 0 || scale >= digits.len() {
                format!("0.{digits}")
            } else {
                let (a, b) = digits.split_at(digits.len() - scale);
                format!("{a}.{b}")
            };
            Json::Num(text)
        }),
    ]
}

fn string() -> impl Strategy<Value = Json> {
    prop_oneof![
        2 => select(WORDS).prop_map(|s| Json::Str(s.to_owned())),
        2 => select(EXTREME_NUMBERS).prop_map(|s| Json::Str(s.to_owned())),
        1 => select(BAD_NUMBER_TEXT).prop_map(|s| Json::Str(s.to_owned())),
        2 => select(PERIODS).prop_map(|s| Json::Str(s.to_owned())),
        2 => select(DATES).prop_map(|s| Json::Str(s.to_owned())),
        1 => "\\PC{0,12}".prop_map(Json::Str),
        1 => any::<String>().prop_map(Json::Str),
    ]
}

fn leaf() -> impl Strategy<Value = Json> {
    prop_oneof![
        1 => Just(Json::Null),
        1 => any::<bool>().prop_map(Json::Bool),
        3 => number(),
        4 => string(),
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => select(KEYS).prop_map(str::to_owned),
        1 => "\\PC{0,8}",
    ]
}

/// Any JSON value, up to a few levels deep.
fn tree() -> impl Strategy<Value = Json> {
    leaf().prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..6).prop_map(Json::Arr),
            vec((key(), inner), 0..6).prop_map(Json::Obj),
        ]
    })
}

/// Mostly a plausible value, sometimes anything.
fn mostly(plausible: impl Strategy<Value = Json> + 'static) -> BoxedStrategy<Json> {
    prop_oneof![24 => plausible, 1 => leaf(), 1 => tree()].boxed()
}

fn word(options: &'static [&'static str]) -> impl Strategy<Value = Json> {
    select(options).prop_map(|s| Json::Str(s.to_owned()))
}

fn period_value() -> BoxedStrategy<Json> {
    mostly(word(PERIODS))
}

fn date_value() -> BoxedStrategy<Json> {
    mostly(word(DATES))
}

fn number_value() -> BoxedStrategy<Json> {
    mostly(prop_oneof![
        number(),
        select(EXTREME_NUMBERS).prop_map(|s| Json::Str(s.to_owned()))
    ])
}

/// A value fitting the field `key`, most of the time.
fn value_for(key: &str) -> BoxedStrategy<Json> {
    match key {
        "id" | "indicator" => mostly(word(&["a", "b", "c", "A b", ""])),
        "kind" => mostly(word(&["percent", "rank", "score", "growth_rate", "count"])),
        "unit" => mostly(word(&["VN", "VN-HN", " VN", ""])),
        "cadence" => mostly(word(&[
            "annual",
            "biennial",
            "quarterly",
            "monthly",
            "irregular",
        ])),
        "direction" => mostly(word(&["higher_is_better", "lower_is_better"])),
        "series" => mostly(word(&["gso", "ministry", ""])),
        "deadline" | "judged_on" | "period" => period_value(),
        "published" | "issued" | "as_of" | "on" => date_value(),
        "value"
        | "numerator"
        | "denominator"
        | "min"
        | "max"
        | "out_of"
        | "publication_lag_days"
        | "projected" => number_value(),
        "rule" => mostly(
            (
                select(vec![
                    "at_least",
                    "at_most",
                    "more_than",
                    "less_than",
                    "within_top",
                ]),
                number_value(),
            )
                .prop_map(|(k, v)| Json::obj(vec![(k, v)])),
        ),
        "discontinued" => {
            mostly(date_value().prop_map(|d| Json::obj(vec![("on", d), ("note", Json::Null)])))
        }
        "source" => mostly(prop_oneof![
            string(),
            date_value().prop_map(|d| Json::obj(vec![
                ("instrument", Json::Str("QĐ 749".to_owned())),
                ("issued", d)
            ])),
        ]),
        "tags" => mostly(vec(string(), 0..3).prop_map(Json::Arr)),
        _ => mostly(leaf()),
    }
}

/// An object with the required fields (each mostly plausible) and a few
/// extra ones (known or not, maybe repeated).
fn object(
    required: &'static [&'static str],
    optional: &'static [&'static str],
) -> BoxedStrategy<Json> {
    let required: Vec<BoxedStrategy<(String, Json)>> = required
        .iter()
        .map(|k| value_for(k).prop_map(move |v| ((*k).to_owned(), v)).boxed())
        .collect();
    let extra = vec(
        prop_oneof![
            4 => select(optional),
            1 => select(KEYS),
        ]
        .prop_flat_map(|k| value_for(k).prop_map(move |v| (k.to_owned(), v))),
        0..4,
    );
    (required, extra, proptest::bool::weighted(0.1))
        .prop_map(|(mut fields, extra, drop_first)| {
            if drop_first && !fields.is_empty() {
                fields.remove(0);
            }
            fields.extend(extra);
            Json::Obj(fields)
        })
        .boxed()
}

fn format_value(format: &'static str) -> BoxedStrategy<Json> {
    prop_oneof![8 => Just(Json::Str(format.to_owned())), 1 => leaf()].boxed()
}

/// A catalogue document that is mostly well-formed, with hostile values.
fn hostile_catalogue() -> impl Strategy<Value = Json> {
    let indicator = object(
        &["id", "kind"],
        &[
            "name",
            "direction",
            "out_of",
            "min",
            "max",
            "cadence",
            "publication_lag_days",
            "discontinued",
            "series",
        ],
    );
    let target = object(
        &["id", "indicator", "unit", "rule", "deadline"],
        &["judged_on", "series", "source", "tags"],
    );
    (
        format_value(CATALOGUE_FORMAT),
        vec(indicator, 0..3),
        vec(target, 0..4),
    )
        .prop_map(|(format, indicators, targets)| {
            Json::obj(vec![
                ("format", format),
                ("indicators", Json::Arr(indicators)),
                ("targets", Json::Arr(targets)),
            ])
        })
}

/// An observations document that is mostly well-formed, with hostile values.
fn hostile_observations() -> impl Strategy<Value = Json> {
    let observation = object(
        &["indicator", "unit", "period", "published", "value"],
        &[
            "numerator",
            "denominator",
            "series",
            "source",
            "note",
            "value",
        ],
    );
    (format_value(OBSERVATIONS_FORMAT), vec(observation, 0..6)).prop_map(
        |(format, observations)| {
            Json::obj(vec![
                ("format", format),
                ("observations", Json::Arr(observations)),
            ])
        },
    )
}

/// A results document that is mostly well-formed, with hostile values.
fn hostile_results() -> impl Strategy<Value = Json> {
    let evidence = object(
        &["period", "published", "value"],
        &["numerator", "denominator", "series", "source"],
    );
    let result = (
        object(&["target", "unit"], &["projected", "explanation"]),
        mostly(word(&["met", "missed", "on_track", "no_data", "Met"])),
        proptest::option::of(evidence),
    )
        .prop_map(|(base, status, evidence)| {
            let Json::Obj(mut fields) = base else {
                unreachable!()
            };
            fields.push(("status".to_owned(), status));
            if let Some(e) = evidence {
                fields.push(("evidence".to_owned(), e));
            }
            Json::Obj(fields)
        });
    (
        format_value(RESULTS_FORMAT),
        date_value(),
        vec(result, 0..4),
    )
        .prop_map(|(format, as_of, results)| {
            Json::obj(vec![
                ("format", format),
                ("as_of", as_of),
                ("results", Json::Arr(results)),
            ])
        })
}

/// A case file around a hostile catalogue and observations.
fn hostile_case() -> impl Strategy<Value = Json> {
    (
        hostile_catalogue(),
        hostile_observations(),
        date_value(),
        any::<bool>(),
        vec(
            (
                mostly(word(&["a", "b"])),
                mostly(word(&["met", "missed", "no_data"])),
            ),
            0..3,
        ),
    )
        .prop_map(|(catalogue, observations, as_of, errors, expect)| {
            let expectation = if errors {
                (
                    "expect_error",
                    Json::Arr(vec![Json::Str("targets[0]".to_owned())]),
                )
            } else {
                (
                    "expect",
                    Json::Arr(
                        expect
                            .into_iter()
                            .map(|(t, s)| Json::obj(vec![("target", t), ("status", s)]))
                            .collect(),
                    ),
                )
            };
            Json::obj(vec![
                ("name", Json::Str("hostile".to_owned())),
                ("as_of", as_of),
                ("catalogue", catalogue),
                ("observations", observations),
                expectation,
            ])
        })
}

/// As-of dates at the edges of the calendar and anywhere in it.
fn as_of_any() -> impl Strategy<Value = Vec<Date>> {
    let first = date("0001-01-01").to_julian_day();
    let last = date("9999-12-31").to_julian_day();
    vec(first..=last, 0..3).prop_map(|days| {
        let mut dates: Vec<Date> = ["0001-01-01", "9999-12-31", "2025-12-31", "2026-01-01"]
            .into_iter()
            .map(date)
            .collect();
        dates.extend(days.into_iter().map(|d| Date::from_julian_day(d).unwrap()));
        dates
    })
}

/// A catalogue with one indicator of each kind, for observations documents.
fn every_kind_catalogue() -> Catalogue {
    Catalogue::from_json(
        &json!({
            "format": CATALOGUE_FORMAT,
            "indicators": [
                { "id": "a", "kind": "percent" },
                { "id": "b", "kind": "rank", "out_of": 193 },
                { "id": "c", "kind": "count" },
            ],
            "targets": [
                { "id": "t", "indicator": "a", "unit": "VN", "rule": { "at_least": "80" },
                  "deadline": "2025" },
            ],
        })
        .to_string(),
    )
    .unwrap()
}

/// Evaluates whatever loaded at every date, writes every result, and checks
/// that what is written reads back unchanged.
fn exercise_loaded(catalogue: Catalogue, observations: &Observations, dates: &[Date]) {
    assert_eq!(
        Catalogue::from_json(&catalogue.to_json()).unwrap(),
        catalogue
    );
    assert_eq!(
        canonical(&Observations::from_json(&observations.to_json(), &catalogue).unwrap()),
        canonical(observations)
    );
    let evaluator = Evaluator::new(catalogue);
    for &as_of in dates {
        let evaluation = evaluator.evaluate(observations, as_of).unwrap();
        let _ = evaluation.counts();
        for r in evaluation.results() {
            let _ = r.explanation();
            let _ = r.evidence().map(|e| format!("{e:?}"));
        }
        let doc = evaluation.to_document();
        assert_eq!(ResultsDocument::from_json(&doc.to_json()).unwrap(), doc);
    }
}

/// Feeds one text to every reader of the crate; none may panic.
fn read_everything(text: &str) {
    let fixed = every_kind_catalogue();
    let _ = Catalogue::from_json(text);
    let _ = Observations::from_json(text, &fixed);
    let _ = ResultsDocument::from_json(text);
    let _ = load(text, text);
    if let Ok(case) = Case::from_json(text) {
        let _ = case.run().to_string();
    }
    let _ = parse_date(text);
    let _ = text.parse::<policy_targets::Period>();
    let _ = text.parse::<policy_targets::Percent>();
    let _ = text.parse::<Status>();
}

proptest! {
    #![proptest_config(config(256))]

    /// Protects against panics on any text at all.
    #[test]
    fn arbitrary_text_never_panics(text in prop_oneof![
        any::<String>(),
        "[\\[\\]{}\",:0-9a-z_\\-. ]{0,200}",
    ]) {
        read_everything(&text);
    }

    /// Protects against panics on any well-formed JSON, nested or not.
    #[test]
    fn arbitrary_json_never_panics(tree in tree()) {
        read_everything(&tree.text());
    }
}

proptest! {
    #![proptest_config(config(128))]

    /// Protects the checks behind the JSON syntax: documents that get past
    /// the format check but carry extreme numbers, calendar edges and wrong
    /// types load or fail cleanly, and whatever loads evaluates at any date.
    #[test]
    fn hostile_documents_never_panic(
        catalogue in hostile_catalogue(),
        observations in hostile_observations(),
        results_doc in hostile_results(),
        dates in as_of_any(),
    ) {
        let (catalogue, observations) = (catalogue.text(), observations.text());
        read_everything(&catalogue);
        read_everything(&observations);
        read_everything(&results_doc.text());
        if let Ok((c, o)) = load(&catalogue, &observations) {
            exercise_loaded(c, &o, &dates);
        }
        if let Ok(o) = Observations::from_json(&observations, &every_kind_catalogue()) {
            exercise_loaded(every_kind_catalogue(), &o, &dates);
        }
    }

    /// The same through case files, which carry their own as-of date.
    #[test]
    fn hostile_cases_never_panic(case in hostile_case(), dates in as_of_any()) {
        let text = case.text();
        read_everything(&text);
        if let Ok(case) = Case::from_json(&text)
            && let Ok((c, o)) = case.load()
        {
            let mut dates = dates;
            dates.push(case.as_of());
            exercise_loaded(c, &o, &dates);
        }
    }
}

// Valid documents made of extreme values only: they mostly load, so that the
// engine (not only the loader) meets the edges of the calendar and of the
// numbers.

/// Periods at the edges of the calendar, all valid.
const EDGE_PERIODS: &[&str] = &[
    "9999-Q4",
    "9999",
    "9999-H2",
    "9999-12",
    "9999-12-31",
    "9998",
    "0001",
    "0001-Q1",
    "0001-H1",
    "0001-01",
    "0001-01-01",
    "0001-01-01/9999-12-31",
    "0002",
    "2025",
    "2025-H1",
    "2025-Q3",
    "2025-12",
    "2025-07-15",
    "2024-07-01/2025-06-30",
    "2024-02-29",
    "5000",
];

/// Dates at the edges of the calendar, all valid.
const EDGE_DATES: &[&str] = &[
    "9999-12-31",
    "9999-12-30",
    "0001-01-01",
    "0001-12-31",
    "2024-02-29",
    "2025-12-31",
    "2026-01-01",
    "5000-06-15",
];

/// Valid values at the edges of each kind (decimal text).
fn edge_values(kind: &str) -> &'static [&'static str] {
    match kind {
        "percent" => &[
            "0",
            "100",
            "100.0000000000000000000000000",
            "0.0000000000000000000000000001",
            "99.9999999999999999999999999",
            "33.3333333333333333333333333",
            "50",
        ],
        "rank" => &["1", "2", "70", "4294967295", "4294967294"],
        "count" => &["0", "1", "9223372036854775807", "9223372036854775806"],
        _ => &[
            "79228162514264337593543950335",
            "-79228162514264337593543950335",
            "0.0000000000000000000000000001",
            "-0.0000000000000000000000000001",
            "7.9228162514264337593543950335",
            "-7.9228162514264337593543950335",
            "0",
            "1",
        ],
    }
}

const EDGE_KINDS: [&str; 5] = ["percent", "rank", "score", "growth_rate", "count"];

/// Shares of counts at the edges of `u64`.
const EDGE_RATIOS: &[(u64, u64)] = &[
    (0, 1),
    (1, 1),
    (1, 3),
    (u64::MAX, u64::MAX),
    (1, u64::MAX),
    (0, u64::MAX),
    (i64::MAX as u64, u64::MAX - 1),
    (u64::MAX - 1, u64::MAX),
];

/// Picks from a slice by a raw random number.
fn pick<T: Copy>(options: &[T], raw: u64) -> T {
    options[usize::try_from(raw % options.len() as u64).unwrap()]
}

/// A valid catalogue and observations made of edge values, as JSON text.
fn edge_documents() -> impl Strategy<Value = (String, String)> {
    let indicator = (0usize..5, any::<u64>(), select(vec![0u32, 1, 365, 36600]));
    let target = (
        any::<u64>(),
        any::<u64>(),
        any::<u64>(),
        any::<u64>(),
        any::<bool>(),
    );
    let calendar = date("0001-01-01").to_julian_day()..=date("9999-12-31").to_julian_day();
    let observation = (
        any::<u64>(),
        any::<u64>(),
        any::<u64>(),
        any::<u64>(),
        any::<u64>(),
        prop_oneof![4 => Just(None), 1 => calendar.prop_map(Some)],
    );
    (
        vec(indicator, 1..=5),
        vec(target, 0..=6),
        vec(observation, 0..=12),
    )
        .prop_map(|(indicators, targets, observations)| {
            let cadences = ["annual", "biennial", "quarterly", "monthly", "irregular"];
            let kinds: Vec<&str> = indicators.iter().map(|(k, _, _)| EDGE_KINDS[*k]).collect();
            let indicators: Vec<Value> = indicators
                .iter()
                .enumerate()
                .map(|(i, (k, raw, lag))| {
                    json!({ "id": format!("i{i}"), "kind": EDGE_KINDS[*k],
                            "cadence": pick(&cadences, *raw), "publication_lag_days": lag })
                })
                .collect();
            let targets: Vec<Value> = targets
                .iter()
                .enumerate()
                .map(|(i, (which, rule, deadline, threshold, judged))| {
                    let ix = usize::try_from(*which % kinds.len() as u64).unwrap();
                    let kind = kinds[ix];
                    let rule = if kind == "rank" {
                        json!({ "within_top": pick(edge_values("rank"), *threshold)
                            .parse::<u32>().unwrap() })
                    } else {
                        json!({ (pick(&THRESHOLD_RULES, *rule)): pick(edge_values(kind), *threshold) })
                    };
                    let mut t = json!({ "id": format!("t{i}"), "indicator": format!("i{ix}"),
                        "unit": "VN", "rule": rule, "deadline": pick(EDGE_PERIODS, *deadline) });
                    if *judged {
                        t["judged_on"] = json!(pick(EDGE_PERIODS, deadline.rotate_left(7)));
                    }
                    t
                })
                .collect();
            let observations: Vec<String> = observations
                .iter()
                .map(|(which, period, published, value, ratio, day)| {
                    let ix = usize::try_from(*which % kinds.len() as u64).unwrap();
                    let kind = kinds[ix];
                    let period = pick(EDGE_PERIODS, *period);
                    // SPEC 1.1: never published before the period began.
                    let start = period.parse::<policy_targets::Period>().unwrap().start();
                    let published = match day {
                        Some(d) => Date::from_julian_day(*d).unwrap(),
                        None => date(pick(EDGE_DATES, *published)),
                    };
                    let published = date_text(published.max(start));
                    // Decimals as raw number text or as strings, alternately.
                    let reading = if kind == "percent" && ratio.is_multiple_of(3) {
                        let (n, d) = pick(EDGE_RATIOS, *ratio);
                        format!(r#""numerator": {n}, "denominator": {d}"#)
                    } else if value.is_multiple_of(2) {
                        format!(r#""value": {}"#, pick(edge_values(kind), *value / 2))
                    } else {
                        format!(r#""value": "{}""#, pick(edge_values(kind), *value / 2))
                    };
                    format!(
                        r#"{{"indicator": "i{ix}", "unit": "VN", "period": "{period}",
                            "published": "{published}", {reading}}}"#
                    )
                })
                .collect();
            (
                json!({ "format": CATALOGUE_FORMAT, "indicators": indicators, "targets": targets })
                    .to_string(),
                observations_doc(&observations),
            )
        })
}

proptest! {
    #![proptest_config(config(128))]

    /// Protects the engine's arithmetic and calendar at the edges: valid
    /// documents made of extreme values load (unless two figures conflict),
    /// and evaluate at any date, including 0001-01-01 and 9999-12-31.
    #[test]
    fn edge_documents_evaluate(docs in edge_documents(), dates in as_of_any()) {
        let (catalogue, observations) = docs;
        match load(&catalogue, &observations) {
            Ok((c, o)) => exercise_loaded(c, &o, &dates),
            Err(e) => prop_assert!(
                e.problems().iter().all(|p| p.kind() == policy_targets::ErrorKind::Conflict),
                "valid edge values were refused: {}", e
            ),
        }
    }
}

/// Extreme values that are valid: the largest decimals, the smallest step,
/// counts of 2^63-1, shares of `u64::MAX`, the first and last periods of the
/// calendar. They load, and evaluate at any date without a panic; a line
/// through them overflows into `insufficient_data`, never a crash.
#[test]
fn extreme_valid_values_evaluate() {
    let catalogue = json!({
        "format": CATALOGUE_FORMAT,
        "indicators": [
            { "id": "share", "kind": "percent" },
            { "id": "growth", "kind": "growth_rate", "cadence": "irregular",
              "publication_lag_days": 36600 },
            { "id": "things", "kind": "count", "cadence": "monthly" },
            { "id": "place", "kind": "rank", "cadence": "biennial" },
        ],
        "targets": [
            { "id": "s_min", "indicator": "share", "unit": "VN",
              "rule": { "more_than": "0.0000000000000000000000000001" }, "deadline": "9999-Q4" },
            { "id": "s_max", "indicator": "share", "unit": "VN",
              "rule": { "at_least": "99.9999999999999999999999999" }, "deadline": "0001" },
            { "id": "g_huge", "indicator": "growth", "unit": "VN",
              "rule": { "at_least": "79228162514264337593543950335" }, "deadline": "9999" },
            { "id": "g_tiny", "indicator": "growth", "unit": "VN",
              "rule": { "less_than": "-79228162514264337593543950335" }, "deadline": "5000-H2" },
            { "id": "c_max", "indicator": "things", "unit": "VN",
              "rule": { "at_least": "9223372036854775807" }, "deadline": "9999-12" },
            { "id": "p_top", "indicator": "place", "unit": "VN",
              "rule": { "within_top": 4294967295_u64 }, "deadline": "9999-12-31" },
        ],
    });
    let observations = format!(
        r#"{{"format": "{OBSERVATIONS_FORMAT}", "observations": [
        {{"indicator": "share", "unit": "VN", "period": "0001", "published": "0001-01-01",
          "numerator": 18446744073709551615, "denominator": 18446744073709551615}},
        {{"indicator": "share", "unit": "VN", "period": "9999-Q4", "published": "9999-12-31",
          "numerator": 1, "denominator": 18446744073709551615}},
        {{"indicator": "share", "unit": "VN", "period": "5000", "published": "5001-01-01",
          "numerator": 9223372036854775807, "denominator": 18446744073709551614}},
        {{"indicator": "growth", "unit": "VN", "period": "0001-01-01/9999-12-30",
          "published": "9999-12-31", "value": 79228162514264337593543950335}},
        {{"indicator": "growth", "unit": "VN", "period": "9999-12-31",
          "published": "9999-12-31", "value": -79228162514264337593543950335}},
        {{"indicator": "growth", "unit": "VN", "period": "5000",
          "published": "5000-12-31", "value": "0.0000000000000000000000000001"}},
        {{"indicator": "growth", "unit": "VN", "period": "5001",
          "published": "5001-12-31", "value": "-7.9228162514264337593543950335"}},
        {{"indicator": "things", "unit": "VN", "period": "9999-11", "published": "9999-12-01",
          "value": 9223372036854775807}},
        {{"indicator": "things", "unit": "VN", "period": "9999-12", "published": "9999-12-31",
          "value": "0"}},
        {{"indicator": "place", "unit": "VN", "period": "9998", "published": "9999-01-01",
          "value": 4294967295}},
        {{"indicator": "place", "unit": "VN", "period": "9999", "published": "9999-12-31",
          "value": 1}}
        ]}}"#
    );
    let (catalogue, observations) = load(&catalogue.to_string(), &observations).unwrap();
    let dates: Vec<Date> = [
        "0001-01-01",
        "0001-12-31",
        "0002-01-01",
        "5000-12-31",
        "5001-06-01",
        "9999-06-01",
        "9999-12-30",
        "9999-12-31",
    ]
    .into_iter()
    .map(date)
    .collect();
    exercise_loaded(catalogue, &observations, &dates);
}

/// Values one step beyond the edges are load errors, not panics or wraps.
#[test]
fn values_beyond_the_edges_are_refused() {
    let catalogue = every_kind_catalogue();
    for (indicator, field_and_value) in [
        ("a", r#""value": "100.0000000000000000000000001""#),
        ("a", r#""value": "-0.0000000000000000000000000001""#),
        ("a", r#""value": 79228162514264337593543950336"#),
        ("a", r#""value": "0.12345678901234567890123456789""#),
        (
            "a",
            r#""numerator": 18446744073709551616, "denominator": 18446744073709551616"#,
        ),
        ("a", r#""numerator": 1, "denominator": 0"#),
        ("b", r#""value": 0"#),
        ("b", r#""value": 194"#),
        ("b", r#""value": 1.5"#),
        ("c", r#""value": 9223372036854775808"#),
        ("c", r#""value": -1"#),
        ("c", r#""value": 1e400"#),
    ] {
        let text = format!(
            r#"{{"format": "{OBSERVATIONS_FORMAT}", "observations": [
              {{"indicator": "{indicator}", "unit": "VN", "period": "9999-Q4",
                "published": "9999-12-31", {field_and_value}}}]}}"#
        );
        let err = Observations::from_json(&text, &catalogue).unwrap_err();
        assert!(
            err.problems()[0].path().starts_with("observations[0]."),
            "{field_and_value}: {err}"
        );
    }
}

/// Deeply nested input is refused cleanly, without exhausting the stack.
#[test]
fn deep_nesting_is_refused() {
    for open in ["[", "{\"a\":"] {
        let deep = open.repeat(50_000);
        read_everything(&deep);
        let inside = format!(
            r#"{{"format": "{OBSERVATIONS_FORMAT}", "observations": [{}"#,
            deep
        );
        read_everything(&inside);
        let inside = format!(r#"{{"format": "{CATALOGUE_FORMAT}", "indicators": [{deep}"#);
        read_everything(&inside);
    }
}

// --- 6. Rules compare exactly (SPEC §3.3) -----------------------------------

/// A rank near `n`: often just inside or outside the top `n`.
fn rank_near(n: u32) -> impl Strategy<Value = u32> {
    prop_oneof![
        (-3i64..=3).prop_map(move |d| {
            u32::try_from((i64::from(n) + d).clamp(1, i64::from(u32::MAX))).unwrap()
        }),
        1u32..=u32::MAX,
    ]
}

fn rank_status(n: u32, rank: u32, after_deadline: bool) -> Status {
    let catalogue = json!({
        "format": CATALOGUE_FORMAT,
        "indicators": [{ "id": "r", "kind": "rank" }],
        "targets": [{ "id": "t", "indicator": "r", "unit": "VN",
                      "rule": { "within_top": n }, "deadline": "2025" }],
    });
    // After the deadline, the 2025 figure closes it; before, the 2024 figure
    // is the latest.
    let (period, published, as_of) = if after_deadline {
        ("2025", "2026-01-15", "2026-06-01")
    } else {
        ("2024", "2025-01-15", "2025-06-01")
    };
    let observations = json!({ "format": OBSERVATIONS_FORMAT, "observations": [
        { "indicator": "r", "unit": "VN", "period": period, "published": published,
          "value": rank }] });
    let doc = results(
        &catalogue.to_string(),
        &observations.to_string(),
        date(as_of),
    )
    .unwrap();
    doc.results()[0].status
}

/// The status of `{rule: threshold}` on a percent closed by `reading`.
fn percent_status(rule: &str, threshold: &str, reading: Value) -> Status {
    let catalogue = json!({
        "format": CATALOGUE_FORMAT,
        "indicators": [{ "id": "x", "kind": "percent" }],
        "targets": [{ "id": "t", "indicator": "x", "unit": "VN",
                      "rule": { rule: threshold }, "deadline": "2025" }],
    });
    let mut obs = json!({ "indicator": "x", "unit": "VN", "period": "2025",
                          "published": "2026-02-01" });
    for (k, v) in reading.as_object().unwrap() {
        obs[k] = v.clone();
    }
    let observations = json!({ "format": OBSERVATIONS_FORMAT, "observations": [obs] });
    let doc = results(
        &catalogue.to_string(),
        &observations.to_string(),
        date("2026-06-01"),
    )
    .unwrap();
    doc.results()[0].status
}

/// A decimal and the same decimal plus or minus its last digit's unit.
fn decimal_with_step() -> impl Strategy<Value = (Decimal, Decimal)> {
    (any::<i64>(), 0u32..=12).prop_map(|(m, scale)| {
        let d = Decimal::new(m, scale);
        (d, Decimal::new(1, scale))
    })
}

proptest! {
    #![proptest_config(config(64))]

    /// Protects the direction of rank rules: `within_top n` holds exactly
    /// when the rank is n or better, whether asked directly or through a
    /// full evaluation, after the deadline (`met`) or before (`achieved`).
    #[test]
    fn within_top_is_met_iff_rank_at_most_n(
        (n, rank) in (1u32..=u32::MAX).prop_flat_map(|n| (Just(n), rank_near(n))),
        small_n in 1u32..=200,
        small_rank in 1u32..=200,
    ) {
        for (n, rank) in [(n, rank), (small_n, small_rank)] {
            let met = rank <= n;
            prop_assert_eq!(Rule::WithinTop(n).is_met_by(Decimal::from(rank)), met);
            let after = rank_status(n, rank, true);
            prop_assert_eq!(after, if met { Status::Met } else { Status::Missed });
            let before = rank_status(n, rank, false);
            prop_assert_eq!(before == Status::Achieved, met, "before the deadline: {:?}", before);
        }
    }

    /// Protects "trên 50%": `more_than` and `less_than` are strict, `at_least`
    /// and `at_most` inclusive, at any scale.
    #[test]
    fn strict_rules_are_strict((t, step) in decimal_with_step()) {
        let above = t + step;
        let below = t - step;
        prop_assert!(!Rule::MoreThan(t).is_met_by(t));
        prop_assert!(Rule::MoreThan(t).is_met_by(above));
        prop_assert!(!Rule::LessThan(t).is_met_by(t));
        prop_assert!(Rule::LessThan(t).is_met_by(below));
        prop_assert!(Rule::AtLeast(t).is_met_by(t));
        prop_assert!(!Rule::AtLeast(t).is_met_by(below));
        prop_assert!(Rule::AtMost(t).is_met_by(t));
        prop_assert!(!Rule::AtMost(t).is_met_by(above));
        // The same value written with more trailing zeros is the same value.
        let padded = Decimal::from_i128_with_scale(t.mantissa() * 1000, t.scale() + 3);
        prop_assert!(!Rule::MoreThan(t).is_met_by(padded));
        prop_assert!(Rule::AtLeast(padded).is_met_by(t));
    }

    /// `more_than` is strict through a full evaluation too, for values and for
    /// shares given as counts equal to the threshold exactly (`n` of `d`
    /// where `d = 2^a·5^b`, so that `100·n/d` terminates).
    #[test]
    fn more_than_is_strict_in_evaluation(
        a in 0u32..=10,
        b in 0u32..=10,
        n_raw in any::<u64>(),
        extra_zeros in 0usize..4,
    ) {
        let den = 2u64.pow(a) * 5u64.pow(b);
        let num = n_raw % (den + 1);
        let threshold = (Decimal::from(num) * Decimal::ONE_HUNDRED / Decimal::from(den)).normalize();
        let t = threshold.to_string();
        let padded = if t.contains('.') {
            format!("{t}{}", "0".repeat(extra_zeros))
        } else if extra_zeros > 0 {
            format!("{t}.{}", "0".repeat(extra_zeros))
        } else {
            t.clone()
        };
        let ratio = json!({ "numerator": num, "denominator": den });
        prop_assert_eq!(percent_status("more_than", &t, ratio.clone()), Status::Missed);
        prop_assert_eq!(percent_status("at_least", &t, ratio.clone()), Status::Met);
        prop_assert_eq!(percent_status("less_than", &t, ratio.clone()), Status::Missed);
        prop_assert_eq!(percent_status("at_most", &t, ratio), Status::Met);
        prop_assert_eq!(
            percent_status("more_than", &t, json!({ "value": padded.clone() })),
            Status::Missed
        );
        prop_assert_eq!(percent_status("at_least", &padded, json!({ "value": t })), Status::Met);
        if num < den {
            let one_more = json!({ "numerator": num + 1, "denominator": den });
            prop_assert_eq!(percent_status("more_than", &padded, one_more), Status::Met);
        }
    }
}

// --- 7. Order dependence: minimal reproductions -------------------------------

const ONE_PERCENT: &str = r#"{"format": "policy-targets/catalogue@1",
  "indicators": [{"id": "x", "kind": "percent"}],
  "targets": [{"id": "t", "indicator": "x", "unit": "VN", "rule": {"at_least": "50"},
               "deadline": "2025"}]}"#;

/// An observation of `x` for 2025, published 2026-02-01, with extra fields.
fn obs_2025(unit: &str, fields: &str) -> String {
    format!(
        r#"{{"indicator": "x", "unit": "{unit}", "period": "2025", "published": "2026-02-01", {fields}}}"#
    )
}

/// The results of `ONE_PERCENT` at 2026-06-01 for the observations given in
/// this order and in the reverse order.
fn both_orders(objects: &[String]) -> (ResultsDocument, ResultsDocument) {
    let mut reversed = objects.to_vec();
    reversed.reverse();
    let as_of = date("2026-06-01");
    (
        results(ONE_PERCENT, &observations_doc(objects), as_of).unwrap(),
        results(ONE_PERCENT, &observations_doc(&reversed), as_of).unwrap(),
    )
}

/// Two stores holding the same observations are equal, whatever the order of
/// the documents they were read from.
#[test]
fn observations_equality_ignores_document_order() {
    let catalogue = Catalogue::from_json(ONE_PERCENT).unwrap();
    let a = obs_2025("VN", r#""value": "40", "series": "gso""#);
    let b = obs_2025("VN", r#""value": "60", "series": "ministry""#);
    let ab = Observations::from_json(&observations_doc(&[a.clone(), b.clone()]), &catalogue);
    let ba = Observations::from_json(&observations_doc(&[b, a]), &catalogue);
    assert_eq!(ab.unwrap(), ba.unwrap());
}

/// `Observations::from_json(&o.to_json(), &c) == o`: written in the store's
/// order, the series are named in another order than in the original
/// document, and the store read back compares unequal.
#[test]
fn observations_round_trip_by_eq() {
    let catalogue = Catalogue::from_json(ONE_PERCENT).unwrap();
    let objects = [
        obs_2025("VN", r#""value": "1""#),
        obs_2025("VN-HN", r#""value": "1", "series": "gso""#),
        obs_2025("VN-HN", r#""value": "1", "series": "ministry""#),
        obs_2025("VN", r#""value": "1", "series": "ministry""#),
    ];
    let o = Observations::from_json(&observations_doc(&objects), &catalogue).unwrap();
    let again = Observations::from_json(&o.to_json(), &catalogue).unwrap();
    assert_eq!(canonical(&again), canonical(&o)); // the same observations…
    assert_eq!(again, o); // …but not equal
}

/// The explanation of `ambiguous` names the series found; which one comes
/// first must not depend on the order of the document.
#[test]
fn ambiguous_explanation_does_not_depend_on_order() {
    let (a, b) = both_orders(&[
        obs_2025("VN", r#""value": "40", "series": "gso""#),
        obs_2025("VN", r#""value": "60", "series": "ministry""#),
    ]);
    assert_eq!(a.results()[0].status, Status::Ambiguous);
    assert_eq!(a, b);
}

/// Two observations of the same indicator, unit, series and period,
/// published the same day, with the same value written differently (another
/// source, trailing zeros, the same share as other counts, the period
/// written as a range): either a conflict, or the same result whatever the
/// order. The loader keeps whichever comes first in the document.
#[test]
fn equal_same_day_observations_do_not_depend_on_order() {
    let pairs = [
        (
            r#""value": "60", "source": "GSO""#,
            r#""value": "60", "source": "Ministry""#,
        ),
        (r#""value": "60""#, r#""value": "60.00""#),
        (
            r#""numerator": 3, "denominator": 5"#,
            r#""numerator": 600, "denominator": 1000"#,
        ),
        (r#""value": "60""#, r#""numerator": 3, "denominator": 5"#),
    ];
    let mut failures = Vec::new();
    for (first, second) in pairs {
        let objects = [obs_2025("VN", first), obs_2025("VN", second)];
        let catalogue = Catalogue::from_json(ONE_PERCENT).unwrap();
        if Observations::from_json(&observations_doc(&objects), &catalogue).is_err() {
            continue; // reported as a conflict: acceptable
        }
        let (a, b) = both_orders(&objects);
        if a != b {
            failures.push(format!(
                "{first} / {second}:\n  {:?}\n  {:?}",
                a.results()[0],
                b.results()[0]
            ));
        }
    }
    let spelled = r#"{"indicator": "x", "unit": "VN", "period": "2025-01-01/2025-12-31",
                      "published": "2026-02-01", "value": "60"}"#;
    let (a, b) = both_orders(&[obs_2025("VN", r#""value": "60""#), spelled.to_owned()]);
    if a != b {
        failures.push(format!(
            "2025 / 2025-01-01/2025-12-31:\n  {:?}\n  {:?}",
            a.results()[0],
            b.results()[0]
        ));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// --- SPEC 1.1: bounded figures, fresh closing figures, builders -------------

/// A kind for the bounded-figure properties, with its valid range: values
/// are hundredths for decimal kinds, whole numbers for ranks and counts.
#[derive(Debug, Clone, Copy)]
enum BoundKind {
    Percent,
    Rank { out_of: u32 },
    Score,
    Count,
    Growth,
}

impl BoundKind {
    fn json(self) -> Value {
        match self {
            BoundKind::Percent => json!({ "id": "x", "kind": "percent" }),
            BoundKind::Rank { out_of } => json!({ "id": "x", "kind": "rank", "out_of": out_of }),
            BoundKind::Score => json!({ "id": "x", "kind": "score", "min": "-5", "max": "5" }),
            BoundKind::Count => json!({ "id": "x", "kind": "count" }),
            BoundKind::Growth => json!({ "id": "x", "kind": "growth_rate" }),
        }
    }

    fn whole(self) -> bool {
        matches!(self, BoundKind::Rank { .. } | BoundKind::Count)
    }

    /// The valid range; `None`: unbounded (counts below 2^63-1 stay far
    /// from it here).
    fn range(self) -> (Option<Decimal>, Option<Decimal>) {
        match self {
            BoundKind::Percent => (Some(dec("0")), Some(dec("100"))),
            BoundKind::Rank { out_of } => (Some(dec("1")), Some(Decimal::from(out_of))),
            BoundKind::Score => (Some(dec("-5")), Some(dec("5"))),
            BoundKind::Count => (Some(dec("0")), None),
            BoundKind::Growth => (None, None),
        }
    }

    /// A valid value from a raw number.
    fn value(self, raw: u64) -> Decimal {
        match self {
            BoundKind::Percent => Decimal::new(i64::try_from(raw % 10_001).unwrap(), 2),
            BoundKind::Rank { out_of } => Decimal::from(raw % u64::from(out_of) + 1),
            BoundKind::Score => Decimal::new(i64::try_from(raw % 1001).unwrap() - 500, 2),
            BoundKind::Count => Decimal::from(raw % 1000),
            BoundKind::Growth => Decimal::new(i64::try_from(raw % 4001).unwrap() - 2000, 2),
        }
    }

    /// Whether `v` is a valid value of the kind.
    fn valid(self, v: Decimal) -> bool {
        let (lo, hi) = self.range();
        (!self.whole() || v.fract().is_zero())
            && lo.is_none_or(|lo| v >= lo)
            && hi.is_none_or(|hi| v <= hi)
    }
}

fn bound_kind() -> impl Strategy<Value = BoundKind> {
    prop_oneof![
        Just(BoundKind::Percent),
        (1u32..=200).prop_map(|out_of| BoundKind::Rank { out_of }),
        Just(BoundKind::Score),
        Just(BoundKind::Count),
        Just(BoundKind::Growth),
    ]
}

/// Whether the true value `v` is allowed by `qualifier bound`.
fn allows(qualifier: &str, bound: Decimal, v: Decimal) -> bool {
    match qualifier {
        "more_than" => v > bound,
        "at_least" => v >= bound,
        "less_than" => v < bound,
        _ => v <= bound,
    }
}

/// The rule of a target on `kind`: `within_top` for a rank, else one of the
/// threshold rules, its threshold a valid value.
fn bound_rule(kind: BoundKind, which: u8, threshold: Decimal) -> Value {
    match kind {
        BoundKind::Rank { .. } => {
            json!({ "within_top": threshold.to_string().parse::<u32>().unwrap() })
        }
        _ => json!({ (THRESHOLD_RULES[usize::from(which) % 4]): threshold.to_string() }),
    }
}

/// A valid value near `base` (a few of the kind's steps away) or anywhere,
/// so that bounds and thresholds often meet at the edges.
fn near(kind: BoundKind, base: Decimal, delta: i64, raw: u64) -> Decimal {
    let step = if kind.whole() { dec("1") } else { dec("0.01") };
    let v = base + Decimal::from(delta) * step;
    if delta.abs() <= 3 && kind.valid(v) {
        v
    } else {
        kind.value(raw)
    }
}

/// The status of a target on `kind` with `rule` whose only figure is
/// `reading` (a value, perhaps bounded), after the deadline (`closing`) or
/// before it.
fn status_of(kind: BoundKind, rule: &Value, reading: Value, closing: bool) -> Status {
    let catalogue = json!({ "format": CATALOGUE_FORMAT, "indicators": [kind.json()],
        "targets": [{ "id": "t", "indicator": "x", "unit": "VN", "rule": rule, "deadline": "2025" }] });
    let mut obs =
        json!({ "indicator": "x", "unit": "VN", "period": "2025", "published": "2025-11-15" });
    for (k, v) in reading.as_object().unwrap() {
        obs[k] = v.clone();
    }
    let observations = json!({ "format": OBSERVATIONS_FORMAT, "observations": [obs] });
    let as_of = date(if closing { "2026-06-01" } else { "2025-12-01" });
    let doc = results(&catalogue.to_string(), &observations.to_string(), as_of)
        .unwrap_or_else(|| panic!("refused: {catalogue} {observations}"));
    doc.results()[0].status
}

/// A bounded figure and an exact value it allows: the qualifier is chosen
/// among those under which `exact` lies beyond `bound`.
fn bound_around(exact: Decimal, bound: Decimal, pick: u8) -> &'static str {
    let options: &[&str] = match exact.cmp(&bound) {
        std::cmp::Ordering::Greater => &["more_than", "at_least"],
        std::cmp::Ordering::Equal => &["at_least", "at_most"],
        std::cmp::Ordering::Less => &["less_than", "at_most"],
    };
    options[usize::from(pick) % options.len()]
}

proptest! {
    #![proptest_config(config(256))]

    /// SPEC 3.3: replacing an exact figure by a bound that contains it never
    /// turns `met` into `missed` or back, only into `inconclusive`; before
    /// the deadline a bound never makes a target `achieved` that its exact
    /// value would not.
    #[test]
    fn a_bound_around_an_exact_figure_never_flips_the_verdict(
        kind in bound_kind(),
        (which, threshold_raw) in (any::<u8>(), any::<u64>()),
        (bound_delta, bound_raw) in (-4i64..=4, any::<u64>()),
        (exact_delta, exact_raw, pick) in (-4i64..=4, any::<u64>(), any::<u8>()),
    ) {
        let threshold = kind.value(threshold_raw);
        let rule = bound_rule(kind, which, threshold);
        let bound = near(kind, threshold, bound_delta, bound_raw);
        let exact = near(kind, bound, exact_delta, exact_raw);
        let qualifier = bound_around(exact, bound, pick);
        let exact_json = json!({ "value": exact.to_string() });
        let bound_json = json!({ "value": bound.to_string(), "qualifier": qualifier });
        let before = status_of(kind, &rule, exact_json, true);
        let after = status_of(kind, &rule, bound_json.clone(), true);
        prop_assert!(matches!(before, Status::Met | Status::Missed));
        prop_assert!(after == before || after == Status::Inconclusive,
            "{} → {} with {} {} for {}", before, after, qualifier, bound, rule);
        let early = status_of(kind, &rule, bound_json, false);
        if early == Status::Achieved {
            prop_assert_eq!(before, Status::Met, "{} {} for {}", qualifier, bound, rule);
        }
    }

    /// SPEC 3.3: a bound that decides gives the status any exact value it
    /// allows gives; a bound that cannot tell allows an exact value that
    /// meets the rule and one that does not.
    #[test]
    fn a_deciding_bound_agrees_with_every_value_it_allows(
        kind in bound_kind(),
        (which, threshold_raw) in (any::<u8>(), any::<u64>()),
        (bound_delta, bound_raw, q) in (-4i64..=4, any::<u64>(), 0usize..4),
    ) {
        let qualifier = ["more_than", "at_least", "less_than", "at_most"][q];
        let threshold = kind.value(threshold_raw);
        let rule = bound_rule(kind, which, threshold);
        let bound = near(kind, threshold, bound_delta, bound_raw);
        // Exact values near the bound, the threshold and the ends of the range.
        let step = if kind.whole() { dec("1") } else { dec("0.001") };
        let (lo, hi) = kind.range();
        let mut candidates = vec![bound, threshold];
        for base in [bound, threshold] {
            for d in [step, dec("1"), dec("10")] {
                candidates.extend([base + d, base - d]);
            }
        }
        candidates.extend(lo.into_iter().chain(hi));
        candidates.retain(|v| kind.valid(*v) && allows(qualifier, bound, *v));
        let bound_json = json!({ "value": bound.to_string(), "qualifier": qualifier });
        let status = if !candidates.is_empty() {
            status_of(kind, &rule, bound_json, true)
        } else {
            // A bound that allows no valid value is refused at load (SPEC 4).
            let catalogue = json!({ "format": CATALOGUE_FORMAT, "indicators": [kind.json()], "targets": [] });
            let obs = json!({ "format": OBSERVATIONS_FORMAT, "observations": [
                { "indicator": "x", "unit": "VN", "period": "2025", "published": "2025-11-15",
                  "value": bound.to_string(), "qualifier": qualifier }] });
            prop_assert!(load(&catalogue.to_string(), &obs.to_string()).is_err(),
                "{} {} allows nothing", qualifier, bound);
            return Ok(());
        };
        let exact: Vec<Status> = candidates
            .iter()
            .map(|v| status_of(kind, &rule, json!({ "value": v.to_string() }), true))
            .collect();
        match status {
            Status::Met | Status::Missed => prop_assert!(exact.iter().all(|s| *s == status),
                "{} {} is {} but {:?} give {:?} for {}", qualifier, bound, status, candidates, exact, rule),
            Status::Inconclusive => prop_assert!(
                exact.contains(&Status::Met) && exact.contains(&Status::Missed),
                "{} {} cannot tell {}, yet {:?} give {:?}", qualifier, bound, rule, candidates, exact),
            other => prop_assert!(false, "a closing bound gave {}", other),
        }
    }

    /// SPEC 3.4: raising `max_age_days` never turns a decided target
    /// (`met`, `missed`, `inconclusive`) into `awaiting_data`: the closing
    /// figure it found still stands.
    #[test]
    fn raising_max_age_days_never_undecides_a_target(
        figures in vec((2005i32..=2030, 1u32..=194), 0..6),
        deadline in 2010i32..=2030,
        top in 1u32..=194,
        (biennial, lag) in (any::<bool>(), select(vec![0u32, 120, 365])),
        ages in (select(vec![0u32, 200, 731, 1096, 2000, 36_600]), select(vec![0u32, 200, 731, 1096, 2000, 36_600])),
    ) {
        let (small, large) = (ages.0.min(ages.1), ages.0.max(ages.1));
        let status = |max_age: u32| {
            let catalogue = json!({ "format": CATALOGUE_FORMAT,
                "indicators": [{ "id": "x", "kind": "rank", "out_of": 194,
                    "cadence": if biennial { "biennial" } else { "irregular" },
                    "publication_lag_days": lag, "max_age_days": max_age }],
                "targets": [{ "id": "t", "indicator": "x", "unit": "VN",
                    "rule": { "within_top": top }, "deadline": deadline.to_string() }] });
            let observations: Vec<Value> = figures.iter().map(|(year, rank)| json!({
                "indicator": "x", "unit": "VN", "period": year.to_string(),
                "published": format!("{}-03-01", year + 1), "value": rank })).collect();
            let observations = json!({ "format": OBSERVATIONS_FORMAT, "observations": observations });
            // Only the last figure of a year is kept (a same-day conflict is not the point here).
            let as_of = date(&format!("{}-12-31", deadline + 2));
            match load(&catalogue.to_string(), &observations.to_string()) {
                Ok((c, o)) => Some(Evaluator::new(c).evaluate(&o, as_of).unwrap().results()[0].status()),
                Err(_) => None,
            }
        };
        if let (Some(s1), Some(s2)) = (status(small), status(large)) {
            if matches!(s1, Status::Met | Status::Missed | Status::Inconclusive) {
                prop_assert_eq!(s1, s2, "max_age_days {} → {}", small, large);
            }
            if s2 == Status::AwaitingData {
                prop_assert_eq!(s1, Status::AwaitingData);
            }
        }
    }
}

/// A typed key of one of the builder's kinds.
#[derive(Debug, Clone)]
enum AnyKey {
    Percent(policy_targets::IndicatorKey<policy_targets::Percent>),
    Rank(policy_targets::IndicatorKey<policy_targets::Rank>, u32),
    Score(policy_targets::IndicatorKey<policy_targets::Score>),
    Count(policy_targets::IndicatorKey<policy_targets::Count>),
}

/// A day of the builder generators, some outside the years the formats can
/// write (a builder must refuse them, as the reader does).
fn any_day(raw: u64) -> Date {
    match raw % 8 {
        0 => Date::from_calendar_date(-9999, time::Month::January, 1).unwrap(),
        1 => Date::from_calendar_date(0, time::Month::June, 30).unwrap(),
        2 => date("0001-01-01"),
        3 => date("9999-12-31"),
        _ => Date::from_julian_day(
            date("2015-01-01").to_julian_day() + i32::try_from(raw % 5000).unwrap(),
        )
        .unwrap(),
    }
}

fn any_period(raw: u64) -> policy_targets::Period {
    let year = 2015 + i32::try_from(raw % 12).unwrap();
    match raw % 5 {
        0 => policy_targets::Period::quarter(year, u8::try_from(raw % 4 + 1).unwrap()),
        1 => policy_targets::Period::month(year, u8::try_from(raw % 12 + 1).unwrap()),
        2 => policy_targets::Period::day(any_day(raw / 5)),
        _ => policy_targets::Period::year(year),
    }
    .unwrap_or_else(|_| policy_targets::Period::year(year).unwrap())
}

fn any_text(raw: u64) -> &'static str {
    [
        "",
        " padded ",
        "gso",
        "Bộ TT&TT \"trên 80%\"",
        "line\nbreak",
        "VN-HN",
        "ministry",
    ][usize::try_from(raw % 7).unwrap()]
}

/// Builds a catalogue and observations in code from raw numbers, keeping
/// what the builders accept.
fn built(ops: &[u64]) -> Option<(Catalogue, Observations)> {
    use policy_targets::{
        Cadence, Count, Discontinued, IndicatorDef, Method, NewObservation, Percent, Qualifier,
        Rank, Score, Source, TargetDef, Threshold,
    };
    let mut raw = ops.iter().copied().cycle();
    let mut next = move || raw.next().unwrap_or(0);
    let mut b = Catalogue::builder();
    let mut keys = Vec::new();
    for i in 0..(next() % 5 + 1) {
        let id = format!("i{i}");
        let cadence = [
            Cadence::Annual,
            Cadence::Biennial,
            Cadence::Quarterly,
            Cadence::Monthly,
            Cadence::Irregular,
        ][usize::try_from(next() % 5).unwrap()];
        let lag = [0, 365, 36_600, 36_601, u32::MAX][usize::try_from(next() % 5).unwrap()];
        macro_rules! common {
            ($def:expr) => {{
                let mut d = $def.with_cadence(cadence).with_publication_lag_days(lag);
                if next() % 3 == 0 {
                    d = d.with_max_age_days(
                        [0, 731, 36_600, 40_000][usize::try_from(next() % 4).unwrap()],
                    );
                }
                if next() % 4 == 0 {
                    d = d.with_discontinued(Discontinued::new(any_day(next()), any_text(next())));
                }
                if next() % 3 == 0 {
                    d = d.with_series(any_text(next()));
                }
                if next() % 3 == 0 {
                    d = d
                        .with_name_vi(any_text(next()))
                        .with_name_en(any_text(next()));
                }
                if next() % 5 == 0 {
                    d = d.with_progress(Method::EurostatCagr {
                        years: u8::try_from(next() % 60).unwrap(),
                    });
                }
                d
            }};
        }
        match next() % 4 {
            0 => {
                if let Ok(k) = b.indicator(common!(IndicatorDef::<Percent>::new(id))) {
                    keys.push(AnyKey::Percent(k))
                }
            }
            1 => {
                let out_of = u32::try_from(next() % 200).unwrap();
                if let Ok(k) =
                    b.indicator(common!(IndicatorDef::<Rank>::new(id)).with_out_of(out_of))
                {
                    keys.push(AnyKey::Rank(k, out_of))
                }
            }
            2 => {
                let (lo, hi) = (
                    Decimal::new(i64::try_from(next() % 21).unwrap() - 10, 0),
                    Decimal::new(i64::try_from(next() % 21).unwrap() - 10, 0),
                );
                if let Ok(k) =
                    b.indicator(common!(IndicatorDef::<Score>::new(id)).with_range(lo, hi))
                {
                    keys.push(AnyKey::Score(k))
                }
            }
            _ => {
                if let Ok(k) = b.indicator(common!(IndicatorDef::<Count>::new(id))) {
                    keys.push(AnyKey::Count(k))
                }
            }
        }
    }
    if keys.is_empty() {
        return None;
    }
    let pick = |raw: u64| keys[usize::try_from(raw % keys.len() as u64).unwrap()].clone();
    for j in 0..(next() % 6) {
        let id = format!("t{j}");
        let unit = any_text(next());
        let deadline = any_period(next());
        let def = match pick(next()) {
            AnyKey::Percent(k) => TargetDef::new(
                id,
                &k,
                unit,
                Threshold::at_least(
                    Percent::new(Decimal::new(i64::try_from(next() % 10_001).unwrap(), 2)).unwrap(),
                ),
                deadline,
            ),
            AnyKey::Rank(k, _) => TargetDef::new(
                id,
                &k,
                unit,
                Threshold::within_top(Rank::new(u32::try_from(next() % 250 + 1).unwrap()).unwrap()),
                deadline,
            ),
            AnyKey::Score(k) => TargetDef::new(
                id,
                &k,
                unit,
                Threshold::more_than(
                    Score::new(Decimal::new(i64::try_from(next() % 41).unwrap() - 20, 1)).unwrap(),
                ),
                deadline,
            ),
            AnyKey::Count(k) => TargetDef::new(
                id,
                &k,
                unit,
                Threshold::less_than(Count::new(next() % 2000).unwrap()),
                deadline,
            ),
        };
        let mut def = def.with_tag(any_text(next()));
        if next() % 3 == 0 {
            def = def.with_judged_on(any_period(next()));
        }
        if next() % 3 == 0 {
            def = def.with_source(
                Source::new(any_text(next()))
                    .with_issued(any_day(next()))
                    .with_text_vi(any_text(next())),
            );
        }
        if next() % 3 == 0 {
            def = def.with_no_data_reason_vi(any_text(next()));
        }
        if next() % 3 == 0 {
            def = def.with_no_data_reason_en(any_text(next()));
        }
        if next() % 4 == 0 {
            def = def.with_every_period(any_period(next()));
        }
        let _ = b.target(def);
    }
    let catalogue = b.build().ok()?;
    let mut o = Observations::builder(&catalogue);
    for _ in 0..(next() % 8) {
        let (unit, period, published) = (any_text(next()), any_period(next()), any_day(next()));
        let q = [
            None,
            Some(Qualifier::MoreThan),
            Some(Qualifier::AtLeast),
            Some(Qualifier::LessThan),
            Some(Qualifier::AtMost),
        ][usize::try_from(next() % 5).unwrap()];
        macro_rules! push {
            ($new:expr) => {{
                let mut n = $new;
                if let Some(q) = q {
                    n = n.with_qualifier(q);
                }
                if next() % 3 == 0 {
                    n = n
                        .with_series(any_text(next()))
                        .with_source(any_text(next()))
                        .with_note(any_text(next()));
                }
                let _ = o.push(n);
            }};
        }
        match pick(next()) {
            AnyKey::Percent(k) if next() % 2 == 0 => push!(NewObservation::ratio(
                &k,
                unit,
                period,
                published,
                next() % 1000,
                next() % 1000
            )),
            AnyKey::Percent(k) => push!(NewObservation::new(
                &k,
                unit,
                period,
                published,
                Percent::new(Decimal::new(i64::try_from(next() % 10_001).unwrap(), 2)).unwrap()
            )),
            AnyKey::Rank(k, out_of) => push!(NewObservation::new(
                &k,
                unit,
                period,
                published,
                Rank::new(
                    u32::try_from(next() % u64::from(out_of.max(1) + 1))
                        .unwrap()
                        .max(1)
                )
                .unwrap()
            )),
            AnyKey::Score(k) => push!(NewObservation::new(
                &k,
                unit,
                period,
                published,
                Score::new(Decimal::new(
                    i64::try_from(next() % 2001).unwrap() - 1000,
                    2
                ))
                .unwrap()
            )),
            AnyKey::Count(k) => push!(NewObservation::new(
                &k,
                unit,
                period,
                published,
                Count::new(next() % 3000).unwrap()
            )),
        }
    }
    Some((catalogue.clone(), o.build().ok()?))
}

proptest! {
    #![proptest_config(config(512))]

    /// Builders apply exactly the checks of the readers: whatever a builder
    /// accepts, `to_json` writes and the reader loads back identical (and
    /// writes the same text again).
    #[test]
    fn what_a_builder_accepts_reads_back_identical(ops in vec(any::<u64>(), 8..200)) {
        if let Some((catalogue, observations)) = built(&ops) {
            let text = catalogue.to_json();
            let read = Catalogue::from_json(&text);
            prop_assert!(read.is_ok(), "the reader refused what the builder accepted: {:?}\n{}", read.err(), text);
            let read = read.unwrap();
            prop_assert_eq!(&read, &catalogue);
            prop_assert_eq!(read.to_json(), text);
            let obs_text = observations.to_json();
            let read_obs = Observations::from_json(&obs_text, &read);
            prop_assert!(read_obs.is_ok(), "the reader refused what the builder accepted: {:?}\n{}", read_obs.err(), obs_text);
            let read_obs = read_obs.unwrap();
            prop_assert_eq!(canonical(&read_obs), canonical(&observations));
            prop_assert_eq!(read_obs.to_json(), obs_text);
        }
    }
}
