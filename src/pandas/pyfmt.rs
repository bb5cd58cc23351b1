//! Python's own text for floats, strings and booleans, which pandas builds
//! its output from (`repr(float)`, `f"{x: .6f}"`, `f"{x: .6e}"`,
//! `str.center`).

/// Python's `repr(x)` for a float: the shortest round-trip digits, fixed
/// notation for 1e-4 ≤ |x| < 1e16 and exponent notation otherwise.
pub fn repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf" } else { "-inf" }.into();
    }
    if x == 0.0 {
        return if x.is_sign_negative() { "-0.0" } else { "0.0" }.into();
    }
    // Rust's `{:e}` gives the same shortest digits as Python's repr.
    let s = format!("{x:e}");
    let (mantissa, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let neg = mantissa.starts_with('-');
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let sign = if neg { "-" } else { "" };
    if (-4..16).contains(&exp) {
        let body = if exp >= 0 {
            let point = exp as usize + 1;
            if digits.len() <= point {
                format!("{digits}{}.0", "0".repeat(point - digits.len()))
            } else {
                format!("{}.{}", &digits[..point], &digits[point..])
            }
        } else {
            format!("0.{}{digits}", "0".repeat((-exp - 1) as usize))
        };
        format!("{sign}{body}")
    } else {
        let rest = if digits.len() > 1 {
            format!(".{}", &digits[1..])
        } else {
            String::new()
        };
        format!("{sign}{}{rest}{}", &digits[..1], exp_suffix(exp))
    }
}

/// Python's exponent suffix: `e+06`, `e-09`, `e+123`.
fn exp_suffix(exp: i32) -> String {
    let sign = if exp < 0 { '-' } else { '+' };
    format!("e{sign}{:02}", exp.abs())
}

/// Python's non-finite spellings, which `format` uses too.
fn non_finite(x: f64) -> Option<&'static str> {
    if x.is_nan() {
        Some("nan")
    } else if x.is_infinite() {
        Some(if x > 0.0 { "inf" } else { "-inf" })
    } else {
        None
    }
}

/// `f"{x: .{digits}f}"` (with `space`, a leading space for non-negative
/// values) or `f"{x:.{digits}f}"`.
pub fn fixed(x: f64, digits: usize, space: bool) -> String {
    let body = match non_finite(x) {
        Some(s) => s.to_string(),
        None => format!("{x:.digits$}"),
    };
    with_space(body, space)
}

/// `f"{x: .{digits}e}"` (or without the space).
pub fn sci(x: f64, digits: usize, space: bool) -> String {
    let body = match non_finite(x) {
        Some(s) => s.to_string(),
        None => {
            let s = format!("{x:.digits$e}");
            let (mantissa, exp) = s.split_once('e').unwrap_or((&s, "0"));
            format!("{mantissa}{}", exp_suffix(exp.parse().unwrap_or(0)))
        }
    };
    with_space(body, space)
}

fn with_space(body: String, space: bool) -> String {
    if space && !body.starts_with('-') {
        format!(" {body}")
    } else {
        body
    }
}

/// Python's `repr` of a str (`'a'`, `"it's"`, escapes as Python writes them).
pub fn quote(s: &str) -> String {
    crate::format::py_repr_str(s)
}

/// `True` / `False`.
pub fn bool_str(b: bool) -> &'static str {
    if b { "True" } else { "False" }
}

/// Python's `str.center(width)`: the odd space goes left when the width
/// is odd, right otherwise (CPython's `pad` rule).
pub fn center(s: &str, width: usize) -> String {
    let len = s.chars().count();
    if len >= width {
        return s.to_string();
    }
    let marg = width - len;
    let left = marg / 2 + (marg & width & 1);
    format!("{}{s}{}", " ".repeat(left), " ".repeat(marg - left))
}

/// pandas' `_trim_zeros_single_float`: trailing zeros off, one kept after
/// the point.
pub fn trim_zeros_single(s: &str) -> String {
    let t = s.trim_end_matches('0');
    if t.ends_with('.') {
        format!("{t}0")
    } else {
        t.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_reprs() {
        let cases = [
            (0.1, "0.1"),
            (1e16, "1e+16"),
            (1.5e16, "1.5e+16"),
            (1e15, "1000000000000000.0"),
            (1e-5, "1e-05"),
            (0.0001, "0.0001"),
            (-2.5e-7, "-2.5e-07"),
            (123.0, "123.0"),
            (1e300, "1e+300"),
            (0.3333333333333333, "0.3333333333333333"),
        ];
        for (x, want) in cases {
            assert_eq!(repr(x), want, "{x}");
        }
    }

    #[test]
    fn python_formats() {
        assert_eq!(fixed(0.5, 6, true), " 0.500000");
        assert_eq!(fixed(-0.5, 6, true), "-0.500000");
        assert_eq!(sci(1e-9, 6, true), " 1.000000e-09");
        assert_eq!(sci(-1.75e9, 6, false), "-1.750000e+09");
        assert_eq!(center("...", 8), "  ...   ");
        assert_eq!(center("...", 7), "  ...  ");
        assert_eq!(quote("it's"), "\"it's\"");
    }
}
