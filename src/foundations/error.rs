//! The crate's one error type: a report of every problem found in the input.

use std::fmt;

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

/// One problem in the input: where it is, what kind it is, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    kind: ErrorKind,
    document: Option<&'static str>,
    path: String,
    message: String,
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
            path: path.into(),
            message: message.into(),
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
    /// ([`crate::load`]): `catalogue` or `observations`.
    #[must_use]
    pub fn document(&self) -> Option<&'static str> {
        self.document
    }

    /// What is wrong, in words.
    #[must_use]
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The same problem, its path placed under `prefix` (`documents[1]` turns
    /// `observations[0]` into `documents[1].observations[0]`).
    pub(crate) fn under(mut self, prefix: &str) -> Self {
        self.path = join_path(prefix, &self.path);
        self
    }
}

/// The path of a JSON value, built into a string only when a problem is
/// reported: `prefix` alone, or `prefix[index]`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Path<'p> {
    pub(crate) prefix: &'p str,
    pub(crate) index: Option<usize>,
}

impl<'p> Path<'p> {
    pub(crate) fn new(prefix: &'p str) -> Self {
        Path {
            prefix,
            index: None,
        }
    }

    pub(crate) fn at(prefix: &'p str, index: usize) -> Self {
        Path {
            prefix,
            index: Some(index),
        }
    }

    /// The path of field `name` below this one.
    pub(crate) fn field(&self, name: &str) -> String {
        join_path(&self.to_string(), name)
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.index {
            Some(i) => write!(f, "{}[{i}]", self.prefix),
            None => f.write_str(self.prefix),
        }
    }
}

pub(crate) fn join_path(prefix: &str, path: &str) -> String {
    match (prefix.is_empty(), path.is_empty()) {
        (true, _) => path.to_owned(),
        (false, true) => prefix.to_owned(),
        (false, false) if path.starts_with('[') => format!("{prefix}{path}"),
        (false, false) => format!("{prefix}.{path}"),
    }
}

impl fmt::Display for Problem {
    /// `catalogue: targets[1].rule: what is wrong` (the document only when known).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(d) = self.document {
            write!(f, "{d}: ")?;
        }
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
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
#[derive(Clone, PartialEq, Eq)]
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

impl fmt::Display for Error {
    /// One problem prints as `path: message`; several print as a count
    /// followed by one problem a line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let total = self.inner.problems.len().saturating_add(self.inner.omitted);
        match self.inner.problems.as_slice() {
            [only] if self.inner.omitted == 0 => write!(f, "{only}"),
            problems => {
                write!(f, "{total} problems found")?;
                for p in problems {
                    write!(f, "\n  {p}")?;
                }
                if self.inner.omitted > 0 {
                    write!(f, "\n  ... and {} more", self.inner.omitted)?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for Error {}

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

    /// How many problems were found so far, listed or not.
    pub(crate) fn count(&self) -> usize {
        self.list.len().saturating_add(self.omitted)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.list.is_empty() && self.omitted == 0
    }

    /// The same problems, marked as found in `document`.
    pub(crate) fn in_document(self, document: &'static str) -> Problems {
        Problems {
            list: self
                .list
                .into_iter()
                .map(|mut p| {
                    p.document = Some(document);
                    p
                })
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
