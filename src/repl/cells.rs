//! A cell's events as styled lines for [`crate::tui::cell_text`]: the same
//! text as the `run` transcript ([`crate::notebook::transcript`]), with a
//! tone on each piece, so the plain rendering *is* the transcript.

use crate::eval::{EvalError, Event, Session, StmtOutcome, Value};
use crate::notebook::meta::{XMode, timing_text};
use crate::notebook::transcript::{continuation, error_text};
use crate::notebook::{Cell, CellKind};
use crate::tui::{ColorMode, StyledLine, Tone, inline_text, view_lines};

use super::assist::highlight_spans;
use super::names::Names;

/// Pieces of text (newlines inside) with tones, later cut into lines.
#[derive(Default)]
struct Pieces(Vec<(Tone, String)>);

impl Pieces {
    fn push(&mut self, tone: Tone, text: impl Into<String>) {
        self.0.push((tone, text.into()));
    }

    fn into_lines(self) -> Vec<StyledLine> {
        let mut lines = vec![Vec::new()];
        for (tone, text) in self.0 {
            for (i, part) in text.split('\n').enumerate() {
                if i > 0 {
                    lines.push(Vec::new());
                }
                if !part.is_empty() {
                    lines
                        .last_mut()
                        .expect("never empty")
                        .push((tone, part.to_string()));
                }
            }
        }
        if lines.last().is_some_and(Vec::is_empty) {
            lines.pop();
        }
        lines
    }
}

/// The echoed input `In [n]: text`, continuation lines under `...:`,
/// highlighted as typed.
pub fn input_lines(number: usize, text: &str, names: &Names) -> Vec<StyledLine> {
    let mut p = Pieces::default();
    push_input(&mut p, number, text, names);
    p.into_lines()
}

fn push_input(p: &mut Pieces, number: usize, text: &str, names: &Names) {
    p.push(Tone::InPrompt, "In [");
    p.push(Tone::InNumber, number.to_string());
    p.push(Tone::InPrompt, "]: ");
    let cont = continuation(number);
    for (tone, range) in highlight_spans(text, None, names) {
        let mut parts = text[range].split('\n');
        p.push(tone, parts.next().unwrap_or(""));
        for part in parts {
            p.push(Tone::Plain, "\n");
            p.push(Tone::InPrompt, cont.clone());
            p.push(tone, part);
        }
    }
    p.push(Tone::Plain, "\n");
}

/// How cells are drawn: views `width` columns wide, colours per `mode`,
/// errors per `xmode`.
#[derive(Clone, Copy, Debug)]
pub struct Look {
    pub width: u16,
    pub mode: ColorMode,
    pub xmode: XMode,
}

impl Look {
    /// The transcript's look: plain, errors with carets.
    pub fn plain(width: u16) -> Look {
        Look {
            width,
            mode: ColorMode::Plain,
            xmode: XMode::Context,
        }
    }
}

/// Styled lines as text, one `\n`-terminated line each and never wrapped:
/// the terminal soft-wraps what is wider than the screen, so copied output
/// keeps NumPy's lines.
pub fn lines_text(lines: &[StyledLine], mode: ColorMode) -> String {
    let mut out = String::new();
    for line in lines {
        let pieces: Vec<(Tone, &str)> = line.iter().map(|(t, s)| (*t, s.as_str())).collect();
        out.push_str(&inline_text(&pieces, mode));
        out.push('\n');
    }
    out
}

/// Everything a cell shows after its input: printed text, `Out[n]`, errors
/// with carets, timings; views are drawn `look.width` columns wide with the
/// theme for `look.mode` (glyph twins when plain).
pub fn output_lines(
    session: &Session,
    number: usize,
    text: &str,
    outcomes: &[StmtOutcome],
    look: &Look,
) -> Vec<StyledLine> {
    let mut p = Pieces::default();
    for o in outcomes {
        push_events(&mut p, session, number, text, &o.events, look);
    }
    p.into_lines()
}

fn push_events(
    p: &mut Pieces,
    s: &Session,
    number: usize,
    text: &str,
    events: &[Event],
    look: &Look,
) {
    let (width, mode) = (look.width, look.mode);
    for e in events {
        match e {
            Event::Stdout(t) => p.push(Tone::Plain, t.clone()),
            Event::Value(Value::View(view)) => {
                // A view is a drawn block, shown without a label as in the
                // transcript, in the view's own colours.
                for line in view_lines(view, width, mode) {
                    for (tone, text) in line {
                        p.push(tone, text);
                    }
                    p.push(Tone::Plain, "\n");
                }
            }
            Event::Value(v) => {
                let repr = s.display_repr(v);
                p.push(Tone::OutPrompt, "Out[");
                p.push(Tone::OutNumber, number.to_string());
                p.push(Tone::OutPrompt, "]:");
                p.push(Tone::Plain, if repr.contains('\n') { "\n" } else { " " });
                p.push(Tone::Plain, format!("{repr}\n"));
            }
            Event::Error(err) => push_error(p, s, number, text, err, look.xmode),
            Event::Timing(t) => p.push(Tone::Plain, format!("{}\n", timing_text(t))),
            Event::Warning { kind, message } => {
                p.push(Tone::ErrorKind, kind.name());
                p.push(Tone::Error, format!(": {message}\n"));
            }
        }
    }
}

/// [`error_text`] in red, the carets and exception type bold.
fn push_error(
    p: &mut Pieces,
    s: &Session,
    number: usize,
    text: &str,
    err: &EvalError,
    xmode: XMode,
) {
    let block = error_text(s, number, text, err, xmode);
    let headline = err.headline();
    let body = block.strip_suffix(&format!("{headline}\n")).unwrap_or("");
    for line in body.lines() {
        let tone = if line.trim_start().starts_with('^') {
            Tone::Caret
        } else {
            Tone::Error
        };
        p.push(tone, format!("{line}\n"));
    }
    p.push(Tone::ErrorKind, err.kind.name());
    if !err.message.is_empty() {
        p.push(Tone::Error, format!(": {}", err.message));
    }
    p.push(Tone::Plain, "\n");
}

/// A whole cell as the transcript shows it: echoed input, outputs, a blank
/// line; prose as itself.
pub fn cell_lines(session: &Session, cell: &Cell, names: &Names, look: &Look) -> Vec<StyledLine> {
    match &cell.kind {
        CellKind::Prose(text) => text
            .lines()
            .map(|l| vec![(Tone::Plain, l.to_string())])
            .collect(),
        CellKind::Code { text, outcomes } => {
            let mut lines = input_lines(cell.number, text, names);
            lines.extend(output_lines(session, cell.number, text, outcomes, look));
            lines.push(Vec::new());
            lines
        }
    }
}

#[cfg(test)]
mod tests;
