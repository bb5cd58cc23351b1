//! n-th difference kernels over a row-major array seen as `outer` slabs of
//! `len` rows of `inner` elements (`len` along the axis).
//!
//! Every intermediate difference is the same rounded value NumPy computes
//! in its `n` passes of `a[1:] - a[:-1]`, so results are bit-identical.

use crate::engine::buffer::{self, split_dims};
use crate::engine::limits::check_interrupt;
use crate::engine::{DType, Error};

/// Outputs per block of the fused contiguous-lane kernel (grown for big `n`).
const BLOCK: usize = 1 << 12;

/// One step of `np.diff` for a dtype: `subtract` (int64 wraps) or, for
/// bool, `not_equal`.
pub trait DiffOp: Copy + Default + Send + Sync {
    const DTYPE: DType;
    /// `later - earlier` in NumPy's arithmetic.
    fn op(later: Self, earlier: Self) -> Self;
}

impl DiffOp for f64 {
    const DTYPE: DType = DType::Float64;
    #[inline(always)]
    fn op(later: f64, earlier: f64) -> f64 {
        later - earlier
    }
}

impl DiffOp for i64 {
    const DTYPE: DType = DType::Int64;
    #[inline(always)]
    fn op(later: i64, earlier: i64) -> i64 {
        later.wrapping_sub(earlier)
    }
}

impl DiffOp for bool {
    const DTYPE: DType = DType::Bool;
    #[inline(always)]
    fn op(later: bool, earlier: bool) -> bool {
        later != earlier
    }
}

/// The `n`-th difference (`n >= 1`) of `a` (row-major, `shape`) along `axis`,
/// row-major with `max(len - n, 0)` elements along the axis.
pub(crate) fn nth_diff<T: DiffOp>(
    a: &[T],
    shape: &[usize],
    axis: usize,
    n: usize,
) -> Result<Vec<T>, Error> {
    let (outer, len, inner) = split_dims(shape, axis);
    let m = len.saturating_sub(n);
    let mut out = buffer::zeroed::<T>(outer * m * inner);
    if out.is_empty() {
        return Ok(out);
    }
    let slab = len * inner;
    let out_slab = m * inner;
    if inner == 1 {
        let mut scratch = Vec::new();
        for (src, dst) in a.chunks_exact(slab).zip(out.chunks_exact_mut(out_slab)) {
            lane(src, dst, n, &mut scratch)?;
        }
    } else if n == 1 {
        for (src, dst) in a.chunks_exact(slab).zip(out.chunks_exact_mut(out_slab)) {
            check_interrupt()?;
            for i in 0..m {
                let (p, q) = (
                    &src[(i + 1) * inner..(i + 2) * inner],
                    &src[i * inner..(i + 1) * inner],
                );
                for ((o, &p), &q) in dst[i * inner..(i + 1) * inner].iter_mut().zip(p).zip(q) {
                    *o = T::op(p, q);
                }
            }
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
    Ok(out)
}

/// One contiguous lane: `dst.len() == src.len() - n`. For `n == 1` a direct
/// pass; otherwise blocks of outputs whose `n` passes run in place in a
/// cache-resident scratch holding the block plus its `n` extra inputs.
fn lane<T: DiffOp>(src: &[T], dst: &mut [T], n: usize, scratch: &mut Vec<T>) -> Result<(), Error> {
    let block = BLOCK.max(4 * n);
    for (b, out) in dst.chunks_mut(block).enumerate() {
        check_interrupt()?;
        let start = b * block;
        if n == 1 {
            let (p, q) = (
                &src[start + 1..start + 1 + out.len()],
                &src[start..start + out.len()],
            );
            for ((o, &p), &q) in out.iter_mut().zip(p).zip(q) {
                *o = T::op(p, q);
            }
            continue;
        }
        scratch.clear();
        scratch.extend_from_slice(&src[start..start + out.len() + n]);
        for k in 1..=n {
            let live = scratch.len() - k;
            for i in 0..live {
                scratch[i] = T::op(scratch[i + 1], scratch[i]);
            }
        }
        out.copy_from_slice(&scratch[..out.len()]);
    }
    Ok(())
}
