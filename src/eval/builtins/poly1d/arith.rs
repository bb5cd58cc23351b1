//! The operators of `np.poly1d`: `+`, `-` (`polyadd`/`polysub`: the
//! shorter operand padded with leading zeros), `*` (by a number, or
//! `polymul` = `np.convolve`), `/` by a number, `**` by a non-negative int,
//! unary `-`, and `==`/`!=`. Results are new polynomials in `x`, as
//! NumPy's `poly1d(...)` of the result.

use std::rc::Rc;

use crate::array::{Array, DType};
use crate::syntax::ast::BinOp;

use super::super::super::args::{CallArgs, Signature, bind};
use super::super::super::convert::to_array;
use super::super::super::error::{EvalError, EvalResult};
use super::super::super::ops;
use super::super::super::value::Value;
use super::{Poly1d, value};

/// `np.convolve(a, b)` (NumPy's `polymul`), through the builtin.
pub fn polymul(a: &Array, b: &Array) -> EvalResult<Array> {
    let f = super::super::lookup("convolve").expect("convolve is a builtin");
    let call = CallArgs {
        pos: smallvec::smallvec![Value::array(a.clone()), Value::array(b.clone())],
        pos_spans: smallvec::smallvec![Default::default(); 2],
        ..CallArgs::default()
    };
    let bound = bind(Signature::of(f.sig), call)?;
    let mut session = super::super::super::session::Session::new();
    to_array(&(f.func)(&mut session, &bound, false)?)
}

/// `polyadd`/`polysub`: the shorter one padded with leading zeros (of its
/// own dtype), then one ufunc.
pub fn polyadd(a: &Array, b: &Array, op: BinOp) -> EvalResult<Array> {
    let pad = |x: &Array, n: usize| -> EvalResult<Array> {
        Ok(crate::array::concatenate(
            &[Array::zeros(x.dtype(), &[n])?, x.clone()],
            Some(0),
        )?)
    };
    let (a, b) = match a.len().cmp(&b.len()) {
        std::cmp::Ordering::Less => (pad(a, b.len() - a.len())?, b.clone()),
        std::cmp::Ordering::Greater => (a.clone(), pad(b, a.len() - b.len())?),
        std::cmp::Ordering::Equal => (a.clone(), b.clone()),
    };
    to_array(&ops::binary(op, &Value::array(a), &Value::array(b))?)
}

/// Whether NumPy's `isscalar` holds: Python and NumPy numbers.
fn is_scalar(v: &Value) -> bool {
    matches!(
        v,
        Value::Int(_) | Value::Float(_) | Value::Bool(_) | Value::Scalar(_)
    )
}

/// `poly1d(v).coeffs` of an operand.
fn coeffs_of(v: &Value) -> EvalResult<Array> {
    match v {
        Value::Poly1d(p) => Ok(p.coeffs.clone()),
        _ => Ok(Poly1d::new(to_array(v)?, Rc::from("x"))?.coeffs),
    }
}

fn poly(coeffs: Array) -> EvalResult<Value> {
    Ok(value(Poly1d::new(coeffs, Rc::from("x"))?))
}

/// `p op q` when either side is a poly1d (NumPy's operators of the
/// class), else `None`.
pub fn binary(op: BinOp, a: &Value, b: &Value) -> Option<EvalResult<Value>> {
    let (p, other, reflected) = match (a, b) {
        (Value::Poly1d(p), _) => (p, b, false),
        (_, Value::Poly1d(p)) => (p, a, true),
        _ => return None,
    };
    Some((|| match op {
        BinOp::Mul if is_scalar(other) => {
            let (x, y) = (Value::array(p.coeffs.clone()), other);
            let r = match reflected {
                false => ops::binary(op, &x, y)?,
                true => ops::binary(op, y, &x)?,
            };
            poly(to_array(&r)?)
        }
        BinOp::Mul => poly(polymul(&p.coeffs, &coeffs_of(other)?)?),
        BinOp::Add => poly(polyadd(&p.coeffs, &coeffs_of(other)?, BinOp::Add)?),
        BinOp::Sub => {
            let (x, y) = (p.coeffs.clone(), coeffs_of(other)?);
            match reflected {
                false => poly(polyadd(&x, &y, BinOp::Sub)?),
                true => poly(polyadd(&y, &x, BinOp::Sub)?),
            }
        }
        BinOp::Div if is_scalar(other) => {
            let x = Value::array(p.coeffs.clone());
            let r = match reflected {
                false => ops::binary(op, &x, other)?,
                true => ops::binary(op, other, &x)?,
            };
            poly(to_array(&r)?)
        }
        BinOp::Pow if !reflected => {
            let n = match other {
                Value::Int(n) if *n >= 0 => *n,
                Value::Bool(b) => i64::from(*b),
                Value::Float(x) if *x >= 0.0 && x.fract() == 0.0 => {
                    return Err(EvalError::type_error(
                        "'float' object cannot be interpreted as an integer",
                    ));
                }
                _ => {
                    return Err(EvalError::value_error(
                        "Power to non-negative integers only.",
                    ));
                }
            };
            let mut r = Array::from_i64(vec![1]);
            let len = (p.coeffs.len().max(1) - 1).saturating_mul(n as usize);
            crate::array::limits::check_alloc(&[len.saturating_add(1)], p.coeffs.dtype())?;
            for _ in 0..n {
                crate::array::limits::check_interrupt()?;
                r = polymul(&p.coeffs, &r)?;
            }
            poly(r)
        }
        _ => Err(EvalError::type_error(format!(
            "unsupported operand type(s) for {}: '{}' and '{}'",
            op.symbol(),
            a.short_type(),
            b.short_type()
        ))),
    })())
}

/// `-p`, `+p`.
pub fn unary_neg(p: &Poly1d) -> EvalResult<Value> {
    let r = ops::unary(
        crate::syntax::ast::UnaryOp::Neg,
        &Value::array(p.coeffs.clone()),
    )?;
    poly(to_array(&r)?)
}

/// `p == q`: NumPy's bool of equal shapes and elements (other values are
/// never equal to a poly1d).
pub fn equal(a: &Value, b: &Value) -> Option<Value> {
    match (a, b) {
        (Value::Poly1d(p), Value::Poly1d(q)) => {
            if p.coeffs.shape() != q.coeffs.shape() {
                return Some(Value::Bool(false));
            }
            let same = p
                .coeffs
                .as_dtype(DType::Float64)
                .map(|a| a.to_f64_vec())
                .ok()
                == q.coeffs
                    .as_dtype(DType::Float64)
                    .map(|a| a.to_f64_vec())
                    .ok();
            Some(Value::Scalar(crate::array::Scalar::Bool(same)))
        }
        (Value::Poly1d(_), _) | (_, Value::Poly1d(_)) => Some(Value::Bool(false)),
        _ => None,
    }
}
