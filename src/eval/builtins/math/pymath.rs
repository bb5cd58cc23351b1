//! Python's `math` module: its names, its functions on one real number
//! (`math.sqrt`, `math.floor` as an int, `math.atan2`, ...) and constants.

use crate::eval::args::Bound;
use crate::eval::builtins::{Builtin, Home, math_ints};
use crate::eval::convert::{int_convertible, real};
use crate::eval::error::{EvalError, EvalResult};
use crate::eval::ops;
use crate::eval::session::Session;
use crate::eval::value::Value;

use super::float_fn;

/// Names in Python's `math` module that gradlab provides.
pub const MATH_NAMES: &[&str] = &[
    "sin",
    "cos",
    "tan",
    "asin",
    "acos",
    "atan",
    "sinh",
    "cosh",
    "tanh",
    "exp",
    "log",
    "log2",
    "log10",
    "sqrt",
    "fabs",
    "floor",
    "ceil",
    "atan2",
    "hypot",
    "pi",
    "e",
    "inf",
    "nan",
    "tau",
    "factorial",
    "comb",
    "perm",
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
                name: "factorial",
                sig: "factorial(n)",
                doc: "math.factorial: n! exactly, as a Python int of any size.",
                example: "math.factorial(25)",
                home: Home::Python,
                func: math_ints::factorial,
            },
            Builtin {
                name: "comb",
                sig: "comb(n, k)",
                doc: "math.comb: the number of ways to choose k of n items, exactly.",
                example: "math.comb(60, 30)",
                home: Home::Python,
                func: math_ints::comb,
            },
            Builtin {
                name: "perm",
                sig: "perm(n, k=None)",
                doc: "math.perm: the number of ordered choices of k of n items, exactly.",
                example: "math.perm(30, 20)",
                home: Home::Python,
                func: math_ints::perm,
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
        int_convertible(x)?;
        let f = if name == "floor" { x.floor() } else { x.ceil() };
        return Ok(ops::pybigint::from_f64(f));
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
