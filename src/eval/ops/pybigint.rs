//! Python ints past int64: `2**100`, `math.factorial(30)`, `10**20 // 3`.
//! A Python int is `Value::Int` while it fits an i64 and `Value::BigInt`
//! beyond it; every result goes back to `Value::Int` when it fits, so the
//! fast path and NumPy's weak-int rules stay as they were.

use std::cmp::Ordering;
use std::rc::Rc;

use num_bigint::{BigInt, Sign};
use num_traits::{FromPrimitive, Signed, ToPrimitive, Zero};

use crate::eval::ErrorKind;
use crate::syntax::ast::BinOp;

use super::super::error::{EvalError, EvalResult};
use super::super::value::Value;

/// The Python int `b`: a `Value::Int` when it fits.
pub fn int_value(b: BigInt) -> Value {
    match b.to_i64() {
        Some(i) => Value::Int(i),
        None => Value::BigInt(Rc::new(b)),
    }
}

/// The value of an int literal's decimal digits.
pub fn parse(digits: &str) -> Value {
    digits.parse::<BigInt>().map_or(Value::Int(0), int_value)
}

/// A Python int (or bool) as a big integer.
pub fn as_big(v: &Value) -> Option<BigInt> {
    match v {
        Value::Int(i) => Some(BigInt::from(*i)),
        Value::Bool(b) => Some(BigInt::from(u8::from(*b))),
        Value::BigInt(b) => Some((**b).clone()),
        _ => None,
    }
}

/// `float(b)`, rounded to nearest as Python rounds it.
pub fn to_f64(b: &BigInt) -> EvalResult<f64> {
    match b.to_f64() {
        Some(x) if x.is_finite() => Ok(x),
        _ => Err(EvalError::new(
            ErrorKind::OverflowError,
            "int too large to convert to float",
        )),
    }
}

/// `int(x)` of a finite float, exactly (`int(1e20)`).
pub fn from_f64(x: f64) -> Value {
    match BigInt::from_f64(x.trunc()) {
        Some(b) => int_value(b),
        None => Value::Int(0),
    }
}

/// The number of bytes a result of `bits` bits needs, reserved against the
/// memory cap before it is computed (Python's MemoryError, not an abort).
fn reserve_bits(bits: u64) -> EvalResult<()> {
    let bytes = usize::try_from(bits / 8 + 1).unwrap_or(usize::MAX);
    crate::memory::reserve(bytes)?;
    Ok(())
}

/// `a op b` when one operand is a big int and the other a Python int,
/// bool or float; `None` when this module has nothing to say.
pub(super) fn binary(op: BinOp, a: &Value, b: &Value) -> Option<EvalResult<Value>> {
    if !matches!(a, Value::BigInt(_)) && !matches!(b, Value::BigInt(_)) {
        return None;
    }
    if let (Some(x), Some(y)) = (as_big(a), as_big(b)) {
        return Some(arith(op, &x, &y));
    }
    let float = |v: &Value| -> Option<EvalResult<f64>> {
        match v {
            Value::Float(x) => Some(Ok(*x)),
            Value::BigInt(b) => Some(to_f64(b)),
            _ => None,
        }
    };
    let (x, y) = (float(a)?, float(b)?);
    Some((|| {
        let (x, y) = (x?, y?);
        super::python::python_binary(op, &Value::Float(x), &Value::Float(y))
    })())
}

/// Python's int arithmetic on big integers.
pub fn arith(op: BinOp, a: &BigInt, b: &BigInt) -> EvalResult<Value> {
    let zero_div = |msg: &str| EvalError::new(ErrorKind::ZeroDivisionError, msg);
    Ok(int_value(match op {
        BinOp::Add => a + b,
        BinOp::Sub => a - b,
        BinOp::Mul => {
            reserve_bits(a.bits() + b.bits())?;
            a * b
        }
        BinOp::Div => {
            if b.is_zero() {
                return Err(zero_div("division by zero"));
            }
            return true_div(a, b).map(Value::Float);
        }
        BinOp::FloorDiv | BinOp::Mod => {
            if b.is_zero() {
                return Err(zero_div(if op == BinOp::Mod {
                    "integer modulo by zero"
                } else {
                    "integer division or modulo by zero"
                }));
            }
            let (q, r) = floor_divmod(a, b);
            if op == BinOp::Mod { r } else { q }
        }
        BinOp::Pow => {
            if b.is_negative() {
                if a.is_zero() {
                    return Err(zero_div("0.0 cannot be raised to a negative power"));
                }
                let (x, y) = (to_f64(a)?, to_f64(b)?);
                return Ok(Value::Float(x.powf(y)));
            }
            if a.magnitude().bits() <= 1 {
                // 0, 1 and -1 to any power.
                let odd = b.bit(0);
                return Ok(Value::Int(match a.to_i64() {
                    Some(-1) if odd => -1,
                    Some(0) if !b.is_zero() => 0,
                    Some(0) | Some(-1) | Some(1) => 1,
                    _ => unreachable!("bits <= 1"),
                }));
            }
            let e = b
                .to_u32()
                .ok_or_else(|| EvalError::new(ErrorKind::MemoryError, ""))?;
            reserve_bits(a.bits().saturating_mul(u64::from(e)))?;
            num_traits::Pow::pow(a, e)
        }
        BinOp::BitAnd => a & b,
        BinOp::BitOr => a | b,
        BinOp::BitXor => a ^ b,
        BinOp::LShift | BinOp::RShift => {
            if b.is_negative() {
                return Err(EvalError::value_error("negative shift count"));
            }
            if op == BinOp::RShift {
                let n = b.to_u64().unwrap_or(u64::MAX);
                return Ok(int_value(if n >= a.bits() {
                    if a.is_negative() {
                        BigInt::from(-1)
                    } else {
                        BigInt::zero()
                    }
                } else {
                    a >> n
                }));
            }
            if a.is_zero() {
                return Ok(Value::Int(0));
            }
            let n = b.to_u64().filter(|n| *n < 1 << 40).ok_or_else(|| {
                EvalError::new(ErrorKind::OverflowError, "too many digits in integer")
            })?;
            reserve_bits(a.bits() + n)?;
            a << n
        }
        BinOp::MatMul => {
            return Err(EvalError::type_error(
                "unsupported operand type(s) for @: 'int' and 'int'",
            ));
        }
    }))
}

/// Python's floor division and modulo: the remainder takes the divisor's
/// sign.
fn floor_divmod(a: &BigInt, b: &BigInt) -> (BigInt, BigInt) {
    let (mut q, mut r) = (a / b, a % b);
    if !r.is_zero() && (r.is_negative() != b.is_negative()) {
        q -= 1;
        r += b;
    }
    (q, r)
}

/// `a / b` correctly rounded, as CPython's `long_true_divide`: the
/// quotient is taken with at least 64 significant bits and a sticky bit
/// for the remainder, then rounded once to a double.
fn true_div(a: &BigInt, b: &BigInt) -> EvalResult<f64> {
    let negative = a.is_negative() != b.is_negative();
    let (x, y) = (a.magnitude(), b.magnitude());
    if x.bits() <= 53 && y.bits() <= 53 {
        let q = x.to_f64().unwrap_or(0.0) / y.to_f64().unwrap_or(1.0);
        return Ok(if negative { -q } else { q });
    }
    let shift = 66 - (x.bits() as i64 - y.bits() as i64);
    let (q, r) = if shift >= 0 {
        let n = x << shift as u64;
        (&n / y, &n % y)
    } else {
        let d = y << (-shift) as u64;
        (x / &d, x % &d)
    };
    let sticky = u8::from(!r.is_zero());
    let q = q | num_bigint::BigUint::from(sticky);
    let mant = q.to_f64().unwrap_or(f64::INFINITY);
    // mant < 2^68, so scaling by 2^-shift is exact unless it underflows.
    let v = scale(mant, -shift);
    if !v.is_finite() {
        return Err(EvalError::new(
            ErrorKind::OverflowError,
            "integer division result too large for a float",
        ));
    }
    Ok(if negative { -v } else { v })
}

/// `x * 2^e` (C's `ldexp`) in steps that stay finite where the result is.
fn scale(mut x: f64, mut e: i64) -> f64 {
    while e > 1000 {
        x *= 2f64.powi(1000);
        e -= 1000;
    }
    while e < -1000 {
        x *= 2f64.powi(-1000);
        e += 1000;
    }
    x * 2f64.powi(e as i32)
}

/// Python's comparisons when one side is a big int; `None` otherwise.
pub(super) fn compare(a: &Value, b: &Value) -> Option<Option<Ordering>> {
    if !matches!(a, Value::BigInt(_)) && !matches!(b, Value::BigInt(_)) {
        return None;
    }
    if let (Some(x), Some(y)) = (as_big(a), as_big(b)) {
        return Some(Some(x.cmp(&y)));
    }
    match (a, b) {
        (Value::BigInt(x), Value::Float(f)) => Some(cmp_float(x, *f)),
        (Value::Float(f), Value::BigInt(x)) => Some(cmp_float(x, *f).map(Ordering::reverse)),
        _ => None,
    }
}

/// An int against a float, exactly (CPython's `float_richcompare`): `2**53
/// + 1 > 2.0**53` although both round to the same double.
pub(super) fn cmp_float(x: &BigInt, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 {
            Ordering::Less
        } else {
            Ordering::Greater
        });
    }
    let whole = BigInt::from_f64(f.trunc())?;
    Some(match x.cmp(&whole) {
        Ordering::Equal => 0.0.partial_cmp(&f.fract())?,
        other => other,
    })
}

/// `-b`.
pub fn negate(b: &BigInt) -> Value {
    int_value(-b)
}

/// `~b`, which is `-(b + 1)`.
pub fn invert(b: &BigInt) -> Value {
    int_value(-(b + 1u8))
}

/// The sign of a big int: for `bool()` and formatting.
pub fn is_negative(b: &BigInt) -> bool {
    b.sign() == Sign::Minus
}

/// `format(b, spec)`'s digits: the magnitude in `radix`.
pub fn digits(b: &BigInt, radix: u32) -> String {
    b.magnitude().to_str_radix(radix)
}

/// NumPy's error for a Python int that does not fit a C long
/// (`np.arange(3) + 2**64`).
pub fn c_long_overflow() -> EvalError {
    EvalError::new(
        ErrorKind::OverflowError,
        "Python int too large to convert to C long",
    )
}
