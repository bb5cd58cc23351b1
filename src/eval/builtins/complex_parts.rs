//! Complex parts (issue 13): `real`, `imag`, `conj`/`conjugate`, `angle`,
//! and the arrays' `.real`/`.imag`/`.conj()` they share, for every dtype.
//!
//! NumPy's `np.real(v)` is `v.real` (so a Python number stays a Python
//! number) and `.real` of a real array is that array itself; `.imag` of a
//! real array is a read-only array of zeros. Of a complex128 array NumPy's
//! `.real`/`.imag` are writeable float64 views into the complex elements;
//! the array layer has no view that reinterprets a dtype, so gradlab gives
//! a read-only copy: reading matches NumPy, writing through it fails
//! (loudly) instead of changing the complex array.

use crate::array::{Array, Complex128, DType, Kind, map};

use super::super::args::Bound;
use super::super::convert::{to_array, truthy, wrap};
use super::super::error::{EvalError, EvalResult};
use super::super::ops::unsupported_dtype;
use super::super::session::Session;
use super::super::value::Value;
use super::{Builtin, Home};

builtins! { COMPLEX_PARTS;
    "real", Numpy, real, "real(val)",
        "The real part (a real array is its own real part).",
        "np.real(np.array([1.5, -2.0]))";
    "imag", Numpy, imag, "imag(val)",
        "The imaginary part (zeros, read-only, for a real array).",
        "np.imag(np.ones(2, dtype=complex))";
    "conj", Numpy, conj, "conj(x)",
        "The complex conjugate, elementwise (a copy for real input).",
        "np.conj(np.ones(2, dtype=complex))";
    "conjugate", Numpy, conj, "conjugate(x)",
        "The complex conjugate, elementwise (same as conj).",
        "np.conjugate(np.array([1, 2]))";
    "angle", Numpy, angle, "angle(z, deg=False)",
        "The counterclockwise angle from the positive real axis (arctan2(imag, real)).",
        "np.angle(np.array([1., -1., 0.]), deg=True)";
}

/// Which part [`part`] takes.
#[derive(Clone, Copy, PartialEq)]
pub enum Part {
    Real,
    Imag,
}

/// `a.real`/`a.imag` of an array or NumPy scalar (scalars stay scalars).
pub fn part(v: &Value, which: Part) -> EvalResult<Value> {
    let a = match v {
        Value::Array(a) => (**a).clone(),
        Value::Scalar(s) => s.to_array(),
        _ => to_array(v)?,
    };
    let out = match (a.dtype(), which) {
        (DType::Complex128, p) => map::<Complex128, f64>(&a, move |z| match p {
            Part::Real => z.re,
            Part::Imag => z.im,
        })?
        .read_only(),
        (_, Part::Real) => return Ok(v_or_array(v, a)),
        (d, Part::Imag) => Array::zeros(d, a.shape())?.read_only(),
    };
    Ok(wrap(out, matches!(v, Value::Scalar(_))))
}

/// The receiver itself when it is an array or scalar (NumPy's `a.real is
/// a`), else the array made from it.
fn v_or_array(v: &Value, a: Array) -> Value {
    match v {
        Value::Array(_) | Value::Scalar(_) => v.clone(),
        _ => Value::array(a),
    }
}

/// `.real`/`.imag` of a Python number (bool's parts are ints).
fn python_part(v: &Value, which: Part) -> Option<Value> {
    Some(match (v, which) {
        (Value::Int(i), Part::Real) => Value::Int(*i),
        (Value::Bool(b), Part::Real) => Value::Int(i64::from(*b)),
        (Value::Int(_) | Value::Bool(_), Part::Imag) => Value::Int(0),
        (Value::Float(x), Part::Real) => Value::Float(*x),
        (Value::Float(_), Part::Imag) => Value::Float(0.0),
        (Value::Complex(z), Part::Real) => Value::Float(z.re),
        (Value::Complex(z), Part::Imag) => Value::Float(z.im),
        _ => return None,
    })
}

fn real_or_imag(b: &Bound, which: Part) -> EvalResult<Value> {
    let v = b.req("val");
    if let Some(p) = python_part(v, which) {
        return Ok(p);
    }
    b.at("val", part(v, which))
}

pub fn real(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    real_or_imag(b, Part::Real)
}

pub fn imag(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    real_or_imag(b, Part::Imag)
}

/// The conjugate of an array: complex elements negate their imaginary
/// part, real ones are copied; bool is conjugated in int8, NumPy's
/// smallest loop that takes it.
pub fn conjugate(a: &Array) -> EvalResult<Array> {
    Ok(match a.dtype() {
        DType::Complex128 => map::<Complex128, Complex128>(a, |z| z.conj())?,
        DType::Bool => a.astype(DType::Int8)?,
        _ => a.copy()?,
    })
}

/// `np.conj(x)`: a ufunc, so Python numbers become NumPy scalars.
pub fn conj(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let x = b.req("x");
    let a = b.at("x", to_array(x))?;
    Ok(wrap(conjugate(&a)?, !matches!(x, Value::Array(_))))
}

/// `np.angle(z, deg=False)`: `arctan2(z.imag, z.real)` for complex input,
/// `arctan2(0, z)` otherwise (float32 stays float32, integers and bools
/// give float64), then `a *= 180/pi` for degrees.
pub fn angle(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let z = b.at("z", to_array(b.req("z")))?;
    let deg = b.opt("deg").map(truthy).transpose()?.unwrap_or(false);
    let factor = 180.0 / std::f64::consts::PI;
    let out = match z.dtype() {
        DType::Complex128 => map::<Complex128, f64>(&z, move |v| {
            let a = v.im.atan2(v.re);
            if deg { a * factor } else { a }
        })?,
        DType::Float32 => map::<f32, f32>(&z, move |x| {
            let a = 0f32.atan2(x);
            if deg { a * factor as f32 } else { a }
        })?,
        // NumPy computes these in float16.
        d @ (DType::Int8 | DType::UInt8 | DType::Int16 | DType::UInt16) => {
            return Err(unsupported_dtype(d));
        }
        d if matches!(d.kind(), Kind::Bool | Kind::Int | Kind::UInt | Kind::Float) => {
            map::<f64, f64>(&z.astype(DType::Float64)?, move |x| {
                let a = 0f64.atan2(x);
                if deg { a * factor } else { a }
            })?
        }
        d => return Err(unsupported_dtype(d)),
    };
    Ok(wrap(out, true))
}

/// `x.conj()`/`x.conjugate()` of an array or NumPy scalar.
pub fn conj_method(v: &Value) -> EvalResult<Value> {
    let a = match v {
        Value::Array(a) => (**a).clone(),
        Value::Scalar(s) => s.to_array(),
        _ => return Err(EvalError::type_error("conj() of a non-array")),
    };
    Ok(wrap(conjugate(&a)?, matches!(v, Value::Scalar(_))))
}

/// `.real` of a Python number, for attribute lookup.
pub fn python_number_part(v: &Value, name: &str) -> Option<Value> {
    match name {
        "real" => python_part(v, Part::Real),
        "imag" => python_part(v, Part::Imag),
        _ => None,
    }
}
