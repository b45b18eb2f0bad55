//! Targets at a level (`applies_to`) rolled up over units: the units
//! reader with `Evaluator::with_units`.
//!
//! Input: `catalogue \x01 observations \x01 units [\x01 as-of]`. Checks:
//! every evaluation passes `check_evaluator` (each target alone, with its
//! own roll-up context, equals the same target in the whole evaluation,
//! whose pooled sums are shared); and, at the input's own date, the units
//! change no result of a target without `applies_to`.

#![no_main]

use libfuzzer_sys::fuzz_target;
use policy_targets::{Evaluator, Units, load};
use policy_targets_fuzz::{Parts, check_evaluator};

fuzz_target!(|data: &[u8]| {
    let Some(parts) = Parts::split(data) else {
        return;
    };
    let Some(units) = parts.units.and_then(|u| Units::from_json(u).ok()) else {
        return;
    };
    let Ok((catalogue, observations)) = load(parts.catalogue, parts.observations) else {
        return;
    };
    let without = Evaluator::new(catalogue.clone());
    let with = Evaluator::new(catalogue).with_units(units);
    let dates = parts.dates();
    check_evaluator(&with, &observations, &dates);
    // The first date is the input's own (see `Parts::dates`).
    let Some(&as_of) = dates.first() else {
        return;
    };
    let (Ok(a), Ok(b)) = (
        with.evaluate(&observations, as_of),
        without.evaluate(&observations, as_of),
    ) else {
        panic!("observations loaded against this catalogue did not evaluate");
    };
    for (a, b) in a.results().iter().zip(b.results()) {
        if a.target().applies_to().is_none() {
            assert_eq!(
                a.to_record(),
                b.to_record(),
                "target `{}` has no applies_to, but the units changed its result",
                a.target().id()
            );
        }
    }
});
