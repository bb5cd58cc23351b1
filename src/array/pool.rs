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
//!
//! Small blocks (at most [`SMALL_MAX_BYTES`]) are kept too, per thread and
//! at exact size, a few at a time ([`SMALL_MAX_BLOCKS`]): a `%timeit` of
//! `np.diff(a)` on 1,000 floats otherwise has `calloc` zero its 8 KB result
//! again on every loop, the largest cost of the statement besides the
//! kernel. They are bounded to [`SMALL_MAX_BLOCKS`] x [`SMALL_MAX_BYTES`]
//! per thread, so they need no reaper.

use std::alloc::Layout;
use std::ptr::NonNull;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

/// Blocks between [`SMALL_MAX_BYTES`] and this go straight to the
/// allocator.
pub const MIN_BYTES: usize = 1 << 20;
/// The largest block kept per thread at its exact size.
pub const SMALL_MAX_BYTES: usize = 64 << 10;
/// Most small blocks kept per thread.
const SMALL_MAX_BLOCKS: usize = 8;
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
    if (bytes > SMALL_MAX_BYTES && bytes < MIN_BYTES) || !enabled() {
        return None;
    }
    if bytes <= SMALL_MAX_BYTES {
        return Layout::from_size_align(bytes, align).ok();
    }
    Layout::from_size_align(bytes.checked_next_multiple_of(GRANULE)?, align).ok()
}

/// A kept block of exactly `layout`, if there is one. Its contents are
/// whatever its last array held (initialised memory).
pub fn take(layout: Layout) -> Option<NonNull<u8>> {
    if layout.size() <= SMALL_MAX_BYTES {
        return SMALL
            .try_with(|kept| {
                let mut kept = kept.borrow_mut();
                let at = kept.0.iter().rposition(|&(_, l)| l == layout)?;
                Some(kept.0.swap_remove(at).0)
            })
            .ok()
            .flatten();
    }
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
    if layout.size() <= SMALL_MAX_BYTES {
        // SAFETY: the caller's contract.
        unsafe { put_small(ptr, layout) };
        return;
    }
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

/// Small blocks kept by this thread, freed with it.
struct SmallKept(Vec<(NonNull<u8>, Layout)>);

impl Drop for SmallKept {
    fn drop(&mut self) {
        for (ptr, layout) in self.0.drain(..) {
            // SAFETY: kept blocks were allocated with their layout and
            // nobody else holds them.
            unsafe { std::alloc::dealloc(ptr.as_ptr(), layout) };
        }
    }
}

thread_local! {
    static SMALL: std::cell::RefCell<SmallKept> =
        const { std::cell::RefCell::new(SmallKept(Vec::new())) };
}

/// [`put`] for a small block: kept by this thread, the oldest freed when
/// more than [`SMALL_MAX_BLOCKS`] are kept.
///
/// # Safety
/// As [`put`].
unsafe fn put_small(ptr: NonNull<u8>, layout: Layout) {
    let dealloc = |ptr: NonNull<u8>, layout: Layout| {
        // SAFETY: the caller's contract (or a kept block, likewise).
        unsafe { std::alloc::dealloc(ptr.as_ptr(), layout) };
    };
    if !enabled() {
        dealloc(ptr, layout);
        return;
    }
    let oldest = SMALL.try_with(|kept| {
        let mut kept = kept.borrow_mut();
        kept.0.push((ptr, layout));
        (kept.0.len() > SMALL_MAX_BLOCKS).then(|| kept.0.remove(0))
    });
    match oldest {
        Ok(Some((p, l))) => dealloc(p, l),
        Ok(None) => {}
        // The thread is ending: nothing is kept any more.
        Err(_) => dealloc(ptr, layout),
    }
}

/// Gives every kept block back to the system (before a `MemoryError`):
/// the big ones, and this thread's small ones. Returns whether anything
/// was freed.
pub fn release_all() -> bool {
    let small = SMALL
        .try_with(|kept| std::mem::take(&mut kept.borrow_mut().0))
        .unwrap_or_default();
    let any_small = !small.is_empty();
    drop(SmallKept(small));
    let Ok(mut pool) = POOL.lock() else {
        return any_small;
    };
    let blocks = std::mem::take(&mut pool.blocks);
    let any = !blocks.is_empty();
    blocks.into_iter().for_each(free);
    any || any_small
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
    fn middle_blocks_have_no_class_and_big_ones_round_to_huge_pages() {
        assert_eq!(class(MIN_BYTES - 1, 16), None);
        assert_eq!(class(SMALL_MAX_BYTES + 1, 16), None);
        assert_eq!(class(8000, 16).unwrap().size(), 8000);
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

    #[test]
    fn a_small_block_is_kept_by_its_thread_at_its_exact_size() {
        let layout = class(8008, 16).unwrap();
        // SAFETY: a fresh zeroed allocation of `layout`, handed over.
        let p = NonNull::new(unsafe { std::alloc::alloc_zeroed(layout) }).unwrap();
        unsafe { put(p, layout) };
        assert_eq!(take(class(8016, 16).unwrap()), None);
        let other = std::thread::spawn(move || take(layout).map(|p| p.as_ptr() as usize));
        assert_eq!(other.join().unwrap(), None);
        let got = take(layout).expect("the kept block");
        assert_eq!(got, p);
        assert_eq!(take(layout), None);
        // SAFETY: handed back to its allocator with its layout.
        unsafe { std::alloc::dealloc(got.as_ptr(), layout) };
    }

    #[test]
    fn a_thread_keeps_few_small_blocks() {
        let layout = class(4104, 16).unwrap();
        let blocks: Vec<_> = (0..SMALL_MAX_BLOCKS + 3)
            // SAFETY: fresh zeroed allocations of `layout`.
            .map(|_| NonNull::new(unsafe { std::alloc::alloc_zeroed(layout) }).unwrap())
            .collect();
        // SAFETY: each handed over once.
        blocks.iter().for_each(|&p| unsafe { put(p, layout) });
        let mut back = 0;
        while let Some(p) = take(layout) {
            back += 1;
            // SAFETY: handed back to its allocator with its layout.
            unsafe { std::alloc::dealloc(p.as_ptr(), layout) };
        }
        assert_eq!(back, SMALL_MAX_BLOCKS);
    }
}
