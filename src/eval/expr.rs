//! Expression evaluation: names, attributes, calls, operators, indexing.

mod call;
mod fused;
mod names;

use crate::eval::ErrorKind;
use std::rc::Rc;

use crate::engine::limits;
use crate::syntax::ast::*;

use super::builtins;
use super::convert::{index_int, truthy};
use super::error::{EvalError, EvalResult};
use super::index::{Idx, index_array, index_sequence};
use super::ops;
use super::scope::Env;
use super::session::Session;
use super::value::Value;

pub use names::closest;

/// Deepest expression nesting evaluated (a written-out sum of thousands of
/// terms); beyond it, Python's compiler gives up with a `RecursionError`.
const MAX_DEPTH: usize = 3000;

/// Stack kept free before an evaluation step grows a new segment.
pub(super) const RED_ZONE: usize = 256 * 1024;
pub(super) const STACK_SEGMENT: usize = 4 * 1024 * 1024;

/// Where names are looked up: the current function's (or comprehension's)
/// scope and those around it, then the session's globals.
#[derive(Clone)]
pub struct Frame<'a> {
    pub src: &'a crate::text::Text,
    pub env: Option<Rc<Env>>,
}

impl<'a> Frame<'a> {
    pub fn global(src: &'a crate::text::Text) -> Frame<'a> {
        Frame { src, env: None }
    }
}

impl Session {
    pub(super) fn eval(&mut self, e: &Expr, frame: &Frame) -> EvalResult<Value> {
        // Leaves recurse no further: below the depth limit (which they
        // would not reach) they need neither the count nor a stack check.
        if self.depth < MAX_DEPTH {
            match &e.kind {
                ExprKind::Name(n) => return self.lookup(n, frame).map_err(|err| err.at(&e.span)),
                ExprKind::Int(i) => return Ok(Value::Int(*i)),
                ExprKind::Float(x) => return Ok(Value::Float(*x)),
                _ => {}
            }
        }
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            self.depth -= 1;
            return Err(EvalError::new(
                ErrorKind::RecursionError,
                "maximum recursion depth exceeded during compilation",
            )
            .at(&e.span));
        }
        let r = stacker::maybe_grow(RED_ZONE, STACK_SEGMENT, || self.eval_inner(e, frame));
        self.depth -= 1;
        r
    }

    fn eval_inner(&mut self, e: &Expr, frame: &Frame) -> EvalResult<Value> {
        let at = |r: EvalResult<Value>| r.map_err(|err| err.at(&e.span));
        match &e.kind {
            ExprKind::Int(i) => Ok(Value::Int(*i)),
            ExprKind::BigInt(digits) => Ok(super::ops::pybigint::parse(digits)),
            ExprKind::Float(x) => Ok(Value::Float(*x)),
            ExprKind::Imag(x) => Ok(Value::Complex(crate::array::Complex128::new(0.0, *x))),
            ExprKind::Str(s) => Ok(Value::str(s.as_str())),
            ExprKind::FStr(parts) => Ok(Value::str(self.fstring(parts, frame)?)),
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
                if let (Value::Dict(d), [IndexItem::Expr(k)]) = (&o, index.as_slice()) {
                    let key = self.eval(k, frame)?;
                    return at(super::pyseq::dict_get(d, &key, &self.opts));
                }
                if matches!(
                    o,
                    Value::DataFrame(_) | Value::Series(_) | Value::Indexer(_)
                ) {
                    let keys = self.pandas_keys(index, frame)?;
                    return at(builtins::pandas::subscript(&o, &keys));
                }
                if let Value::Grid(g) = o {
                    let keys = self.pandas_keys(index, frame)?;
                    return at(builtins::grids::subscript(self, g, &keys));
                }
                let items = match &o {
                    Value::List(_)
                    | Value::Tuple(_)
                    | Value::Str(_)
                    | Value::Named(_)
                    | Value::Range(_) => self.eval_seq_index(index, frame)?,
                    _ => self.eval_index(index, frame)?,
                };
                at(match &o {
                    Value::Array(a) => index_array(a, &items),
                    Value::List(_) | Value::Tuple(_) | Value::Str(_) => index_sequence(&o, &items),
                    Value::Named(t) => index_sequence(&t.as_tuple(), &items),
                    Value::Range(r) => r.index(&items),
                    Value::Scalar(s) => index_array(&s.to_array(), &items),
                    Value::Poly1d(p) => builtins::poly1d::getitem(p, &items),
                    Value::Flat(a) => builtins::flat::getitem(a, &items),
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
                if let Some(r) = self.eval_arith_tree(e, frame) {
                    return r;
                }
                let l = self.eval(left, frame)?;
                let r = self.eval(right, frame)?;
                limits::check_interrupt()?;
                at(super::pyops::binary(*op, &l, &r))
            }
            ExprKind::Compare { first, rest } => {
                let mut left = self.eval(first, frame)?;
                let mut result = Value::Bool(true);
                for (op, right) in rest {
                    let r = self.eval(right, frame)?;
                    let c = at(super::pyops::compare(*op, &left, &r))?;
                    if rest.len() == 1 {
                        return Ok(c);
                    }
                    if !truthy(&c).map_err(|err| err.at(&e.span))? {
                        return Ok(c);
                    }
                    result = c;
                    left = r;
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
            ExprKind::List(items) => Ok(Value::list(self.eval_all(items, frame)?)),
            ExprKind::Numbers(ns) => Ok(Value::list(number_values(ns)?)),
            ExprKind::Tuple(items) => Ok(Value::tuple(self.eval_all(items, frame)?)),
            ExprKind::Set(items) => at(super::pyseq::set_from(self.eval_all(items, frame)?)),
            ExprKind::Dict(entries) => {
                let mut pairs = Vec::with_capacity(entries.len());
                for (k, v) in entries {
                    match k {
                        Some(k) => {
                            let k = self.eval(k, frame)?;
                            pairs.push((k, self.eval(v, frame)?));
                        }
                        None => match self.eval(v, frame)? {
                            Value::Dict(d) => pairs.extend(d.borrow().iter().cloned()),
                            other => {
                                return Err(EvalError::type_error(format!(
                                    "'{}' object is not a mapping",
                                    other.short_type()
                                ))
                                .at(&v.span));
                            }
                        },
                    }
                }
                at(super::pyseq::dict_from(pairs))
            }
            ExprKind::Starred(_) => Err(EvalError::new(
                ErrorKind::SyntaxError,
                "can't use starred expression here",
            )
            .at(&e.span)),
            ExprKind::Comp(c) => self.comprehension(c, frame).map_err(|err| err.at(&e.span)),
            ExprKind::Lambda(f) => self.make_function(f, frame),
        }
    }

    /// The values of display items or positional arguments, `*seq`
    /// items expanded.
    fn eval_all(&mut self, items: &[Expr], frame: &Frame) -> EvalResult<Vec<Value>> {
        let mut out = Vec::with_capacity(items.len());
        self.eval_all_into(items, frame, &mut out)?;
        Ok(out)
    }

    /// [`eval_all`](Session::eval_all) into `out` (a call's inline
    /// positional arguments).
    fn eval_all_into<C: Extend<Value>>(
        &mut self,
        items: &[Expr],
        frame: &Frame,
        out: &mut C,
    ) -> EvalResult<()> {
        for (i, item) in items.iter().enumerate() {
            if i % 4096 == 0 {
                limits::check_interrupt().map_err(EvalError::from)?;
            }
            if let ExprKind::Starred(inner) = &item.kind {
                let v = self.eval(inner, frame)?;
                out.extend(super::iter::iterate(&v).map_err(|err| err.at(&item.span))?);
                continue;
            }
            out.extend(Some(self.eval(item, frame)?));
        }
        Ok(())
    }

    pub(super) fn eval_index(
        &mut self,
        index: &[IndexItem],
        frame: &Frame,
    ) -> EvalResult<Vec<Idx>> {
        self.eval_index_items(index, frame, true)
    }

    /// The items of a subscript of a Python sequence: a tuple value stays
    /// one item (`lst[(0,)]` is Python's TypeError, not `lst[0]`).
    pub(super) fn eval_seq_index(
        &mut self,
        index: &[IndexItem],
        frame: &Frame,
    ) -> EvalResult<Vec<Idx>> {
        self.eval_index_items(index, frame, false)
    }

    fn eval_index_items(
        &mut self,
        index: &[IndexItem],
        frame: &Frame,
        expand_tuple: bool,
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
                    // `a[t]` with `t` a tuple is `a[t[0], t[1], ...]`, as
                    // in Python (`a[np.unravel_index(k, a.shape)]`).
                    if let (Value::Tuple(t), 1, true) = (&v, index.len(), expand_tuple) {
                        for x in t.iter() {
                            items.push(Idx::from_value(x).map_err(|err| err.at(&e.span))?);
                        }
                        continue;
                    }
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
                                // Past int64 a bound is clamped, as Python's
                                // slices clamp it.
                                Value::BigInt(n) => Ok(Some(
                                    if super::ops::pybigint::is_negative(&n) {
                                        i64::MIN
                                    } else {
                                        i64::MAX
                                    },
                                )),
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

    /// Subscript items of a pandas value, evaluated but not converted
    /// (labels, lists of labels, slices of labels or positions).
    pub(super) fn pandas_keys(
        &mut self,
        index: &[IndexItem],
        frame: &Frame,
    ) -> EvalResult<Vec<builtins::pandas::Key>> {
        use builtins::pandas::Key;
        let mut keys = Vec::with_capacity(index.len());
        for item in index {
            keys.push(match item {
                IndexItem::Expr(e) => Key::Value(self.eval(e, frame)?),
                IndexItem::Slice {
                    lower, upper, step, ..
                } => {
                    let mut part = |x: &Option<Expr>| -> EvalResult<Option<Value>> {
                        x.as_ref().map(|x| self.eval(x, frame)).transpose()
                    };
                    Key::Slice(part(lower)?, part(upper)?, part(step)?)
                }
            });
        }
        Ok(keys)
    }
}

/// `np.array(display)` of an [`ExprKind::Numbers`] display: int64 when
/// every item is an int (each fits one), else float64 (ints converted as
/// NumPy converts a list's Python ints). The values are read straight into
/// the array's buffer.
pub(super) fn number_array(ns: &NumberList) -> EvalResult<crate::array::Array> {
    use crate::array::Fresh;
    let n = ns.len();
    let filled = if ns.kind() == NumKind::Ints {
        let mut out = Fresh::<i64>::for_overwrite(&[n])?;
        ns.fill_i64(out.as_mut_slice()).then(|| out.finish())
    } else {
        let mut out = Fresh::<f64>::for_overwrite(&[n])?;
        ns.fill_f64(out.as_mut_slice()).then(|| out.finish())
    };
    filled.ok_or_else(unreadable)
}

/// A kept display that no longer reads (a bug in gradlab, not the input).
fn unreadable() -> EvalError {
    EvalError::new(
        ErrorKind::SystemError,
        "a list display could not be read again",
    )
}

/// The list a [`ExprKind::Numbers`] display evaluates to (what evaluating
/// its items one by one gives), in one pass.
fn number_values(ns: &NumberList) -> EvalResult<Vec<Value>> {
    let mut out = crate::memory::try_vec::<Value>(ns.len())?;
    let read = ns.each_value(|v| {
        out.push(match v {
            Num::Int(i) => Value::Int(i),
            Num::Float(x) => Value::Float(x),
        })
    });
    if read { Ok(out) } else { Err(unreadable()) }
}
