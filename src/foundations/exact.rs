//! Exact arithmetic on 128-bit integers: fractions, powers of ten, wide
//! products, and the least-squares line kept as a fraction, so that a
//! projection is compared with a rule without rounding (and is absent, never
//! rounded, where the exact sums do not fit).

use std::cmp::Ordering;

use rust_decimal::Decimal;

/// A value a least-squares line can be fitted through, as an exact fraction.
pub(crate) trait Fractional: Copy {
    /// The value as `num / den` with `den > 0`; `None` when it does not fit.
    fn fraction(self) -> Option<(i128, i128)>;

    /// The same fraction as [`Fractional::fraction`] when its numerator
    /// fits in an i64 and its denominator in a u64 (the usual values); a
    /// cheaper reading for the fast sums of [`Line::fit`]. `None` says only
    /// that the general path is to take the value.
    #[inline]
    fn small(self) -> Option<(i64, u64)> {
        let (num, den) = self.fraction()?;
        Some((i64::try_from(num).ok()?, u64::try_from(den).ok()?))
    }
}

/// Whether `num / den` (`den > 0`) lies within a decimal's range,
/// `|num / den| ≤ 79228162514264337593543950335`, decided without dividing.
#[inline]
pub(crate) fn fits_decimal(num: i128, den: i128) -> bool {
    const DECIMAL_MAX: i128 = 79_228_162_514_264_337_593_543_950_335;
    // The usual case: `|num / den| ≤ |num| ≤ max` when `den ≥ 1`.
    if den > 0 && num.unsigned_abs() <= DECIMAL_MAX.unsigned_abs() {
        return true;
    }
    // When `den × max` does not fit in an i128, it exceeds every i128 `num`.
    den.checked_mul(DECIMAL_MAX)
        .is_none_or(|limit| num.unsigned_abs() <= limit.unsigned_abs())
}

/// `10^exp` for the scales a decimal can have (0 to 28).
#[inline]
pub(crate) fn pow10(exp: u32) -> Option<i128> {
    const POW10: [i128; 29] = [
        1,
        10,
        100,
        1000,
        10000,
        100000,
        1000000,
        10000000,
        100000000,
        1000000000,
        10000000000,
        100000000000,
        1000000000000,
        10000000000000,
        100000000000000,
        1000000000000000,
        10000000000000000,
        100000000000000000,
        1000000000000000000,
        10000000000000000000,
        100000000000000000000,
        1000000000000000000000,
        10000000000000000000000,
        100000000000000000000000,
        1000000000000000000000000,
        10000000000000000000000000,
        100000000000000000000000000,
        1000000000000000000000000000,
        10000000000000000000000000000,
    ];
    POW10.get(usize::try_from(exp).ok()?).copied()
}

/// `10^exp` for the scales whose power of ten fits in a u64 (0 to 19).
#[inline]
pub(crate) fn pow10_u64(exp: u32) -> Option<u64> {
    pow10(exp).and_then(|p| u64::try_from(p).ok())
}

#[inline]
fn gcd(a: i128, b: i128) -> i128 {
    // 64-bit division is done in hardware; 128-bit division is not.
    if let (Ok(mut a), Ok(mut b)) = (u64::try_from(a), u64::try_from(b)) {
        while b != 0 {
            (a, b) = (b, a.checked_rem(b).unwrap_or(0));
        }
        return i128::from(a);
    }
    let (mut a, mut b) = (a, b);
    while b != 0 {
        (a, b) = (b, a.checked_rem(b).unwrap_or(0));
    }
    a.checked_abs().unwrap_or(1)
}

/// The least common multiple of two positive numbers; `a` when `b` divides
/// it already (the usual case: every point has the same denominator).
#[inline]
fn lcm(a: i128, b: i128) -> Option<i128> {
    if a == b || b == 1 {
        return Some(a);
    }
    a.checked_div(gcd(a, b))?.checked_mul(b)
}

/// Running least-squares sums; `y` values are whole numbers over `unit`.
#[derive(Debug, Clone, Copy)]
struct Sums {
    n: i128,
    sx: i128,
    sy: i128,
    sxx: i128,
    sxy: i128,
    unit: i128,
}

impl Default for Sums {
    fn default() -> Self {
        Sums {
            n: 0,
            sx: 0,
            sy: 0,
            sxx: 0,
            sxy: 0,
            unit: 1,
        }
    }
}

impl Sums {
    /// Adds the point `(x, num / den)`; `None` on overflow.
    #[inline]
    fn add(&mut self, x: i128, num: i128, den: i128) -> Option<()> {
        if den != self.unit {
            let unit = lcm(self.unit, den)?;
            let k = unit.checked_div(self.unit)?;
            if k != 1 {
                self.sy = self.sy.checked_mul(k)?;
                self.sxy = self.sxy.checked_mul(k)?;
                self.unit = unit;
            }
        }
        let y = if den == self.unit {
            num
        } else {
            num.checked_mul(self.unit.checked_div(den)?)?
        };
        self.n = self.n.checked_add(1)?;
        self.sx = self.sx.checked_add(x)?;
        self.sy = self.sy.checked_add(y)?;
        self.sxx = self.sxx.checked_add(mul(x, x)?)?;
        self.sxy = self.sxy.checked_add(mul(x, y)?)?;
        Some(())
    }

    #[inline]
    fn line(self) -> Option<Line> {
        let Sums {
            n,
            sx,
            sy,
            sxx,
            sxy,
            unit,
        } = self;
        let d = mul(n, sxx)?.checked_sub(mul(sx, sx)?)?;
        let slope_num = mul(n, sxy)?.checked_sub(mul(sx, sy)?)?;
        (d > 0).then_some(Line {
            n,
            sx,
            sy,
            d,
            slope_num,
            unit,
        })
    }
}

/// How many points a fit saw, and whether they lie at two x or more.
#[derive(Debug, Clone, Copy, Default)]
struct Seen {
    count: u32,
    first_x: Option<i128>,
    distinct: bool,
}

impl Seen {
    /// Notes a point at `x`.
    #[inline]
    fn see(&mut self, x: i128) {
        self.count = self.count.saturating_add(1);
        self.distinct |= self.first_x.is_some_and(|x0| x0 != x);
        self.first_x = self.first_x.or(Some(x));
    }

    /// The fit of the points seen, whose sums are `sums` (`None` on overflow).
    #[inline]
    fn fit(self, sums: Option<Sums>) -> Fit {
        if self.count < 2 || !self.distinct {
            return Fit::TooFewPoints(self.count);
        }
        sums.and_then(Sums::line)
            .map_or(Fit::Overflow(self.count), |line| {
                Fit::Line(line, self.count)
            })
    }
}

/// The sums of [`Sums`] in 64-bit integers, for points that all have one
/// denominator `unit` (`1` when there is no point) and whose sums fit in
/// an i64 (checked at each point here; proven up front by the window's
/// walk of the usual series in the projection).
#[derive(Debug, Clone, Copy)]
pub(crate) struct SmallSums {
    pub(crate) n: u32,
    pub(crate) sx: i64,
    pub(crate) sy: i64,
    pub(crate) sxx: i64,
    pub(crate) sxy: i64,
    pub(crate) unit: u64,
}

impl SmallSums {
    /// No point yet, over the denominator `unit`.
    #[inline]
    pub(crate) const fn empty(unit: u64) -> SmallSums {
        SmallSums {
            n: 0,
            sx: 0,
            sy: 0,
            sxx: 0,
            sxy: 0,
            unit,
        }
    }

    /// The fit through `points` when every point is small
    /// ([`Fractional::small`]) and has the first one's denominator, and no
    /// sum leaves an i64: the fit [`Line::fit_general`] makes through them.
    /// `None` as soon as one is not.
    #[inline]
    fn fit<P: Fractional>(points: impl Iterator<Item = (i128, P)>) -> Option<Fit> {
        let mut s = SmallSums::empty(1);
        for (x, r) in points {
            let x = i64::try_from(x).ok()?;
            let (y, den) = r.small()?;
            if den != s.unit {
                // The first point sets the denominator: `Sums::add` makes
                // `unit = lcm(1, den) = den` and scales its zero sums.
                if s.n != 0 || den == 0 {
                    return None;
                }
                s.unit = den;
            }
            s.n = s.n.checked_add(1)?;
            s.sx = s.sx.checked_add(x)?;
            s.sy = s.sy.checked_add(y)?;
            s.sxx = s.sxx.checked_add(x.checked_mul(x)?)?;
            s.sxy = s.sxy.checked_add(x.checked_mul(y)?)?;
        }
        Some(s.finish())
    }

    /// The fit of points whose exact sums these are.
    #[inline]
    pub(crate) fn finish(self) -> Fit {
        let s = self;
        // The sums are exact, so the points lie at two x or more exactly
        // when `n·Σx² − (Σx)² = Σ_{i<j} (x_i − x_j)²` is not 0 (`n < 2^32`
        // and `|Σx|, Σx² < 2^63`: both products are below 2^126).
        let (n, sx, sxx) = (i128::from(s.n), i128::from(s.sx), i128::from(s.sxx));
        let seen = Seen {
            count: s.n,
            first_x: None,
            distinct: n.wrapping_mul(sxx) != sx.wrapping_mul(sx),
        };
        seen.fit(Some(Sums {
            n,
            sx,
            sy: i128::from(s.sy),
            sxx,
            sxy: i128::from(s.sxy),
            unit: i128::from(s.unit),
        }))
    }
}

/// `a × b`, `None` on overflow. Factors that fit in 64 bits (days, and the
/// usual values) multiply without the cost of an overflow check: their
/// product is below 2^126 and cannot overflow an i128.
#[inline]
fn mul(a: i128, b: i128) -> Option<i128> {
    match (i64::try_from(a), i64::try_from(b)) {
        (Ok(a), Ok(b)) => Some(i128::from(a).wrapping_mul(i128::from(b))),
        _ => a.checked_mul(b),
    }
}

/// A least-squares fit: a line through so many points, or why there is none.
#[derive(Clone, Copy)]
#[cfg_attr(test, derive(Debug, PartialEq, Eq))]
pub(crate) enum Fit {
    Line(Line, u32),
    TooFewPoints(u32),
    Overflow(u32),
}

/// A least-squares line over values scaled to whole numbers.
#[derive(Clone, Copy)]
#[cfg_attr(test, derive(Debug, PartialEq, Eq))]
pub(crate) struct Line {
    n: i128,
    sx: i128,
    sy: i128,
    /// `n·Σx² − (Σx)²`, positive when there are two distinct x.
    d: i128,
    /// `n·Σxy − Σx·Σy`.
    slope_num: i128,
    /// Values were multiplied by `unit`.
    unit: i128,
}

impl Line {
    /// Fits the line through `points`, allocating nothing. Values are
    /// summed as whole numbers over their common denominator `unit`; when
    /// a point brings a new denominator, the sums so far are scaled up.
    /// When the exact sums overflow there is no line ([`Fit::Overflow`]): a
    /// value is never rounded to make one.
    ///
    /// The usual series (one denominator, small values: [`SmallSums`]) is
    /// summed in 64-bit integers; any other is summed again by
    /// [`Line::fit_general`], which gives the same fit for the usual ones.
    #[inline]
    pub(crate) fn fit<P: Fractional>(points: impl Iterator<Item = (i128, P)> + Clone) -> Fit {
        SmallSums::fit(points.clone()).unwrap_or_else(|| Self::fit_general(points))
    }

    /// Fits the line in one pass over `points` with the general [`Sums`],
    /// which take any denominators and values their 128-bit sums hold.
    pub(crate) fn fit_general<P: Fractional>(points: impl Iterator<Item = (i128, P)>) -> Fit {
        let (mut sums, mut seen) = (Some(Sums::default()), Seen::default());
        for (x, r) in points {
            seen.see(x);
            sums = sums.and_then(|mut s| {
                let (num, den) = r.fraction()?;
                s.add(x, num, den)?;
                Some(s)
            });
        }
        seen.fit(sums)
    }

    /// The slope (value units a day) times `k`: `N·k / (D·unit)`.
    #[inline]
    pub(crate) fn slope_times(&self, k: Decimal) -> Option<Decimal> {
        let num = Decimal::try_from_i128_with_scale(self.slope_num, 0).ok()?;
        let den = Decimal::try_from_i128_with_scale(mul(self.d, self.unit)?, 0).ok()?;
        num.checked_mul(k)?.checked_div(den)
    }

    /// The line's value at `x` as a fraction `(num, den)` with `den > 0`:
    /// `ȳ + slope·(x − x̄) = (Σy·D + N·(n·x − Σx)) / (n·D)`, in value units.
    #[inline]
    pub(crate) fn at(&self, x: i128) -> Option<(i128, i128)> {
        let dx = mul(self.n, x)?.checked_sub(self.sx)?;
        let num = mul(self.sy, self.d)?.checked_add(mul(self.slope_num, dx)?)?;
        let den = mul(mul(self.n, self.d)?, self.unit)?;
        Some((num, den))
    }
}

/// Orders `a·b` against `c·d` exactly, whatever their size.
#[inline]
pub(crate) fn cmp_products(a: i128, b: i128, c: i128, d: i128) -> Ordering {
    // Factors within an i64 (the usual ones) have products within ±2^126.
    if let (Ok(a), Ok(b), Ok(c), Ok(d)) = (
        i64::try_from(a),
        i64::try_from(b),
        i64::try_from(c),
        i64::try_from(d),
    ) {
        let left = i128::from(a).wrapping_mul(i128::from(b));
        let right = i128::from(c).wrapping_mul(i128::from(d));
        return left.cmp(&right);
    }
    let sign = |x: i128, y: i128| -> i8 {
        if x == 0 || y == 0 {
            0
        } else if (x < 0) == (y < 0) {
            1
        } else {
            -1
        }
    };
    let (s1, s2) = (sign(a, b), sign(c, d));
    if s1 != s2 {
        return s1.cmp(&s2);
    }
    let left = mul_wide(a.unsigned_abs(), b.unsigned_abs());
    let right = mul_wide(c.unsigned_abs(), d.unsigned_abs());
    match s1 {
        1 => left.cmp(&right),
        -1 => right.cmp(&left),
        _ => Ordering::Equal,
    }
}

/// Orders two decimals by value, as `a.cmp(&b)` does: by their mantissas
/// brought to one scale, without rust_decimal's rescaling where both are
/// short (mantissas within an i64, scales at most 19 apart).
#[inline]
pub(crate) fn cmp_decimals(a: Decimal, b: Decimal) -> Ordering {
    let (sa, sb) = (a.scale(), b.scale());
    if let (Ok(ma), Ok(mb)) = (i64::try_from(a.mantissa()), i64::try_from(b.mantissa())) {
        // `a = ma / 10^sa`, `b = mb / 10^sb`: compare `ma·10^sb` with
        // `mb·10^sa` over `10^(sa+sb)`, the smaller scale's side scaled up
        // by `10^|sa−sb|` (below 2^64): each product is within ±2^127.
        let (ma, mb) = (i128::from(ma), i128::from(mb));
        if let Some(k) = sb.checked_sub(sa).and_then(pow10_u64) {
            return ma.wrapping_mul(i128::from(k)).cmp(&mb);
        }
        if let Some(k) = sa.checked_sub(sb).and_then(pow10_u64) {
            return ma.cmp(&mb.wrapping_mul(i128::from(k)));
        }
    }
    a.cmp(&b)
}

/// The full product of two `u128` as (high, low) halves.
#[inline]
pub(crate) fn mul_wide(a: u128, b: u128) -> (u128, u128) {
    const LO: u128 = u64::MAX as u128;
    let (a_hi, a_lo) = (a >> 64, a & LO);
    let (b_hi, b_lo) = (b >> 64, b & LO);
    // Each partial product of two 64-bit halves fits in u128.
    let ll = a_lo.wrapping_mul(b_lo);
    let lh = a_lo.wrapping_mul(b_hi);
    let hl = a_hi.wrapping_mul(b_lo);
    let hh = a_hi.wrapping_mul(b_hi);
    let (mid, carry_mid) = lh.overflowing_add(hl);
    let (low, carry_low) = ll.overflowing_add(mid << 64);
    let high = hh
        .wrapping_add(mid >> 64)
        .wrapping_add(u128::from(carry_mid) << 64)
        .wrapping_add(u128::from(carry_low));
    (high, low)
}

/// `num / den` as a decimal, where one holds it.
#[inline]
pub(crate) fn to_decimal(num: i128, den: i128) -> Option<Decimal> {
    let n = Decimal::try_from_i128_with_scale(num, 0).ok()?;
    let d = Decimal::try_from_i128_with_scale(den, 0).ok()?;
    n.checked_div(d)
}

/// `d.round_dp(dp)` (to `dp` places, a half to the even neighbour), worked
/// on the 128-bit mantissa with one division: rust_decimal's own rounding
/// of a 28-place quotient cost two thousand instructions, and a results
/// document rounds six values a target.
pub(crate) fn round_dp(d: Decimal, dp: u32) -> Decimal {
    let scale = d.scale();
    let Some(div) = scale.checked_sub(dp).filter(|k| *k > 0).and_then(pow10) else {
        // Nothing to round (or a scale rust_decimal never gives).
        return d.round_dp(dp);
    };
    let m = d.mantissa();
    let (Some(q), Some(r)) = (m.checked_div(div), m.checked_rem(div)) else {
        return d.round_dp(dp);
    };
    let twice = r.unsigned_abs().saturating_mul(2);
    let away = match twice.cmp(&div.unsigned_abs()) {
        Ordering::Greater => true,
        Ordering::Less => false,
        Ordering::Equal => q.checked_rem(2) != Some(0),
    };
    let q = if away {
        q.checked_add(m.signum())
    } else {
        Some(q)
    };
    // A value rounded to zero is a positive zero, as rust_decimal's is.
    q.and_then(|q| Decimal::try_from_i128_with_scale(q, dp).ok())
        .unwrap_or_else(|| d.round_dp(dp))
}

#[cfg(test)]
mod tests {
    proptest::proptest! {
        /// The fast rounding gives rust_decimal's, digit for digit and sign
        /// for sign, for any decimal and any number of places.
        #[test]
        fn round_dp_is_rust_decimals(
            lo: u32, mid: u32, hi: u32, negative: bool, scale in 0u32..=28, dp in 0u32..=28, small in 0u32..4,
        ) {
            // Short mantissas (and exact halves) as often as long ones.
            let (lo, mid, hi) = match small {
                0 => (lo % 100_000, 0, 0),
                1 => (10u32.pow(scale.min(9).saturating_sub(1)).saturating_mul(5), 0, 0),
                _ => (lo, mid, hi),
            };
            let d = Decimal::from_parts(lo, mid, hi, negative, scale);
            let fast = round_dp(d, dp);
            let slow = d.round_dp(dp);
            proptest::prop_assert_eq!(fast, slow);
            proptest::prop_assert_eq!(fast.to_string(), slow.to_string());
        }
    }

    use super::*;
    use crate::model::reading::Reading;
    use proptest::prelude::*;

    /// A series' x: mostly days of a five-year window, often repeated,
    /// sometimes far outside an i32 or an i64.
    fn x_strategy() -> impl Strategy<Value = i128> {
        prop_oneof![
            6 => -1826i128..=0,
            2 => prop::sample::select(vec![-365i128, -30, 0]),
            1 => any::<i64>().prop_map(i128::from),
            1 => any::<i128>(),
        ]
    }

    /// A numerator: mostly small, sometimes at the ends of an i64 or i128.
    fn num_strategy() -> impl Strategy<Value = i128> {
        prop_oneof![
            6 => -1_000_000i128..=1_000_000,
            2 => any::<i64>().prop_map(i128::from),
            1 => prop::sample::select(vec![
                i128::from(i64::MAX), i128::from(i64::MIN), i128::MAX, i128::MIN, i128::MAX / 3,
            ]),
            1 => any::<i128>(),
        ]
    }

    /// A denominator: mostly the series' own, sometimes another (a power
    /// of ten, a share's count, one beyond a u64).
    fn den_strategy(own: i128) -> impl Strategy<Value = i128> {
        prop_oneof![
            8 => Just(own),
            2 => prop::sample::select(vec![
                1i128, 3, 7, 10, 100, 1000, 1 << 40, 10i128.pow(19), 10i128.pow(28), i128::MAX,
            ]),
        ]
    }

    /// A series: all of one denominator with days for x (the fast sums'
    /// case), the same with one point of anything put in, or anything.
    fn series_strategy() -> impl Strategy<Value = Vec<(i128, F)>> {
        let own = prop::sample::select(vec![1i128, 10, 100, 1000, 3, 10i128.pow(19), 1 << 64]);
        let clean = (own, prop::bool::weighted(0.2)).prop_flat_map(|(own, big)| {
            let small = -1_000_000i128..=1_000_000;
            let num = if big {
                prop_oneof![
                    4 => small,
                    1 => any::<i64>().prop_map(i128::from),
                    1 => prop::sample::select(vec![i128::from(i64::MAX), i128::from(i64::MIN)]),
                ]
                .boxed()
            } else {
                small.boxed()
            };
            prop::collection::vec(
                (
                    prop_oneof![3 => -1826i128..=0, 1 => prop::sample::select(vec![-365i128, 0])],
                    num,
                )
                    .prop_map(move |(x, num)| (x, F(num, own))),
                0..40,
            )
        });
        let any_point = (x_strategy(), num_strategy(), den_strategy(7))
            .prop_map(|(x, num, den)| (x, F(num, den)));
        let mixed = own_free_series();
        prop_oneof![
            4 => clean.clone(),
            3 => (clean, any_point, any::<prop::sample::Index>()).prop_map(|(mut v, p, at)| {
                v.insert(at.index(v.len().saturating_add(1)), p);
                v
            }),
            2 => mixed,
        ]
    }

    /// A series of any points, mostly of one denominator.
    fn own_free_series() -> impl Strategy<Value = Vec<(i128, F)>> {
        prop::sample::select(vec![1i128, 10, 100, 1000, 3, 10i128.pow(19), 1 << 64]).prop_flat_map(
            |own| {
                prop::collection::vec(
                    (x_strategy(), num_strategy(), den_strategy(own))
                        .prop_map(|(x, num, den)| (x, F(num, den))),
                    0..40,
                )
            },
        )
    }

    /// Readings as the store holds them: decimals of any scale and
    /// mantissa (often short, often the series' own scale) and shares.
    fn reading_strategy(scale: u32) -> impl Strategy<Value = Reading> {
        prop_oneof![
            30 => (-1_000_000i64..=1_000_000).prop_map(move |m| Reading::Value(Decimal::new(m, scale))),
            1 => (any::<u32>(), any::<u32>(), any::<u32>(), any::<bool>(), 0u32..=28)
                .prop_map(|(lo, mid, hi, neg, sc)| Reading::Value(Decimal::from_parts(lo, mid, hi, neg, sc))),
            1 => (0u64..=1000).prop_map(|n| Reading::Ratio { numerator: n, denominator: 1000 }),
            1 => (any::<u64>(), 1u64..).prop_map(|(n, d)| Reading::Ratio { numerator: n, denominator: d }),
        ]
    }

    /// The fits agree: the same variant and count, the same line (its
    /// sums), and the same values along it.
    fn assert_same_fit(fast: Fit, general: Fit) -> Result<(), TestCaseError> {
        prop_assert_eq!(fast, general);
        if let (Fit::Line(a, _), Fit::Line(b, _)) = (fast, general) {
            for x in [-1826, -1, 0, 1, 365, 1_000_000, i128::from(i64::MAX)] {
                prop_assert_eq!(a.at(x), b.at(x));
            }
            prop_assert_eq!(
                a.slope_times(Decimal::new(36525, 2)),
                b.slope_times(Decimal::new(36525, 2))
            );
        }
        Ok(())
    }

    proptest! {
        /// The short comparison of decimals is rust_decimal's.
        #[test]
        fn decimals_compare_as_rust_decimal_does(
            a in (any::<i64>(), 0u32..=28), b in (any::<i64>(), 0u32..=28),
            wide in (any::<u32>(), any::<u32>(), any::<u32>(), any::<bool>(), 0u32..=28), pick in 0u8..4,
        ) {
            let short = |(m, s): (i64, u32)| Decimal::new(m, s);
            let wide = Decimal::from_parts(wide.0, wide.1, wide.2, wide.3, wide.4);
            let (x, y) = match pick {
                0 => (short(a), short(b)),
                1 => (short(a), wide),
                2 => (wide, short(b)),
                _ => (short((a.0 % 1000, a.1 % 4)), short((b.0 % 1000, b.1 % 4))),
            };
            prop_assert_eq!(cmp_decimals(x, y), x.cmp(&y));
            prop_assert_eq!(cmp_decimals(y, x), y.cmp(&x));
            prop_assert_eq!(cmp_decimals(x, x), Ordering::Equal);
        }

        /// Products compare as their exact 256-bit values do.
        #[test]
        fn products_compare_as_wide_products_do(
            v in prop::collection::vec(prop_oneof![
                any::<i64>().prop_map(i128::from), any::<i128>(), -1000i128..1000,
            ], 4),
        ) {
            let (a, b, c, d) = (v[0], v[1], v[2], v[3]);
            let wide = |x: i128, y: i128| {
                let negative = (x < 0) != (y < 0) && x != 0 && y != 0;
                (negative, mul_wide(x.unsigned_abs(), y.unsigned_abs()))
            };
            let ((nl, l), (nr, r)) = (wide(a, b), wide(c, d));
            let expected = match (nl, nr) {
                (false, true) => Ordering::Greater,
                (true, false) => Ordering::Less,
                (false, false) => l.cmp(&r),
                (true, true) => r.cmp(&l),
            };
            prop_assert_eq!(cmp_products(a, b, c, d), expected);
        }

        /// The quick answer of `fits_decimal` is its exact one.
        #[test]
        fn fits_decimal_is_exact(num: i128, den in 1i128..) {
            let max = Decimal::MAX.mantissa();
            let exact = match den.checked_mul(max) {
                Some(limit) => num.unsigned_abs() <= limit.unsigned_abs(),
                None => true,
            };
            prop_assert_eq!(fits_decimal(num, den), exact);
            prop_assert_eq!(fits_decimal(num % 1_000_000, den), true);
        }

        /// The fast sums give the general fit (or leave it to the general
        /// sums), whatever the denominators, sizes and repeats of x: the
        /// same line, the same count, the same overflow.
        #[test]
        fn fast_fit_is_the_general_fit(points in series_strategy()) {
            let fast = Line::fit(points.iter().copied());
            let general = Line::fit_general(points.iter().copied());
            assert_same_fit(fast, general)?;
        }

        /// The same for readings, read by [`Reading::small`] on the fast path.
        #[test]
        fn fast_fit_of_readings_is_the_general_fit(
            points in (0u32..=6, any::<bool>()).prop_flat_map(|(scale, ratios)| {
                let ratio = (0u64..=1000).prop_map(|n| Reading::Ratio { numerator: n, denominator: 1000 });
                let reading = if ratios { ratio.boxed() } else { reading_strategy(scale).boxed() };
                let x = prop_oneof![8 => -1826i128..=0, 1 => x_strategy()];
                prop::collection::vec((x, prop_oneof![20 => reading, 1 => reading_strategy(scale)]), 0..40)
            })
        ) {
            let fast = Line::fit(points.iter().copied());
            let general = Line::fit_general(points.iter().copied());
            assert_same_fit(fast, general)?;
            for (_, r) in &points {
                if let Some((num, den)) = r.small() {
                    prop_assert_eq!(r.fraction(), Some((i128::from(num), i128::from(den))));
                }
            }
        }
    }

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    /// A point's value for the tests: an exact fraction.
    #[derive(Debug, Clone, Copy)]
    struct F(i128, i128);

    impl Fractional for F {
        fn fraction(self) -> Option<(i128, i128)> {
            Some((self.0, self.1))
        }
    }

    #[test]
    fn products_compare_exactly_and_by_sign() {
        assert_eq!(cmp_products(2, 3, 1, 6), Ordering::Equal);
        assert_eq!(cmp_products(-2, 3, 1, 6), Ordering::Less);
        assert_eq!(cmp_products(-2, 3, -1, 7), Ordering::Greater);
        assert_eq!(
            cmp_products(i128::MAX, i128::MAX, i128::MAX, i128::MAX - 1),
            Ordering::Greater
        );
        assert_eq!(cmp_products(0, 5, 0, -5), Ordering::Equal);
    }

    #[test]
    fn sums_rescale_to_new_denominators_exactly() {
        // 100/3 at x=-365, 35 at x=0, 7/20 of 100 = 35 again at x=-1: mixed
        // denominators 3, 1 and 20. Exact projection at x=365 computed by hand
        // with fractions: points (-365, 100/3), (-1, 35), (0, 35).
        let pts = [
            (-365, F(100, 3)), // a share of 1 in 3: 100/3
            (-1, F(700, 20)),  // a share of 7 in 20: 700/20
            (0, F(35, 1)),
        ];
        let Fit::Line(line, 3) = Line::fit(pts.into_iter()) else {
            panic!("no line")
        };
        let (num, den) = line.at(365).unwrap();
        // Σx = -366, Σx² = 133226, n = 3 → D = 3·133226 − 366² = 265722.
        // Σy = 100/3 + 70 = 310/3, Σxy = -36500/3 − 35 = -36605/3.
        // N = 3·Σxy − Σx·Σy = -36605 + 37820 = 1215.
        // value = (Σy·D + N·(3·365 + 366)) / (3·D) = (27457940 + 1775115) / 797166
        assert_eq!(cmp_products(num, 797_166, 29_233_055, den), Ordering::Equal);
    }

    #[test]
    fn mul_is_exact_or_none() {
        let (max, min) = (i128::from(i64::MAX), i128::from(i64::MIN));
        assert_eq!(mul(max, max), max.checked_mul(max));
        assert_eq!(mul(min, min), min.checked_mul(min)); // 2^126: the largest fast product
        assert_eq!(mul(min, max), min.checked_mul(max));
        assert_eq!(mul(-365, 7), Some(-2555));
        assert_eq!(mul(i128::MAX, 2), None);
        assert_eq!(mul(max.wrapping_add(1), i128::from(i64::MAX) * 4), None);
        assert_eq!(mul(1 << 70, 1 << 50), Some(1 << 120));
    }

    #[test]
    fn line_is_exact() {
        // y = 60 + 6 per 365 days, read 731 days after the last point at x=0.
        let pts = [(-730, 60), (-365, 66), (0, 72)].map(|(x, y)| (x, F(y, 1)));
        let Fit::Line(line, 3) = Line::fit(pts.into_iter()) else {
            panic!("no line")
        };
        let (num, den) = line.at(731).unwrap();
        let v = to_decimal(num, den).unwrap();
        assert_eq!(v.round_dp(6), d("84.016438"));
    }

    #[test]
    fn wide_products_are_exact() {
        assert_eq!(mul_wide(u128::MAX, u128::MAX), (u128::MAX - 1, 1));
        assert_eq!(mul_wide(1 << 64, 1 << 64), (1, 0));
        assert_eq!(mul_wide(12345, 6789), (0, 12345 * 6789));
    }
}
