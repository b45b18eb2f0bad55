//! A fast reader for the usual shape of a large document: one object with a
//! `format` and one array of objects whose keys are all known and written
//! without escapes — which is what programs write for observations and
//! units. It scans the text once, byte by byte, and hands each element's
//! fields to the same checks as the general reader (serde_json with [`Raw`]
//! captures), which read every value from the same text: the two give the
//! same results and the same problems.
//!
//! Anything else (an unknown or repeated key, a key with an escape, a
//! syntax error, a second array, nesting deeper than [`MAX_DEPTH`]) makes it
//! give up, and the document is read again by the general reader, which
//! says what is wrong where.

use std::ops::ControlFlow;
use std::sync::mpsc;

pub(crate) mod stream;

use crate::foundations::error::{Path, Problems};
use crate::foundations::pool::worth_splitting;
use crate::presentation::format::json::{self, Fields, Raw, name_index};

/// How deep a field's value may nest objects and arrays: this reader
/// recurses, and leaves deeper nesting to serde_json, which does not.
const MAX_DEPTH: usize = 32;

/// Reads `text` as a document of that shape, whose array is `array` and
/// whose elements have the fields `names`: `each` gets element `i`'s
/// fields, its text and the number of problems listed before it. Returns
/// the raw `format` (`None` inside when the document has none), or `None`
/// when the text is not of that shape — after `each` may have been called
/// for some elements, which the caller then undoes.
///
/// With the `rayon` feature and more than one thread in its pool, a
/// document of [`SCANNED_BESIDE`] bytes or more is scanned on a thread of
/// its own while `each` reads its elements, in order, on the caller's:
/// the same calls with the same arguments.
pub(crate) fn read_flat<'t, const N: usize>(
    text: &'t str,
    array: &str,
    names: &'static [&'static str; N],
    problems: &mut Problems,
    mut each: impl FnMut(usize, &Fields<'t, N>, Raw<'t>, usize, &mut Problems),
) -> Option<Option<Raw<'t>>> {
    if worth_splitting(text.len(), SCANNED_BESIDE)
        && let Some(read) = read_flat_beside(text, array, names, problems, &mut each)
    {
        return read;
    }
    let mut i = 0usize;
    scan_flat(text, array, names, |fields, element| {
        each(i, fields, element, problems.listed(), problems);
        i = i.saturating_add(1);
        ControlFlow::Continue(())
    })
}

/// A document of at least this many bytes is scanned beside the reading of
/// its elements (with the `rayon` feature): below it, a thread of its own
/// costs more than it saves.
const SCANNED_BESIDE: usize = 1 << 20;

/// How many elements the scan hands over at a time.
const BATCH: usize = 1024;

/// How many batches the scan may be ahead of the reading: it waits when
/// the reading is this far behind, so that it holds a bounded number of
/// elements (a few megabytes of slices) whatever the document's size.
const BATCHES_AHEAD: usize = 8;

/// [`read_flat`] with the scan on a thread of its own, which hands each
/// batch of elements to the caller's thread, where `each` reads them in
/// order. `None` when no thread could be started (the caller then scans
/// the document itself).
fn read_flat_beside<'t, const N: usize>(
    text: &'t str,
    array: &str,
    names: &'static [&'static str; N],
    problems: &mut Problems,
    each: &mut impl FnMut(usize, &Fields<'t, N>, Raw<'t>, usize, &mut Problems),
) -> Option<Option<Option<Raw<'t>>>> {
    type Batch<'t, const N: usize> = Vec<(Fields<'t, N>, Raw<'t>)>;
    let (full, scanned) = mpsc::sync_channel::<Batch<'t, N>>(BATCHES_AHEAD);
    // Batches read are handed back to be filled again.
    let (emptied, empty) = mpsc::channel::<Batch<'t, N>>();
    std::thread::scope(|scope| {
        let scan = move || {
            let mut batch = Vec::with_capacity(BATCH);
            let read = scan_flat(text, array, names, |fields, element| {
                batch.push((fields.clone(), element));
                if batch.len() >= BATCH {
                    let next = empty
                        .try_recv()
                        .unwrap_or_else(|_| Vec::with_capacity(BATCH));
                    // The reading has stopped (its `each` panicked): so
                    // does the scan.
                    if full.send(std::mem::replace(&mut batch, next)).is_err() {
                        return ControlFlow::Break(());
                    }
                }
                ControlFlow::Continue(())
            });
            if !batch.is_empty() {
                // Nothing to do when the reading has stopped.
                let _ = full.send(batch);
            }
            read
        };
        let scanner = std::thread::Builder::new()
            .name("policy-targets scan".to_owned())
            .spawn_scoped(scope, scan)
            .ok()?;
        #[cfg(test)]
        tests::SCANNED_BESIDE_RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let mut i = 0usize;
        // The batches in the order they were scanned, until the scan ends
        // and drops its end of the channel.
        for mut batch in scanned {
            for (fields, element) in &batch {
                each(i, fields, *element, problems.listed(), problems);
                i = i.saturating_add(1);
            }
            batch.clear();
            // The scan may have ended already: the batch is then dropped.
            let _ = emptied.send(batch);
        }
        Some(
            scanner
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
        )
    })
}

/// [`read_flat`]'s scan: `element` gets each element's fields and text, in
/// order; the scan gives up (`None`) when it answers `Break`.
fn scan_flat<'t, const N: usize>(
    text: &'t str,
    array: &str,
    names: &'static [&'static str; N],
    mut element: impl FnMut(&Fields<'t, N>, Raw<'t>) -> ControlFlow<()>,
) -> Option<Option<Raw<'t>>> {
    let mut doc = FlatDocument::open(text)?;
    let (mut format, mut elements) = (None, false);
    while let Some(key) = doc.key()? {
        if key == "format" && format.is_none() {
            format = Some(doc.value()?);
        } else if key == array && !elements {
            elements = true;
            doc.s.elements(names, &mut element)?;
        } else {
            return None;
        }
    }
    // Without the array, the general reader says so.
    elements.then_some(format)
}

/// A document's top-level object read by the scan, member by member, for a
/// reader that says which keys it takes in which order: any step answers
/// `None` when the text is not of the usual shape.
pub(crate) struct FlatDocument<'t> {
    s: Scan<'t>,
    /// Whether no member has been read yet.
    first: bool,
}

impl<'t> FlatDocument<'t> {
    /// The document `text`, when it starts an object.
    pub(crate) fn open(text: &'t str) -> Option<Self> {
        let mut s = Scan { text, pos: 0 };
        s.blank();
        s.eat(b'{')?;
        Some(FlatDocument { s, first: true })
    }

    /// The next member's key (its value is to be read next), or `None`
    /// inside at the end of the object, which only blanks may follow.
    pub(crate) fn key(&mut self) -> Option<Option<&'t str>> {
        let s = &mut self.s;
        s.blank();
        let more = if self.first {
            s.peek()? != b'}'
        } else {
            s.next_member()?
        };
        self.first = false;
        if !more {
            s.eat(b'}')?;
            s.blank();
            return (s.pos == s.text.len()).then_some(None);
        }
        let key = s.plain_key()?;
        s.colon()?;
        Some(Some(key))
    }

    /// A member's value, whatever it is.
    pub(crate) fn value(&mut self) -> Option<Raw<'t>> {
        self.s.value(0)
    }

    /// A member's value, an array of objects with the fields `names`, each
    /// handed to `each` as it is read (as [`read_flat`] does).
    pub(crate) fn elements<const N: usize>(
        &mut self,
        names: &'static [&'static str; N],
        problems: &mut Problems,
        mut each: impl FnMut(usize, &Fields<'t, N>, Raw<'t>, usize, &mut Problems),
    ) -> Option<()> {
        let mut i = 0usize;
        self.s.elements(names, &mut |fields, element| {
            each(i, fields, element, problems.listed(), problems);
            i = i.saturating_add(1);
            ControlFlow::Continue(())
        })
    }
}

/// Reads the object `raw` (a field's value) into the fields `names`, as
/// [`json::read_object`] does: the usual object, its keys all known and
/// each given once, by a scan of its own, any other by serde_json.
pub(crate) fn read_object<'t, const N: usize>(
    raw: Raw<'t>,
    names: &'static [&'static str; N],
    path: Path<'_>,
    problems: &mut Problems,
) -> Option<Fields<'t, N>> {
    let text = raw.get();
    let mut s = Scan { text, pos: 0 };
    let mut fields = Fields::new([None; N], names, None);
    // No patterns: making them costs more than they save on one object.
    match s.object(&mut std::array::from_fn(|k| k), &[None; N], &mut fields) {
        Some(()) if s.pos == text.len() => Some(fields.starting_at(text)),
        _ => json::read_object(raw, names, path, problems),
    }
}

/// A position in the text being scanned. Every step that meets what it does
/// not expect answers `None`.
struct Scan<'t> {
    text: &'t str,
    pos: usize,
}

impl<'t> Scan<'t> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn eat(&mut self, byte: u8) -> Option<()> {
        (self.peek()? == byte).then(|| self.pos = self.pos.saturating_add(1))
    }

    /// Skips JSON's four blanks.
    fn blank(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.peek() {
            self.pos = self.pos.saturating_add(1);
        }
    }

    /// `:` between blanks.
    fn colon(&mut self) -> Option<()> {
        self.blank();
        self.eat(b':')?;
        self.blank();
        Some(())
    }

    /// After a member or an element: `true` on `,` (with the blanks after
    /// it), `false` before the closing bracket, which is left to be eaten.
    fn next_member(&mut self) -> Option<bool> {
        match self.peek()? {
            b',' => {
                self.pos = self.pos.saturating_add(1);
                self.blank();
                Some(true)
            }
            b'}' | b']' => Some(false),
            _ => None,
        }
    }

    /// A string: its content as written, and whether it holds escapes,
    /// each checked as serde_json checks it (one of `\"`, `\\`, `\/`, `\b`,
    /// `\f`, `\n`, `\r`, `\t`, or `\u` and four hex digits; what they
    /// stand for is read later, by serde_json). No control character.
    fn string(&mut self) -> Option<(&'t str, bool)> {
        let start = self.pos.checked_add(1)?;
        let (end, escaped) = self.skip_string()?;
        Some((self.text.get(start..end)?, escaped))
    }

    /// A string, as [`Scan::string`] reads it, passed over: where its
    /// content ends (at its closing quote), and whether it holds escapes.
    #[inline(always)]
    fn skip_string(&mut self) -> Option<(usize, bool)> {
        self.eat(b'"')?;
        let bytes = self.text.as_bytes();
        let mut escaped = false;
        loop {
            let at = self
                .pos
                .checked_add(special_byte(bytes.get(self.pos..)?)?)?;
            match bytes.get(at)? {
                b'"' => {
                    self.pos = at.checked_add(1)?;
                    return Some((at, escaped));
                }
                b'\\' => {
                    escaped = true;
                    let after = at.checked_add(1)?;
                    self.pos = match bytes.get(after)? {
                        b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => {
                            after.checked_add(1)?
                        }
                        b'u' => {
                            let hex = bytes.get(after.checked_add(1)?..after.checked_add(5)?)?;
                            if !hex.iter().all(u8::is_ascii_hexdigit) {
                                return None;
                            }
                            after.checked_add(5)?
                        }
                        _ => return None,
                    };
                }
                _ => return None,
            }
        }
    }

    /// A key: a string without escapes (a key written with escapes is
    /// left to serde_json, which reads what they stand for).
    fn plain_key(&mut self) -> Option<&'t str> {
        match self.string()? {
            (key, false) => Some(key),
            (_, true) => None,
        }
    }

    /// A key among `names`: where its text starts and ends, and its index
    /// among the names. It is first tried at `guess` (without a search, as
    /// the names hold no byte a string escapes; by its pattern among
    /// `patterns` when it has one), which becomes the key's index.
    fn key<const N: usize>(
        &mut self,
        names: &'static [&'static str; N],
        patterns: &[Option<Pattern>; N],
        mut guess: Option<&mut usize>,
    ) -> Option<(std::ops::Range<usize>, usize)> {
        let bytes = self.text.as_bytes();
        let start = self.pos.checked_add(1)?;
        if bytes.get(self.pos) == Some(&b'"')
            && let Some(&mut g) = guess.as_deref_mut()
            && let Some(name) = names.get(g)
            && let Some(end) = start.checked_add(name.len())
            && patterns.get(g).copied().flatten().map_or_else(
                || bytes.get(start..end) == Some(name.as_bytes()) && bytes.get(end) == Some(&b'"'),
                |p| p.starts(bytes.get(start..).unwrap_or_default()),
            )
        {
            self.pos = end.checked_add(1)?;
            return Some((start..end, g));
        }
        let key = self.plain_key()?;
        let index = name_index(names, key)?;
        if let Some(g) = guess {
            *g = index;
        }
        Some((start..start.checked_add(key.len())?, index))
    }

    /// Any value, as its JSON text, `depth` objects and arrays deep.
    fn value(&mut self, depth: usize) -> Option<Raw<'t>> {
        let start = self.pos;
        match self.peek()? {
            b'"' => {
                let (_, escaped) = self.skip_string()?;
                let text = self.text.get(start..self.pos)?;
                return Some(if escaped {
                    Raw::new(text)
                } else {
                    Raw::plain_string(text)
                });
            }
            b't' => self.word("true")?,
            b'f' => self.word("false")?,
            b'n' => self.word("null")?,
            b'{' => self.nested(b'}', depth)?,
            b'[' => self.nested(b']', depth)?,
            _ => self.number()?,
        }
        self.text.get(start..self.pos).map(Raw::new)
    }

    /// A field's value, as [`Scan::value`] reads it, put in slot `index`
    /// of `fields`: a string or a number (the usual values of a flat
    /// object) read here, anything else by [`Scan::value`], which recurses
    /// and is not inlined. `Some(false)` when the slot is filled already.
    ///
    /// Each way fills the slot itself: a value brought to one place from
    /// the three would go through memory in pieces and be read back whole,
    /// which waits for the pieces to be written.
    #[inline(always)]
    fn fill_field_value<const N: usize>(
        &mut self,
        fields: &mut Fields<'t, N>,
        index: usize,
    ) -> Option<bool> {
        let start = self.pos;
        match self.peek()? {
            b'"' => {
                let (_, escaped) = self.skip_string()?;
                let text = self.text.get(start..self.pos)?;
                Some(fields.fill(
                    index,
                    if escaped {
                        Raw::new(text)
                    } else {
                        Raw::plain_string(text)
                    },
                ))
            }
            b'-' | b'0'..=b'9' => {
                self.number()?;
                let text = self.text.get(start..self.pos)?;
                Some(fields.fill(index, Raw::new(text)))
            }
            _ => {
                let value = self.value(0)?;
                Some(fields.fill(index, value))
            }
        }
    }

    /// An object or an array (`close` tells which), checked to its end.
    fn nested(&mut self, close: u8, depth: usize) -> Option<()> {
        let depth = depth.checked_add(1).filter(|d| *d <= MAX_DEPTH)?;
        self.pos = self.pos.saturating_add(1);
        self.blank();
        if self.eat(close).is_some() {
            return Some(());
        }
        loop {
            if close == b'}' {
                self.skip_string()?;
                self.colon()?;
            }
            self.value(depth)?;
            self.blank();
            if !self.next_member()? {
                break;
            }
        }
        self.eat(close)
    }

    fn word(&mut self, word: &str) -> Option<()> {
        let end = self.pos.checked_add(word.len())?;
        (self.text.get(self.pos..end)? == word).then(|| self.pos = end)
    }

    /// A number as JSON writes it: `-`, then `0` or digits not starting
    /// with `0`, then `.` and digits, then `e` or `E`, a sign and digits.
    #[inline]
    fn number(&mut self) -> Option<()> {
        if self.peek() == Some(b'-') {
            self.pos = self.pos.saturating_add(1);
        }
        match self.peek()? {
            b'0' => self.pos = self.pos.saturating_add(1),
            b'1'..=b'9' => self.digits()?,
            _ => return None,
        }
        if self.peek() == Some(b'.') {
            self.pos = self.pos.saturating_add(1);
            self.digits()?;
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos = self.pos.saturating_add(1);
            if let Some(b'+' | b'-') = self.peek() {
                self.pos = self.pos.saturating_add(1);
            }
            self.digits()?;
        }
        Some(())
    }

    /// One digit or more.
    fn digits(&mut self) -> Option<()> {
        let start = self.pos;
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos = self.pos.saturating_add(1);
        }
        (self.pos > start).then_some(())
    }

    /// The array of flat objects, each handed to `each` as it is read;
    /// `None` (given up) when `each` answers `Break`.
    fn elements<const N: usize>(
        &mut self,
        names: &'static [&'static str; N],
        each: &mut impl FnMut(&Fields<'t, N>, Raw<'t>) -> ControlFlow<()>,
    ) -> Option<()> {
        self.eat(b'[')?;
        self.blank();
        if self.peek()? == b']' {
            self.pos = self.pos.saturating_add(1);
            return Some(());
        }
        // The keys of the last element, in its order: the next is most
        // likely written the same way.
        let mut order: [usize; N] = std::array::from_fn(|k| k);
        // One set of fields, filled in place by each element in turn.
        let mut fields = Fields::new([None; N], names, None);
        let patterns = names.map(Pattern::of);
        loop {
            let start = self.pos;
            self.object(&mut order, &patterns, &mut fields)?;
            let element = Raw::new(self.text.get(start..self.pos)?);
            if each(&fields, element).is_break() {
                return None;
            }
            self.blank();
            if !self.next_member()? {
                break;
            }
        }
        self.eat(b']')
    }

    /// A flat object whose keys are all among the names of `fields`, each
    /// once, read into `fields` (emptied first); its `j`-th key is looked
    /// for first at `names[order[j]]` (whose patterns are `patterns`), and
    /// `order` learns the object's.
    fn object<const N: usize>(
        &mut self,
        order: &mut [usize; N],
        patterns: &[Option<Pattern>; N],
        fields: &mut Fields<'t, N>,
    ) -> Option<()> {
        self.eat(b'{')?;
        self.blank();
        fields.clear();
        if self.peek()? != b'}' {
            for j in 0usize.. {
                let (key, index) = self.key(fields.names(), patterns, order.get_mut(j))?;
                if j == 0 {
                    // The object is placed by its first key.
                    fields.start_at(self.text.get(key)?);
                }
                self.colon()?;
                // A key given twice is left to the general reader.
                if !self.fill_field_value(fields, index)? {
                    return None;
                }
                self.blank();
                if !self.next_member()? {
                    break;
                }
            }
        }
        self.eat(b'}')
    }
}

/// A name and the quote after it, as one 16-byte word (zeros after it),
/// with a mask of the bytes that are its: the text after a key's opening
/// quote is compared with it in one go, which is cheaper for these few
/// bytes than a call to memcmp.
#[derive(Clone, Copy)]
struct Pattern {
    word: u128,
    mask: u128,
}

impl Pattern {
    /// The pattern of `name`; `None` for a name of more than 15 bytes.
    fn of(name: &str) -> Option<Pattern> {
        if name.len() > 15 {
            return None;
        }
        let (mut bytes, mut mask) = ([0u8; 16], [0u8; 16]);
        for ((b, m), from) in bytes
            .iter_mut()
            .zip(mask.iter_mut())
            .zip(name.as_bytes().iter().chain(b"\""))
        {
            *b = *from;
            *m = 0xff;
        }
        Some(Pattern {
            word: u128::from_le_bytes(bytes),
            mask: u128::from_le_bytes(mask),
        })
    }

    /// Whether `text` starts with the name and its quote; `false` when
    /// `text` is shorter than 16 bytes (the key is then read the slow way).
    fn starts(self, text: &[u8]) -> bool {
        text.first_chunk::<16>()
            .is_some_and(|t| u128::from_le_bytes(*t) & self.mask == self.word)
    }
}

/// The length of the run of `bytes` before the first `"`, `\\` or control
/// character, eight bytes at a time; `None` when there is none.
#[inline(always)]
fn special_byte(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // The high bit of each byte of `v` below `n` (exact for the lowest such
    // byte, which is the one wanted; `n` up to 0x80).
    let below = |v: u64, n: u8| v.wrapping_sub(ONES.wrapping_mul(u64::from(n))) & !v & HIGH;
    let (mut offset, mut rest) = (0usize, bytes);
    while let Some((word, tail)) = rest.split_first_chunk::<8>() {
        let v = u64::from_le_bytes(*word);
        let hits = below(v, 0x20)
            | below(v ^ ONES.wrapping_mul(u64::from(b'"')), 1)
            | below(v ^ ONES.wrapping_mul(u64::from(b'\\')), 1);
        if hits != 0 {
            let at = usize::try_from(hits.trailing_zeros() / 8).ok()?;
            return offset.checked_add(at);
        }
        offset = offset.saturating_add(8);
        rest = tail;
    }
    let at = rest
        .iter()
        .position(|&b| b < 0x20 || b == b'"' || b == b'\\')?;
    offset.checked_add(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Option<Vec<Option<String>>> {
        let mut values = Vec::new();
        let mut problems = Problems::default();
        read_flat(text, "xs", &["a", "b"], &mut problems, |_, f, _, _, _| {
            values.push(f.get("a").map(|r| r.get().to_owned()));
        })?;
        Some(values)
    }

    #[test]
    fn reads_the_usual_shape_and_gives_up_on_the_rest() {
        let ok = r#" {"format": "f", "xs": [{"a": "x", "b": 1}, {"b": [1, {"c": []}], "a": -0.5e+3}, {}, {"a": "\"\u00e9\/"}]} "#;
        let values = read(ok).unwrap();
        assert_eq!(
            values,
            [
                Some("\"x\"".to_owned()),
                Some("-0.5e+3".to_owned()),
                None,
                Some(r#""\"\u00e9\/""#.to_owned())
            ]
        );
        for bad in [
            r#"{"format": "f", "xs": [{"a": "x\qy"}]}"#,
            r#"{"format": "f", "xs": [{"a": "\u12G4"}]}"#,
            r#"{"format": "f", "xs": [{"a": "\u12"}]}"#,
            r#"{"format": "f", "xs": [{"\u0061": 1}]}"#,
            r#"{"format": "f", "xs": [{"c": 1}]}"#,
            r#"{"format": "f", "xs": [{"a": 1, "a": 2}]}"#,
            r#"{"format": "f", "xs": [], "xs": []}"#,
            r#"{"format": "f", "xs": [1]}"#,
            r#"{"format": "f", "xs": [{"a": 01}]}"#,
            r#"{"format": "f", "xs": [{"a": 1.}]}"#,
            r#"{"format": "f", "xs": [{"a": [1,]}]}"#,
            r#"{"format": "f", "xs": [{"a": 1}] x"#,
            r#"{"format": "f"}"#,
            "{\"format\": \"f\t\", \"xs\": []}",
        ] {
            assert_eq!(read(bad), None, "{bad}");
        }
    }

    proptest::proptest! {
        /// An object read by the scan or by serde_json gives the same fields
        /// and the same problems, whatever its text.
        #[test]
        fn an_object_is_read_as_serde_json_reads_it(
            choices in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..40),
            cut in proptest::prelude::any::<proptest::sample::Index>(),
            whole: bool,
        ) {
            const NAMES: [&str; 3] = ["at_least", "more_than", "en"];
            let mut c = choices.iter().copied();
            let mut text = String::from("{");
            for i in 0..c.next().unwrap_or(0) % 4 {
                if i > 0 {
                    text.push(',');
                }
                let key = generated::pick(&mut c, &["at_least", "more_than", "en", "vi", "en"]);
                let value = generated::pick(&mut c, &generated::VALUES);
                text.push_str(&format!("{}\"{key}\":{}{value}", generated::pick(&mut c, &generated::BLANKS), generated::pick(&mut c, &generated::BLANKS)));
            }
            text.push_str(generated::pick(&mut c, &["}", "}", " }", "", "]", "} "]));
            let text = generated::cut(text, cut, whole);
            let read = |fast: bool| {
                let mut problems = Problems::default();
                let raw = Raw::new(&text);
                let f = if fast {
                    read_object(raw, &NAMES, Path::new("rule"), &mut problems)
                } else {
                    json::read_object(raw, &NAMES, Path::new("rule"), &mut problems)
                };
                format!("{f:?} {:?}", problems.into_result())
            };
            proptest::prop_assert_eq!(read(true), read(false), "{}", text);
        }
    }

    proptest::proptest! {
        /// A name's pattern finds the name and its quote at the start of a
        /// text exactly when the bytes do, for any text of 16 bytes or more.
        #[test]
        fn a_pattern_matches_as_the_bytes_do(
            name in "[a-z_]{0,17}",
            text in "[a-z_\"\\\\ ]{0,20}",
            prefixed: bool,
        ) {
            let text = if prefixed { format!("{name}\"{text}") } else { text };
            let by_bytes = text.as_bytes().starts_with(format!("{name}\"").as_bytes());
            match Pattern::of(&name) {
                None => proptest::prop_assert!(name.len() > 15),
                Some(p) if text.len() >= 16 => {
                    proptest::prop_assert_eq!(p.starts(text.as_bytes()), by_bytes);
                }
                Some(p) => proptest::prop_assert!(!p.starts(text.as_bytes())),
            }
        }
    }

    /// How many times a document was scanned on a thread of its own.
    pub(super) static SCANNED_BESIDE_RUNS: std::sync::atomic::AtomicUsize =
        std::sync::atomic::AtomicUsize::new(0);

    /// Every call `read_flat` makes to `each` (its arguments, written
    /// out), with what it answers, in a pool of `threads`; `each` reports
    /// a problem for every value `"bad"`, so that the count of problems
    /// listed before an element grows as the document is read.
    #[cfg(feature = "rayon")]
    fn calls_in_a_pool(text: &str, threads: usize) -> (Vec<String>, String) {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| {
            let mut calls = Vec::new();
            let mut problems = Problems::default();
            let read = read_flat(
                text,
                "xs",
                &["a", "b"],
                &mut problems,
                |i, f, element, mark, problems| {
                    if f.get("a").is_some_and(|a| a.get() == "\"bad\"") {
                        problems.push(crate::ErrorKind::InvalidValue, format!("xs[{i}].a"), "bad");
                    }
                    calls.push(format!("{i} {f:?} {} {mark}", element.get()));
                },
            );
            (calls, format!("{read:?} {:?}", problems.into_result()))
        })
    }

    /// Documents of `n` elements of the array `xs`, one a line, with the
    /// fields `a` and `b` (every seventh element's `a` is `"bad"`; another
    /// seventh's `b` is an array and its `a` on a line of its own): whole,
    /// with a key after the array, and with a repeated key at the first,
    /// middle and last element. For the tests of reading beside.
    #[cfg(feature = "rayon")]
    #[allow(clippy::arithmetic_side_effects, reason = "a test's small counts")]
    pub(crate) fn documents_of_many_elements(n: usize) -> Vec<String> {
        let element = |i: usize| match i % 7 {
            0 => format!(r#"{{"a": "bad", "b": {i}}}"#),
            1 => format!("{{\"b\": [{i}, {{\"c\": \"x\"}}],\n \"a\": \"{i}\"}}"),
            _ => format!(r#"{{"a": "{i:0>40}", "b": -{i}.5e3}}"#),
        };
        let elements: Vec<String> = (0..n).map(element).collect();
        let document = |elements: &[String], after: &str| {
            format!(
                "{{\"format\": \"f\", \"xs\": [{}]{after}}}",
                elements.join(",\n  ")
            )
        };
        let mut texts = vec![
            document(&elements, ""),
            document(&elements, r#", "extra": 1"#),
        ];
        for at in [0, n / 2, n - 1] {
            let mut spoilt = elements.clone();
            spoilt[at] = r#"{"a": 1, "a": 2}"#.to_owned();
            texts.push(document(&spoilt, ""));
        }
        texts
    }

    /// A document of a few megabytes is scanned on a thread of its own in
    /// a pool of several threads, and in place in a pool of one: `each` is
    /// called the same way, in the same order, and the answer is the same,
    /// whether the document is read to its end or given up on anywhere (at
    /// its first element, in the middle, at its last, after its array).
    #[cfg(feature = "rayon")]
    #[test]
    fn a_document_scanned_beside_its_reading_is_read_as_in_place() {
        let n = 40_000;
        let texts = documents_of_many_elements(n);
        for text in &texts {
            assert!(text.len() > SCANNED_BESIDE);
            let runs = || SCANNED_BESIDE_RUNS.load(std::sync::atomic::Ordering::Relaxed);
            let before = runs();
            let beside = calls_in_a_pool(text, 4);
            assert!(runs() > before, "scanned on a thread of its own");
            let in_place = calls_in_a_pool(text, 1);
            assert!(
                beside.1 == in_place.1,
                "{} against {}",
                beside.1,
                in_place.1
            );
            assert!(beside.0 == in_place.0, "the calls differ");
        }
        let (calls, read) = calls_in_a_pool(texts.first().unwrap(), 4);
        assert_eq!(calls.len(), n);
        assert!(read.starts_with("Some(Some("), "{read}");
        // Elements 0 and 7 were reported before element 8.
        assert!(calls[8].ends_with(" 2"), "{}", calls[8]);
    }

    /// When `each` panics while the scan runs on a thread of its own, the
    /// panic reaches the caller (the scan, told by its channel, stops).
    #[cfg(feature = "rayon")]
    #[test]
    fn a_panic_while_reading_reaches_the_caller() {
        let elements: Vec<String> = (0..200_000)
            .map(|i| format!(r#"{{"a": "{i:0>40}", "b": {i}}}"#))
            .collect();
        let text = format!(r#"{{"format": "f", "xs": [{}]}}"#, elements.join(", "));
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(4)
            .build()
            .unwrap();
        let scanned = std::sync::atomic::AtomicUsize::new(0);
        let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            pool.install(|| {
                read_flat(
                    &text,
                    "xs",
                    &["a", "b"],
                    &mut Problems::default(),
                    |i, _, _, _, _| {
                        scanned.store(i, std::sync::atomic::Ordering::Relaxed);
                        assert!(i < 5, "a bug in a reader");
                    },
                )
            })
        }));
        assert!(read.is_err());
        assert_eq!(scanned.into_inner(), 5);
    }

    #[test]
    fn deep_nesting_is_left_to_serde_json_without_recursing() {
        let deep = format!(
            r#"{{"format": "f", "xs": [{{"a": {}1{}}}]}}"#,
            "[".repeat(1_000_000),
            "]".repeat(1_000_000)
        );
        assert_eq!(read(&deep), None);
        let shallow = format!(
            r#"{{"format": "f", "xs": [{{"a": {}1{}}}]}}"#,
            "[".repeat(MAX_DEPTH),
            "]".repeat(MAX_DEPTH)
        );
        assert!(read(&shallow).is_some());
    }
}

/// Documents of the shape this reader takes, and of every shape near it,
/// for property tests that compare it with the general reader.
#[cfg(test)]
#[allow(
    clippy::arithmetic_side_effects,
    reason = "small counts of a test's own making"
)]
pub(crate) mod generated {
    /// Every case file of the repository (tests/fixtures and its v1_1
    /// folder), as JSON values.
    pub(crate) fn case_files() -> Vec<serde_json::Value> {
        let mut cases = Vec::new();
        for dir in ["tests/fixtures", "tests/fixtures/v1_1"] {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_some_and(|e| e == "json") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    cases.push(serde_json::from_str(&text).unwrap());
                }
            }
        }
        cases
    }

    /// `text` whole, or cut at the character boundary at or before `at`
    /// (of its length plus one): a document can end anywhere.
    pub(crate) fn cut(text: String, at: proptest::sample::Index, whole: bool) -> String {
        if whole {
            return text;
        }
        let mut at = at.index(text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        text[..at].to_owned()
    }

    /// A document's shape: its format, its array, and each element's usual
    /// fields with the values they usually take.
    pub(crate) struct Shape {
        pub(crate) format: &'static str,
        pub(crate) array: &'static str,
        pub(crate) fields: &'static [(&'static str, &'static [&'static str])],
        /// Keys added now and then, known or not.
        pub(crate) extra_keys: &'static [&'static str],
        /// Members of the top-level object written before the array (a
        /// catalogue's indicators before its targets).
        pub(crate) before: &'static [&'static str],
    }

    /// Picks from `pool` with the next choice.
    pub(crate) fn pick<'p>(choices: &mut impl Iterator<Item = u8>, pool: &[&'p str]) -> &'p str {
        let c = usize::from(choices.next().unwrap_or(0));
        pool[c % pool.len()]
    }

    pub(crate) const BLANKS: [&str; 6] = ["", "", " ", "\n  ", "\t", "\r\n"];
    pub(crate) const VALUES: [&str; 56] = [
        "\"s\"",
        "\"n\"",
        "\"x\"",
        "\"VN\"",
        "\"HN\"",
        "\"2024\"",
        "\"2025-03\"",
        "\"2025-Q2\"",
        "\"2025-01-10\"",
        "\"2026-02-30\"",
        "\"50\"",
        "\"12.5\"",
        "\"80\"",
        "40",
        "100",
        "0",
        "-0",
        "01",
        "1.",
        "1.5e1",
        "1E+1",
        "2e-1",
        "-",
        "0.0000",
        "1e400",
        "12.345678901234567890123456789",
        "null",
        "true",
        "false",
        "{}",
        "[1, 2]",
        "{\"a\": [\"b\"]}",
        "\"at_least\"",
        "\"more_than\"",
        "\"a\\\"b\"",
        "\"\\u00e9\"",
        "\"\\ud800\"",
        "\"tab\there\"",
        "\"Hà Nội\"",
        "\"\\x\"",
        "[]",
        "{\"a\": 1,}",
        "[1,]",
        "{\"a\" 1}",
        "{\"a\": [1}",
        "{\"en\": \"x\", \"en\": \"y\"}",
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
        "{1}",
        "{\"en\": \"Ha Noi\", \"vi\": \"Hà Nội\"}",
        "\"2025-07-01\"",
        "\"\\u12G4\"",
        "\"\\u12\"",
        "\"\\/\\b\\f\\n\\r\\t\\\\\"",
        "{\"a\"}",
        DEEP,
    ];
    /// Nested deeper than serde_json reads.
    const DEEP: &str = concat!(
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
        "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
        "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    );

    impl Shape {
        /// A document of this shape built from `choices`: mostly well-formed,
        /// with every kind of surprise now and then.
        pub(crate) fn document(&self, choices: &[u8]) -> String {
            let mut c = choices.iter().copied();
            let mut s = String::new();
            let b = |c: &mut std::iter::Copied<std::slice::Iter<'_, u8>>| pick(c, &BLANKS);
            s.push_str(b(&mut c));
            s.push('{');
            let own = format!("\"{}\"", self.format);
            let format = pick(&mut c, &[&own, &own, "\"policy-targets/other@1\"", "1"]);
            let order = c.next().unwrap_or(0) % 8;
            let mut members = vec![format!("\"format\":{}{format}", b(&mut c))];
            members.extend(self.before.iter().map(|m| (*m).to_owned()));
            let mut elements = Vec::new();
            for _ in 0..c.next().unwrap_or(0) % 8 {
                let element = match c.next().unwrap_or(0) % 12 {
                    0 => "1".to_owned(),
                    1 => "[]".to_owned(),
                    _ => {
                        let mut fields: Vec<(&str, &str)> = self
                            .fields
                            .iter()
                            .map(|(name, pool)| (*name, pick(&mut c, pool)))
                            .collect();
                        // Now and then a value of any sort in a field's place.
                        for field in &mut fields {
                            if c.next().unwrap_or(0) % 8 == 0 {
                                field.1 = pick(&mut c, &VALUES);
                            }
                        }
                        if c.next().unwrap_or(0) % 3 == 0 {
                            let at = usize::from(c.next().unwrap_or(0)) % (fields.len() + 1);
                            fields
                                .insert(at, (pick(&mut c, self.extra_keys), pick(&mut c, &VALUES)));
                        }
                        if c.next().unwrap_or(0) % 4 == 0 {
                            fields.rotate_left(2);
                        }
                        let fields: Vec<String> = fields
                            .iter()
                            .map(|(k, v)| format!("\"{k}\"{}:{}{v}", b(&mut c), b(&mut c)))
                            .collect();
                        let sep = format!(",{}", b(&mut c));
                        format!("{{{}{}{}}}", b(&mut c), fields.join(&sep), b(&mut c))
                    }
                };
                elements.push(element);
            }
            let sep = format!("{},{}", b(&mut c), b(&mut c));
            members.push(format!(
                "\"{}\": [{}{}]",
                self.array,
                elements.join(&sep),
                b(&mut c)
            ));
            match order {
                0 => members.reverse(),
                1 => members.push("\"extra\": {}".to_owned()),
                2 => members.push(format!("\"format\": \"{}\"", self.format)),
                3 => members.push(format!("\"{}\": []", self.array)),
                4 => drop(members.pop()),
                _ => {}
            }
            s.push_str(&members.join(", "));
            s.push('}');
            s.push_str(pick(&mut c, &["", "", " \n", "x", "}", ","]));
            s
        }
    }
}
