//! Reading the documents of one evaluation together (a catalogue, its
//! observations and, for targets at a level, the units), with the problems
//! of all of them in one report.

use std::io::{self, Read, Seek};

use crate::foundations::error::{Error, Problems};
use crate::model::catalogue::Catalogue;
use crate::model::observation::Observations;
use crate::model::units::Units;
use crate::model::validation::Faulty;
use crate::presentation::format::catalogue::read::parse_with_faulty;
use crate::presentation::format::flat::stream::PIECE;
use crate::presentation::format::observations::{
    parse as parse_observations, parse_owned as parse_observations_owned,
    parse_reader as parse_observations_reader,
};
use crate::presentation::format::units::parse as parse_units;

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
    let (catalogue, observations, _) = load_with_units(catalogue_json, observations_json, None)?;
    Ok((catalogue, observations))
}

/// Reads a catalogue, observations and, when given, a units document
/// together, reporting the problems of all three in one error (the units'
/// problems name the document `units`). With the `rayon` feature, a units
/// document of 1 MiB or more is read on another thread while the
/// observations are read (the same result). Without it, a program can read
/// the units on a thread of its own and still give this report: see
/// [`Error::followed_by`].
///
/// ```
/// let catalogue = r#"{"format": "policy-targets/catalogue@1", "indicators": [], "targets": []}"#;
/// let observations = r#"{"format": "policy-targets/observations@1", "observations": [{"colour": "red"}]}"#;
/// let units = r#"{"format": "policy-targets/units@1", "units": [{"id": "VN", "level": "country"}]}"#;
/// let err = policy_targets::format::load_with_units(catalogue, observations, Some(units)).unwrap_err();
/// let report = err.to_string();
/// assert!(report.contains("observations: observations[0].colour"), "{report}");
/// assert!(report.contains("units: units[0].level (VN, line 1, column 48)"), "{report}");
/// ```
///
/// # Errors
/// Every problem of any of the documents, each with its JSON path.
pub fn load_with_units(
    catalogue_json: &str,
    observations_json: &str,
    units_json: Option<&str>,
) -> Result<(Catalogue, Observations, Option<Units>), Error> {
    load_parts(catalogue_json, units_json, |catalogue, faulty, problems| {
        parse_observations(observations_json, catalogue, faulty, problems)
    })
}

/// As [`load_with_units`], taking the texts so as to free each as soon as
/// it has been read: the observations' text, much the largest, is gone
/// before the units are read, and the caller holds none of the texts while
/// the catalogue, observations and units are built from them. For three
/// million observations of a million units, 372 MB of text.
///
/// ```
/// let catalogue = r#"{"format": "policy-targets/catalogue@1", "indicators": [], "targets": []}"#;
/// let observations = r#"{"format": "policy-targets/observations@1", "observations": [{"colour": "red"}]}"#;
/// let units = r#"{"format": "policy-targets/units@1", "units": [{"id": "VN", "level": "country"}]}"#;
/// let err = policy_targets::format::load_with_units_owned(
///     catalogue.to_owned(),
///     observations.to_owned(),
///     Some(units.to_owned()),
/// )
/// .unwrap_err();
/// let report = err.to_string();
/// assert!(report.contains("observations: observations[0].colour"), "{report}");
/// assert!(report.contains("units: units[0].level (VN, line 1, column 48)"), "{report}");
/// ```
///
/// # Errors
/// Every problem of any of the documents, as [`load_with_units`] reports them.
pub fn load_with_units_owned(
    catalogue_json: String,
    observations_json: String,
    units_json: Option<String>,
) -> Result<(Catalogue, Observations, Option<Units>), Error> {
    load_parts(
        &catalogue_json,
        units_json.as_deref(),
        |catalogue, faulty, problems| {
            parse_observations_owned(observations_json, catalogue, faulty, problems)
        },
    )
}

/// As [`load_with_units`], reading the observations from `observations`
/// (a file, from where it stands to its end) as they arrive, so that their
/// text is never whole in memory: 372 MB for three million observations.
/// The usual document — one object with its `format` and its array of
/// flat observations — is read a few hundred kilobytes at a time; any
/// other is read again from its start, whole, so `observations` must seek.
/// With the `rayon` feature, a large document is read and scanned on a
/// thread of its own while its observations are checked. The results and
/// the problems are those of [`load_with_units`] on the same text.
///
/// ```
/// use std::io::Cursor;
/// let catalogue = r#"{"format": "policy-targets/catalogue@1",
///   "indicators": [{"id": "share", "kind": "percent"}], "targets": []}"#;
/// let observations = r#"{"format": "policy-targets/observations@1", "observations": [
///   {"indicator": "share", "unit": "VN", "period": "2025", "published": "2026-03-01", "value": 85},
///   {"indicator": "share", "unit": "VN", "period": "2024", "published": "2025-03-01", "value": 185}]}"#;
/// let read = policy_targets::format::load_with_units_from_reader(
///     catalogue,
///     &mut Cursor::new(observations),
///     None,
/// )?;
/// let err = read.unwrap_err();
/// assert!(err.to_string().starts_with("observations: observations[1].value (line 3, column 3): "), "{err}");
/// # Ok::<(), std::io::Error>(())
/// ```
///
/// # Errors
/// The reader's error, when it fails; else, inside, every problem of any
/// of the documents, as [`load_with_units`] reports them.
#[allow(
    clippy::type_complexity,
    reason = "the reader's error outside, the documents' inside: what load_with_units returns, read from a stream"
)]
pub fn load_with_units_from_reader<R: Read + Seek + Send>(
    catalogue_json: &str,
    observations: &mut R,
    units_json: Option<&str>,
) -> io::Result<Result<(Catalogue, Observations, Option<Units>), Error>> {
    let mut failed = None;
    let loaded = load_parts(catalogue_json, units_json, |catalogue, faulty, problems| {
        parse_observations_reader(observations, PIECE, catalogue, faulty, problems).unwrap_or_else(
            |e| {
                failed = Some(e);
                Observations::default()
            },
        )
    });
    match failed {
        Some(e) => Err(e),
        None => Ok(loaded),
    }
}

/// As [`load_with_units`], with the observations written as CSV (SPEC 2.5,
/// [`Observations::from_csv`]): their problems are at `row N, column NAME`.
///
/// ```
/// let catalogue = r#"{"format": "policy-targets/catalogue@1",
///   "indicators": [{"id": "share", "kind": "percent"}], "targets": []}"#;
/// let csv = "indicator,unit,period,published,value\nshare,VN,2025,2026-03-01,185\n";
/// let err = policy_targets::format::load_csv(catalogue, csv, None).unwrap_err();
/// assert!(err.to_string().starts_with("observations: row 2, column value: "), "{err}");
/// ```
///
/// # Errors
/// Every problem of any of the documents.
#[cfg_attr(docsrs, doc(cfg(feature = "csv")))]
#[cfg(feature = "csv")]
pub fn load_csv(
    catalogue_json: &str,
    observations_csv: &str,
    units_json: Option<&str>,
) -> Result<(Catalogue, Observations, Option<Units>), Error> {
    load_parts(catalogue_json, units_json, |catalogue, faulty, problems| {
        crate::presentation::format::observations_csv::parse_csv(
            observations_csv,
            catalogue,
            faulty,
            problems,
        )
    })
}

/// Reads a catalogue, the observations (by `observations`, from either
/// format) and the units, with the problems of all of them in one report.
/// With the `rayon` feature, a large units document is read on another
/// thread while the observations are read.
fn load_parts(
    catalogue_json: &str,
    units_json: Option<&str>,
    observations: impl FnOnce(&Catalogue, &Faulty, &mut Problems) -> Observations + Send,
) -> Result<(Catalogue, Observations, Option<Units>), Error> {
    let mut cat_problems = Problems::default();
    let (catalogue, faulty) = parse_with_faulty(catalogue_json, &mut cat_problems);
    let read_observations = || {
        let mut problems = Problems::default();
        let observations = observations(&catalogue, &faulty, &mut problems);
        (observations, problems)
    };
    let read_units = || {
        let mut problems = Problems::default();
        let units = units_json.map(|text| parse_units(text, &mut problems));
        (units, problems)
    };
    let together = units_json.is_some_and(|text| text.len() >= UNITS_READ_APART);
    let ((observations, obs_problems), (units, unit_problems)) = if together {
        both(read_observations, read_units)
    } else {
        (read_observations(), read_units())
    };
    let mut problems = cat_problems.in_document("catalogue");
    problems.extend(obs_problems.in_document("observations"));
    problems.extend(unit_problems.in_document("units"));
    problems.into_result()?;
    Ok((catalogue, observations, units))
}

/// A units document of at least this many bytes is read beside the
/// observations (with the `rayon` feature): a smaller one takes less time
/// than handing it to another thread.
const UNITS_READ_APART: usize = 1 << 20;

/// `a` and `b`, run on two threads with the `rayon` feature, one after the
/// other without it.
fn both<A: Send, B: Send>(a: impl FnOnce() -> A + Send, b: impl FnOnce() -> B + Send) -> (A, B) {
    #[cfg(feature = "rayon")]
    {
        rayon::join(a, b)
    }
    #[cfg(not(feature = "rayon"))]
    {
        (a(), b())
    }
}
