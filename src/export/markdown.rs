//! The Markdown export: prose as paragraphs, code in fenced blocks, each
//! output in a ```` ```text ```` block after its code.

use crate::eval::Session;
use crate::notebook::{Cell, CellKind, output_text};

/// The cells as Markdown: prose paragraphs, ```` ```python ```` code blocks
/// (consecutive cells without output share one) and ```` ```text ```` output
/// blocks.
pub fn to_markdown(session: &Session, cells: &[Cell]) -> String {
    let mut out = String::new();
    let mut code = String::new();
    let flush = |code: &mut String, out: &mut String| {
        if !code.is_empty() {
            out.push_str(&format!("```python\n{code}```\n\n"));
            code.clear();
        }
    };
    let mut in_prose = false;
    for cell in cells {
        match &cell.kind {
            CellKind::Prose(text) => {
                flush(&mut code, &mut out);
                if text.is_empty() {
                    if in_prose {
                        out.push('\n');
                    }
                } else {
                    out.push_str(text);
                    out.push('\n');
                }
                in_prose = true;
            }
            CellKind::Code { text, .. } => {
                if in_prose {
                    out.push('\n');
                    in_prose = false;
                }
                code.push_str(text);
                code.push('\n');
                if let Some(shown) = output_text(session, cell) {
                    flush(&mut code, &mut out);
                    out.push_str(&format!("```text\n{shown}\n```\n\n"));
                }
            }
        }
    }
    flush(&mut code, &mut out);
    if in_prose {
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

