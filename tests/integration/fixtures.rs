//! Every case file in `tests/fixtures/` and its sub-folders (`v1_1/`) must pass.

use std::path::{Path, PathBuf};

use policy_targets::case::Case;

/// The `*.json` files under `dir`, recursively, sorted by path.
pub(crate) fn case_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(case_files(&path));
        } else if path.extension().is_some_and(|e| e == "json") {
            files.push(path);
        }
    }
    files.sort();
    files
}

#[test]
fn every_fixture_passes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let files = case_files(&dir);
    assert!(
        files.len() >= 19,
        "expected the shared fixtures in {}",
        dir.display()
    );
    assert!(
        files.iter().any(|f| f.starts_with(dir.join("v1_1"))),
        "expected the SPEC 1.1 cases in {}/v1_1",
        dir.display()
    );
    let mut failures = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        match Case::from_json(&text) {
            Ok(case) => {
                let outcome = case.run();
                if !outcome.passed() {
                    failures.push(format!("{}: {outcome}", path.display()));
                }
            }
            Err(e) => failures.push(format!("{}: not a case file: {e}", path.display())),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}
