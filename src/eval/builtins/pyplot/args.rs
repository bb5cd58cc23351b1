//! Reading a pyplot call's bound arguments: numbers, text, line keywords,
//! file names, and the axes the call draws on.

use crate::array::{Array, DType};
use crate::eval::args::Bound;
use crate::eval::convert::real;
use crate::eval::error::{EvalError, EvalResult};
use crate::eval::session::Session;
use crate::eval::value::Value;
use crate::mpl::{AxesId, LineKw};

use super::super::pandas::to_array_of;

/// The values as float64 numbers, with their shape.
pub(super) fn floats(v: &Value) -> EvalResult<(Vec<usize>, Vec<f64>)> {
    let a: Array = to_array_of(v)?;
    let a = a.as_dtype(DType::Float64)?;
    Ok((a.shape().to_vec(), a.to_f64_vec()))
}

pub(super) fn flat(v: &Value) -> EvalResult<Vec<f64>> {
    Ok(floats(v)?.1)
}

pub(super) fn text(b: &Bound, name: &str) -> EvalResult<Option<String>> {
    Ok(match b.opt(name) {
        None => None,
        Some(Value::Str(t)) => Some(t.to_string()),
        Some(v) => Some(v.to_string()),
    })
}

pub(super) fn number(b: &Bound, name: &str) -> EvalResult<Option<f64>> {
    b.opt(name).map(|v| b.at(name, real(v))).transpose()
}

pub(super) fn line_kw(b: &Bound) -> EvalResult<LineKw> {
    let pick = |a: &str, alias: &str| -> EvalResult<Option<String>> {
        match text(b, a)? {
            Some(t) => Ok(Some(t)),
            None if b.has(alias) => text(b, alias),
            None => Ok(None),
        }
    };
    // Not every drawing call takes a line width (scatter, bar do not).
    let width = match b.has("linewidth") {
        false => None,
        true => match number(b, "linewidth")? {
            Some(w) => Some(w),
            None if b.has("lw") => number(b, "lw")?,
            None => None,
        },
    };
    Ok(LineKw {
        label: text(b, "label")?,
        color: pick("color", "c")?,
        linestyle: if b.has("linestyle") {
            pick("linestyle", "ls")?
        } else {
            None
        },
        marker: if b.has("marker") {
            text(b, "marker")?
        } else {
            None
        },
        linewidth: width,
    })
}

/// The axes a call draws on: the receiver's, or pyplot's current one.
pub(super) fn target(s: &mut Session) -> AxesId {
    match s.tables.receiver.take() {
        Some(Value::Axes(id)) => {
            s.tables.pyplot.sca(id);
            id
        }
        _ => s.tables.pyplot.gca(),
    }
}

pub(super) fn path_arg(b: &Bound, name: &str) -> EvalResult<String> {
    match b.req(name) {
        Value::Str(t) => Ok(t.to_string()),
        other => Err(EvalError::type_error(format!(
            "gradlab takes a file name (a str) here, not {}",
            other.short_type()
        ))),
    }
}
