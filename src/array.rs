//! NumPy's array model: dtypes, shared strided storage, views, casting,
//! broadcasting and the array library the interpreter and the engine share.
//!
//! An [`Array`] is a handle: a shared buffer plus a dtype, an offset, a
//! shape and signed element strides. Cloning a handle, slicing it,
//! transposing it or broadcasting it never copies elements; every handle
//! that sees the same buffer sees every write, as NumPy's views do.
//!
//! ```
//! use gradlab::array::{Array, DType, Index};
//! let a = Array::from_f64(vec![1.0, 2.0, 4.0, 7.0]);
//! let v = a.index(&[Index::slice(Some(1), Some(-1), None)]).unwrap(); // a[1:-1]
//! assert!(v.shares_buffer(&a));
//! v.assign(&Array::scalar_f64(0.0)).unwrap(); // v[...] = 0
//! assert_eq!(a.to_f64_vec(), vec![1.0, 0.0, 0.0, 7.0]);
//! assert_eq!(a.astype(DType::UInt8).unwrap().dtype().name(), "uint8");
//! ```
//!
//! # Safety story
//!
//! Elements live in one heap allocation per buffer ([`limits::check_alloc`]
//! guards its size, `storage` makes it: zeroed, 16-byte aligned, advised as
//! huge pages when big). Handles are `Rc`-shared and the evaluator is single
//! threaded, so the only aliasing hazard is a `&[T]` of one handle living
//! while another handle writes the same elements. Three rules exclude it:
//!
//! 1. Reading borrows: [`Array::read`] returns a guard that counts as a
//!    reader of the whole buffer until it is dropped; slices and ndarray
//!    views borrowed from it cannot outlive it.
//! 2. Writing to a shared buffer happens only inside this module, through
//!    `assign`'s one primitive, which takes the buffer exclusively (an
//!    error, never a data race, if a reader is alive), copies a source that
//!    may share memory with the destination *before* writing, and refuses
//!    read-only destinations (broadcast views, whose stride-0 axes would
//!    make one element appear twice).
//! 3. Fresh results are written before they are shared: [`Fresh`] owns its
//!    buffer uniquely and hands out `&mut [T]` (which a kernel may split
//!    across threads), then becomes an [`Array`].
//!
//! Every view constructor keeps the invariant that each index of the view
//! addresses an element inside the buffer, and that a writeable view never
//! addresses one element twice.

mod axis;
mod broadcast;
mod cast;
pub mod cmath;
mod concat;
mod diagonal;
mod dtype;
mod element;
mod error;
pub mod fpe;
mod fresh;
pub mod fused;
mod handle;
mod index;
pub mod limits;
pub mod par;
pub mod pool;
mod read;
mod reinterpret;
mod scalar;
mod shape;
pub mod simd;
mod storage;
pub mod stream;
mod views;
mod write;
mod zip;

pub use axis::{Axis, AxisSpec, normalize_axis, normalize_axis_tuple};
pub use broadcast::broadcast_shapes;
pub use cast::Casting;
pub use concat::concatenate;
pub use dtype::{DType, Kind};
pub use element::{Complex128, Element, complex_div, complex_mul, lerp};
pub use error::{Error, ErrorKind, ExceptionClass, PyError};
pub use fresh::Fresh;
pub use handle::Array;
pub use index::{Index, selects_element, slice_indices};
pub use read::Read;
pub use scalar::Scalar;
pub use shape::{shape_compact, shape_repr, size_of, tuple_repr};
pub use zip::{map, map_wide, zip_map};

/// Runs `$body` with `$T` bound to the element type of `$dtype`, so generic
/// code over [`Element`] is written once:
///
/// ```
/// use gradlab::array::{Array, dispatch};
/// let a = Array::from_i64(vec![3, 4]);
/// let n = dispatch!(a.dtype(), T => a.read::<T>().view().len());
/// assert_eq!(n, 2);
/// ```
#[macro_export]
macro_rules! dispatch {
    // Integer dtypes only; any other dtype is a caller's bug.
    (int $dtype:expr, $T:ident => $body:expr) => {
        $crate::dispatch!(@arms $dtype, $T => $body;
            Int8 i8, Int16 i16, Int32 i32, Int64 i64,
            UInt8 u8, UInt16 u16, UInt32 u32, UInt64 u64;
            other => unreachable!("not an integer dtype: {other}"))
    };
    (@arms $dtype:expr, $T:ident => $body:expr; $($V:ident $t:ty),*; $($rest:tt)*) => {
        match $dtype {
            $($crate::array::DType::$V => {
                type $T = $t;
                $body
            })*
            $($rest)*
        }
    };
    ($dtype:expr, $T:ident => $body:expr) => {
        $crate::dispatch!(@arms $dtype, $T => $body;
            Bool bool, Int8 i8, Int16 i16, Int32 i32, Int64 i64,
            UInt8 u8, UInt16 u16, UInt32 u32, UInt64 u64,
            Float32 f32, Float64 f64, Complex128 $crate::array::Complex128;)
    };
}

pub use crate::dispatch;

#[cfg(test)]
mod tests;
