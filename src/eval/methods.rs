//! Array attributes (`.shape`, `.T`, ...) and methods (`.reshape()`,
//! `.sum()`, `.astype()`, ...), mostly delegating to the builtins.

use crate::eval::ErrorKind;
use std::rc::Rc;

use crate::array::{Array, Casting, DType, Element, dispatch};

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
    own("fill", fill),
    own("view", view),
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

/// `a.astype(dtype, order='K', casting='unsafe', subok=True, copy=True)`:
/// the elements cast to `dtype` when `casting` allows it (NumPy's
/// TypeError otherwise); `a` itself for `copy=False` when nothing changes.
/// Every order gives the same values (gradlab's arrays are C-ordered).
fn astype(_: &mut Session, recv: &Value, a: &Array, call: CallArgs) -> EvalResult<Value> {
    if call.pos.is_empty() && !call.kw.iter().any(|(k, _)| k == "dtype") {
        return Err(EvalError::type_error(
            "astype() missing required argument 'dtype' (pos 0)",
        ));
    }
    let b = simple(
        "astype(dtype, order='K', casting='unsafe', subok=True, copy=True)",
        call,
    )?;
    let d = dtype_arg(b.req("dtype"))?.unwrap_or(DType::Float64);
    order_arg(b.get("order"))?;
    let rule = b.get("casting").map(casting_arg).transpose()?;
    let scalar = matches!(recv, Value::Scalar(_));
    if let Some(CastRule::Numpy(c)) = rule
        && !a.dtype().can_cast(d, c)
    {
        return Err(EvalError::type_error(format!(
            "Cannot cast {} from dtype('{}') to dtype('{d}') according to the rule '{}'",
            if scalar { "scalar" } else { "array data" },
            a.dtype(),
            c.name()
        )));
    }
    let copy = b.get("copy").map(super::convert::truthy).transpose()?;
    if copy == Some(false) && a.dtype() == d && matches!(recv, Value::Array(_)) {
        return Ok(recv.clone());
    }
    let flags = super::warnings::cast_flags(a, d);
    let out = a.astype(d)?;
    if rule == Some(CastRule::SameValue) && !same_values(a, &out)? {
        return Err(EvalError::value_error(format!(
            "could not cast 'same_value' {} to {}",
            c_name(a.dtype()),
            c_name(d)
        )));
    }
    super::warnings::report(flags, "cast")?;
    Ok(wrap(out, scalar))
}

/// A `casting=` rule of `astype`: one of [`Casting`]'s, or NumPy 2.4's
/// `'same_value'` (any cast that leaves every value as it was).
#[derive(Clone, Copy, PartialEq)]
enum CastRule {
    Numpy(Casting),
    SameValue,
}

fn casting_arg(v: &Value) -> EvalResult<CastRule> {
    let Value::Str(s) = v else {
        return Err(EvalError::type_error(format!(
            "casting must be str, not {}",
            v.type_name()
        )));
    };
    match Casting::parse(s) {
        Some(c) => Ok(CastRule::Numpy(c)),
        None if &**s == "same_value" => Ok(CastRule::SameValue),
        None => Err(EvalError::value_error(format!(
            "casting must be one of 'no', 'equiv', 'safe', 'same_kind', 'unsafe', 'same_value' (got '{s}')"
        ))),
    }
}

/// Whether `out` (a cast of `a`) holds `a`'s values: cast back, equal
/// element by element (NaN to NaN).
fn same_values(a: &Array, out: &Array) -> EvalResult<bool> {
    let back = out.astype(a.dtype())?;
    let (x, y) = (a.to_f64_vec(), back.to_f64_vec());
    let same = |(p, q): (&f64, &f64)| p == q || (p.is_nan() && q.is_nan());
    Ok(a.dtype() == out.dtype() || x.iter().zip(&y).all(same))
}

/// The C type NumPy names a dtype by in cast errors (`double`, `long`).
fn c_name(d: DType) -> &'static str {
    match d {
        DType::Bool => "npy_bool",
        DType::Int8 => "byte",
        DType::Int16 => "short",
        DType::Int32 => "int",
        DType::Int64 => "long",
        DType::UInt8 => "ubyte",
        DType::UInt16 => "ushort",
        DType::UInt32 => "uint",
        DType::UInt64 => "ulong",
        DType::Float32 => "float",
        DType::Float64 => "double",
        DType::Complex128 => "cdouble",
    }
}

/// `a.fill(value)`: every element of `a` set to `value` as `a[...] = value`
/// stores it (NumPy's conversions and errors; through a view into its
/// base, `a[::2].fill(1)`); returns None. A NumPy scalar's `fill` leaves
/// it as it is (scalars are immutable).
fn fill(_: &mut Session, recv: &Value, a: &Array, call: CallArgs) -> EvalResult<Value> {
    if !call.kw.is_empty() {
        return Err(EvalError::type_error(
            "ndarray.fill() takes no keyword arguments",
        ));
    }
    let [value] = &call.pos[..] else {
        return Err(EvalError::type_error(format!(
            "fill() takes exactly 1 argument ({} given)",
            call.pos.len()
        )));
    };
    let sequence = match value {
        Value::List(_) | Value::Tuple(_) => true,
        Value::Array(v) => v.ndim() > 0,
        _ => false,
    };
    if sequence {
        return Err(EvalError::value_error(
            "setting an array element with a sequence.",
        ));
    }
    if matches!(recv, Value::Array(_)) {
        super::index::assign_array(a, &[super::index::Idx::Ellipsis], value)?;
    }
    Ok(Value::None)
}

/// `a.view(dtype=None, type=None)`: the same elements through a new handle
/// (writes go through), or its bytes read as `dtype` ([`Array::view_as`]).
/// `type` can only be `np.ndarray`, the one array class gradlab has.
fn view(_: &mut Session, recv: &Value, a: &Array, call: CallArgs) -> EvalResult<Value> {
    let b = simple("view(dtype=None, type=None)", call)?;
    let d = match b.get("dtype") {
        None | Some(Value::None | Value::Class(_)) => None,
        Some(v) => dtype_arg(v)?,
    };
    let out = match d {
        None => a.view(),
        Some(d) => a.view_as(d)?,
    };
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
