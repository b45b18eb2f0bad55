//! Targets at a level: the units of a level below the target's unit, their
//! figures (with merged units summed into their successors), pooled or
//! judged one by one, feeding the same status decision as any target.

pub(crate) mod groups;
pub(crate) mod judge;
pub(crate) mod members;
pub(crate) mod mergers;
pub(crate) mod pooling;
pub(crate) mod summary;
