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
mod shell;
mod signals;

use std::io::{IsTerminal, Write};

use rustyline::config::{BellStyle, CompletionType, Config};
use rustyline::error::ReadlineError;
use rustyline::history::MemHistory;
use rustyline::{Editor, EventHandler, KeyCode, KeyEvent, Modifiers};

use crate::tui::{self, CellView, ColorMode, Tone, inline_text};

pub use assist::{highlight_spans, hint, submits};
pub use cells::{Look, lines_text};
pub use complete::{Completion, complete};
pub use history::{HistoryFile, default_path as history_path};
pub use names::{Kind, Names};
pub use shell::{Flow, Shell};

use helper::{Helper, HistoryKey};

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
    // SIGINT only raises the flag the evaluator polls (while a line is read
    // the terminal gives Ctrl-C to the editor as a key); SIGTERM, SIGHUP
    // and SIGQUIT give the terminal back before the process ends.
    signals::install();
    let width = if tty { tui::terminal::size().0 } else { 1000 };
    let mut shell = Shell::new(mode, width, tty);
    let mut editor = match make_editor(mode) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("gradlab: cannot start the line editor: {e}");
            return 2;
        }
    };
    let history = open_history(&mut editor);
    shell.history_file = history.as_ref().map(|h| h.path().to_path_buf());
    let mut out = std::io::stdout();
    banner(mode, &mut out);
    let status = loop {
        if tty {
            shell.width = tui::terminal::size().0;
        }
        let names = shell.refresh_names().clone();
        if let Some(h) = editor.helper_mut() {
            h.names = names;
        }
        let n = shell.session.count;
        let raw = format!("In [{n}]: ");
        let styled = prompt(n, mode);
        let read = match shell.take_prefill() {
            Some(text) => {
                editor.readline_with_initial(&(raw.as_str(), styled.as_str()), (&text, ""))
            }
            None => editor.readline(&(raw.as_str(), styled.as_str())),
        };
        match read {
            Ok(text) => {
                if text.trim().is_empty() {
                    continue;
                }
                // Trailing blank lines end a block; they are not part of it
                // (but the editor showed them: the redraw starts above them).
                let shown_rows = text.split('\n').count();
                let text = text.trim_end().to_string();
                let _ = editor.add_history_entry(text.as_str());
                if let Some(h) = &history
                    && let Err(e) = h.append(&text)
                {
                    eprintln!("gradlab: history not saved: {e}");
                }
                if tty && shown_rows > 1 {
                    redraw_input(&shell, n, &text, shown_rows, &mut out);
                }
                if shell.submit(&text, &mut out) == Flow::Quit {
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
    // The history gets the same size limit as the file keeps (its own
    // default is 100 entries, which hid the rest from Up and Ctrl-R).
    let history = MemHistory::with_config(&config);
    let mut editor = Editor::with_history(config, history)?;
    editor.set_helper(Some(Helper::new(mode)));
    for (code, up) in [(KeyCode::Up, true), (KeyCode::Down, false)] {
        editor.bind_sequence(
            KeyEvent(code, Modifiers::NONE),
            EventHandler::Conditional(Box::new(HistoryKey { up })),
        );
    }
    // Enter continues an incomplete input (via the validator) without
    // indenting: the indentation typed or pasted is the one that counts.
    Ok(editor)
}

/// Loads the persistent history into the editor; None (with a note on
/// stderr) when it cannot be opened, and the session goes on without it.
/// Entries that are not valid text are skipped, with one note.
fn open_history(editor: &mut LineEditor) -> Option<HistoryFile> {
    let path = history::default_path()?;
    match HistoryFile::open(path.clone()) {
        Ok((file, entries, skipped)) => {
            if skipped > 0 {
                eprintln!(
                    "gradlab: skipped {skipped} history {} that {} not valid UTF-8 in {}",
                    if skipped == 1 { "entry" } else { "entries" },
                    if skipped == 1 { "is" } else { "are" },
                    path.display()
                );
            }
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

fn banner(mode: ColorMode, out: &mut dyn Write) {
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
    let _ = out.write_all(lines_text(&lines, mode).as_bytes());
    let _ = out.flush();
}

/// Replaces a multi-line input the editor left on screen (continuation
/// lines at column 0, `shown_lines` of them with the blank lines that
/// ended it) with the echoed cell, `...:` prompts and all. Only relative
/// cursor moves are used; an input taller than the screen is left as it is
/// (the rows above the screen cannot be reached).
fn redraw_input(shell: &Shell, n: usize, text: &str, shown_lines: usize, out: &mut dyn Write) {
    let blank_rows = shown_lines.saturating_sub(text.split('\n').count());
    let rows: usize = blank_rows
        + text
            .split('\n')
            .enumerate()
            .map(|(i, l)| {
                let shown = if i == 0 {
                    format!("In [{n}]: {l}")
                } else {
                    l.to_string()
                };
                CellView::new(vec![vec![(Tone::Plain, shown)]]).height(shell.width)
            })
            .sum::<usize>();
    let screen = usize::from(tui::terminal::size().1);
    if rows >= screen {
        return;
    }
    let echo = cells::input_lines(n, text, &shell.names);
    let _ = write!(out, "\x1b[{rows}A\r\x1b[J{}", lines_text(&echo, shell.mode));
    let _ = out.flush();
}
