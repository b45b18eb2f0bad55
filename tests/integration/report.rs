//! The HTML report (feature `report`), read back with an HTML5 parser as a
//! browser would: its structure, its charts, and that it is self-contained
//! and escapes every text.

use policy_targets::report::{Lang, Report};
use policy_targets::{
    Catalogue, Evaluation, Evaluator, MetricKind, Observations, Status, parse_date, vn,
};
use scraper::{ElementRef, Html, Selector};

const PILLARS: [(&str, &str, &str); 3] = [
    ("digital_government", "Chính phủ số", "Digital government"),
    ("digital_economy", "Kinh tế số", "Digital economy"),
    ("digital_society", "Xã hội số", "Digital society"),
];

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn render(evaluation: &Evaluation<'_>, observations: &Observations, lang: Lang) -> Html {
    let report = PILLARS.iter().fold(
        Report::new(evaluation, observations).with_lang(lang),
        |r, (tag, vi, en)| r.with_group(*tag, *vi, *en),
    );
    let html = report.to_html();
    let page = Html::parse_document(&html);
    assert!(page.errors.is_empty(), "{:?}", page.errors);
    page
}

/// The built-in scorecard.
struct Vn {
    evaluator: Evaluator,
    observations: Observations,
}

impl Vn {
    fn new() -> Vn {
        let catalogue = vn::catalogue();
        let observations = vn::observations(&catalogue);
        Vn {
            evaluator: Evaluator::new(catalogue),
            observations,
        }
    }

    fn at(&self, as_of: &str) -> Evaluation<'_> {
        self.evaluator
            .evaluate(&self.observations, parse_date(as_of).unwrap())
            .unwrap()
    }
}

fn article<'p>(page: &'p Html, id: &str) -> ElementRef<'p> {
    let found: Vec<ElementRef<'_>> = page
        .select(&sel(&format!(r#"article[id="{id}"]"#)))
        .collect();
    assert_eq!(found.len(), 1, "one anchor for {id}");
    found[0]
}

fn text(e: ElementRef<'_>) -> String {
    e.text().collect()
}

#[test]
fn every_target_has_its_anchor_its_status_and_its_source() {
    let vn = Vn::new();
    let evaluation = vn.at("2026-11-28");
    let page = render(&evaluation, &vn.observations, Lang::Vi);
    assert_eq!(
        page.select(&sel("article")).count(),
        evaluation.results().len()
    );
    for r in evaluation.results() {
        let a = article(&page, r.target().id());
        let status = text(a.select(&sel(".status")).next().unwrap());
        assert_eq!(status, r.status().label_vi(), "{}", r.target().id());
        let all = text(a);
        let source = r.target().source().unwrap();
        assert!(all.contains(source.instrument().unwrap()));
        if let Some(clause) = source.text_vi() {
            let quoted = a.select(&sel(r#"blockquote[lang="vi"]"#)).next().unwrap();
            assert_eq!(text(quoted), clause);
        }
        // The explanation in the page's language.
        assert!(
            all.contains(&r.explanation_in(Lang::Vi)),
            "{}",
            r.target().id()
        );
    }
}

#[test]
fn the_summary_counts_every_status() {
    let vn = Vn::new();
    let evaluation = vn.at("2026-11-28");
    let page = render(&evaluation, &vn.observations, Lang::Vi);
    let rows: Vec<(String, usize)> = page
        .select(&sel("table.counts tbody tr"))
        .map(|tr| {
            let cells: Vec<String> = tr.select(&sel("td")).map(text).collect();
            (cells[0].clone(), cells[1].parse().unwrap())
        })
        .collect();
    let expected: Vec<(String, usize)> = evaluation
        .counts()
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| (s.label_vi().to_owned(), n))
        .collect();
    assert_eq!(rows, expected);
    let total = text(page.select(&sel("table.counts tfoot td")).next().unwrap());
    assert_eq!(total, evaluation.results().len().to_string());
}

#[test]
fn targets_are_in_sections_by_pillar_then_deadline() {
    let vn = Vn::new();
    let evaluation = vn.at("2026-11-28");
    let page = render(&evaluation, &vn.observations, Lang::Vi);
    for group in page.select(&sel("section.group")) {
        let pillar = text(group.select(&sel("h2")).next().unwrap());
        let tag = PILLARS.iter().find(|(_, vi, _)| *vi == pillar).unwrap().0;
        let mut last_deadline = None;
        for section in group.select(&sel("section.deadline")) {
            let heading = text(section.select(&sel("h3")).next().unwrap());
            for a in section.select(&sel("article")) {
                let r = evaluation.get(a.value().attr("id").unwrap()).unwrap();
                assert!(r.target().tags().iter().any(|t| t == tag));
                assert_eq!(heading, format!("Hạn {}", r.target().deadline()));
                let end = r.target().deadline().end();
                assert!(last_deadline <= Some(end), "deadlines in order");
                last_deadline = Some(end);
            }
        }
    }
}

#[test]
fn one_chart_for_every_target_with_figures_and_none_without() {
    for as_of in ["2021-06-30", "2026-11-28"] {
        let vn = Vn::new();
        let evaluation = vn.at(as_of);
        let page = render(&evaluation, &vn.observations, Lang::Vi);
        let mut with_figures = 0;
        for r in evaluation.results() {
            let a = article(&page, r.target().id());
            let charts = a.select(&sel("figure.chart svg")).count();
            let expected = usize::from(r.evidence().is_some());
            assert_eq!(charts, expected, "{} at {as_of}", r.target().id());
            with_figures += expected;
        }
        assert_eq!(page.select(&sel("svg")).count(), with_figures);
        assert!(with_figures > 10, "{with_figures} charts at {as_of}");
    }
}

#[test]
fn charts_mark_the_threshold_and_the_deadline_and_dash_the_trend_of_open_targets() {
    let vn = Vn::new();
    let evaluation = vn.at("2026-11-28");
    let page = render(&evaluation, &vn.observations, Lang::En);
    let mut trends = 0;
    for r in evaluation
        .results()
        .iter()
        .filter(|r| r.evidence().is_some())
    {
        let svg = article(&page, r.target().id())
            .select(&sel("svg"))
            .next()
            .unwrap();
        let labels: Vec<String> = svg
            .select(&sel("text"))
            .map(|t| text(t).trim().to_owned())
            .collect();
        assert!(
            labels.contains(&format!("Deadline {}", r.target().deadline())),
            "{}: {labels:?}",
            r.target().id()
        );
        assert!(labels.iter().any(|l| l.starts_with("Threshold ")));
        let open = matches!(
            r.status(),
            Status::OnTrack | Status::OffTrack | Status::InsufficientData
        ) && r.projected().is_some();
        let trend = labels
            .iter()
            .any(|l| l.starts_with("Trend to the deadline"));
        assert_eq!(trend, open, "{}", r.target().id());
        trends += usize::from(trend);
        // Axis titles with their units.
        let unit = match r.indicator().kind() {
            MetricKind::Rank => "Rank (1 = best)",
            MetricKind::Percent => "Share (%)",
            _ => "",
        };
        assert!(labels.iter().any(|l| l.contains(unit)));
    }
    assert!(trends >= 3, "the off-track 2030 targets show their trend");
}

/// The y coordinates of a chart's value-axis labels, by value.
fn value_axis(svg: ElementRef<'_>) -> Vec<(i64, i64)> {
    let mut ticks: Vec<(i64, i64)> = svg
        .select(&sel(r#"text[text-anchor="end"]"#))
        .filter_map(|t| {
            let label = text(t).trim().trim_end_matches('%').replace(',', "");
            let value = label.parse::<i64>().ok()?;
            Some((value, t.value().attr("y")?.parse().ok()?))
        })
        .collect();
    ticks.sort();
    ticks
}

#[test]
fn ranks_are_drawn_on_a_reversed_axis_with_1_at_the_top() {
    let vn = Vn::new();
    let evaluation = vn.at("2026-11-28");
    let page = render(&evaluation, &vn.observations, Lang::En);
    let egdi = article(&page, "qd749_2030_egdi_top50");
    let figure = egdi.select(&sel("figure.chart")).next().unwrap();
    assert!(figure.value().classes().any(|c| c == "reversed"));
    let ticks = value_axis(figure.select(&sel("svg")).next().unwrap());
    assert!(ticks.len() >= 3, "{ticks:?}");
    assert_eq!(ticks[0].0, 1, "the axis starts at rank 1");
    assert!(
        ticks.windows(2).all(|w| w[0].1 < w[1].1),
        "a better rank is higher on the page: {ticks:?}"
    );
    // A share runs the usual way: more is higher.
    let share = article(&page, "qd749_2030_digital_economy_30pct_gdp");
    let figure = share.select(&sel("figure.chart")).next().unwrap();
    assert!(!figure.value().classes().any(|c| c == "reversed"));
    let ticks = value_axis(figure.select(&sel("svg")).next().unwrap());
    assert!(ticks.len() >= 3, "{ticks:?}");
    assert!(ticks.windows(2).all(|w| w[0].1 > w[1].1), "{ticks:?}");
}

#[test]
fn figures_are_shown_as_known_at_the_as_of_date_with_their_revisions() {
    for as_of in ["2023-06-30", "2026-11-28"] {
        let vn = Vn::new();
        let evaluation = vn.at(as_of);
        let page = render(&evaluation, &vn.observations, Lang::En);
        let observations = &vn.observations;
        let day = parse_date(as_of).unwrap();
        for r in evaluation.results() {
            let a = article(&page, r.target().id());
            for row in a.select(&sel("table.figures tbody tr")) {
                let published = text(row.select(&sel("td")).nth(2).unwrap());
                assert!(parse_date(&published).unwrap() <= day);
            }
        }
        // The statistics office revised its digital-economy shares: each
        // replaced figure is struck through and drawn as a ring.
        let id = "qd749_2030_digital_economy_30pct_gdp";
        let a = article(&page, id);
        let rows = a.select(&sel("table.figures tbody tr")).count();
        let gso = observations
            .of("digital_economy_share_gdp", "VN")
            .filter(|o| o.series() == Some("gso") && o.published() <= day)
            .count();
        assert_eq!(
            rows, gso,
            "every gso figure published by {as_of}, no other series"
        );
        let replaced: Vec<ElementRef<'_>> = a.select(&sel("table.figures tr.replaced")).collect();
        assert!(replaced.iter().all(|tr| tr.select(&sel("s")).count() == 1));
        let rings = a.select(&sel(r#"svg circle[r="6"]"#)).count();
        assert_eq!(rings, replaced.len(), "at {as_of}");
        if as_of == "2026-11-28" {
            assert!(!replaced.is_empty());
        }
    }
}

#[test]
fn the_page_loads_nothing_from_outside() {
    let vn = Vn::new();
    let evaluation = vn.at("2026-11-28");
    let page = render(&evaluation, &vn.observations, Lang::Vi);
    assert_eq!(
        page.select(&sel("script, link, iframe, img, object, embed, image, use"))
            .count(),
        0
    );
    for e in page.select(&sel("*")) {
        for (name, value) in e.value().attrs() {
            if matches!(
                name,
                "src" | "href" | "xlink:href" | "srcset" | "poster" | "data"
            ) {
                assert!(value.starts_with('#'), "{name}={value}");
            }
            assert!(!value.contains("url("), "{name}={value}");
        }
    }
    let style: String = page.select(&sel("style")).map(text).collect();
    assert!(!style.is_empty());
    for outside in ["@import", "url(", "@font-face"] {
        assert!(!style.contains(outside), "{outside}");
    }
    let lang = page.select(&sel("html")).next().unwrap();
    assert_eq!(lang.value().attr("lang"), Some("vi"));
    let meta = page.select(&sel("meta[charset]")).next().unwrap();
    assert_eq!(meta.value().attr("charset"), Some("utf-8"));
}

#[test]
fn english_with_lang_en() {
    let vn = Vn::new();
    let evaluation = vn.at("2026-11-28");
    let page = render(&evaluation, &vn.observations, Lang::En);
    let html = page.select(&sel("html")).next().unwrap();
    assert_eq!(html.value().attr("lang"), Some("en"));
    let headings: Vec<String> = page.select(&sel("h2")).map(text).collect();
    assert_eq!(headings[0], "Summary");
    assert!(headings.contains(&"Digital economy".to_owned()));
    for r in evaluation.results() {
        let a = article(&page, r.target().id());
        let status = text(a.select(&sel(".status")).next().unwrap());
        assert_eq!(status, r.status().label_en());
        let name = text(a.select(&sel("h4")).next().unwrap());
        assert_eq!(Some(name.as_str()), r.indicator().names().en());
    }
    let all = text(page.root_element());
    assert!(!all.contains("Tổng hợp") && !all.contains("Hạn 2025"));
    assert!(all.contains("Deadline 2025"));
}

#[test]
fn every_text_is_escaped() {
    let evil = "<script>alert(1)</script>";
    let catalogue = Catalogue::from_json(&format!(
        r#"{{"format": "policy-targets/catalogue@1",
            "indicators": [{{"id": "share", "kind": "percent", "name": {{"vi": "{evil}", "en": "{evil}"}}}}],
            "targets": [{{"id": "share_80", "indicator": "share", "unit": "VN",
                         "rule": {{"at_least": "80"}}, "deadline": "2030", "tags": ["{evil}"],
                         "source": {{"instrument": "{evil}", "section": "<b>II</b>",
                                    "text_vi": "{evil}", "text_en": "{evil}"}}}}]}}"#
    ))
    .unwrap();
    let observations = Observations::from_json(
        r#"{"format": "policy-targets/observations@1", "observations": [
            {"indicator": "share", "unit": "VN", "period": "2024", "published": "2025-01-10",
             "value": "40", "source": "</td><img src=x onerror=alert(1)>", "note": "a & b"},
            {"indicator": "share", "unit": "VN", "period": "2025", "published": "2026-01-10",
             "value": "50", "source": "<svg onload=alert(1)>"}]}"#,
        &catalogue,
    )
    .unwrap();
    let evaluator = Evaluator::new(catalogue);
    let evaluation = evaluator
        .evaluate(&observations, parse_date("2026-06-01").unwrap())
        .unwrap();
    for lang in [Lang::Vi, Lang::En] {
        let html = Report::new(&evaluation, &observations)
            .with_lang(lang)
            .with_title(evil)
            .with_group(evil, evil, evil)
            .to_html();
        let page = Html::parse_document(&html);
        assert!(page.errors.is_empty(), "{:?}", page.errors);
        assert_eq!(page.select(&sel("script, img, b")).count(), 0);
        assert_eq!(
            page.select(&sel("svg")).count(),
            1,
            "the chart, and no other svg"
        );
        assert!(page.select(&sel("[onerror], [onload]")).next().is_none());
        let all = text(page.root_element());
        assert!(all.matches(evil).count() >= 4, "shown as text");
        assert!(all.contains("</td><img src=x onerror=alert(1)>"));
        assert!(all.contains("a & b") && all.contains("<b>II</b>"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    }
}
