//! Reading a catalogue and its observations together, with the problems of
//! both in one report.

use crate::foundations::error::{Error, Problems};
use crate::model::catalogue::Catalogue;
use crate::model::observation::Observations;
use crate::presentation::format::catalogue::read::parse_with_faulty;
use crate::presentation::format::observations::parse as parse_observations;

/// Reads a catalogue and observations together, reporting the problems of
/// both in one error.
///
/// Observations are checked against the catalogue's indicators even when
/// some targets are faulty, so one run reports everything that is wrong.
/// Each problem names its document ([`Problem::document`](crate::Problem::document)): paths are those
/// of each document (`targets[1].rule` in the catalogue, `observations[0].value`
/// in the observations).
///
/// # Errors
/// Every problem of either document, each with its JSON path.
pub fn load(
    catalogue_json: &str,
    observations_json: &str,
) -> Result<(Catalogue, Observations), Error> {
    let mut cat_problems = Problems::default();
    let (catalogue, faulty) = parse_with_faulty(catalogue_json, &mut cat_problems);
    let mut obs_problems = Problems::default();
    let observations =
        parse_observations(observations_json, &catalogue, &faulty, &mut obs_problems);
    let mut problems = cat_problems.in_document("catalogue");
    problems.extend(obs_problems.in_document("observations"));
    problems.into_result()?;
    Ok((catalogue, observations))
}
