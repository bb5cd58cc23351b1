//! The floating-point status NumPy's ufuncs report: divide by zero,
//! overflow, underflow and invalid.
//!
//! As NumPy does, a kernel's flags come from the CPU's sticky status
//! register (MXCSR on x86-64, FPSR on AArch64), cleared before the loop
//! and read after it — free inside the vectorised loop, one register read
//! per operation. Work that [`par::for_chunks`](super::par::for_chunks)
//! hands to another thread raises flags in *that* thread's register, so
//! each chunk run there publishes its flags into one process-wide word
//! that [`take`] also drains. Integer kernels that NumPy reports (division
//! by zero, scalar overflow) [`raise`] the flag themselves.
//!
//! ```
//! use gradlab::array::fpe::{self, Flags};
//! fpe::clear();
//! let x = std::hint::black_box(0.0f64);
//! let _ = std::hint::black_box(1.0 / x);
//! assert_eq!(fpe::take(), Flags::DIVIDE);
//! ```

use std::sync::atomic::{AtomicU8, Ordering};

/// A set of floating-point exceptions, in NumPy's order of reporting
/// (divide, over, under, invalid).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Flags(u8);

impl Flags {
    pub const NONE: Flags = Flags(0);
    pub const DIVIDE: Flags = Flags(1);
    pub const OVERFLOW: Flags = Flags(2);
    pub const UNDERFLOW: Flags = Flags(4);
    pub const INVALID: Flags = Flags(8);

    /// Whether every flag of `other` is set.
    pub fn contains(self, other: Flags) -> bool {
        self.0 & other.0 == other.0 && other.0 != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The flags of both.
    pub fn union(self, other: Flags) -> Flags {
        Flags(self.0 | other.0)
    }
}

/// Flags raised by chunks that ran on other threads, not yet taken.
static OTHER_THREADS: AtomicU8 = AtomicU8::new(0);

#[cfg(target_arch = "x86_64")]
mod register {
    use super::Flags;

    fn read() -> u32 {
        let mut csr: u32 = 0;
        // SAFETY: stmxcsr stores the 32-bit MXCSR into the given location.
        unsafe {
            std::arch::asm!("stmxcsr [{}]", in(reg) &mut csr, options(nostack, preserves_flags));
        }
        csr
    }

    fn write(csr: u32) {
        // SAFETY: ldmxcsr loads MXCSR; only the sticky status bits (0..6)
        // are changed, never the masks or the rounding mode.
        unsafe {
            std::arch::asm!("ldmxcsr [{}]", in(reg) &csr, options(nostack, readonly, preserves_flags));
        }
    }

    /// IE, ZE, OE, UE: the flags NumPy reports. PE (inexact, raised by
    /// nearly every operation) and DE (denormal operand) are left as they
    /// are: clearing them too had every clear write MXCSR, which is slower
    /// than reading it.
    const STATUS: u32 = 0b1_1101;

    /// The flags raised, then [`clear`], reading the register once.
    pub fn take() -> Flags {
        let csr = read();
        if csr & STATUS != 0 {
            write(csr & !STATUS);
        }
        flags(csr)
    }

    fn flags(csr: u32) -> Flags {
        let mut f = Flags::NONE;
        if csr & 4 != 0 {
            f = f.union(Flags::DIVIDE);
        }
        if csr & 8 != 0 {
            f = f.union(Flags::OVERFLOW);
        }
        if csr & 16 != 0 {
            f = f.union(Flags::UNDERFLOW);
        }
        if csr & 1 != 0 {
            f = f.union(Flags::INVALID);
        }
        f
    }

    pub fn clear() {
        let csr = read();
        // Writing MXCSR is slower than reading it: skip it when clean.
        if csr & STATUS != 0 {
            write(csr & !STATUS);
        }
    }
}

#[cfg(target_arch = "aarch64")]
mod register {
    use super::Flags;

    fn read() -> u64 {
        let fpsr: u64;
        // SAFETY: reading FPSR has no side effects.
        unsafe {
            std::arch::asm!("mrs {}, fpsr", out(reg) fpsr, options(nomem, nostack, preserves_flags));
        }
        fpsr
    }

    pub fn test() -> Flags {
        let s = read();
        let mut f = Flags::NONE;
        if s & 2 != 0 {
            f = f.union(Flags::DIVIDE);
        }
        if s & 4 != 0 {
            f = f.union(Flags::OVERFLOW);
        }
        if s & 8 != 0 {
            f = f.union(Flags::UNDERFLOW);
        }
        if s & 1 != 0 {
            f = f.union(Flags::INVALID);
        }
        f
    }

    pub fn take() -> Flags {
        let f = test();
        clear();
        f
    }

    pub fn clear() {
        let s = read();
        if s & 0x1f != 0 {
            // SAFETY: only FPSR's cumulative exception bits are cleared.
            unsafe {
                std::arch::asm!("msr fpsr, {}", in(reg) s & !0x1f, options(nomem, nostack, preserves_flags));
            }
        }
    }
}

#[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
mod register {
    //! No status register read on this target: only explicitly raised
    //! flags are reported.
    use super::Flags;
    pub fn take() -> Flags {
        Flags::NONE
    }
    pub fn clear() {}
}

/// Forgets every flag raised so far (on this thread and by chunks that
/// other threads ran): call before a kernel.
pub fn clear() {
    register::clear();
    OTHER_THREADS.store(0, Ordering::Relaxed);
}

/// The flags raised since [`clear`] (here and in chunks run elsewhere),
/// clearing them.
pub fn take() -> Flags {
    register::take().union(take_other_threads())
}

/// The flags other threads published, cleared. Read first: the swap, a
/// locked instruction, is needed only when a chunk elsewhere raised one.
fn take_other_threads() -> Flags {
    if OTHER_THREADS.load(Ordering::Relaxed) == 0 {
        return Flags::NONE;
    }
    Flags(OTHER_THREADS.swap(0, Ordering::Relaxed))
}

/// The flags raised on this thread since its register was last cleared,
/// clearing them; not those other threads published. For a kernel that
/// tells apart the flags of each of its operations
/// ([`fused`](super::fused)): it takes them after each one.
pub fn take_here() -> Flags {
    register::take()
}

/// Raises `flags` as a kernel that found them itself (integer division by
/// zero, integer scalar overflow) reports them.
pub fn raise(flags: Flags) {
    OTHER_THREADS.fetch_or(flags.0, Ordering::Relaxed);
}

/// Runs `f` as a piece of a kernel that may be on a worker thread: the
/// flags it raises there are published for [`take`] on the calling thread.
/// On the thread that called [`clear`] this is just `f()`.
pub fn on_worker<R>(f: impl FnOnce() -> R) -> R {
    if rayon::current_thread_index().is_none() {
        return f();
    }
    register::clear();
    let r = f();
    let got = register::take();
    if !got.is_empty() {
        OTHER_THREADS.fetch_or(got.0, Ordering::Relaxed);
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hint::black_box;

    /// An operation, its input, and the flags it must raise.
    type Case = (fn(f64) -> f64, f64, Flags);

    /// Flags raised on other threads meet in one process-wide word, so
    /// these tests take turns.
    static ALONE: std::sync::Mutex<()> = std::sync::Mutex::new(());

    #[test]
    fn each_kind_is_seen_and_taking_clears_it() {
        let _alone = ALONE.lock().unwrap_or_else(|e| e.into_inner());
        let cases: &[Case] = &[
            (|x| 1.0 / x, 0.0, Flags::DIVIDE),
            (|x| x * x, 1e300, Flags::OVERFLOW),
            (|x| x * x, 1e-300, Flags::UNDERFLOW),
            (|x| x / x, 0.0, Flags::INVALID),
            (f64::sqrt, -1.0, Flags::INVALID),
            (f64::ln, 0.0, Flags::DIVIDE),
            (|x| x + 1.0, 2.0, Flags::NONE),
        ];
        for &(f, x, want) in cases {
            clear();
            black_box(f(black_box(x)));
            let got = take();
            // Underflow of a tiny product also sets nothing else.
            assert_eq!(got, want, "{x}");
            assert!(take().is_empty());
        }
    }

    #[test]
    fn raised_and_worker_flags_are_taken_once() {
        let _alone = ALONE.lock().unwrap_or_else(|e| e.into_inner());
        clear();
        raise(Flags::DIVIDE);
        let r = rayon::join(|| on_worker(|| black_box(black_box(1e308f64) * 10.0)), || 0);
        black_box(r);
        let got = take();
        assert!(
            got.contains(Flags::DIVIDE) && got.contains(Flags::OVERFLOW),
            "{got:?}"
        );
        assert!(take().is_empty());
    }
}
