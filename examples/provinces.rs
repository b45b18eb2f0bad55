//! Provincial results on the built-in provinces of Viet Nam, before and
//! after the 2025 reorganisation, on a synthetic data set.
//!
//! ```text
//! cargo run --example provinces                       # as of today, in Vietnamese
//! cargo run --example provinces -- --as-of 2025-03-01 # the 63 provinces
//! cargo run --example provinces -- --lang en --format json
//! ```
//!
//! The figures are **synthetic** (made up from each province's code, so
//! that the run is reproducible): shares of administrative dossiers handled
//! online, as counts. The 63 provinces publish 2024 figures (in February
//! 2025) and, until they cease on 2025-06-30, first-half 2025 figures; the
//! 34 provinces of 2025-07-01 publish 2025 figures (in February 2026). The
//! targets: at least 80% of all dossiers nationally by 2025 (`pooled`), and
//! at least 60% in every province by 2025 (`each`).
//!
//! Options: `--as-of YYYY-MM-DD` (default: today, UTC), `--lang vi|en`
//! (default `vi`, as the scorecard), `--format text|json` (default `text`);
//! `--help` says more. Rows are sorted by province code.

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    clippy::expect_used,
    clippy::arithmetic_side_effects,
    reason = "a command-line program; the no-panic lints are for library code"
)]

use std::fmt::Write as _;
use std::process::ExitCode;

use policy_targets::{
    Catalogue, Evaluator, Lang, Observations, TargetResult, Unit, UnitLevel, Units, parse_date, vn,
};

/// The width the text output fits in.
const WIDTH: usize = 100;

const CATALOGUE: &str = r#"{
  "format": "policy-targets/catalogue@1",
  "indicators": [
    { "id": "online_dossiers", "kind": "percent", "cadence": "annual", "publication_lag_days": 60,
      "name": { "en": "Share of dossiers handled online",
                "vi": "Tỷ lệ hồ sơ xử lý trực tuyến" } } ],
  "targets": [
    { "id": "national_80_by_2025", "indicator": "online_dossiers", "unit": "VN",
      "applies_to": { "level": "province", "mode": "pooled" },
      "rule": { "at_least": "80" }, "deadline": "2025",
      "source": { "instrument": "synthetic example" } },
    { "id": "every_province_60_by_2025", "indicator": "online_dossiers", "unit": "VN",
      "applies_to": { "level": "province", "mode": "each" },
      "rule": { "at_least": "60" }, "deadline": "2025",
      "source": { "instrument": "synthetic example" } } ]
}"#;

/// Synthetic figures, reproducible from each province's code.
fn observations(units: &Units, catalogue: &Catalogue) -> Observations {
    let mut items = Vec::new();
    let mut push = |unit: &str, period: &str, published: &str, code: u64, year_step: u64| {
        let denominator = 20_000 + (code * 7_919) % 180_000;
        let pct = 55 + (code * 37 + year_step * 11) % 44;
        let numerator = denominator * pct / 100;
        items.push(format!(
            r#"{{"indicator": "online_dossiers", "unit": "{unit}", "period": "{period}", "published": "{published}", "numerator": {numerator}, "denominator": {denominator}}}"#
        ));
    };
    let code = |u: &Unit| u.code().and_then(|c| c.parse::<u64>().ok()).unwrap_or(0);
    let old = parse_date("2025-06-30").expect("a date");
    let new = parse_date("2025-07-01").expect("a date");
    for u in units.on(old).filter(|u| u.level() == UnitLevel::Province) {
        push(u.id(), "2024", "2025-02-20", code(u), 0);
        push(u.id(), "2025-H1", "2025-07-25", code(u), 1);
    }
    for u in units.on(new).filter(|u| u.level() == UnitLevel::Province) {
        push(u.id(), "2025", "2026-02-20", code(u), 2);
    }
    let doc = format!(
        r#"{{"format": "policy-targets/observations@1", "observations": [{}]}}"#,
        items.join(",")
    );
    Observations::from_json(&doc, catalogue).expect("the synthetic figures load")
}

struct Args {
    /// `None`: today (UTC).
    as_of: Option<String>,
    lang: Lang,
    json: bool,
}

const USAGE: &str = "\
usage: provinces [--as-of YYYY-MM-DD] [--lang vi|en] [--format text|json]

Evaluates two synthetic targets over the built-in provinces of Viet Nam:
at least 80% of all dossiers handled online nationally (pooled), and at
least 60% in every province (each), both by 2025.

options:
  --as-of YYYY-MM-DD   the day of the evaluation (default: today, UTC);
                       before 2025-07-01 the 63 provinces, after it the 34
  --lang vi|en         the language of the table and explanations (default: vi)
  --format text|json   a table, or the results@1 document (default: text)
  -h, --help           this text

examples:
  cargo run --example provinces
  cargo run --example provinces -- --as-of 2025-03-01 --lang en
  cargo run --example provinces -- --format json";

/// The options; `Err("")` for `--help`.
fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        as_of: None,
        lang: Lang::Vi,
        json: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "-h" | "--help" => return Err(String::new()),
            "--as-of" => args.as_of = Some(value()?),
            "--lang" => {
                let code = value()?;
                args.lang = Lang::from_code(&code)
                    .ok_or_else(|| format!("unknown language `{code}`: use vi or en"))?;
            }
            "--format" => {
                args.json = match value()?.as_str() {
                    "json" => true,
                    "text" => false,
                    other => return Err(format!("unknown format `{other}`: use text or json")),
                }
            }
            other => return Err(format!("unknown option `{other}`")),
        }
    }
    Ok(args)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) if e.is_empty() => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("error: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let as_of = match &args.as_of {
        None => time::OffsetDateTime::now_utc().date(),
        Some(text) => match parse_date(text) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("--as-of: {e}");
                return ExitCode::from(2);
            }
        },
    };
    let units = vn::units();
    let catalogue = Catalogue::from_json(CATALOGUE).expect("the catalogue loads");
    let observations = observations(&units, &catalogue);
    let evaluator = Evaluator::new(catalogue).with_units(units);
    let evaluation = evaluator
        .evaluate(&observations, as_of)
        .expect("the observations were loaded for this catalogue");
    if args.json {
        println!("{}", evaluation.to_json_in(args.lang));
        return ExitCode::SUCCESS;
    }
    let each = evaluation
        .get("every_province_60_by_2025")
        .expect("the target exists");
    let pooled = evaluation
        .get("national_80_by_2025")
        .expect("the target exists");
    print!("{}", table(each, pooled, args.lang));
    ExitCode::SUCCESS
}

/// `s` in `n` characters: cut with `…`, or padded with spaces.
fn cell(s: &str, n: usize) -> String {
    let len = s.chars().count();
    if len <= n {
        let mut t = s.to_owned();
        t.extend(std::iter::repeat_n(' ', n - len));
        t
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// Breaks `text` into lines of at most `WIDTH` characters, indented.
fn wrap(text: &str, indent: &str) -> String {
    let mut out = String::new();
    let mut line = String::from(indent);
    for word in text.split_whitespace() {
        if line.chars().count() + word.chars().count() + 1 > WIDTH && line.trim() != "" {
            out.push_str(line.trim_end());
            out.push('\n');
            line = String::from(indent);
        }
        line.push_str(word);
        line.push(' ');
    }
    out.push_str(line.trim_end());
    out.push('\n');
    out
}

/// A province's code as a number, so that `08` sorts before `11`; units
/// without a numeric code go last, by id.
fn code_order(unit: &Unit) -> (u32, &str) {
    let code = unit.code().and_then(|c| c.parse().ok()).unwrap_or(u32::MAX);
    (code, unit.id())
}

fn table<'a>(each: &TargetResult<'a>, pooled: &TargetResult<'a>, lang: Lang) -> String {
    let vi = lang == Lang::Vi;
    let mut s = String::new();
    let roll_up = each.roll_up().expect("a target at a level has a roll-up");
    let day = roll_up.units_on();
    let _ = writeln!(
        s,
        "{}",
        if vi {
            format!(
                "{} tỉnh, thành phố vào ngày {:02}/{:02}/{} (số liệu giả lập; yêu cầu: ít nhất 60% ở mọi tỉnh vào năm 2025)",
                roll_up.units().len(),
                day.day(),
                u8::from(day.month()),
                day.year()
            )
        } else {
            format!(
                "{} provinces on {day} (synthetic figures; rule: at least 60% in every province by 2025)",
                roll_up.units().len()
            )
        }
    );
    let heads: [&str; 5] = if vi {
        ["MÃ", "TỈNH, THÀNH PHỐ", "ID", "TÌNH TRẠNG", "SỐ LIỆU"]
    } else {
        ["CODE", "PROVINCE", "ID", "STATUS", "FIGURE"]
    };
    let _ = writeln!(
        s,
        "{} {} {} {} {}",
        cell(heads[0], 4),
        cell(heads[1], 19),
        cell(heads[2], 22),
        cell(heads[3], 16),
        heads[4]
    );
    let mut rows: Vec<_> = roll_up.units().iter().collect();
    rows.sort_by(|a, b| code_order(a.unit()).cmp(&code_order(b.unit())));
    for u in rows {
        let unit = u.unit();
        let names = unit.names();
        let name = if vi { names.vi() } else { names.en() }.unwrap_or(unit.id());
        let figure = match u.evidence() {
            Some(o) => format!("{} ({})", o.figure_in(lang), o.period()),
            None => "-".to_owned(),
        };
        let line = format!(
            "{} {} {} {} {}",
            cell(unit.code().unwrap_or("-"), 4),
            cell(name, 19),
            cell(unit.id(), 22),
            cell(u.status().label_in(lang), 16),
            figure
        );
        let _ = writeln!(s, "{}", line.trim_end());
    }
    let _ = writeln!(s);
    for r in [each, pooled] {
        let _ = writeln!(s, "{}: {}", r.target().id(), r.status().label_in(lang));
        s.push_str(&wrap(&r.explanation_in(lang), "    "));
    }
    s
}
