//! A target's chart, drawn as SVG by plotters: the figures over time as known
//! at the as-of date, the threshold, the deadline, the projection, the
//! revisions and the bounds.
//!
//! Everything is decided in dates and decimals; plotters is handed whole
//! numbers: Julian days, and values in thousandths.

use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::Lang;
use super::figures::{Bound, Figure};
use super::words;
use crate::{Date, Decimal, Method, MetricKind, Period, Status, TargetResult};

/// The chart's size in CSS pixels; the page scales it to its column.
const WIDTH: u32 = 760;
const PLOT_HEIGHT: u32 = 300;
/// One row of the legend under the plot.
const LEGEND_ROW: u32 = 20;

const INK: RGBColor = RGBColor(0x22, 0x22, 0x22);
const GRID: RGBColor = RGBColor(0xdd, 0xdd, 0xdd);
const FIGURES: RGBColor = RGBColor(0x1f, 0x4e, 0x9c);
const REPLACED: RGBColor = RGBColor(0x8a, 0x8a, 0x8a);
const THRESHOLD: RGBColor = RGBColor(0xb4, 0x23, 0x18);
const MARKER: RGBColor = RGBColor(0x55, 0x55, 0x55);

/// What a chart shows, in data terms.
#[derive(Debug)]
pub(super) struct Chart<'f> {
    kind: MetricKind,
    figures: &'f [Figure],
    threshold: Decimal,
    threshold_label: String,
    deadline: Period,
    as_of: Date,
    discontinued: Option<Date>,
    /// The trend from its present value to the deadline, for open targets.
    projection: Option<[(Date, Decimal); 2]>,
    out_of: Option<u32>,
    lang: Lang,
}

impl<'f> Chart<'f> {
    /// The chart of a result, or `None` when it has no figures.
    pub(super) fn of(r: &TargetResult<'_>, figures: &'f [Figure], lang: Lang) -> Option<Self> {
        if figures.is_empty() {
            return None;
        }
        let (target, indicator) = (r.target(), r.indicator());
        let kind = indicator.kind();
        Some(Chart {
            kind,
            figures,
            threshold: target.rule().threshold(),
            threshold_label: format!(
                "{} {}",
                lang.pick("Ngưỡng", "Threshold"),
                words::rule(target.rule(), kind, lang)
            ),
            deadline: target.deadline(),
            as_of: r.as_of(),
            discontinued: indicator.discontinued().map(|d| d.on()),
            projection: projection(r),
            out_of: indicator.out_of(),
            lang,
        })
    }

    /// Whether the value axis runs from 1 at the top down (ranks).
    pub(super) fn reversed(&self) -> bool {
        self.kind == MetricKind::Rank
    }

    /// The chart as an SVG element.
    pub(super) fn to_svg(&self) -> Result<String, String> {
        let legend = self.legend();
        let rows = legend_rows(&legend);
        let height = PLOT_HEIGHT.saturating_add(LEGEND_ROW.saturating_mul(rows));
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
            root.fill(&WHITE).map_err(|e| e.to_string())?;
            let (plot, below) = root.split_vertically(PLOT_HEIGHT);
            self.draw_plot(&plot).map_err(|e| e.to_string())?;
            draw_legend(&below, &legend).map_err(|e| e.to_string())?;
            root.present().map_err(|e| e.to_string())?;
        }
        Ok(svg)
    }

    #[allow(
        clippy::arithmetic_side_effects,
        reason = "`+` composes plotters elements (a mark and its label around a point); \
                  the pixel offsets are constants and no number is computed"
    )]
    fn draw_plot<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, plotters::coord::Shift>,
    ) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
        let lang = self.lang;
        let (x0, x1, x_ticks) = self.x_axis();
        let y = self.y_axis();
        let (y_bottom, y_top) = (f(y.bottom), f(y.top));
        let small = ("sans-serif", 15).into_font().color(&INK);
        let mut chart = ChartBuilder::on(area)
            .margin_top(14)
            .margin_right(16)
            .x_label_area_size(44)
            .y_label_area_size(64)
            .build_cartesian_2d(
                (x0..x1).with_key_points(x_ticks),
                (y_bottom..y_top).with_key_points(y.ticks.iter().map(|&t| f(t)).collect()),
            )?;
        let kind = self.kind;
        let x_label = |d: &i32| {
            Date::from_julian_day(*d).map_or_else(|_| String::new(), |d| d.year().to_string())
        };
        let y_label = |v: &i64| {
            let d = Decimal::new(*v, SCALE);
            format!("{}{}", words::number(d, lang), words::unit(kind))
        };
        chart
            .configure_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(GRID)
            .axis_style(INK)
            .label_style(small.clone())
            .axis_desc_style(small.clone())
            .x_label_formatter(&x_label)
            .y_label_formatter(&y_label)
            .x_desc(lang.pick(
                "Năm (mỗi số liệu đặt ở cuối kỳ của nó)",
                "Year (each figure at the end of its period)",
            ))
            .y_desc(words::axis(kind, lang))
            .draw()?;

        // The threshold across the whole chart.
        let t = f(self.threshold);
        chart.draw_series(LineSeries::new(
            [(x0, t), (x1, t)],
            THRESHOLD.stroke_width(2),
        ))?;

        // Days marked with a vertical line and a word at the top or bottom.
        let deadline = day(self.deadline.end());
        let mut marks = vec![(
            deadline,
            format!("{} {}", lang.pick("Hạn", "Deadline"), self.deadline),
            true,
        )];
        if let Some(on) = self.discontinued.map(day).filter(|d| (x0..=x1).contains(d)) {
            marks.push((
                on,
                lang.pick("Ngừng công bố", "Discontinued").to_owned(),
                false,
            ));
        }
        let as_of = day(self.as_of);
        if (x0..=x1).contains(&as_of) && as_of != deadline {
            marks.push((
                as_of,
                format!(
                    "{} {}",
                    lang.pick("Tính đến", "As of"),
                    words::date(self.as_of, lang)
                ),
                false,
            ));
        }
        for (x, label, top) in marks {
            chart.draw_series(DashedLineSeries::new(
                [(x, y_bottom), (x, y_top)],
                6,
                4,
                MARKER.stroke_width(1),
            ))?;
            let (at, pos) = if top {
                ((x, y_top), Pos::new(HPos::Right, VPos::Top))
            } else {
                ((x, y_bottom), Pos::new(HPos::Left, VPos::Bottom))
            };
            let offset = if top { (-4, 4) } else { (4, -4) };
            chart.draw_series(std::iter::once(
                EmptyElement::at(at) + Text::new(label, offset, small.clone().pos(pos)),
            ))?;
        }

        // The figures a revision replaced, as they were known before it: a
        // ring, wider than the standing figure's dot so that both show where
        // the revision kept the value.
        chart.draw_series(
            self.figures
                .iter()
                .filter(|g| !g.stands())
                .map(|g| Circle::new((day(g.at()), f(g.value())), 6, REPLACED.stroke_width(2))),
        )?;
        // The standing figures, joined, each with its value.
        let standing: Vec<&Figure> = self.figures.iter().filter(|g| g.stands()).collect();
        chart.draw_series(LineSeries::new(
            standing.iter().map(|g| (day(g.at()), f(g.value()))),
            FIGURES.stroke_width(2),
        ))?;
        let above = Pos::new(HPos::Center, VPos::Bottom);
        chart.draw_series(standing.iter().map(|g| {
            EmptyElement::at((day(g.at()), f(g.value())))
                + Circle::new((0, 0), 4, FIGURES.filled())
                + Text::new(
                    words::number(g.value().round_dp(2), lang),
                    (0, -9),
                    small.clone().pos(above),
                )
        }))?;
        // Bounded figures: the true value lies beyond the figure.
        chart.draw_series(self.figures.iter().filter_map(|g| {
            let up = match g.bound? {
                Bound::Above => !self.reversed(),
                Bound::Below => self.reversed(),
            };
            let (stem, head) = if up {
                (ARROW_UP, HEAD_UP)
            } else {
                (ARROW_DOWN, HEAD_DOWN)
            };
            let colour = if g.stands() { FIGURES } else { REPLACED };
            Some(
                EmptyElement::at((day(g.at()), f(g.value())))
                    + PathElement::new(stem.to_vec(), colour.stroke_width(2))
                    + Polygon::new(head.to_vec(), colour.filled()),
            )
        }))?;
        // The trend to the deadline, dashed, ending with its value.
        if let Some([from, to]) = self.projection {
            chart.draw_series(DashedLineSeries::new(
                [(day(from.0), f(from.1)), (day(to.0), f(to.1))],
                8,
                5,
                FIGURES.stroke_width(2),
            ))?;
            chart.draw_series(std::iter::once(
                EmptyElement::at((day(to.0), f(to.1)))
                    + Circle::new((0, 0), 4, FIGURES.stroke_width(2))
                    + Text::new(
                        words::number(to.1.round_dp(2), lang),
                        (-8, 0),
                        small.clone().pos(Pos::new(HPos::Right, VPos::Center)),
                    ),
            ))?;
        }
        Ok(())
    }

    /// The legend entries: only what the chart shows.
    fn legend(&self) -> Vec<(Mark, String)> {
        let lang = self.lang;
        let mut entries = vec![
            (
                Mark::Point,
                lang.pick("Số liệu đã công bố", "Published figure")
                    .to_owned(),
            ),
            (Mark::Threshold, self.threshold_label.clone()),
        ];
        if self.figures.iter().any(|g| !g.stands()) {
            entries.push((
                Mark::Replaced,
                lang.pick(
                    "Số liệu trước khi được điều chỉnh",
                    "Figure later revised (as first known)",
                )
                .to_owned(),
            ));
        }
        if self.figures.iter().any(|g| g.bound.is_some()) {
            entries.push((
                Mark::Bound,
                lang.pick(
                    "Số liệu giới hạn (giá trị thật vượt quá)",
                    "Bounded figure (the true value lies beyond)",
                )
                .to_owned(),
            ));
        }
        if self.projection.is_some() {
            entries.push((
                Mark::Trend,
                lang.pick(
                    "Xu hướng đến hạn (bình phương tối thiểu, 5 năm)",
                    "Trend to the deadline (least squares, 5 years)",
                )
                .to_owned(),
            ));
        }
        entries
    }

    /// The time axis, in Julian days: from the end of the year before the
    /// first figure to a little after the deadline (or the last figure),
    /// with a tick at the end of each year (every 2 or 5 years on long
    /// spans, the last year always among them), labelled with that year.
    fn x_axis(&self) -> (i32, i32, Vec<i32>) {
        let dates = self
            .figures
            .iter()
            .map(Figure::at)
            .chain([self.deadline.end()]);
        let first = dates.clone().map(|d| d.year()).min().unwrap_or(0);
        let last = dates.map(|d| d.year()).max().unwrap_or(0);
        let start = first.saturating_sub(1);
        let step = match last.saturating_sub(start) {
            ..=12 => 1,
            13..=24 => 2,
            _ => 5,
        };
        // Counted back from the last year, so that the deadline's has a tick.
        let mut ticks: Vec<i32> = (start..=last)
            .rev()
            .step_by(step)
            .filter_map(|year| Period::year(year).ok().map(|p| day(p.end())))
            .collect();
        ticks.reverse();
        let x0 = Period::year(start).map_or(0, |p| day(p.end()));
        let x1 = Period::year(last)
            .map_or(0, |p| day(p.end()))
            .saturating_add(160);
        (x0, x1, ticks)
    }

    /// The value axis: from zero (or below, for negative figures) to a little
    /// above the largest value, a share never above 100%; for ranks, from 1
    /// at the top down to a little below the lowest place.
    fn y_axis(&self) -> Axis {
        let values: Vec<Decimal> = self
            .figures
            .iter()
            .map(Figure::value)
            .chain([self.threshold])
            .chain(self.projection.iter().flat_map(|p| p.map(|(_, v)| v)))
            .collect();
        let max = values.iter().copied().max().unwrap_or(Decimal::ONE);
        let min = values.iter().copied().min().unwrap_or(Decimal::ZERO);
        if self.reversed() {
            let lowest = max
                .checked_mul(Decimal::new(11, 1))
                .unwrap_or(max)
                .max(max.saturating_add(Decimal::ONE))
                .ceil();
            let lowest = match self.out_of.map(Decimal::from) {
                Some(n) if n >= max => lowest.min(n),
                _ => lowest,
            };
            let step = nice_step(lowest.saturating_sub(Decimal::ONE), 7);
            let mut ticks = vec![Decimal::ONE];
            let mut tick = step;
            while tick <= lowest && ticks.len() < 20 {
                if tick > Decimal::ONE {
                    ticks.push(tick);
                }
                tick = tick.saturating_add(step);
            }
            // Half a place above 1, so that the first place is not on the edge.
            return Axis {
                bottom: lowest,
                top: Decimal::new(5, 1),
                ticks,
            };
        }
        let lo = min.min(Decimal::ZERO);
        let hi = max.max(Decimal::ZERO);
        let span = hi.saturating_sub(lo).max(Decimal::ONE);
        let pad = span.checked_div(Decimal::TEN).unwrap_or(Decimal::ZERO);
        let mut top = hi.saturating_add(pad);
        if self.kind == MetricKind::Percent {
            top = top.min(Decimal::ONE_HUNDRED).max(hi);
        }
        let bottom = if lo < Decimal::ZERO {
            lo.saturating_sub(pad)
        } else {
            lo
        };
        let step = nice_step(top.saturating_sub(bottom), 7);
        let bottom = floor_to(bottom, step);
        let top = ceil_to(top, step);
        let mut ticks = Vec::new();
        let mut tick = bottom;
        while tick <= top && ticks.len() < 20 {
            ticks.push(tick);
            tick = tick.saturating_add(step);
        }
        Axis { bottom, top, ticks }
    }
}

/// A value axis: the value at the bottom, the one at the top (smaller than
/// the bottom's for a reversed axis) and the ticks.
#[derive(Debug)]
struct Axis {
    bottom: Decimal,
    top: Decimal,
    ticks: Vec<Decimal>,
}

/// The trend the status rests on, from its present value (at the end of the
/// latest figure's period) to its value at the deadline: the least-squares
/// line the engine fitted, drawn only for targets still open.
fn projection(r: &TargetResult<'_>) -> Option<[(Date, Decimal); 2]> {
    if !matches!(
        r.status(),
        Status::OnTrack | Status::OffTrack | Status::InsufficientData
    ) {
        return None;
    }
    let at_deadline = r.projected()?;
    let deadline = r.target().deadline().end();
    let p = r.progress_with(Method::LeastSquares)?;
    let from = p.latest().period().end();
    // The line's present value: its value at the deadline less its slope
    // (a year of 365.25 days) times the time between.
    let now = p.observed_pace().and_then(|pace| {
        let days = deadline.to_julian_day().checked_sub(from.to_julian_day())?;
        let change = pace
            .checked_mul(Decimal::from(days))?
            .checked_div(Decimal::new(36525, 2))?;
        at_deadline.checked_sub(change)
    });
    Some([
        (from, now.unwrap_or(p.latest().value())),
        (deadline, at_deadline),
    ])
}

/// The smallest of 1, 2 or 5 times a power of ten that cuts `span` into at
/// most `ticks` steps.
fn nice_step(span: Decimal, ticks: u32) -> Decimal {
    let ticks = Decimal::from(ticks);
    let mut power = Decimal::new(1, 2);
    for _ in 0..40 {
        for m in [1, 2, 5] {
            let step = power.saturating_mul(Decimal::from(m));
            if step.saturating_mul(ticks) >= span {
                return step;
            }
        }
        power = power.saturating_mul(Decimal::TEN);
    }
    span.max(Decimal::ONE)
}

fn floor_to(v: Decimal, step: Decimal) -> Decimal {
    v.checked_div(step)
        .and_then(|q| q.floor().checked_mul(step))
        .unwrap_or(v)
}

fn ceil_to(v: Decimal, step: Decimal) -> Decimal {
    v.checked_div(step)
        .and_then(|q| q.ceil().checked_mul(step))
        .unwrap_or(v)
}

/// A day on the time axis.
fn day(d: Date) -> i32 {
    d.to_julian_day()
}

/// Values are drawn in thousandths, far finer than a pixel.
const SCALE: u32 = 3;

/// A value on the value axis, in thousandths.
fn f(d: Decimal) -> i64 {
    d.round_dp(SCALE)
        .checked_mul(Decimal::from(1000))
        .and_then(|t| i64::try_from(t).ok())
        .unwrap_or_default()
}

/// An arrow from a bounded figure towards its true value, in pixels.
const ARROW_UP: [(i32, i32); 2] = [(0, -6), (0, -20)];
const HEAD_UP: [(i32, i32); 3] = [(-4, -17), (4, -17), (0, -25)];
const ARROW_DOWN: [(i32, i32); 2] = [(0, 6), (0, 20)];
const HEAD_DOWN: [(i32, i32); 3] = [(-4, 17), (4, 17), (0, 25)];

/// How a legend entry is drawn.
#[derive(Debug, Clone, Copy)]
enum Mark {
    Point,
    Threshold,
    Replaced,
    Bound,
    Trend,
}

/// The legend's entries laid out in rows: the left edge of each entry.
fn legend_layout(entries: &[(Mark, String)]) -> Vec<(i32, i32)> {
    let width = i32::try_from(WIDTH).unwrap_or(i32::MAX).saturating_sub(16);
    let (mut x, mut row): (i32, i32) = (64, 0);
    entries
        .iter()
        .map(|(_, label)| {
            // About 7 pixels a character at the legend's size, the mark and a gap.
            let chars = i32::try_from(label.chars().count()).unwrap_or(i32::MAX);
            let w = chars.saturating_mul(7).saturating_add(48);
            if x > 64 && x.saturating_add(w) > width {
                x = 64;
                row = row.saturating_add(1);
            }
            let at = (x, row);
            x = x.saturating_add(w);
            at
        })
        .collect()
}

fn legend_rows(entries: &[(Mark, String)]) -> u32 {
    let rows = legend_layout(entries)
        .iter()
        .map(|&(_, row)| row)
        .max()
        .unwrap_or(0)
        .saturating_add(1);
    u32::try_from(rows).unwrap_or(1)
}

fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    entries: &[(Mark, String)],
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let font = ("sans-serif", 15)
        .into_font()
        .color(&INK)
        .pos(Pos::new(HPos::Left, VPos::Center));
    let row = i32::try_from(LEGEND_ROW).unwrap_or(20);
    for ((mark, label), (x, r)) in entries.iter().zip(legend_layout(entries)) {
        let y = r.saturating_mul(row).saturating_add(row / 2);
        let mid = (x.saturating_add(10), y);
        let line =
            |style: ShapeStyle| PathElement::new(vec![(x, y), (x.saturating_add(20), y)], style);
        match mark {
            Mark::Point => {
                area.draw(&line(FIGURES.stroke_width(2)))?;
                area.draw(&Circle::new(mid, 4, FIGURES.filled()))?;
            }
            Mark::Threshold => area.draw(&line(THRESHOLD.stroke_width(2)))?,
            Mark::Replaced => area.draw(&Circle::new(mid, 5, REPLACED.stroke_width(2)))?,
            Mark::Bound => {
                area.draw(&Circle::new(
                    (mid.0, y.saturating_add(6)),
                    3,
                    FIGURES.filled(),
                ))?;
                area.draw(&PathElement::new(
                    vec![(mid.0, y.saturating_add(6)), (mid.0, y.saturating_sub(3))],
                    FIGURES.stroke_width(2),
                ))?;
                area.draw(&Polygon::new(
                    vec![
                        (mid.0.saturating_sub(4), y.saturating_sub(2)),
                        (mid.0.saturating_add(4), y.saturating_sub(2)),
                        (mid.0, y.saturating_sub(9)),
                    ],
                    FIGURES.filled(),
                ))?;
            }
            Mark::Trend => area.draw(&DashedPathElement::new(
                [(x, y), (x.saturating_add(20), y)],
                5,
                3,
                FIGURES.stroke_width(2),
            ))?,
        }
        area.draw(&Text::new(
            label.as_str(),
            (x.saturating_add(26), y),
            font.clone(),
        ))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Reading;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn figure(year: i32, value: &str, bound: Option<Bound>) -> Figure {
        Figure {
            period: Period::year(year).unwrap(),
            published: Period::year(year.saturating_add(1)).unwrap().start(),
            reading: Reading::Value(d(value)),
            bound,
            qualifier: None,
            replaced_on: None,
            source: None,
            note: None,
        }
    }

    fn chart(kind: MetricKind, figures: &[Figure]) -> Chart<'_> {
        Chart {
            kind,
            figures,
            threshold: d("50"),
            threshold_label: "Threshold".to_owned(),
            deadline: Period::year(2030).unwrap(),
            as_of: crate::parse_date("2026-01-01").unwrap(),
            discontinued: None,
            projection: None,
            out_of: Some(193),
            lang: Lang::En,
        }
    }

    /// The y coordinates of the arrow heads' tips and of the figure's dot.
    fn arrow_and_dot(svg: &str) -> (i64, i64) {
        let number = |s: &str, key: &str| -> i64 {
            let at = s.find(key).unwrap().saturating_add(key.len());
            let rest = s.get(at..).unwrap();
            rest.split(['"', ' ', ',']).next().unwrap().parse().unwrap()
        };
        let polygon = svg.split("<polygon").nth(1).unwrap();
        let points = polygon.split("points=\"").nth(1).unwrap();
        let tip: i64 = points
            .split('"')
            .next()
            .unwrap()
            .split(' ')
            .nth(2)
            .unwrap()
            .split(',')
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        let dot = svg
            .split("<circle")
            .find(|c| c.contains("fill=\"#1F4E9C\""))
            .unwrap();
        (tip, number(dot, "cy=\""))
    }

    #[test]
    fn a_bounded_figure_points_to_where_its_true_value_lies() {
        // "trên 80%": above on a share's axis, so up.
        let above = [figure(2024, "80", Some(Bound::Above))];
        let svg = chart(MetricKind::Percent, &above).to_svg().unwrap();
        let (tip, dot) = arrow_and_dot(&svg);
        assert!(tip < dot, "up: tip {tip}, dot {dot}");
        assert!(svg.contains("Bounded figure"));
        // "better than 30th": a rank below 30 is higher on a reversed axis.
        let below = [figure(2024, "30", Some(Bound::Below))];
        let (tip, dot) = arrow_and_dot(&chart(MetricKind::Rank, &below).to_svg().unwrap());
        assert!(tip < dot, "up on a reversed axis: tip {tip}, dot {dot}");
        let worse = [figure(2024, "30", Some(Bound::Above))];
        let (tip, dot) = arrow_and_dot(&chart(MetricKind::Rank, &worse).to_svg().unwrap());
        assert!(tip > dot, "down on a reversed axis: tip {tip}, dot {dot}");
        // Without bounds, no arrow and no legend for them.
        let plain = [figure(2024, "80", None)];
        let svg = chart(MetricKind::Percent, &plain).to_svg().unwrap();
        assert!(!svg.contains("<polygon") && !svg.contains("Bounded figure"));
    }

    #[test]
    fn the_value_axis_fits_the_figures_the_threshold_and_the_kind() {
        let ranks = [figure(2020, "86", None), figure(2024, "71", None)];
        let axis = chart(MetricKind::Rank, &ranks).y_axis();
        assert_eq!(axis.top, d("0.5"), "rank 1 just below the top edge");
        assert!(axis.bottom >= d("86") && axis.bottom <= d("193"));
        assert_eq!(axis.ticks.first(), Some(&Decimal::ONE));
        let shares = [figure(2020, "12.5", None), figure(2024, "96", None)];
        let axis = chart(MetricKind::Percent, &shares).y_axis();
        assert_eq!(
            (axis.bottom, axis.top),
            (d("0"), d("100")),
            "a share stops at 100%"
        );
        let falling = [figure(2020, "-3", None), figure(2024, "7", None)];
        let axis = chart(MetricKind::GrowthRate, &falling).y_axis();
        assert!(axis.bottom < d("-3") && axis.top >= d("50"));
        assert!(axis.ticks.contains(&Decimal::ZERO));
    }

    #[test]
    fn steps_are_one_two_or_five_times_a_power_of_ten() {
        assert_eq!(nice_step(d("100"), 7), d("20"));
        assert_eq!(nice_step(d("35"), 7), d("5"));
        assert_eq!(nice_step(d("0.3"), 7), d("0.05"));
        assert_eq!(nice_step(d("1000000"), 7), d("200000"));
    }

    #[test]
    fn years_label_the_time_axis_at_their_last_day() {
        let figures = [figure(2019, "10", None), figure(2024, "20", None)];
        let (x0, x1, ticks) = chart(MetricKind::Percent, &figures).x_axis();
        let year_end = |y| Period::year(y).unwrap().end().to_julian_day();
        assert_eq!(x0, year_end(2018));
        assert!(x1 > year_end(2030), "room after the deadline");
        assert_eq!(ticks.first(), Some(&year_end(2018)));
        assert_eq!(ticks.last(), Some(&year_end(2030)));
        assert_eq!(ticks.len(), 13);
    }
}
