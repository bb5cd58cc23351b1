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

mod ipynb;
mod markdown;
mod pretty;
mod python;
mod translate;

use std::path::{Path, PathBuf};

use crate::eval::Session;
use crate::notebook::{Cell, CellKind, meta, output_text};

pub use ipynb::to_ipynb;
pub use markdown::to_markdown;
pub use pretty::pretty;
pub use python::to_python;
pub use translate::{PyStmt, Translator, Uses};

/// The formats a session is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// A checked `.grad` script (`:save`).
    Grad,
    /// A NumPy script with asserts.
    Py,
    /// Markdown.
    Md,
    /// A Jupyter notebook with outputs.
    Ipynb,
}

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
    crate::script::is_meta(text) && meta::parse(text).is_ok_and(|(m, _)| m.prompt_only())
}

/// The export format a file name asks for (`.grad`, `.py`, `.md`, `.ipynb`).
pub fn format_for(path: &Path) -> Option<Format> {
    match path.extension()?.to_str()? {
        "grad" => Some(Format::Grad),
        "py" => Some(Format::Py),
        "md" => Some(Format::Md),
        "ipynb" => Some(Format::Ipynb),
        _ => None,
    }
}

/// Where a session's relative file names started, and where its export is
/// written: a `.py` or `.ipynb` export that reads or writes files changes
/// to the session's folder first (as a path relative to its own), so it
/// runs from wherever it is saved.
#[derive(Clone, Debug, Default)]
pub struct Folders {
    /// The folder the session's relative paths start in (absolute).
    pub session: Option<PathBuf>,
    /// The folder the export is written to (absolute).
    pub export: Option<PathBuf>,
}

impl Folders {
    /// The session folder relative to the export's, when the session uses
    /// files and the two differ.
    fn chdir(&self, cells: &[Cell]) -> Option<String> {
        let (from, to) = (self.export.as_deref()?, self.session.as_deref()?);
        if from == to || !uses_files(cells) {
            return None;
        }
        Some(relative(from, to).to_string_lossy().into_owned())
    }
}

/// Whether any cell calls a file function (`np.loadtxt`, `np.save`, ...).
fn uses_files(cells: &[Cell]) -> bool {
    const FILE_FUNCS: &[&str] = &[
        "loadtxt",
        "genfromtxt",
        "load",
        "save",
        "savetxt",
        "read_csv",
        "read_excel",
        "to_csv",
        "savefig",
        "imread",
        "imsave",
    ];
    cells.iter().any(|c| match &c.kind {
        CellKind::Code { text, .. } => crate::syntax::tokens(text).iter().any(|t| {
            t.kind == crate::syntax::TokenKind::Name && FILE_FUNCS.contains(&&text[t.span.clone()])
        }),
        CellKind::Prose(_) => false,
    })
}

/// `to` as a path relative to `from` (both absolute folders).
fn relative(from: &Path, to: &Path) -> PathBuf {
    let (a, b): (Vec<_>, Vec<_>) = (from.components().collect(), to.components().collect());
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut out = PathBuf::new();
    for _ in common..a.len() {
        out.push("..");
    }
    for c in &b[common..] {
        out.push(c);
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    out
}

/// The cells in `format`, for an export written to `folders.export`.
pub fn render(session: &Session, cells: &[Cell], format: Format, folders: &Folders) -> String {
    let chdir = folders.chdir(cells);
    match format {
        Format::Py => python::to_python_in(session, cells, chdir.as_deref()),
        Format::Md => to_markdown(session, cells),
        Format::Ipynb => ipynb::to_ipynb_in(session, cells, chdir.as_deref()),
        Format::Grad => to_script(session, cells),
    }
}

/// Writes `cells` to `path` atomically, in the format its extension names
/// (`.grad`/`.py`/`.md`/`.ipynb`).
///
/// # Errors
/// `InvalidInput` for another extension; otherwise the file system's error.
pub fn export_file(session: &Session, cells: &[Cell], path: &Path) -> std::io::Result<()> {
    let absolute = std::path::absolute(path)?;
    let folders = Folders {
        session: std::env::current_dir().ok(),
        export: absolute.parent().map(Path::to_path_buf),
    };
    let format = format_for(path).ok_or_else(|| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!(
                "cannot tell the format of {}: use .grad, .py, .md or .ipynb",
                path.display()
            ),
        )
    })?;
    crate::io::write_bytes(path, render(session, cells, format, &folders).as_bytes())
        .map_err(Into::into)
}

/// `gradlab export FILE --to FORMAT [-o OUT]`: replays the script (file
/// writes stay disabled, as for `run`) and writes the export to stdout or
/// atomically to OUT. Exit status as for `run`: 1 when a statement raised,
/// 2 when OUT cannot be written.
pub fn export_command(src: &str, name: &str, format: Format, out: Option<&Path>) -> i32 {
    let script = crate::script::Script::parse(src);
    let mut session = Session::new();
    session.allow_write = false;
    let out = out.map(|p| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf()));
    let mut run = || crate::notebook::run_script(&mut session, &script, |_, _| {});
    let cells = match name {
        "-" => run(),
        file => match crate::notebook::in_folder_of(Path::new(file), run) {
            Ok(cells) => cells,
            Err(e) => {
                eprintln!("gradlab: cannot enter the folder of {file}: {e}");
                return 2;
            }
        },
    };
    let folders = Folders {
        session: match name {
            "-" => std::env::current_dir().ok(),
            file => std::path::absolute(file)
                .ok()
                .and_then(|p| p.parent().map(Path::to_path_buf)),
        },
        export: match &out {
            Some(p) => p.parent().map(Path::to_path_buf),
            None => std::env::current_dir().ok(),
        },
    };
    let text = render(&session, &cells, format, &folders);
    let out = out.as_deref();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_folders() {
        for (from, to, want) in [
            ("/a/b", "/a/b/c", "c"),
            ("/a/b/c", "/a/b", ".."),
            ("/tmp/x", "/work/sessions", "../../work/sessions"),
            ("/a", "/a", "."),
        ] {
            assert_eq!(relative(Path::new(from), Path::new(to)), Path::new(want));
        }
    }
}
