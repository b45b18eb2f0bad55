//! Viet Nam's national digital-transformation scorecard: every built-in
//! target evaluated on the built-in published figures.
//!
//! ```text
//! cargo run --example scorecard                       # as of today, in Vietnamese
//! cargo run --example scorecard -- --as-of 2025-06-30 --lang en
//! cargo run --example scorecard -- --format markdown  # or json (the results document)
//! cargo run --example scorecard -- --format html > scorecard.html   # one page, with charts
//! cargo run --example scorecard -- --export-catalogue out/   # the catalogue and data as JSON documents (and the data as CSV)
//! cargo run --example scorecard -- --method eurostat_cagr_5   # progress by another method
//! ```
//!
//! Options: `--as-of YYYY-MM-DD` (default: today, UTC), `--lang vi|en`
//! (default `vi`), `--format text|markdown|json|html` (default `text`),
//! `--low-confidence` (add the unverified figures, marked), `--export-catalogue DIR`,
//! `--method least_squares|eurostat_cagr_5|eurostat_cagr_15|open_sdg|unsd_projection|destatis_linear`
//! (how progress is assessed; default: each indicator's, else least squares).
//!
//! For every target not decided yet, a third line gives the pace still needed
//! to reach the rule by the deadline beside the observed pace, and the
//! method's verdict; every-year targets name the years that failed.

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    clippy::expect_used,
    clippy::arithmetic_side_effects,
    reason = "a command-line program; the no-panic lints are for library code"
)]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::process::ExitCode;

use policy_targets::{
    Category, Date, Decimal, Evaluation, EvaluationOptions, Evaluator, Method, MetricKind,
    Observations, Refusal, Rule, Status, TargetResult, parse_date, report, vn,
};

/// The width the text output fits in.
const WIDTH: usize = 100;

#[derive(Clone, Copy, PartialEq)]
enum Lang {
    Vi,
    En,
}

impl From<Lang> for policy_targets::Lang {
    fn from(lang: Lang) -> Self {
        match lang {
            Lang::Vi => policy_targets::Lang::Vi,
            Lang::En => policy_targets::Lang::En,
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Text,
    Markdown,
    Json,
    Html,
}

struct Args {
    as_of: Option<Date>,
    lang: Lang,
    format: Format,
    low_confidence: bool,
    export: Option<String>,
    method: Option<Method>,
}

const USAGE: &str =
    "usage: scorecard [--as-of YYYY-MM-DD] [--lang vi|en] [--format text|markdown|json|html]
                 [--low-confidence] [--export-catalogue DIR]
                 [--method least_squares|eurostat_cagr_5|eurostat_cagr_15|open_sdg|
                           unsd_projection|destatis_linear]";

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        as_of: None,
        lang: Lang::Vi,
        format: Format::Text,
        low_confidence: false,
        export: None,
        method: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let (name, inline) = match flag.split_once('=') {
            Some((n, v)) => (n.to_owned(), Some(v.to_owned())),
            None => (flag.clone(), None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| it.next())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match name.as_str() {
            "-h" | "--help" => return Err(String::new()),
            "--as-of" => {
                args.as_of = Some(parse_date(&value()?).map_err(|e| format!("--as-of: {e}"))?)
            }
            "--lang" => {
                args.lang = match value()?.as_str() {
                    "vi" => Lang::Vi,
                    "en" => Lang::En,
                    other => return Err(format!("unknown language `{other}`: use vi or en")),
                }
            }
            "--format" => {
                args.format = match value()?.as_str() {
                    "text" => Format::Text,
                    "markdown" | "md" => Format::Markdown,
                    "json" => Format::Json,
                    "html" => Format::Html,
                    other => {
                        return Err(format!(
                            "unknown format `{other}`: use text, markdown, json or html"
                        ));
                    }
                }
            }
            "--low-confidence" => args.low_confidence = true,
            "--export-catalogue" => args.export = Some(value()?),
            "--method" => {
                args.method = Some(
                    value()?
                        .parse::<Method>()
                        .map_err(|e| format!("--method: {e}"))?,
                )
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(args)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        // `--help` is a question, not a mistake: usage on stdout, exit 0.
        Err(m) if m.is_empty() => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(m) => {
            eprintln!("error: {m}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let catalogue = vn::catalogue();
    let observations = if args.low_confidence {
        vn::observations_with_low_confidence(&catalogue)
    } else {
        vn::observations(&catalogue)
    };
    if let Some(dir) = &args.export {
        return match export(dir, &catalogue, &observations) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        };
    }
    let as_of = args
        .as_of
        .unwrap_or_else(|| time::OffsetDateTime::now_utc().date());
    let evaluator = Evaluator::new(catalogue);
    let mut options = EvaluationOptions::default();
    if let Some(m) = args.method {
        options = options.method(m);
    }
    let evaluation = match evaluator.evaluate_with(&observations, as_of, &options) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let out = match args.format {
        Format::Json => evaluation.to_json_in(args.lang.into()),
        Format::Text => text(&evaluation, args.lang),
        Format::Markdown => markdown(&evaluation, args.lang),
        Format::Html => html(&evaluation, &observations, args.lang),
    };
    print_out(&out)
}

/// Prints to standard output; a closed pipe (`| head`) is not an error.
fn print_out(text: &str) -> ExitCode {
    use std::io::Write as _;
    let mut stdout = std::io::stdout().lock();
    match writeln!(stdout, "{text}") {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
        _ => ExitCode::SUCCESS,
    }
}

/// Writes the built-in catalogue and data as JSON documents, and the
/// figures also as CSV (`observations.csv`), the columns a spreadsheet of
/// figures needs.
fn export(
    dir: &str,
    catalogue: &policy_targets::Catalogue,
    observations: &Observations,
) -> std::io::Result<()> {
    let dir = std::path::Path::new(dir);
    std::fs::create_dir_all(dir)?;
    let files = [
        ("catalogue.json", catalogue.to_json() + "\n"),
        ("observations.json", observations.to_json() + "\n"),
        ("observations.csv", observations.to_csv()),
        ("draft_2018.json", vn::draft_2018().to_json() + "\n"),
    ];
    for (name, text) in files {
        std::fs::write(dir.join(name), text)?;
        eprintln!("wrote {}", dir.join(name).display());
    }
    Ok(())
}

fn status_label(s: Status, lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => s.label_vi(),
        Lang::En => s.label_en(),
    }
}

const PILLARS: [(&str, &str, &str); 3] = [
    ("digital_government", "Chính phủ số", "Digital government"),
    ("digital_economy", "Kinh tế số", "Digital economy"),
    ("digital_society", "Xã hội số", "Digital society"),
];

fn pillar_of(r: &TargetResult<'_>) -> usize {
    PILLARS
        .iter()
        .position(|(tag, _, _)| r.target().tags().iter().any(|t| t == tag))
        .unwrap_or(PILLARS.len())
}

fn pillar_name(i: usize, lang: Lang) -> &'static str {
    match (PILLARS.get(i), lang) {
        (Some((_, vi, _)), Lang::Vi) => vi,
        (Some((_, _, en)), Lang::En) => en,
        (None, Lang::Vi) => "Khác",
        (None, Lang::En) => "Other",
    }
}

/// Results grouped by pillar, then by deadline (earliest first).
fn grouped<'e, 'a>(
    evaluation: &'e Evaluation<'a>,
) -> BTreeMap<(usize, String), Vec<&'e TargetResult<'a>>> {
    let mut groups: BTreeMap<(usize, String), Vec<&TargetResult<'a>>> = BTreeMap::new();
    for r in evaluation.results() {
        groups
            .entry((pillar_of(r), r.target().deadline().to_string()))
            .or_default()
            .push(r);
    }
    groups
}

fn name(r: &TargetResult<'_>, lang: Lang) -> String {
    let names = r.indicator().names();
    let n = match lang {
        Lang::Vi => names.vi().or(names.en()),
        Lang::En => names.en().or(names.vi()),
    };
    n.unwrap_or(r.indicator().id()).to_owned()
}

fn unit_suffix(kind: MetricKind) -> &'static str {
    match kind {
        MetricKind::Percent | MetricKind::GrowthRate => "%",
        _ => "",
    }
}

fn threshold(r: &TargetResult<'_>) -> String {
    let u = unit_suffix(r.indicator().kind());
    match r.target().rule() {
        Rule::AtLeast(t) => format!("≥ {t}{u}"),
        Rule::AtMost(t) => format!("≤ {t}{u}"),
        Rule::MoreThan(t) => format!("> {t}{u}"),
        Rule::LessThan(t) => format!("< {t}{u}"),
        Rule::WithinTop(n) => format!("top {n}"),
        other => other.to_string(),
    }
}

fn evidence(r: &TargetResult<'_>) -> String {
    let u = unit_suffix(r.indicator().kind());
    r.evidence().map_or_else(
        || "—".to_owned(),
        |o| match o.reading() {
            policy_targets::Reading::Value(v) => format!("{v}{u} ({})", o.period()),
            reading => format!("{reading}, {}", o.period()),
        },
    )
}

fn projected(r: &TargetResult<'_>, lang: Lang) -> Option<String> {
    let v = r.projected()?.round_dp(2).normalize();
    let u = unit_suffix(r.indicator().kind());
    let word = if lang == Lang::Vi {
        "dự báo"
    } else {
        "projected"
    };
    Some(format!("{word} {v}{u} ({})", r.target().deadline().end()))
}

fn category_label(c: Category, lang: Lang) -> String {
    let vi = match c {
        Category::TargetAchieved => "đã đạt",
        Category::OnTrack => "đúng tiến độ",
        Category::OffTrack => "chậm tiến độ",
        Category::SignificantProgress => "tiến bộ đáng kể",
        Category::ModerateProgress => "tiến bộ vừa phải",
        Category::InsufficientProgress => "tiến bộ chưa đủ",
        Category::MovementAway => "đi ngược mục tiêu",
        Category::ModerateMovementAway => "lùi nhẹ",
        Category::SignificantMovementAway => "lùi đáng kể",
        Category::SubstantialProgress => "tiến bộ lớn",
        Category::LimitedProgress => "tiến bộ hạn chế",
        Category::Deterioration => "xấu đi",
        Category::MarginalProgress => "tiến bộ rất ít",
        Category::Stagnation => "đứng yên",
        Category::Regression => "thụt lùi",
        Category::SlowProgress => "tiến bộ chậm",
        Category::Sun => "nắng",
        Category::PartlyCloudy => "nắng xen mây",
        Category::Cloudy => "nhiều mây",
        Category::Thunderstorm => "dông",
        _ => "?",
    };
    match lang {
        Lang::Vi => vi.to_owned(),
        Lang::En => c.as_str().replace('_', " "),
    }
}

fn refusal_label(r: Refusal, lang: Lang) -> &'static str {
    match (lang, r) {
        (Lang::En, r) => r.reason(),
        (Lang::Vi, Refusal::CompoundGrowthOfRank) => "không tính tăng trưởng kép cho thứ hạng",
        (Lang::Vi, Refusal::CompoundGrowthOfGrowthRate) => {
            "không tính tăng trưởng kép cho tốc độ tăng"
        }
        (Lang::Vi, Refusal::NotPositive) => "tăng trưởng kép cần giá trị dương",
        (Lang::Vi, Refusal::BaseMeetsTarget) => "năm gốc đã đạt mục tiêu",
        (Lang::Vi, Refusal::NoDistance) => "mục tiêu bằng giá trị năm gốc",
        (Lang::Vi, Refusal::TooFewPoints) => "chưa đủ số liệu cho phương pháp",
        (Lang::Vi, _) => "tràn số",
    }
}

/// A signed pace in the indicator's unit a year: `+2.5 pts/yr`, `−8.33 places/yr`.
fn pace(v: Decimal, kind: MetricKind, lang: Lang) -> String {
    let v = v.round_dp(2).normalize();
    let sign = if v > Decimal::ZERO { "+" } else { "" };
    let unit = match (kind, lang) {
        (MetricKind::Percent | MetricKind::GrowthRate, Lang::En) => " pts/yr",
        (MetricKind::Percent | MetricKind::GrowthRate, Lang::Vi) => " điểm %/năm",
        (MetricKind::Rank, Lang::En) => " places/yr",
        (MetricKind::Rank, Lang::Vi) => " bậc/năm",
        (_, Lang::En) => "/yr",
        (_, Lang::Vi) => "/năm",
    };
    format!("{sign}{v}{unit}")
}

/// The progress line of a target not decided yet: what it would take, how
/// fast it goes, and the method's verdict; for an every-year target, the
/// years that failed.
fn progress_line(r: &TargetResult<'_>, lang: Lang) -> Option<String> {
    if let Some(every) = r.every_period() {
        let failed: Vec<String> = every.failed().iter().map(|(p, _)| p.to_string()).collect();
        let head = match lang {
            Lang::Vi => format!("mỗi năm {}–{}", every.first(), every.last()),
            Lang::En => format!("every year {}–{}", every.first(), every.last()),
        };
        let rest = match (lang, failed.is_empty()) {
            (Lang::Vi, false) => format!("không đạt: {}", failed.join(", ")),
            (Lang::En, false) => format!("failed: {}", failed.join(", ")),
            (Lang::Vi, true) => format!("đạt {}/{} năm", every.held().len(), every.count()),
            (Lang::En, true) => format!("held {} of {}", every.held().len(), every.count()),
        };
        let rest = match (lang, every.missing_count()) {
            (_, 0) => rest,
            (Lang::Vi, n) => format!("{rest} · {n} năm chưa có số liệu"),
            (Lang::En, n) => format!("{rest} · {n} without a figure yet"),
        };
        return Some(format!("{head} · {rest}"));
    }
    let p = r.progress()?;
    let kind = r.indicator().kind();
    let mut parts = Vec::new();
    // An achieved target needs no pace: the verdict says so.
    if let Some(req) = p.required_pace().filter(|_| r.status() != Status::Achieved) {
        parts.push(match lang {
            Lang::Vi => format!("cần {}", pace(req, kind, lang)),
            Lang::En => format!("needs {}", pace(req, kind, lang)),
        });
    }
    if let Some(obs) = p.observed_pace() {
        parts.push(match lang {
            Lang::Vi => format!(
                "thực tế {}",
                pace(obs, kind, lang).split(' ').next().unwrap_or_default()
            ),
            Lang::En => format!(
                "observed {}",
                pace(obs, kind, lang).split(' ').next().unwrap_or_default()
            ),
        });
    }
    let verdict = match p.outcome() {
        Ok(c) => category_label(c, lang),
        Err(refusal) => refusal_label(refusal, lang).to_owned(),
    };
    let ratio = p
        .ratio()
        .filter(|_| p.category() != Some(Category::TargetAchieved))
        .map(|x| format!(" ({})", x.round_dp(2).normalize()))
        .unwrap_or_default();
    let method = match (lang, p.method()) {
        (Lang::Vi, Method::LeastSquares) => "bình phương tối thiểu".to_owned(),
        (Lang::Vi, Method::EurostatCagr { years }) => format!("Eurostat {years} năm"),
        (_, m) => m.to_string(),
    };
    parts.push(format!("{method}: {verdict}{ratio}"));
    Some(parts.join(" · "))
}

/// The legal source, short enough for a table line: `Quyết định 749/QĐ-TTg,
/// Mục II.1.a`, `Quyết định 942/QĐ-TTg, Mục tiêu đến năm 2025 — nhóm (a)`.
/// The markdown and JSON outputs carry the full text.
fn source(r: &TargetResult<'_>) -> String {
    r.target().source().map_or_else(String::new, |s| {
        let instrument = short_instrument(s.instrument().unwrap_or_default());
        match s.section() {
            // A programme whose section is its own title needs it once.
            Some(sec) if !instrument.starts_with(short_section(sec).as_str()) => {
                format!("{instrument}, {}", short_section(sec))
            }
            _ => instrument,
        }
    })
}

/// Drops a trailing remark in parentheses and abbreviates the ministry's name
/// as it is usually abbreviated (Bộ TT&TT).
fn short_instrument(instrument: &str) -> String {
    drop_trailing_parenthesis(instrument).replace("Bộ Thông tin và Truyền thông", "Bộ TT&TT")
}

/// `Mục II.1.a (Mục tiêu cơ bản đến năm 2025)` → `Mục II.1.a`;
/// `… — nhóm (a) cung cấp dịch vụ chất lượng` → `… — nhóm (a)`: the
/// group letter is part of the reference, its description is not.
fn short_section(section: &str) -> String {
    let section = drop_trailing_parenthesis(section);
    match section.split_once(" — ") {
        Some((head, tail)) if tail.starts_with("nhóm (") => match tail.find(')') {
            Some(end) => format!("{head} — {}", tail.get(..=end).unwrap_or(tail)),
            None => section.to_owned(),
        },
        _ => section.to_owned(),
    }
}

fn drop_trailing_parenthesis(s: &str) -> &str {
    match s.rfind(" (") {
        Some(i) if s.ends_with(')') => s.get(..i).unwrap_or(s),
        _ => s,
    }
}

fn counts_line(evaluation: &Evaluation<'_>, lang: Lang) -> String {
    let parts: Vec<String> = evaluation
        .counts()
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| format!("{} {n}", status_label(*s, lang)))
        .collect();
    let total = evaluation.results().len();
    match lang {
        Lang::Vi => format!("{total} mục tiêu: {}", parts.join(" · ")),
        Lang::En => format!("{total} targets: {}", parts.join(" · ")),
    }
}

/// Numbers as the language writes them: `14,02%` in Vietnamese (a decimal
/// comma), `14.02%` in English. Only a point between two digits changes, so
/// section numbers such as `Mục II.1.a` are left alone.
fn numbers(s: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return s.to_owned();
    }
    let chars: Vec<char> = s.chars().collect();
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let digit_at = |j: Option<usize>| {
                j.and_then(|j| chars.get(j))
                    .is_some_and(char::is_ascii_digit)
            };
            if c == '.' && digit_at(i.checked_sub(1)) && digit_at(i.checked_add(1)) {
                ','
            } else {
                c
            }
        })
        .collect()
}

/// Cuts `s` to at most `width` characters, marking the cut with `…`.
fn fit(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(width.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// Breaks `s` at ` · ` separators into lines of at most `width` characters.
fn wrap(s: &str, width: usize) -> String {
    let mut lines: Vec<String> = vec![String::new()];
    for (i, part) in s.split(" · ").enumerate() {
        let line = lines.last_mut().expect("there is always a line");
        let sep = if i == 0 { "" } else { " · " };
        if line.chars().count() + sep.chars().count() + part.chars().count() > width
            && !line.is_empty()
        {
            lines.push(format!("  {part}"));
        } else {
            line.push_str(sep);
            line.push_str(part);
        }
    }
    lines.join("\n")
}

/// Splits a sentence into lines of at most `width` characters, between words.
fn wrap_words(s: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in s.split(' ') {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    lines
}

fn pad(s: &str, width: usize) -> String {
    let n = s.chars().count();
    format!("{s}{}", " ".repeat(width.saturating_sub(n)))
}

/// For a row without a verdict, why: the explanation of a discontinued
/// indicator (which says whether its last figure met the rule), else the
/// catalogue's `no_data_reason`.
fn without_verdict(r: &TargetResult<'_>, lang: Lang) -> Option<String> {
    if r.status() == Status::Discontinued {
        return Some(r.explanation_in(lang.into()));
    }
    if matches!(
        r.status(),
        Status::Met | Status::Missed | Status::Achieved | Status::OnTrack | Status::OffTrack
    ) {
        return None;
    }
    let reason = r.target().no_data_reason()?;
    match lang {
        Lang::Vi => reason.vi().or(reason.en()),
        Lang::En => reason.en().or(reason.vi()),
    }
    .map(str::to_owned)
}

fn text(evaluation: &Evaluation<'_>, lang: Lang) -> String {
    const STATUS: usize = 18;
    let mut out = String::new();
    let title = match lang {
        Lang::Vi => format!(
            "Bảng theo dõi mục tiêu chuyển đổi số quốc gia — Việt Nam, tính đến ngày {}",
            evaluation.as_of()
        ),
        Lang::En => format!(
            "Viet Nam national digital-transformation scorecard, as of {}",
            evaluation.as_of()
        ),
    };
    let _ = writeln!(out, "{}", fit(&title, WIDTH));
    let _ = writeln!(out, "{}", wrap(&counts_line(evaluation, lang), WIDTH));
    for ((pillar, deadline), results) in grouped(evaluation) {
        let head = match lang {
            Lang::Vi => format!(
                "{} — hạn {deadline}",
                pillar_name(pillar, lang).to_uppercase()
            ),
            Lang::En => format!(
                "{} — deadline {deadline}",
                pillar_name(pillar, lang).to_uppercase()
            ),
        };
        let _ = writeln!(out, "\n{head}");
        for r in results {
            let first = format!(
                "{}{}",
                pad(status_label(r.status(), lang), STATUS),
                fit(&name(r, lang), WIDTH - STATUS)
            );
            let mut facts = vec![numbers(&evidence(r), lang), numbers(&threshold(r), lang)];
            facts.extend(projected(r, lang).map(|p| numbers(&p, lang)));
            facts.push(source(r));
            let second = format!(
                "{}{}",
                " ".repeat(STATUS),
                fit(&facts.join(" · "), WIDTH - STATUS)
            );
            let _ = writeln!(out, "{first}\n{second}");
            if let Some(line) = progress_line(r, lang) {
                let line = numbers(&line, lang);
                let _ = writeln!(out, "{}{}", " ".repeat(STATUS), fit(&line, WIDTH - STATUS));
            }
            if let Some(note) = without_verdict(r, lang) {
                for line in wrap_words(&note, WIDTH - STATUS) {
                    let _ = writeln!(out, "{}{line}", " ".repeat(STATUS));
                }
            }
        }
    }
    let note = match lang {
        Lang::Vi => {
            "Số liệu: các nguồn công bố chính thức kèm theo crate; giải thích chi tiết: --format json."
        }
        Lang::En => {
            "Figures: the published sources bundled with the crate; full explanations: --format json."
        }
    };
    let _ = write!(out, "\n{note}");
    out
}

/// The HTML report: one self-contained page, with a chart for every target
/// that has figures, in sections by pillar and deadline.
fn html(evaluation: &Evaluation<'_>, observations: &Observations, lang: Lang) -> String {
    let title = match lang {
        Lang::Vi => "Mục tiêu chuyển đổi số quốc gia — Việt Nam",
        Lang::En => "Viet Nam's national digital-transformation targets",
    };
    PILLARS
        .iter()
        .fold(
            report::Report::new(evaluation, observations)
                .lang(lang.into())
                .title(title),
            |page, (tag, vi, en)| page.group(*tag, *vi, *en),
        )
        .to_html()
}

fn markdown(evaluation: &Evaluation<'_>, lang: Lang) -> String {
    let mut out = String::new();
    let (title, cols) = match lang {
        Lang::Vi => (
            format!(
                "# Mục tiêu chuyển đổi số quốc gia — tính đến ngày {}",
                evaluation.as_of()
            ),
            "| Tình trạng | Mục tiêu | Số liệu | Ngưỡng | Tiến độ | Văn bản |",
        ),
        Lang::En => (
            format!(
                "# National digital-transformation targets — as of {}",
                evaluation.as_of()
            ),
            "| Status | Target | Figure | Threshold | Progress | Instrument |",
        ),
    };
    let _ = writeln!(out, "{title}\n\n{}", counts_line(evaluation, lang));
    let mut last_pillar = None;
    for ((pillar, deadline), results) in grouped(evaluation) {
        if last_pillar != Some(pillar) {
            let _ = writeln!(out, "\n## {}", pillar_name(pillar, lang));
            last_pillar = Some(pillar);
        }
        let head = if lang == Lang::Vi {
            "Hạn"
        } else {
            "Deadline"
        };
        let _ = writeln!(
            out,
            "\n### {head} {deadline}\n\n{cols}\n| --- | --- | --- | --- | --- | --- |"
        );
        for r in results {
            let mut figure = evidence(r);
            if let Some(p) = projected(r, lang) {
                let _ = write!(figure, "; {p}");
            }
            let figure = numbers(&figure, lang);
            let cell = |s: &str| s.replace('|', "\\|");
            let _ = writeln!(
                out,
                "| {} | {} (`{}`) | {} | {} | {} | {} |",
                status_label(r.status(), lang),
                cell(&name(r, lang)),
                r.target().id(),
                cell(&figure),
                numbers(&threshold(r), lang),
                cell(&numbers(&progress_line(r, lang).unwrap_or_default(), lang)),
                cell(&source(r))
            );
        }
    }
    out
}
