//! The built-in Viet Nam catalogue: the national digital-transformation
//! targets and the figures published against them.
//!
//! Enabled by the default feature `vn`.
//!
//! ```
//! use policy_targets::{vn, Evaluator, Status};
//! let catalogue = vn::catalogue();
//! let observations = vn::observations(&catalogue);
//! let evaluator = Evaluator::new(catalogue);
//! let as_of = policy_targets::parse_date("2026-11-28")?;
//! let evaluation = evaluator.evaluate(&observations, as_of)?;
//! let egdi = evaluation.get("qd749_2025_egdi_top70").unwrap();
//! assert_eq!(egdi.status(), Status::Missed); // 71st in the 2024 survey
//! # Ok::<(), policy_targets::Error>(())
//! ```
//!
//! # What is in it
//!
//! - [`catalogue`]: every quantitative target that the formats of this crate can express from
//!   Quyết định 749/QĐ-TTg (2020; 2025 and 2030 goals), Nghị quyết 17/NQ-CP
//!   (2019), Quyết định 942/QĐ-TTg (2021), Quyết định 06/QĐ-TTg (2022) and
//!   the action programmes of the Ministry of Information and Communications,
//!   with stable ids (depend on them), the instrument, date
//!   issued, section, and the clause in Vietnamese and English. Each target is
//!   tagged with its pillar (`digital_government`, `digital_economy`,
//!   `digital_society`), and where it applies `international_ranking`,
//!   `level:…`, `ministry_programme`, `proxy_series`, and `text:…` (where the
//!   Vietnamese wording came from).
//! - Indicators with Vietnamese and English names, kinds, cadences and
//!   publication lags that fit their publishers: the UN E-Government Survey
//!   is biennial (the 2024 edition closes a 2025 target once its lag has
//!   passed); statistics-office figures are annual and revised (every vintage
//!   is kept). The real breaks are recorded: the WEF Global Competitiveness
//!   Index stopped ranking after 2019, the old ITU ICT Development Index
//!   ended in 2017, the ITU Global Cybersecurity Index moved to tiers in
//!   2024, and "level 4" online services were replaced by "toàn trình"
//!   services in 2022. The two indices called GCI in Quyết định 749 are two
//!   indicators (`wef_gci_rank`, `itu_gci_rank`).
//! - [`observations`]: the published figures of normal or high confidence,
//!   each with its source, publication date and series. The statistics office
//!   (`gso`) and the ministry (`ministry`) publish different digital-economy
//!   shares: both are kept as series, and the targets are judged on the
//!   official `gso` one. Where a source gives only the month or year of
//!   publication, the last day of it is used, so that no evaluation sees a
//!   figure before it was public. [`observations_with_low_confidence`] adds
//!   the unverified figures, each noted `low confidence:`.
//! - [`draft_2018`]: the 2018 **draft** of Nghị quyết 17, which is not law,
//!   kept apart from the adopted targets.
//!
//! The JSON documents themselves are [`CATALOGUE_JSON`], [`OBSERVATIONS_JSON`],
//! [`LOW_CONFIDENCE_OBSERVATIONS_JSON`], [`UNITS_JSON`] and [`DRAFT_2018_JSON`].
//!
//! # Not evaluated yet
//!
//! Targets that the catalogue format cannot express honestly yet are not forced into a wrong
//! rule. They are listed here with the reason.
//!
#![doc = include_str!("../data/vn/NOT_EVALUATED.md")]

use crate::foundations::error::Error;
use crate::model::catalogue::Catalogue;
use crate::model::observation::Observations;
use crate::model::units::Units;

/// The built-in catalogue, as a `policy-targets/catalogue@1` document.
pub const CATALOGUE_JSON: &str = include_str!("../data/vn/catalogue.json");

/// The built-in observations of normal or high confidence.
pub const OBSERVATIONS_JSON: &str = include_str!("../data/vn/observations.json");

/// The low-confidence observations, kept out of the default data set.
pub const LOW_CONFIDENCE_OBSERVATIONS_JSON: &str =
    include_str!("../data/vn/observations_low_confidence.json");

/// The province-level units of Viet Nam before and after the 2025
/// reorganisation, as a `policy-targets/units@1` document (see [`units`]).
pub const UNITS_JSON: &str = include_str!("../data/vn/units.json");

/// The targets of the 2018 draft of Nghị quyết 17 (not law), with the same
/// indicators as [`CATALOGUE_JSON`].
pub const DRAFT_2018_JSON: &str = include_str!("../data/vn/draft_2018.json");

/// The built-in catalogue of adopted targets.
///
/// # Panics
/// Never: the built-in documents are checked by the crate's tests.
#[must_use]
pub fn catalogue() -> Catalogue {
    built_in(Catalogue::from_json(CATALOGUE_JSON))
}

/// Viet Nam's province-level units before and after 1 July 2025.
///
/// - `VN`, the country;
/// - the 63 provinces and centrally-run cities in force until 2025-06-30,
///   and the 34 from 2025-07-01 (Nghị quyết 202/2025/QH15). The 11 not
///   merged are one unit each, existing throughout (`VN-01`, Hà Nội). The 52
///   merged ones end on 2025-06-30 (`VN-15-until-2025-06-30`, Yên Bái) with
///   their successor; the 23 formed by merger start on 2025-07-01
///   (`VN-15-from-2025-07-01`, the new Lào Cai).
///
/// A merged province takes the statistics code of the predecessor that
/// hosts its administrative centre, so seven codes (15, 24, 44, 52, 80, 82,
/// 91) name different provinces before and after the merger: ids carry the
/// dates, and [`Unit::code`](crate::Unit::code) is only a label. Notes give the ISO
/// 3166-2 code (provisional after the merger: ISO has not updated Viet
/// Nam), the kind, the commune count and resolution of 2025-07-01, and the
/// 2026 upgrades to city status. Districts and communes are not included:
/// add your own units below these (a commune of 2025-07-01 has a province
/// of 2025-07-01 as parent).
///
/// ```
/// use policy_targets::{UnitLevel, parse_date, vn};
/// let units = vn::units();
/// let provinces = |day| units.on(parse_date(day).unwrap())
///     .filter(|u| u.level() == UnitLevel::Province).count();
/// assert_eq!(provinces("2025-06-30"), 63);
/// assert_eq!(provinces("2025-07-01"), 34);
/// let new_lao_cai = units.as_of("VN-10-until-2025-06-30", parse_date("2026-01-01")?).unwrap();
/// assert_eq!(new_lao_cai.id(), "VN-15-from-2025-07-01");
/// # Ok::<(), policy_targets::Error>(())
/// ```
///
/// # Panics
/// Never: the built-in documents are checked by the crate's tests.
#[must_use]
pub fn units() -> Units {
    built_in(Units::from_json(UNITS_JSON))
}

/// The targets of the 2018 draft of Nghị quyết 17, which never became law in
/// this form. Kept for comparison only.
///
/// # Panics
/// Never: the built-in documents are checked by the crate's tests.
#[must_use]
pub fn draft_2018() -> Catalogue {
    built_in(Catalogue::from_json(DRAFT_2018_JSON))
}

/// The built-in observations of normal or high confidence, checked against
/// `catalogue` (the built-in one, or one that extends it).
///
/// # Panics
/// If `catalogue` lacks one of the built-in indicators or defines it
/// otherwise; use [`Observations::from_json`] with [`OBSERVATIONS_JSON`] to
/// get an error instead.
#[must_use]
pub fn observations(catalogue: &Catalogue) -> Observations {
    built_in(Observations::from_json(OBSERVATIONS_JSON, catalogue))
}

/// The built-in observations including the low-confidence ones (their
/// `note` starts with `low confidence:`).
///
/// # Panics
/// As [`observations`].
#[must_use]
pub fn observations_with_low_confidence(catalogue: &Catalogue) -> Observations {
    built_in(Observations::from_json_documents(
        [OBSERVATIONS_JSON, LOW_CONFIDENCE_OBSERVATIONS_JSON],
        catalogue,
    ))
}

#[expect(
    clippy::panic,
    reason = "the built-in documents are checked by the crate's tests; a failure is a bug in the crate"
)]
fn built_in<T>(result: Result<T, Error>) -> T {
    match result {
        Ok(v) => v,
        Err(e) => panic!("the built-in Viet Nam data does not load (a bug in policy-targets): {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn built_in_documents_load() {
        let c = catalogue();
        assert!(c.targets().len() >= 40);
        let o = observations(&c);
        assert!(o.len() >= 80);
        let all = observations_with_low_confidence(&c);
        assert!(all.len() > o.len());
        assert!(
            all.iter()
                .filter(|x| x.note().is_some_and(|n| n.starts_with("low confidence:")))
                .count()
                >= 1
        );
        let d = draft_2018();
        let _ = observations(&d);
    }

    #[test]
    fn ids_are_unique_and_the_draft_is_apart() {
        let c = catalogue();
        let ids: HashSet<&str> = c.targets().iter().map(|t| t.id()).collect();
        assert_eq!(ids.len(), c.targets().len());
        for t in draft_2018().targets() {
            assert!(
                !ids.contains(t.id()),
                "draft target {} is in the adopted catalogue",
                t.id()
            );
        }
        assert!(
            c.targets()
                .iter()
                .all(|t| !t.tags().iter().any(|g| g == "draft"))
        );
    }

    #[test]
    fn every_target_has_its_legal_source() {
        for t in catalogue().targets() {
            let s = t
                .source()
                .unwrap_or_else(|| panic!("{} has no source", t.id()));
            assert!(s.instrument().is_some(), "{}", t.id());
            assert!(s.section().is_some(), "{}", t.id());
            assert!(s.text_en().is_some(), "{} has no English text", t.id());
        }
    }

    #[test]
    fn units_before_and_after_the_merger() {
        use crate::{UnitLevel, parse_date};
        let u = units();
        let on = |d: &str| {
            u.on(parse_date(d).unwrap())
                .filter(|x| x.level() == UnitLevel::Province)
                .map(|x| x.id().to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(on("2025-06-30").len(), 63);
        assert_eq!(on("2025-07-01").len(), 34);
        assert_eq!(on("2026-11-28").len(), 34);
        // Seven codes name different provinces before and after.
        let day = |d: &str| parse_date(d).unwrap();
        for code in ["15", "24", "44", "52", "80", "82", "91"] {
            let with_code = |d: &str| {
                u.on(day(d))
                    .filter(|x| x.code() == Some(code))
                    .map(|x| (x.id().to_owned(), x.names().vi().map(str::to_owned)))
                    .collect::<Vec<_>>()
            };
            let (before, after) = (with_code("2025-06-30"), with_code("2025-07-01"));
            assert_eq!((before.len(), after.len()), (1, 1), "code {code}");
            assert_ne!(before[0].0, after[0].0, "code {code}");
            assert_ne!(
                before[0].1, after[0].1,
                "code {code} names the same province"
            );
        }
        // Every merged predecessor maps to a unit of 2025-07-01; the 52 and the 23.
        let ended: Vec<_> = u
            .units()
            .iter()
            .filter(|x| x.existed_until().is_some())
            .collect();
        assert_eq!(ended.len(), 52);
        for x in &ended {
            let s = u.as_of(x.id(), day("2025-07-01")).unwrap();
            assert_eq!(s.existed_from(), Some(day("2025-07-01")), "{}", x.id());
        }
        let formed = u
            .units()
            .iter()
            .filter(|x| x.existed_from().is_some())
            .count();
        assert_eq!(formed, 23);
        let preds: usize = u
            .units()
            .iter()
            .filter(|x| x.existed_from().is_some())
            .map(|x| u.predecessors(x.id()).count())
            .sum();
        assert_eq!(preds, 52);
    }

    #[test]
    fn export_loads_back_identically() {
        let c = catalogue();
        let o = observations(&c);
        let c2 = Catalogue::from_json(&c.to_json()).unwrap();
        assert_eq!(c, c2);
        assert_eq!(Observations::from_json(&o.to_json(), &c2).unwrap(), o);
    }
}
