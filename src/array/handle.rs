//! [`Array`]: a handle on shared storage with NumPy's geometry.

use std::fmt;
use std::rc::Rc;

use ndarray::{ArrayD, IxDyn};

use super::dtype::DType;
use super::element::Element;
use super::error::Error;
use super::fresh::Fresh;
use super::scalar::Scalar;
use super::shape::{Dims, Strides, c_strides};
use super::storage::Buffer;

/// An n-dimensional NumPy array (0-d included) of any [`DType`].
///
/// Cloning is cheap and shares the elements, like `b = a` in Python; views
/// ([`index`](Array::index), [`transpose`](Array::transpose),
/// [`broadcast_to`](Array::broadcast_to), ...) share them too. Read elements
/// through [`read`](Array::read); write them through
/// [`assign`](Array::assign) and its variants.
#[derive(Clone)]
pub struct Array {
    pub(super) buf: Rc<Buffer>,
    /// Element index (in `buf`) of the element at index `(0, ..., 0)`.
    pub(super) offset: usize,
    pub(super) shape: Dims,
    /// Element strides, negative for reversed axes, 0 for broadcast ones.
    pub(super) strides: Strides,
    pub(super) writeable: bool,
    /// Whether this handle was made by allocation (not as a view).
    pub(super) owns: bool,
}

impl Array {
    /// A C-contiguous array owning all of `buf`.
    #[inline]
    pub(super) fn from_buffer(buf: Buffer, shape: &[usize]) -> Array {
        debug_assert_eq!(buf.len(), shape.iter().product::<usize>());
        Array {
            buf: Rc::new(buf),
            offset: 0,
            shape: Dims::from_slice(shape),
            strides: c_strides(shape),
            writeable: true,
            owns: true,
        }
    }

    /// A view of the same buffer with new geometry (the caller keeps every
    /// index inside the buffer).
    pub(super) fn view_with(
        &self,
        offset: usize,
        shape: impl Into<Dims>,
        strides: impl Into<Strides>,
    ) -> Array {
        Array {
            buf: Rc::clone(&self.buf),
            offset,
            shape: shape.into(),
            strides: strides.into(),
            writeable: self.writeable,
            owns: false,
        }
    }

    /// `np.zeros(shape, dtype)`.
    ///
    /// # Errors
    /// `ValueError` for impossible shapes, `MemoryError` above the cap.
    pub fn zeros(dtype: DType, shape: &[usize]) -> Result<Array, Error> {
        Ok(Array::from_buffer(Buffer::zeroed(dtype, shape)?, shape))
    }

    /// `np.full(shape, value)` with the value's dtype.
    ///
    /// # Errors
    /// As [`Array::zeros`].
    pub fn full(shape: &[usize], value: Scalar) -> Result<Array, Error> {
        crate::dispatch!(value.dtype(), T => {
            let mut out = Fresh::<T>::zeroed(shape)?;
            out.as_mut_slice().fill(value.get::<T>());
            Ok(out.finish())
        })
    }

    /// A 0-d array holding `value`.
    pub fn scalar(value: Scalar) -> Array {
        Array::full(&[], value).expect("a 0-d array always fits")
    }

    /// An array of `shape` owning the elements of `data` (C order), without
    /// copying them.
    ///
    /// # Errors
    /// `ValueError` when `data` does not have `shape`'s element count.
    pub fn from_vec<T: Element>(shape: &[usize], data: Vec<T>) -> Result<Array, Error> {
        if shape.iter().product::<usize>() != data.len() {
            return Err(Error::value(format!(
                "cannot reshape array of size {} into shape {}",
                data.len(),
                super::shape::shape_repr(shape)
            )));
        }
        Ok(Array::from_buffer(Buffer::from_vec(data), shape))
    }

    /// The array of an ndarray, without copying when it is in standard
    /// (C) layout.
    pub fn from_ndarray<T: Element>(a: ArrayD<T>) -> Array {
        let shape = a.shape().to_vec();
        let a = if a.is_standard_layout() {
            a
        } else {
            a.as_standard_layout().into_owned()
        };
        let (data, offset) = a.into_raw_vec_and_offset();
        match offset {
            Some(0) | None => Array::from_vec(&shape, data).expect("standard layout"),
            Some(k) => Array::from_vec(&shape, data[k..].to_vec()).expect("standard layout"),
        }
    }

    /// A 1-D float64 array.
    pub fn from_f64(v: Vec<f64>) -> Array {
        Array::from_vec(&[v.len()], v).expect("1-D shape")
    }

    /// A 1-D int64 array.
    pub fn from_i64(v: Vec<i64>) -> Array {
        Array::from_vec(&[v.len()], v).expect("1-D shape")
    }

    /// A 1-D bool array.
    pub fn from_bool(v: Vec<bool>) -> Array {
        Array::from_vec(&[v.len()], v).expect("1-D shape")
    }

    /// A 0-d float64 array.
    pub fn scalar_f64(x: f64) -> Array {
        Array::scalar(Scalar::Float64(x))
    }

    /// A 0-d int64 array.
    pub fn scalar_i64(x: i64) -> Array {
        Array::scalar(Scalar::Int64(x))
    }

    /// A 0-d bool array.
    pub fn scalar_bool(x: bool) -> Array {
        Array::scalar(Scalar::Bool(x))
    }

    pub fn dtype(&self) -> DType {
        self.buf.dtype()
    }

    pub fn shape(&self) -> &[usize] {
        &self.shape
    }

    /// Element strides (NumPy's `.strides` divided by the itemsize).
    pub fn strides(&self) -> &[isize] {
        &self.strides
    }

    /// NumPy's `.strides`: byte strides.
    pub fn byte_strides(&self) -> Vec<isize> {
        let size = self.dtype().itemsize() as isize;
        self.strides.iter().map(|&s| s * size).collect()
    }

    pub fn ndim(&self) -> usize {
        self.shape.len()
    }

    /// The number of elements (`.size`).
    pub fn len(&self) -> usize {
        self.shape.iter().product()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// `.nbytes`.
    pub fn nbytes(&self) -> usize {
        self.len() * self.dtype().itemsize()
    }

    /// `.flags.writeable`.
    pub fn is_writeable(&self) -> bool {
        self.writeable
    }

    /// `.flags.owndata`: made by allocation rather than as a view.
    pub fn owns_data(&self) -> bool {
        self.owns
    }

    /// `.flags.c_contiguous`: row-major with no gaps (NumPy ignores the
    /// strides of length-1 axes, and every empty array is contiguous).
    pub fn is_c_contiguous(&self) -> bool {
        contiguous(self.shape.iter().zip(self.strides.iter()).rev())
    }

    /// `.flags.f_contiguous`: column-major with no gaps.
    pub fn is_f_contiguous(&self) -> bool {
        contiguous(self.shape.iter().zip(self.strides.iter()))
    }

    /// Whether `self` and `other` are handles on the same buffer.
    pub fn shares_buffer(&self, other: &Array) -> bool {
        Rc::ptr_eq(&self.buf, &other.buf)
    }

    /// The element-index range `[lo, hi]` of the buffer this array
    /// addresses, `None` when it is empty.
    pub(super) fn extent(&self) -> Option<(usize, usize)> {
        if self.is_empty() {
            return None;
        }
        let (mut lo, mut hi) = (self.offset as isize, self.offset as isize);
        for (&n, &s) in self.shape.iter().zip(self.strides.iter()) {
            let span = (n as isize - 1) * s;
            if span < 0 {
                lo += span;
            } else {
                hi += span;
            }
        }
        Some((lo as usize, hi as usize))
    }

    /// `np.may_share_memory(self, other)`: whether the two address ranges
    /// of one buffer overlap (a cheap, conservative test).
    pub fn may_share_memory(&self, other: &Array) -> bool {
        if !self.shares_buffer(other) {
            return false;
        }
        match (self.extent(), other.extent()) {
            (Some((a, b)), Some((c, d))) => a <= d && c <= b,
            _ => false,
        }
    }

    /// `np.shares_memory(self, other)`: whether some element of one is an
    /// element of the other (exact; linear in the sizes when the address
    /// ranges overlap).
    pub fn shares_memory(&self, other: &Array) -> bool {
        if !self.may_share_memory(other) {
            return false;
        }
        // An array that covers its whole address range shares memory with
        // anything overlapping that range.
        let dense = |a: &Array| a.extent().is_some_and(|(lo, hi)| hi - lo + 1 == a.len());
        if dense(self) || dense(other) {
            return true;
        }
        let mut mine = self.element_offsets();
        mine.sort_unstable();
        other
            .element_offsets()
            .iter()
            .any(|o| mine.binary_search(o).is_ok())
    }

    /// The buffer index of every element (C order).
    fn element_offsets(&self) -> Vec<usize> {
        let mut out = vec![self.offset as isize];
        for (&n, &s) in self.shape.iter().zip(self.strides.iter()) {
            out = out
                .iter()
                .flat_map(|&base| (0..n as isize).map(move |i| base + i * s))
                .collect();
        }
        out.into_iter().map(|o| o as usize).collect()
    }

    /// The elements converted to float64, in C order.
    pub fn to_f64_vec(&self) -> Vec<f64> {
        crate::dispatch!(self.dtype(), T => self.read::<T>().iter().map(|x| x.cast::<f64>()).collect())
    }

    /// The elements converted to float64 as an owned ndarray.
    pub fn to_f64(&self) -> ArrayD<f64> {
        ArrayD::from_shape_vec(IxDyn(&self.shape), self.to_f64_vec()).expect("C-order elements")
    }

    /// The elements of a `T` array, in C order.
    ///
    /// # Panics
    /// When `T` is not the element type of the array's dtype.
    pub fn to_vec<T: Element>(&self) -> Vec<T> {
        let r = self.read::<T>();
        match r.as_slice() {
            Some(s) => s.to_vec(),
            None => r.iter().collect(),
        }
    }

    /// The first element in C order (the value of a 0-d or 1-element array).
    pub fn first(&self) -> Option<Scalar> {
        if self.is_empty() {
            return None;
        }
        Some(self.get(&vec![0; self.ndim()]))
    }

    /// The element at a multi-index (each index below its axis' length).
    ///
    /// # Panics
    /// When `index` is out of bounds.
    pub fn get(&self, index: &[usize]) -> Scalar {
        crate::dispatch!(self.dtype(), T => self.read::<T>().view()[index].to_scalar())
    }
}

fn contiguous<'a>(axes: impl Iterator<Item = (&'a usize, &'a isize)> + Clone) -> bool {
    if axes.clone().any(|(&n, _)| n == 0) {
        return true;
    }
    let mut expect = 1isize;
    for (&n, &s) in axes {
        if n != 1 {
            if s != expect {
                return false;
            }
            expect *= n as isize;
        }
    }
    true
}

impl PartialEq for Array {
    /// Same dtype, same shape and equal elements (NaN differs from itself).
    fn eq(&self, other: &Array) -> bool {
        self.dtype() == other.dtype()
            && self.shape == other.shape
            && crate::dispatch!(self.dtype(), T => {
                let (a, b) = (self.read::<T>(), other.read::<T>());
                a.iter().zip(b.iter()).all(|(x, y)| x == y)
            })
    }
}

impl fmt::Debug for Array {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::dispatch!(self.dtype(), T => {
            let r = self.read::<T>();
            write!(f, "Array({}, {:?})", self.dtype(), r.view())
        })
    }
}
