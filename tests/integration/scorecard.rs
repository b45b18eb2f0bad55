//! The library functions behind the scorecard's lines, on the built-in Viet
//! Nam record: the progress line (one arithmetic, from the verdict's own
//! start), the every-year line, the status words, the reasons of rows
//! without a verdict, and the marks of low-confidence figures.

use std::collections::BTreeSet;

use policy_targets::report::Report;
use policy_targets::{
    Category, Decimal, Evaluation, EvaluationOptions, Evaluator, Lang, Method, Observations,
    Status, parse_date, vn,
};

fn evaluate<'a>(
    evaluator: &'a Evaluator,
    observations: &'a Observations,
    as_of: &str,
    method: Option<Method>,
) -> Evaluation<'a> {
    let mut options = EvaluationOptions::default();
    if let Some(m) = method {
        options = options.with_method(m);
    }
    evaluator
        .evaluate_with(observations, parse_date(as_of).unwrap(), &options)
        .unwrap()
}

/// EGDI within the top 50 by 2030: the line observed climbing 3.75 places a
/// year looked faster than the 3.5 needed from the latest rank, yet the
/// target was off track. From the line's present value (73.5), 3.92 are
/// needed: the line says what the status says, and the gap in words.
#[test]
fn the_egdi_line_has_one_arithmetic() {
    let catalogue = vn::catalogue();
    let observations = vn::observations(&catalogue);
    let evaluator = Evaluator::new(catalogue);
    let evaluation = evaluate(&evaluator, &observations, "2026-12-06", None);
    let r = evaluation.get("qd749_2030_egdi_top50").unwrap();
    assert_eq!(r.status(), Status::OffTrack);
    let p = r.progress_with(Method::LeastSquares).unwrap();
    let (observed, needed) = (p.observed_pace().unwrap(), p.required_pace().unwrap());
    // Climbing (negative places a year), and slower than needed.
    assert!(
        observed < Decimal::ZERO && needed < observed,
        "{observed} {needed}"
    );
    assert_eq!(p.pace_from().round_dp(1), "73.5".parse().unwrap());
    assert_eq!(p.projected_place(), Some(51));
    assert_eq!(p.shortfall(), Some(Decimal::ONE));
    let (from, to) = p.window().unwrap();
    assert_eq!(
        (from.to_string(), to.to_string()),
        ("2020".into(), "2024".into())
    );
    let vi = p.summary_in(Lang::Vi);
    for part in [
        "bình phương tối thiểu, xu thế 2020–2024: chậm tiến độ",
        "dự báo hạng 51 năm 2030 (làm tròn lên), còn thiếu 1 bậc để vào top 50",
        "thực tế tăng 3,75 bậc/năm",
        "cần tăng 3,92 bậc/năm từ hạng 73,5 (giá trị hiện tại của đường xu thế)",
        "với tốc độ này, đến hạn đi được 96% quãng đường còn lại",
    ] {
        assert!(vi.contains(part), "{part:?} not in {vi:?}");
    }
    let en = p.summary_in(Lang::En);
    for part in [
        "least squares, trend 2020–2024: off track",
        "projected rank 51 in 2030 (rounded up), 1 place short of the top 50",
        "observed: climbing 3.75 places/yr",
        "needed: climbing 3.92 places/yr from rank 73.5",
    ] {
        assert!(en.contains(part), "{part:?} not in {en:?}");
    }
}

/// On and after the deadline's last day no pace is needed any more.
#[test]
fn no_pace_needed_on_the_deadline() {
    let catalogue = vn::catalogue();
    let observations = vn::observations(&catalogue);
    let evaluator = Evaluator::new(catalogue);
    let evaluation = evaluate(&evaluator, &observations, "2030-12-31", None);
    let mut seen = 0;
    for r in evaluation.results() {
        for m in Method::ALL {
            if let Some(p) = r.progress_with(m) {
                seen += 1;
                assert_eq!(p.required_pace(), None, "{} {m}", r.target().id());
                assert!(!p.summary_in(Lang::Vi).contains("cần tăng"));
                assert!(!p.summary_in(Lang::En).contains("needed:"));
            }
        }
    }
    assert!(seen > 0);
}

/// Every method's line names the method in words in both languages (no
/// `open_sdg` or `destatis_linear` in a sentence), gives every pace its
/// unit, and writes projected ranks as whole places.
#[test]
fn every_method_line_is_in_words() {
    let catalogue = vn::catalogue();
    let observations = vn::observations(&catalogue);
    let evaluator = Evaluator::new(catalogue);
    for m in Method::ALL {
        let evaluation = evaluate(&evaluator, &observations, "2026-12-06", Some(m));
        for r in evaluation.results() {
            let Some(p) = r.progress() else { continue };
            assert_eq!(p.method(), m);
            for lang in Lang::ALL {
                let line = p.summary_in(*lang);
                assert!(line.starts_with(&m.name_in(*lang)), "{line}");
                assert!(
                    !line.contains(&m.to_string()) || !m.to_string().contains('_'),
                    "{line}"
                );
                if let Some(place) = p.projected_place() {
                    let word = if *lang == Lang::Vi {
                        "dự báo hạng"
                    } else {
                        "projected rank"
                    };
                    assert!(line.contains(&format!("{word} {place} ")), "{line}");
                }
                if line.contains("/năm") || line.contains("/yr") {
                    assert!(
                        [
                            "bậc/năm",
                            "điểm %/năm",
                            "%/năm",
                            "places/yr",
                            "pts/yr",
                            "%/yr"
                        ]
                        .iter()
                        .any(|u| line.contains(u)),
                        "{line}"
                    );
                }
                // A ratio is never printed without its meaning.
                // `(0.96)`: a number alone in parentheses.
                let bare = line.split('(').skip(1).any(|after| {
                    let number: String = after
                        .chars()
                        .take_while(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-'))
                        .collect();
                    !number.is_empty() && after[number.len()..].starts_with(')')
                });
                assert!(!bare, "a bare number in parentheses: {line}");
            }
        }
    }
    for c in Category::ALL {
        assert_ne!(c.label_in(Lang::Vi), c.as_str());
        assert!(!c.label_in(Lang::En).contains('_'));
    }
}

/// The status words are distinct, in each language.
#[test]
fn status_words_are_distinct() {
    for lang in Lang::ALL {
        let words: BTreeSet<&str> = Status::ALL.iter().map(|s| s.label_in(*lang)).collect();
        assert_eq!(words.len(), Status::ALL.len(), "{lang}");
    }
    assert_eq!(Status::AwaitingData.label_vi(), "Chưa có số liệu kỳ cuối");
    assert_eq!(Status::NoData.label_vi(), "Không có số liệu");
    assert_eq!(
        Status::InsufficientData.label_vi(),
        "Chưa đủ số liệu để dự báo"
    );
    assert_eq!(Status::Inconclusive.label_vi(), "Chưa kết luận được");
}

/// Every row without a figure says why, in both languages.
#[test]
fn every_no_data_row_has_its_reason() {
    let catalogue = vn::catalogue();
    let observations = vn::observations(&catalogue);
    let evaluator = Evaluator::new(catalogue);
    let evaluation = evaluate(&evaluator, &observations, "2026-12-06", None);
    let mut no_data = 0;
    for r in evaluation
        .results()
        .iter()
        .filter(|r| r.status() == Status::NoData)
    {
        no_data += 1;
        let reason = r.target().no_data_reason();
        let reason = reason.unwrap_or_else(|| panic!("{} has no reason", r.target().id()));
        assert!(
            reason.vi().is_some() && reason.en().is_some(),
            "{}",
            r.target().id()
        );
    }
    assert!(no_data >= 15);
}

/// Every-year targets: the row heads with the latest figure, each year is
/// listed with its figure, and years not published or not over are never
/// counted as failures.
#[test]
fn every_year_rows_list_each_year() {
    let catalogue = vn::catalogue();
    let observations = vn::observations(&catalogue);
    let evaluator = Evaluator::new(catalogue);
    let evaluation = evaluate(&evaluator, &observations, "2026-12-06", None);
    let r = evaluation
        .get("qd749_2025_labour_productivity_growth_min7")
        .unwrap();
    assert_eq!(r.evidence().unwrap().period().to_string(), "2021");
    assert_eq!(r.latest_figure().unwrap().period().to_string(), "2024");
    let vi = r.every_period_summary_in(Lang::Vi).unwrap();
    assert!(
        vi.starts_with("từng năm 2021–2025, ít nhất 7%: 2021: 4,71% — không đạt"),
        "{vi}"
    );
    assert!(vi.contains("2024: 5,88% — không đạt"), "{vi}");
    assert!(vi.ends_with("2025: chưa công bố"), "{vi}");
    let r = evaluation
        .get("qd749_2030_labour_productivity_growth_min8")
        .unwrap();
    let en = r.every_period_summary_in(Lang::En).unwrap();
    assert_eq!(
        en,
        "every year 2026–2030, at least 8%: 2026: not over yet · 2027–2030: not begun"
    );
    assert!(!en.contains("failed"));
    assert!(
        evaluation
            .get("qd749_2030_egdi_top50")
            .unwrap()
            .every_period_summary_in(Lang::En)
            .is_none()
    );
}

/// With `--low-confidence`, every figure it adds is marked: the sentence
/// (text, the results document's explanation) and the HTML page.
#[test]
fn low_confidence_figures_are_marked() {
    let catalogue = vn::catalogue();
    let observations = vn::observations_with_low_confidence(&catalogue);
    let evaluator = Evaluator::new(catalogue);
    let evaluation = evaluate(&evaluator, &observations, "2026-12-06", None);
    let r = evaluation
        .get("qd749_2025_gci_cybersecurity_top40")
        .unwrap();
    assert!(r.evidence().unwrap().is_low_confidence());
    assert!(
        r.explanation_in(Lang::Vi)
            .ends_with("Số liệu này có độ tin cậy thấp (chưa được kiểm chứng).")
    );
    assert!(
        r.explanation_in(Lang::En)
            .ends_with("This figure is of low confidence (not verified).")
    );
    assert!(evaluation.to_json_in(Lang::Vi).contains("độ tin cậy thấp"));
    assert!(
        evaluation
            .to_json_in(Lang::En)
            .contains("low confidence (not verified)")
    );
    let html = Report::new(&evaluation, &observations)
        .with_lang(Lang::En)
        .to_html();
    assert!(html.contains("(low confidence)"));
    // Without them, nothing is marked.
    let plain = vn::observations(evaluator.catalogue());
    let evaluation = evaluate(&evaluator, &plain, "2026-12-06", None);
    assert!(!evaluation.to_json_in(Lang::En).contains("low confidence"));
}
