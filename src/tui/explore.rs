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

use crossterm::event::{self, Event};
use crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Color;

pub use app::{Action, App, Spacing, explorable};

use super::{ColorMode, THEME, terminal};
use crate::array::Array;
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
    loop {
        term.draw(|frame| {
            frame.render_widget(&app, frame.area());
            if plain {
                strip_colours(frame.buffer_mut());
            }
        })?;
        // A resize needs nothing but the redraw at the top of the loop.
        if let Event::Key(key) = event::read()? {
            match app.handle_key(key) {
                Action::Quit => break,
                Action::ResolveSpacing(text) => app.apply_spacing(&text, resolve),
                Action::None => {}
            }
        }
    }
    Ok(app.outcome())
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
