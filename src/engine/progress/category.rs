//! What a progress method concluded, in each method's own words, and the
//! thresholds of each publisher.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;

use crate::foundations::error::{Error, by_name};

/// What a progress method concluded. Each method uses its own words; compare
/// categories of one method with [`Category::grade`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Category {
    /// The latest value already meets the rule (least squares, Open SDG, UNSD).
    TargetAchieved,
    /// Least squares: the line reaches the rule by the deadline.
    OnTrack,
    /// Least squares: the line does not reach the rule by the deadline.
    OffTrack,
    /// Eurostat: ratio ≥ 95 %; without a target, growth above 1 % a year.
    SignificantProgress,
    /// Eurostat: 60 % ≤ ratio < 95 %; Open SDG: 0.60 ≤ ratio < 0.95; UNSD:
    /// 0.50 ≤ ratio < 0.95; Eurostat without a target: growth in (0, 1] % a year.
    ModerateProgress,
    /// Eurostat: 0 ≤ ratio < 60 %.
    InsufficientProgress,
    /// Eurostat: ratio < 0.
    MovementAway,
    /// Eurostat without a target: growth in [−1, 0] % a year.
    ModerateMovementAway,
    /// Eurostat without a target: growth below −1 % a year.
    SignificantMovementAway,
    /// Open SDG: ratio ≥ 0.95; UNSD: ratio ≥ 0.95 (on track).
    SubstantialProgress,
    /// Open SDG: 0 ≤ ratio < 0.60.
    LimitedProgress,
    /// Open SDG: ratio < 0.
    Deterioration,
    /// UNSD: 0.10 ≤ ratio < 0.50.
    MarginalProgress,
    /// UNSD: −0.10 ≤ ratio < 0.10.
    Stagnation,
    /// UNSD: ratio < −0.10; ESCAP current status: no progress or worse.
    Regression,
    /// ESCAP current status: some progress, but at most 90 % of the way.
    SlowProgress,
    /// Destatis: the target would be reached, or missed by less than 5 % of
    /// the distance still to go; or it is met already and the mean change
    /// does not point away.
    Sun,
    /// Destatis: missed by 5 % to 20 % of the distance; or met already, but
    /// the mean change points away (Destatis's "sun partly hidden by a cloud").
    PartlyCloudy,
    /// Destatis: moving towards the target, but missing it by more than 20 %.
    Cloudy,
    /// Destatis: not moving towards the target: the distance stays or grows.
    Thunderstorm,
}

impl Category {
    /// The category's name in the results document (`significant_progress`, `sun`, ...).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Category::TargetAchieved => "target_achieved",
            Category::OnTrack => "on_track",
            Category::OffTrack => "off_track",
            Category::SignificantProgress => "significant_progress",
            Category::ModerateProgress => "moderate_progress",
            Category::InsufficientProgress => "insufficient_progress",
            Category::MovementAway => "movement_away",
            Category::ModerateMovementAway => "moderate_movement_away",
            Category::SignificantMovementAway => "significant_movement_away",
            Category::SubstantialProgress => "substantial_progress",
            Category::LimitedProgress => "limited_progress",
            Category::Deterioration => "deterioration",
            Category::MarginalProgress => "marginal_progress",
            Category::Stagnation => "stagnation",
            Category::Regression => "regression",
            Category::SlowProgress => "slow_progress",
            Category::Sun => "sun",
            Category::PartlyCloudy => "partly_cloudy",
            Category::Cloudy => "cloudy",
            Category::Thunderstorm => "thunderstorm",
        }
    }

    /// Every category.
    pub const ALL: [Category; 20] = [
        Category::TargetAchieved,
        Category::OnTrack,
        Category::OffTrack,
        Category::SignificantProgress,
        Category::ModerateProgress,
        Category::InsufficientProgress,
        Category::MovementAway,
        Category::ModerateMovementAway,
        Category::SignificantMovementAway,
        Category::SubstantialProgress,
        Category::LimitedProgress,
        Category::Deterioration,
        Category::MarginalProgress,
        Category::Stagnation,
        Category::Regression,
        Category::SlowProgress,
        Category::Sun,
        Category::PartlyCloudy,
        Category::Cloudy,
        Category::Thunderstorm,
    ];

    /// How good the category is, higher better: 4 achieved; 3 significant,
    /// substantial, on track, sun; 2 moderate, partly cloudy; 1 insufficient,
    /// limited, marginal, slow, off track, cloudy; 0 stagnation, moderate
    /// movement away; −1 movement away, deterioration, regression, significant
    /// movement away, thunderstorm. Meaningful between categories of one method.
    #[must_use]
    pub fn grade(self) -> i8 {
        match self {
            Category::TargetAchieved => 4,
            Category::SignificantProgress
            | Category::SubstantialProgress
            | Category::OnTrack
            | Category::Sun => 3,
            Category::ModerateProgress | Category::PartlyCloudy => 2,
            Category::InsufficientProgress
            | Category::LimitedProgress
            | Category::MarginalProgress
            | Category::SlowProgress
            | Category::OffTrack
            | Category::Cloudy => 1,
            Category::Stagnation | Category::ModerateMovementAway => 0,
            Category::MovementAway
            | Category::Deterioration
            | Category::Regression
            | Category::SignificantMovementAway
            | Category::Thunderstorm => -1,
        }
    }

    /// Eurostat's category for a ratio of observed to required growth:
    /// significant progress ≥ 0.95 > moderate ≥ 0.60 > insufficient ≥ 0 > movement away.
    ///
    /// Sources: the four names are Eurostat's (its SDG monitoring reports, as
    /// summarised by IISD, 2018). The cut-offs were not found in Eurostat's
    /// own text; the same ones, inclusive below ("R ≥ 95%", "60% ≤ R < 95%",
    /// "0% ≤ R < 60%", "R < 0%"), are in Statistics Canada / Open SDG,
    /// *Progress Measurement Methodology for the Sustainable Development
    /// Goals* (Open SDG 2.4.0, 2025), § Methodology, which says its method
    /// was "inspired by the progress methodology used by Eurostat" and cites
    /// Eurostat (2021).
    #[must_use]
    pub fn eurostat(ratio: Decimal) -> Category {
        if ratio >= Decimal::new(95, 2) {
            Category::SignificantProgress
        } else if ratio >= Decimal::new(60, 2) {
            Category::ModerateProgress
        } else if ratio >= Decimal::ZERO {
            Category::InsufficientProgress
        } else {
            Category::MovementAway
        }
    }

    /// Eurostat's category for an indicator without a quantified target, from
    /// its compound annual growth in percent, already multiplied by the
    /// direction (+1 when higher is better, −1 when lower is): above 1 %
    /// significant progress, above 0 moderate progress, from −1 % moderate
    /// movement away, below −1 % significant movement away. (Where exactly 0
    /// and ±1 % fall is not confirmed by a source; this is our reading.)
    ///
    /// Source: none found. No publisher's text with these cut-offs was
    /// available to us; they are our reading of Eurostat's reports.
    #[must_use]
    pub fn eurostat_without_target(directed_growth_percent: Decimal) -> Category {
        if directed_growth_percent > Decimal::ONE {
            Category::SignificantProgress
        } else if directed_growth_percent > Decimal::ZERO {
            Category::ModerateProgress
        } else if directed_growth_percent >= Decimal::NEGATIVE_ONE {
            Category::ModerateMovementAway
        } else {
            Category::SignificantMovementAway
        }
    }

    /// Open SDG's category for its signed ratio (the thresholds of Eurostat):
    /// substantial ≥ 0.95 > moderate ≥ 0.60 > limited ≥ 0 > deterioration.
    ///
    /// Source: Statistics Canada / Open SDG, *Progress Measurement
    /// Methodology for the Sustainable Development Goals* (`open-sdg`
    /// `docs/progress-methodology.md`, Open SDG 2.4.0, 2025), § Methodology,
    /// and its code, `sdg-build` `sdg/ProgressMeasure.py`
    /// (`progress_thresholds = {'high': 0.95, 'med': 0.6, 'low': 0}`, each
    /// inclusive below). Its "target achieved", checked before the ratio, is
    /// [`Category::TargetAchieved`].
    #[must_use]
    pub fn open_sdg(ratio: Decimal) -> Category {
        match Category::eurostat(ratio) {
            Category::SignificantProgress => Category::SubstantialProgress,
            Category::ModerateProgress => Category::ModerateProgress,
            Category::InsufficientProgress => Category::LimitedProgress,
            _ => Category::Deterioration,
        }
    }

    /// The UN Statistics Division's level for a projection ratio: substantial
    /// progress (on track) ≥ 0.95 > moderate ≥ 0.50 > marginal ≥ 0.10 >
    /// stagnation ≥ −0.10 > regression. (Eustat's three levels merge
    /// moderate and marginal into "fair progress" and stagnation and
    /// regression into one.)
    ///
    /// Sources: **0.95 and 0.10** are UNSD's, *SDG Progress Chart 2023,
    /// Technical Note*, as reproduced by Eustat, *Measuring progress on the
    /// Sustainable Development Goals*, § 2.1 and § 2.3 ("≥ 0.95" on track or
    /// target met; "0.10 ≤ … < 0.95" fair progress; "< 0.10" stagnation or
    /// regression); UNSD's own text was not available to us. **0.50 and
    /// −0.10: no publisher's text found.** They are our reading of the five
    /// groups the UN Secretary-General names without numbers ("on track …
    /// minimal or moderate progress … stalled or even regressed",
    /// A/79/79-E/2024/54, 2024, para. 1); the same numbers appear only in
    /// third-party code (a UNDP front-end and a Python notebook), applied to
    /// the older growth-rate ratio `CAGR_a / CAGR_r` of UNSD's 2022 note, not
    /// to this projection ratio.
    #[must_use]
    pub fn unsd(ratio: Decimal) -> Category {
        if ratio >= Decimal::new(95, 2) {
            Category::SubstantialProgress
        } else if ratio >= Decimal::new(50, 2) {
            Category::ModerateProgress
        } else if ratio >= Decimal::new(10, 2) {
            Category::MarginalProgress
        } else if ratio >= Decimal::new(-10, 2) {
            Category::Stagnation
        } else {
            Category::Regression
        }
    }

    /// Destatis's weather symbol for the share of the remaining distance that
    /// the extrapolated trend covers by the deadline (1 − the shortfall):
    /// sun above 0.95 (reached, or missed by less than 5 %), partly cloudy
    /// from 0.80 to 0.95 (missed by at least 5 % and at most 20 %), cloudy
    /// above 0 (moving towards the target, missed by more than 20 %),
    /// thunderstorm at 0 or below (the distance stays or grows).
    ///
    /// Source: Destatis, DNS indicator platform, *Status der Indikatoren –
    /// Methodik* (dns-indikatoren.de/status, 2023; the same text in 2024),
    /// § "Indikatoren mit absoluten oder relativen Zielwerten": sun "um
    /// weniger als 5 % der Differenz zwischen Zielwert und aktuellem Wert
    /// verfehlt"; partly cloudy "um mindestens 5 %, aber maximal um 20 %";
    /// cloudy "in die gewünschte Richtung … um mehr als 20 %"; thunderstorm
    /// "Der Abstand zum Ziel ist konstant hoch oder vergrößert sich". A met
    /// target is judged before this by the direction of the mean change (see
    /// [`Category::Sun`] and [`Category::PartlyCloudy`]).
    #[must_use]
    pub fn destatis(covered: Decimal) -> Category {
        if covered > Decimal::new(95, 2) {
            Category::Sun
        } else if covered >= Decimal::new(80, 2) {
            Category::PartlyCloudy
        } else if covered > Decimal::ZERO {
            Category::Cloudy
        } else {
            Category::Thunderstorm
        }
    }

    /// ESCAP's current-status class (as implemented by UNICEF MENARO) for the
    /// share of the distance from the base to the target covered so far
    /// ([`share_of_distance_covered`](crate::progress::share_of_distance_covered)):
    /// above 0.9 on track, above 0 slow progress, else regression.
    ///
    /// Source: third-party code, not ESCAP's text. The cut-offs are UNICEF
    /// MENARO's implementation of ESCAP's current status index
    /// (`spalmas/SDG-MENARO`, `03_progress_assessment/progress_assessment.R`:
    /// `CS > 9` on track, `CS <= 0` regression, on a 0–10 scale); ESCAP's own
    /// class cut-offs were not found.
    #[must_use]
    pub fn escap_current_status(share_covered: Decimal) -> Category {
        if share_covered > Decimal::new(9, 1) {
            Category::OnTrack
        } else if share_covered > Decimal::ZERO {
            Category::SlowProgress
        } else {
            Category::Regression
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Category {
    type Err = Error;

    fn from_str(s: &str) -> Result<Category, Error> {
        by_name(&Category::ALL, Category::as_str, s, |s| {
            format!("{s} is not a progress category")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::progress::refusal::Refusal;
    use crate::model::method::Method;

    #[test]
    fn method_names_round_trip() {
        for m in Method::ALL {
            assert_eq!(m.to_string().parse::<Method>().unwrap(), m);
        }
        assert!("eurostat_cagr_0".parse::<Method>().is_err());
        assert!("eurostat_cagr_05".parse::<Method>().is_err());
        assert!("eurostat_cagr_51".parse::<Method>().is_err());
        for c in Category::ALL {
            assert_eq!(c.as_str().parse::<Category>().unwrap(), c);
        }
        for r in Refusal::ALL {
            assert_eq!(r.as_str().parse::<Refusal>().unwrap(), r);
        }
    }
}
