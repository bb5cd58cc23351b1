//! `np.average`: the mean without weights, else `sum(a * w) / sum(w)` in
//! NumPy's order (complex when the data or the weights are).

use ndarray::ArrayD;

use crate::array::{Array, Complex128, DType, cmath, zip_map};

use super::super::super::args::Bound;
use super::super::super::convert::{to_array, truthy, wrap};
use super::super::super::error::{ErrorKind, EvalError, EvalResult};
use super::super::super::session::Session;
use super::super::super::value::Value;
use super::super::reduce;
use super::{axis_arg, call};

fn weights_sum_to_zero() -> EvalError {
    EvalError::new(
        ErrorKind::ZeroDivisionError,
        "Weights sum to zero, can't be normalized",
    )
}

/// `average` of complex data or weights: the weights' complex sum, the
/// products (NumPy's FMA multiply loop) summed, a complex division.
fn complex_average(
    a: &Array,
    w: &Array,
    axis: Option<usize>,
    keep: bool,
    returned: bool,
) -> EvalResult<Value> {
    let scl = reduce::typed_sum::<Complex128>(w, axis, keep);
    if scl.iter().any(|z| z.re == 0.0 && z.im == 0.0) {
        return Err(weights_sum_to_zero());
    }
    let prod = zip_map::<Complex128, Complex128, Complex128>(a, w, cmath::mul)?;
    let num = reduce::typed_sum::<Complex128>(&prod, axis, keep);
    let avg = ndarray::Zip::from(&num)
        .and(&scl)
        .map_collect(|&n, &d| crate::array::complex_div(n, d));
    let avg = wrap(Array::from_ndarray(avg), true);
    Ok(match returned {
        true => Value::tuple(vec![avg, wrap(Array::from_ndarray(scl), true)]),
        false => avg,
    })
}

/// The weighted average along `axis`: `sum(a * w) / sum(w)`.
pub fn average(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let a = b.at("a", to_array(b.req("a")))?;
    let axis = axis_arg(b, "axis", a.ndim())?;
    let keep = match b.get("keepdims") {
        Some(v) => truthy(v)?,
        None => false,
    };
    let returned = b.opt("returned").map(truthy).transpose()?.unwrap_or(false);
    let Some(wv) = b.opt("weights") else {
        let kept = match axis {
            None => Value::None,
            Some(k) => Value::Int(k as i64),
        };
        let avg = call(
            s,
            b,
            "mean(a, axis=None, keepdims=False)",
            reduce::mean,
            vec![Value::array(a.clone()), kept, Value::Bool(keep)],
        )?;
        if !returned {
            return Ok(avg);
        }
        let n = axis.map_or(a.len(), |k| a.shape()[k]) as f64;
        let scl = match &avg {
            Value::Array(x) => {
                Value::array(Array::full(x.shape(), crate::array::Scalar::Float64(n))?)
            }
            _ => Value::Scalar(crate::array::Scalar::Float64(n)),
        };
        return Ok(Value::tuple(vec![avg, scl]));
    };
    let w = b.at("weights", to_array(wv))?;
    // NumPy's result dtype: complex when either is, else float64.
    let dt = match (a.dtype(), w.dtype()) {
        (DType::Complex128, _) | (_, DType::Complex128) => DType::Complex128,
        _ => DType::Float64,
    };
    let a = a.as_dtype(dt)?;
    let mut w = w.as_dtype(dt)?;
    if w.shape() != a.shape() {
        let Some(k) = axis else {
            return Err(EvalError::type_error(
                "Axis must be specified when shapes of a and weights differ.",
            ));
        };
        if w.ndim() != 1 || w.shape()[0] != a.shape()[k] {
            return Err(EvalError::value_error(
                "Shape of weights must be consistent with shape of a along specified axis.",
            ));
        }
        // Weights along the axis, broadcast over the others.
        let mut shape = vec![1; a.ndim()];
        shape[k] = w.len();
        w = w.reshape_to(&shape)?.broadcast_to(a.shape())?;
    }
    if dt == DType::Complex128 {
        return complex_average(&a, &w, axis, keep, returned);
    }
    let scl = reduce::float_sum_of(&w, axis, keep)?;
    if scl.iter().any(|&x| x == 0.0) {
        return Err(weights_sum_to_zero());
    }
    let prod = zip_map::<f64, f64, f64>(&a, &w, |p, q| p * q)?;
    let num = reduce::float_sum_of(&prod, axis, keep)?;
    let avg: ArrayD<f64> = &num / &scl;
    let avg = wrap(Array::from_ndarray(avg), true);
    Ok(match returned {
        true => Value::tuple(vec![avg, wrap(Array::from_ndarray(scl), true)]),
        false => avg,
    })
}
