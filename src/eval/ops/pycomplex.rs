//! Python's `complex` arithmetic, as CPython 3.11 computes it
//! (`Objects/complexobject.c`): an int, float or bool operand is made a
//! complex first, division is CPython's `_Py_c_quot` (which divides where
//! NumPy's loop multiplies by a reciprocal, so the last bit can differ),
//! and powers with a small integer exponent multiply by repeated squaring.

use crate::array::{Complex128, complex_mul};
use crate::eval::ErrorKind;
use crate::syntax::ast::{BinOp, CmpOp};

use super::super::error::{EvalError, EvalResult};
use super::super::value::Value;
use super::{cmp_unsupported, unsupported};

/// A Python number as a complex (`TO_COMPLEX`), or `None` for any other
/// value.
fn as_complex(v: &Value) -> Option<Complex128> {
    Some(match v {
        Value::Complex(z) => *z,
        Value::Float(x) => Complex128::new(*x, 0.0),
        Value::Int(i) => Complex128::new(*i as f64, 0.0),
        Value::Bool(b) => Complex128::new(f64::from(u8::from(*b)), 0.0),
        _ => return None,
    })
}

/// `a op b` when one operand is a Python complex and the other a Python
/// number; `None` leaves the operation to the other rules.
pub(super) fn binary(op: BinOp, a: &Value, b: &Value) -> Option<EvalResult<Value>> {
    if !matches!(a, Value::Complex(_)) && !matches!(b, Value::Complex(_)) {
        return None;
    }
    let (x, y) = (as_complex(a)?, as_complex(b)?);
    Some(match op {
        BinOp::Add => Ok(Value::Complex(x + y)),
        BinOp::Sub => Ok(Value::Complex(x - y)),
        BinOp::Mul => Ok(Value::Complex(complex_mul(x, y))),
        BinOp::Div => quot(x, y).map(Value::Complex).ok_or_else(|| {
            EvalError::new(ErrorKind::ZeroDivisionError, "complex division by zero")
        }),
        BinOp::Pow => pow(x, y).map(Value::Complex),
        _ => Err(unsupported(op, a, b)),
    })
}

/// `a == b`, `a != b` when one operand is a Python complex and the other a
/// Python number (ordering comparisons are TypeErrors, as in Python).
pub(super) fn compare(op: CmpOp, a: &Value, b: &Value) -> Option<EvalResult<bool>> {
    if !matches!(a, Value::Complex(_)) && !matches!(b, Value::Complex(_)) {
        return None;
    }
    let (x, y) = (as_complex(a)?, as_complex(b)?);
    Some(match op {
        CmpOp::Eq => Ok(x.re == y.re && x.im == y.im),
        CmpOp::Ne => Ok(!(x.re == y.re && x.im == y.im)),
        _ => Err(cmp_unsupported(op, a, b)),
    })
}

/// `abs(z)`: CPython's `_Py_c_abs` (an infinite part wins over a NaN).
pub(crate) fn abs(z: Complex128) -> EvalResult<f64> {
    if !z.re.is_finite() || !z.im.is_finite() {
        return Ok(if z.re.is_infinite() {
            z.re.abs()
        } else if z.im.is_infinite() {
            z.im.abs()
        } else {
            f64::NAN
        });
    }
    let r = z.re.hypot(z.im);
    if r.is_finite() {
        Ok(r)
    } else {
        Err(EvalError::new(
            ErrorKind::OverflowError,
            "absolute value too large",
        ))
    }
}

/// CPython's `_Py_c_quot`; `None` for a zero divisor.
fn quot(a: Complex128, b: Complex128) -> Option<Complex128> {
    let (abs_re, abs_im) = (b.re.abs(), b.im.abs());
    if abs_re >= abs_im {
        if abs_re == 0.0 {
            return None;
        }
        let ratio = b.im / b.re;
        let denom = b.re + b.im * ratio;
        Some(Complex128::new(
            (a.re + a.im * ratio) / denom,
            (a.im - a.re * ratio) / denom,
        ))
    } else if abs_im >= abs_re {
        let ratio = b.re / b.im;
        let denom = b.re * ratio + b.im;
        Some(Complex128::new(
            (a.re * ratio + a.im) / denom,
            (a.im * ratio - a.re) / denom,
        ))
    } else {
        // A NaN part in the divisor.
        Some(Complex128::new(f64::NAN, f64::NAN))
    }
}

/// `a ** b`: CPython's `complex_pow` (`c_powi` for a small integer
/// exponent, `_Py_c_pow` otherwise) with its errors.
fn pow(a: Complex128, b: Complex128) -> EvalResult<Complex128> {
    let zero_power = || {
        EvalError::new(
            ErrorKind::ZeroDivisionError,
            "0.0 to a negative or complex power",
        )
    };
    let p = if b.im == 0.0 && b.re == b.re.floor() && b.re.abs() <= 100.0 {
        let n = b.re as i64;
        if n >= 0 {
            powu(a, n as u64)
        } else {
            quot(Complex128::new(1.0, 0.0), powu(a, n.unsigned_abs())).ok_or_else(zero_power)?
        }
    } else if b.re == 0.0 && b.im == 0.0 {
        Complex128::new(1.0, 0.0)
    } else if a.re == 0.0 && a.im == 0.0 {
        if b.im != 0.0 || b.re < 0.0 {
            return Err(zero_power());
        }
        Complex128::new(0.0, 0.0)
    } else {
        let vabs = a.re.hypot(a.im);
        let mut len = vabs.powf(b.re);
        let at = a.im.atan2(a.re);
        let mut phase = at * b.re;
        if b.im != 0.0 {
            len /= (at * b.im).exp();
            phase += b.im * vabs.ln();
        }
        Complex128::new(len * phase.cos(), len * phase.sin())
    };
    if p.re.is_infinite() || p.im.is_infinite() {
        return Err(EvalError::new(
            ErrorKind::OverflowError,
            "complex exponentiation",
        ));
    }
    Ok(p)
}

/// CPython's `c_powu`: `x ** n` by repeated squaring.
fn powu(x: Complex128, n: u64) -> Complex128 {
    let mut r = Complex128::new(1.0, 0.0);
    let mut p = x;
    let mut mask = 1u64;
    while mask > 0 && n >= mask {
        if n & mask != 0 {
            r = complex_mul(r, p);
        }
        mask <<= 1;
        p = complex_mul(p, p);
    }
    r
}
