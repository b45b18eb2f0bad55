//! The typed builders against the readers: whatever a builder accepts, the
//! reader accepts written as JSON, and the other way round.
//!
//! Input: anything; `arbitrary` turns it into a [`Spec`] of indicators,
//! targets, observations and units. Each spec is built twice: through the
//! typed API (`Catalogue::builder`, `IndicatorDef`, `TargetDef`,
//! `Observations::builder`, `NewObservation`, `Unit`, `Units::new`) and as
//! JSON text written here, independently of the crate's writer, read by
//! `Catalogue::from_json`, `Observations::from_json` and `Units::from_json`.
//! Checks: each side accepts exactly what the other does (a typed value that
//! cannot be made, a `Percent` of 150 or a period `2025-Q5`, counts as the
//! builder refusing); when both accept, the values are equal, what the
//! builders made is written by `to_json` and read back equal, and the
//! evaluations of both are the same document.

#![no_main]

use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use policy_targets::{
    AppliesTo, Cadence, Catalogue, CatalogueBuilder, Count, Date, Decimal, Direction, Discontinued,
    Evaluator, GrowthRate, IndicatorDef, IndicatorKey, Level, Method, Metric, NewObservation,
    Observations, Percent, Period, Rank, RollUpMode, Score, Source, TargetDef, Threshold, Unit,
    UnitLevel, Units, parse_date,
};
use policy_targets_fuzz::{check_results_document, dates_from};

const INDICATORS: [&str; 4] = ["i0", "i1", "i2", "i3"];
const TARGETS: [&str; 4] = ["t0", "t1", "t2", "t3"];
const UNITS: [&str; 6] = ["VN", "P1", "P2", "C1", "C2", "C3"];
const SERIES: [&str; 2] = ["gso", "mic"];
const CADENCES: [(Cadence, &str); 5] = [
    (Cadence::Annual, "annual"),
    (Cadence::Biennial, "biennial"),
    (Cadence::Quarterly, "quarterly"),
    (Cadence::Monthly, "monthly"),
    (Cadence::Irregular, "irregular"),
];
const LEVELS: [&str; 5] = ["national", "ministry", "province", "district", "commune"];

#[derive(Arbitrary, Debug)]
struct Spec {
    indicators: Vec<IndicatorSpec>,
    targets: Vec<TargetSpec>,
    observations: Vec<ObservationSpec>,
    units: Vec<UnitSpec>,
    as_of: DateSpec,
}

/// An id from a small pool (so that ids repeat and refer to each other), or
/// any text.
#[derive(Arbitrary, Debug)]
enum Name {
    Pool(u8),
    Text(String),
}

impl Name {
    fn get(&self, pool: &[&str]) -> String {
        match self {
            Name::Pool(n) => pool
                .get(usize::from(*n) % pool.len())
                .copied()
                .unwrap_or_default()
                .to_owned(),
            Name::Text(s) => s.clone(),
        }
    }
}

/// A year near today, or any year (most of which the formats refuse).
#[derive(Arbitrary, Debug, Clone, Copy)]
enum YearSpec {
    Near(u8),
    Far(u16),
}

impl YearSpec {
    fn get(self) -> u16 {
        match self {
            YearSpec::Near(n) => 2015 + u16::from(n % 20),
            YearSpec::Far(y) => y,
        }
    }
}

#[derive(Arbitrary, Debug, Clone, Copy)]
struct DateSpec {
    year: YearSpec,
    month: u8,
    day: u8,
}

impl DateSpec {
    /// `YYYY-MM-DD`, where the month may be 0 and the day past the month's end.
    fn text(self) -> String {
        format!(
            "{:04}-{:02}-{:02}",
            self.year.get(),
            self.month % 13,
            self.day % 32
        )
    }
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum PeriodSpec {
    Year(YearSpec),
    Half(YearSpec, u8),
    Quarter(YearSpec, u8),
    Month(YearSpec, u8),
    Day(DateSpec),
    Range(DateSpec, DateSpec),
}

impl PeriodSpec {
    fn text(self) -> String {
        match self {
            PeriodSpec::Year(y) => format!("{:04}", y.get()),
            PeriodSpec::Half(y, h) => format!("{:04}-H{}", y.get(), h % 3),
            PeriodSpec::Quarter(y, q) => format!("{:04}-Q{}", y.get(), q % 5),
            PeriodSpec::Month(y, m) => format!("{:04}-{:02}", y.get(), m % 13),
            PeriodSpec::Day(d) => d.text(),
            PeriodSpec::Range(a, b) => format!("{}/{}", a.text(), b.text()),
        }
    }

    /// The period through the typed constructors, `None` where they refuse.
    fn typed(self) -> Option<Period> {
        let year = |y: YearSpec| i32::from(y.get());
        match self {
            PeriodSpec::Year(y) => Period::year(year(y)).ok(),
            PeriodSpec::Half(y, h) => Period::half(year(y), h % 3).ok(),
            PeriodSpec::Quarter(y, q) => Period::quarter(year(y), q % 5).ok(),
            PeriodSpec::Month(y, m) => Period::month(year(y), m % 13).ok(),
            PeriodSpec::Day(d) => Period::day(date(d)?).ok(),
            PeriodSpec::Range(a, b) => Period::range(date(a)?, date(b)?).ok(),
        }
    }
}

fn date(d: DateSpec) -> Option<Date> {
    parse_date(&d.text()).ok()
}

/// A decimal: small and short most of the time, or any of the 96-bit
/// mantissas and 29 scales.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum DecSpec {
    Small(i32, u8),
    Wide(u32, u32, u32, bool, u8),
}

impl DecSpec {
    fn get(self) -> Decimal {
        match self {
            DecSpec::Small(v, scale) => Decimal::new(i64::from(v), u32::from(scale % 8)),
            DecSpec::Wide(lo, mid, hi, negative, scale) => {
                Decimal::from_parts(lo, mid, hi, negative, u32::from(scale % 29))
            }
        }
    }
}

/// A value as JSON: a number, or the same digits in a string.
fn number(text: String, as_number: bool) -> String {
    if as_number { text } else { quote(&text) }
}

fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum MethodSpec {
    LeastSquares,
    Eurostat(u8),
    OpenSdg,
    Unsd,
    Destatis,
}

impl MethodSpec {
    fn get(self) -> Method {
        match self {
            MethodSpec::LeastSquares => Method::LeastSquares,
            MethodSpec::Eurostat(years) => Method::EurostatCagr { years },
            MethodSpec::OpenSdg => Method::OpenSdg,
            MethodSpec::Unsd => Method::UnsdProjection,
            MethodSpec::Destatis => Method::DestatisLinear,
        }
    }

    /// The method's name in the formats, written here from the spec.
    fn text(self) -> String {
        match self {
            MethodSpec::LeastSquares => "least_squares".to_owned(),
            MethodSpec::Eurostat(years) => format!("eurostat_cagr_{years}"),
            MethodSpec::OpenSdg => "open_sdg".to_owned(),
            MethodSpec::Unsd => "unsd_projection".to_owned(),
            MethodSpec::Destatis => "destatis_linear".to_owned(),
        }
    }
}

#[derive(Arbitrary, Debug)]
struct IndicatorSpec {
    id: Name,
    /// percent, rank, score, growth_rate, count.
    kind: u8,
    name_en: Option<String>,
    name_vi: Option<String>,
    /// For every kind but rank.
    lower_is_better: Option<bool>,
    /// For a rank.
    out_of: Option<u32>,
    /// For a score.
    range: Option<(DecSpec, DecSpec, bool)>,
    cadence: Option<u8>,
    publication_lag_days: Option<u32>,
    discontinued: Option<(DateSpec, String)>,
    series: Option<Name>,
    progress: Option<MethodSpec>,
}

#[derive(Arbitrary, Debug)]
struct TargetSpec {
    id: Name,
    indicator: u8,
    unit: Name,
    rule: u8,
    threshold: DecSpec,
    whole: u64,
    as_number: bool,
    deadline: PeriodSpec,
    judged_on: Option<PeriodSpec>,
    series: Option<Name>,
    source: Option<SourceSpec>,
    tags: Vec<String>,
    every_period: Option<PeriodSpec>,
    applies_to: Option<(u8, bool)>,
}

#[derive(Arbitrary, Debug)]
struct SourceSpec {
    instrument: String,
    issued: Option<DateSpec>,
    section: Option<String>,
    text_vi: Option<String>,
    text_en: Option<String>,
}

#[derive(Arbitrary, Debug)]
struct ObservationSpec {
    indicator: u8,
    unit: Name,
    period: PeriodSpec,
    published: DateSpec,
    value: DecSpec,
    whole: u64,
    /// For a percent: a numerator and denominator instead of a value.
    ratio: Option<(u64, u64)>,
    as_number: bool,
    series: Option<Name>,
    source: Option<String>,
    note: Option<String>,
}

#[derive(Arbitrary, Debug)]
struct UnitSpec {
    id: Name,
    level: u8,
    parent: Option<Name>,
    code: Option<String>,
    name_en: Option<String>,
    name_vi: Option<String>,
    from: Option<DateSpec>,
    until: Option<DateSpec>,
    successor: Option<Name>,
    instrument: Option<String>,
    note: Option<String>,
}

/// A JSON object written field by field.
#[derive(Default)]
struct Object(Vec<String>);

impl Object {
    fn raw(mut self, key: &str, value: String) -> Self {
        self.0.push(format!("{}: {value}", quote(key)));
        self
    }

    fn text(self, key: &str, value: &str) -> Self {
        self.raw(key, quote(value))
    }

    fn opt(self, key: &str, value: Option<String>) -> Self {
        match value {
            Some(v) => self.raw(key, v),
            None => self,
        }
    }

    fn done(self) -> String {
        format!("{{{}}}", self.0.join(", "))
    }
}

fn array(items: impl IntoIterator<Item = String>) -> String {
    format!("[{}]", items.into_iter().collect::<Vec<_>>().join(", "))
}

fn names(en: Option<&String>, vi: Option<&String>) -> Option<String> {
    (en.is_some() || vi.is_some()).then(|| {
        Object::default()
            .opt("en", en.map(|s| quote(s)))
            .opt("vi", vi.map(|s| quote(s)))
            .done()
    })
}

const MAX_INDICATORS: usize = 4;
const MAX_TARGETS: usize = 6;
const MAX_OBSERVATIONS: usize = 24;
const MAX_UNITS: usize = 8;
const MAX_TAGS: usize = 2;

impl Spec {
    fn indicators(&self) -> &[IndicatorSpec] {
        self.indicators
            .get(..MAX_INDICATORS)
            .unwrap_or(&self.indicators)
    }

    fn targets(&self) -> &[TargetSpec] {
        if self.indicators().is_empty() {
            return &[];
        }
        self.targets.get(..MAX_TARGETS).unwrap_or(&self.targets)
    }

    fn observations(&self) -> &[ObservationSpec] {
        if self.indicators().is_empty() {
            return &[];
        }
        self.observations
            .get(..MAX_OBSERVATIONS)
            .unwrap_or(&self.observations)
    }

    fn units(&self) -> &[UnitSpec] {
        self.units.get(..MAX_UNITS).unwrap_or(&self.units)
    }

    /// The indicator a target or an observation refers to, by position.
    fn indicator_of(&self, n: u8) -> usize {
        usize::from(n) % self.indicators().len().max(1)
    }
}

fn kind(n: u8) -> &'static str {
    ["percent", "rank", "score", "growth_rate", "count"][usize::from(n % 5)]
}

// ---------------------------------------------------------------------------
// The JSON side.

fn catalogue_json(spec: &Spec) -> String {
    let indicators = spec.indicators().iter().map(|i| {
        let kind = kind(i.kind);
        let mut o = Object::default()
            .text("id", &i.id.get(&INDICATORS))
            .text("kind", kind)
            .opt("name", names(i.name_en.as_ref(), i.name_vi.as_ref()));
        match kind {
            "rank" => o = o.opt("out_of", i.out_of.map(|n| n.to_string())),
            _ => {
                let direction = i.lower_is_better.map(|l| {
                    if l {
                        "lower_is_better"
                    } else {
                        "higher_is_better"
                    }
                });
                o = o.opt("direction", direction.map(quote));
            }
        }
        if let ("score", Some((min, max, as_number))) = (kind, i.range) {
            o = o
                .raw("min", number(min.get().to_string(), as_number))
                .raw("max", number(max.get().to_string(), as_number));
        }
        o.opt(
            "cadence",
            i.cadence.map(|c| quote(CADENCES[usize::from(c % 5)].1)),
        )
        .opt(
            "publication_lag_days",
            i.publication_lag_days.map(|d| d.to_string()),
        )
        .opt(
            "discontinued",
            i.discontinued.as_ref().map(|(on, note)| {
                Object::default()
                    .text("on", &on.text())
                    .text("note", note)
                    .done()
            }),
        )
        .opt("series", i.series.as_ref().map(|s| quote(&s.get(&SERIES))))
        .opt("progress", i.progress.map(|m| quote(&m.text())))
        .done()
    });
    let targets = spec.targets().iter().map(|t| {
        let ind = spec.indicators().get(spec.indicator_of(t.indicator));
        let kind = ind.map_or("percent", |i| kind(i.kind));
        let rule = if kind == "rank" {
            Object::default()
                .raw("within_top", (t.whole as u32).to_string())
                .done()
        } else {
            let name = ["at_least", "at_most", "more_than", "less_than"][usize::from(t.rule % 4)];
            let value = if kind == "count" {
                t.whole.to_string()
            } else {
                t.threshold.get().to_string()
            };
            Object::default()
                .raw(name, number(value, t.as_number))
                .done()
        };
        Object::default()
            .text("id", &t.id.get(&TARGETS))
            .text(
                "indicator",
                &ind.map(|i| i.id.get(&INDICATORS)).unwrap_or_default(),
            )
            .text("unit", &t.unit.get(&UNITS))
            .raw("rule", rule)
            .text("deadline", &t.deadline.text())
            .opt("judged_on", t.judged_on.map(|p| quote(&p.text())))
            .opt("series", t.series.as_ref().map(|s| quote(&s.get(&SERIES))))
            .opt(
                "source",
                t.source.as_ref().map(|s| {
                    Object::default()
                        .text("instrument", &s.instrument)
                        .opt("issued", s.issued.map(|d| quote(&d.text())))
                        .opt("section", s.section.as_deref().map(quote))
                        .opt("text_vi", s.text_vi.as_deref().map(quote))
                        .opt("text_en", s.text_en.as_deref().map(quote))
                        .done()
                }),
            )
            .opt(
                "tags",
                (!t.tags.is_empty()).then(|| array(t.tags.iter().take(MAX_TAGS).map(|s| quote(s)))),
            )
            .opt(
                "every_period",
                t.every_period
                    .map(|p| Object::default().text("from", &p.text()).done()),
            )
            .opt(
                "applies_to",
                t.applies_to.map(|(level, pooled)| {
                    Object::default()
                        .text("level", LEVELS[usize::from(level % 5)])
                        .text("mode", if pooled { "pooled" } else { "each" })
                        .done()
                }),
            )
            .done()
    });
    Object::default()
        .text("format", "policy-targets/catalogue@1")
        .raw("indicators", array(indicators))
        .raw("targets", array(targets))
        .done()
}

fn observations_json(spec: &Spec) -> String {
    let observations = spec.observations().iter().map(|o| {
        let ind = spec.indicators().get(spec.indicator_of(o.indicator));
        let kind = ind.map_or("percent", |i| kind(i.kind));
        let mut obj = Object::default()
            .text(
                "indicator",
                &ind.map(|i| i.id.get(&INDICATORS)).unwrap_or_default(),
            )
            .text("unit", &o.unit.get(&UNITS))
            .text("period", &o.period.text())
            .text("published", &o.published.text());
        obj = match (kind, o.ratio) {
            ("percent", Some((n, d))) => obj
                .raw("numerator", n.to_string())
                .raw("denominator", d.to_string()),
            ("rank", _) => obj.raw("value", number((o.whole as u32).to_string(), o.as_number)),
            ("count", _) => obj.raw("value", number(o.whole.to_string(), o.as_number)),
            _ => obj.raw("value", number(o.value.get().to_string(), o.as_number)),
        };
        obj.opt("series", o.series.as_ref().map(|s| quote(&s.get(&SERIES))))
            .opt("source", o.source.as_deref().map(quote))
            .opt("note", o.note.as_deref().map(quote))
            .done()
    });
    Object::default()
        .text("format", "policy-targets/observations@1")
        .raw("observations", array(observations))
        .done()
}

fn units_json(spec: &Spec) -> String {
    let units = spec.units().iter().map(|u| {
        Object::default()
            .text("id", &u.id.get(&UNITS))
            .text("level", LEVELS[usize::from(u.level % 5)])
            .opt("name", names(u.name_en.as_ref(), u.name_vi.as_ref()))
            .opt("parent", u.parent.as_ref().map(|p| quote(&p.get(&UNITS))))
            .opt("code", u.code.as_deref().map(quote))
            .opt("from", u.from.map(|d| quote(&d.text())))
            .opt("until", u.until.map(|d| quote(&d.text())))
            .opt(
                "successor",
                u.successor.as_ref().map(|s| quote(&s.get(&UNITS))),
            )
            .opt("instrument", u.instrument.as_deref().map(quote))
            .opt("note", u.note.as_deref().map(quote))
            .done()
    });
    Object::default()
        .text("format", "policy-targets/units@1")
        .raw("units", array(units))
        .done()
}

// ---------------------------------------------------------------------------
// The typed side. `Err` says why the builder, or a typed value, refused.

/// A typed indicator handle, of whichever kind.
enum Key {
    Percent(IndicatorKey<Percent>),
    Rank(IndicatorKey<Rank>),
    Score(IndicatorKey<Score>),
    GrowthRate(IndicatorKey<GrowthRate>),
    Count(IndicatorKey<Count>),
}

type Built<T> = Result<T, String>;

fn typed<T, E: std::fmt::Display>(r: Result<T, E>, what: &str) -> Built<T> {
    r.map_err(|e| format!("{what}: {e}"))
}

fn some<T>(o: Option<T>, what: &str) -> Built<T> {
    o.ok_or_else(|| format!("{what}: no such typed value"))
}

/// The setters every kind has.
fn common<M: Metric>(i: &IndicatorSpec) -> Built<IndicatorDef<M>> {
    let mut def = IndicatorDef::<M>::new(i.id.get(&INDICATORS));
    if let Some(en) = &i.name_en {
        def = def.with_name_en(en);
    }
    if let Some(vi) = &i.name_vi {
        def = def.with_name_vi(vi);
    }
    if let Some(c) = i.cadence {
        def = def.with_cadence(CADENCES[usize::from(c % 5)].0);
    }
    if let Some(days) = i.publication_lag_days {
        def = def.with_publication_lag_days(days);
    }
    if let Some((on, note)) = &i.discontinued {
        def = def.with_discontinued(Discontinued::new(some(date(*on), "discontinued.on")?, note));
    }
    if let Some(s) = &i.series {
        def = def.with_series(s.get(&SERIES));
    }
    if let Some(m) = i.progress {
        def = def.with_progress(m.get());
    }
    Ok(def)
}

fn with_direction<M: Level>(def: IndicatorDef<M>, i: &IndicatorSpec) -> IndicatorDef<M> {
    match i.lower_is_better {
        Some(true) => def.with_direction(Direction::LowerIsBetter),
        Some(false) => def.with_direction(Direction::HigherIsBetter),
        None => def,
    }
}

fn build_catalogue(spec: &Spec) -> Built<(Catalogue, Vec<Key>)> {
    let mut b = Catalogue::builder();
    let mut keys = Vec::new();
    for i in spec.indicators() {
        let key = match kind(i.kind) {
            "percent" => Key::Percent(add(&mut b, with_direction(common(i)?, i))?),
            "rank" => {
                let mut def = common::<Rank>(i)?;
                if let Some(n) = i.out_of {
                    def = def.with_out_of(n);
                }
                Key::Rank(add(&mut b, def)?)
            }
            "score" => {
                let mut def = with_direction(common::<Score>(i)?, i);
                if let Some((min, max, _)) = i.range {
                    def = def.with_range(min.get(), max.get());
                }
                Key::Score(add(&mut b, def)?)
            }
            "growth_rate" => Key::GrowthRate(add(&mut b, with_direction(common(i)?, i))?),
            _ => Key::Count(add(&mut b, with_direction(common(i)?, i))?),
        };
        keys.push(key);
    }
    for t in spec.targets() {
        let rule = usize::from(t.rule % 4);
        let def = match some(keys.get(spec.indicator_of(t.indicator)), "target.indicator")? {
            Key::Percent(k) => target(
                t,
                k,
                level(rule, typed(Percent::new(t.threshold.get()), "threshold")?),
            )?,
            Key::Score(k) => target(
                t,
                k,
                level(rule, typed(Score::new(t.threshold.get()), "threshold")?),
            )?,
            Key::GrowthRate(k) => target(
                t,
                k,
                level(
                    rule,
                    typed(GrowthRate::new(t.threshold.get()), "threshold")?,
                ),
            )?,
            Key::Count(k) => target(t, k, level(rule, typed(Count::new(t.whole), "threshold")?))?,
            Key::Rank(k) => target(
                t,
                k,
                Threshold::within_top(typed(Rank::new(t.whole as u32), "threshold")?),
            )?,
        };
        typed(b.target(def), "builder.target")?;
    }
    Ok((typed(b.build(), "builder.build")?, keys))
}

fn add<M: Metric>(b: &mut CatalogueBuilder, def: IndicatorDef<M>) -> Built<IndicatorKey<M>> {
    typed(b.indicator(def), "builder.indicator")
}

fn level<M: Level>(rule: usize, value: M) -> Threshold<M> {
    match rule {
        0 => Threshold::at_least(value),
        1 => Threshold::at_most(value),
        2 => Threshold::more_than(value),
        _ => Threshold::less_than(value),
    }
}

fn target<M: Metric>(
    t: &TargetSpec,
    key: &IndicatorKey<M>,
    threshold: Threshold<M>,
) -> Built<TargetDef> {
    let deadline = some(t.deadline.typed(), "deadline")?;
    let mut def = TargetDef::new(
        t.id.get(&TARGETS),
        key,
        t.unit.get(&UNITS),
        threshold,
        deadline,
    );
    if let Some(p) = t.judged_on {
        def = def.with_judged_on(some(p.typed(), "judged_on")?);
    }
    if let Some(s) = &t.series {
        def = def.with_series(s.get(&SERIES));
    }
    if let Some(s) = &t.source {
        let mut source = Source::new(&s.instrument);
        if let Some(d) = s.issued {
            source = source.with_issued(some(date(d), "source.issued")?);
        }
        if let Some(x) = &s.section {
            source = source.with_section(x);
        }
        if let Some(x) = &s.text_vi {
            source = source.with_text_vi(x);
        }
        if let Some(x) = &s.text_en {
            source = source.with_text_en(x);
        }
        def = def.with_source(source);
    }
    for tag in t.tags.iter().take(MAX_TAGS) {
        def = def.with_tag(tag);
    }
    if let Some(p) = t.every_period {
        def = def.with_every_period(some(p.typed(), "every_period.from")?);
    }
    if let Some((level, pooled)) = t.applies_to {
        let mode = if pooled {
            RollUpMode::Pooled
        } else {
            RollUpMode::Each
        };
        def = def.with_applies_to(AppliesTo::new(UnitLevel::ALL[usize::from(level % 5)], mode));
    }
    Ok(def)
}

fn build_observations(spec: &Spec, catalogue: &Catalogue, keys: &[Key]) -> Built<Observations> {
    let mut b = Observations::builder(catalogue);
    for o in spec.observations() {
        let period = some(o.period.typed(), "period")?;
        let published = some(date(o.published), "published")?;
        let unit = o.unit.get(&UNITS);
        let key = some(
            keys.get(spec.indicator_of(o.indicator)),
            "observation.indicator",
        )?;
        let pushed = match key {
            Key::Percent(k) => match o.ratio {
                Some((n, d)) => b.push(finish(
                    o,
                    NewObservation::ratio(k, unit, period, published, n, d),
                )),
                None => {
                    let v = typed(Percent::new(o.value.get()), "value")?;
                    b.push(finish(
                        o,
                        NewObservation::new(k, unit, period, published, v),
                    ))
                }
            },
            Key::Score(k) => {
                let v = typed(Score::new(o.value.get()), "value")?;
                b.push(finish(
                    o,
                    NewObservation::new(k, unit, period, published, v),
                ))
            }
            Key::GrowthRate(k) => {
                let v = typed(GrowthRate::new(o.value.get()), "value")?;
                b.push(finish(
                    o,
                    NewObservation::new(k, unit, period, published, v),
                ))
            }
            Key::Count(k) => {
                let v = typed(Count::new(o.whole), "value")?;
                b.push(finish(
                    o,
                    NewObservation::new(k, unit, period, published, v),
                ))
            }
            Key::Rank(k) => {
                let v = typed(Rank::new(o.whole as u32), "value")?;
                b.push(finish(
                    o,
                    NewObservation::new(k, unit, period, published, v),
                ))
            }
        };
        typed(pushed.map(|_| ()), "builder.push")?;
    }
    typed(b.build(), "builder.build")
}

fn finish<M: Metric>(o: &ObservationSpec, mut n: NewObservation<M>) -> NewObservation<M> {
    if let Some(s) = &o.series {
        n = n.with_series(s.get(&SERIES));
    }
    if let Some(s) = &o.source {
        n = n.with_source(s);
    }
    if let Some(s) = &o.note {
        n = n.with_note(s);
    }
    n
}

fn build_units(spec: &Spec) -> Built<Units> {
    let mut units = Vec::new();
    for u in spec.units() {
        let mut unit = Unit::new(u.id.get(&UNITS), UnitLevel::ALL[usize::from(u.level % 5)]);
        if let Some(p) = &u.parent {
            unit = unit.with_parent(p.get(&UNITS));
        }
        if let Some(c) = &u.code {
            unit = unit.with_code(c);
        }
        if let Some(n) = &u.name_en {
            unit = unit.with_name_en(n);
        }
        if let Some(n) = &u.name_vi {
            unit = unit.with_name_vi(n);
        }
        if let Some(d) = u.from {
            unit = unit.with_from(some(date(d), "from")?);
        }
        if let Some(d) = u.until {
            unit = unit.with_until(some(date(d), "until")?);
        }
        if let Some(s) = &u.successor {
            unit = unit.with_successor(s.get(&UNITS));
        }
        if let Some(s) = &u.instrument {
            unit = unit.with_instrument(s);
        }
        if let Some(s) = &u.note {
            unit = unit.with_note(s);
        }
        units.push(unit);
    }
    typed(Units::new(units), "Units::new")
}

// ---------------------------------------------------------------------------

/// Both sides accept, or both refuse; the values they accept are equal.
/// Returns the built value and the read one.
fn agree<T: PartialEq + std::fmt::Debug, E: std::fmt::Display>(
    what: &str,
    built: Built<T>,
    read: Result<T, E>,
    json: &str,
) -> Option<(T, T)> {
    match (built, read) {
        (Ok(b), Ok(r)) => {
            assert_eq!(
                b, r,
                "{what}: the builder and the reader made different values of\n{json}"
            );
            Some((b, r))
        }
        (Err(_), Err(_)) => None,
        (Ok(_), Err(e)) => {
            panic!("{what}: the builder accepted what the reader refused ({e}):\n{json}")
        }
        (Err(e), Ok(_)) => {
            panic!("{what}: the reader accepted what the builder refused ({e}):\n{json}")
        }
    }
}

fuzz_target!(|spec: Spec| {
    let units_text = units_json(&spec);
    let units = agree(
        "units",
        build_units(&spec),
        Units::from_json(&units_text),
        &units_text,
    );

    let catalogue_text = catalogue_json(&spec);
    let (built, keys) = match build_catalogue(&spec) {
        Ok((c, keys)) => (Ok(c), keys),
        Err(e) => (Err(e), Vec::new()),
    };
    let Some((catalogue, read_catalogue)) = agree(
        "catalogue",
        built,
        Catalogue::from_json(&catalogue_text),
        &catalogue_text,
    ) else {
        return;
    };
    match Catalogue::from_json(&catalogue.to_json()) {
        Ok(again) => assert_eq!(
            again, catalogue,
            "a built catalogue written and read back differs"
        ),
        Err(e) => panic!(
            "a built catalogue did not read back: {e}\n{}",
            catalogue.to_json()
        ),
    }

    let observations_text = observations_json(&spec);
    let Some((observations, read_observations)) = agree(
        "observations",
        build_observations(&spec, &catalogue, &keys),
        Observations::from_json(&observations_text, &read_catalogue),
        &observations_text,
    ) else {
        return;
    };
    match Observations::from_json(&observations.to_json(), &catalogue) {
        Ok(again) => assert_eq!(
            again, observations,
            "built observations written and read back differ"
        ),
        Err(e) => panic!(
            "built observations did not read back: {e}\n{}",
            observations.to_json()
        ),
    }

    let (built, read) = match units {
        Some((b, r)) => (
            Evaluator::new(catalogue).with_units(b),
            Evaluator::new(read_catalogue).with_units(r),
        ),
        None => (Evaluator::new(catalogue), Evaluator::new(read_catalogue)),
    };
    for (i, as_of) in dates_from(date(spec.as_of)).into_iter().enumerate() {
        let (Ok(a), Ok(b)) = (
            built.evaluate(&observations, as_of),
            read.evaluate(&read_observations, as_of),
        ) else {
            panic!("built or read documents did not evaluate");
        };
        assert_eq!(
            a.to_json(),
            b.to_json(),
            "the built and the read documents evaluate differently"
        );
        if i == 0 {
            check_results_document(&a);
        }
    }
});
