//! The words of a warning (SPEC 2.6), in Vietnamese and English.

use std::fmt;

use crate::engine::warning::{Warning, WarningKind};
use crate::foundations::text::quoted;
use crate::presentation::words::lang::Lang;

impl Warning {
    /// What the warning says, in English.
    #[must_use]
    pub fn message(&self) -> String {
        self.message_in(Lang::En)
    }

    /// What the warning says, in `lang`. Ids from the input are quoted and
    /// cut after 80 characters.
    #[must_use]
    pub fn message_in(&self, lang: Lang) -> String {
        let subject = quoted(&self.subject);
        let n = self.count;
        match (self.kind, lang) {
            (WarningKind::UnusedIndicator, Lang::En) => {
                format!("no target uses the indicator {subject}")
            }
            (WarningKind::UnusedIndicator, Lang::Vi) => {
                format!("không mục tiêu nào dùng chỉ tiêu {subject}")
            }
            (WarningKind::TargetUnitWithoutObservations, lang) => {
                let target = quoted(self.target.as_deref().unwrap_or_default());
                match lang {
                    Lang::En => format!(
                        "no observation, of any indicator, is about the unit {subject} of the target {target}"
                    ),
                    Lang::Vi => format!(
                        "không có số liệu nào, của bất kỳ chỉ tiêu nào, về đơn vị {subject} của mục tiêu {target}"
                    ),
                }
            }
            (WarningKind::ObservationsOfUnusedIndicator, Lang::En) => format!(
                "{n} {} of the indicator {subject}, which no target uses",
                if n == 1 {
                    "observation is"
                } else {
                    "observations are"
                }
            ),
            (WarningKind::ObservationsOfUnusedIndicator, Lang::Vi) => {
                format!("{n} số liệu thuộc chỉ tiêu {subject}, chỉ tiêu không mục tiêu nào dùng")
            }
            (WarningKind::UnknownUnit, lang) => {
                let hint = self.similar.as_deref().map(quoted);
                match (lang, hint) {
                    (Lang::En, hint) => format!(
                        "{n} {} about the unit {subject}, which is no target's unit and not in the units given{}",
                        if n == 1 {
                            "observation is"
                        } else {
                            "observations are"
                        },
                        hint.map(|h| format!(": a typo for {h}?"))
                            .unwrap_or_default()
                    ),
                    (Lang::Vi, hint) => format!(
                        "{n} số liệu về đơn vị {subject}, không phải đơn vị của mục tiêu nào và không có trong danh sách đơn vị{}",
                        hint.map(|h| format!(": có phải là {h}?"))
                            .unwrap_or_default()
                    ),
                }
            }
        }
    }
}

impl fmt::Display for Warning {
    /// `document: path: message`, the message in English:
    /// `observations: row 4: 1 observation is about the unit `Vn`, …`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}: {}",
            self.kind.document(),
            self.path,
            self.message()
        )
    }
}
