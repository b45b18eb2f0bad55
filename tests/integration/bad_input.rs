//! Bad input, document by document: repeated keys, missing arrays, byte
//! order marks, text that is not UTF-8 or not characters, hidden characters
//! in ids, zeros written oddly, and reports that stay small whatever the
//! input repeats. Every problem has its path; an entry's id and line are
//! beside it.

use std::sync::LazyLock;

use policy_targets::case::Case;
use policy_targets::error::MAX_REPORTED_PROBLEMS;
use policy_targets::format::{check_document_size, document_text, load_with_units};
use policy_targets::{
    Catalogue, Error, ErrorKind, Evaluator, Observations, Reading, ResultsDocument, Units, load,
    parse_date, vn,
};
use proptest::prelude::*;

const CATALOGUE: &str = r#"{"format": "policy-targets/catalogue@1",
  "indicators": [{"id": "share", "kind": "percent"}],
  "targets": [{"id": "t", "indicator": "share", "unit": "VN", "rule": {"at_least": "80"}, "deadline": "2025"}]}"#;

fn catalogue() -> Catalogue {
    Catalogue::from_json(CATALOGUE).unwrap()
}

/// An observations document with these observations (JSON objects).
fn observations(items: &[&str]) -> String {
    format!(
        r#"{{"format": "policy-targets/observations@1", "observations": [{}]}}"#,
        items.join(", ")
    )
}

const OBSERVATION: &str = r#"{"indicator": "share", "unit": "VN", "period": "2025", "published": "2026-01-10", "value": "81"}"#;

/// The paths of an error's problems.
fn paths(e: &Error) -> Vec<&str> {
    e.problems().iter().map(|p| p.path()).collect()
}

#[test]
fn a_key_given_twice_is_refused_in_every_reader() {
    let c = catalogue();
    // Two `observations` arrays were merged, two `format`s passed.
    let two_arrays = format!(
        r#"{{"format": "policy-targets/observations@1", "observations": [{OBSERVATION}], "observations": [{OBSERVATION}]}}"#
    );
    let e = Observations::from_json(&two_arrays, &c).unwrap_err();
    assert_eq!(paths(&e), ["observations"]);
    assert_eq!(e.problems()[0].message(), "the field appears twice");
    let two_formats = format!(
        r#"{{"format": "policy-targets/observations@1", "format": "policy-targets/observations@1", "observations": [{OBSERVATION}]}}"#
    );
    assert_eq!(
        paths(&Observations::from_json(&two_formats, &c).unwrap_err()),
        ["format"]
    );
    let in_an_observation = observations(&[OBSERVATION
        .replace(r#""value": "81""#, r#""value": "81", "value": "20""#)
        .as_str()]);
    assert_eq!(
        paths(&Observations::from_json(&in_an_observation, &c).unwrap_err()),
        ["observations[0].value"]
    );
    let in_a_rule = CATALOGUE.replace(
        r#"{"at_least": "80"}"#,
        r#"{"at_least": "80", "at_least": "90"}"#,
    );
    assert_eq!(
        paths(&Catalogue::from_json(&in_a_rule).unwrap_err()),
        ["targets[0].rule.at_least"]
    );
    let units = r#"{"format": "policy-targets/units@1", "units": [{"id": "VN", "id": "VN-HN", "level": "national"}]}"#;
    assert_eq!(
        paths(&Units::from_json(units).unwrap_err()),
        ["units[0].id"]
    );
    let results = r#"{"format": "policy-targets/results@1", "as_of": "2026-01-01", "as_of": "2026-01-02", "results": []}"#;
    assert_eq!(
        paths(&ResultsDocument::from_json(results).unwrap_err()),
        ["as_of"]
    );
}

#[test]
fn required_arrays_are_required() {
    let c = catalogue();
    // `null` answered "not valid JSON" without a path.
    let null = r#"{"format": "policy-targets/observations@1", "observations": null}"#;
    let e = Observations::from_json(null, &c).unwrap_err();
    assert_eq!(paths(&e), ["observations"]);
    assert_eq!(e.problems()[0].message(), "expected an array, found null");
    let text = r#"{"format": "policy-targets/observations@1", "observations": "everything"}"#;
    let e = Observations::from_json(text, &c).unwrap_err();
    assert_eq!(
        e.to_string(),
        "observations: expected an array, found a string"
    );
    // A catalogue without its indicators or targets was read as empty.
    for (doc, path, message) in [
        (
            r#"{"format": "policy-targets/catalogue@1", "targets": []}"#,
            "indicators",
            "this field is required",
        ),
        (
            r#"{"format": "policy-targets/catalogue@1", "indicators": []}"#,
            "targets",
            "this field is required",
        ),
        (
            r#"{"format": "policy-targets/catalogue@1", "indicators": null, "targets": []}"#,
            "indicators",
            "expected an array, found null",
        ),
        (
            r#"{"format": "policy-targets/catalogue@1", "indicators": [], "targets": null}"#,
            "targets",
            "expected an array, found null",
        ),
    ] {
        let e = Catalogue::from_json(doc).unwrap_err();
        assert_eq!(paths(&e), [path], "{doc}");
        assert_eq!(e.problems()[0].message(), message);
    }
    let e = Units::from_json(r#"{"format": "policy-targets/units@1", "units": null}"#).unwrap_err();
    assert_eq!(e.to_string(), "units: expected an array, found null");
    let e = ResultsDocument::from_json(
        r#"{"format": "policy-targets/results@1", "as_of": "2026-01-01"}"#,
    )
    .unwrap_err();
    assert_eq!(e.to_string(), "results: this field is required");
    // A top level that is not an object is described, not repeated.
    let hostile = format!("\"{}\"", "x".repeat(1_000_000));
    let e = Observations::from_json(&hostile, &c).unwrap_err();
    assert_eq!(e.to_string(), "expected an object, found a string");
}

#[test]
fn a_byte_order_mark_is_skipped() {
    let c = Catalogue::from_json(&format!("\u{feff}{CATALOGUE}")).unwrap();
    let obs =
        Observations::from_json(&format!("\u{feff}{}", observations(&[OBSERVATION])), &c).unwrap();
    assert_eq!(obs.len(), 1);
    let units = Units::from_json("\u{feff}{\"format\": \"policy-targets/units@1\", \"units\": []}")
        .unwrap();
    assert!(units.is_empty());
    // Only at the start: elsewhere it is not JSON.
    let e = Catalogue::from_json(&format!("{CATALOGUE}\u{feff}")).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Syntax);
    // And its columns are not counted.
    let e = Catalogue::from_json("\u{feff}{\"format\": \"policy-targets/catalogue@1\", \"indicators\": [{\"id\": \"x\", \"kind\": \"nope\"}], \"targets\": []}")
        .unwrap_err();
    assert_eq!(e.problems()[0].column(), Some(57));
}

#[test]
fn bytes_that_are_not_utf8_are_found() {
    let mut bytes =
        b"{\"format\": \"policy-targets/catalogue@1\",\n \"indicators\": [{\"id\": \"caf".to_vec();
    bytes.push(0xE9);
    bytes.extend_from_slice(b"\"}]}");
    let e = document_text(&bytes).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Syntax);
    assert!(e.to_string().contains("line 2, column 28 (byte 68)"), "{e}");
    assert_eq!(document_text(b"{}").unwrap(), "{}");
    let max = u64::try_from(policy_targets::format::MAX_DOCUMENT_BYTES).unwrap();
    assert!(check_document_size(max).is_ok());
    let e = check_document_size(max + 1).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::OutOfRange);
}

#[test]
fn half_a_surrogate_pair_is_named() {
    let c = catalogue();
    let text = observations(&[&OBSERVATION.replace(r#""unit": "VN""#, r#""unit": "V\ud800N""#)]);
    let e = Observations::from_json(&text, &c).unwrap_err();
    assert_eq!(paths(&e), ["observations[0].unit"]);
    assert!(
        e.to_string().contains("half of a UTF-16 surrogate pair"),
        "{e}"
    );
    // In a key, the object is refused with its path.
    let text = observations(&[r#"{"\udc00": 1}"#]);
    let e = Observations::from_json(&text, &c).unwrap_err();
    assert!(
        e.to_string().contains("half of a UTF-16 surrogate pair"),
        "{e}"
    );
    // A pair is a character.
    let text =
        observations(&[&OBSERVATION.replace(r#""unit": "VN""#, r#""unit": "\ud83d\ude00""#)]);
    assert!(Observations::from_json(&text, &c).is_ok());
}

#[test]
fn ids_hold_only_printable_characters() {
    // `V\u200bN` looks like `VN` and silently gave `no_data`.
    let hidden = "V\\u200bN";
    let cases = [
        (
            CATALOGUE.replace(r#""id": "t""#, &format!(r#""id": "{hidden}""#)),
            "targets[0].id",
        ),
        (
            CATALOGUE.replace(r#""unit": "VN""#, &format!(r#""unit": "{hidden}""#)),
            "targets[0].unit",
        ),
        (
            CATALOGUE.replace(r#""deadline""#, r#""series": "gso\u202e", "deadline""#),
            "targets[0].series",
        ),
        (
            CATALOGUE.replace(
                r#""kind": "percent""#,
                r#""kind": "percent", "series": "\u2066gso""#,
            ),
            "indicators[0].series",
        ),
    ];
    for (doc, path) in cases {
        let e = Catalogue::from_json(&doc).unwrap_err();
        assert_eq!(paths(&e), [path], "{e}");
        assert!(
            e.to_string().contains("may hold only printable characters"),
            "{e}"
        );
    }
    let c = catalogue();
    let text =
        observations(&[&OBSERVATION.replace(r#""unit": "VN""#, &format!(r#""unit": "{hidden}""#))]);
    assert_eq!(
        paths(&Observations::from_json(&text, &c).unwrap_err()),
        ["observations[0].unit"]
    );
    let units = r#"{"format": "policy-targets/units@1", "units": [{"id": "VN\u0007", "level": "national"}]}"#;
    assert_eq!(
        paths(&Units::from_json(units).unwrap_err()),
        ["units[0].id"]
    );
}

#[test]
fn a_zero_is_zero_however_it_is_written() {
    let c = catalogue();
    let evaluator = Evaluator::new(c.clone());
    let long_zero = format!("0.{}", "0".repeat(40));
    for zero in ["0e-400", long_zero.as_str(), "\"0E+99999\""] {
        let text = observations(&[
            &OBSERVATION.replace(r#""value": "81""#, &format!(r#""value": {zero}"#))
        ]);
        let obs = Observations::from_json(&text, &c).unwrap_or_else(|e| panic!("{zero}: {e}"));
        let r = evaluator
            .evaluate_target("t", &obs, parse_date("2026-02-01").unwrap())
            .unwrap()
            .unwrap();
        let reading = r.evidence().unwrap().reading();
        assert!(
            matches!(reading, Reading::Value(v) if v.is_zero()),
            "{zero}: {reading}"
        );
    }
    let nonzero = format!("0.{}1", "0".repeat(40));
    let text =
        observations(
            &[&OBSERVATION.replace(r#""value": "81""#, &format!(r#""value": {nonzero}"#))],
        );
    let e = Observations::from_json(&text, &c).unwrap_err();
    assert!(e.to_string().contains("more than 28 decimal places"), "{e}");
}

#[test]
fn reports_stay_small_whatever_the_input_repeats() {
    // A 20 MB unknown key put 40 MB on standard error.
    let key = "k".repeat(20_000_000);
    let doc = CATALOGUE.replacen('{', &format!("{{\"{key}\": 1, "), 1);
    let report = Catalogue::from_json(&doc).unwrap_err().to_string();
    assert!(
        report.len() < 400,
        "{} bytes: {}",
        report.len(),
        &report[..400]
    );
    assert!(report.contains("(20000000 bytes)"), "{report}");
    // 300 unknown keys of 100 KB: at most 100 problems listed, each short.
    let keys: String = (0..300)
        .map(|i| format!("\"{i}{}\": 1, ", "k".repeat(100_000)))
        .collect();
    let doc = CATALOGUE.replacen('{', &format!("{{{keys}"), 1);
    let e = Catalogue::from_json(&doc).unwrap_err();
    assert_eq!(e.problems().len(), MAX_REPORTED_PROBLEMS);
    assert_eq!(e.omitted(), 200);
    assert!(e.to_string().len() < MAX_REPORTED_PROBLEMS * 400);
    // A long unknown indicator, unit or period in an observation.
    let c = catalogue();
    let long = "x".repeat(1_000_000);
    for (from, to) in [
        (
            r#""indicator": "share""#,
            format!(r#""indicator": "{long}""#),
        ),
        (r#""period": "2025""#, format!(r#""period": "{long}""#)),
        (r#""value": "81""#, format!(r#""value": "{long}""#)),
    ] {
        let text = observations(&[&OBSERVATION.replace(from, &to)]);
        let report = Observations::from_json(&text, &c).unwrap_err().to_string();
        assert!(report.len() < 400, "{from}: {} bytes", report.len());
    }
}

#[test]
fn each_problem_names_its_entry_and_where_it_starts() {
    let mut targets = Vec::new();
    for i in 0..21 {
        targets.push(format!(
            r#"    {{"id": "t{i}", "indicator": "share", "unit": "VN", "rule": {{"at_least": "80"}}, "deadline": "2025"}}"#
        ));
    }
    targets[20] = r#"    {"id": "qd749_2025_egdi_top70", "indicator": "share", "unit": "VN", "rule": {"at_least": "80"}, "dealine": "2025"}"#.to_owned();
    let doc = format!(
        "{{\"format\": \"policy-targets/catalogue@1\",\n  \"indicators\": [{{\"id\": \"share\", \"kind\": \"percent\"}}],\n  \"targets\": [\n{}\n  ]\n}}",
        targets.join(",\n")
    );
    let e = Catalogue::from_json(&doc).unwrap_err();
    let report = e.to_string();
    // The path stays whole, so that it can be searched for; the id and
    // the line follow it.
    assert!(
        report.contains("targets[20].dealine (qd749_2025_egdi_top70, line 24, column 5): unknown field `dealine`"),
        "{report}"
    );
    assert!(report.contains("targets[20].deadline (qd749_2025_egdi_top70, line 24, column 5): this field is required"), "{report}");
    let p = &e.problems()[0];
    assert_eq!(p.entry_id(), Some("qd749_2025_egdi_top70"));
    assert_eq!(p.line(), Some(24));

    // Observations have no id: their line is given.
    let c = catalogue();
    let text = format!(
        "{{\"format\": \"policy-targets/observations@1\", \"observations\": [\n  {OBSERVATION},\n  {}\n]}}",
        OBSERVATION.replace("81", "181")
    );
    let e = Observations::from_json(&text, &c).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("observations[1].value (line 3, column 3): "),
        "{e}"
    );
}

#[test]
fn a_case_file_gives_its_own_lines() {
    let case = r#"{"name": "lines", "as_of": "2026-01-01",
  "catalogue": {"format": "policy-targets/catalogue@1",
    "indicators": [{"id": "share", "kind": "percent"}],
    "targets": [{"id": "t", "indicator": "share", "unit": "VN", "rule": {"at_least": "80"}, "dealine": "2025"}]},
  "observations": {"format": "policy-targets/observations@1", "observations": []},
  "expect_error": ["targets[0].dealine"]}"#;
    let case = Case::from_json(case).unwrap();
    let e = case.load_with_units().unwrap_err();
    assert!(
        e.to_string()
            .contains("catalogue: targets[0].dealine (t, line 4, column 17)"),
        "{e}"
    );
    assert!(case.run().passed());
}

#[test]
fn units_are_reported_with_the_other_documents() {
    let c = CATALOGUE.replace(r#""deadline""#, r#""colour": "red", "deadline""#);
    let units =
        r#"{"format": "policy-targets/units@1", "units": [{"id": "VN", "level": "country"}]}"#;
    let e = load_with_units(&c, &observations(&[]), Some(units)).unwrap_err();
    let documents: Vec<_> = e.problems().iter().map(|p| p.document()).collect();
    assert_eq!(documents, [Some("catalogue"), Some("units")]);
    // Good documents load together.
    let (_, _, u) = load_with_units(
        CATALOGUE,
        &observations(&[OBSERVATION]),
        Some(vn::UNITS_JSON),
    )
    .unwrap();
    assert!(u.is_some_and(|u| !u.is_empty()));
    assert!(load(CATALOGUE, &observations(&[OBSERVATION])).is_ok());
}

/// A large units document (read beside the observations with the `rayon`
/// feature) gives the same units and the same report, in the same order.
#[test]
fn a_large_units_document_is_reported_with_the_other_documents() {
    let mut units = vec![r#"{"id": "VN", "level": "national"}"#.to_owned()];
    units.extend(
        (0..20_000)
            .map(|i| format!(r#"{{"id": "VN-C{i:05}", "level": "commune", "parent": "VN"}}"#)),
    );
    let good = format!(
        r#"{{"format": "policy-targets/units@1", "units": [{}]}}"#,
        units.join(", ")
    );
    assert!(good.len() > 1 << 20, "{}", good.len());
    let (_, _, u) = load_with_units(CATALOGUE, &observations(&[OBSERVATION]), Some(&good)).unwrap();
    let u = u.unwrap();
    assert_eq!(u.len(), 20_001);
    assert_eq!(u.get("VN-C19999").and_then(|c| c.parent()), Some("VN"));
    let bad_units = good.replacen(r#""level": "commune""#, r#""level": "village""#, 1);
    let bad_observation = OBSERVATION.replace("share", "shares");
    let e = load_with_units(
        CATALOGUE,
        &observations(&[&bad_observation]),
        Some(&bad_units),
    )
    .unwrap_err();
    let found: Vec<_> = e
        .problems()
        .iter()
        .map(|p| (p.document(), p.path().to_owned()))
        .collect();
    assert_eq!(
        found,
        [
            (Some("observations"), "observations[0].indicator".to_owned()),
            (Some("units"), "units[1].level".to_owned()),
        ],
        "{e}"
    );
}

/// A program that reads the units on a thread of its own (as the evaluate
/// example does) and joins the reports gets the loader's report exactly:
/// the same problems in the same order, the same count past the cap.
#[test]
fn reports_joined_by_hand_are_the_loaders_report() {
    let bad_observations: Vec<String> = (0..60)
        .map(|i| OBSERVATION.replace("81", &format!("{}", 101 + i)))
        .collect();
    let bad_observations = observations(
        &bad_observations
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    );
    let bad_units: Vec<String> = (0..70)
        .map(|i| format!(r#"{{"id": "U{i}", "level": "village"}}"#))
        .collect();
    let bad_units = format!(
        r#"{{"format": "policy-targets/units@1", "units": [{}]}}"#,
        bad_units.join(", ")
    );
    let c = CATALOGUE.replace(r#""deadline""#, r#""colour": "red", "deadline""#);
    for (units, n) in [(bad_units.as_str(), 131), (vn::UNITS_JSON, 61)] {
        let together = load_with_units(&c, &bad_observations, Some(units)).unwrap_err();
        let apart = load_with_units(&c, &bad_observations, None).unwrap_err();
        let joined = match Units::from_json(units) {
            Err(u) => apart.followed_by(u.in_document("units")),
            Ok(_) => apart,
        };
        assert_eq!(joined, together);
        assert_eq!(joined.to_string(), together.to_string());
        assert_eq!(joined.problems().len() + joined.omitted(), n);
        assert_eq!(joined.problems().len(), n.min(MAX_REPORTED_PROBLEMS));
    }
    // A problem that names its document keeps it.
    let e = load_with_units(&c, &bad_observations, None)
        .unwrap_err()
        .in_document("units");
    assert_eq!(e.problems()[0].document(), Some("catalogue"));
    assert_eq!(e.problems()[1].document(), Some("observations"));
}

/// Valid documents of every reader, with the reader that checks each.
struct Readable {
    name: &'static str,
    text: String,
    read: fn(&str) -> Result<(), Error>,
}

static READABLE: LazyLock<Vec<Readable>> = LazyLock::new(|| {
    let catalogue = vn::catalogue();
    let observations = vn::observations(&catalogue);
    let results = Evaluator::new(catalogue.clone())
        .with_units(vn::units())
        .evaluate(&observations, parse_date("2026-11-28").unwrap())
        .unwrap()
        .to_json();
    let case = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pt4_merger.json"),
    )
    .unwrap();
    vec![
        Readable {
            name: "catalogue",
            text: vn::CATALOGUE_JSON.to_owned(),
            read: |t| Catalogue::from_json(t).map(drop),
        },
        Readable {
            name: "observations",
            text: vn::OBSERVATIONS_JSON.to_owned(),
            read: |t| Observations::from_json(t, &vn::catalogue()).map(drop),
        },
        Readable {
            name: "units",
            text: vn::UNITS_JSON.to_owned(),
            read: |t| Units::from_json(t).map(drop),
        },
        Readable {
            name: "results",
            text: results,
            read: |t| ResultsDocument::from_json(t).map(drop),
        },
        Readable {
            name: "case",
            text: case,
            read: |t| Case::from_json(t)?.load_with_units().map(drop),
        },
    ]
});

/// Where each key of a JSON text starts (its opening quote), for texts
/// whose strings hold no `":` unescaped (an escaped `\":`, as in a note
/// that quotes a report, is not a key and is skipped).
fn key_starts(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(i) = text[at..].find("\":") {
        let end = at + i;
        at = end + 2;
        if text[..end].ends_with('\\') {
            continue;
        }
        let start = text[..end].rfind('"').unwrap();
        out.push((start, text[start + 1..end].to_owned()));
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Any key of any document, given twice, is refused with its path:
    /// JSON allows it, and a reader that kept one of the two values would
    /// silently drop the other.
    #[test]
    fn any_key_given_twice_is_refused_with_its_path(doc in 0..5usize, pick in any::<prop::sample::Index>()) {
        let r = &READABLE[doc];
        prop_assert!((r.read)(&r.text).is_ok(), "{} does not load", r.name);
        let keys = key_starts(&r.text);
        let (start, key) = &keys[pick.index(keys.len())];
        let twice = format!("{}\"{key}\": null, {}", &r.text[..*start], &r.text[*start..]);
        let e = (r.read)(&twice).unwrap_err();
        let p = e
            .problems()
            .iter()
            .find(|p| p.message() == "the field appears twice");
        prop_assert!(p.is_some(), "{} `{key}`: {e}", r.name);
        let path = p.unwrap().path();
        prop_assert!(path == key || path.ends_with(&format!(".{key}")), "{} `{key}`: {path}", r.name);
    }

    /// However long the text a message repeats (an unknown key, an unknown
    /// indicator, a bad period or unit), the report stays short.
    #[test]
    fn a_report_quoting_hostile_text_stays_short(
        piece in "\\PC{1,40}",
        times in 1..20_000usize,
        place in 0..4usize,
    ) {
        let text = piece.repeat(times);
        let json = serde_json::to_string(&text).unwrap();
        let c = catalogue();
        let report = match place {
            0 => Catalogue::from_json(&CATALOGUE.replacen('{', &format!("{{{json}: 1, "), 1)).map(drop),
            1 => Observations::from_json(&observations(&[&OBSERVATION.replace(r#""share""#, &json)]), &c).map(drop),
            2 => Observations::from_json(&observations(&[&OBSERVATION.replace(r#""2025""#, &json)]), &c).map(drop),
            _ => Catalogue::from_json(&CATALOGUE.replace(r#""unit": "VN""#, &format!(r#""unit": {json}"#))).map(drop),
        };
        if let Err(e) = report {
            let report = e.to_string();
            prop_assert!(report.len() <= 2_500, "{} bytes", report.len());
        }
    }

    /// An id with a hidden character anywhere in it is refused at its path.
    #[test]
    fn a_hidden_character_in_an_id_is_refused(
        before in "[A-Za-z0-9-]{0,8}",
        after in "[A-Za-z0-9-]{0,8}",
        hidden in prop::sample::select(vec![
            '\u{0}', '\u{7}', '\u{1b}', '\u{7f}', '\u{85}', '\u{2028}', '\u{2029}', '\u{61c}', '\u{200e}',
            '\u{200f}', '\u{202a}', '\u{202e}', '\u{2066}', '\u{2069}', '\u{200b}', '\u{200d}', '\u{2060}', '\u{feff}',
        ]),
        field in prop::sample::select(vec!["id", "unit"]),
    ) {
        let id = serde_json::to_string(&format!("{before}{hidden}{after}")).unwrap();
        let doc = CATALOGUE.replace(&format!(r#""{field}": "{}""#, if field == "id" { "t" } else { "VN" }), &format!(r#""{field}": {id}"#));
        let e = Catalogue::from_json(&doc).unwrap_err();
        let path = format!("targets[0].{field}");
        prop_assert_eq!(paths(&e), vec![path.as_str()]);
    }
}

/// A unit whose id is the text stored right after the last unit's (the
/// reader's guess for documents written period by period) is checked all
/// the same, though that text was a source's, which takes any character.
#[test]
fn a_unit_named_as_the_text_stored_before_it_is_still_checked() {
    let first = OBSERVATION.replace(r#""value""#, r#""source": "P\u202e", "value""#);
    let second = OBSERVATION.replace(r#""unit": "VN""#, r#""unit": "P\u202e""#);
    let e = Observations::from_json(&observations(&[&first, &second]), &catalogue()).unwrap_err();
    assert_eq!(paths(&e), vec!["observations[1].unit"], "{e}");
    // Written period by period (in another order the second time), each
    // unit's figures are its own.
    let items = [("VN", "2024", 1), ("HN", "2024", 2), ("DN", "2024", 3), ("VN", "2025", 4), ("DN", "2025", 5), ("HN", "2025", 6)].map(|(u, p, v)| {
        format!(r#"{{"indicator": "share", "unit": "{u}", "period": "{p}", "published": "2026-01-10", "value": "{v}"}}"#)
    });
    let loaded = Observations::from_json(
        &observations(&items.each_ref().map(String::as_str)),
        &catalogue(),
    )
    .unwrap();
    let mut seen: Vec<String> = loaded
        .iter()
        .map(|o| format!("{} {} {}", o.unit(), o.period(), o.reading().value()))
        .collect();
    seen.sort();
    assert_eq!(
        seen,
        [
            "DN 2024 3",
            "DN 2025 5",
            "HN 2024 2",
            "HN 2025 6",
            "VN 2024 1",
            "VN 2025 4"
        ]
    );
}

/// The catalogue is read in one pass, its targets checked as they are met
/// once the indicators are known: a document that gives its keys in another
/// order (targets first, the format last) reads to the same catalogue, or
/// to the same report, problem for problem.
#[test]
fn the_order_of_a_catalogues_keys_changes_nothing() {
    let format = r#""format": "policy-targets/catalogue@1""#;
    let indicators = r#""indicators": [{"id": "share", "kind": "percent"}, {"id": "rank", "kind": "rank", "out_of": 0}]"#;
    let good_targets = r#""targets": [{"id": "t", "indicator": "share", "unit": "VN", "rule": {"at_least": "80"}, "deadline": "2025"}]"#;
    let bad_targets = r#""targets": [{"id": "t", "indicator": "share", "unit": "VN", "rule": {"at_least": "180"}, "deadline": "2025"},
        {"id": "t", "indicator": "nope", "unit": "VN", "rule": {"within_top": 3}, "deadline": "2025", "dealine": 1}, 7]"#;
    let orders: [[usize; 3]; 6] = [
        [0, 1, 2],
        [0, 2, 1],
        [1, 0, 2],
        [1, 2, 0],
        [2, 0, 1],
        [2, 1, 0],
    ];
    let document = |parts: [&str; 3], order: [usize; 3]| {
        format!("{{{}}}", order.map(|i| parts[i]).join(",\n"))
    };
    let good = Catalogue::from_json(&document(
        [
            format,
            r#""indicators": [{"id": "share", "kind": "percent"}]"#,
            good_targets,
        ],
        [0, 1, 2],
    ))
    .unwrap();
    let bad =
        Catalogue::from_json(&document([format, indicators, bad_targets], [0, 1, 2])).unwrap_err();
    assert_eq!(bad.problems().len(), 6, "{bad}");
    for order in orders {
        let text = document(
            [
                format,
                r#""indicators": [{"id": "share", "kind": "percent"}]"#,
                good_targets,
            ],
            order,
        );
        assert_eq!(Catalogue::from_json(&text).unwrap(), good, "{text}");
        let text = document([format, indicators, bad_targets], order);
        let e = Catalogue::from_json(&text).unwrap_err();
        let report = |e: &Error| {
            e.problems()
                .iter()
                .map(|p| format!("{}: {}", p.path(), p.message()))
                .collect::<Vec<_>>()
        };
        assert_eq!(report(&e), report(&bad), "{text}");
    }
    // Without a list of indicators every indicator is in doubt: the figures
    // of `share` are not reported as of an unknown indicator, whether the
    // bad list comes before the targets or after them.
    for text in [
        r#"{"format": "policy-targets/catalogue@1", "indicators": null, "targets": []}"#,
        r#"{"targets": [], "indicators": {"id": "share"}, "format": "policy-targets/catalogue@1"}"#,
    ] {
        let e = load(text, &observations(&[OBSERVATION])).unwrap_err();
        assert_eq!(paths(&e), ["indicators"], "{text}");
    }
    // A wrong format stops the reading wherever it stands: its problem alone.
    for order in orders {
        let text = document(
            [
                r#""format": "policy-targets/catalogue@9""#,
                indicators,
                bad_targets,
            ],
            order,
        );
        let e = Catalogue::from_json(&text).unwrap_err();
        assert_eq!(paths(&e), ["format"], "{text}");
    }
    // A syntax error after entries with problems is the only problem.
    let text = format!("{{{format}, {indicators}, {bad_targets}, \"targets\": [}}");
    let e = Catalogue::from_json(&text).unwrap_err();
    assert_eq!(e.problems().len(), 1, "{e}");
    assert_eq!(e.problems()[0].kind(), ErrorKind::Syntax);
}
