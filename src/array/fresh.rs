//! [`Fresh`]: a new array being written before anyone else can see it.

use std::marker::PhantomData;

use ndarray::{ArrayViewMutD, IxDyn};

use super::element::Element;
use super::error::Error;
use super::handle::Array;
use super::storage::Buffer;

/// A new C-contiguous array of `T`, uniquely owned: its elements can be
/// written through `&mut [T]` (and split across threads) until
/// [`finish`](Fresh::finish) shares it as an [`Array`].
pub struct Fresh<T: Element> {
    buf: Buffer,
    shape: super::shape::Dims,
    _t: PhantomData<T>,
}

impl<T: Element> Fresh<T> {
    /// A zeroed array of `shape`, from the one allocation function.
    ///
    /// # Errors
    /// `ValueError` for impossible shapes, `MemoryError` above the cap.
    pub fn zeroed(shape: &[usize]) -> Result<Fresh<T>, Error> {
        Ok(Fresh {
            buf: Buffer::zeroed(T::DTYPE, shape)?,
            shape: shape.into(),
            _t: PhantomData,
        })
    }

    /// A new array every element of which the caller writes before
    /// [`finish`](Fresh::finish): from a warm pool block when one fits,
    /// without zeroing it. Its elements start as arbitrary valid values.
    ///
    /// # Errors
    /// As [`Fresh::zeroed`].
    #[inline]
    pub fn for_overwrite(shape: &[usize]) -> Result<Fresh<T>, Error> {
        Ok(Fresh {
            buf: Buffer::for_overwrite(T::DTYPE, shape)?,
            shape: shape.into(),
            _t: PhantomData,
        })
    }

    pub fn shape(&self) -> &[usize] {
        &self.shape
    }

    /// The elements in C order.
    #[inline]
    pub fn as_mut_slice(&mut self) -> &mut [T] {
        // SAFETY: the buffer holds `len` initialised (zeroed or written)
        // elements of `T` and is owned by `self` alone.
        unsafe { std::slice::from_raw_parts_mut(self.buf.ptr::<T>(), self.buf.len()) }
    }

    /// The elements read back.
    pub fn as_slice(&self) -> &[T] {
        // SAFETY: as in `as_mut_slice`, shared.
        unsafe { std::slice::from_raw_parts(self.buf.ptr::<T>(), self.buf.len()) }
    }

    /// The elements as a mutable ndarray view of the array's shape.
    pub fn view_mut(&mut self) -> ArrayViewMutD<'_, T> {
        let shape = IxDyn(&self.shape);
        ArrayViewMutD::from_shape(shape, self.as_mut_slice()).expect("C-order buffer of the shape")
    }

    /// The finished array, shared from now on.
    #[inline]
    pub fn finish(self) -> Array {
        Array::from_buffer(self.buf, &self.shape)
    }
}
