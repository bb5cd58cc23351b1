//! Python's containers: lists, dicts and sets — item assignment and
//! deletion, membership (`in`), and their methods.
//!
//! Lists, dicts and sets are still values here (`Rc<Vec<...>>`), so the
//! methods that change them in place (`append`, `update`, ...) work as
//! statements on a variable, which is rebound to the changed container
//! (see `Session::list_method_statement`); two names for one list do not
//! yet see each other's changes.

use std::rc::Rc;

use super::ErrorKind;
use super::args::CallArgs;
use super::error::{EvalError, EvalResult};
use super::index::Idx;
use super::session::Session;
use super::value::Value;

/// Methods that change their container.
pub const MUTATORS: &[&str] = &[
    "append",
    "extend",
    "insert",
    "pop",
    "remove",
    "clear",
    "sort",
    "reverse",
    "update",
    "add",
    "discard",
    "setdefault",
];

/// Python `==` between two values (elementwise comparisons of arrays are
/// ambiguous here, as in Python's `list.__eq__`).
pub fn py_eq(a: &Value, b: &Value) -> EvalResult<bool> {
    match (a, b) {
        (Value::List(x), Value::List(y)) | (Value::Tuple(x), Value::Tuple(y)) => {
            if x.len() != y.len() {
                return Ok(false);
            }
            for (p, q) in x.iter().zip(y.iter()) {
                if !py_eq(p, q)? {
                    return Ok(false);
                }
            }
            Ok(true)
        }
        (Value::Dict(x), Value::Dict(y)) => {
            if x.len() != y.len() {
                return Ok(false);
            }
            for (k, v) in x.iter() {
                match dict_find(y, k)? {
                    Some(w) if py_eq(v, &y[w].1)? => {}
                    _ => return Ok(false),
                }
            }
            Ok(true)
        }
        (Value::Set(x), Value::Set(y)) => {
            if x.len() != y.len() {
                return Ok(false);
            }
            for v in x.iter() {
                if !contains(b, v)? {
                    return Ok(false);
                }
            }
            let _ = y;
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

/// `d[k]`.
pub fn dict_get(
    d: &[(Value, Value)],
    k: &Value,
    opts: &crate::format::PrintOptions,
) -> EvalResult<Value> {
    match dict_find(d, k)? {
        Some(i) => Ok(d[i].1.clone()),
        None => Err(EvalError::new(ErrorKind::KeyError, k.repr(opts))),
    }
}

/// A dict with `d[k] = v` applied.
pub fn dict_set(d: &Value, k: Value, v: Value) -> EvalResult<Value> {
    let Value::Dict(items) = d else {
        unreachable!("callers pass dicts")
    };
    let mut new = (**items).clone();
    match dict_find(&new, &k)? {
        Some(i) => new[i].1 = v,
        None => new.push((k, v)),
    }
    Ok(Value::Dict(Rc::new(new)))
}

/// A dict from `(key, value)` pairs, later keys winning.
pub fn dict_from(pairs: Vec<(Value, Value)>) -> EvalResult<Value> {
    let mut d = Value::Dict(Rc::new(Vec::new()));
    for (k, v) in pairs {
        d = dict_set(&d, k, v)?;
    }
    Ok(d)
}

/// A set of the distinct items, in first-seen order.
pub fn set_from(items: Vec<Value>) -> EvalResult<Value> {
    let mut out: Vec<Value> = Vec::new();
    for v in items {
        check_hashable(&v)?;
        let mut seen = false;
        for o in &out {
            if py_eq(o, &v)? {
                seen = true;
                break;
            }
        }
        if !seen {
            out.push(v);
        }
    }
    Ok(Value::Set(Rc::new(out)))
}

/// A list with `xs[i] = v` applied.
pub fn list_set(list: &Value, items: &[Idx], v: Value) -> EvalResult<Value> {
    let Value::List(xs) = list else {
        unreachable!("callers pass lists")
    };
    let [Idx::Int(i)] = items else {
        return Err(EvalError::type_error(
            "list indices must be integers or slices, not tuple",
        ));
    };
    let n = xs.len() as i64;
    if *i < -n || *i >= n {
        return Err(EvalError::index_error("list assignment index out of range"));
    }
    let mut new = (**xs).clone();
    new[if *i < 0 { i + n } else { *i } as usize] = v;
    Ok(Value::List(Rc::new(new)))
}

/// `del container[key]`.
pub fn delete_item(c: &Value, key: &Value) -> EvalResult<Value> {
    match c {
        Value::Dict(items) => match dict_find(items, key)? {
            Some(i) => {
                let mut new = (**items).clone();
                new.remove(i);
                Ok(Value::Dict(Rc::new(new)))
            }
            None => Err(EvalError::new(
                ErrorKind::KeyError,
                key.repr(&Default::default()),
            )),
        },
        Value::List(xs) => {
            let i = super::convert::index_int(key)?;
            let n = xs.len() as i64;
            if i < -n || i >= n {
                return Err(EvalError::index_error("list assignment index out of range"));
            }
            let mut new = (**xs).clone();
            new.remove(if i < 0 { i + n } else { i } as usize);
            Ok(Value::List(Rc::new(new)))
        }
        other => Err(EvalError::type_error(format!(
            "'{}' object doesn't support item deletion",
            other.short_type()
        ))),
    }
}

/// `del xs[a:b]`.
pub fn delete_slice(c: &Value, items: &[Idx]) -> EvalResult<Value> {
    let (Value::List(xs), [Idx::Slice(lo, hi, step)]) = (c, items) else {
        return Err(EvalError::type_error(format!(
            "'{}' object doesn't support item deletion",
            c.short_type()
        )));
    };
    let n = xs.len();
    let (start, step, count) = super::index::slice_indices(n, *lo, *hi, *step)?;
    let drop: std::collections::HashSet<usize> = (0..count as i64)
        .map(|k| (start + k * step) as usize)
        .collect();
    let new: Vec<Value> = xs
        .iter()
        .enumerate()
        .filter(|(i, _)| !drop.contains(i))
        .map(|(_, v)| v.clone())
        .collect();
    Ok(Value::List(Rc::new(new)))
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
        Value::Dict(items) => Ok(dict_find(items, item)?.is_some()),
        Value::Range(r) => Ok(r.contains(item)),
        Value::Set(_) => {
            check_hashable(item)?;
            let Value::Set(xs) = c else { unreachable!() };
            for x in xs.iter() {
                if py_eq(x, item)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        Value::Array(_) => {
            let r = super::ops::compare(crate::syntax::ast::CmpOp::Eq, c, item)?;
            let any = super::convert::to_array(&r)?;
            Ok(any.dtype() == crate::array::DType::Bool && any.read::<bool>().iter().any(|x| x))
        }
        other => {
            for x in super::iter::iterate(other)? {
                if py_eq(&x, item)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
    }
}

/// A method of a list, dict or set that changes it: the changed container
/// and the method's return value.
pub fn mutate(
    s: &mut Session,
    c: &Value,
    name: &str,
    call: CallArgs,
) -> EvalResult<(Value, Value)> {
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
        Value::List(xs) => {
            let mut new = (**xs).clone();
            let mut out = Value::None;
            match name {
                "append" => {
                    argc(1)?;
                    new.push(args[0].clone());
                }
                "extend" => {
                    argc(1)?;
                    new.extend(super::iter::iterate(&args[0])?);
                }
                "insert" => {
                    argc(2)?;
                    let n = new.len() as i64;
                    let i = super::convert::index_int(&args[0])?;
                    let at = if i < 0 { (i + n).max(0) } else { i.min(n) };
                    new.insert(at as usize, args[1].clone());
                }
                "pop" => {
                    if new.is_empty() {
                        return Err(EvalError::index_error("pop from empty list"));
                    }
                    let n = new.len() as i64;
                    let i = match args.first() {
                        Some(v) => super::convert::index_int(v)?,
                        None => -1,
                    };
                    if i < -n || i >= n {
                        return Err(EvalError::index_error("pop index out of range"));
                    }
                    out = new.remove(if i < 0 { i + n } else { i } as usize);
                }
                "remove" => {
                    argc(1)?;
                    let mut at = None;
                    for (i, x) in new.iter().enumerate() {
                        if py_eq(x, &args[0])? {
                            at = Some(i);
                            break;
                        }
                    }
                    match at {
                        Some(i) => {
                            new.remove(i);
                        }
                        None => {
                            return Err(EvalError::value_error("list.remove(x): x not in list"));
                        }
                    }
                }
                "clear" => new.clear(),
                "reverse" => new.reverse(),
                "sort" => {
                    let reverse = call
                        .kw
                        .iter()
                        .find(|(k, _)| k == "reverse")
                        .map(|(_, v)| super::convert::truthy(v))
                        .transpose()?
                        .unwrap_or(false);
                    let key = call
                        .kw
                        .iter()
                        .find(|(k, _)| k == "key")
                        .map(|(_, v)| v.clone());
                    new = super::builtins::sort_values(s, new, key.as_ref(), reverse)?;
                }
                _ => return Err(no_method(c, name)),
            }
            Ok((Value::List(Rc::new(new)), out))
        }
        Value::Dict(items) => {
            let mut d = c.clone();
            let mut out = Value::None;
            match name {
                "update" => {
                    argc(1)?;
                    let pairs: Vec<(Value, Value)> = match &args[0] {
                        Value::Dict(o) => (**o).clone(),
                        other => pairs_of(other)?,
                    };
                    for (k, v) in pairs {
                        d = dict_set(&d, k, v)?;
                    }
                }
                "pop" => {
                    let k = args.first().cloned().unwrap_or(Value::None);
                    match dict_find(items, &k)? {
                        Some(i) => {
                            let mut new = (**items).clone();
                            out = new.remove(i).1;
                            d = Value::Dict(Rc::new(new));
                        }
                        None => match args.get(1) {
                            Some(default) => out = default.clone(),
                            None => {
                                return Err(EvalError::new(ErrorKind::KeyError, k.repr(&s.opts)));
                            }
                        },
                    }
                }
                "setdefault" => {
                    let k = args.first().cloned().unwrap_or(Value::None);
                    let default = args.get(1).cloned().unwrap_or(Value::None);
                    match dict_find(items, &k)? {
                        Some(i) => out = items[i].1.clone(),
                        None => {
                            d = dict_set(&d, k, default.clone())?;
                            out = default;
                        }
                    }
                }
                "clear" => d = Value::Dict(Rc::new(Vec::new())),
                _ => return Err(no_method(c, name)),
            }
            Ok((d, out))
        }
        Value::Set(xs) => {
            let mut items = (**xs).clone();
            match name {
                "add" => {
                    argc(1)?;
                    items.push(args[0].clone());
                }
                "update" => {
                    for a in &args {
                        items.extend(super::iter::iterate(a)?);
                    }
                }
                "discard" | "remove" => {
                    argc(1)?;
                    let before = items.len();
                    let mut kept = Vec::new();
                    for x in items {
                        if !py_eq(&x, &args[0])? {
                            kept.push(x);
                        }
                    }
                    if name == "remove" && kept.len() == before {
                        return Err(EvalError::new(ErrorKind::KeyError, args[0].repr(&s.opts)));
                    }
                    items = kept;
                }
                "clear" => items.clear(),
                _ => return Err(no_method(c, name)),
            }
            Ok((set_from(items)?, Value::None))
        }
        _ => Err(no_method(c, name)),
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

/// A method of a list, tuple, dict or set that does not change it.
pub fn call_method(s: &mut Session, c: &Value, name: &str, call: CallArgs) -> EvalResult<Value> {
    if MUTATORS.contains(&name) {
        return Err(EvalError::new(
            ErrorKind::NotImplementedError,
            format!(
                "{}.{name}() changes the {0} in place: gradlab runs it as a statement on a variable (xs.{name}(...)), not inside an expression",
                c.type_name()
            ),
        ));
    }
    let args = call.pos;
    match (c, name) {
        (Value::List(xs) | Value::Tuple(xs), "index") => {
            let item = args.first().cloned().unwrap_or(Value::None);
            for (i, x) in xs.iter().enumerate() {
                if py_eq(x, &item)? {
                    return Ok(Value::Int(i as i64));
                }
            }
            Err(EvalError::value_error(format!(
                "{}.index(x): x not in {0}",
                c.type_name()
            )))
        }
        (Value::List(xs) | Value::Tuple(xs), "count") => {
            let item = args.first().cloned().unwrap_or(Value::None);
            let mut n = 0;
            for x in xs.iter() {
                if py_eq(x, &item)? {
                    n += 1;
                }
            }
            Ok(Value::Int(n))
        }
        (Value::List(xs), "copy") => Ok(Value::List(Rc::new((**xs).clone()))),
        (Value::Dict(d), "get") => {
            let k = args.first().cloned().unwrap_or(Value::None);
            Ok(match dict_find(d, &k)? {
                Some(i) => d[i].1.clone(),
                None => args.get(1).cloned().unwrap_or(Value::None),
            })
        }
        (Value::Dict(d), "keys") => Ok(Value::List(Rc::new(
            d.iter().map(|(k, _)| k.clone()).collect(),
        ))),
        (Value::Dict(d), "values") => Ok(Value::List(Rc::new(
            d.iter().map(|(_, v)| v.clone()).collect(),
        ))),
        (Value::Dict(d), "items") => Ok(Value::List(Rc::new(
            d.iter()
                .map(|(k, v)| Value::tuple(vec![k.clone(), v.clone()]))
                .collect(),
        ))),
        (Value::Dict(d), "copy") => Ok(Value::Dict(d.clone())),
        _ => {
            let _ = s;
            Err(no_method(c, name))
        }
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
            Value::List(Rc::new(parts))
        }
        "splitlines" => Value::List(Rc::new(text.lines().map(Value::str).collect())),
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
