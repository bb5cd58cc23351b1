//! The operators on arrays for the dtypes the interpreter creates (bool,
//! int64, float64): operands read in place and converted to the result
//! dtype in registers, one fresh output.

use crate::array::fpe;
use crate::array::{
    Array, Complex128, DType, Element, Kind, complex_div, complex_mul, map, zip_map,
};
use crate::eval::ErrorKind;
use crate::syntax::ast::{BinOp, CmpOp, UnaryOp};

use super::super::error::{EvalError, EvalResult};
use super::ints::{IntOps, integer};
use super::python::{divmod_f32, floor_div_f, floor_div_i, mod_f, mod_i, remainder_f32};

const BOOL_SUB: &str = "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.";
const BOOL_NEG: &str = "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead.";
const NEG_POW: &str = "Integers to negative integer powers are not allowed.";

/// Runs `$body` with `$T` bound to the element type of one of the
/// interpreter's register-converted dtypes, or returns `$other`.
macro_rules! basic_dtype {
    ($dtype:expr, $T:ident => $body:expr, $other:expr) => {
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
            _ => $other,
        }
    };
}

/// `f(x, y)` elementwise with both operands converted to `T`: in registers
/// when both are bool, int64 or float64 (one instantiation per pair), else
/// through a converted copy of the operand whose dtype differs. `f` is a
/// function pointer, so one instantiation serves every operator.
pub(in crate::eval) fn zip_as<T: Element, R: Element>(
    x: &Array,
    y: &Array,
    f: fn(T, T) -> R,
) -> EvalResult<Array> {
    basic_dtype!(x.dtype(), A => basic_dtype!(y.dtype(), B => {
        return Ok(zip_map::<A, B, R>(x, y, move |a, b| f(a.cast(), b.cast()))?);
    }, ()), ());
    let (x, y) = (x.as_dtype(T::DTYPE)?, y.as_dtype(T::DTYPE)?);
    Ok(zip_map::<T, T, R>(&x, &y, f)?)
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
        DType::Float32 => zip_as::<f32, f32>(x, y, f32_op(op)?),
        DType::Complex128 => {
            if op == BinOp::Mul && (x.ndim() > 0 || y.ndim() > 0) {
                return zip_as::<Complex128, Complex128>(x, y, crate::array::cmath::mul);
            }
            zip_as::<Complex128, Complex128>(x, y, complex_op(op)?)
        }
        DType::Bool => match op {
            BinOp::Add | BinOp::BitOr => zip_as::<bool, bool>(x, y, |a, b| a | b),
            BinOp::Mul | BinOp::BitAnd => zip_as::<bool, bool>(x, y, |a, b| a & b),
            BinOp::BitXor => zip_as::<bool, bool>(x, y, |a, b| a ^ b),
            BinOp::Sub => Err(EvalError::type_error(BOOL_SUB)),
            _ => binary(op, x, y, DType::Int64),
        },
        // Integers: true division is float64's.
        _ if op == BinOp::Div => zip_as::<f64, f64>(x, y, |a, b| a / b),
        DType::Int64 => match op {
            BinOp::Pow if has_negative(y)? => Err(EvalError::value_error(NEG_POW)),
            _ => zip_as::<i64, i64>(x, y, int_op(op)?),
        },
        int => {
            if op == BinOp::Pow && int.kind() == Kind::Int && has_negative(y)? {
                return Err(EvalError::value_error(NEG_POW));
            }
            if op == BinOp::MatMul {
                return Err(matmul_unsupported());
            }
            integer!(int, T => zip_as::<T, T>(x, y, <T as IntOps>::op(op)))
        }
    }
}

/// Whether an integer exponent array has a negative element.
fn has_negative(y: &Array) -> EvalResult<bool> {
    Ok(y.dtype().kind() == Kind::Int
        && y.as_dtype(DType::Int64)?
            .read::<i64>()
            .iter()
            .any(|e| e < 0))
}

/// float32 arithmetic in float32 (NumPy's `npy_divmodf` for `//` and `%`).
fn f32_op(op: BinOp) -> EvalResult<fn(f32, f32) -> f32> {
    Ok(match op {
        BinOp::Add => |a, b| a + b,
        BinOp::Sub => |a, b| a - b,
        BinOp::Mul => |a, b| a * b,
        BinOp::Div => |a, b| a / b,
        BinOp::FloorDiv => |a, b| divmod_f32(a, b).0,
        BinOp::Mod => remainder_f32,
        BinOp::Pow => f32::powf,
        // The errors are float64's (same words).
        other => {
            float_op(other)?;
            unreachable!("float_op refuses the other operators")
        }
    })
}

fn ufunc_unsupported(name: &str) -> EvalError {
    EvalError::type_error(format!(
        "ufunc '{name}' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''"
    ))
}

/// NumPy's `fast_scalar_power` for a complex array (the `**` operator
/// only, not `np.power`): `** -1` runs
/// `reciprocal`, `** 0.5` `sqrt`, `** 2` `square` (the ufunc names
/// `flags::power_fast_path` gives the warnings).
pub(super) fn complex_fast_power(y: &Array) -> Option<fn(Complex128) -> Complex128> {
    if y.ndim() != 0 || y.dtype() == DType::Complex128 {
        return None;
    }
    let name = match y.first()?.as_f64() {
        -1.0 => "reciprocal",
        0.5 => "sqrt",
        2.0 => "square",
        _ => return None,
    };
    crate::array::cmath::unary_fn(name)
}

/// complex128 arithmetic (NumPy's loops: Smith's division).
fn complex_op(op: BinOp) -> EvalResult<fn(Complex128, Complex128) -> Complex128> {
    Ok(match op {
        BinOp::Add => |a, b| a + b,
        BinOp::Sub => |a, b| a - b,
        BinOp::Mul => complex_mul,
        BinOp::Div => complex_div,
        BinOp::FloorDiv => return Err(ufunc_unsupported("floor_divide")),
        BinOp::Mod => return Err(ufunc_unsupported("remainder")),
        // NumPy's `npy_cpow`.
        BinOp::Pow => crate::array::cmath::power,
        other => {
            float_op(other)?;
            unreachable!("float_op refuses the other operators")
        }
    })
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
        BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor | BinOp::LShift | BinOp::RShift => {
            return Err(ufunc_unsupported(super::ufunc_name(op)));
        }
        BinOp::MatMul => return Err(matmul_unsupported()),
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
    macro_rules! ordered {
        ($($d:ident => $t:ty),*) => {
            match dt {
                $(DType::$d => zip_as::<$t, bool>(x, y, cmp_fn::<$t>(op)),)*
                DType::Complex128 => zip_as::<Complex128, bool>(x, y, complex_cmp(op)),
            }
        };
    }
    ordered!(Bool => bool, Int8 => i8, Int16 => i16, Int32 => i32, Int64 => i64,
        UInt8 => u8, UInt16 => u16, UInt32 => u32, UInt64 => u64,
        Float32 => f32, Float64 => f64)
}

/// NumPy orders complex numbers lexicographically (real part first).
/// NumPy's `CLT`/`CLE`/`CGT`/`CGE` (`(xr < yr && no NaN imaginary part)
/// || (xr == yr && xi < yi)`), whose C comparisons raise "invalid" when
/// they meet a NaN.
fn complex_cmp(op: CmpOp) -> fn(Complex128, Complex128) -> bool {
    fn ordered(a: Complex128, b: Complex128, lt: fn(f64, f64) -> bool, or_eq: bool) -> bool {
        let nan_im = a.im.is_nan() || b.im.is_nan();
        if a.re.is_nan() || b.re.is_nan() || (a.re == b.re && nan_im) {
            fpe::raise(fpe::Flags::INVALID);
        }
        (lt(a.re, b.re) && !nan_im) || (a.re == b.re && (lt(a.im, b.im) || (or_eq && a.im == b.im)))
    }
    match op {
        CmpOp::Eq => |a, b| a == b,
        CmpOp::Ne => |a, b| a != b,
        CmpOp::Lt => |a, b| ordered(a, b, |p, q| p < q, false),
        CmpOp::Le => |a, b| ordered(a, b, |p, q| p < q, true),
        CmpOp::Gt => |a, b| ordered(a, b, |p, q| p > q, false),
        CmpOp::Ge => |a, b| ordered(a, b, |p, q| p > q, true),
        CmpOp::In | CmpOp::NotIn | CmpOp::Is | CmpOp::IsNot => |_, _| false,
    }
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
        (UnaryOp::Pos, _) => x.copy()?,
        (UnaryOp::Neg, DType::Bool) => return Err(EvalError::type_error(BOOL_NEG)),
        (UnaryOp::Neg, DType::Float64) => map::<f64, f64>(x, |e| -e)?,
        (UnaryOp::Neg, DType::Float32) => map::<f32, f32>(x, |e| -e)?,
        (UnaryOp::Neg, DType::Complex128) => map::<Complex128, Complex128>(x, |e| -e)?,
        (UnaryOp::Neg, d) => {
            integer!(d, T => map::<T, T>(x, |e| <T as IntOps>::op(BinOp::Sub)(0, e))?)
        }
        (UnaryOp::Invert, DType::Bool) => map::<bool, bool>(x, |e| !e)?,
        (UnaryOp::Invert, d) if d.is_integer() => integer!(d, T => map::<T, T>(x, |e| !e)?),
        (UnaryOp::Invert, _) => return Err(ufunc_unsupported("invert")),
        (UnaryOp::Not, _) => unreachable!("`not` is Python's"),
    })
}
