//! The scalar kernels of NumPy's distributions
//! (`numpy/random/src/distributions/distributions.c` and, for the legacy
//! Gaussian, `src/legacy/legacy-distributions.c`), one draw per call.

use super::bitgen::BitGen;
use super::ziggurat::{FI, KI, NOR_INV_R, NOR_R, WI};

/// `random_uniform`: `lower + range * U`.
pub fn uniform<B: BitGen>(b: &mut B, lower: f64, range: f64) -> f64 {
    lower + range * b.next_double()
}

/// `random_standard_normal`: Marsaglia & Tsang's ziggurat with NumPy's
/// 256-layer tables, 8 bits of layer, 1 of sign, 52 of magnitude.
pub fn standard_normal<B: BitGen>(b: &mut B) -> f64 {
    loop {
        let mut r = b.next_u64();
        let idx = (r & 0xff) as usize;
        r >>= 8;
        let sign = r & 0x1;
        let rabs = (r >> 1) & 0x000f_ffff_ffff_ffff;
        let mut x = rabs as f64 * WI[idx];
        if sign & 0x1 == 1 {
            x = -x;
        }
        if rabs < KI[idx] {
            return x;
        }
        if idx == 0 {
            // The tail beyond r, by Marsaglia's exponential rejection;
            // 1 - U (log1p(-U)) keeps log away from 0.
            loop {
                let xx = -NOR_INV_R * (-b.next_double()).ln_1p();
                let yy = -(-b.next_double()).ln_1p();
                if yy + yy > xx * xx {
                    return if (rabs >> 8) & 0x1 == 1 {
                        -(NOR_R + xx)
                    } else {
                        NOR_R + xx
                    };
                }
            }
        } else if (FI[idx - 1] - FI[idx]) * b.next_double() + FI[idx] < (-0.5 * x * x).exp() {
            return x;
        }
    }
}

/// `legacy_gauss`: the polar Box–Muller method of NumPy 1.16, which makes
/// two normals per accepted pair and keeps the second for the next call.
pub fn legacy_gauss<B: BitGen>(b: &mut B, cached: &mut Option<f64>) -> f64 {
    if let Some(g) = cached.take() {
        return g;
    }
    let (x1, x2, r2) = loop {
        let x1 = 2.0 * b.next_double() - 1.0;
        let x2 = 2.0 * b.next_double() - 1.0;
        let r2 = x1 * x1 + x2 * x2;
        if r2 < 1.0 && r2 != 0.0 {
            break (x1, x2, r2);
        }
    };
    let f = (-2.0 * r2.ln() / r2).sqrt();
    *cached = Some(f * x1);
    f * x2
}

/// The smallest all-ones bit mask covering `max` (`gen_mask`).
pub fn gen_mask(max: u64) -> u64 {
    if max == 0 {
        0
    } else {
        u64::MAX >> max.leading_zeros()
    }
}

/// `random_interval`: uniform in [0, max] by masked rejection, the draw
/// the shuffles use.
pub fn interval<B: BitGen>(b: &mut B, max: u64) -> u64 {
    if max == 0 {
        return 0;
    }
    let mask = gen_mask(max);
    if max <= 0xffff_ffff {
        loop {
            let v = u64::from(b.next_u32()) & mask;
            if v <= max {
                return v;
            }
        }
    }
    loop {
        let v = b.next_u64() & mask;
        if v <= max {
            return v;
        }
    }
}

/// How bounded integers reject: by mask (`RandomState.randint`, kept for
/// old streams) or Lemire's multiply-shift (`Generator.integers`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Masked,
    Lemire,
}

/// `bounded_masked_uint32` / `buffered_bounded_lemire_uint32` for
/// 0 < rng < 2**32 - 1.
pub fn bounded_u32<B: BitGen>(b: &mut B, rng: u32, method: Method) -> u32 {
    match method {
        Method::Masked => {
            let mask = gen_mask(u64::from(rng)) as u32;
            loop {
                let v = b.next_u32() & mask;
                if v <= rng {
                    return v;
                }
            }
        }
        Method::Lemire => {
            let excl = rng + 1;
            let mut m = u64::from(b.next_u32()) * u64::from(excl);
            let mut leftover = m as u32;
            if leftover < excl {
                let threshold = (u32::MAX - rng) % excl;
                while leftover < threshold {
                    m = u64::from(b.next_u32()) * u64::from(excl);
                    leftover = m as u32;
                }
            }
            (m >> 32) as u32
        }
    }
}

/// `bounded_masked_uint64` / `bounded_lemire_uint64` for
/// 2**32 - 1 < rng < 2**64 - 1.
fn bounded_u64_wide<B: BitGen>(b: &mut B, rng: u64, method: Method) -> u64 {
    match method {
        Method::Masked => {
            let mask = gen_mask(rng);
            loop {
                let v = b.next_u64() & mask;
                if v <= rng {
                    return v;
                }
            }
        }
        Method::Lemire => {
            let excl = rng + 1;
            let mut m = u128::from(b.next_u64()) * u128::from(excl);
            let mut leftover = m as u64;
            if leftover < excl {
                let threshold = (u64::MAX - rng) % excl;
                while leftover < threshold {
                    m = u128::from(b.next_u64()) * u128::from(excl);
                    leftover = m as u64;
                }
            }
            (m >> 64) as u64
        }
    }
}

/// `random_bounded_uint64`: uniform in [off, off + rng] (wrapping), with
/// NumPy's special cases: a 32-bit draw when the range fits, a raw word
/// when the range is full.
pub fn bounded_u64<B: BitGen>(b: &mut B, off: u64, rng: u64, method: Method) -> u64 {
    if rng == 0 {
        off
    } else if rng == 0xffff_ffff {
        off.wrapping_add(u64::from(b.next_u32()))
    } else if rng < 0xffff_ffff {
        off.wrapping_add(u64::from(bounded_u32(b, rng as u32, method)))
    } else if rng == u64::MAX {
        off.wrapping_add(b.next_u64())
    } else {
        off.wrapping_add(bounded_u64_wide(b, rng, method))
    }
}

/// The 32-bit word NumPy's 16-, 8- and 1-bit draws are cut from
/// (`buffered_uint16`, `buffered_uint8`, `buffered_bounded_bool`): a new
/// word when the previous one is used up, else the next `bits` bits.
#[derive(Clone, Copy, Debug, Default)]
pub struct Buffer {
    word: u32,
    left: u32,
}

impl Buffer {
    /// The next `bits` (16, 8 or 1) random bits.
    pub fn take<B: BitGen>(&mut self, b: &mut B, bits: u32) -> u32 {
        if self.left == 0 {
            self.word = b.next_u32();
            self.left = 32 / bits - 1;
        } else {
            self.word >>= bits;
            self.left -= 1;
        }
        self.word & (u32::MAX >> (32 - bits))
    }
}

/// `random_buffered_bounded_uint16/uint8/bool`: uniform in [off, off + rng]
/// for a `bits`-wide type, cut from a shared 32-bit buffer.
pub fn bounded_small<B: BitGen>(
    b: &mut B,
    buf: &mut Buffer,
    bits: u32,
    off: u64,
    rng: u64,
    method: Method,
) -> u64 {
    let full = u64::from(u32::MAX >> (32 - bits));
    if rng == 0 {
        return off;
    }
    if bits == 1 {
        // NumPy's bool path ignores the method: one bit per draw.
        return u64::from(buf.take(b, 1));
    }
    if rng == full {
        return (off + u64::from(buf.take(b, bits))) & full;
    }
    let v = match method {
        Method::Masked => {
            let mask = gen_mask(rng);
            loop {
                let v = u64::from(buf.take(b, bits)) & mask;
                if v <= rng {
                    break v;
                }
            }
        }
        Method::Lemire => {
            // The 16- and 8-bit Lemire variants: products in 32/16 bits.
            let excl = rng + 1;
            let mut m = u64::from(buf.take(b, bits)) * excl;
            let mut leftover = m & full;
            if leftover < excl {
                let threshold = (full - rng) % excl;
                while leftover < threshold {
                    m = u64::from(buf.take(b, bits)) * excl;
                    leftover = m & full;
                }
            }
            m >> bits
        }
    };
    (off + v) & full
}
