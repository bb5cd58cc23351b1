//! Array attributes (`.shape`, `.T`, ...) and methods (`.reshape()`,
//! `.sum()`, `.astype()`, ...), mostly delegating to the builtins.

use crate::eval::ErrorKind;
use std::rc::Rc;

use crate::array::{Array, DType, Element, dispatch};

use super::args::{CallArgs, Signature, bind};
use super::builtins;
use super::builtins::shape::reshape_dims;
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
    "conj",
    "conjugate",
];

/// Attribute names of arrays, for completion.
pub fn attribute_names() -> impl Iterator<Item = &'static str> {
    ["shape", "ndim", "size", "dtype", "T", "real", "imag"]
        .into_iter()
        .chain(METHODS.iter().copied())
}

/// The receiver's array: the same elements (a handle, not a copy).
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
        "T" => wrap(a.t(), matches!(v, Value::Scalar(_))),
        "real" => builtins::complex_parts::part(v, builtins::complex_parts::Part::Real)?,
        "imag" => builtins::complex_parts::part(v, builtins::complex_parts::Part::Imag)?,
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
            Ok(Value::array(a.reshape(&dims)?))
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
            Ok(wrap(a.astype(d)?, matches!(recv, Value::Scalar(_))))
        }
        "copy" => {
            simple("copy()", call)?;
            match recv {
                Value::Array(_) => Ok(Value::array(a.copy()?)),
                _ => Ok(recv.clone()),
            }
        }
        "flatten" => {
            simple("flatten()", call)?;
            Ok(Value::array(a.flatten()?))
        }
        "ravel" => {
            simple("ravel()", call)?;
            Ok(Value::array(a.ravel()?))
        }
        "transpose" => {
            let axes = if call.pos.is_empty() {
                None
            } else {
                Some(reshape_dims(&call.pos)?)
            };
            Ok(Value::array(a.transpose(axes.as_deref())?))
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
            Ok(python_scalar(a.first().expect("one element")))
        }
        "any" | "all" => {
            simple("any()", call)?;
            let v = dispatch!(a.dtype(), T => {
                let r = a.read::<T>();
                let mut it = r.iter().map(|x| x.cast::<bool>());
                if name == "any" { it.any(|x| x) } else { it.all(|x| x) }
            });
            Ok(Value::Scalar(Scalar::Bool(v)))
        }
        "conj" | "conjugate" => {
            simple("conj()", call)?;
            builtins::complex_parts::conj_method(recv)
        }
        "argmin" | "argmax" => {
            simple("argmax()", call)?;
            if a.is_empty() {
                return Err(EvalError::value_error(format!(
                    "attempt to get {name} of an empty sequence"
                ))
                .at(&span));
            }
            let best = dispatch!(a.dtype(), T => arg_extreme::<T>(&a, name == "argmax"));
            Ok(Value::Scalar(Scalar::Int64(best as i64)))
        }
        _ => Err(EvalError::new(
            ErrorKind::AttributeError,
            format!("no method {name}"),
        )),
    };
    r.map_err(|e| e.at(&span))
}

/// The C-order position of the first maximum (or minimum), or of the first
/// NaN, read as float64 in registers.
fn arg_extreme<T: Element>(a: &Array, max: bool) -> usize {
    let r = a.read::<T>();
    let (mut best, mut best_v) = (0, f64::NAN);
    for (i, x) in r.iter().map(|x| x.cast::<f64>()).enumerate() {
        if i == 0 {
            best_v = x;
        }
        if best_v.is_nan() {
            break;
        }
        if x.is_nan() || (max && x > best_v) || (!max && x < best_v) {
            best = i;
            best_v = x;
        }
    }
    best
}

fn python_scalar(s: Scalar) -> Value {
    match s {
        Scalar::Bool(x) => Value::Bool(x),
        Scalar::Complex128(_) => Value::Scalar(s),
        s if s.dtype().is_integer() => Value::Int(s.get::<i64>()),
        s => Value::Float(s.as_f64()),
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
    let flat: Vec<Scalar> = dispatch!(a.dtype(), T => {
        a.read::<T>()
            .iter()
            .map(|x| x.to_scalar())
            .collect()
    });
    if a.is_empty() {
        return Value::List(Rc::new(Vec::new()));
    }
    build(&flat, a.shape())
}
