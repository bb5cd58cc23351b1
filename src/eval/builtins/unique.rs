//! `np.unique` (issue 13): sorted distinct elements, or distinct slices
//! along `axis` (compared element by element, as NumPy's structured view
//! of the rows), with `return_index` (first occurrences: NumPy sorts
//! stably then), `return_inverse` (the input's shape for `axis=None`, one
//! index per slice otherwise) and `return_counts`; NaNs are one value
//! unless `equal_nan=False`.

use std::cmp::Ordering;

use crate::array::{Array, DType, Element, Index};

use super::super::args::Bound;
use super::super::convert::{index_int, norm_axis, to_array, truthy};
use super::super::error::EvalResult;
use super::super::ops::unsupported_dtype;
use super::super::session::Session;
use super::super::value::Value;
use super::sorting::{is_nan, order};

/// The slices to compare (one element each for `axis=None`): a stable
/// sort of them, and where each group of equal ones starts in it.
struct Groups {
    perm: Vec<usize>,
    starts: Vec<usize>,
}

fn groups<T: Element + PartialOrd>(rows: &[Vec<T>], equal_nan: bool) -> Groups {
    let cmp = |x: &Vec<T>, y: &Vec<T>| {
        x.iter()
            .zip(y)
            .map(|(p, q)| order(p, q))
            .find(|o| *o != Ordering::Equal)
            .unwrap_or(Ordering::Equal)
    };
    let same = |x: &Vec<T>, y: &Vec<T>| {
        x.iter()
            .zip(y)
            .all(|(&p, &q)| p == q || (equal_nan && is_nan(p) && is_nan(q)))
    };
    let mut perm: Vec<usize> = (0..rows.len()).collect();
    perm.sort_by(|&i, &j| cmp(&rows[i], &rows[j]));
    let starts = (0..perm.len())
        .filter(|&k| k == 0 || !same(&rows[perm[k - 1]], &rows[perm[k]]))
        .collect();
    Groups { perm, starts }
}

/// The slices of `a` along `axis`, each flattened.
fn rows<T: Element>(a: &Array, axis: usize) -> EvalResult<Vec<Vec<T>>> {
    (0..a.shape()[axis])
        .map(|i| Ok(a.index_axis(axis, i as i64)?.to_vec::<T>()))
        .collect()
}

pub fn unique(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let a = b.at("ar", to_array(b.req("ar")))?;
    let flag = |name: &str| -> EvalResult<bool> {
        Ok(b.opt(name).map(truthy).transpose()?.unwrap_or(false))
    };
    // Slices compare as NumPy's structured rows, where NaN never equals
    // NaN: `equal_nan` only merges single NaN elements.
    let equal_nan =
        b.opt("equal_nan").map(truthy).transpose()?.unwrap_or(true) && b.opt("axis").is_none();
    let (src, axis) = match b.opt("axis") {
        None => (a.ravel()?, 0),
        Some(v) => {
            let k = b.at("axis", index_int(v).and_then(|k| norm_axis(k, a.ndim())))?;
            (a.clone(), k)
        }
    };
    let g = match src.dtype() {
        DType::Float64 => groups(&rows::<f64>(&src, axis)?, equal_nan),
        DType::Int64 => groups(&rows::<i64>(&src, axis)?, equal_nan),
        DType::Bool => groups(&rows::<bool>(&src, axis)?, equal_nan),
        other => return Err(unsupported_dtype(other)),
    };
    let first: Vec<i64> = g.starts.iter().map(|&k| g.perm[k] as i64).collect();
    let mut items = vec![Index::full(); axis];
    items.push(Index::Take(Array::from_i64(first.clone())));
    let mut out = vec![Value::array(src.index(&items)?)];
    if flag("return_index")? {
        out.push(Value::array(Array::from_i64(first)));
    }
    if flag("return_inverse")? {
        let mut inverse = vec![0i64; g.perm.len()];
        let mut group = -1i64;
        let mut next = g.starts.iter().peekable();
        for (k, &p) in g.perm.iter().enumerate() {
            if next.peek() == Some(&&k) {
                group += 1;
                next.next();
            }
            inverse[p] = group;
        }
        let inverse = Array::from_i64(inverse);
        out.push(Value::array(match b.opt("axis") {
            None => inverse.reshape_to(a.shape())?,
            Some(_) => inverse,
        }));
    }
    if flag("return_counts")? {
        let n = g.perm.len();
        let ends = g.starts.iter().skip(1).copied().chain([n]);
        let counts = g.starts.iter().zip(ends).map(|(&s, e)| (e - s) as i64);
        out.push(Value::array(Array::from_i64(counts.collect())));
    }
    Ok(match out.len() {
        1 => out.pop().expect("one"),
        _ => Value::tuple(out),
    })
}
