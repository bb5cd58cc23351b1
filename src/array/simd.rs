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
