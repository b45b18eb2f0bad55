//! The units document (`policy-targets/units@1`), read.

use serde_json::value::RawValue;

use crate::foundations::error::{Error, Path, Problems};
use crate::model::names::Names;
use crate::model::unit::{Unit, UnitLevel};
use crate::model::units::{Units, build};
use crate::presentation::format::json::{Reader, read_array, read_document, read_object};

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
}
