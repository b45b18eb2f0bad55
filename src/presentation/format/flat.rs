//! A fast reader for the usual shape of a large document: one object with a
//! `format` and one array of flat objects, each field a string without
//! escapes, a number, `true`, `false` or `null` — which is what every
//! program writes for observations. It scans the text once, byte by byte,
//! and hands each element's fields to the same checks as the general reader
//! (serde_json with [`Raw`] captures), which read every value from the same
//! text: the two give the same observations and the same problems.
//!
//! Anything else (an unknown or repeated key, an escape, a nested value, a
//! syntax error, a second array) makes it give up, and the document is read
//! again by the general reader, which says what is wrong where.

use crate::foundations::error::Problems;
use crate::presentation::format::json::{Fields, Raw, name_index};

/// Reads `text` as a document of that shape, whose array is `array` and
/// whose elements have the fields `names`: `each` gets element `i`'s fields
/// and the number of problems listed before it. Returns the raw `format`
/// (`None` inside when the document has none), or `None` when the text is
/// not of that shape — after `each` may have been called for some
/// elements, which the caller then undoes.
pub(crate) fn read_flat<'t, const N: usize>(
    text: &'t str,
    array: &str,
    names: &'static [&'static str; N],
    problems: &mut Problems,
    mut each: impl FnMut(usize, &Fields<'t, N>, usize, &mut Problems),
) -> Option<Option<Raw<'t>>> {
    let mut s = Scan { text, pos: 0 };
    let (mut format, mut elements) = (None, false);
    s.blank();
    s.eat(b'{')?;
    s.blank();
    if s.peek()? != b'}' {
        loop {
            let key = s.string()?;
            s.colon()?;
            if key == "format" && format.is_none() {
                format = Some(s.scalar()?);
            } else if key == array && !elements {
                elements = true;
                s.elements(names, problems, &mut each)?;
            } else {
                return None;
            }
            s.blank();
            if !s.next_member()? {
                break;
            }
        }
    }
    s.eat(b'}')?;
    s.blank();
    // Only blanks may follow; without the array, the general reader says so.
    (s.pos == text.len() && elements).then_some(format)
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

    /// A string without escapes or control characters: its content.
    fn string(&mut self) -> Option<&'t str> {
        self.eat(b'"')?;
        let start = self.pos;
        let rest = self.text.as_bytes().get(start..)?;
        let len = special_byte(rest)?;
        if rest.get(len) != Some(&b'"') {
            return None;
        }
        let end = start.checked_add(len)?;
        self.pos = end.checked_add(1)?;
        self.text.get(start..end)
    }

    /// A key among `names`, and its index there: first tried at `guess`
    /// (without a search, as the names hold no byte a string escapes),
    /// which becomes the key's index.
    fn key<const N: usize>(
        &mut self,
        names: &'static [&'static str; N],
        guess: Option<&mut usize>,
    ) -> Option<(&'t str, usize)> {
        let bytes = self.text.as_bytes();
        let start = self.pos.checked_add(1)?;
        let mut guess = guess;
        if bytes.get(self.pos) == Some(&b'"')
            && let Some(&mut g) = guess.as_deref_mut()
            && let Some(name) = names.get(g)
            && let Some(end) = start.checked_add(name.len())
            && bytes.get(start..end) == Some(name.as_bytes())
            && bytes.get(end) == Some(&b'"')
        {
            self.pos = end.checked_add(1)?;
            return Some((self.text.get(start..end)?, g));
        }
        let key = self.string()?;
        let index = name_index(names, key)?;
        if let Some(g) = guess {
            *g = index;
        }
        Some((key, index))
    }

    /// A string, a number, `true`, `false` or `null`, as its JSON text.
    fn scalar(&mut self) -> Option<Raw<'t>> {
        let start = self.pos;
        match self.peek()? {
            b'"' => {
                self.string()?;
                return self.text.get(start..self.pos).map(Raw::plain_string);
            }
            b't' => self.word("true")?,
            b'f' => self.word("false")?,
            b'n' => self.word("null")?,
            _ => self.number()?,
        }
        self.text.get(start..self.pos).map(Raw::new)
    }

    fn word(&mut self, word: &str) -> Option<()> {
        let end = self.pos.checked_add(word.len())?;
        (self.text.get(self.pos..end)? == word).then(|| self.pos = end)
    }

    /// A number as JSON writes it: `-`, then `0` or digits not starting
    /// with `0`, then `.` and digits, then `e` or `E`, a sign and digits.
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

    /// The array of flat objects, each handed to `each` as it is read.
    fn elements<const N: usize>(
        &mut self,
        names: &'static [&'static str; N],
        problems: &mut Problems,
        each: &mut impl FnMut(usize, &Fields<'t, N>, usize, &mut Problems),
    ) -> Option<()> {
        self.eat(b'[')?;
        self.blank();
        if self.peek()? == b']' {
            self.pos = self.pos.saturating_add(1);
            return Some(());
        }
        let mut i = 0usize;
        // The keys of the last element, in its order: the next is most
        // likely written the same way.
        let mut order: [usize; N] = std::array::from_fn(|k| k);
        loop {
            let fields = self.object(names, &mut order)?;
            each(i, &fields, problems.listed(), problems);
            i = i.saturating_add(1);
            self.blank();
            if !self.next_member()? {
                break;
            }
        }
        self.eat(b']')
    }

    /// A flat object whose keys are all among `names`, each once; its
    /// `j`-th key is looked for first at `names[order[j]]`, and `order`
    /// learns the object's.
    fn object<const N: usize>(
        &mut self,
        names: &'static [&'static str; N],
        order: &mut [usize; N],
    ) -> Option<Fields<'t, N>> {
        self.eat(b'{')?;
        self.blank();
        let mut slots = [None; N];
        let mut start = None;
        if self.peek()? != b'}' {
            for j in 0usize.. {
                let (key, index) = self.key(names, order.get_mut(j))?;
                start = start.or(Some(key));
                let slot = slots.get_mut(index)?;
                if slot.is_some() {
                    return None;
                }
                self.colon()?;
                *slot = Some(self.scalar()?);
                self.blank();
                if !self.next_member()? {
                    break;
                }
            }
        }
        self.eat(b'}')?;
        Some(Fields::new(slots, names, start))
    }
}

/// The length of the run of `bytes` before the first `"`, `\\` or control
/// character, eight bytes at a time; `None` when there is none.
fn special_byte(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // The high bit of each byte of `v` below `n` (exact for the lowest such
    // byte, which is the one wanted; `n` up to 0x80).
    let below = |v: u64, n: u8| v.wrapping_sub(ONES.wrapping_mul(u64::from(n))) & !v & HIGH;
    let mut words = bytes.chunks_exact(8);
    let mut offset = 0usize;
    for w in &mut words {
        let Ok(word) = <[u8; 8]>::try_from(w) else {
            break;
        };
        let v = u64::from_le_bytes(word);
        let hits = below(v, 0x20)
            | below(v ^ ONES.wrapping_mul(u64::from(b'"')), 1)
            | below(v ^ ONES.wrapping_mul(u64::from(b'\\')), 1);
        if hits != 0 {
            let at = usize::try_from(hits.trailing_zeros() / 8).ok()?;
            return offset.checked_add(at);
        }
        offset = offset.saturating_add(8);
    }
    let at = words
        .remainder()
        .iter()
        .position(|&b| b < 0x20 || b == b'"' || b == b'\\')?;
    offset.checked_add(at)
}
