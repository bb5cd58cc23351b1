//! Warm reuse of big freed buffers.
//!
//! A fresh 80 MB result costs 20,000 page faults (or 40 huge-page faults,
//! each zeroing 2 MiB in the kernel) before the first element is written;
//! on a warm buffer the same kernel runs at memory bandwidth. A loop or a
//! `%timeit` frees and asks for the same sizes again and again, so big
//! blocks are kept for a moment after they are freed and handed to the next
//! request of the same size class instead of going back to the system.
//!
//! Bounds: blocks of at least [`MIN_BYTES`], sizes rounded up to whole
//! 2 MiB huge pages (the class), at most [`MAX_BLOCKS`] blocks and
//! [`MAX_KEPT_BYTES`] kept, and every block is given back to the system
//! once it has been idle for [`IDLE`] (a sleeping reaper thread, started
//! with the first kept block). A kept block still counts as memory in use,
//! so the `MemoryError` cap holds; [`release_all`] empties the pool before
//! a request is refused.

use std::alloc::Layout;
use std::ptr::NonNull;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

/// Smaller blocks go straight to the allocator, whose bins serve them well.
pub const MIN_BYTES: usize = 1 << 20;
/// The size-class granule: one transparent huge page.
const GRANULE: usize = 2 << 20;
/// Most blocks kept at once (a 3-D gradient frees three outputs per loop).
const MAX_BLOCKS: usize = 8;
/// Most bytes kept at once.
const MAX_KEPT_BYTES: usize = 768 << 20;
/// How long a block stays unused before it goes back to the system.
const IDLE: Duration = Duration::from_millis(1500);

struct Block {
    ptr: NonNull<u8>,
    layout: Layout,
    freed: Instant,
}

// SAFETY: a kept block is owned by the pool alone (its buffer was dropped);
// it is only handed out whole, under the mutex.
unsafe impl Send for Block {}

struct Pool {
    blocks: Vec<Block>,
    reaper: bool,
}

static POOL: Mutex<Pool> = Mutex::new(Pool {
    blocks: Vec::new(),
    reaper: false,
});

/// Switched off by [`set_enabled`].
static DISABLED: AtomicBool = AtomicBool::new(false);

/// Whether big blocks are kept: not after `set_enabled(false)`, nor when
/// the environment says `GRADLAB_POOL=0` (to measure without it).
fn enabled() -> bool {
    static FROM_ENV: OnceLock<bool> = OnceLock::new();
    !DISABLED.load(Ordering::Relaxed)
        && *FROM_ENV.get_or_init(|| std::env::var("GRADLAB_POOL").map_or(true, |v| v != "0"))
}

/// Turns the pool on or off for the whole process (off: every buffer is
/// allocated and freed exactly, as tests that count bytes need).
pub fn set_enabled(on: bool) {
    DISABLED.store(!on, Ordering::Relaxed);
    if !on {
        release_all();
    }
}

/// The layout a pooled allocation of `bytes` uses (`None`: too small to
/// pool, or the pool is off), with `align` as the buffer's alignment.
pub fn class(bytes: usize, align: usize) -> Option<Layout> {
    if bytes < MIN_BYTES || !enabled() {
        return None;
    }
    Layout::from_size_align(bytes.checked_next_multiple_of(GRANULE)?, align).ok()
}

/// A kept block of exactly `layout`, if there is one. Its contents are
/// whatever its last array held (initialised memory).
pub fn take(layout: Layout) -> Option<NonNull<u8>> {
    let mut pool = POOL.lock().ok()?;
    let at = pool.blocks.iter().rposition(|b| b.layout == layout)?;
    Some(pool.blocks.swap_remove(at).ptr)
}

/// Keeps a block that [`class`] produced, or frees it when the pool is
/// full. The caller gives up `ptr`.
///
/// # Safety
/// `ptr` was allocated by the global allocator with `layout`, holds
/// initialised bytes and is not used by the caller afterwards.
pub unsafe fn put(ptr: NonNull<u8>, layout: Layout) {
    let pool = POOL.lock().ok().filter(|_| enabled());
    let Some(mut pool) = pool else {
        // SAFETY: the caller's contract.
        unsafe { std::alloc::dealloc(ptr.as_ptr(), layout) };
        return;
    };
    pool.blocks.push(Block {
        ptr,
        layout,
        freed: Instant::now(),
    });
    // Over the bounds, the oldest blocks go first.
    while pool.blocks.len() > MAX_BLOCKS
        || pool.blocks.iter().map(|b| b.layout.size()).sum::<usize>() > MAX_KEPT_BYTES
    {
        let oldest = pool.blocks.remove(0);
        free(oldest);
    }
    if !pool.reaper {
        crate::memory::set_reclaimer(release_all);
        pool.reaper = std::thread::Builder::new()
            .name("gradlab-pool".into())
            .spawn(reap)
            .is_ok();
    }
}

/// Gives every kept block back to the system (before a `MemoryError`).
/// Returns whether anything was freed.
pub fn release_all() -> bool {
    let Ok(mut pool) = POOL.lock() else {
        return false;
    };
    let blocks = std::mem::take(&mut pool.blocks);
    let any = !blocks.is_empty();
    blocks.into_iter().for_each(free);
    any
}

/// Bytes kept right now.
pub fn kept_bytes() -> usize {
    POOL.lock()
        .map(|p| p.blocks.iter().map(|b| b.layout.size()).sum())
        .unwrap_or(0)
}

fn free(b: Block) {
    // SAFETY: kept blocks were allocated with their layout (`put`'s
    // contract) and nobody else holds them.
    unsafe { std::alloc::dealloc(b.ptr.as_ptr(), b.layout) };
}

/// The reaper: wakes now and then and frees blocks idle for [`IDLE`].
fn reap() {
    loop {
        std::thread::sleep(IDLE / 2);
        let Ok(mut pool) = POOL.lock() else {
            return;
        };
        let now = Instant::now();
        let (old, young): (Vec<Block>, Vec<Block>) = std::mem::take(&mut pool.blocks)
            .into_iter()
            .partition(|b| now.duration_since(b.freed) >= IDLE);
        pool.blocks = young;
        drop(pool);
        old.into_iter().for_each(free);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_blocks_have_no_class_and_big_ones_round_to_huge_pages() {
        assert_eq!(class(MIN_BYTES - 1, 16), None);
        let l = class(MIN_BYTES + 1, 16).unwrap();
        assert_eq!(l.size(), GRANULE);
        assert_eq!(class(80_000_000, 16).unwrap().size() % GRANULE, 0);
    }

    #[test]
    fn a_kept_block_serves_the_next_request_of_its_class_only() {
        // A size no other test in this binary uses, so parallel tests
        // cannot take it.
        let layout = class(37 * GRANULE - 5, 16).unwrap();
        // SAFETY: a fresh zeroed allocation of `layout`, handed over.
        let p = NonNull::new(unsafe { std::alloc::alloc_zeroed(layout) }).unwrap();
        unsafe { put(p, layout) };
        let other = class(36 * GRANULE, 16).unwrap();
        assert_eq!(take(other), None);
        let got = take(layout).expect("the kept block");
        assert_eq!(got, p);
        // SAFETY: handed back to its allocator with its layout.
        unsafe { std::alloc::dealloc(got.as_ptr(), layout) };
    }
}
