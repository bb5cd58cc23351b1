//! Kernels compiled for the CPU's vector width: NumPy picks AVX2 (or
//! AVX-512) loops at run time, and a 10^3-element loop built for the
//! baseline x86-64 (SSE2, two doubles a step) takes twice the steps.
//!
//! [`wide`] runs a closure compiled inside a function that may use
//! AVX-512 (eight doubles a step) or AVX2 (four), whichever the CPU has;
//! the closure's loops are inlined there and vectorised. Only the vector
//! width changes: each element is the same IEEE operation (Rust never
//! contracts `x * y + z` into an FMA), so results are the same bits, and
//! the sticky flags [`fpe`](super::fpe) reads are raised the same way.
//!
//! ```
//! let src = [1.0f64, 2.5, 4.0];
//! let mut out = [0.0; 3];
//! gradlab::array::simd::wide(|| {
//!     for (o, &x) in out.iter_mut().zip(&src) {
//!         *o = x + 1.0;
//!     }
//! });
//! assert_eq!(out, [2.0, 3.5, 5.0]);
//! ```

/// `f()`, compiled for AVX-512 or AVX2 when the CPU has it (else as it
/// is). Keep `f` to a loop over slices: calls it makes that are not
/// inlined run as compiled for the baseline.
#[inline(always)]
pub fn wide<R>(f: impl FnOnce() -> R) -> R {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx512f") {
            // SAFETY: the CPU has AVX-512F (checked just above).
            return unsafe { with_avx512(f) };
        }
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU has AVX2 (checked just above).
            return unsafe { with_avx2(f) };
        }
    }
    f()
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f")]
unsafe fn with_avx512<R>(f: impl FnOnce() -> R) -> R {
    f()
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn with_avx2<R>(f: impl FnOnce() -> R) -> R {
    f()
}

/// `out[i] = f(src[i])` over the shorter length, compiled as [`wide`]
/// compiles. The slices are arguments (not captured by a closure), so the
/// compiler knows `out` aliases nothing `f` reads and vectorises the loop;
/// a closure capturing `out` ran it one element at a time.
#[inline(always)]
pub fn map_into<A: Copy, R>(src: &[A], out: &mut [R], f: impl Fn(A) -> R) {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx512f") {
            // SAFETY: the CPU has AVX-512F (checked just above).
            unsafe { map_avx512(src, out, f) };
            return;
        }
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU has AVX2 (checked just above).
            unsafe { map_avx2(src, out, f) };
            return;
        }
    }
    map_plain(src, out, f)
}

#[inline(always)]
fn map_plain<A: Copy, R>(src: &[A], out: &mut [R], f: impl Fn(A) -> R) {
    for (o, &x) in out.iter_mut().zip(src) {
        *o = f(x);
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn map_avx2<A: Copy, R>(src: &[A], out: &mut [R], f: impl Fn(A) -> R) {
    map_plain(src, out, f)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f")]
unsafe fn map_avx512<A: Copy, R>(src: &[A], out: &mut [R], f: impl Fn(A) -> R) {
    map_plain(src, out, f)
}

/// `out[i] = src[i + 1] - src[i]` for `i < out.len()` (`src` one longer):
/// `np.diff`'s first difference of a contiguous float64 lane.
///
/// With AVX-512 each element is loaded once: the vector of later elements
/// is assembled from two loaded vectors by a lane shift (`valignq`), where
/// the plain loop loads every element twice, once as `src[i + 1]` (across
/// a cache line in every step, the lane being one element off the
/// other). Each output is the same IEEE subtraction in the same order, so
/// the bits and the sticky flags are those of the plain loop.
///
/// ```
/// let src = [1.0f64, 2.5, 4.0, 8.0];
/// let mut out = [0.0; 3];
/// gradlab::array::simd::adjacent_sub(&src, &mut out);
/// assert_eq!(out, [1.5, 1.5, 4.0]);
/// ```
pub fn adjacent_sub(src: &[f64], out: &mut [f64]) {
    let m = out.len().min(src.len().saturating_sub(1));
    if m == 0 {
        return;
    }
    let out = &mut out[..m];
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx512f") {
            // SAFETY: the CPU has AVX-512F (checked just above).
            unsafe { adjacent_sub_avx512(&src[..=m], out) };
            return;
        }
    }
    wide(|| {
        for ((o, &p), &q) in out.iter_mut().zip(&src[1..]).zip(src) {
            *o = p - q;
        }
    });
}

/// [`adjacent_sub`] with `src.len() == out.len() + 1`.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f")]
unsafe fn adjacent_sub_avx512(src: &[f64], out: &mut [f64]) {
    use std::arch::x86_64::*;
    let m = out.len();
    assert_eq!(src.len(), m + 1);
    let (s, d) = (src.as_ptr(), out.as_mut_ptr());
    let mut i = 0;
    if m >= 16 {
        // SAFETY (every load and store below): a load of eight elements
        // from index `j` reads `src[j..j + 8]`, in bounds while
        // `j + 8 <= m + 1`; a store to `out[i..i + 8]` needs `i + 8 <= m`.
        let mut earlier = unsafe { _mm512_loadu_pd(s) };
        // The next block `src[i + 8..i + 16]` is in bounds.
        while i + 16 <= m + 1 {
            let next = unsafe { _mm512_loadu_pd(s.add(i + 8)) };
            // [earlier[1..8], next[0]] = src[i + 1..i + 9].
            let later = _mm512_castsi512_pd(_mm512_alignr_epi64::<1>(
                _mm512_castpd_si512(next),
                _mm512_castpd_si512(earlier),
            ));
            unsafe { _mm512_storeu_pd(d.add(i), _mm512_sub_pd(later, earlier)) };
            earlier = next;
            i += 8;
        }
    }
    for ((o, &p), &q) in out[i..].iter_mut().zip(&src[i + 1..]).zip(&src[i..]) {
        *o = p - q;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every length around the vector steps (and the unaligned starts a
    /// view gives), with NaN, infinities, signed zeros and subnormals:
    /// the same bits as the plain loop.
    #[test]
    fn adjacent_sub_is_the_plain_loop() {
        let special = [f64::NAN, f64::INFINITY, -0.0, 5e-324, -f64::MAX, 0.1];
        let data: Vec<f64> = (0..80)
            .map(|i| match i % 9 {
                0 => special[(i / 9) % special.len()],
                k => (i as f64).sin() * 10f64.powi(k as i32 - 4),
            })
            .collect();
        for start in 0..3 {
            for len in 0..=data.len() - start {
                let src = &data[start..start + len];
                let m = len.saturating_sub(1);
                let mut got = vec![7.0; m];
                adjacent_sub(src, &mut got);
                let want: Vec<f64> = (0..m).map(|i| src[i + 1] - src[i]).collect();
                let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
                assert_eq!(bits(&got), bits(&want), "start {start}, len {len}");
            }
        }
    }

    /// Overflow in a vector step raises the flag NumPy's subtract raises.
    #[test]
    fn adjacent_sub_raises_overflow_in_the_vector_part() {
        let mut src = vec![1.0; 40];
        src[20] = f64::MAX;
        src[21] = -f64::MAX;
        let mut out = vec![0.0; 39];
        super::super::fpe::clear();
        adjacent_sub(&src, &mut out);
        assert!(super::super::fpe::take().contains(super::super::fpe::Flags::OVERFLOW));
        assert_eq!(out[20], f64::NEG_INFINITY);
    }
}
