//! The methods and in-place operators that change a list, dict or set
//! where it is: every name bound to the object sees the change.

use super::super::ErrorKind;
use super::super::error::{EvalError, EvalResult};
use super::super::session::Session;
use super::super::value::{PyList, Value};
use super::{
    check_hashable, dict_find, dict_set, no_method, pairs_of, position, py_eq, same_object, set_add,
};
use crate::eval::args::CallArgs;
use crate::syntax::ast::BinOp;

/// The in-place operators of the mutable containers: `xs += iterable`
/// (`list.__iadd__`, an extend), `xs *= n` and `d |= other` (an update).
/// `None` when `op` has no in-place form for `target`.
pub fn in_place(op: BinOp, target: &Value, rhs: &Value) -> Option<EvalResult<()>> {
    match (op, target) {
        (BinOp::Add, Value::List(xs)) => Some(super::super::iter::iterate(rhs).map(|more| {
            xs.update(|items| items.extend(more));
        })),
        // `xs * n` checks the size and honours Ctrl-C; its items replace
        // the list's own.
        (BinOp::Mul, Value::List(xs)) => {
            Some(super::super::pyops::binary(op, target, rhs).map(|longer| {
                if let Value::List(longer) = longer {
                    let items = longer.snapshot();
                    xs.update(|old| *old = items);
                }
            }))
        }
        (BinOp::BitOr, Value::Dict(d)) => Some((|| {
            let pairs = match rhs {
                Value::Dict(o) => o.snapshot(),
                other => pairs_of(other)?,
            };
            pairs.into_iter().try_for_each(|(k, v)| dict_set(d, k, v))
        })()),
        _ => None,
    }
}

/// A method of a list, dict or set that changes it in place; returns what
/// the method returns (`pop`'s item, `setdefault`'s value, else None).
pub(super) fn mutate(s: &mut Session, c: &Value, name: &str, call: CallArgs) -> EvalResult<Value> {
    let args = call.pos;
    let argc = |n: usize| -> EvalResult<()> {
        if args.len() != n {
            return Err(EvalError::type_error(format!(
                "{name}() takes exactly {n} argument{} ({} given)",
                if n == 1 { "" } else { "s" },
                args.len()
            )));
        }
        Ok(())
    };
    match c {
        Value::List(xs) => list_mutate(s, xs, name, &args, &call.kw, argc),
        Value::Dict(d) => match name {
            "update" => {
                let mut pairs: Vec<(Value, Value)> = match args.first() {
                    Some(Value::Dict(o)) => o.snapshot(),
                    Some(other) => pairs_of(other)?,
                    None => Vec::new(),
                };
                pairs.extend(
                    call.kw
                        .iter()
                        .map(|(k, v)| (Value::str(k.as_str()), v.clone())),
                );
                for (k, v) in pairs {
                    dict_set(d, k, v)?;
                }
                Ok(Value::None)
            }
            "pop" => {
                let k = args.first().cloned().unwrap_or(Value::None);
                let found = dict_find(&d.borrow(), &k)?;
                match (found, args.get(1)) {
                    (Some(i), _) => Ok(d.update(|items| items.remove(i).1)),
                    (None, Some(default)) => Ok(default.clone()),
                    (None, None) => Err(EvalError::new(ErrorKind::KeyError, k.repr(&s.opts))),
                }
            }
            "popitem" => match d.update(|items| items.pop()) {
                Some((k, v)) => Ok(Value::tuple(vec![k, v])),
                None => Err(EvalError::new(
                    ErrorKind::KeyError,
                    "'popitem(): dictionary is empty'",
                )),
            },
            "setdefault" => {
                let k = args.first().cloned().unwrap_or(Value::None);
                let default = args.get(1).cloned().unwrap_or(Value::None);
                let found = dict_find(&d.borrow(), &k)?;
                match found {
                    Some(i) => Ok(d.borrow()[i].1.clone()),
                    None => {
                        dict_set(d, k, default.clone())?;
                        Ok(default)
                    }
                }
            }
            "clear" => {
                d.update(Vec::clear);
                Ok(Value::None)
            }
            _ => Err(no_method(c, name)),
        },
        Value::Set(set) => {
            match name {
                "add" => {
                    argc(1)?;
                    set_add(set, args[0].clone())?;
                }
                "update" => {
                    for a in &args {
                        for v in super::super::iter::iterate(a)? {
                            set_add(set, v)?;
                        }
                    }
                }
                "discard" | "remove" => {
                    argc(1)?;
                    check_hashable(&args[0])?;
                    let mut at = None;
                    for (i, x) in set.borrow().iter().enumerate() {
                        if py_eq(x, &args[0])? {
                            at = Some(i);
                            break;
                        }
                    }
                    match at {
                        Some(i) => {
                            set.update(|items| items.remove(i));
                        }
                        None if name == "remove" => {
                            return Err(EvalError::new(ErrorKind::KeyError, args[0].repr(&s.opts)));
                        }
                        None => {}
                    }
                }
                "clear" => set.update(Vec::clear),
                _ => return Err(no_method(c, name)),
            }
            Ok(Value::None)
        }
        _ => Err(no_method(c, name)),
    }
}

/// The list methods that change the list in place.
fn list_mutate(
    s: &mut Session,
    xs: &PyList,
    name: &str,
    args: &[Value],
    kw: &[(String, Value)],
    argc: impl Fn(usize) -> EvalResult<()>,
) -> EvalResult<Value> {
    match name {
        "append" => {
            argc(1)?;
            xs.update(|items| items.push(args[0].clone()));
        }
        "extend" => {
            argc(1)?;
            // Iterated first: `a.extend(a)` doubles the list once.
            let more = super::super::iter::iterate(&args[0])?;
            xs.update(|items| items.extend(more));
        }
        "insert" => {
            argc(2)?;
            let i = super::super::convert::index_int(&args[0])?;
            xs.update(|items| {
                let n = items.len() as i64;
                let at = if i < 0 { (i + n).max(0) } else { i.min(n) };
                items.insert(at as usize, args[1].clone());
            });
        }
        "pop" => {
            let n = xs.borrow().len();
            if n == 0 {
                return Err(EvalError::index_error("pop from empty list"));
            }
            let i = match args.first() {
                Some(v) => super::super::convert::index_int(v)?,
                None => -1,
            };
            let k =
                position(i, n).ok_or_else(|| EvalError::index_error("pop index out of range"))?;
            return Ok(xs.update(|items| items.remove(k)));
        }
        "remove" => {
            argc(1)?;
            let mut at = None;
            for (i, x) in xs.borrow().iter().enumerate() {
                if same_object(x, &args[0]) || py_eq(x, &args[0])? {
                    at = Some(i);
                    break;
                }
            }
            let i = at.ok_or_else(|| EvalError::value_error("list.remove(x): x not in list"))?;
            xs.update(|items| items.remove(i));
        }
        "clear" => xs.update(Vec::clear),
        "reverse" => xs.update(|items| items.reverse()),
        "sort" => {
            let flag = |k: &str| kw.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
            let reverse = flag("reverse")
                .map(|v| super::super::convert::truthy(&v))
                .transpose()?
                .unwrap_or(false);
            // Sorted from a snapshot: a key function may read the list.
            let sorted = super::super::builtins::sort_values(
                s,
                xs.snapshot(),
                flag("key").as_ref(),
                reverse,
            )?;
            xs.update(|items| *items = sorted);
        }
        _ => return Err(no_method(&Value::List(xs.clone()), name)),
    }
    Ok(Value::None)
}
