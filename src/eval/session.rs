//! A session: variables, cell outputs, and statement execution into events.

use crate::eval::ErrorKind;
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use crate::engine::limits;
use crate::format::PrintOptions;
use crate::syntax::{self, ast::*};

use super::convert::truthy;
use super::error::{EvalError, EvalResult};
use super::expr::Frame;
use super::value::{Module, Value};

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
    pub input: Rc<str>,
    /// Byte offset of `input` in the chunk.
    pub offset: usize,
    pub events: Vec<Event>,
}

/// Variables, outputs and options of one notebook session.
#[derive(Debug)]
pub struct Session {
    pub(super) globals: HashMap<String, Value>,
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
            globals: HashMap::new(),
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

    /// Runs one chunk (one or more statements) as one cell, as IPython
    /// does: pasted `>>> ` / `In [n]: ` prompts are removed first, and only
    /// the last statement's value is shown (`Out[n]`), when it is an
    /// expression and the cell does not end with `;`.
    pub fn run_chunk(&mut self, text: &str) -> Vec<StmtOutcome> {
        self.run_chunk_shared(&Rc::from(text))
    }

    /// [`run_chunk`](Session::run_chunk) of a text already shared (with
    /// `In[n]`): statements and functions defined in it point into it.
    pub fn run_chunk_shared(&mut self, shared: &Rc<str>) -> Vec<StmtOutcome> {
        let text: &str = shared;
        let cell = self.count;
        self.count += 1;
        let stripped = syntax::strip_prompts(text);
        let text = stripped.as_deref().unwrap_or(text);
        if let Some(name) = help_request(text) {
            let events = match self.eval_source(name) {
                Ok(v) => vec![Event::Stdout(super::builtins::python::help_text(&v))],
                Err(e) => vec![Event::Error(e)],
            };
            return vec![StmtOutcome {
                input: text.trim_end().into(),
                offset: 0,
                events,
            }];
        }
        let stmts = match syntax::parse_chunk(text) {
            Ok(s) => s,
            Err(e) => {
                return vec![StmtOutcome {
                    input: text.trim_end().into(),
                    offset: 0,
                    events: vec![Event::Error(e.into())],
                }];
            }
        };
        let source: Rc<str> = match &stripped {
            Some(clean) => Rc::from(clean.as_str()),
            None => Rc::clone(shared),
        };
        let hidden = crate::syntax::ends_with_semicolon(text);
        // One Ctrl-C stops the whole cell, not just its current statement.
        limits::clear_interrupt();
        let mut failed = false;
        self.warned.clear();
        let last = stmts.len().saturating_sub(1);
        let mut outcomes = Vec::with_capacity(stmts.len());
        for (k, stmt) in stmts.iter().enumerate() {
            if failed {
                break;
            }
            let show = k == last && !hidden;
            // Warnings left by meta commands or `%timeit` runs belong to
            // no statement.
            super::warnings::take_pending();
            self.stmt_line = text[..stmt.span.start].matches('\n').count();
            // A bug in gradlab must not take the session down with it.
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                limits::check_interrupt()?;
                self.exec_top(stmt, &source, cell, show)
            }))
            .unwrap_or_else(|panic| {
                self.depth = 0;
                self.frames = 0;
                let what = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                Err(EvalError::new(
                    ErrorKind::SystemError,
                    format!("internal error in gradlab (please report it): {what}"),
                ))
            });
            self.drain_warnings();
            let mut events = std::mem::take(&mut self.pending);
            match result {
                Ok(Some(v)) => events.push(Event::Value(v)),
                Ok(None) => {}
                Err(e) => {
                    failed = true;
                    events.push(Event::Error(e));
                }
            }
            let input = if stmt.span == (0..source.len()) {
                Rc::clone(&source)
            } else {
                Rc::from(&text[stmt.span.clone()])
            };
            outcomes.push(StmtOutcome {
                input,
                offset: stmt.span.start,
                events,
            });
        }
        outcomes
    }

    /// Evaluates a single expression statement's source (used by `:timeit`
    /// and the explorer); the session is not changed by expressions.
    pub fn eval_source(&mut self, text: &str) -> EvalResult<Value> {
        let compiled = Session::compile(text)?;
        self.eval_compiled(&compiled)
    }

    /// Parses `text` once for [`eval_compiled`](Session::eval_compiled)
    /// (`%timeit` compiles its statement once, as IPython does).
    ///
    /// # Errors
    /// `SyntaxError` as [`eval_source`](Session::eval_source) reports it.
    pub fn compile(text: &str) -> EvalResult<Compiled> {
        Ok(Compiled {
            stmts: syntax::parse_chunk(text)?,
            source: Rc::from(text),
        })
    }

    /// Runs what [`compile`](Session::compile) parsed, as `eval_source`
    /// would run its text.
    pub fn eval_compiled(&mut self, compiled: &Compiled) -> EvalResult<Value> {
        let result = self.run_compiled(compiled);
        self.pending.clear();
        super::warnings::take_pending();
        result
    }

    fn run_compiled(&mut self, compiled: &Compiled) -> EvalResult<Value> {
        let mut last = Value::None;
        for stmt in &compiled.stmts {
            if let Some(v) = self.exec_top(stmt, &compiled.source, 0, true)? {
                last = v;
            }
        }
        Ok(last)
    }

    /// [`eval_compiled`](Session::eval_compiled) for `%timeit`'s runs: the
    /// warnings a run emits go to `shown` (as [`Event::Warning`]s) unless
    /// an earlier run of the same `%timeit` showed them — IPython shows
    /// each once per `%timeit`, its statement being one location
    /// (`<magic-timeit>:1`); `seen` keeps the keys between runs.
    ///
    /// # Errors
    /// As [`eval_compiled`](Session::eval_compiled).
    pub fn eval_compiled_warned(
        &mut self,
        compiled: &Compiled,
        seen: &mut Vec<(super::warnings::WarningKind, String, usize)>,
        shown: &mut Vec<Event>,
    ) -> EvalResult<Value> {
        use super::warnings::{Action, first_time};
        let result = self.run_compiled(compiled);
        self.pending.clear();
        for w in super::warnings::take_pending() {
            let line = match (w.site, w.internal) {
                (Some(site), _) => usize::MAX - 1 - site_key(site),
                (None, true) => usize::MAX,
                (None, false) => 0,
            };
            let show = match w.action {
                Action::Always | Action::Error => true,
                Action::Ignore => false,
                Action::Once | Action::Module => first_time(w.kind, &w.message),
                Action::Default => {
                    let key = (w.kind, w.message.clone(), line);
                    !seen.contains(&key) && {
                        seen.push(key);
                        true
                    }
                }
            };
            if show {
                shown.push(Event::Warning {
                    kind: w.kind,
                    message: w.message,
                });
            }
        }
        result
    }

    /// One top-level statement; the value of an expression statement when
    /// `show` and it is not `None`.
    fn exec_top(
        &mut self,
        stmt: &Stmt,
        src: &Rc<str>,
        cell: usize,
        show: bool,
    ) -> EvalResult<Option<Value>> {
        let frame = Frame::global(src);
        if let StmtKind::Expr(e) = &stmt.kind
            && show
        {
            let v = self.eval(e, &frame)?;
            if matches!(v, Value::None) {
                return Ok(None);
            }
            self.record(cell, &v);
            return Ok(Some(v));
        }
        match self.exec_stmt(stmt, &frame)? {
            super::exec::Flow::Normal => Ok(None),
            _ => Err(EvalError::new(
                ErrorKind::SyntaxError,
                "'return' outside function",
            )),
        }
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

/// IPython's `name?`, `name??`, `?name`: the dotted name asked about.
fn help_request(text: &str) -> Option<&str> {
    let t = text.trim();
    let name = if t.starts_with('?') {
        t.trim_start_matches('?')
    } else if t.ends_with('?') {
        t.trim_end_matches('?')
    } else {
        return None;
    };
    let dotted = !name.is_empty()
        && name.split('.').all(|part| {
            part.chars()
                .next()
                .is_some_and(|c| c.is_alphabetic() || c == '_')
                && part.chars().all(|c| c.is_alphanumeric() || c == '_')
        });
    dotted.then_some(name)
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

/// Statements parsed once and run many times ([`Session::compile`]).
pub struct Compiled {
    stmts: Vec<Stmt>,
    source: Rc<str>,
}

/// A number for one of NumPy's source lines (FNV-1a of its name, below
/// 2^32), to key Python's once-per-location registry.
fn site_key(site: &str) -> usize {
    let h = site.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    h as usize
}
