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
//! [`LOW_CONFIDENCE_OBSERVATIONS_JSON`] and [`DRAFT_2018_JSON`].
//!
//! # Not evaluated yet
//!
//! Targets that the catalogue format cannot express honestly yet are not forced into a wrong
//! rule. They are listed here with the reason.
//!
#![doc = include_str!("../data/vn/NOT_EVALUATED.md")]

use crate::{Catalogue, Observations};

/// The built-in catalogue, as a `policy-targets/catalogue@1` document.
pub const CATALOGUE_JSON: &str = include_str!("../data/vn/catalogue.json");

/// The built-in observations of normal or high confidence.
pub const OBSERVATIONS_JSON: &str = include_str!("../data/vn/observations.json");

/// The low-confidence observations, kept out of the default data set.
pub const LOW_CONFIDENCE_OBSERVATIONS_JSON: &str =
    include_str!("../data/vn/observations_low_confidence.json");

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
fn built_in<T>(result: Result<T, crate::Error>) -> T {
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
    fn export_loads_back_identically() {
        let c = catalogue();
        let o = observations(&c);
        let c2 = Catalogue::from_json(&c.to_json()).unwrap();
        assert_eq!(c, c2);
        assert_eq!(Observations::from_json(&o.to_json(), &c2).unwrap(), o);
    }
}
