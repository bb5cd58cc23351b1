//! Assignment: the bindings a statement plans (names, unpacking, items of
//! arrays, lists, dicts and DataFrames), committing them to the right
//! scope, `del`, and `OP=` into an array's buffer.

use std::rc::Rc;

use crate::array::{Array, Casting, shape_compact};
use crate::syntax::ast::*;

use crate::eval::error::{EvalError, EvalResult};
use crate::eval::expr::Frame;
use crate::eval::index::{Idx, assign_array};
use crate::eval::scope::{Env, Place};
use crate::eval::session::Session;
use crate::eval::value::Value;
use crate::eval::{ErrorKind, builtins, iter, ops, pyops, pyseq};

impl Session {
    /// `del target`.
    pub(super) fn delete(&mut self, t: &Target, frame: &Frame) -> EvalResult<()> {
        match t {
            Target::Name(id) => {
                if !self.unbind(&id.name, frame) {
                    return Err(EvalError::new(
                        ErrorKind::NameError,
                        format!("name '{}' is not defined", id.name),
                    )
                    .at(&id.span));
                }
                Ok(())
            }
            Target::Tuple(items, _) => items.iter().try_for_each(|t| self.delete(t, frame)),
            Target::Index { obj, index, span } => {
                let current = self.eval(obj, frame)?;
                if let Value::Array(_) = current {
                    return Err(EvalError::value_error("cannot delete array elements").at(span));
                }
                match index.as_slice() {
                    [IndexItem::Expr(k)] => {
                        let key = self.eval(k, frame)?;
                        pyseq::delete_item(&current, &key).map_err(|e| e.at(span))
                    }
                    _ => {
                        let items = self.eval_index(index, frame)?;
                        pyseq::delete_slice(&current, &items).map_err(|e| e.at(span))
                    }
                }
            }
            Target::Attr { span, .. } | Target::Starred(_, span) => {
                Err(EvalError::new(ErrorKind::SyntaxError, "cannot delete this target").at(span))
            }
        }
    }

    /// Removes a binding; false when there was none.
    pub(super) fn unbind(&mut self, name: &str, frame: &Frame) -> bool {
        match frame.env.as_ref().map(|e| Env::target(e, name)) {
            Some(Place::Local(env)) => env.vars.borrow_mut().remove(name).is_some(),
            _ => self.globals.remove(name).is_some(),
        }
    }

    /// Binds names in the scope `frame` assigns to.
    pub(in crate::eval) fn commit(&mut self, binds: Vec<(String, Value)>, frame: &Frame) {
        for (k, v) in binds {
            match frame.env.as_ref().map(|e| Env::target(e, &k)) {
                Some(Place::Local(env)) => {
                    env.vars.borrow_mut().insert(k, v);
                }
                _ => {
                    self.globals.insert(k, v);
                }
            }
        }
    }

    /// Works out the bindings an assignment makes, without making them.
    pub(in crate::eval) fn plan_assign(
        &mut self,
        target: &Target,
        v: Value,
        frame: &Frame,
        binds: &mut Vec<(String, Value)>,
    ) -> EvalResult<()> {
        match target {
            Target::Name(id) => binds.push((id.name.clone(), v)),
            Target::Tuple(items, span) => {
                let values = iter::iterate(&v).map_err(|e| {
                    if e.kind == ErrorKind::TypeError && e.message.contains("not iterable") {
                        EvalError::type_error(format!(
                            "cannot unpack non-iterable {} object",
                            v.short_type()
                        ))
                        .at(span)
                    } else {
                        e.at(span)
                    }
                })?;
                let star = items.iter().position(|t| matches!(t, Target::Starred(..)));
                let values = match star {
                    None => {
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
                        values
                    }
                    Some(k) => {
                        let after = items.len() - k - 1;
                        if values.len() < items.len() - 1 {
                            return Err(EvalError::value_error(format!(
                                "not enough values to unpack (expected at least {}, got {})",
                                items.len() - 1,
                                values.len()
                            ))
                            .at(span));
                        }
                        let mut values = values;
                        let tail = values.split_off(values.len() - after);
                        let middle = values.split_off(k);
                        values.push(Value::list(middle));
                        values.extend(tail);
                        values
                    }
                };
                for (t, v) in items.iter().zip(values) {
                    let t = match t {
                        Target::Starred(inner, _) => inner,
                        t => t,
                    };
                    self.plan_assign(t, v, frame, binds)?;
                }
            }
            Target::Starred(_, span) => {
                return Err(EvalError::new(
                    ErrorKind::SyntaxError,
                    "starred assignment target must be in a list or tuple",
                )
                .at(span));
            }
            Target::Attr { span, .. } => {
                return Err(EvalError::new(
                    ErrorKind::AttributeError,
                    "gradlab does not assign attributes",
                )
                .at(span));
            }
            Target::Index { obj, index, span } => {
                // Later bindings in the same statement see earlier ones.
                let current = match &obj.kind {
                    ExprKind::Name(name) => match binds.iter().rev().find(|(k, _)| k == name) {
                        Some((_, v)) => v.clone(),
                        None => self.lookup(name, frame).map_err(|e| e.at(&obj.span))?,
                    },
                    _ => self.eval(obj, frame)?,
                };
                match &current {
                    // An array target is a view of its owner's buffer
                    // (`m.T[2, 1] = 5`, `m[0][1] = 5`): the write goes
                    // through to every array that shares it, as in NumPy.
                    Value::Array(a) => {
                        let items: Vec<Idx> = self.eval_index(index, frame)?;
                        assign_array(a, &items, &v).map_err(|e| e.at(span))?;
                    }
                    Value::Flat(a) => {
                        let items: Vec<Idx> = self.eval_index(index, frame)?;
                        builtins::flat::setitem(a, &items, &v).map_err(|e| e.at(span))?;
                    }
                    // Lists and dicts are shared objects, changed in place.
                    Value::Dict(d) => {
                        let [IndexItem::Expr(k)] = index.as_slice() else {
                            return Err(EvalError::type_error("unhashable type: 'slice'").at(span));
                        };
                        let key = self.eval(k, frame)?;
                        pyseq::dict_set(d, key, v).map_err(|e| e.at(span))?;
                    }
                    Value::List(xs) => {
                        let items: Vec<Idx> = self.eval_seq_index(index, frame)?;
                        pyseq::list_set(xs, &items, v).map_err(|e| e.at(span))?;
                    }
                    Value::DataFrame(df) => {
                        let ExprKind::Name(name) = &obj.kind else {
                            return Err(EvalError::new(
                                ErrorKind::NotImplementedError,
                                "gradlab assigns columns of a DataFrame held by a variable (df['name'] = values)",
                            )
                            .at(span));
                        };
                        let [IndexItem::Expr(k)] = index.as_slice() else {
                            return Err(EvalError::new(
                                ErrorKind::NotImplementedError,
                                "gradlab assigns whole columns of a DataFrame: df['name'] = values",
                            )
                            .at(span));
                        };
                        let key = self.eval(k, frame)?;
                        let updated =
                            builtins::pandas::set_item(df, &key, &v).map_err(|e| e.at(span))?;
                        binds.push((name.clone(), updated));
                    }
                    other => {
                        return Err(EvalError::type_error(format!(
                            "'{}' object does not support item assignment",
                            other.short_type()
                        ))
                        .at(span));
                    }
                }
            }
        }
        Ok(())
    }
}

/// `dst OP= rhs` into `dst`'s buffer, with NumPy's checks for an in-place
/// ufunc, in NumPy's order: the result dtype must cast back to `dst`'s
/// under 'same_kind' (checked before anything is computed), the operands
/// must broadcast (the message names the output's shape too), and the
/// result must keep `dst`'s shape.
pub(super) fn in_place(op: BinOp, dst: &Rc<Array>, rhs: &Value) -> EvalResult<()> {
    let current = Value::Array(dst.clone());
    if let Ok(mut from) = ops::result_dtype(&current, rhs) {
        if op == BinOp::Div && !from.is_inexact() {
            from = crate::array::DType::Float64;
        }
        let to = dst.dtype();
        if !from.can_cast(to, Casting::SameKind) {
            return Err(EvalError::new(
                ErrorKind::UFuncTypeError,
                format!(
                    "Cannot cast ufunc '{}' output from dtype('{}') to dtype('{}') with casting rule 'same_kind'",
                    ops::ufunc_name(op),
                    from.name(),
                    to.name()
                ),
            ));
        }
    }
    let res = pyops::binary(op, &current, rhs).map_err(|mut e| {
        if e.message
            .starts_with("operands could not be broadcast together with shapes")
        {
            e.message
                .push_str(&format!("{} ", shape_compact(dst.shape())));
        }
        e
    })?;
    let res = match res {
        Value::Array(r) => r,
        Value::Scalar(s) => Rc::new(s.to_array()),
        other => {
            return Err(EvalError::type_error(format!(
                "unsupported operand type(s) for {}=: 'ndarray' and '{}'",
                op.symbol(),
                other.short_type()
            )));
        }
    };
    if res.shape() != dst.shape() {
        return Err(EvalError::value_error(format!(
            "non-broadcastable output operand with shape {} doesn't match the broadcast shape {}",
            shape_compact(dst.shape()),
            shape_compact(res.shape())
        )));
    }
    if !dst.is_writeable() {
        return Err(EvalError::value_error("output array is read-only"));
    }
    dst.assign(&res)?;
    Ok(())
}
