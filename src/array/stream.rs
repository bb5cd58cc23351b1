//! Writing results that are bigger than the caches around them.
//!
//! An ordinary store first reads the cache line it writes into from memory
//! (a read for ownership), so `a + 1.0` on 10^7 doubles moves 240 MB for
//! 160 MB of data. A non-temporal store writes whole lines straight to
//! memory: when the output cannot stay in the last-level cache anyway, that
//! is a fifth to a quarter less time on one core (measured here: 3.8 ms
//! -> 2.9 ms for a warm 10^7 `a + 1.0`). NumPy's loops use ordinary stores.
//!
//! Only where the values are written changes, never how they are computed:
//! each element is the same closure on the same inputs, so results are the
//! same bits. Smaller results keep ordinary stores, which leave them in
//! the cache for the next statement. `GRADLAB_STREAM=0` turns this off.
//!
//! ```
//! use gradlab::array::stream;
//! let (x, y) = ([1.0f64; 20], [0.5f64; 20]);
//! let mut out = [0.0; 20];
//! stream::zip_into(&x, &y, &mut out, true, |a, b| a - b);
//! assert_eq!(out, [0.5; 20]);
//! ```

use std::sync::atomic::{AtomicUsize, Ordering};

/// The smallest result (bytes) written with non-temporal stores; 0 until
/// first read.
static MIN_BYTES: AtomicUsize = AtomicUsize::new(0);

/// Whether a result of `bytes` bytes is better written with non-temporal
/// stores: by default, when it is at least the size of the last-level
/// cache (read from sysfs; 32 MiB when it cannot be), the CPU has AVX2,
/// and `GRADLAB_STREAM` is not `0`.
pub fn wanted(bytes: usize) -> bool {
    bytes >= min_bytes()
}

/// The smallest result streamed ([`wanted`]).
pub fn min_bytes() -> usize {
    match MIN_BYTES.load(Ordering::Relaxed) {
        0 => {
            let m = default_min_bytes();
            // Racing first calls compute the same value.
            let _ = MIN_BYTES.compare_exchange(0, m, Ordering::Relaxed, Ordering::Relaxed);
            m
        }
        m => m,
    }
}

/// Sets the smallest result streamed (1: every result, as tests do to
/// reach these loops with small data; `usize::MAX`: none); 0 restores the
/// default. Only speed depends on it, never a value.
pub fn set_min_bytes(bytes: usize) {
    MIN_BYTES.store(bytes, Ordering::Relaxed);
}

fn default_min_bytes() -> usize {
    if std::env::var_os("GRADLAB_STREAM").is_some_and(|v| v == "0") || !has_avx2() {
        return usize::MAX;
    }
    last_level_cache().unwrap_or(32 << 20)
}

fn has_avx2() -> bool {
    #[cfg(target_arch = "x86_64")]
    return std::arch::is_x86_feature_detected!("avx2");
    #[cfg(not(target_arch = "x86_64"))]
    false
}

/// The biggest cache of CPU 0 in bytes (`/sys/.../cache/index*/size`,
/// written like `32768K`).
fn last_level_cache() -> Option<usize> {
    let dir = std::fs::read_dir("/sys/devices/system/cpu/cpu0/cache").ok()?;
    dir.filter_map(|e| std::fs::read_to_string(e.ok()?.path().join("size")).ok())
        .filter_map(|s| parse_size(s.trim()))
        .max()
}

fn parse_size(s: &str) -> Option<usize> {
    let (digits, unit) = match s.as_bytes().last()? {
        b'K' => (&s[..s.len() - 1], 1 << 10),
        b'M' => (&s[..s.len() - 1], 1 << 20),
        b'G' => (&s[..s.len() - 1], 1 << 30),
        _ => (s, 1),
    };
    digits.parse::<usize>().ok()?.checked_mul(unit)
}

/// `out[i] = f(x[i])` over `out` (`x` at least as long); with `nt`,
/// through non-temporal stores where the CPU has them and `R` is 8 bytes
/// wide, else an ordinary loop.
///
/// # Panics
/// When `x` is shorter than `out`.
#[inline(always)]
pub fn map_into<A: Copy, R: Copy>(x: &[A], out: &mut [R], nt: bool, f: impl Fn(A) -> R) {
    let x = &x[..out.len()];
    #[cfg(target_arch = "x86_64")]
    if nt && can_stream::<R>() {
        // SAFETY: the CPU has AVX2 (can_stream) and `x` is `out`'s length.
        unsafe {
            streamed(
                out,
                |i| f(x[i]),
                |i| {
                    let a: &[A; 8] = x[i..i + 8].try_into().expect("eight");
                    std::array::from_fn(|k| f(a[k]))
                },
            )
        };
        return;
    }
    let _ = nt;
    for (o, &a) in out.iter_mut().zip(x) {
        *o = f(a);
    }
}

/// `out[i] = f(x[i], y[i])`, as [`map_into`].
///
/// # Panics
/// When `x` or `y` is shorter than `out`.
#[inline(always)]
pub fn zip_into<A: Copy, B: Copy, R: Copy>(
    x: &[A],
    y: &[B],
    out: &mut [R],
    nt: bool,
    f: impl Fn(A, B) -> R,
) {
    let (x, y) = (&x[..out.len()], &y[..out.len()]);
    #[cfg(target_arch = "x86_64")]
    if nt && can_stream::<R>() {
        // SAFETY: as in `map_into`.
        unsafe {
            streamed(
                out,
                |i| f(x[i], y[i]),
                |i| {
                    let a: &[A; 8] = x[i..i + 8].try_into().expect("eight");
                    let b: &[B; 8] = y[i..i + 8].try_into().expect("eight");
                    std::array::from_fn(|k| f(a[k], b[k]))
                },
            )
        };
        return;
    }
    let _ = nt;
    for ((o, &a), &b) in out.iter_mut().zip(x).zip(y) {
        *o = f(a, b);
    }
}

/// `out[i] = f(x[i], y[i], z[i])`, as [`map_into`].
///
/// # Panics
/// When `x`, `y` or `z` is shorter than `out`.
#[inline(always)]
pub fn zip3_into<A: Copy, B: Copy, C: Copy, R: Copy>(
    (x, y, z): (&[A], &[B], &[C]),
    out: &mut [R],
    nt: bool,
    f: impl Fn(A, B, C) -> R,
) {
    let n = out.len();
    let (x, y, z) = (&x[..n], &y[..n], &z[..n]);
    #[cfg(target_arch = "x86_64")]
    if nt && can_stream::<R>() {
        // SAFETY: as in `map_into`.
        unsafe {
            streamed(
                out,
                |i| f(x[i], y[i], z[i]),
                |i| {
                    let a: &[A; 8] = x[i..i + 8].try_into().expect("eight");
                    let b: &[B; 8] = y[i..i + 8].try_into().expect("eight");
                    let c: &[C; 8] = z[i..i + 8].try_into().expect("eight");
                    std::array::from_fn(|k| f(a[k], b[k], c[k]))
                },
            )
        };
        return;
    }
    let _ = nt;
    for (((o, &a), &b), &c) in out.iter_mut().zip(x).zip(y).zip(z) {
        *o = f(a, b, c);
    }
}

/// `dst = src`; with `nt`, through non-temporal stores (SSE2, part of
/// x86-64), the caller's [`fence`] ordering them before the output is
/// shared.
///
/// # Panics
/// When `src` is shorter than `dst`.
pub fn copy(dst: &mut [f64], src: &[f64], nt: bool) {
    if !nt {
        dst.copy_from_slice(&src[..dst.len()]);
        return;
    }
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_mm_loadu_pd, _mm_stream_pd};
        let n = dst.len().min(src.len());
        let head = dst.as_ptr().align_offset(16).min(n);
        dst[..head].copy_from_slice(&src[..head]);
        let mut i = head;
        while i + 2 <= n {
            // SAFETY: `i + 2 <= n` keeps both pairs inside their slices,
            // `dst + i` is 16-byte aligned (`head` aligned it, and it
            // moves by 16 bytes), and SSE2 is part of x86-64.
            unsafe {
                _mm_stream_pd(dst.as_mut_ptr().add(i), _mm_loadu_pd(src.as_ptr().add(i)));
            }
            i += 2;
        }
        dst[i..n].copy_from_slice(&src[i..n]);
    }
    #[cfg(not(target_arch = "x86_64"))]
    dst.copy_from_slice(src);
}

/// Makes this thread's non-temporal stores visible before anything it does
/// next (handing its piece of the output back).
pub fn fence() {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: `sfence` only orders stores; SSE is part of x86-64.
    unsafe {
        std::arch::x86_64::_mm_sfence();
    }
}

#[cfg(target_arch = "x86_64")]
fn can_stream<R>() -> bool {
    size_of::<R>() == 8 && has_avx2()
}

/// Every element of `out`: `one(i)` up to the first 32-byte boundary and
/// after the last whole block, `eight(i)` for elements `i..i + 8` between,
/// stored with two non-temporal 32-byte stores; then [`fence`]. The
/// closures are inlined into this AVX2 function, so `eight`'s eight
/// applications of the caller's closure become vector instructions.
///
/// # Safety
/// The CPU has AVX2, `size_of::<R>() == 8`, and `one(i)` / `eight(i)` may
/// be called for any `i` / `i + 8` up to `out.len()`.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[inline]
unsafe fn streamed<R: Copy>(
    out: &mut [R],
    one: impl Fn(usize) -> R,
    eight: impl Fn(usize) -> [R; 8],
) {
    use std::arch::x86_64::{__m256i, _mm256_loadu_si256, _mm256_stream_si256};
    let n = out.len();
    let head = out
        .as_ptr()
        .cast::<u8>()
        .align_offset(32)
        .div_ceil(8)
        .min(n);
    let body_end = head + (n - head) / 8 * 8;
    for (i, o) in out[..head].iter_mut().enumerate() {
        *o = one(i);
    }
    let p = out.as_mut_ptr();
    let mut i = head;
    while i < body_end {
        let v = eight(i);
        let s = v.as_ptr().cast::<__m256i>();
        // SAFETY: `p + i` is 32-byte aligned (head aligned it; blocks are
        // 64 bytes since R is 8 bytes) and `i + 8 <= n`, so both 32-byte
        // stores land inside `out`; `v` holds 64 readable bytes.
        unsafe {
            let d = p.add(i).cast::<__m256i>();
            _mm256_stream_si256(d, _mm256_loadu_si256(s));
            _mm256_stream_si256(d.add(1), _mm256_loadu_si256(s.add(1)));
        }
        i += 8;
    }
    for (j, o) in out[body_end..].iter_mut().enumerate() {
        *o = one(body_end + j);
    }
    fence();
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Streamed and ordinary writes give the same bits at every alignment
    /// and length around the 8-element blocks, for 8-byte and other
    /// element types (which fall back to the ordinary loop).
    #[test]
    fn streamed_writes_equal_ordinary_ones() {
        let x: Vec<f64> = (0..300).map(|i| (i as f64 * 0.37).sin() * 1e3).collect();
        let y: Vec<f64> = (0..300).map(|i| (i as f64 * 1.3).cos() + 0.5).collect();
        let z: Vec<i64> = (0..300).map(|i| i * 7 - 1000).collect();
        for off in 0..8 {
            for n in [0, 1, 3, 7, 8, 9, 15, 16, 17, 63, 64, 65, 200] {
                let mut want = vec![0.0f64; off + n];
                let mut got = want.clone();
                let f = |a: f64, b: f64, c: i64| (a / b - c as f64) * 3.0;
                zip3_into((&x, &y, &z), &mut want[off..], false, f);
                zip3_into((&x, &y, &z), &mut got[off..], true, f);
                assert_eq!(bits(&got), bits(&want), "zip3 off {off} n {n}");
                zip_into(&x, &y, &mut want[off..], false, |a, b| a - b);
                zip_into(&x, &y, &mut got[off..], true, |a, b| a - b);
                assert_eq!(bits(&got), bits(&want), "zip off {off} n {n}");
                map_into(&x, &mut want[off..], false, f64::sqrt);
                map_into(&x, &mut got[off..], true, f64::sqrt);
                assert_eq!(bits(&got), bits(&want), "map off {off} n {n}");
                let (mut w, mut g) = (vec![0i64; off + n], vec![0i64; off + n]);
                map_into(&z, &mut w[off..], false, |v| v * v);
                map_into(&z, &mut g[off..], true, |v| v * v);
                assert_eq!(g, w, "i64 map off {off} n {n}");
                let (mut w, mut g) = (vec![false; off + n], vec![false; off + n]);
                zip_into(&x, &y, &mut w[off..], false, |a, b| a < b);
                zip_into(&x, &y, &mut g[off..], true, |a, b| a < b);
                assert_eq!(g, w, "bool zip off {off} n {n}");
                copy(&mut got[off..], &y[..n], true);
                assert_eq!(bits(&got[off..]), bits(&y[..n]), "copy off {off} n {n}");
            }
        }
    }

    fn bits(v: &[f64]) -> Vec<u64> {
        v.iter().map(|x| x.to_bits()).collect()
    }

    #[test]
    fn cache_sizes_are_read_as_sysfs_writes_them() {
        assert_eq!(parse_size("32768K"), Some(32 << 20));
        assert_eq!(parse_size("2M"), Some(2 << 20));
        assert_eq!(parse_size("512"), Some(512));
        assert_eq!(parse_size(""), None);
        assert_eq!(parse_size("K"), None);
    }
}
