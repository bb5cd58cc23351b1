//! The evaluator: a session of variables, builtins, and statements run into
//! events. It never prints: front ends render the events.
//!
//! ```
//! use gradlab::eval::{Session, Event};
//! let mut s = Session::new();
//! let cells = s.run_chunk("a = np.array([1, 2, 4, 7]); np.gradient(a)");
//! let shown: Vec<String> = cells.iter().flat_map(|c| c.events.iter()).filter_map(|e| match e {
//!     Event::Value(v) => Some(s.repr(v)),
//!     _ => None,
//! }).collect();
//! assert_eq!(shown, ["array([1. , 1.5, 2.5, 3. ])"]);
//! ```

mod args;
pub mod builtins;
mod calls;
pub mod convert;
mod error;
mod exec;
mod expr;
mod fast_hash;
pub mod format;
pub mod index;
mod ipython;
mod iter;
pub mod methods;
pub mod ops;
mod pyformat;
mod pyobj;
mod pyops;
mod pyseq;
mod pystr;
mod scope;
mod session;
mod value;
pub mod warnings;

pub use args::{Bound, CallArgs, DefaultArg, Param, Signature};
pub use error::{ErrorKind, EvalError, EvalResult};
pub use expr::closest as closest_name;
pub use session::{Compiled, Event, Session, StmtOutcome, Timing};
pub use value::{
    ContextManager, Items, Module, NamedTuple, NumdiffObject, PyDict, PyList, PySet, Scalar,
    Shared, UserFn, Value, Walk,
};
