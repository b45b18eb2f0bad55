//! The statuses a target can have at an as-of date, and their names in the formats.

use std::fmt;
use std::str::FromStr;

use crate::foundations::error::{Error, by_name};

/// The status of a target at an as-of date.
///
/// | status | when |
/// | --- | --- |
/// | `met` | the deadline has passed and the closing observation meets the rule |
/// | `missed` | the deadline has passed and the closing observation does not meet the rule (a bounded one: fails it) |
/// | `inconclusive` | the deadline has passed and the closing observation is a bounded figure that cannot tell whether the rule holds ("over 80%" for "more than 85%") |
/// | `awaiting_data` | the deadline has passed, there is no closing observation yet, and some observation is visible |
/// | `achieved` | the deadline has not passed and the latest observation already meets the rule (a bounded one: every value it allows does) |
/// | `on_track` | the deadline has not passed, the latest does not meet the rule, and the projection at the deadline does |
/// | `off_track` | as `on_track`, but the projection does not meet the rule |
/// | `insufficient_data` | the deadline has not passed, the latest does not meet the rule, and there are fewer than two points to project from |
/// | `no_data` | no observation of the indicator for the unit is visible |
/// | `ambiguous` | several series could serve and none is named |
/// | `discontinued` | the indicator was discontinued on or before the as-of date, and no closing observation decides the target (after the deadline), or the deadline has not passed; it takes precedence over `achieved` |
/// | `not_poolable` | a pooled target's units publish values without numerator and denominator (or their sums overflow), so no share of all dossiers can be formed |
/// | `no_units` | a target at a level finds no unit of that level in its scope (the level ended, or no units were given) |
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Status {
    /// The deadline has passed and the closing figure meets the rule.
    Met,
    /// The deadline has passed and the closing figure does not meet the rule.
    Missed,
    /// The deadline has passed and the closing figure is a bound that cannot
    /// tell whether the rule holds: "over 80%" for "more than 85%".
    Inconclusive,
    /// The deadline has passed; the closing figure is not published yet.
    AwaitingData,
    /// Before the deadline, the latest figure already meets the rule.
    Achieved,
    /// Before the deadline, the trend reaches the rule by the deadline.
    OnTrack,
    /// Before the deadline, the trend does not reach the rule by the deadline.
    OffTrack,
    /// Before the deadline, too few figures to project a trend.
    InsufficientData,
    /// No figure is published for the indicator and unit.
    NoData,
    /// Figures come from several publishers and the target names none.
    Ambiguous,
    /// The indicator was discontinued and no closing figure decides the
    /// target: its last figure, even one meeting the rule, is not "already
    /// achieved" (SPEC 1.1).
    Discontinued,
    /// A pooled target whose units' figures cannot be summed into one share:
    /// a value without numerator and denominator, or sums that overflow. A
    /// mean of the units' percentages is never used instead.
    NotPoolable,
    /// A target at a level with no unit of that level in its scope on the
    /// day it is judged (for example the district level after 2025-06-30).
    NoUnits,
}

impl Status {
    /// Every status, in the order of the table above. A slice, not an
    /// array: `Status` is `#[non_exhaustive]`, and a new status must not
    /// change this constant's type.
    pub const ALL: &'static [Status] = &[
        Status::Met,
        Status::Missed,
        Status::Inconclusive,
        Status::AwaitingData,
        Status::Achieved,
        Status::OnTrack,
        Status::OffTrack,
        Status::InsufficientData,
        Status::NoData,
        Status::Ambiguous,
        Status::Discontinued,
        Status::NotPoolable,
        Status::NoUnits,
    ];

    /// The status's name in the JSON formats (`met`, `awaiting_data`, ...).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::Missed => "missed",
            Status::Inconclusive => "inconclusive",
            Status::AwaitingData => "awaiting_data",
            Status::Achieved => "achieved",
            Status::OnTrack => "on_track",
            Status::OffTrack => "off_track",
            Status::InsufficientData => "insufficient_data",
            Status::NoData => "no_data",
            Status::Ambiguous => "ambiguous",
            Status::Discontinued => "discontinued",
            Status::NotPoolable => "not_poolable",
            Status::NoUnits => "no_units",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Status {
    type Err = Error;

    fn from_str(s: &str) -> Result<Status, Error> {
        by_name(Status::ALL, Status::as_str, s, |s| {
            let names: Vec<&str> = Status::ALL.iter().map(|st| st.as_str()).collect();
            format!("{s} is not a status: use one of {}", names.join(", "))
        })
    }
}
