//! `np.diff`: n-th discrete differences along an axis.

mod concat;
mod kernels;

use ndarray::ArrayD;

use super::buffer;
use super::gradient::normalize_axis_index;
use super::{Array, DType, Error, limits};

#[doc(hidden)]
pub use kernels::DiffOp;

/// Arguments of `np.diff(a, n=1, axis=-1, prepend=<no value>, append=<no value>)`.
#[derive(Clone, Debug, PartialEq)]
pub struct DiffArgs {
    pub n: i64,
    pub axis: i64,
    pub prepend: Option<Array>,
    pub append: Option<Array>,
}

impl Default for DiffArgs {
    fn default() -> Self {
        DiffArgs {
            n: 1,
            axis: -1,
            prepend: None,
            append: None,
        }
    }
}

/// `np.diff(a, n, axis, prepend, append)`.
///
/// `out[i] = a[i+1] - a[i]` along `axis`, applied `n` times, after
/// concatenating `prepend` / `append` (0-d values are broadcast to one slice
/// along the axis). The result has `max(len - n, 0)` elements along the axis
/// and the promoted dtype of the inputs; int64 wraps around; for bool the
/// "difference" is `a[i+1] != a[i]`. `n == 0` returns `a` unchanged.
///
/// # Errors
/// NumPy's, in NumPy's order: `ValueError` for `n < 0` and 0-d input,
/// `AxisError` for `axis` (also when it is out of range for an N-D
/// `prepend`), `ValueError` from `np.concatenate` when `prepend` / `append`
/// do not fit, `MemoryError` above the allocation cap, `KeyboardInterrupt`.
pub fn diff(a: &Array, args: &DiffArgs) -> Result<Array, Error> {
    let n = args.n;
    if n == 0 {
        return Ok(a.clone());
    }
    if n < 0 {
        return Err(Error::value(format!(
            "order must be non-negative but got {n}"
        )));
    }
    let nd = a.ndim();
    if nd == 0 {
        return Err(Error::value(
            "diff requires input that is at least one dimensional",
        ));
    }
    let axis = normalize_axis_index(args.axis, nd)?;
    let combined = concat::combine(a, args.prepend.as_ref(), args.append.as_ref(), axis)?;
    let a = combined.as_ref().unwrap_or(a);
    let n = usize::try_from(n).unwrap_or(usize::MAX);
    Ok(match a {
        Array::Float(x) => Array::Float(run(x, n, axis)?),
        Array::Int(x) => Array::Int(run(x, n, axis)?),
        Array::Bool(x) => Array::Bool(run(x, n, axis)?),
    })
}

fn run<T: DiffOp>(a: &ArrayD<T>, n: usize, axis: usize) -> Result<ArrayD<T>, Error> {
    let mut shape = a.shape().to_vec();
    shape[axis] = shape[axis].saturating_sub(n);
    limits::check_alloc(&shape, std::mem::size_of::<T>(), T::DTYPE.name())?;
    let data = buffer::row_major(a);
    let out = kernels::nth_diff(&data, a.shape(), axis, n)?;
    buffer::into_array(&shape, out)
}

/// The dtype `np.concatenate` gives arrays of these dtypes.
fn promoted(dtypes: impl Iterator<Item = DType>) -> DType {
    dtypes.fold(DType::Bool, DType::promote)
}

/// The concatenated input of a valid `diff` call (for the reference).
pub(crate) fn concat_for_reference(
    a: &Array,
    args: &DiffArgs,
    axis: usize,
) -> Result<Array, Error> {
    Ok(
        concat::combine(a, args.prepend.as_ref(), args.append.as_ref(), axis)?
            .unwrap_or_else(|| a.clone()),
    )
}
