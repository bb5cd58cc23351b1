//! Python's iteration: what `for`, unpacking, comprehensions and the
//! builtins that take iterables see of a value.

use super::error::{EvalError, EvalResult};
use super::index::{Idx, index_array};
use super::value::Value;

/// The items of an iterable value, in order: sequences item by item,
/// strings character by character, dicts by key, arrays along their first
/// axis (rows of a matrix).
pub fn iterate(v: &Value) -> EvalResult<Vec<Value>> {
    match v {
        Value::Tuple(items) => Ok((**items).clone()),
        Value::List(items) => Ok(items.snapshot()),
        Value::Set(items) => {
            let items = items.borrow();
            Ok(super::pyobj::set_order(&items).unwrap_or_else(|| items.clone()))
        }
        Value::Named(t) => Ok(t.items.clone()),
        Value::DictView(v) => Ok(v.items()),
        Value::Dict(items) => Ok(items.borrow().iter().map(|(k, _)| k.clone()).collect()),
        Value::Array(a) if a.ndim() > 0 => {
            let n = a.shape()[0];
            (0..n as i64)
                .map(|i| index_array(a, &[Idx::Int(i)]))
                .collect()
        }
        Value::Array(_) => Err(EvalError::type_error("iteration over a 0-d array")),
        Value::Str(s) => Ok(s.chars().map(|c| Value::str(c.to_string())).collect()),
        Value::Range(r) => r.items(),
        Value::Flat(a) => super::builtins::flat::items(a),
        Value::Iter(it) => Ok(it.drain()),
        Value::Series(_) | Value::PdIndex(_) | Value::DataFrame(_) => {
            super::builtins::pandas::iterate(v)
        }
        other => Err(EvalError::type_error(format!(
            "'{}' object is not iterable",
            other.type_name()
        ))),
    }
}
