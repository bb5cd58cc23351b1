//! Terminal rendering: ratatui widgets for the classroom views and the
//! notebook's cells, drawn into an off-screen buffer and turned into text
//! for the scrollback. The only module that imports ratatui and crossterm.

mod ansi;
mod cellview;
pub mod terminal;
mod theme;

pub use ansi::{ColorMode, buffer_to_text};
pub use cellview::{CellView, StyledLine, Tone, cell_text, inline_text};
pub use theme::{THEME, Theme};
