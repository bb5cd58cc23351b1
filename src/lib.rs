//! gradlab: a terminal notebook for exploring NumPy's `np.gradient` and
//! `np.diff`, exactly.
//!
//! Data flows one way: text → [`syntax`] (nom, spans) → [`eval`] (names,
//! builtins, values) → [`engine`] (gradient/diff on ndarray) → events →
//! renderers ([`notebook`]: transcript, JSON lines, check diff; the REPL).

pub mod array;
pub mod cli;
pub mod engine;
pub mod eval;
pub mod export;
pub mod format;
pub mod io;
pub mod memory;
pub mod mpl;
pub mod notebook;
pub mod numdiff;
pub mod pandas;
pub mod random;
pub mod repl;
pub mod script;
pub mod syntax;
pub mod text;
pub mod tui;
pub mod views;
