//! `np.cross` as NumPy's `numeric.py` computes it: both inputs cast to
//! their common dtype, the vector axes moved last, each component one
//! multiply and one subtract through the evaluator's operators (so bool
//! inputs fail as NumPy's `-=` does, and float results are NumPy's
//! bits), then the components stacked on `axisc`.

use crate::array::{Array, Index, broadcast_shapes, concatenate, normalize_axis};
use crate::syntax::ast::{BinOp, UnaryOp};

use super::super::args::Bound;
use super::super::convert::{index_int, to_array};
use super::super::error::{EvalError, EvalResult};
use super::super::ops;
use super::super::session::Session;
use super::super::value::Value;
use super::super::warnings::{self, WarningKind};
use super::{Builtin, Home};

builtins! { CROSS;
    "cross", Numpy, cross, "cross(a, b, axisa=-1, axisb=-1, axisc=-1, axis=None)",
        "Cross product of 3-vectors (2-vectors are deprecated) along the last axis, broadcast.",
        "np.cross([1, 2, 3], [4, 5, 6])";
}

/// An axis argument of `cross`, normalised with NumPy's `axisa: ` prefix.
fn cross_axis(v: Option<&Value>, name: &str, ndim: usize) -> EvalResult<usize> {
    let axis = v.map(index_int).transpose()?.unwrap_or(-1);
    normalize_axis(axis, ndim).map_err(|e| {
        let mut e = EvalError::from(e);
        e.message = format!("{name}: {}", e.message);
        e
    })
}

/// `x` with `axis` moved last.
fn axis_last(x: &Array, axis: usize) -> EvalResult<Array> {
    let mut perm: Vec<i64> = (0..x.ndim() as i64).filter(|&k| k != axis as i64).collect();
    perm.push(axis as i64);
    Ok(x.transpose(Some(&perm))?)
}

/// Component `k` of the vectors of `x` (`x[..., k]`).
fn part(x: &Array, k: i64) -> EvalResult<Value> {
    Ok(Value::array(x.index(&[Index::Ellipsis, Index::Int(k)])?))
}

fn mul(a: &Value, b: &Value) -> EvalResult<Value> {
    ops::binary(BinOp::Mul, a, b)
}

/// `a0 * b1 - a1 * b0`, as NumPy's in-place subtract computes it.
fn det2(a0: &Value, b1: &Value, a1: &Value, b0: &Value) -> EvalResult<Value> {
    ops::binary(BinOp::Sub, &mul(a0, b1)?, &mul(a1, b0)?)
}

/// `np.cross(a, b, axisa=-1, axisb=-1, axisc=-1, axis=None)`. Errors:
/// 0-d inputs, vectors not of length 2 or 3 (ValueError), axes out of
/// range (AxisError with the argument's name), shapes that do not
/// broadcast; 2-vectors warn (DeprecationWarning, NumPy 2.0).
pub fn cross(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let x = b.at("a", to_array(b.req("a")))?;
    let y = b.at("b", to_array(b.req("b")))?;
    let axis = b.opt("axis");
    let pick = |name| axis.or_else(|| b.get(name));
    if x.ndim() < 1 || y.ndim() < 1 {
        return Err(EvalError::value_error(
            "At least one array has zero dimension",
        ));
    }
    let x = axis_last(&x, cross_axis(pick("axisa"), "axisa", x.ndim())?)?;
    let y = axis_last(&y, cross_axis(pick("axisb"), "axisb", y.ndim())?)?;
    let (nx, ny) = (x.shape()[x.ndim() - 1], y.shape()[y.ndim() - 1]);
    if ![2, 3].contains(&nx) || ![2, 3].contains(&ny) {
        return Err(EvalError::value_error(
            "incompatible dimensions for cross product\n(dimension must be 2 or 3)",
        ));
    }
    if nx == 2 || ny == 2 {
        warnings::warn(
            WarningKind::DeprecationWarning,
            "Arrays of 2-dimensional vectors are deprecated. Use arrays of 3-dimensional vectors instead. (deprecated in NumPy 2.0)",
            false,
        )?;
    }
    let (sx, sy) = (&x.shape()[..x.ndim() - 1], &y.shape()[..y.ndim() - 1]);
    let shape = broadcast_shapes(sx, sy).map_err(|_| {
        EvalError::value_error(format!(
            "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg 0 with shape {} and arg 1 with shape {}.",
            crate::array::shape_repr(sx),
            crate::array::shape_repr(sy)
        ))
    })?;
    let axisc = if nx == 3 || ny == 3 {
        Some(cross_axis(pick("axisc"), "axisc", shape.len() + 1)?)
    } else {
        None
    };
    let dt = x.dtype().promote(y.dtype());
    let (x, y) = (x.as_dtype(dt)?, y.as_dtype(dt)?);
    let (a0, a1, b0, b1) = (part(&x, 0)?, part(&x, 1)?, part(&y, 0)?, part(&y, 1)?);
    let neg = |v: Value| ops::unary(UnaryOp::Neg, &v);
    let parts = match (nx, ny) {
        (2, 2) => {
            return Ok(Value::array(cast_to(
                &det2(&a0, &b1, &a1, &b0)?,
                dt,
                &shape,
            )?));
        }
        (2, _) => {
            let b2 = part(&y, 2)?;
            [
                mul(&a1, &b2)?,
                neg(mul(&a0, &b2)?)?,
                det2(&a0, &b1, &a1, &b0)?,
            ]
        }
        (_, 3) => {
            let (a2, b2) = (part(&x, 2)?, part(&y, 2)?);
            [
                det2(&a1, &b2, &a2, &b1)?,
                det2(&a2, &b0, &a0, &b2)?,
                det2(&a0, &b1, &a1, &b0)?,
            ]
        }
        _ => {
            let a2 = part(&x, 2)?;
            [
                neg(mul(&a2, &b1)?)?,
                mul(&a2, &b0)?,
                det2(&a0, &b1, &a1, &b0)?,
            ]
        }
    };
    let columns = parts
        .iter()
        .map(|p| Ok(cast_to(p, dt, &shape)?.insert_axis(shape.len())))
        .collect::<EvalResult<Vec<_>>>()?;
    let cp = concatenate(&columns, Some(shape.len() as i64))?;
    let axisc = axisc.expect("a 3-vector result has axisc");
    let mut perm: Vec<i64> = (0..shape.len() as i64).collect();
    perm.insert(axisc, shape.len() as i64);
    Ok(Value::array(cp.transpose(Some(&perm))?))
}

/// A component as written into NumPy's output array: the output's dtype
/// and broadcast shape.
fn cast_to(v: &Value, dt: crate::array::DType, shape: &[usize]) -> EvalResult<Array> {
    let a = to_array(v)?;
    Ok(a.broadcast_to(shape)?.as_dtype(dt)?)
}
