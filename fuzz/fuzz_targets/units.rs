//! The units reader (`policy-targets/units@1`) and the queries on units.
//!
//! Input: a units document. Checks: the fast reader of flat documents and
//! serde_json's read it alike (the same units or the same report); what
//! the reader accepts, the builder (`Units::new`) accepts too, to an equal
//! value; and the queries answer
//! consistently at the ends of the calendar and around the 2025 merger:
//! `within` returns only units of the level asked for that exist that day,
//! `as_of` a unit that exists that day, `predecessors` units whose
//! successor is the one asked about.

#![no_main]

use libfuzzer_sys::fuzz_target;
use policy_targets::{UnitLevel, Units, parse_date};
use policy_targets_fuzz::dates_from;

/// How many units serve as scopes and ids for the queries, so that a large
/// document costs no more than a few hundred queries.
const QUERIED: usize = 8;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (fast, general) = policy_targets::fuzzing::units_by_both_readers(text);
    assert_eq!(
        fast, general,
        "the fast reader and serde_json's read the units differently"
    );
    let Ok(units) = Units::from_json(text) else {
        return;
    };
    match Units::new(units.units().to_vec()) {
        Ok(built) => assert_eq!(
            built, units,
            "the builder builds other units than the reader read"
        ),
        Err(e) => panic!("the builder refused units the reader accepted: {e}"),
    }
    let mut dates = dates_from(None);
    dates.extend(
        ["2025-06-30", "2025-07-01"]
            .into_iter()
            .filter_map(|d| parse_date(d).ok()),
    );
    let ids: Vec<&str> = units.units().iter().take(QUERIED).map(|u| u.id()).collect();
    for &day in &dates {
        let _ = units.on(day).count();
        for &id in &ids {
            assert!(units.get(id).is_some(), "`get` does not find `{id}`");
            if let Some(u) = units.as_of(id, day) {
                assert!(
                    u.exists_on(day),
                    "`as_of({id})` returned `{}`, which does not exist that day",
                    u.id()
                );
            }
            for level in UnitLevel::ALL {
                for u in units.within(id, level, day) {
                    assert!(
                        u.exists_on(day) && u.level() == level,
                        "`within({id}, {level})` returned `{}` ({}), not a {level} that exists that day",
                        u.id(),
                        u.level()
                    );
                }
            }
        }
    }
    for &id in &ids {
        for p in units.predecessors(id) {
            assert_eq!(
                p.successor(),
                Some(id),
                "`predecessors({id})` returned `{}`",
                p.id()
            );
            let _ = (p.display_name(), p.existed_from(), p.existed_until());
        }
    }
});
