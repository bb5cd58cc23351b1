//! Reordering and repeating elements (issue 13): `flip`, `fliplr`,
//! `flipud` (views, as in NumPy), `roll`, `tile`, `repeat`, `pad` (copies).
//! The copies gather with an index array along one axis, so they work for
//! every dtype of the array layer.

use crate::array::{Array, DType, Index, concatenate, normalize_axis, normalize_axis_tuple};

use super::super::args::Bound;
use super::super::convert::{index_int, to_array};
use super::super::error::{EvalError, EvalResult};
use super::super::session::Session;
use super::super::value::Value;
use super::stacking::int_or_ints;
use super::{Builtin, Home};

builtins! { REARRANGE;
    "flip", Numpy, flip, "flip(m, axis=None)",
        "Reverse the order of elements along the given axes (all by default); a view.",
        "np.flip(np.array([[1, 2], [3, 4]]))";
    "fliplr", Numpy, fliplr, "fliplr(m)", "Reverse the columns (axis 1); a view.",
        "np.fliplr(np.array([[1, 2, 3], [4, 5, 6]]))";
    "flipud", Numpy, flipud, "flipud(m)", "Reverse the rows (axis 0); a view.",
        "np.flipud(np.array([1, 2, 3]))";
    "roll", Numpy, roll, "roll(a, shift, axis=None)",
        "Shift elements cyclically along axes (flattened when axis is None).",
        "np.roll(np.arange(5), 2)";
    "tile", Numpy, tile, "tile(A, reps)", "Repeat the whole array reps times along each axis.",
        "np.tile(np.array([1, 2]), (2, 2))";
    "repeat", Numpy, repeat, "repeat(a, repeats, axis=None)",
        "Repeat each element (flattened when axis is None).",
        "np.repeat(np.array([1, 2, 3]), 2)";
    "pad", Numpy, pad, "pad(array, pad_width, mode='constant', *, constant_values=0, stat_length=None, end_values=0)",
        "Pad an array: mode 'constant' (constant_values), 'edge', 'reflect', 'symmetric', 'wrap', 'linear_ramp' (end_values), 'maximum', 'minimum', 'mean' or 'median' (stat_length).",
        "np.pad(np.array([1, 2, 3]), (2, 1), mode='edge')";
}

/// `a[..., idx, ...]` with an index array on `axis`: a copy.
fn take(a: &Array, axis: usize, idx: Vec<i64>) -> EvalResult<Array> {
    let mut items = vec![Index::full(); axis];
    items.push(Index::Take(Array::from_i64(idx)));
    Ok(a.index(&items)?)
}

fn flip_axes(a: &Array, axes: &[usize]) -> EvalResult<Array> {
    axes.iter().try_fold(a.clone(), |acc, &k| {
        Ok(acc.slice_axis(k, None, None, Some(-1))?)
    })
}

pub fn flip(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let a = b.at("m", to_array(b.req("m")))?;
    let axes = match b.opt("axis") {
        None => (0..a.ndim()).collect(),
        Some(v) => normalize_axis_tuple(&int_or_ints(v)?, a.ndim())?,
    };
    // `m[indexer]` on a 0-d array is a NumPy scalar.
    Ok(super::super::convert::wrap(flip_axes(&a, &axes)?, true))
}

pub fn fliplr(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let a = b.at("m", to_array(b.req("m")))?;
    if a.ndim() < 2 {
        return Err(EvalError::value_error("Input must be >= 2-d."));
    }
    Ok(Value::array(flip_axes(&a, &[1])?))
}

pub fn flipud(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let a = b.at("m", to_array(b.req("m")))?;
    if a.ndim() < 1 {
        return Err(EvalError::value_error("Input must be >= 1-d."));
    }
    Ok(Value::array(flip_axes(&a, &[0])?))
}

/// NumPy's `broadcast(x, y)` of two 1-D int lists (`roll`'s shift and axis).
fn broadcast_pair(x: Vec<i64>, y: Vec<i64>) -> EvalResult<Vec<(i64, i64)>> {
    let n = match (x.len(), y.len()) {
        (p, q) if p == q => p,
        (1, q) => q,
        (p, 1) => p,
        (p, q) => {
            return Err(EvalError::value_error(format!(
                "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg 0 with shape ({p},) and arg 1 with shape ({q},)."
            )));
        }
    };
    let at = |v: &[i64], i: usize| if v.len() == 1 { v[0] } else { v[i] };
    Ok((0..n).map(|i| (at(&x, i), at(&y, i))).collect())
}

/// Elements shifted by `shift` along `axis` (indices `(i - shift) mod n`).
fn roll_axis(a: &Array, axis: usize, shift: i64) -> EvalResult<Array> {
    let n = a.shape()[axis] as i64;
    if n == 0 {
        return Ok(a.clone());
    }
    let idx = (0..n).map(|i| (i - shift).rem_euclid(n)).collect();
    take(a, axis, idx)
}

pub fn roll(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let a = b.at("a", to_array(b.req("a")))?;
    let shifts = int_or_ints(b.req("shift"))?;
    let Some(axis) = b.opt("axis") else {
        let shift = broadcast_pair(shifts, vec![0])?
            .into_iter()
            .map(|(s, _)| s)
            .sum::<i64>();
        let out = roll_axis(&a.ravel()?, 0, shift)?;
        return Ok(Value::array(out.reshape_to(a.shape())?));
    };
    let pairs = broadcast_pair(shifts, int_or_ints(axis)?)?;
    let mut total = vec![0i64; a.ndim()];
    for (s, k) in pairs {
        let k = normalize_axis(k, a.ndim())?;
        total[k] = total[k].wrapping_add(s);
    }
    let mut out = a.copy()?;
    for (k, &s) in total.iter().enumerate() {
        if s != 0 {
            out = roll_axis(&out, k, s)?;
        }
    }
    Ok(Value::array(out))
}

fn nonnegative(v: Vec<i64>) -> EvalResult<Vec<usize>> {
    v.into_iter()
        .map(|x| {
            usize::try_from(x)
                .map_err(|_| EvalError::value_error("negative dimensions are not allowed"))
        })
        .collect()
}

pub fn tile(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let a = b.at("A", to_array(b.req("A")))?;
    let mut reps = nonnegative(int_or_ints(b.req("reps"))?)?;
    // `array(A, ndmin=len(reps))`, then reps padded to the array's ndim.
    let a = if a.ndim() < reps.len() {
        let mut shape = vec![1; reps.len() - a.ndim()];
        shape.extend_from_slice(a.shape());
        a.reshape_to(&shape)?
    } else {
        a
    };
    while reps.len() < a.ndim() {
        reps.insert(0, 1);
    }
    // Broadcast (1, s0, 1, s1, ...) to (r0, s0, r1, s1, ...), copy, merge.
    let mut spread = a.clone();
    let mut wide = Vec::with_capacity(2 * reps.len());
    for (k, (&r, &s)) in reps.iter().zip(a.shape()).enumerate() {
        spread = spread.insert_axis(2 * k);
        wide.extend([r, s]);
    }
    // The copy checks the size (and its overflow) before the shape is
    // multiplied out.
    let copied = spread.broadcast_to(&wide)?.copy()?;
    let out: Vec<usize> = reps.iter().zip(a.shape()).map(|(r, s)| r * s).collect();
    Ok(Value::array(copied.reshape_to(&out)?))
}

pub fn repeat(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let a = b.at("a", to_array(b.req("a")))?;
    let (a, axis) = match b.opt("axis") {
        None => (a.ravel()?, 0),
        Some(v) => {
            let k = normalize_axis(index_int(v)?, a.ndim())?;
            (a, k)
        }
    };
    let reps = to_array(b.req("repeats"))?.astype(DType::Int64)?;
    let n = a.shape()[axis];
    let counts: Vec<i64> = match (reps.len(), reps.ndim()) {
        (1, _) => vec![reps.to_vec::<i64>()[0]; n],
        (m, 1) if m == n => reps.to_vec::<i64>(),
        _ => {
            return Err(EvalError::value_error(format!(
                "operands could not be broadcast together with shape ({n},) {}",
                crate::array::shape_compact(reps.shape())
            )));
        }
    };
    let counts = nonnegative(counts)?;
    // The index list is as long as the result: check it fits first.
    let total = counts.iter().fold(0usize, |t, &c| t.saturating_add(c));
    let mut result = a.shape().to_vec();
    result[axis] = total;
    crate::array::limits::check_alloc(&result, a.dtype())?;
    crate::array::limits::check_alloc(&[total], DType::Int64)?;
    let idx = counts
        .iter()
        .enumerate()
        .flat_map(|(i, &c)| std::iter::repeat_n(i as i64, c))
        .collect();
    Ok(Value::array(take(&a, axis, idx)?))
}

/// The `(before, after)` widths of each axis (NumPy's `_as_pairs`).
pub(super) fn pad_pairs(v: &Value, ndim: usize) -> EvalResult<Vec<(usize, usize)>> {
    let w = to_array(v)?;
    if !matches!(w.dtype(), DType::Int64 | DType::Bool) {
        return Err(EvalError::type_error(
            "`pad_width` must be of integral type.",
        ));
    }
    let w = w.astype(DType::Int64)?;
    let flat = w.to_vec::<i64>();
    let pairs: Vec<i64> = match flat.len() {
        1 => vec![flat[0]; 2 * ndim],
        2 if w.shape() != [2, 1] => flat.repeat(ndim),
        _ => w.broadcast_to(&[ndim, 2])?.to_vec::<i64>(),
    };
    if pairs.iter().any(|&x| x < 0) {
        return Err(EvalError::value_error(
            "index can't contain negative values",
        ));
    }
    Ok(pairs
        .chunks(2)
        .map(|p| (p[0] as usize, p[1] as usize))
        .collect())
}

/// The `(before, after)` fill values of each axis, as 0-d arrays.
fn value_pairs(v: &Value, ndim: usize) -> EvalResult<Vec<(Array, Array)>> {
    let w = to_array(v)?;
    let flat: Vec<Array> = match w.len() {
        1 => vec![w.reshape_to(&[])?; 2 * ndim],
        2 if w.shape() != [2, 1] => {
            let r = w.ravel()?;
            let pair = [r.index_axis(0, 0)?, r.index_axis(0, 1)?];
            pair.iter().cloned().cycle().take(2 * ndim).collect()
        }
        _ => {
            let all = w.broadcast_to(&[ndim, 2])?.ravel()?;
            (0..2 * ndim as i64)
                .map(|i| all.index_axis(0, i))
                .collect::<Result<_, _>>()?
        }
    };
    Ok(flat
        .chunks(2)
        .map(|p| (p[0].clone(), p[1].clone()))
        .collect())
}

/// Where padded position `j` (relative to the original start) reads from
/// in an axis of `n` elements.
fn source_index(mode: &str, j: i64, n: i64) -> i64 {
    match mode {
        "edge" => j.clamp(0, n - 1),
        "wrap" => j.rem_euclid(n),
        "symmetric" => {
            let m = j.rem_euclid(2 * n);
            if m >= n { 2 * n - 1 - m } else { m }
        }
        // reflect: period 2(n - 1), the edge not repeated.
        _ if n == 1 => 0,
        _ => {
            let m = j.rem_euclid(2 * (n - 1));
            if m >= n { 2 * (n - 1) - m } else { m }
        }
    }
}

pub fn pad(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let a = b.at("array", to_array(b.req("array")))?;
    let widths = b.at("pad_width", pad_pairs(b.req("pad_width"), a.ndim()))?;
    let mode = match b.opt("mode") {
        None => "constant".to_string(),
        Some(Value::Str(s)) => s.to_string(),
        Some(other) => {
            return Err(EvalError::type_error(format!(
                "gradlab's np.pad takes the mode as a string, not '{}'",
                other.short_type()
            )));
        }
    };
    let allowed: &[&str] = match mode.as_str() {
        "constant" => &["constant_values"],
        "edge" | "reflect" | "symmetric" | "wrap" => &[],
        "maximum" | "mean" | "median" | "minimum" => &["stat_length"],
        "linear_ramp" => &["end_values"],
        "empty" => {
            return Err(EvalError::new(
                super::super::error::ErrorKind::NotImplementedError,
                "gradlab's np.pad does not support mode 'empty' (its values are whatever memory held)",
            ));
        }
        other => {
            return Err(EvalError::value_error(format!(
                "mode '{other}' is not supported"
            )));
        }
    };
    for kw in ["constant_values", "stat_length", "end_values"] {
        if b.get(kw).is_some() && !allowed.contains(&kw) {
            return Err(EvalError::value_error(format!(
                "unsupported keyword arguments for mode '{mode}': {{'{kw}'}}"
            )));
        }
    }
    // The result's size first, as NumPy allocates it before padding.
    let padded: Vec<usize> = widths
        .iter()
        .zip(a.shape())
        .map(|(&(lo, hi), &n)| n.saturating_add(lo).saturating_add(hi))
        .collect();
    crate::array::limits::check_alloc(&padded, a.dtype())?;
    let mut out = a.clone();
    if mode == "constant" {
        let fill = b.value("constant_values").unwrap_or(Value::Int(0));
        let values = value_pairs(&fill, a.ndim())?;
        for (k, (&(lo, hi), (vlo, vhi))) in widths.iter().zip(&values).enumerate() {
            let block = |w: usize, v: &Array| -> EvalResult<Array> {
                let mut shape = out.shape().to_vec();
                shape[k] = w;
                Ok(v.astype(a.dtype())?.broadcast_to(&shape)?.copy()?)
            };
            out = concatenate(
                &[block(lo, vlo)?, out.clone(), block(hi, vhi)?],
                Some(k as i64),
            )?;
        }
        return Ok(Value::array(out));
    }
    for (k, &(lo, hi)) in widths.iter().enumerate() {
        if a.shape()[k] == 0 && lo + hi > 0 {
            return Err(EvalError::value_error(format!(
                "can't extend empty axis {k} using modes other than 'constant' or 'empty'"
            )));
        }
    }
    if a.is_empty() {
        // NumPy returns its freshly allocated result: nothing to fill.
        return Ok(Value::array(Array::zeros(a.dtype(), &padded)?));
    }
    match mode.as_str() {
        "linear_ramp" => {
            let ends = value_pairs(&b.value("end_values").unwrap_or(Value::Int(0)), a.ndim())?;
            return Ok(Value::array(super::pad_modes::ramp_pad(
                &a, &widths, &ends,
            )?));
        }
        "maximum" | "mean" | "median" | "minimum" => {
            let lengths = super::pad_modes::stat_lengths(b, a.ndim())?;
            return Ok(Value::array(super::pad_modes::stat_pad(
                s, &a, &widths, &mode, lengths,
            )?));
        }
        _ => {}
    }
    for (k, &(lo, hi)) in widths.iter().enumerate() {
        let n = a.shape()[k] as i64;
        let idx = (-(lo as i64)..n + hi as i64)
            .map(|j| source_index(&mode, j, n))
            .collect();
        out = take(&out, k, idx)?;
    }
    Ok(Value::array(out))
}
