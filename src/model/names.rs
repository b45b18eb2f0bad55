//! A name in English and Vietnamese, as indicators and units carry one.

/// A name in English and Vietnamese; either may be absent.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Names {
    pub(crate) en: Option<String>,
    pub(crate) vi: Option<String>,
}

impl Names {
    /// The English name.
    #[must_use]
    pub fn en(&self) -> Option<&str> {
        self.en.as_deref()
    }

    /// The Vietnamese name.
    #[must_use]
    pub fn vi(&self) -> Option<&str> {
        self.vi.as_deref()
    }
}
