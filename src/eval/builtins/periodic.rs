//! `np.interp(x, xp, fp, period=...)`: NumPy's normalisation of periodic
//! data (`x % period`, `xp % period` sorted, one point wrapped onto each
//! end) before the ordinary interpolation.

use crate::array::{Array, DType};
use crate::syntax::ast::{BinOp, CmpOp};

use super::super::args::Bound;
use super::super::convert::{real, to_array, truthy, wrap};
use super::super::error::{EvalError, EvalResult};
use super::super::ops;
use super::super::value::Value;
use super::stats::interp_point;

/// `abs(period)` as Python's `abs` takes it.
fn abs_period(period: &Value) -> EvalResult<Value> {
    match period {
        Value::Int(_) | Value::Float(_) | Value::Bool(_) | Value::Scalar(_) | Value::BigInt(_) => {
            Ok(Value::Float(real(period)?.abs()))
        }
        Value::Array(a) => Ok(Value::array(
            Array::scalar_f64(real(period)?.abs()).reshape_to(a.shape())?,
        )),
        other => Err(EvalError::type_error(format!(
            "bad operand type for abs(): '{}'",
            other.short_type()
        ))),
    }
}

/// `np.asarray(v, dtype=np.float64) % period`, with NumPy's warnings.
fn modulo(v: &Value, period: &Value) -> EvalResult<Array> {
    let a = Value::array(to_array(v)?.as_dtype(DType::Float64)?);
    to_array(&ops::binary(BinOp::Mod, &a, period)?)
}

/// `np.interp` with `period`: `left` and `right` are ignored. Errors:
/// a zero period, data not 1-D, `xp` and `fp` of different lengths
/// (NumPy's ValueErrors), an empty `xp`.
pub fn interp_periodic(b: &Bound, period: &Value) -> EvalResult<Value> {
    if truthy(&ops::compare(CmpOp::Eq, period, &Value::Int(0))?)? {
        return Err(EvalError::value_error("period must be a non-zero value"));
    }
    let period = abs_period(period)?;
    let x = modulo(b.req("x"), &period)?;
    let xp = b.at("xp", to_array(b.req("xp")))?;
    let fp = b.at("fp", to_array(b.req("fp")))?;
    if xp.ndim() != 1 || fp.ndim() != 1 {
        return Err(EvalError::value_error("Data points must be 1-D sequences"));
    }
    if xp.len() != fp.len() {
        return Err(EvalError::value_error(
            "fp and xp are not of the same length",
        ));
    }
    let xp = modulo(&Value::array(xp), &period)?.to_vec::<f64>();
    let fp = fp.as_dtype(DType::Float64)?.to_vec::<f64>();
    let mut order: Vec<usize> = (0..xp.len()).collect();
    order.sort_by(|&i, &j| super::sorting::order(&xp[i], &xp[j]));
    let p = real(&period)?;
    let (mut xs, mut fs) = (
        Vec::with_capacity(xp.len() + 2),
        Vec::with_capacity(xp.len() + 2),
    );
    if let (Some(&first), Some(&last)) = (order.first(), order.last()) {
        xs.push(xp[last] - p);
        fs.push(fp[last]);
        xs.extend(order.iter().map(|&i| xp[i]));
        fs.extend(order.iter().map(|&i| fp[i]));
        xs.push(xp[first] + p);
        fs.push(fp[first]);
    }
    if xs.is_empty() {
        return Err(EvalError::value_error("array of sample points is empty"));
    }
    let (left, right) = (fs[0], fs[fs.len() - 1]);
    let out = crate::array::map::<f64, f64>(&x, |v| interp_point(v, &xs, &fs, left, right))?;
    Ok(wrap(out, true))
}
