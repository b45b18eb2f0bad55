//! A progress assessment in words: the method's name, its verdict, the
//! projection and how far it falls short, the pace observed and the pace
//! needed — one arithmetic, from the same start as the verdict.

use std::fmt::{self, Write as _};

use rust_decimal::Decimal;

use crate::engine::progress::assessment::Progress;
use crate::engine::progress::category::Category;
use crate::engine::progress::growth::direction;
use crate::foundations::exact::round_dp;
use crate::foundations::metric::{MetricKind, Rule};
use crate::foundations::period::{Period, PeriodKind};
use crate::model::method::Method;
use crate::presentation::words::lang::Lang;
use crate::presentation::words::written::{RuleIn, ValueShown, number, period};

impl Method {
    /// The method's name for people: `bình phương tối thiểu`, `least
    /// squares`, `Destatis (tuyến tính)`, `Eurostat (5-year compound growth)`.
    ///
    /// ```
    /// use policy_targets::{Lang, Method};
    /// assert_eq!(Method::DestatisLinear.name_in(Lang::Vi), "Destatis (tuyến tính)");
    /// assert_eq!(Method::EurostatCagr { years: 5 }.name_in(Lang::En), "Eurostat (5-year compound growth)");
    /// ```
    #[must_use]
    pub fn name_in(self, lang: Lang) -> String {
        match (self, lang) {
            (Method::LeastSquares, _) => lang.pick("bình phương tối thiểu", "least squares").into(),
            (Method::EurostatCagr { years }, Lang::Vi) => {
                format!("Eurostat (tăng trưởng kép {years} năm)")
            }
            (Method::EurostatCagr { years }, Lang::En) => {
                format!("Eurostat ({years}-year compound growth)")
            }
            (Method::OpenSdg, _) => lang
                .pick("Open SDG (tăng trưởng kép)", "Open SDG (compound growth)")
                .into(),
            (Method::UnsdProjection, _) => lang
                .pick(
                    "UNSD (dự báo tăng trưởng kép)",
                    "UNSD (compound projection)",
                )
                .into(),
            (Method::DestatisLinear, _) => lang
                .pick("Destatis (tuyến tính)", "Destatis (linear)")
                .into(),
        }
    }
}

impl Category {
    /// The category in words for people: `chậm tiến độ`, `off track`,
    /// `nắng xen mây`, `partly cloudy`.
    ///
    /// ```
    /// use policy_targets::{Category, Lang};
    /// assert_eq!(Category::PartlyCloudy.label_in(Lang::Vi), "nắng xen mây");
    /// assert_eq!(Category::PartlyCloudy.label_in(Lang::En), "partly cloudy");
    /// ```
    #[must_use]
    pub fn label_in(self, lang: Lang) -> &'static str {
        let (vi, en) = match self {
            Category::TargetAchieved => ("đã đạt", "target achieved"),
            Category::OnTrack => ("đúng tiến độ", "on track"),
            Category::OffTrack => ("chậm tiến độ", "off track"),
            Category::SignificantProgress => ("tiến bộ đáng kể", "significant progress"),
            Category::ModerateProgress => ("tiến bộ vừa phải", "moderate progress"),
            Category::InsufficientProgress => ("tiến bộ chưa đủ", "insufficient progress"),
            Category::MovementAway => ("đi ngược mục tiêu", "movement away"),
            Category::ModerateMovementAway => ("lùi nhẹ", "moderate movement away"),
            Category::SignificantMovementAway => ("lùi đáng kể", "significant movement away"),
            Category::SubstantialProgress => ("tiến bộ lớn", "substantial progress"),
            Category::LimitedProgress => ("tiến bộ hạn chế", "limited progress"),
            Category::Deterioration => ("xấu đi", "deterioration"),
            Category::MarginalProgress => ("tiến bộ rất ít", "marginal progress"),
            Category::Stagnation => ("đứng yên", "stagnation"),
            Category::Regression => ("thụt lùi", "regression"),
            Category::SlowProgress => ("tiến bộ chậm", "slow progress"),
            Category::Sun => ("nắng", "sun"),
            Category::PartlyCloudy => ("nắng xen mây", "partly cloudy"),
            Category::Cloudy => ("nhiều mây", "cloudy"),
            Category::Thunderstorm => ("dông", "thunderstorm"),
        };
        lang.pick(vi, en)
    }
}

/// A pace in words, with its unit and which way it goes: `tăng 3,5 bậc/năm`
/// (a rank climbing), `climbing 3.5 places/yr`, `rising 0.22 pts/yr`.
struct PaceShown(Decimal, MetricKind, Lang);

impl fmt::Display for PaceShown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let PaceShown(v, kind, lang) = *self;
        let v = round_dp(v, 2).normalize();
        let better = if kind == MetricKind::Rank {
            v < Decimal::ZERO
        } else {
            v > Decimal::ZERO
        };
        let (word, unit) = match (kind, lang) {
            (_, _) if v.is_zero() => {
                return f.write_str(lang.pick("đứng yên", "flat"));
            }
            (MetricKind::Rank, Lang::Vi) => (if better { "tăng" } else { "tụt" }, "bậc/năm"),
            (MetricKind::Rank, Lang::En) => {
                (if better { "climbing" } else { "falling" }, "places/yr")
            }
            (MetricKind::Percent | MetricKind::GrowthRate, Lang::Vi) => {
                (if better { "tăng" } else { "giảm" }, "điểm %/năm")
            }
            (MetricKind::Percent | MetricKind::GrowthRate, Lang::En) => {
                (if better { "rising" } else { "falling" }, "pts/yr")
            }
            (_, Lang::Vi) => (if better { "tăng" } else { "giảm" }, "/năm"),
            (_, Lang::En) => (if better { "rising" } else { "falling" }, "/yr"),
        };
        let sep = if unit.starts_with('/') { "" } else { " " };
        write!(f, "{word} {}{sep}{unit}", number(v.abs(), lang))
    }
}

/// A value as the start of a pace: `hạng 72,43`, `13,9%`.
fn start_shown(v: Decimal, kind: MetricKind, lang: Lang) -> String {
    let v = round_dp(v, 2).normalize();
    match (kind, lang) {
        (MetricKind::Rank, Lang::En) => format!("rank {}", number(v, lang)),
        _ => ValueShown(v, kind, lang).to_string(),
    }
}

/// A period in a window: a year written bare (`2018`), else in words.
fn bare(p: Period, lang: Lang) -> String {
    match p.kind() {
        PeriodKind::Year => p.start().year().to_string(),
        _ => period(p, lang).to_string(),
    }
}

/// A window of years: `2018–2024`.
fn window(from: Period, to: Period, lang: Lang) -> String {
    format!("{}–{}", bare(from, lang), bare(to, lang))
}

/// A ratio as a whole percentage: `96%`.
fn percent(r: Decimal, lang: Lang) -> String {
    let p = r
        .checked_mul(Decimal::ONE_HUNDRED)
        .map_or(r, |p| round_dp(p, 0).normalize());
    format!("{}%", number(p, lang))
}

impl Progress {
    /// The assessment in one line for people, in `lang`, its parts joined
    /// by ` · `: the method and the window its observed pace was measured
    /// over, its verdict, the projection at the deadline and how far it
    /// falls short (a rank as a whole place, rounded up: see
    /// [`Progress::projected_place`]), the pace observed, the pace still
    /// needed from the same start as the verdict ([`Progress::pace_from`];
    /// none on and after the deadline), and what the method's ratio means.
    /// Every pace has its unit and says which way it goes (a rank climbs).
    /// A refused method gives its reason and nothing more: paces without a
    /// verdict would be read as one.
    ///
    /// ```
    /// use policy_targets::{Catalogue, Evaluator, Lang, Observations, parse_date};
    /// let catalogue = Catalogue::from_json(r#"{"format": "policy-targets/catalogue@1",
    ///   "indicators": [{"id": "egdi", "kind": "rank"}],
    ///   "targets": [{"id": "top30", "indicator": "egdi", "unit": "VN",
    ///                "rule": {"within_top": 30}, "deadline": "2030"}]}"#)?;
    /// let observations = Observations::from_json(r#"{"format": "policy-targets/observations@1",
    ///   "observations": [
    ///     {"indicator": "egdi", "unit": "VN", "period": "2022", "published": "2022-09-28", "value": 86},
    ///     {"indicator": "egdi", "unit": "VN", "period": "2024", "published": "2024-09-17", "value": 71}]}"#,
    ///   &catalogue)?;
    /// let evaluator = Evaluator::new(catalogue);
    /// let evaluation = evaluator.evaluate(&observations, parse_date("2026-06-01")?)?;
    /// let line = evaluation.get("top30").unwrap().progress().unwrap().summary_in(Lang::Vi);
    /// assert!(line.starts_with("bình phương tối thiểu, xu thế 2022–2024: đúng tiến độ"));
    /// assert!(line.contains("dự báo hạng 27 năm 2030 (làm tròn lên), trong nhóm 30 dẫn đầu"));
    /// assert!(line.contains("thực tế tăng 7,49 bậc/năm"));
    /// assert!(line.contains("cần tăng 6,83 bậc/năm từ hạng 71"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn summary_in(&self, lang: Lang) -> String {
        let mut out = String::new();
        let _ = self.write_summary(lang, &mut out);
        out
    }

    fn write_summary(&self, lang: Lang, out: &mut String) -> fmt::Result {
        let kind = self.kind;
        let compound = matches!(
            self.method,
            Method::EurostatCagr { .. } | Method::OpenSdg | Method::UnsdProjection
        );
        // The method and its window.
        out.push_str(&self.method.name_in(lang));
        if let Some((from, to)) = self.window() {
            let w = window(from, to, lang);
            match (self.method, lang) {
                (Method::LeastSquares, _) => {
                    write!(out, ", {} {w}", lang.pick("xu thế", "trend"))?;
                }
                (Method::DestatisLinear, _) => write!(
                    out,
                    ", {} {w}",
                    lang.pick("thay đổi bình quân", "mean change")
                )?,
                _ => write!(
                    out,
                    ", {} {w}",
                    lang.pick("năm gốc đến năm mới nhất", "base to latest")
                )?,
            }
        }
        out.push_str(": ");
        match self.outcome {
            Ok(c) => out.push_str(c.label_in(lang)),
            Err(refusal) => {
                write!(
                    out,
                    "{} — {}",
                    lang.pick("không đánh giá được", "not assessed"),
                    refusal.reason_in(lang)
                )?;
                // Without a verdict, paces would be read as one: none.
                return Ok(());
            }
        }
        let achieved = self.category() == Some(Category::TargetAchieved);
        // The projection and the gap.
        if let Some(projected) = self.projected.filter(|_| !achieved) {
            let deadline = period(self.deadline, lang);
            let shown = match self.projected_place() {
                Some(place) => format!(
                    "{} {place} {deadline} ({})",
                    lang.pick("dự báo hạng", "projected rank"),
                    lang.pick("làm tròn lên", "rounded up")
                ),
                None => format!(
                    "{} {} {deadline}",
                    lang.pick("dự báo", "projected"),
                    ValueShown(round_dp(projected, 2).normalize(), kind, lang)
                ),
            };
            let shown = if lang == Lang::En {
                shown.replacen(&format!(" {deadline}"), &format!(" in {deadline}"), 1)
            } else {
                shown
            };
            write!(out, " — {shown}")?;
            match (self.shortfall(), self.rule, lang) {
                (None, rule, _) => write!(out, ", {}", RuleIn(rule, kind, lang))?,
                (Some(gap), Rule::WithinTop(n), Lang::Vi) => {
                    write!(out, ", còn thiếu {} bậc để vào top {n}", number(gap, lang))?;
                }
                (Some(gap), Rule::WithinTop(n), Lang::En) => {
                    let s = if gap == Decimal::ONE { "" } else { "s" };
                    write!(out, ", {} place{s} short of the top {n}", number(gap, lang))?;
                }
                (Some(gap), rule, _) if gap.is_zero() => write!(
                    out,
                    ", {} {}",
                    lang.pick("đúng ngưỡng, chưa", "on the threshold, not"),
                    RuleIn(rule, kind, lang)
                )?,
                (Some(gap), rule, _) => {
                    let gap = round_dp(gap, 2).normalize();
                    let unit = match kind {
                        MetricKind::Percent | MetricKind::GrowthRate => {
                            lang.pick(" điểm %", " points")
                        }
                        _ => "",
                    };
                    match lang {
                        Lang::Vi => write!(
                            out,
                            ", còn thiếu {}{unit} để đạt yêu cầu {}",
                            number(gap, lang),
                            RuleIn(rule, kind, lang)
                        )?,
                        Lang::En => write!(
                            out,
                            ", {}{unit} short of {}",
                            number(gap, lang),
                            RuleIn(rule, kind, lang)
                        )?,
                    }
                }
            }
        }
        // The paces: compound growth for the compound methods, else the
        // change a year, observed and still needed from the same start.
        if compound && self.observed_growth.is_some() {
            if let Some(g) = self.observed_growth {
                write!(
                    out,
                    " · {} {}%/{}",
                    lang.pick("tăng trưởng kép thực tế", "observed compound growth"),
                    number(round_dp(g, 2).normalize(), lang),
                    lang.pick("năm", "yr")
                )?;
            }
            if let Some(g) = self.required_growth {
                write!(
                    out,
                    " · {} {}%/{}",
                    lang.pick("cần", "needed"),
                    number(round_dp(g, 2).normalize(), lang),
                    lang.pick("năm", "yr")
                )?;
                if let Some(base) = self.base {
                    write!(
                        out,
                        " {} {}",
                        lang.pick("từ năm gốc", "from the base"),
                        bare(base.period(), lang)
                    )?;
                }
            }
        } else {
            if let Some(pace) = self.observed_pace {
                write!(
                    out,
                    " · {} {}",
                    lang.pick("thực tế", "observed:"),
                    PaceShown(pace, kind, lang)
                )?;
            }
            let needed = self.required_pace.filter(|r| {
                // Nothing is needed once the start meets the rule.
                !achieved
                    && r.checked_mul(direction(self.rule))
                        .is_some_and(|d| d > Decimal::ZERO)
            });
            if let Some(needed) = needed {
                write!(
                    out,
                    " · {} {} {} {}",
                    lang.pick("cần", "needed:"),
                    PaceShown(needed, kind, lang),
                    lang.pick("từ", "from"),
                    start_shown(self.pace_from, kind, lang)
                )?;
                if self.method == Method::LeastSquares {
                    out.push_str(lang.pick(
                        " (giá trị hiện tại của đường xu thế)",
                        " (the trend line's present value)",
                    ));
                }
            }
        }
        // What the ratio means.
        if let Some(r) = self.ratio.filter(|_| !achieved) {
            let away = r < Decimal::ZERO;
            let shown = percent(r.abs(), lang);
            let sign = if away { "−" } else { "" };
            let meaning = match (self.method, away, lang) {
                (Method::LeastSquares | Method::DestatisLinear, false, Lang::Vi) => {
                    format!("với tốc độ này, đến hạn đi được {shown} quãng đường còn lại")
                }
                (Method::LeastSquares | Method::DestatisLinear, false, Lang::En) => {
                    format!("at this pace, {shown} of the distance left is covered by the deadline")
                }
                (Method::LeastSquares | Method::DestatisLinear, true, Lang::Vi) => {
                    format!("với tốc độ này, đến hạn còn xa thêm {shown} quãng đường còn lại")
                }
                (Method::LeastSquares | Method::DestatisLinear, true, Lang::En) => {
                    format!("at this pace, it moves away by {shown} of the distance left")
                }
                (Method::UnsdProjection, _, Lang::Vi) => format!(
                    "tỷ số {sign}{shown}: dự báo đi được {sign}{shown} quãng đường từ năm gốc đến ngưỡng"
                ),
                (Method::UnsdProjection, _, Lang::En) => format!(
                    "ratio {sign}{shown}: the projection covers {sign}{shown} of the distance from the base to the threshold"
                ),
                (_, _, Lang::Vi) => {
                    format!("tỷ số {sign}{shown}: tăng trưởng thực tế bằng {sign}{shown} mức cần")
                }
                (_, _, Lang::En) => format!(
                    "ratio {sign}{shown}: observed growth is {sign}{shown} of the growth needed"
                ),
            };
            write!(out, " · {meaning}")?;
        }
        Ok(())
    }
}
