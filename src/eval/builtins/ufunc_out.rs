//! A ufunc's `out` array (`np.cos(x, out)` or `out=`): NumPy's checks of
//! its type, shape and dtype ('same_kind' casting), then the result
//! broadcast and written into it, and the same array object returned.

use crate::array::{Casting, DType, broadcast_shapes, shape_compact};

use super::super::error::{ErrorKind, EvalError, EvalResult};
use super::super::index::{Idx, assign_array};
use super::super::value::Value;

/// The array an `out` argument names (a 1-tuple holding it too), or
/// NumPy's TypeError.
pub fn out_array(out: &Value) -> EvalResult<Value> {
    match out {
        Value::Array(_) => Ok(out.clone()),
        Value::Tuple(items) if items.len() == 1 && matches!(items[0], Value::Array(_)) => {
            Ok(items[0].clone())
        }
        _ => Err(EvalError::type_error("return arrays must be of ArrayType")),
    }
}

/// Checks, before anything is computed, that a result of `shape` from
/// the ufunc `name` fits `out` (NumPy's ValueErrors).
pub fn check_shape(out: &Value, shape: &[usize]) -> EvalResult<()> {
    let Value::Array(o) = out else {
        return Ok(());
    };
    let joint = broadcast_shapes(shape, o.shape())?;
    if joint != o.shape() {
        return Err(EvalError::value_error(format!(
            "non-broadcastable output operand with shape {} doesn't match the broadcast shape {}",
            shape_compact(o.shape()),
            shape_compact(&joint)
        )));
    }
    Ok(())
}

/// Checks that the ufunc `name`'s result dtype `from` casts to `out`'s
/// under 'same_kind' (NumPy's UFuncTypeError).
pub fn check_dtype(name: &str, from: DType, out: &Value) -> EvalResult<()> {
    let Value::Array(o) = out else {
        return Ok(());
    };
    if from.can_cast(o.dtype(), Casting::SameKind) {
        return Ok(());
    }
    Err(EvalError::new(
        ErrorKind::UFuncTypeError,
        format!(
            "Cannot cast ufunc '{name}' output from dtype('{}') to dtype('{}') with casting rule 'same_kind'",
            from.name(),
            o.dtype().name()
        ),
    ))
}

/// `out[...] = result`; returns `out` itself (`np.cos(x, out) is out`).
pub fn write(out: &Value, result: &Value) -> EvalResult<Value> {
    if let Value::Array(o) = out {
        assign_array(o, &[Idx::Ellipsis], result)?;
    }
    Ok(out.clone())
}
