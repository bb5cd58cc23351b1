//! The interactive notebook without the terminal: submit an input, get its
//! cell printed to a writer. Interactive-only meta commands live here.

use crate::eval::ErrorKind;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::engine::limits;
use crate::eval::{EvalError, Event, Session, StmtOutcome};
use crate::notebook::meta::{self, Scope};
use crate::notebook::{Cell, CellKind, run_item, run_script};
use crate::script::{Item, Script, is_meta};
use crate::tui::{CellView, ColorMode, StyledLine, Tone, cell_text};

use super::cells::{cell_lines, note, output_lines};
use super::names::Names;

/// What the prompt loop does next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    Continue,
    Quit,
}

/// A session, every cell run in it (for `:save`/`:history`), and how cells
/// are drawn.
pub struct Notebook {
    pub session: Session,
    pub cells: Vec<Cell>,
    pub mode: ColorMode,
    /// Columns cells are drawn in.
    pub width: u16,
    /// Rows a cell may take before it is cut (`None`: never cut).
    pub max_rows: Option<usize>,
    pub names: Names,
    /// Whether output goes to a terminal (which echoes `^C` on Ctrl-C).
    pub tty: bool,
}

impl Notebook {
    pub fn new(mode: ColorMode, width: u16, max_rows: Option<usize>) -> Notebook {
        Notebook {
            session: Session::new(),
            cells: Vec::new(),
            mode,
            width,
            max_rows,
            names: Names::default(),
            tty: max_rows.is_some(),
        }
    }

    /// Re-reads the session's names for the editing aids.
    pub fn refresh_names(&mut self) -> &Names {
        self.names = Names::from_session(&self.session);
        &self.names
    }

    /// Runs one input typed at the prompt (already on screen) and writes
    /// its outputs and the blank line that ends the cell.
    pub fn submit(&mut self, text: &str, out: &mut dyn Write) -> Flow {
        let text = text.trim_end();
        if text.trim().is_empty() {
            return Flow::Continue;
        }
        limits::clear_interrupt();
        if is_meta(text) {
            match meta::parse(text) {
                Err(e) => self.show_error(text, e, out),
                Ok((m, rest)) if m.scope == Scope::Interactive => {
                    return self.interactive(m.name, rest, text, out);
                }
                Ok(_) => self.run(
                    Item::Meta {
                        line: 1,
                        last: 0,
                        text: text.into(),
                        expected: None,
                    },
                    out,
                ),
            }
        } else {
            self.run(
                Item::Code {
                    line: 1,
                    last: 0,
                    text: text.into(),
                    expected: None,
                },
                out,
            );
        }
        Flow::Continue
    }

    fn run(&mut self, item: Item, out: &mut dyn Write) {
        let cell = run_item(&mut self.session, &item);
        let interrupted = cell
            .events()
            .any(|e| matches!(e, Event::Error(e) if e.kind == ErrorKind::KeyboardInterrupt));
        if interrupted && self.tty {
            // Overwrite the `^C` the terminal echoed.
            let _ = out.write_all(b"\r\x1b[K");
        }
        if let CellKind::Code { text, outcomes } = &cell.kind {
            let lines = output_lines(
                &self.session,
                cell.number,
                text,
                outcomes,
                self.width,
                self.mode,
            );
            self.print(lines, out);
        }
        self.cells.push(cell);
    }

    /// Writes lines plus the cell's closing blank line, cut to the screen.
    fn print(&self, mut lines: Vec<StyledLine>, out: &mut dyn Write) {
        if let Some(max) = self.max_rows {
            lines = fit(lines, self.width, max);
        }
        lines.push(Vec::new());
        let _ = out.write_all(cell_text(&lines, self.width, self.mode).as_bytes());
        let _ = out.flush();
    }

    fn show_error(&self, text: &str, err: EvalError, out: &mut dyn Write) {
        let o = StmtOutcome {
            input: text.into(),
            offset: 0,
            events: vec![Event::Error(err)],
        };
        let lines = output_lines(
            &self.session,
            self.session.count,
            text,
            &[o],
            self.width,
            self.mode,
        );
        self.print(lines, out);
    }

    fn usage(&self, text: &str, message: &str, out: &mut dyn Write) -> Flow {
        self.show_error(text, EvalError::new(ErrorKind::UsageError, message), out);
        Flow::Continue
    }

    fn interactive(&mut self, name: &str, rest: &str, text: &str, out: &mut dyn Write) -> Flow {
        match name {
            "quit" => return Flow::Quit,
            "history" => {
                let n = match rest {
                    "" => self.cells.len(),
                    r => match r.parse::<usize>() {
                        Ok(n) => n,
                        Err(_) => return self.usage(text, "usage: :history [n]", out),
                    },
                };
                let from = self.cells.len().saturating_sub(n);
                let script = crate::export::to_script(&self.session, &self.cells[from..]);
                let lines = if script.trim().is_empty() {
                    note("No history yet.", self.width)
                } else {
                    script
                        .lines()
                        .map(|l| vec![(Tone::Plain, l.to_string())])
                        .collect()
                };
                self.print(lines, out);
            }
            "save" | "export" => {
                if rest.is_empty() {
                    return self.usage(text, &format!("usage: :{name} FILE"), out);
                }
                let mut path = PathBuf::from(rest);
                if name == "save" && path.extension().is_none() {
                    path.set_extension("grad");
                }
                match crate::export::export_file(&self.session, &self.cells, &path) {
                    Ok(()) => {
                        let n = self.cells.len();
                        self.print(
                            note(
                                &format!("Wrote {n} cells to {}", path.display()),
                                self.width,
                            ),
                            out,
                        );
                    }
                    Err(e) => self.show_error(
                        text,
                        EvalError::new(ErrorKind::OSError, e.to_string()),
                        out,
                    ),
                }
            }
            "run" => {
                if rest.is_empty() {
                    return self.usage(text, "usage: :run FILE", out);
                }
                self.replay(Path::new(rest), text, out);
            }
            "explore" => self.explore(rest, text, out),
            other => return self.usage(text, &format!(":{other} is not handled here"), out),
        }
        Flow::Continue
    }

    /// `:run FILE`: the script's cells run in this session, each printed as
    /// the transcript shows it as it completes.
    fn replay(&mut self, path: &Path, text: &str, out: &mut dyn Write) {
        let src = match std::fs::read_to_string(path) {
            Ok(s) => s,
            Err(e) => {
                let msg = format!("{e}: '{}'", path.display());
                return self.show_error(text, EvalError::new(ErrorKind::OSError, msg), out);
            }
        };
        let script = Script::parse(&src);
        let (width, mode, names) = (self.width, self.mode, self.names.clone());
        let mut after_prose = false;
        let cells = run_script(&mut self.session, &script, |s, cell| {
            let mut lines = if after_prose && !matches!(cell.kind, CellKind::Prose(_)) {
                vec![Vec::new()]
            } else {
                vec![]
            };
            lines.extend(cell_lines(s, cell, &names, width, mode));
            after_prose = matches!(cell.kind, CellKind::Prose(_));
            let _ = out.write_all(cell_text(&lines, width, mode).as_bytes());
            let _ = out.flush();
        });
        self.cells.extend(cells);
    }
}

/// The lines cut to `max` rows, with a note saying how to see everything.
fn fit(lines: Vec<StyledLine>, width: u16, max: usize) -> Vec<StyledLine> {
    let rows = |l: &StyledLine| CellView::new(vec![l.clone()]).height(width);
    let total: usize = lines.iter().map(rows).sum();
    if total <= max {
        return lines;
    }
    let mut kept = Vec::new();
    let mut used = 0;
    for l in lines {
        let r = rows(&l);
        // Two rows stay free for the note.
        if used + r + 2 > max {
            break;
        }
        used += r;
        kept.push(l);
    }
    kept.extend(note(
        &format!(
            "… {} more rows not shown (the cell is taller than the terminal; :explore NAME shows an array in full)",
            total - used
        ),
        width,
    ));
    kept
}

mod explore;

#[cfg(test)]
mod tests;
