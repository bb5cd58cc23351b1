//! Python's `%` string formatting for numbers, the subset `np.savetxt`
//! formats are made of: `%[flags][width][.precision]` with `d i u e E f F
//! g G s` and `%%`; flags `- + space 0 #`; length modifiers `h l L` ignored.

use super::{Error, IoErrorKind};
use crate::numdiff::py_float_repr;

/// One array element as `format % tuple(row)` sees it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Value {
    Float(f64),
    Int(i64),
    Bool(bool),
}

#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Spec {
    left: bool,
    plus: bool,
    space: bool,
    zero: bool,
    alt: bool,
    width: usize,
    precision: Option<usize>,
    conv: char,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Piece {
    Text(String),
    Spec(Spec),
}

fn value_error(message: String) -> Error {
    Error::value(message)
}

/// Parses a format string; errors are Python's (`incomplete format`,
/// `unsupported format character 'q' (0x71) at index 3`).
pub(crate) fn parse(fmt: &str) -> Result<Vec<Piece>, Error> {
    let chars: Vec<(usize, char)> = fmt.char_indices().collect();
    let mut pieces = Vec::new();
    let mut text = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        i += 1;
        if c != '%' {
            text.push(c);
            continue;
        }
        let mut spec = Spec::default();
        let next = |i: usize| chars.get(i).map(|&(_, c)| c);
        while let Some(f) = next(i).filter(|c| "-+ 0#".contains(*c)) {
            match f {
                '-' => spec.left = true,
                '+' => spec.plus = true,
                ' ' => spec.space = true,
                '0' => spec.zero = true,
                _ => spec.alt = true,
            }
            i += 1;
        }
        while let Some(d) = next(i).and_then(|c| c.to_digit(10)) {
            spec.width = spec.width * 10 + d as usize;
            i += 1;
        }
        if next(i) == Some('.') {
            i += 1;
            let mut p = 0;
            while let Some(d) = next(i).and_then(|c| c.to_digit(10)) {
                p = p * 10 + d as usize;
                i += 1;
            }
            spec.precision = Some(p);
        }
        while matches!(next(i), Some('h' | 'l' | 'L')) {
            i += 1;
        }
        let Some(conv) = next(i) else {
            return Err(value_error("incomplete format".into()));
        };
        i += 1;
        match conv {
            '%' => text.push('%'),
            'd' | 'i' | 'u' | 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 's' => {
                if !text.is_empty() {
                    pieces.push(Piece::Text(std::mem::take(&mut text)));
                }
                spec.conv = conv;
                pieces.push(Piece::Spec(spec));
            }
            'x' | 'X' | 'o' | 'c' | 'r' | 'a' | '*' | '(' => {
                return Err(value_error(format!(
                    "savetxt formats with %{conv} are not supported by gradlab"
                )));
            }
            _ => {
                return Err(value_error(format!(
                    "unsupported format character '{conv}' (0x{:x}) at index {}",
                    conv as u32,
                    chars[i - 1].0
                )));
            }
        }
    }
    if !text.is_empty() {
        pieces.push(Piece::Text(text));
    }
    Ok(pieces)
}

/// Number of values a parsed format consumes.
pub(crate) fn arity(pieces: &[Piece]) -> usize {
    pieces
        .iter()
        .filter(|p| matches!(p, Piece::Spec(_)))
        .count()
}

/// Appends `pieces % values` to `out`; the caller checks the arity.
pub(crate) fn format_into(
    out: &mut String,
    pieces: &[Piece],
    values: &[Value],
) -> Result<(), Error> {
    let mut values = values.iter();
    for piece in pieces {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Spec(spec) => {
                let v = values.next().expect("arity checked by the caller");
                format_one(out, spec, *v)?;
            }
        }
    }
    Ok(())
}

fn format_one(out: &mut String, spec: &Spec, v: Value) -> Result<(), Error> {
    let (negative, body) = match spec.conv {
        'd' | 'i' | 'u' => integer(spec, v)?,
        's' => {
            let mut s = match v {
                Value::Float(x) => py_float_repr(x),
                Value::Int(i) => i.to_string(),
                Value::Bool(b) => if b { "True" } else { "False" }.to_string(),
            };
            if let Some(p) = spec.precision {
                s = s.chars().take(p).collect();
            }
            pad(out, spec, "", &s, false);
            return Ok(());
        }
        _ => {
            let x = match v {
                Value::Float(x) => x,
                Value::Int(i) => i as f64,
                Value::Bool(b) => f64::from(u8::from(b)),
            };
            (x.is_sign_negative() && !x.is_nan(), float(spec, x.abs()))
        }
    };
    let sign = if negative {
        "-"
    } else if spec.plus {
        "+"
    } else if spec.space {
        " "
    } else {
        ""
    };
    pad(out, spec, sign, &body, spec.zero);
    Ok(())
}

/// `sign` + `body` padded to the width: left-justified, zero-filled after
/// the sign, or right-justified with spaces.
fn pad(out: &mut String, spec: &Spec, sign: &str, body: &str, zero: bool) {
    let len = sign.chars().count() + body.chars().count();
    let fill = spec.width.saturating_sub(len);
    if spec.left {
        out.push_str(sign);
        out.push_str(body);
        out.extend(std::iter::repeat_n(' ', fill));
    } else if zero {
        out.push_str(sign);
        out.extend(std::iter::repeat_n('0', fill));
        out.push_str(body);
    } else {
        out.extend(std::iter::repeat_n(' ', fill));
        out.push_str(sign);
        out.push_str(body);
    }
}

/// `%d`: Python's `int(x)` (truncation), digits at least `precision` long.
fn integer(spec: &Spec, v: Value) -> Result<(bool, String), Error> {
    let (negative, digits) = match v {
        Value::Int(i) => (i < 0, i.unsigned_abs().to_string()),
        Value::Bool(b) => (false, u8::from(b).to_string()),
        Value::Float(x) if x.is_nan() => {
            return Err(value_error("cannot convert float NaN to integer".into()));
        }
        Value::Float(x) if x.is_infinite() => {
            return Err(Error::new(
                IoErrorKind::OverflowError,
                "cannot convert float infinity to integer",
            ));
        }
        Value::Float(x) => {
            let t = x.trunc();
            (t < 0.0, format!("{:.0}", t.abs()))
        }
    };
    let width = spec.precision.unwrap_or(0);
    let zeros = width.saturating_sub(digits.len());
    Ok((negative, "0".repeat(zeros) + &digits))
}

/// `%e %f %g` (and upper case) of a non-negative `x`.
fn float(spec: &Spec, x: f64) -> String {
    let upper = spec.conv.is_ascii_uppercase();
    let s = if !x.is_finite() {
        if x.is_nan() { "nan" } else { "inf" }.to_string()
    } else {
        let p = spec.precision.unwrap_or(6);
        match spec.conv.to_ascii_lowercase() {
            'e' => exp(x, p, spec.alt),
            'f' => fixed(x, p, spec.alt),
            _ => general(x, p, spec.alt),
        }
    };
    if upper { s.to_uppercase() } else { s }
}

fn fixed(x: f64, p: usize, alt: bool) -> String {
    let mut s = format!("{x:.p$}");
    if alt && p == 0 {
        s.push('.');
    }
    s
}

/// `1.235e+02`: Rust's exact `{:e}` with Python's exponent (sign, ≥2 digits).
fn exp(x: f64, p: usize, alt: bool) -> String {
    let s = format!("{x:.p$e}");
    let (mantissa, e) = s.split_once('e').expect("`{:e}` has an exponent");
    let e: i32 = e.parse().expect("integer exponent");
    let dot = if alt && p == 0 { "." } else { "" };
    let sign = if e < 0 { '-' } else { '+' };
    format!("{mantissa}{dot}e{sign}{:02}", e.abs())
}

/// `%g`: `%e` or `%f` by the exponent after rounding to `p` digits,
/// trailing zeros removed unless `#`.
fn general(x: f64, p: usize, alt: bool) -> String {
    let p = p.max(1);
    let probe = format!("{x:.prec$e}", prec = p - 1);
    let e: i32 = probe
        .split_once('e')
        .and_then(|(_, e)| e.parse().ok())
        .expect("`{:e}` exponent");
    let s = if -4 <= e && e < p as i32 {
        fixed(x, (p as i32 - 1 - e) as usize, alt)
    } else {
        exp(x, p - 1, alt)
    };
    if alt {
        return s;
    }
    let (num, tail) = match s.find('e') {
        Some(i) => s.split_at(i),
        None => (s.as_str(), ""),
    };
    let num = if num.contains('.') {
        num.trim_end_matches('0').trim_end_matches('.')
    } else {
        num
    };
    format!("{num}{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(f: &str, v: Value) -> String {
        let mut out = String::new();
        format_into(&mut out, &parse(f).unwrap(), &[v]).unwrap();
        out
    }

    // Expected strings are Python's `f % np.float64(v)`.
    #[test]
    fn matches_python_percent_formatting() {
        use Value::Float as F;
        for (f, v, want) in [
            ("%.2f", 0.125, "0.12"),
            ("%.0f", 2.5, "2"),
            ("%d", 1e22, "10000000000000000000000"),
            ("%10.3e", 123.456, " 1.235e+02"),
            ("%g", -0.0, "-0"),
            ("%g", 1e-5, "1e-05"),
            ("%g", 123456789.0, "1.23457e+08"),
            ("%g", 0.0001, "0.0001"),
            ("%#g", 1.5, "1.50000"),
            ("%+08.2f", 42.0, "+0042.00"),
            ("%08.2f", f64::NAN, "00000nan"),
            ("%-8.2e|", f64::NEG_INFINITY, "-inf    |"),
            ("%5d", 3.7, "    3"),
            ("%d", -3.7, "-3"),
            ("%#.0e", 1.0, "1.e+00"),
            ("%.3g", 9.9999, "10"),
            ("%.18e", 5e-324, "4.940656458412465442e-324"),
            ("%G", 1e-10, "1E-10"),
            ("%G", f64::INFINITY, "INF"),
            ("% d", 255.0, " 255"),
            ("%s", 1.5, "1.5"),
            ("%+f", f64::NAN, "+nan"),
            ("%.3d", -42.0, "-042"),
            ("%+05d", -42.0, "-0042"),
            ("%ld", 7.0, "7"),
        ] {
            assert_eq!(fmt(f, F(v)), want, "{f} % {v}");
        }
        assert_eq!(fmt("%.18e", Value::Bool(true)), "1.000000000000000000e+00");
        assert_eq!(fmt("%s", Value::Bool(true)), "True");
        assert_eq!(fmt("%.3f", Value::Int(5)), "5.000");
    }

    #[test]
    fn format_errors_are_pythons() {
        assert_eq!(parse("%").unwrap_err().message, "incomplete format");
        assert_eq!(
            parse("%.2q").unwrap_err().message,
            "unsupported format character 'q' (0x71) at index 3"
        );
        let mut out = String::new();
        let e = format_into(
            &mut out,
            &parse("%d").unwrap(),
            &[Value::Float(f64::INFINITY)],
        );
        assert_eq!(e.unwrap_err().name(), "OverflowError");
    }
}
