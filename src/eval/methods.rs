//! Array attributes (`.shape`, `.T`, ...) and methods (`.reshape()`,
//! `.sum()`, `.astype()`, ...), mostly delegating to the builtins.

use crate::eval::ErrorKind;
use std::rc::Rc;

use crate::engine::{Array, DType};

use super::args::{CallArgs, Signature, bind};
use super::builtins;
use super::builtins::shape::{reshape_array, reshape_dims, transpose_array};
use super::convert::{dtype_arg, wrap};
use super::error::{EvalError, EvalResult};
use super::session::Session;
use super::value::{Scalar, Value};

const METHODS: &[&str] = &[
    "reshape",
    "sum",
    "mean",
    "min",
    "max",
    "std",
    "astype",
    "copy",
    "tolist",
    "flatten",
    "ravel",
    "cumsum",
    "transpose",
    "round",
    "item",
    "any",
    "all",
    "argmin",
    "argmax",
];

/// Attribute names of arrays, for completion.
pub fn attribute_names() -> impl Iterator<Item = &'static str> {
    ["shape", "ndim", "size", "dtype", "T"]
        .into_iter()
        .chain(METHODS.iter().copied())
}

fn array_of(v: &Value) -> Array {
    match v {
        Value::Array(a) => (**a).clone(),
        Value::Scalar(s) => s.to_array(),
        _ => unreachable!("only arrays and NumPy scalars have array attributes"),
    }
}

/// `a.name` for an array or NumPy scalar.
pub fn array_attr(v: &Value, name: &str) -> EvalResult<Value> {
    let a = array_of(v);
    Ok(match name {
        "shape" => Value::tuple(a.shape().iter().map(|&d| Value::Int(d as i64)).collect()),
        "ndim" => Value::Int(a.ndim() as i64),
        "size" => Value::Int(a.len() as i64),
        "dtype" => Value::DTypeObj(a.dtype()),
        "T" => wrap(transpose_array(&a, None)?, matches!(v, Value::Scalar(_))),
        m if METHODS.contains(&m) => {
            let m: &'static str = METHODS.iter().find(|x| **x == m).expect("listed");
            Value::Method(Rc::new((v.clone(), m)))
        }
        _ => {
            return Err(EvalError::new(
                ErrorKind::AttributeError,
                format!("'{}' object has no attribute '{name}'", v.type_name()),
            ));
        }
    })
}

/// Calls `recv.name(args)`.
pub fn call_method(
    s: &mut Session,
    recv: &Value,
    name: &str,
    mut call: CallArgs,
) -> EvalResult<Value> {
    if builtins::random::is_receiver(recv) {
        return builtins::random::call_method(s, recv, name, call);
    }
    let a = array_of(recv);
    let span = call.span.clone();
    let simple = |sig: &'static str, call: CallArgs| bind(Signature::of(sig), call);
    let r = match name {
        "reshape" => {
            let dims = reshape_dims(&call.pos)?;
            Ok(Value::array(reshape_array(&a, &dims)?))
        }
        "sum" | "mean" | "min" | "max" | "std" | "cumsum" | "round" => {
            call.pos.insert(0, recv.clone());
            call.pos_spans.insert(0, span.clone());
            let b = builtins::lookup(name).expect("method has a builtin");
            let bound = bind(b.signature(), call)?;
            (b.func)(s, &bound, false)
        }
        "astype" => {
            let b = simple("astype(dtype)", call)?;
            let d = dtype_arg(b.req("dtype"))?.unwrap_or(DType::Float64);
            Ok(wrap(a.astype(d), matches!(recv, Value::Scalar(_))))
        }
        "copy" => {
            simple("copy()", call)?;
            Ok(recv.clone())
        }
        "flatten" | "ravel" => {
            simple("flatten()", call)?;
            Ok(Value::array(builtins::creation::reshape_to(&a, &[a.len()])))
        }
        "transpose" => {
            let axes = if call.pos.is_empty() {
                None
            } else {
                Some(reshape_dims(&call.pos)?)
            };
            Ok(Value::array(transpose_array(&a, axes)?))
        }
        "tolist" => {
            simple("tolist()", call)?;
            Ok(tolist(&a))
        }
        "item" => {
            simple("item()", call)?;
            if a.len() != 1 {
                return Err(EvalError::value_error(
                    "can only convert an array of size 1 to a Python scalar",
                )
                .at(&span));
            }
            Ok(python_scalar(
                Scalar::from_array_first(&a).expect("one element"),
            ))
        }
        "any" | "all" => {
            simple("any()", call)?;
            let Array::Bool(m) = a.astype(DType::Bool) else {
                unreachable!()
            };
            let v = if name == "any" {
                m.iter().any(|&x| x)
            } else {
                m.iter().all(|&x| x)
            };
            Ok(Value::Scalar(Scalar::B(v)))
        }
        "argmin" | "argmax" => {
            simple("argmax()", call)?;
            if a.is_empty() {
                return Err(EvalError::value_error(format!(
                    "attempt to get {name} of an empty sequence"
                ))
                .at(&span));
            }
            let v = a.to_f64_vec();
            let mut best = 0;
            for (i, &x) in v.iter().enumerate() {
                if v[best].is_nan() {
                    break;
                }
                if x.is_nan()
                    || (name == "argmax" && x > v[best])
                    || (name == "argmin" && x < v[best])
                {
                    best = i;
                }
            }
            Ok(Value::Scalar(Scalar::I(best as i64)))
        }
        _ => Err(EvalError::new(
            ErrorKind::AttributeError,
            format!("no method {name}"),
        )),
    };
    r.map_err(|e| e.at(&span))
}

fn python_scalar(s: Scalar) -> Value {
    match s {
        Scalar::F(x) => Value::Float(x),
        Scalar::I(x) => Value::Int(x),
        Scalar::B(x) => Value::Bool(x),
    }
}

/// `a.tolist()`: nested Python lists of Python scalars.
pub fn tolist(a: &Array) -> Value {
    fn build(flat: &[Scalar], shape: &[usize]) -> Value {
        match shape {
            [] => python_scalar(flat[0]),
            [n, rest @ ..] => {
                let step: usize = rest.iter().product();
                Value::List(Rc::new(
                    (0..*n).map(|i| build(&flat[i * step..], rest)).collect(),
                ))
            }
        }
    }
    let flat: Vec<Scalar> = match a {
        Array::Float(x) => x.iter().map(|&v| Scalar::F(v)).collect(),
        Array::Int(x) => x.iter().map(|&v| Scalar::I(v)).collect(),
        Array::Bool(x) => x.iter().map(|&v| Scalar::B(v)).collect(),
    };
    if a.is_empty() {
        return Value::List(Rc::new(Vec::new()));
    }
    build(&flat, a.shape())
}
