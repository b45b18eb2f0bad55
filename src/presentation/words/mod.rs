//! Every sentence and label for people, in one place: the explanation of
//! each result, status labels in Vietnamese and English, rules, figures and
//! refusals in words.

pub(crate) mod every_period;
pub(crate) mod explanation;
pub(crate) mod labels;
pub(crate) mod lang;
pub(crate) mod progress;
pub(crate) mod roll_up;
pub(crate) mod target;
pub(crate) mod warning;
pub(crate) mod written;
