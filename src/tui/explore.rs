//! `:explore`: a full-screen explorer of a 1-D or 2-D array on the
//! alternate screen. Keys toggle `edge_order`, cycle the axis, change the
//! spacing and move a cursor whose element's formula is shown live (see
//! [`App::handle_key`]); `q` gives the terminal back exactly as it was.
//!
//! The state is a plain struct ([`App`]) drawn by `impl Widget for &App`;
//! only [`explore`] touches the terminal (raw mode and the alternate screen,
//! restored on every exit path: normal return, I/O error, or panic through
//! the hook of [`super::terminal`], whose [`super::terminal::restore`] is
//! the one place that gives the terminal back, also for signal handlers).
//!
//! Keys never queue up behind a slow frame: every frame handles all the
//! keys that arrived meanwhile, dropping repeats of the same key (a held
//! arrow), and draws once. While a spacing expression is evaluated, a
//! watcher thread keeps reading keys: Ctrl-C interrupts the evaluation, `q`
//! or Esc interrupts it and leaves. Keys still pending when the explorer
//! closes are discarded, so they cannot close the next one.

mod app;
mod grid;
mod render;

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Color;

pub use app::{Action, App, Spacing, explorable};

use super::{ColorMode, THEME, terminal};
use crate::engine::{Array, EdgeOrder, limits};

/// Why the explorer did not run.
#[derive(Debug, thiserror::Error)]
pub enum ExploreError {
    /// The array cannot be explored: NumPy's error for `np.gradient` of it
    /// (a `TypeError` for booleans), or [`explorable`]'s.
    #[error("{0}")]
    Array(#[from] crate::engine::Error),
    /// The terminal failed.
    #[error("{0}")]
    Io(#[from] io::Error),
}

/// The settings when the explorer was left, for the notebook to keep.
#[derive(Clone, Debug, PartialEq)]
pub struct ExploreOutcome {
    pub edge_order: EdgeOrder,
    pub axis: usize,
    pub spacing: Spacing,
    /// The multi-index of the selected element.
    pub cursor: Vec<usize>,
}

/// Raw mode and the alternate screen while alive; dropping it restores the
/// terminal (also when the loop returns early with an error).
struct Screen;

impl Screen {
    fn enter() -> io::Result<Screen> {
        // Told first, so a failure half-way (or a panic later) still leaves
        // the alternate screen.
        terminal::set_alternate_screen(true);
        let screen = Screen;
        enable_raw_mode()?;
        execute!(io::stdout(), EnterAlternateScreen, cursor::Hide)?;
        Ok(screen)
    }
}

impl Drop for Screen {
    fn drop(&mut self) {
        terminal::restore();
    }
}

/// Runs the explorer of `array` (called `name`) until `q`/Esc; colours per
/// `color` (none at all in [`ColorMode::Plain`], where glyphs carry every
/// cue). `resolve` turns spacing text that is not a plain number (a
/// variable name or an expression) into an array, or says why it cannot;
/// it is interrupted (through [`limits::interrupt`]) by Ctrl-C, `q` or Esc.
///
/// # Errors
/// [`ExploreError::Array`] before the screen is touched, for arrays the
/// explorer cannot show; terminal I/O errors. The terminal is restored in
/// every case.
pub fn explore(
    array: &Array,
    name: &str,
    color: ColorMode,
    resolve: &mut dyn FnMut(&str) -> Result<Array, String>,
) -> Result<ExploreOutcome, ExploreError> {
    let app = App::new(array, name)?;
    let plain = color == ColorMode::Plain;
    let mut app = if plain {
        app.with_theme(THEME.plain())
    } else {
        app
    };
    let screen = Screen::enter()?;
    let mut term = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let mut draw = |app: &App| {
        term.draw(|frame| {
            frame.render_widget(app, frame.area());
            if plain {
                strip_colours(frame.buffer_mut());
            }
        })
        .map(|_| ())
    };
    'frames: loop {
        draw(&app)?;
        // A resize needs nothing but the redraw at the top of the loop.
        let mut repeats = Repeats::default();
        for key in pending_keys()? {
            if !repeats.admit(&key, app.input.is_some()) {
                continue;
            }
            match app.handle_key(key) {
                Action::Quit => break 'frames,
                Action::ResolveSpacing(text) => {
                    app.message = Some(format!("evaluating {text} … (Ctrl-C cancels, q leaves)"));
                    draw(&app)?;
                    app.message = None;
                    let ((), quit) = watched(|| app.apply_spacing(&text, resolve));
                    if quit {
                        break 'frames;
                    }
                }
                Action::None => {}
            }
        }
    }
    discard_pending()?;
    drop(screen);
    Ok(app.outcome())
}

/// The key events that are waiting: at least one (blocking for it), then
/// every one already queued. Releases are left out.
fn pending_keys() -> io::Result<Vec<KeyEvent>> {
    let mut keys = Vec::new();
    let mut wait = true;
    while wait || event::poll(Duration::ZERO)? {
        wait = false;
        if let Event::Key(key) = event::read()? {
            if key.kind != KeyEventKind::Release {
                keys.push(key);
            }
        } else if keys.is_empty() {
            // A resize or focus change: redraw now.
            break;
        }
    }
    Ok(keys)
}

/// The filter of one frame's keys: a held key repeats faster than a big
/// array redraws, so a key equal to the one before it is dropped (one step
/// per frame), unless it is text being typed.
#[derive(Default)]
struct Repeats {
    previous: Option<KeyEvent>,
}

impl Repeats {
    /// Whether `key` is to be handled; `typing` when the spacing editor is
    /// open.
    fn admit(&mut self, key: &KeyEvent, typing: bool) -> bool {
        let repeat = self
            .previous
            .is_some_and(|p| p.code == key.code && p.modifiers == key.modifiers);
        self.previous = Some(*key);
        typing || !repeat
    }
}

/// Throws away every input event not read yet, crossterm's and the
/// terminal's own queue alike.
fn discard_pending() -> io::Result<()> {
    while event::poll(Duration::ZERO)? {
        event::read()?;
    }
    // SAFETY: tcflush only discards fd 0's pending input.
    unsafe {
        libc::tcflush(libc::STDIN_FILENO, libc::TCIFLUSH);
    }
    Ok(())
}

/// Runs `work` while a thread watches the keyboard: Ctrl-C interrupts it,
/// `q` and Esc interrupt it and ask to leave (the `bool`); other keys
/// pressed meanwhile are dropped. The interrupt request is cleared
/// afterwards, so it cannot reach the notebook.
fn watched<T>(work: impl FnOnce() -> T) -> (T, bool) {
    let done = Arc::new(AtomicBool::new(false));
    let quit = Arc::new(AtomicBool::new(false));
    let watcher = {
        let (done, quit) = (Arc::clone(&done), Arc::clone(&quit));
        std::thread::spawn(move || {
            while !done.load(Ordering::SeqCst) {
                let Ok(true) = event::poll(Duration::from_millis(20)) else {
                    continue;
                };
                let Ok(Event::Key(key)) = event::read() else {
                    continue;
                };
                let ctrl_c =
                    key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
                let leave = matches!(key.code, KeyCode::Char('q') | KeyCode::Esc);
                if ctrl_c || leave {
                    quit.fetch_or(leave, Ordering::SeqCst);
                    limits::interrupt();
                }
            }
        })
    };
    let out = work();
    done.store(true, Ordering::SeqCst);
    let _ = watcher.join();
    limits::clear_interrupt();
    (out, quit.load(Ordering::SeqCst))
}

/// NO_COLOR: every cell back to the terminal's own colours (modifiers such
/// as reverse video are not colours and stay).
fn strip_colours(buf: &mut Buffer) {
    for cell in &mut buf.content {
        cell.fg = Color::Reset;
        cell.bg = Color::Reset;
    }
}

#[cfg(test)]
mod tests;
