//! Process-wide resource limits every array computation honours: the memory
//! cap (a `MemoryError` instead of an abort; the accounting lives in
//! [`crate::memory`]) and an interrupt flag (Ctrl-C), checked between chunks
//! of long computations.

use std::sync::atomic::{AtomicBool, Ordering};

use super::dtype::DType;
use super::shape::size_of;
use super::{Error, ErrorKind};
use crate::memory;

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Sets the process-wide memory cap in bytes ([`memory::set_limit`]).
/// 0 means "half of physical memory" (the default).
pub fn set_alloc_cap(bytes: usize) {
    memory::set_limit(bytes);
}

/// The memory cap in bytes ([`memory::limit`]).
pub fn alloc_cap() -> usize {
    memory::limit()
}

/// `Ok` when an array of `shape` and `dtype` fits under the process-wide
/// cap beside everything the process already holds ([`memory::reserve`]),
/// else NumPy's `MemoryError` (`Unable to allocate 74.5 GiB for an array
/// with shape (100000, 100000) and data type float64`).
///
/// Every array-sized allocation asks this one function first (the storage
/// allocator does).
///
/// # Errors
/// [`size_of`]'s `ValueError` for impossible shapes, then `MemoryError`.
pub fn check_alloc(shape: &[usize], dtype: DType) -> Result<(), Error> {
    let bytes = size_of(shape, dtype)?.saturating_mul(dtype.itemsize());
    memory::reserve(bytes).map_err(|_| memory_error(shape, dtype, bytes))
}

/// NumPy's `MemoryError` for an allocation of `bytes` that failed.
pub(super) fn memory_error(shape: &[usize], dtype: DType, bytes: usize) -> Error {
    Error::new(
        ErrorKind::MemoryError,
        memory::array_message(bytes, shape, dtype.name()),
    )
}

/// Requests that running computations stop (Ctrl-C).
pub fn interrupt() {
    INTERRUPTED.store(true, Ordering::Relaxed);
}

/// Clears the interrupt request (before a new statement runs).
pub fn clear_interrupt() {
    INTERRUPTED.store(false, Ordering::Relaxed);
}

/// `Err(KeyboardInterrupt)` once an interrupt was requested; a bare
/// `MemoryError` once the process holds far more than the memory cap
/// through many small allocations no reservation covered
/// ([`memory::check_overdraft`]). Polled between statements, loop
/// iterations and lanes of long computations.
pub fn check_interrupt() -> Result<(), Error> {
    if INTERRUPTED.load(Ordering::Relaxed) {
        return Err(Error::new(ErrorKind::KeyboardInterrupt, ""));
    }
    memory::check_overdraft().map_err(|_| Error::new(ErrorKind::MemoryError, ""))
}
