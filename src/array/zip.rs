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
pub fn map<A: Element, R: Element>(a: &Array, f: impl Fn(A) -> R) -> Result<Array, Error> {
    let mut out = Fresh::<R>::zeroed(a.shape())?;
    let r = a.read::<A>();
    match r.as_slice() {
        Some(src) => {
            for (o, s) in out.as_mut_slice().chunks_mut(CHUNK).zip(src.chunks(CHUNK)) {
                check_interrupt()?;
                for (o, &x) in o.iter_mut().zip(s) {
                    *o = f(x);
                }
            }
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
    f: impl Fn(A, B) -> R,
) -> Result<Array, Error> {
    let shape = broadcast_shapes(a.shape(), b.shape())?;
    let mut out = Fresh::<R>::zeroed(&shape)?;
    let (ra, rb) = (a.read::<A>(), b.read::<B>());
    let n = out.as_slice().len();
    let (sa, sb) = (ra.as_slice(), rb.as_slice());
    match (sa, sb) {
        // Same shape, both contiguous: slices in lockstep.
        (Some(x), Some(y)) if x.len() == n && y.len() == n => {
            let chunks = out.as_mut_slice().chunks_mut(CHUNK);
            for ((o, x), y) in chunks.zip(x.chunks(CHUNK)).zip(y.chunks(CHUNK)) {
                check_interrupt()?;
                for ((o, &x), &y) in o.iter_mut().zip(x).zip(y) {
                    *o = f(x, y);
                }
            }
        }
        // A contiguous array with one value (`a + 1.0`).
        (Some(x), _) if x.len() == n && b.len() == 1 => {
            let y = rb.iter().next().expect("one element");
            for (o, x) in out.as_mut_slice().chunks_mut(CHUNK).zip(x.chunks(CHUNK)) {
                check_interrupt()?;
                for (o, &x) in o.iter_mut().zip(x) {
                    *o = f(x, y);
                }
            }
        }
        (_, Some(y)) if y.len() == n && a.len() == 1 => {
            let x = ra.iter().next().expect("one element");
            for (o, y) in out.as_mut_slice().chunks_mut(CHUNK).zip(y.chunks(CHUNK)) {
                check_interrupt()?;
                for (o, &y) in o.iter_mut().zip(y) {
                    *o = f(x, y);
                }
            }
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
