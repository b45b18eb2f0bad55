//! Every progress method, through `Evaluator::evaluate_with` and
//! `TargetResult::progress`.
//!
//! Input: as `load_evaluate`. For each as-of date and each method of
//! `Method::ALL` (and the shortest and longest Eurostat windows the formats
//! accept), checks that the statuses do not depend on the method; that each
//! result's method in force is the one asked for and its progress is
//! `progress_with` that method on the plain evaluation; that there is one
//! only for targets not decided yet; and, at the input's own date, that the
//! results document, with its `progress` blocks, reads back.

#![no_main]

use libfuzzer_sys::fuzz_target;
use policy_targets::{EvaluationOptions, Evaluator, Method, ProgressRecord, Status, load};
use policy_targets_fuzz::{Parts, check_results_document};

fuzz_target!(|data: &[u8]| {
    let Some(parts) = Parts::split(data) else {
        return;
    };
    let Ok((catalogue, observations)) = load(parts.catalogue, parts.observations) else {
        return;
    };
    let evaluator = Evaluator::new(catalogue);
    let methods = Method::ALL
        .into_iter()
        .chain([1, 50].map(|years| Method::EurostatCagr { years }));
    for (i, as_of) in parts.dates().into_iter().enumerate() {
        let Ok(plain) = evaluator.evaluate(&observations, as_of) else {
            panic!("observations loaded against this catalogue did not evaluate");
        };
        for method in methods.clone() {
            let options = EvaluationOptions::default().with_method(method);
            let evaluation = match evaluator.evaluate_with(&observations, as_of, &options) {
                Ok(e) => e,
                Err(e) => panic!("evaluate_with refused what evaluate accepted: {e}"),
            };
            for (r, p) in evaluation.results().iter().zip(plain.results()) {
                let id = r.target().id();
                assert_eq!(
                    r.status(),
                    p.status(),
                    "target `{id}`: the status depends on {method}"
                );
                assert_eq!(
                    r.method_in_force(),
                    method,
                    "target `{id}`: not assessed with {method}"
                );
                let progress = r.progress();
                assert_eq!(
                    progress,
                    p.progress_with(method),
                    "target `{id}`: progress() with {method} set differs from progress_with({method})"
                );
                let Some(progress) = progress else {
                    continue;
                };
                assert_eq!(
                    progress.method(),
                    method,
                    "target `{id}`: progress by another method"
                );
                assert!(
                    matches!(
                        r.status(),
                        Status::Achieved
                            | Status::OnTrack
                            | Status::OffTrack
                            | Status::InsufficientData
                    ),
                    "target `{id}`: a progress for a decided target ({})",
                    r.status()
                );
                let _ = (progress.base(), progress.latest(), progress.observed_pace());
                let _ = (progress.required_pace(), progress.observed_growth());
                let _ = (
                    progress.required_growth(),
                    progress.projected(),
                    progress.ratio(),
                );
                let _ = progress
                    .outcome()
                    .map(|c| c.grade())
                    .map_err(|r| r.reason());
                let _ = ProgressRecord::from_progress(&progress);
            }
            if i == 0 {
                check_results_document(&evaluation);
            }
        }
    }
});
