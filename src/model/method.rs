//! The progress methods a catalogue can name for its indicators.

use std::fmt;
use std::str::FromStr;

use crate::foundations::error::{Error, ErrorKind};
use crate::foundations::text::quoted;

/// How progress towards a target is assessed.
///
/// | method | name | observed pace | compares | categories |
/// | --- | --- | --- | --- | --- |
/// | [`Method::LeastSquares`] (default) | `least_squares` | slope of the status's own line | the line at the deadline with the rule | achieved, on track, off track |
/// | [`Method::EurostatCagr`] | `eurostat_cagr_5`, `eurostat_cagr_15` | compound annual growth over the last 5 or 15 years | observed with required growth | significant, moderate, insufficient progress, movement away |
/// | [`Method::OpenSdg`] | `open_sdg` | compound annual growth from the base | observed with required growth, signed by direction | achieved, substantial, moderate, limited progress, deterioration |
/// | [`Method::UnsdProjection`] | `unsd_projection` | compound annual growth from the base | projected value at the deadline with the distance from the base | achieved, substantial, moderate, marginal progress, stagnation, regression |
/// | [`Method::DestatisLinear`] | `destatis_linear` | mean of the last five yearly changes (three or four where only four or five points exist) | linear extrapolation with the distance still to go | sun, partly cloudy, cloudy, thunderstorm |
///
/// ```
/// use policy_targets::Method;
/// let m: Method = "eurostat_cagr_5".parse()?;
/// assert_eq!(m, Method::EurostatCagr { years: 5 });
/// assert_eq!(m.to_string(), "eurostat_cagr_5");
/// assert_eq!(Method::default(), Method::LeastSquares);
/// # Ok::<(), policy_targets::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Method {
    /// The ordinary least-squares line the status rests on, through the points of the last
    /// five years, read at the deadline. The default.
    #[default]
    LeastSquares,
    /// Eurostat's ratio of observed to required compound annual growth, over
    /// the last `years` years of data (Eurostat uses 5 and 15).
    EurostatCagr {
        /// The length of the assessed window, in years.
        years: u8,
    },
    /// The Statistics Canada / Open SDG variant of the Eurostat ratio:
    /// "target achieved" first, and the ratio signed by direction.
    OpenSdg,
    /// The UN Statistics Division's projection ratio: the value projected at
    /// the deadline by compound growth, against the distance from the base.
    UnsdProjection,
    /// The linear method of the German statistics office (Destatis): the
    /// mean of the last five yearly changes (of three or four where only
    /// four or five points exist), extrapolated to the deadline.
    DestatisLinear,
}

impl Method {
    /// Every method with its usual parameters, in the order of the table above.
    pub const ALL: [Method; 6] = [
        Method::LeastSquares,
        Method::EurostatCagr { years: 5 },
        Method::EurostatCagr { years: 15 },
        Method::OpenSdg,
        Method::UnsdProjection,
        Method::DestatisLinear,
    ];

    /// Checks that the formats can write the method: a Eurostat window of 1
    /// to 50 years. The problem in words when they cannot.
    pub(crate) fn check(self) -> Result<(), String> {
        match self {
            Method::EurostatCagr { years } if !(1..=50).contains(&years) => Err(format!(
                "eurostat_cagr_{years}: the window is 1 to 50 years"
            )),
            _ => Ok(()),
        }
    }

    /// Whether the method needs compound growth (refused on ranks, growth
    /// rates, and zero or negative values).
    #[must_use]
    pub fn is_compound(self) -> bool {
        matches!(
            self,
            Method::EurostatCagr { .. } | Method::OpenSdg | Method::UnsdProjection
        )
    }
}

impl fmt::Display for Method {
    /// The method's name in the formats: `least_squares`, `eurostat_cagr_5`, ...
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Method::LeastSquares => f.write_str("least_squares"),
            Method::EurostatCagr { years } => write!(f, "eurostat_cagr_{years}"),
            Method::OpenSdg => f.write_str("open_sdg"),
            Method::UnsdProjection => f.write_str("unsd_projection"),
            Method::DestatisLinear => f.write_str("destatis_linear"),
        }
    }
}

impl FromStr for Method {
    type Err = Error;

    /// Parses a method name; `eurostat_cagr_N` takes any window of 1 to 50 years.
    fn from_str(s: &str) -> Result<Method, Error> {
        let method = match s {
            "least_squares" => Some(Method::LeastSquares),
            "open_sdg" => Some(Method::OpenSdg),
            "unsd_projection" => Some(Method::UnsdProjection),
            "destatis_linear" => Some(Method::DestatisLinear),
            _ => s
                .strip_prefix("eurostat_cagr_")
                .filter(|n| !n.starts_with('0') && n.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|n| n.parse::<u8>().ok())
                .filter(|n| (1..=50).contains(n))
                .map(|years| Method::EurostatCagr { years }),
        };
        method.ok_or_else(|| {
            Error::single(
                ErrorKind::InvalidValue,
                "",
                format!(
                    "{} is not a progress method: use least_squares, eurostat_cagr_5, \
                     eurostat_cagr_15, open_sdg, unsd_projection or destatis_linear",
                    quoted(s)
                ),
            )
        })
    }
}
