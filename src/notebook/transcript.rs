//! The notebook transcript: `In [n]:` / `Out[n]:` cells, printed text, and
//! errors with a caret under the offending columns, as plain text.

use std::io::{self, Write};

use crate::eval::{ErrorKind, EvalError, Event, Session, StmtOutcome};
use crate::syntax::{TokenKind, tokens};

use super::meta::{XMode, timing_text};
use super::{Cell, CellKind};

/// The echoed input of cell `n`: `In [n]: ` then `   ...: ` continuations.
pub fn echo_input(number: usize, text: &str) -> String {
    let mut out = String::new();
    echo_input_into(&mut out, number, text);
    out
}

/// [`echo_input`] appended to `out`, sized once: a pasted literal's
/// megabytes are copied once, not grown into a string and copied again.
fn echo_input_into(out: &mut String, number: usize, text: &str) {
    let prompt = format!("In [{number}]: ");
    let cont = continuation(number);
    let lines = 1 + text.bytes().filter(|&b| b == b'\n').count();
    out.reserve(text.len() + 1 + lines * cont.len().max(prompt.len()));
    for (i, line) in text.split('\n').enumerate() {
        out.push_str(if i == 0 { &prompt } else { &cont });
        out.push_str(line);
        out.push('\n');
    }
}

/// IPython's continuation prompt, right-aligned under `In [n]: `.
pub fn continuation(number: usize) -> String {
    let width = format!("In [{number}]: ").len();
    format!("{}...: ", " ".repeat(width - 5))
}

/// Renders one cell; `after_prose` adds the blank line that separates a
/// code cell from the prose above it.
pub fn render_cell(session: &Session, cell: &Cell, after_prose: bool) -> String {
    match &cell.kind {
        CellKind::Prose(text) => format!("{text}\n"),
        CellKind::Code { text, outcomes } => {
            let mut out = String::new();
            if after_prose {
                out.push('\n');
            }
            echo_input_into(&mut out, cell.number, text);
            out.push_str(&outputs_text(session, cell.number, text, outcomes));
            out
        }
    }
}

/// [`render_cell`] written to `out`: the echo goes out line by line from
/// the cell's own text, so a pasted literal's megabytes are not copied
/// into a transcript string first (the bytes are the same), and a chunk at
/// a time, each handed back once written (a mapped script's pages: see
/// [`crate::text`]).
///
/// # Errors
/// When `out` cannot be written.
pub fn write_cell(
    out: &mut dyn Write,
    session: &Session,
    cell: &Cell,
    after_prose: bool,
) -> io::Result<()> {
    let CellKind::Code { text, outcomes } = &cell.kind else {
        return out.write_all(render_cell(session, cell, after_prose).as_bytes());
    };
    if after_prose {
        out.write_all(b"\n")?;
    }
    let prompt = format!("In [{}]: ", cell.number);
    let cont = continuation(cell.number);
    let bytes = text.as_bytes();
    let mut behind = crate::text::Behind::new(bytes);
    let mut at = 0;
    for i in 0.. {
        out.write_all(if i == 0 { &prompt } else { &cont }.as_bytes())?;
        let end = crate::text::find_byte(b'\n', &bytes[at..]).map_or(bytes.len(), |k| at + k);
        for piece in bytes[at..end].chunks(crate::text::CHUNK) {
            out.write_all(piece)?;
            at += piece.len();
            behind.at(at);
        }
        out.write_all(b"\n")?;
        if end == bytes.len() {
            break;
        }
        at = end + 1;
    }
    behind.finish();
    out.write_all(outputs_text(session, cell.number, text, outcomes).as_bytes())
}

/// What a code cell shows after its echo, and the blank line that ends it.
fn outputs_text(session: &Session, number: usize, text: &str, outcomes: &[StmtOutcome]) -> String {
    let mut out = String::new();
    for o in outcomes {
        render_outcome(session, number, text, o, &mut out);
    }
    out.push('\n');
    out
}

fn render_outcome(session: &Session, number: usize, text: &str, o: &StmtOutcome, out: &mut String) {
    for e in &o.events {
        match e {
            Event::Stdout(t) => out.push_str(t),
            Event::Value(crate::eval::Value::View(view)) => {
                // Views are drawn blocks: shown as they are, without a label.
                out.push_str(&crate::tui::view_text(view, 80));
                out.push('\n');
            }
            Event::Value(v) => {
                let repr = session.display_repr(v);
                if repr.contains('\n') {
                    out.push_str(&format!("Out[{number}]:\n{repr}\n"));
                } else {
                    out.push_str(&format!("Out[{number}]: {repr}\n"));
                }
            }
            Event::Error(err) => {
                out.push_str(&error_text(session, number, text, err, XMode::Context))
            }
            Event::Timing(t) => {
                out.push_str(&timing_text(t));
                out.push('\n');
            }
            Event::Warning { kind, message } => {
                out.push_str(&crate::eval::warnings::warning_line(*kind, message));
                out.push('\n');
            }
        }
    }
}

/// Where an error points: (0-based line, column, width) in `text`, in chars.
pub fn error_location(text: &str, err: &EvalError) -> Option<(usize, usize, usize)> {
    let span = err.span.clone()?;
    let start = span.start.min(text.len());
    let end = span.end.clamp(start, text.len());
    if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
        return None;
    }
    let before = &text[..start];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = text[line_start..start].chars().count();
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let width = text[start..end.min(line_end)].chars().count().max(1);
    Some((line, col, width))
}

/// An error as the transcript shows it: carets under the offending text,
/// then `Type: message`.
pub fn error_block(number: usize, text: &str, err: &EvalError) -> String {
    let mut out = String::new();
    if let Some((line, col, width)) = error_location(text, err) {
        let lines: Vec<&str> = text.split('\n').collect();
        let indent = format!("In [{number}]: ").len();
        if line + 1 != lines.len() {
            out.push_str(&format!("{}{}\n", " ".repeat(indent), lines[line]));
        }
        out.push_str(&format!(
            "{}{}\n",
            " ".repeat(indent + col),
            "^".repeat(width)
        ));
    }
    out.push_str(&err.headline());
    out.push('\n');
    out
}

/// An error as `%xmode` shows it: `Minimal` is the headline alone, `Plain`
/// Python's traceback of the cell, `Context` (the default, and what the
/// transcript shows) [`error_block`], `Verbose` that plus the values of
/// the names on the failing line. An interrupt points nowhere: headline
/// only, as Python shows it.
pub fn error_text(
    session: &Session,
    number: usize,
    text: &str,
    err: &EvalError,
    mode: XMode,
) -> String {
    if err.kind == ErrorKind::KeyboardInterrupt || mode == XMode::Minimal {
        return format!("{}\n", err.headline());
    }
    match mode {
        XMode::Plain => plain_traceback(number, text, err),
        XMode::Verbose => {
            let block = error_block(number, text, err);
            let headline = format!("{}\n", err.headline());
            let body = block.strip_suffix(&headline).unwrap_or(&block);
            format!(
                "{body}{}{headline}",
                name_values(session, number, text, err)
            )
        }
        _ => error_block(number, text, err),
    }
}

/// Python's plain traceback: `Cell In[n], line k`, the line, carets.
fn plain_traceback(number: usize, text: &str, err: &EvalError) -> String {
    let mut out = String::new();
    let syntax = err.kind.is_a(ErrorKind::SyntaxError);
    if !syntax {
        out.push_str("Traceback (most recent call last):\n");
    }
    let (line, col, width) = error_location(text, err).unwrap_or((0, 0, 0));
    let source = text.split('\n').nth(line).unwrap_or("");
    out.push_str(&format!(
        "  Cell In[{number}], line {}\n    {source}\n",
        line + 1
    ));
    if width > 0 {
        out.push_str(&format!("    {}{}\n", " ".repeat(col), "^".repeat(width)));
    }
    out.push_str(&err.headline());
    out.push('\n');
    out
}

/// `        name = repr` for each session variable named on the failing
/// line (IPython's Verbose mode), one line each, reprs cut to one line.
fn name_values(session: &Session, number: usize, text: &str, err: &EvalError) -> String {
    let line = error_location(text, err).map_or(0, |(l, _, _)| l);
    let source = text.split('\n').nth(line).unwrap_or("");
    let indent = " ".repeat(format!("In [{number}]: ").len());
    let mut seen = Vec::new();
    let mut out = String::new();
    for t in tokens(source) {
        let name = &source[t.span.clone()];
        if t.kind != TokenKind::Name || seen.contains(&name) {
            continue;
        }
        seen.push(name);
        if let Some(v) = session.get(name) {
            let repr = session.repr(v);
            let first = repr.lines().next().unwrap_or("");
            let more = if repr.contains('\n') { " ..." } else { "" };
            out.push_str(&format!("{indent}{name} = {first}{more}\n"));
        }
    }
    out
}
