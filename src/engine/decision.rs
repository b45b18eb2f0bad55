//! The status decision (SPEC 3.4–3.6): a target's status, the figure it
//! rests on and the trend, from one series of figures.
//!
//! After the deadline the closing figure decides (`met`, `missed`,
//! `inconclusive`), even for a discontinued indicator; without one the
//! target is `discontinued`, `awaiting_data` or `no_data`. Before it,
//! `discontinued` comes first (SPEC 1.1: over `achieved` too), then
//! `achieved` when the latest figure meets the rule, then the projection.
//!
//! A target about its own unit is decided on its series; a target at a level
//! on the series its roll-up makes (the pooled figures, or each unit's own).

use time::Date;

use crate::engine::closing::closing_figure;
use crate::engine::every_period;
use crate::engine::projection::{Fits, ProjectionOutcome, Trend, project};
use crate::engine::series::latest_standing;
use crate::engine::status::Status;
use crate::engine::verdict::{Verdict, verdict_of};
use crate::model::indicator::Indicator;
use crate::model::observation::Obs;
use crate::model::target::Target;

/// What the decision found: the status, the figure it rests on (borrowed
/// from the series decided on), and the trend for a status before the
/// deadline that needed one.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Decision<'s> {
    pub(crate) status: Status,
    pub(crate) evidence: Option<&'s Obs>,
    pub(crate) trend: Option<Trend>,
}

/// Decides `target` on one series of figures, `slice` (sorted as the store
/// sorts a series), at `as_of`.
pub(crate) fn decide<'s>(
    target: &Target,
    indicator: &Indicator,
    slice: &'s [Obs],
    as_of: Date,
) -> Decision<'s> {
    decide_with(target, indicator, slice, as_of, None)
}

/// As [`decide`], with the fits already made in this evaluation when
/// `slice` is borrowed from the store.
pub(crate) fn decide_with<'s>(
    target: &Target,
    indicator: &Indicator,
    slice: &'s [Obs],
    as_of: Date,
    fits: Option<&mut Fits>,
) -> Decision<'s> {
    let decided = |status, evidence| Decision {
        status,
        evidence,
        trend: None,
    };
    let discontinued = indicator.discontinued().is_some_and(|d| d.on() <= as_of);
    if let Some(every) = target.every_period() {
        let (status, evidence) =
            every_period::judge(every, target, indicator, slice, as_of, discontinued);
        return decided(status, evidence);
    }
    let rule = target.rule();
    let deadline = target.deadline();
    if as_of > deadline.end() {
        if let Some(c) = closing_figure(target, indicator, slice, as_of) {
            let status = match verdict_of(c, rule, indicator) {
                Verdict::Meets => Status::Met,
                Verdict::Fails => Status::Missed,
                Verdict::Undetermined => Status::Inconclusive,
            };
            return decided(status, Some(c));
        }
        // Only without a closing figure does the latest figure matter.
        let latest = latest_standing(slice, as_of);
        let status = match latest {
            _ if discontinued => Status::Discontinued,
            Some(_) => Status::AwaitingData,
            None => Status::NoData,
        };
        return decided(status, latest);
    }
    let Some(latest) = latest_standing(slice, as_of) else {
        return decided(without_data(indicator, as_of), None);
    };
    // SPEC 1.1: an indicator that stopped is not "already achieved" on its
    // last figure; only a closing figure decides it.
    if discontinued {
        return decided(Status::Discontinued, Some(latest));
    }
    match verdict_of(latest, rule, indicator) {
        Verdict::Meets => return decided(Status::Achieved, Some(latest)),
        // A bound that cannot tell does not meet the rule yet: the trend of
        // the exact figures decides.
        Verdict::Fails | Verdict::Undetermined => {}
    }
    let trend = project(slice, as_of, deadline.end(), rule, fits, latest);
    let status = match trend.outcome {
        ProjectionOutcome::Meets => Status::OnTrack,
        ProjectionOutcome::Misses => Status::OffTrack,
        ProjectionOutcome::TooFewPoints | ProjectionOutcome::Overflow => Status::InsufficientData,
    };
    Decision {
        status,
        evidence: Some(latest),
        trend: Some(trend),
    }
}

/// The status of a target with no figure to read: `discontinued` when the
/// indicator had ended by the as-of date, else `no_data`.
#[inline]
pub(crate) fn without_data(indicator: &Indicator, as_of: Date) -> Status {
    if indicator.discontinued().is_some_and(|d| d.on() <= as_of) {
        Status::Discontinued
    } else {
        Status::NoData
    }
}
