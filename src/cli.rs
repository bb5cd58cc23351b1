//! The command line (CLI.md): `gradlab`, `gradlab run FILE [--json|--check|--bless]`,
//! `gradlab -c STATEMENTS`, `gradlab export FILE --to py|md|ipynb`.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};

use crate::eval::Session;
use crate::notebook::{self, Cell, CellKind, json, transcript};
use crate::script::Script;

/// gradlab: a terminal notebook for NumPy's np.gradient and np.diff, exactly.
#[derive(Parser, Debug)]
#[command(name = "gradlab", version, about, long_about = None, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// Run STATEMENTS (separated by newlines or ';') like `run`.
    #[arg(short = 'c', value_name = "STATEMENTS")]
    pub code: Option<String>,
    /// With -c: print JSON lines instead of the transcript.
    #[arg(long)]
    pub json: bool,
    /// Never use colour.
    #[arg(long, global = true)]
    pub no_color: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Replay a session script and print its notebook transcript.
    Run {
        /// The script ('-' for standard input).
        file: String,
        /// One JSON object per event instead of the transcript.
        #[arg(long, conflicts_with_all = ["check", "bless"])]
        json: bool,
        /// Compare outputs with the script's `#>` lines; exit 1 on a mismatch.
        #[arg(long, conflicts_with = "bless")]
        check: bool,
        /// Rewrite the script's `#>` lines from the actual outputs.
        #[arg(long)]
        bless: bool,
        /// Let the script write files (np.save, np.savetxt).
        #[arg(long)]
        allow_write: bool,
    },
    /// Replay a script and write it as a NumPy script, Markdown or a Jupyter notebook.
    Export {
        file: String,
        #[arg(long, value_enum)]
        to: ExportFormat,
        /// Output file (standard output when absent).
        #[arg(short = 'o', long = "output")]
        out: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Py,
    Md,
    Ipynb,
}

/// How a script run renders.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Transcript,
    Json,
    Check,
    Bless,
}

/// The allocation cap from `GRADLAB_MEMORY_LIMIT` (bytes, or with a
/// K/M/G suffix); unset means half of physical memory.
fn memory_limit_from_env() -> Result<(), String> {
    let Ok(text) = std::env::var("GRADLAB_MEMORY_LIMIT") else {
        return Ok(());
    };
    let t = text.trim();
    let (digits, scale) = match t.char_indices().last() {
        Some((i, 'k' | 'K')) => (&t[..i], 1usize << 10),
        Some((i, 'm' | 'M')) => (&t[..i], 1 << 20),
        Some((i, 'g' | 'G')) => (&t[..i], 1 << 30),
        _ => (t, 1),
    };
    let n: usize = digits
        .parse()
        .map_err(|_| format!("GRADLAB_MEMORY_LIMIT must be a size like 512M, not {text:?}"))?;
    crate::engine::limits::set_alloc_cap(n.saturating_mul(scale).max(1));
    Ok(())
}

/// Runs the command line; returns the exit status.
pub fn main() -> i32 {
    if let Err(msg) = memory_limit_from_env() {
        return usage_error(&msg);
    }
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    match cli.command {
        Some(Command::Run {
            file,
            json,
            check,
            bless,
            allow_write,
        }) => {
            let mode = if json {
                Mode::Json
            } else if check {
                Mode::Check
            } else if bless {
                Mode::Bless
            } else {
                Mode::Transcript
            };
            match read_source(&file) {
                Ok(src) => run_source(&src, &file, mode, allow_write),
                Err(msg) => usage_error(&msg),
            }
        }
        Some(Command::Export { file, to, out }) => match read_source(&file) {
            Ok(src) => crate::export::export_command(&src, &file, to, out.as_deref()),
            Err(msg) => usage_error(&msg),
        },
        None => match cli.code {
            Some(code) => run_source(
                &code,
                "-c",
                if cli.json {
                    Mode::Json
                } else {
                    Mode::Transcript
                },
                true,
            ),
            None if std::io::stdin().is_terminal() => crate::repl::run(cli.no_color),
            None => match read_source("-") {
                Ok(src) => run_source(&src, "-", Mode::Transcript, false),
                Err(msg) => usage_error(&msg),
            },
        },
    }
}

fn usage_error(msg: &str) -> i32 {
    eprintln!("gradlab: {msg}");
    2
}

fn read_source(file: &str) -> Result<String, String> {
    if file == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        return Ok(s);
    }
    std::fs::read_to_string(file).map_err(|e| format!("cannot read {file}: {e}"))
}

/// Runs a script in `mode`, writing to stdout; returns the exit status.
pub fn run_source(src: &str, name: &str, mode: Mode, allow_write: bool) -> i32 {
    let script = Script::parse(src);
    let mut session = Session::new();
    session.allow_write = allow_write;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut after_prose = false;
    let mut any_error = false;
    let cells = notebook::run_script(&mut session, &script, |s, cell| {
        any_error |= cell.has_error();
        let text = match mode {
            Mode::Transcript => transcript::render_cell(s, cell, after_prose),
            Mode::Json => json::cell_lines(s, cell)
                .iter()
                .map(|l| format!("{l}\n"))
                .collect(),
            Mode::Check | Mode::Bless => String::new(),
        };
        after_prose = matches!(cell.kind, CellKind::Prose(_));
        let _ = out.write_all(text.as_bytes());
        if mode == Mode::Json || mode == Mode::Transcript {
            let _ = out.flush();
        }
    });
    match mode {
        Mode::Check => {
            let mismatches = check(&session, &script, &cells, name, &mut out);
            let _ = out.flush();
            i32::from(mismatches > 0)
        }
        Mode::Bless => {
            drop(out);
            bless(&session, &script, &cells, name)
        }
        _ => i32::from(any_error),
    }
}

/// Prints a unified diff per mismatching cell; returns how many mismatched.
pub fn check(
    session: &Session,
    script: &Script,
    cells: &[Cell],
    name: &str,
    out: &mut impl Write,
) -> usize {
    let mut bad = 0;
    let mut checked = 0;
    for (item, cell) in script.items.iter().zip(cells) {
        let Some(expected) = item.expected() else {
            continue;
        };
        checked += 1;
        let want = expected.text();
        let got = notebook::output_text(session, cell).unwrap_or_default();
        if want != got {
            bad += 1;
            let CellKind::Code { text, .. } = &cell.kind else {
                continue;
            };
            let _ = writeln!(
                out,
                "{name}:{}: {}",
                cell.line,
                text.lines().next().unwrap_or("")
            );
            let diff = similar::TextDiff::from_lines(&format!("{want}\n"), &format!("{got}\n"))
                .unified_diff()
                .header("expected", "actual")
                .to_string();
            let _ = writeln!(out, "{diff}");
        }
    }
    let _ = writeln!(
        out,
        "{name}: {} of {checked} checked outputs match{}",
        checked - bad,
        if bad > 0 {
            format!(", {bad} differ")
        } else {
            String::new()
        }
    );
    bad
}

fn bless(session: &Session, script: &Script, cells: &[Cell], name: &str) -> i32 {
    if name == "-" || name == "-c" {
        return usage_error("--bless needs a script file to rewrite");
    }
    let outputs: Vec<Option<String>> = cells
        .iter()
        .map(|c| match c.kind {
            CellKind::Prose(_) => None,
            CellKind::Code { .. } => notebook::output_text(session, c),
        })
        .collect();
    let text = script.blessed(&outputs);
    match crate::io::write_bytes(Path::new(name), text.as_bytes()) {
        Ok(()) => {
            let recorded = outputs.iter().filter(|o| o.is_some()).count();
            println!("{name}: recorded {recorded} outputs");
            0
        }
        Err(e) => usage_error(&format!("cannot write {name}: {e}")),
    }
}
