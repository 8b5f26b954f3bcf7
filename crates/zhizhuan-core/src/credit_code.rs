//! 统一社会信用代码 (unified social credit code), GB 32100-2015.
//!
//! 18 characters from a 31-character alphabet (digits and upper-case letters without I, O,
//! Z, S, V). The 18th character is a check character: with the values of the first 17
//! characters `c_i` and the weights `w_i = 3^(i-1) mod 31`, it is `31 - (Σ c_i·w_i mod 31)`,
//! where 31 maps to 0. Positions 3–8 are the administrative-division code, so they must be
//! digits.

use std::fmt;

/// The code alphabet in value order: the character at index `v` has value `v`.
const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
/// Weights of positions 1–17 (3^(i-1) mod 31).
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// A 统一社会信用代码 whose length, alphabet and check character are valid.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CreditCode(String);

/// Why a string is not a valid 统一社会信用代码.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CreditCodeError {
    #[error("统一社会信用代码应为 18 位，实际为 {0} 位")]
    Length(usize),
    #[error("第 {position} 位「{found}」不是有效字符（只能是数字和除 I、O、Z、S、V 外的大写字母）")]
    Character { position: usize, found: char },
    #[error("第 3–8 位是行政区划码，应为数字，第 {position} 位是「{found}」")]
    Region { position: usize, found: char },
    #[error("校验位不符：第 18 位应为「{expected}」，实际为「{found}」，请核对是否抄错")]
    Check { expected: char, found: char },
}

fn value_of(c: char) -> Option<u32> {
    ALPHABET
        .iter()
        .position(|&a| a as char == c)
        .map(|p| p as u32)
}

/// The check character for the first 17 characters, or `None` if one is outside the alphabet.
pub fn check_character(first17: &str) -> Option<char> {
    let mut sum = 0u32;
    let mut n = 0;
    for (c, w) in first17.chars().zip(WEIGHTS) {
        sum += value_of(c)? * w;
        n += 1;
    }
    if n != 17 || first17.chars().count() != 17 {
        return None;
    }
    let check = (31 - sum % 31) % 31;
    Some(ALPHABET[check as usize] as char)
}

impl CreditCode {
    /// Parses a code. Surrounding spaces are dropped and lower-case letters are accepted,
    /// because codes are often copied from licences or typed on a phone keyboard.
    pub fn parse(input: &str) -> Result<Self, CreditCodeError> {
        let code: String = input.trim().to_ascii_uppercase();
        let len = code.chars().count();
        if len != 18 {
            return Err(CreditCodeError::Length(len));
        }
        for (i, c) in code.chars().enumerate() {
            if value_of(c).is_none() {
                return Err(CreditCodeError::Character {
                    position: i + 1,
                    found: c,
                });
            }
            if (2..8).contains(&i) && !c.is_ascii_digit() {
                return Err(CreditCodeError::Region {
                    position: i + 1,
                    found: c,
                });
            }
        }
        let expected = check_character(&code[..17]).expect("alphabet checked above");
        let found = code.chars().nth(17).expect("length checked above");
        if expected != found {
            return Err(CreditCodeError::Check { expected, found });
        }
        Ok(CreditCode(code))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CreditCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for CreditCode {
    type Error = CreditCodeError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        CreditCode::parse(&s)
    }
}

impl From<CreditCode> for String {
    fn from(c: CreditCode) -> String {
        c.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    // Codes printed on public business licences of well-known companies.
    const PUBLISHED: &[&str] = &[
        "914403001922038216",
        "9144030071526726XG",
        "91330100799655058B",
    ];

    #[test]
    fn published_codes_are_valid() {
        for code in PUBLISHED {
            assert!(CreditCode::parse(code).is_ok(), "{code} should be valid");
        }
    }

    #[test]
    fn lower_case_and_spaces_are_normalised() {
        let c = CreditCode::parse("  9144030071526726xg ").unwrap();
        assert_eq!(c.as_str(), "9144030071526726XG");
    }

    #[test]
    fn each_kind_of_error_is_reported() {
        assert_eq!(CreditCode::parse("12345"), Err(CreditCodeError::Length(5)));
        assert_eq!(
            CreditCode::parse("91440300192203821I"),
            Err(CreditCodeError::Character {
                position: 18,
                found: 'I'
            })
        );
        assert_eq!(
            CreditCode::parse("9144A3001922038216"),
            Err(CreditCodeError::Region {
                position: 5,
                found: 'A'
            })
        );
        assert_eq!(
            CreditCode::parse("914403001922038217"),
            Err(CreditCodeError::Check {
                expected: '6',
                found: '7'
            })
        );
    }

    proptest! {
        /// Any 17 characters from the alphabet (digits in 3–8) plus their check character form
        /// a valid code, and changing the check character to any other makes it invalid.
        #[test]
        fn check_character_round_trip(
            head in "[159Y][0-9A-HJ-NP-RTUWXY]",
            region in "[0-9]{6}",
            tail in "[0-9A-HJ-NP-RTUWXY]{9}",
            other in 0usize..31,
        ) {
            let first17 = format!("{head}{region}{tail}");
            let check = check_character(&first17).unwrap();
            let valid = format!("{first17}{check}");
            prop_assert!(CreditCode::parse(&valid).is_ok());
            let wrong = ALPHABET[other] as char;
            if wrong != check {
                let invalid = format!("{first17}{wrong}");
                let is_check_error = matches!(
                    CreditCode::parse(&invalid),
                    Err(CreditCodeError::Check { .. })
                );
                prop_assert!(is_check_error);
            }
        }

        /// A single-character typo in the first 17 positions is always caught, because the
        /// weights are all non-zero modulo the prime 31.
        #[test]
        fn single_typo_is_detected(pos in 0usize..17, delta in 1u32..31) {
            let code = PUBLISHED[0];
            let mut chars: Vec<char> = code.chars().collect();
            let v = value_of(chars[pos]).unwrap();
            let changed = ALPHABET[((v + delta) % 31) as usize] as char;
            if (2..8).contains(&pos) && !changed.is_ascii_digit() {
                return Ok(());
            }
            chars[pos] = changed;
            let typo: String = chars.into_iter().collect();
            prop_assert!(CreditCode::parse(&typo).is_err());
        }
    }
}
