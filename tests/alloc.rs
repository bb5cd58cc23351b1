//! No hidden copies: a counting global allocator measures the bytes each
//! statement allocates. Views and bindings allocate nothing array-sized;
//! computations allocate their output and a small constant more.
//!
//! Counting is per thread (the test harness runs tests on several threads),
//! and bytes, not times, are what is asserted.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use gradlab::eval::{Event, Session};

struct Counting;

thread_local! {
    static BYTES: Cell<usize> = const { Cell::new(0) };
    static LARGEST: Cell<usize> = const { Cell::new(0) };
}

fn count(size: usize) {
    // `try_with`: a thread's own teardown may allocate after its TLS died.
    let _ = BYTES.try_with(|b| b.set(b.get() + size));
    let _ = LARGEST.try_with(|l| l.set(l.get().max(size)));
}

// SAFETY: every call is forwarded unchanged to the system allocator; the
// counters are plain thread-local cells that never allocate.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(new_size.saturating_sub(layout.size()));
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Elements of the test arrays: 8 MB of float64.
const N: usize = 1_000_000;
const MB8: usize = N * 8;
/// What a statement may allocate besides its result: parsing, events,
/// shapes and strides, a lane of scratch.
const SLACK: usize = 256 << 10;

/// Runs `stmt` and returns (total bytes allocated, largest allocation).
fn measure(s: &mut Session, stmt: &str) -> (usize, usize) {
    BYTES.with(|b| b.set(0));
    LARGEST.with(|l| l.set(0));
    let cells = s.run_chunk(stmt);
    let (bytes, largest) = (BYTES.with(Cell::get), LARGEST.with(Cell::get));
    for c in &cells {
        for e in &c.events {
            assert!(!matches!(e, Event::Error(_)), "{stmt}: {e:?}");
        }
    }
    (bytes, largest)
}

fn session() -> Session {
    // Exact accounting: no warm reuse of freed blocks (shared by the
    // test threads) and no rounding up to huge pages.
    gradlab::array::pool::set_enabled(false);
    let mut s = Session::new();
    s.run_chunk(&format!(
        "a = np.linspace(0, 1, {N}); b = np.linspace(1, 2, {N}); \
         m = np.linspace(0, 1, {N}).reshape(1000, 1000)"
    ));
    s
}

#[test]
fn views_and_bindings_allocate_nothing_array_sized() {
    let mut s = session();
    for stmt in [
        "c = a",
        "v = a[1:-1]",
        "w = a[::-3]",
        "t = m.T",
        "r = a.reshape(1000, 1000)",
        "k = m[:, 5]",
        "e = a[...]",
        "p = np.asarray(a)",
        "q = m.ravel()",
        "n = len(a)",
        "s0 = a.sum()",
        "x0 = a.max()",
        "d0 = np.diff(a, n=0)",
        "v[0] = 5.0",
        "a[1:3] = 0",
    ] {
        let (bytes, largest) = measure(&mut s, stmt);
        assert!(bytes < SLACK, "{stmt}: {bytes} bytes (largest {largest})");
    }
    // The binding and the views saw the writes (`v[0]` is `a[1]`).
    assert_eq!(
        shown(&mut s, "(c[1], v[0], r[0, 2], c[3] == v[2], e[2])"),
        "(np.float64(0.0), np.float64(0.0), np.float64(0.0), np.True_, np.float64(0.0))"
    );
}

/// The repr of the value `expr` shows.
fn shown(s: &mut Session, expr: &str) -> String {
    let cells = s.run_chunk(expr);
    let v = cells[0]
        .events
        .iter()
        .find_map(|e| match e {
            Event::Value(v) => Some(v.clone()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("{expr}: no value"));
    s.repr(&v)
}

#[test]
fn computations_allocate_their_output_only() {
    let mut s = session();
    for (stmt, output) in [
        ("g = np.gradient(a)", MB8),
        ("g = np.gradient(a, 0.5, edge_order=2)", MB8),
        ("d = np.diff(a)", MB8 - 8),
        ("y = a + 1.0", MB8),
        ("y = 2 * a", MB8),
        ("y = a * b", MB8),
        ("y = a[::2] - b[1::2]", MB8 / 2),
        ("y = -a", MB8),
        ("y = a > 0.5", N),
        ("y = np.sqrt(a)", MB8),
        ("g = np.gradient(a[::-2])", MB8 / 2),
        ("d = np.diff(a[::2])", MB8 / 2 - 8),
        ("gm = np.gradient(m, axis=1)", MB8),
        ("gt = np.gradient(m.T, axis=0)", MB8),
        ("dm = np.diff(m, axis=0)", MB8 - 8000),
        ("gx, gy = np.gradient(m)", 2 * MB8),
        ("z = a.copy()", MB8),
        ("z = np.array(a)", MB8),
    ] {
        let (bytes, largest) = measure(&mut s, stmt);
        assert!(
            bytes <= output + SLACK,
            "{stmt}: {bytes} bytes for a {output}-byte output (largest {largest})"
        );
        assert!(
            bytes >= output,
            "{stmt}: {bytes} bytes, less than its output"
        );
    }
}
