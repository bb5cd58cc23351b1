//! NumPy's pairwise float64 sum (`pairwise_sum` of `loops_utils.h`):
//! runs under 8 summed in order, runs up to 128 with 8 accumulators over
//! blocks of 8, longer runs split in two halves (the first a multiple of
//! 8). The accumulators are two 4-lane AVX registers when the CPU has
//! them: lane j still adds exactly the elements accumulator j adds, in
//! the same order, so the result is the same bits.

use crate::array::{fpe, par::PAR_MIN};

/// NumPy's pairwise summation of a contiguous run; the halves of a long
/// run are summed on two threads (independent sums: same result).
pub fn pairwise_sum(a: &[f64]) -> f64 {
    if a.len() >= PAR_MIN && a.len() > 128 && rayon::current_num_threads() > 1 {
        let (left, right) = halves(a);
        let (x, y) = rayon::join(
            || fpe::on_worker(|| pairwise_sum(left)),
            || fpe::on_worker(|| pairwise_sum(right)),
        );
        return x + y;
    }
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx") {
        // SAFETY: the CPU has AVX.
        return unsafe { serial_avx(a) };
    }
    serial(a)
}

/// The split of a run longer than 128.
fn halves(a: &[f64]) -> (&[f64], &[f64]) {
    let mut n2 = a.len() / 2;
    n2 -= n2 % 8;
    a.split_at(n2)
}

/// A run under 8, summed in order.
#[inline]
fn short(a: &[f64]) -> f64 {
    let mut res = 0.0;
    for &x in a {
        res += x;
    }
    res
}

fn serial(a: &[f64]) -> f64 {
    let n = a.len();
    if n < 8 {
        short(a)
    } else if n <= 128 {
        block_portable(a)
    } else {
        let (left, right) = halves(a);
        serial(left) + serial(right)
    }
}

/// [`serial`] with the AVX block kernel inlined into the recursion (a
/// function-pointer call per 128-block cost a fifth of a 10^3 sum).
///
/// # Safety
/// The CPU has AVX.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx")]
unsafe fn serial_avx(a: &[f64]) -> f64 {
    let n = a.len();
    if n < 8 {
        short(a)
    } else if n <= 128 {
        // SAFETY: AVX (this function's precondition) and n >= 8.
        unsafe { block_avx(a) }
    } else {
        let (left, right) = halves(a);
        // SAFETY: as for this call.
        unsafe { serial_avx(left) + serial_avx(right) }
    }
}

/// A run of 8..=128: 8 accumulators over blocks of 8, then the tail.
fn block_portable(a: &[f64]) -> f64 {
    let n = a.len();
    let mut r = [0.0; 8];
    r.copy_from_slice(&a[..8]);
    for c in a[8..n - n % 8].chunks_exact(8) {
        for j in 0..8 {
            r[j] += c[j];
        }
    }
    finish(&r, &a[n - n % 8..])
}

/// NumPy's combination of the accumulators, then the tail in order.
fn finish(r: &[f64; 8], tail: &[f64]) -> f64 {
    let mut res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for &x in tail {
        res += x;
    }
    res
}

/// [`block_portable`] with accumulators 0–3 and 4–7 in two AVX registers,
/// two blocks of 8 per loop turn (each register still adds its lanes'
/// elements in order).
///
/// # Safety
/// The CPU has AVX and `a.len() >= 8`.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx")]
#[inline]
unsafe fn block_avx(a: &[f64]) -> f64 {
    use std::arch::x86_64::{__m256d, _mm256_add_pd, _mm256_loadu_pd, _mm256_storeu_pd};
    let n = a.len();
    debug_assert!((8..=128).contains(&n));
    let p = a.as_ptr();
    // SAFETY: every load reads 4 f64 at an offset i with i + 4 <= n
    // (unaligned loads; n >= 8 is the precondition), and the stores write
    // the 8-element array `r`.
    unsafe {
        let mut lo: __m256d = _mm256_loadu_pd(p);
        let mut hi: __m256d = _mm256_loadu_pd(p.add(4));
        let mut i = 8;
        while i + 16 <= n {
            lo = _mm256_add_pd(lo, _mm256_loadu_pd(p.add(i)));
            hi = _mm256_add_pd(hi, _mm256_loadu_pd(p.add(i + 4)));
            lo = _mm256_add_pd(lo, _mm256_loadu_pd(p.add(i + 8)));
            hi = _mm256_add_pd(hi, _mm256_loadu_pd(p.add(i + 12)));
            i += 16;
        }
        if i + 8 <= n {
            lo = _mm256_add_pd(lo, _mm256_loadu_pd(p.add(i)));
            hi = _mm256_add_pd(hi, _mm256_loadu_pd(p.add(i + 4)));
        }
        let mut r = [0.0; 8];
        _mm256_storeu_pd(r.as_mut_ptr(), lo);
        _mm256_storeu_pd(r.as_mut_ptr().add(4), hi);
        finish(&r, &a[n - n % 8..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The AVX path and the portable one agree bit for bit on every run
    /// length up to 1100 (every block length, odd tails, several levels of
    /// halving), on data whose sums round differently in other orders.
    #[test]
    fn kernels_agree() {
        let data: Vec<f64> = (0..1100)
            .map(|i| ((i * 7919 % 1013) as f64 - 500.0) * 1.000_000_1e-3 + 1e16 * ((i % 3) as f64))
            .collect();
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx") {
            for n in 0..=data.len() {
                let want = serial(&data[..n]);
                // SAFETY: the CPU has AVX.
                let got = unsafe { serial_avx(&data[..n]) };
                assert_eq!(got.to_bits(), want.to_bits(), "n = {n}");
            }
        }
    }
}
