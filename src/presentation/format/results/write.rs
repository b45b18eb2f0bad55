//! Writing a results document.
//!
//! Decimals are written as strings, exactly; dates as `YYYY-MM-DD`; optional
//! blocks are left out when absent. One writer serves both
//! [`ResultsDocument::to_json`] (from the records) and
//! [`Evaluation::write_json_in`] (straight from the results, with no record
//! made): each block is written from a borrowed view that either can give.

use std::io::{self, Write};
use std::num::NonZeroUsize;

use rust_decimal::Decimal;
use time::Date;

use crate::engine::progress::category::Category;
use crate::engine::progress::refusal::Refusal;
use crate::engine::projection::Lines;
use crate::engine::result::{Evaluation, TargetResult};
use crate::engine::roll_up::members::{Held, UnitResult};
use crate::engine::roll_up::summary::RollUp;
use crate::engine::status::Status;
use crate::foundations::exact::round_dp;
use crate::foundations::period::Period;
use crate::model::method::Method;
use crate::model::observation::{Obs, Observation, Observations};
use crate::model::qualifier::Qualifier;
use crate::model::target::RollUpMode;
use crate::model::unit::UnitLevel;
use crate::presentation::format::pretty::{Copied, Pretty};
use crate::presentation::format::results::records::{
    EveryPeriodRecord, EvidenceRecord, EvidenceView, ProgressRecord, RESULTS_FORMAT, ResultRecord,
    ResultsDocument, RollUpRecord,
};
use crate::presentation::words::lang::Lang;
use crate::presentation::words::written::Figures;

impl EvidenceView<'_> {
    fn write<W: Write>(&self, p: &mut Pretty<W>) {
        p.open(b'{');
        p.period_field("period", self.period);
        p.date_field("published", self.published);
        p.decimal_field("value", self.value);
        p.opt_str_field("qualifier", self.qualifier.map(Qualifier::as_str));
        p.opt_number_field("numerator", self.numerator);
        p.opt_number_field("denominator", self.denominator);
        p.opt_str_field("series", self.series);
        p.opt_str_field("source", self.source);
        p.close(b'}');
    }
}

/// A decimal as it is written: equal decimals may be written differently
/// (`52` and `52.0`), decimals of the same mantissa, scale and sign alike.
fn as_written(d: Decimal) -> [u8; 16] {
    d.serialize()
}

/// What tells one evidence block from another as written.
type EvidenceKey<'a> = (
    Period,
    Date,
    [u8; 16],
    Option<Qualifier>,
    (Option<u64>, Option<u64>),
    (Option<&'a str>, Option<&'a str>),
);

impl<'a> EvidenceView<'a> {
    fn key(&self) -> EvidenceKey<'a> {
        (
            self.period,
            self.published,
            as_written(self.value),
            self.qualifier,
            (self.numerator, self.denominator),
            (self.series, self.source),
        )
    }
}

/// A unit's evidence as a `per_unit` list is given it: its block, and what
/// tells it from another as written, cheaper to find than the block (a
/// ratio's value is a division).
trait UnitEvidence<'a> {
    type Key: PartialEq;
    fn key(&self) -> Self::Key;
    fn view(&self) -> EvidenceView<'a>;
}

impl<'a> UnitEvidence<'a> for &'a EvidenceRecord {
    type Key = EvidenceKey<'a>;

    fn key(&self) -> Self::Key {
        self.view().key()
    }

    fn view(&self) -> EvidenceView<'a> {
        EvidenceView::of_record(self)
    }
}

/// What tells a figure's evidence block from another's as written: the
/// figure's fields that the block shows, its texts known by their place in
/// the store (the store by its address). Stricter than needed, which only
/// costs a copy: a value is compared as stored (`52` and `52.0`), though
/// the block writes it normalized.
#[derive(PartialEq)]
struct FigureKey {
    reading: (Option<[u8; 16]>, Option<u64>, Option<u64>),
    qualifier: Option<Qualifier>,
    period: Period,
    published: Date,
    series: u32,
    source: u32,
    store: *const Observations,
}

/// A unit's figure as its `per_unit` entry is given it: as the unit's
/// result holds it (the figure is copied out only to be written), with the
/// store its texts are in.
struct UnitFigure<'r, 'a> {
    held: &'r Held<'a>,
    store: &'a Observations,
}

impl<'r, 'a> UnitFigure<'r, 'a> {
    fn of(u: &'r UnitResult<'a>) -> Option<Self> {
        u.evidence.as_ref().map(|held| UnitFigure {
            held,
            store: u.store,
        })
    }
}

/// What tells one unit's figure from another's as written: its place in
/// the store (one place holds one figure, for as long as the evaluation
/// is written), or for a figure the engine made, its fields.
#[derive(PartialEq)]
enum FigureId {
    Stored(*const Obs),
    Made(FigureKey),
}

impl<'a> UnitEvidence<'a> for UnitFigure<'_, 'a> {
    type Key = FigureId;

    fn key(&self) -> Self::Key {
        let o = match self.held {
            Held::Stored(o) => return FigureId::Stored(std::ptr::from_ref(*o)),
            Held::Made(o) => o,
        };
        let (value, numerator, denominator) = o.reading.parts();
        FigureId::Made(FigureKey {
            reading: (value.map(as_written), numerator, denominator),
            qualifier: o.qualifier,
            period: o.period,
            published: o.published,
            series: o.series,
            source: o.source,
            store: std::ptr::from_ref(self.store),
        })
    }

    fn view(&self) -> EvidenceView<'a> {
        EvidenceView::of_observation(&Observation::new(*self.held.get(), self.store))
    }
}

/// What tells one entry of a `per_unit` list from another as written: the
/// unit, its status and its evidence.
type UnitKey<'a, K> = (&'a str, Status, Option<K>);

/// The blocks of the result before, copied for the next result where they
/// are the same (its targets often read the same series): the evidence and
/// the progress block's base and latest points.
#[derive(Default)]
struct Copies<'a> {
    evidence: Copied<EvidenceKey<'a>>,
    base: Copied<(Period, [u8; 16])>,
    latest: Copied<(Period, [u8; 16])>,
    /// The evidence as the explanation shows it.
    figures: Figures,
    /// The progress method.
    method: Copied<Method>,
    /// The progress block's decimals before and after rounding, by their
    /// place in it (as written: equal decimals may be written differently).
    rounded: [Option<([u8; 16], Decimal)>; 6],
    /// Each entry of a `per_unit` list, by its place in the list: the
    /// targets of a level over the same units list them in the same order,
    /// most often with the same status and figure. Kept for the first
    /// [`Copies::PER_UNIT`] places only, and entries of at most
    /// [`Copies::PER_UNIT_BYTES`], so that what is kept stays small (16 MiB
    /// at most) however many units a roll-up lists and however long their
    /// texts.
    per_unit: Vec<Copied<UnitKey<'a, FigureId>>>,
    /// The same, written from records.
    per_unit_records: Vec<Copied<UnitKey<'a, EvidenceKey<'a>>>>,
}

impl<'a> Copies<'a> {
    /// How many places of a `per_unit` list [`Copies::per_unit`] keeps the
    /// entry of.
    const PER_UNIT: usize = 1 << 14;

    /// The longest entry kept (an entry is about 300 bytes, unless its
    /// figure's series or source is long).
    const PER_UNIT_BYTES: usize = 1 << 10;

    /// `d` rounded to six places and normalized, as
    /// [`ProgressRecord::from_progress_in`] rounds the decimal at `place`:
    /// the pace observed and the value projected are the same for every
    /// target of a series.
    fn round(&mut self, place: usize, d: Decimal) -> Decimal {
        let written = as_written(d);
        match self.rounded.get_mut(place) {
            Some(Some((w, rounded))) if *w == written => *rounded,
            Some(last) => {
                let rounded = round_dp(d, 6).normalize();
                *last = Some((written, rounded));
                rounded
            }
            None => round_dp(d, 6).normalize(),
        }
    }
}

/// The fields of a result before its `roll_up` block (the evidence
/// borrowed for `'e`, which may outlive the other fields).
struct ResultView<'a, 'e> {
    target: &'a str,
    unit: &'a str,
    status: Status,
    evidence: Option<EvidenceView<'e>>,
    projected: Option<Decimal>,
    explanation: Option<&'a str>,
    progress: Option<&'a ProgressRecord>,
    every_period: Option<&'a EveryPeriodRecord>,
}

impl<'e> ResultView<'_, 'e> {
    /// Writes the start of the result as an item of `results`: its fields,
    /// up to the key of its `roll_up` block when it has one.
    fn write_head<W: Write>(&self, p: &mut Pretty<W>, copies: &mut Copies<'e>, roll_up: bool) {
        debug_assert_eq!(p.depth(), RESULTS_DEPTH);
        p.item();
        p.open(b'{');
        p.str_field("target", self.target);
        p.str_field("unit", self.unit);
        p.name_field("status", self.status.as_str());
        match &self.evidence {
            Some(e) => {
                p.key("evidence");
                p.copied(&mut copies.evidence, e.key(), |p| e.write(p));
            }
            None => p.null_field("evidence"),
        }
        match self.projected {
            Some(d) => p.decimal_field("projected", d),
            None => p.null_field("projected"),
        }
        p.opt_str_field("explanation", self.explanation);
        if let Some(progress) = self.progress {
            p.key("progress");
            write_progress(p, progress, copies);
        }
        if let Some(every) = self.every_period {
            p.key("every_period");
            write_every_period(p, every);
        }
        if roll_up {
            p.key("roll_up");
        }
    }
}

/// Which part of a result is written, by place: place 0 is before the
/// result, place `k` (from 1) after its fields and the first `k - 1`
/// entries of its `per_unit` list. A part from `from` to `to` takes the
/// result's fields when `from` is 0, the entries between the two places,
/// and the end of the result when `to` is past its last entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Span {
    from: usize,
    to: usize,
}

impl Span {
    /// The whole result.
    const WHOLE: Span = Span {
        from: 0,
        to: usize::MAX,
    };

    /// Whether the part takes the result's fields.
    fn head(self) -> bool {
        self.from == 0
    }

    /// The entries the part takes of a `per_unit` list of `len`.
    fn entries(self, len: usize) -> std::ops::Range<usize> {
        self.from.saturating_sub(1).min(len)..self.to.saturating_sub(1).min(len)
    }

    /// Whether the part takes the end of a result whose list has `len`
    /// entries.
    fn tail(self, len: usize) -> bool {
        self.to > len
    }
}

/// Writes the rest of a result's part after its fields: its `roll_up`
/// block's part, written by `roll_up`, and the end of the result when the
/// part takes it (`len` entries in its `per_unit` list).
fn write_rest<'e, W: Write>(
    p: &mut Pretty<W>,
    copies: &mut Copies<'e>,
    roll_up: Option<impl FnOnce(&mut Pretty<W>, &mut Copies<'e>, Span) -> io::Result<()>>,
    span: Span,
    len: usize,
) -> io::Result<()> {
    if let Some(write_roll_up) = roll_up {
        write_roll_up(p, copies, span)?;
    }
    if span.tail(len) {
        p.close(b'}');
    }
    p.flush_if_full()
}

fn write_progress<W: Write>(p: &mut Pretty<W>, r: &ProgressRecord, copies: &mut Copies<'_>) {
    p.open(b'{');
    p.key("method");
    p.copied(&mut copies.method, r.method, |p| p.quoted(r.method));
    for (key, point, last) in [
        ("base", r.base, &mut copies.base),
        ("latest", r.latest, &mut copies.latest),
    ] {
        if let Some(point) = point {
            p.key(key);
            let written = (point.period(), as_written(point.value()));
            p.copied(last, written, |p| {
                p.open(b'{');
                p.period_field("period", point.period());
                p.decimal_field("value", point.value());
                p.close(b'}');
            });
        }
    }
    p.opt_decimal_field("observed_pace", r.observed_pace);
    p.opt_decimal_field("required_pace", r.required_pace);
    p.opt_decimal_field("observed_growth", r.observed_growth);
    p.opt_decimal_field("required_growth", r.required_growth);
    p.opt_decimal_field("projected", r.projected);
    p.opt_decimal_field("ratio", r.ratio);
    p.opt_str_field("category", r.category.map(Category::as_str));
    p.opt_str_field("refusal", r.refusal.map(Refusal::as_str));
    p.opt_str_field("reason", r.reason.as_deref());
    p.close(b'}');
}

fn write_periods<W: Write>(p: &mut Pretty<W>, key: &'static str, periods: &[Period]) {
    p.key(key);
    p.open(b'[');
    for &period in periods {
        p.item();
        p.period(period);
    }
    p.close(b']');
}

fn write_every_period<W: Write>(p: &mut Pretty<W>, e: &EveryPeriodRecord) {
    p.open(b'{');
    p.period_field("from", e.first);
    p.period_field("to", e.last);
    write_periods(p, "failed", &e.failed);
    if !e.undetermined.is_empty() {
        write_periods(p, "undetermined", &e.undetermined);
    }
    write_periods(p, "missing", &e.missing);
    p.close(b'}');
}

/// The fields of a `roll_up` block but its two lists.
struct RollUpView<'a> {
    mode: RollUpMode,
    level: UnitLevel,
    scope: Option<&'a str>,
    units_on: Date,
    units: usize,
    units_meeting: usize,
    share_meeting: Option<Decimal>,
    numerator: Option<u64>,
    denominator: Option<u64>,
}

impl RollUpView<'_> {
    /// Writes the start of the block: its fields, with the ids of the
    /// failing units as the iterator gives them, up to its `per_unit` list
    /// opened.
    fn write_head<'f, W: Write>(
        &self,
        p: &mut Pretty<W>,
        failing: impl Iterator<Item = &'f str>,
    ) -> io::Result<()> {
        let count = |n: usize| u64::try_from(n).unwrap_or(u64::MAX);
        p.open(b'{');
        p.name_field("mode", self.mode.as_str());
        p.name_field("level", self.level.as_str());
        p.opt_str_field("scope", self.scope);
        p.date_field("units_on", self.units_on);
        p.number_field("units", count(self.units));
        p.number_field("units_meeting", count(self.units_meeting));
        p.opt_decimal_field("share_meeting", self.share_meeting);
        p.key("units_failing");
        p.open(b'[');
        for id in failing {
            p.item();
            p.string(id);
            p.flush_if_full()?;
        }
        p.close(b']');
        p.opt_number_field("numerator", self.numerator);
        p.opt_number_field("denominator", self.denominator);
        p.key("per_unit");
        p.open(b'[');
        Ok(())
    }
}

/// Writes the entries `span` takes of a `per_unit` list, each unit's own
/// result as `entry` makes it of each of `units`, and the end of the list
/// and of its block when `span` takes it; `kept` keeps the first entries
/// written, by their place, for the next block.
fn write_per_unit<'r, 'a, W: Write, U: Sync, E: UnitEvidence<'a>>(
    p: &mut Pretty<W>,
    kept: &mut Vec<Copied<UnitKey<'a, E::Key>>>,
    units: &'r [U],
    entry: impl Fn(&'r U) -> (&'a str, Status, Option<E>) + Sync,
    span: Span,
) -> io::Result<()> {
    let places = span.entries(units.len());
    let taken = units.get(places.clone()).unwrap_or_default();
    if !taken.is_empty() {
        debug_assert_eq!(p.depth(), ENTRIES_DEPTH);
    }
    // The places whose entries are kept, then the others.
    let (first, rest) = taken.split_at(
        Copies::PER_UNIT
            .saturating_sub(places.start)
            .min(taken.len()),
    );
    for (i, u) in (places.start..).zip(first) {
        let (unit, status, evidence) = entry(u);
        p.item();
        let write = |p: &mut Pretty<W>| write_unit_entry(p, unit, status, evidence.as_ref());
        match per_unit_place(kept, i) {
            Some(last) => {
                let key = (unit, status, evidence.as_ref().map(E::key));
                p.copied(last, key, write);
                last.forget_if_longer(Copies::PER_UNIT_BYTES);
            }
            None => write(p),
        }
        p.flush_if_full()?;
    }
    write_unit_entries(p, rest, &entry)?;
    if span.tail(units.len()) {
        p.close(b']');
        p.close(b'}');
    }
    Ok(())
}

/// A `per_unit` entry's object.
fn write_unit_entry<'a, W: Write, E: UnitEvidence<'a>>(
    p: &mut Pretty<W>,
    unit: &str,
    status: Status,
    evidence: Option<&E>,
) {
    p.open(b'{');
    p.str_field("unit", unit);
    p.name_field("status", status.as_str());
    if let Some(e) = evidence {
        p.key("evidence");
        e.view().write(p);
    }
    p.close(b'}');
}

/// A `per_unit` entry, as the next item of the list.
fn write_unit_item<'a, W: Write, E: UnitEvidence<'a>>(
    p: &mut Pretty<W>,
    (unit, status, evidence): (&str, Status, Option<E>),
) {
    p.item();
    write_unit_entry(p, unit, status, evidence.as_ref());
}

/// Writes the entries of a `per_unit` list that `entry` makes of `units`,
/// none of them kept for the next block: with the `rayon` feature, a long
/// list in blocks of entries written beside each other, then handed on in
/// order (the same bytes).
fn write_unit_entries<'r, 'a, W: Write, U: Sync, E: UnitEvidence<'a>>(
    p: &mut Pretty<W>,
    units: &'r [U],
    entry: &(impl Fn(&'r U) -> (&'a str, Status, Option<E>) + Sync),
) -> io::Result<()> {
    #[cfg(feature = "rayon")]
    if crate::foundations::pool::worth_splitting(units.len(), ENTRIES_APART.saturating_mul(2)) {
        use rayon::prelude::*;
        let depth = p.depth();
        // A few blocks a thread at a time, so that what waits to be handed
        // on stays small (about 300 bytes an entry).
        let wave = ENTRIES_APART.saturating_mul(rayon::current_num_threads().saturating_mul(4));
        for units in units.chunks(wave) {
            // The first block of the list knows whether items come before.
            let empty = p.is_empty();
            let blocks: Vec<Vec<u8>> = units
                .par_chunks(ENTRIES_APART)
                .enumerate()
                .map(|(b, block)| {
                    let mut q = Pretty::inside(depth, empty && b == 0);
                    for u in block {
                        write_unit_item(&mut q, entry(u));
                    }
                    q.into_bytes()
                })
                .collect();
            for block in &blocks {
                p.items(block)?;
            }
        }
        return Ok(());
    }
    for u in units {
        write_unit_item(p, entry(u));
        p.flush_if_full()?;
    }
    Ok(())
}

/// With the `rayon` feature, a `per_unit` list is written in blocks of
/// this many entries beside each other when it has at least two blocks'
/// worth beyond the places kept.
#[cfg(feature = "rayon")]
const ENTRIES_APART: usize = 1 << 12;

/// Where the entry written last at place `i` of a `per_unit` list is kept
/// (places are asked for in order, from 0, and only the first
/// [`Copies::PER_UNIT`]).
fn per_unit_place<K>(kept: &mut Vec<Copied<K>>, i: usize) -> Option<&mut Copied<K>> {
    if i == kept.len() {
        kept.push(Copied::default());
    }
    kept.get_mut(i)
}

/// How deep the items of `results` are written.
const RESULTS_DEPTH: usize = 2;

/// How deep the entries of a `per_unit` list are written (in a result's
/// `roll_up` block).
const ENTRIES_DEPTH: usize = 5;

/// Writes the start of a document, up to its `results` list opened.
fn write_document_head<W: Write>(p: &mut Pretty<W>, as_of: Date) {
    p.open(b'{');
    p.str_field("format", RESULTS_FORMAT);
    p.date_field("as_of", as_of);
    p.key("results");
    p.open(b'[');
}

/// Writes the end of a document after its last result: the end of its
/// `results` list, then the warnings.
fn write_document_tail<'w, W: Write>(
    p: &mut Pretty<W>,
    warnings: impl ExactSizeIterator<Item = (&'w str, &'w str)>,
) -> io::Result<()> {
    p.close(b']');
    if warnings.len() > 0 {
        p.key("warnings");
        p.open(b'[');
        for (path, message) in warnings {
            p.item();
            p.open(b'{');
            p.str_field("path", path);
            p.str_field("message", message);
            p.close(b'}');
            p.flush_if_full()?;
        }
        p.close(b']');
    }
    p.close(b'}');
    Ok(())
}

impl ResultsDocument {
    /// Writes the document as JSON.
    #[must_use]
    pub fn to_json(&self) -> String {
        let mut p = Pretty::new(Vec::new());
        let mut copies = Copies::default();
        write_document_head(&mut p, self.as_of());
        let _ = self
            .results()
            .iter()
            .try_for_each(|r| write_record(&mut p, r, &mut copies))
            .and_then(|()| {
                write_document_tail(
                    &mut p,
                    self.warnings()
                        .iter()
                        .map(|w| (w.path.as_str(), w.message.as_str())),
                )
            });
        p.into_string()
    }
}

fn write_record<'a, W: Write>(
    p: &mut Pretty<W>,
    r: &'a ResultRecord,
    copies: &mut Copies<'a>,
) -> io::Result<()> {
    let view = ResultView {
        target: &r.target,
        unit: &r.unit,
        status: r.status,
        evidence: r.evidence.as_ref().map(EvidenceView::of_record),
        projected: r.projected,
        explanation: r.explanation.as_deref(),
        progress: r.progress.as_ref(),
        every_period: r.every_period.as_ref(),
    };
    view.write_head(p, copies, r.roll_up.is_some());
    write_rest(
        p,
        copies,
        r.roll_up.as_ref().map(|u| {
            |p: &mut Pretty<W>, c: &mut Copies<'a>, span| write_roll_up_record(p, u, c, span)
        }),
        Span::WHOLE,
        r.roll_up.as_ref().map_or(0, |u| u.per_unit.len()),
    )
}

fn write_roll_up_record<'a, W: Write>(
    p: &mut Pretty<W>,
    r: &'a RollUpRecord,
    copies: &mut Copies<'a>,
    span: Span,
) -> io::Result<()> {
    if span.head() {
        RollUpView {
            mode: r.mode,
            level: r.level,
            scope: r.scope.as_deref(),
            units_on: r.units_on,
            units: r.units,
            units_meeting: r.units_meeting,
            share_meeting: r.share_meeting,
            numerator: r.numerator,
            denominator: r.denominator,
        }
        .write_head(p, r.units_failing.iter().map(String::as_str))?;
    }
    write_per_unit(
        p,
        &mut copies.per_unit_records,
        &r.per_unit,
        |u| (u.unit.as_str(), u.status, u.evidence.as_ref()),
        span,
    )
}

/// What writing results straight from an evaluation reuses from one result
/// to the next: the explanation's buffer, the line the result before read
/// (the next target often reads the same series), and the blocks copied.
#[derive(Default)]
struct Reused<'a> {
    explanation: String,
    lines: Lines,
    copies: Copies<'a>,
}

/// Writes the part `span` of a result straight from the evaluation, as its
/// record ([`TargetResult::to_record_in`]) would be written.
fn write_result<'a, W: Write>(
    p: &mut Pretty<W>,
    r: &TargetResult<'a>,
    lang: Lang,
    reused: &mut Reused<'a>,
    span: Span,
) -> io::Result<()> {
    let Reused {
        explanation,
        lines,
        copies,
    } = reused;
    if span.head() {
        // Read here with `lines`, and kept for the explanation and progress.
        r.projection_in(Some(lines));
        explanation.clear();
        r.write_explanation_with(lang, explanation, Some(&mut copies.figures));
        let progress = r.progress_in(r.method_in_force(), lines).map(|g| {
            ProgressRecord::from_progress_rounding(&g, lang, |place, d| copies.round(place, d))
        });
        let every_period = r
            .every_period()
            .map(|e| EveryPeriodRecord::from_outcome(&e));
        let evidence = r.evidence();
        ResultView {
            target: r.target().id(),
            unit: r.target().unit(),
            status: r.status(),
            evidence: evidence.as_ref().map(EvidenceView::of_observation),
            projected: r.projected(),
            explanation: Some(explanation),
            progress: progress.as_ref(),
            every_period: every_period.as_ref(),
        }
        .write_head(p, copies, r.roll_up().is_some());
    }
    write_rest(
        p,
        copies,
        r.roll_up()
            .map(|u| |p: &mut Pretty<W>, c: &mut Copies<'a>, span| write_roll_up(p, u, c, span)),
        span,
        entries_of(r),
    )
}

/// How many entries a result's `per_unit` list has (none without one).
fn entries_of(r: &TargetResult<'_>) -> usize {
    r.roll_up().map_or(0, |u| u.units().len())
}

/// Writes the part `span` of a `roll_up` block as
/// [`RollUpRecord::from_roll_up`] records it.
fn write_roll_up<'a, W: Write>(
    p: &mut Pretty<W>,
    r: &RollUp<'a>,
    copies: &mut Copies<'a>,
    span: Span,
) -> io::Result<()> {
    if span.head() {
        RollUpView {
            mode: r.mode,
            level: r.level,
            scope: r.scope.map(|u| u.id()),
            units_on: r.units_on,
            units: r.count,
            units_meeting: r.units_meeting(),
            share_meeting: r.share_meeting(),
            numerator: r.pooled.map(|p| p.0),
            denominator: r.pooled.map(|p| p.1),
        }
        .write_head(p, r.units_failing().map(|u| u.id()))?;
    }
    write_per_unit(
        p,
        &mut copies.per_unit,
        r.units(),
        |u| (u.unit().id(), u.status(), UnitFigure::of(u)),
        span,
    )
}

/// A place in a results document between two of its items (a result, or
/// an entry of a `per_unit` list): before result `result` when `at` is 0,
/// else after its fields and its first `at - 1` entries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Cut {
    result: usize,
    at: usize,
}

impl Cut {
    /// The start of the document.
    const START: Cut = Cut { result: 0, at: 0 };
}

/// A piece of the results document of an evaluation, to be written apart
/// from the others: see [`Evaluation::json_pieces_in`].
///
/// It borrows the evaluation for `'e`; `'a` is the evaluation's own (the
/// evaluator's and the observations' borrow, as in [`Evaluation<'a>`]). A
/// piece is `Copy`, `Send` and `Sync`: pieces can be handed to threads
/// that the evaluation outlives (scoped threads, for instance).
#[derive(Clone, Copy)]
pub struct JsonPiece<'e, 'a> {
    evaluation: &'e Evaluation<'a>,
    lang: Lang,
    from: Cut,
    /// Where the piece ends: `result` is the number of results at the end
    /// of the document.
    to: Cut,
}

impl std::fmt::Debug for JsonPiece<'_, '_> {
    /// Where the piece starts and ends, not the evaluation.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JsonPiece")
            .field("lang", &self.lang)
            .field("from", &(self.from.result, self.from.at))
            .field("to", &(self.to.result, self.to.at))
            .finish()
    }
}

impl JsonPiece<'_, '_> {
    /// Writes the piece to `w`, then flushes `w`. The bytes go in large
    /// blocks (64 KiB, and a long `per_unit` list's blocks whole with the
    /// `rayon` feature), so `w` need not be buffered.
    ///
    /// # Errors
    /// The writer's, flushing included (a `BufWriter` given by value would
    /// otherwise drop its error with its last bytes).
    pub fn write_to<W: Write>(&self, w: W) -> io::Result<()> {
        let Self {
            evaluation,
            lang,
            from,
            to,
        } = *self;
        let results = evaluation.results();
        let mut p = match from {
            Cut::START => {
                let mut p = Pretty::new(w);
                write_document_head(&mut p, evaluation.as_of());
                p
            }
            // Before a result: one is written before it.
            Cut { at: 0, .. } => Pretty::resuming(w, RESULTS_DEPTH, false),
            // In a `per_unit` list, with an entry before when `at` > 1.
            Cut { at, .. } => Pretty::resuming(w, ENTRIES_DEPTH, at == 1),
        };
        let mut reused = Reused::default();
        let taken = results
            .get(from.result..to.result.saturating_add(1).min(results.len()))
            .unwrap_or_default();
        for (i, r) in (from.result..).zip(taken) {
            let span = Span {
                from: if i == from.result { from.at } else { 0 },
                to: if i == to.result { to.at } else { usize::MAX },
            };
            if span.to == 0 {
                break;
            }
            write_result(&mut p, r, lang, &mut reused, span)?;
        }
        if to.result >= results.len() {
            let warnings: Vec<(String, String)> = evaluation
                .found_warnings()
                .iter()
                .map(|w| (w.path().to_owned(), w.message_in(lang)))
                .collect();
            write_document_tail(
                &mut p,
                warnings
                    .iter()
                    .map(|(path, message)| (path.as_str(), message.as_str())),
            )?;
        }
        p.finish()?.flush()
    }
}

impl<'a> Evaluation<'a> {
    /// Writes the results document to `w`, as [`Evaluation::to_json_in`]
    /// gives it, one result at a time, straight from the evaluation: no
    /// record is made and the document is never held whole in memory,
    /// however many targets and units it lists. The bytes go to `w` in
    /// large blocks (64 KiB, and a long `per_unit` list's blocks whole with
    /// the `rayon` feature), so `w` need not be buffered; `w` is flushed at
    /// the end.
    ///
    /// ```
    /// use policy_targets::Lang;
    /// # use policy_targets::{Evaluator, load, parse_date};
    /// # let (catalogue, observations) = load(
    /// #     r#"{"format": "policy-targets/catalogue@1", "indicators": [{"id": "share", "kind": "percent"}],
    /// #         "targets": [{"id": "t", "indicator": "share", "unit": "VN", "rule": {"at_least": "80"}, "deadline": "2025"}]}"#,
    /// #     r#"{"format": "policy-targets/observations@1", "observations": []}"#,
    /// # )?;
    /// # let evaluator = Evaluator::new(catalogue);
    /// let evaluation = evaluator.evaluate(&observations, parse_date("2026-06-01")?)?;
    /// let mut out = Vec::new();
    /// evaluation.write_json_in(Lang::En, &mut out)?;
    /// assert_eq!(out, evaluation.to_json().into_bytes());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// The writer's.
    pub fn write_json_in<W: Write>(&self, lang: Lang, w: W) -> io::Result<()> {
        self.piece_in(lang, Cut::START, self.end()).write_to(w)
    }

    /// The piece of the document from `from` to `to`.
    fn piece_in(&self, lang: Lang, from: Cut, to: Cut) -> JsonPiece<'_, 'a> {
        JsonPiece {
            evaluation: self,
            lang,
            from,
            to,
        }
    }

    /// Where the document's results end.
    fn end(&self) -> Cut {
        Cut {
            result: self.results().len(),
            at: 0,
        }
    }

    /// The results document [`Evaluation::write_json_in`] writes, cut into
    /// pieces that can be written apart (on several threads, or at several
    /// times) and then put end to end in order: the same bytes. Each piece
    /// holds at most `items` items, an item being a result or an entry of a
    /// roll-up's `per_unit` list; a result's other fields (its list of
    /// failing units among them) are never cut, and go with the result.
    ///
    /// A program with cores to spare writes a large document faster so,
    /// without the `rayon` feature (with it, [`Evaluation::write_json_in`]
    /// already writes long `per_unit` lists on the pool's threads). The
    /// evaluate example writes every other piece on a second thread.
    ///
    /// `items` bounds the items of a piece, not its bytes (a result with
    /// its explanation is about a kilobyte, an entry of `per_unit` about
    /// 300 bytes; a list of 200,000 failing units goes whole with its
    /// result). Pieces of a few megabytes do well: the example takes
    /// 32,768 items. Each piece starts afresh, without the entries the
    /// writer copies from one roll-up to the next over the same units, so
    /// that many small pieces cost more than one (3,000 `each` targets over
    /// 3,000 communes took 0.95 s whole on one thread, 1.1 s in pieces of
    /// 8,192 on two, 0.9 s in pieces of 32,768 on two).
    ///
    /// ```
    /// use std::num::NonZeroUsize;
    /// use policy_targets::Lang;
    /// # use policy_targets::{Evaluator, load, parse_date};
    /// # let (catalogue, observations) = load(
    /// #     r#"{"format": "policy-targets/catalogue@1", "indicators": [{"id": "share", "kind": "percent"}],
    /// #         "targets": [{"id": "a", "indicator": "share", "unit": "VN", "rule": {"at_least": "80"}, "deadline": "2025"},
    /// #                     {"id": "b", "indicator": "share", "unit": "VN", "rule": {"at_least": "90"}, "deadline": "2025"},
    /// #                     {"id": "c", "indicator": "share", "unit": "VN", "rule": {"at_least": "95"}, "deadline": "2025"}]}"#,
    /// #     r#"{"format": "policy-targets/observations@1", "observations": [
    /// #         {"indicator": "share", "unit": "VN", "period": "2025", "published": "2026-01-15", "value": "91"}]}"#,
    /// # )?;
    /// # let evaluator = Evaluator::new(catalogue);
    /// let evaluation = evaluator.evaluate(&observations, parse_date("2026-06-01")?)?;
    /// let pieces = evaluation.json_pieces_in(Lang::En, NonZeroUsize::MIN);
    /// assert_eq!(pieces.len(), 3); // a result each
    /// // Written on a thread each, then put end to end.
    /// let written = std::thread::scope(|scope| {
    ///     let threads: Vec<_> = pieces
    ///         .iter()
    ///         .map(|piece| scope.spawn(move || {
    ///             let mut bytes = Vec::new();
    ///             piece.write_to(&mut bytes).map(|()| bytes)
    ///         }))
    ///         .collect();
    ///     threads
    ///         .into_iter()
    ///         .map(|t| t.join().expect("no panic"))
    ///         .collect::<std::io::Result<Vec<Vec<u8>>>>()
    /// })?;
    /// assert_eq!(written.concat(), evaluation.to_json().into_bytes());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn json_pieces_in(&self, lang: Lang, items: NonZeroUsize) -> Vec<JsonPiece<'_, 'a>> {
        let (mut pieces, mut from) = (Vec::new(), Cut::START);
        // How many more items the piece being filled may take.
        let mut room = items.get();
        for (result, r) in self.results().iter().enumerate() {
            // Place `at` of the result: its fields (the item before place
            // 1), then its entries.
            let last = entries_of(r);
            let mut at = 0usize;
            while at <= last {
                if room == 0 {
                    let cut = Cut { result, at };
                    pieces.push(self.piece_in(lang, from, cut));
                    (from, room) = (cut, items.get());
                }
                let taken = room.min(last.saturating_sub(at).saturating_add(1));
                at = at.saturating_add(taken);
                room = room.saturating_sub(taken);
            }
        }
        pieces.push(self.piece_in(lang, from, self.end()));
        pieces
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// A decimal rounded through `Copies` is the decimal rounded
        /// afresh, whatever was rounded before at its place or another.
        #[test]
        fn decimals_rounded_once_are_rounded_as_afresh(
            rounded in prop::collection::vec((0usize..7, 0i64..4, 0u32..9), 1..24)
        ) {
            let mut copies = Copies::default();
            for (place, m, scale) in rounded {
                // Few values, written at several scales: 4, 4.0, 0.0000004.
                let d = Decimal::new(m, scale);
                let expected = round_dp(d, 6).normalize();
                let got = copies.round(place, d);
                prop_assert_eq!(got, expected);
                prop_assert_eq!(got.to_string(), expected.to_string());
            }
        }
    }
}
