//! A result's explanation: one sentence saying why the target has its
//! status, in Vietnamese or English.

use crate::engine::result::TargetResult;
use crate::presentation::words::lang::Lang;
use crate::presentation::words::roll_up::explain_roll_up;
use crate::presentation::words::target::explain_target;
use crate::presentation::words::written::Figures;

impl TargetResult<'_> {
    /// One plain English sentence saying why the target has its status
    /// (the same as [`TargetResult::explanation_in`] with [`Lang::En`]).
    #[must_use]
    pub fn explanation(&self) -> String {
        self.explanation_in(Lang::En)
    }

    /// One sentence in `lang` saying why the target has its status, as a
    /// monitoring report writes it: in Vietnamese with a decimal comma
    /// (`85,1%`), days as `17/09/2024` and periods as `năm 2024`,
    /// `quý III/2025`. A figure of low confidence
    /// ([`Observation::is_low_confidence`](crate::Observation::is_low_confidence))
    /// is marked so: the sentence ends with `Số liệu này có độ tin cậy thấp
    /// (chưa được kiểm chứng).` (`This figure is of low confidence (not
    /// verified).`).
    ///
    /// ```
    /// use policy_targets::Lang;
    /// # use policy_targets::{Evaluator, load, parse_date};
    /// let (catalogue, observations) = load(
    ///     r#"{"format": "policy-targets/catalogue@1",
    ///         "indicators": [{"id": "egdi_rank", "kind": "rank", "out_of": 193, "cadence": "biennial",
    ///                         "publication_lag_days": 270}],
    ///         "targets": [{"id": "egdi_top70", "indicator": "egdi_rank", "unit": "VN",
    ///                      "rule": {"within_top": 70}, "deadline": "2025"}]}"#,
    ///     r#"{"format": "policy-targets/observations@1", "observations": [
    ///         {"indicator": "egdi_rank", "unit": "VN", "period": "2024", "published": "2024-09-17", "value": 71}]}"#,
    /// )?;
    /// let evaluator = Evaluator::new(catalogue);
    /// let evaluation = evaluator.evaluate(&observations, parse_date("2026-11-28")?)?;
    /// let result = evaluation.get("egdi_top70").unwrap();
    /// assert_eq!(
    ///     result.explanation_in(Lang::Vi),
    ///     "Số liệu chốt hạng 71 (năm 2024, công bố ngày 17/09/2024) không đạt yêu cầu trong nhóm 70 dẫn đầu."
    /// );
    /// # Ok::<(), policy_targets::Error>(())
    /// ```
    #[must_use]
    pub fn explanation_in(&self, lang: Lang) -> String {
        let mut s = String::new();
        self.write_explanation_in(lang, &mut s);
        s
    }

    /// Appends [`TargetResult::explanation_in`] to `s`, so that a writer of
    /// many results reuses one buffer.
    pub(crate) fn write_explanation_in(&self, lang: Lang, s: &mut String) {
        self.write_explanation_with(lang, s, None);
    }

    /// [`TargetResult::write_explanation_in`], the evidence shown as
    /// `figures` wrote it last when it is the same figure.
    pub(crate) fn write_explanation_with(
        &self,
        lang: Lang,
        s: &mut String,
        figures: Option<&mut Figures>,
    ) {
        // Writing to a String cannot fail.
        let _ = match self.roll_up() {
            Some(r) => explain_roll_up(r, self, lang, s),
            None => explain_target(self, lang, s, figures),
        };
        if self.evidence().is_some_and(|e| e.is_low_confidence()) {
            s.push_str(lang.pick(
                " Số liệu này có độ tin cậy thấp (chưa được kiểm chứng).",
                " This figure is of low confidence (not verified).",
            ));
        }
    }
}
