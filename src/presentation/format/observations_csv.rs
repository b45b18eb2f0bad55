//! Observations as CSV (SPEC 2.5), read and written: figures saved from a
//! spreadsheet. Each row is read into the fields of an observation and
//! checked by the JSON reader's own code ([`read_observation`]), so that a
//! row means exactly what the same fields mean in JSON.

use crate::presentation::format::json::Raw;

use crate::foundations::error::{Error, ErrorKind, Location, Path, Problems};
use crate::foundations::text::{format_date, quoted};
use crate::model::catalogue::Catalogue;
use crate::model::loader::{Listing, Loader};
use crate::model::observation::Observations;
use crate::model::qualifier::Qualifier;
use crate::model::validation::{Faulty, NONE_FAULTY};
use crate::presentation::format::json::{Fields, KeyCheck, checked_text};
use crate::presentation::format::observations::{OBSERVATION_FIELDS, read_observation};

/// The columns a CSV document must have: an observation's required fields.
const REQUIRED_COLUMNS: [&str; 4] = ["indicator", "unit", "period", "published"];

impl Observations {
    /// Reads observations written as CSV (SPEC 2.5), checking each row
    /// against `catalogue` exactly as [`Observations::from_json`] checks an
    /// observation.
    ///
    /// The first row names the columns, in any order, from `indicator`,
    /// `unit`, `period`, `published`, `value`, `qualifier`, `numerator`,
    /// `denominator`, `series`, `source` and `note`; the first four are
    /// required. An empty cell is an absent field. A UTF-8 byte-order mark
    /// at the start (as a spreadsheet writes "CSV UTF-8") is skipped, and so
    /// is a row whose every cell is empty (a spreadsheet's blank line).
    ///
    /// ```
    /// use policy_targets::{Catalogue, Observations};
    /// let catalogue = Catalogue::from_json(r#"{"format": "policy-targets/catalogue@1",
    ///   "indicators": [{"id": "share", "kind": "percent"}], "targets": []}"#)?;
    /// let csv = "indicator,unit,period,published,value\nshare,VN,2025,2026-03-01,85.1\n";
    /// assert_eq!(Observations::from_csv(csv, &catalogue)?.len(), 1);
    ///
    /// let err = Observations::from_csv("indicator,unit,period,published,value\nshare,VN,2025,2026-03-01,\"85,1\"\n", &catalogue).unwrap_err();
    /// assert_eq!(err.problems()[0].path(), "row 2, column value");
    /// assert!(err.to_string().contains("write `85.1`"), "{err}");
    /// # Ok::<(), policy_targets::Error>(())
    /// ```
    ///
    /// # Errors
    /// Every problem found, each at `row N, column NAME` (the header being
    /// row 1): a missing required column, an unknown or repeated column, a
    /// row with more or fewer cells than the header, and every problem
    /// [`Observations::from_json`] reports of an observation's fields (a
    /// decimal written with a comma, `85,1`, says to write `85.1`). A
    /// problem in a row that does not start on the line of its number (a
    /// cell before it holds a line break, or blank lines were skipped) also
    /// gives its line.
    #[cfg_attr(docsrs, doc(cfg(feature = "csv")))]
    pub fn from_csv(text: &str, catalogue: &Catalogue) -> Result<Observations, Error> {
        let mut problems = Problems::default();
        let obs = parse_csv(text, catalogue, &NONE_FAULTY, &mut problems);
        problems.into_result()?;
        Ok(obs)
    }

    /// Writes the observations as CSV (SPEC 2.5) with every column, in the
    /// order of the specification, rows ended by CRLF (RFC 4180): what
    /// [`Observations::from_csv`] reads back the same, and a spreadsheet
    /// opens. Cells hold the text as it is (a `note` starting with `=` is
    /// shown by some spreadsheets as a formula).
    #[must_use]
    #[cfg_attr(docsrs, doc(cfg(feature = "csv")))]
    pub fn to_csv(&self) -> String {
        write_csv(self).unwrap_or_default()
    }
}

/// The rows of `observations`, or an error of the writer (which, writing
/// into memory, has none to give).
fn write_csv(observations: &Observations) -> Result<String, ::csv::Error> {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    w.write_record(OBSERVATION_FIELDS)?;
    for ob in observations.iter() {
        let (value, numerator, denominator) = ob.reading().parts();
        let value = value.map(|v| v.to_string());
        let text = |v: Option<&str>| v.unwrap_or_default().to_owned();
        let number = |n: Option<u64>| n.map(|n| n.to_string()).unwrap_or_default();
        w.write_record([
            ob.indicator().to_owned(),
            ob.unit().to_owned(),
            ob.period().to_string(),
            format_date(ob.published()),
            value.unwrap_or_default(),
            text(ob.qualifier().map(Qualifier::as_str)),
            number(numerator),
            number(denominator),
            text(ob.series()),
            text(ob.source()),
            text(ob.note()),
        ])?;
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8(bytes).unwrap_or_default())
}

/// Reads a CSV observations document against `catalogue`; `faulty` as in
/// [`crate::presentation::format::observations::parse`].
pub(crate) fn parse_csv(
    text: &str,
    catalogue: &Catalogue,
    faulty: &Faulty,
    problems: &mut Problems,
) -> Observations {
    let mut loader = Loader::new(catalogue, faulty);
    loader.arrays = vec![Listing::Rows];
    if !read_rows(text, &mut loader, problems) {
        // Nothing of a document that is not one is kept.
        loader.obs.clear();
    }
    loader.finish(problems)
}

/// Reads the rows of `text` into `loader`; `false` when the document could
/// not be read as observations at all (no header, a missing column).
fn read_rows(text: &str, loader: &mut Loader<'_>, problems: &mut Problems) -> bool {
    let Some(text) = checked_text(text, problems) else {
        return false;
    };
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut record = ::csv::StringRecord::new();
    match reader.read_record(&mut record) {
        Ok(true) => {}
        Ok(false) => {
            problems.push(
                ErrorKind::Syntax,
                "",
                format!(
                    "the document is empty: expected a header row naming the columns, such as `{}`",
                    OBSERVATION_FIELDS.join(",")
                ),
            );
            return false;
        }
        Err(e) => {
            problems.push(ErrorKind::Syntax, "row 1", csv_message(&e));
            return false;
        }
    }
    let Some(columns) = read_header(&record, problems) else {
        return false;
    };
    let mut row = 1usize;
    let mut lines = LineCounter::new(text);
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => return true,
            Err(e) => {
                let path = Path::row(row.saturating_add(1));
                problems.push(ErrorKind::Syntax, path.to_string(), csv_message(&e));
                return false;
            }
        }
        row = row.saturating_add(1);
        let path = Path::row(row);
        let mark = problems.listed();
        read_row(&record, &columns, path, row, loader, problems);
        // The line the row starts on, counted here from the byte offset
        // (the csv crate's own count falls behind on CRLF line ends, which
        // every spreadsheet writes), one stretch of text per row.
        let line = record
            .position()
            .and_then(|p| usize::try_from(p.byte()).ok())
            .map(|byte| lines.to(byte));
        if let Some(line) = line.filter(|&l| l != row)
            && problems.listed() > mark
        {
            problems.locate_since(mark, Location { line, column: 1 });
        }
    }
}

/// The line number of a byte offset, counted forward from the last offset
/// asked (the offsets come in increasing order): linear in the text.
struct LineCounter<'t> {
    text: &'t [u8],
    byte: usize,
    line: usize,
}

impl<'t> LineCounter<'t> {
    fn new(text: &'t str) -> Self {
        LineCounter {
            text: text.as_bytes(),
            byte: 0,
            line: 1,
        }
    }

    /// The line (from 1) of the first byte at or after `byte` that is not a
    /// line end: the csv crate places a record after a CRLF's `\r`, or
    /// before the blank lines it skips.
    fn to(&mut self, byte: usize) -> usize {
        let skipped = self
            .text
            .get(byte..)
            .unwrap_or_default()
            .iter()
            .take_while(|&&b| b == b'\r' || b == b'\n')
            .count();
        let byte = byte.saturating_add(skipped);
        let stretch = self.text.get(self.byte..byte).unwrap_or_default();
        let breaks = stretch.iter().filter(|&&b| b == b'\n').count();
        self.line = self.line.saturating_add(breaks);
        self.byte = self.byte.max(byte);
        self.line
    }
}

/// The field each column holds (by position in [`OBSERVATION_FIELDS`]), or
/// `None` when the header is not one of an observations document.
fn read_header(
    header: &::csv::StringRecord,
    problems: &mut Problems,
) -> Option<Vec<Option<usize>>> {
    let first = header.get(0).unwrap_or_default();
    if header.len() == 1
        && let Some(separator) = [';', '\t'].into_iter().find(|&c| first.contains(c))
    {
        let name = if separator == ';' {
            "semicolons"
        } else {
            "tabs"
        };
        problems.push(
            ErrorKind::Syntax,
            "row 1",
            format!(
                "the header {} is one column: its names seem separated by {name}; save the sheet as CSV separated by commas (a spreadsheet set to write decimal commas may use semicolons)",
                quoted(first)
            ),
        );
        return None;
    }
    let mut keys = KeyCheck::new(&OBSERVATION_FIELDS, Path::row(1));
    let columns: Vec<Option<usize>> = header
        .iter()
        .map(|name| keys.check(name.trim(), problems))
        .collect();
    let missing: Vec<&str> = REQUIRED_COLUMNS
        .into_iter()
        .filter(|name| {
            !columns
                .iter()
                .flatten()
                .any(|&i| OBSERVATION_FIELDS.get(i) == Some(name))
        })
        .collect();
    for name in &missing {
        problems.push(
            ErrorKind::MissingField,
            Path::row(1).field(name),
            format!(
                "the header has no column `{name}`; the columns {} are required",
                REQUIRED_COLUMNS.join(", ")
            ),
        );
    }
    missing.is_empty().then_some(columns)
}

/// Reads one row: its cells as the fields of an observation, each a JSON
/// string, checked by the JSON reader's code.
fn read_row(
    record: &::csv::StringRecord,
    columns: &[Option<usize>],
    path: Path<'_>,
    row: usize,
    loader: &mut Loader<'_>,
    problems: &mut Problems,
) {
    if record.len() != columns.len() {
        problems.push(
            ErrorKind::Syntax,
            path.to_string(),
            format!(
                "the row has {} cells, but the header has {} columns",
                record.len(),
                columns.len()
            ),
        );
        return;
    }
    if record.iter().all(str::is_empty) {
        return;
    }
    let mut cells: [Option<String>; 11] = Default::default();
    for (cell, column) in record.iter().zip(columns) {
        if let Some(slot) = column.and_then(|i| cells.get_mut(i))
            && !cell.is_empty()
        {
            // A string is always valid JSON: the error cannot happen.
            *slot = serde_json::to_string(cell).ok();
        }
    }
    let slots: [Option<Raw<'_>>; 11] =
        std::array::from_fn(|i| cells.get(i)?.as_deref().map(Raw::new));
    let fields = Fields::new(slots, &OBSERVATION_FIELDS, None);
    read_observation(loader, &fields, path, row, problems);
}

/// The csv crate's message, without its own place (the path gives it).
fn csv_message(e: &::csv::Error) -> String {
    match e.kind() {
        ::csv::ErrorKind::Utf8 { err, .. } => format!(
            "cell {} is not UTF-8; save the sheet as CSV UTF-8",
            err.field().saturating_add(1)
        ),
        _ => format!("not valid CSV: {e}"),
    }
}
