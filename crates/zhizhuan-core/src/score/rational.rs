//! Exact fractions for the values that are quotients: means of requirement scores, weighted
//! level scores, re-normalised weights, shares of a ratio. They are only ever compared with
//! thresholds or rounded for display, never accumulated through floats.
//!
//! Numerator and denominator are `i128`, kept reduced. With validated frameworks (weights and
//! scale values of at most four decimal places, three tree levels) the denominators stay far
//! below `i128::MAX`; an overflow would be a framework far outside that shape, and panics with
//! a message rather than returning a wrong comparison.

use std::cmp::Ordering;
use std::fmt;

use crate::decimal::Decimal;

const TEN_THOUSAND: i128 = 10_000;

/// A reduced fraction `num / den` with `den > 0`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rational {
    num: i128,
    den: i128,
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

fn overflow() -> ! {
    panic!("exact score arithmetic overflowed i128: the framework's weights are outside the supported shape")
}

impl Rational {
    pub const ZERO: Rational = Rational { num: 0, den: 1 };
    pub const ONE: Rational = Rational { num: 1, den: 1 };

    /// `num / den`, reduced. `den` must not be zero.
    pub fn new(num: i128, den: i128) -> Rational {
        assert!(den != 0, "zero denominator");
        let (num, den) = if den < 0 { (-num, -den) } else { (num, den) };
        let g = gcd(num.unsigned_abs(), den.unsigned_abs()) as i128;
        if g <= 1 { Rational { num, den } } else { Rational { num: num / g, den: den / g } }
    }

    pub fn from_int(n: i64) -> Rational {
        Rational { num: n as i128, den: 1 }
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
        TEN_THOUSAND % self.den == 0
    }

    /// Rounded half away from zero to four places (exact when [`Rational::is_decimal`]).
    pub fn to_decimal(self) -> Decimal {
        let scaled = self.num.checked_mul(TEN_THOUSAND * 2).unwrap_or_else(|| overflow()) / self.den;
        let rounded = if scaled >= 0 { (scaled + 1) / 2 } else { (scaled - 1) / 2 };
        Decimal::from_units(i64::try_from(rounded).unwrap_or_else(|_| overflow()))
    }

    /// Rounded up to four places: a shortfall shown this way is never displayed as 0.
    pub fn to_decimal_ceil(self) -> Decimal {
        let n = self.num.checked_mul(TEN_THOUSAND).unwrap_or_else(|| overflow());
        let q = n.div_euclid(self.den) + i128::from(n.rem_euclid(self.den) != 0);
        Decimal::from_units(i64::try_from(q).unwrap_or_else(|_| overflow()))
    }

    pub fn max(self, other: Rational) -> Rational {
        if self >= other { self } else { other }
    }

    fn mul_i(a: i128, b: i128) -> i128 {
        a.checked_mul(b).unwrap_or_else(|| overflow())
    }
}

impl std::ops::Add for Rational {
    type Output = Rational;
    fn add(self, o: Rational) -> Rational {
        if self.den == o.den {
            return Rational::new(self.num.checked_add(o.num).unwrap_or_else(|| overflow()), self.den);
        }
        let g = gcd(self.den as u128, o.den as u128) as i128;
        let l = Rational::mul_i(self.den / g, o.den);
        let n = Rational::mul_i(self.num, l / self.den)
            .checked_add(Rational::mul_i(o.num, l / o.den))
            .unwrap_or_else(|| overflow());
        Rational::new(n, l)
    }
}

impl std::ops::Sub for Rational {
    type Output = Rational;
    fn sub(self, o: Rational) -> Rational {
        self + Rational { num: -o.num, den: o.den }
    }
}

impl std::ops::Mul for Rational {
    type Output = Rational;
    fn mul(self, o: Rational) -> Rational {
        // Cross-reduce first so intermediate products stay small.
        let g1 = gcd(self.num.unsigned_abs(), o.den as u128).max(1) as i128;
        let g2 = gcd(o.num.unsigned_abs(), self.den as u128).max(1) as i128;
        Rational::new(
            Rational::mul_i(self.num / g1, o.num / g2),
            Rational::mul_i(self.den / g2, o.den / g1),
        )
    }
}

impl std::ops::Div for Rational {
    type Output = Rational;
    fn div(self, o: Rational) -> Rational {
        assert!(o.num != 0, "division by zero");
        self * Rational::new(o.den, o.num)
    }
}

impl Ord for Rational {
    fn cmp(&self, o: &Rational) -> Ordering {
        if self.den == o.den {
            return self.num.cmp(&o.num);
        }
        Rational::mul_i(self.num, o.den).cmp(&Rational::mul_i(o.num, self.den))
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
        if self.is_decimal() { write!(f, "{}", self.to_decimal()) } else { write!(f, "≈{}", self.to_decimal()) }
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
        assert_eq!((Rational::from_decimal(d("0.8")) - three).to_decimal_ceil(), d("0.0334"));
    }

    #[test]
    fn thirds_add_up_to_one() {
        let third = Rational::new(1, 3);
        assert_eq!(third + third + third, Rational::ONE);
        assert_eq!(Rational::new(-1, 3).to_decimal(), d("-0.3333"));
        assert_eq!(Rational::new(2, -4), Rational::new(-1, 2));
    }
}
