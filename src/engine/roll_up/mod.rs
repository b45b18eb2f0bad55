//! Targets at a level: the units of a level below the target's unit, rolled up.

pub(crate) mod judge;
