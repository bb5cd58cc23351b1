//! n-th difference kernels over a row-major array seen as `outer` slabs of
//! `len` rows of `inner` elements (`len` along the axis).
//!
//! Every intermediate difference is the same rounded value NumPy computes
//! in its `n` passes of `a[1:] - a[:-1]`, so results are bit-identical.

use ndarray::{ArrayViewD, ArrayViewMutD, Axis};

use crate::array::limits::check_interrupt;
use crate::array::par::for_chunks;
use crate::array::{Complex128, Element, Error};
use crate::array::{simd, stream};
use crate::engine::gradient::split_dims;

/// Outputs per block of the fused contiguous-lane kernel (grown for big `n`).
const BLOCK: usize = 1 << 12;

/// One step of `np.diff` for a dtype: `subtract` (integers wrap) or, for
/// bool, `not_equal`.
pub trait DiffOp: Element {
    /// `later - earlier` in NumPy's arithmetic.
    fn op(later: Self, earlier: Self) -> Self;

    /// `out[i] = op(src[i + 1], src[i])`, `src` one longer than `out`.
    #[inline(always)]
    fn adjacent(src: &[Self], out: &mut [Self]) {
        // NumPy's subtract loops are AVX2 ones; at 10^3 elements the
        // baseline SSE2 loop took a third of the statement.
        simd::wide(|| {
            for ((o, &p), &q) in out.iter_mut().zip(&src[1..]).zip(src) {
                *o = Self::op(p, q);
            }
        });
    }
}

impl DiffOp for bool {
    #[inline(always)]
    fn op(later: bool, earlier: bool) -> bool {
        later != earlier
    }
}

macro_rules! wrapping_diff {
    ($($t:ty),*) => {$(
        impl DiffOp for $t {
            #[inline(always)]
            fn op(later: $t, earlier: $t) -> $t {
                later.wrapping_sub(earlier)
            }
        }
    )*};
}

wrapping_diff!(i8, i16, i32, i64, u8, u16, u32, u64);

macro_rules! float_diff {
    ($($t:ty),*) => {$(
        impl DiffOp for $t {
            #[inline(always)]
            fn op(later: $t, earlier: $t) -> $t {
                later - earlier
            }
        }
    )*};
}

float_diff!(f32, Complex128);

impl DiffOp for f64 {
    #[inline(always)]
    fn op(later: f64, earlier: f64) -> f64 {
        later - earlier
    }

    #[inline(always)]
    fn adjacent(src: &[f64], out: &mut [f64]) {
        simd::adjacent_sub(src, out);
    }
}

/// The `n`-th difference (`n >= 1`) of `a` (row-major, `shape`) along `axis`,
/// row-major with `max(len - n, 0)` elements along the axis.
pub(crate) fn nth_diff<T: DiffOp>(
    a: &[T],
    shape: &[usize],
    axis: usize,
    n: usize,
    out: &mut [T],
) -> Result<(), Error> {
    let (_, len, inner) = split_dims(shape, axis);
    let m = len.saturating_sub(n);
    if out.is_empty() {
        return Ok(());
    }
    let slab = len * inner;
    let out_slab = m * inner;
    if inner == 1 {
        // Lanes in parallel when there are several; one lane splits itself.
        let work = if out.len() > out_slab { out.len() } else { 0 };
        for_chunks(out, out_slab, work, |k, dst| {
            lane(&a[k * slab..(k + 1) * slab], dst, n)
        })?;
    } else if n == 1 {
        // Rows in groups of about BLOCK elements, in parallel.
        let rows = (BLOCK / inner).max(1);
        let nt = stream::wanted(size_of_val(out));
        for (src, dst) in a.chunks_exact(slab).zip(out.chunks_exact_mut(out_slab)) {
            let work = dst.len();
            for_chunks(dst, rows * inner, work, |k, o| {
                check_interrupt()?;
                for (r, o) in o.chunks_exact_mut(inner).enumerate() {
                    let i = k * rows + r;
                    let (p, q) = (
                        &src[(i + 1) * inner..(i + 2) * inner],
                        &src[i * inner..(i + 1) * inner],
                    );
                    stream::zip_into(p, q, o, nt, T::op);
                }
                Ok(())
            })?;
        }
    } else {
        // Rows along a strided axis: NumPy's passes, in place on one slab.
        let mut work = vec![T::default(); slab];
        for (src, dst) in a.chunks_exact(slab).zip(out.chunks_exact_mut(out_slab)) {
            work.copy_from_slice(src);
            for k in 1..=n {
                check_interrupt()?;
                for i in 0..len - k {
                    let (lo, hi) = work.split_at_mut((i + 1) * inner);
                    let q = &mut lo[i * inner..];
                    for (q, &p) in q.iter_mut().zip(&hi[..inner]) {
                        *q = T::op(p, *q);
                    }
                }
            }
            dst.copy_from_slice(&work[..out_slab]);
        }
    }
    Ok(())
}

/// One contiguous lane: `dst.len() == src.len() - n`. For `n == 1` a direct
/// pass; otherwise blocks of outputs whose `n` passes run in place in a
/// cache-resident scratch holding the block plus its `n` extra inputs.
fn lane<T: DiffOp>(src: &[T], dst: &mut [T], n: usize) -> Result<(), Error> {
    let block = BLOCK.max(4 * n);
    let work = dst.len() * n;
    let nt = n == 1 && stream::wanted(size_of_val(dst));
    for_chunks(dst, block, work, |b, out| {
        check_interrupt()?;
        let start = b * block;
        if n == 1 {
            let span = &src[start..=start + out.len()];
            if nt {
                stream::zip_into(&span[1..], span, out, true, T::op);
                return Ok(());
            }
            T::adjacent(span, out);
            return Ok(());
        }
        let mut scratch = src[start..start + out.len() + n].to_vec();
        for k in 1..=n {
            let live = scratch.len() - k;
            for i in 0..live {
                scratch[i] = T::op(scratch[i + 1], scratch[i]);
            }
        }
        out.copy_from_slice(&scratch[..out.len()]);
        Ok(())
    })
}

/// The `n`-th difference of a strided `a` along `axis` into `out`, lane by
/// lane, reading `a` where it is (only one lane is copied, for `n > 1`).
pub(crate) fn strided_diff<T: DiffOp>(
    a: &ArrayViewD<'_, T>,
    axis: usize,
    n: usize,
    out: &mut ArrayViewMutD<'_, T>,
) -> Result<(), Error> {
    if out.is_empty() {
        return Ok(());
    }
    let m = out.len_of(Axis(axis));
    let mut scratch = Vec::new();
    for (k, (src, mut dst)) in a
        .lanes(Axis(axis))
        .into_iter()
        .zip(out.lanes_mut(Axis(axis)))
        .enumerate()
    {
        if k % (BLOCK / m).max(1) == 0 {
            check_interrupt()?;
        }
        if n == 1 {
            for i in 0..m {
                dst[i] = T::op(src[i + 1], src[i]);
            }
            continue;
        }
        scratch.clear();
        scratch.extend(src.iter().copied());
        for k in 1..=n {
            for i in 0..scratch.len() - k {
                scratch[i] = T::op(scratch[i + 1], scratch[i]);
            }
        }
        for (d, &s) in dst.iter_mut().zip(&scratch) {
            *d = s;
        }
    }
    Ok(())
}
