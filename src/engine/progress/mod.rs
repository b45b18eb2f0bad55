//! Progress assessment: how far a target not decided yet is, how fast it
//! moves, and what it would take, by the method of Eurostat, Open SDG, the
//! UN Statistics Division, Destatis, or the status's own least squares (see
//! the crate docs, "Progress assessment").
//!
//! A [`Progress`] is computed on demand from a result
//! ([`TargetResult::progress`](crate::TargetResult::progress)), so that
//! plain evaluation costs nothing more. This module also holds the helpers
//! for published figures: [`compound_growth`], [`open_sdg_score`] and
//! [`share_of_distance_covered`].

pub(crate) mod assessment;
pub(crate) mod category;
pub(crate) mod growth;
pub(crate) mod methods;
pub(crate) mod refusal;

pub use crate::model::method::Method;
pub use assessment::{Progress, ProgressPoint};
pub use category::Category;
pub use growth::{compound_growth, open_sdg_score, share_of_distance_covered};
pub use methods::BASE_WINDOW_YEARS;
pub use refusal::Refusal;
