//! Elementwise math (NumPy ufuncs), `where`, `isclose`/`allclose`, and
//! Python's `math` module.

mod pymath;
mod pyround;

use ndarray::{Dimension, Zip};

use crate::array::{
    Array, Complex128, DType, Element, Fresh, broadcast_shapes, cmath, map, zip_map,
};

use super::super::args::Bound;
use super::super::convert::{index_int, real, to_array, truthy, wrap};
use super::super::error::{EvalError, EvalResult};
use super::super::ops::{self, unsupported_dtype, zip_as};
use super::super::session::Session;
use super::super::value::Value;
use super::super::warnings;
use super::ufunc_out;

pub use pymath::{MATH_NAMES, math_attr};
pub use pyround::python_round;

fn float_fn(name: &str) -> Option<fn(f64) -> f64> {
    Some(match name {
        "sqrt" => f64::sqrt,
        "exp" => f64::exp,
        "log" => f64::ln,
        "log2" => f64::log2,
        "log10" => f64::log10,
        "sin" => f64::sin,
        "cos" => f64::cos,
        "tan" => f64::tan,
        "arcsin" | "asin" => f64::asin,
        "arccos" | "acos" => f64::acos,
        "arctan" | "atan" => f64::atan,
        "sinh" => f64::sinh,
        "cosh" => f64::cosh,
        "tanh" => f64::tanh,
        "floor" => f64::floor,
        "ceil" => f64::ceil,
        "abs" | "fabs" => f64::abs,
        "square" => |x| x * x,
        "sign" => |x: f64| {
            if x.is_nan() {
                x
            } else if x > 0.0 {
                1.0
            } else if x < 0.0 {
                -1.0
            } else {
                0.0
            }
        },
        _ => return None,
    })
}

/// NumPy's name of the ufunc a builtin runs (what its warnings say).
fn ufunc_name(name: &str) -> &str {
    match name {
        "abs" => "absolute",
        "asin" => "arcsin",
        "acos" => "arccos",
        "atan" => "arctan",
        other => other,
    }
}

/// One-argument ufuncs, dispatched on the builtin's name.
pub fn unary(_: &mut Session, b: &Bound, python: bool) -> EvalResult<Value> {
    let name = match b.sig.name.as_str() {
        "absolute" => "abs",
        other => other,
    };
    let x = b.req("x");
    if python && name == "abs" {
        match x {
            Value::Int(i) => {
                return Ok(match i.checked_abs() {
                    Some(a) => Value::Int(a),
                    None => ops::pybigint::negate(&(*i).into()),
                });
            }
            Value::BigInt(n) if ops::pybigint::is_negative(n) => {
                return Ok(ops::pybigint::negate(n));
            }
            Value::BigInt(_) => return Ok(x.clone()),
            Value::Bool(v) => return Ok(Value::Int(i64::from(*v))),
            Value::Float(f) => return Ok(Value::Float(f.abs())),
            Value::Complex(z) => return ops::complex_abs(*z).map(Value::Float),
            _ => {}
        }
    }
    let a = b.at("x", to_array(x))?;
    let as_scalar = a.ndim() == 0;
    let out_arg = match b.has("out").then(|| b.opt("out")).flatten() {
        Some(o) => Some(b.at("out", ufunc_out::out_array(o))?),
        None => None,
    };
    if let Some(o) = &out_arg {
        ufunc_out::check_shape(o, a.shape())?;
    }
    warnings::begin();
    let out = match (name, a.dtype()) {
        ("isnan", DType::Complex128) => map::<Complex128, bool>(&a, cmath::is_nan)?,
        ("isfinite", DType::Complex128) => {
            map::<Complex128, bool>(&a, |z| z.re.is_finite() && z.im.is_finite())?
        }
        // C's complex functions (NumPy's loops call them) and NumPy's own.
        (_, DType::Complex128) if let Some(f) = cmath::unary_fn(ufunc_name(name)) => {
            map::<Complex128, Complex128>(&a, f)?
        }
        ("isnan", _) => map_f64::<bool>(&a, f64::is_nan)?,
        ("isfinite", _) => map_f64::<bool>(&a, f64::is_finite)?,
        ("abs", DType::Int64) => map::<i64, i64>(&a, i64::wrapping_abs)?,
        // NumPy's SIMD `absolute` loop (not C's `cabs`).
        ("abs", DType::Complex128) => map::<Complex128, f64>(&a, cmath::abs)?,
        ("abs", DType::Bool) | ("floor" | "ceil", DType::Int64) => a.copy()?,
        ("square", DType::Int64) => map::<i64, i64>(&a, |e| e.wrapping_mul(e))?,
        ("square", DType::Bool) => map::<bool, i64>(&a, i64::from)?,
        ("sign", DType::Int64) => map::<i64, i64>(&a, i64::signum)?,
        // The kernels that vectorize, as function items (inlined).
        ("sqrt", _) => map_f64::<f64>(&a, f64::sqrt)?,
        ("abs" | "fabs", _) => map_f64::<f64>(&a, f64::abs)?,
        ("square", _) => map_f64::<f64>(&a, |x| x * x)?,
        ("floor", _) => map_f64::<f64>(&a, f64::floor)?,
        ("ceil", _) => map_f64::<f64>(&a, f64::ceil)?,
        _ => {
            let f = float_fn(name).expect("every unary builtin has a float kernel");
            map_f64::<f64>(&a, f)?
        }
    };
    if let Some(o) = &out_arg {
        ufunc_out::check_dtype(ufunc_name(name), out.dtype(), o)?;
    }
    warnings::check(ufunc_name(name))?;
    match out_arg {
        Some(o) => ufunc_out::write(&o, &Value::array(out)),
        None => Ok(wrap(out, as_scalar)),
    }
}

/// `f(x)` for every element read as float64 (in registers).
/// `f` over `a`'s elements as float64. Generic so that a function item
/// (`f64::sqrt`) is inlined into the loop and vectorized; a `fn` pointer
/// works too, one call per element.
fn map_f64<R: Element>(a: &Array, f: impl Fn(f64) -> R + Sync + Copy) -> EvalResult<Array> {
    fn run<A: Element, R: Element>(
        a: &Array,
        f: impl Fn(f64) -> R + Sync + Copy,
    ) -> EvalResult<Array> {
        Ok(map::<A, R>(a, move |x| f(x.cast()))?)
    }
    match a.dtype() {
        DType::Float64 => run::<f64, R>(a, f),
        DType::Int64 => run::<i64, R>(a, f),
        DType::Bool => run::<bool, R>(a, f),
        other => Err(unsupported_dtype(other)),
    }
}

/// `round(a, decimals=0)`: NumPy's `rint(a * 10**d) / 10**d`, or Python's
/// correctly rounded `round` for a bare call on a Python number.
/// `np.round(a, decimals=0)` (a bare `round(...)` is Python's:
/// [`python_round`]).
pub fn round(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let x = b.req("a");
    let d = match b.opt("decimals") {
        None => 0,
        Some(v) => b.at("decimals", index_int(v))?,
    };
    let a = b.at("a", to_array(x))?;
    let as_scalar = a.ndim() == 0;
    Ok(wrap(np_round(&a, d)?, as_scalar))
}

/// NumPy's rounding of `a` to `d` decimals, half to even, in `a`'s dtype:
/// floats scaled by `10**d` in their own precision (float32 in float32),
/// integers to a multiple of `10**-d` when `d < 0`, else unchanged.
fn np_round(a: &Array, d: i64) -> EvalResult<Array> {
    // Beyond ±400 digits every float rounds as at ±400.
    let d = d.clamp(-400, 400);
    Ok(match a.dtype() {
        DType::Float64 => map::<f64, f64>(a, |e| round_f64(e, d))?,
        DType::Float32 => map::<f32, f32>(a, |e| round_f32(e, d))?,
        t if t.is_integer() && d < 0 => {
            map::<f64, f64>(&a.astype(DType::Float64)?, |e| round_f64(e, d))?.astype(t)?
        }
        _ => a.copy()?,
    })
}

fn round_f32(x: f32, d: i64) -> f32 {
    let f = 10f32.powi(d.unsigned_abs().min(64) as i32);
    if d >= 0 {
        (x * f).round_ties_even() / f
    } else {
        (x / f).round_ties_even() * f
    }
}

fn round_f64(x: f64, d: i64) -> f64 {
    if d >= 0 {
        let f = 10f64.powi(d as i32);
        (x * f).round_ties_even() / f
    } else {
        let f = 10f64.powi((-d) as i32);
        (x / f).round_ties_even() * f
    }
}

/// Two-argument ufuncs: `arctan2`, `hypot`, `maximum`, `minimum`.
pub fn binary(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let name = b.sig.name.as_str();
    let (x1, x2) = (b.req("x1"), b.req("x2"));
    let dt = ops::result_dtype(x1, x2)?;
    let (a, c) = (to_array(x1)?, to_array(x2)?);
    let as_scalar = a.ndim() == 0 && c.ndim() == 0;
    let out = match (name, dt) {
        ("hypot", DType::Float32) => zip_as::<f32, f32>(&a, &c, f32::hypot)?,
        ("hypot", _) => zip_as::<f64, f64>(&a, &c, f64::hypot)?,
        ("arctan2", _) => zip_as::<f64, f64>(&a, &c, f64::atan2)?,
        ("maximum", DType::Float64) => zip_as::<f64, f64>(&a, &c, max_f)?,
        ("minimum", DType::Float64) => zip_as::<f64, f64>(&a, &c, min_f)?,
        ("maximum", DType::Int64) => zip_as::<i64, i64>(&a, &c, i64::max)?,
        ("minimum", DType::Int64) => zip_as::<i64, i64>(&a, &c, i64::min)?,
        ("maximum", DType::Bool) => zip_as::<bool, bool>(&a, &c, |u, v| u | v)?,
        ("minimum", DType::Bool) => zip_as::<bool, bool>(&a, &c, |u, v| u & v)?,
        (_, other) => return Err(unsupported_dtype(other)),
    };
    Ok(wrap(out, as_scalar))
}

/// `np.maximum` of floats: NaN wins.
fn max_f(u: f64, v: f64) -> f64 {
    if u.is_nan() || v.is_nan() {
        f64::NAN
    } else if u > v {
        u
    } else {
        v
    }
}

/// `np.minimum` of floats: NaN wins.
fn min_f(u: f64, v: f64) -> f64 {
    if u.is_nan() || v.is_nan() {
        f64::NAN
    } else if u > v {
        v
    } else {
        u
    }
}

/// `np.where(condition, x, y)`; with only a condition, `np.nonzero`.
pub fn where_(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let cond = b
        .at("condition", to_array(b.req("condition")))?
        .as_dtype(DType::Bool)?;
    match (b.get("x"), b.get("y")) {
        (None, None) => {
            let ndim = cond.ndim().max(1);
            let mut idx: Vec<Vec<i64>> = vec![Vec::new(); ndim];
            let r = cond.read::<bool>();
            for (pos, &c) in r.view().indexed_iter() {
                if c {
                    for (k, &p) in pos.slice().iter().enumerate() {
                        idx[k].push(p as i64);
                    }
                    if cond.ndim() == 0 {
                        idx[0].push(0);
                    }
                }
            }
            Ok(Value::tuple(
                idx.into_iter()
                    .map(|v| Value::array(Array::from_i64(v)))
                    .collect(),
            ))
        }
        (Some(x), Some(y)) => {
            let dt = ops::result_dtype(x, y)?;
            let (xa, ya) = (to_array(x)?.as_dtype(dt)?, to_array(y)?.as_dtype(dt)?);
            let out = match dt {
                DType::Float64 => pick::<f64>(&cond, &xa, &ya)?,
                DType::Int64 => pick::<i64>(&cond, &xa, &ya)?,
                DType::Bool => pick::<bool>(&cond, &xa, &ya)?,
                other => return Err(unsupported_dtype(other)),
            };
            Ok(Value::array(out))
        }
        _ => Err(EvalError::value_error(
            "either both or neither of x and y should be given",
        )),
    }
}

/// `c ? x : y` elementwise, the three broadcast together.
pub(super) fn pick<T: Element>(c: &Array, x: &Array, y: &Array) -> EvalResult<Array> {
    let shape = broadcast_shapes(&broadcast_shapes(x.shape(), y.shape())?, c.shape())?;
    let mut out = Fresh::<T>::zeroed(&shape)?;
    {
        let (rc, rx, ry) = (c.read::<bool>(), x.read::<T>(), y.read::<T>());
        let (vc, vx, vy) = (rc.view(), rx.view(), ry.view());
        let s = shape.as_slice();
        let bc = vc.broadcast(s).expect("broadcast shape");
        let bx = vx.broadcast(s).expect("broadcast shape");
        let by = vy.broadcast(s).expect("broadcast shape");
        Zip::from(&mut out.view_mut())
            .and(&bc)
            .and(&bx)
            .and(&by)
            .for_each(|o, &c, &p, &q| *o = if c { p } else { q });
    }
    Ok(out.finish())
}

fn close_args(b: &Bound) -> EvalResult<(Array, bool)> {
    let a = b.at("a", to_array(b.req("a")))?.as_dtype(DType::Float64)?;
    let c = b.at("b", to_array(b.req("b")))?.as_dtype(DType::Float64)?;
    let scalar = a.ndim() == 0 && c.ndim() == 0;
    let rtol = b.opt("rtol").map(real).transpose()?.unwrap_or(1e-5);
    let atol = b.opt("atol").map(real).transpose()?.unwrap_or(1e-8);
    let equal_nan = b.opt("equal_nan").map(truthy).transpose()?.unwrap_or(false);
    let out = zip_map::<f64, f64, bool>(&a, &c, |x: f64, y: f64| {
        if x.is_nan() || y.is_nan() {
            equal_nan && x.is_nan() && y.is_nan()
        } else if x.is_infinite() || y.is_infinite() {
            x == y
        } else {
            (x - y).abs() <= atol + rtol * y.abs()
        }
    })?;
    Ok((out, scalar))
}

pub fn isclose(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let (out, scalar) = close_args(b)?;
    Ok(wrap(out, scalar))
}

pub fn allclose(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let (out, _) = close_args(b)?;
    let all = out.read::<bool>().iter().all(|v| v);
    Ok(Value::Bool(all))
}
