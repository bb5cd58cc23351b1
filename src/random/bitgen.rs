//! The bit-generator interface NumPy's distributions draw from (its C
//! `bitgen_t`): 64-bit and 32-bit words and doubles in [0, 1).

/// A source of random bits, as NumPy's `bitgen_t`.
///
/// Each generator defines all three, because NumPy's do: MT19937 builds a
/// 64-bit word from two 32-bit ones (high word first) and its doubles from
/// 53 bits of two words; PCG64 hands out the halves of one 64-bit word as
/// two 32-bit draws.
pub trait BitGen {
    /// NumPy's `next_uint64`.
    fn next_u64(&mut self) -> u64;
    /// NumPy's `next_uint32`.
    fn next_u32(&mut self) -> u32;
    /// NumPy's `next_double`: a double in [0, 1) with 53 random bits.
    fn next_double(&mut self) -> f64;
}

/// NumPy's `uint64_to_double`: the top 53 bits of a 64-bit word, scaled.
pub fn u64_to_double(x: u64) -> f64 {
    (x >> 11) as f64 * (1.0 / 9_007_199_254_740_992.0)
}
