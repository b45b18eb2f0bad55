//! Progress assessment (issue 5): the golden cases G1–G13 of the methods
//! research, the publishers' edge rules (issue 16), edge cases, every-period
//! targets, and properties.
//!
//! Golden cases with published inputs (G1–G4) are checked to the published
//! precision; constructed ones exactly, or to the digits the research gives
//! where the value is irrational (a compound growth rate).

use policy_targets::progress::{compound_growth, open_sdg_score, share_of_distance_covered};
use policy_targets::{
    Catalogue, Category, Decimal, EvaluationOptions, Evaluator, Method, Observations, Progress,
    Refusal, ResultsDocument, Rule, Status, parse_date,
};
use proptest::prelude::*;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// One target on one yearly series: `kind`, `rule` (JSON), deadline year,
/// and `(year, value)` points published in the March after each year.
struct Series {
    kind: &'static str,
    rule: String,
    deadline: String,
    points: Vec<(i32, String)>,
    indicator_extra: String,
    target_extra: String,
}

impl Series {
    fn new(kind: &'static str, rule: &str, deadline: i32, points: &[(i32, &str)]) -> Self {
        Series {
            kind,
            rule: rule.to_owned(),
            deadline: deadline.to_string(),
            points: points.iter().map(|(y, v)| (*y, (*v).to_owned())).collect(),
            indicator_extra: String::new(),
            target_extra: String::new(),
        }
    }

    fn documents(&self) -> (Catalogue, Observations) {
        let catalogue = format!(
            r#"{{"format": "policy-targets/catalogue@1",
              "indicators": [{{"id": "ind", "kind": "{}"{}}}],
              "targets": [{{"id": "t", "indicator": "ind", "unit": "VN", "rule": {},
                            "deadline": "{}"{}}}]}}"#,
            self.kind, self.indicator_extra, self.rule, self.deadline, self.target_extra
        );
        let obs: Vec<String> = self
            .points
            .iter()
            .map(|(y, v)| {
                format!(
                    r#"{{"indicator": "ind", "unit": "VN", "period": "{y}", "published": "{}-03-01", "value": "{v}"}}"#,
                    y + 1
                )
            })
            .collect();
        let observations = format!(
            r#"{{"format": "policy-targets/observations@1", "observations": [{}]}}"#,
            obs.join(",")
        );
        policy_targets::load(&catalogue, &observations).unwrap()
    }

    /// The status and progress with `method`, as of `as_of`.
    fn assess(&self, as_of: &str, method: Method) -> (Status, Option<Progress>) {
        let (c, o) = self.documents();
        let evaluator = Evaluator::new(c);
        let evaluation = evaluator.evaluate(&o, parse_date(as_of).unwrap()).unwrap();
        let r = evaluation.get("t").unwrap();
        (r.status(), r.progress_with(method))
    }

    fn progress(&self, as_of: &str, method: Method) -> Progress {
        self.assess(as_of, method).1.expect("a progress assessment")
    }
}

fn round(v: Option<Decimal>, dp: u32) -> Decimal {
    v.expect("a value").round_dp(dp)
}

const EUROSTAT_5: Method = Method::EurostatCagr { years: 5 };
const EUROSTAT_15: Method = Method::EurostatCagr { years: 15 };

// --- G1–G4: Eurostat, published inputs ----------------------------------------

#[test]
fn g1_eurostat_short_term_early_leavers() {
    // Early leavers 18–24, EU-28: 2012 = 12.7 %, 2017 = 10.6 %, target < 10 % by 2020.
    let s = Series::new(
        "percent",
        r#"{"less_than": "10"}"#,
        2020,
        &[(2012, "12.7"), (2017, "10.6")],
    );
    let p = s.progress("2018-06-01", EUROSTAT_5);
    assert_eq!(p.base().unwrap().period().to_string(), "2012");
    assert_eq!(round(p.observed_growth(), 1), d("-3.6")); // published: −3.6 % a year
    assert_eq!(round(p.observed_growth(), 2), d("-3.55"));
    assert_eq!(round(p.required_growth(), 2), d("-2.94"));
    assert_eq!(round(p.ratio(), 2), d("1.21"));
    assert_eq!(p.category(), Some(Category::SignificantProgress));
    // What is still needed from 10.6 in 2017 to below 10 by 2020: −0.2 points a year.
    assert_eq!(p.required_pace(), Some(d("-0.2")));
}

#[test]
fn g2_eurostat_long_term_early_leavers() {
    let s = Series::new(
        "percent",
        r#"{"less_than": "10"}"#,
        2020,
        &[(2002, "17.0"), (2012, "12.7"), (2017, "10.6")],
    );
    let p = s.progress("2018-06-01", EUROSTAT_15);
    assert_eq!(p.base().unwrap().period().to_string(), "2002");
    assert_eq!(round(p.observed_growth(), 1), d("-3.1")); // published: −3.1 % a year
    assert_eq!(round(p.observed_growth(), 2), d("-3.10"));
    assert_eq!(round(p.required_growth(), 2), d("-2.90"));
    assert_eq!(round(p.ratio(), 2), d("1.07"));
    assert_eq!(p.category(), Some(Category::SignificantProgress));
    // The short-term window of the same series starts in 2012.
    let short = s.progress("2018-06-01", EUROSTAT_5);
    assert_eq!(short.base().unwrap().period().to_string(), "2012");
}

#[test]
fn g3_g4_eurostat_pisa_published_growth_rates() {
    // Published CAGRs: long term −0.4 % observed vs −1.9 % required; short
    // term +4.0 % vs −1.9 %.
    let rr = d("-0.4") / d("-1.9");
    assert_eq!(rr.round_dp(2), d("0.21"));
    assert_eq!(Category::eurostat(rr), Category::InsufficientProgress);
    let rr = d("4.0") / d("-1.9");
    assert_eq!(rr.round_dp(1), d("-2.1"));
    assert_eq!(Category::eurostat(rr), Category::MovementAway);
}

#[test]
fn eurostat_thresholds_are_inclusive_below() {
    assert_eq!(Category::eurostat(d("0.95")), Category::SignificantProgress);
    assert_eq!(Category::eurostat(d("0.9499")), Category::ModerateProgress);
    assert_eq!(Category::eurostat(d("0.60")), Category::ModerateProgress);
    assert_eq!(
        Category::eurostat(d("0.5999")),
        Category::InsufficientProgress
    );
    assert_eq!(Category::eurostat(d("0")), Category::InsufficientProgress);
    assert_eq!(Category::eurostat(d("-0.0001")), Category::MovementAway);
}

// --- G5, G6: the Open SDG variant -----------------------------------------------

#[test]
fn g5_base_beyond_target_eurostat_refuses_open_sdg_says_deterioration() {
    let s = Series::new(
        "percent",
        r#"{"at_least": "80"}"#,
        2030,
        &[(2015, "90"), (2022, "75")],
    );
    // The plain Eurostat ratio would be +3.29, "significant progress": refused.
    let e = s.progress("2023-06-01", EUROSTAT_15);
    assert_eq!(e.refusal(), Some(Refusal::BaseMeetsTarget));
    assert_eq!(e.category(), None);
    let raw = compound_growth(d("90"), d("75"), d("7")).unwrap()
        / compound_growth(d("90"), d("80"), d("15")).unwrap();
    assert_eq!(raw.round_dp(2), d("3.29"));
    assert_eq!(Category::eurostat(raw), Category::SignificantProgress); // the flaw
    // Open SDG: R = d · CAGR_a / |CAGR_r| = −3.29, deterioration, score −5.
    let o = s.progress("2023-06-01", Method::OpenSdg);
    assert_eq!(round(o.observed_growth(), 2), d("-2.57"));
    assert_eq!(round(o.required_growth(), 2), d("-0.78"));
    assert_eq!(round(o.ratio(), 2), d("-3.29"));
    assert_eq!(o.category(), Some(Category::Deterioration));
    assert_eq!(open_sdg_score(o.ratio().unwrap()), Some(d("-5")));
    // UNSD's projection ratio has the same flaw: refused too.
    let u = s.progress("2023-06-01", Method::UnsdProjection);
    assert_eq!(u.refusal(), Some(Refusal::BaseMeetsTarget));
}

#[test]
fn g6_zero_target_is_refused_not_replaced_by_0_001() {
    let s = Series::new(
        "percent",
        r#"{"at_most": "0"}"#,
        2030,
        &[(2015, "5.0"), (2022, "3.0")],
    );
    for m in [Method::OpenSdg, EUROSTAT_15] {
        let p = s.progress("2023-06-01", m);
        assert_eq!(p.refusal(), Some(Refusal::NotPositive), "{m}");
    }
    // UNSD's projection needs no growth of the target (issue 16):
    // ŷ = 3 · (3/5)^(8/7) = 1.6733231775…, r = (ŷ − 5) / (0 − 5) = 0.6653353645…
    let u = s.progress("2023-06-01", Method::UnsdProjection);
    assert_eq!(round(u.projected(), 9), d("1.673323177"));
    assert_eq!(round(u.ratio(), 10), d("0.6653353645"));
    assert_eq!(u.category(), Some(Category::ModerateProgress));
    // Open SDG's own substitution, done here by hand, gives its published numbers.
    let observed = compound_growth(d("5"), d("3"), d("7")).unwrap();
    let required = compound_growth(d("5"), d("0.001"), d("15")).unwrap();
    assert_eq!(observed.round_dp(2), d("-7.04"));
    assert_eq!(required.round_dp(1), d("-43.3"));
    let r = -observed / required.abs();
    assert_eq!(r.round_dp(3), d("0.162"));
    assert_eq!(Category::open_sdg(r), Category::LimitedProgress);
    assert_eq!(open_sdg_score(r).unwrap().round_dp(2), d("-1.82"));
    // The linear reading: −2/7 points a year against −5/15 needed from the
    // base. (The average change is reported even when compound growth is refused.)
    let refused = s.progress("2023-06-01", Method::OpenSdg);
    let pace = refused.observed_pace().unwrap();
    assert_eq!(pace, d("-2") / d("7"));
    assert_eq!(pace.round_dp(3), d("-0.286"));
    assert_eq!((pace / (d("-5") / d("15"))).round_dp(3), d("0.857"));
}

// --- G7: UNSD projection -----------------------------------------------------------

#[test]
fn g7_unsd_projection_ratio() {
    let s = Series::new(
        "percent",
        r#"{"at_least": "80"}"#,
        2030,
        &[(2015, "50"), (2022, "60")],
    );
    let p = s.progress("2023-06-01", Method::UnsdProjection);
    assert_eq!(round(p.observed_growth(), 2), d("2.64"));
    assert_eq!(round(p.projected(), 2), d("73.90"));
    assert_eq!(round(p.ratio(), 3), d("0.797"));
    // UNSD's five levels: moderate (Eustat's three: "fair progress").
    assert_eq!(p.category(), Some(Category::ModerateProgress));
}

#[test]
fn unsd_levels() {
    assert_eq!(Category::unsd(d("0.95")), Category::SubstantialProgress);
    assert_eq!(Category::unsd(d("0.5")), Category::ModerateProgress);
    assert_eq!(Category::unsd(d("0.4999")), Category::MarginalProgress);
    assert_eq!(Category::unsd(d("0.1")), Category::MarginalProgress);
    // Eustat's "< 0.10": stagnation or regression.
    assert_eq!(Category::unsd(d("0.0999")), Category::Stagnation);
    assert_eq!(Category::unsd(d("-0.1")), Category::Stagnation);
    assert_eq!(Category::unsd(d("-0.1001")), Category::Regression);
}

// --- G8: Destatis weather ----------------------------------------------------------------

#[test]
fn g8_destatis_cloudy() {
    let s = Series::new(
        "score",
        r#"{"at_least": "20"}"#,
        2030,
        &[
            (2017, "10"),
            (2018, "10.5"),
            (2019, "11"),
            (2020, "11.2"),
            (2021, "11.6"),
            (2022, "12"),
        ],
    );
    let p = s.progress("2023-06-01", Method::DestatisLinear);
    assert_eq!(p.observed_pace(), Some(d("0.4")));
    assert_eq!(p.projected(), Some(d("15.2")));
    assert_eq!(p.required_pace(), Some(d("1")));
    // The trend covers 40 % of the distance: a shortfall of 60 % > 20 %.
    assert_eq!(p.ratio(), Some(d("0.4")));
    assert_eq!(p.category(), Some(Category::Cloudy));
}

#[test]
fn the_deadline_day_takes_the_pace_needed_away_but_not_the_category() {
    // The G8 series: Destatis says cloudy before the deadline, and still
    // cloudy on its last day (no new figure came), though no pace is
    // needed any more. It once read as a sun there, because the
    // ratio rested on the pace needed.
    let s = Series::new(
        "score",
        r#"{"at_least": "20"}"#,
        2030,
        &[
            (2017, "10"),
            (2018, "10.5"),
            (2019, "11"),
            (2020, "11.2"),
            (2021, "11.6"),
            (2022, "12"),
        ],
    );
    for method in [
        Method::DestatisLinear,
        EUROSTAT_5,
        Method::OpenSdg,
        Method::UnsdProjection,
    ] {
        let before = s.progress("2030-12-30", method);
        assert!(before.required_pace().is_some(), "{method}");
        let after = s.progress("2030-12-31", method);
        assert_eq!(after.required_pace(), None, "{method}");
        assert_eq!(after.category(), before.category(), "{method}");
        assert_eq!(after.ratio(), before.ratio(), "{method}");
    }
    assert_eq!(
        s.progress("2030-12-31", Method::DestatisLinear).category(),
        Some(Category::Cloudy)
    );
}

#[test]
fn g8b_destatis_sun() {
    let s = Series::new(
        "score",
        r#"{"at_least": "20"}"#,
        2030,
        &[
            (2017, "10"),
            (2018, "11"),
            (2019, "12"),
            (2020, "12.5"),
            (2021, "13"),
            (2022, "14"),
        ],
    );
    let p = s.progress("2023-06-01", Method::DestatisLinear);
    assert_eq!(p.observed_pace(), Some(d("0.8")));
    assert_eq!(p.projected(), Some(d("20.4")));
    assert_eq!(p.category(), Some(Category::Sun));
}

#[test]
fn destatis_symbols() {
    assert_eq!(Category::destatis(d("0.96")), Category::Sun);
    assert_eq!(Category::destatis(d("0.95")), Category::PartlyCloudy);
    assert_eq!(Category::destatis(d("0.80")), Category::PartlyCloudy);
    assert_eq!(Category::destatis(d("0.79")), Category::Cloudy);
    assert_eq!(Category::destatis(d("0.0001")), Category::Cloudy);
    // No movement keeps the distance: "konstant hoch" (issue 16).
    assert_eq!(Category::destatis(d("0")), Category::Thunderstorm);
    assert_eq!(Category::destatis(d("-0.01")), Category::Thunderstorm);
    // Falling away from the target: thunderstorm.
    let s = Series::new(
        "score",
        r#"{"at_least": "20"}"#,
        2030,
        &[
            (2018, "14"),
            (2019, "13"),
            (2020, "13"),
            (2021, "12"),
            (2022, "12"),
        ],
    );
    let p = s.progress("2023-06-01", Method::DestatisLinear);
    assert_eq!(p.observed_pace(), Some(d("-0.5")));
    assert_eq!(p.category(), Some(Category::Thunderstorm));
}

// --- G9: ESCAP current status ---------------------------------------------------------------

#[test]
fn g9_escap_current_status() {
    let p = share_of_distance_covered(d("40"), d("55"), Rule::AtLeast(d("100"))).unwrap();
    assert_eq!(p, d("0.25"));
    assert_eq!(p * d("10"), d("2.5")); // CS on the 0–10 scale
    assert_eq!(Category::escap_current_status(p), Category::SlowProgress);
    // Lower is better: from 40 down to 25 of a target of 10 is half the way.
    let p = share_of_distance_covered(d("40"), d("25"), Rule::AtMost(d("10"))).unwrap();
    assert_eq!(p, d("0.5"));
    // A target equal to the base and not met: no distance to measure.
    assert_eq!(
        share_of_distance_covered(d("40"), d("35"), Rule::AtLeast(d("40"))),
        None
    );
}

// --- G10–G12: our domain ----------------------------------------------------------------------

#[test]
fn g10_level4_services_all_methods() {
    let s = Series::new(
        "percent",
        r#"{"at_least": "80"}"#,
        2025,
        &[(2019, "30"), (2023, "55")],
    );
    let as_of = "2024-06-01";
    let e = s.progress(as_of, EUROSTAT_5);
    assert_eq!(round(e.observed_growth(), 2), d("16.36"));
    assert_eq!(round(e.required_growth(), 2), d("17.76"));
    assert_eq!(round(e.ratio(), 3), d("0.921"));
    assert_eq!(e.category(), Some(Category::ModerateProgress));
    let u = s.progress(as_of, Method::UnsdProjection);
    assert_eq!(round(u.projected(), 2), d("74.47"));
    assert_eq!(round(u.ratio(), 3), d("0.889"));
    assert_eq!(u.category(), Some(Category::ModerateProgress));
    let o = s.progress(as_of, Method::OpenSdg);
    assert_eq!(round(o.ratio(), 3), d("0.921"));
    assert_eq!(o.category(), Some(Category::ModerateProgress));
    // The least-squares line: 25 points in 1461 days is exactly 6.25 a year;
    // from its present value, 55 (the line runs through both figures), 25
    // points are needed in the line's own 731 days (over 365.25) to the end
    // of 2025: 12.49 a year, twice the pace observed, as the ratio says.
    let (status, ls) = s.assess(as_of, Method::LeastSquares);
    let ls = ls.unwrap();
    assert_eq!(status, Status::OffTrack);
    assert_eq!(ls.observed_pace(), Some(d("6.25")));
    assert_eq!(ls.pace_from(), d("55"));
    assert_eq!(
        round(ls.required_pace(), 6),
        (d("25") / (d("731") / d("365.25"))).round_dp(6)
    );
    // The line covers half the distance from its present value (55) to 80
    // by the deadline: 731 of 1461 days' worth of 25 points, 12.51 of 25.
    assert_eq!(round(ls.ratio(), 3), d("0.500"));
    assert!(ls.ratio().unwrap() < Decimal::ONE);
    assert_eq!(ls.category(), Some(Category::OffTrack));
    let d_ = s.progress(as_of, Method::DestatisLinear);
    assert_eq!(d_.refusal(), Some(Refusal::TooFewPoints));
    // Every other method counts the pace needed from the latest figure, in
    // calendar years: 25 points in the two years to the end of 2025.
    for m in Method::ALL
        .into_iter()
        .filter(|m| *m != Method::LeastSquares)
    {
        assert_eq!(s.progress(as_of, m).required_pace(), Some(d("12.5")), "{m}");
    }
}

#[test]
fn g11_rank_refuses_compound_growth() {
    let s = Series::new(
        "rank",
        r#"{"within_top": 70}"#,
        2025,
        &[(2018, "120"), (2022, "95")],
    );
    let as_of = "2023-06-01";
    for m in [
        EUROSTAT_5,
        EUROSTAT_15,
        Method::OpenSdg,
        Method::UnsdProjection,
    ] {
        let p = s.progress(as_of, m);
        assert_eq!(p.refusal(), Some(Refusal::CompoundGrowthOfRank), "{m}");
    }
    // What the refused formula would say: RR = 0.765 (model sensitivity).
    let rr = compound_growth(d("120"), d("95"), d("4")).unwrap()
        / compound_growth(d("120"), d("70"), d("7")).unwrap();
    assert_eq!(rr.round_dp(3), d("0.765"));
    // The linear reading: −6.25 places a year (exactly: 1461 days) against
    // −50/7 from the base, a ratio of 0.875.
    let ls = s.progress(as_of, Method::LeastSquares);
    assert_eq!(ls.observed_pace(), Some(d("-6.25")));
    assert_eq!(
        (ls.observed_pace().unwrap() / (d("-50") / d("7"))).round_dp(3),
        d("0.875")
    );
    // Still needed from the line's present value (95th, through both
    // figures) to the top 70 by the end of 2025: 25 places in 1096 days.
    assert_eq!(ls.pace_from(), d("95"));
    assert_eq!(
        round(ls.required_pace(), 6),
        (d("-25") / (d("1096") / d("365.25"))).round_dp(6)
    );
    // The other methods count from the latest figure, in calendar years.
    let destatis = s.progress(as_of, Method::DestatisLinear);
    assert_eq!(destatis.pace_from(), d("95"));
    assert_eq!(round(destatis.required_pace(), 4), d("-8.3333"));
    assert_eq!(ls.category(), Some(Category::OffTrack));
}

#[test]
fn g12_digital_economy_share() {
    let s = Series::new(
        "percent",
        r#"{"at_least": "20"}"#,
        2025,
        &[(2018, "10"), (2023, "14")],
    );
    let e = s.progress("2024-06-01", EUROSTAT_5);
    assert_eq!(round(e.ratio(), 3), d("0.669"));
    assert_eq!(e.category(), Some(Category::ModerateProgress));
    let u = s.progress("2024-06-01", Method::UnsdProjection);
    assert_eq!(round(u.ratio(), 3), d("0.602"));
    assert_eq!(u.category(), Some(Category::ModerateProgress));
}

#[test]
fn g13_eurostat_without_target() {
    let g = compound_growth(d("100"), d("103"), d("5")).unwrap();
    assert_eq!(g.round_dp(3), d("0.593"));
    assert_eq!(
        Category::eurostat_without_target(g),
        Category::ModerateProgress
    );
    assert_eq!(
        Category::eurostat_without_target(d("1.01")),
        Category::SignificantProgress
    );
    assert_eq!(
        Category::eurostat_without_target(d("0")),
        Category::ModerateMovementAway
    );
    assert_eq!(
        Category::eurostat_without_target(d("-1.01")),
        Category::SignificantMovementAway
    );
}

// --- Edge cases -----------------------------------------------------------------------------

#[test]
fn compound_growth_refuses_growth_rates_zero_and_no_distance() {
    let s = Series::new(
        "growth_rate",
        r#"{"at_least": "7"}"#,
        2030,
        &[(2020, "5"), (2022, "6")],
    );
    let p = s.progress("2023-06-01", EUROSTAT_5);
    assert_eq!(p.refusal(), Some(Refusal::CompoundGrowthOfGrowthRate));
    // A zero value is refused, never replaced.
    let s = Series::new(
        "percent",
        r#"{"at_least": "50"}"#,
        2030,
        &[(2020, "0"), (2022, "6")],
    );
    assert_eq!(
        s.progress("2023-06-01", EUROSTAT_5).refusal(),
        Some(Refusal::NotPositive)
    );
    // "More than 50" from a base of exactly 50: no distance to grow over.
    let s = Series::new(
        "percent",
        r#"{"more_than": "50"}"#,
        2030,
        &[(2020, "50"), (2022, "45")],
    );
    assert_eq!(
        s.progress("2023-06-01", EUROSTAT_5).refusal(),
        Some(Refusal::NoDistance)
    );
    // One point only: too few for any method.
    let s = Series::new("percent", r#"{"at_least": "50"}"#, 2030, &[(2022, "45")]);
    for m in Method::ALL {
        let (status, p) = s.assess("2023-06-01", m);
        assert_eq!(status, Status::InsufficientData);
        let p = p.unwrap();
        assert_eq!(p.refusal(), Some(Refusal::TooFewPoints), "{m}");
        assert_eq!(p.required_pace(), Some(d("0.625")), "{m}"); // 5 points in 8 years
    }
}

#[test]
fn achieved_targets_need_nothing_more_and_decided_ones_have_no_progress() {
    let s = Series::new(
        "percent",
        r#"{"at_least": "50"}"#,
        2030,
        &[(2020, "40"), (2022, "60")],
    );
    let (status, p) = s.assess("2023-06-01", Method::OpenSdg);
    assert_eq!(status, Status::Achieved);
    let p = p.unwrap();
    assert_eq!(p.category(), Some(Category::TargetAchieved));
    assert_eq!(p.required_pace(), Some(d("-1.25")));
    assert_eq!(
        s.progress("2023-06-01", Method::LeastSquares).category(),
        Some(Category::TargetAchieved)
    );
    // After the deadline the target is decided: no progress block.
    let (status, p) = s.assess("2031-06-01", Method::LeastSquares);
    assert_eq!(status, Status::AwaitingData); // no figure for 2030 yet
    assert!(p.is_none());
    // No data: nothing to assess.
    let s = Series::new("percent", r#"{"at_least": "50"}"#, 2030, &[]);
    assert!(s.assess("2023-06-01", Method::LeastSquares).1.is_none());
}

#[test]
fn method_from_options_overrides_the_catalogue_which_overrides_the_default() {
    let mut s = Series::new(
        "percent",
        r#"{"at_least": "80"}"#,
        2025,
        &[(2019, "30"), (2023, "55")],
    );
    s.indicator_extra = r#", "progress": "unsd_projection""#.to_owned();
    let (c, o) = s.documents();
    let evaluator = Evaluator::new(c);
    let as_of = parse_date("2024-06-01").unwrap();
    let plain = evaluator.evaluate(&o, as_of).unwrap();
    let r = plain.get("t").unwrap();
    assert_eq!(r.method_in_force(), Method::UnsdProjection);
    assert_eq!(r.progress().unwrap().method(), Method::UnsdProjection);
    let options = EvaluationOptions::default().with_method(EUROSTAT_5);
    let with = evaluator.evaluate_with(&o, as_of, &options).unwrap();
    let r = with.get("t").unwrap();
    assert_eq!(r.progress().unwrap().method(), EUROSTAT_5);
    // The status never depends on the method.
    assert_eq!(r.status(), plain.get("t").unwrap().status());
    // And the catalogue field round-trips through export.
    let again = Catalogue::from_json(&evaluator.catalogue().to_json()).unwrap();
    assert_eq!(
        again.indicator("ind").unwrap().progress_method(),
        Some(Method::UnsdProjection)
    );
}

#[test]
fn an_unknown_method_in_the_catalogue_is_a_load_error_with_its_path() {
    let err = Catalogue::from_json(
        r#"{"format": "policy-targets/catalogue@1",
            "indicators": [{"id": "ind", "kind": "percent", "progress": "eurostat_cagr_7x"}],
            "targets": []}"#,
    )
    .unwrap_err();
    assert!(err.to_string().contains("indicators[0].progress"), "{err}");
    assert!(err.to_string().contains("not a progress method"), "{err}");
}

#[test]
fn the_results_document_carries_the_progress_block_and_reads_it_back() {
    let s = Series::new(
        "percent",
        r#"{"at_least": "80"}"#,
        2025,
        &[(2019, "30"), (2023, "55")],
    );
    let (c, o) = s.documents();
    let evaluator = Evaluator::new(c);
    let options = EvaluationOptions::default().with_method(EUROSTAT_5);
    let evaluation = evaluator
        .evaluate_with(&o, parse_date("2024-06-01").unwrap(), &options)
        .unwrap();
    let json = evaluation.to_json();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let p = &v["results"][0]["progress"];
    assert_eq!(p["method"], "eurostat_cagr_5");
    assert_eq!(p["base"]["period"], "2019");
    assert_eq!(p["base"]["value"], "30");
    assert_eq!(p["latest"]["value"], "55");
    assert_eq!(p["required_pace"], "12.5");
    assert_eq!(p["observed_pace"], "6.25");
    assert_eq!(p["ratio"], "0.921314");
    assert_eq!(p["category"], "moderate_progress");
    assert_eq!(v["format"], "policy-targets/results@1");
    let doc = ResultsDocument::from_json(&json).unwrap();
    assert_eq!(doc, evaluation.to_document());
    let rec = doc.results()[0].progress.as_ref().unwrap();
    assert_eq!(rec.category, Some(Category::ModerateProgress));
    // A refusal is written with its reason.
    let options = EvaluationOptions::default().with_method(Method::DestatisLinear);
    let evaluation = evaluator
        .evaluate_with(&o, parse_date("2024-06-01").unwrap(), &options)
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(&evaluation.to_json()).unwrap();
    assert_eq!(v["results"][0]["progress"]["refusal"], "too_few_points");
    assert_eq!(
        v["results"][0]["progress"]["reason"],
        "too few points for the method"
    );
    // An unknown category is refused on reading.
    let bad = evaluation
        .to_json()
        .replace("\"refusal\": \"too_few_points\"", "\"refusal\": \"nope\"");
    let err = ResultsDocument::from_json(&bad).unwrap_err();
    assert!(
        err.to_string().contains("results[0].progress.refusal"),
        "{err}"
    );
}

// --- Every-period targets --------------------------------------------------------------------

fn productivity(points: &[(i32, &str)], deadline: i32, from: &str) -> Series {
    let mut s = Series::new("growth_rate", r#"{"at_least": "7"}"#, deadline, points);
    s.target_extra = format!(r#", "every_period": {{"from": "{from}"}}"#);
    s
}

fn evaluate_every(
    s: &Series,
    as_of: &str,
) -> (
    Status,
    String,
    Option<policy_targets::EveryPeriodOutcome>,
    String,
) {
    let (c, o) = s.documents();
    let evaluator = Evaluator::new(c);
    let evaluation = evaluator.evaluate(&o, parse_date(as_of).unwrap()).unwrap();
    let r = evaluation.get("t").unwrap();
    assert!(r.progress().is_none(), "every-period targets have no pace");
    (
        r.status(),
        r.explanation(),
        r.every_period(),
        evaluation.to_json(),
    )
}

#[test]
fn every_period_missed_names_the_failed_years() {
    let s = productivity(
        &[
            (2019, "6.2"),
            (2022, "4.8"),
            (2023, "3.65"),
            (2024, "5.88"),
            (2025, "7.1"),
        ],
        2025,
        "2021",
    );
    let (status, text, outcome, json) = evaluate_every(&s, "2026-11-28");
    assert_eq!(status, Status::Missed);
    let outcome = outcome.unwrap();
    let failed: Vec<String> = outcome
        .failed()
        .iter()
        .map(|(p, _)| p.to_string())
        .collect();
    assert_eq!(failed, ["2022", "2023", "2024"]);
    assert_eq!(outcome.count(), 5);
    assert_eq!(outcome.missing_count(), 1); // 2021
    assert_eq!(
        text,
        "The rule at least 7% must hold in every year from 2021 to 2025; it failed in 2022 (4.8%), 2023 (3.65%), 2024 (5.88%)."
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["results"][0]["every_period"]["failed"][2], "2024");
    assert_eq!(v["results"][0]["every_period"]["missing"][0], "2021");
    assert_eq!(v["results"][0]["every_period"]["from"], "2021");
    let doc = ResultsDocument::from_json(&json).unwrap();
    assert_eq!(
        doc.results()[0].every_period.as_ref().unwrap().failed.len(),
        3
    );
}

#[test]
fn every_period_before_the_deadline() {
    // Held so far: on track.
    let s = productivity(&[(2026, "8"), (2027, "7")], 2030, "2026");
    let (status, text, outcome, _) = evaluate_every(&s, "2028-06-01");
    assert_eq!(status, Status::OnTrack);
    assert_eq!(outcome.unwrap().held().len(), 2);
    assert!(text.contains("2 of 5"), "{text}");
    // One failure already: it can no longer be met.
    let s = productivity(&[(2026, "8"), (2027, "6.9")], 2030, "2026");
    let (status, text, _, _) = evaluate_every(&s, "2028-06-01");
    assert_eq!(status, Status::OffTrack);
    assert!(text.contains("already failed in 2027 (6.9%)"), "{text}");
    // Only figures from before the start: insufficient data.
    let s = productivity(&[(2024, "5.88")], 2030, "2026");
    let (status, text, _, _) = evaluate_every(&s, "2026-11-28");
    assert_eq!(status, Status::InsufficientData);
    assert!(text.contains("the latest is 5.88% (2024"), "{text}");
}

#[test]
fn every_period_after_the_deadline_met_or_awaiting() {
    let s = productivity(
        &[
            (2021, "7"),
            (2022, "8"),
            (2023, "7.5"),
            (2024, "9"),
            (2025, "7"),
        ],
        2025,
        "2021",
    );
    let (status, text, _, _) = evaluate_every(&s, "2026-06-01");
    assert_eq!(status, Status::Met);
    assert!(text.ends_with("and it held in all 5."), "{text}");
    let s = productivity(&[(2021, "7"), (2022, "8"), (2024, "9")], 2025, "2021");
    let (status, text, outcome, _) = evaluate_every(&s, "2026-06-01");
    assert_eq!(status, Status::AwaitingData);
    let missing: Vec<String> = outcome
        .unwrap()
        .missing()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(missing, ["2023", "2025"]);
    assert!(
        text.contains("the figures for 2023, 2025 are not published yet"),
        "{text}"
    );
}

#[test]
fn every_period_quarterly_and_load_errors() {
    let c = r#"{"format": "policy-targets/catalogue@1",
      "indicators": [{"id": "q", "kind": "percent", "cadence": "quarterly"}],
      "targets": [{"id": "t", "indicator": "q", "unit": "VN", "rule": {"at_least": "50"},
                   "deadline": "2025", "every_period": {"from": "2025-Q2"}}]}"#;
    let o = r#"{"format": "policy-targets/observations@1", "observations": [
      {"indicator": "q", "unit": "VN", "period": "2025-Q1", "published": "2025-04-10", "value": "10"},
      {"indicator": "q", "unit": "VN", "period": "2025-Q2", "published": "2025-07-10", "value": "55"},
      {"indicator": "q", "unit": "VN", "period": "2025-Q3", "published": "2025-10-10", "value": "60"}]}"#;
    let (c, o) = policy_targets::load(c, o).unwrap();
    let evaluator = Evaluator::new(c);
    let e = evaluator
        .evaluate(&o, parse_date("2025-11-01").unwrap())
        .unwrap();
    let r = e.get("t").unwrap();
    assert_eq!(r.status(), Status::OnTrack); // Q1 is before the start
    assert_eq!(r.every_period().unwrap().count(), 3);
    let e = evaluator
        .evaluate(&o, parse_date("2026-03-01").unwrap())
        .unwrap();
    let r = e.get("t").unwrap();
    assert_eq!(r.status(), Status::AwaitingData);
    assert_eq!(
        r.every_period().unwrap().missing()[0].to_string(),
        "2025-Q4"
    );

    for (bad, path, words) in [
        (
            r#""cadence": "biennial""#,
            "targets[0].every_period",
            "annual, quarterly or monthly",
        ),
        (
            r#""cadence": "annual""#,
            "targets[0].every_period.from",
            "not",
        ),
    ] {
        let from = if words == "not" { "2025-Q9" } else { "2021" };
        let c = format!(
            r#"{{"format": "policy-targets/catalogue@1",
              "indicators": [{{"id": "q", "kind": "percent", {bad}}}],
              "targets": [{{"id": "t", "indicator": "q", "unit": "VN", "rule": {{"at_least": "50"}},
                           "deadline": "2025", "every_period": {{"from": "{from}"}}}}]}}"#
        );
        let err = Catalogue::from_json(&c).unwrap_err().to_string();
        assert!(err.contains(path) && err.contains(words), "{err}");
    }
    let c = r#"{"format": "policy-targets/catalogue@1",
      "indicators": [{"id": "q", "kind": "percent"}],
      "targets": [{"id": "t", "indicator": "q", "unit": "VN", "rule": {"at_least": "50"},
                   "deadline": "2025", "judged_on": "2025", "every_period": {"from": "2021", "to": "2022"}}]}"#;
    let err = Catalogue::from_json(c).unwrap_err().to_string();
    assert!(err.contains("targets[0].every_period"), "{err}");
    assert!(err.contains("`to`"), "{err}");
    let c = c.replace(r#", "to": "2022""#, "");
    let err = Catalogue::from_json(&c).unwrap_err().to_string();
    assert!(err.contains("cannot be combined"), "{err}");
}

#[test]
fn the_viet_nam_every_year_targets_are_evaluated() {
    let catalogue = policy_targets::vn::catalogue();
    let observations = policy_targets::vn::observations(&catalogue);
    let evaluator = Evaluator::new(catalogue);
    let e = evaluator
        .evaluate(&observations, parse_date("2026-11-28").unwrap())
        .unwrap();
    let r = e.get("qd749_2025_labour_productivity_growth_min7").unwrap();
    assert_eq!(r.status(), Status::Missed);
    let failed: Vec<String> = r
        .every_period()
        .unwrap()
        .failed()
        .iter()
        .map(|(p, _)| p.to_string())
        .collect();
    assert_eq!(failed, ["2021", "2022", "2023", "2024"]);
    let r = e.get("qd749_2030_labour_productivity_growth_min8").unwrap();
    assert_eq!(r.status(), Status::InsufficientData);
}

// --- Issue 16: the publishers' edge rules, computed by hand ----------------------------------
//
// Destatis: DNS platform, "Status der Indikatoren – Methodik" (2023). UNSD: its
// 2023 Progress Chart note as reproduced by Eustat, § 2.1. Open SDG:
// docs/progress-methodology.md, § Minimum data requirements. Every figure below
// is a fraction worked out by hand; where Decimal must round it (8/7), the
// expected value is the same fraction divided out.

/// A Destatis case on a `score` target "at least 20" by 2030, as of mid-2023:
/// the latest point is 2022, so 8 years are left.
fn destatis_at_least_20(points: &[(i32, &str)]) -> (Status, Progress) {
    let s = Series::new("score", r#"{"at_least": "20"}"#, 2030, points);
    let (status, p) = s.assess("2023-06-01", Method::DestatisLinear);
    (status, p.expect("a progress assessment"))
}

#[test]
fn d1_destatis_a_flat_series_is_a_thunderstorm() {
    // pace 0/5 = 0; ŷ = 12; required (20 − 12)/8 = 1; covered 0/1 = 0: the
    // distance stays ("konstant hoch"), not "in die gewünschte Richtung".
    let flat: Vec<(i32, &str)> = (2017..=2022).map(|y| (y, "12")).collect();
    let (_, p) = destatis_at_least_20(&flat);
    assert_eq!(p.observed_pace(), Some(d("0")));
    assert_eq!(p.projected(), Some(d("12")));
    assert_eq!(p.required_pace(), Some(d("1")));
    assert_eq!(p.ratio(), Some(d("0")));
    assert_eq!(p.category(), Some(Category::Thunderstorm)); // was cloudy
}

#[test]
fn d5_destatis_a_strict_rule_on_its_threshold_standing_still_is_a_thunderstorm() {
    // "More than 20" at 20 for five years: no distance to divide by, no
    // movement towards the rule: the distance stays.
    let s = Series::new(
        "score",
        r#"{"more_than": "20"}"#,
        2030,
        &[
            (2018, "20"),
            (2019, "20"),
            (2020, "20"),
            (2021, "20"),
            (2022, "20"),
        ],
    );
    let p = s.progress("2023-06-01", Method::DestatisLinear);
    assert_eq!(p.observed_pace(), Some(d("0")));
    assert_eq!(p.required_pace(), Some(d("0")));
    assert_eq!(p.ratio(), None);
    assert_eq!(p.category(), Some(Category::Thunderstorm)); // was cloudy
}

#[test]
fn d2_destatis_four_points_suffice_and_the_mean_uses_their_three_changes() {
    // 10, 11, 12, 13: changes 1, 1, 1, pace 3/3 = 1; ŷ = 13 + 8 = 21 ≥ 20;
    // required (20 − 13)/8 = 7/8; covered 1/(7/8) = 8/7.
    let (_, p) = destatis_at_least_20(&[(2019, "10"), (2020, "11"), (2021, "12"), (2022, "13")]);
    assert_eq!(p.base().unwrap().period().to_string(), "2019");
    assert_eq!(p.observed_pace(), Some(d("1")));
    assert_eq!(p.projected(), Some(d("21")));
    assert_eq!(p.required_pace(), Some(d("0.875")));
    assert_eq!(p.ratio(), Some(d("8") / d("7")));
    assert_eq!(p.category(), Some(Category::Sun)); // was too_few_points
    // 10, 10.5, 11, 11.5: pace 1.5/3 = 1/2 (the mean of three changes, not
    // of five); ŷ = 15.5; required 8.5/8 = 17/16; covered (1/2)/(17/16) =
    // 8/17 = 4/8.5: missed by 9/17 > 20 %, moving towards the target.
    let (_, p) =
        destatis_at_least_20(&[(2019, "10"), (2020, "10.5"), (2021, "11"), (2022, "11.5")]);
    assert_eq!(p.observed_pace(), Some(d("0.5")));
    assert_eq!(p.projected(), Some(d("15.5")));
    assert_eq!(p.required_pace(), Some(d("1.0625")));
    assert_eq!(p.ratio(), Some(d("8") / d("17")));
    assert_eq!(p.category(), Some(Category::Cloudy));
    // Five points: the mean of four changes, (14 − 10)/4 = 1.
    let (_, p) = destatis_at_least_20(&[
        (2018, "10"),
        (2019, "10.5"),
        (2020, "12"),
        (2021, "13"),
        (2022, "14"),
    ]);
    assert_eq!(p.observed_pace(), Some(d("1")));
    assert_eq!(p.ratio(), Some(d("4") / d("3"))); // 1 / (6/8)
    assert_eq!(p.category(), Some(Category::Sun));
    // Three points: "weniger als vier verwendbare Jahreswerte": no symbol.
    let (_, p) = destatis_at_least_20(&[(2020, "11"), (2021, "12"), (2022, "13")]);
    assert_eq!(p.refusal(), Some(Refusal::TooFewPoints));
    assert_eq!(p.required_pace(), Some(d("0.875")));
}

#[test]
fn d3_destatis_a_met_target_is_a_sun_partly_hidden_when_the_trend_points_away() {
    // 26 … 21 against "at least 20": met; pace (21 − 26)/5 = −1 points to a
    // deterioration: "eine Sonne, jedoch leicht verdeckt durch eine Wolke".
    let (status, p) = destatis_at_least_20(&[
        (2017, "26"),
        (2018, "25"),
        (2019, "24"),
        (2020, "23"),
        (2021, "22"),
        (2022, "21"),
    ]);
    assert_eq!(status, Status::Achieved);
    assert_eq!(p.observed_pace(), Some(d("-1")));
    assert_eq!(p.projected(), Some(d("13")));
    assert_eq!(p.required_pace(), Some(d("-0.125"))); // (20 − 21)/8
    assert_eq!(p.ratio(), None); // no distance left; was 8
    assert_eq!(p.category(), Some(Category::PartlyCloudy)); // was sun
    // All 21: the mean change does not point to a deterioration: sun.
    let flat: Vec<(i32, &str)> = (2017..=2022).map(|y| (y, "21")).collect();
    let (_, p) = destatis_at_least_20(&flat);
    assert_eq!(p.observed_pace(), Some(d("0")));
    assert_eq!(p.category(), Some(Category::Sun));
    // Met on three points: no calculation, met or not (was sun).
    let (status, p) = destatis_at_least_20(&[(2020, "19"), (2021, "20"), (2022, "21")]);
    assert_eq!(status, Status::Achieved);
    assert_eq!(p.refusal(), Some(Refusal::TooFewPoints));
}

#[test]
fn d4_destatis_shortfalls_of_exactly_5_and_20_percent_are_partly_cloudy() {
    // pace 4.75/5 = 0.95, ŷ = 19.6: missed by 0.4/8 = 5 % ("mindestens 5 %").
    let (_, p) = destatis_at_least_20(&[
        (2017, "7.25"),
        (2018, "8.2"),
        (2019, "9.15"),
        (2020, "10.1"),
        (2021, "11.05"),
        (2022, "12"),
    ]);
    assert_eq!(p.observed_pace(), Some(d("0.95")));
    assert_eq!(p.projected(), Some(d("19.6")));
    assert_eq!(p.ratio(), Some(d("0.95")));
    assert_eq!(p.category(), Some(Category::PartlyCloudy));
    // pace 4/5 = 0.8, ŷ = 18.4: missed by 1.6/8 = 20 % ("maximal um 20 %").
    let (_, p) = destatis_at_least_20(&[
        (2017, "8"),
        (2018, "8.8"),
        (2019, "9.6"),
        (2020, "10.4"),
        (2021, "11.2"),
        (2022, "12"),
    ]);
    assert_eq!(p.observed_pace(), Some(d("0.8")));
    assert_eq!(p.projected(), Some(d("18.4")));
    assert_eq!(p.ratio(), Some(d("0.8")));
    assert_eq!(p.category(), Some(Category::PartlyCloudy));
}

#[test]
fn u1_u2_unsd_takes_a_target_of_zero_or_below() {
    // 10 (2015) → 5 (2020), at most 0 by 2030: span 5, 10 years left;
    // CAGR_a = 2^(−1/5) − 1; ŷ = 5 · (1/2)^(10/5) = 5/4;
    // r = (5/4 − 10)/(0 − 10) = 7/8.
    let s = Series::new(
        "percent",
        r#"{"at_most": "0"}"#,
        2030,
        &[(2015, "10"), (2020, "5")],
    );
    let p = s.progress("2021-06-01", Method::UnsdProjection);
    assert_eq!(round(p.observed_growth(), 12), d("-12.944943670388"));
    assert_eq!(p.observed_pace(), Some(d("-1")));
    assert_eq!(p.projected(), Some(d("1.25")));
    assert_eq!(p.ratio(), Some(d("0.875")));
    assert_eq!(p.category(), Some(Category::ModerateProgress)); // was not_positive
    // Eurostat and Open SDG grow towards the target: still refused there.
    for m in [EUROSTAT_15, Method::OpenSdg] {
        assert_eq!(
            s.progress("2021-06-01", m).refusal(),
            Some(Refusal::NotPositive),
            "{m}"
        );
    }
    // A negative target: r = (5/4 − 10)/(−5 − 10) = 7/12.
    let s = Series::new(
        "score",
        r#"{"at_most": "-5"}"#,
        2030,
        &[(2015, "10"), (2020, "5")],
    );
    let p = s.progress("2021-06-01", Method::UnsdProjection);
    assert_eq!(p.projected(), Some(d("1.25")));
    assert_eq!(p.ratio(), Some(d("7") / d("12")));
    assert_eq!(p.category(), Some(Category::ModerateProgress)); // was not_positive
}

#[test]
fn u3_u4_unsd_refuses_only_what_its_formula_cannot_compute() {
    // A base of 0: (5/0)^(1/5) is undefined.
    let s = Series::new(
        "score",
        r#"{"at_least": "10"}"#,
        2030,
        &[(2015, "0"), (2020, "5")],
    );
    let p = s.progress("2021-06-01", Method::UnsdProjection);
    assert_eq!(p.refusal(), Some(Refusal::NotPositive));
    assert_eq!(p.observed_pace(), Some(d("1"))); // still reported
    // A latest value of 0: CAGR_a = (0/10)^(1/5) − 1 = −100 %, ŷ = 0,
    // r = (0 − 10)/(20 − 10) = −1: regression.
    let s = Series::new(
        "percent",
        r#"{"at_least": "20"}"#,
        2030,
        &[(2015, "10"), (2020, "0")],
    );
    let p = s.progress("2021-06-01", Method::UnsdProjection);
    assert_eq!(p.observed_growth(), Some(d("-100")));
    assert_eq!(p.projected(), Some(d("0")));
    assert_eq!(p.ratio(), Some(d("-1")));
    assert_eq!(p.category(), Some(Category::Regression)); // was not_positive
    // A negative latest value from a positive base: no real root.
    let s = Series::new(
        "score",
        r#"{"at_least": "20"}"#,
        2030,
        &[(2015, "10"), (2020, "-1")],
    );
    let p = s.progress("2021-06-01", Method::UnsdProjection);
    assert_eq!(p.refusal(), Some(Refusal::NotPositive));
    assert_eq!(compound_growth(d("10"), d("0"), d("5")), Ok(d("-100")));
    assert_eq!(
        compound_growth(d("10"), d("-1"), d("5")),
        Err(Refusal::NotPositive)
    );
}

#[test]
fn o1_o3_open_sdg_refuses_a_zero_latest_value_and_a_zero_base() {
    // A zero latest value: Open SDG's documentation says "Unable to assess"
    // (values must be all positive or all negative); no 0.001 is put in.
    let s = Series::new(
        "percent",
        r#"{"at_least": "50"}"#,
        2030,
        &[(2015, "10"), (2020, "0")],
    );
    let p = s.progress("2021-06-01", Method::OpenSdg);
    assert_eq!(p.refusal(), Some(Refusal::NotPositive));
    assert_eq!(p.observed_pace(), Some(d("-2"))); // (0 − 10)/5
    assert_eq!(p.required_pace(), Some(d("5"))); // (50 − 0)/10
    assert_eq!(p.observed_growth(), None);
    // A zero base: Open SDG would put in 0.001; we refuse.
    let s = Series::new(
        "percent",
        r#"{"at_least": "50"}"#,
        2030,
        &[(2015, "0"), (2020, "10")],
    );
    let p = s.progress("2021-06-01", Method::OpenSdg);
    assert_eq!(p.refusal(), Some(Refusal::NotPositive));
    assert_eq!(p.observed_pace(), Some(d("2")));
}

#[test]
fn e1_e2_escap_a_base_already_past_the_target() {
    let at_least_80 = Rule::AtLeast(d("80"));
    // 90 → 75, higher is better: a fall of 15 against a distance of 10,
    // −1.5 (MENARO: −15 on its 0–10 scale): regression, not "on track".
    let p = share_of_distance_covered(d("90"), d("75"), at_least_80).unwrap();
    assert_eq!(p, d("-1.5")); // was 1.5
    assert_eq!(Category::escap_current_status(p), Category::Regression);
    // 90 → 85: still meets the rule: the whole way (MENARO: 10), on track.
    let p = share_of_distance_covered(d("90"), d("85"), at_least_80).unwrap();
    assert_eq!(p, d("1")); // was 0.5
    assert_eq!(Category::escap_current_status(p), Category::OnTrack);
    // Lower is better and met beyond the target: the whole way, not 32/30.
    let p = share_of_distance_covered(d("40"), d("8"), Rule::AtMost(d("10")));
    assert_eq!(p, Some(d("1")));
}

// --- Properties ------------------------------------------------------------------------------

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Yearly values from 2017 (tenths, positive), rendered as text.
fn yearly(values: &[u32], extra_per_year: u32) -> Vec<(i32, String)> {
    values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let tenths = v + extra_per_year * u32::try_from(i).unwrap();
            (
                2017 + i32::try_from(i).unwrap(),
                (Decimal::from(tenths) / d("10")).to_string(),
            )
        })
        .collect()
}

fn series_of(points: &[(i32, String)], threshold: u32) -> Series {
    let refs: Vec<(i32, &str)> = points.iter().map(|(y, v)| (*y, v.as_str())).collect();
    Series::new(
        "score",
        &format!(r#"{{"at_least": "{threshold}"}}"#),
        2030,
        &refs,
    )
}

/// A publisher's category for a ratio.
type Categorise = fn(Decimal) -> Category;

proptest! {
    #![proptest_config(config(48))]

    /// The least-squares ratio never contradicts the status it sits beside:
    /// at least 1 exactly when the target is on track.
    #[test]
    fn the_least_squares_ratio_agrees_with_the_status(
        values in proptest::collection::vec(1u32..400, 2..7),
        threshold in 1u32..60,
    ) {
        let (status, p) = series_of(&yearly(&values, 0), threshold)
            .assess("2024-06-01", Method::LeastSquares);
        if let (Some(p), Status::OnTrack | Status::OffTrack) = (p, status)
            && let Some(r) = p.ratio()
            && (r - Decimal::ONE).abs() > d("0.000000000001")
        {
            prop_assert_eq!(r >= Decimal::ONE, status == Status::OnTrack, "ratio {}", r);
        }
    }

    /// For a higher-is-better target, a series rising faster (the same
    /// series plus a steady extra rise each year) never gets a worse category.
    #[test]
    fn rising_faster_never_gets_a_worse_category(
        values in proptest::collection::vec(1u32..400, 2..7),
        extra in 1u32..40,
        threshold in 1u32..60,
    ) {
        let slow = series_of(&yearly(&values, 0), threshold);
        let fast = series_of(&yearly(&values, extra), threshold);
        for m in Method::ALL {
            let (Some(a), Some(b)) = (
                slow.assess("2024-06-01", m).1,
                fast.assess("2024-06-01", m).1,
            ) else {
                continue;
            };
            if let (Some(ca), Some(cb)) = (a.category(), b.category()) {
                prop_assert!(
                    cb.grade() >= ca.grade(),
                    "{m}: slower series {ca} (ratio {:?}), faster {cb} (ratio {:?})",
                    a.ratio(),
                    b.ratio()
                );
            }
            // A refusal of the faster series must be one the slower one shares
            // or one about the base, which both series share.
            if let Some(rb) = b.refusal() {
                prop_assert!(a.refusal() == Some(rb) || a.category() == Some(Category::TargetAchieved) || rb == Refusal::TooFewPoints,
                    "{m}: faster refused ({rb}), slower {:?}", a.outcome());
            }
        }
    }

    /// Every publisher's category is monotone in its ratio: a larger share
    /// covered (a larger ratio, a faster growth) never gives a worse category.
    /// The cut-offs are hit exactly: ratios are in thousandths.
    #[test]
    fn a_larger_ratio_never_gives_a_worse_category(
        a in -3000i64..3000,
        b in -3000i64..3000,
    ) {
        let (lo, hi) = (Decimal::new(a.min(b), 3), Decimal::new(a.max(b), 3));
        let functions: [(&str, Categorise); 6] = [
            ("eurostat", Category::eurostat),
            ("eurostat_without_target", Category::eurostat_without_target),
            ("open_sdg", Category::open_sdg),
            ("unsd", Category::unsd),
            ("destatis", Category::destatis),
            ("escap_current_status", Category::escap_current_status),
        ];
        for (name, f) in functions {
            prop_assert!(f(lo).grade() <= f(hi).grade(), "{}: {} gives {}, {} gives {}", name, lo, f(lo), hi, f(hi));
        }
    }

    /// Destatis's rules on any yearly series against "at least": fewer than
    /// four points give no symbol; a target not met is a thunderstorm exactly
    /// when the mean change of the window (up to six points) does not move
    /// towards it; a met target is a sun, partly hidden exactly when the
    /// mean change points away, and has no ratio.
    #[test]
    fn destatis_symbols_follow_the_direction_of_the_mean_change(
        values in proptest::collection::vec(1u32..400, 1..8),
        threshold in 1u32..60,
    ) {
        let points = yearly(&values, 0);
        let (status, p) = series_of(&points, threshold).assess("2024-06-01", Method::DestatisLinear);
        let p = p.unwrap();
        if points.len() < 4 {
            prop_assert_eq!(p.refusal(), Some(Refusal::TooFewPoints));
            return Ok(());
        }
        let value = |i: usize| points[i].1.parse::<Decimal>().unwrap();
        let change = value(points.len() - 1) - value(points.len().saturating_sub(6));
        let category = p.category().expect("a symbol from four points");
        if status == Status::Achieved {
            let expected = if change < Decimal::ZERO { Category::PartlyCloudy } else { Category::Sun };
            prop_assert_eq!(category, expected);
            prop_assert_eq!(p.ratio(), None);
        } else {
            prop_assert_eq!(category == Category::Thunderstorm, change <= Decimal::ZERO, "change {}: {}", change, category);
        }
    }

    /// The required pace counts from the verdict's own start: the line's
    /// present value for least squares, the latest value otherwise; it is
    /// zero or less exactly when that start meets an `at_least` rule.
    #[test]
    fn required_pace_is_not_positive_once_met(
        values in proptest::collection::vec(1u32..1000, 1..7),
        threshold in 1u32..100,
    ) {
        let points = yearly(&values, 0);
        let s = series_of(&points, threshold);
        let latest: Decimal = points.last().unwrap().1.parse().unwrap();
        for m in Method::ALL {
            let (status, p) = s.assess("2024-06-01", m);
            let p = p.unwrap();
            if latest >= Decimal::from(threshold) {
                prop_assert_eq!(status, Status::Achieved);
            }
            if m != Method::LeastSquares || points.len() < 2 {
                prop_assert_eq!(p.pace_from(), latest);
            }
            prop_assert_eq!(
                p.required_pace().unwrap() > Decimal::ZERO,
                p.pace_from() < Decimal::from(threshold)
            );
        }
    }

    /// One arithmetic per line: for least squares, the pace observed (the
    /// line's slope) against the pace needed from the line's present value
    /// says what the status says — faster than needed exactly when on track.
    #[test]
    fn least_squares_paces_agree_with_the_status(
        values in proptest::collection::vec(1u32..1000, 2..7),
        per_year in 0u32..200,
        threshold in 1u32..200,
    ) {
        let points = yearly(&values, per_year);
        let s = series_of(&points, threshold);
        let (status, p) = s.assess("2024-06-01", Method::LeastSquares);
        let p = p.unwrap();
        if let (Some(observed), Some(needed)) = (p.observed_pace(), p.required_pace())
            && needed > Decimal::ZERO
            && status != Status::Achieved
        {
            let margin = needed / d("10000");
            if observed > needed + margin {
                prop_assert_eq!(status, Status::OnTrack);
            }
            if observed < needed - margin {
                prop_assert_eq!(status, Status::OffTrack);
            }
        }
    }

    /// A projected rank shown as a whole place never contradicts the rule:
    /// rounded up, it meets `within_top` exactly when the exact projection does.
    #[test]
    fn projected_places_keep_the_verdict(
        ranks in proptest::collection::vec(1u32..190, 2..7),
        top in 1u32..100,
    ) {
        let points: Vec<(i32, String)> = ranks
            .iter()
            .enumerate()
            .map(|(i, r)| (2018 + i32::try_from(i).unwrap(), r.to_string()))
            .collect();
        let refs: Vec<(i32, &str)> = points.iter().map(|(y, v)| (*y, v.as_str())).collect();
        let s = Series::new("rank", &format!(r#"{{"within_top": {top}}}"#), 2030, &refs);
        let (status, p) = s.assess("2024-06-01", Method::LeastSquares);
        let p = p.unwrap();
        if let (Some(place), Some(projected)) = (p.projected_place(), p.projected()) {
            prop_assert!(Decimal::from(place) >= projected);
            prop_assert!(Decimal::from(place) - projected < Decimal::ONE || projected < Decimal::ONE);
            let meets = place <= top;
            prop_assert_eq!(meets, p.shortfall().is_none());
            if status == Status::OffTrack {
                prop_assert!(!meets);
                prop_assert_eq!(p.shortfall(), Some(Decimal::from(place - top)));
            }
        }
    }
}

// --- Case files -----------------------------------------------------------------------------

#[test]
fn case_files_check_progress_and_failed_periods_and_can_fail() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/");
    let read = |name: &str| std::fs::read_to_string(format!("{dir}{name}")).unwrap();
    let g10 = read("pt5_progress_methods_g10.json");
    assert!(
        policy_targets::case::Case::from_json(&g10)
            .unwrap()
            .run()
            .passed()
    );
    for (from, to, words) in [
        (
            r#""category": "moderate_progress",
      "required_pace": "12.5""#,
            r#""category": "significant_progress",
      "required_pace": "12.5""#,
            "expected progress category significant_progress by eurostat_cagr_5",
        ),
        (
            r#""required_pace": "12.5""#,
            r#""required_pace": "12.4""#,
            "expected a required pace of 12.4",
        ),
        (
            r#""refusal": "too_few_points""#,
            r#""refusal": "not_positive""#,
            "to be refused (not_positive)",
        ),
    ] {
        let bad = g10.replacen(from, to, 1);
        assert_ne!(bad, g10, "{from}");
        let outcome = policy_targets::case::Case::from_json(&bad).unwrap().run();
        assert!(!outcome.passed());
        assert!(outcome.to_string().contains(words), "{outcome}");
    }
    let every = read("pt5_every_year_productivity.json");
    let bad = every.replacen(
        "\"2022\",\n        \"2023\",\n        \"2024\"",
        "\"2022\",\n        \"2024\"",
        1,
    );
    assert_ne!(bad, every);
    let outcome = policy_targets::case::Case::from_json(&bad).unwrap().run();
    assert!(
        outcome
            .to_string()
            .contains("expected failed periods [2022, 2024], got [2022, 2023, 2024]"),
        "{outcome}"
    );
    let bad = g10.replacen(r#""method": "open_sdg""#, r#""method": "open_sdgs""#, 1);
    assert_ne!(bad, g10);
    let err = policy_targets::case::Case::from_json(&bad).unwrap_err();
    assert!(err.to_string().contains("expect[2].method"), "{err}");
}

#[test]
fn a_strict_rule_at_its_threshold_needs_no_change_and_is_judged_by_direction() {
    // "More than 20": 20 does not meet it, and no change a year is needed to
    // reach the threshold itself, so the ratio is undefined.
    let s = Series::new(
        "score",
        r#"{"more_than": "20"}"#,
        2030,
        &[
            (2018, "16"),
            (2019, "17"),
            (2020, "18"),
            (2021, "19"),
            (2022, "20"),
        ],
    );
    let p = s.progress("2023-06-01", Method::DestatisLinear);
    assert_eq!(p.required_pace(), Some(d("0")));
    assert_eq!(p.ratio(), None);
    assert_eq!(p.observed_pace(), Some(d("1")));
    assert_eq!(p.category(), Some(Category::Sun));
    // The line's present value is a hair above 20 (the points are a year
    // apart, and 2020 had 366 days): on track, and its ratio says so.
    let ls = s.progress("2023-06-01", Method::LeastSquares);
    assert!(ls.ratio().unwrap() >= Decimal::ONE);
    assert_eq!(ls.category(), Some(Category::OnTrack));
}

/// A steep share: the least-squares method shows the very projection the
/// status rests on (held at 100%), and a compound projection is held within
/// 0–100% too, while its ratio and category come from the exact value.
#[test]
fn projected_values_are_shown_within_the_kind_and_agree_with_the_result() {
    let s = Series::new(
        "percent",
        r#"{"more_than": "95"}"#,
        2030,
        &[(2020, "10"), (2021, "30"), (2022, "50")],
    );
    let (c, o) = s.documents();
    let evaluator = Evaluator::new(c);
    let evaluation = evaluator
        .evaluate(&o, parse_date("2023-06-01").unwrap())
        .unwrap();
    let r = evaluation.get("t").unwrap();
    assert_eq!(r.status(), Status::OnTrack);
    assert_eq!(r.projected(), Some(d("100")));
    let ls = r.progress_with(Method::LeastSquares).unwrap();
    assert_eq!(ls.projected(), r.projected());
    let unsd = r.progress_with(Method::UnsdProjection).unwrap();
    assert_eq!(unsd.projected(), Some(d("100")));
    assert_eq!(unsd.category(), Some(Category::SubstantialProgress));
}

/// Progress methods judge the latest figure exactly, as the status does:
/// 2 of 3 dossiers (66.666…%) do not meet "at least
/// 66.666666666666666666666666667", though the share divided out to a
/// decimal (rounded up) would. No method may call the target achieved.
#[test]
fn progress_judges_the_latest_figure_exactly_as_the_status_does() {
    let catalogue = Catalogue::from_json(
        r#"{"format": "policy-targets/catalogue@1",
          "indicators": [{"id": "share", "kind": "percent"}],
          "targets": [{"id": "t", "indicator": "share", "unit": "VN",
                       "rule": {"at_least": "66.666666666666666666666666667"}, "deadline": "2027"}]}"#,
    )
    .unwrap();
    let observations = Observations::from_json(
        r#"{"format": "policy-targets/observations@1", "observations": [
          {"indicator": "share", "unit": "VN", "period": "2019", "published": "2020-03-01",
           "numerator": 1, "denominator": 2},
          {"indicator": "share", "unit": "VN", "period": "2023", "published": "2024-03-01",
           "numerator": 2, "denominator": 3}]}"#,
        &catalogue,
    )
    .unwrap();
    let evaluator = Evaluator::new(catalogue);
    let evaluation = evaluator
        .evaluate(&observations, parse_date("2024-06-01").unwrap())
        .unwrap();
    let r = evaluation.get("t").unwrap();
    assert_eq!(r.status(), Status::OnTrack);
    for method in Method::ALL {
        let p = r.progress_with(method).unwrap();
        assert_ne!(p.category(), Some(Category::TargetAchieved), "{method}");
    }
    // Destatis gives no symbol at all on two points (it needs four).
    let destatis = r.progress_with(Method::DestatisLinear).unwrap();
    assert_eq!(destatis.refusal(), Some(Refusal::TooFewPoints));
}
