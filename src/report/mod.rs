//! A self-contained HTML report of an evaluation, with a chart for every
//! target that has figures (feature `report`).
//!
//! The page is one file that a browser shows and prints as it is: the style
//! and the charts (SVG) are inside it, and it loads no script, font, style
//! sheet or image. It has
//!
//! - a summary: how many targets have each status;
//! - the targets in sections, by group (a tag, such as a pillar: see
//!   [`Report::with_group`]) and then by deadline, earliest first;
//! - for every target, an anchor named by its id (`#qd749_2025_egdi_top70`),
//!   its status in words (the colour is never the only sign), the figure it
//!   rests on (marked when of low confidence), the projection (a rank as a
//!   whole place, rounded up), the progress line
//!   ([`Progress::summary_in`](crate::Progress::summary_in): the engine's,
//!   and the method in force's where it differs), the years of an
//!   every-period target, the explanation and the legal source with the
//!   Vietnamese text of the clause;
//! - for every target with figures, a chart: the figures of the series the
//!   target reads, **as they were known at the as-of date** (a figure that a
//!   later publication revised is drawn hollow, where the revision stands),
//!   the threshold as a line, the deadline and the as-of date marked, the
//!   least-squares trend dashed up to the deadline for a target still open,
//!   and ranks on a reversed axis, 1 at the top; beneath it, the same figures
//!   as a table with their publication dates and sources.
//!
//! Every text, from the catalogue or the data, is escaped: the page is
//! written through [maud](https://maud.lambda.xyz/) and the charts by
//! [plotters](https://plotters-rs.github.io/)' SVG backend.
//!
//! ```
//! use policy_targets::report::{Lang, Report};
//! use policy_targets::{Catalogue, Evaluator, Observations, parse_date};
//!
//! let catalogue = Catalogue::from_json(r#"{"format": "policy-targets/catalogue@1",
//!   "indicators": [{"id": "egdi_rank", "kind": "rank", "out_of": 193,
//!                   "name": {"vi": "Xếp hạng EGDI", "en": "EGDI rank"}}],
//!   "targets": [{"id": "egdi_top50_2030", "indicator": "egdi_rank", "unit": "VN",
//!                "rule": {"within_top": 50}, "deadline": "2030", "tags": ["digital_government"],
//!                "source": {"instrument": "Quyết định 749/QĐ-TTg", "section": "Mục II.2.a",
//!                           "text_vi": "Việt Nam thuộc nhóm 50 nước dẫn đầu về Chính phủ điện tử"}}]}"#)?;
//! let observations = Observations::from_json(r#"{"format": "policy-targets/observations@1",
//!   "observations": [
//!     {"indicator": "egdi_rank", "unit": "VN", "period": "2020", "published": "2020-07-10", "value": 86},
//!     {"indicator": "egdi_rank", "unit": "VN", "period": "2022", "published": "2022-09-28", "value": 86},
//!     {"indicator": "egdi_rank", "unit": "VN", "period": "2024", "published": "2024-09-17", "value": 71}]}"#,
//!   &catalogue)?;
//! let evaluator = Evaluator::new(catalogue);
//! let evaluation = evaluator.evaluate(&observations, parse_date("2026-11-28")?)?;
//!
//! let html = Report::new(&evaluation, &observations)
//!     .with_lang(Lang::En)
//!     .with_title("E-government targets")
//!     .with_group("digital_government", "Chính phủ số", "Digital government")
//!     .to_html();
//! assert!(html.starts_with("<!DOCTYPE html>"));
//! assert!(html.contains(r#"id="egdi_top50_2030""#)); // the target's anchor
//! assert!(html.contains("<svg")); // its chart
//! assert!(html.contains("off track"));
//! # Ok::<(), policy_targets::Error>(())
//! ```

mod chart;
mod figures;
mod words;

use std::collections::BTreeMap;

use maud::{DOCTYPE, Markup, PreEscaped, html};

use self::chart::Chart;
use self::figures::{Figure, figures};
pub use crate::Lang;
use crate::model::observation::LOW_CONFIDENCE_NOTE;
use crate::presentation::words::written::BoundShown;
use crate::{
    Date, Evaluation, Method, MetricKind, Observations, Qualifier, Reading, Status, TargetResult,
};

/// An HTML report of an evaluation; see the [module documentation](self).
///
/// Give it the observations the evaluation was made on: the charts show
/// those of them that were published by the evaluation's as-of date.
#[derive(Debug, Clone)]
pub struct Report<'r, 'a> {
    evaluation: &'r Evaluation<'a>,
    observations: &'r Observations,
    lang: Lang,
    title: Option<String>,
    groups: Vec<Group>,
}

/// A section of targets carrying a tag.
#[derive(Debug, Clone)]
struct Group {
    tag: String,
    vi: String,
    en: String,
}

impl<'r, 'a> Report<'r, 'a> {
    /// A report of `evaluation`, made on `observations`, in Vietnamese, with
    /// the targets in sections by deadline.
    #[must_use]
    pub fn new(evaluation: &'r Evaluation<'a>, observations: &'r Observations) -> Self {
        Report {
            evaluation,
            observations,
            lang: Lang::default(),
            title: None,
            groups: Vec::new(),
        }
    }

    /// Sets the language of the page (the catalogue's names in it where it
    /// has them, else in the other one).
    #[must_use]
    pub fn with_lang(mut self, lang: Lang) -> Self {
        self.lang = lang;
        self
    }

    /// Sets the title (by default "Báo cáo đánh giá mục tiêu" or "Target
    /// evaluation report").
    #[must_use]
    pub fn with_title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// Adds a section for the targets tagged `tag`, named in Vietnamese and
    /// English. Sections come in the order they are added; a target goes to
    /// the first whose tag it carries, and targets carrying none of them to a
    /// last section, "Khác" ("Other"). Without any group, the targets are in
    /// sections by deadline only.
    #[must_use]
    pub fn with_group(
        mut self,
        tag: impl Into<String>,
        name_vi: impl Into<String>,
        name_en: impl Into<String>,
    ) -> Self {
        self.groups.push(Group {
            tag: tag.into(),
            vi: name_vi.into(),
            en: name_en.into(),
        });
        self
    }

    /// The page, as one HTML document.
    #[must_use]
    pub fn to_html(&self) -> String {
        let lang = self.lang;
        let title = self.title.clone().unwrap_or_else(|| {
            lang.pick("Báo cáo đánh giá mục tiêu", "Target evaluation report")
                .to_owned()
        });
        let as_of = words::date(self.evaluation.as_of(), lang);
        html! {
            (DOCTYPE)
            html lang=(lang.code()) {
                head {
                    meta charset="utf-8";
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    title { (title) }
                    style { (PreEscaped(STYLE)) }
                }
                body {
                    header {
                        h1 { (title) }
                        p.as-of { (lang.pick("Tính đến ngày", "As of")) " " (as_of) }
                    }
                    (self.summary())
                    @for (group, deadlines) in self.sections() {
                        section.group {
                            @if let Some(name) = self.group_name(group) {
                                h2 { (name) }
                            }
                            @for ((_, deadline), results) in deadlines {
                                section.deadline {
                                    @if self.groups.is_empty() {
                                        h2 { (lang.pick("Hạn", "Deadline")) " " (deadline) }
                                    } @else {
                                        h3 { (lang.pick("Hạn", "Deadline")) " " (deadline) }
                                    }
                                    @for r in results {
                                        (self.target(r))
                                    }
                                }
                            }
                        }
                    }
                    footer {
                        p {
                            (lang.pick(
                                "Mỗi mục tiêu được đánh giá trên các số liệu đã công bố đến ngày tính; \
                                 số liệu công bố sau ngày đó không được dùng. Lập bằng policy-targets ",
                                "Each target is judged on the figures published by the as-of date; \
                                 nothing published later is used. Made with policy-targets ",
                            ))
                            (env!("CARGO_PKG_VERSION")) "."
                        }
                    }
                }
            }
        }
        .into_string()
    }

    /// The results by group (the index of the first group whose tag the
    /// target carries, else after the last), then by deadline.
    fn sections(&self) -> BTreeMap<usize, BTreeMap<(Date, String), Vec<&'r TargetResult<'a>>>> {
        let mut sections: BTreeMap<usize, BTreeMap<_, Vec<_>>> = BTreeMap::new();
        for r in self.evaluation.results() {
            let tags = r.target().tags();
            let group = self
                .groups
                .iter()
                .position(|g| tags.contains(&g.tag))
                .unwrap_or(self.groups.len());
            let deadline = r.target().deadline();
            sections
                .entry(group)
                .or_default()
                .entry((deadline.end(), deadline.to_string()))
                .or_default()
                .push(r);
        }
        sections
    }

    fn group_name(&self, group: usize) -> Option<&str> {
        let lang = self.lang;
        match self.groups.get(group) {
            Some(g) => Some(lang.pick(&g.vi, &g.en)),
            None if self.groups.is_empty() => None,
            None => Some(lang.pick("Khác", "Other")),
        }
    }

    fn summary(&self) -> Markup {
        let lang = self.lang;
        let total = self.evaluation.results().len();
        html! {
            section #summary {
                h2 { (lang.pick("Tổng hợp", "Summary")) }
                table.counts {
                    thead {
                        tr {
                            th { (lang.pick("Tình trạng", "Status")) }
                            th.num { (lang.pick("Số mục tiêu", "Targets")) }
                        }
                    }
                    tbody {
                        @for (status, n) in self.evaluation.counts() {
                            @if n > 0 {
                                tr {
                                    td { span class={ "status " (words::tone(status)) } { (words::status(status, lang)) } }
                                    td.num { (n) }
                                }
                            }
                        }
                    }
                    tfoot {
                        tr {
                            th { (lang.pick("Tổng số", "Total")) }
                            td.num { (total) }
                        }
                    }
                }
            }
        }
    }

    fn target(&self, r: &TargetResult<'a>) -> Markup {
        let lang = self.lang;
        let (target, indicator) = (r.target(), r.indicator());
        let kind = indicator.kind();
        let names = indicator.names();
        let name = match lang {
            Lang::Vi => names.vi().or(names.en()),
            Lang::En => names.en().or(names.vi()),
        }
        .unwrap_or(indicator.id());
        let figures = figures(r, self.observations);
        let chart = Chart::of(r, &figures, lang);
        let tone = words::tone(r.status());
        html! {
            article id=(target.id()) class={ "target " (tone) } {
                header {
                    span class={ "status " (tone) } { (words::status(r.status(), lang)) }
                    h4 { (name) }
                    p.meta {
                        code { (target.id()) } " · " (target.unit()) " · "
                        (words::rule(target.rule(), kind, lang)) " · "
                        (lang.pick("hạn", "deadline")) " " (target.deadline())
                    }
                }
                table.facts {
                    tr {
                        th { (lang.pick("Số liệu", "Figure")) }
                        td {
                            @match r.evidence() {
                                Some(e) => {
                                    (reading(e.reading(), e.qualifier(), kind, lang))
                                    @if e.is_low_confidence() { " " small.low { (low_confidence(lang)) } }
                                    " ("
                                    (lang.pick("kỳ", "period")) " " (e.period()) ", "
                                    (lang.pick("công bố", "published")) " " (words::date(e.published(), lang)) ")"
                                    @if let Some(source) = e.source() {
                                        br; span.source { (source) }
                                    }
                                },
                                None => "—",
                            }
                        }
                    }
                    @if let Some(p) = r.projection().filter(|p| p.value().is_some()) {
                        tr {
                            th { (lang.pick("Dự báo tại hạn", "Projected")) }
                            td {
                                @if let Some(place) = r.progress_with(Method::LeastSquares).and_then(|p| p.projected_place()) {
                                    (words::value(place.into(), kind, lang)) " (" (lang.pick("làm tròn lên", "rounded up")) ")"
                                } @else if let Some(v) = p.value() {
                                    (words::value(v.round_dp(2), kind, lang))
                                }
                                " (" (words::date(target.deadline().end(), lang)) "; "
                                (lang.pick("đường xu hướng qua", "trend through")) " " (p.points()) " "
                                (lang.pick("điểm số liệu", "figures")) ")"
                            }
                        }
                    }
                    @if let Some(every) = r.every_period_summary_in(lang) {
                        tr {
                            th { (lang.pick("Từng kỳ", "Every period")) }
                            td { (every) }
                        }
                    }
                    @if let Some(p) = r.progress_with(Method::LeastSquares) {
                        tr {
                            th { (lang.pick("Tiến độ (tình trạng)", "Progress (status)")) }
                            td { (p.summary_in(lang)) }
                        }
                    }
                    @if let Some(p) = r.progress().filter(|p| p.method() != Method::LeastSquares) {
                        tr {
                            th { (lang.pick("Đối chiếu", "Compared")) }
                            td { (p.summary_in(lang)) }
                        }
                    }
                    tr {
                        th { (lang.pick("Giải thích", "Explanation")) }
                        td { (r.explanation_in(lang)) }
                    }
                    @if let Some(reason) = target.no_data_reason().filter(|_| without_verdict(r.status())) {
                        tr {
                            th { (lang.pick("Vì sao chưa có kết luận", "Why no verdict")) }
                            td {
                                @match (lang, reason.vi(), reason.en()) {
                                    (Lang::Vi, Some(text), _) | (Lang::En, _, Some(text)) => (text),
                                    (_, Some(text), None) => span lang="vi" { (text) },
                                    (_, None, Some(text)) => span lang="en" { (text) },
                                    _ => "—",
                                }
                            }
                        }
                    }
                    tr {
                        th { (lang.pick("Căn cứ", "Legal source")) }
                        td {
                            @match target.source() {
                                Some(s) => {
                                    (s.instrument().unwrap_or("—"))
                                    @if let Some(d) = s.issued() {
                                        " (" (lang.pick("ban hành ngày", "issued")) " " (words::date(d, lang)) ")"
                                    }
                                    @if let Some(section) = s.section() { ", " (section) }
                                    @if let Some(text) = s.text_vi() {
                                        blockquote lang="vi" { (text) }
                                    }
                                    @if lang == Lang::En {
                                        @if let Some(text) = s.text_en() {
                                            blockquote lang="en" { (text) small { " (translation)" } }
                                        }
                                    }
                                },
                                None => "—",
                            }
                        }
                    }
                }
                @if let Some(chart) = chart {
                    figure class={ "chart " @if chart.reversed() { "reversed" } } {
                        @match chart.to_svg() {
                            Ok(svg) => (PreEscaped(svg)),
                            Err(e) => p.error { (lang.pick("Không vẽ được biểu đồ: ", "The chart could not be drawn: ")) (e) },
                        }
                        figcaption {
                            (name) " — " (lang.pick("số liệu đã công bố đến ngày", "figures published by"))
                            " " (words::date(r.as_of(), lang))
                            @if chart.reversed() {
                                ". " (lang.pick("Trục thứ hạng đảo ngược: hạng 1 ở trên cùng.", "Rank axis reversed: 1 at the top."))
                            }
                        }
                    }
                    (figure_table(&figures, kind, lang))
                }
            }
        }
    }
}

/// The figures under a chart: period, value, publication and source, a
/// revised figure struck through with the day it was replaced.
fn figure_table(figures: &[Figure], kind: MetricKind, lang: Lang) -> Markup {
    html! {
        table.figures {
            thead {
                tr {
                    th { (lang.pick("Kỳ", "Period")) }
                    th.num { (lang.pick("Giá trị", "Value")) }
                    th { (lang.pick("Công bố", "Published")) }
                    th { (lang.pick("Nguồn, ghi chú", "Source, note")) }
                }
            }
            tbody {
                @for g in figures {
                    tr class=[(!g.stands()).then_some("replaced")] {
                        td { (g.period) }
                        td.num {
                            @if g.stands() {
                                (reading(g.reading, g.qualifier, kind, lang))
                            } @else {
                                s { (reading(g.reading, g.qualifier, kind, lang)) }
                            }
                            @if g.note.as_deref().is_some_and(|n| n.starts_with(LOW_CONFIDENCE_NOTE)) {
                                " " small.low { (low_confidence(lang)) }
                            }
                        }
                        td { (words::date(g.published, lang)) }
                        td {
                            @if let Some(on) = g.replaced_on {
                                em {
                                    (lang.pick("được điều chỉnh bằng số liệu công bố ngày", "revised by the figure published"))
                                    " " (words::date(on, lang))
                                }
                                @if g.source.is_some() || g.note.is_some() { br; }
                            }
                            @if let Some(source) = &g.source { (source) }
                            @if let Some(note) = &g.note {
                                @if g.source.is_some() { br; }
                                small { (note) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Whether a status gives no verdict on the rule (a target with such a
/// status shows its `no_data_reason`, when the catalogue gives one).
fn without_verdict(s: Status) -> bool {
    !matches!(
        s,
        Status::Met | Status::Missed | Status::Achieved | Status::OnTrack | Status::OffTrack
    )
}

/// The mark of a figure of low confidence.
fn low_confidence(lang: Lang) -> &'static str {
    lang.pick("(độ tin cậy thấp)", "(low confidence)")
}

/// A figure as read: `14,02%`, `hạng 71`, `29% (29/100)`, `trên 80%`.
fn reading(r: Reading, bound: Option<Qualifier>, kind: MetricKind, lang: Lang) -> String {
    if let Some(q) = bound {
        return BoundShown(q, r.value(), kind, lang).to_string();
    }
    match r {
        Reading::Ratio {
            numerator,
            denominator,
        } => format!(
            "{} ({numerator}/{denominator})",
            words::value(r.value().round_dp(2), kind, lang)
        ),
        Reading::Value(v) => words::value(v, kind, lang),
    }
}

/// The page's style: readable on screen and printed on A4.
const STYLE: &str = r#"
* { box-sizing: border-box; }
body { font-family: "Times New Roman", "Liberation Serif", "DejaVu Serif", "Noto Serif", serif;
  font-size: 16px; line-height: 1.45; color: #1a1a1a; background: #fff;
  max-width: 56rem; margin: 0 auto; padding: 1.5rem 2rem 3rem; }
h1 { font-size: 1.7rem; margin: 0 0 .2rem; line-height: 1.25; }
h2 { font-size: 1.35rem; border-bottom: 2px solid #1a1a1a; padding-bottom: .15rem; margin: 2.2rem 0 .6rem; }
h3 { font-size: 1.15rem; margin: 1.6rem 0 .4rem; color: #333; }
h4 { font-size: 1.08rem; margin: .35rem 0 .15rem; line-height: 1.3; }
.as-of { margin: 0; color: #444; }
table { border-collapse: collapse; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.counts th, .counts td { padding: .25rem .8rem .25rem 0; border-bottom: 1px solid #ddd; text-align: left; }
.counts .num { text-align: right; padding-right: 0; min-width: 6rem; }
.counts tfoot th, .counts tfoot td { border-top: 2px solid #1a1a1a; border-bottom: none; }
.status { display: inline-block; font-family: "Liberation Sans", "DejaVu Sans", Arial, sans-serif;
  font-weight: bold; font-size: .82rem; padding: .05rem .5rem; border: 1px solid; border-radius: 3px; }
.status.good { color: #14532d; background: #e3f4e8; border-color: #1e7b34; }
.status.fair { color: #0b4f5c; background: #e0f2f5; border-color: #17798a; }
.status.bad { color: #7f1d1d; background: #fbe7e6; border-color: #b42318; }
.status.wait { color: #6b4a00; background: #fdf3d8; border-color: #b7791f; }
.status.none { color: #333; background: #eee; border-color: #888; }
.target { border: 1px solid #ccc; border-left: 6px solid #888; padding: .7rem 1rem .8rem;
  margin: .9rem 0; break-inside: avoid; page-break-inside: avoid; }
.target.good { border-left-color: #1e7b34; }
.target.fair { border-left-color: #17798a; }
.target.bad { border-left-color: #b42318; }
.target.wait { border-left-color: #b7791f; }
.meta { margin: 0 0 .4rem; color: #444; font-size: .92rem; }
.facts { width: 100%; font-size: .95rem; }
.facts th { text-align: left; vertical-align: top; font-weight: normal; color: #555;
  padding: .2rem 1rem .2rem 0; width: 9.5rem; }
.facts td { padding: .2rem 0; vertical-align: top; overflow-wrap: anywhere; }
.source { color: #555; font-size: .88rem; }
blockquote { margin: .3rem 0 0; padding: .1rem 0 .1rem .8rem; border-left: 3px solid #bbb; font-style: italic; }
figure.chart { margin: .8rem 0 .3rem; }
figure.chart svg { display: block; width: 100%; height: auto; }
svg text { font-family: "Liberation Sans", "DejaVu Sans", Arial, sans-serif; }
figcaption { font-size: .85rem; color: #444; margin-top: .2rem; }
.figures { width: 100%; font-size: .82rem; margin-top: .4rem; }
.figures th, .figures td { padding: .15rem .4rem; border-bottom: 1px solid #e2e2e2; text-align: left;
  vertical-align: top; overflow-wrap: anywhere; }
.figures th { border-bottom: 1px solid #999; }
.figures td:nth-child(-n+3), .figures th:nth-child(-n+3) { white-space: nowrap; overflow-wrap: normal; }
.figures th.num, .figures td.num { text-align: right; }
.figures tr.replaced { color: #6a6a6a; }
.error { color: #7f1d1d; }
footer { margin-top: 2.5rem; border-top: 1px solid #999; font-size: .85rem; color: #444; }
@page { size: A4; margin: 16mm 14mm; }
@media print { body { max-width: none; padding: 0; font-size: 11pt; } h2 { break-after: avoid; } }
"#;
