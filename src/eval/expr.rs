//! Expression evaluation: names, attributes, calls, operators, indexing.

use crate::eval::ErrorKind;
use std::collections::HashMap;
use std::rc::Rc;

use crate::engine::limits;
use crate::syntax::ast::*;

use super::args::CallArgs;
use super::builtins::{self, Builtin, Home};
use super::convert::{index_int, truthy};
use super::error::{EvalError, EvalResult};
use super::index::{Idx, index_array, index_sequence};
use super::ops;
use super::session::Session;
use super::value::{Module, UserFn, Value};

const MAX_DEPTH: usize = 200;

/// Where names are looked up: a function call's locals, then the globals.
pub struct Frame<'a> {
    pub src: &'a Rc<str>,
    pub locals: Option<&'a HashMap<String, Value>>,
}

impl<'a> Frame<'a> {
    pub fn global(src: &'a Rc<str>) -> Frame<'a> {
        Frame { src, locals: None }
    }
}

impl Session {
    /// Resolves a bare name: locals, globals, IPython history, builtins.
    pub(super) fn lookup(&self, name: &str, frame: &Frame) -> EvalResult<Value> {
        if let Some(v) = frame.locals.and_then(|l| l.get(name)) {
            return Ok(v.clone());
        }
        if let Some(v) = self.globals.get(name) {
            return Ok(v.clone());
        }
        if let Some(v) = self.history_name(name) {
            return Ok(v);
        }
        if let Some(v) = builtins::global_name(name) {
            return Ok(v);
        }
        Err(name_error(name, self.known_names(frame)))
    }

    fn known_names(&self, frame: &Frame) -> Vec<String> {
        let mut names: Vec<String> = self.globals.keys().cloned().collect();
        if let Some(l) = frame.locals {
            names.extend(l.keys().cloned());
        }
        names.extend(builtins::global_names().map(str::to_string));
        names
    }

    /// `module.name`.
    pub(super) fn module_attr(&self, m: Module, name: &str) -> EvalResult<Value> {
        builtins::module_attr(m, name).ok_or_else(|| {
            let mut err = EvalError::new(
                ErrorKind::AttributeError,
                format!("module '{}' has no attribute '{name}'", m.name()),
            );
            if let Some(best) = closest(name, builtins::module_names(m).map(str::to_string)) {
                err.message.push_str(&format!(". Did you mean: '{best}'?"));
            }
            err
        })
    }

    pub(super) fn eval(&mut self, e: &Expr, frame: &Frame) -> EvalResult<Value> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            self.depth -= 1;
            return Err(EvalError::new(
                ErrorKind::RecursionError,
                "maximum recursion depth exceeded",
            )
            .at(&e.span));
        }
        let r = self.eval_inner(e, frame);
        self.depth -= 1;
        r
    }

    fn eval_inner(&mut self, e: &Expr, frame: &Frame) -> EvalResult<Value> {
        let at = |r: EvalResult<Value>| r.map_err(|err| err.at(&e.span));
        match &e.kind {
            ExprKind::Int(i) => Ok(Value::Int(*i)),
            ExprKind::BigInt(digits) => Err(EvalError::new(
                ErrorKind::OverflowError,
                format!("Python int too large to convert to C long: {digits}"),
            )
            .at(&e.span)),
            ExprKind::Float(x) => Ok(Value::Float(*x)),
            ExprKind::Str(s) => Ok(Value::str(s.as_str())),
            ExprKind::Bool(b) => Ok(Value::Bool(*b)),
            ExprKind::None => Ok(Value::None),
            ExprKind::Ellipsis => Ok(Value::str("...")),
            ExprKind::Name(n) => at(self.lookup(n, frame)),
            ExprKind::Attr { obj, name } => {
                let o = self.eval(obj, frame)?;
                self.attr(&o, &name.name).map_err(|err| err.at(&name.span))
            }
            ExprKind::Call { func, args, kwargs } => self.eval_call(e, func, args, kwargs, frame),
            ExprKind::Index { obj, index } => {
                let o = self.eval(obj, frame)?;
                if let Value::Builtin(b) = &o
                    && b.name == "Out"
                {
                    let [IndexItem::Expr(k)] = index.as_slice() else {
                        return Err(
                            EvalError::type_error("Out[] takes one cell number").at(&e.span)
                        );
                    };
                    let n = self.eval(k, frame)?;
                    return at(self.out_entry(index_int(&n)?));
                }
                let items = self.eval_index(index, frame)?;
                at(match &o {
                    Value::Array(a) => index_array(a, &items),
                    Value::List(_) | Value::Tuple(_) | Value::Str(_) => index_sequence(&o, &items),
                    Value::Named(t) => index_sequence(&t.as_tuple(), &items),
                    Value::Scalar(s) => index_array(&s.to_array(), &items),
                    other => Err(EvalError::type_error(format!(
                        "'{}' object is not subscriptable",
                        other.short_type()
                    ))),
                })
            }
            ExprKind::Unary { op, operand } => {
                // Fold `-<literal>` so that `-9223372036854775808` stays an int.
                if *op == UnaryOp::Neg
                    && let ExprKind::BigInt(digits) = &operand.kind
                    && let Ok(n) = format!("-{digits}").parse::<i64>()
                {
                    return Ok(Value::Int(n));
                }
                let v = self.eval(operand, frame)?;
                at(ops::unary(*op, &v))
            }
            ExprKind::Binary { op, left, right } => {
                let l = self.eval(left, frame)?;
                let r = self.eval(right, frame)?;
                limits::check_interrupt()?;
                at(ops::binary(*op, &l, &r))
            }
            ExprKind::Compare { first, rest } => {
                let mut left = self.eval(first, frame)?;
                let mut result = Value::Bool(true);
                for (i, (op, right)) in rest.iter().enumerate() {
                    let r = self.eval(right, frame)?;
                    let c = at(ops::compare(*op, &left, &r))?;
                    if rest.len() == 1 {
                        return Ok(c);
                    }
                    if !truthy(&c).map_err(|err| err.at(&e.span))? {
                        return Ok(c);
                    }
                    result = c;
                    left = r;
                    let _ = i;
                }
                Ok(result)
            }
            ExprKind::BoolOp { op, left, right } => {
                let l = self.eval(left, frame)?;
                let t = truthy(&l).map_err(|err| err.at(&left.span))?;
                match (op, t) {
                    (BoolOp::And, false) | (BoolOp::Or, true) => Ok(l),
                    _ => self.eval(right, frame),
                }
            }
            ExprKind::IfExp { cond, then, other } => {
                let c = self.eval(cond, frame)?;
                if truthy(&c).map_err(|err| err.at(&cond.span))? {
                    self.eval(then, frame)
                } else {
                    self.eval(other, frame)
                }
            }
            ExprKind::List(items) => Ok(Value::List(Rc::new(self.eval_all(items, frame)?))),
            ExprKind::Tuple(items) => Ok(Value::tuple(self.eval_all(items, frame)?)),
            ExprKind::Lambda { params, body } => {
                self.make_function("<lambda>", params, body, frame.src, frame)
            }
        }
    }

    fn eval_all(&mut self, items: &[Expr], frame: &Frame) -> EvalResult<Vec<Value>> {
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            if i % 4096 == 0 {
                limits::check_interrupt().map_err(EvalError::from)?;
            }
            out.push(self.eval(item, frame)?);
        }
        Ok(out)
    }

    pub(super) fn eval_index(
        &mut self,
        index: &[IndexItem],
        frame: &Frame,
    ) -> EvalResult<Vec<Idx>> {
        let mut items = Vec::new();
        for item in index {
            items.push(match item {
                IndexItem::Expr(Expr {
                    kind: ExprKind::Ellipsis,
                    ..
                }) => Idx::Ellipsis,
                IndexItem::Expr(e) => {
                    let v = self.eval(e, frame)?;
                    Idx::from_value(&v).map_err(|err| err.at(&e.span))?
                }
                IndexItem::Slice {
                    lower,
                    upper,
                    step,
                    span,
                } => {
                    let mut part = |x: &Option<Expr>| -> EvalResult<Option<i64>> {
                        match x {
                            None => Ok(None),
                            Some(x) => match self.eval(x, frame)? {
                                Value::None => Ok(None),
                                v => index_int(&v).map(Some).map_err(|_| {
                                    EvalError::type_error(
                                        "slice indices must be integers or None or have an __index__ method",
                                    )
                                    .at(span)
                                }),
                            },
                        }
                    };
                    Idx::Slice(part(lower)?, part(upper)?, part(step)?)
                }
            });
        }
        Ok(items)
    }

    fn eval_call(
        &mut self,
        e: &Expr,
        func: &Expr,
        args: &[Expr],
        kwargs: &[(Ident, Expr)],
        frame: &Frame,
    ) -> EvalResult<Value> {
        let callee = self.eval(func, frame)?;
        if let Value::Builtin(b) = &callee
            && b.name == "explain"
        {
            return self.eval_explain(e, args, kwargs, frame);
        }
        let call = self.eval_args(e, args, kwargs, frame)?;
        let bare = matches!(func.kind, ExprKind::Name(_));
        self.call(&callee, call, bare)
    }

    pub(super) fn eval_args(
        &mut self,
        e: &Expr,
        args: &[Expr],
        kwargs: &[(Ident, Expr)],
        frame: &Frame,
    ) -> EvalResult<CallArgs> {
        let pos = self.eval_all(args, frame)?;
        let mut kw = Vec::with_capacity(kwargs.len());
        for (k, v) in kwargs {
            kw.push((k.name.clone(), self.eval(v, frame)?));
        }
        Ok(CallArgs {
            pos,
            kw,
            span: e.span.clone(),
            pos_spans: args.iter().map(|a| a.span.clone()).collect(),
            kw_spans: kwargs
                .iter()
                .map(|(k, v)| k.span.start..v.span.end)
                .collect(),
        })
    }

    /// `explain(np.gradient(...))`: the inner call's arguments, not its value.
    fn eval_explain(
        &mut self,
        e: &Expr,
        args: &[Expr],
        kwargs: &[(Ident, Expr)],
        frame: &Frame,
    ) -> EvalResult<Value> {
        let inner = match (args, kwargs) {
            ([a], []) => a,
            _ => {
                return Err(EvalError::type_error(
                    "explain() takes one call: explain(np.gradient(...)) or explain(np.diff(...))",
                )
                .at(&e.span));
            }
        };
        let ExprKind::Call {
            func,
            args: iargs,
            kwargs: ikw,
        } = &inner.kind
        else {
            return Err(EvalError::type_error(
                "explain() takes a call to np.gradient or np.diff, e.g. explain(np.gradient(a))",
            )
            .at(&inner.span));
        };
        let callee = self.eval(func, frame)?;
        let Value::Builtin(b) = callee else {
            return Err(
                EvalError::type_error("explain() explains np.gradient and np.diff calls")
                    .at(&func.span),
            );
        };
        if b.name != "gradient" && b.name != "diff" {
            return Err(EvalError::type_error(format!(
                "explain() explains np.gradient and np.diff calls, not {}()",
                b.name
            ))
            .at(&func.span));
        }
        let call = self.eval_args(inner, iargs, ikw, frame)?;
        let bound = super::args::bind(b.signature(), call)?;
        builtins::explain(self, b.name, &bound).map_err(|err| err.at(&e.span))
    }

    /// Calls any callable value.
    pub(super) fn call(&mut self, callee: &Value, call: CallArgs, bare: bool) -> EvalResult<Value> {
        let span = call.span.clone();
        match callee {
            Value::Builtin(b) => self.call_builtin(b, call, bare),
            Value::Method(m) => super::methods::call_method(self, &m.0, m.1, call),
            Value::Function(f) => self.call_user(f, call),
            Value::DType(d) => {
                let bound = super::args::bind(super::args::Signature::of("dtype(x=0)"), call)?;
                let v = bound.get("x").cloned().unwrap_or(Value::Int(0));
                let a = super::convert::to_array(&v).map_err(|err| err.at(&span))?;
                Ok(super::convert::wrap(a.astype(*d), true))
            }
            Value::Numdiff(obj) => builtins::call_numdiff(self, obj, call),
            other => Err(EvalError::type_error(format!(
                "'{}' object is not callable",
                other.short_type()
            ))
            .at(&span)),
        }
    }

    fn call_builtin(
        &mut self,
        b: &'static Builtin,
        call: CallArgs,
        bare: bool,
    ) -> EvalResult<Value> {
        let span = call.span.clone();
        let bound = super::args::bind(b.signature(), call)?;
        let python = bare && b.home == Home::Both;
        (b.func)(self, &bound, python).map_err(|err| err.at(&span))
    }

    /// Calls a user function with Python's argument binding.
    pub(super) fn call_user(&mut self, f: &Rc<UserFn>, call: CallArgs) -> EvalResult<Value> {
        let span = call.span.clone();
        let mut locals = HashMap::new();
        let n = f.params.len();
        if call.pos.len() > n {
            return Err(EvalError::type_error(format!(
                "{}() takes {n} positional argument{} but {} were given",
                f.name,
                if n == 1 { "" } else { "s" },
                call.pos.len()
            ))
            .at(&span));
        }
        for (p, v) in f.params.iter().zip(call.pos) {
            locals.insert(p.name.name.clone(), v);
        }
        for (k, v) in call.kw {
            if !f.params.iter().any(|p| p.name.name == k) {
                return Err(EvalError::type_error(format!(
                    "{}() got an unexpected keyword argument '{k}'",
                    f.name
                ))
                .at(&span));
            }
            if locals.insert(k.clone(), v).is_some() {
                return Err(EvalError::type_error(format!(
                    "{}() got multiple values for argument '{k}'",
                    f.name
                ))
                .at(&span));
            }
        }
        for (p, d) in f.params.iter().zip(&f.defaults) {
            if !locals.contains_key(&p.name.name) {
                match d {
                    Some(d) => {
                        locals.insert(p.name.name.clone(), d.clone());
                    }
                    None => {
                        return Err(EvalError::type_error(format!(
                            "{}() missing 1 required positional argument: '{}'",
                            f.name, p.name.name
                        ))
                        .at(&span));
                    }
                }
            }
        }
        let frame = Frame {
            src: &f.source,
            locals: Some(&locals),
        };
        // Errors inside the body point at the call site, whose text we show.
        self.eval(&f.body, &frame).map_err(|mut err| {
            err.span = Some(span.clone());
            err
        })
    }

    /// `value.name`.
    pub(super) fn attr(&self, o: &Value, name: &str) -> EvalResult<Value> {
        match o {
            Value::Module(m) => self.module_attr(*m, name),
            Value::Array(_) | Value::Scalar(_) => super::methods::array_attr(o, name),
            Value::List(_) if matches!(name, "append" | "index" | "count") => Err(EvalError::new(
                ErrorKind::NotImplementedError,
                format!("list.{name}() is not supported by gradlab; build lists with literals"),
            )),
            Value::Float(x) if name == "real" => Ok(Value::Float(*x)),
            Value::Named(t) => t.get(name).cloned().ok_or_else(|| no_attr(o, name)),
            Value::Numdiff(_) | Value::View(_) => Err(no_attr(o, name)),
            _ => Err(no_attr(o, name)),
        }
    }
}

fn no_attr(o: &Value, name: &str) -> EvalError {
    EvalError::new(
        ErrorKind::AttributeError,
        format!("'{}' object has no attribute '{name}'", o.type_name()),
    )
}

/// Python's NameError, with "Did you mean" when a close name exists.
fn name_error(name: &str, known: Vec<String>) -> EvalError {
    let mut msg = format!("name '{name}' is not defined");
    if let Some(best) = closest(name, known.into_iter()) {
        msg.push_str(&format!(". Did you mean: '{best}'?"));
    }
    EvalError::new(ErrorKind::NameError, msg)
}

/// The closest candidate, as Python's "Did you mean" picks it: edit
/// distance with moves costing 2 and case-only changes 1, accepted up to
/// `(len(a) + len(b) + 3) * 2 // 6`.
pub fn closest(name: &str, candidates: impl Iterator<Item = String>) -> Option<String> {
    candidates
        .filter(|c| c != name)
        .filter_map(|c| {
            let max = (name.len() + c.len() + 3) * 2 / 6;
            let d = python_distance(name, &c);
            (d <= max).then_some((d, c))
        })
        .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)))
        .map(|(_, c)| c)
}

fn python_distance(a: &str, b: &str) -> usize {
    const MOVE: usize = 2;
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).map(|j| j * MOVE).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![(i + 1) * MOVE; b.len() + 1];
        for (j, &cb) in b.iter().enumerate() {
            let sub = if ca == cb {
                0
            } else if ca.eq_ignore_ascii_case(&cb) {
                1
            } else {
                MOVE
            };
            cur[j + 1] = (prev[j + 1] + MOVE).min(cur[j] + MOVE).min(prev[j] + sub);
        }
        prev = cur;
    }
    prev[b.len()]
}
