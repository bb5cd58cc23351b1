//! Terminal rendering: ratatui widgets for the classroom views, drawn into
//! an off-screen buffer and turned into text for the scrollback
//! ([`render_cell`]). The only module that imports ratatui.

mod ansi;
mod theme;

pub use ansi::{ColorMode, buffer_to_text};
pub use theme::{THEME, Theme};
