//! Python's builtin `round(number, ndigits=None)`: a bare `round(...)`
//! call, with Python's keywords and its argument-clinic errors, for Python
//! numbers and NumPy scalars (their `__round__`); `np.round` is
//! [`super::round`].

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};

use crate::array::Kind;

use super::super::super::args::CallArgs;
use super::super::super::convert::{index_int, int_convertible, wrap};
use super::super::super::error::{EvalError, EvalResult};
use super::super::super::ops::pybigint;
use super::super::super::session::Session;
use super::super::super::value::Value;
use crate::eval::ErrorKind;

/// `round(number, ndigits=None)` as Python binds it (`round(2.5,
/// ndigits=1)`, `round(number=2.5)`) and rounds: half to even, `None`
/// digits giving an int, floats to the nearest decimal of their exact
/// value (`round(2.675, 2)` is `2.67`).
///
/// # Errors
/// Python's `TypeError`s for the call and for types with no
/// `__round__` (`type numpy.ndarray doesn't define __round__ method`),
/// `ValueError`/`OverflowError` for NaN and infinities made ints.
pub fn python_round(_: &mut Session, call: CallArgs) -> EvalResult<Value> {
    let (number, ndigits) = bind(call)?;
    let digits = match ndigits {
        None | Some(Value::None) => None,
        Some(v) => Some(index_int(&v)?),
    };
    match (&number, digits) {
        (Value::Bool(b), _) => Ok(Value::Int(i64::from(*b))),
        (Value::Int(_) | Value::BigInt(_), None) => Ok(number),
        (Value::Int(i), Some(d)) => Ok(round_int(&BigInt::from(*i), d)),
        (Value::BigInt(n), Some(d)) => Ok(round_int(n, d)),
        (Value::Float(x), None) => float_to_int(*x),
        (Value::Float(x), Some(d)) => round_float(*x, d).map(Value::Float),
        (Value::Scalar(s), _)
            if matches!(s.dtype().kind(), Kind::Int | Kind::UInt | Kind::Float) =>
        {
            match digits {
                None if s.dtype().is_integer() => Ok(Value::Int(s.get::<i64>())),
                None => float_to_int(s.as_f64()),
                Some(d) => {
                    let out = super::np_round(&s.to_array(), d)?;
                    Ok(wrap(out, true))
                }
            }
        }
        (other, _) => Err(EvalError::type_error(format!(
            "type {} doesn't define __round__ method",
            other.type_name()
        ))),
    }
}

/// The `number` and `ndigits` of a call, with the errors of CPython's
/// argument clinic (positional or keyword, at most two).
fn bind(call: CallArgs) -> EvalResult<(Value, Option<Value>)> {
    let given = call.pos.len() + call.kw.len();
    if given > 2 {
        return Err(EvalError::type_error(format!(
            "round() takes at most 2 arguments ({given} given)"
        )));
    }
    let mut slots: [Option<Value>; 2] = Default::default();
    for (i, v) in call.pos.into_iter().enumerate() {
        slots[i] = Some(v);
    }
    for (name, v) in call.kw {
        let i = match name.as_str() {
            "number" => 0,
            "ndigits" => 1,
            _ => {
                return Err(EvalError::type_error(format!(
                    "'{name}' is an invalid keyword argument for round()"
                )));
            }
        };
        if slots[i].is_some() {
            return Err(EvalError::type_error(format!(
                "argument for round() given by name ('{name}') and position ({})",
                i + 1
            )));
        }
        slots[i] = Some(v);
    }
    let [number, ndigits] = slots;
    let number = number.ok_or_else(|| {
        EvalError::type_error("round() missing required argument 'number' (pos 1)")
    })?;
    Ok((number, ndigits))
}

/// `round(x)` of a float: the nearest int, ties to even.
fn float_to_int(x: f64) -> EvalResult<Value> {
    int_convertible(x)?;
    Ok(pybigint::from_f64(x.round_ties_even()))
}

/// `round(n, d)` of an int: itself for `d >= 0`, else the nearest multiple
/// of `10**-d`, ties to the even multiple (symmetric about zero).
fn round_int(n: &BigInt, d: i64) -> Value {
    if d >= 0 {
        return pybigint::int_value(n.clone());
    }
    let k = u32::try_from(d.unsigned_abs())
        .unwrap_or(u32::MAX)
        .min(4300);
    let m = round_magnitude(&n.abs(), k, false);
    pybigint::int_value(if n.is_negative() { -m } else { m })
}

/// `n >= 0` rounded to a multiple of `10**k`, ties to the even multiple
/// unless `above_tie` (a fraction below `n`'s last digit breaks the tie).
fn round_magnitude(n: &BigInt, k: u32, above_tie: bool) -> BigInt {
    let p = BigInt::from(10u8).pow(k);
    let (q, r) = (n / &p, n % &p);
    let twice = &r * 2u8;
    let up = twice > p || (twice == p && (above_tie || q.bit(0)));
    (if up { q + 1u8 } else { q }) * p
}

/// `round(x, d)` of a float, as CPython's `double_round`: the decimal
/// nearest to `x`'s exact binary value, ties to even; `x` itself beyond
/// 323 digits, a signed zero below -308.
///
/// # Errors
/// `OverflowError` when the rounded value is too large for a float.
fn round_float(x: f64, d: i64) -> EvalResult<f64> {
    if !x.is_finite() || d > 323 {
        return Ok(x);
    }
    if d < -308 {
        return Ok(0.0 * x);
    }
    let y = if d >= 0 {
        // Rust prints the exact binary value rounded half to even.
        format!("{x:.*}", d as usize).parse().unwrap_or(x)
    } else {
        round_to_tens(x, (-d) as usize)
    };
    if y.is_infinite() {
        return Err(EvalError::new(
            ErrorKind::OverflowError,
            "rounded value too large to represent",
        ));
    }
    Ok(y)
}

/// `x` rounded to a multiple of `10**k` (`k >= 1`): the integer part's
/// exact digits decide, the fraction breaks a tie away from the even.
fn round_to_tens(x: f64, k: usize) -> f64 {
    let whole = x.trunc();
    let digits = format!("{:.0}", whole.abs());
    let n = BigInt::parse_bytes(digits.as_bytes(), 10).unwrap_or_default();
    let m = round_magnitude(&n, k.min(4300) as u32, whole != x);
    let magnitude = if m.is_zero() {
        0.0
    } else {
        m.to_f64().unwrap_or(f64::INFINITY)
    };
    if x.is_sign_negative() {
        -magnitude
    } else {
        magnitude
    }
}
