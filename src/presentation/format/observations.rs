//! The observations document (`policy-targets/observations@1`), read in one
//! pass (each observation checked and stored as it is met, never buffered)
//! and written.

use crate::presentation::format::json::Raw;
use serde::Serialize;
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};

use std::fmt;
use std::io::{self, Read, Seek, SeekFrom};

use crate::foundations::error::{Error, ErrorKind, Locator, Path, Problems};
use crate::foundations::pool;
use crate::foundations::text::format_date;
use crate::model::catalogue::Catalogue;
use crate::model::loader::{Item, Listing, Loader};
use crate::model::observation::Observations;
use crate::model::qualifier::Qualifier;
use crate::model::reading::Reading;
use crate::model::validation::{Faulty, NONE_FAULTY};
use crate::presentation::format::flat::read_flat;
use crate::presentation::format::flat::stream::{PIECE, read_flat_stream};
use crate::presentation::format::json::{
    ElementsSeed, Fields, KeyCheck, MAX_DOCUMENT_BYTES, Reader, check_format, check_size,
    checked_text, describe_json, not_valid_json, pretty, utf8_text,
};

/// The `format` of an observations document.
pub const OBSERVATIONS_FORMAT: &str = "policy-targets/observations@1";

impl Observations {
    /// Reads an observations document (`policy-targets/observations@1`),
    /// checking each observation against `catalogue`.
    ///
    /// # Errors
    /// Every problem found, each with its JSON path: malformed JSON, an
    /// unknown field, an unknown indicator, a value outside its kind's range,
    /// a ratio on an indicator that is not a percent, or two observations of
    /// the same thing published the same day with different values.
    pub fn from_json(text: &str, catalogue: &Catalogue) -> Result<Observations, Error> {
        let mut problems = Problems::default();
        let obs = parse(text, catalogue, &NONE_FAULTY, &mut problems);
        problems.into_result()?;
        Ok(obs)
    }

    /// Reads an observations document from `reader` (a file, from where it
    /// stands to its end) as [`Observations::from_json`] reads its text,
    /// without ever holding the whole text: see
    /// [`load_with_units_from_reader`](crate::format::load_with_units_from_reader).
    ///
    /// ```
    /// use policy_targets::{Catalogue, Observations};
    /// let catalogue = Catalogue::from_json(r#"{"format": "policy-targets/catalogue@1",
    ///   "indicators": [{"id": "share", "kind": "percent"}], "targets": []}"#)?;
    /// let file = r#"{"format": "policy-targets/observations@1", "observations": [
    ///   {"indicator": "share", "unit": "VN", "period": "2025", "published": "2026-03-01", "value": 85}]}"#;
    /// let observations = Observations::from_json_reader(&mut std::io::Cursor::new(file), &catalogue)??;
    /// assert_eq!(observations.len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// The reader's error, when it fails; else, inside, the problems
    /// [`Observations::from_json`] reports for the same text.
    pub fn from_json_reader<R: Read + Seek + Send>(
        reader: &mut R,
        catalogue: &Catalogue,
    ) -> io::Result<Result<Observations, Error>> {
        let mut problems = Problems::default();
        let obs = parse_reader(reader, PIECE, catalogue, &NONE_FAULTY, &mut problems)?;
        Ok(problems.into_result().map(|()| obs))
    }

    /// Reads several observations documents into one set, as if their
    /// observations were one list: revisions and duplicates across documents
    /// are handled as within one, and conflicts across them are reported.
    /// Use it to add an agency's own figures to published ones.
    ///
    /// Paths of problems in the second and later documents start with
    /// `documents[i].` (counting from 0).
    ///
    /// # Errors
    /// As [`Observations::from_json`], for every document.
    pub fn from_json_documents<'t>(
        documents: impl IntoIterator<Item = &'t str>,
        catalogue: &Catalogue,
    ) -> Result<Observations, Error> {
        let mut problems = Problems::default();
        let mut loader = Loader::new(catalogue, &NONE_FAULTY);
        for (i, text) in documents.into_iter().enumerate() {
            let prefix = if i == 0 {
                String::new()
            } else {
                format!("documents[{i}]")
            };
            if i > 0 {
                loader
                    .arrays
                    .push(Listing::Array(format!("{prefix}.observations")));
            }
            read_document_into(
                text,
                &mut loader,
                if i == 0 { "" } else { &prefix },
                &mut problems,
            );
        }
        let obs = loader.finish(&mut problems);
        problems.into_result()?;
        Ok(obs)
    }
}

/// The fields of an observation, in JSON and as the columns of CSV.
pub(crate) const OBSERVATION_FIELDS: [&str; 11] = [
    "indicator",
    "unit",
    "period",
    "published",
    "value",
    "qualifier",
    "numerator",
    "denominator",
    "series",
    "source",
    "note",
];

/// Reads one observation, element `index` of the `observations` array or a
/// row of a CSV document (SPEC 2.5), whose problems are reported at `path`:
/// the one reading of an observation's fields, whatever the format.
pub(crate) fn read_observation(
    loader: &mut Loader<'_>,
    f: &Fields<'_, 11>,
    path: Path<'_>,
    index: usize,
    problems: &mut Problems,
) {
    let mut r = Reader { problems };
    // In the order of OBSERVATION_FIELDS.
    let [
        indicator,
        unit,
        period,
        published,
        value,
        qualifier,
        numerator,
        denominator,
        series,
        source,
        note,
    ] = f.values();
    let indicator = r.required_string(indicator, path, "indicator");
    let unit = r.required_string(unit, path, "unit");
    // Read once for a run of figures of one period, published on one day.
    let period = match period {
        Some(raw) => loader
            .last_period
            .read(raw.get(), || r.period(raw, || path.field("period"))),
        None => r.required_period(None, path, "period"),
    };
    let published = match published {
        Some(raw) => loader
            .last_published
            .read(raw.get(), || r.date(raw, || path.field("published"))),
        None => r.required_date(None, path, "published"),
    };
    let series = r.optional_string(series, path, "series");
    let source = r.optional_string(source, path, "source");
    let note = r.optional_string(note, path, "note");
    let qualifier = qualifier.map(|v| r.named::<Qualifier>(Some(v), || path.field("qualifier")));
    let reading = match (value, numerator, denominator) {
        (Some(v), None, None) => r.decimal(v, || path.field("value")).map(Reading::Value),
        (None, Some(n), Some(d)) => {
            let n = r.whole(n, || path.field("numerator"));
            let d = r.whole(d, || path.field("denominator"));
            n.zip(d).map(|(numerator, denominator)| Reading::Ratio {
                numerator,
                denominator,
            })
        }
        (Some(_), _, _) => {
            r.problems.push(
                ErrorKind::InvalidValue,
                path.field("value"),
                "give either value or numerator and denominator, not both",
            );
            None
        }
        (None, Some(_), None) => {
            r.problems.push(
                ErrorKind::MissingField,
                path.field("denominator"),
                "a numerator needs a denominator",
            );
            None
        }
        (None, None, Some(_)) => {
            r.problems.push(
                ErrorKind::MissingField,
                path.field("numerator"),
                "a denominator needs a numerator",
            );
            None
        }
        (None, None, None) => {
            r.problems.push(
                ErrorKind::MissingField,
                path.field("value"),
                "an observation needs a value, or a numerator and a denominator",
            );
            None
        }
    };
    let (
        Some(indicator),
        Some(unit),
        Some(period),
        Some(published),
        Some(reading),
        None | Some(Some(_)),
    ) = (indicator, unit, period, published, reading, qualifier)
    else {
        // Still check the indicator, so that an unknown one is reported too.
        return;
    };
    let item = Item {
        indicator: &indicator,
        kind: None,
        unit: &unit,
        period,
        published,
        reading,
        qualifier: qualifier.flatten(),
        series: series.as_deref(),
        source: source.as_deref(),
        note: note.as_deref(),
    };
    loader.check_and_add(item, index, path, r.problems);
}

/// Reads element `i` of the `observations` array, whose problems (listed
/// after the first `mark`) are placed where the element starts.
fn read_element(
    loader: &mut Loader<'_>,
    locator: &mut Locator<'_>,
    i: usize,
    f: &Fields<'_, 11>,
    mark: usize,
    problems: &mut Problems,
) {
    read_observation(loader, f, Path::at("observations", i), i, problems);
    if problems.listed() > mark {
        let location = f.location(locator);
        problems.name_entries(mark, "observations", |_| (None, location));
    }
}

/// Reads an observations document against `catalogue`. `faulty` lists
/// indicators that exist but were reported faulty, whose observations are
/// skipped without a second report.
pub(crate) fn parse(
    text: &str,
    catalogue: &Catalogue,
    faulty: &Faulty,
    problems: &mut Problems,
) -> Observations {
    let mut loader = Loader::new(catalogue, faulty);
    read_document_into(text, &mut loader, "", problems);
    loader.finish(problems)
}

/// As [`parse`], taking the text so as to free it as soon as it has been
/// read, before the observations are sorted: with the `rayon` feature, a
/// large text (372 MB for three million figures) is given back to the
/// system on another thread, which takes a twentieth of a second.
pub(crate) fn parse_owned(
    text: String,
    catalogue: &Catalogue,
    faulty: &Faulty,
    problems: &mut Problems,
) -> Observations {
    let mut loader = Loader::new(catalogue, faulty);
    read_document_into(&text, &mut loader, "", problems);
    let size = text.len();
    pool::drop_aside(text, size, FREED_APART);
    loader.finish(problems)
}

/// With the `rayon` feature, a text of this many bytes or more is freed on
/// another thread.
const FREED_APART: usize = 64 << 20;

/// Reads an observations document from `reader`, from where it stands to
/// its end, as [`parse`] reads a text: the usual document a piece (of
/// `piece` bytes at least: `flat::stream::PIECE` but in tests) at a time as
/// it arrives (its whole text is never in memory), any other read
/// again from that place, whole, by the general reader (so `reader` must
/// seek).
///
/// # Errors
/// The reader's; the document's problems are in `problems`.
pub(crate) fn parse_reader<R: Read + Seek + Send>(
    reader: &mut R,
    piece: usize,
    catalogue: &Catalogue,
    faulty: &Faulty,
    problems: &mut Problems,
) -> io::Result<Observations> {
    let mut loader = Loader::new(catalogue, faulty);
    let start = reader.stream_position()?;
    let size = reader.seek(SeekFrom::End(0))?.saturating_sub(start);
    reader.seek(SeekFrom::Start(start))?;
    if let Err(m) = check_size(size) {
        problems.push(ErrorKind::OutOfRange, "", m);
        return Ok(loader.finish(problems));
    }
    let mark = loader.mark();
    let mut doc_problems = Problems::default();
    let streamed = read_flat_stream(
        reader,
        size,
        piece,
        "observations",
        &OBSERVATION_FIELDS,
        &mut doc_problems,
        |i, f, _, mark, problems, locator| read_element(&mut loader, locator, i, f, mark, problems),
    )?;
    if let Some(format) = streamed {
        if !check_format(
            format.as_deref().map(Raw::new),
            OBSERVATIONS_FORMAT,
            &mut doc_problems,
        ) {
            loader.undo(mark);
        }
        problems.extend(doc_problems);
        return Ok(loader.finish(problems));
    }
    // Not the usual document: read whole, from the start, by the readers
    // of a text (which say what is wrong where).
    loader.undo(mark);
    reader.seek(SeekFrom::Start(start))?;
    let limit = u64::try_from(MAX_DOCUMENT_BYTES).unwrap_or(u64::MAX);
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    let checked = check_size(u64::try_from(bytes.len()).unwrap_or(u64::MAX))
        .map_err(|m| (ErrorKind::OutOfRange, m))
        .and_then(|()| utf8_text(&bytes).map_err(|m| (ErrorKind::Syntax, m)));
    match checked {
        Ok(text) => read_document_into(text, &mut loader, "", problems),
        Err((kind, m)) => problems.push(kind, "", m),
    }
    Ok(loader.finish(problems))
}

/// Reads one observations document into `loader`; `prefix` is put before
/// the paths of its problems (`documents[1]`).
fn read_document_into(text: &str, loader: &mut Loader<'_>, prefix: &str, problems: &mut Problems) {
    let mut doc_problems = Problems::default();
    let mark = loader.mark();
    let ok = checked_text(text, &mut doc_problems)
        .is_some_and(|text| read_checked(text, loader, &mut doc_problems));
    if !ok {
        // Nothing of a document that is not one is kept.
        loader.undo(mark);
    }
    problems.extend(doc_problems.under(prefix));
}

/// Reads the text of a document; `false` when it is not an observations
/// document at all (not JSON, not an object, or another format).
fn read_checked(text: &str, loader: &mut Loader<'_>, problems: &mut Problems) -> bool {
    // The usual document, flat, is read by a scan of its own; any other,
    // after its observations so far are undone, by serde_json.
    let mark = loader.mark();
    let mut locator = Locator::new(text);
    let mut flat_problems = Problems::default();
    let flat = read_flat(
        text,
        "observations",
        &OBSERVATION_FIELDS,
        &mut flat_problems,
        |i, f, _, mark, problems| read_element(loader, &mut locator, i, f, mark, problems),
    );
    if let Some(format) = flat {
        problems.extend(flat_problems);
        return check_format(format, OBSERVATIONS_FORMAT, problems);
    }
    loader.undo(mark);
    read_general(text, loader, problems)
}

/// [`read_checked`] by serde_json, for any document.
fn read_general(text: &str, loader: &mut Loader<'_>, problems: &mut Problems) -> bool {
    if !text.trim_start().starts_with('{') {
        let message = match serde_json::from_str::<Raw<'_>>(text) {
            Ok(raw) => format!("expected an object, found {}", describe_json(raw.get())),
            Err(e) => not_valid_json(&e),
        };
        problems.push(ErrorKind::Syntax, "", message);
        return false;
    }
    let mut format: Option<Raw<'_>> = None;
    let mut de = serde_json::Deserializer::from_str(text);
    let result = DocumentSeed {
        loader: &mut *loader,
        format: &mut format,
        problems: &mut *problems,
        locator: Locator::new(text),
    }
    .deserialize(&mut de)
    .and_then(|()| de.end());
    match result {
        Err(e) => {
            problems.push(ErrorKind::Syntax, "", not_valid_json(&e));
            false
        }
        Ok(()) => check_format(format, OBSERVATIONS_FORMAT, problems),
    }
}

const DOCUMENT_FIELDS: [&str; 2] = ["format", "observations"];

/// The top-level object of an observations document, read in one pass: the
/// observations are checked and stored as they are met, never buffered.
struct DocumentSeed<'l, 'c, 'de> {
    loader: &'l mut Loader<'c>,
    format: &'l mut Option<Raw<'de>>,
    problems: &'l mut Problems,
    locator: Locator<'de>,
}

impl<'de> DeserializeSeed<'de> for DocumentSeed<'_, '_, 'de> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for DocumentSeed<'_, '_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an observations document (an object with `format` and `observations`)")
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        let mut keys = KeyCheck::new(&DOCUMENT_FIELDS, Path::new(""));
        let mut seen_observations = false;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match keys.check(&key, self.problems) {
                Some(0) => *self.format = Some(map.next_value()?),
                Some(_) => {
                    seen_observations = true;
                    let DocumentSeed {
                        loader,
                        locator,
                        problems,
                        ..
                    } = &mut self;
                    // Each observation checked and stored as it is met.
                    map.next_value_seed(ElementsSeed {
                        array: "observations",
                        names: &OBSERVATION_FIELDS,
                        problems,
                        each: |i, f: Option<&Fields<'de, 11>>, mark, problems: &mut Problems| {
                            if let Some(f) = f {
                                read_element(loader, locator, i, f, mark, problems);
                            }
                        },
                    })?;
                }
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        if !seen_observations {
            self.problems.push(
                ErrorKind::MissingField,
                "observations",
                "this field is required",
            );
        }
        Ok(())
    }
}

#[derive(Serialize)]
struct ObservationsOut<'a> {
    format: &'static str,
    observations: Vec<ObservationOut<'a>>,
}

#[derive(Serialize)]
struct ObservationOut<'a> {
    indicator: &'a str,
    unit: &'a str,
    period: String,
    published: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    qualifier: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    numerator: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    denominator: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    series: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
}

impl Observations {
    /// Writes the observations as a `policy-targets/observations@1` document.
    #[must_use]
    pub fn to_json(&self) -> String {
        pretty(&ObservationsOut {
            format: OBSERVATIONS_FORMAT,
            observations: self
                .iter()
                .map(|ob| {
                    let (value, numerator, denominator) = ob.reading().parts();
                    let value = value.map(|v| v.to_string());
                    ObservationOut {
                        indicator: ob.indicator(),
                        unit: ob.unit(),
                        period: ob.period().to_string(),
                        published: format_date(ob.published()),
                        value,
                        qualifier: ob.qualifier().map(Qualifier::as_str),
                        numerator,
                        denominator,
                        series: ob.series(),
                        source: ob.source(),
                        note: ob.note(),
                    }
                })
                .collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalogue() -> Catalogue {
        Catalogue::from_json(
            r#"{"format": "policy-targets/catalogue@1", "indicators": [{"id": "s", "kind": "percent"}], "targets": []}"#,
        )
        .unwrap()
    }

    fn doc(value: &str) -> String {
        format!(
            r#"{{"format": "policy-targets/observations@1", "observations": [
              {{"indicator": "s", "unit": "VN", "period": "2025", "published": "2026-01-01", "value": "{value}"}}]}}"#
        )
    }

    #[test]
    fn documents_merge_and_conflicts_across_them_are_reported() {
        let c = catalogue();
        let same =
            Observations::from_json_documents([doc("50").as_str(), doc("50.0").as_str()], &c)
                .unwrap();
        assert_eq!(same.len(), 1);
        let err = Observations::from_json_documents([doc("50").as_str(), doc("51").as_str()], &c)
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Conflict);
        assert!(
            err.to_string()
                .contains("documents[1].observations[0]: conflicts with observations[0]"),
            "{err}"
        );
        let err = Observations::from_json_documents([doc("50").as_str(), doc("500").as_str()], &c)
            .unwrap_err();
        assert_eq!(
            err.problems()[0].path(),
            "documents[1].observations[0].value"
        );
    }

    /// A period or a date given many times in a row is read once, but a
    /// bad one is reported every time, and each figure keeps its own.
    #[test]
    fn a_period_or_date_repeated_is_read_as_each_time() {
        let row = |unit: &str, period: &str, published: &str| {
            format!(
                r#"{{"indicator": "s", "unit": "{unit}", "period": "{period}", "published": "{published}", "value": "50"}}"#
            )
        };
        let rows = [
            row("A", "2025", "2026-01-01"),
            row("B", "2025", "2026-01-01"),
            row("C", "2025-13", "2026-01-01"),
            row("D", "2025-13", "2026-02-30"),
            row("E", "2024", "2026-02-30"),
            row("F", "2024", "2026-03-01"),
            row("G", "2025", "2026-03-01"),
        ];
        let text = format!(
            r#"{{"format": "policy-targets/observations@1", "observations": [{}]}}"#,
            rows.join(", ")
        );
        let err = Observations::from_json(&text, &catalogue()).unwrap_err();
        let paths: Vec<&str> = err.problems().iter().map(|p| p.path()).collect();
        assert_eq!(
            paths,
            [
                "observations[2].period",
                "observations[3].period",
                "observations[3].published",
                "observations[4].published"
            ]
        );
        let good: Vec<&str> = [0, 1, 5, 6].map(|i| rows[i].as_str()).to_vec();
        let text = format!(
            r#"{{"format": "policy-targets/observations@1", "observations": [{}]}}"#,
            good.join(", ")
        );
        let read = Observations::from_json(&text, &catalogue()).unwrap();
        let written: String = read.to_json().split_whitespace().collect();
        for expected in [
            r#""unit":"A","period":"2025","published":"2026-01-01""#,
            r#""unit":"B","period":"2025","published":"2026-01-01""#,
            r#""unit":"F","period":"2024","published":"2026-03-01""#,
            r#""unit":"G","period":"2025","published":"2026-03-01""#,
        ] {
            assert!(written.contains(expected), "{written}");
        }
    }
}

/// What a reader made of an observations document against `catalogue`:
/// the observations written out, or the problems with their places. Read
/// as [`Observations::from_json`] reads it, or with `general_only` by
/// serde_json alone, for tests and the fuzzer to compare the two.
#[cfg(any(test, fuzzing))]
pub(crate) fn read_against(text: &str, catalogue: &Catalogue, general_only: bool) -> String {
    let mut problems = Problems::default();
    let mut loader = Loader::new(catalogue, &NONE_FAULTY);
    let mark = loader.mark();
    let ok = if general_only {
        read_general(text, &mut loader, &mut problems)
    } else {
        read_checked(text, &mut loader, &mut problems)
    };
    if !ok {
        loader.undo(mark);
    }
    let obs = loader.finish(&mut problems);
    match problems.into_result() {
        Ok(()) => obs.to_json(),
        Err(e) => format!("{e:?}"),
    }
}

/// What [`parse`] makes of `bytes` (after [`utf8_text`], as a program
/// reading a file does), or with `stream` [`parse_reader`] reading them
/// from a stream standing `stream.0` bytes in, `stream.1` bytes a piece:
/// the observations written out, or the problems with their places. For
/// tests and the fuzzer to compare the two.
#[cfg(any(test, fuzzing))]
pub(crate) fn read_bytes_against(
    bytes: &[u8],
    catalogue: &Catalogue,
    stream: Option<(usize, usize)>,
) -> String {
    let mut problems = Problems::default();
    let obs = match stream {
        Some((from, piece)) => {
            let mut padded = vec![b'x'; from];
            padded.extend_from_slice(bytes);
            let mut reader = io::Cursor::new(padded);
            reader.set_position(u64::try_from(from).unwrap_or(u64::MAX));
            match parse_reader(&mut reader, piece, catalogue, &NONE_FAULTY, &mut problems) {
                Ok(obs) => obs,
                Err(e) => return format!("the reader failed: {e}"),
            }
        }
        None => match utf8_text(bytes) {
            Ok(text) => parse(text, catalogue, &NONE_FAULTY, &mut problems),
            Err(m) => {
                problems.push(ErrorKind::Syntax, "", m);
                parse("", catalogue, &NONE_FAULTY, &mut Problems::default())
            }
        },
    };
    match problems.into_result() {
        Ok(()) => obs.to_json(),
        Err(e) => format!("{e:?}"),
    }
}

/// Each observations document of the case files with its catalogue, as
/// written in them and pretty-printed, handed to `read`.
#[cfg(test)]
fn case_documents(read: &mut impl FnMut(&str, &Catalogue)) {
    for case in crate::presentation::format::flat::generated::case_files() {
        let (Some(c), Some(obs)) = (case.get("catalogue"), case.get("observations")) else {
            continue;
        };
        let Ok(catalogue) = Catalogue::from_json(&c.to_string()) else {
            continue;
        };
        read(&serde_json::to_string_pretty(obs).unwrap(), &catalogue);
        read(&obs.to_string(), &catalogue);
    }
}

/// The fast reader of flat documents and serde_json's give the same
/// observations and the same problems, whatever the text.
#[cfg(test)]
#[allow(
    clippy::arithmetic_side_effects,
    reason = "small counts of a test's own making"
)]
mod flat_equals_general {
    use super::*;
    use crate::presentation::format::flat::generated::{self, Shape};
    use proptest::prelude::*;

    /// What a reader made of `text`: the observations written out, or the
    /// problems with their places.
    fn read(text: &str, general_only: bool) -> String {
        let catalogue = Catalogue::from_json(
            r#"{"format": "policy-targets/catalogue@1", "indicators": [{"id": "s", "kind": "percent"}, {"id": "n", "kind": "count"}], "targets": []}"#,
        )
        .unwrap();
        read_against(text, &catalogue, general_only)
    }

    /// The shape of an observations document, for the generator.
    const SHAPE: Shape = Shape {
        format: "policy-targets/observations@1",
        array: "observations",
        fields: &[
            ("indicator", &["\"s\"", "\"n\"", "\"s\""]),
            ("unit", &["\"VN\"", "\"HN\""]),
            ("period", &["\"2024\"", "\"2025\"", "\"2025-06\""]),
            ("published", &["\"2026-01-01\""]),
            ("value", &["\"50\"", "40", "\"80.5\"", "7"]),
        ],
        before: &[],
        extra_keys: &[
            "numerator",
            "denominator",
            "qualifier",
            "qualifier",
            "series",
            "source",
            "note",
            "note",
            "colour",
            "unit",
        ],
    };

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        #[test]
        fn on_any_document(choices in prop::collection::vec(any::<u8>(), 0..120), cut in any::<prop::sample::Index>(), whole in any::<bool>()) {
            let text = generated::cut(SHAPE.document(&choices), cut, whole);
            prop_assert_eq!(read(&text, false), read(&text, true), "{}", text);
        }
    }

    #[test]
    fn on_the_fixtures_and_the_built_in_figures() {
        let mut read = 0;
        let mut both = |text: &str, catalogue: &Catalogue| {
            let flat = read_against(text, catalogue, false);
            assert_eq!(flat, read_against(text, catalogue, true), "{text}");
            read += 1;
        };
        #[cfg(feature = "vn")]
        {
            let vn = Catalogue::from_json(crate::vn::CATALOGUE_JSON).unwrap();
            // The built-in figures are of the usual shape: the fast reader
            // reads them.
            let whole = read_flat(
                crate::vn::OBSERVATIONS_JSON,
                "observations",
                &OBSERVATION_FIELDS,
                &mut Problems::default(),
                |_, _, _, _, _| {},
            );
            assert!(whole.is_some());
            both(crate::vn::OBSERVATIONS_JSON, &vn);
            both(crate::vn::LOW_CONFIDENCE_OBSERVATIONS_JSON, &vn);
        }
        case_documents(&mut both);
        assert!(read > 100, "{read}");
    }
}

/// Reading a document from a stream, a piece at a time, gives the
/// observations and the problems (their places included) of reading its
/// whole text, whatever the text and wherever the pieces end.
#[cfg(test)]
mod stream_equals_text {
    use super::*;
    use crate::presentation::format::flat::generated::{self, Shape};
    use proptest::prelude::*;
    use std::io::Cursor;

    fn catalogue() -> Catalogue {
        Catalogue::from_json(
            r#"{"format": "policy-targets/catalogue@1", "indicators": [{"id": "s", "kind": "percent"}, {"id": "n", "kind": "count"}], "targets": []}"#,
        )
        .unwrap()
    }

    /// What was read, as `read_against` tells it.
    fn from_text(bytes: &[u8], catalogue: &Catalogue) -> String {
        read_bytes_against(bytes, catalogue, None)
    }

    /// Read from a stream, from byte `from` of `bytes` on (what is before
    /// is not the document's), `piece` bytes at a time.
    fn from_stream(bytes: &[u8], from: usize, piece: usize, catalogue: &Catalogue) -> String {
        read_bytes_against(bytes, catalogue, Some((from, piece)))
    }

    const SHAPE: Shape = Shape {
        format: "policy-targets/observations@1",
        array: "observations",
        fields: &[
            ("indicator", &["\"s\"", "\"n\"", "\"s\""]),
            ("unit", &["\"VN\"", "\"HN\"", "\"Hà Nội\"", "\"H\\u00e0\""]),
            ("period", &["\"2024\"", "\"2025\"", "\"2025-06\""]),
            ("published", &["\"2026-01-01\""]),
            ("value", &["\"50\"", "40", "\"80.5\"", "7", "170"]),
        ],
        before: &[],
        extra_keys: &[
            "numerator",
            "denominator",
            "source",
            "note",
            "colour",
            "unit",
        ],
    };

    proptest! {
        #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

        #[test]
        fn on_any_document(
            choices in prop::collection::vec(any::<u8>(), 0..120),
            cut in any::<prop::sample::Index>(),
            whole in any::<bool>(),
            lines in any::<bool>(),
            piece in 1usize..80,
            from in 0usize..3,
        ) {
            let mut text = generated::cut(SHAPE.document(&choices), cut, whole);
            if lines {
                // Elements on lines of their own, so that a place's line
                // and column are counted on from piece to piece.
                text = text.replace("},", "},\n  ").replace(", \"", ",\n \"");
            }
            // The stream gives up where the whole text does, and gives the
            // same elements in the same places when it does not.
            prop_assert_eq!(elements_streamed(&text, piece), elements_whole(&text), "{}", text);
            let catalogue = catalogue();
            let whole_text = from_text(text.as_bytes(), &catalogue);
            prop_assert_eq!(from_stream(text.as_bytes(), from, piece, &catalogue), whole_text.clone(), "{}", text);
            // With a byte-order mark (two are not one), and a byte that is
            // not UTF-8 after it.
            let mut twice = "\u{feff}\u{feff}".as_bytes().to_vec();
            twice.extend_from_slice(text.as_bytes());
            prop_assert_eq!(from_stream(&twice, from, piece, &catalogue), from_text(&twice, &catalogue));
            let mut marked = "\u{feff}".as_bytes().to_vec();
            marked.extend_from_slice(text.as_bytes());
            prop_assert_eq!(from_stream(&marked, from, piece, &catalogue), from_text(&marked, &catalogue));
            let at = cut.index(marked.len().saturating_add(1));
            marked.insert(at, 0xff);
            prop_assert_eq!(from_stream(&marked, from, piece, &catalogue), from_text(&marked, &catalogue));
        }
    }

    #[test]
    fn on_the_fixtures_and_the_built_in_figures() {
        let mut read = 0;
        let mut both = |text: &str, catalogue: &Catalogue| {
            let whole = from_text(text.as_bytes(), catalogue);
            for piece in [1, 7, 64, 4096, PIECE_OF_TESTS] {
                assert_eq!(
                    from_stream(text.as_bytes(), 0, piece, catalogue),
                    whole,
                    "{piece}: {text}"
                );
            }
            read += 1;
        };
        #[cfg(feature = "vn")]
        {
            let vn = Catalogue::from_json(crate::vn::CATALOGUE_JSON).unwrap();
            both(crate::vn::OBSERVATIONS_JSON, &vn);
            both(crate::vn::LOW_CONFIDENCE_OBSERVATIONS_JSON, &vn);
        }
        case_documents(&mut both);
        assert!(read > 100, "{read}");
    }

    const PIECE_OF_TESTS: usize = 1 << 20;

    /// The elements a reader gives, each as its index, text and the line
    /// where its object starts.
    fn elements_streamed(text: &str, piece: usize) -> Option<(Option<String>, Vec<String>)> {
        let mut seen = Vec::new();
        let format = read_flat_stream(
            &mut Cursor::new(text),
            text.len() as u64,
            piece,
            "observations",
            &OBSERVATION_FIELDS,
            &mut Problems::default(),
            |i, f, element, _, _, locator| {
                let at = f.location(locator).map(|at| (at.line, at.column));
                seen.push(format!("{i} {} {at:?}", element.get()));
            },
        )
        .unwrap()?;
        Some((format, seen))
    }

    /// [`elements_streamed`] from a whole text, by [`read_flat`].
    fn elements_whole(text: &str) -> Option<(Option<String>, Vec<String>)> {
        let mut locator = Locator::new(text);
        let mut seen = Vec::new();
        let format = read_flat(
            text,
            "observations",
            &OBSERVATION_FIELDS,
            &mut Problems::default(),
            |i, f, element, _, _| {
                let at = f.location(&mut locator).map(|at| (at.line, at.column));
                seen.push(format!("{i} {} {at:?}", element.get()));
            },
        )?;
        Some((format.map(|f| f.get().to_owned()), seen))
    }

    /// A document whose start or first element is not of the usual shape
    /// is given up on after a few pieces, not read to its end first.
    #[test]
    fn a_stream_not_of_the_usual_shape_is_given_up_on_early() {
        let good = r#"{"indicator": "s", "unit": "VN", "period": "2025", "published": "2026-01-01", "value": 50}"#;
        let rest = vec![good; 60_000].join(", ");
        for text in [
            format!(r#"{{"format": "f", "observations": [{{"colour": 1}}, {rest}]}}"#),
            format!(
                r#"{{"format": "f", "observations": [{rest}, {{"unit": 1, "unit": 2}}, {rest}]}}"#
            ),
            format!(
                r#"{{"colour": "{}", "observations": [{rest}]}}"#,
                "x".repeat(3 << 20)
            ),
        ] {
            let mut reader = Cursor::new(text.as_bytes());
            let read = read_flat_stream(
                &mut reader,
                text.len() as u64,
                PIECE,
                "observations",
                &OBSERVATION_FIELDS,
                &mut Problems::default(),
                |_, _, _, _, _, _| {},
            )
            .unwrap();
            assert_eq!(read, None);
            let bad = text.find("colour").or(text.find(r#""unit": 2"#)).unwrap();
            let read_to = reader.position() as usize;
            // A mebibyte past the bad part, read in pieces that double.
            assert!(read_to < bad + (3 << 20), "{read_to} of {}", text.len());
        }
    }

    #[test]
    fn a_usual_document_is_read_from_the_stream_with_its_places() {
        let text = "{\"format\": \"policy-targets/observations@1\", \"observations\": [\n  {\"indicator\": \"s\", \"unit\": \"Hà Nội\", \"period\": \"2025\", \"published\": \"2026-01-01\", \"value\": 50},\n  {\"unit\": \"VN\", \"indicator\": \"n\", \"period\": \"2025\", \"published\": \"2026-01-01\", \"value\": 7},   {\"indicator\": \"s\", \"unit\": \"HN\", \"period\": \"2024\", \"published\": \"2026-01-01\", \"value\": \"80.5\"}\n]}";
        let (_, expected) = elements_whole(text).unwrap();
        assert_eq!(expected.len(), 3);
        assert!(expected[2].ends_with(" Some((3, 96))"), "{expected:?}");
        for piece in 1..text.len() + 2 {
            let (format, seen) = elements_streamed(text, piece).unwrap();
            assert_eq!(format.as_deref(), Some("\"policy-targets/observations@1\""));
            assert_eq!(seen, expected, "{piece}");
        }
        // The format after the array, and a stream that is not the usual
        // shape: a second array, or a key the reader does not know.
        let after = "{\"observations\": [], \"format\": \"x\"}";
        assert_eq!(
            elements_streamed(after, 3),
            Some((Some("\"x\"".to_owned()), vec![]))
        );
        for other in [
            "{\"observations\": [], \"observations\": []}",
            "{\"format\": \"x\", \"format\": \"x\", \"observations\": []}",
            "{\"observations\": [{\"colour\": 1}]}",
            "{\"observations\": [{}]} x",
            "{\"observations\": [{}]",
        ] {
            for piece in [1, 5, 100] {
                assert_eq!(elements_streamed(other, piece), None, "{other}");
            }
        }
    }
}
