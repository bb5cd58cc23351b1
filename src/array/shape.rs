//! Shape arithmetic with NumPy's overflow errors, and the one formatter of
//! Python tuples (shapes included).

use std::fmt::Display;

use super::dtype::DType;
use super::error::Error;

const TOO_BIG: &str =
    "array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.";

/// The number of elements of an array of `shape` and `dtype`.
///
/// # Errors
/// NumPy's `ValueError`s: `Maximum allowed dimension exceeded` for a
/// dimension above `isize::MAX`, and `array is too big; ...` when the
/// product of the nonzero dimensions times the itemsize does not fit in an
/// `isize` (NumPy checks it even when another dimension is 0).
pub fn size_of(shape: &[usize], dtype: DType) -> Result<usize, Error> {
    if shape.iter().any(|&d| d > isize::MAX as usize) {
        return Err(Error::value("Maximum allowed dimension exceeded"));
    }
    let bytes = shape
        .iter()
        .filter(|&&d| d != 0)
        .try_fold(dtype.itemsize(), |acc, &d| acc.checked_mul(d))
        .filter(|&b| b <= isize::MAX as usize);
    match bytes {
        None => Err(Error::value(TOO_BIG)),
        Some(_) => Ok(shape.iter().product()),
    }
}

/// Python's tuple notation from the items' text: `(a, b)`, `(a,)` for one
/// item, `()` for none.
pub fn tuple_repr<T: Display>(items: &[T]) -> String {
    match items {
        [one] => format!("({one},)"),
        _ => {
            let parts: Vec<String> = items.iter().map(ToString::to_string).collect();
            format!("({})", parts.join(", "))
        }
    }
}

/// A shape as Python prints the tuple: `(3,)`, `(2, 3)`, `()`.
pub fn shape_repr(shape: &[usize]) -> String {
    tuple_repr(shape)
}

/// An array's shape, held inline up to 4 dimensions: making or cloning a
/// handle (every result, every operand read) then allocates nothing for
/// its geometry, which at 10^3 elements cost as much as the arithmetic.
pub(super) type Dims = smallvec::SmallVec<[usize; 4]>;

/// An array's element strides, inline as [`Dims`].
pub(super) type Strides = smallvec::SmallVec<[isize; 4]>;

/// C-order (row-major) element strides of a new array of `shape`, as
/// NumPy sets them on allocation (all zero for an empty array).
pub(super) fn c_strides(shape: &[usize]) -> Strides {
    if shape.contains(&0) {
        return smallvec::smallvec![0isize; shape.len()];
    }
    reshape_strides(shape)
}

/// C-order element strides as NumPy's reshape computes them: a length-0
/// axis counts as length 1.
pub(super) fn reshape_strides(shape: &[usize]) -> Strides {
    // Made whole when inline: `smallvec!`'s per-element pushes cost more
    // than the strides, on every new array's handle.
    let n = shape.len();
    let mut strides = if n <= 4 {
        Strides::from_buf_and_len([0; 4], n)
    } else {
        smallvec::smallvec![0isize; n]
    };
    let mut step = 1isize;
    for (s, &d) in strides.iter_mut().zip(shape).rev() {
        *s = step;
        step = step.wrapping_mul(d.max(1) as isize);
    }
    strides
}

/// A shape as NumPy's C code writes it in messages: `(2,3)`, `(3,)`, `()`.
pub fn shape_compact(dims: &[impl Display]) -> String {
    match dims {
        [one] => format!("({one},)"),
        _ => {
            let parts: Vec<String> = dims.iter().map(ToString::to_string).collect();
            format!("({})", parts.join(","))
        }
    }
}
