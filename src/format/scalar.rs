//! NumPy scalars (rules N1-N2) and Python's `repr` of a `str`. Python
//! tuples (rule E5) are [`crate::array::tuple_repr`].

use super::digits::py_float;
use super::dragon4::{self, Binary, Options, Trim};
use crate::array::Scalar;

/// `str(x)` of a NumPy scalar of any dtype: `2.5`, `7`, `True`, float32's
/// own shortest digits (`0.1`), complex as Python prints it (`(1.5-2j)`).
pub fn scalar_str(s: Scalar) -> String {
    match s {
        Scalar::Bool(b) => scalar_str_bool(b),
        Scalar::Float64(x) => scalar_str_f64(x),
        Scalar::Float32(x) => either(x, 1e6, Trim::LeaveOneZero, false),
        Scalar::Complex128(z) => {
            let body = complex_body(z.re, z.im);
            if z.re == 0.0 && z.re.is_sign_positive() {
                body
            } else {
                format!("({body})")
            }
        }
        Scalar::Int8(x) => x.to_string(),
        Scalar::Int16(x) => x.to_string(),
        Scalar::Int32(x) => x.to_string(),
        Scalar::Int64(x) => x.to_string(),
        Scalar::UInt8(x) => x.to_string(),
        Scalar::UInt16(x) => x.to_string(),
        Scalar::UInt32(x) => x.to_string(),
        Scalar::UInt64(x) => x.to_string(),
    }
}

/// `repr(x)` of a NumPy scalar of any dtype (NumPy 2): `np.float32(0.1)`,
/// `np.uint8(44)`, `np.True_`, `np.complex128(1.5-2j)`.
pub fn scalar_repr(s: Scalar) -> String {
    match s {
        Scalar::Bool(b) => scalar_repr_bool(b),
        Scalar::Complex128(z) => format!("np.complex128({})", complex_body(z.re, z.im)),
        s => format!("np.{}({})", s.dtype().name(), scalar_str(s)),
    }
}

/// NumPy's scalar formatting of one float: positional between 1e-4 and
/// `big` (or zero), else scientific, shortest digits.
fn either<F: Binary>(x: F, big: f64, trim: Trim, sign: bool) -> String {
    let v = x.widen();
    let a = v.abs();
    let o = Options {
        sign,
        trim,
        ..Options::default()
    };
    if !v.is_finite() || a == 0.0 || (1e-4..big).contains(&a) {
        dragon4::positional(x, &o)
    } else {
        dragon4::scientific(
            x,
            &Options {
                trim: Trim::DptZeros,
                ..o
            },
        )
    }
}

/// A complex scalar without parentheses: `1.5-2j`, `1j` (real part +0),
/// `nan+infj`; parts trimmed as Python's `repr(complex)`.
fn complex_body(re: f64, im: f64) -> String {
    let imag = |sign: bool| {
        if im.is_nan() {
            format!("{}nan", if sign { "+" } else { "" })
        } else if im.is_infinite() {
            format!(
                "{}inf",
                if im < 0.0 {
                    "-"
                } else if sign {
                    "+"
                } else {
                    ""
                }
            )
        } else {
            either(im, 1e16, Trim::DptZeros, sign)
        }
    };
    if re == 0.0 && re.is_sign_positive() {
        return format!("{}j", imag(false));
    }
    let real = if re.is_finite() {
        either(re, 1e16, Trim::DptZeros, false)
    } else {
        py_float(re)
    };
    format!("{real}{}j", imag(true))
}

/// `str(np.float64(x))`: Python's `repr(float)` (rule N1), e.g. `2.5`, `1e-05`.
pub fn scalar_str_f64(x: f64) -> String {
    py_float(x)
}

/// `str(np.int64(x))`: the decimal digits.
pub fn scalar_str_i64(x: i64) -> String {
    x.to_string()
}

/// `str(np.bool(x))`: `True` or `False`.
pub fn scalar_str_bool(x: bool) -> String {
    if x { "True" } else { "False" }.to_string()
}

/// `repr(np.float64(x))` (rule N2), e.g. `np.float64(0.30000000000000004)`.
pub fn scalar_repr_f64(x: f64) -> String {
    format!("np.float64({})", py_float(x))
}

/// `repr(np.int64(x))` (rule N2), e.g. `np.int64(25)`.
pub fn scalar_repr_i64(x: i64) -> String {
    format!("np.int64({x})")
}

/// `repr(np.bool(x))` (rule N2): `np.True_` or `np.False_`.
pub fn scalar_repr_bool(x: bool) -> String {
    if x { "np.True_" } else { "np.False_" }.to_string()
}

/// Python's `repr(str)`: single quotes unless the text contains `'` and no
/// `"`; escapes the quote, `\\`, `\n`, `\r`, `\t` and other non-printable
/// characters (`\xNN`, `\uNNNN`, `\UNNNNNNNN`). Printable non-ASCII text is
/// kept. Limit: "non-printable" is approximated by Rust's control,
/// whitespace and a list of format characters instead of Python's full
/// Unicode category table.
pub fn py_repr_str(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if !is_printable(c) => {
                let n = u32::from(c);
                let esc = if n < 0x100 {
                    format!("\\x{n:02x}")
                } else if n < 0x10000 {
                    format!("\\u{n:04x}")
                } else {
                    format!("\\U{n:08x}")
                };
                out.push_str(&esc);
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// Python's `str.isprintable` for one character, approximately: the space
/// is printable, other separators, controls and common format characters
/// (soft hyphen, zero-width and direction marks, BOM) are not.
fn is_printable(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    let format_chars = matches!(
        u32::from(c),
        0xad | 0x600..=0x605 | 0x61c | 0x6dd | 0x70f | 0x180e | 0x200b..=0x200f
            | 0x202a..=0x202e | 0x2060..=0x2064 | 0x2066..=0x206f | 0xfeff
            | 0xfff9..=0xfffb | 0xe000..=0xf8ff
    );
    !(c.is_control() || c.is_whitespace() || format_chars)
}

#[cfg(test)]
#[allow(
    clippy::excessive_precision,
    reason = "exact ties such as 67108864.001953125 are written in full"
)]
mod tests {
    use super::*;
    use crate::array::tuple_repr;

    #[test]
    fn n2_scalar_reprs() {
        let floats: &[(f64, &str)] = &[
            (3.0, "np.float64(3.0)"),
            (0.1 + 0.2, "np.float64(0.30000000000000004)"),
            (233115890514796.125, "np.float64(233115890514796.12)"),
            (1e16, "np.float64(1e+16)"),
            (-0.0, "np.float64(-0.0)"),
            (0.75, "np.float64(0.75)"),
            (f64::NAN, "np.float64(nan)"),
            (f64::NEG_INFINITY, "np.float64(-inf)"),
        ];
        for &(x, want) in floats {
            assert_eq!(scalar_repr_f64(x), want);
            assert_eq!(format!("np.float64({})", scalar_str_f64(x)), want);
        }
        assert_eq!(scalar_repr_i64(25), "np.int64(25)");
        assert_eq!(scalar_repr_i64(i64::MIN), "np.int64(-9223372036854775808)");
        assert_eq!(scalar_str_i64(-42), "-42");
        assert_eq!(scalar_repr_bool(true), "np.True_");
        assert_eq!(scalar_repr_bool(false), "np.False_");
        assert_eq!(scalar_str_bool(true), "True");
        assert_eq!(scalar_str_bool(false), "False");
    }

    #[test]
    fn e5_tuples() {
        let t =
            |items: &[&str]| tuple_repr(&items.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(t(&[]), "()");
        assert_eq!(t(&["array([1.])"]), "(array([1.]),)");
        assert_eq!(t(&["a", "b", "c"]), "(a, b, c)");
        assert_eq!(t(&["x\n  y", "z"]), "(x\n  y, z)");
    }

    #[test]
    fn python_str_repr() {
        let cases: &[(&str, &str)] = &[
            ("abc", "'abc'"),
            ("", "''"),
            ("it's", "\"it's\""),
            ("say \"hi\"", "'say \"hi\"'"),
            ("it's \"x\"", "'it\\'s \"x\"'"),
            ("a\nb\tc\\d\re", "'a\\nb\\tc\\\\d\\re'"),
            ("\u{7}\u{7f}", "'\\x07\\x7f'"),
            ("é€😀", "'é€😀'"),
            ("\u{a0}\u{200b}\u{2028}", "'\\xa0\\u200b\\u2028'"),
        ];
        for &(s, want) in cases {
            assert_eq!(py_repr_str(s), want, "{s:?}");
        }
    }
}
