//! The languages sentences and labels are written in: Vietnamese and English.

use std::fmt;
use std::str::FromStr;

use crate::foundations::error::{Error, ErrorKind};

/// A language the crate writes for people: explanations
/// ([`TargetResult::explanation_in`](crate::TargetResult::explanation_in)),
/// the results document ([`Evaluation::to_json_in`](crate::Evaluation::to_json_in)),
/// labels and the HTML report. Vietnamese by default.
///
/// Vietnamese text writes numbers with a decimal comma (`85,1%`) and days as
/// `17/09/2024`; English text with a decimal point and `2024-09-17`.
///
/// ```
/// use policy_targets::Lang;
/// assert_eq!("en".parse::<Lang>()?, Lang::En);
/// assert_eq!(Lang::Vi.to_string(), "vi");
/// assert!("fr".parse::<Lang>().is_err());
/// # Ok::<(), policy_targets::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Lang {
    /// Vietnamese: `Chậm tiến độ`, `14,02%`, `28/11/2026`.
    #[default]
    Vi,
    /// English: `off track`, `14.02%`, `2026-11-28`.
    En,
}

impl Lang {
    /// Both languages, Vietnamese first.
    pub const ALL: &'static [Lang] = &[Lang::Vi, Lang::En];

    /// The language's code, as HTML's `lang` attribute writes it: `vi`, `en`.
    #[must_use]
    pub fn code(self) -> &'static str {
        self.pick("vi", "en")
    }

    /// The language of a code (`vi`, `en`), if it is one of the crate's.
    ///
    /// ```
    /// use policy_targets::Lang;
    /// assert_eq!(Lang::from_code("en"), Some(Lang::En));
    /// assert_eq!(Lang::from_code("fr"), None);
    /// ```
    #[must_use]
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.iter().copied().find(|l| l.code() == code)
    }

    /// The text for this language: `vi` in Vietnamese, `en` in English.
    #[inline]
    pub(crate) fn pick<T>(self, vi: T, en: T) -> T {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }
}

impl fmt::Display for Lang {
    /// The code: `vi`, `en`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = Error;

    fn from_str(s: &str) -> Result<Lang, Error> {
        Lang::from_code(s).ok_or_else(|| {
            Error::single(
                ErrorKind::InvalidValue,
                "",
                format!("`{s}` is not a language: use vi or en"),
            )
        })
    }
}
