//! A session: variables, cell outputs, and statement execution into events.

mod run;

use crate::eval::ErrorKind;
use std::collections::BTreeMap;
use std::rc::Rc;

use crate::format::PrintOptions;

use super::convert::truthy;
use super::error::{EvalError, EvalResult};
use super::value::{Module, Value};

pub use run::Compiled;

/// Something a statement produced, in order.
#[derive(Clone, Debug)]
pub enum Event {
    /// The value of an expression statement (IPython's `Out[n]`).
    Value(Value),
    /// Text written by `print`, newline included.
    Stdout(String),
    Error(EvalError),
    Timing(Timing),
    /// A warning Python would show on stderr (`RuntimeWarning: divide by
    /// zero encountered in divide`), where it happened among the
    /// statement's other events.
    Warning {
        kind: super::warnings::WarningKind,
        message: String,
    },
}

/// The result of `:timeit` / `%timeit`: seconds per loop.
#[derive(Clone, Debug, PartialEq)]
pub struct Timing {
    pub best_s: f64,
    pub mean_s: f64,
    pub std_s: f64,
    pub loops: u64,
    pub runs: u32,
}

/// One statement of a chunk and what it produced.
#[derive(Clone, Debug)]
pub struct StmtOutcome {
    /// The statement's source text (the chunk's own when it is the whole
    /// chunk).
    pub input: crate::text::Text,
    /// Byte offset of `input` in the chunk.
    pub offset: usize,
    pub events: Vec<Event>,
}

/// Variables, outputs and options of one notebook session.
#[derive(Debug)]
pub struct Session {
    pub(super) globals: super::fast_hash::FastMap<String, Value>,
    pub opts: PrintOptions,
    pub(super) outputs: BTreeMap<usize, Value>,
    /// The number of the next cell (`In [n]`), starting at 1.
    pub count: usize,
    pub(super) pending: Vec<Event>,
    /// Expression nesting being evaluated.
    pub(super) depth: usize,
    /// Python call frames active (user functions).
    pub(super) frames: usize,
    /// The exception an `except` block is handling (for a bare `raise`).
    pub(super) handling: Option<Rc<EvalError>>,
    /// Whether file-writing builtins may write (off for `gradlab run` of
    /// someone else's script unless `--allow-write`).
    pub allow_write: bool,
    /// IPython's input history and display settings (`eval/ipython.rs`).
    pub(super) ipython: super::ipython::IPython,
    /// np.random's global state and generator objects.
    pub(super) random: super::builtins::random::RandomSession,
    /// The warnings the running cell has shown, by message and line
    /// (Python's default filter shows each once per location; IPython
    /// starts afresh with each cell).
    warned: std::collections::HashSet<(super::warnings::WarningKind, String, usize)>,
    /// The running statement's first line in its cell (0-based).
    stmt_line: usize,
    /// matplotlib's figures and the receiver of a pandas/matplotlib method.
    pub(super) tables: super::builtins::pyplot::PlotState,
}

impl Default for Session {
    fn default() -> Self {
        Session::new()
    }
}

impl Session {
    pub fn new() -> Session {
        super::warnings::reset();
        Session {
            globals: Default::default(),
            opts: PrintOptions::default(),
            outputs: BTreeMap::new(),
            count: 1,
            pending: Vec::new(),
            depth: 0,
            frames: 0,
            handling: None,
            allow_write: true,
            ipython: Default::default(),
            random: Default::default(),
            warned: Default::default(),
            stmt_line: 0,
            tables: Default::default(),
        }
    }

    /// `repr(v)` with this session's print options.
    pub fn repr(&self, v: &Value) -> String {
        // An open figure's repr names its size and axes, which live in
        // the pyplot state.
        if let Value::Figure(n) = v
            && let Some(r) = super::builtins::pyplot::figure_repr(self, *n)
        {
            return r;
        }
        v.repr(&self.opts)
    }

    /// `str(v)` with this session's print options.
    pub fn str(&self, v: &Value) -> String {
        v.to_str(&self.opts)
    }

    /// The user's variables, sorted by name.
    pub fn variables(&self) -> Vec<(&str, &Value)> {
        let mut v: Vec<(&str, &Value)> = self
            .globals
            .iter()
            .filter(|(k, _)| !k.starts_with('_'))
            .map(|(k, v)| (k.as_str(), v))
            .collect();
        v.sort_by(|a, b| a.0.cmp(b.0));
        v
    }

    /// Looks up a user variable.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.globals.get(name)
    }

    /// Binds a user variable.
    pub fn set(&mut self, name: &str, v: Value) {
        self.globals.insert(name.to_string(), v);
    }

    /// Forgets every variable and output (`:reset`).
    pub fn reset(&mut self) {
        self.globals.clear();
        self.outputs.clear();
        // (drops the cached `Out` dict)
        let _ = self.is_out_dict(&Value::None);
    }

    /// Output text written by the running statement so far.
    pub(super) fn write(&mut self, text: String) {
        self.drain_warnings();
        self.pending.push(Event::Stdout(text));
    }

    /// Moves the warnings kernels emitted into the statement's events,
    /// each (kind, message, location) once per cell as Python's default
    /// filter shows them (`'print'` mode's lines every time).
    pub(super) fn drain_warnings(&mut self) {
        use super::warnings::{Action, first_time};
        for w in super::warnings::take_pending() {
            let line = match (w.site, w.internal) {
                // NumPy's own lines: one key per line, none a cell's line.
                (Some(site), _) => usize::MAX - 1 - site_key(site),
                (None, true) => usize::MAX,
                (None, false) => self.stmt_line,
            };
            let show = match w.action {
                Action::Always | Action::Error => true,
                Action::Ignore => false,
                Action::Once | Action::Module => first_time(w.kind, &w.message),
                Action::Default => self.warned.insert((w.kind, w.message.clone(), line)),
            };
            if show {
                self.pending.push(Event::Warning {
                    kind: w.kind,
                    message: w.message,
                });
            }
        }
    }

    fn record(&mut self, cell: usize, v: &Value) {
        if cell == 0 || self.is_out_dict(v) {
            return;
        }
        self.outputs.insert(cell, v.clone());
    }

    /// The value shown as `Out[n]`.
    pub fn output(&self, n: usize) -> Option<&Value> {
        self.outputs.get(&n)
    }

    /// `_`, `__`, `___`, `_N`, `Out` and `_oh`, when the user has not bound them.
    pub(super) fn history_name(&self, name: &str) -> Option<Value> {
        if let Some(v) = self.input_name(name) {
            return Some(v);
        }
        let nth_last = |k: usize| self.outputs.values().rev().nth(k).cloned();
        match name {
            // IPython's output cache: a dict from cell number to value.
            "Out" | "_oh" => Some(self.out_dict()),
            "_" => Some(nth_last(0).unwrap_or(Value::str(""))),
            "__" => Some(nth_last(1).unwrap_or(Value::str(""))),
            "___" => Some(nth_last(2).unwrap_or(Value::str(""))),
            _ => {
                let n: usize = name.strip_prefix('_')?.parse().ok()?;
                self.outputs.get(&n).cloned()
            }
        }
    }

    /// Python truthiness, for front ends.
    pub fn truthy(&self, v: &Value) -> EvalResult<bool> {
        truthy(v)
    }
}

pub(super) fn import(name: &str) -> EvalResult<Module> {
    match name {
        "numpy" => Ok(Module::Numpy),
        "numdifftools" => Ok(Module::Numdifftools),
        "math" => Ok(Module::Math),
        "numpy.random" => Ok(Module::Random),
        "numpy.linalg" => Ok(Module::Linalg),
        "numpy.exceptions" => Ok(Module::NumpyExceptions),
        "pandas" => Ok(Module::Pandas),
        "pandas.errors" => Ok(Module::PandasErrors),
        "matplotlib" => Ok(Module::Matplotlib),
        "matplotlib.pyplot" => Ok(Module::Pyplot),
        "warnings" => Ok(Module::Warnings),
        other => Err(EvalError::new(
            ErrorKind::ModuleNotFoundError,
            format!(
                "No module named '{other}' (gradlab knows numpy, numdifftools, math, pandas, matplotlib.pyplot and warnings)"
            ),
        )),
    }
}

/// The items of an iterable value, for tuple unpacking.
pub(super) fn unpack(v: &Value) -> EvalResult<Vec<Value>> {
    super::iter::iterate(v).map_err(|e| {
        if e.kind == ErrorKind::TypeError && e.message.ends_with("is not iterable") {
            EvalError::type_error(format!(
                "cannot unpack non-iterable {} object",
                v.short_type()
            ))
        } else {
            e
        }
    })
}

/// A number for one of NumPy's source lines (FNV-1a of its name, below
/// 2^32), to key Python's once-per-location registry.
fn site_key(site: &str) -> usize {
    let h = site.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    h as usize
}
