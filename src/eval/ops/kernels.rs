//! The operators on arrays for the dtypes the interpreter creates (bool,
//! int64, float64): operands read in place and converted to the result
//! dtype in registers, one fresh output.

use crate::array::{Array, DType, Element, map, zip_map};
use crate::eval::ErrorKind;
use crate::syntax::ast::{BinOp, CmpOp, UnaryOp};

use super::super::error::{EvalError, EvalResult};
use super::python::{floor_div_f, floor_div_i, mod_f, mod_i};
use super::unsupported_dtype;

const BOOL_SUB: &str = "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.";
const BOOL_NEG: &str = "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead.";
const NEG_POW: &str = "Integers to negative integer powers are not allowed.";

/// Runs `$body` with `$T` bound to the element type of one of the
/// interpreter's dtypes, or returns the "not yet" error for the others.
macro_rules! basic_dtype {
    ($dtype:expr, $T:ident => $body:expr) => {
        match $dtype {
            DType::Bool => {
                type $T = bool;
                $body
            }
            DType::Int64 => {
                type $T = i64;
                $body
            }
            DType::Float64 => {
                type $T = f64;
                $body
            }
            other => return Err(unsupported_dtype(other)),
        }
    };
}

/// `f(x, y)` elementwise with both operands converted to `T` in registers.
/// `f` is a function pointer, so one instantiation serves every operator.
pub(in crate::eval) fn zip_as<T: Element, R: Element>(
    x: &Array,
    y: &Array,
    f: fn(T, T) -> R,
) -> EvalResult<Array> {
    basic_dtype!(x.dtype(), A => basic_dtype!(y.dtype(), B => {
        Ok(zip_map::<A, B, R>(x, y, move |a, b| f(a.cast(), b.cast()))?)
    }))
}

/// `x op y` in dtype `dt` (the promoted dtype of the operands).
pub(super) fn binary(op: BinOp, x: &Array, y: &Array, dt: DType) -> EvalResult<Array> {
    match dt {
        DType::Float64 => {
            if x.dtype() == DType::Float64 && y.dtype() == DType::Float64 {
                // The common case, inlined so the loop vectorises.
                let out = match op {
                    BinOp::Add => Some(zip_map::<f64, f64, f64>(x, y, |a, b| a + b)),
                    BinOp::Sub => Some(zip_map::<f64, f64, f64>(x, y, |a, b| a - b)),
                    BinOp::Mul => Some(zip_map::<f64, f64, f64>(x, y, |a, b| a * b)),
                    BinOp::Div => Some(zip_map::<f64, f64, f64>(x, y, |a, b| a / b)),
                    _ => None,
                };
                if let Some(out) = out {
                    return Ok(out?);
                }
            }
            zip_as::<f64, f64>(x, y, float_op(op)?)
        }
        DType::Int64 => match op {
            BinOp::Div => zip_as::<f64, f64>(x, y, |a, b| a / b),
            BinOp::Pow if y.dtype() == DType::Int64 && y.read::<i64>().iter().any(|e| e < 0) => {
                Err(EvalError::value_error(NEG_POW))
            }
            _ => zip_as::<i64, i64>(x, y, int_op(op)?),
        },
        DType::Bool => match op {
            BinOp::Add | BinOp::BitOr => zip_as::<bool, bool>(x, y, |a, b| a | b),
            BinOp::Mul | BinOp::BitAnd => zip_as::<bool, bool>(x, y, |a, b| a & b),
            BinOp::BitXor => zip_as::<bool, bool>(x, y, |a, b| a ^ b),
            BinOp::Sub => Err(EvalError::type_error(BOOL_SUB)),
            _ => binary(op, x, y, DType::Int64),
        },
        other => Err(unsupported_dtype(other)),
    }
}

fn float_op(op: BinOp) -> EvalResult<fn(f64, f64) -> f64> {
    Ok(match op {
        BinOp::Add => |a, b| a + b,
        BinOp::Sub => |a, b| a - b,
        BinOp::Mul => |a, b| a * b,
        BinOp::Div => |a, b| a / b,
        BinOp::FloorDiv => floor_div_f,
        BinOp::Mod => mod_f,
        BinOp::Pow => f64::powf,
        BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor => {
            let name = match op {
                BinOp::BitAnd => "bitwise_and",
                BinOp::BitOr => "bitwise_or",
                _ => "bitwise_xor",
            };
            return Err(EvalError::type_error(format!(
                "ufunc '{name}' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''"
            )));
        }
        BinOp::MatMul => return Err(matmul_unsupported()),
        BinOp::LShift | BinOp::RShift => {
            let name = if op == BinOp::LShift {
                "left_shift"
            } else {
                "right_shift"
            };
            return Err(EvalError::type_error(format!(
                "ufunc '{name}' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''"
            )));
        }
    })
}

pub(super) fn matmul_unsupported() -> EvalError {
    EvalError::new(
        ErrorKind::NotImplementedError,
        "the @ operator is not supported by gradlab",
    )
}

fn int_op(op: BinOp) -> EvalResult<fn(i64, i64) -> i64> {
    Ok(match op {
        BinOp::Add => i64::wrapping_add,
        BinOp::Sub => i64::wrapping_sub,
        BinOp::Mul => i64::wrapping_mul,
        BinOp::FloorDiv => floor_div_i,
        BinOp::Mod => mod_i,
        BinOp::Pow => |a, b| a.wrapping_pow(b.clamp(0, u32::MAX as i64) as u32),
        BinOp::BitAnd => |a, b| a & b,
        BinOp::BitOr => |a, b| a | b,
        BinOp::BitXor => |a, b| a ^ b,
        BinOp::Div => unreachable!("true division is float"),
        BinOp::MatMul => return Err(matmul_unsupported()),
        // NumPy: shifting by the width or more gives 0 (or -1 for a
        // negative number shifted right).
        BinOp::LShift => |a, b| {
            if (0..64).contains(&b) {
                a.wrapping_shl(b as u32)
            } else {
                0
            }
        },
        BinOp::RShift => |a, b| match b {
            0..=63 => a >> b,
            _ if b >= 64 && a < 0 => -1,
            _ => 0,
        },
    })
}

/// `x op y` for a comparison, computed in dtype `dt`.
pub(super) fn compare(op: CmpOp, x: &Array, y: &Array, dt: DType) -> EvalResult<Array> {
    basic_dtype!(dt, T => zip_as::<T, bool>(x, y, cmp_fn::<T>(op)))
}

fn cmp_fn<T: PartialOrd>(op: CmpOp) -> fn(T, T) -> bool {
    match op {
        CmpOp::Eq => |a, b| a == b,
        CmpOp::Ne => |a, b| a != b,
        CmpOp::Lt => |a, b| a < b,
        CmpOp::Le => |a, b| a <= b,
        CmpOp::Gt => |a, b| a > b,
        CmpOp::Ge => |a, b| a >= b,
        // Membership and identity are Python's (see `pyops::compare`).
        CmpOp::In | CmpOp::NotIn | CmpOp::Is | CmpOp::IsNot => |_, _| false,
    }
}

/// `op x` (`-x`, `+x`, `~x`): always a new array, as NumPy's ufuncs give.
pub(super) fn unary(op: UnaryOp, x: &Array) -> EvalResult<Array> {
    Ok(match (op, x.dtype()) {
        (UnaryOp::Neg, DType::Float64) => map::<f64, f64>(x, |e| -e)?,
        (UnaryOp::Neg, DType::Int64) => map::<i64, i64>(x, i64::wrapping_neg)?,
        (UnaryOp::Neg, DType::Bool) => return Err(EvalError::type_error(BOOL_NEG)),
        (UnaryOp::Pos, _) => x.copy()?,
        (UnaryOp::Invert, DType::Int64) => map::<i64, i64>(x, |e| !e)?,
        (UnaryOp::Invert, DType::Bool) => map::<bool, bool>(x, |e| !e)?,
        (UnaryOp::Invert, DType::Float64) => {
            return Err(EvalError::type_error(
                "ufunc 'invert' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''",
            ));
        }
        (_, other) => return Err(unsupported_dtype(other)),
    })
}
