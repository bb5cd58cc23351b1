//! `np.diff`'s `prepend` / `append`: 0-d values broadcast to one slice along
//! the axis, then the array layer's `np.concatenate`.

use crate::array::{Array, Error, concatenate};

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
    // NumPy's `np.broadcast_to(value, shape)`: a view, never materialised.
    let widen = |x: &Array| -> Result<Array, Error> {
        if x.ndim() == 0 {
            x.broadcast_to(&slice)
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
    concatenate(&parts, Some(axis as i64)).map(Some)
}
