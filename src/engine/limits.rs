//! Process-wide resource limits the engine and evaluator honour: the memory
//! cap (a `MemoryError` instead of an abort; the accounting lives in
//! [`crate::memory`]) and an interrupt flag (Ctrl-C), checked between lanes
//! of long computations.

use std::sync::atomic::{AtomicBool, Ordering};

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

/// `Ok` when an array of `shape` with `elem_size`-byte elements fits under
/// the process-wide cap beside everything the process already holds
/// ([`memory::reserve`]), else NumPy's MemoryError message. The one check
/// every array allocation goes through.
pub fn check_alloc(shape: &[usize], elem_size: usize, dtype_name: &str) -> Result<(), Error> {
    let bytes = shape
        .iter()
        .try_fold(elem_size, |acc, &d| acc.checked_mul(d))
        .unwrap_or(usize::MAX);
    memory::reserve(bytes).map_err(|_| {
        Error::new(
            ErrorKind::MemoryError,
            memory::array_message(bytes, shape, dtype_name),
        )
    })
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
