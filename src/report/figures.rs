//! The figures a target's status rests on, as they were known at the as-of
//! date, with the revisions: derived from the public API of the engine.

use crate::{Date, Decimal, Observation, Observations, Period, Qualifier, Reading, TargetResult};

/// Which side of a bounded figure its true value lies on (SPEC 1.1
/// `qualifier`: "trên 80%" is a figure of 80 with the true value above it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Bound {
    /// The true value is above the figure (`more_than`, `at_least`).
    Above,
    /// The true value is below the figure (`less_than`, `at_most`).
    Below,
}

/// One published figure of the series a target reads.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Figure {
    pub(super) period: Period,
    pub(super) published: Date,
    pub(super) reading: Reading,
    /// For a bounded figure, where its true value lies.
    pub(super) bound: Option<Bound>,
    /// For a bounded figure, its qualifier (`more_than 80`).
    pub(super) qualifier: Option<Qualifier>,
    /// The day a later figure for the same period replaced it, by the as-of
    /// date; `None` for the figure that stands.
    pub(super) replaced_on: Option<Date>,
    pub(super) source: Option<String>,
    pub(super) note: Option<String>,
}

impl Figure {
    fn from_observation(o: &Observation<'_>) -> Self {
        Figure {
            period: o.period(),
            published: o.published(),
            reading: o.reading(),
            bound: o.qualifier().map(|q| {
                if q.is_lower_bound() {
                    Bound::Above
                } else {
                    Bound::Below
                }
            }),
            qualifier: o.qualifier(),
            replaced_on: None,
            source: o.source().map(str::to_owned),
            note: o.note().map(str::to_owned),
        }
    }

    /// The day the figure is drawn at: the end of its period, where the
    /// engine places it to fit its trend.
    pub(super) fn at(&self) -> Date {
        self.period.end()
    }

    /// The value (a share of counts as its percentage).
    pub(super) fn value(&self) -> Decimal {
        self.reading.value()
    }

    /// Whether it is the figure that stands for its period.
    pub(super) fn stands(&self) -> bool {
        self.replaced_on.is_none()
    }
}

/// The figures of the series the target reads that were published by the
/// as-of date, by period end then publication: each period's last figure
/// stands, the earlier ones are marked with the day they were replaced.
///
/// The series is the one the engine reads: the target's, else the
/// indicator's, else the one series the visible figures carry; none when
/// they carry several (`ambiguous`). For a target at a level, whose figures
/// the engine pools or merges, only the figure its status rests on.
pub(super) fn figures(r: &TargetResult<'_>, observations: &Observations) -> Vec<Figure> {
    if r.roll_up().is_some() {
        return r.evidence().iter().map(Figure::from_observation).collect();
    }
    let (target, indicator) = (r.target(), r.indicator());
    let visible: Vec<Observation<'_>> = observations
        .of(indicator.id(), target.unit())
        .filter(|o| o.published() <= r.as_of())
        .collect();
    let series = match target.series().or(indicator.series()) {
        Some(named) => Some(named),
        None => match visible.first().map(Observation::series) {
            Some(first) if visible.iter().all(|o| o.series() == first) => first,
            Some(_) => return Vec::new(),
            None => None,
        },
    };
    let mut figures: Vec<Figure> = visible
        .iter()
        .filter(|o| o.series() == series)
        .map(Figure::from_observation)
        .collect();
    let replaced: Vec<Option<Date>> = figures
        .iter()
        .map(|f| {
            figures
                .iter()
                .filter(|g| g.period.same_span(&f.period) && g.published > f.published)
                .map(|g| g.published)
                .min()
        })
        .collect();
    for (f, on) in figures.iter_mut().zip(replaced) {
        f.replaced_on = on;
    }
    figures.sort_by_key(|f| (f.at(), f.published));
    figures
}

#[cfg(all(test, feature = "vn"))]
mod tests {
    use super::*;
    use crate::{Evaluator, parse_date, vn};

    /// The figures found here are the engine's: for every target with
    /// evidence, the evidence is a standing figure, and no figure published
    /// after the as-of date is shown.
    #[test]
    fn the_evidence_is_a_standing_figure_of_the_series_read() {
        let catalogue = vn::catalogue();
        let observations = vn::observations(&catalogue);
        let evaluator = Evaluator::new(catalogue);
        for as_of in ["2021-06-30", "2024-01-01", "2026-11-28"] {
            let as_of = parse_date(as_of).unwrap();
            let evaluation = evaluator.evaluate(&observations, as_of).unwrap();
            for r in evaluation.results() {
                let figures = figures(r, &observations);
                assert!(figures.iter().all(|f| f.published <= as_of));
                match r.evidence() {
                    Some(e) => assert!(
                        figures.iter().any(|f| f.stands()
                            && f.period == e.period()
                            && f.published == e.published()
                            && f.reading == e.reading()),
                        "{}: evidence {e} not among {figures:?}",
                        r.target().id()
                    ),
                    None => assert!(figures.is_empty(), "{}", r.target().id()),
                }
            }
        }
    }

    #[test]
    fn revisions_are_kept_and_marked_with_the_day_they_were_replaced() {
        let catalogue = vn::catalogue();
        let observations = vn::observations(&catalogue);
        let evaluator = Evaluator::new(catalogue);
        let evaluation = evaluator
            .evaluate(&observations, parse_date("2026-11-28").unwrap())
            .unwrap();
        let r = evaluation
            .get("qd749_2030_digital_economy_30pct_gdp")
            .unwrap();
        let figures = figures(r, &observations);
        let replaced: Vec<&Figure> = figures.iter().filter(|f| !f.stands()).collect();
        assert!(!replaced.is_empty(), "the gso series has revised figures");
        for old in replaced {
            let new = figures
                .iter()
                .find(|f| f.stands() && f.period.same_span(&old.period))
                .unwrap();
            assert!(old.replaced_on.unwrap() <= new.published);
            assert!(old.published < old.replaced_on.unwrap());
        }
    }
}
