//! Python's format-spec mini-language (`format(x, '8.3f')`, the part after
//! `:` in f-strings and `str.format`) for str, int, bool, float and NumPy
//! scalars (which format as the Python number they hold, as NumPy's
//! `__format__` does). Digits come from Rust's correctly rounded float
//! formatting, which agrees with Python's.

use super::ErrorKind;
use super::error::{EvalError, EvalResult};
use super::session::Session;
use super::value::{Scalar, Value};

/// `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Spec {
    pub fill: Option<char>,
    pub align: Option<char>,
    pub sign: Option<char>,
    pub z: bool,
    pub alt: bool,
    pub zero: bool,
    pub width: usize,
    pub grouping: Option<char>,
    pub precision: Option<usize>,
    pub ty: Option<char>,
}

fn invalid() -> EvalError {
    EvalError::value_error("Invalid format specifier")
}

impl Spec {
    pub fn parse(s: &str) -> EvalResult<Spec> {
        let c: Vec<char> = s.chars().collect();
        let mut spec = Spec::default();
        let mut i = 0;
        let is_align = |ch: char| matches!(ch, '<' | '>' | '=' | '^');
        if c.len() >= 2 && is_align(c[1]) {
            spec.fill = Some(c[0]);
            spec.align = Some(c[1]);
            i = 2;
        } else if !c.is_empty() && is_align(c[0]) {
            spec.align = Some(c[0]);
            i = 1;
        }
        if i < c.len() && matches!(c[i], '+' | '-' | ' ') {
            spec.sign = Some(c[i]);
            i += 1;
        }
        if i < c.len() && c[i] == 'z' {
            spec.z = true;
            i += 1;
        }
        if i < c.len() && c[i] == '#' {
            spec.alt = true;
            i += 1;
        }
        if i < c.len() && c[i] == '0' {
            spec.zero = true;
            i += 1;
        }
        let digits = |i: &mut usize| -> EvalResult<Option<usize>> {
            let start = *i;
            while *i < c.len() && c[*i].is_ascii_digit() {
                *i += 1;
            }
            if *i == start {
                return Ok(None);
            }
            let text: String = c[start..*i].iter().collect();
            text.parse::<usize>()
                .ok()
                .filter(|&n| n <= i64::MAX as usize / 4)
                .map(Some)
                .ok_or_else(|| EvalError::value_error("Too many decimal digits in format string"))
        };
        spec.width = digits(&mut i)?.unwrap_or(0);
        if i < c.len() && matches!(c[i], ',' | '_') {
            spec.grouping = Some(c[i]);
            i += 1;
        }
        if i < c.len() && c[i] == '.' {
            i += 1;
            spec.precision = Some(
                digits(&mut i)?
                    .ok_or_else(|| EvalError::value_error("Format specifier missing precision"))?,
            );
        }
        if i < c.len() {
            spec.ty = Some(c[i]);
            i += 1;
        }
        if i != c.len() {
            return Err(invalid());
        }
        Ok(spec)
    }
}

/// `format(v, spec)`.
pub fn format_value(s: &Session, v: &Value, spec: &str) -> EvalResult<String> {
    if spec.is_empty() {
        // np.float32.__format__ formats the value as a Python float.
        if let Value::Scalar(crate::array::Scalar::Float32(x)) = v {
            return Ok(crate::format::py_float(f64::from(*x)));
        }
        return Ok(s.str(v));
    }
    let sp = Spec::parse(spec)?;
    match v {
        Value::Str(t) => format_str(t, &sp),
        Value::Bool(b) => format_int(i64::from(*b), &sp, "bool"),
        Value::Int(i) => format_int(*i, &sp, "int"),
        Value::BigInt(n) => format_bigint(n, &sp),
        Value::Float(x) => format_float(*x, &sp, "float"),
        Value::Complex(z) => format_complex(*z, &sp),
        Value::Scalar(Scalar::Bool(b)) => format_int(i64::from(*b), &sp, "bool"),
        Value::Scalar(s) if s.dtype().is_integer() => format_int(s.get::<i64>(), &sp, "int"),
        Value::Scalar(s) if s.dtype().kind() == crate::array::Kind::Float => {
            format_float(s.as_f64(), &sp, "float")
        }
        other => Err(EvalError::type_error(format!(
            "unsupported format string passed to {}.__format__",
            other.type_name()
        ))),
    }
}

/// `format(z, spec)` of a Python complex (CPython's `format_complex_internal`):
/// both parts formatted by the spec, the imaginary one always signed, the
/// whole padded; no type means `str(z)`'s layout (parentheses unless the
/// real part is +0).
fn format_complex(z: crate::array::Complex128, sp: &Spec) -> EvalResult<String> {
    if sp.align == Some('=') {
        return Err(EvalError::value_error(
            "'=' alignment flag is not allowed in complex format specifier",
        ));
    }
    if sp.zero {
        return Err(EvalError::value_error(
            "Zero padding is not allowed in complex format specifier",
        ));
    }
    if sp.ty == Some('%') {
        return Err(unknown_code('%', "complex"));
    }
    let body = if sp.ty.is_none() && sp.precision.is_none() {
        crate::format::scalar_str(Scalar::Complex128(z))
    } else {
        let part = Spec {
            fill: None,
            align: None,
            zero: false,
            width: 0,
            ty: Some(match sp.ty {
                None | Some('n') => 'g',
                Some(t) => t,
            }),
            ..sp.clone()
        };
        let signed = Spec {
            sign: Some('+'),
            ..part.clone()
        };
        let skip_re = sp.ty.is_none() && z.re == 0.0 && z.re.is_sign_positive();
        if skip_re {
            format!("{}j", format_float(z.im, &part, "complex")?)
        } else {
            let re = format_float(z.re, &part, "complex")?;
            let im = format_float(z.im, &signed, "complex")?;
            if sp.ty.is_none() {
                format!("({re}{im}j)")
            } else {
                format!("{re}{im}j")
            }
        }
    };
    Ok(pad("", &body, sp, '>'))
}

fn unknown_code(ty: char, what: &str) -> EvalError {
    EvalError::value_error(format!(
        "Unknown format code '{ty}' for object of type '{what}'"
    ))
}

/// Pads `body` (after its `sign`/prefix) to the spec's width.
fn pad(sign: &str, body: &str, sp: &Spec, default_align: char) -> String {
    let fill = sp.fill.unwrap_or(if sp.zero && sp.align.is_none() {
        '0'
    } else {
        ' '
    });
    let align = sp
        .align
        .unwrap_or(if sp.zero { '=' } else { default_align });
    let len = sign.chars().count() + body.chars().count();
    if len >= sp.width {
        return format!("{sign}{body}");
    }
    let n = sp.width - len;
    let fills = |k: usize| fill.to_string().repeat(k);
    match align {
        '<' => format!("{sign}{body}{}", fills(n)),
        '^' => format!("{}{sign}{body}{}", fills(n / 2), fills(n - n / 2)),
        '=' => format!("{sign}{}{body}", fills(n)),
        _ => format!("{}{sign}{body}", fills(n)),
    }
}

pub fn format_str(t: &str, sp: &Spec) -> EvalResult<String> {
    if let Some(ty) = sp.ty.filter(|&c| c != 's') {
        return Err(unknown_code(ty, "str"));
    }
    if sp.sign.is_some() {
        return Err(EvalError::value_error(
            "Sign not allowed in string format specifier",
        ));
    }
    if sp.align == Some('=') {
        return Err(EvalError::value_error(
            "'=' alignment not allowed in string format specifier",
        ));
    }
    let body: String = match sp.precision {
        Some(p) => t.chars().take(p).collect(),
        None => t.to_string(),
    };
    Ok(pad("", &body, sp, '<'))
}

/// The digits of an int, grouped by the spec; with zero padding (`'030,'`)
/// the padding zeros are grouped too, as Python groups them: digits are
/// added until the grouped text (after `sign_len` sign and prefix
/// characters) fills the width.
fn int_body(digits: String, sp: &Spec, every: usize, sign_len: usize) -> String {
    let Some(sep) = sp.grouping else {
        return digits;
    };
    let zero_padded = sp.zero && sp.align.is_none() && sp.fill.is_none();
    let mut digits = digits;
    let mut body = group(&digits, sep, every);
    while zero_padded && sign_len + body.chars().count() < sp.width {
        digits.insert(0, '0');
        body = group(&digits, sep, every);
    }
    body
}

fn group(digits: &str, sep: char, every: usize) -> String {
    let n = digits.len();
    let mut out = String::with_capacity(n + n / every);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (n - i).is_multiple_of(every) {
            out.push(sep);
        }
        out.push(ch);
    }
    out
}

fn sign_of(negative: bool, sp: &Spec) -> &'static str {
    match (negative, sp.sign) {
        (true, _) => "-",
        (false, Some('+')) => "+",
        (false, Some(' ')) => " ",
        _ => "",
    }
}

pub fn format_int(i: i64, sp: &Spec, what: &str) -> EvalResult<String> {
    let ty = sp.ty.unwrap_or('d');
    if matches!(ty, 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') {
        return format_float(i as f64, sp, "float");
    }
    if sp.precision.is_some() {
        return Err(EvalError::value_error(
            "Precision not allowed in integer format specifier",
        ));
    }
    let mag = i.unsigned_abs();
    let (prefix, digits, every) = match ty {
        'd' | 'n' => ("", mag.to_string(), 3),
        'b' => ("0b", format!("{mag:b}"), 4),
        'o' => ("0o", format!("{mag:o}"), 4),
        'x' => ("0x", format!("{mag:x}"), 4),
        'X' => ("0X", format!("{mag:X}"), 4),
        'c' => {
            let ch = u32::try_from(i)
                .ok()
                .and_then(char::from_u32)
                .ok_or_else(|| {
                    EvalError::new(ErrorKind::OverflowError, "%c arg not in range(0x110000)")
                })?;
            return Ok(pad("", &ch.to_string(), sp, '>'));
        }
        other => return Err(unknown_code(other, what)),
    };
    let sign = format!("{}{}", sign_of(i < 0, sp), if sp.alt { prefix } else { "" });
    let digits = int_body(digits, sp, every, sign.chars().count());
    Ok(pad(&sign, &digits, sp, '>'))
}

/// `format(n, spec)` of a Python int past int64: its digits in the spec's
/// base, grouped and padded as [`format_int`] does; float types format
/// `float(n)`.
pub(crate) fn format_bigint(n: &num_bigint::BigInt, sp: &Spec) -> EvalResult<String> {
    use crate::eval::ops::pybigint;
    let ty = sp.ty.unwrap_or('d');
    if matches!(ty, 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') {
        return format_float(pybigint::to_f64(n)?, sp, "float");
    }
    if sp.precision.is_some() {
        return Err(EvalError::value_error(
            "Precision not allowed in integer format specifier",
        ));
    }
    let (prefix, digits, every) = match ty {
        'd' | 'n' => ("", pybigint::digits(n, 10), 3),
        'b' => ("0b", pybigint::digits(n, 2), 4),
        'o' => ("0o", pybigint::digits(n, 8), 4),
        'x' => ("0x", pybigint::digits(n, 16), 4),
        'X' => ("0X", pybigint::digits(n, 16).to_uppercase(), 4),
        'c' => {
            return Err(EvalError::new(
                ErrorKind::OverflowError,
                "%c arg not in range(0x110000)",
            ));
        }
        other => return Err(unknown_code(other, "int")),
    };
    let sign = format!(
        "{}{}",
        sign_of(pybigint::is_negative(n), sp),
        if sp.alt { prefix } else { "" }
    );
    let digits = int_body(digits, sp, every, sign.chars().count());
    Ok(pad(&sign, &digits, sp, '>'))
}

/// Python's exponent style: `e+05`, `e-10`, `e+100`.
fn py_exponent(sci: &str, upper: bool) -> String {
    let (mant, exp) = sci.split_once('e').unwrap_or((sci, "0"));
    let e: i32 = exp.parse().unwrap_or(0);
    let mark = if upper { 'E' } else { 'e' };
    format!(
        "{mant}{mark}{}{:02}",
        if e < 0 { '-' } else { '+' },
        e.abs()
    )
}

fn strip_zeros(s: &str) -> String {
    if !s.contains('.') {
        return s.to_string();
    }
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// `x` in 'g' style with `p` significant digits; `keep_point` adds `.0`
/// to a whole number in fixed notation (the spec without a type).
fn general(x: f64, p: usize, alt: bool, upper: bool, keep_point: bool) -> String {
    let p = p.max(1);
    let sci = format!("{:.*e}", p - 1, x);
    let exp: i32 = sci
        .split_once('e')
        .map_or(0, |(_, e)| e.parse().unwrap_or(0));
    if exp >= -4 && (exp as i64) < p as i64 {
        let decimals = (p as i64 - 1 - exp as i64).max(0) as usize;
        let fixed = format!("{x:.decimals$}");
        let mut out = if alt { fixed } else { strip_zeros(&fixed) };
        if keep_point && !out.contains('.') {
            out.push_str(".0");
        }
        out
    } else {
        let (mant, _) = sci.split_once('e').unwrap_or((&sci, ""));
        let mant = if alt {
            mant.to_string()
        } else {
            strip_zeros(mant)
        };
        py_exponent(&format!("{mant}e{exp}"), upper)
    }
}

pub fn format_float(x: f64, sp: &Spec, what: &str) -> EvalResult<String> {
    let ty = sp.ty;
    if let Some(t) = ty
        && !matches!(t, 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%')
    {
        return Err(unknown_code(t, what));
    }
    if sp.alt && ty.is_none() && sp.precision.is_none() {
        // `#` alone keeps repr's digits.
    }
    let upper = matches!(ty, Some('E' | 'F' | 'G'));
    let negative = x.is_sign_negative() && !x.is_nan() && !(sp.z && x == 0.0);
    let a = x.abs();
    let body = if !a.is_finite() {
        let t = if a.is_nan() { "nan" } else { "inf" };
        let t = if upper {
            t.to_uppercase()
        } else {
            t.to_string()
        };
        if ty == Some('%') { format!("{t}%") } else { t }
    } else {
        match ty {
            Some('f' | 'F') => format!("{a:.*}", sp.precision.unwrap_or(6)),
            Some('e' | 'E') => py_exponent(&format!("{a:.*e}", sp.precision.unwrap_or(6)), upper),
            Some('g' | 'G' | 'n') => general(a, sp.precision.unwrap_or(6), sp.alt, upper, false),
            Some('%') => format!("{:.*}%", sp.precision.unwrap_or(6), a * 100.0),
            _ => match sp.precision {
                Some(p) => general(a, p, sp.alt, false, true),
                None => crate::format::py_float(a),
            },
        }
    };
    let body = match sp.grouping {
        Some(sep) if a.is_finite() => {
            let cut = body
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(body.len());
            format!("{}{}", group(&body[..cut], sep, 3), &body[cut..])
        }
        _ => body,
    };
    if sp.alt && !body.contains('.') && a.is_finite() && matches!(ty, Some('f' | 'F' | 'e' | 'E')) {
        let cut = body.find(['e', 'E', '%']).unwrap_or(body.len());
        let body = format!("{}.{}", &body[..cut], &body[cut..]);
        return Ok(pad(sign_of(negative, sp), &body, sp, '>'));
    }
    Ok(pad(sign_of(negative, sp), &body, sp, '>'))
}
