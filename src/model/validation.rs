//! The checks of indicators and targets that every way of making a catalogue
//! applies, and the indicators a reader found faulty.

use std::collections::{BTreeMap, BTreeSet};

use crate::foundations::error::{ErrorKind, Path, Problems};
use crate::foundations::metric::MetricKind;
use crate::foundations::text::{check_date, check_indicator_id, check_name, quoted};
use crate::model::indicator::{Cadence, Indicator, MAX_DAYS};
use crate::model::method::Method;
use crate::model::source::Source;
use crate::model::target::{AppliesTo, RollUpMode, Target};

/// Checks an indicator: its id, and its other values.
pub(crate) fn check_indicator(ind: &Indicator, path: Path<'_>, problems: &mut Problems) {
    if let Err(m) = check_indicator_id(&ind.id) {
        problems.push(ErrorKind::InvalidValue, path.field("id"), m);
    }
    check_indicator_values(ind, path, problems);
}

/// The checks of [`check_indicator`] other than the id's.
pub(crate) fn check_indicator_values(ind: &Indicator, path: Path<'_>, problems: &mut Problems) {
    if let Some(s) = &ind.series
        && let Err(m) = check_name(s, "series")
    {
        problems.push(ErrorKind::InvalidValue, path.field("series"), m);
    }
    if let (Some(min), Some(max)) = (ind.min, ind.max)
        && min > max
    {
        problems.push(
            ErrorKind::OutOfRange,
            path.field("min"),
            format!("min {min} is above max {max}"),
        );
    }
    if ind.out_of == Some(0) {
        problems.push(
            ErrorKind::OutOfRange,
            path.field("out_of"),
            "a ranking ranks at least one",
        );
    }
    if ind.publication_lag_days > MAX_DAYS {
        problems.push(
            ErrorKind::OutOfRange,
            path.field("publication_lag_days"),
            format!("{} days is more than a century", ind.publication_lag_days),
        );
    }
    if let Some(days) = ind.explicit_max_age_days() {
        if !matches!(ind.cadence, Cadence::Biennial | Cadence::Irregular) {
            problems.push(
                ErrorKind::InvalidValue,
                path.field("max_age_days"),
                format!(
                    "max_age_days is only for biennial and irregular indicators, and this one is {}: its closing figure is the one for the period containing the deadline",
                    ind.cadence.as_str()
                ),
            );
        } else if days > MAX_DAYS {
            problems.push(
                ErrorKind::OutOfRange,
                path.field("max_age_days"),
                format!("{days} days is more than a century"),
            );
        }
    }
    if let Some(Err(m)) = ind.progress.map(Method::check) {
        problems.push(ErrorKind::OutOfRange, path.field("progress"), m);
    }
    if let Some(d) = &ind.discontinued
        && let Err(m) = check_date(d.on)
    {
        problems.push(ErrorKind::OutOfRange, path.field("discontinued.on"), m);
    }
}

/// Checks a target's source: its date of issue must be one the formats can write.
pub(crate) fn check_source(source: Option<&Source>, path: Path<'_>, problems: &mut Problems) {
    if let Some(d) = source.and_then(Source::issued)
        && let Err(m) = check_date(d)
    {
        problems.push(ErrorKind::OutOfRange, path.field("source.issued"), m);
    }
}

/// Why `applies_to` does not fit the indicator, if it does not.
pub(crate) fn check_applies_to(applies_to: Option<AppliesTo>, ind: &Indicator) -> Option<String> {
    let a = applies_to?;
    (a.mode() == RollUpMode::Pooled && ind.kind != MetricKind::Percent).then(|| {
        format!(
            "`pooled` sums numerators and denominators, so it needs a percent indicator; {} is a {}: use `each`",
            quoted(&ind.id),
            ind.kind
        )
    })
}

/// Checks a target's id, unit and series.
pub(crate) fn check_target_names(t: &Target, path: Path<'_>, problems: &mut Problems) {
    check_names(Some(&t.id), Some(t.unit()), t.series(), path, problems);
}

/// Checks a target's id, unit and series, whichever could be read.
pub(crate) fn check_names(
    id: Option<&str>,
    unit: Option<&str>,
    series: Option<&str>,
    path: Path<'_>,
    problems: &mut Problems,
) {
    for (field, value, what) in [
        ("id", id, "target id"),
        ("unit", unit, "unit"),
        ("series", series, "series"),
    ] {
        if let Some(v) = value
            && let Err(m) = check_name(v, what)
        {
            problems.push(ErrorKind::InvalidValue, path.field(field), m);
        }
    }
}

/// The load-time check of a target's every-period modifier.
pub(crate) fn check_every_period(t: &Target, ind: &Indicator) -> Result<(), String> {
    let Some(every) = t.every_period() else {
        return Ok(());
    };
    if ind.cadence().period_kind().is_none() {
        return Err(format!(
            "every_period needs an annual, quarterly or monthly indicator, and {} is {}",
            quoted(ind.id()),
            ind.cadence().as_str()
        ));
    }
    if t.judged_on().is_some() {
        return Err("every_period and judged_on cannot be combined".to_owned());
    }
    if every.from().start() > t.deadline().end() {
        return Err(format!(
            "every_period starts in {} , after the deadline {}",
            every.from(),
            t.deadline()
        )
        .replace(" ,", ","));
    }
    Ok(())
}

/// Indicators that were reported faulty: observations of them are skipped
/// without a second report. When the catalogue could not be read at all,
/// every indicator counts as faulty.
#[derive(Debug, Default)]
pub(crate) struct Faulty {
    /// Faulty indicators whose kind is unknown.
    ids: BTreeSet<String>,
    /// Faulty indicators whose kind is known, to check targets and values against.
    defs: BTreeMap<String, Indicator>,
    pub(crate) everything: bool,
}

impl Faulty {
    pub(crate) const fn none() -> Faulty {
        Faulty {
            ids: BTreeSet::new(),
            defs: BTreeMap::new(),
            everything: false,
        }
    }

    /// Adds a faulty indicator; `kind_known` says whether its kind could be read.
    pub(crate) fn add(&mut self, ind: Indicator, kind_known: bool) {
        if kind_known {
            self.defs.insert(ind.id.clone(), ind);
        } else {
            self.ids.insert(ind.id);
        }
    }

    /// Whether `id` is faulty with an unknown kind (or the catalogue was unreadable).
    pub(crate) fn contains(&self, id: &str) -> bool {
        self.everything || self.ids.contains(id)
    }

    /// The definition of a faulty indicator of known kind.
    pub(crate) fn definition(&self, id: &str) -> Option<&Indicator> {
        self.defs.get(id)
    }
}

/// No faulty indicator: what a catalogue that loaded whole has.
pub(crate) static NONE_FAULTY: Faulty = Faulty::none();
