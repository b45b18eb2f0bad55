//! A streaming writer of indented JSON, byte for byte what
//! `serde_json::to_string_pretty` writes (two spaces an indent, `": "`
//! after a key, `[]` and `{}` when empty), for the results document: it
//! writes straight into one reused buffer, with no intermediate struct or
//! `String` per field, and hands the bytes on in blocks of
//! [`Pretty::BLOCK`].

use std::fmt::Display;
use std::io::{self, Write};

use rust_decimal::Decimal;
use time::Date;

use crate::foundations::period::{Period, PeriodKind};
use crate::foundations::text::{date_digits, format_date, write_plain, year_digits};

/// Writes indented JSON to `W`.
pub(crate) struct Pretty<W: Write> {
    out: W,
    buf: Vec<u8>,
    depth: usize,
    /// Whether the innermost open object or array has nothing in it yet.
    empty: bool,
    /// How many times the gathered bytes were handed on.
    flushes: usize,
    /// The digits of the date and of the period written last: a million
    /// units' figures are mostly of one period, published on one day.
    last_date: Option<(Date, [u8; 10])>,
    last_period: Option<(Period, Digits)>,
}

/// The digits of a year (four) or a day (ten), and how many there are.
type Digits = ([u8; 10], usize);

impl<W: Write> Pretty<W> {
    /// How many bytes are gathered before they are written to `W`.
    pub(crate) const BLOCK: usize = 1 << 16;

    pub(crate) fn new(out: W) -> Self {
        Pretty {
            out,
            buf: Vec::with_capacity(Self::BLOCK.saturating_add(4096)),
            depth: 0,
            empty: true,
            flushes: 0,
            last_date: None,
            last_period: None,
        }
    }

    /// A writer to `out` of what follows, in a document written elsewhere,
    /// a place `depth` deep, in an object or an array with nothing in it
    /// yet when `empty`.
    pub(crate) fn resuming(out: W, depth: usize, empty: bool) -> Self {
        Pretty {
            depth,
            empty,
            ..Pretty::new(out)
        }
    }

    /// How deep the innermost open object or array is.
    pub(crate) fn depth(&self) -> usize {
        self.depth
    }

    /// Whether the innermost open object or array has nothing in it yet.
    #[cfg(feature = "rayon")]
    pub(crate) fn is_empty(&self) -> bool {
        self.empty
    }

    /// Hands on the bytes gathered, then `bytes`: whole items of the
    /// innermost open array, written by a [`Pretty::inside`] of its depth
    /// and emptiness (a block of many items goes straight to `W`).
    ///
    /// # Errors
    /// The writer's.
    #[cfg(feature = "rayon")]
    pub(crate) fn items(&mut self, bytes: &[u8]) -> io::Result<()> {
        if bytes.is_empty() {
            return Ok(());
        }
        self.out.write_all(&self.buf)?;
        self.buf.clear();
        self.out.write_all(bytes)?;
        self.flushes = self.flushes.wrapping_add(1);
        self.empty = false;
        Ok(())
    }

    fn newline(&mut self) {
        // A line break and the indent, from one slice when it is deep
        // enough (the results document goes six levels down).
        const LINE: &[u8; 33] = b"\n                                ";
        if !self.line_start(LINE, 1) {
            self.buf.push(b'\n');
            for _ in 0..self.depth {
                self.buf.extend_from_slice(b"  ");
            }
        }
    }

    /// Writes the first `before` bytes of `line` and the indent after them
    /// (spaces in `line`), as the whole slice and then what is too much of
    /// it cut off: a copy of a length known when compiling costs no call to
    /// memcpy. `false` (nothing written) when `line` is too short.
    fn line_start<const N: usize>(&mut self, line: &[u8; N], before: usize) -> bool {
        let (len, n) = (
            self.buf.len(),
            self.depth.saturating_mul(2).saturating_add(before),
        );
        match len.checked_add(n).filter(|_| n <= N) {
            Some(end) => {
                self.buf.extend_from_slice(line);
                self.buf.truncate(end);
                true
            }
            None => false,
        }
    }

    /// Opens an object (`{`) or an array (`[`).
    pub(crate) fn open(&mut self, bracket: u8) {
        self.buf.push(bracket);
        self.depth = self.depth.saturating_add(1);
        self.empty = true;
    }

    /// Closes the innermost object (`}`) or array (`]`).
    pub(crate) fn close(&mut self, bracket: u8) {
        self.depth = self.depth.saturating_sub(1);
        if !self.empty {
            self.newline();
        }
        self.buf.push(bracket);
        self.empty = false;
    }

    /// Starts the next item of an array.
    pub(crate) fn item(&mut self) {
        // The comma after an item, with the line break and the indent.
        const LINE: &[u8; 34] = b",\n                                ";
        if self.empty {
            self.newline();
        } else if !self.line_start(LINE, 2) {
            self.buf.push(b',');
            self.newline();
        }
        self.empty = false;
    }

    /// Starts the next entry of an object: its key (one of the format's
    /// own names, which need no escaping), then `": "`.
    pub(crate) fn key(&mut self, key: &'static str) {
        self.item();
        self.buf.push(b'"');
        self.buf.extend_from_slice(key.as_bytes());
        self.buf.extend_from_slice(b"\": ");
    }

    /// A string, escaped as serde_json escapes it.
    pub(crate) fn string(&mut self, s: &str) {
        if needs_escape(s.as_bytes()) {
            // Rare (ids and sentences seldom hold a quote or a control
            // character): serde_json's own escaping, into the buffer.
            let _ = serde_json::to_writer(&mut self.buf, s);
        } else {
            self.buf.push(b'"');
            self.buf.extend_from_slice(s.as_bytes());
            self.buf.push(b'"');
        }
    }

    /// `"key": "s"`.
    pub(crate) fn str_field(&mut self, key: &'static str, s: &str) {
        self.key(key);
        self.string(s);
    }

    /// `"key": "name"`, a name of the format (a status, a mode), which
    /// needs no escaping.
    pub(crate) fn name_field(&mut self, key: &'static str, name: &'static str) {
        debug_assert!(!needs_escape(name.as_bytes()));
        self.key(key);
        self.buf.push(b'"');
        self.buf.extend_from_slice(name.as_bytes());
        self.buf.push(b'"');
    }

    /// `"key": "s"`, left out when `s` is `None`.
    pub(crate) fn opt_str_field(&mut self, key: &'static str, s: Option<&str>) {
        if let Some(s) = s {
            self.str_field(key, s);
        }
    }

    /// `"key": n`.
    pub(crate) fn number_field(&mut self, key: &'static str, n: u64) {
        self.key(key);
        self.buf
            .extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
    }

    /// `"key": n`, left out when `n` is `None`.
    pub(crate) fn opt_number_field(&mut self, key: &'static str, n: Option<u64>) {
        if let Some(n) = n {
            self.number_field(key, n);
        }
    }

    /// `"key": null`.
    pub(crate) fn null_field(&mut self, key: &'static str) {
        self.key(key);
        self.buf.extend_from_slice(b"null");
    }

    /// A value whose text needs no escaping (a name, a method), as a string.
    pub(crate) fn quoted(&mut self, value: impl Display) {
        self.buf.push(b'"');
        let _ = write!(self.buf, "{value}");
        self.buf.push(b'"');
    }

    /// `"key": "d"`, a decimal as it displays.
    pub(crate) fn decimal_field(&mut self, key: &'static str, d: Decimal) {
        self.key(key);
        self.buf.push(b'"');
        self.decimal(d);
        self.buf.push(b'"');
    }

    /// A decimal written as its `Display` writes it ([`write_plain`]).
    fn decimal(&mut self, d: Decimal) {
        let _ = write_plain(d, |s| {
            self.buf.extend_from_slice(s.as_bytes());
            Ok::<(), ()>(())
        });
    }

    /// `"key": "d"`, left out when `d` is `None`.
    pub(crate) fn opt_decimal_field(&mut self, key: &'static str, d: Option<Decimal>) {
        if let Some(d) = d {
            self.decimal_field(key, d);
        }
    }

    /// `"key": "YYYY-MM-DD"`.
    pub(crate) fn date_field(&mut self, key: &'static str, d: Date) {
        self.key(key);
        self.buf.push(b'"');
        self.date(d);
        self.buf.push(b'"');
    }

    /// A period as a string (`"2025"`, `"2025-Q3"`, ...): a year or a day
    /// from its digits, the others as they display.
    pub(crate) fn period(&mut self, p: Period) {
        let digits = kept_digits(&mut self.last_period, p, period_digits);
        match digits.as_ref().and_then(|(digits, n)| digits.get(..*n)) {
            Some(digits) => {
                self.buf.push(b'"');
                self.buf.extend_from_slice(digits);
                self.buf.push(b'"');
            }
            None => self.quoted(p),
        }
    }

    /// `"key": "period"`.
    pub(crate) fn period_field(&mut self, key: &'static str, p: Period) {
        self.key(key);
        self.period(p);
    }

    /// `YYYY-MM-DD`, unquoted, as [`format_date`] writes it.
    fn date(&mut self, d: Date) {
        match kept_digits(&mut self.last_date, d, date_digits) {
            Some(ymd) => self.buf.extend_from_slice(&ymd),
            None => self.buf.extend_from_slice(format_date(d).as_bytes()),
        }
    }

    /// Writes one whole value with `write` (an object, an array or a
    /// scalar, and nothing else), or copies the bytes it wrote the last
    /// time when `key` is the same and the value as deep: `key` must tell
    /// apart whatever `write` writes differently. The evidence of a million
    /// targets on one series is one figure, written once.
    pub(crate) fn copied<K: PartialEq>(
        &mut self,
        last: &mut Copied<K>,
        key: K,
        write: impl FnOnce(&mut Self),
    ) {
        let depth = self.depth;
        if last
            .key
            .as_ref()
            .is_some_and(|(k, d)| *d == depth && *k == key)
        {
            self.buf.extend_from_slice(&last.bytes);
            // As the value written would have left it.
            self.empty = false;
            return;
        }
        let (start, flushes) = (self.buf.len(), self.flushes);
        write(self);
        last.bytes.clear();
        // Bytes handed on while `write` wrote are not all in the buffer:
        // nothing is kept then.
        last.key = (self.flushes == flushes).then_some((key, depth));
        if last.key.is_some() {
            last.bytes
                .extend_from_slice(self.buf.get(start..).unwrap_or_default());
        }
    }

    /// Hands the gathered bytes on once there are a block of them.
    pub(crate) fn flush_if_full(&mut self) -> io::Result<()> {
        if self.buf.len() >= Self::BLOCK {
            self.out.write_all(&self.buf)?;
            self.buf.clear();
            self.flushes = self.flushes.wrapping_add(1);
        }
        Ok(())
    }

    /// Hands the rest of the bytes on and gives the writer back.
    pub(crate) fn finish(mut self) -> io::Result<W> {
        self.out.write_all(&self.buf)?;
        Ok(self.out)
    }
}

/// The digits of `value` by `digits`, or those `last` kept when it was
/// the same value; `last` then keeps these.
fn kept_digits<T: Copy + PartialEq, D: Copy>(
    last: &mut Option<(T, D)>,
    value: T,
    digits: impl FnOnce(T) -> Option<D>,
) -> Option<D> {
    match *last {
        Some((kept, d)) if kept == value => Some(d),
        _ => {
            let d = digits(value);
            *last = d.map(|d| (value, d));
            d
        }
    }
}

/// The digits of a year or a day period; `None` for another kind, or a
/// year the digits cannot write (it is then written as it displays).
fn period_digits(p: Period) -> Option<Digits> {
    match p.kind() {
        PeriodKind::Year => {
            let [a, b, c, d] = year_digits(p.start().year())?;
            Some(([a, b, c, d, 0, 0, 0, 0, 0, 0], 4))
        }
        PeriodKind::Day => Some((date_digits(p.start())?, 10)),
        _ => None,
    }
}

/// The bytes of the value [`Pretty::copied`] wrote last, with its key and
/// depth.
pub(crate) struct Copied<K> {
    key: Option<(K, usize)>,
    bytes: Vec<u8>,
}

impl<K> Copied<K> {
    /// Forgets the value (and frees its bytes) if it is longer than
    /// `bytes`: it will be written again.
    pub(crate) fn forget_if_longer(&mut self, bytes: usize) {
        if self.bytes.len() > bytes {
            *self = Copied::default();
        }
    }
}

impl<K> Default for Copied<K> {
    fn default() -> Self {
        Copied {
            key: None,
            bytes: Vec::new(),
        }
    }
}

/// Whether `bytes` hold a byte JSON escapes: a control character, `"` or
/// `\\`. Eight bytes at a time (every explanation is scanned): a word
/// holds such a byte when one of its bytes is below 0x20 or equal to one of
/// the two, which a few word operations tell without a branch a byte.
fn needs_escape(bytes: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // A byte of `v` is zero (or, below, less than `n`): its high bit is set
    // in the result. Exact for `n` up to 0x80.
    let below = |v: u64, n: u8| v.wrapping_sub(ONES.wrapping_mul(u64::from(n))) & !v & HIGH;
    let zero = |v: u64| below(v, 1);
    let mut words = bytes.chunks_exact(8);
    for w in &mut words {
        let Ok(word) = <[u8; 8]>::try_from(w) else {
            continue;
        };
        let v = u64::from_le_bytes(word);
        if below(v, 0x20)
            | zero(v ^ ONES.wrapping_mul(u64::from(b'"')))
            | zero(v ^ ONES.wrapping_mul(u64::from(b'\\')))
            != 0
        {
            return true;
        }
    }
    words
        .remainder()
        .iter()
        .any(|&b| b < 0x20 || b == b'"' || b == b'\\')
}

impl Pretty<Vec<u8>> {
    /// A writer of items of an array open `depth` deep elsewhere, with
    /// nothing in it yet when `empty`: its bytes ([`Pretty::into_bytes`])
    /// are added there by [`Pretty::items`].
    #[cfg(feature = "rayon")]
    pub(crate) fn inside(depth: usize, empty: bool) -> Self {
        Pretty::resuming(Vec::new(), depth, empty)
    }

    /// The bytes written (with [`Pretty::inside`]: what is to be added
    /// where it was opened).
    #[cfg(feature = "rayon")]
    pub(crate) fn into_bytes(self) -> Vec<u8> {
        self.buf
    }

    /// The whole document as a string.
    pub(crate) fn into_string(self) -> String {
        let bytes = self.finish().unwrap_or_default();
        // Every byte written came from a `&str` or ASCII.
        String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Serialize)]
    struct Sample {
        a: &'static str,
        empty: Vec<u8>,
        list: Vec<Inner>,
        n: u64,
        none: Option<u8>,
    }

    #[derive(serde::Serialize)]
    struct Inner {
        s: &'static str,
    }

    /// A value whose bytes were handed on while it was written (a block
    /// filled) is written afresh the next time, not copied in part.
    #[test]
    fn a_value_handed_on_while_written_is_not_copied() {
        let big = "x".repeat(Pretty::<Vec<u8>>::BLOCK);
        let mut p = Pretty::new(Vec::new());
        let mut last = Copied::default();
        p.open(b'[');
        for _ in 0..3 {
            p.item();
            p.copied(&mut last, 1, |p| {
                p.string(&big);
                p.flush_if_full().unwrap();
            });
        }
        p.close(b']');
        let out = p.finish().unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v, serde_json::json!([big, big, big]));
    }

    #[test]
    fn writes_what_serde_json_writes() {
        let sample = Sample {
            a: "quote \" back \\ tab \t nul \u{0} del \u{7f} é",
            empty: vec![],
            list: vec![Inner { s: "x" }, Inner { s: "" }],
            n: u64::MAX,
            none: None,
        };
        let mut p = Pretty::new(Vec::new());
        p.open(b'{');
        p.str_field("a", sample.a);
        p.key("empty");
        p.open(b'[');
        p.close(b']');
        p.key("list");
        p.open(b'[');
        for i in &sample.list {
            p.item();
            p.open(b'{');
            p.str_field("s", i.s);
            p.close(b'}');
        }
        p.close(b']');
        p.number_field("n", sample.n);
        p.null_field("none");
        p.close(b'}');
        assert_eq!(
            p.into_string(),
            serde_json::to_string_pretty(&sample).unwrap_or_default()
        );
    }

    /// Writes an array of `values`, each (its nesting, its key, whether an
    /// object) inside that many arrays, copying the values through `last`
    /// when given.
    fn values_written(
        values: &[(u8, u8, bool)],
        mut last: Option<&mut Copied<(u8, bool)>>,
    ) -> String {
        let mut p = Pretty::new(Vec::new());
        p.open(b'[');
        for &(nesting, v, object) in values {
            for _ in 0..nesting {
                p.item();
                p.open(b'[');
            }
            p.item();
            let write = |p: &mut Pretty<Vec<u8>>| {
                if object {
                    p.open(b'{');
                    p.number_field("v", u64::from(v));
                    p.key("inner");
                    p.open(b'[');
                    p.close(b']');
                    p.close(b'}');
                } else {
                    p.string(&v.to_string());
                }
            };
            match last.as_deref_mut() {
                Some(last) => p.copied(last, (v, object), write),
                None => write(&mut p),
            }
            for _ in 0..nesting {
                p.close(b']');
            }
        }
        p.close(b']');
        p.into_string()
    }

    proptest::proptest! {
        /// A value copied is the value written, at any depth, whatever was
        /// written before, and the writer goes on as after writing it.
        #[test]
        fn values_copied_are_the_values_written(
            values in proptest::collection::vec((0u8..3, 0u8..3, proptest::bool::ANY), 0..20)
        ) {
            let mut last = Copied::default();
            proptest::prop_assert_eq!(
                values_written(&values, Some(&mut last)),
                values_written(&values, None)
            );
        }

        /// Any text (controls, quotes, backslashes, any script) is escaped
        /// exactly as serde_json escapes it.
        #[test]
        fn strings_are_escaped_as_serde_json_escapes_them(
            s in "\\PC*|[\\x00-\\x7f\"\\\\]{0,40}|[a-zé ]{0,30}[\\x00-\\x1f\"\\\\][a-zé ]{0,30}"
        ) {
            let mut p = Pretty::new(Vec::new());
            p.string(&s);
            proptest::prop_assert_eq!(p.into_string(), serde_json::to_string(&s).unwrap_or_default());
        }
    }

    proptest::proptest! {
        /// Any decimal, of any sign, scale and mantissa (zero included), is
        /// written as rust_decimal displays it.
        #[test]
        fn decimals_are_written_as_they_display(
            lo: u32, mid: u32, hi: u32, negative: bool, scale in 0u32..=28, small in 0u32..3,
        ) {
            // Small mantissas (and zero) as often as large ones.
            let (mid, hi, lo) = match small { 0 => (0, 0, lo % 1000), 1 => (0, 0, 0), _ => (mid, hi, lo) };
            let d = Decimal::from_parts(lo, mid, hi, negative, scale);
            let mut p = Pretty::new(Vec::new());
            p.decimal(d);
            proptest::prop_assert_eq!(p.into_string(), d.to_string());
        }
    }

    #[test]
    fn writes_dates_and_periods_as_they_display() {
        for text in [
            "2025",
            "0001",
            "2025-H2",
            "2025-Q1",
            "2025-07",
            "0099-01-05",
            "2024-07-01/2025-06-30",
        ] {
            let period: Period = text.parse().unwrap_or_else(|e| panic!("{text}: {e}"));
            let mut p = Pretty::new(Vec::new());
            p.period(period);
            assert_eq!(p.into_string(), format!("\"{period}\""));
        }
        let mut p = Pretty::new(Vec::new());
        p.date(Date::MIN);
        p.buf.push(b' ');
        p.date(Date::MAX);
        assert_eq!(
            p.into_string(),
            format!("{} {}", format_date(Date::MIN), format_date(Date::MAX))
        );
    }
}
