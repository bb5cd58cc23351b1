//! `gradlab run FILE...` and `-c`: scripts replayed into a transcript,
//! JSON lines, a `--check` report or `--bless`ed `#>` lines. Each script
//! runs in a fresh session with the current folder set to the script's
//! own, so its relative file names mean what they mean next to it.

use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use crate::eval::Session;
use crate::notebook::{self, Cell, CellKind, check, json, transcript};
use crate::script::Script;
use crate::text::Source;

/// How a script run renders.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Transcript,
    Json,
    Check,
    Bless,
}

/// The script's text (`-`: standard input).
pub fn read_source(file: &str) -> Result<String, String> {
    if file == "-" {
        let mut s = String::new();
        io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        return Ok(s);
    }
    if file.contains('\0') {
        return Err(format!("cannot read {file:?}: embedded null byte"));
    }
    std::fs::read_to_string(file).map_err(|e| format!("cannot read {file}: {e}"))
}

/// Whether standard output was open when gradlab started. Rust's runtime
/// puts `/dev/null` (opened read-write) on a closed descriptor 0–2 before
/// `main`, so writes would vanish with success; a shell's `>/dev/null`
/// opens it write-only, which is how the two are told apart.
fn stdout_is_open() -> bool {
    // SAFETY: fcntl/fstat only read the descriptor's flags and status into
    // a zeroed struct.
    unsafe {
        let flags = libc::fcntl(libc::STDOUT_FILENO, libc::F_GETFL);
        if flags == -1 {
            return false;
        }
        let mut st: libc::stat = std::mem::zeroed();
        if libc::fstat(libc::STDOUT_FILENO, &mut st) != 0 {
            return false;
        }
        let dev_null = (st.st_mode & libc::S_IFMT) == libc::S_IFCHR
            && libc::major(st.st_rdev) == 1
            && libc::minor(st.st_rdev) == 3;
        !(dev_null && flags & libc::O_ACCMODE == libc::O_RDWR)
    }
}

/// Runs each file in `mode`; the worst status wins (2 for a file that
/// cannot be read, which does not stop the others). With several files,
/// each gets a summary line (and a `"file"` key in JSON lines).
pub fn run_files(files: &[String], mode: Mode, allow_write: bool) -> i32 {
    if !stdout_is_open() {
        return 1;
    }
    let several = files.len() > 1;
    let mut status = 0;
    for file in files {
        // Only `--bless` rewrites the file from its text; otherwise the
        // statements' own texts are all that is kept: a big file's are
        // slices of its mapping ([`Source::read`]), a small one's or
        // standard input's are copied out of the text read (a pasted
        // literal's megabytes once, not twice, even while they are split).
        let read = if mode == Mode::Bless || file == "-" || file.contains('\0') {
            read_source(file).map(Source::Owned)
        } else {
            Source::read(Path::new(file)).map_err(|e| format!("cannot read {file}: {e}"))
        };
        let src = match read {
            Ok(s) => s,
            Err(msg) => {
                eprintln!("gradlab: {msg}");
                status = status.max(2);
                continue;
            }
        };
        let (script, src) = match src {
            Source::Owned(src) if mode == Mode::Bless => (Script::parse(&src), Some(src)),
            src => (Script::parse_source(src), None),
        };
        let path = (file != "-").then(|| absolute(Path::new(file)));
        let run = || {
            let src = src.as_deref().unwrap_or_default();
            run_one(
                &script,
                src,
                file,
                path.as_deref(),
                mode,
                allow_write,
                several,
            )
        };
        let result = match &path {
            Some(p) => notebook::in_folder_of(p, run).unwrap_or_else(|e| {
                eprintln!("gradlab: cannot enter the folder of {file}: {e}");
                Ok(2)
            }),
            None => run(),
        };
        match result {
            Ok(s) => status = status.max(s),
            // Standard output went away (a closed pipe): stop quietly.
            Err(_) => return status.max(1),
        }
    }
    status
}

fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

/// Runs `-c` statements (or one source) in `mode`, writing to stdout;
/// returns the exit status.
pub fn run_source(src: &str, name: &str, mode: Mode, allow_write: bool) -> i32 {
    if !stdout_is_open() {
        return 1;
    }
    run_one(
        &Script::parse(src),
        src,
        name,
        None,
        mode,
        allow_write,
        false,
    )
    .unwrap_or(1)
}

/// One script (`src` is its text, needed by `--bless` alone); `Err` when
/// standard output cannot be written.
fn run_one(
    script: &Script,
    src: &str,
    name: &str,
    path: Option<&Path>,
    mode: Mode,
    allow_write: bool,
    several: bool,
) -> io::Result<i32> {
    let mut session = Session::new();
    session.allow_write = allow_write;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut after_prose = false;
    let mut any_error = false;
    let mut failed: io::Result<()> = Ok(());
    let file = several.then_some(name);
    let cells = notebook::run_script(&mut session, script, |s, cell| {
        any_error |= cell.has_error();
        if failed.is_err() {
            return;
        }
        failed = match mode {
            Mode::Transcript => {
                transcript::write_cell(&mut out, s, cell, after_prose).and_then(|()| out.flush())
            }
            Mode::Json => json::write_cell(&mut out, s, cell, file).and_then(|()| out.flush()),
            Mode::Check | Mode::Bless => Ok(()),
        };
        after_prose = matches!(cell.kind, CellKind::Prose(_));
    });
    failed?;
    let status = match mode {
        Mode::Check => {
            let report = check::check(&session, script, &cells, name, &mut out)?;
            i32::from(!report.passed())
        }
        Mode::Bless => bless(&session, src, script, &cells, name, path, &mut out)?,
        Mode::Transcript | Mode::Json => {
            if several && mode == Mode::Transcript {
                let errors = cells.iter().filter(|c| c.has_error()).count();
                writeln!(out, "{name}: {} cells, {errors} with errors", cells.len())?;
            }
            i32::from(any_error)
        }
    };
    out.flush()?;
    Ok(status)
}

fn bless(
    session: &Session,
    src: &str,
    script: &Script,
    cells: &[Cell],
    name: &str,
    path: Option<&Path>,
    out: &mut dyn Write,
) -> io::Result<i32> {
    let Some(path) = path else {
        eprintln!("gradlab: --bless needs a script file to rewrite");
        return Ok(2);
    };
    let outputs: Vec<Option<String>> = cells
        .iter()
        .map(|c| match c.kind {
            CellKind::Prose(_) => None,
            CellKind::Code { .. } => notebook::output_text(session, c),
        })
        .collect();
    let text = script.blessed(src, &outputs);
    match crate::io::write_bytes(path, text.as_bytes()) {
        Ok(()) => {
            let recorded = outputs.iter().filter(|o| o.is_some()).count();
            writeln!(out, "{name}: recorded {recorded} outputs")?;
            Ok(0)
        }
        Err(e) => {
            eprintln!("gradlab: cannot write {name}: {e}");
            Ok(2)
        }
    }
}
