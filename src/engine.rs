//! `np.gradient` and `np.diff` with NumPy 2.x semantics, on the array
//! layer's [`Array`](crate::array::Array).
//!
//! This module knows nothing of parsing, names, printing, terminals or files
//! and imports nothing of the crate but [`crate::array`]: it reads arrays
//! where they are (contiguous or strided, without copying them) and returns
//! new arrays or an [`Error`] carrying NumPy's exception type and message.
//!
//! ```
//! use gradlab::array::Array;
//! use gradlab::engine::{gradient, GradientArgs};
//! let f = Array::from_f64(vec![1.0, 2.0, 4.0, 7.0, 11.0, 16.0]);
//! let g = gradient(&f, &GradientArgs::default()).unwrap();
//! assert_eq!(g.into_single().unwrap().to_f64_vec(), vec![1.0, 1.5, 2.5, 3.5, 4.5, 5.0]);
//! ```

#![warn(missing_docs)]

mod diff;
mod gradient;
#[doc(hidden)]
pub mod reference;

/// The process-wide limits (allocation cap, interrupt flag) now live in the
/// array layer; this name is kept for the front ends that import it here.
pub use crate::array::limits;
pub use crate::array::{Error, ErrorKind};
pub use diff::{DiffArgs, DiffOrder, diff};
pub use gradient::{
    EdgeOrder, Gradient, GradientArgs, Step as GradientStep, gradient,
    numpy_steps as gradient_steps,
};
