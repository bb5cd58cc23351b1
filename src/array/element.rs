//! The Rust element type of each dtype, and NumPy's element casts.
//!
//! Casts follow `astype` (unsafe casting) as NumPy 2 computes them on
//! x86-64: integers wrap (C conversions), integers to floats round to
//! nearest, floats to integers truncate toward zero with the hardware's
//! answer for NaN and out-of-range values (`cvttsd2si`: the most negative
//! value of a 32- or 64-bit register, then truncated to the target width),
//! complex to real keeps the real part, anything to bool is "nonzero".

use std::fmt::Debug;

use super::dtype::DType;
use super::scalar::{Num, Scalar};

/// NumPy's `complex128`.
pub type Complex128 = num_complex::Complex<f64>;

/// NumPy's `_lerp(a, b, t)` (quantiles' interpolation): from the nearer
/// end, so t = 1 gives b exactly.
pub fn lerp(a: f64, b: f64, t: f64) -> f64 {
    let d = b - a;
    if t >= 0.5 {
        b - d * (1.0 - t)
    } else {
        a + d * t
    }
}

/// NumPy's complex multiplication loop.
pub fn complex_mul(a: Complex128, b: Complex128) -> Complex128 {
    Complex128::new(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re)
}

/// NumPy's complex division loop (Smith's algorithm; 0/0 gives NaNs as
/// NumPy's does).
pub fn complex_div(a: Complex128, b: Complex128) -> Complex128 {
    let (br_abs, bi_abs) = (b.re.abs(), b.im.abs());
    // NumPy's `>=` on a NaN divisor part raises "invalid" (C's comparison).
    if br_abs.is_nan() || bi_abs.is_nan() {
        super::fpe::raise(super::fpe::Flags::INVALID);
    }
    if br_abs >= bi_abs {
        if br_abs == 0.0 && bi_abs == 0.0 {
            return Complex128::new(a.re / br_abs, a.im / bi_abs);
        }
        let rat = b.im / b.re;
        let scl = 1.0 / (b.re + b.im * rat);
        Complex128::new((a.re + a.im * rat) * scl, (a.im - a.re * rat) * scl)
    } else {
        let rat = b.re / b.im;
        let scl = 1.0 / (b.im + b.re * rat);
        Complex128::new((a.re * rat + a.im) * scl, (a.im * rat - a.re) * scl)
    }
}

mod sealed {
    pub trait Sealed {}
}

/// An element type of an [`Array`](super::Array): one per [`DType`].
///
/// Implemented for `bool`, `i8`..`i64`, `u8`..`u64`, `f32`, `f64` and
/// [`Complex128`]; sealed, so a buffer's bytes are always valid for the
/// element type its dtype names (`bool` only ever holds 0 or 1).
pub trait Element:
    Copy + Default + PartialEq + Debug + Send + Sync + 'static + sealed::Sealed
{
    /// The dtype whose elements this type holds.
    const DTYPE: DType;

    /// The value as a [`Scalar`].
    fn to_scalar(self) -> Scalar;

    /// `s` cast to this type with NumPy's `astype` rules.
    fn from_scalar(s: Scalar) -> Self;

    /// `self` cast to `U` with NumPy's `astype` rules (in registers).
    #[inline(always)]
    fn cast<U: Element>(self) -> U {
        U::from_scalar(self.to_scalar())
    }
}

/// `cvttsd2si` with a 64-bit destination: truncation, `i64::MIN` for NaN
/// and anything outside `[-2^63, 2^63)`.
#[inline(always)]
pub(super) fn f_to_i64(x: f64) -> i64 {
    if (-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&x) {
        x as i64
    } else {
        i64::MIN
    }
}

/// `cvttsd2si` with a 32-bit destination (how C converts a double to an
/// `int` and, through it, to the narrower types).
#[inline(always)]
pub(super) fn f_to_i32(x: f64) -> i32 {
    if x > -2_147_483_649.0 && x < 2_147_483_648.0 {
        x as i32
    } else {
        i32::MIN
    }
}

/// How a C compiler converts a double to `uint64_t` on x86-64: directly
/// below 2^63 (NaN included), else offset by 2^63.
#[inline(always)]
pub(super) fn f_to_u64(x: f64) -> u64 {
    const TWO_63: f64 = 9_223_372_036_854_775_808.0;
    if x >= TWO_63 {
        (f_to_i64(x - TWO_63) as u64) ^ (1 << 63)
    } else {
        f_to_i64(x) as u64
    }
}

macro_rules! element {
    ($t:ty, $dtype:ident, |$n:ident| $from:expr) => {
        impl sealed::Sealed for $t {}
        impl Element for $t {
            const DTYPE: DType = DType::$dtype;
            #[inline(always)]
            fn to_scalar(self) -> Scalar {
                Scalar::$dtype(self)
            }
            #[inline(always)]
            fn from_scalar(s: Scalar) -> $t {
                let $n = s.num();
                $from
            }
        }
    };
}

/// An integer target: wrap from integers, truncate floats through `$via`.
macro_rules! int_element {
    ($t:ty, $dtype:ident, $via:expr) => {
        element!($t, $dtype, |n| match n {
            Num::B(b) => <$t>::from(b),
            Num::I(i) => i as $t,
            Num::U(u) => u as $t,
            Num::F(x) => $via(x) as $t,
            Num::C(z) => $via(z.re) as $t,
        });
    };
}

int_element!(i8, Int8, f_to_i32);
int_element!(i16, Int16, f_to_i32);
int_element!(i32, Int32, f_to_i32);
int_element!(i64, Int64, f_to_i64);
int_element!(u8, UInt8, f_to_i32);
int_element!(u16, UInt16, f_to_i32);
int_element!(u32, UInt32, f_to_i64);
int_element!(u64, UInt64, f_to_u64);

element!(bool, Bool, |n| match n {
    Num::B(b) => b,
    Num::I(i) => i != 0,
    Num::U(u) => u != 0,
    Num::F(x) => x != 0.0,
    Num::C(z) => z.re != 0.0 || z.im != 0.0,
});

element!(f32, Float32, |n| match n {
    Num::B(b) => f32::from(u8::from(b)),
    Num::I(i) => i as f32,
    Num::U(u) => u as f32,
    Num::F(x) => x as f32,
    Num::C(z) => z.re as f32,
});

element!(f64, Float64, |n| match n {
    Num::B(b) => f64::from(u8::from(b)),
    Num::I(i) => i as f64,
    Num::U(u) => u as f64,
    Num::F(x) => x,
    Num::C(z) => z.re,
});

element!(Complex128, Complex128, |n| match n {
    Num::C(z) => z,
    other => Complex128::new(f64::from_scalar(other.into_scalar()), 0.0),
});

impl Num {
    fn into_scalar(self) -> Scalar {
        match self {
            Num::B(b) => Scalar::Bool(b),
            Num::I(i) => Scalar::Int64(i),
            Num::U(u) => Scalar::UInt64(u),
            Num::F(x) => Scalar::Float64(x),
            Num::C(z) => Scalar::Complex128(z),
        }
    }
}
