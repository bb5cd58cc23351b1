//! `np.poly1d` objects (issue 13): coefficients (highest power first) and
//! a variable name, as `lib/_polynomial_impl.py`'s class: called it is
//! `polyval`, `.deriv()`/`.integ()` are `polyder`/`polyint`, `+ - * / **`
//! and `==` are the class's operators (`polyadd`, `polymul` = convolve,
//! ...), `repr` is `poly1d([1., 2., 3.])` and `str`/`print` NumPy's
//! two-line layout with the powers raised above the terms. Roots (an
//! eigenvalue problem) are not computed.

use std::rc::Rc;

use crate::array::{Array, DType, Kind};
use crate::format::PrintOptions;
use crate::syntax::ast::BinOp;

use super::super::args::{CallArgs, Signature, bind};
use super::super::convert::{index_int, to_array};
use super::super::error::{ErrorKind, EvalError, EvalResult};
use super::super::format::{Spec, format_float};
use super::super::ops;
use super::super::value::Value;

mod arith;

pub use arith::{binary, equal, polyadd, polymul, unary_neg};

/// A polynomial: its coefficients (1-D, no leading zeros unless the
/// polynomial is 0) and the variable's name.
#[derive(Debug)]
pub struct Poly1d {
    pub coeffs: Array,
    pub variable: Rc<str>,
}

impl Poly1d {
    /// NumPy's constructor from coefficients: 1-D only, leading zeros
    /// trimmed, `[0]` (same dtype) when nothing remains.
    pub fn new(coeffs: Array, variable: Rc<str>) -> EvalResult<Poly1d> {
        let c = if coeffs.ndim() == 0 {
            coeffs.reshape_to(&[1])?
        } else {
            coeffs
        };
        if c.ndim() > 1 {
            return Err(EvalError::value_error("Polynomial must be 1d only."));
        }
        if c.dtype() == DType::Complex128 {
            return Err(ops::unsupported_dtype(DType::Complex128));
        }
        let first = c
            .as_dtype(DType::Float64)?
            .to_f64_vec()
            .iter()
            .position(|&x| x != 0.0);
        let coeffs = match first {
            Some(k) => c.slice_axis(0, Some(k as i64), None, None)?,
            None => Array::zeros(c.dtype(), &[1])?,
        };
        Ok(Poly1d { coeffs, variable })
    }

    /// The polynomial's degree.
    pub fn order(&self) -> usize {
        self.coeffs.len() - 1
    }

    /// `poly1d([1., 2., 3.])`: the array's repr inside `poly1d(...)`.
    pub fn repr(&self, opts: &PrintOptions) -> String {
        let r = crate::format::array_repr(&self.coeffs, opts);
        let inner = r
            .strip_prefix("array(")
            .and_then(|r| r.strip_suffix(')'))
            .unwrap_or(&r);
        format!("poly1d({inner})")
    }

    /// NumPy's `__str__`: terms `c x**k` joined by ` + `/` - `, then the
    /// powers moved to a line above (`_raise_power`).
    pub fn to_str(&self) -> String {
        let var = &*self.variable;
        let values = self
            .coeffs
            .as_dtype(DType::Float64)
            .map(|a| a.to_f64_vec())
            .unwrap_or_default();
        let first = values
            .iter()
            .position(|&x| x != 0.0)
            .unwrap_or(values.len());
        let coeffs = &values[first..];
        let n = coeffs.len() as i64 - 1;
        let mut out = String::from("0");
        for (k, &c) in coeffs.iter().enumerate() {
            let coef = fmt_float(c);
            let power = n - k as i64;
            let term = match power {
                0 if coef != "0" => coef,
                0 if k == 0 => "0".to_string(),
                0 => String::new(),
                _ if coef == "0" => String::new(),
                1 => format!("{coef} {var}"),
                _ => format!("{coef} {var}**{power}"),
            };
            if k == 0 {
                out = term;
            } else if let Some(rest) = term.strip_prefix('-') {
                out = format!("{out} - {rest}");
            } else if !term.is_empty() {
                out = format!("{out} + {term}");
            }
        }
        raise_power(&out, 70)
    }
}

/// `f'{q:.4g}'` without a trailing `.0000`.
fn fmt_float(q: f64) -> String {
    let spec = Spec::parse(".4g").expect("a valid spec");
    let s = format_float(q, &spec, "float").unwrap_or_default();
    s.strip_suffix(".0000").map(str::to_string).unwrap_or(s)
}

/// NumPy's `_raise_power`: each `**k` becomes `k` on the line above,
/// wrapping both lines at `wrap` columns.
fn raise_power(text: &str, wrap: usize) -> String {
    let (mut line1, mut line2) = (String::new(), String::new());
    let mut output = String::from(" ");
    let mut n = 0;
    while let Some(at) = text[n..].find("**").map(|i| i + n) {
        let digits: String = text[at + 2..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        let part = &text[n..at];
        n = at + 2 + digits.len();
        let pad = digits.len().saturating_sub(1);
        let add2 = format!("{part}{}", " ".repeat(pad));
        let add1 = format!("{}{digits}", " ".repeat(part.len().saturating_sub(1)));
        if line2.len() + add2.len() > wrap || line1.len() + add1.len() > wrap {
            output += &format!("{line1}\n{line2}\n ");
            line1 = add1;
            line2 = add2;
        } else {
            line2 += &add2;
            line1 += &add1;
        }
    }
    output += &format!("{line1}\n{line2}");
    output + &text[n..]
}

/// A poly1d value.
pub fn value(p: Poly1d) -> Value {
    Value::Poly1d(Rc::new(p))
}

/// `p.name`.
pub fn attr(recv: &Value, p: &Poly1d, name: &str) -> EvalResult<Value> {
    Ok(match name {
        "c" | "coef" | "coefficients" | "coeffs" => Value::array(p.coeffs.clone()),
        "order" | "o" => Value::Int(p.order() as i64),
        "variable" => Value::str(&*p.variable),
        "deriv" | "integ" => {
            let name: &'static str = if name == "deriv" { "deriv" } else { "integ" };
            Value::Method(Rc::new((recv.clone(), name)))
        }
        "r" | "roots" => {
            return Err(EvalError::new(
                ErrorKind::NotImplementedError,
                "gradlab's poly1d has no roots (np.roots needs eigenvalues)",
            ));
        }
        _ => {
            return Err(EvalError::new(
                ErrorKind::AttributeError,
                format!("'poly1d' object has no attribute '{name}'"),
            ));
        }
    })
}

/// `p[k]`: the coefficient of `x**k` (a zero of the coefficients' dtype
/// beyond the order).
pub fn getitem(p: &Poly1d, items: &[super::super::index::Idx]) -> EvalResult<Value> {
    use super::super::index::Idx;
    let k = match items {
        [Idx::Int(k)] => *k,
        [Idx::Slice(..)] => {
            return Err(EvalError::type_error(
                "unsupported operand type(s) for -: 'int' and 'slice'",
            ));
        }
        _ => {
            return Err(EvalError::type_error(
                "poly1d indices must be integers (powers of x)",
            ));
        }
    };
    let order = p.order() as i64;
    if k < 0 || k > order {
        return Ok(Value::Scalar(
            Array::zeros(p.coeffs.dtype(), &[])?
                .first()
                .expect("one element"),
        ));
    }
    Ok(Value::Scalar(p.coeffs.get(&[(order - k) as usize])))
}

/// `p(x)`.
pub fn call(p: &Poly1d, call: CallArgs) -> EvalResult<Value> {
    let b = bind(Signature::of("__call__(val)"), call)?;
    super::polynomials::horner(&p.coeffs, to_array(b.req("val"))?)
}

/// `p.deriv(m=1)` and `p.integ(m=1, k=0)`.
pub fn call_method(p: &Poly1d, name: &str, call: CallArgs) -> EvalResult<Value> {
    let span = call.span.clone();
    let r = match name {
        "deriv" => {
            let b = bind(Signature::of("deriv(m=1)"), call)?;
            let m = b.opt("m").map(index_int).transpose()?.unwrap_or(1);
            polyder(&p.coeffs, m)
        }
        _ => {
            let b = bind(Signature::of("integ(m=1, k=0)"), call)?;
            let m = b.opt("m").map(index_int).transpose()?.unwrap_or(1);
            let k = to_array(b.get("k").unwrap_or(&Value::Int(0)))?;
            polyint(&p.coeffs, m, &k)
        }
    };
    let coeffs = r.map_err(|e| e.at(&span))?;
    Ok(value(
        Poly1d::new(coeffs, p.variable.clone()).map_err(|e| e.at(&span))?,
    ))
}

/// `polyder(p, m)`: `p[:-1] * arange(n, 0, -1)`, `m` times.
pub fn polyder(p: &Array, m: i64) -> EvalResult<Array> {
    if m < 0 {
        return Err(EvalError::value_error(
            "Order of derivative must be positive (see polyint)",
        ));
    }
    let mut p = p.clone();
    for _ in 0..m {
        if p.is_empty() {
            // Every further derivative of nothing is nothing.
            break;
        }
        let n = p.len().saturating_sub(1);
        let head = p.slice_axis(0, None, Some(n as i64), None)?;
        let powers = Array::from_i64((1..=n as i64).rev().collect());
        let y = ops::binary(BinOp::Mul, &Value::array(head), &Value::array(powers))?;
        p = to_array(&y)?;
    }
    Ok(p)
}

/// `polyint(p, m, k)`: `concatenate((p / arange(len(p), 0, -1), [k0]))`,
/// `m` times, with NumPy's checks of `k`.
pub fn polyint(p: &Array, m: i64, k: &Array) -> EvalResult<Array> {
    if m < 0 {
        return Err(EvalError::value_error(
            "Order of integral must be positive (see polyder)",
        ));
    }
    let k = if k.ndim() == 0 {
        k.reshape_to(&[1])?
    } else {
        k.clone()
    };
    let mut ks = k.as_dtype(DType::Float64)?.to_f64_vec();
    if ks.len() == 1 && m > 1 {
        // `k[0] * ones(m)`, and the result grows by one per integral.
        crate::array::limits::check_alloc(&[m as usize], DType::Float64)?;
        ks = vec![ks[0]; m as usize];
    }
    if (ks.len() as i64) < m {
        return Err(EvalError::value_error(
            "k must be a scalar or a rank-1 array of length 1 or >m.",
        ));
    }
    let mut p = p.clone();
    for &k0 in ks.iter().take(m as usize) {
        crate::array::limits::check_interrupt()?;
        let n = p.len() as i64;
        let powers = Array::from_i64((1..=n).rev().collect());
        let q = ops::binary(BinOp::Div, &Value::array(p.clone()), &Value::array(powers))?;
        let mut values = to_array(&q)?.as_dtype(DType::Float64)?.to_f64_vec();
        values.push(k0);
        p = Array::from_f64(values);
    }
    // `k` of an integer dtype keeps a float result (the division is).
    debug_assert!(m == 0 || matches!(p.dtype().kind(), Kind::Float));
    Ok(p)
}
