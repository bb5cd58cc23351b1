//! The interactive notebook: `In [n]:` prompts read by rustyline (which
//! owns the terminal only while a line is read), cells drawn by
//! [`crate::tui`] into the normal scrollback.
//!
//! Ctrl-C cancels the line being edited; during evaluation a SIGINT handler
//! sets [`limits::interrupt`], which the evaluator and engine poll, so a
//! long computation stops with `KeyboardInterrupt` and the session intact.
//! Ctrl-D on an empty line exits. The terminal is restored on every exit
//! path by the hook of [`crate::tui::terminal`].

mod assist;
mod cells;
mod complete;
mod helper;
mod history;
mod names;
mod notebook;

use std::io::{IsTerminal, Write};

use rustyline::config::{BellStyle, CompletionType, Config};
use rustyline::error::ReadlineError;
use rustyline::history::MemHistory;
use rustyline::{Editor, EventHandler, KeyCode, KeyEvent, Modifiers};

use crate::engine::limits;
use crate::tui::{self, CellView, ColorMode, Tone, cell_text, inline_text};

pub use assist::{highlight_spans, hint, submits};
pub use complete::{Completion, complete};
pub use history::{HistoryFile, default_path as history_path};
pub use names::{Kind, Names};
pub use notebook::{Flow, Notebook};

use helper::{EnterKey, Helper, HistoryKey};

type LineEditor = Editor<Helper, MemHistory>;

/// Runs the interactive notebook; returns the exit status.
pub fn run(no_color: bool) -> i32 {
    tui::terminal::install_restore_hook();
    let tty = std::io::stdout().is_terminal();
    let mode = if no_color {
        ColorMode::Plain
    } else {
        ColorMode::detect(tty)
    };
    // The handler only raises the flag; outside evaluation nothing polls it
    // and each cell clears it first, and while a line is read the terminal
    // delivers Ctrl-C to rustyline as a key instead.
    let _ = ctrlc::set_handler(limits::interrupt);
    let (width, rows) = tui::terminal::size();
    let (width, max_rows) = if tty {
        (width, Some(usize::from(rows).saturating_sub(2).max(4)))
    } else {
        (1000, None)
    };
    let mut nb = Notebook::new(mode, width, max_rows);
    let mut editor = match make_editor(mode) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("gradlab: cannot start the line editor: {e}");
            return 2;
        }
    };
    let history = open_history(&mut editor);
    let mut out = std::io::stdout();
    banner(mode, width, &mut out);
    let status = loop {
        if tty {
            let (w, r) = tui::terminal::size();
            nb.width = w;
            nb.max_rows = Some(usize::from(r).saturating_sub(2).max(4));
        }
        let names = nb.refresh_names().clone();
        if let Some(h) = editor.helper_mut() {
            h.names = names;
        }
        let n = nb.session.count;
        let raw = format!("In [{n}]: ");
        let styled = prompt(n, mode);
        match editor.readline(&(raw.as_str(), styled.as_str())) {
            Ok(text) => {
                if text.trim().is_empty() {
                    continue;
                }
                let _ = editor.add_history_entry(text.as_str());
                if let Some(h) = &history
                    && let Err(e) = h.append(&text)
                {
                    eprintln!("gradlab: history not saved: {e}");
                }
                if tty && text.contains('\n') {
                    redraw_input(&nb, n, &text, &mut out);
                }
                if nb.submit(&text, &mut out) == Flow::Quit {
                    break 0;
                }
            }
            Err(ReadlineError::Interrupted) => continue,
            Err(ReadlineError::Eof) => {
                let _ = writeln!(out);
                break 0;
            }
            Err(e) => {
                eprintln!("gradlab: {e}");
                break 1;
            }
        }
    };
    tui::terminal::restore();
    status
}

fn make_editor(mode: ColorMode) -> rustyline::Result<LineEditor> {
    let config = Config::builder()
        .max_history_size(history::MAX_ENTRIES)?
        .history_ignore_dups(true)?
        .history_ignore_space(true)
        .auto_add_history(false)
        .completion_type(CompletionType::List)
        .bell_style(BellStyle::None)
        .color_mode(if mode == ColorMode::Plain {
            rustyline::ColorMode::Disabled
        } else {
            rustyline::ColorMode::Forced
        })
        .build();
    let mut editor = Editor::with_history(config, MemHistory::new())?;
    editor.set_helper(Some(Helper::new(mode)));
    for (code, up) in [(KeyCode::Up, true), (KeyCode::Down, false)] {
        editor.bind_sequence(
            KeyEvent(code, Modifiers::NONE),
            EventHandler::Conditional(Box::new(HistoryKey { up })),
        );
    }
    editor.bind_sequence(
        KeyEvent(KeyCode::Enter, Modifiers::NONE),
        EventHandler::Conditional(Box::new(EnterKey)),
    );
    Ok(editor)
}

/// Loads the persistent history into the editor; None (with a note on
/// stderr) when it cannot be opened, and the session goes on without it.
fn open_history(editor: &mut LineEditor) -> Option<HistoryFile> {
    let path = history::default_path()?;
    match HistoryFile::open(path.clone()) {
        Ok((file, entries)) => {
            for e in entries {
                let _ = editor.add_history_entry(e);
            }
            Some(file)
        }
        Err(e) => {
            eprintln!("gradlab: history off ({}: {e})", path.display());
            None
        }
    }
}

fn prompt(n: usize, mode: ColorMode) -> String {
    let num = n.to_string();
    inline_text(
        &[
            (Tone::InPrompt, "In ["),
            (Tone::InNumber, &num),
            (Tone::InPrompt, "]: "),
        ],
        mode,
    )
}

fn banner(mode: ColorMode, width: u16, out: &mut dyn Write) {
    let lines = vec![
        vec![(
            Tone::Plain,
            format!(
                "gradlab {} — NumPy's np.gradient and np.diff, exactly.",
                env!("CARGO_PKG_VERSION")
            ),
        )],
        vec![(
            Tone::Note,
            ":help for commands and functions, Tab completes, Ctrl-D quits.".to_string(),
        )],
        vec![],
    ];
    let _ = out.write_all(cell_text(&lines, width, mode).as_bytes());
    let _ = out.flush();
}

/// Replaces a multi-line input the editor left on screen (continuation
/// lines at column 0) with the echoed cell, `...:` prompts and all. Only
/// relative cursor moves are used; an input taller than the screen is left
/// as it is.
fn redraw_input(nb: &Notebook, n: usize, text: &str, out: &mut dyn Write) {
    let rows: usize = text
        .split('\n')
        .enumerate()
        .map(|(i, l)| {
            let shown = if i == 0 {
                format!("In [{n}]: {l}")
            } else {
                l.to_string()
            };
            CellView::new(vec![vec![(Tone::Plain, shown)]]).height(nb.width)
        })
        .sum();
    if nb.max_rows.is_none_or(|m| rows > m) {
        return;
    }
    let echo = cells::input_lines(n, text, &nb.names);
    let _ = write!(
        out,
        "\x1b[{rows}A\r\x1b[J{}",
        cell_text(&echo, nb.width, nb.mode)
    );
    let _ = out.flush();
}
