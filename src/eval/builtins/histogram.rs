//! `np.histogram` as NumPy's `lib/_histograms_impl.py` computes it: equal
//! bins through the same float arithmetic (scaled offsets, then the
//! corrections against the edges), explicit edges by sorted search.

use crate::array::{Array, DType};

use super::super::args::{Bound, CallArgs, Signature, bind};
use super::super::convert::{index_int, real, to_array, truthy};
use super::super::error::{EvalError, EvalResult};
use super::super::session::Session;
use super::super::value::Value;
use super::{Builtin, Home, creation};

builtins! { HISTOGRAM;
    "histogram", Numpy, histogram, "histogram(a, bins=10, range=None, density=None, weights=None)",
        "Counts of values in bins (equal bins over the range, or the given edges), and the edges.",
        "np.histogram(np.array([1, 2, 2, 3, 3, 3]), bins=3)";
}

/// `np.linspace(first, last, n)` through its table row (NumPy's edges).
fn edges(s: &mut Session, b: &Bound, first: f64, last: f64, n: usize) -> EvalResult<Vec<f64>> {
    let pos = vec![
        Value::Float(first),
        Value::Float(last),
        Value::Int(n as i64),
    ];
    let call = CallArgs {
        pos_spans: smallvec::smallvec![b.span.clone(); pos.len()],
        pos: pos.into(),
        span: b.span.clone(),
        ..CallArgs::default()
    };
    let sig =
        Signature::of("linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None)");
    match creation::linspace(s, &bind(sig, call)?, false)? {
        Value::Array(a) => Ok(a.to_f64_vec()),
        _ => unreachable!("linspace returns an array"),
    }
}

/// NumPy's `_get_outer_edges`.
fn outer_edges(b: &Bound, a: &[f64]) -> EvalResult<(f64, f64)> {
    let (mut first, mut last) = match b.opt("range") {
        Some(v)
            if let Some(r) = v.seq_items()
                && r.len() == 2 =>
        {
            let (lo, hi) = (real(&r[0])?, real(&r[1])?);
            if lo > hi {
                return Err(EvalError::value_error(
                    "max must be larger than min in range parameter.",
                ));
            }
            if !(lo.is_finite() && hi.is_finite()) {
                return Err(EvalError::value_error(format!(
                    "supplied range of [{}, {}] is not finite",
                    py_float(lo),
                    py_float(hi)
                )));
            }
            (lo, hi)
        }
        Some(_) => {
            return Err(EvalError::value_error(
                "too many values to unpack (expected 2)",
            ));
        }
        None if a.is_empty() => (0.0, 1.0),
        None => {
            let lo = a.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = a.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            if a.iter().any(|x| x.is_nan()) || !(lo.is_finite() && hi.is_finite()) {
                let (lo, hi) = match a.iter().any(|x| x.is_nan()) {
                    true => (f64::NAN, f64::NAN),
                    false => (lo, hi),
                };
                return Err(EvalError::value_error(format!(
                    "autodetected range of [{}, {}] is not finite",
                    py_float(lo),
                    py_float(hi)
                )));
            }
            (lo, hi)
        }
    };
    if first == last {
        first -= 0.5;
        last += 0.5;
    }
    Ok((first, last))
}

/// A float as NumPy's `str` of a float64 scalar shows it.
fn py_float(x: f64) -> String {
    Value::Float(x).to_str(&Default::default())
}

/// Bin index of each value in equal bins (NumPy's fast path).
fn equal_bins(a: &[f64], w: Option<&[f64]>, edges: &[f64], n: usize) -> Vec<f64> {
    let (first, last) = (edges[0], edges[n]);
    let denom = last - first;
    let mut counts = vec![0.0; n];
    for (i, &x) in a.iter().enumerate() {
        if !(x >= first && x <= last) {
            continue;
        }
        let f = (x - first) / denom * n as f64;
        let mut k = f as i64;
        if k == n as i64 {
            k -= 1;
        }
        if x < edges[k as usize] {
            k -= 1;
        }
        if x >= edges[k as usize + 1] && k != n as i64 - 1 {
            k += 1;
        }
        counts[k as usize] += w.map_or(1.0, |w| w[i]);
    }
    counts
}

/// Counts between given edges: the last bin includes its right edge.
fn edge_bins(a: &[f64], w: Option<&[f64]>, edges: &[f64]) -> Vec<f64> {
    let m = edges.len();
    let mut counts = vec![0.0; m.saturating_sub(1)];
    for (i, &x) in a.iter().enumerate() {
        if m < 2 || !(x >= edges[0] && x <= edges[m - 1]) {
            continue;
        }
        let k = edges.partition_point(|&e| e <= x).min(m - 1) - 1;
        counts[k] += w.map_or(1.0, |w| w[i]);
    }
    counts
}

pub fn histogram(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let a = b.at("a", to_array(b.req("a")))?;
    let vals = a.to_f64_vec();
    let weights = match b.opt("weights") {
        None => None,
        Some(v) => {
            let w = b.at("weights", to_array(v))?;
            if w.shape() != a.shape() {
                return Err(EvalError::value_error(
                    "weights should have the same shape as a.",
                ));
            }
            Some(w)
        }
    };
    let wv = weights.as_ref().map(Array::to_f64_vec);
    let bins = b.value("bins").unwrap_or(Value::Int(10));
    let (counts, edge_vals) = match &bins {
        Value::List(_) | Value::Tuple(_) | Value::Array(_) => {
            let e = to_array(&bins)?;
            if e.ndim() != 1 {
                return Err(EvalError::value_error("`bins` must be 1d, when an array"));
            }
            let ev = e.to_f64_vec();
            if ev.windows(2).any(|p| p[0] > p[1]) {
                return Err(EvalError::value_error(
                    "`bins` must increase monotonically, when an array",
                ));
            }
            (edge_bins(&vals, wv.as_deref(), &ev), e)
        }
        other => {
            let n = index_int(other).map_err(|_| {
                EvalError::type_error("`bins` must be an integer, a string, or an array")
            })?;
            if n < 1 {
                return Err(EvalError::value_error(
                    "`bins` must be positive, when an integer",
                ));
            }
            let (first, last) = outer_edges(b, &vals)?;
            let ev = edges(s, b, first, last, n as usize + 1)?;
            let counts = equal_bins(&vals, wv.as_deref(), &ev, n as usize);
            (counts, Array::from_f64(ev))
        }
    };
    let density = b.opt("density").map(truthy).transpose()?.unwrap_or(false);
    let widths = edge_vals.to_f64_vec();
    let edges_arr = Value::array(edge_vals);
    if density {
        let total: f64 = counts.iter().sum();
        let d: Vec<f64> = counts
            .iter()
            .zip(widths.windows(2))
            .map(|(&c, e)| c / (e[1] - e[0]) / total)
            .collect();
        return Ok(Value::tuple(vec![
            Value::array(Array::from_f64(d)),
            edges_arr,
        ]));
    }
    let hist = match &weights {
        Some(w) if w.dtype() == DType::Float64 => Array::from_f64(counts),
        Some(w) if w.dtype() == DType::Bool => {
            Array::from_bool(counts.iter().map(|&c| c != 0.0).collect())
        }
        _ => Array::from_i64(counts.into_iter().map(|c| c as i64).collect()),
    };
    Ok(Value::tuple(vec![Value::array(hist), edges_arr]))
}
