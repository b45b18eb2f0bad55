//! Every-period targets: "labour productivity grows at least 7% every year".
//!
//! The target field `"every_period": {"from": "2021"}` makes the rule hold in
//! every period of the indicator's cadence (year, quarter or month), from the
//! one containing the start of `from` to the one containing the deadline.

use rust_decimal::Decimal;
use time::Date;

use crate::engine::series::standing;
use crate::engine::status::Status;
use crate::engine::verdict::{Verdict, verdict_of};
use crate::foundations::period::{Period, PeriodKind};
use crate::model::indicator::Indicator;
use crate::model::observation::Obs;
use crate::model::qualifier::Qualifier;
use crate::model::target::{EveryPeriod, Target};

/// How many missing periods an outcome names (the rest are counted).
pub const MAX_NAMED_MISSING: usize = 12;

/// The index of the year, quarter or month containing `d`.
fn index(d: Date, kind: PeriodKind) -> i64 {
    let y = i64::from(d.year());
    let m = i64::from(u8::from(d.month())).saturating_sub(1);
    match kind {
        PeriodKind::Quarter => y.saturating_mul(4).saturating_add(m / 3),
        PeriodKind::Month => y.saturating_mul(12).saturating_add(m),
        _ => y,
    }
}

/// The first and last required periods and how many there are.
struct Span {
    kind: PeriodKind,
    first: Period,
    last: Period,
    count: u64,
}

fn span(every: EveryPeriod, target: &Target, indicator: &Indicator) -> Option<Span> {
    let kind = indicator.cadence().period_kind()?;
    let first = Period::enclosing(every.from().start(), kind)?;
    let last = Period::enclosing(target.deadline().end(), kind)?;
    let count = index(last.end(), kind)
        .checked_sub(index(first.end(), kind))?
        .checked_add(1)?;
    Some(Span {
        kind,
        first,
        last,
        count: u64::try_from(count).ok()?,
    })
}

impl Span {
    /// Whether `o` is the figure for one of the required periods.
    fn holds(&self, o: &Obs) -> bool {
        o.period.start() >= self.first.start()
            && o.period.end() <= self.last.end()
            && Period::enclosing(o.period.end(), self.kind).is_some_and(|p| p.same_span(&o.period))
    }
}

/// Decides an every-period target on its series. A period whose figure is a
/// bound that cannot tell is neither held nor failed: after the deadline,
/// with every period published and none failed, the target is
/// `inconclusive`; before it, `insufficient_data`.
pub(crate) fn judge<'a>(
    every: EveryPeriod,
    target: &Target,
    indicator: &Indicator,
    slice: &'a [Obs],
    as_of: Date,
    discontinued: bool,
) -> (Status, Option<&'a Obs>) {
    let latest = standing(slice, as_of).next_back();
    let Some(span) = span(every, target, indicator) else {
        return (Status::InsufficientData, latest);
    };
    let rule = target.rule();
    let (mut first_failed, mut first_undetermined, mut last_required) = (None, None, None);
    let mut present = 0u64;
    for o in standing(slice, as_of).filter(|o| span.holds(o)) {
        present = present.saturating_add(1);
        last_required = Some(o);
        match verdict_of(o, rule, indicator) {
            Verdict::Meets => {}
            Verdict::Fails => {
                first_failed = first_failed.or(Some(o));
            }
            Verdict::Undetermined => first_undetermined = first_undetermined.or(Some(o)),
        }
    }
    let passed = as_of > target.deadline().end();
    let complete = present >= span.count;
    match (first_failed, first_undetermined, passed) {
        // A failed period decides, before or after the deadline.
        (Some(o), _, true) => (Status::Missed, Some(o)),
        (Some(o), _, false) => (Status::OffTrack, Some(o)),
        (None, None, true) if complete => (Status::Met, last_required),
        (None, Some(o), true) if complete => (Status::Inconclusive, Some(o)),
        _ if discontinued => (Status::Discontinued, latest),
        (None, _, true) if latest.is_some() => (Status::AwaitingData, latest),
        (None, Some(o), false) => (Status::InsufficientData, Some(o)),
        (None, None, false) if last_required.is_some() => (Status::OnTrack, last_required),
        (None, _, false) if latest.is_some() => (Status::InsufficientData, latest),
        _ => (Status::NoData, None),
    }
}

/// What an every-period target's periods show at the as-of date: which held,
/// which failed, which have no figure yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EveryPeriodOutcome {
    pub(crate) first: Period,
    pub(crate) last: Period,
    pub(crate) count: u64,
    pub(crate) held: Vec<Period>,
    pub(crate) held_figures: Vec<(Period, Decimal)>,
    pub(crate) failed: Vec<(Period, Decimal)>,
    pub(crate) undetermined: Vec<(Period, Decimal)>,
    /// The qualifier of each bounded figure among the periods, for sentences.
    pub(crate) bounds: Vec<(Period, Qualifier)>,
    pub(crate) missing: Vec<Period>,
    pub(crate) missing_count: u64,
}

impl EveryPeriodOutcome {
    /// The first required period.
    #[must_use]
    pub fn first(&self) -> Period {
        self.first
    }

    /// The last required period (the one containing the deadline).
    #[must_use]
    pub fn last(&self) -> Period {
        self.last
    }

    /// How many periods are required.
    #[must_use]
    pub fn count(&self) -> u64 {
        self.count
    }

    /// The periods whose figure meets the rule.
    #[must_use]
    pub fn held(&self) -> &[Period] {
        &self.held
    }

    /// The periods whose figure meets the rule, with the figure (for a
    /// bounded figure, its bound), in the order of [`EveryPeriodOutcome::held`].
    #[must_use]
    pub fn held_figures(&self) -> &[(Period, Decimal)] {
        &self.held_figures
    }

    /// The periods whose figure does not meet the rule, with the figure
    /// (for a bounded figure, its bound: see [`EveryPeriodOutcome::bound`]).
    #[must_use]
    pub fn failed(&self) -> &[(Period, Decimal)] {
        &self.failed
    }

    /// The periods whose figure is a bound that cannot tell whether the rule
    /// held (neither held nor failed), with the bound's number.
    #[must_use]
    pub fn undetermined(&self) -> &[(Period, Decimal)] {
        &self.undetermined
    }

    /// For a period whose figure is a bound, its qualifier.
    #[must_use]
    pub fn bound(&self, period: Period) -> Option<Qualifier> {
        self.bounds
            .iter()
            .find(|(p, _)| p.same_span(&period))
            .map(|(_, q)| *q)
    }

    /// Periods with no figure yet, up to [`MAX_NAMED_MISSING`] of them.
    #[must_use]
    pub fn missing(&self) -> &[Period] {
        &self.missing
    }

    /// How many periods have no figure yet.
    #[must_use]
    pub fn missing_count(&self) -> u64 {
        self.missing_count
    }
}

/// What the required periods of an every-period target show among
/// `standing`, the standing figures of its series.
pub(crate) fn outcome<'s>(
    every: EveryPeriod,
    target: &Target,
    indicator: &Indicator,
    standing: impl Iterator<Item = &'s Obs>,
) -> Option<EveryPeriodOutcome> {
    let span = span(every, target, indicator)?;
    let mut held = Vec::new();
    let mut held_figures = Vec::new();
    let mut failed = Vec::new();
    let mut undetermined = Vec::new();
    let mut bounds = Vec::new();
    let mut present: Vec<Period> = Vec::new();
    for o in standing.filter(|o| span.holds(o)) {
        match verdict_of(o, target.rule(), indicator) {
            Verdict::Meets => {
                held.push(o.period);
                held_figures.push((o.period, o.reading.value()));
            }
            Verdict::Fails => failed.push((o.period, o.reading.value())),
            Verdict::Undetermined => undetermined.push((o.period, o.reading.value())),
        }
        if let Some(q) = o.qualifier {
            bounds.push((o.period, q));
        }
        present.push(o.period);
    }
    let present_count = u64::try_from(present.len()).unwrap_or(u64::MAX);
    let missing_count = span.count.saturating_sub(present_count);
    // Walk the required periods only as far as needed to name the first missing ones.
    let mut missing = Vec::new();
    let mut next = Some(span.first);
    let mut known = present.iter().peekable();
    while let Some(p) = next {
        if missing.len() >= MAX_NAMED_MISSING || p.start() > span.last.start() {
            break;
        }
        if known.peek().is_some_and(|k| k.same_span(&p)) {
            known.next();
        } else {
            missing.push(p);
        }
        next = p
            .end()
            .next_day()
            .and_then(|d| Period::enclosing(d, span.kind));
    }
    Some(EveryPeriodOutcome {
        first: span.first,
        last: span.last,
        count: span.count,
        held,
        held_figures,
        failed,
        undetermined,
        bounds,
        missing,
        missing_count,
    })
}
