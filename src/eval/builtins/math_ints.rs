//! `math.factorial`, `math.comb` and `math.perm`: Python's exact integer
//! functions, whose results soon pass int64 (`math.factorial(25)`), as
//! Taylor-series lessons use them.

use num_bigint::BigInt;

use crate::eval::ErrorKind;
use crate::eval::args::Bound;
use crate::eval::error::{EvalError, EvalResult};
use crate::eval::ops::pybigint::{as_big, int_value};
use crate::eval::session::Session;
use crate::eval::value::Value;

/// A non-negative Python int argument, with Python's errors.
fn count(b: &Bound, name: &str, func: &str) -> EvalResult<u64> {
    let v = b.req(name);
    let n = match v {
        Value::Float(_) => {
            return Err(EvalError::type_error(
                "'float' object cannot be interpreted as an integer",
            ));
        }
        other => as_big(other).ok_or_else(|| {
            EvalError::type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                other.short_type()
            ))
        })?,
    };
    if n.sign() == num_bigint::Sign::Minus {
        return Err(EvalError::value_error(if func == "factorial" {
            "factorial() not defined for negative values".to_string()
        } else {
            format!("{name} must be a non-negative integer")
        }));
    }
    u64::try_from(&n)
        .ok()
        .filter(|n| *n <= 1 << 20)
        .ok_or_else(|| {
            EvalError::new(
                ErrorKind::OverflowError,
                format!("{name} must not exceed {}", 1u64 << 20),
            )
        })
}

/// The product `lo * (lo + 1) * ... * hi` (1 when empty).
fn product(lo: u64, hi: u64) -> BigInt {
    (lo..=hi).fold(BigInt::from(1u8), |acc, k| acc * k)
}

pub fn factorial(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let n = count(b, "n", "factorial")?;
    Ok(int_value(product(2, n)))
}

pub fn comb(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let (n, k) = (count(b, "n", "comb")?, count(b, "k", "comb")?);
    if k > n {
        return Ok(Value::Int(0));
    }
    let k = k.min(n - k);
    Ok(int_value(product(n - k + 1, n) / product(2, k)))
}

pub fn perm(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let n = count(b, "n", "perm")?;
    let k = match b.opt("k") {
        None | Some(Value::None) => n,
        Some(_) => count(b, "k", "perm")?,
    };
    if k > n {
        return Ok(Value::Int(0));
    }
    Ok(int_value(product(n - k + 1, n)))
}
