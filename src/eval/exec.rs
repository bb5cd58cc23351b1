//! Statements: blocks, loops, `if`, `try`, `with`, `raise`, `assert`,
//! `del`, `return`, and assignments through Python's scopes. A statement
//! that fails inside a block leaves what ran before it in place, as in
//! Python; a failed assignment binds nothing.

mod assign;

use std::rc::Rc;

use crate::engine::limits;
use crate::syntax::ast::*;

use super::ErrorKind;
use super::convert::truthy;
use super::error::{EvalError, EvalResult};
use super::expr::Frame;
use super::value::Value;
use assign::in_place;

/// How a statement finished.
#[derive(Debug)]
pub enum Flow {
    Normal,
    Break,
    Continue,
    Return(Value),
}

impl super::Session {
    /// Runs statements in order until one breaks the flow.
    pub(super) fn exec_block(&mut self, stmts: &[Stmt], frame: &Frame) -> EvalResult<Flow> {
        for s in stmts {
            match self.exec_stmt(s, frame)? {
                Flow::Normal => {}
                other => return Ok(other),
            }
        }
        Ok(Flow::Normal)
    }

    pub(super) fn exec_stmt(&mut self, stmt: &Stmt, frame: &Frame) -> EvalResult<Flow> {
        limits::check_interrupt().map_err(EvalError::from)?;
        match &stmt.kind {
            StmtKind::Expr(e) => {
                self.eval(e, frame)?;
            }
            StmtKind::Assign { targets, value } => {
                let v = self.eval(value, frame)?;
                let mut binds = Vec::new();
                for t in targets {
                    self.plan_assign(t, v.clone(), frame, &mut binds)?;
                }
                self.commit(binds, frame);
            }
            StmtKind::AugAssign { target, op, value } => {
                let current = match target {
                    Target::Name(id) => self.lookup(&id.name, frame).map_err(|e| e.at(&id.span))?,
                    Target::Index { obj, index, span } => {
                        let e = Expr {
                            kind: ExprKind::Index {
                                obj: obj.clone(),
                                index: index.clone(),
                            },
                            span: span.clone(),
                        };
                        self.eval(&e, frame)?
                    }
                    other => {
                        return Err(EvalError::new(
                            ErrorKind::SyntaxError,
                            "illegal expression for augmented assignment",
                        )
                        .at(&other.span()));
                    }
                };
                let rhs = self.eval(value, frame)?;
                // An ndarray is updated in place, as NumPy's `__iadd__` does:
                // every name and view of its buffer sees the new values.
                let v = match &current {
                    Value::Array(dst) => {
                        in_place(*op, dst, &rhs).map_err(|e| e.at(&stmt.span))?;
                        current.clone()
                    }
                    // `xs += ...`, `xs *= n`, `d |= ...` change the object
                    // in place: every name for it sees the change.
                    _ if let Some(done) = super::pyseq::in_place(*op, &current, &rhs) => {
                        done.map_err(|e| e.at(&stmt.span))?;
                        current.clone()
                    }
                    _ => super::pyops::binary(*op, &current, &rhs).map_err(|e| e.at(&stmt.span))?,
                };
                let mut binds = Vec::new();
                self.plan_assign(target, v, frame, &mut binds)?;
                self.commit(binds, frame);
            }
            StmtKind::Import { module, alias } => {
                let m = super::session::import(&module.name).map_err(|e| e.at(&module.span))?;
                let name = alias.as_ref().unwrap_or(module);
                self.commit(vec![(name.name.clone(), Value::Module(m))], frame);
            }
            StmtKind::FromImport { module, names } => {
                let m = super::session::import(&module.name).map_err(|e| e.at(&module.span))?;
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
                self.commit(binds, frame);
            }
            StmtKind::Def(f) => {
                let v = self.make_function(f, frame)?;
                self.commit(vec![(f.name.name.clone(), v)], frame);
            }
            StmtKind::Return(v) => {
                let v = match v {
                    Some(e) => self.eval(e, frame)?,
                    None => Value::None,
                };
                return Ok(Flow::Return(v));
            }
            StmtKind::If { cond, body, orelse } => {
                let c = self.eval(cond, frame)?;
                let branch = if truthy(&c).map_err(|e| e.at(&cond.span))? {
                    body
                } else {
                    orelse
                };
                return self.exec_block(branch, frame);
            }
            StmtKind::While { cond, body, orelse } => {
                loop {
                    let c = self.eval(cond, frame)?;
                    if !truthy(&c).map_err(|e| e.at(&cond.span))? {
                        break;
                    }
                    match self.exec_block(body, frame)? {
                        Flow::Break => return Ok(Flow::Normal),
                        Flow::Return(v) => return Ok(Flow::Return(v)),
                        Flow::Normal | Flow::Continue => {}
                    }
                }
                return self.exec_block(orelse, frame);
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => {
                let seq = self.eval(iter, frame)?;
                // A list is walked live, as Python's list iterator walks it
                // (by position): items the body appends are visited too.
                let snapshot = match &seq {
                    Value::List(_) => Vec::new(),
                    _ => super::iter::iterate(&seq).map_err(|e| e.at(&iter.span))?,
                };
                for k in 0.. {
                    let item = match &seq {
                        Value::List(xs) => xs.borrow().get(k).cloned(),
                        _ => snapshot.get(k).cloned(),
                    };
                    let Some(item) = item else { break };
                    limits::check_interrupt().map_err(EvalError::from)?;
                    let mut binds = Vec::new();
                    self.plan_assign(target, item, frame, &mut binds)?;
                    self.commit(binds, frame);
                    match self.exec_block(body, frame)? {
                        Flow::Break => return Ok(Flow::Normal),
                        Flow::Return(v) => return Ok(Flow::Return(v)),
                        Flow::Normal | Flow::Continue => {}
                    }
                }
                return self.exec_block(orelse, frame);
            }
            StmtKind::Break => return Ok(Flow::Break),
            StmtKind::Continue => return Ok(Flow::Continue),
            StmtKind::Pass | StmtKind::Global(_) | StmtKind::Nonlocal(_) => {}
            StmtKind::With { items, body } => return self.exec_with(items, body, frame),
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finally,
            } => return self.exec_try(body, handlers, orelse, finally, frame),
            StmtKind::Raise { exc, cause } => {
                let Some(exc) = exc else {
                    return Err(match &self.handling {
                        Some(e) => (**e).clone(),
                        None => EvalError::new(
                            ErrorKind::RuntimeError,
                            "No active exception to reraise",
                        ),
                    }
                    .at(&stmt.span));
                };
                if let Some(c) = cause {
                    self.eval(c, frame)?;
                }
                let v = self.eval(exc, frame)?;
                return Err(raised(v).at(&stmt.span));
            }
            StmtKind::Assert { test, msg } => {
                let v = self.eval(test, frame)?;
                if !truthy(&v).map_err(|e| e.at(&test.span))? {
                    let message = match msg {
                        Some(m) => {
                            let m = self.eval(m, frame)?;
                            self.str(&m)
                        }
                        None => String::new(),
                    };
                    return Err(EvalError::new(ErrorKind::AssertionError, message).at(&stmt.span));
                }
            }
            StmtKind::Del(targets) => {
                for t in targets {
                    self.delete(t, frame)?;
                }
            }
        }
        Ok(Flow::Normal)
    }

    fn exec_with(
        &mut self,
        items: &[(Expr, Option<Target>)],
        body: &[Stmt],
        frame: &Frame,
    ) -> EvalResult<Flow> {
        let Some(((e, target), rest)) = items.split_first() else {
            return self.exec_block(body, frame);
        };
        let v = self.eval(e, frame)?;
        let Value::Context(cm) = v else {
            return Err(EvalError::type_error(format!(
                "'{}' object does not support the context manager protocol",
                v.short_type()
            ))
            .at(&e.span));
        };
        let entered = cm.enter(self).map_err(|err| err.at(&e.span))?;
        let result = match target {
            Some(t) => {
                let mut binds = Vec::new();
                self.plan_assign(t, entered, frame, &mut binds)
                    .map(|()| self.commit(binds, frame))
            }
            None => Ok(()),
        }
        .and_then(|()| self.exec_with(rest, body, frame));
        match result {
            Ok(flow) => {
                cm.exit(self, None).map_err(|err| err.at(&e.span))?;
                Ok(flow)
            }
            Err(err) => {
                if cm.exit(self, Some(&err)).map_err(|x| x.at(&e.span))? {
                    Ok(Flow::Normal)
                } else {
                    Err(err)
                }
            }
        }
    }

    fn exec_try(
        &mut self,
        body: &[Stmt],
        handlers: &[Handler],
        orelse: &[Stmt],
        finally: &[Stmt],
        frame: &Frame,
    ) -> EvalResult<Flow> {
        let outcome = match self.exec_block(body, frame) {
            Ok(flow) => match flow {
                Flow::Normal => self.exec_block(orelse, frame),
                other => Ok(other),
            },
            Err(err) => self.handle(err, handlers, frame),
        };
        if finally.is_empty() {
            return outcome;
        }
        match self.exec_block(finally, frame)? {
            Flow::Normal => outcome,
            other => Ok(other),
        }
    }

    /// Runs the first handler matching `err`, or re-raises it.
    fn handle(&mut self, err: EvalError, handlers: &[Handler], frame: &Frame) -> EvalResult<Flow> {
        for h in handlers {
            let matches = match &h.kind {
                None => true,
                Some(k) => {
                    let v = self.eval(k, frame)?;
                    exception_matches(&err, &v).map_err(|e| e.at(&k.span))?
                }
            };
            if !matches {
                continue;
            }
            if let Some(n) = &h.name {
                let v = Value::Exception(Rc::new(err.clone()));
                self.commit(vec![(n.name.clone(), v)], frame);
            }
            let saved = self.handling.replace(Rc::new(err));
            let r = self.exec_block(&h.body, frame);
            self.handling = saved;
            if let Some(n) = &h.name {
                self.unbind(&n.name, frame);
            }
            return r;
        }
        Err(err)
    }
}

/// The error a `raise` statement raises for value `v`.
pub fn raised(v: Value) -> EvalError {
    match v {
        Value::Exception(e) => (*e).clone(),
        Value::ExcType(k) => EvalError::new(k, ""),
        other => EvalError::type_error(format!(
            "exceptions must derive from BaseException, not {}",
            other.short_type()
        )),
    }
}

/// Whether `except v:` catches `err` (`v` a class or a tuple of classes).
fn exception_matches(err: &EvalError, v: &Value) -> EvalResult<bool> {
    match v {
        Value::ExcType(k) => Ok(err.kind.is_a(*k)),
        Value::Tuple(items) => {
            for i in items.iter() {
                if exception_matches(err, i)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => Err(EvalError::type_error(
            "catching classes that do not inherit from BaseException is not allowed",
        )),
    }
}
