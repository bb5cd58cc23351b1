//! Memory and sizes: one process-wide cap (`GRADLAB_MEMORY_LIMIT`) for
//! arrays, Python lists and strings and file buffers, raising what Python
//! and NumPy raise; `.npy` headers whose shapes or lengths overflow or lie;
//! endless and huge inputs; Ctrl-C during a huge allocation.
//!
//! Expected outputs come from Python 3.11 + NumPy 2.4.6:
//! `tests/fixtures/gen_memory_cases.py` (the same statements under an
//! address-space limit), `gen_memory_sizes.py`, `gen_npy_limits.py`.
//! The binary is spawned for the cap (its counting allocator is the one
//! that matters); this test binary installs the same allocator to check
//! the accounting itself.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use gradlab::eval::{ErrorKind, Event, Session};
use gradlab::memory;
use serde_json::Value as Json;

#[global_allocator]
static ALLOC: memory::Counting = memory::Counting;

/// Every test here takes this lock: the counting test measures the
/// process-wide live bytes, and the others allocate in this process too
/// (a 50 MB file read back, a huge list), so none may run beside it.
static IN_PROCESS: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn in_process() -> std::sync::MutexGuard<'static, ()> {
    IN_PROCESS.lock().unwrap_or_else(|e| e.into_inner())
}

fn fixture(name: &str) -> Vec<Json> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn scratch(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("gradlab-memory-{name}-"))
        .tempdir()
        .unwrap()
}

/// `gradlab -c STATEMENTS --json` under a memory cap: its output, and
/// the child's peak resident memory in bytes.
#[allow(clippy::zombie_processes)] // reaped by wait4, which reports its rusage
fn run_capped_raw(cap: &str, statements: &str, dir: &Path) -> (String, u64) {
    // Freed heap goes back to the system first: the forked child's peak
    // starts at this process's resident size.
    // SAFETY: malloc_trim only releases free memory; no pointers change.
    unsafe {
        libc::malloc_trim(0);
    }
    let mut command = Command::new(env!("CARGO_BIN_EXE_gradlab"));
    // A no-op pre_exec makes std fork instead of vfork (posix_spawn). After
    // a vfork the exec'd child's ru_maxrss starts at this test process's
    // own high-water mark (the kernel carries the old mm's peak over at
    // exec), so an earlier test's 50 MB read showed up as the child's peak;
    // after a fork it starts at this process's current, small, RSS.
    // SAFETY: the closure calls nothing, so it is async-signal-safe.
    unsafe {
        std::os::unix::process::CommandExt::pre_exec(&mut command, || Ok(()));
    }
    let child = command
        .args(["-c", statements, "--json"])
        .env("GRADLAB_MEMORY_LIMIT", cap)
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id() as libc::pid_t;
    let out = read_all(child.stdout.unwrap());
    let err = read_all(child.stderr.unwrap());
    // wait4, not Child::wait: the rusage of this child alone
    let mut status = 0;
    // SAFETY: zeroed rusage is valid; both pointers are valid for writes.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(r, pid);
    assert!(err.is_empty(), "stderr: {err}");
    (out, usage.ru_maxrss as u64 * 1024)
}

/// `gradlab -c STATEMENTS --json` under a memory cap: the JSON events,
/// and the child's peak resident memory in bytes.
fn run_capped(cap: &str, statements: &str, dir: &Path) -> (Vec<Json>, u64) {
    let (out, peak) = run_capped_raw(cap, statements, dir);
    let events = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    (events, peak)
}

/// The peak resident memory of a run that does nothing: the program's
/// own code and tables (twice as much in a debug build as in release).
fn baseline(dir: &Path) -> u64 {
    run_capped_raw("1G", "a = 1", dir).1
}

fn read_all(mut r: impl std::io::Read) -> String {
    let mut s = String::new();
    r.read_to_string(&mut s).unwrap();
    s
}

/// What an event shows, as the fixtures write it: `Type: message`, `Type`
/// for an empty message, or the value of an int.
fn shown(e: &Json) -> String {
    if let Some(err) = e.get("error") {
        let (t, m) = (
            err["type"].as_str().unwrap(),
            err["message"].as_str().unwrap(),
        );
        return if m.is_empty() {
            t.into()
        } else {
            format!("{t}: {m}")
        };
    }
    e["value"]["value"].to_string()
}

#[test]
fn sizes_in_memory_errors_are_numpys() {
    let _alone = in_process();
    for case in fixture("memory_sizes.jsonl") {
        let bytes = case["bytes"].as_u64().unwrap() as usize;
        assert_eq!(memory::size_string(bytes), case["shown"], "{bytes} bytes");
    }
}

#[test]
fn the_counting_allocator_tracks_live_bytes() {
    let _alone = in_process();
    const MB64: usize = 64 << 20;
    let before = memory::in_use();
    let v: Vec<u8> = vec![1; MB64];
    let during = memory::in_use();
    assert!(during >= before + MB64 - (8 << 20), "{before} → {during}");
    // more than the cap can hold beside what is live
    assert!(memory::reserve(memory::limit() - during + (32 << 20)).is_err());
    assert!(memory::reserve(1 << 20).is_ok());
    drop(v);
    let after = memory::in_use();
    assert!(during >= after + MB64 - (8 << 20), "{during} → {after}");
}

/// Python lists and strings, several arrays, and a failure in the middle:
/// one cap for all, the session going on after each `MemoryError`.
#[test]
fn one_cap_covers_lists_strings_and_arrays() {
    let _alone = in_process();
    let cases = fixture("memory_cases.jsonl");
    let budget = cases[0]["budget"].as_u64().unwrap();
    let stmts: Vec<&str> = cases[1..]
        .iter()
        .map(|c| c["stmt"].as_str().unwrap())
        .collect();
    let dir = scratch("cases");
    let (events, peak) = run_capped(&budget.to_string(), &stmts.join("\n"), dir.path());
    for (i, case) in cases[1..].iter().enumerate() {
        let line = i as u64 + 1;
        let got = events
            .iter()
            .find(|e| e["line"] == line)
            .map(shown)
            .unwrap_or_default();
        assert_eq!(got, case["shown"], "line {line}: {}", case["stmt"]);
    }
    assert!(peak < budget + (64 << 20), "peak {peak} bytes");
}

/// A `.npy` header that overflows, lies about its length or asks for the
/// impossible raises what NumPy raises, allocating nothing it cannot hold.
#[test]
fn npy_headers_with_absurd_sizes_raise_numpys_errors() {
    let _alone = in_process();
    let dir = scratch("npy");
    let path = dir.path().join("case.npy");
    for case in fixture("npy_limits.jsonl") {
        let name = case["name"].as_str().unwrap();
        let hex = case["hex"].as_str().unwrap();
        let bytes: Vec<u8> = (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
            .collect();
        std::fs::write(&path, bytes).unwrap();
        let got = match gradlab::io::load_npy_with_warnings(&path) {
            Ok(l) => {
                let dims: Vec<String> = l.array.shape().iter().map(|d| d.to_string()).collect();
                let tuple = match dims.len() {
                    1 => format!("({},)", dims[0]),
                    _ => format!("({})", dims.join(", ")),
                };
                let ws: Vec<String> = l
                    .warnings
                    .iter()
                    .map(|w| format!("{}: {}", w.category, w.message))
                    .collect();
                assert_eq!(ws, case["warnings"].as_array().unwrap().clone(), "{name}");
                format!("{tuple} {}", l.array.dtype().name())
            }
            Err(e) => e.to_string(),
        };
        assert_eq!(got, case["shown"], "{name}");
    }
}

/// Writes `content` into a new FIFO at `path` from a thread, over and over
/// until the reader goes away (or `total` bytes, when given). The FIFO is
/// private to the test: the machine's devices are never used.
fn feed_fifo(path: &Path, head: Vec<u8>, body: Vec<u8>) -> std::thread::JoinHandle<u64> {
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a valid path; mkfifo has no other preconditions.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let path = path.to_path_buf();
    std::thread::spawn(move || {
        // Blocks until the reader opens it; gives up if none comes.
        let deadline = Instant::now() + Duration::from_secs(60);
        let mut f = loop {
            use std::os::unix::fs::OpenOptionsExt;
            match std::fs::OpenOptions::new()
                .write(true)
                .custom_flags(libc::O_NONBLOCK)
                .open(&path)
            {
                Ok(f) => break f,
                Err(_) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(5)),
                Err(e) => panic!("no reader for the FIFO: {e}"),
            }
        };
        // back to blocking writes
        // SAFETY: a valid descriptor; F_SETFL with flags 0 clears O_NONBLOCK.
        unsafe { libc::fcntl(std::os::fd::AsRawFd::as_raw_fd(&f), libc::F_SETFL, 0) };
        let mut sent = 0u64;
        if f.write_all(&head).is_err() {
            return sent;
        }
        while f.write_all(&body).is_ok() {
            sent += body.len() as u64;
        }
        sent
    })
}

/// Endless input, as from `/dev/zero` (here a private FIFO fed with NUL
/// bytes, or an `.npy` header followed by endless data): a `MemoryError`
/// at the cap instead of reading until the machine runs out.
#[test]
fn endless_inputs_stop_at_the_cap() {
    let _alone = in_process();
    let cap = 32u64 << 20;
    let npy_head = {
        let h = b"{'descr': '<f8', 'fortran_order': False, 'shape': (-1,), }";
        let mut v = b"\x93NUMPY\x01\x00".to_vec();
        let len = 128 - 10;
        v.extend((len as u16).to_le_bytes());
        v.extend(h);
        v.resize(127, b' ');
        v.push(b'\n');
        v
    };
    for (call, head) in [
        ("np.loadtxt('zeros')", vec![]),
        ("np.genfromtxt('zeros')", vec![]),
        ("np.load('zeros')", npy_head),
    ] {
        let dir = scratch("fifo");
        let writer = feed_fifo(&dir.path().join("zeros"), head, vec![0u8; 1 << 16]);
        let (events, peak) = run_capped(&cap.to_string(), call, dir.path());
        let sent = writer.join().unwrap();
        assert_eq!(events.len(), 1, "{call}: {events:?}");
        assert_eq!(shown(&events[0]), "MemoryError", "{call}");
        assert!(sent >= cap / 4, "{call}: read only {sent} bytes");
        assert!(peak < cap + (48 << 20), "{call}: peak {peak} bytes");
    }
}

/// Text readers stream: a file larger than the cap whose values fit loads;
/// one whose values do not is a `MemoryError`, with memory near the cap.
#[test]
fn loadtxt_streams_files_larger_than_the_cap() {
    let _alone = in_process();
    let dir = scratch("big");
    // 40 MiB of text, 10 MiB of values: more text than the 16 MiB cap
    let line = format!("{:>31}\n", "1.5");
    let rows = (40 << 20) / line.len();
    let mut f =
        std::io::BufWriter::new(std::fs::File::create(dir.path().join("long.txt")).unwrap());
    for _ in 0..rows {
        f.write_all(line.as_bytes()).unwrap();
    }
    f.flush().unwrap();
    drop(f);
    // 96 MiB of values: more than the cap
    let row = "1,2,3,4,5,6,7,8\n";
    let rows_wide = (24 << 20) / row.len();
    let mut f =
        std::io::BufWriter::new(std::fs::File::create(dir.path().join("wide.csv")).unwrap());
    for _ in 0..rows_wide {
        f.write_all(row.as_bytes()).unwrap();
    }
    f.flush().unwrap();
    drop(f);
    let (events, peak) = run_capped(
        "16M",
        "a = np.loadtxt('long.txt')\na.size\nb = np.loadtxt('wide.csv', delimiter=',')\na.size",
        dir.path(),
    );
    let shown: Vec<(u64, String)> = events
        .iter()
        .map(|e| (e["line"].as_u64().unwrap(), shown(e)))
        .collect();
    assert_eq!(
        shown,
        [
            (2, rows.to_string()),
            (3, "MemoryError".into()),
            (4, rows.to_string())
        ]
    );
    assert!(peak < 48 << 20, "peak {peak} bytes");
}

/// Ctrl-C while `[0] * n` fills a huge list stops it, and the assignment
/// does not happen (the REPL's SIGINT handler raises the same flag).
#[test]
fn an_interrupted_huge_list_assigns_nothing() {
    let _alone = in_process();
    let mut s = Session::new();
    let stop = std::sync::Arc::new(AtomicBool::new(false));
    let flag = stop.clone();
    let ctrl_c = std::thread::spawn(move || {
        while !flag.load(Ordering::Relaxed) {
            std::thread::sleep(Duration::from_millis(20));
            gradlab::engine::limits::interrupt();
        }
    });
    let started = Instant::now();
    let out = s.run_chunk("x = [0] * (10**8)");
    let took = started.elapsed();
    stop.store(true, Ordering::Relaxed);
    ctrl_c.join().unwrap();
    let kinds: Vec<ErrorKind> = out[0]
        .events
        .iter()
        .filter_map(|e| match e {
            Event::Error(e) => Some(e.kind),
            _ => None,
        })
        .collect();
    assert_eq!(kinds, [ErrorKind::KeyboardInterrupt], "after {took:?}");
    assert!(s.get("x").is_none());
    let out = s.run_chunk("x");
    assert!(matches!(&out[0].events[0], Event::Error(e) if e.kind == ErrorKind::NameError));
}

/// `np.savetxt` streams values out of the array's buffer: writing a 16 MB
/// array holds no per-value copy of it (a `Vec` of Python values would be
/// two to three times the array).
/// `--json` streams a big array: a tree of JSON values for 3·10^6 floats
/// would take ~400 MB; the stream needs the array and a buffer.
#[test]
fn json_of_a_big_array_streams() {
    let _alone = in_process();
    let dir = scratch("json");
    let (out, peak) = run_capped_raw("1G", "np.zeros(3 * 10**6)", dir.path());
    assert!(
        out.contains("\"shape\":[3000000],\"data\":[0.0,0.0,"),
        "{}",
        &out[..200]
    );
    let base = baseline(dir.path());
    assert!(
        peak < base + (96 << 20),
        "peak {peak} bytes for a 24 MB array (a bare run: {base})"
    );
}

#[test]
fn savetxt_streams_from_the_buffer() {
    let _alone = in_process();
    let dir = scratch("savetxt");
    let (events, peak) = run_capped(
        "1G",
        "a = np.linspace(0, 1, 2000000)\nnp.savetxt('a.txt', a)",
        dir.path(),
    );
    assert!(
        events.iter().all(|e| e.get("error").is_none()),
        "{events:?}"
    );
    let text = std::fs::read_to_string(dir.path().join("a.txt")).unwrap();
    // NumPy's '%.18e' rows: 24 characters and a newline each.
    assert_eq!(text.len(), 2_000_000 * 25);
    assert_eq!(&text[..25], "0.000000000000000000e+00\n");
    let base = baseline(dir.path());
    assert!(
        peak < base + ((16 + 16) << 20),
        "peak {peak} bytes for a 16 MB array (a bare run: {base})"
    );
}
