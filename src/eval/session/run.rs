//! Running statements: a chunk as one IPython cell (prompts stripped,
//! `name?` help, the last value shown, a panic caught as `SystemError`),
//! and source compiled once and run many times (`:timeit`, the explorer).

use crate::engine::limits;
use crate::eval::ErrorKind;
use crate::eval::error::{EvalError, EvalResult};
use crate::eval::expr::Frame;
use crate::eval::value::Value;
use crate::eval::{builtins, exec, warnings};
use crate::syntax::{self, ast::*};
use crate::text::Text;

use super::{Event, Session, StmtOutcome, site_key};

impl Session {
    /// Runs one chunk (one or more statements) as one cell, as IPython
    /// does: pasted `>>> ` / `In [n]: ` prompts are removed first, and only
    /// the last statement's value is shown (`Out[n]`), when it is an
    /// expression and the cell does not end with `;`.
    pub fn run_chunk(&mut self, text: &str) -> Vec<StmtOutcome> {
        self.run_chunk_shared(&Text::from(text))
    }

    /// [`run_chunk`](Session::run_chunk) of a text already shared (with
    /// `In[n]`): statements and functions defined in it point into it.
    pub fn run_chunk_shared(&mut self, shared: &Text) -> Vec<StmtOutcome> {
        let text: &str = shared;
        let cell = self.count;
        self.count += 1;
        let stripped = syntax::strip_prompts(text);
        let text = stripped.as_deref().unwrap_or(text);
        if let Some(name) = help_request(text) {
            let events = match self.eval_source(name) {
                Ok(v) => vec![Event::Stdout(builtins::python::help_text(&v))],
                Err(e) => vec![Event::Error(e)],
            };
            return vec![StmtOutcome {
                input: text.trim_end().into(),
                offset: 0,
                events,
            }];
        }
        let source = match &stripped {
            Some(clean) => Text::from(clean.as_str()),
            None => shared.clone(),
        };
        let stmts = match syntax::parse_chunk_shared(&source) {
            Ok(s) => s,
            Err(e) => {
                return vec![StmtOutcome {
                    input: text.trim_end().into(),
                    offset: 0,
                    events: vec![Event::Error(e.into())],
                }];
            }
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
            warnings::take_pending();
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
                source.clone()
            } else {
                Text::from(&text[stmt.span.clone()])
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
        let source = Text::from(text);
        Ok(Compiled {
            stmts: syntax::parse_chunk_shared(&source)?,
            source,
        })
    }

    /// Runs what [`compile`](Session::compile) parsed, as `eval_source`
    /// would run its text.
    pub fn eval_compiled(&mut self, compiled: &Compiled) -> EvalResult<Value> {
        let result = self.run_compiled(compiled);
        self.pending.clear();
        warnings::take_pending();
        result
    }

    fn run_compiled(&mut self, compiled: &Compiled) -> EvalResult<Value> {
        // One expression, as `%timeit` mostly times: its value, without
        // the statement dispatch (cell 0 records no `Out`).
        if let [stmt] = compiled.stmts.as_slice()
            && let StmtKind::Expr(e) = &stmt.kind
        {
            return self.eval(e, &Frame::global(&compiled.source));
        }
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
        seen: &mut Vec<(warnings::WarningKind, String, usize)>,
        shown: &mut Vec<Event>,
    ) -> EvalResult<Value> {
        use warnings::{Action, first_time};
        let result = self.run_compiled(compiled);
        self.pending.clear();
        for w in warnings::take_pending() {
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
        src: &Text,
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
            exec::Flow::Normal => Ok(None),
            _ => Err(EvalError::new(
                ErrorKind::SyntaxError,
                "'return' outside function",
            )),
        }
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

/// Statements parsed once and run many times ([`Session::compile`]).
pub struct Compiled {
    stmts: Vec<Stmt>,
    source: Text,
}
