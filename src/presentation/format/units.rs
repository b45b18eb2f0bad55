//! The units document (`policy-targets/units@1`), read.

use std::borrow::Cow;
use std::sync::Arc;

use crate::presentation::format::json::Raw;

use crate::foundations::error::{Error, Locator, Path, Problems};
use crate::model::names::Names;
use crate::model::unit::{More, Unit, UnitLevel};
use crate::model::units::{Units, build};
use crate::presentation::format::flat::{read_flat, read_object};
use crate::presentation::format::json::{
    self, Fields, Reader, check_format, checked_text, name_entry, read_document,
};

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
    let mut read = Read::default();
    if let Some(text) = checked_text(text, problems) {
        read_checked(text, &mut read, problems);
    }
    let Read {
        units,
        positions,
        items,
        ..
    } = read;
    let mut locator = Locator::new(text);
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

/// The units read from a document, with their entries.
#[derive(Default)]
struct Read<'t> {
    units: Vec<Unit>,
    /// The entry each unit was read from.
    positions: Vec<usize>,
    /// Every entry's text.
    items: Vec<Raw<'t>>,
    /// The last parent read: the units of a document come by parent, and
    /// a million communes naming one province share one copy of its id.
    parent: Option<Arc<str>>,
}

impl<'t> Read<'t> {
    /// Reads entry `i`, whose fields are `f` and whose text is `item`;
    /// its problems, listed after the first `mark`, are placed there.
    fn entry(
        &mut self,
        i: usize,
        f: Option<&Fields<'_, 10>>,
        item: Raw<'t>,
        mark: usize,
        problems: &mut Problems,
        locator: &mut Locator<'_>,
    ) {
        match f.map(|f| parse_unit(f, Path::at("units", i), problems, &mut self.parent)) {
            Some(Ok(unit)) => {
                name_entry(problems, mark, "units", Some(&unit.id), item, locator);
                self.units.push(unit);
                self.positions.push(i);
            }
            Some(Err(id)) => name_entry(problems, mark, "units", id.as_deref(), item, locator),
            None => name_entry(problems, mark, "units", None, item, locator),
        }
        self.items.push(item);
    }
}

/// Reads the units of a document's text (its size checked): the usual
/// document, flat, by a scan of its own, any other by serde_json.
fn read_checked<'t>(text: &'t str, read: &mut Read<'t>, problems: &mut Problems) {
    let mut flat_problems = Problems::default();
    let mut locator = Locator::new(text);
    let flat = read_flat(
        text,
        "units",
        &UNIT_FIELDS,
        &mut flat_problems,
        |i, f, item, mark, problems| read.entry(i, Some(f), item, mark, problems, &mut locator),
    );
    if let Some(format) = flat {
        if check_format(format, UNITS_FORMAT, problems) {
            problems.extend(flat_problems);
        } else {
            // Nothing of a document of another format is read.
            *read = Read::default();
        }
        return;
    }
    *read = Read::default();
    read_general(text, read, problems);
}

/// [`read_checked`] by serde_json, for any document.
fn read_general<'t>(text: &'t str, read: &mut Read<'t>, problems: &mut Problems) {
    let Some(doc) = read_document(text, &UNITS_FIELDS, UNITS_FORMAT, problems) else {
        return;
    };
    let mut locator = Locator::new(text);
    for (i, item) in doc
        .required_array("units", problems)
        .into_iter()
        .enumerate()
    {
        let mark = problems.listed();
        let f = json::read_object(item, &UNIT_FIELDS, Path::at("units", i), problems);
        read.entry(i, f.as_ref(), item, mark, problems, &mut locator);
    }
}

/// Reads a unit; when there is none, its id if it could be read, for the
/// paths of the entry's problems.
fn parse_unit(
    f: &Fields<'_, 10>,
    path: Path<'_>,
    problems: &mut Problems,
    last_parent: &mut Option<Arc<str>>,
) -> Result<Unit, Option<String>> {
    // In the order of UNIT_FIELDS.
    let [
        id,
        level,
        name,
        parent,
        code,
        from,
        until,
        successor,
        instrument,
        note,
    ] = f.values();
    let mut r = Reader { problems };
    // Made into the unit's shared id straight from the text: one
    // allocation, not a `String` first.
    let id = r.required_string(id, path, "id");
    let level = r.required_named::<UnitLevel>(level, path, "level");
    let mut names = Names::default();
    if let Some(v) = name
        && let Some(n) = read_object(v, &["en", "vi"], Path::new(&path.field("name")), r.problems)
    {
        let en = n
            .get("en")
            .and_then(|v| r.string(v, || path.field("name.en")))
            .map(Cow::into_owned);
        let vi = n
            .get("vi")
            .and_then(|v| r.string(v, || path.field("name.vi")))
            .map(Cow::into_owned);
        names = Names { en, vi };
    }
    let parent = r
        .optional_string(parent, path, "parent")
        .map(|p| shared(last_parent, &p));
    let code = r.optional_string(code, path, "code").map(Cow::into_owned);
    let successor = r
        .optional_string(successor, path, "successor")
        .map(Cow::into_owned);
    let instrument = r
        .optional_string(instrument, path, "instrument")
        .map(Cow::into_owned);
    let note = r.optional_string(note, path, "note").map(Cow::into_owned);
    let from = from.and_then(|v| r.date(v, || path.field("from")));
    let until = until.and_then(|v| r.date(v, || path.field("until")));
    let Some(level) = level else {
        return Err(id.map(Cow::into_owned));
    };
    let Some(id) = id else {
        return Err(None);
    };
    Ok(Unit {
        id: Arc::from(&*id),
        level,
        parent,
        from,
        until,
        more: More {
            names,
            code,
            successor,
            instrument,
            note,
        }
        .boxed(),
    })
}

/// `id`, as `last` holds it when it is the same, else made and kept there.
fn shared(last: &mut Option<Arc<str>>, id: &str) -> Arc<str> {
    match last {
        Some(l) if **l == *id => Arc::clone(l),
        _ => Arc::clone(last.insert(Arc::from(id))),
    }
}

/// What a reader made of a units document (its size checked): the units,
/// their entries, and the problems with their places. Read as
/// [`Units::from_json`] reads it, or with `general_only` by serde_json
/// alone, for tests and the fuzzer to compare the two.
#[cfg(any(test, fuzzing))]
pub(crate) fn read(text: &str, general_only: bool) -> String {
    let mut read = Read::default();
    let mut problems = Problems::default();
    if general_only {
        read_general(text, &mut read, &mut problems);
    } else {
        read_checked(text, &mut read, &mut problems);
    }
    let items: Vec<&str> = read.items.iter().map(|r| r.get()).collect();
    format!(
        "{:?}\n{:?}\n{items:?}\n{:?}",
        read.units,
        read.positions,
        problems.into_result()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A byte-order mark is not a column: every problem is placed where it
    /// is without one, an entry's own (a bad date) and one across entries
    /// (a duplicate id).
    #[test]
    fn problems_are_placed_alike_with_a_byte_order_mark() {
        let text = r#"{"format": "policy-targets/units@1", "units": [{"id": "VN", "level": "national", "from": "2025-13-01"}, {"id": "VN", "level": "national"}]}"#;
        let places = |text: &str| {
            let e = Units::from_json(text).unwrap_err();
            e.problems()
                .iter()
                .map(|p| (p.path().to_owned(), p.line(), p.column()))
                .collect::<Vec<_>>()
        };
        let plain = places(text);
        assert_eq!(plain.len(), 2, "{plain:?}");
        assert!(
            plain
                .iter()
                .all(|(_, line, column)| line.is_some() && column.is_some())
        );
        assert_eq!(places(&format!("\u{feff}{text}")), plain);
    }

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

    /// The fast reader of flat documents and serde_json's give the same
    /// units and the same problems, whatever the text.
    mod flat_equals_general {
        use super::*;
        use crate::presentation::format::flat::generated::{self, Shape};
        use proptest::prelude::*;

        const SHAPE: Shape = Shape {
            format: UNITS_FORMAT,
            array: "units",
            fields: &[
                ("id", &["\"VN\"", "\"P1\"", "\"C1\"", "\"C2\""]),
                ("level", &["\"national\"", "\"province\"", "\"commune\""]),
                ("parent", &["\"VN\"", "\"P1\""]),
            ],
            before: &[],
            extra_keys: &[
                "name",
                "name",
                "code",
                "from",
                "until",
                "successor",
                "instrument",
                "note",
                "colour",
                "id",
            ],
        };

        proptest! {
            #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

            #[test]
            fn on_any_document(choices in prop::collection::vec(any::<u8>(), 0..120), cut in any::<prop::sample::Index>(), whole in any::<bool>()) {
                let text = SHAPE.document(&choices);
                let text = generated::cut(text, cut, whole);
                prop_assert_eq!(read(&text, false), read(&text, true), "{}", text);
            }
        }

        #[test]
        #[cfg(feature = "vn")]
        fn on_the_built_in_units() {
            let text = crate::vn::UNITS_JSON;
            // They are of the usual shape: the fast reader reads them.
            let whole = read_flat(
                text,
                "units",
                &UNIT_FIELDS,
                &mut Problems::default(),
                |_, _, _, _, _| {},
            );
            assert!(whole.is_some());
            let flat = read(text, false);
            assert!(!flat.contains("Err("), "{flat}");
            assert_eq!(flat, read(text, true));
        }
    }
}
