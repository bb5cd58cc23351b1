//! The floating-point flags of NumPy's float casts (`a.astype(int)`:
//! "invalid value encountered in cast"), as its C conversions raise them
//! on x86-64: float → integer goes through the CPU's truncating
//! conversion to int32 (8-, 16- and 32-bit targets) or int64 (int64,
//! uint32; uint64 in two halves), which flags NaN, ±inf and values out of
//! *that* range — so `300.0` → int8 wraps silently while `3e9` warns.
//! float64 → float32 flags overflow when a finite value becomes inf.

use crate::array::fpe::Flags;
use crate::array::{Array, DType};

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
