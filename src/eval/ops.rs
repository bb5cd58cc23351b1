//! Operators: NumPy's broadcasting and dtype rules (NEP 50: Python
//! scalars are "weak") when a NumPy value is involved, Python's own rules
//! otherwise ([`python`]).
//!
//! Operands are used where they are: reading a variable into an operation
//! copies nothing, mixed dtypes are converted in registers, broadcasting
//! never materialises an operand, and the result is the one allocation.

mod flags;
mod ints;
mod kernels;
mod matmul;
pub mod pybigint;
mod pycomplex;
mod python;

use crate::array::{Array, DType, Kind};
use crate::eval::ErrorKind;
use crate::syntax::ast::{BinOp, CmpOp, UnaryOp};

use super::convert::{to_array, wrap};
use super::error::{EvalError, EvalResult};
use super::value::{Scalar, Value};
use super::warnings;

pub(super) use flags::ufunc_name;
pub(super) use kernels::zip_as;
pub(crate) use pycomplex::abs as complex_abs;
pub use python::{floor_div_f, floor_div_i, mod_f, mod_i};

fn is_numpy(v: &Value) -> bool {
    matches!(v, Value::Array(_) | Value::Scalar(_))
}

/// A Python int past int64 beside a NumPy value: a float or complex
/// operand takes it as a Python float (`np.float64(1.5) * 2**70`); an
/// integer one cannot hold it (NumPy's OverflowError). `None` when neither
/// side is such an int.
fn big_as_weak(a: &Value, b: &Value) -> EvalResult<Option<(Value, Value)>> {
    let (big, other) = match (a, b) {
        (Value::BigInt(x), o) | (o, Value::BigInt(x)) => (x, o),
        _ => return Ok(None),
    };
    let inexact = match other {
        Value::Array(arr) => arr.dtype().is_inexact(),
        Value::Scalar(s) => s.dtype().is_inexact(),
        _ => false,
    };
    if !inexact {
        return Err(pybigint::c_long_overflow());
    }
    let f = Value::Float(pybigint::to_f64(big)?);
    Ok(Some(if matches!(a, Value::BigInt(_)) {
        (f, b.clone())
    } else {
        (a.clone(), f)
    }))
}

/// One operand of a NumPy operation: its array (shared, not copied), the
/// kind of a Python scalar (a "weak" dtype), and whether it is an n-d
/// (ndim >= 1) array.
struct Operand {
    arr: Array,
    weak: Option<Kind>,
    nd: bool,
}

fn operand(v: &Value) -> EvalResult<Operand> {
    let weak = match v {
        Value::Bool(_) => Some(Kind::Bool),
        Value::Int(_) => Some(Kind::Int),
        Value::Float(_) => Some(Kind::Float),
        Value::Complex(_) => Some(Kind::Complex),
        _ => None,
    };
    let arr = to_array(v)?;
    let nd = arr.ndim() > 0;
    Ok(Operand { arr, weak, nd })
}

/// The common dtype of two operands under NEP 50.
fn operand_dtype(a: &Operand, b: &Operand) -> DType {
    match (a.weak, b.weak) {
        (Some(k), None) => b.arr.dtype().promote_weak(k),
        (None, Some(k)) => a.arr.dtype().promote_weak(k),
        _ => a.arr.dtype().promote(b.arr.dtype()),
    }
}

/// The dtype NumPy gives an operation on two values (NEP 50).
pub fn result_dtype(a: &Value, b: &Value) -> EvalResult<DType> {
    Ok(operand_dtype(&operand(a)?, &operand(b)?))
}

/// `a op b` for any two values.
pub fn binary(op: BinOp, a: &Value, b: &Value) -> EvalResult<Value> {
    binary_as(op, a, b, false)
}

/// `np.divide(a, b)` and the other ufuncs an operator spells: as
/// [`binary`], but warnings name the ufunc even for scalar operands
/// (`divide`, not the scalar math's `scalar divide`).
pub fn ufunc_binary(op: BinOp, a: &Value, b: &Value) -> EvalResult<Value> {
    binary_as(op, a, b, true)
}

fn binary_as(op: BinOp, a: &Value, b: &Value, ufunc: bool) -> EvalResult<Value> {
    if let Some(out) = float_array_number(op, a, b) {
        return out;
    }
    if !is_numpy(a) && !is_numpy(b) {
        return python::python_binary(op, a, b);
    }
    if let Some((a, b)) = big_as_weak(a, b)? {
        return binary_as(op, &a, &b, ufunc);
    }
    let (x, y) = (
        operand(a).map_err(|_| unsupported(op, a, b))?,
        operand(b).map_err(|_| unsupported(op, a, b))?,
    );
    let dt = operand_dtype(&x, &y);
    // NEP 50: a Python int must fit the integer dtype it adapts to.
    if dt.is_integer() {
        for v in [a, b] {
            if let Value::Int(i) = v {
                super::convert::int_in(*i, dt)?;
            }
        }
    }
    if op == BinOp::MatMul {
        return matmul::matmul(&x.arr, &y.arr, dt);
    }
    let as_scalar = !x.nd && !y.nd;
    let naming = if ufunc {
        flags::Naming::Ufunc
    } else if !matches!(a, Value::Array(_)) && !matches!(b, Value::Array(_)) {
        flags::Naming::Scalar
    } else {
        flags::Naming::Operator
    };
    let out = flags::checked(op, &x.arr, &y.arr, dt, naming, || {
        kernels::binary(op, &x.arr, &y.arr, dt)
    })?;
    Ok(wrap(out, as_scalar))
}

/// `a + 1.0`, `2 * a`, `a / h`: a float64 array (ndim >= 1) and a Python
/// float or int under `+ - * /`. NEP 50 makes the number a float64 of the
/// array's dtype, so the kernel takes it as a plain `f64` (no 0-d array,
/// no broadcasting): the same IEEE operation per element as the general
/// path, one pass into one output. `None` for any other operands.
fn float_array_number(op: BinOp, a: &Value, b: &Value) -> Option<EvalResult<Value>> {
    fn number(v: &Value) -> Option<f64> {
        match v {
            Value::Float(x) => Some(*x),
            // NumPy converts the int to float64 (correctly rounded, as `as`).
            Value::Int(i) => Some(*i as f64),
            _ => None,
        }
    }
    fn float_array(v: &Value) -> Option<&Array> {
        match v {
            Value::Array(arr) if arr.dtype() == DType::Float64 && arr.ndim() > 0 => Some(&**arr),
            _ => None,
        }
    }
    // One closure per operator (not a function pointer), so each loop is
    // its own instantiation and vectorises.
    let out = if let (Some(arr), Some(y)) = (float_array(a), number(b)) {
        match op {
            BinOp::Add => map_f64(arr, |x| x + y),
            BinOp::Sub => map_f64(arr, |x| x - y),
            BinOp::Mul => map_f64(arr, |x| x * y),
            BinOp::Div => map_f64(arr, |x| x / y),
            _ => return None,
        }
    } else if let (Some(x), Some(arr)) = (number(a), float_array(b)) {
        match op {
            BinOp::Add => map_f64(arr, |e| x + e),
            BinOp::Sub => map_f64(arr, |e| x - e),
            BinOp::Mul => map_f64(arr, |e| x * e),
            BinOp::Div => map_f64(arr, |e| x / e),
            _ => return None,
        }
    } else {
        return None;
    };
    Some(out.and_then(|out| {
        let flags = crate::array::fpe::take();
        if !flags.is_empty() {
            warnings::report(flags, ufunc_name(op))?;
        }
        Ok(Value::array(out))
    }))
}

/// `f` of every element of a float64 array, its flags cleared first (the
/// caller reports them).
fn map_f64(arr: &Array, f: impl Fn(f64) -> f64 + Sync) -> EvalResult<Array> {
    warnings::begin();
    Ok(crate::array::map_wide::<f64, f64>(arr, f)?)
}

pub(super) fn unsupported(op: BinOp, a: &Value, b: &Value) -> EvalError {
    EvalError::type_error(format!(
        "unsupported operand type(s) for {}: '{}' and '{}'",
        op.symbol(),
        a.short_type(),
        b.short_type()
    ))
}

pub(super) fn cmp_unsupported(op: CmpOp, a: &Value, b: &Value) -> EvalError {
    EvalError::type_error(format!(
        "'{}' not supported between instances of '{}' and '{}'",
        op.symbol(),
        a.short_type(),
        b.short_type()
    ))
}

/// `a op b` for a comparison operator.
pub fn compare(op: CmpOp, a: &Value, b: &Value) -> EvalResult<Value> {
    if !is_numpy(a) && !is_numpy(b) {
        return python::python_compare(op, a, b).map(Value::Bool);
    }
    if let Some((a, b)) = big_as_weak(a, b)? {
        return compare(op, &a, &b);
    }
    let (x, y) = match (operand(a), operand(b)) {
        (Ok(x), Ok(y)) => (x, y),
        _ => {
            return match op {
                CmpOp::Eq => Ok(Value::Bool(false)),
                CmpOp::Ne => Ok(Value::Bool(true)),
                _ => Err(cmp_unsupported(op, a, b)),
            };
        }
    };
    let mut dt = operand_dtype(&x, &y);
    // NumPy 2 compares with a Python int its dtype cannot hold exactly
    // (`u8 == 300` is False, `u8 < 300` True).
    if dt.is_integer() {
        for v in [a, b] {
            if let Value::Int(i) = v
                && super::convert::int_in(*i, dt).is_err()
            {
                dt = if *i < 0 && dt == DType::UInt64 {
                    DType::Float64
                } else {
                    DType::Int64
                };
            }
        }
    }
    let as_scalar = !x.nd && !y.nd;
    // Only complex comparisons raise flags (NumPy's C comparisons of a NaN
    // part): "invalid value encountered in less".
    let out = if dt == DType::Complex128 {
        let name = match op {
            CmpOp::Lt => "less",
            CmpOp::Le => "less_equal",
            CmpOp::Gt => "greater",
            CmpOp::Ge => "greater_equal",
            CmpOp::Eq => "equal",
            _ => "not_equal",
        };
        let name = if as_scalar {
            format!("scalar {name}")
        } else {
            name.to_string()
        };
        warnings::ufunc(&name, || kernels::compare(op, &x.arr, &y.arr, dt))?
    } else {
        kernels::compare(op, &x.arr, &y.arr, dt)?
    };
    Ok(wrap(out, as_scalar))
}

/// `op a` for a unary operator.
pub fn unary(op: UnaryOp, a: &Value) -> EvalResult<Value> {
    if op == UnaryOp::Not {
        return Ok(Value::Bool(!super::convert::truthy(a)?));
    }
    match (op, a) {
        (UnaryOp::Neg, Value::Int(i)) => {
            return Ok(match i.checked_neg() {
                Some(n) => Value::Int(n),
                None => pybigint::negate(&(*i).into()),
            });
        }
        (UnaryOp::Neg, Value::BigInt(b)) => return Ok(pybigint::negate(b)),
        (UnaryOp::Pos, Value::BigInt(_)) => return Ok(a.clone()),
        (UnaryOp::Invert, Value::BigInt(b)) => return Ok(pybigint::invert(b)),
        (UnaryOp::Neg, Value::Bool(b)) => return Ok(Value::Int(-i64::from(*b))),
        (UnaryOp::Neg, Value::Float(x)) => return Ok(Value::Float(-x)),
        (UnaryOp::Neg, Value::Complex(z)) => return Ok(Value::Complex(-z)),
        (UnaryOp::Pos, Value::Int(_) | Value::Float(_) | Value::Complex(_)) => {
            return Ok(a.clone());
        }
        (UnaryOp::Pos, Value::Bool(b)) => return Ok(Value::Int(i64::from(*b))),
        (UnaryOp::Invert, Value::Int(i)) => return Ok(Value::Int(!i)),
        (UnaryOp::Invert, Value::Bool(b)) => return Ok(Value::Int(!i64::from(*b))),
        (UnaryOp::Neg, Value::Poly1d(p)) => return super::builtins::poly1d::unary_neg(p),
        (UnaryOp::Pos, Value::Poly1d(_)) => return Ok(a.clone()),
        _ => {}
    }
    if !is_numpy(a) {
        let sym = match op {
            UnaryOp::Neg => "-",
            UnaryOp::Pos => "+",
            _ => "~",
        };
        return Err(EvalError::type_error(format!(
            "bad operand type for unary {sym}: '{}'",
            a.short_type()
        )));
    }
    let x = operand(a)?;
    Ok(wrap(kernels::unary(op, &x.arr)?, !x.nd))
}

/// A NumPy scalar from a Python number (for mixed scalar results).
pub fn scalar_of(v: &Value) -> Option<Scalar> {
    match v {
        Value::Scalar(s) => Some(*s),
        Value::Bool(b) => Some(Scalar::Bool(*b)),
        Value::Int(i) => Some(Scalar::Int64(*i)),
        Value::Float(x) => Some(Scalar::Float64(*x)),
        Value::Complex(z) => Some(Scalar::Complex128(*z)),
        _ => None,
    }
}

/// The error of a function that does not compute with arrays of dtype `d`
/// yet (the operators compute with every dtype; some functions only with
/// bool, int64 and float64).
pub(super) fn unsupported_dtype(d: DType) -> EvalError {
    EvalError::new(
        ErrorKind::NotImplementedError,
        format!("gradlab does not compute this function for {d} arrays yet"),
    )
}
