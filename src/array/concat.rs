//! `np.concatenate`, with NumPy's checks in NumPy's order.

use super::axis::normalize_axis;
use super::dtype::DType;
use super::error::Error;
use super::handle::Array;

/// `np.concatenate(arrays, axis)`; `axis=None` joins the flattened arrays.
/// The result has the promoted dtype of the inputs.
///
/// # Errors
/// NumPy's, in its order: `need at least one array to concatenate`,
/// `zero-dimensional arrays cannot be concatenated`, `AxisError` (against
/// the first array), `all the input arrays must have same number of
/// dimensions, ...`, `all the input array dimensions except for the
/// concatenation axis must match exactly, ...`; `MemoryError`.
pub fn concatenate(arrays: &[Array], axis: Option<i64>) -> Result<Array, Error> {
    let Some(axis) = axis else {
        let flat = arrays
            .iter()
            .map(Array::ravel)
            .collect::<Result<Vec<_>, _>>()?;
        return concatenate(&flat, Some(0));
    };
    let first = arrays
        .first()
        .ok_or_else(|| Error::value("need at least one array to concatenate"))?;
    let ndim = first.ndim();
    if ndim == 0 {
        return Err(Error::value(
            "zero-dimensional arrays cannot be concatenated",
        ));
    }
    let axis = normalize_axis(axis, ndim)?;
    let mut shape = first.shape().to_vec();
    for (i, a) in arrays.iter().enumerate().skip(1) {
        if a.ndim() != ndim {
            return Err(Error::value(format!(
                "all the input arrays must have same number of dimensions, but the array at \
                 index 0 has {ndim} dimension(s) and the array at index {i} has {} dimension(s)",
                a.ndim()
            )));
        }
        for (d, &size) in a.shape().iter().enumerate() {
            if d == axis {
                shape[d] += size;
            } else if shape[d] != size {
                return Err(Error::value(format!(
                    "all the input array dimensions except for the concatenation axis must \
                     match exactly, but along dimension {d}, the array at index 0 has size {} \
                     and the array at index {i} has size {size}",
                    shape[d]
                )));
            }
        }
    }
    let dtype = arrays
        .iter()
        .map(Array::dtype)
        .reduce(DType::promote)
        .expect("at least one array");
    let out = Array::zeros(dtype, &shape)?;
    let mut start = 0i64;
    for a in arrays {
        let len = a.shape()[axis] as i64;
        out.slice_axis(axis, Some(start), Some(start + len), None)?
            .assign(a)?;
        start += len;
    }
    Ok(out)
}
