//! Array attributes (`.shape`, `.T`, ...) and methods (`.reshape()`,
//! `.sum()`, `.astype()`, ...), mostly delegating to the builtins.

use crate::eval::ErrorKind;
use std::rc::Rc;

use crate::array::{Array, DType, Element, dispatch};

use super::args::{CallArgs, Signature, bind};
use super::builtins;
use super::builtins::order::{flatten_ordered, order_arg, ravel_ordered};
use super::builtins::shape::{reshape_copy, reshape_dims};
use super::convert::{dtype_arg, wrap};
use super::error::{EvalError, EvalResult};
use super::session::Session;
use super::value::{Scalar, Value};

/// How an array method runs.
#[derive(Clone, Copy)]
enum Run {
    /// `a.name(args)` is `np.<builtin>(a, args)`: the builtin's row gives
    /// the signature (NumPy's keywords and defaults), the code and the
    /// errors, so the method and the function cannot drift apart.
    Builtin(&'static str),
    /// Its own code (methods with no function twin, or whose arguments
    /// differ from it: `a.reshape(2, 3)`, `a.transpose(1, 0)`).
    Own(fn(&mut Session, &Value, &Array, CallArgs) -> EvalResult<Value>),
}

/// One array method: its name and how it runs. Completion lists these.
struct Method {
    name: &'static str,
    run: Run,
}

const fn builtin(name: &'static str) -> Method {
    Method {
        name,
        run: Run::Builtin(name),
    }
}

const fn own(
    name: &'static str,
    f: fn(&mut Session, &Value, &Array, CallArgs) -> EvalResult<Value>,
) -> Method {
    Method {
        name,
        run: Run::Own(f),
    }
}

/// The methods of `np.ndarray` (and NumPy scalars) gradlab has.
const METHODS: &[Method] = &[
    builtin("sum"),
    builtin("mean"),
    builtin("min"),
    builtin("max"),
    builtin("std"),
    builtin("var"),
    builtin("prod"),
    builtin("cumsum"),
    builtin("cumprod"),
    builtin("round"),
    builtin("argmin"),
    builtin("argmax"),
    builtin("argsort"),
    builtin("any"),
    builtin("all"),
    builtin("dot"),
    builtin("squeeze"),
    builtin("nonzero"),
    builtin("diagonal"),
    builtin("trace"),
    builtin("swapaxes"),
    builtin("repeat"),
    builtin("searchsorted"),
    own("reshape", reshape),
    own("transpose", transpose),
    own("astype", astype),
    own("copy", copy),
    own("flatten", flatten),
    own("ravel", ravel),
    own("tolist", tolist_method),
    own("item", item),
    own("conj", conj),
    own("conjugate", conj),
    own("sort", sort_in_place),
    own("clip", clip),
];

fn method(name: &str) -> Option<&'static Method> {
    method_index(name).map(|i| &METHODS[i])
}

/// The row of method `name`: lengths compared first, then bytes inline
/// (most rows differ in length; no `memcmp` call per row).
fn method_index(name: &str) -> Option<usize> {
    METHODS
        .iter()
        .position(|m| super::args::same_name(m.name, name))
}

/// The builtin behind method row `i` (`Run::Builtin`), looked up in the
/// builtins table once per process rather than on every call.
fn method_builtin(i: usize) -> Option<&'static builtins::Builtin> {
    static RESOLVED: std::sync::OnceLock<Vec<Option<&'static builtins::Builtin>>> =
        std::sync::OnceLock::new();
    RESOLVED.get_or_init(|| {
        METHODS
            .iter()
            .map(|m| match m.run {
                Run::Builtin(f) => builtins::lookup(f),
                Run::Own(_) => None,
            })
            .collect()
    })[i]
}

/// The builtin that array method `name` is (`a.sum(...)` is
/// `np.sum(a, ...)`), for a call that binds the receiver and its
/// arguments straight into the builtin's parameters; `None` for methods
/// with their own code and for non-methods.
pub(crate) fn builtin_method(name: &str) -> Option<&'static builtins::Builtin> {
    let i = method_index(name)?;
    match METHODS[i].run {
        Run::Builtin(_) => method_builtin(i),
        Run::Own(_) => None,
    }
}

/// Attribute names of arrays, for completion.
pub fn attribute_names() -> impl Iterator<Item = &'static str> {
    [
        "shape", "ndim", "size", "dtype", "T", "flat", "real", "imag",
    ]
    .into_iter()
    .chain(METHODS.iter().map(|m| m.name))
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
    // `a.sum`: a bound method needs the value, not a copy of its handle.
    if !matches!(
        name,
        "shape" | "ndim" | "size" | "dtype" | "T" | "real" | "imag"
    ) && let Some(m) = method(name)
    {
        return Ok(Value::Method(Rc::new((v.clone(), m.name))));
    }
    let a = array_of(v);
    Ok(match name {
        "shape" => Value::tuple(a.shape().iter().map(|&d| Value::Int(d as i64)).collect()),
        "ndim" => Value::Int(a.ndim() as i64),
        "size" => Value::Int(a.len() as i64),
        "dtype" => Value::DTypeObj(a.dtype()),
        "T" => wrap(a.t(), matches!(v, Value::Scalar(_))),
        "flat" => Value::Flat(Rc::new(a.clone())),
        "real" => builtins::complex_parts::part(v, builtins::complex_parts::Part::Real)?,
        "imag" => builtins::complex_parts::part(v, builtins::complex_parts::Part::Imag)?,
        _ => match method(name) {
            Some(m) => Value::Method(Rc::new((v.clone(), m.name))),
            None => {
                return Err(EvalError::new(
                    ErrorKind::AttributeError,
                    format!("'{}' object has no attribute '{name}'", v.type_name()),
                ));
            }
        },
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
    let span = call.span.clone();
    let row = method_index(name);
    let r = match row.map(|i| (i, METHODS[i].run)) {
        Some((i, Run::Builtin(_))) => {
            call.pos.insert(0, recv.clone());
            call.pos_spans.insert(0, span.clone());
            let b = method_builtin(i).expect("method rows name builtins");
            let mut bound = super::args::Bound::empty(b.signature(), span.clone());
            super::args::bind_into(&mut call, &mut bound).and_then(|()| (b.func)(s, &bound, false))
        }
        Some((_, Run::Own(f))) => f(s, recv, &array_of(recv), call),
        None => Err(EvalError::new(
            ErrorKind::AttributeError,
            format!("no method {name}"),
        )),
    };
    r.map_err(|e| e.at(&span))
}

fn simple(sig: &'static str, call: CallArgs) -> EvalResult<super::args::Bound> {
    bind(Signature::of(sig), call)
}

/// `a.reshape(2, 3)` or `a.reshape((2, 3))`, with the keywords `order=`
/// and `copy=` only (NumPy's message for any other).
fn reshape(_: &mut Session, _: &Value, a: &Array, call: CallArgs) -> EvalResult<Value> {
    let (mut order, mut copy) = (None, None);
    for (name, v) in &call.kw {
        match name.as_str() {
            "order" => order = Some(v),
            "copy" => copy = Some(v).filter(|v| !matches!(v, Value::None)),
            _ => {
                return Err(EvalError::type_error(format!(
                    "'{name}' is an invalid keyword argument for this function"
                )));
            }
        }
    }
    let dims = reshape_dims(&call.pos)?;
    let order = order_arg(order)?;
    Ok(Value::array(reshape_copy(a, &dims, order, copy)?))
}

/// `a.transpose()`, `a.transpose(1, 0)` or `a.transpose((1, 0))`.
fn transpose(_: &mut Session, _: &Value, a: &Array, call: CallArgs) -> EvalResult<Value> {
    let axes = if call.pos.is_empty() {
        None
    } else {
        Some(reshape_dims(&call.pos)?)
    };
    Ok(Value::array(a.transpose(axes.as_deref())?))
}

fn astype(_: &mut Session, recv: &Value, a: &Array, call: CallArgs) -> EvalResult<Value> {
    let b = simple("astype(dtype)", call)?;
    let d = dtype_arg(b.req("dtype"))?.unwrap_or(DType::Float64);
    let flags = super::warnings::cast_flags(a, d);
    let out = a.astype(d)?;
    super::warnings::report(flags, "cast")?;
    Ok(wrap(out, matches!(recv, Value::Scalar(_))))
}

/// `a.clip(min=None, max=None)`: unlike `np.clip(a, a_min, a_max)`, both
/// bounds are optional, by position too (`a.clip(0)`, `a.clip()`).
fn clip(s: &mut Session, recv: &Value, _: &Array, call: CallArgs) -> EvalResult<Value> {
    let b = simple("clip(min=None, max=None, out=None)", call)?;
    let (lo, hi) = (b.get("min").cloned(), b.get("max").cloned());
    builtins::stats::clip_between(s, &b, recv, lo, hi)
}

fn copy(_: &mut Session, recv: &Value, a: &Array, call: CallArgs) -> EvalResult<Value> {
    simple("copy()", call)?;
    match recv {
        Value::Array(_) => Ok(Value::array(a.copy()?)),
        _ => Ok(recv.clone()),
    }
}

/// `a.sort(axis=-1, kind=None)`: `np.sort`'s order, written back into
/// `a`'s buffer (every view of it sees the sorted values); returns None.
fn sort_in_place(s: &mut Session, _: &Value, a: &Array, mut call: CallArgs) -> EvalResult<Value> {
    if a.ndim() == 0 {
        return Err(EvalError::new(
            ErrorKind::AxisError,
            "axis -1 is out of bounds for array of dimension 0",
        ));
    }
    call.pos.insert(0, Value::array(a.clone()));
    call.pos_spans.insert(0, call.span.clone());
    let b = builtins::lookup("sort").expect("np.sort is a builtin");
    let sorted = bind(b.signature(), call).and_then(|bound| (b.func)(s, &bound, false))?;
    if let Value::Array(out) = sorted {
        a.assign(&out)?;
    }
    Ok(Value::None)
}

/// `a.flatten(order='C')`: a 1-D copy.
fn flatten(_: &mut Session, _: &Value, a: &Array, call: CallArgs) -> EvalResult<Value> {
    let b = simple("flatten(order='C')", call)?;
    let order = b.at("order", order_arg(b.get("order")))?;
    Ok(Value::array(flatten_ordered(a, order)?))
}

/// `a.ravel(order='C')`: 1-D, a view where the order allows one.
fn ravel(_: &mut Session, _: &Value, a: &Array, call: CallArgs) -> EvalResult<Value> {
    let b = simple("ravel(order='C')", call)?;
    let order = b.at("order", order_arg(b.get("order")))?;
    Ok(Value::array(ravel_ordered(a, order)?))
}

fn tolist_method(_: &mut Session, _: &Value, a: &Array, call: CallArgs) -> EvalResult<Value> {
    simple("tolist()", call)?;
    Ok(tolist(a))
}

fn conj(_: &mut Session, recv: &Value, _: &Array, call: CallArgs) -> EvalResult<Value> {
    simple("conj()", call)?;
    builtins::complex_parts::conj_method(recv)
}

fn item(_: &mut Session, _: &Value, a: &Array, call: CallArgs) -> EvalResult<Value> {
    simple("item()", call)?;
    if a.len() != 1 {
        return Err(EvalError::value_error(
            "can only convert an array of size 1 to a Python scalar",
        ));
    }
    Ok(python_scalar(a.first().expect("one element")))
}

fn python_scalar(s: Scalar) -> Value {
    match s {
        Scalar::Bool(x) => Value::Bool(x),
        Scalar::Complex128(z) => Value::Complex(z),
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
                Value::list((0..*n).map(|i| build(&flat[i * step..], rest)).collect())
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
        return Value::list(Vec::new());
    }
    build(&flat, a.shape())
}
