//! NaN-aware reductions (`nanmax`, `nansum`, `nanstd`, ...) and the
//! infinity tests, as NumPy's `lib/_nanfunctions_impl.py` computes them:
//! NaNs replaced by a neutral value, then the ordinary reduction, so sums
//! are bit-identical with NumPy's. NumPy's all-NaN RuntimeWarnings are not
//! shown (the session has no warning channel yet); the values are NumPy's.

use ndarray::{ArrayD, Axis, IxDyn};

use crate::array::{Array, Complex128, DType, Element, cmath, map};

use super::super::args::{Bound, CallArgs, Signature, bind};
use super::super::convert::{index_int, norm_axis, real, to_array, truthy, wrap};
use super::super::error::{EvalError, EvalResult};
use super::super::session::Session;
use super::super::value::Value;
use super::super::warnings::{self, WarningKind};
use super::{Builtin, BuiltinFn, Home, reduce};

/// Parsed `axis=` (one int or None) and `keepdims=` of a reduction.
pub(super) struct Lanes {
    pub axis: Option<usize>,
    pub keepdims: bool,
}

/// `axis` and `keepdims` of `b` for an array of `ndim` dimensions.
pub(super) fn lane_args(b: &Bound, ndim: usize) -> EvalResult<Lanes> {
    let axis = match b.opt("axis") {
        None => None,
        Some(v) => Some(b.at("axis", index_int(v).and_then(|k| norm_axis(k, ndim)))?),
    };
    let keepdims = match b.has("keepdims") {
        true => b.opt("keepdims").map(truthy).transpose()?.unwrap_or(false),
        false => false,
    };
    Ok(Lanes { axis, keepdims })
}

/// `f` applied to every 1-D lane along the axis (or to all elements in C
/// order), with the reduced axis kept as length 1 when `keepdims`.
pub(super) fn over_lanes<T: Element, R: Clone>(
    a: &Array,
    l: &Lanes,
    f: impl Fn(&[T]) -> R,
) -> ArrayD<R> {
    let r = a.read::<T>();
    let x = r.view();
    let out = match l.axis {
        None => ArrayD::from_elem(IxDyn(&[]), f(&x.iter().copied().collect::<Vec<T>>())),
        Some(k) => x.map_axis(Axis(k), |v| f(&v.iter().copied().collect::<Vec<T>>())),
    };
    if !l.keepdims {
        return out;
    }
    let shape: Vec<usize> = match l.axis {
        None => vec![1; a.ndim()],
        Some(k) => {
            let mut s = out.shape().to_vec();
            s.insert(k, 1);
            s
        }
    };
    out.into_shape_with_order(IxDyn(&shape)).expect("same size")
}

/// Calls the ordinary reduction `f` (signature `sig`) on `a` with the
/// caller's `keys` arguments: what NumPy's nan-functions do for integer
/// and bool input and after replacing NaNs.
pub(super) fn delegate(
    s: &mut Session,
    b: &Bound,
    a: Value,
    sig: &'static str,
    keys: &[&str],
    f: BuiltinFn,
) -> EvalResult<Value> {
    let mut call = CallArgs {
        span: b.span.clone(),
        ..CallArgs::default()
    };
    call.pos.push(a);
    call.pos_spans.push(b.span.clone());
    for &k in keys {
        if let Some(v) = b.get(k) {
            call.kw.push((k.to_string(), v.clone()));
            call.kw_spans.push(b.span_of(k));
        }
    }
    let nb = bind(Signature::of(sig), call)?;
    f(s, &nb, false)
}

/// `_replace_nan`: `a` with NaNs (a complex one: either part NaN)
/// replaced by `by`; other dtypes unchanged.
pub(super) fn replace_nans(a: &Array, by: f64) -> EvalResult<Array> {
    Ok(match a.dtype() {
        DType::Float64 => map::<f64, f64>(a, |x| if x.is_nan() { by } else { x })?,
        DType::Float32 => {
            let f = by as f32;
            map::<f32, f32>(a, move |x| if x.is_nan() { f } else { x })?
        }
        DType::Complex128 => map::<Complex128, Complex128>(a, |z| {
            if cmath::is_nan(z) {
                Complex128::new(by, 0.0)
            } else {
                z
            }
        })?,
        _ => a.clone(),
    })
}

/// NumPy's "All-NaN slice encountered" RuntimeWarning.
pub(super) fn all_nan_warning() -> EvalResult<()> {
    warnings::warn(
        WarningKind::RuntimeWarning,
        "All-NaN slice encountered",
        true,
    )
}

/// `np.fmax.reduce` / `np.fmin.reduce` of a complex array (NaNs skipped;
/// NumPy's `CGE`/`CLE` order), then the all-NaN warning.
fn complex_nan_extreme(b: &Bound, a: &Array, max: bool) -> EvalResult<Value> {
    let l = lane_args(b, a.ndim())?;
    let n = l.axis.map_or(a.len(), |k| a.shape()[k]);
    if n == 0 {
        let op = if max { "fmax" } else { "fmin" };
        return Err(EvalError::value_error(format!(
            "zero-size array to reduction operation {op} which has no identity"
        )));
    }
    let out = over_lanes::<Complex128, Complex128>(a, &l, |v| {
        v[1..].iter().fold(v[0], |m, &e| {
            let keep = if max {
                (m.re > e.re && !m.im.is_nan() && !e.im.is_nan()) || (m.re == e.re && m.im >= e.im)
            } else {
                (m.re < e.re && !m.im.is_nan() && !e.im.is_nan()) || (m.re == e.re && m.im <= e.im)
            };
            if keep || cmath::is_nan(e) { m } else { e }
        })
    });
    if out.iter().any(|z| cmath::is_nan(*z)) {
        all_nan_warning()?;
    }
    Ok(wrap(Array::from_ndarray(out), true))
}

fn nan_extreme(s: &mut Session, b: &Bound, max: bool) -> EvalResult<Value> {
    let a = b.at("a", to_array(b.req("a")))?;
    if a.dtype() == DType::Complex128 {
        return complex_nan_extreme(b, &a, max);
    }
    if !matches!(a.dtype(), DType::Float64 | DType::Float32) {
        let (sig, f): (_, BuiltinFn) = match max {
            true => ("max(a, axis=None, keepdims=False)", reduce::max),
            false => ("min(a, axis=None, keepdims=False)", reduce::min),
        };
        return delegate(s, b, Value::array(a), sig, &["axis", "keepdims"], f);
    }
    let l = lane_args(b, a.ndim())?;
    let n = l.axis.map_or(a.len(), |k| a.shape()[k]);
    if n == 0 {
        let op = if max { "fmax" } else { "fmin" };
        return Err(EvalError::value_error(format!(
            "zero-size array to reduction operation {op} which has no identity"
        )));
    }
    // float32 stays float32 (NumPy's fmax/fmin loops keep the dtype).
    let (out, all_nan) = if a.dtype() == DType::Float32 {
        let out =
            over_lanes::<f32, f32>(&a, &l, |v| v.iter().fold(f32::NAN, |m, &e| pick(m, e, max)));
        let all_nan = out.iter().any(|x| x.is_nan());
        (Array::from_ndarray(out), all_nan)
    } else {
        let out =
            over_lanes::<f64, f64>(&a, &l, |v| v.iter().fold(f64::NAN, |m, &e| pick(m, e, max)));
        let all_nan = out.iter().any(|x| x.is_nan());
        (Array::from_ndarray(out), all_nan)
    };
    // Only a lane with no number in it gives NaN.
    if all_nan {
        all_nan_warning()?;
    }
    Ok(wrap(out, true))
}

/// One step of `fmax`/`fmin`: a NaN never wins over a number. NaNs are
/// tested before any ordered comparison, which would raise "invalid".
fn pick<T: num_traits::Float>(m: T, e: T, max: bool) -> T {
    if e.is_nan() {
        m
    } else if m.is_nan() || (max && e > m) || (!max && e < m) {
        e
    } else {
        m
    }
}

pub fn nanmax(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    nan_extreme(s, b, true)
}

pub fn nanmin(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    nan_extreme(s, b, false)
}

const SUM: &str = "sum(a, axis=None, keepdims=False)";
const MEAN: &str = "mean(a, axis=None, keepdims=False)";

pub fn nansum(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let a = replace_nans(&b.at("a", to_array(b.req("a")))?, 0.0)?;
    delegate(
        s,
        b,
        Value::array(a),
        SUM,
        &["axis", "keepdims"],
        reduce::sum,
    )
}

pub fn nanmean(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let a = b.at("a", to_array(b.req("a")))?;
    if !a.dtype().is_inexact() {
        return delegate(
            s,
            b,
            Value::array(a),
            MEAN,
            &["axis", "keepdims"],
            reduce::mean,
        );
    }
    if matches!(b.opt("axis"), Some(Value::Tuple(_) | Value::List(_))) {
        return nanmean_over_axes(b, &a);
    }
    let l = lane_args(b, a.ndim())?;
    Ok(wrap(super::nanstats::nanmean_of(&a, &l)?, true))
}

/// `np.nanmean` of float or complex `a` over a tuple of axes: the axes
/// merged into one as `_ureduce` does (`np.nanmean(x, axis=(0, 1))`).
fn nanmean_over_axes(b: &Bound, a: &Array) -> EvalResult<Value> {
    let (x, axis, axes) = super::medians::ureduce(b, a)?;
    let keepdims = lane_args_keepdims(b)?;
    let m = super::nanstats::nanmean_of(
        &x,
        &Lanes {
            axis,
            keepdims: false,
        },
    )?;
    if !keepdims {
        return Ok(wrap(m, true));
    }
    let shape: Vec<usize> = (0..a.ndim())
        .map(|i| match &axes {
            Some(ax) if !ax.contains(&i) => a.shape()[i],
            _ => 1,
        })
        .collect();
    Ok(Value::array(m.reshape_to(&shape)?))
}

fn lane_args_keepdims(b: &Bound) -> EvalResult<bool> {
    Ok(b.opt("keepdims").map(truthy).transpose()?.unwrap_or(false))
}

/// `np.nanmean(a, axis, keepdims=keepdims)` with the call's `axis=` and
/// `keepdims=`: what `nanmedian`, `nanpercentile` and `nanquantile`
/// return for an empty array ("Mean of empty slice").
pub(super) fn nanmean_of(s: &mut Session, b: &Bound, a: Array) -> EvalResult<Value> {
    let keepdims = lane_args_keepdims(b)?;
    super::stats::call(
        s,
        b,
        "nanmean(a, axis=None, dtype=None, out=None, keepdims=<no value>)",
        nanmean,
        vec![
            Value::array(a),
            b.opt("axis").cloned().unwrap_or(Value::None),
            Value::None,
            Value::None,
            Value::Bool(keepdims),
        ],
    )
}

/// Position of the first extreme of a lane of ordered values.
pub(super) fn arg_lane<T: PartialOrd + Copy>(v: &[T], max: bool, nan: impl Fn(T) -> bool) -> i64 {
    let mut best = 0;
    for (i, &x) in v.iter().enumerate() {
        if nan(v[best]) {
            break;
        }
        if nan(x) || (max && x > v[best]) || (!max && x < v[best]) {
            best = i;
        }
    }
    best as i64
}

/// NumPy's `nanargmax`/`nanargmin`: NaNs replaced by -inf/+inf (a complex
/// one by `∓inf+0j`), `argmax`/`argmin` of that, then a ValueError when a
/// lane was all NaN. Integer widths other than int64 are widened (an
/// order-keeping map for uint64), float32 is read as float64: the index is
/// the same.
fn nan_arg(s: &mut Session, b: &Bound, max: bool) -> EvalResult<Value> {
    let a = b.at("a", to_array(b.req("a")))?;
    let (sig, f): (_, BuiltinFn) = match max {
        true => (
            "argmax(a, axis=None, *, keepdims=False)",
            super::sorting::argmax,
        ),
        false => (
            "argmin(a, axis=None, *, keepdims=False)",
            super::sorting::argmin,
        ),
    };
    let keys = ["axis", "keepdims"];
    let x = match a.dtype() {
        DType::Float64 | DType::Float32 | DType::Complex128 => replace_nans(
            &a,
            if max {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            },
        )?,
        DType::UInt64 => map::<u64, i64>(&a, |u| (u ^ (1 << 63)) as i64)?,
        d if d.is_integer() && d != DType::Int64 => a.as_dtype(DType::Int64)?,
        _ => a.clone(),
    };
    let x = match x.dtype() {
        DType::Float32 => x.as_dtype(DType::Float64)?,
        _ => x,
    };
    let out = delegate(s, b, Value::array(x), sig, &keys, f)?;
    if a.dtype().is_inexact() {
        let l = lane_args(b, a.ndim())?;
        let all_nan = match a.dtype() {
            DType::Float64 => over_lanes::<f64, bool>(&a, &l, |v| v.iter().all(|x| x.is_nan())),
            DType::Float32 => over_lanes::<f32, bool>(&a, &l, |v| v.iter().all(|x| x.is_nan())),
            _ => over_lanes::<Complex128, bool>(&a, &l, |v| v.iter().all(|z| cmath::is_nan(*z))),
        };
        if all_nan.iter().any(|&n| n) {
            return Err(EvalError::value_error("All-NaN slice encountered"));
        }
    }
    Ok(out)
}

pub fn nanargmax(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    nan_arg(s, b, true)
}

pub fn nanargmin(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    nan_arg(s, b, false)
}

/// A replacement of `nan_to_num` (`None` → `dflt`): one number, or an
/// array broadcast to `shape` as `np.copyto` broadcasts its source.
enum Fill {
    One(f64),
    Each(Vec<f64>),
}

impl Fill {
    fn of(b: &Bound, name: &str, dflt: f64, shape: &[usize]) -> EvalResult<Fill> {
        let Some(v) = b.opt(name) else {
            return Ok(Fill::One(dflt));
        };
        if !matches!(v, Value::Array(_) | Value::List(_) | Value::Tuple(_)) {
            return Ok(Fill::One(b.at(name, real(v))?));
        }
        let src = b.at(name, to_array(v))?;
        let wide = src.broadcast_to(shape).map_err(|_| {
            EvalError::value_error(format!(
                "could not broadcast input array from shape {} into shape {}",
                crate::array::shape_compact(src.shape()),
                crate::array::shape_compact(shape)
            ))
        })?;
        Ok(Fill::Each(wide.as_dtype(DType::Float64)?.to_vec::<f64>()))
    }

    fn at(&self, i: usize) -> f64 {
        match self {
            Fill::One(x) => *x,
            Fill::Each(v) => v[i],
        }
    }
}

/// The three replacements of `nan_to_num` for an array of `shape`.
struct Fills {
    nan: Fill,
    pos: Fill,
    neg: Fill,
}

impl Fills {
    fn of(b: &Bound, shape: &[usize]) -> EvalResult<Fills> {
        Ok(Fills {
            nan: Fill::of(b, "nan", 0.0, shape)?,
            pos: Fill::of(b, "posinf", f64::MAX, shape)?,
            neg: Fill::of(b, "neginf", f64::MIN, shape)?,
        })
    }

    /// Element `i`'s value `v` with NaN and the infinities replaced.
    fn apply(&self, i: usize, v: f64) -> f64 {
        match v {
            v if v.is_nan() => self.nan.at(i),
            f64::INFINITY => self.pos.at(i),
            f64::NEG_INFINITY => self.neg.at(i),
            v => v,
        }
    }
}

/// `np.nan_to_num(x, copy=True, nan=0.0, posinf=None, neginf=None)` of a
/// float64 or complex array (real and imaginary parts each); other dtypes
/// are returned as they are.
pub fn nan_to_num(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let x = b.req("x");
    let a = b.at("x", to_array(x))?;
    let scalar = !matches!(x, Value::Array(_));
    let out = match a.dtype() {
        DType::Float64 => {
            let f = Fills::of(b, a.shape())?;
            let v: Vec<f64> = a.to_vec::<f64>();
            let v = v
                .into_iter()
                .enumerate()
                .map(|(i, e)| f.apply(i, e))
                .collect();
            Array::from_vec(a.shape(), v)?
        }
        DType::Complex128 => {
            let f = Fills::of(b, a.shape())?;
            let v: Vec<Complex128> = a.to_vec::<Complex128>();
            let v = v
                .into_iter()
                .enumerate()
                .map(|(i, z)| Complex128::new(f.apply(i, z.re), f.apply(i, z.im)))
                .collect();
            Array::from_vec(a.shape(), v)?
        }
        _ => a.copy()?,
    };
    let copy = b.get("copy").map(truthy).transpose()?.unwrap_or(true);
    if !copy && let Value::Array(orig) = x {
        orig.assign(&out)?;
        return Ok(x.clone());
    }
    Ok(wrap(out, scalar))
}

/// `pred` on each element as float64 (false for ints and bools).
fn float_test(b: &Bound, pred: fn(f64) -> bool) -> EvalResult<Value> {
    let x = b.req("x");
    let a = b.at("x", to_array(x))?;
    let out = match a.dtype() {
        DType::Float64 => map::<f64, bool>(&a, pred)?,
        DType::Complex128 => map::<Complex128, bool>(&a, move |z| pred(z.re) || pred(z.im))?,
        _ => map::<f64, bool>(&a.as_dtype(DType::Float64)?, |_| false)?,
    };
    Ok(wrap(out, !matches!(x, Value::Array(_))))
}

pub fn isinf(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    float_test(b, f64::is_infinite)
}

/// NumPy refuses the sign tests on complex input.
fn no_complex(b: &Bound) -> EvalResult<()> {
    if let Value::Array(a) = b.req("x")
        && a.dtype() == DType::Complex128
    {
        return Err(EvalError::type_error(
            "This operation is not supported for complex128 values because it would be ambiguous.",
        ));
    }
    Ok(())
}

pub fn isposinf(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    no_complex(b)?;
    float_test(b, |v| v == f64::INFINITY)
}

pub fn isneginf(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    no_complex(b)?;
    float_test(b, |v| v == f64::NEG_INFINITY)
}

builtins! { NANFUNCS;
    "nanmax", Numpy, nanmax, "nanmax(a, axis=None, out=None, keepdims=<no value>)",
        "Largest element, ignoring NaNs (NaN for an all-NaN slice).",
        "np.nanmax(np.array([1., np.nan, 3.]))";
    "nanmin", Numpy, nanmin, "nanmin(a, axis=None, out=None, keepdims=<no value>)",
        "Smallest element, ignoring NaNs (NaN for an all-NaN slice).",
        "np.nanmin(np.array([[1., np.nan], [np.nan, 4.]]), axis=0)";
    "nansum", Numpy, nansum, "nansum(a, axis=None, dtype=None, out=None, keepdims=<no value>)",
        "Sum treating NaNs as zero.", "np.nansum(np.array([1., np.nan, 2.5]))";
    "nanmean", Numpy, nanmean, "nanmean(a, axis=None, dtype=None, out=None, keepdims=<no value>)",
        "Mean of the non-NaN elements.", "np.nanmean(np.array([1., np.nan, 4.]))";
    "nanargmax", Numpy, nanargmax, "nanargmax(a, axis=None, out=None, *, keepdims=<no value>)",
        "Index of the largest non-NaN element (ValueError for an all-NaN slice).",
        "np.nanargmax(np.array([np.nan, 2., 7., 1.]))";
    "nanargmin", Numpy, nanargmin, "nanargmin(a, axis=None, out=None, *, keepdims=<no value>)",
        "Index of the smallest non-NaN element (ValueError for an all-NaN slice).",
        "np.nanargmin(np.array([np.nan, 2., 7., 1.]))";
    "nan_to_num", Numpy, nan_to_num, "nan_to_num(x, copy=True, nan=0.0, posinf=None, neginf=None)",
        "NaN → nan, ±inf → the largest finite floats (or posinf/neginf).",
        "np.nan_to_num(np.array([np.nan, np.inf, -np.inf, 1.]))";
    "isinf", Numpy, isinf, "isinf(x)", "True where x is +inf or -inf.",
        "np.isinf(np.array([1., np.inf, -np.inf, np.nan]))";
    "isposinf", Numpy, isposinf, "isposinf(x)", "True where x is +inf.",
        "np.isposinf(np.array([np.inf, -np.inf, 0.]))";
    "isneginf", Numpy, isneginf, "isneginf(x)", "True where x is -inf.",
        "np.isneginf(np.array([np.inf, -np.inf, 0.]))";
}
