//! The sentence that explains the status of a target at a level: the units
//! counted, how many meet the rule, and why a roll-up could not be judged,
//! in Vietnamese or English.

use std::fmt::{self, Write as _};

use rust_decimal::Decimal;

use crate::engine::result::TargetResult;
use crate::engine::roll_up::members::UnitResult;
use crate::engine::roll_up::summary::{RollUp, Why};
use crate::engine::status::Status;
use crate::foundations::exact::round_dp;
use crate::model::target::RollUpMode;
use crate::model::unit::Unit;
use crate::presentation::words::lang::Lang;
use crate::presentation::words::target::{explain_target, indicator_name};
use crate::presentation::words::written::{
    FigureShown, RuleIn, Shown, date, level_name, number, period,
};

/// How many units of each kind (failing, not judged) an `each` sentence
/// names before "and N more".
const SHOWN: usize = 10;

/// A unit by its name in the language, with its id and, when given, its
/// status: `Quảng Ninh (VN-22)`, `Quang Ninh (VN-22, missed)`; the id alone
/// when it has no name: `C7 (missed)`.
struct UnitNamed<'u>(&'u Unit, Option<Status>, Lang);

impl fmt::Display for UnitNamed<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let UnitNamed(unit, status, lang) = *self;
        let names = unit.names();
        let name = match lang {
            Lang::Vi => names.vi().or(names.en()),
            Lang::En => names.en().or(names.vi()),
        };
        let status = status.map(|s| s.label_in(lang));
        match (name, status) {
            (Some(name), Some(status)) => write!(f, "{name} ({}, {status})", unit.id()),
            (Some(name), None) => write!(f, "{name} ({})", unit.id()),
            (None, Some(status)) => write!(f, "{} ({status})", unit.id()),
            (None, None) => f.write_str(unit.id()),
        }
    }
}

/// An optional piece of a sentence, written only when present.
struct OrEmpty<T>(Option<T>);

impl<T: fmt::Display> fmt::Display for OrEmpty<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Some(t) => t.fmt(f),
            None => Ok(()),
        }
    }
}

/// A share of units for reading: `31 of 34` is `≈ 91.2%` (one decimal
/// place, `≈` when rounded), `17 of 34` is `50%`.
struct ShareShown(Decimal, Lang);

impl fmt::Display for ShareShown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ShareShown(share, lang) = *self;
        let shown = round_dp(share, 1);
        if shown != share {
            f.write_str("≈ ")?;
        }
        write!(f, "{}%", number(shown.normalize(), lang))
    }
}

/// `1 province`, `34 provinces`; `34 tỉnh`.
fn units_counted(roll: &RollUp<'_>, n: usize, lang: Lang) -> String {
    format!("{n} {}", level_name(roll.level, n != 1, lang))
}

/// The scope in words: its id, and the unit merged into it.
fn scope_name(roll: &RollUp<'_>, result: &TargetResult<'_>, lang: Lang) -> String {
    let unit = result.target().unit();
    match roll.scope {
        Some(u) if u.id() != unit => match lang {
            Lang::En => format!("{} (into which {unit} was merged)", u.id()),
            Lang::Vi => format!("{} (đơn vị mà {unit} đã được sáp nhập vào)", u.id()),
        },
        Some(u) => u.id().to_owned(),
        None => unit.to_owned(),
    }
}

/// The sentence of a target at a level: how its units were rolled up, and
/// for a pooled target the sentence of its pooled figure.
pub(crate) fn explain_roll_up(
    roll: &RollUp<'_>,
    result: &TargetResult<'_>,
    lang: Lang,
    out: &mut String,
) -> fmt::Result {
    let target = result.target();
    let kind = result.indicator().kind();
    let unit = target.unit();
    let level = level_name(roll.level, false, lang);
    let scope = scope_name(roll, result, lang);
    let on = date(roll.units_on, lang);
    let name = indicator_name(result, lang);
    let counted = units_counted(roll, roll.count, lang);
    match (&roll.why, lang) {
        (Some(Why::NoUnitsGiven), Lang::En) => {
            return write!(
                out,
                "The target applies to each {level} of {unit}, but the evaluation was given no units to roll up over."
            );
        }
        (Some(Why::NoUnitsGiven), Lang::Vi) => {
            return write!(
                out,
                "Mục tiêu áp dụng cho từng {level} của {unit}, nhưng lần đánh giá không được cung cấp danh sách đơn vị để tổng hợp."
            );
        }
        (Some(Why::UnknownScope), Lang::En) => {
            return write!(
                out,
                "The target applies to the {level} level of {unit}, but `{unit}` is not among the units."
            );
        }
        (Some(Why::UnknownScope), Lang::Vi) => {
            return write!(
                out,
                "Mục tiêu áp dụng cho cấp {level} của {unit}, nhưng {unit} không có trong danh sách đơn vị."
            );
        }
        (Some(Why::NoneOnDay(Some(last))), Lang::En) => {
            return write!(
                out,
                "No {level} of {scope} exists on {on}: the {level} level ended after {} (its last day), so a target at that level no longer applies.",
                date(*last, lang)
            );
        }
        (Some(Why::NoneOnDay(Some(last))), Lang::Vi) => {
            return write!(
                out,
                "Không có {level} nào của {scope} tồn tại vào ngày {on}: cấp {level} đã kết thúc sau ngày {} (ngày cuối cùng), nên mục tiêu ở cấp này không còn áp dụng.",
                date(*last, lang)
            );
        }
        (Some(Why::NoneOnDay(None)), Lang::En) => {
            return write!(
                out,
                "The units given hold no {level} of {scope} on {on}, so there is nothing to roll up."
            );
        }
        (Some(Why::NoneOnDay(None)), Lang::Vi) => {
            return write!(
                out,
                "Danh sách đơn vị không có {level} nào của {scope} vào ngày {on}, nên không có gì để tổng hợp."
            );
        }
        (Some(Why::ValueNotPoolable(who, p)), _) => {
            let p = period(*p, lang);
            // A bounded figure: the status's evidence is the figure met.
            let bound = result
                .evidence
                .get()
                .filter(|o| o.qualifier.is_some())
                .map(|o| Shown(o, kind, lang));
            return match (bound, lang) {
                (None, Lang::En) => write!(
                    out,
                    "The figure of “{name}” for {who} ({p}) is a value without numerator and denominator, so the share of all dossiers of the {counted} in {scope} cannot be pooled; a mean of their percentages would not be that share."
                ),
                (None, Lang::Vi) => write!(
                    out,
                    "Số liệu “{name}” của {who} ({p}) là một giá trị, không có tử số và mẫu số, nên không thể gộp tỷ lệ trên tổng số hồ sơ của {counted} thuộc {scope}; trung bình các tỷ lệ phần trăm không phải là tỷ lệ đó."
                ),
                (Some(b), Lang::En) => write!(
                    out,
                    "The figure of “{name}” for {who} ({p}) is only a bound ({b}), not a numerator and denominator: a bound never enters a pooled sum, so the share of all dossiers of the {counted} in {scope} cannot be pooled."
                ),
                (Some(b), Lang::Vi) => write!(
                    out,
                    "Số liệu “{name}” của {who} ({p}) chỉ là một cận ({b}), không phải tử số và mẫu số: một cận không bao giờ được cộng vào tổng gộp, nên không thể gộp tỷ lệ trên tổng số hồ sơ của {counted} thuộc {scope}."
                ),
            };
        }
        (Some(Why::Overflow(p)), Lang::En) => {
            return write!(
                out,
                "The numerators or denominators of the {counted} in {scope} for {p} add up to more than 2^64-1, so they cannot be pooled."
            );
        }
        (Some(Why::Overflow(p)), Lang::Vi) => {
            return write!(
                out,
                "Tổng tử số hoặc mẫu số của {counted} thuộc {scope} cho {} vượt quá 2^64-1, nên không gộp được.",
                period(*p, lang)
            );
        }
        (Some(Why::Ambiguous(series)), Lang::En) => {
            return write!(
                out,
                "Figures of “{name}” for the {counted} in {scope} come from several series ({}) and neither the target nor the indicator names one; figures from different publishers are not mixed.",
                series.join(", ")
            );
        }
        (Some(Why::Ambiguous(series)), Lang::Vi) => {
            return write!(
                out,
                "Số liệu “{name}” của {counted} thuộc {scope} đến từ nhiều chuỗi ({}) mà cả mục tiêu lẫn chỉ tiêu đều không chỉ định chuỗi nào; số liệu của các nguồn khác nhau không được trộn lẫn.",
                series.join(", ")
            );
        }
        (Some(Why::MergerNotSummable(..)) | None, _) => {}
    }
    match roll.mode {
        RollUpMode::Pooled => explain_pooled(roll, result, lang, out)?,
        RollUpMode::Each => explain_each(roll, result, lang, out)?,
    }
    if roll.merged > 0 {
        let k = roll.merged;
        match lang {
            Lang::En => write!(
                out,
                " {k} figure{} of merged units summed into their successors entered the roll-up.",
                if k == 1 { "" } else { "s" }
            )?,
            Lang::Vi => write!(
                out,
                " {k} số liệu của các đơn vị đã sáp nhập được cộng vào đơn vị kế thừa và đưa vào tổng hợp."
            )?,
        }
    }
    if let Some(Why::MergerNotSummable(who, p)) = &roll.why {
        match lang {
            Lang::En => write!(
                out,
                " The figures of the units merged into {who} for {p} could not be summed (values, not counts), so that period is left out for it."
            )?,
            Lang::Vi => write!(
                out,
                " Số liệu của các đơn vị sáp nhập vào {who} cho {} không cộng được (là giá trị, không phải số đếm), nên kỳ này bị bỏ qua với đơn vị đó.",
                period(*p, lang)
            )?,
        }
    }
    Ok(())
}

/// A pooled target: the sentence of its pooled figure, and the coverage.
fn explain_pooled(
    roll: &RollUp<'_>,
    result: &TargetResult<'_>,
    lang: Lang,
    out: &mut String,
) -> fmt::Result {
    let n = roll.count;
    let scope = scope_name(roll, result, lang);
    let on = date(roll.units_on, lang);
    let counted = units_counted(roll, n, lang);
    if result.evidence_obs().is_some() {
        explain_target(result, lang, out, None)?;
        match lang {
            Lang::En => write!(
                out,
                " Pooled over the {counted} of {scope} on {on}: numerators and denominators summed, not the mean of their percentages."
            )?,
            Lang::Vi => write!(
                out,
                " Gộp trên {counted} của {scope} vào ngày {on}: cộng tử số và mẫu số, không lấy trung bình các tỷ lệ phần trăm."
            )?,
        }
    } else {
        match lang {
            Lang::En => write!(
                out,
                "No period has figures from all {counted} of {scope} on {on}, so no pooled share can be formed yet."
            )?,
            Lang::Vi => write!(
                out,
                "Chưa có kỳ nào có số liệu của cả {counted} của {scope} vào ngày {on}, nên chưa tính được tỷ lệ gộp."
            )?,
        }
    }
    // A gap after a passed deadline does not bear on the verdict.
    let deadline_end = result.target().deadline().end();
    if let Some((p, have)) = roll.coverage
        && have < n
        && (roll.units_on < deadline_end || p.end() <= deadline_end)
    {
        match lang {
            Lang::En => write!(
                out,
                " For {p}, only {have} of the {n} have published a figure."
            )?,
            Lang::Vi => write!(
                out,
                " Với {}, mới có {have}/{n} đơn vị công bố số liệu.",
                period(p, lang)
            )?,
        }
    }
    Ok(())
}

/// An `each` target: how many units meet the rule on their own, which do
/// not, and the figure shown.
fn explain_each(
    roll: &RollUp<'_>,
    result: &TargetResult<'_>,
    lang: Lang,
    out: &mut String,
) -> fmt::Result {
    let kind = result.indicator().kind();
    let n = roll.count;
    let k = roll.units_meeting();
    let scope = scope_name(roll, result, lang);
    let on = date(roll.units_on, lang);
    let counted = units_counted(roll, n, lang);
    let rule = RuleIn(result.target().rule(), kind, lang);
    let share = ShareShown(roll.share_meeting().unwrap_or_default(), lang);
    match lang {
        Lang::En => write!(
            out,
            "{k} of the {counted} of {scope} on {on} {} the rule {rule} on {} own ({share})",
            if k == 1 { "meets" } else { "meet" },
            if k == 1 { "its" } else { "their" },
        )?,
        Lang::Vi => write!(
            out,
            "{k} trong {counted} của {scope} vào ngày {on} tự đạt yêu cầu {rule} ({share})"
        )?,
    }
    // Units whose figures fail the rule apart from units that cannot be
    // judged yet: a province without a figure has not failed.
    let (failing, unjudged): (Vec<&UnitResult<'_>>, Vec<&UnitResult<'_>>) = roll
        .units()
        .iter()
        .filter(|u| !u.meets())
        .partition(|u| matches!(u.status, Status::Missed | Status::OffTrack));
    let groups = [
        (failing, lang.pick("chưa đạt:", "not meeting it:")),
        (
            unjudged,
            lang.pick("chưa đánh giá được:", "not judged yet:"),
        ),
    ];
    for (units, heading) in groups {
        if units.is_empty() {
            continue;
        }
        out.write_str("; ")?;
        out.write_str(heading)?;
        for (i, u) in units.iter().take(SHOWN).enumerate() {
            out.write_str(if i == 0 { " " } else { ", " })?;
            write!(out, "{}", UnitNamed(u.unit, Some(u.status), lang))?;
        }
        let more = units.len().saturating_sub(SHOWN);
        if more > 0 {
            match lang {
                Lang::En => write!(out, " and {more} more")?,
                Lang::Vi => write!(out, " và {more} đơn vị khác")?,
            }
        }
    }
    out.write_char('.')?;
    let label = result.status().label_in(lang);
    match (result.evidence_obs(), lang) {
        (Some(o), _) => {
            let who = roll
                .units()
                .iter()
                .find(|u| u.evidence.as_ref().is_some_and(|e| *e.get() == o))
                .map(|u| UnitNamed(u.unit, None, lang));
            let fig = FigureShown(&o, kind, lang);
            let who = OrEmpty(who);
            match lang {
                Lang::En => write!(
                    out,
                    " Status “{label}”: every unit must meet the rule; the figure shown is {fig} for {who}."
                ),
                Lang::Vi => write!(
                    out,
                    " Mục tiêu ở tình trạng “{label}”: mọi đơn vị đều phải đạt yêu cầu; số liệu nêu là {fig} của {who}."
                ),
            }
        }
        (None, Lang::En) => write!(out, " Status “{label}”: every unit must meet the rule."),
        (None, Lang::Vi) => write!(
            out,
            " Mục tiêu ở tình trạng “{label}”: mọi đơn vị đều phải đạt yêu cầu."
        ),
    }
}
