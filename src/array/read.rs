//! Typed, zero-copy reading: [`Read`] guards, ndarray views and slices.

use std::marker::PhantomData;

use ndarray::{ArrayViewD, ArrayViewMutD, Axis, IxDyn, ShapeBuilder};

use super::element::Element;
use super::handle::Array;

/// A reader of an array's elements as `T`, registered with the buffer for
/// as long as it lives (writes to the buffer fail meanwhile).
pub struct Read<'a, T: Element> {
    array: &'a Array,
    _t: PhantomData<&'a T>,
}

impl Array {
    /// Reads the elements as `T`.
    ///
    /// # Panics
    /// When `T` is not the element type of the array's dtype (use
    /// [`dispatch!`](crate::dispatch) to pick it), or while the buffer is
    /// being written (only possible inside the layer's write primitive,
    /// which never calls out).
    pub fn read<T: Element>(&self) -> Read<'_, T> {
        assert_eq!(
            T::DTYPE,
            self.dtype(),
            "read::<{}>() of a {} array",
            T::DTYPE,
            self.dtype()
        );
        assert!(self.buf.borrow_shared(), "array read while written");
        Read {
            array: self,
            _t: PhantomData,
        }
    }
}

impl<T: Element> Drop for Read<'_, T> {
    fn drop(&mut self) {
        self.array.buf.release_shared();
    }
}

impl<'a, T: Element> Read<'a, T> {
    /// The array as an ndarray view (negative strides included).
    pub fn view(&self) -> ArrayViewD<'_, T> {
        // SAFETY: the reader registration excludes writers for the view's
        // lifetime, which borrows `self`.
        unsafe { raw_view(self.array) }
    }

    /// The elements as one slice in C order, when the array is
    /// C-contiguous with positive strides (the fast path of kernels).
    pub fn as_slice(&self) -> Option<&[T]> {
        let a = self.array;
        if !a.is_c_contiguous() {
            return None;
        }
        if a.is_empty() {
            return Some(&[]);
        }
        // Contiguous with a reversed length-1 axis is still ascending.
        let (lo, _) = a.extent().expect("non-empty");
        // SAFETY: a C-contiguous array addresses `len` consecutive elements
        // from its lowest address, all inside the buffer; writers are
        // excluded while `self` lives.
        Some(unsafe { std::slice::from_raw_parts(a.buf.ptr::<T>().add(lo), a.len()) })
    }

    /// The elements in C order.
    pub fn iter(&self) -> impl Iterator<Item = T> + '_ {
        let v = self.view();
        let slice = self.as_slice();
        let (fast, slow) = match slice {
            Some(s) => (Some(s.iter().copied()), None),
            None => (None, Some(v.into_iter().copied())),
        };
        fast.into_iter().flatten().chain(slow.into_iter().flatten())
    }

    /// The array read.
    pub fn array(&self) -> &'a Array {
        self.array
    }
}

/// The (lowest) element index and non-negative strides ndarray wants, and
/// the axes to flip afterwards.
fn geometry(a: &Array) -> (usize, Vec<usize>) {
    if a.is_empty() {
        return (0, vec![0; a.ndim()]);
    }
    let (lo, _) = a.extent().expect("non-empty");
    (lo, a.strides.iter().map(|s| s.unsigned_abs()).collect())
}

/// An ndarray view of `a`'s elements.
///
/// # Safety
/// No `&mut` to any of those elements may exist while the view lives.
pub(super) unsafe fn raw_view<T: Element>(a: &Array) -> ArrayViewD<'_, T> {
    let (lo, abs) = geometry(a);
    let shape = IxDyn(&a.shape).strides(IxDyn(&abs));
    // SAFETY: every index of `a` addresses an element of the buffer (the
    // view invariant), starting from `lo` with `abs` strides once the
    // reversed axes are flipped; an empty view is never dereferenced.
    let mut v = unsafe { ArrayViewD::from_shape_ptr(shape, a.buf.ptr::<T>().add(lo).cast_const()) };
    for (k, &s) in a.strides.iter().enumerate() {
        if s < 0 {
            v.invert_axis(Axis(k));
        }
    }
    v
}

/// A mutable ndarray view of `a`'s elements.
///
/// # Safety
/// No other reference to any of those elements may exist while the view
/// lives, and `a` must not address one element twice (a writeable array
/// never does).
pub(super) unsafe fn raw_view_mut<T: Element>(a: &Array) -> ArrayViewMutD<'_, T> {
    let (lo, abs) = geometry(a);
    let shape = IxDyn(&a.shape).strides(IxDyn(&abs));
    // SAFETY: as in `raw_view`; exclusivity is the caller's.
    let mut v = unsafe { ArrayViewMutD::from_shape_ptr(shape, a.buf.ptr::<T>().add(lo)) };
    for (k, &s) in a.strides.iter().enumerate() {
        if s < 0 {
            v.invert_axis(Axis(k));
        }
    }
    v
}
