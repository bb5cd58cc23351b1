//! Reductions (`sum`, `mean`, `min`, `max`, `std`) and `cumsum`, with
//! NumPy's summation order so results are bit-identical.

use std::borrow::Cow;

use ndarray::{ArrayD, ArrayViewD, Axis, IxDyn, Zip};

use crate::array::{Array, Complex128, DType, Element, cmath, complex_div, fpe, zip_map};

use super::super::args::Bound;
use super::super::convert::{index_int, norm_axis, real, to_array, truthy, wrap};
use super::super::error::EvalResult;
use super::super::session::Session;
use super::super::value::Value;
use super::super::warnings::{self, WarningKind};

mod cumsum;
mod extreme;
mod keywords;
mod masked;
mod moments;
mod pairwise;
mod whole;
pub(super) use cumsum::in_dtype;
pub use cumsum::{cumsum, cumsum_array};
pub use extreme::{max, min};
pub use pairwise::pairwise_sum;
use whole::contiguous_f64_sum;

/// The float types NumPy sums in their own precision (float64, float32).
pub(super) trait FloatAcc:
    Copy + Default + std::ops::Add<Output = Self> + Send + Sync
{
    /// NumPy's pairwise sum of a contiguous run of this type.
    fn pairwise(a: &[Self]) -> Self;

    /// A lane's sum as `np.sum` reduces it along the last axis.
    fn lane_sum(a: &[Self]) -> Self {
        Self::pairwise(a)
    }
}

impl FloatAcc for f64 {
    fn pairwise(a: &[f64]) -> f64 {
        pairwise_sum(a)
    }
}

impl FloatAcc for f32 {
    fn pairwise(a: &[f32]) -> f32 {
        pairwise_with(a, &|l: &[f32], r: &[f32]| {
            <f32 as FloatAcc>::pairwise(l) + <f32 as FloatAcc>::pairwise(r)
        })
    }
}

/// complex128: NumPy sums the real and imaginary parts as one interleaved
/// float stream (`cmath::pairwise_sum`).
impl FloatAcc for Complex128 {
    fn pairwise(a: &[Complex128]) -> Complex128 {
        cmath::pairwise_sum(a)
    }

    /// The identity (0+0j) plus the pairwise sum (so a sum of negative
    /// zeros is a positive zero, as NumPy's is).
    fn lane_sum(a: &[Complex128]) -> Complex128 {
        let s = cmath::pairwise_sum(a);
        Complex128::new(0.0 + s.re, 0.0 + s.im)
    }
}

/// `np.sum` of a float or complex array in its own dtype, in NumPy's order.
pub(super) fn typed_sum<T: FloatAcc + Element>(
    a: &Array,
    axis: Option<usize>,
    keepdims: bool,
) -> ArrayD<T> {
    float_sum_in(
        &a.read::<T>().view(),
        &Reduce { axis, keepdims },
        T::lane_sum,
    )
}

/// `pairwise_sum` of `loops_utils.h` for any float type; `halves` sums the
/// two halves of a run longer than 128.
fn pairwise_with<T: FloatAcc>(a: &[T], halves: &dyn Fn(&[T], &[T]) -> T) -> T {
    let n = a.len();
    if n < 8 {
        let mut res = T::default();
        for &x in a {
            res = res + x;
        }
        res
    } else if n <= 128 {
        let mut r = [T::default(); 8];
        r.copy_from_slice(&a[..8]);
        let body = &a[8..n - n % 8];
        for c in body.chunks_exact(8) {
            for j in 0..8 {
                r[j] = r[j] + c[j];
            }
        }
        let mut res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for &x in &a[n - n % 8..] {
            res = res + x;
        }
        res
    } else {
        let mut n2 = n / 2;
        n2 -= n2 % 8;
        let (left, right) = a.split_at(n2);
        halves(left, right)
    }
}

/// Sum of float data cast from another dtype: NumPy buffers the cast in
/// chunks of 8192 elements, each summed pairwise.
fn chunked_sum(a: &[f64]) -> f64 {
    a.chunks(8192).fold(0.0, |acc, c| acc + pairwise_sum(c))
}

/// Parsed `axis=` / `keepdims=` of a reduction.
struct Reduce {
    axis: Option<usize>,
    keepdims: bool,
}

fn reduce_args(b: &Bound, a: &Array) -> EvalResult<Reduce> {
    let axis = match b.opt("axis") {
        None => None,
        Some(v) => Some(b.at("axis", index_int(v).and_then(|k| norm_axis(k, a.ndim())))?),
    };
    let keepdims = b.opt("keepdims").map(truthy).transpose()?.unwrap_or(false);
    Ok(Reduce { axis, keepdims })
}

/// The elements of a view in C order, borrowed when it is contiguous.
fn elements<'a, T: Clone>(x: &'a ArrayViewD<'_, T>) -> Cow<'a, [T]> {
    match x.as_slice() {
        Some(s) => Cow::Borrowed(s),
        None => Cow::Owned(x.iter().cloned().collect()),
    }
}

/// Applies `lane` to every 1-D lane along `axis` (or to all elements).
fn reduce_lanes<T: Clone, R: Clone>(
    x: &ArrayViewD<'_, T>,
    r: &Reduce,
    lane: impl Fn(&[T]) -> R,
) -> ArrayD<R> {
    let out = match r.axis {
        None => ArrayD::from_elem(IxDyn(&[]), lane(&elements(x))),
        Some(k) => x.map_axis(Axis(k), |v| match v.as_slice() {
            Some(s) => lane(s),
            None => lane(&v.iter().cloned().collect::<Vec<T>>()),
        }),
    };
    keep(out, x.ndim(), r)
}

fn keep<R: Clone>(out: ArrayD<R>, ndim: usize, r: &Reduce) -> ArrayD<R> {
    if !r.keepdims {
        return out;
    }
    let shape: Vec<usize> = match r.axis {
        None => vec![1; ndim],
        Some(k) => {
            let mut s = out.shape().to_vec();
            s.insert(k, 1);
            s
        }
    };
    out.into_shape_with_order(IxDyn(&shape)).expect("same size")
}

/// Float sum along `axis` in NumPy's order: pairwise along the last
/// (contiguous) axis or over everything, sequential across other axes.
fn float_sum(x: &ArrayViewD<'_, f64>, r: &Reduce, cast: bool) -> ArrayD<f64> {
    if cast {
        float_sum_in(x, r, chunked_sum)
    } else {
        float_sum_in(x, r, pairwise_sum)
    }
}

/// `float_sum` for any float type, summing each lane with `sum`.
fn float_sum_in<T: FloatAcc>(x: &ArrayViewD<'_, T>, r: &Reduce, sum: fn(&[T]) -> T) -> ArrayD<T> {
    let last = x.ndim().saturating_sub(1);
    match r.axis {
        Some(k) if k != last => {
            // NumPy starts from the identity (so -0.0 rows sum to 0.0).
            let mut s = x.shape().to_vec();
            s.remove(k);
            let mut acc = ArrayD::from_elem(IxDyn(&s), T::default());
            for v in x.axis_iter(Axis(k)) {
                Zip::from(&mut acc).and(&v).for_each(|a, &e| *a = *a + e);
            }
            keep(acc, x.ndim(), r)
        }
        _ => reduce_lanes(x, r, sum),
    }
}

pub fn sum(_: &mut Session, b: &Bound, python: bool) -> EvalResult<Value> {
    if python && let Some(v) = python_sum(b)? {
        return Ok(v);
    }
    if keywords::wanted(b) {
        let a = b.at("a", to_array(b.req("a")))?;
        return keywords::sum_or_prod(b, &a, false);
    }
    if let Some(v) = contiguous_f64_sum(b)? {
        return Ok(v);
    }
    let a = b.at("a", to_array(b.req("a")))?;
    let r = reduce_args(b, &a)?;
    let out = match a.dtype() {
        DType::Float64 => warnings::ufunc("reduce", || {
            Ok(float_sum(&a.read::<f64>().view(), &r, false))
        })?,
        DType::Float32 => {
            let out = warnings::ufunc("reduce", || {
                Ok(float_sum_in(&a.read::<f32>().view(), &r, f32::pairwise))
            })?;
            return Ok(wrap(Array::from_ndarray(out), true));
        }
        DType::Complex128 => {
            let out = warnings::ufunc("reduce", || Ok(complex_sum(&a, &r)))?;
            return Ok(wrap(Array::from_ndarray(out), true));
        }
        DType::Int64 => {
            return Ok(wrap(
                Array::from_ndarray(reduce_lanes(&a.read::<i64>().view(), &r, |v| {
                    v.iter().fold(0i64, |s, &e| s.wrapping_add(e))
                })),
                true,
            ));
        }
        DType::Bool => {
            return Ok(wrap(
                Array::from_ndarray(reduce_lanes(&a.read::<bool>().view(), &r, |v| {
                    v.iter().filter(|&&e| e).count() as i64
                })),
                true,
            ));
        }
        // NumPy sums smaller integers in int64 / uint64.
        d if d.is_integer() => {
            let wide = if d.kind() == crate::array::Kind::UInt {
                DType::UInt64
            } else {
                DType::Int64
            };
            let x = a.as_dtype(wide)?;
            let out = if wide == DType::UInt64 {
                Array::from_ndarray(reduce_lanes(&x.read::<u64>().view(), &r, |v| {
                    v.iter().fold(0u64, |s, &e| s.wrapping_add(e))
                }))
            } else {
                Array::from_ndarray(reduce_lanes(&x.read::<i64>().view(), &r, |v| {
                    v.iter().fold(0i64, |s, &e| s.wrapping_add(e))
                }))
            };
            return Ok(wrap(out, true));
        }
        other => return Err(super::super::ops::unsupported_dtype(other)),
    };
    Ok(wrap(Array::from_ndarray(out), true))
}

/// NumPy's complex sum: the identity (0+0j) plus the pairwise sum of each
/// lane (so a sum of negative zeros is a positive zero, as NumPy's is).
fn complex_sum(a: &Array, r: &Reduce) -> ArrayD<Complex128> {
    float_sum_in(&a.read::<Complex128>().view(), r, Complex128::lane_sum)
}

fn python_sum(b: &Bound) -> EvalResult<Option<Value>> {
    let items = match b.req("a") {
        v if let Some(items) = v.seq_items() => items.to_vec(),
        v @ (Value::DictView(_) | Value::Set(_)) => super::super::iter::iterate(v)?,
        _ => return Ok(None),
    };
    let mut acc = b.opt("axis").cloned().unwrap_or(Value::Int(0));
    for item in items.iter() {
        acc = super::super::ops::binary(crate::syntax::ast::BinOp::Add, &acc, item)?;
    }
    Ok(Some(acc))
}

fn count(a: &Array, r: &Reduce) -> usize {
    match r.axis {
        None => a.len(),
        Some(k) => a.shape()[k],
    }
}

/// `a` as float64: itself when it is float64 (shared), else converted.
fn as_f64(a: &Array) -> EvalResult<Array> {
    Ok(a.as_dtype(DType::Float64)?)
}

fn mean_array(a: &Array, r: &Reduce) -> EvalResult<ArrayD<f64>> {
    // float32 and complex means accumulate in their own dtype.
    if a.dtype().is_inexact() && a.dtype() != DType::Float64 {
        return Err(super::super::ops::unsupported_dtype(a.dtype()));
    }
    let n = count(a, r) as f64;
    let cast = a.dtype() != DType::Float64;
    let x = as_f64(a)?;
    Ok(float_sum(&x.read::<f64>().view(), r, cast).mapv(|s| s / n))
}

pub fn mean(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let a = b.at("a", to_array(b.req("a")))?;
    if moments::wanted(b, &a) {
        return moments::mean(b, &a);
    }
    let r = reduce_args(b, &a)?;
    // NumPy warns itself, then divides 0 by 0 (a NumPy scalar for a full
    // reduction, an array along an axis).
    if count(&a, &r) == 0 {
        warnings::warn(WarningKind::RuntimeWarning, "Mean of empty slice", true)?;
    }
    // The sum's own warnings are the reduction's ("overflow encountered in
    // reduce"), the division's are `_mean`'s.
    let n = count(&a, &r);
    let out = match a.dtype() {
        // A complex mean divides as NumPy's `_mean` does: by `n + 0j`.
        DType::Complex128 => {
            let sums = warnings::ufunc("reduce", || Ok(complex_sum(&a, &r)))?;
            warnings::begin();
            let n = Complex128::new(n as f64, 0.0);
            Array::from_ndarray(sums.mapv(|s| complex_div(s, n)))
        }
        // float32 sums and divides in float32 (NumPy's `_mean` keeps the dtype).
        DType::Float32 => {
            let sums = warnings::ufunc("reduce", || {
                Ok(float_sum_in(&a.read::<f32>().view(), &r, f32::pairwise))
            })?;
            warnings::begin();
            Array::from_ndarray(sums.mapv(|s| s / n as f32))
        }
        d if d.is_inexact() && d != DType::Float64 => {
            return Err(super::super::ops::unsupported_dtype(d));
        }
        d => {
            let x = as_f64(&a)?;
            let cast = d != DType::Float64;
            let sums = warnings::ufunc("reduce", || {
                Ok(float_sum(&x.read::<f64>().view(), &r, cast))
            })?;
            warnings::begin();
            Array::from_ndarray(sums.mapv(|s| s / n as f64))
        }
    };
    let flags = fpe::take();
    if !flags.is_empty() && !out.is_empty() {
        // A 0-d sum is a NumPy scalar: `_mean` divides it as one (a
        // float32 one by an intp goes through the array loop).
        let name = if out.ndim() == 0 && a.dtype() != DType::Float32 {
            "scalar divide"
        } else {
            "divide"
        };
        warnings::report(flags, name)?;
    }
    Ok(wrap(out, true))
}

pub fn std(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let a = b.at("a", to_array(b.req("a")))?;
    if moments::wanted(b, &a) {
        return moments::var(b, &a, true);
    }
    let r = reduce_args(b, &a)?;
    let ddof = b.opt("ddof").map(real).transpose()?.unwrap_or(0.0);
    let out = variance(&a, r.axis, r.keepdims, ddof)?.mapv(f64::sqrt);
    Ok(wrap(Array::from_ndarray(out), true))
}

/// `np.var` with NumPy's keywords (`stats::var` when the plain path
/// cannot take them).
pub(super) fn var_keywords(b: &Bound, a: &Array) -> Option<EvalResult<Value>> {
    moments::wanted(b, a).then(|| moments::var(b, a, false))
}

/// `np.prod` with NumPy's keywords, when the call uses them.
pub(super) fn prod_keywords(b: &Bound, a: &Array) -> Option<EvalResult<Value>> {
    keywords::wanted(b).then(|| keywords::sum_or_prod(b, a, true))
}

/// Float sum of a float64 array along `axis` (or all), in NumPy's order
/// (for `average`'s weighted sums).
pub(super) fn float_sum_of(
    a: &Array,
    axis: Option<usize>,
    keepdims: bool,
) -> EvalResult<ArrayD<f64>> {
    let r = Reduce { axis, keepdims };
    Ok(float_sum(
        &a.as_dtype(DType::Float64)?.read::<f64>().view(),
        &r,
        false,
    ))
}

/// NumPy's `_var`: the mean (kept dims), squared deviations, their
/// pairwise sum divided by `max(n - ddof, 0)` (`std` is its square root).
pub(super) fn variance(
    a: &Array,
    axis: Option<usize>,
    keepdims: bool,
    ddof: f64,
) -> EvalResult<ArrayD<f64>> {
    let r = Reduce { axis, keepdims };
    let kept = Reduce {
        axis: r.axis,
        keepdims: true,
    };
    let items = count(a, &r) as f64;
    // NumPy's _var warns in this order: its own check, the mean's array
    // division (0/0 for an empty slice), the final division by the degrees
    // of freedom (a scalar one for a full reduction).
    if ddof >= items {
        warnings::warn(
            WarningKind::RuntimeWarning,
            "Degrees of freedom <= 0 for slice",
            true,
        )?;
    }
    let dev = if a.dtype() == DType::Complex128 {
        // NumPy's complex fast path: the complex mean (a complex sum divided
        // by `n + 0j`), then each deviation's real and imaginary parts
        // squared and added into a float array, which is summed as floats.
        let sums = warnings::ufunc("reduce", || Ok(complex_sum(a, &kept)))?;
        warnings::begin();
        let n = Complex128::new(items, 0.0);
        let m = Array::from_ndarray(sums.mapv(|s| complex_div(s, n)));
        warnings::report_at(fpe::take(), "divide", "_var mean")?;
        warnings::begin();
        let dev = zip_map::<Complex128, Complex128, f64>(a, &m, |p, q| {
            let d = p - q;
            let (re, im) = (d.re * d.re, d.im * d.im);
            re + im
        })?;
        warnings::check("square")?;
        dev
    } else {
        warnings::begin();
        let m = Array::from_ndarray(mean_array(a, &kept)?);
        warnings::report_at(fpe::take(), "divide", "_var mean")?;
        let x = as_f64(a)?;
        zip_map::<f64, f64, f64>(&x, &m, |p, q| {
            let d = p - q;
            d * d
        })?
    };
    let n = (items - ddof).max(0.0);
    let sums = float_sum(&dev.read::<f64>().view(), &r, false);
    warnings::begin();
    let out = sums.mapv(|s| s / n);
    // A 0-d sum is a NumPy scalar: `_var` divides it as one.
    let name = if out.ndim() == 0 {
        "scalar divide"
    } else {
        "divide"
    };
    // Its own line of `_var`: warned again after the mean's division.
    warnings::report_at(fpe::take(), name, "_var ddof")?;
    Ok(out)
}
