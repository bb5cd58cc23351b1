//! `a.sum()` / `np.sum(a)` of a whole contiguous float64 array: the
//! common reduction, summed where it lies into a NumPy float64 scalar,
//! without the general path's ndarray views and result array (at 10^3
//! elements those cost more than the sum).

use crate::array::DType;

use super::super::super::args::Bound;
use super::super::super::error::EvalResult;
use super::super::super::value::{Scalar, Value};
use super::super::super::warnings;
use super::pairwise_sum;

/// The sum of `b`'s `a` when it is a C-contiguous float64 array summed
/// whole (no `axis`, no `keepdims`): NumPy's pairwise sum of its elements
/// in memory order, the general path's result. `None` for anything else.
///
/// # Errors
/// `FloatingPointError` (or a warning) for an overflow under `np.seterr`.
pub(super) fn contiguous_f64_sum(b: &Bound) -> EvalResult<Option<Value>> {
    let Some(Value::Array(a)) = b.get("a") else {
        return Ok(None);
    };
    if a.dtype() != DType::Float64 || b.opt("axis").is_some() || b.opt("keepdims").is_some() {
        return Ok(None);
    }
    let r = a.read::<f64>();
    let Some(x) = r.as_slice() else {
        return Ok(None);
    };
    let s = warnings::ufunc("reduce", || Ok(pairwise_sum(x)))?;
    Ok(Some(Value::Scalar(Scalar::Float64(s))))
}
