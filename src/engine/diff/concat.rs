//! `np.diff`'s `prepend` / `append`: NumPy's `np.concatenate` with its checks
//! and messages.

use ndarray::{ArrayD, Axis, IxDyn};

use super::promoted;
use crate::engine::{Array, DType, Error, limits};

/// `np.concatenate([prepend, a, append], axis)` (0-d values broadcast to one
/// slice along `axis`), or `None` when there is nothing to add.
pub(super) fn combine(
    a: &Array,
    prepend: Option<&Array>,
    append: Option<&Array>,
    axis: usize,
) -> Result<Option<Array>, Error> {
    if prepend.is_none() && append.is_none() {
        return Ok(None);
    }
    let mut slice = a.shape().to_vec();
    slice[axis] = 1;
    let widen = |x: &Array| -> Result<Array, Error> {
        if x.ndim() == 0 {
            limits::check_alloc(&slice, itemsize(x.dtype()), x.dtype().name())?;
            Ok(broadcast(x, &slice))
        } else {
            Ok(x.clone())
        }
    };
    let mut parts = Vec::with_capacity(3);
    if let Some(p) = prepend {
        parts.push(widen(p)?);
    }
    parts.push(a.clone());
    if let Some(p) = append {
        parts.push(widen(p)?);
    }
    let shape = check_shapes(&parts, axis)?;
    let dtype = promoted(parts.iter().map(Array::dtype));
    limits::check_alloc(&shape, itemsize(dtype), dtype.name())?;
    let parts: Vec<Array> = parts.iter().map(|p| p.astype(dtype)).collect();
    let joined = match dtype {
        DType::Float64 => Array::Float(join(&parts, axis, |p| match p {
            Array::Float(x) => Some(x),
            _ => None,
        })?),
        DType::Int64 => Array::Int(join(&parts, axis, |p| match p {
            Array::Int(x) => Some(x),
            _ => None,
        })?),
        DType::Bool => Array::Bool(join(&parts, axis, |p| match p {
            Array::Bool(x) => Some(x),
            _ => None,
        })?),
    };
    Ok(Some(joined))
}

fn broadcast(x: &Array, shape: &[usize]) -> Array {
    match x {
        Array::Float(v) => Array::Float(ArrayD::from_elem(
            IxDyn(shape),
            v.iter().copied().next().unwrap_or(0.0),
        )),
        Array::Int(v) => Array::Int(ArrayD::from_elem(
            IxDyn(shape),
            v.iter().copied().next().unwrap_or(0),
        )),
        Array::Bool(v) => Array::Bool(ArrayD::from_elem(
            IxDyn(shape),
            v.iter().copied().next().unwrap_or(false),
        )),
    }
}

/// NumPy's `PyArray_ConcatenateArrays` checks: the axis against the first
/// array's dimensions, then each array's dimensions and shape against the
/// first. Returns the joined shape.
fn check_shapes(parts: &[Array], axis: usize) -> Result<Vec<usize>, Error> {
    let first = parts[0].shape();
    let ndim = first.len();
    if axis >= ndim {
        return Err(Error::axis(axis as i64, ndim));
    }
    let mut shape = first.to_vec();
    for (i, p) in parts.iter().enumerate().skip(1) {
        if p.ndim() != ndim {
            return Err(Error::value(format!(
                "all the input arrays must have same number of dimensions, but the array at \
                 index 0 has {ndim} dimension(s) and the array at index {i} has {} dimension(s)",
                p.ndim()
            )));
        }
        for (d, &size) in p.shape().iter().enumerate() {
            if d == axis {
                shape[d] += size;
            } else if shape[d] != size {
                return Err(Error::value(format!(
                    "all the input array dimensions except for the concatenation axis must match \
                     exactly, but along dimension {d}, the array at index 0 has size {} and the \
                     array at index {i} has size {size}",
                    shape[d]
                )));
            }
        }
    }
    Ok(shape)
}

fn join<T: Clone>(
    parts: &[Array],
    axis: usize,
    get: impl Fn(&Array) -> Option<&ArrayD<T>>,
) -> Result<ArrayD<T>, Error> {
    let views: Vec<_> = parts
        .iter()
        .filter_map(|p| get(p).map(|x| x.view()))
        .collect();
    ndarray::concatenate(Axis(axis), &views)
        .map_err(|e| Error::value(format!("internal error: {e}")))
}

fn itemsize(dtype: DType) -> usize {
    if dtype == DType::Bool { 1 } else { 8 }
}
