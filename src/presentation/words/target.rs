//! The sentence that explains the status of a target about its own unit,
//! and of an every-period target.

use std::fmt::{self, Write as _};

use crate::engine::closing::{add_days, closing_period};
use crate::engine::every_period::EveryPeriodOutcome;
use crate::engine::projection::ProjectionOutcome;
use crate::engine::result::TargetResult;
use crate::engine::series::series_name;
use crate::engine::status::Status;
use crate::foundations::text::format_date;
use crate::model::indicator::Cadence;
use crate::model::observation::Obs;
use crate::model::reading::Reading;
use crate::presentation::words::labels::{ProjectedShown, Shown, ValueShown};

/// The sentence of a target about its own unit (or of a pooled target's
/// pooled figure): why it has its status.
pub(crate) fn explain_target(r: &TargetResult<'_>, out: &mut String) -> fmt::Result {
    let t = r.target;
    if r.status != Status::Discontinued
        && let Some(every) = r.every_period()
    {
        return explain_every_period(&every, r, out);
    }
    let kind = r.indicator.kind();
    let rule = t.rule().display_in(kind);
    let deadline = t.deadline();
    let name = r.indicator.names().en().unwrap_or(r.indicator.id());
    // `82.1% (2025, published 2026-03-01)`
    let figure = |o: &Obs| {
        format!(
            "{} ({}, published {})",
            Shown(o, kind),
            o.period,
            format_date(o.published)
        )
    };
    match (r.status, r.evidence.get()) {
        (Status::Met, Some(o)) => {
            write!(out, "Closing value {} is {rule}", figure(o))?;
            note_discontinued(r, out)
        }
        (Status::Missed, Some(o)) => {
            write!(out, "Closing value {} is not {rule}", figure(o))?;
            note_discontinued(r, out)
        }
        (Status::AwaitingData, _) => {
            write!(out, "The deadline {deadline} has passed, but ")?;
            match (t.judged_on(), r.indicator.cadence()) {
                (Some(p), _) => write!(out, "the closing figure for {p} is not published yet")?,
                (None, Cadence::Biennial | Cadence::Irregular) => {
                    let lag = r.indicator.publication_lag_days();
                    let due = add_days(deadline.end(), lag)
                        .map_or_else(|| "the end of the calendar".to_owned(), format_date);
                    write!(
                        out,
                        "the closing figure is not expected before {due} ({lag} days after the deadline)"
                    )?;
                }
                (None, cadence) => match closing_period(deadline, cadence) {
                    Some(p) => write!(out, "the figure for {p} is not published yet")?,
                    None => write!(out, "the closing figure is not published yet")?,
                },
            }
            match r.evidence.get() {
                Some(o) => write!(out, "; the latest is {}.", figure(o)),
                None => out.write_char('.'),
            }
        }
        (Status::Achieved, Some(o)) => {
            write!(
                out,
                "Latest value {} is already {rule}, before the deadline {deadline}",
                figure(o)
            )?;
            note_discontinued(r, out)
        }
        (Status::OnTrack | Status::OffTrack | Status::InsufficientData, Some(o)) => {
            write!(out, "Latest value {} is not yet {rule}", figure(o))?;
            let (Some(p), Some(trend)) = (r.projection(), r.trend) else {
                return out.write_char('.');
            };
            let on = format_date(deadline.end());
            match (trend.outcome, p.value()) {
                (ProjectionOutcome::Meets, Some(v)) => {
                    write!(
                        out,
                        "; the trend through {} points projects {} on {on}, which is {rule}.",
                        p.points(),
                        ProjectedShown(v, kind)
                    )
                }
                (ProjectionOutcome::Misses, Some(v)) => write!(
                    out,
                    "; the trend through {} points projects {} on {on}, which is not {rule}.",
                    p.points(),
                    ProjectedShown(v, kind)
                ),
                (ProjectionOutcome::Meets, None) => {
                    write!(
                        out,
                        "; the trend through {} points reaches the rule by {on} (the projected value is too large to print).",
                        p.points()
                    )
                }
                (ProjectionOutcome::Misses, None) => {
                    write!(
                        out,
                        "; the trend through {} points does not reach the rule by {on} (the projected value is too large to print).",
                        p.points()
                    )
                }
                (ProjectionOutcome::Overflow, _) => {
                    write!(
                        out,
                        ", and the trend could not be projected: the arithmetic overflowed."
                    )
                }
                (ProjectionOutcome::TooFewPoints, _) if p.points() >= 2 => write!(
                    out,
                    ", and its {} points within five years all end on the same day, so no trend can be drawn.",
                    p.points()
                ),
                (ProjectionOutcome::TooFewPoints, _) => {
                    write!(
                        out,
                        ", and it is the only point within five years, too few to project a trend."
                    )
                }
            }
        }
        (Status::NoData, _) => {
            write!(out, "No figure of “{name}” for {}", t.unit())?;
            if let Some(s) = series_name(t, r.indicator) {
                write!(out, " in series “{s}”")?;
            }
            write!(out, " is published as of {}.", format_date(r.as_of))
        }
        (Status::Ambiguous, _) => write!(
            out,
            "Figures of “{name}” for {} come from several series ({}) and neither the target nor the indicator names one; figures from different publishers are not mixed.",
            t.unit(),
            series_seen(r).join(", ")
        ),
        (Status::Discontinued, _) => {
            write!(out, "{name} was discontinued")?;
            if let Some(d) = r.indicator.discontinued() {
                write!(out, " on {}", format_date(d.on()))?;
                if let Some(n) = d.note() {
                    write!(out, " ({})", n.trim_end_matches('.'))?;
                }
            }
            match r.evidence.get() {
                Some(o) => write!(
                    out,
                    ", and no published figure decides the target; the last is {}.",
                    figure(o)
                ),
                None => write!(out, ", and no published figure decides the target."),
            }
        }
        // Only targets at a level have these; their roll-up explains them.
        (status @ (Status::NotPoolable | Status::NoUnits), _) | (status, None) => {
            write!(out, "Status {status} without evidence.")
        }
    }
}

/// Ends a sentence, saying so when the indicator had been discontinued
/// by the as-of date: a target can be decided by a figure published
/// before the end.
fn note_discontinued(r: &TargetResult<'_>, out: &mut String) -> fmt::Result {
    match r.indicator.discontinued() {
        Some(d) if d.on() <= r.as_of => write!(
            out,
            "; the indicator was discontinued on {}.",
            format_date(d.on())
        ),
        _ => out.write_char('.'),
    }
}

/// The names of the series visible in the target's group.
fn series_seen(r: &TargetResult<'_>) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for o in r.group.iter().filter(|o| o.published <= r.as_of) {
        let name = r
            .store
            .text(o.series)
            .map_or_else(|| "(unnamed)".to_owned(), |s| format!("“{s}”"));
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names.sort();
    names
}

/// The sentence of an every-period target: the periods that failed, held
/// or are missing.
fn explain_every_period(
    e: &EveryPeriodOutcome,
    r: &TargetResult<'_>,
    out: &mut String,
) -> fmt::Result {
    let kind = r.indicator().kind();
    let rule = r.target().rule().display_in(kind);
    let word = match r.indicator().cadence() {
        Cadence::Quarterly => "quarter",
        Cadence::Monthly => "month",
        _ => "year",
    };
    let range = format!("from {} to {}", e.first, e.last);
    let failed = || {
        e.failed
            .iter()
            .map(|(p, v)| format!("{p} ({})", ValueShown(*v, kind)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let missing = || {
        let mut s = e
            .missing
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        let named = u64::try_from(e.missing.len()).unwrap_or(u64::MAX);
        if e.missing_count > named {
            let _ = write!(s, " and {} more", e.missing_count.saturating_sub(named));
        }
        s
    };
    let evidence = r.evidence();
    let latest = || {
        evidence.as_ref().map_or_else(String::new, |o| {
            let shown = match o.reading() {
                Reading::Value(v) => ValueShown(v, kind).to_string(),
                reading => reading.to_string(),
            };
            format!(
                "; the latest is {shown} ({}, published {})",
                o.period(),
                format_date(o.published())
            )
        })
    };
    write!(out, "The rule {rule} must hold in every {word} {range}")?;
    match r.status() {
        Status::Missed => write!(out, "; it failed in {}.", failed()),
        Status::OffTrack => write!(
            out,
            "; it already failed in {}, so the target can no longer be met.",
            failed()
        ),
        Status::Met => write!(out, ", and it held in all {}.", e.count),
        Status::AwaitingData => write!(
            out,
            "; it held in the {} published so far, but the deadline has passed and {} not published yet.",
            e.held.len(),
            if e.missing_count == 1 {
                format!("the figure for {} is", missing())
            } else {
                format!("the figures for {} are", missing())
            }
        ),
        Status::OnTrack => write!(
            out,
            "; it has held in every {word} published so far ({} of {}).",
            e.held.len(),
            e.count
        ),
        Status::InsufficientData => {
            write!(
                out,
                ", and no figure for those {word}s is published yet{}.",
                latest()
            )
        }
        status => write!(out, "; status {status}{}.", latest()),
    }
}
