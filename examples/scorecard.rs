//! Viet Nam's national digital-transformation scorecard: every built-in
//! target evaluated on the built-in published figures.
//!
//! ```text
//! cargo run --example scorecard                       # as of today, in Vietnamese
//! cargo run --example scorecard -- --as-of 2025-06-30 --lang en
//! cargo run --example scorecard -- --format markdown  # or json (the results document)
//! cargo run --example scorecard -- --format html > scorecard.html   # one page, with charts
//! cargo run --example scorecard -- --export-catalogue out/   # the catalogue and data as JSON documents (and the data as CSV)
//! cargo run --example scorecard -- --method destatis_linear  # progress also by another method
//! cargo run --example scorecard -- --width 80         # wrap the text at 80 columns
//! ```
//!
//! `--help` lists every option with its default. For every target not
//! decided yet, a line gives the engine's own assessment (least squares, the
//! line the status rests on, SPEC 3.5): its verdict, the projection at the
//! deadline and how far it falls short, the pace observed and the pace still
//! needed from the same start; with `--method`, a second line gives that
//! method's. Every-year targets list each year with its figure. Rows
//! without a verdict say why.

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
    Date, Evaluation, EvaluationOptions, Evaluator, Lang, Method, MetricKind, Observations,
    Qualifier, Rule, Status, TargetResult, parse_date, report, vn,
};

/// The width the text output fits in, unless `--width` says otherwise.
const DEFAULT_WIDTH: usize = 100;

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
    width: usize,
}

const HELP: &str = "\
scorecard: Viet Nam's national digital-transformation targets, evaluated on the
built-in published figures.

usage: cargo run --example scorecard -- [OPTIONS]

options:
  --as-of YYYY-MM-DD     the day to evaluate at: only figures published by then
                         count (default: today, UTC)
  --lang vi|en           the language of every word (default: vi)
  --format FORMAT        text, markdown (or md), json (the results document,
                         explanations in --lang) or html (one self-contained
                         page with a chart per target) (default: text)
  --width N              the text output's width in columns, at least 40; long
                         lines wrap (default: 100)
  --method METHOD        also assess progress by METHOD, shown on a line of its
                         own under the engine's: least_squares, eurostat_cagr_5,
                         eurostat_cagr_15, open_sdg, unsd_projection,
                         destatis_linear (default: none; the status is always
                         the engine's, by least squares, SPEC 3.5)
  --low-confidence       add the unverified figures (their note starts `low
                         confidence:`); every figure they give is marked
                         \"(độ tin cậy thấp)\" / \"(low confidence)\" in text and
                         markdown, and its explanation says so in json and html
                         (default: off)
  --export-catalogue DIR write the catalogue and data as JSON documents to DIR
                         and stop
  -h, --help             this help

examples:
  cargo run --example scorecard
  cargo run --example scorecard -- --as-of 2030-12-31 --lang en
  cargo run --example scorecard -- --method destatis_linear --width 120
  cargo run --example scorecard -- --format html > scorecard.html
  cargo run --example scorecard -- --format json --lang en --low-confidence";

const USAGE: &str = "usage: scorecard [--as-of YYYY-MM-DD] [--lang vi|en] \
[--format text|markdown|json|html] [--width N] [--method METHOD] [--low-confidence] \
[--export-catalogue DIR] [--help]";

fn parse_args(args: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut out = Args {
        as_of: None,
        lang: Lang::Vi,
        format: Format::Text,
        low_confidence: false,
        export: None,
        method: None,
        width: DEFAULT_WIDTH,
    };
    let mut it = args;
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
                out.as_of = Some(parse_date(&value()?).map_err(|e| format!("--as-of: {e}"))?)
            }
            "--lang" => {
                out.lang = value()?
                    .parse::<Lang>()
                    .map_err(|_| "--lang: use vi or en".to_owned())?
            }
            "--format" => {
                out.format = match value()?.as_str() {
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
            "--width" => {
                out.width = value()?
                    .parse::<usize>()
                    .ok()
                    .filter(|w| (40..=10_000).contains(w))
                    .ok_or("--width: a number of columns from 40 to 10000")?
            }
            "--low-confidence" => out.low_confidence = true,
            "--export-catalogue" => out.export = Some(value()?),
            "--method" => {
                out.method = Some(
                    value()?
                        .parse::<Method>()
                        .map_err(|e| format!("--method: {e}"))?,
                )
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(out)
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(a) => a,
        // `--help` is a question, not a mistake: the help on stdout, exit 0.
        Err(m) if m.is_empty() => return print_out(HELP),
        Err(m) => {
            eprintln!("error: {m}\n{USAGE}\n(--help for more)");
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
        options = options.with_method(m);
    }
    let evaluation = match evaluator.evaluate_with(&observations, as_of, &options) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let out = match args.format {
        Format::Json => evaluation.to_json_in(args.lang),
        Format::Text => text(&evaluation, &args),
        Format::Markdown => markdown(&evaluation, &args),
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

/// The text for `lang`.
fn pick(lang: Lang, vi: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        _ => vi,
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
    match PILLARS.get(i) {
        Some((_, vi, en)) => pick(lang, vi, en),
        None => pick(lang, "Khác", "Other"),
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
        Lang::En => names.en().or(names.vi()),
        _ => names.vi().or(names.en()),
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

/// The figure a row heads with: the latest for an every-year target (its
/// evidence may be an older failing year), else the evidence; a figure of
/// low confidence is marked.
fn figure(r: &TargetResult<'_>, lang: Lang) -> String {
    let u = unit_suffix(r.indicator().kind());
    let shown = if r.every_period().is_some() {
        r.latest_figure()
    } else {
        r.evidence()
    };
    shown.map_or_else(
        || "—".to_owned(),
        |o| {
            let value = match o.reading() {
                policy_targets::Reading::Value(v) => format!("{v}{u}"),
                reading => reading.to_string(),
            };
            let bound = match o.qualifier() {
                Some(Qualifier::MoreThan) => "> ",
                Some(Qualifier::AtLeast) => "≥ ",
                Some(Qualifier::LessThan) => "< ",
                Some(Qualifier::AtMost) => "≤ ",
                Some(_) => "~ ",
                None => "",
            };
            let mark = if o.is_low_confidence() {
                pick(lang, ", độ tin cậy thấp", ", low confidence")
            } else {
                ""
            };
            numbers(&format!("{bound}{value} ({}{mark})", o.period()), lang)
        },
    )
}

/// The legal source in full: the instrument and its section.
fn source(r: &TargetResult<'_>) -> String {
    r.target().source().map_or_else(String::new, |s| {
        let instrument = s.instrument().unwrap_or_default();
        match s.section() {
            Some(sec) if !instrument.starts_with(sec) => format!("{instrument}, {sec}"),
            _ => instrument.to_owned(),
        }
    })
}

fn counts_line(evaluation: &Evaluation<'_>, lang: Lang) -> String {
    let parts: Vec<String> = evaluation
        .counts()
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| format!("{} {n}", s.label_in(lang)))
        .collect();
    let total = evaluation.results().len();
    format!(
        "{total} {}: {}",
        pick(lang, "mục tiêu", "targets"),
        parts.join(" · ")
    )
}

/// Numbers as the language writes them: `14,02%` in Vietnamese (a decimal
/// comma), `14.02%` in English. Only a point between two digits changes, so
/// section numbers such as `Mục II.1.a` are left alone. (For the figures
/// this program writes; the library's sentences are written so already.)
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

/// Whether `c` is a combining mark, drawn on the character before it
/// (Vietnamese written decomposed: `e` + U+0302 + U+0301).
fn is_combining(c: char) -> bool {
    matches!(u32::from(c),
        0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// The columns `s` takes: its characters, combining marks not counted.
fn columns(s: &str) -> usize {
    s.chars().filter(|c| !is_combining(*c)).count()
}

/// Wraps `s` into lines of at most `width` columns, between words; a word
/// longer than a line is broken between characters (never inside a UTF-8
/// character, never before a combining mark). Nothing is cut.
fn wrap(s: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in s.split(' ').filter(|w| !w.is_empty()) {
        let (used, need) = (columns(&line), columns(word));
        if !line.is_empty() && used + 1 + need <= width {
            line.push(' ');
            line.push_str(word);
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        // A word alone on its line; broken if it is longer than the line.
        for c in word.chars() {
            if !is_combining(c) && columns(&line) == width {
                lines.push(std::mem::take(&mut line));
            }
            line.push(c);
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

fn pad(s: &str, width: usize) -> String {
    format!("{s}{}", " ".repeat(width.saturating_sub(columns(s))))
}

/// Writes `s` wrapped to `width`, every line after `indent` spaces, the
/// first after `first` instead (a status label, padded).
fn write_wrapped(out: &mut String, first: &str, s: &str, indent: usize, width: usize) {
    // A label wider than its column (a narrow --width) takes a line of its own.
    let first = if indent > 0 && columns(first) >= indent {
        let _ = writeln!(out, "{first}");
        ""
    } else {
        first
    };
    for (i, line) in wrap(s, width.saturating_sub(indent)).iter().enumerate() {
        let lead = if i == 0 {
            pad(first, indent)
        } else {
            " ".repeat(indent)
        };
        let _ = writeln!(out, "{lead}{line}");
    }
}

/// The progress lines of a row: the engine's own (least squares: the line
/// the status rests on), then, with `--method`, that method's; or, for an
/// every-period target, its years.
fn progress_lines(r: &TargetResult<'_>, args: &Args) -> Vec<String> {
    let lang = args.lang;
    if let Some(line) = r.every_period_summary_in(lang) {
        return vec![line];
    }
    let mut lines = Vec::new();
    if let Some(p) = r.progress_with(Method::LeastSquares) {
        lines.push(p.summary_in(lang));
    }
    if let Some(p) = args
        .method
        .filter(|m| *m != Method::LeastSquares)
        .and_then(|m| r.progress_with(m))
    {
        lines.push(format!(
            "{} {}",
            pick(lang, "Đối chiếu:", "Compared:"),
            p.summary_in(lang)
        ));
    }
    lines
}

/// For a row without a verdict, why: the catalogue's `no_data_reason`,
/// else the explanation (a discontinued indicator's says whether its last
/// figure met the rule).
fn without_verdict(r: &TargetResult<'_>, lang: Lang) -> Option<String> {
    if matches!(
        r.status(),
        Status::Met | Status::Missed | Status::Achieved | Status::OnTrack | Status::OffTrack
    ) {
        return None;
    }
    let reason = r
        .target()
        .no_data_reason()
        .filter(|_| r.status() != Status::Discontinued)
        .and_then(|reason| match lang {
            Lang::En => reason.en().or(reason.vi()),
            _ => reason.vi().or(reason.en()),
        });
    if let Some(text) = reason {
        return Some(text.to_owned());
    }
    Some(r.explanation_in(lang))
}

/// The explanation, where the row's figure is of low confidence (its
/// sentence says so); for other rows with a verdict, the lines say enough.
fn low_confidence_note(r: &TargetResult<'_>, lang: Lang) -> Option<String> {
    r.evidence()
        .filter(|e| e.is_low_confidence())
        .map(|_| r.explanation_in(lang))
}

/// The width of the status column: the longest status word, and a space.
fn status_width(evaluation: &Evaluation<'_>, lang: Lang) -> usize {
    evaluation
        .results()
        .iter()
        .map(|r| columns(r.status().label_in(lang)))
        .max()
        .unwrap_or(0)
        + 1
}

fn text(evaluation: &Evaluation<'_>, args: &Args) -> String {
    let (lang, width) = (args.lang, args.width);
    let status = status_width(evaluation, lang).min(width / 3);
    let mut out = String::new();
    let title = match lang {
        Lang::En => format!(
            "Viet Nam national digital-transformation scorecard, as of {}",
            evaluation.as_of()
        ),
        _ => format!(
            "Bảng theo dõi mục tiêu chuyển đổi số quốc gia — Việt Nam, tính đến ngày {}",
            evaluation.as_of()
        ),
    };
    write_wrapped(&mut out, "", &title, 0, width);
    write_wrapped(&mut out, "", &counts_line(evaluation, lang), 2, width);
    let method_note = match args.method.filter(|m| *m != Method::LeastSquares) {
        Some(m) => format!(
            "{} {}{}",
            pick(
                lang,
                "Tình trạng: của bộ máy đánh giá (đường xu thế bình phương tối thiểu, SPEC 3.5); dòng “Đối chiếu” là đánh giá theo",
                "Status: the engine's (the least-squares trend line, SPEC 3.5); the “Compared” line is the assessment by",
            ),
            m.name_in(lang),
            pick(lang, ", không thay đổi tình trạng.", ", which does not change the status."),
        ),
        None => pick(
            lang,
            "Tình trạng: của bộ máy đánh giá (đường xu thế bình phương tối thiểu, SPEC 3.5). Hạng dự báo làm tròn lên (về phía hạng kém hơn).",
            "Status: the engine's (the least-squares trend line, SPEC 3.5). Projected ranks are rounded up (towards the worse place).",
        )
        .to_owned(),
    };
    write_wrapped(&mut out, "", &method_note, 2, width);
    for ((pillar, deadline), results) in grouped(evaluation) {
        let head = format!(
            "{} — {} {deadline}",
            pillar_name(pillar, lang).to_uppercase(),
            pick(lang, "hạn", "deadline")
        );
        let _ = writeln!(out);
        write_wrapped(&mut out, "", &head, 0, width);
        for r in results {
            write_wrapped(
                &mut out,
                r.status().label_in(lang),
                &name(r, lang),
                status,
                width,
            );
            let facts = [figure(r, lang), numbers(&threshold(r), lang), source(r)];
            write_wrapped(&mut out, "", &facts.join(" · "), status, width);
            for line in progress_lines(r, args) {
                write_wrapped(&mut out, "", &line, status, width);
            }
            let note = without_verdict(r, lang).or_else(|| low_confidence_note(r, lang));
            if let Some(note) = note {
                write_wrapped(&mut out, "", &note, status, width);
            }
        }
    }
    let note = pick(
        lang,
        "Số liệu: các nguồn công bố chính thức kèm theo crate; mỗi mục tiêu kèm giải thích và biểu đồ: --format html; dữ liệu: --format json.",
        "Figures: the published sources bundled with the crate; every target with its explanation and a chart: --format html; data: --format json.",
    );
    let _ = writeln!(out);
    write_wrapped(&mut out, "", note, 0, width);
    out.trim_end().to_owned()
}

/// The HTML report: one self-contained page, with a chart for every target
/// that has figures, in sections by pillar and deadline.
fn html(evaluation: &Evaluation<'_>, observations: &Observations, lang: Lang) -> String {
    let title = pick(
        lang,
        "Mục tiêu chuyển đổi số quốc gia — Việt Nam",
        "Viet Nam's national digital-transformation targets",
    );
    PILLARS
        .iter()
        .fold(
            report::Report::new(evaluation, observations)
                .with_lang(lang)
                .with_title(title),
            |page, (tag, vi, en)| page.with_group(*tag, *vi, *en),
        )
        .to_html()
}

fn markdown(evaluation: &Evaluation<'_>, args: &Args) -> String {
    let lang = args.lang;
    let mut out = String::new();
    let (title, cols) = match lang {
        Lang::En => (
            format!(
                "# National digital-transformation targets — as of {}",
                evaluation.as_of()
            ),
            "| Status (engine, SPEC 3.5) | Target | Figure | Threshold | Progress, or why no verdict | Instrument |",
        ),
        _ => (
            format!(
                "# Mục tiêu chuyển đổi số quốc gia — tính đến ngày {}",
                evaluation.as_of()
            ),
            "| Tình trạng (bộ máy, SPEC 3.5) | Mục tiêu | Số liệu | Ngưỡng | Tiến độ, hoặc vì sao chưa kết luận | Văn bản |",
        ),
    };
    let _ = writeln!(out, "{title}\n\n{}", counts_line(evaluation, lang));
    let mut last_pillar = None;
    for ((pillar, deadline), results) in grouped(evaluation) {
        if last_pillar != Some(pillar) {
            let _ = writeln!(out, "\n## {}", pillar_name(pillar, lang));
            last_pillar = Some(pillar);
        }
        let _ = writeln!(
            out,
            "\n### {} {deadline}\n\n{cols}\n| --- | --- | --- | --- | --- | --- |",
            pick(lang, "Hạn", "Deadline")
        );
        for r in results {
            let cell = |s: &str| s.replace('|', "\\|").replace('\n', " ");
            let mut progress = progress_lines(r, args);
            progress.extend(without_verdict(r, lang).or_else(|| low_confidence_note(r, lang)));
            let _ = writeln!(
                out,
                "| {} | {} (`{}`) | {} | {} | {} | {} |",
                r.status().label_in(lang),
                cell(&name(r, lang)),
                r.target().id(),
                cell(&figure(r, lang)),
                numbers(&threshold(r), lang),
                cell(&progress.join("<br>")),
                cell(&source(r))
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_between_words_without_cutting() {
        let s = "Quyết định 749/QĐ-TTg, Mục II.1.a (Mục tiêu cơ bản đến năm 2025)";
        let lines = wrap(s, 20);
        assert!(lines.iter().all(|l| columns(l) <= 20), "{lines:?}");
        assert_eq!(lines.join(" "), s);
    }

    #[test]
    fn breaks_a_long_word_between_characters_never_before_a_combining_mark() {
        // "tiếng" decomposed: e + U+0302 (circumflex) + U+0301 (acute).
        let word = "tie\u{302}\u{301}ng".repeat(5);
        let lines = wrap(&word, 4);
        assert_eq!(lines.concat(), word);
        for l in &lines {
            assert!(columns(l) <= 4);
            assert!(!l.chars().next().is_some_and(is_combining), "{l:?}");
        }
    }

    #[test]
    fn width_and_help() {
        let args = |v: &[&str]| parse_args(v.iter().map(|s| (*s).to_owned()));
        assert_eq!(args(&["--width", "80"]).ok().map(|a| a.width), Some(80));
        assert!(args(&["--width", "5"]).is_err());
        assert_eq!(args(&["--help"]).err().as_deref(), Some(""));
        for flag in [
            "--as-of",
            "--lang",
            "--format",
            "--width",
            "--method",
            "--low-confidence",
            "--export-catalogue",
            "--help",
        ] {
            assert!(HELP.contains(flag), "{flag}");
        }
    }
}
