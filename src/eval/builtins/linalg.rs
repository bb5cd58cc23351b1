//! Products and 1-D signal math (issue 13): `outer`, `dot`, `inner`,
//! `convolve`, `correlate`, `ediff1d`, `unwrap` (`trapezoid` is its own
//! file).

use crate::array::{Array, DType};
use crate::syntax::ast::{BinOp, CmpOp, UnaryOp};

use super::super::args::Bound;
use super::super::convert::{index_int, norm_axis, to_array, truthy};
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
    "unwrap", Numpy, unwrap, "unwrap(p, discont=None, axis=-1, *, period=6.283185307179586)",
        "Unwraps jumps bigger than discont between neighbours along axis by multiples of period (phase unwrapping).",
        "np.unwrap(np.array([0., 3., 6.5, 0.2, 3.]))";
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

/// `unwrap(p, discont=None, axis=-1, *, period=2π)`, in NumPy's steps and
/// so its values: the differences along `axis` are taken modulo `period`
/// into `[-period/2, period/2)` (a jump of exactly `+period/2` keeps its
/// sign), the corrections of those not smaller than `discont` in size are
/// summed along the axis and added to `p` after its first element.
pub fn unwrap(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let not_1d = || EvalError::value_error("diff requires input that is at least one dimensional");
    // A string is a 0-d array to NumPy (of dtype `<U`), refused as one.
    if let Value::Str(_) = b.req("p") {
        return Err(not_1d());
    }
    let p = b.at("p", to_array(b.req("p")))?;
    if p.ndim() == 0 {
        return Err(not_1d());
    }
    let axis = b.value("axis").unwrap_or(Value::Int(-1));
    let axis = b.at(
        "axis",
        index_int(&axis).and_then(|k| norm_axis(k, p.ndim())),
    )?;
    let period = b
        .value("period")
        .unwrap_or(Value::Float(std::f64::consts::TAU));
    let after = Value::array(p.slice_axis(axis, Some(1), None, None)?);
    let before = Value::array(p.slice_axis(axis, None, Some(-1), None)?);
    // `np.diff`'s: `!=` for bools.
    let dd = match p.dtype() {
        DType::Bool => ops::compare(CmpOp::Ne, &after, &before)?,
        _ => ops::binary(BinOp::Sub, &after, &before)?,
    };
    let discont = match b.opt("discont") {
        Some(v) => v.clone(),
        None => ops::binary(BinOp::Div, &period, &Value::Int(2))?,
    };
    let dtype = ops::result_dtype(&dd, &period)?;
    let (high, ambiguous) = if dtype.is_integer() {
        let rem = ops::binary(BinOp::Mod, &period, &Value::Int(2))?;
        let high = ops::binary(BinOp::FloorDiv, &period, &Value::Int(2))?;
        (high, !truthy(&rem)?)
    } else {
        (ops::binary(BinOp::Div, &period, &Value::Int(2))?, true)
    };
    let low = ops::unary(UnaryOp::Neg, &high)?;
    let shifted = ops::binary(BinOp::Sub, &dd, &low)?;
    let mut ddmod = ops::binary(
        BinOp::Add,
        &ops::binary(BinOp::Mod, &shifted, &period)?,
        &low,
    )?;
    if ambiguous {
        // NumPy's `copyto(ddmod, interval_high, where=(ddmod ==
        // interval_low) & (dd > 0))`.
        let at_low = ops::compare(CmpOp::Eq, &ddmod, &low)?;
        let rising = ops::compare(CmpOp::Gt, &dd, &Value::Int(0))?;
        let mask = ops::binary(BinOp::BitAnd, &at_low, &rising)?;
        ddmod = put_where(&ddmod, &mask, &high)?;
    }
    let correct = ops::binary(BinOp::Sub, &ddmod, &dd)?;
    // `abs(dd) < discont`, as `-discont < dd < discont`.
    let below = ops::compare(CmpOp::Lt, &dd, &discont)?;
    let above = ops::compare(CmpOp::Gt, &dd, &ops::unary(UnaryOp::Neg, &discont)?)?;
    let small = ops::binary(BinOp::BitAnd, &below, &above)?;
    let correct = to_array(&put_where(&correct, &small, &Value::Int(0))?)?;
    let sums = super::reduce::cumsum_array(&correct, Some(axis))?;
    let tail = to_array(&ops::binary(BinOp::Add, &after, &Value::array(sums))?)?;
    let head = p.slice_axis(axis, None, Some(1), None)?.astype(dtype)?;
    let parts = [head, tail.astype(dtype)?];
    Ok(Value::array(crate::array::concatenate(
        &parts,
        Some(axis as i64),
    )?))
}

/// NumPy's `copyto(dst, value, where=mask)` on a new array: `value` (cast
/// to `dst`'s dtype) where `mask` holds, `dst` elsewhere.
fn put_where(dst: &Value, mask: &Value, value: &Value) -> EvalResult<Value> {
    let (dst, mask) = (to_array(dst)?, to_array(mask)?);
    let value = to_array(value)?.astype(dst.dtype())?;
    let out = match dst.dtype() {
        DType::Float64 => super::math::pick::<f64>(&mask, &value, &dst)?,
        DType::Float32 => super::math::pick::<f32>(&mask, &value, &dst)?,
        DType::Int64 => super::math::pick::<i64>(&mask, &value, &dst)?,
        DType::Int32 => super::math::pick::<i32>(&mask, &value, &dst)?,
        DType::Int16 => super::math::pick::<i16>(&mask, &value, &dst)?,
        DType::Int8 => super::math::pick::<i8>(&mask, &value, &dst)?,
        DType::UInt64 => super::math::pick::<u64>(&mask, &value, &dst)?,
        DType::UInt32 => super::math::pick::<u32>(&mask, &value, &dst)?,
        DType::UInt16 => super::math::pick::<u16>(&mask, &value, &dst)?,
        DType::UInt8 => super::math::pick::<u8>(&mask, &value, &dst)?,
        other => return Err(unsupported_dtype(other)),
    };
    Ok(Value::array(out))
}
