//! What rolling a target up over its units found: the units counted, each
//! one's own status (judged when asked for, for a pooled target), the pooled
//! sums, and why a roll-up could not be judged normally.

use std::sync::OnceLock;

use rust_decimal::Decimal;
use time::Date;

use crate::engine::roll_up::members::{Pending, UnitResult};
use crate::foundations::period::Period;
use crate::model::observation::Obs;
use crate::model::target::RollUpMode;
use crate::model::unit::{Unit, UnitLevel};

/// How a target at a level was rolled up over its units.
///
/// ```
/// use policy_targets::{Catalogue, Evaluator, Observations, RollUpMode, Status, Units, parse_date};
/// let catalogue = Catalogue::from_json(r#"{"format": "policy-targets/catalogue@1",
///   "indicators": [{"id": "online", "kind": "percent"}],
///   "targets": [{"id": "communes_50", "indicator": "online", "unit": "VN",
///                "applies_to": {"level": "commune", "mode": "pooled"},
///                "rule": {"at_least": "50"}, "deadline": "2025"}]}"#)?;
/// let units = Units::from_json(r#"{"format": "policy-targets/units@1", "units": [
///   {"id": "VN", "level": "national"},
///   {"id": "C1", "level": "commune", "parent": "VN"},
///   {"id": "C2", "level": "commune", "parent": "VN"}]}"#)?;
/// let observations = Observations::from_json(r#"{"format": "policy-targets/observations@1", "observations": [
///   {"indicator": "online", "unit": "C1", "period": "2025", "published": "2026-02-01", "numerator": 90, "denominator": 100},
///   {"indicator": "online", "unit": "C2", "period": "2025", "published": "2026-02-01", "numerator": 10, "denominator": 1000}]}"#,
///   &catalogue)?;
/// let evaluator = Evaluator::new(catalogue).with_units(units);
/// let evaluation = evaluator.evaluate(&observations, parse_date("2026-06-01")?)?;
/// let result = evaluation.get("communes_50").unwrap();
/// // The mean of 90% and 1% is 45.5%; the share of all dossiers is 100/1100.
/// assert_eq!(result.status(), Status::Missed);
/// let roll_up = result.roll_up().unwrap();
/// assert_eq!(roll_up.mode(), RollUpMode::Pooled);
/// assert_eq!(roll_up.pooled(), Some((100, 1100)));
/// assert_eq!(roll_up.units_meeting(), 1);
/// # Ok::<(), policy_targets::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct RollUp<'a> {
    pub(crate) mode: RollUpMode,
    pub(crate) level: UnitLevel,
    pub(crate) scope: Option<&'a Unit>,
    pub(crate) units_on: Date,
    /// Each unit's own result: computed during the evaluation for `each`,
    /// on first use for `pooled` (whose status does not need them).
    pub(crate) units: OnceLock<Vec<UnitResult<'a>>>,
    /// How many units were counted.
    pub(crate) count: usize,
    /// What a pooled roll-up needs to judge its units when asked.
    pub(crate) pending: Option<Pending<'a>>,
    pub(crate) pooled: Option<(u64, u64)>,
    /// A pooled target's series: one summed figure per period every unit
    /// has, which its status, projection and progress rest on.
    pub(crate) series: Vec<Obs>,
    /// The latest period any unit has a figure for, and how many units do.
    pub(crate) coverage: Option<(Period, usize)>,
    /// How many figures of merged units were summed into their successors.
    pub(crate) merged: usize,
    pub(crate) why: Option<Why>,
}

/// Why a roll-up could not be judged normally.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Why {
    /// The evaluation was given no units.
    NoUnitsGiven,
    /// The target's unit is not among the units.
    UnknownScope,
    /// No unit of the level in the scope on the day (with the level's last
    /// day, when it ended).
    NoneOnDay(Option<Date>),
    /// A unit's figure for a period is a value without counts.
    ValueNotPoolable(String, Period),
    /// The sums for a period overflow.
    Overflow(Period),
    /// The units' figures carry several series (their names) and none is named.
    Ambiguous(Vec<String>),
    /// Figures of several merged units could not be summed (values, or an overflow).
    MergerNotSummable(String, Period),
}

impl<'a> RollUp<'a> {
    /// A pooled target's series (empty for `each`).
    pub(crate) fn series(&self) -> &[Obs] {
        &self.series
    }

    /// `pooled` or `each`.
    #[must_use]
    pub fn mode(&self) -> RollUpMode {
        self.mode
    }

    /// The level of the units rolled up.
    #[must_use]
    pub fn level(&self) -> UnitLevel {
        self.level
    }

    /// The scope the units were taken from: the target's unit, or the unit
    /// it had been merged into by [`RollUp::units_on`].
    #[must_use]
    pub fn scope(&self) -> Option<&'a Unit> {
        self.scope
    }

    /// The day whose units were counted: the as-of date, or the deadline's
    /// last day once it has passed.
    #[must_use]
    pub fn units_on(&self) -> Date {
        self.units_on
    }

    /// Each unit counted, with its own status.
    #[must_use]
    pub fn units(&self) -> &[UnitResult<'a>] {
        if let Some(units) = self.units.get() {
            return units;
        }
        // Judged outside the lock: with `rayon`, judging waits on the
        // pool, where this thread may meet another call of this method on
        // the same roll-up, which would wait on the lock it holds. Two
        // threads asking at once may both judge; the results are the same.
        let judged = self
            .pending
            .as_ref()
            .map(Pending::judge)
            .unwrap_or_default();
        self.units.get_or_init(|| judged)
    }

    /// How many units meet the rule on their own.
    #[must_use]
    pub fn units_meeting(&self) -> usize {
        self.units().iter().filter(|u| u.meets()).count()
    }

    /// The units that do not meet the rule on their own (any other status).
    pub fn units_failing(&self) -> impl Iterator<Item = &'a Unit> + '_ {
        self.units().iter().filter(|u| !u.meets()).map(|u| u.unit)
    }

    /// The percentage of units meeting the rule on their own; `None` without units.
    #[must_use]
    pub fn share_meeting(&self) -> Option<Decimal> {
        let n = Decimal::from(self.count);
        let k = Decimal::from(self.units_meeting());
        k.checked_mul(Decimal::ONE_HUNDRED)?
            .checked_div(n)
            .map(|v| v.round_dp(6).normalize())
    }

    /// Whether two roll-ups report the same: mode, level, scope, day, units
    /// with their statuses and evidence, pooled sums, coverage, mergers and
    /// why they could not be judged. (The pooled series is compared by
    /// [`TargetResult`](crate::TargetResult), which holds its store.)
    pub(crate) fn reports_same(&self, other: &RollUp<'_>) -> bool {
        let same_units = self.units().len() == other.units().len()
            && self.units().iter().zip(other.units()).all(|(a, b)| a == b);
        self.mode == other.mode
            && self.level == other.level
            && self.scope == other.scope
            && self.units_on == other.units_on
            && self.count == other.count
            && self.pooled == other.pooled
            && self.coverage == other.coverage
            && self.merged == other.merged
            && self.why == other.why
            && same_units
    }

    /// For a pooled target, the summed numerator and denominator of the
    /// pooled figure the status rests on.
    #[must_use]
    pub fn pooled(&self) -> Option<(u64, u64)> {
        self.pooled
    }
}
