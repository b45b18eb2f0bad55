//! Why a progress method was not applied: typed, and never silently replaced
//! by another figure.

use std::str::FromStr;

use crate::foundations::error::{Error, by_name};

/// Why a method was not applied: it would not make sense, and nothing is
/// silently substituted (no zero becomes 0.001). Displayed as its
/// [`reason`](Refusal::reason).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[error("{}", self.reason())]
#[non_exhaustive]
pub enum Refusal {
    /// Compound growth of a rank is meaningless (ranks are ordinal).
    CompoundGrowthOfRank,
    /// Compound growth of a growth rate is meaningless (it is already a rate).
    CompoundGrowthOfGrowthRate,
    /// Compound growth cannot be computed from these values: the base is
    /// zero or negative, or the latest value is negative; for Eurostat and
    /// Open SDG, also a latest value or target of zero (their required
    /// growth needs a positive target; Open SDG's documentation calls a zero
    /// latest value "Unable to assess"). UNSD's projection needs no growth of
    /// the target, so it takes any target, and a latest value of 0.
    NotPositive,
    /// The base value already meets the rule, so the required growth points
    /// the wrong way and the ratio would call a decline progress (Eurostat
    /// and UNSD; our choice, as neither publisher's text addresses it).
    BaseMeetsTarget,
    /// The target equals the base value: nothing to grow towards, the ratio
    /// is undefined.
    NoDistance,
    /// Too few points for the method: two in the window (a base before the
    /// latest); four for Destatis, whose text gives no symbol with fewer.
    TooFewPoints,
    /// Too few exact figures for the method: bounded figures ("over 80%"),
    /// which have no one value to measure a pace from, are left out.
    BoundedFigures,
    /// The arithmetic went out of range.
    Overflow,
}

impl Refusal {
    /// The refusal's name in the results document.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Refusal::CompoundGrowthOfRank => "compound_growth_of_rank",
            Refusal::CompoundGrowthOfGrowthRate => "compound_growth_of_growth_rate",
            Refusal::NotPositive => "not_positive",
            Refusal::BaseMeetsTarget => "base_meets_target",
            Refusal::NoDistance => "no_distance",
            Refusal::TooFewPoints => "too_few_points",
            Refusal::BoundedFigures => "bounded_figures",
            Refusal::Overflow => "overflow",
        }
    }

    /// The reason in words.
    #[must_use]
    pub fn reason(self) -> &'static str {
        match self {
            Refusal::CompoundGrowthOfRank => "compound growth is meaningless for a rank",
            Refusal::CompoundGrowthOfGrowthRate => {
                "compound growth is meaningless for a growth rate"
            }
            Refusal::NotPositive => {
                "compound growth cannot be computed here: the base is zero or negative, the latest value is negative, or (Eurostat, Open SDG) the latest value or target is zero or negative"
            }
            Refusal::BaseMeetsTarget => {
                "the base value already meets the rule, so a growth ratio would mislead"
            }
            Refusal::NoDistance => "the target equals the base value, so the ratio is undefined",
            Refusal::TooFewPoints => "too few points for the method",
            Refusal::BoundedFigures => {
                "too few exact figures for the method: bounded figures are left out"
            }
            Refusal::Overflow => "the arithmetic went out of range",
        }
    }

    /// Every refusal.
    pub const ALL: [Refusal; 8] = [
        Refusal::CompoundGrowthOfRank,
        Refusal::CompoundGrowthOfGrowthRate,
        Refusal::NotPositive,
        Refusal::BaseMeetsTarget,
        Refusal::NoDistance,
        Refusal::TooFewPoints,
        Refusal::BoundedFigures,
        Refusal::Overflow,
    ];
}

impl FromStr for Refusal {
    type Err = Error;

    /// The refusal named `s` in the results document ([`Refusal::as_str`]:
    /// `too_few_points`). Unlike the other enums, a refusal's `Display` is
    /// not its name but its reason in words, since a refusal is an error:
    /// parse `r.as_str()`, not `r.to_string()`.
    fn from_str(s: &str) -> Result<Refusal, Error> {
        by_name(&Refusal::ALL, Refusal::as_str, s, |s| {
            format!("{s} is not a progress refusal")
        })
    }
}
