//! Serde (feature `serde`) for the value types with a text form: each is
//! written as the text the formats use and read back through its `FromStr`,
//! so that reading checks what the formats' readers check. A rule is an
//! object, as in a catalogue: `{"at_least": "80"}`.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};

use crate::engine::progress::category::Category;
use crate::engine::progress::refusal::Refusal;
use crate::engine::status::Status;
use crate::foundations::error::ErrorKind;
use crate::foundations::metric::{
    Count, Direction, GrowthRate, MetricKind, Percent, Rank, Rule, Score,
};
use crate::foundations::period::{Period, PeriodKind};
use crate::foundations::text::{parse_decimal, quoted};
use crate::model::indicator::Cadence;
use crate::model::method::Method;
use crate::model::qualifier::Qualifier;
use crate::model::target::RollUpMode;
use crate::model::unit::UnitLevel;
use crate::presentation::words::lang::Lang;

/// Reads a text and parses it with `FromStr`, the parse error as serde's.
struct TextVisitor<T>(std::marker::PhantomData<T>, &'static str);

impl<T> Visitor<'_> for TextVisitor<T>
where
    T: FromStr,
    T::Err: fmt::Display,
{
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.1)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        v.parse().map_err(E::custom)
    }
}

/// `Serialize` as the type's text (its `Display`) and `Deserialize`
/// through its `FromStr`.
macro_rules! as_text {
    ($($ty:ty => $expecting:literal),* $(,)?) => {$(
        #[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        #[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_str(TextVisitor(std::marker::PhantomData, $expecting))
            }
        }
    )*};
}

as_text!(
    Status => "a status such as \"met\"",
    Period => "a period such as \"2025\", \"2025-Q3\" or \"2024-07-01/2025-06-30\"",
    PeriodKind => "a kind of period such as \"year\"",
    MetricKind => "a kind such as \"percent\"",
    Direction => "\"higher_is_better\" or \"lower_is_better\"",
    Cadence => "a cadence such as \"annual\"",
    Method => "a progress method such as \"least_squares\"",
    Category => "a progress category such as \"moderate_progress\"",
    UnitLevel => "a level such as \"province\"",
    RollUpMode => "\"pooled\" or \"each\"",
    Qualifier => "a qualifier such as \"more_than\"",
    ErrorKind => "an error kind such as \"invalid_value\"",
    Lang => "a language code, \"vi\" or \"en\"",
    Percent => "a percentage as a decimal string, such as \"85.1\"",
    Score => "a score as a decimal string",
    GrowthRate => "a growth rate as a decimal string",
    Rank => "a rank as a string, such as \"71\"",
    Count => "a count as a string",
);

/// A refusal is written by its name (`too_few_points`), as in a results
/// document; its `Display` is the reason in words.
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl Serialize for Refusal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl<'de> Deserialize<'de> for Refusal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(TextVisitor(
            std::marker::PhantomData,
            "a refusal such as \"too_few_points\"",
        ))
    }
}

/// A rule as a catalogue writes it: `{"at_least": "80"}`, `{"within_top": 70}`;
/// the threshold a string, exactly as written.
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl Serialize for Rule {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1))?;
        match self {
            Rule::WithinTop(n) => map.serialize_entry("within_top", n)?,
            Rule::AtLeast(t) | Rule::AtMost(t) | Rule::MoreThan(t) | Rule::LessThan(t) => {
                map.serialize_entry(self.name(), &t.to_string())?;
            }
        }
        map.end()
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl<'de> Deserialize<'de> for Rule {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(RuleVisitor)
    }
}

struct RuleVisitor;

impl<'de> Visitor<'de> for RuleVisitor {
    type Value = Rule;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a rule with one key, such as {\"at_least\": \"80\"} or {\"within_top\": 70}")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Rule, A::Error> {
        let Some(name) = map.next_key::<String>()? else {
            return Err(de::Error::custom("a rule needs one key, such as at_least"));
        };
        let rule = match name.as_str() {
            "within_top" => {
                let n: Whole = map.next_value()?;
                let rank = u32::try_from(n.0)
                    .ok()
                    .and_then(|n| Rank::new(n).ok())
                    .ok_or_else(|| {
                        de::Error::custom(format!("within_top {} is not a rank", n.0))
                    })?;
                Rule::WithinTop(rank.get())
            }
            "at_least" | "at_most" | "more_than" | "less_than" => {
                let t: DecimalText = map.next_value()?;
                match name.as_str() {
                    "at_least" => Rule::AtLeast(t.0),
                    "at_most" => Rule::AtMost(t.0),
                    "more_than" => Rule::MoreThan(t.0),
                    _ => Rule::LessThan(t.0),
                }
            }
            other => {
                return Err(de::Error::custom(format!(
                    "{} is not a rule: use at_least, at_most, more_than, less_than or within_top",
                    quoted(other)
                )));
            }
        };
        if map.next_key::<String>()?.is_some() {
            return Err(de::Error::custom("a rule has exactly one key"));
        }
        Ok(rule)
    }
}

/// A decimal written as a string (exactly) or as a whole JSON number; a
/// number with a fraction is refused, since it would be read as a binary
/// float.
struct DecimalText(Decimal);

impl<'de> Deserialize<'de> for DecimalText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = DecimalText;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a decimal as a string, such as \"85.1\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<DecimalText, E> {
                parse_decimal(v).map(DecimalText).map_err(E::custom)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<DecimalText, E> {
                Ok(DecimalText(Decimal::from(v)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<DecimalText, E> {
                Ok(DecimalText(Decimal::from(v)))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<DecimalText, E> {
                Err(E::custom(format!(
                    "{v} was read as a binary float: write the decimal as a string (\"{v}\") so that it is read exactly"
                )))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// A whole number, as a JSON number or a string.
struct Whole(u64);

impl<'de> Deserialize<'de> for Whole {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Whole;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a whole number")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Whole, E> {
                Ok(Whole(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Whole, E> {
                u64::try_from(v)
                    .map(Whole)
                    .map_err(|_| E::custom(format!("{v} is negative")))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Whole, E> {
                v.parse::<Count>()
                    .map(|c| Whole(c.get()))
                    .map_err(E::custom)
            }
        }
        deserializer.deserialize_any(V)
    }
}
