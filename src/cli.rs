//! The command line (CLI.md): `gradlab`, `gradlab run FILE... [--json|
//! --check|--bless]`, `gradlab -c STATEMENTS`, `gradlab export FILE --to
//! py|md|ipynb`. Global flags (`--no-color`, `--json`) go before or after
//! the subcommand.
//!
//! Exit status: 0 when every statement ran (and every check matched); 1
//! when a statement raised, `--check` found a difference, or standard
//! output was closed early (a broken pipe ends the run quietly, as Python
//! programs do); 2 for a usage error (bad flags, unreadable file); 101 for
//! an internal error outside any statement.

mod run;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::Mutex;

use clap::{Parser, Subcommand, ValueEnum};

pub use run::{Mode, run_files, run_source};

/// gradlab: a terminal notebook for NumPy's np.gradient and np.diff, exactly.
#[derive(Parser, Debug)]
#[command(
    name = "gradlab",
    version,
    about,
    long_about = None,
    after_help = "Exit status: 0 all statements ran (and all checks matched); 1 a statement \
raised, --check found a difference, or standard output closed early; 2 usage error \
(bad flags, unreadable file); 101 internal error."
)]
pub struct Cli {
    /// Run STATEMENTS (separated by newlines or ';') like `run`.
    #[arg(short = 'c', value_name = "STATEMENTS")]
    pub code: Option<String>,
    /// One JSON object per event instead of the transcript (with -c, run, or piped input).
    #[arg(long, global = true)]
    pub json: bool,
    /// Never use colour.
    #[arg(long, global = true)]
    pub no_color: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Replay session scripts and print their notebook transcripts.
    Run {
        /// The scripts ('-' for standard input); relative file names in a
        /// script start in the script's folder.
        #[arg(required = true)]
        files: Vec<String>,
        /// Compare outputs with the scripts' `#>` lines; exit 1 on a mismatch
        /// or on a statement that shows output with none recorded.
        #[arg(long, conflicts_with = "bless")]
        check: bool,
        /// Rewrite the scripts' `#>` lines from the actual outputs.
        #[arg(long)]
        bless: bool,
        /// Let the scripts write files (np.save, np.savetxt).
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

/// The `--to` of `gradlab export`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Py,
    Md,
    Ipynb,
}

impl From<ExportFormat> for crate::export::Format {
    fn from(f: ExportFormat) -> Self {
        match f {
            ExportFormat::Py => crate::export::Format::Py,
            ExportFormat::Md => crate::export::Format::Md,
            ExportFormat::Ipynb => crate::export::Format::Ipynb,
        }
    }
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

/// The last panic's message and place, kept by the quiet panic hook.
static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

/// A panic hook that prints nothing: a panic inside a statement becomes a
/// `SystemError` event (which carries its message), so stderr stays clean
/// for the automation contract; one outside any statement is reported by
/// [`main`] from what this hook kept.
fn install_quiet_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let what = info
            .payload()
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| info.payload().downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        if let Ok(mut last) = LAST_PANIC.lock() {
            *last = Some(format!("{what}{at}"));
        }
    }));
}

/// Runs the command line; returns the exit status.
pub fn main() -> i32 {
    install_quiet_panic_hook();
    match std::panic::catch_unwind(dispatch) {
        Ok(status) => status,
        Err(_) => {
            let what = LAST_PANIC
                .lock()
                .ok()
                .and_then(|mut l| l.take())
                .unwrap_or_default();
            eprintln!("gradlab: internal error (please report it): {what}");
            101
        }
    }
}

fn dispatch() -> i32 {
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
    if cli.code.is_some() && cli.command.is_some() {
        return usage_error("-c cannot be combined with a subcommand");
    }
    let json_mode = |fallback| if cli.json { Mode::Json } else { fallback };
    match cli.command {
        Some(Command::Run {
            files,
            check,
            bless,
            allow_write,
        }) => {
            if cli.json && (check || bless) {
                return usage_error("--json cannot be combined with --check or --bless");
            }
            let mode = if check {
                Mode::Check
            } else if bless {
                Mode::Bless
            } else {
                json_mode(Mode::Transcript)
            };
            run_files(&files, mode, allow_write)
        }
        Some(Command::Export { file, to, out }) => {
            if cli.json {
                return usage_error("--json does not apply to export");
            }
            match run::read_source(&file) {
                Ok(src) => crate::export::export_command(&src, &file, to.into(), out.as_deref()),
                Err(msg) => usage_error(&msg),
            }
        }
        None => match cli.code {
            Some(code) => run_source(&code, "-c", json_mode(Mode::Transcript), true),
            None if std::io::stdin().is_terminal() && !cli.json => crate::repl::run(cli.no_color),
            None => run_files(&["-".to_string()], json_mode(Mode::Transcript), false),
        },
    }
}

fn usage_error(msg: &str) -> i32 {
    eprintln!("gradlab: {msg}");
    2
}
