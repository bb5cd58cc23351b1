//! gradlab: a terminal notebook for exploring NumPy's `np.gradient` and
//! `np.diff`, exactly.
//!
//! Data flows one way: text → [`syntax`] (nom, spans) → [`eval`] (names,
//! builtins, values) → [`engine`] (gradient/diff on ndarray) → events →
//! renderers (transcript, JSON lines, check diff, terminal views).

pub mod engine;
pub mod eval;
pub mod format;
pub mod syntax;
pub mod tui;
pub mod views;
