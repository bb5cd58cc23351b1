//! Writing into shared arrays: every write goes through [`write`], the one
//! primitive that makes them safe (see the module docs of
//! [`array`](super)).

use ndarray::{ArrayViewD, ArrayViewMutD, Axis};

use super::cast::cast_view;
use super::element::Element;
use super::error::Error;
use super::handle::Array;
use super::index::{Index, Selection, plan_items};
use super::read::{raw_view, raw_view_mut};
use super::scalar::Scalar;
use super::shape::shape_compact;
use super::storage::busy;

impl Array {
    /// `a[...] = src`: `src` broadcast to `a`'s shape and cast to its dtype
    /// (unsafe casting, as NumPy's item assignment), written through to
    /// every handle of the buffer.
    ///
    /// # Errors
    /// `ValueError: could not broadcast input array from shape (3,) into
    /// shape (4,)`, `ValueError: assignment destination is read-only`,
    /// `MemoryError` when a copy of an overlapping source does not fit.
    pub fn assign(&self, src: &Array) -> Result<(), Error> {
        if src.broadcast_view(self.shape()).is_none() {
            return Err(Error::value(format!(
                "could not broadcast input array from shape {} into shape {}",
                shape_compact(src.shape()),
                shape_compact(self.shape())
            )));
        }
        crate::dispatch!(self.dtype(), D => write::<D>(self, src, |mut dst, src| {
            cast_view(&mut dst, &src);
        }))
    }

    /// `a.fill(value)`.
    ///
    /// # Errors
    /// `ValueError: assignment destination is read-only`.
    pub fn fill(&self, value: Scalar) -> Result<(), Error> {
        self.assign(&Array::scalar(value))
    }

    /// `a[items] = src`: through a view for basic items; element by element
    /// for a boolean mask or an index array.
    ///
    /// A mask with the array's dimensions takes NumPy's boolean-assignment
    /// path (`src` is one value or one per `True`); otherwise `src` is
    /// broadcast to the shape `a[items]` has.
    ///
    /// # Errors
    /// The indexing errors of [`Array::index`], the read-only error, and
    /// NumPy's value-shape errors (`NumPy boolean array indexing assignment
    /// cannot assign 3 input values to the 2 output values where the mask is
    /// true`, `shape mismatch: value array of shape (3,) could not be
    /// broadcast to indexing result of shape (2,)`, ...).
    pub fn assign_index(&self, items: &[Index], src: &Array) -> Result<(), Error> {
        let planned = plan_items(items, self.ndim())?;
        if !planned
            .iter()
            .any(|i| matches!(i, Index::Mask(_) | Index::Take(_)))
        {
            return self.basic(&planned)?.assign(src);
        }
        let sel = self.select(&planned)?;
        let shape = sel.shape();
        let src = match items {
            [Index::Mask(m)] if m.ndim() == self.ndim() => {
                let count = sel.positions.len();
                if src.ndim() > 1 {
                    return Err(Error::type_error(format!(
                        "NumPy boolean array indexing assignment requires a 0 or 1-dimensional \
                         input, input has {} dimensions",
                        src.ndim()
                    )));
                }
                if src.len() != 1 && src.len() != count {
                    return Err(Error::value(format!(
                        "NumPy boolean array indexing assignment cannot assign {} input values \
                         to the {count} output values where the mask is true",
                        src.len()
                    )));
                }
                src.reshape_to(&[src.len()])?
            }
            _ if src.broadcast_view(&shape).is_none() => {
                return Err(Error::value(format!(
                    "shape mismatch: value array of shape {} could not be broadcast to \
                     indexing result of shape {}",
                    shape_compact(src.shape()),
                    shape_compact(&shape)
                )));
            }
            _ => src.clone(),
        };
        crate::dispatch!(self.dtype(), D => write::<D>(&sel.view, &src, |mut dst, src| {
            let src = src.broadcast(shape.as_slice()).expect("checked above");
            scatter(&sel, &mut dst, &src);
        }))
    }
}

/// `dst[positions] = src` along the selection's axis.
fn scatter<D: Element>(sel: &Selection, dst: &mut ArrayViewMutD<'_, D>, src: &ArrayViewD<'_, D>) {
    let picked = sel.picked_shape.len();
    let mut flat = src.shape()[..sel.axis].to_vec();
    flat.push(sel.positions.len());
    flat.extend_from_slice(&src.shape()[sel.axis + picked..]);
    let src = src
        .to_shape(flat)
        .expect("a selection's elements reshape to one picked axis");
    for (j, p) in sel.positions.iter().enumerate() {
        let mut block = sel.block_mut(dst, p);
        cast_view(&mut block, &src.index_axis(Axis(sel.axis), j));
    }
}

/// The one write primitive: runs `body` with the elements of `dst` as a
/// mutable view and `src` (converted to `dst`'s dtype, copied first when
/// it may share memory with `dst`; not yet broadcast, so a converted
/// scalar stays one element) as a view.
///
/// # Errors
/// `ValueError: assignment destination is read-only`; an internal error if
/// a reader of `dst`'s buffer is alive; `MemoryError` for the copies.
pub(super) fn write<D: Element>(
    dst: &Array,
    src: &Array,
    body: impl FnOnce(ArrayViewMutD<'_, D>, ArrayViewD<'_, D>),
) -> Result<(), Error> {
    if !dst.writeable {
        return Err(Error::value("assignment destination is read-only"));
    }
    if dst.is_empty() {
        // Nothing to write; ndarray's (debug) overlap check would reject
        // the strides of some empty views (a 0-wide slice of a matrix).
        return Ok(());
    }
    let src = if dst.may_share_memory(src) || src.dtype() != D::DTYPE {
        src.astype(D::DTYPE)?
    } else {
        src.clone()
    };
    let same_buffer = src.shares_buffer(dst);
    if !dst.buf.borrow_exclusive() {
        return Err(busy());
    }
    if !same_buffer && !src.buf.borrow_shared() {
        dst.buf.release_exclusive();
        return Err(busy());
    }
    // SAFETY: the buffer is held exclusively, so no other reference to
    // `dst`'s elements exists; a writeable `dst` never addresses an element
    // twice; `src` is registered as a reader of its own buffer or, on the
    // same buffer, addresses none of `dst`'s elements (`may_share_memory`
    // was false). Both views end with `body`.
    unsafe { body(raw_view_mut::<D>(dst), raw_view::<D>(&src)) };
    if !same_buffer {
        src.buf.release_shared();
    }
    dst.buf.release_exclusive();
    Ok(())
}
