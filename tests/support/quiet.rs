//! `notebook::output_text` without warning lines, for the statement tables
//! whose Python generators silence warnings (tests/warnings.rs checks the
//! warnings themselves against NumPy).

use gradlab::eval::Session;
use gradlab::notebook::Cell;

/// What a cell's `#>` lines record, its `#! ` warning lines left out.
pub fn output_text(session: &Session, cell: &Cell) -> Option<String> {
    let text = gradlab::notebook::output_text(session, cell)?;
    let kept: Vec<&str> = text
        .split('\n')
        .filter(|l| !l.starts_with(gradlab::script::WARNING_PREFIX))
        .collect();
    if kept.is_empty() {
        return None;
    }
    Some(kept.join("\n"))
}
