//! Running session scripts into cells, and the renderers of cells: the
//! notebook transcript, JSON lines, and the `--check` comparison. All four
//! front ends (REPL, `run`, `--json`, `--check`) read the same cells.

pub mod json;
pub mod meta;
pub mod transcript;

use crate::eval::{Event, Session, StmtOutcome, Value};
use crate::script::{Item, Script};

/// One executed cell of a script.
#[derive(Clone, Debug)]
pub struct Cell {
    /// The `In [n]` number (0 for prose).
    pub number: usize,
    /// 1-based first source line.
    pub line: usize,
    pub kind: CellKind,
}

#[derive(Clone, Debug)]
pub enum CellKind {
    Prose(String),
    /// Code or a meta command, with one outcome per statement.
    Code {
        text: String,
        outcomes: Vec<StmtOutcome>,
    },
}

impl Cell {
    /// Every event of the cell, in order.
    pub fn events(&self) -> impl Iterator<Item = &Event> {
        let outcomes: &[StmtOutcome] = match &self.kind {
            CellKind::Code { outcomes, .. } => outcomes,
            CellKind::Prose(_) => &[],
        };
        outcomes.iter().flat_map(|o| o.events.iter())
    }

    pub fn has_error(&self) -> bool {
        self.events().any(|e| matches!(e, Event::Error(_)))
    }
}

/// Runs one script item in `session`.
pub fn run_item(session: &mut Session, item: &Item) -> Cell {
    match item {
        Item::Prose { line, text } => Cell {
            number: 0,
            line: *line,
            kind: CellKind::Prose(text.clone()),
        },
        Item::Code { line, text, .. } => {
            let number = session.count;
            let mut outcomes = session.run_chunk(text);
            if ends_with_semicolon(text)
                && let Some(last) = outcomes.last_mut()
            {
                last.events.retain(|e| !matches!(e, Event::Value(_)));
            }
            Cell {
                number,
                line: *line,
                kind: CellKind::Code {
                    text: text.clone(),
                    outcomes,
                },
            }
        }
        Item::Meta { line, text, .. } => {
            let number = session.count;
            session.count += 1;
            let events = meta::run(session, text);
            Cell {
                number,
                line: *line,
                kind: CellKind::Code {
                    text: text.clone(),
                    outcomes: vec![StmtOutcome {
                        input: text.clone(),
                        offset: 0,
                        events,
                    }],
                },
            }
        }
    }
}

/// IPython's rule: a trailing `;` hides the last statement's `Out` value
/// (printed text and errors still show).
fn ends_with_semicolon(text: &str) -> bool {
    use crate::syntax::TokenKind;
    crate::syntax::tokens(text)
        .iter()
        .rev()
        .find(|t| {
            !matches!(
                t.kind,
                TokenKind::Whitespace | TokenKind::Newline | TokenKind::Comment
            )
        })
        .is_some_and(|t| t.kind == TokenKind::Op && &text[t.span.clone()] == ";")
}

/// Runs a whole script, calling `on_cell` as each cell completes (so output
/// streams while long scripts run).
pub fn run_script(
    session: &mut Session,
    script: &Script,
    mut on_cell: impl FnMut(&Session, &Cell),
) -> Vec<Cell> {
    let mut cells = Vec::with_capacity(script.items.len());
    for item in &script.items {
        let cell = run_item(session, item);
        on_cell(session, &cell);
        cells.push(cell);
    }
    cells
}

/// The text a cell's `#>` lines record: printed text, the `Out` repr, or
/// `ErrorType: message`, in order; `None` when the cell shows nothing.
/// Timings (`:timeit`) differ from run to run, so they are never recorded.
pub fn output_text(session: &Session, cell: &Cell) -> Option<String> {
    let mut out = String::new();
    for e in cell.events() {
        match e {
            Event::Stdout(t) => out.push_str(t),
            Event::Value(Value::View(view)) => {
                out.push_str(&crate::tui::view_text(view, 80));
                out.push('\n');
            }
            Event::Value(v) => {
                out.push_str(&session.repr(v));
                out.push('\n');
            }
            Event::Error(err) => {
                out.push_str(&err.headline());
                out.push('\n');
            }
            Event::Timing(_) => {}
        }
    }
    if out.is_empty() {
        return None;
    }
    if out.ends_with('\n') {
        out.pop();
    }
    Some(out)
}
