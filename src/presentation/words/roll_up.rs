//! The sentence that explains the status of a target at a level: the units
//! counted, how many meet the rule, and why a roll-up could not be judged.

use std::fmt::{self, Write as _};

use crate::engine::result::TargetResult;
use crate::engine::roll_up::summary::{RollUp, Why};
use crate::foundations::text::format_date;
use crate::model::target::RollUpMode;
use crate::presentation::words::labels::{Shown, level_plural};
use crate::presentation::words::target::explain_target;

/// `1 province`, `34 provinces`.
fn units_counted(roll: &RollUp<'_>, n: usize) -> String {
    if n == 1 {
        format!("1 {}", roll.level)
    } else {
        format!("{n} {}", level_plural(roll.level))
    }
}

/// The scope in words: its id, and the unit merged into it.
fn scope_name(roll: &RollUp<'_>, result: &TargetResult<'_>) -> String {
    match roll.scope {
        Some(u) if u.id() != result.target().unit() => format!(
            "{} (into which {} was merged)",
            u.id(),
            result.target().unit()
        ),
        Some(u) => u.id().to_owned(),
        None => result.target().unit().to_owned(),
    }
}

/// The sentence of a target at a level: how its units were rolled up, and
/// for a pooled target the sentence of its pooled figure.
pub(crate) fn explain_roll_up(
    roll: &RollUp<'_>,
    result: &TargetResult<'_>,
    out: &mut String,
) -> fmt::Result {
    let target = result.target();
    let level = roll.level;
    let scope = scope_name(roll, result);
    let on = format_date(roll.units_on);
    let name = result
        .indicator()
        .names()
        .en()
        .unwrap_or(result.indicator().id());
    match &roll.why {
        Some(Why::NoUnitsGiven) => {
            return write!(
                out,
                "The target applies to each {level} of {}, but the evaluation was given no units to roll up over.",
                target.unit()
            );
        }
        Some(Why::UnknownScope) => {
            return write!(
                out,
                "The target applies to the {level} level of {}, but `{}` is not among the units.",
                target.unit(),
                target.unit()
            );
        }
        Some(Why::NoneOnDay(Some(last))) => {
            return write!(
                out,
                "No {level} of {scope} exists on {on}: the {level} level ended after {} (its last day), so a target at that level no longer applies.",
                format_date(*last)
            );
        }
        Some(Why::NoneOnDay(None)) => {
            return write!(
                out,
                "The units given hold no {level} of {scope} on {on}, so there is nothing to roll up."
            );
        }
        Some(Why::ValueNotPoolable(unit, period)) => {
            return write!(
                out,
                "The figure of “{name}” for {unit} ({period}) is a value without numerator and denominator, so the share of all dossiers of the {} in {scope} cannot be pooled; a mean of their percentages would not be that share.",
                units_counted(roll, roll.count)
            );
        }
        Some(Why::Overflow(period)) => {
            return write!(
                out,
                "The numerators or denominators of the {} in {scope} for {period} add up to more than 2^64-1, so they cannot be pooled.",
                units_counted(roll, roll.count)
            );
        }
        Some(Why::Ambiguous(series)) => {
            return write!(
                out,
                "Figures of “{name}” for the {} in {scope} come from several series ({}) and neither the target nor the indicator names one; figures from different publishers are not mixed.",
                units_counted(roll, roll.count),
                series.join(", ")
            );
        }
        Some(Why::MergerNotSummable(..)) | None => {}
    }
    let n = roll.count;
    let k = roll.units_meeting();
    match roll.mode {
        RollUpMode::Pooled => {
            if result.evidence_obs().is_some() {
                explain_target(result, out)?;
                write!(
                    out,
                    " Pooled over the {} of {scope} on {on}: numerators and denominators summed, not the mean of their percentages.",
                    units_counted(roll, n)
                )?;
            } else {
                write!(
                    out,
                    "No period has figures from all {} of {scope} on {on}, so no pooled share can be formed yet",
                    units_counted(roll, n)
                )?;
                out.write_char('.')?;
            }
            // A gap after a passed deadline does not bear on the verdict.
            let deadline_end = target.deadline().end();
            if let Some((period, have)) = roll.coverage
                && have < n
                && (roll.units_on < deadline_end || period.end() <= deadline_end)
            {
                write!(
                    out,
                    " For {period}, only {have} of the {n} have published a figure."
                )?;
            }
        }
        RollUpMode::Each => {
            let rule = target.rule().display_in(result.indicator().kind());
            write!(
                out,
                "{k} of the {} of {scope} on {on} {} the rule {rule} on {} own ({}%)",
                units_counted(roll, n),
                if k == 1 { "meets" } else { "meet" },
                if k == 1 { "its" } else { "their" },
                roll.share_meeting().unwrap_or_default()
            )?;
            let failing: Vec<String> = roll
                .units()
                .iter()
                .filter(|u| !u.meets())
                .map(|u| format!("{} ({})", u.unit.id(), u.status.label_en()))
                .collect();
            if failing.is_empty() {
                out.write_char('.')?;
            } else {
                let shown = failing.iter().take(10).cloned().collect::<Vec<_>>();
                write!(out, "; not meeting it: {}", shown.join(", "))?;
                if failing.len() > shown.len() {
                    write!(
                        out,
                        " and {} more",
                        failing.len().saturating_sub(shown.len())
                    )?;
                }
                out.write_char('.')?;
            }
            if let Some(o) = result.evidence_obs() {
                let unit = roll
                    .units()
                    .iter()
                    .find(|u| u.evidence.is_some_and(|e| e == o))
                    .map_or("", |u| u.unit.id());
                write!(
                    out,
                    " The target is {}: every unit must meet the rule; the figure shown is {} ({}, published {}) for {unit}.",
                    result.status().label_en(),
                    Shown(&o, result.indicator().kind()),
                    o.period,
                    format_date(o.published)
                )?;
            } else {
                write!(
                    out,
                    " The target is {}: every unit must meet the rule.",
                    result.status().label_en()
                )?;
            }
        }
    }
    if roll.merged > 0 {
        let (n, s) = (roll.merged, if roll.merged == 1 { "" } else { "s" });
        write!(
            out,
            " {n} figure{s} of merged units summed into their successors entered the roll-up."
        )?;
    }
    if let Some(Why::MergerNotSummable(unit, period)) = &roll.why {
        write!(
            out,
            " The figures of the units merged into {unit} for {period} could not be summed (values, not counts), so that period is left out for it."
        )?;
    }
    Ok(())
}
