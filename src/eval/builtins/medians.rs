//! `np.median` and `np.nanmedian` for every dtype, as NumPy's
//! `_median` (`lib/_function_base_impl.py`) and `nanmedian`
//! (`lib/_nanfunctions_impl.py`) compute them: each lane in NumPy's sort
//! order (NaNs last; complex lexicographic), the middle one or two values
//! averaged with `np.mean` (so a complex median is a complex mean and a
//! float32 one stays float32), then a NaN at a lane's end replaces the
//! result. `nanmedian` along an axis of a 2-D or larger array goes through
//! `np.ma.median`: the middle values' sum divided by 2.

use std::cmp::Ordering;

use ndarray::{ArrayD, Axis, Slice};

use crate::array::{Array, Complex128, DType, Element, cmath, complex_div};

use super::super::args::Bound;
use super::super::convert::{to_array, truthy, wrap};
use super::super::error::EvalResult;
use super::super::session::Session;
use super::super::value::Value;
use super::stats::{axis_arg, call};
use super::{Builtin, Home, nanfuncs, reduce, sorting};

builtins! { MEDIANS;
    "median", Numpy, median, "median(a, axis=None, out=None, overwrite_input=False, keepdims=False)",
        "The middle value (mean of the two middle values for even counts; NaN propagates).",
        "np.median(np.array([3, 1, 4, 1, 5, 9]))";
    "nanmedian", Numpy, nanmedian, "nanmedian(a, axis=None, out=None, overwrite_input=False, keepdims=<no value>)",
        "Median of the non-NaN elements (NaN and a warning for an all-NaN slice).",
        "np.nanmedian(np.array([[1., np.nan], [3., 4.]]), axis=0)";
}

/// NumPy's sort order and NaN test for one element type.
pub(super) trait Ordered: Element {
    fn nan(self) -> bool;
    fn order(&self, other: &Self) -> Ordering;
}

macro_rules! ordered {
    ($($t:ty),*) => {$(
        impl Ordered for $t {
            fn nan(self) -> bool {
                sorting::is_nan(self)
            }
            fn order(&self, other: &Self) -> Ordering {
                sorting::order(self, other)
            }
        }
    )*};
}
ordered!(bool, i8, i16, i32, i64, u8, u16, u32, u64, f32, f64);

impl Ordered for Complex128 {
    fn nan(self) -> bool {
        cmath::is_nan(self)
    }
    fn order(&self, other: &Self) -> Ordering {
        cmath::sort_cmp(self, other)
    }
}

/// `pick` applied to every lane of `a` along axis `k`, writing `width`
/// values per lane into an array of `a`'s shape with that axis `width` long.
fn per_lane<T: Ordered>(
    a: &Array,
    k: usize,
    width: usize,
    pick: impl Fn(Vec<T>, &mut [T]),
) -> ArrayD<T> {
    let mut shape = a.shape().to_vec();
    shape[k] = width;
    let mut out = ArrayD::from_elem(shape, T::default());
    let r = a.read::<T>();
    let src = r.view();
    for (mut o, from) in out.lanes_mut(Axis(k)).into_iter().zip(src.lanes(Axis(k))) {
        let mut buf = vec![T::default(); width];
        pick(from.iter().copied().collect(), &mut buf);
        o.iter_mut().zip(buf).for_each(|(d, x)| *d = x);
    }
    out
}

/// `np.mean(x, axis)` through the `mean` builtin.
fn mean_of(s: &mut Session, b: &Bound, x: Array, axis: Option<usize>) -> EvalResult<Value> {
    let ax = axis.map_or(Value::None, |k| Value::Int(k as i64));
    call(
        s,
        b,
        "mean(a, axis=None, keepdims=False)",
        reduce::mean,
        vec![Value::array(x), ax, Value::Bool(false)],
    )
}

/// The sorted lanes' middle values (one or two) and their last values.
fn middles<T: Ordered>(x: &Array, k: usize, lo: usize, width: usize) -> (Array, ArrayD<T>) {
    let both = per_lane::<T>(x, k, width + 1, |mut v, o| {
        v.sort_by(T::order);
        o[..width].copy_from_slice(&v[lo..lo + width]);
        o[width] = v[v.len() - 1];
    });
    let mid = both.slice_axis(Axis(k), Slice::from(0..width)).to_owned();
    let last = both.index_axis(Axis(k), width).to_owned();
    (Array::from_ndarray(mid), last)
}

/// `_median_nancheck`: where a lane ends in NaN, that NaN is the result.
fn nan_check<T: Ordered>(m: &Value, last: &ArrayD<T>) -> EvalResult<Value> {
    if !last.iter().any(|x| x.nan()) {
        return Ok(m.clone());
    }
    let m = to_array(m)?;
    let r = m.read::<T>();
    let out = ndarray::Zip::from(&r.view().into_shape_with_order(last.shape()).expect("same"))
        .and(last)
        .map_collect(|&v, &l| if l.nan() { l } else { v });
    Ok(wrap(Array::from_ndarray(out), true))
}

/// NumPy's `_median` of `a` along `axis` (all elements for `None`).
pub(super) fn median_of(
    s: &mut Session,
    b: &Bound,
    a: &Array,
    axis: Option<usize>,
) -> EvalResult<Value> {
    let (x, k) = match axis {
        None => (a.ravel()?, 0),
        Some(k) => (a.clone(), k),
    };
    // A 1-D mean is a full reduction (its warnings say "scalar divide").
    let mean_axis = (x.ndim() > 1).then_some(k);
    let n = x.shape()[k];
    if n == 0 {
        return mean_of(s, b, x, mean_axis);
    }
    let (lo, width) = match n % 2 {
        1 => (n / 2, 1),
        _ => (n / 2 - 1, 2),
    };
    crate::dispatch!(x.dtype(), T => {
        let (mid, last) = middles::<T>(&x, k, lo, width);
        let m = mean_of(s, b, mid, mean_axis)?;
        if x.dtype().is_inexact() {
            nan_check::<T>(&m, &last)
        } else {
            Ok(m)
        }
    })
}

/// `keepdims=True`: the reduced axes kept as length 1.
fn kept(v: Value, a: &Array, axis: Option<usize>, keep: bool) -> EvalResult<Value> {
    if !keep {
        return Ok(v);
    }
    let shape = match axis {
        None => vec![1; a.ndim()],
        Some(k) => {
            let mut s = a.shape().to_vec();
            s[k] = 1;
            s
        }
    };
    Ok(Value::array(to_array(&v)?.reshape_to(&shape)?))
}

fn keepdims(b: &Bound) -> EvalResult<bool> {
    Ok(b.opt("keepdims").map(truthy).transpose()?.unwrap_or(false))
}

pub fn median(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let a = b.at("a", to_array(b.req("a")))?;
    let axis = axis_arg(b, "axis", a.ndim())?;
    let m = median_of(s, b, &a, axis)?;
    kept(m, &a, axis, keepdims(b)?)
}

/// `_nanmedian1d`: the median of the non-NaN values, or (with a warning)
/// the lane's last value when there are none.
fn nanmedian_1d<T: Ordered>(s: &mut Session, b: &Bound, x: &Array) -> EvalResult<Value> {
    let v = x.to_vec::<T>();
    let kept: Vec<T> = v.iter().copied().filter(|z| !z.nan()).collect();
    if kept.is_empty() {
        nanfuncs::all_nan_warning()?;
        return Ok(wrap(
            Array::from_ndarray(ArrayD::from_elem(vec![], v[v.len() - 1])),
            true,
        ));
    }
    median_of(s, b, &Array::from_vec(&[kept.len()], kept)?, None)
}

/// `np.ma.median` of the lanes along `k` with their NaNs masked: the
/// middle values' sum (a masked lane's as zeros) halved; NaN with a
/// warning for an all-NaN lane.
fn ma_median<T: Ordered>(
    s: &mut Session,
    b: &Bound,
    a: &Array,
    k: usize,
    half: fn(T) -> T,
    fill: T,
) -> EvalResult<Value> {
    let low_high = per_lane::<T>(a, k, 2, |v, o| {
        let mut v: Vec<T> = v.into_iter().filter(|z| !z.nan()).collect();
        v.sort_by(T::order);
        let c = v.len();
        if c > 0 {
            let h = c / 2;
            o[0] = if c % 2 == 1 { v[h] } else { v[h - 1] };
            o[1] = v[h];
        }
    });
    let empty = per_lane::<T>(a, k, 1, |v, o| {
        o[0] = if v.iter().all(|z| z.nan()) {
            fill
        } else {
            T::default()
        };
    })
    .index_axis_move(Axis(k), 0);
    let sum = call(
        s,
        b,
        "sum(a, axis=None, keepdims=False)",
        reduce::sum,
        vec![
            Value::array(Array::from_ndarray(low_high)),
            Value::Int(k as i64),
            Value::Bool(false),
        ],
    )?;
    let sum = to_array(&sum)?;
    let r = sum.read::<T>();
    let out = ndarray::Zip::from(&r.view())
        .and(&empty)
        .map_collect(|&v, &e| if e.nan() { e } else { half(v) });
    if empty.iter().any(|e| e.nan()) {
        nanfuncs::all_nan_warning()?;
    }
    Ok(wrap(Array::from_ndarray(out), true))
}

pub fn nanmedian(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let a = b.at("a", to_array(b.req("a")))?;
    let axis = axis_arg(b, "axis", a.ndim())?;
    let keep = keepdims(b)?;
    if a.is_empty() {
        let ax = axis.map_or(Value::None, |k| Value::Int(k as i64));
        return call(
            s,
            b,
            "nanmean(a, axis=None, dtype=None, out=None, keepdims=<no value>)",
            nanfuncs::nanmean,
            vec![
                Value::array(a),
                ax,
                Value::None,
                Value::None,
                Value::Bool(keep),
            ],
        );
    }
    if !a.dtype().is_inexact() {
        let m = median_of(s, b, &a, axis)?;
        return kept(m, &a, axis, keep);
    }
    let m = match axis {
        Some(k) if a.ndim() > 1 => match a.dtype() {
            DType::Float64 => ma_median::<f64>(s, b, &a, k, |x| x / 2.0, f64::NAN)?,
            DType::Float32 => ma_median::<f32>(s, b, &a, k, |x| x / 2.0, f32::NAN)?,
            _ => ma_median::<Complex128>(
                s,
                b,
                &a,
                k,
                |z| complex_div(z, Complex128::new(2.0, 0.0)),
                Complex128::new(f64::NAN, 0.0),
            )?,
        },
        _ => {
            let x = a.ravel()?;
            match a.dtype() {
                DType::Float64 => nanmedian_1d::<f64>(s, b, &x)?,
                DType::Float32 => nanmedian_1d::<f32>(s, b, &x)?,
                _ => nanmedian_1d::<Complex128>(s, b, &x)?,
            }
        }
    };
    kept(m, &a, axis, keep)
}
