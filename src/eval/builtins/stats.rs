//! Statistics (issue 13): `prod`, `cumprod`, `cumulative_sum`,
//! `cumulative_prod`, `var`, `average` (with weights), `ptp`, `clip`,
//! `interp`, computed in NumPy's order so floats agree to the last bit:
//! sums pairwise (via `reduce`), `interp` as `compiled_base.c` does it.
//! Medians and quantiles are in `order_stats.rs`.

use ndarray::Axis;

use crate::array::{Array, Complex128, DType, Element, Fresh, cmath, complex_mul};

use super::super::args::{Bound, CallArgs, Signature, bind};
use super::super::convert::{index_int, norm_axis, real, to_array, truthy, wrap};
use super::super::error::{EvalError, EvalResult};
use super::super::ops::unsupported_dtype;
use super::super::session::Session;
use super::super::value::Value;
use super::nanfuncs::{lane_args, over_lanes};
use super::{Builtin, BuiltinFn, Home, math, reduce};

mod average;
pub use average::average;

builtins! { STATS;
    "prod", Numpy, prod, "prod(a, axis=None, dtype=None, out=None, keepdims=<no value>, initial=<no value>, where=<no value>)",
        "Product of elements (1 for an empty array).", "np.prod(np.array([[1, 2], [3, 4]]), axis=1)";
    "cumprod", Numpy, cumprod, "cumprod(a, axis=None, dtype=None, out=None)",
        "Cumulative product (flattened when axis is None).", "np.cumprod(np.array([1, 2, 3, 4]))";
    "cumulative_sum", Numpy, cumulative_sum, "cumulative_sum(x, *, axis=None, dtype=None, out=None, include_initial=False)",
        "Cumulative sum (NumPy 2's array-API form; include_initial starts with 0).",
        "np.cumulative_sum(np.array([1, 2, 3]), include_initial=True)";
    "cumulative_prod", Numpy, cumulative_sum, "cumulative_prod(x, *, axis=None, dtype=None, out=None, include_initial=False)",
        "Cumulative product (NumPy 2's array-API form; include_initial starts with 1).",
        "np.cumulative_prod(np.array([1., 2., 3.]))";
    "var", Numpy, var, "var(a, axis=None, dtype=None, out=None, ddof=0, keepdims=<no value>, *, where=<no value>)",
        "Variance: mean of squared deviations (divided by n - ddof).", "np.var(np.array([1., 2., 4.]), ddof=1)";
    "average", Numpy, average, "average(a, axis=None, weights=None, returned=False, *, keepdims=<no value>)",
        "Weighted average (the mean without weights); returned=True adds the sum of weights.",
        "np.average(np.array([1., 2., 3.]), weights=[3, 1, 0])";
    "ptp", Numpy, ptp, "ptp(a, axis=None, out=None, keepdims=<no value>)",
        "Range of values: max - min (peak to peak).", "np.ptp(np.array([[4, 9], [2, 3]]), axis=0)";
    "clip", Numpy, clip, "clip(a, a_min=<no value>, a_max=<no value>, out=None, *, min=<no value>, max=<no value>)",
        "Limit values to [a_min, a_max] (either may be None).", "np.clip(np.arange(6), 1, 4)";
    "interp", Numpy, interp, "interp(x, xp, fp, left=None, right=None, period=None)",
        "Piecewise-linear interpolation of (xp, fp) at x (xp increasing).",
        "np.interp(2.5, [1, 2, 3], [3., 2., 0.])";
}

/// Calls another builtin with positional arguments (how `clip` uses
/// `maximum`/`minimum`, and `average` uses `mean`).
pub(super) fn call(
    s: &mut Session,
    b: &Bound,
    sig: &'static str,
    f: BuiltinFn,
    pos: Vec<Value>,
) -> EvalResult<Value> {
    let call = CallArgs {
        pos_spans: smallvec::smallvec![b.span.clone(); pos.len()],
        pos: pos.into(),
        span: b.span.clone(),
        ..CallArgs::default()
    };
    f(s, &bind(Signature::of(sig), call)?, false)
}

pub fn prod(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let a = b.at("a", to_array(b.req("a")))?;
    if let Some(v) = reduce::prod_keywords(b, &a) {
        return v;
    }
    let l = lane_args(b, a.ndim())?;
    let out = match a.dtype() {
        // `np.multiply.reduce`: its float overflow is "in reduce".
        DType::Float64 => super::super::warnings::ufunc("reduce", || {
            Ok(Array::from_ndarray(over_lanes::<f64, f64>(&a, &l, |v| {
                v.iter().fold(1.0, |p, &x| p * x)
            })))
        })?,
        // Along the last axis NumPy's reduce loop multiplies one by one;
        // along another it multiplies whole rows with the array loop (FMA).
        DType::Complex128 => super::super::warnings::ufunc("reduce", || {
            let rows = l.axis.is_some_and(|k| k + 1 != a.ndim());
            let mul = if rows { cmath::mul } else { complex_mul };
            Ok(Array::from_ndarray(over_lanes::<Complex128, Complex128>(
                &a,
                &l,
                |v| v.iter().fold(Complex128::new(1.0, 0.0), |p, &x| mul(p, x)),
            )))
        })?,
        DType::Float32 => super::super::warnings::ufunc("reduce", || {
            Ok(Array::from_ndarray(over_lanes::<f32, f32>(&a, &l, |v| {
                v.iter().fold(1.0, |p, &x| p * x)
            })))
        })?,
        DType::Bool => Array::from_ndarray(over_lanes::<bool, i64>(&a, &l, |v| {
            i64::from(v.iter().all(|&x| x))
        })),
        // NumPy multiplies smaller integers in int64 / uint64.
        DType::UInt8 | DType::UInt16 | DType::UInt32 | DType::UInt64 => {
            let a = a.as_dtype(DType::UInt64)?;
            Array::from_ndarray(over_lanes::<u64, u64>(&a, &l, |v| {
                v.iter().fold(1u64, |p, &x| p.wrapping_mul(x))
            }))
        }
        d if d.is_integer() => {
            let a = a.as_dtype(DType::Int64)?;
            Array::from_ndarray(over_lanes::<i64, i64>(&a, &l, |v| {
                v.iter().fold(1i64, |p, &x| p.wrapping_mul(x))
            }))
        }
        other => return Err(unsupported_dtype(other)),
    };
    Ok(wrap(out, true))
}

/// Running `op` along `axis` into a fresh `T` array (the input cast to `T`),
/// with `initial` prepended when given.
fn running<S: Element, T: Element>(
    a: &Array,
    axis: usize,
    op: impl Fn(T, T) -> T,
    initial: Option<T>,
) -> EvalResult<Array> {
    let mut shape = a.shape().to_vec();
    let skip = usize::from(initial.is_some());
    shape[axis] += skip;
    let mut out = Fresh::<T>::zeroed(&shape)?;
    {
        let r = a.read::<S>();
        let src = r.view();
        let mut v = out.view_mut();
        for (mut lane, from) in v
            .lanes_mut(Axis(axis))
            .into_iter()
            .zip(src.lanes(Axis(axis)))
        {
            let mut acc: Option<T> = None;
            let items = initial
                .into_iter()
                .chain(from.iter().map(|&x| x.cast::<T>()));
            for (o, x) in lane.iter_mut().zip(items) {
                let v = match acc {
                    Some(s) => op(s, x),
                    None => x,
                };
                *o = v;
                acc = Some(v);
            }
        }
    }
    Ok(out.finish())
}

/// Cumulative sum or product of `a` along `axis` (flattened when `None`).
fn cumulative(a: &Array, axis: Option<usize>, product: bool, initial: bool) -> EvalResult<Array> {
    let (a, axis) = match axis {
        None => (a.ravel()?, 0),
        Some(k) => (a.clone(), k),
    };
    // NumPy accumulates smaller integers in int64 / uint64.
    let a = match a.dtype() {
        DType::UInt8 | DType::UInt16 | DType::UInt32 => a.as_dtype(DType::UInt64)?,
        DType::Int8 | DType::Int16 | DType::Int32 => a.as_dtype(DType::Int64)?,
        _ => a,
    };
    match (a.dtype(), product) {
        (DType::Float32, false) => {
            running::<f32, f32>(&a, axis, |p, q| p + q, initial.then_some(0.0))
        }
        (DType::Float32, true) => {
            running::<f32, f32>(&a, axis, |p, q| p * q, initial.then_some(1.0))
        }
        (DType::UInt64, false) => {
            running::<u64, u64>(&a, axis, u64::wrapping_add, initial.then_some(0))
        }
        (DType::UInt64, true) => {
            running::<u64, u64>(&a, axis, u64::wrapping_mul, initial.then_some(1))
        }
        (DType::Float64, false) => {
            running::<f64, f64>(&a, axis, |p, q| p + q, initial.then_some(0.0))
        }
        (DType::Float64, true) => {
            running::<f64, f64>(&a, axis, |p, q| p * q, initial.then_some(1.0))
        }
        (DType::Complex128, false) => running::<Complex128, Complex128>(
            &a,
            axis,
            |p, q| p + q,
            initial.then_some(Complex128::new(0.0, 0.0)),
        ),
        (DType::Complex128, true) => running::<Complex128, Complex128>(
            &a,
            axis,
            complex_mul,
            initial.then_some(Complex128::new(1.0, 0.0)),
        ),
        (DType::Int64, false) => {
            running::<i64, i64>(&a, axis, i64::wrapping_add, initial.then_some(0))
        }
        (DType::Int64, true) => {
            running::<i64, i64>(&a, axis, i64::wrapping_mul, initial.then_some(1))
        }
        (DType::Bool, false) => {
            running::<bool, i64>(&a, axis, i64::wrapping_add, initial.then_some(0))
        }
        (DType::Bool, true) => {
            running::<bool, i64>(&a, axis, i64::wrapping_mul, initial.then_some(1))
        }
        (other, _) => Err(unsupported_dtype(other)),
    }
}

pub(super) fn axis_arg(b: &Bound, name: &str, ndim: usize) -> EvalResult<Option<usize>> {
    match b.opt(name) {
        None => Ok(None),
        Some(v) => Ok(Some(
            b.at(name, index_int(v).and_then(|k| norm_axis(k, ndim)))?,
        )),
    }
}

/// A running sum or product: `np.add.accumulate`'s float overflow is
/// "in accumulate".
pub(super) fn accumulate(f: impl FnOnce() -> EvalResult<Array>) -> EvalResult<Array> {
    super::super::warnings::ufunc("accumulate", f)
}

pub fn cumprod(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let a = b.at("a", to_array(b.req("a")))?;
    let axis = axis_arg(b, "axis", a.ndim())?;
    Ok(Value::array(reduce::in_dtype(b, &a, |x| {
        cumulative(x, axis, true, false)
    })?))
}

/// `cumulative_sum` and `cumulative_prod` (by the row's name).
pub fn cumulative_sum(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let product = b.sig.name.as_str() == "cumulative_prod";
    let x = b.at("x", to_array(b.req("x")))?;
    let x = if x.ndim() == 0 {
        x.reshape_to(&[1])?
    } else {
        x
    };
    let axis = match axis_arg(b, "axis", x.ndim())? {
        Some(k) => k,
        None if x.ndim() == 1 => 0,
        None => {
            return Err(EvalError::value_error(
                "For arrays which have more than one dimension ``axis`` argument is required.",
            ));
        }
    };
    let initial = b
        .opt("include_initial")
        .map(truthy)
        .transpose()?
        .unwrap_or(false);
    let out = accumulate(|| cumulative(&x, Some(axis), product, initial))?;
    Ok(Value::array(match b.opt("dtype") {
        Some(d) => match super::super::convert::dtype_arg(d)? {
            Some(d) => out.astype(d)?,
            None => out,
        },
        None => out,
    }))
}

/// `np.var`: the variance `std` squares the root of (reduce.rs).
pub fn var(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let a = b.at("a", to_array(b.req("a")))?;
    if let Some(v) = reduce::var_keywords(b, &a) {
        return v;
    }
    let ddof = b.opt("ddof").map(real).transpose()?.unwrap_or(0.0);
    let axis = axis_arg(b, "axis", a.ndim())?;
    let keep = b.opt("keepdims").map(truthy).transpose()?.unwrap_or(false);
    Ok(wrap(
        Array::from_ndarray(reduce::variance(&a, axis, keep, ddof)?),
        true,
    ))
}

pub fn ptp(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let a = b.at("a", to_array(b.req("a")))?;
    let l = lane_args(b, a.ndim())?;
    if l.axis.map_or(a.len(), |k| a.shape()[k]) == 0 {
        return Err(EvalError::value_error(
            "zero-size array to reduction operation maximum which has no identity",
        ));
    }
    let out = match a.dtype() {
        DType::Float64 => Array::from_ndarray(over_lanes::<f64, f64>(&a, &l, |v| {
            if v.iter().any(|x| x.is_nan()) {
                return f64::NAN;
            }
            let hi = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let lo = v.iter().copied().fold(f64::INFINITY, f64::min);
            hi - lo
        })),
        DType::Int64 => Array::from_ndarray(over_lanes::<i64, i64>(&a, &l, |v| {
            let hi = *v.iter().max().expect("non-empty");
            let lo = *v.iter().min().expect("non-empty");
            hi.wrapping_sub(lo)
        })),
        DType::Bool => {
            return Err(EvalError::type_error(
                "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.",
            ));
        }
        other => return Err(unsupported_dtype(other)),
    };
    Ok(wrap(out, true))
}

pub fn clip(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    // NumPy's order of checks for the positional and keyword spellings.
    let (lo, hi) = match (b.get("a_min"), b.get("a_max")) {
        (None, None) => (b.get("min").cloned(), b.get("max").cloned()),
        (None, Some(_)) => {
            return Err(EvalError::type_error(
                "clip() missing 1 required positional argument: 'a_min'",
            ));
        }
        (Some(_), None) => {
            return Err(EvalError::type_error(
                "clip() missing 1 required positional argument: 'a_max'",
            ));
        }
        (Some(lo), Some(hi)) => {
            if b.get("min").is_some() || b.get("max").is_some() {
                return Err(EvalError::value_error(
                    "Passing `min` or `max` keyword argument when `a_min` and `a_max` are provided is forbidden.",
                ));
            }
            (Some(lo.clone()), Some(hi.clone()))
        }
    };
    clip_between(s, b, b.req("a"), lo, hi)
}

/// `a` clipped to `[lo, hi]` (either `None` or absent for no bound), as
/// `np.clip` and `a.clip(min, max)` compute it: a new array even when no
/// element changes.
pub fn clip_between(
    s: &mut Session,
    b: &Bound,
    input: &Value,
    lo: Option<Value>,
    hi: Option<Value>,
) -> EvalResult<Value> {
    let lo = lo.filter(|v| !matches!(v, Value::None));
    let hi = hi.filter(|v| !matches!(v, Value::None));
    let a = input.clone();
    let mut out = match &a {
        Value::List(_) | Value::Tuple(_) => Value::array(to_array(&a)?),
        _ => a,
    };
    if let Some(lo) = lo {
        out = call(s, b, "maximum(x1, x2)", math::binary, vec![out, lo])?;
    }
    if let Some(hi) = hi {
        out = call(s, b, "minimum(x1, x2)", math::binary, vec![out, hi])?;
    }
    if let Value::Array(x) = &out
        && let Value::Array(y) = input
        && x.shares_buffer(y)
    {
        out = Value::array(x.copy()?);
    }
    Ok(out)
}

/// `np.interp` as NumPy's `arr_interp` computes each point.
pub(super) fn interp_point(x: f64, xp: &[f64], fp: &[f64], left: f64, right: f64) -> f64 {
    let n = xp.len();
    if n == 1 {
        return if x < xp[0] {
            left
        } else if x > xp[0] {
            right
        } else {
            fp[0]
        };
    }
    if x.is_nan() {
        return x;
    }
    if x < xp[0] {
        return left;
    }
    if x > xp[n - 1] {
        return right;
    }
    // The last j with xp[j] <= x.
    let j = xp.partition_point(|&p| p <= x).saturating_sub(1);
    if j == n - 1 || xp[j] == x {
        return fp[j];
    }
    let slope = (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j]);
    let mut r = slope * (x - xp[j]) + fp[j];
    if r.is_nan() {
        r = slope * (x - xp[j + 1]) + fp[j + 1];
        if r.is_nan() && fp[j] == fp[j + 1] {
            r = fp[j];
        }
    }
    r
}

fn one_d_f64(b: &Bound, name: &str) -> EvalResult<Vec<f64>> {
    let a = b.at(name, to_array(b.req(name)))?;
    if a.ndim() > 1 {
        return Err(EvalError::value_error(
            "setting an array element with a sequence. The requested array would exceed the maximum number of dimension of 1.",
        ));
    }
    Ok(a.to_f64_vec())
}

pub fn interp(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    if let Some(period) = b.opt("period") {
        return super::periodic::interp_periodic(b, period);
    }
    let x = b.at("x", to_array(b.req("x")))?;
    let xp = one_d_f64(b, "xp")?;
    let fp = one_d_f64(b, "fp")?;
    if xp.len() != fp.len() {
        return Err(EvalError::value_error(
            "fp and xp are not of the same length.",
        ));
    }
    if xp.is_empty() {
        return Err(EvalError::value_error("array of sample points is empty"));
    }
    let left = b.opt("left").map(real).transpose()?.unwrap_or(fp[0]);
    let right = b
        .opt("right")
        .map(real)
        .transpose()?
        .unwrap_or(fp[fp.len() - 1]);
    let out = crate::array::map::<f64, f64>(&x.as_dtype(DType::Float64)?, |v| {
        interp_point(v, &xp, &fp, left, right)
    })?;
    Ok(wrap(out, true))
}
