//! The floating-point flags of an operator, as NumPy reports them: the
//! float kernels raise theirs in the status register; integer kernels
//! wrap silently, so the two cases NumPy reports for integers are found
//! here — division or modulo by zero (any integer operands) and overflow
//! of a scalar operation (`np.int64(2**62) * 4`).

use crate::array::fpe::{self, Flags};
use crate::array::{Array, Complex128, DType, Scalar};
use crate::syntax::ast::BinOp;

use super::super::error::EvalResult;
use super::super::warnings;
use super::kernels::zip_as;

/// NumPy's ufunc name of an operator (`a / b` is `divide`).
pub(crate) fn ufunc_name(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "add",
        BinOp::Sub => "subtract",
        BinOp::Mul => "multiply",
        BinOp::Div => "divide",
        BinOp::FloorDiv => "floor_divide",
        BinOp::Mod => "remainder",
        BinOp::Pow => "power",
        BinOp::MatMul => "matmul",
        BinOp::BitAnd => "bitwise_and",
        BinOp::BitOr => "bitwise_or",
        BinOp::BitXor => "bitwise_xor",
        BinOp::LShift => "left_shift",
        BinOp::RShift => "right_shift",
    }
}

/// How NumPy names the operation in its warnings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Naming {
    /// An operator with an array operand: the ufunc, or for `a ** -1`,
    /// `** 0.5`, `** 2` the ufunc NumPy's fast path runs.
    Operator,
    /// NumPy scalars (or a scalar and a Python number): "scalar divide".
    Scalar,
    /// The ufunc called by name (`np.power`): its own name.
    Ufunc,
}

/// Runs the kernel of `x op y` in dtype `dt` and reports its flags, named
/// as `naming` says.
pub(super) fn checked(
    op: BinOp,
    x: &Array,
    y: &Array,
    dt: DType,
    naming: Naming,
    kernel: impl FnOnce() -> EvalResult<Array>,
) -> EvalResult<Array> {
    let scalar = naming == Naming::Scalar;
    warnings::begin();
    let fast = match (naming, dt) {
        (Naming::Operator, DType::Complex128) if op == BinOp::Pow => {
            super::kernels::complex_fast_power(y)
        }
        _ => None,
    };
    let out = match fast {
        Some(f) => crate::array::map::<Complex128, Complex128>(&x.as_dtype(dt)?, f)?,
        None => kernel()?,
    };
    let mut flags = fpe::take();
    if op == BinOp::FloorDiv && dt.is_inexact() && !flags.is_empty() {
        flags = floor_divide_flags(flags, x, y)?;
    }
    if dt.is_integer() {
        if matches!(op, BinOp::FloorDiv | BinOp::Mod) && has_zero(y)? {
            flags = flags.union(Flags::DIVIDE);
        }
        if scalar && overflowed(op, x, y, &out) {
            flags = flags.union(Flags::OVERFLOW);
        }
    }
    if !flags.is_empty() {
        let fast = match naming {
            Naming::Operator => power_fast_path(op, y, dt),
            _ => None,
        };
        let name = fast.unwrap_or(ufunc_name(op));
        if scalar {
            warnings::report(flags, &format!("scalar {name}"))?;
        } else {
            warnings::report(flags, name)?;
        }
    }
    Ok(out)
}

/// The ufunc NumPy's `array ** e` runs for the exponents it special-cases
/// (`a ** -1` is `reciprocal`, `** 0.5` `sqrt`, `** 2` `square`).
fn power_fast_path(op: BinOp, y: &Array, dt: DType) -> Option<&'static str> {
    if op != BinOp::Pow || y.ndim() != 0 || !dt.is_inexact() || y.dtype() == DType::Complex128 {
        return None;
    }
    match y.first()?.as_f64() {
        -1.0 => Some("reciprocal"),
        0.5 => Some("sqrt"),
        2.0 => Some("square"),
        _ => None,
    }
}

/// NumPy's float `//` by zero reports divide by zero (invalid for 0 or
/// NaN divided), not the flags of the remainder it computes on the way:
/// where a divisor is zero, the flags are recomputed from the operands.
fn floor_divide_flags(flags: Flags, x: &Array, y: &Array) -> EvalResult<Flags> {
    let by_zero = zip_as::<f64, u8>(x, y, |a, b| match b {
        0.0 if a == 0.0 || a.is_nan() => 8,
        0.0 => 1,
        _ => 0,
    })?;
    let seen = by_zero.read::<u8>().iter().fold(0u8, |acc, f| acc | f);
    if seen == 0 {
        return Ok(flags);
    }
    let mut out = Flags::NONE;
    for f in [Flags::OVERFLOW, Flags::UNDERFLOW] {
        if flags.contains(f) {
            out = out.union(f);
        }
    }
    if seen & 1 != 0 {
        out = out.union(Flags::DIVIDE);
    }
    if seen & 8 != 0 {
        out = out.union(Flags::INVALID);
    }
    Ok(out)
}

/// Whether an integer divisor has a zero element.
fn has_zero(y: &Array) -> EvalResult<bool> {
    if y.dtype() == DType::Int64 {
        return Ok(y.read::<i64>().iter().any(|e| e == 0));
    }
    Ok(y.as_dtype(DType::Int64)?
        .read::<i64>()
        .iter()
        .any(|e| e == 0))
}

/// An integer scalar's exact value.
fn exact(s: Scalar) -> Option<i128> {
    Some(match s {
        Scalar::Bool(b) => i128::from(b),
        Scalar::Int8(v) => v.into(),
        Scalar::Int16(v) => v.into(),
        Scalar::Int32(v) => v.into(),
        Scalar::Int64(v) => v.into(),
        Scalar::UInt8(v) => v.into(),
        Scalar::UInt16(v) => v.into(),
        Scalar::UInt32(v) => v.into(),
        Scalar::UInt64(v) => v.into(),
        _ => return None,
    })
}

/// Whether a scalar integer `+ - *` wrapped around.
fn overflowed(op: BinOp, x: &Array, y: &Array, out: &Array) -> bool {
    let (Some(a), Some(b), Some(r)) = (
        x.first().and_then(exact),
        y.first().and_then(exact),
        out.first().and_then(exact),
    ) else {
        return false;
    };
    let true_value = match op {
        BinOp::Add => a.checked_add(b),
        BinOp::Sub => a.checked_sub(b),
        BinOp::Mul => a.checked_mul(b),
        // NumPy's scalar power does not check (`np.int64(10) ** 30` wraps
        // silently).
        _ => return false,
    };
    true_value != Some(r)
}
