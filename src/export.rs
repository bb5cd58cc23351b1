//! Writing a session out: a checked `.grad` script (`:save`), a NumPy
//! script with asserts, Markdown, or a Jupyter notebook (`:export`,
//! `gradlab export`). Every writer reads the same executed cells.
//!
//! ```
//! use gradlab::{eval::Session, export, notebook, script::Script};
//! let mut s = Session::new();
//! let cells = notebook::run_script(&mut s, &Script::parse("a = [1., 2., 4.]\ngradient(a)\n"), |_, _| {});
//! assert_eq!(export::to_script(&s, &cells), "a = [1., 2., 4.]\ngradient(a)\n#> array([1. , 1.5, 2. ])\n");
//! assert!(export::to_python(&s, &cells).contains("_out = np.gradient(a)\n"));
//! ```

mod notebook;
mod python;
mod translate;

use std::path::Path;

use crate::cli::ExportFormat;
use crate::eval::Session;
use crate::notebook::{Cell, CellKind, meta, output_text};

pub use notebook::{to_ipynb, to_markdown};
pub use python::to_python;
pub use translate::{PyStmt, Translator, Uses};

/// The cells as a `.grad` script with `#>` output lines (what `:save` writes
/// and `:history` shows): replaying it with `gradlab run FILE --check`
/// reproduces the session. Interactive-only meta commands (`:save`,
/// `:export`, ...) cannot replay, so they are kept as comments.
pub fn to_script(session: &Session, cells: &[Cell]) -> String {
    let mut out = String::new();
    for cell in cells {
        match &cell.kind {
            CellKind::Prose(text) if text.is_empty() => out.push_str("##\n"),
            CellKind::Prose(text) => out.push_str(&format!("## {text}\n")),
            CellKind::Code { text, .. } => {
                if interactive_only(text) {
                    out.push_str(&format!("# {text}\n"));
                    continue;
                }
                out.push_str(text);
                out.push('\n');
                if let Some(shown) = output_text(session, cell) {
                    for l in shown.split('\n') {
                        out.push_str(if l.is_empty() { "#>" } else { "#> " });
                        out.push_str(l);
                        out.push('\n');
                    }
                }
            }
        }
    }
    out
}

fn interactive_only(text: &str) -> bool {
    crate::script::is_meta(text)
        && meta::parse(text).is_ok_and(|(m, _)| m.scope == meta::Scope::Interactive)
}

/// The export format a file name asks for (`.grad`, `.py`, `.md`, `.ipynb`).
pub fn format_for(path: &Path) -> Option<&'static str> {
    match path.extension()?.to_str()? {
        "grad" => Some("grad"),
        "py" => Some("py"),
        "md" => Some("md"),
        "ipynb" => Some("ipynb"),
        _ => None,
    }
}

/// The cells in one of the formats of [`format_for`].
pub fn render(session: &Session, cells: &[Cell], format: &str) -> String {
    match format {
        "py" => to_python(session, cells),
        "md" => to_markdown(session, cells),
        "ipynb" => to_ipynb(session, cells),
        _ => to_script(session, cells),
    }
}

/// Writes `cells` to `path` atomically, in the format its extension names
/// (`.grad`/`.py`/`.md`/`.ipynb`).
///
/// # Errors
/// `InvalidInput` for another extension; otherwise the file system's error.
pub fn export_file(session: &Session, cells: &[Cell], path: &Path) -> std::io::Result<()> {
    let format = format_for(path).ok_or_else(|| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!(
                "cannot tell the format of {}: use .grad, .py, .md or .ipynb",
                path.display()
            ),
        )
    })?;
    crate::io::write_bytes(path, render(session, cells, format).as_bytes()).map_err(Into::into)
}

/// `gradlab export FILE --to FORMAT [-o OUT]`: replays the script (file
/// writes stay disabled, as for `run`) and writes the export to stdout or
/// atomically to OUT. Exit status as for `run`: 1 when a statement raised,
/// 2 when OUT cannot be written.
pub fn export_command(src: &str, _name: &str, to: ExportFormat, out: Option<&Path>) -> i32 {
    let script = crate::script::Script::parse(src);
    let mut session = Session::new();
    session.allow_write = false;
    let cells = crate::notebook::run_script(&mut session, &script, |_, _| {});
    let format = match to {
        ExportFormat::Py => "py",
        ExportFormat::Md => "md",
        ExportFormat::Ipynb => "ipynb",
    };
    let text = render(&session, &cells, format);
    match out {
        Some(path) => {
            if let Err(e) = crate::io::write_bytes(path, text.as_bytes()) {
                eprintln!("gradlab: cannot write {}: {e}", path.display());
                return 2;
            }
        }
        None => {
            use std::io::Write;
            let mut stdout = std::io::stdout().lock();
            if stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
                .is_err()
            {
                return 2;
            }
        }
    }
    i32::from(cells.iter().any(Cell::has_error))
}
