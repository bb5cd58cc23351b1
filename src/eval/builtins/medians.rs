//! `np.median` and `np.nanmedian` for every dtype, as NumPy's
//! `_median` (`lib/_function_base_impl.py`) and `nanmedian`
//! (`lib/_nanfunctions_impl.py`) compute them: each lane in NumPy's sort
//! order (NaNs last; complex lexicographic), the middle one or two values
//! averaged with `np.mean` (so a complex median is a complex mean and a
//! float32 one stays float32), then a NaN at a lane's end replaces the
//! result. `nanmedian` along an axis of a 2-D or larger array goes through
//! `np.ma.median` (the middle values' sum divided by 2) when the axis is
//! shorter than 600, else through each lane's own median, as NumPy's
//! `_nanmedian` branches. A tuple `axis=` is `_ureduce`'s: the axes moved
//! last and merged into one.

use std::cmp::Ordering;

use ndarray::{ArrayD, Axis, Slice};

use crate::array::{Array, Complex128, DType, Element, cmath, complex_div, normalize_axis_tuple};

use super::super::args::Bound;
use super::super::convert::{to_array, truthy, wrap};
use super::super::error::{EvalError, EvalResult};
use super::super::session::Session;
use super::super::value::Value;
use super::stacking::int_or_ints;
use super::stats::call;
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

/// `keepdims=True`: the reduced axes (all for `None`) kept as length 1.
fn kept(v: Value, a: &Array, axes: Option<&[usize]>, keep: bool) -> EvalResult<Value> {
    if !keep {
        return Ok(v);
    }
    let shape: Vec<usize> = (0..a.ndim())
        .map(|i| match axes {
            Some(ax) if !ax.contains(&i) => a.shape()[i],
            _ => 1,
        })
        .collect();
    Ok(Value::array(to_array(&v)?.reshape_to(&shape)?))
}

/// `_ureduce`'s `axis=`: `None`, one axis, or a tuple of axes, which are
/// moved last and merged into one (`np.moveaxis` then
/// `reshape(shape[:nkeep] + (-1,))`). Returns the array to reduce, the
/// axis to reduce it along, and the normalised axes (for `keepdims`).
pub(super) type Ureduced = (Array, Option<usize>, Option<Vec<usize>>);

pub(super) fn ureduce(b: &Bound, a: &Array) -> EvalResult<Ureduced> {
    let Some(v) = b.opt("axis") else {
        return Ok((a.clone(), None, None));
    };
    let nd = a.ndim();
    let axes = b.at(
        "axis",
        int_or_ints(v).and_then(|ax| Ok(normalize_axis_tuple(&ax, nd)?)),
    )?;
    if let [k] = axes[..] {
        return Ok((a.clone(), Some(k), Some(axes)));
    }
    let keep: Vec<usize> = (0..nd).filter(|i| !axes.contains(i)).collect();
    let perm: Vec<i64> = keep
        .iter()
        .copied()
        .chain((0..nd).filter(|i| axes.contains(i)))
        .map(|i| i as i64)
        .collect();
    let moved = a.transpose(Some(&perm))?;
    let mut shape: Vec<usize> = keep.iter().map(|&i| a.shape()[i]).collect();
    if shape.contains(&0) {
        let dims: Vec<String> = shape.iter().map(ToString::to_string).collect();
        return Err(EvalError::value_error(format!(
            "cannot reshape array of size 0 into shape ({},newaxis)",
            dims.join(",")
        )));
    }
    shape.push(axes.iter().map(|&i| a.shape()[i]).product());
    let merged = moved.reshape_to(&shape)?;
    Ok((merged, Some(keep.len()), Some(axes)))
}

fn keepdims(b: &Bound) -> EvalResult<bool> {
    Ok(b.opt("keepdims").map(truthy).transpose()?.unwrap_or(false))
}

pub fn median(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let orig = b.at("a", to_array(b.req("a")))?;
    let (a, axis, axes) = ureduce(b, &orig)?;
    let m = median_of(s, b, &a, axis)?;
    kept(m, &orig, axes.as_deref(), keepdims(b)?)
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
    let orig = b.at("a", to_array(b.req("a")))?;
    let keep = keepdims(b)?;
    if orig.is_empty() {
        return nanfuncs::nanmean_of(s, b, orig);
    }
    let (a, axis, axes) = ureduce(b, &orig)?;
    if !a.dtype().is_inexact() {
        let m = median_of(s, b, &a, axis)?;
        return kept(m, &orig, axes.as_deref(), keep);
    }
    let m = match axis {
        // `_nanmedian`: long lanes go through `np.apply_along_axis`.
        Some(k) if a.ndim() > 1 && a.shape()[k] >= 600 => match a.dtype() {
            DType::Float64 => along_axis::<f64>(s, b, &a, k)?,
            DType::Float32 => along_axis::<f32>(s, b, &a, k)?,
            _ => along_axis::<Complex128>(s, b, &a, k)?,
        },
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
    kept(m, &orig, axes.as_deref(), keep)
}

/// `np.apply_along_axis(_nanmedian1d, k, a)`: each lane's own NaN-free
/// median (`np.median` of a 1-D array), gathered into an array of the
/// lanes' shape.
fn along_axis<T: Ordered>(s: &mut Session, b: &Bound, a: &Array, k: usize) -> EvalResult<Value> {
    let mut shape = a.shape().to_vec();
    shape.remove(k);
    let mut out = Vec::with_capacity(shape.iter().product());
    let perm: Vec<i64> = (0..a.ndim())
        .filter(|&i| i != k)
        .chain([k])
        .map(|i| i as i64)
        .collect();
    let moved = a.transpose(Some(&perm))?;
    let n = a.shape()[k];
    let lanes = moved.reshape_to(&[moved.len() / n, n])?;
    for i in 0..lanes.shape()[0] {
        let lane = lanes.index_axis(0, i as i64)?;
        let m = to_array(&nanmedian_1d::<T>(s, b, &lane)?)?;
        out.push(m.to_vec::<T>()[0]);
    }
    Ok(wrap(Array::from_vec(&shape, out)?, true))
}
