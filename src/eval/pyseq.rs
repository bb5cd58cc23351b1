//! Python's containers: lists, dicts and sets — item assignment and
//! deletion, membership (`in`), equality, and their methods. A list, dict
//! or set is one shared object (`value::Shared`): its methods, item
//! assignments and `del` change it in place, for every name bound to it.

mod equality;
mod mutate;

use super::ErrorKind;
use super::args::CallArgs;
use super::error::{EvalError, EvalResult};
use super::index::Idx;
use super::session::Session;
use super::value::{DictView, PyDict, PyList, PySet, Value, ViewKind};

pub use equality::{py_eq, same_object};
pub use mutate::in_place;

/// Methods that change their container.
pub const MUTATORS: &[&str] = &[
    "append",
    "extend",
    "insert",
    "pop",
    "popitem",
    "remove",
    "clear",
    "sort",
    "reverse",
    "update",
    "add",
    "discard",
    "setdefault",
];

fn check_hashable(k: &Value) -> EvalResult<()> {
    match k {
        Value::List(_) | Value::Dict(_) | Value::Set(_) | Value::Array(_) => Err(
            EvalError::type_error(format!("unhashable type: '{}'", k.type_name())),
        ),
        Value::Tuple(items) => items.iter().try_for_each(check_hashable),
        _ => Ok(()),
    }
}

fn dict_find(items: &[(Value, Value)], k: &Value) -> EvalResult<Option<usize>> {
    check_hashable(k)?;
    for (i, (key, _)) in items.iter().enumerate() {
        if py_eq(key, k)? {
            return Ok(Some(i));
        }
    }
    Ok(None)
}

/// Whether the distinct items of a set hold `item`.
fn set_has(items: &[Value], item: &Value) -> EvalResult<bool> {
    check_hashable(item)?;
    for x in items {
        if py_eq(x, item)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// `d[k]`.
pub fn dict_get(d: &PyDict, k: &Value, opts: &crate::format::PrintOptions) -> EvalResult<Value> {
    let items = d.borrow();
    match dict_find(&items, k)? {
        Some(i) => Ok(items[i].1.clone()),
        None => Err(EvalError::new(ErrorKind::KeyError, k.repr(opts))),
    }
}

/// `d[k] = v`, in place.
pub fn dict_set(d: &PyDict, k: Value, v: Value) -> EvalResult<()> {
    let found = dict_find(&d.borrow(), &k)?;
    d.update(|items| match found {
        Some(i) => items[i].1 = v,
        None => items.push((k, v)),
    });
    Ok(())
}

/// A dict from `(key, value)` pairs, later keys winning.
pub fn dict_from(pairs: Vec<(Value, Value)>) -> EvalResult<Value> {
    let d = PyDict::default();
    for (k, v) in pairs {
        dict_set(&d, k, v)?;
    }
    Ok(Value::Dict(d))
}

/// A set of the distinct items, in first-seen order.
pub fn set_from(items: Vec<Value>) -> EvalResult<Value> {
    let set = PySet::default();
    for v in items {
        set_add(&set, v)?;
    }
    Ok(Value::Set(set))
}

/// `s.add(v)`: in place, when `v` is not there yet.
fn set_add(set: &PySet, v: Value) -> EvalResult<()> {
    if !set_has(&set.borrow(), &v)? {
        set.update(|items| items.push(v));
    }
    Ok(())
}

/// The position `i` names in a list of `n` items, or None when out of
/// range.
fn position(i: i64, n: usize) -> Option<usize> {
    let n = n as i64;
    let k = if i < 0 { i + n } else { i };
    (0..n).contains(&k).then_some(k as usize)
}

/// `xs[i] = v` and `xs[a:b:c] = iterable`, in place.
pub fn list_set(xs: &PyList, items: &[Idx], v: Value) -> EvalResult<()> {
    match items {
        [Idx::Int(i)] => {
            let k = position(*i, xs.borrow().len())
                .ok_or_else(|| EvalError::index_error("list assignment index out of range"))?;
            xs.update(|items| items[k] = v);
            Ok(())
        }
        [Idx::Slice(lo, hi, step)] => {
            let n = xs.borrow().len();
            let (start, stride, count) = super::index::slice_indices(n, *lo, *hi, *step)?;
            let new = super::iter::iterate(&v).map_err(|_| {
                EvalError::type_error(if stride == 1 {
                    "can only assign an iterable"
                } else {
                    "must assign iterable to extended slice"
                })
            })?;
            if stride == 1 {
                let start = start as usize;
                xs.update(|items| {
                    items.splice(start..start + count, new);
                });
                return Ok(());
            }
            if new.len() != count {
                return Err(EvalError::value_error(format!(
                    "attempt to assign sequence of size {} to extended slice of size {count}",
                    new.len()
                )));
            }
            xs.update(|items| {
                for (k, v) in new.into_iter().enumerate() {
                    items[(start + k as i64 * stride) as usize] = v;
                }
            });
            Ok(())
        }
        [_] => Err(EvalError::type_error(
            "list indices must be integers or slices, not tuple",
        )),
        _ => Err(EvalError::type_error(
            "list indices must be integers or slices, not tuple",
        )),
    }
}

/// `del container[key]`, in place.
pub fn delete_item(c: &Value, key: &Value) -> EvalResult<()> {
    match c {
        Value::Dict(d) => {
            let found = dict_find(&d.borrow(), key)?;
            match found {
                Some(i) => {
                    d.update(|items| items.remove(i));
                    Ok(())
                }
                None => Err(EvalError::new(
                    ErrorKind::KeyError,
                    key.repr(&Default::default()),
                )),
            }
        }
        Value::List(xs) => {
            let i = super::convert::index_int(key)?;
            let k = position(i, xs.borrow().len())
                .ok_or_else(|| EvalError::index_error("list assignment index out of range"))?;
            xs.update(|items| items.remove(k));
            Ok(())
        }
        other => Err(EvalError::type_error(format!(
            "'{}' object doesn't support item deletion",
            other.short_type()
        ))),
    }
}

/// `del xs[a:b]`, in place.
pub fn delete_slice(c: &Value, items: &[Idx]) -> EvalResult<()> {
    let (Value::List(xs), [Idx::Slice(lo, hi, step)]) = (c, items) else {
        return Err(EvalError::type_error(format!(
            "'{}' object doesn't support item deletion",
            c.short_type()
        )));
    };
    let n = xs.borrow().len();
    let (start, step, count) = super::index::slice_indices(n, *lo, *hi, *step)?;
    let drop: std::collections::HashSet<usize> = (0..count as i64)
        .map(|k| (start + k * step) as usize)
        .collect();
    xs.update(|items| {
        let mut k = 0;
        items.retain(|_| {
            k += 1;
            !drop.contains(&(k - 1))
        });
    });
    Ok(())
}

/// `item in container`.
pub fn contains(c: &Value, item: &Value) -> EvalResult<bool> {
    match c {
        Value::Str(s) => match item {
            Value::Str(sub) => Ok(s.contains(&**sub)),
            other => Err(EvalError::type_error(format!(
                "'in <string>' requires string as left operand, not {}",
                other.short_type()
            ))),
        },
        Value::Dict(items) => Ok(dict_find(&items.borrow(), item)?.is_some()),
        Value::Range(r) => Ok(r.contains(item)),
        Value::Set(xs) => set_has(&xs.borrow(), item),
        Value::Array(_) => {
            let r = super::ops::compare(crate::syntax::ast::CmpOp::Eq, c, item)?;
            let any = super::convert::to_array(&r)?;
            Ok(any.dtype() == crate::array::DType::Bool && any.read::<bool>().iter().any(|x| x))
        }
        other => {
            for x in super::iter::iterate(other)? {
                if same_object(&x, item) || py_eq(&x, item)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
    }
}

/// `(key, value)` pairs from an iterable of pairs (`dict([(1, 2)])`).
pub fn pairs_of(v: &Value) -> EvalResult<Vec<(Value, Value)>> {
    let mut out = Vec::new();
    for (i, item) in super::iter::iterate(v)?.into_iter().enumerate() {
        let pair = super::iter::iterate(&item).map_err(|_| {
            EvalError::type_error(format!(
                "cannot convert dictionary update sequence element #{i} to a sequence"
            ))
        })?;
        let [k, v] = <[Value; 2]>::try_from(pair).map_err(|p| {
            EvalError::value_error(format!(
                "dictionary update sequence element #{i} has length {}; 2 is required",
                p.len()
            ))
        })?;
        out.push((k, v));
    }
    Ok(out)
}

fn no_method(c: &Value, name: &str) -> EvalError {
    EvalError::new(
        ErrorKind::AttributeError,
        format!("'{}' object has no attribute '{name}'", c.type_name()),
    )
}

/// A method of a list, tuple, dict or set.
pub fn call_method(s: &mut Session, c: &Value, name: &str, call: CallArgs) -> EvalResult<Value> {
    if MUTATORS.contains(&name) && matches!(c, Value::List(_) | Value::Dict(_) | Value::Set(_)) {
        return mutate::mutate(s, c, name, call);
    }
    let args = call.pos;
    let seq = c.seq_items();
    match (c, name, seq) {
        (_, "index" | "count", Some(xs)) => {
            let item = args.first().cloned().unwrap_or(Value::None);
            let mut n = 0;
            for (i, x) in xs.iter().enumerate() {
                if same_object(x, &item) || py_eq(x, &item)? {
                    if name == "index" {
                        return Ok(Value::Int(i as i64));
                    }
                    n += 1;
                }
            }
            if name == "count" {
                return Ok(Value::Int(n));
            }
            Err(EvalError::value_error(format!(
                "{}.index(x): x not in {0}",
                c.type_name()
            )))
        }
        (Value::List(xs), "copy", _) => Ok(Value::List(xs.copied())),
        (Value::Dict(d), "get", _) => {
            let k = args.first().cloned().unwrap_or(Value::None);
            let d = d.borrow();
            Ok(match dict_find(&d, &k)? {
                Some(i) => d[i].1.clone(),
                None => args.get(1).cloned().unwrap_or(Value::None),
            })
        }
        (Value::Dict(d), "keys" | "values" | "items", _) => Ok(Value::DictView(DictView {
            kind: match name {
                "keys" => ViewKind::Keys,
                "values" => ViewKind::Values,
                _ => ViewKind::Items,
            },
            dict: d.clone(),
        })),
        (Value::Dict(d), "copy", _) => Ok(Value::Dict(d.copied())),
        (Value::Set(x), "copy", _) => Ok(Value::Set(x.copied())),
        _ => Err(no_method(c, name)),
    }
}

/// `v[k]` for one key: dicts by key, sequences and arrays by index.
pub fn subscript(s: &Session, v: &Value, k: &Value) -> EvalResult<Value> {
    match v {
        Value::Dict(d) => dict_get(d, k, &s.opts),
        Value::Array(a) => super::index::index_array(a, &[Idx::from_value(k)?]),
        _ => super::index::index_sequence(v, &[Idx::from_value(k)?]),
    }
}
