//! One input through everything a user's text can reach: the script
//! parser, the evaluator, and every renderer (transcript, JSON lines,
//! `--check`, `--bless` read back, the exports). Shared by the libFuzzer
//! target (`tests/fuzz/fuzz_targets/session.rs`) and the stable proptest
//! generator (`tests/fuzz_statements.rs`).
//!
//! It panics on what a user must never see: a panic inside gradlab (the
//! evaluator turns those into `SystemError`), a JSON line that is not JSON,
//! or a recorded output that `--check` reads back differently. Writes are
//! off, memory is capped at 256 MiB and each input gets a time budget after
//! which it is interrupted like Ctrl-C, so slow inputs stop instead of
//! hanging the fuzzer.

#![allow(dead_code)]

use std::sync::Once;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use gradlab::engine::limits;
use gradlab::eval::{ErrorKind, Event, Session};
use gradlab::notebook::{self, CellKind, json, transcript};
use gradlab::script::Script;

/// Milliseconds since `EPOCH` after which the running input is interrupted
/// (0: none running).
static DEADLINE_MS: AtomicU64 = AtomicU64::new(0);

fn epoch() -> Instant {
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    *START.get_or_init(Instant::now)
}

/// Caps memory and starts the watchdog that raises the interrupt flag
/// (as the REPL's Ctrl-C handler does) once an input overruns its budget.
fn init() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        gradlab::memory::set_limit(256 << 20);
        epoch();
        std::thread::spawn(|| {
            loop {
                std::thread::sleep(Duration::from_millis(5));
                let deadline = DEADLINE_MS.load(Ordering::Relaxed);
                if deadline != 0 && epoch().elapsed().as_millis() as u64 > deadline {
                    limits::interrupt();
                }
            }
        });
    });
}

/// Inputs that would read the machine's devices or files (a FIFO or
/// `/dev/stdin` would block; the fuzzer cannot create files to read).
fn reads_the_machine(src: &str) -> bool {
    let lower = src.to_ascii_lowercase();
    [
        "/dev", "/proc", "/sys", "stdin", "\\x2f", "\\u002f", "\\057", "chr(",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// Runs `src` as a script through every renderer, checking what must hold
/// for any input. `budget` bounds the evaluation time.
pub fn exercise(src: &str, budget: Duration) {
    init();
    if reads_the_machine(src) {
        return;
    }
    // `%cd` changes the process's folder; libFuzzer writes its corpus by
    // relative paths, so every input starts and ends where the fuzzer is.
    struct Back(Option<std::path::PathBuf>);
    impl Drop for Back {
        fn drop(&mut self) {
            if let Some(dir) = &self.0 {
                let _ = std::env::set_current_dir(dir);
            }
        }
    }
    let _back = Back(std::env::current_dir().ok());
    let script = Script::parse(src);
    let mut session = Session::new();
    session.allow_write = false;
    let deadline = epoch().elapsed() + budget;
    DEADLINE_MS.store(deadline.as_millis().max(1) as u64, Ordering::Relaxed);
    let mut after_prose = false;
    let mut rendered = 0usize;
    let cells = notebook::run_script(&mut session, &script, |s, cell| {
        rendered += transcript::render_cell(s, cell, after_prose).len();
        after_prose = matches!(cell.kind, CellKind::Prose(_));
        for line in json::cell_lines(s, cell) {
            assert!(!line.contains('\n'), "a JSON event spans lines: {line}");
            let parsed: Result<serde_json::Value, _> = serde_json::from_str(&line);
            assert!(parsed.is_ok(), "not JSON: {line}");
        }
    });
    DEADLINE_MS.store(0, Ordering::Relaxed);
    limits::clear_interrupt();
    let mut syntax_error = false;
    for cell in &cells {
        for e in cell.events() {
            if let Event::Error(e) = e {
                assert_ne!(e.kind, ErrorKind::SystemError, "{src:?}: {}", e.message);
                syntax_error |= e.kind.is_a(ErrorKind::SyntaxError);
            }
        }
    }
    // `--check` against the script's own `#>` lines.
    let mut diff = Vec::new();
    let _ = gradlab::notebook::check::check(&session, &script, &cells, "fuzz", &mut diff);
    // What `--bless` records, `--check` reads back unchanged (unless the
    // script does not parse: after an unclosed bracket the `#>` lines are
    // comments inside the statement, as in Python).
    let outputs: Vec<Option<String>> = cells
        .iter()
        .map(|c| match c.kind {
            CellKind::Prose(_) => None,
            CellKind::Code { .. } => notebook::output_text(&session, c),
        })
        .collect();
    let blessed = Script::parse(&script.blessed(src, &outputs));
    if !syntax_error {
        assert_eq!(blessed.items.len(), script.items.len(), "{src:?}");
        for (item, want) in blessed.items.iter().zip(&outputs) {
            if let Some(want) = want.as_ref().filter(|w| !w.is_empty()) {
                let got = item.expected().map(|e| e.text());
                assert_eq!(got.as_deref(), Some(want.as_str()), "{src:?}");
            }
        }
    }
    use gradlab::export::{Folders, Format};
    for format in [Format::Grad, Format::Py, Format::Md, Format::Ipynb] {
        rendered += gradlab::export::render(&session, &cells, format, &Folders::default()).len();
    }
    std::hint::black_box(rendered);
}
