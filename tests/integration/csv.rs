//! Observations as CSV (SPEC 2.5): the same statuses as from JSON for every
//! fixture, a writer that round-trips, and bad input reported at
//! `row N, column NAME`, never a panic.

use std::path::{Path, PathBuf};

use policy_targets::case::Case;
use policy_targets::format::{document_text, load_csv};
use policy_targets::{Catalogue, ErrorKind, Evaluator, Observations};
use proptest::prelude::*;

use crate::fixtures::case_files;

/// Every case of the fixtures that loads, with its parts.
fn loaded_cases() -> Vec<(PathBuf, Case)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    case_files(&dir)
        .into_iter()
        .filter_map(|path| {
            let case = Case::from_json(&std::fs::read_to_string(&path).unwrap()).ok()?;
            case.load().ok()?;
            Some((path, case))
        })
        .collect()
}

#[test]
fn every_fixture_gives_the_same_statuses_from_csv_as_from_json() {
    let cases = loaded_cases();
    assert!(cases.len() >= 40, "only {} cases load", cases.len());
    let mut compared = 0;
    for (path, case) in &cases {
        let (catalogue, from_json, units) = case.load_with_units().unwrap();
        let csv = from_json.to_csv();
        let from_csv = Observations::from_csv(&csv, &catalogue)
            .unwrap_or_else(|e| panic!("{}: {e}\n{csv}", path.display()));
        // The writer round-trips: the same store, and the same text again.
        assert_eq!(from_csv, from_json, "{}", path.display());
        assert_eq!(from_csv.to_csv(), csv, "{}", path.display());
        assert_eq!(
            from_csv.to_json(),
            from_json.to_json(),
            "{}",
            path.display()
        );
        let evaluator = match units {
            Some(u) => Evaluator::new(catalogue).with_units(u),
            None => Evaluator::new(catalogue),
        };
        let statuses = |obs: &Observations| {
            let e = evaluator.evaluate(obs, case.as_of()).unwrap();
            e.results()
                .iter()
                .map(|r| (r.target().id().to_owned(), r.status()))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            statuses(&from_csv),
            statuses(&from_json),
            "{}",
            path.display()
        );
        // And through `load_csv`, the catalogue read again from its text.
        let (c2, o2, _) = load_csv(&catalogue_text(case), &csv, None).unwrap();
        assert_eq!(o2, from_json, "{}", path.display());
        assert_eq!(c2.targets().len(), evaluator.catalogue().targets().len());
        compared += 1;
    }
    assert_eq!(compared, cases.len());
}

fn catalogue_text(case: &Case) -> String {
    case.load().unwrap().0.to_json()
}

fn catalogue() -> Catalogue {
    Catalogue::from_json(
        r#"{"format": "policy-targets/catalogue@1", "indicators": [
          {"id": "share", "kind": "percent"},
          {"id": "egdi_rank", "kind": "rank", "out_of": 193, "cadence": "biennial"}],
         "targets": [{"id": "t", "indicator": "share", "unit": "VN", "rule": {"at_least": "80"}, "deadline": "2025"}]}"#,
    )
    .unwrap()
}

const HEADER: &str = "indicator,unit,period,published,value";

fn err(text: &str) -> policy_targets::Error {
    Observations::from_csv(text, &catalogue()).unwrap_err()
}

fn paths(e: &policy_targets::Error) -> Vec<String> {
    e.problems().iter().map(|p| p.path().to_owned()).collect()
}

#[test]
fn a_decimal_comma_is_an_error_that_says_to_write_a_point() {
    let e = err(&format!("{HEADER}\nshare,VN,2025,2026-03-01,\"85,1\"\n"));
    assert_eq!(paths(&e), ["row 2, column value"]);
    assert_eq!(e.problems()[0].kind(), ErrorKind::InvalidValue);
    assert!(e.to_string().contains("write `85.1`"), "{e}");
    // The JSON reader says the same: one check for both.
    let json = Observations::from_json(
        r#"{"format": "policy-targets/observations@1", "observations": [
          {"indicator": "share", "unit": "VN", "period": "2025", "published": "2026-03-01", "value": "85,1"}]}"#,
        &catalogue(),
    )
    .unwrap_err();
    assert_eq!(json.problems()[0].message(), e.problems()[0].message());
}

#[test]
fn columns_in_any_order_a_byte_order_mark_and_blank_rows() {
    let text = "\u{feff}published,value,unit,indicator,period,note\r\n\
                2026-03-01,85.1,VN,share,2025,\"from the sheet, with a comma\"\r\n\
                ,,,,,\r\n\
                \r\n\
                2024-09-17,71,VN,egdi_rank,2024,\r\n";
    let obs = Observations::from_csv(text, &catalogue()).unwrap();
    assert_eq!(obs.len(), 2);
    let note = obs.iter().find_map(|o| o.note().map(str::to_owned));
    assert_eq!(note.as_deref(), Some("from the sheet, with a comma"));
}

#[test]
fn every_field_has_the_same_meaning_as_in_json() {
    let text = "indicator,unit,period,published,value,qualifier,numerator,denominator,series,source,note\n\
                share,VN,2025,2026-03-01,80,more_than,,,gso,report,\n\
                share,VN-HN,2025-Q1,2025-04-20,,,9000,12000,,,\n";
    let csv = Observations::from_csv(text, &catalogue()).unwrap();
    let json = Observations::from_json(
        r#"{"format": "policy-targets/observations@1", "observations": [
          {"indicator": "share", "unit": "VN", "period": "2025", "published": "2026-03-01", "value": "80",
           "qualifier": "more_than", "series": "gso", "source": "report"},
          {"indicator": "share", "unit": "VN-HN", "period": "2025-Q1", "published": "2025-04-20",
           "numerator": 9000, "denominator": 12000}]}"#,
        &catalogue(),
    )
    .unwrap();
    assert_eq!(csv, json);
}

#[test]
fn problems_are_at_row_and_column() {
    let text = format!(
        "{HEADER},qualifier,numerator,denominator\n\
         share,VN,2025,2026-03-01,85.1,,,\n\
         shar,VN,2025,2026-03-01,85.1,,,\n\
         share,VN,2025,2026-13-01,,,,\n\
         share,VN,2025,2026-03-01,101,,,\n\
         share,VN,2025,2026-03-01,80,above,,\n\
         share,VN,2025,2026-03-01,,more_than,1,2\n\
         egdi_rank,VN,2024,2024-09-17,,,1,2\n\
         share,VN,2027,2026-03-01,50,,,\n"
    );
    let e = err(&text);
    assert_eq!(
        paths(&e),
        [
            "row 3, column indicator",
            "row 4, column published",
            "row 4, column value",
            "row 5, column value",
            "row 6, column qualifier",
            "row 7, column qualifier",
            "row 8, column numerator",
            "row 9, column published",
        ],
        "{e}"
    );
    assert!(e.to_string().contains("observations") || !e.to_string().is_empty());
}

#[test]
fn conflicts_name_both_rows() {
    let e = err(&format!(
        "{HEADER}\nshare,VN,2025,2026-03-01,80\nshare,VN,2025,2026-03-01,81\n"
    ));
    assert_eq!(e.problems()[0].kind(), ErrorKind::Conflict);
    assert!(e.to_string().contains("row 3: conflicts with row 2"), "{e}");
}

#[test]
fn the_header_is_checked() {
    let e =
        err("indicator,unit,period,published,valeu,value,value\nshare,VN,2025,2026-03-01,1,2,3\n");
    assert_eq!(
        paths(&e),
        ["row 1, column valeu", "row 1, column value"],
        "{e}"
    );
    assert_eq!(e.problems()[0].kind(), ErrorKind::UnknownField);
    assert!(e.problems()[1].message().contains("twice"));

    let e = err("indicator,period,value\nshare,2025,1\n");
    assert_eq!(
        paths(&e),
        ["row 1, column unit", "row 1, column published"],
        "{e}"
    );
    assert_eq!(e.problems()[0].kind(), ErrorKind::MissingField);

    let e = err("indicator;unit;period;published;value\nshare;VN;2025;2026-03-01;85,1\n");
    assert_eq!(paths(&e), ["row 1"]);
    assert!(e.to_string().contains("semicolons"), "{e}");

    for empty in ["", "\u{feff}", "\n\n"] {
        let e = err(empty);
        assert_eq!(e.problems()[0].kind(), ErrorKind::Syntax);
        assert!(e.to_string().contains("empty"), "{e}");
    }
    // A header alone is no observation, and no error.
    assert!(
        Observations::from_csv(HEADER, &catalogue())
            .unwrap()
            .is_empty()
    );
    // Names with blanks around them, as a sheet may have.
    assert_eq!(
        Observations::from_csv(
            " indicator , unit,period,published,value\nshare,VN,2025,2026-03-01,1\n",
            &catalogue()
        )
        .unwrap()
        .len(),
        1
    );
}

#[test]
fn a_row_with_another_number_of_cells_is_refused() {
    let e = err(&format!(
        "{HEADER}\nshare,VN,2025,2026-03-01\nshare,VN,2025,2026-03-01,1,2\nshare,VN,2025,2026-03-01,1\n"
    ));
    assert_eq!(paths(&e), ["row 2", "row 3"], "{e}");
    assert!(e.problems()[0].message().contains("4 cells"), "{e}");
}

#[test]
fn a_row_after_a_line_break_in_a_cell_gives_its_line() {
    let e = err(&format!(
        "{HEADER},note\nshare,VN,2025,2026-03-01,1,\"two\nlines\"\nshare,VN,2025,2026-03-01,x,\n"
    ));
    assert_eq!(paths(&e), ["row 3, column value"]);
    assert_eq!(e.problems()[0].line(), Some(4));
    assert!(
        e.to_string()
            .contains("row 3, column value (line 4, column 1)"),
        "{e}"
    );
}

#[test]
fn crlf_line_ends_give_no_line_beside_a_row_on_its_own_line() {
    // A spreadsheet writes CRLF: row 3 is on line 3, so no line is added
    // (the csv crate's own line count said line 2).
    let e = err(&format!(
        "{HEADER}\r\nshare,VN,2025,2026-03-01,1\r\nshare,VN,2024,2025-03-01,x\r\n"
    ));
    assert_eq!(paths(&e), ["row 3, column value"]);
    assert_eq!(e.problems()[0].line(), None, "{e}");
    // After a cell with a line break, the row's own line.
    let e = err(&format!(
        "{HEADER},note\r\nshare,VN,2025,2026-03-01,1,\"two\r\nlines\"\r\nshare,VN,2024,2025-03-01,x,\r\n"
    ));
    assert_eq!(e.problems()[0].line(), Some(4), "{e}");
}

#[test]
fn hostile_input_gives_bounded_reports() {
    // A huge cell, echoed within the bound of `quoted`.
    let huge = "9".repeat(1 << 20);
    let e = err(&format!(
        "{HEADER}\nshare,VN,2025,2026-03-01,\"{huge},5\"\n"
    ));
    assert!(e.to_string().len() < 1_000, "{}", e.to_string().len());
    let e = err(&format!("{HEADER}\n{huge},VN,2025,2026-03-01,1\n"));
    assert!(e.to_string().len() < 1_000, "{}", e.to_string().len());
    let e = err(&format!("{huge}\n"));
    assert!(e.to_string().len() < 2_000, "{}", e.to_string().len());
    // Many bad rows: at most 100 listed, the rest counted.
    let mut text = String::from(HEADER);
    for _ in 0..10_000 {
        text.push_str("\nshare,VN,2025,2026-03-01,x");
    }
    let e = err(&text);
    assert_eq!(e.problems().len(), 100);
    assert_eq!(e.omitted(), 9_900);
    // Many good rows.
    let mut text = String::from(HEADER);
    for day in 1..=28 {
        for month in 1..=12 {
            for unit in 0..30 {
                text.push_str(&format!(
                    "\nshare,U{unit},2025-{month:02},2026-{month:02}-{day:02},50"
                ));
            }
        }
    }
    assert_eq!(
        Observations::from_csv(&text, &catalogue()).unwrap().len(),
        28 * 12 * 30
    );
    // Bytes that are not UTF-8 are refused before they are read, with their place.
    let e =
        document_text(b"indicator,unit,period,published,value\nshare,VN,2025,2026-03-01,8\xe9\n")
            .unwrap_err();
    assert!(e.to_string().contains("line 2"), "{e}");
    // Quotes that never close, hidden characters, NUL.
    for text in [
        format!("{HEADER}\n\"share,VN,2025,2026-03-01,1\n"),
        format!("{HEADER}\nsh\u{0}are,V\u{202e}N,2025,2026-03-01,1\n"),
        format!("{HEADER}\n\"\"\"\",\"\",,,\n"),
    ] {
        let e = err(&text);
        assert!(e.to_string().len() < 2_000);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Any text: a load or an error, never a panic; what loads writes and
    /// reads back the same.
    #[test]
    fn any_text_loads_or_is_refused(
        rows in proptest::collection::vec(
            proptest::collection::vec(
                prop_oneof![
                    Just(String::new()),
                    Just("share".to_owned()), Just("egdi_rank".to_owned()), Just("VN".to_owned()),
                    Just("2025".to_owned()), Just("2026-03-01".to_owned()), Just("85,1".to_owned()),
                    Just("more_than".to_owned()), Just("\"".to_owned()), "[0-9]{1,3}(\\.[0-9])?",
                    ".{0,8}",
                ],
                0..8,
            ),
            0..6,
        ),
        header in proptest::sample::subsequence(
            vec!["indicator", "unit", "period", "published", "value", "qualifier", "numerator", "denominator", "series", "note", "x"],
            0..11,
        ),
    ) {
        let mut text = header.join(",");
        for row in &rows {
            text.push('\n');
            text.push_str(&row.join(","));
        }
        if let Ok(obs) = Observations::from_csv(&text, &catalogue()) {
            let again = Observations::from_csv(&obs.to_csv(), &catalogue()).unwrap();
            prop_assert_eq!(again, obs);
        }
    }
}
