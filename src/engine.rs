//! `np.gradient` and `np.diff` on ndarray, with NumPy 2.x semantics.
//!
//! This module knows nothing of parsing, names, printing, terminals or files:
//! it takes typed arrays and returns typed arrays or an [`Error`] carrying
//! NumPy's exception type and message.
//!
//! ```
//! use gradlab::engine::{Array, gradient, GradientArgs};
//! let f = Array::from_f64(vec![1.0, 2.0, 4.0, 7.0, 11.0, 16.0]);
//! let g = gradient(&f, &GradientArgs::default()).unwrap();
//! assert_eq!(g.into_single().unwrap().to_f64_vec(), vec![1.0, 1.5, 2.5, 3.5, 4.5, 5.0]);
//! ```

mod array;
mod buffer;
mod diff;
mod error;
mod gradient;
pub mod limits;
#[doc(hidden)]
pub mod reference;

pub use array::{Array, DType};
pub use diff::{DiffArgs, diff};
pub use error::{Error, ErrorKind};
pub use gradient::{AxisArg, EdgeOrder, Gradient, GradientArgs, gradient};
