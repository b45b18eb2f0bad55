//! Units: jurisdictions with a level, a parent, and the days they existed.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use time::Date;

use crate::foundations::error::{Error, by_name};
use crate::foundations::text::quoted;
use crate::model::names::Names;

/// The level of a unit in the administrative hierarchy, from the top.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum UnitLevel {
    /// The country.
    National,
    /// A ministry or sector (a branch below the national level).
    Ministry,
    /// A province or centrally-run city (cấp tỉnh).
    Province,
    /// A district (cấp huyện); Viet Nam ended this level on 2025-07-01.
    District,
    /// A commune, ward or special zone (cấp xã).
    Commune,
}

impl UnitLevel {
    /// Every level, from the top.
    pub const ALL: [UnitLevel; 5] = [
        UnitLevel::National,
        UnitLevel::Ministry,
        UnitLevel::Province,
        UnitLevel::District,
        UnitLevel::Commune,
    ];

    /// The level's name in the JSON formats (`national`, `commune`, ...).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            UnitLevel::National => "national",
            UnitLevel::Ministry => "ministry",
            UnitLevel::Province => "province",
            UnitLevel::District => "district",
            UnitLevel::Commune => "commune",
        }
    }
}

impl fmt::Display for UnitLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for UnitLevel {
    type Err = Error;

    fn from_str(s: &str) -> Result<UnitLevel, Error> {
        by_name(&UnitLevel::ALL, UnitLevel::as_str, s, |_| level_message(s))
    }
}

fn level_message(s: &str) -> String {
    format!(
        "{} is not a level: use national, ministry, province, district or commune",
        quoted(s)
    )
}

/// One jurisdiction: its id, level, names, parent, statistical code, and the
/// days it existed.
///
/// A unit is identified by its id alone, never by its code: after Viet Nam's
/// 2025 merger the same statistical code names different provinces before
/// and after 2025-07-01, so they are different units with different ids.
///
/// ```
/// use policy_targets::{Unit, UnitLevel, parse_date};
/// let old = Unit::new("VN-15-until-2025-06-30", UnitLevel::Province)
///     .with_parent("VN")
///     .with_code("15")
///     .with_name_vi("Tỉnh Yên Bái")
///     .with_until(parse_date("2025-06-30")?)
///     .with_successor("VN-15-from-2025-07-01");
/// assert!(old.exists_on(parse_date("2025-06-30")?));
/// assert!(!old.exists_on(parse_date("2025-07-01")?));
/// # Ok::<(), policy_targets::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    // A million units are held at once (every commune of a country, over
    // the years), so a unit keeps inline only what most units have; the id
    // is shared with the index of `Units`, and the parent with the parent's
    // own id.
    pub(crate) id: Arc<str>,
    pub(crate) parent: Option<Arc<str>>,
    pub(crate) from: Option<Date>,
    pub(crate) until: Option<Date>,
    pub(crate) level: UnitLevel,
    /// The fields most units lack; `None` when all of them are absent, so
    /// that two equal units compare equal.
    pub(crate) more: Option<Box<More>>,
}

/// The fields of a [`Unit`] that most units lack.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct More {
    pub(crate) names: Names,
    pub(crate) code: Option<String>,
    pub(crate) successor: Option<String>,
    pub(crate) instrument: Option<String>,
    pub(crate) note: Option<String>,
}

impl More {
    /// `self`, boxed, unless every field is absent.
    pub(crate) fn boxed(self) -> Option<Box<More>> {
        (self != More::default()).then(|| Box::new(self))
    }
}

/// The names of a unit that has none.
static NO_NAMES: Names = Names { en: None, vi: None };

impl Unit {
    /// A unit with this id and level, existing always, with no parent.
    #[must_use]
    pub fn new(id: impl Into<String>, level: UnitLevel) -> Self {
        Unit {
            id: Arc::from(id.into()),
            level,
            parent: None,
            from: None,
            until: None,
            more: None,
        }
    }

    /// The rare fields, made present to be set.
    fn more_mut(&mut self) -> &mut More {
        self.more.get_or_insert_with(Box::default)
    }

    /// Sets the parent unit's id.
    #[must_use]
    pub fn with_parent(mut self, parent: impl Into<String>) -> Self {
        self.parent = Some(Arc::from(parent.into()));
        self
    }

    /// Sets the statistical code (which may be reused by another unit at another time).
    #[must_use]
    pub fn with_code(mut self, code: impl Into<String>) -> Self {
        self.more_mut().code = Some(code.into());
        self
    }

    /// Sets the English name.
    #[must_use]
    pub fn with_name_en(mut self, name: impl Into<String>) -> Self {
        self.more_mut().names.en = Some(name.into());
        self
    }

    /// Sets the Vietnamese name.
    #[must_use]
    pub fn with_name_vi(mut self, name: impl Into<String>) -> Self {
        self.more_mut().names.vi = Some(name.into());
        self
    }

    /// Sets the first day the unit existed.
    #[must_use]
    pub fn with_from(mut self, day: Date) -> Self {
        self.from = Some(day);
        self
    }

    /// Sets the last day the unit existed.
    #[must_use]
    pub fn with_until(mut self, day: Date) -> Self {
        self.until = Some(day);
        self
    }

    /// Sets the unit it was merged into when it ceased.
    #[must_use]
    pub fn with_successor(mut self, id: impl Into<String>) -> Self {
        self.more_mut().successor = Some(id.into());
        self
    }

    /// Sets the legal instrument that created or ended it.
    #[must_use]
    pub fn with_instrument(mut self, instrument: impl Into<String>) -> Self {
        self.more_mut().instrument = Some(instrument.into());
        self
    }

    /// Sets a note.
    #[must_use]
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.more_mut().note = Some(note.into());
        self
    }

    /// The id, unique among the units.
    #[must_use]
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The level.
    #[must_use]
    pub fn level(&self) -> UnitLevel {
        self.level
    }

    /// The names.
    #[must_use]
    pub fn names(&self) -> &Names {
        self.more.as_ref().map_or(&NO_NAMES, |m| &m.names)
    }

    /// The parent's id; `None` at the top.
    #[must_use]
    pub fn parent(&self) -> Option<&str> {
        self.parent.as_deref()
    }

    /// The statistical code, if given.
    #[must_use]
    pub fn code(&self) -> Option<&str> {
        self.more.as_ref().and_then(|m| m.code.as_deref())
    }

    /// The first day it existed; `None` when it existed before any date that matters.
    #[must_use]
    pub fn existed_from(&self) -> Option<Date> {
        self.from
    }

    /// The last day it existed; `None` while it exists.
    #[must_use]
    pub fn existed_until(&self) -> Option<Date> {
        self.until
    }

    /// The id of the unit it was merged into, if it was.
    #[must_use]
    pub fn successor(&self) -> Option<&str> {
        self.more.as_ref().and_then(|m| m.successor.as_deref())
    }

    /// The legal instrument, if given.
    #[must_use]
    pub fn instrument(&self) -> Option<&str> {
        self.more.as_ref().and_then(|m| m.instrument.as_deref())
    }

    /// A note, if given.
    #[must_use]
    pub fn note(&self) -> Option<&str> {
        self.more.as_ref().and_then(|m| m.note.as_deref())
    }

    /// Whether the unit existed on `day` (`from ≤ day ≤ until`).
    #[must_use]
    pub fn exists_on(&self, day: Date) -> bool {
        self.from.is_none_or(|f| f <= day) && self.until.is_none_or(|u| day <= u)
    }

    /// The English name, else the Vietnamese one, else the id.
    #[must_use]
    pub fn display_name(&self) -> &str {
        let names = self.names();
        names.en().or(names.vi()).unwrap_or(&self.id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A million units are held at once: the usual one, an id, a parent and
    /// a level, is small, and the rare fields cost a pointer when absent.
    #[test]
    fn a_unit_is_small() {
        assert!(size_of::<Unit>() <= 64, "{}", size_of::<Unit>());
    }

    #[test]
    fn rare_fields_are_read_back_and_compared() {
        let plain = Unit::new("C1", UnitLevel::Commune).with_parent("VN");
        assert_eq!(plain.names(), &Names::default());
        assert_eq!(plain.code(), None);
        assert_eq!(plain.display_name(), "C1");
        let named = plain
            .clone()
            .with_name_vi("Xã Một")
            .with_code("00001")
            .with_successor("C2")
            .with_instrument("NQ 1")
            .with_note("merged");
        assert_eq!(named.names().vi(), Some("Xã Một"));
        assert_eq!(named.display_name(), "Xã Một");
        assert_eq!(
            [
                named.code(),
                named.successor(),
                named.instrument(),
                named.note()
            ],
            [Some("00001"), Some("C2"), Some("NQ 1"), Some("merged")]
        );
        assert_ne!(named, plain);
        assert_eq!(named.clone(), named);
        // Read from a document, a unit without rare fields equals one built.
        let units = crate::Units::from_json(
            r#"{"format": "policy-targets/units@1", "units": [{"id": "VN", "level": "national"}, {"id": "C1", "level": "commune", "parent": "VN"}]}"#,
        )
        .unwrap();
        assert_eq!(units.get("C1"), Some(&plain));
    }
}
