//! A consistent API (issue 14, item 6): every enum with a text form reads
//! back what it writes, periods sort, results compare, a catalogue prints
//! short, dates and decimal errors are usable without `time` or strings.

use std::str::FromStr;

use policy_targets::{
    Cadence, Catalogue, Category, Count, DecimalError, Direction, ErrorKind, Evaluator, Lang,
    Method, MetricKind, Month, Observations, Period, PeriodKind, Qualifier, Rank, RollUpMode, Rule,
    Status, UnitLevel, parse_date, vn,
};

/// `Display` then `FromStr` gives the value back, and its text is its name.
fn round_trips<T>(values: &[T], names: &[&str])
where
    T: FromStr + std::fmt::Display + PartialEq + std::fmt::Debug,
    T::Err: std::fmt::Debug,
{
    assert_eq!(values.len(), names.len());
    for (v, name) in values.iter().zip(names) {
        assert_eq!(v.to_string(), *name);
        assert_eq!(&name.parse::<T>().unwrap(), v, "{name}");
    }
    assert!("no_such_name".parse::<T>().is_err());
}

#[test]
fn every_enum_with_a_text_form_reads_back_what_it_writes() {
    round_trips(
        &[Direction::HigherIsBetter, Direction::LowerIsBetter],
        &["higher_is_better", "lower_is_better"],
    );
    round_trips(
        &Cadence::ALL,
        &["annual", "biennial", "quarterly", "monthly", "irregular"],
    );
    round_trips(
        &PeriodKind::ALL,
        &["year", "half", "quarter", "month", "day", "range"],
    );
    let kinds: Vec<&str> = ErrorKind::ALL.iter().map(|k| k.as_str()).collect();
    round_trips(&ErrorKind::ALL, &kinds);
    assert!(kinds.contains(&"unknown_field"));
    let statuses: Vec<&str> = Status::ALL.iter().map(|s| s.as_str()).collect();
    round_trips(Status::ALL, &statuses);
    let levels: Vec<&str> = UnitLevel::ALL.iter().map(|l| l.as_str()).collect();
    round_trips(&UnitLevel::ALL, &levels);
    round_trips(&[RollUpMode::Pooled, RollUpMode::Each], &["pooled", "each"]);
    round_trips(&[Lang::Vi, Lang::En], &[Lang::Vi.code(), Lang::En.code()]);
    for kind in ["percent", "rank", "score", "growth_rate", "count"] {
        assert_eq!(kind.parse::<MetricKind>().unwrap().to_string(), kind);
    }
    for q in ["more_than", "at_least", "less_than", "at_most"] {
        assert_eq!(q.parse::<Qualifier>().unwrap().to_string(), q);
    }
    for m in [
        "least_squares",
        "eurostat_cagr_5",
        "open_sdg",
        "unsd_projection",
    ] {
        assert_eq!(m.parse::<Method>().unwrap().to_string(), m);
    }
    for c in ["target_achieved", "moderate_progress", "movement_away"] {
        assert_eq!(c.parse::<Category>().unwrap().to_string(), c);
    }
    // The direction's error names both choices.
    let e = "higher".parse::<Direction>().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidValue);
    assert!(e.to_string().contains("higher_is_better"), "{e}");
}

#[test]
fn readings_and_refusals_read_back() {
    use policy_targets::{Reading, Refusal};
    for r in [
        Reading::Value("85.10".parse().unwrap()),
        Reading::Value("-0.5".parse().unwrap()),
        Reading::Ratio {
            numerator: 29,
            denominator: 100,
        },
        Reading::Ratio {
            numerator: 1,
            denominator: 3,
        },
    ] {
        assert_eq!(r.to_string().parse::<Reading>().unwrap(), r, "{r}");
    }
    assert_eq!(
        "29/100".parse::<Reading>().unwrap(),
        Reading::Ratio {
            numerator: 29,
            denominator: 100
        }
    );
    for bad in ["85,1", "1/0", "5/4", "a/b", "1/-3"] {
        assert!(bad.parse::<Reading>().is_err(), "{bad}");
    }
    // A refusal reads its name; its Display is the reason in words.
    for r in Refusal::ALL {
        assert_eq!(r.as_str().parse::<Refusal>().unwrap(), r);
        assert_ne!(r.to_string(), r.as_str());
    }
}

#[test]
fn rules_read_back_what_they_write() {
    for rule in [
        Rule::AtLeast("80".parse().unwrap()),
        Rule::AtMost("5.5".parse().unwrap()),
        Rule::MoreThan("50".parse().unwrap()),
        Rule::LessThan("0.25".parse().unwrap()),
        Rule::WithinTop(70),
    ] {
        assert_eq!(rule.to_string().parse::<Rule>().unwrap(), rule, "{rule}");
    }
    assert!("within the top 0".parse::<Rule>().is_err());
    assert!("at least 85,1".parse::<Rule>().is_err());
    assert!("above 80".parse::<Rule>().is_err());
}

#[test]
fn ranks_and_counts_parse_as_the_formats_read_them() {
    assert_eq!("71".parse::<Rank>().unwrap(), Rank::new(71).unwrap());
    assert_eq!("7.1e1".parse::<Rank>().unwrap().get(), 71);
    assert_eq!(
        Rank::new(3)
            .unwrap()
            .to_string()
            .parse::<Rank>()
            .unwrap()
            .get(),
        3
    );
    for bad in ["0", "1.5", "-3", "x", "4294967296"] {
        assert!(bad.parse::<Rank>().is_err(), "{bad}");
    }
    assert_eq!("0".parse::<Count>().unwrap().get(), 0);
    assert_eq!(
        "9223372036854775807".parse::<Count>().unwrap().get(),
        Count::MAX
    );
    for bad in ["9223372036854775808", "2.5", "-1", ""] {
        assert!(bad.parse::<Count>().is_err(), "{bad}");
    }
}

#[test]
fn periods_sort_by_end_then_start_then_how_written() {
    let p = |s: &str| s.parse::<Period>().unwrap();
    let mut periods = vec![
        p("2026"),
        p("2025-12"),
        p("2025-01-01/2025-12-31"),
        p("2025-Q4"),
        p("2025"),
        p("2025-H1"),
        p("2024-07-01/2025-06-30"),
        p("2025-12-31"),
    ];
    periods.sort();
    let written: Vec<String> = periods.iter().map(ToString::to_string).collect();
    assert_eq!(
        written,
        [
            "2024-07-01/2025-06-30",
            "2025-H1",
            "2025",
            "2025-01-01/2025-12-31",
            "2025-Q4",
            "2025-12",
            "2025-12-31",
            "2026"
        ]
    );
    // The order agrees with equality: equal only when written the same way.
    for a in &periods {
        for b in &periods {
            assert_eq!(a.cmp(b) == std::cmp::Ordering::Equal, a == b, "{a} {b}");
        }
    }
}

#[test]
fn results_of_the_same_data_compare_equal() {
    let catalogue = vn::catalogue();
    let observations = vn::observations(&catalogue);
    // The same data, loaded again through JSON: other values, the same meaning.
    let catalogue2 = Catalogue::from_json(&catalogue.to_json()).unwrap();
    let observations2 = Observations::from_json(&observations.to_json(), &catalogue2).unwrap();
    let as_of = parse_date("2026-11-28").unwrap();
    let (e1, e2) = (
        Evaluator::new(catalogue).with_units(vn::units()),
        Evaluator::new(catalogue2).with_units(vn::units()),
    );
    let a = e1.evaluate(&observations, as_of).unwrap();
    let b = e2.evaluate(&observations2, as_of).unwrap();
    assert_eq!(a, b);
    assert_eq!(a.results()[0], b.results()[0]);
    // Another as-of date: other results.
    let c = e1
        .evaluate(&observations, parse_date("2025-06-01").unwrap())
        .unwrap();
    assert_ne!(a, c);
    // Two targets differ.
    assert_ne!(a.results()[0], a.results()[1]);
}

#[test]
fn a_catalogue_and_its_observations_print_in_a_few_lines() {
    let catalogue = vn::catalogue();
    let observations = vn::observations(&catalogue);
    for text in [
        format!("{catalogue:?}"),
        format!("{catalogue:#?}"),
        format!("{observations:?}"),
        format!("{observations:#?}"),
    ] {
        assert!(text.lines().count() <= 5, "{text}");
        assert!(text.len() < 600, "{text}");
        assert!(
            !text.contains("by_id") && !text.contains("4294967295"),
            "{text}"
        );
        assert!(text.contains('…'), "{text}");
    }
    let short = format!("{catalogue:?}");
    let n = catalogue.targets().len();
    assert!(short.starts_with("Catalogue { indicators: "), "{short}");
    assert!(short.contains(&format!("targets: {n} [")), "{short}");
    let obs = format!("{observations:?}");
    assert!(
        obs.starts_with(&format!(
            "Observations {{ observations: {}, units: ",
            observations.len()
        )),
        "{obs}"
    );
    assert!(obs.contains("\"VN\""), "{obs}");
    let empty = Catalogue::builder().build().unwrap();
    assert_eq!(
        format!("{empty:?}"),
        "Catalogue { indicators: 0 [], targets: 0 [], units: 0 [] }"
    );
}

#[test]
fn dates_are_built_without_the_time_crate() {
    let day = policy_targets::Date::from_calendar_date(2025, Month::December, 31).unwrap();
    assert_eq!(day, parse_date("2025-12-31").unwrap());
    let next = day + policy_targets::Duration::days(1);
    assert_eq!(next.to_string(), "2026-01-01");
    assert!(!"2025".parse::<Period>().unwrap().contains(next));
}

/// A downstream error enum holds the decimal error with `#[from]`.
#[derive(Debug, thiserror::Error)]
enum AgencyError {
    #[error("bad figure: {0}")]
    Figure(#[from] DecimalError),
    #[error(transparent)]
    Load(#[from] policy_targets::Error),
}

fn read_figure(text: &str) -> Result<policy_targets::Decimal, AgencyError> {
    Ok(policy_targets::parse_decimal(text)?)
}

#[test]
fn the_decimal_error_has_a_name_for_from() {
    assert!(read_figure("85.1").is_ok());
    let e = read_figure("85,1").unwrap_err();
    assert!(matches!(e, AgencyError::Figure(_)));
    assert!(e.to_string().starts_with("bad figure: "), "{e}");
    let load: Result<Period, AgencyError> = "2025-Q5".parse::<Period>().map_err(Into::into);
    assert!(matches!(load, Err(AgencyError::Load(_))));
}

/// Every check of an `expect` entry is in the `Expectation` a case gives.
#[test]
fn an_expectation_says_everything_a_case_file_can() {
    use policy_targets::case::{Case, Expectation, ExpectedResult};
    let read = |name: &str| {
        let text = std::fs::read_to_string(format!("tests/fixtures/{name}.json")).unwrap();
        Case::from_json(&text).unwrap()
    };
    let results = |case: &Case| match case.expectation() {
        Expectation::Results(r) => r.clone(),
        other => panic!("{other:?}"),
    };
    let g10 = results(&read("pt5_progress_methods_g10"));
    assert_eq!(
        g10[0],
        ExpectedResult::new("level4_80_by_2025", Status::OffTrack)
            .with_category(Category::ModerateProgress)
            .with_required_pace("12.5".parse().unwrap())
    );
    assert_eq!(g10[1].method, Some(Method::UnsdProjection));
    let refusals = results(&read("pt5_progress_refusals"));
    assert_eq!(
        refusals[0],
        ExpectedResult::new("g11_rank_top70", Status::OffTrack)
            .with_method("eurostat_cagr_5".parse().unwrap())
            .with_refusal(policy_targets::Refusal::CompoundGrowthOfRank)
            .with_required_pace("-8.3333".parse().unwrap())
    );
    let every = results(&read("pt5_every_year_productivity"));
    let p = |s: &str| s.parse::<Period>().unwrap();
    let seven = every
        .iter()
        .find(|e| e.target == "every_year_7_by_2025")
        .unwrap();
    assert_eq!(
        seven.failed_periods,
        Some(vec![p("2022"), p("2023"), p("2024")])
    );
    let so_far = every
        .iter()
        .find(|e| e.target == "every_year_3_by_2027_so_far")
        .unwrap();
    assert_eq!(so_far.failed_periods, Some(vec![]));
    // A plain entry says only the status.
    let plain = results(&read("egdi_rank_missed"));
    assert!(
        plain
            .iter()
            .all(|e| e.method.is_none() && e.category.is_none() && e.failed_periods.is_none())
    );
    assert!(matches!(
        read("bad_input_paths").expectation(),
        Expectation::Error(strings) if !strings.is_empty()
    ));
}

/// `Threshold::at_least(rank)` says to use `within_top`: compiled with the
/// rustc and the library this test was built with (its `deps` folder).
#[test]
fn a_threshold_on_a_rank_points_to_within_top() {
    let exe = std::env::current_exe().unwrap();
    let deps = exe.parent().unwrap();
    let Some(rlib) = std::fs::read_dir(deps)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.starts_with("libpolicy_targets-") && name.ends_with(".rlib")
        })
        .max_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok())
    else {
        return; // not built by cargo as usual: nothing to compile against
    };
    let dir = std::env::temp_dir().join(format!("pt-diagnostic-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let source = dir.join("rank.rs");
    std::fs::write(
        &source,
        "fn main() { let _ = policy_targets::Threshold::at_least(policy_targets::Rank::new(70).unwrap()); }\n",
    )
    .unwrap();
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_owned());
    let out = std::process::Command::new(rustc)
        .args([
            "--edition",
            "2024",
            "--crate-type",
            "bin",
            "--emit",
            "metadata",
        ])
        .arg("-L")
        .arg(deps)
        .arg("--extern")
        .arg(format!("policy_targets={}", rlib.display()))
        .arg("--out-dir")
        .arg(&dir)
        .arg(&source)
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("E0277"), "{stderr}");
    assert!(
        stderr.contains("has no threshold rules: a rank is judged with `Threshold::within_top`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("Threshold::within_top(Rank::new(70)?)"),
        "{stderr}"
    );
}
