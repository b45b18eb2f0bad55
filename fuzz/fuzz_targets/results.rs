//! The results reader and writer (`policy-targets/results@1`).
//!
//! Input: a results document. Checks: what the reader accepts, the writer
//! writes, and that text reads back to an equal document which writes the
//! same text again.

#![no_main]

use libfuzzer_sys::fuzz_target;
use policy_targets::ResultsDocument;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(doc) = ResultsDocument::from_json(text) else {
        return;
    };
    let written = doc.to_json();
    let again = match ResultsDocument::from_json(&written) {
        Ok(again) => again,
        Err(e) => {
            panic!("a results document read, then written, did not read back: {e}\n{written}")
        }
    };
    assert_eq!(
        again, doc,
        "a results document read, written and read back differs"
    );
    assert_eq!(
        again.to_json(),
        written,
        "a results document writes other text once read back"
    );
    let _ = (doc.as_of(), doc.results().len());
});
