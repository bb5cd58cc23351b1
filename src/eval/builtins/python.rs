//! Python builtins: `print`, `len`, `repr`, `str`, `float`, `int`, ...

use std::rc::Rc;

use crate::array::DType;
use crate::syntax::ast::ParamKind;

use super::super::args::{Bound, CallArgs};
use super::super::convert::{index_int, int_convertible, real, truthy};
use super::super::error::{EvalError, EvalResult};
use super::super::iter::iterate;
use super::super::pyobj::{self, PyIter, PyRange};
use super::super::pyseq;
use super::super::session::{Session, unpack};
use super::super::value::{Scalar, Value};

pub fn print(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let text_of = |name: &str, default: &str| -> EvalResult<String> {
        match b.get(name) {
            None | Some(Value::None) => Ok(default.to_string()),
            Some(Value::Str(t)) => Ok(t.to_string()),
            Some(other) => Err(EvalError::type_error(format!(
                "{name} must be None or a string, not {}",
                other.short_type()
            ))
            .at(&b.span_of(name))),
        }
    };
    let sep = text_of("sep", " ")?;
    let end = text_of("end", "\n")?;
    let parts: Vec<String> = b.varargs.iter().map(|v| s.str(v)).collect();
    s.write(format!("{}{end}", parts.join(&sep)));
    Ok(Value::None)
}

pub fn len(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    match b.req("obj") {
        Value::Array(a) if a.ndim() == 0 => Err(EvalError::type_error("len() of unsized object")),
        Value::Array(a) => Ok(Value::Int(a.shape()[0] as i64)),
        Value::List(x) => Ok(Value::Int(x.borrow().len() as i64)),
        Value::Tuple(x) => Ok(Value::Int(x.len() as i64)),
        Value::Named(t) => Ok(Value::Int(t.items.len() as i64)),
        Value::Str(x) => Ok(Value::Int(x.chars().count() as i64)),
        Value::Dict(x) => Ok(Value::Int(x.borrow().len() as i64)),
        Value::DictView(v) => Ok(Value::Int(v.dict.borrow().len() as i64)),
        Value::Set(x) => Ok(Value::Int(x.borrow().len() as i64)),
        Value::Range(r) => r.py_len().map(Value::Int),
        Value::DataFrame(df) => Ok(Value::Int(df.len() as i64)),
        Value::Series(sr) => Ok(Value::Int(sr.len() as i64)),
        Value::PdIndex(ix) => Ok(Value::Int(ix.len() as i64)),
        Value::Poly1d(p) => Ok(Value::Int(p.order() as i64)),
        Value::Flat(a) => Ok(Value::Int(a.len() as i64)),
        other => Err(EvalError::type_error(format!(
            "object of type '{}' has no len()",
            other.short_type()
        ))),
    }
}

pub fn repr(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    Ok(Value::str(s.repr(b.req("obj"))))
}

pub fn format_(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let spec = match b.get("format_spec") {
        None => "",
        Some(Value::Str(t)) => t,
        Some(other) => {
            return Err(EvalError::type_error(format!(
                "format() argument 2 must be str, not {}",
                other.short_type()
            )));
        }
    };
    super::super::format::format_value(s, b.req("value"), spec).map(Value::str)
}

pub fn str_(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    Ok(Value::str(
        b.get("object").map(|v| s.str(v)).unwrap_or_default(),
    ))
}

pub fn float(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    match b.get("x") {
        None => Ok(Value::Float(0.0)),
        Some(Value::Str(t)) => parse_float(t).map(Value::Float),
        Some(Value::Complex(_)) => Err(EvalError::type_error(
            "float() argument must be a string or a real number, not 'complex'",
        )),
        Some(v) => real(v).map(Value::Float),
    }
}

pub(crate) fn parse_float(t: &str) -> EvalResult<f64> {
    let clean = t.trim().replace('_', "");
    match clean.to_ascii_lowercase().as_str() {
        "nan" | "+nan" | "-nan" => return Ok(f64::NAN),
        "inf" | "+inf" | "infinity" | "+infinity" => return Ok(f64::INFINITY),
        "-inf" | "-infinity" => return Ok(f64::NEG_INFINITY),
        _ => {}
    }
    clean.parse::<f64>().map_err(|_| {
        EvalError::value_error(format!(
            "could not convert string to float: {}",
            crate::format::py_repr_str(t)
        ))
    })
}

pub fn int(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    match b.get("x") {
        None => Ok(Value::Int(0)),
        Some(Value::Str(t)) => int_of_str(t).ok_or_else(|| {
            EvalError::value_error(format!(
                "invalid literal for int() with base 10: {}",
                crate::format::py_repr_str(t)
            ))
        }),
        Some(
            v
            @ (Value::Int(_) | Value::Bool(_) | Value::Scalar(Scalar::Int64(_) | Scalar::Bool(_))),
        ) => index_int(v).map(Value::Int),
        Some(v @ Value::BigInt(_)) => Ok(v.clone()),
        Some(Value::Complex(_)) => Err(EvalError::type_error(
            "int() argument must be a string, a bytes-like object or a real number, not 'complex'",
        )),
        Some(v) => {
            let x = real(v)?;
            int_convertible(x)?;
            Ok(crate::eval::ops::pybigint::from_f64(x))
        }
    }
}

/// `int(text)` in base 10: Python's syntax (sign, digits, single
/// underscores between digits, surrounding whitespace), any size.
fn int_of_str(t: &str) -> Option<Value> {
    let s = t.trim();
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    let well_formed = !body.is_empty()
        && !body.starts_with('_')
        && !body.ends_with('_')
        && !body.contains("__")
        && body.chars().all(|c| c.is_ascii_digit() || c == '_');
    if !well_formed {
        return None;
    }
    let digits: String = s.chars().filter(|c| *c != '_').collect();
    digits
        .parse::<num_bigint::BigInt>()
        .ok()
        .map(crate::eval::ops::pybigint::int_value)
}

pub fn bool_(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    Ok(Value::Bool(
        b.get("x").map(truthy).transpose()?.unwrap_or(false),
    ))
}

pub fn list(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let items = match b.get("iterable") {
        None => Vec::new(),
        Some(v) => unpack(v)?,
    };
    Ok(Value::list(items))
}

pub fn tuple(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let items = match b.get("iterable") {
        None => Vec::new(),
        Some(v) => unpack(v)?,
    };
    Ok(Value::tuple(items))
}

pub fn range(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let first = index_int(b.req("start"))?;
    let (start, stop) = match b.opt("stop") {
        None => (0, first),
        Some(v) => (first, index_int(v)?),
    };
    let step = b.opt("step").map(index_int).transpose()?.unwrap_or(1);
    Ok(Value::Range(PyRange::new(start, stop, step)?))
}

/// `type(x)`: the class object (`<class 'numpy.ndarray'>`).
pub fn type_(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    Ok(pyobj::type_of(b.req("obj")))
}

pub fn isinstance(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    pyobj::isinstance(b.req("obj"), b.req("classinfo")).map(Value::Bool)
}

/// `zip(*iterables, strict=False)`: tuples up to the shortest iterable.
pub fn zip(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let columns = b
        .varargs
        .iter()
        .map(iterate)
        .collect::<EvalResult<Vec<_>>>()?;
    let strict = b.get("strict").map(truthy).transpose()?.unwrap_or(false);
    let n = columns.iter().map(Vec::len).min().unwrap_or(0);
    // Python finds the mismatch lazily: the first exhausted iterable is
    // "shorter" than those before it, or, when it is the first one, the
    // first that still has items is "longer".
    let first_done = columns.iter().position(|c| c.len() == n).unwrap_or(0);
    let culprit = if first_done > 0 {
        Some((first_done, "shorter"))
    } else {
        columns
            .iter()
            .position(|c| c.len() > n)
            .map(|j| (j, "longer"))
    };
    if strict && let Some((j, what)) = culprit {
        let others = if j == 1 {
            "argument 1".to_string()
        } else {
            format!("arguments 1-{j}")
        };
        return Err(EvalError::value_error(format!(
            "zip() argument {} is {what} than {others}",
            j + 1
        )));
    }
    let rows = (0..n)
        .map(|i| Value::tuple(columns.iter().map(|c| c[i].clone()).collect()))
        .collect();
    Ok(Value::Iter(Rc::new(PyIter::new("zip", rows))))
}

/// `enumerate(iterable, start=0)`.
pub fn enumerate(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let items = iterate(b.req("iterable"))?;
    let start = b.opt("start").map(index_int).transpose()?.unwrap_or(0);
    let rows = items
        .into_iter()
        .enumerate()
        .map(|(i, v)| Value::tuple(vec![Value::Int(start + i as i64), v]))
        .collect();
    Ok(Value::Iter(Rc::new(PyIter::new("enumerate", rows))))
}

/// `sorted(iterable, /, *, key=None, reverse=False)`.
pub fn sorted(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    if !b.varargs.is_empty() {
        return Err(EvalError::type_error(format!(
            "sorted expected 1 argument, got {}",
            b.varargs.len() + 1
        )));
    }
    let items = iterate(b.req("iterable"))?;
    let reverse = b.get("reverse").map(truthy).transpose()?.unwrap_or(false);
    let out = sort_values(s, items, b.get("key"), reverse)?;
    Ok(Value::list(out))
}

/// `reversed(sequence)`: sequences only (not sets, dicts keep order).
pub fn reversed(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let v = b.req("sequence");
    let kind = match v {
        Value::List(_) => "list_reverseiterator",
        Value::Range(_) => "range_iterator",
        Value::Dict(_) => "dict_reversekeyiterator",
        Value::Tuple(_) | Value::Str(_) | Value::Array(_) | Value::Named(_) => "reversed",
        other => {
            return Err(EvalError::type_error(format!(
                "'{}' object is not reversible",
                other.type_name()
            )));
        }
    };
    let mut items = iterate(v)?;
    items.reverse();
    Ok(Value::Iter(Rc::new(PyIter::new(kind, items))))
}

/// `set(iterable=())`.
pub fn set(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    match b.get("iterable") {
        None => Ok(Value::set(Vec::new())),
        Some(v) => pyseq::set_from(iterate(v)?),
    }
}

/// `dict(mapping_or_pairs=(), **kwargs)`; called with the raw arguments
/// because the keywords become keys.
pub fn dict(call: CallArgs) -> EvalResult<Value> {
    let mut pairs = match call.pos.as_slice() {
        [] => Vec::new(),
        [Value::Dict(d)] => d.snapshot(),
        [v] => pyseq::pairs_of(v)?,
        many => {
            return Err(EvalError::type_error(format!(
                "dict expected at most 1 argument, got {}",
                many.len()
            ))
            .at(&call.span));
        }
    };
    pairs.extend(call.kw.into_iter().map(|(k, v)| (Value::str(k), v)));
    pyseq::dict_from(pairs)
}

/// `help(obj)`: the builtin's signature, doc and example from the
/// builtins table (the text `:help name` shows); a user function's
/// signature and docstring.
pub fn help(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let text = match b.get("request") {
        None => "Type help(np.gradient) or :help for gradlab's functions.\n".to_string(),
        Some(v) => help_text(v),
    };
    s.write(text);
    Ok(Value::None)
}

/// `dict` is called through [`dict`] with the raw arguments; this entry
/// only serves calls that bypass it (none today).
pub fn dict_unbound(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    dict(CallArgs {
        pos: b.get("mapping").cloned().into_iter().collect(),
        ..Default::default()
    })
}

/// The help text for a value (see [`help`]).
pub fn help_text(v: &Value) -> String {
    match v {
        Value::Builtin(b) => format!("{}\n    {}\n  Example: {}\n", b.sig, b.doc, b.example),
        Value::Function(f) => {
            let params: Vec<String> = f
                .params
                .iter()
                .map(|p| {
                    let star = match p.kind {
                        ParamKind::VarArgs => "*",
                        ParamKind::VarKw => "**",
                        _ => "",
                    };
                    match &p.default {
                        Some(d) => format!("{star}{}={}", p.name.name, &f.source[d.span.clone()]),
                        None => format!("{star}{}", p.name.name),
                    }
                })
                .collect();
            let mut out = format!("{}({})\n", f.name, params.join(", "));
            if let Some(doc) = &f.def.doc {
                for line in doc.lines() {
                    out.push_str(&format!("    {}\n", line.trim()));
                }
            }
            out
        }
        other => format!("No help for a {} object.\n", other.short_type()),
    }
}

pub fn out_table(_: &mut Session, _: &Bound, _: bool) -> EvalResult<Value> {
    Err(EvalError::type_error(
        "'dict' object is not callable; use Out[n]",
    ))
}

/// A dtype named by `float` / `int` / `bool` builtins in `astype(float)`.
pub fn builtin_dtype(name: &str) -> Option<DType> {
    match name {
        "float" => Some(DType::Float64),
        "int" => Some(DType::Int64),
        "bool" => Some(DType::Bool),
        "complex" => Some(DType::Complex128),
        _ => None,
    }
}

/// Sorts values as Python's `sorted` does (stable; `key` applied first).
pub fn sort_values(
    s: &mut Session,
    items: Vec<Value>,
    key: Option<&Value>,
    reverse: bool,
) -> EvalResult<Vec<Value>> {
    let keys: Vec<Value> = match key {
        Some(Value::None) | None => items.clone(),
        Some(f) => {
            let mut out = Vec::with_capacity(items.len());
            for v in &items {
                let call = crate::eval::CallArgs {
                    pos: smallvec::smallvec![v.clone()],
                    ..Default::default()
                };
                out.push(s.call_value(f, call)?);
            }
            out
        }
    };
    let mut idx: Vec<usize> = (0..items.len()).collect();
    let mut failure: Option<EvalError> = None;
    let less = |a: &Value, b: &Value| -> EvalResult<bool> {
        let r = crate::eval::ops::compare(crate::syntax::ast::CmpOp::Lt, a, b)?;
        truthy(&r)
    };
    // Python's sort is stable; `reverse` keeps equal items in order.
    idx.sort_by(|&i, &j| {
        let (a, b) = if reverse {
            (&keys[j], &keys[i])
        } else {
            (&keys[i], &keys[j])
        };
        match less(a, b) {
            Ok(true) => std::cmp::Ordering::Less,
            Ok(false) => match less(b, a) {
                Ok(true) => std::cmp::Ordering::Greater,
                Ok(false) => std::cmp::Ordering::Equal,
                Err(e) => {
                    failure.get_or_insert(e);
                    std::cmp::Ordering::Equal
                }
            },
            Err(e) => {
                failure.get_or_insert(e);
                std::cmp::Ordering::Equal
            }
        }
    });
    if let Some(e) = failure {
        return Err(e);
    }
    Ok(idx.into_iter().map(|i| items[i].clone()).collect())
}
