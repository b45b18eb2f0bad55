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

use crate::foundations::error::{ErrorKind, Path, Problems};
use crate::foundations::period::{Period, parse_period};
use crate::foundations::text::{parse_date, parse_decimal, whole_from_decimal};

/// The fields of one JSON object, by position in a list of known names.
#[derive(Debug)]
pub(crate) struct Fields<'a, const N: usize> {
    slots: [Option<&'a RawValue>; N],
    names: &'static [&'static str; N],
}

impl<'a, const N: usize> Fields<'a, N> {
    /// The raw value of a field, if present and not `null`.
    pub(crate) fn get(&self, name: &str) -> Option<&'a RawValue> {
        self.names
            .iter()
            .position(|n| *n == name)
            .and_then(|i| self.slots.get(i).copied().flatten())
            .filter(|r| r.get() != "null")
    }

    /// The required string field `name` of the object at `path`.
    pub(crate) fn required_string(
        &self,
        r: &mut Reader<'_>,
        path: Path<'_>,
        name: &str,
    ) -> Option<Cow<'a, str>> {
        let raw = r.required(self.get(name), || path.field(name))?;
        r.string(raw, || path.field(name))
    }

    /// The string field `name` of the object at `path`, if present.
    pub(crate) fn optional_string(
        &self,
        r: &mut Reader<'_>,
        path: Path<'_>,
        name: &str,
    ) -> Option<Cow<'a, str>> {
        r.string(self.get(name)?, || path.field(name))
    }

    /// The required field `name` of the object at `path`, naming a `T` (a
    /// kind, a level, a mode, a status).
    pub(crate) fn required_named<T: std::str::FromStr<Err = crate::foundations::error::Error>>(
        &self,
        r: &mut Reader<'_>,
        path: Path<'_>,
        name: &str,
    ) -> Option<T> {
        let raw = r.required(self.get(name), || path.field(name))?;
        r.named(Some(raw), &path.field(name))
    }

    /// The required date field `name` of the object at `path`.
    pub(crate) fn required_date(
        &self,
        r: &mut Reader<'_>,
        path: Path<'_>,
        name: &str,
    ) -> Option<Date> {
        let raw = r.required(self.get(name), || path.field(name))?;
        r.date(raw, || path.field(name))
    }

    /// The required period field `name` of the object at `path`.
    pub(crate) fn required_period(
        &self,
        r: &mut Reader<'_>,
        path: Path<'_>,
        name: &str,
    ) -> Option<Period> {
        let raw = r.required(self.get(name), || path.field(name))?;
        r.period(raw, || path.field(name))
    }

    /// The period field `name` of the object at `path`, if present.
    pub(crate) fn optional_period(
        &self,
        r: &mut Reader<'_>,
        path: Path<'_>,
        name: &str,
    ) -> Option<Period> {
        r.period(self.get(name)?, || path.field(name))
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

macro_rules! not_object {
    ($($method:ident($ty:ty) => $found:literal),* $(,)?) => {
        $(fn $method<E: de::Error>(self, _: $ty) -> Result<Self::Value, E> {
            Ok(self.not_object($found))
        })*
    };
}

impl<'de, const N: usize> Visitor<'de> for FieldsSeed<'_, N> {
    type Value = Option<Fields<'de, N>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    not_object! {
        visit_bool(bool) => "a boolean",
        visit_i64(i64) => "a number",
        visit_u64(u64) => "a number",
        visit_f64(f64) => "a number",
        visit_str(&str) => "a string",
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(self.not_object("null"))
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(self.not_object("an array"))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut slots: [Option<&'de RawValue>; N] = [None; N];
        while let Some(key) = map.next_key::<Key<'de>>()? {
            match self.names.iter().position(|n| *n == key.0) {
                Some(i) => {
                    let value = map.next_value::<&'de RawValue>()?;
                    if let Some(slot) = slots.get_mut(i) {
                        if slot.is_some() {
                            self.problems.push(
                                ErrorKind::Syntax,
                                self.path.field(&key.0),
                                "the field appears twice",
                            );
                        }
                        *slot = Some(value);
                    }
                }
                None => {
                    map.next_value::<IgnoredAny>()?;
                    self.problems.push(
                        ErrorKind::UnknownField,
                        self.path.field(&key.0),
                        format!(
                            "unknown field `{}`, expected one of: {}",
                            key.0,
                            self.names.join(", ")
                        ),
                    );
                }
            }
        }
        Ok(Some(Fields {
            slots,
            names: self.names,
        }))
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
    raw: &'a RawValue,
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
        Ok(fields) => fields,
        Err(e) => {
            problems.push(ErrorKind::Syntax, path.to_string(), clean_serde_message(&e));
            None
        }
    }
}

/// Reads `raw` as an array of raw values.
pub(crate) fn read_array<'a>(
    raw: &'a RawValue,
    path: &str,
    problems: &mut Problems,
) -> Vec<&'a RawValue> {
    if raw.get() == "null" {
        return Vec::new();
    }
    if !raw.get().starts_with('[') {
        problems.push(
            ErrorKind::Syntax,
            path,
            format!("expected an array, found {}", describe_json(raw.get())),
        );
        return Vec::new();
    }
    match serde_json::from_str::<Vec<&RawValue>>(raw.get()) {
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
    pub(crate) fn required<'a>(
        &mut self,
        raw: Option<&'a RawValue>,
        path: impl FnOnce() -> String,
    ) -> Option<&'a RawValue> {
        if raw.is_none() {
            self.problems
                .push(ErrorKind::MissingField, path(), "this field is required");
        }
        raw
    }

    /// Reads a string naming a `T` (a status, a method, a category),
    /// reporting a name that is not one at `at`.
    pub(crate) fn named<T: std::str::FromStr<Err = crate::foundations::error::Error>>(
        &mut self,
        raw: Option<&RawValue>,
        at: &str,
    ) -> Option<T> {
        let s = self.string(raw?, || at.to_owned())?;
        match s.parse::<T>() {
            Ok(v) => Some(v),
            Err(e) => {
                self.problems
                    .push(ErrorKind::InvalidValue, at, e.to_string());
                None
            }
        }
    }

    pub(crate) fn string<'a>(
        &mut self,
        raw: &'a RawValue,
        path: impl FnOnce() -> String,
    ) -> Option<Cow<'a, str>> {
        match str_from_raw(raw) {
            Ok(s) => Some(s),
            Err(m) => self.fail(ErrorKind::Syntax, path, m),
        }
    }

    pub(crate) fn decimal(
        &mut self,
        raw: &RawValue,
        path: impl FnOnce() -> String,
    ) -> Option<Decimal> {
        match decimal_from_raw(raw) {
            Ok(d) => Some(d),
            Err(m) => self.fail(ErrorKind::InvalidValue, path, m),
        }
    }

    pub(crate) fn whole(&mut self, raw: &RawValue, path: impl FnOnce() -> String) -> Option<u64> {
        match whole_from_raw(raw) {
            Ok(n) => Some(n),
            Err(m) => self.fail(ErrorKind::InvalidValue, path, m),
        }
    }

    pub(crate) fn date(
        &mut self,
        raw: &RawValue,
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
        raw: &RawValue,
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
pub(crate) fn str_from_raw(raw: &RawValue) -> Result<Cow<'_, str>, String> {
    let text = raw.get();
    if !text.starts_with('"') {
        return Err(format!("expected a string, found {}", describe_json(text)));
    }
    match text.get(1..text.len().saturating_sub(1)) {
        Some(inner) if !inner.contains('\\') => Ok(Cow::Borrowed(inner)),
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
    if !within_size_limit(text, problems) {
        return None;
    }
    let raw: &RawValue = match serde_json::from_str(text) {
        Ok(r) => r,
        Err(e) => {
            problems.push(ErrorKind::Syntax, "", format!("not valid JSON: {e}"));
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

/// Reports a document over [`MAX_DOCUMENT_BYTES`]; `false` when it is.
pub(crate) fn within_size_limit(text: &str, problems: &mut Problems) -> bool {
    if text.len() > MAX_DOCUMENT_BYTES {
        problems.push(
            ErrorKind::OutOfRange,
            "",
            format!(
                "the document is {} bytes, more than the {MAX_DOCUMENT_BYTES} bytes a document may have",
                text.len()
            ),
        );
        return false;
    }
    true
}

/// Checks a document's `format` field; `false` when it is missing or wrong,
/// in which case nothing else in the document is read.
pub(crate) fn check_format(
    raw: Option<&RawValue>,
    expected: &str,
    problems: &mut Problems,
) -> bool {
    let found = raw.map(str_from_raw);
    match found {
        Some(Ok(f)) if f == expected => true,
        Some(Ok(f)) => {
            problems.push(
                ErrorKind::UnsupportedFormat,
                "format",
                format!("unsupported format `{f}`: this version reads `{expected}`"),
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
pub(crate) fn decimal_from_raw(raw: &RawValue) -> Result<Decimal, String> {
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
pub(crate) fn whole_from_raw(raw: &RawValue) -> Result<u64, String> {
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
    match s.rfind(" at line ") {
        Some(i) => s.get(..i).unwrap_or(&s).to_owned(),
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    fn raw(s: &str) -> Box<RawValue> {
        RawValue::from_string(s.to_owned()).unwrap()
    }

    #[test]
    fn decimals_are_read_exactly() {
        assert_eq!(
            decimal_from_raw(&raw("79.99999999999999999"))
                .unwrap()
                .to_string(),
            "79.99999999999999999"
        );
        assert_eq!(
            decimal_from_raw(&raw("\"3.100\"")).unwrap().to_string(),
            "3.100"
        );
        assert_eq!(decimal_from_raw(&raw("-0.5")).unwrap().to_string(), "-0.5");
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
            assert_eq!(decimal_from_raw(&raw(text)).unwrap(), d(value), "{text}");
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
            assert!(decimal_from_raw(&raw(text)).is_err(), "{text}");
        }
        assert!(decimal_from_raw(&raw("\"1_000\"")).is_err());
        assert!(decimal_from_raw(&raw("\"\"")).is_err());
        assert!(decimal_from_raw(&raw("\".5\"")).is_err());
        assert!(
            decimal_from_raw(&raw("true"))
                .unwrap_err()
                .contains("a boolean")
        );
        assert!(
            decimal_from_raw(&raw("0.12345678901234567890123456789"))
                .unwrap_err()
                .contains("28 decimal places")
        );
        assert!(
            decimal_from_raw(&raw("792281625142643375935439503350"))
                .unwrap_err()
                .contains("too large")
        );
    }

    #[test]
    fn whole_numbers() {
        assert_eq!(whole_from_raw(&raw("71")).unwrap(), 71);
        assert_eq!(whole_from_raw(&raw("\"71.0\"")).unwrap(), 71);
        assert!(whole_from_raw(&raw("71.5")).is_err());
        assert!(whole_from_raw(&raw("-1")).is_err());
    }
}
