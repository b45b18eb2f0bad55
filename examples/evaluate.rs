//! Evaluates a catalogue against observations at an as-of date and prints
//! the results document (the contract's command line, §5 of the project's SPEC).
//!
//! ```text
//! cargo run --example evaluate -- --catalogue FILE --observations FILE --as-of DATE [--units FILE] [--format json|text]
//! cargo run --example evaluate -- --case FILE [--format json|text]
//! ```
//!
//! An `--observations` file whose name ends in `.csv` is read as CSV (SPEC
//! 2.5: a header row naming the columns, then one observation a row).
//!
//! Warnings (SPEC 2.6: an indicator no target uses, figures about an unknown
//! unit such as `Vn`, …) go into the results document and, one a line, to
//! standard error.
//!
//! The problems of the catalogue, the observations and the units come in
//! one report, in that order. A file that cannot be read (missing, not
//! UTF-8, too large) is reported alone, before any document's problems:
//! the units' file first, then the catalogue, then the observations.
//!
//! Exit status: 0 when the evaluation ran (whatever the statuses and
//! warnings), 2 on bad input (the error report goes to standard error) or
//! bad arguments, 1 when the results could not all be written (a full
//! disk; a pipe closed early, as by `| head`, is not an error).

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "a command-line program"
)]

use std::process::ExitCode;

use policy_targets::case::Case;
use policy_targets::format::{
    JsonPiece, MAX_DOCUMENT_BYTES, check_document_size, document_text, load_csv,
    load_with_units_from_reader, load_with_units_owned,
};
use policy_targets::{Catalogue, Evaluation, Evaluator, Observations, Units, parse_date};

const USAGE: &str =
    "usage: evaluate --catalogue FILE --observations FILE --as-of YYYY-MM-DD [--units FILE] [--format json|text]
       evaluate --case FILE [--format json|text]";

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Json,
    Text,
}

struct Args {
    catalogue: Option<String>,
    observations: Option<String>,
    as_of: Option<String>,
    case: Option<String>,
    units: Option<String>,
    format: Format,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        catalogue: None,
        observations: None,
        as_of: None,
        case: None,
        units: None,
        format: Format::Json,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let (name, inline) = match flag.split_once('=') {
            Some((n, v)) => (n.to_owned(), Some(v.to_owned())),
            None => (flag.clone(), None),
        };
        if name == "-h" || name == "--help" {
            return Err(String::new());
        }
        let value = match inline {
            Some(v) => v,
            // `--units --as-of 2026-01-01` lacks the units' file: the
            // next flag is not taken for it.
            None => it
                .next()
                .filter(|v| !v.starts_with("--"))
                .ok_or_else(|| format!("{name} needs a value"))?,
        };
        match name.as_str() {
            "--catalogue" => args.catalogue = Some(value),
            "--observations" => args.observations = Some(value),
            "--as-of" => args.as_of = Some(value),
            "--case" => args.case = Some(value),
            "--units" => args.units = Some(value),
            "--format" => {
                args.format = match value.as_str() {
                    "json" => Format::Json,
                    "text" => Format::Text,
                    other => return Err(format!("unknown format `{other}`: use json or text")),
                }
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(args)
}

/// The text of a file, its size checked before it is read and its bytes
/// checked to be UTF-8 (a report names the first byte that is not).
fn read(path: &str) -> Result<String, String> {
    let (file, metadata) = open(path)?;
    read_opened(path, file, &metadata)
}

/// The file at `path`, open, and what the system knows of it; its size is
/// checked before anything is read.
fn open(path: &str) -> Result<(std::fs::File, std::fs::Metadata), String> {
    let cannot = |e: std::io::Error| format!("cannot read {path}: {e}");
    let file = std::fs::File::open(path).map_err(cannot)?;
    let metadata = file.metadata().map_err(cannot)?;
    check_document_size(metadata.len()).map_err(|e| format!("{path}: {e}"))?;
    Ok((file, metadata))
}

/// The observations' file: its text, or, when it is a JSON file of
/// [`STREAMED`] bytes or more, the file itself, open, to be read as it
/// arrives (its text never whole in memory).
enum ObservationsFile {
    Text(String),
    Stream(std::fs::File),
}

/// A JSON observations file of at least this many bytes is read as it
/// arrives.
const STREAMED: u64 = 64 << 20;

/// The observations' file at `path`, `csv` or not.
fn open_observations(path: &str, csv: bool) -> Result<ObservationsFile, String> {
    let (file, metadata) = open(path)?;
    if !csv && metadata.is_file() && metadata.len() >= STREAMED {
        return Ok(ObservationsFile::Stream(file));
    }
    read_opened(path, file, &metadata).map(ObservationsFile::Text)
}

/// The text of `file`, opened at `path`, whose size has been checked.
fn read_opened(
    path: &str,
    file: std::fs::File,
    metadata: &std::fs::Metadata,
) -> Result<String, String> {
    use std::io::Read as _;
    let cannot = |e: std::io::Error| format!("cannot read {path}: {e}");
    let size = metadata.len();
    #[cfg(unix)]
    if metadata.is_file()
        && let Some(read) = read_in_halves(&file, size)
    {
        let bytes = read.map_err(|e| match e.kind() {
            std::io::ErrorKind::UnexpectedEof => {
                format!("cannot read {path}: it changed while it was read")
            }
            _ => cannot(e),
        })?;
        return text_of(path, bytes);
    }
    // Room for the whole file at once: a buffer grown by doubling would
    // hold up to twice the document (a 406 MB file in 512 MB).
    let mut bytes = Vec::with_capacity(usize::try_from(size).map_or(0, |s| s.saturating_add(1)));
    // A file that grew since its size was read (or a pipe, which has no
    // size) is still read no further than the limit, plus one byte for the
    // reader to tell that it is over.
    let limit = u64::try_from(MAX_DOCUMENT_BYTES).unwrap_or(u64::MAX);
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    text_of(path, bytes)
}

/// The bytes of a large file (of `size` bytes, [`READ_IN_HALVES`] or more),
/// read in two halves at once on two threads, each at its place in the one
/// open file: most of the time of reading is the system's, handing over
/// fresh memory page by page. `None` when the file is smaller, or when no
/// thread could be started (it is then read in one piece); an error of
/// kind `UnexpectedEof` when the file shrank or grew while it was read.
#[cfg(unix)]
fn read_in_halves(file: &std::fs::File, size: u64) -> Option<std::io::Result<Vec<u8>>> {
    use std::os::unix::fs::FileExt as _;
    let len = usize::try_from(size)
        .ok()
        .filter(|&l| l >= READ_IN_HALVES)?;
    let mut bytes = vec![0; len];
    let (first, second) = bytes.split_at_mut(len / 2);
    let at = u64::try_from(first.len()).ok()?;
    let read = std::thread::scope(|scope| {
        let other = std::thread::Builder::new()
            .spawn_scoped(scope, || file.read_exact_at(second, at))
            .ok()?;
        let here = file.read_exact_at(first, 0);
        let there = other
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        Some(here.and(there))
    })?;
    let grew = || file.read_at(&mut [0], size).map(|n| n > 0);
    Some(read.and_then(|()| {
        if grew()? {
            return Err(std::io::Error::from(std::io::ErrorKind::UnexpectedEof));
        }
        Ok(bytes)
    }))
}

/// A file of at least this many bytes is read in two halves at once.
#[cfg(unix)]
const READ_IN_HALVES: usize = 64 << 20;

/// The catalogue, the observations and the units (if any), loaded from
/// their files, with the problems of all three in one report (the
/// catalogue's, the observations' and then the units', as
/// [`load_with_units`](policy_targets::format::load_with_units) gives them).
///
/// The units' file is read and checked on a thread of its own while the
/// others are (in turn when no thread can be started): a million units take
/// the best part of half a second, which the observations' reading on the
/// other core then hides. When a file cannot be read, the first such, in
/// the order units, catalogue, observations, is reported.
fn load_files(
    units: Option<&str>,
    catalogue: &str,
    observations: &str,
    csv: bool,
) -> Result<(Catalogue, Observations, Option<Units>), String> {
    let load_units = || {
        units
            .map(|path| read(path).map(|text| Units::from_json(&text)))
            .transpose()
    };
    std::thread::scope(|scope| {
        let beside = units.and_then(|_| {
            std::thread::Builder::new()
                .spawn_scoped(scope, load_units)
                .ok()
        });
        let loaded = match (read(catalogue), open_observations(observations, csv)) {
            (Ok(c), Ok(o)) => Ok(load(c, o, csv, observations)),
            (Err(e), _) | (Ok(_), Err(e)) => Err(e),
        };
        let units = match beside {
            Some(thread) => thread
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            None => load_units(),
        }?;
        let loaded = loaded??;
        match (
            loaded,
            units.transpose().map_err(|u| u.in_document("units")),
        ) {
            (Ok((c, o)), Ok(u)) => Ok((c, o, u)),
            (Err(e), Err(u)) => Err(e.followed_by(u).to_string()),
            (Err(e), Ok(_)) | (Ok(_), Err(e)) => Err(e.to_string()),
        }
    })
}

/// The catalogue's text and the observations' file at `path`, loaded: the
/// outer error is a file that could not be read to its end, the inner one
/// the documents' problems.
fn load(
    catalogue: String,
    observations: ObservationsFile,
    csv: bool,
    path: &str,
) -> Result<Result<(Catalogue, Observations), policy_targets::Error>, String> {
    let loaded = match observations {
        ObservationsFile::Text(text) if csv => load_csv(&catalogue, &text, None),
        // The texts are handed over, to be freed as soon as each is read.
        ObservationsFile::Text(text) => load_with_units_owned(catalogue, text, None),
        ObservationsFile::Stream(mut file) => {
            load_with_units_from_reader(&catalogue, &mut file, None)
                .map_err(|e| format!("cannot read {path}: {e}"))?
        }
    };
    Ok(loaded.map(|(c, o, _)| (c, o)))
}

/// The file's bytes as text, checked to be UTF-8 and no larger than the
/// limit (a report names the first byte that is not UTF-8).
fn text_of(path: &str, bytes: Vec<u8>) -> Result<String, String> {
    String::from_utf8(bytes).or_else(|e| {
        let bytes = e.into_bytes();
        document_text(&bytes)
            .map(str::to_owned)
            .map_err(|e| format!("{path}: {e}"))
    })
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        // `--help` is a question, not a mistake: usage on stdout, exit 0.
        Err(m) if m.is_empty() => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(m) => {
            eprintln!("error: {m}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Input(report)) => {
            eprintln!("{report}");
            ExitCode::from(2)
        }
        Err(Failure::Output(report)) => {
            eprintln!("error: {report}");
            ExitCode::FAILURE
        }
    }
}

/// Why the program stopped short.
enum Failure {
    /// A file that could not be read, or a document's problems: exit
    /// status 2.
    Input(String),
    /// The results could not all be written (a full disk): exit status 1.
    Output(String),
}

impl From<String> for Failure {
    fn from(report: String) -> Self {
        Failure::Input(report)
    }
}

fn run(args: &Args) -> Result<(), Failure> {
    let (catalogue, observations, units, as_of) =
        match (&args.case, &args.catalogue, &args.observations, &args.as_of) {
            (Some(case), None, None, None) => {
                let case = Case::from_json(&read(case)?).map_err(|e| e.to_string())?;
                let (c, o, u) = case.load_with_units().map_err(|e| e.to_string())?;
                (c, o, u, case.as_of())
            }
            (None, Some(c), Some(o), Some(d)) => {
                let as_of = parse_date(d).map_err(|e| format!("--as-of: {e}"))?;
                let is_csv = std::path::Path::new(o)
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
                let (c, o, u) = load_files(args.units.as_deref(), c, o, is_csv)?;
                (c, o, u, as_of)
            }
            _ => {
                return Err(format!(
                    "give either --case, or --catalogue, --observations and --as-of\n{USAGE}"
                )
                .into());
            }
        };
    let evaluator = match units {
        Some(units) => Evaluator::new(catalogue).with_units(units),
        None => Evaluator::new(catalogue),
    };
    let evaluation = evaluator
        .evaluate(&observations, as_of)
        .map_err(|e| e.to_string())?;
    // Warnings (SPEC 2.6), one a line; they never change the exit status.
    // A warning quotes ids cut at 80 characters, so each line is short. Of
    // each kind, the first ten are printed and the others counted (the
    // results document lists every one): 52 targets on a unit without
    // figures would hide the one typo that matters.
    let warnings = evaluation.warnings();
    let mut seen: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for w in &warnings {
        let n = seen.entry(w.kind().as_str()).or_default();
        *n = n.saturating_add(1);
        if *n <= WARNINGS_SHOWN {
            eprintln!("warning: {w}");
        }
    }
    for (kind, n) in seen {
        if let Some(more) = n.checked_sub(WARNINGS_SHOWN).filter(|m| *m > 0) {
            eprintln!(
                "warning: … and {more} more `{kind}` warnings (every one is in the results document)"
            );
        }
    }
    // The JSON document is written in pieces of a few megabytes, never held
    // whole.
    let written = match args.format {
        Format::Json => write_json(&evaluation),
        Format::Text => {
            use std::io::Write as _;
            let mut out = std::io::stdout().lock();
            writeln!(out, "{}", text_table(&evaluation)).and_then(|()| out.flush())
        }
    };
    // The process ends here and the system takes its memory back whole:
    // freeing a million units one by one first (each id is an allocation of
    // its own) would add most of a second, which a program that goes on
    // after an evaluation pays when it drops them.
    std::mem::forget(evaluation);
    std::mem::forget(evaluator);
    std::mem::forget(observations);
    match written {
        // A closed pipe (`| head`) is not an error.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Failure::Output(format!("cannot write the results: {e}")))
        }
        _ => Ok(()),
    }
}

/// The results document, written to standard output in pieces
/// ([`Evaluation::json_pieces_in`]) on two threads, each making every
/// other piece while the other writes its own: both cores make the
/// document (600 MB of results for a million units: 0.4 s on one), and
/// the system's copy of each piece into a file or a pipe takes place
/// beside the making of the next. In one piece, on this thread, when no
/// other can be started. The error is the first that writing met.
fn write_json(evaluation: &Evaluation<'_>) -> std::io::Result<()> {
    use std::io::Write as _;
    use std::sync::{Condvar, Mutex, PoisonError};
    let lang = policy_targets::Lang::En;
    let pieces = evaluation.json_pieces_in(lang, ITEMS_A_PIECE);
    // The piece whose turn it is to be written; `None` once writing stopped.
    let turn = Mutex::new(Some(0usize));
    let moved = Condvar::new();
    let stop = || {
        *turn.lock().unwrap_or_else(PoisonError::into_inner) = None;
        moved.notify_all();
    };
    let every_other = |first: usize| {
        // A thread that panics stops the other, which would wait for its
        // turn for ever.
        let _stops = OnPanic(&stop);
        let mut bytes = Vec::new();
        let mut write = |k: usize, piece: &JsonPiece<'_, '_>| {
            bytes.clear();
            piece.write_to(&mut bytes)?;
            let mut next = turn.lock().unwrap_or_else(PoisonError::into_inner);
            while next.is_some_and(|n| n < k) {
                next = moved.wait(next).unwrap_or_else(PoisonError::into_inner);
            }
            // Stopped: the other thread reports why.
            if next.is_none() {
                return Ok(false);
            }
            // In writes of a few hundred kilobytes: one write of ten
            // megabytes into a file took the system three times as long.
            let mut out = std::io::stdout().lock();
            bytes
                .chunks(WRITTEN_AT_ONCE)
                .try_for_each(|chunk| out.write_all(chunk))?;
            *next = Some(k.saturating_add(1));
            Ok(true)
        };
        for (k, piece) in pieces.iter().enumerate().skip(first).step_by(2) {
            match write(k, piece) {
                Ok(true) => moved.notify_all(),
                Ok(false) => break,
                Err(e) => {
                    stop();
                    return Err(e);
                }
            }
        }
        Ok(())
    };
    let written = std::thread::scope(|scope| {
        match std::thread::Builder::new().spawn_scoped(scope, || every_other(1)) {
            Ok(other) => {
                let here = every_other(0);
                let there = other
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                here.and(there)
            }
            Err(_) => evaluation.write_json_in(lang, std::io::stdout().lock()),
        }
    });
    let mut out = std::io::stdout().lock();
    written
        .and_then(|()| writeln!(out))
        .and_then(|()| out.flush())
}

/// Calls its function when dropped in a panic.
struct OnPanic<F: Fn()>(F);

impl<F: Fn()> Drop for OnPanic<F> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            (self.0)();
        }
    }
}

/// How many bytes of a piece are written to standard output at once.
const WRITTEN_AT_ONCE: usize = 256 << 10;

/// How many items (a result, or a unit's entry of a roll-up) a piece of
/// the results document holds: about ten megabytes. Smaller pieces cost
/// the entries copied from one roll-up to the next over the same units
/// (3,000 `each` targets over 3,000 communes: 0.95 s in one piece, 1.1 s
/// in pieces of 8,192 items, 0.92 s in pieces of 32,768).
const ITEMS_A_PIECE: std::num::NonZeroUsize = std::num::NonZeroUsize::new(1 << 15).unwrap();

/// How many warnings of each kind are printed before the rest are counted.
const WARNINGS_SHOWN: usize = 10;

/// The widest a cell of the table is, in characters; a longer text is cut.
const MAX_CELL: usize = 48;

/// The longest explanation the table prints, in characters.
const MAX_EXPLANATION: usize = 2_000;

/// `text` cut after `max` characters, with `…` and its length in bytes
/// when it was cut, so that one long id cannot widen every row.
fn elide(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.to_owned(),
        Some((end, _)) => format!(
            "{}… ({} bytes)",
            text.get(..end).unwrap_or(text),
            text.len()
        ),
    }
}

/// A table for people: one line per target, its explanation below it.
/// Cells are cut at [`MAX_CELL`] characters and explanations at
/// [`MAX_EXPLANATION`], so the table grows with the number of targets, not
/// with the longest text in the input.
fn text_table(evaluation: &Evaluation<'_>) -> String {
    let rows: Vec<[String; 5]> = evaluation
        .results()
        .iter()
        .map(|r| {
            let evidence = r.evidence().map_or_else(
                || "-".to_owned(),
                |o| match o.qualifier() {
                    // A bounded figure: `more_than 80 (2025)`.
                    Some(q) => format!("{q} {} ({})", o.reading(), o.period()),
                    None => format!("{} ({})", o.reading(), o.period()),
                },
            );
            [
                r.target().id().to_owned(),
                r.target().unit().to_owned(),
                r.status().to_string(),
                evidence,
                format!(
                    "{} by {}",
                    r.target().rule().display_in(r.indicator().kind()),
                    r.target().deadline()
                ),
            ]
            .map(|cell| elide(&cell, MAX_CELL))
        })
        .collect();
    let header = ["TARGET", "UNIT", "STATUS", "EVIDENCE", "RULE"].map(str::to_owned);
    let mut widths = header.clone().map(|h| h.chars().count());
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &[String; 5]| {
        cells
            .iter()
            .zip(widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_owned()
    };
    let mut out = format!("as of {}\n{}\n", evaluation.as_of(), line(&header));
    for (row, r) in rows.iter().zip(evaluation.results()) {
        out.push_str(&line(row));
        out.push_str("\n    ");
        out.push_str(&elide(&r.explanation(), MAX_EXPLANATION));
        out.push('\n');
    }
    let counts: Vec<String> = evaluation
        .counts()
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| format!("{s} {n}"))
        .collect();
    let n = evaluation.results().len();
    let noun = if n == 1 { "target" } else { "targets" };
    out.push_str(&format!("{n} {noun}: {}", counts.join(", ")));
    out
}
