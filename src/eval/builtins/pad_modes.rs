//! `np.pad`'s statistic and ramp modes (issue 13): 'maximum', 'minimum',
//! 'mean', 'median' (over `stat_length` values at each edge, the whole
//! axis by default) and 'linear_ramp' (from `end_values` to the edge), as
//! `lib/_arraypad_impl.py` pads: one axis after another, so later axes see
//! the earlier axes' padding (the corners). Statistics of integer arrays
//! are rounded half to even before they are stored; ramps of integers are
//! floored, as `linspace(..., dtype=int)` does.

use crate::array::{Array, DType, concatenate};

use super::super::args::{Bound, CallArgs, Signature, bind};
use super::super::convert::to_array;
use super::super::error::{EvalError, EvalResult};
use super::super::ops::unsupported_dtype;
use super::super::session::Session;
use super::super::value::Value;

/// Calls the builtin `name(chunk, axis=k, keepdims=True)`.
fn stat(s: &mut Session, name: &str, chunk: &Array, axis: usize) -> EvalResult<Array> {
    let b = super::lookup(name).expect("a builtin");
    let call = CallArgs {
        pos: smallvec::smallvec![Value::array(chunk.clone())],
        pos_spans: smallvec::smallvec![Default::default()],
        kw: vec![
            ("axis".into(), Value::Int(axis as i64)),
            ("keepdims".into(), Value::Bool(true)),
        ],
        kw_spans: vec![Default::default(); 2],
        ..CallArgs::default()
    };
    let bound = bind(Signature::of(b.sig), call)?;
    to_array(&(b.func)(s, &bound, false)?)
}

/// `w` copies of a keepdims statistic along `axis`.
fn block(v: &Array, shape: &[usize], axis: usize, w: usize) -> EvalResult<Array> {
    let mut shape = shape.to_vec();
    shape[axis] = w;
    Ok(v.broadcast_to(&shape)?.copy()?)
}

/// A statistic stored into an array of `dtype`: rounded for integers.
fn stored(v: Array, dtype: DType) -> EvalResult<Array> {
    Ok(match dtype {
        DType::Int64 if v.dtype() != DType::Int64 => {
            crate::array::map::<f64, f64>(&v.as_dtype(DType::Float64)?, f64::round_ties_even)?
                .astype(DType::Int64)?
        }
        _ => v.astype(dtype)?,
    })
}

/// Pads `a` by `widths` with a statistic mode (`stat_lengths` per axis,
/// `None` for the whole axis).
pub fn stat_pad(
    s: &mut Session,
    a: &Array,
    widths: &[(usize, usize)],
    mode: &str,
    stat_lengths: Option<Vec<(usize, usize)>>,
) -> EvalResult<Array> {
    if !matches!(a.dtype(), DType::Float64 | DType::Int64) {
        return Err(unsupported_dtype(a.dtype()));
    }
    let name = match mode {
        "maximum" => "max",
        "minimum" => "min",
        other => other,
    };
    let mut out = a.clone();
    for (k, &(lo, hi)) in widths.iter().enumerate() {
        let n = out.shape()[k];
        let (left_len, right_len) = match &stat_lengths {
            None => (n, n),
            Some(l) => (l[k].0.min(n), l[k].1.min(n)),
        };
        if (left_len == 0 || right_len == 0) && matches!(name, "max" | "min") {
            return Err(EvalError::value_error(
                "stat_length of 0 yields no value for padding",
            ));
        }
        let chunk = |start: usize, len: usize| -> EvalResult<Array> {
            Ok(out.slice_axis(k, Some(start as i64), Some((start + len) as i64), None)?)
        };
        let left = stored(stat(s, name, &chunk(0, left_len)?, k)?, a.dtype())?;
        let right = match left_len == n && right_len == n {
            true => left.clone(),
            false => stored(
                stat(s, name, &chunk(n - right_len, right_len)?, k)?,
                a.dtype(),
            )?,
        };
        let shape = out.shape().to_vec();
        out = concatenate(
            &[
                block(&left, &shape, k, lo)?,
                out.clone(),
                block(&right, &shape, k, hi)?,
            ],
            Some(k as i64),
        )?;
    }
    Ok(out)
}

/// `linspace(start, edge, width, endpoint=False)` along a new last axis,
/// NumPy's way: `i * step + start`, or `i / width * delta + start` when
/// any step is 0.
fn ramps(start: &[f64], edge: &[f64], width: usize) -> Vec<Vec<f64>> {
    let div = width as f64;
    let any_zero = start.iter().zip(edge).any(|(s, e)| (e - s) / div == 0.0);
    start
        .iter()
        .zip(edge)
        .map(|(&s, &e)| {
            let delta = e - s;
            (0..width)
                .map(|i| match any_zero {
                    true => i as f64 / div * delta + s,
                    false => i as f64 * (delta / div) + s,
                })
                .collect()
        })
        .collect()
}

/// Pads `a` by `widths` with linear ramps from `end_values` (0-d arrays,
/// per axis and side) to the edges.
pub fn ramp_pad(
    a: &Array,
    widths: &[(usize, usize)],
    end_values: &[(Array, Array)],
) -> EvalResult<Array> {
    if !matches!(a.dtype(), DType::Float64 | DType::Int64) {
        return Err(unsupported_dtype(a.dtype()));
    }
    let mut out = a.clone();
    for (k, (&(lo, hi), (vlo, vhi))) in widths.iter().zip(end_values).enumerate() {
        let n = out.shape()[k] as i64;
        let edge = |i: i64| -> EvalResult<Vec<f64>> {
            Ok(out.index_axis(k, i)?.as_dtype(DType::Float64)?.to_f64_vec())
        };
        let side = |end: &Array, edge: Vec<f64>, w: usize, reverse: bool| -> EvalResult<Array> {
            if w == 0 {
                let mut shape = out.shape().to_vec();
                shape[k] = 0;
                return Ok(Array::zeros(a.dtype(), &shape)?);
            }
            let e = end.as_dtype(DType::Float64)?.to_f64_vec()[0];
            let lines = ramps(&vec![e; edge.len()], &edge, w);
            // Lines run along a new last axis; move it to `k`.
            let mut shape: Vec<usize> = out.shape().to_vec();
            shape.remove(k);
            shape.push(w);
            let flat: Vec<f64> = lines
                .into_iter()
                .flat_map(|mut l| {
                    if reverse {
                        l.reverse();
                    }
                    l
                })
                .collect();
            let last = shape.len() as i64 - 1;
            let mut axes: Vec<i64> = (0..last).collect();
            axes.insert(k, last);
            let r = Array::from_vec(&shape, flat)?.transpose(Some(&axes))?;
            let r = match a.dtype() {
                DType::Int64 => {
                    crate::array::map::<f64, f64>(&r, f64::floor)?.astype(DType::Int64)?
                }
                _ => r.copy()?,
            };
            Ok(r)
        };
        let left = side(vlo, edge(0)?, lo, false)?;
        let right = side(vhi, edge(n - 1)?, hi, true)?;
        out = concatenate(&[left, out.clone(), right], Some(k as i64))?;
    }
    Ok(out)
}

/// `stat_length=`: `None` for the whole axis.
pub fn stat_lengths(b: &Bound, ndim: usize) -> EvalResult<Option<Vec<(usize, usize)>>> {
    b.opt("stat_length")
        .map(|v| super::rearrange::pad_pairs(v, ndim))
        .transpose()
}
