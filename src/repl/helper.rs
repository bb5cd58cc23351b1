//! The rustyline adapter: each trait delegates to a plain function of
//! [`super::complete`] or [`super::assist`], and styles go through the
//! tui cell renderer, so the editor and the printed cells look alike.

use std::borrow::Cow;
use std::cell::Cell;
use std::path::Path;

use rustyline::completion::Completer;
use rustyline::highlight::{CmdKind, Highlighter};
use rustyline::hint::{Hint, Hinter};
use rustyline::validate::{ValidationContext, ValidationResult, Validator};
use rustyline::{Cmd, ConditionalEventHandler, Context, Event, EventContext, RepeatCount};

use crate::tui::{ColorMode, Tone, inline_text};

use super::assist;
use super::complete::complete;
use super::names::Names;

/// The editing aids, with the session's names as of the current prompt.
pub struct Helper {
    pub names: Names,
    pub mode: ColorMode,
    /// Off for the final redraw when a line is accepted, so the bracket
    /// marks do not stay in the scrollback.
    show_bracket: Cell<bool>,
}

impl Helper {
    pub fn new(mode: ColorMode) -> Helper {
        Helper {
            names: Names::default(),
            mode,
            show_bracket: Cell::new(true),
        }
    }
}

/// A signature hint: shown greyed, never inserted by the right arrow.
pub struct SignatureHint(String);

impl Hint for SignatureHint {
    fn display(&self) -> &str {
        &self.0
    }

    fn completion(&self) -> Option<&str> {
        None
    }
}

impl Completer for Helper {
    type Candidate = String;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<String>)> {
        let c = complete(line, pos, &self.names, Path::new("."));
        Ok((c.start, c.candidates))
    }
}

impl Hinter for Helper {
    type Hint = SignatureHint;

    fn hint(&self, line: &str, pos: usize, _ctx: &Context<'_>) -> Option<SignatureHint> {
        assist::hint(line, pos, &self.names).map(SignatureHint)
    }
}

impl Highlighter for Helper {
    fn highlight<'l>(&self, line: &'l str, pos: usize) -> Cow<'l, str> {
        if self.mode == ColorMode::Plain {
            return Cow::Borrowed(line);
        }
        let cursor = self.show_bracket.get().then_some(pos);
        let spans = assist::highlight_spans(line, cursor, &self.names);
        // Styled line by line: the buffer writer ends every row with a reset.
        let mut rows: Vec<Vec<(Tone, &str)>> = vec![Vec::new()];
        for (tone, range) in spans {
            let mut parts = line[range].split('\n');
            rows.last_mut()
                .expect("never empty")
                .push((tone, parts.next().unwrap_or("")));
            for part in parts {
                rows.push(vec![(tone, part)]);
            }
        }
        let styled: Vec<String> = rows.iter().map(|r| inline_text(r, self.mode)).collect();
        Cow::Owned(styled.join("\n"))
    }

    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        Cow::Owned(inline_text(&[(Tone::Note, hint)], self.mode))
    }

    fn highlight_char(&self, _line: &str, _pos: usize, kind: CmdKind) -> bool {
        self.show_bracket.set(kind != CmdKind::ForcedRefresh);
        true
    }
}

impl Validator for Helper {
    fn validate(&self, ctx: &mut ValidationContext) -> rustyline::Result<ValidationResult> {
        Ok(if assist::submits(ctx.input()) {
            ValidationResult::Valid(None)
        } else {
            ValidationResult::Incomplete
        })
    }
}

impl rustyline::Helper for Helper {}

/// Up/Down: prefix search through history on the first/last line of the
/// input; inside a multi-line input they move between its lines.
pub struct HistoryKey {
    pub up: bool,
}

impl ConditionalEventHandler for HistoryKey {
    fn handle(&self, _: &Event, _: RepeatCount, _: bool, ctx: &EventContext) -> Option<Cmd> {
        let (line, pos) = (ctx.line(), ctx.pos());
        if self.up && !line[..pos].contains('\n') {
            Some(Cmd::HistorySearchBackward)
        } else if !self.up && !line[pos..].contains('\n') {
            Some(Cmd::HistorySearchForward)
        } else {
            None
        }
    }
}
