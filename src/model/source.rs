//! The legal source of a target: the instrument, its date and section, and the clause.

use time::Date;

/// The legal source of a target.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Source {
    pub(crate) instrument: Option<String>,
    pub(crate) issued: Option<Date>,
    pub(crate) section: Option<String>,
    pub(crate) text_vi: Option<String>,
    pub(crate) text_en: Option<String>,
}

impl Source {
    /// A source naming its instrument, such as `Quyết định 749/QĐ-TTg`.
    #[must_use]
    pub fn new(instrument: impl Into<String>) -> Self {
        Source {
            instrument: Some(instrument.into()),
            ..Source::default()
        }
    }

    /// Sets the date the instrument was issued.
    #[must_use]
    pub fn with_issued(mut self, date: Date) -> Self {
        self.issued = Some(date);
        self
    }

    /// Sets the section, such as `Mục II.1`.
    #[must_use]
    pub fn with_section(mut self, section: impl Into<String>) -> Self {
        self.section = Some(section.into());
        self
    }

    /// Sets the text of the clause in Vietnamese.
    #[must_use]
    pub fn with_text_vi(mut self, text: impl Into<String>) -> Self {
        self.text_vi = Some(text.into());
        self
    }

    /// Sets the text of the clause in English.
    #[must_use]
    pub fn with_text_en(mut self, text: impl Into<String>) -> Self {
        self.text_en = Some(text.into());
        self
    }

    /// The instrument.
    #[must_use]
    pub fn instrument(&self) -> Option<&str> {
        self.instrument.as_deref()
    }

    /// The date it was issued.
    #[must_use]
    pub fn issued(&self) -> Option<Date> {
        self.issued
    }

    /// The section.
    #[must_use]
    pub fn section(&self) -> Option<&str> {
        self.section.as_deref()
    }

    /// The clause in Vietnamese.
    #[must_use]
    pub fn text_vi(&self) -> Option<&str> {
        self.text_vi.as_deref()
    }

    /// The clause in English.
    #[must_use]
    pub fn text_en(&self) -> Option<&str> {
        self.text_en.as_deref()
    }
}
