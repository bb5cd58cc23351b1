//! The interactive shell without the terminal: submit an input, get its
//! cell written to a writer. Every output is written in full into the
//! scrollback (the terminal scrolls; `:explore` browses big arrays), one
//! line per line of text, so the terminal soft-wraps long lines and copied
//! output is NumPy's text. Meta commands that need the prompt run against
//! [`Host`], implemented here.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::engine::limits;
use crate::eval::{ErrorKind, EvalError, Event, Session, StmtOutcome};
use crate::notebook::meta::{self, Call, Host, MetaResult, XMode};
use crate::notebook::{Cell, CellKind, panic_error, run_item, run_script};
use crate::script::{Item, Script, is_meta};
use crate::tui::{ColorMode, StyledLine};

use super::cells::{Look, cell_lines, lines_text, output_lines};
use super::names::Names;

/// What the prompt loop does next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    Continue,
    Quit,
}

/// A session, every cell run in it (for `%history`, `:save`), and how
/// cells are drawn.
pub struct Shell {
    pub session: Session,
    pub cells: Vec<Cell>,
    pub mode: ColorMode,
    /// Columns views are drawn in (text lines are never cut or wrapped).
    pub width: u16,
    pub names: Names,
    /// Whether output goes to a terminal (which echoes `^C` on Ctrl-C).
    pub tty: bool,
    pub xmode: XMode,
    /// The history file `%history -g` searches.
    pub history_file: Option<PathBuf>,
    quit: bool,
    prefill: Option<String>,
}

/// `exit`, `quit`, `exit()`, `quit()`: IPython leaves on these.
fn is_exit(text: &str) -> bool {
    matches!(text.trim(), "exit" | "quit" | "exit()" | "quit()")
}

impl Shell {
    pub fn new(mode: ColorMode, width: u16, tty: bool) -> Shell {
        Shell {
            session: Session::new(),
            cells: Vec::new(),
            mode,
            width,
            names: Names::default(),
            tty,
            xmode: XMode::default(),
            history_file: None,
            quit: false,
            prefill: None,
        }
    }

    /// Re-reads the session's names for the editing aids.
    pub fn refresh_names(&mut self) -> &Names {
        self.names = Names::from_session(&self.session);
        &self.names
    }

    /// Text for the next prompt to start with (`%load`), taken once.
    pub fn take_prefill(&mut self) -> Option<String> {
        self.prefill.take()
    }

    fn look(&self) -> Look {
        Look {
            width: self.width,
            mode: self.mode,
            xmode: self.xmode,
        }
    }

    /// Runs one input typed at the prompt (already on screen) and writes
    /// its outputs and the blank line that ends the cell.
    pub fn submit(&mut self, text: &str, out: &mut dyn Write) -> Flow {
        let text = text.trim_end();
        if text.trim().is_empty() {
            return Flow::Continue;
        }
        // A user's own `exit = ...` shadows the shortcut, as in IPython.
        if is_exit(text)
            && self
                .session
                .get(text.trim().trim_end_matches("()"))
                .is_none()
        {
            return Flow::Quit;
        }
        limits::clear_interrupt();
        let at = self.cells.len();
        let cell = if is_meta(text) {
            let number = self.session.count;
            self.session.record_input(number, text);
            self.session.count += 1;
            let events = self.guarded_meta(text);
            Cell {
                number,
                line: 1,
                kind: CellKind::Code {
                    text: text.into(),
                    outcomes: vec![StmtOutcome {
                        input: text.into(),
                        offset: 0,
                        events,
                    }],
                },
            }
        } else {
            let item = Item::Code {
                line: 1,
                last: 0,
                text: text.into(),
                expected: None,
            };
            let mut cell = run_item(&mut self.session, &item);
            // A cell that leaves figures open shows them, as in Jupyter.
            let figures = self.session.show_open_figures();
            if let CellKind::Code { outcomes, .. } = &mut cell.kind
                && let Some(last) = outcomes.last_mut()
            {
                last.events.extend(figures);
            }
            cell
        };
        self.show(&cell, out);
        self.cells.insert(at, cell);
        if std::mem::take(&mut self.quit) {
            Flow::Quit
        } else {
            Flow::Continue
        }
    }

    /// A meta command, a panic in it turned into a `SystemError` event.
    fn guarded_meta(&mut self, text: &str) -> Vec<Event> {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| meta::run_at(self, text)))
            .unwrap_or_else(|p| vec![Event::Error(panic_error(p.as_ref()))])
    }

    /// Writes a cell's outputs (its input is already on screen).
    fn show(&self, cell: &Cell, out: &mut dyn Write) {
        let CellKind::Code { text, outcomes } = &cell.kind else {
            return;
        };
        let interrupted = cell
            .events()
            .any(|e| matches!(e, Event::Error(e) if e.kind == ErrorKind::KeyboardInterrupt));
        if interrupted && self.tty {
            // Overwrite the `^C` the terminal echoed.
            let _ = out.write_all(b"\r\x1b[K");
        }
        let lines = output_lines(&self.session, cell.number, text, outcomes, &self.look());
        self.print(lines, out);
    }

    /// Writes lines plus the cell's closing blank line, in full.
    fn print(&self, mut lines: Vec<StyledLine>, out: &mut dyn Write) {
        lines.push(Vec::new());
        let _ = out.write_all(lines_text(&lines, self.mode).as_bytes());
        let _ = out.flush();
    }
}

impl Host for Shell {
    fn session(&mut self) -> &mut Session {
        &mut self.session
    }

    fn cells(&self) -> &[Cell] {
        &self.cells
    }

    fn saved_history(&self) -> Vec<String> {
        self.history_file
            .as_deref()
            .map(|p| super::history::read_entries(p).0)
            .unwrap_or_default()
    }

    /// `:run FILE`: the script's cells run in this session, each printed as
    /// the transcript shows it as it completes. Its paths start in its own
    /// folder, as for `gradlab run`.
    fn replay(&mut self, path: &Path) -> MetaResult {
        let src = std::fs::read_to_string(path).map_err(|e| meta_os_error(&e, path))?;
        let script = Script::parse(&src);
        let look = self.look();
        let names = self.names.clone();
        let mut after_prose = false;
        let mut out = std::io::stdout();
        let cells = crate::notebook::in_folder_of(path, || {
            run_script(&mut self.session, &script, |s, cell| {
                let mut lines = if after_prose && !matches!(cell.kind, CellKind::Prose(_)) {
                    vec![Vec::new()]
                } else {
                    vec![]
                };
                lines.extend(cell_lines(s, cell, &names, &look));
                after_prose = matches!(cell.kind, CellKind::Prose(_));
                let _ = out.write_all(lines_text(&lines, look.mode).as_bytes());
                let _ = out.flush();
            })
        })
        .map_err(|e| meta_os_error(&e, path))?;
        self.cells.extend(cells);
        Ok(vec![])
    }

    fn explore(&mut self, call: &Call) -> MetaResult {
        self.explore_call(call)
    }

    fn export(&mut self, path: &Path) -> MetaResult {
        crate::export::export_file(&self.session, &self.cells, path)
            .map_err(|e| meta_os_error(&e, path))?;
        let n = self.cells.len();
        Ok(vec![Event::Stdout(format!(
            "Wrote {n} cells to {}\n",
            path.display()
        ))])
    }

    fn quit(&mut self) {
        self.quit = true;
    }

    fn prefill(&mut self, text: String) {
        self.prefill = Some(text);
    }

    fn xmode(&mut self) -> &mut XMode {
        &mut self.xmode
    }
}

fn meta_os_error(e: &std::io::Error, path: &Path) -> EvalError {
    crate::notebook::meta::os_error(e, path)
}

mod explore;

#[cfg(test)]
mod tests;
