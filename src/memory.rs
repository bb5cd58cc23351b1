//! Process-wide memory accounting: one cap for everything a session holds
//! (arrays, Python lists and strings, file buffers), so that a statement
//! asking for too much raises `MemoryError` and the session goes on, instead
//! of the allocator aborting or the kernel's OOM killer ending the process.
//!
//! Two halves:
//! * [`Counting`], a `#[global_allocator]` wrapper around the system
//!   allocator that keeps [`in_use`] up to date. The `gradlab` binary
//!   installs it; a library user or a test binary may install it (or its own
//!   allocator, in which case [`in_use`] stays 0 and the cap applies to each
//!   reservation alone).
//! * Fallible reservations on the big paths: before allocating `n` bytes a
//!   caller asks [`reserve`]`(n)`, which fails when `in_use + n` would pass
//!   the cap ([`limit`]: `GRADLAB_MEMORY_LIMIT`, default half of the memory
//!   the process may use). An allocator cannot fail gracefully (a null
//!   return aborts), so the check has to come first.
//!
//! Growth that no reservation covers (many small allocations) is caught by
//! [`check_overdraft`], which the interpreter polls with the interrupt flag.
//!
//! This module is a leaf: it imports nothing of the crate, so every layer
//! may use it.
//!
//! ```
//! use gradlab::memory;
//! let v: Vec<f64> = memory::try_vec(1000).unwrap();
//! assert!(v.capacity() >= 1000);
//! assert!(memory::reserve(usize::MAX).is_err());
//! ```

use std::alloc::{GlobalAlloc, Layout, System};
use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Bytes currently allocated through [`Counting`].
static IN_USE: AtomicUsize = AtomicUsize::new(0);
/// The highest [`IN_USE`] seen since the last [`reset_peak`].
static PEAK: AtomicUsize = AtomicUsize::new(0);
/// The cap in bytes; 0 means the default, computed once on first use.
static LIMIT: AtomicUsize = AtomicUsize::new(0);

/// A `#[global_allocator]` that counts live bytes for [`in_use`] and
/// otherwise is the system allocator.
///
/// ```ignore
/// #[global_allocator]
/// static ALLOC: gradlab::memory::Counting = gradlab::memory::Counting;
/// ```
pub struct Counting;

fn grew(bytes: usize) {
    let now = IN_USE.fetch_add(bytes, Ordering::Relaxed) + bytes;
    // A locked read-modify-write only when the peak moves: most
    // allocations (a statement's small ones) stay below it, and each
    // locked instruction costs as much as the rest of a small malloc.
    if now > PEAK.load(Ordering::Relaxed) {
        PEAK.fetch_max(now, Ordering::Relaxed);
    }
}

fn shrank(bytes: usize) {
    IN_USE.fetch_sub(bytes, Ordering::Relaxed);
}

// SAFETY: every method forwards to `System` with the caller's arguments
// unchanged and only updates counters beside it.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller upholds `GlobalAlloc::alloc`'s contract.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from this allocator with `layout`.
        unsafe { System.dealloc(ptr, layout) };
        shrank(layout.size());
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as for `dealloc`, and `new_size` is valid for `layout`.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                grew(new_size - layout.size());
            } else {
                shrank(layout.size() - new_size);
            }
        }
        p
    }
}

/// Bytes the process holds through [`Counting`] (0 when it is not the
/// global allocator).
pub fn in_use() -> usize {
    IN_USE.load(Ordering::Relaxed)
}

/// The most [`in_use`] has been since the last [`reset_peak`].
pub fn peak() -> usize {
    PEAK.load(Ordering::Relaxed)
}

/// Starts a new [`peak`] measurement from the current [`in_use`].
pub fn reset_peak() {
    PEAK.store(in_use(), Ordering::Relaxed);
}

/// Sets the cap in bytes; 0 restores the default ([`default_limit`]).
pub fn set_limit(bytes: usize) {
    LIMIT.store(bytes, Ordering::Relaxed);
}

/// The cap in bytes.
pub fn limit() -> usize {
    match LIMIT.load(Ordering::Relaxed) {
        0 => {
            let d = default_limit();
            // Racing first calls compute the same value.
            let _ = LIMIT.compare_exchange(0, d, Ordering::Relaxed, Ordering::Relaxed);
            d
        }
        n => n,
    }
}

/// Half of the memory this process may use: physical memory, or less when
/// a cgroup (container) limit or `RLIMIT_AS` says so.
pub fn default_limit() -> usize {
    let mut total = physical_memory().unwrap_or(8 << 30);
    if let Some(c) = cgroup_limit() {
        total = total.min(c);
    }
    if let Some(r) = address_space_limit() {
        total = total.min(r);
    }
    (total / 2).max(1 << 20)
}

fn physical_memory() -> Option<usize> {
    // SAFETY: sysconf has no memory-safety preconditions.
    let (pages, size) = unsafe {
        (
            libc::sysconf(libc::_SC_PHYS_PAGES),
            libc::sysconf(libc::_SC_PAGESIZE),
        )
    };
    (pages > 0 && size > 0).then(|| (pages as usize).saturating_mul(size as usize))
}

/// The memory limit of this process's cgroup (v2 `memory.max`, v1
/// `memory.limit_in_bytes`), where one is set: exceeding it summons the
/// OOM killer long before physical memory runs out.
fn cgroup_limit() -> Option<usize> {
    let cgroups = std::fs::read_to_string("/proc/self/cgroup").ok()?;
    let mut best: Option<usize> = None;
    for line in cgroups.lines() {
        let mut parts = line.splitn(3, ':');
        let (_, controllers, path) = (parts.next()?, parts.next()?, parts.next()?);
        let file = match controllers {
            "" => format!("/sys/fs/cgroup{path}/memory.max"),
            c if c.split(',').any(|c| c == "memory") => {
                format!("/sys/fs/cgroup/memory{path}/memory.limit_in_bytes")
            }
            _ => continue,
        };
        let limit = std::fs::read_to_string(file)
            .ok()
            .and_then(|t| t.trim().parse::<usize>().ok());
        if let Some(l) = limit {
            best = Some(best.map_or(l, |b| b.min(l)));
        }
    }
    best
}

fn address_space_limit() -> Option<usize> {
    let mut r = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: `r` is a valid, writable rlimit.
    let ok = unsafe { libc::getrlimit(libc::RLIMIT_AS, &mut r) } == 0;
    (ok && r.rlim_cur != libc::RLIM_INFINITY).then(|| usize::try_from(r.rlim_cur).ok())?
}

/// A request the cap refused: `bytes` more were asked for (`usize::MAX`
/// when the size itself overflowed).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MemoryError {
    pub bytes: usize,
}

impl fmt::Display for MemoryError {
    /// Python's bare `MemoryError` has no message; callers that know an
    /// array's shape use [`array_message`] instead.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot allocate {}", size_string(self.bytes))
    }
}

impl std::error::Error for MemoryError {}

/// `Ok` when `bytes` more fit under the cap beside what the process already
/// holds. A check, not a hold: the caller allocates right after.
///
/// # Errors
/// [`MemoryError`] when `in_use() + bytes > limit()`.
pub fn reserve(bytes: usize) -> Result<(), MemoryError> {
    let fits = || matches!(in_use().checked_add(bytes), Some(total) if total <= limit());
    // Memory kept for reuse (the array pool) is given back before a refusal.
    if fits() || (RECLAIMER.get().is_some_and(|give_back| give_back()) && fits()) {
        Ok(())
    } else {
        Err(MemoryError { bytes })
    }
}

/// Frees memory kept for reuse; returns whether it freed anything.
static RECLAIMER: std::sync::OnceLock<fn() -> bool> = std::sync::OnceLock::new();

/// Registers the one function that gives back memory a cache keeps (the
/// array pool's blocks count as in use): [`reserve`] calls it before it
/// refuses a request. Later registrations are ignored.
pub fn set_reclaimer(give_back: fn() -> bool) {
    let _ = RECLAIMER.set(give_back);
}

/// [`reserve`] for `n` values of `T`; returns the bytes.
///
/// # Errors
/// [`MemoryError`] above the cap, or with `bytes == usize::MAX` when
/// `n * size_of::<T>()` overflows.
pub fn reserve_items<T>(n: usize) -> Result<usize, MemoryError> {
    let bytes = n
        .checked_mul(std::mem::size_of::<T>())
        .filter(|&b| b <= isize::MAX as usize)
        .ok_or(MemoryError { bytes: usize::MAX })?;
    reserve(bytes)?;
    Ok(bytes)
}

/// An empty vector with room for `n` values, or a [`MemoryError`] instead
/// of an abort.
///
/// # Errors
/// As [`reserve_items`].
pub fn try_vec<T>(n: usize) -> Result<Vec<T>, MemoryError> {
    let bytes = reserve_items::<T>(n)?;
    let mut v = Vec::new();
    v.try_reserve_exact(n).map_err(|_| MemoryError { bytes })?;
    Ok(v)
}

/// Room for `extra` more values in `v`, or a [`MemoryError`]. Grows as
/// `Vec` does (doubling) while that fits under the cap, then by an eighth,
/// so that a buffer can use most of the cap.
///
/// # Errors
/// As [`reserve_items`] for the growth.
pub fn try_grow<T>(v: &mut Vec<T>, extra: usize) -> Result<(), MemoryError> {
    let need = v
        .len()
        .checked_add(extra)
        .ok_or(MemoryError { bytes: usize::MAX })?;
    if need <= v.capacity() {
        return Ok(());
    }
    let cap = v.capacity();
    let bytes = reserve_items::<T>(need.max(cap.saturating_mul(2)) - cap)
        .or_else(|_| reserve_items::<T>(need.max(cap + cap / 8) - cap))?;
    let target = cap + bytes / std::mem::size_of::<T>().max(1);
    v.try_reserve_exact(target - v.len())
        .map_err(|_| MemoryError { bytes })
}

/// How far past the cap untracked growth may go before
/// [`check_overdraft`] fails: reservations keep [`in_use`] under the cap,
/// so only a real leak of many small allocations gets this far.
fn overdraft_margin(limit: usize) -> usize {
    (limit / 8).max(64 << 20)
}

/// `Err` once the process holds well past the cap (see the module docs):
/// polled between statements and loop iterations beside the interrupt flag.
///
/// # Errors
/// [`MemoryError`] with the bytes over the cap.
pub fn check_overdraft() -> Result<(), MemoryError> {
    let (used, cap) = (in_use(), limit());
    if used > cap.saturating_add(overdraft_margin(cap)) {
        return Err(MemoryError { bytes: used - cap });
    }
    Ok(())
}

/// NumPy's `_ArrayMemoryError._size_to_string`: binary units, three
/// significant digits with Python's `#.3g` (`7.81 KiB`, `781. KiB`,
/// `8.00 TiB`, `16.0 EiB`).
pub fn size_string(bytes: usize) -> String {
    const UNITS: [&str; 7] = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
    let bit_length = usize::BITS - bytes.leading_zeros();
    let mut unit = (bit_length.saturating_sub(1).max(1) / 10) as usize;
    // Python's true division of ints: correctly rounded
    let mut n = bytes as f64 / (1u64 << (unit * 10)) as f64;
    if n.round_ties_even() == 1024.0 {
        unit += 1;
        n /= 1024.0;
    }
    if unit == 0 {
        return format!("{bytes} bytes");
    }
    if n.round_ties_even() < 1000.0 {
        // `#.3g`: three significant digits, trailing zeros and point kept
        let sci = format!("{n:.2e}");
        let exp: usize = sci
            .split_once('e')
            .and_then(|(_, e)| e.parse().ok())
            .unwrap_or(0);
        let decimals = 2usize.saturating_sub(exp);
        let fixed = format!("{n:.decimals$}");
        let point = if decimals == 0 { "." } else { "" };
        format!("{fixed}{point} {}", UNITS[unit])
    } else {
        format!("{n:.0}. {}", UNITS[unit])
    }
}

/// NumPy's message for an array it cannot allocate: `Unable to allocate
/// 7.45 GiB for an array with shape (1000000000,) and data type float64`.
pub fn array_message(bytes: usize, shape: &[usize], dtype_name: &str) -> String {
    let dims: Vec<String> = shape.iter().map(|d| d.to_string()).collect();
    let tuple = if dims.len() == 1 {
        format!("({},)", dims[0])
    } else {
        format!("({})", dims.join(", "))
    };
    format!(
        "Unable to allocate {} for an array with shape {tuple} and data type {dtype_name}",
        size_string(bytes)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_print_as_numpy_does() {
        // more cases, from NumPy itself, in tests/memory.rs
        assert_eq!(size_string(1000), "1000 bytes");
        assert_eq!(size_string(8000), "7.81 KiB");
        assert_eq!(size_string(800_000), "781. KiB");
        assert_eq!(size_string(usize::MAX), "16.0 EiB");
        assert_eq!(
            array_message(8000, &[1000], "float64"),
            "Unable to allocate 7.81 KiB for an array with shape (1000,) and data type float64"
        );
        assert_eq!(
            array_message(0, &[2, 0], "int64"),
            "Unable to allocate 0 bytes for an array with shape (2, 0) and data type int64"
        );
    }

    #[test]
    fn overflowing_requests_are_refused_not_wrapped() {
        assert_eq!(
            reserve_items::<u64>(usize::MAX / 4),
            Err(MemoryError { bytes: usize::MAX })
        );
        assert!(try_vec::<u8>(usize::MAX).is_err());
        let mut v: Vec<u8> = vec![1];
        assert!(try_grow(&mut v, usize::MAX).is_err());
        try_grow(&mut v, 10).unwrap();
        assert!(v.capacity() >= 11);
    }

    #[test]
    fn the_default_is_at_most_half_of_physical_memory() {
        let phys = physical_memory().unwrap();
        assert!(default_limit() <= phys / 2 && default_limit() >= 1 << 20);
    }
}
