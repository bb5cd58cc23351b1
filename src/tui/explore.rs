//! `:explore`: a full-screen explorer of a 1-D or 2-D array on the
//! alternate screen. Keys toggle `edge_order`, cycle the axis, change the
//! spacing and move a cursor whose element's formula is shown live (see
//! [`App::handle_key`]); `q` gives the terminal back exactly as it was.
//!
//! The state is a plain struct ([`App`]) drawn by `impl Widget for &App`;
//! only [`explore`] touches the terminal (raw mode and the alternate screen,
//! restored on every exit path: normal return, I/O error, or panic through
//! the hook of [`super::terminal`]).

mod app;
mod grid;
mod render;

use std::io;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Color;

pub use app::{Action, App, Spacing, explorable};

use super::{ColorMode, THEME, terminal};
use crate::array::{Array, limits};
use crate::engine::EdgeOrder;

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
/// variable name or an expression) into an array, or says why it cannot.
///
/// # Errors
/// `InvalidInput` with [`explorable`]'s message for arrays it cannot show;
/// terminal I/O errors. The terminal is restored in every case.
pub fn explore(
    array: &Array,
    name: &str,
    color: ColorMode,
    resolve: &mut dyn FnMut(&str) -> Result<Array, String>,
) -> io::Result<ExploreOutcome> {
    let app = App::new(array, name).map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
    let plain = color == ColorMode::Plain;
    let mut app = if plain {
        app.with_theme(THEME.plain())
    } else {
        app
    };
    let _screen = Screen::enter()?;
    let mut term = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    'frame: loop {
        term.draw(|frame| {
            frame.render_widget(&app, frame.area());
            if plain {
                strip_colours(frame.buffer_mut());
            }
        })?;
        // Every key already waiting is handled before the next frame, so
        // a held arrow key costs one frame, not one per repeat.
        let mut event = event::read()?;
        loop {
            // A resize needs nothing but the redraw at the top of the loop.
            if let Event::Key(key) = event {
                match app.handle_key(key) {
                    Action::Quit => break 'frame,
                    Action::ResolveSpacing(text) => {
                        let mut watched = |t: &str| interruptible(|| resolve(t));
                        app.apply_spacing(&text, &mut watched);
                    }
                    Action::None => {}
                }
            }
            if !event::poll(Duration::ZERO)? {
                break;
            }
            event = event::read()?;
        }
    }
    drain_keys();
    Ok(app.outcome())
}

/// Keys typed after `q` (a second `q`, a held key's repeats) belong to
/// no one: dropped, so they do not close the next explorer at once or
/// land at the prompt.
fn drain_keys() {
    while event::poll(Duration::from_millis(30)).unwrap_or(false) {
        if event::read().is_err() {
            break;
        }
    }
}

/// Runs `work` (the evaluation of a spacing expression, which may be
/// slow) while a watcher turns Ctrl-C, `q` or Esc into the session's
/// interrupt: raw mode delivers Ctrl-C as a key, not as SIGINT.
fn interruptible<T>(work: impl FnOnce() -> T) -> T {
    let done = AtomicBool::new(false);
    std::thread::scope(|scope| {
        scope.spawn(|| {
            while !done.load(Ordering::Relaxed) {
                if !event::poll(Duration::from_millis(20)).unwrap_or(false) {
                    continue;
                }
                if let Ok(Event::Key(key)) = event::read() {
                    let stop = matches!(key.code, KeyCode::Char('q') | KeyCode::Esc)
                        || (key.code == KeyCode::Char('c')
                            && key.modifiers.contains(KeyModifiers::CONTROL));
                    if stop && key.kind != KeyEventKind::Release {
                        limits::interrupt();
                    }
                }
            }
        });
        let out = work();
        done.store(true, Ordering::Relaxed);
        limits::clear_interrupt();
        out
    })
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
