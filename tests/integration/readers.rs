//! Observations read from a reader, as a program reads a file, through the
//! public API: the same observations and the same report as from the text,
//! whatever the reader hands over at a time, and the reader's own failure
//! kept apart from the documents' problems.

use std::io::{self, Cursor, Read, Seek, SeekFrom};

use policy_targets::format::{load_with_units, load_with_units_from_reader};
use policy_targets::{Catalogue, Observations};

const CATALOGUE: &str = r#"{"format": "policy-targets/catalogue@1",
  "indicators": [{"id": "share", "kind": "percent"}, {"id": "count", "kind": "count"}],
  "targets": []}"#;

/// A reader of `bytes` that hands over at most `step` bytes a read and is
/// interrupted every third read (as a signal interrupts a system call), or
/// fails for good after `fails_after` bytes.
struct Trickle {
    bytes: Cursor<Vec<u8>>,
    step: usize,
    reads: usize,
    fails_after: Option<u64>,
}

impl Trickle {
    fn new(bytes: &[u8], step: usize) -> Self {
        Trickle {
            bytes: Cursor::new(bytes.to_vec()),
            step,
            reads: 0,
            fails_after: None,
        }
    }
}

impl Read for Trickle {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.reads += 1;
        if self.reads.is_multiple_of(3) {
            return Err(io::ErrorKind::Interrupted.into());
        }
        if self
            .fails_after
            .is_some_and(|at| self.bytes.position() >= at)
        {
            return Err(io::Error::other("the disk went away"));
        }
        let n = buf.len().min(self.step);
        self.bytes.read(&mut buf[..n])
    }
}

impl Seek for Trickle {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        self.bytes.seek(to)
    }
}

/// Observations of `units` units, three each, with a problem every
/// `problem_every` units (none when 0), one element a line.
fn document(units: usize, problem_every: usize) -> String {
    let mut elements = Vec::new();
    for u in 0..units {
        for (year, value) in [(2023, 40), (2024, 55), (2025, 70)] {
            let value = if problem_every > 0 && u % problem_every == 0 && year == 2024 {
                170
            } else {
                value
            };
            elements.push(format!(
                r#"{{"indicator": "share", "unit": "Xã {u}", "period": "{year}", "published": "{year}-12-31", "value": {value}}}"#
            ));
        }
    }
    format!(
        "{{\"format\": \"policy-targets/observations@1\", \"observations\": [\n  {}\n]}}",
        elements.join(",\n  ")
    )
}

fn from_text(text: &str) -> String {
    match load_with_units(CATALOGUE, text, None) {
        Ok((_, observations, _)) => observations.to_json(),
        Err(e) => e.to_string(),
    }
}

fn from_reader(reader: &mut (impl Read + Seek + Send)) -> String {
    match load_with_units_from_reader(CATALOGUE, reader, None).unwrap() {
        Ok((_, observations, _)) => observations.to_json(),
        Err(e) => e.to_string(),
    }
}

#[test]
fn a_reader_gives_what_the_text_gives() {
    let texts = [
        document(30, 0),
        document(30, 7),
        // Large enough to be read on a thread of its own with `rayon`.
        document(6_000, 0),
        document(6_000, 1_000),
        format!("\u{feff}{}", document(10, 3)),
        document(10, 0).replacen("Xã 5", "X\\u00e3 5", 1),
        document(10, 0).replace(']', "], \"extra\": 1"),
        document(10, 0)[..600].to_owned(),
    ];
    for text in &texts {
        let expected = from_text(text);
        assert_eq!(from_reader(&mut Cursor::new(text)), expected);
        for step in [1, 3, 4096] {
            assert_eq!(
                from_reader(&mut Trickle::new(text.as_bytes(), step)),
                expected
            );
        }
    }
    // A problem's place is counted over the whole document.
    let report = from_text(&texts[3]);
    assert!(
        report.contains("observations[15001].value (line 15003, column 3)"),
        "{report}"
    );
}

#[test]
fn a_reader_is_read_from_where_it_stands() {
    let text = document(20, 9);
    let mut bytes = b"not JSON".to_vec();
    bytes.extend_from_slice(text.as_bytes());
    let mut reader = Cursor::new(bytes);
    reader.set_position(8);
    assert_eq!(from_reader(&mut reader), from_text(&text));
}

#[test]
fn bytes_that_are_not_utf8_are_named() {
    let mut bytes = document(20, 0).into_bytes();
    bytes.insert(500, 0xff);
    let catalogue = Catalogue::from_json(CATALOGUE).unwrap();
    let err = Observations::from_json_reader(&mut Cursor::new(&bytes), &catalogue)
        .unwrap()
        .unwrap_err();
    let whole = policy_targets::format::document_text(&bytes).unwrap_err();
    assert_eq!(err.to_string(), whole.to_string());
    assert!(err.to_string().contains("(byte 500)"), "{err}");
}

#[test]
fn the_readers_failure_is_not_a_problem_of_the_document() {
    let text = document(6_000, 0);
    for at in [0, 100, text.len() as u64 / 2] {
        let mut reader = Trickle::new(text.as_bytes(), 4096);
        reader.fails_after = Some(at);
        let err = load_with_units_from_reader(CATALOGUE, &mut reader, None).unwrap_err();
        assert_eq!(err.to_string(), "the disk went away");
    }
}
