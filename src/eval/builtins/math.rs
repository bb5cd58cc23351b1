//! Elementwise math (NumPy ufuncs), `where`, `isclose`/`allclose`, and
//! Python's `math` module.

use crate::eval::ErrorKind;
use ndarray::{ArrayD, Dimension, Zip};

use crate::engine::{Array, DType};

use super::super::args::Bound;
use super::super::convert::{index_int, real, to_array, truthy, wrap};
use super::super::error::{EvalError, EvalResult};
use super::super::ops::{self, zip_with};
use super::super::session::Session;
use super::super::value::Value;
use super::{Builtin, Home};

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

/// One-argument ufuncs, dispatched on the builtin's name.
pub fn unary(_: &mut Session, b: &Bound, python: bool) -> EvalResult<Value> {
    let name = b.sig.name.as_str();
    let x = b.req("x");
    if python && name == "abs" {
        match x {
            Value::Int(i) => return Ok(Value::Int(i.wrapping_abs())),
            Value::Bool(v) => return Ok(Value::Int(i64::from(*v))),
            Value::Float(f) => return Ok(Value::Float(f.abs())),
            _ => {}
        }
    }
    let a = b.at("x", to_array(x))?;
    let as_scalar = a.ndim() == 0;
    let out = match (name, a) {
        ("isnan", a) => Array::Bool(a.to_f64().mapv(f64::is_nan)),
        ("isfinite", a) => Array::Bool(a.to_f64().mapv(f64::is_finite)),
        ("abs", Array::Int(v)) => Array::Int(v.mapv(i64::wrapping_abs)),
        ("abs" | "floor" | "ceil", Array::Bool(v)) if name == "abs" => Array::Bool(v),
        ("floor" | "ceil", Array::Int(v)) => Array::Int(v),
        ("square", Array::Int(v)) => Array::Int(v.mapv(|e| e.wrapping_mul(e))),
        ("square", Array::Bool(v)) => Array::Int(v.mapv(i64::from)),
        ("sign", Array::Int(v)) => Array::Int(v.mapv(i64::signum)),
        (_, a) => {
            let f = float_fn(name).expect("every unary builtin has a float kernel");
            Array::Float(a.to_f64().mapv(f))
        }
    };
    Ok(wrap(out, as_scalar))
}

/// `round(a, decimals=0)`: NumPy's `rint(a * 10**d) / 10**d`, or Python's
/// correctly rounded `round` for a bare call on a Python number.
pub fn round(_: &mut Session, b: &Bound, python: bool) -> EvalResult<Value> {
    let x = b.req("a");
    let decimals = match b.opt("decimals") {
        None => None,
        Some(v) => Some(b.at("decimals", index_int(v))?),
    };
    if python {
        match (x, decimals) {
            (Value::Int(_) | Value::Bool(_), _) => return Ok(Value::Int(index_int(x)?)),
            (Value::Float(f), None) => {
                if !f.is_finite() {
                    return Err(EvalError::value_error(
                        "cannot convert float NaN or infinity to integer",
                    ));
                }
                return Ok(Value::Int(f.round_ties_even() as i64));
            }
            (Value::Float(f), Some(d)) if (0..=300).contains(&d) => {
                return Ok(Value::Float(
                    format!("{f:.*}", d as usize).parse().unwrap_or(*f),
                ));
            }
            _ => {}
        }
    }
    let d = decimals.unwrap_or(0);
    let a = b.at("a", to_array(x))?;
    let as_scalar = a.ndim() == 0;
    let out = match a {
        Array::Float(v) => Array::Float(v.mapv(|e| np_round(e, d))),
        other => other,
    };
    Ok(wrap(out, as_scalar))
}

fn np_round(x: f64, d: i64) -> f64 {
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
    let out = match name {
        "arctan2" | "hypot" => {
            let f: fn(f64, f64) -> f64 = if name == "hypot" {
                f64::hypot
            } else {
                f64::atan2
            };
            Array::Float(zip_with(&a.to_f64(), &c.to_f64(), f)?)
        }
        _ => {
            let max = name == "maximum";
            match (a.astype(dt), c.astype(dt)) {
                (Array::Float(p), Array::Float(q)) => {
                    Array::Float(zip_with(&p, &q, |u: f64, v: f64| {
                        if u.is_nan() || v.is_nan() {
                            f64::NAN
                        } else if (u > v) == max {
                            u
                        } else {
                            v
                        }
                    })?)
                }
                (Array::Int(p), Array::Int(q)) => Array::Int(zip_with(
                    &p,
                    &q,
                    |u: i64, v: i64| if max { u.max(v) } else { u.min(v) },
                )?),
                (Array::Bool(p), Array::Bool(q)) => Array::Bool(zip_with(
                    &p,
                    &q,
                    |u: bool, v: bool| if max { u | v } else { u & v },
                )?),
                _ => unreachable!("promoted to one dtype"),
            }
        }
    };
    Ok(wrap(out, as_scalar))
}

/// `np.where(condition, x, y)`; with only a condition, `np.nonzero`.
pub fn where_(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let cond = b
        .at("condition", to_array(b.req("condition")))?
        .astype(DType::Bool);
    let Array::Bool(cond) = cond else {
        unreachable!("cast to bool")
    };
    match (b.get("x"), b.get("y")) {
        (None, None) => {
            let ndim = cond.ndim().max(1);
            let mut idx: Vec<Vec<i64>> = vec![Vec::new(); ndim];
            for (pos, &c) in cond.indexed_iter() {
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
            let (xa, ya) = (to_array(x)?.astype(dt), to_array(y)?.astype(dt));
            fn pick<T: Copy>(
                c: &ArrayD<bool>,
                x: &ArrayD<T>,
                y: &ArrayD<T>,
            ) -> EvalResult<ArrayD<T>> {
                let xy = zip_with(x, y, |p, q| (p, q))?;
                zip_with(c, &xy, |c, (p, q)| if c { p } else { q })
            }
            let out = match (xa, ya) {
                (Array::Float(p), Array::Float(q)) => Array::Float(pick(&cond, &p, &q)?),
                (Array::Int(p), Array::Int(q)) => Array::Int(pick(&cond, &p, &q)?),
                (Array::Bool(p), Array::Bool(q)) => Array::Bool(pick(&cond, &p, &q)?),
                _ => unreachable!("promoted to one dtype"),
            };
            Ok(Value::array(out))
        }
        _ => Err(EvalError::value_error(
            "either both or neither of x and y should be given",
        )),
    }
}

fn close_args(b: &Bound) -> EvalResult<(ArrayD<bool>, bool)> {
    let a = b.at("a", to_array(b.req("a")))?.to_f64();
    let c = b.at("b", to_array(b.req("b")))?.to_f64();
    let scalar = a.ndim() == 0 && c.ndim() == 0;
    let rtol = b.opt("rtol").map(real).transpose()?.unwrap_or(1e-5);
    let atol = b.opt("atol").map(real).transpose()?.unwrap_or(1e-8);
    let equal_nan = b.opt("equal_nan").map(truthy).transpose()?.unwrap_or(false);
    let out = zip_with(&a, &c, |x: f64, y: f64| {
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
    Ok(wrap(Array::Bool(out), scalar))
}

pub fn allclose(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let (out, _) = close_args(b)?;
    let mut all = true;
    Zip::from(&out).for_each(|&v| all &= v);
    Ok(Value::Bool(all))
}

/// Names in Python's `math` module that gradlab provides.
pub const MATH_NAMES: &[&str] = &[
    "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "exp", "log", "log2",
    "log10", "sqrt", "fabs", "floor", "ceil", "atan2", "hypot", "pi", "e", "inf", "nan", "tau",
];

macro_rules! math_builtins {
    ($($name:literal),*) => {
        static MATH: &[Builtin] = &[
            $(Builtin {
                name: $name,
                sig: concat!($name, "(x)"),
                doc: "Python's math function on one real number.",
                example: concat!("math.", $name, "(1.0)"),
                home: Home::Python,
                func: math_fn,
            },)*
            Builtin {
                name: "atan2",
                sig: "atan2(y, x)",
                doc: "math.atan2: the angle of (x, y).",
                example: "math.atan2(1, 1)",
                home: Home::Python,
                func: math_fn2,
            },
            Builtin {
                name: "hypot",
                sig: "hypot(x, y)",
                doc: "math.hypot: sqrt(x*x + y*y).",
                example: "math.hypot(3, 4)",
                home: Home::Python,
                func: math_fn2,
            },
        ];
    };
}

math_builtins!(
    "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "exp", "log", "log2",
    "log10", "sqrt", "fabs", "floor", "ceil"
);

/// `math.name` as a value.
pub fn math_attr(name: &str) -> Option<Value> {
    let c = match name {
        "pi" => Some(std::f64::consts::PI),
        "e" => Some(std::f64::consts::E),
        "tau" => Some(std::f64::consts::TAU),
        "inf" => Some(f64::INFINITY),
        "nan" => Some(f64::NAN),
        _ => None,
    };
    if let Some(c) = c {
        return Some(Value::Float(c));
    }
    MATH.iter().find(|b| b.name == name).map(Value::Builtin)
}

fn math_real(v: &Value) -> EvalResult<f64> {
    match v {
        Value::Array(a) if a.len() != 1 => Err(EvalError::type_error(
            "only length-1 arrays can be converted to Python scalars (math works on one number; use np.* for arrays)",
        )),
        other => real(other),
    }
}

fn math_fn(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let x = math_real(b.req("x"))?;
    let name = b.sig.name.as_str();
    if matches!(name, "floor" | "ceil") {
        if !x.is_finite() {
            return Err(EvalError::new(
                ErrorKind::OverflowError,
                "cannot convert float infinity to integer",
            ));
        }
        let f = if name == "floor" { x.floor() } else { x.ceil() };
        return Ok(Value::Int(f as i64));
    }
    let domain = match name {
        "sqrt" => x < 0.0,
        "log" | "log2" | "log10" => x <= 0.0,
        "asin" | "acos" => !(-1.0..=1.0).contains(&x),
        _ => false,
    };
    if domain {
        return Err(EvalError::value_error("math domain error"));
    }
    let f = float_fn(name).expect("every math builtin has a float kernel");
    Ok(Value::Float(f(x)))
}

fn math_fn2(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let names: Vec<String> = b.sig.params.iter().map(|p| p.name.clone()).collect();
    let (p, q) = (math_real(b.req(&names[0]))?, math_real(b.req(&names[1]))?);
    Ok(Value::Float(if b.sig.name == "hypot" {
        p.hypot(q)
    } else {
        p.atan2(q)
    }))
}
