//! Output buffers and element access shared by the kernels.
//!
//! Big outputs are zero-allocated (`calloc`, so fresh `mmap` pages are not
//! touched) and advised as transparent huge pages before the first write,
//! as NumPy's allocator does: with 4 KiB pages the page faults of an 80 MB
//! output cost more than the arithmetic.

use std::borrow::Cow;

use ndarray::{ArrayD, IxDyn};

use super::Error;

/// Buffers at least this big are advised as huge pages (NumPy uses 4 MiB).
const HUGE_PAGE_MIN_BYTES: usize = 4 << 20;

/// A zeroed buffer of `len` elements, advised as huge pages when big.
pub(crate) fn zeroed<T: Clone + Default>(len: usize) -> Vec<T> {
    let v = vec![T::default(); len];
    advise_huge_pages(&v);
    v
}

#[cfg(target_os = "linux")]
fn advise_huge_pages<T>(v: &[T]) {
    let bytes = std::mem::size_of_val(v);
    if bytes < HUGE_PAGE_MIN_BYTES {
        return;
    }
    let page = 4096usize;
    let start = v.as_ptr() as usize;
    let aligned = start.next_multiple_of(page);
    let end = (start + bytes) / page * page;
    if end > aligned {
        // SAFETY: the range lies inside the live allocation of `v`;
        // MADV_HUGEPAGE is only advice and never changes its contents.
        unsafe {
            libc::madvise(
                aligned as *mut libc::c_void,
                end - aligned,
                libc::MADV_HUGEPAGE,
            );
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn advise_huge_pages<T>(_v: &[T]) {}

/// The elements of `a` in row-major order, borrowed when `a` already is.
pub(crate) fn row_major<T: Clone>(a: &ArrayD<T>) -> Cow<'_, [T]> {
    match a.as_slice() {
        Some(s) => Cow::Borrowed(s),
        None => Cow::Owned(a.iter().cloned().collect()),
    }
}

/// Wraps a row-major buffer as an array of `shape`.
pub(crate) fn into_array<T>(shape: &[usize], data: Vec<T>) -> Result<ArrayD<T>, Error> {
    ArrayD::from_shape_vec(IxDyn(shape), data)
        .map_err(|e| Error::value(format!("internal error: {e}")))
}

/// An element the gradient kernels read: converted to float64 in registers
/// exactly as NumPy's `astype(np.float64)` (round to nearest) does.
pub(crate) trait ToF64: Copy + Send + Sync {
    fn to_f64(self) -> f64;
}

impl ToF64 for f64 {
    #[inline(always)]
    fn to_f64(self) -> f64 {
        self
    }
}

impl ToF64 for i64 {
    #[inline(always)]
    fn to_f64(self) -> f64 {
        self as f64
    }
}

impl ToF64 for bool {
    #[inline(always)]
    fn to_f64(self) -> f64 {
        if self { 1.0 } else { 0.0 }
    }
}

/// `(outer, n, inner)`: the products of the dimensions before, at and after
/// `axis`, so a row-major array is `outer` slabs of `n` rows of `inner`.
pub(crate) fn split_dims(shape: &[usize], axis: usize) -> (usize, usize, usize) {
    let outer = shape[..axis].iter().product();
    let inner = shape[axis + 1..].iter().product();
    (outer, shape[axis], inner)
}
