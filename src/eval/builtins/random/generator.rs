//! `np.random.default_rng` and the `Generator` methods; the in-place
//! shuffle both APIs share.

use std::cell::RefCell;
use std::rc::Rc;

use crate::array::DType;
use crate::eval::convert::{index_int, norm_axis, to_array, truthy};
use crate::eval::{Bound, ErrorKind, EvalError, EvalResult, Scalar, Value};
use crate::random::{Generator, Population};

use super::super::super::session::Session;
use super::convert::{self, IntOut, int_out};
use super::legacy::{int_dtype, probabilities};
use super::{Rng, with_generator};

/// The integers a SeedSequence is built from (NumPy 2.4's
/// `_coerce_to_uint32_array`, which flattens nested sequences).
fn entropy(v: &Value, out: &mut Vec<u64>) -> EvalResult<()> {
    match v {
        v if let Some(items) = v.seq_items() => {
            for item in items.iter() {
                entropy(item, out)?;
            }
            Ok(())
        }
        Value::Array(_) => {
            let a = to_array(v)?;
            if a.dtype() == DType::Float64 {
                return Err(EvalError::type_error("seed must be integer"));
            }
            for x in convert::ints(v)?.data {
                out.push(u64::try_from(x).map_err(|_| negative())?);
            }
            Ok(())
        }
        Value::Str(s) => {
            let n = match s.strip_prefix("0x") {
                Some(hex) => u64::from_str_radix(hex, 16).ok(),
                None if s.starts_with(|c: char| c.is_ascii_digit()) => {
                    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
                    digits.parse().ok()
                }
                None => None,
            };
            out.push(n.ok_or_else(|| EvalError::value_error("unrecognized seed string"))?);
            Ok(())
        }
        Value::Float(_) | Value::Scalar(Scalar::Float64(_)) => {
            Err(EvalError::type_error("seed must be integer"))
        }
        other => {
            let n = index_int(other)?;
            out.push(u64::try_from(n).map_err(|_| negative())?);
            Ok(())
        }
    }
}

fn negative() -> EvalError {
    EvalError::value_error("expected non-negative integer")
}

pub fn default_rng(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let rng = match b.opt("seed") {
        None => Generator::from_entropy(),
        Some(v @ Value::Random(obj)) => {
            return match obj.rng {
                Rng::Generator(_) => Ok(v.clone()),
                Rng::Legacy(_) => Err(EvalError::new(
                    ErrorKind::NotImplementedError,
                    "gradlab's Generator runs on PCG64 only: default_rng(RandomState) is not supported",
                )),
            };
        }
        Some(v @ (Value::List(_) | Value::Tuple(_) | Value::Array(_))) => {
            let mut ints = Vec::new();
            entropy(v, &mut ints)?;
            Generator::from_seed_ints(&ints)
        }
        Some(v) => match index_int(v) {
            Ok(n) => Generator::from_seed_ints(&[u64::try_from(n).map_err(|_| negative())?]),
            Err(_) => {
                return Err(EvalError::type_error(format!(
                    "SeedSequence expects int or sequence of ints for entropy not {}",
                    v.to_str(&Default::default())
                )));
            }
        },
    };
    Ok(s.random.make(Rng::Generator(RefCell::new(rng))))
}

fn flag(b: &Bound, name: &str, default: bool) -> EvalResult<bool> {
    b.get(name).map_or(Ok(default), truthy)
}

pub fn integers(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let low = convert::ints(b.req("low"))?;
    let high = b.opt("high").map(convert::ints).transpose()?;
    let size = convert::size(b.get("size"))?;
    let (dtype, out) = int_dtype(b.get("dtype"), IntOut::Int64, "integers")?;
    let endpoint = flag(b, "endpoint", false)?;
    with_generator(s, |g| {
        g.integers(&low, high.as_ref(), &size, dtype, endpoint)
    })
    .map(|sample| int_out(sample, out))
    .map_err(EvalError::from)
}

pub fn choice(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let a = b.req("a");
    let axis = b.get("axis").map_or(Ok(0), index_int)?;
    let arr = to_array(a)?;
    let (pop, items) = if arr.ndim() == 0 {
        match index_int(a) {
            Ok(n) => (Population::Int(n), None),
            Err(_) => {
                return Err(EvalError::value_error(format!(
                    "a must be a sequence or an integer, not <class '{}'>",
                    a.type_name()
                )));
            }
        }
    } else {
        // NumPy indexes the shape tuple with the raw axis here.
        let nd = arr.ndim() as i64;
        if axis >= nd || axis < -nd {
            return Err(EvalError::index_error("tuple index out of range"));
        }
        let k = norm_axis(axis, arr.ndim())?;
        (Population::Items(arr.shape()[k]), Some((arr, k)))
    };
    let size = convert::size(b.get("size"))?;
    let replace = flag(b, "replace", true)?;
    let shuffle = flag(b, "shuffle", true)?;
    let p = probabilities(b.opt("p"))?;
    let idx = with_generator(s, |g| g.choice(pop, &size, replace, p.as_ref(), shuffle))
        .map_err(EvalError::from)?;
    Ok(match items {
        None => int_out(idx, IntOut::PythonInt),
        Some((arr, k)) => convert::take(&arr, &idx, k),
    })
}

pub fn permutation(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let x = b.req("x");
    let axis = b.get("axis").map_or(Ok(0), index_int)?;
    if let Value::Int(_) | Value::Bool(_) | Value::Scalar(Scalar::Int64(_) | Scalar::Bool(_)) = x {
        let n = usize::try_from(index_int(x)?).unwrap_or(0);
        let order = with_generator(s, |g| g.shuffle_order(n));
        return Ok(convert::int_vector(
            order.into_iter().map(|i| i as i64).collect(),
        ));
    }
    let arr = to_array(x)?;
    let k = norm_axis(axis, arr.ndim())?;
    let order = with_generator(s, |g| g.shuffle_order(arr.shape()[k]));
    Ok(Value::array(convert::select(&arr, k, &order)))
}

pub fn shuffle(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let x = b.req("x").clone();
    let axis = b.get("axis").map_or(Ok(0), index_int)?;
    let n = sequence_len(&x)?;
    let (k, n) = match &x {
        Value::Array(a) => {
            let k = norm_axis(axis, a.ndim())?;
            // An empty array is left alone without a draw.
            (k, if a.is_empty() { 0 } else { a.shape()[k] })
        }
        _ if axis != 0 => {
            return Err(EvalError::new(
                ErrorKind::NotImplementedError,
                "Axis argument is only supported on ndarray objects",
            ));
        }
        _ => (0, n),
    };
    let order = with_generator(s, |g| g.shuffle_order(n));
    shuffle_in_place(s, &x, k, &order);
    Ok(Value::None)
}

/// `len(x)` for `shuffle`: arrays and lists (tuples and strings cannot be
/// shuffled in place).
pub(super) fn sequence_len(x: &Value) -> EvalResult<usize> {
    match x {
        Value::Array(a) if a.ndim() > 0 => Ok(if a.is_empty() { 0 } else { a.shape()[0] }),
        Value::Array(_) => Err(EvalError::type_error("len() of unsized object")),
        Value::List(items) => Ok(items.borrow().len()),
        Value::Tuple(_) | Value::Str(_) => Err(EvalError::type_error(format!(
            "'{}' object does not support item assignment",
            x.short_type()
        ))),
        other => Err(EvalError::type_error(format!(
            "object of type '{}' has no len()",
            other.short_type()
        ))),
    }
}

/// Puts `x`'s items (its slices along `axis`) in `order` in place: every
/// variable bound to the same array or list sees the shuffle, as in Python.
///
/// Until arrays can be written in place, the shuffled copy replaces the
/// original in each session variable that holds the same object.
pub(super) fn shuffle_in_place(s: &mut Session, x: &Value, axis: usize, order: &[usize]) {
    let shuffled = match x {
        Value::Array(a) => Value::array(convert::select(a, axis, order)),
        // A list is one shared object: shuffled where it is.
        Value::List(items) => {
            items.update(|v| *v = order.iter().map(|&i| v[i].clone()).collect());
            return;
        }
        _ => return,
    };
    for v in s.globals.values_mut() {
        let same = match (&*v, x) {
            (Value::Array(a), Value::Array(b)) => Rc::ptr_eq(a, b),
            _ => false,
        };
        if same {
            *v = shuffled.clone();
        }
    }
}
