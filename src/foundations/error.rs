//! The crate's error type, a report of every problem found in the input,
//! and the error of reading a decimal.

use std::fmt;

use crate::foundations::text::{Quoted, quoted, shown};

/// The most problems one [`Error`] lists; later ones are only counted.
pub const MAX_REPORTED_PROBLEMS: usize = 100;

/// What went wrong, as a category a program can match on.
///
/// The wording of a problem is for people; this is for code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The text is not well-formed JSON, or a field has the wrong JSON type.
    Syntax,
    /// The document's `format` is missing or not one this version reads.
    UnsupportedFormat,
    /// A field that is not part of the format (often a typo).
    UnknownField,
    /// A required field is absent.
    MissingField,
    /// A value is malformed: a bad date, period, decimal or identifier.
    InvalidValue,
    /// A value is well-formed but outside the range its kind allows.
    OutOfRange,
    /// A rule or value does not fit the kind of its indicator.
    KindMismatch,
    /// Two indicators or two targets share an id.
    DuplicateId,
    /// A reference to an indicator or target that does not exist.
    UnknownId,
    /// Two observations of the same thing, published the same day, disagree.
    Conflict,
    /// An arithmetic result does not fit in a decimal.
    Overflow,
}

impl ErrorKind {
    /// The kind's name: `syntax`, `unsupported_format`, `unknown_field`,
    /// `missing_field`, `invalid_value`, `out_of_range`, `kind_mismatch`,
    /// `duplicate_id`, `unknown_id`, `conflict` or `overflow`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Syntax => "syntax",
            ErrorKind::UnsupportedFormat => "unsupported_format",
            ErrorKind::UnknownField => "unknown_field",
            ErrorKind::MissingField => "missing_field",
            ErrorKind::InvalidValue => "invalid_value",
            ErrorKind::OutOfRange => "out_of_range",
            ErrorKind::KindMismatch => "kind_mismatch",
            ErrorKind::DuplicateId => "duplicate_id",
            ErrorKind::UnknownId => "unknown_id",
            ErrorKind::Conflict => "conflict",
            ErrorKind::Overflow => "overflow",
        }
    }
}

impl ErrorKind {
    /// Every kind, in the order of their declaration.
    pub const ALL: [ErrorKind; 11] = [
        ErrorKind::Syntax,
        ErrorKind::UnsupportedFormat,
        ErrorKind::UnknownField,
        ErrorKind::MissingField,
        ErrorKind::InvalidValue,
        ErrorKind::OutOfRange,
        ErrorKind::KindMismatch,
        ErrorKind::DuplicateId,
        ErrorKind::UnknownId,
        ErrorKind::Conflict,
        ErrorKind::Overflow,
    ];
}

impl fmt::Display for ErrorKind {
    /// The kind's name ([`ErrorKind::as_str`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for ErrorKind {
    type Err = Error;

    /// The kind named `s` ([`ErrorKind::as_str`]): `"unknown_field".parse()`.
    fn from_str(s: &str) -> Result<ErrorKind, Error> {
        by_name(&ErrorKind::ALL, ErrorKind::as_str, s, |s| {
            format!("{s} is not an error kind")
        })
    }
}

/// The most bytes of a problem's message, and of its path, that are kept;
/// a longer one (only possible when it repeats text from the input) is cut
/// with its length given, so that every report stays small.
const MAX_MESSAGE_BYTES: usize = 1_000;

/// One problem in the input: where it is, what kind it is, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    kind: ErrorKind,
    document: Option<&'static str>,
    path: String,
    message: String,
    entry_id: Option<String>,
    location: Option<Location>,
}

/// Where an entry starts in its document: line and column, from 1, the
/// column counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Location {
    pub(crate) line: usize,
    pub(crate) column: usize,
}

impl Problem {
    #[cold]
    pub(crate) fn new(
        kind: ErrorKind,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Problem {
            kind,
            document: None,
            path: bounded(path.into()),
            message: bounded(message.into()),
            entry_id: None,
            location: None,
        }
    }

    /// The category of the problem.
    #[must_use]
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The JSON path of the faulty place, such as `targets[3].rule`;
    /// empty when the problem concerns the whole document.
    #[must_use]
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Which document the problem is in, when several were read together
    /// ([`crate::load`], [`format::load_with_units`](crate::format::load_with_units)):
    /// `catalogue`, `observations` or `units`; or as named by
    /// [`Error::in_document`].
    #[must_use]
    pub fn document(&self) -> Option<&'static str> {
        self.document
    }

    /// What is wrong, in words.
    #[must_use]
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The id of the entry the problem is in (`qd749_2025_egdi_top70` for
    /// `targets[20].dealine`), when the entry has one that could be read.
    /// Shown as the reports show it: cut after 80 characters, its hidden
    /// characters escaped.
    #[must_use]
    pub fn entry_id(&self) -> Option<&str> {
        self.entry_id.as_deref()
    }

    /// The line, from 1, on which the entry the problem is in starts, when
    /// the problem was found in a document's text.
    #[must_use]
    pub fn line(&self) -> Option<usize> {
        self.location.map(|l| l.line)
    }

    /// The column, from 1 and in characters, at which the entry the problem
    /// is in starts, when the problem was found in a document's text.
    #[must_use]
    pub fn column(&self) -> Option<usize> {
        self.location.map(|l| l.column)
    }

    /// The same problem, found in a document that starts at `start` of a
    /// larger text (a case file): its line and column made those of the
    /// larger text.
    /// The same problem without a line and column: for text the caller never
    /// saw (a value re-serialised for a reader).
    #[cfg(feature = "serde")]
    pub(crate) fn unplaced(mut self) -> Self {
        self.location = None;
        self
    }

    pub(crate) fn placed_at(mut self, start: Location) -> Self {
        self.location = self.location.map(|l| Location {
            line: start.line.saturating_add(l.line).saturating_sub(1),
            column: if l.line == 1 {
                start.column.saturating_add(l.column).saturating_sub(1)
            } else {
                l.column
            },
        });
        self
    }

    /// The same problem, its path placed under `prefix` (`documents[1]` turns
    /// `observations[0]` into `documents[1].observations[0]`).
    pub(crate) fn under(mut self, prefix: &str) -> Self {
        self.path = join_path(prefix, &self.path);
        self
    }

    /// The same problem, marked as found in `document` unless it names one.
    fn in_document(mut self, document: &'static str) -> Self {
        self.document = self.document.or(Some(document));
        self
    }
}

/// The path of a JSON value, built into a string only when a problem is
/// reported: `prefix` alone, or `prefix[index]`; or the place of a row of a
/// CSV document, `row N`, whose fields are `row N, column NAME` (SPEC 2.5).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Path<'p> {
    pub(crate) prefix: &'p str,
    pub(crate) index: Option<usize>,
    /// A CSV row: `index` is the row's number, the header being row 1.
    row: bool,
    /// A field below `prefix[index]` (`rule` in `targets[3].rule`), so that
    /// an object's path costs no string until a problem is found in it.
    child: Option<&'static str>,
}

impl<'p> Path<'p> {
    pub(crate) fn new(prefix: &'p str) -> Self {
        Path {
            prefix,
            index: None,
            row: false,
            child: None,
        }
    }

    pub(crate) fn at(prefix: &'p str, index: usize) -> Self {
        Path {
            prefix,
            index: Some(index),
            row: false,
            child: None,
        }
    }

    /// Row `number` of a CSV document, the header being row 1.
    #[cfg_attr(
        not(feature = "csv"),
        allow(dead_code, reason = "used by the CSV reader")
    )]
    pub(crate) fn row(number: usize) -> Self {
        Path {
            prefix: "row",
            index: Some(number),
            row: true,
            child: None,
        }
    }

    /// The path of field `name` below this one (in a CSV row, its column).
    pub(crate) fn field(&self, name: &str) -> String {
        if self.row {
            return format!("{self}, column {name}");
        }
        join_path(&self.to_string(), name)
    }

    /// The path of the object in field `name` below this one, as a path
    /// (written only when a problem is reported). One level: a path that
    /// has a child already gives its field's path written out.
    pub(crate) fn child(self, name: &'static str) -> Path<'p> {
        debug_assert!(self.child.is_none() && !self.row);
        Path {
            child: Some(name),
            ..self
        }
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.index {
            Some(i) if self.row => write!(f, "row {i}"),
            Some(i) => write!(f, "{}[{i}]", self.prefix),
            None => f.write_str(self.prefix),
        }?;
        match self.child {
            Some(child) if self.prefix.is_empty() && self.index.is_none() => f.write_str(child),
            Some(child) => write!(f, ".{child}"),
            None => Ok(()),
        }
    }
}

/// The one of `all` whose name (by `name`) is `s`: the `FromStr` of every
/// enum with a text form. Else an `invalid_value` error whose message
/// `message` writes from `s` as [`quoted`] shows it.
pub(crate) fn by_name<T: Copy>(
    all: &[T],
    name: fn(T) -> &'static str,
    s: &str,
    message: impl FnOnce(Quoted<'_>) -> String,
) -> Result<T, Error> {
    all.iter()
        .copied()
        .find(|t| name(*t) == s)
        .ok_or_else(|| Error::single(ErrorKind::InvalidValue, "", message(quoted(s))))
}

pub(crate) fn join_path(prefix: &str, path: &str) -> String {
    match (prefix.is_empty(), path.is_empty()) {
        (true, _) => path.to_owned(),
        (false, true) => prefix.to_owned(),
        (false, false) if path.starts_with('[') => format!("{prefix}{path}"),
        (false, false) => format!("{prefix}.{path}"),
    }
}

/// `text`, cut to [`MAX_MESSAGE_BYTES`] with its length given.
fn bounded(text: String) -> String {
    if text.len() <= MAX_MESSAGE_BYTES {
        return text;
    }
    let mut end = MAX_MESSAGE_BYTES;
    while !text.is_char_boundary(end) {
        end = end.saturating_sub(1);
    }
    format!(
        "{}… ({} bytes)",
        text.get(..end).unwrap_or_default(),
        text.len()
    )
}

impl fmt::Display for Problem {
    /// `catalogue: targets[1].rule (t1, line 12, column 5): what is wrong`:
    /// the document, the entry's id and where it starts when known.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(d) = self.document {
            write!(f, "{d}: ")?;
        }
        f.write_str(&self.path)?;
        let place = match (&self.entry_id, self.location) {
            (Some(id), Some(l)) => Some(format!("{id}, line {}, column {}", l.line, l.column)),
            (Some(id), None) => Some(id.clone()),
            (None, Some(l)) => Some(format!("line {}, column {}", l.line, l.column)),
            (None, None) => None,
        };
        match (self.path.is_empty(), place) {
            (true, None) => {}
            (true, Some(place)) => write!(f, "({place}): ")?,
            (false, None) => f.write_str(": ")?,
            (false, Some(place)) => write!(f, " ({place}): ")?,
        }
        f.write_str(&self.message)
    }
}

/// The error of every fallible operation in the crate.
///
/// Loading a document does not stop at the first problem: an `Error` lists
/// every problem found (up to [`MAX_REPORTED_PROBLEMS`], the rest counted),
/// each with its JSON path. Nothing partial is ever returned beside it.
///
/// ```
/// let err = policy_targets::Catalogue::from_json(r#"{"format": "policy-targets/catalogue@1",
///     "indicators": [{"id": "x", "kind": "percent", "colour": "red"}]}"#).unwrap_err();
/// assert_eq!(err.problems()[0].path(), "indicators[0].colour");
/// assert!(err.to_string().contains("unknown field `colour`"));
/// ```
#[derive(Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", Report(.inner))]
pub struct Error {
    inner: Box<Inner>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Inner {
    problems: Vec<Problem>,
    omitted: usize,
}

impl Error {
    /// An error made of the given problems; `problems` must not be empty.
    #[cold]
    pub(crate) fn from_problems(problems: Vec<Problem>) -> Self {
        Error::with_omitted(problems, 0)
    }

    #[cold]
    fn with_omitted(mut problems: Vec<Problem>, omitted: usize) -> Self {
        let over = problems.len().saturating_sub(MAX_REPORTED_PROBLEMS);
        problems.truncate(MAX_REPORTED_PROBLEMS);
        Error {
            inner: Box::new(Inner {
                problems,
                omitted: omitted.saturating_add(over),
            }),
        }
    }

    #[cold]
    pub(crate) fn single(
        kind: ErrorKind,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Error::from_problems(vec![Problem::new(kind, path, message)])
    }

    /// The problems found, in document order (at most [`MAX_REPORTED_PROBLEMS`]).
    #[must_use]
    pub fn problems(&self) -> &[Problem] {
        &self.inner.problems
    }

    /// How many further problems were found but not listed.
    #[must_use]
    pub fn omitted(&self) -> usize {
        self.inner.omitted
    }

    /// The same error, each problem that names no document marked as found
    /// in `document` (as the loaders name `catalogue`, `observations` and
    /// `units`); a problem that names one keeps it.
    ///
    /// ```
    /// use policy_targets::Units;
    /// let err = Units::from_json(r#"{"format": "policy-targets/units@1", "units": [{"id": "VN"}]}"#)
    ///     .unwrap_err()
    ///     .in_document("units");
    /// assert_eq!(err.problems()[0].document(), Some("units"));
    /// assert!(err.to_string().starts_with("units: units[0]"), "{err}");
    /// ```
    #[must_use]
    pub fn in_document(self, document: &'static str) -> Self {
        self.map_problems(|p| p.in_document(document))
    }

    /// One report of this error's problems followed by `other`'s, as a
    /// loader reports the problems of several documents: at most
    /// [`MAX_REPORTED_PROBLEMS`] are listed, and [`omitted`](Error::omitted)
    /// counts the others of both (when this error lists as many already,
    /// `other`'s are only counted). Name each error's document with
    /// [`in_document`](Error::in_document) before joining them: after,
    /// it would name every problem that has none.
    ///
    /// For a program that reads documents on threads of its own and still
    /// reports every problem at once, as [`format::load_with_units`](crate::format::load_with_units)
    /// does. The catalogue and the observations are read together
    /// ([`load`](crate::load)): observations are checked against the
    /// catalogue's indicators, even when the catalogue has problems, which
    /// reading them apart cannot do. The units stand alone:
    ///
    /// ```
    /// use policy_targets::{Units, load};
    /// let catalogue = r#"{"format": "policy-targets/catalogue@1",
    ///     "indicators": [{"id": "share", "kind": "percent", "colour": "red"}], "targets": []}"#;
    /// let observations = r#"{"format": "policy-targets/observations@1", "observations": [
    ///     {"indicator": "share", "unit": "VN", "period": "2025", "published": "2026-01-10", "value": "181"}]}"#;
    /// let units_json = r#"{"format": "policy-targets/units@1", "units": [{"id": "VN", "level": "country"}]}"#;
    /// let (loaded, units) = std::thread::scope(|scope| {
    ///     let units = scope.spawn(|| Units::from_json(units_json));
    ///     (load(catalogue, observations), units.join().unwrap())
    /// });
    /// let err = match (loaded, units) {
    ///     (Err(e), Err(u)) => e.followed_by(u.in_document("units")),
    ///     _ => unreachable!("all three documents have a problem"),
    /// };
    /// let documents: Vec<_> = err.problems().iter().map(|p| p.document()).collect();
    /// assert_eq!(documents, [Some("catalogue"), Some("observations"), Some("units")]);
    /// // The report `load_with_units` gives for the same texts.
    /// let together = policy_targets::format::load_with_units(catalogue, observations, Some(units_json));
    /// assert_eq!(Err(err), together.map(drop));
    /// ```
    #[must_use]
    pub fn followed_by(self, other: Error) -> Self {
        let Inner {
            mut problems,
            omitted,
        } = *self.inner;
        let other = *other.inner;
        problems.extend(other.problems);
        Error::with_omitted(problems, omitted.saturating_add(other.omitted))
    }

    /// The same error, each problem replaced by `f` of it.
    pub(crate) fn map_problems(self, mut f: impl FnMut(Problem) -> Problem) -> Self {
        let Inner { problems, omitted } = *self.inner;
        Error::with_omitted(problems.into_iter().map(&mut f).collect(), omitted)
    }

    /// The kind of the first problem.
    #[must_use]
    pub fn kind(&self) -> ErrorKind {
        self.inner
            .problems
            .first()
            .map_or(ErrorKind::InvalidValue, Problem::kind)
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("problems", &self.inner.problems)
            .field("omitted", &self.inner.omitted)
            .finish()
    }
}

/// An error's text: one problem prints as `path: message`; several print
/// as a count followed by one problem a line.
struct Report<'e>(&'e Inner);

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Inner { problems, omitted } = self.0;
        let total = problems.len().saturating_add(*omitted);
        match problems.as_slice() {
            [only] if *omitted == 0 => write!(f, "{only}"),
            problems => {
                write!(f, "{total} problems found")?;
                for p in problems {
                    write!(f, "\n  {p}")?;
                }
                if *omitted > 0 {
                    write!(f, "\n  ... and {omitted} more")?;
                }
                Ok(())
            }
        }
    }
}

/// A text that is not a decimal number as the formats write one, or a
/// number a decimal cannot hold exactly; see [`parse_decimal`](crate::parse_decimal).
///
/// Its own type, so that a caller's error enum can hold it with `#[from]`.
/// Converts into an [`Error`] of kind [`ErrorKind::InvalidValue`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct DecimalError {
    message: String,
}

impl DecimalError {
    pub(crate) fn new(message: String) -> Self {
        DecimalError {
            message: bounded(message),
        }
    }
}

impl From<DecimalError> for Error {
    fn from(e: DecimalError) -> Self {
        Error::single(ErrorKind::InvalidValue, "", e.message)
    }
}

/// The index `i` of a path `array[i]`, `array[i].field` or `array[i][j]`.
fn entry_index(path: &str, array: &str) -> Option<usize> {
    let rest = path.strip_prefix(array)?.strip_prefix('[')?;
    let (digits, after) = rest.split_once(']')?;
    if !(after.is_empty() || after.starts_with(['.', '['])) {
        return None;
    }
    digits.parse().ok()
}

/// How far a [`Locator`] has read.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Reached {
    offset: usize,
    at: Location,
    start: Location,
}

/// Finds the line and column of places in one document's text, reading it
/// once from the start as long as the places come in order.
#[derive(Debug)]
pub(crate) struct Locator<'t> {
    text: &'t str,
    offset: usize,
    at: Location,
    /// Where the text starts in its document.
    start: Location,
}

impl<'t> Locator<'t> {
    pub(crate) fn new(text: &'t str) -> Self {
        // A byte-order mark is not a column.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        Locator::resuming(text, Location { line: 1, column: 1 })
    }

    /// A locator of `text`, a part of a document that starts at `start`
    /// (a piece of a document read from a stream).
    pub(crate) fn resuming(text: &'t str, start: Location) -> Self {
        Locator {
            text,
            offset: 0,
            at: start,
            start,
        }
    }

    /// How far it has read, to go on from there in the same text, or in a
    /// text that starts with it ([`Locator::going_on`]).
    pub(crate) fn reached(&self) -> Reached {
        Reached {
            offset: self.offset,
            at: self.at,
            start: self.start,
        }
    }

    /// A locator of `text`, which starts with the text another had read up
    /// to `reached`, going on from there.
    pub(crate) fn going_on(text: &'t str, reached: Reached) -> Self {
        Locator {
            text,
            offset: reached.offset,
            at: reached.at,
            start: reached.start,
        }
    }

    /// Where the text ends in its document.
    pub(crate) fn end(&mut self) -> Location {
        let end = self.text.get(self.text.len()..).unwrap_or_default();
        self.locate(end).unwrap_or(self.at)
    }

    /// The text it reads.
    pub(crate) fn text(&self) -> &'t str {
        self.text
    }

    /// Where `place`, a part of the text, starts; `None` when it is not
    /// part of the text.
    pub(crate) fn locate(&mut self, place: &str) -> Option<Location> {
        let offset = (place.as_ptr() as usize).checked_sub(self.text.as_ptr() as usize)?;
        if offset > self.text.len() {
            return None;
        }
        if offset < self.offset {
            *self = Locator::resuming(self.text, self.start);
        }
        let between = self.text.get(self.offset..offset)?;
        match between.rfind('\n') {
            Some(last) => {
                let lines = between.bytes().filter(|&b| b == b'\n').count();
                self.at.line = self.at.line.saturating_add(lines);
                let after = between.get(last.saturating_add(1)..).unwrap_or_default();
                self.at.column = after.chars().count().saturating_add(1);
            }
            None => self.at.column = self.at.column.saturating_add(between.chars().count()),
        }
        self.offset = offset;
        Some(self.at)
    }
}

/// Collects problems while a document is checked, keeping at most
/// [`MAX_REPORTED_PROBLEMS`] and counting the rest, so that a hostile
/// document cannot make the report grow without bound.
#[derive(Debug, Default)]
pub(crate) struct Problems {
    list: Vec<Problem>,
    omitted: usize,
}

impl Problems {
    pub(crate) fn push(
        &mut self,
        kind: ErrorKind,
        path: impl Into<String>,
        message: impl Into<String>,
    ) {
        if self.list.len() < MAX_REPORTED_PROBLEMS {
            self.list.push(Problem::new(kind, path, message));
        } else {
            self.omitted = self.omitted.saturating_add(1);
        }
    }

    pub(crate) fn add(&mut self, problem: Problem) {
        if self.list.len() < MAX_REPORTED_PROBLEMS {
            self.list.push(problem);
        } else {
            self.omitted = self.omitted.saturating_add(1);
        }
    }

    pub(crate) fn extend(&mut self, other: Problems) {
        for p in other.list {
            self.add(p);
        }
        self.omitted = self.omitted.saturating_add(other.omitted);
    }

    /// How many problems are listed so far: a mark for [`Problems::name_entries`].
    pub(crate) fn listed(&self) -> usize {
        self.list.len()
    }

    /// Names the entries of `array` that the problems listed since `since`
    /// are in: `describe` gives the id and the start of entry `i` (called
    /// only for entries that have a listed problem, at most
    /// [`MAX_REPORTED_PROBLEMS`] times). A problem keeps what it already has.
    pub(crate) fn name_entries(
        &mut self,
        since: usize,
        array: &str,
        mut describe: impl FnMut(usize) -> (Option<String>, Option<Location>),
    ) {
        for p in self.list.iter_mut().skip(since) {
            let Some(index) = entry_index(&p.path, array) else {
                continue;
            };
            let (id, location) = describe(index);
            if p.entry_id.is_none() {
                p.entry_id = id.map(|id| shown(&id).to_string());
            }
            p.location = p.location.or(location);
        }
    }

    /// Places the problems listed since `since` that have no place yet at
    /// `location` (where a CSV row starts, when it is not the row's own line).
    #[cfg_attr(
        not(feature = "csv"),
        allow(dead_code, reason = "used by the CSV reader")
    )]
    pub(crate) fn locate_since(&mut self, since: usize, location: Location) {
        for p in self.list.iter_mut().skip(since) {
            p.location = p.location.or(Some(location));
        }
    }

    /// The indices of the entries of `array` that the problems listed since
    /// `since` are in, each once, in the order met.
    pub(crate) fn entry_indices(&self, since: usize, array: &str) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        for p in self.list.iter().skip(since) {
            if let Some(i) = entry_index(&p.path, array)
                && !out.contains(&i)
            {
                out.push(i);
            }
        }
        out
    }

    /// How many problems were found so far, listed or not.
    pub(crate) fn count(&self) -> usize {
        self.list.len().saturating_add(self.omitted)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.list.is_empty() && self.omitted == 0
    }

    /// The same problems, marked as found in `document`; a problem that
    /// names one keeps it, as with [`Error::in_document`].
    pub(crate) fn in_document(self, document: &'static str) -> Problems {
        Problems {
            list: self
                .list
                .into_iter()
                .map(|p| p.in_document(document))
                .collect(),
            omitted: self.omitted,
        }
    }

    pub(crate) fn under(self, prefix: &str) -> Problems {
        Problems {
            list: self.list.into_iter().map(|p| p.under(prefix)).collect(),
            omitted: self.omitted,
        }
    }

    /// `Ok(())` when nothing was found, else the error listing everything.
    pub(crate) fn into_result(self) -> Result<(), Error> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(Error::with_omitted(self.list, self.omitted))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_have_names() {
        assert_eq!(ErrorKind::UnknownField.to_string(), "unknown_field");
        assert_eq!(ErrorKind::Overflow.as_str(), "overflow");
    }

    #[test]
    fn a_problem_names_its_entry_beside_its_path() {
        let mut problems = Problems::default();
        problems.push(
            ErrorKind::UnknownField,
            "targets[19].rule",
            "before the mark",
        );
        let mark = problems.listed();
        problems.push(
            ErrorKind::UnknownField,
            "targets[20].dealine",
            "unknown field",
        );
        problems.push(ErrorKind::Syntax, "targets[20]", "the entry itself");
        problems.push(ErrorKind::Syntax, "targets[200].id", "another entry");
        problems.push(ErrorKind::Syntax, "targets", "the array");
        let at = Location {
            line: 812,
            column: 5,
        };
        problems.name_entries(mark, "targets", |i| {
            (i == 20)
                .then(|| ("qd749_2025_egdi_top70".to_owned(), at))
                .unzip()
        });
        let err = problems.into_result().unwrap_err();
        let lines: Vec<String> = err.problems().iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            [
                "targets[19].rule: before the mark",
                "targets[20].dealine (qd749_2025_egdi_top70, line 812, column 5): unknown field",
                "targets[20] (qd749_2025_egdi_top70, line 812, column 5): the entry itself",
                "targets[200].id: another entry",
                "targets: the array",
            ]
        );
        let p = &err.problems()[1];
        assert_eq!(p.path(), "targets[20].dealine");
        assert_eq!(p.entry_id(), Some("qd749_2025_egdi_top70"));
        assert_eq!((p.line(), p.column()), (Some(812), Some(5)));
        // In a case file whose catalogue starts at line 10, column 16.
        let placed = p.clone().placed_at(Location {
            line: 10,
            column: 16,
        });
        assert_eq!((placed.line(), placed.column()), (Some(821), Some(5)));
        let first_line = Problem {
            location: Some(Location { line: 1, column: 3 }),
            ..p.clone()
        };
        let placed = first_line.placed_at(Location {
            line: 10,
            column: 16,
        });
        assert_eq!((placed.line(), placed.column()), (Some(10), Some(18)));
    }

    #[test]
    fn entries_are_found_by_their_path() {
        assert_eq!(entry_index("units[3].parent", "units"), Some(3));
        assert_eq!(entry_index("units[3]", "units"), Some(3));
        assert_eq!(entry_index("units[3][1]", "units"), Some(3));
        assert_eq!(entry_index("units[3]x", "units"), None);
        assert_eq!(entry_index("unitsx[3]", "units"), None);
        assert_eq!(entry_index("documents[1].units[3]", "units"), None);
    }

    #[test]
    fn lines_and_columns_are_counted_once_in_order() {
        let text = "\u{feff}{\n  \"a\": [\n    {\"ệ\": 1}, {\"b\": 2}\n  ]\n}";
        let text_without_mark = text.strip_prefix('\u{feff}').unwrap();
        let mut locator = Locator::new(text);
        let first = text_without_mark.find("{\"ệ").unwrap();
        let second = text_without_mark.find("{\"b").unwrap();
        let at = |i: usize| text_without_mark.get(i..).unwrap();
        assert_eq!(locator.locate(at(0)), Some(Location { line: 1, column: 1 }));
        assert_eq!(
            locator.locate(at(first)),
            Some(Location { line: 3, column: 5 })
        );
        // Columns count characters: `ệ` is one.
        assert_eq!(
            locator.locate(at(second)),
            Some(Location {
                line: 3,
                column: 15
            })
        );
        // Back to an earlier place: counted again from the start.
        assert_eq!(
            locator.locate(at(first)),
            Some(Location { line: 3, column: 5 })
        );
        assert_eq!(locator.locate("elsewhere"), None);
    }

    #[test]
    fn messages_and_paths_are_bounded() {
        let long = "x".repeat(5_000_000);
        let p = Problem::new(ErrorKind::InvalidValue, long.clone(), long);
        assert!(
            p.path().len() < MAX_MESSAGE_BYTES + 40,
            "{}",
            p.path().len()
        );
        assert!(
            p.message().ends_with("… (5000000 bytes)"),
            "{}",
            p.message()
        );
        // Cut on a character boundary.
        let p = Problem::new(ErrorKind::InvalidValue, "", "ệ".repeat(1_000));
        assert!(p.message().starts_with('ệ'));
    }

    #[test]
    fn a_decimal_error_is_an_error() {
        fn parse(s: &str) -> Result<rust_decimal::Decimal, Error> {
            Ok(crate::parse_decimal(s)?)
        }
        let e = parse("85,1").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidValue);
        assert_eq!(
            e.to_string(),
            "`85,1` is not a decimal number: decimals are written with a point: write `85.1`"
        );
        let source: &dyn std::error::Error = &crate::parse_decimal("x").unwrap_err();
        assert_eq!(source.to_string(), "`x` is not a decimal number");
    }
}
