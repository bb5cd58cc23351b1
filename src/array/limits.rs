//! Process-wide resource limits every array computation honours: an
//! allocation cap (a `MemoryError` instead of an abort) and an interrupt flag
//! (Ctrl-C), checked between chunks of long computations.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use super::dtype::DType;
use super::shape::{shape_repr, size_of};
use super::{Error, ErrorKind};

static ALLOC_CAP: AtomicUsize = AtomicUsize::new(0);
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Sets the largest allocation, in bytes, any single array may take.
/// 0 means "half of physical memory" (the default).
pub fn set_alloc_cap(bytes: usize) {
    ALLOC_CAP.store(bytes, Ordering::Relaxed);
}

/// The allocation cap in bytes.
pub fn alloc_cap() -> usize {
    match ALLOC_CAP.load(Ordering::Relaxed) {
        0 => default_cap(),
        n => n,
    }
}

fn default_cap() -> usize {
    // SAFETY: sysconf has no memory-safety preconditions.
    let (pages, size) = unsafe {
        (
            libc::sysconf(libc::_SC_PHYS_PAGES),
            libc::sysconf(libc::_SC_PAGESIZE),
        )
    };
    if pages > 0 && size > 0 {
        (pages as usize).saturating_mul(size as usize) / 2
    } else {
        4 << 30
    }
}

/// `Ok` when an array of `shape` and `dtype` fits under the cap, else
/// NumPy's `MemoryError` (`Unable to allocate 74.5 GiB for an array with
/// shape (100000, 100000) and data type float64`).
///
/// Every array-sized allocation asks this one function first (the storage
/// allocator does), so a process-wide accounting has one place to live.
///
/// # Errors
/// [`size_of`]'s `ValueError` for impossible shapes, then `MemoryError`.
pub fn check_alloc(shape: &[usize], dtype: DType) -> Result<(), Error> {
    let bytes = size_of(shape, dtype)? * dtype.itemsize();
    if bytes > alloc_cap() {
        return Err(memory_error(shape, dtype, bytes));
    }
    Ok(())
}

/// NumPy's `MemoryError` for an allocation of `bytes` that failed.
pub(super) fn memory_error(shape: &[usize], dtype: DType, bytes: usize) -> Error {
    Error::new(
        ErrorKind::MemoryError,
        format!(
            "Unable to allocate {} for an array with shape {} and data type {}",
            human_bytes(bytes),
            shape_repr(shape),
            dtype.name()
        ),
    )
}

fn human_bytes(bytes: usize) -> String {
    // NumPy's `_size_to_string`: binary units, three significant digits.
    const UNITS: [&str; 7] = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
    let unit = ((usize::BITS - bytes.leading_zeros())
        .saturating_sub(1)
        .max(1)
        / 10) as usize;
    if unit == 0 {
        return format!("{bytes} bytes");
    }
    let v = bytes as f64 / (1u64 << (unit * 10)) as f64;
    let digits = if v >= 100.0 {
        0
    } else if v >= 10.0 {
        1
    } else {
        2
    };
    let text = format!("{v:.digits$}");
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    };
    format!("{text} {}", UNITS[unit])
}

/// Requests that running computations stop (Ctrl-C).
pub fn interrupt() {
    INTERRUPTED.store(true, Ordering::Relaxed);
}

/// Clears the interrupt request (before a new statement runs).
pub fn clear_interrupt() {
    INTERRUPTED.store(false, Ordering::Relaxed);
}

/// `Err(KeyboardInterrupt)` once an interrupt was requested.
pub fn check_interrupt() -> Result<(), Error> {
    if INTERRUPTED.load(Ordering::Relaxed) {
        Err(Error::new(ErrorKind::KeyboardInterrupt, ""))
    } else {
        Ok(())
    }
}
