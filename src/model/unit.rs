//! Units: jurisdictions with a level, a parent, and the days they existed.

use std::fmt;
use std::str::FromStr;

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
    pub(crate) id: String,
    pub(crate) level: UnitLevel,
    pub(crate) names: Names,
    pub(crate) parent: Option<String>,
    pub(crate) code: Option<String>,
    pub(crate) from: Option<Date>,
    pub(crate) until: Option<Date>,
    pub(crate) successor: Option<String>,
    pub(crate) instrument: Option<String>,
    pub(crate) note: Option<String>,
}

impl Unit {
    /// A unit with this id and level, existing always, with no parent.
    #[must_use]
    pub fn new(id: impl Into<String>, level: UnitLevel) -> Self {
        Unit {
            id: id.into(),
            level,
            names: Names::default(),
            parent: None,
            code: None,
            from: None,
            until: None,
            successor: None,
            instrument: None,
            note: None,
        }
    }

    /// Sets the parent unit's id.
    #[must_use]
    pub fn with_parent(mut self, parent: impl Into<String>) -> Self {
        self.parent = Some(parent.into());
        self
    }

    /// Sets the statistical code (which may be reused by another unit at another time).
    #[must_use]
    pub fn with_code(mut self, code: impl Into<String>) -> Self {
        self.code = Some(code.into());
        self
    }

    /// Sets the English name.
    #[must_use]
    pub fn with_name_en(mut self, name: impl Into<String>) -> Self {
        self.names.en = Some(name.into());
        self
    }

    /// Sets the Vietnamese name.
    #[must_use]
    pub fn with_name_vi(mut self, name: impl Into<String>) -> Self {
        self.names.vi = Some(name.into());
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
        self.successor = Some(id.into());
        self
    }

    /// Sets the legal instrument that created or ended it.
    #[must_use]
    pub fn with_instrument(mut self, instrument: impl Into<String>) -> Self {
        self.instrument = Some(instrument.into());
        self
    }

    /// Sets a note.
    #[must_use]
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
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
        &self.names
    }

    /// The parent's id; `None` at the top.
    #[must_use]
    pub fn parent(&self) -> Option<&str> {
        self.parent.as_deref()
    }

    /// The statistical code, if given.
    #[must_use]
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
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
        self.successor.as_deref()
    }

    /// The legal instrument, if given.
    #[must_use]
    pub fn instrument(&self) -> Option<&str> {
        self.instrument.as_deref()
    }

    /// A note, if given.
    #[must_use]
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }

    /// Whether the unit existed on `day` (`from ≤ day ≤ until`).
    #[must_use]
    pub fn exists_on(&self, day: Date) -> bool {
        self.from.is_none_or(|f| f <= day) && self.until.is_none_or(|u| day <= u)
    }

    /// The English name, else the Vietnamese one, else the id.
    #[must_use]
    pub fn display_name(&self) -> &str {
        self.names.en().or(self.names.vi()).unwrap_or(&self.id)
    }
}
