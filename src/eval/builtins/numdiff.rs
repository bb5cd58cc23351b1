//! numdifftools-style derivatives of functions: `nd.Derivative`,
//! `nd.Gradient`, `nd.Jacobian`, `nd.Hessian` and gradlab's `derivative`,
//! shaped as numdifftools 0.11 shapes them (see `crate::numdiff`).

use std::cell::RefCell;
use std::rc::Rc;

use crate::array::Array;
use crate::numdiff::{self, DerivativeOptions, Estimate, Method, NumDiffError, Point};

use super::super::args::{Bound, CallArgs, Signature, bind};
use super::super::convert::{index_int, real, to_array, truthy};
use super::super::error::{EvalError, EvalResult};
use super::super::session::Session;
use super::super::value::{NamedTuple, NumdiffObject, Scalar, Value};
use super::classroom::{call_scalar, call_vector};

fn options(b: &Bound) -> EvalResult<(DerivativeOptions, bool)> {
    let mut o = DerivativeOptions::default();
    if let Some(v) = b.has("n").then(|| b.opt("n")).flatten() {
        o.n = usize::try_from(index_int(v)?)
            .map_err(|_| EvalError::value_error("n must be non-negative"))?;
    }
    if let Some(v) = b.opt("order") {
        o.order = usize::try_from(index_int(v)?)
            .map_err(|_| EvalError::value_error("order must be positive"))?;
    }
    if let Some(v) = b.opt("method") {
        let Value::Str(m) = v else {
            return Err(EvalError::type_error("method must be a string"));
        };
        o.method = Method::from_name(m).ok_or_else(|| {
            EvalError::value_error(format!(
                "method '{m}' is not one of 'central', 'forward', 'backward'"
            ))
        })?;
    }
    if let Some(v) = b.opt("step") {
        o.step = Some(real(v)?);
    }
    let full = b
        .opt("full_output")
        .map(truthy)
        .transpose()?
        .unwrap_or(false);
    Ok((o, full))
}

fn make(kind: &'static str, b: &Bound) -> EvalResult<Value> {
    let (o, full) = options(b)?;
    Ok(Value::Numdiff(Rc::new(NumdiffObject {
        kind,
        func: b.req("f").clone(),
        n: o.n,
        method: o.method.name().to_string(),
        order: o.order,
        step: o.step,
        full_output: full,
    })))
}

pub fn derivative_obj(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    make("Derivative", b)
}

pub fn gradient_obj(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    make("Gradient", b)
}

pub fn jacobian_obj(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    make("Jacobian", b)
}

pub fn hessian_obj(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    make("Hessian", b)
}

/// A numdiff failure as the exception the user sees, naming the sample
/// point and, when it differs, the point of differentiation `at`.
fn nd_error(e: NumDiffError<EvalError>, at: Point) -> EvalError {
    let context = |x: &Point| {
        if *x == at {
            String::new()
        } else {
            format!(", a sample for the derivative at x = {at}")
        }
    };
    match e {
        NumDiffError::Function { x, source } => EvalError::new(
            source.kind,
            format!(
                "{} (raised by the function at x = {x}{})",
                source.message,
                context(&x)
            ),
        ),
        NumDiffError::NonFinite { x, value } => EvalError::value_error(format!(
            "no finite derivative at x = {at}: the function returned {} at x = {x}",
            numdiff::py_float_repr(value)
        )),
        other => EvalError::value_error(other.to_string()),
    }
}

fn array(shape: &[usize], data: Vec<f64>) -> Value {
    Value::array(Array::from_vec(shape, data).expect("shape matches data"))
}

/// numdifftools' `EstimateResult` field names.
const ESTIMATE_RESULT: &[&str] = &["estimate", "error_estimate", "final_step", "best_index"];

/// What `full_output=True` returns: `EstimateResult(estimate,
/// error_estimate, final_step, best_index)`, a namedtuple. `est` holds the
/// estimates in C order of numdifftools' internal result array, whose
/// shape is `info_shape`; `value` is the estimate as numdifftools shapes it.
/// `best_index` is the flat index into numdifftools' (sequence × elements)
/// error table: `index · size + element`.
fn estimate_result(value: Value, est: &[Estimate], info_shape: &[usize]) -> Value {
    let size = est.len();
    let best: Vec<i64> = est
        .iter()
        .enumerate()
        .map(|(k, e)| (e.index * size + k) as i64)
        .collect();
    Value::Named(Rc::new(NamedTuple {
        name: "EstimateResult",
        fields: ESTIMATE_RESULT,
        items: vec![
            value,
            array(info_shape, est.iter().map(|e| e.error).collect()),
            array(info_shape, est.iter().map(|e| e.step).collect()),
            Value::array(Array::from_i64(best)),
        ],
    }))
}

/// The estimate, or the `EstimateResult` when `full` is set.
fn result(full: bool, shape: &[usize], est: &[Estimate], info_shape: &[usize]) -> Value {
    let value = array(shape, est.iter().map(|e| e.value).collect());
    if full {
        estimate_result(value, est, info_shape)
    } else {
        value
    }
}

/// Elementwise derivative estimates over the points of `x`.
fn estimates(
    s: &mut Session,
    f: &Value,
    x: &Array,
    o: &DerivativeOptions,
) -> EvalResult<Vec<Estimate>> {
    let mut out = Vec::with_capacity(x.len());
    for xi in x.to_f64_vec() {
        let mut g = |t: f64| -> Result<f64, EvalError> { call_scalar(s, f, t) };
        out.push(numdiff::derivative(&mut g, xi, o).map_err(|e| nd_error(e, Point::Scalar(xi)))?);
    }
    Ok(out)
}

/// `np.squeeze`: the shape without its length-1 axes.
fn squeezed(shape: &[usize]) -> Vec<usize> {
    shape.iter().copied().filter(|&d| d != 1).collect()
}

/// `nd.Derivative(f, ...)(x)` and friends, shaped as numdifftools 0.11
/// shapes them (table in `crate::numdiff`); x of any shape is raveled for
/// `Gradient`, `Jacobian` and `Hessian` (numdifftools raises for a 2-D x
/// in the last two).
pub fn call_numdiff(s: &mut Session, obj: &NumdiffObject, call: CallArgs) -> EvalResult<Value> {
    // The call's signature names the object, as Python's errors do.
    let sig = match obj.kind {
        "Derivative" => "Derivative(x)",
        "Gradient" => "Gradient(x)",
        "Jacobian" => "Jacobian(x)",
        _ => "Hessian(x)",
    };
    let b = bind(Signature::of(sig), call)?;
    let x = to_array(b.req("x"))?;
    let o = DerivativeOptions {
        n: obj.n,
        method: Method::from_name(&obj.method).unwrap_or(Method::Central),
        order: obj.order,
        step: obj.step,
    };
    let f = obj.func.clone();
    let full = obj.full_output;
    if obj.kind == "Derivative" {
        let est = estimates(s, &f, &x, &o)?;
        return Ok(result(full, x.shape(), &est, x.shape()));
    }
    let xv = x.to_f64_vec();
    // Whether f returned an array rather than a number (Hessian keeps it).
    let mut array_out = false;
    let session = RefCell::new(s);
    let mut vector_f = |v: &[f64]| -> Result<Vec<f64>, EvalError> {
        let (out, is_array) = call_vector(&mut session.borrow_mut(), &f, v)?;
        array_out |= is_array;
        Ok(out)
    };
    match obj.kind {
        "Gradient" | "Jacobian" => {
            let j = numdiff::jacobian_estimates(&mut vector_f, &xv, &o)
                .map_err(|e| nd_error(e, Point::Vector(xv.clone())))?;
            let shape = [j.len(), xv.len()];
            let est: Vec<Estimate> = j.into_iter().flatten().collect();
            // Gradient is Jacobian with the estimate squeezed.
            let value_shape = if obj.kind == "Gradient" {
                squeezed(&shape)
            } else {
                shape.to_vec()
            };
            Ok(result(full, &value_shape, &est, &shape))
        }
        "Hessian" => {
            let mut scalar_f = |v: &[f64]| -> Result<f64, EvalError> {
                let out = vector_f(v)?;
                match out.as_slice() {
                    [y] => Ok(*y),
                    _ => Err(EvalError::value_error(format!(
                        "nd.Hessian expects f to return one number, got {} values",
                        out.len()
                    ))),
                }
            };
            let h = numdiff::hessian_estimates(&mut scalar_f, &xv, &o)
                .map_err(|e| nd_error(e, Point::Vector(xv.clone())))?;
            let n = xv.len();
            // f returning a 1-element array adds its axis in front.
            let shape = if array_out { vec![1, n, n] } else { vec![n, n] };
            let est: Vec<Estimate> = h.into_iter().flatten().collect();
            Ok(result(full, &shape, &est, &shape))
        }
        other => Err(EvalError::type_error(format!(
            "unknown numdifftools object {other}"
        ))),
    }
}

/// gradlab's `derivative(f, x, n=1, full_output=False)`: a float64 scalar
/// for scalar x (elementwise for arrays); with `full_output`, the
/// `EstimateResult` of `nd.Derivative` with its estimate (and error
/// estimate and step) as scalars for scalar x.
pub fn derivative(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let (o, full) = options(b)?;
    let f = b.req("f").clone();
    let x = b.at("x", to_array(b.req("x")))?;
    let est = estimates(s, &f, &x, &o)?;
    if x.ndim() > 0 {
        return Ok(result(full, x.shape(), &est, x.shape()));
    }
    let e = est[0];
    if !full {
        return Ok(Value::Scalar(Scalar::Float64(e.value)));
    }
    Ok(Value::Named(Rc::new(NamedTuple {
        name: "EstimateResult",
        fields: ESTIMATE_RESULT,
        items: vec![
            Value::Scalar(Scalar::Float64(e.value)),
            Value::Scalar(Scalar::Float64(e.error)),
            Value::Scalar(Scalar::Float64(e.step)),
            Value::Int(e.index as i64),
        ],
    })))
}
