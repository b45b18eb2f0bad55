//! Every case file in `tests/fixtures/` must pass.

use std::path::Path;

use policy_targets::Case;

#[test]
fn every_fixture_passes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 19,
        "expected the shared fixtures in {}",
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
