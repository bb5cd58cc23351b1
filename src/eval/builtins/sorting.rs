//! Searching and sorting: `argmax`/`argmin` (with `axis`, `keepdims`),
//! `sort`, `argsort`, `unique`, `nonzero`, `flatnonzero`, `argwhere`,
//! `searchsorted`, `count_nonzero`, `any`, `all`. NaNs sort last, as in
//! NumPy; sorts are stable (NumPy's default introsort gives the same order
//! for distinct keys and for the short arrays where it uses insertion sort).

use std::cmp::Ordering;

use ndarray::Axis;

use crate::array::{Array, Complex128, DType, Element, Fresh, cmath};

use super::super::convert::{index_int, norm_axis, to_array, truthy, wrap};
use super::super::error::{EvalError, EvalResult};
use super::super::session::Session;
use super::super::value::Value;
use super::super::{args::Bound, ops::unsupported_dtype};
use super::nanfuncs::{Lanes, arg_lane, lane_args, over_lanes};
use super::{Builtin, Home};

/// NumPy's sort order: NaN after everything, else the natural order.
pub(super) fn order<T: Element + PartialOrd>(x: &T, y: &T) -> Ordering {
    match x.partial_cmp(y) {
        Some(o) => o,
        // Only floats are unordered: a NaN is the larger one.
        None => {
            let xn = x.partial_cmp(x).is_none();
            let yn = y.partial_cmp(y).is_none();
            xn.cmp(&yn)
        }
    }
}

pub(super) fn is_nan<T: Element + PartialOrd>(x: T) -> bool {
    x.partial_cmp(&x).is_none()
}

fn arg(b: &Bound, max: bool) -> EvalResult<Value> {
    let a = b.at("a", to_array(b.req("a")))?;
    let l = lane_args(b, a.ndim())?;
    let name = if max { "argmax" } else { "argmin" };
    if l.axis.map_or(a.len(), |k| a.shape()[k]) == 0 {
        return Err(EvalError::value_error(format!(
            "attempt to get {name} of an empty sequence"
        )));
    }
    let out = match a.dtype() {
        DType::Float64 => over_lanes::<f64, i64>(&a, &l, |v| arg_lane(v, max, f64::is_nan)),
        DType::Int64 => over_lanes::<i64, i64>(&a, &l, |v| arg_lane(v, max, |_| false)),
        DType::Bool => over_lanes::<bool, i64>(&a, &l, |v| arg_lane(v, max, |_| false)),
        DType::Complex128 => over_lanes::<Complex128, i64>(&a, &l, |v| complex_arg(v, max)),
        other => return Err(unsupported_dtype(other)),
    };
    Ok(wrap(Array::from_ndarray(out), true))
}

/// NumPy's `CDOUBLE_argmax`/`argmin`: lexicographic, the first NaN (in
/// either part) wins.
fn complex_arg(v: &[Complex128], max: bool) -> i64 {
    let mut best = 0;
    let mut mp = v[0];
    if cmath::is_nan(mp) {
        return 0;
    }
    for (i, &z) in v.iter().enumerate().skip(1) {
        let better = if max {
            z.re > mp.re || (z.re == mp.re && z.im > mp.im)
        } else {
            z.re < mp.re || (z.re == mp.re && z.im < mp.im)
        };
        if better || cmath::is_nan(z) {
            mp = z;
            best = i;
            if cmath::is_nan(z) {
                break;
            }
        }
    }
    best as i64
}

pub fn argmax(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    arg(b, true)
}

pub fn argmin(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    arg(b, false)
}

/// `axis=` of sort/argsort: `None` flattens (axis 0 of the raveled array).
fn sort_axis(b: &Bound, a: &Array) -> EvalResult<(Array, usize)> {
    match b.get("axis") {
        Some(Value::None) => Ok((a.ravel()?, 0)),
        None => Ok((a.clone(), norm_axis(-1, a.ndim().max(1))?)),
        Some(v) => Ok((
            a.clone(),
            b.at("axis", index_int(v).and_then(|k| norm_axis(k, a.ndim())))?,
        )),
    }
}

fn sorted<T: Element + PartialOrd>(a: &Array, axis: usize) -> EvalResult<Array> {
    sorted_by::<T>(a, axis, order)
}

fn argsorted<T: Element + PartialOrd>(a: &Array, axis: usize) -> EvalResult<Array> {
    argsorted_by::<T>(a, axis, order)
}

/// `a` sorted along `axis` by `order` into a fresh array.
fn sorted_by<T: Element>(
    a: &Array,
    axis: usize,
    order: fn(&T, &T) -> Ordering,
) -> EvalResult<Array> {
    let mut out = Fresh::<T>::zeroed(a.shape())?;
    {
        let mut v = out.view_mut();
        v.assign(&a.read::<T>().view());
        for mut lane in v.lanes_mut(Axis(axis)) {
            let mut items: Vec<T> = lane.iter().copied().collect();
            items.sort_by(order);
            lane.iter_mut().zip(items).for_each(|(o, x)| *o = x);
        }
    }
    Ok(out.finish())
}

/// The indices that sort `a` along `axis` by `order`.
fn argsorted_by<T: Element>(
    a: &Array,
    axis: usize,
    order: fn(&T, &T) -> Ordering,
) -> EvalResult<Array> {
    let mut out = Fresh::<i64>::zeroed(a.shape())?;
    {
        let r = a.read::<T>();
        let src = r.view();
        let mut v = out.view_mut();
        for (mut lane, keys) in v
            .lanes_mut(Axis(axis))
            .into_iter()
            .zip(src.lanes(Axis(axis)))
        {
            let keys: Vec<T> = keys.iter().copied().collect();
            let mut idx: Vec<usize> = (0..keys.len()).collect();
            idx.sort_by(|&i, &j| order(&keys[i], &keys[j]));
            lane.iter_mut().zip(idx).for_each(|(o, i)| *o = i as i64);
        }
    }
    Ok(out.finish())
}

/// `kind=` and `stable=`, checked as NumPy does (the first letter names
/// the algorithm). Every sort here is stable, which is what 'stable' and
/// 'mergesort' promise and what NumPy's introsort gives for distinct keys.
fn sort_kind(b: &Bound) -> EvalResult<()> {
    match b.opt("kind") {
        None => {}
        Some(Value::Str(k)) => {
            if !matches!(
                k.chars().next(),
                Some('q' | 'Q' | 'h' | 'H' | 'm' | 'M' | 's' | 'S')
            ) {
                return Err(EvalError::value_error(format!(
                    "sort kind must be one of 'quick', 'heap', or 'stable' (got '{k}')"
                )));
            }
            if b.opt("stable").is_some() {
                return Err(EvalError::value_error(
                    "`kind` and keyword parameters can't be provided at the same time. Use only one of them.",
                ));
            }
        }
        Some(other) => {
            return Err(EvalError::type_error(format!(
                "sort kind must be str, not {}",
                other.short_type()
            )));
        }
    }
    Ok(())
}

fn zero_d_sort(a: &Array) -> EvalResult<()> {
    if a.ndim() == 0 {
        return Err(EvalError::new(
            super::super::error::ErrorKind::AxisError,
            "axis -1 is out of bounds for array of dimension 0",
        ));
    }
    Ok(())
}

pub fn sort(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let a = b.at("a", to_array(b.req("a")))?;
    sort_kind(b)?;
    let (a, axis) = sort_axis(b, &a)?;
    zero_d_sort(&a)?;
    let out = match a.dtype() {
        DType::Float64 => sorted::<f64>(&a, axis)?,
        DType::Int64 => sorted::<i64>(&a, axis)?,
        DType::Bool => sorted::<bool>(&a, axis)?,
        DType::Complex128 => sorted_by::<Complex128>(&a, axis, cmath::sort_cmp)?,
        other => return Err(unsupported_dtype(other)),
    };
    Ok(Value::array(out))
}

pub fn argsort(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let a = b.at("a", to_array(b.req("a")))?;
    sort_kind(b)?;
    let a = if a.ndim() == 0 { a.reshape(&[1])? } else { a };
    let (a, axis) = sort_axis(b, &a)?;
    let out = match a.dtype() {
        DType::Float64 => argsorted::<f64>(&a, axis)?,
        DType::Int64 => argsorted::<i64>(&a, axis)?,
        DType::Bool => argsorted::<bool>(&a, axis)?,
        DType::Complex128 => argsorted_by::<Complex128>(&a, axis, cmath::sort_cmp)?,
        other => return Err(unsupported_dtype(other)),
    };
    Ok(Value::array(out))
}

/// Whether each element is nonzero (NaN counts as nonzero), C order.
fn nonzero_mask(a: &Array) -> EvalResult<Vec<bool>> {
    Ok(match a.dtype() {
        DType::Float64 => a.to_vec::<f64>().into_iter().map(|x| x != 0.0).collect(),
        DType::Int64 => a.to_vec::<i64>().into_iter().map(|x| x != 0).collect(),
        DType::Bool => a.to_vec::<bool>(),
        other => return Err(unsupported_dtype(other)),
    })
}

/// The multi-indices (C order) of the nonzero elements.
fn nonzero_indices(a: &Array) -> EvalResult<Vec<Vec<i64>>> {
    let mask = nonzero_mask(a)?;
    let shape = a.shape();
    let mut out = Vec::new();
    for (flat, &m) in mask.iter().enumerate() {
        if m {
            let mut rest = flat;
            let mut idx = vec![0i64; shape.len()];
            for d in (0..shape.len()).rev() {
                idx[d] = (rest % shape[d]) as i64;
                rest /= shape[d];
            }
            out.push(idx);
        }
    }
    Ok(out)
}

pub fn nonzero(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let a = b.at("a", to_array(b.req("a")))?;
    if a.ndim() == 0 {
        return Err(EvalError::value_error(
            "Calling nonzero on 0d arrays is not allowed. Use np.atleast_1d(scalar).nonzero() instead.",
        ));
    }
    let idx = nonzero_indices(&a)?;
    let per_axis = (0..a.ndim())
        .map(|d| Value::array(Array::from_i64(idx.iter().map(|i| i[d]).collect())))
        .collect();
    Ok(Value::tuple(per_axis))
}

pub fn flatnonzero(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let a = b.at("a", to_array(b.req("a")))?;
    let mask = nonzero_mask(&a)?;
    let idx = mask
        .iter()
        .enumerate()
        .filter(|(_, m)| **m)
        .map(|(i, _)| i as i64);
    Ok(Value::array(Array::from_i64(idx.collect())))
}

pub fn argwhere(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let a = b.at("a", to_array(b.req("a")))?;
    let idx = nonzero_indices(&a)?;
    let n = idx.len();
    let flat: Vec<i64> = idx.into_iter().flatten().collect();
    Ok(Value::array(Array::from_vec(&[n, a.ndim()], flat)?))
}

pub fn count_nonzero(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let a = b.at("a", to_array(b.req("a")))?;
    let l = lane_args(b, a.ndim())?;
    let bools = Array::from_vec(a.shape(), nonzero_mask(&a)?)?;
    let out = over_lanes::<bool, i64>(&bools, &l, |v| v.iter().filter(|&&x| x).count() as i64);
    Ok(wrap(Array::from_ndarray(out), true))
}

fn any_all(b: &Bound, python: bool, any: bool) -> EvalResult<Value> {
    // Bare `any(list)` is Python's builtin: a Python bool from truthiness.
    if python
        && let Value::Array(a) = b.req("a")
        && a.ndim() == 1
    {
        let v = to_array(b.req("a"))?;
        let hit = nonzero_mask(&v)?.into_iter().any(|x| x == any);
        return Ok(Value::Bool(hit == any));
    }
    if python && let Some(items) = b.req("a").seq_items() {
        let mut it = items.iter().map(truthy);
        let hit = it.find(|t| !matches!(t, Ok(x) if *x != any));
        return Ok(Value::Bool(match hit {
            Some(r) => r?,
            None => !any,
        }));
    }
    let a = b.at("a", to_array(b.req("a")))?;
    let l: Lanes = lane_args(b, a.ndim())?;
    let bools = Array::from_vec(a.shape(), nonzero_mask(&a)?)?;
    let out = over_lanes::<bool, bool>(&bools, &l, |v| match any {
        true => v.iter().any(|&x| x),
        false => v.iter().all(|&x| x),
    });
    Ok(wrap(Array::from_ndarray(out), true))
}

pub fn any(_: &mut Session, b: &Bound, python: bool) -> EvalResult<Value> {
    any_all(b, python, true)
}

pub fn all(_: &mut Session, b: &Bound, python: bool) -> EvalResult<Value> {
    any_all(b, python, false)
}

pub fn searchsorted(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let a = b.at("a", to_array(b.req("a")))?;
    let v = b.req("v");
    let keys = b.at("v", to_array(v))?;
    let right = match b.get("side") {
        None => false,
        Some(Value::Str(s)) if &**s == "left" => false,
        Some(Value::Str(s)) if &**s == "right" => true,
        Some(Value::Str(s)) => {
            return Err(EvalError::value_error(format!(
                "search side must be 'left' or 'right' (got '{s}')"
            )));
        }
        Some(_) => return Err(EvalError::type_error("side must be a str")),
    };
    if a.ndim() != 1 {
        return Err(EvalError::value_error("object too deep for desired array"));
    }
    let mut hay = a.to_f64_vec();
    if let Some(s) = b.opt("sorter") {
        // `a[sorter]`, with NumPy's checks of the permutation.
        let s = to_array(s)
            .ok()
            .filter(|s| s.ndim() == 1 && matches!(s.dtype(), DType::Int64 | DType::Bool))
            .ok_or_else(|| EvalError::type_error("could not parse sorter argument"))?;
        if s.len() != hay.len() {
            return Err(EvalError::value_error("sorter.size must equal a.size"));
        }
        let idx = s.as_dtype(DType::Int64)?.to_vec::<i64>();
        if idx.iter().any(|&i| i < 0 || i as usize >= hay.len()) {
            return Err(EvalError::value_error("Sorter index out of range."));
        }
        hay = idx.iter().map(|&i| hay[i as usize]).collect();
    }
    let pos = |x: &f64| {
        hay.partition_point(|h| match order(h, x) {
            Ordering::Less => true,
            Ordering::Equal => right,
            Ordering::Greater => false,
        }) as i64
    };
    let out = crate::array::map::<f64, i64>(&keys.as_dtype(DType::Float64)?, |x| pos(&x))?;
    Ok(wrap(out, !matches!(v, Value::Array(_))))
}

builtins! { SORTING;
    "argmax", Numpy, argmax, "argmax(a, axis=None, out=None, *, keepdims=<no value>)",
        "Index of the largest element (the first NaN if any), flat or along an axis.",
        "np.argmax(np.array([3, 9, 2, 9]))";
    "argmin", Numpy, argmin, "argmin(a, axis=None, out=None, *, keepdims=<no value>)",
        "Index of the smallest element (the first NaN if any), flat or along an axis.",
        "np.argmin(np.array([[4, 1], [0, 5]]), axis=1)";
    "sort", Numpy, sort, "sort(a, axis=-1, kind=None, order=None, *, stable=None)",
        "A sorted copy (NaNs last); axis=None sorts the flattened array.",
        "np.sort(np.array([3., np.nan, 1., 2.]))";
    "argsort", Numpy, argsort, "argsort(a, axis=-1, kind=None, order=None, *, stable=None)",
        "The indices that sort the array along an axis.", "np.argsort(np.array([30, 10, 20]))";
    "unique", Numpy, super::unique::unique, "unique(ar, return_index=False, return_inverse=False, return_counts=False, axis=None, *, equal_nan=True)",
        "Sorted distinct elements (or rows with axis=), with first indices, the inverse and counts on request.",
        "np.unique(np.array([3, 1, 3, 2, 1]), return_counts=True)";
    "nonzero", Numpy, nonzero, "nonzero(a)", "Indices of the nonzero elements, one array per axis.",
        "np.nonzero(np.array([[0, 2], [3, 0]]))";
    "flatnonzero", Numpy, flatnonzero, "flatnonzero(a)", "Flat indices of the nonzero elements.",
        "np.flatnonzero(np.array([0, 1.5, 0, -2]))";
    "argwhere", Numpy, argwhere, "argwhere(a)", "Indices of the nonzero elements, one row each.",
        "np.argwhere(np.array([[0, 2], [3, 0]]))";
    "searchsorted", Numpy, searchsorted, "searchsorted(a, v, side='left', sorter=None)",
        "Where to insert v into the sorted a to keep it sorted.",
        "np.searchsorted(np.array([1, 3, 5, 7]), [0, 3, 6])";
    "count_nonzero", Numpy, count_nonzero, "count_nonzero(a, axis=None, *, keepdims=False)",
        "Number of nonzero elements (NaN counts).", "np.count_nonzero(np.array([[0, 1], [2, 0]]))";
    "any", Both, any, "any(a, axis=None, out=None, keepdims=<no value>, *, where=<no value>)",
        "Whether any element is true (nonzero).", "np.any(np.array([0, 0, 3]))";
    "all", Both, all, "all(a, axis=None, out=None, keepdims=<no value>, *, where=<no value>)",
        "Whether every element is true (nonzero).", "np.all(np.array([[1, 2], [0, 4]]), axis=0)";
}
