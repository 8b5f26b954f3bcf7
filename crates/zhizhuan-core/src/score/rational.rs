//! Exact fractions for the values that are quotients: means of requirement scores, weighted
//! level scores, re-normalised weights, shares of a ratio. They are only ever compared with
//! thresholds or rounded for display, never accumulated through floats.
//!
//! Numerator and denominator are `i128`, kept reduced. Comparisons are always exact (the cross
//! products are formed in 256 bits). Sums and products whose exact denominator would not fit
//! in `i128` — possible only when N/A answers re-normalise weights into many unrelated
//! fractions — are rounded to 24 decimal places and marked inexact (shown with `≈`); the level
//! scores compared with thresholds are built so that this does not arise for the shipped
//! frameworks.

use std::cmp::Ordering;
use std::fmt;

use crate::decimal::Decimal;

const TEN_THOUSAND: i128 = 10_000;

/// A reduced fraction `num / den` with `den > 0`; `inexact` when rounded after an overflow.
#[derive(Debug, Clone, Copy)]
pub struct Rational {
    num: i128,
    den: i128,
    inexact: bool,
}

/// Denominator used when an exact result does not fit.
const FALLBACK_DEN: i128 = 1_000_000_000_000_000_000_000_000;

/// |a| · |b| as a 256-bit number (hi, lo).
fn wide_mul(a: u128, b: u128) -> (u128, u128) {
    let (a1, a0) = (a >> 64, a & u128::from(u64::MAX));
    let (b1, b0) = (b >> 64, b & u128::from(u64::MAX));
    let p00 = a0 * b0;
    let p01 = a0 * b1;
    let p10 = a1 * b0;
    let p11 = a1 * b1;
    let mid = (p00 >> 64) + (p01 & u128::from(u64::MAX)) + (p10 & u128::from(u64::MAX));
    let lo = (p00 & u128::from(u64::MAX)) | (mid << 64);
    let hi = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
    (hi, lo)
}

/// Exact comparison of a·b with c·d.
pub(crate) fn cmp_products(a: i128, b: i128, c: i128, d: i128) -> Ordering {
    if let (Some(x), Some(y)) = (a.checked_mul(b), c.checked_mul(d)) {
        return x.cmp(&y);
    }
    let sign = |x: i128, y: i128| {
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
    let m1 = wide_mul(a.unsigned_abs(), b.unsigned_abs());
    let m2 = wide_mul(c.unsigned_abs(), d.unsigned_abs());
    if s1 >= 0 { m1.cmp(&m2) } else { m2.cmp(&m1) }
}

/// Greatest common divisor. Reducing fractions is most of the arithmetic's cost, and 128-bit
/// division is a slow library call: values that fit in 64 bits use the machine's division,
/// larger ones the binary algorithm (shifts and subtractions only).
fn gcd(a: u128, b: u128) -> u128 {
    if let (Ok(mut x), Ok(mut y)) = (u64::try_from(a), u64::try_from(b)) {
        while y != 0 {
            (x, y) = (y, x % y);
        }
        return u128::from(x);
    }
    if a == 0 || b == 0 {
        return a | b;
    }
    let shift = (a | b).trailing_zeros();
    let (mut a, mut b) = (a >> a.trailing_zeros(), b);
    loop {
        b >>= b.trailing_zeros();
        if a > b {
            std::mem::swap(&mut a, &mut b);
        }
        b -= a;
        if b == 0 {
            return a << shift;
        }
    }
}

/// `a / b` truncated, with the machine's 64-bit division when both fit (128-bit division is a
/// long library routine, and most of the values here are small).
fn div(a: i128, b: i128) -> i128 {
    match (i64::try_from(a), i64::try_from(b)) {
        (Ok(x), Ok(y)) if y != -1 => i128::from(x / y),
        _ => a / b,
    }
}

fn overflow() -> ! {
    panic!("score arithmetic overflowed i128 even after rounding")
}

impl Rational {
    pub const ZERO: Rational = Rational {
        num: 0,
        den: 1,
        inexact: false,
    };
    pub const ONE: Rational = Rational {
        num: 1,
        den: 1,
        inexact: false,
    };

    /// `num / den`, reduced. `den` must not be zero.
    pub fn new(num: i128, den: i128) -> Rational {
        assert!(den != 0, "zero denominator");
        let (num, den) = if den < 0 { (-num, -den) } else { (num, den) };
        let g = gcd(num.unsigned_abs(), den.unsigned_abs()) as i128;
        if g <= 1 {
            Rational {
                num,
                den,
                inexact: false,
            }
        } else {
            Rational {
                num: div(num, g),
                den: div(den, g),
                inexact: false,
            }
        }
    }

    pub fn from_int(n: i64) -> Rational {
        Rational {
            num: n as i128,
            den: 1,
            inexact: false,
        }
    }

    /// The same value, marked as rounded.
    pub fn mark_inexact(self) -> Rational {
        Rational {
            inexact: true,
            ..self
        }
    }

    /// Whether the value was rounded somewhere on the way (see the module docs).
    pub fn is_inexact(self) -> bool {
        self.inexact
    }

    /// The value rounded to [`FALLBACK_DEN`], marked inexact.
    fn rounded(self) -> Rational {
        let r = if self.den <= FALLBACK_DEN && FALLBACK_DEN % self.den == 0 {
            self.num
                .checked_mul(FALLBACK_DEN / self.den)
                .unwrap_or_else(|| overflow())
        } else {
            // num · F / den with i128 headroom: split num = q·den + r
            let q = self.num.div_euclid(self.den);
            let rem = self.num.rem_euclid(self.den);
            // rem / den to 24 places by integer long division (den scaled below 2¹⁰⁰ first)
            let shift = (128 - self.den.leading_zeros()).saturating_sub(100);
            let (mut r, d) = ((rem as u128) >> shift, (self.den as u128) >> shift);
            let mut frac: i128 = 0;
            for _ in 0..24 {
                r *= 10;
                frac = frac * 10 + (r / d) as i128;
                r %= d;
            }
            q.checked_mul(FALLBACK_DEN)
                .and_then(|x| x.checked_add(frac))
                .unwrap_or_else(|| overflow())
        };
        Rational {
            inexact: true,
            ..Rational::new(r, FALLBACK_DEN)
        }
    }

    fn with_flag(self, a: Rational, b: Rational) -> Rational {
        Rational {
            inexact: self.inexact || a.inexact || b.inexact,
            ..self
        }
    }

    pub fn from_decimal(d: Decimal) -> Rational {
        Rational::new(d.units() as i128, TEN_THOUSAND)
    }

    pub fn numer(self) -> i128 {
        self.num
    }

    pub fn denom(self) -> i128 {
        self.den
    }

    pub fn is_zero(self) -> bool {
        self.num == 0
    }

    /// Whether the value has at most four decimal places (so [`Rational::to_decimal`] is exact).
    pub fn is_decimal(self) -> bool {
        !self.inexact && TEN_THOUSAND % self.den == 0
    }

    /// Rounded half away from zero to four places (exact when [`Rational::is_decimal`]).
    pub fn to_decimal(self) -> Decimal {
        let scaled = self
            .num
            .checked_mul(TEN_THOUSAND * 2)
            .unwrap_or_else(|| overflow());
        let scaled = div(scaled, self.den);
        let rounded = if scaled >= 0 {
            (scaled + 1) / 2
        } else {
            (scaled - 1) / 2
        };
        Decimal::from_units(i64::try_from(rounded).unwrap_or_else(|_| overflow()))
    }

    /// Rounded up to four places: a shortfall shown this way is never displayed as 0.
    pub fn to_decimal_ceil(self) -> Decimal {
        let n = self
            .num
            .checked_mul(TEN_THOUSAND)
            .unwrap_or_else(|| overflow());
        let q = n.div_euclid(self.den) + i128::from(n.rem_euclid(self.den) != 0);
        Decimal::from_units(i64::try_from(q).unwrap_or_else(|_| overflow()))
    }

    pub fn max(self, other: Rational) -> Rational {
        if self >= other { self } else { other }
    }

    fn checked_add(self, o: Rational) -> Option<Rational> {
        if self.den == o.den {
            return Some(Rational::new(self.num.checked_add(o.num)?, self.den));
        }
        let g = gcd(self.den as u128, o.den as u128) as i128;
        let l = (self.den / g).checked_mul(o.den)?;
        let n = self
            .num
            .checked_mul(l / self.den)?
            .checked_add(o.num.checked_mul(l / o.den)?)?;
        Some(Rational::new(n, l))
    }

    fn checked_mul(self, o: Rational) -> Option<Rational> {
        // Cross-reduce first so intermediate products stay small.
        let g1 = gcd(self.num.unsigned_abs(), o.den as u128).max(1) as i128;
        let g2 = gcd(o.num.unsigned_abs(), self.den as u128).max(1) as i128;
        Some(Rational::new(
            (self.num / g1).checked_mul(o.num / g2)?,
            (self.den / g2).checked_mul(o.den / g1)?,
        ))
    }
}

impl std::ops::Add for Rational {
    type Output = Rational;
    fn add(self, o: Rational) -> Rational {
        match self.checked_add(o) {
            Some(r) => r.with_flag(self, o),
            None => self
                .rounded()
                .checked_add(o.rounded())
                .unwrap_or_else(|| overflow())
                .with_flag(self.rounded(), o),
        }
    }
}

impl std::ops::Sub for Rational {
    type Output = Rational;
    fn sub(self, o: Rational) -> Rational {
        self + Rational { num: -o.num, ..o }
    }
}

impl std::ops::Mul for Rational {
    type Output = Rational;
    fn mul(self, o: Rational) -> Rational {
        match self.checked_mul(o) {
            Some(r) => r.with_flag(self, o),
            None => {
                // exact value is |x| ≤ ~10⁶ in every use; round each factor and retry, then round
                let (a, b) = (self.rounded(), o.rounded());
                match a.checked_mul(b) {
                    Some(r) => r.with_flag(a, b),
                    None => {
                        let wide = (a.num / 1_000_000_000_000)
                            .checked_mul(b.num / 1_000_000_000_000)
                            .unwrap_or_else(|| overflow());
                        Rational {
                            inexact: true,
                            ..Rational::new(wide, FALLBACK_DEN)
                        }
                    }
                }
            }
        }
    }
}

impl std::ops::Div for Rational {
    type Output = Rational;
    fn div(self, o: Rational) -> Rational {
        assert!(o.num != 0, "division by zero");
        self * Rational {
            num: o.den,
            den: o.num,
            inexact: o.inexact,
        }
        .normalised()
    }
}

impl Rational {
    fn normalised(self) -> Rational {
        Rational {
            inexact: self.inexact,
            ..Rational::new(self.num, self.den)
        }
    }
}

impl PartialEq for Rational {
    fn eq(&self, o: &Rational) -> bool {
        self.cmp(o) == Ordering::Equal
    }
}

impl Eq for Rational {}

impl Ord for Rational {
    fn cmp(&self, o: &Rational) -> Ordering {
        if self.den == o.den {
            return self.num.cmp(&o.num);
        }
        cmp_products(self.num, o.den, o.num, self.den)
    }
}

impl PartialOrd for Rational {
    fn partial_cmp(&self, o: &Rational) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

impl fmt::Display for Rational {
    /// The exact decimal when there is one, else `≈` and four places.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_decimal() {
            write!(f, "{}", self.to_decimal())
        } else {
            write!(f, "≈{}", self.to_decimal())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn means_compare_exactly_with_thresholds() {
        // (1 + 0.8 + 0.5 + 0.9) / 4 = 0.8 exactly; (1 + 0.5 + 0.8) / 3 = 0.7666… < 0.8.
        let four = Rational::from_decimal(d("3.2")) / Rational::from_int(4);
        assert_eq!(four, Rational::from_decimal(d("0.8")));
        let three = Rational::from_decimal(d("2.3")) / Rational::from_int(3);
        assert!(three < Rational::from_decimal(d("0.8")));
        assert_eq!(three.to_string(), "≈0.7667");
        assert_eq!(
            (Rational::from_decimal(d("0.8")) - three).to_decimal_ceil(),
            d("0.0334")
        );
    }

    #[test]
    fn comparisons_beyond_i128_are_exact() {
        let big = i128::MAX / 3;
        let a = Rational::new(big, big - 1);
        let b = Rational::new(big - 1, big - 2);
        assert!(a < b, "1 + 1/(n−1) < 1 + 1/(n−2)");
        assert!(Rational::new(-big, big - 1) > Rational::new(-(big - 1), big - 2));
        // a sum whose exact denominator does not fit is rounded and marked
        let s = a + b;
        assert!(s.is_inexact() && !s.is_decimal());
        assert_eq!(s.to_decimal().to_string(), "2");
    }

    #[test]
    fn gcd_agrees_with_euclid_at_every_width() {
        fn euclid(mut a: u128, mut b: u128) -> u128 {
            while b != 0 {
                (a, b) = (b, a % b);
            }
            a
        }
        let mut x: u128 = 0x9e37_79b9_7f4a_7c15_f39c_c060_5ced_c834;
        for i in 0..2000_u32 {
            // xorshift over 128 bits, values cut to every width from 0 to 128 bits
            x ^= x << 17;
            x ^= x >> 31;
            x ^= x << 8;
            let a = x >> (i % 129).min(127);
            let b = x.rotate_left(i) >> ((i * 7) % 129).min(127);
            let common = u128::from(i % 97 + 1);
            for (p, q) in [(a, b), (0, b), (a, 0), (a, a)] {
                assert_eq!(gcd(p, q), euclid(p, q), "gcd({p}, {q})");
            }
            if let (Some(p), Some(q)) = ((a >> 8).checked_mul(common), (b >> 8).checked_mul(common))
            {
                assert_eq!(gcd(p, q), euclid(p, q), "gcd({p}, {q})");
            }
        }
    }

    #[test]
    fn thirds_add_up_to_one() {
        let third = Rational::new(1, 3);
        assert_eq!(third + third + third, Rational::ONE);
        assert_eq!(Rational::new(-1, 3).to_decimal(), d("-0.3333"));
        assert_eq!(Rational::new(2, -4), Rational::new(-1, 2));
    }
}
