//! Typed, dated policy targets and an engine that says whether each one is
//! met, missed, on track, or cannot be judged yet — and why, with the
//! evidence and the legal source.
//!
//! Governments set numeric targets with deadlines: "80% of online public
//! services at level 4 by 2025", "Viet Nam in the top 70 of the UN
//! E-Government Development Index by 2025". This crate models such targets
//! as rules on typed indicators, reads the published figures, and evaluates
//! every target at an as-of date, handling the mess of real statistics:
//! figures published months late and later revised, two publishers with
//! different numbers, surveys that skip a year, indices that stop.
//!
//! # Quick start
//!
//! ```
//! use policy_targets::{load, Evaluator, Status};
//!
//! let catalogue = r#"{
//!   "format": "policy-targets/catalogue@1",
//!   "indicators": [{ "id": "online_dossiers_share", "kind": "percent" }],
//!   "targets": [{ "id": "online_80_by_2025", "indicator": "online_dossiers_share",
//!                 "unit": "VN", "rule": { "at_least": "80" }, "deadline": "2025",
//!                 "source": { "instrument": "Quyết định 749/QĐ-TTg", "section": "Mục II.1" } }]
//! }"#;
//! let observations = r#"{
//!   "format": "policy-targets/observations@1",
//!   "observations": [
//!     { "indicator": "online_dossiers_share", "unit": "VN", "period": "2025",
//!       "published": "2026-03-01", "numerator": 8000, "denominator": 10000 } ]
//! }"#;
//! let (catalogue, observations) = load(catalogue, observations)?;
//! let evaluator = Evaluator::new(catalogue);
//! let as_of = policy_targets::parse_date("2026-06-01")?;
//! let evaluation = evaluator.evaluate(&observations, as_of)?;
//! let result = evaluation.get("online_80_by_2025").unwrap();
//! assert_eq!(result.status(), Status::Met); // 8000 of 10000 is exactly 80%
//! println!("{}", result.explanation());
//! println!("{}", evaluation.to_json()); // the results document
//! # Ok::<(), policy_targets::Error>(())
//! ```
//!
//! # Overview
//!
//! - An [`Indicator`] is something measured, of one [`MetricKind`]: a
//!   `percent`, a `rank` (lower is better), a `score`, a `growth_rate` or a
//!   `count`. In Rust each kind is also a type ([`Percent`], [`Rank`],
//!   [`Score`], [`GrowthRate`], [`Count`]), so typed code cannot compare a
//!   rank with a percentage.
//! - A [`Target`] is a [`Rule`] on an indicator, for one unit (`VN`, a
//!   province), with a deadline written as a [`Period`] and a legal
//!   [`Source`]. A [`Catalogue`] holds indicators and targets, validated.
//! - [`Observations`] are published figures, each with the period it is
//!   about and the day it was published, checked against a catalogue and
//!   indexed once for any number of evaluations.
//! - An [`Evaluator`] gives each target a [`Status`] at an as-of date, with
//!   the evidence it rests on and one sentence explaining it, in Vietnamese
//!   or English ([`TargetResult`], [`Lang`]).
//! - A figure may be **bounded** ("trên 80%": a [`Qualifier`]); it is judged
//!   by every value it allows, and a bound that cannot tell leaves the
//!   target `inconclusive` (see [Bounded figures](#bounded-figures)).
//! - [`Case`](case::Case) files keep an evaluation and its expected answers as data, for
//!   compliance tests.
//! - A [`Progress`] says how far a target not decided yet is, how fast it
//!   moves and what it would take, by a [`Method`] of Eurostat, Open SDG,
//!   the UN Statistics Division, Destatis or the status's own least squares; an
//!   [`EveryPeriod`] target must hold in every year (quarter, month).
//! - [`Units`] are jurisdictions with a [`UnitLevel`] (national, ministry,
//!   province, district, commune), a parent, and the days they existed. A
//!   target with `applies_to` is about every unit of a level below its own
//!   unit, judged on their pooled share or unit by unit ([`RollUpMode`]);
//!   give the units with [`Evaluator::with_units`] and read
//!   [`TargetResult::roll_up`]. [`vn::units`] has Viet Nam's 63 and 34
//!   provinces, before and after the merger of 2025-07-01.
//!
//! The library does no I/O and never reads the clock: callers pass text and
//! the as-of date. An [`Evaluator`] is `Send + Sync` and evaluates through
//! `&self`.
//!
//! # The formats
//!
//! Every document is JSON and starts with a `format` field. Unknown fields
//! are rejected anywhere, so a typo is never silently ignored. Decimal values
//! may be written as JSON strings (`"12.33"`) or JSON numbers (`12.33`);
//! either way they are read exactly as written, never through a binary
//! float. Exponent notation is read exactly too (`8.5e1` is 85.5). A value
//! that a decimal cannot hold exactly (a digit other than 0 past the 28th
//! decimal place, or more than 28 to 29 significant digits) is refused, never
//! rounded; a zero is zero however it is written (see [Bad input](#bad-input)).
//!
//! ## Catalogue (`policy-targets/catalogue@1`)
//!
//! ```json
//! { "format": "policy-targets/catalogue@1",
//!   "indicators": [
//!     { "id": "egdi_rank", "kind": "rank", "out_of": 193, "cadence": "biennial",
//!       "publication_lag_days": 270,
//!       "name": { "en": "UN E-Government Development Index rank",
//!                 "vi": "Xếp hạng Chỉ số phát triển Chính phủ điện tử" } } ],
//!   "targets": [
//!     { "id": "qd749_2025_egdi_top70", "indicator": "egdi_rank", "unit": "VN",
//!       "rule": { "within_top": 70 }, "deadline": "2025",
//!       "source": { "instrument": "Quyết định 749/QĐ-TTg", "issued": "2020-06-03",
//!                   "section": "Mục II.1", "text_vi": "…", "text_en": "…" },
//!       "tags": ["digital_government"] } ] }
//! ```
//!
//! Indicator fields: `id` (required, unique, `[a-z0-9_]+`), `kind`
//! (required), `name` (`en` and/or `vi`), `direction` (`higher_is_better` /
//! `lower_is_better`; a rank is always lower-is-better), `out_of` (rank),
//! `min`/`max` (score), `cadence` (`annual` by default, `biennial`,
//! `quarterly`, `monthly`, `irregular`), `publication_lag_days` (365 by
//! default; at most 36,600, a century), `max_age_days` (biennial and irregular
//! indicators only, elsewhere a load error: how old, in days before the
//! deadline's last day, a figure's period may end and still close a target;
//! 731 by default for `biennial`, 1096 for `irregular`, at most 36,600),
//! `discontinued` (`{"on": DATE, "note": TEXT}`), `series` (the
//! series its targets are judged on), `progress` (the progress method its
//! targets are assessed with: `least_squares`, `eurostat_cagr_5`,
//! `eurostat_cagr_15`, `open_sdg`, `unsd_projection`, `destatis_linear`; see
//! [Progress assessment](#progress-assessment)).
//!
//! Target fields: `id` (required, unique), `indicator` (required, must
//! exist), `unit` (required), `rule` (required), `deadline` (required, a
//! period), `judged_on` (a period), `series` (overrides the indicator's),
//! `source` (`instrument`, `issued`, `section`, `text_vi`, `text_en`),
//! `tags`, `no_data_reason` (`{"vi": TEXT, "en": TEXT}`, either absent: why
//! the target has no verdict — what was looked for and why no figure
//! measures it; shown beside a result without a verdict, it never changes a
//! status, see [`Target::no_data_reason`]), `every_period` (`{"from": PERIOD}`: the rule must hold in every
//! period from `from` to the deadline; see [Every-period
//! targets](#every-period-targets)), `applies_to` (`{"level": "commune",
//! "mode": "pooled" | "each"}`: the target is about the units of that level
//! below `unit`, see [Targets at a level](#targets-at-a-level); `pooled`
//! needs a `percent` indicator).
//!
//! Rules: `{"at_least": "80"}` (≥), `{"at_most": "5"}` (≤),
//! `{"more_than": "50"}` (>, the law's "trên 50%"), `{"less_than": "5"}`
//! (<) for every kind but `rank`; `{"within_top": 70}` (rank ≤ 70) for
//! ranks only. A rule that does not fit its indicator's kind, or a threshold
//! outside the kind's range, is a load error.
//!
//! Periods: `2025`, `2025-H1`, `2025-Q3`, `2025-07`, `2025-07-15`, or an
//! inclusive range `2024-07-01/2025-06-30`. A deadline falls at the end of
//! its period's last day: `"deadline": "2025"` must hold on 2025-12-31 and
//! has passed on 2026-01-01.
//!
//! ## Observations (`policy-targets/observations@1`)
//!
//! ```json
//! { "format": "policy-targets/observations@1",
//!   "observations": [
//!     { "indicator": "egdi_rank", "unit": "VN", "period": "2024", "value": 71,
//!       "published": "2024-09-17", "source": "UN E-Government Survey 2024" },
//!     { "indicator": "dossiers_online_share", "unit": "VN-HN", "period": "2025-Q1",
//!       "numerator": 9000, "denominator": 12000, "published": "2025-04-20" } ] }
//! ```
//!
//! Each observation has `indicator`, `unit`, `period`, `published`, and
//! either `value` or, for `percent` indicators, `numerator` and
//! `denominator` (whole numbers, 0 ≤ numerator ≤ denominator, denominator >
//! 0). A `value` may carry a `qualifier` (`more_than`, `at_least`,
//! `less_than`, `at_most`): a **bounded figure**, see [Bounded
//! figures](#bounded-figures). `series` names the publisher when several
//! measure the same thing; `source` and `note` are optional text. An unknown
//! indicator, a value outside its kind's range, a figure `published` before
//! its period began (a figure for 2027 cannot be published in 2026), a
//! `qualifier` beside `numerator`/`denominator` or an unknown one, and a
//! bound that allows no valid value (a percent `more_than 100`, a rank
//! `less_than 1`) are load errors. Two observations with the same indicator,
//! unit, series, period and publication date but different values (or
//! qualifiers) are a load error; exact duplicates are kept once.
//!
//! ## Observations as CSV (feature `csv`)
//!
//! ```text
//! indicator,unit,period,published,value,qualifier,numerator,denominator,series,source,note
//! egdi_rank,VN,2024,2024-09-17,71,,,,,UN E-Government Survey 2024,
//! dossiers_online_share,VN-HN,2025-Q1,2025-04-20,,,9000,12000,,,
//! ```
//!
//! The same observations as CSV (RFC 4180, UTF-8, a header row):
//! `Observations::from_csv` and `to_csv`, `format::load_csv`. The header
//! names the columns, in any order (names trimmed of blanks); the first four
//! are required, an unknown or repeated column is an error, an empty cell is
//! an absent field, and a row means exactly what the same fields mean in
//! JSON: each row is checked by the JSON reader's code. A problem's path is
//! `row N, column NAME`, the header being row 1 (`row 12, column value`).
//! Where the specification is silent: a byte-order mark is skipped, a row of
//! empty cells (a spreadsheet's blank line) is skipped, a row with more or
//! fewer cells than the header is an error, and a decimal written with a
//! comma (`85,1`) or with separators between thousands is refused — in JSON
//! too — with what to write instead (`85.1`).
//!
//! ## Results (`policy-targets/results@1`)
//!
//! ```json
//! { "format": "policy-targets/results@1", "as_of": "2026-11-28",
//!   "results": [
//!     { "target": "qd749_2025_egdi_top70", "unit": "VN", "status": "missed",
//!       "evidence": { "period": "2024", "published": "2024-09-17", "value": "71" },
//!       "projected": null,
//!       "explanation": "Closing value 71 (2024, published 2024-09-17) is not within the top 70." } ] }
//! ```
//!
//! One result per target, sorted by target id. `evidence` also carries
//! `qualifier` for a bounded figure, `numerator` and `denominator` for a
//! share of counts, and `series` and `source` where the observation has
//! them. The `explanation` is English by default; [`Evaluation::to_json_in`]
//! writes it (and a refused method's `reason`) in Vietnamese. `projected` is the projection at
//! the deadline rounded to six decimal places (the status was decided on the
//! exact line). See [`ResultsDocument`].
//!
//! Two optional blocks were added without changing the format version (a
//! reader of the first results documents ignores nothing it knew, and reads
//! these when present):
//!
//! ```json
//! "progress": { "method": "eurostat_cagr_5",
//!   "base": { "period": "2019", "value": "30" }, "latest": { "period": "2023", "value": "55" },
//!   "observed_pace": "6.25", "required_pace": "12.5",
//!   "observed_growth": "16.361781", "required_growth": "17.759184",
//!   "ratio": "0.921314", "category": "moderate_progress" }
//! "every_period": { "from": "2021", "to": "2025", "failed": ["2022", "2023", "2024"], "missing": ["2021", "2025"] }
//! ```
//!
//! (`every_period` also lists `undetermined` periods, whose bounded figure
//! cannot tell, when there are any.)
//!
//! `progress` is written for targets not decided yet (`achieved`,
//! `on_track`, `off_track`, `insufficient_data`); a refused method writes
//! `refusal` (`compound_growth_of_rank`, `compound_growth_of_growth_rate`,
//! `not_positive`, `base_meets_target`, `no_distance`, `too_few_points`,
//! `bounded_figures`, `overflow`) and its `reason` in words instead of `category`. Absent
//! numbers are left out; decimals are rounded to six places. `projected`
//! is held within the kind's range (a share between 0 and 100%), as the
//! result's own `projected` is, and for `least_squares` it is that very
//! value; ratios and categories are computed on the exact values. See
//! [`ProgressRecord`] and [`EveryPeriodRecord`].
//!
//! A target with `applies_to` (see "Targets at a level" below) gets a
//! third additive block, `roll_up`:
//!
//! ```json
//! { "target": "communes_45", "unit": "VN", "status": "missed",
//!   "evidence": { "period": "2025", "published": "2026-02-15", "value": "9.0909…",
//!                 "numerator": 100, "denominator": 1100 },
//!   "projected": null, "explanation": "Closing value 100/1100 ≈ 9.09% … Pooled over the 2 communes of VN …",
//!   "roll_up": { "mode": "pooled", "level": "commune", "scope": "VN", "units_on": "2025-12-31",
//!                "units": 2, "units_meeting": 1, "share_meeting": "50", "units_failing": ["C2"],
//!                "numerator": 100, "denominator": 1100,
//!                "per_unit": [ { "unit": "C1", "status": "met", "evidence": { … } },
//!                              { "unit": "C2", "status": "missed", "evidence": { … } } ] } }
//! ```
//!
//! `mode` and `level` repeat `applies_to`; `scope` is the unit the units
//! were taken from (the target's unit, or the unit it was merged into);
//! `units_on` the day whose units were counted; `units` how many;
//! `units_meeting`, `share_meeting` (a percentage, rounded to six places)
//! and `units_failing` (ids) count the units meeting the rule on their own
//! (`met` or `achieved`); `numerator` and `denominator` (pooled only) are the
//! sums the status rests on; `per_unit` gives each unit's own status and
//! evidence. See [`RollUpRecord`].
//!
//! **Warnings** (SPEC 1.1 §2.6) follow the results, in an optional array
//! written only when there are any:
//!
//! ```json
//! "warnings": [
//!   { "path": "indicators[1]", "message": "no target uses the indicator `spare`" },
//!   { "path": "row 3", "message": "1 observation is about the unit `Vn`, which is no target's unit and not in the units given: a typo for `VN`?" } ]
//! ```
//!
//! Valid input that is probably not what its author meant: an indicator no
//! target uses (`indicators[i]`); a target whose unit has no observation of
//! any indicator (`targets[i]`; targets at a level are left out, their
//! units have the figures); observations of an indicator no target uses,
//! and observations about a unit that is no target's unit and not in the
//! units given (at the first such observation in its document:
//! `observations[i]`, or `row N` in CSV; one warning for all the
//! observations of an indicator or unit, with their number, and a known unit
//! written the same but for case, `VN` for `Vn`, suggested). Where the
//! specification is silent: only observations published by the as-of date
//! count (so that, as SPEC 3.1 asks, nothing published later changes an
//! evaluation), and messages are in the document's language. A warning never
//! changes a status or an exit code. See [`Evaluation::warnings`],
//! [`Warning`] and [`WarningRecord`].
//!
//! ## Units (`policy-targets/units@1`)
//!
//! ```json
//! { "format": "policy-targets/units@1",
//!   "units": [
//!     { "id": "VN", "level": "national", "name": { "vi": "Việt Nam", "en": "Viet Nam" } },
//!     { "id": "VN-15-until-2025-06-30", "level": "province", "parent": "VN", "code": "15",
//!       "name": { "vi": "Tỉnh Yên Bái", "en": "Yen Bai" }, "until": "2025-06-30",
//!       "successor": "VN-15-from-2025-07-01", "instrument": "Nghị quyết 202/2025/QH15" },
//!     { "id": "VN-15-from-2025-07-01", "level": "province", "parent": "VN", "code": "15",
//!       "name": { "vi": "Tỉnh Lào Cai", "en": "Lao Cai" }, "from": "2025-07-01" },
//!     { "id": "C1", "level": "commune", "parent": "VN-15-from-2025-07-01", "from": "2025-07-01" } ] }
//! ```
//!
//! Unit fields: `id` (required, unique: a unit is identified by its id,
//! never by its code), `level` (required: `national`, `ministry`,
//! `province`, `district`, `commune`), `name` (`en` and/or `vi`), `parent`
//! (a unit of a higher level), `code` (a statistical code; a label only,
//! since codes are reused), `from` and `until` (the first and last day it
//! existed, inclusive; absent: always), `successor` (the unit of the same
//! level it was merged into; needs `until`, and the successor must exist by
//! the day after), `instrument` and `note` (text). Unknown fields, unknown
//! parents or successors, a parent not above its child, `until` before
//! `from`, and cycles of successors are load errors, each with its path
//! (`units[3].parent`). Splits (one unit into several) are not modelled: a
//! unit has at most one successor.
//!
//! ## Case files
//!
//! `{"name", "description", "as_of", "catalogue": {…}, "observations": {…},
//! "units": {…}, "expect": [{"target", "status"}]}`, or `expect_error`:
//! strings that must all appear in the error report (covering the catalogue,
//! the observations and the units together). `units` is optional: a units
//! document, given to the evaluator as with [`Evaluator::with_units`]. An
//! `expect` entry may also check progress and every-period targets: `method`
//! (else the method in force), `category` or `refusal`, `required_pace`
//! (compared at the precision written) and `failed_periods` (a list of
//! periods). See [`case::Case`] and [`case::ExpectedResult`].
//!
//! # How a target is judged
//!
//! 1. **What is known.** Only observations published on or before the as-of
//!    date are visible. Nothing published later changes an evaluation.
//! 2. **Which series.** A target reads the target's `series`, else its
//!    indicator's, else the one series its visible observations carry
//!    (observations without `series` form the unnamed series). Several series
//!    and none named: `ambiguous` — figures from two publishers are never
//!    mixed. Within the series, for each period, the observation published
//!    last stands: a revision replaces the earlier figure. Periods are the
//!    same when they cover the same days (`2025` and
//!    `2025-01-01/2025-12-31`).
//! 3. **Comparing.** Exactly, in decimal arithmetic. A share given as
//!    numerator and denominator is compared without dividing:
//!    `at_least 29` holds for 29 of 100 because `100 × 29 ≥ 29 × 100`. A
//!    bounded figure meets the rule when every value it allows does, fails
//!    it when none does, and is undetermined otherwise (see [Bounded
//!    figures](#bounded-figures)).
//! 4. **After the deadline**, the **closing observation** decides: with
//!    `judged_on`, the one for exactly that period; for `annual`,
//!    `quarterly` and `monthly` indicators, the one for the year, quarter or
//!    month containing the deadline; for `biennial` and `irregular` ones,
//!    once `publication_lag_days` have passed since the deadline, the one
//!    with the latest period ending on or before the deadline (the UN survey
//!    of 2024 closes a 2025 target), **provided that period ends at most
//!    `max_age_days` before the deadline's last day** (731 days for a
//!    biennial index, 1096 for an irregular one, unless the catalogue says
//!    otherwise): a 2020 rank never closes a 2025 or 2030 target. It meets
//!    the rule: `met`; it does not: `missed`; a bound that cannot tell:
//!    `inconclusive`. None yet: `awaiting_data`, and the explanation says
//!    which of the reasons holds — not expected before a date still ahead,
//!    due but not in the data, or too old.
//! 5. **Before the deadline**, the **latest** observation (latest period end;
//!    of `2025` and `2025-Q4`, the longer) meeting the rule is `achieved` (a
//!    bounded one: every value it allows meets it). Otherwise an ordinary
//!    least-squares line through the standing **exact** points (bounded
//!    figures are left out) whose periods end within five years (1826 days)
//!    of the latest such point, read at the deadline's last day, decides
//!    `on_track` or `off_track`; with fewer than two points (or two at the
//!    same date), `insufficient_data`. The line is computed exactly, as a
//!    fraction of 128-bit integers, shares of counts included; where those
//!    exact sums do not fit (shares with large, unrelated denominators),
//!    there is no projection (`insufficient_data`, and the explanation says
//!    why): a value is never rounded to give one, and never panics.
//! 6. **No data, discontinued.** No visible observation in the target's
//!    series: `no_data`. An indicator discontinued on or before the as-of
//!    date gives `discontinued` unless a closing observation (after the
//!    deadline) decides (`met`, `missed`, `inconclusive`); it takes
//!    precedence over `achieved` (⚠ SPEC 1.1: the last figure of an index
//!    that stopped is not "already achieved"), `awaiting_data`, `no_data`,
//!    `on_track`, `off_track` and `insufficient_data`. Its evidence is the
//!    latest figure, and its explanation says whether that figure met the
//!    rule. `ambiguous` is decided before everything else.
//!
//! | status | when |
//! | --- | --- |
//! | `met` | the deadline has passed and the closing observation meets the rule |
//! | `missed` | the deadline has passed and the closing observation does not meet the rule (a bounded one: fails it) |
//! | `inconclusive` | the deadline has passed and the closing observation is a bounded figure that cannot tell whether the rule holds |
//! | `awaiting_data` | the deadline has passed, there is no closing observation yet, and some observation is visible |
//! | `achieved` | the deadline has not passed and the latest observation already meets the rule (a bounded one: every value it allows does) |
//! | `on_track` | before the deadline, the latest does not meet the rule and the projection does |
//! | `off_track` | as `on_track`, but the projection does not meet the rule |
//! | `insufficient_data` | before the deadline, the latest does not meet the rule, and fewer than two points to project from |
//! | `no_data` | no observation of the indicator for the unit is visible |
//! | `ambiguous` | several series could serve and none is named |
//! | `discontinued` | the indicator was discontinued and no closing observation decides (before the deadline: always, over `achieved` too) |
//! | `not_poolable` | a pooled target's units give values without numerator and denominator, or their sums overflow |
//! | `no_units` | a target at a level finds no unit of that level in its scope (the level ended, or no units were given) |
//!
//! # Bounded figures
//!
//! Reports say "trên 80%", "over 51%", "hơn 50%": the true value is above a
//! number and nothing more is known. An observation keeps that honestly as a
//! **bounded figure**: a `value` with a `qualifier` (`more_than`,
//! `at_least`, `less_than`, `at_most`; in Rust, [`Qualifier`] and
//! [`NewObservation::with_qualifier`]). It is also how a derived bound is kept: the
//! State Bank publishes the share of *adults* with a payment account (86.97%
//! in 2025), and Quyết định 749 asks for the share of the *population*; since
//! everyone aged 15 and over is at least 77.15% of the population, at least
//! 0.86965 × 77.15 = 67.09% of the population has an account — kept as "at
//! least 67".
//!
//! A bounded figure allows the values beyond its bound that are valid for
//! the kind (0–100 for a percent, 1–`out_of` for a rank, `min`–`max` for a
//! score, ≥ 0 for a count; ranks and counts are whole numbers, so a rank
//! `more_than 50` is 51 or worse). Against a rule it **meets** when every
//! value it allows does, **fails** when none does, and is **undetermined**
//! otherwise — the arithmetic is exact, as everywhere:
//!
//! ```
//! use policy_targets::{load, parse_date, Evaluator, Qualifier, Status};
//! let (catalogue, observations) = load(
//!     r#"{"format": "policy-targets/catalogue@1",
//!         "indicators": [{"id": "population_with_epayment_account_share", "kind": "percent"}],
//!         "targets": [
//!           {"id": "qd749_2025_over50", "indicator": "population_with_epayment_account_share",
//!            "unit": "VN", "rule": {"more_than": "50"}, "deadline": "2025"},
//!           {"id": "qd749_2030_over80", "indicator": "population_with_epayment_account_share",
//!            "unit": "VN", "rule": {"more_than": "80"}, "deadline": "2030"}]}"#,
//!     r#"{"format": "policy-targets/observations@1", "observations": [
//!         {"indicator": "population_with_epayment_account_share", "unit": "VN", "period": "2025",
//!          "published": "2026-02-24", "value": "67", "qualifier": "at_least",
//!          "note": "86.97% of adults × at least 77.15% of the population aged 15 and over"}]}"#,
//! )?;
//! let evaluator = Evaluator::new(catalogue);
//! let evaluation = evaluator.evaluate(&observations, parse_date("2026-11-28")?)?;
//! // Every value of "at least 67%" is more than 50%: met.
//! let r2025 = evaluation.get("qd749_2025_over50").unwrap();
//! assert_eq!(r2025.status(), Status::Met);
//! assert_eq!(r2025.evidence().unwrap().qualifier(), Some(Qualifier::AtLeast));
//! // "At least 67%" cannot tell whether more than 80% holds, and a bound
//! // never enters a projection: not enough to judge the 2030 target yet.
//! let r2030 = evaluation.get("qd749_2030_over80").unwrap();
//! assert_eq!(r2030.status(), Status::InsufficientData);
//! assert!(r2030.explanation().contains("cannot tell whether more than 80% holds yet"));
//! # Ok::<(), policy_targets::Error>(())
//! ```
//!
//! After the deadline, a closing figure that meets gives `met`, one that
//! fails `missed`, and one that cannot tell **`inconclusive`**, whose
//! explanation names the bound and the rule ("more than 51% cannot tell
//! whether at least 80% holds"). A bound never makes a status worse or
//! better than every exact value it allows would (a property the tests
//! check): replacing an exact figure by a bound containing it turns `met` or
//! `missed` only into `inconclusive`. Bounded figures are left out of
//! projections and of progress assessments (which measure a pace between
//! exact figures), and never enter a pooled sum.
//!
//! # Where the specification is silent
//!
//! SPEC 1.1 leaves a few cases open; the crate decides them as a careful
//! analyst would:
//!
//! - **Pooled targets.** A bounded figure never enters a pooled sum: it has
//!   no numerator and denominator (only a value may be bounded), so the
//!   target is `not_poolable`, and the explanation says the figure is a
//!   bound.
//! - **`each` targets.** Each unit is judged three-valued on its own figures;
//!   after the deadline, units that all met or are `inconclusive` make the
//!   target `inconclusive` (a unit that missed still makes it `missed`).
//!   Before the deadline, a discontinued indicator makes the target
//!   `discontinued`, as it does each unit.
//! - **Every-period targets.** A period whose bounded figure cannot tell is
//!   neither held nor failed ([`EveryPeriodOutcome::undetermined`]). After
//!   the deadline, with every period published and none failed, one such
//!   period makes the target `inconclusive`; before it, the target is
//!   `insufficient_data` (not `on_track`: the rule may not have held).
//! - **Progress methods** use exact figures only. When too few remain they
//!   refuse with [`Refusal::BoundedFigures`]; with only bounded figures, the
//!   assessment's latest point is the latest bound's number, and the method
//!   is refused.
//! - **A bound's number** must itself be a valid value of the kind (a rank
//!   bound is a whole number within `out_of`), like any value.
//! - **Languages.** The catalogue's own texts (names, the note of a
//!   discontinued indicator) are data and are quoted as written: a
//!   Vietnamese explanation quotes an English note, and a name missing in
//!   one language falls back to the other.
//!
//! # Targets at a level
//!
//! A target with `"applies_to": {"level": L, "mode": M}` is about the units
//! of level `L` below its `unit` (its scope): `{"unit": "VN", "applies_to":
//! {"level": "commune", "mode": "pooled"}}` is about every commune of Viet
//! Nam. Evaluate it with units ([`Evaluator::with_units`]); without them,
//! or with a scope that is not among them, it is `no_units`. The scope's
//! subtree includes the scope itself: with `L` the scope's own level, the
//! target is about that one unit, figures of the units merged into it
//! included.
//!
//! A target **without** `applies_to` is judged exactly as in the sections
//! above, on the figures published under its own unit's id; units do not
//! change it. So a target on a province formed by a merger sees only the
//! figures published under the new id; to count the figures its
//! predecessors published as well, give it `applies_to` at its own level:
//! `{"unit": "VN-15-from-2025-07-01", "applies_to": {"level": "province",
//! "mode": "pooled"}}` sums the 2025 figures of Yên Bái and the old Lào Cai
//! into the new Lào Cai.
//!
//! 1. **Which units.** The units of level `L` in the scope's subtree (by
//!    `parent`) that existed on the **units day**: the as-of date, or the
//!    deadline's last day once the deadline has passed (a target is judged
//!    on the units it was about: a 2024 target on the 63 provinces, a 2025
//!    one on the 34). A scope that had ceased by then stands for the unit it
//!    was merged into. No unit of `L` then: `no_units`, and where units of
//!    `L` once existed in the scope, the explanation says when the level
//!    ended (`the district level ended after 2025-06-30`).
//! 2. **Each unit's figures.** Its own observations, chosen as in 2 above
//!    (one series across all the units: several and none named is
//!    `ambiguous`). A unit formed by a merger also gets, for each period it
//!    has no figure of its own, the sum of its predecessors' figures, where
//!    every predecessor has one and all are counts (numerators and
//!    denominators summed; a value cannot be summed, except from a single
//!    predecessor): figures published under the old units, before or after
//!    the merger, roll up into the successor. A chain of mergers of any
//!    length is followed, in time linear in its length (a cycle is a load
//!    error of the units); a period whose figures cannot be summed is named
//!    in the explanation, never dropped silently.
//! 3. **`pooled`** (percent indicators): for each period in which every
//!    unit has a figure, the pooled figure is the sum of the numerators
//!    over the sum of the denominators — the share of all dossiers at the
//!    level, **never the mean of the units' percentages** (90 of 100 and
//!    10 of 1000 pool to 100/1100 ≈ 9.09%, not 45.5%). The pooled series is
//!    then judged exactly as one unit's figures are (closing figure,
//!    latest, projection). A period some unit lacks is left out (the
//!    explanation says how many have published); figures with no pooled
//!    period yet are `awaiting_data` after the deadline and
//!    `insufficient_data` before. A figure given as a value, without
//!    numerator and denominator, makes the target `not_poolable`, and so do
//!    sums beyond 2^64-1: a mean would not be the share. A bounded figure
//!    is such a value: it never enters a pooled sum, and the explanation
//!    names it.
//! 4. **`each`**: every unit is judged on its own figures (a bounded one
//!    three-valued), and the target holds only if every unit does. After
//!    the deadline: `missed` if any unit missed, `met` if all met,
//!    `inconclusive` if every unit met or is inconclusive, else
//!    `discontinued`, `no_data` (none has a figure) or `awaiting_data`.
//!    Before it: `discontinued` when the indicator has stopped, `achieved`
//!    if all achieved, `no_data` if none has a figure, else `off_track` if
//!    any is, `insufficient_data` if any has too few points or none, else
//!    `on_track`. The evidence is the worst figure among the units that
//!    decide.
//! 5. **Results.** The result carries a [`RollUp`]: the units counted,
//!    each unit's own status and evidence, how many meet the rule and which
//!    do not, and for `pooled` the summed numerator and denominator. For a
//!    pooled target the units' own statuses are judged only when asked for.
//!    A pooled target not decided yet has a [`Progress`] computed on its
//!    pooled series; an `each` target has none (each unit moves at its own
//!    pace).
//!
//! # Progress assessment
//!
//! A status says *where* a target stands; a [`Progress`] says how far, how
//! fast, and what it would take. It is computed on demand
//! ([`TargetResult::progress`]), so plain evaluation costs nothing more, and
//! only for targets not decided yet. The statuses never depend on it.
//!
//! **The pace still needed** comes first: `(threshold − start) / years from
//! the latest period's end to the deadline`, in the indicator's unit a year
//! (percentage points for a percent, places for a rank: negative means
//! climbing), where the start is the one the method's verdict uses
//! ([`Progress::pace_from`]): for least squares the fitted line's present
//! value (and the line's own years, days over 365.25), so that the pace
//! needed and the line's slope compare exactly as the status does; for the
//! other methods the latest value. It is zero or less (for a rule where
//! higher is better) once the start meets the rule, and absent on and after
//! the deadline's last day. [`Progress::summary_in`] writes the whole
//! assessment as one line for people. Beside it, the
//! method's **observed pace** in the same unit. A **year** is a calendar year
//! between the same day of the year (2019-12-31 to 2023-12-31 is exactly 4),
//! and 365.25 days otherwise. The direction is the rule's: `at_least` and
//! `more_than` want higher values, the others lower.
//!
//! The method is, in order: the evaluation's
//! ([`EvaluationOptions::with_method`], for a whole scorecard), the indicator's
//! (`progress` in the catalogue), else least squares. Notation: `y0` the base
//! value at `t0`, `yt` the latest at `t`, `x*` the threshold, `T` the
//! deadline's last day, `d` = +1 when higher is better, −1 otherwise,
//! `CAGR(a → b, n) = (b / a)^(1/n) − 1`.
//!
//! | method | formula | categories |
//! | --- | --- | --- |
//! | `least_squares` (default) | the status's own line (step 5 of [how a target is judged](#how-a-target-is-judged)) through the points of the last five years: observed pace = slope × 365.25 days, projected = the line at `T`; ratio = (line at `T` − line now) / (`x*` − line now), ≥ 1 exactly when on track | `target_achieved`, `on_track`, `off_track` — the status's own verdict |
//! | `eurostat_cagr_5`, `eurostat_cagr_15` | base = the first point in the last 5 (15) years before the latest; `CAGR_a = CAGR(y0 → yt, t − t0)`, `CAGR_r = CAGR(y0 → x*, T − t0)`, ratio `RR = CAGR_a / CAGR_r` | `significant_progress` RR ≥ 0.95, `moderate_progress` ≥ 0.60, `insufficient_progress` ≥ 0, `movement_away` < 0 |
//! | `open_sdg` | "target achieved" first (the latest meets the rule); base = the first point in the last 15 years; `R = d · CAGR_a / abs(CAGR_r)`, so a value moving away from a target it had already passed is never progress | `target_achieved`, `substantial_progress` R ≥ 0.95, `moderate_progress` ≥ 0.60, `limited_progress` ≥ 0, `deterioration` < 0 ([`open_sdg_score`](progress::open_sdg_score) gives its −5…5 score) |
//! | `unsd_projection` | "target met" first; base as Open SDG; `ŷ = yt · (1 + CAGR_a)^(T − t)`, ratio `r = (ŷ − y0) / (x* − y0)` | `target_achieved`, `substantial_progress` r ≥ 0.95, `moderate_progress` ≥ 0.50, `marginal_progress` ≥ 0.10, `stagnation` ≥ −0.10, `regression` (Eustat's three levels merge the middle ones) |
//! | `destatis_linear` | the last six points: observed pace = (last − first) / years between them, the mean of the last five yearly changes; where six points are not available, four or five (the mean of their three or four changes); `ŷ = yt + pace · (T − t)`; ratio = the share of the remaining distance covered, `(ŷ − yt) / (x* − yt)` | not met yet: `sun` ratio > 0.95 (reached, or missed by less than 5 %), `partly_cloudy` ≥ 0.80, `cloudy` > 0, `thunderstorm` ≤ 0 (the distance stays or grows); met already: `sun`, or `partly_cloudy` when the mean change points away |
//!
//! **Every rule and its source.** The publishers' texts we follow are listed
//! first; a rule marked **our choice** is the crate's where no publisher's
//! text says it, and **not found** means that no text was found either way.
//!
//! - *Destatis 2023*: Statistisches Bundesamt (Destatis), DNS indicator
//!   platform, *Status der Indikatoren – Methodik* (dns-indikatoren.de/status,
//!   German and English, 2023; the same text in 2024), §§ "Indikatoren mit
//!   absoluten oder relativen Zielwerten" and "Indikatoren mit
//!   gleichbleibender Zielvorgabe in jedem Jahr".
//! - *UNSD 2023*: UN Statistics Division, *SDG Progress Chart 2023, Technical
//!   Note*, as reproduced by Eustat, *Measuring progress on the Sustainable
//!   Development Goals*, §§ 2.1, 2.3, 2.4 (UNSD's own text was not
//!   available to us); *UN SG 2024*: UN Secretary-General, *Progress
//!   towards the Sustainable Development Goals*, A/79/79-E/2024/54, para. 1.
//! - *Open SDG 2025*: Statistics Canada / Open SDG, *Progress Measurement
//!   Methodology for the Sustainable Development Goals* (`open-sdg`
//!   `docs/progress-methodology.md`, Open SDG 2.4.0, 2025), §§ Methodology,
//!   Special considerations for the base value and the target value, Minimum
//!   data requirements; and its code, `sdg-build` `sdg/ProgressMeasure.py`.
//! - *Eurostat*: *Sustainable development in the European Union —
//!   monitoring report*; the 5-year window in Eurostat's own words:
//!   Statistics Explained, *Overview of status and progress of EU Member
//!   States towards the SDGs* (2022). Secondary: IISD SDG Knowledge Hub,
//!   "Eurostat Reports on Monitoring SDG Trends in EU Context" (2018) and
//!   Global Value (2017) for the 15-year window; Open SDG 2025, which cites
//!   Eurostat (2021), for the cut-offs.
//! - *ESCAP*: UN ESCAP, *Progress Assessment Methodology — Technical notes*
//!   (data.unescap.org), "Current Status Index"; *MENARO*: UNICEF MENARO's
//!   implementation, `spalmas/SDG-MENARO`, `03_progress_assessment/` (third-party code).
//!
//! | method | rule | source |
//! | --- | --- | --- |
//! | `least_squares` | everything | our choice (SPEC v1's line) |
//! | `destatis_linear` | the mean of the last five yearly changes, from the last six points, held to the deadline | Destatis 2023 "anhand der letzten sechs Datenpunkte der Durchschnitt der letzten fünf jährlichen Veränderungen … bis zum Zieljahr unterstellt" |
//! | | four or five points where six are not available; fewer than four: `too_few_points`, met or not | Destatis 2023 "mit vier oder fünf Datenpunkten … Stehen weniger als vier verwendbare Jahreswerte zur Verfügung, wird von einer Berechnung abgesehen" (said of the trend; refusing a met target too is our choice) |
//! | | sun > 0.95, partly cloudy 0.80–0.95 (both ends included), cloudy > 0, thunderstorm ≤ 0 | Destatis 2023 missed by "weniger als 5 %", "mindestens 5 %, aber maximal um 20 %", "mehr als 20 %" in "die gewünschte Richtung", and "Der Abstand zum Ziel ist konstant hoch oder vergrößert sich" |
//! | | met already: sun, or partly cloudy when the mean change points away; no ratio | Destatis 2023 § gleichbleibende Zielvorgabe, applied to a target "bereits vorher erreicht": a sun, "jedoch leicht verdeckt durch eine Wolke" when the change points to a deterioration. The text does not name that symbol: reading it as `partly_cloudy` is our choice |
//! | | no distance left but a strict rule not met (20 against "more than 20"): sun when moving towards it, else thunderstorm | our choice (thunderstorm follows Destatis 2023's rule for a distance that stays) |
//! | | points not a year apart: the pace per year over the span; quarterly or monthly figures: the last five changes of those periods | our choice (Destatis 2023 speaks of annual values) |
//! | `unsd_projection` | `CAGR_a`, `ŷ`, the ratio `(ŷ − y0) / (x* − y0)` | UNSD 2023 § 2.1 |
//! | | substantial ≥ 0.95; marginal from 0.10, below it stagnation or regression | UNSD 2023 § 2.1, § 2.3 ("≥ 0.95"; "0.10 ≤ … < 0.95"; "< 0.10") |
//! | | moderate from **0.50**, regression below **−0.10** | **not found**: our reading of the five groups UN SG 2024 names without numbers; the same numbers appear only in third-party code, on the older ratio `CAGR_a / CAGR_r` of UNSD's 2022 note |
//! | | the latest meets the rule: `target_achieved`, whatever the trend | UNSD 2023 § 2.4 (1) |
//! | | at least two points | UNSD 2023 § 2.4 (6) |
//! | | any target, zero or negative too (the formula uses it only in `x* − y0`); a latest value of 0 is a growth of −100 % and `ŷ = 0`; a base of 0 or less, or a negative latest value, is `not_positive` | UNSD 2023 § 2.1 (the formula); the refusals are what it cannot compute |
//! | | base = the first point in the last 15 years | our choice (UNSD 2023 § 2.4 (3): 2015, or the nearest year after or before it with two values) |
//! | | the base already meets the rule: `base_meets_target`; target = base: `no_distance` | our choice (the ratio would call a decline progress; is undefined) |
//! | | a value within 1 % of a 0 % or 100 % target counts as met | not applied (UNSD 2023 § 2.4 (2); "1%" could be points or per cent) |
//! | `open_sdg` | "target achieved" first; `R = d · CAGR_a / abs(CAGR_r)`; 0.95 / 0.60 / 0, inclusive below; the −5…5 score; at least two points | Open SDG 2025 § Methodology, § Minimum data requirements; `ProgressMeasure.py` |
//! | | a zero latest value: `not_positive` | Open SDG 2025 § Minimum data requirements: values must be "all positive or all negative", else "Unable to assess" (its code computes −100 % instead) |
//! | | a zero base or target: `not_positive` | our choice: Open SDG replaces it with 0.001 and warns that the choice "could significantly impact the final progress assessment"; we refuse rather than invent a figure |
//! | | negative values: `not_positive` | our choice (Open SDG flips the direction when all values are negative) |
//! | | base = the first point in the last 15 years | our choice (Open SDG 2025: 2015, or the first year after it with data) |
//! | `eurostat_cagr_5`, `_15` | `RR = CAGR_a / CAGR_r` and the four names | the names: Eurostat's reports, as summarised by IISD (2018); the ratio: as Open SDG 2025 describes it, citing Eurostat (2021); not found in Eurostat's own text |
//! | | the 5-year window | Eurostat, Statistics Explained (2022): "over the past five years" |
//! | | the 15-year window | secondary only: IISD (2018), Global Value (2017) |
//! | | 0.95 / 0.60 / 0 | secondary only: Open SDG 2025 § Methodology, citing Eurostat (2021); not found in Eurostat's own text |
//! | | at least two points in the window | our choice (Eurostat's own minimum was not found) |
//! | | the base already meets the rule: `base_meets_target`; zero or negative values and targets: `not_positive` | our choice |
//! | ESCAP helpers | [`share_of_distance_covered`](progress::share_of_distance_covered): the share of the base-to-target distance covered | ESCAP (the concept); the formula, its direction, and 1 once met: MENARO (third party) |
//! | | [`Category::escap_current_status`]: > 0.9 on track, > 0 slow progress | MENARO (third party); ESCAP's own cut-offs not found |
//! | Eurostat without a target | [`Category::eurostat_without_target`]: > 1 %, > 0, ≥ −1 % a year | not found (our reading) |
//!
//! **Refusals** ([`Refusal`]) are typed and nothing is silently substituted:
//! compound growth (Eurostat, Open SDG, UNSD) is refused on a rank, on a
//! growth rate, on a base of zero or less and on a negative latest value;
//! Eurostat and Open SDG also refuse a latest value of zero and a target of
//! zero or less (Open
//! SDG replaces a zero base or target with 0.001, and says that choice can
//! change the result a lot; we refuse instead. A zero latest value is
//! "Unable to assess" in Open SDG's documentation too, though its code
//! computes a growth of −100 %). UNSD needs only a positive base and a
//! latest value of at least 0. Eurostat and UNSD are refused when the base
//! already meets the rule (their ratios would then call a decline
//! "progress"), and every ratio when the threshold equals the base; too few
//! points in the window is `too_few_points`. A refused assessment still
//! carries the pace still needed and, where there is a base, the average
//! change from it.
//!
//! **Precision.** Paces, projections and ratios are decimal arithmetic
//! (checked; 28 significant digits, the least-squares slope divided last so
//! that exact cases stay exact). Compound growth needs roots: they are taken
//! through `rust_decimal`'s natural logarithm and exponential (feature
//! `maths`) and, for a whole number of years, refined by Newton's method;
//! the tests check 12 to 20 significant digits against independent values.
//! The compound methods take the window's first point as the base, not a
//! fixed year such as 2015, and need two points (see the table).
//!
//! Helpers for published figures, in [`progress`]: [`compound_growth`](progress::compound_growth),
//! [`Category::eurostat`], [`Category::eurostat_without_target`] (indicators
//! without a target), [`Category::unsd`], [`Category::destatis`],
//! [`share_of_distance_covered`](progress::share_of_distance_covered) and [`Category::escap_current_status`]
//! (ESCAP's current-status index).
//!
//! # Every-period targets
//!
//! "Labour productivity grows at least 7% every year" is a rule that must
//! hold in **every** period: `"every_period": {"from": "2021"}` on a target
//! of an `annual`, `quarterly` or `monthly` indicator requires a figure
//! meeting the rule for every year (quarter, month) from the one containing
//! the start of `from` to the one containing the deadline. Figures for other
//! periods (a five-year average) are ignored. `judged_on` cannot be combined
//! with it. The statuses keep their meaning:
//!
//! | status | every-period target |
//! | --- | --- |
//! | `missed` | after the deadline, some period's figure fails the rule |
//! | `met` | after the deadline, every period has a figure and each meets the rule |
//! | `inconclusive` | after the deadline, every period has a figure, none failed, and some is a bound that cannot tell |
//! | `awaiting_data` | after the deadline, none failed but some figures are not published |
//! | `off_track` | before the deadline, some period already failed: the target can no longer be met |
//! | `on_track` | before the deadline, every period published so far meets the rule |
//! | `insufficient_data` | before the deadline, no figure for a required period yet, or none failed but some is a bound that cannot tell |
//!
//! A failed period decides, even for a discontinued indicator (and so does a
//! complete set of periods after the deadline: `met` or `inconclusive`); otherwise
//! `discontinued` takes precedence as in step 6 of [how a target is judged](#how-a-target-is-judged). The explanation and the
//! `every_period` block name the periods that failed and those missing
//! ([`TargetResult::every_period`]). Such targets have no pace
//! ([`TargetResult::progress`] is `None`).
//!
//! # Bad input
//!
//! Loading either succeeds or returns an [`Error`] listing every problem
//! found (up to [`MAX_REPORTED_PROBLEMS`](error::MAX_REPORTED_PROBLEMS)), each with its JSON path
//! (`targets[3].rule`, `observations[12].value`) and what is wrong in words.
//! Nothing partial is returned. No input makes the library panic.
//!
//! Where the faulty place is in an entry that has an id, the id follows the
//! path, with the line and column (from 1, in characters) where the entry
//! starts in its document: `targets[20].dealine (qd749_2025_egdi_top70, line
//! 812, column 5)`; an observation has no id, and gets its line and column
//! alone. The path itself stays whole, so that it can be searched for, and
//! [`Problem::entry_id`], [`Problem::line`] and [`Problem::column`] give the
//! parts to a program. In a case file, lines and columns are the case file's.
//!
//! What the readers refuse, beside malformed values:
//!
//! - **a key given twice** in one object, in every document (`"the field
//!   appears twice"`, with its path). JSON allows it, but a reader that kept
//!   one of the two values would silently drop the other;
//! - **an unknown key** anywhere (so a typo is never ignored);
//! - **a missing or `null` array** that the format requires: `indicators` and
//!   `targets` of a catalogue, `observations`, `units`, `results` (an empty
//!   array is fine);
//! - **half of a UTF-16 surrogate pair** (`"\ud800"` alone), which is no
//!   character; the message says to write the character itself or both
//!   halves;
//! - **an id that holds a hidden character**. Target ids, unit ids (in a
//!   units document, a target or an observation) and series names are
//!   non-empty text without leading or trailing spaces and without:
//!   controls (Unicode general category Cc), line and paragraph separators
//!   (Zl, Zp, U+2028 and U+2029), bidirectional formatting characters
//!   (Unicode's Bidi_Control property: U+061C, U+200E, U+200F,
//!   U+202A–U+202E, U+2066–U+2069) and zero-width characters (U+200B–U+200D,
//!   U+2060, U+FEFF). Each of these is invisible or reorders the text around
//!   it, so that `V`+U+200B+`N` would look like `VN` and match nothing.
//!   Indicator ids are `[a-z0-9_]+`.
//!
//! What they accept that a strict JSON reader would not:
//!
//! - **a UTF-8 byte-order mark** at the start of any document, as a
//!   spreadsheet or a Windows editor may write one (SPEC 2.5 allows it in CSV;
//!   we allow it in JSON too); elsewhere it is not JSON;
//! - **a zero however it is written**: `0e-400` and `0.000…0` with more than
//!   28 decimal places are exactly 0; zeros past the 28th decimal place
//!   change no number (`1.50e-27` is read). A digit other than 0 past the
//!   28th place is refused, never rounded.
//!
//! Limits that protect the caller:
//!
//! - a document may have at most [`MAX_DOCUMENT_BYTES`](format::MAX_DOCUMENT_BYTES) (1 GiB); a larger
//!   one is refused before it is read. A caller reading files or requests
//!   checks the size first with [`format::check_document_size`], and turns
//!   bytes into text with [`format::document_text`], which names the line,
//!   column and byte offset of the first byte that is not UTF-8;
//! - JSON may nest at most 128 levels (serde_json's limit); deeper input is
//!   a syntax error, never a stack overflow;
//! - an error report lists at most [`MAX_REPORTED_PROBLEMS`](error::MAX_REPORTED_PROBLEMS) problems and
//!   counts the rest, and stays small whatever the input repeats: a message
//!   shows at most 80 characters of a text from the input, then its length
//!   (`` `kkkk…` (20000000 bytes) ``), with hidden characters escaped
//!   (`\u{202e}`), and no message or path is longer than 1,000 bytes;
//! - loading takes time linear in the input (n log n at worst), faulty input
//!   included: references to faulty or missing indicators, long chains of
//!   successors, targets added one by one with the builder (each shape is
//!   measured at n and 10n in `benches/scaling.rs`);
//! - memory grows linearly with the input: 64 bytes an observation, each
//!   distinct text stored once, and nothing is ever allocated in proportion
//!   to a number written in the input (a `publication_lag_days` of 36,600 or
//!   a period of `0001-01-01/9999-12-31` costs no more than any other);
//! - arithmetic is checked everywhere input can reach it: decimals that do
//!   not fit are load errors, and a projection that overflows is
//!   `insufficient_data`.
//!
//! # Features
//!
//! - `vn` (default): the built-in Viet Nam catalogue, units and published
//!   figures ([`vn`]).
//! - `testing`: test-suite support (`policy_targets::testing`: proptest
//!   strategies, `assert_status!`, the case-file runner and the case-file
//!   types). It is meant for `[dev-dependencies]` only:
//!   `policy-targets = { version = "0.2", features = ["testing"] }` there,
//!   and the library itself in `[dependencies]` without it, so that
//!   `proptest` never reaches a release build.
//! - `report`: a self-contained HTML report of an evaluation (`report`).
//! - `csv`: observations read from and written as CSV (SPEC 2.5;
//!   `Observations::from_csv`, `to_csv`, `format::load_csv`).
//! - `rayon`: [`Evaluator::evaluate`] judges a catalogue of 4,096 targets or
//!   more, none of them at a level, across threads (the same results, in the
//!   same order), and [`load_with_units`] reads a units document of 1 MiB or
//!   more on another thread while it reads the observations. A document of
//!   1 MiB or more (observations, units) is scanned on a thread of its own
//!   while its elements are checked, in order, on the caller's, and so is
//!   one read from a stream (`format::load_with_units_from_reader`). Large
//!   documents and roll-ups use the threads too: a store of 65,536 figures
//!   or more has its texts sorted and its figures renumbered (and sorted
//!   whole, when one unit has more than a quarter of them), the
//!   units' ids among its texts looked up (16,384 units or more), the units
//!   of an `each` target decided and those of a pooled target judged (8,192
//!   or more), and a long `per_unit` list written, in blocks beside each
//!   other — the same results and bytes. Without it the library starts no
//!   thread; a program can still write a large results document on threads
//!   of its own, in pieces ([`Evaluation::json_pieces_in`]), as the
//!   evaluate example does.
//! - `serde`: `Serialize` and `Deserialize` for the value and record types,
//!   without a new dependency. Names are written as the formats write them
//!   ([`Status`] `"met"`, [`UnitLevel`] `"province"`, [`Method`], [`Category`],
//!   [`Refusal`] by its name `"too_few_points"`, [`Qualifier`], [`RollUpMode`],
//!   [`MetricKind`], [`Direction`], [`Cadence`], [`PeriodKind`], [`Lang`],
//!   [`ErrorKind`]); a [`Period`] and the typed values ([`Percent`], [`Score`],
//!   [`GrowthRate`], [`Rank`], [`Count`]) as their text, decimals as strings
//!   exactly as written (`"85.10"`); a [`Rule`] as in a catalogue
//!   (`{"at_least": "80"}`). A [`ResultsDocument`] serialises to exactly the
//!   results document [`ResultsDocument::to_json`] writes
//!   (`serde_json::to_string_pretty` gives the same bytes), and each record
//!   ([`ResultRecord`], [`EvidenceRecord`], [`ProgressRecord`],
//!   [`EveryPeriodRecord`], [`RollUpRecord`], [`UnitRecord`],
//!   [`ProgressPoint`]) as its block of it. Reading checks what the readers
//!   check (a bad period text, an unknown field: an error, never a panic).
//!   Write decimals as strings: serde hands a JSON number with a fraction
//!   over as a binary float, which a rule or a value refuses.
//!
//! ```
//! # #[cfg(feature = "serde")] {
//! use policy_targets::{Period, Status};
//! #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
//! struct Filed { status: Status, period: Period }
//! let filed = Filed { status: Status::OnTrack, period: "2025-Q3".parse().unwrap() };
//! let json = serde_json::to_string(&filed).unwrap();
//! assert_eq!(json, r#"{"status":"on_track","period":"2025-Q3"}"#);
//! assert_eq!(serde_json::from_str::<Filed>(&json).unwrap(), filed);
//! assert!(serde_json::from_str::<Filed>(r#"{"status":"met","period":"2025-Q5"}"#).is_err());
//! # }
//! ```
//!
//! # Design
//!
//! The source is four layers, each importing only from those below it:
//! foundations (errors, exact arithmetic, periods, metrics), the model
//! (catalogues, observations, units), the engine (the status decision,
//! roll-ups, progress) and presentation (the JSON formats and every
//! sentence). The picture, the data path from JSON text to a result, and
//! where to add an indicator kind, a status, a progress method, a format or
//! a sentence are in [`architecture`] (`ARCHITECTURE.md`).
//!
//! # Why it is built this way
//!
//! - **Why decimals, never floats?** `0.29 × 100` is `28.999999999999996`
//!   in binary floating point, and a law that says 29% means 29%. Every
//!   value and threshold is a [`rust_decimal::Decimal`] read from its text.
//! - **Why is "not met" not an error?** A missed target is an answer, not a
//!   failure: it is a [`Status`], with evidence. Errors are for input that
//!   cannot be read.
//! - **Why can't a rank be compared with a percentage?** They mean different
//!   things and better runs in opposite directions. The typed API
//!   ([`Threshold`], [`IndicatorDef`], [`TargetDef`]) makes such mixing a
//!   compile error; the JSON path reports it as a load error.
//! - **Why are explanations written lazily?** Evaluating tens of thousands
//!   of targets should cost only the decision; the sentence is written when
//!   asked for, in English or Vietnamese ([`TargetResult::explanation`],
//!   [`TargetResult::explanation_in`], [`Evaluation::to_json_in`]).
//! - **Why is a figure published before its period began refused?** A
//!   figure for 2027 cannot be published in 2026: it is a typo in the year,
//!   and accepted it could close a target early. (A figure published before
//!   its period *ends* is accepted: see the next answer.)
//! - **Why does `awaiting_data` carry evidence?** It carries the latest
//!   visible figure, for context; the status says it is not the closing one.
//! - **Why is `{"at_least": 0.8}` on a percent accepted?** Percentages are
//!   written on the 0–100 scale everywhere (`80` is 80%), so `0.8` is a
//!   valid, if unusual, threshold of 0.8%: the loader cannot tell it from a
//!   mistake. Write shares as percentages.
//! - **Why is a figure published before its period ends accepted?**
//!   Governments announce preliminary figures for a year before it is over
//!   (a November estimate of the year). Such a figure is visible from the day
//!   it was published, like any other, and a later figure for the same
//!   period replaces it.
//! - **Why is a unit not keyed by its code?** Codes are reused: after
//!   Viet Nam's 2025 merger a province takes the statistics code of the
//!   predecessor hosting its centre, so codes 15, 24, 44, 52, 80, 82 and 91
//!   name different provinces before and after 2025-07-01. Ids carry the
//!   dates (`VN-15-until-2025-06-30`, `VN-15-from-2025-07-01`).
//! - **Why not average the units' percentages?** Because the law's share is
//!   the share of all dossiers: a commune with 100 dossiers and one with
//!   1,000 do not weigh the same. Without counts there is no share to pool,
//!   and the status says so (`not_poolable`).

#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(missing_docs)]
#![warn(missing_debug_implementations, rustdoc::broken_intra_doc_links)]
#![doc(test(attr(deny(warnings))))]

mod engine;
mod foundations;
mod model;
mod presentation;

#[doc(inline)]
pub use foundations::error;
#[doc(inline)]
pub use foundations::metric;
#[doc(inline)]
pub use foundations::period;

pub mod catalogue {
    //! Indicators, targets and the catalogue that holds them, read from JSON
    //! ([`Catalogue::from_json`]) or built in code ([`Catalogue::builder`]).
    pub use crate::model::catalogue::{Catalogue, IndicatorKey};
    pub use crate::model::catalogue_builder::{CatalogueBuilder, IndicatorDef, TargetDef};
    pub use crate::model::indicator::{
        Cadence, DEFAULT_MAX_AGE_DAYS_BIENNIAL, DEFAULT_MAX_AGE_DAYS_IRREGULAR,
        DEFAULT_PUBLICATION_LAG_DAYS, Discontinued, Indicator,
    };
    pub use crate::model::method::Method;
    pub use crate::model::names::Names;
    pub use crate::model::source::Source;
    pub use crate::model::target::{AppliesTo, EveryPeriod, RollUpMode, Target};
}

pub mod observation {
    //! Published figures: each with the period it is about and the day it was
    //! published, checked against a catalogue and indexed once for any number
    //! of evaluations.
    pub use crate::model::loader::{NewObservation, ObservationsBuilder};
    pub use crate::model::observation::{LOW_CONFIDENCE_NOTE, Observation, Observations};
    pub use crate::model::qualifier::Qualifier;
    pub use crate::model::reading::Reading;
}

pub mod units {
    //! Jurisdictions with a level, a parent and the days they existed, and
    //! what rolling a target up over the units of a level found (see the
    //! crate docs, "Targets at a level").
    pub use crate::engine::roll_up::members::UnitResult;
    pub use crate::engine::roll_up::summary::RollUp;
    pub use crate::model::target::{AppliesTo, RollUpMode};
    pub use crate::model::unit::{Unit, UnitLevel};
    pub use crate::model::units::Units;
}

pub mod evaluation {
    //! The evaluation engine: the status of every target at an as-of date,
    //! with the evidence it rests on, the projection and, for every-period
    //! targets, the periods that failed (see the crate docs, "How a target is
    //! judged").
    pub use crate::engine::evaluator::{EvaluationOptions, Evaluator};
    pub use crate::engine::every_period::{EveryPeriodOutcome, MAX_NAMED_MISSING};
    pub use crate::engine::projection::{PROJECTION_WINDOW_DAYS, Projection};
    pub use crate::engine::result::{Evaluation, TargetResult};
    pub use crate::engine::status::Status;
    pub use crate::engine::warning::{Warning, WarningKind};
}

pub mod case {
    //! Case files (see [the crate docs](crate#case-files)): one evaluation
    //! and the answers it must give, kept as data — a catalogue,
    //! observations, units, an as-of date, and the expected statuses,
    //! progress and failed periods, or the strings an expected error report
    //! contains.
    //!
    //! A case file is a document like the others, so reading and running
    //! one needs no feature (the `evaluate` example runs one with `--case`).
    //! Running a folder of them as a test suite (`assert_cases_pass`) is in
    //! `policy_targets::testing`, feature `testing`. The types are not at the
    //! crate root, which keeps it for the library's own vocabulary:
    //!
    //! ```compile_fail,E0432
    //! use policy_targets::Case; // it is `policy_targets::case::Case`
    //! ```
    pub use crate::presentation::format::case::{Case, CaseOutcome, Expectation, ExpectedResult};
}

#[doc(inline)]
pub use engine::progress;
#[doc = include_str!("../ARCHITECTURE.md")]
pub mod architecture {}
#[doc(inline)]
pub use presentation::format;
#[cfg(feature = "report")]
#[cfg_attr(docsrs, doc(cfg(feature = "report")))]
pub mod report;

#[cfg(feature = "testing")]
#[cfg_attr(docsrs, doc(cfg(feature = "testing")))]
pub mod testing;
#[cfg(feature = "vn")]
#[cfg_attr(docsrs, doc(cfg(feature = "vn")))]
pub mod vn;

/// For the fuzz targets only (built with `--cfg fuzzing`, as cargo-fuzz
/// builds): the crate's two JSON readers compared on any text.
#[cfg(fuzzing)]
#[doc(hidden)]
pub mod fuzzing {
    use crate::Catalogue;

    /// What the fast reader of flat documents and serde_json's make of an
    /// observations document: the observations or the problems, as text.
    #[must_use]
    pub fn observations_by_both_readers(text: &str, catalogue: &Catalogue) -> (String, String) {
        use crate::presentation::format::observations::read_against;
        (
            read_against(text, catalogue, false),
            read_against(text, catalogue, true),
        )
    }

    /// What an observations document's bytes make, read as a text and
    /// read from a stream `piece` bytes at a time: the observations or the
    /// problems, as text.
    #[must_use]
    pub fn observations_as_text_and_streamed(
        bytes: &[u8],
        catalogue: &Catalogue,
        piece: usize,
    ) -> (String, String) {
        use crate::presentation::format::observations::read_bytes_against;
        (
            read_bytes_against(bytes, catalogue, None),
            read_bytes_against(bytes, catalogue, Some((0, piece))),
        )
    }

    /// What the fast reader of flat documents and serde_json's make of a
    /// catalogue document: the catalogue or the problems, as text.
    #[must_use]
    pub fn catalogue_by_both_readers(text: &str) -> (String, String) {
        use crate::presentation::format::catalogue::read::read_with;
        (read_with(text, false), read_with(text, true))
    }

    /// What the fast reader of flat documents and serde_json's make of a
    /// units document: the units or the problems, as text.
    #[must_use]
    pub fn units_by_both_readers(text: &str) -> (String, String) {
        use crate::presentation::format::units::read;
        (read(text, false), read(text, true))
    }
}

#[doc(no_inline)]
pub use catalogue::{
    AppliesTo, Cadence, Catalogue, CatalogueBuilder, Discontinued, EveryPeriod, Indicator,
    IndicatorDef, IndicatorKey, Names, RollUpMode, Source, Target, TargetDef,
};
#[doc(no_inline)]
pub use error::{DecimalError, Error, ErrorKind, Problem};
#[doc(no_inline)]
pub use evaluation::{
    Evaluation, EvaluationOptions, Evaluator, EveryPeriodOutcome, Projection, Status, TargetResult,
    Warning, WarningKind,
};
#[doc(no_inline)]
pub use format::{
    EveryPeriodRecord, EvidenceRecord, ProgressRecord, ResultRecord, ResultsDocument, RollUpRecord,
    UnitRecord, WarningRecord, load, load_with_units,
};
#[doc(no_inline)]
pub use metric::{
    Count, Direction, GrowthRate, Level, Metric, MetricKind, Percent, Rank, Rule, Score, Threshold,
};
#[doc(no_inline)]
pub use observation::{
    NewObservation, Observation, Observations, ObservationsBuilder, Qualifier, Reading,
};
#[doc(no_inline)]
pub use period::{Period, PeriodKind};
pub use presentation::words::lang::Lang;
#[doc(no_inline)]
pub use progress::{Category, Method, Progress, ProgressPoint, Refusal};
pub use rust_decimal::Decimal;
/// Calendar dates, months and spans of days, from the `time` crate, so that
/// a caller builds and moves dates without depending on `time` itself.
///
/// ```
/// use policy_targets::{Date, Duration, Month, Period};
/// let day = Date::from_calendar_date(2025, Month::July, 1)?;
/// assert_eq!((day + Duration::days(30)).to_string(), "2025-07-31");
/// assert_eq!(Period::day(day)?.to_string(), "2025-07-01");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub use time::{Date, Duration, Month};
#[doc(no_inline)]
pub use units::{RollUp, Unit, UnitLevel, UnitResult, Units};

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

/// Parses an ISO date, `YYYY-MM-DD`, as the formats write it.
///
/// ```
/// let d = policy_targets::parse_date("2026-11-28")?;
/// assert_eq!(d.year(), 2026);
/// # Ok::<(), policy_targets::Error>(())
/// ```
///
/// # Errors
/// [`ErrorKind::InvalidValue`] for anything but a real calendar day written `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Result<Date, Error> {
    foundations::text::parse_date(s).map_err(|m| Error::single(ErrorKind::InvalidValue, "", m))
}

/// Parses a decimal exactly as the formats read one: `-?digits(.digits)?`,
/// optionally with an exponent (`8.5e1`), never through a binary float.
///
/// ```
/// let d = policy_targets::parse_decimal("2.5e-3")?;
/// assert_eq!(d.to_string(), "0.0025");
/// assert!(policy_targets::parse_decimal("85,1").is_err());
/// # Ok::<(), policy_targets::DecimalError>(())
/// ```
///
/// # Errors
/// A [`DecimalError`] for text that is not a decimal number, or a number a
/// decimal cannot hold exactly (more than 28 to 29 significant digits, or a
/// digit other than 0 past the 28th decimal place).
pub fn parse_decimal(s: &str) -> Result<Decimal, DecimalError> {
    foundations::text::parse_decimal(s).map_err(DecimalError::new)
}
