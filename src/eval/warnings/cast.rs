//! The floating-point flags of NumPy's float casts (`a.astype(int)`:
//! "invalid value encountered in cast"), as its C conversions raise them
//! on x86-64: float → integer goes through the CPU's truncating
//! conversion to int32 (8-, 16- and 32-bit targets) or int64 (int64,
//! uint32; uint64 in two halves), which flags NaN, ±inf and values out of
//! *that* range — so `300.0` → int8 wraps silently while `3e9` warns.
//! float64 → float32 flags overflow when a finite value becomes inf.

use crate::array::fpe::Flags;
use crate::array::{Array, DType};

use super::super::error::EvalResult;

const TWO_31: f64 = 2_147_483_648.0;
const TWO_63: f64 = 9_223_372_036_854_775_808.0;
const TWO_64: f64 = 18_446_744_073_709_551_616.0;

/// The flags casting `a` to `to` raises (none for casts that cannot fail).
pub fn cast_flags(a: &Array, to: DType) -> Flags {
    let can_fail = to.is_integer() || (to == DType::Float32 && a.dtype() == DType::Float64);
    if !can_fail || !matches!(a.dtype(), DType::Float64 | DType::Float32) {
        return Flags::NONE;
    }
    let values = a.to_f64_vec();
    let bad = |x: f64| -> Flags {
        let t = x.trunc();
        let invalid = match to {
            DType::Int8 | DType::Int16 | DType::Int32 | DType::UInt8 | DType::UInt16 => {
                x.is_nan() || !(-TWO_31..TWO_31).contains(&t)
            }
            DType::Int64 | DType::UInt32 => x.is_nan() || !(-TWO_63..TWO_63).contains(&t),
            DType::UInt64 => x.is_nan() || t < -TWO_63 || x >= TWO_64,
            DType::Float32 => {
                return if x.is_finite() && (x as f32).is_infinite() {
                    Flags::OVERFLOW
                } else {
                    Flags::NONE
                };
            }
            _ => false,
        };
        if invalid { Flags::INVALID } else { Flags::NONE }
    };
    values.into_iter().fold(Flags::NONE, |f, x| f.union(bad(x)))
}

/// `np.asarray(a, dtype=to)` with NumPy's cast warnings ("overflow
/// encountered in cast" for a float64 too big for float32, "invalid value"
/// for float → integer): `a` itself when it already has `to`.
///
/// # Errors
/// `MemoryError` above the allocation cap; `FloatingPointError` under
/// `np.seterr(over='raise')` (or `invalid=`).
pub fn cast_checked(a: &Array, to: DType) -> EvalResult<Array> {
    let flags = cast_flags(a, to);
    let out = a.as_dtype(to)?;
    super::report(flags, "cast")?;
    Ok(out)
}

/// The warning of a float64 value `x` stored as `to` (a Python float in
/// `np.float32(1e308)`, `np.full(..., dtype=)`).
///
/// # Errors
/// As [`cast_checked`].
pub fn check_f64_cast(x: f64, to: DType) -> EvalResult<()> {
    if to == DType::Float32 && x.is_finite() && (x as f32).is_infinite() {
        super::report(Flags::OVERFLOW, "cast")?;
    }
    Ok(())
}

/// The warning of building the float32 array `out` from elements `src`
/// (built only when `out` holds an infinity, which a finite element too
/// big for float32 became): `np.array([1e308], dtype=np.float32)`.
///
/// # Errors
/// As [`cast_checked`].
pub fn check_built_f32(out: &Array, src: impl FnOnce() -> Option<Array>) -> EvalResult<()> {
    if out.dtype() != DType::Float32 || !out.read::<f32>().iter().any(|x| x.is_infinite()) {
        return Ok(());
    }
    match src() {
        Some(a) => super::report(cast_flags(&a, DType::Float32), "cast"),
        None => Ok(()),
    }
}
