//! numdifftools-style derivatives of functions: `nd.Derivative`,
//! `nd.Gradient`, `nd.Jacobian`, `nd.Hessian` and gradlab's `derivative`,
//! shaped as numdifftools 0.11 shapes them (see `crate::numdiff`).

use std::cell::RefCell;
use std::rc::Rc;

use ndarray::{ArrayD, IxDyn};

use crate::engine::Array;
use crate::numdiff::{self, DerivativeOptions, Estimate, Method, NumDiffError};

use super::super::args::{Bound, CallArgs, Signature, bind};
use super::super::convert::{index_int, real, to_array, truthy};
use super::super::error::{EvalError, EvalResult};
use super::super::session::Session;
use super::super::value::{NdObject, Scalar, Value};
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
    Ok(Value::Nd(Rc::new(NdObject {
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

/// A numdiff failure as the exception the user sees, naming the point.
fn nd_error(e: NumDiffError<EvalError>) -> EvalError {
    match e {
        NumDiffError::Function { x, source } => EvalError::new(
            &source.kind,
            format!("{} (raised by the function at x = {x})", source.message),
        ),
        other => EvalError::value_error(other.to_string()),
    }
}

fn array(shape: &[usize], data: Vec<f64>) -> Value {
    Value::array(Array::Float(
        ArrayD::from_shape_vec(IxDyn(shape), data).expect("shape matches data"),
    ))
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
        out.push(numdiff::derivative(&mut g, xi, o).map_err(nd_error)?);
    }
    Ok(out)
}

/// `nd.Derivative(f, ...)(x)` and friends.
pub fn call_nd(s: &mut Session, obj: &NdObject, call: CallArgs) -> EvalResult<Value> {
    let b = bind(&Signature::parse(&format!("{}(x)", obj.kind)), call)?;
    let x = to_array(b.req("x"))?;
    let o = DerivativeOptions {
        n: obj.n,
        method: Method::from_name(&obj.method).unwrap_or(Method::Central),
        order: obj.order,
        step: obj.step,
    };
    let f = obj.func.clone();
    match obj.kind {
        "Derivative" => {
            let est = estimates(s, &f, &x, &o)?;
            let value = array(x.shape(), est.iter().map(|e| e.value).collect());
            if obj.full_output {
                let err = array(x.shape(), est.iter().map(|e| e.error).collect());
                return Ok(Value::tuple(vec![value, err]));
            }
            Ok(value)
        }
        "Gradient" | "Jacobian" | "Hessian" => {
            let xv = x.to_f64_vec();
            let session = RefCell::new(s);
            let mut scalar_f = |v: &[f64]| -> Result<f64, EvalError> {
                let out = call_vector(&mut session.borrow_mut(), &f, v)?;
                match out.as_slice() {
                    [y] => Ok(*y),
                    _ => Err(EvalError::value_error(format!(
                        "nd.{} expects f to return one number, got {} values",
                        obj.kind,
                        out.len()
                    ))),
                }
            };
            match obj.kind {
                "Gradient" => {
                    let est = numdiff::gradient(&mut scalar_f, &xv, &o).map_err(nd_error)?;
                    let data: Vec<f64> = est.iter().map(|e| e.value).collect();
                    // numdifftools squeezes a one-element gradient to 0-d.
                    Ok(if data.len() == 1 {
                        array(&[], data)
                    } else {
                        array(&[data.len()], data)
                    })
                }
                "Hessian" => {
                    let h = numdiff::hessian(&mut scalar_f, &xv, &o).map_err(nd_error)?;
                    let n = h.len();
                    Ok(array(&[n, n], h.into_iter().flatten().collect()))
                }
                _ => {
                    let mut vector_f = |v: &[f64]| -> Result<Vec<f64>, EvalError> {
                        call_vector(&mut session.borrow_mut(), &f, v)
                    };
                    let j = numdiff::jacobian(&mut vector_f, &xv, &o).map_err(nd_error)?;
                    let m = j.len();
                    let n = j.first().map_or(0, Vec::len);
                    Ok(array(&[m, n], j.into_iter().flatten().collect()))
                }
            }
        }
        other => Err(EvalError::type_error(format!(
            "unknown numdifftools object {other}"
        ))),
    }
}

/// gradlab's `derivative(f, x, n=1, full_output=False)`: a float64 scalar
/// for scalar x (elementwise for arrays); with `full_output`, the estimate
/// and numdifftools' error estimate.
pub fn derivative(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let (o, full) = options(b)?;
    let f = b.req("f").clone();
    let x = b.at("x", to_array(b.req("x")))?;
    let est = estimates(s, &f, &x, &o)?;
    let shape_value = |vals: Vec<f64>| {
        if x.ndim() == 0 {
            Value::Scalar(Scalar::F(vals[0]))
        } else {
            array(x.shape(), vals)
        }
    };
    let value = shape_value(est.iter().map(|e| e.value).collect());
    if full {
        return Ok(Value::tuple(vec![
            value,
            shape_value(est.iter().map(|e| e.error).collect()),
        ]));
    }
    Ok(value)
}
