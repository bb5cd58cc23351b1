//! DataFrame and Series methods (`head`, `tail`, `describe`, `dropna`,
//! `diff`, `to_numpy`, `tolist`, `to_csv`) on the receiver lent by the call.

use std::path::Path;
use std::rc::Rc;

use crate::eval::args::Bound;
use crate::eval::convert::{index_int, truthy};
use crate::eval::error::{EvalError, EvalResult};
use crate::eval::session::Session;
use crate::eval::value::Value;
use crate::pandas::{self, DataFrame, Series};

use super::to_array_of;

/// The receiver of the method being called.
fn receiver(s: &mut Session) -> Value {
    s.tables.receiver.take().unwrap_or(Value::None)
}

pub(super) fn frame(df: DataFrame) -> Value {
    Value::DataFrame(Rc::new(df))
}

pub(super) fn series_value(sr: Series) -> Value {
    Value::Series(Rc::new(sr))
}

fn count(b: &Bound, name: &str) -> EvalResult<i64> {
    b.value(name).map_or(Ok(5), |v| b.at(name, index_int(&v)))
}

pub(super) fn head(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let n = count(b, "n")?;
    Ok(match receiver(s) {
        Value::DataFrame(df) => frame(df.head(n)),
        Value::Series(sr) => series_value(sr.head(n)),
        _ => Value::None,
    })
}

pub(super) fn tail(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let n = count(b, "n")?;
    Ok(match receiver(s) {
        Value::DataFrame(df) => frame(df.tail(n)),
        Value::Series(sr) => series_value(sr.tail(n)),
        _ => Value::None,
    })
}

pub(super) fn describe(s: &mut Session, _: &Bound, _: bool) -> EvalResult<Value> {
    Ok(match receiver(s) {
        Value::DataFrame(df) => frame(df.describe().map_err(EvalError::from)?),
        Value::Series(sr) => series_value(sr.describe().map_err(EvalError::from)?),
        _ => Value::None,
    })
}

pub(super) fn dropna(s: &mut Session, _: &Bound, _: bool) -> EvalResult<Value> {
    Ok(match receiver(s) {
        Value::DataFrame(df) => frame(df.dropna()),
        Value::Series(sr) => series_value(sr.dropna()),
        _ => Value::None,
    })
}

pub(super) fn diff(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let periods = b
        .value("periods")
        .map_or(Ok(1), |v| b.at("periods", index_int(&v)))?;
    Ok(match receiver(s) {
        Value::DataFrame(df) => frame(df.diff(periods).map_err(EvalError::from)?),
        Value::Series(sr) => series_value(sr.diff(periods).map_err(EvalError::from)?),
        _ => Value::None,
    })
}

pub(super) fn to_numpy(s: &mut Session, _: &Bound, _: bool) -> EvalResult<Value> {
    let recv = receiver(s);
    Ok(Value::array(to_array_of(&recv)?))
}

/// `s.tolist()`: Python scalars, as NumPy's `tolist` gives them.
pub(super) fn tolist(s: &mut Session, _: &Bound, _: bool) -> EvalResult<Value> {
    let recv = receiver(s);
    let items = crate::eval::iter::iterate(&recv)?
        .into_iter()
        .map(|v| match v {
            Value::Scalar(crate::array::Scalar::Float64(x)) => Value::Float(x),
            Value::Scalar(crate::array::Scalar::Int64(i)) => Value::Int(i),
            Value::Scalar(crate::array::Scalar::Bool(b)) => Value::Bool(b),
            other => other,
        })
        .collect();
    Ok(Value::list(items))
}

pub(super) fn to_csv(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let Value::DataFrame(df) = receiver(s) else {
        return Ok(Value::None);
    };
    let index = b.value("index").map_or(Ok(true), |v| truthy(&v))?;
    match b.opt("path_or_buf") {
        None => Ok(Value::str(df.to_csv_string(index))),
        Some(Value::Str(path)) => {
            super::super::files::check_write(s, "df.to_csv", path)?;
            pandas::write_csv(&df, Path::new(&**path), index).map_err(EvalError::from)?;
            Ok(Value::None)
        }
        Some(other) => Err(b.at(
            "path_or_buf",
            Err(EvalError::type_error(format!(
                "gradlab's to_csv writes to a file name (a str), not a {}",
                other.short_type()
            ))),
        )?),
    }
}
