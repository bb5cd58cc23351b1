//! Writing a session out: a checked `.grad` script (`:save`), a NumPy
//! script with asserts, Markdown, or a Jupyter notebook (`:export`,
//! `gradlab export`). Every writer reads the same executed cells.

use std::path::Path;

use crate::cli::ExportFormat;
use crate::eval::Session;
use crate::notebook::Cell;

/// The cells as a `.grad` script with `#>` output lines (what `:save` writes
/// and `:history` shows).
pub fn to_script(_session: &Session, _cells: &[Cell]) -> String {
    String::new()
}

/// The cells as a Python script for real NumPy, asserting each shown output.
pub fn to_python(_session: &Session, _cells: &[Cell]) -> String {
    String::new()
}

/// The cells as Markdown: prose, code blocks and outputs.
pub fn to_markdown(_session: &Session, _cells: &[Cell]) -> String {
    String::new()
}

/// The cells as a Jupyter notebook (nbformat 4) with text outputs.
pub fn to_ipynb(_session: &Session, _cells: &[Cell]) -> String {
    String::new()
}

/// Writes `cells` to `path` atomically, in the format its extension names
/// (`.grad`/`.py`/`.md`/`.ipynb`).
pub fn export_file(_session: &Session, _cells: &[Cell], _path: &Path) -> std::io::Result<()> {
    Err(std::io::Error::other("export is not available yet"))
}

/// `gradlab export FILE --to FORMAT [-o OUT]`: exit status.
pub fn export_command(_src: &str, _name: &str, _to: ExportFormat, _out: Option<&Path>) -> i32 {
    eprintln!("gradlab: export is not available yet");
    2
}
