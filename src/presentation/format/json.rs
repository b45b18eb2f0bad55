//! The JSON reading machinery shared by every document: objects are read into
//! named slots of raw values, so that each field is then checked by our own
//! code with its full path, every unknown field is reported (not just the
//! first), and numbers keep their exact text.

use std::borrow::Cow;
use std::fmt;

use rust_decimal::Decimal;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;
use time::Date;

use crate::foundations::error::{Error, ErrorKind, Location, Locator, Path, Problems};
use crate::foundations::period::{Period, parse_period};
use crate::foundations::text::{parse_date, parse_decimal, quoted, shown, whole_from_decimal};

/// The JSON text of one value as the document writes it: a string with its
/// quotes and escapes, a number's own digits (never through a float), an
/// object or array whole. Each field is read from it by our own code, with
/// its path.
#[derive(Clone, Copy)]
pub(crate) struct Raw<'a> {
    text: &'a str,
    /// Known to be a string without escapes, whose content is read as it is
    /// (a fact about the text, found by the reader that captured it: not
    /// part of the value, which is the text).
    plain: bool,
}

impl PartialEq for Raw<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl Eq for Raw<'_> {}

impl fmt::Debug for Raw<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Raw").field(&self.text).finish()
    }
}

impl<'a> Raw<'a> {
    /// The value whose JSON text is `text` (one whole value, as a document
    /// or serde_json writes it).
    pub(crate) fn new(text: &'a str) -> Self {
        Raw { text, plain: false }
    }

    /// The string whose JSON text is `text`, quotes included, which a
    /// reader has checked holds no escape and no control character.
    pub(crate) fn plain_string(text: &'a str) -> Self {
        Raw { text, plain: true }
    }

    /// The value's text.
    pub(crate) fn get(self) -> &'a str {
        self.text
    }

    /// Whether the value is known to be a string without escapes.
    pub(crate) fn is_plain(self) -> bool {
        self.plain
    }
}

impl<'de> de::Deserialize<'de> for Raw<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        <&'de RawValue>::deserialize(deserializer).map(|raw| Raw::new(raw.get()))
    }
}

/// The fields of one JSON object, by position in a list of known names.
#[derive(Clone, Debug)]
pub(crate) struct Fields<'a, const N: usize> {
    slots: [Option<Raw<'a>>; N],
    names: &'static [&'static str; N],
    /// A part of the document's text that marks where the object starts:
    /// the object itself, or its first key (see [`object_start`]).
    start: Option<&'a str>,
}

impl<'a, const N: usize> Fields<'a, N> {
    /// The fields of an object made by another reader (a CSV row's cells,
    /// each as a JSON string; the fast reader of flat documents), so that
    /// they are checked by the same code as a JSON object's. `start` is the
    /// object's first key, where it is in the document's text.
    pub(crate) fn new(
        slots: [Option<Raw<'a>>; N],
        names: &'static [&'static str; N],
        start: Option<&'a str>,
    ) -> Self {
        Fields {
            slots,
            names,
            start,
        }
    }

    /// The names of the fields, in the order of their slots.
    pub(crate) fn names(&self) -> &'static [&'static str; N] {
        self.names
    }

    /// Empties the fields, to be filled in place with [`Fields::fill`] (a
    /// reader of many objects reuses one, copying no slots).
    pub(crate) fn clear(&mut self) {
        self.slots = [None; N];
        self.start = None;
    }

    /// Puts `value` in slot `index`; `false` (nothing changed) when the
    /// slot is filled already or there is none.
    pub(crate) fn fill(&mut self, index: usize, value: Raw<'a>) -> bool {
        match self.slots.get_mut(index) {
            Some(slot @ None) => {
                *slot = Some(value);
                true
            }
            _ => false,
        }
    }

    /// The fields' values as they were read (`null` included), in the order
    /// of their names, and the part of the text that places the object.
    pub(crate) fn parts(&self) -> (&[Option<Raw<'a>>; N], Option<&'a str>) {
        (&self.slots, self.start)
    }

    /// Places the fields at the object's first key, `key` (as `start`
    /// does for [`Fields::new`]).
    pub(crate) fn start_at(&mut self, key: &'a str) {
        self.start = Some(key);
    }

    /// The fields, placed where the object `text` starts.
    pub(crate) fn starting_at(self, text: &'a str) -> Self {
        Fields {
            start: Some(text),
            ..self
        }
    }

    /// The raw value of a field, if present and not `null`.
    pub(crate) fn get(&self, name: &str) -> Option<Raw<'a>> {
        self.raw(name).filter(|r| r.get() != "null")
    }

    /// The raw value of a field, if present, `null` included.
    fn raw(&self, name: &str) -> Option<Raw<'a>> {
        name_index(self.names, name).and_then(|i| self.slots.get(i).copied().flatten())
    }

    /// Where the object starts in `text`, the document it was read from.
    pub(crate) fn location(&self, locator: &mut Locator<'_>) -> Option<Location> {
        locator.locate(object_start(locator.text(), self.start?))
    }

    /// The elements of the required array field `name` of a document's top
    /// level: its absence, and a `null`, are reported.
    pub(crate) fn required_array(&self, name: &str, problems: &mut Problems) -> Vec<Raw<'a>> {
        match self.raw(name) {
            None => {
                problems.push(ErrorKind::MissingField, name, "this field is required");
                Vec::new()
            }
            Some(raw) => read_array(raw, name, problems),
        }
    }

    /// Every field's raw value, in the order of the names (`None` for a
    /// field absent or `null`): for a reader that reads them all.
    pub(crate) fn values(&self) -> [Option<Raw<'a>>; N] {
        let mut values = self.slots;
        for v in &mut values {
            if v.is_some_and(|r| r.get() == "null") {
                *v = None;
            }
        }
        values
    }

    /// The required string field `name` of the object at `path`.
    pub(crate) fn required_string(
        &self,
        r: &mut Reader<'_>,
        path: Path<'_>,
        name: &str,
    ) -> Option<Cow<'a, str>> {
        r.required_string(self.get(name), path, name)
    }

    /// The string field `name` of the object at `path`, if present.
    pub(crate) fn optional_string(
        &self,
        r: &mut Reader<'_>,
        path: Path<'_>,
        name: &str,
    ) -> Option<Cow<'a, str>> {
        r.optional_string(self.get(name), path, name)
    }

    /// The required field `name` of the object at `path`, naming a `T` (a
    /// kind, a level, a mode, a status).
    pub(crate) fn required_named<T: std::str::FromStr<Err = Error>>(
        &self,
        r: &mut Reader<'_>,
        path: Path<'_>,
        name: &str,
    ) -> Option<T> {
        r.required_named(self.get(name), path, name)
    }

    /// The required date field `name` of the object at `path`.
    #[inline]
    pub(crate) fn required_date(
        &self,
        r: &mut Reader<'_>,
        path: Path<'_>,
        name: &str,
    ) -> Option<Date> {
        r.required_date(self.get(name), path, name)
    }
}

/// Visits a JSON object, putting each known field's raw value in its slot and
/// reporting unknown and repeated fields.
pub(crate) struct FieldsSeed<'p, const N: usize> {
    pub(crate) names: &'static [&'static str; N],
    pub(crate) path: Path<'p>,
    pub(crate) problems: &'p mut Problems,
}

impl<'de, const N: usize> DeserializeSeed<'de> for FieldsSeed<'_, N> {
    /// The fields, or `None` when the value was not an object (reported).
    type Value = Option<Fields<'de, N>>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<const N: usize> FieldsSeed<'_, N> {
    fn not_object<T>(self, found: &str) -> Option<T> {
        self.problems.push(
            ErrorKind::Syntax,
            self.path.to_string(),
            format!("expected an object, found {found}"),
        );
        None
    }
}

/// The `visit_*` methods of a visitor that takes one kind of JSON value,
/// for the scalars it does not take: each reports what it found with
/// `self.$report(found)`.
macro_rules! other_scalars {
    ($report:ident) => {
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Ok(self.$report("a boolean"))
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
            Ok(self.$report("a number"))
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
            Ok(self.$report("a number"))
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
            Ok(self.$report("a number"))
        }
        fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
            Ok(self.$report("a string"))
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(self.$report("null"))
        }
    };
}

impl<'de, const N: usize> Visitor<'de> for FieldsSeed<'_, N> {
    type Value = Option<Fields<'de, N>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    other_scalars!(not_object);

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(self.not_object("an array"))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut slots: [Option<Raw<'de>>; N] = [None; N];
        let mut keys = KeyCheck::new(self.names, self.path);
        let mut start = None;
        while let Some(key) = map.next_key::<Key<'de>>()? {
            if let (None, Cow::Borrowed(first)) = (start, &key.0) {
                start = Some(*first);
            }
            match keys.check(&key.0, self.problems) {
                Some(i) => {
                    let value = map.next_value::<Raw<'de>>()?;
                    if let Some(slot) = slots.get_mut(i) {
                        *slot = Some(value);
                    }
                }
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(Some(Fields {
            slots,
            names: self.names,
            start,
        }))
    }
}

/// The position of `key` among `names`. Each key of every object is looked
/// up, and each field read: the length and the first and last bytes tell
/// most names apart before their bytes are compared.
pub(crate) fn name_index(names: &[&str], key: &str) -> Option<usize> {
    let k = key.as_bytes();
    names.iter().position(|n| {
        let n = n.as_bytes();
        // The readers name a field with the very literal of the format's
        // list, which the compiler keeps once: the same address is the
        // same name, without comparing bytes.
        n.len() == k.len()
            && (std::ptr::eq(n.as_ptr(), k.as_ptr())
                || (n.first() == k.first() && n.last() == k.last() && n == k))
    })
}

/// An array of objects read in one pass: each element's fields are handed
/// to `each` as the element is met (`None` for an element that is not an
/// object, reported at `array[i]`), with the number of problems listed
/// before the element was read (its own problems follow). Its value says
/// whether it was an array at all (anything else is reported at `array`).
pub(crate) struct ElementsSeed<'p, const N: usize, F> {
    pub(crate) array: &'static str,
    pub(crate) names: &'static [&'static str; N],
    pub(crate) problems: &'p mut Problems,
    pub(crate) each: F,
}

impl<const N: usize, F> ElementsSeed<'_, N, F> {
    fn not_array(self, found: &str) -> bool {
        self.problems.push(
            ErrorKind::Syntax,
            self.array,
            format!("expected an array, found {found}"),
        );
        false
    }
}

impl<'de, const N: usize, F> DeserializeSeed<'de> for ElementsSeed<'_, N, F>
where
    F: FnMut(usize, Option<&Fields<'de, N>>, usize, &mut Problems),
{
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, const N: usize, F> Visitor<'de> for ElementsSeed<'_, N, F>
where
    F: FnMut(usize, Option<&Fields<'de, N>>, usize, &mut Problems),
{
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of objects")
    }

    other_scalars!(not_array);

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(self.not_array("an object"))
    }

    fn visit_seq<A: de::SeqAccess<'de>>(mut self, mut seq: A) -> Result<bool, A::Error> {
        let mut i = 0usize;
        loop {
            let mark = self.problems.listed();
            let seed = FieldsSeed {
                names: self.names,
                path: Path::at(self.array, i),
                problems: &mut *self.problems,
            };
            match seq.next_element_seed(seed)? {
                Some(fields) => (self.each)(i, fields.as_ref(), mark, self.problems),
                None => return Ok(true),
            }
            i = i.saturating_add(1);
        }
    }
}

/// The check every reader makes of each key of an object: that the format
/// knows it, and that the object has not given it before. JSON allows a key
/// twice; our formats do not, so that no value silently replaces another.
pub(crate) struct KeyCheck<'p, const N: usize> {
    names: &'static [&'static str; N],
    seen: [bool; N],
    path: Path<'p>,
}

impl<'p, const N: usize> KeyCheck<'p, N> {
    pub(crate) fn new(names: &'static [&'static str; N], path: Path<'p>) -> Self {
        KeyCheck {
            names,
            seen: [false; N],
            path,
        }
    }

    /// The position of `key` among the names when it is one met for the
    /// first time; an unknown or repeated key is reported, and its value is
    /// to be skipped.
    pub(crate) fn check(&mut self, key: &str, problems: &mut Problems) -> Option<usize> {
        let Some(i) = name_index(self.names, key) else {
            problems.push(
                ErrorKind::UnknownField,
                self.path.field(&shown(key).to_string()),
                format!(
                    "unknown field {}, expected one of: {}",
                    quoted(key),
                    self.names.join(", ")
                ),
            );
            return None;
        };
        match self.seen.get_mut(i) {
            Some(seen) if !*seen => {
                *seen = true;
                Some(i)
            }
            _ => {
                problems.push(
                    ErrorKind::Syntax,
                    self.path.field(key),
                    "the field appears twice",
                );
                None
            }
        }
    }
}

/// An object key, borrowed from the input where it has no escapes.
struct Key<'a>(Cow<'a, str>);

impl<'de> de::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// Reads `raw` as an object with the given fields. A value that is not an
/// object is reported and gives `None`.
pub(crate) fn read_object<'a, const N: usize>(
    raw: Raw<'a>,
    names: &'static [&'static str; N],
    path: Path<'_>,
    problems: &mut Problems,
) -> Option<Fields<'a, N>> {
    if !raw.get().starts_with('{') {
        problems.push(
            ErrorKind::Syntax,
            path.to_string(),
            format!("expected an object, found {}", describe_json(raw.get())),
        );
        return None;
    }
    let mut de = serde_json::Deserializer::from_str(raw.get());
    match (FieldsSeed {
        names,
        path,
        problems,
    })
    .deserialize(&mut de)
    {
        Ok(fields) => fields.map(|f| Fields {
            start: Some(raw.get()),
            ..f
        }),
        Err(e) => {
            problems.push(ErrorKind::Syntax, path.to_string(), clean_serde_message(&e));
            None
        }
    }
}

/// Names the entry `array[i]`, read from `item`, in the problems listed
/// since `mark` (all of them the entry's): its id, when it has one, and the
/// line and column where it starts. Costs nothing when there are none.
pub(crate) fn name_entry(
    problems: &mut Problems,
    mark: usize,
    array: &str,
    id: Option<&str>,
    item: Raw<'_>,
    locator: &mut Locator<'_>,
) {
    if problems.listed() > mark {
        let location = locator.locate(item.get());
        problems.name_entries(mark, array, |_| (id.map(str::to_owned), location));
    }
}

/// Reads `raw` as an array of raw values.
pub(crate) fn read_array<'a>(raw: Raw<'a>, path: &str, problems: &mut Problems) -> Vec<Raw<'a>> {
    if !raw.get().starts_with('[') {
        problems.push(
            ErrorKind::Syntax,
            path,
            format!("expected an array, found {}", describe_json(raw.get())),
        );
        return Vec::new();
    }
    match serde_json::from_str::<Vec<Raw<'_>>>(raw.get()) {
        Ok(v) => v,
        Err(e) => {
            problems.push(ErrorKind::Syntax, path, clean_serde_message(&e));
            Vec::new()
        }
    }
}

/// Typed readers for field values: each reports its problem with the path
/// and returns `None`, so that checking goes on after a bad field.
pub(crate) struct Reader<'p> {
    pub(crate) problems: &'p mut Problems,
}

impl Reader<'_> {
    fn fail<T>(
        &mut self,
        kind: ErrorKind,
        path: impl FnOnce() -> String,
        message: String,
    ) -> Option<T> {
        self.problems.push(kind, path(), message);
        None
    }

    /// A required field: reports its absence.
    #[inline]
    pub(crate) fn required<'a>(
        &mut self,
        raw: Option<Raw<'a>>,
        path: impl FnOnce() -> String,
    ) -> Option<Raw<'a>> {
        if raw.is_none() {
            self.problems
                .push(ErrorKind::MissingField, path(), "this field is required");
        }
        raw
    }

    /// The required string `raw`, field `name` of the object at `path`.
    #[inline]
    pub(crate) fn required_string<'a>(
        &mut self,
        raw: Option<Raw<'a>>,
        path: Path<'_>,
        name: &str,
    ) -> Option<Cow<'a, str>> {
        let raw = self.required(raw, || path.field(name))?;
        self.string(raw, || path.field(name))
    }

    /// The string `raw`, if present, field `name` of the object at `path`.
    #[inline]
    pub(crate) fn optional_string<'a>(
        &mut self,
        raw: Option<Raw<'a>>,
        path: Path<'_>,
        name: &str,
    ) -> Option<Cow<'a, str>> {
        self.string(raw?, || path.field(name))
    }

    /// The required `raw`, field `name` of the object at `path`, naming a
    /// `T` (a kind, a level, a mode, a status).
    pub(crate) fn required_named<T: std::str::FromStr<Err = Error>>(
        &mut self,
        raw: Option<Raw<'_>>,
        path: Path<'_>,
        name: &str,
    ) -> Option<T> {
        let raw = self.required(raw, || path.field(name))?;
        self.named(Some(raw), || path.field(name))
    }

    /// The required date `raw`, field `name` of the object at `path`.
    pub(crate) fn required_date(
        &mut self,
        raw: Option<Raw<'_>>,
        path: Path<'_>,
        name: &str,
    ) -> Option<Date> {
        let raw = self.required(raw, || path.field(name))?;
        self.date(raw, || path.field(name))
    }

    /// The required period `raw`, field `name` of the object at `path`.
    #[inline]
    pub(crate) fn required_period(
        &mut self,
        raw: Option<Raw<'_>>,
        path: Path<'_>,
        name: &str,
    ) -> Option<Period> {
        let raw = self.required(raw, || path.field(name))?;
        self.period(raw, || path.field(name))
    }

    /// Reads a string naming a `T` (a status, a method, a category),
    /// reporting a name that is not one at `at` (a path written only then).
    pub(crate) fn named<T: std::str::FromStr<Err = Error>>(
        &mut self,
        raw: Option<Raw<'_>>,
        at: impl Fn() -> String,
    ) -> Option<T> {
        let s = self.string(raw?, &at)?;
        match s.parse::<T>() {
            Ok(v) => Some(v),
            Err(e) => {
                self.problems
                    .push(ErrorKind::InvalidValue, at(), e.to_string());
                None
            }
        }
    }

    #[inline]
    pub(crate) fn string<'a>(
        &mut self,
        raw: Raw<'a>,
        path: impl FnOnce() -> String,
    ) -> Option<Cow<'a, str>> {
        match str_from_raw(raw) {
            Ok(s) => Some(s),
            Err(m) => self.fail(ErrorKind::Syntax, path, m),
        }
    }

    pub(crate) fn decimal(
        &mut self,
        raw: Raw<'_>,
        path: impl FnOnce() -> String,
    ) -> Option<Decimal> {
        match decimal_from_raw(raw) {
            Ok(d) => Some(d),
            Err(m) => self.fail(ErrorKind::InvalidValue, path, m),
        }
    }

    #[inline]
    pub(crate) fn whole(&mut self, raw: Raw<'_>, path: impl FnOnce() -> String) -> Option<u64> {
        match whole_from_raw(raw) {
            Ok(n) => Some(n),
            Err(m) => self.fail(ErrorKind::InvalidValue, path, m),
        }
    }

    pub(crate) fn date(
        &mut self,
        raw: Raw<'_>,
        path: impl FnOnce() -> String + Copy,
    ) -> Option<Date> {
        let s = self.string(raw, path)?;
        match parse_date(&s) {
            Ok(d) => Some(d),
            Err(m) => self.fail(ErrorKind::InvalidValue, path, m),
        }
    }

    pub(crate) fn period(
        &mut self,
        raw: Raw<'_>,
        path: impl FnOnce() -> String + Copy,
    ) -> Option<Period> {
        let s = self.string(raw, path)?;
        match parse_period(&s) {
            Ok(p) => Some(p),
            Err(m) => self.fail(ErrorKind::InvalidValue, path, m),
        }
    }
}

/// A JSON string's value, borrowed from the input when it has no escapes.
#[inline]
pub(crate) fn str_from_raw(raw: Raw<'_>) -> Result<Cow<'_, str>, String> {
    let text = raw.get();
    if !text.starts_with('"') {
        return Err(format!("expected a string, found {}", describe_json(text)));
    }
    match text.get(1..text.len().saturating_sub(1)) {
        // A byte search (memchr) finds a backslash fastest.
        Some(inner) if raw.plain || !inner.as_bytes().contains(&b'\\') => Ok(Cow::Borrowed(inner)),
        _ => serde_json::from_str::<String>(text)
            .map(Cow::Owned)
            .map_err(|e| clean_serde_message(&e)),
    }
}

/// Reads the top level of a document: its `format` and other fields.
/// A syntax error anywhere in the text is reported with its line and column.
pub(crate) fn read_document<'a, const N: usize>(
    text: &'a str,
    names: &'static [&'static str; N],
    expected_format: &str,
    problems: &mut Problems,
) -> Option<Fields<'a, N>> {
    let text = checked_text(text, problems)?;
    let raw: Raw<'_> = match serde_json::from_str(text) {
        Ok(r) => r,
        Err(e) => {
            problems.push(ErrorKind::Syntax, "", not_valid_json(&e));
            return None;
        }
    };
    let fields = read_object(raw, names, Path::new(""), problems)?;
    check_format(fields.get("format"), expected_format, problems).then_some(fields)
}

/// The largest document the readers accept, in bytes (1 GiB): beyond it a
/// document is refused before it is read, so a caller's memory use stays
/// bounded by what it chose to pass. At 64 bytes an observation, the store
/// for the largest observations document is smaller than the document.
pub const MAX_DOCUMENT_BYTES: usize = 1 << 30;

/// The JSON text of a document: without a UTF-8 byte-order mark at its
/// start (as a spreadsheet or a Windows editor may write), and `None`
/// (reported) when it is over [`MAX_DOCUMENT_BYTES`].
pub(crate) fn checked_text<'t>(text: &'t str, problems: &mut Problems) -> Option<&'t str> {
    if let Err(m) = check_size(u64::try_from(text.len()).unwrap_or(u64::MAX)) {
        problems.push(ErrorKind::OutOfRange, "", m);
        return None;
    }
    Some(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// Refuses a document of `bytes` bytes when it is over [`MAX_DOCUMENT_BYTES`].
pub(crate) fn check_size(bytes: u64) -> Result<(), String> {
    if usize::try_from(bytes).map_or(true, |b| b > MAX_DOCUMENT_BYTES) {
        return Err(format!(
            "the document is {bytes} bytes, more than the {MAX_DOCUMENT_BYTES} bytes a document may have"
        ));
    }
    Ok(())
}

/// The text of a document given as bytes (a file, a request's body), ready
/// for the readers (`Catalogue::from_json` and the others), or what is
/// wrong with it: more than [`MAX_DOCUMENT_BYTES`], or not UTF-8 (with the
/// line, column and byte offset of the first byte that is not).
///
/// A caller reading a file can check its size before reading it with
/// [`check_document_size`].
///
/// ```
/// use policy_targets::format::document_text;
/// assert_eq!(document_text(b"{}")?, "{}");
/// let err = document_text(b"{\"format\": \"caf\xe9\"}").unwrap_err();
/// assert!(err.to_string().contains("(byte 15)"), "{err}");
/// # Ok::<(), policy_targets::Error>(())
/// ```
///
/// # Errors
/// [`ErrorKind::OutOfRange`] for a document over the limit,
/// [`ErrorKind::Syntax`] for bytes that are not UTF-8.
pub fn document_text(bytes: &[u8]) -> Result<&str, Error> {
    check_document_size(u64::try_from(bytes.len()).unwrap_or(u64::MAX))?;
    utf8_text(bytes).map_err(|m| Error::single(ErrorKind::Syntax, "", m))
}

/// `bytes` as text, or what is wrong with them (the first byte that is not
/// part of a UTF-8 character, by line, column and offset).
pub(crate) fn utf8_text(bytes: &[u8]) -> Result<&str, String> {
    std::str::from_utf8(bytes).map_err(|e| {
        // The part before the bad byte is UTF-8: where it ends is the place.
        let valid = bytes.get(..e.valid_up_to()).unwrap_or_default();
        let text = std::str::from_utf8(valid).unwrap_or_default();
        let at = Locator::new(text).end();
        format!(
            "the text is not UTF-8: line {}, column {} (byte {}) holds a byte that is not part of a UTF-8 character; save the file as UTF-8",
            at.line,
            at.column,
            e.valid_up_to()
        )
    })
}

/// Refuses a document of `bytes` bytes, more than [`MAX_DOCUMENT_BYTES`],
/// before it is read (from a file's size, a request's `Content-Length`).
///
/// # Errors
/// [`ErrorKind::OutOfRange`] when `bytes` is over the limit.
pub fn check_document_size(bytes: u64) -> Result<(), Error> {
    check_size(bytes).map_err(|m| Error::single(ErrorKind::OutOfRange, "", m))
}

/// Where the object marked by `start` begins: `start` itself when it is the
/// object (it begins with `{`), else `start` is the object's first key, and
/// the `{` is found by stepping back over the key's quote and the blanks
/// before it.
fn object_start<'t>(text: &'t str, start: &'t str) -> &'t str {
    if start.starts_with('{') {
        return start;
    }
    let Some(offset) = (start.as_ptr() as usize).checked_sub(text.as_ptr() as usize) else {
        return start;
    };
    let before = text.get(..offset).unwrap_or_default();
    let blank = |c: char| matches!(c, ' ' | '\t' | '\n' | '\r');
    let trimmed = before
        .strip_suffix('"')
        .unwrap_or(before)
        .trim_end_matches(blank);
    match trimmed.strip_suffix('{') {
        Some(rest) => text.get(rest.len()..).unwrap_or(start),
        None => start,
    }
}

/// Checks a document's `format` field; `false` when it is missing or wrong,
/// in which case nothing else in the document is read.
pub(crate) fn check_format(raw: Option<Raw<'_>>, expected: &str, problems: &mut Problems) -> bool {
    let found = raw.map(str_from_raw);
    match found {
        Some(Ok(f)) if f == expected => true,
        Some(Ok(f)) => {
            problems.push(
                ErrorKind::UnsupportedFormat,
                "format",
                format!(
                    "unsupported format {}: this version reads `{expected}`",
                    quoted(&f)
                ),
            );
            false
        }
        Some(Err(m)) => {
            problems.push(ErrorKind::UnsupportedFormat, "format", m);
            false
        }
        None => {
            problems.push(
                ErrorKind::UnsupportedFormat,
                "format",
                format!(
                    "the document has no `format` field: expected `\"format\": \"{expected}\"`"
                ),
            );
            false
        }
    }
}

/// A document written as indented JSON.
pub(crate) fn pretty<T: serde::Serialize>(value: &T) -> String {
    // Serializing the plain structs of the writers to a String cannot fail:
    // every map key is a string and no value is a float.
    serde_json::to_string_pretty(value).unwrap_or_default()
}

/// Reads a decimal exactly from its JSON text: a JSON number (`12.33`) or a
/// JSON string (`"12.33"`). Never goes through a binary float.
pub(crate) fn decimal_from_raw(raw: Raw<'_>) -> Result<Decimal, String> {
    let text = raw.get();
    if text.starts_with('"') {
        parse_decimal(&str_from_raw(raw)?)
    } else if text.starts_with(|c: char| c == '-' || c.is_ascii_digit()) {
        parse_decimal(text)
    } else {
        Err(format!(
            "expected a decimal number (a JSON number or a string such as \"12.5\"), found {}",
            describe_json(text)
        ))
    }
}

/// Reads a whole number (JSON number or string) that fits in `u64`.
pub(crate) fn whole_from_raw(raw: Raw<'_>) -> Result<u64, String> {
    // Digits alone, as counts are written (in quotes or not), read at once.
    let text = raw.get().as_bytes();
    let digits = match text {
        [b'"', inner @ .., b'"'] => inner,
        _ => text,
    };
    if (1..=19).contains(&digits.len()) {
        // Below 10^19 < 2^64: no step can wrap.
        let mut n = 0u64;
        let mut all_digits = true;
        for &b in digits {
            let d = b.wrapping_sub(b'0');
            all_digits &= d <= 9;
            n = n.wrapping_mul(10).wrapping_add(u64::from(d));
        }
        if all_digits {
            return Ok(n);
        }
    }
    let d = decimal_from_raw(raw)?;
    whole_from_decimal(d)
}

/// Describes a JSON value's type for a message.
pub(crate) fn describe_json(text: &str) -> &'static str {
    match text.as_bytes().first() {
        Some(b'{') => "an object",
        Some(b'[') => "an array",
        Some(b'"') => "a string",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        _ => "a number",
    }
}

/// A serde_json message without its `at line 1 column 7` suffix, which
/// counts from the start of a fragment and would only mislead.
pub(crate) fn clean_serde_message(e: &serde_json::Error) -> String {
    let s = e.to_string();
    let s = match s.rfind(" at line ") {
        Some(i) => s.get(..i).unwrap_or(&s).to_owned(),
        None => s,
    };
    explain_surrogate(s)
}

/// The message of a whole document that is not JSON, with serde_json's
/// line and column (which count from the start of the document).
pub(crate) fn not_valid_json(e: &serde_json::Error) -> String {
    let s = explain_surrogate(e.to_string());
    format!("not valid JSON: {s}")
}

/// serde_json's words for a lone UTF-16 surrogate escape (`\ud800` not
/// followed by `\udc00` to `\udfff`, or the second half alone), replaced by
/// what is wrong and what to write instead; any other message unchanged.
fn explain_surrogate(message: String) -> String {
    let rest = message
        .strip_prefix("unexpected end of hex escape")
        .or_else(|| message.strip_prefix("lone leading surrogate in hex escape"));
    match rest {
        Some(rest) => format!(
            "a string holds half of a UTF-16 surrogate pair (an escape from `\\ud800` to `\\udfff` without its other half), which is no character: write the character itself, or both halves (`\\ud83d\\ude00`){rest}"
        ),
        None => message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    fn raw(s: &str) -> Raw<'_> {
        Raw::new(s)
    }

    #[test]
    fn decimals_are_read_exactly() {
        assert_eq!(
            decimal_from_raw(raw("79.99999999999999999"))
                .unwrap()
                .to_string(),
            "79.99999999999999999"
        );
        assert_eq!(
            decimal_from_raw(raw("\"3.100\"")).unwrap().to_string(),
            "3.100"
        );
        assert_eq!(decimal_from_raw(raw("-0.5")).unwrap().to_string(), "-0.5");
    }

    #[test]
    fn bad_decimals_are_refused_with_reasons() {
        // Exponents are read exactly, as any JSON number.
        for (text, value) in [
            ("1e3", "1000"),
            ("8E1", "80"),
            ("2.5e-3", "0.0025"),
            ("-1.25e+2", "-125"),
            ("\"7.5e1\"", "75"),
            ("1e-28", "0.0000000000000000000000000001"),
            (
                "7.9228162514264337593543950335e28",
                "79228162514264337593543950335",
            ),
        ] {
            assert_eq!(decimal_from_raw(raw(text)).unwrap(), d(value), "{text}");
        }
        for text in [
            "1e400",
            "1e-29",
            "1e99999",
            "7.9228162514264337593543950336e28",
            "\"8e\"",
            "\"e5\"",
            "\"1e+\"",
            "\"1.e3\"",
            "\"1e3.5\"",
            "\"1e1e1\"",
            "\"1e-\"",
        ] {
            assert!(decimal_from_raw(raw(text)).is_err(), "{text}");
        }
        assert!(decimal_from_raw(raw("\"1_000\"")).is_err());
        assert!(decimal_from_raw(raw("\"\"")).is_err());
        assert!(decimal_from_raw(raw("\".5\"")).is_err());
        assert!(
            decimal_from_raw(raw("true"))
                .unwrap_err()
                .contains("a boolean")
        );
        assert!(
            decimal_from_raw(raw("0.12345678901234567890123456789"))
                .unwrap_err()
                .contains("28 decimal places")
        );
        assert!(
            decimal_from_raw(raw("792281625142643375935439503350"))
                .unwrap_err()
                .contains("too large")
        );
    }

    #[test]
    fn whole_numbers_of_digits_are_read_as_decimals_are() {
        // Digits, and texts near them (signs, points, exponents, letters,
        // quotes, nothing), which the quick path must leave to the other.
        proptest::proptest!(|(digits in "[0-9]{1,24}|[0-9/:.eE+\\-\"a ]{0,21}", quoted: bool)| {
            let text = if quoted { format!("\"{digits}\"") } else { digits.clone() };
            let slow = decimal_from_raw(raw(&text)).and_then(whole_from_decimal);
            proptest::prop_assert_eq!(whole_from_raw(raw(&text)), slow);
        });
    }

    #[test]
    fn whole_numbers() {
        assert_eq!(whole_from_raw(raw("71")).unwrap(), 71);
        assert_eq!(whole_from_raw(raw("\"71.0\"")).unwrap(), 71);
        assert!(whole_from_raw(raw("71.5")).is_err());
        assert!(whole_from_raw(raw("-1")).is_err());
        // The bytes just outside the digits, and a lone quote.
        for text in [":", "4:", "\":\"", "/", "4/", "\""] {
            assert!(whole_from_raw(raw(text)).is_err(), "{text}");
        }
    }
}
