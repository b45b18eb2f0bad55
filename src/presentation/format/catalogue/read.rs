//! Reading a catalogue document: every entry checked, every problem reported
//! with its JSON path.

use std::borrow::Cow;
use std::sync::Arc;

use crate::foundations::hash::{HashMap, HashSet};

use std::fmt;

use crate::presentation::format::json::Raw;
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};

use crate::foundations::error::{Error, ErrorKind, Locator, Path, Problems};
use crate::foundations::metric::{Direction, MetricKind, Rule};
use crate::foundations::text::quoted;
use crate::model::catalogue::Catalogue;
use crate::model::indicator::{Cadence, Discontinued, Indicator};
use crate::model::method::Method;
use crate::model::names::Names;
use crate::model::source::Source;
use crate::model::target::{AppliesTo, EveryPeriod, More, Target};
use crate::model::validation::{
    Faulty, check_applies_to, check_every_period, check_indicator, check_indicator_values,
    check_names, check_source,
};
use crate::presentation::format::flat::{FlatDocument, read_object};
use crate::presentation::format::json::{
    ElementsSeed, Fields, KeyCheck, Reader, check_format, checked_text, not_valid_json, read_array,
    read_document, str_from_raw,
};

/// The `format` of a catalogue document.
pub const CATALOGUE_FORMAT: &str = "policy-targets/catalogue@1";

impl Catalogue {
    /// Reads a catalogue document (`policy-targets/catalogue@1`).
    ///
    /// # Errors
    /// Every problem found, each with its JSON path: malformed JSON, an
    /// unknown field, a missing or malformed value, a duplicate id, a target
    /// whose indicator does not exist, or a rule that does not fit its
    /// indicator's kind or range.
    pub fn from_json(text: &str) -> Result<Catalogue, Error> {
        let mut problems = Problems::default();
        let catalogue = parse(text, &mut problems);
        problems.into_result()?;
        Ok(catalogue)
    }
}

const CATALOGUE_FIELDS: [&str; 3] = ["format", "indicators", "targets"];
const INDICATOR_FIELDS: [&str; 13] = [
    "id",
    "kind",
    "name",
    "direction",
    "out_of",
    "min",
    "max",
    "cadence",
    "publication_lag_days",
    "max_age_days",
    "discontinued",
    "series",
    "progress",
];
const TARGET_FIELDS: [&str; 12] = [
    "id",
    "indicator",
    "unit",
    "rule",
    "deadline",
    "judged_on",
    "series",
    "source",
    "tags",
    "no_data_reason",
    "every_period",
    "applies_to",
];

/// Reads a catalogue, reporting every problem. The catalogue returned holds
/// what was valid; it is whole only when no problem was reported. Indicators
/// that were present but faulty are still listed by id, so that observations
/// checked against the result are not reported as unknown.
pub(crate) fn parse(text: &str, problems: &mut Problems) -> Catalogue {
    let (cat, _) = parse_with_faulty(text, problems);
    cat
}

/// As [`parse`], also returning the faulty indicators.
///
/// The document is read in one pass: each indicator and target is checked
/// as it is met, never held as text first. Targets are checked against the
/// indicators, so a document that lists its targets (or its `format`)
/// first has them kept as text until the indicators are read. A syntax
/// error anywhere is the only problem reported, as it makes the document
/// not one.
pub(crate) fn parse_with_faulty(text: &str, problems: &mut Problems) -> (Catalogue, Faulty) {
    parse_with(text, problems, true)
}

/// [`parse_with_faulty`], the usual document read by the scan of its own
/// when `flat`, else by serde_json.
fn parse_with(text: &str, problems: &mut Problems, flat: bool) -> (Catalogue, Faulty) {
    let mut built = Built::default();
    let Some(text) = checked_text(text, problems) else {
        return built.nothing();
    };
    if !text.trim_start().starts_with('{') {
        // Not an object: said as the generic reader says it.
        let _ = read_document(text, &CATALOGUE_FIELDS, CATALOGUE_FORMAT, problems);
        return built.nothing();
    }
    // The usual document (its format, then its indicators, then its
    // targets, every entry of the usual shape) by a scan of its own; any
    // other by serde_json.
    let mut flat_problems = Problems::default();
    if flat && read_flat_catalogue(text, &mut built, &mut flat_problems).is_some() {
        problems.extend(flat_problems.under(""));
        return built.done();
    }
    read_general(text, problems)
}

/// Reads the usual catalogue document into `built`: `None` (after reading
/// some of it) when the text is not of that shape.
fn read_flat_catalogue<'t>(
    text: &'t str,
    built: &mut Built<'t>,
    problems: &mut Problems,
) -> Option<()> {
    let mut doc = FlatDocument::open(text)?;
    let mut locator = Locator::new(text);
    let mut read = [false; 3];
    while let Some(key) = doc.key()? {
        match (key, read) {
            ("format", [false, false, false]) => {
                if !check_format(Some(doc.value()?), CATALOGUE_FORMAT, problems) {
                    return None;
                }
            }
            ("indicators", [true, false, false]) => {
                doc.elements(&INDICATOR_FIELDS, problems, |i, f, _, mark, problems| {
                    built.indicator(i, Some(f), mark, problems, &mut locator);
                })?;
            }
            ("targets", [true, true, false]) => {
                doc.elements(&TARGET_FIELDS, problems, |i, f, _, mark, problems| {
                    built.target(i, Some(f), mark, problems, &mut locator);
                })?;
            }
            _ => return None,
        }
        let next = read.iter().position(|r| !r)?;
        *read.get_mut(next)? = true;
    }
    (read == [true; 3]).then_some(())
}

/// [`parse_with_faulty`] by serde_json, for any document (its size checked,
/// an object).
fn read_general(text: &str, problems: &mut Problems) -> (Catalogue, Faulty) {
    let mut built = Built::default();
    let mut doc_problems = Problems::default();
    let mut de = serde_json::Deserializer::from_str(text);
    let mut top = Top {
        built: &mut built,
        problems: &mut doc_problems,
        locator: Locator::new(text),
        format: None,
        indicators: None,
        targets: None,
    };
    let read = (&mut top).deserialize(&mut de).and_then(|()| de.end());
    if let Err(e) = read {
        problems.push(ErrorKind::Syntax, "", not_valid_json(&e));
        return Built::default().nothing();
    }
    top.finish();
    problems.extend(doc_problems.under(""));
    built.done()
}

/// What the reader has made of a catalogue so far.
#[derive(Default)]
struct Built<'t> {
    indicators: Vec<Indicator>,
    faulty: Faulty,
    targets: Vec<Target>,
    /// The index of each target's indicator.
    target_indicator: Vec<usize>,
    /// The ids of the valid indicators, parallel to `indicators`, and the
    /// units met: each text is held once, and its targets share it.
    shared: Shared,
    /// The valid indicators by id.
    index: HashMap<String, usize>,
    /// Every indicator id met, valid or not, with where it was first
    /// defined, so that a duplicate is reported even when one of its
    /// entries has other problems.
    first_at: HashMap<Cow<'t, str>, usize>,
    /// The same for targets, with the ids as the text has them (no copy
    /// unless written with escapes).
    target_ids: HashMap<Cow<'t, str>, usize>,
}

impl<'t> Built<'t> {
    /// A catalogue that is not one: everything faulty.
    fn nothing(mut self) -> (Catalogue, Faulty) {
        self.faulty.everything = true;
        self.done()
    }

    fn done(self) -> (Catalogue, Faulty) {
        (
            Catalogue::from_parts(self.indicators, self.targets, self.target_indicator),
            self.faulty,
        )
    }

    /// Checks and keeps indicator `i`; `f` is `None` when it was not an
    /// object (reported already); `mark` is the number of problems listed
    /// before the entry was read.
    fn indicator(
        &mut self,
        i: usize,
        f: Option<&Fields<'t, 13>>,
        mark: usize,
        problems: &mut Problems,
        locator: &mut Locator<'t>,
    ) {
        let path = Path::at("indicators", i);
        let before = problems.count();
        let parsed = f.and_then(|f| parse_indicator(f, path, problems));
        let id = parsed.as_ref().map(|(ind, _)| ind.id.as_str());
        let first = defined_before(&self.first_at, id, path, "indicator", problems);
        name_entry(problems, mark, "indicators", id, f, locator);
        let Some((ind, kind_known)) = parsed else {
            return;
        };
        if first.is_some() {
            return;
        }
        self.first_at.insert(Cow::Owned(ind.id.clone()), i);
        if problems.count() == before {
            self.index.insert(ind.id.clone(), self.indicators.len());
            self.shared.indicator_ids.push(Arc::from(ind.id.as_str()));
            self.indicators.push(ind);
        } else {
            self.faulty.add(ind, kind_known);
        }
    }

    /// Checks and keeps target `i` (after every indicator).
    fn target(
        &mut self,
        i: usize,
        f: Option<&Fields<'t, 12>>,
        mark: usize,
        problems: &mut Problems,
        locator: &mut Locator<'t>,
    ) {
        let path = Path::at("targets", i);
        let (parsed, id) = match f {
            Some(f) => parse_target(
                f,
                path,
                &self.indicators,
                &self.index,
                &self.faulty,
                &mut self.shared,
                problems,
            ),
            None => (None, None),
        };
        let first = defined_before(&self.target_ids, id.as_deref(), path, "target", problems);
        name_entry(problems, mark, "targets", id.as_deref(), f, locator);
        let Some(id) = id else { return };
        if first.is_some() {
            return;
        }
        self.target_ids.insert(id, i);
        if let Some((t, ix)) = parsed {
            self.targets.push(t);
            self.target_indicator.push(ix);
        }
    }
}

/// Names the entry `array[i]` in the problems listed since `mark` (all of
/// them the entry's): its id, when it has one, and where it starts.
fn name_entry<const N: usize>(
    problems: &mut Problems,
    mark: usize,
    array: &str,
    id: Option<&str>,
    f: Option<&Fields<'_, N>>,
    locator: &mut Locator<'_>,
) {
    if problems.listed() > mark {
        let location = f.and_then(|f| f.location(locator));
        problems.name_entries(mark, array, |_| (id.map(str::to_owned), location));
    }
}

/// The top level of a catalogue document, read in one pass.
struct Top<'b, 't> {
    built: &'b mut Built<'t>,
    problems: &'b mut Problems,
    locator: Locator<'t>,
    /// The `format`, once met (and whether it is this reader's).
    format: Option<bool>,
    /// `indicators`: `Some(None)` once read, `Some(Some(raw))` when kept as
    /// text to be read once the format is known.
    indicators: Option<Option<Raw<'t>>>,
    /// `targets`, as `indicators`; kept as text until the indicators are read.
    targets: Option<Option<Raw<'t>>>,
}

impl<'t> Top<'_, 't> {
    /// Reads what was kept as text, once the whole document has been met.
    fn finish(&mut self) {
        match self.format {
            None => {
                check_format(None, CATALOGUE_FORMAT, self.problems);
                self.built.faulty.everything = true;
                return;
            }
            Some(false) => {
                self.built.faulty.everything = true;
                return;
            }
            Some(true) => {}
        }
        match self.indicators {
            None => {
                self.problems.push(
                    ErrorKind::MissingField,
                    "indicators",
                    "this field is required",
                );
                self.built.faulty.everything = true;
            }
            Some(Some(raw)) => self.indicators_from_text(raw),
            Some(None) => {}
        }
        match self.targets {
            None => {
                self.problems
                    .push(ErrorKind::MissingField, "targets", "this field is required")
            }
            Some(Some(raw)) => self.targets_from_text(raw),
            Some(None) => {}
        }
    }

    fn indicators_from_text(&mut self, raw: Raw<'t>) {
        let before = self.problems.count();
        let items = read_array(raw, "indicators", self.problems);
        self.built.faulty.everything = self.problems.count() > before;
        for (i, item) in items.into_iter().enumerate() {
            let mark = self.problems.listed();
            let f = read_object(
                item,
                &INDICATOR_FIELDS,
                Path::at("indicators", i),
                self.problems,
            );
            self.built
                .indicator(i, f.as_ref(), mark, self.problems, &mut self.locator);
        }
    }

    fn targets_from_text(&mut self, raw: Raw<'t>) {
        let items = read_array(raw, "targets", self.problems);
        self.built.targets.reserve_exact(items.len());
        self.built.target_indicator.reserve_exact(items.len());
        for (i, item) in items.into_iter().enumerate() {
            let mark = self.problems.listed();
            let f = read_object(item, &TARGET_FIELDS, Path::at("targets", i), self.problems);
            self.built
                .target(i, f.as_ref(), mark, self.problems, &mut self.locator);
        }
    }
}

impl<'de> DeserializeSeed<'de> for &mut Top<'_, 'de> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for &mut Top<'_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a catalogue document (an object with `format`, `indicators` and `targets`)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut keys = KeyCheck::new(&CATALOGUE_FIELDS, Path::new(""));
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            match keys.check(&key, self.problems) {
                Some(0) => {
                    let raw: Raw<'de> = map.next_value()?;
                    self.format = Some(check_format(Some(raw), CATALOGUE_FORMAT, self.problems));
                }
                // Read as they are met once the format is known to be
                // this reader's (and, for targets, the indicators read).
                Some(1) if self.format == Some(true) => {
                    let Top {
                        built,
                        problems,
                        locator,
                        ..
                    } = &mut *self;
                    let array = map.next_value_seed(ElementsSeed {
                        array: "indicators",
                        names: &INDICATOR_FIELDS,
                        problems,
                        each: |i, f: Option<&Fields<'de, 13>>, mark, problems: &mut Problems| {
                            built.indicator(i, f, mark, problems, locator);
                        },
                    })?;
                    // Without the list of indicators, every one is in doubt.
                    self.built.faulty.everything |= !array;
                    self.indicators = Some(None);
                }
                Some(2) if self.format == Some(true) && matches!(self.indicators, Some(None)) => {
                    let Top {
                        built,
                        problems,
                        locator,
                        ..
                    } = &mut *self;
                    map.next_value_seed(ElementsSeed {
                        array: "targets",
                        names: &TARGET_FIELDS,
                        problems,
                        each: |i, f: Option<&Fields<'de, 12>>, mark, problems: &mut Problems| {
                            built.target(i, f, mark, problems, locator);
                        },
                    })?;
                    self.targets = Some(None);
                }
                Some(1) => self.indicators = Some(Some(map.next_value()?)),
                Some(_) => self.targets = Some(Some(map.next_value()?)),
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// Where `id` was defined before (ids met so far, with their positions), a
/// duplicate reported at `path`.
fn defined_before(
    seen: &HashMap<Cow<'_, str>, usize>,
    id: Option<&str>,
    path: Path<'_>,
    what: &str,
    problems: &mut Problems,
) -> Option<usize> {
    let (id, first) = id.and_then(|id| Some((id, *seen.get(id)?)))?;
    problems.push(
        ErrorKind::DuplicateId,
        path.field("id"),
        format!(
            "{what} {} is defined twice (first at {}[{first}])",
            quoted(id),
            path.prefix
        ),
    );
    Some(first)
}

/// Reads an indicator; the flag says whether its kind could be read (a
/// faulty indicator of known kind still checks its targets and observations).
fn parse_indicator(
    f: &Fields<'_, 13>,
    path: Path<'_>,
    problems: &mut Problems,
) -> Option<(Indicator, bool)> {
    let mut r = Reader { problems };
    let id = f.required_string(&mut r, path, "id");
    let kind = f.required_named::<MetricKind>(&mut r, path, "kind");
    // With an unknown kind the other fields are still read and checked (one
    // report lists every problem of the entry), but not against a kind.
    let kind_known = kind.is_some();
    let id_read = id.is_some();
    let kind = kind.unwrap_or(MetricKind::Percent);
    let mut ind = Indicator::bare(id.map(|s| s.into_owned()).unwrap_or_default(), kind);
    if let Some(v) = f.get("name") {
        ind.names = parse_names(v, &path.field("name"), r.problems);
    }
    if let Some(v) = f.get("direction") {
        match r.string(v, || path.field("direction")).as_deref() {
            Some("higher_is_better") => ind.direction = Some(Direction::HigherIsBetter),
            Some("lower_is_better") => ind.direction = Some(Direction::LowerIsBetter),
            Some(other) => r.problems.push(
                ErrorKind::InvalidValue,
                path.field("direction"),
                format!(
                    "{} is not a direction: use higher_is_better or lower_is_better",
                    quoted(other)
                ),
            ),
            None => {}
        }
        if kind_known
            && kind == MetricKind::Rank
            && ind.direction == Some(Direction::HigherIsBetter)
        {
            r.problems.push(
                ErrorKind::KindMismatch,
                path.field("direction"),
                "a rank is always lower_is_better",
            );
        }
    }
    let kind_only = |r: &mut Reader<'_>, field: &str, wanted: MetricKind| {
        if kind_known && kind != wanted {
            r.problems.push(
                ErrorKind::KindMismatch,
                path.field(field),
                format!("`{field}` is only for {wanted} indicators, and this one is a {kind}"),
            );
        }
    };
    if let Some(v) = f.get("out_of") {
        kind_only(&mut r, "out_of", MetricKind::Rank);
        ind.out_of = r
            .whole(v, || path.field("out_of"))
            .and_then(|n| match u32::try_from(n) {
                Ok(n) => Some(n),
                Err(_) => {
                    r.problems.push(
                        ErrorKind::OutOfRange,
                        path.field("out_of"),
                        format!("{n} is too large"),
                    );
                    None
                }
            });
    }
    for field in ["min", "max"] {
        if let Some(v) = f.get(field) {
            kind_only(&mut r, field, MetricKind::Score);
            let d = r.decimal(v, || path.field(field));
            if field == "min" {
                ind.min = d;
            } else {
                ind.max = d;
            }
        }
    }
    if let Some(v) = f.get("cadence")
        && let Some(s) = r.string(v, || path.field("cadence"))
    {
        match Cadence::parse(&s) {
            Ok(c) => ind.cadence = c,
            Err(m) => r
                .problems
                .push(ErrorKind::InvalidValue, path.field("cadence"), m),
        }
    }
    if let Some(v) = f.get("publication_lag_days")
        && let Some(n) = r.whole(v, || path.field("publication_lag_days"))
    {
        match u32::try_from(n) {
            Ok(n) => ind.publication_lag_days = n,
            Err(_) => r.problems.push(
                ErrorKind::OutOfRange,
                path.field("publication_lag_days"),
                format!("{n} days is more than a century"),
            ),
        }
    }
    if let Some(v) = f.get("max_age_days")
        && let Some(n) = r.whole(v, || path.field("max_age_days"))
    {
        match u32::try_from(n) {
            Ok(n) => ind.max_age_days = Some(n),
            Err(_) => r.problems.push(
                ErrorKind::OutOfRange,
                path.field("max_age_days"),
                format!("{n} days is more than a century"),
            ),
        }
    }
    if let Some(v) = f.get("discontinued") {
        let dpath = path.field("discontinued");
        if let Some(d) = read_object(v, &["on", "note"], Path::new(&dpath), r.problems) {
            let on = r
                .required(d.get("on"), || format!("{dpath}.on"))
                .and_then(|v| r.date(v, || format!("{dpath}.on")));
            let note = d
                .get("note")
                .and_then(|v| r.string(v, || format!("{dpath}.note")))
                .map(|s| s.into_owned());
            ind.discontinued = on.map(|on| Discontinued { on, note });
        }
    }
    ind.series = f
        .optional_string(&mut r, path, "series")
        .map(|s| s.into_owned());
    ind.progress = r.named::<Method>(f.get("progress"), || path.field("progress"));
    if id_read {
        check_indicator(&ind, path, r.problems);
        // Even with an unknown kind the id is kept, so that its targets are
        // not reported as unknown.
        Some((ind, kind_known))
    } else {
        check_indicator_values(&ind, path, r.problems);
        None
    }
}

/// The texts the targets of a catalogue share: their indicators' ids and
/// their units, each held once however many targets name it.
#[derive(Default)]
struct Shared {
    /// The ids of the valid indicators, in their order.
    indicator_ids: Vec<Arc<str>>,
    /// The units met.
    units: HashSet<Arc<str>>,
}

impl Shared {
    /// The unit `unit`, shared with the targets read before that name it.
    fn unit(&mut self, unit: &str) -> Arc<str> {
        if let Some(u) = self.units.get(unit) {
            return Arc::clone(u);
        }
        let u: Arc<str> = Arc::from(unit);
        self.units.insert(Arc::clone(&u));
        u
    }
}

/// Reads a target, with its id as written (kept for the check of
/// duplicates even when the target has other problems).
fn parse_target<'a>(
    f: &Fields<'a, 12>,
    path: Path<'_>,
    indicators: &[Indicator],
    index: &HashMap<String, usize>,
    faulty: &Faulty,
    shared: &mut Shared,
    problems: &mut Problems,
) -> (Option<(Target, usize)>, Option<Cow<'a, str>>) {
    let id = f.get("id").and_then(|v| str_from_raw(v).ok());
    (
        parse_target_fields(f, path, indicators, index, faulty, shared, problems),
        id,
    )
}

fn parse_target_fields(
    f: &Fields<'_, 12>,
    path: Path<'_>,
    indicators: &[Indicator],
    index: &HashMap<String, usize>,
    faulty: &Faulty,
    shared: &mut Shared,
    problems: &mut Problems,
) -> Option<(Target, usize)> {
    let before = problems.count();
    // In the order of TARGET_FIELDS.
    let [
        id,
        indicator_id,
        unit,
        rule,
        deadline,
        judged_on,
        series,
        source,
        tags_raw,
        no_data_reason,
        every_period,
        applies_to,
    ] = f.values();
    let mut r = Reader { problems };
    let id = r.required_string(id, path, "id");
    let indicator_id = r.required_string(indicator_id, path, "indicator");
    let unit = r.required_string(unit, path, "unit");
    let rule = r
        .required(rule, || path.field("rule"))
        .and_then(|v| parse_rule(v, path.child("rule"), r.problems));
    let deadline = r.required_period(deadline, path, "deadline");
    let judged_on = judged_on.and_then(|v| r.period(v, || path.field("judged_on")));
    let series = r
        .optional_string(series, path, "series")
        .map(Cow::into_owned);
    let source = source.and_then(|v| parse_source(v, &path.field("source"), r.problems));
    check_source(source.as_ref(), path, r.problems);
    let applies_to =
        applies_to.and_then(|v| parse_applies_to(v, &path.field("applies_to"), r.problems));
    let no_data_reason = no_data_reason
        .map(|v| parse_names(v, &path.field("no_data_reason"), r.problems))
        .unwrap_or_default();
    let mut tags = Vec::new();
    if let Some(v) = tags_raw {
        let tpath = path.field("tags");
        for (i, t) in read_array(v, &tpath, r.problems).into_iter().enumerate() {
            if let Some(s) = r.string(t, || format!("{tpath}[{i}]")) {
                tags.push(s.into_owned());
            }
        }
    }
    let every_period = every_period.and_then(|v| {
        let epath = path.field("every_period");
        let e = read_object(v, &["from"], Path::new(&epath), r.problems)?;
        r.required(e.get("from"), || format!("{epath}.from"))
            .and_then(|v| r.period(v, || format!("{epath}.from")))
            .map(EveryPeriod::new)
    });
    // Names are checked whatever else is wrong, so that one report lists
    // every problem of the entry.
    check_names(
        id.as_deref(),
        unit.as_deref(),
        series.as_deref(),
        path,
        r.problems,
    );
    let indicator_id = indicator_id?;
    let ix = index.get(indicator_id.as_ref()).copied();
    let indicator = ix
        .and_then(|i| indicators.get(i))
        .or_else(|| faulty.definition(&indicator_id));
    if indicator.is_none() && !faulty.contains(&indicator_id) {
        r.problems.push(
            ErrorKind::UnknownId,
            path.field("indicator"),
            format!("no indicator {} in the catalogue", quoted(&indicator_id)),
        );
    }
    if let (Some(ind), Some(rule)) = (indicator, rule.as_ref())
        && let Err((kind, m)) = ind.check_rule(rule)
    {
        r.problems.push(kind, path.field("rule"), m);
    }
    if let Some(ind) = indicator
        && let Some(m) = check_applies_to(applies_to, ind)
    {
        r.problems
            .push(ErrorKind::KindMismatch, path.field("applies_to.mode"), m);
    }
    // A target on a faulty indicator is read for its problems only.
    let indicator_id = match ix.and_then(|i| shared.indicator_ids.get(i)) {
        Some(shared_id) => Arc::clone(shared_id),
        None => Arc::from(indicator_id.as_ref()),
    };
    let t = Target {
        id: id?.into_owned(),
        indicator: indicator_id,
        unit: shared.unit(&unit?),
        rule: rule?,
        deadline: deadline?,
        judged_on,
        more: More {
            series,
            source,
            tags,
            no_data_reason,
        }
        .boxed(),
        every_period,
        applies_to,
    };
    if let Some(ind) = indicator
        && let Err(m) = check_every_period(&t, ind)
    {
        r.problems
            .push(ErrorKind::InvalidValue, path.field("every_period"), m);
    }
    let ix = ix?;
    (r.problems.count() == before).then_some((t, ix))
}

fn parse_rule(raw: Raw<'_>, path: Path<'_>, problems: &mut Problems) -> Option<Rule> {
    const RULES: [&str; 5] = [
        "at_least",
        "at_most",
        "more_than",
        "less_than",
        "within_top",
    ];
    let f = read_object(raw, &RULES, path, problems)?;
    let mut present = RULES.iter().filter(|n| f.get(n).is_some());
    let (Some(name), None) = (present.next(), present.next()) else {
        problems.push(
            ErrorKind::InvalidValue,
            path.to_string(),
            "a rule has exactly one of at_least, at_most, more_than, less_than, within_top",
        );
        return None;
    };
    let value = f.get(name)?;
    let field = || path.field(name);
    let mut r = Reader { problems };
    if *name == "within_top" {
        let n = r.whole(value, field)?;
        return match u32::try_from(n) {
            Ok(n) if n >= 1 => Some(Rule::WithinTop(n)),
            _ => {
                r.problems.push(
                    ErrorKind::OutOfRange,
                    field(),
                    format!("within_top {n} is not a rank from 1 to 4294967295"),
                );
                None
            }
        };
    }
    let t = r.decimal(value, field)?;
    Some(match *name {
        "at_least" => Rule::AtLeast(t),
        "at_most" => Rule::AtMost(t),
        "more_than" => Rule::MoreThan(t),
        _ => Rule::LessThan(t),
    })
}

/// Reads a text in English and Vietnamese (`{"en": …, "vi": …}`, either
/// absent), as `name` and `no_data_reason` write it.
fn parse_names(raw: Raw<'_>, path: &str, problems: &mut Problems) -> Names {
    let mut names = Names::default();
    if let Some(n) = read_object(raw, &["en", "vi"], Path::new(path), problems) {
        let mut r = Reader { problems };
        let mut text = |lang: &str| {
            n.get(lang)
                .and_then(|v| r.string(v, || format!("{path}.{lang}")))
                .map(|s| s.into_owned())
        };
        names.en = text("en");
        names.vi = text("vi");
    }
    names
}

fn parse_source(raw: Raw<'_>, path: &str, problems: &mut Problems) -> Option<Source> {
    let f = read_object(
        raw,
        &["instrument", "issued", "section", "text_vi", "text_en"],
        Path::new(path),
        problems,
    )?;
    let mut r = Reader { problems };
    let text = |name: &str, r: &mut Reader<'_>| {
        f.get(name)
            .and_then(|v| r.string(v, || format!("{path}.{name}")))
            .map(|s| s.into_owned())
    };
    Some(Source {
        instrument: text("instrument", &mut r),
        section: text("section", &mut r),
        text_vi: text("text_vi", &mut r),
        text_en: text("text_en", &mut r),
        issued: f
            .get("issued")
            .and_then(|v| r.date(v, || format!("{path}.issued"))),
    })
}

/// Reads `applies_to`; `None` (reported) when faulty.
pub(crate) fn parse_applies_to(
    raw: Raw<'_>,
    path: &str,
    problems: &mut Problems,
) -> Option<AppliesTo> {
    let f = read_object(raw, &["level", "mode"], Path::new(path), problems)?;
    let mut r = Reader { problems };
    let level = f.required_named(&mut r, Path::new(path), "level");
    let mode = f.required_named(&mut r, Path::new(path), "mode");
    Some(AppliesTo::new(level?, mode?))
}

/// What a reader made of a catalogue document: the catalogue and its
/// faulty indicators, and the problems with their places. Read as
/// [`Catalogue::from_json`] reads it, or with `general_only` by serde_json
/// alone, for tests and the fuzzer to compare the two.
#[cfg(any(test, fuzzing))]
pub(crate) fn read_with(text: &str, general_only: bool) -> String {
    let mut problems = Problems::default();
    let read = parse_with(text, &mut problems, !general_only);
    format!("{read:?}\n{:?}", problems.into_result())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presentation::format::flat::generated::{self, Shape};
    use proptest::prelude::*;

    fn both(text: &str) {
        assert_eq!(read_with(text, false), read_with(text, true), "{text}");
    }

    /// A catalogue whose targets are generated, after two indicators.
    const SHAPE: Shape = Shape {
        format: CATALOGUE_FORMAT,
        array: "targets",
        before: &[
            r#""indicators": [{"id": "s", "kind": "percent"}, {"id": "r", "kind": "rank", "out_of": 193}]"#,
        ],
        fields: &[
            ("id", &["\"t1\"", "\"t2\"", "\"t1\""]),
            ("indicator", &["\"s\"", "\"r\"", "\"x\""]),
            ("unit", &["\"VN\""]),
            (
                "rule",
                &[
                    r#"{"at_least": "80"}"#,
                    r#"{"at_most": 70}"#,
                    r#"{"more_than": "50", "at_least": 1}"#,
                ],
            ),
            ("deadline", &["\"2025\"", "\"2030\""]),
        ],
        extra_keys: &[
            "series",
            "source",
            "tags",
            "judged_on",
            "no_data_reason",
            "every_period",
            "applies_to",
            "colour",
        ],
    };

    proptest! {
        #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

        /// The fast reader and serde_json's give the same catalogue and the
        /// same problems, whatever the text.
        #[test]
        fn flat_equals_general(choices in prop::collection::vec(any::<u8>(), 0..120), cut in any::<prop::sample::Index>(), whole in any::<bool>()) {
            both(&generated::cut(SHAPE.document(&choices), cut, whole));
        }
    }

    #[test]
    fn flat_equals_general_on_the_fixtures_and_the_built_in_catalogues() {
        let mut texts = Vec::new();
        #[cfg(feature = "vn")]
        for text in [crate::vn::CATALOGUE_JSON, crate::vn::DRAFT_2018_JSON] {
            // Of the usual shape: the fast reader reads them.
            let mut built = Built::default();
            assert!(read_flat_catalogue(text, &mut built, &mut Problems::default()).is_some());
            texts.push(text.to_owned());
        }
        for case in generated::case_files() {
            if let Some(c) = case.get("catalogue") {
                texts.push(serde_json::to_string_pretty(c).unwrap());
                texts.push(c.to_string());
            }
        }
        assert!(texts.len() > 100, "{}", texts.len());
        for text in &texts {
            both(text);
            // Cut anywhere, a document is not one, and both say so alike.
            for at in (0..text.len())
                .step_by(97)
                .filter(|&at| text.is_char_boundary(at))
            {
                both(&text[..at]);
            }
        }
    }
}
