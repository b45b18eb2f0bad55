//! Jurisdictions: units with levels, a hierarchy, and the dates they existed.

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

use serde_json::value::RawValue;
use time::Date;

use crate::foundations::error::Path;
use crate::foundations::error::{Error, ErrorKind, Problems};
use crate::foundations::text::{check_name, format_date};
use crate::model::catalogue::Names;
use crate::presentation::format::json::{Reader, read_array, read_document, read_object};

/// The `format` of a units document.
pub const UNITS_FORMAT: &str = "policy-targets/units@1";

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

    /// The plural for sentences: `communes`, `districts`.
    pub(crate) fn plural(self) -> &'static str {
        match self {
            UnitLevel::National => "national units",
            UnitLevel::Ministry => "ministries",
            UnitLevel::Province => "provinces",
            UnitLevel::District => "districts",
            UnitLevel::Commune => "communes",
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
        UnitLevel::ALL
            .into_iter()
            .find(|l| l.as_str() == s)
            .ok_or_else(|| Error::single(ErrorKind::InvalidValue, "", level_message(s)))
    }
}

fn level_message(s: &str) -> String {
    format!("`{s}` is not a level: use national, ministry, province, district or commune")
}

/// How a target at a level is judged: on the pooled share of the whole
/// level, or unit by unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RollUpMode {
    /// The share of all dossiers at the level: summed numerators over summed
    /// denominators, never the mean of the units' percentages. Percent
    /// indicators only.
    Pooled,
    /// Every unit at the level must meet the rule.
    Each,
}

impl RollUpMode {
    /// The mode's name in the JSON formats (`pooled`, `each`).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            RollUpMode::Pooled => "pooled",
            RollUpMode::Each => "each",
        }
    }
}

impl FromStr for RollUpMode {
    type Err = Error;

    fn from_str(s: &str) -> Result<RollUpMode, Error> {
        [RollUpMode::Pooled, RollUpMode::Each]
            .into_iter()
            .find(|m| m.as_str() == s)
            .ok_or_else(|| {
                Error::single(
                    ErrorKind::InvalidValue,
                    "",
                    format!("`{s}` is not a mode: use pooled or each"),
                )
            })
    }
}

impl fmt::Display for RollUpMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a target applies to when it is about a level of units below its
/// own unit (its scope): `"applies_to": {"level": "commune", "mode": "pooled"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AppliesTo {
    level: UnitLevel,
    mode: RollUpMode,
}

impl AppliesTo {
    /// The units of `level` below the target's unit, judged in `mode`.
    #[must_use]
    pub fn new(level: UnitLevel, mode: RollUpMode) -> Self {
        AppliesTo { level, mode }
    }

    /// The level.
    #[must_use]
    pub fn level(&self) -> UnitLevel {
        self.level
    }

    /// The mode.
    #[must_use]
    pub fn mode(&self) -> RollUpMode {
        self.mode
    }
}

/// Reads `applies_to`; `None` (reported) when faulty.
pub(crate) fn parse_applies_to(
    raw: &RawValue,
    path: &str,
    problems: &mut Problems,
) -> Option<AppliesTo> {
    let f = read_object(raw, &["level", "mode"], Path::new(path), problems)?;
    let mut r = Reader { problems };
    let level = f.required_named(&mut r, Path::new(path), "level");
    let mode = f.required_named(&mut r, Path::new(path), "mode");
    Some(AppliesTo::new(level?, mode?))
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
    id: String,
    level: UnitLevel,
    names: Names,
    parent: Option<String>,
    code: Option<String>,
    from: Option<Date>,
    until: Option<Date>,
    successor: Option<String>,
    instrument: Option<String>,
    note: Option<String>,
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
        self.names = Names::from_parts(Some(name.into()), self.names.vi().map(str::to_owned));
        self
    }

    /// Sets the Vietnamese name.
    #[must_use]
    pub fn with_name_vi(mut self, name: impl Into<String>) -> Self {
        self.names = Names::from_parts(self.names.en().map(str::to_owned), Some(name.into()));
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

/// A validated set of units: ids unique, parents and successors existing,
/// parents one level or more above their children, no cycles, and each
/// unit's dates in order.
///
/// Load one from a `policy-targets/units@1` document with
/// [`Units::from_json`], or build one with [`Units::new`].
///
/// ```
/// use policy_targets::{Unit, UnitLevel, Units, parse_date};
/// let units = Units::new([
///     Unit::new("VN", UnitLevel::National),
///     Unit::new("P1", UnitLevel::Province).with_parent("VN").with_until(parse_date("2025-06-30")?).with_successor("P3"),
///     Unit::new("P2", UnitLevel::Province).with_parent("VN").with_until(parse_date("2025-06-30")?).with_successor("P3"),
///     Unit::new("P3", UnitLevel::Province).with_parent("VN").with_from(parse_date("2025-07-01")?),
/// ])?;
/// assert_eq!(units.predecessors("P3").map(|u| u.id()).collect::<Vec<_>>(), ["P1", "P2"]);
/// let on = parse_date("2026-01-01")?;
/// assert_eq!(units.on(on).filter(|u| u.level() == UnitLevel::Province).count(), 1);
/// # Ok::<(), policy_targets::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Units {
    units: Vec<Unit>,
    index: HashMap<String, usize>,
    successor: Vec<Option<usize>>,
    children: Vec<Vec<usize>>,
    predecessors: Vec<Vec<usize>>,
}

impl PartialEq for Units {
    /// Equal when they hold the same units in the same order.
    fn eq(&self, other: &Self) -> bool {
        self.units == other.units
    }
}

impl Eq for Units {}

impl Units {
    /// Checks and indexes `units`.
    ///
    /// # Errors
    /// Every problem found, with the unit's position as path (`units[3].parent`):
    /// a malformed or duplicate id, an unknown parent or successor, a parent
    /// not above its child, a successor at another level, `until` before
    /// `from`, a successor without `until`, or a cycle.
    pub fn new(units: impl IntoIterator<Item = Unit>) -> Result<Units, Error> {
        let mut problems = Problems::default();
        let units: Vec<Unit> = units.into_iter().collect();
        let positions = (0..units.len()).collect();
        let units = build(units, positions, &mut problems);
        problems.into_result()?;
        Ok(units)
    }

    /// Reads a units document (`policy-targets/units@1`).
    ///
    /// # Errors
    /// Every problem found, each with its JSON path: malformed JSON, an
    /// unknown field, a missing or malformed value, and the checks of
    /// [`Units::new`].
    pub fn from_json(text: &str) -> Result<Units, Error> {
        let mut problems = Problems::default();
        let units = parse(text, &mut problems);
        problems.into_result()?;
        Ok(units)
    }

    /// Every unit, in the order given.
    #[must_use]
    pub fn units(&self) -> &[Unit] {
        &self.units
    }

    /// How many units there are.
    #[must_use]
    pub fn len(&self) -> usize {
        self.units.len()
    }

    /// Whether there are none.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }

    /// The unit with this id.
    #[must_use]
    pub fn get(&self, id: &str) -> Option<&Unit> {
        self.index.get(id).and_then(|&i| self.units.get(i))
    }

    /// The units that existed on `day`.
    pub fn on(&self, day: Date) -> impl Iterator<Item = &Unit> + '_ {
        self.units.iter().filter(move |u| u.exists_on(day))
    }

    /// The units merged into `id`, in the order given.
    pub fn predecessors(&self, id: &str) -> impl Iterator<Item = &Unit> + '_ {
        self.index
            .get(id)
            .and_then(|&i| self.predecessors.get(i))
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .filter_map(|&i| self.units.get(i))
    }

    /// The unit that `id` became on `day`: itself if it existed then, else
    /// its successor (or the successor's successor) that did.
    #[must_use]
    pub fn as_of(&self, id: &str, day: Date) -> Option<&Unit> {
        let ix = self.resolve_on(*self.index.get(id)?, day)?;
        self.units.get(ix)
    }

    /// The units of `level` within `scope` (the scope itself or below it)
    /// that existed on `day`, in the order given.
    pub fn within(&self, scope: &str, level: UnitLevel, day: Date) -> Vec<&Unit> {
        self.index
            .get(scope)
            .map(|&s| self.members(s, level, day))
            .unwrap_or_default()
            .into_iter()
            .filter_map(|i| self.units.get(i))
            .collect()
    }

    pub(crate) fn index_of(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    pub(crate) fn unit(&self, ix: usize) -> Option<&Unit> {
        self.units.get(ix)
    }

    pub(crate) fn children_of(&self, ix: usize) -> &[usize] {
        self.children.get(ix).map_or(&[], Vec::as_slice)
    }

    pub(crate) fn predecessors_of(&self, ix: usize) -> &[usize] {
        self.predecessors.get(ix).map_or(&[], Vec::as_slice)
    }

    /// `ix`, or the first successor in its chain, that existed on `day`.
    pub(crate) fn resolve_on(&self, ix: usize, day: Date) -> Option<usize> {
        let mut at = ix;
        for _ in 0..=self.units.len() {
            let u = self.units.get(at)?;
            if u.exists_on(day) {
                return Some(at);
            }
            at = (*self.successor.get(at)?)?;
        }
        None
    }

    /// Indices of the units of `level` below or at `scope` that existed on `day`.
    pub(crate) fn members(&self, scope: usize, level: UnitLevel, day: Date) -> Vec<usize> {
        let mut out = Vec::new();
        let mut stack = vec![scope];
        while let Some(ix) = stack.pop() {
            let Some(u) = self.units.get(ix) else {
                continue;
            };
            if u.level == level {
                if u.exists_on(day) {
                    out.push(ix);
                }
                // Nothing below a unit is at its own level.
                continue;
            }
            if let Some(kids) = self.children.get(ix) {
                stack.extend(kids.iter().rev().copied());
            }
        }
        out
    }

    /// The last day on which a unit of `level` within `scope` existed, if
    /// any did and none exists after it.
    pub(crate) fn level_ended(&self, scope: usize, level: UnitLevel) -> Option<Date> {
        let mut last: Option<Date> = None;
        let mut stack = vec![scope];
        while let Some(ix) = stack.pop() {
            let Some(u) = self.units.get(ix) else {
                continue;
            };
            if u.level == level {
                match u.until {
                    None => return None,
                    Some(d) => last = Some(last.map_or(d, |l| l.max(d))),
                }
                continue;
            }
            if let Some(kids) = self.children.get(ix) {
                stack.extend(kids.iter().copied());
            }
        }
        last
    }
}

/// Checks and indexes units; `positions` holds each unit's place in the
/// document, for the paths of problems (faulty entries are left out).
fn build(units: Vec<Unit>, positions: Vec<usize>, problems: &mut Problems) -> Units {
    let at = |i: usize| Path::at("units", positions.get(i).copied().unwrap_or(i));
    let mut index: HashMap<String, usize> = HashMap::with_capacity(units.len());
    for (i, u) in units.iter().enumerate() {
        let path = at(i);
        if let Err(m) = check_name(&u.id, "unit id") {
            problems.push(ErrorKind::InvalidValue, path.field("id"), m);
        }
        if let Some(first) = index.get(&u.id) {
            problems.push(
                ErrorKind::DuplicateId,
                path.field("id"),
                format!(
                    "unit `{}` is defined twice (first at units[{}]); a unit whose code is reused gets another id",
                    u.id,
                    positions.get(*first).copied().unwrap_or(*first)
                ),
            );
        } else {
            index.insert(u.id.clone(), i);
        }
    }
    let n = units.len();
    let mut successor = vec![None; n];
    let mut children = vec![Vec::new(); n];
    let mut predecessors = vec![Vec::new(); n];
    for (i, u) in units.iter().enumerate() {
        let path = at(i);
        if let (Some(from), Some(until)) = (u.from, u.until)
            && until < from
        {
            problems.push(
                ErrorKind::OutOfRange,
                path.field("until"),
                format!(
                    "until {} is before from {}",
                    format_date(until),
                    format_date(from)
                ),
            );
        }
        if let Some(p) = &u.parent {
            match index.get(p) {
                Some(&pi) if pi == i => problems.push(
                    ErrorKind::InvalidValue,
                    path.field("parent"),
                    "a unit cannot be its own parent",
                ),
                Some(&pi) => {
                    let plevel = units.get(pi).map(|pu| pu.level);
                    if plevel.is_some_and(|pl| pl >= u.level) {
                        problems.push(
                            ErrorKind::InvalidValue,
                            path.field("parent"),
                            format!(
                                "parent `{p}` is a {}, not above this {}",
                                plevel.map_or("?", UnitLevel::as_str),
                                u.level
                            ),
                        );
                    } else if let Some(kids) = children.get_mut(pi) {
                        kids.push(i);
                    }
                }
                None => problems.push(
                    ErrorKind::UnknownId,
                    path.field("parent"),
                    format!("no unit `{p}` among the units"),
                ),
            }
        }
        if let Some(s) = &u.successor {
            if u.until.is_none() {
                problems.push(
                    ErrorKind::MissingField,
                    path.field("until"),
                    "a unit with a successor needs `until`, its last day",
                );
            }
            match index.get(s) {
                Some(&si) if si == i => problems.push(
                    ErrorKind::InvalidValue,
                    path.field("successor"),
                    "a unit cannot be its own successor",
                ),
                Some(&si) => {
                    let su = units.get(si);
                    if su.is_some_and(|su| su.level != u.level) {
                        problems.push(
                            ErrorKind::InvalidValue,
                            path.field("successor"),
                            format!("successor `{s}` is not a {} like this unit", u.level),
                        );
                    } else if let (Some(until), Some(sfrom)) = (u.until, su.and_then(|su| su.from))
                        && sfrom > until.next_day().unwrap_or(until)
                    {
                        problems.push(
                            ErrorKind::OutOfRange,
                            path.field("successor"),
                            format!(
                                "successor `{s}` starts on {}, not by the day after {}",
                                format_date(sfrom),
                                format_date(until)
                            ),
                        );
                    } else {
                        if let Some(slot) = successor.get_mut(i) {
                            *slot = Some(si);
                        }
                        if let Some(p) = predecessors.get_mut(si) {
                            p.push(i);
                        }
                    }
                }
                None => problems.push(
                    ErrorKind::UnknownId,
                    path.field("successor"),
                    format!("no unit `{s}` among the units"),
                ),
            }
        }
    }
    // Parents are strictly above their children, so parent chains cannot
    // cycle; successor chains can.
    for i in 0..n {
        let mut next = successor.get(i).copied().flatten();
        let mut steps = 0usize;
        while let Some(s) = next {
            if s == i || steps > n {
                problems.push(
                    ErrorKind::InvalidValue,
                    at(i).field("successor"),
                    "the chain of successors comes back to this unit",
                );
                if let Some(slot) = successor.get_mut(i) {
                    *slot = None;
                }
                break;
            }
            steps = steps.saturating_add(1);
            next = successor.get(s).copied().flatten();
        }
    }
    Units {
        units,
        index,
        successor,
        children,
        predecessors,
    }
}

const UNITS_FIELDS: [&str; 2] = ["format", "units"];
const UNIT_FIELDS: [&str; 10] = [
    "id",
    "level",
    "name",
    "parent",
    "code",
    "from",
    "until",
    "successor",
    "instrument",
    "note",
];

pub(crate) fn parse(text: &str, problems: &mut Problems) -> Units {
    let mut units = Vec::new();
    let mut positions = Vec::new();
    if let Some(doc) = read_document(text, &UNITS_FIELDS, UNITS_FORMAT, problems) {
        let mut r = Reader { problems };
        if let Some(raw) = r.required(doc.get("units"), || "units".to_owned()) {
            for (i, item) in read_array(raw, "units", r.problems).into_iter().enumerate() {
                if let Some(u) = parse_unit(item, Path::at("units", i), r.problems) {
                    units.push(u);
                    positions.push(i);
                }
            }
        }
    }
    build(units, positions, problems)
}

fn parse_unit(raw: &RawValue, path: Path<'_>, problems: &mut Problems) -> Option<Unit> {
    let f = read_object(raw, &UNIT_FIELDS, path, problems)?;
    let mut r = Reader { problems };
    let id = f.required_string(&mut r, path, "id");
    let level = f.required_named::<UnitLevel>(&mut r, path, "level");
    let mut names = Names::default();
    if let Some(v) = f.get("name")
        && let Some(n) = read_object(v, &["en", "vi"], Path::new(&path.field("name")), r.problems)
    {
        let en = n
            .get("en")
            .and_then(|v| r.string(v, || path.field("name.en")))
            .map(|s| s.into_owned());
        let vi = n
            .get("vi")
            .and_then(|v| r.string(v, || path.field("name.vi")))
            .map(|s| s.into_owned());
        names = Names::from_parts(en, vi);
    }
    let text = |name: &str, r: &mut Reader<'_>| {
        f.get(name)
            .and_then(|v| r.string(v, || path.field(name)))
            .map(|s| s.into_owned())
    };
    let parent = text("parent", &mut r);
    let code = text("code", &mut r);
    let successor = text("successor", &mut r);
    let instrument = text("instrument", &mut r);
    let note = text("note", &mut r);
    let from = f.get("from").and_then(|v| r.date(v, || path.field("from")));
    let until = f
        .get("until")
        .and_then(|v| r.date(v, || path.field("until")));
    Some(Unit {
        id: id?.into_owned(),
        level: level?,
        names,
        parent,
        code,
        from,
        until,
        successor,
        instrument,
        note,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_carry_paths() {
        let e = Units::from_json(
            r#"{"format": "policy-targets/units@1", "units": [
              {"id": "VN", "level": "national"},
              {"id": "P", "level": "province", "parent": "VN", "colour": "red"},
              {"id": "C", "level": "town", "parent": "P"}]}"#,
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("units[1].colour"), "{e}");
        assert!(e.contains("units[2].level"), "{e}");
    }

    #[test]
    fn cross_checks() {
        let e = Units::from_json(
            r#"{"format": "policy-targets/units@1", "units": [
              {"id": "VN", "level": "national"},
              {"id": "P", "level": "province", "parent": "X"},
              {"id": "P", "level": "province", "parent": "VN"},
              {"id": "C", "level": "commune", "parent": "VN", "successor": "P", "until": "2025-06-30"},
              {"id": "D", "level": "district", "parent": "VN", "successor": "E", "until": "2025-06-30"},
              {"id": "E", "level": "district", "parent": "VN", "successor": "D", "until": "2025-06-30"}]}"#,
        )
        .unwrap_err()
        .to_string();
        for s in [
            "units[1].parent",
            "units[2].id",
            "units[3].successor",
            "units[4].successor",
            "comes back",
        ] {
            assert!(e.contains(s), "{s}: {e}");
        }
    }
}
