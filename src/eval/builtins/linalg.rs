//! Products and 1-D signal math (issue 13): `outer`, `dot`, `inner`,
//! `convolve`, `correlate`, `ediff1d` (`trapezoid` is its own file).

use crate::array::{Array, DType};
use crate::syntax::ast::BinOp;

use super::super::args::Bound;
use super::super::convert::{index_int, to_array};
use super::super::error::{EvalError, EvalResult};
use super::super::ops::{self, scalar_of, unsupported_dtype};
use super::super::session::Session;
use super::super::value::Value;
use super::{Builtin, Home};

builtins! { LINALG;
    "outer", Numpy, outer, "outer(a, b)", "Outer product of two vectors (inputs flattened).", "np.outer(np.arange(3), np.arange(4))";
    "dot", Numpy, dot, "dot(a, b)", "Dot product: inner product of vectors, matrix product of 2-D arrays.", "np.dot(np.array([1, 2, 3]), np.array([4, 5, 6]))";
    "inner", Numpy, inner, "inner(a, b)", "Inner product over the last axes.", "np.inner(np.array([1., 2.]), np.array([3., 4.]))";
    "convolve", Numpy, convolve, "convolve(a, v, mode='full')",
        "Discrete linear convolution of two 1-D sequences (mode 'full', 'same' or 'valid').",
        "np.convolve(np.array([1., 2., 3., 4., 5.]), np.ones(3) / 3, mode='valid')";
    "correlate", Numpy, convolve, "correlate(a, v, mode='valid')",
        "Cross-correlation of two 1-D sequences.", "np.correlate(np.array([1, 2, 3]), np.array([0, 1, 0.5]), mode='full')";
    "trapezoid", Numpy, super::trapezoid::trapezoid, "trapezoid(y, x=None, dx=1.0, axis=-1)",
        "Integral of y by the trapezoidal rule along an axis.", "np.trapezoid(np.array([[0, 1, 2], [3, 4, 5]]), axis=0)";
    "ediff1d", Numpy, ediff1d, "ediff1d(ary, to_end=None, to_begin=None)",
        "Differences of the flattened array, optionally with values before and after.",
        "np.ediff1d(np.array([1, 2, 4, 7]), to_begin=-99)";
}

/// A Python number as a NumPy scalar, lists as arrays.
fn operand(v: &Value) -> EvalResult<Value> {
    Ok(match v {
        Value::Bool(_) | Value::Int(_) | Value::Float(_) => {
            Value::Scalar(scalar_of(v).expect("a Python number"))
        }
        Value::List(_) | Value::Tuple(_) => Value::array(to_array(v)?),
        other => other.clone(),
    })
}

/// `outer(a, b)`: `a.ravel()[:, None] * b.ravel()[None, :]`.
pub fn outer(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let x = b.at("a", to_array(b.req("a")))?;
    let y = b.at("b", to_array(b.req("b")))?;
    let x = x.ravel()?.reshape(&[-1, 1])?;
    let y = y.ravel()?.reshape(&[1, -1])?;
    ops::binary(BinOp::Mul, &Value::array(x), &Value::array(y))
}

fn not_aligned(x: &Array, y: &Array, dx: usize, dy: usize) -> EvalError {
    EvalError::value_error(format!(
        "shapes {} and {} not aligned: {} (dim {dx}) != {} (dim {dy})",
        crate::array::shape_compact(x.shape()),
        crate::array::shape_compact(y.shape()),
        x.shape()[dx],
        y.shape()[dy],
    ))
}

/// `dot(a, b)`: a product with a scalar, else the matrix product (up to
/// 2-D, where it equals `@`).
pub fn dot(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let (va, vb) = (operand(b.req("a"))?, operand(b.req("b"))?);
    let (x, y) = (to_array(&va)?, to_array(&vb)?);
    if x.ndim() == 0 || y.ndim() == 0 {
        return ops::binary(BinOp::Mul, &va, &vb);
    }
    if x.ndim() > 2 || y.ndim() > 2 {
        return Err(EvalError::new(
            crate::eval::ErrorKind::NotImplementedError,
            "gradlab's np.dot takes arrays of at most 2 dimensions",
        ));
    }
    let (dx, dy) = (x.ndim() - 1, 0);
    if x.shape()[dx] != y.shape()[dy] {
        return Err(not_aligned(&x, &y, dx, dy));
    }
    ops::binary(BinOp::MatMul, &Value::array(x), &Value::array(y))
}

/// `inner(a, b)`: the sum over the last axes (up to 2-D: `a @ b.T`).
pub fn inner(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let (va, vb) = (operand(b.req("a"))?, operand(b.req("b"))?);
    let (x, y) = (to_array(&va)?, to_array(&vb)?);
    if x.ndim() == 0 || y.ndim() == 0 {
        return ops::binary(BinOp::Mul, &va, &vb);
    }
    if x.ndim() > 2 || y.ndim() > 2 {
        return Err(EvalError::new(
            crate::eval::ErrorKind::NotImplementedError,
            "gradlab's np.inner takes arrays of at most 2 dimensions",
        ));
    }
    let (dx, dy) = (x.ndim() - 1, y.ndim() - 1);
    if x.shape()[dx] != y.shape()[dy] {
        return Err(not_aligned(&x, &y, dx, dy));
    }
    ops::binary(BinOp::MatMul, &Value::array(x), &Value::array(y.t()))
}

#[derive(Clone, Copy)]
enum Mode {
    Valid,
    Same,
    Full,
}

fn mode_arg(v: Option<&Value>, default: Mode) -> EvalResult<Mode> {
    let bad = |shown: String| {
        EvalError::value_error(format!(
            "mode must be one of 'valid', 'same', or 'full' (got {shown})"
        ))
    };
    match v {
        None => Ok(default),
        Some(Value::Str(s)) => match &**s {
            "valid" | "v" => Ok(Mode::Valid),
            "same" | "s" => Ok(Mode::Same),
            "full" | "f" => Ok(Mode::Full),
            other => Err(bad(format!("'{other}'"))),
        },
        Some(v @ (Value::Int(_) | Value::Bool(_))) => match index_int(v)? {
            0 => Ok(Mode::Valid),
            1 => Ok(Mode::Same),
            2 => Ok(Mode::Full),
            _ => Err(EvalError::value_error(
                "integer convolve/correlate mode must be 0, 1, or 2",
            )),
        },
        Some(other) => Err(bad(other.repr(&Default::default()))),
    }
}

/// NumPy's `_pyarray_correlate` on float64 (ints and bools go through
/// float64 only when exact, see [`convolve`]): `a` the longer sequence.
fn correlate_f64(a: &[f64], v: &[f64], mode: Mode) -> Vec<f64> {
    let (n1, n) = (a.len(), v.len());
    let (n_left, n_right, length) = match mode {
        Mode::Valid => (0, 0, n1 - n + 1),
        Mode::Same => (n / 2, n - n / 2 - 1, n1),
        Mode::Full => (n - 1, n - 1, n1 + n - 1),
    };
    let dot = |x: &[f64], y: &[f64]| x.iter().zip(y).fold(0.0, |s, (p, q)| s + p * q);
    let mut out = Vec::with_capacity(length);
    let mut m = n - n_left;
    for i in 0..n_left {
        out.push(dot(&a[..m], &v[n_left - i..]));
        m += 1;
    }
    for i in 0..=(n1 - n) {
        out.push(dot(&a[i..i + n], v));
    }
    for i in 0..n_right {
        m = n - 1 - i;
        let start = n1 - n + 1 + i;
        out.push(dot(&a[start..start + m], &v[..m]));
    }
    out
}

/// Integer correlation with NumPy's wrapping arithmetic.
fn correlate_i64(a: &[i64], v: &[i64], mode: Mode) -> Vec<i64> {
    let (n1, n) = (a.len(), v.len());
    let pad = match mode {
        Mode::Valid => 0,
        Mode::Same => n / 2,
        Mode::Full => n - 1,
    };
    let length = match mode {
        Mode::Valid => n1 - n + 1,
        Mode::Same => n1,
        Mode::Full => n1 + n - 1,
    };
    (0..length)
        .map(|k| {
            let mut s = 0i64;
            for (j, &w) in v.iter().enumerate() {
                let i = k as i64 + j as i64 - pad as i64;
                if (0..n1 as i64).contains(&i) {
                    s = s.wrapping_add(a[i as usize].wrapping_mul(w));
                }
            }
            s
        })
        .collect()
}

fn one_d(b: &Bound, name: &str) -> EvalResult<Array> {
    let a = b.at(name, to_array(b.req(name)))?;
    match a.ndim() {
        0 => Ok(a.reshape(&[1])?),
        1 => Ok(a),
        _ => Err(EvalError::value_error("object too deep for desired array")),
    }
}

/// `convolve(a, v, mode='full')` and `correlate(a, v, mode='valid')`.
pub fn convolve(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let is_convolve = b.sig.name.as_str() == "convolve";
    let (mut a, mut v) = (one_d(b, "a")?, one_d(b, "v")?);
    let default = if is_convolve { Mode::Full } else { Mode::Valid };
    let mode = mode_arg(b.opt("mode"), default)?;
    let dt = a.dtype().promote(v.dtype());
    if a.is_empty() {
        return Err(EvalError::value_error("a cannot be empty"));
    }
    if v.is_empty() {
        return Err(EvalError::value_error("v cannot be empty"));
    }
    let mut inverted = false;
    if v.len() > a.len() {
        std::mem::swap(&mut a, &mut v);
        inverted = true;
    }
    let reverse_v = is_convolve;
    let reverse_out = inverted && !is_convolve;
    let finish = |mut out: Array| -> EvalResult<Value> {
        if reverse_out {
            out = out.slice_axis(0, None, None, Some(-1))?.copy()?;
        }
        Ok(Value::array(out))
    };
    match dt {
        DType::Float64 => {
            let x = a.astype(DType::Float64)?.to_vec::<f64>();
            let mut k = v.astype(DType::Float64)?.to_vec::<f64>();
            if reverse_v {
                k.reverse();
            }
            finish(Array::from_f64(correlate_f64(&x, &k, mode)))
        }
        DType::Int64 | DType::Bool => {
            let x = a.astype(DType::Int64)?.to_vec::<i64>();
            let mut k = v.astype(DType::Int64)?.to_vec::<i64>();
            if reverse_v {
                k.reverse();
            }
            let out = Array::from_i64(correlate_i64(&x, &k, mode));
            if dt == DType::Bool {
                finish(out.astype(DType::Bool)?)
            } else {
                finish(out)
            }
        }
        other => Err(unsupported_dtype(other)),
    }
}

/// `ediff1d(ary, to_end=None, to_begin=None)`: the flattened differences
/// in the input's dtype.
pub fn ediff1d(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let a = b.at("ary", to_array(b.req("ary")))?.ravel()?;
    let dt = a.dtype();
    let part = |name: &str| -> EvalResult<Option<Array>> {
        match b.opt(name) {
            None => Ok(None),
            Some(v) => {
                let p = b.at(name, to_array(v))?;
                if !p.dtype().can_cast(dt, crate::array::Casting::SameKind) {
                    return Err(EvalError::type_error(format!(
                        "dtype of `{name}` must be compatible with input `ary` under the `same_kind` rule."
                    )));
                }
                Ok(Some(p.ravel()?.astype(dt)?))
            }
        }
    };
    let (begin, end) = (part("to_begin")?, part("to_end")?);
    let diffs = match dt {
        DType::Bool => {
            return Err(EvalError::type_error(
                "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.",
            ));
        }
        _ => {
            let hi = a.slice_axis(0, Some(1), None, None)?;
            let lo = a.slice_axis(0, None, Some(-1), None)?;
            to_array(&ops::binary(
                BinOp::Sub,
                &Value::array(hi),
                &Value::array(lo),
            )?)?
        }
    };
    let parts: Vec<Array> = begin.into_iter().chain([diffs]).chain(end).collect();
    Ok(Value::array(crate::array::concatenate(&parts, Some(0))?))
}
