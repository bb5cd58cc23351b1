//! Elementwise loops into one fresh output: operands are read where they
//! are (strided, broadcast) and converted in registers by the closure, so
//! nothing but the result is allocated.

use ndarray::Zip;

use super::broadcast::broadcast_shapes;
use super::element::Element;
use super::error::Error;
use super::fresh::Fresh;
use super::handle::Array;
use super::limits::check_interrupt;
use super::par::for_chunks;
use super::simd;
use super::stream;

/// Elements per chunk between interrupt checks.
const CHUNK: usize = 1 << 16;

/// `f` applied to every element of `a` (read as `A`, its element type),
/// into a new C-order array of the same shape.
///
/// # Errors
/// `MemoryError` above the cap; `KeyboardInterrupt`.
///
/// # Panics
/// When `A` is not `a`'s element type.
pub fn map<A: Element, R: Element>(a: &Array, f: impl Fn(A) -> R + Sync) -> Result<Array, Error> {
    map_in::<A, R, false>(a, f)
}

/// [`map`] with its contiguous loop compiled for AVX-512 or AVX2 ([`simd::wide`]):
/// for arithmetic closures, which then run four or eight doubles a step (a call
/// into libm gains nothing, and each use is one more copy of the loop).
///
/// # Errors
/// As [`map`].
///
/// # Panics
/// As [`map`].
pub fn map_wide<A: Element, R: Element>(
    a: &Array,
    f: impl Fn(A) -> R + Sync,
) -> Result<Array, Error> {
    map_in::<A, R, true>(a, f)
}

fn map_in<A: Element, R: Element, const WIDE: bool>(
    a: &Array,
    f: impl Fn(A) -> R + Sync,
) -> Result<Array, Error> {
    let mut out = Fresh::<R>::for_overwrite(a.shape())?;
    let r = a.read::<A>();
    match r.as_slice() {
        Some(src) => {
            let n = src.len();
            let nt = stream::wanted(size_of_val(out.as_slice()));
            for_chunks(out.as_mut_slice(), CHUNK, n, |k, o| {
                check_interrupt()?;
                if WIDE && !nt {
                    simd::map_into(&src[k * CHUNK..], o, &f);
                } else {
                    stream::map_into(&src[k * CHUNK..], o, nt, &f);
                }
                Ok(())
            })?;
        }
        None => Zip::from(&mut out.view_mut())
            .and(&r.view())
            .for_each(|o, &x| *o = f(x)),
    }
    drop(r);
    Ok(out.finish())
}

/// `f(x, y)` for every pair of elements of `a` and `b` broadcast together
/// (read as their element types `A` and `B`), into a new C-order array of
/// the broadcast shape.
///
/// # Errors
/// NumPy's broadcasting `ValueError`; `MemoryError`; `KeyboardInterrupt`.
///
/// # Panics
/// When `A` or `B` is not the element type of its operand.
pub fn zip_map<A: Element, B: Element, R: Element>(
    a: &Array,
    b: &Array,
    f: impl Fn(A, B) -> R + Sync,
) -> Result<Array, Error> {
    let shape = broadcast_shapes(a.shape(), b.shape())?;
    let mut out = Fresh::<R>::for_overwrite(&shape)?;
    let (ra, rb) = (a.read::<A>(), b.read::<B>());
    let n = out.as_slice().len();
    let (sa, sb) = (ra.as_slice(), rb.as_slice());
    let nt = stream::wanted(size_of_val(out.as_slice()));
    match (sa, sb) {
        // Same shape, both contiguous: slices in lockstep.
        (Some(x), Some(y)) if x.len() == n && y.len() == n => {
            for_chunks(out.as_mut_slice(), CHUNK, n, |k, o| {
                check_interrupt()?;
                stream::zip_into(&x[k * CHUNK..], &y[k * CHUNK..], o, nt, &f);
                Ok(())
            })?;
        }
        // A contiguous array with one value (`a + 1.0`).
        (Some(x), _) if x.len() == n && b.len() == 1 => {
            let y = rb.iter().next().expect("one element");
            for_chunks(out.as_mut_slice(), CHUNK, n, |k, o| {
                check_interrupt()?;
                stream::map_into(&x[k * CHUNK..], o, nt, |x| f(x, y));
                Ok(())
            })?;
        }
        (_, Some(y)) if y.len() == n && a.len() == 1 => {
            let x = ra.iter().next().expect("one element");
            for_chunks(out.as_mut_slice(), CHUNK, n, |k, o| {
                check_interrupt()?;
                stream::map_into(&y[k * CHUNK..], o, nt, |y| f(x, y));
                Ok(())
            })?;
        }
        _ => {
            let (va, vb) = (ra.view(), rb.view());
            let va = va.broadcast(shape.as_slice()).expect("broadcast shape");
            let vb = vb.broadcast(shape.as_slice()).expect("broadcast shape");
            Zip::from(&mut out.view_mut())
                .and(&va)
                .and(&vb)
                .for_each(|o, &x, &y| *o = f(x, y));
        }
    }
    drop((ra, rb));
    Ok(out.finish())
}
