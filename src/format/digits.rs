//! Decimal digits of a float64: the shortest round-trip digits (via `ryu`)
//! and Python's `repr(float)` built on them (spec section 8, rule N1).
//! Array elements under print options go through [`super::dragon4`].

/// A non-negative decimal `0.d0 d1 ... dk * 10**(exp + 1)`, i.e.
/// `d0.d1...dk * 10**exp`, with `d0 != 0` and no trailing zeros. Zero is the
/// single digit `0` with `exp == 0`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Digits {
    /// ASCII digits.
    pub digits: String,
    /// Decimal exponent of the first digit.
    pub exp: i32,
}

impl Digits {
    fn zero() -> Digits {
        Digits {
            digits: "0".to_string(),
            exp: 0,
        }
    }

    /// Positional `(integer part, fraction)` without sign; the fraction may
    /// be empty (`1.0` gives `("1", "")`).
    pub fn positional(&self) -> (String, String) {
        let d = self.digits.as_bytes();
        if self.exp < 0 {
            let zeros = "0".repeat((-self.exp - 1) as usize);
            return ("0".to_string(), zeros + &self.digits);
        }
        let int_len = self.exp as usize + 1;
        if d.len() <= int_len {
            let int = self.digits.clone() + &"0".repeat(int_len - d.len());
            (int, String::new())
        } else {
            (
                self.digits[..int_len].to_string(),
                self.digits[int_len..].to_string(),
            )
        }
    }
}

/// Parses a non-negative decimal such as `123.450`, `0.001`, `1e16`,
/// `1.5e-7` or `4.90e-324` (the outputs of ryu and of Rust's float
/// formatting) into [`Digits`]. Panics on anything else: its inputs are
/// produced by this module, never by users.
pub(crate) fn parse_decimal(s: &str) -> Digits {
    let (mantissa, exp10) = match s.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.parse::<i32>().expect("float exponent")),
        None => (s, 0),
    };
    let int_len = mantissa.find('.').unwrap_or(mantissa.len());
    let mut digits = String::with_capacity(mantissa.len());
    let mut lead = 0;
    for c in mantissa.chars().filter(|&c| c != '.') {
        if c == '0' && digits.is_empty() {
            lead += 1;
        } else {
            digits.push(c);
        }
    }
    digits.truncate(digits.trim_end_matches('0').len());
    if digits.is_empty() {
        return Digits::zero();
    }
    Digits {
        digits,
        exp: int_len as i32 + exp10 - lead - 1,
    }
}

/// Shortest round-trip digits of `|x|` (ties between two shortest
/// candidates go to the even digit, as in Python and NumPy). `x` must be
/// finite.
pub(crate) fn shortest(x: f64) -> Digits {
    debug_assert!(x.is_finite());
    let mut buf = ryu::Buffer::new();
    parse_decimal(buf.format_finite(x.abs()))
}

/// Python's `repr(float)`, which is also `str(np.float64)` (rule N1):
/// shortest round-trip digits, positional when `-4 <= exp < 16` (with at
/// least one fractional digit), otherwise `d.ddde+XX`.
///
/// ```
/// use gradlab::format::py_float;
/// assert_eq!(py_float(0.1 + 0.2), "0.30000000000000004");
/// assert_eq!(py_float(1e16), "1e+16");
/// assert_eq!(py_float(-0.0), "-0.0");
/// ```
pub fn py_float(x: f64) -> String {
    if x.is_nan() {
        return "nan".to_string();
    }
    if x.is_infinite() {
        return if x < 0.0 { "-inf" } else { "inf" }.to_string();
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if x == 0.0 {
        return format!("{sign}0.0");
    }
    let d = shortest(x);
    if (-4..16).contains(&d.exp) {
        let (int, frac) = d.positional();
        let frac = if frac.is_empty() {
            "0".to_string()
        } else {
            frac
        };
        return format!("{sign}{int}.{frac}");
    }
    let (first, rest) = d.digits.split_at(1);
    let point = if rest.is_empty() { "" } else { "." };
    let esign = if d.exp < 0 { '-' } else { '+' };
    format!("{sign}{first}{point}{rest}e{esign}{:02}", d.exp.abs())
}

#[cfg(test)]
#[allow(
    clippy::excessive_precision,
    reason = "exact ties such as 67108864.001953125 are written in full"
)]
mod tests {
    use super::*;

    fn parsed(s: &str) -> (String, i32) {
        let d = parse_decimal(s);
        (d.digits, d.exp)
    }

    #[test]
    fn parse_decimal_cases() {
        let cases: &[(&str, &str, i32)] = &[
            ("123.450", "12345", 2),
            ("0.001", "1", -3),
            ("1e16", "1", 16),
            ("1.5e-7", "15", -7),
            ("4.90e-324", "49", -324),
            ("0.0", "0", 0),
            ("0.00000000", "0", 0),
            ("100", "1", 2),
            ("10.", "1", 1),
            ("1.00000000e6", "1", 6),
        ];
        for &(s, digits, exp) in cases {
            assert_eq!(parsed(s), (digits.to_string(), exp), "{s}");
        }
    }

    #[test]
    fn shortest_ties_go_to_even_unlike_rust_display() {
        // Spec section 8: Rust's `{}` gives ...313 and ...13 here.
        assert_eq!(shortest(67108864.001953125).digits, "6710886400195312");
        assert_eq!(shortest(233115890514796.125).digits, "23311589051479612");
    }

    #[test]
    fn py_float_cases() {
        let cases: &[(f64, &str)] = &[
            (2.0, "2.0"),
            (0.0001, "0.0001"),
            (1234567890.0, "1234567890.0"),
            (0.1 + 0.2, "0.30000000000000004"),
            (9999999999999998.0, "9999999999999998.0"),
            (1e-5, "1e-05"),
            (9.999e-5, "9.999e-05"),
            (1e16, "1e+16"),
            (1.2345678901234568e17, "1.2345678901234568e+17"),
            (5e-324, "5e-324"),
            (1e100, "1e+100"),
            (1e22, "1e+22"),
            (233115890514796.125, "233115890514796.12"),
            (-2.5, "-2.5"),
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (f64::NAN, "nan"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
            (2f64.sqrt(), "1.4142135623730951"),
            (1.0 / 3.0, "0.3333333333333333"),
        ];
        for &(x, want) in cases {
            assert_eq!(py_float(x), want, "{x:e}");
        }
    }
}
