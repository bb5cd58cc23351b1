//! `np.max`/`np.min` (and Python's `max`/`min` on sequences and numbers)
//! in each dtype's own order: NaN wins for floats, NumPy's order for
//! complex.

use crate::array::{Array, Complex128, DType, Element, cmath};

use super::super::super::args::Bound;
use super::super::super::convert::{to_array, truthy, wrap};
use super::super::super::error::{EvalError, EvalResult};
use super::super::super::session::Session;
use super::super::super::value::Value;
use super::{Reduce, count, reduce_args, reduce_lanes};

fn extreme(b: &Bound, python: bool, max: bool) -> EvalResult<Value> {
    if python {
        let items: Option<Vec<Value>> = match (b.req("a"), b.opt("axis")) {
            (v, None) if let Some(items) = v.seq_items() => Some(items.to_vec()),
            (v @ (Value::DictView(_) | Value::Set(_) | Value::Iter(_) | Value::Range(_)), None) => {
                Some(super::super::super::iter::iterate(v)?)
            }
            (
                a @ (Value::Int(_) | Value::BigInt(_) | Value::Float(_) | Value::Bool(_)),
                Some(other),
            ) => {
                let mut v = vec![a.clone(), other.clone()];
                // Python's `max(1, 2, 3, ...)`: the numbers fill NumPy's slots.
                for k in ["out", "keepdims", "initial", "where"] {
                    v.extend(b.opt(k).cloned());
                }
                Some(v)
            }
            _ => None,
        };
        if let Some(items) = items {
            let name = if max { "max" } else { "min" };
            let mut best = items.first().cloned().ok_or_else(|| {
                EvalError::value_error(format!("{name}() iterable argument is empty"))
            })?;
            for item in &items[1..] {
                let op = if max {
                    crate::syntax::ast::CmpOp::Gt
                } else {
                    crate::syntax::ast::CmpOp::Lt
                };
                if truthy(&super::super::super::ops::compare(op, item, &best)?)? {
                    best = item.clone();
                }
            }
            return Ok(best);
        }
    }
    let a = b.at("a", to_array(b.req("a")))?;
    if super::keywords::wanted(b) {
        return super::keywords::extreme(b, &a, max);
    }
    let r = reduce_args(b, &a)?;
    if count(&a, &r) == 0 {
        return Err(EvalError::value_error(format!(
            "zero-size array to reduction operation {} which has no identity",
            if max { "maximum" } else { "minimum" }
        )));
    }
    let out = match a.dtype() {
        DType::Float64 => float_extreme::<f64>(&a, &r, max),
        DType::Float32 => float_extreme::<f32>(&a, &r, max),
        DType::Complex128 => {
            let step = if max {
                cmath::max_step
            } else {
                cmath::min_step
            };
            Array::from_ndarray(reduce_lanes(&a.read::<Complex128>().view(), &r, |v| {
                v[1..].iter().fold(v[0], |m, &e| step(m, e))
            }))
        }
        DType::Int64 => Array::from_ndarray(reduce_lanes(&a.read::<i64>().view(), &r, |v| {
            if max {
                *v.iter().max().expect("non-empty")
            } else {
                *v.iter().min().expect("non-empty")
            }
        })),
        DType::Bool => Array::from_ndarray(reduce_lanes(&a.read::<bool>().view(), &r, |v| {
            if max {
                v.iter().any(|&e| e)
            } else {
                v.iter().all(|&e| e)
            }
        })),
        d if d.is_integer() => crate::dispatch!(d, T => int_extreme::<T>(&a, &r, max)),
        other => return Err(super::super::super::ops::unsupported_dtype(other)),
    };
    Ok(wrap(out, true))
}

/// `max`/`min` of a float array in its own dtype: NaN wins.
fn float_extreme<T: Element + PartialOrd>(a: &Array, r: &Reduce, max: bool) -> Array {
    #[allow(clippy::eq_op)] // NaN is the one value unequal to itself
    let nan = |x: T| x != x;
    Array::from_ndarray(reduce_lanes(&a.read::<T>().view(), r, |v| {
        v.iter().copied().fold(v[0], |m, e| {
            if nan(m) || nan(e) {
                if nan(m) { m } else { e }
            } else if (e > m) == max && e != m {
                e
            } else {
                m
            }
        })
    }))
}

/// `max`/`min` of an integer array of any width, in its own dtype.
fn int_extreme<T: Element>(a: &Array, r: &Reduce, max: bool) -> Array {
    // Every integer type's order is its i128 order.
    let key = |e: &T| -> i128 {
        match e.to_scalar() {
            crate::array::Scalar::UInt64(u) => i128::from(u),
            s => i128::from(s.get::<i64>()),
        }
    };
    Array::from_ndarray(reduce_lanes(&a.read::<T>().view(), r, |v| {
        let it = v.iter();
        *if max {
            it.max_by_key(|e| key(e))
        } else {
            it.min_by_key(|e| key(e))
        }
        .expect("non-empty")
    }))
}

pub fn min(_: &mut Session, b: &Bound, python: bool) -> EvalResult<Value> {
    extreme(b, python, false)
}

pub fn max(_: &mut Session, b: &Bound, python: bool) -> EvalResult<Value> {
    extreme(b, python, true)
}
