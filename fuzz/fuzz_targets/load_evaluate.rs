//! The catalogue and observations readers, through `load` and each reader
//! alone, and the engine at several as-of dates.
//!
//! Input: `catalogue \x01 observations [\x01 units \x01 as-of]` (the units
//! are ignored here; see `rollup`). Checks: the fast reader of flat
//! documents and serde_json's read the catalogue and the observations alike
//! (the same values or the same report); `load` accepts exactly what the
//! two readers accept one after the other, and to the same values; what is
//! read is written by `to_json` and read back equal; reading the same
//! observations twice (`from_json_documents`) keeps each once; and every
//! evaluation passes `check_evaluator`.

#![no_main]

use libfuzzer_sys::fuzz_target;
use policy_targets::{Catalogue, Evaluator, Observations, load};
use policy_targets_fuzz::{Parts, check_evaluator};

fuzz_target!(|data: &[u8]| {
    let Some(parts) = Parts::split(data) else {
        return;
    };
    let (fast, general) = policy_targets::fuzzing::catalogue_by_both_readers(parts.catalogue);
    assert_eq!(
        fast, general,
        "the fast reader and serde_json's read the catalogue differently"
    );
    let catalogue = Catalogue::from_json(parts.catalogue);
    if let Ok(c) = &catalogue {
        match Catalogue::from_json(&c.to_json()) {
            Ok(again) => assert_eq!(&again, c, "a catalogue written and read back differs"),
            Err(e) => panic!("a catalogue written by the crate did not read back: {e}"),
        }
    }
    if let Ok(c) = &catalogue {
        let (fast, general) =
            policy_targets::fuzzing::observations_by_both_readers(parts.observations, c);
        assert_eq!(
            fast, general,
            "the fast reader and serde_json's read the observations differently"
        );
        // Read from a stream, a few bytes a piece, so that pieces end
        // anywhere.
        let piece = 1 + parts.observations.len() % 61;
        let (text, streamed) = policy_targets::fuzzing::observations_as_text_and_streamed(
            parts.observations.as_bytes(),
            c,
            piece,
        );
        assert_eq!(
            text, streamed,
            "the observations read from a stream differ from the text's"
        );
    }
    let observations = catalogue
        .as_ref()
        .ok()
        .map(|c| (c, Observations::from_json(parts.observations, c)));
    let loaded = load(parts.catalogue, parts.observations);
    match (&loaded, &observations) {
        (Ok((c, o)), Some((c1, Ok(o1)))) => {
            assert_eq!(
                c, *c1,
                "`load` and `Catalogue::from_json` read different catalogues"
            );
            assert_eq!(
                o, o1,
                "`load` and `Observations::from_json` read different observations"
            );
        }
        (Err(_), None | Some((_, Err(_)))) => return,
        (Ok(_), _) => panic!("`load` accepted what the readers one after the other refused"),
        (Err(e), _) => panic!("`load` refused what the readers one after the other accepted: {e}"),
    }
    let Ok((catalogue, observations)) = loaded else {
        return;
    };
    match Observations::from_json(&observations.to_json(), &catalogue) {
        Ok(again) => assert_eq!(
            again, observations,
            "observations written and read back differ"
        ),
        Err(e) => panic!("observations written by the crate did not read back: {e}"),
    }
    match Observations::from_json_documents([parts.observations, parts.observations], &catalogue) {
        Ok(twice) => assert_eq!(twice, observations, "the same document read twice differs"),
        Err(e) => panic!("the same observations document read twice was refused: {e}"),
    }
    check_evaluator(&Evaluator::new(catalogue), &observations, &parts.dates());
});
