//! Exact decimal numbers for points, counts and money.
//!
//! Scores are compared with thresholds (40 分, 60 分, 0.8 …), so they must be computed exactly:
//! a total of exactly 60 must be 60, not 59.999999. Every number the frameworks and the answers
//! use has at most four decimal places (MIIT points go down to 1.875 and 0.7), so a fixed-point
//! integer of ten-thousandths represents them all exactly and adds without rounding.
//! Quotients (ratios, averages) are not stored as decimals at all: they are compared by
//! cross-multiplication, see [`Decimal::ratio_cmp`].

use std::cmp::Ordering;
use std::fmt;
use std::iter::Sum;
use std::ops::{Add, Mul, Neg, Sub};
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Decimal places kept exactly.
pub const SCALE: u32 = 4;
const ONE: i64 = 10_i64.pow(SCALE);

/// A decimal number with up to four fractional digits, stored exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Decimal(i64);

/// Why a text is not a decimal we can keep exactly.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecimalError {
    #[error("「{0}」不是数字 (not a number)")]
    NotANumber(String),
    #[error("「{0}」的小数超过 {SCALE} 位 (more than {SCALE} decimal places)")]
    TooPrecise(String),
    #[error("「{0}」超出范围 (out of range)")]
    OutOfRange(String),
}

impl Decimal {
    pub const ZERO: Decimal = Decimal(0);
    pub const ONE: Decimal = Decimal(ONE);

    /// A whole number.
    pub const fn from_int(n: i64) -> Decimal {
        Decimal(n * ONE)
    }

    /// The number `units / 10^4`.
    pub const fn from_units(units: i64) -> Decimal {
        Decimal(units)
    }

    /// The raw count of ten-thousandths.
    pub const fn units(self) -> i64 {
        self.0
    }

    pub fn is_zero(self) -> bool {
        self.0 == 0
    }

    pub fn checked_add(self, other: Decimal) -> Option<Decimal> {
        self.0.checked_add(other.0).map(Decimal)
    }

    /// Exact product; `None` if it would need more than four decimal places or overflow.
    pub fn checked_mul(self, other: Decimal) -> Option<Decimal> {
        let p = (self.0 as i128) * (other.0 as i128);
        if p % (ONE as i128) != 0 {
            return None;
        }
        i64::try_from(p / ONE as i128).ok().map(Decimal)
    }

    /// Compares the ratio `self / den` with `other / other_den` exactly (denominators must be
    /// positive). Used for shares such as 数字化设备数 / 生产设备总数 against a band edge.
    pub fn ratio_cmp(self, den: Decimal, other: Decimal, other_den: Decimal) -> Ordering {
        debug_assert!(
            den.0 > 0 && other_den.0 > 0,
            "denominators must be positive"
        );
        ((self.0 as i128) * (other_den.0 as i128)).cmp(&((other.0 as i128) * (den.0 as i128)))
    }

    /// `self / den` rounded half away from zero to four places, for display only.
    pub fn div_rounded(self, den: Decimal) -> Option<Decimal> {
        if den.0 == 0 {
            return None;
        }
        let num = (self.0 as i128) * (ONE as i128) * 2;
        let d = den.0 as i128;
        let q = num / d;
        let rounded = if q >= 0 { (q + 1) / 2 } else { (q - 1) / 2 };
        i64::try_from(rounded).ok().map(Decimal)
    }
}

impl Add for Decimal {
    type Output = Decimal;
    fn add(self, o: Decimal) -> Decimal {
        Decimal(self.0 + o.0)
    }
}

impl Sub for Decimal {
    type Output = Decimal;
    fn sub(self, o: Decimal) -> Decimal {
        Decimal(self.0 - o.0)
    }
}

impl Neg for Decimal {
    type Output = Decimal;
    fn neg(self) -> Decimal {
        Decimal(-self.0)
    }
}

/// Multiplication by a whole count (e.g. points per selected option × options).
impl Mul<i64> for Decimal {
    type Output = Decimal;
    fn mul(self, n: i64) -> Decimal {
        Decimal(self.0 * n)
    }
}

impl Sum for Decimal {
    fn sum<I: Iterator<Item = Decimal>>(iter: I) -> Decimal {
        iter.fold(Decimal::ZERO, Add::add)
    }
}

impl<'a> Sum<&'a Decimal> for Decimal {
    fn sum<I: Iterator<Item = &'a Decimal>>(iter: I) -> Decimal {
        iter.copied().sum()
    }
}

impl FromStr for Decimal {
    type Err = DecimalError;

    fn from_str(text: &str) -> Result<Decimal, DecimalError> {
        let s = text.trim();
        let nan = || DecimalError::NotANumber(text.to_owned());
        let (neg, body) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s.strip_prefix('+').unwrap_or(s)),
        };
        let (int, frac) = body.split_once('.').unwrap_or((body, ""));
        if int.is_empty() && frac.is_empty()
            || !int.bytes().all(|b| b.is_ascii_digit())
            || !frac.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(nan());
        }
        let frac = frac.trim_end_matches('0');
        if frac.len() > SCALE as usize {
            return Err(DecimalError::TooPrecise(text.to_owned()));
        }
        let range = || DecimalError::OutOfRange(text.to_owned());
        let int: i64 = if int.is_empty() {
            0
        } else {
            int.parse().map_err(|_| range())?
        };
        let frac_units: i64 = format!("{frac:0<4}").parse().map_err(|_| nan())?;
        let units = int
            .checked_mul(ONE)
            .and_then(|u| u.checked_add(frac_units))
            .ok_or_else(range)?;
        Ok(Decimal(if neg { -units } else { units }))
    }
}

impl fmt::Display for Decimal {
    /// Shortest exact form: `60`, `1.875`, `-0.5`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let int = abs / ONE as u64;
        let frac = abs % ONE as u64;
        if frac == 0 {
            write!(f, "{sign}{int}")
        } else {
            // four digits without the trailing zeros, without an intermediate String (this
            // runs for every number of every explanation)
            let mut digits = [b'0'; 4];
            let mut x = frac;
            for d in digits.iter_mut().rev() {
                *d = b'0' + (x % 10) as u8;
                x /= 10;
            }
            let len = 4 - digits.iter().rev().take_while(|&&d| d == b'0').count();
            let digits = std::str::from_utf8(&digits[..len]).map_err(|_| fmt::Error)?;
            write!(f, "{sign}{int}.{digits}")
        }
    }
}

impl Serialize for Decimal {
    /// As a JSON string, so no reader ever turns it into a binary float.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Decimal {
    /// From a string (`"1.875"`) or a number (`1.875`). A JSON number arrives as an f64 whose
    /// shortest round-trip text is the text the user wrote (for up to 15 significant digits),
    /// so parsing that text recovers the exact decimal.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Decimal;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a decimal number with at most four decimal places")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Decimal, E> {
                v.parse().map_err(E::custom)
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Decimal, E> {
                v.checked_mul(ONE)
                    .map(Decimal)
                    .ok_or_else(|| E::custom("number out of range"))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Decimal, E> {
                i64::try_from(v)
                    .ok()
                    .and_then(|v| v.checked_mul(ONE))
                    .map(Decimal)
                    .ok_or_else(|| E::custom("number out of range"))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Decimal, E> {
                if !v.is_finite() {
                    return Err(E::custom("number is not finite"));
                }
                format!("{v}").parse().map_err(E::custom)
            }
        }
        d.deserialize_any(V)
    }
}

impl ts_rs::TS for Decimal {
    type WithoutGenerics = Self;
    type OptionInnerType = Self;
    fn name(_: &ts_rs::Config) -> String {
        "string".to_owned()
    }
    fn inline(_: &ts_rs::Config) -> String {
        "string".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn sums_of_published_points_are_exact() {
        // 13 × 0.7 + 0.9 = 10 exactly (MIIT 2024 数据采集), and 8 × 1.875 = 15.
        let total: Decimal = std::iter::repeat_n(d("0.7"), 13).chain([d("0.9")]).sum();
        assert_eq!(total, Decimal::from_int(10));
        assert_eq!(d("1.875") * 8, Decimal::from_int(15));
        assert_eq!(d("59.3") + d("0.7"), Decimal::from_int(60));
    }

    #[test]
    fn parse_and_display() {
        for (text, shown) in [
            ("60", "60"),
            ("60.000", "60"),
            ("1.875", "1.875"),
            ("-0.5", "-0.5"),
            (".5", "0.5"),
            ("0.0005", "0.0005"),
            ("-12.0400", "-12.04"),
            ("3.1001", "3.1001"),
        ] {
            assert_eq!(d(text).to_string(), shown);
        }
        assert!(matches!(
            "1.23456".parse::<Decimal>(),
            Err(DecimalError::TooPrecise(_))
        ));
        assert!(matches!(
            "abc".parse::<Decimal>(),
            Err(DecimalError::NotANumber(_))
        ));
        assert!(matches!(
            "".parse::<Decimal>(),
            Err(DecimalError::NotANumber(_))
        ));
        assert!(matches!(
            "1e5".parse::<Decimal>(),
            Err(DecimalError::NotANumber(_))
        ));
        assert!(matches!(
            "99999999999999999999".parse::<Decimal>(),
            Err(DecimalError::OutOfRange(_))
        ));
    }

    #[test]
    fn json_numbers_and_strings_are_exact() {
        let v: Vec<Decimal> = serde_json::from_str(r#"[0.1, "0.2", 3, 1.875]"#).unwrap();
        assert_eq!(v, [d("0.1"), d("0.2"), d("3"), d("1.875")]);
        assert_eq!(serde_json::to_string(&d("0.7")).unwrap(), r#""0.7""#);
    }

    #[test]
    fn ratio_comparison_is_exact() {
        // 1 of 10 machines is exactly 10 %: not above the band edge.
        assert_eq!(
            d("1").ratio_cmp(d("10"), d("10"), d("100")),
            Ordering::Equal
        );
        assert_eq!(d("2").ratio_cmp(d("3"), d("2"), d("3")), Ordering::Equal);
        assert_eq!(d("2").div_rounded(d("3")), Some(d("0.6667")));
    }

    proptest! {
        #[test]
        fn display_parse_round_trip(units in -10_i64.pow(15)..10_i64.pow(15)) {
            let x = Decimal::from_units(units);
            prop_assert_eq!(x.to_string().parse::<Decimal>().unwrap(), x);
        }
    }
}
