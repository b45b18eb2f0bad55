//! The sentence that explains the status of a target about its own unit,
//! and of an every-period target, in Vietnamese or English.

use std::fmt::{self, Write as _};

use crate::engine::closing::{Closing, add_days, why_no_closing};
use crate::engine::every_period::EveryPeriodOutcome;
use crate::engine::projection::ProjectionOutcome;
use crate::engine::result::TargetResult;
use crate::engine::series::{series_name, standing};
use crate::engine::status::Status;
use crate::engine::verdict::{Verdict, verdict_of};
use crate::foundations::metric::MetricKind;
use crate::foundations::period::Period;
use crate::model::indicator::Cadence;
use crate::model::observation::Obs;
use crate::presentation::words::lang::Lang;
use crate::presentation::words::written::{
    BoundShown, Figure, FigureShown, Figures, ProjectedShown, RuleIn, Shown, ValueShown, date,
    period,
};

/// The indicator's name in `lang`, else in the other language, else its id.
pub(crate) fn indicator_name<'r>(r: &TargetResult<'r>, lang: Lang) -> &'r str {
    let names = r.indicator.names();
    match lang {
        Lang::Vi => names.vi().or(names.en()),
        Lang::En => names.en().or(names.vi()),
    }
    .unwrap_or(r.indicator.id())
}

/// The figure `o` in a sentence: the text `written` for the evidence
/// when `o` is it, else shown afresh.
fn figure_of<'o, 't>(
    o: &'o Obs,
    written: Option<(&Obs, &'t str)>,
    kind: MetricKind,
    lang: Lang,
) -> Figure<'o, 't> {
    match written {
        Some((evidence, text)) if std::ptr::eq(evidence, o) => Figure::Written(text),
        _ => Figure::Shown(FigureShown(o, kind, lang)),
    }
}

/// The sentence of a target about its own unit (or of a pooled target's
/// pooled figure): why it has its status. The evidence is shown as
/// `figures` wrote it last when it is the same figure.
pub(crate) fn explain_target(
    r: &TargetResult<'_>,
    lang: Lang,
    out: &mut String,
    figures: Option<&mut Figures>,
) -> fmt::Result {
    let t = r.target;
    if r.status != Status::Discontinued
        && let Some(every) = r.every_period()
    {
        return explain_every_period(&every, r, lang, out);
    }
    let kind = r.indicator.kind();
    let rule = RuleIn(t.rule(), kind, lang);
    let deadline = period(t.deadline(), lang);
    let evidence = r.evidence.get();
    let written = evidence.zip(figures).map(|(o, f)| f.shown(o, kind, lang));
    let figure = |o| figure_of(o, evidence.zip(written), kind, lang);
    let verdict = |o: &Obs| verdict_of(o, t.rule(), r.indicator);
    match (r.status, r.evidence.get()) {
        (Status::Met | Status::Missed, Some(o)) => {
            let met = r.status == Status::Met;
            match (o.qualifier, met, lang) {
                (None, true, Lang::En) => write!(out, "Closing value {} is {rule}", figure(o))?,
                (None, false, Lang::En) => {
                    write!(out, "Closing value {} is not {rule}", figure(o))?;
                }
                (None, true, Lang::Vi) => {
                    write!(out, "Số liệu chốt {} đạt yêu cầu {rule}", figure(o))?;
                }
                (None, false, Lang::Vi) => {
                    write!(out, "Số liệu chốt {} không đạt yêu cầu {rule}", figure(o))?;
                }
                (Some(_), true, Lang::En) => write!(
                    out,
                    "The closing figure, {}, is a bound, and every value it allows is {rule}",
                    figure(o)
                )?,
                (Some(_), false, Lang::En) => write!(
                    out,
                    "The closing figure, {}, is a bound, and no value it allows is {rule}",
                    figure(o)
                )?,
                (Some(_), true, Lang::Vi) => write!(
                    out,
                    "Số liệu chốt, {}, là một cận, và mọi giá trị nó cho phép đều đạt yêu cầu {rule}",
                    figure(o)
                )?,
                (Some(_), false, Lang::Vi) => write!(
                    out,
                    "Số liệu chốt, {}, là một cận, và không giá trị nào nó cho phép đạt yêu cầu {rule}",
                    figure(o)
                )?,
            }
            note_discontinued(r, lang, out)
        }
        (Status::Inconclusive, Some(o)) => {
            let bound = Shown(o, kind, lang);
            let t_shown = ValueShown(t.rule().threshold(), kind, lang);
            match lang {
                Lang::En => write!(
                    out,
                    "The closing figure, {}, is only a bound: {bound} cannot tell whether {rule} holds, since it allows values on both sides of {t_shown}",
                    figure(o)
                )?,
                Lang::Vi => write!(
                    out,
                    "Số liệu chốt, {}, chỉ là một cận: {bound} chưa đủ để biết có đạt yêu cầu {rule} hay không, vì giá trị thực có thể nằm ở cả hai phía của {t_shown}",
                    figure(o)
                )?,
            }
            note_discontinued(r, lang, out)
        }
        (Status::AwaitingData, latest) => explain_awaiting(r, latest, lang, out),
        (Status::Achieved, Some(o)) => match (o.qualifier, lang) {
            (None, Lang::En) => write!(
                out,
                "Latest value {} is already {rule}, before the deadline {deadline}.",
                figure(o)
            ),
            (None, Lang::Vi) => write!(
                out,
                "Số liệu mới nhất {} đã đạt yêu cầu {rule}, trước hạn {deadline}.",
                figure(o)
            ),
            (Some(_), Lang::En) => write!(
                out,
                "Latest figure {} is a bound, and every value it allows is {rule}, before the deadline {deadline}.",
                figure(o)
            ),
            (Some(_), Lang::Vi) => write!(
                out,
                "Số liệu mới nhất {} là một cận, và mọi giá trị nó cho phép đều đạt yêu cầu {rule}, trước hạn {deadline}.",
                figure(o)
            ),
        },
        (Status::OnTrack | Status::OffTrack | Status::InsufficientData, Some(o)) => {
            match (o.qualifier.map(|_| verdict(o)), lang) {
                (None, Lang::En) => write!(out, "Latest value {} is not yet {rule}", figure(o))?,
                (None, Lang::Vi) => {
                    write!(
                        out,
                        "Số liệu mới nhất {} chưa đạt yêu cầu {rule}",
                        figure(o)
                    )?;
                }
                (Some(Verdict::Undetermined | Verdict::Meets), Lang::En) => write!(
                    out,
                    "Latest figure {} is only a bound, and {} cannot tell whether {rule} holds yet",
                    figure(o),
                    Shown(o, kind, lang)
                )?,
                (Some(Verdict::Undetermined | Verdict::Meets), Lang::Vi) => write!(
                    out,
                    "Số liệu mới nhất {} chỉ là một cận, chưa đủ để biết đã đạt yêu cầu {rule} hay chưa",
                    figure(o)
                )?,
                (Some(Verdict::Fails), Lang::En) => write!(
                    out,
                    "Latest figure {} is a bound, and no value it allows is {rule} yet",
                    figure(o)
                )?,
                (Some(Verdict::Fails), Lang::Vi) => write!(
                    out,
                    "Số liệu mới nhất {} là một cận, và chưa giá trị nào nó cho phép đạt yêu cầu {rule}",
                    figure(o)
                )?,
            }
            explain_trend(r, o, lang, out)
        }
        (Status::NoData, _) => {
            let name = indicator_name(r, lang);
            let series = series_name(t, r.indicator);
            let as_of = date(r.as_of, lang);
            match (lang, series) {
                (Lang::En, None) => write!(
                    out,
                    "No figure of “{name}” for {} is published as of {as_of}.",
                    t.unit()
                ),
                (Lang::En, Some(s)) => write!(
                    out,
                    "No figure of “{name}” for {} in series “{s}” is published as of {as_of}.",
                    t.unit()
                ),
                (Lang::Vi, None) => write!(
                    out,
                    "Chưa có số liệu “{name}” nào của {} được công bố tính đến ngày {as_of}.",
                    t.unit()
                ),
                (Lang::Vi, Some(s)) => write!(
                    out,
                    "Chưa có số liệu “{name}” nào của {} thuộc chuỗi “{s}” được công bố tính đến ngày {as_of}.",
                    t.unit()
                ),
            }
        }
        (Status::Ambiguous, _) => {
            let name = indicator_name(r, lang);
            let series = series_seen(r, lang);
            match lang {
                Lang::En => write!(
                    out,
                    "Figures of “{name}” for {} come from several series ({series}) and neither the target nor the indicator names one; figures from different publishers are not mixed.",
                    t.unit()
                ),
                Lang::Vi => write!(
                    out,
                    "Số liệu “{name}” của {} đến từ nhiều chuỗi ({series}) mà cả mục tiêu lẫn chỉ tiêu đều không chỉ định chuỗi nào; số liệu của các nguồn khác nhau không được trộn lẫn.",
                    t.unit()
                ),
            }
        }
        (Status::Discontinued, evidence) => {
            write!(
                out,
                "{} {}",
                indicator_name(r, lang),
                lang.pick("đã ngừng công bố", "was discontinued")
            )?;
            if let Some(d) = r.indicator.discontinued() {
                write!(
                    out,
                    " {} {}",
                    lang.pick("từ ngày", "on"),
                    date(d.on(), lang)
                )?;
                if let Some(n) = d.note() {
                    write!(out, " ({})", n.trim_end_matches('.'))?;
                }
            }
            let Some(o) = evidence else {
                return out.write_str(lang.pick(
                    ", và không có số liệu đã công bố nào quyết định mục tiêu.",
                    ", and no published figure decides the target.",
                ));
            };
            let fig = figure(o);
            match (verdict(o), lang) {
                (Verdict::Meets, Lang::En) => write!(
                    out,
                    ", and no closing figure decides the target; its last figure, {fig}, met the rule ({rule}), but the last figure of an indicator that stopped does not show the target achieved."
                ),
                (Verdict::Meets, Lang::Vi) => write!(
                    out,
                    ", và không có số liệu chốt nào quyết định mục tiêu; số liệu cuối cùng, {fig}, đạt yêu cầu {rule}, nhưng số liệu cuối cùng của một chỉ tiêu đã ngừng công bố không cho thấy mục tiêu đã đạt."
                ),
                (Verdict::Fails, Lang::En) => write!(
                    out,
                    ", and no closing figure decides the target; its last figure, {fig}, did not meet the rule ({rule})."
                ),
                (Verdict::Fails, Lang::Vi) => write!(
                    out,
                    ", và không có số liệu chốt nào quyết định mục tiêu; số liệu cuối cùng, {fig}, không đạt yêu cầu {rule}."
                ),
                (Verdict::Undetermined, Lang::En) => write!(
                    out,
                    ", and no closing figure decides the target; its last figure, {fig}, is a bound that cannot tell whether {rule} holds."
                ),
                (Verdict::Undetermined, Lang::Vi) => write!(
                    out,
                    ", và không có số liệu chốt nào quyết định mục tiêu; số liệu cuối cùng, {fig}, chỉ là một cận, chưa đủ để biết có đạt yêu cầu {rule} hay không."
                ),
            }
        }
        // Only targets at a level have these; their roll-up explains them.
        (status @ (Status::NotPoolable | Status::NoUnits), _) | (status, None) => match lang {
            Lang::En => write!(out, "Status {status} without evidence."),
            Lang::Vi => write!(out, "Tình trạng “{}”, không có số liệu.", status.label_vi()),
        },
    }
}

/// The sentence of `awaiting_data`: why there is no closing figure yet — not
/// due yet, due but not in the data, or too old — and the latest figure.
fn explain_awaiting(
    r: &TargetResult<'_>,
    latest: Option<&Obs>,
    lang: Lang,
    out: &mut String,
) -> fmt::Result {
    let t = r.target;
    let kind = r.indicator.kind();
    let lag = r.indicator.publication_lag_days();
    let due_words = |due: Option<time::Date>| {
        due.map_or_else(
            || lang.pick("cuối lịch", "the end of the calendar").to_owned(),
            |d| date(d, lang).to_string(),
        )
    };
    match lang {
        Lang::En => write!(out, "The deadline {} has passed, but ", t.deadline())?,
        Lang::Vi => write!(out, "Đã quá hạn {}, nhưng ", period(t.deadline(), lang))?,
    }
    let mut shown_latest = latest;
    match why_no_closing(t, r.indicator, r.series(), r.as_of) {
        Closing::NotDueUntil(due) => match lang {
            Lang::En => write!(
                out,
                "the closing figure is not expected before {} ({lag} days after the deadline)",
                date(due, lang)
            )?,
            Lang::Vi => write!(
                out,
                "số liệu chốt chưa đến lúc công bố: dự kiến không sớm hơn ngày {} ({lag} ngày sau hạn)",
                date(due, lang)
            )?,
        },
        Closing::NoFigureFor(p) => {
            let due = add_days(p.end(), lag);
            let p_shown = period(p, lang);
            let closing = if t.judged_on().is_some() {
                lang.pick("số liệu chốt", "the closing figure")
            } else {
                lang.pick("số liệu", "the figure")
            };
            if due.is_none_or(|due| due > r.as_of) {
                match lang {
                    Lang::En => write!(
                        out,
                        "{closing} for {p_shown} is not expected before {} ({lag} days after the period)",
                        due_words(due)
                    )?,
                    Lang::Vi => write!(
                        out,
                        "{closing} {p_shown} chưa đến lúc công bố: dự kiến không sớm hơn ngày {} ({lag} ngày sau khi kỳ kết thúc)",
                        due_words(due)
                    )?,
                }
            } else {
                let as_of = date(r.as_of, lang);
                match lang {
                    Lang::En => write!(
                        out,
                        "there is no figure for {p_shown} in the data published by {as_of}, though one was expected by {}",
                        due_words(due)
                    )?,
                    Lang::Vi => write!(
                        out,
                        "dữ liệu công bố đến ngày {as_of} không có số liệu {p_shown}, dù số liệu này dự kiến đã có từ ngày {}",
                        due_words(due)
                    )?,
                }
            }
        }
        Closing::NoneByDeadline => out.write_str(lang.pick(
            "dữ liệu không có số liệu nào cho một kỳ kết thúc trước hạn",
            "no figure in the data is for a period ending by the deadline",
        ))?,
        Closing::TooOld(o, max_age) => {
            let age = t
                .deadline()
                .end()
                .to_julian_day()
                .saturating_sub(o.period.end().to_julian_day());
            let fig = FigureShown(o, kind, lang);
            match lang {
                Lang::En => write!(
                    out,
                    "the latest figure for a period ending by it, {fig}, is too old to stand for the state at the deadline: its period ended {age} days before the deadline, more than the {max_age} days allowed (max_age_days)"
                )?,
                Lang::Vi => write!(
                    out,
                    "số liệu gần nhất cho một kỳ kết thúc trước hạn, {fig}, đã quá cũ để phản ánh tình hình tại thời điểm hạn: kỳ của số liệu kết thúc {age} ngày trước hạn, quá {max_age} ngày cho phép (max_age_days)"
                )?,
            }
            if latest.is_some_and(|l| *l == *o) {
                shown_latest = None;
            }
        }
        // The decision found a closing figure, or none can be formed.
        Closing::Figure(_) | Closing::Unknown => out.write_str(lang.pick(
            "không xác định được số liệu chốt",
            "the closing figure cannot be found within the calendar",
        ))?,
    }
    match shown_latest {
        Some(o) => write!(
            out,
            "; {} {}.",
            lang.pick("số liệu mới nhất là", "the latest is"),
            FigureShown(o, kind, lang)
        ),
        None => out.write_char('.'),
    }
}

/// The end of a sentence before the deadline: what the trend of the exact
/// figures projects, or why there is none.
/// The trend a projection draws, as a sentence names it: `the trend
/// through 3 points`, written straight into it (a sentence a target).
struct Through(u32, bool, Lang);

impl fmt::Display for Through {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Through(n, bounded, lang) = *self;
        f.write_str(lang.pick("đường xu hướng qua ", "the trend through "))?;
        f.write_str(itoa::Buffer::new().format(n))?;
        f.write_str(match (lang, bounded) {
            (Lang::En, false) => " points",
            (Lang::En, true) => " exact points (bounded figures left out)",
            (Lang::Vi, false) => " điểm số liệu",
            (Lang::Vi, true) => " điểm số liệu chính xác (không tính các số liệu chỉ là cận)",
        })
    }
}

fn explain_trend(r: &TargetResult<'_>, latest: &Obs, lang: Lang, out: &mut String) -> fmt::Result {
    let kind = r.indicator.kind();
    let rule = RuleIn(r.target.rule(), kind, lang);
    let (Some(p), Some(trend)) = (r.projection(), r.trend) else {
        return out.write_char('.');
    };
    // A target about its own unit noted it while deciding (a long series is
    // read once for all its targets); a roll-up's series is read here.
    let bounded = match (&r.roll_up, trend.bounded) {
        (None, Some(bounded)) => bounded,
        _ => standing(r.series(), r.as_of).any(|o| o.qualifier.is_some()),
    };
    let n = p.points();
    let through = Through(n, bounded, lang);
    let on = date(r.target.deadline().end(), lang);
    match (trend.outcome, p.value(), lang) {
        (ProjectionOutcome::Meets, Some(v), Lang::En) => write!(
            out,
            "; {through} projects {} on {on}, which is {rule}.",
            ProjectedShown(v, kind, lang)
        ),
        (ProjectionOutcome::Meets, Some(v), Lang::Vi) => write!(
            out,
            "; {through} dự báo {} vào ngày {on}, đạt yêu cầu {rule}.",
            ProjectedShown(v, kind, lang)
        ),
        (ProjectionOutcome::Misses, Some(v), Lang::En) => write!(
            out,
            "; {through} projects {} on {on}, which is not {rule}.",
            ProjectedShown(v, kind, lang)
        ),
        (ProjectionOutcome::Misses, Some(v), Lang::Vi) => write!(
            out,
            "; {through} dự báo {} vào ngày {on}, không đạt yêu cầu {rule}.",
            ProjectedShown(v, kind, lang)
        ),
        (ProjectionOutcome::Meets, None, Lang::En) => write!(
            out,
            "; {through} reaches the rule by {on} (the projected value is too large to print)."
        ),
        (ProjectionOutcome::Meets, None, Lang::Vi) => write!(
            out,
            "; {through} đạt yêu cầu vào ngày {on} (giá trị dự báo quá lớn để hiển thị)."
        ),
        (ProjectionOutcome::Misses, None, Lang::En) => write!(
            out,
            "; {through} does not reach the rule by {on} (the projected value is too large to print)."
        ),
        (ProjectionOutcome::Misses, None, Lang::Vi) => write!(
            out,
            "; {through} không đạt yêu cầu vào ngày {on} (giá trị dự báo quá lớn để hiển thị)."
        ),
        (ProjectionOutcome::Overflow, _, Lang::En) => write!(
            out,
            ", and no trend can be projected: the exact least-squares sums of its {n} points do not fit in 128-bit integers, and a rounded projection is never used."
        ),
        (ProjectionOutcome::Overflow, _, Lang::Vi) => write!(
            out,
            ", và không thể dự báo xu hướng: các tổng bình phương tối thiểu chính xác của {n} điểm số liệu vượt quá phạm vi số nguyên 128 bit, và dự báo làm tròn không bao giờ được dùng."
        ),
        (ProjectionOutcome::TooFewPoints, _, Lang::En) if n >= 2 => write!(
            out,
            ", and its {n} points within five years all end on the same day, so no trend can be drawn."
        ),
        (ProjectionOutcome::TooFewPoints, _, Lang::Vi) if n >= 2 => write!(
            out,
            ", và {n} điểm số liệu trong 5 năm đều kết thúc cùng một ngày, nên không vẽ được đường xu hướng."
        ),
        (ProjectionOutcome::TooFewPoints, _, _) if bounded || latest.qualifier.is_some() => {
            match (lang, n) {
                (Lang::En, 0) => out.write_str(
                    ", and no trend can be projected: no exact figure lies within five years, and bounded figures are left out of a trend.",
                ),
                (Lang::En, _) => out.write_str(
                    ", and no trend can be projected: only one exact figure lies within five years, and bounded figures are left out of a trend.",
                ),
                (Lang::Vi, 0) => out.write_str(
                    ", và không thể dự báo xu hướng: trong 5 năm chưa có số liệu chính xác nào, và các số liệu chỉ là cận không được tính vào xu hướng.",
                ),
                (Lang::Vi, _) => out.write_str(
                    ", và không thể dự báo xu hướng: trong 5 năm chỉ có một số liệu chính xác, và các số liệu chỉ là cận không được tính vào xu hướng.",
                ),
            }
        }
        (ProjectionOutcome::TooFewPoints, _, Lang::En) => write!(
            out,
            ", and it is the only point within five years, too few to project a trend."
        ),
        (ProjectionOutcome::TooFewPoints, _, Lang::Vi) => write!(
            out,
            ", và đây là điểm số liệu duy nhất trong 5 năm, chưa đủ để dự báo xu hướng."
        ),
    }
}

/// Ends a sentence, saying so when the indicator had been discontinued
/// by the as-of date: a target can be decided by a figure published
/// before the end.
fn note_discontinued(r: &TargetResult<'_>, lang: Lang, out: &mut String) -> fmt::Result {
    match r.indicator.discontinued() {
        Some(d) if d.on() <= r.as_of => write!(
            out,
            "; {} {}.",
            lang.pick(
                "chỉ tiêu đã ngừng công bố từ ngày",
                "the indicator was discontinued on"
            ),
            date(d.on(), lang)
        ),
        _ => out.write_char('.'),
    }
}

/// The most series an explanation names; the others are counted.
const MAX_SERIES_NAMED: usize = 10;

/// The names of the series visible in the target's group, in order, at
/// most [`MAX_SERIES_NAMED`] of them, then "and N more".
fn series_seen(r: &TargetResult<'_>, lang: Lang) -> String {
    // The group is sorted by series: each series' figures lie together.
    let mut ids: Vec<u32> = Vec::new();
    for o in r.group.iter().filter(|o| o.published <= r.as_of) {
        if ids.last() != Some(&o.series) {
            ids.push(o.series);
        }
    }
    ids.sort_unstable();
    ids.dedup();
    // Sorted as their quoted names sort: the unnamed one first ("(" before
    // "“"), then the names followed by the closing quote.
    let mut names: Vec<Option<&str>> = ids.iter().map(|&s| r.store.text(s)).collect();
    names.sort_unstable_by(|a, b| match (a, b) {
        (None, None) => std::cmp::Ordering::Equal,
        (None, Some(_)) => std::cmp::Ordering::Less,
        (Some(_), None) => std::cmp::Ordering::Greater,
        (Some(a), Some(b)) => a
            .bytes()
            .chain("”".bytes())
            .cmp(b.bytes().chain("”".bytes())),
    });
    let mut out = String::new();
    for (i, name) in names.iter().take(MAX_SERIES_NAMED).enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        match name {
            None => out.push_str(lang.pick("(không tên)", "(unnamed)")),
            Some(s) => {
                out.push('“');
                out.push_str(s);
                out.push('”');
            }
        }
    }
    let more = names.len().saturating_sub(MAX_SERIES_NAMED);
    if more > 0 {
        let _ = match lang {
            Lang::En => write!(out, " and {more} more"),
            Lang::Vi => write!(out, " và {more} chuỗi khác"),
        };
    }
    out
}

/// The sentence of an every-period target: the periods that failed, held,
/// cannot tell, or are missing.
fn explain_every_period(
    e: &EveryPeriodOutcome,
    r: &TargetResult<'_>,
    lang: Lang,
    out: &mut String,
) -> fmt::Result {
    let kind = r.indicator().kind();
    let rule = RuleIn(r.target().rule(), kind, lang);
    let word = match (r.indicator().cadence(), lang) {
        (Cadence::Quarterly, Lang::En) => "quarter",
        (Cadence::Monthly, Lang::En) => "month",
        (_, Lang::En) => "year",
        (Cadence::Quarterly, Lang::Vi) => "quý",
        (Cadence::Monthly, Lang::Vi) => "tháng",
        (_, Lang::Vi) => "năm",
    };
    // A period with its figure: `2022 (6.5%)`, `2022 (more than 6%)`.
    let with_figure = |list: &[(Period, rust_decimal::Decimal)]| {
        list.iter()
            .map(|(p, v)| match e.bound(*p) {
                Some(q) => format!("{} ({})", period(*p, lang), BoundShown(q, *v, kind, lang)),
                None => format!("{} ({})", period(*p, lang), ValueShown(*v, kind, lang)),
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let failed = || with_figure(&e.failed);
    let undetermined = || with_figure(&e.undetermined);
    let missing = || {
        let mut s = e
            .missing
            .iter()
            .map(|p| period(*p, lang).to_string())
            .collect::<Vec<_>>()
            .join(", ");
        let named = u64::try_from(e.missing.len()).unwrap_or(u64::MAX);
        if e.missing_count > named {
            let more = e.missing_count.saturating_sub(named);
            let _ = match lang {
                Lang::En => write!(s, " and {more} more"),
                Lang::Vi => write!(s, " và {more} kỳ khác"),
            };
        }
        s
    };
    let latest = || {
        r.evidence.get().map_or_else(String::new, |o| {
            format!(
                "; {} {}",
                lang.pick("số liệu mới nhất là", "the latest is"),
                FigureShown(o, kind, lang)
            )
        })
    };
    match lang {
        Lang::En => write!(
            out,
            "The rule {rule} must hold in every {word} from {} to {}",
            e.first, e.last
        )?,
        Lang::Vi => write!(
            out,
            "Yêu cầu {rule} phải đạt trong từng {word} từ {} đến {}",
            period(e.first, lang),
            period(e.last, lang)
        )?,
    }
    let undecided = !e.undetermined.is_empty();
    match (r.status(), lang) {
        (Status::Missed, Lang::En) => write!(out, "; it failed in {}.", failed()),
        (Status::Missed, Lang::Vi) => write!(out, "; không đạt trong {}.", failed()),
        (Status::OffTrack, Lang::En) => write!(
            out,
            "; it already failed in {}, so the target can no longer be met.",
            failed()
        ),
        (Status::OffTrack, Lang::Vi) => write!(
            out,
            "; đã không đạt trong {}, nên mục tiêu không còn có thể đạt được.",
            failed()
        ),
        (Status::Met, Lang::En) => write!(out, ", and it held in all {}.", e.count),
        (Status::Met, Lang::Vi) => write!(out, ", và đã đạt trong cả {} {word}.", e.count),
        (Status::Inconclusive, Lang::En) => write!(
            out,
            "; none failed, but the figures for {} are bounds that cannot tell whether it held.",
            undetermined()
        ),
        (Status::Inconclusive, Lang::Vi) => write!(
            out,
            "; không {word} nào không đạt, nhưng số liệu {} chỉ là cận, chưa đủ để biết có đạt hay không.",
            undetermined()
        ),
        (Status::AwaitingData, Lang::En) => {
            if undecided {
                write!(
                    out,
                    "; none of those published so far failed ({} held, and the bounds for {} cannot tell)",
                    e.held.len(),
                    undetermined()
                )?;
            } else {
                write!(out, "; it held in the {} published so far", e.held.len())?;
            }
            write!(
                out,
                ", but the deadline has passed and {} not published yet.",
                if e.missing_count == 1 {
                    format!("the figure for {} is", missing())
                } else {
                    format!("the figures for {} are", missing())
                }
            )
        }
        (Status::AwaitingData, Lang::Vi) => {
            if undecided {
                write!(
                    out,
                    "; chưa {word} nào đã công bố không đạt ({} {word} đạt, số liệu {} chỉ là cận nên chưa rõ)",
                    e.held.len(),
                    undetermined()
                )?;
            } else {
                write!(out, "; đã đạt trong {} {word} đã công bố", e.held.len())?;
            }
            write!(
                out,
                ", nhưng đã quá hạn và số liệu {} chưa được công bố.",
                missing()
            )
        }
        (Status::OnTrack, Lang::En) => write!(
            out,
            "; it has held in every {word} published so far ({} of {}).",
            e.held.len(),
            e.count
        ),
        (Status::OnTrack, Lang::Vi) => write!(
            out,
            "; đã đạt trong mọi {word} đã công bố ({}/{}).",
            e.held.len(),
            e.count
        ),
        (Status::InsufficientData, Lang::En) if undecided => write!(
            out,
            "; none failed so far, but the figures for {} are bounds that cannot tell whether it held{}.",
            undetermined(),
            latest()
        ),
        (Status::InsufficientData, Lang::Vi) if undecided => write!(
            out,
            "; chưa {word} nào không đạt, nhưng số liệu {} chỉ là cận, chưa đủ để biết có đạt hay không{}.",
            undetermined(),
            latest()
        ),
        (Status::InsufficientData, Lang::En) => write!(
            out,
            ", and no figure for those {word}s is published yet{}.",
            latest()
        ),
        (Status::InsufficientData, Lang::Vi) => write!(
            out,
            ", và chưa có số liệu nào cho các {word} đó được công bố{}.",
            latest()
        ),
        (status, Lang::En) => write!(out, "; status {status}{}.", latest()),
        (status, Lang::Vi) => write!(out, "; tình trạng: {}{}.", status.label_vi(), latest()),
    }
}
