//! Python's operators where Python values decide: `in`, `not in`, `is`,
//! `is not`, `==` on containers, `%`-formatting of strings and integer
//! shifts; everything else goes to NumPy's rules in [`super::ops`].

use crate::syntax::ast::{BinOp, CmpOp};

use super::error::{EvalError, EvalResult};
use super::value::Value;

/// `a op b`.
pub fn binary(op: BinOp, a: &Value, b: &Value) -> EvalResult<Value> {
    if let Some(r) = super::builtins::pandas::binary(op, a, b) {
        return r;
    }
    if let Some(r) = super::builtins::poly1d::binary(op, a, b) {
        return r;
    }
    match (op, a, b) {
        (BinOp::LShift | BinOp::RShift, Value::BigInt(_), _)
        | (BinOp::LShift | BinOp::RShift, _, Value::BigInt(_))
            if let (Some(x), Some(n)) = (
                super::ops::pybigint::as_big(a),
                super::ops::pybigint::as_big(b),
            ) =>
        {
            super::ops::pybigint::arith(op, &x, &n)
        }
        (BinOp::Mod, Value::Str(t), _) => {
            let s = crate::eval::Session::new();
            Ok(Value::str(super::pyformat::percent(&s, t, b)?))
        }
        (
            BinOp::LShift | BinOp::RShift,
            Value::Int(_) | Value::Bool(_),
            Value::Int(_) | Value::Bool(_),
        ) => {
            let x = super::convert::index_int(a)?;
            let n = super::convert::index_int(b)?;
            if n < 0 {
                return Err(EvalError::value_error("negative shift count"));
            }
            if op == BinOp::RShift {
                return Ok(Value::Int(if n >= 64 {
                    if x < 0 { -1 } else { 0 }
                } else {
                    x >> n
                }));
            }
            if x == 0 {
                return Ok(Value::Int(0));
            }
            if n >= 63 || x.checked_shl(n as u32).is_none_or(|r| r >> n != x) {
                return super::ops::pybigint::arith(op, &x.into(), &n.into());
            }
            Ok(Value::Int(x << n))
        }
        (BinOp::LShift | BinOp::RShift, _, _)
            if !matches!(a, Value::Array(_) | Value::Scalar(_))
                && !matches!(b, Value::Array(_) | Value::Scalar(_)) =>
        {
            Err(EvalError::type_error(format!(
                "unsupported operand type(s) for {}: '{}' and '{}'",
                op.symbol(),
                a.short_type(),
                b.short_type()
            )))
        }
        (BinOp::BitOr, Value::Dict(x), Value::Dict(y)) => {
            let d = x.copied();
            for (k, v) in y.snapshot() {
                super::pyseq::dict_set(&d, k, v)?;
            }
            Ok(Value::Dict(d))
        }
        _ => super::ops::binary(op, a, b),
    }
}

/// `a op b` for a comparison.
pub fn compare(op: CmpOp, a: &Value, b: &Value) -> EvalResult<Value> {
    let container = |v: &Value| {
        matches!(
            v,
            Value::List(_)
                | Value::Tuple(_)
                | Value::Dict(_)
                | Value::Set(_)
                | Value::ExcType(_)
                | Value::Range(_)
                | Value::Iter(_)
                | Value::Class(_)
                | Value::Builtin(_)
                | Value::Function(_)
        )
    };
    match op {
        CmpOp::In => super::pyseq::contains(b, a).map(Value::Bool),
        CmpOp::NotIn => super::pyseq::contains(b, a).map(|x| Value::Bool(!x)),
        CmpOp::Is => Ok(Value::Bool(identical(a, b))),
        CmpOp::IsNot => Ok(Value::Bool(!identical(a, b))),
        CmpOp::Eq | CmpOp::Ne
            if matches!(a, Value::DTypeObj(_)) || matches!(b, Value::DTypeObj(_)) =>
        {
            // `a.dtype == np.int64`, `== 'int64'`, `== float`: anything
            // naming the same dtype; what names no dtype is unequal.
            let d = |v: &Value| super::convert::dtype_arg(v).ok().flatten();
            let same = matches!((d(a), d(b)), (Some(x), Some(y)) if x == y)
                && !matches!(a, Value::None)
                && !matches!(b, Value::None);
            Ok(Value::Bool(same == (op == CmpOp::Eq)))
        }
        CmpOp::Eq | CmpOp::Ne if matches!(a, Value::Poly1d(_)) || matches!(b, Value::Poly1d(_)) => {
            let eq = super::builtins::poly1d::equal(a, b).expect("a poly1d operand");
            match op {
                CmpOp::Eq => Ok(eq),
                _ => Ok(Value::Bool(!super::convert::truthy(&eq)?)),
            }
        }
        CmpOp::Eq if container(a) || container(b) => super::pyseq::py_eq(a, b).map(Value::Bool),
        CmpOp::Ne if container(a) || container(b) => {
            super::pyseq::py_eq(a, b).map(|x| Value::Bool(!x))
        }
        _ => super::ops::compare(op, a, b),
    }
}

/// Python's `is`: the same object. Small values gradlab does not box are
/// compared by value, as CPython's cached small ints, `None`, `True` and
/// `False` are the same objects.
fn identical(a: &Value, b: &Value) -> bool {
    use std::rc::Rc;
    match (a, b) {
        (Value::None, Value::None) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Int(x), Value::Int(y)) => x == y && (-5..=256).contains(x),
        (Value::Array(x), Value::Array(y)) => Rc::ptr_eq(x, y),
        (Value::Tuple(x), Value::Tuple(y)) => Rc::ptr_eq(x, y),
        (Value::List(x), Value::List(y)) | (Value::Set(x), Value::Set(y)) => x.ptr_eq(y),
        (Value::Dict(x), Value::Dict(y)) => x.ptr_eq(y),
        (Value::Str(x), Value::Str(y)) => Rc::ptr_eq(x, y),
        (Value::Function(x), Value::Function(y)) => Rc::ptr_eq(x, y),
        (Value::Builtin(x), Value::Builtin(y)) => std::ptr::eq(*x, *y),
        (Value::Module(x), Value::Module(y)) => x == y,
        (Value::DType(x), Value::DType(y)) => x == y,
        (Value::ExcType(x), Value::ExcType(y)) => x == y,
        (Value::Class(x), Value::Class(y)) => x == y,
        (Value::Iter(x), Value::Iter(y)) => Rc::ptr_eq(x, y),
        _ => false,
    }
}
