//! The units document (`policy-targets/units@1`), read.

use crate::presentation::format::json::Raw;

use crate::foundations::error::{Error, Locator, Path, Problems};
use crate::model::names::Names;
use crate::model::unit::{Unit, UnitLevel};
use crate::model::units::{Units, build};
use crate::presentation::format::json::{Reader, name_entry, read_document, read_object};

/// The `format` of a units document.
pub const UNITS_FORMAT: &str = "policy-targets/units@1";

impl Units {
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
    let mut items = Vec::new();
    let mut locator = Locator::new(text);
    if let Some(doc) = read_document(text, &UNITS_FIELDS, UNITS_FORMAT, problems) {
        items = doc.required_array("units", problems);
        for (i, &item) in items.iter().enumerate() {
            let mark = problems.listed();
            let (unit, id) = parse_unit(item, Path::at("units", i), problems);
            name_entry(problems, mark, "units", id.as_deref(), item, &mut locator);
            if let Some(u) = unit {
                units.push(u);
                positions.push(i);
            }
        }
    }
    let mark = problems.listed();
    let units = build(units, positions, problems);
    // The checks across units name their entries' ids; here, where they start.
    let mut wanted = problems.entry_indices(mark, "units");
    wanted.sort_unstable();
    let found: Vec<_> = wanted
        .iter()
        .map(|&i| items.get(i).and_then(|item| locator.locate(item.get())))
        .collect();
    problems.name_entries(mark, "units", |i| {
        let at = wanted.binary_search(&i).ok();
        (None, at.and_then(|at| found.get(at).copied().flatten()))
    });
    units
}

/// Reads a unit; the id is given whenever it could be read, for the paths
/// of the entry's problems.
fn parse_unit(
    raw: Raw<'_>,
    path: Path<'_>,
    problems: &mut Problems,
) -> (Option<Unit>, Option<String>) {
    let Some(f) = read_object(raw, &UNIT_FIELDS, path, problems) else {
        return (None, None);
    };
    let mut r = Reader { problems };
    let id = f
        .required_string(&mut r, path, "id")
        .map(|s| s.into_owned());
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
        names = Names { en, vi };
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
    let Some(level) = level else {
        return (None, id);
    };
    let Some(id) = id else {
        return (None, None);
    };
    let unit = Unit {
        id: id.clone(),
        level,
        names,
        parent,
        code,
        from,
        until,
        successor,
        instrument,
        note,
    };
    (Some(unit), Some(id))
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
}
