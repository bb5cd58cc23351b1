//! A cell's events as styled lines for [`crate::tui::cell_text`]: the same
//! text as the `run` transcript ([`crate::notebook::transcript`]), with a
//! tone on each piece, so the plain rendering *is* the transcript.

use crate::eval::ErrorKind;
use crate::eval::{EvalError, Event, Session, StmtOutcome, Value};
use crate::notebook::transcript::{continuation, error_block};
use crate::notebook::{Cell, CellKind, meta::timing_text};
use crate::tui::{ColorMode, StyledLine, Tone, view_lines};

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

/// Everything a cell shows after its input: printed text, `Out[n]`, errors
/// with carets, timings; views are drawn `width` columns wide with the
/// theme for `mode` (glyph twins when plain).
pub fn output_lines(
    session: &Session,
    number: usize,
    text: &str,
    outcomes: &[StmtOutcome],
    width: u16,
    mode: ColorMode,
) -> Vec<StyledLine> {
    let mut p = Pieces::default();
    for o in outcomes {
        push_events(&mut p, session, number, text, &o.events, width, mode);
    }
    p.into_lines()
}

fn push_events(
    p: &mut Pieces,
    s: &Session,
    number: usize,
    text: &str,
    events: &[Event],
    width: u16,
    mode: ColorMode,
) {
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
                let repr = s.repr(v);
                p.push(Tone::OutPrompt, "Out[");
                p.push(Tone::OutNumber, number.to_string());
                p.push(Tone::OutPrompt, "]:");
                p.push(Tone::Plain, if repr.contains('\n') { "\n" } else { " " });
                p.push(Tone::Plain, format!("{repr}\n"));
            }
            Event::Error(err) => push_error(p, number, text, err),
            Event::Timing(t) => p.push(Tone::Plain, format!("{}\n", timing_text(t))),
        }
    }
}

/// [`error_block`]'s text in red, the carets and exception type bold.
fn push_error(p: &mut Pieces, number: usize, text: &str, err: &EvalError) {
    // Python shows no source line for an interrupt: it points nowhere.
    let block = if err.kind == ErrorKind::KeyboardInterrupt {
        format!("{}\n", err.headline())
    } else {
        error_block(number, text, err)
    };
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
pub fn cell_lines(
    session: &Session,
    cell: &Cell,
    names: &Names,
    width: u16,
    mode: ColorMode,
) -> Vec<StyledLine> {
    match &cell.kind {
        CellKind::Prose(text) => text
            .lines()
            .map(|l| vec![(Tone::Plain, l.to_string())])
            .collect(),
        CellKind::Code { text, outcomes } => {
            let mut lines = input_lines(cell.number, text, names);
            lines.extend(output_lines(
                session,
                cell.number,
                text,
                outcomes,
                width,
                mode,
            ));
            lines.push(Vec::new());
            lines
        }
    }
}

/// A greyed note (cut notices, command results), wrapped at spaces to fit
/// `width` columns.
pub fn note(text: &str, width: u16) -> Vec<StyledLine> {
    let width = usize::from(width.max(20));
    let mut lines = Vec::new();
    for para in text.lines() {
        let mut line = String::new();
        for word in para.split(' ') {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
                lines.push(vec![(Tone::Note, std::mem::take(&mut line))]);
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(vec![(Tone::Note, line)]);
    }
    lines
}

#[cfg(test)]
mod tests;
