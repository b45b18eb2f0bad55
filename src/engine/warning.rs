//! Warnings (SPEC 2.6): input that is valid but probably not what its
//! author meant — an indicator no target uses, figures about a unit no
//! target or units document knows (a typo such as `Vn`), a target whose
//! unit has no figure at all. Never an error, never a change of status.

use crate::foundations::hash::{HashMap, HashSet};

use time::Date;

use crate::model::catalogue::Catalogue;
use crate::model::observation::Observations;
use crate::model::units::Units;

/// What a [`Warning`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum WarningKind {
    /// An indicator of the catalogue that no target uses (`indicators[i]`).
    UnusedIndicator,
    /// A target about a unit that no observation is about, of any
    /// indicator (`targets[i]`).
    TargetUnitWithoutObservations,
    /// Observations of an indicator that no target uses (at the first of
    /// them in their document).
    ObservationsOfUnusedIndicator,
    /// Observations about a unit that is no target's unit and not in the
    /// units given: a likely typo (at the first of them in their document).
    UnknownUnit,
}

impl WarningKind {
    /// The kind's name: `unused_indicator`,
    /// `target_unit_without_observations`,
    /// `observations_of_unused_indicator` or `unknown_unit`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            WarningKind::UnusedIndicator => "unused_indicator",
            WarningKind::TargetUnitWithoutObservations => "target_unit_without_observations",
            WarningKind::ObservationsOfUnusedIndicator => "observations_of_unused_indicator",
            WarningKind::UnknownUnit => "unknown_unit",
        }
    }

    /// The document the warning's path is in: `catalogue` or `observations`.
    #[must_use]
    pub fn document(self) -> &'static str {
        match self {
            WarningKind::UnusedIndicator | WarningKind::TargetUnitWithoutObservations => {
                "catalogue"
            }
            WarningKind::ObservationsOfUnusedIndicator | WarningKind::UnknownUnit => "observations",
        }
    }
}

/// Input that is valid but probably not what its author meant (SPEC 2.6),
/// found by [`Evaluation::warnings`](crate::Evaluation::warnings). Its
/// message is written by [`Warning::message`] (English) and
/// [`Warning::message_in`]; its `Display` is `document: path: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub(crate) kind: WarningKind,
    pub(crate) path: String,
    /// The indicator or unit the warning is about.
    pub(crate) subject: String,
    /// For a target's warning, the target's id.
    pub(crate) target: Option<String>,
    /// How many observations it concerns (0 for the catalogue's warnings).
    pub(crate) count: usize,
    /// For an unknown unit, a known one written the same but for case and
    /// blanks (`VN` for `Vn`).
    pub(crate) similar: Option<String>,
}

impl Warning {
    /// What the warning is about.
    #[must_use]
    pub fn kind(&self) -> WarningKind {
        self.kind
    }

    /// The path of the place in its document ([`WarningKind::document`]):
    /// `indicators[2]`, `targets[5]`, or the first observation concerned
    /// (`observations[12]`, or `row 13` in CSV).
    #[must_use]
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The indicator or unit the warning is about.
    #[must_use]
    pub fn subject(&self) -> &str {
        &self.subject
    }

    /// How many observations it concerns (0 for an indicator or a target).
    #[must_use]
    pub fn count(&self) -> usize {
        self.count
    }
}

/// The warnings about `catalogue`, `observations` published by `as_of`
/// and `units`: the catalogue's in document order, then the observations'
/// by kind and by indicator or unit. One pass over each.
pub(crate) fn find(
    catalogue: &Catalogue,
    units: Option<&Units>,
    observations: &Observations,
    unit_ids: Option<&[Option<u32>]>,
    as_of: Date,
) -> Vec<Warning> {
    let mut out = Vec::new();
    let used: HashSet<&str> = catalogue.targets().iter().map(|t| t.indicator()).collect();
    let target_units: HashSet<&str> = catalogue.targets().iter().map(|t| t.unit()).collect();
    for (i, ind) in catalogue.indicators().iter().enumerate() {
        if !used.contains(ind.id()) {
            out.push(Warning {
                kind: WarningKind::UnusedIndicator,
                path: format!("indicators[{i}]"),
                subject: ind.id().to_owned(),
                target: None,
                count: 0,
                similar: None,
            });
        }
    }
    // How many figures name each text id as a unit, and as an indicator
    // (the ids are dense: a vector, not a map).
    let mut by_unit: Vec<usize> = vec![0; observations.text_count()];
    let mut by_indicator: Vec<usize> = vec![0; observations.text_count()];
    for (unit, indicator, group) in observations.groups_by_ids() {
        // Only what is published by the as-of date (SPEC 3.1): nothing
        // published later changes an evaluation, its warnings included.
        let count = group.iter().filter(|o| o.published <= as_of).count();
        for (counts, id) in [(&mut by_unit, unit), (&mut by_indicator, indicator)] {
            if let Some(n) = usize::try_from(id).ok().and_then(|i| counts.get_mut(i)) {
                *n = n.saturating_add(count);
            }
        }
    }
    let counted = |counts: &[usize]| {
        (0u32..)
            .zip(counts.iter().copied())
            .filter(|(_, n)| *n > 0)
            .collect::<Vec<(u32, usize)>>()
    };
    let (by_unit, by_indicator) = (counted(&by_unit), counted(&by_indicator));
    for (i, t) in catalogue.targets().iter().enumerate() {
        // A target at a level is judged on its units' figures, not its scope's.
        if t.applies_to().is_some() {
            continue;
        }
        let has = observations
            .string_id(t.unit())
            .is_some_and(|u| by_unit.binary_search_by_key(&u, |(id, _)| *id).is_ok());
        if !has {
            out.push(Warning {
                kind: WarningKind::TargetUnitWithoutObservations,
                path: format!("targets[{i}]"),
                subject: t.unit().to_owned(),
                target: Some(t.id().to_owned()),
                count: 0,
                similar: None,
            });
        }
    }
    let mut later = Vec::new();
    for &(id, count) in &by_indicator {
        let text = observations.text(id).unwrap_or_default();
        if !used.contains(text) {
            later.push(Warning {
                kind: WarningKind::ObservationsOfUnusedIndicator,
                path: observations.first_path(id).unwrap_or_default(),
                subject: text.to_owned(),
                target: None,
                count,
                similar: None,
            });
        }
    }
    // Where the evaluation found the units' text ids (for its roll-ups),
    // the ids the units document names are marked, and an observed unit is
    // told known by its id; else each observed unit is looked up by name.
    let in_units: Option<Vec<bool>> = unit_ids.filter(|_| units.is_some()).map(|ids| {
        let mut marks = vec![false; observations.text_count()];
        for id in ids.iter().flatten() {
            if let Some(known) = usize::try_from(*id).ok().and_then(|i| marks.get_mut(i)) {
                *known = true;
            }
        }
        marks
    });
    let known = |id: u32, u: &str| {
        target_units.contains(u)
            || match &in_units {
                Some(marks) => usize::try_from(id)
                    .ok()
                    .and_then(|i| marks.get(i))
                    .is_some_and(|k| *k),
                None => units.is_some_and(|us| us.get(u).is_some()),
            }
    };
    let fold = |u: &str| u.trim().to_lowercase();
    // The known units by their folded ids, made only once a unit is
    // unknown (a million communes, all known, need no folding).
    let mut by_fold: Option<HashMap<String, &str>> = None;
    for &(id, count) in &by_unit {
        let text = observations.text(id).unwrap_or_default();
        if !known(id, text) {
            let by_fold = by_fold.get_or_insert_with(|| {
                let mut by_fold = HashMap::default();
                for u in target_units.iter().copied().chain(
                    units
                        .into_iter()
                        .flat_map(|us| us.units().iter().map(|u| u.id())),
                ) {
                    by_fold.entry(fold(u)).or_insert(u);
                }
                by_fold
            });
            later.push(Warning {
                kind: WarningKind::UnknownUnit,
                path: observations.first_path(id).unwrap_or_default(),
                subject: text.to_owned(),
                target: None,
                count,
                similar: by_fold.get(&fold(text)).map(|&s| s.to_owned()),
            });
        }
    }
    // By kind, then indicator or unit: an order that does not depend on
    // the order of the observations in their document.
    later.sort_by(|a, b| (a.kind, &a.subject).cmp(&(b.kind, &b.subject)));
    out.extend(later);
    out
}
