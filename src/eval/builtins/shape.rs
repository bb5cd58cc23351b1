//! Joining and reshaping: `concatenate`, `stack`, `transpose`, `reshape`
//! (the array layer's, which give views where NumPy does).

use crate::array::{Array, concatenate as join};

use super::super::args::Bound;
use super::super::convert::{index_int, norm_axis, to_array, truthy};
use super::super::error::{EvalError, EvalResult};
use super::super::session::Session;
use super::super::value::Value;
use super::order::{Order, order_arg, reshape_ordered};

/// The arrays of a sequence argument (each shared, not copied), or the
/// rows of an array.
fn arrays_arg(v: &Value) -> EvalResult<Vec<Array>> {
    match v {
        v if let Some(items) = v.seq_items() => items.iter().map(to_array).collect(),
        Value::Array(a) if a.ndim() > 0 => (0..a.shape()[0] as i64)
            .map(|i| Ok(a.index_axis(0, i)?))
            .collect(),
        _ => Err(EvalError::type_error("expected a sequence of arrays")),
    }
}

pub fn concatenate(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let arrays = b.at("arrays", arrays_arg(b.req("arrays")))?;
    let axis = match b.get("axis") {
        None => Some(0),
        Some(Value::None) => None,
        Some(v) => Some(b.at("axis", index_int(v))?),
    };
    Ok(Value::array(join(&arrays, axis)?))
}

pub fn stack(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let arrays = b.at("arrays", arrays_arg(b.req("arrays")))?;
    let first = arrays
        .first()
        .ok_or_else(|| EvalError::value_error("need at least one array to stack"))?;
    if arrays.iter().any(|a| a.shape() != first.shape()) {
        return Err(EvalError::value_error(
            "all input arrays must have the same shape",
        ));
    }
    let axis = match b.get("axis") {
        None => 0,
        Some(v) => b.at("axis", index_int(v))?,
    };
    let k = norm_axis(axis, first.ndim() + 1)?;
    let expanded: Vec<Array> = arrays.iter().map(|a| a.insert_axis(k)).collect();
    Ok(Value::array(join(&expanded, Some(k as i64))?))
}

fn ints(v: &Value) -> EvalResult<Vec<i64>> {
    match v {
        v if let Some(items) = v.seq_items() => items.iter().map(index_int).collect(),
        other => Ok(vec![index_int(other)?]),
    }
}

pub fn transpose(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let a = b.at("a", to_array(b.req("a")))?;
    let axes = b.opt("axes").map(ints).transpose()?;
    Ok(Value::array(a.transpose(axes.as_deref())?))
}

/// The dims of a reshape call: one tuple/list argument or several ints.
pub fn reshape_dims(args: &[Value]) -> EvalResult<Vec<i64>> {
    match args {
        [single] => ints(single),
        many => many.iter().map(index_int).collect(),
    }
}

/// `np.reshape(a, shape, order='C', *, copy=None)`.
pub fn reshape(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let a = b.at("a", to_array(b.req("a")))?;
    let dims = b.at("shape", ints(b.req("shape")))?;
    let order = b.at("order", order_arg(b.get("order")))?;
    Ok(Value::array(reshape_copy(&a, &dims, order, b.opt("copy"))?))
}

/// A reshape with NumPy's `copy=`: `None` a view where one is possible,
/// true always a copy, false a view or ValueError.
pub fn reshape_copy(
    a: &Array,
    dims: &[i64],
    order: Order,
    copy: Option<&Value>,
) -> EvalResult<Array> {
    let r = reshape_ordered(a, dims, order)?;
    match copy.map(truthy).transpose()? {
        Some(true) if r.shares_buffer(a) => Ok(r.copy()?),
        Some(false) if !r.shares_buffer(a) && !a.is_empty() => Err(EvalError::value_error(
            "Unable to avoid creating a copy while reshaping.",
        )),
        _ => Ok(r),
    }
}
