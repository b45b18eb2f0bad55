//! A result's explanation: one sentence saying why the target has its status.

use crate::engine::result::TargetResult;
use crate::presentation::words::roll_up::explain_roll_up;
use crate::presentation::words::target::explain_target;

impl TargetResult<'_> {
    /// One plain English sentence saying why the target has its status.
    #[must_use]
    pub fn explanation(&self) -> String {
        let mut s = String::new();
        // Writing to a String cannot fail.
        let _ = match self.roll_up() {
            Some(r) => explain_roll_up(r, self, &mut s),
            None => explain_target(self, &mut s),
        };
        s
    }
}
