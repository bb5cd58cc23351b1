//! Python's containers: lists, dicts and sets — item assignment and
//! deletion, membership (`in`), equality, and their methods. A list, dict
//! or set is one shared object (`value::Shared`): its methods, item
//! assignments and `del` change it in place, for every name bound to it.

use std::cell::Cell;

use super::ErrorKind;
use super::args::CallArgs;
use super::error::{EvalError, EvalResult};
use super::index::Idx;
use super::session::Session;
use super::value::{PyDict, PyList, PySet, Value};
use crate::syntax::ast::BinOp;

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

thread_local! {
    static DEPTH: Cell<usize> = const { Cell::new(0) };
}

/// Python's default recursion limit: comparing two containers that hold
/// themselves stops here with Python's RecursionError.
const MAX_DEPTH: usize = 1000;

/// One level of a recursive comparison.
struct Deeper;

impl Deeper {
    fn enter() -> EvalResult<Deeper> {
        DEPTH.with(|d| {
            if d.get() >= MAX_DEPTH {
                return Err(EvalError::new(
                    ErrorKind::RecursionError,
                    "maximum recursion depth exceeded in comparison",
                ));
            }
            d.set(d.get() + 1);
            Ok(Deeper)
        })
    }
}

impl Drop for Deeper {
    fn drop(&mut self) {
        DEPTH.with(|d| d.set(d.get() - 1));
    }
}

/// Python's `is` for the values that are objects with an identity here:
/// containers and arrays.
pub fn same_object(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::List(x), Value::List(y)) => x.ptr_eq(y),
        (Value::Dict(x), Value::Dict(y)) => x.ptr_eq(y),
        (Value::Set(x), Value::Set(y)) => x.ptr_eq(y),
        (Value::Array(x), Value::Array(y)) => std::rc::Rc::ptr_eq(x, y),
        _ => false,
    }
}

/// Items equal one by one, as `list.__eq__` compares them: an item is
/// equal to itself before `==` is asked (`PyObject_RichCompareBool`).
fn seq_eq(x: &[Value], y: &[Value]) -> EvalResult<bool> {
    if x.len() != y.len() {
        return Ok(false);
    }
    let _level = Deeper::enter()?;
    // Deep nesting grows the stack as the evaluator's recursion does.
    stacker::maybe_grow(super::expr::RED_ZONE, super::expr::STACK_SEGMENT, || {
        for (p, q) in x.iter().zip(y) {
            if !same_object(p, q) && !py_eq(p, q)? {
                return Ok(false);
            }
        }
        Ok(true)
    })
}

/// Python `==` between two values (elementwise comparisons of arrays are
/// ambiguous here, as in Python's `list.__eq__`).
pub fn py_eq(a: &Value, b: &Value) -> EvalResult<bool> {
    if matches!(a, Value::List(_) | Value::Dict(_) | Value::Set(_)) && same_object(a, b) {
        return Ok(true);
    }
    match (a, b) {
        (Value::List(x), Value::List(y)) => seq_eq(&x.borrow(), &y.borrow()),
        (Value::Tuple(x), Value::Tuple(y)) => seq_eq(x, y),
        (Value::Dict(x), Value::Dict(y)) => {
            let (x, y) = (x.borrow(), y.borrow());
            if x.len() != y.len() {
                return Ok(false);
            }
            let _level = Deeper::enter()?;
            for (k, v) in x.iter() {
                match dict_find(&y, k)? {
                    Some(w) if same_object(v, &y[w].1) || py_eq(v, &y[w].1)? => {}
                    _ => return Ok(false),
                }
            }
            Ok(true)
        }
        (Value::Set(x), Value::Set(y)) => {
            let (x, y) = (x.borrow(), y.borrow());
            if x.len() != y.len() {
                return Ok(false);
            }
            for v in x.iter() {
                if !set_has(&y, v)? {
                    return Ok(false);
                }
            }
            Ok(true)
        }
        (Value::ExcType(x), Value::ExcType(y)) => Ok(x == y),
        (Value::Range(x), Value::Range(y)) => Ok(x.same(y)),
        (Value::Builtin(x), Value::Builtin(y)) => Ok(std::ptr::eq(*x, *y)),
        (Value::Class(x), Value::Class(y)) => Ok(x == y),
        // matplotlib's objects compare by identity.
        (Value::Artist(x), Value::Artist(y)) => Ok(std::rc::Rc::ptr_eq(x, y)),
        (Value::Axes(x), Value::Axes(y)) => Ok(x == y),
        (Value::Figure(x), Value::Figure(y)) => Ok(x == y),
        (
            Value::Range(_)
            | Value::Iter(_)
            | Value::Class(_)
            | Value::Builtin(_)
            | Value::DType(_)
            | Value::Function(_)
            | Value::ExcType(_),
            _,
        )
        | (
            _,
            Value::Range(_)
            | Value::Iter(_)
            | Value::Class(_)
            | Value::Builtin(_)
            | Value::DType(_)
            | Value::Function(_)
            | Value::ExcType(_),
        ) if !matches!((a, b), (Value::DType(_), Value::DType(_))) => Ok(false),
        _ => {
            let r = super::ops::compare(crate::syntax::ast::CmpOp::Eq, a, b)?;
            super::convert::truthy(&r)
        }
    }
}

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

/// The in-place operators of the mutable containers: `xs += iterable`
/// (`list.__iadd__`, an extend), `xs *= n` and `d |= other` (an update).
/// `None` when `op` has no in-place form for `target`.
pub fn in_place(op: BinOp, target: &Value, rhs: &Value) -> Option<EvalResult<()>> {
    match (op, target) {
        (BinOp::Add, Value::List(xs)) => Some(super::iter::iterate(rhs).map(|more| {
            xs.update(|items| items.extend(more));
        })),
        // `xs * n` checks the size and honours Ctrl-C; its items replace
        // the list's own.
        (BinOp::Mul, Value::List(xs)) => {
            Some(super::pyops::binary(op, target, rhs).map(|longer| {
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
fn mutate(s: &mut Session, c: &Value, name: &str, call: CallArgs) -> EvalResult<Value> {
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
                        for v in super::iter::iterate(a)? {
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
            let more = super::iter::iterate(&args[0])?;
            xs.update(|items| items.extend(more));
        }
        "insert" => {
            argc(2)?;
            let i = super::convert::index_int(&args[0])?;
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
                Some(v) => super::convert::index_int(v)?,
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
                .map(|v| super::convert::truthy(&v))
                .transpose()?
                .unwrap_or(false);
            // Sorted from a snapshot: a key function may read the list.
            let sorted =
                super::builtins::sort_values(s, xs.snapshot(), flag("key").as_ref(), reverse)?;
            xs.update(|items| *items = sorted);
        }
        _ => return Err(no_method(&Value::List(xs.clone()), name)),
    }
    Ok(Value::None)
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
        return mutate(s, c, name, call);
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
        (Value::Dict(d), "keys", _) => Ok(Value::list(
            d.borrow().iter().map(|(k, _)| k.clone()).collect(),
        )),
        (Value::Dict(d), "values", _) => Ok(Value::list(
            d.borrow().iter().map(|(_, v)| v.clone()).collect(),
        )),
        (Value::Dict(d), "items", _) => Ok(Value::list(
            d.borrow()
                .iter()
                .map(|(k, v)| Value::tuple(vec![k.clone(), v.clone()]))
                .collect(),
        )),
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

/// A method of `str`.
pub fn str_method(s: &Session, text: &str, name: &str, call: CallArgs) -> EvalResult<Value> {
    let args = &call.pos;
    let arg_str = |k: usize| -> EvalResult<Option<String>> {
        match args.get(k) {
            None | Some(Value::None) => Ok(None),
            Some(Value::Str(t)) => Ok(Some(t.to_string())),
            Some(other) => Err(EvalError::type_error(format!(
                "must be str or None, not {}",
                other.short_type()
            ))),
        }
    };
    let width_fill = || -> EvalResult<(usize, char)> {
        let w = super::convert::index_int(args.first().unwrap_or(&Value::Int(0)))?.max(0) as usize;
        let fill = match arg_str(1)? {
            Some(f) if f.chars().count() == 1 => f.chars().next().unwrap_or(' '),
            Some(_) => {
                return Err(EvalError::type_error(
                    "The fill character must be exactly one character long",
                ));
            }
            None => ' ',
        };
        Ok((w, fill))
    };
    let v = match name {
        "upper" => Value::str(text.to_uppercase()),
        "lower" => Value::str(text.to_lowercase()),
        "title" => Value::str(title(text)),
        "capitalize" => {
            let mut c = text.chars();
            Value::str(match c.next() {
                Some(f) => f.to_uppercase().collect::<String>() + &c.as_str().to_lowercase(),
                None => String::new(),
            })
        }
        "strip" | "lstrip" | "rstrip" => {
            let chars = arg_str(0)?;
            let pat = |c: char| match &chars {
                Some(cs) => cs.contains(c),
                None => c.is_whitespace(),
            };
            Value::str(match name {
                "strip" => text.trim_matches(pat),
                "lstrip" => text.trim_start_matches(pat),
                _ => text.trim_end_matches(pat),
            })
        }
        "split" => {
            let parts: Vec<Value> = match arg_str(0)? {
                Some(sep) if sep.is_empty() => {
                    return Err(EvalError::value_error("empty separator"));
                }
                Some(sep) => text.split(sep.as_str()).map(Value::str).collect(),
                None => text.split_whitespace().map(Value::str).collect(),
            };
            Value::list(parts)
        }
        "splitlines" => Value::list(text.lines().map(Value::str).collect()),
        "join" => {
            let items = super::iter::iterate(args.first().unwrap_or(&Value::None))?;
            let mut parts = Vec::with_capacity(items.len());
            for (i, it) in items.iter().enumerate() {
                match it {
                    Value::Str(t) => parts.push(t.to_string()),
                    other => {
                        return Err(EvalError::type_error(format!(
                            "sequence item {i}: expected str instance, {} found",
                            other.short_type()
                        )));
                    }
                }
            }
            Value::str(parts.join(text))
        }
        "replace" => {
            let (Some(old), Some(new)) = (arg_str(0)?, arg_str(1)?) else {
                return Err(EvalError::type_error(
                    "replace expected at least 2 arguments",
                ));
            };
            Value::str(text.replace(&old, &new))
        }
        "startswith" | "endswith" => {
            let prefixes: Vec<String> = match args.first() {
                Some(Value::Tuple(items)) => items.iter().map(|v| s.str(v)).collect(),
                _ => arg_str(0)?.into_iter().collect(),
            };
            let hit = prefixes.iter().any(|p| {
                if name == "startswith" {
                    text.starts_with(p.as_str())
                } else {
                    text.ends_with(p.as_str())
                }
            });
            Value::Bool(hit)
        }
        "find" | "index" | "count" => {
            let sub = arg_str(0)?.unwrap_or_default();
            if name == "count" {
                return Ok(Value::Int(text.matches(sub.as_str()).count() as i64));
            }
            match text.find(sub.as_str()) {
                Some(b) => Value::Int(text[..b].chars().count() as i64),
                None if name == "find" => Value::Int(-1),
                None => return Err(EvalError::value_error("substring not found")),
            }
        }
        "ljust" | "rjust" | "center" => {
            let (w, fill) = width_fill()?;
            let sp = super::format::Spec {
                fill: Some(fill),
                align: Some(match name {
                    "ljust" => '<',
                    "rjust" => '>',
                    _ => '^',
                }),
                width: w,
                ..Default::default()
            };
            let n = text.chars().count();
            if name == "center" && w > n && (w - n) % 2 == 1 && n % 2 == 1 {
                // Python's center puts the odd fill character on the left
                // when the text's length is odd.
                let left = (w - n).div_ceil(2);
                let f = fill.to_string();
                return Ok(Value::str(format!(
                    "{}{text}{}",
                    f.repeat(left),
                    f.repeat(w - n - left)
                )));
            }
            Value::str(super::format::format_str(text, &sp)?)
        }
        "zfill" => {
            let w =
                super::convert::index_int(args.first().unwrap_or(&Value::Int(0)))?.max(0) as usize;
            let n = text.chars().count();
            if n >= w {
                Value::str(text)
            } else {
                let (sign, rest) = match text.strip_prefix(['-', '+']) {
                    Some(r) => (&text[..1], r),
                    None => ("", text),
                };
                Value::str(format!("{sign}{}{rest}", "0".repeat(w - n)))
            }
        }
        "isdigit" => Value::Bool(!text.is_empty() && text.chars().all(|c| c.is_ascii_digit())),
        "isalpha" => Value::Bool(!text.is_empty() && text.chars().all(char::is_alphabetic)),
        "isspace" => Value::Bool(!text.is_empty() && text.chars().all(char::is_whitespace)),
        "format" => Value::str(super::pyformat::str_format(s, text, args, &call.kw)?),
        _ => {
            return Err(EvalError::new(
                ErrorKind::AttributeError,
                format!("'str' object has no attribute '{name}'"),
            ));
        }
    };
    Ok(v)
}

fn title(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut prev_alpha = false;
    for c in text.chars() {
        if c.is_alphabetic() {
            if prev_alpha {
                out.extend(c.to_lowercase());
            } else {
                out.extend(c.to_uppercase());
            }
            prev_alpha = true;
        } else {
            out.push(c);
            prev_alpha = false;
        }
    }
    out
}
