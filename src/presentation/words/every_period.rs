//! An every-period target's periods in one line: each period with its
//! figure and whether it held, and the periods without a figure, told apart:
//! not over yet, or over but not published yet (never counted as failed).

use std::fmt::Write as _;

use rust_decimal::Decimal;

use crate::engine::result::TargetResult;
use crate::foundations::period::{Period, PeriodKind};
use crate::presentation::words::lang::Lang;
use crate::presentation::words::written::{BoundShown, RuleIn, ValueShown, period};

/// What one period shows.
enum Shows {
    Held(Decimal),
    Failed(Decimal),
    Undetermined(Decimal),
    /// Over, but no figure published by the as-of date.
    NotPublished,
    /// Not over at the as-of date.
    NotOver,
    /// Not begun at the as-of date.
    NotBegun,
}

impl TargetResult<'_> {
    /// For an every-period target, its periods in one line for people, in
    /// `lang`: the rule, then each period in order with its figure and
    /// whether it held (`2021: 4,71% — không đạt`), and each period without
    /// a figure said as what it is — not over yet (`chưa hết kỳ`, `not over
    /// yet`) or over but not published yet (`chưa công bố`, `not published
    /// yet`) — never as a failure. Periods are joined by ` · `; beyond
    /// [`crate::evaluation::MAX_NAMED_MISSING`] missing ones, the rest are
    /// counted. `None` for other targets.
    ///
    /// ```
    /// use policy_targets::{Catalogue, Evaluator, Lang, Observations, parse_date};
    /// let catalogue = Catalogue::from_json(r#"{"format": "policy-targets/catalogue@1",
    ///   "indicators": [{"id": "growth", "kind": "growth_rate"}],
    ///   "targets": [{"id": "g7", "indicator": "growth", "unit": "VN", "rule": {"at_least": "7"},
    ///                "deadline": "2025", "every_period": {"from": "2023"}}]}"#)?;
    /// let observations = Observations::from_json(r#"{"format": "policy-targets/observations@1",
    ///   "observations": [
    ///     {"indicator": "growth", "unit": "VN", "period": "2023", "published": "2024-01-05", "value": "7.2"},
    ///     {"indicator": "growth", "unit": "VN", "period": "2024", "published": "2025-01-06", "value": "5.9"}]}"#,
    ///   &catalogue)?;
    /// let evaluator = Evaluator::new(catalogue);
    /// let evaluation = evaluator.evaluate(&observations, parse_date("2025-06-30")?)?;
    /// let line = evaluation.get("g7").unwrap().every_period_summary_in(Lang::En).unwrap();
    /// assert_eq!(line, "every year 2023–2025, at least 7%: 2023: 7.2% — held · \
    ///                   2024: 5.9% — failed · 2025: not over yet");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn every_period_summary_in(&self, lang: Lang) -> Option<String> {
        let e = self.every_period()?;
        let kind = self.indicator().kind();
        let mut periods: Vec<(Period, Shows)> = Vec::new();
        periods.extend(e.held_figures().iter().map(|(p, v)| (*p, Shows::Held(*v))));
        periods.extend(e.failed().iter().map(|(p, v)| (*p, Shows::Failed(*v))));
        periods.extend(
            e.undetermined()
                .iter()
                .map(|(p, v)| (*p, Shows::Undetermined(*v))),
        );
        let as_of = self.as_of();
        periods.extend(e.missing().iter().map(|p| {
            let shows = if p.start() > as_of {
                Shows::NotBegun
            } else if p.end() > as_of {
                Shows::NotOver
            } else {
                Shows::NotPublished
            };
            (*p, shows)
        }));
        periods.sort_by_key(|(p, _)| (p.end(), std::cmp::Reverse(p.start())));
        let word = match (e.first().kind(), lang) {
            (PeriodKind::Quarter, _) => lang.pick("từng quý", "every quarter"),
            (PeriodKind::Month, _) => lang.pick("từng tháng", "every month"),
            (PeriodKind::Year, _) => lang.pick("từng năm", "every year"),
            _ => lang.pick("từng kỳ", "every period"),
        };
        let bare = |p: Period| match p.kind() {
            PeriodKind::Year => p.start().year().to_string(),
            _ => period(p, lang).to_string(),
        };
        let mut out = format!(
            "{word} {}–{}, {}:",
            bare(e.first()),
            bare(e.last()),
            RuleIn(self.target().rule(), kind, lang)
        );
        let figure = |p: Period, v: Decimal| match e.bound(p) {
            Some(q) => BoundShown(q, v, kind, lang).to_string(),
            None => ValueShown(v, kind, lang).to_string(),
        };
        // Periods without a figure that follow one another in the same state
        // are said once: `2027–2030: not begun`.
        let mut runs: Vec<(Period, Period, &Shows)> = Vec::new();
        for (p, shows) in &periods {
            let quiet = matches!(
                shows,
                Shows::NotPublished | Shows::NotOver | Shows::NotBegun
            );
            match runs.last_mut() {
                Some((_, last, s))
                    if quiet && std::mem::discriminant(*s) == std::mem::discriminant(shows) =>
                {
                    *last = *p;
                }
                _ => runs.push((*p, *p, shows)),
            }
        }
        for (i, (first, last, shows)) in runs.iter().enumerate() {
            let sep = if i == 0 { " " } else { " · " };
            let said = match shows {
                Shows::Held(v) => format!("{} — {}", figure(*first, *v), lang.pick("đạt", "held")),
                Shows::Failed(v) => {
                    format!(
                        "{} — {}",
                        figure(*first, *v),
                        lang.pick("không đạt", "failed")
                    )
                }
                Shows::Undetermined(v) => format!(
                    "{} — {}",
                    figure(*first, *v),
                    lang.pick("chỉ là cận, chưa rõ", "a bound, cannot tell")
                ),
                Shows::NotPublished => lang.pick("chưa công bố", "not published yet").to_owned(),
                Shows::NotOver => lang.pick("chưa hết kỳ", "not over yet").to_owned(),
                Shows::NotBegun => lang.pick("chưa đến", "not begun").to_owned(),
            };
            let when = if first == last {
                bare(*first)
            } else {
                format!("{}–{}", bare(*first), bare(*last))
            };
            let _ = write!(out, "{sep}{when}: {said}");
        }
        let named = u64::try_from(e.missing().len()).unwrap_or(u64::MAX);
        if e.missing_count() > named {
            let more = e.missing_count().saturating_sub(named);
            let _ = match lang {
                Lang::Vi => write!(out, " · và {more} kỳ khác chưa có số liệu"),
                Lang::En => write!(out, " · and {more} more without a figure"),
            };
        }
        Some(out)
    }
}
