//! Python builtins: `print`, `len`, `repr`, `str`, `float`, `int`, ...

use crate::eval::ErrorKind;
use std::rc::Rc;

use crate::engine::DType;

use super::super::args::Bound;
use super::super::convert::{index_int, real, truthy};
use super::super::error::{EvalError, EvalResult};
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
        Value::List(x) | Value::Tuple(x) => Ok(Value::Int(x.len() as i64)),
        Value::Named(t) => Ok(Value::Int(t.items.len() as i64)),
        Value::Str(x) => Ok(Value::Int(x.chars().count() as i64)),
        other => Err(EvalError::type_error(format!(
            "object of type '{}' has no len()",
            other.short_type()
        ))),
    }
}

pub fn repr(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    Ok(Value::str(s.repr(b.req("obj"))))
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
        Some(v) => real(v).map(Value::Float),
    }
}

fn parse_float(t: &str) -> EvalResult<f64> {
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
        Some(Value::Str(t)) => t
            .trim()
            .replace('_', "")
            .parse::<i64>()
            .map(Value::Int)
            .map_err(|_| {
                EvalError::value_error(format!(
                    "invalid literal for int() with base 10: {}",
                    crate::format::py_repr_str(t)
                ))
            }),
        Some(v @ (Value::Int(_) | Value::Bool(_) | Value::Scalar(Scalar::I(_) | Scalar::B(_)))) => {
            index_int(v).map(Value::Int)
        }
        Some(v) => {
            let x = real(v)?;
            if x.is_nan() {
                return Err(EvalError::value_error(
                    "cannot convert float NaN to integer",
                ));
            }
            if x.is_infinite() {
                return Err(EvalError::new(
                    ErrorKind::OverflowError,
                    "cannot convert float infinity to integer",
                ));
            }
            Ok(Value::Int(x.trunc() as i64))
        }
    }
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
    Ok(Value::List(Rc::new(items)))
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
    if step == 0 {
        return Err(EvalError::value_error("range() arg 3 must not be zero"));
    }
    let n = if (step > 0 && stop > start) || (step < 0 && stop < start) {
        ((stop - start).abs() + step.abs() - 1) / step.abs()
    } else {
        0
    };
    if n > 10_000_000 {
        return Err(EvalError::new(
            ErrorKind::MemoryError,
            "range too long for a gradlab list; use np.arange",
        ));
    }
    Ok(Value::List(Rc::new(
        (0..n).map(|i| Value::Int(start + i * step)).collect(),
    )))
}

pub fn type_(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    Ok(Value::str(format!(
        "<class '{}'>",
        b.req("obj").type_name()
    )))
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
        _ => None,
    }
}
