//! A float taken apart for Dragon4: its sign, mantissa and exponent (with
//! the float's own mantissa width), and the texts of inf and nan.

use super::Options;

/// A finite float's mantissa, binary exponent, top mantissa bit and
/// whether its margins differ (NumPy's `Dragon4_PrintFloat_IEEE_binary64`).
#[derive(Clone, Copy)]
pub(super) struct Parts {
    pub(super) mantissa: u64,
    pub(super) exponent: i32,
    pub(super) mantissa_bit: u32,
    pub(super) unequal_margins: bool,
}

/// A binary float Dragon4 formats with its own mantissa width: NumPy
/// prints a float32 with float32's shortest digits (`0.1`, not
/// `0.10000000149011612`).
pub trait Binary: Copy {
    /// Mantissa bits (without the implicit one).
    const MANTISSA: u32;
    /// Exponent bias.
    const BIAS: i32;
    /// The value as float64 (exact).
    fn widen(self) -> f64;
    /// `(negative, biased exponent field, mantissa field)`.
    fn fields(self) -> (bool, i32, u64);
}

impl Binary for f64 {
    const MANTISSA: u32 = 52;
    const BIAS: i32 = 1023;
    fn widen(self) -> f64 {
        self
    }
    fn fields(self) -> (bool, i32, u64) {
        let b = self.to_bits();
        (
            b >> 63 == 1,
            ((b >> 52) & 0x7ff) as i32,
            b & ((1 << 52) - 1),
        )
    }
}

impl Binary for f32 {
    const MANTISSA: u32 = 23;
    const BIAS: i32 = 127;
    fn widen(self) -> f64 {
        f64::from(self)
    }
    fn fields(self) -> (bool, i32, u64) {
        let b = self.to_bits();
        (
            b >> 31 == 1,
            ((b >> 23) & 0xff) as i32,
            u64::from(b & ((1 << 23) - 1)),
        )
    }
}

/// The sign text and the parts of a finite `x`; `None` for inf and nan.
pub(super) fn start<F: Binary>(x: F, o: &Options) -> Option<(String, Parts)> {
    let (negative, exp, frac) = x.fields();
    let mb = F::MANTISSA;
    if exp == 2 * F::BIAS + 1 {
        return None;
    }
    let sign = if negative {
        "-"
    } else if o.sign {
        "+"
    } else {
        ""
    };
    let parts = if exp != 0 {
        Parts {
            mantissa: (1u64 << mb) | frac,
            exponent: exp - F::BIAS - mb as i32,
            mantissa_bit: mb,
            unequal_margins: exp != 1 && frac == 0,
        }
    } else {
        Parts {
            mantissa: frac,
            exponent: 1 - F::BIAS - mb as i32,
            mantissa_bit: 63u32.saturating_sub(frac.leading_zeros()),
            unequal_margins: false,
        }
    };
    Some((sign.to_string(), parts))
}

/// NumPy's `PrintInfNan`: a sign only on infinities.
pub(super) fn inf_nan(x: f64, plus: bool) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    let sign = if x < 0.0 {
        "-"
    } else if plus {
        "+"
    } else {
        ""
    };
    format!("{sign}inf")
}
