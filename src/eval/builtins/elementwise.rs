//! More NumPy ufuncs (issue 13): angle conversions, `exp2`/`expm1`/`log1p`,
//! the arithmetic ufuncs that spell an operator (`power`, `mod`, ...),
//! `fmod`, `reciprocal`, `sinc`, `heaviside`, `gcd`/`lcm` and the real-input
//! forms of `real`/`imag`/`conj`/`angle`.

use crate::array::{Array, DType, map};
use crate::syntax::ast::{BinOp, UnaryOp};

use super::super::args::Bound;
use super::super::convert::{to_array, wrap};
use super::super::error::{EvalError, EvalResult};
use super::super::ops::{self, scalar_of, unsupported_dtype, zip_as};
use super::super::session::Session;
use super::super::value::Value;
use super::super::warnings;
use super::{Builtin, Home};

builtins! { ELEMENTWISE;
    "deg2rad", Numpy, float_unary, "deg2rad(x)", "Degrees to radians, elementwise.", "np.deg2rad(np.array([0, 90, 180]))";
    "radians", Numpy, float_unary, "radians(x)", "Degrees to radians (same as deg2rad).", "np.radians(180)";
    "rad2deg", Numpy, float_unary, "rad2deg(x)", "Radians to degrees, elementwise.", "np.rad2deg(np.pi / 2)";
    "degrees", Numpy, float_unary, "degrees(x)", "Radians to degrees (same as rad2deg).", "np.degrees(np.array([np.pi, 1.0]))";
    "exp2", Numpy, float_unary, "exp2(x)", "2**x, elementwise.", "np.exp2(np.array([0, 1, 10]))";
    "expm1", Numpy, float_unary, "expm1(x)", "exp(x) - 1, accurate for small x.", "np.expm1(1e-10)";
    "log1p", Numpy, float_unary, "log1p(x)", "log(1 + x), accurate for small x.", "np.log1p(1e-10)";
    "power", Numpy, operator, "power(x1, x2)", "x1 ** x2, elementwise.", "np.power(np.array([1, 2, 3]), 2)";
    "mod", Numpy, operator, "mod(x1, x2)", "x1 % x2 (sign of the divisor), elementwise.", "np.mod(np.array([-3, 3]), 2)";
    "remainder", Numpy, operator, "remainder(x1, x2)", "x1 % x2 (sign of the divisor), elementwise.", "np.remainder(7.5, 2)";
    "floor_divide", Numpy, operator, "floor_divide(x1, x2)", "x1 // x2, elementwise.", "np.floor_divide(np.array([7, -7]), 2)";
    "true_divide", Numpy, operator, "true_divide(x1, x2)", "x1 / x2, elementwise.", "np.true_divide(np.array([1, 2]), 4)";
    "fmod", Numpy, fmod, "fmod(x1, x2)", "C's fmod: the remainder has the sign of the dividend.", "np.fmod(np.array([-3, 3]), 2)";
    "negative", Numpy, sign_op, "negative(x)", "-x, elementwise.", "np.negative(np.array([1, -2]))";
    "positive", Numpy, sign_op, "positive(x)", "+x, elementwise (a copy).", "np.positive(np.array([1.5, -2]))";
    "reciprocal", Numpy, reciprocal, "reciprocal(x)", "1/x, elementwise (integer division for ints).", "np.reciprocal(np.array([1., 2., 4.]))";
    "sinc", Numpy, sinc, "sinc(x)", "sin(pi x) / (pi x), 1 at x = 0.", "np.sinc(np.array([0, 0.5, 1]))";
    "heaviside", Numpy, heaviside, "heaviside(x1, x2)", "0 for x1 < 0, x2 at 0, 1 for x1 > 0.", "np.heaviside(np.array([-1, 0, 2]), 0.5)";
    "gcd", Numpy, gcd_lcm, "gcd(x1, x2)", "Greatest common divisor of integers, elementwise.", "np.gcd(12, np.array([18, 8]))";
    "lcm", Numpy, gcd_lcm, "lcm(x1, x2)", "Least common multiple of integers, elementwise.", "np.lcm(4, np.array([6, 10]))";
}

/// A Python number as the NumPy scalar a ufunc sees (NEP 50 keeps int and
/// float operands' kinds, which is all gradlab's three dtypes need).
fn numpy_operand(v: &Value) -> EvalResult<Value> {
    match v {
        Value::Bool(_) | Value::Int(_) | Value::Float(_) | Value::Complex(_) => {
            Ok(Value::Scalar(scalar_of(v).expect("a Python number")))
        }
        Value::List(_) | Value::Tuple(_) => Ok(Value::array(to_array(v)?)),
        other => Ok(other.clone()),
    }
}

/// The float64 kernel of a float-only unary ufunc.
fn float_kernel(name: &str) -> fn(f64) -> f64 {
    match name {
        // NumPy multiplies by the rounded constants, not x * pi / 180.
        "deg2rad" | "radians" => |x| x * (std::f64::consts::PI / 180.0),
        "rad2deg" | "degrees" => |x| x * (180.0 / std::f64::consts::PI),
        "exp2" => f64::exp2,
        "expm1" => f64::exp_m1,
        _ => f64::ln_1p,
    }
}

/// Reads `x`, refusing bool input: NumPy computes it in float16, which
/// gradlab has no dtype for.
fn float_input(b: &Bound, name: &str) -> EvalResult<Array> {
    let a = b.at(name, to_array(b.req(name)))?;
    if a.dtype() == DType::Bool {
        return Err(unsupported_dtype(DType::Bool));
    }
    Ok(a)
}

fn map_f64(a: &Array, f: impl Fn(f64) -> f64 + Sync + Copy) -> EvalResult<Array> {
    Ok(match a.dtype() {
        DType::Float64 => map::<f64, f64>(a, f)?,
        _ => map::<f64, f64>(&a.astype(DType::Float64)?, f)?,
    })
}

/// `deg2rad`, `rad2deg`, `exp2`, ...: float64 results.
pub fn float_unary(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let a = float_input(b, "x")?;
    let name = b.sig.name.as_str();
    let out = warnings::ufunc(name, || map_f64(&a, float_kernel(name)))?;
    Ok(wrap(out, !matches!(b.req("x"), Value::Array(_))))
}

/// The ufuncs that are an operator: `np.power(a, b)` is `a ** b`.
pub fn operator(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let op = match b.sig.name.as_str() {
        "power" => BinOp::Pow,
        "mod" | "remainder" => BinOp::Mod,
        "floor_divide" => BinOp::FloorDiv,
        _ => BinOp::Div,
    };
    let x1 = numpy_operand(b.req("x1"))?;
    let x2 = numpy_operand(b.req("x2"))?;
    ops::ufunc_binary(op, &x1, &x2)
}

/// `negative`/`positive`: the unary operators on NumPy operands.
pub fn sign_op(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let op = match b.sig.name.as_str() {
        "negative" => UnaryOp::Neg,
        _ => UnaryOp::Pos,
    };
    ops::unary(op, &numpy_operand(b.req("x"))?)
}

fn both_scalar(b: &Bound) -> bool {
    !matches!(b.req("x1"), Value::Array(_)) && !matches!(b.req("x2"), Value::Array(_))
}

/// `fmod`: C's remainder (truncated division); 0 for an integer divisor
/// of 0, as NumPy's integer loop gives.
pub fn fmod(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let (x1, x2) = (b.req("x1"), b.req("x2"));
    let dt = ops::result_dtype(x1, x2)?;
    let (a, c) = (to_array(x1)?, to_array(x2)?);
    warnings::begin();
    let out = match dt {
        DType::Float64 => zip_as::<f64, f64>(&a, &c, |u, v| u % v)?,
        DType::Int64 => {
            zip_as::<i64, i64>(&a, &c, |u, v| if v == 0 { 0 } else { u.wrapping_rem(v) })?
        }
        // bool % bool is computed in int8 by NumPy.
        other => return Err(unsupported_dtype(other)),
    };
    warnings::check("fmod")?;
    Ok(wrap(out, both_scalar(b)))
}

/// `reciprocal`: `1/x`; integers divide in C (`1/2 == 0`), and `1/0` is
/// NumPy's INT_MIN on x86.
pub fn reciprocal(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let a = b.at("x", to_array(b.req("x")))?;
    warnings::begin();
    let out = match a.dtype() {
        DType::Float64 => map::<f64, f64>(&a, |x| 1.0 / x)?,
        DType::Int64 => map::<i64, i64>(&a, |x| match x {
            0 => i64::MIN,
            _ => 1i64.wrapping_div(x),
        })?,
        other => return Err(unsupported_dtype(other)),
    };
    warnings::check("reciprocal")?;
    Ok(wrap(out, !matches!(b.req("x"), Value::Array(_))))
}

/// `sinc(x)`: NumPy's `y = where(pi*x, pi*x, eps); sin(y)/y`.
pub fn sinc(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let a = b.at("x", to_array(b.req("x")))?;
    // `pi * x` is float64 for every input dtype, so eps is float64's.
    let out = map_f64(&a, |x| {
        let y = std::f64::consts::PI * x;
        let y = if y == 0.0 { f64::EPSILON } else { y };
        y.sin() / y
    })?;
    Ok(wrap(out, true))
}

/// `heaviside(x1, x2)`: float64, NaN for NaN.
pub fn heaviside(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let a = b.at("x1", to_array(b.req("x1")))?.astype(DType::Float64)?;
    let c = b.at("x2", to_array(b.req("x2")))?.astype(DType::Float64)?;
    if to_array(b.req("x1"))?.dtype() == DType::Bool
        && to_array(b.req("x2"))?.dtype() == DType::Bool
    {
        return Err(unsupported_dtype(DType::Bool));
    }
    let out = zip_as::<f64, f64>(&a, &c, |x, h| {
        if x.is_nan() {
            x
        } else if x < 0.0 {
            0.0
        } else if x > 0.0 {
            1.0
        } else {
            h
        }
    })?;
    Ok(wrap(out, both_scalar(b)))
}

fn gcd(mut u: i64, mut v: i64) -> i64 {
    while v != 0 {
        (u, v) = (v, u.wrapping_rem(v));
    }
    u.wrapping_abs()
}

/// `gcd`/`lcm` of integers (bools compute in int8 in NumPy: refused).
pub fn gcd_lcm(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let name = b.sig.name.as_str();
    let (x1, x2) = (b.req("x1"), b.req("x2"));
    match ops::result_dtype(x1, x2)? {
        DType::Int64 => {}
        DType::Float64 => {
            return Err(EvalError::type_error(format!(
                "ufunc '{name}' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''"
            )));
        }
        other => return Err(unsupported_dtype(other)),
    }
    let (a, c) = (to_array(x1)?, to_array(x2)?);
    let out = if name == "gcd" {
        zip_as::<i64, i64>(&a, &c, gcd)?
    } else {
        zip_as::<i64, i64>(&a, &c, |u, v| {
            let g = gcd(u, v);
            if g == 0 {
                0
            } else {
                (u / g).wrapping_mul(v).wrapping_abs()
            }
        })?
    };
    Ok(wrap(out, both_scalar(b)))
}
