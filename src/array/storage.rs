//! Array storage: one heap allocation per buffer, made by the one
//! allocation function [`Buffer::zeroed`], with a reader/writer count.
//!
//! Allocations are zeroed through the global allocator's `alloc_zeroed`
//! (`calloc`: fresh `mmap` pages cost nothing until touched) and, when big,
//! advised as transparent huge pages before the first write, as NumPy's
//! allocator does: with 4 KiB pages the page faults of an 80 MB result cost
//! more than the arithmetic. Zeroed rather than uninitialised memory keeps
//! every element a valid value of its type (a `bool` buffer holds 0 or 1),
//! and costs nothing for the buffers where it would matter.
//!
//! Big buffers (a [`pool`] class) go back to the pool when dropped and serve
//! the next request of their size warm: `zeroed` clears them, and
//! `for_overwrite` (kernels that write every element) takes them as they are.

use std::alloc::Layout;
use std::cell::Cell;
use std::ptr::NonNull;

use super::dtype::DType;
use super::element::Element;
use super::error::{Error, ErrorKind};
use super::limits;
use super::pool;

/// Alignment of big allocations: what `malloc` gives (so `alloc_zeroed`
/// can use `calloc`) and enough for every element type.
const ALIGN: usize = 16;

/// Alignment of small ones (up to [`pool::SMALL_MAX_BYTES`], kept warm per
/// thread): a cache line, so that a kernel's 64-byte vector loads and
/// stores never straddle two lines. A standalone `x + 1.0` over 1,000
/// doubles took 78 ns into a 64-aligned output against 105-114 ns into a
/// 16-aligned one. Zeroing them with `memset` rather than `calloc` costs
/// nothing at this size.
const SMALL_ALIGN: usize = 64;

/// The alignment of a new buffer of `bytes`.
fn align_for(bytes: usize) -> usize {
    if bytes <= pool::SMALL_MAX_BYTES {
        SMALL_ALIGN
    } else {
        ALIGN
    }
}

/// Buffers at least this big are advised as huge pages (NumPy uses 4 MiB).
const HUGE_PAGE_MIN_BYTES: usize = 4 << 20;

/// The elements of one or more arrays.
pub(super) struct Buffer {
    ptr: NonNull<u8>,
    /// Element count.
    len: usize,
    dtype: DType,
    /// How to free `ptr`; `None` when nothing was allocated.
    layout: Option<Layout>,
    /// Whether `ptr` is a whole [`pool`] block (made by `allocate`, every
    /// byte initialised) that goes back to the pool when dropped.
    recycle: bool,
    /// Readers (> 0) or one writer (-1) of the elements.
    borrow: Cell<isize>,
}

impl Buffer {
    /// The one allocation function: a zeroed buffer for an array of `shape`
    /// and `dtype`, after [`limits::check_alloc`].
    ///
    /// # Errors
    /// `ValueError` for impossible shapes, `MemoryError` above the cap or
    /// when the system has no memory left.
    pub fn zeroed(dtype: DType, shape: &[usize]) -> Result<Buffer, Error> {
        Buffer::allocate(dtype, shape, true)
    }

    /// A buffer whose every element the caller overwrites before anyone
    /// reads it: a warm block from the [`pool`] is handed over as it is
    /// (its old bytes are valid values of every element type but `bool`,
    /// which is always zeroed), saving the zeroing pass.
    ///
    /// # Errors
    /// As [`Buffer::zeroed`].
    #[inline]
    pub fn for_overwrite(dtype: DType, shape: &[usize]) -> Result<Buffer, Error> {
        Buffer::allocate(dtype, shape, dtype == DType::Bool)
    }

    /// Inlined into the kernels that call it as far as a warm [`pool`]
    /// block: a buffer built in the caller's frame, not copied out of a
    /// call's return slot (whose 16-byte reloads of 8-byte stores stall).
    #[inline]
    fn allocate(dtype: DType, shape: &[usize], zero: bool) -> Result<Buffer, Error> {
        let len = super::shape::size_of(shape, dtype)?;
        let bytes = len * dtype.itemsize();
        if bytes == 0 {
            return Ok(Buffer::empty(dtype));
        }
        let pooled = pool::class(bytes, align_for(bytes));
        if let Some(ptr) = pooled.and_then(pool::take) {
            if zero {
                // SAFETY: the block holds at least `bytes` bytes and is ours.
                unsafe { ptr.as_ptr().write_bytes(0, bytes) };
            }
            return Ok(Buffer::owning(ptr, len, dtype, pooled, true));
        }
        Buffer::allocate_new(dtype, shape, len, bytes, pooled)
    }

    /// [`allocate`](Buffer::allocate) from the system: `len` elements of
    /// `bytes` in all, in pool class `pooled` if it has one.
    #[inline(never)]
    fn allocate_new(
        dtype: DType,
        shape: &[usize],
        len: usize,
        bytes: usize,
        pooled: Option<Layout>,
    ) -> Result<Buffer, Error> {
        // (Kept blocks count as in use; the check gives them back first.)
        limits::check_alloc(shape, dtype)?;
        let layout = match pooled {
            Some(layout) => layout,
            None => Layout::from_size_align(bytes, align_for(bytes))
                .map_err(|_| limits::memory_error(shape, dtype, bytes))?,
        };
        // SAFETY: `layout` has a nonzero size. Zeroed even for overwrite:
        // fresh `calloc` pages cost nothing more, and no element is ever
        // uninitialised memory.
        let raw = unsafe { std::alloc::alloc_zeroed(layout) };
        let ptr = NonNull::new(raw).ok_or_else(|| limits::memory_error(shape, dtype, bytes))?;
        advise_huge_pages(ptr, layout.size());
        Ok(Buffer::owning(
            ptr,
            len,
            dtype,
            Some(layout),
            pooled.is_some(),
        ))
    }

    fn owning(
        ptr: NonNull<u8>,
        len: usize,
        dtype: DType,
        layout: Option<Layout>,
        recycle: bool,
    ) -> Buffer {
        Buffer {
            ptr,
            len,
            dtype,
            layout,
            recycle,
            borrow: Cell::new(0),
        }
    }

    /// A buffer owning the elements of `v` (no copy).
    pub fn from_vec<T: Element>(v: Vec<T>) -> Buffer {
        let mut v = std::mem::ManuallyDrop::new(v);
        let (len, cap) = (v.len(), v.capacity());
        let layout = (cap > 0 && size_of::<T>() > 0)
            .then(|| Layout::array::<T>(cap).expect("a Vec's capacity fits a layout"));
        Buffer {
            // SAFETY: a Vec's pointer is never null.
            ptr: unsafe { NonNull::new_unchecked(v.as_mut_ptr().cast::<u8>()) },
            len,
            dtype: T::DTYPE,
            layout,
            recycle: false,
            borrow: Cell::new(0),
        }
    }

    fn empty(dtype: DType) -> Buffer {
        Buffer {
            // Aligned for every element type; never dereferenced.
            ptr: NonNull::<u128>::dangling().cast(),
            len: 0,
            dtype,
            layout: None,
            recycle: false,
            borrow: Cell::new(0),
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn dtype(&self) -> DType {
        self.dtype
    }

    /// The address of element 0 as `T` (callers check `T::DTYPE`).
    pub fn ptr<T: Element>(&self) -> *mut T {
        debug_assert_eq!(T::DTYPE, self.dtype);
        self.ptr.as_ptr().cast()
    }

    /// Registers a reader; `false` while a writer holds the buffer.
    pub fn borrow_shared(&self) -> bool {
        let n = self.borrow.get();
        if n < 0 {
            return false;
        }
        self.borrow.set(n + 1);
        true
    }

    pub fn release_shared(&self) {
        self.borrow.set(self.borrow.get() - 1);
    }

    /// Registers the one writer; `false` while anyone else holds the buffer.
    pub fn borrow_exclusive(&self) -> bool {
        if self.borrow.get() != 0 {
            return false;
        }
        self.borrow.set(-1);
        true
    }

    pub fn release_exclusive(&self) {
        self.borrow.set(0);
    }
}

impl Drop for Buffer {
    fn drop(&mut self) {
        let Some(layout) = self.layout else {
            return;
        };
        if self.recycle {
            // SAFETY: allocated by `allocate` with its pool class; its
            // bytes are initialised and this buffer is going away.
            unsafe { pool::put(self.ptr, layout) };
        } else {
            // SAFETY: `ptr` was allocated by the global allocator with
            // `layout` (by `allocate`, or by the Vec `from_vec` took over).
            unsafe { std::alloc::dealloc(self.ptr.as_ptr(), layout) };
        }
    }
}

/// The error a write reports when the buffer is being read (a bug in the
/// caller: no code path reads one array while writing another).
pub(super) fn busy() -> Error {
    Error::new(
        ErrorKind::ValueError,
        "array is being read while written (internal error)",
    )
}

#[cfg(target_os = "linux")]
fn advise_huge_pages(ptr: NonNull<u8>, bytes: usize) {
    if bytes < HUGE_PAGE_MIN_BYTES {
        return;
    }
    let page = 4096usize;
    let start = ptr.as_ptr() as usize;
    let aligned = start.next_multiple_of(page);
    let end = (start + bytes) / page * page;
    if end > aligned {
        // SAFETY: the range lies inside the live allocation; MADV_HUGEPAGE
        // is only advice and never changes its contents.
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
fn advise_huge_pages(_ptr: NonNull<u8>, _bytes: usize) {}
