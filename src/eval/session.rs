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
use super::index::{Idx, assign_array};
use super::value::{Module, UserFn, Value};

/// Something a statement produced, in order.
#[derive(Clone, Debug)]
pub enum Event {
    /// The value of an expression statement (IPython's `Out[n]`).
    Value(Value),
    /// Text written by `print`, newline included.
    Stdout(String),
    Error(EvalError),
    Timing(Timing),
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
    /// The statement's source text.
    pub input: String,
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
    pub(super) depth: usize,
    /// Whether file-writing builtins may write (off for `gradlab run` of
    /// someone else's script unless `--allow-write`).
    pub allow_write: bool,
}

impl Default for Session {
    fn default() -> Self {
        Session::new()
    }
}

impl Session {
    pub fn new() -> Session {
        Session {
            globals: HashMap::new(),
            opts: PrintOptions::default(),
            outputs: BTreeMap::new(),
            count: 1,
            pending: Vec::new(),
            depth: 0,
            allow_write: true,
        }
    }

    /// `repr(v)` with this session's print options.
    pub fn repr(&self, v: &Value) -> String {
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
    }

    /// Runs one chunk (one or more `;`-separated statements) as one cell.
    pub fn run_chunk(&mut self, text: &str) -> Vec<StmtOutcome> {
        let cell = self.count;
        self.count += 1;
        let stmts = match syntax::parse_chunk(text) {
            Ok(s) => s,
            Err(e) => {
                return vec![StmtOutcome {
                    input: text.trim_end().to_string(),
                    offset: 0,
                    events: vec![Event::Error(e.into())],
                }];
            }
        };
        let source: Rc<str> = Rc::from(text);
        // One Ctrl-C stops the whole cell, not just its current statement.
        limits::clear_interrupt();
        stmts
            .iter()
            .map(|stmt| {
                // A bug in gradlab must not take the session down with it.
                let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    limits::check_interrupt()?;
                    self.exec(stmt, &source, cell)
                }))
                .unwrap_or_else(|panic| {
                    self.depth = 0;
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
                let mut events = std::mem::take(&mut self.pending);
                match result {
                    Ok(Some(v)) => events.push(Event::Value(v)),
                    Ok(None) => {}
                    Err(e) => events.push(Event::Error(e)),
                }
                StmtOutcome {
                    input: text[stmt.span.clone()].to_string(),
                    offset: stmt.span.start,
                    events,
                }
            })
            .collect()
    }

    /// Evaluates a single expression statement's source (used by `:timeit`
    /// and the explorer); the session is not changed by expressions.
    pub fn eval_source(&mut self, text: &str) -> EvalResult<Value> {
        let stmts = syntax::parse_chunk(text)?;
        let source: Rc<str> = Rc::from(text);
        let mut last = Value::None;
        for stmt in &stmts {
            if let Some(v) = self.exec(stmt, &source, 0)? {
                last = v;
            }
        }
        self.pending.clear();
        Ok(last)
    }

    /// Output text written by the running statement so far.
    pub(super) fn write(&mut self, text: String) {
        self.pending.push(Event::Stdout(text));
    }

    fn record(&mut self, cell: usize, v: &Value) {
        if cell == 0 {
            return;
        }
        self.outputs.insert(cell, v.clone());
    }

    fn exec(&mut self, stmt: &Stmt, src: &Rc<str>, cell: usize) -> EvalResult<Option<Value>> {
        let frame = Frame::global(src);
        match &stmt.kind {
            StmtKind::Expr(e) => {
                let v = self.eval(e, &frame)?;
                if matches!(v, Value::None) {
                    return Ok(None);
                }
                self.record(cell, &v);
                Ok(Some(v))
            }
            StmtKind::Assign { targets, value } => {
                let v = self.eval(value, &frame)?;
                let mut binds = Vec::new();
                for t in targets {
                    self.plan_assign(t, v.clone(), &frame, &mut binds)?;
                }
                self.commit(binds);
                Ok(None)
            }
            StmtKind::AugAssign { target, op, value } => {
                let current = match target {
                    Target::Name(id) => {
                        self.lookup(&id.name, &frame).map_err(|e| e.at(&id.span))?
                    }
                    Target::Index { obj, index, span } => {
                        let e = Expr {
                            kind: ExprKind::Index {
                                obj: obj.clone(),
                                index: index.clone(),
                            },
                            span: span.clone(),
                        };
                        self.eval(&e, &frame)?
                    }
                    Target::Tuple(_, span) => {
                        return Err(EvalError::new(
                            ErrorKind::SyntaxError,
                            "'tuple' is an illegal expression for augmented assignment",
                        )
                        .at(span));
                    }
                };
                let rhs = self.eval(value, &frame)?;
                let v = super::ops::binary(*op, &current, &rhs).map_err(|e| e.at(&stmt.span))?;
                let mut binds = Vec::new();
                self.plan_assign(target, v, &frame, &mut binds)?;
                self.commit(binds);
                Ok(None)
            }
            StmtKind::Import { module, alias } => {
                let m = import(&module.name).map_err(|e| e.at(&module.span))?;
                let name = alias.as_ref().unwrap_or(module);
                self.set(&name.name, Value::Module(m));
                Ok(None)
            }
            StmtKind::FromImport { module, names } => {
                let m = import(&module.name).map_err(|e| e.at(&module.span))?;
                let mut binds = Vec::new();
                for (name, alias) in names {
                    let v = self.module_attr(m, &name.name).map_err(|_| {
                        EvalError::new(
                            ErrorKind::ImportError,
                            format!("cannot import name '{}' from '{}'", name.name, m.name()),
                        )
                        .at(&name.span)
                    })?;
                    binds.push((alias.as_ref().unwrap_or(name).name.clone(), v));
                }
                self.commit(binds);
                Ok(None)
            }
            StmtKind::Def { name, params, body } => {
                let f = self.make_function(&name.name, params, body, src, &frame)?;
                self.set(&name.name, f);
                Ok(None)
            }
            StmtKind::Pass => Ok(None),
        }
    }

    /// Builds a user function, evaluating parameter defaults now (as Python).
    pub(super) fn make_function(
        &mut self,
        name: &str,
        params: &[Param],
        body: &Expr,
        src: &Rc<str>,
        frame: &Frame,
    ) -> EvalResult<Value> {
        let mut defaults = Vec::new();
        for p in params {
            defaults.push(match &p.default {
                Some(d) => Some(self.eval(d, frame)?),
                None => None,
            });
        }
        Ok(Value::Function(Rc::new(UserFn {
            name: name.to_string(),
            params: params.to_vec(),
            defaults,
            body: body.clone(),
            source: src.clone(),
        })))
    }

    fn commit(&mut self, binds: Vec<(String, Value)>) {
        for (k, v) in binds {
            self.globals.insert(k, v);
        }
    }

    /// Works out the bindings an assignment makes, without making them.
    fn plan_assign(
        &mut self,
        target: &Target,
        v: Value,
        frame: &Frame,
        binds: &mut Vec<(String, Value)>,
    ) -> EvalResult<()> {
        match target {
            Target::Name(id) => binds.push((id.name.clone(), v)),
            Target::Tuple(items, span) => {
                let values = unpack(&v).map_err(|e| e.at(span))?;
                if values.len() != items.len() {
                    let msg = if values.len() > items.len() {
                        format!("too many values to unpack (expected {})", items.len())
                    } else {
                        format!(
                            "not enough values to unpack (expected {}, got {})",
                            items.len(),
                            values.len()
                        )
                    };
                    return Err(EvalError::value_error(msg).at(span));
                }
                for (t, v) in items.iter().zip(values) {
                    self.plan_assign(t, v, frame, binds)?;
                }
            }
            Target::Index { obj, index, span } => {
                let ExprKind::Name(name) = &obj.kind else {
                    return Err(EvalError::new(
                        ErrorKind::NotImplementedError,
                        "gradlab assigns into a subscript of a variable only (a[...] = v)",
                    )
                    .at(span));
                };
                // Later bindings in the same statement see earlier ones.
                let current = match binds.iter().rev().find(|(k, _)| k == name) {
                    Some((_, v)) => v.clone(),
                    None => self.lookup(name, frame).map_err(|e| e.at(&obj.span))?,
                };
                let items: Vec<Idx> = self.eval_index(index, frame)?;
                let updated = match &current {
                    Value::Array(a) => {
                        Value::array(assign_array(a, &items, &v).map_err(|e| e.at(span))?)
                    }
                    Value::List(list) => {
                        let [Idx::Int(i)] = items.as_slice() else {
                            return Err(
                                EvalError::type_error("list indices must be integers").at(span)
                            );
                        };
                        let n = list.len() as i64;
                        if *i < -n || *i >= n {
                            return Err(EvalError::index_error(
                                "list assignment index out of range",
                            )
                            .at(span));
                        }
                        let mut new = (**list).clone();
                        new[if *i < 0 { i + n } else { *i } as usize] = v;
                        Value::List(Rc::new(new))
                    }
                    other => {
                        return Err(EvalError::type_error(format!(
                            "'{}' object does not support item assignment",
                            other.short_type()
                        ))
                        .at(span));
                    }
                };
                binds.push((name.clone(), updated));
            }
        }
        Ok(())
    }

    /// The value shown as `Out[n]`.
    pub fn output(&self, n: usize) -> Option<&Value> {
        self.outputs.get(&n)
    }

    /// `_`, `__`, `___`, `_N` and `Out`, when the user has not bound them.
    pub(super) fn history_name(&self, name: &str) -> Option<Value> {
        let nth_last = |k: usize| self.outputs.values().rev().nth(k).cloned();
        match name {
            "_" => Some(nth_last(0).unwrap_or(Value::str(""))),
            "__" => Some(nth_last(1).unwrap_or(Value::str(""))),
            "___" => Some(nth_last(2).unwrap_or(Value::str(""))),
            _ => {
                let n: usize = name.strip_prefix('_')?.parse().ok()?;
                self.outputs.get(&n).cloned()
            }
        }
    }

    /// The `Out` dictionary as a lookup for `Out[n]`.
    pub(super) fn out_entry(&self, n: i64) -> EvalResult<Value> {
        usize::try_from(n)
            .ok()
            .and_then(|n| self.outputs.get(&n).cloned())
            .ok_or_else(|| EvalError::new(ErrorKind::KeyError, n.to_string()))
    }

    /// Python truthiness, for front ends.
    pub fn truthy(&self, v: &Value) -> EvalResult<bool> {
        truthy(v)
    }
}

fn import(name: &str) -> EvalResult<Module> {
    match name {
        "numpy" => Ok(Module::Numpy),
        "numdifftools" => Ok(Module::Numdifftools),
        "math" => Ok(Module::Math),
        other => Err(EvalError::new(
            ErrorKind::ModuleNotFoundError,
            format!("No module named '{other}' (gradlab knows numpy, numdifftools and math)"),
        )),
    }
}

/// The items of an iterable value, for tuple unpacking.
pub(super) fn unpack(v: &Value) -> EvalResult<Vec<Value>> {
    match v {
        Value::Tuple(items) | Value::List(items) => Ok((**items).clone()),
        Value::Named(t) => Ok(t.items.clone()),
        Value::Array(a) if a.ndim() > 0 => {
            let n = a.shape()[0];
            (0..n as i64)
                .map(|i| super::index::index_array(a, &[Idx::Int(i)]))
                .collect()
        }
        Value::Array(_) => Err(EvalError::type_error("iteration over a 0-d array")),
        Value::Str(s) => Ok(s.chars().map(|c| Value::str(c.to_string())).collect()),
        other => Err(EvalError::type_error(format!(
            "cannot unpack non-iterable {} object",
            other.short_type()
        ))),
    }
}
