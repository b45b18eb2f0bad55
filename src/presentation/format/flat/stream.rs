//! The flat reader of [`super`] on a document read from a stream (a file),
//! a piece at a time, so that its whole text is never in memory at once:
//! each piece is the text from where the one before ended to the end of
//! its last whole element, scanned as the whole text would be, and handed
//! to the checks with a locator that counts lines and columns on from
//! where the piece starts.
//!
//! Whatever is not the usual shape, is not UTF-8 or is larger than a
//! document may be makes it give up, as the reader of a whole text does:
//! the caller then reads the document whole, again from its start.

use std::io::{self, Read};
use std::ops::ControlFlow;
use std::sync::mpsc;

use super::{FlatDocument, Pattern, SCANNED_BESIDE, Scan};
use crate::foundations::error::{Location, Locator, Problems, Reached};
use crate::foundations::pool::worth_splitting;
use crate::presentation::format::json::{Fields, MAX_DOCUMENT_BYTES, Raw};

/// How many bytes a piece takes from the stream at least (an element
/// longer than that makes its piece larger).
pub(crate) const PIECE: usize = 64 << 10;

/// How many pieces the scan may be ahead of the checks when it runs on a
/// thread of its own: a few megabytes whatever the document's size.
const PIECES_AHEAD: usize = 8;

/// Reads the document from `reader`, of `size` bytes, `piece` bytes at a
/// time at least (see [`PIECE`]), as [`read_flat`](super::read_flat) reads
/// a text: `each` gets element `i`'s fields, its text, the number of
/// problems listed before it and a locator of the piece the element is in.
/// Returns the `format`'s JSON text (`None` inside when the document has
/// none), or `None` when the document is not of the usual shape — after
/// `each` may have been called for some elements, which the caller then
/// undoes, to read the document whole.
///
/// With the `rayon` feature and more than one thread in its pool, a
/// document of [`SCANNED_BESIDE`] bytes or more is read and scanned on a
/// thread of its own while `each` checks its elements, in order, on the
/// caller's.
///
/// # Errors
/// The reader's.
pub(crate) fn read_flat_stream<R: Read + Send, const N: usize>(
    reader: &mut R,
    size: u64,
    piece: usize,
    array: &str,
    names: &'static [&'static str; N],
    problems: &mut Problems,
    mut each: impl FnMut(usize, &Fields<'_, N>, Raw<'_>, usize, &mut Problems, &mut Locator<'_>),
) -> io::Result<Option<Option<String>>> {
    if worth_splitting(usize::try_from(size).unwrap_or(usize::MAX), SCANNED_BESIDE)
        && let Some(read) = read_beside(reader, size, piece, array, names, problems, &mut each)
    {
        return read;
    }
    let mut here = CheckHere {
        each,
        i: 0,
        problems,
        located: None,
    };
    scan_stream(reader, size, piece, array, names, &mut here)
}

/// [`read_flat_stream`] with the reading and the scan on a thread of their
/// own, which hands each piece to the caller's thread, where `each` checks
/// its elements in order. `None` when no thread could be started.
fn read_beside<R: Read + Send, const N: usize>(
    reader: &mut R,
    size: u64,
    piece: usize,
    array: &str,
    names: &'static [&'static str; N],
    problems: &mut Problems,
    each: &mut impl FnMut(usize, &Fields<'_, N>, Raw<'_>, usize, &mut Problems, &mut Locator<'_>),
) -> Option<io::Result<Option<Option<String>>>> {
    let (full, scanned) = mpsc::sync_channel::<Piece<N>>(PIECES_AHEAD);
    // Pieces checked are handed back, their room to be filled again.
    let (emptied, empty) = mpsc::channel::<Piece<N>>();
    std::thread::scope(|scope| {
        let scan = move || {
            let mut send = SendOn {
                room: piece.saturating_mul(4),
                elements: Vec::new(),
                full,
                empty,
            };
            scan_stream(reader, size, piece, array, names, &mut send)
        };
        let scanner = std::thread::Builder::new()
            .name("policy-targets read".to_owned())
            .spawn_scoped(scope, scan)
            .ok()?;
        #[cfg(test)]
        tests::READ_BESIDE_RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let (mut i, mut lost) = (0usize, false);
        'pieces: for piece in scanned {
            let mut locator = Locator::resuming(&piece.text, piece.at);
            for spans in &piece.elements {
                let Some((fields, element)) = spans.fields(&piece.text, names) else {
                    // Not to be (the places were taken from this text):
                    // the document is then read whole.
                    lost = true;
                    break 'pieces;
                };
                each(
                    i,
                    &fields,
                    element,
                    problems.listed(),
                    problems,
                    &mut locator,
                );
                i = i.saturating_add(1);
            }
            // The scan may have ended already: the piece is then dropped.
            let _ = emptied.send(piece);
        }
        let read = scanner
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        Some(read.map(|read| read.filter(|_| !lost)))
    })
}

/// A part of the document: its text, where that text starts in the
/// document, and the elements whose text ends in it.
struct Piece<const N: usize> {
    text: String,
    at: Location,
    elements: Vec<Spans<N>>,
}

/// An element's fields, as places in its piece's text (which is less than
/// 4 GiB, as a document is): each field's value from its first byte to
/// past its last, `(0, 0)` when the element does not have it (no value is
/// empty); which values are strings without escapes, a bit each.
struct Spans<const N: usize> {
    slots: [(u32, u32); N],
    plain: u64,
    /// What places the object (its first key), `(0, 0)` when nothing does.
    start: (u32, u32),
    /// The whole element.
    element: (u32, u32),
}

/// Where `part`, a part of `text`, is in it.
fn place_in(text: &str, part: &str) -> Option<(u32, u32)> {
    let from = (part.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
    let to = from.checked_add(part.len())?;
    if to > text.len() {
        return None;
    }
    Some((u32::try_from(from).ok()?, u32::try_from(to).ok()?))
}

/// The part of `text` at `place`.
fn at_place(text: &str, (from, to): (u32, u32)) -> Option<&str> {
    text.get(usize::try_from(from).ok()?..usize::try_from(to).ok()?)
}

impl<const N: usize> Spans<N> {
    /// The places of `fields` and of `element`, read from `text`.
    fn of(text: &str, fields: &Fields<'_, N>, element: &str) -> Option<Self> {
        const { assert!(N <= 64, "a bit for each field") };
        let (values, start) = fields.parts();
        let mut spans = Spans {
            slots: [(0, 0); N],
            plain: 0,
            start: (0, 0),
            element: place_in(text, element)?,
        };
        for (k, (slot, raw)) in spans.slots.iter_mut().zip(values).enumerate() {
            if let Some(raw) = raw {
                *slot = place_in(text, raw.get())?;
                if raw.is_plain() {
                    spans.plain |= 1u64.checked_shl(u32::try_from(k).ok()?)?;
                }
            }
        }
        if let Some(start) = start {
            spans.start = place_in(text, start)?;
        }
        Some(spans)
    }

    /// The fields and the element's text, from `text`, their piece's.
    fn fields<'p>(
        &self,
        text: &'p str,
        names: &'static [&'static str; N],
    ) -> Option<(Fields<'p, N>, Raw<'p>)> {
        let mut slots = [None; N];
        let mut plain = self.plain;
        for (slot, &place) in slots.iter_mut().zip(&self.slots) {
            if place != (0, 0) {
                let value = at_place(text, place)?;
                *slot = Some(if plain & 1 == 1 {
                    Raw::plain_string(value)
                } else {
                    Raw::new(value)
                });
            }
            plain >>= 1;
        }
        let start = match self.start {
            (0, 0) => None,
            place => Some(at_place(text, place)?),
        };
        let element = Raw::new(at_place(text, self.element)?);
        Some((Fields::new(slots, names, start), element))
    }
}

/// The bytes of a stream, taken as UTF-8 text.
struct Input<'r, R> {
    reader: &'r mut R,
    /// How many bytes a read asks for at least.
    piece: usize,
    /// The bytes of a character the last read cut, which the next
    /// completes.
    cut: Vec<u8>,
    /// How many bytes have been read, and how many the stream was said to
    /// hold (it may hold more).
    read: u64,
    size: u64,
    /// Whether no text has been taken yet (a byte-order mark is then not
    /// the document's).
    at_start: bool,
    state: State,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Reading,
    /// The stream has ended, at the end of a character.
    Ended,
    /// The stream is not UTF-8, or larger than a document may be.
    Refused,
}

impl<'r, R: Read> Input<'r, R> {
    fn new(reader: &'r mut R, size: u64, piece: usize) -> Self {
        Input {
            reader,
            piece: piece.max(1),
            cut: Vec::new(),
            read: 0,
            size,
            at_start: true,
            state: State::Reading,
        }
    }

    /// Adds the stream's next bytes to `text`, read into its own room: at
    /// least a piece of them and at least as many as `text` holds (so that
    /// an element read again because it was cut is read again a few times
    /// at most), unless the stream ends first, and no more room than the
    /// stream has left by its size. `false` when nothing was added: the
    /// stream has ended, or was refused (`text` is then left as it may be).
    fn more(&mut self, text: &mut String) -> io::Result<bool> {
        if self.state != State::Reading {
            return Ok(false);
        }
        // No more than the stream holds, as far as its size is known, and
        // a byte more to see it end.
        let left = self.size.saturating_sub(self.read).saturating_add(1);
        let want = self
            .piece
            .max(text.len())
            .min(usize::try_from(left).unwrap_or(usize::MAX));
        let mut bytes = std::mem::take(text).into_bytes();
        bytes.append(&mut self.cut);
        let start = bytes.len();
        let asked = u64::try_from(want).unwrap_or(u64::MAX);
        // Reads until `want` bytes have come or the stream ends, through
        // interruptions, into room that is not filled first.
        let got = (&mut *self.reader).take(asked).read_to_end(&mut bytes)?;
        let ended = got < want;
        let filled = bytes.len();
        let fresh = filled.saturating_sub(start);
        self.read = self
            .read
            .saturating_add(u64::try_from(fresh).unwrap_or(u64::MAX));
        if usize::try_from(self.read).map_or(true, |r| r > MAX_DOCUMENT_BYTES) {
            self.state = State::Refused;
            return Ok(false);
        }
        let mut read = match String::from_utf8(bytes) {
            Ok(read) => read,
            // A character cut at the end of what was read is completed by
            // the next read.
            Err(e) if e.utf8_error().error_len().is_none() && !ended => {
                let valid = e.utf8_error().valid_up_to();
                let mut bytes = e.into_bytes();
                self.cut = bytes.split_off(valid);
                match String::from_utf8(bytes) {
                    Ok(read) => read,
                    Err(_) => {
                        self.state = State::Refused;
                        return Ok(false);
                    }
                }
            }
            Err(_) => {
                self.state = State::Refused;
                return Ok(false);
            }
        };
        if self.at_start {
            // A byte-order mark at the start of the document is not its
            // text (a second one is).
            let marked = read.starts_with('\u{feff}');
            if marked {
                read.drain(..'\u{feff}'.len_utf8());
            }
            self.at_start = !marked && read.is_empty();
        }
        *text = read;
        if ended {
            self.state = State::Ended;
        }
        Ok(fresh > 0)
    }

    /// Reads the stream to its end into `text`; `false` when it was refused.
    fn rest(&mut self, text: &mut String) -> io::Result<bool> {
        while self.more(text)? {}
        Ok(self.state == State::Ended)
    }
}

/// The document's start, in `text`, up to its array's `[` and the blanks
/// after it: the `format`'s text when it comes first, and where the
/// elements start. `None` when `text` does not hold it (yet).
fn head(text: &str, array: &str) -> Option<(Option<String>, usize)> {
    let mut doc = FlatDocument::open(text)?;
    let mut format = None;
    loop {
        let key = doc.key()??;
        if key == "format" && format.is_none() {
            format = Some(doc.value()?.get().to_owned());
        } else if key == array {
            doc.s.eat(b'[')?;
            doc.s.blank();
            return Some((format, doc.s.pos));
        } else {
            return None;
        }
    }
}

/// The document's end, in `text` from `at` (its array's `]`): the
/// `format`'s text when it comes after the array, and nothing else.
/// `None` when the end is not of the usual shape.
fn tail(text: &str, at: usize, format: Option<String>) -> Option<Option<String>> {
    let mut s = Scan { text, pos: at };
    s.eat(b']')?;
    let mut doc = FlatDocument { s, first: false };
    let mut format = format;
    while let Some(key) = doc.key()? {
        if key == "format" && format.is_none() {
            format = Some(doc.value()?.get().to_owned());
        } else {
            return None;
        }
    }
    Some(format)
}

/// How much of the document's start is read, at most, to find the array:
/// a document whose start is longer (or not of the usual shape, which the
/// scan cannot tell from a start not read yet) is read whole.
const HEAD_MAX: usize = 1 << 20;

/// How far past the end of its last whole element the scan reads, at most,
/// for the next one: this many times the longest element so far, and at
/// least [`HEAD_MAX`]. An element that is not of the usual shape looks to
/// the scan like one not read to its end yet; the document is then read
/// whole.
const FAR_PAST: usize = 64;

/// What the scan of a stream hands its elements and its pieces to.
trait Sink<const N: usize> {
    /// An element, `element` with the fields `fields`, of `text`: the piece
    /// read so far, which starts at `at` in the document. `Break` gives up.
    fn element(
        &mut self,
        text: &str,
        at: Location,
        fields: &Fields<'_, N>,
        element: &str,
    ) -> ControlFlow<()>;

    /// A piece, `text`, which ends where its last element ends and starts
    /// at `at`; the answer is room for the next piece's text (or `Break`,
    /// which gives up).
    fn piece(&mut self, text: String, at: Location) -> ControlFlow<(), Option<String>>;
}

/// The scan of [`read_flat_stream`], which hands each element and each
/// piece to `sink`, in order.
fn scan_stream<R: Read, const N: usize>(
    reader: &mut R,
    size: u64,
    piece_bytes: usize,
    array: &str,
    names: &'static [&'static str; N],
    sink: &mut impl Sink<N>,
) -> io::Result<Option<Option<String>>> {
    let mut input = Input::new(reader, size, piece_bytes);
    let mut text = String::new();
    let mut at = Location { line: 1, column: 1 };
    let (format, mut pos) = loop {
        if let Some(head) = head(&text, array) {
            break head;
        }
        if text.len() >= HEAD_MAX || !input.more(&mut text)? {
            return Ok(None);
        }
    };
    // As the scan of a whole text keeps them (see `Scan::elements`).
    let mut order: [usize; N] = std::array::from_fn(|k| k);
    let patterns = names.map(Pattern::of);
    // Whether an element has been read (the next is after a `,`), and
    // whether one has since the last piece was handed over.
    let (mut after_one, mut in_piece) = (false, false);
    let mut longest = 0usize;
    loop {
        // The whole elements of the text read so far, and where the array
        // ends when it ends there.
        let closed = {
            let mut fields = Fields::new([None; N], names, None);
            let mut s = Scan { text: &text, pos };
            loop {
                s.blank();
                let next = if after_one {
                    s.next_member()
                } else {
                    s.peek().map(|b| b != b']')
                };
                match next {
                    Some(true) => {}
                    Some(false) => break Some(s.pos),
                    None => break None,
                }
                let start = s.pos;
                if s.object(&mut order, &patterns, &mut fields).is_none() {
                    break None;
                }
                let Some(element) = text.get(start..s.pos) else {
                    return Ok(None);
                };
                if sink.element(&text, at, &fields, element).is_break() {
                    return Ok(None);
                }
                longest = longest.max(element.len());
                pos = s.pos;
                (after_one, in_piece) = (true, true);
            }
        };
        if let Some(end) = closed {
            if !input.rest(&mut text)? {
                return Ok(None);
            }
            let Some(format) = tail(&text, end, format) else {
                return Ok(None);
            };
            return Ok(sink.piece(text, at).is_continue().then_some(format));
        }
        // The text ends inside an element (or a bad one stops the scan):
        // the piece goes up to the end of its last element, and the rest
        // starts the next.
        if in_piece {
            let Some(rest) = text.get(pos..).map(str::to_owned) else {
                return Ok(None);
            };
            text.truncate(pos);
            let next_at = Locator::resuming(&text, at).end();
            let room = match sink.piece(std::mem::take(&mut text), at) {
                ControlFlow::Continue(room) => room,
                ControlFlow::Break(()) => return Ok(None),
            };
            // The next piece starts with the rest, in the room of a piece
            // done with when there is one.
            text = room.unwrap_or_default();
            text.clear();
            text.push_str(&rest);
            (at, pos, in_piece) = (next_at, 0, false);
        }
        let far = longest.saturating_mul(FAR_PAST).max(HEAD_MAX);
        if text.len().saturating_sub(pos) > far || !input.more(&mut text)? {
            return Ok(None);
        }
    }
}

/// The sink of a stream checked where it is scanned: each element is
/// handed to `each` as it is read, with the fields the scan made.
struct CheckHere<'p, F> {
    each: F,
    i: usize,
    problems: &'p mut Problems,
    /// How far the locator of the piece being read has read (the piece's
    /// text grows, and its start stays as it was).
    located: Option<Reached>,
}

impl<F, const N: usize> Sink<N> for CheckHere<'_, F>
where
    F: FnMut(usize, &Fields<'_, N>, Raw<'_>, usize, &mut Problems, &mut Locator<'_>),
{
    fn element(
        &mut self,
        text: &str,
        at: Location,
        fields: &Fields<'_, N>,
        element: &str,
    ) -> ControlFlow<()> {
        // A locator reads the text only when an element has a problem, on
        // from where it was.
        let mut locator = match self.located {
            Some(reached) => Locator::going_on(text, reached),
            None => Locator::resuming(text, at),
        };
        let mark = self.problems.listed();
        (self.each)(
            self.i,
            fields,
            Raw::new(element),
            mark,
            self.problems,
            &mut locator,
        );
        self.located = Some(locator.reached());
        self.i = self.i.saturating_add(1);
        ControlFlow::Continue(())
    }

    fn piece(&mut self, text: String, _: Location) -> ControlFlow<(), Option<String>> {
        self.located = None;
        // The piece's room is taken again by the next one.
        ControlFlow::Continue(Some(text))
    }
}

/// The sink of a stream scanned on a thread of its own: the elements of
/// each piece are kept as places in its text, and each piece is sent to
/// the thread that checks them.
struct SendOn<const N: usize> {
    /// The most a piece's room may hold to be taken again.
    room: usize,
    elements: Vec<Spans<N>>,
    full: mpsc::SyncSender<Piece<N>>,
    empty: mpsc::Receiver<Piece<N>>,
}

impl<const N: usize> Sink<N> for SendOn<N> {
    fn element(
        &mut self,
        text: &str,
        _: Location,
        fields: &Fields<'_, N>,
        element: &str,
    ) -> ControlFlow<()> {
        match Spans::of(text, fields, element) {
            Some(spans) => {
                self.elements.push(spans);
                ControlFlow::Continue(())
            }
            None => ControlFlow::Break(()),
        }
    }

    fn piece(&mut self, text: String, at: Location) -> ControlFlow<(), Option<String>> {
        let piece = Piece {
            text,
            at,
            elements: std::mem::take(&mut self.elements),
        };
        // The checks have stopped (they panicked, or gave up): so does the
        // scan.
        if self.full.send(piece).is_err() {
            return ControlFlow::Break(());
        }
        // A room grown for a long element is given back rather than kept.
        let done = self.empty.try_recv().ok();
        ControlFlow::Continue(done.and_then(|mut done| {
            done.elements.clear();
            self.elements = done.elements;
            (done.text.capacity() <= self.room).then_some(done.text)
        }))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use std::sync::atomic::AtomicUsize;

    /// How many times the reading beside ran (the tests check that it did).
    pub(crate) static READ_BESIDE_RUNS: AtomicUsize = AtomicUsize::new(0);

    /// A document of a few megabytes read from a stream on a thread of its
    /// own in a pool of several threads, in place in a pool of one, and as
    /// a whole text: `each` is called the same way, with the same places,
    /// in the same order, and the answer is the same, whether the document
    /// is read to its end or given up on (at its first element, in the
    /// middle, at its last, after its array).
    #[cfg(feature = "rayon")]
    #[test]
    #[allow(clippy::arithmetic_side_effects, reason = "a test's small counts")]
    fn a_stream_read_beside_its_checks_is_read_as_a_whole_text() {
        use super::*;
        use crate::foundations::error::Problems;
        use std::io::Cursor;

        fn calls(text: &str, threads: Option<usize>) -> (Vec<String>, String) {
            let mut calls = Vec::new();
            let mut problems = Problems::default();
            let mut record = |i: usize,
                              f: &Fields<'_, 2>,
                              element: Raw<'_>,
                              mark,
                              problems: &mut Problems,
                              at: Option<Location>| {
                if f.get("a").is_some_and(|a| a.get() == "\"bad\"") {
                    problems.push(crate::ErrorKind::InvalidValue, format!("xs[{i}].a"), "bad");
                }
                calls.push(format!("{i} {f:?} {} {mark} {at:?}", element.get()));
            };
            let read = match threads {
                None => {
                    let mut locator = Locator::new(text);
                    super::super::read_flat(
                        text,
                        "xs",
                        &["a", "b"],
                        &mut problems,
                        |i, f, e, mark, p| {
                            let at = f.location(&mut locator);
                            record(i, f, e, mark, p, at);
                        },
                    )
                    .map(|format| format.map(|f| f.get().to_owned()))
                }
                Some(threads) => {
                    let pool = rayon::ThreadPoolBuilder::new()
                        .num_threads(threads)
                        .build()
                        .unwrap();
                    pool.install(|| {
                        read_flat_stream(
                            &mut Cursor::new(text),
                            text.len() as u64,
                            PIECE,
                            "xs",
                            &["a", "b"],
                            &mut problems,
                            |i, f, e, mark, p, locator| {
                                let at = f.location(locator);
                                record(i, f, e, mark, p, at);
                            },
                        )
                        .unwrap()
                    })
                }
            };
            (calls, format!("{read:?} {:?}", problems.into_result()))
        }

        let n = 40_000;
        let texts = super::super::tests::documents_of_many_elements(n);
        for text in &texts {
            assert!(text.len() > 4 * PIECE);
            let runs = || READ_BESIDE_RUNS.load(std::sync::atomic::Ordering::Relaxed);
            let before = runs();
            let beside = calls(text, Some(4));
            assert!(runs() > before, "read on a thread of its own");
            let in_place = calls(text, Some(1));
            let whole = calls(text, None);
            if whole.1.starts_with("None") {
                // Given up on, after some of its elements were read (the
                // caller undoes them): those of the text, in its order.
                for (read, _) in [&beside, &in_place] {
                    assert!(read.len() <= whole.0.len());
                    assert!(read[..] == whole.0[..read.len()], "the calls differ");
                }
                assert!(beside.1.starts_with("None") && in_place.1.starts_with("None"));
            } else {
                assert!(beside == whole, "{} against {}", beside.1, whole.1);
                assert!(in_place == whole, "{} against {}", in_place.1, whole.1);
            }
        }
        let (calls, read) = calls(texts.first().unwrap(), Some(4));
        assert_eq!(calls.len(), n);
        assert!(read.starts_with("Some(Some("), "{read}");
        // A line for each element, and one more in each seventh.
        let line = n + n / 7;
        assert!(
            calls[n - 1].ends_with(&format!("Some(Location {{ line: {line}, column: 3 }})")),
            "{}",
            calls[n - 1]
        );
    }

    /// When a check panics while the stream is read on a thread of its
    /// own, the panic reaches the caller (the reading, told by its
    /// channel, stops).
    #[cfg(feature = "rayon")]
    #[test]
    fn a_panic_while_checking_a_stream_reaches_the_caller() {
        use super::*;
        use std::io::Cursor;

        let elements: Vec<String> = (0..100_000)
            .map(|i| format!(r#"{{"a": "{i:0>40}", "b": {i}}}"#))
            .collect();
        let text = format!(r#"{{"format": "f", "xs": [{}]}}"#, elements.join(", "));
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        let read = pool.install(|| {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                read_flat_stream(
                    &mut Cursor::new(&text),
                    text.len() as u64,
                    PIECE,
                    "xs",
                    &["a", "b"],
                    &mut Problems::default(),
                    |i, _, _, _, _, _| assert!(i < 1_000, "checked"),
                )
            }))
        });
        let panic = read.unwrap_err();
        assert_eq!(panic.downcast_ref::<&str>(), Some(&"checked"));
    }
}
