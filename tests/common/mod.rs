//! Shared by the engine's integration tests: the CLI.md JSON value schema →
//! engine arrays, and the fixture README's comparison rules.

#![allow(dead_code)]

use gradlab::array::{Array, DType};
use gradlab::engine::Gradient;
use serde_json::Value;

/// A float in the JSON schema: a number or "nan" / "inf" / "-inf".
pub fn float(v: &Value) -> f64 {
    match v {
        Value::String(s) => match s.as_str() {
            "nan" => f64::NAN,
            "inf" => f64::INFINITY,
            "-inf" => f64::NEG_INFINITY,
            other => panic!("bad float {other:?}"),
        },
        other => other.as_f64().expect("number"),
    }
}

/// A JSON list of non-negative integers (a shape) as `usize`s.
pub fn usizes(v: &Value) -> Vec<usize> {
    v.as_array()
        .expect("a list")
        .iter()
        .map(|n| n.as_u64().expect("an integer") as usize)
        .collect()
}

/// A VALUE of kind array or scalar as an engine array (scalars are 0-d).
pub fn array(v: &Value) -> Array {
    let (shape, data): (Vec<usize>, Vec<Value>) = match v["kind"].as_str() {
        Some("array") => (usizes(&v["shape"]), v["data"].as_array().unwrap().clone()),
        Some("scalar") => (vec![], vec![v["value"].clone()]),
        other => panic!("not an array value: {other:?}"),
    };
    match v["dtype"].as_str().unwrap() {
        "float64" => Array::from_vec(&shape, data.iter().map(float).collect()).unwrap(),
        "int64" => {
            Array::from_vec(&shape, data.iter().map(|x| x.as_i64().unwrap()).collect()).unwrap()
        }
        "bool" => {
            Array::from_vec(&shape, data.iter().map(|x| x.as_bool().unwrap()).collect()).unwrap()
        }
        other => panic!("dtype {other}"),
    }
}

/// An expected VALUE (array or tuple of arrays) as a gradient result.
pub fn gradient_value(v: &Value) -> Gradient {
    match v["kind"].as_str() {
        Some("tuple") => Gradient::Many(v["items"].as_array().unwrap().iter().map(array).collect()),
        _ => Gradient::One(array(v)),
    }
}

/// Compares under the fixture README's rules: dtype and shape exact, ints and
/// bools exact, floats within rtol 1e-12 + atol 1e-12 × scale with NaN/±inf
/// at the same positions (sign of zero ignored). `Err` says what differs.
/// On success returns how many floats were not bit-identical.
pub fn compare(got: &Array, want: &Array, scale: f64) -> Result<usize, String> {
    if got.dtype() != want.dtype() {
        return Err(format!("dtype {:?} != {:?}", got.dtype(), want.dtype()));
    }
    if got.shape() != want.shape() {
        return Err(format!("shape {:?} != {:?}", got.shape(), want.shape()));
    }
    match got.dtype() {
        DType::Float64 => {
            let (g, w) = (got.to_f64_vec(), want.to_f64_vec());
            let scale = w
                .iter()
                .filter(|x| x.is_finite())
                .fold(scale, |m, x| m.max(x.abs()));
            let mut inexact = 0;
            for (k, (&g, &w)) in g.iter().zip(w.iter()).enumerate() {
                let ok = if w.is_nan() {
                    g.is_nan()
                } else if w.is_infinite() {
                    g == w
                } else {
                    g.is_finite() && (g - w).abs() <= 1e-12 * w.abs() + 1e-12 * scale
                };
                if !ok {
                    return Err(format!("element {k}: got {g:e}, want {w:e}"));
                }
                if !(g == w || g.is_nan()) {
                    inexact += 1;
                }
            }
            Ok(inexact)
        }
        _ if got == want => Ok(0),
        _ => Err(format!("values differ: got {got:?}, want {want:?}")),
    }
}

/// Compares two gradient results (one array or a tuple).
pub fn compare_gradient(got: &Gradient, want: &Gradient, scale: f64) -> Result<usize, String> {
    match (got, want) {
        (Gradient::One(g), Gradient::One(w)) => compare(g, w, scale),
        (Gradient::Many(g), Gradient::Many(w)) if g.len() == w.len() => {
            let mut inexact = 0;
            for (i, (g, w)) in g.iter().zip(w).enumerate() {
                inexact += compare(g, w, scale).map_err(|e| format!("item {i}: {e}"))?;
            }
            Ok(inexact)
        }
        _ => Err(format!("result kind differs: got {got:?}, want {want:?}")),
    }
}

/// Largest finite |x| of an array (0 when none).
pub fn max_abs(a: &Array) -> f64 {
    a.to_f64()
        .iter()
        .filter(|x| x.is_finite())
        .fold(0.0, |m, x| m.max(x.abs()))
}
