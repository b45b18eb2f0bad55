//! Why a progress method was not applied: typed, and never silently replaced
//! by another figure.

use std::str::FromStr;

use crate::foundations::error::{Error, ErrorKind};
use crate::foundations::text::quoted;

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
    /// Compound growth needs positive values: the base, the latest value or
    /// the target is zero or negative.
    NotPositive,
    /// The base value already meets the rule, so the required growth points
    /// the wrong way and the ratio would call a decline progress.
    BaseMeetsTarget,
    /// The target equals the base value: nothing to grow towards, the ratio
    /// is undefined.
    NoDistance,
    /// Too few points for the method (two in the window; five for Destatis).
    TooFewPoints,
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
                "compound growth needs positive values, and the base, latest value or target is zero or negative"
            }
            Refusal::BaseMeetsTarget => {
                "the base value already meets the rule, so a growth ratio would mislead"
            }
            Refusal::NoDistance => "the target equals the base value, so the ratio is undefined",
            Refusal::TooFewPoints => "too few points for the method",
            Refusal::Overflow => "the arithmetic went out of range",
        }
    }

    /// Every refusal.
    pub const ALL: [Refusal; 7] = [
        Refusal::CompoundGrowthOfRank,
        Refusal::CompoundGrowthOfGrowthRate,
        Refusal::NotPositive,
        Refusal::BaseMeetsTarget,
        Refusal::NoDistance,
        Refusal::TooFewPoints,
        Refusal::Overflow,
    ];
}

impl FromStr for Refusal {
    type Err = Error;

    fn from_str(s: &str) -> Result<Refusal, Error> {
        Refusal::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| {
                Error::single(
                    ErrorKind::InvalidValue,
                    "",
                    format!("{} is not a progress refusal", quoted(s)),
                )
            })
    }
}
